"""Redis clients for tests that must see what an answer sends, or act between its read and its write.

Both are ``redis.Redis`` subclasses, made like any client (``Recording.from_url(url, decode_responses=True)``),
and hand to the learner's function in place of the usual client.

- :class:`Recording` keeps every command it sends, as the tuple of its arguments, in ``.sent``, pipelines
  included: a transaction's commands between ``("MULTI",)`` and ``("EXEC",)``, a plain pipeline's commands
  as they are, a read made while ``WATCH``-ing when it is made. A test checks *how* something was done: that
  the lock was taken with ``NX`` and a 10 s expiry, that ``take()`` used one ``LMPOP``, that two writes went
  in one transaction (:meth:`Recording.transactions`).
- :class:`Meddling` plays "another worker": :meth:`Meddling.plan` names reads (``{"GET"}``) and a function;
  right after the first reply to one of those commands, sent on its own or on a pipeline while ``WATCH``-ing
  (before ``MULTI``), the function runs, once. So a read-then-write answer meets a change between its two
  steps on every run, without threads or timing; an answer that reads and writes in one step on the server
  (a Lua script, ``INCR``, ``SET NX``) never gives it the chance, and ``.meddled`` stays False.
- :func:`no_endless_reads` makes a ``PubSub`` refuse a read that has no time limit (``listen()``,
  ``get_message(timeout=None)``) with an ``AssertionError`` at once: redis-py waits for ever in such a read
  (it even ignores ``socket_timeout`` there), so an answer that ignores its deadline fails in no time instead
  of hanging the notebook; ``longest=`` also refuses a timed read longer than the whole call was given.

Only the test's own connection is touched: the function usually acts through a second, plain client.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Self, cast

import redis
from redis.client import Pipeline, PubSub

__all__ = ["Meddling", "MeddlingPipeline", "Recording", "RecordingPipeline", "no_endless_reads"]


class Recording(redis.Redis):
    """A client that records every command it sends, as a tuple of its arguments, in ``.sent``."""

    sent: list[tuple[Any, ...]]

    @classmethod
    def from_url(cls, url: str, **kwargs: Any) -> Self:
        return cast(Self, super().from_url(url, **kwargs))

    def execute_command(self, *args: Any, **options: Any) -> Any:
        self.__dict__.setdefault("sent", []).append(args)
        return super().execute_command(*args, **options)  # type: ignore[no-untyped-call]

    def names(self) -> list[str]:
        """The names of the commands sent so far, upper case (``["SET", "GET", ...]``)."""
        return [str(command[0]).upper() for command in self.__dict__.get("sent", [])]

    def transactions(self) -> list[list[tuple[Any, ...]]]:
        """The commands of each ``MULTI``/``EXEC`` transaction sent so far, in order."""
        found: list[list[tuple[Any, ...]]] = []
        current: list[tuple[Any, ...]] | None = None
        for command in self.__dict__.get("sent", []):
            name = str(command[0]).upper()
            if name == "MULTI":
                current = []
            elif name == "EXEC" and current is not None:
                found.append(current)
                current = None
            elif current is not None:
                current.append(command)
        return found

    def pipeline(self, transaction: bool = True, shard_hint: str | None = None) -> Pipeline:
        return RecordingPipeline(self, self.connection_pool, self.response_callbacks, transaction, shard_hint)


class RecordingPipeline(Pipeline):
    """A :class:`Recording` client's pipeline: what it sends goes to the owner's ``.sent`` too."""

    def __init__(self, owner: Recording, *args: Any) -> None:
        super().__init__(*args)
        self.owner = owner

    def _sent(self) -> list[tuple[Any, ...]]:
        sent: list[tuple[Any, ...]] = self.owner.__dict__.setdefault("sent", [])
        return sent

    def immediate_execute_command(self, *args: Any, **options: Any) -> Any:
        self._sent().append(args)
        return super().immediate_execute_command(*args, **options)  # type: ignore[no-untyped-call]

    def _execute_transaction(self, connection: Any, commands: Any, raise_on_error: bool) -> Any:
        self._sent().extend([("MULTI",), *(args for args, _ in commands), ("EXEC",)])
        return super()._execute_transaction(connection, commands, raise_on_error)

    def _execute_pipeline(self, connection: Any, commands: Any, raise_on_error: bool) -> Any:
        self._sent().extend(args for args, _ in commands)
        return super()._execute_pipeline(connection, commands, raise_on_error)  # type: ignore[no-untyped-call]


class Meddling(redis.Redis):
    """A client after whose first reply to one of ``reads`` another worker's ``meddle()`` runs, once."""

    reads: frozenset[str] = frozenset()
    meddle: Callable[[], object] | None = None
    meddled: bool = False

    @classmethod
    def from_url(cls, url: str, **kwargs: Any) -> Self:
        return cast(Self, super().from_url(url, **kwargs))

    def plan(self, reads: Iterable[str], meddle: Callable[[], object]) -> Meddling:
        """Arm the client (again): ``meddle()`` runs right after the next reply to a command in ``reads``."""
        self.reads = frozenset(name.upper() for name in reads)
        self.meddle, self.meddled = meddle, False
        return self

    def after(self, command: object) -> None:
        """Called with each command's name once its reply came; runs ``meddle()`` the first time it matches.
        A test may call it itself (``after("GET")``) to let the other worker act when the answer never read."""
        if not self.meddled and self.meddle is not None and str(command).upper() in self.reads:
            self.meddled = True
            self.meddle()

    def execute_command(self, *args: Any, **options: Any) -> Any:
        result = super().execute_command(*args, **options)  # type: ignore[no-untyped-call]
        self.after(args[0])
        return result

    def pipeline(self, transaction: bool = True, shard_hint: str | None = None) -> Pipeline:
        return MeddlingPipeline(self, self.connection_pool, self.response_callbacks, transaction, shard_hint)


class MeddlingPipeline(Pipeline):
    """A :class:`Meddling` client's pipeline: a read made while ``WATCH``-ing (before ``MULTI``) counts."""

    def __init__(self, owner: Meddling, *args: Any) -> None:
        super().__init__(*args)
        self.owner = owner

    def immediate_execute_command(self, *args: Any, **options: Any) -> Any:
        result = super().immediate_execute_command(*args, **options)  # type: ignore[no-untyped-call]
        self.owner.after(args[0])
        return result


def no_endless_reads(pubsub: PubSub, longest: float | None = None) -> PubSub:
    """Make ``pubsub`` raise ``AssertionError`` on a read with no time limit instead of waiting for ever, and,
    with ``longest``, on a read allowed to wait longer than ``longest`` seconds (a deadline computed wrongly)."""
    bounded = pubsub.parse_response

    def parse_response(block: bool = True, timeout: float = 0) -> Any:
        if block:
            raise AssertionError(
                "a read with no time limit (listen() or get_message(timeout=None)) waits for ever when no message "
                "comes: pass get_message the time left until your deadline"
            )
        if longest is not None and timeout > longest:
            raise AssertionError(f"a read may wait {timeout} s, longer than the {longest} s the whole call was given")
        return bounded(block=False, timeout=timeout)  # type: ignore[no-untyped-call]

    pubsub.parse_response = parse_response  # type: ignore[method-assign]
    return pubsub
