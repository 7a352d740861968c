# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can build, take apart and compare paths with `pathlib`, read
# and change the file system with `os`, `shutil` and `tempfile` without leaving debris behind, and
# write path code that means the same thing on Linux, macOS and Windows.

# %% [markdown] course={"kind": "lesson", "id": "pathlib", "covers": ["c-pathlib-module-modern-approach", "c-path-objects", "c-path-construction-operator", "c-path-properties-name-stem-suffix-parent", "c-path-methods-exists-is-file-is-dir", "c-file-operations-read-text-write-text", "c-directory-operations-mkdir-iterdir-glob"]}
# ### `pathlib`: paths as objects
#
# A path in old code is a string, and every operation on it is a function call on a string
# (`os.path.join(a, b)`, `os.path.splitext(p)[1]`). `pathlib` makes the path an **object**:
# `Path("models") / "run-7" / "weights.pt"` builds one with the `/` operator, and the object knows
# its own `name`, `stem`, `suffix` and `parent`. The object is *pure* until you ask the disk
# something: building and taking apart paths never touches the file system.
#
# - `Path(...)` is the concrete class for the machine you run on (`PosixPath` here); it can also
#   `exists()`, `is_file()`, `is_dir()`, `read_text()`, `write_text()`, `mkdir()`, `iterdir()` and
#   `glob()`.
# - `PurePosixPath` and `PureWindowsPath` only do the string part, for the rules of *one* system,
#   whichever machine you run on (last lesson).
#
# In DevOps and MLOps work this is every dataset path, checkpoint folder and artefact name. The
# mistake people make: treating `suffix` as "everything after the first dot". It is only the
# **last** suffix: `stem` of `data.tar.gz` is `data.tar`.

# %% course={"kind": "demo"}
from pathlib import Path, PurePosixPath

checkpoint = PurePosixPath("/srv/ml") / "runs" / "exp-7" / "epoch-03.ckpt.gz"
print("path    :", checkpoint)
print("name    :", checkpoint.name)
print("stem    :", checkpoint.stem, "   <- only the LAST suffix is removed")
print("suffix  :", checkpoint.suffix, "  suffixes:", checkpoint.suffixes)
print("parent  :", checkpoint.parent, "  parents[1]:", checkpoint.parents[1])
print("parts   :", checkpoint.parts)
print("renamed :", checkpoint.with_name("best.ckpt"), "|", checkpoint.with_suffix(".tmp"))
print("joining an absolute part restarts the path:", PurePosixPath("/srv/ml") / "/etc/passwd")

# %% [markdown] course={"kind": "text"}
# The concrete `Path` asks the disk. `exists()`, `is_file()` and `is_dir()` return `False` (they
# do not raise) for a path that is not there; `read_text()` and `write_text()` open, read or
# write, and close the file in one call; `mkdir(parents=True, exist_ok=True)` is `mkdir -p`.
# `iterdir()` lists one folder and `glob()` / `rglob()` match patterns. The order of `iterdir()`
# and `glob()` is whatever the file system gives: **sort** when the order matters.

# %% course={"kind": "demo"}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp)
    config = root / "conf" / "app.toml"
    print("before:", config.exists(), config.is_file(), config.parent.is_dir())
    config.parent.mkdir(parents=True, exist_ok=True)
    written = config.write_text('port = 8080\nname = "api"\n', encoding="utf-8")
    print("after: ", config.exists(), config.is_file(), config.parent.is_dir(), f"({written} characters written)")
    print("read back:", config.read_text(encoding="utf-8").splitlines())
    for name in ["train.py", "eval.py", "README.md", "data/raw.csv", "data/clean.csv"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("")
    print("iterdir   :", sorted(p.name for p in root.iterdir()))
    print("glob *.py :", sorted(p.name for p in root.glob("*.py")))
    print("rglob *.csv:", sorted(p.relative_to(root).as_posix() for p in root.rglob("*.csv")))

# %% [markdown] course={"kind": "lesson", "id": "os-module", "covers": ["c-os-module-traditional", "c-os-path-path-manipulation", "c-os-getcwd-os-chdir", "c-os-listdir-os-walk", "c-os-makedirs-os-remove-os-rmdir", "c-os-rename-os-replace", "c-os-environ-environment-variables"]}
# ### The `os` module: the traditional interface
#
# `os` is a thin layer over the operating system's calls, and most scripts you will maintain use
# it. Each function maps to a `pathlib` method, but works on strings:
#
# | `os` / `os.path` | `pathlib` |
# |---|---|
# | `os.path.join(a, b)` | `Path(a) / b` |
# | `os.path.basename(p)`, `os.path.dirname(p)` | `p.name`, `p.parent` |
# | `os.path.splitext(p)` | `p.stem`, `p.suffix` (on the name only) |
# | `os.path.exists(p)`, `isfile`, `isdir` | `p.exists()`, `p.is_file()`, `p.is_dir()` |
# | `os.getcwd()`, `os.chdir(p)` | `Path.cwd()`, (no method: use `os.chdir`) |
# | `os.listdir(p)`, `os.walk(p)` | `p.iterdir()`, `p.rglob("*")` (3.12 adds `p.walk()`) |
# | `os.makedirs(p, exist_ok=True)` | `p.mkdir(parents=True, exist_ok=True)` |
# | `os.remove(p)`, `os.rmdir(p)` | `p.unlink()`, `p.rmdir()` |
# | `os.rename(a, b)`, `os.replace(a, b)` | `a.rename(b)`, `a.replace(b)` |
#
# `os.getcwd()` is the **current working directory**, which relative paths are resolved against;
# it belongs to the whole process, so a function that changes it with `os.chdir` must change it
# back (a `try`/`finally`, or `with contextlib.chdir(path):` from Python 3.11). The common mistake: relying on the working directory at all. A cron
# job or a container starts in a different folder from your shell; build paths from a known
# root instead.

# %% course={"kind": "demo"}
import os
import tempfile

with tempfile.TemporaryDirectory() as tmp:
    for folder in ["app/static/css", "app/templates", "logs"]:
        os.makedirs(os.path.join(tmp, folder), exist_ok=True)  # like mkdir -p
    for name in ["app/main.py", "app/static/css/site.css", "logs/today.log"]:
        with open(os.path.join(tmp, name), "w") as fh:
            fh.write("x")
    print("listdir:", sorted(os.listdir(tmp)), "(names only, one level)")
    for here, dirs, files in os.walk(tmp):
        dirs.sort()  # walk visits dirs in this list's order: sort it in place
        print("walk:", os.path.relpath(here, tmp), "dirs", dirs, "files", sorted(files))
    start = os.getcwd()
    os.chdir(os.path.join(tmp, "app"))
    try:
        print("relative 'main.py' is a file here:", os.path.isfile("main.py"))
    finally:
        os.chdir(start)  # always put the working directory back
    os.remove(os.path.join(tmp, "logs", "today.log"))
    os.rmdir(os.path.join(tmp, "logs"))  # rmdir only removes EMPTY folders
    try:
        os.rmdir(os.path.join(tmp, "app"))
    except OSError as err:
        print("rmdir on a non-empty folder:", type(err).__name__, err.strerror)

# %% [markdown] course={"kind": "text"}
# `os.rename(src, dst)` and `os.replace(src, dst)` both move a path inside one file system in a
# single step. The difference is what happens when `dst` is an existing file: `os.replace`
# always overwrites it, on every system; `os.rename` overwrites it on Linux and macOS but raises
# `FileExistsError` on Windows (Python's documentation). So write `os.replace` when you mean
# "overwrite". Together with a temporary file in the same folder it gives an **atomic update**
# (POSIX requires a successful rename to be atomic): readers see the old file or the new one,
# never half a file.
#
# `os.environ` is a mapping of the process's environment variables, **strings only**. Read with
# `os.environ.get("NAME", default)` (a missing key in `os.environ["NAME"]` is a `KeyError`); in
# tests, change it with `unittest.mock.patch.dict`, which restores it afterwards.

# %% course={"kind": "demo"}
import os
import tempfile
from pathlib import Path
from unittest import mock

with tempfile.TemporaryDirectory() as tmp:
    target = Path(tmp, "release.json")
    target.write_text('{"version": 1}')
    staging = Path(tmp, "release.json.tmp")
    staging.write_text('{"version": 2}')  # write the new content completely first...
    os.replace(staging, target)  # ...then swap it in with one call
    print("after replace:", target.read_text(), "| staging left behind:", staging.exists())

before = dict(os.environ)
with mock.patch.dict(os.environ, {"DEPLOY_ENV": "staging", "WORKERS": "4"}):
    workers = os.environ["WORKERS"]
    print("WORKERS is", repr(workers), "a", type(workers).__name__, "-> convert it:", int(workers) * 2)
    print("missing with a default:", os.environ.get("NOT_SET_ANYWHERE", "fallback"))
    try:
        os.environ["RETRIES"] = 3
    except TypeError as err:
        print("TypeError:", err)
print("after the with block the environment is as before:", dict(os.environ) == before)

# %% [markdown] course={"kind": "lesson", "id": "shutil", "covers": ["c-shutil-module", "c-copy-copy2-copytree", "c-move", "c-rmtree-recursive-delete", "c-make-archive-unpack-archive"]}
# ### `shutil`: copying, moving, deleting and archiving whole trees
#
# `os` works on one path at a time; `shutil` ("shell utilities") does what `cp`, `mv`, `rm -r`
# and `tar` do:
#
# - `copy(src, dst)` copies the content and the permission bits; `copy2` also keeps the
#   timestamps (what `cp -p` does), which matters to anything that decides by modification time
#   (`make`, `rsync`, caches);
# - `copytree(src, dst)` copies a folder recursively; `dst` must not exist unless you pass
#   `dirs_exist_ok=True`; `ignore=shutil.ignore_patterns("*.pyc", ".git")` skips names;
# - `move(src, dst)` renames when it can and copies then deletes when it must (across file
#   systems);
# - `rmtree(path)` deletes a folder and everything in it, with no undo and no recycle bin;
# - `make_archive(base, "gztar", root_dir)` and `unpack_archive(file, dest)` write and read zip
#   and tar archives.
#
# The one thing people get wrong is `rmtree` on a path they did not check: a variable that is
# empty or `"/"`, or a path that `..` leads out of. The exercises build a guarded version.

# %% course={"kind": "demo"}
import os
import shutil
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp)
    src = root / "model"
    (src / "__pycache__").mkdir(parents=True)
    (src / "weights.bin").write_bytes(b"\x00" * 64)
    (src / "card.md").write_text("# model card\n")
    (src / "__pycache__" / "x.pyc").write_bytes(b"")
    os.utime(src / "card.md", (1_700_000_000, 1_700_000_000))  # an old timestamp

    shutil.copy(src / "card.md", root / "copy.md")
    shutil.copy2(src / "card.md", root / "copy2.md")
    old = int((src / "card.md").stat().st_mtime)
    print("copy  keeps the timestamp:", int((root / "copy.md").stat().st_mtime) == old)
    print("copy2 keeps the timestamp:", int((root / "copy2.md").stat().st_mtime) == old)

    shutil.copytree(src, root / "release", ignore=shutil.ignore_patterns("__pycache__"))
    print("copytree :", sorted(p.name for p in (root / "release").iterdir()))
    shutil.move(root / "release", root / "shipped")
    print("move     :", (root / "release").exists(), "->", (root / "shipped").is_dir())
    archive = shutil.make_archive(str(root / "bundle"), "gztar", root_dir=root / "shipped")
    print("archive  :", Path(archive).name)
    shutil.unpack_archive(archive, root / "unpacked")
    print("unpacked :", sorted(p.name for p in (root / "unpacked").iterdir()))
    shutil.rmtree(root / "shipped")
    print("rmtree   :", (root / "shipped").exists())

