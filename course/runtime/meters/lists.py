"""A list that charges a :class:`Meter` about the number of slots each operation reads, writes or shifts."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, ClassVar, SupportsIndex

from course.runtime.meters.meter import Meter


class CountingList(list[Any]):
    """A list whose operations charge ``budget`` what they cost in a real array.

    Reading or writing one item costs 1, a slice its length, ``insert``/``pop``/``del`` at a
    position the items after it (they all shift), a scan (``in``, ``index``, ``count``,
    ``remove``, iteration, ``copy``, ``reverse``) the whole length, ``sort`` n·log2(n).
    ``CountingList(items, budget=meter)`` charges ``meter``; ``metered_list_type(meter)(items)``
    makes the same kind of list with the meter built in. Slices are plain lists.
    """

    default_meter: ClassVar[Meter | None] = None

    def __init__(self, iterable: Iterable[Any] = (), budget: Meter | None = None) -> None:
        super().__init__(iterable)
        self.meter = budget if budget is not None else type(self).default_meter or Meter()

    def _position(self, index: SupportsIndex) -> int:
        i = index.__index__()
        return min(max(i + len(self) if i < 0 else i, 0), len(self))

    def __getitem__(self, index: Any) -> Any:
        self.meter.tick(len(range(*index.indices(len(self)))) if isinstance(index, slice) else 1)
        return super().__getitem__(index)

    def __setitem__(self, index: Any, value: Any) -> None:
        if isinstance(index, slice):
            value = list(value)
            self.meter.tick(len(self) + len(value))
        else:
            self.meter.tick(1)
        super().__setitem__(index, value)

    def __delitem__(self, index: Any) -> None:
        shifted = len(self) if isinstance(index, slice) else len(self) - self._position(index)
        self.meter.tick(max(shifted, 1))
        super().__delitem__(index)

    def __iter__(self) -> Iterator[Any]:
        self.meter.tick(len(self))
        return super().__iter__()

    def __contains__(self, value: object) -> bool:
        self.meter.tick(len(self))
        return super().__contains__(value)

    def append(self, value: Any) -> None:
        self.meter.tick(1)
        super().append(value)

    def extend(self, values: Iterable[Any]) -> None:
        values = list(values)
        self.meter.tick(max(len(values), 1))
        super().extend(values)

    def insert(self, index: SupportsIndex, value: Any) -> None:
        self.meter.tick(len(self) - self._position(index) + 1)
        super().insert(index, value)

    def pop(self, index: SupportsIndex = -1) -> Any:
        self.meter.tick(max(len(self) - self._position(index), 1))
        return super().pop(index)

    def remove(self, value: Any) -> None:
        self.meter.tick(len(self))
        super().remove(value)

    def index(self, value: Any, *bounds: SupportsIndex) -> int:
        self.meter.tick(len(self))
        return super().index(value, *bounds)

    def count(self, value: Any) -> int:
        self.meter.tick(len(self))
        return super().count(value)

    def reverse(self) -> None:
        self.meter.tick(len(self))
        super().reverse()

    def sort(self, *, key: Callable[[Any], Any] | None = None, reverse: bool = False) -> None:
        self.meter.tick(len(self) * max(len(self).bit_length(), 1))
        super().sort(key=key, reverse=reverse)

    def copy(self) -> list[Any]:
        self.meter.tick(len(self))
        return super().copy()


def metered_list_type(meter: Meter) -> type[CountingList]:
    """A list subclass that ticks ``meter`` for each item read, written or shifted (see :class:`CountingList`)."""
    if "list" not in meter.types:
        meter.types["list"] = type("MeteredList", (CountingList,), {"default_meter": meter})
    cls: type[CountingList] = meter.types["list"]
    return cls
