# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can set up VS Code for Python from files you understand
# (`settings.json`, `keybindings.json`, `launch.json`, `.editorconfig`, `[tool.ruff]`), debug a
# script with breakpoints, and survive, even work comfortably, in Vim or nano on a server over
# SSH. Editor features are taught here through their configuration files and plain Python.

# %% [markdown] course={"kind": "lesson", "id": "vscode-setup", "covers": ["c-vs-code-installation-and-setup", "c-essential-vs-code-extensions-for-python", "c-python-microsoft", "c-pylance", "c-python-debugger", "c-gitlens", "c-remote-ssh", "c-docker", "c-yaml", "c-markdown-all-in-one"]}
# ### Installing VS Code and the extensions that matter
#
# Install VS Code from code.visualstudio.com (a `.deb`/`.rpm` on Linux, which also adds the
# package repository for updates), with `brew install --cask visual-studio-code` on macOS or
# `winget install Microsoft.VisualStudioCode` on Windows. Make sure the `code` command works
# in a terminal (on macOS: *Shell Command: Install 'code' command in PATH*): `code .` opens a
# folder, and `code --install-extension ID` installs an extension, which makes a setup scriptable.
#
# | extension | id | gives you |
# |---|---|---|
# | Python | `ms-python.python` | interpreter selection, venv activation, test explorer |
# | Pylance | `ms-python.vscode-pylance` | fast completion, go-to-definition, type checking |
# | Python Debugger | `ms-python.debugpy` | breakpoints and stepping, via `launch.json` |
# | GitLens | `eamodio.gitlens` | blame per line, file and line history |
# | Remote - SSH | `ms-vscode-remote.remote-ssh` | open a folder on a server as if it were local |
# | Docker | `ms-azuretools.vscode-docker` (newer releases move to *Container Tools*) | Dockerfile help, containers, images |
# | YAML | `redhat.vscode-yaml` | schema validation for Kubernetes, CI and compose files |
# | Markdown All in One | `yzhang.markdown-all-in-one` | shortcuts, tables of contents, preview |
#
# A project recommends extensions to everyone who opens it with `.vscode/extensions.json`.
# The mistake: installing five overlapping Python linters and formatters that fight each other;
# choose one formatter and one linter (Ruff does both) and configure them in the project.

# %% course={"kind": "demo"}
import json

recommended = {
    "ms-python.python": "Python",
    "ms-python.vscode-pylance": "Pylance",
    "ms-python.debugpy": "Python Debugger",
    "eamodio.gitlens": "GitLens",
    "ms-vscode-remote.remote-ssh": "Remote - SSH",
    "ms-azuretools.vscode-docker": "Docker",
    "redhat.vscode-yaml": "YAML",
    "yzhang.markdown-all-in-one": "Markdown All in One",
    "charliermarsh.ruff": "Ruff (lint + format)",
}
print(".vscode/extensions.json:")
print(json.dumps({"recommendations": list(recommended)}, indent=2))
print("\na setup script would run:")
for ext_id in recommended:
    print(f"code --install-extension {ext_id}")

# %% [markdown] course={"kind": "lesson", "id": "settings-json", "covers": ["c-vs-code-settings-json-configuration", "c-workspace-settings-vs-user-settings"]}
# ### `settings.json`, and which settings win
#
# Every option in the Settings screen is a key in a JSON file, written flat with dots:
# `"editor.formatOnSave": true`. Settings come in layers, and the more specific layer wins:
#
# ```
# default  <  user (your machine, every project)  <  workspace (.vscode/settings.json, committed)
#          <  language-specific blocks such as "[python]": { ... } inside each layer
# ```
#
# | put it in... | when | examples |
# |---|---|---|
# | **user** settings | it is about you | font size, theme, keybindings |
# | **workspace** settings (`.vscode/settings.json`) | the whole team must agree | formatter, line length, test runner, interpreter path |
#
# One refinement: a setting whose value is an **object** (a `"[python]"` block, `files.exclude`)
# is merged key by key across the layers rather than replaced; numbers, strings and lists are
# replaced. An exercise below builds that merge.
#
# VS Code's files are "JSON with comments" (JSONC): `//` and `/* */` comments and trailing
# commas are allowed, so `json.loads` alone may fail on them (an exercise below fixes that).
# The mistake: putting team rules in your user settings, so the project only works on your
# machine. For plain values, `collections.ChainMap` models the lookup nicely:

# %% course={"kind": "demo"}
from collections import ChainMap

default = {"editor.tabSize": 4, "editor.formatOnSave": False, "files.trimTrailingWhitespace": False,
           "editor.rulers": []}
user = {"editor.fontSize": 14, "editor.formatOnSave": True}
workspace = {"editor.rulers": [88], "files.trimTrailingWhitespace": True}
layers = {"workspace": workspace, "user": user, "default": default}
effective = ChainMap(workspace, user, default)  # looks in workspace first, then user, then default
for key in ("editor.tabSize", "editor.formatOnSave", "editor.rulers", "editor.fontSize", "files.trimTrailingWhitespace"):
    source = next(name for name, layer in layers.items() if key in layer)
    print(f"{key:30} = {effective[key]!s:6} (from {source})")

# %% [markdown] course={"kind": "lesson", "id": "shortcuts-and-terminal", "covers": ["c-keyboard-shortcuts-ctrl-p-ctrl-shift-p", "c-multi-cursor-editing", "c-integrated-terminal-usage"]}
# ### Shortcuts, multiple cursors and the integrated terminal
#
# | action | Linux / Windows | macOS |
# |---|---|---|
# | Quick Open a file by name | `Ctrl+P` | `Cmd+P` |
# | Command Palette (every command, searchable) | `Ctrl+Shift+P` | `Cmd+Shift+P` |
# | toggle the integrated terminal | ``Ctrl+` `` | ``Ctrl+` `` |
# | go to definition / rename symbol | `F12` / `F2` | `F12` / `F2` |
# | add a cursor at the next match of the selection | `Ctrl+D` | `Cmd+D` |
# | add cursors above / below | `Ctrl+Alt+↑/↓` (Windows), `Shift+Alt+↑/↓` (Linux) | `Cmd+Option+↑/↓` |
# | cursor anywhere | `Alt+Click` | `Option+Click` |
# | open keybindings as JSON | Command Palette → *Preferences: Open Keyboard Shortcuts (JSON)* | same |
#
# **Multi-cursor** editing types in several places at once: select a word, press `Ctrl+D` a few
# times, type. It is perfect for the same edit on many similar lines; for renaming a variable use
# `F2` instead, which understands scope. The **integrated terminal** opens in the workspace folder
# and, with the Python extension, activates the selected virtual environment, so `python` there
# is the project's interpreter. The mistake: multi-cursor on a word that also appears inside
# other names. The demo shows why "whole word" matters:

# %% course={"kind": "demo"}
import re

source = "max_retries = 3\nretries = 0\nwhile retries < max_retries:\n    retries += 1\n"
naive = source.replace("retries", "attempts")  # every occurrence, even inside max_retries
whole_words = re.sub(r"\bretries\b", "attempts", source)  # like Ctrl+D with 'Match Whole Word'
print("plain replace:\n" + naive)
print("whole words only:\n" + whole_words)

# %% [markdown] course={"kind": "lesson", "id": "debugging", "covers": ["c-debugging-configuration-launch-json"]}
# ### Debugging and `launch.json`
#
# A debugger pauses your program at a **breakpoint** so you can read variables, step line by line
# (`F10` step over, `F11` step into, `F5` continue) and evaluate expressions. In VS Code, the
# Python Debugger reads `.vscode/launch.json`, a list of named configurations:
#
# ```json
# {"version": "0.2.0",
#  "configurations": [{"name": "Debug train.py", "type": "debugpy", "request": "launch",
#                      "program": "${workspaceFolder}/scripts/train.py",
#                      "args": ["--epochs", "3"], "env": {"LOG_LEVEL": "debug"},
#                      "console": "integratedTerminal"}]}
# ```
#
# Use `"module": "pkg.cli"` instead of `"program"` for `python -m pkg.cli`, and
# `"request": "attach"` to connect to a process already running (in a container, say). Under the
# hood it is the same idea as Python's built-in **pdb**, which works everywhere, including on a
# server with no editor at all: put `breakpoint()` in the code, or run `python -m pdb script.py`.
# The mistake: debugging with `print` for an hour when one breakpoint shows every variable. Here
# pdb runs a small script and takes its commands from a list instead of a keyboard:

# %% course={"kind": "demo"}
import subprocess
import sys
import tempfile
from pathlib import Path

script = "def total(prices):\n    result = 0\n    for price in prices:\n        result += price\n    return result\n\n\nprint('total:', total([3, 4, 5]))\n"
commands = ["break 4", "continue", "p price, result", "continue", "p price, result", "quit"]
with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp, "total.py")
    path.write_text(script)
    session = subprocess.run([sys.executable, "-m", "pdb", str(path)], input="\n".join(commands) + "\n",
                             capture_output=True, text=True, timeout=30)
print(session.stdout.replace(str(path), "total.py"))

# %% [markdown] course={"kind": "lesson", "id": "pycharm", "covers": ["c-pycharm-basics-alternative-ide-awareness"]}
# ### PyCharm, the other big Python IDE
#
# | | VS Code | PyCharm (Community is free; Professional is paid) |
# |---|---|---|
# | what it is | a light editor made into an IDE by extensions | a full Python IDE out of the box |
# | project settings live in | `.vscode/` (JSON) | `.idea/` (XML) |
# | strengths | remote development, every language, fast start | deep refactoring, inspections, database tools (Pro) |
# | interpreter | *Python: Select Interpreter* | *Settings → Project → Python Interpreter* |
# | run / debug | `launch.json` | run configurations (*Edit Configurations...*) |
#
# Both read the same project files: `pyproject.toml`, `.editorconfig`, `requirements.txt`, and
# both run the same tools (pytest, Ruff, mypy). That is the point: configure the **project**, not
# the IDE, and teammates with different editors get the same result. The mistake: committing the
# whole `.idea/` or `.vscode/` folder with personal paths in it; commit only the shared files.
# The same everyday actions, side by side:

# %% course={"kind": "demo"}
actions = [
    ("find a file by name", "Ctrl+P", "Shift Shift (Search Everywhere)"),
    ("run any command", "Ctrl+Shift+P", "Ctrl+Shift+A (Find Action)"),
    ("rename a symbol", "F2", "Shift+F6"),
    ("go to definition", "F12", "Ctrl+B"),
    ("toggle breakpoint", "F9", "Ctrl+F8"),
    ("open a terminal", "Ctrl+`", "Alt+F12"),
]
print(f"{'action':22} {'VS Code':14} PyCharm")
for action, vscode, pycharm in actions:
    print(f"{action:22} {vscode:14} {pycharm}")

# %% [markdown] course={"kind": "lesson", "id": "vim", "covers": ["c-vim-basics-essential-for-server-editing", "c-modes-normal-insert-visual-command", "c-navigation-h-j-k-l-w-b-0-gg-g", "c-editing-i-a-o-o-x-dd-yy-p-p", "c-search-and-replace-s-s", "c-saving-and-quitting-w-q-wq-q"]}
# ### Vim: enough to fix a config file on a server
#
# Vim (or plain `vi`) is on almost every server, and `git`, `crontab -e` and `visudo` open it
# when no other editor is configured (Debian and Ubuntu route them through `editor`, which is
# often nano there; Red Hat family systems give you vi). It is a **modal** editor: keys mean
# different things in different modes.
#
# ```
#            i a o O                 :                      v / V
#  NORMAL  ----------->  INSERT     ---->  COMMAND-LINE     ----->  VISUAL
#  (move, delete,  <---  (type text) Esc    (:w :q :%s...)    Esc   (select, then d y >)
#   copy, paste)   Esc
# ```
#
# | keys | do | | keys | do |
# |---|---|---|---|---|
# | `h j k l` | left, down, up, right | | `i` / `a` | insert before / after the cursor |
# | `w` / `b` | next / previous word | | `o` / `O` | open a new line below / above |
# | `0` / `$` | start / end of line | | `x` | delete a character |
# | `gg` / `G` / `42G` | first / last / 42nd line | | `dd` / `yy` | delete (cut) / copy a line |
# | `/word`, `?word`, `n` | search forward, backward, next | | `p` / `P` | paste below / above |
# | `:s/old/new/` | replace first on this line | | `u` / `Ctrl+R` | undo / redo |
# | `:%s/old/new/g` | replace everywhere | | `3dd`, `5j` | a count repeats a command |
# | `:w` / `:q` / `:wq` | save / quit / both | | `:q!` | quit **without** saving |
#
# The mistake everyone makes once: typing text in normal mode, where every letter is a command.
# When lost, press `Esc` twice and you are back in normal mode. Vim can also run without a
# screen, which is handy in scripts; here it edits a temporary file:

