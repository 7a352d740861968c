"""Grading a class of synthetic submissions of one phase: ``course grade`` against the plain
nbgrader command line, student by student, in one run.

The class (``--students``, default 100) mixes what teachers get: perfect, blank and partly
solved submissions, and a few bad ones: a notebook that is not JSON, notebooks that are all
renamed, answers that loop for ever, an answer that prints 50 MB. Two copies of the same course
with the same submissions are graded:

* ``course grade PHASE`` (autograde, leak-checked feedback, CSV), students in parallel;
* ``nbgrader autograde PHASE --student X --force`` once per student, then one
  ``nbgrader generate_feedback PHASE`` (what a teacher types without this course's tooling).

Both read the same ``nbgrader_config.py`` (the course's, with shorter time limits for the loop,
``--cell-timeout``/``--notebook-timeout``, so the run takes minutes, not hours). Prints wall time,
processor time, the peak memory of all processes of each route together (sampled from /proc),
the ratio, and when every student but the looping one was done. With ``--cli-students K`` < N the
command line grades only K students (at least one of every kind, then in class order) and its
time for N is extrapolated kind by kind (mean time of the kind x how many of that kind the class
has, feedback time x N/K); the report says so.

Run: python benchmarks/bench_grading.py [--students 100] [--cli-students 100] [--jobs 0]
Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import nbformat  # noqa: E402
from nbformat import NotebookNode  # noqa: E402

from course.editions.pipeline import Inputs, load_course  # noqa: E402
from course.grading.coursedir import check, nbgrader_api  # noqa: E402
from course.verify.roundtrip import fill_answers, solutions_by_notebook  # noqa: E402

PHASE = "phase-01"
KINDS = ("perfect", "partial", "blank", "broken-json", "renamed", "infinite-loop", "prints-50mb")


def class_mix(n: int) -> list[str]:
    """The kind of each of ``n`` students: one looper, one printer, 2 % broken and renamed
    (at least one each), the rest perfect, partial and blank as 2:2:1; in a fixed shuffled order."""
    bad = ["infinite-loop", "prints-50mb"] + ["broken-json", "renamed"] * max(1, n // 50)
    bad = bad[:n]
    rest = n - len(bad)
    good = ["perfect"] * (rest * 2 // 5) + ["partial"] * (rest * 2 // 5)
    good += ["blank"] * (rest - len(good))
    kinds = bad + good
    random.Random(12).shuffle(kinds)  # noqa: S311 - a fixed order, not a secret
    return kinds


def answer_cells(nb: NotebookNode) -> list[NotebookNode]:
    return [c for c in nb.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")]


def make_submission(kind: str, release: Path, target: Path, solutions: dict[str, dict[str, str]]) -> None:
    target.mkdir(parents=True)
    for i, path in enumerate(sorted(release.glob("*.ipynb"))):
        nb = nbformat.read(path, as_version=4)
        answers = solutions.get(path.stem, {})
        if kind in ("perfect", "broken-json", "renamed", "prints-50mb") or (kind == "infinite-loop" and i > 0):
            fill_answers(nb, answers)
        elif kind == "partial":
            fill_answers(nb, dict(list(answers.items())[::2]))
        elif kind == "infinite-loop":  # every answer of the first notebook loops
            for cell in answer_cells(nb):
                cell.source = re.sub(
                    r"^( *)raise NotImplementedError\(\)", r"\1while True:\n\1    pass", cell.source, flags=re.M
                )
        if kind == "prints-50mb" and i == 0:
            answer_cells(nb)[0].source += "\nprint('x' * 50_000_000)\n"
        name = path.name if kind != "renamed" else path.stem + "-Copy1.ipynb"
        nbformat.write(nb, target / name)
        if kind == "broken-json" and i == 1:
            text = (target / name).read_text()
            (target / name).write_text(text[: len(text) // 2])


def make_course(workdir: Path, name: str, cell_timeout: int, notebook_timeout: int) -> Path:
    root = workdir / name
    root.mkdir()
    config = (ROOT / "nbgrader_config.py").read_text()
    config += f"\nc.Execute.timeout = {cell_timeout}\nc.GradingExecute.notebook_timeout = {notebook_timeout}\n"
    (root / "nbgrader_config.py").write_text(config)
    (root / "content").mkdir()
    shutil.copy(ROOT / "content" / "roadmap.md", root / "content" / "roadmap.md")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(ROOT / "source" / PHASE, root / "source" / PHASE)
    with nbgrader_api(root) as api:
        check(api.generate_assignment(PHASE, force=True, create=True), "generate_assignment", root)
    return root


# --- measuring ----------------------------------------------------------------------------------


class TreeMemory:
    """Peak of the summed resident memory of this process and all its descendants (from /proc)."""

    def __init__(self, interval: float = 0.2) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(interval,), daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self, interval: float) -> None:
        while not self._stop.wait(interval):
            self.peak = max(self.peak, self.sample())

    @staticmethod
    def sample() -> int:
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            pid = int(entry.name)
            parents[pid] = int(fields.get("PPid", "0").strip() or 0)
            rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0]) * 1024 if "VmRSS" in fields else 0
        mine = {os.getpid()}
        grew = True
        while grew:
            grew = False
            for pid, parent in parents.items():
                if parent in mine and pid not in mine:
                    mine.add(pid)
                    grew = True
        return sum(rss.get(pid, 0) for pid in mine)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Run:
    seconds: float = 0.0
    cpu: float = 0.0
    peak_bytes: int = 0
    done_at: dict[str, float] = field(default_factory=dict)  # student -> seconds from the start
    failures: list[str] = field(default_factory=list)


def run_course_grade(root: Path, jobs: int) -> Run:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    command = [str(Path(sys.executable).parent / "course"), "grade", PHASE, "--root", str(root)]
    if jobs:
        command += ["--jobs", str(jobs)]
    run = Run()
    cpu0, start = children_cpu(), time.perf_counter()
    with TreeMemory() as memory:
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert process.stdout is not None
        for line in process.stdout:
            found = re.match(r"\[\s*[\d.]+s\] (NOT )?graded(?: \(.*\))?: (\S+) \(", line)
            if found:
                run.done_at[found.group(2)] = time.perf_counter() - start
                if found.group(1):
                    run.failures.append(found.group(2))
        process.wait()
    run.seconds, run.cpu, run.peak_bytes = time.perf_counter() - start, children_cpu() - cpu0, memory.peak
    if process.returncode:
        run.failures.append(f"course grade exited {process.returncode}")
    return run


def extrapolate(run: Run, sample: list[str], students: list[str], kinds: list[str]) -> float:
    """The command line's time for the whole class, kind by kind, from the sampled students."""
    kind_of = dict(zip(students, kinds, strict=True))
    took: dict[str, list[float]] = {}
    before = 0.0
    for student in sample:
        took.setdefault(kind_of[student], []).append(run.done_at[student] - before)
        before = run.done_at[student]
    feedback = run.seconds - before
    mix = Counter(kinds)
    return sum(sum(t) / len(t) * mix[kind] for kind, t in took.items()) + feedback * len(students) / len(sample)


