"""Run a real ``terraform`` binary from a notebook without touching the learner's own Terraform setup.

The course does not install Terraform (see section 16.3 for why): :func:`terraform_binary` finds one on
``PATH`` or says there is none, and notebooks skip their live demos when it says so.

- :func:`sandbox_env` is the environment every terraform command gets: ``HOME`` and the CLI configuration
  file (``TF_CLI_CONFIG_FILE``, an empty file) inside one folder, so no ``~/.terraformrc``, credentials or
  plugin cache of the learner's is read; the version check that calls HashiCorp
  (``CHECKPOINT_DISABLE=1``) and prompts (``TF_INPUT=0``) are off; no other ``TF_*`` variable of the
  caller's (``TF_WORKSPACE``, ``TF_VAR_*``, ``TF_LOG``...) leaks in.
- :func:`run_terraform` runs one command there (``-chdir`` a folder) and returns the finished process;
  a missing binary is a :class:`~course.errors.CourseError`, a command that outlives ``timeout`` is
  killed by :func:`subprocess.run`.

Standard library only. Only configurations without providers work offline (variables, locals, outputs and
the built-in ``terraform_data`` resource of Terraform 1.4+): a ``required_providers`` block or any other
resource would make ``terraform init`` download a plugin.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

from course.errors import CourseError

__all__ = ["run_terraform", "sandbox_env", "terraform_binary"]


def terraform_binary() -> str | None:
    """The path of the ``terraform`` on ``PATH``, or ``None`` when there is none."""
    return shutil.which("terraform")


def sandbox_env(root: Path, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a terraform command whose home and CLI configuration live under ``root``.

    ``base`` (default: ``os.environ``) gives everything else, minus every ``TF_*`` and ``CHECKPOINT_*``
    variable. ``root`` is created, with an empty ``terraformrc`` in it.
    """
    root.mkdir(parents=True, exist_ok=True)
    config = root / "terraformrc"
    if not config.exists():
        config.write_text("", encoding="utf-8")
    source = os.environ if base is None else base
    env = {k: v for k, v in source.items() if not k.startswith(("TF_", "CHECKPOINT_"))}
    env.update(
        HOME=str(root),
        TF_CLI_CONFIG_FILE=str(config),
        TF_IN_AUTOMATION="1",
        TF_INPUT="0",
        CHECKPOINT_DISABLE="1",
    )
    return env


def run_terraform(*args: str, cwd: Path, root: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``terraform -chdir=<cwd> <args>`` in :func:`sandbox_env` of ``root``; never raises on a non-zero exit.

    Output is decoded as UTF-8; ``-no-color`` is the caller's choice (add it for text output).
    """
    binary = terraform_binary()
    if binary is None:
        msg = "no terraform binary on PATH (the course does not install one)"
        raise CourseError(msg)
    return subprocess.run(
        [binary, f"-chdir={cwd}", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        env=sandbox_env(root),
        check=False,
        stdin=subprocess.DEVNULL,
    )