# %% course={"kind": "demo"}
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

config = "log_level = DEBUG\nworkers = 2\n# DEBUG output goes to stderr\n"
with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp, "app.conf")
    path.write_text(config)
    vim = shutil.which("vim") or shutil.which("vi")
    if vim:
        # -u NONE: ignore your vimrc; -E -s: silent ex mode, no screen; same as typing :%s/.../g then :wq
        subprocess.run([vim, "-N", "-u", "NONE", "-i", "NONE", "-E", "-s",
                        "-c", "%s/DEBUG/INFO/g", "-c", "wq", str(path)],
                       stdin=subprocess.DEVNULL, capture_output=True, timeout=20)
        print("after vim :%s/DEBUG/INFO/g and :wq\n" + path.read_text())
    else:
        print("vim is not installed here; in Python the same edit is:\n" + re.sub("DEBUG", "INFO", config))

# %% [markdown] course={"kind": "lesson", "id": "nano", "covers": ["c-nano-basics-simpler-terminal-editor"]}
# ### nano, and which editor a command will open
#
# nano shows its shortcuts at the bottom of the screen (`^` means Ctrl): `^O` write out (save),
# `^X` exit, `^W` search ("where is"), `^K` cut a line, `^U` paste it, `^_` go to a line number.
# `nano -l file` shows line numbers. It has no modes, so it is the gentler choice for a one-line
# fix. Choose your editor for all the tools that open one with `export EDITOR=nano` (or vim) in
# `~/.bashrc`; `git` also reads `GIT_EDITOR` and its `core.editor` setting.
#
# The mistake: assuming your editor choice travels with you. On a fresh server `EDITOR` is unset
# and the fallback is usually `vi`. This function follows git's order of preference:

# %% course={"kind": "demo"}
def editor_for_git(env: dict[str, str], core_editor: str | None = None) -> str:
    """The editor `git commit` opens: GIT_EDITOR, core.editor, VISUAL, EDITOR, then vi."""
    for candidate in (env.get("GIT_EDITOR"), core_editor, env.get("VISUAL"), env.get("EDITOR")):
        if candidate:
            return candidate
    return "vi"  # git's own fallback; Debian and Ubuntu builds use `editor` (a link to vim or nano)


cases = [
    ("fresh server", {}, None),
    ("EDITOR=nano in .bashrc", {"EDITOR": "nano"}, None),
    ("VISUAL beats EDITOR", {"EDITOR": "nano", "VISUAL": "vim"}, None),
    ("git config core.editor 'code --wait'", {"EDITOR": "nano"}, "code --wait"),
]
for label, env, core in cases:
    print(f"{label:38} -> {editor_for_git(env, core)}")

# %% [markdown] course={"kind": "lesson", "id": "editorconfig", "covers": ["c-editorconfig-for-consistent-formatting"]}
# ### EditorConfig: one formatting policy for every editor
#
# An `.editorconfig` file at the root of a repository tells editors how to write files:
# indentation, line endings, final newline, trailing whitespace, per file type. VS Code needs the
# *EditorConfig* extension; PyCharm, Neovim (0.9+) and many others read it natively, and Vim
# 9.1 ships a plugin you switch on with `packadd! editorconfig` in your vimrc.
#
# ```ini
# root = true                      # stop looking in parent folders
#
# [*]                              # every file
# end_of_line = lf
# insert_final_newline = true
# trim_trailing_whitespace = true
# indent_style = space
# indent_size = 4
#
# [{*.yml,*.yaml,*.json}]          # braces list alternatives
# indent_size = 2
#
# [Makefile]                       # a name without a slash matches at any depth
# indent_style = tab
# ```
#
# Sections are globs; when several match a file, **later sections override earlier ones**, so go
# from general to specific. It only affects how the editor *writes*; a formatter (Ruff, Black,
# Prettier) and CI still enforce the rules. The mistake: `[*.py]` before `[*]`, so the general
# section silently overrides the specific one. The file is close to INI, so `configparser` can
# show its structure:

# %% course={"kind": "demo"}
import configparser

editorconfig = "\n".join([
    "root = true",
    "[*]",
    "indent_style = space",
    "indent_size = 4",
    "[{*.yml,*.yaml}]",
    "indent_size = 2",
    "[Makefile]",
    "indent_style = tab",
])
parser = configparser.ConfigParser()
parser.read_string("[preamble]\n" + editorconfig)  # the part before the first section has no header
for section in parser.sections():
    print(f"[{section}]".ljust(18), dict(parser[section]))

# %% [markdown] course={"kind": "exercise", "id": "load-jsonc", "item": "x-configure-vs-code-for-python-development"}
# ### Read VS Code's "JSON with comments"
#
# `settings.json` may contain `// line comments`, `/* block comments */` and trailing commas
# before `}` or `]`, so `json.loads` rejects it. Write `load_jsonc(text)` that removes those and
# returns the parsed value. Comment markers **inside strings** are text, not comments: URLs
# (`"https://..."`) and glob patterns (`"**/*.pyc"`) must survive untouched. Strings may hold
# escapes: `\"` does not end a string, and neither does the second `\` of `"C:\\"` (that
# string ends at the quote right after it). Quotes inside comments are comment text.
#
# ```python
# load_jsonc('{\n  // format on save\n  "editor.formatOnSave": true,\n}')   # {'editor.formatOnSave': True}
# load_jsonc('{"http.proxy": "http://proxy:3128" /* office */}')           # {'http.proxy': 'http://proxy:3128'}
# ```
#
# Invalid JSON must still raise `json.JSONDecodeError` (a `ValueError`).

# %% [markdown] course={"kind": "hint"}
# Walk the text and remember whether you are inside a string. In a string, copy everything, and a
# backslash escapes the next character (so `\"` does not end it). A regular expression can cut
# the text into such pieces for you: `re.findall(r'"(?:[^"\\]|\\.)*"|//[^\n]*|/\*.*?\*/|\s+|.', text,
# flags=re.DOTALL)` returns whole strings, whole comments, runs of spaces and single characters.

# %% [markdown] course={"kind": "hint"}
# Outside strings: `//` skips to the end of the line, `/*` skips past the next `*/`. Then remove
# trailing commas with `re.sub(r",(\s*[}\]])", r"\1", ...)`, but only outside strings too:
# the simplest way is to drop a `,` when the next non-space character outside strings is `}` or `]`.

# %% course={"kind": "solution"}
import json
import re


def load_jsonc(text: str):
    """Parse JSON that may contain // and /* */ comments and trailing commas."""
    ### BEGIN SOLUTION
    # one token at a time: a whole string (escapes included), a comment, a run of spaces, one character
    tokens = re.findall(r'"(?:[^"\\]|\\.)*"|//[^\n]*|/\*.*?\*/|\s+|.', text, flags=re.DOTALL)
    kept = [token for token in tokens if not token.startswith(("//", "/*"))]
    out = []
    for k, token in enumerate(kept):
        if token == ",":
            following = next((t for t in kept[k + 1:] if not t.isspace()), "")
            if following in ("}", "]"):
                continue  # a trailing comma
        out.append(token)
    return json.loads("".join(out))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
text = '{\n  // format on save\n  "editor.formatOnSave": true,\n  "editor.rulers": [88, 120,],\n}'
assert load_jsonc(text) == {"editor.formatOnSave": True, "editor.rulers": [88, 120]}, f"got {load_jsonc(text)}"
assert load_jsonc('{"a": 1}') == {"a": 1}, "plain JSON still works"

# %% course={"kind": "test", "points": 1}
text = '{\n  /* proxy for the office network,\n     ask IT before changing */\n  "http.proxy": "http://proxy:3128" /* inline */\n}'
assert load_jsonc(text) == {"http.proxy": "http://proxy:3128"}, f"block comments may span lines; got {load_jsonc(text)}"

# %% course={"kind": "test", "points": 2}
text = '{"files.exclude": {"**/*.pyc": true, "**/__pycache__": true}, "url": "https://example.com//x", "note": "a /* b */ c"}'
expected = {"files.exclude": {"**/*.pyc": True, "**/__pycache__": True}, "url": "https://example.com//x", "note": "a /* b */ c"}
assert load_jsonc(text) == expected, f"comment markers inside strings are text; got {load_jsonc(text)}"
### BEGIN HIDDEN TESTS
assert load_jsonc('{"quote": "say \\"hi\\" // not a comment", "x": "a,}"}') == {"quote": 'say "hi" // not a comment', "x": "a,}"}
assert load_jsonc('[1, 2, // two\n 3, /* three */ ]') == [1, 2, 3]
assert load_jsonc("// only a comment before\n{}") == {}
assert load_jsonc('{"a": 1} // a last comment without newline') == {"a": 1}
assert load_jsonc('{"é": "ünïcode /* ✓ */"}') == {"é": "ünïcode /* ✓ */"}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
text = '{\n  "dir": "C:\\\\", // a Windows path ends with a backslash\n  "next": "// still a string",\n}'
assert load_jsonc(text) == {"dir": "C:\\", "next": "// still a string"}, f"an escaped backslash ends the escape: {load_jsonc(text)}"
text = '{\n  // don\'t "quote" me\n  /* a "quoted" word, */ "a": 1\n}'
assert load_jsonc(text) == {"a": 1}, f"quotes inside comments are comment text: {load_jsonc(text)}"

# %% course={"kind": "test", "points": 1}
import json

for bad in ('{"a": 1,, }', "", "// only a comment", '{"a": 1', '{"a": "unclosed\\', '{"a": 1} /* unclosed'):
    try:
        load_jsonc(bad)
    except json.JSONDecodeError:
        pass
    else:
        raise AssertionError(f"invalid JSON {bad!r} must still raise json.JSONDecodeError")

# %% course={"kind": "wrong", "id": "regex-strip", "fails": ["t2", "t3", "t4"]}
import json
import re


def load_jsonc(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r",(\s*[}\]])", r"\1", text)
    return json.loads(text)

# %% course={"kind": "wrong", "id": "previous-char-escape", "fails": ["t1", "t2", "t3", "t4", "t5"]}
import json


def load_jsonc(text):
    out, i, in_string = [], 0, False
    while i < len(text):
        ch = text[i]
        if ch == '"' and (i == 0 or text[i - 1] != "\\"):  # misses the escaped backslash in "C:\\"
            in_string = not in_string
            out.append(ch)
        elif not in_string and text.startswith("//", i):
            i = text.find("\n", i) if "\n" in text[i:] else len(text)
            continue
        elif not in_string and text.startswith("/*", i):
            i = text.find("*/", i) + 2
            continue
        else:
            out.append(ch)
        i += 1
    cleaned, in_string = [], False
    for j, ch in enumerate(out):
        if ch == '"' and (j == 0 or out[j - 1] != "\\"):
            in_string = not in_string
        if not in_string and ch == "," and "".join(out[j + 1:]).lstrip()[:1] in ("}", "]"):
            continue
        cleaned.append(ch)
    return json.loads("".join(cleaned))

# %% course={"kind": "wrong", "id": "no-trailing-commas", "fails": ["t1", "t3", "t4", "t5"]}
import json


def load_jsonc(text):
    out, i, in_string = [], 0, False
    while i < len(text):
        ch = text[i]
        if in_string:
            out.append(ch)
            if ch == "\\":
                out.append(text[i + 1])
                i += 1
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
            out.append(ch)
        elif text.startswith("//", i):
            i = text.find("\n", i) if "\n" in text[i:] else len(text)
            continue
        elif text.startswith("/*", i):
            i = text.find("*/", i) + 2
            continue
        else:
            out.append(ch)
        i += 1
    return json.loads("".join(out))

