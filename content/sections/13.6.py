# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can store and fetch objects in S3 and Google Cloud Storage from Python: keys
# and prefixes, paginated listings, metadata, presigned links, multipart uploads, versioning, lifecycle rules and
# downloads that stream, all against real local HTTP endpoints, behind one interface that also fits a folder.

# %% course={"kind": "setup", "id": "servers"}
# Two real HTTP endpoints on 127.0.0.1, started once for this kernel and stopped with it: moto's S3 server (it
# speaks the S3 REST API) and the Google Cloud Storage emulator. boto3 and google-cloud-storage talk to them as
# they would talk to AWS and Google, with fake credentials, so nothing leaves this machine. Each run of this cell
# starts both from empty.
import csv
import hashlib
import io
import json
import re
import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import BinaryIO, Protocol
from urllib.parse import parse_qs, urlsplit

from botocore.config import Config
from botocore.exceptions import ClientError

from course.runtime.aws import TooBigRead, client, limited_reads, recorded, reset, shared_moto
from course.runtime.gcs import gcs_client, shared_gcs, wipe
from course.runtime.listing import listing_z_to_a
from course.runtime.scratch import scratch_dir

S3_ENDPOINT = shared_moto()
reset(S3_ENDPOINT)
s3 = client("s3", S3_ENDPOINT, config=Config(signature_version="s3v4"))  # presigned URLs in Signature V4
GCS_ENDPOINT = shared_gcs()
wipe(GCS_ENDPOINT)
gcs = gcs_client(GCS_ENDPOINT)
MiB = 1024 * 1024
MIN_PART, MAX_PART, MAX_PARTS = 5 * MiB, 5 * 1024 * MiB, 10_000  # S3's multipart limits
print("S3 at", S3_ENDPOINT, "| GCS at", GCS_ENDPOINT)

# %% course={"kind": "setup", "id": "stores"}
# One small interface for "somewhere to keep bytes by name", and two backends for it (the last exercise adds a
# third). Code written against `Store` runs unchanged on S3, on GCS, or on a folder in tests.
class Store(Protocol):
    def put(self, key: str, data: bytes) -> None: ...
    def get(self, key: str) -> bytes: ...  # KeyError if there is no such key
    def keys(self, prefix: str = "") -> list[str]: ...  # every key starting with prefix, sorted
    def delete(self, key: str) -> None: ...  # a missing key is not an error


class S3Store:
    def __init__(self, s3_client, bucket: str) -> None:
        self.s3, self.bucket = s3_client, bucket
        self.s3.create_bucket(Bucket=bucket)

    def put(self, key: str, data: bytes) -> None:
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=data)

    def get(self, key: str) -> bytes:
        try:
            return self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        except self.s3.exceptions.NoSuchKey:
            raise KeyError(key) from None

    def keys(self, prefix: str = "") -> list[str]:
        pages = self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))

    def delete(self, key: str) -> None:
        self.s3.delete_object(Bucket=self.bucket, Key=key)  # S3 answers 204 for a missing key too


class GCSStore:
    def __init__(self, gcs_client, bucket: str) -> None:
        self.bucket = gcs_client.create_bucket(bucket)

    def put(self, key: str, data: bytes) -> None:
        self.bucket.blob(key).upload_from_string(data)

    def get(self, key: str) -> bytes:
        blob = self.bucket.get_blob(key)
        if blob is None:
            raise KeyError(key)
        return blob.download_as_bytes()

    def keys(self, prefix: str = "") -> list[str]:
        return sorted(blob.name for blob in self.bucket.list_blobs(prefix=prefix))

    def delete(self, key: str) -> None:
        blob = self.bucket.get_blob(key)
        if blob is not None:
            blob.delete()


def check_store(store: Store) -> None:
    """The contract every backend keeps; raises AssertionError naming the first broken promise."""
    name = type(store).__name__
    assert store.keys() == [], f"{name}: a new store is empty"
    store.put("reports/2026/b.csv", b"b")
    store.put("reports/2026/a.csv", "é,ü".encode())
    store.put("reports-old.txt", b"")
    store.put("zebra", b"\x00\xff")
    assert store.get("reports/2026/a.csv") == "é,ü".encode(), f"{name}: get returns the exact bytes"
    assert store.get("reports-old.txt") == b"", f"{name}: an empty object is still an object"
    assert store.get("zebra") == b"\x00\xff", f"{name}: binary data comes back unchanged"
    assert store.keys() == ["reports-old.txt", "reports/2026/a.csv", "reports/2026/b.csv", "zebra"], f"{name}: sorted"
    assert store.keys("reports") == ["reports-old.txt", "reports/2026/a.csv", "reports/2026/b.csv"], (
        f"{name}: a prefix is a string prefix, not a folder"
    )
    assert store.keys("reports/") == ["reports/2026/a.csv", "reports/2026/b.csv"], f"{name}: prefix with slash"
    assert store.keys("nothing/") == [], f"{name}: no match, no keys"
    store.put("zebra", b"new")
    assert store.get("zebra") == b"new", f"{name}: put replaces"
    store.delete("zebra")
    store.delete("zebra")  # twice: not an error
    try:
        store.get("zebra")
    except KeyError:
        pass
    else:
        raise AssertionError(f"{name}: get of a deleted key raises KeyError")
    assert store.keys() == ["reports-old.txt", "reports/2026/a.csv", "reports/2026/b.csv"], f"{name}: deleted"

# %% course={"kind": "setup", "id": "readers"}
class RecordingReader(io.RawIOBase):
    """A binary stream over `data` that records the size of every read and can fail at read number `fail_at`."""

    def __init__(self, data: bytes, fail_at: int = 0) -> None:
        self.inner, self.sizes, self.fail_at = io.BytesIO(data), [], fail_at

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        self.sizes.append(size)
        if len(self.sizes) == self.fail_at:
            raise OSError("the disk went away")
        return self.inner.read(size)


PATTERN = bytes(range(256)) * 4096  # 1 MiB that is not all one byte

# %% [markdown] course={"kind": "lesson", "id": "fundamentals", "covers": ["c-object-storage-fundamentals", "c-objects-buckets-keys", "c-flat-namespace", "c-metadata", "c-object-storage-vs-file-storage-vs-block", "c-durability-and-availability"]}
# ### Object storage: buckets, keys, objects
#
# An **object store** keeps **objects**: a blob of bytes plus a little **metadata** (size, content type, a
# checksum, your own `x-amz-meta-*` pairs), filed under a **key** inside a **bucket**. You write an object
# whole, you read it whole or by byte range, and you replace it whole: there is no "append a line" or "change
# byte 100". In exchange you get a service that holds billions of objects, serves them over HTTP to any number
# of machines at once, and keeps them safe: S3 Standard is designed for 99.999999999 % ("eleven nines")
# **durability** (the object is not lost) and 99.99 % **availability** (you can reach it), by storing copies
# in several data centres.
#
# The namespace is **flat**. `logs/2026/01/app.log` is one key that happens to contain slashes; no folder
# `logs/` exists unless someone made an empty object with that name. Consoles and `aws s3 ls` *show* folders by
# splitting keys at `/`, and the API helps with **prefix** and **delimiter** parameters, but renaming a
# "folder" means copying and deleting every object under it.
#
# | | block storage (EBS, a disk) | file storage (NFS, EFS) | object storage (S3, GCS, Blob) |
# |---|---|---|---|
# | unit | fixed-size blocks, one machine mounts it | files in real folders, shared mounts | whole objects by key, over HTTP |
# | change in place | yes (databases live here) | yes, with locks | no: replace the object |
# | typical use | a VM's disk, a database | home folders, legacy apps | artifacts, backups, logs, datasets, models |
#
# DevOps and MLOps engineers meet it everywhere: build artifacts, Terraform state, backups, logs, training data,
# model files. The mistake people make: treating it like a disk (many small appends, renames, "list the folder
# then open each file" loops over millions of keys). The demo stores three objects and asks for "folders":

# %% course={"kind": "demo"}
s3.create_bucket(Bucket="demo-basics")
for key in ("logs/2026/01/app.log", "logs/2026/02/app.log", "logs-archive.tar"):
    s3.put_object(Bucket="demo-basics", Key=key, Body=b"...", ContentType="text/plain", Metadata={"team": "platform"})
flat = s3.list_objects_v2(Bucket="demo-basics", Prefix="logs")
print("prefix 'logs'      :", [item["Key"] for item in flat["Contents"]])
level = s3.list_objects_v2(Bucket="demo-basics", Prefix="logs/", Delimiter="/")
print("prefix 'logs/' + / :", [p["Prefix"] for p in level["CommonPrefixes"]], "(computed from keys, not stored)")
head = s3.head_object(Bucket="demo-basics", Key="logs/2026/01/app.log")
print("metadata           :", head["ContentType"], head["ContentLength"], "bytes", head["Metadata"], head["ETag"])

# %% [markdown] course={"kind": "lesson", "id": "s3-basics", "covers": ["c-amazon-s3", "c-bucket-operations", "c-object-operations"]}
# ### S3 with boto3: buckets and objects
#
# **Bucket operations**: `create_bucket` (names are global across all AWS accounts, 3 to 63 lowercase letters,
# digits, dots and hyphens; outside `us-east-1` you also pass `CreateBucketConfiguration={"LocationConstraint":
# region}`), `list_buckets`, `head_bucket` (does it exist, may I use it), `delete_bucket` (only when empty).
# **Object operations**: `put_object`, `get_object` (the body is a stream), `head_object` (metadata only),
# `copy_object` (server side, no download), `delete_object`, `list_objects_v2` (at most 1,000 keys per call).
#
# Two things surprise people. Errors are `botocore.exceptions.ClientError` with a code inside
# (`err.response["Error"]["Code"]`), and `head_object` on a missing key says only `404`, because a HEAD answer has
# no body to carry `NoSuchKey`. And a listing is **paginated**: one call returns at most `MaxKeys` keys plus
# `IsTruncated` and a `NextContinuationToken`; code that reads one page works in tests with ten files and
# silently drops data in production. Here the page size is 2 to make pages visible:

# %% course={"kind": "demo"}
s3.create_bucket(Bucket="demo-objects")
for n in range(5):
    s3.put_object(Bucket="demo-objects", Key=f"runs/{n}.json", Body=b"{}")
page = s3.list_objects_v2(Bucket="demo-objects", MaxKeys=2)
print("page 1:", [item["Key"] for item in page["Contents"]], "truncated:", page["IsTruncated"])
page = s3.list_objects_v2(Bucket="demo-objects", MaxKeys=2, ContinuationToken=page["NextContinuationToken"])
print("page 2:", [item["Key"] for item in page["Contents"]], "truncated:", page["IsTruncated"])
for call in (lambda: s3.get_object(Bucket="demo-objects", Key="nope"), lambda: s3.head_object(Bucket="demo-objects", Key="nope")):
    try:
        call()
    except ClientError as err:
        print(err.operation_name, "->", err.response["Error"]["Code"])

# %% [markdown] course={"kind": "exercise", "id": "upload-file", "item": "x-upload-and-download-files-from-s3"}
# ### Upload a file with its content type and checksum
#
# Write `upload_file(s3, bucket, path, prefix="")` that uploads the file at `path` and returns its key:
#
# - the key is the file's name under `prefix`: `prefix` may come with or without slashes around it
#   (`"reports"`, `"reports/"`, `"/reports/"` all give `reports/<name>`); an empty prefix gives just `<name>`.
#   A key never starts with `/` and never holds `//`;
# - `ContentType` comes from the `CONTENT_TYPES` table by the file's suffix in any case (`.CSV` is `.csv`);
#   a suffix not in the table gives `"application/octet-stream"`;
# - the user metadata holds `sha256`: the hex SHA-256 of the bytes, so a reader can check what it got;
# - the bytes go up exactly as they are on disk (the file may not be text).
#
# ```python
# upload_file(s3, "artifacts", Path("/tmp/x/metrics.csv"), "runs/7")   # 'runs/7/metrics.csv'
# s3.head_object(Bucket="artifacts", Key="runs/7/metrics.csv")["ContentType"]   # 'text/csv'
# ```

# %% [markdown] course={"kind": "hint"}
# `path.suffix.lower()` for the table; `path.read_bytes()` for the data; `prefix.strip("/")` for the prefix.

# %% [markdown] course={"kind": "hint"}
# `s3.put_object(Bucket=..., Key=..., Body=data, ContentType=..., Metadata={"sha256": ...})`. Without
# `ContentType`, S3 stores `binary/octet-stream` and a browser downloads your report instead of showing it.

# %% course={"kind": "solution"}
CONTENT_TYPES = {".csv": "text/csv", ".json": "application/json", ".txt": "text/plain", ".html": "text/html"}


def upload_file(s3, bucket: str, path: Path, prefix: str = "") -> str:
    ### BEGIN SOLUTION
    folder = prefix.strip("/")
    key = f"{folder}/{path.name}" if folder else path.name
    data = path.read_bytes()
    s3.put_object(
        Bucket=bucket,
        Key=key,
        Body=data,
        ContentType=CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream"),
        Metadata={"sha256": hashlib.sha256(data).hexdigest()},
    )
    return key
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
s3.create_bucket(Bucket="upload-tests")
_folder = scratch_dir("s3-upload")
(_folder / "metrics.csv").write_text("step,loss\n1,0.5\n", encoding="utf-8")
assert upload_file(s3, "upload-tests", _folder / "metrics.csv", "runs/7") == "runs/7/metrics.csv"
_head = s3.head_object(Bucket="upload-tests", Key="runs/7/metrics.csv")
assert _head["ContentType"] == "text/csv", f"content type from the table, got {_head['ContentType']!r}"
_body = s3.get_object(Bucket="upload-tests", Key="runs/7/metrics.csv")["Body"].read()
assert _body == b"step,loss\n1,0.5\n", "the bytes arrive unchanged"

# %% course={"kind": "test", "points": 1}
for _prefix in ("reports", "reports/", "/reports/", "/reports"):
    _key = upload_file(s3, "upload-tests", _folder / "metrics.csv", _prefix)
    assert _key == "reports/metrics.csv", f"prefix {_prefix!r} gives 'reports/metrics.csv', not {_key!r}"
for _prefix in ("", "/"):
    _key = upload_file(s3, "upload-tests", _folder / "metrics.csv", _prefix)
    assert _key == "metrics.csv", f"prefix {_prefix!r} gives just the name, not {_key!r}"
### BEGIN HIDDEN TESTS
assert upload_file(s3, "upload-tests", _folder / "metrics.csv", "a/b/") == "a/b/metrics.csv"
assert upload_file(s3, "upload-tests", _folder / "metrics.csv") == "metrics.csv", "prefix defaults to ''"
_keys = [item["Key"] for item in s3.list_objects_v2(Bucket="upload-tests")["Contents"]]
assert {"a/b/metrics.csv", "metrics.csv", "reports/metrics.csv"} <= set(_keys), "the returned keys are the stored ones"
assert [k for k in _keys if k.startswith("/") or "//" in k] == [], "no stored key starts with '/' or holds '//'"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_data = bytes(range(256)) + "ünïcødé".encode()
(_folder / "MODEL.BIN").write_bytes(_data)
(_folder / "Notes.TXT").write_bytes(b"")
_key = upload_file(s3, "upload-tests", _folder / "MODEL.BIN", "models")
_head = s3.head_object(Bucket="upload-tests", Key=_key)
assert _head["ContentType"] == "application/octet-stream", "an unknown suffix is application/octet-stream"
assert _head["Metadata"] == {"sha256": hashlib.sha256(_data).hexdigest()}, "metadata: the SHA-256 of the bytes"
assert s3.get_object(Bucket="upload-tests", Key=_key)["Body"].read() == _data, "binary data, byte for byte"
### BEGIN HIDDEN TESTS
_key = upload_file(s3, "upload-tests", _folder / "Notes.TXT", "notes")
_head = s3.head_object(Bucket="upload-tests", Key=_key)
assert (_key, _head["ContentType"], _head["ContentLength"]) == ("notes/Notes.TXT", "text/plain", 0)
assert _head["Metadata"]["sha256"] == hashlib.sha256(b"").hexdigest(), "an empty file has a checksum too"
(_folder / "page.html").write_bytes(b"<p>")
(_folder / "data.Json").write_bytes(b"{}")
(_folder / "logo.png").write_bytes(b"\x89PNG")
for _name, _type in (("page.html", "text/html"), ("data.Json", "application/json"), ("logo.png", "application/octet-stream")):
    _key = upload_file(s3, "upload-tests", _folder / _name)
    _got = s3.head_object(Bucket="upload-tests", Key=_key)["ContentType"]
    assert _got == _type, f"{_name}: {_type} (the table decides, not mimetypes), got {_got}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-content-type"}
CONTENT_TYPES = {".csv": "text/csv", ".json": "application/json", ".txt": "text/plain", ".html": "text/html"}


def upload_file(s3, bucket: str, path: Path, prefix: str = "") -> str:
    folder = prefix.strip("/")
    key = f"{folder}/{path.name}" if folder else path.name
    data = path.read_bytes()
    s3.put_object(Bucket=bucket, Key=key, Body=data, Metadata={"sha256": hashlib.sha256(data).hexdigest()})
    return key

