# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can control exactly what `print()` writes and where it goes,
# read and validate user input without crashing on bad answers, choose between `str()` and
# `repr()`, and format numbers, tables and dates with f-strings, all in functions you can test.

# %% [markdown] course={"kind": "lesson", "id": "print-function", "covers": ["c-print-function"]}
# ### `print()`, all of it
#
# `print(*objects, sep=" ", end="\n", file=None, flush=False)` turns each object into text with
# `str()`, writes them separated by `sep`, writes `end` after the last one, and sends it all to
# `file`.
#
# | parameter | default | typical use |
# |---|---|---|
# | `sep` | `" "` | `sep=","` for a CSV line, `sep=""` to glue pieces together |
# | `end` | `"\n"` | `end=""` to stay on the same line (progress output, prompts) |
# | `file` | `None`, meaning `sys.stdout` | `file=sys.stderr` for errors and diagnostics; any object with a `write()` method, such as an open file or an `io.StringIO` |
# | `flush` | `False` | `flush=True` to push the text out **now** instead of when a buffer fills |
#
# In DevOps scripts the `file` parameter matters most: data goes to **stdout** (so it can be
# piped into the next command) and messages for humans go to **stderr** (so they do not corrupt
# that data). The one thing people get wrong: building the line with `+` and `str()` calls when
# `print` already converts and separates for you.

# %% course={"kind": "demo"}
import io
import sys

print("deploy", "web", 3)                   # converted with str(), separated by a space
print("deploy", "web", 3, sep="/")          # a custom separator
print("2024", "03", "05", sep="-", end=" ")  # no newline: the next print continues the line
print("<- still the same line")
hosts = ["web-1", "web-2", "web-3"]
print(*hosts, sep=", ")                     # * spreads a list into separate arguments

buffer = io.StringIO()
print("captured", "text", sep="_", file=buffer)   # any object with write() will do
print("the buffer now holds", repr(buffer.getvalue()))
print("this line went to stderr", file=sys.stderr)

# %% [markdown] course={"kind": "text"}
# **Why `flush` exists.** Writing to the terminal or a pipe costs a system call, so Python
# collects output in a **buffer** and writes it in chunks. On an interactive terminal stdout is
# flushed at every newline; when stdout is a **pipe or a file** (a CI log, `docker logs`,
# `| tee`), it is flushed only when several kilobytes have piled up or the program ends. A
# long-running job can then look frozen, and its stdout lines can appear after stderr lines
# that were really printed later. `flush=True` writes the text out immediately; setting the
# environment variable `PYTHONUNBUFFERED=1` (common in Dockerfiles) does it for every print.
# The demo counts how often `print` flushes a stream:

# %% course={"kind": "demo"}
import io


class CountingStream(io.StringIO):
    """A text buffer that counts how often someone flushes it."""

    flushes = 0

    def flush(self) -> None:
        self.flushes += 1
        super().flush()


stream = CountingStream()
for percent in (25, 50, 75, 100):
    print(f"\r{percent:3d}% done", end="", file=stream, flush=True)  # \r: back to the line start
print("written:", repr(stream.getvalue()))
print("flushes with flush=True:   ", stream.flushes)
quiet = CountingStream()
for percent in (25, 50, 75, 100):
    print(f"\r{percent:3d}% done", end="", file=quiet)
print("flushes without flush=True:", quiet.flushes)

# %% [markdown] course={"kind": "lesson", "id": "input-function", "covers": ["c-input-function"]}
# ### `input()`: reading what the user types
#
# `input(prompt)` writes the prompt (with no newline), waits for one line, and returns it
# **as a `str`**, without the trailing newline. It always returns text: typing `42` gives
# `"42"`, and `"42" * 2` is `"4242"`. Convert it with `int()` or `float()`, and expect the
# conversion to fail: users type `forty`, `4 2` or nothing at all, and `int()` answers with
# `ValueError`. The robust pattern is a loop: ask, try to convert, check the range, and ask
# again with a helpful message until the answer is valid. When there is no input at all
# (stdin closed, as in a CI job or `docker run` without `-i`), `input()` raises `EOFError`.
#
# In automation, prompts are the exception: scripts take their values from arguments,
# environment variables or files so they can run unattended. When you do prompt, write the
# function so it receives the reading function as a parameter (`read=input`); tests can then
# pass a fake. The demo runs a real `input()` in a child Python, with the "typing" piped in:

# %% course={"kind": "demo"}
import subprocess
import sys

child = "answer = input('Replicas? ')\nprint()\nprint('got', repr(answer), 'of type', type(answer).__name__)\n"
run = subprocess.run([sys.executable, "-c", child], input="3\n", capture_output=True, text=True, timeout=30)
print(run.stdout)
run = subprocess.run([sys.executable, "-c", child], input="", capture_output=True, text=True, timeout=30)
print("with nothing to read:", run.stderr.strip().splitlines()[-1])

# %% [markdown] course={"kind": "text"}
# And here is the validation loop, with a fake `read` that plays back three answers and echoes
# them as if they had been typed:

# %% course={"kind": "demo"}
def ask_replicas(read=input) -> int:
    """Ask until the answer is a whole number from 1 to 10."""
    while True:
        text = read("Replicas (1-10): ")
        try:
            value = int(text)
        except ValueError:
            print(f"  {text!r} is not a whole number, try again")
            continue
        if 1 <= value <= 10:
            return value
        print(f"  {value} is outside 1-10, try again")


typed = iter(["three", "42", " 3 "])


def fake_read(prompt: str) -> str:
    answer = next(typed)
    print(prompt + answer)
    return answer


print("result:", repr(ask_replicas(fake_read)))

# %% [markdown] course={"kind": "lesson", "id": "str-and-repr", "covers": ["c-repr-vs-str"]}
# ### `str()` and `repr()`
#
# Every object has two text forms:
#
# - `str(obj)` is for **people**: what `print()` and f-strings show. `str("web-1")` is
#   `web-1`.
# - `repr(obj)` is for **developers**: unambiguous, and for built-in types usually valid Python
#   that rebuilds the value. `repr("web-1 ")` is `'web-1 '`, quotes and trailing space visible.
#   The REPL, debuggers, containers (a list prints its items' reprs) and `f"{x!r}"` use it.
#
# A class controls them with `__str__` and `__repr__`. Always write a `__repr__`; add `__str__`
# only when a friendlier form is useful. If a class has only `__repr__`, `str()` falls back to
# it (not the other way round).
#
# In logs and error messages, use the repr of values that came from outside:
# `f"unknown region {region!r}"` shows `'eu-west-1 '` with its stray space, or `''` for an empty
# value that `str()` would print as nothing at all.

# %% course={"kind": "demo"}
from datetime import datetime

for value in ["web-1", "web-1 ", "", "42", 42, None, "tab\there", datetime(2024, 3, 5, 14, 7)]:
    print(f"str: {str(value):<22} repr: {value!r}")


class Deployment:
    def __init__(self, service: str, version: str) -> None:
        self.service = service
        self.version = version

    def __repr__(self) -> str:
        return f"Deployment(service={self.service!r}, version={self.version!r})"

    def __str__(self) -> str:
        return f"{self.service} v{self.version}"


release = Deployment("api", "1.4.2")
print()
print(release)               # __str__
print(repr(release))         # __repr__
print([release])             # containers show their items' repr
print(f"{release} | {release!r}")

