# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can find your way around a Linux machine, read and set
# permissions, chain the classic text tools into a log report, schedule work with cron, and
# explain redirections, signals and environment variables well enough to debug a live server.
# Every demo here runs in Python on files in a temporary folder: nothing touches your system.

# %% [markdown] course={"kind": "lesson", "id": "fs-hierarchy", "covers": ["c-linux-file-system-hierarchy-home-etc-var"]}
# ### The Linux file system hierarchy
#
# Linux has one tree. Disks, USB sticks and network shares are all **mounted** somewhere inside
# it, so every path starts at `/`. The top-level folders have fixed jobs, and knowing them tells
# you where to look during an incident:
#
# | folder | what lives there | you go there to... |
# |---|---|---|
# | `/etc` | system-wide configuration, as text files | change how nginx, ssh or cron behave |
# | `/var` | data that grows: `/var/log`, `/var/lib` (databases, Docker), spools | read logs, free disk space |
# | `/home` | one folder per user (`/root` for root) | find a user's dotfiles, SSH keys, projects |
# | `/usr` | installed programs and libraries (`/usr/bin`, `/usr/lib`) | see what the package manager installed |
# | `/opt` | self-contained add-on software (`/opt/conda`, vendor agents) | find software that did not come from the distro |
# | `/tmp` | scratch space for anyone; often cleared at reboot | put throwaway files, never anything you need |
#
# The mistake people make: treating `/tmp` as storage (a reboot or a cleanup timer deletes it),
# or editing files under `/usr` that the next package upgrade silently overwrites. Configuration
# you own goes in `/etc`; data your service writes goes in `/var/lib/<service>`.

# %% course={"kind": "demo"}
import os
import shutil

folders = ["/", "/etc", "/var", "/var/log", "/home", "/usr", "/usr/bin", "/opt", "/tmp"]
print(f"{'folder':10} here?")
for folder in folders:
    print(f"{folder:10} {'yes' if os.path.isdir(folder) else 'no'}")
print("\nthe 'ls' program lives at:", shutil.which("ls"))
print("this notebook runs in:    ", os.getcwd())

# %% [markdown] course={"kind": "lesson", "id": "permissions", "covers": ["c-file-permissions-read-write-execute-user", "c-permission-representation-numeric-755", "c-ownership-chown-chgrp"]}
# ### Permissions and ownership
#
# Every file has an **owner** (a user), a **group**, and three sets of three permission bits:
# one set for the owner (**u**ser), one for members of the **g**roup, one for everyone else
# (**o**thers). Each set says whether that class may **r**ead, **w**rite and e**x**ecute:
#
# ```
# -rwxr-x---      r = 4, w = 2, x = 1, added up per class
#  ||| ||| |||
#  user group others      rwx = 7   r-x = 5   --- = 0   ->  750
# ```
#
# The first character is the type (`-` file, `d` directory, `l` symbolic link). On a
# **directory** the bits mean something else: `r` lists names, `w` creates and deletes entries,
# `x` lets you enter it and reach the files inside. The classic pairs: `644` (`rw-r--r--`) for
# ordinary files, `755` (`rwxr-xr-x`) for programs and folders, `600` for secrets such as SSH
# keys, `700` for private folders.
#
# `chmod` changes the bits (`chmod 640 app.conf`, or symbolically `chmod g+r,o-rwx app.conf`);
# `chown user:group file` changes the owner and group, `chgrp group file` only the group.
# Giving a file away with `chown` needs root; `chgrp` works for groups you belong to.
# What people get wrong: "it works as root" proves nothing, because **root bypasses the read and
# write checks**. Test a service's files as the user the service runs as.

# %% course={"kind": "demo"}
import os
import stat
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    config = Path(tmp, "app.conf")
    config.write_text("port = 8000\n")
    for mode in (0o644, 0o640, 0o600, 0o755):
        config.chmod(mode)
        actual = stat.S_IMODE(config.stat().st_mode)
        print(f"chmod {actual:o}  ->  {stat.filemode(config.stat().st_mode)}")
    info = config.stat()
    try:
        import grp
        import pwd

        owner = f"{pwd.getpwuid(info.st_uid).pw_name}:{grp.getgrgid(info.st_gid).gr_name}"
    except (ImportError, KeyError):  # Windows has no pwd/grp; containers may lack names
        owner = f"{info.st_uid}:{info.st_gid}"
    print("owner:group of the file:", owner)

# %% [markdown] course={"kind": "lesson", "id": "everyday-commands", "covers": ["c-basic-commands-ls-cd-pwd-mkdir-rm-cp-mv", "c-file-viewing-cat-less-more-head-tail"]}
# ### Moving around, changing files, looking inside them
#
# | command | does | Python's nearest equivalent |
# |---|---|---|
# | `pwd` / `cd dir` | print / change the current folder | `os.getcwd()` / `os.chdir()` |
# | `ls -la` | list entries, with hidden ones and details | `Path.iterdir()`, `Path.stat()` |
# | `mkdir -p a/b/c` | make folders, parents too, no error if present | `Path.mkdir(parents=True, exist_ok=True)` |
# | `touch f` | create an empty file, or update the time of an existing one | `Path.touch()` |
# | `cp -r src dst` / `mv a b` | copy / move or rename | `shutil.copytree`, `shutil.copy2` / `shutil.move` |
# | `rm f` / `rm -r dir` | delete, with **no** recycle bin | `Path.unlink()` / `shutil.rmtree()` |
# | `cat f` | print the whole file | `Path.read_text()` |
# | `head -n 5` / `tail -n 5` | first / last lines | `itertools.islice` / `collections.deque(maxlen=5)` |
# | `less f` (`more f`) | page through a file; `/word` searches, `q` quits | - |
# | `tail -f f` | keep printing lines as they are appended | read, then wait and read again |
#
# `less` is the one to use on a 2 GB log: it reads only what it shows, while `cat` pours the
# whole file into your terminal. `tail -f` is how you watch a service's log while you test it.
# The mistake: `touch` on an existing file does **not** empty it, and `mv` onto an existing name
# silently replaces that file.

# %% course={"kind": "demo"}
import collections
import itertools
import shutil
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    root = Path(tmp, "demo")
    (root / "logs" / "old").mkdir(parents=True)  # mkdir -p demo/logs/old
    (root / "notes.txt").write_text("keep me\n")
    (root / "notes.txt").touch()  # touch: the content survives
    shutil.copy2(root / "notes.txt", root / "logs" / "notes.bak")  # cp
    (root / "logs" / "notes.bak").rename(root / "logs" / "old" / "notes.bak")  # mv
    print("ls -R demo:", sorted(str(p.relative_to(root)) for p in root.rglob("*")))
    print("cat notes.txt:", (root / "notes.txt").read_text().strip())

with open("data/access.log") as log:
    print("\nhead -n 2:", *(line.rstrip()[:70] for line in itertools.islice(log, 2)), sep="\n  ")
with open("data/access.log") as log:
    print("tail -n 2:", *(line.rstrip()[:70] for line in collections.deque(log, maxlen=2)), sep="\n  ")

# %% [markdown] course={"kind": "text"}
# `tail -f` in miniature: remember where the file ended, and after another program appends,
# read on from there. (The real command keeps waiting for more until you press Ctrl+C.)

# %% course={"kind": "demo"}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    log_path = Path(tmp, "app.log")
    log_path.write_text("started\n")
    with open(log_path) as follower:
        follower.read()  # tail -f first shows what is there and keeps its place at the end
        with open(log_path, "a") as writer:  # meanwhile, the service writes two lines
            writer.write("GET /health 200\nGET /predict 500\n")
        print("new lines seen by the follower:", follower.read().splitlines())

# %% [markdown] course={"kind": "lesson", "id": "text-tools", "covers": ["c-text-processing-grep-awk-sed-cut-sort"]}
# ### Text processing: grep, awk, sed, cut, sort, uniq, wc
#
# Most of a server's story is written in text files, and these seven tools, chained with pipes,
# answer most questions about them:
#
# | tool | job | example |
# |---|---|---|
# | `grep PATTERN` | keep lines that match | `grep ' 404 ' access.log` |
# | `awk '{print $1}'` | split lines on whitespace into fields `$1 $2 ...`, compute | `awk '$9 >= 500' access.log` |
# | `cut -d'"' -f2` | keep one field by delimiter | the quoted request of each line |
# | `sed 's/old/new/'` | edit a stream line by line | `sed 's/?.*//'` deletes from the first `?` to the end of the line |
# | `sort`, `sort -rn` | order lines (alphabetically, or numerically reversed) | |
# | `uniq -c` | count runs of **adjacent** equal lines | only works after `sort` |
# | `wc -l` | count lines | `grep -c` counts matching **lines** (two matches on one line count once) |
#
# The classic "top talkers" pipeline is `awk '{print $1}' access.log | sort | uniq -c | sort -rn | head`.
# The mistake: `uniq` without `sort` first. It only merges **neighbouring** duplicates, so
# unsorted input gives the same IP on several lines with partial counts. And `grep 500`
# matches a 500 anywhere in the line: in a byte count, in a URL, in a timestamp. And `sed 's/?.*//'`
# cuts a whole log line short at its first `?`, so run it on the paths alone (after
# `awk '{print $7}'`), where it drops just the query string.
#
# Each step below, in Python, on the sample log shipped with this notebook (`data/access.log`):

# %% course={"kind": "demo"}
import collections
import itertools
import re

with open("data/access.log") as log:
    lines = log.read().splitlines()

print("wc -l               ", len(lines))
print("grep -c ' 404 '     ", sum(" 404 " in line for line in lines))  # lines that match, not matches
two = ['"GET /404 HTTP/1.1" 404 0', '"GET / HTTP/1.1" 200 512']  # one line holds 404 twice
print("grep -c 404 vs grep -o 404 | wc -l on two lines:", sum("404" in line for line in two),
      "vs", sum(line.count("404") for line in two))
print("cut -d'\"' -f2 | head -1", lines[0].split('"')[1])


def sed_drop_query(text: str) -> str:  # sed 's/?.*//': from the first ? to the end of the line
    return re.sub(r"\?.*", "", text, count=1)


print("sed on a whole request ", repr(sed_drop_query("GET /api/orders?page=2 HTTP/1.1")), "<- HTTP/1.1 is gone too")
print("sed on the path alone  ", repr(sed_drop_query("/api/orders?page=2")))

ips = [line.split()[0] for line in lines]  # awk '{print $1}'
runs = [(len(list(run)), ip) for ip, run in itertools.groupby(ips)]  # uniq -c merges neighbours only
pieces = [count for count, ip in runs if ip == "203.0.113.7"]
print(f"\nuniq -c WITHOUT sort: 203.0.113.7 comes out on {len(pieces)} separate lines, the biggest says {max(pieces)}")
top = sorted(collections.Counter(ips).items(), key=lambda kv: (-kv[1], kv[0]))[:3]
print("sort | uniq -c | sort -rn | head -3:", top)  # awk also counts the 2 junk lines

# %% [markdown] course={"kind": "lesson", "id": "finding-files", "covers": ["c-finding-files-find-locate-which-whereis"]}
# ### Finding files and programs
#
# - `find PATH TESTS` walks a folder tree *now*: `find . -name '*.py'`, `find /var/log -size +100M`,
#   `find . -type f -mtime -1` (modified less than a day ago), `find . -mmin -30`.
# - `locate NAME` searches a database built by `updatedb`, usually nightly: instant, but blind
#   to files made since the last update.
# - `which CMD` prints the program your shell would run for `CMD`, the first match on `PATH`.
# - `whereis CMD` lists the binary, manual page and source locations from standard folders.
#
# In DevOps work `which` answers "why is the wrong version running?": two `python3` on `PATH`,
# and the first one wins. The mistake: trusting `locate` for a file created an hour ago.

# %% course={"kind": "demo"}
import os
import shutil
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

now = datetime(2024, 3, 12, 12, 0)  # a fixed "now" keeps the demo repeatable
with tempfile.TemporaryDirectory() as tmp:
    ages = {"app.py": timedelta(hours=2), "old_job.py": timedelta(days=3), "notes.md": timedelta(minutes=5)}
    for name, age in ages.items():
        path = Path(tmp, name)
        path.touch()
        stamp = (now - age).timestamp()
        os.utime(path, (stamp, stamp))  # set access and modification times
    py_files = sorted(p.name for p in Path(tmp).rglob("*.py"))
    recent = sorted(p.name for p in Path(tmp).iterdir()
                    if now - datetime.fromtimestamp(p.stat().st_mtime) < timedelta(days=1))
    print("find . -name '*.py'     ->", py_files)
    print("find . -type f -mtime -1 ->", recent)
print("which python3 ->", shutil.which("python3"))
print("which git     ->", shutil.which("git"))

# %% [markdown] course={"kind": "lesson", "id": "processes", "covers": ["c-process-management-ps-top-htop-kill"]}
# ### Processes: ps, top, kill and job control
#
# A **process** is a running program with a number, its **PID**, a parent, an owner and a state.
#
# | command | what it shows or does |
# |---|---|
# | `ps aux`, `ps -eo pid,user,%cpu,%mem,args` | a snapshot of processes; pick columns with `-o` |
# | `top`, `htop` | a live, sorted view (`htop` is the friendlier one; `M` sorts by memory) |
# | `kill PID` | sends **SIGTERM** (15): "please stop", the process may clean up first |
# | `kill -9 PID` | sends **SIGKILL** (9): the kernel ends it at once, no clean-up |
# | `pkill -f pattern` | signals every process whose command line matches: check with `pgrep -af` first |
# | `cmd &`, `jobs`, `fg %1`, `bg %1`, Ctrl+Z | run in the background, list, bring forward, resume, pause |
# | `nohup cmd &` | keep running after you log out (ignores SIGHUP); output that would go to the terminal goes to `nohup.out` |
#
# In MLOps you will `ps` for a stuck training job, read its memory use, and stop it
# gracefully so it saves a checkpoint. The mistake: reaching for `kill -9` first; it gives the
# program no chance to flush files or release locks. Below, a child Python process stands in
# for a long-running job.

# %% course={"kind": "demo"}
import signal
import subprocess
import sys

job = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
print("started PID", job.pid, "- still running?", job.poll() is None)
job.send_signal(signal.SIGTERM)  # what `kill PID` does
job.wait(timeout=10)
print("after SIGTERM the exit status is", job.returncode, "(negative = ended by signal",
      f"{signal.Signals(-job.returncode).name})")

# %% [markdown] course={"kind": "lesson", "id": "disk-usage", "covers": ["c-disk-usage-df-du-fdisk-lsblk"]}
# ### Disk usage: df, du, lsblk, fdisk
#
# - `df -h` reports each **mounted file system**: size, used, available, use %. Add `-i` for
#   inodes: a disk can be "full" with space left when millions of tiny files use up the inodes.
# - `du -sh DIR` adds up the **disk space** used by the files under a folder (the blocks the file
#   system allocated, in units of 1024 bytes without `-h` in GNU `du`; macOS `du` counts 512-byte
#   blocks unless you add `-k`); `du -sh * | sort -h` finds the culprit
#   folder. That is not the same as the sizes `ls -l` shows: a 2-byte file still takes a whole
#   block (4 KiB on most file systems), and a *sparse* file (a disk image, a preallocated
#   database) can be huge in `ls -l` but take almost no disk. `du -sb` (GNU `du`; short for
#   `--apparent-size --block-size=1`) adds up the sizes in bytes instead.
# - `lsblk` shows block devices (disks, partitions) and where they are mounted; `fdisk -l` lists
#   partition tables. `fdisk` also *edits* them: practise on a VM, never on a real server disk.
#
# The mistake: `df` says the disk is full but `du` cannot find the files. A deleted file that a
# process still holds open keeps its space until the process closes it or restarts (the usual
# suspect is a log file deleted under a running service; `lsof +L1` lists such files).

# %% course={"kind": "demo"}
import shutil
import tempfile
from pathlib import Path

import math

usage = shutil.disk_usage("/")  # free = what a normal user may still write, as df's "Available"
percent = math.ceil(100 * usage.used / (usage.used + usage.free))  # df's Use%: used / (used + available), rounded up
print(f"df -h /: {percent}% used of {usage.total / 2**30:.0f}G (G = 2**30 bytes, as df -h counts)")

