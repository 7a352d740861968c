"""Helpers for notebook cells that use :mod:`logging`, whose logger registry is shared by the whole kernel.

A handler added to a logger in one cell is still there in the next cell, and in the next exercise's
tests. Demos and tests therefore take a logger by a name of their own with :func:`fresh_logger` and
hand it back with :func:`release_logger`. :func:`queue_listener_threads` finds the threads that
:class:`logging.handlers.QueueListener` objects are running, so a test can check that an answer
stopped its listener without counting unrelated threads (a kernel starts threads of its own).

Standard library only, and cheap to import: it runs in learners' kernels, the proof worker and
nbgrader's autograder.
"""

from __future__ import annotations

import logging
import logging.handlers
import threading

__all__ = ["fresh_logger", "queue_listener_threads", "release_logger"]


def _family(name: str) -> list[logging.Logger]:
    """Logger ``name`` and every logger below it that exists (placeholders are left as they are)."""
    if not name:
        raise ValueError("fresh_logger/release_logger need a logger name; the root logger is shared by everything")
    prefix = name + "."
    below = [
        logger
        for dotted, logger in list(logging.root.manager.loggerDict.items())
        if dotted.startswith(prefix) and isinstance(logger, logging.Logger)
    ]
    return [logging.getLogger(name), *below]


def fresh_logger(name: str) -> logging.Logger:
    """Return logger ``name`` as if new: it and its descendants lose their handlers (closed) and filters,
    get level ``NOTSET``, ``propagate = True`` and ``disabled = False``."""
    family = _family(name)
    for logger in family:
        for handler in logger.handlers[:]:
            logger.removeHandler(handler)
            handler.close()
        logger.filters.clear()
        logger.setLevel(logging.NOTSET)
        logger.propagate = True
        logger.disabled = False
    return family[0]


def release_logger(name: str) -> None:
    """Clean up logger ``name`` and its descendants when a cell is done with them (as :func:`fresh_logger`)."""
    fresh_logger(name)


def queue_listener_threads() -> list[threading.Thread]:
    """The live threads that run a :class:`~logging.handlers.QueueListener`'s loop.

    ``QueueListener.start()`` makes ``threading.Thread(target=listener._monitor)`` (CPython 3.11 to 3.13);
    ``stop()`` joins it, after which it is no longer listed. Other threads, whoever started them, are ignored.
    """
    found = []
    for thread in threading.enumerate():
        target = getattr(thread, "_target", None)  # run() deletes it when the loop has returned
        owner = getattr(target, "__self__", None)
        if isinstance(owner, logging.handlers.QueueListener) and getattr(target, "__name__", "") == "_monitor":
            found.append(thread)
    return found