# %% course={"kind": "wrong", "id": "joined-with-slash"}
CONTENT_TYPES = {".csv": "text/csv", ".json": "application/json", ".txt": "text/plain", ".html": "text/html"}


def upload_file(s3, bucket: str, path: Path, prefix: str = "") -> str:
    key = prefix + "/" + path.name  # "reports/" + "/" gives "reports//metrics.csv"; "" gives "/metrics.csv"
    data = path.read_bytes()
    content_type = CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")
    s3.put_object(Bucket=bucket, Key=key, Body=data, ContentType=content_type,
                  Metadata={"sha256": hashlib.sha256(data).hexdigest()})
    return key

# %% course={"kind": "wrong", "id": "read-as-text"}
CONTENT_TYPES = {".csv": "text/csv", ".json": "application/json", ".txt": "text/plain", ".html": "text/html"}


def upload_file(s3, bucket: str, path: Path, prefix: str = "") -> str:
    folder = prefix.strip("/")
    key = f"{folder}/{path.name}" if folder else path.name
    data = path.read_text(encoding="utf-8").encode("utf-8")  # fails on bytes that are not UTF-8
    content_type = CONTENT_TYPES.get(path.suffix, "application/octet-stream")  # and '.TXT' is not '.txt'
    s3.put_object(Bucket=bucket, Key=key, Body=data, ContentType=content_type,
                  Metadata={"sha256": hashlib.sha256(data).hexdigest()})
    return key

# %% [markdown] course={"kind": "exercise", "id": "list-keys", "item": "project-13-6-1"}
# ### Every key, page by page, and the "folders" one level down
#
# The file service's browser needs two listings. Write:
#
# - `list_keys(s3, bucket, prefix="", page_size=1000)`: **every** key starting with `prefix`, as a list in the
#   order S3 returns them (by key), asking for `page_size` keys per `list_objects_v2` call (`MaxKeys`) and
#   following `NextContinuationToken` while `IsTruncated` is true, and no further: exactly as many calls as
#   there are pages. An empty result is `[]` (S3 then leaves `Contents` out of the answer).
# - `folders(s3, bucket, prefix="")`: the "sub-folders" directly under `prefix`: the `CommonPrefixes` of a
#   listing with `Delimiter="/"`, every page of them (same `page_size` parameter), as a list of strings.
#
# ```python
# # keys: a/1, a/2, a/x/3, b/4
# list_keys(s3, "files", "a/", page_size=2)   # ['a/1', 'a/2', 'a/x/3'] in 2 calls
# folders(s3, "files")                        # ['a/', 'b/']
# ```

# %% [markdown] course={"kind": "hint"}
# Keep the call arguments in a dict; after each page, if `IsTruncated`, put the token in as `ContinuationToken`
# and loop, else stop. `page.get("Contents", [])` for the empty case.

# %% [markdown] course={"kind": "hint"}
# `folders` is the same loop over `page.get("CommonPrefixes", [])`, each item a dict with a `"Prefix"`.

# %% course={"kind": "solution"}
def list_keys(s3, bucket: str, prefix: str = "", page_size: int = 1000) -> list[str]:
    ### BEGIN SOLUTION
    keys, args = [], {"Bucket": bucket, "Prefix": prefix, "MaxKeys": page_size}
    while True:
        page = s3.list_objects_v2(**args)
        keys += [item["Key"] for item in page.get("Contents", [])]
        if not page["IsTruncated"]:
            return keys
        args["ContinuationToken"] = page["NextContinuationToken"]
    ### END SOLUTION


def folders(s3, bucket: str, prefix: str = "", page_size: int = 1000) -> list[str]:
    ### BEGIN SOLUTION
    found, args = [], {"Bucket": bucket, "Prefix": prefix, "MaxKeys": page_size, "Delimiter": "/"}
    while True:
        page = s3.list_objects_v2(**args)
        found += [item["Prefix"] for item in page.get("CommonPrefixes", [])]
        if not page["IsTruncated"]:
            return found
        args["ContinuationToken"] = page["NextContinuationToken"]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
s3.create_bucket(Bucket="list-tests")
for _key in ("a/1", "a/2", "a/x/3", "b/4", "a-z", "c/é/5", "c/é/6"):
    s3.put_object(Bucket="list-tests", Key=_key, Body=b"")
with recorded(s3, "ListObjectsV2", limit=10):  # a loop that never moves on stops at once
    _found = list_keys(s3, "list-tests", "a/", page_size=2)
assert _found == ["a/1", "a/2", "a/x/3"], f"every key under 'a/' across pages, got {_found!r}"

# %% course={"kind": "test", "points": 2}
with recorded(s3, "ListObjectsV2", limit=10) as _calls:
    _found = list_keys(s3, "list-tests", page_size=2)
assert _found == ["a-z", "a/1", "a/2", "a/x/3", "b/4", "c/é/5", "c/é/6"], f"all 7 keys in order, got {_found!r}"
assert len(_calls) == 4, f"7 keys at 2 per page are 4 calls, not {len(_calls)}"
assert all(_params["MaxKeys"] == 2 for _, _params in _calls), "every call asks for page_size keys"
### BEGIN HIDDEN TESTS
with recorded(s3, "ListObjectsV2", limit=10) as _calls:
    assert list_keys(s3, "list-tests", "c/", page_size=1) == ["c/é/5", "c/é/6"]
assert len(_calls) == 2, "2 keys at 1 per page: 2 calls, not one more"
with recorded(s3, "ListObjectsV2") as _calls:
    assert list_keys(s3, "list-tests", page_size=7) == ["a-z", "a/1", "a/2", "a/x/3", "b/4", "c/é/5", "c/é/6"]
assert len(_calls) == 1 and _calls[0][1]["MaxKeys"] == 7
with recorded(s3, "ListObjectsV2") as _calls:
    assert list_keys(s3, "list-tests", "a") == ["a-z", "a/1", "a/2", "a/x/3"], "default page size"
assert _calls[0][1]["MaxKeys"] == 1000
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_found = list_keys(s3, "list-tests", "nothing/", page_size=2)
assert _found == [] and type(_found) is list, f"no keys is [], got {_found!r}"

# %% course={"kind": "test", "points": 2}
_found = folders(s3, "list-tests")
assert _found == ["a/", "b/", "c/"], f"the first level of 'folders', got {_found!r}"
### BEGIN HIDDEN TESTS
with recorded(s3, "ListObjectsV2", limit=20) as _calls:
    assert folders(s3, "list-tests", page_size=1) == ["a/", "b/", "c/"], "CommonPrefixes on every page"
assert len(_calls) >= 3 and all(p["Delimiter"] == "/" and p["MaxKeys"] == 1 for _, p in _calls)
assert folders(s3, "list-tests", "a/", page_size=2) == ["a/x/"]
assert folders(s3, "list-tests", "c/") == ["c/é/"]
assert folders(s3, "list-tests", "b/") == [] and folders(s3, "list-tests", "zzz/") == []
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "first-page-only"}
def list_keys(s3, bucket: str, prefix: str = "", page_size: int = 1000) -> list[str]:
    page = s3.list_objects_v2(Bucket=bucket, Prefix=prefix, MaxKeys=page_size)
    return [item["Key"] for item in page.get("Contents", [])]


def folders(s3, bucket: str, prefix: str = "", page_size: int = 1000) -> list[str]:
    page = s3.list_objects_v2(Bucket=bucket, Prefix=prefix, MaxKeys=page_size, Delimiter="/")
    return [item["Prefix"] for item in page.get("CommonPrefixes", [])]

# %% course={"kind": "wrong", "id": "contents-always-there"}
def list_keys(s3, bucket: str, prefix: str = "", page_size: int = 1000) -> list[str]:
    keys, token = [], None
    while True:
        args = {"Bucket": bucket, "Prefix": prefix, "MaxKeys": page_size}
        if token:
            args["ContinuationToken"] = token
        page = s3.list_objects_v2(**args)
        keys += [item["Key"] for item in page["Contents"]]  # KeyError when nothing matches
        if not page["IsTruncated"]:
            return keys
        token = page["NextContinuationToken"]


def folders(s3, bucket: str, prefix: str = "", page_size: int = 1000) -> list[str]:
    page = s3.list_objects_v2(Bucket=bucket, Prefix=prefix, MaxKeys=page_size, Delimiter="/")
    return [item["Prefix"] for item in page["CommonPrefixes"]]

# %% course={"kind": "wrong", "id": "until-empty-page"}
def list_keys(s3, bucket: str, prefix: str = "", page_size: int = 1000) -> list[str]:
    keys, args = [], {"Bucket": bucket, "Prefix": prefix, "MaxKeys": page_size}
    while True:  # asks until a page comes back empty: one call more than needed, every time
        page = s3.list_objects_v2(**args)
        if not page.get("Contents"):
            return keys
        keys += [item["Key"] for item in page["Contents"]]
        args["StartAfter"] = keys[-1]


def folders(s3, bucket: str, prefix: str = "", page_size: int = 1000) -> list[str]:
    found, args = [], {"Bucket": bucket, "Prefix": prefix, "MaxKeys": page_size, "Delimiter": "/"}
    while True:
        page = s3.list_objects_v2(**args)
        found += [item["Prefix"] for item in page.get("CommonPrefixes", [])]
        if not page["IsTruncated"]:
            return found
        args["ContinuationToken"] = page["NextContinuationToken"]

# %% [markdown] course={"kind": "lesson", "id": "presigned", "covers": ["c-presigned-urls"]}
# ### Presigned URLs: a link that carries its own permission
#
# A **presigned URL** lets someone without AWS credentials do *one* thing, such as GET this object or PUT to
# this key, until a moment you chose. Your code signs the request with its own key **locally** (no call to
# AWS); the URL carries the algorithm, your access key id, the signing time `X-Amz-Date`, the lifetime
# `X-Amz-Expires` in seconds and the `X-Amz-Signature`. S3 recomputes the signature when the link is used; a
# changed parameter, key or method breaks it. With Signature Version 4 the lifetime is at most 7 days
# (604,800 s), and a link signed with temporary credentials (a role) stops working when they expire, even if
# `X-Amz-Expires` says more.
#
# Uses: a browser uploads a 2 GB video straight to S3 instead of through your API; a CI job hands a test
# report to a chat message; a model server downloads weights without long-lived keys. The usual mistakes: a
# lifetime of days "to be safe" (anyone who gets the link can use it until then), and signing a link for a key
# that does not exist (signing never checks). The demo signs a GET and a PUT and uses both with plain `urllib`:

# %% course={"kind": "demo"}
s3.create_bucket(Bucket="demo-links")
s3.put_object(Bucket="demo-links", Key="report.html", Body=b"<h1>green</h1>", ContentType="text/html")
get_url = s3.generate_presigned_url("get_object", Params={"Bucket": "demo-links", "Key": "report.html"}, ExpiresIn=300)
print({name: values[0] for name, values in parse_qs(urlsplit(get_url).query).items() if name != "X-Amz-Signature"})
with urllib.request.urlopen(get_url) as reply:
    print("GET with no credentials:", reply.status, reply.read())
put_url = s3.generate_presigned_url(
    "put_object", Params={"Bucket": "demo-links", "Key": "uploads/photo.jpg", "ContentType": "image/jpeg"}, ExpiresIn=60
)
request = urllib.request.Request(put_url, data=b"\xff\xd8jpeg", method="PUT", headers={"Content-Type": "image/jpeg"})
with urllib.request.urlopen(request) as reply:
    print("PUT:", reply.status, s3.head_object(Bucket="demo-links", Key="uploads/photo.jpg")["ContentLength"], "bytes stored")
tampered = get_url.replace("report.html", "secret.html")
try:
    urllib.request.urlopen(tampered)
except urllib.error.HTTPError as err:
    print("another key with the same signature:", err.code)

# %% [markdown] course={"kind": "exercise", "id": "share-link", "item": "x-generate-presigned-urls-for-temporary"}
# ### A download link that is short-lived and never dead
#
# Write `share_link(s3, bucket, key, seconds=900)` returning a presigned GET URL for the object:
#
# - `seconds` is the link's lifetime: a whole number from 1 to 604,800 (7 days, the Signature V4 limit), both
#   ends allowed; anything else (0, negative, too long, a `float`, a `bool`) raises `ValueError`;
# - signing does not look at the object, so check first: a key that does not exist raises
#   `FileNotFoundError` naming it, rather than handing out a link that answers 404.
#
# ```python
# url = share_link(s3, "reports", "daily.html", 600)
# parse_qs(urlsplit(url).query)["X-Amz-Expires"]   # ['600']
# urllib.request.urlopen(url).read()               # the object's bytes, no credentials needed
# ```

# %% [markdown] course={"kind": "hint"}
# `s3.generate_presigned_url("get_object", Params={"Bucket": ..., "Key": ...}, ExpiresIn=seconds)`.

# %% [markdown] course={"kind": "hint"}
# `type(seconds) is not int` catches `True` and `2.5` at once. `s3.head_object` raises `ClientError` with code
# `"404"` for a missing key.

# %% course={"kind": "solution"}
MAX_LINK_SECONDS = 7 * 24 * 3600


def share_link(s3, bucket: str, key: str, seconds: int = 900) -> str:
    ### BEGIN SOLUTION
    if type(seconds) is not int or not 1 <= seconds <= MAX_LINK_SECONDS:
        raise ValueError(f"a link lives 1 to {MAX_LINK_SECONDS} whole seconds, not {seconds!r}")
    try:
        s3.head_object(Bucket=bucket, Key=key)
    except ClientError as err:
        if err.response["Error"]["Code"] in ("404", "NoSuchKey"):
            raise FileNotFoundError(f"s3://{bucket}/{key} does not exist") from err
        raise
    return s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=seconds)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
s3.create_bucket(Bucket="link-tests")
s3.put_object(Bucket="link-tests", Key="daily.html", Body="<p>ok ✓</p>".encode())
_url = share_link(s3, "link-tests", "daily.html", 600)
with urllib.request.urlopen(_url) as _reply:
    assert _reply.read() == "<p>ok ✓</p>".encode(), "the link downloads the object without credentials"
assert parse_qs(urlsplit(_url).query)["X-Amz-Expires"] == ["600"], "the link lives the seconds asked for"

# %% course={"kind": "test", "points": 1}
_url = share_link(s3, "link-tests", "daily.html")
assert parse_qs(urlsplit(_url).query)["X-Amz-Expires"] == ["900"], "15 minutes unless told otherwise"
### BEGIN HIDDEN TESTS
for _seconds in (1, 604800):
    _url = share_link(s3, "link-tests", "daily.html", _seconds)
    assert parse_qs(urlsplit(_url).query)["X-Amz-Expires"] == [str(_seconds)], f"{_seconds} s is allowed"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for _bad in (0, -5, 604801, 2.5, True, "60"):
    try:
        share_link(s3, "link-tests", "daily.html", _bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"seconds={_bad!r} must raise ValueError")

# %% course={"kind": "test", "points": 2}
try:
    share_link(s3, "link-tests", "missing.html", 60)
except FileNotFoundError as err:
    assert "missing.html" in str(err), "the error names the key"
else:
    raise AssertionError("a link to a key that does not exist raises FileNotFoundError")
### BEGIN HIDDEN TESTS
def _denied(**_):  # S3 answering 403 to the HEAD, as it does without s3:GetObject permission
    return SimpleNamespace(status_code=403, headers={}), {"Error": {"Code": "403", "Message": "Forbidden"}, "ResponseMetadata": {"HTTPStatusCode": 403}}


s3.meta.events.register("before-call.s3.HeadObject", _denied)
try:
    share_link(s3, "link-tests", "daily.html", 60)
except ClientError as err:
    assert err.response["Error"]["Code"] == "403", "other errors are not 'not found'"
else:
    raise AssertionError("a 403 from S3 is not a link")
finally:
    s3.meta.events.unregister("before-call.s3.HeadObject", _denied)
s3.put_object(Bucket="link-tests", Key="empty.txt", Body=b"")
with urllib.request.urlopen(share_link(s3, "link-tests", "empty.txt", 5)) as _reply:
    assert _reply.read() == b"", "an empty object exists too"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "default-lifetime"}
MAX_LINK_SECONDS = 7 * 24 * 3600


def share_link(s3, bucket: str, key: str, seconds: int = 900) -> str:
    if type(seconds) is not int or not 1 <= seconds <= MAX_LINK_SECONDS:
        raise ValueError(f"bad lifetime {seconds!r}")
    s3.head_object(Bucket=bucket, Key=key)
    return s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": key})  # 3600 s, always

# %% course={"kind": "wrong", "id": "no-existence-check"}
MAX_LINK_SECONDS = 7 * 24 * 3600


def share_link(s3, bucket: str, key: str, seconds: int = 900) -> str:
    if type(seconds) is not int or not 1 <= seconds <= MAX_LINK_SECONDS:
        raise ValueError(f"bad lifetime {seconds!r}")
    return s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=seconds)

# %% course={"kind": "wrong", "id": "isinstance-int"}
MAX_LINK_SECONDS = 7 * 24 * 3600


def share_link(s3, bucket: str, key: str, seconds: int = 900) -> str:
    if not isinstance(seconds, int) or not 0 < seconds < MAX_LINK_SECONDS:  # True is an int; 7 days refused
        raise ValueError(f"bad lifetime {seconds!r}")
    try:
        s3.head_object(Bucket=bucket, Key=key)
    except ClientError as err:
        raise FileNotFoundError(key) from err
    return s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": key}, ExpiresIn=seconds)

