"""Every process a notebook starts stops with it; hangs are found by watching for a stall, not a clock.

``ProcessWatch`` records each ``subprocess.Popen`` started inside its ``with`` block and, when the block
ends, kills (with their process groups) and reaps the ones still there, so a failing test or a hanging
answer leaves nothing running. ``ProcessWatch.call`` runs a function with a hang detector: on Linux it
declares a hang only when *nothing happens* for a while (no watched process runs or uses the processor,
none starts or ends, the calling thread uses no processor time), so a slow, busy machine only makes a
correct answer slower, never a failure. ``Grandchild`` is a process our child starts and that reports
itself through a FIFO: a test can tell "killed with its group" from "never started" from "still alive".
``no_children_left`` does for ``multiprocessing`` children (a ``Process``, a pool's workers) what
``ProcessWatch`` does for ``subprocess``: the ones a block started are killed and reaped when it ends, and a
block that ends normally while some still run fails (a pool nobody shut down).
The signal helpers let tests send signals to the kernel itself without ending it.

Standard library only: the proof worker and every notebook import it.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import FrameType, TracebackType
from typing import Any, TypeVar

T = TypeVar("T")
Handler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None

_PROC = "/proc/self/stat"
_QUANTUM_NS = 10_000_000  # processor time counts as progress in steps of 10 ms: a loop that polls
# (Popen.wait(timeout=...) wakes every 50 ms) uses a few microseconds a time, and is not progress
_PF_EXITING = 0x4  # task flag: the process is inside exit()
_SIGKILL_BIT = 1 << (signal.SIGKILL - 1)  # a fatal signal in flight shows as a pending SIGKILL on Linux


def has_proc() -> bool:
    """Whether this system has a Linux-style /proc, which the exact checks here rely on."""
    return sys.platform.startswith("linux") and os.path.exists(_PROC)


@dataclass(frozen=True)
class TaskState:
    """One look at a process in /proc: its state letter, processor time used so far, and signs of dying."""

    state: str  # R running, S sleeping, D disk, Z zombie, T stopped...
    cpu: int  # processor time used, in steps of about 10 ms (clock ticks): only compared with itself
    exiting: bool  # inside exit() or a fatal signal pending: it is on its way out

    @property
    def busy(self) -> bool:
        """Running or waiting for a processor (or the disk): it is making progress."""
        return self.state in ("R", "D")


def task_state(pid: int) -> TaskState | None:
    """How process ``pid`` is doing, from /proc (Linux); None when it no longer exists."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
        with open(f"/proc/{pid}/status", "rb") as f:
            status = f.read()
    except OSError:
        return None
    fields = stat[stat.rindex(b")") + 2 :].split()  # after "pid (comm) ", comm may hold spaces
    cpu = int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
    with contextlib.suppress(OSError, ValueError, IndexError), open(f"/proc/{pid}/schedstat", "rb") as f:
        cpu = int(f.read().split()[0]) // _QUANTUM_NS  # nanoseconds on a processor: less noisy than ticks
    pending = 0
    for line in status.splitlines():
        if line.startswith((b"SigPnd:", b"ShdPnd:")):
            pending |= int(line.split()[1], 16)
    exiting = bool(int(fields[6]) & _PF_EXITING) or bool(pending & _SIGKILL_BIT)
    return TaskState(fields[0].decode(), cpu, exiting)


