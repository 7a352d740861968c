"""Tests of course.runtime.ciconfig: YAML read as CI services read it, and check-jsonschema's vendored schemas."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version

import pytest
import yaml
from packaging.specifiers import SpecifierSet

from course.runtime import ciconfig
from course.runtime.ciconfig import CoreLoader, load_yaml, schema_errors, validator, vendored_schema


def test_on_off_yes_no_stay_strings() -> None:
    doc = load_yaml("on: [push]\noff: 1\nyes: no\nflag: true\nother: FALSE\n")
    assert doc == {"on": ["push"], "off": 1, "yes": "no", "flag": True, "other": False}
    assert yaml.safe_load("on: [push]\n") == {True: ["push"]}, "PyYAML's own loader differs (the trap we teach)"


def test_everything_else_as_safe_load() -> None:
    text = 'a: 3.10\nb: "3.10"\nc: null\nd: 0x1f\ne: [1, 2]\nf: {g: ~}\n'
    assert load_yaml(text) == yaml.safe_load(text)
    assert load_yaml("a: 3.10\n")["a"] == 3.1, "3.10 unquoted is still the float 3.1"


def test_core_loader_is_safe() -> None:
    assert issubclass(CoreLoader, yaml.SafeLoader)
    with pytest.raises(yaml.constructor.ConstructorError):
        load_yaml("x: !!python/object/apply:os.getcwd []\n")


def test_safe_loader_not_changed() -> None:
    assert yaml.safe_load("on: 1\n") == {True: 1}
    load_yaml("on: 1\n")
    assert yaml.safe_load("yes: 1\n") == {True: 1}


def test_github_schema_accepts_and_rejects() -> None:
    checker = validator("github-workflows")
    good = load_yaml("on: [push]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n")
    assert schema_errors(checker, good) == []
    bad = yaml.safe_load("on: [push]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n")
    errors = schema_errors(checker, bad)
    assert errors and all(": " in line for line in errors)
    assert errors == sorted(errors)


def test_gitlab_schema_paths() -> None:
    checker = validator("gitlab-ci")
    assert schema_errors(checker, {"test": {"script": ["pytest"], "stage": "test"}}) == []
    errors = schema_errors(checker, {"test": {"script": ["pytest"], "needs": "lint"}})
    assert any(line.startswith("test/needs: ") for line in errors), errors
    assert schema_errors(checker, []) and schema_errors(checker, [])[0].startswith("(top): ")


def test_vendored_schema_is_a_fresh_copy() -> None:
    first = vendored_schema("gitlab-ci")
    first.clear()
    assert vendored_schema("gitlab-ci"), "a caller's change does not reach the next caller"


def test_missing_schema_fails_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(RuntimeError, match=r"no-such-schema.*supports check-jsonschema>="):
        vendored_schema("no-such-schema")
    ciconfig._schema_text.cache_clear()
    monkeypatch.setattr(ciconfig, "_VENDOR", "check_jsonschema.moved_elsewhere")
    with pytest.raises(RuntimeError, match=r"cannot find the vendored schema 'gitlab-ci'.*update _VENDOR"):
        vendored_schema("gitlab-ci")
    ciconfig._schema_text.cache_clear()


def test_installed_version_is_supported() -> None:
    assert version("check-jsonschema") in SpecifierSet(ciconfig.SUPPORTED)


def test_import_skips_the_iri_grammar_and_leaves_it_importable() -> None:
    code = (
        "import sys\n"
        "from course.runtime.ciconfig import schema_errors, validator\n"
        "assert 'rfc3987_syntax' not in sys.modules, 'jsonschema loaded without the lark grammar'\n"
        "assert schema_errors(validator('dependabot'), {'version': 2, 'updates': []}) == []\n"
        "assert sys.modules.get('rfc3987_syntax', 'absent') == 'absent', 'the block is lifted after the import'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
