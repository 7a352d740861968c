"""Tests for course.runtime.servers: children that die with their parent, readiness, stopping, sharing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from course.runtime.servers import SharedServer, spawn, stop_process, wait_ready
from tests.processes import gone, running

LINUX = sys.platform.startswith("linux")


def test_spawn_writes_to_the_log_and_reads_nothing(tmp_path: Path) -> None:
    log = tmp_path / "out.log"
    child = spawn([sys.executable, "-c", "import sys; print('hello'); print(repr(sys.stdin.read()))"], log)
    assert child.wait(60) == 0
    assert log.read_text() == "hello\n''\n", "stdout and stderr go to the log; stdin is empty"


@pytest.mark.skipif(not LINUX, reason="PR_SET_PDEATHSIG is Linux only")
@pytest.mark.parametrize("from_thread", [False, True])
def test_a_killed_parent_takes_its_child_along(tmp_path: Path, from_thread: bool) -> None:
    script = textwrap.dedent(
        f"""
        import sys, threading, time
        from pathlib import Path
        from course.runtime.servers import spawn
        made = []
        start = lambda: made.append(spawn(["sleep", "120"], Path({str(tmp_path / "log")!r})))
        if {from_thread}:
            t = threading.Thread(target=start); t.start(); t.join()  # the asking thread ends first
        else:
            start()
        print(made[0].pid, flush=True)
        time.sleep(120)
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        pid = int(parent.stdout.readline())
        assert running(pid), "the child outlives the thread that asked for it"
    finally:
        parent.kill()
        parent.wait()
    assert gone(pid), "killed with its parent"


def test_wait_ready_returns_once_ready_and_reports_a_dead_server(tmp_path: Path) -> None:
    log = tmp_path / "log"
    marker = tmp_path / "ready"
    child = spawn([sys.executable, "-c", f"open({str(marker)!r}, 'w').close(); import time; time.sleep(60)"], log)
    try:
        wait_ready(child, marker.exists, timeout=60, log=log, what="toy")
    finally:
        stop_process(child)
    dead = spawn([sys.executable, "-c", "print('bad config on line 3'); raise SystemExit(2)"], log)
    with pytest.raises(RuntimeError, match=r"toy did not start: .*bad config on line 3"):
        wait_ready(dead, lambda: False, timeout=600, log=log, what="toy")  # fails when it exits, not at 600 s


def test_stop_process_kills_a_child_that_ignores_the_signal_and_reaps_it(tmp_path: Path) -> None:
    log = tmp_path / "log"
    ready = tmp_path / "ready"
    code = (
        "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN);"
        f" open({str(ready)!r}, 'w').close(); time.sleep(60)"
    )
    child = spawn([sys.executable, "-c", code], log)
    wait_ready(child, ready.exists, timeout=60, log=log, what="stubborn")
    stop_process(child, signal.SIGTERM, grace=0.2)
    assert child.returncode == -signal.SIGKILL, "SIGTERM was ignored, so it was killed, and reaped"
    stop_process(child)  # idempotent


def test_an_interrupted_stop_still_kills(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    child = spawn(["sleep", "60"], tmp_path / "log")
    real_wait = child.wait

    def interrupted(timeout: float | None = None) -> int:
        if timeout is not None:  # the polite wait: a second Ctrl-C arrives here
            raise KeyboardInterrupt
        return real_wait()

    monkeypatch.setattr(child, "wait", interrupted)
    with pytest.raises(KeyboardInterrupt):
        stop_process(child)
    assert child.returncode is not None


class Toy:
    made = 0

    def __init__(self) -> None:
        Toy.made += 1
        self.up = True
        self.stops = 0

    def alive(self) -> bool:
        return self.up

    def stop(self) -> None:
        self.up = False
        self.stops += 1


def test_shared_server_is_made_once_remade_when_dead_and_stopped() -> None:
    shared = SharedServer(Toy)
    first = shared.get()
    assert shared.get() is first and shared.servers == [first]
    first.up = False
    second = shared.get()
    assert second is not first and first.stops == 1, "a dead server is stopped (cleaned up) and replaced"
    shared.stop()
    assert shared.servers == [] and second.stops == 1


def test_shared_server_is_made_once_when_threads_race() -> None:
    shared = SharedServer(Toy)
    before = Toy.made
    barrier = threading.Barrier(8)
    got: list[Toy] = []

    def ask() -> None:
        barrier.wait()
        got.append(shared.get())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Toy.made - before == 1 and all(server is got[0] for server in got)
    shared.stop()


def test_at_exit_the_server_stops_before_its_folder_is_removed(tmp_path: Path) -> None:
    report = tmp_path / "report"
    script = textwrap.dedent(
        f"""
        from course.runtime.scratch import scratch_dir
        from course.runtime.servers import SharedServer

        class Server:
            def __init__(self):
                self.folder = scratch_dir("servertest")  # registers its removal at exit, as real servers do
            def alive(self):
                return True
            def stop(self):
                with open({str(report)!r}, "a") as out:
                    out.write(f"{{self.folder}} {{self.folder.exists()}}\\n")

        print(SharedServer(Server).get().folder)
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    folder = out.stdout.strip()
    assert report.read_text() == f"{folder} True\n", "stop ran once, while the folder was still there"
    assert not Path(folder).exists()


@pytest.mark.skipif(not hasattr(os, "getpgid"), reason="POSIX process groups")
def test_the_child_is_out_of_reach_of_signals_to_our_process_group(tmp_path: Path) -> None:
    """Jupyter's "interrupt" sends SIGINT to the kernel's process group; the server must not get it."""
    child = spawn(["sleep", "60"], tmp_path / "log")
    try:
        assert os.getpgid(child.pid) != os.getpgrp()
        assert os.getsid(child.pid) == child.pid, "a session of its own"
    finally:
        stop_process(child)