# %% [markdown] course={"kind": "lesson", "id": "tempfile", "covers": ["c-temporary-files", "c-tempfile-module", "c-temporaryfile-namedtemporaryfile", "c-temporarydirectory", "c-mkstemp-mkdtemp"]}
# ### Temporary files and folders
#
# Scratch space must have a name nobody else is using, and must disappear afterwards, also
# when your code fails half-way. `tempfile` does both:
#
# | call | gives you | removed |
# |---|---|---|
# | `TemporaryFile()` | an open file object, with no usable name (on Linux not even a directory entry) | when closed |
# | `NamedTemporaryFile()` | an open file object with `.name`, a real path | when closed (unless `delete=False`) |
# | `TemporaryDirectory()` | a folder (the `with` gives its path as a `str`) | at the end of the `with` |
# | `mkstemp()` | `(fd, path)`: an **open OS file descriptor** and a path | never: you close and delete |
# | `mkdtemp()` | a folder path | never: you `rmtree` it |
#
# All of them create the name and the file in one step, so no other process can slip in between
# (the race that `mktemp()`, deprecated, has). They go under `tempfile.gettempdir()`, normally
# `/tmp`, or the folder in `TMPDIR`; pass `dir=` to keep them on the same file system as their
# destination, which is what an atomic `os.replace` needs.
#
# The mistake: using `mkstemp()` and forgetting the descriptor. It is already open; opening the
# path again and never calling `os.close(fd)` leaks one descriptor per call.

# %% course={"kind": "demo"}
import os
import shutil
import tempfile
from pathlib import Path

with tempfile.TemporaryFile() as anonymous:
    anonymous.write(b"spill to disk")
    anonymous.seek(0)
    print("TemporaryFile     :", anonymous.read(), "name:", type(anonymous.name).__name__, "(a descriptor, not a path)")

with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as named:
    named.write("replicas: 3\n")
kept = Path(named.name)
print("NamedTemporaryFile:", kept.suffix, "exists after close with delete=False:", kept.exists())
kept.unlink()  # delete=False means: it is now ours to delete

with tempfile.TemporaryDirectory(prefix="job-") as tmp:
    print("TemporaryDirectory:", Path(tmp).name.startswith("job-"), type(tmp).__name__)
print("removed afterwards:", not Path(tmp).exists())

fd, path = tempfile.mkstemp(suffix=".lock")
try:
    os.write(fd, b"pid 42")
finally:
    os.close(fd)  # mkstemp hands you an OPEN descriptor
    os.remove(path)
folder = tempfile.mkdtemp()
shutil.rmtree(folder)
print("mkstemp / mkdtemp cleaned up by hand:", not Path(path).exists(), not Path(folder).exists())

# %% [markdown] course={"kind": "lesson", "id": "cross-platform", "covers": ["c-cross-platform-considerations", "c-path-separators", "c-case-sensitivity", "c-special-directories"]}
# ### Cross-platform paths
#
# Three things differ between systems, and code that builds paths from strings breaks on them:
#
# - **Separators.** Linux and macOS separate with `/`; Windows accepts `\` and `/` and prints
#   `\`; a Windows path can start with a drive (`C:\`) or a share (`\\server\share\`). `os.sep`
#   is this machine's separator, `os.pathsep` the one between entries of `PATH` (`:` here, `;` on
#   Windows). Never glue paths with `+ "/" +`: use `/` on `Path` objects.
# - **Case.** Linux file systems are case-sensitive (`Model.pt` and `model.pt` are two files);
#   Windows (NTFS) and macOS (APFS, by default) are not. `PureWindowsPath` compares without case,
#   `PurePosixPath` with it.
# - **Special directories.** `.` and `..` (`os.curdir`, `os.pardir`) are the current and parent
#   folder; the home folder comes from `HOME` on Linux and macOS (`Path.home()`,
#   `os.path.expanduser("~")`); the temp folder from `TMPDIR`, `TEMP` or `TMP`
#   (`tempfile.gettempdir()`). Ask Python for them, never hard-code `/home/me` or `/tmp`.
#
# `PurePosixPath` and `PureWindowsPath` apply one system's rules on any machine, so you can test
# Windows paths on Linux. The mistake: storing paths with `str(path)` and reading them on another
# system; store `path.as_posix()` (forward slashes) and rebuild with `PurePosixPath`.

# %% course={"kind": "demo"}
import os
from pathlib import PurePosixPath, PureWindowsPath

win = PureWindowsPath("C:/Users/ana/Models\\v2/Weights.PT")
print("windows str    :", win, "| parts:", win.parts)
print("as_posix       :", win.as_posix(), "| anchor:", win.anchor, "| suffix:", win.suffix)
print("share anchor   :", PureWindowsPath("//fileserver/ml/run1").anchor)
print("case, Windows  :", PureWindowsPath("C:/Data/X.csv") == PureWindowsPath("c:\\data\\x.csv"))
print("case, POSIX    :", PurePosixPath("/data/X.csv") == PurePosixPath("/data/x.csv"))
print("'\\' on POSIX   :", PurePosixPath("Models\\v2").parts, "<- one name, not two")
print("this machine   :", "sep", repr(os.sep), "pathsep", repr(os.pathsep), "curdir", os.curdir, "pardir", os.pardir)

# %% [markdown] course={"kind": "text"}
# `..` is not resolved by the pure classes: `PurePosixPath("a/b/../c")` stays as written, because
# if `b` is a symbolic link, `b/..` is not `a`. `os.path.normpath` collapses it by text, and
# `Path.resolve()` asks the disk (following links). Home and temp folders come from the
# environment, which the demo sets for a moment:

# %% course={"kind": "demo"}
import os
import tempfile
from pathlib import Path, PurePosixPath
from unittest import mock

print("pure keeps '..' :", PurePosixPath("a/b/../c"), "| normpath:", os.path.normpath("a/b/../c"))
with mock.patch.dict(os.environ, {"HOME": "/home/learner"}):
    print("Path.home()     :", Path.home(), "| expanduser:", os.path.expanduser("~/.config/app"))
saved = tempfile.tempdir
with tempfile.TemporaryDirectory() as tmp, mock.patch.dict(os.environ, {"TMPDIR": tmp}):
    tempfile.tempdir = None  # gettempdir() caches its answer; clear the cache to re-read TMPDIR
    try:
        print("gettempdir() follows TMPDIR:", tempfile.gettempdir() == tmp)
    finally:
        tempfile.tempdir = saved  # put the cached answer back after the demo

# %% [markdown] course={"kind": "exercise", "id": "report-path", "item": "x-rewrite-os-path-code-using-pathlib"}
# ### Rewrite `os.path` code with `pathlib`
#
# A reporting job has this helper, written with `os.path` and strings:
#
# ```python
# def report_path_old(input_file: str) -> str:
#     folder = os.path.dirname(input_file)
#     stem, _ext = os.path.splitext(os.path.basename(input_file))
#     return os.path.join(folder, "reports", stem + "_report.json")
# ```
#
# Write `report_path(input_file)` that does the same with `pathlib`: it takes a `Path` and
# returns a `Path` (not a string), without touching the disk. It must name the same file as the
# old helper for every ordinary file name. (The one difference, which the tests leave alone: for a
# name ending in a dot, `x.`, `os.path.splitext` drops the dot and `Path("x.").stem` keeps it, in
# Python 3.11 to 3.13.)
#
# ```python
# report_path(Path("data/daily/sales.csv"))   # Path('data/daily/reports/sales_report.json')
# ```

# %% [markdown] course={"kind": "hint"}
# Three properties do all the work: the folder, the name without its suffix, and `/` to join.

# %% [markdown] course={"kind": "hint"}
# `input_file.parent / "reports" / f"{input_file.stem}_report.json"`. Check what `.stem` gives
# for `backup.tar.gz` and `.env`, and compare with `os.path.splitext`.

# %% course={"kind": "solution"}
from pathlib import Path


def report_path(input_file: Path) -> Path:
    """Return where the JSON report for ``input_file`` goes: ``<folder>/reports/<stem>_report.json``."""
    ### BEGIN SOLUTION
    return input_file.parent / "reports" / f"{input_file.stem}_report.json"
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
from pathlib import Path

result = report_path(Path("data/daily/sales.csv"))
assert isinstance(result, Path), f"return a Path, not {type(result).__name__}"
assert result == Path("data/daily/reports/sales_report.json"), f"got {result}"

# %% course={"kind": "test", "points": 2}
import os
from pathlib import Path


def report_path_old(input_file: str) -> str:
    folder = os.path.dirname(input_file)
    stem, _ext = os.path.splitext(os.path.basename(input_file))
    return os.path.join(folder, "reports", stem + "_report.json")


assert report_path(Path("sales.csv")) == Path("reports/sales_report.json"), "a bare file name has no folder"
assert report_path(Path("/backups/db.tar.gz")) == Path("/backups/reports/db.tar_report.json"), (
    "only the LAST suffix is dropped, as os.path.splitext does"
)
### BEGIN HIDDEN TESTS
for raw in ["/var/log/app.log", ".env", "conf/.env", "data/README", "v1.2/model", "my data/q 1.csv",
            "données/été.csv", "a/b/c/d.e.f", "/top.csv"]:
    new = report_path(Path(raw))
    assert type(new) is type(Path(raw)), f"{raw!r}: the result must be a {type(Path(raw)).__name__}"
    assert new == Path(report_path_old(raw)), f"{raw!r}: pathlib gives {new}, os.path gives {report_path_old(raw)}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "name-not-stem", "fails": ["t1", "t2"]}
from pathlib import Path


def report_path(input_file):
    return input_file.parent / "reports" / f"{input_file.name}_report.json"

# %% course={"kind": "wrong", "id": "split-first-dot", "fails": ["t2"]}
from pathlib import Path


def report_path(input_file):
    return input_file.parent / "reports" / (input_file.name.split(".")[0] + "_report.json")

# %% course={"kind": "wrong", "id": "returns-str", "fails": ["t1", "t2"]}
from pathlib import Path
import os