with tempfile.TemporaryDirectory() as tmp:
    Path(tmp, "logs").mkdir()
    Path(tmp, "logs", "app.log").write_bytes(b"x" * 50_000)
    Path(tmp, "logs", "tiny.log").write_text("ok")  # 2 bytes, but a whole block on disk
    with open(Path(tmp, "disk.img"), "wb") as image:  # a sparse file: seek far, write one byte
        image.seek(100_000_000)
        image.write(b"\0")
    print(f"{'':14} {'du -sb (bytes)':>15} {'du -s (KiB on disk)':>19}")
    for entry in sorted(Path(tmp).iterdir()):
        files = [p for p in [entry, *entry.rglob("*")] if p.is_file()]
        apparent = sum(p.stat().st_size for p in files)  # what ls -l shows, added up
        on_disk = sum(p.stat().st_blocks * 512 for p in files)  # st_blocks counts 512-byte units
        print(f"du -s {entry.name:8} {apparent:>15} {on_disk // 1024:>19}")

print("\nand from a df -P report shipped with the notebook:")
print(Path("data/df.txt").read_text())

# %% [markdown] course={"kind": "lesson", "id": "network", "covers": ["c-network-commands-ping-curl-wget-netstat"]}
# ### Network commands
#
# | question | command |
# |---|---|
# | can I reach the host at all? | `ping -c 3 host` (ICMP; many clouds block it, so silence is not proof) |
# | does the HTTP endpoint answer, and what? | `curl -i https://host/health`, `curl -sS -o /dev/null -w '%{http_code}' URL` |
# | download a file | `wget URL` or `curl -LO URL` |
# | which ports are listening, by which process? | `ss -ltnp` (new), `netstat -tlnp` (old) |
# | my addresses and routes | `ip addr`, `ip route` (new), `ifconfig` (old) |
#
# Debug in layers: name resolution, then the route, then the port, then the application. The
# message tells you the layer: *connection refused* means the host answered but nothing listens
# on that port; a *timeout* means packets are dropped on the way (a firewall, a security group).
# The mistake is reading both as "the service is down". Here is a refused connection, made
# safely on your own machine:

# %% course={"kind": "demo"}
import socket

probe = socket.socket()
probe.bind(("127.0.0.1", 0))  # port 0: the OS picks a free port
port = probe.getsockname()[1]
probe.close()  # now nothing listens there
try:
    socket.create_connection(("127.0.0.1", port), timeout=2)
except OSError as err:  # ConnectionRefusedError on Linux and macOS
    print(f"curl http://127.0.0.1:{port} -> {type(err).__name__}: nothing listens on that port")

ss_output = "\n".join([
    "State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process",
    'LISTEN 0      511          0.0.0.0:80        0.0.0.0:*     users:(("nginx",pid=1417,fd=6))',
    'LISTEN 0      2048       127.0.0.1:8000      0.0.0.0:*     users:(("python",pid=1302,fd=3))',
])
for row in ss_output.splitlines()[1:]:
    local, process = row.split()[3], row.split()[-1]
    print(f"port {local.rsplit(':', 1)[1]:>5} is held by {process}")

# %% [markdown] course={"kind": "lesson", "id": "archives", "covers": ["c-archive-commands-tar-gzip-gunzip-zip"]}
# ### Archives: tar, gzip, zip
#
# `tar` bundles many files into one (it does not compress by itself); `gzip` compresses one
# file. Together: `tar -czf backup.tar.gz dir/` creates, `tar -tzf` lists, `tar -xzf` extracts
# (`-C target/` chooses where). `gzip file` replaces `file` with `file.gz`; `gunzip` reverses it.
# `zip -r out.zip dir/` and `unzip` are the Windows-friendly pair.
#
# You meet tarballs in backups, release artefacts and Docker build contexts. The mistake: running
# `tar -xf` from someone else in your home folder without listing it first (`-t`); an archive
# can hold hundreds of loose files or paths like `../`.

# %% course={"kind": "demo"}
import gzip
import tarfile
import tempfile
import zipfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    site = Path(tmp, "site")
    site.mkdir()
    (site / "index.html").write_text("<h1>hello</h1>\n" * 200)
    (site / "app.log").write_text("GET / 200\n" * 500)
    with tarfile.open(Path(tmp, "site.tar.gz"), "w:gz") as tar:  # tar -czf site.tar.gz site
        tar.add(site, arcname="site")
    with tarfile.open(Path(tmp, "site.tar.gz")) as tar:  # tar -tzf site.tar.gz
        print("tar -tzf:", tar.getnames())
    raw = (site / "app.log").read_bytes()
    print(f"gzip app.log: {len(raw)} bytes -> {len(gzip.compress(raw))} bytes")
    with zipfile.ZipFile(Path(tmp, "site.zip"), "w", zipfile.ZIP_DEFLATED) as zf:  # zip -r
        for path in sorted(site.iterdir()):
            zf.write(path, f"site/{path.name}")
    print("unzip -l:", zipfile.ZipFile(Path(tmp, "site.zip")).namelist())

# %% [markdown] course={"kind": "lesson", "id": "package-managers", "covers": ["c-package-managers-apt-yum-dnf-brew"]}
# ### System package managers
#
# | task | Debian / Ubuntu | RHEL / Fedora / Amazon Linux | macOS |
# |---|---|---|---|
# | refresh the package index | `apt update` | (automatic) `dnf check-update` | `brew update` |
# | install | `apt install nginx` | `dnf install nginx` (`yum` on older releases) | `brew install nginx` |
# | upgrade everything | `apt upgrade` | `dnf upgrade` | `brew upgrade` |
# | which package owns a file | `dpkg -S /usr/bin/curl` | `rpm -qf /usr/bin/curl` | - |
#
# They install **system** software (nginx, git, compilers, libraries) for the whole machine,
# as root. In a Dockerfile you will write `apt-get update && apt-get install -y ...` in **one**
# `RUN` line, so a cached old index is never used. The mistake: installing your project's
# Python packages with them (`apt install python3-requests`): versions lag, and they belong to
# the operating system. Projects use a virtual environment (section 0.4).
#
# Which manager a machine uses follows from `/etc/os-release`:

# %% course={"kind": "demo"}
from pathlib import Path


def read_os_release(text: str) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in text.splitlines() if "=" in line)
    return {key: value.strip('"') for key, value in pairs}


def package_manager(info: dict[str, str]) -> str:
    family = {info.get("ID", ""), *info.get("ID_LIKE", "").split()}
    if family & {"debian", "ubuntu"}:
        return "apt"
    if family & {"rhel", "fedora", "centos", "amzn"}:
        return "dnf (yum on old releases)"
    if "alpine" in family:
        return "apk"
    return "unknown"


samples = {
    "Ubuntu": 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID="22.04"\n',
    "Rocky": 'NAME="Rocky Linux"\nID="rocky"\nID_LIKE="rhel centos fedora"\n',
    "Alpine": "NAME=\"Alpine Linux\"\nID=alpine\n",
}
for name, text in samples.items():
    print(f"{name:7} -> {package_manager(read_os_release(text))}")
here = Path("/etc/os-release")
if here.exists():
    info = read_os_release(here.read_text())
    print(f"this machine: {info.get('PRETTY_NAME', '?')} -> {package_manager(info)}")

# %% [markdown] course={"kind": "lesson", "id": "env-vars", "covers": ["c-environment-variables-export-env"]}
# ### Environment variables
#
# Every process carries a set of `NAME=value` strings, its **environment**, and hands a copy to
# each child it starts. In a shell, `NAME=value` makes a shell variable; `export NAME` puts it in
# the environment so children see it. `env` or `printenv` lists the environment; `env -i cmd`
# starts `cmd` with an empty one.
#
# Startup files set them for you: bash runs `~/.bash_profile` (or `~/.profile`) for **login**
# shells (an SSH session) and `~/.bashrc` for **interactive non-login** shells (a new terminal
# tab). Most people make `.bash_profile` source `.bashrc` so both get the same settings.
#
# Twelve-factor apps read configuration (`DATABASE_URL`, `LOG_LEVEL`) from the environment, and
# every container and CI job is configured this way. The mistake: a script works in your
# terminal but fails under cron or systemd, because those start with a tiny environment that
# never read your `.bashrc`.

# %% course={"kind": "demo"}
import os
import subprocess
import sys

show = [sys.executable, "-c", "import os; print(os.environ.get('LOG_LEVEL', '<not set>'))"]
parent_env = {name: value for name, value in os.environ.items() if name != "LOG_LEVEL"}
print("child of an env without LOG_LEVEL:", subprocess.run(show, env=parent_env, capture_output=True, text=True).stdout.strip())
exported = {**parent_env, "LOG_LEVEL": "debug"}  # like `export LOG_LEVEL=debug`
print("after export:                     ", subprocess.run(show, env=exported, capture_output=True, text=True).stdout.strip())
tiny = {"PATH": "/usr/bin:/bin"}  # roughly what cron gives a job
print("under a cron-like environment:    ", subprocess.run(show, env=tiny, capture_output=True, text=True).stdout.strip())
print("PATH entries in this notebook:    ", len(os.environ.get("PATH", "").split(os.pathsep)))

# %% [markdown] course={"kind": "lesson", "id": "redirections", "covers": ["c-redirections-2-2-1"]}
# ### Redirections and pipes
#
# A process starts with three open streams: **stdin** (0), **stdout** (1) and **stderr** (2).
# The shell can point them elsewhere *before* the program starts:
#
# | syntax | meaning | Python's `subprocess` equivalent |
# |---|---|---|
# | `cmd > out.txt` | stdout to a file, **emptied first** | `stdout=open("out.txt", "w")` |
# | `cmd >> out.txt` | stdout to the end of a file | `stdout=open("out.txt", "a")` |
# | `cmd < in.txt` | stdin from a file | `stdin=open("in.txt")` |
# | `cmd 2> err.txt` | stderr to a file | `stderr=open("err.txt", "w")` |
# | `cmd > all.txt 2>&1` | stderr to wherever stdout goes now | `stderr=subprocess.STDOUT` |
# | `a \| b` | a's stdout becomes b's stdin | `stdin=first.stdout` |
#
# Order matters: `cmd 2>&1 > file` sends stderr to the *old* stdout (your terminal) and only
# stdout to the file. In cron jobs, always end with `>> /var/log/job.log 2>&1`, or errors vanish.
# The demo plays each line with a child program that writes one line to each stream:

# %% course={"kind": "demo"}
import subprocess
import sys
import tempfile
from pathlib import Path

talk = [sys.executable, "-c",
        "import sys; print('to stdout', flush=True); print('to stderr', file=sys.stderr, flush=True)"]
