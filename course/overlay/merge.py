"""Public content + a private overlay -> the content of one class (for ``source/`` and ``release/``).

The result is an ordinary :class:`Course`, so the instructor edition and nbgrader's release are
built from it exactly as from the public content. It is never used for the self-study edition.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from course.content import markers
from course.content.model import Exercise, SectionContent, Task, TestCell
from course.editions.pipeline import Course
from course.errors import ContentError
from course.overlay.load import SEED_NAME, ExercisePatch, Overlay, OverlaySection, TaskPatch

HIDDEN_ONLY_NOTE = "# Tests your teacher runs when your work is graded."


def merge_course(course: Course, overlay: Overlay, seed: int | None = None) -> Course:
    """The class's course: ``overlay`` applied to ``course``; ``CLASS_SEED`` is ``seed`` (default:
    the overlay's own seed)."""
    seed = overlay.seed if seed is None else seed
    contents = dict(course.contents)
    for number, part in sorted(overlay.sections.items()):
        contents[number] = merge_section(course.content(number), part, seed, overlay.root)
    return Course(course.roadmap, contents)


def merge_section(public: SectionContent, part: OverlaySection, seed: int | None, root: Path) -> SectionContent:
    exercises = list(public.exercises)
    by_id = {ex.id: i for i, ex in enumerate(exercises)}
    for patch in part.patches:
        if patch.id not in by_id:
            msg = f"exercise {patch.id!r} extends an exercise section {part.section} does not have"
            raise _error(part, patch.line, msg, by_id)
        exercises[by_id[patch.id]] = extend_exercise(exercises[by_id[patch.id]], patch, part)
    for ex in part.exercises:
        if ex.id in by_id:
            exercises[by_id[ex.id]] = ex
        else:
            by_id[ex.id] = len(exercises)
            exercises.append(ex)
    exercises = [_with_seed(ex, seed, part, root) for ex in exercises]
    tasks = list(public.tasks)
    task_ids = {t.id: i for i, t in enumerate(tasks)}
    for tpatch in part.task_patches:
        if tpatch.id not in task_ids:
            msg = f"task {tpatch.id!r} extends a task section {part.section} does not have"
            raise _error(part, tpatch.line, msg, task_ids)
        tasks[task_ids[tpatch.id]] = extend_task(tasks[task_ids[tpatch.id]], tpatch)
    for task in part.tasks:
        if task.id in task_ids:
            tasks[task_ids[task.id]] = task
        else:
            task_ids[task.id] = len(tasks)
            tasks.append(task)
    return replace(public, section=part.section, exercises=tuple(exercises), tasks=tuple(tasks))


def _error(part: OverlaySection, line: int, message: str, known: dict[str, int]) -> ContentError:
    expected = "one of: " + ", ".join(sorted(known)) if known else "a section with public content to extend"
    return ContentError(message, path=part.path, line=line, expected=expected)


def extend_exercise(ex: Exercise, patch: ExercisePatch, part: OverlaySection) -> Exercise:
    tests = list(ex.tests)
    index = {t.id: i for i, t in enumerate(tests)}
    for test in patch.tests:
        if test.id in index:
            old = tests[index[test.id]]
            tests[index[test.id]] = replace(old, points=test.points) if not test.source.strip() else test
        elif not test.source.strip():
            msg = f"test {test.id!r} has no code and exercise {ex.id!r} has no such test"
            raise _error(part, test.line, msg, index)
        else:
            index[test.id] = len(tests)
            tests.append(test)
    tests = [_public_part(t) for t in tests]
    public_ids = tuple(t.id for t in ex.tests)
    # a public wrong answer's exact list of failing tests speaks about the public tests only
    public_wrong = tuple(replace(w, among=w.among or public_ids) if w.fails else w for w in ex.wrong)
    return replace(ex, tests=tuple(tests), wrong=public_wrong + tuple(patch.wrong))


def _public_part(test: TestCell) -> TestCell:
    """A test cell of hidden tests only gets one public line, so students see what the cell is."""
    if markers.public_tests(test.source).strip():
        return test
    return replace(test, source=f"{HIDDEN_ONLY_NOTE}\n{test.source}")


def extend_task(task: Task, patch: TaskPatch) -> Task:
    return replace(task, points=patch.points or task.points, rubric=patch.rubric or task.rubric)


def _with_seed(ex: Exercise, seed: int | None, part: OverlaySection, root: Path) -> Exercise:
    """Write ``CLASS_SEED = <seed>`` at the top of every hidden-test region that uses it."""
    if not any(SEED_NAME in t.source for t in ex.tests):
        return ex
    if seed is None:
        msg = f"exercise {ex.id!r} uses {SEED_NAME}, but the overlay sets no seed"
        raise ContentError(msg, path=root / "course.toml", expected="seed = <a whole number> in course.toml")
    return replace(ex, tests=tuple(seeded_test(t, seed) for t in ex.tests))


def seeded_test(test: TestCell, seed: int) -> TestCell:
    if SEED_NAME not in test.source:
        return test
    lines = []
    for line in test.source.split("\n"):
        lines.append(line)
        if line.strip() == markers.BEGIN_HIDDEN:
            indent = line[: len(line) - len(line.lstrip())]
            lines.append(f"{indent}{SEED_NAME} = {seed}")
    return replace(test, source="\n".join(lines))
