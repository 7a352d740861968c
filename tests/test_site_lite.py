"""``course site --lite``: the Pyodide rule on real notebooks, the page links, the Lite build's layout
against a fake registry (no network), and the errors when a registry cannot be reached or lies."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import re
import shutil
import sys
import tarfile
import urllib.error
import urllib.request
import zipfile
from pathlib import Path, PurePosixPath

import pytest

from course.cli import main
from course.errors import CourseError
from course.project import find_project
from course.site import SiteOptions, build_site
from course.site.lite import LiteEdition, LitePlan, browser_link, build_lite, extra_wheels, lite_edition, plan_lite
from course.site.pages import header
from course.site.pyodide import NPM_REGISTRY, PYPI, PyodideCache, assemble_pyodide, closure, fetch_url
from course.site.pyodide_rule import BrowserVerdict, browser_verdict, module_blocker, source_blocker
from course.site.wheel import build_course_wheel
from tests.conftest import DATA, ROOT

NOTEBOOKS = ROOT / "notebooks"


def _nb(path: str) -> dict:
    return json.loads((NOTEBOOKS / path).read_text(encoding="utf-8"))


def _one(pattern: str) -> str:
    (found,) = sorted(NOTEBOOKS.glob(pattern))
    return found.relative_to(NOTEBOOKS).as_posix()


# --- the rule --------------------------------------------------------------------------------


@pytest.mark.parametrize("pattern", ["phase-04/4.1-*.ipynb", "phase-03/3.4-*.ipynb", "phase-09/9.2-*.ipynb"])
def test_pure_python_sections_run_in_the_browser(pattern: str) -> None:
    assert browser_verdict(_nb(_one(pattern))) == BrowserVerdict(True)


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("phase-01/1.1-*.ipynb", "it runs other programs (subprocess)"),
        ("phase-02/2.2-*.ipynb", "32-bit"),  # found by running it in Pyodide: len(range(10**12)) overflows
        ("phase-10/10.1-*.ipynb", "threads"),
        ("phase-14/14.3-*.ipynb", "(through course.runtime.postgres)"),  # followed into the course's own package
    ],
)
def test_sections_that_need_the_os_do_not_and_say_why(pattern: str, reason: str) -> None:
    verdict = browser_verdict(_nb(_one(pattern)))
    assert not verdict.runs
    assert reason in verdict.reason
    assert verdict.cell  # the first cell that blocks it
    assert verdict.sentence.startswith("This section cannot run in the browser because it ")


def test_the_whole_course_is_judged_and_most_of_the_early_phases_run() -> None:
    verdicts = {
        p: browser_verdict(json.loads(p.read_text(encoding="utf-8"))) for p in NOTEBOOKS.glob("phase-*/*.ipynb")
    }
    assert len(verdicts) == 101
    early = [v.runs for p, v in verdicts.items() if p.parent.name in {f"phase-0{n}" for n in range(2, 6)}]
    assert sum(early) >= len(early) - 2, "phases 2-5 are pure Python"


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("!ls -l", "it runs shell commands"),
        ("%%bash\necho hi", "it runs shell commands"),
        ("import os\nos.system('ls')", "it runs shell commands (os.system)"),
        ("from concurrent import futures", "concurrent.futures"),
        ("import asyncio\nasync def f():\n    await asyncio.start_server(None, port=0)", "asyncio.start_server"),
        ("import numpy as np", "it needs numpy, which the browser's Python does not have"),
        ("import threading\nthreading.Thread(target=print).start()", "it starts threads (threading.Thread)"),
        ("import logging.handlers as h\nh.QueueListener(q).start()", "QueueListener"),
        ("print(len(range(10**12)))", "32-bit"),
        ("r = range(-(2**40), 0)", "32-bit"),
        ("from course.runtime.postgres import scratch_database", "(through course.runtime.postgres)"),
    ],
)
def test_a_cell_that_needs_the_os_blocks(source: str, reason: str) -> None:
    assert reason in source_blocker(source)


@pytest.mark.parametrize(
    "source",
    [
        "%timeit sum(range(10))\nimport math",
        "def broken(:\n    pass",  # starter code with a syntax error is the learner's to fix
        "from course.runtime import Checklist",
        "import dataclasses, json, pathlib, sqlite3\nfrom typing import TYPE_CHECKING",
        "import ipywidgets as w\nimport anywidget",
        "import threading\nlock = threading.Lock()",
        "total = sum(range(10**6))\nbig = 10**12",  # importing threading is fine; starting a thread is not
    ],
)
def test_pure_python_cells_do_not_block(source: str) -> None:
    assert source_blocker(source) == ""


def test_a_module_the_notebook_writes_itself_is_no_missing_package() -> None:
    def notebook(*sources: str) -> dict:
        return {"cells": [{"cell_type": "code", "id": f"c{i}", "source": s} for i, s in enumerate(sources)]}

    writes = 'Path(tmp, "inventory.py").write_text("X = 1")'
    assert browser_verdict(notebook(writes, "import inventory")).runs
    assert browser_verdict(notebook('files = {"tools/net.py": ""}', "import tools.net")).runs
    assert browser_verdict(notebook("import inventory")) == BrowserVerdict(
        False, "it needs inventory, which the browser's Python does not have", "c0"
    )


def test_the_checklist_module_itself_runs_in_the_browser() -> None:
    assert module_blocker("course.runtime.checklist") == ""


# --- the pages -------------------------------------------------------------------------------


def test_a_page_links_lite_and_binder_or_says_why_not() -> None:
    runs, blocked = PurePosixPath("phase-04/4.1-lists.ipynb"), PurePosixPath("phase-01/1.1-x.ipynb")
    plan = LitePlan({runs: BrowserVerdict(True), blocked: BrowserVerdict(False, "it uses subprocess", "c1")})
    link = browser_link(plan, runs, "../")
    assert link == (
        '<a class="course-run course-lite" href="../lite/notebooks/index.html?path=phase-04/4.1-lists.ipynb">'
        "Run in the browser</a>"
    )
    bar = header("../", "Course", "https://mybinder.org/v2/gh/o/r/HEAD", link)
    assert bar.index("Run in the browser") < bar.index("Run this on Binder")
    no = browser_link(plan, blocked, "../")
    assert "cannot run in the browser because it uses subprocess" in no
    assert "href" not in no
    assert browser_link(None, runs, "../") == ""  # without --lite nothing changes
    assert plan.sections_line() == "1 of 2 sections run in the browser"


# --- the build against a fake registry ---------------------------------------------------------


def _wheel(name: str, version: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(f"{name}/__init__.py", f"VERSION = {version!r}\n")
    return buf.getvalue()


def _tgz(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


class FakeRegistries:
    """npm's and PyPI's JSON APIs and files for a tiny Pyodide; counts what is fetched."""

    def __init__(self, version: str) -> None:
        self.files: dict[str, bytes] = {}
        self.fetched: list[str] = []
        lock: dict[str, dict] = {}
        pkgs = {
            "micropip": [], "ipython": ["traitlets"], "traitlets": [], "jedi": [], "typing-extensions": [],
        }  # fmt: skip
        wheels = {name: ("1.0", []) for name in pkgs}
        for extra in extra_wheels():
            wheels[extra.name] = (extra.version, [])
        for name, (ver, _deps) in wheels.items():
            filename = f"{name.replace('-', '_')}-{ver}-py3-none-any.whl"
            data = _wheel(name.replace("-", "_"), ver)
            url = f"https://files.example/{filename}"
            self.files[url] = data
            sha = hashlib.sha256(data).hexdigest()
            self.files[f"{PYPI}/{name}/"] = json.dumps(
                {"files": [{"filename": filename, "url": url, "hashes": {"sha256": sha}}]}
            ).encode()
            if name in pkgs:
                lock[name] = {
                    "name": name, "version": ver, "file_name": filename, "install_dir": "site", "sha256": "0" * 64,
                    "package_type": "package", "imports": [name], "depends": pkgs[name], "unvendored_tests": False,
                }  # fmt: skip
        runtime = {f: b"// fake\n" for f in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide.js")}
        runtime["python_stdlib.zip"] = b"PK"
        runtime["pyodide-lock.json"] = json.dumps({"info": {"python": "3.14.2"}, "packages": lock}).encode()
        tgz = _tgz(runtime)
        tarball = f"https://registry.example/pyodide-{version}.tgz"
        self.files[tarball] = tgz
        integrity = "sha512-" + base64.b64encode(hashlib.sha512(tgz).digest()).decode()
        self.files[f"{NPM_REGISTRY}/pyodide/{version}"] = json.dumps(
            {"dist": {"tarball": tarball, "integrity": integrity}}
        ).encode()

    def __call__(self, url: str) -> bytes:
        self.fetched.append(url)
        if url not in self.files:
            raise CourseError(f"could not fetch {url}: 404")
        return self.files[url]


def test_pyodide_is_fetched_once_checked_and_its_lock_lists_only_what_is_there(tmp_path: Path) -> None:
    fake = FakeRegistries("9.9.9")
    names = assemble_pyodide(PyodideCache(tmp_path / "cache", fake), "9.9.9", tmp_path / "a", extra_wheels())
    assert {"micropip", "ipython", "traitlets", "anywidget", "ipywidgets", "comm"} <= set(names)
    lock = json.loads((tmp_path / "a" / "pyodide-lock.json").read_text())
    for name, entry in lock["packages"].items():
        wheel = tmp_path / "a" / entry["file_name"]
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == entry["sha256"], name
    assert (tmp_path / "a" / "pyodide.asm.wasm").is_file()
    first = len(fake.fetched)
    assemble_pyodide(PyodideCache(tmp_path / "cache", fake), "9.9.9", tmp_path / "b", extra_wheels())
    assert len(fake.fetched) == first, "a second build fetches nothing"
    assert (tmp_path / "b" / "pyodide-lock.json").read_bytes() == (tmp_path / "a" / "pyodide-lock.json").read_bytes()


def test_a_download_that_does_not_match_its_digest_is_refused(tmp_path: Path) -> None:
    fake = FakeRegistries("9.9.9")
    tarball = next(u for u in fake.files if u.endswith(".tgz"))
    fake.files[tarball] += b"tampered"
    with pytest.raises(CourseError, match="does not match the digest"):
        assemble_pyodide(PyodideCache(tmp_path / "cache", fake), "9.9.9", tmp_path / "a", extra_wheels())
    assert not list((tmp_path / "cache").rglob("*.tgz")), "nothing half-checked is cached"


def test_an_unreachable_registry_names_the_url_and_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(url: str, timeout: float) -> None:
        raise urllib.error.URLError("Name or service not known")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    with pytest.raises(CourseError, match=r"could not fetch https://registry\.npmjs\.org/pyodide/1\.0") as err:
        fetch_url(f"{NPM_REGISTRY}/pyodide/1.0")
    assert ".course-cache/lite" in str(err.value.expected)


def test_without_the_lite_tools_the_build_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_site import make_site_project

    root = make_site_project(tmp_path / "project")
    monkeypatch.setitem(sys.modules, "jupyterlite_pyodide_kernel.constants", None)  # import fails

    def no_run(path: Path) -> None:
        raise AssertionError(f"ran {path.name} before saying what is missing")

    monkeypatch.setattr("course.site.build.run_notebook", no_run)
    with pytest.raises(CourseError, match="needs jupyterlite-core and jupyterlite-pyodide-kernel") as err:
        build_site(find_project(root), SiteOptions(root / "site", lite=True))
    assert err.value.expected == "pip install -e '.[lite]'"
    assert not [p.name for p in root.iterdir() if "site" in p.name], "no page was made, no scratch site left"


def test_a_package_missing_from_pyodides_lock_is_named() -> None:
    with pytest.raises(CourseError, match=r"nope is not in Pyodide's pyodide-lock\.json"):
        closure({"a": {"depends": ["nope"]}}, ["a"])


def test_the_course_wheel_is_pure_and_the_same_bytes_every_time(tmp_path: Path) -> None:
    one = build_course_wheel(tmp_path / "1")
    two = build_course_wheel(tmp_path / "2")
    assert one.name == "python_roadmap_course-0.1.0-py3-none-any.whl"
    assert one.read_bytes() == two.read_bytes()
    names = zipfile.ZipFile(one).namelist()
    assert "course/runtime/checklist.py" in names
    assert "course/runtime/static/checklist.js" in names
    assert not [n for n in names if "__pycache__" in n or n.startswith("course/labextension/")]


@pytest.mark.slow
def test_the_lite_build_lays_out_a_site_that_needs_nothing_outside_it(tmp_path: Path) -> None:
    from course.editions.pipeline import Inputs, load_course
    from course.project import find_project
    from course.site.pyodide_rule import BrowserVerdict
    from tests.test_site import make_site_project

    project = find_project(make_site_project(tmp_path / "project"))
    inputs = Inputs(project.roadmap, project.sections, project.cache)
    edition = lite_edition(load_course(inputs), inputs.data)
    assert edition.plan.verdicts[PurePosixPath("phase-01/1.1-running-python.ipynb")] == BrowserVerdict(True)
    version = __import__("jupyterlite_pyodide_kernel.constants", fromlist=["PYODIDE_VERSION"]).PYODIDE_VERSION
    cache = PyodideCache(tmp_path / "cache", FakeRegistries(version))
    out = tmp_path / "lite"
    phase_one = {rel: nb for rel, nb in edition.notebooks.items() if rel.parts[0] == "phase-01"}
    data = {PurePosixPath("phase-01/hosts.csv"): b"host\n", PurePosixPath("phase-00/other.csv"): b"x\n"}
    build_lite(LiteEdition(phase_one, data, plan_lite(phase_one)), cache, out, lambda _m: None)
    assert (out / "files" / "phase-01" / "hosts.csv").read_bytes() == b"host\n"
    assert not (out / "files" / "phase-00").exists(), "no notebook of phase 0 is in the Lite site, nor its data"
    assert (out / "notebooks" / "index.html").is_file()
    assert (out / "files" / "phase-01" / "1.1-running-python.ipynb").is_file()
    for ext in (
        "course-progress",
        "anywidget",
        "@jupyter-widgets/jupyterlab-manager",
        "@jupyterlite/pyodide-kernel-extension",
    ):
        assert (out / "extensions" / ext / "package.json").is_file(), ext
    config = json.loads((out / "jupyter-lite.json").read_text())["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["pyodideUrl"] == "./static/pyodide/pyodide.mjs"
    assert kernel["disablePyPIFallback"] is True
    assert "python-roadmap-course" in kernel["loadPyodideOptions"]["packages"]
    lock = json.loads((out / "static" / "pyodide" / "pyodide-lock.json").read_text())
    assert "python-roadmap-course" in lock["packages"]
    nb = json.loads((out / "files" / "phase-01" / "1.1-running-python.ipynb").read_text())
    assert nb["metadata"]["kernelspec"]["name"] == "python"


def _fill_cache(cache: Path) -> None:
    """The project's Pyodide cache as a first build would leave it (from the fake registries)."""
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    assemble_pyodide(PyodideCache(cache, FakeRegistries(PYODIDE_VERSION)), PYODIDE_VERSION, cache / "x", extra_wheels())


