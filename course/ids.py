"""Stable identifiers: derived from text, never random, never a shifting counter."""

from __future__ import annotations

import hashlib
import re
import unicodedata

CELL_ID = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
_MARKUP = re.compile(r"`|\*\*|__|\[([^\]]*)\]\([^)]*\)")


def slugify(text: str, max_len: int = 40) -> str:
    """``"What is Python? (interpreted)"`` -> ``"what-is-python-interpreted"``, cut on a word edge."""
    text = _MARKUP.sub(lambda m: m.group(1) or " ", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_len:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:max_len]
    return slug or "item"


def short_hash(text: str, n: int = 6) -> str:
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:n]


def allocate_ids(entries: list[tuple[str, str]]) -> list[str]:
    """Ids ``prefix-slug`` for ``(prefix, text)`` entries, unique within the list.

    Different texts that slug alike all get a hash of their own text appended, so no id
    depends on the order the items appear in. The same text twice is an error.
    """
    bases = [f"{prefix}-{slugify(text)}" for prefix, text in entries]
    texts_by_base: dict[str, set[str]] = {}
    for base, (_, text) in zip(bases, entries, strict=True):
        texts_by_base.setdefault(base, set()).add(text)
    ids: list[str] = []
    seen: set[str] = set()
    for base, (_, text) in zip(bases, entries, strict=True):
        new = base if len(texts_by_base[base]) == 1 else f"{base}-{short_hash(text)}"
        if new in seen:
            msg = f"duplicate item {text!r}"
            raise ValueError(msg)
        seen.add(new)
        ids.append(new)
    return ids


def cell_id(*parts: str) -> str:
    """A valid nbformat cell id from parts, shortened with a hash when too long."""
    raw = "-".join(p for p in parts if p)
    raw = re.sub(r"[^a-zA-Z0-9_-]+", "-", raw).strip("-")
    if len(raw) > 64:
        raw = f"{raw[:57]}-{short_hash(raw)}"
    return raw


def section_key(number: str) -> tuple[int, ...]:
    """``"10.2"`` -> ``(10, 2)``: sections in roadmap order (``"2.10"`` after ``"2.9"``), not string order."""
    return tuple(int(part) for part in number.split("."))
