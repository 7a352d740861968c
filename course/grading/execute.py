"""nbgrader's ``Execute`` with two limits a class needs: output size and a notebook's total time.

nbgrader stops a cell after ``Execute.timeout`` seconds, but a function that loops for ever is
called by every test cell of its exercise, and each of them waits out the timeout again: one
submission can hold a grader for many minutes. ``GradingExecute.notebook_timeout`` bounds the
whole notebook; the cells left when it is used up are not run and score zero.

nbgrader's ``LimitOutput`` keeps 1000 lines per cell but never shortens a line, so one print of
50 MB reaches the autograded notebook and the feedback page whole. Here every output message is
cut to what is left of ``max_output_bytes`` per cell as it arrives, before it is stored. Error
outputs are kept (shortened), and so is the first stderr output of a cell: nbgrader gives a test
cell zero points for either, and a cut must not turn a failing cell into a passing one.

The same limit is applied inside the kernel too (``sys.stdout`` and ``sys.stderr`` of the
IPython kernel cut what a cell writes beyond it), so a 50 MB print is never even sent to the
grader; the cut on arrival stays for output that reaches the kernel's streams another way.

``nbgrader_config.py`` puts this class in place of ``Execute`` in ``Autograde.autograde_preprocessors``.
"""

from __future__ import annotations

import json
from time import monotonic
from typing import Any

from nbformat import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Integer, default

from course.kernels import AsyncLocalSocketKernelManager

CUT_NOTE = "\n... [output cut by the grader: a cell keeps at most {limit} characters of output] ...\n"
SKIPPED = "NotebookTimeoutError"  # a cell not run: the notebook's time was used up
TIMED_OUT = "CellTimeoutError"  # a cell stopped at Execute.timeout (nbgrader's own error name)

# Run in each new kernel before the notebook: its own streams keep at most ``limit`` characters
# per stream per cell (the count starts again at every cell). It is sent as a user expression of
# an empty, silent request: IPython 9 puts back each stream's ``write`` when a cell ends, so a
# patch made by a cell would not last, while user expressions run after that. ``exec`` with its
# own globals leaves no name in the student's namespace.
KERNEL_CAP = """
import sys
from IPython import get_ipython
used = dict()
def cap(stream, name):
    original = stream.write
    def write(text, *args, **kwargs):
        before = used.get(name, 0)
        used[name] = before + len(text)
        if before + len(text) <= LIMIT:
            return original(text, *args, **kwargs)
        if before <= LIMIT:
            original(text[: max(0, LIMIT - before)] + NOTE)
        return len(text)
    stream.write = write
for name in ("stdout", "stderr"):
    stream = getattr(sys, name, None)
    if stream is not None and hasattr(stream, "write"):
        cap(stream, name)
shell = get_ipython()
if shell is not None:
    shell.events.register("pre_run_cell", lambda *_args: used.clear())
"""


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str) else len(json.dumps(value, default=str))


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit]


