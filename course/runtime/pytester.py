"""Run pytest in-process on a few test files, or on a test class written in a notebook, and get the
result of every test as data (never by reading pytest's printed output).

Sections on testing grade test suites: a learner's tests must pass on a correct implementation and
fail on each planted bug. :func:`run_files` writes files (``{"test_calc.py": source, ...}``) to a fresh
temporary folder and runs pytest there; :func:`run_class` runs the tests of one ``Test...`` class
defined anywhere (a notebook cell), with ``given`` objects offered as fixtures by name, so the same
class runs against the correct code and against each bug; :func:`run_variants` runs it against every
variant in one session (a parametrized fixture) and gives one :class:`Report` per variant. Every run
is sealed off from its caller:

- its own ``pytest.ini`` in the temporary folder (``--rootdir`` and ``-c`` point there), so the
  caller's ``pyproject.toml``, ``conftest.py`` and ``addopts`` are never read; ``tmp_path`` folders
  are made inside it too (``--basetemp``), not in the ``pytest-of-<user>`` folder other runs share;
- no cache folder (``-p no:cacheprovider``); no ``unraisableexception``, ``doctest`` or ``pastebin``
  plugin (the first calls ``gc.collect()`` several times per run: slow in a big kernel); no installed
  plugin (``PYTEST_DISABLE_PLUGIN_AUTOLOAD``: a ``pytest-randomly`` would reorder tests); sys-level
  capture only (a kernel's file descriptors are left alone); no faulthandler; no colour codes in
  messages (``PY_COLORS=0``, which wins over a ``FORCE_COLOR`` set by a kernel or CI);
- the working folder is the temporary folder while it runs (tools that write relative paths, such as
  hypothesis's example database, write there), and ``os.environ``, ``sys.path`` and the modules the
  run imported from its folder are put back afterwards, so the next run imports fresh copies;
- a module the caller imported under the name of a file the run writes (``helper`` for ``helper.py``)
  is hidden while the run lasts and put back afterwards, so the run imports its own file;
- hypothesis's settings profiles (``settings.register_profile`` / ``load_profile`` in a test file) are
  put back as they were, so a run cannot change the next run's examples.

What pytest prints is kept in :attr:`Report.output`, for demos to show; verdicts use
:attr:`Report.outcomes`. Standard library plus pytest (imported when a run starts).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_INI = "[pytest]\n"
# Plugins a sealed run does without. unraisableexception runs gc.collect() several times per session, which
# costs a kernel with a large heap a second; doctest and pastebin are never used here.
_LEAN = ("-p", "no:unraisableexception", "-p", "no:doctest", "-p", "no:pastebin")
_given: dict[str, Any] = {}  # what the generated module of run_class reads while a run lasts


@dataclass(frozen=True)
class Outcome:
    """One test's result: ``nodeid`` as pytest names it (``test_calc.py::test_add[2-3]``), and
    ``outcome``: ``passed``, ``failed``, ``skipped``, ``xfailed``, ``xpassed`` or ``error`` (its
    fixture setup or teardown failed). ``message`` is pytest's report of a failure, error or skip."""

    nodeid: str
    outcome: str
    message: str = ""

    @property
    def name(self) -> str:
        """The test's name without the file part: ``test_add[2-3]`` or ``TestCalc::test_add``."""
        return self.nodeid.split("::", 1)[-1]


@dataclass(frozen=True)
class Report:
    """The result of one pytest run: ``exit_code`` (0 all passed, 1 some failed, 2 interrupted,
    3 internal error, 4 usage error, 5 no tests collected), every test's :class:`Outcome` in the
    order pytest reported them, collection ``errors`` (a file that does not import), and the text
    pytest printed."""

    exit_code: int
    outcomes: tuple[Outcome, ...]
    errors: tuple[str, ...] = ()
    output: str = field(default="", repr=False)

    def by_outcome(self, outcome: str) -> list[str]:
        """The names of the tests with this outcome, in run order."""
        return [o.name for o in self.outcomes if o.outcome == outcome]

    def counts(self) -> dict[str, int]:
        """How many tests had each outcome, e.g. ``{"passed": 3, "failed": 1}`` (only outcomes seen)."""
        tally: dict[str, int] = {}
        for o in self.outcomes:
            tally[o.outcome] = tally.get(o.outcome, 0) + 1
        return tally

    @property
    def green(self) -> bool:
        """Whether at least one test ran and none failed or errored (skips and xfails allowed)."""
        return self.exit_code == 0 and bool(self.outcomes)

    @property
    def caught(self) -> bool:
        """Whether the run went red because some test failed or errored (not for a usage error, a
        collection error or an empty run, which prove nothing about the code under test)."""
        return self.exit_code == 1 and not self.errors and any(o.outcome in ("failed", "error") for o in self.outcomes)


