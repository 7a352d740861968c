"""One error family for everything the course tooling reports to a user."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path


class CourseError(ValueError):
    """A problem a user can fix, reported as ``file:line: what is wrong (what was expected)``."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        expected: str | None = None,
    ) -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.expected = expected
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        tail = f" (expected {self.expected})" if self.expected else ""
        return f"{where}{self.message}{tail}"


class RoadmapError(CourseError):
    """The roadmap markdown does not have the expected structure."""


class ContentError(CourseError):
    """A content file (lessons, exercises) is malformed."""


class BuildError(CourseError):
    """Building or checking the generated editions failed."""


class GradingError(CourseError):
    """An nbgrader step failed or found something a teacher must look at."""


class WorkspaceError(CourseError):
    """A learner workspace cannot be created or updated."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ``did you mean 'x'?`` hint, or an empty string when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""
