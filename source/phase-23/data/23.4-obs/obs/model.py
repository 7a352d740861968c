"""The shapes the modules share (the course gives this file)."""

from typing import NamedTuple


class Span(NamedTuple):
    """One finished span: ids are lowercase hex, times are milliseconds, `parent_id` is None for a root."""

    trace_id: str
    span_id: str
    parent_id: str | None
    name: str
    start: float
    end: float
    error: bool = False
