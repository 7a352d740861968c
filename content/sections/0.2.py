# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can explain where a change lives (working tree, index,
# repository, remote), branch, merge, rebase and undo without fear, resolve a conflict, find a
# bad commit with bisect, and write the hooks and ignore rules that keep a team's repository
# clean. Every git command here runs in a throwaway repository inside a temporary folder.

# %% course={"kind": "setup"}
# Helpers for the whole notebook. Git only ever runs inside temporary folders, with your own
# system and global git settings switched off (GIT_CONFIG_GLOBAL points at an empty file), so
# your aliases, hooks and signing keys play no part, and commit dates are fixed so that commit
# ids come out the same on every run.
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from course.runtime.scratch import scratch_dir

HAVE_GIT = shutil.which("git") is not None
NO_GIT = "git is not installed here, so this demo is skipped"
# An empty global config file of our own, removed when the notebook's kernel stops. Not
# os.devnull: `git config --global` replaces its config file by renaming a new one over it,
# and run as root that would turn /dev/null into a plain file for the whole machine.
_GIT_HOME = str(scratch_dir("git"))
GIT_GLOBAL_CONFIG = os.path.join(_GIT_HOME, "gitconfig")
open(GIT_GLOBAL_CONFIG, "w").close()
GIT_ENV = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
GIT_ENV.update({
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": GIT_GLOBAL_CONFIG,
    "GIT_AUTHOR_DATE": "2024-03-12T10:00:00+00:00",
    "GIT_COMMITTER_DATE": "2024-03-12T10:00:00+00:00",
    "GIT_EDITOR": ":",  # git treats ':' as "do not open an editor"
    "GIT_TERMINAL_PROMPT": "0",
    "LC_ALL": "C",  # messages in English, whatever your language settings
})


def git_run(repo, *args: str) -> subprocess.CompletedProcess:
    """Run ``git <args>`` in the folder ``repo``; return the finished process, even if git failed."""
    if not HAVE_GIT:
        raise RuntimeError("git is not installed")
    return subprocess.run(["git", *args], cwd=repo, env=GIT_ENV, capture_output=True, text=True, timeout=60)


def git(repo, *args: str) -> str:
    """Run ``git <args>`` in ``repo`` and return what it printed; raise RuntimeError if git fails."""
    result = git_run(repo, *args)
    if result.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed: {(result.stderr or result.stdout).strip()}")
    return result.stdout.rstrip()


def new_repo(folder) -> Path:
    """A fresh repository on branch main, with a local identity for its commits."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.name", "Ada Learner")
    git(folder, "config", "user.email", "ada@example.com")
    return folder


def commit_file(repo, name: str, text: str, message: str) -> str:
    """Write ``name`` in ``repo``, stage it and commit it; return the new commit's id."""
    path = Path(repo, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    git(repo, "add", name)
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def without_git(call) -> None:
    """Where git is missing, a test can only check that your code got as far as calling git()."""
    try:
        call()
    except RuntimeError as err:
        if "git is not installed" not in str(err):
            raise
        print("git is not installed here: this test only checked that your code calls git()")
        return
    raise AssertionError("git is not installed, yet your code finished: does it run git through git()?")

# %% [markdown] course={"kind": "lesson", "id": "mental-model", "covers": ["c-git-mental-model-working-directory", "c-initializing-repos-git-init-git-clone"]}
# ### Four places a change can be
#
# ```
#  working tree  --git add-->  index (staging area)  --git commit-->  local repository  --git push-->  remote
#  (your files)                (the next commit)                      (.git: all commits)  <--fetch--   (GitHub...)
#       ^-------------------- git restore / git switch -----------------------'
# ```
#
# - The **working tree** is the files you edit.
# - The **index** (staging area) is a complete snapshot of what your *next* commit will be.
#   `git add` copies a file's current content into it; later edits are not included until you
#   add again.
# - The **local repository** (the `.git` folder) holds every commit, branch and tag.
# - A **remote** is another copy of the repository, usually on a server.
#
# `git init` turns a folder into a repository (a `.git` folder appears); `git clone URL` copies
# a whole repository, history included, and remembers it as the remote `origin`.
#
# The mistake: thinking `git add` is a one-time "track this file". It stages the file **as it
# is now**, so a file can be staged and modified at once: `git status --short` then shows `MM`.

# %% course={"kind": "demo"}
import tempfile
from pathlib import Path

if not HAVE_GIT:
    print(NO_GIT)
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "shop"))
        app = repo / "app.py"

        def state(step: str) -> None:
            print(f"{step:26} git status --short: {git(repo, 'status', '--short') or '(clean)'}")

        app.write_text("print('v1')\n")
        state("create app.py")
        git(repo, "add", "app.py")
        state("git add app.py")
        git(repo, "commit", "-q", "-m", "Add app")
        state("git commit")
        app.write_text("print('v2')\n")
        state("edit app.py")
        git(repo, "add", "app.py")
        state("git add app.py")
        app.write_text("print('v3')\n")
        state("edit again, no add")
        print("\nin the index  (git show :app.py):", git(repo, "show", ":app.py"))
        print("in HEAD  (git show HEAD:app.py):  ", git(repo, "show", "HEAD:app.py"))
        print("in the working tree:              ", app.read_text().strip())
        git(Path(tmp), "clone", "-q", str(repo), "copy")
        print("\ngit clone brought the history along:", git(Path(tmp, "copy"), "log", "--oneline"))

# %% [markdown] course={"kind": "lesson", "id": "remotes", "covers": ["c-basic-workflow-git-add-git-commit-git", "c-remote-management-git-remote-git-fetch"]}
# ### The daily loop, and working with remotes
#
# The loop is: `git pull` (get the team's work), edit, `git add`, `git commit -m "..."`,
# `git push`. Around it:
#
# | command | does |
# |---|---|
# | `git remote -v`, `git remote add origin URL` | list / add named remotes |
# | `git fetch` | download new commits into `origin/main` and friends; **does not touch your branch** |
# | `git pull` | `fetch`, then bring `origin/main` into your `main`: a fast-forward when you have no new commits; when both sides have new commits, Git 2.33.1 and later stop and ask you to choose (`--rebase`, `--no-rebase` for a merge, or the `pull.rebase` setting) |
# | `git pull --rebase` | `fetch`, then replay your unpushed commits on top: no merge bubble |
# | `git push -u origin feature` | upload, and remember the upstream for next time |
#
# `git status -sb` tells you how you and the remote differ: `[ahead 1, behind 2]`. The mistake:
# treating `fetch` and `pull` as the same thing. `fetch` is always safe; `pull` changes your
# branch. Below, a bare repository in a temporary folder plays the server, and two clones play
# two colleagues:

# %% course={"kind": "demo"}
import tempfile
from pathlib import Path

if not HAVE_GIT:
    print(NO_GIT)
else:
    with tempfile.TemporaryDirectory() as tmp:
        origin = Path(tmp, "origin.git")
        git(tmp, "init", "-q", "--bare", "-b", "main", str(origin))
        alice = new_repo(Path(tmp, "alice"))
        git(alice, "remote", "add", "origin", str(origin))
        commit_file(alice, "README.md", "# shop\n", "Start the project")
        git(alice, "push", "-q", "-u", "origin", "main")

        git(tmp, "clone", "-q", str(origin), "bob")
        bob = Path(tmp, "bob")
        git(bob, "config", "user.name", "Bob")
        git(bob, "config", "user.email", "bob@example.com")
        print("bob's remote:         ", git(bob, "remote", "-v").splitlines()[0].replace(tmp, "<tmp>"))

        commit_file(alice, "app.py", "print('hi')\n", "Add app")
        git(alice, "push", "-q")
        git(bob, "fetch", "-q")
        print("bob after fetch:      ", git(bob, "status", "-sb").splitlines()[0])
        commit_file(bob, "notes.md", "ideas\n", "Add notes")
        print("bob after committing: ", git(bob, "status", "-sb").splitlines()[0])
        git(bob, "pull", "-q", "--rebase")
        git(bob, "push", "-q")
        print("bob after pull --rebase and push:", git(bob, "status", "-sb").splitlines()[0])
        print(git(bob, "log", "--oneline", "--graph"))

# %% [markdown] course={"kind": "lesson", "id": "branches-and-merges", "covers": ["c-branching-git-branch-git-checkout-git", "c-merge-strategies-fast-forward-three-way"]}
# ### Branches and the three ways to merge
#
# A **branch** is a movable name for a commit; committing moves the current branch forward.
# `git switch -c feature` creates one and moves to it (`git checkout -b feature` is the older
# spelling; `git checkout` also restores files, which is why `switch` and `restore` were split
# out). `git branch` lists branches, `git branch -d` deletes a merged one.
#
# `git merge feature` brings `feature` into the current branch, in one of three shapes:
#
# | kind | when / how | history afterwards |
# |---|---|---|
# | **fast-forward** | `main` has not moved since `feature` started | `main` simply points at `feature`'s tip: a straight line, no new commit |
# | **three-way merge** | both moved (or `--no-ff` forces it) | a new *merge commit* with two parents, built from the common ancestor and both tips |
# | **squash merge** | `git merge --squash feature` then `git commit` | one ordinary commit with all of feature's changes; feature's own commits are not in main's history |
#
# Teams pick per repository: fast-forward or rebase keeps history linear, merge commits record
# when a feature landed, squash turns twenty "WIP" commits into one. The mistake: after a squash
# merge, git does not know the branch was merged (`git branch -d` refuses); delete it with `-D`
# once you are sure.

# %% course={"kind": "demo"}
import tempfile
from pathlib import Path

if not HAVE_GIT:
    print(NO_GIT)
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "shop"))
        commit_file(repo, "app.py", "v1\n", "Initial commit")

        git(repo, "switch", "-q", "-c", "feature-a")
        commit_file(repo, "a.txt", "a\n", "Add a")
        git(repo, "switch", "-q", "main")
        print("merge feature-a:", git(repo, "merge", "feature-a").splitlines()[1])  # 'Fast-forward'

        git(repo, "switch", "-q", "-c", "feature-b")
        commit_file(repo, "b.txt", "b\n", "Add b")
        git(repo, "switch", "-q", "main")
        commit_file(repo, "hotfix.txt", "fix\n", "Hotfix on main")  # now main and feature-b diverge
        git(repo, "merge", "-q", "--no-edit", "feature-b")
        print("merge feature-b: parents of the new commit =", len(git(repo, "rev-list", "--parents", "-n1", "HEAD").split()) - 1)

        git(repo, "switch", "-q", "-c", "feature-c")
        commit_file(repo, "c.txt", "c1\n", "WIP c")
        commit_file(repo, "c.txt", "c2\n", "Finish c")
        git(repo, "switch", "-q", "main")
        git(repo, "merge", "-q", "--squash", "feature-c")
        git(repo, "commit", "-q", "-m", "Add feature c (squashed)")
        print("\ngit log --graph --all:")
        print(git(repo, "log", "--graph", "--all", "--format=%s%d"))

# %% [markdown] course={"kind": "lesson", "id": "conflicts", "covers": ["c-resolving-merge-conflicts"]}
# ### Resolving a merge conflict
#
# When both sides changed the same lines, git stops, leaves both versions in the file between
# **conflict markers**, and marks the file as unmerged (`UU` in `git status --short`):
#
# ```
# <<<<<<< HEAD           what your branch has ("ours")
# replicas: 4
# =======
# replicas: 3
# >>>>>>> scale-up       what the branch you merge has ("theirs")
# ```
#
# To resolve: edit the file into the result you want (either side, both, or something new),
# delete the markers, `git add` the file, then `git commit` (or `git merge --continue`).
# `git merge --abort` backs out completely. With `merge.conflictStyle = diff3` (or `zdiff3`, Git 2.35+)
# there is also a `||||||| base` part showing the common ancestor, which makes the decision
# much easier.
#
# The mistake: committing a file that still contains markers. Search for `<<<<<<<` before you
# commit, and let CI fail on it too.

# %% course={"kind": "demo"}
import tempfile
from pathlib import Path

if not HAVE_GIT:
    print(NO_GIT)
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "deploy"))
        commit_file(repo, "config.yaml", "replicas: 2\nimage: api:1.0\n", "Add config")
        git(repo, "switch", "-q", "-c", "scale-up")
        commit_file(repo, "config.yaml", "replicas: 3\nimage: api:1.0\n", "Scale to 3")
        git(repo, "switch", "-q", "main")
        commit_file(repo, "config.yaml", "replicas: 4\nimage: api:1.0\n", "Scale to 4")

        result = git_run(repo, "merge", "scale-up")
        print("git merge scale-up -> exit code", result.returncode)
        print(result.stdout.strip())
        print("git status --short:", git(repo, "status", "--short"))
        print("\nconfig.yaml now holds:\n" + Path(repo, "config.yaml").read_text())

        Path(repo, "config.yaml").write_text("replicas: 4\nimage: api:1.0\n")  # the decision
        git(repo, "add", "config.yaml")
        git(repo, "commit", "-q", "--no-edit")
        print("resolved:", git(repo, "log", "--graph", "--format=%s"))

# %% [markdown] course={"kind": "lesson", "id": "history", "covers": ["c-viewing-history-git-log-git-log-oneline"]}
# ### Reading history
#
# | command | answers |
# |---|---|
# | `git log --oneline --graph --all` | what happened, on which branches, in one screen |
# | `git show <commit>` (`--stat` for file names only) | what exactly did this commit change? |
# | `git diff` / `git diff --staged` / `git diff main..feature` | working tree vs index / index vs last commit / between two commits |
# | `git log -p -- path` | every change to one file |
# | `git log -S "text"` | which commits added or removed this text ("pickaxe") |
# | `git log --author=ada --since=2.weeks` | filter by who and when |
# | `git blame path` | who last changed each line |
#
# In an incident, `git log --oneline origin/main -10` and `git show` on the last deploy are the
# first two commands you run. The mistake: plain `git diff` shows only **unstaged** changes, so
# after `git add` it prints nothing; the staged ones need `--staged`.

# %% course={"kind": "demo"}
import tempfile
from pathlib import Path

if not HAVE_GIT:
    print(NO_GIT)
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "svc"))
        commit_file(repo, "client.py", "def fetch(url):\n    return get(url)\n", "Add client")
        commit_file(repo, "client.py", "def fetch(url):\n    return get(url, timeout=5)\n", "Add a timeout")
        commit_file(repo, "README.md", "# svc\n", "Add README")
        print(git(repo, "log", "--oneline"))
        print("\n$ git show --stat HEAD~1")
        print(git(repo, "show", "--stat", "--format=%h %s", "HEAD~1"))
        print("\n$ git diff HEAD~2 HEAD -- client.py")
        print("\n".join(git(repo, "diff", "HEAD~2", "HEAD", "--", "client.py").splitlines()[4:]))
        print("\n$ git log -S timeout --oneline")
        print(git(repo, "log", "-S", "timeout", "--oneline"))

# %% [markdown] course={"kind": "lesson", "id": "undoing", "covers": ["c-undoing-changes-git-reset-git-revert-git", "c-stashing-git-stash-git-stash-pop-git"]}
# ### Undoing things, and putting work aside
#
# | you want to... | command | rewrites history? |
# |---|---|---|
# | throw away edits to a file | `git restore file` (old: `git checkout -- file`) | no, but the edits are gone |
# | unstage a file, keep the edits | `git restore --staged file` | no |
# | undo the last commit, keep its changes staged | `git reset --soft HEAD~1` | yes (local) |
# | ... keep them as unstaged edits | `git reset HEAD~1` (`--mixed` is the default) | yes (local) |
# | ... and throw them away | `git reset --hard HEAD~1` | yes, and edits are lost |
# | undo a commit that is already pushed | `git revert <commit>`: a new commit that does the opposite | no: safe on shared branches |
# | park unfinished work to switch tasks | `git stash` (`push -m "msg"`), `git stash list`, `git stash pop` | no |
#
# The rule: **reset** moves a branch (only for commits nobody else has), **revert** adds a
# commit (for anything pushed). The mistake: `git stash` leaves untracked files behind unless
# you add `-u`, so a "clean" switch can carry new files along.

