"""Integers that charge a :class:`Meter` for every comparison, hash and arithmetic operation."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from course.runtime.meters.meter import Meter

COMPARISONS = ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__")
ARITHMETIC = (
    "__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__mod__", "__rmod__",
    "__pow__", "__rpow__", "__neg__", "__abs__", "__and__", "__rand__", "__or__", "__ror__",
    "__xor__", "__rxor__", "__lshift__", "__rlshift__", "__rshift__", "__rrshift__",
)  # fmt: skip
DIVISIONS = ("__truediv__", "__rtruediv__", "__floordiv__", "__rfloordiv__", "__divmod__", "__rdivmod__")


class MeteredInt(int):
    """An int that ticks its class's ``meter`` once per comparison, hash or arithmetic operation.

    Make one with :func:`metered_int_type`. When ``sticky`` is true an int result is again of the
    same type, so the count follows the numbers through the code; otherwise results are plain ints.
    """

    meter: ClassVar[Meter]
    sticky: ClassVar[bool] = False

    def __hash__(self) -> int:
        type(self).meter.tick()
        return int.__hash__(self)


def _charging(name: str) -> Callable[..., Any]:
    plain = getattr(int, name)
    division = name in DIVISIONS

    def method(self: MeteredInt, *args: Any) -> Any:
        cls = type(self)
        cls.meter.tick(1, division)
        result = plain(self, *args)
        return cls(result) if cls.sticky and type(result) is int else result

    method.__name__ = method.__qualname__ = name
    return method


for _name in COMPARISONS + ARITHMETIC + DIVISIONS:
    setattr(MeteredInt, _name, _charging(_name))


def metered_int_type(meter: Meter, *, sticky: bool = False) -> type[MeteredInt]:
    """An int subclass whose comparisons, hashing and arithmetic each tick ``meter`` (one class per meter)."""
    kind = "sticky int" if sticky else "int"
    if kind not in meter.types:
        meter.types[kind] = type("MeteredInt", (MeteredInt,), {"meter": meter, "sticky": sticky})
    cls: type[MeteredInt] = meter.types[kind]
    return cls


def counted(values: Iterable[int], budget: Meter) -> list[MeteredInt]:
    """``values`` as a list of metered ints that all charge ``budget``."""
    cls = metered_int_type(budget)
    return [cls(v) for v in values]


class Counted(MeteredInt):
    """An int that counts, on one notebook-wide meter, the comparisons, arithmetic and hashing done on it.

    ``Counted.start(limit)`` resets the count and ``Counted.stop()`` returns it. Going past
    ``limit`` raises at once, so an answer that does too much work fails in a moment instead of
    running for minutes. Arithmetic on a Counted gives a Counted, so the count follows the numbers.
    """

    meter: ClassVar[Meter] = Meter(
        unit="operations on the input numbers",
        hint="the work grows faster than this exercise allows (a loop inside a loop? `in`, .index() "
        "or .count() on a list inside a loop? sorting?)",
    )
    sticky: ClassVar[bool] = True

    @classmethod
    def start(cls, limit: int | None = None) -> None:
        cls.meter.start(limit)

    @classmethod
    def stop(cls) -> int:
        return cls.meter.stop()

    @classmethod
    def tick(cls) -> None:
        cls.meter.tick()
