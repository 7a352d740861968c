"""The mutation check of the quality gate: every exercise's tests must kill every mutant of its
solution, except the mutants its solution cell declares equivalent (with a reason).

A declaration must name a mutant that still exists ("stale" otherwise) and that the tests do not
kill (otherwise the declaration is wrong, or no longer needed).
"""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from course.errors import CourseError
from course.ids import section_key
from course.mutation.operators import Mutant, mutants
from course.mutation.run import ExerciseRun, Progress, run_mutants

if TYPE_CHECKING:  # the course model only: mutants never run the editions' code
    from course.editions.pipeline import Course

KILLED, SURVIVED, EQUIVALENT, NOT_RUN = "killed", "survived", "equivalent", "not run"


@dataclass(frozen=True)
class MutantResult:
    mutant: Mutant
    status: str  # killed | survived | equivalent | not run
    killed_by: str  # what killed it: "timeout", "t2: AssertionError: ...", "answer: ..."; "" otherwise
    reason: str  # the declared reason, for an equivalent mutant
    seconds: float = 0.0  # how long it ran


@dataclass(frozen=True)
class ExerciseMutation:
    section: str
    exercise: str
    path: str
    line: int  # the solution cell's header line
    limits: tuple[float, float]  # each mutant's time limits: real time and processor time, in seconds
    results: tuple[MutantResult, ...]
    problems: tuple[str, ...]  # stale or wrong declarations, a solution that fails, a crash

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def survivors(self) -> list[MutantResult]:
        return [r for r in self.results if r.status == SURVIVED]

    @property
    def timeouts(self) -> int:
        return sum(r.status == KILLED and r.killed_by == "timeout" for r in self.results)

    @property
    def ok(self) -> bool:
        return not self.problems and not self.survivors


@dataclass(frozen=True)
class MutationReport:
    exercises: tuple[ExerciseMutation, ...]
    seconds: float

    @property
    def ok(self) -> bool:
        return all(e.ok for e in self.exercises)

    def count(self, status: str) -> int:
        return sum(e.count(status) for e in self.exercises)

    @property
    def total(self) -> int:
        return sum(len(e.results) for e in self.exercises)

    @property
    def timeouts(self) -> int:
        return sum(e.timeouts for e in self.exercises)

    def failures(self) -> list[str]:
        """One line per unexplained survivor and per problem, as ``path:line: ...``."""
        out: list[str] = []
        for e in self.exercises:
            out += [f"{e.path}:{e.line}: {e.section} {e.exercise}: {p}" for p in e.problems]
            for r in e.survivors:
                before, after = clip(r.mutant.before, r.mutant.after)
                where = f"{e.path}:{r.mutant.line}: {e.section} {e.exercise}"
                out.append(f"{where}: {before} -> {after} [{r.mutant.id}] ({r.mutant.operator})")
        return out

    def scores(self) -> list[str]:
        """Killed/total per exercise below 100 %, then per section (equivalent mutants left out)."""
        out = [
            f"{e.section} {e.exercise}: {_score(e.count(KILLED), _scored(e))}"
            for e in self.exercises
            if e.count(KILLED) < _scored(e)
        ]
        for section in sorted({e.section for e in self.exercises}, key=section_key):
            mine = [e for e in self.exercises if e.section == section]
            out.append(f"{section}: {_score(sum(e.count(KILLED) for e in mine), sum(_scored(e) for e in mine))}")
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "seconds": round(self.seconds, 2),
            "mutants": self.total,
            "killed": self.count(KILLED),
            "timeouts": self.timeouts,
            "survived": self.count(SURVIVED),
            "equivalent": self.count(EQUIVALENT),
            "exercises": [
                {
                    "section": e.section,
                    "exercise": e.exercise,
                    "path": e.path,
                    "line": e.line,
                    "limits": [round(x, 3) for x in e.limits],
                    "killed": e.count(KILLED),
                    "total": len(e.results),
                    "problems": list(e.problems),
                    "mutants": [
                        {
                            "id": r.mutant.id,
                            "operator": r.mutant.operator,
                            "line": r.mutant.line,
                            "before": r.mutant.before,
                            "after": r.mutant.after,
                            "status": r.status,
                            "killed_by": r.killed_by,
                            "reason": r.reason,
                            "seconds": r.seconds,
                        }
                        for r in e.results
                    ],
                }
                for e in self.exercises
            ],
        }


