# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can say what actually happens when Python runs your
# file, start and use the REPL, run code as a script or as a module, make a script executable
# with a shebang, and write the `if __name__ == "__main__":` guard without thinking about it.

# %% [markdown] course={"kind": "lesson", "id": "what-python-is", "covers": ["c-what-is-python-interpreted-dynamically", "c-cpython-vs-pypy-vs-jython-vs-ironpython"]}
# ### What Python is, and which Python you are running
#
# "Python" names two things: a **language** (the rules for what code means) and an
# **implementation** (a program that runs code written in it). The language is
#
# - **high-level**: you work with lists, dicts and objects, never with memory addresses;
# - **dynamically typed**: a name can point at an `int` now and a `str` later, and types are
#   checked while the program runs, not before;
# - run by an **interpreter** that reads your source and executes it, with no separate build step
#   you have to run yourself.
#
# The implementation almost everyone uses is **CPython**, written in C; it is what you get from
# python.org, your Linux distribution or a Docker `python:` image. Others exist for other needs:
#
# | implementation | written in | why you would meet it |
# |---|---|---|
# | CPython | C | the reference; every library supports it first |
# | PyPy | RPython | a just-in-time compiler: long-running pure-Python loops run several times faster |
# | Jython | Java | runs on the JVM and calls Java classes (stuck on Python 2.7) |
# | IronPython | C# | runs on .NET and calls .NET classes |
#
# In DevOps work the question "which Python is this?" comes up constantly: a cron job, a
# container and your laptop can each run a different interpreter. Ask Python itself:

# %% course={"kind": "demo"}
import platform
import sys

print("implementation:", sys.implementation.name)  # 'cpython' here
print("version:       ", platform.python_version())
print("executable:    ", sys.executable)  # the exact interpreter running this notebook

# %% [markdown] course={"kind": "lesson", "id": "source-to-bytecode", "covers": ["c-python-compilation-process-source", "c-pyc-files-and-pycache-directory"]}
# ### From source to bytecode to execution
#
# CPython never runs your text directly. It first **compiles** the source into **bytecode**, a
# compact list of instructions for CPython's virtual machine, and then the virtual machine
# **executes** that bytecode one instruction at a time:
#
# ```
# hello.py  --compile-->  code object (bytecode)  --execute-->  output
# ```
#
# So "interpreted" is only half the story: there is a compile step, it is just automatic and
# fast. You can watch both halves with the built-in `compile()` and the `dis` module:

# %% course={"kind": "demo"}
import dis

source = "total = price * quantity"
code = compile(source, "<example>", "exec")  # step 1: source -> code object
print(type(code).__name__, "with", len(code.co_code), "bytes of bytecode")
dis.dis(code)  # the instructions the virtual machine will run (they differ between Python versions)

# %% [markdown] course={"kind": "text"}
# When you **import** a module, CPython saves that bytecode in a `.pyc` file inside a
# `__pycache__` folder next to the source; the file's name carries the interpreter's tag
# (`greetings.cpython-311.pyc`, say), so the next import can skip compiling. The file you run directly as a script is compiled every
# time and never cached. A `.pyc` is a cache, not a build artefact: delete it and Python makes
# it again; never commit `__pycache__` to git.

# %% course={"kind": "demo"}
import importlib.util
import py_compile
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    module = Path(tmp, "greetings.py")
    module.write_text("WORD = 'hello'\n")
    pyc = py_compile.compile(str(module))  # what an import does behind the scenes
    print("cache file :", Path(pyc).relative_to(tmp))
    print("expected   :", Path(importlib.util.cache_from_source(str(module))).relative_to(tmp))

# %% [markdown] course={"kind": "lesson", "id": "repl", "covers": ["c-the-python-repl-read-eval-print-loop", "c-interactive-mode-python-or-python3"]}
# ### The REPL: Read, Eval, Print, Loop
#
# Typing `python3` (or `python`, depending on the system) with no file starts **interactive
# mode**, the REPL. It **reads** one statement, **evaluates** it, **prints** the `repr()` of the
# result if there is one, and **loops** back to the `>>>` prompt. Two details matter:
#
# - it prints the *repr*, so strings show their quotes: `'ok'`, not `ok`;
# - it prints nothing when the result is `None`, which is why calling `print()` at the prompt
#   does not show `None` afterwards.
#
# A Jupyter cell behaves the same way for its last expression. The demo below is a tiny REPL
# that processes a fixed list of lines instead of waiting for a keyboard:

# %% course={"kind": "demo"}
lines = ["6 * 7", "'ok'.upper()", "print('side effect')", "None", "2 ** 10"]
namespace: dict = {}
for line in lines:
    print(f">>> {line}")
    result = eval(line, namespace)  # Read + Eval
    if result is not None:
        print(repr(result))  # Print (the repr, and only when not None)

