"""Find solutions and hidden tests where students can see them.

A *secret* is a line inside a solution region, a hidden-test region or a mark scheme of an
instructor notebook that does not also appear in that notebook's public text (a prompt may
quote a line of its own solution; that is not a leak). Release notebooks, feedback HTML and
any other file handed to students must contain no secret line. Release notebooks must also
hold no outputs, no saved widget state and no files other than notebooks and data.
"""

from __future__ import annotations

import bisect
import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from course.content import markers

MIN_SECRET = 12  # shorter lines ("return x", "else:") are too common to count as a leak
_TAGS = re.compile(r"<[^>]+>")
_PHASE = re.compile(r"phase-\d+")
_SECTION = re.compile(r"\d+\.\d+")


@dataclass(frozen=True)
class Secret:
    text: str
    kind: str  # solution | hidden test | mark scheme
    source: str  # the instructor notebook it comes from
    cell: str


@dataclass(frozen=True)
class Leak:
    path: str
    line: int
    secret: Secret

    def __str__(self) -> str:
        s = self.secret
        return f"{self.path}:{self.line}: {s.kind} line from {s.source} (cell {s.cell}) is visible: {s.text!r}"


def _norm(line: str) -> str:
    return " ".join(line.split())


def _split_notebook(path: Path) -> tuple[set[str], list[tuple[str, str, str]]]:
    """A source notebook's public lines, and its (line, kind, cell) inside teacher-only regions."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    public: set[str] = set()
    secret: list[tuple[str, str, str]] = []
    for cell in nb.get("cells", []):
        src = cell.get("source", "")
        src = "".join(src) if isinstance(src, list) else src
        cid = cell.get("id", "?")
        lines = src.split("\n")
        hidden: set[int] = set()
        for kind, label in (("solution", "solution"), ("hidden", "hidden test"), ("mark scheme", "mark scheme")):
            spans, _ = markers.regions(src, kind)
            for a, b in spans:
                for i in range(a, b + 1):
                    hidden.add(i)
                    if a < i < b:
                        secret.append((lines[i], label, cid))
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.get("cell_type") == "markdown" and meta.get("solution") and not markers.has(src, "solution"):
            # a written answer cell without markers is replaced whole by nbgrader
            secret.extend((line, "solution", cid) for line in lines)
            hidden.update(range(len(lines)))
        public.update(_norm(line) for i, line in enumerate(lines) if i not in hidden)
    return public, secret


def course_secrets(source_root: Path) -> list[Secret]:
    """Secret lines of every instructor notebook under ``source_root``.

    A line students can read anywhere in the course (a hint quoting it, a lesson using the same
    ``except ValueError:``) is not a secret, so public text is gathered over all notebooks first.
    """
    split = [(nb, *_split_notebook(nb)) for nb in sorted(source_root.rglob("*.ipynb"))]
    public_text = PublicText(line for _, public, _ in split for line in public)
    out: list[Secret] = []
    for path, _, secret in split:
        for text, kind, cid in secret:
            norm = _norm(text)
            if len(norm) >= MIN_SECRET and norm not in public_text and not _is_marker(norm):
                out.append(Secret(norm, kind, str(path), cid))
    return out


_WORD = re.compile(r"\w+")


class PublicText:
    """Lines anyone can read; ``text in public`` says whether ``text`` (one line) occurs inside any of them.

    The same answer as searching the lines joined into one string, without reading all of them for
    every question (that grew with the square of the course: 12,819 secrets against every public
    line took minutes). A word of ``text`` with other characters on both sides of it within
    ``text`` is a whole word of any line ``text`` occurs in; so only the lines holding all such
    words are searched. With words only at its ends, a line must hold a word ending with the first
    and one starting with the last. One word alone (or none) is searched the slow way.
    """

    def __init__(self, lines: Iterable[str]) -> None:
        self._given = list(lines)  # in order: text spanning lines is searched in them as given
        self._lines = sorted(set(self._given))
        self._exact = set(self._lines)
        self._by_word: dict[str, list[int]] = {}
        for i, line in enumerate(self._lines):
            for word in set(_WORD.findall(line)):
                self._by_word.setdefault(word, []).append(i)
        self._joined: str | None = None
        self._sorted_words: list[str] | None = None
        self._reversed_words: list[str] | None = None

    def __contains__(self, text: object) -> bool:
        if not isinstance(text, str):
            return False
        if text in self._exact:
            return True
        candidates = self._candidates(text) if "\n" not in text else None
        if candidates is not None:
            return any(text in self._lines[i] for i in candidates)
        if self._joined is None:
            self._joined = "\n".join(self._given)
        return text in self._joined

    def _candidates(self, text: str) -> set[int] | None:
        """The lines ``text`` can occur in (all words it needs are there), or None: search them all."""
        words = list(_WORD.finditer(text))
        inner = {m.group() for m in words if m.start() > 0 and m.end() < len(text)}
        needs = [self._by_word.get(word, []) for word in inner]
        if not needs and words:  # only words at the ends: a line's word ends with the first, starts with the last
            first, last = words[0], words[-1]
            if first.start() == 0 and first.end() == len(text):
                return None  # one word, the whole text: it may sit anywhere inside a longer word
            if first.start() == 0:
                needs.append(self._holding(self._ending(first.group())))
            if last.end() == len(text) and last is not first:
                needs.append(self._holding(self._starting(last.group())))
        if not needs:
            return None
        needs.sort(key=len)
        candidates = set(needs[0])
        for more in needs[1:]:  # lines holding every needed word (set work runs in C)
            if len(candidates) < 16:
                break
            candidates.intersection_update(more)
        return candidates

    def _starting(self, prefix: str) -> list[str]:
        words = self._words()
        at = bisect.bisect_left(words, prefix)
        end = at
        while end < len(words) and words[end].startswith(prefix):
            end += 1
        return words[at:end]

    def _ending(self, suffix: str) -> list[str]:
        backwards = self._backwards()
        key = suffix[::-1]
        at = bisect.bisect_left(backwards, key)
        found = []
        while at < len(backwards) and backwards[at].startswith(key):
            found.append(backwards[at][::-1])
            at += 1
        return found

    def _holding(self, words: list[str]) -> list[int]:
        return list({i for word in words for i in self._by_word[word]})

    def _words(self) -> list[str]:
        if self._sorted_words is None:
            self._sorted_words = sorted(self._by_word)
        return self._sorted_words

    def _backwards(self) -> list[str]:
        if self._reversed_words is None:
            self._reversed_words = sorted(word[::-1] for word in self._by_word)
        return self._reversed_words


def _is_marker(line: str) -> bool:
    return any(markers.has(line, k) for k in ("solution", "hidden", "mark scheme"))


def _text_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".ipynb":
        # look at what a student sees: cell sources and outputs, as lines
        nb = json.loads(text)
        lines: list[str] = []
        for cell in nb.get("cells", []):
            src = cell.get("source", "")
            lines.extend(("".join(src) if isinstance(src, list) else src).split("\n"))
            for out in cell.get("outputs", []):
                lines.extend(json.dumps(out).split("\\n"))
        return lines
    if path.suffix in (".html", ".htm"):
        text = html.unescape(_TAGS.sub("", text))
    return text.split("\n")


FEEDBACK_SUFFIXES = (".html", ".htm")


def scan(paths: Iterable[Path], secrets: list[Secret]) -> list[Leak]:
    """Every secret line found in ``paths`` (release notebooks, feedback HTML, any text file).

    A file named like an instructor notebook (``release/.../x.ipynb``, ``feedback/.../x.html``)
    is checked against that notebook's secrets; a data file against the secrets of its own
    section (``release/phase-10/data/10.2/x.py`` against 10.2's notebook) or, outside a section
    folder, of its phase, since a common line such as ``for word in words:`` in one section's given
    module gives away nothing of another section's answers; any other file against all of them.
    Feedback shows the student's own
    answers, which may well match the solution, so in feedback files only hidden tests and mark
    schemes count as leaks.
    """
    pools: dict[str, list[Secret]] = {}
    for secret in secrets:
        source = Path(secret.source)
        for scope in (source.stem, source.stem.split("-")[0], source.parent.name):  # notebook, section, phase
            pools.setdefault(scope, []).append(secret)
    cache: dict[tuple[str, bool], tuple[dict[str, Secret], re.Pattern[str] | None]] = {}
    leaks: list[Leak] = []
    for path in paths:
        feedback = path.suffix in FEEDBACK_SUFFIXES
        scope = _scope(path, pools)
        if (scope, feedback) not in cache:
            pool = pools[scope] if scope else secrets
            cache[scope, feedback] = _matcher([s for s in pool if not (feedback and s.kind == "solution")])
        by_text, pattern = cache[scope, feedback]
        if pattern is None:
            continue
        for n, line in enumerate(_text_lines(path), start=1):
            norm = _norm(line)
            if len(norm) < MIN_SECRET:
                continue
            match = pattern.search(norm)
            if match:
                leaks.append(Leak(str(path), n, by_text[match.group(0)]))
    return leaks


def _scope(path: Path, pools: dict[str, list[Secret]]) -> str:
    """The narrowest group of secrets ``path`` is checked against ("" = all of them)."""
    if path.stem in pools:
        return path.stem
    for pattern in (_SECTION, _PHASE):
        found = next((part for part in reversed(path.parent.parts) if pattern.fullmatch(part) and part in pools), "")
        if found:
            return found
    return ""


def _matcher(secrets: list[Secret]) -> tuple[dict[str, Secret], re.Pattern[str] | None]:
    """One pattern for all secrets, longest first: it finds them inside traceback lines too."""
    by_text: dict[str, Secret] = {}
    for s in secrets:
        by_text.setdefault(s.text, s)
    if not by_text:
        return by_text, None
    return by_text, re.compile("|".join(re.escape(t) for t in sorted(by_text, key=len, reverse=True)))


def release_hygiene(release_root: Path) -> list[str]:
    """Outputs, widget state and stray files in release/ (things nbgrader lets through)."""
    problems: list[str] = []
    for path in sorted(release_root.rglob("*")):
        rel = path.relative_to(release_root)
        if path.is_dir() or rel.parts[0].startswith("."):  # release/.manifest.json: build bookkeeping
            continue
        if path.suffix != ".ipynb":
            if "data" not in rel.parts:
                problems.append(f"{path}: extra file in release (only notebooks and data/ belong there)")
            continue
        nb = json.loads(path.read_text(encoding="utf-8"))
        if "widgets" in nb.get("metadata", {}):
            problems.append(f"{path}: saved widget state (metadata.widgets) would reach students")
        for cell in nb.get("cells", []):
            if cell.get("outputs"):
                problems.append(f"{path}: cell {cell.get('id')} has outputs")
    return problems


def hidden_tests(source_root: Path, names: set[str] | None = None) -> dict[tuple[str, str], str]:
    """``(notebook file name, grade id) -> hidden tests`` of every graded cell that has some."""
    out: dict[tuple[str, str], str] = {}
    for path in sorted(source_root.rglob("*.ipynb")):
        if names is not None and path.name not in names:
            continue
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb.get("cells", []):
            src = cell.get("source", "")
            src = "".join(src) if isinstance(src, list) else src
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
            lines = markers.hidden_lines(src)
            if grade_id and lines:
                out[path.name, grade_id] = "\n".join(_norm(line) for line in lines if line.strip())
    return out


def public_hidden_tests(source_root: Path, public_root: Path, names: set[str]) -> tuple[list[tuple[str, str]], int]:
    """The hidden-test cells of ``names`` under ``source_root`` whose hidden tests are exactly the
    public edition's (under ``public_root``), and how many hidden-test cells those notebooks have."""
    mine = hidden_tests(source_root, names)
    public = hidden_tests(public_root, names)
    same = sorted(key for key, text in mine.items() if public.get(key) == text)
    return same, len(mine)
