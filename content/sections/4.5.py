# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can explain how Python stores text and turns it into bytes,
# pick the right string method or format spec without looking it up, parse logs and validate
# input with regular expressions, and build large strings in linear time.

# %% course={"kind": "setup", "id": "meters"}
# Helpers some tests use to check how much work your code does without timing it: strings and lists
# that count every character read, comparison, copy or shift, and stop your code once it does far more.
from course.runtime.meters import Meter, metered_list_type, metered_str_type

# %% [markdown] course={"kind": "lesson", "id": "str-internals", "covers": ["c-string-internals", "c-immutable-sequences-of-unicode-code", "c-string-interning", "c-memory-representation"]}
# ### What a `str` really is
#
# A Python string is an **immutable sequence of Unicode code points**. A code point is a number
# (`ord("é") == 233`); `len()` counts code points, not bytes and not "characters on screen" (an
# emoji flag is two code points). Immutable means every "change" (`upper()`, `replace()`,
# `+`) builds a **new** string; the old one is untouched.
#
# **Memory.** CPython stores each string in the narrowest fixed width that fits its widest code
# point: 1 byte per code point for Latin-1 text, 2 for most other scripts, 4 once an emoji or rare
# symbol appears. One emoji in a long log line therefore quadruples its size in memory.
#
# **Interning.** CPython keeps one shared copy of some strings, so equal interned strings are the
# *same object*: the names in your code (variables, attributes, functions), string constants made
# only of ASCII letters, digits and `_` (whatever their **length**: it is the characters that
# decide), and anything you pass to `sys.intern`. A constant with any other character
# (`"deploy-api"`, `"ok!"`, `"café"`) is not interned, and neither are strings built at run time
# (`join`, `+`, file reads). That makes dict lookups on attribute names fast.
#
# This is a CPython implementation detail: the rule above is the one in the standard builds of
# 3.11 to 3.14 (`Objects/codeobject.c`); the free-threaded builds (3.13t and later) intern nearly
# every string constant. Equal constants inside **one** compiled piece of code are merged anyway,
# which is why `"a b" is "a b"` typed on one line says `True`; the demo compiles each literal twice,
# separately, to see interning alone. It is an optimisation, never a rule: compare strings with
# `==`, never with `is`.

# %% course={"kind": "demo"}
import sys

word = "café"
print(f"{word!r}: len {len(word)}, code points {[ord(c) for c in word]}")
try:
    word[0] = "C"
except TypeError as err:
    print("immutable:", err)
print("upper() makes a new string:", word.upper(), "| the original:", word)

for ch in ["a", "é", "€", "🚀"]:
    print(f"100 x {ch!r}: {sys.getsizeof(ch * 100)} bytes")

built = "".join(["deploy", "_", "api"])
literal = "deploy_api"
print("equal:", built == literal, "| same object:", built is literal,
      "| after sys.intern:", sys.intern(built) is sys.intern(literal))


def compiled_twice(text):
    """The literal `text`, compiled in two separate pieces of code: one shared object, or two?"""
    first = eval(compile(repr(text), "<first>", "eval"))
    second = eval(compile(repr(text), "<second>", "eval"))
    return first is second


for text in ["deploy_api", "Build42", "x" * 300, "deploy-api", "ok!", "café"]:
    shown = text if len(text) < 12 else text[:8] + "..."
    print(f"constant {shown!r:14} {len(text):3} chars -> interned: {compiled_twice(text)}")

# %% [markdown] course={"kind": "lesson", "id": "encoding", "covers": ["c-string-encoding", "c-ascii-utf-8-utf-16", "c-encode-and-decode", "c-handling-encoding-errors", "c-bom-byte-order-mark"]}
# ### Text vs bytes: encodings
#
# Files, sockets and subprocess pipes carry **bytes**. An **encoding** is the rule that turns code
# points into bytes (`str.encode`) and back (`bytes.decode`):
#
# | encoding | bytes per code point | note |
# |---|---|---|
# | ASCII | 1 | only 128 characters; `é` cannot be encoded |
# | UTF-8 | 1 to 4 | ASCII-compatible; the default almost everywhere (Linux, the web, JSON) |
# | UTF-16 | 2 or 4 | Windows APIs, some Excel exports; byte order matters |
#
# **Errors.** `errors="strict"` (the default) raises `UnicodeDecodeError`/`UnicodeEncodeError`;
# `"replace"` puts `?` or `�` instead; `"ignore"` drops the bad bytes silently; `"backslashreplace"`
# keeps them visible as `\xNN`. In log pipelines `"replace"` keeps the line and shows the damage.
#
# **BOM.** Some tools write a **byte order mark** (`U+FEFF`) at the start of a file: in UTF-16 it
# says which byte comes first (Python's `utf-16` codec writes one and reads it), in UTF-8 it is
# optional junk. Read such files with `encoding="utf-8-sig"`, or the first header of your CSV
# becomes `'\ufeffid'`.
#
# What people get wrong: decoding with the wrong encoding often does not fail, it produces
# **mojibake** (`cafÃ©`). Always name the encoding when you open a file:
# `open(path, encoding="utf-8")`.

# %% course={"kind": "demo"}
text = "café 🚀"
for encoding in ["utf-8", "utf-16", "utf-16-le"]:
    data = text.encode(encoding)
    print(f"{encoding:9} {len(data):2} bytes: {data[:12].hex(' ')}...")
try:
    text.encode("ascii")
except UnicodeEncodeError as err:
    print("ascii:", err.reason, "at position", err.start)
print("ascii, replace:", text.encode("ascii", errors="replace"))

raw = "naïve".encode("utf-8") + b"\xff"
for errors in ["replace", "ignore", "backslashreplace"]:
    print(f"decode errors={errors:16}", repr(raw.decode("utf-8", errors=errors)))
print("mojibake:", "café".encode("utf-8").decode("latin-1"))

with_bom = "id,host\n1,web-1\n".encode("utf-8-sig")
print("first bytes:", with_bom[:3], "| read as utf-8:", repr(with_bom.decode("utf-8").split(",")[0]),
      "| as utf-8-sig:", repr(with_bom.decode("utf-8-sig").split(",")[0]))

# %% [markdown] course={"kind": "lesson", "id": "case-search-check", "covers": ["c-string-methods-comprehensive", "c-case-upper-lower-title-capitalize", "c-search-find-rfind-index-rindex-count", "c-check-startswith-endswith-isalpha"]}
# ### String methods (1): case, search, checks
#
# **Case.** `upper()`, `lower()`, `swapcase()`; `capitalize()` (first letter up, the rest
# **down**); `title()` (every word, where a "word" restarts after any non-letter, so `they're`
# becomes `They'Re`); `casefold()` is `lower()` made for **comparisons**: it also folds `ß` to
# `ss`. Compare user input with `a.casefold() == b.casefold()`.
#
# **Search.** `find(sub)` / `rfind(sub)` return the first / last index or **-1**; `index()` /
# `rindex()` do the same but raise `ValueError`; `count(sub)` counts non-overlapping matches.
# All take optional `start, end` bounds.
#
# **Checks.** `startswith` / `endswith` accept a **tuple** of options:
# `name.endswith((".yaml", ".yml"))`. The `is...()` family is about *every* character (and
# `False` for an empty string): `isalpha`, `isalnum`, `isspace`, and three digit tests of growing
# generosity: `isdecimal` (0-9 in any script) < `isdigit` (also `²`) < `isnumeric` (also `½`).
# None of them means "int() will accept this".

# %% course={"kind": "demo"}
for s in ["deploy API", "they're bill's", "Straße"]:
    print(f"{s!r:18} upper={s.upper()!r} capitalize={s.capitalize()!r} title={s.title()!r} casefold={s.casefold()!r}")
print("'STRASSE' vs 'Straße' lower:", "STRASSE".lower() == "Straße".lower(),
      "| casefold:", "STRASSE".casefold() == "Straße".casefold())

path = "/var/log/nginx/access.log.1"
print("find('log')", path.find("log"), "| rfind('log')", path.rfind("log"), "| count('/')", path.count("/"),
      "| find('error')", path.find("error"))
try:
    path.index("error")
except ValueError as err:
    print("index('error') -> ValueError:", err)
print("endswith a tuple:", "values.yml".endswith((".yaml", ".yml")))
print(f"{'value':6} {'isdecimal':9} {'isdigit':7} {'isnumeric':9}")
for value in ["42", "²", "½", "٣", ""]:
    print(f"{value!r:6} {value.isdecimal()!s:9} {value.isdigit()!s:7} {value.isnumeric()!s:9}")

# %% [markdown] course={"kind": "lesson", "id": "transform-split-align", "covers": ["c-transform-strip-lstrip-rstrip-replace", "c-split-join-split-rsplit-splitlines-join", "c-align-center-ljust-rjust-zfill"]}
# ### String methods (2): transform, split and join, align
#
# **Transform.** `strip(chars)` removes any of the **characters** in `chars` from both ends, not
# a prefix: `"https://hub".strip("https://")` eats the `h` of `hub` too. To remove a prefix or
# suffix use `removeprefix` / `removesuffix`. `replace(old, new, count)`; `translate(table)` maps
# many single characters at once (table from `str.maketrans`).
#
# **Split and join.** `split()` with no argument splits on runs of whitespace and drops empty
# pieces; `split(",")` keeps empty pieces. `rsplit(sep, 1)` splits once from the right
# (file extension, last path part). `splitlines()` handles `\n`, `\r\n` and friends.
# `partition(sep)` always returns 3 parts, ideal for `key=value`. `sep.join(pieces)` is the
# inverse of split; the pieces must already be strings.
#
# **Align.** `ljust`, `rjust`, `center` pad to a width (with an optional fill character);
# `zfill` pads numbers with zeros and keeps the sign first. Handy for plain-text reports.

# %% course={"kind": "demo"}
url = "https://hub.example.com"
print("strip chars :", url.strip("https://"), "| removeprefix:", url.removeprefix("https://"))
print("replace once:", "a-b-c".replace("-", "_", 1))
print("translate   :", "Deploy: api/v2 (prod)".translate(str.maketrans({" ": "_", "/": "-", "(": None, ")": None})))

print("split()     :", "  web-1   web-2 ".split(), "| split(','):", "a,,b".split(","))
print("rsplit      :", "backup.2024.tar.gz".rsplit(".", 1), "| splitlines:", "one\r\ntwo\nthree".splitlines())
print("partition   :", "LOG_LEVEL=debug=verbose".partition("="), "| no '=':", "FLAG".partition("="))
print("join        :", ", ".join(["web-1", "web-2"]), "| join ints:", ",".join(str(n) for n in [80, 443]))

rows = [("api", 3, 99.5), ("worker", 12, 87.25)]
print("+" + "-" * 28 + "+")
for name, pods, ok in rows:
    print("|" + name.ljust(10) + str(pods).rjust(6) + f"{ok:.1f}%".rjust(12) + "|")
print("|" + "end".center(28, ".") + "|", "| zfill:", "7".zfill(3), "-7".zfill(3))

# %% [markdown] course={"kind": "lesson", "id": "formatting", "covers": ["c-string-formatting", "c-f-strings-formatted-string-literals", "c-format-specification-mini-language", "c-format-method", "c-formatting-legacy", "c-template-strings"]}
# ### Formatting: f-strings, format specs, `.format`, `%`, `Template`
#
# **f-strings** (`f"{name}: {cpu:.1f}%"`) evaluate expressions in place; `f"{value=}"` prints
# the expression too (great for debugging); `!r` uses `repr()`.
#
# The **format spec** after the colon is a small language, its parts always in this order:
# `[[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type]`. The grouping
# character (`,` or `_`) comes **after** the width: `>12,.2f` works, `,12.2f` is a `ValueError`.
# `z` (3.11+) turns a negative zero such as `-0.00` into `0.00`; `#` adds the `0x`/`0b` prefix;
# `0` pads with zeros after the sign.
#
# | spec | `1234.5678` becomes | meaning |
# |---|---|---|
# | `.2f` | `1234.57` | fixed point |
# | `,.1f` | `1,234.6` | thousands separator |
# | `>12.2f` | `     1234.57` | right-align in 12 |
# | `>12,.2f` | `    1,234.57` | width 12, then grouping |
# | `*^12.0f` | `****1235****` | centre, fill with `*` |
# | `.2e` | `1.23e+03` | scientific |
# | `.1%` (on `0.873`) | `87.3%` | percentage |
# | `08b` / `x` / `#x` (on `42`) | `00101010` / `2a` / `0x2a` | binary, hex |
#
# **`str.format`** uses the same specs with `{}` fields filled later: useful when the template is
# data (`"{host}:{port}".format_map(row)`). **`%` formatting** is the old style, still used by
# `logging` (`log.info("user %s", name)` formats lazily, only if the line is emitted).
# **`string.Template`** (`$name`) is deliberately simple: it cannot run expressions or reach
# attributes, so it is the safe choice for templates **written by users**.
#
# What people get wrong: calling `user_text.format(**data)` on a template a user typed in. Format
# fields can reach attributes (`{config.__class__}`), so untrusted templates belong in `Template`.

# %% course={"kind": "demo"}
from string import Template

cpu, host, ratio = 1234.5678, "web-1", 0.873
print(f"{host=} {cpu=:.1f} {host!r}")
for spec in [".2f", ",.1f", ">12.2f", ">12,.2f", "*^12.0f", ".2e"]:
    print(f"{spec:8} -> [{cpu:{spec}}]")
try:
    format(cpu, ",12.2f")
except ValueError:
    print(",12.2f    -> ValueError: grouping must come after the width")
print(f"{ratio:.1%} | {42:08b} | {42:x} | {42:#x} | {-5:+d} | {7:03d} | {-0.001:.2f} vs z: {-0.001:z.2f}")

row = {"host": "db-1", "port": 5432}
print("format_map:", "{host}:{port}".format_map(row), "| positional:", "{0}/{1}/{0}".format("a", "b"))
print("percent   : %-6s|%5.1f|%d" % ("api", 99.456, 3))

notice = Template("Deploying $service to $env (by ${user})")
print(notice.substitute(service="api", env="prod", user="ana"))
print(notice.safe_substitute(service="api"))
try:
    Template("$x").substitute({})
except KeyError as err:
    print("substitute with a missing name -> KeyError", err)