# %% [markdown] course={"kind": "exercise", "id": "link-expiry"}
# ### When does this link stop working?
#
# A support engineer pastes a presigned URL and asks why it fails. Write `expires_at(url)`: the moment the link
# expires, as a timezone-aware `datetime` in UTC: its `X-Amz-Date` (`YYYYMMDDTHHMMSSZ`, UTC) plus `X-Amz-Expires`
# seconds. Then `is_expired(url, now)`: `True` from that moment on (at exactly `expires_at` the link is already
# dead), `False` before. `now` is an aware `datetime` in any timezone. A URL without both parameters is not a
# Signature V4 presigned URL: raise `ValueError` saying which parameter is missing.
#
# ```python
# url = "https://b.s3.amazonaws.com/k?X-Amz-Date=20260301T235930Z&X-Amz-Expires=60&X-Amz-Signature=..."
# expires_at(url)                                                         # 2026-03-02 00:00:30+00:00
# is_expired(url, datetime(2026, 3, 2, 1, 0, 30, tzinfo=timezone(timedelta(hours=1))))   # True: same moment
# ```

# %% [markdown] course={"kind": "hint"}
# `parse_qs(urlsplit(url).query)` gives each parameter as a list. `datetime.strptime(text, "%Y%m%dT%H%M%SZ")`
# gives a naive datetime: add `tzinfo=timezone.utc` with `.replace(...)`.

# %% [markdown] course={"kind": "hint"}
# Aware datetimes in different timezones compare correctly as they are; `now >= expires_at(url)`.

# %% course={"kind": "solution"}
def expires_at(url: str) -> datetime:
    ### BEGIN SOLUTION
    query = parse_qs(urlsplit(url).query)
    for name in ("X-Amz-Date", "X-Amz-Expires"):
        if name not in query:
            raise ValueError(f"not a presigned V4 URL: no {name} parameter")
    signed = datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    return signed + timedelta(seconds=int(query["X-Amz-Expires"][0]))
    ### END SOLUTION


def is_expired(url: str, now: datetime) -> bool:
    ### BEGIN SOLUTION
    return now >= expires_at(url)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_url = "https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20260301T235930Z&X-Amz-Expires=60"
_when = expires_at(_url)
assert _when == datetime(2026, 3, 2, 0, 0, 30, tzinfo=timezone.utc), f"signing time + 60 s, got {_when!r}"
assert _when.utcoffset() == timedelta(0), "an aware datetime in UTC"

# %% course={"kind": "test", "points": 2}
_end = datetime(2026, 3, 2, 0, 0, 30, tzinfo=timezone.utc)
assert is_expired(_url, _end) is True, "at exactly the expiry moment the link is dead"
assert is_expired(_url, _end - timedelta(microseconds=1)) is False, "a moment before, it still works"
assert is_expired(_url, datetime(2026, 3, 2, 1, 0, 30, tzinfo=timezone(timedelta(hours=1)))) is True, "timezones"
### BEGIN HIDDEN TESTS
assert is_expired(_url, datetime(2026, 3, 2, 1, 0, 29, tzinfo=timezone(timedelta(hours=1)))) is False
assert is_expired(_url, datetime(2026, 3, 1, 23, 59, 30, tzinfo=timezone.utc)) is False
_live = s3.generate_presigned_url("get_object", Params={"Bucket": "link-tests", "Key": "x"}, ExpiresIn=604800)
_signed = datetime.strptime(parse_qs(urlsplit(_live).query)["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ")
assert expires_at(_live) == _signed.replace(tzinfo=timezone.utc) + timedelta(days=7), "a real boto3 link"
assert expires_at(_url.replace("Expires=60", "Expires=0")) == datetime(2026, 3, 1, 23, 59, 30, tzinfo=timezone.utc)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for _bad, _missing in (("https://h/k?X-Amz-Expires=60", "X-Amz-Date"), ("https://h/k?X-Amz-Date=20260301T000000Z", "X-Amz-Expires"),
                       ("https://h/k?Expires=1796093740&Signature=abc", "X-Amz-Date")):
    try:
        expires_at(_bad)
    except ValueError as err:
        assert _missing in str(err), f"the error names the missing {_missing}: {err}"
    else:
        raise AssertionError(f"{_bad} is not a V4 presigned URL: ValueError")

# %% course={"kind": "wrong", "id": "naive-datetime"}
def expires_at(url: str) -> datetime:
    query = parse_qs(urlsplit(url).query)
    for name in ("X-Amz-Date", "X-Amz-Expires"):
        if name not in query:
            raise ValueError(f"no {name}")
    signed = datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ")  # naive: compares with nothing aware
    return signed + timedelta(seconds=int(query["X-Amz-Expires"][0]))


def is_expired(url: str, now: datetime) -> bool:
    return now.replace(tzinfo=None) >= expires_at(url)  # and drops now's own offset

# %% course={"kind": "wrong", "id": "still-valid-at-the-end"}
def expires_at(url: str) -> datetime:
    query = parse_qs(urlsplit(url).query)
    for name in ("X-Amz-Date", "X-Amz-Expires"):
        if name not in query:
            raise ValueError(f"no {name}")
    signed = datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    return signed + timedelta(seconds=int(query["X-Amz-Expires"][0]))


def is_expired(url: str, now: datetime) -> bool:
    return now > expires_at(url)

# %% course={"kind": "trap", "trap": "trap-presigned-urls-have-expiration"}
# Trap: a presigned URL expires, and the clock that counts is the signer's. The link records when it was signed
# and for how long; nothing extends it afterwards. Here the signing clock says 1 January 2026 (a machine whose
# clock is wrong, or a link made long ago): its 5 minutes ran out long ago. Real S3 answers such a link with
# 403 AccessDenied ("Request has expired"); moto, our local stand-in, does not check expiry, one more reason to
# check it in your own code and tests.
from unittest import mock

with mock.patch("botocore.auth.get_current_datetime", lambda remove_tzinfo=True: datetime(2026, 1, 1, 12, 0, 0)):
    old_link = s3.generate_presigned_url("get_object", Params={"Bucket": "demo-links", "Key": "report.html"}, ExpiresIn=300)
query = parse_qs(urlsplit(old_link).query)
signed_at = datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
dead_from = signed_at + timedelta(seconds=int(query["X-Amz-Expires"][0]))
print("signed at   :", signed_at, "| lifetime", query["X-Amz-Expires"][0], "s")
print("dead from   :", dead_from)
print("expired now?:", datetime.now(timezone.utc) >= dead_from)
with urllib.request.urlopen(old_link) as reply:
    print("moto serves it anyway:", reply.status, reply.read())

# %% [markdown] course={"kind": "lesson", "id": "multipart", "covers": ["c-multipart-uploads"]}
# ### Multipart uploads: big objects in numbered parts
#
# One `PUT` can carry at most 5 GiB, and a failure at 4.9 GiB means starting again. A **multipart upload**
# splits the object: `create_multipart_upload` returns an `UploadId`; `upload_part` sends parts numbered 1 to
# 10,000, each 5 MiB to 5 GiB except the last, in any order or in parallel, and each answer carries the part's
# `ETag`; `complete_multipart_upload` with the list of `(PartNumber, ETag)` in order joins them into one object.
# A failed part is simply sent again. AWS recommends it from about 100 MB; `boto3`'s `upload_file` and
# `upload_fileobj` switch to it by themselves above `multipart_threshold` (8 MiB by default).
#
# The mistake everyone makes once: an upload that is neither completed nor aborted keeps its parts, invisible to
# `list_objects_v2`, **billed as storage**, until `abort_multipart_upload` or a lifecycle rule
# (`AbortIncompleteMultipartUpload`) removes them. The demo leaves one behind on purpose and finds it:

# %% course={"kind": "demo"}
s3.create_bucket(Bucket="demo-multipart")
started = s3.create_multipart_upload(Bucket="demo-multipart", Key="checkpoints/epoch-3.pt")
part = s3.upload_part(Bucket="demo-multipart", Key="checkpoints/epoch-3.pt", UploadId=started["UploadId"],
                      PartNumber=1, Body=b"\x00" * 1024)  # small: S3 checks the 5 MiB minimum only on complete
print("objects listed:  ", s3.list_objects_v2(Bucket="demo-multipart")["KeyCount"])
for upload in s3.list_multipart_uploads(Bucket="demo-multipart")["Uploads"]:
    parts = s3.list_parts(Bucket="demo-multipart", Key=upload["Key"], UploadId=upload["UploadId"])["Parts"]
    print("unfinished upload:", upload["Key"], "|", len(parts), "part(s),", sum(p["Size"] for p in parts), "bytes kept")
    s3.abort_multipart_upload(Bucket="demo-multipart", Key=upload["Key"], UploadId=upload["UploadId"])
print("after abort:     ", s3.list_multipart_uploads(Bucket="demo-multipart").get("Uploads", []))

# %% [markdown] course={"kind": "exercise", "id": "part-plan", "item": "dsa-implement-chunked-upload"}
# ### Problem: plan the parts of a chunked upload
#
# Before sending anything, a chunked uploader decides where each part starts and ends. Write
# `plan_parts(size, part_size=8 * MiB)` returning a list of `(part_number, start, end)` tuples (`end`
# exclusive, so `data[start:end]` is the part) that cover `size` bytes in order:
#
# - part numbers start at 1; every part is `part_size` bytes except the last, which holds what is left;
# - S3's rules: at most `MAX_PARTS` (10,000) parts, each from `MIN_PART` (5 MiB) to `MAX_PART` (5 GiB).
#   A `part_size` outside that range raises `ValueError`. When `size` needs more than 10,000 parts of
#   `part_size`, use instead the **smallest multiple of 1 MiB** that fits it into 10,000 parts; if even that
#   is over 5 GiB, raise `ValueError` (too big for one object);
# - a negative `size` raises `ValueError`; `size == 0` is one empty part: `[(1, 0, 0)]`.
#
# ```python
# plan_parts(20 * MiB)            # [(1, 0, 8388608), (2, 8388608, 16777216), (3, 16777216, 20971520)]
# len(plan_parts(100_000 * MiB))  # 10000: part size grew from 8 MiB to 10 MiB
# ```

# %% [markdown] course={"kind": "hint"}
# `range(0, size, part_size)` gives every start; the end is `min(start + part_size, size)`.

# %% [markdown] course={"kind": "hint"}
# 10,000 parts of `p` bytes hold `10_000 * p` bytes. The smallest whole number of MiB that is at least
# `size / (10_000 * MiB)` is a ceiling division: `-(-size // (10_000 * MiB))`.

# %% course={"kind": "solution"}
def plan_parts(size: int, part_size: int = 8 * MiB) -> list[tuple[int, int, int]]:
    ### BEGIN SOLUTION
    if size < 0:
        raise ValueError(f"size must not be negative, not {size}")
    if not MIN_PART <= part_size <= MAX_PART:
        raise ValueError(f"part_size must be {MIN_PART} to {MAX_PART} bytes, not {part_size}")
    if size > MAX_PARTS * part_size:
        part_size = -(-size // (MAX_PARTS * MiB)) * MiB
        if part_size > MAX_PART:
            raise ValueError(f"{size} bytes do not fit in {MAX_PARTS} parts of at most {MAX_PART} bytes")
    if size == 0:
        return [(1, 0, 0)]
    return [(n, start, min(start + part_size, size)) for n, start in enumerate(range(0, size, part_size), 1)]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_plan = plan_parts(20 * MiB)
assert _plan == [(1, 0, 8 * MiB), (2, 8 * MiB, 16 * MiB), (3, 16 * MiB, 20 * MiB)], f"three parts, got {_plan!r}"

# %% course={"kind": "test", "points": 2}
assert plan_parts(16 * MiB) == [(1, 0, 8 * MiB), (2, 8 * MiB, 16 * MiB)], "an exact multiple: no empty last part"
assert plan_parts(16 * MiB + 1) == [(1, 0, 8 * MiB), (2, 8 * MiB, 16 * MiB), (3, 16 * MiB, 16 * MiB + 1)]
assert plan_parts(1) == [(1, 0, 1)] and plan_parts(0) == [(1, 0, 0)], "small and empty objects: one part"
### BEGIN HIDDEN TESTS
assert plan_parts(5, MIN_PART) == [(1, 0, 5)] and plan_parts(MIN_PART, MIN_PART) == [(1, 0, MIN_PART)]
assert plan_parts(MIN_PART + 1, MIN_PART) == [(1, 0, MIN_PART), (2, MIN_PART, MIN_PART + 1)]
assert plan_parts(7, MAX_PART) == [(1, 0, 7)]
assert all(type(v) is int for part in plan_parts(9 * MiB + 3) for v in part)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_plan = plan_parts(100_000 * MiB)
assert len(_plan) == 10_000 and _plan[0] == (1, 0, 10 * MiB), "100,000 MiB in 10,000 parts of 10 MiB"
assert _plan[-1] == (10_000, 99_990 * MiB, 100_000 * MiB)
### BEGIN HIDDEN TESTS
_plan = plan_parts(10_000 * MIN_PART, MIN_PART)
assert len(_plan) == 10_000 and _plan[0][2] == MIN_PART, "exactly 10,000 parts: the part size stays"
_plan = plan_parts(10_000 * MIN_PART + 1, MIN_PART)
assert _plan[0] == (1, 0, 6 * MiB) and len(_plan) == 8334, "one byte more: 6 MiB parts"
_odd = MIN_PART + 512
_plan = plan_parts(10_000 * _odd, _odd)
assert len(_plan) == 10_000 and _plan[0][2] == _odd
assert plan_parts(10_000 * _odd + 1, _odd)[0][2] == 6 * MiB, "grown sizes are whole MiB"
assert plan_parts(10_000 * MAX_PART)[-1] == (10_000, 9_999 * MAX_PART, 10_000 * MAX_PART), "the largest object"
assert plan_parts(10_000 * 7 * MiB + 1)[0][2] == 8 * MiB, "the default part size already fits"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for _args in ((-1,), (10, MIN_PART - 1), (10, MAX_PART + 1), (10, 0), (10_000 * MAX_PART + 1,)):
    try:
        plan_parts(*_args)
    except ValueError:
        pass
    else:
        raise AssertionError(f"plan_parts{_args} must raise ValueError")

# %% course={"kind": "wrong", "id": "parts-from-zero"}
def plan_parts(size: int, part_size: int = 8 * MiB) -> list[tuple[int, int, int]]:
    if size < 0 or not MIN_PART <= part_size <= MAX_PART:
        raise ValueError("bad size")
    if size > MAX_PARTS * part_size:
        part_size = -(-size // (MAX_PARTS * MiB)) * MiB
        if part_size > MAX_PART:
            raise ValueError("too big")
    if size == 0:
        return [(1, 0, 0)]
    return [(n, start, min(start + part_size, size)) for n, start in enumerate(range(0, size, part_size))]

# %% course={"kind": "wrong", "id": "count-parts-by-division"}
def plan_parts(size: int, part_size: int = 8 * MiB) -> list[tuple[int, int, int]]:
    if size < 0 or not MIN_PART <= part_size <= MAX_PART:
        raise ValueError("bad size")
    if size > MAX_PARTS * part_size:
        part_size = -(-size // (MAX_PARTS * MiB)) * MiB
        if part_size > MAX_PART:
            raise ValueError("too big")
    count = size // part_size + 1  # one part too many when size is a multiple of part_size
    return [(n + 1, n * part_size, min((n + 1) * part_size, size)) for n in range(count)]

# %% course={"kind": "wrong", "id": "part-size-never-grows"}
def plan_parts(size: int, part_size: int = 8 * MiB) -> list[tuple[int, int, int]]:
    if size < 0 or not MIN_PART <= part_size <= MAX_PART:
        raise ValueError("bad size")
    if size == 0:
        return [(1, 0, 0)]
    return [(n, start, min(start + part_size, size)) for n, start in enumerate(range(0, size, part_size), 1)]

# %% [markdown] course={"kind": "exercise", "id": "multipart-upload", "item": "x-implement-multipart-upload-for-large", "timeout": 60}
# ### A multipart upload that streams and cleans up
#
# Write `multipart_upload(s3, bucket, key, stream, part_size=MIN_PART)` that uploads everything a binary
# stream holds as one object and returns the object's `ETag` (as `complete_multipart_upload` returns it):
#
# - read the stream **one part at a time**: `stream.read(part_size)`, never `read()` of everything (the
#   stream may be bigger than memory); `b""` means the end;
# - parts are numbered from 1; complete with the `{"PartNumber": n, "ETag": etag}` list in order;
# - do not check `part_size` yourself: S3 refuses parts under 5 MiB (all but the last) when the upload is
#   completed, with `EntityTooSmall` (the tests send tiny parts to see how you read, and expect that refusal);
# - an empty stream makes an empty object (one empty part);
# - if anything fails (a read, an upload), **abort** the upload so no parts are left behind, then let the
#   error propagate.
#
# ```python
# etag = multipart_upload(s3, "models", "bert.bin", open("bert.bin", "rb"))   # '"<hex>-3"' for three parts
# ```

# %% [markdown] course={"kind": "hint"}
# `s3.create_multipart_upload(Bucket=..., Key=...)["UploadId"]`; then `upload_part(..., PartNumber=n,
# UploadId=..., Body=chunk)["ETag"]`; then `complete_multipart_upload(..., MultipartUpload={"Parts": parts})`.

# %% [markdown] course={"kind": "hint"}
# Read the first chunk before the loop and upload it whatever it is (that covers the empty stream); read the
# next chunk at the end of each round and stop on `b""`. Wrap everything after `create_multipart_upload` in
# `try: ... except BaseException: s3.abort_multipart_upload(...); raise`.

# %% course={"kind": "solution"}
def multipart_upload(s3, bucket: str, key: str, stream: BinaryIO, part_size: int = MIN_PART) -> str:
    ### BEGIN SOLUTION
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
    try:
        parts, chunk = [], stream.read(part_size)
        while True:
            number = len(parts) + 1
            answer = s3.upload_part(Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=number, Body=chunk)
            parts.append({"PartNumber": number, "ETag": answer["ETag"]})
            chunk = stream.read(part_size)
            if not chunk:
                break
        done = s3.complete_multipart_upload(
            Bucket=bucket, Key=key, UploadId=upload_id, MultipartUpload={"Parts": parts}
        )
    except BaseException:
        s3.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id)
        raise
    return done["ETag"]
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
s3.create_bucket(Bucket="multipart-tests")
_data = PATTERN * 5 + b"end"  # the one real 2-part upload: S3 wants every part but the last to be 5 MiB or more
with recorded(s3, "UploadPart", limit=5):  # a loop that never ends stops at once
    _etag = multipart_upload(s3, "multipart-tests", "model.bin", io.BytesIO(_data))
_head = s3.head_object(Bucket="multipart-tests", Key="model.bin")
_md5s = b"".join(hashlib.md5(_p, usedforsecurity=False).digest() for _p in (_data[:MIN_PART], _data[MIN_PART:]))
assert _head["ContentLength"] == len(_data), f"the object holds {_head['ContentLength']} bytes, not {len(_data)}"
assert _etag == _head["ETag"] and _etag.endswith('-2"'), f"2 parts of 5 MiB and 3 bytes: got ETag {_etag}"
_expected = f'"{hashlib.md5(_md5s, usedforsecurity=False).hexdigest()}-2"'  # S3: the MD5 of the parts' MD5s
assert _etag == _expected, "the object is the stream (its ETag is not the one of these two parts)"

# %% course={"kind": "test", "points": 2}
# Parts of 4 bytes: S3 takes each one and refuses only the complete (parts under 5 MiB but the last), so the
# calls show how the stream was read and numbered without sending megabytes.
_reader = RecordingReader(b"abcdefghij")
with recorded(s3, "UploadPart", "CompleteMultipartUpload", limit=6) as _calls:
    try:
        multipart_upload(s3, "multipart-tests", "streamed.bin", _reader, part_size=4)
    except ClientError as err:
        assert err.response["Error"]["Code"] == "EntityTooSmall", err
assert _reader.sizes == [4, 4, 4, 4], f"read part_size at a time, up to the read that finds the end: {_reader.sizes}"
assert [p["PartNumber"] for op, p in _calls if op == "UploadPart"] == [1, 2, 3], "parts numbered from 1"
assert [p["Body"] for op, p in _calls if op == "UploadPart"] == [b"abcd", b"efgh", b"ij"], "each part what was read"
_parts = _calls[-1][1]["MultipartUpload"]["Parts"]
assert [p["PartNumber"] for p in _parts] == [1, 2, 3] and all(p["ETag"].startswith('"') for p in _parts)
### BEGIN HIDDEN TESTS
_reader = RecordingReader(b"one small part")
multipart_upload(s3, "multipart-tests", "six.bin", _reader, part_size=6 * MiB)
assert _reader.sizes == [6 * MiB, 6 * MiB], "one part, then the read that finds the end"
assert s3.head_object(Bucket="multipart-tests", Key="six.bin")["ETag"].endswith('-1"')
_reader = RecordingReader(b"")
_etag = multipart_upload(s3, "multipart-tests", "empty.bin", _reader)
assert s3.head_object(Bucket="multipart-tests", Key="empty.bin")["ContentLength"] == 0, "an empty stream"
assert _etag.endswith('-1"') and _reader.sizes[0] == MIN_PART
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
try:
    multipart_upload(s3, "multipart-tests", "broken.bin", RecordingReader(b"a" * 12, fail_at=2), part_size=5)
except OSError as err:
    assert "disk" in str(err), "the stream's own error comes out"
else:
    raise AssertionError("a failing read must raise")
_left = s3.list_multipart_uploads(Bucket="multipart-tests").get("Uploads", [])
assert _left == [], f"a failed upload is aborted, but {[u['Key'] for u in _left]} still hold parts"
### BEGIN HIDDEN TESTS
try:
    multipart_upload(s3, "multipart-tests", "tiny-parts.bin", io.BytesIO(b"a" * 12), part_size=5)
except ClientError as err:
    assert err.response["Error"]["Code"] == "EntityTooSmall"
else:
    raise AssertionError("S3 refuses parts under 5 MiB (but the last)")
assert s3.list_multipart_uploads(Bucket="multipart-tests").get("Uploads", []) == [], "aborted after S3's error"
assert "broken.bin" not in [o["Key"] for o in s3.list_objects_v2(Bucket="multipart-tests")["Contents"]]


class _Interrupted(RecordingReader):  # the learner presses "interrupt" during the first read
    def read(self, size: int = -1) -> bytes:
        if not self.sizes:
            self.sizes.append(size)
            raise KeyboardInterrupt
        return super().read(size)


try:
    multipart_upload(s3, "multipart-tests", "interrupted.bin", _Interrupted(PATTERN))
except KeyboardInterrupt:
    pass
_left = [u["Key"] for u in s3.list_multipart_uploads(Bucket="multipart-tests").get("Uploads", [])]
assert _left == [], f"an interrupt is a failure too (except BaseException): {_left} still hold parts"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "never-aborts"}
def multipart_upload(s3, bucket: str, key: str, stream: BinaryIO, part_size: int = MIN_PART) -> str:
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
    parts, chunk = [], stream.read(part_size)
    while True:
        number = len(parts) + 1
        answer = s3.upload_part(Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=number, Body=chunk)
        parts.append({"PartNumber": number, "ETag": answer["ETag"]})
        chunk = stream.read(part_size)
        if not chunk:
            break
    done = s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id, MultipartUpload={"Parts": parts})
    return done["ETag"]

# %% course={"kind": "wrong", "id": "except-exception"}
def multipart_upload(s3, bucket: str, key: str, stream: BinaryIO, part_size: int = MIN_PART) -> str:
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
    try:
        parts, chunk = [], stream.read(part_size)
        while True:
            number = len(parts) + 1
            answer = s3.upload_part(Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=number, Body=chunk)
            parts.append({"PartNumber": number, "ETag": answer["ETag"]})
            chunk = stream.read(part_size)
            if not chunk:
                break
        done = s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id, MultipartUpload={"Parts": parts})
    except Exception:  # KeyboardInterrupt is not an Exception: an interrupted upload keeps its parts
        s3.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id)
        raise
    return done["ETag"]

