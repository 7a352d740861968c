"""Change environment variables for one block: :func:`preserved_environ` puts the named variables back as they
were (set to the old value, or removed if they were unset) when the block ends, however it ends.

Standard library only: learners' kernels, the proof worker and nbgrader's autograder import it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

__all__ = ["preserved_environ"]


@contextlib.contextmanager
def preserved_environ(*names: str) -> Iterator[dict[str, str | None]]:
    """For the ``with`` block, the block may set or remove any of ``names`` in ``os.environ``; at the end each is
    restored. Yields what they were (``None`` for unset) before the block."""
    saved = {name: os.environ.get(name) for name in names}
    try:
        yield dict(saved)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
