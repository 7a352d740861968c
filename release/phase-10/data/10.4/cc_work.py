"""Work for the 10.4 notebook's worker processes.

A process started with the "spawn" method imports the function it runs by module and name, so these
functions live in a real file, not in the notebook. Each is pure: same input, same output.
"""

from __future__ import annotations

import hashlib
import os


def count_primes(limit: int) -> int:
    """How many primes are below ``limit``, by trial division: slow on purpose, pure Python, CPU-bound."""
    found = 0
    for n in range(2, limit):
        d = 2
        while d * d <= n:
            if n % d == 0:
                break
            d += 1
        else:
            found += 1
    return found


def count_primes_where(limit: int) -> tuple[int, int]:
    """``count_primes(limit)`` and the id of the process that computed it."""
    return count_primes(limit), os.getpid()


def summarize(body: str) -> dict[str, object]:
    """The CPU part of the crawler: word count and a short SHA-256 digest of a page."""
    return {"words": len(body.split()), "sha": hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]}
