"""OpenTelemetry tracing for one ``with`` block: a private ``TracerProvider`` whose finished spans land in memory.

>>> with tracing(service="shop", seed=7) as (tracer, exporter):
...     with tracer.start_as_current_span("checkout"):
...         with tracer.start_as_current_span("charge"):
...             pass
...     [span.name for span in exporter.get_finished_spans()]
['charge', 'checkout']

``tracing()`` builds a new ``TracerProvider`` (resource ``service.name``, an optional sampler) with an
``InMemorySpanExporter`` behind a ``SimpleSpanProcessor`` (each span is exported the moment it ends, in the
calling thread), and yields ``(tracer, exporter)``. It never calls ``trace.set_tracer_provider``: the global
provider can be set only once per process, so code under test gets its tracer passed in. At the end of the
block the provider is shut down and the exporter emptied. Nothing leaves the process: no collector, no network.

``SeededIds(seed)`` is an ``IdGenerator`` whose trace and span ids come from ``random.Random(seed)``, so a demo
prints the same ids on every run (never all zero, which W3C Trace Context reserves as invalid).
``by_name(spans)`` indexes finished spans by name (a name used twice is an error: tests name spans uniquely).
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Iterator, Sequence

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.sdk.trace.id_generator import IdGenerator
from opentelemetry.sdk.trace.sampling import Sampler

__all__ = ["SeededIds", "by_name", "tracing"]


class SeededIds(IdGenerator):
    """Trace ids (128 bits) and span ids (64 bits) from a seeded ``random.Random``: the same on every run."""

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)  # noqa: S311 (ids for demos, not secrets)

    def generate_span_id(self) -> int:
        value = 0
        while value == trace.INVALID_SPAN_ID:
            value = self._random.getrandbits(64)
        return value

    def generate_trace_id(self) -> int:
        value = 0
        while value == trace.INVALID_TRACE_ID:
            value = self._random.getrandbits(128)
        return value


@contextlib.contextmanager
def tracing(
    service: str = "course", *, sampler: Sampler | None = None, seed: int | None = None
) -> Iterator[tuple[trace.Tracer, InMemorySpanExporter]]:
    """A tracer of a new provider (never the global one) and the in-memory exporter its spans end up in.

    ``service`` becomes the resource's ``service.name``; ``sampler`` replaces the SDK's default
    (``ParentBased(ALWAYS_ON)``); ``seed`` makes ids reproducible (``SeededIds``). When the block ends the
    provider is shut down (later spans are not exported) and the exporter is cleared."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider(
        resource=Resource.create({"service.name": service}),
        sampler=sampler,
        id_generator=SeededIds(seed) if seed is not None else None,
    )
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    try:
        yield provider.get_tracer("course.tracing"), exporter
    finally:
        provider.shutdown()
        exporter.clear()


def by_name(spans: Sequence[ReadableSpan]) -> dict[str, ReadableSpan]:
    """The finished spans keyed by name; ``ValueError`` when two spans share a name."""
    found: dict[str, ReadableSpan] = {}
    for span in spans:
        if span.name in found:
            raise ValueError(f"two spans are named {span.name!r}")
        found[span.name] = span
    return found