with tempfile.TemporaryDirectory() as tmp:
    out, err, both = Path(tmp, "out.txt"), Path(tmp, "err.txt"), Path(tmp, "all.txt")
    with open(out, "w") as fh:
        subprocess.run(talk, stdout=fh, stderr=subprocess.DEVNULL)  # cmd > out.txt 2>/dev/null
    with open(out, "a") as fh:
        subprocess.run(talk, stdout=fh, stderr=subprocess.DEVNULL)  # cmd >> out.txt 2>/dev/null
    with open(err, "w") as fh:
        subprocess.run(talk, stdout=subprocess.DEVNULL, stderr=fh)  # cmd 2> err.txt >/dev/null
    with open(both, "w") as fh:
        subprocess.run(talk, stdout=fh, stderr=subprocess.STDOUT)  # cmd > all.txt 2>&1
    for path in (out, err, both):
        print(f"{path.name:8}", path.read_text().splitlines())

    upper = [sys.executable, "-c", "import sys; print(sys.stdin.read().upper(), end='')"]
    first = subprocess.Popen(talk, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    second = subprocess.run(upper, stdin=first.stdout, capture_output=True, text=True)  # talk | upper
    first.wait()
    print("talk | upper ->", second.stdout.splitlines())

# %% [markdown] course={"kind": "lesson", "id": "shell-scripts", "covers": ["c-shell-scripting-basics-variables"]}
# ### Shell scripting basics, and quoting
#
# A bash script is the commands you would type, plus variables, tests, loops and functions:
#
# ```bash
# #!/usr/bin/env bash
# set -euo pipefail                 # stop on errors, on unset variables, on failed pipes
# threshold=${1:-80}                # first argument, default 80 (no spaces around =)
# check() {                         # a function; its arguments are $1, $2...
#     local used=$1
#     if (( used > threshold )); then echo "ALERT $used%"; else echo "ok $used%"; fi
# }
# for used in 42 91; do check "$used"; done
# ```
#
# The one thing everyone gets wrong is **quoting**. The shell splits unquoted words on spaces
# and expands `*`, so `rm $file` with `file="my report.txt"` tries to delete `my` and
# `report.txt`. Always write `"$file"`. Python's `shlex` module splits and quotes the way a
# POSIX shell does, which is exactly what you need when you build command lines in Python:

# %% course={"kind": "demo"}
import shlex
import shutil
import subprocess

command = "grep -c 'connection refused' \"/var/log/my app.log\""
print("str.split  ->", command.split())
print("shlex.split->", shlex.split(command))
name = "my report.txt; rm -rf ~"
print("unsafe     -> rm " + name)
print("shlex.quote-> rm " + shlex.quote(name))

script = ('threshold=${1:-80}\n'
          'check() { local used=$1; if (( used > threshold )); then echo "ALERT $used%"; else echo "ok $used%"; fi; }\n'
          'for used in 42 91; do check "$used"; done\n')
if shutil.which("bash"):
    run = subprocess.run(["bash", "-c", script, "check-disk", "80"], capture_output=True, text=True)
    print("bash says  ->", run.stdout.split("\n")[:2])
else:
    print("bash is not installed here; the script would print: ok 42% / ALERT 91%")

# %% [markdown] course={"kind": "lesson", "id": "cron", "covers": ["c-cron-jobs-and-scheduling-crontab-e-cron"]}
# ### Cron: running jobs on a schedule
#
# `crontab -e` edits your personal table of scheduled jobs (`crontab -l` lists it). Each line
# is five time fields and a command:
#
# ```
# # minute  hour  day-of-month  month  day-of-week   command
#   0       0     *             *      *             /opt/backup/run.sh >> /var/log/backup.log 2>&1
#   */15    9-17  *             *      1-5           /opt/jobs/sync.sh
# ```
#
# | field | values | | syntax | meaning |
# |---|---|---|---|---|
# | minute | 0-59 | | `*` | every value |
# | hour | 0-23 | | `5` | exactly 5 |
# | day of month | 1-31 | | `1-5` | 1 to 5 inclusive |
# | month | 1-12 | | `1,15` | a list |
# | day of week | 0-7, **0 and 7 are Sunday** | | `*/15`, `0-30/10` | every 15th / every 10th from 0 to 30 |
#
# A job runs when the minute, hour and month all match and the **day** matches. One rule
# surprises everybody: when *both* day-of-month and day-of-week are restricted, cron runs the
# job if **either** matches (`0 0 13 * 5` runs on every 13th *and* on every Friday). The common
# Linux crons (Vixie cron, cronie) decide "restricted" by the field's **first character**: a
# field that starts with `*`, even `*/2`, counts as unrestricted, so `0 0 */2 * 1` runs only on
# Mondays with an odd date, not on every odd day plus every Monday.
#
# Cron jobs run with a minimal environment and your crontab's `SHELL`/`PATH`, in your home
# folder, with output mailed (or lost). Use absolute paths and redirect output to a log. Python
# numbers weekdays differently from cron, which is the bug waiting in every home-made scheduler:

# %% course={"kind": "demo"}
from datetime import datetime

for day in range(11, 18):
    when = datetime(2024, 3, day)
    print(f"{when:%a %d %b}: Python weekday() = {when.weekday()}, cron day-of-week = {when.isoweekday() % 7}")

# %% [markdown] course={"kind": "lesson", "id": "ssh", "covers": ["c-ssh-basics-ssh-ssh-keygen-ssh-copy-id"]}
# ### SSH: keys, copying and syncing
#
# | command | does |
# |---|---|
# | `ssh-keygen -t ed25519 -C "me@laptop"` | makes a key pair: `~/.ssh/id_ed25519` (private, never share) and `id_ed25519.pub` |
# | `ssh-copy-id user@host` | appends your public key to the server's `~/.ssh/authorized_keys` |
# | `ssh user@host` / `ssh -i key -p 2222 user@host` | log in; run one command with `ssh host 'df -h'` |
# | `scp file user@host:/tmp/` | copy files over SSH |
# | `rsync -avz --delete src/ user@host:dst/` | sync folders, sending only what changed |
#
# `~/.ssh/config` saves typing: a `Host` block gives an alias its `HostName`, `User`, `Port` and
# `IdentityFile`. SSH refuses a private key that the group or others may read (it wants `600`
# or `400`) and, on the server (with the default `StrictModes yes`), ignores `authorized_keys`
# when it, `~/.ssh` or your home folder is writable by the group or others.
#
# The mistake: in `ssh_config` the **first** value found for an option wins, so a broad
# `Host *` block at the *top* of the file overrides every specific block below it. Put specific
# hosts first and `Host *` last. This demo resolves an alias the way `ssh -G` does:

# %% course={"kind": "demo"}
import fnmatch

ssh_config = "\n".join([
    "Host gpu-*",
    "    User mlops",
    "    IdentityFile ~/.ssh/id_gpu",
    "Host gpu-1",
    "    HostName 10.0.3.11",
    "    User root",
    "Host *",
    "    User ubuntu",
    "    ServerAliveInterval 60",
])


def resolve(alias: str, text: str) -> dict[str, str]:
    settings: dict[str, str] = {}
    active = False
    for line in text.splitlines():
        key, _, value = line.strip().partition(" ")
        if key == "Host":
            active = any(fnmatch.fnmatch(alias, pattern) for pattern in value.split())
        elif active:
            settings.setdefault(key, value.strip())  # first value obtained wins
    return settings


print("ssh gpu-1 ->", resolve("gpu-1", ssh_config))  # User stays mlops: gpu-* came first
print("ssh web   ->", resolve("web", ssh_config))

# %% [markdown] course={"kind": "lesson", "id": "systemd", "covers": ["c-systemd-basics-systemctl-journalctl"]}
# ### systemd: services, systemctl, journalctl
#
# On most Linux servers **systemd** starts services at boot, restarts them when they crash and
# collects their output. A service is described by a **unit file** such as
# `/etc/systemd/system/model-api.service`:
#
# | command | does |
# |---|---|
# | `systemctl status model-api` | running or not, PID, the last log lines |
# | `systemctl start / stop / restart model-api` | now |
# | `systemctl enable --now model-api` | start at every boot (and now) |
# | `systemctl daemon-reload` | re-read unit files after you edit one |
# | `journalctl -u model-api -f --since "10 min ago"` | the service's logs, followed |
#
# The mistakes: editing a unit and forgetting `daemon-reload`, and believing `enable` starts the
# service today (it only links it for the next boot, unless you add `--now`). Unit files are in
# INI style, so Python's `configparser` can read a simple one like this. (Not every one: systemd
# allows a key several times, such as two `ExecStartPre=` lines, which `configparser` rejects
# as a duplicate.)

# %% course={"kind": "demo"}
import configparser

unit_text = "\n".join([
    "[Unit]",
    "Description=Model serving API",
    "After=network-online.target",
    "",
    "[Service]",
    "User=mlops",
    "WorkingDirectory=/opt/model-api",
    "Environment=LOG_LEVEL=info",
    "ExecStart=/opt/model-api/.venv/bin/uvicorn app:api --port 8000",
    "Restart=on-failure",
    "RestartSec=5",
    "",
    "[Install]",
    "WantedBy=multi-user.target",
])
unit = configparser.ConfigParser(interpolation=None)
unit.optionxform = str  # keep systemd's CamelCase keys
unit.read_string(unit_text)
for key in ("User", "ExecStart", "Restart", "RestartSec"):
    print(f"{key:11} = {unit['Service'][key]}")
print("enabled for:", unit["Install"]["WantedBy"])

# %% [markdown] course={"kind": "exercise", "id": "project-skeleton", "item": "x-create-a-directory-structure-for-a"}
# ### A project skeleton, the way `mkdir -p` and `touch` make it
#
# Write `create_project(root, name)` that creates this layout under the folder `root` and returns
# the `Path` of the project folder. `package` is `name` in lower case with `-` turned into `_`
# (Python cannot import a name with a dash). All files start empty.
#
# ```
# log-tools/                    # create_project(Path("/tmp/work"), "log-tools")
# ├── README.md
# ├── pyproject.toml
# ├── .gitignore
# ├── src/log_tools/__init__.py
# └── tests/test_log_tools.py
# ```
#
# Behave like `mkdir -p` and `touch`: running it again must not fail and must **not empty**
# files that already have content. A name that is empty or has anything other than the ASCII
# letters `A-Z` `a-z`, the digits `0-9`, `-` and `_` (a space, a `/`, `..`, an `é`, a newline
# at the end) raises `ValueError` before anything is created: it would create folders in
# surprising places.

# %% [markdown] course={"kind": "hint"}
# `Path.mkdir(parents=True, exist_ok=True)` is `mkdir -p`; `Path.touch()` is `touch`.

# %% [markdown] course={"kind": "hint"}
# Check the name with `re.fullmatch(r"[A-Za-z0-9_-]+", name)`. Not `re.match(r"...$")`: `$` also
# matches before a newline at the end; and not `\w` or `str.isalnum()`, which accept `é`.
# `write_text("")` is not `touch`: it empties the file every time.

# %% course={"kind": "solution"}
import re
from pathlib import Path


def create_project(root: Path, name: str) -> Path:
    """Create a Python project skeleton called ``name`` inside ``root``; return its folder."""
    ### BEGIN SOLUTION
    if not re.fullmatch(r"[A-Za-z0-9_-]+", name):
        raise ValueError(f"not a safe project name: {name!r}")
    package = name.lower().replace("-", "_")
    project = Path(root) / name
    for relative in ("README.md", "pyproject.toml", ".gitignore",
                     f"src/{package}/__init__.py", f"tests/test_{package}.py"):
        (project / relative).parent.mkdir(parents=True, exist_ok=True)  # mkdir -p
        (project / relative).touch()
    return project
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    project = create_project(Path(tmp), "inventory")
    assert isinstance(project, Path) and project == Path(tmp, "inventory"), f"return the project folder as a Path, got {project!r}"
    files = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file())
    expected = [".gitignore", "README.md", "pyproject.toml", "src/inventory/__init__.py", "tests/test_inventory.py"]
    assert files == expected, f"files created: {files}"
    assert all(project.joinpath(f).stat().st_size == 0 for f in files), "all files start empty"
    ### BEGIN HIDDEN TESTS
    assert sorted(p.name for p in Path(tmp).iterdir()) == ["inventory"], "everything goes inside the project folder"
    ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    project = Path(create_project(Path(tmp), "Log-Tools"))
    assert project.name == "Log-Tools", "the project folder keeps the name as given"
    assert (project / "src" / "log_tools" / "__init__.py").is_file(), "package folder: lower case, - becomes _"
    assert (project / "tests" / "test_log_tools.py").is_file(), "the test file is named after the package"

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    project = Path(create_project(Path(tmp), "inventory"))
    (project / "README.md").write_text("# Inventory\n")
    create_project(Path(tmp), "inventory")  # second run, like running the commands again
    assert (project / "README.md").read_text() == "# Inventory\n", "a second run must not empty existing files"

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    for bad in ("my project", "../escape", "", "a/b", ".."):
        try:
            create_project(Path(tmp), bad)
        except ValueError:
            pass
        else:
            raise AssertionError(f"create_project(root, {bad!r}) must raise ValueError")
    ### BEGIN HIDDEN TESTS
    assert not Path(tmp).parent.joinpath("escape").exists(), "nothing may be created outside root"
    assert list(Path(tmp).iterdir()) == [], "a rejected name creates nothing"
    ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    for bad in ("tools\n", "café", "tab\there", "x²"):
        try:
            create_project(Path(tmp), bad)
        except ValueError:
            pass
        else:
            raise AssertionError(f"create_project(root, {bad!r}) must raise ValueError: only ASCII letters, digits, - and _")
    assert list(Path(tmp).iterdir()) == [], "a rejected name creates nothing"
    assert Path(create_project(Path(tmp), "_x-9Z")).name == "_x-9Z", "ASCII letters, digits, - and _ are all fine"

# %% course={"kind": "wrong", "id": "dash-in-package", "fails": ["t2"]}
import re
from pathlib import Path


def create_project(root, name):
    if not re.fullmatch(r"[A-Za-z0-9_-]+", name):
        raise ValueError(name)
    project = Path(root) / name
    for relative in ("README.md", "pyproject.toml", ".gitignore", f"src/{name}/__init__.py", f"tests/test_{name}.py"):
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).touch()
    return project

# %% course={"kind": "wrong", "id": "write-empties", "fails": ["t3"]}
import re
from pathlib import Path


def create_project(root, name):
    if not re.fullmatch(r"[A-Za-z0-9_-]+", name):
        raise ValueError(name)
    package = name.lower().replace("-", "_")
    project = Path(root) / name
    for relative in ("README.md", "pyproject.toml", ".gitignore", f"src/{package}/__init__.py", f"tests/test_{package}.py"):
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).write_text("")
    return project

# %% course={"kind": "wrong", "id": "no-name-check", "fails": ["t4", "t5"]}
from pathlib import Path


def create_project(root, name):
    package = name.lower().replace("-", "_")
    project = Path(root) / name
    for relative in ("README.md", "pyproject.toml", ".gitignore", f"src/{package}/__init__.py", f"tests/test_{package}.py"):
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).touch()
    return project

# %% course={"kind": "wrong", "id": "word-chars-dollar", "fails": ["t5"]}
import re
from pathlib import Path


def create_project(root, name):
    if not re.match(r"^[\w-]+$", name):  # \w takes any letter (é); $ lets a final newline through
        raise ValueError(name)
    package = name.lower().replace("-", "_")
    project = Path(root) / name
    for relative in ("README.md", "pyproject.toml", ".gitignore", f"src/{package}/__init__.py", f"tests/test_{package}.py"):
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).touch()
    return project

# %% course={"kind": "wrong", "id": "blacklist", "fails": ["t4", "t5"]}
from pathlib import Path


def create_project(root, name):
    if not name or " " in name or ".." in name:  # forgets "/" and everything else
        raise ValueError(name)
    package = name.lower().replace("-", "_")
    project = Path(root) / name
    for relative in ("README.md", "pyproject.toml", ".gitignore", f"src/{package}/__init__.py", f"tests/test_{package}.py"):
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).touch()
    return project

# %% course={"kind": "wrong", "id": "returns-str", "fails": ["t1"]}
import re
from pathlib import Path


def create_project(root, name):
    if not re.fullmatch(r"[A-Za-z0-9_-]+", name):
        raise ValueError(name)
    package = name.lower().replace("-", "_")
    project = Path(root) / name
    for relative in ("README.md", "pyproject.toml", ".gitignore", f"src/{package}/__init__.py", f"tests/test_{package}.py"):
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).touch()
    return str(project)

# %% [markdown] course={"kind": "exercise", "id": "permission-strings"}
# ### Read and write permission strings
#
# `ls -l` shows permissions as text, `chmod` takes numbers. Write both directions:
#
# - `to_octal(text)` takes the 10-character string from `ls -l` and returns the mode as an
#   `int`: `to_octal("-rwxr-xr-x") == 0o755` (that is, 493).
# - `to_text(mode, kind="-")` returns the string for a mode and a type character:
#   `to_text(0o640) == "-rw-r-----"`, `to_text(0o755, "d") == "drwxr-xr-x"`.
#
# Also handle the three special bits: **setuid** (`0o4000`) shows as `s` in the owner's execute
# place (`S` when that execute bit is off), **setgid** (`0o2000`) the same in the group's place,
# and the **sticky** bit (`0o1000`) as `t`/`T` in the others' place: `/tmp` is `drwxrwxrwt`,
# which is `0o1777`. The first character (the file type: `-`, `d`, `l`...) adds nothing to the
# mode. `to_octal` raises `ValueError` for a string that is not 10 characters of this form:
# each of the nine places allows only its own letter or `-` (`r`, `w`, then `x`/`s`/`S` for
# owner and group and `x`/`t`/`T` for others), in lower case except `S` and `T`.

# %% [markdown] course={"kind": "hint"}
# Walk the nine characters after the type in groups of three. Within a group, `r`, `w` and `x`
# are worth 4, 2 and 1; multiply the owner's sum by 64 and the group's by 8 (octal places).

# %% [markdown] course={"kind": "hint"}
# In the third place of each group, `s`/`t` mean "special bit **and** execute", `S`/`T` mean
# "special bit, no execute". The special bit for group *i* (0, 1, 2) is `0o4000 >> i`.

# %% course={"kind": "solution"}
def to_octal(text: str) -> int:
    """``ls -l`` permission text (10 characters) to a numeric mode."""
    ### BEGIN SOLUTION
    if len(text) != 10:
        raise ValueError(f"expected 10 characters, got {text!r}")
    mode = special = 0
    specials = ("sS", "sS", "tT")
    for i in range(3):
        r, w, x = text[1 + 3 * i: 4 + 3 * i]
        if r not in "r-" or w not in "w-" or x not in "x-" + specials[i]:
            raise ValueError(f"not a permission string: {text!r}")
        mode = mode * 8 + (r == "r") * 4 + (w == "w") * 2 + (x in "x" + specials[i][0])
        if x in specials[i]:
            special |= 0o4000 >> i
    return mode | special
    ### END SOLUTION


def to_text(mode: int, kind: str = "-") -> str:
    """A numeric mode to ``ls -l`` text, with ``kind`` as the first character."""
    ### BEGIN SOLUTION
    out = kind
    specials = ("sS", "sS", "tT")
    for i in range(3):
        bits = (mode >> (6 - 3 * i)) & 7
        out += "r" if bits & 4 else "-"
        out += "w" if bits & 2 else "-"
        if mode & (0o4000 >> i):
            out += specials[i][0] if bits & 1 else specials[i][1]
        else:
            out += "x" if bits & 1 else "-"
    return out
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert to_octal("-rwxr-xr-x") == 0o755, f"got {to_octal('-rwxr-xr-x')!r}"
assert to_octal("-rw-r--r--") == 0o644
assert to_octal("drwx------") == 0o700, "the first character is the type; it adds nothing"
assert type(to_octal("-rw-------")) is int, "return an int (0o600), not the text '600'"
assert to_octal("----------") == 0 and to_octal("-rwxrwxrwx") == 0o777, "both ends: 0 and 0o777"

# %% course={"kind": "test", "points": 1}
assert to_text(0o640) == "-rw-r-----", f"got {to_text(0o640)!r}"
assert to_text(0o755, "d") == "drwxr-xr-x"
assert to_text(0) == "----------" and to_text(0o777) == "-rwxrwxrwx", "both ends: 0 and 0o777"
assert to_text(0o007) == "-------rwx" and to_text(0o100) == "---x------", "each class has its own three places"

# %% course={"kind": "test", "points": 2}
assert to_octal("drwxrwxrwt") == 0o1777, "t: sticky bit plus execute for others"
assert to_octal("-rwsr-xr-x") == 0o4755, "s in the owner's place: setuid plus execute"
assert to_text(0o2750, "d") == "drwxr-s---", "setgid shows as s in the group's place"
assert to_text(0o1644) == "-rw-r--r-T", "sticky without execute is a capital T"
### BEGIN HIDDEN TESTS
import stat

for mode in range(0o10000):
    text = to_text(mode)
    assert text == stat.filemode(stat.S_IFREG | mode), f"to_text({mode:o}) = {text}"
    assert to_octal(text) == mode, f"round trip fails for {mode:o}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad in ("rwxr-xr-x", "-rwxr-xr-xx", "-rwxq-xr-x", ""):
    try:
        to_octal(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"to_octal({bad!r}) must raise ValueError")
### BEGIN HIDDEN TESTS
for bad in ("-wrxr-xr-x", "-rwtr-xr-x", "-rwxr-xr-s", "-RWXR-XR-X", "-rwxr-xr-X", "-r-xr-xr-w", "-rw r--r--"):
    try:
        to_octal(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"to_octal({bad!r}) must raise ValueError: a letter in the wrong place")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "returns-text", "fails": ["t1", "t3", "t4"]}
