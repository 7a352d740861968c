"""``course start`` and ``course update``: a learner's workspace outside the repository.

``start`` copies the self-study edition into the workspace (the first time) and opens
JupyterLab on the course home, as a learner's JupyterLab: :data:`LEARNER_CONFIG` goes first on
``JUPYTER_CONFIG_PATH`` for that server only, so nbgrader's tools (menu, Validate button,
Create Assignment sidebar) and JupyterLab's news question stay out of the way, while a
JupyterLab started anywhere else (a teacher's, in the repository) keeps them. Binder's
``postBuild`` installs the same file. ``update`` brings a newer build into an existing workspace,
notebook by notebook, with :func:`course.workspace.merge.merge_notebooks`: the learner's
answers, own cells, outputs and ticks stay; every notebook it changes is backed up first, and
every write is atomic (a killed update leaves each notebook old or new, never half-written).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from course.editions.layout import HOME
from course.editions.writer import atomic_write
from course.errors import WorkspaceError
from course.workspace.merge import MergeReport, merge_bytes

WORKSPACE_ENV = "COURSE_WORKSPACE"
# a Jupyter config directory: labconfig/page_config.json disables what a learner does not use
LEARNER_CONFIG = Path(__file__).with_name("learner_jupyter_config")
BACKUPS = ".course-backups"
Progress = Callable[[str], None]


def default_workspace() -> Path:
    """``$COURSE_WORKSPACE``, else ``~/python-roadmap-course``."""
    env = os.environ.get(WORKSPACE_ENV)
    return Path(env).expanduser() if env else Path.home() / "python-roadmap-course"


@dataclass
class NotebookUpdate:
    path: str
    action: str  # added | updated | unchanged | kept-unreadable
    report: MergeReport | None = None
    backup: str = ""

    def line(self) -> str:
        detail = f" ({self.report.summary()})" if self.report and self.action == "updated" else ""
        conflicts = ""
        if self.report and self.report.conflicts:
            conflicts = "; conflicts, your version kept: " + ", ".join(self.report.conflicts)
        orphans = ""
        if self.report and self.report.orphaned:
            orphans = "; kept your edited cells whose exercise is gone: " + ", ".join(self.report.orphaned)
        backup = f"; backup: {self.backup}" if self.backup else ""
        return f"{self.action:9s} {self.path}{detail}{conflicts}{orphans}{backup}"


@dataclass
class UpdateReport:
    workspace: Path
    notebooks: list[NotebookUpdate] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # data files copied


def _backup_dir(ws: Path, stamp: str) -> Path:
    return ws / BACKUPS / stamp


def update_workspace(build: Path, ws: Path, *, stamp: str, progress: Progress | None = None) -> UpdateReport:
    """Bring the self-study build at ``build`` into the workspace ``ws``.

    ``stamp`` names the backup folder (``.course-backups/<stamp>/``) for this run.
    """
    say = progress or (lambda _m: None)
    if not (build / HOME).is_file():
        msg = "no built self-study edition here"
        raise WorkspaceError(msg, path=build, expected=f"a folder with {HOME} (run 'course build')")
    report = UpdateReport(ws)
    ws.mkdir(parents=True, exist_ok=True)
    for leftover in ws.rglob(".*.tmp"):  # from an update that was killed while writing
        if leftover.is_file():
            leftover.unlink()
    for src in sorted(build.rglob("*")):
        if src.is_dir() or any(part.startswith(".") for part in src.relative_to(build).parts):
            continue
        rel = src.relative_to(build)
        dst = ws / rel
        if src.suffix != ".ipynb":
            if not dst.exists() or dst.read_bytes() != src.read_bytes():
                if dst.exists():
                    _backup(dst, _backup_dir(ws, stamp) / rel)
                atomic_write(dst, src.read_bytes())
                report.files.append(rel.as_posix())
            continue
        result = _update_notebook(src, dst, _backup_dir(ws, stamp) / rel)
        result.path = rel.as_posix()
        if result.backup:
            result.backup = Path(result.backup).relative_to(ws).as_posix()
        report.notebooks.append(result)
        if result.action != "unchanged":
            say(result.line())
    return report


def _backup(path: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(path, target)


def _update_notebook(src: Path, dst: Path, backup: Path) -> NotebookUpdate:
    new_bytes = src.read_bytes()
    if not dst.exists():
        atomic_write(dst, new_bytes)
        return NotebookUpdate(str(dst), "added")
    old_bytes = dst.read_bytes()
    if old_bytes == new_bytes:
        return NotebookUpdate(str(dst), "unchanged")
    result = merge_bytes(old_bytes, new_bytes)
    if result is None:  # an unreadable notebook is kept as it is, never overwritten
        return NotebookUpdate(str(dst), "kept-unreadable")
    data, report = result
    if data == old_bytes:
        return NotebookUpdate(str(dst), "unchanged", report)
    _backup(dst, backup)
    atomic_write(dst, data)
    return NotebookUpdate(str(dst), "updated", report, str(backup))


def learner_environment(env: Mapping[str, str]) -> dict[str, str]:
    """``env`` for a learner's Jupyter server: :data:`LEARNER_CONFIG` first on ``JUPYTER_CONFIG_PATH``."""
    extra = [p for p in env.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if p]
    return {**env, "JUPYTER_CONFIG_PATH": os.pathsep.join([str(LEARNER_CONFIG), *extra])}


def _stopping_signals() -> list[signal.Signals]:
    """SIGTERM, and SIGHUP unless this process was told to ignore it (``nohup``)."""
    sigs = [signal.SIGTERM]
    if hasattr(signal, "SIGHUP") and signal.getsignal(signal.SIGHUP) is not signal.SIG_IGN:
        sigs.append(signal.SIGHUP)
    return sigs


def _stop(server: subprocess.Popen[bytes]) -> Callable[[int, object], None]:
    """A handler that asks the server to stop: SIGTERM, whatever arrived here (a server started
    under ``nohup`` would ignore a SIGHUP passed on as it is)."""

    def handler(_signum: int, _frame: object) -> None:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)

    return handler


def launch_jupyterlab(ws: Path, *, port: int | None = None) -> int:
    """Open JupyterLab in the workspace on the course home; returns its exit status.

    JupyterLab stops with ``course``: SIGTERM or SIGHUP sent to this process becomes a SIGTERM
    to the server, which shuts down cleanly, and on Linux the server also gets SIGTERM if this
    process dies without a chance to pass anything on (``PR_SET_PDEATHSIG``). Started under
    ``nohup`` (SIGHUP ignored), a hangup is ignored as the user asked.
    """
    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={ws}", HOME]
    if port:
        cmd.append(f"--ServerApp.port={port}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # containers and CI machines often run as root
    server = subprocess.Popen(
        cmd,
        cwd=ws,
        env=learner_environment(os.environ),
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,  # noqa: PLW1509
    )
    previous = {sig: signal.signal(sig, _stop(server)) for sig in _stopping_signals()}
    try:
        while True:
            try:
                return server.wait()
            except KeyboardInterrupt:
                continue  # Ctrl+C reaches the server too (same process group); it decides
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux for SIGTERM when the parent process dies."""
    import ctypes

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
