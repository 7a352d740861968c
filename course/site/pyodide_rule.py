"""Which notebooks can run in the browser (Pyodide): a rule on what their code imports and calls.

A notebook runs in the browser unless one of its code cells imports a module Pyodide cannot provide
or use (processes, sockets, servers, a package with no wheel in the Lite site), calls one of the few
functions that need the operating system (``os.system``, ``asyncio.start_server``...), starts a thread
(``threading.Thread(...)``: importing ``threading`` is fine), or runs a shell command (``!ls``,
``%%bash``). Imports of the course's own package are followed into its source, so
``from course.runtime.postgres import ...`` is judged by what ``course/runtime/postgres.py`` imports.
A module the notebook writes itself (a string ``"inventory.py"``) is no missing package. Pyodide's
Python is 32-bit, so ``range(10**12)`` (whose ``len`` overflows there) blocks too.
The first reason found is the one the page shows.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

COURSE_PACKAGE = Path(__file__).resolve().parents[1]  # .../course

# module (or package) -> why a notebook that imports it cannot run in Pyodide
BLOCKED_MODULES: dict[str, str] = {
    "subprocess": "it runs other programs (subprocess)",
    "multiprocessing": "it starts processes (multiprocessing)",
    "concurrent.futures": "it uses a pool of threads or processes (concurrent.futures)",
    "_thread": "it starts threads (_thread)",
    "socket": "it opens network sockets (socket)",
    "socketserver": "it runs a server (socketserver)",
    "http.server": "it runs a web server (http.server)",
    "http.client": "it makes network connections (http.client)",
    "urllib.request": "it makes network requests (urllib.request)",
    "ssl": "it opens TLS connections (ssl)",
    "select": "it waits on sockets or pipes (select)",
    "selectors": "it waits on sockets or pipes (selectors)",
    "signal": "it uses process signals (signal)",
    "pty": "it opens terminals (pty)",
    "sched": "it waits on the clock (sched)",
    "venv": "it creates virtual environments (venv)",
    "ensurepip": "it installs pip (ensurepip)",
    "tkinter": "it opens windows (tkinter)",
    "turtle": "it opens windows (turtle)",
    "curses": "it drives a terminal (curses)",
    "readline": "it drives a terminal (readline)",
    "termios": "it drives a terminal (termios)",
    "dbm": "Pyodide has no dbm",
    "resource": "it reads process limits (resource)",
    "syslog": "it writes to the system log (syslog)",
}

# attribute calls that need the operating system, whatever imported them
BLOCKED_CALLS: dict[str, str] = {
    "system": "it runs shell commands (os.system)",
    "popen": "it runs other programs (os.popen)",
    "fork": "it forks processes (os.fork)",
    "execv": "it replaces the process (os.exec*)",
    "execvp": "it replaces the process (os.exec*)",
    "spawnv": "it starts processes (os.spawn*)",
    "create_subprocess_exec": "it runs other programs (asyncio subprocesses)",
    "create_subprocess_shell": "it runs other programs (asyncio subprocesses)",
    "start_server": "it runs a server (asyncio.start_server)",
    "open_connection": "it opens network connections (asyncio.open_connection)",
    "start_unix_server": "it runs a server (asyncio.start_unix_server)",
    "to_thread": "it starts threads (asyncio.to_thread)",
    "run_in_executor": "it starts threads (run_in_executor)",
}

# classes whose making starts a thread: importing threading is fine in Pyodide, starting a thread is not
BLOCKED_CONSTRUCTORS: dict[str, str] = {
    "Thread": "it starts threads (threading.Thread)",
    "Timer": "it starts threads (threading.Timer)",
    "ThreadPoolExecutor": "it starts threads (ThreadPoolExecutor)",
    "ProcessPoolExecutor": "it starts processes (ProcessPoolExecutor)",
    "QueueListener": "it starts a logging thread (QueueListener)",
}

# third-party distributions installed in the Lite kernel (see course.site.pyodide), as import names
BROWSER_PACKAGES = frozenset(
    {"course", "IPython", "ipywidgets", "anywidget", "traitlets", "comm", "psygnal", "typing_extensions",
     "pygments", "jedi", "parso", "decorator", "six", "packaging", "micropip", "pyodide", "js"}
)  # fmt: skip

MAX_SIZE = 2**31 - 1  # sys.maxsize in Pyodide (wasm32): len() of a longer range raises OverflowError

STDLIB = frozenset(sys.stdlib_module_names) | {"__future__"}


@dataclass(frozen=True)
class BrowserVerdict:
    """Whether a notebook runs in Pyodide; if not, why (one sentence's end: "... because <reason>")."""

    runs: bool
    reason: str = ""
    cell: str = ""  # the id of the first cell that blocks it

    @property
    def sentence(self) -> str:
        """What the page says about a notebook that cannot run in the browser."""
        return f"This section cannot run in the browser because {self.reason}: run it on Binder or on your machine."


def browser_verdict(nb: Any) -> BrowserVerdict:
    """Judge a notebook (an ``nbformat`` node or its JSON as a dict) by the rule above."""
    cells = [
        (str(cell.get("id", "")), cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"]))
        for cell in nb["cells"]
        if cell["cell_type"] == "code"
    ]
    own = _own_modules(source for _id, source in cells)
    for cell_id, source in cells:
        reason = source_blocker(source, own)
        if reason:
            return BrowserVerdict(False, reason, cell_id)
    return BrowserVerdict(True)


def _own_modules(sources: Iterable[str]) -> frozenset[str]:
    """Modules a notebook writes itself before importing them: ``"inventory.py"``, ``"tools/net.py"``."""
    names: set[str] = set()
    for source in sources:
        try:
            tree = ast.parse(_python_only(source))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.endswith(".py"):
                names.add(node.value.split("/")[0].removesuffix(".py"))
    return frozenset(n for n in names if n.isidentifier())


def _python_only(source: str) -> str:
    """The cell without IPython's magics (``%timeit``): not Python, and harmless in Pyodide."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def source_blocker(source: str, own: frozenset[str] = frozenset()) -> str:
    """Why this cell's code cannot run in Pyodide, or ``""`` (``own``: modules the notebook writes itself)."""
    for line in source.splitlines():
        if line.lstrip().startswith(("!", "%%bash", "%%sh", "%%script", "%system", "%sx")):
            return "it runs shell commands"
    try:
        tree = ast.parse(_python_only(source))
    except SyntaxError:
        return ""  # a learner's unfinished starter code, or an exercise that shows a syntax error
    return _tree_blocker(tree, via="", own=own)


def _tree_blocker(tree: ast.AST, via: str, own: frozenset[str] = frozenset()) -> str:
    for module in _imports(tree):
        if module.split(".")[0] in own:
            continue
        reason = module_blocker(module)
        if reason:
            return reason if "(through " in reason else reason + via
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name in BLOCKED_CONSTRUCTORS:
            return BLOCKED_CONSTRUCTORS[name] + via
        if isinstance(node.func, ast.Attribute) and name in BLOCKED_CALLS:
            return BLOCKED_CALLS[name] + via
        if name == "range" and any(abs(_constant(arg)) > MAX_SIZE for arg in node.args):
            return f"it makes a range longer than Pyodide's 32-bit Python allows (sys.maxsize is {MAX_SIZE})" + via
    return ""


def _constant(node: ast.expr) -> int:
    """The value of an integer constant expression such as ``10**12`` (0 for anything else)."""
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_constant(node.operand)
    if isinstance(node, ast.BinOp):
        left, right = _constant(node.left), _constant(node.right)
        if isinstance(node.op, ast.Pow) and 0 <= right <= 256:
            return int(left**right)
        if isinstance(node.op, ast.Mult):
            return left * right
        if isinstance(node.op, ast.Add):
            return left + right
    return 0


def _imports(tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            # ``from concurrent import futures``, ``from course.runtime import postgres``
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


@cache
def module_blocker(module: str) -> str:
    """Why importing ``module`` cannot work in Pyodide, or ``""``."""
    parts = module.split(".")
    for i in range(len(parts), 0, -1):
        prefix = ".".join(parts[:i])
        if prefix in BLOCKED_MODULES:
            return BLOCKED_MODULES[prefix]
    top = parts[0]
    if top == "course":
        return _course_module_blocker(module)
    if top in STDLIB or top in BROWSER_PACKAGES:
        return ""
    return f"it needs {top}, which the browser's Python does not have"


_SEEN: set[str] = set()


def _course_module_blocker(module: str) -> str:
    """Follow an import of the course's own package into its source (a name that is no module is fine)."""
    path = _course_source(module)
    if path is None or module in _SEEN:
        return ""
    _SEEN.add(module)  # import cycles inside the package end here
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        runtime_imports = ast.Module(body=list(_runtime_statements(tree.body)), type_ignores=[])
        return _tree_blocker(runtime_imports, via=f" (through {module})")
    finally:
        _SEEN.discard(module)


def _runtime_statements(body: Iterable[ast.stmt]) -> Iterator[ast.stmt]:
    """A module's statements less ``if TYPE_CHECKING:`` blocks (those imports never run)."""
    for stmt in body:
        if isinstance(stmt, ast.If) and "TYPE_CHECKING" in ast.unparse(stmt.test):
            yield from stmt.orelse
        else:
            yield stmt


def _course_source(module: str) -> Path | None:
    rel = Path(*module.split(".")[1:])
    for candidate in (COURSE_PACKAGE / rel.with_suffix(".py"), COURSE_PACKAGE / rel / "__init__.py"):
        if module != "course" and candidate.is_file():
            return candidate
    return None