# %% [markdown] course={"kind": "lesson", "id": "running-code", "covers": ["c-running-scripts-python-script-py", "c-running-modules-python-m-module-name", "c-command-line-arguments-basics-sys-argv"]}
# ### Running a script, running a module, and reading arguments
#
# There are two everyday ways to run code from a shell:
#
# - `python3 script.py arg1 arg2` runs a **file**. Its folder is put first on the import path.
# - `python3 -m package.module arg1` finds a **module** on the import path (which, for `-m`,
#   starts with the current folder) and runs it. Use it
#   for tools that ship inside packages (`python3 -m venv .venv`, `python3 -m pip install ...`,
#   `python3 -m http.server`): it guarantees the tool belongs to *this* interpreter.
#
# Either way, the words after the script name arrive in **`sys.argv`**, a list of strings:
# `sys.argv[0]` is the script (or module path) and the rest are the arguments, always as `str`.
# The demo runs a child Python process, exactly as a shell would:

# %% course={"kind": "demo"}
import subprocess
import sys
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    script = Path(tmp, "show_args.py")
    script.write_text("import sys\nprint(sys.argv)\n")
    run = subprocess.run([sys.executable, str(script), "deploy", "--dry-run", "3"],
                         capture_output=True, text=True, check=True)
    print("as a script:", run.stdout.strip().replace(tmp, "<tmp>"))
    # -m looks the module up on the import path; cwd=tmp puts the folder on it
    run = subprocess.run([sys.executable, "-m", "show_args", "deploy"],
                         cwd=tmp, capture_output=True, text=True, check=True)
    print("as a module:", run.stdout.strip().replace(tmp, "<tmp>"))

# %% [markdown] course={"kind": "lesson", "id": "executable-scripts", "covers": ["c-shebang-line-usr-bin-env-python3", "c-making-scripts-executable"]}
# ### Shebang lines and executable scripts
#
# On Linux and macOS a text file can run like a program when two things are true:
#
# 1. its **first line** is a *shebang*, `#!/usr/bin/env python3`, which tells the kernel which
#    program should read the file. `env` looks `python3` up on `PATH`, so the same script
#    works on machines where Python lives in different places (and inside virtual environments);
# 2. it has the **execute permission** (`chmod +x script.py`).
#
# Then `./script.py` works. To Python itself the shebang is only a comment. In Python you can
# set the permission bits with `os.chmod` and the `stat` module:

# %% course={"kind": "demo"}
import os
import stat
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    script = Path(tmp, "tool.py")
    script.write_text("#!/usr/bin/env python3\nprint('hi')\n")
    print("before:", stat.filemode(script.stat().st_mode))
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    print("after: ", stat.filemode(script.stat().st_mode), "executable:", os.access(script, os.X_OK))

# %% [markdown] course={"kind": "lesson", "id": "name-main", "covers": ["c-if-name-main-idiom"]}
# ### `if __name__ == "__main__":`
#
# Every module has a global variable `__name__`. Python sets it to the module's import name
# (`"greetings"`) when the module is imported, and to the string `"__main__"` when the file is
# the program being run. The guard
#
# ```python
# if __name__ == "__main__":
#     main()
# ```
#
# therefore means "run `main()` only when I am the program, not when someone imports me". It
# lets one file be both a reusable module (tests import its functions) and a command-line tool.
# Without it, importing the file would start the tool: a classic surprise in test suites.

# %% course={"kind": "demo"}
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    Path(tmp, "tool.py").write_text(
        "print('tool.py sees __name__ =', repr(__name__))\n"
        "if __name__ == '__main__':\n"
        "    print('...so it runs its main code')\n"
    )
    for how in (["tool.py"], ["-c", "import tool"]):
        out = subprocess.run([sys.executable, *how], cwd=tmp, capture_output=True, text=True, check=True)
        print("$ python3", shlex.join(how))
        print(out.stdout)

# %% [markdown] course={"kind": "lesson", "id": "syntax-and-style", "covers": ["c-python-s-indentation-based-syntax", "c-comments-for-single-line-for-docstrings", "c-pep-8-style-guide-introduction", "c-the-import-this-zen-of-python"]}
# ### Indentation, comments, docstrings and style
#
# - **Indentation is syntax.** A block (the body of an `if`, `for`, `def`...) is the run of lines
#   indented under a line ending in `:`. Use 4 spaces; mixing tabs and spaces in one block is
#   a `TabError`.
# - **Comments** start with `#` and run to the end of the line; Python ignores them.
# - A **docstring** is a string literal written as the first statement of a module, function or
#   class. Unlike a comment it is kept at run time, in `__doc__`, and `help()` shows it.
# - **PEP 8** is the community style guide: 4-space indents, `snake_case` for functions and
#   variables, `CapWords` for classes, lines kept short, two blank lines between top-level
#   definitions. Tools such as `ruff format` apply it for you.
# - `import this` prints *The Zen of Python*, 19 short principles ("Readability counts.",
#   "Errors should never pass silently.") that explain many of the language's choices.