def report_path(input_file):
    stem = os.path.splitext(os.path.basename(input_file))[0]
    return os.path.join(os.path.dirname(input_file), "reports", stem + "_report.json")

# %% [markdown] course={"kind": "exercise", "id": "make-dirs", "item": "x-create-a-directory-tree-recursively"}
# ### Create a directory tree, `mkdir -p` style
#
# Write `make_dirs(root, folders)` that creates every folder in `folders` (relative paths written
# with `/`, such as `"data/raw/2024"`) under the existing folder `root`, with all missing parent
# folders. It returns the folders it **created**, every level included, as sorted strings with
# `/`; folders that already existed are not listed, so a second call returns `[]`.
#
# It must never leave `root`: if any entry is absolute or has a `..` part, raise `ValueError`
# **before creating anything**. A *file* standing where a folder should go is an error
# (`FileExistsError`).
#
# ```python
# make_dirs(root, ["data/raw", "data/clean", "logs"])
# # ['data', 'data/clean', 'data/raw', 'logs']
# make_dirs(root, ["data/raw"])   # []
# ```

# %% [markdown] course={"kind": "hint"}
# Walk down each entry one part at a time (`PurePosixPath(entry).parts`), so you see every level
# and can tell whether it is new.

# %% [markdown] course={"kind": "hint"}
# Check all entries first (`is_absolute()`, `".." in parts`), then create. For each level:
# `if not folder.is_dir(): folder.mkdir()`. `mkdir` raises `FileExistsError` by itself when a
# file is in the way.

# %% course={"kind": "solution"}
from pathlib import Path, PurePosixPath


def make_dirs(root: Path, folders: list[str]) -> list[str]:
    """Create ``folders`` under ``root`` like ``mkdir -p``; return the new folders, sorted."""
    ### BEGIN SOLUTION
    wanted = [PurePosixPath(entry) for entry in folders]
    for rel in wanted:
        if rel.is_absolute() or ".." in rel.parts:
            raise ValueError(f"{rel} would leave {root}: use a relative path without '..'")
    created = []
    for rel in wanted:
        step = PurePosixPath()
        for part in rel.parts:
            step = step / part
            folder = root / step
            if not folder.is_dir():
                folder.mkdir()
                created.append(step.as_posix())
    return sorted(created)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp)
    made = make_dirs(root, ["data/raw", "data/clean", "logs"])
    assert (root / "data" / "raw").is_dir() and (root / "logs").is_dir(), "every folder must exist afterwards"
    assert made == ["data", "data/clean", "data/raw", "logs"], f"got {made}"

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp)
    make_dirs(root, ["data/raw"])
    again = make_dirs(root, ["data/raw"])
    assert again == [], f"a second call creates nothing and must return [], got {again}"
    ### BEGIN HIDDEN TESTS
    assert make_dirs(root, ["data/raw/2024", "zeta", "alpha/beta"]) == ["alpha", "alpha/beta", "data/raw/2024", "zeta"]
    assert make_dirs(root, []) == [], "no folders asked, none made"
    assert make_dirs(root, ["données/été", "données"]) == ["données", "données/été"]
    assert make_dirs(root, ["a//b/", "./c"]) == ["a", "a/b", "c"], "'//', '.' and a trailing '/' add no level"
    assert sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == [
        "a", "a/b", "alpha", "alpha/beta", "c", "data", "data/raw", "data/raw/2024", "données", "données/été", "zeta"]
    (root / "notes").write_text("I am a file")
    try:
        make_dirs(root, ["notes/inner"])
    except FileExistsError:
        pass
    else:
        raise AssertionError("a file where a folder must go is a FileExistsError")
    assert make_dirs(root, ["v1..v2/x..y"]) == ["v1..v2", "v1..v2/x..y"], "'..' inside a name is an ordinary name"
    ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp, "root")
    root.mkdir()
    try:
        make_dirs(root, ["ok", "../escaped"])
    except ValueError:
        pass
    else:
        raise AssertionError("'..' must raise ValueError")
    assert not Path(tmp, "escaped").exists(), "nothing may be created outside root"
    assert not (root / "ok").exists(), "check every entry before creating anything"
    ### BEGIN HIDDEN TESTS
    for bad in [str(Path(tmp, "elsewhere")), "a/../../up", ".."]:
        try:
            make_dirs(root, [bad])
        except ValueError:
            pass
        else:
            raise AssertionError(f"{bad!r} must raise ValueError")
    assert sorted(p.name for p in Path(tmp).iterdir()) == ["root"] and not any(root.iterdir())
    ### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "leaves-only", "fails": ["t1", "t2", "t3"]}
from pathlib import Path, PurePosixPath


def make_dirs(root, folders):
    created = []
    for entry in folders:
        rel = PurePosixPath(entry)
        if rel.is_absolute() or ".." in rel.parts:
            raise ValueError(entry)
        if not (root / rel).is_dir():
            (root / rel).mkdir(parents=True)
            created.append(rel.as_posix())
    return sorted(created)

# %% course={"kind": "wrong", "id": "checks-too-late", "fails": ["t3"]}
from pathlib import Path, PurePosixPath
# checks each entry just before creating it: an early good entry is already made when a later one is bad
from pathlib import PurePosixPath


def make_dirs(root, folders):
    created = []
    for entry in folders:
        rel = PurePosixPath(entry)
        if rel.is_absolute() or ".." in rel.parts:
            raise ValueError(entry)
        step = PurePosixPath()
        for part in rel.parts:
            step = step / part
            if not (root / step).is_dir():
                (root / step).mkdir()
                created.append(step.as_posix())
    return sorted(created)

# %% course={"kind": "wrong", "id": "no-exist-ok", "fails": ["t2", "t3"]}
from pathlib import Path, PurePosixPath
from pathlib import PurePosixPath


def make_dirs(root, folders):
    created = []
    for entry in folders:
        step = PurePosixPath()
        for part in PurePosixPath(entry).parts:
            step = step / part
            (root / step).mkdir(exist_ok=step.as_posix() != entry)
            created.append(step.as_posix())
    return sorted(set(created))

# %% course={"kind": "wrong", "id": "dotdot-substring", "fails": ["t2"]}
from pathlib import Path, PurePosixPath
import os
from pathlib import PurePosixPath


def make_dirs(root, folders):
    for entry in folders:
        if os.path.isabs(entry) or ".." in entry:  # also refuses the name 'v1..v2'
            raise ValueError(entry)
    created = []
    for entry in folders:
        step = PurePosixPath()
        for part in PurePosixPath(entry).parts:
            step = step / part
            if not (root / step).is_dir():
                (root / step).mkdir()
                created.append(step.as_posix())
    return sorted(created)

# %% [markdown] course={"kind": "exercise", "id": "find-files", "item": "x-find-all-files-matching-a-pattern-using"}
# ### Find every file that matches a pattern
#
# Write `find_files(root, pattern)` that returns every **file** anywhere under the folder `root`
# whose name matches the glob `pattern` (such as `"*.py"` or `"model-??.pt"`), as paths relative
# to `root` written with `/`, **sorted**. Folders never count, even when their name matches.
# Hidden files (names starting with `.`) count like any other file.
#
# ```python
# find_files(root, "*.py")   # ['.hooks/pre.py', 'setup.py', 'src/app/main.py']
# ```

# %% [markdown] course={"kind": "hint"}
# `Path.glob` only looks in one folder; `Path.rglob(pattern)` looks in every folder below.

# %% [markdown] course={"kind": "hint"}
# Keep a match only if `p.is_file()`, turn it into `p.relative_to(root).as_posix()`, and sort:
# the file system gives matches in no particular order. (`glob.glob(..., recursive=True)` is not
# the same: it skips hidden files.)

# %% course={"kind": "solution"}
from pathlib import Path


def find_files(root: Path, pattern: str) -> list[str]:
    """Return the files under ``root`` whose name matches ``pattern``, relative, with '/', sorted."""
    ### BEGIN SOLUTION
    return sorted(p.relative_to(root).as_posix() for p in root.rglob(pattern) if p.is_file())
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp)
    for name in ["setup.py", "src/app/main.py", "src/app/util.txt", "docs/index.md"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("")
    found = find_files(root, "*.py")
    assert found == ["setup.py", "src/app/main.py"], f"search every folder below root; got {found}"

# %% course={"kind": "test", "points": 2}
import random
import tempfile
from pathlib import Path

from course.runtime.listing import listing_z_to_a  # every folder lists Z to A while active


with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp)
    for name in [".hooks/pre.py", ".secret.py", "pkg.py/__init__.py", "a.pyc", "b.PY"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("")
    with listing_z_to_a():
        found = find_files(root, "*.py")
    assert type(found) is list, f"return a list of str, not {type(found).__name__}"
    assert sorted(found) == [".hooks/pre.py", ".secret.py", "pkg.py/__init__.py"], (
        f"hidden files count, the folder pkg.py does not, and *.py matches neither .pyc nor (on Linux) .PY; got {found}"
    )
    assert found == [".hooks/pre.py", ".secret.py", "pkg.py/__init__.py"], (
        f"sort the result: folders list their entries in no particular order; got {found}"
    )
    ### BEGIN HIDDEN TESTS
    with listing_z_to_a():
        assert find_files(root, "*.csv") == [], "no match is an empty list"
        assert find_files(root, "*") == [".hooks/pre.py", ".secret.py", "a.pyc", "b.PY", "pkg.py/__init__.py"]
    names = [f"d{i % 4}/run-{i:02d}.ckpt" for i in range(40)] + ["模型/权重.ckpt", "x/run-1.ckpt.bak"]
    random.Random(72).shuffle(names)
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("")
    expected = sorted(n for n in names if n.endswith(".ckpt"))
    with listing_z_to_a():
        assert find_files(root, "*.ckpt") == expected, "sort the results: the file system's order is not sorted"
        assert find_files(root, "run-0?.ckpt") == sorted(n for n in names if "/run-0" in n)
        assert find_files(root / "d1", "*.ckpt") == sorted(n[3:] for n in names if n.startswith("d1/")), (
            "relative to root"
        )
    ### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "top-level-only", "fails": ["t1", "t2"]}
from pathlib import Path


def find_files(root, pattern):
    return sorted(p.relative_to(root).as_posix() for p in root.glob(pattern) if p.is_file())

# %% course={"kind": "wrong", "id": "glob-module", "fails": ["t2"]}
from pathlib import Path
import glob
import os


def find_files(root, pattern):
    matches = glob.glob(os.path.join("**", pattern), root_dir=root, recursive=True)
    return sorted(m for m in matches if os.path.isfile(os.path.join(root, m)))

# %% course={"kind": "wrong", "id": "folders-too", "fails": ["t2"]}
from pathlib import Path


def find_files(root, pattern):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob(pattern))