# %% [markdown] course={"kind": "lesson", "id": "regex-basics", "covers": ["c-regular-expressions-re-module", "c-basic-patterns", "c-match-search-findall-finditer", "c-sub-split"]}
# ### Regular expressions (1): patterns and the main functions
#
# A regular expression describes a set of strings. The pieces you will use most:
#
# | piece | matches |
# |---|---|
# | `\d` `\w` `\s` (and `\D` `\W` `\S`) | a digit, a word character, whitespace (and their opposites) |
# | `.` | any character except newline |
# | `[a-f0-9]` / `[^,]` | one of these / anything but these |
# | `*` `+` `?` `{2,4}` | repeat: 0+, 1+, 0-1, 2 to 4 times (add `?` for *lazy*: as few as possible) |
# | `^` `$` `\b` | start, end, word boundary |
# | `a\|b` | either side |
#
# Write patterns as **raw strings** (`r"\d+"`) so Python leaves the backslashes alone.
#
# | function | does |
# |---|---|
# | `re.match(p, s)` | match at the **start** of `s` only |
# | `re.search(p, s)` | first match **anywhere** |
# | `re.fullmatch(p, s)` | the **whole** string must match (use this for validation) |
# | `re.findall(p, s)` | list of matches (of the groups, if the pattern has any) |
# | `re.finditer(p, s)` | match objects, one by one, with positions |
# | `re.sub(p, repl, s)` | replace; `repl` may be a function |
# | `re.split(p, s)` | split on a pattern |
#
# What people get wrong: `match` is not "matches the whole string". It only anchors the start.

# %% course={"kind": "demo"}
import re

line = "2024-05-01T10:15:02Z ERROR api took 1532ms for user=ana ip=10.0.0.7"
print("match at start :", re.match(r"\d{4}-\d{2}-\d{2}", line).group())
print("match 'ERROR'  :", re.match(r"ERROR", line), "| search:", re.search(r"ERROR", line).group())
print("fullmatch id   :", bool(re.fullmatch(r"[a-z]+-\d+", "web-12")), bool(re.fullmatch(r"[a-z]+-\d+", "web-12x")))
print("findall numbers:", re.findall(r"\d+ms", line))
print("findall groups :", re.findall(r"(\w+)=(\S+)", line))
for m in re.finditer(r"\d+\.\d+\.\d+\.\d+", line):
    print("finditer       :", m.group(), "at", m.span())
print("sub (mask ip)  :", re.sub(r"\d+\.\d+\.\d+\.\d+", "x.x.x.x", line)[-22:])
print("sub with func  :", re.sub(r"(\d+)ms", lambda m: f"{int(m.group(1)) / 1000:.2f}s", "took 1532ms, then 87ms"))
print("split          :", re.split(r"[,;\s]+", "web-1, web-2;db-1  cache-1"))
print("greedy vs lazy :", re.search(r"<.+>", "<a><b>").group(), re.search(r"<.+?>", "<a><b>").group())

# %% [markdown] course={"kind": "lesson", "id": "regex-groups-flags", "covers": ["c-groups-and-capturing", "c-flags-ignorecase-multiline-dotall", "c-compiled-patterns", "c-common-patterns-email-url-phone"]}
# ### Regular expressions (2): groups, flags, compiled patterns, everyday patterns
#
# **Groups.** `( ... )` captures; `m.group(1)`, `m.groups()`. Named groups `(?P<level>...)` are
# far easier to read: `m.group("level")`, `m.groupdict()`. `(?: ... )` groups without
# capturing (for alternation or repetition). `(?P=name)` or `\1` matches the same text again.
#
# **Flags.** `re.IGNORECASE` (`re.I`): case-insensitive. `re.MULTILINE` (`re.M`): `^` and `$`
# match at every line, not only at the ends of the string. `re.DOTALL` (`re.S`): `.` also matches
# newline. Combine with `|`. `re.VERBOSE` lets you spread a pattern over lines with comments.
#
# **Compiled patterns.** `LEVEL = re.compile(r"...")` once, then `LEVEL.search(line)` in the
# loop: clearer, and it documents the pattern with a name (Python caches recent patterns anyway,
# so speed is a minor reason).
#
# **Everyday patterns** are sanity checks, not full validation: the real rules for e-mail
# addresses and URLs are huge. For URLs prefer `urllib.parse.urlsplit`; for e-mail, send a
# confirmation message.
#
# What people get wrong: running `^...$` over a multi-line string (a whole log file read with
# `read()`) without `re.MULTILINE`, and getting no matches, because `^` and `$` then mean the
# start and end of the whole text.

# %% course={"kind": "demo"}
import re
from urllib.parse import urlsplit

LOG = re.compile(r"(?P<time>\d\d:\d\d:\d\d) \[(?P<level>[a-z]+)\] (?P<msg>.*)", re.IGNORECASE)
m = LOG.match("10:15:02 [Warn] disk 91% full")
print("groups   :", m.groups())
print("groupdict:", m.groupdict())
print("repeat   :", re.findall(r"\b(\w+) (?:\1)\b", "the the build build passed"))

text = "status: ok\nstatus: FAILED\nnote: retry"
print("without M:", re.findall(r"^status: (\w+)$", text))
print("with M   :", re.findall(r"^status: (\w+)$", text, re.MULTILINE))
print("DOTALL   :", re.search(r"BEGIN(.*)END", "BEGIN\nsecret\nEND", re.DOTALL).group(1).strip())

patterns = {
    "email": r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    "url": r"https?://[^\s/$.?#][^\s]*",
    "phone": r"\+?\d{1,3}[ -]?\(?\d{2,4}\)?[ -]?\d{3,4}[ -]?\d{3,4}",
}
sample = "Mail ops@example.com or call +44 20 7946 0958; docs at https://docs.example.com/runbook?id=7."
for name, pattern in patterns.items():
    print(f"{name:6}:", re.findall(pattern, sample))
print("(the url match swallowed the sentence's final '.': these patterns are approximations)")
parts = urlsplit("https://docs.example.com:8443/runbook?id=7#step-2")
print("urlsplit :", parts.hostname, parts.port, parts.path, parts.query, parts.fragment)

# %% [markdown] course={"kind": "lesson", "id": "string-performance", "covers": ["c-string-performance", "c-concatenation-inefficiency", "c-using-join-for-multiple-concatenations", "c-string-builders-with-lists"]}
# ### Building big strings
#
# Strings are immutable, so `report = report + line` must allocate a new string and **copy**
# everything built so far, every time. For n pieces that is 1 + 2 + ... + n copies: **O(n²)**.
#
# The fix is a **string builder**: append the pieces to a **list** (amortised O(1) each) and call
# `"".join(pieces)` once at the end, which measures the total, allocates once and copies each
# piece once: **O(n)**. `io.StringIO` is another builder, handy when code expects a file.
#
# What people get wrong: "but `+=` was fast when I tried it". CPython has a special trick that can
# sometimes grow the string in place when nothing else refers to it. It is an implementation
# detail: it does not exist in PyPy and disappears as soon as another name, list or dict holds
# the string. Code that must scale uses `join`.

# %% course={"kind": "demo"}
import io

pieces = [f"line {i}\n" for i in range(1000)]

copied, length = 0, 0
for piece in pieces:  # what `text = text + piece` has to copy each time
    length += len(piece)
    copied += length
print(f"naive concatenation copies {copied:,} characters to build {length:,}")
print(f"join copies each character once: {len(''.join(pieces)):,}")

builder = []
for i in range(3):
    builder.append(f"step {i}")
print("list builder:", " | ".join(builder))
buffer = io.StringIO()
for i in range(3):
    buffer.write(f"row {i};")
print("StringIO    :", buffer.getvalue())

# %% [markdown] course={"kind": "exercise", "id": "tokenizer", "item": "x-implement-a-string-tokenizer"}
# ### A tokenizer for filter expressions
#
# Alert rules are written like `cpu >= 80.5 and env == "prod"`. Write `tokenize(expr)` that turns
# one into a list of `(kind, text)` pairs:
#
# | kind | what | example |
# |---|---|---|
# | `NUMBER` | digits `0`-`9`, optionally `.` and more digits | `80.5`, `3` |
# | `STRING` | text in double or single quotes (the other kind of quote may appear inside); the token text is **without** the quotes | `"prod"` -> `prod`, `"it's"` -> `it's` |
# | `KEYWORD` | exactly `and`, `or`, `not` | `and` |
# | `NAME` | an ASCII letter or `_`, then ASCII letters, digits, `_` or `.` (but not a keyword) | `labels.app`, `android` |
# | `OP` | `==`, `!=`, `>=`, `<=`, `>`, `<` | `>=` |
# | `PAREN` | `(` or `)` | `(` |
#
# Whitespace between tokens is skipped. Anything else (including an unterminated string) raises
# `ValueError` with a message containing `position <i>`, the 0-based index where it went wrong.
#
# ```python
# tokenize('cpu >= 80.5 and env == "prod"')
# # [('NAME', 'cpu'), ('OP', '>='), ('NUMBER', '80.5'), ('KEYWORD', 'and'),
# #  ('NAME', 'env'), ('OP', '=='), ('STRING', 'prod')]
# ```

# %% [markdown] course={"kind": "hint"}
# Build one pattern of named alternatives, `(?P<NUMBER>...)|(?P<STRING>...)|...`, and call
# `pattern.match(expr, pos)` in a loop; `m.lastgroup` names the alternative that matched and
# `m.end()` is where the next token starts.

# %% [markdown] course={"kind": "hint"}
# Order matters inside an alternation: put `>=` before `>`. Do not give keywords their own
# alternative (`or` would match the start of `order`): match a NAME, then check whether its text
# is a keyword.

# %% course={"kind": "solution"}
import re

### BEGIN SOLUTION
_TOKEN = re.compile(
    r"(?P<NUMBER>[0-9]+(?:\.[0-9]+)?)"
    r"|(?P<STRING>\"[^\"]*\"|'[^']*')"
    r"|(?P<NAME>[A-Za-z_][A-Za-z0-9_.]*)"
    r"|(?P<OP>==|!=|>=|<=|>|<)"
    r"|(?P<PAREN>[()])"
    r"|(?P<SPACE>\s+)"
)
_KEYWORDS = {"and", "or", "not"}
### END SOLUTION


def tokenize(expr: str) -> list[tuple[str, str]]:
    """Split a filter expression into (kind, text) tokens."""
    ### BEGIN SOLUTION
    tokens = []
    pos = 0
    while pos < len(expr):
        m = _TOKEN.match(expr, pos)
        if m is None:
            raise ValueError(f"unexpected {expr[pos]!r} at position {pos}")
        kind, text = m.lastgroup, m.group()
        if kind == "STRING":
            text = text[1:-1]
        elif kind == "NAME" and text in _KEYWORDS:
            kind = "KEYWORD"
        if kind != "SPACE":
            tokens.append((kind, text))
        pos = m.end()
    return tokens
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = tokenize('cpu >= 80.5 and env == "prod"')
assert result == [("NAME", "cpu"), ("OP", ">="), ("NUMBER", "80.5"), ("KEYWORD", "and"),
                  ("NAME", "env"), ("OP", "=="), ("STRING", "prod")], f"got {result}"

# %% course={"kind": "test", "points": 2}
result = tokenize("(labels.app!='web api')or not order<3")
assert result == [("PAREN", "("), ("NAME", "labels.app"), ("OP", "!="), ("STRING", "web api"), ("PAREN", ")"),
                  ("KEYWORD", "or"), ("KEYWORD", "not"), ("NAME", "order"), ("OP", "<"), ("NUMBER", "3")], (
    f"tokens need no spaces between them; strings keep their spaces; 'order' is a NAME: got {result}"
)
result = tokenize("msg == \"it's\" or q == 'say \"hi\"'")
assert result == [("NAME", "msg"), ("OP", "=="), ("STRING", "it's"), ("KEYWORD", "or"),
                  ("NAME", "q"), ("OP", "=="), ("STRING", 'say "hi"')], f"a string ends at the quote it started with: got {result}"
### BEGIN HIDDEN TESTS
assert tokenize("a\t==\n1") == [("NAME", "a"), ("OP", "=="), ("NUMBER", "1")], "tabs and newlines are whitespace too"
assert tokenize("") == [] and tokenize("   ") == [], "nothing to tokenize"
assert tokenize("a<=b") == [("NAME", "a"), ("OP", "<="), ("NAME", "b")], "<= is one token"
assert tokenize("android and andy") == [("NAME", "android"), ("KEYWORD", "and"), ("NAME", "andy")], 'names that start with a keyword are still names'
assert tokenize("_x9 ''") == [("NAME", "_x9"), ("STRING", "")], "an empty string literal"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad, position in [("cpu > 80 & x", 9), ('env == "prod', 7), ("a = b", 2)]:
    try:
        tokenize(bad)
    except ValueError as err:
        assert f"position {position}" in str(err), f"{bad!r}: the message should say position {position}, got {err}"
    else:
        raise AssertionError(f"{bad!r} must raise ValueError")
### BEGIN HIDDEN TESTS
for bad, position in [("café", 3), ("x > \u0663", 4), ("'", 0)]:
    try:
        tokenize(bad)
    except ValueError as err:
        assert f"position {position}" in str(err), f"{bad!r}: the message should say position {position}, got {err}"
    else:
        raise AssertionError(f"{bad!r} must raise ValueError: names and numbers are ASCII")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "split-on-spaces", "fails": ["t2", "t3"]}
def tokenize(expr):
    tokens = []
    for word in expr.split():
        if word[0].isdigit():
            tokens.append(("NUMBER", word))
        elif word[0] in "\"'":
            tokens.append(("STRING", word[1:-1]))
        elif word in ("and", "or", "not"):
            tokens.append(("KEYWORD", word))
        elif word in ("==", "!=", ">=", "<=", ">", "<"):
            tokens.append(("OP", word))
        elif word in "()":
            tokens.append(("PAREN", word))
        else:
            tokens.append(("NAME", word))
    return tokens

# %% course={"kind": "wrong", "id": "either-quote-closes", "fails": ["t2"]}
import re

_TOKEN = re.compile(
    r"(?P<NUMBER>[0-9]+(?:\.[0-9]+)?)|(?P<STRING>[\"'][^\"']*[\"'])|(?P<NAME>[A-Za-z_][A-Za-z0-9_.]*)"
    r"|(?P<OP>==|!=|>=|<=|>|<)|(?P<PAREN>[()])|(?P<SPACE>\s+)"
)


def tokenize(expr):
    tokens, pos = [], 0
    while pos < len(expr):
        m = _TOKEN.match(expr, pos)
        if m is None:
            raise ValueError(f"unexpected {expr[pos]!r} at position {pos}")
        kind, text = m.lastgroup, m.group()
        if kind == "STRING":
            text = text[1:-1]
        elif kind == "NAME" and text in ("and", "or", "not"):
            kind = "KEYWORD"
        if kind != "SPACE":
            tokens.append((kind, text))
        pos = m.end()
    return tokens

# %% course={"kind": "wrong", "id": "keyword-alternative", "fails": ["t2"]}
import re

_TOKEN = re.compile(
    r"(?P<NUMBER>[0-9]+(?:\.[0-9]+)?)|(?P<STRING>\"[^\"]*\"|'[^']*')|(?P<KEYWORD>and|or|not)"
    r"|(?P<NAME>[A-Za-z_][A-Za-z0-9_.]*)|(?P<OP>==|!=|>=|<=|>|<)|(?P<PAREN>[()])|(?P<SPACE>\s+)"
)