# %% course={"kind": "demo"}
def disk_alert(percent_used: float) -> bool:
    """Return True when a disk is fuller than 80 percent."""
    # the comment below is for readers; the docstring above is for help() and tools
    return percent_used > 80


print("docstring kept at run time:", disk_alert.__doc__)

try:
    compile("if True:\nprint('not indented')\n", "<broken>", "exec")
except IndentationError as err:
    print("IndentationError:", err.msg, "on line", err.lineno)

# %% [markdown] course={"kind": "exercise", "id": "repl-echo", "item": "x-start-the-python-repl-and-perform-basic"}
# ### What would the REPL print?
#
# Write `repl_echo(expression)` that evaluates one Python **expression** (a string) the way the
# REPL does and returns the text the REPL would print for it: the `repr()` of the result, or an
# empty string when the result is `None`.
#
# ```python
# repl_echo("6 * 7")          # '42'
# repl_echo("'ok'.upper()")   # "'OK'"   (repr keeps the quotes)
# repl_echo("None")           # ''
# ```

# %% [markdown] course={"kind": "hint"}
# The built-in `eval(text)` evaluates an expression string and returns its value.

# %% [markdown] course={"kind": "hint"}
# `repr(value)` gives the text the REPL shows. Check for `None` with `is None`, not with `==`
# or truthiness: `0` and `''` are printed by the REPL.

# %% course={"kind": "solution"}
def repl_echo(expression: str) -> str:
    """Return what the Python REPL prints after evaluating ``expression``."""
    ### BEGIN SOLUTION
    value = eval(expression)
    return "" if value is None else repr(value)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert repl_echo("6 * 7") == "42", "numbers print as their digits"
assert repl_echo("7 / 2") == "3.5", "true division gives a float"
assert repl_echo("-7 // 2") == "-4", "negative results keep their sign"

# %% course={"kind": "test", "points": 1}
assert repl_echo("'ok'.upper()") == "'OK'", "strings print with quotes: the REPL shows repr()"
assert repl_echo("None") == "", "the REPL prints nothing for None"
assert repl_echo("0") == "0", "0 is falsy but the REPL still prints it: only None is skipped"
### BEGIN HIDDEN TESTS
assert repl_echo("''") == "''", "an empty string is printed as ''"
assert repl_echo("False") == "False" and repl_echo("[]") == "[]", "falsy values are printed"
assert repl_echo("'café'") == "'café'", "repr keeps non-ASCII letters as they are"
assert repl_echo("[1, 'a']") == "[1, 'a']"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "str-not-repr", "fails": ["t2"]}
def repl_echo(expression):
    value = eval(expression)
    return "" if value is None else str(value)

# %% course={"kind": "wrong", "id": "truthiness", "fails": ["t2"]}
def repl_echo(expression):
    value = eval(expression)
    return repr(value) if value else ""

# %% [markdown] course={"kind": "exercise", "id": "hello-script", "item": "x-create-a-hello-world-script-and-run-it"}
# ### Write a script, then run it
#
# Write `write_hello_script(folder)` that creates a file `hello.py` inside `folder` (a
# `pathlib.Path`) whose program prints exactly `Hello, World!`, and returns the file's path as
# a `Path`.
# The tests run your file with the same interpreter as this notebook and compare its output.
#
# ```python
# path = write_hello_script(Path("/tmp/demo"))   # Path('/tmp/demo/hello.py')
# # $ python3 /tmp/demo/hello.py
# # Hello, World!
# ```

# %% [markdown] course={"kind": "hint"}
# `Path.write_text(text)` writes a whole file in one call. The text you write is Python source.

# %% [markdown] course={"kind": "hint"}
# The file needs one line: `print("Hello, World!")`. Return `folder / "hello.py"`.

# %% course={"kind": "solution"}
from pathlib import Path


def write_hello_script(folder: Path) -> Path:
    """Create ``folder/hello.py`` that prints Hello, World! and return its path."""
    ### BEGIN SOLUTION
    path = Path(folder) / "hello.py"
    path.write_text('print("Hello, World!")\n')
    return path
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import subprocess
import sys
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    path = write_hello_script(Path(tmp))
    assert isinstance(path, Path), f"return a pathlib.Path, not {type(path).__name__}"
    assert path == Path(tmp) / "hello.py", "the file must be called hello.py, inside the folder given"
    assert path.is_file(), "the function must create the file"

# %% course={"kind": "test", "points": 2}
import subprocess
import sys
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    path = write_hello_script(Path(tmp))
    run = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=30)
    assert run.returncode == 0, f"the script failed: {run.stderr}"
    assert run.stdout == "Hello, World!\n", f"the script printed {run.stdout!r}"
    ### BEGIN HIDDEN TESTS
    again = write_hello_script(Path(tmp))  # writing twice must not append a second line
    run = subprocess.run([sys.executable, str(again)], capture_output=True, text=True, timeout=30)
    assert run.stdout == "Hello, World!\n", "running the function twice must still give one greeting"
    ### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "prints-instead", "fails": ["t2"]}
