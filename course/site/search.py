"""The offline search index: one entry per page (title, headings, text), written as a script
(``search-index.js``) so it loads from ``file://`` too, where ``fetch`` of a JSON file is refused."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from nbformat import NotebookNode

TEXT_CHARS = 4000
"""Text kept per page: enough to find a page by what it teaches, small enough for a 100-page index."""

_MARKUP = re.compile(r"<[^>]+>|[*_`#>|\[\]]|\(\S+\.(?:ipynb|html)[^)]*\)|-{3,}")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class SearchEntry:
    href: str
    title: str
    headings: tuple[str, ...]
    text: str

    def as_json(self) -> dict[str, object]:
        return {"href": self.href, "title": self.title, "headings": list(self.headings), "text": self.text}


def search_entry(nb: NotebookNode, href: str, title: str) -> SearchEntry:
    """Headings and plain text of the page's markdown cells."""
    headings: list[str] = []
    text: list[str] = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith("#"):
                headings.append(_plain(line))
            else:
                text.append(line)
    return SearchEntry(href, title, tuple(h for h in headings if h), _plain(" ".join(text))[:TEXT_CHARS])


def _plain(markdown: str) -> str:
    return _SPACE.sub(" ", _MARKUP.sub(" ", markdown)).strip()


def search_index_script(entries: list[SearchEntry]) -> str:
    data = json.dumps([e.as_json() for e in entries], ensure_ascii=False, separators=(",", ":"))
    return f"window.COURSE_SEARCH_INDEX = {data};\n"
