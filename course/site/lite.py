"""``course site --lite``: the self-study notebooks that can run in Pyodide, as a JupyterLite site in ``lite/``.

One pass, in order: judge every notebook (``pyodide_rule``) → write the runnable ones (kernel set to
Pyodide's) and the data files into a scratch Lite folder → the federated extensions the notebooks
need (the Pyodide kernel, ipywidgets' and anywidget's managers, the course's checklist extension) →
Pyodide itself with every wheel, from the registries' cache (``pyodide``) → ``jupyter lite build``.
The served site fetches nothing from outside itself; the notebooks are kept in the browser (IndexedDB).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from course.editions.layout import SELF_STUDY
from course.editions.pipeline import Course, build_notebooks, data_files
from course.errors import CourseError
from course.site.pyodide import ExtraWheel, PyodideCache, assemble_pyodide
from course.site.pyodide_rule import BrowserVerdict, browser_verdict
from course.site.wheel import DIST, build_course_wheel

LITE = "lite"  # the Lite site's folder inside the course site
APP = "notebooks"  # JupyterLite's Notebook app: one notebook per tab, like the pages
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
KERNELSPEC = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
CHECKLIST_EXTENSION = Path(__file__).resolve().parents[1] / "labextension"  # course/labextension
ENV_EXTENSIONS = ("@jupyterlite/pyodide-kernel-extension", "@jupyter-widgets/jupyterlab-manager", "anywidget")
# what Pyodide loads when the kernel starts, so the first cell's ``from course.runtime import Checklist`` works
PRELOAD = ("comm", "ipython", "jedi", "python-roadmap-course")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class LitePlan:
    """Which self-study notebooks (paths inside the edition) run in the browser, and why the others cannot."""

    verdicts: Mapping[PurePosixPath, BrowserVerdict]

    @property
    def runnable(self) -> list[PurePosixPath]:
        return sorted(rel for rel, v in self.verdicts.items() if v.runs)

    def sections_line(self) -> str:
        """``N of M sections run in the browser`` (the course home is no section)."""
        sections = [rel for rel in self.verdicts if rel.parent != PurePosixPath(".")]
        runs = [rel for rel in sections if self.verdicts[rel].runs]
        return f"{len(runs)} of {len(sections)} sections run in the browser"


@dataclass(frozen=True)
class LiteEdition:
    """The self-study notebooks (paths inside the edition), their data files, and the plan."""

    notebooks: Mapping[PurePosixPath, Any]
    data: Mapping[PurePosixPath, bytes]
    plan: LitePlan


def plan_lite(notebooks: Mapping[PurePosixPath, Any]) -> LitePlan:
    return LitePlan({rel: browser_verdict(nb) for rel, nb in notebooks.items()})


def lite_url(root: str, rel: PurePosixPath) -> str:
    """From a page ``root`` (``""`` or ``"../"``), the notebook ``rel`` opened in the Lite site."""
    return f"{root}{LITE}/{APP}/index.html?path={quote(rel.as_posix())}"


def _lite_notebook(nb: Any) -> str:
    copy = json.loads(json.dumps(nb))
    copy["metadata"]["kernelspec"] = dict(KERNELSPEC)  # else Lite asks which kernel to start
    return json.dumps(copy, indent=1, sort_keys=True) + "\n"


def _versions(*dists: str) -> dict[str, str]:
    try:
        return {d: metadata.version(d) for d in dists}
    except metadata.PackageNotFoundError as err:
        msg = f"{err.name} is not installed"
        raise CourseError(
            msg, expected="the course installed with its dependencies (pip install -e '.[lite]')"
        ) from err


def extra_wheels() -> list[ExtraWheel]:
    """The widget libraries, at the versions installed here: their front ends (in this environment's
    labextensions) go into the Lite site too, so both halves match."""
    v = _versions("comm", "ipywidgets", "jupyterlab_widgets", "anywidget", "psygnal")
    return [
        ExtraWheel("comm", v["comm"], (), ("comm",)),
        ExtraWheel("jupyterlab-widgets", v["jupyterlab_widgets"], (), ("jupyterlab_widgets",)),
        ExtraWheel(
            "ipywidgets", v["ipywidgets"], ("comm", "ipython", "traitlets", "jupyterlab-widgets"), ("ipywidgets",)
        ),
        ExtraWheel("psygnal", v["psygnal"], ("typing-extensions",), ("psygnal",)),
        ExtraWheel("anywidget", v["anywidget"], ("ipywidgets", "psygnal", "typing-extensions"), ("anywidget",)),
    ]


def _pyodide_version() -> str:
    try:
        from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION
    except ImportError as err:
        msg = "course site --lite needs jupyterlite-core and jupyterlite-pyodide-kernel"
        raise CourseError(msg, expected="pip install -e '.[lite]'") from err
    return str(PYODIDE_VERSION)


def _copy_tree(src: Path, dest: Path) -> None:
    for p in sorted(src.rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts and not p.name.endswith(".map"):
            (dest / p.relative_to(src)).parent.mkdir(parents=True, exist_ok=True)
            (dest / p.relative_to(src)).write_bytes(p.read_bytes())


def _write_extensions(extensions: Path) -> None:
    """The federated extensions, named one by one (not everything in this environment: nbgrader's need a server)."""
    installed = Path(sys.prefix) / "share" / "jupyter" / "labextensions"
    for name in ENV_EXTENSIONS:
        if not (installed / name / "package.json").is_file():
            msg = f"the JupyterLab extension {name} is not installed"
            raise CourseError(msg, path=installed / name, expected="pip install -e '.[lite]' in this environment")
        _copy_tree(installed / name, extensions / name)
    _copy_tree(CHECKLIST_EXTENSION, extensions / "course-progress")


def _write_config(lite_dir: Path, contents: Path) -> None:
    settings = {"disablePyPIFallback": True, "loadPyodideOptions": {"packages": list(PRELOAD)}}
    config_data = {"appName": "Python Roadmap course", "litePluginSettings": {KERNEL_PLUGIN: settings}}
    (lite_dir / "jupyter-lite.json").write_text(
        json.dumps({"jupyter-lite-schema-version": 0, "jupyter-config-data": config_data}, indent=1) + "\n",
        encoding="utf-8",
    )
    build = {
        "LiteBuildConfig": {"ignore_sys_prefix": ["federated_extensions"], "contents": [str(contents)]},
        "FederatedExtensionAddon": {"extra_labextensions_path": [str(lite_dir / "extensions")]},
    }
    (lite_dir / "jupyter_lite_config.json").write_text(json.dumps(build, indent=1) + "\n", encoding="utf-8")


def build_lite(edition: LiteEdition, cache: PyodideCache, target: Path, say: Progress) -> None:
    """The JupyterLite site of the notebooks that run in the browser into ``target`` (a new folder)."""
    version = _pyodide_version()
    with tempfile.TemporaryDirectory(prefix="course-lite-") as tmp:
        lite_dir = Path(tmp) / "src"
        contents = lite_dir / "files"
        for rel in edition.plan.runnable:
            (contents / rel).parent.mkdir(parents=True, exist_ok=True)
            (contents / rel).write_text(_lite_notebook(edition.notebooks[rel]), encoding="utf-8")
        phases = {rel.parts[0] for rel in edition.plan.runnable}  # the data files beside those notebooks only
        for rel, blob in sorted(edition.data.items()):
            if rel.parts[0] not in phases:
                continue
            (contents / rel).parent.mkdir(parents=True, exist_ok=True)
            (contents / rel).write_bytes(blob)
        _write_extensions(lite_dir / "extensions")
        course_wheel = build_course_wheel(Path(tmp) / "wheel")
        import course

        ours = ExtraWheel("python-roadmap-course", course.__version__, ("anywidget",), ("course",))
        assert course_wheel.name.startswith(DIST)
        names = assemble_pyodide(
            cache, version, lite_dir / "static" / "pyodide", extra_wheels(), local=[(course_wheel, ours)]
        )
        say(f"lite: Pyodide {version} with {len(names)} packages")
        _write_config(lite_dir, contents)
        _jupyter_lite_build(lite_dir, target)


def _jupyter_lite_build(lite_dir: Path, target: Path) -> None:
    cmd = [
        sys.executable, "-m", "jupyterlite_core", "build",
        "--lite-dir", str(lite_dir), "--output-dir", str(target), "--no-sourcemaps",
    ]  # fmt: skip
    run = subprocess.run(cmd, cwd=lite_dir, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        msg = f"jupyter lite build failed (exit {run.returncode}):\n{(run.stdout + run.stderr)[-3000:]}"
        raise CourseError(msg, expected="a JupyterLite build that succeeds")


def lite_edition(course: Course, data_root: Path) -> LiteEdition:
    """The self-study edition in memory, each notebook judged by the Pyodide rule."""
    _pyodide_version()  # the Lite tools are installed: said now, not after every page has run
    notebooks = {
        PurePosixPath(*rel.parts[1:]): nb for rel, nb in build_notebooks(course, editions=(SELF_STUDY,)).items()
    }
    data = {
        PurePosixPath(*rel.parts[1:]): blob
        for rel, blob in data_files(data_root, course).items()
        if rel.parts[0] == SELF_STUDY
    }
    return LiteEdition(notebooks, data, plan_lite(notebooks))


def browser_link(plan: LitePlan | None, rel: PurePosixPath, root: str) -> str:
    """The page header's link into the Lite site, or the sentence saying why this page cannot run there."""
    if plan is None or rel not in plan.verdicts:
        return ""
    verdict = plan.verdicts[rel]
    if verdict.runs:
        return f'<a class="course-run course-lite" href="{escape(lite_url(root, rel))}">Run in the browser</a>'
    return f'<span class="course-no-lite">{escape(verdict.sentence)}</span>'