from pathlib import Path


def write_hello_script(folder):
    print("Hello, World!")
    path = Path(folder) / "hello.py"
    path.write_text("")
    return path

# %% course={"kind": "wrong", "id": "appends", "fails": ["t2"]}
from pathlib import Path


def write_hello_script(folder):
    path = Path(folder) / "hello.py"
    with open(path, "a") as fh:
        fh.write('print("Hello, World!")\n')
    return path

# %% [markdown] course={"kind": "exercise", "id": "make-executable", "item": "x-add-a-shebang-line-and-make-the-script"}
# ### Shebang and execute permission
#
# Write `make_executable(path, body)` that writes a script to `path`: first the shebang line
# `#!/usr/bin/env python3`, then `body` (Python source). Then add the **execute** permission
# for user, group and others, keeping every permission the file already had (the default read
# and write bits must survive). Return nothing.
#
# ```python
# make_executable(Path("tool.py"), "print('hi')\n")
# # $ head -1 tool.py        ->  #!/usr/bin/env python3
# # $ ls -l tool.py          ->  -rwxr-xr-x ...
# # $ ./tool.py              ->  hi
# ```

# %% [markdown] course={"kind": "hint"}
# Read the current mode with `path.stat().st_mode`, combine it with `stat.S_IXUSR`,
# `stat.S_IXGRP` and `stat.S_IXOTH` using `|`, and apply it with `path.chmod(...)`.

# %% [markdown] course={"kind": "hint"}
# `path.chmod(0o755)` would also make it executable, but it throws away bits the file had
# before (try it on a file whose mode is `0o600`).

# %% course={"kind": "solution"}
import stat
from pathlib import Path


def make_executable(path: Path, body: str) -> None:
    """Write a Python script with a shebang to ``path`` and make it executable."""
    ### BEGIN SOLUTION
    path.write_text("#!/usr/bin/env python3\n" + body)
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    script = Path(tmp, "tool.py")
    result = make_executable(script, "print('hi')\n")
    assert script.read_text() == "#!/usr/bin/env python3\nprint('hi')\n", f"got {script.read_text()!r}"
    assert result is None, "make_executable returns nothing"

# %% course={"kind": "test", "points": 2}
import os
import stat
import subprocess
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    script = Path(tmp, "tool.py")
    make_executable(script, "print('hi')\n")
    mode = script.stat().st_mode
    assert mode & stat.S_IXUSR and mode & stat.S_IXGRP and mode & stat.S_IXOTH, stat.filemode(mode)
    assert os.access(script, os.X_OK)
    ### BEGIN HIDDEN TESTS
    private = Path(tmp, "private.py")
    private.write_text("")
    private.chmod(0o600)  # only the owner may read and write
    make_executable(private, "print('secret')\n")
    assert stat.S_IMODE(private.stat().st_mode) == 0o711, "existing bits must be kept, only x added"
    if os.name == "posix":
        out = subprocess.run([str(script)], capture_output=True, text=True, timeout=30)
        assert out.stdout == "hi\n", "the script must run on its own through its shebang"
    ### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "chmod-755", "fails": ["t2"]}
import stat
from pathlib import Path


def make_executable(path, body):
    path = Path(path)
    path.write_text("#!/usr/bin/env python3\n" + body)
    path.chmod(0o755)

# %% course={"kind": "wrong", "id": "no-shebang", "fails": ["t1", "t2"]}
import stat
from pathlib import Path


def make_executable(path, body):
    path = Path(path)
    path.write_text(body)
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)

# %% [markdown] course={"kind": "exercise", "id": "main-guard", "item": "x-create-a-script-that-uses-if-name-main"}
# ### A module that is also a program
#
# Set `MODULE_SOURCE` to the **source code** (a string) of a module that:
#
# - defines `def add(a, b):` returning `a + b`;
# - when **run as a program**, prints `add(2, 3) = 5`;
# - when **imported**, prints nothing at all.
#
# The tests save your source to a file, then both import it and run it.

# %% [markdown] course={"kind": "hint"}
# Put the `print(...)` call inside `if __name__ == "__main__":`.

# %% [markdown] course={"kind": "hint"}
# Use `\n` inside a normal string to separate lines, e.g.
# `"def add(a, b):\n    return a + b\n"`, then add the guard and the print in the same way.

# %% course={"kind": "solution"}
### BEGIN SOLUTION
MODULE_SOURCE = (
    "def add(a, b):\n"
    "    return a + b\n"
    "\n"
    "\n"
    "if __name__ == '__main__':\n"
    "    print(f'add(2, 3) = {add(2, 3)}')\n"
)
### END SOLUTION

