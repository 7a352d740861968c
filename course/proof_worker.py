"""Runs exercise scenarios in a plain Python process (no kernel), for ``course.proof``.

Reads one JSON job from stdin and writes its result to the file the job names. Imports only the standard
library so that starting it is cheap. Each scenario gets a fresh namespace: setup code, then
the answer, then each test cell; the result lists which test cells failed and why.
"""

from __future__ import annotations

import contextlib
import io
import json
import linecache
import os
import shutil
import signal
import sys
import tempfile
import time
from typing import Any


class ScenarioTimeout(Exception):
    pass


def _alarm(_signum: int, _frame: Any) -> None:
    raise ScenarioTimeout


def _run(code: str, ns: dict[str, Any], name: str) -> str | None:
    # like IPython does for cells: tracebacks and course.runtime.meters can then quote the line
    linecache.cache[name] = (len(code), None, code.splitlines(keepends=True), name)
    try:
        exec(compile(code, name, "exec"), ns)  # noqa: S102 - running authored course code is the point
    except ScenarioTimeout:
        raise
    except BaseException as err:  # noqa: BLE001 - SystemExit from exercise code is a failure too
        return f"{type(err).__name__}: {err}"[:500]
    return None


def run_scenario(setup: list[str], answer: str, tests: list[dict[str, str]], timeout: int) -> dict[str, Any]:
    ns: dict[str, Any] = {"__name__": "__main__"}
    out = io.StringIO()
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(max(1, timeout))
    result: dict[str, Any] = {"setup_error": None, "answer_error": None, "failed": {}}
    start = time.perf_counter()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            for i, code in enumerate(setup):
                err = _run(code, ns, f"<setup {i + 1}>")
                if err:
                    result["setup_error"] = err
                    return result
            result["answer_error"] = _run(answer, ns, "<answer>")
            for test in tests:
                err = _run(test["code"], ns, f"<test {test['id']}>")
                if err:
                    result["failed"][test["id"]] = err
    except ScenarioTimeout:
        result["timeout"] = True
        result["failed"] = {t["id"]: "timed out" for t in tests}
    finally:
        signal.alarm(0)
        result["seconds"] = round(time.perf_counter() - start, 4)
    return result


def main() -> None:
    job = json.loads(sys.stdin.read())
    sys.stdin = io.StringIO("")  # exercise code calling input() gets EOF, not our pipe
    home = os.getcwd()
    results: dict[str, dict[str, Any]] = {}
    for ex in job["exercises"]:
        ex_results: dict[str, Any] = {}
        for sc in ex["scenarios"]:
            with tempfile.TemporaryDirectory(prefix="course-proof-") as tmp:
                if job.get("data") and os.path.isdir(job["data"]):
                    shutil.copytree(job["data"], os.path.join(tmp, "data"))
                os.chdir(tmp)
                try:
                    ex_results[sc["name"]] = run_scenario(job["setup"], sc["answer"], ex["tests"], ex["timeout"])
                finally:
                    os.chdir(home)
        results[ex["id"]] = ex_results
    # a file, not stdout: exercise code may start programs that write to file descriptor 1
    with open(job["result"], "w", encoding="utf-8") as fh:
        json.dump(results, fh)


if __name__ == "__main__":
    main()