# %% course={"kind": "demo"}
import tempfile
from pathlib import Path

if not HAVE_GIT:
    print(NO_GIT)
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "svc"))
        app = Path(repo, "app.py")
        commit_file(repo, "app.py", "version = 1\n", "Release v1")
        commit_file(repo, "app.py", "version = 2  # broken\n", "Release v2")

        app.write_text("oops\n")
        git(repo, "restore", "app.py")
        print("restore   -> app.py is back to:", app.read_text().strip())

        git(repo, "revert", "--no-edit", "HEAD")
        print("revert    -> new commit on top:", git(repo, "log", "--format=%s").splitlines())

        commit_file(repo, "app.py", "version = 3\n", "Relase v3 (typo)")
        git(repo, "reset", "--soft", "HEAD~1")
        print("reset --soft -> commit gone, change staged:", git(repo, "status", "--short"))
        git(repo, "commit", "-q", "-m", "Release v3")

        app.write_text("version = 4  # half done\n")
        git(repo, "stash", "push", "-q", "-m", "v4 experiment")
        print("stash     ->", git(repo, "stash", "list"), "| working tree:", git(repo, "status", "--short") or "clean")
        git(repo, "stash", "pop", "-q")
        print("stash pop -> app.py:", app.read_text().strip())

# %% [markdown] course={"kind": "lesson", "id": "rebase-cherry-pick", "covers": ["c-rebasing-git-rebase-interactive-rebase", "c-cherry-picking-git-cherry-pick"]}
# ### Rebase, interactive rebase and cherry-pick
#
# `git rebase main` (run on `feature`) takes the commits `feature` has that `main` lacks and
# **replays** them on top of `main`'s tip, one by one. The result is a straight line, but every
# replayed commit is a *new* commit with a new id: history is rewritten.
#
# `git rebase -i HEAD~3` opens a to-do list of the last three commits, where you change `pick`
# to `reword`, `squash` (meld into the previous one and combine messages), `fixup` (meld and
# drop the message) or `drop`, or reorder lines. It is how you tidy a branch before a review.
#
# `git cherry-pick <commit>` copies one commit onto the current branch: the usual way to bring a
# hotfix from `main` to a `release-1.x` branch.
#
# The mistake: rebasing commits other people already have (see the traps below). Rebase your
# own unpushed work freely; never rebase a shared branch. Interactive rebase is driven by an
# editor; the demo drives it with a small Python script in its place.

# %% course={"kind": "demo"}
import sys
import tempfile
from pathlib import Path

if not HAVE_GIT:
    print(NO_GIT)
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "svc"))
        base = commit_file(repo, "app.py", "v1\n", "Initial commit")
        git(repo, "switch", "-q", "-c", "feature")
        commit_file(repo, "search.py", "search v1\n", "Add search")
        commit_file(repo, "search.py", "search v2\n", "WIP fix search")
        commit_file(repo, "search.py", "search v3\n", "WIP really fix search")
        git(repo, "switch", "-q", "main")
        hotfix = commit_file(repo, "app.py", "v1 + security fix\n", "Security fix")
        print("before:\n" + git(repo, "log", "--graph", "--all", "--format=%s%d"))

        git(repo, "switch", "-q", "feature")
        git(repo, "rebase", "-q", "main")
        print("\nafter git rebase main:\n" + git(repo, "log", "--graph", "--all", "--format=%s%d"))

        todo_editor = Path(tmp, "fixup_all.py")  # turns every 'pick' after the first into 'fixup'
        todo_editor.write_text(
            "import sys\n"
            "lines = open(sys.argv[1]).read().splitlines()\n"
            "picks = [i for i, line in enumerate(lines) if line.startswith('pick ')]\n"
            "for i in picks[1:]:\n"
            "    lines[i] = 'fixup ' + lines[i][5:]\n"
            "open(sys.argv[1], 'w').write('\\n'.join(lines) + '\\n')\n"
        )
        editor = f'"{sys.executable}" "{todo_editor}"'
        git(repo, "-c", f"sequence.editor={editor}", "rebase", "-q", "-i", "HEAD~3")
        print("\nafter git rebase -i HEAD~3 with fixups:\n" + git(repo, "log", "--format=%s", "main..feature"))

        git(repo, "switch", "-q", "-c", "release-1.0", base)
        git(repo, "cherry-pick", hotfix)
        print("\nrelease-1.0 after cherry-pick:", git(repo, "log", "--format=%s").splitlines())

# %% [markdown] course={"kind": "lesson", "id": "tags", "covers": ["c-tags-git-tag-annotated-vs-lightweight"]}
# ### Tags
#
# A tag names one commit for good, usually a release: `v1.4.0`.
#
# - A **lightweight** tag (`git tag v1.4.0`) is only a name pointing at a commit, like a branch
#   that never moves.
# - An **annotated** tag (`git tag -a v1.4.0 -m "Release 1.4.0"`) is an object of its own with
#   the tagger, a date, a message, and optionally a signature. Use these for releases;
#   `git describe` and many release tools only look at annotated tags by default.
#
# Tags are not pushed by `git push`; use `git push origin v1.4.0` (or `--follow-tags`). CI
# pipelines often deploy on tag pushes. The mistake: moving a tag that others have already
# fetched. Tags are meant to be permanent; make a new version instead.

# %% course={"kind": "demo"}
import tempfile
from pathlib import Path

if not HAVE_GIT:
    print(NO_GIT)
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "svc"))
        commit_file(repo, "app.py", "v1\n", "First release")
        git(repo, "tag", "v1.0")
        git(repo, "tag", "-a", "v1.1", "-m", "Release 1.1: faster startup")
        commit_file(repo, "app.py", "v2\n", "Work after the release")
        for tag in ("v1.0", "v1.1"):
            print(f"{tag}: git cat-file -t -> {git(repo, 'cat-file', '-t', tag)}")
        print("\n$ git cat-file -p v1.1\n" + git(repo, "cat-file", "-p", "v1.1"))
        print("\n$ git describe ->", git(repo, "describe"))

# %% [markdown] course={"kind": "lesson", "id": "hooks", "covers": ["c-git-hooks-pre-commit-post-commit-pre"]}
# ### Git hooks
#
# Hooks are executable files in `.git/hooks/` that git runs at fixed moments; a non-zero exit
# from a `pre-` hook stops the operation.
#
# | hook | runs | typical use |
# |---|---|---|
# | `pre-commit` | before the commit is created | lint, format check, syntax check, secrets scan on the **staged** files |
# | `commit-msg` | with the message file as argument | enforce a message convention |
# | `post-commit` | after the commit | notify, print a reminder (cannot stop anything) |
# | `pre-push` | before pushing, with the refs on stdin | run the fast tests, refuse pushes to `main` |
#
# `.git/hooks` is not part of the repository, so hooks are not shared by cloning. Teams share
# them with the `pre-commit` framework (a versioned `.pre-commit-config.yaml`) or with
# `git config core.hooksPath .githooks`. The mistake: relying on hooks for safety. Anyone can
# skip them with `--no-verify`, so CI must run the same checks.

# %% course={"kind": "demo"}
import sys
import tempfile
from pathlib import Path

if not HAVE_GIT:
    print(NO_GIT)
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "svc"))
        hook = Path(repo, ".git", "hooks", "pre-commit")
        hook.write_text(
            f"#!{sys.executable}\n"
            "import subprocess, sys\n"
            "staged = subprocess.run(['git', 'diff', '--cached'], capture_output=True, text=True).stdout\n"
            "if 'breakpoint()' in staged:\n"
            "    print('pre-commit: remove breakpoint() before committing', file=sys.stderr)\n"
            "    sys.exit(1)\n"
        )
        hook.chmod(0o755)
        Path(repo, "app.py").write_text("total = 1\nbreakpoint()\n")
        git(repo, "add", "app.py")
        result = git_run(repo, "commit", "-m", "Debugging session")
        print("git commit ->", result.returncode, "|", result.stderr.strip())
        result = git_run(repo, "commit", "-q", "--no-verify", "-m", "Debugging session")
        print("git commit --no-verify ->", result.returncode, "| the hook was skipped:", git(repo, "log", "--format=%s"))

# %% [markdown] course={"kind": "lesson", "id": "gitignore", "covers": ["c-gitignore-patterns-and-best-practices"]}
# ### `.gitignore`
#
# A `.gitignore` lists patterns of **untracked** files git should not offer to add: build
# output, caches, virtual environments, secrets. The rules, in short:
#
# | pattern | matches |
# |---|---|
# | `*.pyc` | no slash: a name at **any** depth |
# | `build/` | trailing slash: only **directories** (and so everything inside them) |
# | `/todo.txt` | leading slash: only at the top of the repository |
# | `docs/*.md` | a slash in the middle: anchored at the top, and `*` does not cross `/` |
# | `**/cache`, `a/**/b` | `**` spans any number of folders |
# | `!keep.log` | negation: un-ignore what an earlier pattern ignored; the **last** matching line wins |
# | `# note` | a comment |
#
# One rule surprises everyone: you cannot un-ignore a file inside an ignored **directory**
# (`logs/` then `!logs/keep.log` does not work), because git never looks inside `logs/`.
# And `.gitignore` does nothing for files already tracked: `git rm --cached .env` stops
# tracking one (and rotate the secret it leaked). `git check-ignore -v path` tells you which
# line is responsible:

# %% course={"kind": "demo"}
import tempfile
from pathlib import Path

if not HAVE_GIT:
    print(NO_GIT)
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "svc"))
        Path(repo, ".gitignore").write_text("*.pyc\n__pycache__/\n/todo.txt\n*.log\n!keep.log\nlogs/\n!logs/keep.log\n.env\n")
        paths = ["app.py", "app.pyc", "pkg/__pycache__/m.cpython-311.pyc", "todo.txt", "docs/todo.txt",
                 "debug.log", "keep.log", "logs/keep.log", ".env", ".env.example"]
        out = git_run(repo, "check-ignore", "-v", "--non-matching", *paths).stdout
        for line in out.splitlines():
            source, path = line.split("\t")
            pattern = source.split(":", 2)[2]
            verdict = "ignored" if pattern and not pattern.startswith("!") else "kept"
            print(f"{path:36} {verdict:8} {('because of ' + pattern) if pattern else ''}")

# %% [markdown] course={"kind": "lesson", "id": "config-and-signing", "covers": ["c-git-configuration-git-config-global-vs", "c-signing-commits-with-gpg"]}
# ### Configuration levels, and signed commits
#
# `git config` reads several files, and the more specific one wins:
#
# | scope | file | set with |
# |---|---|---|
# | system | `/etc/gitconfig` | `git config --system` (root) |
# | global | `~/.gitconfig` (or `~/.config/git/config`) | `git config --global user.email me@example.com` |
# | local | `.git/config` of one repository | `git config user.email me@work.example` |
# | command | `git -c key=value ...` | one command only |
#
# Useful settings: `user.name`, `user.email`, `init.defaultBranch main`, `pull.rebase true`,
# `merge.conflictStyle zdiff3`, `core.editor`. `git config --list --show-scope --show-origin`
# shows every value and where it came from.
#
# **Signing** proves a commit came from you: anyone can type your name into `user.name`.
# With `user.signingkey <key id>` and `commit.gpgsign true`, git signs each commit with GPG
# (or with an SSH key after `gpg.format ssh`); GitHub and GitLab then show **Verified**, and
# `git log --show-signature` checks it locally. The signature lives in a `gpgsig` header of the
# commit object. The mistake: setting a work email globally and committing to personal projects
# with it (or the reverse); set the email per repository where it differs.

# %% course={"kind": "demo"}
import tempfile
from pathlib import Path

if not HAVE_GIT:
    print(NO_GIT)
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "svc"))
        print("where user.email comes from:", git(repo, "config", "--show-scope", "--get", "user.email").replace("\t", " = "))
        print("a one-off override:         ",
              git(repo, "-c", "user.email=ci-bot@example.com", "config", "--show-scope", "--get", "user.email").replace("\t", " = "))
        print("\nevery setting this repository sees (your global file is switched off here):")
        print(git(repo, "config", "--list", "--show-scope"))
        commit_file(repo, "app.py", "v1\n", "First commit")
        print("\nthe commit object; a signed one would carry a 'gpgsig' header:")
        print(git(repo, "cat-file", "-p", "HEAD"))

# %% [markdown] course={"kind": "lesson", "id": "team-workflows", "covers": ["c-git-workflows-gitflow-github-flow-trunk", "c-pull-requests-merge-requests-reviews"]}
# ### Team workflows and pull requests
#
# ```
# GitHub Flow / trunk-based                 GitFlow
#   main ──●────●────●────●──               main     ──●─────────────●──   (releases only, tagged)
#           \  /      \  /                  release        ●──●──●─/
#  feature   ●●   fix  ●                    develop  ──●──●──●──●──●──●──
#   (hours to days, then PR)                feature      ●──●─/  ●─/
# ```
#
# | workflow | branches | fits |
# |---|---|---|
# | **Trunk-based** | everyone merges small changes to `main` at least daily; unfinished work hides behind feature flags | teams with strong CI and continuous deployment |
# | **GitHub Flow** | short-lived feature branches, a pull request each, `main` always deployable | most web services and internal tools |
# | **GitFlow** | `develop`, `feature/*`, `release/*`, `hotfix/*`, `main` for tagged releases | software shipped in versions (libraries, installed apps) |
#
# A **pull request** (GitLab: merge request) asks to merge a branch and is where a team reviews
# the diff, runs CI and records approvals. Branch protection rules make the checks mandatory:
# required reviews, green status checks, an up-to-date branch. The mistake: huge, long-lived
# branches; they conflict more and get reviewed less. The demo applies a typical protection
# rule to three pull requests:

# %% course={"kind": "demo"}
pull_requests = [
    {"id": 101, "approvals": 2, "checks": {"tests": "success", "lint": "success"}, "behind_main": 0, "labels": []},
    {"id": 102, "approvals": 1, "checks": {"tests": "success", "lint": "success"}, "behind_main": 0, "labels": []},
    {"id": 103, "approvals": 3, "checks": {"tests": "failure", "lint": "success"}, "behind_main": 4, "labels": ["do-not-merge"]},
]


def merge_blockers(pr: dict, required_approvals: int = 2) -> list[str]:
    blockers = []
    if pr["approvals"] < required_approvals:
        blockers.append(f"needs {required_approvals - pr['approvals']} more approval(s)")
    blockers += [f"check '{name}' is {state}" for name, state in pr["checks"].items() if state != "success"]
    if pr["behind_main"]:
        blockers.append(f"branch is {pr['behind_main']} commit(s) behind main")
    if "do-not-merge" in pr["labels"]:
        blockers.append("labelled do-not-merge")
    return blockers


for pr in pull_requests:
    blockers = merge_blockers(pr)
    print(f"PR #{pr['id']}: {'ready to merge' if not blockers else '; '.join(blockers)}")

# %% [markdown] course={"kind": "lesson", "id": "bisect", "covers": ["c-git-bisect-for-debugging"]}
# ### `git bisect`: which commit broke it?
#
# You know a commit where things worked and one where they do not. `git bisect` checks out the
# commit halfway between; you test it and say `git bisect good` or `git bisect bad`; it halves
# the range again. A thousand commits take about ten tests. Better still, `git bisect run
# <command>` runs a test for you at every step: exit code 0 means good, 1 to 127 (except 125)
# means bad, and 125 means "cannot test this one, skip it".
#
# Finish with `git bisect reset` to return to where you were. The mistake: a test that is flaky
# or depends on something outside the commit (a downloaded model, today's date) sends bisect
# down the wrong half, and it will confidently name an innocent commit.

# %% course={"kind": "demo"}
import sys
import tempfile
from pathlib import Path