# %% course={"kind": "wrong", "id": "reads-everything"}
def multipart_upload(s3, bucket: str, key: str, stream: BinaryIO, part_size: int = MIN_PART) -> str:
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
    try:
        data = stream.read()  # the whole file in memory, then sliced
        parts = []
        for number, start in enumerate(range(0, max(len(data), 1), part_size), 1):
            answer = s3.upload_part(Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=number,
                                    Body=data[start:start + part_size])
            parts.append({"PartNumber": number, "ETag": answer["ETag"]})
        done = s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id, MultipartUpload={"Parts": parts})
    except BaseException:
        s3.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id)
        raise
    return done["ETag"]

# %% course={"kind": "wrong", "id": "part-numbers-from-zero"}
def multipart_upload(s3, bucket: str, key: str, stream: BinaryIO, part_size: int = MIN_PART) -> str:
    upload_id = s3.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
    try:
        parts = []
        for number, chunk in enumerate(iter(lambda: stream.read(part_size), b"")):  # 0, 1, 2...; nothing if empty
            answer = s3.upload_part(Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=number, Body=chunk)
            parts.append({"PartNumber": number, "ETag": answer["ETag"]})
        done = s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id, MultipartUpload={"Parts": parts})
    except BaseException:
        s3.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id)
        raise
    return done["ETag"]

# %% [markdown] course={"kind": "lesson", "id": "classes-lifecycle", "covers": ["c-storage-classes-539383", "c-lifecycle-policies"]}
# ### Storage classes and lifecycle rules
#
# Every object has a **storage class**: the same bytes, priced for how often you read them. Roughly, from hot
# to cold: `STANDARD` (the default), `INTELLIGENT_TIERING` (S3 moves objects between tiers by their use),
# `STANDARD_IA` and `ONEZONE_IA` (infrequent access: cheaper storage, a fee per GB read, billed for at least 30
# days), `GLACIER_IR` (archive, still read in milliseconds), `GLACIER` (Flexible Retrieval: a **restore** that
# takes minutes to hours before you can read) and `DEEP_ARCHIVE` (hours). Colder classes store for less and
# charge more, and longer minimums, to read.
#
# A **lifecycle configuration** on the bucket moves and deletes objects for you: rules select objects (by
# prefix or tags) and say "after N days, transition to class X" and "after M days, expire". Typical: logs to
# `STANDARD_IA` after 30 days, to `GLACIER` after 90, deleted after 365; old versions deleted after 30 days;
# unfinished multipart uploads aborted after 7. S3 refuses some combinations, for example a transition to
# `STANDARD_IA` or `ONEZONE_IA` before day 30. The mistake: putting a lifecycle rule on a bucket whose objects
# are read every day, and paying retrieval fees larger than the storage saved. moto keeps the configuration
# but never moves an object, so the demo shows what a `GLACIER` object looks like, without the wait:

# %% course={"kind": "demo"}
s3.create_bucket(Bucket="demo-classes")
s3.put_object(Bucket="demo-classes", Key="2019/backup.tar", Body=b"old", StorageClass="GLACIER")
print("class:", s3.head_object(Bucket="demo-classes", Key="2019/backup.tar")["StorageClass"])
try:
    s3.get_object(Bucket="demo-classes", Key="2019/backup.tar")
except ClientError as err:
    print("GET before a restore:", err.response["Error"]["Code"])
