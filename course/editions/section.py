"""One section notebook, in either edition: the shared walk over the roadmap and the content.

The walk (what comes in which order) lives here; what each edition makes of an exercise, a
task, a quiz answer or the checklist lives in ``selfstudy.py`` and ``instructor.py``.
"""

from __future__ import annotations

from typing import Protocol

from nbformat import NotebookNode

from course.checklist import Checklist
from course.content.model import Cell, Exercise, QuizAnswer, SectionContent, Task, Trap
from course.editions import cells, markdown
from course.editions.layout import Nav
from course.model import Note, Part, Phase, Section, Shape
from course.roadmap.kinds import PART_PREFIX

NOT_WRITTEN = (
    "> **Not written yet.** This section's lessons, demos and tested exercises are still to come. For now "
    "it holds the roadmap's material: the concepts to learn, the exercises and projects as tasks, the "
    "problems and the interview questions, with a checklist that keeps your ticks."
)


class Edition(Protocol):
    """What differs between the self-study and the instructor edition."""

    name: str

    def header(self, section: Section, phase: Phase, nav: Nav) -> list[NotebookNode]: ...

    def checklist(self, section: Section, checklist: Checklist, *, top: bool) -> list[NotebookNode]: ...

    def setup(self, section: Section, cell: Cell) -> list[NotebookNode]: ...

    def exercise(self, section: Section, number: int, exercise: Exercise) -> list[NotebookNode]: ...

    def task(self, section: Section, task: Task) -> list[NotebookNode]: ...

    def question(self, section: Section, note: Note, answer: QuizAnswer | None) -> list[NotebookNode]: ...

    def footer(self, section: Section, nav: Nav) -> list[NotebookNode]: ...


def build_section_notebook(
    edition: Edition,
    section: Section,
    phase: Phase,
    *,
    content: SectionContent,
    checklist: Checklist,
    nav: Nav,
) -> NotebookNode:
    """The notebook of ``section`` in ``edition``; pure: no I/O."""
    walk = _Walk(edition, section, content)
    out: list[NotebookNode] = []
    out += edition.header(section, phase, nav)
    out += walk.why()
    out += edition.checklist(section, checklist, top=True)
    for cell in content.setup:
        out += edition.setup(section, cell)
    placed_practice = False
    for part in section.parts:
        if part.kind == "why":
            continue
        if part.kind == "concepts":
            out += walk.concepts(part)
        elif part.kind == "exercises":
            out += walk.practice(part)
            placed_practice = True
        elif part.shape is Shape.PROJECTS:
            out += walk.projects(part)
        elif part.shape is Shape.PROBLEMS:
            out += walk.problems(part)
        elif part.shape is Shape.NOTES:
            out += walk.quiz(part)
        else:
            out += walk.other(part)
    if not placed_practice:
        out += walk.practice(None)
    out += walk.leftover_tasks()
    out += edition.checklist(section, checklist, top=False)
    out += edition.footer(section, nav)
    meta: dict[str, object] = {"section": section.number, "edition": edition.name, "title": section.title}
    if edition.name == "self-study":
        meta["items"] = list(checklist.ids)  # what `course progress` counts ticks against
    return cells.notebook(out, meta)