class GradingExecute(Execute):  # type: ignore[misc]  # nbgrader ships no type hints
    """Execute for autograding, with a per-cell output limit and a per-notebook time limit."""

    max_output_bytes = Integer(
        100_000, help="characters of output kept per cell (stream text, results, errors); -1: no limit"
    ).tag(config=True)

    notebook_timeout = Integer(
        300, help="seconds a whole notebook may run; later cells are not run and score zero; 0: no limit"
    ).tag(config=True)

    _deadline: float | None = None
    _used: int = 0
    _cut_cell: bool = False
    _kept_stderr: bool = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # before nbgrader's own default (a TCP kernel): local sockets, no ports to race for, no warnings
        kwargs.setdefault("kernel_manager_class", AsyncLocalSocketKernelManager)
        super().__init__(*args, **kwargs)

    @default("on_notebook_start")
    def _on_notebook_start_default(self) -> Any:
        return self._cap_in_kernel

    async def _cap_in_kernel(self, **_kwargs: Any) -> None:
        if self.max_output_bytes < 0 or self.kc is None:
            return
        note = CUT_NOTE.format(limit=self.max_output_bytes)
        # half the cell's allowance per stream, note included: what the kernel lets through is never cut again
        per_stream = max(0, self.max_output_bytes // 2 - len(note))
        code = KERNEL_CAP.replace("LIMIT", str(per_stream)).replace("NOTE", repr(note))
        expression = f"exec({code!r}, dict())"
        msg_id = self.kc.execute("", silent=True, store_history=False, user_expressions={"cap": expression})
        reply = await self.async_wait_for_reply(msg_id)
        result = (reply or {}).get("content", {}).get("user_expressions", {}).get("cap", {})
        if result.get("status") != "ok":
            self.log.warning("output limit not set in the kernel: %s", result.get("evalue", "no reply"))

    # --- the notebook's time ------------------------------------------------------------------

    def preprocess(self, nb: NotebookNode, resources: Any = None, km: Any = None) -> tuple[NotebookNode, Any]:
        self._deadline = monotonic() + self.notebook_timeout if self.notebook_timeout > 0 else None
        return super().preprocess(nb, resources, km)

    def _left(self) -> float | None:
        return None if self._deadline is None else self._deadline - monotonic()

    def _get_timeout(self, cell: NotebookNode | None) -> int | None:
        timeout = super()._get_timeout(cell)
        left = self._left()
        if left is None or cell is None:  # cell None: kernel_info and other requests, not student code
            return timeout
        bounded = max(1, int(left))
        return bounded if timeout is None else min(timeout, bounded)

    def preprocess_cell(self, cell: NotebookNode, resources: Any, index: int) -> tuple[NotebookNode, Any]:
        self._used, self._cut_cell, self._kept_stderr = 0, False, False
        left = self._left()
        if cell.cell_type == "code" and cell.source.strip() and left is not None and left < 1:
            cell.outputs = [
                NotebookNode(
                    output_type="error",
                    ename=SKIPPED,
                    evalue=f"not run: the notebook used up its {self.notebook_timeout} s",
                    traceback=[f"{SKIPPED}: not run: the notebook used up its {self.notebook_timeout} s"],
                )
            ]
            return cell, resources
        return super().preprocess_cell(cell, resources, index)

    # --- output size ------------------------------------------------------------------------

    def output(
        self, outs: list[NotebookNode], msg: dict[str, Any], display_id: str | None, cell_index: int
    ) -> NotebookNode | None:
        limit = self.max_output_bytes
        if limit >= 0 and msg.get("msg_type") in ("stream", "display_data", "execute_result", "error"):
            bounded = self._bounded(msg, limit)
            if bounded is None:
                return None
            msg = bounded
        return super().output(outs, msg, display_id, cell_index)

    def _bounded(self, msg: dict[str, Any], limit: int) -> dict[str, Any] | None:
        """The message cut to what is left of the cell's allowance, or None to drop it."""
        content = dict(msg["content"])
        kind = msg["msg_type"]
        left = max(0, limit - self._used)
        note = CUT_NOTE.format(limit=limit)
        if kind == "stream":
            text = str(content.get("text", ""))
            stderr = content.get("name") == "stderr"
            if len(text) <= left:
                self._used += len(text)
                self._kept_stderr |= stderr
                return msg
            if self._cut_cell and not (stderr and not self._kept_stderr):
                return None  # already cut: drop the rest (a first stderr output still gets through)
            self._cut_cell = True
            self._kept_stderr |= stderr
            self._used = limit
            content["text"] = _cut(text, max(left, 200 if stderr else 0)) + note
        elif kind == "error":  # always kept: it decides the cell's score
            content["evalue"] = _cut(str(content.get("evalue", "")), max(left, 1000))
            content["traceback"] = [_cut(str(line), max(left, 1000)) for line in content.get("traceback", [])[:200]]
            self._used += sum(len(line) for line in content["traceback"])
        else:  # display_data, execute_result: a huge one is replaced by a note
            size = _size(content.get("data", {}))
            if size <= left:
                self._used += size
                return msg
            self._used = limit
            if kind == "display_data" and self._cut_cell:
                return None
            self._cut_cell = True
            content["data"] = {"text/plain": note.strip()}
        return {**msg, "content": content}
