"""Full course validation, the fast way: every exercise proven, its mutants killed (or declared
equivalent), every self-study notebook run, and the nbgrader round trip for every phase
(``course verify`` and the benchmark use it)."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from course.editions.pipeline import Inputs, load_course
from course.mutation.check import MutationReport, check_course
from course.project import Project
from course.proof import ProofResult, prove_course
from course.verify.execute import Execution, execute_notebooks
from course.verify.roundtrip import PhaseRoundTrip, roundtrip_all, solutions_by_notebook

Progress = Callable[[str], None]


@dataclass
class Verification:
    notebooks: Path  # the copy of notebooks/ that was run
    proofs: list[ProofResult] = field(default_factory=list)
    mutation: MutationReport | None = None
    runs: list[Execution] = field(default_factory=list)
    trips: list[PhaseRoundTrip] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # per step, wall clock

    def failures(self) -> list[str]:
        out = [f"{p.path}:{p.line}: {p.exercise}: {p.message}" for p in self.proofs if not p.ok]
        out += self.mutation.failures() if self.mutation else []
        out += [f"{r.path.relative_to(self.notebooks)}: {e}" for r in self.runs for e in r.errors]
        out += [f"{t.assignment}: {p}" for t in self.trips for p in t.problems]
        return out

    def slowest(self, n: int = 10) -> list[tuple[float, str]]:
        """The ``n`` slowest notebooks, slowest first, as (seconds, path under notebooks/)."""
        times = sorted((r.seconds, r.path.relative_to(self.notebooks).as_posix()) for r in self.runs)
        return list(reversed(times[-n:]))


def verify_course(
    project: Project, workdir: Path, *, roundtrip: bool = True, jobs: int = 0, progress: Progress | None = None
) -> Verification:
    """Validate the course; notebooks run in a copy under ``workdir`` (they may write files)."""
    say = progress or (lambda _m: None)
    course = load_course(Inputs(project.roadmap, project.sections, project.cache))
    result = Verification(workdir / "notebooks")
    shutil.copytree(project.root / "notebooks", result.notebooks)

    start = time.perf_counter()
    result.proofs = prove_course(course, project.data, jobs=jobs)
    result.seconds["proofs"] = time.perf_counter() - start
    say(f"{len(result.proofs)} exercises proven both ways")

    start = time.perf_counter()
    result.mutation = check_course(course, project.data, jobs=jobs)
    result.seconds["mutants"] = time.perf_counter() - start
    survived = len(result.mutation.failures())
    say(f"{result.mutation.total} mutants of the solutions run, {survived} survivor(s) or problem(s)")

    start = time.perf_counter()
    result.runs = execute_notebooks(sorted(result.notebooks.rglob("*.ipynb")), workers=jobs)
    result.seconds["notebooks"] = time.perf_counter() - start
    say(f"{len(result.runs)} notebooks ran")

    if roundtrip:
        start = time.perf_counter()
        result.trips = roundtrip_all(project.root / "source", solutions_by_notebook(course), workers=jobs)
        result.seconds["roundtrip"] = time.perf_counter() - start
        say(f"nbgrader round trip for {len(result.trips)} phases: perfect = full marks, untouched = 0")
    return result
