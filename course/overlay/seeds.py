"""Which ``CLASS_SEED`` values ``course prove --overlay`` tries, and where a failure is reported."""

from __future__ import annotations

from pathlib import Path

from course.overlay.load import Overlay
from course.proof import ProofResult

OTHER_SEEDS = (0, 1, 2, 3, 42, 2**31 - 1, 10**9 + 7, 123456789)


def proof_seeds(class_seed: int | None, count: int) -> list[int | None]:
    """The class's own seed first, then fixed others: a correct solution must pass for every
    seed, not only the class's (next term's class gets another one)."""
    if class_seed is None:
        return [None]
    others = [s for s in OTHER_SEEDS if s != class_seed]
    return [class_seed, *others[: max(0, count - 1)]]


def where(overlay: Overlay, result: ProofResult) -> tuple[str, int]:
    """The overlay file and line of an exercise the overlay adds to or replaces; else the public one."""
    part = overlay.sections.get(result.section)
    if part is not None:
        for ex in part.exercises:
            if ex.id == result.exercise:
                return str(part.path), ex.line
        for patch in part.patches:
            if patch.id == result.exercise:
                return str(part.path), patch.line
    return result.path or str(Path()), result.line