# %% [markdown] course={"kind": "lesson", "id": "formatted-output", "covers": ["c-formatted-output"]}
# ### Formatted output: the format specification mini-language
#
# Inside an f-string, whatever follows a colon is a **format spec**:
# `f"{value:spec}"`. The same specs work in `format(value, spec)` and `"{:spec}".format(value)`.
# Its parts, in order (all optional):
#
# ```
# [[fill]align][sign][#][0][width][grouping][.precision][type]
#     *   ^      +         12     ,          .2        f
# ```
#
# | part | choices | example | result |
# |---|---|---|---|
# | align | `<` left, `>` right, `^` centre (extra space goes right) | `f"{'ok':^6}"` | `'  ok  '` |
# | fill | any character before the align | `f"{'ok':*>6}"` | `'****ok'` |
# | sign | `+` always, `-` negatives only, space | `f"{5:+}"` | `'+5'` |
# | width | the minimum width (never cuts) | `f"{42:5}"` | `'   42'` |
# | grouping | `,` or `_` between thousands | `f"{1234567:,}"` | `'1,234,567'` |
# | precision | digits after the point (`f`, `%`) or significant digits (`g`) | `f"{3.14159:.2f}"` | `'3.14'` |
# | type | `d` int, `f` fixed, `e` exponent, `%` percent, `x`/`b` hex/binary, `s` text | `f"{0.25:.0%}"` | `'25%'` |
#
# Defaults worth knowing: text is left-aligned, numbers right-aligned. A width is a minimum, so a
# longer value pushes the columns out of line instead of being cut.

# %% course={"kind": "demo"}
value = 1234567.891
for spec in ["", ",", "_", ".2f", ",.2f", ">16,.2f", "*^16.1f", "+.3e", ".3g"]:
    print(f"{spec!r:>10} -> [{value:{spec}}]")  # a spec can itself come from a variable
print()
print(f"{0.0731:.1%}  {42:06.2f}  {255:#x}  {5:08b}  {-3:+d}  {3:+d}")

# %% [markdown] course={"kind": "text"}
# Columns line up when every row uses the same widths. Put the widths in the format specs of
# the header **and** of the rows, and right-align numbers so their digits line up:

# %% course={"kind": "demo"}
rows = [("web", 12.5, 2048), ("database", 71.3, 16384), ("cache", 3.0, 512)]
print(f"{'SERVICE':<10}{'CPU %':>8}{'MEMORY MB':>12}")
print("-" * 30)
for name, cpu, memory in rows:
    print(f"{name:<10}{cpu:>8.1f}{memory:>12,}")

# %% [markdown] course={"kind": "text"}
# **Dates.** A `datetime` has its own format codes (the `strftime` codes): `%Y` year, `%m`
# month, `%d` day, `%H:%M:%S` time, `%b`/`%B` month name, `%a`/`%A` weekday name, `%j` day of
# the year. Use them with `when.strftime("...")` or directly in an f-string spec. For logs and
# APIs prefer **ISO 8601** (`2024-03-05T14:07:09`, from `isoformat()`): it sorts correctly as
# text and every tool can parse it. Month and weekday names depend on the locale; numbers do not.

# %% course={"kind": "demo"}
from datetime import datetime, timedelta

when = datetime(2024, 3, 5, 14, 7, 9)  # a fixed moment, so the output never changes
print("isoformat()          ", when.isoformat())
print("strftime with codes  ", when.strftime("%Y-%m-%d %H:%M:%S"))
print("in an f-string       ", f"{when:%d %b %Y, %H:%M}")
print("names and day number ", f"{when:%A %B, day %j}")
print("a week later         ", f"{when + timedelta(days=7):%Y-%m-%d}")

# %% [markdown] course={"kind": "exercise", "id": "greet", "item": "x-create-a-script-that-prompts-for-name"}
# ### Prompt for a name and an age
#
# Write `greet(read=input)` that asks two questions with `read`, exactly `"Name: "` and then
# `"Age: "`, and **returns** a greeting. Remove surrounding whitespace from the name; the age is
# a whole number (whitespace around it is fine). Do not catch a bad age: let `int()`'s
# `ValueError` reach the caller.
#
# ```python
# greet()          # you type "Ada", then "36"
# # 'Hello, Ada! Next year you will be 37.'
# ```
#
# Tests call `greet(fake)` with a fake `read` that plays back answers, so never call `input()`
# directly: always call `read(...)`.

# %% [markdown] course={"kind": "hint"}
# `read("Name: ")` works exactly like `input("Name: ")`; it returns a `str`, the age too.

# %% [markdown] course={"kind": "hint"}
# `"36" + 1` is a `TypeError`: convert first with `int(...)`, then add 1.

# %% course={"kind": "solution"}
def greet(read=input) -> str:
    """Ask for a name and an age and return a greeting."""
    ### BEGIN SOLUTION
    name = read("Name: ").strip()
    age = int(read("Age: "))
    return f"Hello, {name}! Next year you will be {age + 1}."
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
answers = iter(["Ada", "36"])
message = greet(lambda prompt="": next(answers))
assert message == "Hello, Ada! Next year you will be 37.", f"got {message!r}"

# %% course={"kind": "test", "points": 1}
prompts = []
answers = iter(["Linus", "54"])


def fake_read(prompt=""):
    prompts.append(prompt)
    return next(answers)


greet(fake_read)
assert prompts == ["Name: ", "Age: "], f"ask 'Name: ' then 'Age: ', exactly; you asked {prompts}"

# %% course={"kind": "test", "points": 1}
answers = iter(["  Grace  ", " 85 "])
message = greet(lambda prompt="": next(answers))
assert message == "Hello, Grace! Next year you will be 86.", f"strip the name; got {message!r}"
### BEGIN HIDDEN TESTS
answers = iter(["Zoë", "0"])
assert greet(lambda prompt="": next(answers)) == "Hello, Zoë! Next year you will be 1.", "age 0 is a valid age"
answers = iter(["\tJean Luc\n", "\t41\n"])
assert greet(lambda prompt="": next(answers)) == "Hello, Jean Luc! Next year you will be 42.", "tabs and newlines are whitespace too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
answers = iter(["Ada", "thirty-six"])
try:
    greet(lambda prompt="": next(answers))
except ValueError:
    pass
else:
    raise AssertionError("an age that is not a number must raise ValueError")

# %% course={"kind": "wrong", "id": "string-age", "fails": ["t1", "t2", "t3", "t4"]}
def greet(read=input):
    name = read("Name: ").strip()
    age = read("Age: ")
    return "Hello, " + name + "! Next year you will be " + age + 1 + "."

# %% course={"kind": "wrong", "id": "no-strip", "fails": ["t3"]}
def greet(read=input):
    name = read("Name: ")
    age = int(read("Age: "))
    return f"Hello, {name}! Next year you will be {age + 1}."

# %% course={"kind": "wrong", "id": "prompt-without-space", "fails": ["t2"]}
def greet(read=input):
    name = read("Name:").strip()
    age = int(read("Age:"))
    return f"Hello, {name}! Next year you will be {age + 1}."

# %% course={"kind": "wrong", "id": "swallows-error", "fails": ["t4"]}
def greet(read=input):
    name = read("Name: ").strip()
    try:
        age = int(read("Age: "))
    except ValueError:
        age = 0
    return f"Hello, {name}! Next year you will be {age + 1}."

# %% [markdown] course={"kind": "exercise", "id": "progress-bar", "item": "x-experiment-with-all-print-parameters"}
# ### A progress bar on one line
#
# Write `show_progress(done, total, file=None, width=10)` that **prints** a progress bar:
#
# - it starts with a carriage return `"\r"` (so the next bar overwrites this one on a terminal),
#   then `[`, then `done * width // total` hashes `#` and dashes `-` for the rest, then `] `
#   and the percentage `done * 100 // total` right-aligned in 3 characters, then `%`;
# - **no newline** at the end;
# - it goes to `file` (`None` means standard output, as for `print` itself);
# - it is **flushed** immediately, so a watching user or log collector sees it at once.
#
# ```python
# show_progress(4, 10)   # prints "\r[####------]  40%"  (and stays on the line)
# ```

# %% [markdown] course={"kind": "hint"}
# One `print` call does it all: `print(text, end=..., file=..., flush=...)`. Pass `file` straight
# through: `print(..., file=None)` already means "standard output".

# %% [markdown] course={"kind": "hint"}
# Build the text with an f-string: `f"\r[{'#' * filled}{'-' * (width - filled)}] {percent:3d}%"`.

