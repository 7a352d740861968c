"""Mutation operators: small, plausible mistakes planted in an exercise's solution region.

Each operator finds places in the solution cell's syntax tree (``ast``) and proposes an edit of
the cell's text: ``<`` becomes ``<=``, ``1`` becomes ``0``, ``sorted(x)`` becomes ``x``... Only
edits whose lines lie inside nbgrader's solution region(s) are kept: the learner writes that
part, everything else (the ``def`` line, imports above the region) is given. Mutants that do not
compile, or that compile to the same code as the solution, are dropped; identical mutants are
kept once.

Why not mutmut, cosmic-ray or mutatest: they mutate the files of an installed project on disk
(or its ``__pycache__``), run pytest or a command line once per mutant and keep a session
database. Our code under test is one notebook cell, exec'd in a proof worker next to setup and
test cells, and we need each mutant as that cell's text, limited to the solution region, with
the line in the content file and an id that survives unrelated edits. That is a few hundred
lines over ``ast``, with nothing to install.

Edits are made on the source text (not by ``ast.unparse``), so a mutant keeps its comments and
layout and its report shows the author's own line with one thing changed. Code inside f-strings
and annotations is never mutated (positions inside f-strings are not reliable before 3.12, and
annotations do not run).
"""

from __future__ import annotations

import ast
import hashlib
import re
import types
from collections.abc import Iterator
from dataclasses import dataclass

from course.content import markers


@dataclass(frozen=True)
class Mutant:
    id: str  # "m-" + 8 hex digits, stable while the mutated line and its twins stay the same
    operator: str
    line: int  # 1-based line in the content file (or in the cell, for a cell on its own)
    before: str  # the line(s) changed, stripped
    after: str  # the same line(s) in the mutant, stripped
    source: str  # the whole solution cell, mutated (markers kept)


@dataclass(frozen=True)
class _Edit:
    start: int  # character offsets into the cell's source
    end: int
    text: str
    operator: str


COMPARE: dict[type[ast.cmpop], tuple[str, tuple[str, ...]]] = {
    ast.Lt: ("<", ("<=",)),
    ast.LtE: ("<=", ("<",)),
    ast.Gt: (">", (">=",)),
    ast.GtE: (">=", (">",)),
    ast.Eq: ("==", ("!=",)),
    ast.NotEq: ("!=", ("==",)),
    ast.Is: ("is", ("is not",)),
    ast.IsNot: ("is not", ("is",)),
    ast.In: ("in", ("not in",)),
    ast.NotIn: ("not in", ("in",)),
}
ARITH: dict[type[ast.operator], tuple[str, tuple[str, ...]]] = {
    ast.Add: ("+", ("-",)),
    ast.Sub: ("-", ("+",)),
    ast.Mult: ("*", ("/",)),
    ast.Div: ("/", ("*", "//")),
    ast.FloorDiv: ("//", ("/", "*")),
    ast.Mod: ("%", ("//",)),
}
WRAPPERS = frozenset({"sorted", "list", "tuple", "set", "reversed", "abs", "int", "str", "float"})
METHODS = frozenset({"strip", "lstrip", "rstrip", "lower", "upper", "casefold", "title", "capitalize", "copy"})
# statements that "statement -> pass" replaces (return, break and continue have operators of their own)
_PASSABLE = (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr, ast.Delete, ast.Raise, ast.Assert)
# expressions that can stand anywhere an operand can, without parentheses
_ATOMS = (
    *(ast.Name, ast.Attribute, ast.Call, ast.Subscript, ast.Constant),
    *(ast.List, ast.Dict, ast.Set, ast.ListComp, ast.SetComp, ast.DictComp),
)
_ADDITIVE = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow, ast.MatMult)


def mutants(exercise_id: str, solution: str, first_line: int = 1) -> list[Mutant]:
    """Every mutant of the solution cell's region(s), in source order.

    ``first_line`` is the content file's line of the cell's first source line, so that
    ``Mutant.line`` points into the file.
    """
    try:
        tree = ast.parse(solution)
    except SyntaxError:
        return []  # the proof reports a solution that does not compile
    spans, _ = markers.regions(solution, "solution")
    # a region's code lies strictly between its marker lines; ast lines are 1-based
    inside = [(a + 2, b) for a, b in spans]
    text = _Text(solution)
    original = _shape(compile(tree, "<solution>", "exec", dont_inherit=True))
    edits = sorted(
        {e for e in _Finder(text).edits(tree) if _within(text, e, inside)},
        key=lambda e: (e.start, e.end, e.operator, e.text),
    )
    out: list[Mutant] = []
    seen_sources = {solution}
    occurrences: dict[tuple[str, str, str], int] = {}
    for edit in edits:
        source = solution[: edit.start] + edit.text + solution[edit.end :]
        if source in seen_sources:
            continue
        try:
            if _shape(compile(source, "<mutant>", "exec", dont_inherit=True)) == original:
                continue
        except (SyntaxError, ValueError):
            continue
        seen_sources.add(source)
        first, last = text.line_of(edit.start), text.line_of(max(edit.start, edit.end - 1))
        before = _squash(text.lines[first - 1 : last])
        after_text = text.line_start(first), text.line_end(last)
        after = _squash(
            (solution[after_text[0] : edit.start] + edit.text + solution[edit.end : after_text[1]]).split("\n")
        )
        key = (edit.operator, before, after)
        index = occurrences.get(key, 0)
        occurrences[key] = index + 1
        out.append(
            Mutant(
                mutant_id(exercise_id, edit.operator, before, after, index),
                edit.operator,
                first_line + first - 1,
                before,
                after,
                source,
            )
        )
    return out