def tokenize(expr):
    tokens, pos = [], 0
    while pos < len(expr):
        m = _TOKEN.match(expr, pos)
        if m is None:
            raise ValueError(f"unexpected {expr[pos]!r} at position {pos}")
        text = m.group()[1:-1] if m.lastgroup == "STRING" else m.group()
        if m.lastgroup != "SPACE":
            tokens.append((m.lastgroup, text))
        pos = m.end()
    return tokens

# %% course={"kind": "wrong", "id": "short-op-first", "fails": ["t1", "t2"]}
import re

_TOKEN = re.compile(
    r"(?P<NUMBER>[0-9]+(?:\.[0-9]+)?)|(?P<STRING>\"[^\"]*\"|'[^']*')|(?P<NAME>[A-Za-z_][A-Za-z0-9_.]*)"
    r"|(?P<OP>>|<|==|!=|>=|<=)|(?P<PAREN>[()])|(?P<SPACE>\s+)"
)


def tokenize(expr):
    tokens, pos = [], 0
    while pos < len(expr):
        m = _TOKEN.match(expr, pos)
        if m is None:
            raise ValueError(f"unexpected {expr[pos]!r} at position {pos}")
        kind, text = m.lastgroup, m.group()
        if kind == "STRING":
            text = text[1:-1]
        elif kind == "NAME" and text in ("and", "or", "not"):
            kind = "KEYWORD"
        if kind != "SPACE":
            tokens.append((kind, text))
        pos = m.end()
    return tokens

# %% course={"kind": "wrong", "id": "unicode-classes", "fails": ["t3"]}
import re

_TOKEN = re.compile(
    r"(?P<NUMBER>\d+(?:\.\d+)?)|(?P<STRING>\"[^\"]*\"|'[^']*')|(?P<NAME>[^\W\d][\w.]*)"
    r"|(?P<OP>==|!=|>=|<=|>|<)|(?P<PAREN>[()])|(?P<SPACE>\s+)"
)


def tokenize(expr):
    tokens, pos = [], 0
    while pos < len(expr):
        m = _TOKEN.match(expr, pos)
        if m is None:
            raise ValueError(f"unexpected {expr[pos]!r} at position {pos}")
        kind, text = m.lastgroup, m.group()
        if kind == "STRING":
            text = text[1:-1]
        elif kind == "NAME" and text in ("and", "or", "not"):
            kind = "KEYWORD"
        if kind != "SPACE":
            tokens.append((kind, text))
        pos = m.end()
    return tokens

# %% [markdown] course={"kind": "exercise", "id": "email-validator", "item": "x-create-an-email-validator-using-regex"}
# ### An e-mail address sanity check
#
# Real e-mail syntax is enormous; sign-up forms use a stricter, simpler rule. Write
# `is_valid_email(address)` that returns `True` only when **all** of these hold (ASCII only):
#
# - exactly one `@`;
# - the **local part** (before `@`) is 1-64 characters of letters, digits and `. _ % + -`, and
#   does not start or end with `.` or contain `..`;
# - the **domain** is two or more labels separated by single dots; each label is 1-63 letters,
#   digits or hyphens and does not start or end with `-`; the last label is at least 2
#   **letters**;
# - the whole address is at most 254 characters, with nothing before or after it (not even a
#   newline).
#
# ```python
# is_valid_email("ana.lopez+alerts@mail.example.io")   # True
# is_valid_email("ana..lopez@example.io")              # False
# ```

# %% [markdown] course={"kind": "hint"}
# Write the local part as "one run of allowed characters, then any number of `.` + run":
# `[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*`. That rules out leading, trailing and double dots.

# %% [markdown] course={"kind": "hint"}
# Use `re.fullmatch`, not `re.match(...$)`: `$` also matches just before a final `\n`. Check the
# two length limits with plain `len()`. `\w` would accept `é`; spell out `A-Za-z0-9`.

# %% course={"kind": "solution"}
import re

### BEGIN SOLUTION
_LOCAL = r"[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(rf"(?P<local>{_LOCAL})@(?:{_LABEL}\.)+[A-Za-z]{{2,63}}")
### END SOLUTION


def is_valid_email(address: str) -> bool:
    """Whether ``address`` passes our sign-up form's e-mail rules."""
    ### BEGIN SOLUTION
    m = _EMAIL.fullmatch(address)
    return m is not None and len(m.group("local")) <= 64 and len(address) <= 254
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
for good in ["ana.lopez+alerts@mail.example.io", "x@ab.co", "ops_team%eu@corp-mail.example.com", "A1@B2.ORG"]:
    assert is_valid_email(good) is True, f"{good!r} is valid"

# %% course={"kind": "test", "points": 2}
bad_ones = ["ana..lopez@example.io", ".ana@example.io", "ana.@example.io", "ana@example", "ana@-example.io",
            "ana@example-.io", "ana@example.c", "ana@example.i0", "ana@@example.io", "ana@ex..io", "@example.io", "ana example@x.io"]
for bad in bad_ones:
    assert is_valid_email(bad) is False, f"{bad!r} breaks a rule and must be rejected"
### BEGIN HIDDEN TESTS
assert is_valid_email("ana@example.io\n") is False, "a trailing newline is not part of a valid address"
assert is_valid_email(" ana@example.io") is False, "nothing before the address"
assert is_valid_email("josé@example.io") is False and is_valid_email("ana@exämple.io") is False, "ASCII only"
assert is_valid_email("a" * 64 + "@example.io") is True and is_valid_email("a" * 65 + "@example.io") is False, "local part up to 64"
long_domain = "b" * 63 + "." + "c" * 63 + "." + "d" * 63 + "." + "e" * 57 + ".io"  # 252 characters
assert is_valid_email("a@" + long_domain) is True, "exactly 254 characters is allowed"
assert is_valid_email("ab@" + long_domain) is False, "255 characters is one too many"
assert is_valid_email("a@" + "c" * 63 + ".io") is True and is_valid_email("a@" + "c" * 64 + ".io") is False, "a label has at most 63 characters"
assert is_valid_email("first-last@example.io") is True and is_valid_email("-x-@example.io") is True, "- is allowed anywhere in the local part"
assert is_valid_email("") is False, 'an empty string is not an address'
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "dollar-anchor", "fails": ["t2"]}
import re

_EMAIL = re.compile(r"^([A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*)@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")


def is_valid_email(address):
    m = _EMAIL.match(address)
    return m is not None and len(m.group(1)) <= 64 and len(address) <= 254

# %% course={"kind": "wrong", "id": "limits-exclusive", "fails": ["t2"]}
import re

_EMAIL = re.compile(r"([A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*)@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")


def is_valid_email(address):
    m = _EMAIL.fullmatch(address)
    return m is not None and len(m.group(1)) < 64 and len(address) < 254

# %% course={"kind": "wrong", "id": "loose-local", "fails": ["t2"]}
import re


def is_valid_email(address):
    return len(address) <= 254 and re.fullmatch(r"[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}", address) is not None

# %% course={"kind": "wrong", "id": "word-class", "fails": ["t2"]}
import re


def is_valid_email(address):
    m = re.fullmatch(r"([\w%+-]+(?:\.[\w%+-]+)*)@(?:\w(?:[\w-]{0,61}\w)?\.)+[A-Za-z]{2,63}", address)
    return m is not None and len(m.group(1)) <= 64 and len(address) <= 254

# %% [markdown] course={"kind": "exercise", "id": "log-line", "item": "x-build-a-log-parser-that-extracts"}
# ### Parse one log line
#
# An application logs lines like
# `2024-05-01 12:00:03,142 [ERROR] payment.api: card declined: code=51 [retry 2/3]`.
# Write `parse_log_line(line)` returning a dict
#
# ```python
# {"timestamp": datetime(2024, 5, 1, 12, 0, 3, 142000), "level": "ERROR",
#  "logger": "payment.api", "message": "card declined: code=51 [retry 2/3]"}
# ```
#
# - the timestamp is `YYYY-MM-DD HH:MM:SS,mmm` (milliseconds after a comma) and must be a real
#   date and time;
# - the level is one of `DEBUG INFO WARNING ERROR CRITICAL` in any case, returned upper-case;
#   `WARN` means `WARNING`;
# - the logger is letters, digits, `_`, `.` and `-`, followed by `: `; the message is the rest of
#   the line (it may contain colons and brackets), without the trailing newline.
#
# Anything else returns `None`.

# %% [markdown] course={"kind": "hint"}
# One regex with named groups does it:
# `(?P<ts>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) \[(?P<level>\w+)\] (?P<logger>[\w.-]+): (?P<message>.*)`.

# %% [markdown] course={"kind": "hint"}
# `datetime.strptime(ts, "%Y-%m-%d %H:%M:%S,%f")` parses the timestamp and raises `ValueError`
# for impossible dates (month 13). Splitting the line on `":"` breaks messages with colons.

# %% course={"kind": "solution"}
import re
from datetime import datetime

### BEGIN SOLUTION
_LINE = re.compile(
    r"(?P<ts>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) \[(?P<level>[A-Za-z]+)\] (?P<logger>[\w.-]+): (?P<message>.*)"
)
_LEVELS = {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}
### END SOLUTION


def parse_log_line(line: str) -> dict | None:
    """The timestamp, level, logger and message of one log line, or None."""
    ### BEGIN SOLUTION
    m = _LINE.fullmatch(line.rstrip("\r\n"))
    if m is None:
        return None
    level = m.group("level").upper()
    level = "WARNING" if level == "WARN" else level
    if level not in _LEVELS:
        return None
    try:
        timestamp = datetime.strptime(m.group("ts"), "%Y-%m-%d %H:%M:%S,%f")
    except ValueError:
        return None
    return {"timestamp": timestamp, "level": level, "logger": m.group("logger"), "message": m.group("message")}
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
from datetime import datetime

record = parse_log_line("2024-05-01 12:00:03,142 [ERROR] payment.api: card declined\n")
assert record == {"timestamp": datetime(2024, 5, 1, 12, 0, 3, 142000), "level": "ERROR",
                  "logger": "payment.api", "message": "card declined"}, f"got {record}"

# %% course={"kind": "test", "points": 2}
from datetime import datetime

record = parse_log_line("2024-05-01 23:59:59,007 [warn] etl-runner: step 3: skipped [input empty]")
assert record is not None, "a valid line must parse"
assert record["level"] == "WARNING", f"'warn' is WARNING, in any case: got {record['level']!r}"
assert record["message"] == "step 3: skipped [input empty]", f"the message keeps its colons and brackets: got {record['message']!r}"
assert record["timestamp"] == datetime(2024, 5, 1, 23, 59, 59, 7000), "milliseconds become microseconds"
record = parse_log_line("2024-05-01 00:00:00,000 [INFO] api: a  b\tc")
assert record is not None and record["message"] == "a  b\tc", "the message is the rest of the line exactly, spaces and tabs included"

# %% course={"kind": "test", "points": 1}
for bad in ["", "hello world", "2024-05-01 12:00:03,142 [LOUD] api: x", "2024-13-01 12:00:03,142 [INFO] api: x",
            "2024-05-01 12:00:03 [INFO] api: x", "2024-05-01 12:00:03,142 [INFO] api x"]:
    assert parse_log_line(bad) is None, f"{bad!r} is not a valid line"
### BEGIN HIDDEN TESTS
assert parse_log_line("2024-02-30 00:00:00,000 [INFO] api: x") is None, "February 30th does not exist"
rec = parse_log_line("2024-02-29 00:00:00,000 [Critical] db_1: disk ünïcode: ok\r\n")
assert rec is not None and rec["level"] == "CRITICAL" and rec["message"] == "disk ünïcode: ok", '29 February 2024 exists; levels in any case; the line ending is dropped'
assert parse_log_line("2024-05-01 12:00:03,142 [INFO] api: ")["message"] == "", "an empty message is allowed"
assert parse_log_line("2024-05-01 12:00:03,142 [INFO] api:  two spaces  \n")["message"] == " two spaces  ", "only the line ending is dropped, spaces stay"
assert parse_log_line("2024-05-01 12:00:03,14 [INFO] api: x") is None, "milliseconds have exactly three digits"
assert parse_log_line(" 2024-05-01 12:00:03,142 [INFO] api: x") is None, "nothing before the timestamp"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "split-on-spaces", "fails": ["t2", "t3"]}
from datetime import datetime


def parse_log_line(line):
    parts = line.split()
    if len(parts) < 4:
        return None
    try:
        timestamp = datetime.strptime(parts[0] + " " + parts[1], "%Y-%m-%d %H:%M:%S,%f")
    except ValueError:
        return None
    level = parts[2].strip("[]").upper()
    level = "WARNING" if level == "WARN" else level
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        return None
    return {"timestamp": timestamp, "level": level, "logger": parts[3].rstrip(":"), "message": " ".join(parts[4:])}

# %% course={"kind": "wrong", "id": "case-sensitive-level", "fails": ["t2", "t3"]}
import re
from datetime import datetime

_LINE = re.compile(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) \[(DEBUG|INFO|WARNING|ERROR|CRITICAL)\] ([\w.-]+): (.*)")


def parse_log_line(line):
    m = _LINE.fullmatch(line.rstrip("\r\n"))
    if m is None:
        return None
    try:
        ts = datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S,%f")
    except ValueError:
        return None
    return {"timestamp": ts, "level": m.group(2), "logger": m.group(3), "message": m.group(4)}

# %% course={"kind": "wrong", "id": "no-date-check", "fails": ["t3"]}
from datetime import datetime
import re

_LINE = re.compile(r"(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d),(\d{3}) \[([A-Za-z]+)\] ([\w.-]+): (.*)")


def parse_log_line(line):
    from datetime import datetime

    m = _LINE.fullmatch(line.rstrip("\r\n"))
    if m is None:
        return None
    level = m.group(8).upper()
    level = "WARNING" if level == "WARN" else level
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        return None
    y, mo, d, h, mi, s, ms = (int(g) for g in m.groups()[:7])
    mo, d = min(mo, 12), min(d, 28)  # "fixes" impossible dates instead of rejecting them
    return {"timestamp": datetime(y, mo, d, h, mi, s, ms * 1000), "level": level, "logger": m.group(9), "message": m.group(10)}

# %% [markdown] course={"kind": "exercise", "id": "substitute", "item": "x-implement-a-template-engine-with"}
# ### Variable substitution
#
# Write `substitute(template, values)` that replaces every placeholder `{{ name }}` (spaces
# inside the braces optional) with `str()` of its value:
#
# - `name` may be dotted, `{{ db.host }}`, to reach into nested dicts;
# - a missing name raises `KeyError` whose argument is the name as written, `KeyError('db.host')`;
# - inserted values are **final**: a value that itself contains `{{ x }}` is not expanded again.
#
# ```python
# substitute("Deploying {{app}} to {{ env.name }} ({{ replicas }} pods)",
#            {"app": "api", "env": {"name": "prod"}, "replicas": 3})
# # 'Deploying api to prod (3 pods)'
# ```