# %% [markdown] course={"kind": "exercise", "id": "merge-settings", "item": "project-0-3-1"}
# ### Which settings apply? Merge the layers
#
# Write `effective_settings(*layers)` that merges settings dicts given from general to specific
# (`default, user, workspace`) and returns the settings that apply, the way VS Code does:
#
# - for a value that is not a dict (a number, string, boolean, `None` or list), the later layer
#   wins: a list is replaced, not joined;
# - dict values, such as language blocks (`"[python]"`) and object settings (`files.exclude`),
#   are merged key by key, with the same two rules applied again inside them, at any depth;
# - if one layer has a dict and a later one a non-dict (or the other way round), the later wins.
#
# Do not change the dicts you are given, and return none of them either: changing the result
# must never change a layer.
#
# ```python
# user = {"editor.formatOnSave": False, "[python]": {"editor.tabSize": 4, "editor.formatOnSave": True}}
# workspace = {"editor.rulers": [88], "[python]": {"editor.defaultFormatter": "charliermarsh.ruff"}}
# effective_settings(user, workspace)
# # {'editor.formatOnSave': False, 'editor.rulers': [88],
# #  '[python]': {'editor.tabSize': 4, 'editor.formatOnSave': True,
# #               'editor.defaultFormatter': 'charliermarsh.ruff'}}
# ```

# %% [markdown] course={"kind": "hint"}
# Write `merge_two(base, extra)` that returns a **new** dict: start from `dict(base)`, and for
# each key of `extra` either recurse (both values are dicts) or take `extra`'s value. Then fold
# the layers: `merged = {}`, and `merged = merge_two(merged, layer)` for each one.

# %% [markdown] course={"kind": "hint"}
# `dict.update()` replaces a whole `"[python]"` block. And a dict that only one layer has must be
# copied too (recursing into an empty dict does it): otherwise the caller's block sits inside
# your result, and the next person who edits the result edits the caller's settings.

# %% course={"kind": "solution"}
def effective_settings(*layers: dict) -> dict:
    """Merge VS Code settings layers (general first); dict values merge key by key, at any depth."""
    ### BEGIN SOLUTION
    def merge_two(base: dict, extra: dict) -> dict:
        out = dict(base)
        for key, value in extra.items():
            if isinstance(value, dict):
                earlier = out.get(key)
                out[key] = merge_two(earlier if isinstance(earlier, dict) else {}, value)
            else:
                out[key] = value
        return out

    merged: dict = {}
    for layer in layers:
        merged = merge_two(merged, layer)
    return merged
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert effective_settings({"a": 1, "b": 1}, {"b": 2}) == {"a": 1, "b": 2}, "a later layer wins"
assert effective_settings() == {}, "no layers, no settings"
assert effective_settings({"editor.rulers": [80]}, {"editor.rulers": [88]})["editor.rulers"] == [88], "lists are replaced, not joined"
assert effective_settings({"a": 1}, {"a": None}, {"b": False}) == {"a": None, "b": False}, "None and False are values too"

# %% course={"kind": "test", "points": 2}
user = {"editor.formatOnSave": False, "[python]": {"editor.tabSize": 4, "editor.formatOnSave": True}}
workspace = {"editor.rulers": [88], "[python]": {"editor.defaultFormatter": "charliermarsh.ruff"}}
result = effective_settings(user, workspace)
assert result["[python]"] == {"editor.tabSize": 4, "editor.formatOnSave": True, "editor.defaultFormatter": "charliermarsh.ruff"}, (
    f"language blocks merge key by key; got {result['[python]']}")
assert result["editor.formatOnSave"] is False and result["editor.rulers"] == [88]
### BEGIN HIDDEN TESTS
three = effective_settings({"[python]": {"a": 1}}, {"[python]": {"b": 2}}, {"[python]": {"a": 3}, "[yaml]": {"c": 4}})
assert three == {"[python]": {"a": 3, "b": 2}, "[yaml]": {"c": 4}}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
default = {"files.exclude": {"**/.git": True, "**/.DS_Store": True}}
workspace = {"files.exclude": {"**/__pycache__": True, "**/.DS_Store": False}}
result = effective_settings(default, workspace)
assert result["files.exclude"] == {"**/.git": True, "**/.DS_Store": False, "**/__pycache__": True}, (
    f"every dict value merges key by key, not only language blocks: {result['files.exclude']}")
deep = effective_settings({"[python]": {"editor.codeActionsOnSave": {"source.organizeImports": "explicit"}}},
                          {"[python]": {"editor.codeActionsOnSave": {"source.fixAll": "explicit"}}})
assert deep == {"[python]": {"editor.codeActionsOnSave": {"source.organizeImports": "explicit", "source.fixAll": "explicit"}}}, (
    f"...at any depth: {deep}")
### BEGIN HIDDEN TESTS
assert effective_settings({"x": {"a": 1}}, {"x": 5}) == {"x": 5}, "a non-dict after a dict wins"
assert effective_settings({"x": 5}, {"x": {"a": 1}}) == {"x": {"a": 1}}, "a dict after a non-dict wins"
assert effective_settings({"x": {}}, {"x": {}}) == {"x": {}}, "empty dicts are values too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import copy

user = {"editor.formatOnSave": False, "[python]": {"editor.tabSize": 4}}
workspace = {"[python]": {"editor.defaultFormatter": "charliermarsh.ruff"}, "[yaml]": {"editor.tabSize": 2}}
before = copy.deepcopy((user, workspace))
result = effective_settings(user, workspace)
assert (user, workspace) == before, "the layers you are given must not change"
result["[yaml]"]["editor.tabSize"] = 8
assert workspace["[yaml]"] == {"editor.tabSize": 2}, "return copies: editing the result must not edit a layer"
### BEGIN HIDDEN TESTS
only = {"[python]": {"nested": {"a": 1}}}
merged = effective_settings(only)
merged["[python]"]["nested"]["a"] = 2
assert only == {"[python]": {"nested": {"a": 1}}}, "copies at every depth"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "plain-update", "fails": ["t2", "t3", "t4"]}
def effective_settings(*layers):
    merged = {}
    for layer in layers:
        merged.update(layer)
    return merged

# %% course={"kind": "wrong", "id": "merges-in-place", "fails": ["t3", "t4"]}
def effective_settings(*layers):
    merged = {}
    for layer in layers:
        for key, value in layer.items():
            if isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key].update(value)
            else:
                merged[key] = value
    return merged

# %% course={"kind": "wrong", "id": "language-blocks-only", "fails": ["t3", "t4"]}
def effective_settings(*layers):
    merged = {}
    for layer in layers:
        for key, value in layer.items():
            if key.startswith("[") and key.endswith("]") and isinstance(value, dict):
                merged[key] = {**merged.get(key, {}), **value}
            else:
                merged[key] = value
    return merged

# %% course={"kind": "wrong", "id": "one-level-copy", "fails": ["t3", "t4"]}
def effective_settings(*layers):
    merged = {}
    for layer in layers:
        for key, value in layer.items():
            if isinstance(value, dict):
                earlier = merged.get(key)
                merged[key] = {**(earlier if isinstance(earlier, dict) else {}), **value}  # inner dicts are shared
            else:
                merged[key] = value
    return merged

# %% [markdown] course={"kind": "exercise", "id": "python-settings-gaps", "item": "project-0-3-1"}
# ### Does this `settings.json` cover the Python basics?
#
# The mini-project asks for a `settings.json` with linting, formatting, import sorting and type
# checking. Write `missing_features(settings)` that checks an (already merged) settings dict and
# returns which of the four are missing, in this order: `"linting"`, `"formatting"`,
# `"import sorting"`, `"type checking"`. A setting in the `"[python]"` block takes precedence over
# the same setting at the top level; for `editor.codeActionsOnSave`, an object, VS Code merges
# the two objects instead, so an action the `"[python]"` block does not mention keeps its
# top-level value.
#
# | feature | counts as present when |
# |---|---|
# | linting | any of `ruff.lint.enable`, `pylint.enabled`, `flake8.enabled` is `True` |
# | formatting | `editor.defaultFormatter` is set (non-empty) **and** `editor.formatOnSave` is `True` |
# | import sorting | `editor.codeActionsOnSave` has `source.organizeImports` set to `"explicit"`, `"always"` or `True` (not `"never"` or `False`) |
# | type checking | `python.analysis.typeCheckingMode` is `"basic"`, `"standard"` or `"strict"` (exactly, lower case; missing means `"off"`) |
#
# ```python
# missing_features({"[python]": {"editor.defaultFormatter": "charliermarsh.ruff", "editor.formatOnSave": True}})
# # ['linting', 'import sorting', 'type checking']
# ```

# %% [markdown] course={"kind": "hint"}
# Write a helper `get(key)` that returns `settings["[python]"][key]` if present, else
# `settings.get(key)`.

# %% [markdown] course={"kind": "hint"}
# `"never"` is a non-empty string, so it is truthy: compare against the allowed values instead of
# testing truthiness.

# %% course={"kind": "solution"}
def missing_features(settings: dict) -> list[str]:
    """Which of linting, formatting, import sorting and type checking a settings dict lacks."""
    ### BEGIN SOLUTION
    python_block = settings.get("[python]", {})

    def get(key: str):
        return python_block[key] if key in python_block else settings.get(key)

    present = {
        "linting": any(get(key) is True for key in ("ruff.lint.enable", "pylint.enabled", "flake8.enabled")),
        "formatting": bool(get("editor.defaultFormatter")) and get("editor.formatOnSave") is True,
        "import sorting": {**(settings.get("editor.codeActionsOnSave") or {}),
                           **(python_block.get("editor.codeActionsOnSave") or {})}.get("source.organizeImports")
        in ("explicit", "always", True),
        "type checking": get("python.analysis.typeCheckingMode") in ("basic", "standard", "strict"),
    }
    return [feature for feature, ok in present.items() if not ok]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
complete = {
    "ruff.lint.enable": True,
    "python.analysis.typeCheckingMode": "standard",
    "[python]": {"editor.defaultFormatter": "charliermarsh.ruff", "editor.formatOnSave": True,
                 "editor.codeActionsOnSave": {"source.organizeImports": "explicit"}},
}
assert missing_features(complete) == [], f"everything is configured; got {missing_features(complete)}"
assert missing_features({}) == ["linting", "formatting", "import sorting", "type checking"], "empty settings lack all four"

# %% course={"kind": "test", "points": 1}
example = {"[python]": {"editor.defaultFormatter": "charliermarsh.ruff", "editor.formatOnSave": True}}
assert missing_features(example) == ["linting", "import sorting", "type checking"], f"got {missing_features(example)}"
assert "formatting" in missing_features({"editor.formatOnSave": True}), "format on save without a formatter is not enough"

# %% course={"kind": "test", "points": 2}
settings = {
    "editor.formatOnSave": True,
    "editor.defaultFormatter": "esbenp.prettier-vscode",
    "pylint.enabled": True,
    "python.analysis.typeCheckingMode": "strict",
    "editor.codeActionsOnSave": {"source.organizeImports": "explicit"},
    "[python]": {"editor.formatOnSave": False, "editor.codeActionsOnSave": {"source.organizeImports": "never"}},
}
assert missing_features(settings) == ["formatting", "import sorting"], (
    f"the [python] block turns formatting and import sorting off for Python; got {missing_features(settings)}")
### BEGIN HIDDEN TESTS
assert "type checking" in missing_features({"python.analysis.typeCheckingMode": "off"})
assert "linting" in missing_features({"ruff.lint.enable": False, "flake8.enabled": "yes"}), "only True counts"
assert "import sorting" not in missing_features({"editor.codeActionsOnSave": {"source.organizeImports": True}})
assert "type checking" in missing_features({"python.analysis.typeCheckingMode": "Strict"}), "the modes are lower case"
assert "formatting" in missing_features({"editor.defaultFormatter": "", "editor.formatOnSave": True}), "an empty formatter is not set"
assert "formatting" in missing_features({"editor.defaultFormatter": "x", "editor.formatOnSave": 1}), "formatOnSave must be True"
assert "linting" in missing_features({"ruff.lint.enable": True, "[python]": {"ruff.lint.enable": False}}), "[python] turns linting off"
assert "linting" not in missing_features({"[python]": {"flake8.enabled": True}})
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
settings = {
    "editor.codeActionsOnSave": {"source.organizeImports": "explicit"},
    "[python]": {"editor.codeActionsOnSave": {"source.fixAll": "explicit"}},
}
assert "import sorting" not in missing_features(settings), (
    "codeActionsOnSave objects merge: [python] adds fixAll and keeps the top-level organizeImports")
assert "import sorting" in missing_features({"[python]": {"editor.codeActionsOnSave": {"source.organizeImports": False}}})
assert "import sorting" in missing_features({"editor.codeActionsOnSave": {"source.organizeImports": "never"}})

