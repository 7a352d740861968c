"""course.runtime.terraform: a real terraform binary, with its home and CLI configuration in one folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from course.errors import CourseError
from course.runtime import terraform
from course.runtime.terraform import run_terraform, sandbox_env, terraform_binary


def test_sandbox_env_keeps_the_callers_terraform_settings_out(tmp_path: Path) -> None:
    base = {"PATH": "/bin", "TF_WORKSPACE": "prod", "TF_VAR_env": "prod", "TF_LOG": "TRACE", "CHECKPOINT_URL": "x"}
    env = sandbox_env(tmp_path / "root", base)
    assert env["PATH"] == "/bin"
    assert env["HOME"] == str(tmp_path / "root")
    assert env["CHECKPOINT_DISABLE"] == "1" and env["TF_INPUT"] == "0" and env["TF_IN_AUTOMATION"] == "1"
    config = Path(env["TF_CLI_CONFIG_FILE"])
    assert config.parent == tmp_path / "root" and config.read_text(encoding="utf-8") == ""
    assert not {"TF_WORKSPACE", "TF_VAR_env", "TF_LOG", "CHECKPOINT_URL"} & env.keys()
    assert base["TF_LOG"] == "TRACE", "the caller's mapping is not changed"


def test_sandbox_env_keeps_an_existing_config_file(tmp_path: Path) -> None:
    (tmp_path / "terraformrc").write_text("# mine\n", encoding="utf-8")
    sandbox_env(tmp_path, {})
    assert (tmp_path / "terraformrc").read_text(encoding="utf-8") == "# mine\n"


def test_a_missing_binary_is_a_course_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terraform.shutil, "which", lambda name: None)
    assert terraform_binary() is None
    with pytest.raises(CourseError, match="no terraform binary"):
        run_terraform("version", cwd=tmp_path, root=tmp_path / "root")


@pytest.mark.skipif(terraform_binary() is None, reason="no terraform binary on PATH")
def test_a_provider_less_configuration_runs_the_whole_cycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TF_VAR_env", "from-the-caller")
    work = tmp_path / "work"
    work.mkdir()
    config = {
        "variable": {"env": {"type": "string", "default": "dev"}},
        "output": {"name": {"value": "shop-${var.env}"}, "token": {"value": "t0k", "sensitive": True}},
    }
    (work / "main.tf.json").write_text(json.dumps(config), encoding="utf-8")
    root = tmp_path / "root"
    assert run_terraform("init", "-input=false", "-no-color", cwd=work, root=root).returncode == 0
    assert json.loads(run_terraform("validate", "-json", cwd=work, root=root).stdout)["valid"] is True
    plan = run_terraform("plan", "-input=false", "-no-color", "-out=tfplan", "-detailed-exitcode", cwd=work, root=root)
    assert plan.returncode == 2, plan.stderr
    shown = json.loads(run_terraform("show", "-json", "tfplan", cwd=work, root=root).stdout)
    assert shown["variables"]["env"]["value"] == "dev", "TF_VAR_env of the caller did not leak in"
    assert run_terraform("apply", "-input=false", "-no-color", "tfplan", cwd=work, root=root).returncode == 0
    outputs = json.loads(run_terraform("output", "-json", cwd=work, root=root).stdout)
    assert outputs["name"]["value"] == "shop-dev"
    assert outputs["token"] == {"sensitive": True, "type": "string", "value": "t0k"}
    assert json.loads((work / "terraform.tfstate").read_text(encoding="utf-8"))["version"] == 4
    assert not (root / ".terraform.d" / "checkpoint_signature").exists()