# %% course={"kind": "test", "points": 1}
import subprocess
import sys
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    Path(tmp, "calc.py").write_text(MODULE_SOURCE)
    run = subprocess.run([sys.executable, "calc.py"], cwd=tmp, capture_output=True, text=True, timeout=30)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "add(2, 3) = 5\n", f"run as a program it printed {run.stdout!r}"

# %% course={"kind": "test", "points": 2}
import subprocess
import sys
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    Path(tmp, "calc.py").write_text(MODULE_SOURCE)
    check = "import calc; assert calc.add(4, 5) == 9; assert calc.add('a', 'b') == 'ab'"
    run = subprocess.run([sys.executable, "-c", check], cwd=tmp, capture_output=True, text=True, timeout=30)
    assert run.returncode == 0, f"importing failed: {run.stderr}"
    assert run.stdout == "", f"importing must print nothing, but printed {run.stdout!r}"

# %% course={"kind": "wrong", "id": "no-guard", "fails": ["t2"]}
MODULE_SOURCE = "def add(a, b):\n    return a + b\n\nprint(f'add(2, 3) = {add(2, 3)}')\n"

# %% course={"kind": "wrong", "id": "guard-typo", "fails": ["t1"]}
MODULE_SOURCE = "def add(a, b):\n    return a + b\n\nif __name__ == 'main':\n    print(f'add(2, 3) = {add(2, 3)}')\n"

# %% [markdown] course={"kind": "exercise", "id": "bytecode-cache", "item": "x-explore-the-pycache-directory-and"}
# ### Where does the bytecode go?
#
# Write `compile_to_cache(source_file)` that compiles a Python file to bytecode the way an import
# does, and returns the `Path` of the `.pyc` file it produced. The file must exist afterwards,
# inside a `__pycache__` folder next to the source, and its name must carry this interpreter's
# cache tag (for example `calc.cpython-311.pyc`). A file with a syntax error must raise
# `py_compile.PyCompileError`, never be reported as compiled.

# %% [markdown] course={"kind": "hint"}
# The standard library's `py_compile` module has a `compile()` function that returns the path
# of the file it wrote.

# %% [markdown] course={"kind": "hint"}
# `importlib.util.cache_from_source(path)` tells you where that file should be; compare the two
# while you experiment. `sys.implementation.cache_tag` is the tag, e.g. `'cpython-311'`.

# %% [markdown] course={"kind": "hint"}
# On a syntax error `py_compile.compile()` only prints the error and returns `None`, unless you
# pass `doraise=True`.

# %% course={"kind": "solution", "equivalent": {"m-e257419a": "py_compile.compile() accepts a Path as well as a str"}}
import py_compile
from pathlib import Path


def compile_to_cache(source_file: Path) -> Path:
    """Compile ``source_file`` to bytecode and return the path of the .pyc file."""
    ### BEGIN SOLUTION
    return Path(py_compile.compile(str(source_file), doraise=True))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import sys
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    src = Path(tmp, "calc.py")
    src.write_text("X = 1\n")
    pyc = compile_to_cache(src)
    assert isinstance(pyc, Path), f"return a pathlib.Path, not {type(pyc).__name__}"
    assert pyc.is_file(), "the .pyc file must exist"
    assert pyc.parent == Path(tmp, "__pycache__"), f"expected it in __pycache__, got {pyc.parent}"
    assert pyc.name == f"calc.{sys.implementation.cache_tag}.pyc", pyc.name

# %% course={"kind": "test", "points": 1}
import marshal
import sys
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    src = Path(tmp, "answer.py")
    src.write_text("ANSWER = 6 * 7\n")
    pyc = compile_to_cache(src)
    code = marshal.loads(pyc.read_bytes()[16:])  # after the 16-byte header comes the code object
    ns: dict = {}
    exec(code, ns)
    assert ns["ANSWER"] == 42, "the .pyc must hold the compiled code of the file"
    ### BEGIN HIDDEN TESTS
    Path(tmp, "pkg").mkdir()
    nested = Path(tmp, "pkg", "mod.py")
    nested.write_text("X = 1\n")
    pyc = compile_to_cache(nested)
    assert pyc == Path(tmp, "pkg", "__pycache__", f"mod.{sys.implementation.cache_tag}.pyc"), f"next to the source: {pyc}"
    assert pyc.is_file()
    ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import contextlib
import io
import py_compile
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    broken = Path(tmp, "broken.py")
    broken.write_text("def oops(:\n")
    try:
        with contextlib.redirect_stderr(io.StringIO()):  # py_compile may print the error too
            compile_to_cache(broken)
    except py_compile.PyCompileError:
        pass
    else:
        raise AssertionError("a file with a syntax error must raise py_compile.PyCompileError")

# %% course={"kind": "wrong", "id": "expected-path-only", "fails": ["t1", "t2", "t3"]}
import py_compile
import importlib.util
from pathlib import Path


def compile_to_cache(source_file):
    return Path(importlib.util.cache_from_source(str(source_file)))

