"""Names a setup cell defines, and the demo or solution cells that would rebind them.

Every edition hoists a section's setup cells to the top of the notebook, so the tests of an
exercise far below meet each setup name only after every lesson cell above them has run. A demo
that happens to reuse a setup name (``for change in plan["resource_changes"]:`` below a setup
helper ``change()``) silently replaces the helper, and a correct answer then fails its tests in
the notebook while ``course prove``, which runs each exercise on its own, still passes. The loader
refuses such a cell. Test cells may rebind a setup name on purpose (patch, run, put back), so they
are not checked here.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Binding:
    """A name a cell binds at its top level: how (``def``, ``assign``, ``for``, ``import a.b``...) and where."""

    name: str
    how: str
    line: int  # 1-based, within the cell


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def _targets(node: ast.expr) -> Iterator[str]:
    if isinstance(node, ast.Name):
        yield node.id
    elif isinstance(node, (ast.Tuple, ast.List)):
        for element in node.elts:
            yield from _targets(element)
    elif isinstance(node, ast.Starred):
        yield from _targets(node.value)


def _statement_bindings(node: ast.stmt) -> Iterator[Binding]:
    line = node.lineno
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        yield Binding(node.name, "def", line)
    elif isinstance(node, ast.Assign):
        for target in node.targets:
            yield from (Binding(n, "assign", line) for n in _targets(target))
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
        yield from (Binding(n, "assign", line) for n in _targets(node.target))
    elif isinstance(node, (ast.For, ast.AsyncFor)):
        yield from (Binding(n, "for", line) for n in _targets(node.target))
    elif isinstance(node, (ast.With, ast.AsyncWith)):
        for item in node.items:
            if item.optional_vars is not None:
                yield from (Binding(n, "with", line) for n in _targets(item.optional_vars))
    elif isinstance(node, ast.Import):
        for alias in node.names:
            # ``import a.b`` binds ``a`` to the package ``a``: the same object as ``import a``
            name, what = (alias.asname, alias.name) if alias.asname else (alias.name.split(".")[0], alias.name.split(".")[0])
            yield Binding(name, f"import {what}", line)
    elif isinstance(node, ast.ImportFrom):
        for alias in node.names:
            yield Binding(alias.asname or alias.name, f"import {node.module}.{alias.name}", line)


def bindings(source: str) -> list[Binding]:
    """The names ``source`` binds at module level (inside ``if``/``for``/``with``/``try`` too, not in
    functions or classes), in order. Source that does not parse binds nothing (the kernel will say why)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    found: list[Binding] = []

    def visit(statements: list[ast.stmt]) -> None:
        for node in statements:
            found.extend(_statement_bindings(node))
            if isinstance(node, _SCOPES):
                continue
            for field in ("body", "orelse", "finalbody"):
                visit(getattr(node, field, []))
            for handler in getattr(node, "handlers", []):
                visit(handler.body)
            for case in getattr(node, "cases", []):
                visit(case.body)

    visit(tree.body)
    return found


def setup_names(sources: list[tuple[str, int]]) -> dict[str, tuple[Binding, int]]:
    """What the setup cells leave defined: name -> (its binding, the setup cell's line). Loop and
    ``with`` targets are working variables of the setup cell, not helpers, and are left out."""
    names: dict[str, tuple[Binding, int]] = {}
    for source, cell_line in sources:
        for binding in bindings(source):
            if binding.how not in ("for", "with"):
                names[binding.name] = (binding, cell_line)
    return names


def rebinding(source: str, setup: dict[str, tuple[Binding, int]]) -> tuple[Binding, Binding, int] | None:
    """The first binding in ``source`` that replaces a setup name with something else:
    (its binding, the setup's binding, the setup cell's line). Importing the same object again is fine."""
    for binding in bindings(source):
        if binding.name in setup:
            original, cell_line = setup[binding.name]
            if binding.how.startswith("import") and binding.how == original.how:
                continue
            return binding, original, cell_line
    return None
