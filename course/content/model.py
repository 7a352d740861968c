"""What a section's content file holds, as frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from course.content import markers


@dataclass(frozen=True)
class Cell:
    """One authored cell: markdown text or runnable code."""

    id: str
    kind: str  # text | demo | trap-code ...
    source: str
    line: int
    code: bool
    raises: str = ""  # name of the exception a cell is meant to raise, if any


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    covers: tuple[str, ...]  # ids of the roadmap concept items this lesson teaches
    cells: tuple[Cell, ...]  # the lesson text first, then demos and more text in order
    line: int


@dataclass(frozen=True)
class TestCell:
    """One graded test cell. Hidden tests sit between nbgrader's hidden-test markers."""

    id: str
    source: str
    points: int
    line: int


@dataclass(frozen=True)
class WrongAnswer:
    """A plausible mistake a learner makes; some test must fail on it."""

    id: str
    source: str
    line: int
    fails: tuple[str, ...] = ()  # ids of the test cells that must fail (empty: at least one)
    # the tests ``fails`` speaks about (empty: all of them); a class's overlay adds tests that a
    # public wrong answer may fail too without breaking its exact list
    among: tuple[str, ...] = ()


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    prompt: str
    item: str  # roadmap checklist item the exercise ticks ("" when none)
    solution: str  # code with nbgrader's solution markers
    tests: tuple[TestCell, ...]
    hints: tuple[str, ...]
    wrong: tuple[WrongAnswer, ...]
    line: int
    timeout: int = 30
    solution_line: int = 0  # line of the solution cell's "# %%" header in the content file
    # mutants of the solution declared equivalent: (mutant id, one-line reason), as written
    equivalent: tuple[tuple[str, str], ...] = ()
    # a capstone milestone's answer is a whole module of the repository beside the notebook
    # ("23.1-idp/idp/catalog.py", see course.runtime.capstone); "" for an answer run as a cell
    file: str = ""

    @property
    def points(self) -> int:
        return sum(t.points for t in self.tests)


@dataclass(frozen=True)
class Task:
    """A manually graded piece of work (usually a mini-project) with a rubric for the teacher."""

    id: str
    title: str
    prompt: str
    rubric: str
    points: int
    item: str
    line: int


@dataclass(frozen=True)
class QuizAnswer:
    question: str  # id of the roadmap interview question
    answer: str
    line: int


@dataclass(frozen=True)
class Trap:
    trap: str  # id of the roadmap trap/misconception note
    cells: tuple[Cell, ...]
    line: int


@dataclass(frozen=True)
class SectionContent:
    section: str
    path: Path
    intro: str
    setup: tuple[Cell, ...]
    lessons: tuple[Lesson, ...]
    exercises: tuple[Exercise, ...]
    tasks: tuple[Task, ...]
    answers: tuple[QuizAnswer, ...]
    traps: tuple[Trap, ...]

    def exercise(self, exercise_id: str) -> Exercise:
        return next(e for e in self.exercises if e.id == exercise_id)

    def reference_files(self) -> dict[str, str]:
        """The milestone files of the section's solved answers (path -> text): what every proof or mutant
        scenario finds in place before it writes its own answer."""
        return {e.file: markers.solved(e.solution) for e in self.exercises if e.file}


def empty_content(section: str) -> SectionContent:
    """Content of a section that has no content file yet."""
    return SectionContent(section, Path(), "", (), (), (), (), (), ())
