"""Times the mutation check (``course prove --mutants``, without the both-ways proofs) over every
section with exercises, or the sections named.

Run: python benchmarks/bench_mutants.py [SECTION...] [-j N]. Prints the number of mutants, how
they ended (killed, of which by timeout; survived; declared equivalent), survivors per section,
the wall time, and the processor time the workers used (which a busy machine does not inflate
as much as the wall time). Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course.editions.pipeline import Inputs, load_course  # noqa: E402
from course.mutation.check import EQUIVALENT, KILLED, SURVIVED, check_course  # noqa: E402
from course.project import Project  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sections", nargs="*")
    parser.add_argument("-j", "--jobs", type=int, default=0)
    args = parser.parse_args()
    project = Project(ROOT)
    course = load_course(Inputs(project.roadmap, project.sections, project.cache))
    load_before = os.getloadavg()[0]
    report = check_course(course, project.data, sections=args.sections or None, jobs=args.jobs)
    load_after = os.getloadavg()[0]
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    machine = f"{platform.machine()}, {platform.system()}, Python {platform.python_version()}"
    print(f"machine: {machine}, {os.cpu_count()} CPUs")
    print(f"load average (1 min) before / after: {load_before:.1f} / {load_after:.1f}")
    print(f"exercises: {len(report.exercises)}, sections: {len({e.section for e in report.exercises})}")
    print(f"mutants: {report.total}")
    print(f"  killed: {report.count(KILLED)} (by timeout: {report.timeouts})")
    print(f"  survived: {report.count(SURVIVED)}")
    print(f"  declared equivalent: {report.count(EQUIVALENT)}")
    problems = sum(len(e.problems) for e in report.exercises)
    print(f"  problems (stale or wrong declarations, solutions that fail): {problems}")
    sections = sorted({e.section for e in report.exercises}, key=lambda s: tuple(int(x) for x in s.split(".")))
    per = {s: sum(len(e.survivors) for e in report.exercises if e.section == s) for s in sections}
    print("survivors per section: " + ", ".join(f"{s}: {n}" for s, n in per.items()))
    print(f"wall time: {report.seconds:.1f} s")
    print(f"worker processor time: {cpu.ru_utime + cpu.ru_stime:.1f} s")


if __name__ == "__main__":
    main()