# %% course={"kind": "wrong", "id": "quiet-errors", "fails": ["t3"]}
import py_compile
from pathlib import Path


def compile_to_cache(source_file):
    return Path(py_compile.compile(str(source_file)) or "missing.pyc")

# %% [markdown] course={"kind": "exercise", "id": "zen-lines", "item": "x-run-import-this-and-understand-the-zen"}
# ### The Zen of Python, as data
#
# `import this` prints *The Zen of Python* the first time it runs. Inside, the module keeps the
# text in `this.s`, encoded with the ROT13 letter rotation, and the matching table in `this.d`.
#
# Write `zen_aphorisms()` that returns the 19 aphorisms as a list of strings, in order, without
# the title line and without blank lines, **and without printing anything** (even on a first
# import of `this` in a fresh interpreter).
#
# ```python
# zen_aphorisms()[0]    # 'Beautiful is better than ugly.'
# len(zen_aphorisms())  # 19
# ```

# %% [markdown] course={"kind": "hint"}
# `codecs.decode(text, "rot13")` undoes ROT13. The first lines of the decoded text are the
# title and a blank line.

# %% [markdown] course={"kind": "hint"}
# To silence the print on import, import `this` inside
# `with contextlib.redirect_stdout(io.StringIO()):`.

# %% course={"kind": "solution", "equivalent": {"m-3319e2b9": "the decoded text's second line is blank, and the filter drops blank lines anyway", "m-6a9b2f7d": "this.s is fixed text with no lines made only of spaces"}}
import codecs
import contextlib
import io


def zen_aphorisms() -> list[str]:
    """The Zen of Python's aphorisms, without printing them."""
    ### BEGIN SOLUTION
    with contextlib.redirect_stdout(io.StringIO()):
        import this
    text = codecs.decode(this.s, "rot13")
    return [line for line in text.splitlines()[1:] if line.strip()]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
zen = zen_aphorisms()
assert isinstance(zen, list), "return a list"
assert zen[0] == "Beautiful is better than ugly.", f"first aphorism is {zen[0]!r}"
assert len(zen) == 19, f"expected 19 aphorisms, got {len(zen)}"
assert "Readability counts." in zen, "every aphorism is a line of its own"

# %% course={"kind": "test", "points": 1}
import contextlib
import io
import sys

sys.modules.pop("this", None)  # forget any earlier import, so the next one is a first import
captured = io.StringIO()
with contextlib.redirect_stdout(captured):
    zen_aphorisms()
assert captured.getvalue() == "", "zen_aphorisms() must not print anything, even on the first import of this"
### BEGIN HIDDEN TESTS
assert all(line == line.strip() and line for line in zen_aphorisms()), "no blank or padded lines"
assert "The Zen of Python, by Tim Peters" not in zen_aphorisms(), "leave the title out"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "prints-on-import", "fails": ["t2"]}
import contextlib
import io
import codecs


def zen_aphorisms():
    import this
    text = codecs.decode(this.s, "rot13")
    return [line for line in text.splitlines()[1:] if line.strip()]

# %% course={"kind": "wrong", "id": "keeps-title", "fails": ["t1", "t2"]}
import codecs
import contextlib
import io


def zen_aphorisms():
    with contextlib.redirect_stdout(io.StringIO()):
        import this
    return [line for line in codecs.decode(this.s, "rot13").splitlines() if line.strip()]

# %% [markdown] course={"kind": "exercise", "id": "script-runner", "item": "project-1-1-1"}
# ### Mini-project: Script Runner
#
# Build the core of a small command-line tool. Write `system_report(argv)` that takes the
# argument list a script would see **without** the script name (`sys.argv[1:]`) and returns the
# report as a list of lines:
#
# ```python
# system_report([])
# # ['Python: 3.11.7', 'Platform: Linux', 'Directory: /home/me/work']
# system_report(["--verbose"])
# # the same three lines, then 'Implementation: cpython' and 'Executable: /usr/bin/python3'
# ```
#
# Use `platform.python_version()`, `platform.system()` and `os.getcwd()` for the first three
# lines, `sys.implementation.name` and `sys.executable` for the verbose ones. Any other
# argument is a mistake: raise `ValueError` with a message that names it, e.g.
# `ValueError("unknown option: --loud")`.

# %% [markdown] course={"kind": "hint"}
# Start from a list of the three basic lines; append the two extra lines when `"--verbose"` is
# in `argv`.

# %% [markdown] course={"kind": "hint"}
# Check every argument: `for arg in argv: if arg != "--verbose": raise ValueError(...)`.

# %% course={"kind": "solution"}
import os
import platform
import sys