# %% course={"kind": "solution"}
def show_progress(done: int, total: int, file=None, width: int = 10) -> None:
    """Print a one-line progress bar, without a newline, and flush it."""
    ### BEGIN SOLUTION
    filled = done * width // total
    percent = done * 100 // total
    bar = "#" * filled + "-" * (width - filled)
    print(f"\r[{bar}] {percent:3d}%", end="", file=file, flush=True)
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import io

stream = io.StringIO()
show_progress(4, 10, file=stream)
assert stream.getvalue() == "\r[####------]  40%", f"wrote {stream.getvalue()!r}"

# %% course={"kind": "test", "points": 1}
import io

stream = io.StringIO()
show_progress(1, 5, file=stream)
show_progress(5, 5, file=stream)
expected = "\r[##--------]  20%\r[##########] 100%"
assert "\n" not in stream.getvalue(), "no newline: every bar must stay on the same line"
assert stream.getvalue() == expected, f"two calls wrote {stream.getvalue()!r}"

# %% course={"kind": "test", "points": 1}
import io


class CountingStream(io.StringIO):
    flushes = 0

    def flush(self):
        self.flushes += 1
        super().flush()


stream = CountingStream()
show_progress(3, 10, file=stream)
assert stream.getvalue().startswith("\r[###"), "write the bar to the file you were given"
assert stream.flushes >= 1, "flush the stream (flush=True) so the bar shows up at once"

# %% course={"kind": "test", "points": 1}
import contextlib
import io

captured = io.StringIO()
with contextlib.redirect_stdout(captured):
    show_progress(0, 8)
assert captured.getvalue() == "\r[----------]   0%", f"with no file, print to standard output; got {captured.getvalue()!r}"
### BEGIN HIDDEN TESTS
stream = io.StringIO()
show_progress(1, 3, file=stream, width=6)
assert stream.getvalue() == "\r[##----]  33%", f"width=6: got {stream.getvalue()!r}"
stream = io.StringIO()
show_progress(999, 1000, file=stream)
assert stream.getvalue() == "\r[#########-]  99%", "round down: the bar is only full when done == total"
stream = io.StringIO()
show_progress(29, 100, file=stream, width=100)
assert stream.getvalue() == "\r[" + "#" * 29 + "-" * 71 + "]  29%", "use whole-number arithmetic: 29 / 100 * 100 is 28.999999999999996"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-flush", "fails": ["t3"]}
def show_progress(done, total, file=None, width=10):
    filled = done * width // total
    print(f"\r[{'#' * filled}{'-' * (width - filled)}] {done * 100 // total:3d}%", end="", file=file)

# %% course={"kind": "wrong", "id": "keeps-newline", "fails": ["t1", "t2", "t4"]}
def show_progress(done, total, file=None, width=10):
    filled = done * width // total
    print(f"\r[{'#' * filled}{'-' * (width - filled)}] {done * 100 // total:3d}%", file=file, flush=True)

# %% course={"kind": "wrong", "id": "float-ratio", "fails": ["t4"]}
def show_progress(done, total, file=None, width=10):
    ratio = done / total
    filled, percent = int(ratio * width), int(ratio * 100)
    print(f"\r[{'#' * filled}{'-' * (width - filled)}] {percent:3d}%", end="", file=file, flush=True)

# %% course={"kind": "wrong", "id": "ignores-file", "fails": ["t1", "t2", "t3", "t4"]}
def show_progress(done, total, file=None, width=10):
    filled = done * width // total
    print(f"\r[{'#' * filled}{'-' * (width - filled)}] {done * 100 // total:3d}%", end="", flush=True)

# %% [markdown] course={"kind": "exercise", "id": "resource-report", "item": "x-create-a-formatted-table-of-data-using-f"}
# ### A resource table with f-strings
#
# Write `resource_report(rows)` that turns `(service, cpu_percent, memory_mb)` tuples into the
# lines of a fixed-width table (a list of strings, no newlines):
#
# - header: `SERVICE` left-aligned in 12, `CPU` right-aligned in 8, `MEMORY` right-aligned in 12;
# - then a line of 32 dashes;
# - then one line per row: the service left-aligned in 12, the CPU with 1 decimal right-aligned
#   in 7 followed by `%`, the memory with thousands separators right-aligned in 9 followed by
#   ` MB`.
#
# ```python
# resource_report([("web", 12.5, 2048)])
# # ['SERVICE          CPU      MEMORY',
# #  '--------------------------------',
# #  'web            12.5%    2,048 MB']
# ```

# %% [markdown] course={"kind": "hint"}
# The header is one f-string with three fields: `f"{'SERVICE':<12}{'CPU':>8}{'MEMORY':>12}"`.

# %% [markdown] course={"kind": "hint"}
# For a row: `{cpu:>7.1f}%` and `{memory:>9,} MB`. The `%` goes *after* the field: the `%`
# format type would multiply the number by 100.

# %% course={"kind": "solution"}
def resource_report(rows: list[tuple[str, float, int]]) -> list[str]:
    """A fixed-width table of service, CPU and memory."""
    ### BEGIN SOLUTION
    lines = [f"{'SERVICE':<12}{'CPU':>8}{'MEMORY':>12}", "-" * 32]
    for service, cpu, memory in rows:
        lines.append(f"{service:<12}{cpu:>7.1f}%{memory:>9,} MB")
    return lines
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
lines = resource_report([])
assert type(lines) is list, f"return a list of lines, not {type(lines).__name__}"
assert lines[0] == "SERVICE          CPU      MEMORY", f"header: got {lines[0]!r}"
assert lines[1] == "-" * 32, f"separator: got {lines[1]!r}"
assert len(lines) == 2, "no rows: only the header and the separator"

# %% course={"kind": "test", "points": 2}
lines = resource_report([("web", 12.5, 2048)])
assert lines[2] == "web            12.5%    2,048 MB", f"got {lines[2]!r}"

# %% course={"kind": "test", "points": 1}
lines = resource_report([("database", 71.3, 16384), ("cache", 3, 512), ("batch", 100.0, 1048576)])
assert lines[3] == "cache           3.0%      512 MB", f"an int CPU still shows one decimal; got {lines[3]!r}"
assert lines[4] == "batch         100.0%1,048,576 MB", f"got {lines[4]!r}"
assert all(len(line) == 32 for line in lines), "every line is 32 characters wide"
### BEGIN HIDDEN TESTS
rows = [("web", 0.04, 0)]
assert resource_report(rows)[2] == "web             0.0%        0 MB", "0.04 rounds to 0.0"
assert rows == [("web", 0.04, 0)], "the rows must not be changed"
assert resource_report([("authentication", 5.0, 1)])[2].startswith("authentication  "), "long names push, never cut"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-thousands", "fails": ["t2", "t3"]}
def resource_report(rows):
    lines = [f"{'SERVICE':<12}{'CPU':>8}{'MEMORY':>12}", "-" * 32]
    for service, cpu, memory in rows:
        lines.append(f"{service:<12}{cpu:>7.1f}%{memory:>9} MB")
    return lines

# %% course={"kind": "wrong", "id": "percent-type", "fails": ["t2", "t3"]}
def resource_report(rows):
    lines = [f"{'SERVICE':<12}{'CPU':>8}{'MEMORY':>12}", "-" * 32]
    for service, cpu, memory in rows:
        lines.append(f"{service:<12}{cpu:>8.1%}{memory:>9,} MB")
    return lines

# %% course={"kind": "wrong", "id": "header-default-align", "fails": ["t1"]}
def resource_report(rows):
    lines = [f"{'SERVICE':12}{'CPU':8}{'MEMORY':12}", "-" * 32]
    for service, cpu, memory in rows:
        lines.append(f"{service:<12}{cpu:>7.1f}%{memory:>9,} MB")
    return lines