class ProcessWatch:
    """``with ProcessWatch() as watch:`` records each ``subprocess.Popen`` started in the block.

    Leaving the block kills what is still running (a process that leads its own process group is
    killed with its group) and reaps every recorded process, also when the block raised.
    """

    stall = 1.5  # seconds of nothing happening that make a hang
    backstop = 60.0  # a call still running after this many seconds hangs, however busy it looks
    fallback = 5.0  # without /proc (macOS): a call still running after this many seconds hangs
    sample = 0.05  # seconds between two looks

    def __init__(self) -> None:
        self.started: list[subprocess.Popen[Any]] = []
        self._on_kill: list[Callable[[], None]] = []
        self._stuck: list[threading.Thread] = []
        self._starting = 0  # Popen() calls in progress (fork and exec take time on a busy machine)

    def __enter__(self) -> ProcessWatch:
        original = self._original = subprocess.Popen.__init__
        watch = self

        def recording_init(proc: subprocess.Popen[Any], *args: Any, **kwargs: Any) -> None:
            watch._starting += 1
            try:
                original(proc, *args, **kwargs)
            finally:
                watch._starting -= 1
            watch.started.append(proc)

        subprocess.Popen.__init__ = recording_init  # type: ignore[method-assign,assignment]
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        subprocess.Popen.__init__ = self._original  # type: ignore[method-assign]
        self.kill_all()
        for worker in self._stuck:  # a hung call unblocks once its processes are gone
            worker.join(5.0)
        for proc in self.started:
            proc.wait()
            for stream in (proc.stdin, proc.stdout, proc.stderr):
                if stream is not None:
                    with contextlib.suppress(OSError, ValueError):
                        stream.close()

    def on_kill(self, action: Callable[[], None]) -> None:
        """Run ``action`` too whenever this watch kills everything (e.g. ``Grandchild.kill``)."""
        self._on_kill.append(action)

    def unreaped(self) -> list[Any]:
        """The argument lists of watched processes nobody has waited for (still running, or zombies)."""
        return [proc.args for proc in self.started if proc.returncode is None]

    def kill_all(self) -> None:
        """SIGKILL every watched process not yet reaped (with its group if it leads one), then the extras."""
        for proc in self.started:
            if proc.returncode is not None:
                continue  # reaped: its pid may belong to someone else by now
            with contextlib.suppress(OSError):
                if os.getpgid(proc.pid) == proc.pid:
                    os.killpg(proc.pid, signal.SIGKILL)
                else:
                    proc.kill()  # a zombie ignores it; wait() reaps it
        for action in self._on_kill:
            action()

    def call(self, fn: Callable[..., T], *args: Any, idle: float = 0.0, **kwargs: Any) -> T:
        """``fn(*args, **kwargs)``, failing instead of hanging when it waits for something that cannot happen.

        It hangs when, for ``stall + idle`` seconds, no watched process runs, uses the processor, starts
        or ends, and the thread running ``fn`` uses no processor time to speak of (a wait that polls
        does not count; ``idle``: how long ``fn`` may rightly sit still, e.g. a timeout it waits out).
        Then every watched process is killed (which unblocks ``fn``) and an ``AssertionError`` raised.
        A slow machine keeps things busy, not still.
        """
        outcome: dict[str, Any] = {}

        def target() -> None:
            try:
                outcome["value"] = fn(*args, **kwargs)
            except BaseException as err:  # noqa: BLE001 - handed to the caller below
                outcome["error"] = err

        worker = threading.Thread(target=target, daemon=True, name=f"watched {fn.__name__}")
        worker.start()
        if self._hangs(worker, self.stall + idle):
            self._stuck.append(worker)
            self.kill_all()
            worker.join(5.0)
            msg = (
                f"{fn.__name__}() stopped making progress: it waits for a process that cannot finish "
                "(a pipe nobody reads, a pipe end left open, a process that ignores SIGTERM and no SIGKILL, "
                "or a child's child still holding the output)"
            )
            raise AssertionError(msg)
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]

    def _hangs(self, worker: threading.Thread, still: float) -> bool:
        """Wait for ``worker``; True if it hangs (see ``call``)."""
        start = last_change = time.monotonic()
        clock: int | None = None
        if has_proc() and worker.ident is not None:
            try:
                clock = time.pthread_getcpuclockid(worker.ident)
            except OSError:  # the thread has already ended (ESRCH): nothing to watch
                worker.join()
                return False
        previous: object = None
        while True:
            worker.join(self.sample)
            if not worker.is_alive():
                return False
            now = time.monotonic()
            if now - start > (self.backstop if clock is not None else self.fallback):
                return True
            if clock is None:
                continue
            try:
                thread_cpu = time.clock_gettime_ns(clock) // _QUANTUM_NS
            except OSError:  # the thread ended between the two looks
                continue
            states = [(proc.pid, task_state(proc.pid)) for proc in self.started if proc.returncode is None]
            busy = self._starting > 0 or any(state is not None and state.busy for _, state in states)
            snapshot = (thread_cpu, len(self.started), states)
            if busy or snapshot != previous:
                previous, last_change = snapshot, now
            elif now - last_change > still:
                return True


