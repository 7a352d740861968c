"""The instructor edition (nbgrader ``source/``): graded cells in nbgrader's schema 3.

It depends on nothing but the notebook's own code: no ``course`` import, no widgets.
"""

from __future__ import annotations

from nbformat import NotebookNode

from course.checklist import Checklist
from course.content import markers
from course.content.model import Cell, Exercise, QuizAnswer, Task
from course.editions import cells, markdown
from course.editions.layout import Nav
from course.model import Note, Phase, Section

QUIZ_POINTS = 1


class Instructor:
    name = "instructor"

    def header(self, section: Section, phase: Phase, nav: Nav) -> list[NotebookNode]:
        goal = f"\n\n> **Phase goal:** {phase.goal}" if phase.goal else ""
        text = f"# {section.number} {section.title}\n\n**Phase {phase.number}: {phase.title}**{goal}"
        return [_locked(cells.markdown(section.number, "header", "header", text))]

    def checklist(self, section: Section, checklist: Checklist, *, top: bool) -> list[NotebookNode]:
        if top:
            return []
        lines = ["## Checklist"]
        for group in checklist.groups:
            lines.append(f"\n**{group.title}**\n")
            lines.extend(f"{'  ' * e.depth}- {e.label}" for e in group.entries)
        return [cells.markdown(section.number, "checklist", "checklist-end", "\n".join(lines))]

    def setup(self, section: Section, cell: Cell) -> list[NotebookNode]:
        return [_locked(cells.code(section.number, "setup", cell.id, cell.source))]

    def exercise(self, section: Section, number: int, exercise: Exercise) -> list[NotebookNode]:
        n = section.number
        head = f"### Exercise {n}.{number}: {exercise.title} ({markdown.points(exercise.points)})\n\n{exercise.prompt}"
        for i, hint in enumerate(exercise.hints, start=1):
            head += "\n\n" + markdown.details(f"Hint {i}", hint)
        prompt = _locked(cells.markdown(n, "exercise", exercise.id, head))
        answer = cells.with_nbgrader(
            cells.code(
                n,
                "answer",
                f"{exercise.id}-answer",
                cells.answer_text(exercise, exercise.solution),
                extra={"exercise": exercise.id},
            ),
            cells.nbgrader(exercise.id, solution=True),
        )
        out = [prompt, answer]
        for test in exercise.tests:
            grade_id = f"{exercise.id}-{test.id}"
            cell = cells.code(n, "test", grade_id, test.source, extra={"exercise": exercise.id, "test": test.id})
            out.append(cells.with_nbgrader(cell, cells.nbgrader(grade_id, grade=True, locked=True, points=test.points)))
        return out

    def task(self, section: Section, task: Task) -> list[NotebookNode]:
        text = (
            f"### Task: {task.title} ({markdown.points(task.points)})\n\n{task.prompt}\n\n"
            "*Answer in the cells below this one (add as many as you need).*\n\n"
            f"{markers.BEGIN_MARK_SCHEME}\n**Rubric (teacher only):**\n\n{task.rubric}\n{markers.END_MARK_SCHEME}"
        )
        cell = cells.markdown(section.number, "task", task.id, text)
        cells.with_nbgrader(cell, cells.nbgrader(task.id, task=True, locked=True, points=task.points))
        notes = cells.markdown(section.number, "task-notes", f"{task.id}-notes", "*Your answer:*")
        return [cell, notes]

    def question(self, section: Section, note: Note, answer: QuizAnswer | None) -> list[NotebookNode]:
        n = section.number
        q = _locked(cells.markdown(n, "question", note.id, f"**Q:** {note.text}"))
        if answer is None:
            return [q]
        a = cells.markdown(n, "quiz-answer", f"{note.id}-answer", answer.answer, extra={"question": note.id})
        cells.with_nbgrader(a, cells.nbgrader(f"{note.id}-answer", grade=True, solution=True, points=QUIZ_POINTS))
        return [q, a]

    def footer(self, section: Section, nav: Nav) -> list[NotebookNode]:
        return []


def _locked(cell: NotebookNode) -> NotebookNode:
    """A read-only cell: students cannot edit it, and nbgrader restores it if they do."""
    return cells.with_nbgrader(cell, cells.nbgrader(cell.id, locked=True))
