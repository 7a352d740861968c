"""course.runtime.logs: loggers handed back clean, and listener threads found without counting other threads."""

from __future__ import annotations

import io
import logging
import logging.handlers
import queue
import threading
from pathlib import Path

import pytest

from course.runtime.logs import fresh_logger, queue_listener_threads, release_logger


def test_fresh_logger_resets_the_logger_and_its_descendants() -> None:
    parent = logging.getLogger("rt_logs.a")
    child = logging.getLogger("rt_logs.a.b")
    cousin = logging.getLogger("rt_logs.ab")  # shares the prefix, not a descendant
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    for logger in (parent, child, cousin):
        logger.addHandler(handler)
        logger.addFilter(lambda record: False)
        logger.setLevel(logging.ERROR)
        logger.propagate = False
        logger.disabled = True
    try:
        got = fresh_logger("rt_logs.a")
        assert got is parent
        for logger in (parent, child):
            assert (logger.handlers, logger.filters, logger.level, logger.propagate, logger.disabled) == (
                [],
                [],
                logging.NOTSET,
                True,
                False,
            )
        assert cousin.handlers == [handler] and cousin.level == logging.ERROR and cousin.disabled is True
    finally:
        fresh_logger("rt_logs.ab")
    assert cousin.handlers == [] and cousin.disabled is False


def test_release_closes_the_handlers_it_removes(tmp_path: Path) -> None:
    logger = fresh_logger("rt_logs.file")
    handler = logging.FileHandler(tmp_path / "x.log", encoding="utf-8")
    logger.addHandler(handler)
    logger.warning("kept")
    release_logger("rt_logs.file")
    assert logger.handlers == [] and handler.stream is None


def test_release_leaves_placeholders_alone() -> None:
    logging.getLogger("rt_logs.ph.deep.leaf")  # makes placeholders for rt_logs.ph.deep
    release_logger("rt_logs.ph")
    assert isinstance(logging.root.manager.loggerDict["rt_logs.ph.deep"], logging.PlaceHolder)


def test_the_root_logger_is_refused() -> None:
    with pytest.raises(ValueError, match="root logger"):
        fresh_logger("")


def test_queue_listener_threads_sees_only_listener_threads() -> None:
    release = threading.Event()
    bystander = threading.Thread(target=release.wait, name="bystander")
    bystander.start()
    listener = logging.handlers.QueueListener(queue.Queue(), logging.NullHandler())
    try:
        assert queue_listener_threads() == []
        listener.start()
        (found,) = queue_listener_threads()
        assert found is listener._thread
        listener.stop()  # joins the thread
        assert queue_listener_threads() == []
    finally:
        release.set()
        bystander.join()
