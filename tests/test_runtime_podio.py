"""course.runtime.podio: the logs and exec stand-ins answer like the real API, errors included."""

from __future__ import annotations

import pytest

from course.runtime.podio import PodExec, PodLogs

ApiException = pytest.importorskip("kubernetes.client.rest").ApiException


def _logs() -> PodLogs:
    return PodLogs(
        {("default", "web", "app"): "a\nb\nc\n", ("default", "two", "app"): "x\n", ("default", "two", "side"): "y\n"},
        previous={("default", "web", "app"): "boom\n"},
    )


def test_logs_are_text_and_tail_lines_keeps_the_last_ones() -> None:
    logs = _logs()
    assert logs.read_namespaced_pod_log("web", "default") == "a\nb\nc\n"
    assert logs.read_namespaced_pod_log("web", "default", tail_lines=2) == "b\nc\n"
    assert logs.read_namespaced_pod_log("web", "default", tail_lines=0) == ""
    assert logs.read_namespaced_pod_log("web", "default", previous=True) == "boom\n"
    assert logs.calls[1] == {
        "name": "web",
        "namespace": "default",
        "container": None,
        "tail_lines": 2,
        "previous": False,
    }


def test_logs_refuse_like_the_api() -> None:
    logs = _logs()
    with pytest.raises(ApiException) as missing:
        logs.read_namespaced_pod_log("web", "other")
    assert missing.value.status == 404
    with pytest.raises(ApiException) as which:
        logs.read_namespaced_pod_log("two", "default")
    assert which.value.status == 400 and "choose one of" in which.value.body
    assert logs.read_namespaced_pod_log("two", "default", container="side") == "y\n"
    with pytest.raises(ApiException) as never:
        logs.read_namespaced_pod_log("two", "default", container="app", previous=True)
    assert never.value.status == 400
    with pytest.raises(ApiException):
        logs.read_namespaced_pod_log("two", "default", container="nope")


def test_exec_answers_the_exact_argv_and_records_it() -> None:
    run = PodExec({("default", "web", ("df", "-P", "/data")): "out\n"})
    assert run("web", "default", command=["df", "-P", "/data"], stdout=True) == "out\n"
    assert run.calls == [("default", "web", ("df", "-P", "/data"), None)]
    with pytest.raises(TypeError):
        run("web", "default", command="df -P /data")
    with pytest.raises(LookupError):
        run("web", "default", command=["df"])
    with pytest.raises(ApiException) as missing:
        run("db", "default", command=["df"])
    assert missing.value.status == 404
