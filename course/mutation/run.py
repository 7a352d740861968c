"""Running mutants in proof worker processes (``course.proof_worker``, mutants mode), two at a time.

A section's mutants are cut into chunks so that both cores stay busy; each chunk is one worker
process. The worker reports every mutant as it starts and ends (one JSON line each), and the
parent watches: a mutant that outlives its time limit by ``GRACE`` seconds (it hangs in C code,
or blocks the timer's signals) gets its worker killed; it counts as killed by a timeout, and a
fresh worker goes on with the chunk's remaining mutants. A worker that dies, or holds more than
``MEMORY`` bytes, is handled the same way (the mutant counts as killed, with the reason). When a
worker ends, whatever it started and left running is killed with it (its own process group).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from course import proof_worker
from course.content import markers
from course.content.model import Exercise, SectionContent
from course.ids import section_key
from course.mutation.operators import Mutant

Progress = Callable[[str], None]

FACTOR = 10.0  # a mutant's time limits: this many times the solution's own time...
FLOOR = 2.0  # ...but at least this many seconds of real time (and at most the exercise's timeout)
CPU_FLOOR = 0.25  # ...and at least this many seconds of processor time
GRACE = 2.0  # seconds past a mutant's limit before its worker is killed
CHUNK = 150  # mutants per worker process, about (big sections are split, small ones are not)
MEMORY = 3 << 30  # bytes of memory a mutant's worker may hold (a mutant may build a huge list)
_POLL = 0.03


@dataclass(frozen=True)
class Outcome:
    killed_by: str | None  # what killed it: "timeout", "t2: AssertionError...", "answer: ..."; None: survived
    seconds: float


@dataclass
class ExerciseRun:
    """What running one exercise's mutants found."""

    section: str
    exercise: Exercise
    mutants: list[Mutant]
    outcomes: dict[str, Outcome] = field(default_factory=dict)  # by mutant id
    problem: str = ""  # why (some) mutants did not run, e.g. the solution fails its tests
    limits: tuple[float, float] = (0.0, 0.0)  # the mutants' time limits: real time and processor time, in seconds


@dataclass
class _Chunk:
    content: SectionContent
    data: Path | None
    parts: list[tuple[ExerciseRun, list[Mutant]]]

    @property
    def size(self) -> int:
        return sum(len(ms) for _, ms in self.parts)


def run_mutants(
    runs: list[ExerciseRun],
    contents: dict[str, SectionContent],
    data_root: Path | None,
    *,
    jobs: int = 0,
    progress: Progress | None = None,
) -> None:
    """Run every mutant of ``runs`` and record the outcomes in them."""
    say = progress or (lambda _m: None)
    workers = jobs or max(1, os.cpu_count() or 1)
    chunks = _chunks(runs, contents, data_root, workers)
    left = {s: sum(1 for c in chunks if c.content.section == s) for s in {c.content.section for c in chunks}}
    for section in sorted({r.section for r in runs} - set(left)):
        say(f"{section}: no mutants")
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(_run_chunk, c): c for c in sorted(chunks, key=lambda c: -c.size)}
        for done in as_completed(futures):
            done.result()
            section = futures[done].content.section
            left[section] -= 1
            if not left[section]:
                say(_section_line(section, [r for r in runs if r.section == section]))


def _section_line(section: str, runs: list[ExerciseRun]) -> str:
    total = sum(len(r.mutants) for r in runs)
    survived = sum(
        1
        for r in runs
        for mid, o in r.outcomes.items()
        if o.killed_by is None and mid not in dict(r.exercise.equivalent)
    )
    problems = sum(1 for r in runs if r.problem)
    extra = f", {problems} exercise(s) not mutated" if problems else ""
    return f"{section}: {total} mutant(s) of {len(runs)} exercise(s), {survived} survived undeclared{extra}"