if not HAVE_GIT:
    print(NO_GIT)
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "calc"))
        for build in range(1, 17):
            operator = "-" if build >= 11 else "+"  # build 11 introduces the bug
            commit_file(repo, "calc.py", f"def add(a, b):\n    return a {operator} b\n# build {build}\n", f"Build {build}")
        first = git(repo, "rev-list", "--max-parents=0", "HEAD")
        git(repo, "bisect", "start", "HEAD", first)
        check = "import calc, sys; sys.exit(0 if calc.add(2, 2) == 4 else 1)"
        run = git_run(repo, "bisect", "run", sys.executable, "-c", check)
        steps = run.stdout.count("running")
        culprit = next(line for line in run.stdout.splitlines() if "is the first bad commit" in line)
        print(f"bisect tested {steps} of 16 commits:", culprit[:12], "...")
        print("that commit is:", git(repo, "log", "-1", "--format=%s", "refs/bisect/bad"))
        git(repo, "bisect", "reset")

# %% [markdown] course={"kind": "lesson", "id": "submodules", "covers": ["c-submodules-and-subtrees-awareness-level"]}
# ### Submodules and subtrees (awareness)
#
# Both put one repository inside another, for example shared Terraform modules or a vendored
# library.
#
# | | submodule | subtree |
# |---|---|---|
# | what the parent stores | a pointer: URL (in `.gitmodules`) plus one exact commit id | a full copy of the files, merged into the parent's history |
# | after cloning the parent | run `git submodule update --init --recursive`, or the folder is empty | nothing to do: the files are there |
# | updating | `cd lib && git pull`, then commit the new pointer in the parent | `git subtree pull --prefix lib URL main --squash` |
# | typical trouble | forgetting `--recursive`, detached HEAD inside the submodule | a bigger history, pushing changes back is clumsy |
#
# Many teams avoid both and publish the shared code as a package instead. The `.gitmodules` file
# is in git's own config format:

# %% course={"kind": "demo"}
import configparser

gitmodules = "\n".join([
    '[submodule "infra/modules"]',
    "\tpath = infra/modules",
    "\turl = https://git.example.com/platform/terraform-modules.git",
    "\tbranch = main",
    '[submodule "vendor/protos"]',
    "\tpath = vendor/protos",
    "\turl = git@git.example.com:platform/protos.git",
])
parser = configparser.ConfigParser()
parser.read_string(gitmodules)
for section in parser.sections():
    name = section.split('"')[1]
    print(f"{name:14} -> {parser[section]['url']} (tracks {parser[section].get('branch', 'a fixed commit')})")

# %% [markdown] course={"kind": "exercise", "id": "first-commit", "item": "x-initialize-a-new-repository-and-make"}
# ### Your first commit, from code
#
# Use the notebook's `git(repo, *args)` helper (defined at the top; it runs git in the folder
# `repo` and returns the output, raising `RuntimeError` if git fails). Write
# `first_commit(folder, files, message, name, email)` that:
#
# 1. creates `folder` if needed and runs `git init` there, on a branch called `main`;
# 2. stores `name` and `email` as `user.name` / `user.email` in the repository's **local**
#    config (never `--global`: that would change your real git settings);
# 3. writes `files` (a dict of relative path to text; paths may contain folders), stages them and
#    commits them with `message`;
# 4. returns the full 40-character id of the new commit.
#
# ```python
# first_commit(Path("/tmp/demo"), {"README.md": "# Demo\n", "src/app.py": "print('hi')\n"},
#              "Initial commit", "Ada Learner", "ada@example.com")
# # '3f0c1e...' (40 hex digits)
# ```

# %% [markdown] course={"kind": "hint"}
# `git init -b main` names the first branch. `git config user.email ...` without `--global`
# writes to `.git/config` of the repository you run it in.

# %% [markdown] course={"kind": "hint"}
# `git commit -a` only stages files git already tracks, so new files need `git add` first
# (`git add -A` adds everything). `git rev-parse HEAD` prints the id of the current commit.

# %% course={"kind": "solution"}
from pathlib import Path


def first_commit(folder, files: dict[str, str], message: str, name: str, email: str) -> str:
    """Initialise a repository in ``folder``, commit ``files`` and return the commit id."""
    ### BEGIN SOLUTION
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.name", name)
    git(folder, "config", "user.email", email)
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", message)
    return git(folder, "rev-parse", "HEAD")
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import re
import tempfile
from pathlib import Path

if not HAVE_GIT:
    without_git(lambda: first_commit(Path(tempfile.mkdtemp()), {"a.txt": "a\n"}, "Init", "A", "a@example.com"))
else:
    with tempfile.TemporaryDirectory() as tmp:
        sha = first_commit(Path(tmp, "demo"), {"README.md": "# Demo\n"}, "Initial commit", "Ada", "ada@example.com")
        assert type(sha) is str and re.fullmatch(r"[0-9a-f]{40}", sha), f"return the full 40-character id, got {sha!r}"
        assert sha == git(Path(tmp, "demo"), "rev-parse", "HEAD"), "the id must be the commit HEAD points to"
        assert git(Path(tmp, "demo"), "log", "--format=%s") == "Initial commit", "one commit, with the message given"
        assert git(Path(tmp, "demo"), "branch", "--show-current") == "main", "the branch must be called main"

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

if not HAVE_GIT:
    without_git(lambda: first_commit(Path(tempfile.mkdtemp()), {"a.txt": "a\n"}, "Init", "A", "a@example.com"))
else:
    with tempfile.TemporaryDirectory() as tmp:
        files = {"README.md": "# Demo\n", "src/app.py": "print('hi')\n", "requirements.txt": "requests==2.31.0\n"}
        first_commit(Path(tmp, "demo"), files, "Initial commit", "Ada", "ada@example.com")
        tracked = git(Path(tmp, "demo"), "ls-files").splitlines()
        assert tracked == sorted(files), f"every file must be committed, including src/app.py; tracked: {tracked}"
        assert git(Path(tmp, "demo"), "status", "--porcelain") == "", "nothing may be left uncommitted"
        assert git(Path(tmp, "demo"), "show", "HEAD:src/app.py") == "print('hi')", "commit the text given"
        ### BEGIN HIDDEN TESTS
        deep = Path(tmp, "not", "there", "yet")
        first_commit(str(deep), {"a/b/c.txt": "c\n", "empty.txt": "", "naïve.md": "é\n"}, "Deep", "Ada", "ada@example.com")
        Path(tmp, "already").mkdir()
        assert len(first_commit(Path(tmp, "already"), {"x.txt": "x\n"}, "Init", "Ada", "ada@example.com")) == 40, "an existing empty folder is fine"
        assert git_run(deep, "ls-files", "-z").stdout.split("\0")[:-1] == ["a/b/c.txt", "empty.txt", "naïve.md"], "nested folders, an empty file, a unicode name: all committed"
        ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

if not HAVE_GIT:
    without_git(lambda: first_commit(Path(tempfile.mkdtemp()), {"a.txt": "a\n"}, "Init", "A", "a@example.com"))
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp, "demo")
        first_commit(repo, {"a.txt": "a\n"}, "Initial commit", "Grace Hopper", "grace@example.com")
        assert git(repo, "log", "--format=%an <%ae>") == "Grace Hopper <grace@example.com>", "author from name and email"
        local = git_run(repo, "config", "--local", "--get", "user.email").stdout.strip()
        assert local == "grace@example.com", "store the identity in the repository's local config"
        assert git_run(repo, "config", "--local", "--get", "user.name").stdout.strip() == "Grace Hopper", "the name too"

# %% course={"kind": "wrong", "id": "short-id", "fails": ["t1", "t2"]}
from pathlib import Path


def first_commit(folder, files, message, name, email):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.name", name)
    git(folder, "config", "user.email", email)
    for relative, text in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text)
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", message)
    return git(folder, "rev-parse", "--short", "HEAD")

# %% course={"kind": "wrong", "id": "commit-a", "fails": ["t1", "t2", "t3"]}
from pathlib import Path


def first_commit(folder, files, message, name, email):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.name", name)
    git(folder, "config", "user.email", email)
    for relative, text in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text)
    git(folder, "commit", "-q", "-a", "-m", message)
    return git(folder, "rev-parse", "HEAD")

# %% course={"kind": "wrong", "id": "identity-on-command-line", "fails": ["t3"]}
from pathlib import Path


def first_commit(folder, files, message, name, email):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    git(folder, "init", "-q", "-b", "main")
    for relative, text in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text)
    git(folder, "add", "-A")
    git(folder, "-c", f"user.name={name}", "-c", f"user.email={email}", "commit", "-q", "-m", message)
    return git(folder, "rev-parse", "HEAD")

# %% [markdown] course={"kind": "exercise", "id": "feature-branch", "item": "x-create-a-feature-branch-make-changes-and"}
# ### Work on a feature branch
#
# Write `feature_commit(repo, branch, files, message)` for an existing repository that has a
# `main` branch. It creates `branch` **starting from `main`** (whatever branch is checked out at
# the moment), writes `files` (dict of path to text), commits them there with `message`, and
# then switches back to `main`, leaving `main` itself untouched. Return the id of the new commit.
# If the branch already exists, let the `RuntimeError` from `git()` propagate.
#
# ```python
# sha = feature_commit(repo, "add-search", {"search.py": "def search(q): ...\n"}, "Add search")
# git(repo, "branch", "--show-current")   # 'main'
# git(repo, "rev-parse", "add-search")    # == sha
# ```

# %% [markdown] course={"kind": "hint"}
# `git switch -c NAME main` creates `NAME` at `main`'s tip and switches to it, even when you are
# on another branch. Plain `git branch NAME` creates the branch but leaves you where you were.

# %% [markdown] course={"kind": "hint"}
# Read the id with `git rev-parse HEAD` *before* you `git switch main` again.

# %% course={"kind": "solution"}
from pathlib import Path


def feature_commit(repo, branch: str, files: dict[str, str], message: str) -> str:
    """Commit ``files`` on a new ``branch`` started from main; end up on main again."""
    ### BEGIN SOLUTION
    git(repo, "switch", "-q", "-c", branch, "main")
    for relative, text in files.items():
        path = Path(repo, relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    sha = git(repo, "rev-parse", "HEAD")
    git(repo, "switch", "-q", "main")
    return sha
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

if not HAVE_GIT:
    without_git(lambda: feature_commit(Path(tempfile.mkdtemp()), "f", {"a.txt": "a\n"}, "Add a"))
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "svc"))
        base = commit_file(repo, "app.py", "v1\n", "Initial commit")
        sha = feature_commit(repo, "add-search", {"search/engine/core.py": "def search(q):\n    return []\n"}, "Add search")
        assert type(sha) is str and sha == git(repo, "rev-parse", "add-search"), f"return the id (a str) of the commit at the tip of the new branch, got {sha!r}"
        assert git(repo, "show", "add-search:search/engine/core.py") == "def search(q):\n    return []", "commit the files, folders included"
        assert git(repo, "log", "-1", "--format=%s", "add-search") == "Add search", "commit with the message given"
        assert git(repo, "rev-parse", "add-search~1") == base, "the branch must start from main's tip"

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

if not HAVE_GIT:
    without_git(lambda: feature_commit(Path(tempfile.mkdtemp()), "f", {"a.txt": "a\n"}, "Add a"))
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "svc"))
        base = commit_file(repo, "app.py", "v1\n", "Initial commit")
        feature_commit(repo, "add-search", {"search.py": "def search(q):\n    return []\n"}, "Add search")
        assert git(repo, "branch", "--show-current") == "main", "finish on main"
        assert git(repo, "rev-parse", "main") == base, "main itself must not move"
        assert not Path(repo, "search.py").exists(), "on main, the feature's file is not in the working tree"
        assert git(repo, "status", "--porcelain") == "", "leave a clean working tree"
        ### BEGIN HIDDEN TESTS
        git(repo, "switch", "-q", "-c", "other")
        commit_file(repo, "other.txt", "x\n", "Unrelated work")
        sha = feature_commit(repo, "from-main", {"b.txt": "b\n"}, "Add b")
        assert git(repo, "rev-parse", f"{sha}~1") == base, "start from main even when another branch is checked out"
        try:
            feature_commit(repo, "add-search", {"c.txt": "c\n"}, "Again")
        except RuntimeError:
            pass
        else:
            raise AssertionError("an existing branch name must make git fail")
        ### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "branch-without-switch", "fails": ["t1", "t2"]}
from pathlib import Path


def feature_commit(repo, branch, files, message):
    git(repo, "branch", branch)
    for relative, text in files.items():
        Path(repo, relative).write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")

# %% course={"kind": "wrong", "id": "from-current-branch", "fails": ["t2"]}
from pathlib import Path


def feature_commit(repo, branch, files, message):
    git(repo, "switch", "-q", "-c", branch)  # starts from whatever is checked out
    for relative, text in files.items():
        Path(repo, relative).parent.mkdir(parents=True, exist_ok=True)
        Path(repo, relative).write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    sha = git(repo, "rev-parse", "HEAD")
    git(repo, "switch", "-q", "main")
    return sha

# %% course={"kind": "wrong", "id": "stays-on-branch", "fails": ["t2"]}
from pathlib import Path


def feature_commit(repo, branch, files, message):
    git(repo, "switch", "-q", "-c", branch, "main")
    for relative, text in files.items():
        Path(repo, relative).parent.mkdir(parents=True, exist_ok=True)
        Path(repo, relative).write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")

# %% [markdown] course={"kind": "exercise", "id": "resolve-conflicts", "item": "x-intentionally-create-a-merge-conflict"}
# ### Resolve conflict markers
#
# Write `resolve_conflicts(text, keep)` that takes the content of a file with merge conflicts and
# returns it with every conflict resolved. `keep` is `"ours"` (the part between `<<<<<<<` and
# `=======`), `"theirs"` (between `=======` and `>>>>>>>`) or `"both"` (ours, then theirs).
# Marker lines start with seven `<`, `=`, `>` (or `|`, see below) and are removed. Every other
# line is kept exactly, line ending included (`\r\n` stays `\r\n`, a last line without a newline
# stays without one), and a file may hold several conflicts.
#
# In `diff3` style a conflict also has a base part, from a line starting `|||||||` up to
# `=======`: it is never kept. Raise `ValueError` for an unknown `keep` (the three words are
# lower case) or a conflict that never ends.
#
# ```python
# text = "a\n<<<<<<< HEAD\nreplicas: 4\n=======\nreplicas: 3\n>>>>>>> scale-up\nz\n"
# resolve_conflicts(text, "theirs")   # 'a\nreplicas: 3\nz\n'
# ```
#
# The last test creates a real conflict in a temporary repository, resolves it with your
# function and commits the result.

# %% [markdown] course={"kind": "hint"}
# Walk the lines (`text.splitlines(keepends=True)` keeps the newlines) with a small state
# machine: outside, in ours, in base, in theirs. Collect ours and theirs in two lists and decide
# what to emit when you reach the `>>>>>>>` line.

# %% [markdown] course={"kind": "hint"}
# A `=======` line *outside* a conflict (a Markdown heading underline, say) is ordinary text:
# only treat it as a marker while you are inside a conflict.

# %% course={"kind": "solution"}
def resolve_conflicts(text: str, keep: str) -> str:
    """Resolve every conflict in ``text`` by keeping ``"ours"``, ``"theirs"`` or ``"both"``."""
    ### BEGIN SOLUTION
    if keep not in ("ours", "theirs", "both"):
        raise ValueError(f"keep must be 'ours', 'theirs' or 'both', not {keep!r}")
    out: list[str] = []
    state = "outside"
    for line in text.splitlines(keepends=True):
        if state == "outside" and line.startswith("<<<<<<<"):
            state, ours, theirs = "ours", [], []
        elif state == "ours" and line.startswith("|||||||"):
            state = "base"
        elif state in ("ours", "base") and line.startswith("======="):
            state = "theirs"
        elif state == "theirs" and line.startswith(">>>>>>>"):
            out += {"ours": ours, "theirs": theirs, "both": ours + theirs}[keep]
            state = "outside"
        elif state == "outside":
            out.append(line)
        elif state == "ours":
            ours.append(line)
        elif state == "theirs":
            theirs.append(line)
    if state != "outside":
        raise ValueError("a conflict starts but never ends")
    return "".join(out)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