# %% [markdown] course={"kind": "exercise", "id": "workspace", "item": "x-create-a-temporary-workspace-for"}
# ### A temporary workspace
#
# Jobs that unpack, build or convert files need a scratch folder that is theirs alone and is gone
# afterwards. Write the context manager `workspace(files)`:
#
# - it creates a new temporary folder and writes each entry of `files` (a dict from a relative
#   path with `/`, such as `"conf/app.toml"`, to its text) into it as UTF-8, creating
#   sub-folders as needed;
# - it makes that folder the **current working directory** and gives its `Path` to the `with`;
# - when the `with` ends, **also by an exception**, it changes back to the working directory it
#   found and removes the folder with everything in it. The exception still reaches the caller.
#
# ```python
# with workspace({"conf/app.toml": "port = 1\n"}) as ws:
#     Path("conf/app.toml").read_text()   # 'port = 1\n'  (relative to ws)
# ws.exists()                             # False
# ```

# %% [markdown] course={"kind": "hint"}
# `tempfile.TemporaryDirectory()` already removes its folder at the end of its own `with`. Put the
# writing, the `os.chdir` and the `yield` inside it.

# %% [markdown] course={"kind": "hint"}
# Remember `os.getcwd()` before changing it, and put the `yield` in `try:` with
# `finally: os.chdir(previous)`, so that an exception in the caller's block still changes back.

# %% course={"kind": "solution"}
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def workspace(files: dict[str, str]) -> Iterator[Path]:
    """A temporary working directory holding ``files``; removed, and the old cwd restored, at exit."""
    ### BEGIN SOLUTION
    previous = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="workspace-") as tmp:
        root = Path(tmp)
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        os.chdir(root)
        try:
            yield root
        finally:
            os.chdir(previous)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import os
import tempfile
from pathlib import Path
from unittest import mock

start = os.getcwd()
# every temporary folder made here goes inside `scratch`, removed at the end even when the test fails
with tempfile.TemporaryDirectory() as scratch, mock.patch.object(tempfile, "tempdir", scratch):
    try:
        with workspace({"conf/app.toml": "port = 1\n", "README.md": "# job\n"}) as ws:
            assert isinstance(ws, Path), f"the with gets a Path, not {type(ws).__name__}"
            assert Path.cwd().resolve() == ws.resolve(), "inside the with, the workspace is the working directory"
            assert Path("conf/app.toml").read_text() == "port = 1\n", "the files are written, sub-folders included"
            assert Path("README.md").read_text() == "# job\n"
    finally:
        os.chdir(start)

# %% course={"kind": "test", "points": 1}
import os
import tempfile
from pathlib import Path
from unittest import mock

start = os.getcwd()
# every temporary folder made here goes inside `scratch`, removed at the end even when the test fails
with tempfile.TemporaryDirectory() as scratch, mock.patch.object(tempfile, "tempdir", scratch):
    try:
        with workspace({"a.txt": "x"}) as ws:
            pass
        assert os.getcwd() == start, "after the with, the working directory is the one before"
        assert not ws.exists(), "after the with, the workspace folder is removed"
        ### BEGIN HIDDEN TESTS
        with workspace({}) as empty:
            assert sorted(os.listdir(".")) == [], "no files asked, none written"
        assert not empty.exists() and os.getcwd() == start
        with workspace({"données/été.txt": "température: 30°C", "données/b.txt": "", "x/y/z.txt": "deep"}) as ws:
            assert Path("données/été.txt").read_text(encoding="utf-8") == "température: 30°C"
            assert Path("données/b.txt").read_text() == "", "an empty text is still a file"
            assert sorted(p.relative_to(ws).as_posix() for p in ws.rglob("*")) == [
                "données", "données/b.txt", "données/été.txt", "x", "x/y", "x/y/z.txt"]
            with workspace({"inner.txt": "i"}) as inner:
                assert Path.cwd().resolve() == inner.resolve() and inner != ws
            assert Path.cwd().resolve() == ws.resolve(), "a nested workspace gives the outer one back"
        assert not ws.exists() and not inner.exists() and os.getcwd() == start
        ### END HIDDEN TESTS
    finally:
        os.chdir(start)

# %% course={"kind": "test", "points": 2}
import os
import tempfile
from unittest import mock

start = os.getcwd()
# every temporary folder made here goes inside `scratch`, removed at the end even when the test fails
with tempfile.TemporaryDirectory() as scratch, mock.patch.object(tempfile, "tempdir", scratch):
    try:
        try:
            with workspace({"a.txt": "x"}) as ws:
                raise KeyError("job failed")
        except KeyError:
            pass
        else:
            raise AssertionError("the exception from inside the with must reach the caller")
        assert os.getcwd() == start, "an exception inside the with must still restore the working directory"
        assert not ws.exists(), "an exception inside the with must still remove the workspace"
    finally:
        os.chdir(start)

# %% course={"kind": "wrong", "id": "no-finally", "fails": ["t3"]}
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def workspace(files):
    previous = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in files.items():
            (Path(tmp) / name).parent.mkdir(parents=True, exist_ok=True)
            (Path(tmp) / name).write_text(text, encoding="utf-8")
        os.chdir(tmp)
        yield Path(tmp)
        os.chdir(previous)

# %% course={"kind": "wrong", "id": "mkdtemp-never-removed", "fails": ["t2", "t3"]}
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def workspace(files):
    previous = os.getcwd()
    root = Path(tempfile.mkdtemp())
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    os.chdir(root)
    try:
        yield root
    finally:
        os.chdir(previous)

# %% course={"kind": "wrong", "id": "flat-files", "fails": ["t1", "t2"]}
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def workspace(files):
    previous = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in files.items():
            (Path(tmp) / name).write_text(text, encoding="utf-8")  # no parent folders: conf/ does not exist
        os.chdir(tmp)
        try:
            yield Path(tmp)
        finally:
            os.chdir(previous)

# %% [markdown] course={"kind": "exercise", "id": "storage-key", "item": "x-write-cross-platform-path-handling-code"}
# ### One storage key from any machine's path
#
# An artefact store names objects with keys such as `runs/exp-7/model.pt`: always `/`, never a
# drive. Training runs on Linux and on Windows, so the same upload code receives
# `PurePosixPath` and `PureWindowsPath` values. Write `storage_key(path, root)` that returns the
# key of `path` relative to the folder `root` (both of the same flavour), with `/` between parts.
#
# - The rules of the path's own system apply: on Windows `C:\ML` and `c:\ml` are the same folder.
# - A path that is not **inside** `root` (the root itself included) raises `ValueError`.
# - A path with a `..` part raises `ValueError`: a pure path cannot know where `..` leads.
#
# ```python
# storage_key(PureWindowsPath(r"C:\ML\runs\exp-7\model.pt"), PureWindowsPath("c:/ml"))  # 'runs/exp-7/model.pt'
# storage_key(PurePosixPath("/srv/ml/runs/a.pt"), PurePosixPath("/srv/ml"))             # 'runs/a.pt'
# ```

# %% [markdown] course={"kind": "hint"}
# Let the path classes do the comparing: `path.relative_to(root)` knows each system's rules and
# raises `ValueError` when `path` is not below `root`. String prefixes do not (`/srv/ml2`
# starts with `/srv/ml`).

# %% [markdown] course={"kind": "hint"}
# `str()` of a Windows path uses `\`; `as_posix()` always uses `/`. The root itself gives a
# relative path with no `parts`; look for `".." in path.parts` too.

# %% course={"kind": "solution"}
from pathlib import PurePath, PurePosixPath, PureWindowsPath


def storage_key(path: PurePath, root: PurePath) -> str:
    """Return the '/'-separated key of ``path`` below ``root``; ValueError when it is not inside."""
    ### BEGIN SOLUTION
    if ".." in path.parts:
        raise ValueError(f"{path} has a '..' part; resolve it before making a key")
    relative = path.relative_to(root)
    if not relative.parts:
        raise ValueError(f"{path} is the root itself, not a file inside it")
    return relative.as_posix()
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
from pathlib import PurePosixPath, PureWindowsPath

key = storage_key(PurePosixPath("/srv/ml/runs/a.pt"), PurePosixPath("/srv/ml"))
assert key == "runs/a.pt", f"got {key!r}"
key = storage_key(PureWindowsPath(r"C:\ML\runs\exp-7\model.pt"), PureWindowsPath("C:/ML"))
assert key == "runs/exp-7/model.pt", f"keys use '/', also for Windows paths; got {key!r}"

# %% course={"kind": "test", "points": 1}
from pathlib import PurePosixPath, PureWindowsPath

key = storage_key(PureWindowsPath(r"C:\ML\Runs\Model.PT"), PureWindowsPath("c:/ml"))
assert key == "Runs/Model.PT", f"Windows compares without case, and the key keeps the path's own case; got {key!r}"
### BEGIN HIDDEN TESTS
assert type(key) is str
assert storage_key(PureWindowsPath("//fs/share/ml/x.bin"), PureWindowsPath(r"\\FS\Share")) == "ml/x.bin"
assert storage_key(PureWindowsPath("D:/données/été.csv"), PureWindowsPath("D:/")) == "données/été.csv"
assert storage_key(PurePosixPath("/srv/ml/a b/c.d.e"), PurePosixPath("/srv/ml/")) == "a b/c.d.e"
assert storage_key(PurePosixPath("rel/dir/f"), PurePosixPath("rel")) == "dir/f", "relative paths work too"
assert storage_key(PurePosixPath("/srv/ml/x\\y"), PurePosixPath("/srv/ml")) == "x\\y", "on POSIX '\\' is part of a name"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
from pathlib import PurePosixPath, PureWindowsPath

for path, root, why in [
    (PurePosixPath("/srv/ml2/x.pt"), PurePosixPath("/srv/ml"), "/srv/ml2 is a sibling of /srv/ml, not inside it"),
    (PurePosixPath("/srv/ml"), PurePosixPath("/srv/ml"), "the root itself is not a file inside it"),
    (PurePosixPath("/srv/ml/../etc/passwd"), PurePosixPath("/srv/ml"), "a '..' part is refused"),
]:
    try:
        storage_key(path, root)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{path} under {root}: expected ValueError ({why})")
### BEGIN HIDDEN TESTS
for path, root in [
    (PurePosixPath("/SRV/ml/x"), PurePosixPath("/srv/ml")),
    (PureWindowsPath("C:/ml/x"), PureWindowsPath("D:/ml")),
    (PureWindowsPath("c:/ML"), PureWindowsPath("C:/ml")),
    (PureWindowsPath("C:/ml/a/../../b"), PureWindowsPath("C:/ml")),
    (PureWindowsPath("C:/mlx/b"), PureWindowsPath("C:/ml")),
    (PurePosixPath("srv/ml/x"), PurePosixPath("/srv/ml")),
]:
    try:
        storage_key(path, root)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{path} under {root}: expected ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "string-prefix", "fails": ["t2", "t3"]}
