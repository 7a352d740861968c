"""Plain pytest checks of the milestones (run `python -m pytest -q` in 23.4-obs/)."""

from obs.logs import LogStore
from obs.model import Span
from obs.traces import critical_path


def test_query_by_label_and_text() -> None:
    store = LogStore()
    store.ingest('{"ts": 1, "labels": {"app": "api"}, "line": "GET / 200"}\nnot json\n')
    store.ingest('{"ts": 2, "labels": {"app": "api"}, "line": "timeout talking to db"}\n')
    assert store.bad == 1
    assert [e["line"] for e in store.query('{app="api"} |= "timeout"')] == ["timeout talking to db"]


def test_critical_path_follows_the_last_child() -> None:
    spans = [
        Span("t", "a", None, "checkout", 0.0, 10.0),
        Span("t", "b", "a", "cart", 0.0, 3.0),
        Span("t", "c", "a", "charge", 3.0, 9.0),
    ]
    assert critical_path(spans) == ["checkout", "charge"]
