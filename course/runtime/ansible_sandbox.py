"""Run real Ansible (``ansible-core``) from a notebook without touching the learner's own Ansible setup.

- :func:`sandbox_env` is the environment every ansible command gets: the configuration file, ``HOME``,
  ``ANSIBLE_HOME``, local and remote temp folders and the collections path all point inside one folder,
  so nothing is read from or written to ``~/.ansible``, ``~/.ansible.cfg`` or an ``ansible.cfg`` in the
  current folder; colours and warnings about the environment are off; modules run with this Python.
- :func:`run_ansible` runs one ansible command line tool (``playbook``, ``inventory``, ``adhoc``...) from
  this Python's ``ansible-core`` (``python -m ansible.cli.<tool>``, so no ``PATH`` lookup) in that
  environment and returns the finished process.
- :func:`sandboxed` applies that environment to this process for one ``with`` block, for Ansible's Python
  API (``InventoryManager``, ``DataLoader``...): Ansible reads its configuration once, on first import, so
  import it inside the block.
- :func:`run_module` calls a custom module's ``main()`` in this process the way Ansible runs a module: its
  arguments arrive as JSON (given through ansible-core's own unit-test helper
  ``ansible.module_utils.testing.patch_module_args``, 2.19 and later), its answer leaves as one JSON object
  on stdout, and it ends with ``sys.exit``; the answer comes back as a dict.
- :func:`module_file` writes the cell (or file) that defines a module's ``main()`` as a module file that
  Ansible, or ``python file.py args.json``, can run; :func:`cell_source` is that cell's text.

Needs ``ansible-core`` (imported only by :func:`run_module`).
"""

from __future__ import annotations

import contextlib
import inspect
import io
import json
import linecache
import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

__all__ = ["cell_source", "module_file", "run_ansible", "run_module", "sandbox_env", "sandboxed"]

CONFIG = """[defaults]
retry_files_enabled = False
host_key_checking = False
interpreter_python = {python}
"""


def sandbox_env(root: Path, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for ansible commands whose every file lives under ``root`` (made if missing).

    ``base`` (default: this process's environment) is copied without its ``ANSIBLE_*`` variables."""
    for sub in ("home", "tmp", "remote", "collections"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    config = root / "ansible.cfg"
    config.write_text(CONFIG.format(python=sys.executable), encoding="utf-8")
    env = {k: v for k, v in (os.environ if base is None else base).items() if not k.startswith("ANSIBLE_")}
    env.update(
        HOME=str(root / "home"),
        ANSIBLE_CONFIG=str(config),
        ANSIBLE_HOME=str(root / "home" / ".ansible"),
        ANSIBLE_LOCAL_TEMP=str(root / "tmp"),
        ANSIBLE_REMOTE_TEMP=str(root / "remote"),
        ANSIBLE_COLLECTIONS_PATH=str(root / "collections"),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_LOCALHOST_WARNING="False",
        ANSIBLE_INVENTORY_UNPARSED_WARNING="False",
        ANSIBLE_DEPRECATION_WARNINGS="False",
        LC_ALL="C.UTF-8",
    )
    env.pop("PYTHONPATH", None)  # the course's own folders are not the modules' business
    return env


@contextlib.contextmanager
def sandboxed(root: Path) -> Iterator[dict[str, str]]:
    """For one block, this process's environment is :func:`sandbox_env` of ``root`` (then restored)."""
    saved = dict(os.environ)
    env = sandbox_env(root)
    try:
        os.environ.clear()
        os.environ.update(env)
        yield env
    finally:
        os.environ.clear()
        os.environ.update(saved)


def run_ansible(tool: str, *args: str, root: Path, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``ansible-<tool> args...`` in ``cwd`` with :func:`sandbox_env` of ``root``; never raises for a
    non-zero exit (read ``returncode``, ``stdout`` and ``stderr``)."""
    command = [sys.executable, "-m", f"ansible.cli.{tool}", *args]
    return subprocess.run(
        command,
        check=False,
        cwd=cwd,
        env=sandbox_env(root),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


def _module_args(args: Mapping[str, Any]) -> contextlib.AbstractContextManager[None]:
    """The arguments ``AnsibleModule`` reads for one block: ansible-core's own unit-test helper
    ``ansible.module_utils.testing.patch_module_args`` (ansible-core 2.19 and later). This is the only
    place that knows how module arguments reach ``AnsibleModule`` in this process."""
    try:
        from ansible.module_utils.testing import patch_module_args
    except ImportError as missing:  # pragma: no cover - depends on the installed ansible-core
        raise RuntimeError(
            "run_module needs ansible-core 2.19 or later (ansible.module_utils.testing.patch_module_args); "
            "otherwise run the module file: python module.py args.json"
        ) from missing
    return patch_module_args(dict(args))


def run_module(main: Callable[[], object], args: Mapping[str, Any], *, check_mode: bool = False) -> dict[str, Any]:
    """Run ``main()`` as Ansible runs a module, with ``args`` (and check mode if asked); return its answer.

    A module that ends without printing its answer (it returned instead of calling ``exit_json`` or
    ``fail_json``) is an ``AssertionError``."""
    out = io.StringIO()
    given = {**args, "_ansible_check_mode": check_mode}
    with _module_args(given), contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        main()
    text = out.getvalue().strip()
    if not text:
        raise AssertionError("the module printed no answer: it must end with exit_json(...) or fail_json(...)")
    answer = json.loads(text.splitlines()[-1])
    assert isinstance(answer, dict)
    return answer


def cell_source(func: Callable[..., object]) -> str:
    """The whole source that defined ``func``: its notebook cell (IPython and the proof worker register
    every cell's text with ``linecache``), or the function alone where no such text is known."""
    lines = linecache.getlines(func.__code__.co_filename)
    return "".join(lines) if lines else inspect.getsource(func)


def module_file(main: Callable[[], object], path: Path) -> Path:
    """Write the cell that defines ``main`` (see :func:`cell_source`) to ``path`` as a module file, followed
    by the usual ``if __name__ == "__main__"`` call, so that Ansible, or ``python file.py args.json``, runs it."""
    source = cell_source(main)
    path.write_text(f'{source}\n\nif __name__ == "__main__":\n    {main.__name__}()\n', encoding="utf-8")
    return path