from pathlib import PurePath, PurePosixPath, PureWindowsPath
def storage_key(path, root):
    text, prefix = path.as_posix(), root.as_posix().rstrip("/")
    if ".." in path.parts or not text.startswith(prefix):  # '/srv/ml2' starts with '/srv/ml'...
        raise ValueError(path)
    return text[len(prefix) + 1:]

# %% course={"kind": "wrong", "id": "str-not-as-posix", "fails": ["t1", "t2"]}
from pathlib import PurePath, PurePosixPath, PureWindowsPath
def storage_key(path, root):
    if ".." in path.parts:
        raise ValueError(path)
    relative = path.relative_to(root)
    if not relative.parts:
        raise ValueError(path)
    return str(relative)

# %% course={"kind": "wrong", "id": "trusts-dotdot", "fails": ["t3"]}
from pathlib import PurePath, PurePosixPath, PureWindowsPath
def storage_key(path, root):
    relative = path.relative_to(root)
    if not relative.parts:
        raise ValueError(path)
    return relative.as_posix()

# %% [markdown] course={"kind": "exercise", "id": "cache-dir"}
# ### Where does the cache go? Reading `os.environ`
#
# Command-line tools on Linux follow a convention (the XDG base directory specification) to pick
# their cache folder. Write `cache_dir(app)` that returns it as a `Path`, reading the environment
# **each time it is called**:
#
# 1. the tool's own variable wins: `<APP>_CACHE_DIR`, where `<APP>` is `app` in upper case with
#    `-` turned into `_` (for `"ml-sync"`: `ML_SYNC_CACHE_DIR`); the folder is used as it is;
# 2. otherwise `$XDG_CACHE_HOME/<app>`, but only when `XDG_CACHE_HOME` is an **absolute** path
#    (the specification says to ignore a relative one);
# 3. otherwise `$HOME/.cache/<app>`;
# 4. with none of these, raise `RuntimeError` whose message names `HOME`.
#
# A variable that is set to the empty string counts as not set. A leading `~` in any of them
# means the home folder (`Path.expanduser`).
#
# ```python
# # environment: HOME=/home/ana, XDG_CACHE_HOME unset
# cache_dir("ml-sync")    # PosixPath('/home/ana/.cache/ml-sync')
# ```

# %% [markdown] course={"kind": "hint"}
# `os.environ.get(name, "")` gives `""` for a variable that is missing **or** empty, and `""` is
# falsy, so one `if value:` covers both.

# %% [markdown] course={"kind": "hint"}
# Do not use `Path.home()` for step 3: on Linux and macOS, with no `HOME` it quietly falls back
# to the system's user database (the `pwd` module) and returns that folder instead of raising.
# Read `os.environ.get("HOME", "")` yourself.

# %% course={"kind": "solution"}
import os
from pathlib import Path


def cache_dir(app: str) -> Path:
    """Return the cache folder for ``app`` from <APP>_CACHE_DIR, XDG_CACHE_HOME or HOME."""
    ### BEGIN SOLUTION
    own = os.environ.get(app.upper().replace("-", "_") + "_CACHE_DIR", "")
    if own:
        return Path(own).expanduser()
    xdg = Path(os.environ.get("XDG_CACHE_HOME", "")).expanduser()
    if xdg.is_absolute():
        return xdg / app
    home = os.environ.get("HOME", "")
    if not home:
        raise RuntimeError(f"no cache folder for {app}: set HOME, XDG_CACHE_HOME or the tool's _CACHE_DIR")
    return Path(home) / ".cache" / app
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import os
from pathlib import Path
from unittest import mock

with mock.patch.dict(os.environ, {"HOME": "/home/ana"}, clear=True):
    got = cache_dir("ml-sync")
assert isinstance(got, Path), f"return a Path, not {type(got).__name__}"
assert got == Path("/home/ana/.cache/ml-sync"), f"with only HOME set: got {got}"

# %% course={"kind": "test", "points": 2}
import os
from pathlib import Path
from unittest import mock

env = {"HOME": "/home/ana", "XDG_CACHE_HOME": "/var/cache/ana"}
with mock.patch.dict(os.environ, env, clear=True):
    assert cache_dir("ml-sync") == Path("/var/cache/ana/ml-sync"), "an absolute XDG_CACHE_HOME beats HOME"
    os.environ["ML_SYNC_CACHE_DIR"] = "/mnt/fast/cache"
    assert cache_dir("ml-sync") == Path("/mnt/fast/cache"), "ML_SYNC_CACHE_DIR beats both, used as it is"
### BEGIN HIDDEN TESTS
with mock.patch.dict(os.environ, {"HOME": "/h", "XDG_CACHE_HOME": "/x", "TRAIN_CACHE_DIR": "/t"}, clear=True):
    assert cache_dir("train") == Path("/t"), "upper-case the app name"
    assert cache_dir("Train") == Path("/t")
    os.environ["TRAIN_CACHE_DIR"] = "~/c"
    assert cache_dir("train") == Path("/h/c"), "~ means HOME"
    os.environ["XDG_CACHE_HOME"] = "~/xdg"
    assert cache_dir("other") == Path("/h/xdg/other"), "~ in XDG_CACHE_HOME is expanded before the absolute check"
    os.environ["ML_CACHE_DIR"] = "/m"
    assert cache_dir("ml") == Path("/m") and cache_dir("ml-x") == Path("/h/xdg/ml-x"), "each app has its own variable"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import os
from pathlib import Path
from unittest import mock

env = {"HOME": "/home/ana", "XDG_CACHE_HOME": "", "ML_SYNC_CACHE_DIR": ""}
with mock.patch.dict(os.environ, env, clear=True):
    assert cache_dir("ml-sync") == Path("/home/ana/.cache/ml-sync"), "variables set to '' count as not set"
### BEGIN HIDDEN TESTS
with mock.patch.dict(os.environ, {"HOME": "/home/ana", "XDG_CACHE_HOME": "relative/cache"}, clear=True):
    assert cache_dir("tool") == Path("/home/ana/.cache/tool"), "a relative XDG_CACHE_HOME is ignored"
with mock.patch.dict(os.environ, {"HOME": "/home/ana", "XDG_CACHE_HOME": "/x"}, clear=True):
    first = cache_dir("tool")
    os.environ["XDG_CACHE_HOME"] = "/y"
    assert (first, cache_dir("tool")) == (Path("/x/tool"), Path("/y/tool")), "read the environment on every call"
with mock.patch.dict(os.environ, {"HOME": "/home/zoë"}, clear=True):
    assert cache_dir("données") == Path("/home/zoë/.cache/données")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import os
from unittest import mock

for env in [{}, {"HOME": ""}, {"HOME": "", "XDG_CACHE_HOME": "rel", "OTHER_CACHE_DIR": "/o"}]:
    with mock.patch.dict(os.environ, env, clear=True):
        try:
            got = cache_dir("tool")
        except RuntimeError as err:
            assert "HOME" in str(err), f"the message must name HOME: {err}"
        else:
            raise AssertionError(f"with {env} there is no cache folder: expected RuntimeError, got {got}")

# %% course={"kind": "wrong", "id": "in-environ", "fails": ["t3"]}
import os
from pathlib import Path


def cache_dir(app):
    own = app.upper().replace("-", "_") + "_CACHE_DIR"
    if own in os.environ:  # a variable set to "" is "in" os.environ
        return Path(os.environ[own]).expanduser()
    if "XDG_CACHE_HOME" in os.environ and Path(os.environ["XDG_CACHE_HOME"]).expanduser().is_absolute():
        return Path(os.environ["XDG_CACHE_HOME"]).expanduser() / app
    if not os.environ.get("HOME"):
        raise RuntimeError("set HOME")
    return Path(os.environ["HOME"]) / ".cache" / app

# %% course={"kind": "wrong", "id": "path-home", "fails": ["t4"]}
import os
from pathlib import Path


def cache_dir(app):
    own = os.environ.get(app.upper().replace("-", "_") + "_CACHE_DIR", "")
    if own:
        return Path(own).expanduser()
    xdg = Path(os.environ.get("XDG_CACHE_HOME", "")).expanduser()
    if xdg.is_absolute():
        return xdg / app
    return Path.home() / ".cache" / app  # with no HOME this reads the user database instead

# %% course={"kind": "wrong", "id": "xdg-not-checked", "fails": ["t3", "t4"]}
import os
from pathlib import Path


def cache_dir(app):
    own = os.environ.get(app.upper().replace("-", "_") + "_CACHE_DIR", "")
    if own:
        return Path(own).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg:
        return Path(xdg).expanduser() / app
    home = os.environ.get("HOME", "")
    if not home:
        raise RuntimeError("set HOME")
    return Path(home) / ".cache" / app

# %% course={"kind": "wrong", "id": "read-once"}
import os
from pathlib import Path

_ENV = dict(os.environ)  # a snapshot taken once, at import time


def cache_dir(app):
    own = _ENV.get(app.upper().replace("-", "_") + "_CACHE_DIR", "")
    if own:
        return Path(own).expanduser()
    xdg = Path(_ENV.get("XDG_CACHE_HOME", "")).expanduser()
    if xdg.is_absolute():
        return xdg / app
    return Path(_ENV.get("HOME", "/")) / ".cache" / app

# %% [markdown] course={"kind": "exercise", "id": "safe-rmtree"}
# ### Delete a tree, safely
#
# A cleanup job deletes old run folders below a data root. Write `safe_rmtree(target, root)`
# that deletes the folder `target` with everything in it (`shutil.rmtree`), but only when
# `target` really lies **strictly inside** `root`:
#
# - compare the **resolved** paths (`Path.resolve()` follows symbolic links and removes `..`),
#   so that `root/../etc` or a link inside `root` that points elsewhere is refused;
# - `root` itself, and anything outside it, raise `ValueError` and nothing is deleted;
# - a `target` that does not exist raises `FileNotFoundError` (`rmtree` does that for you).
#
# It returns `None`.
#
# ```python
# safe_rmtree(root / "runs" / "old", root)       # deleted
# safe_rmtree(root / "runs" / ".." / "..", root) # ValueError
# ```

# %% [markdown] course={"kind": "hint"}
# After `resolve()`, "strictly inside" means: `root` is one of `target.parents`.

# %% [markdown] course={"kind": "hint"}
# A string test such as `str(target).startswith(str(root))` lets `/data-old` pass for the root
# `/data`. Compare `Path` objects, and resolve **both** sides: `root` itself may be reached
# through a link.

# %% course={"kind": "solution"}
import shutil
from pathlib import Path


