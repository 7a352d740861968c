"""Feedback that never shows hidden tests or rubrics: a preprocessor for ``generate_feedback``.

nbgrader's feedback HTML is made from the autograded notebook, whose test cells hold the
hidden tests again (restored from the gradebook) and whose tracebacks quote the failing line.
This preprocessor runs before the HTML is made: it removes hidden-test regions from test
cells, replaces the traceback of a failed test cell that had hidden tests by one line, and
drops the teacher's rubric (mark scheme) from task cells.
``nbgrader_config.py`` puts it into ``GenerateFeedback.preprocessors``.
"""

from __future__ import annotations

from typing import Any

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from course.content import markers

HIDDEN_NOTE = "# (hidden tests are not shown)"


def hide_hidden_tests(cell: Any) -> bool:
    """Strip a test cell's hidden tests and scrub its error output. True if it had any."""
    source = cell.get("source", "")
    if not markers.has(source, "hidden"):
        return False
    kept: list[str] = []
    inside = False
    for line in source.split("\n"):
        if "BEGIN HIDDEN TESTS" in line:
            inside = True
            kept.append(line[: len(line) - len(line.lstrip())] + HIDDEN_NOTE)
        elif "END HIDDEN TESTS" in line:
            inside = False
        elif not inside:
            kept.append(line)
    public = "\n".join(kept)
    cell["source"] = public
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            evalue = str(out.get("evalue", ""))
            if evalue and evalue in public:  # the message of a public assertion: keep it
                out["traceback"] = [f"{out.get('ename', 'Error')}: {evalue}"]
            else:
                out["traceback"] = [
                    f"{out.get('ename', 'Error')}: a test in this cell failed "
                    "(it may be one of the hidden tests, which are not shown)"
                ]
                out["evalue"] = ""
    return True


def hide_mark_scheme(cell: Any) -> bool:
    """Drop a task cell's rubric (restored from the gradebook into autograded notebooks)."""
    source = cell.get("source", "")
    if not markers.has(source, "mark scheme"):
        return False
    cell["source"] = markers.drop_inside(source, "mark scheme")
    return True


class HideTeacherText(Preprocessor):
    """Hidden tests and rubrics out of feedback. Use in ``c.GenerateFeedback.preprocessors``."""

    enabled = Bool(True, help="nbconvert preprocessors are off unless enabled").tag(config=True)

    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.get("cell_type") == "code" and meta.get("grade"):
            hide_hidden_tests(cell)
        if meta.get("task"):
            hide_mark_scheme(cell)
        return cell, resources