# %% [markdown] course={"kind": "hint"}
# `re.sub(r"\{\{\s*([\w.]+)\s*\}\}", replace, template)` calls `replace(match)` for each
# placeholder, and what it returns is inserted as is, never scanned again.

# %% [markdown] course={"kind": "hint"}
# Inside `replace`, walk `match.group(1).split(".")` through the dicts; raise
# `KeyError(match.group(1))` when a step is missing.

# %% course={"kind": "solution"}
import re


def substitute(template: str, values: dict) -> str:
    """Fill ``{{ name }}`` placeholders from ``values`` (dotted names reach into nested dicts)."""
    ### BEGIN SOLUTION
    def replace(match):
        node = values
        for part in match.group(1).split("."):
            if not isinstance(node, dict) or part not in node:
                raise KeyError(match.group(1))
            node = node[part]
        return str(node)

    return re.sub(r"\{\{\s*([\w.]+)\s*\}\}", replace, template)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = substitute("Deploying {{app}} to {{ env.name }} ({{ replicas }} pods)",
                    {"app": "api", "env": {"name": "prod"}, "replicas": 3})
assert result == "Deploying api to prod (3 pods)", f"got {result!r}"

# %% course={"kind": "test", "points": 1}
assert substitute("{{a}}-{{ a }}-{{  a  }}", {"a": 1}) == "1-1-1", "spaces inside the braces are optional"
assert substitute("no placeholders {here}", {}) == "no placeholders {here}", "single braces are plain text"
assert substitute("[{{ n }}|{{ e }}|{{ off }}]", {"n": 0, "e": "", "off": False}) == "[0||False]", "0, '' and False are values, not missing names"

# %% course={"kind": "test", "points": 1}
try:
    substitute("host={{ db.host }}", {"db": {}})
except KeyError as err:
    assert err.args == ("db.host",), f"the KeyError should carry the name 'db.host', got {err!r}"
else:
    raise AssertionError("a missing value must raise KeyError")

# %% course={"kind": "test", "points": 1}
result = substitute("{{ first }} / {{ second }}", {"first": "{{ second }}", "second": "B"})
assert result == "{{ second }} / B", f"inserted values must not be expanded again: got {result!r}"
### BEGIN HIDDEN TESTS
assert substitute("", {}) == "", 'an empty template'
assert substitute("{{ x }}", {"x": None}) == "None", 'values go through str()'
assert substitute("ünï {{ ñ }}", {"ñ": "ok"}) == "ünï ok", "unicode names and text"
try:
    substitute("{{ port.number }}", {"port": 80})
except KeyError:
    pass