# %% [markdown] course={"kind": "exercise", "id": "calculator", "item": "x-build-a-simple-calculator-that-takes-two"}
# ### A calculator for typed input
#
# Write `calculate(left, operator, right)`, where all three arguments are **strings** as they
# come from `input()`. Turn each number into an `int` when `int()` accepts the text and into a
# `float` otherwise (so `"2"` is an int and `"2.0"` a float), then apply `+`, `-`, `*` or `/` and return the result (so `"3" + "4"` gives
# the int `7`, and `/` always gives a float, as in Python).
#
# Every mistake by the user raises **`ValueError`** with a message a person can act on, so a
# command-line loop needs only one `except`:
#
# - a number that cannot be read (the message contains the text that was typed);
# - an unknown operator (the message contains the operator);
# - dividing by zero (the message contains the word `zero`).
#
# ```python
# calculate("3", "+", "4")     # 7
# calculate("7", "/", "2")     # 3.5
# calculate("1", "/", "0")     # ValueError: cannot divide by zero
# ```

# %% [markdown] course={"kind": "hint"}
# A helper `to_number(text)` can try `int(text)` first and fall back to `float(text)`; if both
# fail, raise `ValueError(f"not a number: {text!r}")`.

# %% [markdown] course={"kind": "hint"}
# Check the operator before you compute, and catch `ZeroDivisionError` (or test `right == 0`)
# to raise a `ValueError` instead. Avoid `eval()`: it runs whatever the user types.

# %% course={"kind": "solution"}
def calculate(left: str, operator: str, right: str):
    """Apply a typed arithmetic operator to two typed numbers."""
    ### BEGIN SOLUTION
    def to_number(text):
        try:
            return int(text)
        except ValueError:
            pass
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"not a number: {text!r}") from None

    if operator not in ("+", "-", "*", "/"):
        raise ValueError(f"unknown operator: {operator!r} (use + - * /)")
    a, b = to_number(left), to_number(right)
    if operator == "+":
        return a + b
    if operator == "-":
        return a - b
    if operator == "*":
        return a * b
    if b == 0:
        raise ValueError("cannot divide by zero")
    return a / b
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = calculate("3", "+", "4")
assert result == 7 and type(result) is int, f"3 + 4 is the int 7, got {result!r}"
assert calculate("7", "-", "10") == -3, "subtraction keeps the order: 7 - 10"

# %% course={"kind": "test", "points": 1}
assert calculate("2.5", "*", "4") == 10.0, "a decimal number is read as a float"
result = calculate("7", "/", "2")
assert result == 3.5, f"7 / 2 is 3.5, got {result!r}"
assert type(calculate("6", "/", "3")) is float, "/ always gives a float, as in Python"

# %% course={"kind": "test", "points": 1}
for args, needle in [(("x", "+", "1"), "x"), (("1", "+", "two"), "two"), (("2", "^", "3"), "^")]:
    try:
        calculate(*args)
    except ValueError as err:
        assert needle in str(err), f"the message for {args} should mention {needle!r}: {err}"
    else:
        raise AssertionError(f"calculate{args} must raise ValueError")

# %% course={"kind": "test", "points": 1}
try:
    calculate("1", "/", "0")
except ValueError as err:
    assert "zero" in str(err), f"say that it is a division by zero: {err}"
else:
    raise AssertionError("dividing by zero must raise ValueError (not ZeroDivisionError)")
### BEGIN HIDDEN TESTS
assert calculate(" 6 ", "*", "-3") == -18, "whitespace and signs are fine"
assert calculate("1e3", "+", "1") == 1001.0, "1e3 is a float: 1000.0"
result = calculate("2.0", "+", "1")
assert result == 3.0 and type(result) is float, f"2.0 is written as a float, so the sum is a float; got {result!r}"
try:
    calculate("", "+", "1")
except ValueError:
    pass
else:
    raise AssertionError("an empty number must raise ValueError")
for bad in ("**", "//", "", "plus"):
    try:
        calculate("2", bad, "3")
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r} is not one of the four operators")
try:
    calculate("1.5", "/", "0.0")
except ValueError:
    pass
else:
    raise AssertionError("0.0 is zero too")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "always-float", "fails": ["t1"]}
def calculate(left, operator, right):
    a, b = float(left), float(right)
    if operator == "+":
        return a + b
    if operator == "-":
        return a - b
    if operator == "*":
        return a * b
    if operator == "/":
        if b == 0:
            raise ValueError("cannot divide by zero")
        return a / b
    raise ValueError(f"unknown operator: {operator!r}")

# %% course={"kind": "wrong", "id": "uses-eval", "fails": ["t3", "t4"]}
def calculate(left, operator, right):
    return eval(f"{left} {operator} {right}")

# %% course={"kind": "wrong", "id": "zero-escapes", "fails": ["t4"]}
def calculate(left, operator, right):
    def to_number(text):
        try:
            return int(text)
        except ValueError:
            return float(text)

    if operator not in ("+", "-", "*", "/"):
        raise ValueError(f"unknown operator: {operator!r}")
    a, b = to_number(left), to_number(right)
    return {"+": a + b, "-": a - b, "*": a * b}.get(operator) if operator != "/" else a / b

# %% [markdown] course={"kind": "exercise", "id": "ask-int", "item": "project-1-3-1"}
# ### Mini-project: Interactive Data Collector, part 1: ask until valid
#
# Write `ask_int(prompt, read=input, write=print, low=None, high=None, attempts=3)` that asks
# with `read(prompt)` until the answer is a whole number from `low` to `high` (inclusive;
# `None` means no limit on that side) and returns it as an `int`. After each bad answer it calls
# `write` with **one** message saying what was wrong:
#
# - not a whole number: the message contains the text that was typed;
# - too small or too large: the message contains the limit that was broken.
#
# After `attempts` bad answers it stops asking and raises `ValueError`.
#
# ```python
# ask_int("Port: ", low=1, high=65535)   # typed: http, 70000, 8080
# # writes: 'http' is not a whole number
# # writes: 70000 is above the maximum of 65535
# # returns 8080
# ```

# %% [markdown] course={"kind": "hint"}
# Use `for _ in range(attempts):` around the question, `try: value = int(text)` with
# `except ValueError:` → write a message and `continue`. After the loop, raise.

# %% [markdown] course={"kind": "hint"}
# A limit of `0` is a real limit. `if low and value < low` skips the check when `low == 0`;
# write `if low is not None and value < low`.

# %% course={"kind": "solution"}
def ask_int(prompt: str, read=input, write=print, low=None, high=None, attempts: int = 3) -> int:
    """Ask until the answer is a whole number within [low, high]; give up after ``attempts``."""
    ### BEGIN SOLUTION
    for _ in range(attempts):
        text = read(prompt)
        try:
            value = int(text)
        except ValueError:
            write(f"{text.strip()!r} is not a whole number")
            continue
        if low is not None and value < low:
            write(f"{value} is below the minimum of {low}")
        elif high is not None and value > high:
            write(f"{value} is above the maximum of {high}")
        else:
            return value
    raise ValueError(f"no valid answer after {attempts} attempts")
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
asked, written = [], []


def read(prompt=""):
    asked.append(prompt)
    return "42"


value = ask_int("Replicas: ", read, written.append)
assert value == 42 and type(value) is int, f"a valid first answer is returned as an int; got {value!r}"
assert asked == ["Replicas: "], f"ask once, with the prompt given; asked {asked}"
assert written == [], f"no messages for a valid answer; wrote {written}"

# %% course={"kind": "test", "points": 2}
answers, written = iter(["http", "70000", " 8080 "]), []
value = ask_int("Port: ", lambda prompt="": next(answers), written.append, low=1, high=65535)
assert value == 8080, f"the third answer is valid; got {value!r}"
assert len(written) == 2, f"one message per bad answer; wrote {written}"
assert "http" in written[0], f"say what was typed: {written[0]!r}"
assert "65535" in written[1], f"say which limit was broken: {written[1]!r}"

# %% course={"kind": "test", "points": 1}
asked, written = [], []


def read_bad(prompt=""):
    asked.append(prompt)
    if len(asked) > 3:
        raise AssertionError("asked a fourth time: attempts=3 allows three questions")
    return "nope"


try:
    ask_int("Age: ", read_bad, written.append, attempts=3)
except ValueError:
    pass
