"""course.runtime.pyindex: tiny wheels and a PEP 503 / PEP 691 index, checked with the real pip."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import zipfile
from pathlib import Path

import pytest

from course.runtime.pyindex import JSON_TYPE, fetch, package_index, sha256_file, tiny_wheel


def test_tiny_wheel_is_reproducible_and_complete(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = tiny_wheel(tmp_path / "a", "My.Pkg", "2.0", code="X = 1")
    two = tiny_wheel(tmp_path / "b", "My.Pkg", "2.0", code="X = 1")
    assert one.name == "My_Pkg-2.0-py3-none-any.whl"
    assert sha256_file(one) == sha256_file(two)
    with zipfile.ZipFile(one) as archive:
        names = set(archive.namelist())
        assert "My_Pkg.py" in names and "My_Pkg-2.0.dist-info/RECORD" in names
        assert archive.read("My_Pkg.py").decode() == "X = 1\nVERSION = '2.0'\n"


def test_index_pages_html_json_yanked_and_redirect(tmp_path: Path) -> None:
    old = tiny_wheel(tmp_path, "demo-pkg", "1.0")
    new = tiny_wheel(tmp_path, "demo-pkg", "1.1")
    with package_index([old, new], yanked={new.name}) as index:
        root = fetch(index.url).decode()
        assert '<a href="/simple/demo-pkg/">demo-pkg</a>' in root
        page = fetch(index.url + "demo-pkg/").decode()
        assert f"{old.name}#sha256={sha256_file(old)}" in page
        assert f'{new.name}#sha256={sha256_file(new)}" data-yanked=""' in page
        data = json.loads(fetch(index.url + "demo-pkg/", accept=JSON_TYPE))
        assert [(f["filename"], f["yanked"]) for f in data["files"]] == [(old.name, False), (new.name, True)]
        assert fetch(index.url + "Demo_Pkg/") == fetch(index.url + "demo-pkg/")  # the 301 is followed
        with pytest.raises(urllib.error.HTTPError) as caught:
            fetch(index.url + "nothing/")
        assert caught.value.code == 404
        caught.value.close()
        assert "/simple/Demo_Pkg/" in index.requests


def test_pip_downloads_from_the_index(tmp_path: Path) -> None:
    wheel = tiny_wheel(tmp_path, "demo-pkg", "1.0")
    with package_index([wheel]) as index:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "--isolated",
                "--disable-pip-version-check",
                "--no-cache-dir",
                "download",
                "--no-deps",
                "-d",
                str(tmp_path / "out"),
                "--index-url",
                index.url,
                "demo-pkg",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "NO_PROXY": "127.0.0.1"},
        )
    assert done.returncode == 0, done.stderr
    assert sha256_file(tmp_path / "out" / wheel.name) == sha256_file(wheel)
