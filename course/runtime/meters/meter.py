"""The counter every metered value charges, and the failure it raises when a budget runs out."""

from __future__ import annotations

from course.runtime.whose_line import CodeLine, locate_stack

DEFAULT_UNIT = "basic operations for this input"
DEFAULT_HINT = "the work grows faster than the exercise allows (look for a loop inside a loop, or repeated copying)"


class TooMuchWork(AssertionError):
    """Raised the moment code does more work than a test allows.

    An ``AssertionError``, so a test reports it as a failed check. ``detail`` is the budget
    message alone and ``where`` the line that was running (see ``course.runtime.whose_line``);
    ``str()`` of the exception joins the two.
    """

    def __init__(self, detail: str, where: CodeLine | None = None) -> None:
        self.detail = detail
        self.where = where
        super().__init__(detail + (f" (spent in {_short(where)})" if where else ""))


def _short(where: CodeLine) -> str:
    code = f": {where.text}" if where.text else ""
    return f"{where.whose()} at line {where.lineno}{code}"


TooManyOperations = TooMuchWork  # the name sections 4.3-4.5 use


class Meter:
    """Counts basic operations done on metered values; fails once ``limit`` is passed.

    ``tick(n)`` adds ``n``; the tick that makes ``count`` exceed ``limit`` raises
    :class:`TooMuchWork` (so ``limit`` operations pass and operation ``limit + 1`` fails), and so
    does every later tick until the limit is raised or removed. ``limit=None`` only counts.
    ``divisions`` counts the ticks marked ``division=True`` (integer ``/``, ``//``, ``divmod``).
    Not thread-safe: a meter belongs to one test running in one thread, like the copies it replaces.
    """

    def __init__(self, limit: float | None = None, *, unit: str = DEFAULT_UNIT, hint: str = DEFAULT_HINT) -> None:
        self.count = 0
        self.divisions = 0
        self.limit = limit
        self.unit = unit
        self.hint = hint
        self.types: dict[str, type] = {}  # the metered classes made for this meter, one per kind

    def tick(self, n: int = 1, division: bool = False) -> None:
        self.count += n
        if division:
            self.divisions += 1
        if self.limit is not None and self.count > self.limit:
            raise TooMuchWork(self.message(), locate_stack())

    def message(self) -> str:
        limit = int(self.limit) if isinstance(self.limit, float) and self.limit.is_integer() else self.limit
        return f"more than {limit} {self.unit}: {self.hint}"

    def reset(self) -> None:
        """Forget what was counted; keep the limit."""
        self.count = 0
        self.divisions = 0

    def start(self, limit: float | None = None) -> None:
        """Start a fresh count with a new limit (``None``: count only)."""
        self.reset()
        self.limit = limit

    def stop(self) -> int:
        """Remove the limit (later operations never fail) and return the count so far."""
        self.limit = None
        return self.count

    def __repr__(self) -> str:
        return f"Meter(count={self.count}, limit={self.limit})"


class StepBudget(Meter):
    """A :class:`Meter` in section 4.1's words: ``used`` steps of ``limit``, for an ``allowed`` complexity."""

    def __init__(self, limit: float = float("inf"), allowed: str = "O(n)") -> None:
        super().__init__(limit, unit="element operations", hint=f"an {allowed} answer needs fewer")
        self.allowed = allowed

    @property
    def used(self) -> int:
        return self.count

    @used.setter
    def used(self, value: int) -> None:
        self.count = value

    def spend(self, steps: int = 1, division: bool = False) -> None:
        self.tick(steps, division)
