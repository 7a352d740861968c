"""Full course validation, the fast way and the straightforward way, side by side.

Validation = every self-study notebook executed, every exercise proven both ways, and the
nbgrader round trip (release, a perfect submission, autograde) for every phase (a phase without exercises is
submitted untouched); that an untouched submission gets no points is proven per exercise by the proofs.

* fast: ``course.verify`` — notebooks on a pool of kernels in parallel, proofs in plain Python
  worker processes (no kernel), nbgrader's Python API in a few processes;
* straightforward: ``pytest --nbval-lax`` over every notebook one after another, and the
  ``nbgrader`` command line once per assignment and once per submission.

Run: python benchmarks/bench_validate.py [--skip-straightforward]. Prints the numbers; asserts
nothing. Takes several minutes (the straightforward way is the slow part).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course.editions.pipeline import Inputs, load_course  # noqa: E402
from course.project import Project  # noqa: E402
from course.verify.execute import default_workers, execute_notebook  # noqa: E402
from course.verify.full import Verification, verify_course  # noqa: E402
from course.verify.roundtrip import fill_answers, solutions_by_notebook  # noqa: E402

QUIET = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}


def fast(workdir: Path) -> Verification:
    return verify_course(Project(ROOT), workdir, incremental=False)


def straightforward(workdir: Path) -> dict[str, float]:
    bindir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bindir}{os.pathsep}{os.environ['PATH']}")
    shutil.copytree(ROOT / "notebooks", workdir / "nbval")
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-p", "no:cacheprovider", "--nbval-lax",
         "--rootdir", str(workdir / "nbval"), str(workdir / "nbval")],
        cwd=workdir / "nbval", env=env, check=False, **QUIET,
    )  # fmt: skip
    t1 = time.perf_counter()
    course = workdir / "course"
    course.mkdir()
    shutil.copytree(ROOT / "source", course / "source")
    (course / "nbgrader_config.py").write_text("c = get_config()\nc.OverwriteCells.add_missing_cells = True\n")
    assignments = sorted(p.name for p in (course / "source").iterdir() if p.is_dir())
    for a in assignments:
        subprocess.run(["nbgrader", "generate_assignment", a, "--force"], cwd=course, env=env, check=True, **QUIET)
    import nbformat

    solutions = solutions_by_notebook(
        load_course(Inputs(ROOT / "content" / "roadmap.md", ROOT / "content" / "sections"))
    )
    for a in assignments:
        stems = [p.stem for p in (course / "release" / a).glob("*.ipynb")]
        for student in ("perfect",) if any(s in solutions for s in stems) else ("untouched",):
            folder = course / "submitted" / student / a
            folder.mkdir(parents=True)
            for path in sorted((course / "release" / a).glob("*.ipynb")):
                nb = nbformat.read(path, as_version=4)
                if student == "perfect":
                    fill_answers(nb, solutions.get(path.stem, {}))
                nbformat.write(nb, folder / path.name)
            subprocess.run(
                ["nbgrader", "autograde", a, "--student", student, "--force"], cwd=course, env=env, check=False, **QUIET
            )
    t2 = time.perf_counter()
    return {"nbval": t1 - t0, "nbgrader_cli": t2 - t1, "total": t2 - t0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-straightforward", action="store_true", help="only time the fast way")
    args = parser.parse_args()
    print(
        f"machine: {os.cpu_count()} CPUs, {platform.machine()}, {platform.system()}, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-validate-") as tmp:
        f = fast(Path(tmp) / "fast")
        total = sum(f.seconds.values())
        proof_s, nb_s, rt_s = f.seconds["proofs"], f.seconds["notebooks"], f.seconds["roundtrip"]
        print("\nfast way (course verify)")
        per_ex = 1000 * proof_s / max(len(f.proofs), 1)
        per_nb = nb_s / max(len(f.runs), 1)
        print(f"  exercises proven both ways : {len(f.proofs):4d} in {proof_s:6.1f} s  ({per_ex:.0f} ms per exercise)")
        if f.mutation:
            mut_s = f.seconds["mutants"]
            print(f"  mutants of the solutions   : {f.mutation.total:4d} in {mut_s:6.1f} s")
        print(f"  self-study notebooks run   : {len(f.runs):4d} in {nb_s:6.1f} s  ({per_nb:.2f} s per notebook, wall)")
        print(f"  nbgrader round trips       : {len(f.trips):4d} in {rt_s:6.1f} s  (every phase)")
        print(f"  total                      : {total:6.1f} s; failures: {len(f.failures())}")
        seconds = [r.seconds for r in f.runs]
        print(
            f"  per notebook, kernel start included, {default_workers()} at once: "
            f"median {statistics.median(seconds):.2f} s, max {max(seconds):.2f} s"
        )
        print("  ten slowest notebooks (in the parallel run / run alone):")
        for t, rel in f.slowest():
            print(f"    {t:5.2f} s / {execute_notebook(f.notebooks / rel).seconds:5.2f} s  {rel}")
        if not args.skip_straightforward:
            s = straightforward(Path(tmp) / "slow")
            print("\nstraightforward way")
            print(f"  pytest --nbval-lax, one notebook after another : {s['nbval']:6.1f} s")
            print(f"  nbgrader CLI per assignment and per submission : {s['nbgrader_cli']:6.1f} s")
            print(f"  total                                          : {s['total']:6.1f} s")
            print(f"\nspeed-up: {s['total'] / total:.1f}x  ({s['total']:.0f} s -> {total:.0f} s)")


if __name__ == "__main__":
    main()
