"""Validation as the course grows: full `course verify`, an incremental verify after editing one
section, and plain `pytest --nbval-lax` over the self-study notebooks, side by side.

Runs on a scratch copy of the project (the real one is not touched). Prints the numbers and the
ratios; asserts nothing. Today's size is measured; the full size (all 101 sections written) is
extrapolated from the measured cost per unit (per exercise for proofs and mutants, per notebook
for runs and round trips), and labelled so.

Run: python benchmarks/bench_verify.py [--skip-nbval]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course.cli import main as course_main  # noqa: E402
from course.project import Project  # noqa: E402
from course.verify.full import Verification, verify_course  # noqa: E402

COPY = ("content", "notebooks", "source", "release", "pyproject.toml", "nbgrader_config.py")
SECTIONS = 101


def scratch_project(tmp: Path) -> Path:
    root = tmp / "project"
    root.mkdir()
    for name in COPY:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    return root


def edit_one_section(root: Path) -> str:
    """Add one assertion to the first test cell of the first written section's first exercise."""
    path = sorted((root / "content" / "sections").glob("*.py"))[0]
    text = path.read_text()
    marker = '# %% course={"kind": "test"'
    at = text.index(marker)
    end = text.index("\n", at)
    path.write_text(text[: end + 1] + "assert True  # an edit\n" + text[end + 1 :])
    return path.stem


def nbval(root: Path) -> float:
    work = root.parent / "nbval"
    shutil.copytree(root / "notebooks", work)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-p", "no:cacheprovider", "--nbval-lax",
         "--rootdir", str(work), str(work)],
        cwd=work, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - start


def report(name: str, v: Verification, seconds: float) -> None:
    steps = ", ".join(f"{k} {s:.1f} s ({v.reused.get(k, (0, 0))[0]} reused)" for k, s in v.seconds.items())
    print(f"  {name:28s}: {seconds:7.1f} s  [{steps}]; failures: {len(v.failures())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-nbval", action="store_true", help="leave out the plain pytest --nbval-lax run")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="bench-verify-") as tmp:
        root = scratch_project(Path(tmp))
        project = Project(root)
        start = time.perf_counter()
        full = verify_course(project, Path(tmp) / "full", incremental=False)
        full_s = time.perf_counter() - start
        section = edit_one_section(root)
        start = time.perf_counter()
        course_main(["build", "--root", str(root), "-q"])
        build_s = time.perf_counter() - start
        start = time.perf_counter()
        again = verify_course(project, Path(tmp) / "again")
        again_s = time.perf_counter() - start
        plain = None if args.skip_nbval else nbval(root)

        exercises = len(full.proofs)
        written = len({p.section for p in full.proofs})
        print(f"\ntoday: {written} written sections, {exercises} exercises, {len(full.runs)} notebooks")
        report("full course verify", full, full_s)
        report(f"after editing {section} (+build {build_s:.1f} s)", again, again_s)
        if plain is not None:
            print(f"  {'pytest --nbval-lax':28s}: {plain:7.1f} s  (notebooks only, one after another)")
            ratio = f"{plain / full_s:.2f}x faster" if plain >= full_s else f"{full_s / plain:.2f}x slower"
            print(f"  full verify vs nbval       : {ratio}, while also proving, mutating, grading")
            notebooks = full.seconds.get("notebooks", 0.0)
            if notebooks:
                print(f"  its notebook runs vs nbval : {plain / notebooks:.2f}x faster (the same work: every notebook)")
        print(f"  incremental vs full        : {full_s / max(again_s, 1e-9):.1f}x faster")

        scale = SECTIONS / max(written, 1)
        per = {k: v / max(n, 1) for k, v, n in (
            ("proofs", full.seconds.get("proofs", 0), exercises),
            ("mutants", full.seconds.get("mutants", 0), exercises),
            ("notebooks", full.seconds.get("notebooks", 0), len(full.runs)),
            ("roundtrip", full.seconds.get("roundtrip", 0), len(full.runs)),
        )}  # fmt: skip
        est = per["proofs"] * exercises * scale + per["mutants"] * exercises * scale
        est += (per["notebooks"] + per["roundtrip"]) * len(full.runs)  # notebooks: already one per section
        print(f"\nfull size, extrapolated ({SECTIONS} sections, {exercises * scale:.0f} exercises at today's mix):")
        print(f"  full course verify         : about {est:.0f} s")
        if plain is not None:
            print(
                f"  pytest --nbval-lax         : about {plain * 1.5:.0f} s (written notebooks run longer: assumed 1.5x)"
            )


if __name__ == "__main__":
    main()