def run_nbgrader_cli(root: Path, students: list[str]) -> Run:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    nbgrader = str(Path(sys.executable).parent / "nbgrader")
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    run = Run()
    cpu0, start = children_cpu(), time.perf_counter()
    with TreeMemory() as memory:
        for student in students:
            done = subprocess.run(
                [nbgrader, "autograde", PHASE, "--student", student, "--force"], cwd=root, env=env, check=False, **quiet
            )
            run.done_at[student] = time.perf_counter() - start
            if done.returncode:
                run.failures.append(student)
        subprocess.run([nbgrader, "generate_feedback", PHASE, "--force"], cwd=root, env=env, check=False, **quiet)
    run.seconds, run.cpu, run.peak_bytes = time.perf_counter() - start, children_cpu() - cpu0, memory.peak
    return run


def cli_sample(students: list[str], kinds: list[str], k: int) -> list[str]:
    """``k`` students for the command line: the first of every kind, then the others in class order."""
    first = [students[kinds.index(kind)] for kind in KINDS if kind in kinds]
    rest = [s for s in students if s not in first]
    chosen = set((first + rest)[:k])
    return [s for s in students if s in chosen]


def mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--cli-students", type=int, default=0, help="students the nbgrader CLI grades (default: all)")
    parser.add_argument("--jobs", type=int, default=0, help="course grade --jobs (default: its own)")
    parser.add_argument("--cell-timeout", type=int, default=20)
    parser.add_argument("--notebook-timeout", type=int, default=40)
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    n = args.students
    k = min(args.cli_students or n, n)

    workdir = Path(tempfile.mkdtemp(prefix="bench-grading-"))
    print(
        f"python {platform.python_version()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}; scratch {workdir}"
    )
    course = load_course(Inputs(ROOT / "content" / "roadmap.md", ROOT / "content" / "sections"))
    solutions = solutions_by_notebook(course)
    kinds = class_mix(n)
    students = [f"s{i:03d}-{kind}" for i, kind in enumerate(kinds)]
    ours = make_course(workdir, "course-grade", args.cell_timeout, args.notebook_timeout)
    cli = make_course(workdir, "nbgrader-cli", args.cell_timeout, args.notebook_timeout)
    for student, kind in zip(students, kinds, strict=True):
        make_submission(kind, ours / "release" / PHASE, ours / "submitted" / student / PHASE, solutions)
    sample = cli_sample(students, kinds, k)
    for student in sample:
        shutil.copytree(ours / "submitted" / student, cli / "submitted" / student)
    mix = Counter(kinds)
    print(f"{n} submissions of {PHASE}: " + ", ".join(f"{mix[kind]} {kind}" for kind in KINDS))
    print(f"time limits: {args.cell_timeout} s per cell, {args.notebook_timeout} s per notebook (both routes)")

    a = run_course_grade(ours, args.jobs)
    print(
        f"\ncourse grade: {a.seconds:7.1f} s wall, {a.cpu:7.1f} s CPU, peak memory {mb(a.peak_bytes)} (all processes)"
    )
    looper = next(s for s in students if s.endswith("infinite-loop"))
    others = max(t for s, t in a.done_at.items() if s != looper)
    looped = a.done_at.get(looper, float("nan"))
    print(f"  every student but the looping one done after {others:.1f} s; the looping one after {looped:.1f} s")
    print(f"  students not graded: {a.failures or 'none'} (bad submissions are graded, or reported in their row)")
    rows = (ours / f"grades-{PHASE}.csv").read_text().splitlines()
    print(
        f"  grades-{PHASE}.csv: {len(rows) - 1} rows; feedback files: {len(list((ours / 'feedback').rglob('*.html')))}"
    )

    b = run_nbgrader_cli(cli, sample)
    cli_n = b.seconds if k >= n else extrapolate(b, sample, students, kinds)
    per_student = b.seconds / len(sample)
    print(
        f"\nnbgrader CLI: {b.seconds:7.1f} s wall for {k} students, {b.cpu:7.1f} s CPU, peak memory {mb(b.peak_bytes)}"
    )
    if k != n:
        print(
            f"  EXTRAPOLATED to {n} students: {cli_n:.1f} s (measured {per_student:.1f} s per sampled student; "
            "kind by kind, see the top of this file)"
        )
    print(f"  students whose autograde failed (nbgrader exit status 1): {len(b.failures)}: {', '.join(b.failures)}")
    cli_looper = b.done_at.get(looper)
    if cli_looper is not None:
        before = max([t for s, t in b.done_at.items() if students.index(s) < students.index(looper)] or [0.0])
        print(f"  the looping student held up everyone after it for {cli_looper - before:.1f} s")
    print(
        f"\nratio nbgrader CLI / course grade: {cli_n / a.seconds:.1f}x wall"
        + (" (extrapolated)" if k != n else "")
        + f", {b.cpu * (cli_n / b.seconds) / a.cpu:.1f}x CPU"
    )
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
