"""The self-study edition as a static website (``course site``).

Data flow, one module per step:
``build.py`` writes the self-study edition into a scratch folder → ``execute.py`` runs each notebook
with papermill (fresh kernel, failures recorded per cell) → ``render.py`` turns each executed notebook
into a page (nbconvert, our template) → ``links.py`` points links between notebooks at pages →
``pages.py`` adds the index (contents by phase) → ``search.py`` writes the offline search index.
``serve.py`` previews the folder on 127.0.0.1. With ``--lite``, ``lite.py`` adds a JupyterLite site in
``lite/`` of the notebooks ``pyodide_rule.py`` lets run in the browser, with Pyodide and its wheels from
``pyodide.py`` (registries at build time, cached) and the course's own wheel from ``wheel.py``.
"""

from __future__ import annotations

from course.site.build import SiteOptions, SiteReport, build_site

__all__ = ["SiteOptions", "SiteReport", "build_site"]
