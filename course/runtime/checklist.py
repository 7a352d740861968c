"""The checklist widget: ticks live in the notebook's own metadata.

The kernel never writes the ``.ipynb``. The widget's JavaScript hands every tick to the
notebook's document model (through the ``course-progress`` JupyterLab extension, or the
widget manager's document context as a fallback) and JupyterLab's own save writes the file.
The kernel reads the saved file once, as the starting value.

The widget's output also carries :data:`MIME_TYPE` (the checklist's key and groups): the
extension renders that from the notebook's metadata wherever the widget's model is gone (a
saved notebook reopened, a new kernel), so the checklist shows and ticks before its cell runs.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Any

import anywidget
import traitlets as t

from course.progress import attempts as attempt_log
from course.progress.store import Ticks, read_ticks
from course.runtime.checks import TestRun, Verdict

STATIC = Path(__file__).parent / "static"
MIME_TYPE = "application/vnd.course.checklist+json"


def notebook_path() -> Path | None:
    """This kernel's notebook file, where the frontend tells us (JupyterLab, Notebook 7, VS Code)."""
    candidates = [os.environ.get("JPY_SESSION_NAME", "")]
    try:
        ns = get_ipython().user_ns  # type: ignore[name-defined]
        candidates += [str(ns.get("__session__", "")), str(ns.get("__vsc_ipynb_file__", ""))]
    except NameError:
        pass
    for c in candidates:
        if c.endswith(".ipynb") and Path(c).is_file():
            return Path(c)
    return None


def _saved_metadata() -> tuple[Any, str]:
    """The notebook file's metadata, if the kernel knows which file it runs, and a line if it cannot be read."""
    path = notebook_path()
    if path is None:
        return {}, ""
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("metadata", {}), ""
    except (OSError, ValueError, AttributeError):
        return {}, f"could not read saved progress from {path.name}"


def saved_ticks(key: str, known: list[str]) -> Ticks:
    """Ticks from the notebook file on disk, if the kernel knows which file it runs."""
    metadata, problem = _saved_metadata()
    return Ticks((), (problem,)) if problem else read_ticks(metadata, key, known)


def saved_attempts(key: str) -> dict[str, attempt_log.Attempt]:
    """Attempts recorded in the notebook file on disk (none when it cannot be read: the widget merges)."""
    return attempt_log.read_attempts(_saved_metadata()[0], key)[0]


class Checklist(anywidget.AnyWidget):
    """A section's checklist. ``Checklist.from_json(data)`` with the data the generator embeds."""

    _esm = STATIC / "checklist.js"
    _css = STATIC / "checklist.css"

    key = t.Unicode("").tag(sync=True)
    groups = t.List(t.Dict()).tag(sync=True)
    checked = t.List(t.Unicode()).tag(sync=True)
    ignored = t.List(t.Unicode()).tag(sync=True)
    save_on_change = t.Bool(True).tag(sync=True)
    instance = t.Unicode().tag(sync=True)  # names this widget in its outputs (see _repr_mimebundle_)
    backend = t.Unicode("").tag(sync=True)
    last_result = t.Unicode("").tag(sync=True)
    # exercise id -> its record of attempts (course.progress.attempts); the script stores it in the metadata
    attempts = t.Dict().tag(sync=True)

    def __init__(self, key: str, groups: list[dict[str, Any]], tests: dict[str, list[str]] | None = None, **kw: Any):
        known = [str(item["id"]) for g in groups for item in g.get("items", [])]
        ticks = saved_ticks(key, known)
        log = {k: v.as_json() for k, v in saved_attempts(key).items()}
        super().__init__(
            key=key, groups=groups, checked=list(ticks.ticked), ignored=list(ticks.ignored), attempts=log, **kw
        )
        self._tests = {k: list(v) for k, v in (tests or {}).items()}
        self._passed: dict[str, set[str]] = {}

    @t.default("instance")
    def _new_instance(self) -> str:
        return uuid.uuid4().hex

    def _repr_mimebundle_(self, **kwargs: Any) -> tuple[dict[str, Any], dict[str, Any]] | None:
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        data, metadata = bundle
        data[MIME_TYPE] = {"key": self.key, "groups": self.groups, "instance": self.instance}
        return data, metadata

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Checklist:
        return cls(str(data["section"]), list(data["groups"]), dict(data.get("tests", {})))

    # --- ticks -------------------------------------------------------------------------------

    @property
    def item_ids(self) -> list[str]:
        return [str(i["id"]) for g in self.groups for i in g.get("items", [])]

    def tick(self, *item_ids: str) -> None:
        known = set(self.item_ids)
        unknown = [i for i in item_ids if i not in known]
        if unknown:
            msg = f"not items of this checklist: {', '.join(unknown)}"
            raise KeyError(msg)
        now = set(self.checked) | set(item_ids)
        self.checked = [i for i in self.item_ids if i in now]

    def untick(self, *item_ids: str) -> None:
        gone = set(item_ids)
        self.checked = [i for i in self.checked if i not in gone]

    @property
    def done(self) -> int:
        return len(self.checked)

    @property
    def total(self) -> int:
        return len(self.item_ids)

    # --- exercises ---------------------------------------------------------------------------

    def check(self, exercise: str, test: str, points: int = 1) -> TestRun:
        """Context manager around one test cell of ``exercise``."""
        return TestRun(exercise, test, points, self._record)

    def _record(self, verdict: Verdict) -> None:
        print(verdict.message)
        self.last_result = verdict.message
        tests = self._tests.get(verdict.exercise, [verdict.test])
        if verdict.test == tests[0] and verdict.started:  # the tests run from the top on an answer: an attempt
            self._log(attempt_log.attempted, verdict.exercise)
        passed = self._passed.setdefault(verdict.exercise, set())
        if verdict.passed:
            passed.add(verdict.test)
        else:
            passed.discard(verdict.test)
            return
        if set(tests) <= passed:
            self._log(attempt_log.solved, verdict.exercise)
            ticked = self._tick_exercise(verdict.exercise)
            labels = ", ".join(repr(label) for label in ticked)
            print(f"✓ Exercise {verdict.exercise} complete." + (f" Ticked {labels}." if labels else ""))

    def _log(self, change: Any, exercise: str) -> None:
        """Record an attempt at (or the solving of) ``exercise`` with ``change`` (``course.progress.attempts``)."""
        log = {k: r for k, v in self.attempts.items() if (r := attempt_log.from_json(k, v))}
        items = [i["id"] for g in self.groups for i in g.get("items", []) if exercise in (i.get("exercises") or [])]
        item = str(items[0]) if items else ""
        record = change(log, exercise, item, attempt_log.now())
        self.attempts = {**self.attempts, exercise: record.as_json()}

    def _complete(self, exercise: str) -> bool:
        needed = set(self._tests.get(exercise, []))
        return bool(needed) and needed <= self._passed.get(exercise, set())

    def _tick_exercise(self, exercise: str) -> list[str]:
        newly: list[str] = []
        for group in self.groups:
            for item in group.get("items", []):
                linked = item.get("exercises") or []
                if exercise in linked and all(self._complete(e) for e in linked) and item["id"] not in self.checked:
                    newly.append(str(item["id"]))
        if newly:
            self.tick(*newly)
        labels = {str(i["id"]): str(i["label"]) for g in self.groups for i in g.get("items", [])}
        return [labels[i] for i in newly]

    def __repr__(self) -> str:
        return (
            f"Checklist {self.key}: {self.done} of {self.total} ticked. "
            "(Ticks are saved where JupyterLab or Notebook 7 shows this widget.)"
        )
