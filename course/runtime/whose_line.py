"""Which line of the learner's code was running: one rule for the meters and the test verdicts.

The rule works on the stack (innermost frame first) and needs no notebook machinery:

1. **Cell code** is code compiled from a notebook cell: a file in an ``ipykernel_<pid>``
   folder (how ipykernel names cells, ``/tmp/ipykernel_123/4567.py``), IPython's
   ``<ipython-input-3-...>``, or the proof worker's ``<answer>``, ``<setup 1>``, ``<test t1>``.
   Nothing else is: not this package, the standard library or anything installed, and not the
   other pseudo-files (``<frozen runpy>`` at the bottom of every kernel's stack, ``<string>``
   where dataclasses and namedtuples compile their generated methods).
2. The **running cell** is the outermost cell frame: in a notebook the test cell being run,
   in the proof worker the ``<test ...>`` code.
3. **Your code** is the innermost cell frame that comes from a *different* cell than the
   running one: the function you wrote, at the line it was executing (library code it called
   is skipped, so ``sorted(...)`` or ``collections.Counter(...)`` names your line that called it).
4. If every cell frame belongs to the running cell, the work was spent there (a test doing
   work itself, or you experimenting in one cell): that innermost line is named instead.

Standard library only: this runs inside learners' kernels and the proof worker.
"""

from __future__ import annotations

import linecache
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from types import FrameType, TracebackType

_KERNEL_CELL = re.compile(r"[\\/]ipykernel_\d+[\\/][^\\/]+\.py$")
_PSEUDO_CELLS = ("<ipython-input-", "<answer>", "<setup ", "<test ")


@dataclass(frozen=True)
class CodeLine:
    """One executing line: where it is, its text, and whether it is the learner's code."""

    filename: str
    lineno: int
    function: str
    text: str
    yours: bool

    def whose(self, running: str = "the running cell") -> str:
        return "your code" if self.yours else running

    def describe(self, running: str = "the running cell") -> str:
        """``line 4 of your code (pair_sum): for j in range(i, n):``; ``running`` names the running cell."""
        whose = self.whose(running)
        code = f": {self.text}" if self.text else ""
        return f"line {self.lineno} of {whose} ({self.function}){code}"


def is_cell_file(filename: str) -> bool:
    """True for code compiled from a notebook cell or a string (see the module's rule 1)."""
    return filename.startswith(_PSEUDO_CELLS) or bool(_KERNEL_CELL.search(filename))


def locate(frames: Iterable[tuple[str, int, str]]) -> CodeLine | None:
    """Apply the rule to ``(filename, lineno, function)`` triples, innermost first."""
    cells = [f for f in frames if is_cell_file(f[0])]
    if not cells:
        return None
    running = cells[-1][0]
    theirs = [f for f in cells if f[0] != running]
    filename, lineno, function = (theirs or cells)[0]
    text = linecache.getline(filename, lineno).strip()
    return CodeLine(filename, lineno, function, text, yours=bool(theirs))


def locate_stack(frame: FrameType | None = None) -> CodeLine | None:
    """The rule applied to the current stack (or the stack from ``frame`` outwards)."""
    frame = frame or sys._getframe(1)
    triples = []
    while frame is not None:
        triples.append((frame.f_code.co_filename, frame.f_lineno, frame.f_code.co_name))
        frame = frame.f_back
    return locate(triples)


def locate_traceback(tb: TracebackType | None) -> CodeLine | None:
    """The rule applied to the frames an exception passed through (a traceback runs outermost first)."""
    triples = []
    while tb is not None:
        code = tb.tb_frame.f_code
        triples.append((code.co_filename, tb.tb_lineno, code.co_name))
        tb = tb.tb_next
    return locate(reversed(triples))
