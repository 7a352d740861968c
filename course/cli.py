"""``course``: a thin command line over the library. It parses arguments, calls, prints."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeAlias

from course.errors import CourseError

# jsonschema (imported by nbformat) loads rfc3987_syntax when it is installed, which compiles a
# grammar at import time (about 0.75 s). Nothing here validates IRIs, so the command skips it.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

Handler = Callable[[argparse.Namespace], int]
_STARTED = time.perf_counter()  # progress times count from here: the command's start-up is included


def _say(quiet: bool) -> Callable[[str], None]:
    def say(msg: str) -> None:
        if not quiet:
            print(f"[{time.perf_counter() - _STARTED:5.1f}s] {msg}", flush=True)

    return say


def cmd_build(args: argparse.Namespace) -> int:
    from course.editions.layout import EDITIONS
    from course.editions.pipeline import Inputs, build_all
    from course.editions.writer import diff_files, write_files
    from course.project import find_project
    from course.workspace.merge import holds_learner_work, merge_notebook_bytes

    project = find_project(args.root)
    inputs = Inputs(args.roadmap or project.roadmap, args.content or project.sections, project.cache)
    say = _say(args.quiet)
    if args.overlay or args.out:
        return _build_class(args, project.root, inputs, say)
    files = build_all(inputs, say, previous=None if args.force else project.root)
    if args.check:
        problems = diff_files(project.root, files, EDITIONS)
        for line in problems:
            print(line, file=sys.stderr)
        if problems:
            print(f"course build --check: {len(problems)} file(s) out of date; run 'course build'", file=sys.stderr)
            return 1
        say(f"all {len(files)} generated files are current")
        return 0
    report = write_files(
        project.root, files, EDITIONS, merge=merge_notebook_bytes, prune=args.prune, holds_work=holds_learner_work
    )
    for note in report.notes:
        say(note)
    for rel in report.kept:
        say(f"kept {rel} (not made by the generator)")
    for rel in report.kept_work:
        say(f"kept {rel}: the course no longer has it, but it holds your work (delete it yourself if you wish)")
    say(
        f"wrote {len(report.written)} file(s), {report.unchanged} unchanged, "
        f"{len(report.removed)} stale removed, in {project.root}"
    )
    return 0


def _build_class(args: argparse.Namespace, project_root: Path, inputs: Any, say: Callable[[str], None]) -> int:
    from course.editions.writer import diff_files, write_files
    from course.overlay.build import CLASS_EDITIONS, build_class, ensure_course_directory, outside

    if not (args.overlay and args.out):
        msg = "--overlay and --out go together: an overlay build writes a class folder, never the public editions"
        raise CourseError(msg, expected="course build --overlay PRIVATE_DIR --out CLASS_DIR")
    overlay, out = Path(args.overlay), Path(args.out)
    outside(project_root, overlay, "overlay")
    outside(project_root, out, "class folder")
    files = build_class(inputs, overlay, out, say, public=project_root)
    if args.check:
        problems = diff_files(out, files, CLASS_EDITIONS)
        for line in problems:
            print(line, file=sys.stderr)
        if problems:
            print(f"course build --check: {len(problems)} file(s) of {out} out of date", file=sys.stderr)
            return 1
        say(f"all {len(files)} files of the class folder {out} are current")
        return 0
    report = write_files(out, files, CLASS_EDITIONS, prune=args.prune)
    if ensure_course_directory(project_root, out):
        say(f"wrote {out / 'nbgrader_config.py'} (the course's; edit it for this class if you wish)")
    written, removed = len(report.written), len(report.removed)
    say(f"class folder {out}: wrote {written} file(s), {report.unchanged} unchanged, {removed} removed")
    return 0


def cmd_ids(args: argparse.Namespace) -> int:
    from course.project import find_project
    from course.roadmap.kinds import PART_PREFIX
    from course.roadmap.parse import load_roadmap

    project = find_project(args.root)
    roadmap = load_roadmap(args.roadmap or project.roadmap)
    try:
        section = roadmap.section(args.section)
    except KeyError:
        msg = f"no section {args.section} in the roadmap"
        raise CourseError(msg, path=roadmap.path, expected="a section number such as 1.2") from None
    targets = section.lesson_targets()
    for part in section.parts:
        whole = [k for k, p in targets.items() if p is part and k.startswith(PART_PREFIX)]
        ids = [(k, "(the whole part: a lesson may cover it)") for k in whole]
        ids += [(i.id, i.text) for i in part.all_items()]
        ids += [(p.id, f"Project {p.number}: {p.title}") for p in part.projects]
        ids += [(p.id, p.name) for p in part.problems]
        ids += [(n.id, n.text) for g in part.groups for n in g.notes]
        if ids:
            print(f"## {part.title}")
            for ident, text in ids:
                print(f"{ident:50s} {text}")
    if section.part("concepts") is None:
        print(
            "\n(no 'Concepts to Learn' here: lessons cover parts and items above; 'answer' cells may answer "
            + (", ".join(i.id for i in section.question_items()[:2]) + "... " if section.question_items() else "")
            + "items that are interview questions)"
        )
    return 0


def cmd_prove(args: argparse.Namespace) -> int:
    from course.editions.pipeline import Inputs, load_course
    from course.project import find_project
    from course.proof import prove_course

    if args.json and not args.mutants:
        msg = "--json writes the mutation report, so it needs --mutants"
        raise CourseError(msg, expected="course prove --mutants --json FILE")
    project = find_project(args.root)
    inputs = Inputs(args.roadmap or project.roadmap, args.content or project.sections, project.cache)
    course = load_course(inputs)
    say = _say(args.quiet)
    if args.overlay:
        return _prove_overlay(args, course, inputs.data, say)
    results = prove_course(course, inputs.data, sections=args.sections or None, progress=say, jobs=args.jobs)
    failures = [r for r in results if not r.ok]
    for r in failures:
        print(f"FAIL {r.path}:{r.line}: {r.exercise}: {r.message}", file=sys.stderr)
    say(f"{len(results)} exercise(s) proven both ways, {len(failures)} failed")
    if not args.mutants:
        return 1 if failures else 0
    return _prove_mutants(args, course, inputs.data, say, failed=bool(failures))


def _prove_mutants(
    args: argparse.Namespace, course: Any, data: Path, say: Callable[[str], None], *, failed: bool
) -> int:
    from course.mutation.check import check_course

    report = check_course(course, data, sections=args.sections or None, progress=say, jobs=args.jobs)
    for line in report.failures():
        print(f"FAIL {line}", file=sys.stderr)
    for line in report.scores():
        print(f"score {line}")
    say(_mutation_summary(report))
    if args.json:
        Path(args.json).write_text(json.dumps(report.to_json(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if failed or not report.ok else 0


def _prove_overlay(args: argparse.Namespace, course: Any, data: Path, say: Callable[[str], None]) -> int:
    """Prove the class's exercises (public + overlay) for the class's seed and other seeds."""
    from course.overlay.load import load_overlay
    from course.overlay.merge import merge_course
    from course.overlay.seeds import proof_seeds, where
    from course.proof import prove_course

    overlay = load_overlay(Path(args.overlay), course.roadmap)
    sections = args.sections or sorted(overlay.sections)
    seeds = proof_seeds(overlay.seed, args.seeds)
    failed = 0
    for seed in seeds:
        merged = merge_course(course, overlay, seed)
        results = prove_course(merged, data, sections=sections, progress=None, jobs=args.jobs)
        bad = [r for r in results if not r.ok]
        failed += len(bad)
        for r in bad:
            path, line = where(overlay, r)
            print(f"FAIL seed {seed}: {path}:{line}: {r.exercise}: {r.message}", file=sys.stderr)
        label = "no seed" if seed is None else f"seed {seed}" + (" (the class's)" if seed == overlay.seed else "")
        where_ = ", ".join(sections)
        say(f"{label}: {len(results)} exercise(s) of section(s) {where_} proven both ways, {len(bad)} failed")
    if args.mutants:
        return _prove_mutants(args, merge_course(course, overlay), data, say, failed=bool(failed))
    return 1 if failed else 0


def _mutation_summary(report: Any) -> str:
    from course.mutation.check import EQUIVALENT, KILLED, SURVIVED

    return (
        f"{report.total} mutant(s) of {len(report.exercises)} exercise(s): {report.count(KILLED)} killed "
        f"({report.timeouts} by timeout), {report.count(SURVIVED)} survived, {report.count(EQUIVALENT)} declared "
        f"equivalent; {len(report.failures())} problem(s); {report.seconds:.1f} s"
    )


def cmd_preview(args: argparse.Namespace) -> int:
    import tempfile

    from course.editions.layout import SELF_STUDY, SOURCE
    from course.editions.pipeline import Inputs, build_notebooks, data_files, load_course, serialise
    from course.project import find_project
    from course.verify.execute import execute_notebooks

    project = find_project(args.root)
    inputs = Inputs(args.roadmap or project.roadmap, args.content or project.sections, project.cache)
    course = load_course(inputs)
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="course-preview-"))
    wanted = set(args.sections)
    unknown = wanted - {s.number for s in course.roadmap.sections}
    if unknown:
        msg = f"no section {', '.join(sorted(unknown))} in the roadmap"
        raise CourseError(msg, path=course.roadmap.path)
    notebooks = build_notebooks(course)
    written: list[Path] = []
    for rel, nb in notebooks.items():
        section = nb.metadata["course"]["section"]
        if section in wanted:
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(serialise(nb, rel))
            if rel.parts[0] == SELF_STUDY:
                written.append(target)
    for rel, data in data_files(inputs.data, course).items():
        if rel.parts[0] in (SELF_STUDY, SOURCE):
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            (out / rel).write_bytes(data)
    say = _say(args.quiet)
    say(f"wrote the self-study and instructor notebooks to {out}")
    failed = 0
    for result in execute_notebooks(written, workers=args.jobs):
        if result.ok:
            say(f"ok     {result.path.relative_to(out)} ran in {result.seconds:.1f}s")
            continue
        print(f"FAILED {result.path.relative_to(out)} ran in {result.seconds:.1f}s", file=sys.stderr)
        for err in result.errors:
            print(f"       {err}", file=sys.stderr)
        failed += 1
    return 1 if failed else 0


def cmd_verify(args: argparse.Namespace) -> int:
    import statistics
    import tempfile

    from course.project import find_project
    from course.verify.full import verify_course

    project = find_project(args.root)
    say = _say(args.quiet)
    with tempfile.TemporaryDirectory(prefix="course-verify-") as tmp:
        result = verify_course(
            project,
            Path(tmp),
            roundtrip=not args.skip_roundtrip,
            jobs=args.jobs,
            progress=say,
            incremental=not args.all,
        )
        failures = result.failures()
    if result.runs:
        say(f"notebooks: median {statistics.median(r.seconds for r in result.runs):.2f} s, slowest:")
        for seconds, rel in result.slowest(5):
            say(f"  {seconds:5.2f} s  {rel}")
    for line in failures:
        print(f"FAIL {line}", file=sys.stderr)
    say("course verified" if not failures else f"{len(failures)} problem(s)")
    return 1 if failures else 0


def cmd_site(args: argparse.Namespace) -> int:
    from course.project import find_project
    from course.site import SiteOptions, build_site

    out = Path(args.out)
    say = _say(args.quiet)
    options = SiteOptions(out, args.jobs, args.binder_repo, rerun=args.all, lite=args.lite)
    report = build_site(find_project(args.root), options, progress=say)
    for failure in report.failures:
        print(f"course site: notebook failed: {failure}", file=sys.stderr)
    print(
        f"site: {len(report.pages)} pages in {report.out} in {report.seconds:.0f}s"
        + (f" ({report.reused} notebook(s) not run again: same inputs as a clean earlier run)" if report.reused else "")
        + (
            f", {len(report.failures)} notebook(s) failed (their pages show the outputs up to the failure)"
            if report.failures
            else ""
        )
    )
    if report.lite:
        print(f"lite: {report.lite} ({report.out / 'lite'})")
    if args.serve:
        _serve_site(report.out, args.port)
    return 1 if report.failures else 0


def _serve_site(folder: Path, port: int) -> None:
    from course.site.serve import site_server

    with site_server(folder, port) as server:
        print(f"serving {folder} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)", flush=True)
        server.serve_forever()


def cmd_progress(args: argparse.Namespace) -> int:
    from course.progress.report import folder_report, tracker_table

    folder = Path(args.folder) if args.folder else _default_progress_folder()
    if not folder.is_dir():
        msg = "no such folder"
        raise CourseError(msg, path=folder, expected="a folder of course notebooks")
    report = folder_report(folder)
    if args.json:
        print(json.dumps(report.to_json(), indent=1, ensure_ascii=False))
    else:
        count = sum(len(p.sections) for p in report.phases)
        print(f"Progress in {folder.resolve()} ({count} section notebooks)")
        print(tracker_table(report))
        for problem in report.problems:
            print(f"skipped: {problem}", file=sys.stderr)
    return 0


def _assignment(name: str) -> str:
    """``1``, ``01`` or ``phase-01`` -> ``phase-01``."""
    digits = name.removeprefix("phase-")
    return f"phase-{int(digits):02d}" if digits.isdigit() else name


def _course_root(args: argparse.Namespace) -> Path:
    """The nbgrader course directory: ``--root`` or the folder around the working directory that
    holds ``nbgrader_config.py`` and ``source/`` (a class folder, or the repository itself)."""
    from course.project import find_course_directory

    return find_course_directory(args.root)


def cmd_release(args: argparse.Namespace) -> int:
    from course.grading.classroom import release

    root = _course_root(args)
    summary = release(root, _assignment(args.assignment), exchange=args.exchange, progress=_say(args.quiet))
    print(
        f"released {summary.assignment}: {len(summary.notebooks)} notebook(s), "
        f"{summary.autograded_points:g} autograded points, {summary.manual_points:g} manually graded points"
        + (", copied to the exchange" if summary.exchange else " (release/ only; --exchange for JupyterHub)")
    )
    for name in summary.notebooks:
        print(f"  {name}")
    return 0


def cmd_grade(args: argparse.Namespace) -> int:
    from course.grading.classroom import grade, summary_table

    root = _course_root(args)
    report = grade(
        root,
        _assignment(args.assignment),
        inbox=Path(args.inbox) if args.inbox else None,
        feedback=not args.no_feedback,
        csv_path=Path(args.csv) if args.csv else None,
        progress=_say(args.quiet),
        workers=args.jobs,
    )
    print(summary_table(report.results))
    if report.feedback:
        print(f"feedback: {len(report.feedback)} file(s) under {root / 'feedback'}")
    print(f"grades: {report.csv}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from course.grading.leaks import course_secrets, release_hygiene, scan
    from course.project import find_course_directory

    if not args.leaks:
        print("course check: nothing to check (use --leaks PATH...)", file=sys.stderr)
        return 2
    source = Path(args.source) if args.source else find_course_directory(args.root) / "source"
    secrets = course_secrets(source)
    files: list[Path] = []
    problems: list[str] = []
    for name in args.leaks:
        path = Path(name)
        if not path.exists():
            msg = "no such file or folder"
            raise CourseError(msg, path=path, expected="release notebooks or feedback files")
        if path.is_dir():
            files += sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix in (".ipynb", ".html", ".htm", ".txt", ".py")
            )
            if "release" in path.resolve().parts:
                problems += release_hygiene(path)
        else:
            files.append(path)
    leaks = scan(files, secrets)
    for line in problems + [str(leak) for leak in leaks]:
        print(line, file=sys.stderr)
    for line in _public_hidden_test_warnings(source, files):
        print(f"warning: {line}", file=sys.stderr)
    found = len(problems) + len(leaks)
    print(
        f"course check --leaks: scanned {len(files)} file(s) for {len(secrets)} secret line(s) from {source}: "
        + ("nothing leaks" if not found else f"{found} problem(s)")
    )
    return 1 if found else 0


def _public_hidden_test_warnings(source: Path, files: list[Path]) -> list[str]:
    """Released notebooks whose hidden tests anyone can read in the public self-study edition."""
    from course.grading.leaks import public_hidden_tests
    from course.project import find_project

    released = {p.name for p in files if p.suffix == ".ipynb"}
    if not released:
        return []
    try:
        public = find_project(None).root / "source"
    except CourseError:
        return [f"no public edition found to compare the hidden tests of {source} with"]
    same, total = public_hidden_tests(source, public, released)
    if not total:
        return []
    if source.resolve() == public.resolve():
        return [
            f"the {total} hidden test cell(s) of these notebooks are the public edition's: anyone can read them in "
            "notebooks/ of the public repository; for a graded class, keep your own in a private overlay "
            "(course build --overlay DIR --out CLASS_DIR, see docs/teaching.md)"
        ]
    if not same:
        return []
    by_notebook: dict[str, list[str]] = {}
    for notebook, grade_id in same:
        by_notebook.setdefault(notebook, []).append(grade_id)
    lines = [
        f"{len(same)} of {total} hidden-test cell(s) in {source} are the public edition's "
        "(anyone can read them in notebooks/):"
    ]
    for notebook, ids in sorted(by_notebook.items()):
        shown = ", ".join(ids) if len(ids) <= 4 else f"{', '.join(ids[:3])} and {len(ids) - 3} more"
        lines.append(f"  {notebook}: {shown}")
    return lines


def cmd_start(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from course.editions.layout import HOME, SELF_STUDY
    from course.project import find_project
    from course.workspace.start import default_workspace, launch_jupyterlab, update_workspace

    project = find_project(args.root)
    ws = Path(args.workspace).expanduser() if args.workspace else default_workspace()
    ws = ws.resolve()
    if ws == project.root or project.root in ws.parents:
        msg = "the workspace must be outside the course repository"
        raise CourseError(msg, path=ws, expected="a folder such as ~/python-roadmap-course")
    if args.command == "update" and not (ws / HOME).is_file():
        msg = "not a course workspace (no course-home.ipynb), so there is nothing to update"
        raise CourseError(
            msg, path=ws, expected=f"a workspace made by 'course start' (to make one here: course start {ws})"
        )
    if ws.exists() and not ws.is_dir():
        msg = "the workspace path is a file"
        raise CourseError(msg, path=ws, expected="a folder, or a path that does not exist yet")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    say = _say(args.quiet)
    fresh = not ws.exists() or not any(ws.iterdir())
    report = update_workspace(project.root / SELF_STUDY, ws, stamp=stamp, progress=None if fresh else say)
    if fresh:
        say(f"created your workspace {ws} with {len(report.notebooks)} notebooks")
    else:
        changed = sum(n.action != "unchanged" for n in report.notebooks)
        say(f"workspace {ws}: {changed} notebook(s) brought up to date, your work kept")
    if args.command == "update" or args.no_open:
        return 0
    say("opening JupyterLab on the course home (Ctrl+C to stop)")
    return launch_jupyterlab(ws, port=args.port)


def _default_progress_folder() -> Path:
    from course.progress.report import is_course_folder
    from course.workspace.start import default_workspace

    ws = default_workspace()
    if ws.is_dir():
        return ws
    if is_course_folder(Path.cwd()):
        return Path.cwd()
    msg = "no workspace here and this folder holds no course notebooks"
    raise CourseError(msg, path=ws, expected="a folder argument, or a workspace made by 'course start'")


ROOT_HELP = "the course project folder (default: found from here)"
WORKSPACE_HELP = "your workspace (default: $COURSE_WORKSPACE or ~/python-roadmap-course)"


Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"  # what add_subparsers() returns


def _command(sub: Subcommands, name: str, summary: str) -> argparse.ArgumentParser:
    """A subcommand whose one-line summary shows both in ``course --help`` and ``course NAME --help``."""
    return sub.add_parser(name, help=summary, description=summary[:1].upper() + summary[1:] + ".")


def _inputs(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--root", type=Path, help=ROOT_HELP)
    sp.add_argument("--roadmap", type=Path, help="roadmap markdown (default: content/roadmap.md)")
    sp.add_argument("--content", type=Path, help="folder of section content files (default: content/sections)")
    sp.add_argument("-q", "--quiet", action="store_true", help="print only problems")


def _author_commands(sub: Subcommands) -> None:
    b = _command(sub, "build", "generate notebooks/, source/ and release/ from the roadmap and content")
    _inputs(b)
    b.add_argument("--check", action="store_true", help="build in memory; fail if committed files differ")
    b.add_argument("--force", action="store_true", help="run nbgrader for every assignment, even unchanged ones")
    b.add_argument("--overlay", metavar="DIR", help="a class's private overlay (hidden tests, variants); needs --out")
    b.add_argument("--out", metavar="CLASS_DIR", help="with --overlay: the class folder for source/ and release/")
    b.add_argument(
        "--prune",
        action="store_true",
        help="remove generated files the build no longer makes (never a notebook holding your work)",
    )
    b.set_defaults(func=cmd_build)

    i = _command(sub, "ids", "list the stable ids of a section's items (for content authors)")
    _inputs(i)
    i.add_argument("section", help="section number, e.g. 1.2")
    i.set_defaults(func=cmd_ids)

    pr = _command(sub, "prove", "prove every exercise both ways: tests pass on the solution, fail on the starter")
    _inputs(pr)
    pr.add_argument("sections", nargs="*", help="section numbers (default: all with content)")
    pr.add_argument("-j", "--jobs", type=int, default=0, help="parallel workers (default: CPU count)")
    pr.add_argument(
        "--mutants", action="store_true", help="also mutate each solution and report mutants the tests miss"
    )
    pr.add_argument("--json", metavar="FILE", help="with --mutants: write every mutant and its fate to FILE")
    pr.add_argument("--overlay", metavar="DIR", help="prove a class's exercises: the public ones with this overlay")
    pr.add_argument(
        "--seeds", type=int, default=5, help="with --overlay: how many CLASS_SEED values to prove (the class's first)"
    )
    pr.set_defaults(func=cmd_prove)

    vf = _command(sub, "verify", "validate the whole course: proofs, mutants, every notebook run, nbgrader round trips")
    vf.add_argument("--root", type=Path, help=ROOT_HELP)
    vf.add_argument("--skip-roundtrip", action="store_true", help="leave out the nbgrader round trips")
    vf.add_argument(
        "--all", action="store_true", help="check everything again, even what passed before with the same inputs"
    )
    vf.add_argument("-j", "--jobs", type=int, default=0, help="parallel workers (default: CPU count)")
    vf.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    vf.set_defaults(func=cmd_verify)

    si = _command(sub, "site", "the self-study edition as a static website: every section run, rendered, searchable")
    si.add_argument("--out", default="site", help="folder to write the site to (default: site)")
    si.add_argument("--serve", action="store_true", help="then serve it on 127.0.0.1 for a preview")
    si.add_argument("--port", type=int, default=8000, help="with --serve: the port (default 8000; 0: any free one)")
    si.add_argument(
        "--binder-repo", help="GitHub owner/name for the Run this links (default: pyproject's [project.urls])"
    )
    si.add_argument("-j", "--jobs", type=int, default=0, help="notebooks run at once (default: one more than the CPUs)")
    si.add_argument(
        "--all",
        action="store_true",
        help="run every notebook, even one that ran cleanly before with the same inputs "
        "(in the tests, course verify or an earlier site build; its outputs are kept and shown by default)",
    )
    si.add_argument(
        "--lite", action="store_true", help="also a JupyterLite site in DIR/lite/ of the sections that run in Pyodide"
    )
    si.add_argument("--root", type=Path, help=ROOT_HELP)
    si.add_argument("-q", "--quiet", action="store_true", help="print only problems and the summary")
    si.set_defaults(func=cmd_site)

    pv = _command(sub, "preview", "build some sections into a scratch folder and run them (for authors)")
    _inputs(pv)
    pv.add_argument("sections", nargs="+", help="section numbers, e.g. 1.2 1.3")
    pv.add_argument("--out", help="folder to write to (default: a new temporary folder)")
    pv.add_argument("-j", "--jobs", type=int, default=0, help="notebooks run at once (default 2)")
    pv.set_defaults(func=cmd_preview)


def _teacher_commands(sub: Subcommands) -> None:
    rl = _command(sub, "release", "teacher: release a phase as an nbgrader assignment")
    rl.add_argument("assignment", help="phase number or assignment name, e.g. 1 or phase-01")
    rl.add_argument("--exchange", action="store_true", help="also copy it to the nbgrader exchange (JupyterHub)")
    rl.add_argument("--root", type=Path, help=ROOT_HELP)
    rl.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    rl.set_defaults(func=cmd_release)

    gr = _command(sub, "grade", "teacher: autograde submissions, make feedback, export grades")
    gr.add_argument("assignment", help="phase number or assignment name, e.g. 1 or phase-01")
    gr.add_argument("--from", dest="inbox", help="a folder with one sub-folder of notebooks per student to import")
    gr.add_argument("--no-feedback", action="store_true", help="skip the feedback HTML")
    gr.add_argument("--csv", help="where to write the grades (default: grades-<assignment>.csv)")
    gr.add_argument(
        "-j", "--jobs", type=int, default=0, help="students graded at once (default: one more than the CPU count)"
    )
    gr.add_argument("--root", type=Path, help=ROOT_HELP)
    gr.add_argument("-q", "--quiet", action="store_true", help="print only the summary")
    gr.set_defaults(func=cmd_grade)

    ck = _command(sub, "check", "scan release notebooks and feedback for solutions and hidden tests")
    ck.add_argument("--leaks", nargs="+", metavar="PATH", help="files or folders students will see")
    ck.add_argument("--source", help="instructor notebooks holding the secrets (default: source/)")
    ck.add_argument("--root", type=Path, help=ROOT_HELP)
    ck.set_defaults(func=cmd_check)


def _learner_commands(sub: Subcommands) -> None:
    st = _command(sub, "start", "copy the course into your workspace and open JupyterLab on the course home")
    st.add_argument("workspace", nargs="?", help=WORKSPACE_HELP)
    st.add_argument("--root", type=Path, help=ROOT_HELP)
    st.add_argument("--no-open", action="store_true", help="prepare the workspace but do not start JupyterLab")
    st.add_argument("--port", type=int, help="port for JupyterLab")
    st.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    st.set_defaults(func=cmd_start)

    up = _command(sub, "update", "bring a newer build of the course into your workspace, keeping your work")
    up.add_argument("workspace", nargs="?", help=WORKSPACE_HELP)
    up.add_argument("--root", type=Path, help=ROOT_HELP)
    up.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    up.set_defaults(func=cmd_start, no_open=True, port=None)

    g = _command(sub, "progress", "print your progress table from notebook metadata")
    g.add_argument("folder", nargs="?", help="folder of course notebooks (default: your workspace)")
    g.add_argument("--json", action="store_true", help="print JSON instead of a table")
    g.set_defaults(func=cmd_progress)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("python-roadmap-course")
    except PackageNotFoundError:
        return "(not installed)"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="course", description="Build, study and teach the Python Roadmap course.")
    p.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = p.add_subparsers(dest="command", required=True)
    _learner_commands(sub)
    _author_commands(sub)
    _teacher_commands(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    handler: Handler = args.func
    try:
        return handler(args)
    except CourseError as err:
        print(f"course {args.command}: error: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # the reader went away (``course ids 1.2 | head -1``): stop quietly, and keep Python's
        # final flush of stdout from raising again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as err:  # a path that cannot be made or read: one line naming it
        where = f"{err.filename}: " if err.filename else ""
        print(f"course {args.command}: error: {where}{err.strerror or err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"course {args.command}: interrupted", file=sys.stderr)
        return 130
