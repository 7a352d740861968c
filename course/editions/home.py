"""The course home notebook: every phase and section, the progress dashboard, the appendices."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeGuard

from nbformat import NotebookNode

from course.content.model import SectionContent
from course.editions import cells, markdown
from course.editions.layout import notebook_name
from course.model import Appendix, Roadmap, Table

HOME = "home"


def build_home(roadmap: Roadmap, contents: Mapping[str, SectionContent]) -> NotebookNode:
    out: list[NotebookNode] = []

    def md(piece: str, text: str) -> None:
        out.append(cells.markdown(HOME, "home", piece, text))

    intro = markdown.blocks(roadmap.intro)
    md(
        "title",
        f"# {roadmap.title}\n\n{intro}\n\n"
        "This is the course home. Every section of the roadmap is a notebook. A written section has "
        "lessons with code you can run, exercises with tests, problems, a self-quiz and a checklist that "
        "remembers your ticks; a section marked *not written yet* has the roadmap's checklists, tasks "
        "and questions only, for now. Work top to bottom, phase by phase.",
    )
    if roadmap.how_to_use:
        md("how-to-use", "## How to use this roadmap\n\n" + markdown.blocks(roadmap.how_to_use))
    md(
        "dashboard-intro",
        "## Your progress\n\nRun the cell below to see how far you are. It reads the ticks saved in each "
        "section notebook of this folder (nothing leaves your machine).",
    )
    out.append(
        cells.code(
            HOME,
            "dashboard",
            "dashboard",
            "from course.progress.dashboard import Dashboard\n\nDashboard.for_folder()",
        )
    )
    for phase in roadmap.phases:
        lines = [f"## Phase {phase.number}: {phase.title}"]
        if phase.goal:
            lines.append(f"\n> **Goal:** {phase.goal}\n")
        for section in phase.sections:
            content = contents.get(section.number)
            badge = " · *not written yet*"
            if content is not None and content.exercises:
                badge = f" · {len(content.lessons)} lessons, {len(content.exercises)} exercises"
            href = f"{phase.assignment}/{notebook_name(section)}"
            lines.append(f"- [{section.number} {section.title}]({href}){badge}")
        md(phase.assignment, "\n".join(lines))
    for appendix in roadmap.appendices:
        md(_appendix_id(appendix), _appendix_text(appendix))
    meta = {"section": HOME, "edition": "self-study", "title": "Course home", "tracker": _tracker_rows(roadmap)}
    return cells.notebook(out, meta)


def _tracker_rows(roadmap: Roadmap) -> list[list[str]]:
    """Appendix C's progress tracker rows (phase, description), for the dashboard."""
    for appendix in roadmap.appendices:
        for sub in appendix.subsections:
            for b in sub.blocks:
                if _is_tracker(b):
                    return [[r.cells[0], r.cells[1]] for r in b.rows]
    return [[str(p.number), p.title] for p in roadmap.phases]


def _appendix_id(appendix: Appendix) -> str:
    return f"appendix-{appendix.letter.lower()}" if appendix.letter else "final-notes"


def _appendix_text(appendix: Appendix) -> str:
    head = f"## Appendix {appendix.letter}: {appendix.title}" if appendix.letter else f"## {appendix.title}"
    parts = [head]
    if appendix.blocks:
        parts.append(markdown.blocks(appendix.blocks))
    for sub in appendix.subsections:
        parts.append(f"### {sub.title}")
        if any(_is_tracker(b) for b in sub.blocks):
            # the roadmap's tracker is a table of empty boxes; the live one is the dashboard above
            parts.append("Your tracker, filled in from your ticks, is the dashboard under *Your progress* above.")
            continue
        if sub.blocks:
            parts.append(markdown.blocks(sub.blocks))
    return "\n\n".join(parts)


def _is_tracker(block: object) -> TypeGuard[Table]:
    return isinstance(block, Table) and block.header[:2] == ("Phase", "Description")