else:
    raise AssertionError("after the last bad answer, raise ValueError")
assert len(asked) == 3, f"asked {len(asked)} times"

# %% course={"kind": "test", "points": 1}
answers, written = iter(["-1", "0"]), []
value = ask_int("Retries: ", lambda prompt="": next(answers), written.append, low=0)
assert value == 0, f"0 is allowed when low=0; got {value!r}"
assert len(written) == 1 and "0" in written[0], f"-1 is below the minimum 0; wrote {written}"
### BEGIN HIDDEN TESTS
answers, written = iter(["5", "0"]), []
assert ask_int("Delay: ", lambda prompt="": next(answers), written.append, high=0) == 0, "high=0 is a real limit"
answers, written = iter(["-999999"]), []
assert ask_int("Offset: ", lambda prompt="": next(answers), written.append) == -999999, "no limits by default"
answers, written = iter(["3.5", "7"]), []
assert ask_int("Count: ", lambda prompt="": next(answers), written.append, attempts=2) == 7, "3.5 is not whole"
answers, written = iter(["0", "65536", "1"]), []
assert ask_int("Port: ", lambda prompt="": next(answers), written.append, low=1, high=65535) == 1, "1 is the lowest port"
assert len(written) == 2 and "1" in written[0] and "65535" in written[1], f"one message per broken limit; wrote {written}"
answers, written = iter(["65535"]), []
assert ask_int("Port: ", lambda prompt="": next(answers), written.append, low=1, high=65535) == 65535, "both limits are inclusive"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "truthy-limits", "fails": ["t4"]}
def ask_int(prompt, read=input, write=print, low=None, high=None, attempts=3):
    for _ in range(attempts):
        text = read(prompt)
        try:
            value = int(text)
        except ValueError:
            write(f"{text!r} is not a whole number")
            continue
        if low and value < low:
            write(f"{value} is below the minimum of {low}")
        elif high and value > high:
            write(f"{value} is above the maximum of {high}")
        else:
            return value
    raise ValueError("no valid answer")

# %% course={"kind": "wrong", "id": "one-extra-attempt", "fails": ["t3"]}
def ask_int(prompt, read=input, write=print, low=None, high=None, attempts=3):
    for _ in range(attempts + 1):
        text = read(prompt)
        try:
            value = int(text)
        except ValueError:
            write(f"{text!r} is not a whole number")
            continue
        if low is not None and value < low:
            write(f"{value} is below the minimum of {low}")
        elif high is not None and value > high:
            write(f"{value} is above the maximum of {high}")
        else:
            return value
    raise ValueError("no valid answer")

# %% course={"kind": "wrong", "id": "no-try", "fails": ["t2", "t3", "t4"]}
def ask_int(prompt, read=input, write=print, low=None, high=None, attempts=3):
    for _ in range(attempts):
        value = int(read(prompt))
        if low is not None and value < low:
            write(f"{value} is below the minimum of {low}")
        elif high is not None and value > high:
            write(f"{value} is above the maximum of {high}")
        else:
            return value
    raise ValueError("no valid answer")

# %% [markdown] course={"kind": "exercise", "id": "summary-block", "item": "project-1-3-1"}
# ### Mini-project: Interactive Data Collector, part 2: the summary
#
# Write `format_summary(record)` that turns a dict of collected answers into a summary block:
# one line per key, in the dict's order, the key left-aligned to the width of the **longest**
# key, then ` : `, then the value as `str()` would show it (no quotes). A value of `None`
# (a question the user skipped) is shown as `-`. Lines are joined with `"\n"`, with no newline
# at the end; an empty dict gives an empty string.
#
# ```python
# print(format_summary({"service": "api", "port": 8080, "owner": None}))
# # service : api
# # port    : 8080
# # owner   : -
# ```

# %% [markdown] course={"kind": "hint"}
# `width = max(len(key) for key in record)` fails on an empty dict; handle that case first.
# Then `f"{key:<{width}} : {shown}"`: a width can come from a variable.

# %% [markdown] course={"kind": "hint"}
# Only `None` becomes `-`. `value or "-"` would also hide `0` and `False`, which are real answers.

# %% course={"kind": "solution", "equivalent": {"m-49febeb5": "an f-string formats a value with format(value, ''), which is str(value) for built-in types"}}
def format_summary(record: dict) -> str:
    """Aligned 'key : value' lines; None is shown as '-'."""
    ### BEGIN SOLUTION
    if not record:
        return ""
    width = max(len(key) for key in record)
    lines = []
    for key, value in record.items():
        shown = "-" if value is None else str(value)
        lines.append(f"{key:<{width}} : {shown}")
    return "\n".join(lines)
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
text = format_summary({"service": "api", "port": 8080, "owner": None})
assert text == "service : api\nport    : 8080\nowner   : -", f"got {text!r}"

# %% course={"kind": "test", "points": 1}
text = format_summary({"replicas": 0, "debug": False, "tags": "a,b"})
assert text == "replicas : 0\ndebug    : False\ntags     : a,b", f"0 and False are real answers; got {text!r}"
### BEGIN HIDDEN TESTS
assert format_summary({"note": "", "owner": None}) == "note  : \nowner : -", "an empty string is an answer; only None is '-'"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert format_summary({}) == "", "an empty record gives an empty summary"
### BEGIN HIDDEN TESTS
assert format_summary({"x": "y"}) == "x : y", f"got {format_summary({'x': 'y'})!r}"
text = format_summary({"a": 1, "a_much_longer_key": 2})
assert text == "a                 : 1\na_much_longer_key : 2", f"got {text!r}"
assert not format_summary({"k": "v"}).endswith("\n"), "no newline at the end"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "or-dash", "fails": ["t2"]}
def format_summary(record):
    if not record:
        return ""
    width = max(len(key) for key in record)
    return "\n".join(f"{key:<{width}} : {value or '-'}" for key, value in record.items())

# %% course={"kind": "wrong", "id": "repr-values", "fails": ["t1", "t2", "t3"]}
def format_summary(record):
    if not record:
        return ""
    width = max(len(key) for key in record)
    return "\n".join(f"{key:<{width}} : {'-' if value is None else repr(value)}" for key, value in record.items())

# %% course={"kind": "wrong", "id": "empty-crash", "fails": ["t3"]}
def format_summary(record):
    width = max(len(key) for key in record)
    return "\n".join(f"{key:<{width}} : {'-' if value is None else value}" for key, value in record.items())

# %% [markdown] course={"kind": "task", "id": "collector-cli", "item": "project-1-3-1", "points": 3}
# ### Put the Data Collector together
#
# Write a script `collector.py` that uses your `ask_int` and `format_summary` (copy them in) to
# collect a service record from a person at a terminal: a non-empty service name (ask again if
# it is blank), a port from 1 to 65535, a replica count from 1 to 20, and an optional owner
# (empty answer means `None`). Print the summary at the end. If the user presses Ctrl-D
# (`EOFError`) or Ctrl-C (`KeyboardInterrupt`), print `cancelled` to **stderr** and exit with
# status 1 instead of showing a traceback. Paste a session that includes at least one bad
# answer for each number, and the output of `echo -n | python3 collector.py; echo $?`.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: all four answers are collected and validated, with clear messages and re-asking on
#   bad answers; the summary is printed with `format_summary`.
# - 1 point: EOF and Ctrl-C are handled: `cancelled` goes to stderr and the exit status is 1
#   (`sys.exit(1)`), no traceback.
# - 1 point: the pasted session shows the re-asking and the `echo -n | ...` run ends with `1`.

