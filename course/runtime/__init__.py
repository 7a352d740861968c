"""What a running notebook imports: the checklist widget, its exercise checks, and the work meters.

Kept light: nothing here imports the build tooling (nbgrader, jupytext, markdown-it), and importing a
submodule (``course.runtime.meters`` in the proof worker) does not load the widget libraries:
``Checklist`` is imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from course.runtime.checklist import Checklist

__all__ = ["Checklist"]


def __getattr__(name: str) -> Any:
    if name == "Checklist":
        from course.runtime.checklist import Checklist

        return Checklist
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
