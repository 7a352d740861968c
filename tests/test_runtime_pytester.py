"""course.runtime.pytester: pytest run in-process on files or a test class, outcomes as data, sealed off."""

from __future__ import annotations

import os
import sys
import types
import warnings

import pytest

from course.runtime.pytester import Report, run_class, run_files, run_variants


def test_every_outcome_is_recorded() -> None:
    report = run_files(
        {
            "test_all.py": """
                import pytest

                def test_ok(): assert 1 + 1 == 2
                def test_bad(): assert [1, 2] == [1, 3]
                @pytest.mark.skip(reason="not today")
                def test_skipped(): pass
                @pytest.mark.xfail
                def test_expected(): assert 0
                @pytest.mark.xfail
                def test_surprise(): pass
                @pytest.mark.xfail(strict=True)
                def test_strict(): pass
                @pytest.fixture
                def broken():
                    yield
                    raise RuntimeError("teardown")
                def test_teardown(broken): pass
            """
        }
    )
    got = {o.name: o.outcome for o in report.outcomes}
    assert got == {
        "test_ok": "passed",
        "test_bad": "failed",
        "test_skipped": "skipped",
        "test_expected": "xfailed",
        "test_surprise": "xpassed",
        "test_strict": "failed",
        "test_teardown": "error",
    }
    assert report.exit_code == 1 and report.caught and not report.green
    assert "[1, 3]" in report.outcomes[1].message
    assert "not today" in report.outcomes[2].message
    assert report.counts() == {"passed": 1, "failed": 2, "skipped": 1, "xfailed": 1, "xpassed": 1, "error": 1}


def test_empty_and_broken_runs_prove_nothing() -> None:
    empty = run_files({"test_none.py": "x = 1\n"})
    assert (empty.exit_code, empty.outcomes, empty.green, empty.caught) == (5, (), False, False)
    broken = run_files({"test_syntax.py": "def test_x(:\n"})
    assert broken.errors and not broken.caught and broken.exit_code == 2


def test_caller_configuration_is_not_read() -> None:
    # the repository's pyproject.toml has --strict-markers and -ra; the sealed run must not see them
    report = run_files({"test_m.py": "import pytest\n@pytest.mark.unknown\ndef test_x(): pass\n"})
    assert report.green, report.errors
    strict = run_files(
        {
            "test_m.py": "import pytest\n@pytest.mark.unknown\ndef test_x(): pass\n",
            "pytest.ini": "[pytest]\naddopts = --strict-markers\n",
        }
    )
    assert strict.exit_code == 2


def test_state_is_put_back() -> None:
    cwd, path, environ = os.getcwd(), list(sys.path), dict(os.environ)
    for _ in range(2):  # the same module names twice: the second run imports fresh copies
        report = run_files(
            {"helper.py": "VALUE = 1\n", "test_h.py": "import helper\ndef test_h(): assert helper.VALUE == 1\n"}
        )
        assert report.green
    assert "helper" not in sys.modules and "conftest" not in sys.modules
    assert (os.getcwd(), sys.path, dict(os.environ)) == (cwd, path, environ)


def test_reverse_changes_the_order() -> None:
    files = {"test_o.py": "ORDER = []\ndef test_a(): ORDER.append('a')\ndef test_b(): assert ORDER == ['a']\n"}
    assert run_files(files).green
    backwards = run_files(files, reverse=True)
    assert [o.name for o in backwards.outcomes] == ["test_b", "test_a"] and backwards.caught


def test_paths_must_stay_inside() -> None:
    with pytest.raises(ValueError, match="relative path"):
        run_files({"../escape.py": ""})


def square_tests() -> type:
    """A test class for the runs below (made here, so that this file's own pytest does not collect it)."""

    class TestSquare:
        def test_two(self, square):  # type: ignore[no-untyped-def]
            assert square(2) == 4

        def test_three(self, square):  # type: ignore[no-untyped-def]
            assert square(3) == 9

        def test_without_fixture(self):  # type: ignore[no-untyped-def]
            assert True

    return TestSquare


