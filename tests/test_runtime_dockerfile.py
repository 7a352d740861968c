"""course.runtime.dockerfile: a Dockerfile as instructions (continuations, comments, the JSON exec form)."""

from __future__ import annotations

import doctest

from course.runtime import dockerfile
from course.runtime.dockerfile import Instruction, parse_dockerfile


def test_the_module_doctest_runs() -> None:
    assert doctest.testmod(dockerfile).failed == 0


def test_continuations_comments_and_blank_lines_inside_an_instruction() -> None:
    text = "# top\nFROM python:3.12 AS build\n\nRUN apt-get update \\\n  # a comment inside\n\n  && apt-get install -y curl\nUSER app\n"
    assert parse_dockerfile(text) == [
        Instruction(2, "FROM", "python:3.12 AS build", None),
        Instruction(4, "RUN", "apt-get update && apt-get install -y curl", None),
        Instruction(8, "USER", "app", None),
    ]


def test_exec_form_only_for_a_json_list_of_strings() -> None:
    found = parse_dockerfile('CMD ["python", "app.py"]\nCMD [python]\nENTRYPOINT [1, 2]\ncmd   python  app.py\n')
    assert [i.exec_form for i in found] == [["python", "app.py"], None, None, None]
    assert found[3] == Instruction(4, "CMD", "python  app.py", None)


def test_keyword_alone_and_trailing_continuation() -> None:
    assert parse_dockerfile("HEALTHCHECK\nRUN a \\") == [
        Instruction(1, "HEALTHCHECK", "", None),
        Instruction(2, "RUN", "a", None),
    ]
    assert parse_dockerfile("") == [] and parse_dockerfile("\n# only\n") == []


def test_tabs_separate_keyword_and_args() -> None:
    assert parse_dockerfile("COPY\t. /app") == [Instruction(1, "COPY", ". /app", None)]
