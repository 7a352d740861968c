"""Every command reports a problem as one line naming the path and what was expected, exit 1;
usage errors exit 2; a closed pipe ends quietly. Never a traceback."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from course.cli import main
from tests.conftest import ROOT


def _one_line_error(err: str, *parts: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for part in parts:
        assert part in lines[0], lines[0]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip().startswith("course 0.")


def test_every_subcommand_has_a_one_line_description() -> None:
    from course.cli import parser

    sub = next(a for a in parser()._actions if a.dest == "command")
    helps = {c.dest: c.help for c in sub._choices_actions}
    assert set(helps) == set(sub.choices), "a subcommand without --help text"
    assert all(h and "\n" not in h for h in helps.values()), helps


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["grade"])
    assert info.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_grade_of_an_unknown_phase_lists_the_valid_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["grade", "99", "--root", str(ROOT)]) == 1
    _one_line_error(capsys.readouterr().err, "no assignment 'phase-99'", "phase-00", "phase-24")


def test_start_under_a_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    afile = tmp_path / "hostname"
    afile.write_text("x")
    assert main(["start", str(afile / "ws"), "--root", str(ROOT), "--no-open"]) == 1
    _one_line_error(capsys.readouterr().err, str(afile / "ws"), "Not a directory")


def test_start_where_a_folder_cannot_be_made_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        # root ignores permissions: then a path under /proc, where nobody can make folders
        target = Path("/proc/course-nope/ws") if os.access(locked, os.W_OK) else locked / "ws"
        assert main(["start", str(target), "--root", str(ROOT), "--no-open"]) == 1
    finally:
        locked.chmod(0o700)
    _one_line_error(capsys.readouterr().err, "course start: error: ")


def test_update_refuses_a_folder_that_is_not_a_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    typo = tmp_path / "typo-workspace"
    assert main(["update", str(typo), "--root", str(ROOT)]) == 1
    _one_line_error(capsys.readouterr().err, str(typo), "not a course workspace", "course start")
    assert not typo.exists(), "update must not create a workspace"
    typo.mkdir()
    (typo / "notes.txt").write_text("mine")
    assert main(["update", str(typo), "--root", str(ROOT)]) == 1
    assert sorted(p.name for p in typo.iterdir()) == ["notes.txt"]


def test_a_closed_pipe_ends_quietly() -> None:
    proc = subprocess.run(
        f"'{sys.executable}' -m course ids 1.2 --root '{ROOT}' | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.stdout.strip() == "## Concepts to Learn"
    assert proc.stderr == "", proc.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_stopping_course_start_stops_jupyterlab(tmp_path: Path, sig: signal.Signals) -> None:
    ws = tmp_path / "ws"
    assert main(["start", str(ws), "--root", str(ROOT), "--no-open", "-q"]) == 0
    port = _free_port()
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp_path / "cfg"), JUPYTER_RUNTIME_DIR=str(tmp_path / "rt"))
    cmd = [sys.executable, "-m", "course", "start", str(ws), "--root", str(ROOT), "--port", str(port), "-q"]
    env["BROWSER"] = "true"  # never open a browser
    proc = subprocess.Popen(
        cmd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # as from a terminal, even when the tests run under nohup (SIGHUP ignored is inherited)
        preexec_fn=_hangups_not_ignored,
    )
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start")
        servers = _children(proc.pid)
        assert servers, "course start runs JupyterLab as a child process"
        proc.send_signal(sig)
        proc.wait(timeout=60)
        deadline = time.monotonic() + 30
        while any(_alive(p) for p in servers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(_alive(p) for p in servers), "JupyterLab outlived course start"
        with pytest.raises(OSError, match="refused"):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api", timeout=2)
    finally:
        if proc.poll() is None:
            proc.kill()


def _hangups_not_ignored() -> None:
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP on this system")
def test_under_nohup_a_hangup_does_not_stop_the_course() -> None:
    from course.workspace.start import _stopping_signals

    before = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        assert _stopping_signals() == [signal.SIGTERM]
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
        assert _stopping_signals() == [signal.SIGTERM, signal.SIGHUP]
    finally:
        signal.signal(signal.SIGHUP, before)


def test_each_subcommand_help_starts_with_its_description(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["update", "--help"])
    out = capsys.readouterr().out
    assert "Bring a newer build of the course into your workspace, keeping your work." in out