def system_report(argv: list[str]) -> list[str]:
    """Report lines about this Python; ``--verbose`` adds implementation and executable."""
    ### BEGIN SOLUTION
    for arg in argv:
        if arg != "--verbose":
            raise ValueError(f"unknown option: {arg}")
    lines = [
        f"Python: {platform.python_version()}",
        f"Platform: {platform.system()}",
        f"Directory: {os.getcwd()}",
    ]
    if "--verbose" in argv:
        lines.append(f"Implementation: {sys.implementation.name}")
        lines.append(f"Executable: {sys.executable}")
    return lines
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import os
import platform

report = system_report([])
assert report == [
    f"Python: {platform.python_version()}",
    f"Platform: {platform.system()}",
    f"Directory: {os.getcwd()}",
], f"got {report}"

# %% course={"kind": "test", "points": 1}
import sys

report = system_report(["--verbose"])
assert len(report) == 5, f"--verbose adds two lines, got {len(report)} lines"
assert report[:3] == system_report([]), "the three basic lines come first"
assert report[3] == f"Implementation: {sys.implementation.name}"
assert report[4] == f"Executable: {sys.executable}"

# %% course={"kind": "test", "points": 1}
try:
    system_report(["--loud"])
except ValueError as err:
    assert "--loud" in str(err), "the error message must name the unknown option"
else:
    raise AssertionError("an unknown option must raise ValueError")
### BEGIN HIDDEN TESTS
try:
    system_report(["--verbose", "extra"])
except ValueError as err:
    assert "extra" in str(err)
else:
    raise AssertionError("every argument is checked, not just the first")
for bad in ("", "--VERBOSE", "-v", " --verbose"):
    try:
        system_report([bad])
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r} is not the option --verbose")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "ignores-unknown", "fails": ["t3"]}
import os
import platform
import sys


def system_report(argv):
    lines = [f"Python: {platform.python_version()}", f"Platform: {platform.system()}", f"Directory: {os.getcwd()}"]
    if "--verbose" in argv:
        lines += [f"Implementation: {sys.implementation.name}", f"Executable: {sys.executable}"]
    return lines

# %% course={"kind": "wrong", "id": "checks-first-only", "fails": ["t3"]}
import os
import platform
import sys


def system_report(argv):
    if argv and argv[0] != "--verbose":
        raise ValueError(f"unknown option: {argv[0]}")
    lines = [f"Python: {platform.python_version()}", f"Platform: {platform.system()}", f"Directory: {os.getcwd()}"]
    if "--verbose" in argv:
        lines += [f"Implementation: {sys.implementation.name}", f"Executable: {sys.executable}"]
    return lines

# %% [markdown] course={"kind": "task", "id": "script-runner-cli", "item": "project-1-1-1", "points": 3}
# ### Turn the Script Runner into a real command
#
# Put `system_report` into a file `sysinfo.py` with a `main()` that prints the lines, guarded by
# `if __name__ == "__main__":`, add the shebang, make it executable, and run it from another
# folder as `./path/to/sysinfo.py --verbose`. Paste the command you ran and its output below, and
# say in one sentence why the `Directory:` line changed when you ran it from elsewhere.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: the file has a shebang and the guard, and `main()` prints one line per report line.
# - 1 point: it was run directly (`./sysinfo.py`, not `python3 sysinfo.py`), with `--verbose`.
# - 1 point: the explanation says `os.getcwd()` is the folder the command was started from,
#   not the folder the script lives in.

# %% [markdown] course={"kind": "exercise", "id": "hello-world", "item": "dsa-say-hello-world-with-python"}
# ### Problem: Say "Hello, World!" (after HackerRank's *Say "Hello, World!" With Python*)
#
# The classic first program. Write `main()` that prints the line `Hello, World!` to standard
# output: exactly that text, one line, nothing else. It must **print**, not return.

# %% [markdown] course={"kind": "hint"}
# `print()` adds the newline for you.

# %% course={"kind": "solution"}
def main() -> None:
    ### BEGIN SOLUTION
    print("Hello, World!")
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import contextlib
import io

buffer = io.StringIO()
with contextlib.redirect_stdout(buffer):
    result = main()
assert buffer.getvalue() == "Hello, World!\n", f"printed {buffer.getvalue()!r}"
assert result is None, "print the greeting; do not return it"

# %% course={"kind": "wrong", "id": "returns", "fails": ["t1"]}
def main():
    return "Hello, World!"

# %% course={"kind": "wrong", "id": "lowercase", "fails": ["t1"]}
def main():
    print("Hello, world!")

# %% [markdown] course={"kind": "exercise", "id": "weird-numbers", "item": "dsa-python-if-else"}
# ### Problem: Weird or not weird (after HackerRank's *Python If-Else*)
#
# Write `classify(n)` for a whole number `n` from 1 to 100 that returns `"Weird"` or
# `"Not Weird"` by these rules:
#
# | `n` is... | answer |
# |---|---|
# | odd | `"Weird"` |
# | even, from 2 to 5 | `"Not Weird"` |
# | even, from 6 to 20 | `"Weird"` |
# | even, above 20 | `"Not Weird"` |
#
# ```python
# classify(3)    # 'Weird'
# classify(24)   # 'Not Weird'
# ```
#
# The boundaries (2, 5, 6, 20) belong to the range they name: test them.

