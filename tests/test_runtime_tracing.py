"""course.runtime.tracing: a private TracerProvider with an in-memory exporter, for one block."""

from __future__ import annotations

import doctest

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF

import course.runtime.tracing
from course.runtime.tracing import SeededIds, by_name, tracing


def test_the_module_doctest_runs() -> None:
    assert doctest.testmod(course.runtime.tracing).failed == 0


def test_spans_are_exported_when_they_end_with_parent_links_and_the_service_name() -> None:
    with tracing(service="shop") as (tracer, exporter):
        with tracer.start_as_current_span("outer") as outer:
            with tracer.start_as_current_span("inner"):
                pass
            assert [s.name for s in exporter.get_finished_spans()] == ["inner"]  # exported as soon as it ends
        spans = by_name(exporter.get_finished_spans())
        inner, done_outer = spans["inner"], spans["outer"]
        assert inner.parent is not None and inner.parent.span_id == outer.get_span_context().span_id
        assert inner.context is not None and done_outer.context is not None
        assert inner.context.trace_id == done_outer.context.trace_id and done_outer.parent is None
        assert done_outer.resource.attributes["service.name"] == "shop"


def test_the_global_provider_is_never_set() -> None:
    before = trace.get_tracer_provider()
    with tracing() as (tracer, _):
        tracer.start_span("x").end()
    assert trace.get_tracer_provider() is before and not isinstance(before, TracerProvider)


def test_two_blocks_are_independent_and_the_exporter_is_cleared_at_the_end() -> None:
    with tracing() as (first, first_spans), tracing() as (second, second_spans):
        first.start_span("a").end()
        second.start_span("b").end()
        assert [s.name for s in first_spans.get_finished_spans()] == ["a"]
        assert [s.name for s in second_spans.get_finished_spans()] == ["b"]
        kept = first_spans
    assert kept.get_finished_spans() == ()


def test_after_the_block_the_provider_is_shut_down() -> None:
    with tracing() as (tracer, exporter):
        pass
    tracer.start_span("late").end()
    assert exporter.get_finished_spans() == ()


def test_a_sampler_is_used() -> None:
    with tracing(sampler=ALWAYS_OFF) as (tracer, exporter):
        with tracer.start_as_current_span("dropped") as span:
            assert not span.is_recording() and not span.get_span_context().trace_flags.sampled
        assert exporter.get_finished_spans() == ()


def test_a_seed_gives_the_same_ids_every_time_and_none_is_zero() -> None:
    def ids(seed: int) -> list[tuple[int, int]]:
        with tracing(seed=seed) as (tracer, exporter):
            with tracer.start_as_current_span("p"), tracer.start_as_current_span("c"):
                pass
            return [(s.context.trace_id, s.context.span_id) for s in exporter.get_finished_spans() if s.context]

    assert ids(3) == ids(3) and ids(3) != ids(4)
    generator = SeededIds(0)
    values = [generator.generate_span_id() for _ in range(1000)] + [generator.generate_trace_id() for _ in range(100)]
    assert 0 not in values and len(set(values)) == len(values)


def test_seeded_ids_skip_zero() -> None:
    generator = SeededIds(1)
    planned = iter([0, 0, 5, 0, 9])
    generator._random.getrandbits = lambda bits: next(planned)  # type: ignore[method-assign]
    assert generator.generate_span_id() == 5 and generator.generate_trace_id() == 9


def test_by_name_refuses_a_name_used_twice() -> None:
    with tracing() as (tracer, exporter):
        tracer.start_span("same").end()
        assert list(by_name(exporter.get_finished_spans())) == ["same"]
        tracer.start_span("same").end()
        with pytest.raises(ValueError, match="same"):
            by_name(exporter.get_finished_spans())
