"""Every exercise proven both ways: its tests pass on the solution and fail on the starter code.

Also: each authored wrong answer fails at least one test (or exactly the tests it names).
Scenarios run in plain Python worker processes (``course.proof_worker``), one per section,
several at a time; no Jupyter kernel is started.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from course import proof_worker
from course.content import markers
from course.content.model import Exercise, SectionContent
from course.editions.pipeline import Course

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ProofResult:
    section: str
    exercise: str
    path: str
    line: int
    ok: bool
    message: str
    seconds: float


def scenarios(ex: Exercise) -> list[dict[str, Any]]:
    out = [
        {"name": "solution", "answer": markers.solved(ex.solution)},
        {"name": "starter", "answer": markers.starter(ex.solution)},
    ]
    own = markers.selfstudy_starter(ex.solution)
    if own != out[1]["answer"]:
        out.append({"name": "selfstudy-starter", "answer": own})
    out += [{"name": w.id, "answer": w.source} for w in ex.wrong]
    return out


def section_job(content: SectionContent, data: Path | None, result: Path) -> dict[str, Any]:
    return {
        "section": content.section,
        "data": str(data) if data and data.is_dir() else None,
        "result": str(result),
        "setup": [c.source for c in content.setup],
        "files": content.reference_files(),
        "exercises": [
            {
                "id": ex.id,
                "file": ex.file,
                "timeout": ex.timeout,
                "tests": [{"id": t.id, "code": markers.all_tests(t.source)} for t in ex.tests],
                "scenarios": scenarios(ex),
            }
            for ex in content.exercises
        ],
    }


def judge(ex: Exercise, results: dict[str, Any]) -> tuple[bool, str]:
    """Whether the scenario results prove the exercise, and what is wrong if not."""
    problems: list[str] = []
    sol = results.get("solution", {})
    if sol.get("setup_error"):
        return False, f"setup code fails: {sol['setup_error']}"
    if sol.get("answer_error"):
        problems.append(f"the solution itself raises {sol['answer_error']}")
    for tid, err in sol.get("failed", {}).items():
        problems.append(f"test {tid} fails on the solution: {err}")
    for name in ("starter", "selfstudy-starter"):
        if name not in results:
            continue
        passing = [t.id for t in ex.tests if t.id not in results[name].get("failed", {})]
        if passing:
            problems.append(f"test(s) {', '.join(passing)} pass on the {name} code (they cannot fail)")
    used = _names_tests_read(ex)
    given = set(sol.get("names", ())) & used
    for w in ex.wrong:
        got = results.get(w.id, {})
        missing = [] if got.get("answer_error") else sorted(given - set(got.get("names", given)))
        if missing:
            problems.append(
                f"wrong answer {w.id} does not define {', '.join(missing)}, which the tests use and the solution "
                "cell defines: it fails by NameError, not by its mistake (a wrong cell replaces the whole "
                "solution cell, so copy the code the learner is given into it)"
            )
            continue
        failed = set(got.get("failed", {}))
        if w.fails and w.among:
            failed &= set(w.among)
        if w.fails and failed != set(w.fails):
            problems.append(f"wrong answer {w.id} fails {sorted(failed)}, expected exactly {sorted(w.fails)}")
        elif not failed:
            problems.append(f"wrong answer {w.id} passes every test")
    return (not problems), "; ".join(problems)


def _names_tests_read(ex: Exercise) -> set[str]:
    """Every plain name the exercise's test cells read (hidden tests included)."""
    names: set[str] = set()
    for t in ex.tests:
        try:
            tree = ast.parse(markers.all_tests(t.source))
        except SyntaxError:
            continue
        names |= {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    return names


def _run_section(content: SectionContent, data: Path | None, timeout: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="course-proof-") as tmp:
        result = Path(tmp) / "result.json"
        job = section_job(content, data, result)
        env = proof_worker.environment(os.environ)
        proc = subprocess.run(
            [sys.executable, "-m", "course.proof_worker"],
            input=json.dumps(job),
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            cwd=tmp,
            check=False,
        )
        if proc.returncode != 0 or not result.exists():
            return {"__crash__": (proc.stderr or proc.stdout)[-2000:]}
        loaded: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
        return loaded


def prove_section(content: SectionContent, data_root: Path | None) -> list[ProofResult]:
    if not content.exercises:
        return []
    phase = int(content.section.split(".")[0])
    data = data_root / f"phase-{phase:02d}" if data_root else None
    budget = 60 + sum(ex.timeout * (2 + len(ex.wrong)) for ex in content.exercises)
    try:
        raw = _run_section(content, data, budget)
    except subprocess.TimeoutExpired:
        raw = {"__crash__": f"the section's proof took longer than {budget} s"}
    out = []
    for ex in content.exercises:
        if "__crash__" in raw:
            ok, msg, secs = False, f"proof worker failed: {raw['__crash__']}", 0.0
        else:
            ok, msg = judge(ex, raw.get(ex.id, {}))
            secs = sum(float(r.get("seconds", 0)) for r in raw.get(ex.id, {}).values())
        out.append(ProofResult(content.section, ex.id, str(content.path), ex.line, ok, msg, secs))
    return out


def prove_course(
    course: Course,
    data_root: Path | None,
    sections: Iterable[str] | None = None,
    progress: Progress | None = None,
    jobs: int = 0,
) -> list[ProofResult]:
    wanted = set(sections) if sections else None
    todo = [c for n, c in sorted(course.contents.items()) if c.exercises and (wanted is None or n in wanted)]
    say = progress or (lambda _m: None)
    workers = jobs or max(1, os.cpu_count() or 1)
    results: list[ProofResult] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for section_results in pool.map(lambda c: prove_section(c, data_root), todo):
            results.extend(section_results)
            if section_results:
                bad = sum(not r.ok for r in section_results)
                say(f"{section_results[0].section}: {len(section_results)} exercise(s), {bad} failed")
    return results