class _Recorder:
    """A pytest plugin that records each test's outcome from its reports."""

    def __init__(self, variant_of: str = "", reverse: bool = False) -> None:
        self.reverse = reverse  # run the collected tests last to first
        self.variant_of = variant_of  # the fixture whose parameter names a variant (run_variants)
        self.variants: dict[str, str] = {}  # nodeid -> variant
        self.outcomes: dict[str, Outcome] = {}
        self.errors: list[str] = []

    def pytest_runtest_logreport(self, report: Any) -> None:
        nodeid, when = report.nodeid, report.when
        text = str(report.longrepr) if report.longrepr is not None else ""
        if report.skipped and isinstance(report.longrepr, tuple):
            text = str(report.longrepr[2])
        wasxfail = hasattr(report, "wasxfail")
        if when == "call":
            if wasxfail:
                outcome = "xfailed" if report.skipped else "xpassed"
                text = text or str(report.wasxfail)
            else:
                outcome = report.outcome
            self.outcomes[nodeid] = Outcome(nodeid, outcome, text)
        elif report.failed:  # setup or teardown failed: an error, whatever the call did
            self.outcomes[nodeid] = Outcome(nodeid, "error", text)
        elif report.skipped:  # skipped (or xfailed) before the call
            self.outcomes[nodeid] = Outcome(nodeid, "xfailed" if wasxfail else "skipped", text)

    def pytest_collection_modifyitems(self, items: list[Any]) -> None:
        if self.reverse:
            items.reverse()
        for item in items:
            params = getattr(getattr(item, "callspec", None), "params", {})
            if self.variant_of in params:
                self.variants[item.nodeid] = params[self.variant_of]

    def pytest_collectreport(self, report: Any) -> None:
        if report.failed:
            self.errors.append(f"{report.nodeid or '<collection>'}: {report.longrepr}")


def _top_names(files: Mapping[str, str]) -> set[str]:
    """The top-level module or package names the written files could be imported as."""
    names = set()
    for name in files:
        first = Path(name).parts[0]
        names.add(first[:-3] if first.endswith(".py") else first)
    return {name for name in names if name.isidentifier()}


def _hypothesis_profiles() -> tuple[str | None, dict[str, Any]] | None:
    """hypothesis's current settings profile and registered profiles, if hypothesis is imported."""
    module = sys.modules.get("hypothesis._settings")
    if module is None:
        return None
    return module.settings._current_profile, dict(module.settings._profiles)


def _restore_hypothesis(saved: tuple[str | None, dict[str, Any]] | None) -> None:
    """Put hypothesis's profiles back; if the run imported hypothesis first, as a fresh import leaves them."""
    module = sys.modules.get("hypothesis._settings")
    if module is None:
        return
    settings = module.settings
    if saved is None:
        saved = ("ci" if module.is_in_ci() else "default", {k: settings._profiles[k] for k in ("default", "ci")})
    current, profiles = saved
    settings._profiles.clear()
    settings._profiles.update(profiles)
    if current is None:
        settings._current_profile = None
    else:
        settings.load_profile(current)


@contextlib.contextmanager
def _sealed(folder: Path, hide: set[str]) -> Iterator[None]:
    """Environment, working folder, sys.path, hypothesis's profiles and the modules imported from ``folder``,
    restored; the caller's modules named in ``hide`` (and their submodules) hidden while the run lasts."""
    environ, path, cwd = dict(os.environ), list(sys.path), os.getcwd()
    hidden = {n: m for n, m in sys.modules.items() if n in hide or n.split(".", 1)[0] in hide}
    for name in hidden:
        del sys.modules[name]
    before = set(sys.modules)
    profiles = _hypothesis_profiles()
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    os.environ["PY_COLORS"] = "0"  # no colour codes in messages, whatever FORCE_COLOR a kernel or CI sets
    os.environ.pop("PYTEST_ADDOPTS", None)
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(environ)
        sys.path[:] = path
        for name in set(sys.modules) - before:
            where = getattr(sys.modules[name], "__file__", None) or ""
            if where.startswith(str(folder)) or name in ("conftest", "course_given_tests") or name in hidden:
                del sys.modules[name]
        sys.modules.update(hidden)
        for key in [k for k in sys.path_importer_cache if k.startswith(str(folder))]:
            del sys.path_importer_cache[key]
        _restore_hypothesis(profiles)


def run_files(files: Mapping[str, str], *args: str, reverse: bool = False) -> Report:
    """Write ``files`` (relative name -> source; ``textwrap.dedent`` is applied) into a fresh temporary
    folder and run pytest on it with ``args`` (e.g. ``"-v"``, ``"-k", "add"``, ``"-m", "not slow"``).
    A ``pytest.ini`` among the files is the run's configuration; without one an empty one is used.
    ``reverse=True`` runs the collected tests last to first (a suite whose tests lean on each other's
    leftovers fails then, as it may under ``pytest-xdist`` or ``pytest-randomly``)."""
    code, recorder, output = _run(files, args, _Recorder(reverse=reverse))
    return Report(code, tuple(recorder.outcomes.values()), tuple(recorder.errors), output)


