"""The self-study edition as a static website (``course site``).

Data flow, one module per step:
``build.py`` writes the self-study edition into a scratch folder → ``execute.py`` runs each notebook
with papermill (fresh kernel, failures recorded per cell) → ``render.py`` turns each executed notebook
into a page (nbconvert, our template) → ``links.py`` points links between notebooks at pages →
``pages.py`` adds the index (contents by phase) → ``search.py`` writes the offline search index.
``serve.py`` previews the folder on 127.0.0.1.
"""

from __future__ import annotations

from course.site.build import SiteOptions, SiteReport, build_site

__all__ = ["SiteOptions", "SiteReport", "build_site"]