else:
    raise AssertionError("a dotted name that steps into a non-dict value is missing: KeyError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "replace-loop", "fails": ["t1", "t2", "t3", "t4"]}
def substitute(template, values):
    for name, value in values.items():
        template = template.replace("{{" + name + "}}", str(value)).replace("{{ " + name + " }}", str(value))
    return template

# %% course={"kind": "wrong", "id": "falsy-is-missing", "fails": ["t2", "t4"]}
import re


def substitute(template, values):
    def replace(match):
        node = values
        for part in match.group(1).split("."):
            node = node.get(part) if isinstance(node, dict) else None
            if not node:
                raise KeyError(match.group(1))
        return str(node)

    return re.sub(r"\{\{\s*([\w.]+)\s*\}\}", replace, template)

# %% course={"kind": "wrong", "id": "leaves-missing", "fails": ["t3", "t4"]}
import re


def substitute(template, values):
    def replace(match):
        node = values
        for part in match.group(1).split("."):
            if not isinstance(node, dict) or part not in node:
                return match.group(0)
            node = node[part]
        return str(node)

    return re.sub(r"\{\{\s*([\w.]+)\s*\}\}", replace, template)

# %% [markdown] course={"kind": "exercise", "id": "string-builder", "item": "x-create-efficient-string-concatenation"}
# ### A string builder
#
# Write a class `StringBuilder` for assembling big reports:
#
# - `append(text)` adds text and returns the builder itself, so calls can be chained;
# - `append_line(text="")` adds `text` followed by `"\n"` (and also returns the builder);
# - `len(builder)` is the total length so far, answered in O(1) (keep a running total);
# - `build()` returns the whole string; calling it twice gives the same result.
#
# Building from n pieces must be O(total length). One test appends 3000 pieces of text that
# counts every character copied: `self.text += piece` copies everything built so far on each call
# and fails it. Another asks `len()` a hundred times of a builder holding 4000 pieces, with
# pieces that count how often their length is asked for and with Python's memory tracer on:
# summing the pieces' lengths, or joining them to measure the result, on every call fails it.
#
# ```python
# sb = StringBuilder()
# sb.append("pods: ").append("3").append_line().append_line("done")
# sb.build()   # 'pods: 3\ndone\n'
# len(sb)      # 13
# ```

# %% [markdown] course={"kind": "hint"}
# Keep a list of pieces and an integer length. `build()` is `"".join(self._pieces)`.

# %% course={"kind": "solution"}
class StringBuilder:
    """Collects pieces of text and joins them once."""

    def __init__(self):
        ### BEGIN SOLUTION
        self._pieces: list[str] = []
        self._length = 0
        ### END SOLUTION

    def append(self, text: str) -> "StringBuilder":
        ### BEGIN SOLUTION
        self._pieces.append(text)
        self._length += len(text)
        return self
        ### END SOLUTION

    def append_line(self, text: str = "") -> "StringBuilder":
        ### BEGIN SOLUTION
        return self.append(text).append("\n")
        ### END SOLUTION

    def __len__(self) -> int:
        ### BEGIN SOLUTION
        return self._length
        ### END SOLUTION

    def build(self) -> str:
        ### BEGIN SOLUTION
        return "".join(self._pieces)
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
sb = StringBuilder()
same = sb.append("pods: ").append("3").append_line().append_line("done")
assert same is sb, "append and append_line return the builder itself"
assert sb.build() == "pods: 3\ndone\n", f"got {sb.build()!r}"
assert len(sb) == 13, f"len counts every character: got {len(sb)}"

# %% course={"kind": "test", "points": 1}
sb = StringBuilder()
assert sb.build() == "" and len(sb) == 0, "an empty builder"
sb.append("ünï").append("🚀")
assert sb.build() == "ünï🚀" and sb.build() == "ünï🚀" and len(sb) == 4, "build twice, same result; len counts code points"
sb.append_line()
assert sb.build().endswith("🚀\n"), 'append_line() with no text adds just a newline'
### BEGIN HIDDEN TESTS
sb = StringBuilder()
for piece in ["", "a", "", "bc"]:
    sb.append(piece)
other = StringBuilder().append("x")
assert sb.build() == "abc" and len(sb) == 3, "empty pieces add nothing, and each builder keeps its own pieces"
assert other.build() == "x" and len(other) == 1
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
pieces = 3000
meter = Meter(limit=5 * pieces * 10)
Text = metered_str_type(meter)
sb = StringBuilder()
for i in range(pieces):
    sb.append(Text(f"row {i:05d};"[:10]))
result = sb.build()
assert len(result) == pieces * 10 and len(sb) == pieces * 10, '3000 pieces of 10 characters'
print(f"{meter.count} characters copied while appending {pieces} pieces")

# %% course={"kind": "test", "points": 1}
import tracemalloc


class Piece(str):
    """Text that counts how often its length is asked for."""

    len_calls = 0

    def __len__(self):
        Piece.len_calls += 1
        return str.__len__(self)


pieces = 4000
sb = StringBuilder()
for i in range(pieces):
    sb.append(Piece(f"{i:09d};"))
Piece.len_calls = 0
tracemalloc.start()
try:
    all_right = all(len(sb) == 10 * pieces for _ in range(100))
    _, peak = tracemalloc.get_traced_memory()
finally:
    tracemalloc.stop()
assert all_right, f"len(builder) must be {10 * pieces} after {pieces} pieces of 10 characters"
assert Piece.len_calls <= pieces, f"100 calls of len(builder) asked the pieces for their length {Piece.len_calls} times: keep a running total"
assert peak < 20_000, f"100 calls of len(builder) allocated {peak:,} bytes at once: do not build the string to measure it, keep a running total"
print(f"100 x len(): {Piece.len_calls} piece lengths asked, {peak:,} bytes at peak")

# %% course={"kind": "wrong", "id": "plus-equals", "fails": ["t3"]}
class StringBuilder:
    def __init__(self):
        self._text = ""

    def append(self, text):
        self._text += text
        return self

    def append_line(self, text=""):
        return self.append(text + "\n")

    def __len__(self):
        return len(self._text)

    def build(self):
        return self._text

# %% course={"kind": "wrong", "id": "len-sums-pieces", "fails": ["t4"]}
class StringBuilder:
    def __init__(self):
        self._pieces = []

    def append(self, text):
        self._pieces.append(text)
        return self

    def append_line(self, text=""):
        return self.append(text).append("\n")

    def __len__(self):
        return sum(len(piece) for piece in self._pieces)  # O(number of pieces) on every call

    def build(self):
        return "".join(self._pieces)

# %% course={"kind": "wrong", "id": "len-builds-string", "fails": ["t4"]}
class StringBuilder:
    def __init__(self):
        self._pieces = []

    def append(self, text):
        self._pieces.append(text)
        return self

    def append_line(self, text=""):
        return self.append(text).append("\n")

    def __len__(self):
        return len(self.build())  # joins everything just to measure it

    def build(self):
        return "".join(self._pieces)

# %% course={"kind": "wrong", "id": "no-chaining", "fails": ["t1", "t2", "t4"]}
class StringBuilder:
    def __init__(self):
        self._pieces = []

    def append(self, text):
        self._pieces.append(text)

    def append_line(self, text=""):
        self._pieces.append(text + "\n")

    def __len__(self):
        return sum(len(p) for p in self._pieces)

    def build(self):
        return "".join(self._pieces)

# %% [markdown] course={"kind": "task", "id": "concat-benchmark", "item": "x-create-efficient-string-concatenation", "points": 2}
# ### Benchmark it yourself
#
# Time three ways of building a string from n pieces, for n = 10 000, 100 000 and 1 000 000 (use
# `timeit` with `number=5`): `s += piece` in a loop, `"".join(list_of_pieces)`, and your
# `StringBuilder`. Then repeat the `+=` version while also keeping every intermediate string in a
# list (`history.append(s)`), which defeats CPython's in-place trick. Paste a table of the
# timings and explain in two sentences what grows linearly and what does not.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: a table with the three methods (plus the `history` variant) at three sizes, measured
#   with `timeit`.
# - 1 point: the explanation says `join`/builder grow linearly, that plain `+=` may look linear in
#   CPython thanks to an in-place optimisation, and that the `history` variant shows the
#   quadratic copying once the string is shared.

# %% [markdown] course={"kind": "exercise", "id": "log-parser", "item": "project-4-5-1"}
# ### Mini-project: Log Parser
#
# Services in a fleet log in two formats, often into the same file:
#
# - **plain**: `2024-05-01T12:00:03Z ERROR payment.api: card declined user=ana amount="12.50 EUR"`:
#   ISO timestamp (ending in `Z` or an offset like `+02:00`, optional fraction of a second), level,
#   logger and `:`, then the message. Every `key=value` in the message (value bare, or in double
#   quotes) is **metadata**; the message itself is kept unchanged.
# - **JSON lines**: `{"ts": "2024-05-01T12:00:04Z", "level": "info", "logger": "etl", "msg": "done", "rows": 1200}`:
#   the four fields `ts`, `level`, `logger`, `msg` are required; every other field is metadata.
#   A logger or message that is not a string in the JSON (`"logger": 7`) goes through `str()`.
#
# Write **`parse_logs(lines)`** (`lines`: any iterable of strings, an open file included) returning
# `{"records": [...], "skipped": n}`. Each record is
# `{"timestamp", "level", "logger", "message", "metadata"}` with the timestamp as a
# timezone-aware `datetime`, the level upper-case (one of `DEBUG INFO WARNING ERROR CRITICAL`;
# `WARN` is `WARNING`). A timestamp without a time zone does not parse, in either format. Blank
# lines are ignored; any other line that does not parse is counted in `skipped`.
#
# Write **`log_stats(records)`** returning
# `{"total", "by_level", "errors", "top_loggers", "first", "last"}`: `by_level` maps each level
# present to its count; `errors` counts `ERROR` and `CRITICAL`; `top_loggers` lists the three
# busiest loggers as `(logger, count)`, ties by name; `first` / `last` are the earliest and
# latest timestamps (`None` when there are no records).

# %% [markdown] course={"kind": "hint"}
# Decide the format by the first character: `{` means JSON (`json.loads` inside `try`). For the
# plain format one regex with named groups gives timestamp, level, logger and message;
# `datetime.fromisoformat` reads the timestamp once you replace a final `Z` by `+00:00`.

# %% [markdown] course={"kind": "hint"}
# Metadata: `re.finditer(r'(\w+)=("([^"]*)"|\S+)', message)`; use group 3 when the value was
# quoted, else group 2. For the stats, a `Counter` of levels and one of loggers, then sort the
# logger items by `(-count, name)`.

# %% course={"kind": "solution", "equivalent": {"m-ec3a0073": "a stripped line that starts with '{' and that json.loads accepts is always an object, so this raise is never reached"}}
import json
import re
from collections import Counter
from datetime import datetime

### BEGIN SOLUTION
_PLAIN = re.compile(
    r"(?P<ts>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d))\s+"
    r"(?P<level>[A-Za-z]+)\s+(?P<logger>[\w.-]+):\s*(?P<message>.*)"
)
_PAIR = re.compile(r'(\w+)=("([^"]*)"|\S+)')
_LEVELS = {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}


def _level(raw):
    level = str(raw).upper()
    level = "WARNING" if level == "WARN" else level
    if level not in _LEVELS:
        raise ValueError(f"unknown level {raw!r}")
    return level


def _timestamp(raw):
    stamp = datetime.fromisoformat(raw[:-1] + "+00:00" if raw.endswith("Z") else raw)
    if stamp.tzinfo is None:
        raise ValueError("timestamps need a time zone")
    return stamp


def _parse_line(line):
    if line.startswith("{"):
        data = json.loads(line)
        if not isinstance(data, dict):
            raise ValueError("not an object")
        meta = {k: v for k, v in data.items() if k not in ("ts", "level", "logger", "msg")}
        return {"timestamp": _timestamp(data["ts"]), "level": _level(data["level"]),
                "logger": str(data["logger"]), "message": str(data["msg"]), "metadata": meta}
    m = _PLAIN.fullmatch(line)
    if m is None:
        raise ValueError("unknown format")
    message = m.group("message")
    meta = {p.group(1): p.group(3) if p.group(3) is not None else p.group(2) for p in _PAIR.finditer(message)}
    return {"timestamp": _timestamp(m.group("ts")), "level": _level(m.group("level")),
            "logger": m.group("logger"), "message": message, "metadata": meta}
### END SOLUTION


def parse_logs(lines) -> dict:
    """Parse plain and JSON log lines; count the lines that do not parse."""
    ### BEGIN SOLUTION
    records, skipped = [], 0
    for line in lines:
        line = line.strip()
        if not line:
            continue
        try:
            records.append(_parse_line(line))
        except (ValueError, KeyError, TypeError):
            skipped += 1
    return {"records": records, "skipped": skipped}
    ### END SOLUTION


def log_stats(records: list[dict]) -> dict:
    """Totals, counts per level, error count, busiest loggers, first and last timestamps."""
    ### BEGIN SOLUTION
    levels = Counter(r["level"] for r in records)
    loggers = Counter(r["logger"] for r in records)
    stamps = [r["timestamp"] for r in records]
    return {
        "total": len(records),
        "by_level": dict(levels),
        "errors": levels["ERROR"] + levels["CRITICAL"],
        "top_loggers": sorted(loggers.items(), key=lambda item: (-item[1], item[0]))[:3],
        "first": min(stamps) if stamps else None,
        "last": max(stamps) if stamps else None,
    }
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
from datetime import datetime, timezone

out = parse_logs(["2024-05-01T12:00:03Z ERROR payment.api: card declined user=ana amount=\"12.50 EUR\" retry=2\n"])
assert out["skipped"] == 0 and len(out["records"]) == 1, f"one good line: got {out}"
rec = out["records"][0]
assert rec["timestamp"] == datetime(2024, 5, 1, 12, 0, 3, tzinfo=timezone.utc), f"timestamp: {rec['timestamp']!r}"
assert (rec["level"], rec["logger"]) == ("ERROR", "payment.api"), 'level and logger'
assert rec["message"] == "card declined user=ana amount=\"12.50 EUR\" retry=2", "the message is kept as written"
assert rec["metadata"] == {"user": "ana", "amount": "12.50 EUR", "retry": "2"}, f"metadata: got {rec['metadata']}"

# %% course={"kind": "test", "points": 2}
from datetime import datetime, timezone

line = '{"ts": "2024-05-01T14:00:04.250+02:00", "level": "warn", "logger": "etl", "msg": "slow", "rows": 1200, "tags": ["a"]}'
out = parse_logs([line])
assert out["skipped"] == 0, "a JSON line must parse"
rec = out["records"][0]
assert rec["timestamp"] == datetime(2024, 5, 1, 12, 0, 4, 250000, tzinfo=timezone.utc), "+02:00 is two hours ahead of UTC"
assert rec["level"] == "WARNING" and rec["message"] == "slow" and rec["logger"] == "etl", 'level normalised, msg and logger copied'
assert rec["metadata"] == {"rows": 1200, "tags": ["a"]}, f"extra JSON fields are metadata, types kept: got {rec['metadata']}"

# %% course={"kind": "test", "points": 1}
lines = ["", "   ", "garbage", '{"ts": "2024-05-01T12:00:00Z", "level": "info"}', "{not json",
         "2024-05-01T12:00:00Z SHOUT api: x", "2024-05-01T12:00:00 INFO api: no zone", "2024-05-01T12:00:00Z INFO api: fine"]
out = parse_logs(lines)
assert len(out["records"]) == 1 and out["skipped"] == 5, f"blank lines ignored, 5 bad lines skipped: got {len(out['records'])} records, {out['skipped']} skipped"
### BEGIN HIDDEN TESTS
assert parse_logs([]) == {"records": [], "skipped": 0}, 'no lines'
assert parse_logs(["[1, 2]"])["skipped"] == 1, "a JSON value that is not an object is skipped"
odd = ['{"ts": "2024-05-01T12:00:00", "level": "info", "logger": "a", "msg": "b"}',
       '{"ts": "2024-05-01T12:00:00Z", "level": 5, "logger": "a", "msg": "b"}',
       '{"ts": "2024-05-01T12:00:00Z", "level": "info", "logger": 7, "msg": 404}']
out = parse_logs(odd)
assert out["skipped"] == 2, f"a JSON time without a zone, or a level that is not a word, is skipped: {out['skipped']} skipped"
assert (out["records"][0]["logger"], out["records"][0]["message"]) == ("7", "404"), "logger and message become strings"
assert parse_logs(["2024-05-01T12:00:00Z info api: note=café"])["records"][0]["metadata"] == {"note": "café"}, 'unicode metadata values'
rec = parse_logs(iter(["2024-05-01T14:00:00.5+02:00 CRITICAL db: down"]))["records"][0]
assert rec["timestamp"] == datetime(2024, 5, 1, 12, 0, 0, 500000, tzinfo=timezone.utc) and rec["metadata"] == {}, "plain lines take offsets and fractions too; lines may come from any iterable (a file)"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
from datetime import datetime, timezone

lines = ["2024-05-01T12:00:05Z ERROR api: a", "2024-05-01T12:00:01Z INFO db: b", '{"ts": "2024-05-01T12:00:09Z", "level": "critical", "logger": "api", "msg": "c"}',
         "2024-05-01T12:00:02Z INFO web: d", "2024-05-01T12:00:03Z INFO db: e", "2024-05-01T12:00:04Z DEBUG cache: f"]
stats = log_stats(parse_logs(lines)["records"])
assert stats["total"] == 6 and stats["errors"] == 2, f"6 records, ERROR + CRITICAL = 2: got {stats['total']}, {stats['errors']}"
assert stats["by_level"] == {"ERROR": 1, "INFO": 3, "CRITICAL": 1, "DEBUG": 1}, f"by_level: {stats['by_level']}"
assert stats["top_loggers"] == [("api", 2), ("db", 2), ("cache", 1)], f"busiest three, ties by name: {stats['top_loggers']}"
assert stats["first"] == datetime(2024, 5, 1, 12, 0, 1, tzinfo=timezone.utc) and stats["last"] == datetime(2024, 5, 1, 12, 0, 9, tzinfo=timezone.utc), "first and last are the earliest and latest timestamps, whatever the line order"
### BEGIN HIDDEN TESTS
empty = log_stats([])
assert empty == {"total": 0, "by_level": {}, "errors": 0, "top_loggers": [], "first": None, "last": None}, f"no records: {empty}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "split-metadata", "fails": ["t1", "t3"]}
import json
import re
from collections import Counter
from datetime import datetime

_PLAIN = re.compile(r"(\S+)\s+([A-Za-z]+)\s+([\w.-]+):\s*(.*)")
_LEVELS = {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}


def _level(raw):
    level = str(raw).upper()
    level = "WARNING" if level == "WARN" else level
    if level not in _LEVELS:
        raise ValueError(raw)
    return level


def _timestamp(raw):
    stamp = datetime.fromisoformat(raw[:-1] + "+00:00" if raw.endswith("Z") else raw)
    if stamp.tzinfo is None:
        raise ValueError("no zone")
    return stamp


def parse_logs(lines):
    records, skipped = [], 0
    for line in lines:
        line = line.strip()
        if not line:
            continue
        try:
            if line.startswith("{"):
                d = json.loads(line)
                if not isinstance(d, dict):
                    raise ValueError("not an object")
                meta = {k: v for k, v in d.items() if k not in ("ts", "level", "logger", "msg")}
                records.append({"timestamp": _timestamp(d["ts"]), "level": _level(d["level"]), "logger": d["logger"], "message": d["msg"], "metadata": meta})
                continue
            m = _PLAIN.fullmatch(line)
            if not m:
                raise ValueError(line)
            meta = dict(word.split("=", 1) for word in m.group(4).split() if "=" in word)
            records.append({"timestamp": _timestamp(m.group(1)), "level": _level(m.group(2)), "logger": m.group(3), "message": m.group(4), "metadata": meta})
        except (ValueError, KeyError, TypeError):
            skipped += 1
    return {"records": records, "skipped": skipped}


def log_stats(records):
    levels = Counter(r["level"] for r in records)
    loggers = Counter(r["logger"] for r in records)
    stamps = [r["timestamp"] for r in records]
    return {"total": len(records), "by_level": dict(levels), "errors": levels["ERROR"] + levels["CRITICAL"],
            "top_loggers": sorted(loggers.items(), key=lambda i: (-i[1], i[0]))[:3],
            "first": min(stamps) if stamps else None, "last": max(stamps) if stamps else None}

# %% course={"kind": "wrong", "id": "plain-only", "fails": ["t2", "t3", "t4"]}
import re
from collections import Counter
from datetime import datetime

_PLAIN = re.compile(r"(\S+)\s+([A-Za-z]+)\s+([\w.-]+):\s*(.*)")
_PAIR = re.compile(r'(\w+)=("([^"]*)"|\S+)')


def parse_logs(lines):
    records, skipped = [], 0
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = _PLAIN.fullmatch(line)
        try:
            if not m:
                raise ValueError(line)
            raw = m.group(1)
            stamp = datetime.fromisoformat(raw[:-1] + "+00:00" if raw.endswith("Z") else raw)
            level = m.group(2).upper()
            level = "WARNING" if level == "WARN" else level
            if stamp.tzinfo is None or level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
                raise ValueError(line)
        except ValueError:
            skipped += 1
            continue
        meta = {p.group(1): p.group(3) if p.group(3) is not None else p.group(2) for p in _PAIR.finditer(m.group(4))}
        records.append({"timestamp": stamp, "level": level, "logger": m.group(3), "message": m.group(4), "metadata": meta})
    return {"records": records, "skipped": skipped}


def log_stats(records):
    levels = Counter(r["level"] for r in records)
    loggers = Counter(r["logger"] for r in records)
    stamps = [r["timestamp"] for r in records]
    return {"total": len(records), "by_level": dict(levels), "errors": levels["ERROR"] + levels["CRITICAL"],
            "top_loggers": sorted(loggers.items(), key=lambda i: (-i[1], i[0]))[:3],
            "first": min(stamps) if stamps else None, "last": max(stamps) if stamps else None}

# %% [markdown] course={"kind": "task", "id": "log-parser-real-logs", "item": "project-4-5-1", "points": 3}
# ### Run the parser on real logs
#
# Collect at least 200 lines of real logs: for example `journalctl -n 300 --output=short-iso`,
# an nginx or Apache access log, `docker logs` of a container, or the JSON logs of a service you
# run. Add a third format to `parse_logs` for them (a new regex or a JSON field mapping), run it,
# and print `log_stats`. Paste the regex or mapping you added, the `skipped` count and the stats,
# and explain the lines that were skipped.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: a real log source of 200+ lines, with the new format's regex or mapping shown.
# - 1 point: stats printed from the real data, with a plausible `skipped` count.
# - 1 point: the skipped lines are explained (multi-line stack traces, a different format, a
#   missing time zone...) with at least one example.

# %% [markdown] course={"kind": "exercise", "id": "template-engine", "item": "project-4-5-2"}
# ### Mini-project: Template Engine
#
# Write `render(template, context)`, a small Jinja-like engine:
#
# | syntax | meaning |
# |---|---|
# | `{{ name }}` | the value of `name`, through `str()`; dotted names reach into dicts (or attributes) |
# | `{% if name %}...{% endif %}` | the block only when `name` is truthy; a missing name counts as false |
# | `{% if not name %}` | the opposite |
# | `{% else %}` | optional, inside an `if` |
# | `{% for x in items %}...{% endfor %}` | the block once per item, with `x` bound to it (and the outer names still visible) |
#
# Blocks nest to any depth; spaces inside the braces are optional (`{%if a%}`). A missing name
# inside `{{ }}`, or after `in` in a `for`, raises `KeyError` with the name as written. Text that
# is not a whole tag (`{"a": {"b": 1}}`, `{50%}`) is plain text. A broken template raises
# `ValueError`: an unknown tag or one with the wrong number of words (`{% if a b %}`), a `{{ }}`
# that does not hold exactly one name, `endfor` without `for`, an `if` never closed, `else`
# outside an `if`.
#
# ```python
# render("{% for s in services %}{{ s.name }}{% if s.up %} ok{% else %} DOWN{% endif %};{% endfor %}",
#        {"services": [{"name": "api", "up": True}, {"name": "db", "up": False}]})
# # 'api ok;db DOWN;'
# ```

# %% [markdown] course={"kind": "hint"}
# First **parse**, then **render**. `re.split(r"({{.*?}}|{%.*?%})", template)` gives a list that
# alternates text and tags. Build a tree with a stack: an `if` or `for` tag pushes a new node and
# makes its body the current list; `else` switches to the node's else list; `endif`/`endfor` pop
# (checking the kind).

# %% [markdown] course={"kind": "hint"}
# Render the tree recursively with a list of scopes (dicts): a `for` renders its body once per
# item with `[*scopes, {var: item}]`; a name is looked up from the innermost scope outwards, then
# each further dotted part with `d[part]` for dicts or `getattr` otherwise.

# %% course={"kind": "solution", "equivalent": {"m-5d7bd4c1": "once value is _MISSING it stays so: continue skips every remaining part just as break does"}}
import re

### BEGIN SOLUTION
_TAG = re.compile(r"({{.*?}}|{%.*?%})", re.DOTALL)
_NAME = re.compile(r"[A-Za-z_]\w*(?:\.\w+)*")
_MISSING = object()


def _parse(template):
    root = {"kind": "root", "body": []}
    stack = [(root, root["body"])]
    for piece in _TAG.split(template):
        if piece.startswith("{{") and piece.endswith("}}"):
            name = piece[2:-2].strip()
            if not _NAME.fullmatch(name):
                raise ValueError(f"bad variable {piece!r}")
            stack[-1][1].append(("var", name))
        elif piece.startswith("{%") and piece.endswith("%}"):
            words = piece[2:-2].split()
            if len(words) == 2 and words[0] == "if" or len(words) == 3 and words[:2] == ["if", "not"]:
                node = {"kind": "if", "name": words[-1], "negate": len(words) == 3, "then": [], "else": None}
                stack[-1][1].append(node)
                stack.append((node, node["then"]))
            elif words == ["else"] and stack[-1][0]["kind"] == "if" and stack[-1][0]["else"] is None:
                node = stack.pop()[0]
                node["else"] = []
                stack.append((node, node["else"]))
            elif len(words) == 4 and words[0] == "for" and words[2] == "in":
                node = {"kind": "for", "var": words[1], "name": words[3], "body": []}
                stack[-1][1].append(node)
                stack.append((node, node["body"]))
            elif words in (["endif"], ["endfor"]) and stack[-1][0]["kind"] == words[0][3:]:
                stack.pop()
            else:
                raise ValueError(f"unexpected tag {piece!r}")
        elif piece:
            stack[-1][1].append(piece)
    if len(stack) != 1:
        raise ValueError(f"unclosed {stack[-1][0]['kind']!r} block")
    return root["body"]


def _lookup(name, scopes):
    first, *rest = name.split(".")
    value = next((scope[first] for scope in reversed(scopes) if first in scope), _MISSING)
    for part in rest:
        if value is _MISSING:
            break
        if isinstance(value, dict):
            value = value.get(part, _MISSING)
        else:
            value = getattr(value, part, _MISSING)
    return value


def _render(nodes, scopes, out):
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, tuple):
            value = _lookup(node[1], scopes)
            if value is _MISSING:
                raise KeyError(node[1])
            out.append(str(value))
        elif node["kind"] == "if":
            value = _lookup(node["name"], scopes)
            truthy = value is not _MISSING and bool(value)
            branch = node["then"] if truthy != node["negate"] else (node["else"] or [])
            _render(branch, scopes, out)
        else:
            items = _lookup(node["name"], scopes)
            if items is _MISSING:
                raise KeyError(node["name"])
            for item in items:
                _render(node["body"], [*scopes, {node["var"]: item}], out)
