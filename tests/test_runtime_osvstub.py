"""course.runtime.osvstub: the OSV query API stand-in, and the real pip-audit talking to it."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from course.runtime.osvstub import load_advisories, matching, normalize, osv_server, query

ADVISORY = {
    "id": "COURSE-TEST-1",
    "summary": "fixture advisory",
    "affected": [
        {
            "package": {"name": "Demo.Pkg", "ecosystem": "PyPI"},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.1"}]}],
            "versions": ["1.0"],
        }
    ],
}


def test_normalize_follows_pep_503() -> None:
    assert normalize("Foo__Bar.-baz") == "foo-bar-baz"


def test_matching_uses_the_versions_list_and_normalised_names() -> None:
    assert matching([ADVISORY], "demo_pkg", "1.0") == [ADVISORY]
    assert matching([ADVISORY], "demo-pkg", "1.1") == []
    assert matching([ADVISORY], "other", "1.0") == []
    npm = {**ADVISORY, "affected": [{**ADVISORY["affected"][0], "package": {"name": "demo-pkg", "ecosystem": "npm"}}]}
    assert matching([npm], "demo-pkg", "1.0") == []


def test_server_answers_like_osv_and_records_queries() -> None:
    with osv_server([ADVISORY]) as server:
        assert query(server.url, "DEMO-PKG", "1.0") == {"vulns": [ADVISORY]}
        assert query(server.url, "demo-pkg", "2.0") == {}
        assert [q["version"] for q in server.queries] == ["1.0", "2.0"]
        bad = urllib.request.Request(server.url, data=b"nonsense")
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.build_opener(urllib.request.ProxyHandler({})).open(bad, timeout=10)
        assert caught.value.code == 400
        caught.value.close()


def test_load_advisories_refuses_a_non_list(tmp_path: Path) -> None:
    good = tmp_path / "a.json"
    good.write_text(json.dumps([ADVISORY]), encoding="utf-8")
    assert load_advisories(good) == [ADVISORY]
    bad = tmp_path / "b.json"
    bad.write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match="expected a JSON list"):
        load_advisories(bad)


def test_real_pip_audit_finds_the_fixture(tmp_path: Path) -> None:
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("demo-pkg==1.0\n", encoding="utf-8")
    audit = Path(sys.executable).parent / "pip-audit"
    # pip-audit reads fix versions only from an entry whose name is already canonical (it compares with ==)
    canonical = {
        **ADVISORY,
        "affected": [{**ADVISORY["affected"][0], "package": {"name": "demo-pkg", "ecosystem": "PyPI"}}],
    }
    with osv_server([canonical]) as server:
        done = subprocess.run(
            [
                str(audit),
                "--no-deps",
                "--disable-pip",
                "-r",
                str(requirements),
                "-s",
                "osv",
                "--osv-url",
                server.url,
                "-f",
                "json",
                "--progress-spinner",
                "off",
                "--cache-dir",
                str(tmp_path / "cache"),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert report["dependencies"][0]["vulns"][0]["id"] == "COURSE-TEST-1"
    assert report["dependencies"][0]["vulns"][0]["fix_versions"] == ["1.1"]
