"""A real SSH server on 127.0.0.1 for one ``with`` block: a "remote host" for Fabric lessons and tests.

>>> with ssh_host("web1") as web1, web1.connect() as conn:
...     conn.run("echo hello > note.txt && cat note.txt", hide=True).stdout
'hello\\n'

:func:`ssh_host` starts an ``asyncssh`` server in a thread of its own (its own event loop), on
127.0.0.1 at a port the operating system picks, and yields an :class:`SSHHost`:

- the **host key** is made once per process (per kernel) and handed to the client through a
  ``known_hosts`` file, so the client checks it (paramiko's ``RejectPolicy``): nothing is trusted blindly;
- one **throwaway user** (``deploy``) logs in with a key pair also made once per process; no password,
  no other user, no other key;
- every **command** runs with ``/bin/sh -c`` in the host's own empty folder (its ``root``, also ``HOME``),
  with a small fixed environment (``COURSE_HOST`` names the host); **SFTP** resolves relative paths
  against the same folder, so ``put("a.txt")`` and ``run("cat a.txt")`` agree;
- when the block ends the server stops: the listening socket is closed, commands still running are
  killed and reaped, the thread ends, the folder is removed. A host left running (a block never
  finished) is stopped at interpreter exit.

:meth:`SSHHost.connect` returns a ``fabric.Connection`` that reads no SSH or Fabric configuration file
of the user's, uses no agent and no key of the user's, and trusts only this host's key.

Needs ``asyncssh`` (server) and ``fabric`` (client), imported when a host starts.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from course.runtime.scratch import scratch_dir

if TYPE_CHECKING:
    import fabric

__all__ = ["USER", "SSHHost", "ssh_host", "ssh_hosts"]

USER = "deploy"
"""The only user the servers accept."""

STOP_SECONDS = 10.0
"""How long stopping a host may take (closing connections, killing commands) before it is reported."""

_keys: dict[str, Any] = {}
_keys_lock = threading.Lock()
_folder: list[Path] = []


def _process_keys() -> tuple[Any, Any, Path]:
    """This process's host key, client key and the folder holding the client's key file (made once)."""
    import asyncssh

    with _keys_lock:
        if not _keys:
            folder = scratch_dir("ssh")
            _folder.append(folder)
            client = asyncssh.generate_private_key("ssh-ed25519")
            key_file = folder / "id_ed25519"
            key_file.write_bytes(client.export_private_key("openssh"))
            key_file.chmod(0o600)
            _keys.update(host=asyncssh.generate_private_key("ssh-ed25519"), client=client, file=key_file)
        return _keys["host"], _keys["client"], _folder[0]


@dataclass
class SSHHost:
    """One running server: its name, address, folder (``root``) and what a client needs to log in."""

    name: str
    port: int
    root: Path
    key_file: Path
    known_hosts: Path
    host: str = "127.0.0.1"
    user: str = USER
    commands: list[str] = field(default_factory=list)
    """Every command a client asked this host to run, in order."""

    def connect(self, **kwargs: Any) -> fabric.Connection:
        """A ``fabric.Connection`` to this host (not yet open; it opens on first use). Use it in a ``with``
        block or ``close()`` it. Keyword arguments go to ``fabric.Connection``."""
        import fabric
        import paramiko

        config = fabric.Config(lazy=True, overrides={"load_ssh_configs": False, "run": {"in_stream": False}})
        kwargs.setdefault("user", self.user)
        conn = fabric.Connection(
            self.host,
            port=self.port,
            config=config,
            connect_timeout=10,
            connect_kwargs={
                "key_filename": str(self.key_file),
                "look_for_keys": False,
                "allow_agent": False,
            },
            **kwargs,
        )
        conn.client = paramiko.SSHClient()  # not fabric's, which would read ~/.ssh/known_hosts and trust any key
        conn.client.load_host_keys(str(self.known_hosts))
        conn.client.set_missing_host_key_policy(paramiko.RejectPolicy())
        return conn


class _Server:
    """The server thread: an event loop serving one host until ``stop()``."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.ready = threading.Event()
        self.error: BaseException | None = None
        self.loop = asyncio.new_event_loop()
        self.stopping: asyncio.Event | None = None
        self.children: set[asyncio.subprocess.Process] = set()
        self.connections: set[Any] = set()
        self.port = 0
        base = _process_keys()[2]
        self.root = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=base))
        self.commands: list[str] = []
        self.thread = threading.Thread(target=self._run, name=f"ssh-{name}", daemon=True)

    def _run(self) -> None:
        try:
            self.loop.run_until_complete(self._serve())
        except BaseException as err:  # noqa: BLE001 - handed to the thread that started the host
            self.error = err
        finally:
            self.ready.set()
            self.loop.close()

    async def _serve(self) -> None:
        import asyncssh

        host_key, client_key, _ = _process_keys()
        allowed = client_key.export_public_key("openssh")
        root = self.root
        connections = self.connections

        class Auth(asyncssh.SSHServer):
            def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
                connections.add(conn)

            def connection_lost(self, exc: Exception | None) -> None:
                connections.difference_update([c for c in connections if c.is_closed()])

            def begin_auth(self, username: str) -> bool:
                return True  # authentication is always required

            def public_key_auth_supported(self) -> bool:
                return True

            def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
                return username == USER and key.export_public_key("openssh") == allowed

        class Files(asyncssh.SFTPServer):
            def map_path(self, path: bytes) -> bytes:
                return path if path.startswith(b"/") else os.path.join(os.fsencode(root), path)

        self.stopping = asyncio.Event()
        server = await asyncssh.create_server(
            Auth,
            "127.0.0.1",
            0,
            server_host_keys=[host_key],
            process_factory=self._handle,
            sftp_factory=Files,
            allow_scp=False,
        )
        self.port = server.sockets[0].getsockname()[1]
        self.ready.set()
        try:
            await self.stopping.wait()
        finally:
            server.close()
            for child in list(self.children):  # each command leads a process group: kill the whole group
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(child.pid, signal.SIGKILL)
            for child in list(self.children):
                await child.wait()
            for conn in list(self.connections):  # clients still connected see the connection close
                conn.close()
            for conn in list(self.connections):
                await conn.wait_closed()
            await server.wait_closed()

    async def _handle(self, process: Any) -> None:
        command = process.command
        if command is None:  # an interactive shell: not offered
            process.stderr.write("this host runs commands only, no interactive shell\n")
            process.exit(1)
            return
        self.commands.append(command)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(self.root), "LANG": "C.UTF-8"}
        env["COURSE_HOST"] = self.name
        child = await asyncio.create_subprocess_exec(
            "/bin/sh",
            "-c",
            command,
            cwd=self.root,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            start_new_session=True,  # its own process group, killed as a whole when the host stops
        )
        self.children.add(child)
        try:
            out, err = await child.communicate()
        finally:
            self.children.discard(child)
        process.stdout.write(out.decode("utf-8", "replace"))
        process.stderr.write(err.decode("utf-8", "replace"))
        code = child.returncode if child.returncode is not None else 255
        process.exit(code if code >= 0 else 128 - code)  # killed by signal N: 128 + N, as a shell reports it

    def start(self) -> None:
        self.thread.start()
        self.ready.wait()
        if self.error is not None:
            raise RuntimeError(f"SSH host {self.name} did not start: {self.error!r}") from self.error

    def stop(self) -> None:
        if self.thread.is_alive() and self.stopping is not None:
            with contextlib.suppress(RuntimeError):  # the loop already closed
                self.loop.call_soon_threadsafe(self.stopping.set)
            self.thread.join(STOP_SECONDS)
        shutil.rmtree(self.root, ignore_errors=True)
        if self.thread.is_alive():
            raise RuntimeError(f"SSH host {self.name} did not stop within {STOP_SECONDS} s")


@contextlib.contextmanager
def ssh_host(name: str = "host") -> Iterator[SSHHost]:
    """A real SSH server on 127.0.0.1 for one ``with`` block (see the module's docstring)."""
    server = _Server(name)
    atexit.register(server.stop)  # a block that never ends (a kernel stopped mid-cell)
    try:
        server.start()
        known = server.root.parent / f"known_hosts-{server.root.name}"
        host_key = _process_keys()[0]
        line = f"[127.0.0.1]:{server.port} {host_key.export_public_key('openssh').decode().strip()}\n"
        known.write_text(line, encoding="utf-8")
        try:
            yield SSHHost(name, server.port, server.root, _keys["file"], known, commands=server.commands)
        finally:
            known.unlink(missing_ok=True)
    finally:
        server.stop()
        atexit.unregister(server.stop)


@contextlib.contextmanager
def ssh_hosts(*names: str) -> Iterator[list[SSHHost]]:
    """Several hosts (one server each) for one ``with`` block, in the order of ``names``."""
    if len(set(names)) != len(names):
        raise ValueError(f"ssh_hosts: host names must differ, got {names}")
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(ssh_host(name)) for name in names]