### END SOLUTION


def render(template: str, context: dict) -> str:
    """Render ``{{ }}`` variables and ``{% if %}`` / ``{% for %}`` blocks."""
    ### BEGIN SOLUTION
    out: list[str] = []
    _render(_parse(template), [context], out)
    return "".join(out)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert render("Hello {{ user.name }}, {{n}} alerts", {"user": {"name": "Ana"}, "n": 3}) == "Hello Ana, 3 alerts", 'variables, dotted names, optional spaces'
assert render("no tags at all", {}) == "no tags at all", 'plain text passes through'
assert render("[{{ n }}|{{ e }}|{{ z }}]", {"n": 0, "e": "", "z": None}) == "[0||None]", "0, '' and None are values: only a missing name raises"

# %% course={"kind": "test", "points": 2}
t = "{% if prod %}PROD{% else %}dev{% endif %}|{% if not debug %}quiet{% endif %}|{% if missing %}x{% endif %}"
assert render(t, {"prod": True, "debug": False}) == "PROD|quiet|", f"got {render(t, {'prod': True, 'debug': False})!r}"
assert render(t, {"prod": 0, "debug": "yes"}) == "dev||", "truthiness, not just True/False; a missing name is false"

# %% course={"kind": "test", "points": 2}
t = "{% for h in hosts %}[{{ h }}.{{ domain }}]{% endfor %} of {{ cluster }}"
ctx = {"hosts": ["web-1", "web-2"], "domain": "eu.internal", "cluster": "eu"}
assert render(t, ctx) == "[web-1.eu.internal][web-2.eu.internal] of eu", f"the loop body sees the loop variable and the outer names: got {render(t, ctx)!r}"
assert render(t, {"hosts": [], "cluster": "eu"}) == " of eu", "an empty loop renders nothing"

# %% course={"kind": "test", "points": 2}
t = ("{% for s in services %}{{ s.name }}:{% for p in s.ports %}{{ p }}{% if p %},{% endif %}{% endfor %}"
     "{% if s.up %} ok{% else %} DOWN{% endif %};{% endfor %}")
ctx = {"services": [{"name": "api", "ports": [80, 443], "up": True}, {"name": "db", "ports": [5432], "up": False}]}
assert render(t, ctx) == "api:80,443, ok;db:5432, DOWN;", f"nested blocks: got {render(t, ctx)!r}"
### BEGIN HIDDEN TESTS
import types

obj = types.SimpleNamespace(owner=types.SimpleNamespace(team="sre"))
assert render("{{ o.owner.team }}", {"o": obj}) == "sre", "dotted names also reach attributes"
assert render("{% for x in xs %}{% for x in ys %}{{ x }}{% endfor %}{{ x }}{% endfor %}", {"xs": [1], "ys": [2]}) == "21", "inner loop variables shadow, then the outer one is back"
assert render("{{ a }}\n{% if a %}\nyes\n{% endif %}", {"a": "é"}) == "é\n\nyes\n", "text between tags is kept exactly"
assert render("{%if a%}yes{%else%}no{%endif%}|{%for x in xs%}{{x}}{%endfor%}", {"a": 1, "xs": [1, 2]}) == "yes|12", "tags without inner spaces"
assert render('{"a": {"b": 1}}', {}) == '{"a": {"b": 1}}' and render("at {50%}", {}) == "at {50%}", "text that only looks like a tag's end is plain text"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for template, name in [("{{ nope }}", "nope"), ("{% for x in nope %}{% endfor %}", "nope"), ("{{ user.name }}", "user.name"), ("{{ gone.__doc__ }}", "gone.__doc__")]:
    try:
        render(template, {"user": {}})
    except KeyError as err:
        assert err.args == (name,), f"{template!r}: the KeyError should carry {name!r}, got {err!r}"
    else:
        raise AssertionError(f"{template!r}: a missing name must raise KeyError")
for broken in ["{% if a %}x", "x{% endfor %}", "{% for x in xs %}{% endif %}", "{% while a %}{% endwhile %}", "{% else %}",
               "{% if a %}1{% else %}2{% else %}3{% endif %}", "{% unless a %}x{% endif %}", "{% if a b %}x{% endif %}",
               "{{ a b }}", "{{ }}"]:
    try:
        render(broken, {"a": True, "xs": []})
    except ValueError:
        pass
    else:
        raise AssertionError(f"{broken!r} is broken and must raise ValueError")

# %% course={"kind": "wrong", "id": "regex-blocks", "fails": ["t4", "t5"]}
import re


def _value(name, ctx):
    value = ctx
    for part in name.split("."):
        value = value[part] if isinstance(value, dict) else getattr(value, part)
    return value


def render(template, context):
    def for_block(m):
        return "".join(render(m.group(3), {**context, m.group(1): item}) for item in _value(m.group(2), context))

    def if_block(m):
        try:
            value = bool(_value(m.group(2), context))
        except (KeyError, AttributeError):
            value = False
        if m.group(1):
            value = not value
        return m.group(3) if value else (m.group(4) or "")

    template = re.sub(r"{%\s*for (\w+) in ([\w.]+)\s*%}(.*?){%\s*endfor\s*%}", for_block, template, flags=re.S)
    template = re.sub(r"{%\s*if (not )?([\w.]+)\s*%}(.*?)(?:{%\s*else\s*%}(.*?))?{%\s*endif\s*%}", if_block, template, flags=re.S)
    if "{%" in template:
        raise ValueError("broken template")
    return re.sub(r"{{\s*([\w.]+)\s*}}", lambda m: str(_value(m.group(1), context)), template)

# %% course={"kind": "wrong", "id": "no-scopes", "fails": ["t3", "t4", "t5"]}
import re

_TAG = re.compile(r"({{.*?}}|{%.*?%})", re.DOTALL)


def _parse(template):
    root = {"kind": "root", "body": []}
    stack = [(root, root["body"])]
    for piece in _TAG.split(template):
        if piece.startswith("{{"):
            stack[-1][1].append(("var", piece[2:-2].strip()))
        elif piece.startswith("{%"):
            words = piece[2:-2].split()
            if words[:1] == ["if"] and len(words) in (2, 3):
                node = {"kind": "if", "name": words[-1], "negate": len(words) == 3, "then": [], "else": None}
                stack[-1][1].append(node)
                stack.append((node, node["then"]))
            elif words == ["else"] and stack[-1][0]["kind"] == "if" and stack[-1][0]["else"] is None:
                node = stack.pop()[0]
                node["else"] = []
                stack.append((node, node["else"]))
            elif len(words) == 4 and words[0] == "for":
                node = {"kind": "for", "var": words[1], "name": words[3], "body": []}
                stack[-1][1].append(node)
                stack.append((node, node["body"]))
            elif words in (["endif"], ["endfor"]) and stack[-1][0]["kind"] == words[0][3:]:
                stack.pop()
            else:
                raise ValueError(piece)
        elif piece:
            stack[-1][1].append(piece)
    if len(stack) != 1:
        raise ValueError("unclosed")
    return root["body"]


def _get(name, ctx):
    value = ctx
    for part in name.split("."):
        value = value[part] if isinstance(value, dict) else getattr(value, part)
    return value


def _render(nodes, ctx, out):
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, tuple):
            out.append(str(_get(node[1], ctx)))
        elif node["kind"] == "if":
            try:
                truthy = bool(_get(node["name"], ctx))
            except (KeyError, AttributeError):
                truthy = False
            _render(node["then"] if truthy != node["negate"] else (node["else"] or []), ctx, out)
        else:
            for item in _get(node["name"], ctx):
                _render(node["body"], {node["var"]: item}, out)  # only the loop variable is visible inside


def render(template, context):
    out = []
    _render(_parse(template), dict(context), out)
    return "".join(out)

# %% [markdown] course={"kind": "exercise", "id": "char-classes", "item": "dsa-string-validators"}
# ### Problem: What kinds of characters are in there? (after HackerRank's *String Validators*)
#
# Write `char_classes(text)` returning a dict of five booleans telling whether `text` contains
# **at least one** character that is alphanumeric, alphabetic, a digit, lower-case and
# upper-case (in that order, keys `"alnum"`, `"alpha"`, `"digit"`, `"lower"`, `"upper"`), as
# judged by the `str` methods of the same names on each single character.
#
# ```python
# char_classes("build#42")
# # {'alnum': True, 'alpha': True, 'digit': True, 'lower': True, 'upper': False}
# ```

# %% [markdown] course={"kind": "hint"}
# `"build#42".isalnum()` asks about **every** character, so it is `False` here. Ask per character:
# `any(ch.isalnum() for ch in text)`.

# %% course={"kind": "solution"}
def char_classes(text: str) -> dict[str, bool]:
    """Whether ``text`` has at least one alnum, alpha, digit, lower and upper character."""
    ### BEGIN SOLUTION
    checks = {"alnum": str.isalnum, "alpha": str.isalpha, "digit": str.isdigit, "lower": str.islower, "upper": str.isupper}
    return {name: any(check(ch) for ch in text) for name, check in checks.items()}
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = char_classes("build#42")
assert result == {"alnum": True, "alpha": True, "digit": True, "lower": True, "upper": False}, f"got {result}"
assert list(result) == ["alnum", "alpha", "digit", "lower", "upper"], "keys in this order"
assert all(type(value) is bool for value in result.values()), f"the values must be True or False themselves: got {result}"

# %% course={"kind": "test", "points": 2}
assert char_classes("#!?") == dict.fromkeys(["alnum", "alpha", "digit", "lower", "upper"], False), "no character qualifies"
assert char_classes("v2-RC") == {"alnum": True, "alpha": True, "digit": True, "lower": True, "upper": True}, 'every class appears somewhere'
### BEGIN HIDDEN TESTS
assert char_classes("") == dict.fromkeys(["alnum", "alpha", "digit", "lower", "upper"], False), "empty text"
assert char_classes("Ñ²") == {"alnum": True, "alpha": True, "digit": True, "lower": False, "upper": True}, "unicode letters and digits"
assert char_classes("123") == {"alnum": True, "alpha": False, "digit": True, "lower": False, "upper": False}, 'digits are alnum but not alpha'
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "whole-string", "fails": ["t1", "t2"]}
def char_classes(text):
    return {"alnum": text.isalnum(), "alpha": text.isalpha(), "digit": text.isdigit(),
            "lower": text.islower(), "upper": text.isupper()}

# %% course={"kind": "wrong", "id": "ascii-only", "fails": ["t2"]}
import string


def char_classes(text):
    return {
        "alnum": any(ch in string.ascii_letters + string.digits for ch in text),
        "alpha": any(ch in string.ascii_letters for ch in text),
        "digit": any(ch in string.digits for ch in text),
        "lower": any(ch in string.ascii_lowercase for ch in text),
        "upper": any(ch in string.ascii_uppercase for ch in text),
    }

# %% [markdown] course={"kind": "exercise", "id": "hard-wrap", "item": "dsa-text-wrap"}
# ### Problem: Hard-wrap a line (after HackerRank's *Text Wrap*)
#
# Some terminals and fixed-width report formats cut text at an exact column. Write
# `hard_wrap(text, width)` that cuts `text` into pieces of exactly `width` characters (the last
# piece may be shorter) and joins them with `"\n"`. Spaces are ordinary characters: they are
# kept, not used as break points. A `width` below 1 raises `ValueError`.
#
# ```python
# hard_wrap("ABCDEFGHIJ", 4)   # 'ABCD\nEFGH\nIJ'
# ```

# %% [markdown] course={"kind": "hint"}
# `range(0, len(text), width)` gives the start of each piece; slice `text[i:i + width]`.

# %% [markdown] course={"kind": "hint"}
# `textwrap.fill` breaks at spaces and drops them, which is a different job.

# %% course={"kind": "solution", "equivalent": {"m-c1037fc5": "with width 0, range(0, len(text), 0) raises ValueError itself"}}
def hard_wrap(text: str, width: int) -> str:
    """``text`` cut every ``width`` characters, pieces joined by newlines."""
    ### BEGIN SOLUTION
    if width < 1:
        raise ValueError("width must be at least 1")
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert hard_wrap("ABCDEFGHIJ", 4) == "ABCD\nEFGH\nIJ", f"got {hard_wrap('ABCDEFGHIJ', 4)!r}"
assert hard_wrap("ABCDEFGH", 4) == "ABCD\nEFGH", "no empty last line when the length divides evenly"

# %% course={"kind": "test", "points": 2}
assert hard_wrap("ab cd ef", 3) == "ab \ncd \nef", "spaces are kept where they fall"
assert hard_wrap("short", 10) == "short", "text shorter than width"
for width in (0, -3):
    try:
        hard_wrap("x", width)
    except ValueError:
        pass
    else:
        raise AssertionError(f"width {width} must raise ValueError")
### BEGIN HIDDEN TESTS
assert hard_wrap("", 5) == "", "empty text"
assert hard_wrap("ñandú🚀", 2) == "ña\nnd\nú🚀", "unicode counts code points"
assert hard_wrap("abc", 1) == "a\nb\nc", 'width 1: one character per line'
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "textwrap-fill", "fails": ["t2"]}
import textwrap


def hard_wrap(text, width):
    return textwrap.fill(text, width)

# %% course={"kind": "wrong", "id": "only-zero-rejected", "fails": ["t2"]}
def hard_wrap(text, width):
    if width == 0:
        raise ValueError("width must not be 0")
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))

# %% course={"kind": "wrong", "id": "trailing-newline", "fails": ["t1", "t2"]}
def hard_wrap(text, width):
    if width < 1:
        raise ValueError("width")
    out = ""
    for i in range(0, len(text), width):
        out += text[i:i + width] + "\n"
    return out

# %% [markdown] course={"kind": "exercise", "id": "reverse-in-place", "item": "dsa-reverse-string"}
# ### Problem: Reverse in place (after LeetCode's *Reverse String*)
#
# `chars` is a list of one-character strings. Write `reverse_in_place(chars)` that reverses the
# **list itself** (the caller's list changes) and returns `None`, in O(n) time and O(1) extra
# memory: swap the two ends and walk two pointers towards the middle.
#
# ```python
# letters = list("deploy")
# reverse_in_place(letters)
# letters   # ['y', 'o', 'l', 'p', 'e', 'd']
# ```
#
# Two tests check the costs: one counts reads, writes and shifts (inserting at the front of a
# list moves every item: O(n²)), the other measures memory (a reversed copy of a big list is not
# O(1) extra).

