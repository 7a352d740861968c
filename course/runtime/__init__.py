"""What a running notebook imports: the checklist widget and its exercise checks.

Kept light: nothing here imports the build tooling (nbgrader, jupytext, markdown-it).
"""

from course.runtime.checklist import Checklist

__all__ = ["Checklist"]