text = "a\n<<<<<<< HEAD\nreplicas: 4\n=======\nreplicas: 3\n>>>>>>> scale-up\nz\n"
assert resolve_conflicts(text, "theirs") == "a\nreplicas: 3\nz\n", f"got {resolve_conflicts(text, 'theirs')!r}"
assert resolve_conflicts(text, "ours") == "a\nreplicas: 4\nz\n", f"got {resolve_conflicts(text, 'ours')!r}"
assert resolve_conflicts("no conflicts\n", "ours") == "no conflicts\n", "text without conflicts is returned unchanged"

# %% course={"kind": "test", "points": 2}
text = "".join([
    "Title\n", "=======\n",
    "<<<<<<< HEAD\n", "x = 1\n", "=======\n", "x = 2\n", ">>>>>>> b\n",
    "middle\n",
    "<<<<<<< HEAD\n", "y = 1\n", "y2 = 1\n", "=======\n", ">>>>>>> b\n",
])
assert resolve_conflicts(text, "both") == "Title\n=======\nx = 1\nx = 2\nmiddle\ny = 1\ny2 = 1\n", (
    "both: ours then theirs, every conflict, and a ======= line outside a conflict is plain text")
assert resolve_conflicts(text, "theirs") == "Title\n=======\nx = 2\nmiddle\n", "an empty side is allowed"

# %% course={"kind": "test", "points": 1}
diff3 = "<<<<<<< HEAD\nport: 8080\n||||||| base\nport: 80\n=======\nport: 8000\n>>>>>>> other\n"
assert resolve_conflicts(diff3, "ours") == "port: 8080\n", "the base part of a diff3 conflict is never kept"
assert resolve_conflicts(diff3, "both") == "port: 8080\nport: 8000\n"
for args in (("<<<<<<< HEAD\nx\n=======\ny\n", "ours"), ("x\n", "mine")):
    try:
        resolve_conflicts(*args)
    except ValueError:
        pass
    else:
        raise AssertionError(f"resolve_conflicts{args!r} must raise ValueError")
### BEGIN HIDDEN TESTS
for args in (("<<<<<<< HEAD\nx\n", "theirs"), ("<<<<<<< HEAD\nx\n||||||| base\ny\n", "ours"), ("x\n", "Ours"), ("x\n", "")):
    try:
        resolve_conflicts(*args)
    except ValueError:
        pass
    else:
        raise AssertionError(f"resolve_conflicts{args!r} must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
crlf = "top\r\n<<<<<<< HEAD\r\nmine\r\n=======\r\nyours\r\n>>>>>>> b\r\nend"
assert resolve_conflicts(crlf, "theirs") == "top\r\nyours\r\nend", f"keep line endings exactly, and no newline after the last line: {resolve_conflicts(crlf, 'theirs')!r}"
assert resolve_conflicts("", "both") == "", "an empty file stays empty"
assert resolve_conflicts("a\n\n", "ours") == "a\n\n", "blank lines are text too"

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

if not HAVE_GIT:
    assert resolve_conflicts("<<<<<<< a\n1\n=======\n2\n>>>>>>> b\n", "ours") == "1\n"
    print("git is not installed here: the real-repository part of this test is skipped")
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "deploy"))
        commit_file(repo, "config.yaml", "replicas: 2\nimage: api:1.0\n", "Add config")
        git(repo, "switch", "-q", "-c", "scale-up")
        commit_file(repo, "config.yaml", "replicas: 3\nimage: api:1.0\n", "Scale to 3")
        git(repo, "switch", "-q", "main")
        commit_file(repo, "config.yaml", "replicas: 4\nimage: api:1.1\n", "Scale to 4, new image")
        assert git_run(repo, "merge", "scale-up").returncode != 0, "this merge must conflict"
        config = Path(repo, "config.yaml")
        config.write_text(resolve_conflicts(config.read_text(), "theirs"))
        git(repo, "add", "config.yaml")
        git(repo, "commit", "-q", "--no-edit")
        assert config.read_text() == "replicas: 3\nimage: api:1.0\n", f"resolved file: {config.read_text()!r}"
        parents = git(repo, "rev-list", "--parents", "-n1", "HEAD").split()[1:]
        assert len(parents) == 2, "the resolved merge is a merge commit with two parents"

# %% course={"kind": "wrong", "id": "drops-markers-only", "fails": ["t1", "t2", "t3", "t4", "t5"]}
def resolve_conflicts(text, keep):
    if keep not in ("ours", "theirs", "both"):
        raise ValueError(keep)
    markers = ("<<<<<<<", "=======", ">>>>>>>", "|||||||")
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith(markers))

# %% course={"kind": "wrong", "id": "ignores-diff3", "fails": ["t3"]}
def resolve_conflicts(text, keep):
    if keep not in ("ours", "theirs", "both"):
        raise ValueError(keep)
    out, ours, theirs, state = [], [], [], "outside"
    for line in text.splitlines(keepends=True):
        if state == "outside" and line.startswith("<<<<<<<"):
            state, ours, theirs = "ours", [], []
        elif state == "ours" and line.startswith("======="):
            state = "theirs"
        elif state == "theirs" and line.startswith(">>>>>>>"):
            out += {"ours": ours, "theirs": theirs, "both": ours + theirs}[keep]
            state = "outside"
        else:
            {"outside": out, "ours": ours, "theirs": theirs}[state].append(line)
    if state != "outside":
        raise ValueError("unterminated")
    return "".join(out)

# %% course={"kind": "wrong", "id": "split-and-join", "fails": ["t4"]}
def resolve_conflicts(text, keep):
    if keep not in ("ours", "theirs", "both"):
        raise ValueError(keep)
    out, ours, theirs, state = [], [], [], "outside"
    for line in text.split("\n"):
        if state == "outside" and line.startswith("<<<<<<<"):
            state, ours, theirs = "ours", [], []
        elif state == "ours" and line.startswith("|||||||"):
            state = "base"
        elif state in ("ours", "base") and line.startswith("======="):
            state = "theirs"
        elif state == "theirs" and line.startswith(">>>>>>>"):
            out += {"ours": ours, "theirs": theirs, "both": ours + theirs}[keep]
            state = "outside"
        elif state != "base":
            {"outside": out, "ours": ours, "theirs": theirs}[state].append(line.rstrip("\r"))
    if state != "outside":
        raise ValueError("unterminated")
    return "\n".join(out)

# %% course={"kind": "wrong", "id": "first-conflict-only", "fails": ["t2"]}
def resolve_conflicts(text, keep):
    if keep not in ("ours", "theirs", "both"):
        raise ValueError(keep)
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("<<<<<<<")]
    if not starts:
        return text
    start = starts[0]
    try:
        middle = next(i for i in range(start, len(lines)) if lines[i].startswith("======="))
        end = next(i for i in range(middle, len(lines)) if lines[i].startswith(">>>>>>>"))
    except StopIteration:
        raise ValueError("unterminated") from None
    base = next((i for i in range(start, middle) if lines[i].startswith("|||||||")), middle)
    ours, theirs = lines[start + 1:base], lines[middle + 1:end]
    chosen = {"ours": ours, "theirs": theirs, "both": ours + theirs}[keep]
    return "".join(lines[:start] + chosen + lines[end + 1:])

# %% [markdown] course={"kind": "exercise", "id": "first-bad-commit", "item": "x-use-git-bisect-to-find-which-commit"}
# ### Bisect by hand
#
# Write `first_bad(commits, is_bad)` that does what `git bisect` does. `commits` is a list from
# oldest to newest; the oldest is known to be good, the newest known to be bad, and once a commit
# is bad every later one is bad too. `is_bad(commit)` runs your test on one commit (it is slow:
# think "build and run the test suite"). Return the first bad commit, calling `is_bad` **at most
# ⌈log₂(n−1)⌉ times** for `n` commits: the first and the last are known already, so there are
# `n − 1` candidates, and you never test the two ends. Raise `ValueError` if there are fewer than
# two commits.
#
# ```python
# builds = ["b1", "b2", "b3", "b4", "b5", "b6"]
# first_bad(builds, lambda c: c >= "b4")   # 'b4', after at most 3 calls
# ```
#
# The last test uses your function on a real repository, checking each commit's file with
# `git show`, and compares the answer with `git bisect run`.

# %% [markdown] course={"kind": "hint"}
# Keep two indexes: `good` (a commit known good, start at 0) and `bad` (known bad, start at the
# end). While they are more than one apart, test the commit in the middle and move one of them.

# %% [markdown] course={"kind": "hint"}
# When the loop ends, `bad == good + 1`, and `commits[bad]` is the answer. Returning
# `commits[good]` is the classic off-by-one.

# %% course={"kind": "solution"}
def first_bad(commits: list, is_bad) -> object:
    """The first commit for which ``is_bad`` is true, found by binary search."""
    ### BEGIN SOLUTION
    if len(commits) < 2:
        raise ValueError("need at least a good and a bad commit")
    good, bad = 0, len(commits) - 1
    while bad - good > 1:
        middle = (good + bad) // 2
        if is_bad(commits[middle]):
            bad = middle
        else:
            good = middle
    return commits[bad]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
builds = ["b1", "b2", "b3", "b4", "b5", "b6"]
assert first_bad(builds, lambda c: c >= "b4") == "b4", f"got {first_bad(builds, lambda c: c >= 'b4')!r}"
assert first_bad(["good", "bad"], lambda c: c == "bad") == "bad", "two commits: the newest is the first bad one"
assert first_bad(builds, lambda c: c >= "b2") == "b2", "the bug may come right after the good commit"

# %% course={"kind": "test", "points": 2}
import math

for n in (2, 3, 10, 50, 1025, 1000):
    budget = math.ceil(math.log2(n - 1))
    for culprit in sorted({1, max(1, n // 3), max(1, n // 2), n - 1}):
        calls = []

        def is_bad(index, calls=calls, culprit=culprit):
            calls.append(index)
            return index >= culprit

        found = first_bad(list(range(n)), is_bad)
        assert found == culprit, f"n={n}: expected commit {culprit}, got {found}"
        assert len(calls) <= budget, f"n={n}: {len(calls)} tests; bisect needs at most {budget}"
        assert 0 not in calls and n - 1 not in calls, f"n={n}: the two ends are known, never test them (tested {calls})"

# %% course={"kind": "test", "points": 1}
for too_few in ([], ["only"]):
    try:
        first_bad(too_few, lambda c: True)
    except ValueError:
        pass
    else:
        raise AssertionError(f"first_bad({too_few!r}, ...) must raise ValueError")

# %% course={"kind": "test", "points": 1}
import sys
import tempfile
from pathlib import Path

if not HAVE_GIT:
    assert first_bad(["a", "b", "c"], lambda c: c == "c") == "c"
    print("git is not installed here: the real-repository part of this test is skipped")
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "calc"))
        for build in range(1, 21):
            operator = "-" if build >= 14 else "+"
            commit_file(repo, "calc.py", f"def add(a, b):\n    return a {operator} b\n# build {build}\n", f"Build {build}")
        history = git(repo, "rev-list", "--reverse", "HEAD").split()
        found = first_bad(history, lambda sha: "a - b" in git(repo, "show", f"{sha}:calc.py"))
        assert git(repo, "log", "-1", "--format=%s", found) == "Build 14", "the bug arrived in Build 14"
        git(repo, "bisect", "start", history[-1], history[0])
        git(repo, "bisect", "run", sys.executable, "-c", "import calc, sys; sys.exit(calc.add(2, 2) != 4)")
        assert git(repo, "rev-parse", "refs/bisect/bad") == found, "git bisect run agrees with you"
        git(repo, "bisect", "reset")

# %% course={"kind": "wrong", "id": "linear-scan", "fails": ["t2"]}
def first_bad(commits, is_bad):
    if len(commits) < 2:
        raise ValueError("too few")
    for commit in commits[1:-1]:
        if is_bad(commit):
            return commit
    return commits[-1]

# %% course={"kind": "wrong", "id": "checks-the-ends-first", "fails": ["t2"]}
def first_bad(commits, is_bad):
    if len(commits) < 2:
        raise ValueError("too few")
    if is_bad(commits[0]) or not is_bad(commits[-1]):  # "just to be sure": two extra slow builds
        raise ValueError("the ends are not good and bad")
    good, bad = 0, len(commits) - 1
    while bad - good > 1:
        middle = (good + bad) // 2
        if is_bad(commits[middle]):
            bad = middle
        else:
            good = middle
    return commits[bad]

# %% course={"kind": "wrong", "id": "returns-last-good", "fails": ["t1", "t2", "t4"]}
def first_bad(commits, is_bad):
    if len(commits) < 2:
        raise ValueError("too few")
    good, bad = 0, len(commits) - 1
    while bad - good > 1:
        middle = (good + bad) // 2
        if is_bad(commits[middle]):
            bad = middle
        else:
            good = middle
    return commits[good]

# %% [markdown] course={"kind": "exercise", "id": "syntax-hook", "item": "x-set-up-a-pre-commit-hook-that-checks-for"}
# ### A pre-commit hook that refuses Python syntax errors
#
# Set `HOOK_SOURCE` to the Python source code of a `pre-commit` hook. The tests save it as
# `.git/hooks/pre-commit` (with a `#!` line for this notebook's Python in front) in temporary
# repositories and try to commit. The hook must:
#
# 1. list the **staged** files that were added, copied or modified:
#    `git diff --cached --name-only --diff-filter=ACM -z` (`-z` ends each name with a `"\0"`
#    character instead of a newline, and writes names as they are: without it, git prints
#    `café.py` as `"caf\303\251.py"`, quotes and octal escapes included);
# 2. for each one ending in `.py`, read the **staged** content with `git show :<path>` (the
#    working copy may differ!) and `compile()` it;
# 3. for each file with a syntax error print `path:line: message` to **stderr** (check every
#    file, not only up to the first bad one), and finally exit with status 1 if there was any
#    error, 0 otherwise.
#
# ```
# $ git commit -m "Add broken module"
# broken.py:1: invalid syntax          <- printed by your hook; the commit is refused
# ```

# %% [markdown] course={"kind": "hint"}
# Build the source as one string with `"\n"` between lines, like the module in section 1.1.
# Inside the hook, `subprocess.run([...], capture_output=True, text=True).stdout` gives a
# command's output; `.split("\0")` turns the `-z` file list into a list (drop the empty string
# after the last `"\0"`).

# %% [markdown] course={"kind": "hint"}
# `compile(text, path, "exec")` raises `SyntaxError`; its `.lineno` and `.msg` make the line.
# `print(..., file=sys.stderr)` and `sys.exit(1 if failed else 0)` finish the job.

# %% course={"kind": "solution"}
### BEGIN SOLUTION
HOOK_SOURCE = (
    "import subprocess\n"
    "import sys\n"
    "\n"
    "def git(*args):\n"
    "    return subprocess.run(['git', *args], capture_output=True, text=True, check=True).stdout\n"
    "\n"
    "failed = False\n"
    "for path in git('diff', '--cached', '--name-only', '--diff-filter=ACM', '-z').split('\\0'):\n"
    "    if not path.endswith('.py'):\n"
    "        continue\n"
    "    try:\n"
    "        compile(git('show', ':' + path), path, 'exec')\n"
    "    except SyntaxError as err:\n"
    "        print(f'{path}:{err.lineno}: {err.msg}', file=sys.stderr)\n"
    "        failed = True\n"
    "sys.exit(1 if failed else 0)\n"
)
### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert isinstance(HOOK_SOURCE, str) and HOOK_SOURCE.strip(), "HOOK_SOURCE must be the hook's source code, as a string"
compile(HOOK_SOURCE, "pre-commit", "exec")  # the hook itself must be valid Python

# %% course={"kind": "test", "points": 1}
import sys
import tempfile
from pathlib import Path

assert isinstance(HOOK_SOURCE, str), "HOOK_SOURCE must be a string"
if not HAVE_GIT:
    print("git is not installed here: this test is skipped")
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "svc"))
        hook = Path(repo, ".git", "hooks", "pre-commit")
        hook.write_text(f"#!{sys.executable}\n" + HOOK_SOURCE)
        hook.chmod(0o755)
        Path(repo, "ok.py").write_text("def f():\n    return 1\n")
        Path(repo, "notes.txt").write_text("def (: this is not Python and nobody cares\n")
        git(repo, "add", "-A")
        result = git_run(repo, "commit", "-q", "-m", "Good commit")
        assert result.returncode == 0, f"valid Python must be accepted; the hook said: {result.stderr.strip()}"

