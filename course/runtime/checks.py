"""Running a test cell for a learner: a short verdict instead of a wall of traceback."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

from course.runtime.meters.meter import TooMuchWork
from course.runtime.whose_line import locate_traceback

RUNTIME_FILES = ("course/runtime/",)


@dataclass(frozen=True)
class Verdict:
    exercise: str
    test: str
    passed: bool
    message: str
    started: bool = True  # False: the starter code is still in place (it raised NotImplementedError)


class TestRun:
    """``with TestRun(...):`` around test code; reports a :class:`Verdict` and swallows the failure,
    so *Run All* goes on to the next exercise."""

    def __init__(self, exercise: str, test: str, points: int, report: Callable[[Verdict], None]) -> None:
        self.exercise = exercise
        self.test = test
        self.points = points
        self.report = report

    def __enter__(self) -> TestRun:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        if exc_type is None:
            pts = f"{self.points} point" + ("" if self.points == 1 else "s")
            self.report(Verdict(self.exercise, self.test, True, f"✓ {self.test} passed ({pts})"))
            return True
        if not issubclass(exc_type, Exception):  # KeyboardInterrupt, SystemExit: let them through
            return False
        assert exc is not None
        message = _explain(self.test, exc, tb)
        self.report(Verdict(self.exercise, self.test, False, message, NOT_STARTED not in message))
        return True


NOT_STARTED = ": not started yet: "  # in the message of a test run on the starter code (no attempt yet)


def _explain(test: str, exc: BaseException, tb: TracebackType | None) -> str:
    if isinstance(exc, NotImplementedError):
        return f"✗ {test}{NOT_STARTED}the starter code still raises NotImplementedError. Replace it with your answer."
    frames = [f for f in traceback.extract_tb(tb) if not any(r in f.filename.replace("\\", "/") for r in RUNTIME_FILES)]
    if isinstance(exc, NameError) and frames and frames[-1].name == "<module>":
        # the test itself names something the answer cell has not defined (yet)
        name = getattr(exc, "name", None) or str(exc)
        return (
            f"✗ {test}{NOT_STARTED}`{name}` is not defined. Write it in the answer cell above "
            "and run that cell before the tests."
        )
    where = _where(exc, tb, frames)
    if isinstance(exc, TooMuchWork):  # its own message names the line too: say it once, below
        return f"✗ {test} failed: {exc.detail}{where}"
    if isinstance(exc, AssertionError):
        detail = str(exc) or "an assertion did not hold"
        return f"✗ {test} failed: {detail}{where}"
    return f"✗ {test} raised {type(exc).__name__}: {exc}{where}"


def _where(exc: BaseException, tb: TracebackType | None, frames: list[traceback.FrameSummary]) -> str:
    """``at line N of your code (fn): text``: the line a meter charged, else the learner's line the
    exception passed through (the rule in ``course.runtime.whose_line``), else the innermost line
    outside this package (``frames``, the traceback without this package's frames)."""
    line = exc.where if isinstance(exc, TooMuchWork) else None
    line = line or locate_traceback(tb)
    if line:
        return f"\n    at {line.describe(running='the test')}"
    if not frames:
        return ""
    last = frames[-1]
    code = f": {last.line.strip()}" if last.line else ""
    origin = "your code" if last.name != "<module>" else "the test"
    return f"\n    at line {last.lineno} of {origin} ({last.name}){code}"
