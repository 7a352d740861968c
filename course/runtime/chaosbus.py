"""Failure injection for message delivery: a delivery function that drops, duplicates, reorders or crashes on cue.

:class:`ChaosDelivery` wraps the function that hands one message on (a broker's publish, a consumer's handler)
and follows a *script*: one action per call, in order; once the script is used up every call is ``"ok"``.
Nothing is random at run time and nothing waits, so a test that proves a consumer idempotent, or a relay
lossless, gives the same verdict on every machine. :meth:`ChaosDelivery.seeded` makes a script from a seed
(``random.Random(seed)``), the same script for the same seed on every run (Python promises an unchanged sequence
across versions only for ``random()``, not ``choice``; tests should assert what any such script must give).

The actions:

``"ok"``
    deliver the message once.
``"drop"``
    deliver nothing and return normally: the caller believes the message went out (a lost message).
``"dup"``
    deliver the message twice (a redelivery the caller does not see).
``"crash"``
    deliver nothing and raise :class:`Crash` (the broker is down: the caller sees the failure).
``"crash-after"``
    deliver the message, then raise :class:`Crash` (the delivery happened but its acknowledgement was lost:
    a caller that retries makes a duplicate).
``"hold"``
    keep the message back and deliver it right after the next message that is delivered (a reordering);
    :meth:`ChaosDelivery.flush` delivers whatever is still held.

Every call is recorded in :attr:`ChaosDelivery.log` as ``(action, message)``, and every message that reached
the wrapped function in :attr:`ChaosDelivery.delivered`.

>>> got = []
>>> bus = ChaosDelivery(got.append, ["ok", "dup", "drop", "hold"])
>>> for n in range(5):
...     bus(n)
>>> got
[0, 1, 1, 4, 3]
>>> bus.log
[('ok', 0), ('dup', 1), ('drop', 2), ('hold', 3), ('ok', 4)]
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, Literal, TypeVar, get_args

__all__ = ["ACTIONS", "Action", "ChaosDelivery", "Crash", "deliver_until_done"]

Action = Literal["ok", "drop", "dup", "crash", "crash-after", "hold"]
ACTIONS: tuple[str, ...] = get_args(Action)
"""Every action a script may name, in the order :meth:`ChaosDelivery.seeded` weighs them."""

M = TypeVar("M")


class Crash(ConnectionError):
    """The failure a ``"crash"`` or ``"crash-after"`` action raises (a ``ConnectionError``, as a broker's would be)."""


class ChaosDelivery(Generic[M]):
    """Call it like the function it wraps (one message, no result); it follows ``script`` one action per call."""

    def __init__(self, deliver: Callable[[M], object], script: Iterable[str] = ()) -> None:
        self._deliver = deliver
        self.script: list[str] = list(script)
        for action in self.script:
            if action not in ACTIONS:
                raise ValueError(f"unknown action {action!r}: expected one of {', '.join(ACTIONS)}")
        self.calls = 0
        self.log: list[tuple[str, M]] = []
        self.delivered: list[M] = []
        self.held: list[M] = []

    @classmethod
    def seeded(
        cls,
        deliver: Callable[[M], object],
        seed: int,
        length: int,
        actions: Sequence[str] = ("ok", "drop", "dup", "crash", "crash-after", "hold"),
    ) -> ChaosDelivery[M]:
        """A script of ``length`` actions drawn from ``actions`` by ``random.Random(seed)``: the same every run."""
        rng = random.Random(seed)  # noqa: S311  # a reproducible script, not a secret
        return cls(deliver, [rng.choice(list(actions)) for _ in range(length)])

    def _hand_on(self, message: M) -> None:
        self._deliver(message)
        self.delivered.append(message)

    def __call__(self, message: M) -> None:
        action = self.script[self.calls] if self.calls < len(self.script) else "ok"
        self.calls += 1
        self.log.append((action, message))
        if action == "drop":
            return
        if action == "crash":
            raise Crash(f"broker down (call {self.calls})")
        if action == "hold":
            self.held.append(message)
            return
        self._hand_on(message)
        if action == "dup":
            self._hand_on(message)
        self.flush()
        if action == "crash-after":
            raise Crash(f"acknowledgement lost (call {self.calls})")

    def flush(self) -> None:
        """Deliver every held message, oldest first."""
        while self.held:
            self._hand_on(self.held.pop(0))


def deliver_until_done(send: Callable[[M], object], messages: Iterable[M], attempts: int = 10) -> int:
    """Send each message, retrying it after a :class:`Crash` (at most ``attempts`` times in all); the number of
    crashes seen. What an at-least-once broker does: a message whose acknowledgement was lost comes again."""
    crashes = 0
    for message in messages:
        for _ in range(attempts):
            try:
                send(message)
            except Crash:
                crashes += 1
                continue
            break
        else:
            raise AssertionError(f"{message!r} still failing after {attempts} attempts")
    return crashes
