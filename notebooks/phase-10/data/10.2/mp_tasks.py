"""Worker functions for section 10.2 (Multiprocessing).

A process started with "spawn" is a fresh Python: it receives the function to run as a *name*
("mp_tasks.square") and imports it. Functions typed into a notebook live in the kernel's
``__main__``, which a fresh Python cannot import, so the functions our pools run live here, in a
real file that the notebook puts on ``sys.path`` (children inherit the parent's ``sys.path``).
"""

from __future__ import annotations

import os
import sys
from multiprocessing import shared_memory
from typing import Any

MARK = "fresh import"  # a parent may change it; a spawned child imports this file again and sees this


def square(n: int) -> int:
    """n * n."""
    return n * n


def read_mark(_: object = None) -> str:
    """The value of MARK in the process that runs this (tells a spawned child from a forked one)."""
    return MARK


def whoami(item: Any) -> tuple[Any, int]:
    """The item and the id of the process that handled it."""
    return item, os.getpid()


def parse_port(text: str) -> int:
    """A TCP port from text; ValueError for anything else."""
    port = int(text)  # ValueError for "http"
    if not 1 <= port <= 65535:
        raise ValueError(f"port out of range: {port}")
    return port


def crash(code: int) -> None:
    """End this process at once, as a segfault or the OOM killer would: no exception, no cleanup."""
    os._exit(code)


def square_worker(inbox: Any, outbox: Any) -> None:
    """Take jobs from ``inbox`` until ``None`` arrives; put ``(job, job * job, pid)`` on ``outbox`` for each."""
    while True:
        job = inbox.get()
        if job is None:
            return
        outbox.put((job, job * job, os.getpid()))


def tally_into(shared: Any, lock: Any, words: list[str]) -> None:
    """Count ``words`` into the shared (Manager) dict ``shared``; ``lock`` makes each read-add-write one step."""
    for word in words:
        with lock:
            shared[word] = shared.get(word, 0) + 1


def sum_shared(name: str, count: int) -> None:
    """Attach to shared memory block ``name``: add up its first ``count`` 8-byte ints, store the total after them.

    A total that does not fit in 64 bits ends this process with exit code 1, quietly (no traceback on
    stderr: the parent learns it from ``exitcode``).
    """
    block = shared_memory.SharedMemory(name=name)
    numbers = block.buf.cast("q")
    try:
        numbers[count] = sum(numbers[:count])
    except ValueError:  # memoryview: invalid value for format 'q'
        sys.exit(1)
    finally:
        numbers.release()  # close() raises BufferError while a view of the block is alive
        block.close()


def shout_back(conn: Any) -> None:
    """Over one end of a Pipe: receive texts until ``None``, send each back in capitals, then close."""
    while (text := conn.recv()) is not None:
        conn.send(text.upper())
    conn.close()


def bump(counter: Any, times: int) -> None:
    """Add 1 to the shared ``Value`` ``counter``, ``times`` times, each under the value's own lock."""
    for _ in range(times):
        with counter.get_lock():
            counter.value += 1


def wait_for_go(go: Any, outbox: Any) -> None:
    """Say "ready", wait until the ``Event`` ``go`` is set, then say "working"."""
    outbox.put("ready")
    go.wait()
    outbox.put("working")


class PickleCounter:
    """A callable (n -> n * n) that counts how often it was pickled in this process.

    A pool pickles the function once for every message it sends to a worker, and one message carries
    one chunk of items: after ``pool.map(PickleCounter(), items, chunksize=k)`` the parent's count is the
    number of chunks sent. Set ``PickleCounter.pickled = 0`` before.
    """

    pickled = 0

    def __call__(self, n: int) -> int:
        return n * n

    def __reduce__(self) -> tuple[type[PickleCounter], tuple[()]]:
        type(self).pickled += 1
        return PickleCounter, ()


def burn(n: int) -> int:
    """Pure-Python busy work (a sum of squares), for timing threads against processes."""
    total = 0
    for i in range(n):
        total += i * i
    return total
