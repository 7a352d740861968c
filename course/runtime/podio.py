"""Stand-ins for what a Pod says and does: its logs and ``exec``, which the course's emulated cluster cannot give.

kmock (course.runtime.kube) stores objects and runs nothing, so there is no container to read logs from or run a
command in: the emulator answers a Pod's ``log`` subresource with the Pod's own JSON and fails an exec handshake.
Code that reads logs or runs commands therefore takes the reading or running function as an argument, and a
notebook passes one of these instead of the real one:

- :class:`PodLogs` has the real ``CoreV1Api.read_namespaced_pod_log(name, namespace, container=..., tail_lines=...,
  previous=...)`` signature and answers from texts given per container, with the real API's errors: 404 for an
  unknown Pod, 400 when a Pod has several containers and none is named, 400 for ``previous=True`` when the
  container never restarted;
- :class:`PodExec` is called like ``kubernetes.stream.stream(core.connect_get_namespaced_pod_exec, name,
  namespace, command=[...], container=..., stderr=True, stdin=False, stdout=True, tty=False)`` minus the first
  argument, and answers with the text given for that exact command (what ``stream`` returns: stdout and stderr
  together, as one string).

Both record every call in ``calls``. They are stand-ins: no follow (streaming), no timestamps, no exit codes.
``kubernetes`` is imported only to raise its ``ApiException``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["PodExec", "PodLogs"]


def _api_error(status: int, reason: str, message: str) -> Exception:
    from kubernetes.client.rest import ApiException  # type: ignore[import-untyped]

    error = ApiException(status=status, reason=reason)
    error.body = json.dumps(
        {
            "kind": "Status",
            "apiVersion": "v1",
            "status": "Failure",
            "message": message,
            "reason": reason,
            "code": status,
        }
    )
    return error


@dataclass
class PodLogs:
    """Logs per container: ``current[(namespace, pod, container)]`` is the running instance's text,
    ``previous[...]`` the text of the instance before its last restart."""

    current: Mapping[tuple[str, str, str], str]
    previous: Mapping[tuple[str, str, str], str] = field(default_factory=dict)
    calls: list[dict[str, Any]] = field(default_factory=list)

    def read_namespaced_pod_log(
        self,
        name: str,
        namespace: str,
        *,
        container: str | None = None,
        tail_lines: int | None = None,
        previous: bool = False,
        **options: Any,
    ) -> str:
        """The log text, as the real method returns it (``str``); ``tail_lines`` keeps the last lines."""
        self.calls.append(
            {
                "name": name,
                "namespace": namespace,
                "container": container,
                "tail_lines": tail_lines,
                "previous": previous,
                **options,
            }
        )
        containers = sorted(c for (ns, pod, c) in self.current if (ns, pod) == (namespace, name))
        if not containers:
            raise _api_error(404, "NotFound", f'pods "{name}" not found')
        if container is None:
            if len(containers) > 1:
                message = f"a container name must be specified for pod {name}, choose one of: {containers}"
                raise _api_error(400, "BadRequest", message)
            container = containers[0]
        if container not in containers:
            raise _api_error(400, "BadRequest", f"container {container} is not valid for pod {name}")
        texts = self.previous if previous else self.current
        key = (namespace, name, container)
        if key not in texts:
            message = f'previous terminated container "{container}" in pod "{name}" not found'
            raise _api_error(400, "BadRequest", message)
        text = texts[key]
        if tail_lines is None:
            return text
        if tail_lines <= 0:
            return ""
        return "".join(text.splitlines(keepends=True)[-tail_lines:])


@dataclass
class PodExec:
    """Command output per Pod: ``outputs[(namespace, pod, (argv...))]`` is what running that argv prints."""

    outputs: Mapping[tuple[str, str, tuple[str, ...]], str]
    calls: list[tuple[str, str, tuple[str, ...], str | None]] = field(default_factory=list)

    def __call__(
        self, name: str, namespace: str, *, command: Sequence[str], container: str | None = None, **flags: Any
    ) -> str:
        """Run ``command`` (a list of arguments, never one shell string) in the Pod; return its output.

        One string is refused with ``TypeError`` at once; a real server would instead try to run a program named
        by the whole string (``"df -P /data"``) and fail."""
        if isinstance(command, str):
            msg = "command is a list of arguments, e.g. ['df', '-P', '/data'], not one string"
            raise TypeError(msg)
        argv = tuple(command)
        self.calls.append((namespace, name, argv, container))
        if not any((ns, pod) == (namespace, name) for (ns, pod, _) in self.outputs):
            raise _api_error(404, "NotFound", f'pods "{name}" not found')
        try:
            return self.outputs[namespace, name, argv]
        except KeyError:
            msg = f"the exec stand-in has no output for {list(argv)} in {namespace}/{name}"
            raise LookupError(msg) from None