# %% [markdown] course={"kind": "exercise", "id": "ascii-table", "item": "project-1-3-2"}
# ### Mini-project: Table Formatter
#
# Write `ascii_table(headers, rows, align=None, widths=None)` that returns an ASCII table as one
# string (lines joined by `"\n"`, no newline at the end):
#
# ```python
# print(ascii_table(["service", "cpu"], [["web", 12.5], ["db", 3.0]], align="lr"))
# # +---------+------+
# # | service |  cpu |
# # +---------+------+
# # | web     | 12.5 |
# # | db      |  3.0 |
# # +---------+------+
# ```
#
# - Every cell, header cells included, is shown as `str(value)`.
# - **Widths**: by default each column is as wide as its longest text (header included). A list
#   `widths` sets them instead; a text longer than its column is cut to `width - 1` characters
#   followed by `…`.
# - **Alignment**: `align` is a string with one letter per column: `l` left, `r` right, `c`
#   centre, as the format spec's `<`, `>` and `^` do it (an odd leftover space goes on the right).
#   Default: all left. The header follows its column's alignment.
# - Every cell is padded by one space on each side; borders use `+`, `-` and `|` as shown.
# - Raise `ValueError` when a row does not have one cell per header, or when `align` or
#   `widths` does not match the number of columns, or `align` holds another letter.

# %% [markdown] course={"kind": "hint"}
# Work column by column: first turn everything into strings, then compute the widths, then
# format each line. A border is `"+" + "+".join("-" * (w + 2) for w in widths) + "+"`.

# %% [markdown] course={"kind": "hint"}
# `format(text, f"{symbol}{width}")` pads with `symbol` one of `<`, `>`, `^`; map the letters
# with a dict `{"l": "<", "r": ">", "c": "^"}`. `str.center` puts an odd space on the *left*,
# so it does not match the rule.

# %% [markdown] course={"kind": "hint"}
# Cut before you pad: `text if len(text) <= width else text[:width - 1] + "…"`.

# %% course={"kind": "solution"}
def ascii_table(headers: list, rows: list, align: str | None = None, widths: list[int] | None = None) -> str:
    """Render headers and rows as an ASCII table."""
    ### BEGIN SOLUTION
    columns = len(headers)
    symbols = {"l": "<", "r": ">", "c": "^"}
    align = "l" * columns if align is None else align
    if len(align) != columns or any(letter not in symbols for letter in align):
        raise ValueError(f"align needs one of l, r, c per column: {align!r}")
    table = [[str(cell) for cell in headers]]
    for row in rows:
        if len(row) != columns:
            raise ValueError(f"row has {len(row)} cells, expected {columns}: {row!r}")
        table.append([str(cell) for cell in row])
    if widths is None:
        widths = [max(len(line[i]) for line in table) for i in range(columns)]
    elif len(widths) != columns:
        raise ValueError(f"widths needs {columns} numbers, got {len(widths)}")

    def fit(text: str, width: int) -> str:
        return text if len(text) <= width else text[:width - 1] + "…"

    def line(cells: list[str]) -> str:
        parts = [format(fit(text, w), f"{symbols[a]}{w}") for text, w, a in zip(cells, widths, align)]
        return "| " + " | ".join(parts) + " |"

    border = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    return "\n".join([border, line(table[0]), border, *(line(cells) for cells in table[1:]), border])
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
table = ascii_table(["service", "cpu"], [["web", 12.5], ["db", 3.0]])
expected = "\n".join([
    "+---------+------+",
    "| service | cpu  |",
    "+---------+------+",
    "| web     | 12.5 |",
    "| db      | 3.0  |",
    "+---------+------+",
])
assert table == expected, "default layout, all left-aligned:\n" + table
### BEGIN HIDDEN TESTS
assert ascii_table(["only"], []) == "+------+\n| only |\n+------+\n+------+", "no rows: header only"
table = ascii_table([1, 2.5], [[None, True]])
assert table.splitlines()[3] == "| None | True |", "every value goes through str()"
rows = [["web", 1]]
ascii_table(["h", "n"], rows)
assert rows == [["web", 1]], "the rows must not be changed"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
table = ascii_table(["service", "cpu"], [["web", 12.5], ["db", 3.0]], align="lr")
assert table.splitlines()[1] == "| service |  cpu |", "the header follows the column's alignment:\n" + table
assert table.splitlines()[4] == "| db      |  3.0 |", "right-aligned numbers:\n" + table
table = ascii_table(["id", "state"], [["1", "ok"]], align="rc")
assert table.splitlines()[3] == "|  1 |  ok   |", "'ok' centred in 5: one space left, two right\n" + table
### BEGIN HIDDEN TESTS
table = ascii_table(["ab"], [["abcd"]], align="c")
assert table.splitlines()[1] == "|  ab  |", "an even leftover splits evenly"
table = ascii_table(["a"], [["bb"], ["c"]], align="c")
assert table.splitlines()[1] == "| a  |" and table.splitlines()[4] == "| c  |", "odd leftover goes right"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
table = ascii_table(["host", "role"], [["database-primary", "db"]], widths=[6, 4])
lines = table.splitlines()
assert lines[0] == "+--------+------+", "custom widths set the borders:\n" + table
assert lines[3] == "| datab… | db   |", "long text is cut to width - 1 characters plus '…':\n" + table
### BEGIN HIDDEN TESTS
assert ascii_table(["x"], [["abc"]], widths=[1]).splitlines()[3] == "| … |", "width 1 leaves only the ellipsis"
assert ascii_table(["x"], [["abc"]], widths=[3]).splitlines()[3] == "| abc |", "text that fits exactly is not cut"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for kwargs, why in [
    ({"headers": ["a", "b"], "rows": [["1"]]}, "a row with too few cells"),
    ({"headers": ["a", "b"], "rows": [], "align": "l"}, "align with too few letters"),
    ({"headers": ["a"], "rows": [], "align": "x"}, "an unknown align letter"),
    ({"headers": ["a", "b"], "rows": [], "widths": [3]}, "widths with too few numbers"),
    ({"headers": ["a", "b"], "rows": [["1", "2", "3"]]}, "a row with too many cells"),
    ({"headers": ["a", "b"], "rows": [], "align": "lrc"}, "align with too many letters"),
    ({"headers": ["a"], "rows": [], "align": "L"}, "an upper-case align letter"),
    ({"headers": ["a", "b"], "rows": [], "widths": [3, 3, 3]}, "widths with too many numbers"),
]:
    try:
        ascii_table(**kwargs)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{why} must raise ValueError")

# %% course={"kind": "wrong", "id": "str-center", "fails": ["t2"]}
def ascii_table(headers, rows, align=None, widths=None):
    columns = len(headers)
    align = "l" * columns if align is None else align
    if len(align) != columns or any(a not in "lrc" for a in align):
        raise ValueError("bad align")
    table = [[str(c) for c in headers]]
    for row in rows:
        if len(row) != columns:
            raise ValueError("bad row")
        table.append([str(c) for c in row])
    if widths is None:
        widths = [max(len(r[i]) for r in table) for i in range(columns)]
    elif len(widths) != columns:
        raise ValueError("bad widths")

    def pad(text, w, a):
        text = text if len(text) <= w else text[:w - 1] + "…"
        return text.ljust(w) if a == "l" else text.rjust(w) if a == "r" else text.center(w)

    def line(cells):
        return "| " + " | ".join(pad(t, w, a) for t, w, a in zip(cells, widths, align)) + " |"

    border = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    return "\n".join([border, line(table[0]), border, *(line(c) for c in table[1:]), border])

# %% course={"kind": "wrong", "id": "cut-without-ellipsis", "fails": ["t3"]}
def ascii_table(headers, rows, align=None, widths=None):
    columns = len(headers)
    symbols = {"l": "<", "r": ">", "c": "^"}
    align = "l" * columns if align is None else align
    if len(align) != columns or any(a not in symbols for a in align):
        raise ValueError("bad align")
    table = [[str(c) for c in headers]]
    for row in rows:
        if len(row) != columns:
            raise ValueError("bad row")
        table.append([str(c) for c in row])
    if widths is None:
        widths = [max(len(r[i]) for r in table) for i in range(columns)]
    elif len(widths) != columns:
        raise ValueError("bad widths")

    def line(cells):
        return "| " + " | ".join(format(t[:w], f"{symbols[a]}{w}") for t, w, a in zip(cells, widths, align)) + " |"

    border = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    return "\n".join([border, line(table[0]), border, *(line(c) for c in table[1:]), border])

