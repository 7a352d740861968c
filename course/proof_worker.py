"""Runs exercise scenarios in a plain Python process (no kernel), for ``course.proof``.

Reads one JSON job from stdin and writes its result to the file the job names. Imports only the standard
library so that starting it is cheap. Each scenario gets a fresh namespace and a fresh scratch folder:
setup code, then the answer, then each test cell; the result lists which test cells failed and why.
A job in ``"mode": "mutants"`` runs mutants instead (``run_mutants``), for ``course.mutation``.
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import linecache
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import tracemalloc
import warnings
from collections.abc import Iterator, Mapping
from typing import Any


def environment(base: Mapping[str, str]) -> dict[str, str]:
    """The environment to start a worker in: no bytecode written, a matplotlib that draws nowhere, a
    fixed hash seed, and the same ``course`` package as the process starting it. Workers run in a scratch folder, so
    a relative ``PYTHONPATH`` (``PYTHONPATH=.`` in a checkout) would point elsewhere; entries are made
    absolute, and a source checkout's own folder goes first (never site-packages, whose place on
    ``sys.path`` must stay after the standard library's)."""
    # PYTHONHASHSEED: string hashing, and with it the order of a set of strings, is the same on every
    # run, so a mutant a test kills by luck of set order is killed (or survives) every time: the gate's
    # verdict does not change between two runs of the same content
    env = dict(base, PYTHONDONTWRITEBYTECODE="1", MPLBACKEND="Agg", PYTHONHASHSEED="0")
    paths = [os.path.abspath(p) for p in base.get("PYTHONPATH", "").split(os.pathsep) if p]
    checkout = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if os.path.exists(os.path.join(checkout, "pyproject.toml")):
        paths = [checkout, *(p for p in paths if p != checkout)]
    if paths:
        env["PYTHONPATH"] = os.pathsep.join(paths)
    return env


class ScenarioTimeout(BaseException):
    """Raised by a timer; a BaseException, so that ``except Exception`` in exercise code does not
    swallow it (and the timers fire again every 0.1 s until the scenario ends, so a bare ``except``
    does not either)."""


_armed = False


def _alarm(_signum: int, frame: Any) -> None:
    if _armed and not _holds_shared_lock(frame):
        raise ScenarioTimeout


def _holds_shared_lock(frame: Any) -> bool:
    """Whether the interrupted code holds a process-wide lock that another thread may need: the ``logging``
    module's lock, or an import's. Raising there can leave the lock taken for good (between its ``acquire`` and
    the ``try`` that releases it), and a server thread of the scenario's (``course.runtime.kube``'s emulator logs
    through aiohttp) then waits on it for ever: every later scenario of the worker timed out (17.2, once in a few
    hundred mutants). The timers fire again 0.1 s later, when the lock is free."""
    logging = sys.modules.get("logging")
    lock = getattr(logging, "_lock", None)
    if lock is not None and lock._is_owned():
        return True
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


def _arm(wall: float, cpu: float = 0.0) -> None:
    """Start (or, with 0, stop) the timers: ``wall`` seconds of real time, ``cpu`` seconds of this
    process's processor time. The processor-time limit is the tight one for mutants: a loop that
    never ends burns it, and a machine busy with other work does not (it only stretches real time)."""
    global _armed  # noqa: PLW0603 - one pair of timers per process, like the signals they serve
    _armed = wall > 0
    if _armed:  # code run earlier may have blocked them
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGALRM, signal.SIGPROF})
    signal.setitimer(signal.ITIMER_REAL, max(0.0, wall), 0.1 if wall > 0 else 0.0)
    signal.setitimer(signal.ITIMER_PROF, max(0.0, cpu), 0.1 if cpu > 0 else 0.0)


def _run(code: str, ns: dict[str, Any], name: str) -> str | None:
    # like IPython does for cells: tracebacks and course.runtime.meters can then quote the line
    linecache.cache[name] = (len(code), None, code.splitlines(keepends=True), name)
    try:
        # dont_inherit: this module's `from __future__ import annotations` must not leak into content code
        # (in a notebook, annotations are evaluated; under the proof they must be too)
        exec(compile(code, name, "exec", dont_inherit=True), ns)  # noqa: S102 - running authored course code is the point
    except ScenarioTimeout:
        raise
    except BaseException as err:  # noqa: BLE001 - SystemExit from exercise code is a failure too
        return f"{type(err).__name__}: {err}"[:500]
    return None


