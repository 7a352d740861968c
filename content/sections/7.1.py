# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can open, read and write files in the right mode and encoding,
# stream a huge log without loading it, parse binary headers with `struct`, test file code with
# `StringIO`, and replace a config file atomically so no reader ever sees half of it.

# %% course={"kind": "setup", "id": "scratch"}
# Every file this notebook writes goes into ONE temporary folder, removed when the kernel stops
# (or, if the kernel is killed, by the next run). fresh_dir(name) gives a demo or a test an empty
# folder of its own inside it.
import csv
import gzip
import io
import os
import shutil
import struct
from pathlib import Path

from course.runtime.scratch import scratch_dir

SCRATCH = scratch_dir("7.1")


def fresh_dir(name: str) -> Path:
    """An empty folder SCRATCH/name (emptied first if an earlier run left it behind)."""
    folder = SCRATCH / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder

# %% course={"kind": "setup", "id": "counting-streams"}
# A binary in-memory file that counts the bytes it hands out, however they are asked for (read,
# readline, iteration...). Tests use it to check that code streams a file instead of reading it all.
class CountingBytesIO(io.BytesIO):
    """io.BytesIO that adds every byte it returns to self.bytes_read."""

    def __init__(self, data: bytes = b"") -> None:
        super().__init__(data)
        self.bytes_read = 0

    def _count(self, data):
        self.bytes_read += len(data)
        return data

    def read(self, size=-1):
        return self._count(super().read(size))

    def read1(self, size=-1):
        return self._count(super().read1(size))

    def readline(self, size=-1):
        return self._count(super().readline(size))

    def readlines(self, hint=-1):
        lines = super().readlines(hint)
        self.bytes_read += sum(map(len, lines))
        return lines

    def readinto(self, buffer):
        n = super().readinto(buffer)
        self.bytes_read += n
        return n

    def getvalue(self):
        return self._count(super().getvalue())

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

# %% [markdown] course={"kind": "lesson", "id": "opening", "covers": ["c-opening-files", "c-open-function", "c-file-modes-r-w-a-x-b-t", "c-encoding-specification", "c-context-managers-with-statement"]}
# ### Opening files: mode, encoding, and `with`
#
# `open(path, mode, encoding=...)` returns a **file object**. The mode is a few letters:
#
# | letter | meaning | if the file exists | if it does not |
# |---|---|---|---|
# | `r` | read (the default) | read from the start | `FileNotFoundError` |
# | `w` | write | **emptied first** | created |
# | `a` | append | every write goes to the end | created |
# | `x` | exclusive create | `FileExistsError` | created |
# | `+` | also the other direction (`r+`, `w+`, `a+`) | | |
# | `t` / `b` | text (default, gives `str`) / binary (gives `bytes`) | | |
#
# In text mode Python turns bytes into characters with an **encoding**. Leave it out and you get
# the platform's choice (`locale.getpreferredencoding()`: UTF-8 on most Linux boxes, often cp1252 on
# Windows), so the same script reads a config differently on two machines. Always write
# `encoding="utf-8"`. (PEP 686 plans UTF-8 as the default from Python 3.15; on 3.11 to 3.13 it is
# not. `python -X warn_default_encoding script.py` prints an `EncodingWarning` for every `open`
# that leaves the encoding out.)
#
# Open files hold an operating-system handle. `with open(...) as f:` closes the file when the block
# ends, *also when an exception leaves it*: that is the whole point. A DevOps script that opens
# thousands of logs in a loop without closing them dies with `OSError: [Errno 24] Too many open files`.
#
# The one thing people get wrong: `"w"` destroys the old content the moment the file is opened,
# before you write a byte. Use `"x"` when you must not overwrite, `"a"` to add.

# %% course={"kind": "demo"}
folder = fresh_dir("modes")
path = folder / "deploy.log"
with open(path, "w", encoding="utf-8") as f:  # created
    f.write("v1 deployed\n")
with open(path, "a", encoding="utf-8") as f:  # added at the end
    f.write("v2 deployed\n")
with open(path, encoding="utf-8") as f:  # "r" is the default mode
    print(repr(f.read()))
print("closed after the with block:", f.closed)
try:
    open(path, "x", encoding="utf-8")
except FileExistsError as err:
    print("mode 'x' refuses to overwrite:", type(err).__name__)
with open(path, "w", encoding="utf-8"):
    pass  # opened for writing and closed again, nothing written...
print("after opening with 'w':", path.stat().st_size, "bytes")  # ...and the content is gone

# %% [markdown] course={"kind": "text"}
# The encoding decides which bytes land on disk. The same six characters take seven, ten or
# fourteen bytes below (`utf-8-sig` adds a 3-byte "byte order mark", `utf-16` a 2-byte one in the
# machine's byte order, little-endian here); reading them back with the wrong encoding either
# fails or, worse, quietly gives the wrong text ("mojibake"). `errors=` chooses what happens to bytes that do not decode: `"strict"` (the
# default) raises `UnicodeDecodeError`, `"replace"` puts `�` (U+FFFD) in their place.

# %% course={"kind": "demo"}
path = fresh_dir("encodings") / "city.txt"
for encoding in ("ascii", "utf-8", "utf-8-sig", "utf-16"):
    try:
        path.write_text("Zürich", encoding=encoding)
        print(f"{encoding:10} {path.read_bytes()}")
    except UnicodeEncodeError as err:
        print(f"{encoding:10} cannot store {err.object[err.start]!r}")
path.write_text("Zürich", encoding="utf-8")
print("read as latin-1:", path.read_text(encoding="latin-1"))  # no error, wrong text
try:
    path.read_text(encoding="ascii")
except UnicodeDecodeError as err:
    print("read as ascii:  ", err.reason, "at byte", err.start)
print("errors=replace: ", path.read_text(encoding="ascii", errors="replace"))

# %% [markdown] course={"kind": "lesson", "id": "reading", "covers": ["c-reading-files", "c-read-entire-file", "c-readline-single-line", "c-readlines-all-lines-as-list", "c-iteration-over-file-object", "c-efficient-large-file-reading"]}
# ### Reading: all at once, a line at a time, or as a stream
#
# - `f.read()` returns the rest of the file as one string; `f.read(n)` at most `n` characters
#   (bytes in binary mode), and `""` at the end of the file.
# - `f.readline()` returns one line **with** its `"\n"`; at the end it returns `""`. An empty line
#   in the middle comes back as `"\n"`, so `""` really means "no more".
# - `f.readlines()` returns a list of all the lines (each with `"\n"`).
# - `for line in f:` gives the lines one by one, reading the file in blocks behind the scenes.
#
# `read()` and `readlines()` hold the whole file in memory: fine for a 2 KB config, fatal for a
# 40 GB access log on a box with 4 GB of RAM. Iterating the file object keeps only one line (and
# one buffer) in memory at a time, so its memory use does not grow with the file. Combine it with
# a generator and a whole pipeline streams. The mistake people make: writing
# `for line in f.readlines():`, which looks like streaming but loads everything first.

# %% course={"kind": "demo"}
path = fresh_dir("reading") / "app.log"
path.write_text("INFO start\n\nERROR disk full\nINFO stop", encoding="utf-8")
with open(path, encoding="utf-8") as f:
    print("readline :", repr(f.readline()), repr(f.readline()))  # the second line is empty, "\n"
    print("readlines:", f.readlines())  # the rest; the last line has no "\n"
    print("at the end, read() gives", repr(f.read()), "and readline() gives", repr(f.readline()))
with open(path, encoding="utf-8") as f:
    errors = (line.rstrip("\n") for line in f if line.startswith("ERROR"))  # nothing read yet
    print("streamed :", list(errors))

# %% [markdown] course={"kind": "text"}
# Text mode also translates line endings when reading: with the default `newline=None`, `"\r\n"`
# (Windows) and `"\r"` (old Mac) both arrive as `"\n"`. Pass `newline=""` to see the file's real
# endings (the `csv` module needs that).

# %% course={"kind": "demo"}
path = fresh_dir("newlines") / "windows.txt"
path.write_bytes(b"one\r\ntwo\rthree\n")
with open(path, encoding="utf-8") as f:
    print("newline=None:", f.readlines())
with open(path, encoding="utf-8", newline="") as f:
    print('newline="": ', f.readlines())

# %% [markdown] course={"kind": "lesson", "id": "writing", "covers": ["c-writing-files", "c-write-write-string", "c-writelines-write-list", "c-flushing-and-buffering"]}
# ### Writing, and where your bytes really are
#
# `f.write(s)` writes a string and returns how many characters it wrote (not bytes). It adds no
# newline. `f.writelines(items)` writes each string of an iterable one after another and adds no
# newline either, despite its name: give it lines that already end in `"\n"`.
#
# Writes go into a **buffer** in your process first (a few KiB: `io.DEFAULT_BUFFER_SIZE` or the
# file system's block size) and reach the
# operating system when the buffer fills, when you call `f.flush()`, or when the file closes. Until
# then another process (`tail -f`, a log shipper) sees nothing. Even after `flush()` the data may
# sit in the kernel's page cache; `os.fsync(f.fileno())` asks the kernel to put it on the disk,
# which is what you need before saying "saved" about a checkpoint or a database file.
# Writing to a terminal is line-buffered, which is why `print` output appears at once there but
# arrives late in a container's log: use `print(..., flush=True)` or `PYTHONUNBUFFERED=1`.

# %% course={"kind": "demo"}
import os

path = fresh_dir("buffering") / "progress.log"
writer = open(path, "w", encoding="utf-8")
print("write returned", writer.write("epoch 1 ✓\n"), "(characters; UTF-8 needs", len("epoch 1 ✓\n".encode()), "bytes)")
writer.writelines(["epoch 2 done", "epoch 3 done\n"])  # no newline is added between items
print("before flush, a reader sees", repr(path.read_text(encoding="utf-8")))
writer.flush()  # from our buffer to the operating system
os.fsync(writer.fileno())  # from the operating system to the disk
print("after flush, a reader sees ", repr(path.read_text(encoding="utf-8")))
writer.close()

# %% [markdown] course={"kind": "lesson", "id": "position", "covers": ["c-file-position", "c-tell-current-position", "c-seek-move-position"]}
# ### The file position: `tell()` and `seek()`
#
# A file object remembers where the next read or write happens. `f.tell()` says where that is;
# `f.seek(offset, whence)` moves it: `whence=0` from the start (the default), `1` from the current
# position, `2` from the end. `tail -f`, resuming a half-read log after a restart, and reading the
# last lines of a huge file all rest on this.
#
# The trap: in **text** mode the position is an opaque number, not a character count (one
# character can be several bytes), and text files refuse relative moves: only
# `seek(cookie_from_tell)`, `seek(0)`, `seek(0, 1)` and `seek(0, 2)` work. Relative seeks
# (`seek(-10, 2)`) need **binary** mode.

# %% course={"kind": "demo", "raises": "UnsupportedOperation"}
path = fresh_dir("position") / "ids.txt"
path.write_text("é1\né2\né3\n", encoding="utf-8")
with open(path, "rb") as f:
    f.seek(-4, 2)  # 4 bytes before the end
    print("last 4 bytes:", f.read(), "now at", f.tell(), "of", path.stat().st_size)
with open(path, encoding="utf-8") as f:
    f.readline()
    print("after one text line of 3 characters, tell() =", f.tell())  # 4: a byte offset, not 3 characters
    f.seek(-4, 2)  # not allowed in text mode

# %% [markdown] course={"kind": "lesson", "id": "binary", "covers": ["c-binary-files", "c-reading-binary-data", "c-writing-binary-data", "c-struct-module-for-binary-formats"]}
# ### Binary files and `struct`
#
# Open with `"rb"` / `"wb"` and you get and give `bytes`: no decoding, no newline translation. Use
# it for images, archives, model weights, and whenever you copy a file you do not need to
# understand. Binary formats lay numbers out as fixed-size fields; the `struct` module packs and
# unpacks them from a format string: `>` big-endian ("network order"), `<` little-endian, `I` an
# unsigned 4-byte int, `H` 2 bytes, `B` 1 byte, `4s` four raw bytes. `struct.calcsize(fmt)` says
# how many bytes a format takes.
#
# The mistake: forgetting the byte-order character. Without it `struct` uses the *machine's*
# order and alignment, so a header parsed on x86 reads differently from the file's own spec.

# %% course={"kind": "demo"}
import struct

path = fresh_dir("binary") / "sample.bin"
header = struct.pack(">4sHI", b"CKPT", 2, 1_000_000)  # magic, format version, number of steps
with open(path, "wb") as f:
    f.write(header)
raw = path.read_bytes()
print("on disk:", raw.hex(" "), f"({struct.calcsize('>4sHI')} bytes)")
print("big-endian   :", struct.unpack(">4sHI", raw))
print("little-endian:", struct.unpack("<4sHI", raw))  # the same bytes, the wrong order
print("no byte-order character:", struct.calcsize("4sHI"), "bytes")  # native alignment pads H (12 on x86-64 and ARM64)

# %% [markdown] course={"kind": "lesson", "id": "file-like", "covers": ["c-file-like-objects-and-duck-typing"]}
# ### File-like objects: anything with `read` or `write`
#
# Python code rarely checks "is this a file?". A function that calls `out.write(text)` works with
# a real file, `sys.stdout`, an in-memory buffer, a gzip stream, a socket's `makefile()`, or your
# own class with a `write` method: that is duck typing. Write functions that **take an open
# stream** rather than a path, and leave opening and closing to the caller: they become easier to
# test, and they work on compressed and remote data for free.
#
# The mistake: closing a stream you were handed (`with out:` inside the function). The caller
# owns it; after your function returns they may still need it, for example to read what you wrote.

# %% course={"kind": "demo"}
import gzip
import sys


def write_report(counts: dict[str, int], out) -> None:
    """Write one 'name: count' line per entry to any object that has a write() method."""
    for name, count in counts.items():
        out.write(f"{name}: {count}\n")


class Collector:  # not a file at all, only something with write()
    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)


