"""An executed notebook → an HTML page (nbconvert's HTMLExporter with our template, ``templates/course``).

Before rendering, what only works inside Jupyter is made static: the checklist widget becomes its
list of items, widget outputs and state are dropped (their JavaScript would come from a CDN and
show nothing offline), and papermill's injected parameters cell goes.
"""

from __future__ import annotations

import json
import re
import threading
from html import escape
from pathlib import Path
from typing import Any

import nbformat
from nbformat import NotebookNode

from course.site.links import rewrite_notebook_links
from course.site.math import tex_to_mathml

TEMPLATES = Path(__file__).parent / "templates"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
INJECTED = "injected-parameters"
_CHECKLIST_JSON = re.compile(r"Checklist\.from_json\((\{.*\})\)", re.DOTALL)
_local = threading.local()


def _exporter() -> Any:
    """One exporter per thread (pages are rendered in the threads that ran their notebooks)."""
    if not hasattr(_local, "exporter"):
        _local.exporter = _page_exporter_class()(template_name="course", extra_template_basedirs=[str(TEMPLATES)])
    return _local.exporter


def _page_exporter_class() -> type[Any]:
    """nbconvert's HTMLExporter without its last pass: it re-parses the whole page with BeautifulSoup to
    add ``alt`` and ``tabindex`` attributes, which took a third of each page's time (3 s of 9 for 4.5)."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters.html import WidgetsDataTypeFilter  # type: ignore[attr-defined]
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML

    class PageExporter(HTMLExporter):
        def from_notebook_node(self, nb: NotebookNode, resources: Any = None, **kw: Any) -> Any:
            lang = nb.metadata.get("language_info", {})
            lexer = lang.get("pygments_lexer", lang.get("name"))
            resources = self._init_resources(resources)  # type: ignore[no-untyped-call]
            self.register_filter(  # type: ignore[no-untyped-call]
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)
            )
            self.register_filter(  # type: ignore[no-untyped-call]
                "filter_data_type",
                WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self, resources=resources),
            )
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    return PageExporter


def checklist_markdown(source: str, run_note: str) -> str:
    """The checklist cell's items as a static list (the widget needs a kernel to tick)."""
    match = _CHECKLIST_JSON.search(source)
    if not match:
        return f"*{run_note}*"
    try:
        data = json.loads(match[1])
    except json.JSONDecodeError:
        return f"*{run_note}*"
    lines = ['<details class="course-checklist"><summary>Checklist for this section</summary>', ""]
    for group in data.get("groups", []):
        lines.append(f"**{escape(str(group.get('title', '')))}**")
        lines.append("")
        lines.extend(f"- ☐ {escape(str(item.get('label', '')))}" for item in group.get("items", []))
        lines.append("")
    lines += [f"*{run_note}*", "", "</details>"]
    return "\n".join(lines)


def make_static(nb: NotebookNode) -> NotebookNode:
    """The notebook as a page shows it: no injected parameters, no widgets, the checklist as a list."""
    note = "Tick these in Jupyter: the checklist saves your ticks in the notebook (use the Run this link)."
    cells = []
    for cell in nb.cells:
        if INJECTED in cell.metadata.get("tags", []):
            continue
        kind = cell.metadata.get("course", {}).get("kind")
        if cell.cell_type == "code" and kind == "checklist":
            md = nbformat.v4.new_markdown_cell(checklist_markdown(cell.source, note), id=cell.get("id"))
            md.metadata = cell.metadata
            md.metadata.pop("jupyter", None)
            cells.append(md)
            continue
        if cell.cell_type == "markdown":
            cell.source = tex_to_mathml(cell.source)
        elif cell.cell_type == "code":
            outputs = []
            for out in cell.get("outputs", []):
                data = out.get("data")
                if data is not None and WIDGET_VIEW in data:
                    del data[WIDGET_VIEW]
                    if not data:
                        continue
                outputs.append(out)
            cell.outputs = outputs
        cells.append(cell)
    nb.cells = cells
    nb.metadata.pop("widgets", None)
    return nb


def render_page(nb: NotebookNode, *, title: str, root: str, header: str, footer: str) -> str:
    """The page's HTML, with links to other notebooks pointing at their pages."""
    resources = {
        "metadata": {"name": title},
        "course_site": {"root": root, "header": header, "footer": footer},
    }
    html, _ = _exporter().from_notebook_node(make_static(nb), resources=resources)
    return rewrite_notebook_links(html)