def run_scenario(
    setup: list[str],
    answer: str,
    tests: list[dict[str, str]],
    timeout: float,
    *,
    cpu: float = 0.0,
    stop_on_failure: bool = False,
    files: Mapping[str, str] | None = None,
    file: str = "",
) -> dict[str, Any]:
    """Setup, answer, then every test cell in one fresh namespace, within ``timeout`` seconds (and
    ``cpu`` seconds of processor time, if given).

    With ``stop_on_failure`` (mutants) it stops at the answer's error or the first failing test,
    and throws the output away. A capstone section's milestone ``files`` (path -> reference text) are
    written first; an answer with a ``file`` is that module, written and imported as its notebook cell's
    ``%%repo_file`` magic does (``course.runtime.capstone``), not run as a cell."""
    for path, text in (files or {}).items():
        if path == file:  # the answer writes its own
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
    if file:
        answer = f"__import__('course.runtime.capstone').runtime.capstone.write_module({file!r}, {answer!r})\n"
    ns: dict[str, Any] = {"__name__": "__main__"}
    out: io.TextIOBase = _Discard() if stop_on_failure else io.StringIO()
    signal.signal(signal.SIGALRM, _alarm)
    signal.signal(signal.SIGPROF, _alarm)
    result: dict[str, Any] = {"setup_error": None, "answer_error": None, "failed": {}}
    start, start_cpu = time.perf_counter(), time.process_time()
    _arm(timeout, cpu)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            for i, code in enumerate(setup):
                err = _run(code, ns, f"<setup {i + 1}>")
                if err:
                    result["setup_error"] = err
                    return result
            result["answer_error"] = _run(answer, ns, "<answer>")
            if result["answer_error"] and stop_on_failure:
                return result
            if not stop_on_failure:  # what the answer left defined, before any test adds names
                result["names"] = sorted(k for k in ns if not k.startswith("__"))
            for test in tests:
                err = _run(test["code"], ns, f"<test {test['id']}>")
                if err:
                    result["failed"][test["id"]] = err
                    if stop_on_failure:
                        break
    except ScenarioTimeout:
        _arm(0)
        result["timeout"] = True
        result["failed"] = {t["id"]: "timed out" for t in tests}
    finally:
        _arm(0)
        result["seconds"] = round(time.perf_counter() - start, 4)
        result["cpu"] = round(time.process_time() - start_cpu, 4)
    return result


class _Discard(io.TextIOBase):
    """Where a mutant's output goes (a mutant printing in a loop must not fill the memory)."""

    def write(self, s: str) -> int:
        return len(s)


@contextlib.contextmanager
def _interpreter_state() -> Iterator[None]:
    """Put back the process-wide settings exercise code changes: a mutant that forgets
    ``tracemalloc.stop()`` or ``gc.enable()`` must not fail the next exercise run in this worker
    (9.4's slim-readings solution once failed its own test after a peak-bytes mutant left tracing on)."""
    tracing, gc_on, thresholds = tracemalloc.is_tracing(), gc.isenabled(), gc.get_threshold()
    limit, switch = sys.getrecursionlimit(), sys.getswitchinterval()
    trace, profile, filters = sys.gettrace(), sys.getprofile(), list(warnings.filters)
    thread_trace, thread_profile = threading.gettrace(), threading.getprofile()
    try:
        yield
    finally:
        if tracemalloc.is_tracing() and not tracing:
            tracemalloc.stop()
        (gc.enable if gc_on else gc.disable)()
        gc.set_threshold(*thresholds)
        sys.setrecursionlimit(limit)
        sys.setswitchinterval(switch)
        sys.settrace(trace)
        sys.setprofile(profile)
        threading.settrace(thread_trace)
        threading.setprofile(thread_profile)
        warnings.filters[:] = filters  # type: ignore[index]


