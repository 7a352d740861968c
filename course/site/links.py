"""Links between notebooks become links between pages: ``../phase-01/1.1-x.ipynb#y`` → ``.html#y``."""

from __future__ import annotations

import re

_NOTEBOOK_HREF = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|//|#)([^"#?]*)\.ipynb((?:#[^"]*)?)"', re.IGNORECASE)


def rewrite_notebook_links(html: str) -> str:
    """Every relative link to a ``.ipynb`` points at its ``.html`` page (absolute URLs are left alone)."""
    return _NOTEBOOK_HREF.sub(lambda m: f'href="{m[1]}.html{m[2]}"', html)


def page_path(notebook: str) -> str:
    """``phase-01/1.1-x.ipynb`` → ``phase-01/1.1-x.html``."""
    return notebook.removesuffix(".ipynb") + ".html"
