"""Roadmap blocks back to markdown, for the cells that quote the roadmap."""

from __future__ import annotations

from collections.abc import Iterable

from course.model import (
    Block,
    ChecklistItem,
    CodeBlock,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Rule,
    Table,
)


def blocks(items: Iterable[Block]) -> str:
    return "\n\n".join(block(b) for b in items if not isinstance(b, Rule))


def block(b: Block) -> str:
    if isinstance(b, Paragraph):
        return b.text
    if isinstance(b, ListBlock):
        return list_items(b.items, ordered=b.ordered)
    if isinstance(b, Table):
        return table(b.header, [r.cells for r in b.rows])
    if isinstance(b, CodeBlock):
        return f"```{b.info}\n{b.code.rstrip()}\n```"
    if isinstance(b, Quote):
        return "\n".join("> " + line if line else ">" for line in b.text.split("\n"))
    return ""


def list_items(items: Iterable[ListItem], *, ordered: bool = False, depth: int = 0) -> str:
    lines: list[str] = []
    for n, item in enumerate(items, start=1):
        mark = f"{n}." if ordered else "-"
        box = "" if item.checkbox is None else ("[x] " if item.checkbox else "[ ] ")
        lines.append(f"{'   ' * depth if ordered else '  ' * depth}{mark} {box}{item.text}")
        if item.children:
            lines.append(list_items(item.children, depth=depth + 1))
    return "\n".join(lines)


def checklist(items: Iterable[ChecklistItem], depth: int = 0) -> str:
    """Checklist items as a plain bullet list (ticking happens in the widget)."""
    lines: list[str] = []
    for item in items:
        lines.append(f"{'  ' * depth}- {item.text}")
        if item.children:
            lines.append(checklist(item.children, depth + 1))
    return "\n".join(lines)


def table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    head = list(header)
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)
    return "\n".join(out)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def details(summary: str, body: str) -> str:
    """A folded block: ``<details>`` renders collapsed in JupyterLab, Notebook 7 and GitHub."""
    return f"<details><summary>{summary}</summary>\n\n{body.strip()}\n\n</details>"


def code_fence(code: str) -> str:
    return f"```python\n{code.rstrip()}\n```"


def points(n: int) -> str:
    return f"{n} point" + ("" if n == 1 else "s")