def _run(files: Mapping[str, str], args: tuple[str, ...], recorder: _Recorder) -> tuple[int, _Recorder, str]:
    import pytest

    with tempfile.TemporaryDirectory(prefix="course-pytester-") as tmp:
        folder = Path(tmp).resolve() / "tests"
        folder.mkdir()
        for name, source in files.items():
            target = folder / name
            if folder not in target.resolve().parents:
                msg = f"run_files: {name!r} is not a relative path inside the test folder"
                raise ValueError(msg)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(source), encoding="utf-8")
        ini = folder / "pytest.ini"
        if "pytest.ini" not in files:
            ini.write_text(_INI, encoding="utf-8")
        argv = [str(folder), "--rootdir", str(folder), "-c", str(ini), "-p", "no:cacheprovider"]
        argv += ["--basetemp", str(folder.parent / "basetemp")]
        argv += ["-p", "no:faulthandler", "--capture=sys", "--color=no", *_LEAN, *args]
        out = io.StringIO()
        with _sealed(folder, _top_names(files)), contextlib.redirect_stdout(out):
            code = pytest.main(argv, plugins=[recorder])
        return int(code), recorder, out.getvalue()


def _check_class(tests: object) -> type:
    if not (isinstance(tests, type) and tests.__name__.startswith("Test")):
        msg = f"expected a class whose name starts with 'Test', got {tests!r}"
        raise TypeError(msg)
    return tests


def _check_name(name: str) -> str:
    if not name.isidentifier() or name.startswith("_"):
        msg = f"fixture name {name!r} is not a public identifier"
        raise ValueError(msg)
    return name


def run_class(
    tests: type, *args: str, given: Mapping[str, Any] | None = None, ini: str = _INI, reverse: bool = False
) -> Report:
    """Run the tests of class ``tests`` (its name must start with ``Test``) with pytest, each object
    in ``given`` offered as a function-scoped fixture of that name (``given={"two_sum": buggy}``:
    a test method asking for ``two_sum`` gets ``buggy``)."""
    _check_class(tests)
    given = {_check_name(name): value for name, value in (given or {}).items()}
    lines = ["import pytest", "from course.runtime.pytester import _given", f"{tests.__name__} = _given['tests']"]
    for name in given:
        lines += ["", "", "@pytest.fixture", f"def {name}():", f"    return _given['fixtures'][{name!r}]"]
    _given.update(tests=tests, fixtures=given)
    try:
        return run_files({"test_given.py": "\n".join(lines) + "\n", "pytest.ini": ini}, *args, reverse=reverse)
    finally:
        _given.clear()


def run_variants(
    tests: type,
    name: str,
    variants: Mapping[str, Any],
    *args: str,
    given: Mapping[str, Any] | None = None,
    ini: str = _INI,
    reverse: bool = False,
) -> dict[str, Report]:
    """Run the tests of class ``tests`` once for every entry of ``variants`` (variant name -> object),
    in one pytest session: the fixture ``name`` is parametrized over the variants, so each test that
    asks for it (directly or through another fixture) runs once per variant. Returns one
    :class:`Report` per variant with the outcomes of its tests; tests that do not ask for ``name``
    run once and appear in every variant's report. A collection error goes into every report.

    ``run_variants(TestTwoSum, "two_sum", {"correct": two_sum, "off-by-one": buggy})["off-by-one"].caught``
    says whether the suite catches that bug. ``given`` and ``reverse`` work as in :func:`run_class`."""
    _check_class(tests)
    _check_name(name)
    given = {_check_name(n): value for n, value in (given or {}).items()}
    keys = list(variants)
    lines = [
        "import pytest",
        "from course.runtime.pytester import _given",
        f"{tests.__name__} = _given['tests']",
        "",
        "",
        "@pytest.fixture(params=_given['keys'], ids=_given['keys'])",
        f"def {name}(request):",
        "    return _given['variants'][request.param]",
    ]
    for other in given:
        lines += ["", "", "@pytest.fixture", f"def {other}():", f"    return _given['fixtures'][{other!r}]"]
    _given.update(tests=tests, keys=keys, variants=dict(variants), fixtures=given)
    try:
        files = {"test_given.py": "\n".join(lines) + "\n", "pytest.ini": ini}
        code, recorder, output = _run(files, args, _Recorder(variant_of=name, reverse=reverse))
    finally:
        _given.clear()
    reports = {}
    for key in keys:
        mine = tuple(o for o in recorder.outcomes.values() if recorder.variants.get(o.nodeid, key) == key)
        red = any(o.outcome in ("failed", "error") for o in mine)
        status = code if code not in (0, 1) else int(red)
        reports[key] = Report(status, mine, tuple(recorder.errors), output)
    return reports
