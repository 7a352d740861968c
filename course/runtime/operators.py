"""A real kopf operator against the course's emulated cluster, for one ``with`` block.

:func:`running_operator` runs the handlers of a ``kopf.OperatorRegistry`` with kopf's own test runner
(``kopf.testing.KopfRunner``: the ``kopf run`` command in a thread with its own event loop) against a cluster of
:mod:`course.runtime.kube`. It adds what a notebook or a test needs around it:

- a login handler that points kopf at the cluster's URL (kopf reads no kubeconfig, no token, no proxy);
- ``--standalone`` (no peering objects, so no ``KopfPeering`` CRD is needed) and one namespace or all;
- synchronous handlers run in an executor of the block's own, shut down (its threads joined) at the end;
- ``kopf run`` reconfigures the root logger (a handler on the runner's captured stderr, level INFO) and the
  ``asyncio`` logger: both are put back at the end, so later logging in the kernel is not sent to a closed stream;
- the operator is stopped at the end and its thread joined; a block that raises still stops it.

While the block runs, click's test runner has swapped ``sys.stdout`` and ``sys.stderr`` for buffers: a ``print``
inside the block lands in ``runner.output`` (with kopf's log), not in the notebook. Print after the block.
kopf and kmock are imported only when an operator starts.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
from collections.abc import Iterator
from typing import Any

__all__ = ["running_operator"]

STOP_TIMEOUT = 20.0
"""Seconds the operator's thread may take to end after the block (kopf cancels its tasks first)."""


@contextlib.contextmanager
def _logging_put_back() -> Iterator[None]:
    """Restore the root and ``asyncio`` loggers' handlers, levels and propagation after the block."""
    saved = [
        (logger, list(logger.handlers), logger.level, logger.propagate)
        for logger in (logging.getLogger(), logging.getLogger("asyncio"))
    ]
    try:
        yield
    finally:
        for logger, handlers, level, propagate in saved:
            logger.handlers[:] = handlers
            logger.setLevel(level)
            logger.propagate = propagate


@contextlib.contextmanager
def running_operator(url: str, registry: Any, *, namespace: str | None = "default") -> Iterator[Any]:
    """Run the handlers of ``registry`` (a ``kopf.OperatorRegistry``) against the cluster at ``url`` for the
    block; yields the ``KopfRunner`` (``runner.output`` holds kopf's log once the block has ended).

    ``namespace=None`` watches every namespace (``--all-namespaces``). Kopf's settings are its defaults, so
    Events are posted as in a real deployment: ``kopf.info/warn/exception`` calls post them (in the background),
    log lines do not (kopf 1.45's ``settings.posting.loggers`` is off)."""
    import kopf
    from kopf.testing import KopfRunner

    @kopf.on.login(registry=registry)  # type: ignore[untyped-decorator,unused-ignore]
    def _login(**_: Any) -> kopf.ConnectionInfo:
        return kopf.ConnectionInfo(server=url.rstrip("/"), insecure=True)

    executor = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="course-kopf")
    settings = kopf.OperatorSettings()
    settings.execution.executor = executor
    scope = ["--all-namespaces"] if namespace is None else ["--namespace", namespace]
    try:
        with (
            _logging_put_back(),
            KopfRunner(
                ["run", "--standalone", *scope], registry=registry, settings=settings, timeout=STOP_TIMEOUT
            ) as runner,
        ):
            yield runner
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
