"""What a pipeline is, as data (the course gives this file)."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from course.runtime.ciconfig import CoreLoader


class PipelineError(ValueError):
    """A pipeline file that cannot run; the message starts with ``line N:``."""


@dataclass(frozen=True)
class Job:
    name: str
    run: str
    needs: tuple[str, ...] = ()
    artifacts: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Pipeline:
    name: str
    branches: tuple[str, ...]
    tags: bool
    jobs: dict[str, Job] = field(default_factory=dict)
    order: tuple[str, ...] = ()


def key_lines(text: str) -> dict[str, int]:
    """The 1-based line of every job key under ``jobs:`` ({} when there is none)."""
    root = yaml.compose(text, Loader=CoreLoader)
    if not isinstance(root, yaml.MappingNode):
        return {}
    for key, value in root.value:
        if key.value == "jobs" and isinstance(value, yaml.MappingNode):
            return {k.value: k.start_mark.line + 1 for k, _ in value.value}
    return {}