counts = {"ERROR": 2, "WARN": 5}
write_report(counts, sys.stdout)
collector = Collector()
write_report(counts, collector)
print("collector got:", collector.parts)
path = fresh_dir("file-like") / "report.txt.gz"
with gzip.open(path, "wt", encoding="utf-8") as f:  # a compressing stream
    write_report(counts, f)
print("gzip file:", path.stat().st_size, "bytes, holds", repr(gzip.decompress(path.read_bytes()).decode()))

# %% [markdown] course={"kind": "lesson", "id": "io-module", "covers": ["c-io-module", "c-stringio-bytesio", "c-in-memory-file-operations"]}
# ### `io.StringIO` and `io.BytesIO`: files in memory
#
# `io.StringIO` is a text file that lives in a string, `io.BytesIO` a binary file that lives in a
# bytes buffer. They have `read`, `readline`, iteration, `write`, `seek` and `tell` like real
# files, plus `getvalue()` for the whole content. Use them to test file-processing code without
# touching the disk, to build an upload body in memory, or to hand bytes from an HTTP response to
# a library that wants a file.
#
# The mistake: writing to a `StringIO` and then reading it: the position is at the end after
# writing, so `read()` returns `""`. `seek(0)` first, or use `getvalue()`.

# %% course={"kind": "demo"}
import io

buffer = io.StringIO()
write_report({"pods": 3}, buffer)
print("read() right after writing:", repr(buffer.read()))
buffer.seek(0)
print("after seek(0):             ", repr(buffer.read()))
print("getvalue():                ", repr(buffer.getvalue()))
data = io.BytesIO(b"\x89PNG\r\n\x1a\n...")
print("BytesIO reads bytes:", data.read(4), "position", data.tell())

# %% [markdown] course={"kind": "lesson", "id": "atomic", "covers": ["c-atomic-file-operations"]}
# ### Atomic writes: all of the new file or all of the old one
#
# Writing a config in place (`open(path, "w")` then `write`) has a window in which the file is
# empty or half written. If the process crashes, the disk fills, or a reader (nginx reloading, a
# service reading its settings) looks at the wrong moment, it sees a broken file. The fix is to
# write the new content to a **temporary file in the same folder**, `flush` and `fsync` it, and
# then `os.replace(temp, path)`. On POSIX a rename within one file system is atomic: every reader
# sees either the old file or the new one, never a mix. `os.replace` also overwrites the target
# on Windows, where `os.rename` would raise `FileExistsError`. (To make the rename itself survive a
# power cut, POSIX systems also want the folder synced: `fd = os.open(folder, os.O_RDONLY)`,
# `os.fsync(fd)`, `os.close(fd)`.)
#
# The mistake: creating the temporary file in `/tmp`. That is often another file system, and a
# rename cannot cross file systems: `os.replace` then fails with `OSError: [Errno 18] Invalid
# cross-device link` (and `shutil.move`, which falls back to copying, is not atomic).

# %% course={"kind": "demo"}
import os
import tempfile

folder = fresh_dir("atomic")
target = folder / "settings.json"
target.write_text('{"replicas": 2}', encoding="utf-8")
with open(target, encoding="utf-8") as reader:  # a reader that opened the old file...
    fd, temp_name = tempfile.mkstemp(dir=folder, prefix=".settings.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write('{"replicas": 5}')
        f.flush()
        os.fsync(f.fileno())
    os.replace(temp_name, target)  # one atomic step
    print("the open reader still sees the old file:", reader.read())
print("a new reader sees the new file:         ", target.read_text(encoding="utf-8"))
print("left in the folder:", sorted(p.name for p in folder.iterdir()))

# %% [markdown] course={"kind": "lesson", "id": "locking", "covers": ["c-file-locking-cross-platform-challenges"]}
# ### File locking, and why it is hard to do portably
#
# Two cron jobs appending to one report, or two copies of a deploy script running at once, need a
# lock. The standard library offers only platform-specific tools:
#
# | platform | call | kind |
# |---|---|---|
# | Linux, macOS | `fcntl.flock(f, fcntl.LOCK_EX)` | **advisory**: only processes that also ask for the lock wait |
# | Windows | `msvcrt.locking(fd, msvcrt.LK_NBLCK, n)` | **mandatory** byte-range lock: other writers get an error |
#
# So a lock protects you only from programs that cooperate, `flock` on NFS behaves differently
# from a local disk, and the Windows call has different arguments and semantics. Portable code
# either uses a small library (`filelock`, `portalocker`) or a "lock file" created with mode `"x"`
# (creation fails if it exists); that trick leaves a stale lock behind when the process is killed.
# The mistake: believing an advisory lock stops `echo >> file` from another program. It does not.

# %% course={"kind": "demo"}
path = fresh_dir("locking") / "report.lock"
try:
    import fcntl
except ImportError:  # Windows
    print("fcntl is POSIX only; on Windows use msvcrt.locking or the filelock package")
else:
    first = open(path, "w", encoding="utf-8")  # two independent opens, like two processes
    second = open(path, "w", encoding="utf-8")
    fcntl.flock(first, fcntl.LOCK_EX | fcntl.LOCK_NB)
    try:
        fcntl.flock(second, fcntl.LOCK_EX | fcntl.LOCK_NB)  # NB: fail at once instead of waiting
    except BlockingIOError:
        print("second lock refused while the first holds it")
    second.write("advisory: I can still write without the lock\n")  # nothing stops this
    fcntl.flock(first, fcntl.LOCK_UN)
    fcntl.flock(second, fcntl.LOCK_EX | fcntl.LOCK_NB)
    print("after unlock, the second gets the lock")
    first.close()
    second.close()

# %% [markdown] course={"kind": "exercise", "id": "grep-lines", "item": "x-read-a-large-log-file-line-by-line"}
# ### Stream a large log, line by line
#
# Write a **generator** `grep_lines(stream, word)` that reads the open text stream `stream` one
# line at a time and yields `(line_number, line)` for every line that contains `word`
# (case-sensitive). Line numbers start at 1; `line` loses its trailing `"\n"` and nothing else
# (spaces at the end stay). It must stream: after it yields its first match it has read only as
# far as that line, so it works on a log bigger than your memory.
#
# ```python
# log = io.StringIO("INFO up\nERROR disk full\nINFO ok\nERROR oom  \n")
# list(grep_lines(log, "ERROR"))   # [(2, 'ERROR disk full'), (4, 'ERROR oom  ')]
# ```

# %% [markdown] course={"kind": "hint"}
# `for number, line in enumerate(stream, start=1):` reads one line per turn. `yield` inside the
# loop makes the function a generator.

# %% [markdown] course={"kind": "hint"}
# `line.rstrip("\n")` removes only newline characters; `line.strip()` would also eat the spaces.
# Never call `stream.read()` or `stream.readlines()`: both read the whole stream at once.

# %% course={"kind": "solution"}
import io
from collections.abc import Iterator
from typing import TextIO


def grep_lines(stream: TextIO, word: str) -> Iterator[tuple[int, str]]:
    """Yield (line number from 1, line without its newline) for each line containing word."""
    ### BEGIN SOLUTION
    for number, line in enumerate(stream, start=1):
        if word in line:
            yield number, line.rstrip("\n")
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
log = io.StringIO("INFO up\nERROR disk full\nINFO ok\nERROR oom  \n")
result = list(grep_lines(log, "ERROR"))
assert result == [(2, "ERROR disk full"), (4, "ERROR oom  ")], f"got {result}"

# %% course={"kind": "test", "points": 1}
result = list(grep_lines(io.StringIO("ERROR first\nok\nlast ERROR"), "ERROR"))
assert result == [(1, "ERROR first"), (3, "last ERROR")], f"the first line is number 1 and the last line has no newline: got {result}"
### BEGIN HIDDEN TESTS
assert list(grep_lines(io.StringIO(""), "ERROR")) == [], "an empty stream has no matches"
assert list(grep_lines(io.StringIO("error\nErRoR\n"), "ERROR")) == [], "the match is case-sensitive"
assert list(grep_lines(io.StringIO("\n\nx\n"), "x")) == [(3, "x")], "empty lines count as lines"
assert list(grep_lines(io.StringIO("  ERROR \t\n"), "ERROR")) == [(1, "  ERROR \t")], "only the newline is removed"
assert list(grep_lines(io.StringIO("naïve ✓\n"), "✓")) == [(1, "naïve ✓")], "unicode lines work"
result = list(grep_lines(io.StringIO("OOMKilled\nERRORS: 3\nno-ERROR-here\n"), "ERROR"))
assert result == [(2, "ERRORS: 3"), (3, "no-ERROR-here")], f"'contains' means anywhere in the line, not a whole word: got {result}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
big = "".join(f"INFO request {i}\n" for i in range(50_000)) + "ERROR at the end\n"
stream = io.StringIO("ERROR early\n" + big)
matches = grep_lines(stream, "ERROR")
assert next(matches) == (1, "ERROR early")
assert stream.tell() == len("ERROR early\n"), f"after the first match the stream is at {stream.tell()} of {len(big)}: read only as far as the matching line"
### BEGIN HIDDEN TESTS
assert next(matches) == (50_002, "ERROR at the end"), "the generator goes on to the last line"
assert next(matches, None) is None
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "readlines", "fails": ["t3"]}
def grep_lines(stream, word):
    for number, line in enumerate(stream.readlines(), start=1):
        if word in line:
            yield number, line.rstrip("\n")

# %% course={"kind": "wrong", "id": "strip-everything", "fails": ["t1", "t2"]}
def grep_lines(stream, word):
    for number, line in enumerate(stream, start=1):
        if word in line:
            yield number, line.strip()

# %% course={"kind": "wrong", "id": "from-zero", "fails": ["t1", "t2", "t3"]}
def grep_lines(stream, word):
    for number, line in enumerate(stream):
        if word in line:
            yield number, line.rstrip("\n")

# %% course={"kind": "wrong", "id": "whole-words-only", "fails": ["t2"]}
def grep_lines(stream, word):
    for number, line in enumerate(stream, start=1):
        if word in line.split():  # misses "ERRORS:" and "no-ERROR-here"
            yield number, line.rstrip("\n")

# %% course={"kind": "wrong", "id": "reads-ahead", "fails": ["t3"]}
def grep_lines(stream, word):
    lines = iter(stream)
    current = next(lines, None)
    number = 0
    while current is not None:
        following = next(lines, None)  # one line more than needed before yielding
        number += 1
        if word in current:
            yield number, current.rstrip("\n")
        current = following

# %% [markdown] course={"kind": "exercise", "id": "write-csv", "item": "x-write-a-csv-file-from-a-list-of"}
# ### Write a CSV file from a list of dicts
#
# Write `write_csv(path, rows)` that writes the list of dicts `rows` to a CSV file at `path`
# (UTF-8) with the `csv` module and returns the number of data rows written. The header holds
# **every** key that appears in any row, in the order the keys are first seen; a row that lacks a
# key gets an empty cell. An empty list writes an empty file (no header) and returns `0`. Values
# with commas, quotes or newlines must survive a round trip, so let `csv` quote them. Do not
# change `rows`.
#
# ```python
# write_csv(path, [{"host": "web-1", "cpu": 0.5}, {"host": "db-1", "disk": "90%"}])   # 2
# # path now holds: host,cpu,disk\r\nweb-1,0.5,\r\ndb-1,,90%\r\n
# ```

# %% [markdown] course={"kind": "hint"}
# `csv.DictWriter(f, fieldnames=...)` writes dicts; `writeheader()` writes the header. It raises
# `ValueError` when a row has a key that is not a field, so collect all keys first.

# %% [markdown] course={"kind": "hint"}
# A dict remembers insertion order: `fields = {}` then `fields.setdefault(key)` for every key of
# every row gives the keys in first-seen order. Open the file with `newline=""` (the csv module
# writes its own `"\r\n"` line endings) and `encoding="utf-8"`.

# %% course={"kind": "solution", "equivalent": {"m-09c8a298": "DictWriter only iterates fieldnames and tests membership, and a dict gives its keys for both"}}
import csv
from pathlib import Path


def write_csv(path: Path, rows: list[dict]) -> int:
    """Write rows to path as CSV with every key as a column; return the number of rows."""
    ### BEGIN SOLUTION
    fields: dict = {}
    for row in rows:
        for key in row:
            fields.setdefault(key)
    with open(path, "w", encoding="utf-8", newline="") as f:
        if fields:
            writer = csv.DictWriter(f, fieldnames=list(fields))
            writer.writeheader()
            writer.writerows(rows)
    return len(rows)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
path = fresh_dir("write-csv") / "hosts.csv"
count = write_csv(path, [{"host": "web-1", "cpu": 0.5}, {"host": "db-1", "cpu": 0.25}])
assert path.read_bytes() == b"host,cpu\r\nweb-1,0.5\r\ndb-1,0.25\r\n", f"got {path.read_bytes()!r}"
assert count == 2 and type(count) is int, f"return the number of data rows, got {count!r}"

# %% course={"kind": "test", "points": 2}
path = fresh_dir("write-csv") / "mixed.csv"
rows = [{"host": "web-1", "cpu": 0.5}, {"host": "db-1", "disk": "90%"}]
write_csv(path, rows)
assert path.read_bytes() == b"host,cpu,disk\r\nweb-1,0.5,\r\ndb-1,,90%\r\n", f"every key is a column, in first-seen order: got {path.read_bytes()!r}"
assert rows == [{"host": "web-1", "cpu": 0.5}, {"host": "db-1", "disk": "90%"}], "rows must not change"
### BEGIN HIDDEN TESTS
path = fresh_dir("write-csv") / "three.csv"
write_csv(path, [{"a": 1}, {"b": 2}, {"c": 3, "a": 4}])
assert path.read_bytes() == b"a,b,c\r\n1,,\r\n,2,\r\n4,,3\r\n", f"got {path.read_bytes()!r}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
path = fresh_dir("write-csv") / "quoting.csv"
rows = [{"name": "Zürich, CH", "note": 'say "hi"', "lines": "a\nb", "zero": 0, "empty": ""}]
assert write_csv(path, rows) == 1
with open(path, encoding="utf-8", newline="") as f:
    back = list(csv.DictReader(f))