# %% course={"kind": "wrong", "id": "widths-from-rows-only", "fails": ["t1", "t2", "t3", "t4"]}
def ascii_table(headers, rows, align=None, widths=None):
    columns = len(headers)
    symbols = {"l": "<", "r": ">", "c": "^"}
    align = "l" * columns if align is None else align
    body = [[str(c) for c in row] for row in rows]
    if widths is None:
        widths = [max((len(r[i]) for r in body), default=1) for i in range(columns)]

    def line(cells):
        return "| " + " | ".join(format(t, f"{symbols[a]}{w}") for t, w, a in zip(cells, widths, align)) + " |"

    border = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    return "\n".join([border, line([str(h) for h in headers]), border, *(line(c) for c in body), border])

# %% [markdown] course={"kind": "exercise", "id": "log-line"}
# ### Timestamps in a log line
#
# Write `log_line(when, level, message)` that formats one log record as
# `YYYY-MM-DD HH:MM:SS [LEVEL  ] message`: the `datetime` with zero-padded fields and **no**
# fraction of a second, then the level in capitals, left-aligned in 7 characters between square
# brackets, then the message unchanged.
#
# ```python
# log_line(datetime(2024, 3, 5, 14, 7, 9), "warn", "disk 91% full")
# # '2024-03-05 14:07:09 [WARN   ] disk 91% full'
# ```

# %% [markdown] course={"kind": "hint"}
# A datetime accepts `strftime` codes as its format spec: `f"{when:%Y-%m-%d %H:%M:%S}"`.

# %% [markdown] course={"kind": "hint"}
# `str(when)` looks right until a datetime carries microseconds; `when.isoformat()` puts a `T`
# between the date and the time.

# %% course={"kind": "solution"}
from datetime import datetime


def log_line(when: datetime, level: str, message: str) -> str:
    """One log record: timestamp, padded upper-case level, message."""
    ### BEGIN SOLUTION
    return f"{when:%Y-%m-%d %H:%M:%S} [{level.upper():<7}] {message}"
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
from datetime import datetime

line = log_line(datetime(2024, 3, 5, 14, 7, 9), "warn", "disk 91% full")
assert line == "2024-03-05 14:07:09 [WARN   ] disk 91% full", f"got {line!r}"

# %% course={"kind": "test", "points": 1}
from datetime import datetime

line = log_line(datetime(2024, 1, 2, 3, 4, 5, 678000), "info", "started")
assert line.startswith("2024-01-02 03:04:05 "), f"zero-padded fields, no microseconds; got {line!r}"

# %% course={"kind": "test", "points": 1}
from datetime import datetime

line = log_line(datetime(2024, 12, 31, 23, 59, 59), "Warning", "{rate} at 100%")
assert line == "2024-12-31 23:59:59 [WARNING] {rate} at 100%", f"level in capitals, message unchanged; got {line!r}"
### BEGIN HIDDEN TESTS
assert log_line(datetime(2024, 3, 5), "", "") == "2024-03-05 00:00:00 [       ] ", "midnight shows 00:00:00"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "str-datetime", "fails": ["t2"]}
from datetime import datetime
def log_line(when, level, message):
    return f"{when} [{level.upper():<7}] {message}"

# %% course={"kind": "wrong", "id": "unpadded-fields", "fails": ["t1", "t2", "t3"]}
from datetime import datetime
def log_line(when, level, message):
    stamp = f"{when.year}-{when.month}-{when.day} {when.hour}:{when.minute}:{when.second}"
    return f"{stamp} [{level.upper():<7}] {message}"

# %% course={"kind": "wrong", "id": "isoformat", "fails": ["t1", "t2", "t3"]}
from datetime import datetime
def log_line(when, level, message):
    return f"{when.isoformat(timespec='seconds')} [{level.upper():<7}] {message}"

# %% [markdown] course={"kind": "exercise", "id": "print-run", "item": "dsa-print-function"}
# ### Problem: Numbers without gaps (after HackerRank's *Print Function*)
#
# Write `print_run(n)` that **prints** the whole numbers from 1 to `n` on a single line with
# nothing between them, followed by one newline. For `n = 0` print just the newline. You need
# not build the string yourself: `print` can do the joining.
#
# ```python
# print_run(5)    # prints 12345
# print_run(12)   # prints 123456789101112
# ```

# %% [markdown] course={"kind": "hint"}
# `print(*range(...))` passes each number as its own argument; the `sep` parameter decides what
# goes between them.

# %% [markdown] course={"kind": "hint"}
# `range(n)` starts at 0 and stops before `n`; you need `range(1, n + 1)`.

# %% course={"kind": "solution"}
def print_run(n: int) -> None:
    ### BEGIN SOLUTION
    print(*range(1, n + 1), sep="")
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import contextlib
import io

out = io.StringIO()
with contextlib.redirect_stdout(out):
    result = print_run(5)
assert out.getvalue() == "12345\n", f"printed {out.getvalue()!r}"
assert result is None, "print the numbers; do not return them"

# %% course={"kind": "test", "points": 1}
import contextlib
import io

out = io.StringIO()
with contextlib.redirect_stdout(out):
    print_run(12)
assert out.getvalue() == "123456789101112\n", f"printed {out.getvalue()!r}"
### BEGIN HIDDEN TESTS
for n, expected in [(1, "1\n"), (0, "\n"), (20, "".join(str(i) for i in range(1, 21)) + "\n")]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        print_run(n)
    assert out.getvalue() == expected, f"print_run({n}) printed {out.getvalue()!r}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "default-sep", "fails": ["t1", "t2"]}
def print_run(n):
    print(*range(1, n + 1))

# %% course={"kind": "wrong", "id": "starts-at-zero", "fails": ["t1", "t2"]}
def print_run(n):
    print(*range(n), sep="")

# %% course={"kind": "wrong", "id": "returns-text", "fails": ["t1", "t2"]}
def print_run(n):
    return "".join(str(i) for i in range(1, n + 1))

# %% [markdown] course={"kind": "exercise", "id": "formula-check", "item": "dsa-input"}
# ### Problem: Does the formula hit the target? (after HackerRank's *Input()*)
#
# An alert rule is given as two lines of input: first a line with two whole numbers `x` and
# `target`, separated by whitespace; then a formula in `x`, such as `x**2 + 3*x`. Write
# `formula_check(read=input)` that reads the two lines with `read()` and returns `True` when the
# formula, evaluated for that `x`, equals `target`, and `False` otherwise.
#
# ```python
# formula_check()   # lines typed: "2 10", then "x**3 + x"
# # True   (2**3 + 2 is 10)
# ```
#
# Use `eval(formula, {"__builtins__": {}}, {"x": x})`: it evaluates the formula with `x` as the
# only name available. (Never `eval` text from people you do not trust, even like this; here
# the point is the input handling.)

# %% [markdown] course={"kind": "hint"}
# Both lines arrive as strings. `line.split()` separates the two numbers, whatever whitespace is
# between them; `int()` each one.

# %% [markdown] course={"kind": "hint"}
# Compare the result with the *number* target, not with the text: `10 == "10"` is `False`.

# %% course={"kind": "solution"}
def formula_check(read=input) -> bool:
    ### BEGIN SOLUTION
    x_text, target_text = read().split()
    x, target = int(x_text), int(target_text)
    formula = read()
    return eval(formula, {"__builtins__": {}}, {"x": x}) == target
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
lines = iter(["2 10", "x**3 + x"])
result = formula_check(lambda prompt="": next(lines))
assert result is True, f"2**3 + 2 is 10; got {result!r}"
lines = iter(["3 10", "x**3 + x"])
assert formula_check(lambda prompt="": next(lines)) is False, "3**3 + 3 is 30, not 10"