# %% course={"kind": "wrong", "id": "ignores-language-block", "fails": ["t1", "t2", "t3"]}
def missing_features(settings):
    present = {
        "linting": any(settings.get(k) is True for k in ("ruff.lint.enable", "pylint.enabled", "flake8.enabled")),
        "formatting": bool(settings.get("editor.defaultFormatter")) and settings.get("editor.formatOnSave") is True,
        "import sorting": (settings.get("editor.codeActionsOnSave") or {}).get("source.organizeImports") in ("explicit", "always", True),
        "type checking": settings.get("python.analysis.typeCheckingMode") in ("basic", "standard", "strict"),
    }
    return [feature for feature, ok in present.items() if not ok]

# %% course={"kind": "wrong", "id": "block-replaces-actions", "fails": ["t4"]}
def missing_features(settings):
    block = settings.get("[python]", {})

    def get(key):
        return block[key] if key in block else settings.get(key)

    present = {
        "linting": any(get(k) is True for k in ("ruff.lint.enable", "pylint.enabled", "flake8.enabled")),
        "formatting": bool(get("editor.defaultFormatter")) and get("editor.formatOnSave") is True,
        "import sorting": (get("editor.codeActionsOnSave") or {}).get("source.organizeImports") in ("explicit", "always", True),
        "type checking": get("python.analysis.typeCheckingMode") in ("basic", "standard", "strict"),
    }
    return [feature for feature, ok in present.items() if not ok]

# %% course={"kind": "wrong", "id": "truthy-never", "fails": ["t3", "t4"]}
def missing_features(settings):
    block = settings.get("[python]", {})

    def get(key):
        return block[key] if key in block else settings.get(key)

    present = {
        "linting": any(get(k) is True for k in ("ruff.lint.enable", "pylint.enabled", "flake8.enabled")),
        "formatting": bool(get("editor.defaultFormatter")) and get("editor.formatOnSave") is True,
        "import sorting": bool((get("editor.codeActionsOnSave") or {}).get("source.organizeImports")),
        "type checking": get("python.analysis.typeCheckingMode") in ("basic", "standard", "strict"),
    }
    return [feature for feature, ok in present.items() if not ok]

# %% [markdown] course={"kind": "task", "id": "settings-documented", "item": "project-0-3-1", "points": 3}
# ### Your own documented `settings.json`
#
# Write the `.vscode/settings.json` you will use for Python projects: linting, formatting (with
# format on save), import sorting, type checking, plus anything else you like (rulers, trimming
# whitespace, test discovery). Put a `//` comment above **each** setting saying what it does and
# why you want it. Check it with `load_jsonc` and `missing_features` from this notebook (expect
# `[]`), then paste the file below.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: valid JSONC that `missing_features` accepts (no missing feature).
# - 1 point: every setting has a comment explaining its purpose, in the learner's own words.
# - 1 point: team-wide choices are presented as workspace settings, personal ones (font, theme) are left
#   out or marked as user settings.

# %% [markdown] course={"kind": "exercise", "id": "keybinding", "item": "x-create-a-custom-keybinding-in-vs-code"}
# ### Add a custom keybinding
#
# `keybindings.json` is a list of objects like
# `{"key": "ctrl+shift+t", "command": "workbench.action.terminal.new", "when": "editorFocus"}`
# (`when` is optional). Write `add_keybinding(bindings, key, command, when=None)` that returns a
# **new** list with the binding added:
#
# - normalise `key`: lower case, modifiers in the order `ctrl`, `shift`, `alt`, `cmd`, then the
#   key itself; a *chord* is several such parts separated by a space (`"ctrl+k ctrl+c"`);
# - a binding with the same normalised `key` and the same `when` is **replaced** (at its
#   position); otherwise the new one goes at the end;
# - leave out `"when"` when it is `None` (an empty string is a value: keep it);
# - raise `ValueError` for a key with an unknown modifier, no final key, a modifier given twice,
#   or more than one non-modifier in a part (`"ctrl+"`, `"hyper+x"`, `"ctrl+ctrl+a"`, `"ctrl+a+b"`).
#
# ```python
# add_keybinding([], "Shift+Ctrl+T", "workbench.action.terminal.new")
# # [{'key': 'ctrl+shift+t', 'command': 'workbench.action.terminal.new'}]
# ```

# %% [markdown] course={"kind": "hint"}
# Normalise one part with `tokens = part.lower().split("+")`: the last token is the key, the
# others are modifiers; sort the modifiers by their index in `["ctrl", "shift", "alt", "cmd"]`.

# %% [markdown] course={"kind": "hint"}
# Build the result with a list comprehension over copies (`dict(b)`), so the caller's list and
# dicts stay untouched; then replace or append.

# %% course={"kind": "solution"}
MODIFIERS = ["ctrl", "shift", "alt", "cmd"]


def add_keybinding(bindings: list[dict], key: str, command: str, when: str | None = None) -> list[dict]:
    """A new keybindings list with ``key`` bound to ``command`` (replacing the same key and when)."""
    ### BEGIN SOLUTION
    def normalise(part: str) -> str:
        tokens = part.lower().split("+")
        *mods, final = tokens
        if not final or final in MODIFIERS or any(m not in MODIFIERS for m in mods) or len(set(mods)) != len(mods):
            raise ValueError(f"not a valid key: {part!r}")
        return "+".join(sorted(mods, key=MODIFIERS.index) + [final])

    parts = key.split()
    if not parts:
        raise ValueError("empty key")
    normalised = " ".join(normalise(part) for part in parts)
    entry = {"key": normalised, "command": command}
    if when is not None:
        entry["when"] = when
    result = [dict(binding) for binding in bindings]
    for i, binding in enumerate(result):
        if binding.get("key") == normalised and binding.get("when") == when:
            result[i] = entry
            return result
    result.append(entry)
    return result
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = add_keybinding([], "Shift+Ctrl+T", "workbench.action.terminal.new")
assert result == [{"key": "ctrl+shift+t", "command": "workbench.action.terminal.new"}], f"got {result}"
assert add_keybinding([], "alt+cmd+ctrl+p", "x")[0]["key"] == "ctrl+alt+cmd+p", "modifiers in the order ctrl, shift, alt, cmd"
assert add_keybinding([], "ctrl+K CTRL+c", "editor.action.addCommentLine")[0]["key"] == "ctrl+k ctrl+c", "chords"

# %% course={"kind": "test", "points": 2}
existing = [{"key": "ctrl+shift+t", "command": "old.command"},
            {"key": "ctrl+shift+t", "command": "in.editor", "when": "editorFocus"},
            {"key": "f5", "command": "debug.start"}]
result = add_keybinding(existing, "ctrl+shift+T", "new.command")
assert result[0] == {"key": "ctrl+shift+t", "command": "new.command"}, "same key, same (no) when: replace in place"
assert result[1:] == existing[1:] and len(result) == 3, "a binding with a different when stays"
result = add_keybinding(existing, "ctrl+shift+t", "terminal.only", when="terminalFocus")
assert len(result) == 4 and result[-1] == {"key": "ctrl+shift+t", "command": "terminal.only", "when": "terminalFocus"}, (
    "a new when condition is a new binding, at the end")

# %% course={"kind": "test", "points": 1}
existing = [{"key": "f5", "command": "debug.start"}]
snapshot = [dict(b) for b in existing]
result = add_keybinding(existing, "f5", "other")
assert existing == snapshot, "do not change the list or the dicts you are given"
assert result is not existing, "return a new list"

# %% course={"kind": "test", "points": 1}
for bad in ("ctrl+", "hyper+x", "ctrl+a+b", "", "shift"):
    try:
        add_keybinding([], bad, "x")
    except ValueError:
        pass
    else:
        raise AssertionError(f"key {bad!r} must raise ValueError")