assert back == [{"name": "Zürich, CH", "note": 'say "hi"', "lines": "a\nb", "zero": "0", "empty": ""}], f"got {back}"
### BEGIN HIDDEN TESTS
assert path.read_bytes().startswith(b"name,note,lines,zero,empty\r\n\"Z\xc3\xbcrich, CH\""), "UTF-8, quoted by csv"
path = fresh_dir("write-csv") / "empty.csv"
assert write_csv(path, []) == 0, "no rows: 0"
assert path.exists() and path.read_bytes() == b"", "no rows: an empty file, no header"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "first-row-header", "fails": ["t2"]}
import csv


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        if rows:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    return len(rows)

# %% course={"kind": "wrong", "id": "join-by-hand", "fails": ["t3"]}
def write_csv(path, rows):
    fields = {}
    for row in rows:
        for key in row:
            fields.setdefault(key)
    with open(path, "w", encoding="utf-8", newline="") as f:
        if fields:
            f.write(",".join(fields) + "\r\n")
            for row in rows:
                f.write(",".join(str(row.get(k, "")) for k in fields) + "\r\n")
    return len(rows)

# %% course={"kind": "wrong", "id": "sorted-columns", "fails": ["t1", "t2", "t3"]}
import csv


def write_csv(path, rows):
    fields = sorted({key for row in rows for key in row})
    with open(path, "w", encoding="utf-8", newline="") as f:
        if fields:
            writer = csv.DictWriter(f, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
    return len(rows)

# %% [markdown] course={"kind": "exercise", "id": "atomic-write", "item": "x-create-a-function-that-safely-writes"}
# ### Write a file atomically
#
# Write `atomic_write(path, text)` that replaces the file at `path` (it may or may not exist)
# with `text` encoded as UTF-8, so that no reader ever sees a half-written file:
#
# 1. write `text` to a new temporary file **in the same folder** as `path` (new for every call,
#    so that two writers at the same moment never share one);
# 2. `flush()` it and `os.fsync()` it, so the bytes are on disk;
# 3. `os.replace(temporary, path)`.
#
# If anything fails on the way (the text cannot be encoded, the disk is full, the user presses
# Ctrl-C), delete the temporary file, leave the old `path` untouched, and let the exception
# propagate. Afterwards no temporary file is left in the folder either way. It returns `None`.
#
# ```python
# atomic_write(folder / "replicas.json", '{"replicas": 5}')
# sorted(p.name for p in folder.iterdir())   # ['replicas.json']
# ```

# %% [markdown] course={"kind": "hint"}
# `tempfile.mkstemp(dir=path.parent)` creates a new file in that folder and returns `(fd, name)`;
# `os.fdopen(fd, "w", encoding="utf-8")` turns the descriptor into a text file object.

# %% [markdown] course={"kind": "hint"}
# Wrap the write, flush, fsync and replace in `try:` and, in `except BaseException:` (which also
# catches Ctrl-C's `KeyboardInterrupt`, unlike `except Exception:`), call `os.remove(name)` and
# then `raise` to pass the error on.

# %% course={"kind": "solution"}
import os
import tempfile
from pathlib import Path


def atomic_write(path: Path, text: str) -> None:
    """Replace path with text (UTF-8) via a temporary file in the same folder and os.replace."""
    path = Path(path)
    ### BEGIN SOLUTION
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except BaseException:
        os.remove(temporary)
        raise
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
folder = fresh_dir("atomic-write")
target = folder / "replicas.json"
assert atomic_write(target, '{"replicas": 5}') is None
assert target.read_text(encoding="utf-8") == '{"replicas": 5}', "the file holds the new text"
atomic_write(target, "Zürich\n")
assert target.read_bytes() == b"Z\xc3\xbcrich\n", f"an existing file is replaced, UTF-8: got {target.read_bytes()!r}"
assert sorted(p.name for p in folder.iterdir()) == ["replicas.json"], "no temporary file is left behind"

# %% course={"kind": "test", "points": 2}
folder = fresh_dir("atomic-write-fail")
target = folder / "settings.ini"
target.write_text("[app]\nreplicas = 2\n", encoding="utf-8")
try:
    atomic_write(target, "[app]\nname = bad \ud800 text\n")  # a lone surrogate cannot be encoded
except UnicodeEncodeError:
    pass
else:
    raise AssertionError("the UnicodeEncodeError must propagate to the caller")
assert target.read_text(encoding="utf-8") == "[app]\nreplicas = 2\n", "a failed write leaves the old file untouched"
assert sorted(p.name for p in folder.iterdir()) == ["settings.ini"], f"the temporary file is removed: {sorted(p.name for p in folder.iterdir())}"
### BEGIN HIDDEN TESTS
try:
    atomic_write(folder / "new.txt", "\udcff")
except UnicodeEncodeError:
    pass
else:
    raise AssertionError("the UnicodeEncodeError must propagate")
assert sorted(p.name for p in folder.iterdir()) == ["settings.ini"], "a failed first write creates nothing"
real_fsync = os.fsync
for failure in (OSError(28, "No space left on device"), KeyboardInterrupt()):

    def failing_fsync(fd, failure=failure):
        raise failure

    os.fsync = failing_fsync
    try:
        atomic_write(target, "[app]\nreplicas = 3\n")
    except (OSError, KeyboardInterrupt) as err:
        assert err is failure, f"let the original error propagate, got {err!r}"
    else:
        raise AssertionError(f"{failure!r} raised by os.fsync must propagate")
    finally:
        os.fsync = real_fsync
    assert target.read_text(encoding="utf-8") == "[app]\nreplicas = 2\n", "a failed write leaves the old file untouched"
    left = sorted(p.name for p in folder.iterdir())
    assert left == ["settings.ini"], f"after {type(failure).__name__} the temporary file is removed: {left}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import stat

folder = fresh_dir("atomic-write-steps")
target = folder / "model.json"
steps = []
real_replace, real_fsync = os.replace, os.fsync


def recording_replace(src, dst, *args, **kwargs):
    steps.append(("replace", Path(src).parent, Path(src).read_bytes(), Path(dst)))
    return real_replace(src, dst, *args, **kwargs)


def recording_fsync(fd):
    info = os.fstat(fd)
    if not stat.S_ISDIR(info.st_mode):  # an extra fsync of the folder after the replace is fine
        steps.append(("fsync", info.st_size))  # what is in the file when fsync is asked
    return real_fsync(fd)


os.replace, os.fsync = recording_replace, recording_fsync
try:
    atomic_write(target, "weights v2")
finally:
    os.replace, os.fsync = real_replace, real_fsync
kinds = [step[0] for step in steps]
assert kinds == ["fsync", "replace"], f"fsync the temporary file, then os.replace it once: saw {kinds}"
assert steps[1][1] == folder and steps[1][3] == target, "the temporary file must be in the target's folder (a rename across file systems is not atomic)"
assert steps[1][2] == b"weights v2", "the temporary file is complete before the replace"
assert steps[0][1] == len(b"weights v2"), f"flush() before os.fsync(): the file held {steps[0][1]} bytes when fsync was called"
### BEGIN HIDDEN TESTS
folder = fresh_dir("atomic-write-two-writers")
target = folder / "model.json"
others = []


def replace_after_a_second_writer(src, dst, *args, **kwargs):
    if not others:  # just before our rename, another writer replaces the same file
        others.append(src)
        atomic_write(target, "the other writer's text")
    return real_replace(src, dst, *args, **kwargs)


os.replace = replace_after_a_second_writer
try:
    atomic_write(target, "my text")
finally:
    os.replace = real_replace
assert target.read_text(encoding="utf-8") == "my text", "two writers at once: each needs its own new temporary file"
assert sorted(p.name for p in folder.iterdir()) == ["model.json"]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "write-in-place", "fails": ["t2", "t3"]}
def atomic_write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)

# %% course={"kind": "wrong", "id": "temp-in-tmp", "fails": ["t3"]}
import os
import shutil
import tempfile


def atomic_write(path, text):
    fd, temporary = tempfile.mkstemp()  # in /tmp: maybe another file system
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except BaseException:
        os.remove(temporary)
        raise

# %% course={"kind": "wrong", "id": "no-cleanup", "fails": ["t2"]}
import os
import tempfile
from pathlib import Path


def atomic_write(path, text):
    path = Path(path)
    fd, temporary = tempfile.mkstemp(dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, path)

# %% course={"kind": "wrong", "id": "except-exception", "fails": ["t2"]}
import os
import tempfile
from pathlib import Path