def safe_rmtree(target: Path, root: Path) -> None:
    """Delete the folder ``target`` recursively, only if it lies strictly inside ``root``."""
    ### BEGIN SOLUTION
    real_root = root.resolve()
    real_target = target.resolve()
    if real_root not in real_target.parents:
        raise ValueError(f"refusing to delete {target}: it is not inside {root}")
    shutil.rmtree(real_target)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp, "data")
    (root / "runs" / "old" / "ckpt").mkdir(parents=True)
    (root / "runs" / "old" / "ckpt" / "w.bin").write_bytes(b"\x00")
    (root / "runs" / "new").mkdir()
    result = safe_rmtree(root / "runs" / "old", root)
    assert not (root / "runs" / "old").exists(), "the target and everything in it must be gone"
    assert (root / "runs" / "new").is_dir() and result is None, "only the target goes; return None"

# %% course={"kind": "test", "points": 2}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp, "data")
    (root / "runs").mkdir(parents=True)
    victim = Path(tmp, "data-old")  # a sibling whose name starts like root
    victim.mkdir()
    for target, why in [(root, "root itself"), (root / "runs" / ".." / ".." / "data-old", "'..' leads out"),
                        (victim, "a sibling that shares the prefix")]:
        try:
            safe_rmtree(target, root)
        except ValueError:
            pass
        else:
            raise AssertionError(f"{why}: expected ValueError")
    assert root.is_dir() and (root / "runs").is_dir() and victim.is_dir(), "a refused call deletes nothing"

# %% course={"kind": "test", "points": 2}
import os
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp, "data")
    (root / "runs").mkdir(parents=True)
    outside = Path(tmp, "precious")
    outside.mkdir()
    (outside / "keep.txt").write_text("keep")
    os.symlink(outside, root / "runs" / "shortcut")  # a link inside root that points out of it
    try:
        safe_rmtree(root / "runs" / "shortcut", root)
    except ValueError:
        pass
    else:
        raise AssertionError("a link that leads out of root must be refused (resolve it first)")
    assert (outside / "keep.txt").read_text() == "keep", "nothing outside root may be deleted"
    ### BEGIN HIDDEN TESTS
    os.symlink(root, Path(tmp, "data-link"))  # root reached through a link
    (root / "runs" / "r1").mkdir()
    safe_rmtree(root / "runs" / "r1", Path(tmp, "data-link"))
    assert not (root / "runs" / "r1").exists(), "a root given through a link is the same root"
    (root / "runs" / "r2").mkdir()
    safe_rmtree(Path(tmp, "data-link", "runs", "r2"), root)
    assert not (root / "runs" / "r2").exists()
    try:
        safe_rmtree(root / "runs" / "missing", root)
    except FileNotFoundError:
        pass
    else:
        raise AssertionError("a target that does not exist is a FileNotFoundError")
    try:
        safe_rmtree(Path(tmp, "data-link"), root)
    except ValueError:
        pass
    else:
        raise AssertionError("a link to root is root itself")
    (root / "ünïcode dir" / "x").mkdir(parents=True)
    safe_rmtree(root / "ünïcode dir", root)
    assert sorted(p.name for p in root.iterdir()) == ["runs"] and outside.is_dir()
    ### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "string-prefix", "fails": ["t2"]}
from pathlib import Path
import shutil


def safe_rmtree(target, root):
    real_root, real_target = str(root.resolve()), str(target.resolve())
    if real_target == real_root or not real_target.startswith(real_root):
        raise ValueError(target)
    shutil.rmtree(real_target)

# %% course={"kind": "wrong", "id": "not-resolved", "fails": ["t2", "t3"]}
from pathlib import Path
import shutil


def safe_rmtree(target, root):
    if root not in target.parents:  # compares the text of the paths: '..' and links are not followed
        raise ValueError(target)
    shutil.rmtree(target)

# %% course={"kind": "wrong", "id": "root-allowed", "fails": ["t2", "t3"]}
from pathlib import Path
import shutil


def safe_rmtree(target, root):
    real_target = target.resolve()
    if not real_target.is_relative_to(root.resolve()):  # True for root itself too
        raise ValueError(target)
    shutil.rmtree(real_target)

# %% [markdown] course={"kind": "exercise", "id": "scaffold", "item": "project-7-2-1"}
# ### Project Scaffolder, the core: render a template into a folder
#
# A scaffolder turns a **template** into a new project. Here a template is a dict from a relative
# path (with `/`) to the text of that file; a key ending in `/` is an empty folder. Both keys and
# texts may hold `$placeholders` (the `string.Template` syntax: `$name`, `${name}`, and `$$` for
# a literal `$`), filled from a `config` dict. Templates for different project types are just
# different dicts:
#
# ```python
# PYTHON_LIB = {
#     "src/$package/__init__.py": '__version__ = "$version"\n',
#     "tests/": "",
#     "README.md": "# $name\n",
# }
# scaffold(root, PYTHON_LIB, {"package": "infra_kit", "version": "0.1.0", "name": "Infra Kit"})
# # ['README.md', 'src/infra_kit/__init__.py', 'tests']
# ```
#
# Write `scaffold(root, template, config)` that creates the files (with their parent folders,
# text written as UTF-8) and folders under the existing folder `root`, and returns the rendered
# keys, without the trailing `/`, sorted. It must **either do everything or nothing**: before
# writing anything it checks that
#
# - every placeholder has a value (a missing one raises `KeyError`, as `Template.substitute`
#   does);
# - every rendered path is relative and has no `..` part (else `ValueError`);
# - no rendered path exists yet, and no file stands where one of its folders must go (else
#   `FileExistsError` whose message names the path in the way).

# %% [markdown] course={"kind": "hint"}
# Work in two passes. First render everything into a new dict (`Template(key).substitute(config)`
# for keys and texts) and run every check; only then create anything. For a file in the way of a
# folder, look at each `PurePosixPath(rel).parents`.

# %% [markdown] course={"kind": "hint"}
# For a file: `target.parent.mkdir(parents=True, exist_ok=True)` then `target.write_text(text,
# encoding="utf-8")`. For a folder key: `target.mkdir(parents=True, exist_ok=True)`, because a
# file listed before it may already have created it.

# %% course={"kind": "solution"}
from pathlib import Path, PurePosixPath
from string import Template


def scaffold(root: Path, template: dict[str, str], config: dict[str, str]) -> list[str]:
    """Render ``template`` with ``config`` into ``root``; all checks first; return the keys made."""
    ### BEGIN SOLUTION
    rendered = {Template(key).substitute(config): Template(text).substitute(config) for key, text in template.items()}
    for rel in rendered:
        parts = PurePosixPath(rel)
        if parts.is_absolute() or ".." in parts.parts:
            raise ValueError(f"template path {rel!r} would leave {root}")
    clashes = [rel for rel in rendered if (root / rel).exists()]
    clashes += [up.as_posix() for rel in rendered for up in PurePosixPath(rel).parents if (root / up).is_file()]
    if clashes:
        raise FileExistsError(f"already there, nothing written: {', '.join(dict.fromkeys(clashes))}")
    for rel, text in rendered.items():
        target = root / rel
        if rel.endswith("/"):
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return sorted(rel.rstrip("/") for rel in rendered)
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import tempfile
from pathlib import Path

PYTHON_LIB = {"src/$package/__init__.py": '__version__ = "$version"\n', "tests/": "", "README.md": "# $name\n"}
with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp)
    made = scaffold(root, PYTHON_LIB, {"package": "infra_kit", "version": "0.1.0", "name": "Infra Kit"})
    assert made == ["README.md", "src/infra_kit/__init__.py", "tests"], f"got {made}"
    assert (root / "src" / "infra_kit" / "__init__.py").read_text() == '__version__ = "0.1.0"\n', "fill texts too"
    assert (root / "tests").is_dir() and not any((root / "tests").iterdir()), "a key ending in / is an empty folder"
    assert (root / "README.md").read_text() == "# Infra Kit\n"

# %% course={"kind": "test", "points": 2}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp)
    (root / "README.md").write_text("mine")
    template = {"Makefile": "all:\n", "src/app.py": "", "README.md": "# $name\n"}
    try:
        scaffold(root, template, {"name": "svc"})
    except FileExistsError as err:
        assert "README.md" in str(err), f"the message must name the file that is in the way: {err}"
    else:
        raise AssertionError("an existing README.md must raise FileExistsError")
    assert sorted(p.name for p in root.iterdir()) == ["README.md"], "nothing may be written when a path exists"
    assert (root / "README.md").read_text() == "mine", "an existing file is never overwritten"
    ### BEGIN HIDDEN TESTS
    for n, (existing, template, config) in enumerate([
        ("svc.md", {"new.txt": "", "$name.md": "# $name\n"}, {"name": "svc"}),  # check the RENDERED path
        ("data/", {"new.txt": "", "data/": ""}, {}),  # an existing folder is in the way too
        ("src", {"README.md": "# $name\n", "src/app.py": ""}, {"name": "x"}),  # a file where a folder must go
    ]):
        case = root / f"case-{n}"
        case.mkdir()
        if existing.endswith("/"):
            (case / existing).mkdir()
        else:
            (case / existing).write_text("mine")
        try:
            scaffold(case, template, config)
        except FileExistsError as err:
            assert existing.rstrip("/") in str(err), f"the message must name the path that is in the way: {err}"
        else:
            raise AssertionError(f"{existing} already exists: expected FileExistsError")
        assert sorted(p.name for p in case.iterdir()) == [existing.rstrip("/")], f"{existing}: nothing may be written"
    ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp, "new")
    root.mkdir()
    for template, config, error in [
        ({"a.txt": "", "../$name.txt": ""}, {"name": "x"}, ValueError),
        ({"a.txt": "", "b.txt": "$missing"}, {}, KeyError),
    ]:
        try:
            scaffold(root, template, config)
        except error:
            pass
        else:
            raise AssertionError(f"{template}: expected {error.__name__}")
    assert not any(root.iterdir()) and sorted(p.name for p in Path(tmp).iterdir()) == ["new"], "check before writing"
    ### BEGIN HIDDEN TESTS
    for bad in [{"$where/x": ""}, {"ok/": "", "$up/x": ""}]:
        try:
            scaffold(root, bad, {"where": str(Path(tmp, "abs")), "up": ".."})
        except ValueError:
            pass
        else:
            raise AssertionError(f"{bad}: expected ValueError")
    assert not any(root.iterdir()) and sorted(p.name for p in Path(tmp).iterdir()) == ["new"]
    try:
        scaffold(root, {"$pkg/": ""}, {"package": "x"})
    except KeyError:
        pass
    else:
        raise AssertionError("a placeholder in a path with no value is a KeyError")
    ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp)
    assert scaffold(root, {}, {}) == [], "an empty template makes nothing"
    made = scaffold(root, {"${pkg}_cli/main.py": "PRICE = '$$5'\nCONF = {}\n", "${pkg}_cli/": ""}, {"pkg": "ops"})
    assert made == ["ops_cli", "ops_cli/main.py"], f"a folder key may come after a file inside it; got {made}"
    assert (root / "ops_cli" / "main.py").read_text() == "PRICE = '$5'\nCONF = {}\n", "$$ is a literal $"
    ### BEGIN HIDDEN TESTS
    made = scaffold(root, {"docs/$lang/index.md": "# $title\n", "z/": "", "a/b/c/": ""}, {"lang": "français", "title": "Café ☕"})
    assert made == ["a/b/c", "docs/français/index.md", "z"], made
    assert (root / "docs" / "français" / "index.md").read_text(encoding="utf-8") == "# Café ☕\n"
    assert (root / "a" / "b" / "c").is_dir() and (root / "z").is_dir()
    ### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "writes-as-it-goes", "fails": ["t2", "t3", "t4"]}