### BEGIN HIDDEN TESTS
for bad in ("ctrl+ctrl+a", "   ", "ctrl+k +c", "Ctrl+Shift"):
    try:
        add_keybinding([], bad, "x")
    except ValueError:
        pass
    else:
        raise AssertionError(f"key {bad!r} must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
result = add_keybinding([], "f5", "debug.start", when="")
assert result == [{"key": "f5", "command": "debug.start", "when": ""}], f"when='' is a value, not None: keep it; got {result}"
result = add_keybinding([{"key": "f5", "command": "a"}], "F5", "b", when="")
assert len(result) == 2, "when='' and no when are different conditions"
assert add_keybinding([], "  ctrl+k   ctrl+c ", "x")[0]["key"] == "ctrl+k ctrl+c", "extra spaces around chord parts go"


# %% course={"kind": "wrong", "id": "appends-duplicate", "fails": ["t2", "t4"]}
MODIFIERS = ["ctrl", "shift", "alt", "cmd"]


def add_keybinding(bindings, key, command, when=None):
    def normalise(part):
        *mods, final = part.lower().split("+")
        if not final or final in MODIFIERS or any(m not in MODIFIERS for m in mods):
            raise ValueError(part)
        return "+".join(sorted(mods, key=MODIFIERS.index) + [final])

    if not key.split():
        raise ValueError(key)
    entry = {"key": " ".join(normalise(p) for p in key.split()), "command": command}
    if when is not None:
        entry["when"] = when
    return [dict(b) for b in bindings] + [entry]

# %% course={"kind": "wrong", "id": "falsy-when", "fails": ["t5"]}
MODIFIERS = ["ctrl", "shift", "alt", "cmd"]


def add_keybinding(bindings, key, command, when=None):
    def normalise(part):
        *mods, final = part.lower().split("+")
        if not final or final in MODIFIERS or any(m not in MODIFIERS for m in mods) or len(set(mods)) != len(mods):
            raise ValueError(part)
        return "+".join(sorted(mods, key=MODIFIERS.index) + [final])

    if not key.split():
        raise ValueError(key)
    entry = {"key": " ".join(normalise(p) for p in key.split()), "command": command}
    if when:  # drops when=""
        entry["when"] = when
    result = [dict(b) for b in bindings]
    for i, binding in enumerate(result):
        if binding.get("key") == entry["key"] and binding.get("when") == entry.get("when"):
            result[i] = entry
            return result
    return result + [entry]

# %% course={"kind": "wrong", "id": "mutates", "fails": ["t3", "t4"]}
MODIFIERS = ["ctrl", "shift", "alt", "cmd"]


def add_keybinding(bindings, key, command, when=None):
    def normalise(part):
        *mods, final = part.lower().split("+")
        if not final or final in MODIFIERS or any(m not in MODIFIERS for m in mods):
            raise ValueError(part)
        return "+".join(sorted(mods, key=MODIFIERS.index) + [final])

    if not key.split():
        raise ValueError(key)
    normalised = " ".join(normalise(p) for p in key.split())
    for binding in bindings:
        if binding["key"] == normalised and binding.get("when") == when:
            binding["command"] = command
            return bindings
    entry = {"key": normalised, "command": command}
    if when is not None:
        entry["when"] = when
    bindings.append(entry)
    return bindings

# %% course={"kind": "wrong", "id": "no-modifier-order", "fails": ["t1", "t4"]}
def add_keybinding(bindings, key, command, when=None):
    allowed = {"ctrl", "shift", "alt", "cmd"}
    parts = key.lower().split()
    for part in parts:
        *mods, final = part.split("+")
        if not final or final in allowed or any(m not in allowed for m in mods):
            raise ValueError(part)
    if not parts:
        raise ValueError(key)
    entry = {"key": " ".join(parts), "command": command}
    if when is not None:
        entry["when"] = when
    result = [dict(b) for b in bindings]
    for i, binding in enumerate(result):
        if binding.get("key") == entry["key"] and binding.get("when") == when:
            result[i] = entry
            return result
    return result + [entry]

# %% [markdown] course={"kind": "exercise", "id": "launch-config", "item": "x-set-up-a-debugging-configuration-for-a"}
# ### From a command line to a `launch.json`
#
# You run a script from the terminal and now want to debug exactly that run. Write
# `launch_config(command_line)` that turns a shell command line into the dict for
# `.vscode/launch.json`:
#
# ```python
# launch_config("LOG_LEVEL=debug python scripts/train.py --epochs 3 --name 'run one'")
# # {'version': '0.2.0',
# #  'configurations': [{'name': 'Debug train.py', 'type': 'debugpy', 'request': 'launch',
# #                      'program': '${workspaceFolder}/scripts/train.py',
# #                      'args': ['--epochs', '3', '--name', 'run one'],
# #                      'console': 'integratedTerminal', 'env': {'LOG_LEVEL': 'debug'}}]}
# ```
#
# Rules: split the line the way a shell does (quotes!). Leading `NAME=value` words become `env`
# (leave `env` out when there are none). Then must come `python` or `python3`, else
# `ValueError`. `python -m pkg.mod ...` gives `"module": "pkg.mod"` and the name
# `"Debug pkg.mod"` instead of `program`. A relative script path is put under
# `${workspaceFolder}/`; an absolute one is kept. `args` is always a list (maybe empty). A
# missing script or module, an interpreter option other than `-m` where the script should be
# (`python -u app.py`), and a line a shell could not split (an unclosed quote) raise `ValueError`.

# %% [markdown] course={"kind": "hint"}
# `shlex.split(command_line)` handles the quotes. Take words off the front while they look like
# `NAME=value` (`re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", word)`).

# %% [markdown] course={"kind": "hint"}
# After the interpreter word, look at the next one: `-m` means the word after it is a module;
# anything else is the script. `PurePosixPath(script).name` gives `train.py` for the name.

# %% course={"kind": "solution"}
import re
import shlex
from pathlib import PurePosixPath


def launch_config(command_line: str) -> dict:
    """A VS Code launch.json dict that debugs the given ``python ...`` command line."""
    ### BEGIN SOLUTION
    words = shlex.split(command_line)
    env = {}
    while words and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    if not words or words[0] not in ("python", "python3"):
        raise ValueError("the command must run python or python3")
    words = words[1:]
    config: dict = {"type": "debugpy", "request": "launch"}
    if words[:1] == ["-m"]:
        if len(words) < 2:
            raise ValueError("-m needs a module name")
        config = {"name": f"Debug {words[1]}", **config, "module": words[1]}
        args = words[2:]
    else:
        if not words:
            raise ValueError("no script to run")
        script = words[0]
        if script.startswith("-"):
            raise ValueError(f"interpreter options such as {script} are not supported")
        program = script if script.startswith("/") else f"${{workspaceFolder}}/{script}"
        config = {"name": f"Debug {PurePosixPath(script).name}", **config, "program": program}
        args = words[1:]
    config["args"] = args
    config["console"] = "integratedTerminal"
    if env:
        config["env"] = env
    return {"version": "0.2.0", "configurations": [config]}
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
result = launch_config("python app.py")
config = result["configurations"][0]
assert result["version"] == "0.2.0" and len(result["configurations"]) == 1, "one configuration, version 0.2.0"
assert config["program"] == "${workspaceFolder}/app.py", f"program: {config.get('program')!r}"
assert config["type"] == "debugpy" and config["request"] == "launch" and config["name"] == "Debug app.py"
assert config["args"] == [] and "env" not in config, "no args gives [], no env leaves env out"
assert config["console"] == "integratedTerminal", "run it in the integrated terminal"

# %% course={"kind": "test", "points": 2}
config = launch_config("LOG_LEVEL=debug python scripts/train.py --epochs 3 --name 'run one'")["configurations"][0]
assert config["args"] == ["--epochs", "3", "--name", "run one"], f"split like a shell: {config['args']}"
assert config["env"] == {"LOG_LEVEL": "debug"}, f"leading NAME=value words are the environment: {config.get('env')}"
assert config["name"] == "Debug train.py" and config["program"] == "${workspaceFolder}/scripts/train.py"
### BEGIN HIDDEN TESTS
config = launch_config('A=1 B="two words" python3 /opt/app/run.py -v')["configurations"][0]
assert config["program"] == "/opt/app/run.py", "absolute paths are kept"
assert config["env"] == {"A": "1", "B": "two words"} and config["args"] == ["-v"]
config = launch_config('URL=http://x/?a=1 EMPTY= python a.py --msg "say \\"hi\\"" X=1')["configurations"][0]
assert config["env"] == {"URL": "http://x/?a=1", "EMPTY": ""}, f"the value is everything after the first =, maybe empty: {config['env']}"
assert config["args"] == ["--msg", 'say "hi"', "X=1"], f"escaped quotes; NAME=value after the script is an argument: {config['args']}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
config = launch_config("python -m pkg.cli serve --port 8000")["configurations"][0]
assert config.get("module") == "pkg.cli" and "program" not in config, f"-m runs a module: {config}"
assert config["name"] == "Debug pkg.cli" and config["args"] == ["serve", "--port", "8000"]
assert launch_config("python3 -m http.server")["configurations"][0]["args"] == [], "a module with no arguments"

# %% course={"kind": "test", "points": 1}
for bad in ("node app.js", "python", "python -m", "LOG_LEVEL=debug", "", "python app.py 'unclosed"):
    try:
        launch_config(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"launch_config({bad!r}) must raise ValueError")
### BEGIN HIDDEN TESTS
for bad in ("python -u app.py", "python3.11 app.py", "Python app.py", "ipython app.py"):
    try:
        launch_config(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"launch_config({bad!r}) must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "str-split", "fails": ["t2", "t4"]}
import re


def launch_config(command_line):
    words = command_line.split()
    env = {}
    while words and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    if not words or words[0] not in ("python", "python3"):
        raise ValueError(command_line)
    words = words[1:]
    if words[:1] == ["-m"]:
        if len(words) < 2:
            raise ValueError(command_line)
        config = {"name": f"Debug {words[1]}", "type": "debugpy", "request": "launch", "module": words[1]}
        args = words[2:]
    else:
        if not words:
            raise ValueError(command_line)
        config = {"name": f"Debug {words[0].split('/')[-1]}", "type": "debugpy", "request": "launch",
                  "program": words[0] if words[0].startswith("/") else "${workspaceFolder}/" + words[0]}
        args = words[1:]
    config.update({"args": args, "console": "integratedTerminal"})
    if env:
        config["env"] = env
    return {"version": "0.2.0", "configurations": [config]}

# %% course={"kind": "wrong", "id": "any-python-like-word", "fails": ["t4"]}
import re
import shlex
from pathlib import PurePosixPath


def launch_config(command_line):
    words = shlex.split(command_line)
    env = {}
    while words and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    if not words or "python" not in words[0].lower():  # python3.11, ipython, Python...
        raise ValueError(command_line)
    words = words[1:]
    if words[:1] == ["-m"]:
        if len(words) < 2:
            raise ValueError(command_line)
        config = {"name": f"Debug {words[1]}", "type": "debugpy", "request": "launch", "module": words[1]}
        args = words[2:]
    else:
        if not words:
            raise ValueError(command_line)
        script = words[0]
        config = {"name": f"Debug {PurePosixPath(script).name}", "type": "debugpy", "request": "launch",
                  "program": script if script.startswith("/") else "${workspaceFolder}/" + script}
        args = words[1:]
    config.update({"args": args, "console": "integratedTerminal"})
    if env:
        config["env"] = env
    return {"version": "0.2.0", "configurations": [config]}

# %% course={"kind": "wrong", "id": "ignores-module", "fails": ["t3", "t4"]}
import re
import shlex


def launch_config(command_line):
    words = shlex.split(command_line)
    env = {}
    while words and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    if not words or words[0] not in ("python", "python3") or len(words) < 2:
        raise ValueError(command_line)
    script = words[1]
    config = {"name": f"Debug {script.split('/')[-1]}", "type": "debugpy", "request": "launch",
              "program": script if script.startswith("/") else "${workspaceFolder}/" + script,
              "args": words[2:], "console": "integratedTerminal"}
    if env:
        config["env"] = env
    return {"version": "0.2.0", "configurations": [config]}

# %% [markdown] course={"kind": "exercise", "id": "vim-substitute", "item": "x-ssh-into-a-server-and-edit-a-file-using"}
# ### Vim's substitute command
#
# Write `vim_substitute(lines, command, cursor=0)` that applies a Vim substitute command to a
# buffer (a list of lines) and returns the new list; `cursor` is the index of the current line.
# Support:
#
# | command | replaces |
# |---|---|
# | `:s/old/new/` | the first `old` on the current line |
# | `:s/old/new/g` | every `old` on the current line |
# | `:%s/old/new/` and `:%s/old/new/g` | the same, on every line |
# | `:3,5s/old/new/g` | the same, on lines 3 to 5 (numbered from **1**, inclusive) |
#
# `old` and `new` are plain text here (real Vim uses patterns), and the last `/` may be left out
# (`:s/a/b`). A `/` inside `old` or `new` is written `\/`, as in Vim:
# `:%s/\/var\/log/\/srv\/logs/g` turns `/var/log` into `/srv/logs`; any other backslash is
# kept as it is. Raise `ValueError` when `old` is empty, the command does not start with `:` and
# follow this shape, the flag is something other than `g`, or a range starts at line 0 or runs
# backwards (`:5,3s...`); a range may end past the last line. Never change the list you were given.
#
# ```python
# vim_substitute(["level = DEBUG", "DEBUG DEBUG"], ":%s/DEBUG/INFO/")   # ['level = INFO', 'INFO DEBUG']
# ```

# %% [markdown] course={"kind": "hint"}
# One regular expression reads the command:
# `re.fullmatch(r":(%|\d+,\d+)?s/((?:[^/\\]|\\.)*)/((?:[^/\\]|\\.)*)(?:/(g?))?", command)`, where
# `(?:[^/\\]|\\.)*` is "characters other than `/` and `\`, or a backslash and any character".
# Then `old.replace("\\/", "/")` undoes the escapes.

# %% [markdown] course={"kind": "hint"}
# `str.replace(old, new, count)` does the work: `count=1` for the first match only, `-1` for
# all. Work on `list(lines)`, a copy.

# %% course={"kind": "solution"}
import re


def vim_substitute(lines: list[str], command: str, cursor: int = 0) -> list[str]:
    """Apply :s, :%s or :N,Ms (plain text, optional g flag) to a copy of ``lines``."""
    ### BEGIN SOLUTION
    text = r"(?:[^/\\]|\\.)*"  # no bare /; a backslash takes the next character along
    parsed = re.fullmatch(rf":(%|\d+,\d+)?s/({text})/({text})(?:/(g?))?", command)
    if not parsed:
        raise ValueError(f"not a substitute command: {command!r}")
    where, old, new, flag = parsed.groups()
    old, new = old.replace("\\/", "/"), new.replace("\\/", "/")
    if not old:
        raise ValueError("nothing to search for")
    if where is None:
        targets = range(cursor, cursor + 1)
    elif where == "%":
        targets = range(len(lines))
    else:
        first, last = (int(n) for n in where.split(","))
        if first < 1 or last < first:
            raise ValueError(f"bad range {where}: lines count from 1, first before last")
        targets = range(first - 1, min(last, len(lines)))
    result = list(lines)
    for i in targets:
        result[i] = result[i].replace(old, new) if flag == "g" else result[i].replace(old, new, 1)
    return result
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
buffer = ["level = DEBUG", "DEBUG DEBUG", "workers = 2"]
assert vim_substitute(buffer, ":s/DEBUG/INFO/") == ["level = INFO", "DEBUG DEBUG", "workers = 2"], "only the current line"
assert vim_substitute(buffer, ":s/DEBUG/INFO/", cursor=1) == ["level = DEBUG", "INFO DEBUG", "workers = 2"], (
    "without g, only the first match on the line")
assert vim_substitute(buffer, ":s/DEBUG/INFO/g", cursor=1)[1] == "INFO INFO", "g replaces every match on the line"

# %% course={"kind": "test", "points": 2}
buffer = ["level = DEBUG", "DEBUG DEBUG", "workers = 2", "# DEBUG"]
assert vim_substitute(buffer, ":%s/DEBUG/INFO/") == ["level = INFO", "INFO DEBUG", "workers = 2", "# INFO"], "% means every line"
assert vim_substitute(buffer, ":%s/DEBUG/INFO/g")[1] == "INFO INFO"
assert vim_substitute(buffer, ":2,4s/DEBUG/INFO/g") == ["level = DEBUG", "INFO INFO", "workers = 2", "# INFO"], (
    "2,4 are line numbers counted from 1, inclusive")
assert vim_substitute(buffer, ":%s/DEBUG/INFO") == vim_substitute(buffer, ":%s/DEBUG/INFO/"), "the last / is optional"

# %% course={"kind": "test", "points": 1}
buffer = ["a.b.c"]
result = vim_substitute(buffer, ":s/./-/g")
assert result == ["a-b-c"], f"old is plain text, so . is a dot: {result}"
assert buffer == ["a.b.c"], "do not change the list you were given"
for bad in (":s//x/", "s/a/b/", ":s/a/b/x", ":%s"):
    try:
        vim_substitute(["a"], bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r} must raise ValueError")
### BEGIN HIDDEN TESTS
for bad in (":0,1s/a/b/", ":3,2s/a/b/", ":s/a/b/gg", ":s/a/b/c/", ":%s/a"):
    try:
        vim_substitute(["a", "a", "a"], bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r} must raise ValueError")
assert vim_substitute(["a", "a"], ":2,9s/a/b/") == ["a", "b"], "a range may end past the last line"
assert vim_substitute(["a", "a"], ":2,2s/a/b/") == ["a", "b"] and vim_substitute(["a", "a"], ":1,1s/a/b/") == ["b", "a"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
config = ["log_dir = /var/log/app", "backup = /var/log/old", "path = C:\\temp"]
result = vim_substitute(config, ":%s/\\/var\\/log/\\/srv\\/logs/g")
assert result == ["log_dir = /srv/logs/app", "backup = /srv/logs/old", "path = C:\\temp"], f"\\/ stands for /: {result}"
assert vim_substitute(config, ":3,3s/C:\\t/D:\\t/", cursor=0) == config[:2] + ["path = D:\\temp"], "other backslashes are plain text"

# %% course={"kind": "wrong", "id": "slash-ends-text", "fails": ["t4"]}
import re


def vim_substitute(lines, command, cursor=0):
    parsed = re.fullmatch(r":(%|\d+,\d+)?s/([^/]*)/([^/]*)(?:/(g?))?", command)
    if not parsed or not parsed.group(2):
        raise ValueError(command)
    where, old, new, flag = parsed.groups()
    if where is None:
        targets = range(cursor, cursor + 1)
    elif where == "%":
        targets = range(len(lines))
    else:
        first, last = map(int, where.split(","))
        if first < 1 or last < first:
            raise ValueError(where)
        targets = range(first - 1, min(last, len(lines)))
    result = list(lines)
    for i in targets:
        result[i] = result[i].replace(old, new, -1 if flag == "g" else 1)
    return result

# %% course={"kind": "wrong", "id": "always-global", "fails": ["t1", "t2", "t3", "t4"]}
import re


def vim_substitute(lines, command, cursor=0):
    parsed = re.fullmatch(r":(%|\d+,\d+)?s/([^/]*)/([^/]*)(?:/(g?))?", command)
    if not parsed or not parsed.group(2):
        raise ValueError(command)
    where, old, new, _flag = parsed.groups()
    if where is None:
        targets = [cursor]
    elif where == "%":
        targets = range(len(lines))
    else:
        a, b = map(int, where.split(","))
        targets = range(a - 1, b)
    result = list(lines)
    for i in targets:
        result[i] = result[i].replace(old, new)
    return result

# %% course={"kind": "wrong", "id": "zero-based-range", "fails": ["t2", "t3", "t4"]}
import re


def vim_substitute(lines, command, cursor=0):
    parsed = re.fullmatch(r":(%|\d+,\d+)?s/([^/]*)/([^/]*)(?:/(g?))?", command)
    if not parsed or not parsed.group(2):
        raise ValueError(command)
    where, old, new, flag = parsed.groups()
    if where is None:
        targets = [cursor]
    elif where == "%":
        targets = range(len(lines))
    else:
        a, b = map(int, where.split(","))
        targets = range(a, min(b + 1, len(lines)))
    result = list(lines)
    for i in targets:
        result[i] = result[i].replace(old, new, -1 if flag == "g" else 1)
    return result

# %% course={"kind": "wrong", "id": "regex-replace", "fails": ["t3", "t4"]}
import re


def vim_substitute(lines, command, cursor=0):
    parsed = re.fullmatch(r":(%|\d+,\d+)?s/([^/]*)/([^/]*)(?:/(g?))?", command)
    if not parsed or not parsed.group(2):
        raise ValueError(command)
    where, old, new, flag = parsed.groups()
    if where is None:
        targets = [cursor]
    elif where == "%":
        targets = range(len(lines))
    else:
        a, b = map(int, where.split(","))
        targets = range(a - 1, min(b, len(lines)))
    result = list(lines)
    for i in targets:
        result[i] = re.sub(old, new, result[i], count=0 if flag == "g" else 1)
    return result

# %% [markdown] course={"kind": "exercise", "id": "vim-normal", "item": "x-ssh-into-a-server-and-edit-a-file-using"}
# ### Vim's line commands in normal mode
#
# Write `vim_normal(lines, keys, cursor=0)` that plays normal-mode keys on a buffer and returns
# `(new_lines, new_cursor)` (the cursor is a 0-based line index). Keys come as one string, like
# you type them: `"ddjp"`, `"3j"`, `"2yyGp"`. Support, each with an optional count in front:
#
# | key | effect |
# |---|---|
# | `j` / `k` | move down / up *count* lines, stopping at the first and last line |
# | `gg` / `G` | go to the first / last line; with a count, to line *count* (numbered from 1) |
# | `dd` | delete *count* lines starting at the cursor, into the register; the cursor stays at the same index (or the new last line). Deleting every line leaves one empty line: `[""]` |
# | `yy` | copy *count* lines into the register; the cursor does not move |
# | `p` / `P` | put the register's lines below / above the cursor line (*count* times); the cursor goes to the first put line |
#
# A count is a number that does not start with `0` (in Vim, `0` alone is a motion, which is not
# supported here). Anything else raises `ValueError`. Never change the list you were given.
#
# ```python
# vim_normal(["a", "b", "c"], "ddp")    # (['b', 'a', 'c'], 1): swap two lines, a classic
# ```

# %% [markdown] course={"kind": "hint"}
# Check the whole string first: `re.fullmatch(r"(?:([1-9]\d*)?(gg|dd|yy|[jkGpP]))*", keys)` is
# `None` when there is an unknown key. Then `re.finditer(r"([1-9]\d*)?(gg|dd|yy|[jkGpP])", keys)`
# gives the commands one by one; `int(count or 1)` is the count.

# %% [markdown] course={"kind": "hint"}
# Keep `buffer`, `cursor` and `register` as local variables. `P` inserts at `cursor`, `p` at
# `cursor + 1`; after `dd` clamp the cursor with `min(cursor, len(buffer) - 1)`.

# %% course={"kind": "solution"}
import re


def vim_normal(lines: list[str], keys: str, cursor: int = 0) -> tuple[list[str], int]:
    """Play Vim normal-mode line commands (j k gg G dd yy p P, with counts) on a copy of ``lines``."""
    ### BEGIN SOLUTION
    command_pattern = r"([1-9]\d*)?(gg|dd|yy|[jkGpP])"
    if not re.fullmatch(f"(?:{command_pattern})*", keys):
        raise ValueError(f"unknown keys in {keys!r}")
    buffer = list(lines) or [""]
    register: list[str] = []
    for token in re.finditer(command_pattern, keys):
        count_text, command = token.groups()
        count = int(count_text or 1)
        last = len(buffer) - 1
        if command == "j":
            cursor = min(cursor + count, last)
        elif command == "k":
            cursor = max(cursor - count, 0)
        elif command in ("gg", "G"):
            if count_text:
                cursor = min(max(count - 1, 0), last)
            else:
                cursor = 0 if command == "gg" else last
        elif command == "dd":
            register = buffer[cursor:cursor + count]
            del buffer[cursor:cursor + count]
            buffer = buffer or [""]
            cursor = min(cursor, len(buffer) - 1)
        elif command == "yy":
            register = buffer[cursor:cursor + count]
        elif register:  # p or P; with an empty register they do nothing
            at = cursor + 1 if command == "p" else cursor
            buffer[at:at] = register * count
            cursor = at
    return buffer, cursor
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
buffer = ["a", "b", "c", "d"]
assert vim_normal(buffer, "j") == (buffer, 1), "j moves down one line"
assert vim_normal(buffer, "10j") == (buffer, 3), "moves stop at the last line"
assert vim_normal(buffer, "k", cursor=2) == (buffer, 1) and vim_normal(buffer, "5k", cursor=2) == (buffer, 0)
assert vim_normal(buffer, "G") == (buffer, 3) and vim_normal(buffer, "gg", cursor=3) == (buffer, 0)
assert vim_normal(buffer, "2G") == (buffer, 1), "with a count, G goes to that line number (from 1)"

# %% course={"kind": "test", "points": 2}
assert vim_normal(["a", "b", "c"], "ddp") == (["b", "a", "c"], 1), f"dd then p swaps lines: {vim_normal(['a', 'b', 'c'], 'ddp')}"
assert vim_normal(["a", "b", "c"], "yyP") == (["a", "a", "b", "c"], 0), "P puts above, cursor on the put line"
assert vim_normal(["a", "b", "c", "d"], "j2dd") == (["a", "d"], 1), "2dd deletes two lines from the cursor"
assert vim_normal(["a", "b", "c"], "Gdd") == (["a", "b"], 1), "after deleting the last line the cursor moves up"
assert vim_normal(["a", "b"], "2yyG3p") == (["a", "b", "a", "b", "a", "b", "a", "b"], 2), "counts on p repeat the put"

# %% course={"kind": "test", "points": 1}
buffer = ["only"]
assert vim_normal(buffer, "dd") == ([""], 0), "vim always keeps one (empty) line"
assert buffer == ["only"], "do not change the list you were given"
for bad in ("x", "dj", "g", "3"):
    try:
        vim_normal(["a"], bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"keys {bad!r} must raise ValueError")
### BEGIN HIDDEN TESTS
for bad in ("0j", "j ", "jx", "d d", "2"):
    try:
        vim_normal(["a", "b"], bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"keys {bad!r} must raise ValueError")
assert vim_normal(["a", "b"], "") == (["a", "b"], 0), "no keys, nothing happens"
assert vim_normal(list("abcdefghijkl"), "10j") == (list("abcdefghijkl"), 10), "counts can have several digits"
assert vim_normal(["a", "b", "c"], "99G") == (["a", "b", "c"], 2) and vim_normal(["a", "b", "c"], "1G", cursor=2) == (["a", "b", "c"], 0)
assert vim_normal(["a", "b", "c"], "j5dd") == (["a"], 0), "a count past the end deletes to the end"
assert vim_normal(["a", "b"], "p") == (["a", "b"], 0), "p with an empty register does nothing"
assert vim_normal(["a", "b"], "pj") == (["a", "b"], 1), "...and the keys after it still run"
assert vim_normal(["a", "b", "c"], "jddp") == (["a", "c", "b"], 2), "dd cuts from the cursor line, not from the top"
assert vim_normal(["a", "b", "c"], "jyyk2P") == (["b", "b", "a", "b", "c"], 0), "P with a count"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "zero-is-a-count", "fails": ["t3"]}
import re


def vim_normal(lines, keys, cursor=0):
    buffer = list(lines) or [""]
    register: list[str] = []
    position = 0
    for token in re.finditer(r"(\d*)(gg|dd|yy|[jkGpP])", keys):
        if token.start() != position:
            break
        position = token.end()
        count_text, command = token.groups()
        count = int(count_text or 1)
        last = len(buffer) - 1
        if command == "j":
            cursor = min(cursor + count, last)
        elif command == "k":
            cursor = max(cursor - count, 0)
        elif command in ("gg", "G"):
            if count_text:
                cursor = min(max(count - 1, 0), last)
            else:
                cursor = 0 if command == "gg" else last
        elif command == "dd":
            register = buffer[cursor:cursor + count]
            del buffer[cursor:cursor + count]
            buffer = buffer or [""]
            cursor = min(cursor, len(buffer) - 1)
        elif command == "yy":
            register = buffer[cursor:cursor + count]
        else:
            if not register:
                continue
            at = cursor + 1 if command == "p" else cursor
            buffer[at:at] = register * count
            cursor = at
    if position != len(keys):
        raise ValueError(f"unknown keys at {keys[position:]!r}")
    return buffer, cursor

# %% course={"kind": "wrong", "id": "p-above", "fails": ["t2", "t3"]}
import re


def vim_normal(lines, keys, cursor=0):
    buffer, register, position = list(lines), [], 0
    for token in re.finditer(r"(\d*)(gg|dd|yy|[jkGpP])", keys):
        if token.start() != position:
            break
        position = token.end()
        count = int(token.group(1) or 1)
        command = token.group(2)
        if command == "j":
            cursor = min(cursor + count, len(buffer) - 1)
        elif command == "k":
            cursor = max(cursor - count, 0)
        elif command in ("gg", "G"):
            cursor = (count - 1) if token.group(1) else (0 if command == "gg" else len(buffer) - 1)
        elif command == "dd":
            register = buffer[cursor:cursor + count]
            del buffer[cursor:cursor + count]
            buffer = buffer or [""]
            cursor = min(cursor, len(buffer) - 1)
        elif command == "yy":
            register = buffer[cursor:cursor + count]
        elif register:
            buffer[cursor:cursor] = register * count
    if position != len(keys):
        raise ValueError(keys)
    return buffer, cursor

# %% course={"kind": "wrong", "id": "empty-buffer", "fails": ["t3"]}
import re


def vim_normal(lines, keys, cursor=0):
    buffer, register, position = list(lines), [], 0
    for token in re.finditer(r"(\d*)(gg|dd|yy|[jkGpP])", keys):
        if token.start() != position:
            break
        position = token.end()
        count = int(token.group(1) or 1)
        command = token.group(2)
        if command == "j":
            cursor = min(cursor + count, len(buffer) - 1)
        elif command == "k":
            cursor = max(cursor - count, 0)
        elif command in ("gg", "G"):
            cursor = (count - 1) if token.group(1) else (0 if command == "gg" else len(buffer) - 1)
        elif command == "dd":
            register = buffer[cursor:cursor + count]
            del buffer[cursor:cursor + count]
            cursor = max(min(cursor, len(buffer) - 1), 0)
        elif command == "yy":
            register = buffer[cursor:cursor + count]
        elif register:
            at = cursor + 1 if command == "p" else cursor
            buffer[at:at] = register * count
            cursor = at
    if position != len(keys):
        raise ValueError(keys)
    return buffer, cursor

# %% [markdown] course={"kind": "exercise", "id": "editorconfig-reader", "item": "x-create-an-editorconfig-file-for"}
# ### Which EditorConfig properties apply to a file?
#
# Write `editorconfig_for(path, text)` that reads the text of an `.editorconfig` and returns the
# properties (a dict) for the file `path`, given relative to the folder of the `.editorconfig`
# with `/` separators. Follow the format:
#
# - lines starting with `#` or `;` are comments; `[glob]` starts a section; `key = value` sets a
#   property. Keys and values are stored in **lower case**; the lines before the first section
#   (such as `root = true`) are not properties of files;
# - every section whose glob matches the path applies, and **later sections override earlier ones**;
# - globs: `*` is any text without `/`, `**` any text including `/`, `?` one character other than
#   `/`, `{a,b,c}` any of the alternatives (a `{` that is never closed raises `ValueError`); a
#   glob **without** `/` matches the file name at any depth, a glob **with** `/` is matched
#   against the whole path (a leading `/` is dropped);
# - spaces around lines, section headers, keys and values do not count.
#
# ```python
# text = "root = true\n[*]\nindent_size = 4\n[{*.yml,*.yaml}]\nindent_size = 2\n[Makefile]\nindent_style = tab\n"
# editorconfig_for("ci/deploy.yaml", text)   # {'indent_size': '2'}
# editorconfig_for("src/Makefile", text)     # {'indent_size': '4', 'indent_style': 'tab'}
# ```

# %% [markdown] course={"kind": "hint"}
# Translate a glob to a regular expression: go through it character by character, turning `**`
# into `.*`, `*` into `[^/]*`, `?` into `[^/]`, `{a,b}` into `(?:a|b)`, and `re.escape` the rest.

# %% [markdown] course={"kind": "hint"}
# For a glob without `/`, match it against the last part of the path (`path.rsplit("/", 1)[-1]`);
# otherwise against the whole path with `re.fullmatch`. Apply matching sections in file order
# with `dict.update`.

# %% course={"kind": "solution", "equivalent": {"m-005bb621": "the second * then adds [^/]*, and .*[^/]* matches exactly what .* matches"}}
import re


def editorconfig_for(path: str, text: str) -> dict[str, str]:
    """The EditorConfig properties that apply to ``path`` (later sections win)."""
    ### BEGIN SOLUTION
    def to_regex(glob: str) -> str:
        out, i = "", 0
        while i < len(glob):
            if glob.startswith("**", i):
                out, i = out + ".*", i + 2
            elif glob[i] == "*":
                out, i = out + "[^/]*", i + 1
            elif glob[i] == "?":
                out, i = out + "[^/]", i + 1
            elif glob[i] == "{":
                end = glob.index("}", i)  # ValueError when the brace is never closed
                options = glob[i + 1:end].split(",")
                out, i = out + "(?:" + "|".join(to_regex(o) for o in options) + ")", end + 1
            else:
                out, i = out + re.escape(glob[i]), i + 1
        return out

    def matches(glob: str) -> bool:
        if "/" in glob:
            return re.fullmatch(to_regex(glob.lstrip("/")), path) is not None
        return re.fullmatch(to_regex(glob), path.split("/")[-1]) is not None

    properties: dict[str, str] = {}
    active = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            active = matches(line[1:-1])
        elif active and "=" in line:
            key, _, value = line.partition("=")
            properties[key.strip().lower()] = value.strip().lower()
    return properties
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
text = "root = true\n\n[*]\nindent_style = space\nindent_size = 4\n\n[*.py]\nmax_line_length = 88\n"
assert editorconfig_for("app.py", text) == {"indent_style": "space", "indent_size": "4", "max_line_length": "88"}, (
    f"got {editorconfig_for('app.py', text)}")
assert editorconfig_for("README.md", text) == {"indent_style": "space", "indent_size": "4"}, "root = true is not a file property"

# %% course={"kind": "test", "points": 2}
text = "root = true\n[*]\nindent_size = 4\n[{*.yml,*.yaml}]\nindent_size = 2\n[Makefile]\nindent_style = tab\n"
assert editorconfig_for("ci/deploy.yaml", text) == {"indent_size": "2"}, "braces list alternatives; later sections win"
assert editorconfig_for("compose.yml", text) == {"indent_size": "2"}
assert editorconfig_for("src/Makefile", text) == {"indent_size": "4", "indent_style": "tab"}, (
    "a glob without / matches the name at any depth")
text = "[*.py]\nindent_size = 2\n[*]\nindent_size = 4\n"
assert editorconfig_for("app.py", text) == {"indent_size": "4"}, "a later [*] overrides an earlier [*.py]"

# %% course={"kind": "test", "points": 2}
text = "[docs/*.md]\ntrim_trailing_whitespace = false\n[/lib/**.js]\nindent_size = 2\n"
assert editorconfig_for("docs/guide.md", text) == {"trim_trailing_whitespace": "false"}
assert editorconfig_for("docs/api/guide.md", text) == {}, "* does not cross /"
assert editorconfig_for("site/docs/guide.md", text) == {}, "a glob with / is matched against the whole path"
assert editorconfig_for("lib/vendor/x/app.js", text) == {"indent_size": "2"}, "** crosses /; a leading / is dropped"
### BEGIN HIDDEN TESTS
text = "; comment\n# another\n[*]\nIndent_Style = Space\n[file?.txt]\ncharset = utf-8\n"
assert editorconfig_for("file1.txt", text) == {"indent_style": "space", "charset": "utf-8"}, "keys and values lower case"
assert editorconfig_for("file10.txt", text) == {"indent_style": "space"}, "? is one character"
assert editorconfig_for("a.py", "") == {}
assert editorconfig_for("README.MD", "[*.md]\nx = 1\n") == {}, "globs are case-sensitive"
assert editorconfig_for("deep/a/b.md", "[**.md]\nx = 1\n") == {"x": "1"}, "** crosses folders even without /"
assert editorconfig_for("a.txt", "[*]\nk = v = w\n") == {"k": "v = w"}, "the value is everything after the first ="
assert editorconfig_for("x/readmd", "[**.md]\nx = 1\n") == {} and editorconfig_for("notes_py", "[*.py]\nx = 1\n") == {}, "a . is a dot"
assert editorconfig_for("src/app.js", "[{src,lib}/*.js]\nx = 1\n") == {"x": "1"} and editorconfig_for("lib/a.js", "[{src,lib}/*.js]\nx = 1\n") == {"x": "1"}
assert editorconfig_for("a.c", "[{a,b}.{c,h}]\nx = 1\n") == {"x": "1"} and editorconfig_for("b.x", "[{a,b}.{c,h}]\nx = 1\n") == {}
indented = "  [*.py]  \n   indent_size = 2  \n; old: indent_size = 8\n# tab_width = 9\nquote_type = [single]\n"
assert editorconfig_for("a.py", indented) == {"indent_size": "2", "quote_type": "[single]"}, editorconfig_for("a.py", indented)
try:
    editorconfig_for("a.py", "[{a,b]\nx = 1\n")
except ValueError:
    pass
else:
    raise AssertionError("an unclosed { must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "fnmatch-path", "fails": ["t2", "t3"]}
from fnmatch import fnmatchcase


def editorconfig_for(path, text):
    properties, active = {}, False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            glob = line[1:-1]
            options = glob[1:-1].split(",") if glob.startswith("{") else [glob]
            active = any(fnmatchcase(path, option.lstrip("/")) for option in options)
        elif active and "=" in line:
            key, _, value = line.partition("=")
            properties[key.strip().lower()] = value.strip().lower()
    return properties

# %% course={"kind": "wrong", "id": "name-only", "fails": ["t3"]}
import re


def editorconfig_for(path, text):
    def to_regex(glob):
        out, i = "", 0
        while i < len(glob):
            if glob.startswith("**", i):
                out, i = out + ".*", i + 2
            elif glob[i] == "*":
                out, i = out + "[^/]*", i + 1
            elif glob[i] == "?":
                out, i = out + "[^/]", i + 1
            elif glob[i] == "{":
                end = glob.index("}", i)
                out, i = out + "(?:" + "|".join(to_regex(o) for o in glob[i + 1:end].split(",")) + ")", end + 1
            else:
                out, i = out + re.escape(glob[i]), i + 1
        return out

    properties, active = {}, False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            glob = line[1:-1].rsplit("/", 1)[-1]  # compares every glob with the file name only
            active = re.fullmatch(to_regex(glob), path.rsplit("/", 1)[-1]) is not None
        elif active and "=" in line:
            key, _, value = line.partition("=")
            properties[key.strip().lower()] = value.strip().lower()
    return properties

# %% course={"kind": "wrong", "id": "first-section-wins", "fails": ["t2"]}
import re


def editorconfig_for(path, text):
    def to_regex(glob):
        out, i = "", 0
        while i < len(glob):
            if glob.startswith("**", i):
                out, i = out + ".*", i + 2
            elif glob[i] == "*":
                out, i = out + "[^/]*", i + 1
            elif glob[i] == "?":
                out, i = out + "[^/]", i + 1
            elif glob[i] == "{":
                end = glob.index("}", i)
                out, i = out + "(?:" + "|".join(to_regex(o) for o in glob[i + 1:end].split(",")) + ")", end + 1
            else:
                out, i = out + re.escape(glob[i]), i + 1
        return out

    properties, active = {}, False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            glob = line[1:-1]
            target = path if "/" in glob else path.rsplit("/", 1)[-1]
            active = re.fullmatch(to_regex(glob.lstrip("/")), target) is not None
        elif active and "=" in line:
            key, _, value = line.partition("=")
            properties.setdefault(key.strip().lower(), value.strip().lower())
    return properties

# %% [markdown] course={"kind": "exercise", "id": "ruff-settings", "item": "x-configure-vs-code-for-python-development"}
# ### What will Ruff check? Read `[tool.ruff]`
#
# The Ruff extension in VS Code reads the project's `pyproject.toml`, so the lint rules live with
# the code, not in the editor. Write `ruff_settings(pyproject_text)` that returns the settings
# Ruff would use, as a dict with four keys:
#
# | key | where it comes from | default |
# |---|---|---|
# | `"line-length"` | `[tool.ruff] line-length` | `88` |
# | `"target-version"` | `[tool.ruff] target-version` | `None` (not set: Ruff then falls back to `[project] requires-python`, or its own default) |
# | `"select"` | `[tool.ruff.lint] select`; older files put it in `[tool.ruff]` (use it only when `[tool.ruff.lint]` has none); then add `extend-select` (from the same places) without duplicates. An empty `select = []` is a choice (no rules), not a missing value | `["E4", "E7", "E9", "F"]` |
# | `"ignore"` | `[tool.ruff.lint] ignore`, else `[tool.ruff] ignore` | `[]` |
#
# ```python
# ruff_settings('[tool.ruff]\nline-length = 100\n[tool.ruff.lint]\nselect = ["E", "F", "I"]\n')
# # {'line-length': 100, 'target-version': None, 'select': ['E', 'F', 'I'], 'ignore': []}
# ```
#
# Invalid TOML raises `ValueError` (Python's `tomllib.TOMLDecodeError` already is one).

# %% [markdown] course={"kind": "hint"}
# `tomllib.loads(text)` returns nested dicts: `data.get("tool", {}).get("ruff", {})` is the
# `[tool.ruff]` table and `ruff.get("lint", {})` the `[tool.ruff.lint]` one.

# %% [markdown] course={"kind": "hint"}
# Return fresh lists (`list(...)`), and add `extend-select` items only when they are not already
# in `select`.

# %% course={"kind": "solution", "equivalent": {"m-d152092c": "tomllib.loads builds new lists on every call, so returning them unchanged shares nothing", "m-e2f509d8": "tomllib.loads builds new lists on every call, so returning them unchanged shares nothing"}}
import tomllib

RUFF_DEFAULT_SELECT = ["E4", "E7", "E9", "F"]


def ruff_settings(pyproject_text: str) -> dict:
    """line-length, target-version, select and ignore as Ruff would read them from pyproject.toml."""
    ### BEGIN SOLUTION
    data = tomllib.loads(pyproject_text)
    ruff = data.get("tool", {}).get("ruff", {})
    lint = ruff.get("lint", {})

    def lint_value(key: str, default: list) -> list:
        if key in lint:
            return list(lint[key])
        if key in ruff:
            return list(ruff[key])
        return list(default)

    select = lint_value("select", RUFF_DEFAULT_SELECT)
    for code in lint_value("extend-select", []):
        if code not in select:
            select.append(code)
    return {
        "line-length": ruff.get("line-length", 88),
        "target-version": ruff.get("target-version"),
        "select": select,
        "ignore": lint_value("ignore", []),
    }
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
expected = {"line-length": 88, "target-version": None, "select": ["E4", "E7", "E9", "F"], "ignore": []}
assert ruff_settings('[project]\nname = "svc"\n') == expected, f"no [tool.ruff]: Ruff's defaults; got {ruff_settings('[project]')}"
assert ruff_settings("") == expected, "an empty file gives the defaults too"

# %% course={"kind": "test", "points": 1}
text = '[tool.ruff]\nline-length = 100\ntarget-version = "py311"\n[tool.ruff.lint]\nselect = ["E", "F", "I"]\nignore = ["E501"]\n'
assert ruff_settings(text) == {"line-length": 100, "target-version": "py311", "select": ["E", "F", "I"], "ignore": ["E501"]}, (
    f"got {ruff_settings(text)}")

# %% course={"kind": "test", "points": 2}
legacy = '[tool.ruff]\nselect = ["E", "W"]\nignore = ["W291"]\n'
assert ruff_settings(legacy)["select"] == ["E", "W"], "older files keep select in [tool.ruff]"
assert ruff_settings(legacy)["ignore"] == ["W291"]
both = '[tool.ruff]\nselect = ["E"]\n[tool.ruff.lint]\nselect = ["F"]\nextend-select = ["B", "F"]\n'
assert ruff_settings(both)["select"] == ["F", "B"], f"[tool.ruff.lint] wins, extend-select adds without duplicates: {ruff_settings(both)['select']}"
### BEGIN HIDDEN TESTS
only_extend = '[tool.ruff.lint]\nextend-select = ["I", "UP"]\n'
assert ruff_settings(only_extend)["select"] == ["E4", "E7", "E9", "F", "I", "UP"], "extend-select adds to the defaults"
first = ruff_settings("")
first["select"].append("X")
assert ruff_settings("")["select"] == ["E4", "E7", "E9", "F"], "return a fresh list each time, not a shared default"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
empty = ruff_settings('[tool.ruff]\nselect = ["E"]\n[tool.ruff.lint]\nselect = []\nignore = []\n')
assert empty["select"] == [] and empty["ignore"] == [], f"select = [] in [tool.ruff.lint] means no rules: it is set, even though it is empty; got {empty}"
legacy_extend = ruff_settings('[tool.ruff]\nextend-select = ["I"]\n')
assert legacy_extend["select"] == ["E4", "E7", "E9", "F", "I"], f"extend-select in [tool.ruff] counts too: {legacy_extend['select']}"
settings = ruff_settings('[tool.ruff]\nline-length = 120\n')
assert type(settings["line-length"]) is int and type(settings["select"]) is list, "an int and lists"

# %% course={"kind": "test", "points": 1}
try:
    ruff_settings("[tool.ruff\nline-length = 100")
except ValueError:
    pass
else:
    raise AssertionError("invalid TOML must raise ValueError")

# %% course={"kind": "wrong", "id": "new-location-only", "fails": ["t3", "t4"]}
import tomllib


def ruff_settings(pyproject_text):
    ruff = tomllib.loads(pyproject_text).get("tool", {}).get("ruff", {})
    lint = ruff.get("lint", {})
    select = list(lint.get("select", ["E4", "E7", "E9", "F"]))
    select += [c for c in lint.get("extend-select", []) if c not in select]
    return {"line-length": ruff.get("line-length", 88), "target-version": ruff.get("target-version"),
            "select": select, "ignore": list(lint.get("ignore", []))}

# %% course={"kind": "wrong", "id": "or-chain", "fails": ["t4"]}
import tomllib


def ruff_settings(pyproject_text):
    ruff = tomllib.loads(pyproject_text).get("tool", {}).get("ruff", {})
    lint = ruff.get("lint", {})
    select = list(lint.get("select") or ruff.get("select") or ["E4", "E7", "E9", "F"])  # [] falls through
    for code in lint.get("extend-select") or ruff.get("extend-select") or []:
        if code not in select:
            select.append(code)
    return {"line-length": ruff.get("line-length", 88), "target-version": ruff.get("target-version"),
            "select": select, "ignore": list(lint.get("ignore") or ruff.get("ignore") or [])}

# %% course={"kind": "wrong", "id": "shared-default", "fails": ["t3", "t4"]}
import tomllib

DEFAULT = ["E4", "E7", "E9", "F"]


def ruff_settings(pyproject_text):
    ruff = tomllib.loads(pyproject_text).get("tool", {}).get("ruff", {})
    lint = ruff.get("lint", {})
    select = lint.get("select", ruff.get("select", DEFAULT))
    for code in lint.get("extend-select", ruff.get("extend-select", [])):
        if code not in select:
            select.append(code)
    return {"line-length": ruff.get("line-length", 88), "target-version": ruff.get("target-version"),
            "select": select, "ignore": lint.get("ignore", ruff.get("ignore", []))}

# %% [markdown] course={"kind": "task", "id": "vscode-for-python", "item": "x-configure-vs-code-for-python-development", "points": 2}
# ### Set up VS Code on your machine
#
# Install VS Code and the recommended extensions (use the `code --install-extension` lines from
# the first lesson), open a Python project, select its virtual environment as the interpreter,
# and set a breakpoint in a script through a `launch.json` made with `launch_config`. Paste the
# output of `code --list-extensions` and a one-line description of what you saw when the
# breakpoint was hit.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: the extension list contains the Python, Pylance, debugger and at least three others.
# - 1 point: a debugging session actually stopped at a breakpoint (variables named in the description).

# %% [markdown] course={"kind": "task", "id": "vim-on-a-server", "item": "x-ssh-into-a-server-and-edit-a-file-using", "points": 2}
# ### Edit a file on a server with Vim
#
# SSH into a VM or container you own, open a configuration file (a copy, e.g. `cp /etc/hosts ~/hosts.copy`)
# with `vim`, and, without arrow keys or the mouse: go to the last line (`G`), duplicate it
# (`yyp`), change a word on it (`cw`, type, `Esc`), replace a word everywhere (`:%s/old/new/g`),
# save and quit (`:wq`). Then open it again and leave without saving (`:q!`). List the keys you
# used, in order.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: a plausible key sequence covering movement, yank/put, a substitute and `:wq`.
# - 1 point: the learner shows the difference between `:wq` and `:q!` (the file after each).

# %% [markdown] course={"kind": "answer", "question": "q-what-s-your-preferred-editor-and-why"}
# A good answer names a tool and a reason tied to the work, and shows you are not helpless
# without it. For example: "VS Code for daily work: Pylance for navigation, the debugger, and
# Remote-SSH or Dev Containers so I edit code where it runs. The project's formatting and lint
# rules live in `pyproject.toml` and `.editorconfig`, so the editor choice does not matter to the
# team. On servers I use Vim for quick fixes." Interviewers listen for a configured, deliberate
# setup and for portability, not for a particular brand.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-debug-python-code"}
# Reproduce the problem first, ideally as a failing test. Read the full traceback from the
# bottom up. Then pause the program where it goes wrong: a breakpoint in the IDE, or
# `breakpoint()` / `python -m pdb` anywhere, and inspect variables, step with `n`/`s`, walk the
# stack with `u`/`d`. For programs that cannot be paused (services, production), add structured
# logging around the suspect code; `python -m pdb -c continue` or `pytest --pdb` opens a
# debugger at the point of failure. For a regression, `git bisect` finds the commit. Fix, then
# keep the test.

# %% [markdown] course={"kind": "answer", "question": "q-can-you-edit-files-on-a-remote-server"}
# Yes: over SSH with a terminal editor. With Vim: `vim file`, `/word` to find, `i` to insert,
# `Esc`, `:wq` to save and quit (`:q!` to abandon); nano is fine for small edits (`^O` save,
# `^X` exit). For anything owned by root, `sudoedit file` edits a temporary copy with your own
# editor settings. For bigger work, VS Code Remote-SSH edits the files in place from a local
# window, and for one-off, scripted changes `sed -i` or `ansible` are better than editing by hand.
# Keep a backup (`cp file file.bak`) before touching a live config.

# %% course={"kind": "trap", "trap": "trap-over-reliance-on-ide-features-without"}
# "It works when I press Run in the IDE": the IDE starts scripts in the project folder. The same
# script run by cron, CI or a colleague from another folder reads paths relative to *their* folder.
import subprocess
import sys
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    project = Path(tmp, "project")
    (project / "config").mkdir(parents=True)
    (project / "config" / "app.ini").write_text("port = 8000\n")
    fragile = project / "fragile.py"
    fragile.write_text("print(open('config/app.ini').read().strip())\n")
    robust = project / "robust.py"
    robust.write_text("from pathlib import Path\n"
                      "here = Path(__file__).resolve().parent\n"
                      "print((here / 'config' / 'app.ini').read_text().strip())\n")
    for script in (fragile, robust):
        for cwd, label in ((project, "IDE 'Run' (project folder)"), (tmp, "cron / CI (another folder)")):
            run = subprocess.run([sys.executable, str(script)], cwd=cwd, capture_output=True, text=True)
            outcome = run.stdout.strip() or run.stderr.strip().splitlines()[-1]
            print(f"{script.name:10} {label:28} -> {outcome}")

# %% course={"kind": "trap", "trap": "trap-not-knowing-basic-vim-can-be"}
# On a fresh server nothing sets EDITOR, so `git commit` and `git rebase -i` often drop you into
# vi (and on Red Hat family systems `crontab -e` too). Ask git which editor it would start when
# EDITOR and VISUAL are unset:
import os
import shutil
import subprocess
import tempfile

survival = ["Esc Esc    back to normal mode, whatever happened",
            "i          start typing (insert mode)",
            ":wq Enter  save and quit",
            ":q! Enter  quit WITHOUT saving",
            "u          undo"]
if shutil.which("git"):
    bare_env = {k: v for k, v in os.environ.items() if k not in ("EDITOR", "VISUAL") and not k.startswith("GIT_")}
    with tempfile.TemporaryDirectory() as tmp:
        # an empty global config of our own (never os.devnull: git may rename a file over it)
        empty = os.path.join(tmp, "gitconfig")
        open(empty, "w").close()
        bare_env.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": empty})
        editor = subprocess.run(["git", "var", "GIT_EDITOR"], env=bare_env, cwd=tmp, capture_output=True, text=True)
    name = editor.stdout.strip() or "(git could not tell)"
    found = shutil.which(name.split()[0]) if name[:1] != "(" else None
    target = os.path.realpath(found) if found else None
    # upstream git falls back to vi; Debian and Ubuntu build git to use `editor`, a link to vim or nano
    print("git would open:", name, f"(which is {target})" if target and target != found else "")
else:
    print("git is not installed here; its fallback editor is vi")
print("the five commands that get you out:")
print("\n".join("  " + line for line in survival))