def to_octal(text):
    if len(text) != 10:
        raise ValueError(text)
    digits = ""
    for i in range(3):
        group = text[1 + 3 * i: 4 + 3 * i]
        if any(c not in "rwx-" for c in group):
            raise ValueError(text)
        digits += str((group[0] == "r") * 4 + (group[1] == "w") * 2 + (group[2] == "x"))
    return digits


def to_text(mode, kind="-"):
    out = kind
    for shift in (6, 3, 0):
        bits = (mode >> shift) & 7
        out += ("r" if bits & 4 else "-") + ("w" if bits & 2 else "-") + ("x" if bits & 1 else "-")
    return out

# %% course={"kind": "wrong", "id": "letters-anywhere", "fails": ["t4"]}
def to_octal(text):
    if len(text) != 10 or any(c not in "rwxstST-" for c in text[1:]):
        raise ValueError(text)
    mode = special = 0
    for i in range(3):
        group = text[1 + 3 * i: 4 + 3 * i]
        mode = mode * 8 + ("r" in group) * 4 + ("w" in group) * 2 + any(c in "xst" for c in group)
        if any(c in "sStT" for c in group):
            special |= 0o4000 >> i
    return mode | special


def to_text(mode, kind="-"):
    out = kind
    for i, (on, off) in enumerate(("sS", "sS", "tT")):
        bits = (mode >> (6 - 3 * i)) & 7
        x = (on if bits & 1 else off) if mode & (0o4000 >> i) else ("x" if bits & 1 else "-")
        out += ("r" if bits & 4 else "-") + ("w" if bits & 2 else "-") + x
    return out

# %% course={"kind": "wrong", "id": "no-special-bits", "fails": ["t3", "t4"]}
def to_octal(text):
    if len(text) != 10:
        raise ValueError(text)
    mode = 0
    for i in range(3):
        group = text[1 + 3 * i: 4 + 3 * i]
        if any(c not in "rwxstST-" for c in group):
            raise ValueError(text)
        mode = mode * 8 + (group[0] == "r") * 4 + (group[1] == "w") * 2 + (group[2] == "x")
    return mode


def to_text(mode, kind="-"):
    out = kind
    for shift in (6, 3, 0):
        bits = (mode >> shift) & 7
        out += ("r" if bits & 4 else "-") + ("w" if bits & 2 else "-") + ("x" if bits & 1 else "-")
    return out

# %% [markdown] course={"kind": "exercise", "id": "ssh-permissions", "item": "x-set-up-ssh-keys-and-connect-to-a-remote"}
# ### Are these SSH files locked down?
#
# SSH is strict about permissions, and "Permission denied (publickey)" after a careful key setup
# is usually a mode problem. Write `ssh_permission_problems(ssh_dir)` that checks a `~/.ssh`
# folder against the usual hardening rules (SSH itself refuses the worst cases: a private key
# the group or others can read, an `authorized_keys` file or folder they can write) and returns
# the **sorted** list of names that are too open (`"."` for the folder itself):
#
# | what | rule | typical fix |
# |---|---|---|
# | the folder | no permissions at all for group or others | `chmod 700 ~/.ssh` |
# | private keys: names starting `id_` and **not** ending `.pub` | no permissions for group or others | `chmod 600 ~/.ssh/id_ed25519` |
# | every other file (`*.pub`, `authorized_keys`, `config`, `known_hosts`) | not writable by group or others | `chmod 644` |
#
# ```python
# # ~/.ssh is 700, id_ed25519 is 644 (oops), id_ed25519.pub is 644, config is 664
# ssh_permission_problems(Path.home() / ".ssh")   # ['config', 'id_ed25519']
# ```
#
# Only regular files inside the folder are checked: a subfolder (say `sockets/` for
# `ControlPath`) is neither reported nor searched.

# %% [markdown] course={"kind": "hint"}
# `stat.S_IMODE(path.stat().st_mode)` is the permission part of the mode. "No permissions for
# group or others" means `mode & 0o077 == 0`; "not writable by them" means `mode & 0o022 == 0`.

# %% [markdown] course={"kind": "hint"}
# Decide what a file is by its name: `name.startswith("id_") and not name.endswith(".pub")`.
# Check the folder's own mode as well as the files in it.

# %% course={"kind": "solution"}
import stat
from pathlib import Path


def ssh_permission_problems(ssh_dir: Path) -> list[str]:
    """Names in ``ssh_dir`` (``"."`` for the folder) whose permissions SSH would reject."""
    ### BEGIN SOLUTION
    ssh_dir = Path(ssh_dir)
    problems = []
    if stat.S_IMODE(ssh_dir.stat().st_mode) & 0o077:
        problems.append(".")
    for path in ssh_dir.iterdir():
        mode = stat.S_IMODE(path.stat().st_mode)
        private = path.name.startswith("id_") and not path.name.endswith(".pub")
        if path.is_file() and mode & (0o077 if private else 0o022):
            problems.append(path.name)
    return sorted(problems)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    ssh = Path(tmp, ".ssh")
    ssh.mkdir()
    ssh.chmod(0o700)
    for name, mode in [("id_ed25519", 0o600), ("id_ed25519.pub", 0o644), ("authorized_keys", 0o600), ("config", 0o644)]:
        Path(ssh, name).write_text("x\n")
        Path(ssh, name).chmod(mode)
    result = ssh_permission_problems(ssh)
    assert result == [], f"a correct setup has no problems, got {result}"

# %% course={"kind": "test", "points": 2}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    ssh = Path(tmp, ".ssh")
    ssh.mkdir()
    ssh.chmod(0o700)
    for name, mode in [("id_ed25519", 0o644), ("id_ed25519.pub", 0o644), ("config", 0o664)]:
        Path(ssh, name).write_text("x\n")
        Path(ssh, name).chmod(mode)
    result = ssh_permission_problems(ssh)
    assert result == ["config", "id_ed25519"], f"expected ['config', 'id_ed25519'], got {result}"
    ### BEGIN HIDDEN TESTS
    Path(ssh, "id_ed25519").chmod(0o640)  # group can read: still too open for a private key
    Path(ssh, "config").chmod(0o644)
    assert ssh_permission_problems(ssh) == ["id_ed25519"], "a private key readable by the group is too open"
    Path(ssh, "id_ed25519").chmod(0o400)
    Path(ssh, "id_rsa").write_text("x\n")
    Path(ssh, "id_rsa").chmod(0o604)
    assert ssh_permission_problems(ssh) == ["id_rsa"], "others may not read a private key either"
    Path(ssh, "id_rsa").chmod(0o610)
    assert ssh_permission_problems(ssh) == ["id_rsa"], "no permission at all for the group: not even x"
    Path(ssh, "id_rsa").chmod(0o601)
    assert ssh_permission_problems(str(ssh)) == ["id_rsa"], "nor for others, not even x (and a str folder works too)"
    Path(ssh, "id_rsa").chmod(0o600)
    for name, mode in [("known_hosts", 0o646), ("id_rsa-cert.pub", 0o620), ("authorized_keys", 0o444), ("id_ed25519.pub", 0o755)]:
        Path(ssh, name).write_text("x\n")
        Path(ssh, name).chmod(mode)
    result = ssh_permission_problems(ssh)
    assert result == ["id_rsa-cert.pub", "known_hosts"], f"public files: only group/others WRITE is a problem; got {result}"
    ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    ssh = Path(tmp, ".ssh")
    ssh.mkdir()
    Path(ssh, "authorized_keys").write_text("ssh-ed25519 AAAA... me@laptop\n")
    Path(ssh, "authorized_keys").chmod(0o600)
    ssh.chmod(0o755)
    result = ssh_permission_problems(ssh)
    assert result == ["."], f"a 755 ~/.ssh folder is too open; got {result}"
    Path(ssh, "config").write_text("Host *\n")
    Path(ssh, "config").chmod(0o666)
    result = ssh_permission_problems(ssh)
    assert result == [".", "config"], f"the list is sorted: '.' comes before letters; got {result}"
    ### BEGIN HIDDEN TESTS
    Path(ssh, "config").chmod(0o644)
    ssh.chmod(0o701)
    assert ssh_permission_problems(ssh) == ["."], "others may not even enter ~/.ssh (x)"
    ssh.chmod(0o700)
    Path(ssh, "sockets").mkdir()
    Path(ssh, "sockets").chmod(0o777)
    Path(ssh, "sockets", "id_x").write_text("x\n")
    Path(ssh, "sockets", "id_x").chmod(0o666)
    assert ssh_permission_problems(ssh) == [], "subfolders are neither reported nor searched"
    Path(ssh, "sockets").chmod(0o700)
    ### END HIDDEN TESTS
    ssh.chmod(0o700)

# %% course={"kind": "wrong", "id": "pub-as-private", "fails": ["t1", "t2", "t3"]}
import stat
from pathlib import Path


def ssh_permission_problems(ssh_dir):
    ssh_dir = Path(ssh_dir)
    problems = ["."] if stat.S_IMODE(ssh_dir.stat().st_mode) & 0o077 else []
    for path in ssh_dir.iterdir():
        mode = stat.S_IMODE(path.stat().st_mode)
        private = path.name.startswith("id_")
        if mode & (0o077 if private else 0o022):
            problems.append(path.name)
    return sorted(problems)

# %% course={"kind": "wrong", "id": "others-only", "fails": ["t2", "t3"]}
import stat
from pathlib import Path


def ssh_permission_problems(ssh_dir):
    ssh_dir = Path(ssh_dir)
    problems = ["."] if stat.S_IMODE(ssh_dir.stat().st_mode) & 0o007 else []
    for path in ssh_dir.iterdir():
        mode = stat.S_IMODE(path.stat().st_mode)
        private = path.name.startswith("id_") and not path.name.endswith(".pub")
        if mode & (0o007 if private else 0o002):
            problems.append(path.name)
    return sorted(problems)

# %% course={"kind": "wrong", "id": "folder-last-unsorted", "fails": ["t3"]}
import stat
from pathlib import Path


def ssh_permission_problems(ssh_dir):
    ssh_dir = Path(ssh_dir)
    problems = []
    for path in sorted(ssh_dir.iterdir()):
        if path.is_file():
            mode = stat.S_IMODE(path.stat().st_mode)
            private = path.name.startswith("id_") and not path.name.endswith(".pub")
            if mode & (0o077 if private else 0o022):
                problems.append(path.name)
    if stat.S_IMODE(ssh_dir.stat().st_mode) & 0o077:
        problems.append(".")
    return problems

# %% course={"kind": "wrong", "id": "forgets-folder", "fails": ["t3"]}
import stat
from pathlib import Path


def ssh_permission_problems(ssh_dir):
    problems = []
    for path in Path(ssh_dir).iterdir():
        mode = stat.S_IMODE(path.stat().st_mode)
        private = path.name.startswith("id_") and not path.name.endswith(".pub")
        if mode & (0o077 if private else 0o022):
            problems.append(path.name)
    return sorted(problems)

# %% [markdown] course={"kind": "exercise", "id": "disk-alerts", "item": "x-write-a-shell-script-that-monitors-disk"}
# ### Disk usage alerts from `df -P`
#
# A monitoring script runs `df -P` and alerts on full disks. Write
# `disk_alerts(df_output, threshold=80)` that takes the command's text output and returns a list
# of `(mount_point, percent_used)` pairs for every file system **above** the threshold (strictly
# greater), fullest first, ties in mount-point order. `percent_used` is an `int`.
#
# ```python
# text = open("data/df.txt").read()      # a df -P report shipped with this notebook
# disk_alerts(text)                      # [('/', 89), ('/var/lib/docker', 86)]
# disk_alerts(text, threshold=85)        # [('/', 89), ('/var/lib/docker', 86)]
# disk_alerts(text, threshold=86)        # [('/', 89)]
# ```
#
# The first line is a header, whatever it says. The mount point is everything after the capacity
# column, so it can contain spaces. Skip lines whose capacity is `-` (some pseudo file systems show
# that) and lines with fewer than six columns.

# %% [markdown] course={"kind": "hint"}
# `line.split(maxsplit=5)` gives six parts; the fifth is the capacity (`"89%"`) and the sixth
# is the whole mount point.

# %% [markdown] course={"kind": "hint"}
# Compare numbers, not strings: `"9%" > "80%"` is `True`. Turn `"89%"` into `89` with
# `int(capacity.rstrip("%"))`, and sort with `key=lambda pair: (-pair[1], pair[0])`.

# %% course={"kind": "solution"}
def disk_alerts(df_output: str, threshold: int = 80) -> list[tuple[str, int]]:
    """File systems in a ``df -P`` report that are more than ``threshold`` percent full."""
    ### BEGIN SOLUTION
    alerts = []
    for line in df_output.splitlines()[1:]:
        parts = line.split(maxsplit=5)
        if len(parts) < 6 or not parts[4].endswith("%"):
            continue
        percent = int(parts[4].rstrip("%"))
        if percent > threshold:
            alerts.append((parts[5], percent))
    return sorted(alerts, key=lambda pair: (-pair[1], pair[0]))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
with open("data/df.txt") as fh:
    report = fh.read()
result = disk_alerts(report)
assert result == [("/", 89), ("/var/lib/docker", 86)], f"got {result}"
assert all(type(pair) is tuple and type(pair[1]) is int for pair in result), "(mount, percent) tuples; the percentage is an int"

# %% course={"kind": "test", "points": 2}
header = "Filesystem 1024-blocks Used Available Capacity Mounted on"
lines = [header, "/dev/sda1 100 80 20 80% /data", "/dev/sdb1 100 9 91 9% /home", "/dev/sdc1 100 81 19 81% /srv"]
result = disk_alerts("\n".join(lines))
assert result == [("/srv", 81)], f"80% is not above 80, and 9% is not above 80 (compare numbers!), got {result}"
assert disk_alerts("\n".join(lines), threshold=5) == [("/srv", 81), ("/data", 80), ("/home", 9)], "use the threshold argument"
assert disk_alerts(header) == [], "a report with only the header has no alerts"
### BEGIN HIDDEN TESTS
full = [header, "/dev/sda1 100 100 0 100% /full", "/dev/sdb1 100 0 100 0% /empty"]
assert disk_alerts("\n".join(full), threshold=99) == [("/full", 100)], "100% is above 99"
assert disk_alerts("\n".join(full), threshold=100) == [], "nothing is above 100"
assert disk_alerts("\n".join(full), threshold=-1) == [("/full", 100), ("/empty", 0)], "0% is above -1"
assert disk_alerts("") == [], "an empty report has no alerts"
assert disk_alerts(header + "\n" + lines[3] + "\n\n") == [("/srv", 81)], "blank lines are skipped"
assert disk_alerts("Filesystem Size Used Avail Use% Mounted on\n" + lines[3]) == [("/srv", 81)], "skip the first line, even df -h's"
assert disk_alerts(header + "\n/dev/sdz1 100 95 5 95%\n" + lines[3]) == [("/srv", 81)], "fewer than six columns: skipped"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
header = "Filesystem 1024-blocks Used Available Capacity Mounted on"
lines = [header, "/dev/sdd1 100 95 5 95% /media/usb stick", "proc - - - - /proc", "/dev/sde1 100 95 5 95% /backups"]
result = disk_alerts("\n".join(lines))
assert result == [("/backups", 95), ("/media/usb stick", 95)], f"mount points may contain spaces; ties by name; got {result}"
### BEGIN HIDDEN TESTS
two_spaces = [header, "/dev/sdd1 100 95 5 95% /media/my  disk", "/dev/sdf1\t100 99 1 99%\t/tabbed"]
assert disk_alerts("\n".join(two_spaces)) == [("/tabbed", 99), ("/media/my  disk", 95)], "keep the mount point exactly, two spaces and all"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "at-least", "fails": ["t1", "t2"]}
def disk_alerts(df_output, threshold=80):
    alerts = []
    for line in df_output.splitlines()[1:]:
        parts = line.split(maxsplit=5)
        if len(parts) == 6 and parts[4].endswith("%") and int(parts[4][:-1]) >= threshold:
            alerts.append((parts[5], int(parts[4][:-1])))
    return sorted(alerts, key=lambda pair: (-pair[1], pair[0]))

