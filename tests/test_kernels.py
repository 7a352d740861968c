"""course.kernels: the kernels the course runs itself listen on local sockets in a private folder."""

from __future__ import annotations

import asyncio
import os
import shutil
import stat
import tempfile
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from course.grading.execute import GradingExecute
from course.kernels import AsyncLocalSocketKernelManager, LocalSocketKernelManager
from course.verify.execute import execute_notebook

pytestmark = pytest.mark.skipif(os.name != "posix", reason="local sockets are a POSIX thing")
WARNING = "without encryption"


def test_a_kernel_listens_in_a_folder_only_we_can_enter_and_the_folder_goes_with_it(
    capfd: pytest.CaptureFixture[str],
) -> None:
    km = LocalSocketKernelManager(kernel_name="python3")
    km.start_kernel()
    folder = Path(km.ip).parent
    try:
        assert km.transport == "ipc" and folder.is_dir()
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, "other users cannot reach the sockets"
        client = km.client()
        client.start_channels()
        client.wait_for_ready(timeout=60)
        reply = client.execute_interactive("6 * 7", timeout=60)
        assert reply["content"]["status"] == "ok"
        assert any(name.startswith("kernel-") for name in os.listdir(folder)), "the sockets are in the folder"
        client.stop_channels()
    finally:
        km.shutdown_kernel()
    assert not folder.exists(), "the sockets' folder is removed with the kernel"
    assert WARNING not in capfd.readouterr().err


def test_a_restart_keeps_the_folder_and_a_shutdown_removes_it() -> None:
    async def lifecycle() -> tuple[bool, Path]:
        km = AsyncLocalSocketKernelManager(kernel_name="python3")
        await km.start_kernel()
        folder = Path(km.ip).parent
        try:
            await km.restart_kernel()
            kept = folder.is_dir()
        finally:
            await km.shutdown_kernel()
        return kept, folder

    kept, folder = asyncio.run(lifecycle())
    assert kept, "the restarted kernel listens in the same folder"
    assert not folder.exists()


def test_notebooks_verified_and_graded_run_on_local_sockets_without_the_tcp_warning(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    nb = new_notebook(cells=[new_code_cell("print('ran')")])
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    # a temp folder of this test's own: other test workers start kernels in the shared one meanwhile
    # (short, as Unix socket paths must be)
    private = Path(tempfile.mkdtemp(prefix="ck-"))
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    monkeypatch.setenv("TMPDIR", str(private))
    try:
        assert execute_notebook(path).ok
        grader = GradingExecute()
        assert grader.kernel_manager_class is AsyncLocalSocketKernelManager, "nbgrader's own default is TCP"
        graded, _ = grader.preprocess(nbformat.read(path, as_version=4), {"metadata": {"path": str(tmp_path)}})
        assert graded.cells[0].outputs[0]["text"].startswith("ran")
        assert WARNING not in capfd.readouterr().err
        left = {p.name for p in private.iterdir() if p.name.startswith("course-kernel-")}
        assert not left, f"sockets' folders left behind: {left}"
    finally:
        monkeypatch.undo()
        shutil.rmtree(private, ignore_errors=True)
