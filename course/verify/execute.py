"""Run notebooks top to bottom with nbclient, several at a time, and report errors per cell.

A cell tagged ``raises-exception`` may raise; any other error is a failure of the notebook.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from course.kernels import LocalSocketKernelManager

RAISES = "raises-exception"
SHUTDOWN_WAIT_SECONDS = 3.0
"""How long a finished notebook's kernel gets to exit after the shutdown request (then SIGTERM, SIGKILL)."""


@dataclass(frozen=True)
class Execution:
    path: Path
    seconds: float
    errors: tuple[str, ...]  # "cell <id>: <ename>: <evalue>" for unexpected errors
    notebook: NotebookNode | None = field(default=None, repr=False, compare=False)  # with its outputs

    @property
    def ok(self) -> bool:
        return not self.errors


def execute_notebook(path: Path, timeout: int = 120) -> Execution:
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    # local sockets: no TCP ports to race for, no "TCP without encryption" warnings
    km = LocalSocketKernelManager(kernel_name="python3", shutdown_wait_time=SHUTDOWN_WAIT_SECONDS)
    client = NotebookClient(
        nb,
        km=km,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=True,
        # graceful: the kernel exits by itself, so multiprocessing's resource tracker (a child in
        # the kernel's process group, which an immediate shutdown kills with it) still unlinks
        # the semaphores a notebook's pools leave (10.2 left 11 in /dev/shm per run)
        shutdown_kernel="graceful",
        resources={"metadata": {"path": str(path.parent)}},
    )
    errors: list[str] = []
    try:
        client.execute()
    except CellExecutionError as err:  # pragma: no cover - allow_errors keeps going
        errors.append(str(err)[:500])
    except Exception as err:  # noqa: BLE001 - a dead kernel or timeout is reported, not raised
        errors.append(f"{type(err).__name__}: {str(err)[:500]}")
    finally:
        if km.has_kernel:  # we made the manager, so we stop its kernel (and its sockets' folder goes)
            km.shutdown_kernel(now=False)
    for cell in nb.cells:
        if cell.cell_type != "code" or RAISES in cell.metadata.get("tags", []):
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                errors.append(f"cell {cell.get('id')}: {out.get('ename')}: {str(out.get('evalue'))[:300]}")
    return Execution(path, time.perf_counter() - start, tuple(errors), nb)


def default_workers() -> int:
    """One more than the CPUs: a kernel spends part of its start waiting, and the extra one
    fills that time (measured: 102 notebooks in 28 s with 3 on 2 CPUs, 39 s with 2)."""
    return (os.cpu_count() or 1) + 1


def execute_notebooks(paths: Iterable[Path], workers: int = 0, timeout: int = 120) -> list[Execution]:
    """Each notebook in its own fresh kernel, ``workers`` kernels at a time, results in input order."""
    with ThreadPoolExecutor(max_workers=workers or default_workers()) as pool:
        return list(pool.map(lambda p: execute_notebook(p, timeout), list(paths)))


def main(argv: list[str] | None = None) -> int:
    """``python -m course.verify.execute FOLDER [--workers N]``: run every notebook, print JSON."""
    import argparse
    import json

    parser = argparse.ArgumentParser(prog="python -m course.verify.execute", description=main.__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--workers", type=int, default=0, help="kernels at once (default: CPUs + 1)")
    args = parser.parse_args(argv)
    paths = sorted(p for p in args.folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    results = execute_notebooks(paths, workers=args.workers)
    report = [{"path": str(r.path), "seconds": round(r.seconds, 2), "errors": list(r.errors)} for r in results]
    print(json.dumps(report, indent=1))
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