class _Walk:
    def __init__(self, edition: Edition, section: Section, content: SectionContent) -> None:
        self.e = edition
        self.s = section
        self.c = content
        self.number = 0
        self.placed: set[str] = set()
        items_of = {
            "projects": {p.id for p in section.projects},
            "problems": {p.id for p in section.problems},
        }
        self.project_items = items_of["projects"]
        self.problem_items = items_of["problems"]

    def md(self, piece: str, source: str, kind: str = "roadmap") -> NotebookNode:
        return cells.markdown(self.s.number, kind, piece, source)

    def why(self) -> list[NotebookNode]:
        part = self.s.part("why")
        text = ""
        if part and part.table:
            text = "## Why this matters\n\n" + markdown.table(part.table.header, [r.cells for r in part.table.rows])
        if self.c.intro:
            text = (text + "\n\n" if text else "") + self.c.intro
        elif not (self.c.lessons or self.c.exercises):
            text = (text + "\n\n" if text else "") + NOT_WRITTEN
        return [self.md("why", text)] if text else []

    def concepts(self, part: Part) -> list[NotebookNode]:
        out = [self.md("concepts", "## Concepts\n\n" + _concept_intro(bool(self.c.lessons)))]
        covered: set[str] = set()
        for lesson in self.c.lessons:
            covered.update(lesson.covers)
            for cell in lesson.cells:
                out.append(self._authored(cell, "lesson" if cell.kind == "lesson" else cell.kind))
        rest = [i for i in part.items if i.id not in covered]
        if rest:
            heading = "### Also in this section" if self.c.lessons else "### What to learn"
            note = (
                "\n\nThese have no lesson of their own yet: read up on them and tick them off in the checklist."
                if self.c.lessons
                else ""
            )
            out.append(self.md("concepts-rest", f"{heading}{note}\n\n" + markdown.checklist(rest)))
        return out

    def _authored(self, cell: Cell, kind: str) -> NotebookNode:
        if not cell.code:
            return cells.markdown(self.s.number, kind, cell.id, cell.source)
        tags = ("raises-exception",) if cell.raises else ()
        extra = {"raises": cell.raises} if cell.raises else None
        return cells.code(self.s.number, kind, cell.id, cell.source, tags=tags, extra=extra)

    def _exercises_for(self, items: set[str] | None) -> list[Exercise]:
        """Exercises for these items; ``None`` means every one not placed elsewhere."""
        chosen = []
        for ex in self.c.exercises:
            if ex.id in self.placed:
                continue
            if items is None:
                if ex.item in self.project_items or ex.item in self.problem_items:
                    continue
            elif ex.item not in items:
                continue
            chosen.append(ex)
        return chosen

    def _emit_exercises(self, exercises: list[Exercise]) -> list[NotebookNode]:
        out: list[NotebookNode] = []
        for ex in exercises:
            self.placed.add(ex.id)
            self.number += 1
            out += self.e.exercise(self.s, self.number, ex)
        return out

    def practice(self, part: Part | None) -> list[NotebookNode]:
        exercises = self._exercises_for(None)
        if part is None and not exercises:
            return []
        text = "## Practical exercises"
        if part is not None:
            text += "\n\nFrom the roadmap:\n\n" + markdown.checklist(part.items)
        if exercises:
            text += "\n\n" + _exercise_intro(self.e.name)
        return [self.md("practice", text), *self._emit_exercises(exercises)]

    def projects(self, part: Part) -> list[NotebookNode]:
        out = [self.md("projects", "## Mini-projects")]
        for project in part.projects:
            body = f"### Project {project.number}: {project.title}"
            if project.bullets:
                body += "\n\n" + markdown.list_items(project.bullets)
            out.append(self.md(project.id, body))
            out += self._emit_exercises(self._exercises_for({project.id}))
            for task in self.c.tasks:
                if task.item == project.id and task.id not in self.placed:
                    self.placed.add(task.id)
                    out += self.e.task(self.s, task)
        return out

    def problems(self, part: Part) -> list[NotebookNode]:
        assert part.table is not None
        text = "## Problems\n\n" + markdown.table(part.table.header, [r.cells for r in part.table.rows])
        if any(ex.item in self.problem_items for ex in self.c.exercises):
            text += "\n\nEach problem below is restated in our own words, with tests you can run here, offline."
        out = [self.md("problems", text)]
        for problem in part.problems:
            out += self._emit_exercises(self._exercises_for({problem.id}))
        return out

    def quiz(self, part: Part) -> list[NotebookNode]:
        answers = {a.question: a for a in self.c.answers}
        traps: dict[str, Trap] = {t.trap: t for t in self.c.traps}
        out = [self.md("quiz", "## Self-quiz: interview notes\n\n" + _quiz_intro(self.e.name, bool(answers)))]
        for group in part.groups:
            if group.kind == "questions":
                out.append(self.md(f"quiz-{group.kind}", f"### {group.title}"))
                for note in group.notes:
                    out += self.e.question(self.s, note, answers.get(note.id))
            elif group.kind == "traps":
                out.append(self.md(f"quiz-{group.kind}", f"### {group.title}"))
                for note in group.notes:
                    out.append(self.md(note.id, f"**Trap:** {note.text}"))
                    trap = traps.get(note.id)
                    if trap:
                        out += [self._authored(c, "trap" if c.kind == "trap" else c.kind) for c in trap.cells]
            else:
                listing = "\n".join(f"- {n.text}" for n in group.notes)
                out.append(self.md(f"quiz-{group.kind}", f"### {group.title}\n\n{listing}"))
        return out

    def other(self, part: Part) -> list[NotebookNode]:
        """A part of a capstone or career section: the roadmap's text, then the lessons covering it (each
        placed at the first part it covers), our answers where its items are interview questions, and
        the exercises and tasks made for its items."""
        items = {i.id for i in part.all_items()}
        answers = {a.question: a for a in self.c.answers if a.question in items}
        if answers:  # the questions, each with our answer, instead of the plain list
            body = ""
        elif part.shape is Shape.CHECKLIST:
            body = markdown.checklist(part.items)
        elif part.shape is Shape.TABLE and part.table is not None:
            body = markdown.table(part.table.header, [r.cells for r in part.table.rows])
        else:
            body = markdown.blocks(part.blocks)
        out = [self.md(part.kind, f"## {part.title}" + (f"\n\n{body}" if body else ""))]
        targets = items | {PART_PREFIX + part.kind}
        for lesson in self.c.lessons:
            if lesson.id not in self.placed and targets & set(lesson.covers):
                self.placed.add(lesson.id)
                out += [self._authored(c, "lesson" if c.kind == "lesson" else c.kind) for c in lesson.cells]
        if answers:
            for item in part.all_items():
                out += self.e.question(self.s, Note(item.id, item.text, item.line), answers.get(item.id))
        out += self._emit_exercises(self._exercises_for(items))
        for task in self.c.tasks:
            if task.item in items and task.id not in self.placed:
                self.placed.add(task.id)
                out += self.e.task(self.s, task)
        return out

    def leftover_tasks(self) -> list[NotebookNode]:
        rest = [t for t in self.c.tasks if t.id not in self.placed]
        out: list[NotebookNode] = [self.md("tasks", "## Tasks")] if rest else []
        for task in rest:
            self.placed.add(task.id)
            out += self.e.task(self.s, task)
        return out


def _concept_intro(has_lessons: bool) -> str:
    if has_lessons:
        return "Each lesson explains one group of ideas, then shows it in code you can run and change."
    return "This section has no written lessons yet; the list below is what to study."


def _exercise_intro(edition: str) -> str:
    if edition == "self-study":
        return (
            "Each exercise has starter code to complete and a test cell to run. "
            "Hints and a solution are folded under each exercise; try first, then peek."
        )
    return "Complete each answer cell; the test cells below it grade it."


def _quiz_intro(edition: str, has_answers: bool) -> str:
    if edition == "self-study":
        if has_answers:
            return "Answer each question aloud or in writing first, then unfold our answer to compare."
        return "Answer each question aloud or in writing, as you would in an interview."
    return "Write your answer in the cell below each question." if has_answers else "Discuss these questions."