# %% course={"kind": "test", "points": 1}
lines = iter(["  -3   9 ", "x * x"])
assert formula_check(lambda prompt="": next(lines)) is True, "extra whitespace and a negative x: (-3) * (-3) is 9"
### BEGIN HIDDEN TESTS
lines = iter(["0 1", "x**0"])
assert formula_check(lambda prompt="": next(lines)) is True, "x = 0 is a value like any other"
lines = iter(["10 10000000000", "x**10"])
assert formula_check(lambda prompt="": next(lines)) is True, "exact for big ints"
lines = iter(["1 4", "x**3 + x**2 + x + 1"])
assert formula_check(lambda prompt="": next(lines)) is True, "1 + 1 + 1 + 1 is 4"
lines = iter(["-2\t-8", "x**3"])
assert formula_check(lambda prompt="": next(lines)) is True, "a tab separates, and the target can be negative"
lines = iter(["5 26", "x * x"])
assert formula_check(lambda prompt="": next(lines)) is False, "25 is not 26"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "text-target", "fails": ["t1", "t2"]}
def formula_check(read=input):
    x_text, target_text = read().split()
    return eval(read(), {"__builtins__": {}}, {"x": int(x_text)}) == target_text

# %% course={"kind": "wrong", "id": "split-on-space", "fails": ["t2"]}
def formula_check(read=input):
    x_text, target_text = read().split(" ")
    return eval(read(), {"__builtins__": {}}, {"x": int(x_text)}) == int(target_text)

# %% [markdown] course={"kind": "exercise", "id": "runner-up", "item": "dsa-find-the-runner-up-score"}
# ### Problem: Second place (after HackerRank's *Find the Runner-Up Score!*)
#
# A benchmark prints two lines: how many scores there are, then the scores separated by
# whitespace. Write `runner_up(count_line, scores_line)` that takes those two lines as strings
# and returns the **second-highest distinct** score as an `int`. Raise `ValueError` when the
# number of scores does not match the count, or when there is no second place (fewer than two
# different scores).
#
# ```python
# runner_up("5", "2 3 6 6 5")   # 5   (6 is first, even twice; 5 is second)
# ```

# %% [markdown] course={"kind": "hint"}
# Convert the scores to `int` first: as strings, `"9" > "10"`.

# %% [markdown] course={"kind": "hint"}
# `set(scores)` removes duplicates; the largest of what remains after removing the maximum is
# second place.

# %% course={"kind": "solution"}
def runner_up(count_line: str, scores_line: str) -> int:
    ### BEGIN SOLUTION
    count = int(count_line)
    scores = [int(word) for word in scores_line.split()]
    if len(scores) != count:
        raise ValueError(f"expected {count} scores, got {len(scores)}")
    distinct = sorted(set(scores))
    if len(distinct) < 2:
        raise ValueError("no runner-up: fewer than two different scores")
    return distinct[-2]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = runner_up("5", "2 3 6 6 5")
assert result == 5 and type(result) is int, f"second place is the int 5; got {result!r}"

# %% course={"kind": "test", "points": 2}
result = runner_up("4", "-10 9 10 -20")
assert result == 9, f"compare numbers, not text (as text '9' > '10'); got {result!r}"
assert runner_up("3", "-5 -1 -1") == -5, "all negative works too"
### BEGIN HIDDEN TESTS
assert runner_up("2", "7 3") == 3, "two scores: the smaller is second"
assert runner_up(" 6 ", "1  1 2\t2 3 3") == 2, "any whitespace separates scores"
big = " ".join(str(i % 1000) for i in range(10000))
assert runner_up("10000", big) == 998, "10000 scores from 0 to 999: second is 998"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for lines, why in [(("3", "7 7 7"), "all scores equal"), (("1", "4"), "a single score"), (("3", "1 2"), "count mismatch")]:
    try:
        runner_up(*lines)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{why} must raise ValueError")
### BEGIN HIDDEN TESTS
for lines, why in [(("2", "1 2 3"), "too many scores"), (("0", ""), "no scores at all"), (("2", "-4 -4"), "equal negatives")]:
    try:
        runner_up(*lines)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{why} must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "sorted-second", "fails": ["t1", "t2", "t3"]}
def runner_up(count_line, scores_line):
    return sorted(int(word) for word in scores_line.split())[-2]

# %% course={"kind": "wrong", "id": "compares-text", "fails": ["t2"]}
def runner_up(count_line, scores_line):
    scores = scores_line.split()
    if len(scores) != int(count_line):
        raise ValueError("count mismatch")
    distinct = set(scores)
    if len(distinct) < 2:
        raise ValueError("no runner-up")
    distinct.remove(max(distinct))
    return int(max(distinct))

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-str-and"}
# `str()` gives the readable form meant for end users, what `print()` shows; `repr()` gives an
# unambiguous form meant for developers, which for built-in types is usually a Python expression
# that recreates the value (strings keep their quotes and escapes, so `'a\n'` and `'a '` are
# distinguishable). They come from the `__str__` and `__repr__` methods; if a class defines
# only `__repr__`, `str()` uses it too. Containers, the REPL and debuggers show reprs, and
# logging the repr of outside values (`{value!r}`) makes stray whitespace or empty strings visible.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-invalid-user-input"}
# Treat every input as untrusted text: strip it, convert it inside `try`/`except ValueError`
# (catching only the errors the conversion raises), then check the range or format. On a bad
# answer, say specifically what was wrong and ask again, with a limit on attempts so a script
# cannot loop forever; handle `EOFError` and `KeyboardInterrupt` so a closed stdin or Ctrl-C
# ends cleanly with a non-zero exit status. Keep validation in functions that take the input as
# parameters so it can be unit-tested, and for non-interactive tools validate arguments up front
# (argparse `type=` functions) and fail fast with a clear message.

# %% [markdown] course={"kind": "answer", "question": "q-what-does-print-flush-true-do"}
# It forces the stream's buffer to be written out right after this `print`, instead of waiting
# until the buffer fills, a newline arrives on an interactive terminal, or the program exits.
# It matters when stdout is a pipe or a file (CI logs, `docker logs`, `| tee`), where Python
# buffers in blocks of several kilobytes: progress messages appear late or out of order with
# stderr, and they are lost if the process is killed. `PYTHONUNBUFFERED=1` or `python -u` gives
# the same effect for the whole program.

# %% course={"kind": "trap", "trap": "trap-input-always-returns-a-string"}
# A child Python reads a "number" with input() and doubles it: the user typed 21.
import subprocess
import sys

child = "n = input()\nprint('n * 2      =', n * 2)\nprint('int(n) * 2 =', int(n) * 2)\n"
run = subprocess.run([sys.executable, "-c", child], input="21\n", capture_output=True, text=True, timeout=30)
print(run.stdout, end="")
typed = "21"  # what input() returned
try:
    typed + 1
except TypeError as err:
    print("n + 1      -> TypeError:", err)

# %% course={"kind": "trap", "trap": "trap-not-handling-valueerror-when-converting"}
# One unexpected answer ends the whole script with a traceback...
import subprocess
import sys

child = "port = int(input('Port: '))\nprint('listening on', port)\n"
run = subprocess.run([sys.executable, "-c", child], input="80a\n", capture_output=True, text=True, timeout=30)
print("exit status:", run.returncode, "|", run.stderr.strip().splitlines()[-1])

# ...unless the conversion is guarded and the user gets a useful message.
for typed in ["80a", "8080"]:
    try:
        port = int(typed)
    except ValueError:
        print(f"{typed!r} is not a port number, please try again")
    else:
        print("listening on", port)

# %% course={"kind": "trap", "trap": "trap-forgetting-flush-true-when-output"}
# A child prints two stdout lines with an error on stderr in between. Both streams go to one
# pipe, as in a CI log. Without flush, stdout waits in a buffer and the log lies about the order.
import os
import subprocess
import sys

env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
child = (
    "import sys\n"
    "print('step 1: downloading'{flush})\n"
    "print('ERROR: disk full', file=sys.stderr)\n"
    "print('step 2: unpacking'{flush})\n"
)
for flush in ("", ", flush=True"):
    run = subprocess.run([sys.executable, "-c", child.format(flush=flush)], stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True, env=env, timeout=30)
    print(f"print(...{flush}):", run.stdout.splitlines())
