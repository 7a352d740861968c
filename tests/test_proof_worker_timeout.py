"""A scenario's timeout never leaves a process-wide lock taken: a server thread the scenario started (the
course's Kubernetes emulator) would wait on it for ever, and every later scenario of the worker would time out."""

from __future__ import annotations

import logging
import threading

from course import proof_worker

HOLDS_THE_LOGGING_LOCK_PAST_THE_TIMEOUT = (
    "import logging, time\n"
    "logging._lock.acquire()\n"
    "end = time.monotonic() + 0.5\n"
    "while time.monotonic() < end:\n"
    "    pass\n"
    "logging._lock.release()\n"
    "while True:\n"
    "    pass\n"
)


def _other_thread_gets_the_logging_lock() -> bool:
    got: list[bool] = []

    def take() -> None:
        got.append(logging._lock.acquire(timeout=5))  # type: ignore[attr-defined]
        if got[0]:
            logging._lock.release()  # type: ignore[attr-defined]

    thread = threading.Thread(target=take)
    thread.start()
    thread.join()
    return got == [True]


def test_the_timeout_waits_until_the_logging_lock_is_released() -> None:
    result = proof_worker.run_scenario([], HOLDS_THE_LOGGING_LOCK_PAST_THE_TIMEOUT, [], 0.1)
    leaked = logging._lock._is_owned()  # type: ignore[attr-defined]
    if leaked:  # put it back for the rest of the session before failing
        logging._lock.release()  # type: ignore[attr-defined]
    assert result.get("timeout"), "the endless loop after the lock is still stopped by the timeout"
    assert not leaked, "the timeout fired while the lock was held and left it taken"
    assert _other_thread_gets_the_logging_lock()


def test_a_plain_endless_loop_is_still_stopped() -> None:
    result = proof_worker.run_scenario([], "while True:\n    pass\n", [], 0.1)
    assert result.get("timeout") and result["seconds"] < 5