# %% [markdown] course={"kind": "hint"}
# `left, right = 0, len(chars) - 1`; while `left < right`, swap with
# `chars[left], chars[right] = chars[right], chars[left]` and move both pointers.

# %% [markdown] course={"kind": "hint"}
# `chars = chars[::-1]` only rebinds your local name: the caller's list stays as it was.

# %% course={"kind": "solution", "equivalent": {"m-c20586d6": "when left == right the middle item is swapped with itself, which changes nothing"}}
def reverse_in_place(chars: list[str]) -> None:
    """Reverse ``chars`` in place with two pointers."""
    ### BEGIN SOLUTION
    left, right = 0, len(chars) - 1
    while left < right:
        chars[left], chars[right] = chars[right], chars[left]
        left += 1
        right -= 1
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
letters = list("deploy")
result = reverse_in_place(letters)
assert letters == list("yolped"), f"the caller's list must be reversed: it is {letters}"
assert result is None, "change the list; return None"

# %% course={"kind": "test", "points": 1}
for word in ["", "a", "ab", "abc", "ñ🚀x"]:
    chars = list(word)
    result = reverse_in_place(chars)
    assert chars == list(word[::-1]), f"{word!r}: got {chars}"
    assert result is None, f"{word!r}: return None for every length, got {result!r}"