def clip(before: str, after: str, width: int = 120, room: int = 40) -> tuple[str, str]:
    """``before`` and ``after`` shortened for one line of a report, when either is longer than
    ``width``: the part that differs, ``room`` characters around it, "…" for what is left out."""
    if max(len(before), len(after)) <= width:
        return before, after
    prefix = 0
    while prefix < min(len(before), len(after)) and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(before), len(after)) - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    start = max(0, prefix - room)

    def cut(text: str) -> str:
        middle_end = len(text) - suffix
        middle = text[prefix:middle_end]
        if len(middle) > 2 * room:
            middle = middle[:room] + "…" + middle[-room:]
        end = min(len(text), middle_end + room)
        return (
            ("…" if start else "")
            + text[start:prefix]
            + middle
            + text[middle_end:end]
            + ("…" if end < len(text) else "")
        )

    return cut(before), cut(after)


def _scored(e: ExerciseMutation) -> int:
    return len(e.results) - e.count(EQUIVALENT)


def _score(killed: int, total: int) -> str:
    percent = 100 * killed // total if total else 100
    return f"{killed}/{total} mutants killed ({percent} %)"


def check_course(
    course: Course,
    data_root: Path | None,
    sections: Iterable[str] | None = None,
    progress: Progress | None = None,
    jobs: int = 0,
    *,
    only: Collection[tuple[str, str]] | None = None,
) -> MutationReport:
    """Generate and run the mutants of every exercise (of ``sections``, or only the
    ``(section, exercise id)`` pairs in ``only``, if given) and judge them."""
    start = time.perf_counter()
    wanted = set(sections) if sections else None
    if wanted:
        unknown = wanted - {s.number for s in course.roadmap.sections}
        if unknown:
            msg = f"no section {', '.join(sorted(unknown))} in the roadmap"
            raise CourseError(msg, path=course.roadmap.path, expected="section numbers such as 1.2")
    contents = {n: c for n, c in course.contents.items() if c.exercises and (wanted is None or n in wanted)}
    runs = [
        ExerciseRun(n, ex, mutants(ex.id, ex.solution, ex.solution_line + 1))
        for n, c in sorted(contents.items(), key=lambda kv: section_key(kv[0]))
        for ex in c.exercises
        if only is None or (n, ex.id) in only
    ]
    run_mutants(runs, contents, data_root, jobs=jobs, progress=progress)
    exercises = tuple(_judge(run, str(contents[run.section].path)) for run in runs)
    return MutationReport(exercises, time.perf_counter() - start)


def _judge(run: ExerciseRun, path: str) -> ExerciseMutation:
    ex = run.exercise
    declared = dict(ex.equivalent)
    problems: list[str] = [run.problem] if run.problem else []
    ids = {m.id for m in run.mutants}
    problems += [
        f"stale equivalent declaration {mid}: no such mutant any more (remove it from the solution header)"
        for mid in declared
        if mid not in ids
    ]
    results: list[MutantResult] = []
    for m in run.mutants:
        outcome = run.outcomes.get(m.id)
        reason = declared.get(m.id, "")
        if outcome is None:
            results.append(MutantResult(m, NOT_RUN, "", reason))
        elif outcome.killed_by is not None:
            results.append(MutantResult(m, KILLED, outcome.killed_by, reason, outcome.seconds))
            if reason:
                problems.append(
                    f"{m.id} is declared equivalent, but the tests kill it ({_short(outcome.killed_by)}): "
                    f"remove the declaration ({m.before} -> {m.after})"
                )
        else:
            results.append(MutantResult(m, EQUIVALENT if reason else SURVIVED, "", reason, outcome.seconds))
    return ExerciseMutation(run.section, ex.id, path, ex.solution_line, run.limits, tuple(results), tuple(problems))


def _short(text: str) -> str:
    first = text.split("\n", 1)[0]
    return first if len(first) <= 80 else first[:77] + "..."
