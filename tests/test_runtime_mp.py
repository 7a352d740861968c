"""course.runtime.mp: processes made through a recording context, joined or not, all stopped after."""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import threading
import time

import pytest

from course.runtime.mp import RecordedProcess, RecordingContext, shared_memory_blocks, stop_all

SPAWN = mp.get_context("spawn")


def test_records_every_process_and_keeps_the_context_api() -> None:
    rec = RecordingContext(SPAWN)
    assert rec.get_start_method() == "spawn", "everything but Process is the wrapped context's"
    queue = rec.Queue()
    quick = rec.Process(target=abs, args=(-1,), daemon=True)
    never = rec.Process(target=abs, args=(-2,))
    assert rec.made == [quick, never] and all(isinstance(p, RecordedProcess) for p in rec.made)
    assert quick.daemon is True and never.daemon is False, "constructor arguments reach the real process"
    never.daemon = True
    assert never.process.daemon is True, "setting an attribute sets it on the real process"
    assert rec.started() == [] and rec.unjoined() == []
    quick.start()
    try:
        assert rec.started() == [quick] and rec.unjoined() == [quick]
        quick.join()
        assert quick.joined and quick.exitcode == 0 and rec.unjoined() == []
        assert "joined" in repr(quick)
    finally:
        assert rec.stop_all() == [], "nothing was running any more"
    queue.close()
    queue.join_thread()


def test_a_finished_but_unjoined_process_stays_unjoined_whoever_reaps_it() -> None:
    rec = RecordingContext(SPAWN)
    proc = rec.Process(target=abs, args=(-1,))
    proc.start()
    try:
        while proc.is_alive():  # polling reaps the child, but is no join()
            time.sleep(0.01)
        assert proc.exitcode == 0
        assert rec.unjoined() == [proc], "only a join() that saw the end counts"
    finally:
        rec.stop_all()
    assert rec.unjoined() == [proc], "stop_all reaps through the real process, not the answer's join()"


def test_a_join_that_times_out_does_not_count_and_stop_all_kills_what_runs() -> None:
    rec = RecordingContext(SPAWN)
    sleeper = rec.Process(target=time.sleep, args=(60,), daemon=True)
    sleeper.start()
    try:
        sleeper.join(0.0)
        assert not sleeper.joined and sleeper.is_alive()
    finally:
        running = rec.stop_all()
    assert running == [sleeper], "the running process is reported"
    assert sleeper.exitcode == -9 and not sleeper.is_alive(), "killed and reaped"
    assert rec.stop_all() == [], "a second call finds nothing running"


def test_stop_all_takes_plain_processes_and_skips_unstarted_and_closed_ones() -> None:
    plain = SPAWN.Process(target=time.sleep, args=(60,), daemon=True)
    unstarted = SPAWN.Process(target=abs, args=(1,))
    closed = SPAWN.Process(target=abs, args=(1,))
    closed.start()
    closed.join()
    closed.close()
    plain.start()
    assert stop_all([plain, unstarted, closed]) == [plain]
    assert plain.exitcode == -9
    assert all(child.pid != plain.pid for child in mp.active_children())


def test_the_process_exit_code_reports_failures() -> None:
    rec = RecordingContext(SPAWN)
    proc = rec.Process(target=os._exit, args=(3,))
    proc.start()
    proc.join()
    assert proc.joined and proc.exitcode == 3
    with pytest.raises(AttributeError):
        proc.no_such_attribute  # noqa: B018 - the real process's AttributeError comes through


def test_with_a_stall_a_get_nobody_will_answer_fails_quickly_and_stops_the_children() -> None:
    rec = RecordingContext(SPAWN, stall=0.5)
    inbox = rec.Queue()
    waiter = rec.Process(target=time.sleep, args=(0,))  # ends at once: then nothing can ever put
    waiter.start()
    with pytest.raises(AssertionError, match="cannot happen"):
        inbox.get()
    assert rec.stop_all() == []
    inbox.put(7)
    assert inbox.get() == 7, "a get with something to take returns it"
    with pytest.raises(queue.Empty):  # a timeout passes straight through
        inbox.get(timeout=0.01)


def test_with_a_stall_a_join_of_a_blocked_child_fails_and_a_busy_child_is_waited_for() -> None:
    rec = RecordingContext(SPAWN, stall=0.5)
    inbox = rec.Queue()
    blocked = rec.Process(target=inbox.get, daemon=True)  # the queue pickles as a plain one
    blocked.start()
    with pytest.raises(AssertionError, match="join"):
        blocked.join()
    assert not blocked.joined and blocked.exitcode == -9, "the stalled child was killed"
    busy = rec.Process(target=sum, args=(range(40_000_000),))  # about a second of work, or more on a busy machine
    busy.start()
    busy.join()
    assert busy.joined and busy.exitcode == 0, "a child that computes is not stalled, however long it takes"
    inbox.close()
    inbox.join_thread()


def test_shared_memory_blocks_records_and_removes_what_is_left_even_half_made_blocks() -> None:
    from multiprocessing import shared_memory

    real = shared_memory.SharedMemory
    with shared_memory_blocks() as blocks:
        kept = shared_memory.SharedMemory(create=True, size=16)
        kept.close()  # closed but never unlinked
        tidy = shared_memory.SharedMemory(create=True, size=16)
        tidy.close()
        tidy.unlink()
        with pytest.raises(TypeError):
            shared_memory.SharedMemory(create=True, size=16 / 2)  # type: ignore[arg-type]  # fails half way
    assert shared_memory.SharedMemory is real, "the real class is back"
    assert len(blocks.made) == 3 and blocks.made[1] == tidy.name
    assert blocks.leaked == [blocks.made[0], blocks.made[2]], "the unlinked block is not reported"
    for name in blocks.made:
        with pytest.raises(FileNotFoundError):
            real(name=name)


def test_a_stall_is_seen_while_threads_that_were_already_running_keep_busy() -> None:
    """A test runner's or kernel's own threads (or a server another test left) keep working while the
    answer deadlocks: they must not hide the stall. The noisy thread works for at least ten seconds;
    the stall (0.5 s) has to be reported while it is still at it."""
    stop = threading.Event()
    rounds: list[int] = []

    def noisy() -> None:
        for n in range(2_000):
            if stop.is_set():
                break
            deadline = time.process_time() + 0.002
            while time.process_time() < deadline:  # a little processor time, then a little sleep
                pass
            time.sleep(0.005)
            rounds.append(n)

    worker = threading.Thread(target=noisy, daemon=True)
    worker.start()
    try:
        rec = RecordingContext(SPAWN, stall=0.5)
        inbox = rec.Queue()
        with pytest.raises(AssertionError, match="cannot happen"):
            inbox.get()
        assert worker.is_alive(), "the stall was only seen once the bystander thread had finished"
    finally:
        stop.set()
        worker.join()
