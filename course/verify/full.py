"""Full course validation, the fast way: every exercise proven, its mutants killed (or declared
equivalent), every self-study notebook run, and the nbgrader round trip for every phase
(``course verify`` and the benchmark use it)."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import course as course_package
from course.editions.pipeline import Course, Inputs, load_course
from course.mutation.check import MutationReport, check_course
from course.project import Project
from course.proof import ProofResult, prove_course
from course.verify.cache import FILE as CACHE_FILE
from course.verify.cache import Keys, VerifyCache
from course.verify.committed import FILE as RECORD_FILE
from course.verify.committed import MutantsRecord
from course.verify.execute import Execution, execute_notebooks
from course.verify.executed import ExecutedStore
from course.verify.roundtrip import PhaseRoundTrip, grading_config, roundtrip_all, solutions_by_notebook

Progress = Callable[[str], None]


@dataclass
class Verification:
    notebooks: Path  # the copy of notebooks/ that was run
    proofs: list[ProofResult] = field(default_factory=list)
    mutation: MutationReport | None = None
    runs: list[Execution] = field(default_factory=list)
    trips: list[PhaseRoundTrip] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # per step, wall clock
    reused: dict[str, tuple[int, int]] = field(default_factory=dict)  # per step: (units reused, units in all)

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
    project: Project,
    workdir: Path,
    *,
    roundtrip: bool = True,
    jobs: int = 0,
    progress: Progress | None = None,
    incremental: bool = True,
) -> Verification:
    """Validate the course; notebooks run in a copy under ``workdir`` (they may write files).

    With ``incremental``, units that passed before with the same inputs are reused (see
    :mod:`course.verify.cache`) and only the rest is run; ``result.reused`` says how many.
    """
    run = _Run(project, workdir, jobs, progress or (lambda _m: None), incremental)
    run.proofs()
    run.mutants()
    run.notebooks()
    if roundtrip:
        run.roundtrip()
    run.cache.save()
    return run.result


class _Run:
    """One verification: the four steps, each running only what the cache cannot vouch for."""

    def __init__(self, project: Project, workdir: Path, jobs: int, say: Progress, incremental: bool) -> None:
        self.project = project
        self.jobs = jobs
        self.say = say
        self.course = load_course(Inputs(project.roadmap, project.sections, project.cache))
        self.result = Verification(workdir / "notebooks")
        shutil.copytree(project.root / "notebooks", self.result.notebooks)
        self.keys = project_keys(project)
        self.incremental = incremental
        # --all runs everything, and still remembers what passed for the next incremental run
        self.cache = VerifyCache.load(project.cache) if incremental else VerifyCache(project.cache / CACHE_FILE)
        if self.cache.damaged:
            say("the verification cache could not be read: it is ignored, everything runs")
        self.sections = {n: c for n, c in self.course.contents.items() if c.exercises}

    def _count_reused(self, step: str, ran: int, total: int, what: str) -> None:
        self.result.reused[step] = (total - ran, total)
        self.say(f"{_line(what, ran, total)} ({self.result.seconds.get(step, 0.0):.0f} s)")

    def proofs(self) -> None:
        """Every exercise proven both ways, per section."""
        keys = {n: self.keys.proofs(c) for n, c in self.sections.items()}
        todo = [n for n in self.sections if not self.cache.fresh(f"proofs:{n}", keys[n])]
        start = time.perf_counter()
        if todo:
            self.result.proofs = prove_course(self.course, self.project.data, sections=todo, jobs=self.jobs)
        self.result.seconds["proofs"] = time.perf_counter() - start
        _record_proofs(self.cache, keys, self.result.proofs, todo)
        self._count_reused("proofs", len(todo), len(keys), "sections' exercises proven both ways")

    def mutants(self) -> None:
        """Every exercise's mutants killed or declared equivalent, per exercise; what this machine's cache
        cannot vouch for may be vouched for by the record committed with the content."""
        units = [(n, ex.id) for n, c in self.sections.items() for ex in c.exercises]
        exercises = {(n, e): self.sections[n].exercise(e) for n, e in units}
        keys = {(n, e): self.keys.mutants(self.sections[n], ex) for (n, e), ex in exercises.items()}
        committed = {(n, e): self.keys.committed_mutants(self.sections[n], ex) for (n, e), ex in exercises.items()}
        path = self.project.sections.parent / RECORD_FILE
        record = MutantsRecord.load(path) if self.incremental else MutantsRecord(path, changed=True)
        if record.damaged:
            self.say(f"{path}: could not be read: it is ignored, and rewritten after this run")
        local = {u for u in units if self.cache.fresh(_mutant_unit(u), keys[u])}
        todo = {u for u in units if u not in local and not record.fresh(_mutant_unit(u), committed[u])}
        start = time.perf_counter()
        if todo:
            report = check_course(self.course, self.project.data, jobs=self.jobs, only=todo)
            self.result.mutation = report
            for e in report.exercises:
                unit = (e.section, e.exercise)
                self.cache.record(_mutant_unit(unit), keys[unit], e.ok)
                record.record(_mutant_unit(unit), committed[unit], e.ok)
            self.say(f"{report.total} mutants run, {len(report.failures())} survivor(s) or problem(s)")
        for unit in local:  # passed here with this machine's libraries: the record may say so too
            record.record(_mutant_unit(unit), committed[unit], True)
        record.keep_only({_mutant_unit(u) for u in units})
        record.save()
        self.result.seconds["mutants"] = time.perf_counter() - start
        from_record = len(units) - len(local) - len(todo)
        self._count_reused("mutants", len(todo), len(keys), "exercises' mutants checked")
        if from_record:
            self.say(f"  ({from_record} of them vouched for by {RECORD_FILE}, committed with the content)")

    def notebooks(self) -> None:
        """Every self-study notebook run top to bottom in a fresh kernel."""
        base = self.result.notebooks
        paths = sorted(base.rglob("*.ipynb"))
        keys = {p: _run_key(self.keys, p) for p in paths}
        todo = [p for p in paths if not self.cache.fresh(f"run:{_rel(p, base)}", keys[p])]
        start = time.perf_counter()
        self.result.runs = execute_notebooks(todo, workers=self.jobs) if todo else []
        self.result.seconds["notebooks"] = time.perf_counter() - start
        store = ExecutedStore.of(self.project.cache)
        _record_runs(self.cache, keys, base, self.result.runs, store)
        store.keep_only(set(keys.values()))  # the copies of older states of the notebooks go
        self._count_reused("notebooks", len(todo), len(paths), "notebooks ran")

    def roundtrip(self) -> None:
        """The nbgrader round trip, per instructor notebook, grouped by phase."""
        source = self.project.root / "source"
        solutions = solutions_by_notebook(self.course)
        config = grading_config(self.project.root)  # graded as a class grades: same limits, same kernels
        keys = {
            _rel(p, source): self.keys.roundtrip(p.read_bytes(), solutions.get(p.stem, {}), config)
            for p in sorted(source.glob("phase-*/*.ipynb"))
        }
        todo = {rel for rel, key in keys.items() if not self.cache.fresh(f"roundtrip:{rel}", key)}
        start = time.perf_counter()
        if todo:
            subset = None if len(todo) == len(keys) else todo
            self.result.trips = roundtrip_all(source, solutions, workers=self.jobs, only=subset, config=config)
        self.result.seconds["roundtrip"] = time.perf_counter() - start
        for trip in self.result.trips:
            for rel in todo:
                if rel.startswith(f"{trip.assignment}/"):
                    self.cache.record(f"roundtrip:{rel}", keys[rel], trip.ok)
        self._count_reused("roundtrip", len(todo), len(keys), "notebooks through the nbgrader round trip")


def prove_and_remember(project: Project, course: Course, sections: Collection[str] | None = None) -> list[ProofResult]:
    """Prove every exercise (of ``sections``, default all) both ways and tell the next ``course verify`` which
    sections passed in full (the test suite proves every exercise too; CI then does not prove them twice). Same
    keys, taken before the proofs run, and the same rule: only what passed is remembered."""
    keys = project_keys(project)
    wanted = {n for n, c in course.contents.items() if c.exercises and (sections is None or n in sections)}
    if not wanted:
        return []
    sections_keys = {n: keys.proofs(course.contents[n]) for n in wanted}
    proofs = prove_course(course, project.data, sections=sorted(wanted))
    cache = VerifyCache.load(project.cache)
    _record_proofs(cache, sections_keys, proofs, list(sections_keys))
    cache.save()
    return proofs


def execute_and_remember(project: Project, base: Path, paths: Sequence[Path]) -> list[Execution]:
    """Run these notebooks (under ``base``, a copy of ``notebooks/``) and tell the next ``course
    verify`` which ran cleanly, and keep their outputs for ``course site`` (the test suite runs every
    notebook too; CI then does not run them twice or three times). Keys are taken before the run, as
    ``course verify`` takes them."""
    keys = project_keys(project)
    before = {p: _run_key(keys, p) for p in paths}
    runs = execute_notebooks(paths)
    cache = VerifyCache.load(project.cache)
    _record_runs(cache, before, base, runs, ExecutedStore.of(project.cache))
    cache.save()
    return runs


def project_keys(project: Project) -> Keys:
    return Keys.for_project(Path(course_package.__file__).parent, project.roadmap, project.data)


def _record_proofs(
    cache: VerifyCache, keys: dict[str, str], proofs: Sequence[ProofResult], sections: list[str]
) -> None:
    for n in sections:
        cache.record(f"proofs:{n}", keys[n], all(r.ok for r in proofs if r.section == n))


def _record_runs(
    cache: VerifyCache, keys: dict[Path, str], base: Path, runs: Sequence[Execution], store: ExecutedStore
) -> None:
    """Each run under its key as taken before it ran (a notebook may change its own file); the executed
    copy of each clean run kept for ``course site``."""
    for r in runs:
        cache.record(f"run:{_rel(r.path, base)}", keys[r.path], r.ok)
        if r.ok and r.notebook is not None:
            store.put(keys[r.path], r.notebook)


def run_key(keys: Keys, rel: str, data: bytes) -> str:
    """The key of a run of the self-study notebook at ``rel`` (under ``notebooks/``) with these bytes."""
    return keys.notebook(_section_of(Path(rel)), data)


def _run_key(keys: Keys, path: Path) -> str:
    return run_key(keys, path.name, path.read_bytes())


def _mutant_unit(unit: tuple[str, str]) -> str:
    return f"mutants:{unit[0]}:{unit[1]}"


def _line(what: str, ran: int, total: int) -> str:
    reused = total - ran
    return f"{ran} of {total} {what}" + (f"; {reused} reused from earlier passing runs" if reused else "")


def _rel(path: Path, base: Path) -> str:
    return path.relative_to(base).as_posix()


def _section_of(path: Path) -> str:
    """``phase-01/1.2-....ipynb`` -> ``1.2``; the course home -> ``""`` (it uses no phase's data)."""
    head = path.name.split("-", 1)[0]
    return head if head[:1].isdigit() else ""
