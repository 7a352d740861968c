"""The one-line verdict a learner reads when a test cell fails (course/runtime/checks.py)."""

from __future__ import annotations

from course.runtime import checks
from course.runtime.checks import Verdict


def _verdict(answer: str, test: str) -> Verdict:
    seen: list[Verdict] = []
    ns: dict[str, object] = {}
    exec(compile(answer, "/tmp/ipykernel_1/answer.py", "exec"), ns)
    with checks.TestRun("ex", "t1", 1, seen.append):
        exec(compile(test, "/tmp/ipykernel_1/test.py", "exec"), ns)
    (verdict,) = seen
    return verdict


def test_a_name_the_answer_cell_never_defined_reads_as_not_started() -> None:
    verdict = _verdict("# YOUR CODE HERE\n", "assert total == 6\n")
    assert not verdict.passed
    assert verdict.message.startswith("✗ t1: not started yet: `total` is not defined")


def test_a_name_error_inside_the_learners_function_is_reported_where_it_happened() -> None:
    answer = "def total(xs):\n    return sum(xz)\n"
    verdict = _verdict(answer, "assert total([1, 2, 3]) == 6\n")
    assert "not started" not in verdict.message
    assert "raised NameError" in verdict.message and "line 2 of your code (total)" in verdict.message


def test_not_implemented_reads_as_not_started() -> None:
    verdict = _verdict("def total(xs):\n    raise NotImplementedError()\n", "assert total([1]) == 1\n")
    assert verdict.message.startswith("✗ t1: not started yet: the starter code still raises NotImplementedError")


def test_a_failed_assertion_shows_its_message() -> None:
    verdict = _verdict("def total(xs):\n    return 0\n", "assert total([1]) == 1, 'one item sums to itself'\n")
    assert verdict.message.startswith("✗ t1 failed: one item sums to itself")
