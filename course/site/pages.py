"""The site's own HTML: the header and footer around every page, and the index (contents by phase)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from course.model import Roadmap

SITE_CSS = "site.css"


@dataclass(frozen=True)
class Page:
    """One rendered notebook: its page (site-relative), title, and the link to run it."""

    href: str  # "phase-01/1.1-python-execution-model-repl.html"
    title: str
    run_url: str | None
    failed_cell: str | None = None

    @property
    def root(self) -> str:
        """The relative way back to the site's root from this page: ``""`` or ``"../"``."""
        return "../" * self.href.count("/")


def header(root: str, title: str, run_url: str | None, browser: str = "") -> str:
    """The bar at the top of every page: the course's name, contents, search, "Run in the browser"
    (``browser``: the Lite link or why there is none, from ``course.site.lite``) and "Run this"."""
    run = f'<a class="course-run" href="{escape(run_url)}" rel="noopener">Run this on Binder</a>' if run_url else ""
    return f"""<header class="course-bar">
<a class="course-name" href="{root}index.html">{escape(title)}</a>
<a href="{root}index.html#contents">Contents</a>
<a href="{root}course-home.html">Course home</a>
<span class="course-search"><input id="course-search" type="search" placeholder="Search the course"
 aria-label="Search the course" autocomplete="off"><ol id="course-search-results" hidden></ol></span>
{browser}{run}
</header>"""


def footer(failed_cell: str | None) -> str:
    note = ""
    if failed_cell:
        note = (
            f'<p class="course-failed">This page\'s notebook stopped at cell <code>{escape(failed_cell)}</code> '
            "when the site was built: the outputs after it are missing.</p>"
        )
    built = "<p>Outputs on this page come from running the notebook when the site was built.</p>"
    return f'<footer class="course-foot">{note}{built}</footer>'


def index_page(roadmap: Roadmap, pages: dict[str, Page], home_run_url: str | None) -> str:
    """``index.html``: the course's title, where to start, and every section by phase."""
    parts = [
        "<h1>" + escape(roadmap.title) + "</h1>",
        "<p>Every section of the self-study edition, with its lessons run and their outputs shown, "
        "exercises with hints and solutions to unfold, and the self-quiz. Each page has a link to run "
        'it yourself. Start at the <a href="course-home.html">course home</a>.</p>',
        '<h2 id="contents">Contents</h2>',
    ]
    for phase in roadmap.phases:
        items = []
        for section in phase.sections:
            href = f"{phase.assignment}/{section.stem}.html"
            if href not in pages:
                continue
            items.append(f'<li><a href="{href}">{escape(section.number)} {escape(section.title)}</a></li>')
        if items:
            parts.append(
                f'<section class="course-phase" id="{phase.assignment}"><h3>Phase {phase.number}: '
                f"{escape(phase.title)}</h3><ul>{''.join(items)}</ul></section>"
            )
    body = "\n".join(parts)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{escape(roadmap.title)}</title>
<link rel="stylesheet" href="{SITE_CSS}">
</head>
<body class="course-index" data-site-root="">
{header("", roadmap.title, home_run_url)}
<main class="course-contents">
{body}
</main>
{footer(None)}
<script src="search-index.js"></script>
<script src="search.js"></script>
</body>
</html>
"""