# %% course={"kind": "wrong", "id": "string-compare", "fails": ["t1", "t2"]}
def disk_alerts(df_output, threshold=80):
    alerts = []
    for line in df_output.splitlines()[1:]:
        parts = line.split(maxsplit=5)
        if len(parts) == 6 and parts[4].endswith("%") and parts[4] > f"{threshold}%":
            alerts.append((parts[5], int(parts[4][:-1])))
    return sorted(alerts, key=lambda pair: (-pair[1], pair[0]))

# %% course={"kind": "wrong", "id": "joins-words", "fails": ["t3"]}
def disk_alerts(df_output, threshold=80):
    alerts = []
    for line in df_output.splitlines()[1:]:
        parts = line.split()
        if len(parts) >= 6 and parts[4].endswith("%") and int(parts[4][:-1]) > threshold:
            alerts.append((" ".join(parts[5:]), int(parts[4][:-1])))
    return sorted(alerts, key=lambda pair: (-pair[1], pair[0]))

# %% course={"kind": "wrong", "id": "awk-fields", "fails": ["t2", "t3"]}
def disk_alerts(df_output, threshold=80):
    alerts = []
    for line in df_output.splitlines()[1:]:
        parts = line.split()
        if parts[4].endswith("%") and int(parts[4][:-1]) > threshold:
            alerts.append((parts[5], int(parts[4][:-1])))
    return sorted(alerts, key=lambda pair: (-pair[1], pair[0]))

# %% [markdown] course={"kind": "exercise", "id": "server-errors", "item": "x-use-grep-and-awk-to-extract-error-logs"}
# ### Pull the server errors out of an access log
#
# Each line of `data/access.log` is in the *combined* log format:
#
# ```
# 203.0.113.7 - - [12/Mar/2024:10:01:05 +0000] "GET /api/orders HTTP/1.1" 200 9021 "-" "curl/8.5.0"
# ^client IP         ^time                      ^request: method path protocol ^status ^bytes
# ```
#
# Write `server_errors(path)` that returns a list of `(ip, path, status)` tuples for every
# request whose status is a server error (500 to 599), in file order, with `status` as an `int`
# and `path` exactly as written in the log (query string included). Real logs contain junk: skip
# any line that does not have a quoted request of exactly three words followed by a numeric
# status. One more real-world detail: Apache writes a `"` that a client put *inside* the request
# as `\"`, so `"GET /search?q=\"gpu\" HTTP/1.1"` is one request, whose path is
# `/search?q=\"gpu\"` (backslashes kept).
#
# ```python
# server_errors("data/access.log")[0]   # ('198.51.100.23', '/api/models/predict', 503)
# ```
#
# The shell answer, `awk '$9 >= 500'`, counts fields by spaces, so a junk request of two words
# (`"GET /x" 200 503 ...`) moves a byte count into field 9 and gets reported; and `grep 500`
# finds byte counts and URLs that contain 500. Check your answer does neither.

# %% [markdown] course={"kind": "hint"}
# Split on the double quote: `line.split('"')` gives the part before the request, the request,
# and the part after it, which starts with the status and the byte count. Wrap the parsing of
# one line in `try: ... except (ValueError, IndexError): continue`: unpacking
# `method, path, protocol = request.split()` and `int(...)` raise `ValueError` on junk.

# %% [markdown] course={"kind": "hint"}
# Escaped quotes break the plain split: the request would end at the `\"`. A regular expression
# reads a quoted field with escapes in it: `"((?:[^"\\]|\\.)*)"` means "a quote, then any
# number of (a character that is neither a quote nor a backslash, or a backslash and the
# character after it), then a quote". For the whole line:
# `re.match(r'(\S+) [^"]*"((?:[^"\\]|\\.)*)" (\S+) ', line)` gives the IP, the request and
# the status.

# %% course={"kind": "solution"}
import re


def server_errors(path: str) -> list[tuple[str, str, int]]:
    """(ip, path, status) of every 5xx response in an access log, in file order."""
    ### BEGIN SOLUTION
    log_line = re.compile(r'(\S+) [^"]*"((?:[^"\\]|\\.)*)" ([0-9]+)(?:\s|$)')  # ip, request, status
    found = []
    with open(path) as log:
        for line in log:
            match = log_line.match(line)
            if not match:
                continue
            ip, request, status_text = match.groups()
            words = request.split()
            status = int(status_text)
            if len(words) == 3 and 500 <= status <= 599:
                found.append((ip, words[1], status))
    return found
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
errors = server_errors("data/access.log")
assert errors[0] == ("198.51.100.23", "/api/models/predict", 503), f"first error: {errors[0]}"
assert len(errors) == 9, f"the sample log has 9 server errors, you found {len(errors)}"
assert type(errors) is list and all(type(e) is tuple and type(e[2]) is int for e in errors), "a list of tuples; statuses are ints"

# %% course={"kind": "test", "points": 1}
errors = server_errors("data/access.log")
assert all(500 <= status <= 599 for _, _, status in errors), "only 5xx statuses belong in the result"
assert all(path != "/api/items/500" for _, path, _ in errors), "a 500 in the URL is not a server error"
### BEGIN HIDDEN TESTS
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    sample = Path(tmp, "mini.log")
    sample.write_text("\n".join([
        '10.0.0.9 - - [12/Mar/2024:10:00:00 +0000] "GET /z HTTP/1.1" 499 10 "-" "t"',
        '10.0.0.1 - - [12/Mar/2024:10:00:00 +0000] "GET /a?x=1 HTTP/1.1" 599 10 "-" "t"',
        '10.0.0.3 - - [12/Mar/2024:10:00:02 +0000] "GET /b HTTP/1.1" 600 10 "-" "t"',
        '10.0.0.4 - - [12/Mar/2024:10:00:03 +0000] "POST /c HTTP/1.1" 500 500 "-" "t"',
        '10.0.0.5 - - [12/Mar/2024:10:00:04 +0000] "GET /d HTTP/1.1" 200 500 "-" "t"',
        '10.0.0.1 - - [12/Mar/2024:10:00:05 +0000] "GET /e HTTP/1.1" 502 - "-" "t"',
    ]) + "\n")
    result = server_errors(str(sample))
    assert result == [("10.0.0.1", "/a?x=1", 599), ("10.0.0.4", "/c", 500), ("10.0.0.1", "/e", 502)], f"got {result}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import tempfile
from pathlib import Path

junk = [
    "garbage without quotes",
    "",
    '10.0.0.2 - - [12/Mar/2024:10:00:01 +0000] "-" 400 0 "-" "-"',
    '10.0.0.3 - - [12/Mar/2024:10:00:02 +0000] "GET /two-words" 200 503 "-" "t"',
    '10.0.0.4 - - [12/Mar/2024:10:00:03 +0000] "GET /four words HTTP/1.1" 500 10 "-" "t"',
    '10.0.0.5 - - [12/Mar/2024:10:00:04 +0000] "GET /bad-status HTTP/1.1" 5xx 10 "-" "t"',
    '10.0.0.6 - - [12/Mar/2024:10:00:05 +0000] "GET /cut',
]
good = '10.0.0.7 - - [12/Mar/2024:10:00:06 +0000] "GET /ok HTTP/1.1" 500 10 "-" "t"'
with tempfile.TemporaryDirectory() as tmp:
    Path(tmp, "junk.log").write_text("\n".join(junk + [good]) + "\n")
    result = server_errors(str(Path(tmp, "junk.log")))
    assert result == [("10.0.0.7", "/ok", 500)], f"skip every junk line (a two-word request whose byte count 503 sits where awk's $9 is, a four-word one, a status that is not a number); got {result}"

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

escaped = '10.0.0.8 - - [12/Mar/2024:10:00:07 +0000] "GET /search?q=\\"gpu\\" HTTP/1.1" 502 10 "-" "t"'
with tempfile.TemporaryDirectory() as tmp:
    Path(tmp, "escaped.log").write_text(escaped + "\n")
    result = server_errors(str(Path(tmp, "escaped.log")))
    assert result == [("10.0.0.8", '/search?q=\\"gpu\\"', 502)], f'an escaped \\" belongs to the request; got {result}'

# %% course={"kind": "wrong", "id": "grep-500", "fails": ["t1", "t2", "t3", "t4"]}
def server_errors(path):
    found = []
    with open(path) as log:
        for line in log:
            if "500" in line:
                parts = line.split()
                found.append((parts[0], parts[6], 500))
    return found

# %% course={"kind": "wrong", "id": "awk-columns", "fails": ["t3"]}
def server_errors(path):
    found = []
    with open(path) as log:
        for line in log:
            fields = line.split()  # awk's $1 ... $9
            try:
                status = int(fields[8])
            except (ValueError, IndexError):
                continue
            if 500 <= status <= 599:
                found.append((fields[0], fields[6], status))
    return found

# %% course={"kind": "wrong", "id": "split-on-every-quote", "fails": ["t4"]}
def server_errors(path):
    found = []
    with open(path) as log:
        for line in log:
            try:
                before, request, after = line.split('"')[:3]
                _method, target, _protocol = request.split()
                status = int(after.split()[0])
            except (ValueError, IndexError):
                continue
            if 500 <= status <= 599:
                found.append((before.split()[0], target, status))
    return found

# %% course={"kind": "wrong", "id": "no-upper-bound", "fails": ["t2"]}
import re


def server_errors(path):
    found = []
    with open(path) as log:
        for line in log:
            match = re.match(r'(\S+) [^"]*"((?:[^"\\]|\\.)*)" ([0-9]+) ', line)
            if match and len(match.group(2).split()) == 3 and int(match.group(3)) >= 500:
                found.append((match.group(1), match.group(2).split()[1], int(match.group(3))))
    return found

# %% [markdown] course={"kind": "exercise", "id": "cron-matcher", "item": "x-create-a-cron-job-that-runs-a-backup"}
# ### Does this cron line fire now?
#
# First set `NIGHTLY_BACKUP` to the five-field cron schedule for "every day at midnight". Then
# write `cron_matches(expression, when)` that says whether a cron schedule fires at the
# `datetime` `when` (seconds are ignored). Support, in every field: `*`, a number, a range
# `a-b`, a step `*/n` or `a-b/n`, and comma lists of those. Follow real cron:
#
# - day of week is 0-7 where **both 0 and 7 mean Sunday** (Python's `weekday()` says Monday is 0);
# - when both day-of-month and day-of-week are restricted, the day matches if **either** does;
#   like Vixie cron and cronie, call a day field unrestricted when it **starts with `*`** (so
#   `*/2` counts as unrestricted, and then both day fields must match);
# - raise `ValueError` when there are not exactly five fields, a value is out of range
#   (minute 0-59, hour 0-23, day 1-31, month 1-12, weekday 0-7), or a field is malformed: an
#   empty list item, a step below 1, a range that runs backwards (`5-1`), anything that is not
#   a number. (Names such as `MON` or `JAN` are not needed.)
#
# ```python
# cron_matches("0 0 * * *", datetime(2024, 3, 12, 0, 0))          # True
# cron_matches("*/15 9-17 * * 1-5", datetime(2024, 3, 16, 9, 30)) # False: a Saturday
# ```

# %% [markdown] course={"kind": "hint"}
# Write a helper `values(field, low, high)` that turns one field into the set of numbers it
# allows: split on commas; for each part split off `/step`; `*` means `low-high`; `a-b` is a
# range; a bare number is itself. `range(start, end + 1, step)` does the rest.

# %% [markdown] course={"kind": "hint"}
# Cron's weekday for a date is `when.isoweekday() % 7` (Sunday becomes 0). Parse the weekday
# field with range 0-7, then treat 7 as 0.

# %% [markdown] course={"kind": "hint"}
# The day rule: `if dom_field.startswith("*") or dow_field.startswith("*"): day_ok = dom_ok and dow_ok`,
# else `day_ok = dom_ok or dow_ok`.

# %% course={"kind": "solution", "equivalent": {"m-19f849b5": "a step of 0 makes range() raise ValueError anyway, and a negative step is below 0 too", "m-35a15a97": "without the check, unpacking the wrong number of fields into five names raises ValueError anyway"}}
from datetime import datetime

### BEGIN SOLUTION
NIGHTLY_BACKUP = "0 0 * * *"


def _cron_values(field: str, low: int, high: int) -> set[int]:
    allowed: set[int] = set()
    for part in field.split(","):
        base, _, step_text = part.partition("/")
        step = int(step_text) if step_text else 1
        if base == "*":
            start, end = low, high
        elif "-" in base:
            start, end = (int(x) for x in base.split("-"))
        else:
            start = end = int(base)
        if not (low <= start <= end <= high) or step < 1:
            raise ValueError(f"{part!r} is outside {low}-{high}")
        allowed.update(range(start, end + 1, step))
    return allowed


def cron_matches(expression: str, when: datetime) -> bool:
    """Whether the five-field cron ``expression`` fires at the minute of ``when``."""
    fields = expression.split()
    if len(fields) != 5:
        raise ValueError(f"a cron schedule has 5 fields, got {len(fields)}")
    minute, hour, dom, month, dow = fields
    weekdays = {0 if d == 7 else d for d in _cron_values(dow, 0, 7)}
    dom_ok = when.day in _cron_values(dom, 1, 31)
    dow_ok = when.isoweekday() % 7 in weekdays
    if dom.startswith("*") or dow.startswith("*"):
        day_ok = dom_ok and dow_ok
    else:
        day_ok = dom_ok or dow_ok
    return (when.minute in _cron_values(minute, 0, 59)
            and when.hour in _cron_values(hour, 0, 23)
            and when.month in _cron_values(month, 1, 12)
            and day_ok)
### END SOLUTION

# %% course={"kind": "test", "points": 1}
from datetime import datetime

assert NIGHTLY_BACKUP.split() == ["0", "0", "*", "*", "*"], f"NIGHTLY_BACKUP is {NIGHTLY_BACKUP!r}"
assert cron_matches(NIGHTLY_BACKUP, datetime(2024, 3, 12, 0, 0)) is True, "midnight matches"
assert cron_matches(NIGHTLY_BACKUP, datetime(2024, 3, 12, 0, 1)) is False, "00:01 does not"
assert cron_matches(NIGHTLY_BACKUP, datetime(2024, 3, 12, 12, 0)) is False, "noon does not"
assert cron_matches("* * * * *", datetime(2031, 7, 4, 13, 37)) is True, "five stars match every minute"
assert cron_matches(NIGHTLY_BACKUP, datetime(2024, 3, 12, 0, 0, 59)) is True, "seconds are ignored"

# %% course={"kind": "test", "points": 2}
from datetime import datetime

work = "*/15 9-17 * * 1-5"
assert cron_matches(work, datetime(2024, 3, 12, 9, 30)), "Tuesday 09:30 is on the quarter hour in work time"
assert not cron_matches(work, datetime(2024, 3, 12, 9, 31)), "09:31 is not a multiple of 15"
assert not cron_matches(work, datetime(2024, 3, 12, 18, 0)), "18:00 is after 9-17"
assert cron_matches(work, datetime(2024, 3, 15, 17, 45)), "ranges include their end: Friday 17:45 is in 9-17 and 1-5"
assert not cron_matches(work, datetime(2024, 3, 16, 9, 30)), "2024-03-16 is a Saturday"
assert cron_matches("0 8,20 * * *", datetime(2024, 3, 12, 20, 0)), "lists: 8 or 20"
### BEGIN HIDDEN TESTS
assert cron_matches("5-59/20 * * * *", datetime(2024, 3, 12, 7, 25)), "a stepped range counts from its start: 5, 25, 45"
assert not cron_matches("5-59/20 * * * *", datetime(2024, 3, 12, 7, 20))
assert cron_matches("0 0 1 1 *", datetime(2025, 1, 1)) and not cron_matches("0 0 1 1 *", datetime(2025, 2, 1))
assert cron_matches("0-10/5,30 * * * *", datetime(2024, 3, 12, 7, 30))
assert cron_matches("0-10/5,30 * * * *", datetime(2024, 3, 12, 7, 10)) and not cron_matches("0-10/5,30 * * * *", datetime(2024, 3, 12, 7, 11))
assert cron_matches("* * * * *", datetime(2024, 12, 31, 23, 59)), "the top of every range: minute 59, hour 23, day 31, month 12"
assert cron_matches("59 23 31 12 *", datetime(2024, 12, 31, 23, 59)) and cron_matches("0 0 1 1 *", datetime(2024, 1, 1, 0, 0))
assert cron_matches("*/20 */6 * * *", datetime(2024, 3, 12, 18, 40)) and not cron_matches("*/20 */6 * * *", datetime(2024, 3, 12, 19, 40))
assert cron_matches("7 * * * *", datetime(2024, 3, 12, 5, 7)) is True and cron_matches("7 * * * *", datetime(2024, 3, 12, 5, 8)) is False
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
from datetime import datetime