rules = [{"ID": "logs", "Filter": {"Prefix": "logs/"}, "Status": "Enabled",
          "Transitions": [{"Days": 30, "StorageClass": "STANDARD_IA"}, {"Days": 90, "StorageClass": "GLACIER"}],
          "Expiration": {"Days": 365}},
         {"ID": "stale-uploads", "Filter": {"Prefix": ""}, "Status": "Enabled",
          "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}}]
s3.put_bucket_lifecycle_configuration(Bucket="demo-classes", LifecycleConfiguration={"Rules": rules})
for rule in s3.get_bucket_lifecycle_configuration(Bucket="demo-classes")["Rules"]:
    print(rule["ID"], {k: v for k, v in rule.items() if k not in ("ID", "Filter", "Status")})

# %% [markdown] course={"kind": "exercise", "id": "lifecycle-rule", "item": "x-set-up-lifecycle-policies"}
# ### Build a lifecycle rule, refusing the usual mistakes
#
# Write `lifecycle_rule(rule_id, prefix, transitions, expire_after=None)` returning one rule as boto3 wants
# it, after checking it, so a mistake is found in review rather than by `put_bucket_lifecycle_configuration`:
#
# - `transitions` maps storage classes (from `STORAGE_CLASSES`) to days since creation. Each day count is an
#   `int` ≥ 0, and ≥ 30 for `STANDARD_IA` and `ONEZONE_IA`; two classes on the same day are refused.
#   In the rule they become `"Transitions"`: `{"Days": d, "StorageClass": c}` items **sorted by days**;
# - `expire_after` (days, an `int` ≥ 1) becomes `"Expiration": {"Days": n}` and must be **later** than every
#   transition;
# - the rule is `{"ID": rule_id, "Filter": {"Prefix": prefix}, "Status": "Enabled", ...}`, with no
#   `"Transitions"` key when there are none and no `"Expiration"` key without `expire_after`;
# - `rule_id` is 1 to 255 characters; a rule with neither transitions nor expiration does nothing: all of
#   these raise `ValueError`.
#
# These are the mistakes people make most; S3 checks more when the configuration is put (transitions must go
# from warmer to colder classes, and an object stays 30 days in an IA class before its next transition), so
# real code still handles the `ClientError` of `put_bucket_lifecycle_configuration`.
#
# ```python
# lifecycle_rule("logs", "logs/", {"GLACIER": 90, "STANDARD_IA": 30}, expire_after=365)
# # {'ID': 'logs', 'Filter': {'Prefix': 'logs/'}, 'Status': 'Enabled',
# #  'Transitions': [{'Days': 30, 'StorageClass': 'STANDARD_IA'}, {'Days': 90, 'StorageClass': 'GLACIER'}],
# #  'Expiration': {'Days': 365}}
# ```

# %% [markdown] course={"kind": "hint"}
# Build the list of transition dicts, check each, then `sorted(..., key=lambda t: t["Days"])`. Equal days show
# up as fewer distinct day counts than transitions.

# %% [markdown] course={"kind": "hint"}
# `type(days) is int` refuses `True` and `30.0`. Compare `expire_after` with the largest transition day.

# %% course={"kind": "solution"}
STORAGE_CLASSES = ("STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE")


def lifecycle_rule(rule_id: str, prefix: str, transitions: dict[str, int], expire_after: int | None = None) -> dict:
    ### BEGIN SOLUTION
    if not 1 <= len(rule_id) <= 255:
        raise ValueError(f"a rule ID is 1 to 255 characters, not {len(rule_id)}")
    if not transitions and expire_after is None:
        raise ValueError(f"rule {rule_id!r} neither moves nor expires anything")
    steps = []
    for storage_class, days in transitions.items():
        if storage_class not in STORAGE_CLASSES:
            raise ValueError(f"unknown storage class {storage_class!r}")
        if type(days) is not int or days < 0:
            raise ValueError(f"{storage_class}: days must be a whole number >= 0, not {days!r}")
        if storage_class in ("STANDARD_IA", "ONEZONE_IA") and days < 30:
            raise ValueError(f"{storage_class} needs at least 30 days, not {days}")
        steps.append({"Days": days, "StorageClass": storage_class})
    steps.sort(key=lambda step: step["Days"])
    if len({step["Days"] for step in steps}) != len(steps):
        raise ValueError("two transitions on the same day")
    rule: dict = {"ID": rule_id, "Filter": {"Prefix": prefix}, "Status": "Enabled"}
    if steps:
        rule["Transitions"] = steps
    if expire_after is not None:
        if type(expire_after) is not int or expire_after < 1:
            raise ValueError(f"expire_after must be a whole number >= 1, not {expire_after!r}")
        if steps and expire_after <= steps[-1]["Days"]:
            raise ValueError(f"expiry on day {expire_after} is not after the last transition")
        rule["Expiration"] = {"Days": expire_after}
    return rule
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_rule = lifecycle_rule("logs", "logs/", {"GLACIER": 90, "STANDARD_IA": 30}, expire_after=365)
assert _rule == {"ID": "logs", "Filter": {"Prefix": "logs/"}, "Status": "Enabled",
                 "Transitions": [{"Days": 30, "StorageClass": "STANDARD_IA"}, {"Days": 90, "StorageClass": "GLACIER"}],
                 "Expiration": {"Days": 365}}, f"transitions sorted by days, got {_rule!r}"

# %% course={"kind": "test", "points": 1}
s3.create_bucket(Bucket="lifecycle-tests")
_rules = [lifecycle_rule("logs", "logs/", {"GLACIER": 90, "STANDARD_IA": 30}, 365),
          lifecycle_rule("tmp", "tmp/", {}, expire_after=1), lifecycle_rule("archive", "", {"DEEP_ARCHIVE": 0})]
s3.put_bucket_lifecycle_configuration(Bucket="lifecycle-tests", LifecycleConfiguration={"Rules": _rules})
assert s3.get_bucket_lifecycle_configuration(Bucket="lifecycle-tests")["Rules"] == _rules, "S3 stores them as built"
assert "Transitions" not in _rules[1] and "Expiration" not in _rules[2], "no empty sections"

# %% course={"kind": "test", "points": 2}
_bad = [("logs", "logs/", {"STANDARD_IA": 29}, None), ("logs", "logs/", {"ONEZONE_IA": 29}, None),
        ("logs", "logs/", {"GLACIER": -1}, None), ("logs", "logs/", {"GLACIER": 90}, 90),
        ("logs", "logs/", {}, None), ("logs", "logs/", {"COLD": 90}, None), ("", "logs/", {"GLACIER": 1}, None)]
for _args in _bad:
    try:
        lifecycle_rule(*_args)
    except ValueError:
        pass
    else:
        raise AssertionError(f"lifecycle_rule{_args} must raise ValueError")
### BEGIN HIDDEN TESTS
for _args in [("x" * 256, "", {"GLACIER": 1}, None), ("a", "", {"GLACIER": True}, None),
              ("a", "", {"GLACIER": 1.0}, None), ("a", "", {}, 0), ("a", "", {}, True), ("a", "", {}, 2.0),
              ("a", "", {"GLACIER": 90, "DEEP_ARCHIVE": 90}, None), ("a", "", {"GLACIER": 90, "GLACIER_IR": 10}, 89)]:
    try:
        lifecycle_rule(*_args)
    except ValueError:
        pass
    else:
        raise AssertionError(f"lifecycle_rule{_args} must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_rule = lifecycle_rule("x" * 255, "", {"ONEZONE_IA": 30}, expire_after=31)
assert _rule["Transitions"] == [{"Days": 30, "StorageClass": "ONEZONE_IA"}] and _rule["Expiration"] == {"Days": 31}, (
    "the edges are allowed: a 255-character ID, 30 days for an IA class, expiry one day after the last transition"
)
assert lifecycle_rule("a", "", {"STANDARD_IA": 30})["Transitions"] == [{"Days": 30, "StorageClass": "STANDARD_IA"}]
assert lifecycle_rule("a", "", {"GLACIER_IR": 0})["Transitions"] == [{"Days": 0, "StorageClass": "GLACIER_IR"}], "day 0"
_rule = lifecycle_rule("a", "", {"DEEP_ARCHIVE": 365, "STANDARD_IA": 30, "GLACIER": 120})
assert [t["StorageClass"] for t in _rule["Transitions"]] == ["STANDARD_IA", "GLACIER", "DEEP_ARCHIVE"], "sorted by days"
### BEGIN HIDDEN TESTS
assert lifecycle_rule("a", "p/", {}, 1) == {"ID": "a", "Filter": {"Prefix": "p/"}, "Status": "Enabled", "Expiration": {"Days": 1}}
assert lifecycle_rule("a", "", {"INTELLIGENT_TIERING": 0, "DEEP_ARCHIVE": 180})["Transitions"][1] == {
    "Days": 180, "StorageClass": "DEEP_ARCHIVE"}
_transitions = {"GLACIER": 90, "STANDARD_IA": 30}
lifecycle_rule("a", "", _transitions, 91)
assert _transitions == {"GLACIER": 90, "STANDARD_IA": 30} and list(_transitions) == ["GLACIER", "STANDARD_IA"]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "unsorted-transitions"}
STORAGE_CLASSES = ("STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE")


def lifecycle_rule(rule_id: str, prefix: str, transitions: dict[str, int], expire_after: int | None = None) -> dict:
    if not 1 <= len(rule_id) <= 255 or (not transitions and expire_after is None):
        raise ValueError("bad rule")
    for storage_class, days in transitions.items():
        if storage_class not in STORAGE_CLASSES or type(days) is not int or days < 0:
            raise ValueError("bad transition")
        if storage_class in ("STANDARD_IA", "ONEZONE_IA") and days < 30:
            raise ValueError("too early")
    if len(set(transitions.values())) != len(transitions):
        raise ValueError("same day")
    rule: dict = {"ID": rule_id, "Filter": {"Prefix": prefix}, "Status": "Enabled"}
    if transitions:  # in the order the caller wrote them
        rule["Transitions"] = [{"Days": d, "StorageClass": c} for c, d in transitions.items()]
    if expire_after is not None:
        if type(expire_after) is not int or expire_after < 1 or expire_after <= max(transitions.values(), default=0):
            raise ValueError("bad expiry")
        rule["Expiration"] = {"Days": expire_after}
    return rule

# %% course={"kind": "wrong", "id": "ia-after-30-exclusive"}
STORAGE_CLASSES = ("STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE")


def lifecycle_rule(rule_id: str, prefix: str, transitions: dict[str, int], expire_after: int | None = None) -> dict:
    if not 1 <= len(rule_id) <= 255 or (not transitions and expire_after is None):
        raise ValueError("bad rule")
    steps = []
    for storage_class, days in sorted(transitions.items(), key=lambda item: item[1]):
        if storage_class not in STORAGE_CLASSES or type(days) is not int or days < 0:
            raise ValueError("bad transition")
        if storage_class in ("STANDARD_IA", "ONEZONE_IA") and days <= 30:  # day 30 itself is allowed
            raise ValueError("too early")
        steps.append({"Days": days, "StorageClass": storage_class})
    if len({s["Days"] for s in steps}) != len(steps):
        raise ValueError("same day")
    rule: dict = {"ID": rule_id, "Filter": {"Prefix": prefix}, "Status": "Enabled"}
    if steps:
        rule["Transitions"] = steps
    if expire_after is not None:
        if type(expire_after) is not int or expire_after < 1 or (steps and expire_after <= steps[-1]["Days"]):
            raise ValueError("bad expiry")
        rule["Expiration"] = {"Days": expire_after}
    return rule

# %% course={"kind": "wrong", "id": "expiry-not-checked"}
STORAGE_CLASSES = ("STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE")


def lifecycle_rule(rule_id: str, prefix: str, transitions: dict[str, int], expire_after: int | None = None) -> dict:
    if not 1 <= len(rule_id) <= 255 or (not transitions and expire_after is None):
        raise ValueError("bad rule")
    steps = []
    for storage_class, days in sorted(transitions.items(), key=lambda item: item[1]):
        if storage_class not in STORAGE_CLASSES or type(days) is not int or days < 0:
            raise ValueError("bad transition")
        if storage_class in ("STANDARD_IA", "ONEZONE_IA") and days < 30:
            raise ValueError("too early")
        steps.append({"Days": days, "StorageClass": storage_class})
    if len({s["Days"] for s in steps}) != len(steps):
        raise ValueError("same day")
    rule: dict = {"ID": rule_id, "Filter": {"Prefix": prefix}, "Status": "Enabled", "Transitions": steps}
    if expire_after is not None:
        rule["Expiration"] = {"Days": expire_after}  # day 90 with a transition on day 90; "Transitions": [] kept
    return rule

# %% [markdown] course={"kind": "lesson", "id": "versioning", "covers": ["c-versioning"]}
# ### Versioning and delete markers
#
# With **versioning** enabled on a bucket (it cannot be switched off again, only suspended), every `PUT` to a
# key keeps the old object as an older **version** with its own `VersionId`, and a plain `DELETE` removes
# nothing: it puts a **delete marker** on top, so the key looks gone (`GET` answers 404) while every version is
# still there, and still billed. Deleting the marker itself (`delete_object` with its `VersionId`) brings the
# object back; deleting a version by id removes that version for good. It is the safety net for Terraform state,
# model registries and anything a script might overwrite or delete by mistake. What people get wrong: thinking
# a delete freed space, and forgetting a lifecycle rule (`NoncurrentVersionExpiration`) for old versions.

# %% course={"kind": "demo"}
s3.create_bucket(Bucket="demo-versions")
s3.put_bucket_versioning(Bucket="demo-versions", VersioningConfiguration={"Status": "Enabled"})
first = s3.put_object(Bucket="demo-versions", Key="terraform.tfstate", Body=b'{"serial": 1}')["VersionId"]
s3.put_object(Bucket="demo-versions", Key="terraform.tfstate", Body=b'{"serial": 2}')
marker = s3.delete_object(Bucket="demo-versions", Key="terraform.tfstate")
print("delete answered   :", {k: marker[k] for k in ("DeleteMarker",)}, "| marker id", marker["VersionId"][:8], "...")
listing = s3.list_object_versions(Bucket="demo-versions", Prefix="terraform.tfstate")
print("versions kept     :", len(listing["Versions"]), "| delete markers:", len(listing["DeleteMarkers"]))
old = s3.get_object(Bucket="demo-versions", Key="terraform.tfstate", VersionId=first)["Body"].read()
print("version 1 by id   :", old)
try:
    s3.get_object(Bucket="demo-versions", Key="terraform.tfstate")
except ClientError as err:
    print("plain GET         :", err.response["Error"]["Code"])

# %% [markdown] course={"kind": "exercise", "id": "undelete"}
# ### Undo a delete in a versioned bucket
#
# Someone ran `aws s3 rm` on a key in a versioned bucket, maybe twice. Write `undelete(s3, bucket, key)` that
# removes the delete markers sitting **on top of** that key (while the latest entry is a delete marker, delete
# that marker by its `VersionId`), so the newest real version is current again, and returns that version's id.
#
# - a key that is not deleted is left alone: return its current version id, delete nothing;
# - a key with no versions at all raises `FileNotFoundError`;
# - `list_object_versions(Prefix=key)` also lists *other* keys that start with `key` (`report.csv.bak` for
#   `report.csv`): only entries whose `Key` is exactly `key` count. (Assume under 1,000 versions: one page.)
#
# ```python
# undelete(s3, "state", "terraform.tfstate")   # '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY...' and GET works again
# ```

# %% [markdown] course={"kind": "hint"}
# In each listing, the entry with `IsLatest == True` for your key is either in `"DeleteMarkers"` or in
# `"Versions"`. Loop: list, and if the latest is a marker, delete it with `VersionId=` and list again.

# %% [markdown] course={"kind": "hint"}
# `s3.delete_object(Bucket=..., Key=...)` without `VersionId` adds one more marker. Use `listing.get(...,
# [])`: a key without markers has no `"DeleteMarkers"` in the answer.

# %% course={"kind": "solution"}
def undelete(s3, bucket: str, key: str) -> str:
    ### BEGIN SOLUTION
    while True:
        listing = s3.list_object_versions(Bucket=bucket, Prefix=key)
        markers = [m for m in listing.get("DeleteMarkers", []) if m["Key"] == key and m["IsLatest"]]
        if not markers:
            break
        s3.delete_object(Bucket=bucket, Key=key, VersionId=markers[0]["VersionId"])
    current = [v for v in listing.get("Versions", []) if v["Key"] == key and v["IsLatest"]]
    if not current:
        raise FileNotFoundError(f"s3://{bucket}/{key} has no version to bring back")
    return current[0]["VersionId"]
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
s3.create_bucket(Bucket="undelete-tests")
s3.put_bucket_versioning(Bucket="undelete-tests", VersioningConfiguration={"Status": "Enabled"})
s3.put_object(Bucket="undelete-tests", Key="report.csv", Body=b"v1")
_v2 = s3.put_object(Bucket="undelete-tests", Key="report.csv", Body=b"v2")["VersionId"]
s3.delete_object(Bucket="undelete-tests", Key="report.csv")
with recorded(s3, "ListObjectVersions", limit=10):  # a loop that never removes a marker stops at once
    _got = undelete(s3, "undelete-tests", "report.csv")
assert s3.get_object(Bucket="undelete-tests", Key="report.csv")["Body"].read() == b"v2", "the newest version is back"
assert _got == _v2, "returns the restored version's id"

# %% course={"kind": "test", "points": 2}
s3.put_object(Bucket="undelete-tests", Key="model.pt", Body=b"weights")
s3.put_object(Bucket="undelete-tests", Key="model.pt.bak", Body=b"older weights")
for _ in range(3):
    s3.delete_object(Bucket="undelete-tests", Key="model.pt")  # three markers on top
_versions = len(s3.list_object_versions(Bucket="undelete-tests", Prefix="model.pt")["Versions"])
with recorded(s3, "ListObjectVersions", limit=10):
    undelete(s3, "undelete-tests", "model.pt")
assert s3.get_object(Bucket="undelete-tests", Key="model.pt")["Body"].read() == b"weights", "every marker on top goes"
_markers = s3.list_object_versions(Bucket="undelete-tests", Prefix="model.pt").get("DeleteMarkers", [])
assert _markers == [], f"no marker is left, found {len(_markers)}"
### BEGIN HIDDEN TESTS
_listing = s3.list_object_versions(Bucket="undelete-tests", Prefix="model.pt")
assert len(_listing["Versions"]) == _versions, "no version was deleted"
assert {v["Key"] for v in _listing["Versions"]} == {"model.pt", "model.pt.bak"}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_live = s3.put_object(Bucket="undelete-tests", Key="live.txt", Body=b"here")["VersionId"]
with recorded(s3, "DeleteObject", limit=5) as _calls:
    assert undelete(s3, "undelete-tests", "live.txt") == _live, "a key that is not deleted: its current version"
assert _calls == [], "and nothing is deleted"
### BEGIN HIDDEN TESTS
s3.put_object(Bucket="undelete-tests", Key="live.txt.old", Body=b"x")
s3.delete_object(Bucket="undelete-tests", Key="live.txt.old")
with recorded(s3, "DeleteObject", limit=5) as _calls:
    assert undelete(s3, "undelete-tests", "live.txt") == _live, "another key's marker is not this key's"
assert _calls == []
assert undelete(s3, "undelete-tests", "live.txt.old") != _live
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
s3.put_object(Bucket="undelete-tests", Key="never-there.txt.bak", Body=b"x")
try:
    undelete(s3, "undelete-tests", "never-there.txt")
except FileNotFoundError:
    pass
else:
    raise AssertionError("a key with no versions raises FileNotFoundError (another key's versions do not count)")

# %% course={"kind": "wrong", "id": "plain-delete"}
def undelete(s3, bucket: str, key: str) -> str:
    listing = s3.list_object_versions(Bucket=bucket, Prefix=key)
    if any(m["Key"] == key and m["IsLatest"] for m in listing.get("DeleteMarkers", [])):
        s3.delete_object(Bucket=bucket, Key=key)  # no VersionId: one more marker, not one less
    current = [v for v in listing.get("Versions", []) if v["Key"] == key]
    if not current:
        raise FileNotFoundError(key)
    return current[0]["VersionId"]

# %% course={"kind": "wrong", "id": "one-marker-only"}
def undelete(s3, bucket: str, key: str) -> str:
    listing = s3.list_object_versions(Bucket=bucket, Prefix=key)
    markers = [m for m in listing.get("DeleteMarkers", []) if m["Key"] == key and m["IsLatest"]]
    if markers:
        s3.delete_object(Bucket=bucket, Key=key, VersionId=markers[0]["VersionId"])  # the one below stays
    current = [v for v in listing.get("Versions", []) if v["Key"] == key and v["IsLatest"]]
    if not current:
        current = [v for v in listing.get("Versions", []) if v["Key"] == key]
    if not current:
        raise FileNotFoundError(key)
    return current[0]["VersionId"]

# %% course={"kind": "wrong", "id": "prefix-is-the-key"}
def undelete(s3, bucket: str, key: str) -> str:
    while True:
        listing = s3.list_object_versions(Bucket=bucket, Prefix=key)
        markers = [m for m in listing.get("DeleteMarkers", []) if m["IsLatest"]]  # any key with this prefix
        if not markers:
            break
        s3.delete_object(Bucket=bucket, Key=markers[0]["Key"], VersionId=markers[0]["VersionId"])
    current = [v for v in listing.get("Versions", []) if v["IsLatest"]]
    if not current:
        raise FileNotFoundError(key)
    return current[0]["VersionId"]

# %% [markdown] course={"kind": "lesson", "id": "security-select", "covers": ["c-server-side-encryption", "c-access-control-acls-bucket-policies", "c-s3-select-for-querying"]}
# ### Encryption, access control, and querying in place
#
# **Server-side encryption**: S3 encrypts every new object at rest; since January 2023 `SSE-S3` (AES-256 with
# keys S3 manages) is the default. `SSE-KMS` uses a KMS key you control, so reading needs KMS permission too
# and every read is in CloudTrail; `SSE-C` means you send the key with each request. Client-side encryption
# (you encrypt before upload) is the option when the provider must never see plaintext.
#
# **Access control**: IAM policies say what a *principal* may do; a **bucket policy** (JSON on the bucket) says
# who may do what *to this bucket*, across accounts too; ACLs are the old per-object mechanism, disabled by
# default on new buckets ("bucket owner enforced"), and **Block Public Access** overrides anything that would make
# data public. The mistake with the biggest headlines: a bucket policy with `"Principal": "*"` on `s3:GetObject`.
#
# **S3 Select** ran a SQL `SELECT ... WHERE` over one CSV, JSON or Parquet object inside S3 and returned only the
# matching rows. AWS has closed it to new customers (accounts that used it before keep it); the usual replacements
# are Athena (SQL over many objects) or reading the object as a stream and filtering on the client, which the demo does after
# showing encryption and a policy (moto stores the policy; it does not enforce it):

# %% course={"kind": "demo"}
s3.create_bucket(Bucket="demo-secure")
s3.put_object(Bucket="demo-secure", Key="creds.json", Body=b"{}", ServerSideEncryption="AES256")
print("encryption:", s3.head_object(Bucket="demo-secure", Key="creds.json")["ServerSideEncryption"])
policy = {"Version": "2012-10-17", "Statement": [{
    "Sid": "ReadReportsFromCI", "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::123456789012:role/ci"},
    "Action": "s3:GetObject", "Resource": "arn:aws:s3:::demo-secure/reports/*"}]}
s3.put_bucket_policy(Bucket="demo-secure", Policy=json.dumps(policy))
print("policy    :", json.loads(s3.get_bucket_policy(Bucket="demo-secure")["Policy"])["Statement"][0]["Sid"])
s3.put_object(Bucket="demo-secure", Key="runs.csv", Body=b"run,accuracy\nr1,0.91\nr2,0.87\nr3,0.95\n")
body = s3.get_object(Bucket="demo-secure", Key="runs.csv")["Body"]
rows = csv.DictReader(line.decode("utf-8") for line in body.iter_lines())
print("SELECT run WHERE accuracy > 0.9 ->", [row["run"] for row in rows if float(row["accuracy"]) > 0.9])

# %% course={"kind": "trap", "trap": "trap-s3-is-not-a-file-system-no-directories"}
# Trap: S3 has no directories, only keys that share a prefix. A "folder" exists while some key starts with it,
# "renaming" it copies and deletes every object (not atomic: a reader in between sees both or neither), and
# an empty "folder" is just an object whose key ends in "/".
s3.create_bucket(Bucket="trap-folders")
for name in ("a.csv", "b.csv"):
    s3.put_object(Bucket="trap-folders", Key=f"old-name/{name}", Body=b"1")
for item in s3.list_objects_v2(Bucket="trap-folders", Prefix="old-name/")["Contents"]:  # the "mv old-name new-name"
    new_key = "new-name/" + item["Key"].removeprefix("old-name/")
    s3.copy_object(Bucket="trap-folders", Key=new_key, CopySource={"Bucket": "trap-folders", "Key": item["Key"]})
    s3.delete_object(Bucket="trap-folders", Key=item["Key"])
print("after the rename, 2 copies + 2 deletes:", [i["Key"] for i in s3.list_objects_v2(Bucket="trap-folders")["Contents"]])
s3.put_object(Bucket="trap-folders", Key="empty-folder/", Body=b"")
print("an 'empty folder' is an object:", s3.head_object(Bucket="trap-folders", Key="empty-folder/")["ContentLength"], "bytes")
print("folder listing:", [p["Prefix"] for p in s3.list_objects_v2(Bucket="trap-folders", Delimiter="/")["CommonPrefixes"]])

# %% course={"kind": "trap", "trap": "trap-consistency-model-has-changed-now-strong"}
# Trap: old blog posts say S3 is "eventually consistent" (a read just after an overwrite might return the old
# data, a new key might be missing from a listing). Since December 2020 S3 gives strong read-after-write
# consistency for PUTs, overwrites, DELETEs and listings, at no cost. What is still NOT given: two writers to one
# key race (the last write wins, no lock), so "read, change, write back" needs a conditional write
# (If-Match / If-None-Match) or a lock elsewhere. moto is one process and always consistent, so this cell shows
# the guarantee's shape, not proof of AWS's behaviour:
s3.create_bucket(Bucket="trap-consistency")
s3.put_object(Bucket="trap-consistency", Key="config.json", Body=b'{"v": 1}')
s3.put_object(Bucket="trap-consistency", Key="config.json", Body=b'{"v": 2}')
print("read right after the overwrite:", s3.get_object(Bucket="trap-consistency", Key="config.json")["Body"].read())
seen_by_a = s3.get_object(Bucket="trap-consistency", Key="config.json")["Body"].read()  # two workers read v2...
seen_by_b = s3.get_object(Bucket="trap-consistency", Key="config.json")["Body"].read()
s3.put_object(Bucket="trap-consistency", Key="config.json", Body=seen_by_a.replace(b"}", b', "a": true}'))
s3.put_object(Bucket="trap-consistency", Key="config.json", Body=seen_by_b.replace(b"}", b', "b": true}'))
print("after both wrote back         :", s3.get_object(Bucket="trap-consistency", Key="config.json")["Body"].read(), "(A's change is lost)")

# %% course={"kind": "trap", "trap": "trap-cost-includes-storage-requests-and-data"}
# Trap: the storage price per GB is only one line of the bill. Requests are charged per 1,000 (PUT/LIST cost
# about ten times GET), data sent out to the internet is charged per GB, and cold classes add retrieval fees and
# minimum durations. The prices below are ASSUMED round numbers for the arithmetic, not a price list: check your
# provider's page for your region. The point is the shape: many tiny objects and a popular download can cost
# far more than the bytes stored.
ASSUMED = {"storage_gb_month": 0.023, "put_per_1000": 0.005, "get_per_1000": 0.0004, "egress_gb": 0.09}


def monthly_cost(stored_gb: float, puts: int, gets: int, egress_gb: float) -> dict[str, float]:
    parts = {"storage": stored_gb * ASSUMED["storage_gb_month"], "PUT requests": puts / 1000 * ASSUMED["put_per_1000"],
             "GET requests": gets / 1000 * ASSUMED["get_per_1000"], "data out": egress_gb * ASSUMED["egress_gb"]}
    return {name: round(value, 2) for name, value in parts.items()}


print("100 GB of logs in 1 KB objects:", monthly_cost(100, puts=100_000_000, gets=0, egress_gb=0))
print("a 2 GB model downloaded 10,000 times:", monthly_cost(2, puts=1, gets=10_000, egress_gb=20_000))

# %% [markdown] course={"kind": "lesson", "id": "gcs", "covers": ["c-google-cloud-storage", "c-similar-concepts-to-s3", "c-google-cloud-storage-library", "c-signed-urls", "c-storage-classes-07783a"]}
# ### Google Cloud Storage
#
# GCS has the same model: **buckets** of **objects** (called *blobs* in the Python library) under flat names,
# with content type and custom metadata, listing by prefix and delimiter, versioning (each write gets a new
# **generation** number), lifecycle rules, and **signed URLs** (V4, at most 7 days, signed with a service
# account's private key, locally). Storage classes: `STANDARD`, `NEARLINE` (30-day minimum), `COLDLINE` (90)
# and `ARCHIVE` (365); unlike S3's Glacier classes, every GCS class is read directly, no restore step.
#
# The `google-cloud-storage` library is object-oriented: `client.bucket(name).blob(key)` makes local handles
# that do not touch the network; `upload_from_string` / `upload_from_file` / `download_as_bytes` /
# `open("rb")` do. `client.list_blobs(bucket, prefix=...)` returns an iterator that fetches pages as you go (no
# token handling), and the "folders" arrive in its `.prefixes` only **after** you have iterated it, a common
# surprise. The demo runs against the local emulator, and signs a URL with a service-account key made on the
# spot (the emulator serves signed URLs without checking the signature; real GCS checks it):

# %% course={"kind": "demo"}
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from google.oauth2 import service_account

bucket = gcs.create_bucket("demo-gcs")
for name in ("datasets/train.csv", "datasets/test.csv", "models/v1.onnx"):
    blob = bucket.blob(name)
    blob.metadata = {"owner": "ml-team"}
    blob.upload_from_string(b"a,b\n1,2\n", content_type="text/csv")
listing = gcs.list_blobs("demo-gcs", delimiter="/")
print("top-level 'folders' before iterating:", sorted(listing.prefixes))
print("objects at the top:", [b.name for b in listing], "| 'folders' after:", sorted(listing.prefixes))
train = bucket.get_blob("datasets/train.csv")
print("metadata:", train.content_type, train.size, "bytes", train.metadata, "| generation", type(train.generation).__name__)
key_pem = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
signer = service_account.Credentials.from_service_account_info({
    "type": "service_account", "client_email": "ci@course-test.iam.gserviceaccount.com", "private_key": key_pem,
    "token_uri": "http://127.0.0.1:9/token", "project_id": "course-test"})  # never contacted: signing is local
url = train.generate_signed_url(version="v4", expiration=timedelta(minutes=10), credentials=signer,
                                api_access_endpoint=GCS_ENDPOINT)
print("signed URL parameters:", sorted(name for name in parse_qs(urlsplit(url).query)))
with urllib.request.urlopen(url) as reply:
    print("GET through the signed URL:", reply.read())

# %% [markdown] course={"kind": "lesson", "id": "azure", "covers": ["c-azure-blob-storage", "c-containers-and-blobs", "c-azure-storage-blob-library", "c-sas-tokens", "c-access-tiers"]}
# ### Azure Blob Storage, by comparison
#
# Azure's words for the same ideas: a **storage account** holds **containers** (buckets) of **blobs** (objects;
# *block blobs* for files, plus *append* and *page* blobs). The Python library `azure-storage-blob` has
# `BlobServiceClient` → `ContainerClient` → `BlobClient`, with `upload_blob`, `download_blob().chunks()` and
# `list_blobs(name_starts_with=...)`. A **SAS token** (shared access signature) is Azure's presigned URL: a
# query string with permissions (`sp=r`), start and expiry times (`st`, `se`) and a signature (`sig`), an
# HMAC-SHA256 made with the account key or, better, a *user delegation key* from Entra ID. **Access tiers** are
# its storage classes: Hot, Cool, Cold and Archive (Archive must be *rehydrated* before reading).
#
# | idea | S3 | GCS | Azure Blob |
# |---|---|---|---|
# | container of objects | bucket | bucket | container (in a storage account) |
# | temporary link | presigned URL (SigV4) | signed URL (V4) | SAS token |
# | cheaper, colder storage | storage classes | storage classes | access tiers |
# | local emulator | moto, MinIO | fake-gcs-server, gcp-storage-emulator | Azurite |
#
# The course does not install the Azure library or Azurite (a Node.js program). The demo instead builds the
# idea every one of these links shares, a **toy** signed link (not Azure's exact string-to-sign): the server
# recomputes an HMAC over what the link allows, so changing anything breaks it.

# %% course={"kind": "demo"}
import hmac

ACCOUNT_KEY = b"demo-account-key-never-use"


def toy_sas(path: str, permissions: str, expiry: str) -> str:
    to_sign = "\n".join([permissions, expiry, path]).encode()
    signature = hmac.new(ACCOUNT_KEY, to_sign, hashlib.sha256).hexdigest()[:16]
    return f"{path}?sp={permissions}&se={expiry}&sig={signature}"


def server_accepts(link: str) -> bool:
    path, query = link.split("?")
    fields = dict(pair.split("=") for pair in query.split("&"))
    expected = toy_sas(path, fields["sp"], fields["se"]).rsplit("sig=", 1)[1]
    return hmac.compare_digest(fields["sig"], expected)


link = toy_sas("/reports/q1.pdf", "r", "2026-12-31T00:00:00Z")
print(link, "->", server_accepts(link))
print("asks for write instead:", server_accepts(link.replace("sp=r", "sp=rw")))
print("another blob          :", server_accepts(link.replace("q1.pdf", "q2.pdf")))

# %% [markdown] course={"kind": "lesson", "id": "minio", "covers": ["c-minio-s3-compatible", "c-self-hosted-object-storage", "c-s3-api-compatibility", "c-local-development"]}
# ### MinIO and the S3 API as a standard
#
# The S3 REST API is what everyone copies: **MinIO** (a single Go binary you run yourself), Ceph's RADOS
# Gateway, Cloudflare R2, Backblaze B2 and others accept the same requests, so `boto3` talks to any of them
# with an `endpoint_url` and that system's keys. Teams self-host it for on-premises or air-gapped clusters and
# run it in Docker for **local development** and CI, like this notebook runs moto. Two settings matter:
#
# - the **endpoint**: `endpoint_url="http://localhost:9000"` (MinIO's default port) instead of AWS;
# - the **addressing style**: AWS prefers *virtual-hosted* URLs (`https://bucket.s3.amazonaws.com/key`), which
#   need DNS for every bucket name; a local server usually wants *path style* (`http://host:9000/bucket/key`).
#
# The mistake: code that builds AWS URLs by hand or reads the endpoint from nowhere, so it cannot be pointed at
# MinIO or a test server. Keep the endpoint in configuration. Presigning is local, so the demo can show both
# styles for a MinIO host that does not exist here:

# %% course={"kind": "demo"}
for style in ("virtual", "path"):
    minio = client("s3", "http://minio.internal:9000", config=Config(signature_version="s3v4", s3={"addressing_style": style}))
    signed = minio.generate_presigned_url("get_object", Params={"Bucket": "models", "Key": "v1.onnx"}, ExpiresIn=60)
    print(f"{style:8}", signed.split("?")[0])
buckets = s3.list_buckets()["Buckets"]
print("same code, moto here:", buckets[0]["Name"], "...", len(buckets), "buckets")

# %% [markdown] course={"kind": "exercise", "id": "s3-settings", "item": "x-use-minio-for-local-s3-compatible"}
# ### One client for AWS, MinIO and tests
#
# Write `s3_settings(env)` that reads the S3 connection from a mapping of environment variables (pass
# `os.environ` in real code) and returns a dict with exactly three keys, the settings that `make_s3` (given)
# turns into a client:
#
# - `"endpoint_url"`: `env["S3_ENDPOINT_URL"]` with surrounding whitespace and trailing `/` removed, or `None`
#   when the variable is missing or blank (then boto3 talks to AWS). Anything not starting with `http://` or
#   `https://` raises `ValueError` naming the variable;
# - `"region_name"`: the first non-blank of `AWS_REGION`, `AWS_DEFAULT_REGION` (stripped), else `"us-east-1"`;
# - `"addressing_style"`: `"path"` with a custom endpoint (MinIO, moto), `"virtual"` for AWS.
#
# ```python
# s3_settings({"S3_ENDPOINT_URL": "http://localhost:9000/", "AWS_REGION": "eu-west-1"})
# # {'endpoint_url': 'http://localhost:9000', 'region_name': 'eu-west-1', 'addressing_style': 'path'}
# ```

# %% [markdown] course={"kind": "hint"}
# `(env.get("S3_ENDPOINT_URL") or "").strip().rstrip("/")` and then `or None`.

# %% [markdown] course={"kind": "hint"}
# For the region, loop over the two names and take the first whose stripped value is not empty.

# %% course={"kind": "solution"}
def make_s3(settings: dict):
    """A boto3 S3 client from s3_settings(...) (with this notebook's fake keys)."""
    config = Config(signature_version="s3v4", s3={"addressing_style": settings["addressing_style"]})
    return client("s3", settings["endpoint_url"], region_name=settings["region_name"], config=config)


def s3_settings(env) -> dict:
    ### BEGIN SOLUTION
    endpoint = (env.get("S3_ENDPOINT_URL") or "").strip().rstrip("/") or None
    if endpoint is not None and not endpoint.startswith(("http://", "https://")):
        raise ValueError(f"S3_ENDPOINT_URL must start with http:// or https://, not {endpoint!r}")
    region = "us-east-1"
    for name in ("AWS_REGION", "AWS_DEFAULT_REGION"):
        if (env.get(name) or "").strip():
            region = env[name].strip()
            break
    return {"endpoint_url": endpoint, "region_name": region, "addressing_style": "path" if endpoint else "virtual"}
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_got = s3_settings({"S3_ENDPOINT_URL": "http://localhost:9000/", "AWS_REGION": "eu-west-1"})
assert _got == {"endpoint_url": "http://localhost:9000", "region_name": "eu-west-1", "addressing_style": "path"}, _got
_got = s3_settings({})
assert _got == {"endpoint_url": None, "region_name": "us-east-1", "addressing_style": "virtual"}, f"AWS: {_got}"

# %% course={"kind": "test", "points": 2}
_local = make_s3(s3_settings({"S3_ENDPOINT_URL": f" {S3_ENDPOINT}/ ", "AWS_DEFAULT_REGION": "us-east-1"}))
_local.create_bucket(Bucket="settings-tests")
_local.put_object(Bucket="settings-tests", Key="k", Body=b"via settings")
assert s3.get_object(Bucket="settings-tests", Key="k")["Body"].read() == b"via settings", "the client reaches moto"
_link = _local.generate_presigned_url("get_object", Params={"Bucket": "settings-tests", "Key": "k"})
assert urlsplit(_link).path == "/settings-tests/k", f"path-style URLs for a local server, got {_link}"

# %% course={"kind": "test", "points": 2}
assert s3_settings({"AWS_REGION": "  ", "AWS_DEFAULT_REGION": "ap-south-1"})["region_name"] == "ap-south-1", "blank"
assert s3_settings({"AWS_REGION": "eu-north-1", "AWS_DEFAULT_REGION": "ap-south-1"})["region_name"] == "eu-north-1"
assert s3_settings({"S3_ENDPOINT_URL": "   "})["endpoint_url"] is None, "a blank endpoint means AWS"
### BEGIN HIDDEN TESTS
assert s3_settings({"S3_ENDPOINT_URL": ""}) == {"endpoint_url": None, "region_name": "us-east-1", "addressing_style": "virtual"}
assert s3_settings({"AWS_DEFAULT_REGION": " eu-west-3 \n"})["region_name"] == "eu-west-3"
assert s3_settings({"AWS_REGION": ""})["region_name"] == "us-east-1"
assert s3_settings({"S3_ENDPOINT_URL": "https://minio.lan:9000"})["endpoint_url"] == "https://minio.lan:9000"
_env = {"S3_ENDPOINT_URL": "http://x/"}
s3_settings(_env)
assert _env == {"S3_ENDPOINT_URL": "http://x/"}, "the environment is not changed"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for _bad in ("localhost:9000", "ftp://files", "s3://bucket"):
    try:
        s3_settings({"S3_ENDPOINT_URL": _bad})
    except ValueError as err:
        assert "S3_ENDPOINT_URL" in str(err), "the error names the variable"
    else:
        raise AssertionError(f"S3_ENDPOINT_URL={_bad!r} must raise ValueError")

# %% course={"kind": "wrong", "id": "blank-is-an-endpoint"}
def make_s3(settings: dict):
    config = Config(signature_version="s3v4", s3={"addressing_style": settings["addressing_style"]})
    return client("s3", settings["endpoint_url"], region_name=settings["region_name"], config=config)


def s3_settings(env) -> dict:
    endpoint = env.get("S3_ENDPOINT_URL")  # "" and "  " count as set; the trailing "/" stays
    if endpoint is not None and not endpoint.strip().startswith(("http://", "https://")):
        raise ValueError(f"S3_ENDPOINT_URL: {endpoint!r}")
    region = env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "us-east-1"
    return {"endpoint_url": endpoint, "region_name": region, "addressing_style": "path" if endpoint else "virtual"}

# %% course={"kind": "wrong", "id": "default-region-first"}
def make_s3(settings: dict):
    config = Config(signature_version="s3v4", s3={"addressing_style": settings["addressing_style"]})
    return client("s3", settings["endpoint_url"], region_name=settings["region_name"], config=config)


def s3_settings(env) -> dict:
    endpoint = (env.get("S3_ENDPOINT_URL") or "").strip().rstrip("/") or None
    if endpoint is not None and not endpoint.startswith(("http://", "https://")):
        raise ValueError(f"S3_ENDPOINT_URL: {endpoint!r}")
    region = (env.get("AWS_DEFAULT_REGION") or env.get("AWS_REGION") or "us-east-1").strip()
    return {"endpoint_url": endpoint, "region_name": region, "addressing_style": "path" if endpoint else "virtual"}

# %% [markdown] course={"kind": "lesson", "id": "patterns", "covers": ["c-object-storage-patterns", "c-large-file-handling", "c-streaming-uploads-downloads", "c-content-addressing", "c-data-lake-concepts"]}
# ### Patterns: big files, streams, content addresses, data lakes
#
# **Large files** go up in parts (above) and come down as **streams**: `get_object(...)["Body"]` is a
# `StreamingBody`; `iter_chunks(n)`, `read(n)` or `download_fileobj` move a 20 GB checkpoint through a few MB of
# memory, while `.read()` without a size tries to hold all 20 GB. Ranged GETs (`Range="bytes=0-1048575"`) fetch
# pieces, in parallel if you like, and resume a broken download.
#
# **Content addressing** names an object by the hash of its bytes (`sha256/ab/cdef...`): the same file stored
# twice is one object, a name can never point at changed content, and the name doubles as the integrity check.
# DVC, Docker registries and Git work this way. **Checksums**: S3's ETag is the MD5 of the bytes for a plain
# single-part upload (not for multipart or KMS-encrypted objects, whose ETag ends in `-<parts>` or is opaque);
# S3 can also store a SHA-256 or CRC you send (`ChecksumAlgorithm`), and your own hash in metadata works on
# any provider.
#
# A **data lake** is files in object storage plus conventions: raw/clean/curated **zones** as top-level
# prefixes, Hive-style **partitions** in keys (`events/year=2026/month=03/day=01/part-0.parquet`) so a query for
# one day lists one prefix, and a **catalog** (Glue, Hive metastore, or a table format such as Iceberg or
# Delta) that records schemas and which files make up a table. The demo streams an object in chunks, checks
# it two ways, and stores it by content address twice:

# %% course={"kind": "demo"}
s3.create_bucket(Bucket="demo-patterns")
payload = PATTERN  # 1 MiB
s3.put_object(Bucket="demo-patterns", Key="checkpoint.bin", Body=payload)
answer = s3.get_object(Bucket="demo-patterns", Key="checkpoint.bin")
md5, sha, chunks = hashlib.md5(), hashlib.sha256(), 0
for chunk in answer["Body"].iter_chunks(chunk_size=256 * 1024):
    md5.update(chunk)
    sha.update(chunk)
    chunks += 1
print(chunks, "chunks of 256 KiB | ETag is the MD5:", answer["ETag"].strip('"') == md5.hexdigest())
tail = s3.get_object(Bucket="demo-patterns", Key="checkpoint.bin", Range="bytes=-4")
print("last 4 bytes by range:", tail["Body"].read(), tail["ContentRange"])
for attempt in range(2):
    address = f"sha256/{sha.hexdigest()[:2]}/{sha.hexdigest()[2:]}"
    try:
        s3.head_object(Bucket="demo-patterns", Key=address)
        print("already stored:", address[:24] + "...")
    except ClientError:
        s3.put_object(Bucket="demo-patterns", Key=address, Body=payload)
        print("stored once   :", address[:24] + "...")

# %% [markdown] course={"kind": "exercise", "id": "stream-download", "item": "x-stream-large-files-without-loading-into"}
# ### Download a large object without holding it in memory
#
# Write `download_to(s3, bucket, key, dest, chunk_size=MiB)` that copies the object into the binary file `dest`
# and returns the hex SHA-256 of the bytes written:
#
# - stream it: read the body **at most `chunk_size` bytes at a time** and write each piece as it comes (the
#   tests make every body refuse bigger reads);
# - if the object's user metadata has a `sha256` (as `upload_file` stored it), compare: a different hash raises
#   `ValueError` naming the key (the data was damaged, or the metadata lies). Without it, no check.
#
# ```python
# with open("model.bin", "wb") as out:
#     download_to(s3, "models", "bert/model.bin", out)   # 'a3f1...' (64 hex digits)
# ```

# %% [markdown] course={"kind": "hint"}
# `answer = s3.get_object(...)`; `answer["Body"].iter_chunks(chunk_size)` yields pieces; `answer["Metadata"]`
# holds the user metadata (a dict, maybe empty).

# %% [markdown] course={"kind": "hint"}
# Update one `hashlib.sha256()` with every piece, and compare `.hexdigest()` at the end.

# %% course={"kind": "solution"}
def download_to(s3, bucket: str, key: str, dest: BinaryIO, chunk_size: int = MiB) -> str:
    ### BEGIN SOLUTION
    answer = s3.get_object(Bucket=bucket, Key=key)
    digest = hashlib.sha256()
    for chunk in answer["Body"].iter_chunks(chunk_size):
        digest.update(chunk)
        dest.write(chunk)
    expected = answer["Metadata"].get("sha256")
    if expected is not None and expected != digest.hexdigest():
        raise ValueError(f"s3://{bucket}/{key}: SHA-256 {digest.hexdigest()} but the metadata says {expected}")
    return digest.hexdigest()
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
s3.create_bucket(Bucket="stream-tests")
_data = PATTERN + b"tail"  # two pieces of at most 1 MiB
s3.put_object(Bucket="stream-tests", Key="big.bin", Body=_data)
_out = io.BytesIO()
with limited_reads(s3, MiB) as _sizes:
    _got = download_to(s3, "stream-tests", "big.bin", _out)
assert _out.getvalue() == _data, "dest holds the object's bytes"
assert _got == hashlib.sha256(_data).hexdigest(), "returns the SHA-256 of what was written"

# %% course={"kind": "test", "points": 2}
_out = io.BytesIO()
with limited_reads(s3, 64 * 1024) as _sizes:
    download_to(s3, "stream-tests", "big.bin", _out, chunk_size=64 * 1024)
assert _out.getvalue() == _data and max(_sizes) <= 64 * 1024, "reads of at most chunk_size bytes"
### BEGIN HIDDEN TESTS
_small = PATTERN[:1000] + "é".encode()
s3.put_object(Bucket="stream-tests", Key="small.bin", Body=_small)
_out = io.BytesIO()
with limited_reads(s3, 10) as _sizes:
    download_to(s3, "stream-tests", "small.bin", _out, chunk_size=10)
assert _out.getvalue() == _small and len(_sizes) >= 101
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_good = hashlib.sha256(b"weights").hexdigest()
s3.put_object(Bucket="stream-tests", Key="ok.bin", Body=b"weights", Metadata={"sha256": _good})
s3.put_object(Bucket="stream-tests", Key="bad.bin", Body=b"weightz", Metadata={"sha256": _good})
assert download_to(s3, "stream-tests", "ok.bin", io.BytesIO()) == _good, "a matching checksum passes"
try:
    download_to(s3, "stream-tests", "bad.bin", io.BytesIO())
except ValueError as err:
    assert "bad.bin" in str(err), "the error names the key"
else:
    raise AssertionError("a SHA-256 that differs from the metadata raises ValueError")
### BEGIN HIDDEN TESTS
s3.put_object(Bucket="stream-tests", Key="empty.bin", Body=b"", Metadata={"sha256": hashlib.sha256(b"").hexdigest()})
_out = io.BytesIO()
assert download_to(s3, "stream-tests", "empty.bin", _out) == hashlib.sha256(b"").hexdigest() and _out.getvalue() == b""
s3.put_object(Bucket="stream-tests", Key="odd.bin", Body=b"x", Metadata={"sha256": ""})
try:
    download_to(s3, "stream-tests", "odd.bin", io.BytesIO())
except ValueError:
    pass
else:
    raise AssertionError("an empty sha256 in the metadata matches nothing")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "read-it-all"}
