"""The self-study edition: runnable exercises with tests, hints and a folded solution."""

from __future__ import annotations

import json

from nbformat import NotebookNode

from course.checklist import Checklist
from course.content import markers
from course.content.model import Cell, Exercise, QuizAnswer, Task
from course.editions import cells, markdown
from course.editions.layout import Nav
from course.model import Note, Phase, Section

HIDDEN_NOTE = "# More checks (the classroom edition hides these):"


class SelfStudy:
    name = "self-study"

    def header(self, section: Section, phase: Phase, nav: Nav) -> list[NotebookNode]:
        links = [f"[Course home]({nav.home})"]
        if nav.prev:
            links.insert(0, f"[← {nav.prev[0]}]({nav.prev[1]})")
        if nav.next:
            links.append(f"[{nav.next[0]} →]({nav.next[1]})")
        goal = f"\n\n> **Phase goal:** {phase.goal}" if phase.goal else ""
        text = f"# {section.number} {section.title}\n\n**Phase {phase.number}: {phase.title}**{goal}\n\n" + " · ".join(
            links
        )
        return [cells.markdown(section.number, "header", "header", text)]

    def checklist(self, section: Section, checklist: Checklist, *, top: bool) -> list[NotebookNode]:
        if top:
            data = json.dumps(checklist.to_json(), indent=1, ensure_ascii=False)
            source = (
                "# Your checklist for this section. Ticks are saved in this notebook's metadata;\n"
                "# passing an exercise's tests ticks it for you.\n"
                "from course.runtime import Checklist\n\n"
                f"checklist = Checklist.from_json({data})\n"
                "checklist"
            )
            return [cells.code(section.number, "checklist", "checklist", source, hide_source=True)]
        return [
            cells.markdown(
                section.number,
                "checklist",
                "checklist-end",
                "## Checklist\n\nTick what you have done; the same checklist sits at the top of the notebook.",
            ),
            cells.code(section.number, "checklist", "checklist-view", "checklist"),
        ]

    def setup(self, section: Section, cell: Cell) -> list[NotebookNode]:
        return [cells.code(section.number, "setup", cell.id, cell.source)]

    def exercise(self, section: Section, number: int, exercise: Exercise) -> list[NotebookNode]:
        n = section.number
        head = (
            f"### Exercise {n}.{number}: {exercise.title}\n\n*{markdown.points(exercise.points)}*\n\n{exercise.prompt}"
        )
        for i, hint in enumerate(exercise.hints, start=1):
            head += "\n\n" + markdown.details(f"Hint {i}", hint)
        out = [
            cells.markdown(n, "exercise", exercise.id, head),
            cells.code(
                n,
                "answer",
                f"{exercise.id}-answer",
                cells.answer_text(exercise, markers.selfstudy_starter(exercise.solution)),
                extra={"exercise": exercise.id},
            ),
        ]
        for test in exercise.tests:
            out.append(
                cells.code(
                    n,
                    "test",
                    f"{exercise.id}-{test.id}",
                    _test_source(exercise.id, test.id, test.source, test.points),
                    extra={"exercise": exercise.id, "test": test.id},
                )
            )
        solved = cells.answer_text(exercise, markers.solved(exercise.solution))
        solution = markdown.details("Show a solution", markdown.code_fence(solved))
        out.append(cells.markdown(n, "solution", f"{exercise.id}-solution", solution, extra={"exercise": exercise.id}))
        return out

    def task(self, section: Section, task: Task) -> list[NotebookNode]:
        n = section.number
        text = f"### Task: {task.title}\n\n*{markdown.points(task.points)}, reviewed by a person*\n\n{task.prompt}"
        return [
            cells.markdown(n, "task", task.id, text),
            cells.markdown(n, "task-notes", f"{task.id}-notes", "*Your notes and links to your work:*"),
        ]

    def question(self, section: Section, note: Note, answer: QuizAnswer | None) -> list[NotebookNode]:
        text = f"**Q:** {note.text}"
        if answer:
            text += "\n\n" + markdown.details("Our answer", answer.answer)
        return [cells.markdown(section.number, "question", note.id, text)]

    def footer(self, section: Section, nav: Nav) -> list[NotebookNode]:
        links = [f"[Course home]({nav.home})"]
        if nav.next:
            links.append(f"Next: [{nav.next[0]} →]({nav.next[1]})")
        return [cells.markdown(section.number, "footer", "footer", "---\n\n" + " · ".join(links))]


def _test_source(exercise: str, test: str, source: str, points: int) -> str:
    """Tests wrapped so a failure prints a short message instead of stopping Run All."""
    lines = []
    for line in source.split("\n"):
        if markers.has(line, "hidden"):
            if "BEGIN" in line:
                lines.append(HIDDEN_NOTE)
            continue
        lines.append(line)
    body = "\n".join("    " + line if line.strip() else "" for line in lines)
    return f'with checklist.check("{exercise}", "{test}", points={points}):\n{body}'