sunday, monday = datetime(2024, 3, 17, 3, 0), datetime(2024, 3, 18, 3, 0)
assert cron_matches("0 3 * * 0", sunday), "0 is Sunday in cron (2024-03-17 is a Sunday)"
assert cron_matches("0 3 * * 7", sunday), "7 is Sunday too"
assert not cron_matches("0 3 * * 0", monday), "Monday is 1 in cron"
### BEGIN HIDDEN TESTS
assert cron_matches("0 0 13 * 5", datetime(2024, 3, 13)), "restricted day and weekday: the 13th matches"
assert cron_matches("0 0 13 * 5", datetime(2024, 3, 15)), "...and so does any Friday"
assert not cron_matches("0 0 13 * 5", datetime(2024, 3, 14)), "a Thursday the 14th matches neither"
assert cron_matches("0 0 * * 6,0", datetime(2024, 3, 16)) and cron_matches("0 0 * * 6,0", datetime(2024, 3, 17)), "weekends"
assert not cron_matches("0 0 * * 1-5", datetime(2024, 3, 17)), "Sunday is not in 1-5"
assert cron_matches("0 0 * * 5-7", datetime(2024, 3, 17)), "5-7 ends on Sunday (7)"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
from datetime import datetime

assert cron_matches("0 0 13 * 5", datetime(2024, 3, 15)) is True, "both day fields restricted: any Friday matches, not only Friday the 13th"
odd_mondays = "0 0 */2 * 1"  # a day field that starts with * counts as unrestricted: both must match
assert cron_matches(odd_mondays, datetime(2024, 3, 11)) is True, "Monday the 11th: odd day and Monday"
assert cron_matches(odd_mondays, datetime(2024, 3, 18)) is False, "Monday the 18th: */2 (1, 3, 5...) does not match, and */2 counts as *"
assert cron_matches(odd_mondays, datetime(2024, 3, 13)) is False, "Wednesday the 13th: odd, but not a Monday"
### BEGIN HIDDEN TESTS
assert cron_matches("0 0 1 * */2", datetime(2024, 3, 1)) is False, "Friday the 1st: */2 in day-of-week (0,2,4,6) starts with *, so both must match"
assert cron_matches("0 0 1 * */2", datetime(2024, 6, 1)) is True, "Saturday the 1st: the 1st, and Saturday (6) is in */2"
assert cron_matches("0 0 1 * */2", datetime(2024, 6, 2)) is False, "Sunday the 2nd is in */2 but not the 1st"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
from datetime import datetime

for bad in ("0 0 * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 8", "* * * 0 *"):
    try:
        cron_matches(bad, datetime(2024, 3, 12))
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r} must raise ValueError")
### BEGIN HIDDEN TESTS
for bad in ("", "0 0 * * * *", "*/0 * * * *", "5-1 * * * *", "1,,2 * * * *", "x * * * *", "-1 * * * *", "* * 32 * *", "0-60 * * * *"):
    try:
        cron_matches(bad, datetime(2024, 3, 12))
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r} must raise ValueError")
assert cron_matches("59 23 31 12 7", datetime(2024, 12, 31, 23, 59)) is True, "the top value of each field is allowed"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "python-weekday", "fails": ["t2", "t3", "t4"]}
from datetime import datetime

NIGHTLY_BACKUP = "0 0 * * *"


def _values(field, low, high):
    allowed = set()
    for part in field.split(","):
        base, _, step = part.partition("/")
        start, end = (low, high) if base == "*" else (map(int, base.split("-")) if "-" in base else (int(base), int(base)))
        if not low <= start <= end <= high:
            raise ValueError(part)
        allowed.update(range(start, end + 1, int(step or 1)))
    return allowed


def cron_matches(expression, when):
    fields = expression.split()
    if len(fields) != 5:
        raise ValueError(expression)
    minute, hour, dom, month, dow = fields
    dom_ok, dow_ok = when.day in _values(dom, 1, 31), when.weekday() in _values(dow, 0, 7)
    day_ok = (dom_ok or dow_ok) if dom != "*" and dow != "*" else (dom_ok and dow_ok)
    return when.minute in _values(minute, 0, 59) and when.hour in _values(hour, 0, 23) and when.month in _values(month, 1, 12) and day_ok

# %% course={"kind": "wrong", "id": "both-days", "fails": ["t3", "t4", "t5"]}
from datetime import datetime

NIGHTLY_BACKUP = "0 0 * * *"


def _values(field, low, high):
    allowed = set()
    for part in field.split(","):
        base, _, step = part.partition("/")
        start, end = (low, high) if base == "*" else (map(int, base.split("-")) if "-" in base else (int(base), int(base)))
        if not low <= start <= end <= high:
            raise ValueError(part)
        allowed.update(range(start, end + 1, int(step or 1)))
    return allowed


def cron_matches(expression, when):
    fields = expression.split()
    if len(fields) != 5:
        raise ValueError(expression)
    minute, hour, dom, month, dow = fields
    weekdays = {d % 7 for d in _values(dow, 0, 7)}
    return (when.minute in _values(minute, 0, 59) and when.hour in _values(hour, 0, 23)
            and when.month in _values(month, 1, 12) and when.day in _values(dom, 1, 31)
            and when.isoweekday() % 7 in weekdays)

# %% course={"kind": "wrong", "id": "star-means-exactly-star", "fails": ["t4"]}
from datetime import datetime

NIGHTLY_BACKUP = "0 0 * * *"


def _values(field, low, high):
    allowed = set()
    for part in field.split(","):
        base, _, step = part.partition("/")
        start, end = (low, high) if base == "*" else (map(int, base.split("-")) if "-" in base else (int(base), int(base)))
        if not low <= start <= end <= high or int(step or 1) < 1:
            raise ValueError(part)
        allowed.update(range(start, end + 1, int(step or 1)))
    return allowed


def cron_matches(expression, when):
    fields = expression.split()
    if len(fields) != 5:
        raise ValueError(expression)
    minute, hour, dom, month, dow = fields
    weekdays = {d % 7 for d in _values(dow, 0, 7)}
    dom_ok, dow_ok = when.day in _values(dom, 1, 31), when.isoweekday() % 7 in weekdays
    day_ok = (dom_ok or dow_ok) if dom != "*" and dow != "*" else (dom_ok and dow_ok)  # */2 is not "*" here
    return when.minute in _values(minute, 0, 59) and when.hour in _values(hour, 0, 23) and when.month in _values(month, 1, 12) and day_ok

# %% course={"kind": "wrong", "id": "range-excludes-end", "fails": ["t1", "t2", "t3", "t4", "t5"]}
from datetime import datetime

NIGHTLY_BACKUP = "0 0 * * *"


def _values(field, low, high):
    allowed = set()
    for part in field.split(","):
        base, _, step = part.partition("/")
        start, end = (low, high) if base == "*" else (map(int, base.split("-")) if "-" in base else (int(base), int(base)))
        if not low <= start <= end <= high or int(step or 1) < 1:
            raise ValueError(part)
        allowed.update(range(start, end, int(step or 1)))  # like Python's range: the end is left out
    return allowed


def cron_matches(expression, when):
    fields = expression.split()
    if len(fields) != 5:
        raise ValueError(expression)
    minute, hour, dom, month, dow = fields
    weekdays = {d % 7 for d in _values(dow, 0, 7)}
    dom_ok, dow_ok = when.day in _values(dom, 1, 31), when.isoweekday() % 7 in weekdays
    day_ok = (dom_ok and dow_ok) if dom.startswith("*") or dow.startswith("*") else (dom_ok or dow_ok)
    return when.minute in _values(minute, 0, 59) and when.hour in _values(hour, 0, 23) and when.month in _values(month, 1, 12) and day_ok

# %% course={"kind": "wrong", "id": "step-from-zero", "fails": ["t2", "t4", "t5"]}
from datetime import datetime

NIGHTLY_BACKUP = "0 0 * * *"


def _values(field, low, high):
    allowed = set()
    for part in field.split(","):
        base, _, step = part.partition("/")
        start, end = (low, high) if base == "*" else (map(int, base.split("-")) if "-" in base else (int(base), int(base)))
        if not low <= start <= end <= high:
            raise ValueError(part)
        allowed.update(v for v in range(start, end + 1) if v % int(step or 1) == 0)
    return allowed


def cron_matches(expression, when):
    fields = expression.split()
    if len(fields) != 5:
        raise ValueError(expression)
    minute, hour, dom, month, dow = fields
    weekdays = {d % 7 for d in _values(dow, 0, 7)}
    dom_ok, dow_ok = when.day in _values(dom, 1, 31), when.isoweekday() % 7 in weekdays
    day_ok = (dom_ok or dow_ok) if dom != "*" and dow != "*" else (dom_ok and dow_ok)
    return when.minute in _values(minute, 0, 59) and when.hour in _values(hour, 0, 23) and when.month in _values(month, 1, 12) and day_ok

# %% [markdown] course={"kind": "task", "id": "cron-backup", "item": "x-create-a-cron-job-that-runs-a-backup", "points": 2}
# ### Schedule the backup for real (on a machine you own)
#
# Write a small `backup.sh` that makes a dated archive of a folder of your choice
# (`tar -czf ~/backups/notes-$(date +%F).tar.gz ~/notes`), then add it to *your* crontab with
# `crontab -e` to run every day at midnight. Paste the crontab line and explain each of its six
# parts. Check the next morning that the archive exists, and where its output went.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: the line is `0 0 * * *` followed by an **absolute** path to the script, with output
#   redirected to a log (`>> ... 2>&1`).
# - 1 point: the explanation names the five time fields correctly and mentions that cron runs with
#   a minimal environment (absolute paths, no `.bashrc`).

# %% [markdown] course={"kind": "exercise", "id": "python-line-counts", "item": "x-write-a-shell-script-that-takes-a"}
# ### List the Python files in a folder, with their line counts
#
# The shell version is `find DIR -name '*.py' | xargs wc -l`. Write
# `python_line_counts(directory)` that returns a list of `(relative_path, lines)` pairs for
# every `.py` file under `directory`, at any depth, sorted by path. Paths are relative to
# `directory`, written with `/`. Read the files as UTF-8 and count lines the way an editor shows
# them: a line ends at a newline (Python reads `\r\n` as one), a last line without a newline
# still counts, an empty file has 0 lines. Skip everything inside folders whose names start with
# a dot (`.venv`, `.git`, at any depth): nobody wants the line count of a virtual environment.
#
# ```python
# python_line_counts("my_tool")
# # [('cli.py', 42), ('pkg/__init__.py', 0), ('pkg/core.py', 118)]
# ```
#
# If `directory` is not an existing folder, raise `NotADirectoryError`, as a shell script
# would exit with an error.

# %% [markdown] course={"kind": "hint"}
# `Path(directory).rglob("*.py")` walks every level. `path.relative_to(root).as_posix()` gives
# the `a/b.py` form.

# %% [markdown] course={"kind": "hint"}
# `text.count("\n")` is what `wc -l` does: it misses a last line with no newline, so add one
# when the text is not empty and does not end with `"\n"`. Careful with `text.splitlines()`: it
# also breaks at a form feed `\f` and other rare separators that editors show inside a line
# (old Python files use `\f` as a page break). To skip dot folders, look at
# `path.relative_to(root).parts[:-1]`.

# %% course={"kind": "solution"}
from pathlib import Path


def python_line_counts(directory) -> list[tuple[str, int]]:
    """(relative path, line count) for each .py file under ``directory``, sorted by path."""
    ### BEGIN SOLUTION
    root = Path(directory)
    if not root.is_dir():
        raise NotADirectoryError(f"not a directory: {directory}")
    counts = []
    for path in root.rglob("*.py"):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts[:-1]) or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n") + (1 if text and not text.endswith("\n") else 0)
        counts.append((relative.as_posix(), lines))
    return sorted(counts)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    Path(tmp, "cli.py").write_text("import sys\nprint(sys.argv)\n")
    Path(tmp, "notes.txt").write_text("not python\n")
    result = python_line_counts(tmp)
    assert result == [("cli.py", 2)], f"got {result}"

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    Path(tmp, "pkg", "sub").mkdir(parents=True)
    Path(tmp, "z.py").write_text("x = 1\n")
    Path(tmp, "pkg", "a.py").write_text("a = 1\nb = 2\nc = 3\n")
    Path(tmp, "pkg", "sub", "deep.py").write_text("d = 4\n")
    result = python_line_counts(Path(tmp))
    assert result == [("pkg/a.py", 3), ("pkg/sub/deep.py", 1), ("z.py", 1)], f"search every level, sort by path; got {result}"

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    Path(tmp, "no_newline.py").write_text("a = 1\nb = 2")
    Path(tmp, "empty.py").write_text("")
    result = python_line_counts(tmp)
    assert result == [("empty.py", 0), ("no_newline.py", 2)], f"a last line without newline still counts; got {result}"
    Path(tmp, "page_break.py").write_text("def a():\n    pass\n\f\ndef b():\n    pass\n")
    Path(tmp, "crlf.py").write_bytes(b"x = 1\r\ny = 2\r\n")
    Path(tmp, "greek.py").write_text("π = 3.14159\n# ένα σχόλιο\n", encoding="utf-8")
    result = python_line_counts(tmp)
    assert dict(result)["page_break.py"] == 5, f"a form feed does not end a line (splitlines() thinks it does); got {result}"
    assert dict(result)["crlf.py"] == 2 and dict(result)["greek.py"] == 2, f"\\r\\n ends one line; files are UTF-8; got {result}"

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    Path(tmp, ".venv", "lib").mkdir(parents=True)
    Path(tmp, ".venv", "lib", "six.py").write_text("x\n" * 900)
    Path(tmp, "app.py").write_text("run()\n")
    result = python_line_counts(tmp)
    assert result == [("app.py", 1)], f"skip files inside dot folders; got {result}"
    try:
        python_line_counts(Path(tmp, "missing"))
    except NotADirectoryError:
        pass
    else:
        raise AssertionError("a folder that does not exist must raise NotADirectoryError")
    ### BEGIN HIDDEN TESTS
    Path(tmp, ".hidden_but_file.py").write_text("ok\n")
    assert (".hidden_but_file.py", 1) in python_line_counts(tmp), "only dot *folders* are skipped"
    Path(tmp, "pkg", ".cache", "deep").mkdir(parents=True)
    Path(tmp, "pkg", ".cache", "deep", "gen.py").write_text("x\n")
    Path(tmp, "pkg", ".cache", "direct.py").write_text("x\n")
    Path(tmp, "pkg", "ok.py").write_text("y\n")
    Path(tmp, "weird.py").mkdir()
    assert python_line_counts(tmp) == [(".hidden_but_file.py", 1), ("app.py", 1), ("pkg/ok.py", 1)], "dot folders at any depth; a folder named x.py is no file"
    assert python_line_counts(Path(tmp, "pkg", ".cache", "deep")) == [("gen.py", 1)], "only dots *under* the folder you were given count"
    try:
        python_line_counts(Path(tmp, "app.py"))
    except NotADirectoryError:
        pass
    else:
        raise AssertionError("a file is not a directory")
    ### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "not-recursive", "fails": ["t2", "t3", "t4"]}
from pathlib import Path


def python_line_counts(directory):
    root = Path(directory)
    if not root.is_dir():
        raise NotADirectoryError(directory)
    return sorted((p.name, len(p.read_text().splitlines())) for p in root.glob("*.py"))

# %% course={"kind": "wrong", "id": "splitlines", "fails": ["t3"]}
from pathlib import Path


def python_line_counts(directory):
    root = Path(directory)
    if not root.is_dir():
        raise NotADirectoryError(directory)
    counts = []
    for path in root.rglob("*.py"):
        relative = path.relative_to(root)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts[:-1]):
            counts.append((relative.as_posix(), len(path.read_text(encoding="utf-8").splitlines())))
    return sorted(counts)

