"""course.runtime.ssh: a real SSH host on 127.0.0.1 for one block, and nothing left running after it."""

from __future__ import annotations

import doctest
import threading
from pathlib import Path

import paramiko
import pytest

from course.runtime import ssh
from course.runtime.sockets import no_leftovers, port_closed
from course.runtime.ssh import USER, ssh_host, ssh_hosts


def test_the_module_doctest_runs() -> None:
    assert doctest.testmod(ssh).failed == 0


def test_commands_run_in_the_hosts_own_folder_with_exit_codes_and_output(tmp_path: Path) -> None:
    with no_leftovers(), ssh_host("web1") as host, host.connect() as conn:
        assert host.host == "127.0.0.1" and host.port != 0 and host.user == USER
        result = conn.run("pwd; echo $COURSE_HOST; echo oops >&2", hide=True)
        assert result.stdout == f"{host.root}\nweb1\n" and result.stderr == "oops\n" and result.exited == 0
        failed = conn.run("exit 3", hide=True, warn=True)
        assert failed.exited == 3 and not failed.ok
        assert host.commands == ["pwd; echo $COURSE_HOST; echo oops >&2", "exit 3"]


def test_sftp_paths_are_relative_to_the_hosts_folder(tmp_path: Path) -> None:
    local = tmp_path / "app.conf"
    local.write_text("port = 8080\n", encoding="utf-8")
    with ssh_host() as host, host.connect() as conn:
        conn.run("mkdir etc", hide=True)
        conn.put(str(local), "etc/app.conf")
        assert (host.root / "etc" / "app.conf").read_text(encoding="utf-8") == "port = 8080\n"
        assert conn.run("cat etc/app.conf", hide=True).stdout == "port = 8080\n"
        conn.get(f"{host.root}/etc/app.conf", str(tmp_path / "back.conf"))  # absolute paths work too
        assert (tmp_path / "back.conf").read_text(encoding="utf-8") == "port = 8080\n"


def test_each_host_has_its_own_folder_and_the_block_removes_them() -> None:
    with ssh_hosts("a", "b") as (a, b), a.connect() as ca, b.connect() as cb:
        ca.run("echo A > who", hide=True)
        assert cb.run("cat who", hide=True, warn=True).exited != 0
        assert ca.run("cat who", hide=True).stdout == "A\n"
        roots = (a.root, b.root)
    assert not any(root.exists() for root in roots)
    with pytest.raises(ValueError, match="must differ"), ssh_hosts("a", "a"):
        pass


def test_only_the_course_user_with_the_course_key_logs_in() -> None:
    with ssh_host() as host:
        with host.connect(user="root") as conn, pytest.raises(paramiko.AuthenticationException):
            conn.open()
        stranger = paramiko.Ed25519Key.from_private_key_file(str(host.key_file))
        assert stranger.get_name() == "ssh-ed25519"
        other = host.connect()
        other.connect_kwargs = {"pkey": paramiko.RSAKey.generate(2048), "look_for_keys": False, "allow_agent": False}
        with other, pytest.raises(paramiko.AuthenticationException):
            other.open()


def test_the_client_checks_the_host_key(tmp_path: Path) -> None:
    with ssh_host() as host:
        host.known_hosts.write_text("", encoding="utf-8")  # a host we never saw: refused, not trusted blindly
        with host.connect() as conn, pytest.raises(paramiko.SSHException, match="not found in known_hosts"):
            conn.open()


def test_nothing_is_left_running_after_the_block_even_a_command_still_running() -> None:
    started = threading.Event()
    with no_leftovers():  # neither the server's threads nor the client's, once it closed
        with ssh_host() as host:
            address = (host.host, host.port)
            conn = host.connect()

            def long_command() -> None:
                started.set()
                conn.run("touch started; sleep 613; echo never", hide=True, warn=True)

            runner = threading.Thread(target=long_command)
            runner.start()
            started.wait()
            while not _running("sleep 613"):  # until the command runs on the host
                runner.join(0.01)
                assert runner.is_alive()
        runner.join(30)
        conn.close()
        assert not runner.is_alive(), "the client's command ended when the host stopped"
    assert port_closed(address)
    assert not _running("sleep 613"), "the host's commands were killed, with the processes they started"


def _running(command: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if line == command and state != "Z":
                found.append(int(entry.name))
    return found


def test_a_host_whose_block_never_ended_stops_at_interpreter_exit() -> None:
    import subprocess
    import sys

    code = (
        "from course.runtime.ssh import ssh_host\n"
        "block = ssh_host('left')\n"
        "host = block.__enter__()\n"  # never left: the kernel stops mid-cell
        "print(host.port, host.root, flush=True)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    port, root = done.stdout.split()
    assert port_closed(("127.0.0.1", int(port)))
    assert not Path(root).exists() and not Path(root).parent.exists()
    assert done.stderr == ""


def test_the_client_reads_no_ssh_or_fabric_file_of_the_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".ssh").mkdir()
    (tmp_path / ".ssh" / "config").write_text("Host *\n  Port 1\n  User nobody\n", encoding="utf-8")
    (tmp_path / ".fabric.yaml").write_text("run:\n  echo: true\n", encoding="utf-8")  # would print each command
    monkeypatch.setenv("HOME", str(tmp_path))
    with ssh_host() as host, host.connect() as conn:
        assert (conn.port, conn.user) == (host.port, USER)
        assert conn.run("echo ok", hide=True).stdout == "ok\n"
    assert capsys.readouterr().out == "", "run.echo from ~/.fabric.yaml was not applied"