def mutant_id(exercise_id: str, operator: str, before: str, after: str, index: int) -> str:
    key = "\0".join((exercise_id, operator, before, after, str(index)))
    return "m-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]


def _shape(code: types.CodeType) -> tuple[object, ...]:
    """What a code object does, without where its lines and columns are (two sources that differ
    only in layout or parentheses have the same shape)."""
    consts = tuple(_shape(c) if isinstance(c, types.CodeType) else (type(c).__name__, repr(c)) for c in code.co_consts)
    return (code.co_code, code.co_names, code.co_varnames, code.co_freevars, code.co_cellvars, consts)


def _squash(lines: list[str]) -> str:
    return " ".join(line.strip() for line in lines if line.strip())


def _within(text: _Text, edit: _Edit, inside: list[tuple[int, int]]) -> bool:
    first, last = text.line_of(edit.start), text.line_of(max(edit.start, edit.end - 1))
    return any(a <= first and last <= b for a, b in inside)


class _Text:
    """The cell's source with conversions from ``ast`` positions (line, UTF-8 byte column)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.lines = source.split("\n")
        self.starts: list[int] = []
        pos = 0
        for line in self.lines:
            self.starts.append(pos)
            pos += len(line) + 1

    def offset(self, lineno: int, col: int) -> int:
        line = self.lines[lineno - 1]
        return self.starts[lineno - 1] + len(line.encode("utf-8")[:col].decode("utf-8", errors="replace"))

    def span(self, node: ast.AST) -> tuple[int, int]:
        start = self.offset(node.lineno, node.col_offset)  # type: ignore[attr-defined]
        end = self.offset(node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]
        return start, end

    def segment(self, node: ast.AST) -> str:
        start, end = self.span(node)
        return self.source[start:end]

    def line_of(self, offset: int) -> int:
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1

    def line_start(self, lineno: int) -> int:
        return self.starts[lineno - 1]

    def line_end(self, lineno: int) -> int:
        return self.starts[lineno - 1] + len(self.lines[lineno - 1])

    def between(self, left: ast.AST, right: ast.AST, token: str) -> tuple[int, int] | None:
        """Where ``token`` (an operator or keyword) sits between two operands, if found."""
        start, end = self.span(left)[1], self.span(right)[0]
        gap = re.sub(r"#[^\n]*", lambda m: " " * len(m.group(0)), self.source[start:end])
        # the gap holds only the operator, parentheses, spaces, line breaks and comments
        found = re.search(r"\s+".join(re.escape(w) for w in token.split()), gap)
        return (start + found.start(), start + found.end()) if found else None


class _Finder:
    """Walks the tree and proposes edits (skipping f-strings and annotations)."""

    def __init__(self, text: _Text) -> None:
        self.text = text

    def edits(self, tree: ast.AST) -> Iterator[_Edit]:
        for node in self._walk(tree):
            yield from self._node(node)

    def _walk(self, node: ast.AST) -> Iterator[ast.AST]:
        yield node
        for name, value in ast.iter_fields(node):
            if name in ("annotation", "returns") or isinstance(node, ast.JoinedStr):
                continue
            children = value if isinstance(value, list) else [value]
            for child in children:
                if isinstance(child, ast.AST):
                    yield from self._walk(child)

    def _node(self, node: ast.AST) -> Iterator[_Edit]:
        if isinstance(node, ast.Compare):
            yield from self._compare(node)
        elif isinstance(node, ast.BinOp):
            yield from self._swap(node.left, node.right, type(node.op), "swap-arith")
        elif isinstance(node, ast.AugAssign):
            yield from self._augassign(node)
        elif isinstance(node, ast.Constant):
            yield from self._constant(node)
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
            yield from self._slice(node.slice)
        elif isinstance(node, ast.BoolOp):
            yield from self._boolop(node)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield from self._not(node)
        elif isinstance(node, ast.Call):
            yield from self._call(node)
        elif isinstance(node, ast.Return):
            yield from self._return(node)
        elif isinstance(node, (ast.Break, ast.Continue)):
            start, end = self.text.span(node)
            yield _Edit(start, end, "continue" if isinstance(node, ast.Break) else "break", "break-continue")
        if isinstance(node, _PASSABLE) and not _is_docstring_like(node):
            start, end = self.text.span(node)
            yield _Edit(start, end, "pass", "statement-pass")

    def _compare(self, node: ast.Compare) -> Iterator[_Edit]:
        operands = [node.left, *node.comparators]
        for i, op in enumerate(node.ops):
            token, swaps = COMPARE[type(op)]
            where = self.text.between(operands[i], operands[i + 1], token)
            if where:
                for new in swaps:
                    yield _Edit(where[0], where[1], new, "swap-compare")

    def _swap(self, left: ast.AST, right: ast.AST, op: type[ast.operator], name: str) -> Iterator[_Edit]:
        if op not in ARITH:
            return
        token, swaps = ARITH[op]
        where = self.text.between(left, right, token)
        if where:
            for new in swaps:
                yield _Edit(where[0], where[1], new, name)

    def _augassign(self, node: ast.AugAssign) -> Iterator[_Edit]:
        if type(node.op) not in ARITH:
            return
        token, swaps = ARITH[type(node.op)]
        where = self.text.between(node.target, node.value, token + "=")
        if where:
            for new in swaps:
                yield _Edit(where[0], where[1], new + "=", "swap-augassign")

    def _constant(self, node: ast.Constant) -> Iterator[_Edit]:
        start, end = self.text.span(node)
        if isinstance(node.value, bool):
            yield _Edit(start, end, str(not node.value), "true-false")
        elif isinstance(node.value, int):
            n = node.value
            for new in (1,) if n == 0 else (0, 2) if n == 1 else (n + 1, n - 1):
                yield _Edit(start, end, str(new), "int-constant")

    def _slice(self, sl: ast.Slice) -> Iterator[_Edit]:
        for bound in (sl.lower, sl.upper, sl.step):
            if bound is None:
                continue
            start, end = self.text.span(bound)
            yield _Edit(start, end, "", "drop-slice-bound")
            if bound is sl.step or _is_int_literal(bound):
                continue  # int-constant already moves literal bounds by one
            text = self.text.segment(bound)
            if not (isinstance(bound, _ATOMS) or _is_arithmetic(bound)):
                text = f"({text})"
            for delta in (" + 1", " - 1"):
                yield _Edit(start, end, text + delta, "slice-bound")

    def _boolop(self, node: ast.BoolOp) -> Iterator[_Edit]:
        token, new = ("and", "or") if isinstance(node.op, ast.And) else ("or", "and")
        places = [self.text.between(a, b, token) for a, b in zip(node.values, node.values[1:], strict=False)]
        if not places or any(p is None for p in places):
            return
        # several tokens change at once: one edit spanning them all
        start, end = places[0][0], places[-1][1]  # type: ignore[index]
        pieces, pos = [], start
        for p in places:
            assert p is not None
            pieces.append(self.text.source[pos : p[0]] + new)
            pos = p[1]
        yield _Edit(start, end, "".join(pieces), "and-or")

    def _not(self, node: ast.UnaryOp) -> Iterator[_Edit]:
        start, _ = self.text.span(node)
        found = re.match(r"not\b\s*", self.text.source[start:])
        if found:
            yield _Edit(start, start + found.end(), "", "drop-not")

    def _call(self, node: ast.Call) -> Iterator[_Edit]:
        start, end = self.text.span(node)
        func = node.func
        if isinstance(func, ast.Name) and func.id in ("min", "max"):
            f_start, f_end = self.text.span(func)
            yield _Edit(f_start, f_end, "max" if func.id == "min" else "min", "min-max")
        if isinstance(func, ast.Name) and func.id in WRAPPERS and _one_argument(node, func.id == "sorted"):
            arg = node.args[0]
            text = self.text.segment(arg)
            if not isinstance(arg, _ATOMS) and not text.startswith("("):
                text = f"({text})"
            yield _Edit(start, end, text, "drop-call")
        elif isinstance(func, ast.Attribute) and func.attr in METHODS:
            receiver_end = self.text.span(func.value)[1]
            dot = re.search(rf"\.\s*{func.attr}\b", self.text.source[receiver_end:end])
            if dot:
                yield _Edit(receiver_end + dot.start(), end, "", "drop-call")

    def _return(self, node: ast.Return) -> Iterator[_Edit]:
        value = node.value
        if value is None or (isinstance(value, ast.Constant) and value.value is None):
            return
        start, end = self.text.span(value)
        yield _Edit(start, end, "None", "return-none")


def _one_argument(node: ast.Call, keywords_allowed: bool) -> bool:
    return len(node.args) == 1 and not isinstance(node.args[0], ast.Starred) and (keywords_allowed or not node.keywords)


def _is_int_literal(node: ast.AST) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool)


def _is_arithmetic(node: ast.AST) -> bool:
    if isinstance(node, ast.UnaryOp):
        return isinstance(node.op, (ast.USub, ast.UAdd))
    return isinstance(node, ast.BinOp) and isinstance(node.op, _ADDITIVE)


def _is_docstring_like(node: ast.AST) -> bool:
    """A bare string or ``...`` statement: replacing it by ``pass`` changes nothing."""
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, (str, type(...)))
    )
