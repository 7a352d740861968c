"""A real JupyterHub on this machine, end to end: a teacher and three students.

JupyterHub (pip) behind configurable-http-proxy (npm, installed into a folder of this test's own),
a dummy authenticator, ``SimpleLocalProcessSpawner`` with a home folder per user under a temporary
folder, the course installed as the docs say (this environment). Driven through the hub's REST API
and the single-user servers' APIs (contents API, nbgrader's assignment handlers): the teacher
releases phase 1 with ``course release --exchange``; each student fetches it, answers (one
perfect, one partial, one who renames a notebook), submits; the teacher collects, grades with
``course grade`` and releases feedback, which the students fetch.

Proven: the whole loop through real servers, scores, feedback without hidden tests, and the
exchange's file modes (inbound folder writable but not listable by others, released files
read-only). Not proven: that one student *cannot* read another's submission. Every process here
runs as root (the spawner starts servers as the hub's user), and root reads everything; on a real
hub each user is a Unix user and those modes are what keeps them apart.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest

from course.editions.pipeline import Course
from course.grading.leaks import course_secrets, scan
from course.verify.roundtrip import fill_answers, solutions_by_notebook
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
PHASE = "phase-01"
COURSE_ID = "python-roadmap"
TOKEN = "course-test-token-0123456789abcdef"
STUDENTS = ("alice", "bob", "carol")  # perfect, partial, renamed
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def proxy_command() -> Path:
    """configurable-http-proxy, installed with npm into a folder of this test's own (kept in
    .course-cache so later runs need no network); skip with the reason when that fails."""
    prefix = ROOT / ".course-cache" / "configurable-http-proxy"
    command = prefix / "node_modules" / ".bin" / "configurable-http-proxy"
    if command.exists():
        return command
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed, so configurable-http-proxy cannot be installed")
    done = subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--prefix", str(prefix), "configurable-http-proxy@5"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode or not command.exists():
        pytest.skip(f"configurable-http-proxy could not be installed with npm: {done.stderr.strip()[-300:]}")
    return command


class Hub:
    def __init__(self, url: str) -> None:
        self.url = url

    def request(
        self, method: str, path: str, body: Any = None, *, expect: tuple[int, ...] = (200, 201, 202, 204)
    ) -> Any:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method)
        req.add_header("Authorization", f"token {TOKEN}")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=120) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as err:
            status, raw = err.code, err.read()
        assert status in expect, f"{method} {path}: {status} {raw[:500]!r}"
        return json.loads(raw) if raw.strip() else None

    def start_server(self, user: str) -> None:
        self.request("POST", f"/hub/api/users/{user}/server")
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            info = self.request("GET", f"/hub/api/users/{user}")
            server = info.get("servers", {}).get("", {})
            if server.get("ready"):
                return
            time.sleep(0.5)
        raise AssertionError(f"the server of {user} did not start")

    def nbgrader(self, user: str, action: str) -> Any:
        """A click on Fetch / Submit / Fetch Feedback in the student's Assignments tab."""
        result = self.request(
            "POST", f"/user/{user}/assignments/{action}", {"course_id": COURSE_ID, "assignment_id": PHASE}
        )
        assert result.get("success", True), result
        return result