# %% course={"kind": "test", "points": 2}
import re
import sys
import tempfile
from pathlib import Path

assert isinstance(HOOK_SOURCE, str), "HOOK_SOURCE must be a string"
if not HAVE_GIT:
    print("git is not installed here: this test is skipped")
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "svc"))
        base = commit_file(repo, "README.md", "# svc\n", "Start")
        hook = Path(repo, ".git", "hooks", "pre-commit")
        hook.write_text(f"#!{sys.executable}\n" + HOOK_SOURCE)
        hook.chmod(0o755)
        Path(repo, "pkg").mkdir()
        Path(repo, "pkg", "broken.py").write_text("x = 1\n\ndef oops(:\n    pass\n")
        git(repo, "add", "-A")
        result = git_run(repo, "commit", "-q", "-m", "Add broken module")
        assert result.returncode != 0, "a commit with a syntax error must be refused"
        assert re.search(r"^pkg/broken\.py:3: \S", result.stderr, re.M), f"report path:line: message on stderr, got {result.stderr!r}"
        assert git(repo, "rev-parse", "HEAD") == base, "no commit may be created"
        ### BEGIN HIDDEN TESTS
        Path(repo, "pkg", "broken.py").write_text("x = 1\n")  # fixed in the working tree, NOT staged
        result = git_run(repo, "commit", "-q", "-m", "Still broken in the index")
        assert result.returncode != 0, "check the staged content (git show :path), not the working copy"
        git(repo, "add", "-A")
        assert git_run(repo, "commit", "-q", "-m", "Fixed").returncode == 0, "once the fix is staged, commit"
        git(repo, "rm", "-q", "pkg/broken.py")
        assert git_run(repo, "commit", "-q", "-m", "Delete").returncode == 0, "deleted files are not checked"
        ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import subprocess
import sys
import tempfile
from pathlib import Path

assert isinstance(HOOK_SOURCE, str), "HOOK_SOURCE must be a string"
if not HAVE_GIT:
    print("git is not installed here: this test is skipped")
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "svc"))
        hook = Path(repo, ".git", "hooks", "pre-commit")
        hook.write_text(f"#!{sys.executable}\n" + HOOK_SOURCE)
        hook.chmod(0o755)
        Path(repo, "données.py").write_text("x = 1\n", encoding="utf-8")
        git(repo, "add", "-A")
        result = git_run(repo, "commit", "-q", "-m", "Unicode name")
        assert result.returncode == 0, f"a valid file with a non-ASCII name must be accepted (use -z); the hook said: {result.stderr.strip()}"
        Path(repo, "a.py").write_text("def a(:\n")
        Path(repo, "b.py").write_text("ok = 1\n")
        Path(repo, "c.py").write_text("x = [\n")
        git(repo, "add", "-A")
        result = git_run(repo, "commit", "-q", "-m", "Two broken files")
        assert result.returncode != 0 and "a.py:1:" in result.stderr and "c.py:" in result.stderr, (
            f"report every broken file, not only the first; stderr was {result.stderr!r}")
        ### BEGIN HIDDEN TESTS
        assert "b.py" not in result.stderr, "only broken files are reported"
        run_directly = subprocess.run([sys.executable, str(hook)], cwd=repo, env=GIT_ENV, capture_output=True, text=True, timeout=60)
        assert run_directly.returncode == 1, "exit status 1 when a staged file is broken"
        assert "a.py:1:" in run_directly.stderr and run_directly.stdout == "", "messages go to stderr (git shows a hook's stdout too, other tools do not)"
        Path(repo, "a.py").write_text("a = 1\n")
        Path(repo, "c.py").write_text("c = 1\n")
        Path(repo, "café.py").write_text("x = (\n", encoding="utf-8")
        git(repo, "add", "-A")
        result = git_run(repo, "commit", "-q", "-m", "Broken unicode file")
        assert result.returncode != 0 and "café.py:" in result.stderr, f"a broken file with a unicode name is reported by its name: {result.stderr!r}"
        ### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "reads-working-tree", "fails": ["t3", "t4"]}
HOOK_SOURCE = (
    "import subprocess, sys\n"
    "out = subprocess.run(['git', 'diff', '--cached', '--name-only', '--diff-filter=ACM'], capture_output=True, text=True).stdout\n"
    "failed = False\n"
    "for path in out.splitlines():\n"
    "    if path.endswith('.py'):\n"
    "        try:\n"
    "            compile(open(path).read(), path, 'exec')\n"
    "        except SyntaxError as err:\n"
    "            print(f'{path}:{err.lineno}: {err.msg}', file=sys.stderr)\n"
    "            failed = True\n"
    "sys.exit(1 if failed else 0)\n"
)

# %% course={"kind": "wrong", "id": "newline-list", "fails": ["t4"]}
HOOK_SOURCE = (
    "import subprocess, sys\n"
    "out = subprocess.run(['git', 'diff', '--cached', '--name-only', '--diff-filter=ACM'], capture_output=True, text=True).stdout\n"
    "failed = False\n"
    "for path in out.splitlines():\n"
    "    if path.endswith('.py'):\n"
    "        staged = subprocess.run(['git', 'show', ':' + path], capture_output=True, text=True, check=True).stdout\n"
    "        try:\n"
    "            compile(staged, path, 'exec')\n"
    "        except SyntaxError as err:\n"
    "            print(f'{path}:{err.lineno}: {err.msg}', file=sys.stderr)\n"
    "            failed = True\n"
    "sys.exit(1 if failed else 0)\n"
)

# %% course={"kind": "wrong", "id": "stops-at-first", "fails": ["t4"]}
HOOK_SOURCE = (
    "import subprocess, sys\n"
    "out = subprocess.run(['git', 'diff', '--cached', '--name-only', '--diff-filter=ACM', '-z'], capture_output=True, text=True).stdout\n"
    "for path in out.split('\\0'):\n"
    "    if path.endswith('.py'):\n"
    "        staged = subprocess.run(['git', 'show', ':' + path], capture_output=True, text=True).stdout\n"
    "        try:\n"
    "            compile(staged, path, 'exec')\n"
    "        except SyntaxError as err:\n"
    "            sys.exit(f'{path}:{err.lineno}: {err.msg}')\n"
)

# %% course={"kind": "wrong", "id": "prints-to-stdout", "fails": ["t4"]}
HOOK_SOURCE = (
    "import subprocess, sys\n"
    "out = subprocess.run(['git', 'diff', '--cached', '--name-only', '--diff-filter=ACM', '-z'], capture_output=True, text=True).stdout\n"
    "failed = False\n"
    "for path in out.split('\\0'):\n"
    "    if path.endswith('.py'):\n"
    "        staged = subprocess.run(['git', 'show', ':' + path], capture_output=True, text=True).stdout\n"
    "        try:\n"
    "            compile(staged, path, 'exec')\n"
    "        except SyntaxError as err:\n"
    "            print(f'{path}:{err.lineno}: {err.msg}')\n"
    "            failed = True\n"
    "sys.exit(1 if failed else 0)\n"
)

# %% course={"kind": "wrong", "id": "never-fails", "fails": ["t3", "t4"]}
HOOK_SOURCE = (
    "import subprocess, sys\n"
    "out = subprocess.run(['git', 'diff', '--cached', '--name-only', '--diff-filter=ACM'], capture_output=True, text=True).stdout\n"
    "for path in out.splitlines():\n"
    "    if path.endswith('.py'):\n"
    "        staged = subprocess.run(['git', 'show', ':' + path], capture_output=True, text=True).stdout\n"
    "        try:\n"
    "            compile(staged, path, 'exec')\n"
    "        except SyntaxError as err:\n"
    "            print(f'{path}:{err.lineno}: {err.msg}', file=sys.stderr)\n"
)

# %% [markdown] course={"kind": "exercise", "id": "rebase-feature", "item": "x-practice-rebasing-a-feature-branch-onto"}
# ### Rebase a feature branch onto main
#
# Write `rebase_onto_main(repo, branch)` that replays `branch` onto the current tip of `main`
# and returns the ids of the branch's commits after the rebase as a list of strings, oldest
# first (those in `main..branch`; an empty list when the branch has none of its own). Leave
# `branch` checked out.
#
# If the rebase stops on a conflict, do not leave the repository half-way: run
# `git rebase --abort` (everything goes back to how it was) and raise `RuntimeError` with a
# message that names the branch. Use
# `git_run()` for the rebase itself, so you can look at its exit code instead of getting an
# exception.
#
# ```python
# rebase_onto_main(repo, "feature")   # ['9be1...', '41c7...']: new ids, same changes, on top of main
# ```

# %% [markdown] course={"kind": "hint"}
# `git switch feature`, then `git rebase main`. `git rev-list --reverse main..feature` lists the
# branch's own commits, oldest first.

# %% [markdown] course={"kind": "hint"}
# `result = git_run(repo, "rebase", "main")`; if `result.returncode != 0`, run
# `git(repo, "rebase", "--abort")` and then `raise RuntimeError(...)`. Merging `main` into the
# branch is not a rebase: it adds a merge commit.

# %% course={"kind": "solution"}
def rebase_onto_main(repo, branch: str) -> list[str]:
    """Replay ``branch`` onto main; return its commits (oldest first), or abort on conflict."""
    ### BEGIN SOLUTION
    git(repo, "switch", "-q", branch)
    result = git_run(repo, "rebase", "main")
    if result.returncode != 0:
        git(repo, "rebase", "--abort")
        raise RuntimeError(f"rebasing {branch} onto main stopped on a conflict; rebase aborted")
    return git(repo, "rev-list", "--reverse", f"main..{branch}").split()
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import tempfile
from pathlib import Path

if not HAVE_GIT:
    without_git(lambda: rebase_onto_main(Path(tempfile.mkdtemp()), "feature"))
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "svc"))
        commit_file(repo, "app.py", "v1\n", "Initial commit")
        git(repo, "switch", "-q", "-c", "feature")
        old = [commit_file(repo, "search.py", "s1\n", "Add search"), commit_file(repo, "search.py", "s2\n", "Tune search")]
        git(repo, "switch", "-q", "main")
        commit_file(repo, "app.py", "v2\n", "Main moves on")
        main_tip = commit_file(repo, "deploy.yaml", "replicas: 2\n", "Add deploy config")
        new = rebase_onto_main(repo, "feature")
        assert git(repo, "branch", "--show-current") == "feature", "leave the feature branch checked out"
        assert type(new) is list and len(new) == 2 and new[-1] == git(repo, "rev-parse", "feature"), f"return a list of the branch's 2 commits, newest last; got {new!r}"
        assert git(repo, "rev-parse", f"{new[0]}~1") == main_tip, "the branch must now start at main's tip"
        assert [git(repo, "log", "-1", "--format=%s", c) for c in new] == ["Add search", "Tune search"], "same commits, same order"
        assert set(new).isdisjoint(old), "rebased commits are new commits with new ids"
        assert git(repo, "rev-list", "--merges", "main..feature") == "", "a rebase creates no merge commit"
        ### BEGIN HIDDEN TESTS
        git(repo, "switch", "-q", "-c", "empty-branch", "main")
        git(repo, "switch", "-q", "main")
        commit_file(repo, "later.txt", "x\n", "Main moves again")
        assert rebase_onto_main(repo, "empty-branch") == [], "a branch with no commits of its own gives []"
        assert git(repo, "rev-parse", "empty-branch") == git(repo, "rev-parse", "main"), "...and now sits at main's tip"
        ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

if not HAVE_GIT:
    without_git(lambda: rebase_onto_main(Path(tempfile.mkdtemp()), "feature"))
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "svc"))
        commit_file(repo, "config.yaml", "replicas: 2\n", "Initial commit")
        git(repo, "switch", "-q", "-c", "feature")
        before = commit_file(repo, "config.yaml", "replicas: 3\n", "Scale to 3")
        git(repo, "switch", "-q", "main")
        commit_file(repo, "config.yaml", "replicas: 5\n", "Scale to 5")
        try:
            rebase_onto_main(repo, "feature")
        except RuntimeError as err:
            assert "feature" in str(err), f"the error message should name the branch, got {str(err)!r}"
        else:
            raise AssertionError("a conflicting rebase must raise RuntimeError")
        assert not Path(repo, ".git", "rebase-merge").exists() and not Path(repo, ".git", "rebase-apply").exists(), (
            "abort the rebase: the repository must not be left in the middle of one")
        assert git(repo, "rev-parse", "feature") == before, "after the abort, the branch is as it was"
        assert git(repo, "status", "--porcelain") == "", "and the working tree is clean"

# %% course={"kind": "wrong", "id": "merges-main", "fails": ["t1"]}
def rebase_onto_main(repo, branch):
    git(repo, "switch", "-q", branch)
    result = git_run(repo, "merge", "--no-edit", "main")
    if result.returncode != 0:
        git(repo, "merge", "--abort")
        raise RuntimeError(f"conflict while updating {branch}")
    return git(repo, "rev-list", "--reverse", f"main..{branch}").split()

# %% course={"kind": "wrong", "id": "newest-first", "fails": ["t1"]}
def rebase_onto_main(repo, branch):
    git(repo, "switch", "-q", branch)
    result = git_run(repo, "rebase", "main")
    if result.returncode != 0:
        git(repo, "rebase", "--abort")
        raise RuntimeError(f"conflict while rebasing {branch}")
    return git(repo, "rev-list", f"main..{branch}").split()  # git log order: newest first

# %% course={"kind": "wrong", "id": "no-abort", "fails": ["t2"]}
def rebase_onto_main(repo, branch):
    git(repo, "switch", "-q", branch)
    result = git_run(repo, "rebase", "main")
    if result.returncode != 0:
        raise RuntimeError(f"conflict while rebasing {branch}")
    return git(repo, "rev-list", "--reverse", f"main..{branch}").split()

# %% [markdown] course={"kind": "exercise", "id": "gitignore-matcher", "item": "x-create-a-gitignore-file-for-a-python"}
# ### How git reads a `.gitignore`
#
# Write `is_ignored(path, patterns)` that decides, like git, whether the file at `path` (relative
# to the repository root, with `/` between parts, e.g. `"src/pkg/mod.pyc"`) is ignored by the
# list of `.gitignore` lines `patterns`. Support the rules from the lesson:
#
# - blank lines and lines starting with `#` do nothing; trailing spaces are dropped;
# - a pattern ending in `/` matches only directories (the folders `path` lives in);
# - a pattern with no other `/` matches a name at any depth;
# - a pattern with a `/` at the start or in the middle is anchored at the root; a leading `/` is
#   dropped, `*` and `?` never match `/`, and a `**` part matches any number of folders (even
#   none), except at the very end: `abc/**` matches everything *inside* `abc`, not `abc` itself;
# - matching is case-sensitive (as git on Linux);
# - `!pattern` un-ignores; the **last** matching line wins;
# - a file inside an ignored directory stays ignored, whatever comes later.
#
# ```python
# rules = ["*.pyc", "build/", "/todo.txt", "*.log", "!keep.log"]
# is_ignored("pkg/mod.pyc", rules)     # True
# is_ignored("docs/todo.txt", rules)   # False: /todo.txt is anchored
# is_ignored("keep.log", rules)        # False: un-ignored by the last line
# ```

