"""course.runtime.meters: exact counts, the limit at exactly limit + 1, and failures that name the
learner's line (code compiled with the file names a kernel and the proof worker give cells)."""

from __future__ import annotations

import json
import linecache
import subprocess
import sys
import textwrap
from itertools import count
from pathlib import Path
from typing import Any

import pytest

from course.runtime import checks, meters
from course.runtime.meters import (
    Counted,
    CountingList,
    Meter,
    StepBudget,
    TooManyOperations,
    TooMuchWork,
    count_steps,
    counted,
    metered_int_type,
    metered_list_type,
    metered_str_type,
)
from course.runtime.whose_line import is_cell_file

_cell_numbers = count(1)

PAIR_SUM = """\
def pair_sum(nums, target):
    n = len(nums)
    for i in range(n):
        for j in range(i, n):
            if nums[i] + nums[j] == target:
                return i, j
    return None
"""


def kernel_cell(code: str, ns: dict[str, Any], name: str | None = None) -> None:
    """Run ``code`` the way ipykernel runs a cell: compiled under its own temporary file name,
    its lines registered in linecache."""
    name = name or f"/tmp/ipykernel_4242/{next(_cell_numbers)}.py"
    linecache.cache[name] = (len(code), None, code.splitlines(keepends=True), name)
    exec(compile(code, name, "exec"), ns)


def notebook() -> dict[str, Any]:
    ns: dict[str, Any] = {}
    kernel_cell("from course.runtime.meters import *\n", ns)
    return ns


def test_a_meter_counts_exactly_and_fails_at_limit_plus_one() -> None:
    meter = Meter(limit=5)
    for _ in range(5):
        meter.tick()
    assert meter.count == 5
    with pytest.raises(TooMuchWork) as caught:
        meter.tick()
    assert meter.count == 6
    assert str(caught.value).startswith("more than 5 basic operations for this input: ")
    assert isinstance(caught.value, AssertionError) and TooManyOperations is TooMuchWork

    big = Meter(limit=10)
    big.tick(10)
    with pytest.raises(TooMuchWork):
        big.tick(1)
    with pytest.raises(TooMuchWork):  # still over: every later tick fails too
        big.tick(0)


def test_start_reset_and_stop() -> None:
    meter = Meter(limit=2)
    meter.tick(2, division=True)
    meter.reset()
    assert (meter.count, meter.divisions, meter.limit) == (0, 0, 2)
    meter.start(1)
    meter.tick()
    assert meter.stop() == 1
    meter.tick(100)  # no limit after stop()
    assert meter.count == 101
    meter.start()  # no limit: only counts
    meter.tick(10**6)
    assert meter.count == 10**6


