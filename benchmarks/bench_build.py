"""Times `course build` (all three editions) and `course build --check` on the whole roadmap.

Run: python benchmarks/bench_build.py [--repeat N]. Prints the numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    course = [sys.executable, "-m", "course"]
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        work = Path(tmp) / "project"
        work.mkdir()
        shutil.copy(ROOT / "pyproject.toml", work)
        shutil.copytree(ROOT / "content", work / "content")
        first = timed([*course, "build", "--root", str(work), "-q"], work)
        builds = [timed([*course, "build", "--root", str(work), "-q"], work) for _ in range(args.repeat)]
        checks = [timed([*course, "build", "--check", "--root", str(work), "-q"], work) for _ in range(args.repeat)]
    print(f"machine: {platform.machine()}, {platform.system()}, Python {platform.python_version()}")
    print(f"course build, into an empty project : {first:6.2f} s")
    print(f"course build, over a current build  : {statistics.median(builds):6.2f} s (median of {args.repeat})")
    print(f"course build --check                 : {statistics.median(checks):6.2f} s (median of {args.repeat})")


if __name__ == "__main__":
    main()