# %% [markdown] course={"kind": "hint"}
# Turn each line into `(negated, dir_only, anchored, parts)`. Then decide for one *entry* at a
# time: each parent folder (`"src"`, `"src/pkg"`) as a directory, and finally the file itself.
# If a folder is ignored, the file is too.

# %% [markdown] course={"kind": "hint"}
# An unanchored pattern only looks at the entry's last name: `fnmatch.fnmatchcase(name, pattern)`.
# An anchored one compares part by part: `fnmatchcase` per part never crosses a `/`. Write a small
# recursive `match(pattern_parts, path_parts)` where a `**` part tries to swallow 0, 1, 2... path parts.

# %% course={"kind": "solution", "equivalent": {"m-642604df": "after a ** that is not last, the rest of the pattern needs at least one part, so the empty tail parts[len(parts):] never matches; the other tails are all tried", "m-625a4b74": "after a ** that is not last, the rest of the pattern needs at least one part, so the empty tail parts[len(parts):] never matches; the other tails are all tried", "m-0c622208": "after a ** that is not last, the rest of the pattern needs at least one part, so the empty tail parts[len(parts):] never matches; the other tails are all tried"}}
from fnmatch import fnmatchcase


def is_ignored(path: str, patterns: list[str]) -> bool:
    """Whether git would ignore the file ``path`` given the ``.gitignore`` lines ``patterns``."""
    ### BEGIN SOLUTION
    rules = []
    for raw in patterns:
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        line = line[1:] if negated else line
        dir_only = line.endswith("/")
        line = line.rstrip("/")
        anchored = "/" in line
        rules.append((negated, dir_only, anchored, line.lstrip("/").split("/")))

    def match(pattern: list[str], parts: list[str]) -> bool:
        if not pattern:
            return not parts
        if pattern == ["**"]:  # a trailing ** matches what is inside, at least one more part
            return bool(parts)
        if pattern[0] == "**":
            return any(match(pattern[1:], parts[i:]) for i in range(len(parts) + 1))
        return bool(parts) and fnmatchcase(parts[0], pattern[0]) and match(pattern[1:], parts[1:])

    def ignored(parts: list[str], is_dir: bool) -> bool:
        verdict = False
        for negated, dir_only, anchored, pattern in rules:
            if dir_only and not is_dir:
                continue
            hit = match(pattern, parts) if anchored else fnmatchcase(parts[-1], pattern[0])
            if hit:
                verdict = not negated
        return verdict

    parts = path.split("/")
    if any(ignored(parts[:i], True) for i in range(1, len(parts))):
        return True
    return ignored(parts, False)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
rules = ["# Python", "*.pyc", "", "*.log   "]
assert is_ignored("app.pyc", rules) is True, "*.pyc matches at the top"
assert is_ignored("src/pkg/mod.pyc", rules) is True, "a pattern without / matches at any depth"
assert is_ignored("app.py", rules) is False, "app.py does not match *.pyc"
assert is_ignored("debug.log", rules) is True, "trailing spaces are dropped from patterns"
assert is_ignored("Python", rules) is False, "a # line is a comment, not a pattern"

# %% course={"kind": "test", "points": 1}
rules = ["build/", "__pycache__/"]
assert is_ignored("build/lib/app.py", rules), "build/ ignores everything in the build folder"
assert is_ignored("src/build/out.o", rules), "...at any depth"
assert is_ignored("pkg/__pycache__/mod.cpython-311.pyc", rules)
assert not is_ignored("build", rules), "build/ matches only directories, not a file called build"
assert not is_ignored("rebuild/x.py", rules), "the whole name must match"

# %% course={"kind": "test", "points": 2}
rules = ["/todo.txt", "docs/*.md", "/dist/"]
assert is_ignored("todo.txt", rules), "/todo.txt matches at the root"
assert not is_ignored("notes/todo.txt", rules), "...and only there"
assert is_ignored("docs/guide.md", rules), "docs/*.md is anchored at the root"
assert not is_ignored("docs/api/guide.md", rules), "* does not cross /"
assert not is_ignored("site/docs/guide.md", rules), "a slash in the middle anchors the pattern"
assert is_ignored("dist/pkg-1.0.tar.gz", rules) and not is_ignored("src/dist/x", rules)
### BEGIN HIDDEN TESTS
assert is_ignored("a/b/cache/x.bin", ["**/cache/"]) and is_ignored("cache/x.bin", ["**/cache/"]), "** spans folders"
assert is_ignored("a/b.txt", ["a/**/b.txt"]) and is_ignored("a/x/y/b.txt", ["a/**/b.txt"]), "** may match no folder"
assert is_ignored("file1.txt", ["file?.txt"]) and not is_ignored("file10.txt", ["file?.txt"]), "? is one character"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert not is_ignored("keep.log", ["*.log", "!keep.log"]), "! un-ignores"
assert not is_ignored("logs/2024/keep.log", ["*.log", "!keep.log"]), "...at any depth too"
assert is_ignored("other.log", ["*.log", "!keep.log"])
assert is_ignored("keep.log", ["!keep.log", "*.log"]), "the LAST matching line wins"
assert is_ignored("logs/keep.log", ["logs/", "!logs/keep.log"]), "nothing inside an ignored directory can be un-ignored"
### BEGIN HIDDEN TESTS
assert not is_ignored("logs/keep.log", ["logs/*", "!logs/keep.log"]), "logs/* ignores the files, not the folder"
assert not is_ignored(".env.example", [".env*", "!.env.example"])
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
# every answer below is what git 2.39 itself says (git check-ignore)
assert is_ignored("abc/x.txt", ["abc/**"]) is True, "abc/** ignores what is inside abc"
assert is_ignored("abc/keep.txt", ["abc/**", "!abc/keep.txt"]) is False, "abc/** does not ignore the folder itself, so ! works inside it"
assert is_ignored("abc/keep.txt", ["abc/", "!abc/keep.txt"]) is True, "abc/ ignores the folder: ! cannot reach inside"
assert is_ignored("debug.LOG", ["*.log"]) is False and is_ignored("debug.log", ["*.LOG"]) is False, "matching is case-sensitive"
### BEGIN HIDDEN TESTS
assert is_ignored("d/x.py", ["**", "!*.py"]) is True and is_ignored("x.py", ["**", "!*.py"]) is False, "** ignores folder d itself"
assert is_ignored("a/x/c.txt", ["a/**/b.txt"]) is False and is_ignored("src/x.py", ["**/cache/"]) is False, "** is not a wildcard for the rest"
assert is_ignored("#notes.txt", ["#*"]) is False, "a # line is a comment even when it looks like a pattern"
assert is_ignored("debug.log", ["build/", "*.log"]) is True, "a directory rule does not stop later rules for files"
assert is_ignored("doc/keep/a.txt", ["doc/*", "!doc/keep/"]) is False and is_ignored("doc/x.txt", ["doc/*", "!doc/keep/"]) is True
assert is_ignored("a/b/c/d.txt", ["a/**/d.txt"]) and not is_ignored("x/a/b/d.txt", ["a/**/d.txt"])
assert is_ignored("logs/a.log", ["logs/**/*.log"]) and is_ignored("logs/x/y/a.log", ["logs/**/*.log"])
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "trailing-stars-match-folder", "fails": ["t5"]}
from fnmatch import fnmatchcase


def is_ignored(path, patterns):
    rules = []
    for raw in patterns:
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        line = line[1:] if negated else line
        dir_only = line.endswith("/")
        line = line.rstrip("/")
        anchored = "/" in line
        rules.append((negated, dir_only, anchored, line.lstrip("/").split("/")))

    def match(pattern: list[str], parts: list[str]) -> bool:
        if not pattern:
            return not parts
        if pattern[0] == "**":
            return any(match(pattern[1:], parts[i:]) for i in range(len(parts) + 1))
        return bool(parts) and fnmatchcase(parts[0], pattern[0]) and match(pattern[1:], parts[1:])

    def ignored(parts: list[str], is_dir: bool) -> bool:
        verdict = False
        for negated, dir_only, anchored, pattern in rules:
            if dir_only and not is_dir:
                continue
            hit = match(pattern, parts) if anchored else fnmatchcase(parts[-1], pattern[0])
            if hit:
                verdict = not negated
        return verdict

    parts = path.strip("/").split("/")
    if any(ignored(parts[:i], True) for i in range(1, len(parts))):
        return True
    return ignored(parts, False)

# %% course={"kind": "wrong", "id": "basename-only", "fails": ["t3", "t5"]}
from fnmatch import fnmatchcase


def is_ignored(path, patterns):
    verdict = False
    parts = path.split("/")
    for raw in patterns:
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        pattern = line.lstrip("!").strip("/")
        if any(fnmatchcase(part, pattern) for part in (parts[:-1] if line.endswith("/") else parts[-1:])):
            verdict = not negated
    return verdict

# %% course={"kind": "wrong", "id": "first-match-wins", "fails": ["t3", "t4", "t5"]}
from fnmatch import fnmatchcase


def is_ignored(path, patterns):
    parts = path.split("/")
    for raw in patterns:
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        line = line.lstrip("!")
        dir_only = line.endswith("/")
        pattern = line.strip("/").split("/")
        candidates = range(1, len(parts)) if dir_only else range(1, len(parts) + 1)
        for i in candidates:
            entry = parts[:i]
            if len(pattern) > 1 or line.startswith("/"):
                hit = len(entry) == len(pattern) and all(fnmatchcase(a, b) for a, b in zip(entry, pattern))
            else:
                hit = fnmatchcase(entry[-1], pattern[0])
            if hit:
                return not negated
    return False

# %% course={"kind": "wrong", "id": "fnmatch-whole-path", "fails": ["t2", "t3", "t4", "t5"]}
from fnmatch import fnmatch


def is_ignored(path, patterns):
    verdict = False
    for raw in patterns:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        if fnmatch(path, line.lstrip("!/")):
            verdict = not negated
    return verdict

# %% [markdown] course={"kind": "exercise", "id": "python-gitignore", "item": "x-create-a-gitignore-file-for-a-python"}
# ### A `.gitignore` for a Python project
#
# Set `PYTHON_GITIGNORE` to the text of a `.gitignore` (one pattern per line) for a Python
# service. The tests put it in a temporary repository and ask real git (`git check-ignore`).
#
# It must ignore, at any depth: bytecode (`__pycache__` folders and `.pyc` files), virtual
# environments in `venv/` and `.venv/` folders, secrets files called `.env`, packaging output
# (`build/`, `dist/`, `*.egg-info/` folders), and tool caches (`.pytest_cache/`, `.mypy_cache/`,
# `.ipynb_checkpoints/`). It must **not** ignore: source code and tests, `requirements.txt`,
# `pyproject.toml`, the `.gitignore` itself, `.env.example` (the template that *should* be
# shared), and *files* that merely share a name with those folders (a script called `build`).
#
# ```
# # Byte-compiled files
# __pycache__/
# ...
# ```

# %% [markdown] course={"kind": "hint"}
# A trailing `/` marks a folder pattern; without a leading `/` a pattern matches at any depth.

# %% [markdown] course={"kind": "hint"}
# `.env*` would also catch `.env.example`. Either list `.env` exactly, or add `!.env.example`
# after the wildcard.

# %% course={"kind": "solution"}
### BEGIN SOLUTION
PYTHON_GITIGNORE = "\n".join([
    "# Byte-compiled files",
    "__pycache__/",
    "*.py[cod]",
    "",
    "# Virtual environments",
    "venv/",
    ".venv/",
    "",
    "# Secrets: keep the template, never the real file",
    ".env",
    "",
    "# Packaging",
    "build/",
    "dist/",
    "*.egg-info/",
    "",
    "# Tool caches",
    ".pytest_cache/",
    ".mypy_cache/",
    ".ipynb_checkpoints/",
    "",
])
### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert isinstance(PYTHON_GITIGNORE, str) and PYTHON_GITIGNORE.strip(), "PYTHON_GITIGNORE must be the file's text"
patterns = [line.strip() for line in PYTHON_GITIGNORE.splitlines() if line.strip() and not line.startswith("#")]
assert len(patterns) >= 8, f"a Python .gitignore needs more than {len(patterns)} patterns"

# %% course={"kind": "test", "points": 2}
import tempfile
from pathlib import Path

must_ignore = ["src/app/__pycache__/main.cpython-311.pyc", "legacy.pyc", "venv/bin/python", ".venv/lib/site.py",
               ".env", "services/api/.env", "build/lib/app.py", "dist/app-1.0.tar.gz", "src/app.egg-info/PKG-INFO",
               ".pytest_cache/v/cache", ".mypy_cache/3.11/app.json", "notebooks/.ipynb_checkpoints/eda.ipynb",
               "tools/cli/.venv/bin/python", "pkg/sub/mod.pyc"]
assert isinstance(PYTHON_GITIGNORE, str), "PYTHON_GITIGNORE must be a string"
if not HAVE_GIT:
    print("git is not installed here: this test is skipped")
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "svc"))
        Path(repo, ".gitignore").write_text(PYTHON_GITIGNORE)
        ignored = git_run(repo, "check-ignore", *must_ignore).stdout.splitlines()
        missing = [path for path in must_ignore if path not in ignored]
        assert not missing, f"these should be ignored but are not: {missing}"

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

must_keep = ["src/app/main.py", "tests/test_main.py", "requirements.txt", "pyproject.toml", ".gitignore",
             ".env.example", "README.md", "src/app/build_info.py", "scripts/build", "docs/dist", "services/api/.env.example"]
assert isinstance(PYTHON_GITIGNORE, str), "PYTHON_GITIGNORE must be a string"
if not HAVE_GIT:
    print("git is not installed here: this test is skipped")
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "svc"))
        Path(repo, ".gitignore").write_text(PYTHON_GITIGNORE)
        wrongly = git_run(repo, "check-ignore", *must_keep).stdout.splitlines()
        assert not wrongly, f"these must stay in the repository but are ignored: {wrongly}"

# %% course={"kind": "wrong", "id": "env-wildcard", "fails": ["t3"]}
PYTHON_GITIGNORE = "__pycache__/\n*.pyc\nvenv/\n.venv/\n.env*\nbuild/\ndist/\n*.egg-info/\n.pytest_cache/\n.mypy_cache/\n.ipynb_checkpoints/\n"

# %% course={"kind": "wrong", "id": "folders-without-slash", "fails": ["t3"]}
PYTHON_GITIGNORE = "__pycache__\n*.pyc\nvenv\n.venv\n.env\nbuild\ndist\n*.egg-info\n.pytest_cache\n.mypy_cache\n.ipynb_checkpoints\n"

# %% course={"kind": "wrong", "id": "env-only-at-top", "fails": ["t2"]}
PYTHON_GITIGNORE = "__pycache__/\n*.pyc\nvenv/\n.venv/\n/.env\nbuild/\ndist/\n*.egg-info/\n.pytest_cache/\n.mypy_cache/\n.ipynb_checkpoints/\n"

# %% course={"kind": "wrong", "id": "forgets-dot-venv", "fails": ["t2"]}
PYTHON_GITIGNORE = "__pycache__/\n*.pyc\nvenv/\n.env\nbuild/\ndist/\n*.egg-info/\n.pytest_cache/\n.mypy_cache/\n.ipynb_checkpoints/\n"

# %% [markdown] course={"kind": "exercise", "id": "commit-message", "item": "project-0-2-2"}
# ### Hook suite, part 1: a Conventional Commits checker
#
# A `commit-msg` hook gets the message and can refuse it. Write
# `commit_message_problems(message)` that returns the list of problems with a message, as short
# codes in this order (an empty list means the message is fine):
#
# | code | problem |
# |---|---|
# | `"format"` | the first line is not `type: description` or `type(scope): description`, optionally with `!` before the colon (`feat!: ...`), with exactly one space after the colon and a non-empty description |
# | `"type"` | the format is right but the type is not one of `feat fix docs style refactor perf test build ci chore revert` (lower case) |
# | `"period"` | the description ends with `.` |
# | `"length"` | the first line is longer than 72 characters |
# | `"blank-line"` | there is a body, but the second line is not empty (a line of only spaces counts as empty) |
#
# Lines starting with `#` are comments that git strips before committing: ignore them, and a
# trailing newline. (`"type"` and `"period"` are only checked when the format is right.)
#
# ```python
# commit_message_problems("feat(api): add batch predictions")   # []
# commit_message_problems("Fixed stuff.")                        # ['format']
# commit_message_problems("feat: add export.\nMore details")     # ['period', 'blank-line']
# ```

