"""course.runtime.ansible_sandbox: real ansible-core, with every file it reads or writes in one folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from course.runtime.ansible_sandbox import module_file, run_ansible, run_module, sandbox_env, sandboxed


def _module() -> None:
    from ansible.module_utils.basic import AnsibleModule

    module = AnsibleModule(argument_spec={"name": {"type": "str", "required": True}}, supports_check_mode=True)
    if module.params["name"] == "bad":
        module.fail_json(msg="bad name")
    module.exit_json(changed=not module.check_mode, greeting=f"hello {module.params['name']}")


def _silent() -> None:
    pass


def test_run_module_passes_arguments_as_json_and_reads_the_answer() -> None:
    assert run_module(_module, {"name": "web"})["greeting"] == "hello web"
    assert run_module(_module, {"name": "web"})["changed"] is True
    assert run_module(_module, {"name": "web"}, check_mode=True)["changed"] is False
    failed = run_module(_module, {"name": "bad"})
    assert failed["failed"] is True and failed["msg"] == "bad name"
    assert "missing required arguments: name" in run_module(_module, {})["msg"]
    with pytest.raises(AssertionError, match="printed no answer"):
        run_module(_silent, {})


def test_module_file_runs_as_ansible_runs_a_module(tmp_path: Path) -> None:
    path = module_file(_module, tmp_path / "greet.py")
    args = tmp_path / "args.json"
    args.write_text(json.dumps({"ANSIBLE_MODULE_ARGS": {"name": "db"}}), encoding="utf-8")
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(path), str(args)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["greeting"] == "hello db"


def test_nothing_is_read_from_or_written_to_the_users_home(tmp_path: Path) -> None:
    home = tmp_path / "user-home"
    (home / ".ansible").mkdir(parents=True)
    (home / ".ansible.cfg").write_text("[defaults]\nthis is not valid ini\n", encoding="utf-8")  # would break a run
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / "ansible.cfg").write_text("[defaults]\nbroken\n", encoding="utf-8")  # and so would this
    before = sorted(p.relative_to(home) for p in home.rglob("*"))
    env = sandbox_env(tmp_path / "sandbox", base={**os.environ, "HOME": str(home), "ANSIBLE_HOME": str(home)})
    assert env["HOME"] == str(tmp_path / "sandbox" / "home") and "ANSIBLE_HOME" in env
    assert all(str(home) not in value for value in env.values())
    (tmp_path / "work" / "site.yml").write_text(
        "- hosts: localhost\n  gather_facts: false\n  tasks:\n    - ansible.builtin.ping:\n", encoding="utf-8"
    )
    done = run_ansible(
        "playbook", "-i", "localhost,", "-c", "local", "site.yml", root=tmp_path / "sandbox", cwd=tmp_path / "work"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok=1" in done.stdout
    assert sorted(p.relative_to(home) for p in home.rglob("*")) == before
    assert (tmp_path / "sandbox" / "home" / ".ansible").is_dir()


def test_sandboxed_sets_and_restores_this_processs_environment(tmp_path: Path) -> None:
    saved = dict(os.environ)
    with sandboxed(tmp_path) as env:
        assert os.environ["ANSIBLE_CONFIG"] == env["ANSIBLE_CONFIG"] == str(tmp_path / "ansible.cfg")
        assert os.environ["HOME"] == str(tmp_path / "home")
    assert dict(os.environ) == saved


def test_run_module_leaves_no_arguments_behind_for_the_next_module() -> None:
    from ansible.module_utils import basic

    before = basic._ANSIBLE_ARGS
    assert run_module(_module, {"name": "ü"})["greeting"] == "hello ü"
    assert basic._ANSIBLE_ARGS is before, "the arguments are given for one call only"
    assert "missing required arguments: name" in run_module(_module, {})["msg"], "not the previous call's name"
