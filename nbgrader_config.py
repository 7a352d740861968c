"""nbgrader configuration: the repository root is the course directory.

Commands work from any working directory through `course release` / `course grade`, which
pass this root to nbgrader; plain `nbgrader ...` commands must be run from this folder.
"""

from pathlib import Path

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

here = Path(__file__).resolve().parent
c.CourseDirectory.root = str(here)
c.CourseDirectory.course_id = "python-roadmap"
c.CourseDirectory.db_url = f"sqlite:///{here / 'gradebook.db'}"

# A student who deletes a graded test cell is graded against the original, not given zero.
c.OverwriteCells.add_missing_cells = True
# Autograding runs notebooks with course.grading.execute.GradingExecute instead of nbgrader's
# Execute: the same, plus a time limit for the whole notebook and an output limit per cell.
c.Autograde.autograde_preprocessors = [
    "course.grading.execute.GradingExecute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# An answer that loops forever is stopped and scores zero for that cell...
c.Execute.timeout = 60
# ...and a notebook whose cells keep timing out (every test calls the looping function) stops
# after this many seconds in all; its remaining cells are not run and score zero.
c.GradingExecute.notebook_timeout = 180
# A cell's output beyond this many characters is cut before it is stored (a print of 50 MB
# would otherwise reach the autograded notebook and the feedback page whole).
c.GradingExecute.max_output_bytes = 100_000
# Stop each graded notebook's kernel at once when it is done (a graceful shutdown can idle 4 s).
c.Execute.shutdown_kernel = "immediate"

# Feedback shows no hidden tests (not even in tracebacks) and no rubrics (course.grading.feedback).
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "course.grading.feedback.HideTeacherText",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# Where `course release --exchange` and students' "Fetch" meet on JupyterHub (nbgrader's default).
import os  # noqa: E402

c.Exchange.root = os.environ.get("COURSE_EXCHANGE", "/srv/nbgrader/exchange")