# %% [markdown] course={"kind": "hint"}
# One regular expression parses the header:
# `re.fullmatch(r"(\w+)(\([^()]+\))?(!)?: (\S.*)", header)`.

# %% [markdown] course={"kind": "hint"}
# Drop comment lines first: `lines = [l for l in message.splitlines() if not l.startswith("#")]`.
# The header is `lines[0]` (or `""` if there are none); a body exists when `len(lines) > 1`.

# %% course={"kind": "solution"}
import re

COMMIT_TYPES = {"feat", "fix", "docs", "style", "refactor", "perf", "test", "build", "ci", "chore", "revert"}


def commit_message_problems(message: str) -> list[str]:
    """Problem codes for a commit message under a Conventional Commits policy."""
    ### BEGIN SOLUTION
    lines = [line for line in message.splitlines() if not line.startswith("#")]
    header = lines[0] if lines else ""
    problems = []
    parsed = re.fullmatch(r"(\w+)(\([^()]+\))?(!)?: (\S.*)", header)
    if not parsed:
        problems.append("format")
    else:
        if parsed.group(1) not in COMMIT_TYPES:
            problems.append("type")
        if parsed.group(4).endswith("."):
            problems.append("period")
    if len(header) > 72:
        problems.append("length")
    if len(lines) > 1 and lines[1].strip():
        problems.append("blank-line")
    return problems
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert commit_message_problems("feat(api): add batch predictions") == [], "a good header has no problems"
assert commit_message_problems("fix: handle empty input\n") == [], "a trailing newline is fine"
assert commit_message_problems("feat!: drop Python 3.8 support") == [], "! marks a breaking change"
assert commit_message_problems("chore(deps-dev): bump ruff\n\nRoutine update.\n") == [], "body after a blank line"
assert commit_message_problems("docs: explain retries\n\n" + "A long body line is fine. " * 5) == [], "only the first line has a length limit"

# %% course={"kind": "test", "points": 2}
assert commit_message_problems("Fixed stuff.") == ["format"], f"got {commit_message_problems('Fixed stuff.')}"
assert commit_message_problems("fix:no space") == ["format"], "exactly one space after the colon"
assert commit_message_problems("fix: ") == ["format"], "the description may not be empty"
assert commit_message_problems("feature: add export") == ["type"], "feature is not an allowed type"
assert commit_message_problems("feat: add export.") == ["period"], "no period at the end"
assert commit_message_problems("") == ["format"], "an empty message has no valid header"

# %% course={"kind": "test", "points": 1}
long_header = "feat: " + "x" * 67
assert commit_message_problems(long_header) == ["length"], f"{len(long_header)} characters is too long"
assert commit_message_problems("feat: " + "x" * 66) == [], "72 characters is allowed"
assert commit_message_problems("feat: add export.\nMore details") == ["period", "blank-line"], "several problems, in table order"
### BEGIN HIDDEN TESTS
assert commit_message_problems("Update " + "y" * 80 + "\nbody") == ["format", "length", "blank-line"]
assert commit_message_problems("Feat: add x") == ["type"], "types are lower case"
assert commit_message_problems("fix:  two spaces") == ["format"], "exactly one space"
assert commit_message_problems("feat(): empty scope") == ["format"], "a scope in parentheses is not empty"
assert commit_message_problems("feat: x\n   \nbody") == [], "a second line of spaces counts as empty"
assert commit_message_problems("feat: x\n") == [] and commit_message_problems("feat: x\n\n") == [], "no body, only newlines"
assert commit_message_problems("revert: undo x") == [] and commit_message_problems("ci(gh)!: y") == []
assert commit_message_problems("fix: y.\nz") == ["period", "blank-line"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
git_template = "fix(auth): refresh tokens early\n# Please enter the commit message for your changes.\n# On branch main\n"
assert commit_message_problems(git_template) == [], "lines starting with # are comments git removes"
assert commit_message_problems("# only a comment\nfeat: add x") == [], "comments anywhere are ignored"
assert commit_message_problems("feat: add x\n#note\nbody here") == ["blank-line"], "the body's first line is checked after comments go"

# %% course={"kind": "wrong", "id": "counts-comments", "fails": ["t4"]}
import re


def commit_message_problems(message):
    lines = message.splitlines()
    header = lines[0] if lines else ""
    problems = []
    parsed = re.fullmatch(r"(\w+)(\([^()]+\))?(!)?: (\S.*)", header)
    if not parsed:
        problems.append("format")
    else:
        if parsed.group(1) not in {"feat", "fix", "docs", "style", "refactor", "perf", "test", "build", "ci", "chore", "revert"}:
            problems.append("type")
        if parsed.group(4).endswith("."):
            problems.append("period")
    if len(header) > 72:
        problems.append("length")
    if len(lines) > 1 and lines[1].strip():
        problems.append("blank-line")
    return problems

# %% course={"kind": "wrong", "id": "no-breaking-bang", "fails": ["t1", "t3"]}
import re


def commit_message_problems(message):
    lines = [line for line in message.splitlines() if not line.startswith("#")]
    header = lines[0] if lines else ""
    problems = []
    parsed = re.fullmatch(r"(\w+)(\([^()]+\))?: (\S.*)", header)
    if not parsed:
        problems.append("format")
    else:
        if parsed.group(1) not in {"feat", "fix", "docs", "style", "refactor", "perf", "test", "build", "ci", "chore", "revert"}:
            problems.append("type")
        if parsed.group(3).endswith("."):
            problems.append("period")
    if len(header) > 72:
        problems.append("length")
    if len(lines) > 1 and lines[1].strip():
        problems.append("blank-line")
    return problems

# %% course={"kind": "wrong", "id": "length-of-whole-message", "fails": ["t1", "t4"]}
import re


def commit_message_problems(message):
    lines = [line for line in message.splitlines() if not line.startswith("#")]
    header = lines[0] if lines else ""
    problems = []
    parsed = re.fullmatch(r"(\w+)(\([^()]+\))?(!)?: (\S.*)", header)
    if not parsed:
        problems.append("format")
    else:
        if parsed.group(1) not in {"feat", "fix", "docs", "style", "refactor", "perf", "test", "build", "ci", "chore", "revert"}:
            problems.append("type")
        if parsed.group(4).endswith("."):
            problems.append("period")
    if len(message) > 72:
        problems.append("length")
    if len(lines) > 1 and lines[1].strip():
        problems.append("blank-line")
    return problems

# %% [markdown] course={"kind": "exercise", "id": "todo-in-diff", "item": "project-0-2-2"}
# ### Hook suite, part 2: no new TODO or FIXME
#
# A pre-commit hook should only complain about what the commit **adds**, not about old TODOs
# elsewhere in the file. It reads the staged changes as a unified diff
# (`git diff --cached`). Write `new_todos(diff)` that returns `(path, line_number, tag)` for every
# `TODO` or `FIXME` (upper case, as a whole word) on an **added** line, where `line_number` is
# the line's number in the **new** version of the file. Several tags on one line give several
# entries, in order.
#
# ```
# diff --git a/app.py b/app.py
# --- a/app.py
# +++ b/app.py
# @@ -10,3 +10,4 @@ def main():          <- the new-file part starts at line 10
#      load()                          <- context line: line 10
# -    # TODO: old note                <- removed: not reported, no new line number
# +    run()  # FIXME: retry           <- added: line 11 -> ('app.py', 11, 'FIXME')
#      save()                          <- context: line 12
# ```
#
# The file name comes from the `+++ b/<path>` line (a deleted file shows `+++ /dev/null`; git
# adds a tab at the end of the line when the name contains a space). Header lines
# (`diff --git`, `index ...`, `---`, `+++`) only come *between* hunks: the counts in
# `@@ -a,b +c,d @@` say how many old (`b`) and new (`d`) lines the hunk holds (a missing count
# means 1), so inside a hunk an added line that itself starts with `++ ` shows as `+++ ...` and
# is still an added line. A `\ No newline at end of file` line is no line of the file.

# %% [markdown] course={"kind": "hint"}
# Keep a `current_path` and a `line_number`. A hunk header `@@ -a,b +c,d @@` sets the next new
# line number to `c`: `re.match(r"@@ -\S+ \+(\d+)(?:,(\d+))? @@", line)` gives `c` and `d`. A
# context line (starting with a space) and an added line both advance it; a removed line does not.

# %% [markdown] course={"kind": "hint"}
# `re.findall(r"\b(TODO|FIXME)\b", text)` finds whole-word tags and ignores `todo` and `TODOS`.
# Count down what is left of the hunk's new side: `new_left = d`; a context line and an added
# line each take one. While `new_left` is above zero you are inside the hunk, and a line starting
# with `+++ ` is content, not a header. (Removed lines after the last new line change nothing.)

# %% course={"kind": "solution", "equivalent": {"m-d8c1b03a": "a git diff always names the file (+++ line) before its first hunk, so path is set before it is read"}}
import re


def new_todos(diff: str) -> list[tuple[str, int, str]]:
    """(path, new line number, tag) for each TODO/FIXME on an added line of a unified diff."""
    ### BEGIN SOLUTION
    found = []
    path = None
    number = new_left = 0
    for line in diff.splitlines():
        if new_left > 0:  # inside a hunk until its new-side lines are used up; then only - lines can follow
            if line.startswith("+"):
                found += [(path, number, tag) for tag in re.findall(r"\b(TODO|FIXME)\b", line)]
            if line.startswith(("+", " ")) or line == "":  # added or context (an empty context line may lose its space)
                number += 1
                new_left -= 1
        elif line.startswith("+++ "):
            target = line[4:].rstrip("\t")
            path = target[2:] if target.startswith("b/") else None
        elif line.startswith("@@ "):
            start, count = re.match(r"@@ -\S+ \+(\d+)(?:,(\d+))? @@", line).groups()
            number = int(start)
            new_left = 1 if count is None else int(count)
    return found
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
diff = "\n".join([
    "diff --git a/app.py b/app.py",
    "--- a/app.py",
    "+++ b/app.py",
    "@@ -1,2 +1,3 @@",
    " import os",
    "+# TODO: read the port from the environment",
    " PORT = 8000",
])
assert new_todos(diff) == [("app.py", 2, "TODO")], f"got {new_todos(diff)}"

# %% course={"kind": "test", "points": 2}
diff = "\n".join([
    "diff --git a/svc/app.py b/svc/app.py",
    "--- a/svc/app.py",
    "+++ b/svc/app.py",
    "@@ -10,3 +10,4 @@ def main():",
    "     load()",
    "-    # TODO: old note",
    "+    run()  # FIXME: retry",
    "+    check()",
    "     save()",
    "@@ -40,2 +41,3 @@ def helper():",
    "     a = 1",
    "+    b = 2  # TODO one FIXME two",
    "     return a",
])
expected = [("svc/app.py", 11, "FIXME"), ("svc/app.py", 42, "TODO"), ("svc/app.py", 42, "FIXME")]
assert new_todos(diff) == expected, f"line numbers come from the new side of each hunk; got {new_todos(diff)}"

# %% course={"kind": "test", "points": 1}
diff = "\n".join([
    "diff --git a/notes.md b/notes.md",
    "--- a/notes.md",
    "+++ b/notes.md",
    "@@ -1,2 +1,2 @@",
    "-TODO: this line is removed",
    "+todo lowercase and TODOS do not count, nor does XFIXME",
    " FIXME in a context line is old news",
    "diff --git a/new.py b/new.py",
    "new file mode 100644",
    "--- /dev/null",
    "+++ b/new.py",
    "@@ -0,0 +1,2 @@",
    "+x = 1",
    "+# FIXME later",
    "diff --git a/top.txt b/top.txt",
    "--- a/top.txt",
    "+++ b/top.txt",
    "@@ -0,0 +1 @@",
    "+FIXME at the very start",
])
assert new_todos(diff) == [("new.py", 2, "FIXME"), ("top.txt", 1, "FIXME")], f"only added lines, whole words, upper case; got {new_todos(diff)}"

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

assert new_todos("") == [], "an empty diff has no TODOs"
if not HAVE_GIT:
    print("git is not installed here: the real-repository part of this test is skipped")
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "svc"))
        commit_file(repo, "app.py", "".join(f"line {i}\n" for i in range(1, 21)) + "# TODO: old\n", "Start")
        text = Path(repo, "app.py").read_text().replace("line 15\n", "line 15\n# FIXME: new bug\n")
        Path(repo, "app.py").write_text(text)
        git(repo, "add", "app.py")
        staged = git(repo, "diff", "--cached")
        assert new_todos(staged) == [("app.py", 16, "FIXME")], f"on a real staged diff: {new_todos(staged)}"
        ### BEGIN HIDDEN TESTS
        git(repo, "commit", "-q", "-m", "More")
        Path(repo, "my notes.md").write_text("# TODO: plan\n")
        Path(repo, "app.py").write_text("top\n" + Path(repo, "app.py").read_text().replace("line 3\n", "") + "# TODO: last, no newline")
        git(repo, "add", "-A")
        staged = git(repo, "diff", "--cached")
        assert new_todos(staged) == [("app.py", 23, "TODO"), ("my notes.md", 1, "TODO")], f"a name with a space; a last line without newline: {new_todos(staged)}"
        ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
diff = "\n".join([
    "diff --git a/counter.c b/counter.c",
    "--- a/counter.c",
    "+++ b/counter.c",
    "@@ -1,3 +1,4 @@",
    " int n = 0;",
    "--- n;",
    "+++ n;  // TODO: overflow?",
    "+n *= 2;  /* FIXME */",
    " return n;",
    "\\ No newline at end of file",
    "@@ -9 +10 @@",
    "-old();",
    "+new();  // TODO",
    "diff --git a/b.c b/b.c",
    "--- a/b.c",
    "+++ b/b.c",
    "@@ -1 +1 @@",
    "-x",
    "+y  // FIXME",
])
result = new_todos(diff)
assert result == [("counter.c", 2, "TODO"), ("counter.c", 3, "FIXME"), ("counter.c", 10, "TODO"), ("b.c", 1, "FIXME")], (
    f"inside a hunk, '+++ n;' is the added line '++ n;', not a header; '@@ -9 +10 @@' means one line each; got {result}")

# %% course={"kind": "wrong", "id": "plus-plus-is-header", "fails": ["t5"]}
import re


def new_todos(diff):
    found, path, number = [], None, 0
    for line in diff.splitlines():
        if line.startswith("+++ "):
            target = line[4:].strip()
            path = target[2:] if target.startswith("b/") else None
        elif line.startswith(("--- ", "diff --git")):
            continue
        elif line.startswith("@@"):
            number = int(re.match(r"@@ -\S+ \+(\d+)", line).group(1))
        elif line.startswith("+"):
            found += [(path, number, tag) for tag in re.findall(r"\b(TODO|FIXME)\b", line[1:])]
            number += 1
        elif line.startswith(" "):
            number += 1
    return found

# %% course={"kind": "wrong", "id": "counts-removed-lines", "fails": ["t2", "t4", "t5"]}
import re


def new_todos(diff):
    found, path, number = [], None, 0
    for line in diff.splitlines():
        if line.startswith("+++ "):
            path = line[6:]
        elif line.startswith(("--- ", "diff --git")):
            continue
        elif line.startswith("@@"):
            number = int(re.match(r"@@ -\S+ \+(\d+)", line).group(1))
        elif line.startswith(("+", "-", " ")):
            if line.startswith("+"):
                found += [(path, number, tag) for tag in re.findall(r"\b(TODO|FIXME)\b", line)]
            number += 1
    return found

# %% course={"kind": "wrong", "id": "any-line-with-tag", "fails": ["t2", "t3", "t4", "t5"]}
import re