### BEGIN HIDDEN TESTS
same = list("aaaa")
alias = same
reverse_in_place(same)
assert alias is same and same == list("aaaa"), "a list of equal items"
longer = list("abcdefghij" * 3)
reverse_in_place(longer)
assert longer == list(("abcdefghij" * 3)[::-1]), "longer lists, even length"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
n = 2000
meter = Meter(limit=5 * n)
chars = metered_list_type(meter)("ab" * (n // 2))
reverse_in_place(chars)
assert list.__getitem__(chars, slice(None)) == list("ba" * (n // 2)), 'the metered list must end up reversed'
print(f"{meter.count} reads, writes and shifts for {n} characters")

# %% course={"kind": "test", "points": 1}
import tracemalloc

big = ["x", "y"] * 15_000
tracemalloc.start()
try:
    reverse_in_place(big)
    _, peak = tracemalloc.get_traced_memory()
finally:
    tracemalloc.stop()
assert big[:2] == ["y", "x"], "the big list is reversed too"
assert peak < 50_000, f"{peak:,} bytes of extra memory for a list of 30,000 items: reverse in place, without a copy"

# %% course={"kind": "wrong", "id": "rebinds", "fails": ["t1", "t2", "t3", "t4"]}
def reverse_in_place(chars):
    chars = chars[::-1]

# %% course={"kind": "wrong", "id": "returns-short-lists", "fails": ["t2"]}
def reverse_in_place(chars):
    if len(chars) < 2:
        return chars  # nothing to swap, so hand the list back
    left, right = 0, len(chars) - 1
    while left < right:
        chars[left], chars[right] = chars[right], chars[left]
        left, right = left + 1, right - 1

# %% course={"kind": "wrong", "id": "insert-front", "fails": ["t3"]}
def reverse_in_place(chars):
    for i in range(len(chars)):
        chars.insert(i, chars.pop())

# %% course={"kind": "wrong", "id": "slice-copy", "fails": ["t4"]}
def reverse_in_place(chars):
    chars[:] = chars[::-1]

# %% [markdown] course={"kind": "exercise", "id": "clean-palindrome", "item": "dsa-valid-palindrome"}
# ### Problem: Palindrome after cleaning (after LeetCode's *Valid Palindrome*)
#
# Write `is_clean_palindrome(text)`: keep only the characters for which `str.isalnum()` is true,
# compare them **case-insensitively** (with `casefold()`), and say whether they read the same
# forwards and backwards. Text with nothing left after cleaning counts as a palindrome.
#
# ```python
# is_clean_palindrome("Step on no pets!")   # True
# is_clean_palindrome("deploy")             # False
# ```
#
# Aim for O(n). The last test counts character reads and copies on 4000 characters: trimming
# the string with repeated slices (`text[1:-1]`) copies it again on every step and fails.

# %% [markdown] course={"kind": "hint"}
# `cleaned = [ch.casefold() for ch in text if ch.isalnum()]`, then compare with `cleaned[::-1]`.
# Or walk two indices towards each other, skipping characters that are not alphanumeric.

# %% course={"kind": "solution"}
def is_clean_palindrome(text: str) -> bool:
    """Whether the alphanumeric characters of ``text`` form a palindrome, ignoring case."""
    ### BEGIN SOLUTION
    cleaned = "".join(ch for ch in text if ch.isalnum()).casefold()
    return cleaned == cleaned[::-1]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert is_clean_palindrome("Step on no pets!") is True, "'steponnopets' reads the same both ways"
assert is_clean_palindrome("Was it a rat I saw?") is True, 'case and punctuation are ignored'
assert is_clean_palindrome("deploy") is False, "'deploy' reversed is 'yolped'"

# %% course={"kind": "test", "points": 1}
assert is_clean_palindrome("") is True and is_clean_palindrome(".,!") is True, "nothing left: a palindrome"
assert is_clean_palindrome("0P") is False, "digits count and are not letters: '0p' is not a palindrome"
### BEGIN HIDDEN TESTS
assert is_clean_palindrome("Ésope reste ici et se repose") is False, "é and e are different characters"
assert is_clean_palindrome("Maß sam") is True, "casefold turns ß into ss: 'masssam'"
assert is_clean_palindrome("a_b-a") is True, "underscores and hyphens are dropped"
assert is_clean_palindrome("No 'x' in Nixon") is True, 'quotes are dropped'
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
n = 4000
meter = Meter(limit=20 * n)
Text = metered_str_type(meter)
half = "".join("ab, c"[i % 5] for i in range(n // 2))
assert is_clean_palindrome(Text(half + half[::-1])) is True, 'a long palindrome'
print(f"{meter.count} basic operations for {n} characters")

# %% course={"kind": "wrong", "id": "lower-not-casefold", "fails": ["t2"]}
def is_clean_palindrome(text):
    cleaned = [ch.lower() for ch in text if ch.isalpha()]
    return cleaned == cleaned[::-1]

# %% course={"kind": "wrong", "id": "lower-only", "fails": ["t2"]}
def is_clean_palindrome(text):
    cleaned = "".join(ch for ch in text if ch.isalnum()).lower()
    return cleaned == cleaned[::-1]

# %% course={"kind": "wrong", "id": "slice-trim", "fails": ["t2", "t3"]}
def is_clean_palindrome(text):
    while len(text) > 1:
        if not text[0].isalnum():
            text = text[1:]
        elif not text[-1].isalnum():
            text = text[:-1]
        elif text[0].casefold() != text[-1].casefold():
            return False
        else:
            text = text[1:-1]
    return True

# %% [markdown] course={"kind": "exercise", "id": "common-prefix", "item": "dsa-longest-common-prefix"}
# ### Problem: Shared prefix of resource names (after LeetCode's *Longest Common Prefix*)
#
# Write `common_prefix(names)`: the longest string that every name in the list starts with
# (`""` when they share nothing or the list is empty).
#
# ```python
# common_prefix(["web-prod-1", "web-prod-2", "web-staging"])   # 'web-'
# ```
#
# Aim for O(S), where S is the total number of characters: compare column by column and stop at
# the first mismatch. Trying longer and longer prefixes with `startswith` rescans the names for
# every length; the last test counts character reads and fails it.

# %% [markdown] course={"kind": "hint"}
# `zip(*names)` yields the first characters of all names, then the second ones, and stops at the
# shortest name. A column is shared when `len(set(column)) == 1`.

# %% course={"kind": "solution"}
def common_prefix(names: list[str]) -> str:
    """The longest prefix shared by every name."""
    ### BEGIN SOLUTION
    prefix = []
    for column in zip(*names):
        if len(set(column)) != 1:
            break
        prefix.append(column[0])
    return "".join(prefix)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert common_prefix(["web-prod-1", "web-prod-2", "web-staging"]) == "web-", "all three start with 'web-'"
assert common_prefix(["api", "db"]) == "", "nothing shared"

# %% course={"kind": "test", "points": 2}
assert common_prefix([]) == "", "no names"
assert common_prefix(["solo"]) == "solo", "one name is its own prefix"
assert common_prefix(["web-prod", "web", "web-dev"]) == "web", "a whole name can be the prefix"
assert common_prefix(["ab", "ab", "ac"]) == "a", "every name counts, not just the first two"
### BEGIN HIDDEN TESTS
assert common_prefix(["", "abc"]) == "", 'an empty name shares nothing'
assert common_prefix(["ñandú-1", "ñandú-2"]) == "ñandú-", 'unicode prefixes'
assert common_prefix(["Web", "web"]) == "", "case-sensitive"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
meter = Meter()
Text = metered_str_type(meter)
names = [Text("x" * 500 + f"-{i:02d}") for i in range(20)]
total = sum(len(name) for name in names)
meter.limit = 10 * total
assert common_prefix(names) == "x" * 500 + "-", 'the 20 long names share 501 characters'
print(f"{meter.count} basic operations for {total} characters")

# %% course={"kind": "wrong", "id": "grow-and-rescan", "fails": ["t3"]}
def common_prefix(names):
    if not names:
        return ""
    best = ""
    for length in range(1, len(names[0]) + 1):
        candidate = names[0][:length]
        if all(name.startswith(candidate) for name in names):
            best = candidate
        else:
            break
    return best

# %% course={"kind": "wrong", "id": "first-two", "fails": ["t1", "t2", "t3"]}
def common_prefix(names):
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    prefix = []
    for a, b in zip(names[0], names[1]):
        if a != b:
            break
        prefix.append(a)
    return "".join(prefix)

# %% [markdown] course={"kind": "exercise", "id": "leading-int", "item": "dsa-string-to-integer-atoi"}
# ### Problem: Read the leading integer (after LeetCode's *String to Integer (atoi)*)
#
# Config values such as `"  -42ms"` or `"+0099 retries"` begin with a number followed by junk.
# Write `leading_int(text)`:
#
# 1. skip leading whitespace;
# 2. read one optional sign, `+` or `-`;
# 3. read the ASCII digits `0`-`9` that follow, stopping at the first other character;
# 4. no digits read means `0`;
# 5. clamp the result to the 32-bit signed range `[-2**31, 2**31 - 1]`.
#
# ```python
# leading_int("  -42ms")        # -42
# leading_int("+0099 retries")  # 99
# leading_int("v2")             # 0
# ```
#
# Do not use `int()` on the raw text or `str.isdigit()`: both accept characters such as `²` or
# Arabic-Indic digits that are not `0`-`9`.

# %% [markdown] course={"kind": "hint"}
# Walk an index `i`: `while i < len(text) and text[i].isspace()`, then the sign, then
# `while i < len(text) and "0" <= text[i] <= "9"`, building `value = value * 10 + digit`.

# %% [markdown] course={"kind": "hint"}
# Clamp at the end with `max(-2**31, min(2**31 - 1, sign * value))`.

# %% course={"kind": "solution"}
def leading_int(text: str) -> int:
    """The integer at the start of ``text`` (after whitespace and one sign), clamped to 32 bits."""
    ### BEGIN SOLUTION
    i, n = 0, len(text)
    while i < n and text[i].isspace():
        i += 1
    sign = 1
    if i < n and text[i] in "+-":
        sign = -1 if text[i] == "-" else 1
        i += 1
    value = 0
    while i < n and "0" <= text[i] <= "9":
        value = value * 10 + (ord(text[i]) - ord("0"))
        i += 1
    return max(-(2**31), min(2**31 - 1, sign * value))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert leading_int("  -42ms") == -42, 'skip spaces, read the sign and the digits'
assert leading_int("+0099 retries") == 99, 'a + sign and leading zeros'
assert leading_int("v2") == 0, "no leading number"

# %% course={"kind": "test", "points": 2}
assert leading_int("12 34") == 12, "stop at the first non-digit"
assert leading_int("- 5") == 0 and leading_int("+-3") == 0, "a sign must be followed directly by digits"
assert leading_int("\t\n 7") == 7, "any leading whitespace"
assert leading_int("99999999999") == 2**31 - 1 and leading_int("-99999999999") == -(2**31), "clamp to 32 bits"
### BEGIN HIDDEN TESTS
assert leading_int("") == 0 and leading_int("   ") == 0 and leading_int("-") == 0, 'no digits at all means 0'
assert leading_int("²3") == 0, "'²' is not an ASCII digit"
assert leading_int("٣4") == 0, "Arabic-Indic digits are not ASCII digits"
assert leading_int("2147483647") == 2**31 - 1 and leading_int("-2147483648") == -(2**31) and leading_int("2147483648") == 2**31 - 1, 'the exact 32-bit limits'
assert leading_int("-2147483649") == -(2**31) and leading_int("-2147483647") == -(2**31) + 1, 'just past and just inside the low limit'
assert leading_int("0000000000012") == 12, 'many leading zeros'
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "isdigit", "fails": ["t2"]}
def leading_int(text):
    text = text.lstrip()
    sign = 1
    if text[:1] in ("+", "-"):
        sign = -1 if text[0] == "-" else 1
        text = text[1:]
    digits = ""
    for ch in text:
        if not ch.isdigit():
            break
        digits += ch
    value = sign * int(digits) if digits else 0
    return max(-(2**31), min(2**31 - 1, value))

# %% course={"kind": "wrong", "id": "symmetric-clamp", "fails": ["t2"]}
def leading_int(text):
    i, n = 0, len(text)
    while i < n and text[i].isspace():
        i += 1
    sign = 1
    if i < n and text[i] in "+-":
        sign = -1 if text[i] == "-" else 1
        i += 1
    value = 0
    while i < n and "0" <= text[i] <= "9":
        value = value * 10 + int(text[i])
        i += 1
    limit = 2**31 - 1
    return max(-limit, min(limit, sign * value))  # the low end is -2**31, one further

# %% course={"kind": "wrong", "id": "no-clamp", "fails": ["t2"]}
import re


def leading_int(text):
    m = re.match(r"\s*([+-]?[0-9]+)", text)
    return int(m.group(1)) if m else 0

# %% [markdown] course={"kind": "exercise", "id": "pattern-match", "item": "dsa-regular-expression-matching"}
# ### Problem: A tiny regex engine (after LeetCode's *Regular Expression Matching*)
#
# Write `pattern_match(text, pattern)` that says whether `pattern` matches **all** of `text`,
# where only two characters are special:
#
# - `.` matches any single character;
# - `*` means "zero or more of the element just before it" (patterns never start with `*` and
#   never contain `**`).
#
# **Every other character stands for itself**, including `+`, `?`, `(`, `)`, `[`, `$`. So `re`
# will not do the job for you.
#
# ```python
# pattern_match("aab", "c*a*b")          # True: zero c, two a, one b
# pattern_match("mississippi", "mis*is*p*.")   # False
# ```
#
# Use **dynamic programming**: `match[i][j]` says whether the first `i` characters of text match
# the first `j` of pattern, for O(len(text) · len(pattern)) work. Plain recursion that retries
# every way a `*` could stretch takes exponential time; the last test counts character reads and
# stops it.

# %% [markdown] course={"kind": "hint"}
# `match[0][0] = True`. When `pattern[j-1] == "*"`: either the starred element is used zero times
# (`match[i][j-2]`), or it matches `text[i-1]` and `match[i-1][j]` holds.

# %% [markdown] course={"kind": "hint"}
# Otherwise `match[i][j]` needs `match[i-1][j-1]` and `pattern[j-1]` to be `.` or equal to
# `text[i-1]`. Fill the table row by row, `i` from 0 (the empty text) upwards.

# %% course={"kind": "solution", "equivalent": {"m-aa51bb91": "an extra last column is never read: the answer is match[rows][cols]", "m-e8312b2f": "an extra last row is never filled or read: the answer is match[rows][cols]"}}
def pattern_match(text: str, pattern: str) -> bool:
    """Whether ``pattern`` (with . and * special) matches the whole of ``text``."""
    ### BEGIN SOLUTION
    rows, cols = len(text), len(pattern)
    match = [[False] * (cols + 1) for _ in range(rows + 1)]
    match[0][0] = True
    for i in range(rows + 1):
        for j in range(1, cols + 1):
            p = pattern[j - 1]
            if p == "*":
                element = pattern[j - 2]
                match[i][j] = match[i][j - 2] or (
                    i > 0 and (element == "." or element == text[i - 1]) and match[i - 1][j]
                )
            elif i > 0:
                match[i][j] = match[i - 1][j - 1] and (p == "." or p == text[i - 1])
    return match[rows][cols]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert pattern_match("aa", "a") is False, "a single a does not cover 'aa'"
assert pattern_match("aa", "a*") is True, "a* stretches to two"
assert pattern_match("ab", ".*") is True, ".* matches anything"

# %% course={"kind": "test", "points": 2}
assert pattern_match("aab", "c*a*b") is True, "c* can match zero c"
assert pattern_match("mississippi", "mis*is*p*.") is False, "the pattern cannot cover 'ssippi'"
assert pattern_match("aaa", "a*a") is True, "a* must leave one a for the final a: backtracking"
assert pattern_match("", "a*b*") is True and pattern_match("a", "") is False, "empty text / empty pattern"
### BEGIN HIDDEN TESTS
assert pattern_match("", "") is True, 'empty matches empty'
assert pattern_match("ab", ".*c") is False, 'the final c has nothing to match'
assert pattern_match("aaa", "ab*a*c*a") is True, 'b* and c* match nothing'
assert pattern_match("é🚀", "..") is True, "one . per code point"
assert pattern_match("", "ab*") is False and pattern_match("", ".") is False, "an empty text cannot match a required character"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert pattern_match("a+b", "a+b") is True, "+ is an ordinary character here"
assert pattern_match("aab", "a+b") is False, "+ does not mean 'one or more'"
assert pattern_match("(x)?", "(x)?") is True and pattern_match("$5", "$5") is True, "( ) ? $ stand for themselves"
assert pattern_match("[ab]", "[ab]") is True and pattern_match("a", "[ab]") is False, "[ is not a character class"

# %% course={"kind": "test", "points": 2}
meter = Meter()
Text = metered_str_type(meter)
text, pattern = Text("a" * 20 + "b"), Text("a*" * 7 + "c")
meter.limit = 60 * (len(text) + 1) * (len(pattern) + 1)
assert pattern_match(text, pattern) is False, 'the text ends in b, the pattern in c'
print(f"{meter.count} character reads for a {len(text)} x {len(pattern)} problem")

# %% course={"kind": "wrong", "id": "uses-re", "fails": ["t3"]}
import re


def pattern_match(text, pattern):
    return re.fullmatch(pattern, text) is not None

# %% course={"kind": "wrong", "id": "plain-recursion", "fails": ["t4"]}
def pattern_match(text, pattern):
    if not pattern:
        return not text
    first = bool(text) and pattern[0] in (text[0], ".")
    if len(pattern) >= 2 and pattern[1] == "*":
        return pattern_match(text, pattern[2:]) or (first and pattern_match(text[1:], pattern))
    return first and pattern_match(text[1:], pattern[1:])

# %% course={"kind": "wrong", "id": "greedy-star", "fails": ["t2"]}
def pattern_match(text, pattern):
    i = j = 0
    while j < len(pattern):
        if j + 1 < len(pattern) and pattern[j + 1] == "*":
            while i < len(text) and pattern[j] in (text[i], "."):
                i += 1  # takes as many as possible and never gives any back
            j += 2
        elif i < len(text) and pattern[j] in (text[i], "."):
            i += 1
            j += 1
        else:
            return False
    return i == len(text)

# %% [markdown] course={"kind": "exercise", "id": "glob-match", "item": "dsa-wildcard-matching"}
# ### Problem: Wildcards for file names (after LeetCode's *Wildcard Matching*)
#
# Write `glob_match(name, pattern)` that says whether `pattern` matches **all** of `name`, where:
#
# - `?` matches exactly one character;
# - `*` matches any sequence of characters, including none.
#
# Every other character stands for itself, **including `[` and `]`** (so `fnmatch`, which
# treats `[...]` as a character class, gives wrong answers here).
#
# ```python
# glob_match("app.log", "*.log")      # True
# glob_match("app.log.1", "*.log")    # False
# ```
#
# Aim for O(len(name) · len(pattern)) with dynamic programming (or the greedy "remember the last
# star" scan). Recursion that tries every split for every `*` is exponential; the last test stops
# it.

# %% [markdown] course={"kind": "hint"}
# `match[i][j]`: the first `i` characters of the name against the first `j` of the pattern. A `*`
# either matches nothing (`match[i][j-1]`) or one more character (`match[i-1][j]`).

# %% [markdown] course={"kind": "hint"}
# `match[0][j]` is true only while the pattern so far is all stars.

# %% course={"kind": "solution", "equivalent": {"m-205bee7f": "previous[0] is set to True anyway and the next loop overwrites every other cell", "m-2a87e048": "an extra last cell is never read: the answer is previous[cols]", "m-58ba42b1": "an extra last cell is never read: the answer is previous[cols]"}}
def glob_match(name: str, pattern: str) -> bool:
    """Whether ``pattern`` (with ? and * special) matches the whole of ``name``."""
    ### BEGIN SOLUTION
    rows, cols = len(name), len(pattern)
    previous = [False] * (cols + 1)  # row i - 1 of the table
    previous[0] = True
    for j in range(1, cols + 1):
        previous[j] = previous[j - 1] and pattern[j - 1] == "*"
    for i in range(1, rows + 1):
        current = [False] * (cols + 1)
        ch = name[i - 1]
        for j in range(1, cols + 1):
            p = pattern[j - 1]
            if p == "*":
                current[j] = current[j - 1] or previous[j]
            else:
                current[j] = previous[j - 1] and (p == "?" or p == ch)
        previous = current
    return previous[cols]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert glob_match("app.log", "*.log") is True, "* matches 'app'"
assert glob_match("app.log.1", "*.log") is False, "the whole name must match"
assert glob_match("db-1", "db-?") is True and glob_match("db-12", "db-?") is False, "? is exactly one character"

# %% course={"kind": "test", "points": 2}
assert glob_match("", "*") is True and glob_match("", "**") is True, "* may match nothing"
assert glob_match("", "?") is False and glob_match("a", "") is False, "? needs one character; an empty pattern matches only ''"
assert glob_match("abcde", "a*c*e") is True and glob_match("abcde", "a*c*f") is False, 'two stars'
assert glob_match("aab", "*ab") is True, "a star must give back characters when needed"
### BEGIN HIDDEN TESTS
assert glob_match("", "") is True, 'empty matches empty'
assert glob_match("mississippi", "m??*ss*?i*pi") is False, 'the pattern would need more characters'
assert glob_match("über-🚀.txt", "?ber-?.*") is True, "one ? per code point"
assert glob_match("abc", "*?*?*?*") is True and glob_match("ab", "*?*?*?*") is False, 'three ? need at least three characters'
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert glob_match("[a].txt", "[a].txt") is True, "[ and ] are ordinary characters"
assert glob_match("a.txt", "[a].txt") is False, "[a] is not a character class here"

# %% course={"kind": "test", "points": 2}
meter = Meter()
Text = metered_str_type(meter)
name, pattern = Text("a" * 40), Text("*a" * 15 + "b")
meter.limit = 60 * (len(name) + 1) * (len(pattern) + 1)
assert glob_match(name, pattern) is False, 'the name has no b'
print(f"{meter.count} character reads for a {len(name)} x {len(pattern)} problem")

# %% course={"kind": "wrong", "id": "fnmatch", "fails": ["t3"]}
import fnmatch


def glob_match(name, pattern):
    return fnmatch.fnmatchcase(name, pattern)

# %% course={"kind": "wrong", "id": "split-recursion", "fails": ["t4"]}
def glob_match(name, pattern):
    if not pattern:
        return not name
    if pattern[0] == "*":
        return any(glob_match(name[k:], pattern[1:]) for k in range(len(name) + 1))
    return bool(name) and pattern[0] in ("?", name[0]) and glob_match(name[1:], pattern[1:])

# %% course={"kind": "wrong", "id": "star-needs-one", "fails": ["t2"]}
def glob_match(name, pattern):
    rows, cols = len(name), len(pattern)
    match = [[False] * (cols + 1) for _ in range(rows + 1)]
    match[0][0] = True
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            p = pattern[j - 1]
            if p == "*":
                match[i][j] = match[i - 1][j - 1] or match[i - 1][j]
            else:
                match[i][j] = match[i - 1][j - 1] and p in ("?", name[i - 1])
    return match[rows][cols]

# %% [markdown] course={"kind": "answer", "question": "q-how-are-strings-stored-in-memory"}
# As immutable objects holding a header (type, reference count, length, a cached hash, some
# flags) and the code points in a fixed-width array. Since Python 3.3 (PEP 393) the width is the
# smallest that fits the string's widest code point: 1 byte each for Latin-1 text, 2 for the rest
# of the Basic Multilingual Plane, 4 for anything beyond (emoji). So `len()` and indexing are O(1),
# and one emoji makes a long string four times bigger. A UTF-8 copy is created and cached only
# when some C code asks for it.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-string-interning"}
# Keeping a single shared object for equal strings, so that later comparisons and dict lookups can
# succeed on identity. CPython interns identifiers (names of variables, attributes, functions),
# string constants in code that consist only of ASCII letters, digits and underscores (of any
# length; a constant such as `"deploy-api"` or `"café"` is not interned), and whatever you pass to
# `sys.intern()`, which is useful when you hold millions of copies of a few values (log levels,
# host names). Strings built at run time are not interned unless you ask, which is why `a is b`
# can be `False` for equal strings: compare with `==`. The exact rule is a CPython implementation
# detail (this one holds for the standard builds of 3.11 to 3.14; free-threaded builds intern
# nearly every constant).

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-efficiently-concatenate-many"}
# Collect the pieces in a list (or a generator) and call `"".join(pieces)` once: it computes the
# total length, allocates once and copies each piece once, O(total length). `io.StringIO` works
# the same way when code wants a file-like object. Repeated `s = s + piece` copies the growing
# string every time, O(n²) in general; CPython sometimes avoids that with an in-place resize, but
# that is an implementation detail you should not rely on.

# %% [markdown] course={"kind": "answer", "question": "q-explain-unicode-and-encoding-in-python"}
# Unicode assigns a number, a code point, to every character; a Python `str` is a sequence of code
# points and knows nothing about bytes. An encoding is the rule that turns code points into bytes
# and back: UTF-8 (1-4 bytes, ASCII-compatible, the default), UTF-16, Latin-1 and so on. You
# convert at the edges of your program: `bytes.decode(encoding)` when data comes in (files,
# sockets, subprocess output), `str.encode(encoding)` when it goes out, and you always name the
# encoding (`open(path, encoding="utf-8")`). Wrong or unknown encodings show up as
# `UnicodeDecodeError` or as mojibake; the `errors=` argument chooses between failing, replacing
# and escaping. Separately, the same visible text can have several code-point spellings
# (precomposed `é` vs `e` + accent), which `unicodedata.normalize` unifies before comparing.

# %% course={"kind": "trap", "trap": "trap-string-concatenation-in-a-loop-is-o-n2"}
# Model what `s = s + piece` must copy, with a string that counts the characters copied.
copied = [0]


class Counted(str):
    def __radd__(self, other):
        copied[0] += len(other) + len(self)
        return str.__add__(other, self)


for n in (1_000, 2_000, 4_000):
    copied[0] = 0
    s = ""
    for i in range(n):
        s = s + Counted("0123456789")
    print(f"{n:5} pieces: {copied[0]:>11,} characters copied by +  vs {len(s):>6,} by join")
print("doubling the pieces quadruples the copying: O(n^2)")

# %% course={"kind": "trap", "trap": "trap-find-returns-1-index-raises-exception"}
# find() signals "not found" with -1, which is also a valid index: the last character.
image = "registry.internal/api"
at = image.find(":")
print("find(':') ->", at, "| so image[at:] silently gives", repr(image[at:]), "instead of a tag")
try:
    image.index(":")
except ValueError as err:
    print("index(':') -> ValueError:", err)
print("safer: image.partition(':') ->", image.partition(":"))

# %% course={"kind": "trap", "trap": "trap-strings-are-immutable-methods-return-new"}
# String methods return a new string; calling one without keeping the result does nothing.
env = "  Production "
env.strip()
env.lower()
print(repr(env), "<- unchanged")
env = env.strip().lower()
print(repr(env), "<- after assigning the result")
try:
    env[0] = "P"
except TypeError as err:
    print("TypeError:", err)

# %% course={"kind": "trap", "trap": "trap-unicode-normalization-matters-for"}
# The same visible text can be different code points: compare after normalizing.
import unicodedata

typed = "café"  # é as one code point
pasted = "cafe\u0301"  # e followed by a combining accent
print(typed, pasted, "| equal?", typed == pasted, "| lengths:", len(typed), len(pasted))
nfc = [unicodedata.normalize("NFC", s) for s in (typed, pasted)]
print("after NFC:", nfc[0] == nfc[1])
print("'ﬁle' (ligature) vs 'file':", "ﬁle" == "file", "| NFKC:", unicodedata.normalize("NFKC", "ﬁle") == "file")