# %% [markdown] course={"kind": "hint"}
# Deal with odd numbers first (`n % 2 == 1`); after that every branch only has to think about
# even numbers.

# %% [markdown] course={"kind": "hint"}
# Python's chained comparisons read like the table: `6 <= n <= 20`. Once odd numbers and that
# range are handled, every number left is `"Not Weird"`.

# %% course={"kind": "solution", "equivalent": {"m-203fcd2a": "5 is odd, so the first branch has already returned for it", "m-47587383": "21 is odd, so the first branch has already returned for it"}}
def classify(n: int) -> str:
    ### BEGIN SOLUTION
    if n % 2 == 1:
        return "Weird"
    if 6 <= n <= 20:
        return "Weird"
    return "Not Weird"  # even and from 2 to 5, or even and above 20
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert classify(3) == "Weird", "odd numbers are weird"
assert classify(4) == "Not Weird", "4 is even and between 2 and 5"
assert classify(18) == "Weird", "18 is even and between 6 and 20"
assert classify(24) == "Not Weird", "24 is even and above 20"

# %% course={"kind": "test", "points": 2}
assert classify(2) == "Not Weird" and classify(5) == "Weird", "2 and 5: check the lower range"
assert classify(6) == "Weird" and classify(20) == "Weird", "6 and 20 belong to the middle range"
### BEGIN HIDDEN TESTS
assert classify(1) == "Weird" and classify(21) == "Weird" and classify(22) == "Not Weird"
expected = {n: ("Weird" if n % 2 or 6 <= n <= 20 else "Not Weird") for n in range(1, 101)}
assert all(classify(n) == answer for n, answer in expected.items()), "check every n from 1 to 100"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "exclusive-bounds", "fails": ["t2"]}
def classify(n):
    if n % 2 == 1:
        return "Weird"
    if 2 < n < 5:
        return "Not Weird"
    if 6 < n < 20:
        return "Weird"
    return "Not Weird"

# %% course={"kind": "wrong", "id": "forgot-odd", "fails": ["t1", "t2"]}
def classify(n):
    if 2 <= n <= 5:
        return "Not Weird"
    if 6 <= n <= 20:
        return "Weird"
    return "Not Weird"

# %% [markdown] course={"kind": "answer", "question": "q-what-does-if-name-main-do"}
# It runs the indented block only when the file is the program being executed. Python sets the
# module variable `__name__` to `"__main__"` for the file you run and to the module's own name
# when the file is imported, so the guard lets one file be imported (by tests, by other code)
# without starting its command-line behaviour.

# %% [markdown] course={"kind": "answer", "question": "q-is-python-compiled-or-interpreted"}
# Both. CPython compiles source to bytecode first (automatically, caching it in `__pycache__`
# for imported modules) and then interprets that bytecode in its virtual machine. It is not
# compiled ahead of time to machine code like C; PyPy adds a just-in-time compiler that does
# produce machine code for hot loops while the program runs.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-cpython"}
# CPython is the reference implementation, written in C: it interprets bytecode and has the
# widest library support, including C extension modules such as NumPy. PyPy implements the same
# language with a just-in-time compiler, so long-running pure-Python code is often several times
# faster; but the compiler needs time to warm up (short scripts gain little), PyPy usually
# trails CPython's newest language version, and C extensions run through a compatibility layer
# that is slower and not supported by every package.

# %% course={"kind": "trap", "trap": "trap-python-is-not-purely-interpreted-it"}
# The whole file is compiled before the first line runs: a syntax error on the LAST line stops
# the FIRST line from ever printing.
program = "print('line 1 runs?')\nx = (1 +\n"
try:
    exec(compile(program, "<program>", "exec"))
except SyntaxError as err:
    print("Nothing ran. The compile step failed first:", err.msg)

# %% course={"kind": "trap", "trap": "trap-indentation-is-not-optional-it-s-part-of"}
# Indentation decides which lines belong to a block: moving one line changes the program.
def count_failures(statuses):
    failures = 0
    for status in statuses:
        if status != "ok":
            failures += 1
    return failures


def count_failures_misindented(statuses):
    failures = 0
    for status in statuses:
        if status != "ok":
            pass
        failures += 1  # one indent level less: now it counts every status
    return failures


statuses = ["ok", "error", "ok"]
print(count_failures(statuses), "vs", count_failures_misindented(statuses))

# %% course={"kind": "trap", "trap": "trap-name-is-a-module-attribute-not-a"}
# __name__ is a plain string variable, not something you call.
import json

print(type(__name__).__name__, repr(__name__))  # in a notebook this is '__main__'
print(json.__name__)  # every imported module carries its own
try:
    __name__()
except TypeError as err:
    print("TypeError:", err)
