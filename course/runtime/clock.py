"""A clock that moves only when a test says so, for code that reads the time or sleeps.

Code under test takes its clock and its sleep as arguments (``clock=time.monotonic``,
``sleep=time.sleep``); a test passes a :class:`FakeClock` and its :meth:`FakeClock.sleep` instead.
Nothing waits, and every verdict is the same on an idle laptop and on a loaded CI machine.

>>> clock = FakeClock(10.0)
>>> clock()
10.0
>>> clock.sleep(2.5); clock.advance(0.5); clock()
13.0
>>> clock.reads, clock.sleeps
(2, [2.5])
"""

from __future__ import annotations

__all__ = ["FakeClock"]


class FakeClock:
    """Calling it reads the time (counted in :attr:`reads`); :meth:`advance` moves it;
    :meth:`sleep` records the delay in :attr:`sleeps` and moves it by that much.

    Time never goes backwards: like ``time.sleep``, a negative delay raises ``ValueError``.
    The default start is not 0, so code that treats a time of 0 as "never" is not helped by luck.
    """

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.reads = 0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        self.reads += 1
        return self.now

    def advance(self, seconds: float) -> None:
        """Move the time forward without recording a sleep (time passing elsewhere)."""
        if seconds < 0:
            raise ValueError(f"a clock does not go back: advance({seconds!r})")
        self.now += seconds

    def sleep(self, seconds: float) -> None:
        """Stand-in for ``time.sleep``: record the delay asked for and move the time by it."""
        if seconds < 0:
            raise ValueError(f"sleep length must be non-negative, got {seconds!r}")
        self.sleeps.append(seconds)
        self.now += seconds

    def __repr__(self) -> str:
        return f"FakeClock(now={self.now!r}, reads={self.reads}, sleeps={self.sleeps!r})"
