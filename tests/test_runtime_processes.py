"""course.runtime.processes: leftovers really are killed and reaped, hangs are found without a clock,
grandchildren are told apart (never started / killed / alive), signal helpers restore what they found."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from course.runtime.processes import (
    Grandchild,
    Inconclusive,
    ProcessWatch,
    current_handlers,
    has_proc,
    no_children_left,
    saved_handlers,
    send_to_self,
    task_state,
    wait_for_path,
    with_more_time,
)

PY = sys.executable
SLEEP = [PY, "-c", "import time; time.sleep(120)"]
# argv[1]: the FIFO; forks a grandchild that reports itself there and sleeps; the child sleeps too
FORKING = [
    PY,
    "-c",
    "import os, sys, time\n"
    "if os.fork() == 0:\n"
    "    fd = os.open(sys.argv[1], os.O_WRONLY)\n"
    "    os.write(fd, f'{os.getpid()}\\n'.encode())\n"
    "    time.sleep(120)\n"
    "    os._exit(0)\n"
    "time.sleep(120)\n",
]
needs_proc = pytest.mark.skipif(not has_proc(), reason="exact checks need Linux /proc")


def alive(pid: int) -> bool:
    """Neither gone, a zombie, nor on its way out: a SIGKILL is delivered when the process next runs,
    which on a loaded machine can be a while after kill() returned (CI saw it still 'S' with the
    signal pending)."""
    state = task_state(pid) if has_proc() else None
    return state is not None and state.state not in ("Z", "X") and not state.exiting


def test_leftover_process_is_killed_and_reaped() -> None:
    with ProcessWatch() as watch:
        proc = subprocess.Popen(SLEEP, stdout=subprocess.PIPE)
        assert watch.started == [proc]
        assert watch.unreaped() == [SLEEP]
    assert proc.returncode == -signal.SIGKILL, "killed, and reaped (returncode set)"
    assert proc.stdout is not None and proc.stdout.closed, "its pipes are closed"
    assert watch.unreaped() == []


def test_nothing_leaks_when_the_body_raises() -> None:
    original = subprocess.Popen.__init__
    started: list[subprocess.Popen[bytes]] = []

    def body() -> None:
        with ProcessWatch():
            started.append(subprocess.Popen(SLEEP))
            raise RuntimeError("test body failed")

    with pytest.raises(RuntimeError, match="test body failed"):
        body()
    proc = started[0]
    assert proc.returncode == -signal.SIGKILL, "killed and reaped"
    assert subprocess.Popen.__init__ is original, "Popen is put back"


def test_processes_started_after_the_block_are_not_recorded() -> None:
    with ProcessWatch() as watch:
        pass
    done = subprocess.run([PY, "-c", "pass"], check=True)
    assert done.returncode == 0 and watch.started == []


def test_a_group_leader_is_killed_with_its_group(tmp_path: Path) -> None:
    with ProcessWatch() as watch, Grandchild() as grandchild:
        leader = subprocess.Popen([*FORKING, grandchild.path], start_new_session=True)
        pid = grandchild.wait_started(leader)
        watch.kill_all()
        assert grandchild.gone(), "the grandchild in the leader's group is killed too"
    assert leader.returncode == -signal.SIGKILL
    assert not alive(pid)


def test_call_returns_the_value_and_raises_the_error() -> None:
    with ProcessWatch() as watch:
        for n in range(200):  # a call that ends before the watcher first looks at its thread
            assert watch.call(abs, -n) == n
        assert watch.call(subprocess.run, [PY, "-c", "print(6 * 7)"], capture_output=True, text=True).stdout == "42\n"
        with pytest.raises(subprocess.CalledProcessError):
            watch.call(subprocess.run, [PY, "-c", "raise SystemExit(3)"], check=True)


@needs_proc
def test_call_finds_a_hang_and_unblocks_it() -> None:
    """A parent in wait() on a child blocked writing to a full pipe: nothing moves, so it hangs."""
    with ProcessWatch() as watch:
        chatty = subprocess.Popen([PY, "-c", "import sys; sys.stdout.write('x' * 1_000_000)"], stdout=subprocess.PIPE)
        with pytest.raises(AssertionError, match=r"wait\(\) stopped making progress"):
            watch.call(chatty.wait)
        assert chatty.wait() == -signal.SIGKILL, "the hang detector killed the blocked child"


@needs_proc
def test_a_wait_that_polls_is_no_progress() -> None:
    """Popen.wait(timeout=...) wakes every 50 ms to look: still a hang when the child never ends."""
    with ProcessWatch() as watch:
        sleeper = subprocess.Popen(SLEEP)
        with pytest.raises(AssertionError, match="stopped making progress"):
            watch.call(sleeper.wait, 60)
        assert sleeper.wait() == -signal.SIGKILL


@needs_proc
def test_call_lets_a_slow_busy_answer_finish() -> None:
    """Several seconds of work in a child is progress, not a hang (longer than stall, no idle given)."""
    busy = [PY, "-c", "import time\nend = time.process_time() + 1.0\nwhile time.process_time() < end: pass"]
    with ProcessWatch() as watch:
        watch.stall = 0.3
        assert watch.call(subprocess.run, busy).returncode == 0


@needs_proc
def test_idle_allows_a_known_wait() -> None:
    with ProcessWatch() as watch:
        watch.stall = 0.3
        sleeper = [PY, "-c", "import time; time.sleep(1.0)"]
        assert watch.call(subprocess.run, sleeper, idle=3.0).returncode == 0
        with pytest.raises(AssertionError, match="stopped making progress"):
            watch.call(subprocess.run, [PY, "-c", "import time; time.sleep(30)"])


def test_on_kill_actions_run_with_kill_all() -> None:
    calls: list[str] = []
    with ProcessWatch() as watch:
        watch.on_kill(lambda: calls.append("killed"))
        watch.kill_all()
    assert calls == ["killed", "killed"], "once when asked, once on leaving"


def test_grandchild_that_never_started_is_not_called_gone() -> None:
    with Grandchild() as grandchild:
        assert not grandchild.started()
        with pytest.raises(AssertionError, match="never started"):
            grandchild.gone()


@needs_proc
def test_grandchild_left_running_is_seen_and_then_killed() -> None:
    with ProcessWatch() as watch, Grandchild(watch) as grandchild:
        child = subprocess.Popen([*FORKING, grandchild.path])
        pid = grandchild.wait_started(child)
        child.kill()
        child.wait()
        assert grandchild.gone() is False, "the child's kill does not reach its child"
        assert alive(pid)
    assert not alive(pid), "leaving the block kills the grandchild"


def test_grandchild_killed_is_gone() -> None:
    with Grandchild() as grandchild:
        child = subprocess.Popen([*FORKING, grandchild.path], start_new_session=True)
        grandchild.wait_started(child)
        os.killpg(child.pid, signal.SIGKILL)
        assert grandchild.gone() is True
        assert child.wait() == -signal.SIGKILL


def test_wait_started_fails_when_the_child_ends_first() -> None:
    with Grandchild() as grandchild:
        child = subprocess.Popen([PY, "-c", "pass"])
        with pytest.raises(AssertionError, match="before its grandchild started"):
            grandchild.wait_started(child)


def test_wait_for_path(tmp_path: Path) -> None:
    flag = tmp_path / "ready"
    maker = subprocess.Popen([PY, "-c", "import pathlib, sys; pathlib.Path(sys.argv[1]).touch()", str(flag)])
    assert wait_for_path(flag, maker) is True
    maker.wait()
    quitter = subprocess.Popen([PY, "-c", "pass"])
    assert wait_for_path(tmp_path / "never", quitter) is False, "the process ended without creating it"


def test_saved_handlers_restore_even_after_an_error() -> None:
    before = current_handlers()

    def mine(signum: int, frame: object) -> None:
        pass

    def body() -> None:
        with saved_handlers():
            signal.signal(signal.SIGTERM, mine)
            signal.signal(signal.SIGUSR1, signal.SIG_IGN)
            raise KeyError("boom")

    with pytest.raises(KeyError, match="boom"):
        body()
    assert current_handlers() == before


def test_send_to_self_runs_the_handler_and_refuses_without_one() -> None:
    received: list[int] = []
    with saved_handlers():
        signal.signal(signal.SIGUSR1, signal.SIG_DFL)
        with pytest.raises(AssertionError, match="no handler of yours is installed for SIGUSR1"):
            send_to_self(signal.SIGUSR1)
        signal.signal(signal.SIGUSR1, lambda signum, frame: received.append(signum))
        send_to_self(signal.SIGUSR1)
        assert received == [signal.SIGUSR1], "the handler ran before send_to_self returned"
        signal.signal(signal.SIGINT, signal.default_int_handler)
        with pytest.raises(AssertionError, match="SIGINT"):
            send_to_self(signal.SIGINT)


def test_with_more_time_retries_only_inconclusive_trials() -> None:
    seen: list[float] = []

    def trial(seconds: float) -> str:
        seen.append(seconds)
        if seconds < 2:
            raise Inconclusive
        return "verdict"

    assert with_more_time(trial, first=0.5) == "verdict"
    assert seen == [0.5, 1.0, 2.0]


def test_with_more_time_gives_up_and_lets_failures_through() -> None:
    def never(seconds: float) -> None:
        raise Inconclusive

    with pytest.raises(AssertionError, match=r"too busy to test this \(3 tries, up to 4.0 s\)"):
        with_more_time(never, first=1.0, tries=3)

    def wrong(seconds: float) -> None:
        raise AssertionError("wrong answer")

    with pytest.raises(AssertionError, match="wrong answer"):
        with_more_time(wrong)


SPAWN = multiprocessing.get_context("spawn")


def sleeping_child() -> multiprocessing.process.BaseProcess:
    child = SPAWN.Process(target=time.sleep, args=(120,))
    child.start()
    return child


def test_no_children_left_kills_reaps_and_complains() -> None:
    children = []
    block = no_children_left()
    block.__enter__()
    children.append(sleeping_child())
    with pytest.raises(AssertionError, match="1 worker process"):
        block.__exit__(None, None, None)
    assert children[0].exitcode == -signal.SIGKILL, "killed, and reaped (exit code known)"
    assert multiprocessing.active_children() == []


def test_no_children_left_lets_the_blocks_error_through() -> None:
    children = []

    def block() -> None:
        with no_children_left():
            children.append(sleeping_child())
            raise ValueError("the block's own error")

    with pytest.raises(ValueError, match="the block's own"):
        block()
    assert children[0].exitcode == -signal.SIGKILL


def test_no_children_left_quiet_when_the_pool_is_shut_down_or_unchecked() -> None:
    with no_children_left(), ProcessPoolExecutor(1, mp_context=SPAWN) as pool:
        assert pool.submit(abs, -3).result() == 3
    with no_children_left(check=False):
        child = sleeping_child()
    assert child.exitcode == -signal.SIGKILL


def test_no_children_left_spares_children_started_before() -> None:
    older = sleeping_child()
    try:
        with no_children_left():
            pass
        assert older.is_alive(), "started before the block: not ours to kill"
    finally:
        older.kill()
        older.join()
