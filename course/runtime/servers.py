"""Server processes that never outlive the Python process (the Jupyter kernel) that started them.

The parts every server helper (:mod:`course.runtime.valkey`, :mod:`course.runtime.postgres`) shares:

- :func:`spawn` starts a command with its output in a log file, in a session (and process group) of its own.
  Jupyter signals a kernel's whole process group: "interrupt" (and every shutdown, which interrupts first)
  sends SIGINT, which would stop PostgreSQL or Valkey under the learner, and at exit ipykernel signals every
  child in its group and waits for them to go away, which a stopped but not yet reaped server never does, so
  Jupyter kills the kernel before its exit handlers remove the server's folder. On Linux the child is killed
  by the operating system when this process dies (``PR_SET_PDEATHSIG``), so a kernel killed outright does not
  leave it behind. That signal is tied to the *thread* that forked the child, so a server asked for from any
  thread but the main one is forked by one daemon thread that lives as long as the process. The signal is set in
  the child after ``Popen``'s user switch (``user=``), which would clear it, and a child whose parent died
  before that exits.
- :func:`wait_ready` polls a readiness check until it holds, the process ends or a deadline passes; the error
  quotes the end of the log.
- :func:`stop_process` sends a signal, waits, kills after a grace period, always reaps; an interrupt while
  waiting (a second Ctrl-C) kills the child before it propagates.
- :class:`SharedServer` keeps one server per process, started on first use, replaced when it died, stopped at
  interpreter exit. Each server's temporary folder comes from :func:`course.runtime.scratch.scratch_dir`, so a
  killed kernel's folder is swept by the next start.

Standard library only: this runs in learners' kernels.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

__all__ = ["Server", "SharedServer", "die_with_parent", "spawn", "stop_process", "wait_ready"]


def die_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` that asks Linux to SIGKILL the child when the thread that forked it ends (the process
    dying ends every thread), and exits at once if the parent already died; ``None`` on other systems."""
    if not sys.platform.startswith("linux"):
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    pr_set_pdeathsig, sigkill = 1, int(signal.SIGKILL)  # looked up before the fork: the child makes two calls
    parent = os.getpid()

    def preexec() -> None:
        prctl(pr_set_pdeathsig, sigkill)  # runs after Popen's user/group switch, which would clear it
        if os.getppid() != parent:  # the parent died between fork and prctl: no signal would ever come
            os._exit(1)

    return preexec


_requests: queue.SimpleQueue[tuple[Callable[[], subprocess.Popen[bytes]], queue.SimpleQueue[object]]] = (
    queue.SimpleQueue()
)
_spawner: list[threading.Thread] = []
_spawner_lock = threading.Lock()


def _spawn_forever() -> None:
    while True:
        start, reply = _requests.get()
        try:
            reply.put(start())
        except BaseException as err:  # noqa: BLE001  # handed to the asking thread, which raises it
            reply.put(err)


def _in_spawner(start: Callable[[], subprocess.Popen[bytes]]) -> subprocess.Popen[bytes]:
    with _spawner_lock:
        if not _spawner:
            _spawner.append(threading.Thread(target=_spawn_forever, name="server-spawner", daemon=True))
            _spawner[0].start()
    reply: queue.SimpleQueue[object] = queue.SimpleQueue()
    _requests.put((start, reply))
    result = reply.get()
    if isinstance(result, BaseException):
        raise result
    assert isinstance(result, subprocess.Popen)
    return result


def spawn(command: Sequence[str], log: Path, **popen: Any) -> subprocess.Popen[bytes]:
    """Start ``command`` (stdin empty, stdout and stderr appended to ``log``) so that it dies with this process
    on Linux; ``popen`` holds further ``Popen`` keywords (``user=``, ``group=``, ``env=`` ...)."""

    def start() -> subprocess.Popen[bytes]:
        with log.open("ab") as out:
            return subprocess.Popen(
                list(command),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                preexec_fn=die_with_parent(),  # noqa: PLW1509  # no lock or import in the forked child
                start_new_session=True,  # not in the kernel's process group: see the module's docstring
                **popen,
            )

    if threading.current_thread() is threading.main_thread() or not sys.platform.startswith("linux"):
        return start()
    return _in_spawner(start)


def wait_ready(
    process: subprocess.Popen[bytes], ready: Callable[[], bool], *, timeout: float, log: Path, what: str
) -> None:
    """Return once ``ready()`` is true; raise ``RuntimeError`` (with the log's last lines) if ``process`` ends
    first or ``timeout`` seconds pass. The deadline only bounds a server that never comes up."""
    deadline = time.monotonic() + timeout
    while not ready():
        if process.poll() is not None or time.monotonic() > deadline:
            try:
                text = log.read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
            raise RuntimeError(f"{what} did not start: {text.strip()[-500:]}")
        time.sleep(0.01)


def stop_process(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM, grace: float = 5.0) -> None:
    """Send ``sig``, wait up to ``grace`` seconds, then SIGKILL; the process is reaped in every case. An
    interrupt during the wait kills it too, then propagates. Idempotent."""
    if process.poll() is not None:
        return
    try:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(sig)
        process.wait(grace)
    except BaseException:
        process.kill()
        process.wait()
        if not isinstance(sys.exc_info()[1], subprocess.TimeoutExpired):
            raise


class Server(Protocol):
    """What :class:`SharedServer` needs of a server object."""

    def alive(self) -> bool: ...

    def stop(self) -> None: ...


S = TypeVar("S", bound=Server)


class SharedServer(Generic[S]):
    """One server per process: made by ``start()`` on first :meth:`get`, made again when it died, stopped at
    interpreter exit (and by :meth:`stop`)."""

    def __init__(self, start: Callable[[], S]) -> None:
        self._start = start
        self.servers: list[S] = []  # zero or one
        self._lock = threading.Lock()

    def get(self) -> S:
        with self._lock:
            if self.servers and not self.servers[0].alive():
                self.servers.pop().stop()
            if not self.servers:
                self.servers.append(self._start())
                # Registered after the server's scratch folder registered its own removal: exit handlers run
                # last-in first-out, so the server is stopped before its folder is removed, not after.
                atexit.register(self.stop)
            return self.servers[0]

    def stop(self) -> None:
        with self._lock:
            while self.servers:
                self.servers.pop().stop()