def test_run_class_offers_given_objects_as_fixtures() -> None:
    assert run_class(square_tests(), given={"square": lambda x: x * x}).green
    wrong = run_class(square_tests(), given={"square": lambda x: x + x})
    assert wrong.by_outcome("failed") == ["TestSquare::test_three"] and wrong.caught
    with pytest.raises(TypeError, match="Test"):
        run_class(Report)
    with pytest.raises(ValueError, match="identifier"):
        run_class(square_tests(), given={"not a name": 1})


def test_run_variants_gives_one_report_per_variant_in_one_session() -> None:
    runs = run_variants(
        square_tests(), "square", {"correct": lambda x: x * x, "doubles": lambda x: x + x, "plus": lambda x: x + 2}
    )
    assert list(runs) == ["correct", "doubles", "plus"]
    assert runs["correct"].green and runs["doubles"].caught and runs["plus"].caught
    assert runs["doubles"].by_outcome("failed") == ["TestSquare::test_three[doubles]"]
    assert runs["plus"].by_outcome("failed") == ["TestSquare::test_three[plus]"]
    # a test that does not ask for the variant fixture runs once and counts for every variant
    assert all("TestSquare::test_without_fixture" in r.by_outcome("passed") for r in runs.values())


def test_tmp_path_lives_inside_the_run() -> None:
    report = run_files(
        {
            "test_t.py": "def test_t(tmp_path):\n    assert 'pytest-of-' not in str(tmp_path), tmp_path\n    assert tmp_path.parent.name == 'basetemp'\n"
        }
    )
    assert report.green, report.outcomes


def test_same_module_name_twice_runs_the_new_file() -> None:
    # two suites with the same file name back to back: the second must not see the first's cached module
    assert run_files({"test_same.py": "def test_a(): assert True\n"}).green
    second = run_files({"test_same.py": "def test_a(): assert 1 == 2\n"})
    assert second.caught and second.by_outcome("failed") == ["test_a"]
    assert "test_same" not in sys.modules


def test_a_caller_module_of_the_same_name_is_hidden_then_put_back(monkeypatch: pytest.MonkeyPatch) -> None:
    theirs = types.ModuleType("helper")
    theirs.VALUE = 99  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "helper", theirs)
    report = run_files(
        {"helper.py": "VALUE = 1\n", "test_h.py": "import helper\ndef test_h(): assert helper.VALUE == 1\n"}
    )
    assert report.green, report.outcomes
    assert sys.modules["helper"] is theirs


def test_a_failure_reads_like_pytest_and_nothing_goes_to_stderr(
    capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # as some kernels and CI runners set it
    filters = list(warnings.filters)
    report = run_files(
        {
            "test_f.py": """
                import warnings
                import pytest
                warnings.simplefilter("error")  # the caller's filters must not change
                @pytest.mark.filterwarnings("error")
                def test_sorted():
                    warnings.warn("only a warning")
                def test_order():
                    assert sorted([3, 1]) == [3, 1]
            """
        }
    )
    failed = {o.name: o.message for o in report.outcomes if o.outcome == "failed"}
    assert list(failed) == ["test_sorted", "test_order"]
    assert "assert [1, 3] == [3, 1]" in failed["test_order"] and "test_f.py:9: AssertionError" in failed["test_order"]
    assert not any("\x1b[" in message for message in failed.values()), "no colour codes in messages"
    assert warnings.filters == filters
    assert capfd.readouterr().err == ""


def test_hypothesis_profiles_are_put_back() -> None:
    from hypothesis import settings

    before = settings.get_current_profile_name(), settings.get_profile(settings.get_current_profile_name()).max_examples
    report = run_files(
        {
            "test_p.py": """
                from hypothesis import settings
                settings.register_profile("tiny", max_examples=3)
                settings.load_profile("tiny")
                def test_p(): assert settings.default.max_examples == 3
            """
        }
    )
    assert report.green, report.outcomes
    assert (
        settings.get_current_profile_name(),
        settings.get_profile(settings.get_current_profile_name()).max_examples,
    ) == before
    with pytest.raises(Exception, match="tiny"):
        settings.get_profile("tiny")
