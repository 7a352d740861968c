"""course.runtime.gitscratch: real git repositories that read no user or system configuration."""

from __future__ import annotations

import pytest

from course.runtime.gitscratch import commit, git, git_env, git_version, new_repo, scratch


def test_a_new_repository_is_on_main_in_the_scratch_folder() -> None:
    repo = new_repo("t")
    assert repo.parent == scratch() and (repo / ".git").is_dir()
    assert git(repo, "symbolic-ref", "HEAD").strip() == "refs/heads/main"


def test_commits_are_the_same_on_every_machine() -> None:
    first, second = new_repo("a"), new_repo("b")
    ids = [commit(repo, "one", {"x/a.txt": "ä\n"}) for repo in (first, second)]
    assert ids[0] == ids[1] and len(ids[0]) == 40
    assert (
        git(first, "log", "--format=%an <%ae> %aI").strip()
        == "Course Bot <bot@example.invalid> 2026-01-05T09:00:00+00:00"
    )


def test_commit_deletes_files_given_none_and_allows_empty_commits() -> None:
    repo = new_repo()
    commit(repo, "add", {"a.txt": "1", "b.txt": "2"})
    commit(repo, "remove a", {"a.txt": None})
    commit(repo, "nothing")
    assert git(repo, "ls-tree", "--name-only", "HEAD").split() == ["b.txt"]
    assert git(repo, "log", "--format=%s").splitlines() == ["nothing", "remove a", "add"]


def test_a_message_with_quotes_and_newlines_is_kept_as_given() -> None:
    repo = new_repo()
    commit(repo, 'feat!: "x" $HOME `y`\n\nBREAKING CHANGE: z')
    assert git(repo, "log", "-1", "--format=%B").strip() == 'feat!: "x" $HOME `y`\n\nBREAKING CHANGE: z'


def test_no_user_or_system_configuration_is_read() -> None:
    env = git_env()
    assert env["GIT_CONFIG_NOSYSTEM"] == "1" and env["HOME"] == str(scratch())
    assert (scratch() / "gitconfig").read_text(encoding="utf-8") == ""
    repo = new_repo()
    assert "alias." not in git(repo, "config", "--list")


def test_git_errors_name_the_command() -> None:
    with pytest.raises(RuntimeError, match="git show nope:x failed"):
        git(new_repo(), "show", "nope:x")


def test_git_version_is_numbers() -> None:
    version = git_version()
    assert len(version) >= 2 and all(type(part) is int for part in version) and version >= (2, 0)
