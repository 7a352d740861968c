"""Strings that charge a :class:`Meter` for every character they hand out, scan or copy."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, ClassVar, SupportsIndex

from course.runtime.meters.meter import Meter

CHAR_OPS = ("__hash__", "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__")
SCANS = (
    "count", "find", "rfind", "index", "rindex", "__contains__", "startswith", "endswith",
    "replace", "lower", "upper", "casefold",
)  # fmt: skip


class MeteredChar(str):
    """One character read from a :class:`MeteredStr`: comparing or hashing it ticks the meter once."""

    meter: ClassVar[Meter]


class MeteredStr(str):
    """A str whose reads tick its ``meter``: one per character handed out (iteration, indexing,
    slicing), ``len(self)`` per scan (``find``, ``in``, ``replace``...), and ``+`` charges both
    parts' lengths, the characters it copies. Slices and scan results that are strings stay metered;
    ``+`` gives a plain str. Make the class with :func:`metered_str_type`."""

    meter: ClassVar[Meter]
    char: ClassVar[type[MeteredChar]]

    def __iter__(self) -> Iterator[str]:
        cls = type(self)
        for ch in str.__iter__(self):
            cls.meter.tick()
            yield cls.char(ch)

    def __getitem__(self, index: SupportsIndex | slice) -> str:
        cls = type(self)
        part = str.__getitem__(self, index)
        cls.meter.tick(max(1, len(part)))
        return cls(part) if isinstance(index, slice) else cls.char(part)

    def __add__(self, other: object) -> str:
        if not isinstance(other, str):
            return NotImplemented
        type(self).meter.tick(len(self) + len(other))
        return str.__add__(self, other)

    def __radd__(self, other: object) -> str:  # plain_text + metered_text lands here too
        if not isinstance(other, str):
            return NotImplemented
        type(self).meter.tick(len(other) + len(self))
        return str.__add__(other, self)


def _char_op(name: str) -> Callable[..., Any]:
    plain = getattr(str, name)

    def method(self: MeteredChar, *args: Any) -> Any:
        type(self).meter.tick()
        return plain(self, *args)

    method.__name__ = method.__qualname__ = name
    return method


def _scan(name: str) -> Callable[..., Any]:
    plain = getattr(str, name)

    def method(self: MeteredStr, *args: Any) -> Any:
        cls = type(self)
        cls.meter.tick(max(1, len(self)))
        result = plain(self, *args)
        return cls(result) if type(result) is str else result

    method.__name__ = method.__qualname__ = name
    return method


for _name in CHAR_OPS:
    setattr(MeteredChar, _name, _char_op(_name))
for _name in SCANS:
    setattr(MeteredStr, _name, _scan(_name))


def metered_str_type(meter: Meter) -> type[MeteredStr]:
    """A str subclass that ticks ``meter`` for every character it hands out, scans or copies."""
    if "str" not in meter.types:
        char = type("MeteredChar", (MeteredChar,), {"meter": meter})
        meter.types["str"] = type("MeteredStr", (MeteredStr,), {"meter": meter, "char": char})
    cls: type[MeteredStr] = meter.types["str"]
    return cls
