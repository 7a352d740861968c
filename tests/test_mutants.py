"""Mutation testing of exercises (``course prove --mutants``): the operators, where they apply,
stable ids, time limits, equivalence declarations, and the command's exit status."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from course.cli import main
from course.content.load import load_section_content
from course.editions.pipeline import Inputs, load_course
from course.errors import ContentError
from course.mutation import run
from course.mutation.check import EQUIVALENT, KILLED, SURVIVED, MutationReport, check_course, clip
from course.mutation.operators import Mutant, mutants
from course.roadmap.parse import load_roadmap
from course.verify.full import Verification
from tests.conftest import DATA

CONTENT = DATA / "content"


def _cell(*lines: str) -> str:
    body = "\n".join("    " + line for line in lines)
    return f"def f(a, b, c, i, j, s, x):\n    ### BEGIN SOLUTION\n{body}\n    ### END SOLUTION\n"


def _afters(source: str, operator: str) -> list[str]:
    return [m.after for m in mutants("ex", source) if m.operator == operator]


OPERATORS = [
    ("swap-compare", "y = a < b", ["y = a <= b"]),
    ("swap-compare", "y = a <= b", ["y = a < b"]),
    ("swap-compare", "y = a > b", ["y = a >= b"]),
    ("swap-compare", "y = a >= b", ["y = a > b"]),
    ("swap-compare", "y = a == b", ["y = a != b"]),
    ("swap-compare", "y = a != b", ["y = a == b"]),
    ("swap-compare", "y = a is b", ["y = a is not b"]),
    ("swap-compare", "y = a is not b", ["y = a is b"]),
    ("swap-compare", "y = a in b", ["y = a not in b"]),
    ("swap-compare", "y = a not in b", ["y = a in b"]),
    ("swap-compare", "y = a < b <= c", ["y = a <= b <= c", "y = a < b < c"]),
    ("swap-arith", "y = a + b", ["y = a - b"]),
    ("swap-arith", "y = a - -b", ["y = a + -b"]),
    ("swap-arith", "y = a * b", ["y = a / b"]),
    ("swap-arith", "y = a / b", ["y = a * b", "y = a // b"]),
    ("swap-arith", "y = a // b", ["y = a * b", "y = a / b"]),
    ("swap-arith", "y = a % b", ["y = a // b"]),
    ("swap-arith", "y = (a) + (b)  # sum", ["y = (a) - (b)  # sum"]),
    ("swap-augassign", "a += b", ["a -= b"]),
    ("swap-augassign", "a -= b", ["a += b"]),
    ("swap-augassign", "a //= b", ["a *= b", "a /= b"]),
    ("int-constant", "y = 0", ["y = 1"]),
    ("int-constant", "y = 1", ["y = 0", "y = 2"]),
    ("int-constant", "y = 7", ["y = 6", "y = 8"]),
    ("int-constant", "y = a[-1]", ["y = a[-0]", "y = a[-2]"]),
    ("slice-bound", "y = a[i:]", ["y = a[i + 1:]", "y = a[i - 1:]"]),
    ("slice-bound", "y = a[:len(a) - j]", ["y = a[:len(a) - j + 1]", "y = a[:len(a) - j - 1]"]),
    ("slice-bound", "y = a[:i or j]", ["y = a[:(i or j) + 1]", "y = a[:(i or j) - 1]"]),
    ("slice-bound", "y = a[1:]", []),  # literal bounds: int-constant moves them
    ("drop-slice-bound", "y = a[i:j]", ["y = a[:j]", "y = a[i:]"]),
    ("drop-slice-bound", "y = a[::-1]", ["y = a[::]"]),
    ("and-or", "y = a and b", ["y = a or b"]),
    ("and-or", "y = a or b or c", ["y = a and b and c"]),
    ("drop-not", "y = not a", ["y = a"]),
    ("drop-not", "y = b and not (a or c)", ["y = b and (a or c)"]),
    ("true-false", "y = True", ["y = False"]),
    ("true-false", "y = False", ["y = True"]),
    ("return-none", "return a + 1", ["return None"]),
    ("return-none", "return None", []),
    ("statement-pass", "y = g(a)", ["pass"]),
    ("statement-pass", "a.append(b)", ["pass"]),
    ("statement-pass", "raise ValueError(a)", ["pass"]),
    ("statement-pass", '"""A docstring."""', []),
    ("min-max", "y = min(a)", ["y = max(a)"]),
    ("min-max", "y = max(a, b)", ["y = min(a, b)"]),
    ("drop-call", "y = sorted(a)", ["y = a"]),
    ("drop-call", "y = sorted(a, key=len)", ["y = a"]),
    ("drop-call", "y = list(reversed(a))", ["y = reversed(a)", "y = list(a)"]),
    ("drop-call", "y = abs(a - b)", ["y = (a - b)"]),
    ("drop-call", "y = int(s) * 2", ["y = s * 2"]),
    ("drop-call", "y = str(a)", ["y = a"]),
    ("drop-call", "y = tuple(x for x in a)", ["y = (x for x in a)"]),
    ("drop-call", "y = set(a)", ["y = a"]),
    ("drop-call", "y = s.strip().lower()", ["y = s.lower()", "y = s.strip()"]),
    ("drop-call", "y = (s + b).strip()", ["y = (s + b)"]),
    ("drop-call", "y = list(a, b)", []),  # not a one-argument wrapper
    ("swap-arith", 'y = f"{a + b}"', []),  # nothing inside f-strings
    ("int-constant", "y: Literal[1] = a", []),  # nor in annotations
]


@pytest.mark.parametrize(("operator", "line", "expected"), OPERATORS, ids=[f"{o}:{s}" for o, s, _ in OPERATORS])
def test_operator_mutates_exactly(operator: str, line: str, expected: list[str]) -> None:
    lines = (line,) if line.startswith("return") else (line, "return y")
    assert _afters(_cell(*lines), operator) == expected


def test_break_and_continue_swap() -> None:
    source = _cell("for x in a:", "    if x:", "        break", "    continue", "return a")
    found = [(m.before, m.after) for m in mutants("ex", source) if m.operator == "break-continue"]
    assert found == [("break", "continue"), ("continue", "break")]


def test_a_mutant_records_its_line_before_after_and_whole_cell() -> None:
    source = _cell("y = a < b", "return y")
    (m,) = [m for m in mutants("ex", source, first_line=40) if m.operator == "swap-compare"]
    assert (m.line, m.before, m.after) == (42, "y = a < b", "y = a <= b")
    assert m.source == source.replace("a < b", "a <= b")
    assert re.fullmatch(r"m-[0-9a-f]{8}", m.id)


def test_only_the_solution_region_is_mutated() -> None:
    source = (
        "LIMIT = 3\n"
        "def f(a):\n"
        "    b = a + LIMIT if a > 0 else not a\n"
        "    ### BEGIN SOLUTION\n"
        "    return b - 1\n"
        "    ### END SOLUTION\n"
        "\n"
        "def g(a):\n"
        "    ### BEGIN SOLUTION\n"
        "    return a * 2\n"
        "    ### END SOLUTION\n"
        "    return a + 1\n"
    )
    found = mutants("ex", source)
    assert {m.line for m in found} == {5, 10}
    assert {m.before for m in found} == {"return b - 1", "return a * 2"}


def test_statements_that_mean_nothing_are_not_mutated() -> None:
    # a docstring or "..." never becomes "pass", and "return None" has nothing to drop
    source = _cell('"""Doc."""', "...", "return None")
    assert mutants("ex", source) == []


def test_mutants_that_compile_to_the_solutions_code_are_dropped() -> None:
    # the compiler removes a branch that can never run, so changing it changes nothing
    source = _cell("if False:", "    y = 1", "return a")
    found = {(m.operator, m.after) for m in mutants("ex", source)}
    assert ("true-false", "if True:") in found
    assert not any(operator == "int-constant" for operator, _ in found)


def test_mutants_and_ids_are_deterministic() -> None:
    source = _cell("y = sorted(a)[1:i] + [min(b)]", "if y and not c:", "    return y", "return None")
    first, second = mutants("ex", source), mutants("ex", source)
    assert first == second
    assert len({m.id for m in first}) == len(first), "ids are unique"


def test_ids_survive_an_unrelated_line_inserted_above() -> None:
    source = _cell("y = a + 1", "return y")
    moved = "import math  # an unrelated change\n" + source.replace("    y = a + 1", "    z = 0\n    y = a + 1")
    old = {m.id: m for m in mutants("ex", source)}
    new = {m.id: m for m in mutants("ex", moved)}
    assert set(old) <= set(new)
    assert all(new[i].line == old[i].line + 2 and new[i].after == old[i].after for i in old)


def test_twin_lines_get_different_ids_and_the_id_depends_on_the_exercise() -> None:
    source = _cell("a += 1", "a += 1", "return a")
    swaps = [m for m in mutants("ex", source) if m.operator == "swap-augassign"]
    assert [m.after for m in swaps] == ["a -= 1", "a -= 1"]
    assert swaps[0].id != swaps[1].id
    assert {m.id for m in mutants("other", source)}.isdisjoint(m.id for m in mutants("ex", source))


# --- running mutants --------------------------------------------------------------------


def _report(make_project: Callable[..., Path], fixture: str, text: str | None = None) -> MutationReport:
    root = make_project(content={"1.1.py": CONTENT / fixture})
    if text is not None:
        (root / "content" / "sections" / "1.1.py").write_text(text, encoding="utf-8")
    course = load_course(Inputs(root / "content" / "roadmap.md", root / "content" / "sections"))
    return check_course(course, None, jobs=2)


def _status(report: MutationReport, exercise: str) -> dict[str, tuple[str, str, str]]:
    (e,) = [e for e in report.exercises if e.exercise == exercise]
    return {r.mutant.after: (r.status, r.killed_by, r.mutant.id) for r in e.results}


def test_mutants_run_against_every_test_cell_hidden_tests_included(make_project: Callable[..., Path]) -> None:
    report = _report(make_project, "mutants-1.1.py")
    double = _status(report, "double")
    assert double["return 3 * x"][:2] == (KILLED, "t1: AssertionError: ")
    assert double["return 2 / x"][0] == KILLED
    assert report.ok and report.failures() == []
    clamp = _status(report, "clamp")
    assert clamp["if n <= 0:"][0] == EQUIVALENT
    assert clamp["return 1"][0] == KILLED


def test_a_mutant_that_loops_for_ever_is_killed_by_its_time_limit(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, record_property: Callable[[str, object], None]
) -> None:
    monkeypatch.setattr(run, "FLOOR", 0.5)
    monkeypatch.setattr(run, "GRACE", 0.5)
    report = _report(make_project, "mutants-hang-1.1.py")
    countdown = _status(report, "countdown")
    # it swallows the timer's exception with a bare except, and is still stopped
    assert countdown["n += 1"][:2] == (KILLED, "timeout")
    assert countdown["n -= 0"][:2] == (KILLED, "timeout")
    (e,) = [e for e in report.exercises if e.exercise == "countdown"]
    looping = next(r for r in e.results if r.mutant.after == "n += 1")
    record_property(
        "measured",
        f"a mutant looping for ever was stopped after {looping.seconds:.2f} s (exercise timeout {30} s, "
        f"limits {e.limits[0]:.2f} s real, {e.limits[1]:.2f} s processor)",
    )


def test_a_mutant_that_blocks_the_timers_gets_its_worker_stopped_and_the_rest_still_run(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run, "FLOOR", 0.5)
    monkeypatch.setattr(run, "GRACE", 0.5)
    report = _report(make_project, "mutants-hang-1.1.py")
    spin = _status(report, "spin")
    assert spin["n += 1"][:2] == (KILLED, "timeout")
    assert spin["n -= 0"][:2] == (KILLED, "timeout")
    assert spin["n -= 2"][0] == KILLED and spin["n -= 2"][1].startswith("t1:"), "mutants after a hang still run"
    assert spin["return None"][0] == KILLED
    assert all(status != "not run" for status, _, _ in spin.values())


def test_a_mutant_that_ends_its_worker_is_killed_and_the_rest_still_run(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run, "FLOOR", 0.5)
    monkeypatch.setattr(run, "GRACE", 0.5)
    guard = _status(_report(make_project, "mutants-hang-1.1.py"), "guard")
    status, killed_by, _ = guard["if n >= 100:"]
    assert status == KILLED and killed_by.startswith("the proof worker died (exit code 3"), killed_by
    assert guard["return None"][0] == KILLED, "the mutants after it still run"


def test_a_solution_that_fails_its_tests_is_reported_and_not_mutated(make_project: Callable[..., Path]) -> None:
    text = (CONTENT / "mutants-1.1.py").read_text(encoding="utf-8")
    report = _report(make_project, "mutants-1.1.py", text.replace("return 2 * x", "return 3 * x"))
    (failure,) = report.failures()
    assert failure.endswith("1.1.py:9: 1.1 double: the solution does not pass its own tests (run 'course prove')")
    assert {r.status for r in report.exercises[0].results} == {"not run"}
    assert report.exercises[1].ok, "the other exercise is checked as usual"


# --- equivalence declarations ------------------------------------------------------------

_DECLARATION = re.compile(r', "equivalent": \{.*\}\}')


def test_an_undeclared_survivor_fails_and_points_at_its_line(make_project: Callable[..., Path]) -> None:
    text = (CONTENT / "mutants-1.1.py").read_text(encoding="utf-8")
    report = _report(make_project, "mutants-1.1.py", _DECLARATION.sub("}", text))
    assert not report.ok
    failures = report.failures()
    assert len(failures) == 2
    assert failures[0].endswith("1.1.py:37: 1.1 clamp: if n < 0: -> if n <= 0: [m-bc3cc07b] (swap-compare)")
    assert failures[1].endswith("1.1.py:37: 1.1 clamp: if n < 0: -> if n < 1: [m-92d357c9] (int-constant)")
    assert [r.status for r in report.exercises[1].results].count(SURVIVED) == 2


def test_a_stale_declaration_is_an_error(make_project: Callable[..., Path]) -> None:
    text = (CONTENT / "mutants-1.1.py").read_text(encoding="utf-8")
    stale = text.replace('"equivalent": {', '"equivalent": {"m-00000000": "it was once", ')
    report = _report(make_project, "mutants-1.1.py", stale)
    assert not report.ok
    (failure,) = report.failures()
    assert failure.endswith(
        "1.1.py:34: 1.1 clamp: stale equivalent declaration m-00000000: no such mutant any more "
        "(remove it from the solution header)"
    )


def test_declaring_a_mutant_the_tests_kill_is_an_error(make_project: Callable[..., Path], tmp_path: Path) -> None:
    text = (CONTENT / "mutants-1.1.py").read_text(encoding="utf-8")
    (tmp_path / "1.1.py").write_text(text, encoding="utf-8")
    clamp = load_section_content(tmp_path / "1.1.py", load_roadmap(DATA / "roadmaps" / "small.md")).exercise("clamp")
    (killed,) = [m.id for m in mutants("clamp", clamp.solution) if m.after == "return 1"]
    wrong = text.replace('"equivalent": {', f'"equivalent": {{"{killed}": "it is not", ')
    (failure,) = _report(make_project, "mutants-1.1.py", wrong).failures()
    assert f"{killed} is declared equivalent, but the tests kill it" in failure


BAD_DECLARATIONS = [
    ('"equivalent": ["m-bc3cc07b"]', r"'equivalent' must map mutant ids to reasons, not list"),
    ('"equivalent": {"bc3cc07b": "same"}', r"'equivalent' names 'bc3cc07b', which is not a mutant id"),
    ('"equivalent": {"m-bc3cc07b": ""}', r"equivalent mutant m-bc3cc07b needs a one-line reason"),
    ('"equivalent": {"m-bc3cc07b": 1}', r"equivalent mutant m-bc3cc07b needs a one-line reason"),
]


@pytest.mark.parametrize(("header", "message"), BAD_DECLARATIONS)
def test_a_badly_shaped_declaration_is_a_content_error_with_its_line(tmp_path: Path, header: str, message: str) -> None:
    text = (CONTENT / "mutants-1.1.py").read_text(encoding="utf-8")
    path = tmp_path / "1.1.py"
    path.write_text(re.sub(r'"equivalent": \{.*\}(?=\})', header, text), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_section_content(path, load_roadmap(DATA / "roadmaps" / "small.md"))
    assert re.search(message, str(err.value)), str(err.value)
    assert str(err.value).startswith(f"{path}:34: ")


def test_declarations_are_loaded_into_the_exercise(tmp_path: Path) -> None:
    path = tmp_path / "1.1.py"
    path.write_bytes((CONTENT / "mutants-1.1.py").read_bytes())
    clamp = load_section_content(path, load_roadmap(DATA / "roadmaps" / "small.md")).exercise("clamp")
    assert clamp.solution_line == 34
    assert clamp.equivalent == (
        ("m-bc3cc07b", "n < 0 and n <= 0 agree: clamp(0) is 0 both ways"),
        ("m-92d357c9", "n < 1 is n <= 0 for whole numbers"),
    )
    assert {i for i, _ in clamp.equivalent} <= {m.id for m in mutants("clamp", clamp.solution)}


# --- the command line ---------------------------------------------------------------------


def test_cli_exits_0_when_every_mutant_is_killed_or_declared(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = make_project(content={"1.1.py": CONTENT / "mutants-1.1.py"})
    out = tmp_path / "mutants.json"
    assert main(["prove", "--mutants", "--root", str(root), "--json", str(out), "-q"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "score 1.1: 7/7 mutants killed (100 %)" in captured.out
    report = json.loads(out.read_text(encoding="utf-8"))
    assert (report["mutants"], report["killed"], report["survived"], report["equivalent"]) == (9, 7, 0, 2)
    statuses = {m["id"]: m["status"] for e in report["exercises"] for m in e["mutants"]}
    assert statuses["m-bc3cc07b"] == "equivalent"


def test_cli_exits_1_on_a_survivor_and_prints_it(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(content={"1.1.py": CONTENT / "mutants-1.1.py"})
    path = root / "content" / "sections" / "1.1.py"
    path.write_text(_DECLARATION.sub("}", path.read_text(encoding="utf-8")), encoding="utf-8")
    assert main(["prove", "--mutants", "--root", str(root), "-q"]) == 1
    captured = capsys.readouterr()
    assert f"FAIL {path}:37: 1.1 clamp: if n < 0: -> if n <= 0: [m-bc3cc07b] (swap-compare)" in captured.err
    assert "score 1.1 clamp: 3/5 mutants killed (60 %)" in captured.out
    assert "score 1.1: 7/9 mutants killed (77 %)" in captured.out
    assert main(["prove", "--root", str(root), "-q"]) == 0, "without --mutants, prove is what it was"


def test_cli_exits_1_on_a_stale_declaration(
    make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(content={"1.1.py": CONTENT / "mutants-1.1.py"})
    path = root / "content" / "sections" / "1.1.py"
    path.write_text(path.read_text(encoding="utf-8").replace("m-92d357c9", "m-92d357c0"), encoding="utf-8")
    assert main(["prove", "--mutants", "--root", str(root), "-q"]) == 1
    err = capsys.readouterr().err
    assert f"FAIL {path}:34: 1.1 clamp: stale equivalent declaration m-92d357c0" in err
    assert "[m-92d357c9] (int-constant)" in err, "the mutant it meant now survives undeclared"


def test_cli_rejects_an_unknown_section(make_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(content={"1.1.py": CONTENT / "mutants-1.1.py"})
    assert main(["prove", "--mutants", "9.9", "--root", str(root), "-q"]) == 1
    assert "no section 9.9 in the roadmap" in capsys.readouterr().err


def test_verify_counts_survivors_as_failures(make_project: Callable[..., Path], tmp_path: Path) -> None:
    text = (CONTENT / "mutants-1.1.py").read_text(encoding="utf-8")
    report = _report(make_project, "mutants-1.1.py", _DECLARATION.sub("}", text))
    verification = Verification(tmp_path, mutation=report)
    assert verification.failures() == report.failures() != []


def test_long_mutants_are_clipped_around_the_change_in_the_report() -> None:
    before = "total = " + " + ".join(f"part_{i}" for i in range(30))
    after = before.replace("part_14 + part_15", "part_14 - part_15")
    short_before, short_after = clip(before, after)
    assert short_before.startswith("…") and short_before.endswith("…") and len(short_before) < 100
    assert "part_14 + part_15" in short_before and "part_14 - part_15" in short_after
    assert clip("return a < b", "return a <= b") == ("return a < b", "return a <= b")


def test_mutant_is_a_frozen_record() -> None:
    m = Mutant("m-00000000", "int-constant", 1, "a", "b", "b")
    with pytest.raises(AttributeError):
        m.line = 2  # type: ignore[misc]


def test_a_mutant_that_fills_the_memory_gets_its_worker_stopped(
    make_project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run, "MEMORY", 96 << 20)
    monkeypatch.setattr(run, "FLOOR", 3.0)  # the memory guard, not a timer, must stop it
    report = _report(make_project, "mutants-memory-1.1.py")
    fill = _status(report, "fill")
    status, killed_by, _ = fill["n += 1"]
    assert (status, killed_by) == (KILLED, "the proof worker was stopped for holding more than 96 MiB of memory")
    assert fill["return None"][0] == KILLED, "the mutants after it still run"
