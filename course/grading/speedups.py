"""What ``course grade`` does faster than plain nbgrader, with the same results.

Measured on the course's notebooks (cProfile, one student, three notebooks): nbgrader's metadata
check validated each cell against a JSON schema it first re-checked every time (40 % of the
grader's own processor time), ``SaveAutoGrades`` ran a seven-table join and a commit for every
graded cell, and the feedback HTML was parsed once more with BeautifulSoup only to add
accessibility attributes to elements nbgrader's feedback template does not have.

* :func:`cache_schema_validation`: one validator per schema, checked once (same errors raised);
* :class:`SaveAutoGradesOnce`: the same score and comment rules as ``SaveAutoGrades``, with the
  notebook's grades and comments read in one query each and written in one commit;
* :class:`FeedbackHTML`: nbconvert's ``HTMLExporter`` without the BeautifulSoup pass; images
  without alternative text get nbconvert's placeholder text by a regular expression instead.

They are switched on in ``course grade``'s worker processes only; ``nbgrader_config.py`` and
nbgrader's own commands are left as they are.
"""

from __future__ import annotations

import re
from typing import Any

from nbconvert.exporters import HTMLExporter, TemplateExporter
from nbgrader.preprocessors import SaveAutoGrades

_IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\balt=)", re.IGNORECASE)
NO_ALT = 'alt="No description has been provided for this image"'


def cache_schema_validation() -> None:
    """Make nbgrader's cell-metadata check build its JSON-schema validator once per schema."""
    import jsonschema
    from jsonschema.exceptions import best_match
    from nbgrader.nbgraderformat import common

    if getattr(common.jsonschema, "course_cached", False):
        return
    validators: dict[int, tuple[Any, Any]] = {}

    class CachedJsonschema:
        course_cached = True

        def __getattr__(self, name: str) -> Any:
            return getattr(jsonschema, name)

        @staticmethod
        def validate(instance: Any, schema: Any) -> None:
            held = validators.get(id(schema))
            if held is None or held[0] is not schema:
                cls = jsonschema.validators.validator_for(schema)
                cls.check_schema(schema)
                held = validators[id(schema)] = (schema, cls(schema))
            error = best_match(held[1].iter_errors(instance))
            if error is not None:
                raise error

    common.jsonschema = CachedJsonschema()


class SaveAutoGradesOnce(SaveAutoGrades):  # type: ignore[misc]  # nbgrader ships no type hints
    """``SaveAutoGrades`` with one read and one commit per notebook instead of one per cell."""

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        from nbgrader.api import Comment, Grade, Gradebook, GradeCell, SolutionCell, TaskCell

        self.notebook_id = resources["nbgrader"]["notebook"]
        self.assignment_id = resources["nbgrader"]["assignment"]
        self.student_id = resources["nbgrader"]["student"]
        self.db_url = resources["nbgrader"]["db_url"]
        self.gradebook = Gradebook(self.db_url)
        with self.gradebook:
            db = self.gradebook.db
            submitted = self.gradebook.find_submission_notebook(self.notebook_id, self.assignment_id, self.student_id)
            grades = db.query(GradeCell.name, Grade).join(Grade, Grade.cell_id == GradeCell.id)
            self._grades = dict(grades.filter(Grade.notebook_id == submitted.id))
            self._comments = {}
            for cell_class in (SolutionCell, TaskCell):
                rows = db.query(cell_class.name, Comment).join(Comment, Comment.cell_id == cell_class.id)
                self._comments.update(dict(rows.filter(Comment.notebook_id == submitted.id)))
            nb, resources = super(SaveAutoGrades, self).preprocess(nb, resources)
            db.commit()
        return nb, resources

    def _add_score(self, cell: Any, resources: Any) -> None:
        from nbgrader import utils

        grade = self._grades.get(cell.metadata["nbgrader"]["grade_id"])
        if grade is None:  # not in the gradebook: let nbgrader say so, as it would
            super()._add_score(cell, resources)
            return
        auto_score, _ = utils.determine_grade(cell, self.log)
        grade.auto_score = auto_score
        grade.needs_manual_grade = grade.manual_score is not None or grade.auto_score is None

    def _add_comment(self, cell: Any, resources: Any) -> None:
        from nbgrader import utils

        comment = self._comments.get(cell.metadata["nbgrader"]["grade_id"])
        if comment is None:
            super()._add_comment(cell, resources)
            return
        unchanged = cell.metadata.nbgrader.get("checksum", None) == utils.compute_checksum(cell)
        comment.auto_comment = "No response." if unchanged and not utils.is_task(cell) else None


class FeedbackHTML(HTMLExporter):
    """nbconvert's HTML export for feedback pages, without its final BeautifulSoup pass."""

    def from_notebook_node(self, nb: Any, resources: Any = None, **kw: Any) -> tuple[str, Any]:  # type: ignore[override]
        from nbconvert.filters.highlight import Highlight2HTML
        from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        highlight_code = self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
        resources = self._init_resources(resources)  # type: ignore[no-untyped-call]
        filter_data_type = WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self, resources=resources)
        self.register_filter("highlight_code", highlight_code)  # type: ignore[no-untyped-call]
        self.register_filter("filter_data_type", filter_data_type)  # type: ignore[no-untyped-call]
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return _IMG_WITHOUT_ALT.sub(f"<img {NO_ALT}", html), resources


def grading_overrides(config: Any) -> dict[str, Any]:
    """``nbgrader_api`` overrides that put the faster classes in place of nbgrader's."""
    from nbgrader.converters import Autograde

    configured = config.Autograde.get("autograde_preprocessors")
    names = list(configured) if configured else list(Autograde.class_traits()["autograde_preprocessors"].default())
    ours = f"{SaveAutoGradesOnce.__module__}.{SaveAutoGradesOnce.__name__}"
    swapped = [ours if getattr(n, "__name__", str(n)).rsplit(".", 1)[-1] == "SaveAutoGrades" else n for n in names]
    overrides: dict[str, Any] = {"Autograde__autograde_preprocessors": swapped}
    if "exporter_class" not in config.GenerateFeedback:
        overrides["GenerateFeedback__exporter_class"] = FeedbackHTML
    return overrides
