"""Times the Lite part of `course site --lite` on the whole course: cold (empty Pyodide cache: npm and PyPI
downloads) and cached (the second build, offline), without the pages' papermill runs.

Run: python benchmarks/bench_lite.py. Needs the registries for the cold build. Prints the numbers; asserts nothing.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course.editions.pipeline import Inputs, load_course  # noqa: E402
from course.project import find_project  # noqa: E402
from course.site.lite import build_lite, lite_edition  # noqa: E402
from course.site.pyodide import PyodideCache  # noqa: E402


def main() -> None:
    project = find_project(ROOT)
    inputs = Inputs(project.roadmap, project.sections, project.cache)
    start = time.perf_counter()
    edition = lite_edition(load_course(inputs), inputs.data)
    judged = time.perf_counter() - start
    with tempfile.TemporaryDirectory(prefix="bench-lite-") as tmp:
        cache = PyodideCache(Path(tmp) / "cache")
        times = []
        for run in ("cold", "cached"):
            start = time.perf_counter()
            build_lite(edition, cache, Path(tmp) / run, lambda _m: None)
            times.append(time.perf_counter() - start)
        size = sum(p.stat().st_size for p in (Path(tmp) / "cached").rglob("*") if p.is_file())
    print(
        f"machine: {platform.machine()}, {platform.system()}, Python {platform.python_version()}, {os.cpu_count()} CPUs"
    )
    print(f"load average: {os.getloadavg()[0]:.1f}")
    print(f"{edition.plan.sections_line()}; notebooks built and judged in {judged:.1f}s")
    print(f"lite build, cold cache (downloads): {times[0]:.1f}s")
    print(f"lite build, cached (offline):       {times[1]:.1f}s")
    print(f"lite site size: {size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