def _in_scratch(data: str | None, run: Any) -> Any:
    """``run()`` in a fresh temporary folder holding a copy of the section's data; the working
    folder, environment variables, ``sys.path`` and the interpreter-wide settings of
    :func:`_interpreter_state` are put back afterwards."""
    home, environ, path = os.getcwd(), dict(os.environ), list(sys.path)
    with tempfile.TemporaryDirectory(prefix="course-proof-") as tmp, _interpreter_state():
        if data and os.path.isdir(data):
            shutil.copytree(data, os.path.join(tmp, "data"))
        os.chdir(tmp)
        try:
            return run()
        finally:
            os.chdir(home)
            sys.path[:] = path
            if dict(os.environ) != environ:  # what one run sets must not leak into the next
                os.environ.clear()
                os.environ.update(environ)


def run_mutants(job: dict[str, Any]) -> None:
    """The mutants of some exercises, one after another; one JSON line per event, flushed at once,
    so that the parent sees which mutant is running and can stop a worker that hangs.

    Per exercise: the solution runs first (it must pass), and its times set the mutants' limits:
    ``factor`` times the solution's processor time (at least ``cpu_floor`` seconds) and ``factor``
    times its real time (at least ``floor`` seconds, at most the exercise's timeout). A job that
    gives the ``limits`` skips that. A mutant is killed when its answer raises, a test cell fails
    or it runs out of time."""
    data = job.get("data")
    with open(job["result"], "a", encoding="utf-8") as log:

        def say(event: dict[str, Any]) -> None:
            log.write(json.dumps(event) + "\n")
            log.flush()

        for ex in job["exercises"]:
            tests, limits = ex["tests"], ex.get("limits")
            if limits is None:
                say({"exercise": ex["id"], "calibrate": True})
                answer, keywords = ex["solution"], _files(job, ex)
                sol = _in_scratch(data, lambda: run_scenario(job["setup"], answer, tests, ex["timeout"], **keywords))  # noqa: B023
                ok = not (sol["setup_error"] or sol["answer_error"] or sol["failed"] or sol.get("timeout"))
                wall = min(float(ex["timeout"]), max(job["floor"], job["factor"] * sol["seconds"]))
                limits = [wall, max(job["cpu_floor"], job["factor"] * sol["cpu"])]
                say({"exercise": ex["id"], "solution": sol, "ok": ok, "limits": limits})
                if not ok:
                    continue
            for m in ex["mutants"]:
                say({"exercise": ex["id"], "start": m["id"], "limit": limits[0]})
                r = _in_scratch(data, lambda: _mutant(job["setup"], m["answer"], tests, limits, _files(job, ex)))  # noqa: B023
                say({"exercise": ex["id"], "done": m["id"], "killed_by": _killer(r), "seconds": r["seconds"]})


def _files(job: dict[str, Any], ex: dict[str, Any]) -> dict[str, Any]:
    """The capstone keywords of ``run_scenario`` for one exercise of a job (none for other sections)."""
    return {"files": job.get("files") or {}, "file": ex.get("file", "")}


def _mutant(
    setup: list[str], answer: str, tests: list[dict[str, str]], limits: list[float], files: dict[str, Any]
) -> dict[str, Any]:
    return run_scenario(setup, answer, tests, limits[0], cpu=limits[1], stop_on_failure=True, **files)


def _killer(result: dict[str, Any]) -> str | None:
    """What killed a mutant ("" for nothing: it survived)."""
    if result.get("timeout"):
        return "timeout"
    if result["setup_error"]:
        return f"setup: {result['setup_error']}"
    if result["answer_error"]:
        return f"answer: {result['answer_error']}"
    for tid, err in result["failed"].items():
        return f"{tid}: {err}"
    return None


def main() -> None:
    job = json.loads(sys.stdin.read())
    sys.stdin = io.StringIO("")  # exercise code calling input() gets EOF, not our pipe
    if job.get("mode") == "mutants":
        run_mutants(job)
        return
    results: dict[str, dict[str, Any]] = {}
    for ex in job["exercises"]:
        ex_results: dict[str, Any] = {}
        for sc in ex["scenarios"]:
            ex_results[sc["name"]] = _in_scratch(
                job.get("data"),
                lambda: run_scenario(job["setup"], sc["answer"], ex["tests"], ex["timeout"], **_files(job, ex)),  # noqa: B023
            )
        results[ex["id"]] = ex_results
    # a file, not stdout: exercise code may start programs that write to file descriptor 1
    with open(job["result"], "w", encoding="utf-8") as fh:
        json.dump(results, fh)


if __name__ == "__main__":
    main()