@pytest.fixture(scope="module")
def lite_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """``course site --lite`` of the small project with 0.1 starting a process; returns the site and the output."""
    from tests.test_site import make_site_project

    root = make_site_project(tmp_path_factory.mktemp("lite-project"))
    shutil.copy(DATA / "site" / "subprocess-0.1.py", root / "content" / "sections" / "0.1.py")
    _fill_cache(root / ".course-cache" / "lite")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["site", "--root", str(root), "--out", str(root / "site"), "--lite", "-q", "-j", "2"]) == 0
    return root / "site", out.getvalue()


@pytest.mark.slow
def test_site_lite_links_the_sections_that_run_and_says_why_the_others_cannot(lite_site: tuple[Path, str]) -> None:
    site, printed = lite_site
    assert "lite: 2 of 3 sections run in the browser" in printed
    runs = (site / "phase-01" / "1.1-running-python.html").read_text()
    assert 'href="../lite/notebooks/index.html?path=phase-01/1.1-running-python.ipynb">Run in the browser</a>' in runs
    assert "Run this on Binder" in runs
    blocked = (site / "phase-00" / "0.1-shell-basics.html").read_text()
    assert "This section cannot run in the browser because it runs other programs (subprocess)" in blocked
    assert "Run in the browser</a>" not in blocked
    assert "Run this on Binder" in blocked
    assert (site / "lite" / "files" / "phase-01" / "1.1-running-python.ipynb").is_file()
    assert not (site / "lite" / "files" / "phase-00").exists()
    for href in re.findall(r'href="(\.\./lite/[^"?]+)', runs):
        assert (site / "phase-01" / href).resolve().is_file(), href


@pytest.mark.slow
def test_a_lite_build_that_cannot_fetch_pyodide_leaves_the_last_site(
    lite_site: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    site, _printed = lite_site
    root = site.parent
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    shutil.rmtree(root / ".course-cache" / "lite")

    def offline(request: object, timeout: float) -> None:
        raise urllib.error.URLError("Network is unreachable")

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    with pytest.raises(CourseError, match=r"could not fetch https://registry\.npmjs\.org/pyodide/"):
        build_site(find_project(root), SiteOptions(site, jobs=2, lite=True))
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
