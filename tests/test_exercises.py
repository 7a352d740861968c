"""Every exercise is proven both ways: tests pass on the solution, fail on the starter code,
and each authored wrong answer fails the tests it should."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.editions.pipeline import Course, Inputs, load_course
from course.project import Project
from course.proof import ProofResult, prove_course
from course.verify.full import prove_and_remember
from tests.conftest import ROADMAP, ROOT, SECTIONS, selected_params

_COURSE = load_course(Inputs(ROADMAP, SECTIONS))
_EXERCISES = [(n, ex.id) for n, c in sorted(_COURSE.contents.items()) for ex in c.exercises]


@pytest.fixture(scope="module")
def proofs(request: pytest.FixtureRequest) -> dict[tuple[str, str], ProofResult]:
    """The exercises of every section a selected test asks about (``-k 16.2`` proves 16.2 only), proven; sections
    that pass in full are remembered for ``course verify`` (same keys as its own proofs, so CI does not prove the
    course twice)."""
    wanted = selected_params(request, "test_exercise_is_proven_both_ways", "section")
    return {(r.section, r.exercise): r for r in prove_and_remember(Project(ROOT), _COURSE, wanted)}


@pytest.mark.parametrize(("section", "exercise"), _EXERCISES, ids=[f"{s}:{e}" for s, e in _EXERCISES])
def test_exercise_is_proven_both_ways(proofs: dict[tuple[str, str], ProofResult], section: str, exercise: str) -> None:
    result = proofs[(section, exercise)]
    assert result.ok, f"{result.path}:{result.line}: {result.message}"


WRITTEN = {  # section -> the fewest autograded exercises it must have
    **{n: 4 for n in ("1.1", "1.2", "1.3")},  # issue 2: Phase 1 in full
    **{n: 5 for n in ("0.1", "0.2", "0.3", "0.4", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "3.4")},
    **{n: 5 for n in ("4.1", "4.2", "4.3", "4.4", "4.5")},  # issue 5: Phases 0, 2, 3, 4
    "5.1": 8,
    "5.2": 8,  # issue 13: Encapsulation & Properties
    "5.3": 12,  # issue 13: Inheritance & Polymorphism
    "5.4": 10,  # issue 13: Composition & Aggregation
    "5.5": 10,  # issue 13: SOLID Principles
    "5.6": 12,  # issue 13: Design Patterns for Infrastructure
    "5.7": 10,  # issue 13: Magic Methods & Operator Overloading
    "6.1": 11,  # issue 13: Modules & Imports
    "6.2": 9,  # issue 13: Packages & Project Structure
    "7.1": 12,  # issue 13: File Operations
    "7.2": 10,  # issue 13: Pathlib & OS Module
    "7.3": 10,  # issue 13: Process Management & Subprocess
    "8.1": 9,  # issue 13: Exception Handling
    "8.2": 12,  # issue 13: Debugging Techniques
    "8.3": 10,  # issue 13: Production Logging
    "9.1": 14,  # issue 14: Iterators & Generators
    "9.2": 13,  # issue 14: Decorators
    "9.3": 9,  # issue 14: Context Managers
    "9.4": 8,  # issue 14: Memory Management & Garbage Collection
    "9.5": 7,  # issue 14: Global Interpreter Lock (GIL)
    "10.1": 9,  # issue 14: Threading
    "10.2": 8,  # issue 14: Multiprocessing
    "10.3": 10,  # issue 14: Asyncio Deep Dive
    "10.4": 9,  # issue 14: Choosing Concurrency Models
    "11.1": 14,  # issue 14: Networking Fundamentals
    "11.2": 9,  # issue 14: HTTP Protocol Deep Dive
    "12.1": 8,  # issue 15: REST API Fundamentals
    "12.2": 7,  # issue 15: FastAPI Fundamentals
    "12.3": 8,  # issue 15: Pydantic & Data Validation
    "12.4": 10,  # issue 15: Advanced FastAPI
    "12.5": 11,  # issue 15: API Production Concerns
    "13.1": 13,  # issue 15: SQL Fundamentals
    "13.2": 8,  # issue 15: PostgreSQL & Advanced SQL
    "13.3": 10,  # issue 15: SQLAlchemy ORM
    "13.4": 9,  # issue 15: Redis & Caching
    "13.5": 9,  # issue 15: NoSQL Databases
    "13.6": 13,  # issue 15: Object Storage
    "14.1": 8,  # issue 15: Unit Testing with pytest
    "14.2": 10,  # issue 15: Mocking & Test Doubles
    "14.3": 8,  # issue 15: Integration & End-to-End Testing
    "14.4": 10,  # issue 15: Code Quality & Static Analysis
    "14.5": 8,  # issue 15: Performance Testing & Profiling
    "15.1": 13,  # issue 16: Automation Scripting Fundamentals
    "15.2": 12,  # issue 16: CI/CD Pipeline Automation
    "15.3": 11,  # issue 16: Infrastructure Automation
    "15.4": 14,  # issue 16: GitOps & Deployment Automation
    "16.1": 10,  # issue 16: AWS SDK (Boto3)
    "16.2": 10,  # issue 16: GCP & Azure SDKs
    "16.3": 11,  # issue 16: Terraform Automation with Python
    "17.1": 10,  # issue 16: Docker SDK for Python
    "17.2": 11,  # issue 16: Kubernetes Python Client
    "17.3": 9,  # issue 16: Kubernetes Operators with Python
    "17.4": 12,  # issue 16: Helm & Kubernetes Templating
    "18.1": 9,  # issue 17: Logging & Log Management
    "18.2": 10,  # issue 17: Metrics & Prometheus
    "18.3": 11,  # issue 17: Distributed Tracing
    "18.4": 11,  # issue 17: Alerting & SRE Practices
    "19.1": 11,  # issue 17: Secure Coding Practices
    "19.2": 10,  # issue 17: Secrets Management
    "19.3": 9,  # issue 17: Authentication & Authorization
    "19.4": 9,  # issue 17: Dependency Security
    "20.1": 11,  # issue 17: Message Queues & Kafka
    "20.2": 10,  # issue 17: Event-Driven Patterns
    "20.3": 12,  # issue 17: Distributed Systems Patterns
    "21.1": 9,  # issue 18: ML Lifecycle & Data Pipelines
    "21.2": 11,  # issue 18: Experiment Tracking & Model Registry
    "21.3": 12,  # issue 18: Model Serving & Deployment
    "21.4": 9,  # issue 18: ML Monitoring & Observability
    "22.1": 10,  # issue 18: System Design Fundamentals
    "22.2": 9,  # issue 18: API & Platform Design
    "22.3": 12,  # issue 18: ML System Design
    "22.4": 9,  # issue 18: Interview System Design Practice
    "23.1": 6,  # issue 19: Internal Developer Platform (capstone)
    "23.2": 6,  # issue 19: CI/CD Automation Platform (capstone)
    "23.3": 5,  # issue 19: MLOps Platform (capstone)
    "23.4": 6,  # issue 19: Observability Platform (capstone)
    "23.5": 5,  # issue 19: Cloud Cost Optimizer (capstone)
    "24.1": 13,  # issue 19: Coding Interview Preparation
    "24.2": 9,  # issue 19: System Design Interview Preparation
    "24.3": 10,  # issue 19: Behavioral Interview Preparation
    "24.4": 10,  # issue 19: Resume & Portfolio
    "24.5": 9,  # issue 19: Career Growth
}


@pytest.mark.parametrize("number", sorted(WRITTEN, key=lambda n: [int(x) for x in n.split(".")]))
def test_written_section_covers_the_whole_roadmap_section(course: Course, number: str) -> None:
    content = course.contents.get(number)
    assert content is not None, f"section {number} has no content file"
    section = course.roadmap.section(number)
    covered = {c for lesson in content.lessons for c in lesson.covers}
    missing = [i.text for i in section.concepts if i.id not in covered]
    assert not missing, f"{number}: top-level concept groups without a lesson: {missing}"
    if section.part("concepts") is None:  # a capstone or career section: every part has a lesson
        targets = section.lesson_targets()
        taught = {targets[c].kind for c in covered}
        untaught = [p.title for p in section.parts if p.kind != "why" and p.kind not in taught]
        assert not untaught, f"{number}: parts without a lesson: {untaught}"
        unanswered = [i.text for i in section.question_items() if i.id not in {a.question for a in content.answers}]
        assert not unanswered, f"{number}: interview questions without our answer: {unanswered}"
    assert all(any(c.code for c in lesson.cells) for lesson in content.lessons), f"{number}: a lesson has no demo"
    assert len(content.exercises) >= WRITTEN[number]
    few = [ex.id for ex in content.exercises if len(ex.wrong) < 2]
    assert not few, f"{number}: exercises with fewer than two authored wrong answers: {few}"
    problems = {p.id for p in section.problems}
    assert problems <= {ex.item for ex in content.exercises}, f"{number}: a listed problem has no exercise"
    questions = {n.id for g in section.notes if g.kind == "questions" for n in g.notes}
    assert questions <= {a.question for a in content.answers}, f"{number}: a question has no answer"
    traps = {n.id for g in section.notes if g.kind == "traps" for n in g.notes}
    assert traps <= {t.trap for t in content.traps}, f"{number}: a trap has no runnable cell"
    assert content.intro, f"{number}: no intro"


def test_a_broken_test_is_caught(course: Course) -> None:
    """The proof itself can fail: a test that passes on the starter code is reported."""
    import dataclasses

    from course.content.model import TestCell

    content = course.contents["1.1"]
    ex = content.exercises[0]
    weak = dataclasses.replace(ex, tests=(TestCell("t1", "assert True", 1, ex.line),), wrong=())
    bad = dataclasses.replace(content, exercises=(weak,))
    (result,) = prove_course(Course(course.roadmap, {"1.1": bad}), None)
    assert not result.ok and "pass on the starter code" in result.message


def test_a_wrong_answer_that_only_forgets_the_given_code_is_caught(course: Course) -> None:
    """A wrong cell replaces the whole solution cell: one that leaves out a class the learner is
    given fails every test by NameError, which proves nothing about its mistake (review of 9.4)."""
    import dataclasses

    from course.content.model import TestCell, WrongAnswer

    content = course.contents["1.1"]
    given = "class Box:\n    def __init__(self, v):\n        self.v = v\n\n\n"
    solution = given + "def make(v):\n    ### BEGIN SOLUTION\n    return Box(v)\n    ### END SOLUTION\n"
    tests = (
        TestCell("t1", "assert isinstance(make(2), Box) and make(2).v == 2", 1, 1),
        TestCell("t2", "assert make(0).v == 0", 1, 1),
    )
    wrong = (
        WrongAnswer("forgot-box", "def make(v):\n    return Box(v + 1)\n", 1),
        WrongAnswer("off-by-one", given + "def make(v):\n    return Box(v + 1)\n", 1),
    )
    ex = dataclasses.replace(content.exercises[0], solution=solution, tests=tests, wrong=wrong, equivalent=())
    bad = dataclasses.replace(content, exercises=(ex,), setup=())
    (result,) = prove_course(Course(course.roadmap, {"1.1": bad}), None)
    assert not result.ok
    assert "wrong answer forgot-box does not define Box" in result.message
    assert "off-by-one" not in result.message, "a complete wrong answer that fails on its mistake is fine"


def test_proof_evaluates_annotations_as_a_notebook_does(tmp_path: Path) -> None:
    """The worker's own `from __future__ import annotations` must not reach content code."""
    import json
    import subprocess
    import sys

    result = tmp_path / "result.json"
    answer = "from typing import NamedTuple\nclass Point(NamedTuple):\n    x: int\n"
    job = {
        "section": "x",
        "data": None,
        "result": str(result),
        "setup": [],
        "exercises": [
            {
                "id": "e",
                "timeout": 10,
                "tests": [{"id": "t1", "code": "assert Point.__annotations__['x'] is int"}],
                "scenarios": [{"name": "solution", "answer": answer}],
            }
        ],
    }
    subprocess.run(
        [sys.executable, "-m", "course.proof_worker"], input=json.dumps(job), text=True, check=True, cwd=tmp_path
    )
    assert json.loads(result.read_text())["e"]["solution"]["failed"] == {}


def test_the_readme_counts_what_is_written() -> None:
    """The README's 'what is written so far' line matches the content files."""
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(
        r"<!-- written-sections -->.*?\((\d+) sections: ([\d,]+) autograded exercises, ([\d,]+) authored", readme
    )
    assert match, "README.md lost its written-sections line"
    written = [c for c in _COURSE.contents.values() if c.exercises]
    exercises = sum(len(c.exercises) for c in written)
    wrong = sum(len(e.wrong) for c in written for e in c.exercises)
    said = tuple(int(g.replace(",", "")) for g in match.groups())
    assert said == (len(written), exercises, wrong), (
        f"README says {said}, the content has {(len(written), exercises, wrong)}"
    )
