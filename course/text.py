"""Reading the course's text inputs: UTF-8, and an error naming the line and byte where it is not."""

from __future__ import annotations

from pathlib import Path

from course.errors import CourseError


def decode_utf8(raw: bytes, path: Path, error: type[CourseError] = CourseError) -> str:
    """``raw`` as UTF-8 text, or ``error`` naming the line, column and byte that are not UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        msg = f"not UTF-8 text: byte 0x{raw[err.start]:02x} at column {column} cannot be decoded ({err.reason})"
        raise error(msg, path=path, line=line, expected="a UTF-8 encoded file") from err