def atomic_write(path, text):
    path = Path(path)
    fd, temporary = tempfile.mkstemp(dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except Exception:  # Ctrl-C (KeyboardInterrupt) is not an Exception: the temporary file stays
        os.remove(temporary)
        raise

# %% course={"kind": "wrong", "id": "fixed-temporary-name", "fails": ["t3"]}
import os
from pathlib import Path


def atomic_write(path, text):
    path = Path(path)
    temporary = path.with_name(path.name + ".tmp")  # the same name for every writer
    try:
        with open(temporary, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise

# %% course={"kind": "wrong", "id": "no-fsync", "fails": ["t2", "t3"]}
import os
from pathlib import Path


def atomic_write(path, text):
    path = Path(path)
    temporary = path.with_name(path.name + ".tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink()
        raise

# %% [markdown] course={"kind": "exercise", "id": "png-size", "item": "x-work-with-binary-files-read-an-image"}
# ### Read an image header: the size of a PNG
#
# Every PNG file starts with the same 8-byte signature `b"\x89PNG\r\n\x1a\n"`, followed by the
# `IHDR` chunk: a 4-byte length (always 13), the 4 bytes `b"IHDR"`, then the width and the height,
# each an **unsigned 4-byte big-endian** integer. Write `png_size(stream)` that takes a binary
# stream positioned at the start of a PNG, reads **exactly its first 24 bytes** (no more: the
# image may be huge) and returns `(width, height)` as ints. If the stream is shorter than 24
# bytes, the signature is wrong, or the first chunk is not `IHDR`, raise `ValueError` with a
# message that says what was wrong (for a short stream: how many bytes it had).
#
# ```python
# with open("logo.png", "rb") as f:
#     png_size(f)   # (640, 480)
# ```

# %% [markdown] course={"kind": "hint"}
# `header = stream.read(24)`, then check `len(header)`, `header[:8]` and `header[12:16]`.

# %% [markdown] course={"kind": "hint"}
# `struct.unpack(">II", header[16:24])` reads two unsigned big-endian ints; `<` would read them
# little-endian and `i` would read them signed.

# %% course={"kind": "setup", "id": "png-maker"}
# make_png(width, height) builds the bytes of a real (tiny-content) PNG file; the png-size tests use it.
import zlib


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def make_png(width: int, height: int) -> bytes:
    """A valid 8-bit greyscale PNG header plus one row of pixel data and the end chunk."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\x80" * min(width, 64))
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", pixels) + _chunk(b"IEND", b"")

# %% course={"kind": "solution"}
import struct
from typing import BinaryIO

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(stream: BinaryIO) -> tuple[int, int]:
    """(width, height) from the first 24 bytes of a PNG stream; ValueError if it is not a PNG."""
    ### BEGIN SOLUTION
    header = stream.read(24)
    if len(header) < 24:
        raise ValueError(f"not a PNG: only {len(header)} bytes, the header needs 24")
    if header[:8] != PNG_SIGNATURE:
        raise ValueError(f"not a PNG: the signature is {header[:8]!r}")
    if header[12:16] != b"IHDR":
        raise ValueError(f"not a PNG: the first chunk is {header[12:16]!r}, expected b'IHDR'")
    width, height = struct.unpack(">II", header[16:])  # header holds at most 24 bytes
    return width, height
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
path = fresh_dir("png-size") / "logo.png"
path.write_bytes(make_png(640, 480))
with open(path, "rb") as f:
    size = png_size(f)
assert size == (640, 480), f"got {size}"
assert type(size) is tuple and all(type(n) is int for n in size), "return a tuple of two ints"

# %% course={"kind": "test", "points": 2}
assert png_size(io.BytesIO(make_png(1, 65_536))) == (1, 65_536), "width 1, height 65536: big-endian"
assert png_size(io.BytesIO(make_png(3_000_000_000, 2**32 - 1))) == (3_000_000_000, 2**32 - 1), "the fields are UNSIGNED 4-byte ints"
### BEGIN HIDDEN TESTS
assert png_size(io.BytesIO(make_png(0x01020304, 0x0A0B0C0D))) == (0x01020304, 0x0A0B0C0D)
assert png_size(io.BytesIO(make_png(0, 0))) == (0, 0)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
stream = CountingBytesIO(make_png(10, 20) + b"\x00" * 100_000)
assert png_size(stream) == (10, 20)
assert stream.bytes_read == 24, f"read exactly the 24 header bytes, not {stream.bytes_read}"
for bad, what in [
    (b"\xff\xd8\xff\xe0" + b"\x00" * 40, "a JPEG"),
    (make_png(5, 5)[:23], "a PNG cut after 23 bytes"),
    (b"", "an empty file"),
    (make_png(5, 5)[:12] + b"IDAT" + make_png(5, 5)[16:], "a PNG whose first chunk is not IHDR"),
    (b"\x89PNG\r\n\x1a\x00" + make_png(5, 5)[8:], "a wrong last signature byte"),
]:
    try:
        png_size(io.BytesIO(bad))
    except ValueError:
        pass
    else:
        raise AssertionError(f"{what} must raise ValueError")
### BEGIN HIDDEN TESTS
assert png_size(io.BytesIO(make_png(7, 9)[:24])) == (7, 9), "exactly 24 bytes are enough"
try:
    png_size(io.BytesIO(make_png(5, 5)[:23]))
except ValueError as err:
    assert "23" in str(err), f"say how many bytes there were: {err}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "little-endian", "fails": ["t1", "t2", "t3"]}
import struct


def png_size(stream):
    header = stream.read(24)
    if len(header) < 24 or header[:8] != b"\x89PNG\r\n\x1a\n" or header[12:16] != b"IHDR":
        raise ValueError("not a PNG: only 23 bytes")
    return struct.unpack("<II", header[16:24])

# %% course={"kind": "wrong", "id": "signed", "fails": ["t2"]}
import struct


def png_size(stream):
    header = stream.read(24)
    if len(header) < 24 or header[:8] != b"\x89PNG\r\n\x1a\n" or header[12:16] != b"IHDR":
        raise ValueError(f"not a PNG: {len(header)} bytes")
    return struct.unpack(">ii", header[16:24])

# %% course={"kind": "wrong", "id": "reads-everything", "fails": ["t3"]}
import struct


def png_size(stream):
    data = stream.read()
    if len(data) < 24 or data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError(f"not a PNG: {len(data)} bytes")
    return struct.unpack(">II", data[16:24])

# %% course={"kind": "wrong", "id": "no-checks", "fails": ["t3"]}
import struct


def png_size(stream):
    header = stream.read(24)
    return struct.unpack(">II", header[16:24])

# %% [markdown] course={"kind": "exercise", "id": "env-report", "item": "x-use-stringio-for-testing-file-operations"}
# ### Stream in, stream out: code you can test with `StringIO`
#
# Write `env_report(infile, outfile)` that reads `KEY=value` lines from the text stream `infile`
# and writes one `KEY: value` line per key to `outfile`, sorted by key, and returns how many lines
# it wrote. Spaces around the key and the value are removed; blank lines and lines starting with
# `#` (after leading spaces) are skipped; a key given twice keeps its **last** value; only the
# first `=` splits (values may contain `=`, and `#`: only a whole line can be a comment). A line with no `=` or an empty key raises
# `ValueError` naming its line number and its text without the surrounding spaces:
# `"line 3: expected KEY=value, got 'oops'"`.
#
# It takes streams, not paths, and must **not close** them (the caller owns them), so any object
# with a `write` method works as `outfile`. That is what makes it testable with `io.StringIO`, as
# the tests below do.
#
# ```python
# out = io.StringIO()
# env_report(io.StringIO("B=2\n# comment\nA = x=1\n"), out)   # 2
# out.getvalue()   # 'A: x=1\nB: 2\n'
# ```

# %% [markdown] course={"kind": "hint"}
# Collect the pairs in a dict first (a later key overwrites an earlier one), then write
# `for key in sorted(values):`. `line.partition("=")` splits at the first `=` only.

# %% [markdown] course={"kind": "hint"}
# Count lines with `enumerate(infile, start=1)` so the error names the line a person sees in an
# editor. Do not use `with infile:` or `with outfile:` inside the function: that closes them.

# %% course={"kind": "solution"}
import io
from typing import TextIO


def env_report(infile: TextIO, outfile) -> int:
    """Write 'KEY: value' lines, sorted by key, for the KEY=value lines of infile."""
    ### BEGIN SOLUTION
    values: dict[str, str] = {}
    for number, line in enumerate(infile, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        key, sep, value = text.partition("=")
        key = key.strip()
        if not sep or not key:
            raise ValueError(f"line {number}: expected KEY=value, got {text!r}")
        values[key] = value.strip()
    for key in sorted(values):
        outfile.write(f"{key}: {values[key]}\n")
    return len(values)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
out = io.StringIO()
count = env_report(io.StringIO("B=2\n# comment\nA = x=1\n"), out)
assert out.getvalue() == "A: x=1\nB: 2\n", f"got {out.getvalue()!r}"
assert count == 2 and type(count) is int, f"return the number of lines written, got {count!r}"

# %% course={"kind": "test", "points": 2}
source = io.StringIO("\n   # indented comment\nPORT=8080\n\n  HOST  =  web-1  \nPORT=9090\nEMPTY=\nZERO=0")
out = io.StringIO()
assert env_report(source, out) == 4, "four distinct keys"
assert out.getvalue() == "EMPTY: \nHOST: web-1\nPORT: 9090\nZERO: 0\n", f"got {out.getvalue()!r}"
assert not source.closed and not out.closed, "do not close the streams you were given"
### BEGIN HIDDEN TESTS
out = io.StringIO()
assert env_report(io.StringIO(""), out) == 0 and out.getvalue() == "", "an empty input writes nothing"
out = io.StringIO()
assert env_report(io.StringIO("#only=comment\n\t\n"), out) == 0 and out.getvalue() == ""
out = io.StringIO()
env_report(io.StringIO("b=1\nB=2\na=3\nÄ=4\n"), out)
assert out.getvalue() == "B: 2\na: 3\nb: 1\nÄ: 4\n", "sorted by key as strings (upper case first, unicode last)"
out = io.StringIO()
env_report(io.StringIO("COLOR=#ff8800\nURL = https://x.example/#top\n"), out)
assert out.getvalue() == "COLOR: #ff8800\nURL: https://x.example/#top\n", f"a '#' inside a value is kept: {out.getvalue()!r}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
class WriteOnly:
    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)


sink = WriteOnly()
env_report(io.StringIO("X=1\n"), sink)
assert "".join(sink.parts) == "X: 1\n", "any object with a write() method works as outfile"

# %% course={"kind": "test", "points": 2}
for text, message in [
    ("A=1\nB=2\noops\n", "line 3: expected KEY=value, got 'oops'"),
    ("  =value\n", "line 1: expected KEY=value, got '=value'"),
]:
    try:
        env_report(io.StringIO(text), io.StringIO())
    except ValueError as err:
        assert str(err) == message, f"expected {message!r}, got {str(err)!r}"
    else:
        raise AssertionError(f"{text!r} must raise ValueError")

# %% course={"kind": "wrong", "id": "closes-outfile", "fails": ["t1", "t2", "t3"]}
def env_report(infile, outfile):
    values = {}
    with infile, outfile:
        for number, line in enumerate(infile, start=1):
            text = line.strip()
            if not text or text.startswith("#"):
                continue
            key, sep, value = text.partition("=")
            if not sep or not key.strip():
                raise ValueError(f"line {number}: expected KEY=value, got {text!r}")
            values[key.strip()] = value.strip()
        for key in sorted(values):
            outfile.write(f"{key}: {values[key]}\n")
    return len(values)

# %% course={"kind": "wrong", "id": "split-every-equals", "fails": ["t1"]}
def env_report(infile, outfile):
    values = {}
    for number, line in enumerate(infile, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        parts = text.split("=")
        if len(parts) < 2 or not parts[0].strip():
            raise ValueError(f"line {number}: expected KEY=value, got {text!r}")
        values[parts[0].strip()] = parts[1].strip()
    for key in sorted(values):
        outfile.write(f"{key}: {values[key]}\n")
    return len(values)

# %% course={"kind": "wrong", "id": "line-from-zero", "fails": ["t4"]}
def env_report(infile, outfile):
    values = {}
    for number, line in enumerate(infile):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        key, sep, value = text.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"line {number}: expected KEY=value, got {text!r}")
        values[key.strip()] = value.strip()
    for key in sorted(values):
        outfile.write(f"{key}: {values[key]}\n")
    return len(values)

# %% [markdown] course={"kind": "exercise", "id": "read-n", "item": "dsa-read-n-characters"}
# ### Problem: Read N characters with a read-4 device (after LeetCode 157, *Read N Characters Given Read4*)
#
# A legacy storage driver hands out a file only **4 characters at a time**: each call of
# `read4()` returns the next chunk as a string of 4 characters, fewer only at the end of the
# file, and `""` once nothing is left. Write `read_n(read4, n)` that returns the first `n`
# characters of the file (all of it if it is shorter), calling `read4` as few times as possible:
# never again after it returned fewer than 4 characters, and no more than `ceil(n / 4)` times.
# `n` is 0 or more.
#
# ```python
# read4 = chunks_of("kubernetes")   # "kube", "rnet", "es", ""
# read_n(read4, 6)                  # 'kubern'   (2 calls)
# ```

# %% [markdown] course={"kind": "hint"}
# Loop while you have fewer than `n` characters; stop early when a chunk is shorter than 4.

# %% [markdown] course={"kind": "hint"}
# The last chunk may give you more than you need: keep only `n - len(so_far)` of it, e.g. by
# returning `"".join(parts)[:n]`.

# %% course={"kind": "setup", "id": "read4-device"}
# chunks_of(text) makes a read4() that serves text 4 characters at a time and counts its calls
# (read4.calls); a call after the end of the file is counted too.
def chunks_of(text: str):
    position = 0

    def read4() -> str:
        nonlocal position
        read4.calls += 1
        chunk = text[position:position + 4]
        position += len(chunk)
        return chunk

    read4.calls = 0
    return read4

# %% course={"kind": "solution"}
from collections.abc import Callable


def read_n(read4: Callable[[], str], n: int) -> str:
    """The first n characters of the file behind read4, with as few read4 calls as possible."""
    ### BEGIN SOLUTION
    parts: list[str] = []
    total = 0
    while total < n:
        chunk = read4()
        parts.append(chunk)
        total += len(chunk)
        if len(chunk) < 4:
            break
    return "".join(parts)[:n]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
read4 = chunks_of("kubernetes")
result = read_n(read4, 6)
assert result == "kubern", f"got {result!r}"
assert read4.calls == 2, f"6 characters need 2 calls of read4, you made {read4.calls}"

# %% course={"kind": "test", "points": 2}
read4 = chunks_of("kubernetes")
assert read_n(read4, 100) == "kubernetes", "a short file is returned whole"
assert read4.calls == 3, f"the third call returns 'es' (fewer than 4): stop there, not after {read4.calls} calls"
read4 = chunks_of("abcdefgh")
assert read_n(read4, 8) == "abcdefgh" and read4.calls == 2, "n a multiple of 4: exactly n / 4 calls"
### BEGIN HIDDEN TESTS
read4 = chunks_of("abcdefgh")
assert read_n(read4, 20) == "abcdefgh" and read4.calls == 3, "two full chunks, then '' ends the file"
read4 = chunks_of("abcdefgh")
assert read_n(read4, 7) == "abcdefg" and read4.calls == 2
read4 = chunks_of("abcdefgh")
assert read_n(read4, 9) == "abcdefgh" and read4.calls == 3
read4 = chunks_of("abcdefgh")
assert read_n(read4, 1) == "a" and read4.calls == 1
read4 = chunks_of("abc")
assert read_n(read4, 3) == "abc" and read4.calls == 1
read4 = chunks_of("abcdefg")
assert read_n(read4, 20) == "abcdefg" and read4.calls == 2, "a 3-character chunk is short: the file has ended"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
read4 = chunks_of("abc")
assert read_n(read4, 0) == "" and read4.calls == 0, "n = 0 reads nothing"
read4 = chunks_of("")
assert read_n(read4, 5) == "" and read4.calls == 1, "an empty file: one call, which returns ''"
### BEGIN HIDDEN TESTS
read4 = chunks_of("ünï→😀✓")
assert read_n(read4, 5) == "ünï→😀" and read4.calls == 2, "characters, not bytes"
text = "x" * 4000 + "y"
read4 = chunks_of(text)
assert read_n(read4, 4001) == text and read4.calls == 1001
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-trim", "fails": ["t1", "t2", "t3"]}
def read_n(read4, n):
    parts = []
    total = 0
    while total < n:
        chunk = read4()
        parts.append(chunk)
        total += len(chunk)
        if len(chunk) < 4:
            break
    return "".join(parts)

# %% course={"kind": "wrong", "id": "whole-chunks-only", "fails": ["t1", "t2", "t3"]}
def read_n(read4, n):
    parts = []
    for _ in range(n // 4):
        chunk = read4()
        parts.append(chunk)
        if len(chunk) < 4:
            break
    return "".join(parts)

# %% course={"kind": "wrong", "id": "read-until-empty", "fails": ["t2"]}
def read_n(read4, n):
    parts = []
    total = 0
    while total < n:
        chunk = read4()
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    return "".join(parts)[:n]

# %% [markdown] course={"kind": "exercise", "id": "run-journal", "item": "dsa-file-handling"}
# ### Problem: A run journal with the right file modes (after HackerRank's *File handling* practice)
#
# A deploy script keeps a journal file per run. Write two functions, each choosing the right mode:
#
# - `start_journal(path, title)` creates the file with the single line `# <title>` and returns
#   `True`; if the file **already exists** it returns `False` and leaves it exactly as it was
#   (another run owns it). Use the mode that makes "create only if new" one step: checking
#   `path.exists()` and then opening is two steps, and the check can be wrong (another process
#   creates the file in between, or `path` is a symlink to nothing, for which `exists()` is False).
# - `add_entry(path, message)` adds the line `message` at the end of the file (creating it if
#   needed) and returns the number of lines the file now has. A message that contains a newline
#   would break the one-entry-per-line format: raise `ValueError` for it, before touching the file.
#
# Both read and write UTF-8 and end every line with `"\n"`.
#
# ```python
# start_journal(path, "deploy 42")   # True   -> file: "# deploy 42\n"
# start_journal(path, "deploy 43")   # False  (unchanged)
# add_entry(path, "pulled image")    # 2      -> file: "# deploy 42\npulled image\n"
# ```

# %% [markdown] course={"kind": "hint"}
# Mode `"x"` creates a file and raises `FileExistsError` if it exists; mode `"a"` appends and
# creates the file if needed. Checking `path.exists()` first and then opening with `"w"` leaves
# a gap in which another process can create the file.

# %% [markdown] course={"kind": "hint"}
# To count lines afterwards, open the file again for reading and `sum(1 for _ in f)`.

# %% course={"kind": "solution"}
from pathlib import Path


def start_journal(path: Path, title: str) -> bool:
    """Create path holding '# title'; False (file untouched) if it already exists."""
    ### BEGIN SOLUTION
    try:
        with open(path, "x", encoding="utf-8") as f:
            f.write(f"# {title}\n")
    except FileExistsError:
        return False
    return True
    ### END SOLUTION


def add_entry(path: Path, message: str) -> int:
    """Append one line to path; return how many lines it now has."""
    ### BEGIN SOLUTION
    if "\n" in message or "\r" in message:
        raise ValueError(f"an entry is one line, got {message!r}")
    with open(path, "a", encoding="utf-8") as f:
        f.write(message + "\n")
    with open(path, encoding="utf-8") as f:
        return sum(1 for _ in f)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
path = fresh_dir("journal") / "run.log"
assert start_journal(path, "deploy 42") is True, "a new journal: True"
assert path.read_bytes() == b"# deploy 42\n", f"got {path.read_bytes()!r}"
assert start_journal(path, "deploy 43") is False, "the journal exists: False"
assert path.read_bytes() == b"# deploy 42\n", f"an existing journal stays as it was: {path.read_bytes()!r}"
### BEGIN HIDDEN TESTS
folder = fresh_dir("journal-link")
try:
    (folder / "run.log").symlink_to(folder / "elsewhere.log")  # the name exists, pointing at nothing
except OSError:  # no symlinks allowed here (Windows without the privilege): skip this check
    pass
else:
    assert start_journal(folder / "run.log", "deploy 1") is False, "run.log exists (a symlink to nothing, so exists() is False): only mode 'x' sees it"
    assert not (folder / "elsewhere.log").exists(), "nothing is created through the existing name"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
path = fresh_dir("journal") / "run.log"
start_journal(path, "deploy 42")
assert add_entry(path, "pulled image") == 2
assert add_entry(path, "restarted pods") == 3
assert path.read_text(encoding="utf-8") == "# deploy 42\npulled image\nrestarted pods\n", f"entries are appended in order: {path.read_text(encoding='utf-8')!r}"
### BEGIN HIDDEN TESTS
path = fresh_dir("journal") / "fresh.log"
assert add_entry(path, "") == 1 and path.read_bytes() == b"\n", "an empty message is still a line; a missing file is created"
assert add_entry(path, "0") == 2 and path.read_bytes() == b"\n0\n"
assert add_entry(path, "café ✓") == 3 and path.read_bytes() == b"\n0\ncaf\xc3\xa9 \xe2\x9c\x93\n", "UTF-8"
path = fresh_dir("journal") / "uni.log"
assert start_journal(path, "Zürich") is True and path.read_bytes() == b"# Z\xc3\xbcrich\n"
assert start_journal(path, "Zürich") is False
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
path = fresh_dir("journal") / "run.log"
start_journal(path, "deploy 7")
for bad in ["two\nlines", "trailing\n", "\r\n"]:
    try:
        add_entry(path, bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r} holds a newline: raise ValueError")
assert path.read_bytes() == b"# deploy 7\n", "a rejected message must not touch the file"
### BEGIN HIDDEN TESTS
try:
    add_entry(path, "old mac\rending")
except ValueError:
    pass
else:
    raise AssertionError("a lone \\r is a line break too")
assert path.read_bytes() == b"# deploy 7\n"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "write-mode", "fails": ["t1", "t2"]}
def start_journal(path, title):
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# {title}\n")
    return True


def add_entry(path, message):
    if "\n" in message or "\r" in message:
        raise ValueError(message)
    with open(path, "a", encoding="utf-8") as f:
        f.write(message + "\n")
    with open(path, encoding="utf-8") as f:
        return sum(1 for _ in f)

# %% course={"kind": "wrong", "id": "check-then-write", "fails": ["t1"]}
from pathlib import Path


def start_journal(path, title):
    if Path(path).exists():  # two steps: the answer can be out of date, or wrong, when "w" opens
        return False
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# {title}\n")
    return True


def add_entry(path, message):
    if "\n" in message or "\r" in message:
        raise ValueError(message)
    with open(path, "a", encoding="utf-8") as f:
        f.write(message + "\n")
    with open(path, encoding="utf-8") as f:
        return sum(1 for _ in f)

# %% course={"kind": "wrong", "id": "entry-overwrites", "fails": ["t2"]}
def start_journal(path, title):
    try:
        with open(path, "x", encoding="utf-8") as f:
            f.write(f"# {title}\n")
    except FileExistsError:
        return False
    return True


def add_entry(path, message):
    if "\n" in message or "\r" in message:
        raise ValueError(message)
    with open(path, "w", encoding="utf-8") as f:
        f.write(message + "\n")
    with open(path, encoding="utf-8") as f:
        return sum(1 for _ in f)

# %% course={"kind": "wrong", "id": "validates-after-writing", "fails": ["t3"]}
def start_journal(path, title):
    try:
        with open(path, "x", encoding="utf-8") as f:
            f.write(f"# {title}\n")
    except FileExistsError:
        return False
    return True


def add_entry(path, message):
    with open(path, "a", encoding="utf-8") as f:
        f.write(message + "\n")
    if "\n" in message or "\r" in message:
        raise ValueError(message)
    with open(path, encoding="utf-8") as f:
        return sum(1 for _ in f)

# %% [markdown] course={"kind": "exercise", "id": "tail", "item": "project-7-1-1"}
# ### Log rotator, part 1: `tail` without reading the whole log
#
# Before rotating a log you often want its last few lines. Write `tail(f, n)` for a **binary**
# file object `f` (seekable, like `open(path, "rb")`) that returns the last `n` lines as a list of
# `str` (decoded UTF-8), oldest first, without their `"\n"`. Only `"\n"` ends a line (a `"\r"` a
# progress bar left inside a line stays in it); a final `"\n"` ends the last line, it does not
# start an empty one. Read the file **backwards in blocks** of 4096 bytes from the end
# (`f.seek(...)`, `f.read(4096)`) until you have more than `n` newlines or reach the start, so a
# 1 GB log costs a few kilobytes. `n = 0` gives `[]`; `n` larger than the number of lines gives
# every line.
#
# ```python
# f = io.BytesIO(b"one\ntwo\nthree\n")
# tail(f, 2)   # ['two', 'three']
# ```

# %% [markdown] course={"kind": "hint"}
# `end = f.seek(0, 2)` moves to the end and returns the file size. Then, while `end > 0` and the
# collected bytes hold at most `n` newlines: `start = max(0, end - 4096)`, `f.seek(start)`,
# `data = f.read(end - start) + data`, `end = start`.

# %% [markdown] course={"kind": "hint"}
# Decode only once you have all the bytes you need (a block boundary can cut a UTF-8 character
# in half). Drop one trailing `"\n"` before `split("\n")`, then take the last `n` items; handle
# `n == 0` and the empty file first, because `items[-0:]` is the whole list.

# %% course={"kind": "solution", "equivalent": {"m-7bfde000": "a start one byte past the end only shifts the block edges by one byte: read() stops at the end, so the same bytes are gathered"}}
from typing import BinaryIO

BLOCK = 4096


def tail(f: BinaryIO, n: int) -> list[str]:
    """The last n lines of the binary file f, read backwards in blocks."""
    ### BEGIN SOLUTION
    if n <= 0:
        return []
    end = f.seek(0, 2)
    data = b""
    while end > 0 and data.count(b"\n") <= n:
        start = max(0, end - BLOCK)
        f.seek(start)
        data = f.read(end - start) + data
        end = start
    if not data:  # the loop reads at least one block unless the file is empty
        return []
    if data.endswith(b"\n"):
        data = data[:-1]
    lines = data.split(b"\n")
    return [line.decode("utf-8") for line in lines[-n:]]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = tail(io.BytesIO(b"one\ntwo\nthree\n"), 2)
assert result == ["two", "three"], f"got {result}"

# %% course={"kind": "test", "points": 2}
assert tail(io.BytesIO(b"one\ntwo\nthree"), 2) == ["two", "three"], "the last line need not end in a newline"
assert tail(io.BytesIO(b"one\ntwo\n"), 5) == ["one", "two"], "fewer lines than n: all of them"
assert tail(io.BytesIO(b"one\ntwo\n"), 0) == [], "n = 0: no lines"
assert tail(io.BytesIO(b""), 3) == [], "an empty file has no lines"
### BEGIN HIDDEN TESTS
assert tail(io.BytesIO(b"\n"), 3) == [""], "a file holding one newline has one empty line"
assert tail(io.BytesIO(b"a\n\n\nb\n"), 3) == ["", "", "b"], "empty lines in the middle count"
assert tail(io.BytesIO(b"solo"), 1) == ["solo"]
assert tail(io.BytesIO(b"a\nb\n"), 2) == ["a", "b"] and tail(io.BytesIO(b"a\nb\n"), 1) == ["b"]
assert tail(io.BytesIO("grüße\n✓ done\n".encode()), 2) == ["grüße", "✓ done"], "decode UTF-8"
assert tail(io.BytesIO(b"pull 10%\rpull 100%\ndone\n"), 2) == ["pull 10%\rpull 100%", "done"], "only '\\n' ends a line (a progress bar's '\\r' does not)"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
big = b"".join(b"line %d\n" % i for i in range(200_000))  # about 2.3 MB
stream = CountingBytesIO(big)
assert tail(stream, 3) == ["line 199997", "line 199998", "line 199999"]
assert stream.bytes_read <= 2 * 4096, f"read {stream.bytes_read} bytes for 3 lines: read backwards from the end"
### BEGIN HIDDEN TESTS
long_lines = b"".join(b"%05d" % i + b"x" * 3000 + b"\n" for i in range(20))  # lines longer than half a block
stream = CountingBytesIO(long_lines)
result = tail(stream, 3)
assert [line[:5] for line in result] == ["00017", "00018", "00019"] and all(len(line) == 3005 for line in result)
assert stream.bytes_read <= 3 * 4096, f"read {stream.bytes_read} bytes"
text = ("é" * 5000 + "\n").encode() * 3  # 2-byte characters across block edges
assert tail(io.BytesIO(text), 2) == ["é" * 5000] * 2
stream = CountingBytesIO(b"x\n" * 10_000)
assert tail(stream, 5000) == ["x"] * 5000 and stream.bytes_read <= 10_000 + 4096
assert tail(io.BytesIO(b"x\n" * 10_000), 10_000) == ["x"] * 10_000
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "read-all", "fails": ["t2", "t3"]}
def tail(f, n):
    lines = f.read().decode("utf-8").splitlines()
    return lines[-n:]

# %% course={"kind": "wrong", "id": "trailing-empty-line", "fails": ["t1", "t2", "t3"]}
def tail(f, n):
    if n <= 0:
        return []
    end = f.seek(0, 2)
    data = b""
    while end > 0 and data.count(b"\n") <= n:
        start = max(0, end - 4096)
        f.seek(start)
        data = f.read(end - start) + data
        end = start
    return [line.decode("utf-8") for line in data.split(b"\n")[-n:]]

# %% course={"kind": "wrong", "id": "splitlines", "fails": ["t2", "t3"]}
def tail(f, n):
    if n <= 0:
        return []
    end = f.seek(0, 2)
    data = b""
    while end > 0 and data.count(b"\n") <= n:
        start = max(0, end - 4096)
        f.seek(start)
        data = f.read(end - start) + data
        end = start
    return data.decode("utf-8").splitlines()[-n:]  # also splits at "\r"

# %% course={"kind": "wrong", "id": "decode-each-block", "fails": ["t3"]}
def tail(f, n):
    if n <= 0:
        return []
    end = f.seek(0, 2)
    text = ""
    while end > 0 and text.count("\n") <= n:
        start = max(0, end - 4096)
        f.seek(start)
        text = f.read(end - start).decode("utf-8", errors="replace") + text
        end = start
    lines = text.removesuffix("\n").split("\n") if text else []
    return lines[-n:]

# %% [markdown] course={"kind": "exercise", "id": "read-any-text"}
# ### Read a text file whatever editor wrote it
#
# Config files arrive from everywhere: Notepad adds a UTF-8 byte order mark, PowerShell writes
# UTF-16, an old tool writes Latin-1, Windows ends lines with `"\r\n"`. Write
# `read_any_text(path)` that reads the file's **bytes** and returns its text:
#
# 1. starts with the UTF-8 BOM `b"\xef\xbb\xbf"`: decode the rest as UTF-8 (the BOM is not text);
# 2. starts with a UTF-16 BOM (`b"\xff\xfe"` or `b"\xfe\xff"`): decode with `"utf-16"`, which
#    reads the BOM and drops it;
# 3. otherwise: UTF-8, and if that raises `UnicodeDecodeError`, Latin-1 (which never fails);
#
# and finally turns every `"\r\n"` and lone `"\r"` into `"\n"`.
#
# ```python
# path.write_bytes(b"\xef\xbb\xbfname = caf\xc3\xa9\r\n")
# read_any_text(path)   # 'name = café\n'
# ```

# %% [markdown] course={"kind": "hint"}
# `data.startswith(b"\xef\xbb\xbf")`, then `data[3:].decode("utf-8")`, or simply
# `data.decode("utf-8-sig")`, which drops a leading BOM.

# %% [markdown] course={"kind": "hint"}
# Replace `"\r\n"` before the lone `"\r"`: the other order turns one Windows line end into two.

# %% course={"kind": "solution"}
from pathlib import Path


def read_any_text(path: Path) -> str:
    """The text of path: BOM-aware UTF-8/UTF-16, else UTF-8, else Latin-1; newlines as '\\n'."""
    ### BEGIN SOLUTION
    data = Path(path).read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n")
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
path = fresh_dir("any-text") / "bom.conf"
path.write_bytes(b"\xef\xbb\xbfname = caf\xc3\xa9\r\n")
result = read_any_text(path)
assert result == "name = café\n", f"drop the BOM, decode UTF-8, '\\r\\n' -> '\\n': got {result!r}"

# %% course={"kind": "test", "points": 2}
folder = fresh_dir("any-text")
cases = {
    "utf16le.conf": ("port = 80\r\nhost = ü\r\n".encode("utf-16-le"), b"\xff\xfe"),
    "utf16be.conf": ("port = 80\r\nhost = ü\r\n".encode("utf-16-be"), b"\xfe\xff"),
}
for name, (body, bom) in cases.items():
    (folder / name).write_bytes(bom + body)
    result = read_any_text(folder / name)
    assert result == "port = 80\nhost = ü\n", f"{name}: got {result!r}"
### BEGIN HIDDEN TESTS
(folder / "bom-only.txt").write_bytes(b"\xef\xbb\xbf")
assert read_any_text(folder / "bom-only.txt") == "", "a BOM alone is an empty text"
(folder / "utf16-bom-only.txt").write_bytes(b"\xff\xfe")
assert read_any_text(folder / "utf16-bom-only.txt") == ""
(folder / "inner-bom.txt").write_bytes(b"a\xef\xbb\xbfb")
assert read_any_text(folder / "inner-bom.txt") == "a\ufeffb", "only a LEADING BOM is dropped"
(folder / "utf16-emoji.txt").write_bytes("😀\r".encode("utf-16"))
assert read_any_text(folder / "utf16-emoji.txt") == "😀\n"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
folder = fresh_dir("any-text")
(folder / "latin1.conf").write_bytes(b"city = Z\xfcrich\rzone = 1\r")
result = read_any_text(folder / "latin1.conf")
assert result == "city = Zürich\nzone = 1\n", f"not UTF-8: Latin-1, and a lone '\\r' is a line end: got {result!r}"
(folder / "plain.conf").write_bytes(b"a\r\n\r\nb\n\rc")
assert read_any_text(folder / "plain.conf") == "a\n\nb\n\nc", "'\\r\\n' is ONE line end; '\\n\\r' is two"
### BEGIN HIDDEN TESTS
(folder / "empty.conf").write_bytes(b"")
assert read_any_text(folder / "empty.conf") == ""
(folder / "utf8.conf").write_bytes("é ✓ 😀".encode())
assert read_any_text(folder / "utf8.conf") == "é ✓ 😀", "valid UTF-8 is not read as Latin-1"
(folder / "breaks.conf").write_bytes("page 1\fpage 2\u2028same line\r\n".encode())
assert read_any_text(folder / "breaks.conf") == "page 1\fpage 2\u2028same line\n", "only '\\r\\n' and '\\r' change (splitlines() would also split at '\\f' and U+2028)"
(folder / "nel.conf").write_bytes(b"caf\xe9\x85ok\r")
assert read_any_text(folder / "nel.conf") == "café\x85ok\n", "Latin-1 byte 0x85 is a character, not a line end"
(folder / "mixed.conf").write_bytes("✓".encode() + b"\xff")
assert read_any_text(folder / "mixed.conf") == "â\x9c\x93ÿ", "one bad byte: the whole file is Latin-1"
assert type(read_any_text(str(folder / "utf8.conf"))) is str, "a str path works too"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "keeps-bom", "fails": ["t1", "t2"]}
def read_any_text(path):
    data = Path(path).read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n")

# %% course={"kind": "wrong", "id": "replace-errors", "fails": ["t3"]}
def read_any_text(path):
    data = Path(path).read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        text = data.decode("utf-8-sig", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")

# %% course={"kind": "wrong", "id": "cr-first", "fails": ["t1", "t2", "t3"]}
def read_any_text(path):
    data = Path(path).read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    return text.replace("\r", "\n").replace("\r\n", "\n")

# %% course={"kind": "wrong", "id": "splitlines-join", "fails": ["t3"]}
def read_any_text(path):
    data = Path(path).read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    ending = "\n" if text.endswith(("\n", "\r")) else ""
    return "\n".join(text.splitlines()) + ending  # splitlines() also splits at \f, \x85, U+2028...

# %% course={"kind": "wrong", "id": "text-mode-default", "fails": ["t2"]}
def read_any_text(path):
    with open(path, encoding="utf-8-sig") as f:  # newline=None translates \r\n and \r
        try:
            return f.read()
        except UnicodeDecodeError:
            pass
    with open(path, encoding="latin-1") as f:
        return f.read()

# %% [markdown] course={"kind": "exercise", "id": "rotate", "item": "project-7-1-1"}
# ### Log rotator, part 2: rotate by size and compress
#
# Write `rotate(path, max_bytes, keep)` that rotates the log `path` (say `app.log`) when it has
# grown to **at least** `max_bytes` bytes, the way `logrotate` does, and returns `True`; otherwise
# (smaller, or no such file) it changes nothing and returns `False`. Rotating means:
#
# 1. `app.log.<keep>.gz`, the oldest copy, is deleted if it exists;
# 2. every `app.log.<i>.gz` for `i` from `keep - 1` **down** to 1 is renamed to `app.log.<i+1>.gz`;
# 3. the content of `app.log` is written gzip-compressed to `app.log.1.gz`;
# 4. `app.log` is emptied **in place**: it keeps existing (the same file, now 0 bytes), so a
#    service that holds it open for appending goes on writing into it.
#
# `keep` below 1 raises `ValueError`. Other files in the folder are never touched.
#
# ```python
# rotate(folder / "app.log", max_bytes=1000, keep=3)   # app.log was 1500 bytes -> True
# # folder: app.log (0 bytes), app.log.1.gz (the 1500 bytes, compressed)
# ```

# %% [markdown] course={"kind": "hint"}
# `rotated = lambda i: path.with_name(f"{path.name}.{i}.gz")` names the copies. Rename with
# `os.replace`, going from the highest number down so no copy overwrites one not yet moved.

# %% [markdown] course={"kind": "hint"}
# `gzip.open(target, "wb")` gives a binary file that compresses what you write:
# `shutil.copyfileobj(source, target)` streams the old log into it. Then
# `open(path, "wb").close()` empties the live log in place (deleting it and creating a new one
# would leave the service writing into the deleted file).

# %% course={"kind": "solution", "equivalent": {"m-4827da44": "copy <keep> was deleted on the line above, so the extra turn with i = keep finds nothing to move"}}
import gzip
import os
import shutil
from pathlib import Path


def rotate(path: Path, max_bytes: int, keep: int) -> bool:
    """Rotate path into path.1.gz ... path.<keep>.gz once it holds max_bytes or more."""
    path = Path(path)
    ### BEGIN SOLUTION
    if keep < 1:
        raise ValueError(f"keep must be at least 1, got {keep}")
    if not path.exists() or path.stat().st_size < max_bytes:
        return False

    def rotated(i: int) -> Path:
        return path.with_name(f"{path.name}.{i}.gz")

    rotated(keep).unlink(missing_ok=True)
    for i in range(keep - 1, 0, -1):
        if rotated(i).exists():
            os.replace(rotated(i), rotated(i + 1))
    with open(path, "rb") as source, gzip.open(rotated(1), "wb") as target:
        shutil.copyfileobj(source, target)
    open(path, "wb").close()
    return True
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
folder = fresh_dir("rotate")
log = folder / "app.log"
log.write_bytes(b"x" * 1500)
with open(log, "ab") as service:  # the service keeps its log open for appending
    assert rotate(log, max_bytes=1000, keep=3) is True
    assert sorted(p.name for p in folder.iterdir()) == ["app.log", "app.log.1.gz"], f"got {sorted(p.name for p in folder.iterdir())}"
    assert log.read_bytes() == b"", "the live log is emptied, not deleted"
    service.write(b"after rotation\n")
    service.flush()
    assert log.read_bytes() == b"after rotation\n", "the service's open file must still be app.log: empty it in place, do not delete and re-create it"
assert gzip.decompress((folder / "app.log.1.gz").read_bytes()) == b"x" * 1500, "app.log.1.gz holds the old log, compressed"

# %% course={"kind": "test", "points": 2}
folder = fresh_dir("rotate")
log = folder / "app.log"
log.write_bytes(b"a" * 99)
assert rotate(log, max_bytes=100, keep=2) is False and log.read_bytes() == b"a" * 99, "99 bytes < 100: no rotation"
log.write_bytes(b"a" * 100)
assert rotate(log, max_bytes=100, keep=2) is True, "exactly max_bytes: rotate"
assert rotate(folder / "missing.log", max_bytes=1, keep=2) is False, "no log, nothing to rotate"
assert sorted(p.name for p in folder.iterdir()) == ["app.log", "app.log.1.gz"]

# %% course={"kind": "test", "points": 3}
folder = fresh_dir("rotate")
log = folder / "app.log"
(folder / "other.log.1.gz").write_bytes(b"not ours")
for day in ["mon", "tue", "wed", "thu"]:
    log.write_text(f"{day} entries\n" * 50, encoding="utf-8")
    assert rotate(log, max_bytes=10, keep=3) is True
names = sorted(p.name for p in folder.iterdir())
assert names == ["app.log", "app.log.1.gz", "app.log.2.gz", "app.log.3.gz", "other.log.1.gz"], f"keep=3 copies: {names}"
held = [gzip.decompress((folder / f"app.log.{i}.gz").read_bytes()).decode()[:3] for i in (1, 2, 3)]
assert held == ["thu", "wed", "tue"], f"1 is the newest copy, 3 the oldest; 'mon' is gone: {held}"
assert (folder / "other.log.1.gz").read_bytes() == b"not ours", "other files are not touched"
### BEGIN HIDDEN TESTS
folder = fresh_dir("rotate")
log = folder / "app.log"
for day in ["mon", "tue"]:
    log.write_text(day, encoding="utf-8")
    rotate(log, max_bytes=1, keep=1)
assert sorted(p.name for p in folder.iterdir()) == ["app.log", "app.log.1.gz"]
assert gzip.decompress((folder / "app.log.1.gz").read_bytes()) == b"tue", "keep=1: only the newest copy"
log.write_bytes(b"")
assert rotate(log, max_bytes=0, keep=2) is True, "0 bytes >= max_bytes 0"
(folder / "app.log.2.gz").unlink(missing_ok=True)
(folder / "app.log.1.gz").write_bytes(gzip.compress(b"one"))
(folder / "app.log.3.gz").write_bytes(gzip.compress(b"three"))
log.write_bytes(b"new")
rotate(log, max_bytes=1, keep=4)
names = sorted(p.name for p in folder.iterdir())
assert names == ["app.log", "app.log.1.gz", "app.log.2.gz", "app.log.4.gz"], f"a gap in the numbers is kept: {names}"
assert gzip.decompress((folder / "app.log.4.gz").read_bytes()) == b"three"
folder = fresh_dir("rotate")
log = folder / "app.log"
(folder / "app.log.1.gz").write_bytes(gzip.compress(b"one"))
(folder / "app.log.3.gz").write_bytes(gzip.compress(b"three"))
log.write_bytes(b"new")
rotate(log, max_bytes=1, keep=3)
names = sorted(p.name for p in folder.iterdir())
assert names == ["app.log", "app.log.1.gz", "app.log.2.gz"], f"copy 3 is the oldest kept: it is deleted even when 2 is missing: {names}"
folder = fresh_dir("rotate")
log = folder / "app.log"
(folder / "app.log.1.gz").write_bytes(gzip.compress(b"one"))
(folder / "app.log.3.gz").write_bytes(b"left from when keep was 3")
log.write_bytes(b"new")
rotate(log, max_bytes=1, keep=2)
assert (folder / "app.log.3.gz").read_bytes() == b"left from when keep was 3", "copies above keep are not touched"
assert sorted(p.name for p in folder.iterdir()) == ["app.log", "app.log.1.gz", "app.log.2.gz", "app.log.3.gz"]
folder = fresh_dir("rotate")
log = folder / "app.log"
for i in range(1, 12):
    (folder / f"app.log.{i}.gz").write_bytes(gzip.compress(b"copy %d" % i))
log.write_bytes(b"new")
rotate(log, max_bytes=1, keep=12)
held = [gzip.decompress((folder / f"app.log.{i}.gz").read_bytes()) for i in range(1, 13)]
assert held == [b"new"] + [b"copy %d" % i for i in range(1, 12)], f"keep=12: copy 10 moves to 11 before 9 moves to 10 (numbers, not strings): {held}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
folder = fresh_dir("rotate")
(folder / "app.log").write_bytes(b"data")
for keep in (0, -1):
    try:
        rotate(folder / "app.log", max_bytes=1, keep=keep)
    except ValueError:
        pass
    else:
        raise AssertionError(f"keep={keep} must raise ValueError")
assert sorted(p.name for p in folder.iterdir()) == ["app.log"] and (folder / "app.log").read_bytes() == b"data"
### BEGIN HIDDEN TESTS
try:
    rotate(folder / "missing.log", max_bytes=1, keep=0)
except ValueError:
    pass
else:
    raise AssertionError("keep=0 is an error even when there is nothing to rotate")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "shift-upwards", "fails": ["t3"]}
import gzip
import os
import shutil
from pathlib import Path


def rotate(path, max_bytes, keep):
    path = Path(path)
    if keep < 1:
        raise ValueError(keep)
    if not path.exists() or path.stat().st_size < max_bytes:
        return False
    path.with_name(f"{path.name}.{keep}.gz").unlink(missing_ok=True)
    for i in range(1, keep):
        old = path.with_name(f"{path.name}.{i}.gz")
        if old.exists():
            os.replace(old, path.with_name(f"{path.name}.{i + 1}.gz"))
    with open(path, "rb") as source, gzip.open(path.with_name(f"{path.name}.1.gz"), "wb") as target:
        shutil.copyfileobj(source, target)
    open(path, "wb").close()
    return True

# %% course={"kind": "wrong", "id": "strictly-larger", "fails": ["t2", "t3"]}
import gzip
import os
import shutil
from pathlib import Path


def rotate(path, max_bytes, keep):
    path = Path(path)
    if keep < 1:
        raise ValueError(keep)
    if not path.exists() or path.stat().st_size <= max_bytes:
        return False
    path.with_name(f"{path.name}.{keep}.gz").unlink(missing_ok=True)
    for i in range(keep - 1, 0, -1):
        old = path.with_name(f"{path.name}.{i}.gz")
        if old.exists():
            os.replace(old, path.with_name(f"{path.name}.{i + 1}.gz"))
    with open(path, "rb") as source, gzip.open(path.with_name(f"{path.name}.1.gz"), "wb") as target:
        shutil.copyfileobj(source, target)
    open(path, "wb").close()
    return True

# %% course={"kind": "wrong", "id": "recreates-live-log", "fails": ["t1"]}
import gzip
import os
import shutil
from pathlib import Path


def rotate(path, max_bytes, keep):
    path = Path(path)
    if keep < 1:
        raise ValueError(keep)
    if not path.exists() or path.stat().st_size < max_bytes:
        return False
    path.with_name(f"{path.name}.{keep}.gz").unlink(missing_ok=True)
    for i in range(keep - 1, 0, -1):
        old = path.with_name(f"{path.name}.{i}.gz")
        if old.exists():
            os.replace(old, path.with_name(f"{path.name}.{i + 1}.gz"))
    with open(path, "rb") as source, gzip.open(path.with_name(f"{path.name}.1.gz"), "wb") as target:
        shutil.copyfileobj(source, target)
    path.unlink()  # the service still writes into the deleted file...
    path.touch()  # ...not into this new, empty one
    return True

# %% course={"kind": "wrong", "id": "sorted-as-strings", "fails": ["t3"]}
import gzip
import os
import shutil
from pathlib import Path


def rotate(path, max_bytes, keep):
    path = Path(path)
    if keep < 1:
        raise ValueError(keep)
    if not path.exists() or path.stat().st_size < max_bytes:
        return False
    path.with_name(f"{path.name}.{keep}.gz").unlink(missing_ok=True)
    for old in sorted(path.parent.glob(f"{path.name}.*.gz"), reverse=True):  # "9" sorts after "10"
        number = int(old.name[len(path.name) + 1 : -len(".gz")])
        if number < keep:
            os.replace(old, path.with_name(f"{path.name}.{number + 1}.gz"))
    with open(path, "rb") as source, gzip.open(path.with_name(f"{path.name}.1.gz"), "wb") as target:
        shutil.copyfileobj(source, target)
    open(path, "wb").close()
    return True

# %% course={"kind": "wrong", "id": "moves-live-log", "fails": ["t1", "t2", "t3"]}
import gzip
import os
from pathlib import Path


def rotate(path, max_bytes, keep):
    path = Path(path)
    if keep < 1:
        raise ValueError(keep)
    if not path.exists() or path.stat().st_size < max_bytes:
        return False
    path.with_name(f"{path.name}.{keep}.gz").unlink(missing_ok=True)
    for i in range(keep - 1, 0, -1):
        old = path.with_name(f"{path.name}.{i}.gz")
        if old.exists():
            os.replace(old, path.with_name(f"{path.name}.{i + 1}.gz"))
    data = path.read_bytes()
    path.unlink()  # the service now writes into a file that no longer exists
    path.with_name(f"{path.name}.1.gz").write_bytes(gzip.compress(data))
    return True

# %% [markdown] course={"kind": "exercise", "id": "purge-old", "item": "project-7-1-1"}
# ### Log rotator, part 3: delete rotated logs older than N days
#
# Write `purge_old(folder, name, days, now)` that deletes the rotated copies of the log `name`
# in `folder` (files named `<name>.<number>.gz`, e.g. `app.log.3.gz`) whose **modification time**
# is more than `days` days before the timestamp `now` (seconds since the epoch, like
# `time.time()`), and returns the names it deleted, sorted. A copy exactly `days` days old stays.
# The live log, other logs' copies and any other file are never deleted. Taking `now` as an
# argument (instead of calling `time.time()` inside) makes the function testable.
#
# ```python
# purge_old(folder, "app.log", days=7, now=time.time())   # ['app.log.5.gz', 'app.log.6.gz']
# ```

# %% [markdown] course={"kind": "hint"}
# `re.fullmatch(re.escape(name) + r"\.\d+\.gz", entry.name)` recognises a copy;
# `entry.stat().st_mtime` is its modification time.

# %% [markdown] course={"kind": "hint"}
# "More than `days` days old" is `now - mtime > days * 86400`. Not `st_ctime`: on Linux that is the
# time of the last metadata change, not the creation time.

# %% course={"kind": "solution"}
import re
from pathlib import Path


def purge_old(folder: Path, name: str, days: float, now: float) -> list[str]:
    """Delete folder/<name>.<n>.gz files modified more than days days before now; return their names."""
    ### BEGIN SOLUTION
    pattern = re.escape(name) + r"\.\d+\.gz"
    deleted = []
    for entry in Path(folder).iterdir():
        if entry.is_file() and re.fullmatch(pattern, entry.name):
            if now - entry.stat().st_mtime > days * 86400:
                entry.unlink()
                deleted.append(entry.name)
    return sorted(deleted)
    ### END SOLUTION

# %% course={"kind": "setup", "id": "aged-files"}
# age_files(folder, {name: age_in_seconds}, now) creates each file with its modification time set
# that many seconds before now; the purge-old tests use it, with a fixed NOW and DAY in seconds.
NOW = 1_700_000_000.0
DAY = 86400


def age_files(folder: Path, ages: dict, now: float) -> None:
    for name, age in ages.items():
        path = Path(folder) / name
        path.write_bytes(name.encode())
        os.utime(path, (now - age, now - age))

# %% course={"kind": "test", "points": 1}
from course.runtime.listing import listing_z_to_a  # every folder lists Z to A while active

folder = fresh_dir("purge")
age_files(folder, {"app.log": 20 * DAY, "app.log.1.gz": 1 * DAY, "app.log.5.gz": 9 * DAY, "app.log.6.gz": 30 * DAY}, NOW)
with listing_z_to_a():
    deleted = purge_old(folder, "app.log", days=7, now=NOW)
assert deleted == ["app.log.5.gz", "app.log.6.gz"], f"sorted, whatever order the folder lists them in; got {deleted}"
assert sorted(p.name for p in folder.iterdir()) == ["app.log", "app.log.1.gz"], "the old copies are gone, the live log stays"

# %% course={"kind": "test", "points": 2}
folder = fresh_dir("purge")
age_files(folder, {"app.log.1.gz": 7 * DAY, "app.log.2.gz": 7 * DAY + 1}, NOW)
assert purge_old(folder, "app.log", days=7, now=NOW) == ["app.log.2.gz"], "exactly 7 days stays, one second more goes"
### BEGIN HIDDEN TESTS
folder = fresh_dir("purge")
age_files(folder, {"app.log.1.gz": 0, "app.log.2.gz": 1}, NOW)
assert purge_old(folder, "app.log", days=0, now=NOW) == ["app.log.2.gz"], "days=0: anything older than now"
folder = fresh_dir("purge")
age_files(folder, {"app.log.1.gz": 2 * DAY}, NOW)
assert purge_old(folder, "app.log", days=1.5, now=NOW) == ["app.log.1.gz"], "fractional days work"
assert purge_old(fresh_dir("purge-empty"), "app.log", days=1, now=NOW) == [], "an empty folder: nothing deleted"
folder = fresh_dir("purge")
age_files(folder, {f"app.log.{i}.gz": 30 * DAY for i in (3, 1, 4, 2)}, NOW)  # made out of order
from course.runtime.listing import listing_z_to_a

with listing_z_to_a():
    result = purge_old(folder, "app.log", days=7, now=NOW)
assert result == ["app.log.1.gz", "app.log.2.gz", "app.log.3.gz", "app.log.4.gz"], f"return the names sorted, whatever order the folder lists them in: {result}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
folder = fresh_dir("purge")
old = 100 * DAY
age_files(folder, {"app.log": old, "app.log.old.gz": old, "other.log.1.gz": old, "app.log.1.gz.bak": old,
                   "xapp.log.1.gz": old, "app_log.1.gz": old, "app.log.12.gz": old, "app.log.1": old}, NOW)
assert purge_old(folder, "app.log", days=1, now=NOW) == ["app.log.12.gz"], "only <name>.<number>.gz files are copies"
assert len(list(folder.iterdir())) == 7
### BEGIN HIDDEN TESTS
(folder / "app.log.7.gz").mkdir()
os.utime(folder / "app.log.7.gz", (NOW - old, NOW - old))
assert purge_old(folder, "app.log", days=1, now=NOW) == [], "a folder with a copy's name is not deleted"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "at-least", "fails": ["t2"]}
import re
from pathlib import Path


def purge_old(folder, name, days, now):
    deleted = []
    for entry in Path(folder).iterdir():
        if entry.is_file() and re.fullmatch(re.escape(name) + r"\.\d+\.gz", entry.name):
            if now - entry.stat().st_mtime >= days * 86400:
                entry.unlink()
                deleted.append(entry.name)
    return sorted(deleted)

# %% course={"kind": "wrong", "id": "in-listing-order", "fails": ["t1", "t2"]}
import re
from pathlib import Path


def purge_old(folder, name, days, now):
    deleted = []
    for entry in Path(folder).iterdir():  # in whatever order the folder lists them
        if entry.is_file() and re.fullmatch(re.escape(name) + r"\.\d+\.gz", entry.name):
            if now - entry.stat().st_mtime > days * 86400:
                entry.unlink()
                deleted.append(entry.name)
    return deleted

# %% course={"kind": "wrong", "id": "every-gz", "fails": ["t3"]}
from pathlib import Path


def purge_old(folder, name, days, now):
    deleted = []
    for entry in Path(folder).glob("*.gz"):
        if now - entry.stat().st_mtime > days * 86400:
            entry.unlink()
            deleted.append(entry.name)
    return sorted(deleted)

# %% course={"kind": "wrong", "id": "uses-ctime", "fails": ["t1", "t2", "t3"]}
import re
from pathlib import Path


def purge_old(folder, name, days, now):
    deleted = []
    for entry in Path(folder).iterdir():
        if entry.is_file() and re.fullmatch(re.escape(name) + r"\.\d+\.gz", entry.name):
            if now - entry.stat().st_ctime > days * 86400:
                entry.unlink()
                deleted.append(entry.name)
    return sorted(deleted)

# %% [markdown] course={"kind": "task", "id": "log-rotator", "points": 3, "item": "project-7-1-1"}
# ### Log rotator, part 4: put it together
#
# Combine `tail`, `rotate` and `purge_old` into a small command-line tool `logrotate.py`:
# `python logrotate.py /var/log/myapp/app.log --max-bytes 10M --keep 5 --max-age-days 14`
# rotates the log when it is too big, deletes copies older than the age limit, and prints one
# line per action. Add **rotation by age** too: rotate when the live log's first line (or its
# modification time) is older than `--max-age-hours`. Write it so that running it twice in a row
# is harmless, and show in a short README how a cron entry runs it every hour. Try it on a scratch
# folder with a log you generate, and include the output of a run.

# %% [markdown] course={"kind": "rubric"}
# - Sizes like `10M`/`500K` are parsed, with a clear error for `10Q` (1 point).
# - Rotation by age works and is tested with a fixed "now", not by sleeping (1 point).
# - A second run right after the first changes nothing; the output says so (0.5 point).
# - It works on a scratch folder only in the demo; no writes to real system paths (0.5 point).

# %% [markdown] course={"kind": "exercise", "id": "load-config", "item": "project-7-1-2"}
# ### Config file manager: load JSON, TOML or INI, with `${VAR}` from the environment
#
# Write `load_config(path, env)` that reads a config file and returns a dict:
#
# - the format comes from the suffix: `.json` (`json`), `.toml` (`tomllib`, which wants the file
#   opened in **binary** mode), `.ini` (`configparser`: each section becomes a dict of strings;
#   make it with `interpolation=None` so a `%` in a value is plain text); any other suffix raises
#   `ValueError` naming the file (whether or not the file exists);
# - a **missing** file is not an error: return `{}`;
# - a file that does not parse raises `ValueError` whose message starts with the file's path;
# - in every **string** value, also inside nested dicts and lists, `${NAME}` is replaced by
#   `env[NAME]` and `${NAME:-fallback}` by `env[NAME]` if set, else `fallback`. A `${NAME}`
#   that is not set raises `ValueError` naming the file and `NAME`. Keys and non-string values
#   (numbers, booleans) are left as they are.
#
# ```python
# # app.toml:  [db]\n url = "postgres://${DB_HOST:-localhost}:5432/app"\n pool = 5
# load_config(Path("app.toml"), {"DB_HOST": "db-1"})
# # {'db': {'url': 'postgres://db-1:5432/app', 'pool': 5}}
# ```

# %% [markdown] course={"kind": "hint"}
# A regular expression finds the placeholders: `re.compile(r"\$\{(\w+)(?::-([^}]*))?\}")`, and
# `pattern.sub(function, text)` calls `function(match)` for each to get its replacement.
# `match.group(2)` is `None` when there was no `:-fallback` part.

# %% [markdown] course={"kind": "hint"}
# Expand values with a small recursive function: a dict gives a dict with each value expanded, a
# list a list, a string the substituted string, anything else itself. Catch
# `json.JSONDecodeError`, `tomllib.TOMLDecodeError` and `configparser.Error` and raise
# `ValueError(f"{path}: {err}") from err`.

# %% course={"kind": "solution"}
import configparser
import json
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path

PLACEHOLDER = re.compile(r"\$\{(\w+)(?::-([^}]*))?\}")


def load_config(path: Path, env: Mapping[str, str]) -> dict:
    """The config in path (.json, .toml or .ini) with ${NAME} and ${NAME:-fallback} filled from env."""
    path = Path(path)
    ### BEGIN SOLUTION
    if path.suffix not in (".json", ".toml", ".ini"):
        raise ValueError(f"{path}: unsupported config format {path.suffix!r} (expected .json, .toml or .ini)")
    if not path.exists():
        return {}
    try:
        if path.suffix == ".json":
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
        elif path.suffix == ".toml":
            with open(path, "rb") as f:
                data = tomllib.load(f)
        else:
            parser = configparser.ConfigParser(interpolation=None)
            parser.read(path, encoding="utf-8")
            data = {name: dict(parser[name]) for name in parser.sections()}
    except (json.JSONDecodeError, tomllib.TOMLDecodeError, configparser.Error) as err:
        raise ValueError(f"{path}: {err}") from err

    def fill(match: re.Match) -> str:
        name, fallback = match.group(1), match.group(2)
        if name in env:
            return env[name]
        if fallback is None:
            raise ValueError(f"{path}: ${{{name}}} is not set and has no :-fallback")
        return fallback

    def expand(value):
        if isinstance(value, dict):
            return {key: expand(item) for key, item in value.items()}
        if isinstance(value, list):
            return [expand(item) for item in value]
        if isinstance(value, str):
            return PLACEHOLDER.sub(fill, value)
        return value

    return expand(data)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
folder = fresh_dir("config")
(folder / "app.toml").write_text('[db]\nurl = "postgres://${DB_HOST:-localhost}:5432/app"\npool = 5\n', encoding="utf-8")
result = load_config(folder / "app.toml", {"DB_HOST": "db-1"})
assert result == {"db": {"url": "postgres://db-1:5432/app", "pool": 5}}, f"got {result}"
assert load_config(folder / "app.toml", {}) == {"db": {"url": "postgres://localhost:5432/app", "pool": 5}}, "unset: the fallback"

# %% course={"kind": "test", "points": 2}
folder = fresh_dir("config")
(folder / "app.json").write_text('{"name": "${APP}-${ENV:-dev}", "replicas": 3, "debug": false, "hosts": ["${APP}.a", {"port": "${PORT:-}"}], "ratio": 0.5, "none": null}', encoding="utf-8")
result = load_config(folder / "app.json", {"APP": "api", "PORT": "8080"})
assert result == {"name": "api-dev", "replicas": 3, "debug": False, "hosts": ["api.a", {"port": "8080"}], "ratio": 0.5, "none": None}, f"strings inside lists and nested dicts are filled too: {result}"
assert type(result["replicas"]) is int and result["debug"] is False, "numbers and booleans keep their types"
assert load_config(folder / "app.json", {"APP": "x"})["hosts"][1] == {"port": ""}, "an empty fallback gives an empty string"
### BEGIN HIDDEN TESTS
assert load_config(folder / "app.json", {"APP": "", "ENV": ""})["name"] == "-", "a variable set to '' is set: no fallback"
os.environ["COURSE_7_1_ONLY_IN_OS_ENVIRON"] = "from os.environ"
try:
    (folder / "os.json").write_text('{"v": "${COURSE_7_1_ONLY_IN_OS_ENVIRON:-fallback}"}', encoding="utf-8")
    assert load_config(folder / "os.json", {}) == {"v": "fallback"}, "take values from env only, not from os.environ"
finally:
    del os.environ["COURSE_7_1_ONLY_IN_OS_ENVIRON"]
(folder / "keys.json").write_text('{"${APP}": "$APP ${ not_a_placeholder} ${APP:-a:-b} €"}', encoding="utf-8")
assert load_config(folder / "keys.json", {"APP": "z"}) == {"${APP}": "$APP ${ not_a_placeholder} z €"}, "keys stay; only ${NAME} forms are placeholders"
(folder / "two.json").write_text('{"path": "${ROOT:-/srv}/${NAME:-app}.log"}', encoding="utf-8")
assert load_config(folder / "two.json", {}) == {"path": "/srv/app.log"}, "two fallbacks in one string: a fallback ends at the first '}'"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
folder = fresh_dir("config")
(folder / "app.ini").write_text("[server]\nport = 8080\nmotd = 100% ${WHO:-nobody}\n\n[paths]\nlogs = /var/log/${APP}\n", encoding="utf-8")
result = load_config(folder / "app.ini", {"APP": "api"})
assert result == {"server": {"port": "8080", "motd": "100% nobody"}, "paths": {"logs": "/var/log/api"}}, f"INI sections become dicts of strings: {result}"
assert load_config(folder / "missing.toml", {}) == {}, "a missing file gives an empty config"
### BEGIN HIDDEN TESTS
assert load_config(folder / "missing.json", {}) == {} and load_config(folder / "missing.ini", {}) == {}
(folder / "empty.ini").write_text("", encoding="utf-8")
assert load_config(folder / "empty.ini", {}) == {}
(folder / "uni.toml").write_text('city = "Zürich ${X:-✓}"\n', encoding="utf-8")
assert load_config(folder / "uni.toml", {}) == {"city": "Zürich ✓"}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
folder = fresh_dir("config")
(folder / "app.toml").write_text('url = "${DB_HOST}"\n', encoding="utf-8")
(folder / "bad.json").write_text('{"a": 1,}', encoding="utf-8")
(folder / "bad.toml").write_text("a = = 1\n", encoding="utf-8")
(folder / "bad.ini").write_text("no section header\n", encoding="utf-8")
(folder / "app.yaml").write_text("a: 1\n", encoding="utf-8")
for name, env, must_mention in [
    ("app.toml", {}, "DB_HOST"),
    ("bad.json", {}, "bad.json"),
    ("bad.toml", {}, "bad.toml"),
    ("bad.ini", {}, "bad.ini"),
    ("app.yaml", {}, "app.yaml"),
    ("missing.cfg", {}, "missing.cfg"),
]:
    try:
        load_config(folder / name, env)
    except ValueError as err:
        assert must_mention in str(err), f"{name}: the error must mention {must_mention!r}: {err}"
        assert str(folder) in str(err), f"{name}: the error must name the file: {err}"
    else:
        raise AssertionError(f"{name} must raise ValueError")

# %% course={"kind": "wrong", "id": "top-level-only", "fails": ["t1", "t2", "t3"]}
import json
import re
import tomllib
import configparser
from pathlib import Path


def load_config(path, env):
    path = Path(path)
    if path.suffix not in (".json", ".toml", ".ini"):
        raise ValueError(f"{path}: unsupported")
    if not path.exists():
        return {}
    try:
        if path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".toml":
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        else:
            parser = configparser.ConfigParser(interpolation=None)
            parser.read(path, encoding="utf-8")
            data = {name: dict(parser[name]) for name in parser.sections()}
    except (ValueError, configparser.Error) as err:
        raise ValueError(f"{path}: {err}") from err

    def fill(match):
        if match.group(1) in env:
            return env[match.group(1)]
        if match.group(2) is None:
            raise ValueError(f"{path}: {match.group(1)} is not set")
        return match.group(2)

    pattern = re.compile(r"\$\{(\w+)(?::-([^}]*))?\}")
    return {key: pattern.sub(fill, value) if isinstance(value, str) else value for key, value in data.items()}

# %% course={"kind": "wrong", "id": "greedy-fallback", "fails": ["t2"]}
import configparser
import json
import re
import tomllib
from pathlib import Path

GREEDY = re.compile(r"\$\{(\w+)(?::-(.*))?\}")  # .* runs on to the LAST '}' of the string


def load_config(path, env):
    path = Path(path)
    if path.suffix not in (".json", ".toml", ".ini"):
        raise ValueError(f"{path}: unsupported")
    if not path.exists():
        return {}
    try:
        if path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".toml":
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        else:
            parser = configparser.ConfigParser(interpolation=None)
            parser.read(path, encoding="utf-8")
            data = {name: dict(parser[name]) for name in parser.sections()}
    except (ValueError, configparser.Error) as err:
        raise ValueError(f"{path}: {err}") from err

    def fill(match):
        if match.group(1) in env:
            return env[match.group(1)]
        if match.group(2) is None:
            raise ValueError(f"{path}: {match.group(1)} is not set")
        return match.group(2)

    def expand(value):
        if isinstance(value, dict):
            return {k: expand(v) for k, v in value.items()}
        if isinstance(value, list):
            return [expand(v) for v in value]
        return GREEDY.sub(fill, value) if isinstance(value, str) else value

    return expand(data)

# %% course={"kind": "wrong", "id": "missing-file-raises", "fails": ["t3"]}
import json
import re
import tomllib
import configparser
from pathlib import Path


def load_config(path, env):
    path = Path(path)
    if path.suffix not in (".json", ".toml", ".ini"):
        raise ValueError(f"{path}: unsupported")
    try:
        if path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".toml":
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        else:
            parser = configparser.ConfigParser(interpolation=None)
            with open(path, encoding="utf-8") as f:
                parser.read_file(f)
            data = {name: dict(parser[name]) for name in parser.sections()}
    except (ValueError, configparser.Error) as err:
        raise ValueError(f"{path}: {err}") from err
    pattern = re.compile(r"\$\{(\w+)(?::-([^}]*))?\}")

    def fill(match):
        if match.group(1) in env:
            return env[match.group(1)]
        if match.group(2) is None:
            raise ValueError(f"{path}: {match.group(1)} is not set")
        return match.group(2)

    def expand(value):
        if isinstance(value, dict):
            return {k: expand(v) for k, v in value.items()}
        if isinstance(value, list):
            return [expand(v) for v in value]
        return pattern.sub(fill, value) if isinstance(value, str) else value

    return expand(data)

# %% course={"kind": "wrong", "id": "expandvars", "fails": ["t1", "t2", "t3", "t4"]}
import json
import os
import tomllib
import configparser
from pathlib import Path


def load_config(path, env):
    path = Path(path)
    if not path.exists():
        return {}
    if path.suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
    elif path.suffix == ".toml":
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    else:
        parser = configparser.ConfigParser()  # default interpolation: '%' is special
        parser.read(path, encoding="utf-8")
        data = {name: dict(parser[name]) for name in parser.sections()}

    def expand(value):
        if isinstance(value, dict):
            return {k: expand(v) for k, v in value.items()}
        if isinstance(value, list):
            return [expand(v) for v in value]
        return os.path.expandvars(value) if isinstance(value, str) else value  # reads os.environ, no fallbacks

    return expand(data)

# %% [markdown] course={"kind": "task", "id": "config-manager", "points": 3, "item": "project-7-1-2"}
# ### Config file manager: modify, write back, and YAML
#
# Build on `load_config` to make a small `ConfigManager` class: `get("db.url")` reads a dotted
# key, `set("db.pool", 10)` changes one, and `save()` writes the file back **in its own format**
# using `atomic_write` from above, so a crash never leaves a half-written config (JSON with
# `json.dumps(indent=2)`, INI with `configparser`, TOML by hand or with the `tomli-w` package,
# since the standard library only reads TOML). Add YAML (`.yaml`/`.yml`) with the third-party
# PyYAML package (`yaml.safe_load` / `yaml.safe_dump`, never `yaml.load` on untrusted files).
# Decide and document what `save()` writes for a value that came from `${VAR}`: the
# placeholder or the filled-in value? Show a round trip for each format in a scratch folder.

# %% [markdown] course={"kind": "rubric"}
# - `get`/`set` with dotted keys, a clear `KeyError` naming the missing part (1 point).
# - `save()` goes through an atomic write and keeps the file's format; a round trip returns the same data (1 point).
# - YAML uses `safe_load`/`safe_dump`; the placeholder question is answered on purpose, with a reason
#   (keeping `${VAR}` avoids writing secrets from the environment into the file) (1 point).

# %% [markdown] course={"kind": "answer", "question": "q-why-use-with-statement-for-file"}
# `with open(...) as f:` guarantees the file is closed when the block ends, whether it ends
# normally, by `return`, or by an exception. Closing matters for three reasons: it **flushes** the
# write buffer (without it the last writes may never reach the disk if the process dies), it
# releases the operating-system handle (a long-running service that leaks handles hits "Too many
# open files"), and on Windows an open file cannot be deleted or renamed. Relying on garbage
# collection to close files works only thanks to CPython's reference counting; PyPy closes them
# whenever its garbage collector happens to run. The same protocol
# (`__enter__`/`__exit__`) lets locks, temp directories and database transactions clean up the
# same way.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-read-a-large-file-efficiently"}
# Never `read()` or `readlines()` it: both hold the whole file in memory. For text, iterate the
# file object (`for line in f:`), which reads in buffered blocks and keeps one line at a time,
# and build the processing as generators so the whole pipeline streams. For binary data, read
# fixed-size chunks in a loop (`while chunk := f.read(1 << 20):`) or hand the file to
# `shutil.copyfileobj` / `hashlib.file_digest`. To get at the end of a file (the last lines, a
# trailer), `seek` from the end in binary mode instead of reading everything before it. For
# random access to a huge file, `mmap` maps it without reading it. Memory then stays constant
# whatever the file's size.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-text-and"}
# Binary mode (`"rb"`, `"wb"`) gives and takes `bytes` exactly as stored: no decoding, no newline
# changes, and `seek`/`tell` are plain byte offsets. Text mode (the default) wraps that byte stream
# in a decoder: reads return `str` decoded with the `encoding` (the locale's if you do not give
# one), line endings are translated (`\r\n` and `\r` become `\n` on reading with the default
# `newline=None`; `\n` becomes `os.linesep` on writing), and `tell()` returns an opaque cookie,
# so only `seek(0)`, `seek(0, 2)` and `seek(tell_result)` are allowed. Use binary for images,
# archives, pickles, model weights, hashing and copying; text for anything a person reads.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-file-encoding-issues"}
# Always pass `encoding=` (usually `"utf-8"`) instead of trusting the platform default, which
# differs between Linux and Windows. When reading files from outside, decide what to do with bad
# bytes: `errors="strict"` (the default) fails loudly, `"replace"` puts `�` and goes on (fine for
# logs), `"surrogateescape"` keeps the bytes so they can be written back unchanged. Use
# `"utf-8-sig"` to drop the byte order mark some Windows editors add, and check for a UTF-16 BOM
# when files come from PowerShell. If the encoding is truly unknown, try UTF-8 first and fall back
# to a single-byte encoding (or detect with a library such as `charset-normalizer`), and log which
# one was used. When a `UnicodeDecodeError` appears, look at the raw bytes (`f.read()` in `"rb"`
# mode, `.hex()`): the error's byte position tells you where.
