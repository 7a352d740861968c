"""Kernels for the notebooks the course runs itself (``course verify``, nbgrader's autograding):
they listen on Unix sockets in a private folder instead of TCP ports.

Why: a kernel on TCP needs free ports, which another kernel (or a test server) started at the same
moment can take first, and every one of them prints "Kernel is running over TCP without encryption"
(once per kernel: hundreds of lines in a grading or verify log). Sockets in a folder only we can enter
need no port, cannot be reached by other users, and go with the folder when the kernel stops.

Elsewhere (Windows) the managers keep jupyter_client's defaults: TCP on localhost.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from typing import Any

from jupyter_client.manager import AsyncKernelManager, KernelManager
from jupyter_core.utils import run_sync
from traitlets import default

LOCAL_SOCKETS = os.name == "posix"


class _LocalSockets:
    """The shared part: IPC transport, the sockets' folder made on first use and removed at the end."""

    _sockets: str | None = None

    @default("transport")
    def _transport_default(self) -> str:
        return "ipc" if LOCAL_SOCKETS else "tcp"

    @default("ip")
    def _ip_default(self) -> str:
        if getattr(self, "transport", "tcp") != "ipc":
            return "127.0.0.1"
        self._sockets = tempfile.mkdtemp(prefix="course-kernel-")  # mode 0700: ours alone
        return os.path.join(self._sockets, "kernel")

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)  # type: ignore[misc]
        if not restart and self._sockets is not None:  # a restart keeps the folder for the new kernel
            shutil.rmtree(self._sockets, ignore_errors=True)
            self._sockets = None


class LocalSocketKernelManager(_LocalSockets, KernelManager):
    """A ``KernelManager`` on local sockets (see the module)."""

    cleanup_resources: Any = run_sync(_LocalSockets._async_cleanup_resources)


class AsyncLocalSocketKernelManager(_LocalSockets, AsyncKernelManager):
    """An ``AsyncKernelManager`` on local sockets (see the module); nbclient and nbgrader use this kind."""

    cleanup_resources: Any = _LocalSockets._async_cleanup_resources