from pathlib import Path, PurePosixPath
from string import Template


def scaffold(root, template, config):
    made = []
    for key, text in template.items():
        rel = Template(key).substitute(config)
        if PurePosixPath(rel).is_absolute() or ".." in PurePosixPath(rel).parts:
            raise ValueError(rel)
        target = root / rel
        if target.exists():
            raise FileExistsError(rel)  # ...but the files before it are already written
        if rel.endswith("/"):
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(Template(text).substitute(config), encoding="utf-8")
        made.append(rel.rstrip("/"))
    return sorted(made)

# %% course={"kind": "wrong", "id": "texts-only", "fails": ["t1", "t2", "t3", "t4"]}
from pathlib import Path
from string import Template


def scaffold(root, template, config):
    for key in template:
        if (root / key).exists():
            raise FileExistsError(key)
    for key, text in template.items():  # the keys are used without filling their placeholders
        target = root / key
        if key.endswith("/"):
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(Template(text).substitute(config), encoding="utf-8")
    return sorted(key.rstrip("/") for key in template)

# %% course={"kind": "wrong", "id": "safe-substitute", "fails": ["t3"]}
from pathlib import Path, PurePosixPath
from string import Template


def scaffold(root, template, config):
    rendered = {Template(k).safe_substitute(config): Template(t).safe_substitute(config) for k, t in template.items()}
    for rel in rendered:
        if PurePosixPath(rel).is_absolute() or ".." in PurePosixPath(rel).parts:
            raise ValueError(rel)
    clashes = [rel for rel in rendered if (root / rel).exists()]
    clashes += [up.as_posix() for rel in rendered for up in PurePosixPath(rel).parents if (root / up).is_file()]
    if clashes:
        raise FileExistsError(", ".join(clashes))
    for rel, text in rendered.items():
        target = root / rel
        if rel.endswith("/"):
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return sorted(rel.rstrip("/") for rel in rendered)

# %% course={"kind": "wrong", "id": "checks-raw-keys", "fails": ["t2"]}
from pathlib import Path, PurePosixPath
from string import Template


def scaffold(root, template, config):
    rendered = {Template(k).substitute(config): Template(t).substitute(config) for k, t in template.items()}
    for rel in rendered:
        if PurePosixPath(rel).is_absolute() or ".." in PurePosixPath(rel).parts:
            raise ValueError(rel)
    clashes = [key for key in template if (root / key).exists()]  # '$name.md' never exists; 'svc.md' may
    clashes += [up.as_posix() for key in template for up in PurePosixPath(key).parents if (root / up).is_file()]
    if clashes:
        raise FileExistsError(", ".join(clashes))
    for rel, text in rendered.items():
        target = root / rel
        if rel.endswith("/"):
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return sorted(rel.rstrip("/") for rel in rendered)

# %% course={"kind": "wrong", "id": "folders-not-checked", "fails": ["t2"]}
from pathlib import Path, PurePosixPath
from string import Template


def scaffold(root, template, config):
    rendered = {Template(k).substitute(config): Template(t).substitute(config) for k, t in template.items()}
    for rel in rendered:
        if PurePosixPath(rel).is_absolute() or ".." in PurePosixPath(rel).parts:
            raise ValueError(rel)
    clashes = [rel for rel in rendered if not rel.endswith("/") and (root / rel).exists()]  # files only
    clashes += [up.as_posix() for rel in rendered for up in PurePosixPath(rel).parents if (root / up).is_file()]
    if clashes:
        raise FileExistsError(", ".join(clashes))
    for rel, text in rendered.items():
        target = root / rel
        if rel.endswith("/"):
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return sorted(rel.rstrip("/") for rel in rendered)

# %% course={"kind": "wrong", "id": "parents-not-checked", "fails": ["t2"]}
from pathlib import Path, PurePosixPath
from string import Template


def scaffold(root, template, config):
    rendered = {Template(k).substitute(config): Template(t).substitute(config) for k, t in template.items()}
    for rel in rendered:
        if PurePosixPath(rel).is_absolute() or ".." in PurePosixPath(rel).parts:
            raise ValueError(rel)
    clashes = [rel for rel in rendered if (root / rel).exists()]  # a FILE 'src' blocks 'src/app.py' only later
    if clashes:
        raise FileExistsError(", ".join(clashes))
    for rel, text in rendered.items():
        target = root / rel
        if rel.endswith("/"):
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return sorted(rel.rstrip("/") for rel in rendered)

# %% [markdown] course={"kind": "exercise", "id": "find-duplicates", "item": "project-7-2-2"}
# ### Duplicate File Finder, part 1: group files by content
#
# Write `find_duplicates(root)` that scans every file below the folder `root` and returns the
# groups of files whose **content** is identical, judged by a SHA-256 hash of the bytes (names do
# not matter: two `config.yaml` with different content are not duplicates, and `a.bin` and
# `b.bin` with equal bytes are). Each group is a sorted list of paths relative to `root` with `/`;
# only groups of two or more files are reported; the list of groups is sorted too. Symbolic links
# are not files of their own: skip them (a link to a file is not a copy of it). Empty files have
# equal (empty) content, so they are duplicates of each other.
#
# ```python
# # root/a.txt = "hello", root/sub/copy.txt = "hello", root/b.txt = "other"
# find_duplicates(root)   # [['a.txt', 'sub/copy.txt']]
# ```

# %% [markdown] course={"kind": "hint"}
# Build a dict from digest to list of paths: `hashlib.sha256(path.read_bytes()).hexdigest()`
# for every `path` in `root.rglob("*")` that `is_file()` and is not `is_symlink()`.

# %% [markdown] course={"kind": "hint"}
# Keep the lists with `len(...) > 1`, sort each one, then sort the list of groups. (A real tool
# first groups by `stat().st_size` and hashes only files whose size is shared, in chunks: see the
# project task below.)

# %% course={"kind": "solution"}
import hashlib
from pathlib import Path


def find_duplicates(root: Path) -> list[list[str]]:
    """Return sorted groups (sorted lists of relative paths) of files below ``root`` with equal content."""
    ### BEGIN SOLUTION
    by_digest: dict[str, list[str]] = {}
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            by_digest.setdefault(digest, []).append(path.relative_to(root).as_posix())
    return sorted(sorted(group) for group in by_digest.values() if len(group) > 1)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp)
    (root / "sub").mkdir()
    (root / "a.txt").write_text("hello")
    (root / "sub" / "copy.txt").write_text("hello")
    (root / "b.txt").write_text("other")
    got = find_duplicates(root)
    assert got == [["a.txt", "sub/copy.txt"]], f"equal content in any folder is a duplicate; got {got}"

# %% course={"kind": "test", "points": 2}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp)
    for folder in ["x", "y"]:
        (root / folder).mkdir()
    (root / "x" / "config.yaml").write_text("replicas: 1\n")
    (root / "y" / "config.yaml").write_text("replicas: 2\n")
    got = find_duplicates(root)
    assert got == [], f"same name, different content: not duplicates; got {got}"
    (root / "x" / "empty.log").write_bytes(b"")
    (root / "y" / "blank.log").write_bytes(b"")
    got = find_duplicates(root)
    assert got == [["x/empty.log", "y/blank.log"]], f"empty files are equal to each other; got {got}"

# %% course={"kind": "test", "points": 2}
import os
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp)
    (root / "model.bin").write_bytes(b"\x00\x01" * 100)
    os.symlink(root / "model.bin", root / "latest.bin")
    got = find_duplicates(root)
    assert got == [], f"a symbolic link is not a copy: skip links; got {got}"
    ### BEGIN HIDDEN TESTS
    (root / "dir").mkdir()
    os.symlink(root / "dir", root / "dir-link")
    (root / "dir" / "m2.bin").write_bytes(b"\x00\x01" * 100)
    assert find_duplicates(root) == [["dir/m2.bin", "model.bin"]]
    ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import random
import tempfile
from pathlib import Path

from course.runtime.listing import listing_z_to_a  # every folder lists Z to A while active


with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp)
    files = {f"d{i % 3}/f{i:02d}.dat": bytes([i % 5]) * 10 for i in range(30)}
    names = sorted(files)
    random.Random(7).shuffle(names)
    for name in names:
        (root / name).parent.mkdir(exist_ok=True)
        (root / name).write_bytes(files[name])
    with listing_z_to_a():
        got = find_duplicates(root)
    expected = sorted(sorted(n for n in files if files[n] == bytes([k]) * 10) for k in range(5))
    assert got == expected, f"each group sorted, and the groups sorted; got {got}"
    ### BEGIN HIDDEN TESTS
    (root / "ünï.dat").write_bytes(b"\x04" * 10)
    (root / "unique.dat").write_bytes(b"\x04" * 11)
    (root / "same-size.dat").write_bytes(b"\x05" * 10)
    with listing_z_to_a():
        got = find_duplicates(root)
    assert [g for g in got if "ünï.dat" in g] == [sorted([n for n in files if files[n] == b"\x04" * 10] + ["ünï.dat"])]
    assert all("unique.dat" not in g and "same-size.dat" not in g for g in got), "equal size is not equal content"
    assert all(type(g) is list and all(type(p) is str for p in g) for g in got) and type(got) is list
    ### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "by-name", "fails": ["t1", "t2", "t3", "t4"]}
from pathlib import Path


def find_duplicates(root):
    by_name = {}
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            by_name.setdefault(path.name, []).append(path.relative_to(root).as_posix())
    return sorted(sorted(g) for g in by_name.values() if len(g) > 1)

# %% course={"kind": "wrong", "id": "follows-links", "fails": ["t3"]}
import hashlib
from pathlib import Path


def find_duplicates(root):
    by_digest = {}
    for path in root.rglob("*"):
        if path.is_file():  # is_file() is True for a link to a file
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            by_digest.setdefault(digest, []).append(path.relative_to(root).as_posix())
    return sorted(sorted(g) for g in by_digest.values() if len(g) > 1)

# %% course={"kind": "wrong", "id": "skips-empty", "fails": ["t2"]}
import hashlib
from pathlib import Path


def find_duplicates(root):
    by_digest = {}
    for path in root.rglob("*"):
        data = path.read_bytes() if path.is_file() and not path.is_symlink() else b""
        if data:  # an empty file looks like "nothing to compare"
            by_digest.setdefault(hashlib.sha256(data).hexdigest(), []).append(path.relative_to(root).as_posix())
    return sorted(sorted(g) for g in by_digest.values() if len(g) > 1)