class Grandchild:
    """A FIFO that a process started by our child opens, writes its pid to, and holds while it lives.

    ``with Grandchild(watch) as g:`` then pass ``g.path`` to the child; the grandchild does
    ``fd = os.open(path, os.O_WRONLY); os.write(fd, f"{os.getpid()}\\n".encode())`` and keeps ``fd``.
    ``started()`` says whether one has reported, ``wait_started()`` waits for that (a handshake),
    ``gone()`` whether every reported one has ended (or is ending). Leaving the block kills them.
    """

    fallback = 3.0  # without /proc: how long gone() waits for the FIFO to close

    def __init__(self, watch: ProcessWatch | None = None) -> None:
        self._watch = watch
        self.pids: list[int] = []
        self._text = b""
        self._eof = False

    def __enter__(self) -> Grandchild:
        self._tmp = tempfile.TemporaryDirectory(prefix="course-grandchild-")
        self.path = os.path.join(self._tmp.name, "alive")
        os.mkfifo(self.path)
        self._fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)  # a reader exists: writers open at once
        if self._watch is not None:
            self._watch.on_kill(self.kill)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        os.unlink(self.path)  # from now on a late grandchild cannot open it (and so cannot block on it)
        deadline = time.monotonic() + 5.0
        self.kill()
        while not self._read(wait=0.05) and time.monotonic() < deadline:
            self.kill()  # one that opened it just now writes its pid next: kill it too
        os.close(self._fd)
        self._fd = -1  # a watch may still call kill(): it then uses the pids already known
        self._tmp.cleanup()

    def _read(self, wait: float = 0.0) -> bool:
        """Take in what the grandchildren wrote, waiting up to ``wait`` seconds for more; True at end of
        file (no writer holds it now, or none ever opened it: read() says so, select() would not)."""
        deadline = time.monotonic() + wait
        while True:
            try:
                chunk = os.read(self._fd, 4096)
            except BlockingIOError:  # a writer holds it open, with nothing new to say
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                poller = select.poll()  # not select(): a process with 1024+ open files is fine too
                poller.register(self._fd, select.POLLIN)
                poller.poll(remaining * 1000)
                continue
            if not chunk:
                return True
            self._text += chunk
            self.pids = [int(word) for word in self._text.split()]

    def started(self) -> bool:
        """Whether a grandchild has reported that it runs."""
        self._read()
        return bool(self.pids)

    def wait_started(self, proc: subprocess.Popen[Any] | None = None, backstop: float = 60.0) -> int:
        """The first grandchild's pid, once it reports (a handshake). Fails if ``proc`` (the child that
        should start it) ends first, or after ``backstop`` seconds."""
        deadline = time.monotonic() + backstop
        while not self.started():
            if proc is not None and proc.poll() is not None:
                msg = f"the child ended (code {proc.returncode}) before its grandchild started"
                raise AssertionError(msg)
            if time.monotonic() > deadline:
                msg = f"no grandchild started within {backstop} s"
                raise AssertionError(msg)
            time.sleep(0.01)
        return self.pids[0]

    def gone(self) -> bool:
        """True once every grandchild that reported has ended (or is certainly ending: a fatal signal is
        on its way); False when one is alive and nothing is about to kill it. Only meaningful after
        ``started()``: a FIFO nobody has opened also reads as closed."""
        if not self.started():
            msg = "no grandchild has reported: it never started, so nothing can be said about its end"
            raise AssertionError(msg)
        if not has_proc():
            deadline = time.monotonic() + self.fallback
            while time.monotonic() < deadline:
                if self._read(wait=0.05):
                    return True
            return False
        calm = 0  # looks in a row at a grandchild sleeping with no fatal signal pending
        deadline = time.monotonic() + 60.0
        while not self._read(wait=0.02):
            states = [task_state(pid) for pid in self.pids]
            living = [s for s in states if s is not None and s.state not in ("Z", "X")]
            if not living:
                return True  # only zombies (files closed) or gone; the FIFO reports it a moment later
            calm = calm + 1 if all(not s.busy and not s.exiting for s in living) else 0
            if calm >= 5 or time.monotonic() > deadline:
                return False
        return True

    def kill(self) -> None:
        """SIGKILL every grandchild that has reported."""
        if self._fd >= 0:
            self._read()
        for pid in self.pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def no_children_left(*, check: bool = True) -> Iterator[None]:
    """``with no_children_left():`` kills and reaps every ``multiprocessing`` child started in the block
    that still runs when it ends (a ``Process``, a ``Pool`` or ``ProcessPoolExecutor`` worker), however
    the block ends. With ``check``, a block that ended without an error but left children running then
    raises an ``AssertionError`` saying so. Children running before the block are left alone."""
    import multiprocessing  # here, not at the top: most users of this module never need it

    before = set(multiprocessing.active_children())
    ended_well = False
    try:
        yield
        ended_well = True
    finally:
        left = [child for child in multiprocessing.active_children() if child not in before]
        for child in left:
            with contextlib.suppress(OSError, ValueError):
                child.kill()
        for child in left:
            with contextlib.suppress(ValueError):
                child.join()
    if check and ended_well and left:
        msg = (
            f"{len(left)} worker process(es) still running when the block ended: shut the pool down "
            "(a `with` block around the pool does it) or join the processes you start"
        )
        raise AssertionError(msg)


