"""A Dockerfile read as a list of instructions: what a linter, a generator's test or a fake build needs.

>>> text = 'from python:3.12\\nRUN a && \\\\\\n  b\\nCMD ["x", "-y"]\\n'
>>> [(i.line, i.keyword, i.args, i.exec_form) for i in parse_dockerfile(text)]
[(1, 'FROM', 'python:3.12', None), (2, 'RUN', 'a && b', None), (4, 'CMD', '["x", "-y"]', ['x', '-y'])]

The rules (a subset of Docker's own parser, enough for lint rules and the course's fake build):

- a line whose first non-blank character is ``#`` is a comment, and a blank line is nothing, also inside an
  instruction continued over several lines (Docker skips both there too);
- a line ending in ``\\`` continues on the next line; the pieces are stripped and joined with one space (Docker
  keeps the whitespace as written; no lint rule cares);
- the first word is the instruction, in any case (``from`` is ``FROM``); the rest, stripped, is ``args``;
- ``args`` that parse as a JSON list of strings are the *exec form* (``exec_form`` holds the list); anything else
  (``CMD python app.py``, or ``CMD [python]``, which is not JSON) is the shell form (``exec_form`` is None).

Not supported: parser directives (``# escape=`` is read as a comment), heredocs (``RUN <<EOF``), variable
expansion (``${TAG}`` stays as written).
"""

from __future__ import annotations

import json
from typing import NamedTuple

__all__ = ["Instruction", "parse_dockerfile"]


class Instruction(NamedTuple):
    """One instruction: the line it starts on (1-based), its keyword in upper case, its arguments as one
    string, and the argument list when written in the JSON exec form (otherwise None)."""

    line: int
    keyword: str
    args: str
    exec_form: list[str] | None


def _exec_form(args: str) -> list[str] | None:
    if not args.startswith("["):
        return None
    try:
        value = json.loads(args)
    except ValueError:
        return None
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    return None


def parse_dockerfile(text: str) -> list[Instruction]:
    """The instructions of a Dockerfile, in order (see the module's rules)."""
    found: list[Instruction] = []
    pieces: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not pieces:
            start = number
        continued = stripped.endswith("\\")
        piece = stripped[:-1].strip() if continued else stripped
        if piece:
            pieces.append(piece)
        if not continued:
            found.append(_instruction(start, " ".join(pieces)))
            pieces = []
    if pieces:  # a continuation at the very end: what was written still counts
        found.append(_instruction(start, " ".join(pieces)))
    return found


def _instruction(line: int, joined: str) -> Instruction:
    keyword, *rest = joined.split(None, 1)
    args = rest[0].strip() if rest else ""
    return Instruction(line, keyword.upper(), args, _exec_form(args))
