"""Test helpers: whether a process still runs, and waiting for it to stop (the runtime server tests use them)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

LINUX = sys.platform.startswith("linux")


def running(pid: int) -> bool:
    """Whether ``pid`` runs: it exists and (on Linux) is not a zombie waiting to be reaped."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"  # a zombie has stopped running
    except (FileNotFoundError, ProcessLookupError):
        return not LINUX


def gone(pid: int, within: float = 60.0) -> bool:
    """Whether ``pid`` stops running within ``within`` seconds (a death signal arrives at once; a
    loaded machine may take a while to run the dying process and its parent's reaping)."""
    deadline = time.monotonic() + within
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    return not running(pid)