# %% course={"kind": "wrong", "id": "top-dot-only", "fails": ["t4"]}
from pathlib import Path


def python_line_counts(directory):
    root = Path(directory)
    if not root.is_dir():
        raise NotADirectoryError(directory)
    counts = []
    for path in root.rglob("*.py"):
        relative = path.relative_to(root)
        if path.is_file() and not relative.parts[0].startswith(".") or len(relative.parts) == 1:
            text = path.read_text(encoding="utf-8")
            counts.append((relative.as_posix(), text.count("\n") + (1 if text and not text.endswith("\n") else 0)))
    return sorted(counts)

# %% course={"kind": "wrong", "id": "wc-counting", "fails": ["t3", "t4"]}
from pathlib import Path


def python_line_counts(directory):
    root = Path(directory)
    if not root.is_dir():
        raise NotADirectoryError(directory)
    counts = []
    for path in root.rglob("*.py"):
        relative = path.relative_to(root)
        if not any(part.startswith(".") for part in relative.parts[:-1]):
            counts.append((relative.as_posix(), path.read_text().count("\n")))
    return sorted(counts)

# %% course={"kind": "wrong", "id": "includes-venv", "fails": ["t3", "t4"]}
from pathlib import Path


def python_line_counts(directory):
    root = Path(directory)
    if not root.is_dir():
        raise NotADirectoryError(directory)
    return sorted((p.relative_to(root).as_posix(), len(p.read_text().splitlines())) for p in root.rglob("*.py"))

# %% [markdown] course={"kind": "exercise", "id": "top-memory", "item": "project-0-1-1"}
# ### Health monitor, part 1: the top processes by memory
#
# The monitor runs `ps -eo pid,user,%cpu,%mem,rss,args` and keeps the biggest memory users.
# Write `top_by_memory(ps_output, n=5)` that returns `(pid, command, mem_percent)` for the `n`
# processes with the highest `%MEM`, highest first, ties broken by the smaller PID. `pid` is an
# `int`, `mem_percent` a `float`, and `command` is the **whole** command line, exactly as `ps`
# printed it (spaces inside included). Blank lines are skipped.
#
# ```python
# text = open("data/ps.txt").read()
# top_by_memory(text, n=2)
# # [(1250, 'python3 train.py --epochs 20 --batch-size 64', 31.6),
# #  (1302, '/opt/venvs/serve/bin/python -m uvicorn app:api --port 8000', 12.4)]
# ```

# %% [markdown] course={"kind": "hint"}
# Skip the header line; `line.split(maxsplit=5)` keeps the command line in one piece.

# %% [markdown] course={"kind": "hint"}
# Sort numbers, not text (`"9.8" > "31.6"` as strings): convert first, then
# `sorted(rows, key=lambda r: (-r[2], r[0]))[:n]`.

# %% course={"kind": "solution"}
def top_by_memory(ps_output: str, n: int = 5) -> list[tuple[int, str, float]]:
    """The ``n`` biggest memory users in ``ps -eo pid,user,%cpu,%mem,rss,args`` output."""
    ### BEGIN SOLUTION
    rows = []
    for line in ps_output.splitlines()[1:]:
        if not line.strip():
            continue
        pid, _user, _cpu, mem, _rss, command = line.split(maxsplit=5)
        rows.append((int(pid), command, float(mem)))
    return sorted(rows, key=lambda row: (-row[2], row[0]))[:n]
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
with open("data/ps.txt") as fh:
    sample = fh.read()
top = top_by_memory(sample)
assert [pid for pid, _, _ in top] == [1250, 1302, 803, 2290, 911], f"PIDs by memory: {[p for p, _, _ in top]}"
assert top[0] == (1250, "python3 train.py --epochs 20 --batch-size 64", 31.6), f"first row: {top[0]}"
assert all(type(row) is tuple and type(row[0]) is int and type(row[2]) is float for row in top), "(int pid, command, float %MEM) tuples"

# %% course={"kind": "test", "points": 1}
with open("data/ps.txt") as fh:
    sample = fh.read()
assert len(top_by_memory(sample, n=2)) == 2, "n chooses how many"
assert len(top_by_memory(sample, n=50)) == 10, "asking for more than there are returns them all"
### BEGIN HIDDEN TESTS
header = "    PID USER     %CPU %MEM     RSS COMMAND"
rows = ["   20 a 0.0  1.5 100 b c", "    7 a 0.0  1.5 100 zz top", "    9 a 0.0 10.0 100 z"]
assert top_by_memory("\n".join([header, *rows]), n=3) == [(9, "z", 10.0), (7, "zz top", 1.5), (20, "b c", 1.5)], "ties: smaller PID first"
assert top_by_memory(header) == [], "no processes, no rows"
assert top_by_memory("\n".join([header, *rows]), n=0) == [], "n=0 asks for none"
assert top_by_memory("\n".join([header, *rows]), n=1) == [(9, "z", 10.0)], "n=1: the single biggest"
spaced = "\n".join([header, "  100 a 0.0  9.9 100 sh -c  'sleep  5'", "", "   \t", "  101 a 0.0 10.0 100 x"]) + "\n"
assert top_by_memory(spaced, n=5) == [(101, "x", 10.0), (100, "sh -c  'sleep  5'", 9.9)], "keep the command's inner spaces; skip blank lines"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "text-sort", "fails": ["t1", "t2"]}
def top_by_memory(ps_output, n=5):
    rows = []
    for line in ps_output.splitlines()[1:]:
        pid, _user, _cpu, mem, _rss, command = line.split(maxsplit=5)
        rows.append((int(pid), command, mem))
    rows.sort(key=lambda row: row[2], reverse=True)
    return [(pid, command, float(mem)) for pid, command, mem in rows[:n]]

# %% course={"kind": "wrong", "id": "joins-words", "fails": ["t2"]}
def top_by_memory(ps_output, n=5):
    rows = []
    for line in ps_output.splitlines()[1:]:
        parts = line.split()
        if parts:
            rows.append((int(parts[0]), " ".join(parts[5:]), float(parts[3])))
    return sorted(rows, key=lambda row: (-row[2], row[0]))[:n]

# %% course={"kind": "wrong", "id": "first-word-only", "fails": ["t1", "t2"]}
def top_by_memory(ps_output, n=5):
    rows = []
    for line in ps_output.splitlines()[1:]:
        parts = line.split()
        rows.append((int(parts[0]), parts[5], float(parts[3])))
    return sorted(rows, key=lambda row: (-row[2], row[0]))[:n]

# %% [markdown] course={"kind": "exercise", "id": "health-table", "item": "project-0-1-1"}
# ### Health monitor, part 2: a readable table
#
# Write `render_table(headers, rows)` that lays out rows as a plain-text table, the kind a
# health monitor prints:
#
# ```python
# print(render_table(["metric", "value", "unit"], [["cpu", 37.5, "%"], ["memory", 61.25, "%"], ["processes", 212, ""]]))
# ```
# ```
# metric     value  unit
# ---------  -----  ----
# cpu         37.5  %
# memory      61.2  %
# processes    212
# ```
#
# Rules: each column is as wide as its widest cell (header included); columns are separated by
# two spaces; cells that are numbers (`int` and `float`) are **right**-aligned, everything else
# (text, even text such as `"42"`, and the headers) is left-aligned; floats show one decimal
# (`f"{x:.1f}"`); under the headers a line of dashes as wide as each column; **no spaces at the
# end of any line**; lines joined with `"\n"`, no newline at the end.

# %% [markdown] course={"kind": "hint"}
# First turn every cell into its text. Then `widths[i] = max(len(text) for text in column i)`,
# counting the header.

# %% [markdown] course={"kind": "hint"}
# `text.rjust(width)` and `text.ljust(width)` pad; join cells with `"  "` and call `.rstrip()`
# on each finished line. Decide alignment from the cell's type, `isinstance(cell, (int, float))`,
# not from its text: `"42"` is text.

# %% course={"kind": "solution"}
def render_table(headers: list[str], rows: list[list]) -> str:
    """A plain-text table: numbers right-aligned, text left-aligned, dashes under the header."""
    ### BEGIN SOLUTION
    def text(cell) -> str:
        return f"{cell:.1f}" if isinstance(cell, float) else str(cell)

    cells = [[text(cell) for cell in row] for row in rows]
    widths = [max([len(h)] + [len(row[i]) for row in cells]) for i, h in enumerate(headers)]
    numeric = [[isinstance(cell, (int, float)) for cell in row] for row in rows]

    def line(texts: list[str], right: list[bool]) -> str:
        padded = [t.rjust(w) if r else t.ljust(w) for t, w, r in zip(texts, widths, right)]
        return "  ".join(padded).rstrip()

    out = [line(headers, [False] * len(headers)), "  ".join("-" * w for w in widths)]
    out += [line(row, flags) for row, flags in zip(cells, numeric)]
    return "\n".join(out)
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
table = render_table(["metric", "value", "unit"], [["cpu", 37.5, "%"], ["memory", 61.25, "%"], ["processes", 212, ""]])
expected = "\n".join([
    "metric     value  unit",
    "---------  -----  ----",
    "cpu         37.5  %",
    "memory      61.2  %",
    "processes    212",
])
assert table == expected, f"the table should be:\n{expected}\nbut is:\n{table}"

# %% course={"kind": "test", "points": 1}
table = render_table(["pid", "command"], [[7, "nginx"], [12345, "python3 train.py"]])
lines = table.split("\n")
assert lines[2] == "    7  nginx", f"numbers are right-aligned, text left: {lines[2]!r}"
assert all(line == line.rstrip() for line in lines), "no line may end with spaces"
assert not table.endswith("\n"), "no newline after the last line"

# %% course={"kind": "test", "points": 1}
table = render_table(["a_long_header", "n"], [["x", 1.0]])
assert table.split("\n")[1] == "-------------  ---", f"dashes as wide as each column: {table.split(chr(10))[1]!r}"
assert table.split("\n")[2] == "x              1.0", "the header counts towards the width"
assert table.split("\n")[0] == "a_long_header  n", f"headers are left-aligned: {table.split(chr(10))[0]!r}"
### BEGIN HIDDEN TESTS
assert render_table(["name", "size"], []) == "name  size\n----  ----", "no rows: header and dashes only"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
table = render_table(["id", "delta", "note"], [["42", -3.25, "μs"], ["7", 0, "ok"], ["x", 0.0, ""]])
expected = "\n".join([
    "id  delta  note",
    "--  -----  ----",
    "42   -3.2  μs",
    "7       0  ok",
    "x     0.0",
])
assert table == expected, f"'42' is text (left), numbers right, 0 and 0.0 are shown; expected:\n{expected}\ngot:\n{table}"

# %% course={"kind": "wrong", "id": "all-left", "fails": ["t1", "t2", "t4"]}
def render_table(headers, rows):
    cells = [[f"{c:.1f}" if isinstance(c, float) else str(c) for c in row] for row in rows]
    widths = [max([len(h)] + [len(row[i]) for row in cells]) for i, h in enumerate(headers)]
    lines = [list(headers), ["-" * w for w in widths], *cells]
    return "\n".join("  ".join(t.ljust(w) for t, w in zip(line, widths)).rstrip() for line in lines)

# %% course={"kind": "wrong", "id": "looks-numeric", "fails": ["t4"]}
def render_table(headers, rows):
    cells = [[f"{c:.1f}" if isinstance(c, float) else str(c) for c in row] for row in rows]
    widths = [max([len(h)] + [len(row[i]) for row in cells]) for i, h in enumerate(headers)]

    def numeric(text):
        return text.lstrip("-").replace(".", "", 1).isdigit()

    out = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip(), "  ".join("-" * w for w in widths)]
    for texts in cells:
        out.append("  ".join(t.rjust(w) if numeric(t) else t.ljust(w) for t, w in zip(texts, widths)).rstrip())
    return "\n".join(out)

# %% course={"kind": "wrong", "id": "trailing-spaces", "fails": ["t1", "t2", "t3", "t4"]}
def render_table(headers, rows):
    cells = [[f"{c:.1f}" if isinstance(c, float) else str(c) for c in row] for row in rows]
    widths = [max([len(h)] + [len(row[i]) for row in cells]) for i, h in enumerate(headers)]
    out = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)), "  ".join("-" * w for w in widths)]
    for row, texts in zip(rows, cells):
        out.append("  ".join(t.rjust(w) if isinstance(c, (int, float)) else t.ljust(w)
                             for c, t, w in zip(row, texts, widths)))
    return "\n".join(out)

# %% [markdown] course={"kind": "task", "id": "health-monitor-script", "item": "project-0-1-1", "points": 4}
# ### The health monitor as a real script
#
# Turn the two functions into `health.py` (or a bash script) that prints CPU usage, memory
# usage, disk usage of `/`, and the top 5 processes by memory, as tables, on your own Linux
# machine or VM. Read the numbers from `/proc/loadavg`, `/proc/meminfo`, `shutil.disk_usage("/")`
# and `ps -eo pid,user,%cpu,%mem,rss,args`. Bonus: also save the output to
# `health-YYYYmmdd-HHMMSS.log`. Paste one run's output and your code.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: CPU (load or %) and memory figures come from the machine, with units.
# - 1 point: disk usage and the top-5 table use the functions from this notebook (or equivalent
#   code), sorted numerically.
# - 1 point: the output is aligned and readable; no trailing debug prints.
# - 1 point (bonus): a timestamped log file, named with a sortable timestamp.

# %% [markdown] course={"kind": "exercise", "id": "log-summary", "item": "project-0-1-2"}
# ### Log analyzer: the summary behind the report
#
# Write `summarize_log(lines, top=10)` for an iterable of access-log lines (combined format, as in
# the exercise above; any iterable: a list, an open file, a generator, read **once**). It returns
# a dict:
#
# | key | value |
# |---|---|
# | `"requests"` | number of lines that parsed, by the rules of the exercise above (a quoted request of three words, `\"` allowed inside it, then a numeric status) |
# | `"skipped"` | number of lines that did not |
# | `"top_ips"` | the `top` most frequent client IPs as `(ip, count)` |
# | `"top_paths"` | the `top` most requested paths **without the query string** (`/api/orders?page=2` counts as `/api/orders`) |
# | `"error_rate"` | the percentage of parsed requests with status 400 or more, as a `float` rounded to 1 decimal (`0.0` when there are no requests) |
#
# Order the top lists by count, highest first, and **break ties alphabetically**, so the report
# is the same every time.
#
# ```python
# with open("data/access.log") as log:
#     summary = summarize_log(log)
# summary["requests"], summary["skipped"], summary["top_ips"][0]   # (198, 2, ('203.0.113.7', 44))
# ```

# %% [markdown] course={"kind": "hint"}
# Parse each line as in *Pull the server errors out of an access log*, then feed IPs and paths to
# two `collections.Counter` objects. `path.split("?")[0]` drops the query string.

# %% [markdown] course={"kind": "hint"}
# `Counter.most_common()` breaks ties by first appearance, not alphabetically. Sort the items
# yourself: `sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:top]`.

# %% course={"kind": "solution"}
import re
from collections import Counter


def summarize_log(lines, top: int = 10) -> dict:
    """Requests, skipped lines, top IPs and paths, and error rate of an access log."""
    ### BEGIN SOLUTION
    ips: Counter = Counter()
    paths: Counter = Counter()
    requests = skipped = errors = 0
    log_line = re.compile(r'(\S+) [^"]*"((?:[^"\\]|\\.)*)" ([0-9]+)(?:\s|$)')  # ip, request, status
    for line in lines:
        match = log_line.match(line)
        words = match.group(2).split() if match else []
        if len(words) != 3:
            skipped += 1
            continue
        ip, target, status = match.group(1), words[1], int(match.group(3))
        requests += 1
        ips[ip] += 1
        paths[target.split("?")[0]] += 1
        errors += status >= 400

    def ranked(counter: Counter) -> list[tuple[str, int]]:
        return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:top]

    return {
        "requests": requests,
        "skipped": skipped,
        "top_ips": ranked(ips),
        "top_paths": ranked(paths),
        "error_rate": round(100 * errors / requests, 1) if requests else 0.0,
    }
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
with open("data/access.log") as log:
    summary = summarize_log(log)