def _write_hub_config(base: Path, port: int, proxy: Path, exchange: Path) -> Path:
    config = base / "jupyterhub_config.py"
    users = ("teacher", *STUDENTS)
    config.write_text(
        f"""
c = get_config()  # noqa: F821
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_port = {free_port()}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.command = [{str(proxy)!r}]
c.JupyterHub.db_url = "sqlite:///{base / "jupyterhub.sqlite"}"
c.JupyterHub.cookie_secret_file = {str(base / "cookie_secret")!r}
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allowed_users = {set(users)!r}
c.Authenticator.admin_users = {{"teacher"}}
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = {str(base / "home" / "{username}")!r}
c.Spawner.cmd = [{str(BIN / "jupyterhub-singleuser")!r}]
c.Spawner.args = ["--allow-root"]  # every process of this test runs as root
c.Spawner.environment = {{"PATH": {f"{BIN}{os.pathsep}{os.environ['PATH']}"!r}, "COURSE_EXCHANGE": {str(exchange)!r}}}
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.JupyterHub.services = [{{"name": "course-test", "api_token": {TOKEN!r}}}]
c.JupyterHub.load_roles = [{{"name": "admin", "services": ["course-test"]}}]
"""
    )
    return config


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Hub, Path]]:
    pytest.importorskip("jupyterhub", reason="jupyterhub is in the test extra: pip install -e '.[test]'")
    proxy = proxy_command()
    base = tmp_path_factory.mktemp("hub")
    exchange = base / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)  # docs/teaching.md, step 2
    for user in STUDENTS:
        home = base / "home" / user
        home.mkdir(parents=True)
        # /etc/jupyter/nbgrader_config.py on a real hub (step 3); the student id is the user's
        # own there (each user is a Unix user); here every process is root, so it is set per user
        (home / "nbgrader_config.py").write_text(
            f"c = get_config()\nc.CourseDirectory.course_id = {COURSE_ID!r}\n"
            f"c.Exchange.root = {str(exchange)!r}\nc.CourseDirectory.student_id = {user!r}\n"
        )
    port = free_port()
    config = _write_hub_config(base, port, proxy, exchange)
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}")
    log = (base / "hub.log").open("w")
    process = subprocess.Popen(
        [str(BIN / "jupyterhub"), "-f", str(config)],
        cwd=base,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    client = Hub(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                client.request("GET", "/hub/api/")
                break
            except (OSError, AssertionError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("the hub did not start:\n" + (base / "hub.log").read_text()[-3000:]) from None
                time.sleep(0.5)
        yield client, base
    finally:
        for user in ("teacher", *STUDENTS):
            with contextlib.suppress(OSError, AssertionError):
                client.request("DELETE", f"/hub/api/users/{user}/server", expect=(202, 204, 400, 404))
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()
        log.close()


def _teacher_course(base: Path) -> Path:
    """The teacher's clone of the course, in their home folder (docs/teaching.md, step 4)."""
    root = base / "home" / "teacher" / "python-roadmap-course"
    root.mkdir(parents=True)
    for name in ("nbgrader_config.py", "pyproject.toml"):
        shutil.copy(ROOT / name, root / name)
    (root / "content").mkdir()
    shutil.copy(ROOT / "content" / "roadmap.md", root / "content" / "roadmap.md")
    shutil.copytree(ROOT / "source" / PHASE, root / "source" / PHASE)
    return root


def _run(args: list[str], cwd: Path, exchange: Path) -> str:
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}", COURSE_EXCHANGE=str(exchange))
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=1800, check=False)
    assert done.returncode == 0, f"{args}: {done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return done.stdout


def _answer(hub: Hub, user: str, name: str, answers: dict[str, str]) -> None:
    """Open the fetched notebook through the server's contents API, answer, save it back."""
    path = f"/user/{user}/api/contents/{PHASE}/{name}"
    model = hub.request("GET", path + "?content=1")
    nb = nbformat.from_dict(model["content"])
    fill_answers(nb, answers)
    hub.request("PUT", path, {"type": "notebook", "format": "json", "content": nb})


@pytest.fixture(scope="module")
def classroom(hub: tuple[Hub, Path], course: Course) -> dict[str, Any]:
    client, base = hub
    exchange = base / "exchange"
    root = _teacher_course(base)
    _run([str(BIN / "course"), "release", "1", "--exchange", "--root", str(root)], root, exchange)
    solutions = solutions_by_notebook(course)
    names = sorted(p.name for p in (root / "release" / PHASE).glob("*.ipynb"))
    for user in STUDENTS:
        client.start_server(user)
        listed = client.nbgrader(user, "fetch")
        assert any(a["assignment_id"] == PHASE and a["status"] == "fetched" for a in listed["value"]), listed
        for name in names:
            answers = solutions.get(Path(name).stem, {})
            if user == "bob":  # partial: every other exercise
                answers = dict(list(answers.items())[::2])
            _answer(client, user, name, answers)
        if user == "carol":  # renames her first notebook in the file browser before submitting
            old = f"{PHASE}/{names[0]}"
            new = f"{PHASE}/{Path(names[0]).stem}-Copy1.ipynb"
            client.request("PATCH", f"/user/{user}/api/contents/{old}", {"path": new})
        client.nbgrader(user, "submit")
    _run([str(BIN / "nbgrader"), "collect", PHASE], root, exchange)
    graded = _run([str(BIN / "course"), "grade", "1", "--root", str(root)], root, exchange)
    _run([str(BIN / "nbgrader"), "release_feedback", PHASE], root, exchange)
    for user in STUDENTS:
        client.nbgrader(user, "fetch_feedback")
    return {"root": root, "base": base, "exchange": exchange, "names": names, "table": graded}


def _rows(root: Path) -> dict[str, dict[str, str]]:
    import csv

    return {r["student"]: r for r in csv.DictReader((root / f"grades-{PHASE}.csv").open())}


def test_scores_through_the_hub(classroom: dict[str, Any]) -> None:
    rows = _rows(classroom["root"])
    assert set(rows) == set(STUDENTS)
    best = float(rows["alice"]["max_autograded"])
    assert float(rows["alice"]["autograded"]) == best > 0 and rows["alice"]["problems"] == ""
    assert 0 < float(rows["bob"]["autograded"]) < best
    first = classroom["names"][0]
    assert f"missing notebook {first}: found" in rows["carol"]["problems"]
    assert 0 < float(rows["carol"]["autograded"]) < best, "carol's other notebooks are graded"
    assert "carol" in classroom["table"] and "renamed?" in classroom["table"]


def test_students_fetch_feedback_that_holds_no_hidden_test(classroom: dict[str, Any]) -> None:
    secrets = course_secrets(classroom["root"] / "source")
    for user in STUDENTS:
        files = sorted((classroom["base"] / "home" / user / PHASE / "feedback").rglob("*.html"))
        expected = 2 if user == "carol" else 3
        assert len(files) == expected, (user, files)
        assert scan(files, secrets) == []
        text = "".join(p.read_text() for p in files)
        assert "hidden tests are not shown" in text or user == "alice"


def test_exchange_file_modes_keep_submissions_apart(classroom: dict[str, Any]) -> None:
    """nbgrader's exchange keeps submissions apart by modes and names, not by owners: the inbound
    folder can be written but not listed by others (2733), and each submission folder's name ends
    in 12 random characters, so a student cannot find another's folder. The folders themselves are
    0777 and the files 0644: whoever knows a name can read it. (Root reads everything anyway.)"""
    course = classroom["exchange"] / COURSE_ID
    inbound = course / "inbound"
    mode = stat.S_IMODE(inbound.stat().st_mode)
    assert mode & 0o003 == 0o003 and mode & 0o004 == 0, f"inbound {oct(mode)}: others may write, not list"
    submissions = sorted(p.name for p in inbound.iterdir())
    assert sorted(s.split("+")[0] for s in submissions) == sorted(STUDENTS)
    for name in submissions:
        _student, assignment, _when, random_part = name.split("+")
        assert assignment == PHASE and len(random_part) == 12, name
    for path in (course / "outbound" / PHASE).rglob("*.ipynb"):
        assert stat.S_IMODE(path.stat().st_mode) & 0o022 == 0, f"{path}: only the teacher may change a release"