def download_to(s3, bucket: str, key: str, dest: BinaryIO, chunk_size: int = MiB) -> str:
    answer = s3.get_object(Bucket=bucket, Key=key)
    data = answer["Body"].read()  # the whole object in memory
    dest.write(data)
    digest = hashlib.sha256(data).hexdigest()
    if answer["Metadata"].get("sha256", digest) != digest:
        raise ValueError(f"{key}: checksum mismatch")
    return digest

# %% course={"kind": "wrong", "id": "never-checks"}
def download_to(s3, bucket: str, key: str, dest: BinaryIO, chunk_size: int = MiB) -> str:
    digest = hashlib.sha256()
    for chunk in s3.get_object(Bucket=bucket, Key=key)["Body"].iter_chunks(chunk_size):
        digest.update(chunk)
        dest.write(chunk)
    return digest.hexdigest()

# %% course={"kind": "wrong", "id": "check-if-truthy"}
def download_to(s3, bucket: str, key: str, dest: BinaryIO, chunk_size: int = MiB) -> str:
    answer = s3.get_object(Bucket=bucket, Key=key)
    digest = hashlib.sha256()
    for chunk in answer["Body"].iter_chunks(MiB):  # ignores chunk_size
        digest.update(chunk)
        dest.write(chunk)
    expected = answer["Metadata"].get("sha256")
    if expected and expected != digest.hexdigest():
        raise ValueError(f"{key}: checksum mismatch")
    return digest.hexdigest()