def new_todos(diff):
    found, path, number = [], None, 0
    for line in diff.splitlines():
        if line.startswith("+++ "):
            path = line[6:]
        elif line.startswith(("--- ", "diff --git")):
            continue
        elif line.startswith("@@"):
            number = int(re.match(r"@@ -\S+ \+(\d+)", line).group(1))
        elif line.startswith(("+", " ", "-")):
            found += [(path, number, tag) for tag in re.findall(r"\b(TODO|FIXME)\b", line)]
            if not line.startswith("-"):
                number += 1
    return found

# %% [markdown] course={"kind": "exercise", "id": "merge-strategies", "item": "project-0-2-1"}
# ### Workflow simulator: merge a branch three ways
#
# Write `merge_into_main(repo, branch, strategy)` that merges `branch` into `main` (switch to
# `main` first) and returns the id of `main`'s new tip. `strategy` is:
#
# - `"fast-forward"`: only move `main` forward; if that is impossible, git's error
#   (`RuntimeError`) propagates;
# - `"merge"`: always create a merge commit with the message `Merge branch '<branch>'`, even
#   when a fast-forward would be possible;
# - `"squash"`: apply all of the branch's changes as **one** new commit on `main` with the
#   message `<branch> (squashed)`.
#
# Any other strategy raises `ValueError` before git is run.
#
# ```python
# merge_into_main(repo, "add-search", "squash")   # id of the new commit 'add-search (squashed)'
# ```

# %% [markdown] course={"kind": "hint"}
# `git merge --ff-only B`, `git merge --no-ff -m MESSAGE B`, and `git merge --squash B` followed
# by `git commit -m MESSAGE`.

# %% [markdown] course={"kind": "hint"}
# `git merge --squash` stages the changes but does **not** commit; without the commit, `main`
# has not moved. A plain `git merge` fast-forwards when it can, so it does not always make a
# merge commit.

# %% course={"kind": "solution"}
def merge_into_main(repo, branch: str, strategy: str) -> str:
    """Merge ``branch`` into main with the named strategy; return main's new tip."""
    ### BEGIN SOLUTION
    if strategy not in ("fast-forward", "merge", "squash"):
        raise ValueError(f"unknown strategy {strategy!r}")
    git(repo, "switch", "-q", "main")
    if strategy == "fast-forward":
        git(repo, "merge", "-q", "--ff-only", branch)
    elif strategy == "merge":
        git(repo, "merge", "-q", "--no-ff", "-m", f"Merge branch '{branch}'", branch)
    else:
        git(repo, "merge", "-q", "--squash", branch)
        git(repo, "commit", "-q", "-m", f"{branch} (squashed)")
    return git(repo, "rev-parse", "HEAD")
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

if not HAVE_GIT:
    without_git(lambda: merge_into_main(Path(tempfile.mkdtemp()), "feature", "fast-forward"))
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "svc"))
        commit_file(repo, "app.py", "v1\n", "Initial commit")
        git(repo, "switch", "-q", "-c", "feature")
        commit_file(repo, "a.py", "a\n", "Add a")
        tip = commit_file(repo, "b.py", "b\n", "Add b")
        new = merge_into_main(repo, "feature", "fast-forward")
        assert type(new) is str and new == tip == git(repo, "rev-parse", "main"), f"a fast-forward moves main to the branch's tip; return its id, got {new!r}"
        assert git(repo, "branch", "--show-current") == "main", "end on main"
        ### BEGIN HIDDEN TESTS
        git(repo, "switch", "-q", "-c", "late")
        commit_file(repo, "c.py", "c\n", "Add c")
        git(repo, "switch", "-q", "main")
        commit_file(repo, "d.py", "d\n", "Main moved")
        try:
            merge_into_main(repo, "late", "fast-forward")
        except RuntimeError:
            pass
        else:
            raise AssertionError("a fast-forward is impossible after main moved: git must fail")
        ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

if not HAVE_GIT:
    without_git(lambda: merge_into_main(Path(tempfile.mkdtemp()), "feature", "merge"))
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "svc"))
        base = commit_file(repo, "app.py", "v1\n", "Initial commit")
        git(repo, "switch", "-q", "-c", "feature")
        tip = commit_file(repo, "a.py", "a\n", "Add a")
        new = merge_into_main(repo, "feature", "merge")
        parents = git(repo, "rev-list", "--parents", "-n1", new).split()[1:]
        assert parents == [base, tip], "a merge commit has two parents: old main, then the branch tip"
        assert git(repo, "log", "-1", "--format=%s", new) == "Merge branch 'feature'", "use the message given"

# %% course={"kind": "test", "points": 2}
import tempfile
from pathlib import Path

if not HAVE_GIT:
    without_git(lambda: merge_into_main(Path(tempfile.mkdtemp()), "feature", "squash"))
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "svc"))
        base = commit_file(repo, "app.py", "v1\n", "Initial commit")
        git(repo, "switch", "-q", "-c", "add-search")
        commit_file(repo, "search.py", "s1\n", "WIP search")
        tip = commit_file(repo, "search.py", "s2\n", "Finish search")
        new = merge_into_main(repo, "add-search", "squash")
        assert new != base, "main must move: git merge --squash alone does not commit"
        assert git(repo, "rev-list", "--parents", "-n1", new).split()[1:] == [base], "one ordinary commit on top of main"
        assert git(repo, "rev-parse", f"{new}^{{tree}}") == git(repo, "rev-parse", f"{tip}^{{tree}}"), "same files as the branch"
        assert git(repo, "log", "-1", "--format=%s") == "add-search (squashed)"
        assert git_run(repo, "merge-base", "--is-ancestor", tip, "main").returncode != 0, "the branch's commits are not in main"

# %% course={"kind": "test", "points": 1}
import tempfile

with tempfile.TemporaryDirectory() as not_a_repo:  # never the folder you work in: it may be a repository
    for bad in ("rebase", "Squash", "", "fast forward"):
        try:
            merge_into_main(not_a_repo, "feature", bad)
        except ValueError:
            pass
        else:
            raise AssertionError(f"strategy {bad!r} must raise ValueError")

# %% course={"kind": "wrong", "id": "plain-merge", "fails": ["t2"]}
def merge_into_main(repo, branch, strategy):
    if strategy not in ("fast-forward", "merge", "squash"):
        raise ValueError(strategy)
    git(repo, "switch", "-q", "main")
    if strategy == "fast-forward":
        git(repo, "merge", "-q", "--ff-only", branch)
    elif strategy == "merge":
        git(repo, "merge", "-q", "-m", f"Merge branch '{branch}'", branch)
    else:
        git(repo, "merge", "-q", "--squash", branch)
        git(repo, "commit", "-q", "-m", f"{branch} (squashed)")
    return git(repo, "rev-parse", "HEAD")

# %% course={"kind": "wrong", "id": "forgets-switch", "fails": ["t1", "t2", "t3"]}
def merge_into_main(repo, branch, strategy):
    if strategy not in ("fast-forward", "merge", "squash"):
        raise ValueError(strategy)
    if strategy == "fast-forward":
        git(repo, "merge", "-q", "--ff-only", branch)  # merges into whatever is checked out
    elif strategy == "merge":
        git(repo, "merge", "-q", "--no-ff", "-m", f"Merge branch '{branch}'", branch)
    else:
        git(repo, "merge", "-q", "--squash", branch)
        git(repo, "commit", "-q", "-m", f"{branch} (squashed)")
    return git(repo, "rev-parse", "HEAD")

# %% course={"kind": "wrong", "id": "squash-no-commit", "fails": ["t3"]}
def merge_into_main(repo, branch, strategy):
    if strategy not in ("fast-forward", "merge", "squash"):
        raise ValueError(strategy)
    git(repo, "switch", "-q", "main")
    if strategy == "fast-forward":
        git(repo, "merge", "-q", "--ff-only", branch)
    elif strategy == "merge":
        git(repo, "merge", "-q", "--no-ff", "-m", f"Merge branch '{branch}'", branch)
    else:
        git(repo, "merge", "-q", "--squash", branch)
    return git(repo, "rev-parse", "HEAD")

# %% [markdown] course={"kind": "task", "id": "team-workflow", "item": "project-0-2-1", "points": 4}
# ### Run the workflow on a real hosting service
#
# On GitHub or GitLab, in a repository of your own: create it with a README, then make three
# feature branches with two or three commits each and open a pull request for each. Merge the
# first with **fast-forward** (or "Rebase and merge"), the second with a **merge commit**, the third
# with **Squash and merge**. Protect `main` so a pull request needs a passing check (any tiny CI job)
# before merging. Paste the links to the three pull requests and the output of
# `git log --oneline --graph --all` after pulling.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: three pull requests, each from its own branch, each merged.
# - 1 point: the graph shows a straight line for the first, a merge commit with two parents for
#   the second, and a single commit for the squashed one.
# - 1 point: branch protection with a required status check is visible on a pull request.
# - 1 point: the learner deleted the merged branches and can say why `git branch -d` refuses the
#   squashed one.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-git-merge"}
# Both combine the work of two branches. `git merge` keeps both histories as they happened and,
# unless it can fast-forward, joins them with a merge commit that has two parents; nothing
# existing is changed. `git rebase` replays your branch's commits one by one on top of the other
# branch, creating new commits with new ids, so history becomes a straight line as if you had
# started later. Rule of thumb: rebase your own unpushed work to keep it current and tidy; merge
# (or let the platform merge) anything other people already have.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-undo-the-last-commit-without"}
# `git reset --soft HEAD~1` moves the branch back one commit and leaves its changes staged;
# `git reset HEAD~1` (mixed) leaves them as unstaged edits. Both rewrite history, so they are only
# for a commit you have not pushed. If it was pushed, use `git revert HEAD` to add a commit that
# undoes it instead. If you only want to change the message or add a forgotten file,
# `git commit --amend` does it in one step.

# %% [markdown] course={"kind": "answer", "question": "q-explain-the-git-staging-area"}
# The staging area (the index) is the snapshot of your next commit, kept between your working
# files and the repository. `git add` copies a file's current content into it, and `git commit`
# records exactly what is there. It lets you build a commit from part of your changes
# (`git add -p` even stages single hunks), review it with `git diff --staged`, and keep unrelated
# edits out of the commit. A file can be staged and still modified afterwards; only the staged
# version goes in.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-git-reflog-and-when-would-you"}
# The reflog is a local diary of every position `HEAD` (and each branch) has pointed to: commits,
# checkouts, resets, rebases, merges. When a commit seems lost after a bad `reset --hard`, a rebase
# gone wrong or a deleted branch, `git reflog` shows its id, and `git branch rescue <id>` (or
# `git reset --hard HEAD@{2}`) brings it back. It is local only (not pushed or cloned), entries
# expire after a while (by default 90 days, and 30 days for commits no branch reaches any more),
# and it cannot recover changes that were never committed.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-squash-commits"}
# For your own branch: `git rebase -i HEAD~N` (or `-i main`) and change `pick` to `squash` or
# `fixup` on the commits to fold into the one above them; or `git reset --soft HEAD~N` followed
# by a single `git commit`. When merging, `git merge --squash feature` plus `git commit`, or the
# platform's "Squash and merge" button. Squashing rewrites history, so do it before the commits
# are shared, or force-push with `--force-with-lease` only to your own branch.

# %% course={"kind": "trap", "trap": "trap-git-reset-hard-loses-uncommitted-changes"}
# `git reset --hard` rewrites the working tree. The reflog can bring back *commits*, but an edit
# that was never committed is simply gone.
import tempfile
from pathlib import Path

if not HAVE_GIT:
    print(NO_GIT)
else:
    with tempfile.TemporaryDirectory() as tmp:
        repo = new_repo(Path(tmp, "svc"))
        commit_file(repo, "app.py", "version = 1\n", "v1")
        commit_file(repo, "app.py", "version = 2\n", "v2")
        Path(repo, "app.py").write_text("version = 2\n# two hours of uncommitted work\n")
        git(repo, "reset", "-q", "--hard", "HEAD~1")
        print("after reset --hard HEAD~1:", repr(Path(repo, "app.py").read_text()))
        print("reflog:", git(repo, "reflog", "--format=%gd %gs").splitlines())
        git(repo, "reset", "-q", "--hard", "HEAD@{1}")  # the commit comes back...
        print("after reset --hard HEAD@{1}:", repr(Path(repo, "app.py").read_text()), "<- ...the uncommitted work does not")
        print("safer: git stash (or git commit -m wip) before any reset --hard")

# %% course={"kind": "trap", "trap": "trap-rebasing-public-branches-causes-problems"}
# Alice rebases a branch Bob already has and force-pushes it. Same changes, new ids: Bob's copy
# and the server's copy no longer share those commits.
import tempfile
from pathlib import Path

if not HAVE_GIT:
    print(NO_GIT)
else:
    with tempfile.TemporaryDirectory() as tmp:
        git(tmp, "init", "-q", "--bare", "-b", "main", "origin.git")
        alice = new_repo(Path(tmp, "alice"))
        git(alice, "remote", "add", "origin", str(Path(tmp, "origin.git")))
        commit_file(alice, "app.py", "v1\n", "Initial commit")
        git(alice, "switch", "-q", "-c", "shared-feature")
        commit_file(alice, "feature.py", "f1\n", "Feature part 1")
        git(alice, "push", "-q", "-u", "origin", "main", "shared-feature")
        git(tmp, "clone", "-q", "-b", "shared-feature", "origin.git", "bob")
        bob = Path(tmp, "bob")
        git(bob, "config", "user.name", "Bob")
        git(bob, "config", "user.email", "bob@example.com")
        commit_file(bob, "feature.py", "f1\nf2\n", "Feature part 2 (Bob)")

        git(alice, "switch", "-q", "main")
        commit_file(alice, "app.py", "v2\n", "Main moves on")
        git(alice, "push", "-q")
        git(alice, "switch", "-q", "shared-feature")
        before = git(alice, "rev-parse", "HEAD")
        git(alice, "rebase", "-q", "main")
        git(alice, "push", "-q", "--force", "origin", "shared-feature")
        print("'Feature part 1' before and after the rebase:", before[:8], "->", git(alice, "rev-parse", "HEAD")[:8])

        git(bob, "fetch", "-q")
        print("Bob now sees:", git(bob, "status", "-sb").splitlines()[0])
        result = git_run(bob, "push")
        print("Bob's push:", "rejected" if result.returncode else "accepted", "| git pull --no-rebase would merge the old and new copies of part 1")
        print("rule: rebase only unshared commits; if you must, use --force-with-lease and tell the team")

# %% course={"kind": "trap", "trap": "trap-forgetting-to-pull-before-pushing-causes"}
# A push that is not a fast-forward of the server's branch is rejected. Fetch, integrate, push again.
import tempfile
from pathlib import Path

if not HAVE_GIT:
    print(NO_GIT)
else:
    with tempfile.TemporaryDirectory() as tmp:
        git(tmp, "init", "-q", "--bare", "-b", "main", "origin.git")
        alice = new_repo(Path(tmp, "alice"))
        git(alice, "remote", "add", "origin", str(Path(tmp, "origin.git")))
        commit_file(alice, "README.md", "# svc\n", "Start")
        git(alice, "push", "-q", "-u", "origin", "main")
        git(tmp, "clone", "-q", "origin.git", "bob")
        bob = Path(tmp, "bob")
        git(bob, "config", "user.name", "Bob")
        git(bob, "config", "user.email", "bob@example.com")

        commit_file(alice, "a.py", "a\n", "Alice's change")
        git(alice, "push", "-q")
        commit_file(bob, "b.py", "b\n", "Bob's change")
        result = git_run(bob, "push")
        print("Bob pushes without pulling:", result.stderr.strip().splitlines()[1])
        git(bob, "pull", "-q", "--rebase")
        result = git_run(bob, "push", "-q")
        print("after git pull --rebase:   ", "push accepted" if result.returncode == 0 else result.stderr)
        print(git(bob, "log", "--oneline", "--format=%s"))
