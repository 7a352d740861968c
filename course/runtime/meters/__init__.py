"""Measuring how much WORK code does, never how long it takes, so tests give the same verdict on every machine.

Tests hand the learner's code values that count what is done to them, and stop it the moment it
does far more than the exercise allows. The failure names the learner's line that was running
(see :mod:`course.runtime.whose_line`), not this package's ``raise``.

- :class:`Meter` counts; ``tick(n)`` past its ``limit`` raises :class:`TooMuchWork`
  (an ``AssertionError``; also named ``TooManyOperations``). :class:`StepBudget` is the same
  counter with section 4.1's names (``used``, ``spend``, ``allowed``).
- :func:`metered_int_type`, :func:`counted`: ints that charge a meter for comparisons, hashing
  and arithmetic. :class:`Counted`: such an int on one shared meter, ``Counted.start(limit)`` /
  ``Counted.stop()``, whose arithmetic results are Counted again.
- :func:`metered_str_type`: strings that charge per character read, scanned or copied.
- :class:`CountingList`, :func:`metered_list_type`: lists that charge per slot read, written or shifted.
- :func:`count_steps`: the number of Python lines a call executes.
- :func:`recursion_depth`: how deeply a call nests calls of notebook-written functions (recursion observed).

Standard library only, and cheap to import: it runs in learners' kernels, the proof worker and
nbgrader's autograder.
"""

from course.runtime.meters.ints import Counted, MeteredInt, counted, metered_int_type
from course.runtime.meters.lists import CountingList, metered_list_type
from course.runtime.meters.meter import Meter, StepBudget, TooManyOperations, TooMuchWork
from course.runtime.meters.recursion import recursion_depth
from course.runtime.meters.steps import count_steps
from course.runtime.meters.text import MeteredChar, MeteredStr, metered_str_type

__all__ = [
    "Counted",
    "CountingList",
    "Meter",
    "MeteredChar",
    "MeteredInt",
    "MeteredStr",
    "StepBudget",
    "TooManyOperations",
    "TooMuchWork",
    "count_steps",
    "counted",
    "metered_int_type",
    "metered_list_type",
    "metered_str_type",
    "recursion_depth",
]