# %% [markdown] course={"kind": "exercise", "id": "partition-key", "item": "dsa-design-prefix-structure"}
# ### Problem: design the prefix structure of a data lake
#
# Analytics jobs read "one dataset, a range of days", so the key should put the dataset first and the date next,
# Hive style, which Athena, Spark and DuckDB all understand. Write `partition_key(dataset, day, filename)`:
#
# - the key is `<dataset>/year=YYYY/month=MM/day=DD/<filename>`, with zero-padded numbers;
# - `dataset` is lowercase ASCII letters, digits, `_` and `-`, starting with a letter or digit
#   (`click_events`, `2026-q1`); `filename` is not empty and holds no `/`. Anything else raises `ValueError`
#   (a stray `/` would shift the partitions; `Events` and `events` would become two datasets).
#
# ```python
# partition_key("click_events", date(2026, 3, 1), "part-0.parquet")
# # 'click_events/year=2026/month=03/day=01/part-0.parquet'
# ```

# %% [markdown] course={"kind": "hint"}
# `re.fullmatch(r"[a-z0-9][a-z0-9_-]*", dataset)`; an f-string with `:04d` and `:02d`.

# %% [markdown] course={"kind": "hint"}
# `re.fullmatch` anchors both ends; `re.match` only the start, so `"events/x"` would pass it.

# %% course={"kind": "solution"}
def partition_key(dataset: str, day: date, filename: str) -> str:
    ### BEGIN SOLUTION
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", dataset):
        raise ValueError(f"dataset {dataset!r}: lowercase letters, digits, '_' and '-', starting with a letter or digit")
    if not filename or "/" in filename:
        raise ValueError(f"filename {filename!r}: not empty, no '/'")
    return f"{dataset}/year={day.year:04d}/month={day.month:02d}/day={day.day:02d}/{filename}"
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_key = partition_key("click_events", date(2026, 3, 1), "part-0.parquet")
assert _key == "click_events/year=2026/month=03/day=01/part-0.parquet", f"Hive-style, zero-padded; got {_key!r}"

# %% course={"kind": "test", "points": 2}
assert partition_key("2026-q1", date(999, 12, 31), "x") == "2026-q1/year=0999/month=12/day=31/x", "padding"
assert partition_key("a", date(2026, 10, 9), "é.csv") == "a/year=2026/month=10/day=09/é.csv"
for _dataset in ("Events", "events/raw", "", "_tmp", "-x", "events ", "évents", "events\n"):
    try:
        partition_key(_dataset, date(2026, 1, 1), "f")
    except ValueError:
        pass
    else:
        raise AssertionError(f"dataset {_dataset!r} must raise ValueError")
### BEGIN HIDDEN TESTS
for _dataset in ("eVents", "evénts", "ev.ents", "ev ents", "events_Ü"):  # past the first character too
    try:
        partition_key(_dataset, date(2026, 1, 1), "f")
    except ValueError:
        pass
    else:
        raise AssertionError(f"dataset {_dataset!r} must raise ValueError")
for _filename in ("", "a/b", "/"):
    try:
        partition_key("events", date(2026, 1, 1), _filename)
    except ValueError:
        pass
    else:
        raise AssertionError(f"filename {_filename!r} must raise ValueError")