def test_metered_ints_count_each_operation_once() -> None:
    meter = Meter()
    Num = metered_int_type(meter)
    a, b = Num(7), Num(2)
    results = [a < b, a == b, a + 1, 1 + a, a - b, a * b, a // b, a % b, -a, a ^ b, hash(a)]
    assert meter.count == len(results) == 11
    assert meter.divisions == 1  # only //
    assert [type(r) for r in results[1:4]] == [bool, int, int]  # results are plain: only the inputs count
    assert metered_int_type(meter) is Num  # one class per meter
    meter.reset()
    found = {a: "x"}[7]  # hashing a, then comparing the stored a with the key 7
    assert meter.count == 2 and found == "x"
    divmod(a, b), 9 / b
    assert meter.divisions == 2


def test_counted_follows_the_numbers_on_one_shared_meter() -> None:
    Counted.start()
    total = Counted(1) + 2
    assert type(total) is Counted
    total = total * 3  # counted, because total is a Counted too
    assert Counted.stop() == 2 and total == 9
    Counted.start(limit=3)
    try:
        with pytest.raises(TooMuchWork, match="more than 3 operations on the input numbers"):
            sorted(Counted(v) for v in range(10, 0, -1))
    finally:
        used = Counted.stop()
    assert used == 4
    assert Counted(5) < 6  # stop() removed the limit


def test_metered_strings_charge_characters_read_scanned_and_copied() -> None:
    meter = Meter()
    Text = metered_str_type(meter)
    text = Text("deploy")

    def cost(op: Any) -> tuple[Any, int]:
        meter.reset()
        result = op()
        return result, meter.count

    chars, n = cost(lambda: [ch for ch in text])
    assert n == 6 and [str(ch) for ch in chars] == list("deploy")
    assert cost(lambda: "lo" in text) == (True, 6)  # a scan costs the whole length
    part, n = cost(lambda: text[1:4])
    assert n == 3 and type(part) is Text and str(part) == "epl"
    assert cost(lambda: text[0] == "d") == (True, 2)  # one read, one comparison
    joined, n = cost(lambda: "x" + text)
    assert n == 7 and type(joined) is str and joined == "xdeploy"  # the characters + copies
    upper, n = cost(text.upper)
    assert n == 6 and type(upper) is Text and str(upper) == "DEPLOY"


def test_counting_lists_charge_what_an_array_would() -> None:
    budget = StepBudget()
    items = CountingList(range(10), budget=budget)
    costs = {}
    for name, op in [
        ("append", lambda: items.append(0)),
        ("pop()", lambda: items.pop()),
        ("insert(0, x)", lambda: items.insert(0, 9)),
        ("pop(0)", lambda: items.pop(0)),
        ("x in list", lambda: 3 in items),
        ("list[i]", lambda: items[4]),
        ("list[2:5]", lambda: items[2:5]),
    ]:
        budget.used = 0
        op()
        costs[name] = budget.used
    assert costs == {
        "append": 1,
        "pop()": 1,
        "insert(0, x)": 11,
        "pop(0)": 11,
        "x in list": 10,
        "list[i]": 1,
        "list[2:5]": 3,
    }
    meter = Meter(limit=4)
    Bound = metered_list_type(meter)
    letters = Bound("abcd")
    letters[0], letters[3] = letters[3], letters[0]
    with pytest.raises(TooMuchWork):
        letters.insert(0, "z")
    assert meter.count == 9 and metered_list_type(meter) is Bound


def test_step_budget_speaks_section_4_1() -> None:
    budget = StepBudget(4, "O(log n)")
    values = counted([2, 4, 6], budget)
    assert values[0] / values[1] == 0.5 and budget.divisions == 1 and budget.used == 1
    budget.spend(3)
    with pytest.raises(TooMuchWork, match=r"^more than 4 element operations: an O\(log n\) answer needs fewer"):
        budget.spend()


def test_count_steps_counts_executed_lines() -> None:
    def three_lines(x: int) -> int:
        y = x + 1
        z = y * 2
        return z

    before = sys.gettrace()
    assert count_steps(three_lines, 1) == (4, 3)
    with pytest.raises(TooMuchWork, match="more than 2 steps"):
        count_steps(three_lines, 1, limit=2)
    assert sys.gettrace() is before  # the tracer is removed even after a failure
    assert count_steps(three_lines, 2, limit=3) == (6, 3)


def test_a_budget_failure_names_the_learners_line() -> None:
    ns = notebook()
    kernel_cell(PAIR_SUM, ns)
    test = "meter = Meter(limit=2000)\nNum = metered_int_type(meter)\npair_sum([Num(v) for v in range(200)], -1)\n"
    with pytest.raises(TooMuchWork) as caught:
        kernel_cell(test, ns)
    err = caught.value
    assert err.where is not None and err.where.yours
    assert (err.where.lineno, err.where.function) == (5, "pair_sum")
    assert str(err) == (
        "more than 2000 basic operations for this input: the work grows faster than the exercise allows "
        "(look for a loop inside a loop, or repeated copying) "
        "(spent in your code at line 5: if nums[i] + nums[j] == target:)"
    )


def test_count_steps_names_the_learners_line() -> None:
    ns = notebook()
    kernel_cell(PAIR_SUM, ns)
    with pytest.raises(TooMuchWork, match=r"\(spent in your code at line 4: for j in range\(i, n\):\)$"):
        kernel_cell("count_steps(pair_sum, list(range(100)), -1, limit=300)\n", ns)


def test_library_code_between_is_skipped() -> None:
    """The learner's line that called library code is named, not a line inside the library."""
    ns = notebook()
    kernel_cell("import statistics\n\n\ndef middle(values):\n    return statistics.median(values)\n", ns)
    with pytest.raises(TooMuchWork, match=r"spent in your code at line 5: return statistics.median\(values\)\)$"):
        kernel_cell("Counted.start(limit=10)\nmiddle([Counted(v) for v in range(50, 0, -1)])\n", ns)
    Counted.stop()


def test_work_done_by_the_running_cell_itself_is_named_as_such() -> None:
    ns = notebook()
    with pytest.raises(TooMuchWork) as caught:
        kernel_cell("meter = Meter(limit=5)\nNum = metered_int_type(meter)\n\n99 in [Num(v) for v in range(10)]\n", ns)
    assert caught.value.where is not None and not caught.value.where.yours
    assert str(caught.value).endswith("(spent in the running cell at line 4: 99 in [Num(v) for v in range(10)])")


def test_proof_worker_names_answer_and_test_files() -> None:
    ns = notebook()
    kernel_cell(PAIR_SUM, ns, name="<answer>")
    with pytest.raises(TooMuchWork) as caught:
        kernel_cell("Counted.start(limit=50)\npair_sum([Counted(v) for v in range(20)], -1)\n", ns, name="<test t3>")
    Counted.stop()
    assert caught.value.where is not None and caught.value.where.filename == "<answer>"
    assert caught.value.where.yours


@pytest.mark.parametrize(
    ("filename", "cell"),
    [
        ("/tmp/ipykernel_812/2915637468.py", True),
        ("C:\\Users\\ada\\AppData\\Local\\Temp\\ipykernel_812\\2915637468.py", True),
        ("<ipython-input-3-5e8b8f4b7c1d>", True),
        ("<answer>", True),
        ("<test t1>", True),
        ("/usr/lib/python3.11/statistics.py", False),
        (meters.__file__, False),
        ("/tmp/ipykernel_812/helpers/2915637468.py", False),
        ("<frozen runpy>", False),  # below every kernel's cells
        ("<string>", False),  # dataclass and namedtuple methods
    ],
)
def test_which_files_are_cells(filename: str, cell: bool) -> None:
    assert is_cell_file(filename) is cell


def _verdict(test_code: str, ns: dict[str, Any]) -> checks.Verdict:
    verdicts: list[checks.Verdict] = []
    ns["TestRun"], ns["verdicts"] = checks.TestRun, verdicts
    body = textwrap.indent(test_code, "    ")
    kernel_cell(f"with TestRun('pairs', 't3', 2, verdicts.append):\n{body}", ns)
    [verdict] = verdicts
    return verdict


def test_the_verdict_shows_the_learners_line_once() -> None:
    ns = notebook()
    kernel_cell(PAIR_SUM, ns)
    verdict = _verdict("meter = Meter(limit=2000)\npair_sum(metered_list_type(meter)(range(200)), -1)\n", ns)
    assert not verdict.passed
    assert verdict.message == (
        "✗ t3 failed: more than 2000 basic operations for this input: the work grows faster than the exercise "
        "allows (look for a loop inside a loop, or repeated copying)\n"
        "    at line 5 of your code (pair_sum): if nums[i] + nums[j] == target:"
    )


def test_the_verdict_for_any_error_names_the_learners_line_not_the_librarys() -> None:
    ns = notebook()
    kernel_cell("import json\n\n\ndef load(text):\n    return json.loads(text)\n", ns)
    verdict = _verdict("load('{')\n", ns)
    assert verdict.message.startswith("✗ t3 raised JSONDecodeError: ")
    assert verdict.message.endswith("\n    at line 5 of your code (load): return json.loads(text)")
    failed_here = _verdict("assert load('1') == 2, 'one is not two'\n", ns)
    assert (
        failed_here.message
        == "✗ t3 failed: one is not two\n    at line 2 of the test (<module>): assert load('1') == 2, 'one is not two'"
    )


def test_the_proof_worker_quotes_the_answers_line(tmp_path: Path) -> None:
    job = {
        "setup": ["from course.runtime.meters import Meter, metered_int_type\n"],
        "exercises": [
            {
                "id": "pairs",
                "timeout": 30,
                "tests": [
                    {
                        "id": "t1",
                        "code": "m = Meter(limit=100)\npair_sum([metered_int_type(m)(v) for v in range(50)], -1)\n",
                    }
                ],
                "scenarios": [{"name": "solution", "answer": PAIR_SUM}],
            }
        ],
        "result": str(tmp_path / "result.json"),
    }
    subprocess.run(
        [sys.executable, "-m", "course.proof_worker"], input=json.dumps(job), text=True, check=True, cwd=tmp_path
    )
    failed = json.loads((tmp_path / "result.json").read_text())["pairs"]["solution"]["failed"]
    assert failed["t1"].startswith("TooMuchWork: more than 100 basic operations")
    assert failed["t1"].endswith("(spent in your code at line 5: if nums[i] + nums[j] == target:)")


def test_importing_the_meters_loads_no_widget_library() -> None:
    code = (
        "import sys, course.runtime.meters\n"
        "heavy = [m for m in ('anywidget', 'ipywidgets', 'traitlets', 'IPython', 'course.runtime.checklist') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_checklist_is_still_importable_from_course_runtime() -> None:
    from course.runtime import Checklist
    from course.runtime.checklist import Checklist as Direct

    assert Checklist is Direct


def test_recursion_depth_sees_recursion_in_cell_code_and_not_a_loop() -> None:
    from course.runtime.meters import recursion_depth

    ns: dict[str, object] = {}
    code = (
        "def fact(n):\n    return 1 if n <= 1 else n * fact(n - 1)\n"
        "def fact_loop(n):\n    out = 1\n    for i in range(2, n + 1):\n        out *= i\n    return out\n"
        "def sorts(xs):\n    return sorted(xs)\n"
    )
    exec(compile(code, "<answer>", "exec"), ns)
    assert recursion_depth(ns["fact"], 30) == (fact30 := ns["fact_loop"](30), 30)  # type: ignore[operator]
    assert recursion_depth(ns["fact_loop"], 30) == (fact30, 1)
    assert recursion_depth(ns["sorts"], [3, 1, 2]) == ([1, 2, 3], 1)