def wait_for_path(
    path: str | os.PathLike[str], proc: subprocess.Popen[Any] | None = None, backstop: float = 60.0
) -> bool:
    """A file-system handshake: True as soon as ``path`` exists; False if ``proc`` (the process that
    should create it) ends first, or after ``backstop`` seconds."""
    deadline = time.monotonic() + backstop
    while not os.path.exists(path):
        if (proc is not None and proc.poll() is not None) or time.monotonic() > deadline:
            return os.path.exists(path)
        time.sleep(0.01)
    return True


class Inconclusive(Exception):
    """A trial could not tell right from wrong: the machine gave it too little time (a child killed by a
    timeout before it could even print). ``with_more_time`` runs it again with more."""


def with_more_time(trial: Callable[[float], T], first: float = 0.5, tries: int = 6) -> T:
    """``trial(seconds)``, with ``seconds`` doubling from ``first`` for as long as it raises ``Inconclusive``.

    For tests of timeouts: a busy machine makes a child slow to start, and a timeout that fires before
    the child has done anything proves nothing either way. The trial decides from what it sees (a file
    the child creates, a grandchild that reported) whether its verdict counts; a wrong answer still fails
    on the first conclusive trial, and on a fast machine the first trial is conclusive.
    """
    seconds = first
    for _ in range(tries - 1):
        try:
            return trial(seconds)
        except Inconclusive:
            seconds *= 2
    try:
        return trial(seconds)
    except Inconclusive as err:
        msg = f"the machine is too busy to test this ({tries} tries, up to {seconds} s): run the cell again"
        raise AssertionError(msg) from err


SAVED_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGUSR1, signal.SIGUSR2)


def current_handlers(signals: tuple[int, ...] = SAVED_SIGNALS) -> dict[int, Handler]:
    """The handler installed now for each of ``signals``."""
    return {signum: signal.getsignal(signum) for signum in signals}


@contextlib.contextmanager
def saved_handlers(signals: tuple[int, ...] = SAVED_SIGNALS) -> Iterator[dict[int, Handler]]:
    """``with saved_handlers():`` puts back the handlers of ``signals`` it found, however the block ends."""
    saved = current_handlers(signals)
    try:
        yield saved
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)


def send_to_self(signum: int) -> None:
    """Send ``signum`` to this process, but only when a Python handler of the caller's is installed for it
    (the default action of SIGTERM would end this kernel); the handler runs before this returns."""
    handler = signal.getsignal(signum)
    if not callable(handler) or handler is signal.default_int_handler:
        name = signal.Signals(signum).name
        msg = f"no handler of yours is installed for {name}: sending it now would end this process"
        raise AssertionError(msg)
    signal.raise_signal(signum)