assert partition_key("0", date(1, 1, 1), " ") == "0/year=0001/month=01/day=01/ "
assert partition_key("a_-9", date(2026, 1, 1), "0") == "a_-9/year=2026/month=01/day=01/0"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-padding"}
def partition_key(dataset: str, day: date, filename: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", dataset) or not filename or "/" in filename:
        raise ValueError("bad name")
    return f"{dataset}/year={day.year}/month={day.month}/day={day.day}/{filename}"  # month=3 sorts after month=10

# %% course={"kind": "wrong", "id": "word-class"}
def partition_key(dataset: str, day: date, filename: str) -> str:
    if not re.fullmatch(r"[a-z0-9][\w-]*", dataset):  # \w is any letter, any case, any script: "eVents" passes
        raise ValueError(f"bad dataset {dataset!r}")
    if not filename or "/" in filename:
        raise ValueError(f"bad filename {filename!r}")
    return f"{dataset}/year={day.year:04d}/month={day.month:02d}/day={day.day:02d}/{filename}"

# %% course={"kind": "wrong", "id": "match-not-fullmatch"}
def partition_key(dataset: str, day: date, filename: str) -> str:
    if not re.match(r"[a-z0-9][a-z0-9_-]*", dataset) or not filename or "/" in filename:  # "events/raw" passes
        raise ValueError("bad name")
    return f"{dataset}/year={day.year:04d}/month={day.month:02d}/day={day.day:02d}/{filename}"

# %% [markdown] course={"kind": "exercise", "id": "prune", "item": "project-13-6-2"}
# ### Partition pruning: read only the days you need
#
# A query for three days should not open three years of files. Given keys laid out as `partition_key` makes
# them, write `prune(keys, dataset, start, end)`: the keys of `dataset` whose partition date lies from `start`
# to `end`, **both included**, in the order given. Keys of other datasets (also `events_old` when asked for
# `events`), and keys that do not follow the layout (`events/README.md`, `events/year=2026/month=13/day=01/x`:
# not a date), are skipped. `start` after `end` means no keys. `keys` may be any iterable, read once.
#
# ```python
# keys = ["events/year=2026/month=02/day=28/a", "events/year=2026/month=03/day=01/b", "events/README.md"]
# prune(keys, "events", date(2026, 3, 1), date(2026, 3, 31))   # ['events/year=2026/month=03/day=01/b']
# ```

# %% [markdown] course={"kind": "hint"}
# One regular expression with groups for the dataset, year, month and day; `date(int(y), int(m), int(d))`
# raises `ValueError` for month 13, which you can catch to skip the key.

# %% [markdown] course={"kind": "hint"}
# Compare whole dates: `start <= day <= end`.

# %% course={"kind": "solution"}
def prune(keys, dataset: str, start: date, end: date) -> list[str]:
    ### BEGIN SOLUTION
    layout = re.compile(r"([^/]+)/year=(\d{4})/month=(\d{2})/day=(\d{2})/[^/]+")
    chosen = []
    for key in keys:
        match = layout.fullmatch(key)
        if not match or match.group(1) != dataset:
            continue
        try:
            day = date(int(match.group(2)), int(match.group(3)), int(match.group(4)))
        except ValueError:
            continue
        if start <= day <= end:
            chosen.append(key)
    return chosen
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_keys = ["events/year=2026/month=02/day=28/a", "events/year=2026/month=03/day=01/b", "events/README.md"]
_got = prune(_keys, "events", date(2026, 3, 1), date(2026, 3, 31))
assert _got == ["events/year=2026/month=03/day=01/b"], f"only March, got {_got!r}"

# %% course={"kind": "test", "points": 2}
_days = [date(2026, 1, 1) + timedelta(days=_n) for _n in range(40)]
_keys = [f"{_name}/year={_d.year}/month={_d.month:02d}/day={_d.day:02d}/part-{_n}" for _n, _d in enumerate(_days)
         for _name in ("events", "events_old")]
_got = prune(_keys, "events", date(2026, 1, 10), date(2026, 1, 12))
assert _got == ["events/year=2026/month=01/day=10/part-9", "events/year=2026/month=01/day=11/part-10",
                "events/year=2026/month=01/day=12/part-11"], f"both ends included, one dataset; got {_got!r}"
### BEGIN HIDDEN TESTS
assert prune(_keys, "events", date(2026, 1, 12), date(2026, 1, 10)) == [], "start after end"
assert prune(_keys, "events_old", date(2026, 2, 9), date(2026, 3, 1)) == ["events_old/year=2026/month=02/day=09/part-39"]
assert prune(_keys, "events", date(2026, 1, 1), date(2026, 1, 1)) == ["events/year=2026/month=01/day=01/part-0"]
assert prune(_keys[::-1], "events", date(2026, 1, 10), date(2026, 1, 11)) == [
    "events/year=2026/month=01/day=11/part-10", "events/year=2026/month=01/day=10/part-9"], "input order kept"
assert prune(_keys, "event", date(2000, 1, 1), date(2100, 1, 1)) == [], "a prefix of a dataset is not the dataset"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_odd = ["events/year=2026/month=13/day=01/x", "events/year=2026/month=02/day=30/x", "events/year=2026/month=3/day=01/x",
        "events/year=2026/month=03/day=01/", "events/year=2026/month=03/day=01/sub/x", "raw/events/year=2026/month=03/day=01/x",
        "events/year=2026/month=03/day=01/ok"]
_got = prune(iter(_odd), "events", date(2026, 1, 1), date(2026, 12, 31))
assert _got == ["events/year=2026/month=03/day=01/ok"], f"keys off the layout are skipped, got {_got!r}"
assert prune(iter([]), "events", date(2026, 1, 1), date(2026, 12, 31)) == [], "no keys, no result"

# %% course={"kind": "wrong", "id": "end-excluded"}
def prune(keys, dataset: str, start: date, end: date) -> list[str]:
    chosen = []
    for key in keys:
        match = re.fullmatch(r"([^/]+)/year=(\d{4})/month=(\d{2})/day=(\d{2})/[^/]+", key)
        if match and match.group(1) == dataset:
            try:
                day = date(int(match.group(2)), int(match.group(3)), int(match.group(4)))
            except ValueError:
                continue
            if start <= day < end:
                chosen.append(key)
    return chosen

# %% course={"kind": "wrong", "id": "startswith-dataset"}
def prune(keys, dataset: str, start: date, end: date) -> list[str]:
    chosen = []
    for key in keys:
        if not key.startswith(dataset):  # "events_old/..." starts with "events" too
            continue
        found = re.search(r"year=(\d+)/month=(\d+)/day=(\d+)/", key)
        if found:
            try:
                day = date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
            except ValueError:
                continue
            if start <= day <= end:
                chosen.append(key)
    return chosen

# %% [markdown] course={"kind": "lesson", "id": "performance", "covers": ["c-performance-considerations", "c-prefix-design-for-parallelism", "c-transfer-acceleration", "c-multipart-operations", "c-caching-strategies"]}
# ### Performance: prefixes, parallel parts, acceleration, caching
#
# - **Prefix design for parallelism**: S3 serves at least 3,500 PUT/COPY/POST/DELETE and 5,500 GET/HEAD
#   requests per second **per partitioned prefix**, and splits busy prefixes automatically as load grows. Spreading hot
#   traffic over several prefixes (by date, by tenant, by a short hash) multiplies that; the old advice of random
#   hash prefixes on every key is no longer needed for most workloads (S3 raised its limits in 2018). A burst
#   on one new prefix can still see `503 SlowDown` while S3 scales: retry with backoff.
# - **Multipart operations**: uploading parts in parallel, and downloading with parallel ranged GETs, fills a
#   fat network link that one TCP stream cannot. `boto3`'s `TransferConfig(max_concurrency=..., multipart_chunksize=...)`
#   does both.
# - **Transfer Acceleration**: a bucket setting plus the `bucket.s3-accelerate.amazonaws.com` endpoint; uploads
#   enter AWS at the nearest edge location and ride AWS's network to the bucket. It costs extra per GB and
#   helps only over long distances.
# - **Caching**: objects that never change in place (content-addressed or versioned names) can be cached
#   for ever by a CDN (CloudFront) or the client; for the others, conditional requests (`If-None-Match` with
#   the ETag) answer `304 Not Modified` without sending the body again.
#
# The demo fetches one object as four ranged parts in parallel and then asks again with its ETag:

# %% course={"kind": "demo"}
from concurrent.futures import ThreadPoolExecutor

s3.create_bucket(Bucket="demo-performance")
blob = PATTERN
s3.put_object(Bucket="demo-performance", Key="dataset.bin", Body=blob)
size, piece = len(blob), len(blob) // 4
ranges = [(start, min(start + piece, size) - 1) for start in range(0, size, piece)]


def fetch(byte_range: tuple[int, int]) -> bytes:
    answer = s3.get_object(Bucket="demo-performance", Key="dataset.bin", Range=f"bytes={byte_range[0]}-{byte_range[1]}")
    return answer["Body"].read()


with ThreadPoolExecutor(max_workers=4) as pool:
    pieces = list(pool.map(fetch, ranges))  # map keeps the order of ranges, whatever finishes first
print(len(pieces), "ranged GETs, joined correctly:", b"".join(pieces) == blob)
etag = s3.head_object(Bucket="demo-performance", Key="dataset.bin")["ETag"]
try:
    s3.get_object(Bucket="demo-performance", Key="dataset.bin", IfNoneMatch=etag)
except ClientError as err:
    print("GET with If-None-Match: the ETag still matches ->", err.response["Error"]["Code"], err.response["Error"]["Message"])

# %% [markdown] course={"kind": "exercise", "id": "local-store", "item": "project-13-6-1"}
# ### A third backend: the same contract on a folder
#
# The file service stores through the `Store` interface of the setup cell; `S3Store` and `GCSStore` keep its
# contract (`check_store` states it). For unit tests and laptops, write `LocalStore(root)`, which keeps each
# object as a file under the folder `root`:
#
# - `put(key, data)` writes `root/<key>` (making the folders it needs) and replaces what was there;
#   `get(key)` returns the bytes, or raises `KeyError` for a missing key; `delete(key)` removes it and does
#   nothing for a missing key;
# - `keys(prefix="")` returns every stored key that **starts with** `prefix` (a string prefix, as in S3:
#   `"reports"` matches `reports-old.txt` and `reports/2026/a.csv`), with `/` between folder names, **sorted**;
# - a key must stay inside `root`: an empty key, one that starts or ends with `/`, or holds an empty, `.` or
#   `..` part (`a//b`, `./a`, `../etc/passwd`) raises `ValueError` in every method, before touching the disk.
#   Put that check in one place: the helper `_path(key)` (its signature is given) checks the key and returns the
#   file's `Path` under `root`; `put`, `get` and `delete` call it. So you write five bodies: `_path` and the four
#   methods.
#
# ```python
# store = LocalStore(Path("/tmp/blobs"))
# store.put("reports/2026/a.csv", b"x"); store.keys("rep")   # ['reports/2026/a.csv']
# ```

# %% [markdown] course={"kind": "hint"}
# Check a key with `key.split("/")`: every part must be non-empty and not `.` or `..`. Then
# `self.root.joinpath(*parts)`.

# %% [markdown] course={"kind": "hint"}
# `self.root.rglob("*")` finds files at every depth (keep `p.is_file()`); `p.relative_to(self.root).as_posix()`
# is the key. Folders list in no particular order, so sort.

# %% course={"kind": "solution"}
class LocalStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        ### BEGIN SOLUTION
        parts = key.split("/")
        if any(part in ("", ".", "..") for part in parts):
            raise ValueError(f"key {key!r} must be names joined by '/', with no empty, '.' or '..' part")
        return self.root.joinpath(*parts)
        ### END SOLUTION

    def put(self, key: str, data: bytes) -> None:
        ### BEGIN SOLUTION
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        ### END SOLUTION

    def get(self, key: str) -> bytes:
        ### BEGIN SOLUTION
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise KeyError(key) from None
        ### END SOLUTION

    def keys(self, prefix: str = "") -> list[str]:
        ### BEGIN SOLUTION
        found = (p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())
        return sorted(key for key in found if key.startswith(prefix))
        ### END SOLUTION

    def delete(self, key: str) -> None:
        ### BEGIN SOLUTION
        self._path(key).unlink(missing_ok=True)
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
_root = scratch_dir("local-store")
with listing_z_to_a():  # folders list from Z to A here, so unsorted keys show
    check_store(LocalStore(_root / "one"))
assert (_root / "one" / "reports" / "2026" / "a.csv").read_bytes() == "é,ü".encode(), "objects are files under root"

# %% course={"kind": "test", "points": 1}
_fresh = f"contract-{len(s3.list_buckets()['Buckets'])}"  # a new bucket each run
for _store in (S3Store(s3, _fresh), GCSStore(gcs, _fresh), LocalStore(scratch_dir("local-store"))):
    check_store(_store)  # the same contract on three backends

# %% course={"kind": "test", "points": 2}
_root = scratch_dir("local-store")
_store = LocalStore(_root / "three" / "inner")
for _key in ("../escape", "", "/etc/passwd", "a//b", "./a", "a/./b", "dir/", "a/../../b", ".."):
    for _call in (lambda: _store.put(_key, b"x"), lambda: _store.get(_key), lambda: _store.delete(_key)):
        try:
            _call()
        except ValueError:
            pass
        else:
            raise AssertionError(f"key {_key!r} must raise ValueError in put, get and delete")
assert not (_root / "three" / "escape").exists() and not (_root / "three" / "b").exists(), "nothing written outside"
### BEGIN HIDDEN TESTS
_store.put("a..b/.hidden", b"dots inside names are fine")
_store.put("ünï/cødé", b"u")
assert _store.keys() == ["a..b/.hidden", "ünï/cødé"] and _store.get("ünï/cødé") == b"u"
_store.delete("a..b/.hidden")
assert _store.keys("a") == [] and _store.keys("ü") == ["ünï/cødé"]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "unsorted-walk"}
class LocalStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        parts = key.split("/")
        if any(part in ("", ".", "..") for part in parts):
            raise ValueError(f"bad key {key!r}")
        return self.root.joinpath(*parts)

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise KeyError(key) from None

    def keys(self, prefix: str = "") -> list[str]:
        found = (p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())
        return [key for key in found if key.startswith(prefix)]  # the file system's order

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

# %% course={"kind": "wrong", "id": "prefix-as-folder"}
class LocalStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        parts = key.split("/")
        if any(part in ("", ".", "..") for part in parts):
            raise ValueError(f"bad key {key!r}")
        return self.root.joinpath(*parts)

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise KeyError(key) from None

    def keys(self, prefix: str = "") -> list[str]:
        folder = self.root / prefix  # "reports" finds reports/..., never reports-old.txt
        if not folder.is_dir():
            return []
        return sorted(p.relative_to(self.root).as_posix() for p in folder.rglob("*") if p.is_file())

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

# %% course={"kind": "wrong", "id": "trusts-the-key"}
class LocalStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        if not key:
            raise ValueError("empty key")
        return self.root / key  # "../escape" leaves root; "/etc/passwd" replaces it

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def get(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise KeyError(key) from None

    def keys(self, prefix: str = "") -> list[str]:
        found = (p.relative_to(self.root).as_posix() for p in self.root.rglob("*") if p.is_file())
        return sorted(key for key in found if key.startswith(prefix))

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

# %% [markdown] course={"kind": "task", "id": "file-service", "points": 3, "item": "project-13-6-1"}
# ### Project 13.6.1: a file storage service
#
# Build a small FastAPI service on top of `Store` (any backend) and S3 for links: `POST /files` answers with a
# presigned PUT URL and the key it will have (the client uploads straight to storage); `GET /files/{key}`
# streams the object back (`StreamingResponse` over `iter_chunks`) or redirects to a presigned GET; `GET
# /files?prefix=` lists "folders" and files one level down; metadata (owner, content type, size, SHA-256) is
# stored and shown; a user may only see keys under their own prefix (`users/<id>/...`). Serve it with
# `course.runtime.aio.serve` against the moto endpoint and show a full round trip with `httpx`.

# %% [markdown] course={"kind": "rubric"}
# - Uploads never pass through the service (presigned PUT with an expiry of minutes, content type fixed) (1).
# - Downloads stream in chunks (no `.read()` of a whole object); listing follows pagination (1).
# - Access control: a user cannot read, list or sign a key outside `users/<id>/`, including `..` tricks and
#   prefixes like `users/1` matching `users/10/`; metadata and errors (404, 403) are correct (1).

# %% [markdown] course={"kind": "task", "id": "data-lake", "points": 3, "item": "project-13-6-2"}
# ### Project 13.6.2: data lake foundation
#
# Write the utilities a small data lake needs, against the moto endpoint: zones as prefixes (`raw/`, `clean/`,
# `curated/`), writers that place files with `partition_key`, a metadata catalog (one JSON object per dataset:
# schema, partitions present, row counts, updated when a partition is written), a query function that prunes
# partitions with `prune` and then filters rows while streaming the CSV objects (the S3 Select replacement),
# and a lifecycle configuration built with `lifecycle_rule` (raw after 30 days to `STANDARD_IA`, expire after a
# year; clean kept; multipart uploads aborted after 7 days).

# %% [markdown] course={"kind": "rubric"}
# - Layout: keys follow one documented pattern; a day's data is one prefix; names are validated (1).
# - Catalog and query: the catalog stays consistent with what is stored (rewrite by full replacement, not
#   append); queries list only the partitions in range and never load a whole object into memory (1).
# - Lifecycle rules are validated, applied with `put_bucket_lifecycle_configuration` and read back; the
#   cost reasoning (classes, minimum durations, request counts) is written down (1).

# %% [markdown] course={"kind": "answer", "question": "q-what-is-object-storage-and-how-does-it"}
# Object storage keeps whole objects (bytes plus metadata) under keys in a flat namespace, reached over an HTTP
# API; file storage keeps files in a real folder hierarchy behind a POSIX interface (open, seek, append, rename,
# locks), shared through a mount such as NFS. You cannot change part of an object or rename it cheaply: you
# rewrite or copy it. In exchange object storage scales to billions of objects and any number of readers, is
# very durable (copies across data centres) and is priced per GB and per request. Block storage, the third kind,
# is a raw disk for one machine (databases, boot volumes). Use object storage for artifacts, backups, logs,
# datasets and models; file storage for software that needs a file system; block storage for databases.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-presigned-urls-work"}
# The application, which holds credentials, signs a description of one request (method, bucket, key, some
# headers, signing time and lifetime) with its secret key, locally and without calling AWS, and puts the result
# in the query string: `X-Amz-Algorithm`, `X-Amz-Credential` (access key id and scope), `X-Amz-Date`,
# `X-Amz-Expires`, `X-Amz-Signature`. Whoever gets the URL can make exactly that request until it expires; S3
# recomputes the signature with the same key and refuses a changed request or an expired link (403). The link
# carries the permissions of the signer, at most 7 days with SigV4, and dies earlier if the signer's temporary
# credentials expire. Use them for direct browser uploads and downloads; keep lifetimes short, since anyone
# holding the link can use it.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-large-file-uploads"}
# Multipart upload: create the upload, send parts (5 MiB to 5 GiB each, up to 10,000, only the last may be
# smaller) in parallel, retry only the parts that fail, then complete with the list of part numbers and ETags.
# Read the source in part-sized chunks so memory stays flat, pick a part size that keeps under 10,000 parts,
# and always abort on failure, plus a lifecycle rule that aborts incomplete uploads after some days, because
# orphaned parts are billed. From browsers, presign each part's URL so the bytes go straight to S3. boto3's
# `upload_file` and `upload_fileobj` do the multipart work above a threshold; verify integrity with checksums.

# %% [markdown] course={"kind": "answer", "question": "q-what-are-s3-storage-classes"}
# The same object stored at different price points for different access patterns: `STANDARD` for hot data;
# `INTELLIGENT_TIERING` moves objects between tiers by access, for unknown patterns; `STANDARD_IA` and
# `ONEZONE_IA` (one availability zone) for data read rarely but needed fast, with retrieval fees and a 30-day
# minimum; the Glacier classes for archives: Instant Retrieval (milliseconds), Flexible Retrieval (minutes to
# hours, needs a restore) and Deep Archive (hours, cheapest). Colder means cheaper storage but pricier, slower
# reads and longer minimum durations. Lifecycle rules move objects between classes by age.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-design-for-high-throughput-in"}
# Spread requests over prefixes (each partitioned prefix supports at least 3,500 writes and 5,500 reads per second, and S3
# partitions further as load grows); parallelise: multipart uploads and ranged GETs over many connections
# (`TransferConfig(max_concurrency=...)`); retry `503 SlowDown` with exponential backoff and jitter; avoid
# many tiny objects (batch them into bigger files); cache immutable objects behind a CDN and use conditional
# GETs; keep compute in the same region as the bucket; consider Transfer Acceleration for distant clients.