assert summary["requests"] == 198, f"198 lines parse, got {summary['requests']}"
assert summary["skipped"] == 2, f"2 lines are junk, got {summary['skipped']}"

# %% course={"kind": "test", "points": 2}
with open("data/access.log") as log:
    summary = summarize_log(log)
expected_ips = [("203.0.113.7", 44), ("198.51.100.23", 25), ("10.0.0.5", 21), ("203.0.113.99", 20),
                ("192.0.2.44", 18), ("172.16.4.20", 17), ("198.51.100.4", 11), ("10.0.0.12", 10),
                ("192.0.2.150", 10), ("203.0.113.250", 8)]
assert summary["top_ips"][:3] == expected_ips[:3], f"top three IPs: {summary['top_ips'][:3]}"
assert summary["top_ips"] == expected_ips, "ten IPs, count first, ties alphabetically (10.0.0.12 before 192.0.2.150)"

# %% course={"kind": "test", "points": 2}
with open("data/access.log") as log:
    summary = summarize_log(log, top=8)
paths = summary["top_paths"]
assert len(paths) == 8, "top=8 gives eight paths"
assert paths[:2] == [("/api/users", 32), ("/api/orders", 31)], f"query strings are dropped before counting: {paths[:2]}"
assert paths[6:] == [("/", 15), ("/login", 15)], f"ties alphabetically: {paths[6:]}"

# %% course={"kind": "test", "points": 1}
with open("data/access.log") as log:
    summary = summarize_log(log)
assert summary["error_rate"] == 17.2, f"34 of 198 requests are 4xx or 5xx = 17.2%, got {summary['error_rate']}"
### BEGIN HIDDEN TESTS
empty = summarize_log([])
assert empty == {"requests": 0, "skipped": 0, "top_ips": [], "top_paths": [], "error_rate": 0.0}, f"empty log: {empty}"
assert type(empty["error_rate"]) is float, "0.0, a float, when there are no requests"
assert summarize_log(["junk"])["skipped"] == 1
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
def log_line(ip, target, status):
    return f'{ip} - - [12/Mar/2024:10:00:00 +0000] "GET {target} HTTP/1.1" {status} 10 "-" "t"'


mini = [log_line("10.0.0.1", "/a?x=1", 399), log_line("10.0.0.2", "/a", 400), log_line("10.0.0.1", "/b", 200),
        log_line("10.0.0.3", '/s?q=\\"gpu\\"', 200), "junk", ""]
summary = summarize_log(line for line in mini)  # a generator: it can be read only once
assert summary["requests"] == 4 and summary["skipped"] == 2, f"4 requests (an escaped \\\" is fine), 2 junk lines: {summary}"
assert summary["error_rate"] == 25.0 and type(summary["error_rate"]) is float, f"399 is no error, 400 is: 1 of 4 = 25.0, got {summary['error_rate']!r}"
assert summary["top_paths"] == [("/a", 2), ("/b", 1), ("/s", 1)], f"paths without query strings: {summary['top_paths']}"
### BEGIN HIDDEN TESTS
assert summarize_log(iter([])) == {"requests": 0, "skipped": 0, "top_ips": [], "top_paths": [], "error_rate": 0.0}, "an empty iterator"
assert summarize_log(mini, top=1)["top_ips"] == [("10.0.0.1", 2)], "top=1"
assert summarize_log(mini, top=0)["top_paths"] == [], "top=0"
assert summarize_log([log_line("10.0.0.1", "/x", 500)] * 3)["error_rate"] == 100.0
assert summarize_log([log_line("10.0.0.1", "/x", 500), log_line("10.0.0.1", "/x", 200), log_line("10.0.0.1", "/x", 200)])["error_rate"] == 33.3
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "most-common-ties", "fails": ["t2", "t3", "t5"]}
from collections import Counter


def summarize_log(lines, top=10):
    ips, paths, requests, skipped, errors = Counter(), Counter(), 0, 0, 0
    for line in lines:
        try:
            before, request, after = line.split('"')[:3]
            _m, target, _p = request.split()
            status = int(after.split()[0])
        except (ValueError, IndexError):
            skipped += 1
            continue
        requests += 1
        ips[before.split()[0]] += 1
        paths[target.split("?")[0]] += 1
        errors += status >= 400
    return {"requests": requests, "skipped": skipped, "top_ips": ips.most_common(top),
            "top_paths": paths.most_common(top), "error_rate": round(100 * errors / requests, 1) if requests else 0.0}

# %% course={"kind": "wrong", "id": "keeps-query", "fails": ["t3", "t5"]}
from collections import Counter


def summarize_log(lines, top=10):
    ips, paths, requests, skipped, errors = Counter(), Counter(), 0, 0, 0
    for line in lines:
        try:
            before, request, after = line.split('"')[:3]
            _m, target, _p = request.split()
            status = int(after.split()[0])
        except (ValueError, IndexError):
            skipped += 1
            continue
        requests += 1
        ips[before.split()[0]] += 1
        paths[target] += 1
        errors += status >= 400
    ranked = lambda c: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:top]  # noqa: E731
    return {"requests": requests, "skipped": skipped, "top_ips": ranked(ips), "top_paths": ranked(paths),
            "error_rate": round(100 * errors / requests, 1) if requests else 0.0}

# %% course={"kind": "wrong", "id": "reads-twice", "fails": ["t1", "t5"]}
import re
from collections import Counter


def summarize_log(lines, top=10):
    pattern = re.compile(r'(\S+) [^"]*"((?:[^"\\]|\\.)*)" ([0-9]+)(?:\s|$)')
    parsed = [m for m in map(pattern.match, lines) if m and len(m.group(2).split()) == 3]
    skipped = sum(1 for line in lines if not (pattern.match(line) and len(pattern.match(line).group(2).split()) == 3))
    ips = Counter(m.group(1) for m in parsed)
    paths = Counter(m.group(2).split()[1].split("?")[0] for m in parsed)
    errors = sum(int(m.group(3)) >= 400 for m in parsed)
    ranked = lambda c: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:top]  # noqa: E731
    return {"requests": len(parsed), "skipped": skipped, "top_ips": ranked(ips), "top_paths": ranked(paths),
            "error_rate": round(100 * errors / len(parsed), 1) if parsed else 0.0}

# %% course={"kind": "wrong", "id": "only-5xx", "fails": ["t4", "t5"]}
from collections import Counter


def summarize_log(lines, top=10):
    ips, paths, requests, skipped, errors = Counter(), Counter(), 0, 0, 0
    for line in lines:
        try:
            before, request, after = line.split('"')[:3]
            _m, target, _p = request.split()
            status = int(after.split()[0])
        except (ValueError, IndexError):
            skipped += 1
            continue
        requests += 1
        ips[before.split()[0]] += 1
        paths[target.split("?")[0]] += 1
        errors += status >= 500
    ranked = lambda c: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:top]  # noqa: E731
    return {"requests": requests, "skipped": skipped, "top_ips": ranked(ips), "top_paths": ranked(paths),
            "error_rate": round(100 * errors / requests, 1) if requests else 0.0}

# %% [markdown] course={"kind": "task", "id": "log-pipeline", "item": "project-0-1-2", "points": 3}
# ### The same report with shell tools, and a report script
#
# On a Linux or macOS terminal, answer the three questions about `data/access.log` with pipelines
# only (`awk`, `cut`, `sed`, `sort`, `uniq`, `head`, `wc`): the top 10 IPs, the most requested
# endpoints (without query strings), and the error rate. Then write `report.sh` (or a Python
# script using `summarize_log`) that prints all three as a short report. Paste your pipelines,
# the script and its output. Where do your shell numbers differ from `summarize_log`, and why?

# %% [markdown] course={"kind": "rubric"}
# - 1 point: a correct top-IP pipeline (`awk '{print $1}' | sort | uniq -c | sort -rn | head`).
# - 1 point: endpoints without query strings (`cut -d'"' -f2 | awk '{print $2}' | sed 's/?.*//'`
#   or equivalent), and an error-rate calculation.
# - 1 point: the explanation notices the two junk lines (`awk '{print $1}'` still counts their
#   IPs, so 203.0.113.7 has 45 in the shell and 44 in `summarize_log`; `wc -l` gives 200 lines,
#   not 198 requests, as the rate's denominator) or the tie order of `sort -rn`.

# %% [markdown] course={"kind": "task", "id": "ssh-for-real", "item": "x-set-up-ssh-keys-and-connect-to-a-remote", "points": 3}
# ### Set up key-based SSH to a machine you control
#
# On a VM or a cloud instance of your own: generate an `ed25519` key with a passphrase, install
# the public key with `ssh-copy-id`, add a `Host` alias to `~/.ssh/config`, and log in with
# `ssh <alias>`. Run `ssh_permission_problems` on your `~/.ssh` folder. Paste (never your private
# key!) the config block, the output of `ssh -G <alias> | grep -E '^(hostname|user|identityfile) '`
# and the checker's result.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: an ed25519 (or RSA ≥ 3072) key with a passphrase; only the public key is shared.
# - 1 point: a working `Host` block (HostName, User, IdentityFile) used through its alias.
# - 1 point: the permission check is clean (or the learner fixed what it found and says how).

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-and"}
# Both send a command's standard output to a file. `>` opens the file **truncated**: whatever was
# in it is gone before the command even starts (creating it if missing). `>>` opens it for
# **appending**, so new output goes after the existing content. Logs and cron output want `>>`;
# a freshly generated report wants `>`. Neither touches stderr unless you add `2>&1`.

# %% [markdown] course={"kind": "answer", "question": "q-explain-file-permissions-755-vs-644"}
# Each digit is one class (owner, group, others) and adds read 4, write 2, execute 1. `755` is
# `rwxr-xr-x`: the owner may change the file, and everyone may read and execute it; it suits
# scripts, programs and directories (where `x` means "may enter"). `644` is `rw-r--r--`: the owner
# reads and writes, everyone else only reads, and nobody executes; it suits ordinary files such as
# configs and HTML. Secrets get `600`.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-find-all-files-modified-in"}
# `find /path -type f -mtime -1` lists regular files whose contents changed less than 24 hours
# ago (`-mtime` counts whole days; `-mmin -1440` counts minutes, and GNU find also accepts
# `-newermt '24 hours ago'`). Add `-printf '%TY-%Tm-%Td %TH:%TM %p\n'` to see when, and
# `2>/dev/null` to hide permission errors when you search from `/`. `-ctime` would be the
# inode change time (permissions, owner), which is a different question.

# %% [markdown] course={"kind": "answer", "question": "q-what-s-the-difference-between-hard-link"}
# A **hard link** is a second directory entry for the same inode: both names are equally the
# file, the data lives until the last name is removed, and it cannot cross file systems or point
# to a directory. A **soft (symbolic) link** is a tiny file that holds a *path*; it can point
# anywhere (other disks, directories), but it breaks ("dangles") if the target is moved or
# deleted. `ln target name` makes a hard link, `ln -s target name` a symlink; `ls -li` shows
# shared inode numbers.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-check-which-process-is-using"}
# `sudo ss -ltnp 'sport = :8080'` (or `sudo ss -ltnp | grep :8080`) shows the listening socket
# with the process name and PID; `sudo lsof -i :8080` and `sudo fuser 8080/tcp` work too, and
# older systems have `netstat -tlnp`. Use `sudo`, because without it you cannot see other users'
# processes. Then `ps -fp <pid>` tells you what that process is before you decide to stop it.

# %% course={"kind": "trap", "trap": "trap-rm-rf-never-run-as-root-without-thinking"}
# How a harmless-looking cleanup line becomes `rm -rf /*`: an unset variable expands to nothing.
# We only *print* the commands; the guard below is the habit to copy.
import re
import shutil
import tempfile
from pathlib import Path


def expand_like_bash(command: str, env: dict[str, str]) -> str:
    """Expand $NAME / ${NAME} as bash does without `set -u`: unset becomes empty."""
    return re.sub(r"\$\{?(\w+)\}?", lambda m: env.get(m.group(1), ""), command)


cleanup = 'rm -rf "$BUILD_DIR"/*'
print("with BUILD_DIR set :", expand_like_bash(cleanup, {"BUILD_DIR": "/srv/app/build"}))
print("with BUILD_DIR typo:", expand_like_bash(cleanup, {"BIULD_DIR": "/srv/app/build"}))
print('safer in bash      : set -u, and rm -rf "${BUILD_DIR:?not set}"/*')


def guarded_rmtree(target: Path, allowed_root: Path) -> str:
    target, allowed_root = target.resolve(), allowed_root.resolve()
    if target == allowed_root or allowed_root not in target.parents:
        return f"refused: {target} is not inside {allowed_root}"
    shutil.rmtree(target)
    return f"removed {target.name}"


with tempfile.TemporaryDirectory() as tmp:
    (Path(tmp) / "build" / "cache").mkdir(parents=True)
    print(guarded_rmtree(Path(tmp) / "build", Path(tmp)))
    print(guarded_rmtree(Path("/"), Path(tmp)).replace(tmp, "<tmp>"))

# %% course={"kind": "trap", "trap": "trap-forgetting-that-overwrites-files"}
# `>` empties the file before the command runs. Two consequences, shown with temporary files.
import subprocess
import sys
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    log = Path(tmp, "deploy.log")
    log.write_text("monday: deployed v1\n")
    with open(log, "w") as fh:  # echo "tuesday: deployed v2" > deploy.log
        fh.write("tuesday: deployed v2\n")
    print("after > :", log.read_text().splitlines(), "<- monday is gone")

    hosts = Path(tmp, "hosts.txt")
    hosts.write_text("web-2\nweb-1\ndb-1\n")
    sort_cmd = [sys.executable, "-c", "import sys; sys.stdout.write(''.join(sorted(open(sys.argv[1]))))", str(hosts)]
    with open(hosts, "w") as fh:  # sort hosts.txt > hosts.txt: the shell truncates first...
        subprocess.run(sort_cmd, stdout=fh)
    print("sort hosts.txt > hosts.txt leaves:", repr(hosts.read_text()), "<- ...so sort reads an empty file")

# %% course={"kind": "trap", "trap": "trap-not-understanding-that-kill-sends"}
# `kill` sends a *signal*; the process decides what to do with most of them.
import os
import signal
import subprocess
import sys

graceful = ("import signal, sys, time\n"
            "def stop(signum, frame):\n"
            "    print('got', signal.Signals(signum).name, '- saving checkpoint, then exiting', flush=True)\n"
            "    sys.exit(0)\n"
            "signal.signal(signal.SIGTERM, stop)\n"
            "signal.signal(signal.SIGHUP, lambda s, f: print('got SIGHUP - reloading config', flush=True))\n"
            "print('ready', flush=True)\n"
            "while True: time.sleep(0.05)\n")
stubborn_code = ("import signal, time\n"
                 "signal.signal(signal.SIGTERM, lambda s, f: print('got SIGTERM - ignoring it', flush=True))\n"
                 "print('ready', flush=True)\n"
                 "while True: time.sleep(0.05)\n")
if os.name != "posix":
    print("this demo needs Linux or macOS")
else:
    print({s.name: int(s) for s in (signal.SIGHUP, signal.SIGINT, signal.SIGKILL, signal.SIGTERM)})
    job = subprocess.Popen([sys.executable, "-c", graceful], stdout=subprocess.PIPE, text=True)
    job.stdout.readline()  # wait until the handlers are installed
    job.send_signal(signal.SIGHUP)  # kill -HUP PID: many daemons reload their config
    print(job.stdout.readline().strip(), "| still running:", job.poll() is None)
    os.kill(job.pid, 0)  # kill -0 PID: sends nothing, only checks that the process exists
    job.send_signal(signal.SIGTERM)  # kill PID: a request to stop, handled by the program
    print(job.stdout.readline().strip())
    print("exit code after SIGTERM:", job.wait(timeout=10))

    stubborn = subprocess.Popen([sys.executable, "-c", stubborn_code], stdout=subprocess.PIPE, text=True)
    stubborn.stdout.readline()
    stubborn.send_signal(signal.SIGTERM)
    print("a program may ignore SIGTERM:", stubborn.stdout.readline().strip(), "| running:", stubborn.poll() is None)
    stubborn.kill()  # kill -9 PID: cannot be caught; no checkpoint, no clean-up
    print("exit code after SIGKILL:", stubborn.wait(timeout=10))
