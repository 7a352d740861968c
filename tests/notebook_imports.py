"""Which third-party modules the generated notebooks import, and a small set of notebooks that
between them import every one (for tests that cannot afford to run every notebook again)."""

from __future__ import annotations

import ast
import importlib.util
import sys
from collections.abc import Iterable
from pathlib import Path

import nbformat

MAGIC = ("%", "!")


def third_party_imports(path: Path) -> frozenset[str]:
    """Top-level names of the installed, non-standard-library modules a notebook's code cells
    import (``course`` included; not the modules a notebook writes itself and then imports)."""
    found: set[str] = set()
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(MAGIC))
        try:
            tree = ast.parse(source)
        except SyntaxError:  # a cell meant to fail to parse (a lesson about syntax errors)
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            else:
                continue
            found.update(name.split(".")[0] for name in names)
    return frozenset(m for m in found if m not in sys.stdlib_module_names and importlib.util.find_spec(m))


def covering_sample(paths: Iterable[Path], always: Iterable[Path] = ()) -> list[Path]:
    """``always`` plus, greedily, the notebook that adds the most not-yet-imported modules, until
    the sample imports every module any of ``paths`` imports (ties go to the earlier path)."""
    ordered = sorted(paths)
    imports = {p: third_party_imports(p) for p in ordered}
    chosen = list(always)
    covered = set().union(*(imports.get(p, frozenset()) for p in chosen))
    wanted = set().union(*imports.values())
    while wanted - covered:
        best = max(ordered, key=lambda p: (len(imports[p] - covered), -ordered.index(p)))
        chosen.append(best)
        covered |= imports[best]
    return chosen