# %% [markdown] course={"kind": "exercise", "id": "prune-duplicates", "item": "project-7-2-2"}
# ### Duplicate File Finder, part 2: report wasted space, dry run first
#
# Write `prune_duplicates(root, groups, dry_run=True)`. `groups` is what `find_duplicates`
# returns (lists of paths relative to `root`, though they may come in any order here). In each
# group the file whose path sorts **first** is kept; every other file is a copy. The function
# returns a tuple `(copies, wasted)`: the sorted list of the copies' paths and the number of bytes
# they take. With `dry_run=True`, **the default**, it only reports; with `dry_run=False` it also
# deletes the copies. The report is the same in both modes.
#
# ```python
# prune_duplicates(root, [["b.bin", "a.bin", "c/a.bin"]])   # (['b.bin', 'c/a.bin'], 2048), nothing deleted
# prune_duplicates(root, [["b.bin", "a.bin", "c/a.bin"]], dry_run=False)   # same answer; b.bin and c/a.bin are gone
# ```

# %% [markdown] course={"kind": "hint"}
# `keep, *copies = sorted(group)` splits a group. Add up `(root / rel).stat().st_size` for the
# copies **before** deleting them.

# %% [markdown] course={"kind": "hint"}
# Delete with `(root / rel).unlink()` only when `not dry_run`. Sort the whole list of copies at the
# end: the groups can arrive in any order.

# %% course={"kind": "solution"}
from pathlib import Path


def prune_duplicates(root: Path, groups: list[list[str]], dry_run: bool = True) -> tuple[list[str], int]:
    """Report (and unless ``dry_run``, delete) every file of each group but the first by sorted path."""
    ### BEGIN SOLUTION
    copies: list[str] = []
    wasted = 0
    for group in groups:
        _keep, *extra = sorted(group)
        for rel in extra:
            wasted += (root / rel).stat().st_size
            copies.append(rel)
            if not dry_run:
                (root / rel).unlink()
    return sorted(copies), wasted
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp)
    (root / "c").mkdir()
    for name in ["a.bin", "b.bin", "c/a.bin"]:
        (root / name).write_bytes(b"\xff" * 1024)
    got = prune_duplicates(root, [["b.bin", "a.bin", "c/a.bin"]])
    assert got == (["b.bin", "c/a.bin"], 2048), f"keep the first path in sorted order; report the rest: got {got}"
    assert all((root / n).exists() for n in ["a.bin", "b.bin", "c/a.bin"]), "a dry run (the default) deletes nothing"

# %% course={"kind": "test", "points": 2}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp)
    (root / "c").mkdir()
    for name in ["a.bin", "b.bin", "c/a.bin"]:
        (root / name).write_bytes(b"\xff" * 1024)
    got = prune_duplicates(root, [["b.bin", "a.bin", "c/a.bin"]], dry_run=False)
    assert got == (["b.bin", "c/a.bin"], 2048), f"the report is the same as in a dry run; got {got}"
    left = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert left == ["a.bin"], f"only the kept file may remain, got {left}"
    ### BEGIN HIDDEN TESTS
    assert prune_duplicates(root, [], dry_run=False) == ([], 0), "no groups, nothing to do"
    for name, size in [("z1", 3), ("z2", 3), ("y1", 0), ("y2", 0), ("y3", 0), ("é1", 5), ("é2", 5)]:
        (root / name).write_bytes(b"\x01" * size)
    groups = [["z2", "z1"], ["y3", "y1", "y2"], ["é2", "é1"]]
    report = prune_duplicates(root, groups)
    assert report == (["y2", "y3", "z2", "é2"], 8), f"empty copies are listed and add 0 bytes; got {report}"
    assert type(report) is tuple and type(report[0]) is list and type(report[1]) is int
    assert groups == [["z2", "z1"], ["y3", "y1", "y2"], ["é2", "é1"]], "do not reorder the caller's lists"
    assert prune_duplicates(root, groups, dry_run=False) == report
    left = sorted(p.name for p in root.iterdir() if p.is_file())
    assert left == ["a.bin", "y1", "z1", "é1"], left
    ### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "deletes-in-dry-run", "fails": ["t1", "t2"]}
from pathlib import Path


def prune_duplicates(root, groups, dry_run=True):
    copies, wasted = [], 0
    for group in groups:
        for rel in sorted(group)[1:]:
            wasted += (root / rel).stat().st_size
            copies.append(rel)
            (root / rel).unlink()  # dry_run is never looked at
    return sorted(copies), wasted

# %% course={"kind": "wrong", "id": "keeps-listed-first", "fails": ["t1", "t2"]}
from pathlib import Path


def prune_duplicates(root, groups, dry_run=True):
    copies, wasted = [], 0
    for group in groups:
        for rel in group[1:]:  # keeps whichever path happens to come first
            wasted += (root / rel).stat().st_size
            copies.append(rel)
            if not dry_run:
                (root / rel).unlink()
    return sorted(copies), wasted

# %% course={"kind": "wrong", "id": "sorts-in-place", "fails": ["t2"]}
from pathlib import Path


def prune_duplicates(root, groups, dry_run=True):
    copies, wasted = [], 0
    for group in groups:
        group.sort()  # changes the caller's lists
        for rel in group[1:]:
            wasted += (root / rel).stat().st_size
            copies.append(rel)
            if not dry_run:
                (root / rel).unlink()
    return sorted(copies), wasted

# %% [markdown] course={"kind": "task", "id": "scaffolder-tool", "item": "project-7-2-1", "points": 3}
# ### Project Scaffolder: the command-line tool
#
# Build `scaffold.py` around your tested `scaffold()`:
#
# 1. **Templates for project types.** At least three (for example `python-lib`, `ml-project` with
#    `data/raw/`, `data/processed/`, `models/`, `notebooks/` and a `params.yaml`, and
#    `ansible-role`), each a folder of template files on disk read with `rglob` (so a team can
#    add a template without touching code), not dicts in the source.
# 2. **Customisation by config.** `python scaffold.py ml-project ./churn --config churn.toml`
#    reads the placeholder values from a TOML file (`tomllib`), lets `--set name=value` override
#    single values, and prints the missing placeholders by name when there are any.
# 3. **Safe by default.** `--dry-run` prints the tree it would create and writes nothing; an
#    existing target folder that is not empty is refused unless `--force` is given, and even then
#    no existing file is overwritten.
#
# Paste the tool's code, a `--dry-run` of one template, and the `find ./churn | sort` of a real
# run.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: templates live as files on disk and are discovered with `pathlib`; paths are built
#   with `/`, never with string concatenation; placeholder values come from TOML plus `--set`.
# - 1 point: all checks (missing values, paths leaving the target, existing files) happen before
#   the first write; a failed run leaves no half-made project.
# - 1 point: `--dry-run` writes nothing (the pasted output shows it), and errors name the
#   template, the file and the placeholder concerned.

# %% [markdown] course={"kind": "task", "id": "dupfinder-tool", "item": "project-7-2-2", "points": 3}
# ### Duplicate File Finder: a tool for large folders
#
# Turn your two tested functions into `dupfind.py`:
#
# 1. **Cheap first.** Group files by `stat().st_size` first and hash only the files whose size is
#    shared; hash in chunks of 1 MiB (`hashlib.sha256().update(...)` in a loop, or
#    `hashlib.file_digest` from Python 3.11), never `read_bytes()` on a big file.
# 2. **Report.** Print each group with sizes, then the total wasted space in human units
#    (`12.4 MiB`), sorted by wasted space, largest first.
# 3. **Modes.** `--dry-run` is the default; `--delete` removes the copies; `--link` replaces each
#    copy with a hard link to the kept file (`os.link` to a temporary name in the same folder,
#    then `os.replace`), so that no path disappears.
#
# Run it on a copy of a real folder of yours with at least a few hundred files (for example a
# `site-packages`), and paste the command and the report, then a `--link` run followed by a
# second dry run that finds nothing left to save.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: files are grouped by size before hashing, and hashing reads in chunks (or uses
#   `hashlib.file_digest`); symlinks are skipped; unreadable files are reported, not fatal.
# - 1 point: the dry run is the default and deletes nothing; `--delete` keeps exactly one file per
#   group; the wasted-space total matches the sizes shown.
# - 1 point: `--link` swaps in the link atomically (`os.replace` of a temporary link in the same
#   folder), and the pasted second dry run shows no duplicates left.

# %% [markdown] course={"kind": "answer", "question": "q-why-prefer-pathlib-over-os-path"}
# A `Path` is a value with methods, where `os.path` is functions on strings. That gives:
#
# - joining with `/` and named parts (`name`, `stem`, `suffix`, `parent`) instead of nested
#   `os.path.join(os.path.dirname(...))` calls and index arithmetic on `splitext`;
# - one import for what needs `os`, `os.path`, `glob` and `open` otherwise (`read_text`,
#   `mkdir(parents=True)`, `rglob`, `unlink`, `stat`);
# - type hints that say "a path", not "some string", and `PurePosixPath`/`PureWindowsPath` for
#   reasoning about another system's paths without that system.
#
# Standard-library functions that take a path accept a `Path` too (any `os.PathLike`; `os.fspath(p)`
# gives the string when a library wants one). `os` is still the
# tool for what `pathlib` does not cover: `os.environ`, `os.chdir`, `os.walk` before 3.12,
# descriptors from `mkstemp`.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-cross-platform-paths"}
# Never build paths from strings: use `Path(...) / "part"`, which uses the right separator.
# Do not hard-code places either: ask for them (`Path.home()`, `tempfile.gettempdir()`, the
# third-party `platformdirs` package for config and cache folders) or read them from the environment. Remember that
# Windows and macOS compare names without case while Linux does not, so two files `Model.pt` and
# `model.pt` cannot live together everywhere. When a path leaves the program (a manifest, a
# storage key, a URL), write it with `as_posix()` relative to a known root, and read it back with
# `PurePosixPath`. Test the Windows rules on Linux with `PureWindowsPath`, and run CI on
# more than one system for the rest.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-safely-delete-a-directory"}
# `shutil.rmtree` deletes without asking, so the safety is all in choosing the path:
#
# 1. Build it from a known root, never from raw input alone; refuse empty values.
# 2. `resolve()` both the target and the allowed root and require that the root is one of the
#    target's `parents` (strictly inside: never the root itself, never a string prefix check,
#    which lets `/data-old` pass for `/data`). `resolve()` also catches `..` and symlinks that
#    lead out.
# 3. Prefer a dry run that lists what would go, log what was deleted, and for scratch space use
#    `tempfile.TemporaryDirectory`, which cleans up by itself.
#
# `rmtree` does not follow a symbolic link given as its target (it raises `OSError`), and on
# Linux it uses file-descriptor-based calls that resist symlink races while it walks
# (`shutil.rmtree.avoids_symlink_attacks` is `True` there).
