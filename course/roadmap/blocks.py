"""markdown-it-py tokens -> a flat list of headings and blocks, each with its source line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from course.model import (
    Block,
    CodeBlock,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Rule,
    Table,
    TableRow,
)

_TASK = re.compile(r"^\[([ xX])\]\s+")
_MD = MarkdownIt("commonmark").enable("table")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


Node = Heading | Block


def tokenize(text: str) -> list[Node]:
    """Top-level headings and blocks of a markdown document, in order.

    Raises :class:`UnclosedFence` for a code fence that is never closed: markdown lets such a
    fence run to the end of the document, which would silently swallow every section after it.
    """
    tokens = _MD.parse(text)
    _check_fences(tokens, text.split("\n"))
    out: list[Node] = []
    i = 0
    while i < len(tokens):
        node, i = _block(tokens, i)
        if node is not None:
            out.append(node)
    return out


class UnclosedFence(ValueError):
    """A fenced code block without its closing fence; ``line`` is where it opens (1-based)."""

    def __init__(self, line: int, marker: str) -> None:
        self.line = line
        self.marker = marker
        super().__init__(f"code fence {marker!r} opened at line {line} is never closed")


def _check_fences(tokens: list[Token], lines: list[str]) -> None:
    """Every fence (at any depth) must end with a closing line of the same character, at least as long."""
    for tok in tokens:
        if tok.type == "fence" and tok.map:
            start, end = tok.map
            closing = lines[end - 1].strip() if end - 1 > start and end - 1 < len(lines) else ""
            char = tok.markup[:1]
            if not (closing and set(closing) == {char} and len(closing) >= len(tok.markup)):
                raise UnclosedFence(start + 1, tok.markup)
        if tok.children:
            _check_fences(tok.children, lines)


def _line(tok: Token) -> int:
    return (tok.map[0] + 1) if tok.map else 0


def _close(tokens: list[Token], i: int) -> int:
    """Index just past the token closing the one opened at ``i``."""
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j + 1
    return len(tokens)


def _block(tokens: list[Token], i: int) -> tuple[Node | None, int]:
    tok = tokens[i]
    kind = tok.type
    if kind == "heading_open":
        return Heading(int(tok.tag[1]), tokens[i + 1].content.strip(), _line(tok)), i + 3
    if kind == "paragraph_open":
        return Paragraph(tokens[i + 1].content.strip(), _line(tok)), i + 3
    if kind in ("bullet_list_open", "ordered_list_open"):
        end = _close(tokens, i)
        items = _list_items(tokens, i + 1, end - 1)
        return ListBlock(items, kind == "ordered_list_open", _line(tok)), end
    if kind == "table_open":
        end = _close(tokens, i)
        return _table(tokens[i:end]), end
    if kind in ("fence", "code_block"):
        return CodeBlock(tok.content, tok.info.strip(), _line(tok)), i + 1
    if kind == "blockquote_open":
        end = _close(tokens, i)
        text = "\n\n".join(t.content.strip() for t in tokens[i:end] if t.type == "inline")
        return Quote(text, _line(tok)), end
    if kind == "hr":
        return Rule(_line(tok)), i + 1
    if kind == "html_block":
        return Paragraph(tok.content.strip(), _line(tok)), i + 1
    return None, i + 1


def _list_items(tokens: list[Token], start: int, stop: int) -> tuple[ListItem, ...]:
    items: list[ListItem] = []
    i = start
    while i < stop:
        tok = tokens[i]
        if tok.type != "list_item_open":
            i += 1
            continue
        end = _close(tokens, i)
        text_parts: list[str] = []
        children: list[ListItem] = []
        j = i + 1
        while j < end - 1:
            inner = tokens[j]
            if inner.type in ("bullet_list_open", "ordered_list_open"):
                sub_end = _close(tokens, j)
                children.extend(_list_items(tokens, j + 1, sub_end - 1))
                j = sub_end
            elif inner.type == "inline":
                text_parts.append(inner.content.strip())
                j += 1
            else:
                j += 1
        text = " ".join(text_parts)
        checkbox: bool | None = None
        match = _TASK.match(text)
        if match:
            checkbox = match.group(1) != " "
            text = text[match.end() :]
        items.append(ListItem(text, _line(tok), checkbox, tuple(children)))
        i = end
    return tuple(items)


def _table(tokens: list[Token]) -> Table:
    header: list[str] = []
    rows: list[TableRow] = []
    current: list[str] = []
    row_line = 0
    in_head = False
    for tok in tokens:
        if tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open":
            current = []
            row_line = _line(tok)
        elif tok.type == "inline":
            current.append(tok.content.strip())
        elif tok.type == "tr_close":
            if in_head:
                header = current
            else:
                rows.append(TableRow(tuple(current), row_line))
    return Table(tuple(header), tuple(rows), _line(tokens[0]))
