"""Run the site's notebooks with papermill, several at a time, each in a fresh kernel.

papermill (not bare nbclient, as ``course.verify`` uses) because a site build wants what it adds:
the ``SITE_BUILD`` parameter injected into each notebook, each cell's duration and status in its
metadata, and, when a cell fails, the notebook saved with the outputs so far and the failing cell
named. A failure is recorded and reported; it never stops the other notebooks.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from course.kernels import LocalSocketKernelManager
from course.verify.execute import RAISES, SHUTDOWN_WAIT_SECONDS

ERROR_MARKER = "papermill-error-cell-tag"
"""papermill's tag on the two markdown cells it adds to a failed notebook (we drop them: the page says it)."""

PARAMETERS = {"SITE_BUILD": 1}


@dataclass(frozen=True)
class NotebookRun:
    """One notebook executed for the site: where it is, how long it took, the first cell that failed."""

    path: Path
    seconds: float
    failed_cell: str | None = None  # the cell's id
    error: str | None = None  # "<ename>: <evalue>"
    reused: bool = False  # not run: the outputs of an earlier clean run with the same inputs

    @property
    def ok(self) -> bool:
        return self.failed_cell is None

    def describe(self, root: Path) -> str:
        where = self.path.relative_to(root) if self.path.is_relative_to(root) else self.path
        return f"{where}: cell {self.failed_cell}: {self.error}"


def run_notebook(path: Path, timeout: int = 300) -> NotebookRun:
    """Execute ``path`` in place (a scratch copy) in its own folder; record the first failing cell."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    # papermill warns about each parameter a notebook does not declare (none does): not news here
    logging.getLogger("papermill").setLevel(logging.ERROR)
    start = time.perf_counter()
    km = LocalSocketKernelManager(kernel_name="python3", shutdown_wait_time=SHUTDOWN_WAIT_SECONDS)
    failure: tuple[str, str] | None = None
    try:
        papermill.execute_notebook(
            path,
            path,
            parameters=PARAMETERS,
            kernel_name="python3",
            # the kernel's folder through nbclient, not papermill's ``cwd`` (an os.chdir of the whole
            # process, which notebooks running at once in other threads would race for)
            resources={"metadata": {"path": str(path.parent)}},
            progress_bar=False,
            request_save_on_cell_execute=False,
            execution_timeout=timeout,
            km=km,
            shutdown_kernel="graceful",
        )
    except PapermillExecutionError:
        pass  # papermill saved the notebook with its outputs so far: read the failing cell from it below
    except Exception as err:  # noqa: BLE001 - a dead kernel or a timeout is this notebook's failure only
        failure = ("(kernel)", f"{type(err).__name__}: {str(err)[:300]}")
    finally:
        if km.has_kernel:
            km.shutdown_kernel(now=False)
    return NotebookRun(path, time.perf_counter() - start, *(failure or _first_failure(path)))


def _first_failure(path: Path) -> tuple[str, str] | tuple[None, None]:
    """The id and error of the first failing cell a learner is not meant to see fail; drops papermill's markers."""
    nb = nbformat.read(path, as_version=4)
    kept = [c for c in nb.cells if ERROR_MARKER not in c.metadata.get("tags", [])]
    if len(kept) != len(nb.cells):
        nb.cells = kept
        nbformat.write(nb, path)
    for cell in nb.cells:
        if cell.cell_type != "code" or RAISES in cell.metadata.get("tags", []):
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return str(cell.get("id")), f"{out.get('ename')}: {str(out.get('evalue'))[:300]}"
        if cell.metadata.get("papermill", {}).get("exception"):
            return str(cell.get("id")), "the cell did not finish"
    return None, None