def _chunks(
    runs: list[ExerciseRun], contents: dict[str, SectionContent], data_root: Path | None, workers: int
) -> list[_Chunk]:
    total = sum(len(r.mutants) for r in runs)
    size = max(20, min(CHUNK, -(-total // (workers * 4)) if total else CHUNK))
    out: list[_Chunk] = []
    for section in sorted({r.section for r in runs}, key=section_key):
        content = contents[section]
        data = data_root / f"phase-{int(section.split('.')[0]):02d}" if data_root else None
        pairs = [(r, m) for r in runs if r.section == section for m in r.mutants]
        if not pairs:
            continue
        n = -(-len(pairs) // size)
        for i in range(n):
            piece = pairs[i * len(pairs) // n : (i + 1) * len(pairs) // n]
            parts: list[tuple[ExerciseRun, list[Mutant]]] = []
            for run, mutant in piece:
                if not parts or parts[-1][0] is not run:
                    parts.append((run, []))
                parts[-1][1].append(mutant)
            out.append(_Chunk(content, data if data and data.is_dir() else None, parts))
    return out


def _run_chunk(chunk: _Chunk) -> None:
    """Run a chunk, starting a new worker after one that hangs or dies, until every mutant has an outcome."""
    limits: dict[str, tuple[float, float]] = {}
    while True:
        todo = [(run, [m for m in ms if m.id not in run.outcomes]) for run, ms in chunk.parts if not run.problem]
        todo = [(run, ms) for run, ms in todo if ms]
        if not todo:
            return
        events, stopped = _worker(chunk, todo, limits)
        current: tuple[ExerciseRun, str | None] | None = None
        runs = {run.exercise.id: run for run, _ in todo}
        for ev in events:  # current: what the worker is running (a mutant's id, or None for the solution)
            run = runs[ev["exercise"]]
            if "calibrate" in ev:
                current = (run, None)
            elif "solution" in ev:
                limits[run.exercise.id] = run.limits = (float(ev["limits"][0]), float(ev["limits"][1]))
                if not ev["ok"]:
                    run.problem = "the solution does not pass its own tests (run 'course prove')"
                current = None
            elif "start" in ev:
                current = (run, ev["start"])
            elif "done" in ev:
                run.outcomes[ev["done"]] = Outcome(ev["killed_by"], float(ev["seconds"]))
                current = None
        if stopped is None and current is not None:
            stopped = "exited in the middle of a run"
        if stopped is None:
            for run, ms in todo:  # the worker finished: whatever has no outcome was never reported
                if not run.problem and any(m.id not in run.outcomes for m in ms):
                    run.problem = "the proof worker stopped early without a report"
            return
        if current is None:  # between runs: nothing to blame, so every exercise left is reported
            for run, _ in todo:
                run.problem = run.problem or f"the proof worker {stopped}"
            return
        if current[1] is None:
            current[0].problem = f"the proof worker {stopped} while running the solution"
            continue
        run, mutant_id = current[0], current[1]
        what = "timeout" if stopped.startswith("hung") else f"the proof worker {stopped}"
        run.outcomes[mutant_id] = Outcome(what, run.limits[0])


def _worker(
    chunk: _Chunk, todo: list[tuple[ExerciseRun, list[Mutant]]], limits: dict[str, tuple[float, float]]
) -> tuple[list[dict[str, Any]], str | None]:
    """Run one worker on ``todo``; its events, and how it stopped early ("hung ...", "died ..."), if it did."""
    with tempfile.TemporaryDirectory(prefix="course-mutants-") as tmp:
        result = Path(tmp) / "events.jsonl"
        result.touch()
        timeout = max(run.exercise.timeout for run, _ in todo)
        job = {
            "mode": "mutants",
            "section": chunk.content.section,
            "data": str(chunk.data) if chunk.data else None,
            "result": str(result),
            "setup": [c.source for c in chunk.content.setup],
            "files": chunk.content.reference_files(),
            "factor": FACTOR,
            "floor": FLOOR,
            "cpu_floor": CPU_FLOOR,
            "exercises": [
                {
                    "id": run.exercise.id,
                    "file": run.exercise.file,
                    "timeout": run.exercise.timeout,
                    "limits": limits.get(run.exercise.id),
                    "tests": [{"id": t.id, "code": markers.all_tests(t.source)} for t in run.exercise.tests],
                    "solution": markers.solved(run.exercise.solution),
                    "mutants": [{"id": m.id, "answer": markers.solved(m.source)} for m in ms],
                }
                for run, ms in todo
            ],
        }
        env = proof_worker.environment(os.environ)
        with open(Path(tmp) / "stderr", "w+b") as err:
            proc = subprocess.Popen(
                [sys.executable, "-m", "course.proof_worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=err,
                env=env,
                cwd=tmp,
                start_new_session=True,  # its own process group: killing it ends what it started too
            )
            assert proc.stdin is not None
            try:
                proc.stdin.write(json.dumps(job).encode("utf-8"))
                proc.stdin.close()
            except BrokenPipeError:
                pass
            events, stopped = _watch(proc, result, timeout)
            if stopped is None and proc.returncode != 0:
                err.seek(0)
                tail = err.read().decode("utf-8", errors="replace").strip().splitlines()[-1:]
                stopped = f"died (exit code {proc.returncode}{': ' + tail[0][:200] if tail else ''})"
        return events, stopped


def _watch(proc: subprocess.Popen[bytes], result: Path, timeout: float) -> tuple[list[dict[str, Any]], str | None]:
    """Collect the worker's events until it exits; kill it when a mutant (or solution) overstays."""
    events: list[dict[str, Any]] = []
    pending = b""
    offset = 0
    deadline = time.monotonic() + timeout + GRACE + 5  # start-up and the first solution run
    with open(result, "rb") as fh:
        while True:
            exited = _exited(proc)
            fh.seek(offset)
            data = fh.read()
            offset += len(data)
            pending += data
            *lines, pending = pending.split(b"\n")
            for line in lines:
                ev = json.loads(line)
                events.append(ev)
                wait = ev["limit"] if "start" in ev else timeout
                deadline = time.monotonic() + wait + GRACE
            if exited:
                _kill(proc)  # whatever it started and left running
                return events, None
            if time.monotonic() > deadline:
                _kill(proc)
                return events, f"hung past its time limit and was stopped after {GRACE:.0f} s more"
            if _resident(proc.pid) > MEMORY:
                _kill(proc)
                return events, f"was stopped for holding more than {MEMORY >> 20} MiB of memory"
            time.sleep(_POLL)


def _exited(proc: subprocess.Popen[bytes]) -> bool:
    """Whether the worker has ended, without reaping it: while it is a zombie its process id
    cannot be reused, so killing its process group afterwards cannot hit a stranger."""
    if not hasattr(os, "waitid"):
        return proc.poll() is not None
    try:
        return os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
    except ChildProcessError:
        return True


def _resident(pid: int) -> int:
    """Bytes of memory the process holds (0 where /proc does not tell)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _kill(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
