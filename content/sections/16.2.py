# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can drive Google Cloud Storage and Azure Blob Storage from Python with their
# official client libraries, check a service-account key and an Azure connection string before they reach
# production, hide both clouds behind one small interface, and write the retry, sync and cost logic that
# multi-cloud tools need. Everything runs offline: what is real and what is a stand-in is said where it is used.

# %% course={"kind": "setup", "id": "clouds"}
# What the demos and tests share. GCS: the real `google-cloud-storage` client against `gcp-storage-emulator`
# (an emulator in this process, over real HTTP). Azure: the real `azure-storage-blob` client against the course's
# stand-in for the Blob REST API (course/runtime/blobstub.py: no signature checks, no SAS, no leases).
import base64
import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Protocol, runtime_checkable

from azure.core.exceptions import ResourceNotFoundError
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from google.api_core.exceptions import NotFound

from course.runtime.blobstub import azurite_command, blob_service, shared_blob_stand_in
from course.runtime.clock import FakeClock
from course.runtime.gcs import gcs_client, shared_gcs, wipe

GCS_URL = shared_gcs()
gcs = gcs_client(GCS_URL)
AZURE = shared_blob_stand_in()
azure = blob_service(AZURE.url)

# A throwaway RSA key, made here and never used anywhere real: service-account JSON needs one.
_THROWAWAY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
THROWAWAY_PEM = _THROWAWAY.private_bytes(
    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
).decode("ascii")


def service_account(**changes: Any) -> dict[str, Any]:
    """A service-account key file's content (fake project, throwaway key), with some fields changed."""
    info = {
        "type": "service_account",
        "project_id": "shop-prod-1",
        "private_key_id": "0f" * 20,
        "private_key": THROWAWAY_PEM,
        "client_email": "deployer@shop-prod-1.iam.gserviceaccount.com",
        "client_id": "100000000000000000001",
        "token_uri": "https://oauth2.googleapis.com/token",
    }
    info.update(changes)
    return {key: value for key, value in info.items() if value is not None}


def fresh_gcs_bucket(name: str) -> Any:
    """An empty GCS bucket on the emulator (deleted and made again when it exists)."""
    bucket = gcs.bucket(name)
    if bucket.exists():
        for blob in list(gcs.list_blobs(name)):
            blob.delete()
        return bucket
    return gcs.create_bucket(name)


def fresh_container(name: str) -> Any:
    """An empty Azure container on the stand-in."""
    client = azure.get_container_client(name)
    if client.exists():
        client.delete_container()
    client.create_container()
    return client


# %% [markdown] course={"kind": "lesson", "id": "gcp-sdk", "covers": ["c-google-cloud-sdk", "c-google-cloud-libraries", "c-cloud-storage-operations", "c-compute-engine-management", "c-bigquery-operations", "c-pub-sub-messaging", "c-cloud-functions"]}
# ### The Google Cloud client libraries
#
# Google publishes one Python package per service, all named `google-cloud-<service>` and all imported from the
# `google.cloud` namespace: `google-cloud-storage` (`from google.cloud import storage`), `google-cloud-bigquery`,
# `google-cloud-pubsub`, `google-cloud-compute`... They share `google-auth` (credentials) and `google-api-core`
# (retries, errors such as `google.api_core.exceptions.NotFound`). Each has a **client** object you make once and
# keep: it holds the credentials, the project and a connection pool.
#
# | service | what you do from Python | in this course |
# |---|---|---|
# | Cloud Storage | buckets and objects: upload, download, list with `prefix`/`delimiter`, signed URLs | **real client** against an emulator |
# | BigQuery | `client.query(sql, job_config=...)` runs a job; rows come back in pages | request bodies as data (no emulator tested) |
# | Pub/Sub | a publisher sends to a *topic*; a subscriber pulls from a *subscription* and must **ack** each message before its deadline, or it is delivered again (at-least-once) | text only (no emulator tested) |
# | Compute Engine | `InstancesClient().list(project=..., zone=...)`, `insert`, `stop`; long calls return an *operation* to wait on | text only |
# | Cloud Functions | a function is code plus a trigger (HTTP, Pub/Sub, a storage event); `functions-framework` runs one locally | text only |
#
# **The one thing people get wrong:** object stores have no folders. `logs/2026/a.txt` is one flat name; a
# "folder" is a name prefix, and listing with `delimiter="/"` folds the names below it into *prefixes*. With the
# GCS library those prefixes are filled in only **after** you have iterated the listing.
#
# What runs below is real client code; the server is `gcp-storage-emulator`, which keeps buckets in memory and
# does not check credentials, IAM, signed URLs or storage classes.

# %% course={"kind": "demo"}
bucket = fresh_gcs_bucket("lesson-gcs")
for name in ("logs/2026/01/a.txt", "logs/2026/02/b.txt", "logs/readme.txt", "logs-old/c.txt"):
    bucket.blob(name).upload_from_string(f"content of {name}\n".encode("utf-8"), content_type="text/plain")
listing = gcs.list_blobs("lesson-gcs", prefix="logs/", delimiter="/")
print("prefixes before iterating:", listing.prefixes)
print("objects directly under logs/:", [blob.name for blob in listing])
print("prefixes after iterating: ", sorted(listing.prefixes))
blob = bucket.get_blob("logs/readme.txt")
print("size", blob.size, "md5 (base64)", blob.md5_hash, "->", blob.download_as_bytes())

# %% [markdown] course={"kind": "text"}
# BigQuery runs SQL as a **job**. Never paste values into the SQL text: send them as *query parameters*, which the
# REST API (`jobs.query`) carries next to the query, each with its type. This is what a parameterised query looks
# like on the wire, written out by hand as data (`google-cloud-bigquery`, not installed here, builds such a body for
# you from `ScalarQueryParameter("since", "DATE", date(2026, 1, 1))` objects); the exercise below builds one.

# %% course={"kind": "demo"}
from pprint import pprint

pprint({
    "query": "SELECT service, SUM(cost) AS cost FROM billing.daily WHERE day >= @since GROUP BY service",
    "useLegacySql": False,
    "parameterMode": "NAMED",
    "queryParameters": [{"name": "since", "parameterType": {"type": "DATE"}, "parameterValue": {"value": "2026-01-01"}}],
}, width=110, sort_dicts=False)

# %% [markdown] course={"kind": "lesson", "id": "gcp-auth", "covers": ["c-authentication-service-accounts-adc"]}
# ### GCP authentication: service accounts and ADC
#
# A **service account** is an identity for a program (`name@PROJECT.iam.gserviceaccount.com`). A program proves
# it is that account either with a downloaded **key file** (JSON holding an RSA private key: a long-lived secret,
# avoid it where you can) or, much better, by *running as* it: on Compute Engine, GKE or Cloud Run the metadata
# server hands out short-lived tokens, and from CI, *workload identity federation* trades the CI's own token for one.
#
# **Application Default Credentials (ADC)** is the search every Google library does when you pass no credentials:
#
# 1. the file named by `GOOGLE_APPLICATION_CREDENTIALS`;
# 2. the file `gcloud auth application-default login` wrote (`~/.config/gcloud/application_default_credentials.json`
#    on Linux and macOS, under `%APPDATA%\gcloud\` on Windows);
# 3. the metadata server, when the code runs on Google Cloud.
#
# So the same code runs on a laptop, in CI and in production with different identities and no code change.
# **The one thing people get wrong:** committing a key file, or setting `GOOGLE_APPLICATION_CREDENTIALS` in
# production "to be sure", which overrides the attached identity with a long-lived key.
#
# The demo makes a key file for a fake project (the key is throwaway, made in the setup cell) and lets ADC find
# it. Loading credentials talks to nobody: a token is only fetched on the first real API call.

# %% course={"kind": "demo"}
import os

import google.auth

from course.runtime.environ import preserved_environ
from course.runtime.scratch import scratch_dir

key_file = scratch_dir("gcp-keys") / "deployer.json"
key_file.write_text(json.dumps(service_account()), encoding="utf-8")
with preserved_environ("GOOGLE_APPLICATION_CREDENTIALS"):  # put back (or removed) after the block
    os.environ["GOOGLE_APPLICATION_CREDENTIALS"] = str(key_file)
    credentials, project = google.auth.default()
print(type(credentials).__module__ + "." + type(credentials).__name__, "for project", project)
print("identity:", credentials.service_account_email, "| token yet?", credentials.token is not None)
print("signs with the key:", len(credentials.sign_bytes(b"hello")), "byte RSA signature")

# %% [markdown] course={"kind": "lesson", "id": "azure-sdk", "covers": ["c-azure-sdk", "c-azure-libraries", "c-blob-storage", "c-virtual-machines", "c-azure-functions", "c-service-bus", "c-azure-monitor"]}
# ### The Azure SDK and Blob Storage
#
# Azure's packages are named `azure-<area>-<service>`: data-plane libraries such as `azure-storage-blob`,
# `azure-servicebus` and `azure-monitor-query` talk to a resource; **management** libraries `azure-mgmt-compute`,
# `azure-mgmt-storage`... create resources (a VM is `ComputeManagementClient(...).virtual_machines.begin_create_or_update(...)`:
# long operations start with `begin_` and return a *poller*). All share `azure-core` (pipeline, retries, errors such
# as `ResourceNotFoundError`) and take credentials from `azure-identity`.
#
# | service | what it is | its nearest GCP / AWS relative |
# |---|---|---|
# | Blob Storage | a *storage account* holds *containers* of *blobs* | GCS buckets / S3 |
# | Virtual Machines | VMs in a resource group | Compute Engine / EC2 |
# | Azure Functions | code run on a trigger | Cloud Functions / Lambda |
# | Service Bus | queues and topics with sessions, dead-lettering, peek-lock | Pub/Sub / SQS+SNS |
# | Azure Monitor | metrics, logs (KQL queries over Log Analytics) | Cloud Monitoring / CloudWatch |
#
# **What is real here:** the `azure-storage-blob` client below is the real library, making real HTTP requests. The
# server is **not Azure and not Azurite**: it is the course's small stand-in (`course/runtime/blobstub.py`) that
# answers the requests this section uses (containers, upload, download, properties, list with prefixes). It does
# **not** verify the `Authorization` signature (any key works), and has no SAS tokens, leases, snapshots, access
# tiers, block uploads over 64 MiB or persistence. Azurite, Microsoft's emulator, needs Node.js and an npm install
# the course does not ship; where one is found, the cell says so. **The one thing people get wrong:** Azure's
# "directories" are prefixes too (unless the account has *hierarchical namespace*, i.e. Data Lake Gen2).

# %% course={"kind": "demo"}
found = azurite_command()
print("Azurite:", found if found else "not installed here, so no live Azure emulator demo; using the stand-in")
logs = fresh_container("lesson-logs")
for name in ("2026/01/a.txt", "2026/02/b.txt", "readme.txt"):
    logs.upload_blob(name, f"content of {name}\n".encode("utf-8"), metadata={"team": "ops"})
print([(item.name, type(item).__name__) for item in logs.walk_blobs(delimiter="/")])
props = logs.get_blob_client("readme.txt").get_blob_properties()
print(props.size, props.metadata, bytes(props.content_settings.content_md5).hex())
try:
    logs.download_blob("missing.txt")
except ResourceNotFoundError as error:
    print("missing blob ->", type(error).__name__, error.error_code)
upload = [seen for seen in AZURE.seen if seen.method == "PUT" and seen.path.endswith("/readme.txt")][-1]
scheme = upload.authorization.split(":")[0]  # the signature after the colon changes with the request's date
print("the upload request:", upload.method, upload.path, "| Authorization:", scheme + ":<signature, not checked>")

# %% [markdown] course={"kind": "lesson", "id": "azure-auth", "covers": ["c-authentication-service-principals"]}
# ### Azure authentication: service principals and managed identity
#
# A **service principal** is an app's identity in Microsoft Entra ID (formerly Azure AD): a tenant id, a client id,
# and a secret or certificate. A **managed identity** is one Azure creates and rotates for a VM, a Function or a
# container: the code asks a local endpoint for a token and never holds a secret. `azure-identity`'s
# `DefaultAzureCredential` tries, in order, environment variables (`AZURE_TENANT_ID`, `AZURE_CLIENT_ID`,
# `AZURE_CLIENT_SECRET`), workload identity, managed identity, then developer logins (Azure CLI, PowerShell...)
# (its documentation lists the full chain for each version; `azure-identity` is not installed in this course).
#
# Storage also accepts the **account key** (what the demo above signs with: an HMAC-SHA256, keyed with the
# base64-decoded account key, of a canonical text built from the request's method, headers and path, sent as
# `Authorization: SharedKey account:signature`) and **SAS tokens** (a signed query
# string with permissions `sp`, start `st` and expiry `se`). Keys grant everything on the account: prefer Entra ID
# roles such as *Storage Blob Data Reader*. A **connection string** bundles the account and a key:

# %% course={"kind": "demo"}
# The public Azurite development string's shape (its key is published by Microsoft; a real key is a secret).
dev = f"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={'Eby8' + '...' + 'GMGw=='};BlobEndpoint={AZURE.url};"
for part in dev.split(";"):
    print(part)

# %% [markdown] course={"kind": "lesson", "id": "multi-cloud", "covers": ["c-multi-cloud-considerations", "c-abstraction-layers", "c-consistent-interfaces", "c-cloud-agnostic-design"]}
# ### Multi-cloud: one interface, several adapters
#
# The same idea has different names and different edges in each cloud:
#
# | | S3 | GCS | Azure Blob |
# |---|---|---|---|
# | container | bucket (global names) | bucket (global names) | container inside a storage account |
# | missing object | `NoSuchKey` (404) | `google.api_core.exceptions.NotFound` | `azure.core.exceptions.ResourceNotFoundError` |
# | content hash | ETag (not always an MD5: multipart and KMS-encrypted uploads differ) | `md5_hash` (base64; none for composite objects), `crc32c` | `content_md5` (bytes; set for one-request uploads) |
# | temporary link | presigned URL (SigV4, at most 7 days) | V4 signed URL (at most 7 days) | SAS token (expiry you choose) |
#
# An **abstraction layer** is a small interface your code depends on (here a `typing.Protocol`) plus one
# **adapter** per cloud that translates names, errors and hashes. Keep the interface to what you need (put, get,
# list): the lowest common denominator is a feature, not a loss. **Cloud-agnostic design** also means
# configuration picks the provider (never `if cloud == ...` spread through the code), errors are mapped to your
# own types, and one *contract test* runs against every adapter, including an in-memory one for unit tests.
# **The one thing people get wrong:** abstracting everything. Queues, IAM and managed databases differ too much:
# abstract where you really switch, use the native SDK elsewhere.

# %% course={"kind": "setup", "id": "object-store"}
# The interface and the in-memory store; later exercises build on them.
class KeyNotFound(KeyError):
    """The object store has no object under this key (whatever the cloud's own error is)."""


@runtime_checkable
class ObjectStore(Protocol):
    def put(self, key: str, data: bytes) -> None: ...
    def get(self, key: str) -> bytes: ...
    def list(self, prefix: str = "") -> list[str]: ...


class MemoryStore:
    """An ObjectStore in a dict: for unit tests, and the model the cloud adapters must match."""

    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {}

    def put(self, key: str, data: bytes) -> None:
        self.objects[key] = bytes(data)

    def get(self, key: str) -> bytes:
        if key not in self.objects:
            raise KeyNotFound(key)
        return self.objects[key]

    def list(self, prefix: str = "") -> list[str]:
        return sorted(key for key in self.objects if key.startswith(prefix))


# %% course={"kind": "demo"}
memory = MemoryStore()
memory.put("a/1.txt", b"one")
print(isinstance(memory, ObjectStore), memory.list("a/"))
try:
    memory.get("nope")
except KeyNotFound as error:
    print("KeyNotFound", error)
print("a class with other method names is no ObjectStore:", isinstance(object(), ObjectStore))

# %% [markdown] course={"kind": "lesson", "id": "cloud-clis", "covers": ["c-cloud-cli-tools", "c-gcloud-cli", "c-az-cli", "c-scripting-with-clis"]}
# ### `gcloud` and `az` from scripts
#
# The CLIs are the quickest way to do one thing by hand, and the right tool in a shell step of CI. From Python,
# prefer the SDK; when you must call a CLI, use `subprocess.run([...])` with a **list** of arguments, ask for
# machine output and parse it as JSON:
#
# | task | gcloud | az |
# |---|---|---|
# | log in (person) | `gcloud auth login` / `gcloud auth application-default login` | `az login` |
# | log in (CI) | `gcloud auth activate-service-account --key-file=k.json` or workload identity | `az login --service-principal --username APP_ID --tenant TENANT ...` or `--identity` |
# | pick the project / subscription | `gcloud config set project P` | `az account set --subscription S` |
# | list | `gcloud storage ls gs://b/logs/` | `az storage blob list -c logs --account-name A` |
# | machine output | `--format=json` (`--quiet` to never prompt) | `-o json` (`--only-show-errors`) |
#
# The course installs neither CLI (the cell shows which ones this machine has) and runs neither: the demo parses
# JSON shaped like what `az vm list -o json` prints (trimmed) to show the habit: never scrape the table output,
# whose layout can change.

# %% course={"kind": "demo"}
import shutil

print({tool: bool(shutil.which(tool)) for tool in ("gcloud", "az")})
argv = ["az", "vm", "list", "--resource-group", "shop-prod", "-o", "json", "--only-show-errors"]
# A hand-written sample, trimmed, shaped like what `az vm list -o json` prints (no az command runs here).
sample = '[{"name": "web-1", "location": "westeurope", "hardwareProfile": {"vmSize": "Standard_B2s"}}, {"name": "web-2", "location": "westeurope", "hardwareProfile": {"vmSize": "Standard_D2s_v5"}}]'
print(argv)
print({vm["name"]: vm["hardwareProfile"]["vmSize"] for vm in json.loads(sample)})

# %% [markdown] course={"kind": "exercise", "id": "sa-key-check", "item": "x-set-up-gcp-authentication"}
# ### Check a service-account key file before using it
#
# Write `key_file_problems(info)` that takes the parsed JSON of a service-account key and returns the **sorted
# list of field names** that are wrong (an empty list when the key is fine):
#
# - `type` must be exactly `"service_account"`;
# - `project_id`, `private_key_id`, `private_key`, `client_email` and `token_uri` must each be a non-empty `str`;
# - `client_email` must be `NAME@<project_id>.iam.gserviceaccount.com` (the key's own project, with a non-empty
#   `NAME` holding no `@`); when `project_id` is itself wrong or missing, no e-mail can match it, so both are wrong;
# - `private_key` must load as a PEM private key: `serialization.load_pem_private_key(text.encode(), password=None)`
#   raises `ValueError` on text that is not one and `TypeError` on an encrypted one (Google never issues those),
#   and either way the field is wrong;
# - `token_uri` must start with `https://`.
#
# A field that is missing counts as wrong; each field appears once. Do not change `info`.
#
# ```python
# >>> key_file_problems(service_account(client_email="deployer@other-project.iam.gserviceaccount.com"))
# ['client_email']
# ```
#
# (`service_account(**changes)` from the setup cell builds a valid key dict for a fake project; `None` removes a field.)

# %% [markdown] course={"kind": "hint"}
# Collect names in a `set` as you check, and return `sorted(...)`. Check "is a non-empty `str`" first for every
# required field; only then look inside the strings.

# %% [markdown] course={"kind": "hint"}
# For the e-mail: `email.partition("@")` gives the name and the rest; compare the rest with
# `f"{project_id}.iam.gserviceaccount.com"` and check the name is non-empty without `@`.

# %% course={"kind": "solution"}
REQUIRED = ("project_id", "private_key_id", "private_key", "client_email", "token_uri")


def key_file_problems(info: Mapping[str, Any]) -> list[str]:
    ### BEGIN SOLUTION
    problems = set()
    if info.get("type") != "service_account":
        problems.add("type")
    for field in REQUIRED:
        value = info.get(field)
        if not isinstance(value, str) or not value:
            problems.add(field)
    email = info.get("client_email")
    if "client_email" not in problems:
        name, _, domain = email.partition("@")
        if not name or "@" in domain or domain != f"{info.get('project_id')}.iam.gserviceaccount.com":
            problems.add("client_email")
    if "private_key" not in problems:
        try:
            serialization.load_pem_private_key(info["private_key"].encode(), password=None)
        except (TypeError, ValueError):
            problems.add("private_key")
    if "token_uri" not in problems and not info["token_uri"].startswith("https://"):
        problems.add("token_uri")
    return sorted(problems)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert key_file_problems(service_account()) == [], "a complete key for its own project has no problems"
assert key_file_problems(service_account(client_email="deployer@other-project.iam.gserviceaccount.com")) == [
    "client_email"
], "the e-mail must belong to the key's own project"

# %% course={"kind": "test", "points": 2}
assert key_file_problems(service_account(type="authorized_user")) == ["type"], "only service-account keys"
assert key_file_problems(service_account(private_key_id=None, token_uri="")) == ["private_key_id", "token_uri"], (
    "missing and empty fields are wrong, listed in sorted order"
)
### BEGIN HIDDEN TESTS
assert key_file_problems({}) == ["client_email", "private_key", "private_key_id", "project_id", "token_uri", "type"]
assert key_file_problems(service_account(project_id=7)) == ["client_email", "project_id"]
assert key_file_problems(service_account(type=None)) == ["type"]
assert key_file_problems(service_account(type="Service_Account")) == ["type"]
assert key_file_problems(service_account(token_uri="http://oauth2.googleapis.com/token")) == ["token_uri"]
assert key_file_problems(service_account(token_uri=["https://x"])) == ["token_uri"]
got = key_file_problems(service_account())
assert type(got) is list
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert key_file_problems(service_account(private_key="-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n")) == [
    "private_key"
], "a private key that does not load is wrong"
### BEGIN HIDDEN TESTS
for bad in ("@shop-prod-1.iam.gserviceaccount.com", "a@b@shop-prod-1.iam.gserviceaccount.com",
            "deployer@shop-prod-1.iam.gserviceaccount.com.evil", "deployer.shop-prod-1.iam.gserviceaccount.com",
            "deployer@shop-prod-1.iam.gserviceaccount.co", "deployer@shop-prod-10.iam.gserviceaccount.com"):
    assert key_file_problems(service_account(client_email=bad)) == ["client_email"], bad
assert key_file_problems(service_account(private_key=None, client_email=None)) == ["client_email", "private_key"]
assert key_file_problems(service_account(project_id=None)) == ["client_email", "project_id"]
locked = _THROWAWAY.private_bytes(
    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.BestAvailableEncryption(b"pw")
).decode("ascii")
assert key_file_problems(service_account(private_key=locked)) == ["private_key"], "an encrypted key is wrong (TypeError)"
original = service_account(token_uri="ftp://x")
snapshot = dict(original)
key_file_problems(original)
assert original == snapshot, "the dict is not changed"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "presence-only"}
REQUIRED = ("project_id", "private_key_id", "private_key", "client_email", "token_uri")


def key_file_problems(info):
    return sorted(field for field in ("type", *REQUIRED) if not info.get(field))

# %% course={"kind": "wrong", "id": "endswith-domain"}
REQUIRED = ("project_id", "private_key_id", "private_key", "client_email", "token_uri")


def key_file_problems(info):
    problems = set()
    if info.get("type") != "service_account":
        problems.add("type")
    for field in REQUIRED:
        if not isinstance(info.get(field), str) or not info.get(field):
            problems.add(field)
    if "client_email" not in problems and not info["client_email"].endswith(".iam.gserviceaccount.com"):
        problems.add("client_email")
    if "private_key" not in problems:
        try:
            serialization.load_pem_private_key(info["private_key"].encode(), password=None)
        except ValueError:
            problems.add("private_key")
    if "token_uri" not in problems and not info["token_uri"].startswith("https://"):
        problems.add("token_uri")
    return sorted(problems)

# %% course={"kind": "wrong", "id": "pem-header-only"}
REQUIRED = ("project_id", "private_key_id", "private_key", "client_email", "token_uri")


def key_file_problems(info):
    problems = set()
    if info.get("type") != "service_account":
        problems.add("type")
    for field in REQUIRED:
        if not isinstance(info.get(field), str) or not info.get(field):
            problems.add(field)
    if "client_email" not in problems:
        name, _, domain = info["client_email"].partition("@")
        if not name or domain != f"{info.get('project_id')}.iam.gserviceaccount.com":
            problems.add("client_email")
    if "private_key" not in problems and not info["private_key"].startswith("-----BEGIN PRIVATE KEY-----"):
        problems.add("private_key")
    if "token_uri" not in problems and not info["token_uri"].startswith("https://"):
        problems.add("token_uri")
    return sorted(problems)

# %% course={"kind": "wrong", "id": "value-error-only"}
REQUIRED = ("project_id", "private_key_id", "private_key", "client_email", "token_uri")


def key_file_problems(info):
    problems = set()
    if info.get("type") != "service_account":
        problems.add("type")
    for field in REQUIRED:
        if not isinstance(info.get(field), str) or not info.get(field):
            problems.add(field)
    if "client_email" not in problems:
        name, _, domain = info["client_email"].partition("@")
        if not name or "@" in domain or domain != f"{info.get('project_id')}.iam.gserviceaccount.com":
            problems.add("client_email")
    if "private_key" not in problems:
        try:
            serialization.load_pem_private_key(info["private_key"].encode(), password=None)
        except ValueError:
            problems.add("private_key")
    if "token_uri" not in problems and not info["token_uri"].startswith("https://"):
        problems.add("token_uri")
    return sorted(problems)

# %% [markdown] course={"kind": "exercise", "id": "connection-string", "item": "x-set-up-azure-authentication"}
# ### Read an Azure storage connection string
#
# A connection string is `Key=Value` pairs separated by `;`. Write `parse_connection_string(text)` returning a
# `dict[str, str]` and `blob_endpoint(settings)` returning the Blob service URL:
#
# - split pairs on `;` and ignore empty pieces (a trailing `;` is common); split each pair on its **first** `=`
#   only (account keys are base64 and end in `=`); strip spaces around keys and values;
# - a piece without `=` or with an empty key raises `ValueError` naming the piece; a key given twice raises
#   `ValueError` naming the key;
# - `blob_endpoint`: `BlobEndpoint` when present (without a trailing `/`); otherwise
#   `{DefaultEndpointsProtocol}://{AccountName}.blob.{EndpointSuffix}`, with the protocol defaulting to `https` and
#   the suffix to `core.windows.net`; no `AccountName` either: `KeyError`.
#
# Keys keep the case they are written in here (the Azure SDK itself also accepts `accountname=`; this exercise
# does not ask for that).
#
# ```python
# >>> s = parse_connection_string("AccountName=shop;AccountKey=c2VjcmV0==;EndpointSuffix=core.windows.net;")
# >>> s["AccountKey"], blob_endpoint(s)
# ('c2VjcmV0==', 'https://shop.blob.core.windows.net')
# ```

# %% [markdown] course={"kind": "hint"}
# `piece.partition("=")` splits on the first `=` and tells you (through its middle part) whether there was one.

# %% [markdown] course={"kind": "hint"}
# `settings.get("DefaultEndpointsProtocol", "https")`; `settings["AccountName"]` raises the `KeyError` for you.

# %% course={"kind": "solution"}
def parse_connection_string(text: str) -> dict[str, str]:
    ### BEGIN SOLUTION
    settings: dict[str, str] = {}
    for piece in text.split(";"):
        if not piece.strip():
            continue
        key, equals, value = piece.partition("=")
        key = key.strip()
        if not equals or not key:
            raise ValueError(f"not a Key=Value pair: {piece!r}")
        if key in settings:
            raise ValueError(f"{key!r} is given twice")
        settings[key] = value.strip()
    return settings
    ### END SOLUTION


def blob_endpoint(settings: Mapping[str, str]) -> str:
    ### BEGIN SOLUTION
    if "BlobEndpoint" in settings:
        return settings["BlobEndpoint"].rstrip("/")
    protocol = settings.get("DefaultEndpointsProtocol", "https")
    suffix = settings.get("EndpointSuffix", "core.windows.net")
    return f"{protocol}://{settings['AccountName']}.blob.{suffix}"
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
example = parse_connection_string("AccountName=shop;AccountKey=c2VjcmV0==;EndpointSuffix=core.windows.net;")
assert example == {"AccountName": "shop", "AccountKey": "c2VjcmV0==", "EndpointSuffix": "core.windows.net"}, (
    "split on the first '=' only: keys end in '='"
)
assert blob_endpoint(example) == "https://shop.blob.core.windows.net"

# %% course={"kind": "test", "points": 2}
assert parse_connection_string(" AccountName = shop ; ;") == {"AccountName": "shop"}, "spaces stripped, empty pieces skipped"
for bad, word in (("AccountName", "AccountName"), ("=x", "=x"), ("AccountName=a;AccountName=b", "AccountName")):
    try:
        parse_connection_string(bad)
    except ValueError as error:
        assert word in str(error), f"the error names {word!r}: {error}"
    else:
        raise AssertionError(f"{bad!r} must raise ValueError")
### BEGIN HIDDEN TESTS
assert parse_connection_string("") == {} and parse_connection_string(";;") == {}
assert parse_connection_string(";;A=1; ;B=2") == {"A": "1", "B": "2"}, "empty pieces anywhere are skipped"
assert type(parse_connection_string("A=1")) is dict
assert parse_connection_string("A=") == {"A": ""}
assert parse_connection_string("SharedAccessSignature=sv=2024&sig=a%3D") == {"SharedAccessSignature": "sv=2024&sig=a%3D"}
try:
    parse_connection_string("A=1; =2")
except ValueError:
    pass
else:
    raise AssertionError("an empty key is refused")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert blob_endpoint({"BlobEndpoint": "http://127.0.0.1:10000/devstoreaccount1/", "AccountName": "x"}) == (
    "http://127.0.0.1:10000/devstoreaccount1"
), "an explicit BlobEndpoint wins, without its trailing slash"
### BEGIN HIDDEN TESTS
assert blob_endpoint({"AccountName": "a", "DefaultEndpointsProtocol": "http", "EndpointSuffix": "core.chinacloudapi.cn"}) == (
    "http://a.blob.core.chinacloudapi.cn"
)
assert blob_endpoint({"AccountName": "a"}) == "https://a.blob.core.windows.net"
try:
    blob_endpoint({"AccountKey": "k"})
except KeyError:
    pass
else:
    raise AssertionError("no account, no endpoint: KeyError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "split-every-equals"}
def parse_connection_string(text):
    settings = {}
    for piece in text.split(";"):
        if not piece.strip():
            continue
        parts = piece.split("=")
        if len(parts) < 2 or not parts[0].strip():
            raise ValueError(piece)
        if parts[0].strip() in settings:
            raise ValueError(parts[0])
        settings[parts[0].strip()] = parts[1].strip()
    return settings


def blob_endpoint(settings):
    if "BlobEndpoint" in settings:
        return settings["BlobEndpoint"].rstrip("/")
    return f"{settings.get('DefaultEndpointsProtocol', 'https')}://{settings['AccountName']}.blob.{settings.get('EndpointSuffix', 'core.windows.net')}"

# %% course={"kind": "wrong", "id": "dict-comprehension"}
def parse_connection_string(text):
    return dict(piece.split("=", 1) for piece in text.split(";") if piece)


def blob_endpoint(settings):
    if "BlobEndpoint" in settings:
        return settings["BlobEndpoint"].rstrip("/")
    return f"{settings.get('DefaultEndpointsProtocol', 'https')}://{settings['AccountName']}.blob.{settings.get('EndpointSuffix', 'core.windows.net')}"

# %% course={"kind": "wrong", "id": "always-build-url"}
def parse_connection_string(text):
    settings = {}
    for piece in text.split(";"):
        if not piece.strip():
            continue
        key, equals, value = piece.partition("=")
        if not equals or not key.strip():
            raise ValueError(piece)
        if key.strip() in settings:
            raise ValueError(key)
        settings[key.strip()] = value.strip()
    return settings


def blob_endpoint(settings):
    return f"{settings.get('DefaultEndpointsProtocol', 'https')}://{settings['AccountName']}.blob.{settings.get('EndpointSuffix', 'core.windows.net')}"

# %% [markdown] course={"kind": "exercise", "id": "gcs-folders", "item": "x-manage-gcs-buckets-and-objects"}
# ### List one "folder" of a GCS bucket
#
# Write `gcs_folder(client, bucket, folder)` returning `(files, subfolders)`: two sorted lists of full names, the
# objects directly inside `folder` and the prefixes one level below it, from **one** listing call with
# `prefix` and `delimiter="/"`. `folder` is a name like `"logs"` or `"logs/"`: add the `/` when it is missing, so
# `logs` never matches `logs-old/...`; `""` means the top of the bucket.
#
# ```python
# >>> gcs_folder(gcs, "exercise-gcs", "logs")   # with logs/a.txt, logs/2026/b.txt, logs-old/c.txt
# (['logs/a.txt'], ['logs/2026/'])
# ```

# %% [markdown] course={"kind": "hint"}
# `client.list_blobs(bucket, prefix=..., delimiter="/")` returns an iterator; its `.prefixes` set is filled while
# you iterate it, so read the names first and the prefixes after.

# %% [markdown] course={"kind": "hint"}
# `prefix = folder if folder == "" or folder.endswith("/") else folder + "/"`.

# %% course={"kind": "solution"}
def gcs_folder(client: Any, bucket: str, folder: str) -> tuple[list[str], list[str]]:
    ### BEGIN SOLUTION
    prefix = folder if folder == "" or folder.endswith("/") else folder + "/"
    listing = client.list_blobs(bucket, prefix=prefix, delimiter="/")
    files = sorted(blob.name for blob in listing)
    return files, sorted(listing.prefixes)
    ### END SOLUTION


# %% course={"kind": "setup", "id": "gcs-fixture"}
# The bucket the tests list (on the GCS emulator), and a wrapper that records how the answer calls list_blobs.
import inspect

_gcs_bucket = fresh_gcs_bucket("exercise-gcs")
for _name in ("logs/a.txt", "logs/2026/b.txt", "logs/2026/c.txt", "logs/2027/d.txt", "logs-old/c.txt", "top.txt",
              "logs/z.txt"):
    _gcs_bucket.blob(_name).upload_from_string(_name.encode("utf-8"))


class CountingGcs:
    """Wraps a GCS client and records its list_blobs calls: `calls` counts them, `arguments` holds each by name."""

    def __init__(self, client: Any) -> None:
        self.client, self.calls, self.arguments = client, 0, []

    def list_blobs(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        self.arguments.append(inspect.signature(self.client.list_blobs).bind(*args, **kwargs).arguments)
        return self.client.list_blobs(*args, **kwargs)


# %% course={"kind": "test", "points": 1}
assert gcs_folder(gcs, "exercise-gcs", "logs") == (["logs/a.txt", "logs/z.txt"], ["logs/2026/", "logs/2027/"]), (
    "files directly in logs/ and the folders one level below"
)

# %% course={"kind": "test", "points": 2}
assert gcs_folder(gcs, "exercise-gcs", "") == (["top.txt"], ["logs-old/", "logs/"]), "'' is the top of the bucket"
assert gcs_folder(gcs, "exercise-gcs", "logs/2026/") == (["logs/2026/b.txt", "logs/2026/c.txt"], []), (
    "a folder name that already ends in / is used as is"
)
### BEGIN HIDDEN TESTS
got = gcs_folder(gcs, "exercise-gcs", "logs/2027")
assert got == (["logs/2027/d.txt"], []) and type(got) is tuple and type(got[0]) is list and type(got[1]) is list
assert gcs_folder(gcs, "exercise-gcs", "nothing") == ([], [])
counting = CountingGcs(gcs)
gcs_folder(counting, "exercise-gcs", "logs")
assert counting.calls == 1, "one listing call"
assert (counting.arguments[0].get("prefix"), counting.arguments[0].get("delimiter")) == ("logs/", "/"), (
    "the service filters: prefix='logs/' and delimiter='/'"
)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "prefixes-first"}
def gcs_folder(client, bucket, folder):
    prefix = folder if folder == "" or folder.endswith("/") else folder + "/"
    listing = client.list_blobs(bucket, prefix=prefix, delimiter="/")
    folders = sorted(listing.prefixes)
    return sorted(blob.name for blob in listing), folders

# %% course={"kind": "wrong", "id": "no-slash"}
def gcs_folder(client, bucket, folder):
    listing = client.list_blobs(bucket, prefix=folder, delimiter="/")
    files = sorted(blob.name for blob in listing)
    return files, sorted(listing.prefixes)

# %% course={"kind": "wrong", "id": "folders-by-hand"}
def gcs_folder(client, bucket, folder):
    prefix = folder if folder == "" or folder.endswith("/") else folder + "/"
    files, folders = [], set()
    for blob in client.list_blobs(bucket, prefix=prefix):
        rest = blob.name[len(prefix) :]
        if "/" in rest:
            folders.add(prefix + rest.split("/")[0] + "/")
        else:
            files.append(blob.name)
    return sorted(files), sorted(folders)

# %% [markdown] course={"kind": "exercise", "id": "azure-usage", "item": "x-manage-azure-blob-storage"}
# ### Bytes per folder in an Azure container
#
# Write `usage_by_folder(container, prefix="")` that lists the blobs of an Azure `ContainerClient` whose names
# start with `prefix` and returns a `dict` from the **first path segment after the prefix** (up to and including
# its `/`) to the total size in bytes of the blobs below it; blobs directly under the prefix count under `""`.
# Keys in sorted order. Ask the service to filter (`name_starts_with=`), do not list the whole container.
#
# ```python
# >>> usage_by_folder(container, "2026/")   # 2026/01/a (3 bytes), 2026/01/b (4), 2026/summary (10)
# {'': 10, '01/': 7}
# ```

# %% [markdown] course={"kind": "hint"}
# `container.list_blobs(name_starts_with=prefix)` yields `BlobProperties` with `.name` and `.size`.

# %% [markdown] course={"kind": "hint"}
# For `rest = name[len(prefix):]`, the folder is `rest[: rest.index("/") + 1]` when `"/" in rest`, else `""`.

# %% course={"kind": "solution"}
def usage_by_folder(container: Any, prefix: str = "") -> dict[str, int]:
    ### BEGIN SOLUTION
    totals: dict[str, int] = {}
    for blob in container.list_blobs(name_starts_with=prefix):
        rest = blob.name[len(prefix) :]
        folder = rest[: rest.index("/") + 1] if "/" in rest else ""
        totals[folder] = totals.get(folder, 0) + blob.size
    return dict(sorted(totals.items()))
    ### END SOLUTION


# %% course={"kind": "setup", "id": "azure-fixture"}
# The container the tests measure (on the Azure stand-in): blob names and sizes in bytes.
_usage = fresh_container("exercise-usage")
for _name, _size in (("2026/01/a", 3), ("2026/01/b", 4), ("2026/summary", 10), ("2026/02/x/y", 5), ("2025/01/c", 100),
                     ("top", 1), ("2026/00/e", 0)):
    _usage.upload_blob(_name, b"x" * _size)


def list_calls() -> list[str]:
    """The query strings of the List Blobs requests the stand-in received so far."""
    return [seen.query for seen in AZURE.seen if "comp=list" in seen.query]


# %% course={"kind": "test", "points": 1}
assert usage_by_folder(_usage, "2026/") == {"": 10, "00/": 0, "01/": 7, "02/": 5}, "bytes per folder under 2026/"

# %% course={"kind": "test", "points": 2}
got = usage_by_folder(_usage)
assert got == {"": 1, "2025/": 100, "2026/": 22}, "no prefix: folders at the top"
assert list(got) == sorted(got), "keys in sorted order"
### BEGIN HIDDEN TESTS
assert type(got) is dict and all(type(v) is int for v in got.values())
assert usage_by_folder(_usage, "2026/02/") == {"x/": 5}
assert usage_by_folder(_usage, "nothing/") == {}
assert usage_by_folder(_usage, "2026/01/a") == {"": 3}
before = len(list_calls())
usage_by_folder(_usage, "2025/")
assert "prefix=2025" in list_calls()[before], "the service filters by prefix"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "split-full-name"}
def usage_by_folder(container, prefix=""):
    totals = {}
    for blob in container.list_blobs(name_starts_with=prefix):
        folder = blob.name.split("/")[0] + "/" if "/" in blob.name else ""
        totals[folder] = totals.get(folder, 0) + blob.size
    return dict(sorted(totals.items()))

# %% course={"kind": "wrong", "id": "count-blobs"}
def usage_by_folder(container, prefix=""):
    totals = {}
    for blob in container.list_blobs(name_starts_with=prefix):
        rest = blob.name[len(prefix):]
        folder = rest[: rest.index("/") + 1] if "/" in rest else ""
        totals[folder] = totals.get(folder, 0) + 1
    return dict(sorted(totals.items()))

# %% course={"kind": "wrong", "id": "filter-locally"}
def usage_by_folder(container, prefix=""):
    totals = {}
    for blob in container.list_blobs():
        if not blob.name.startswith(prefix):
            continue
        rest = blob.name[len(prefix):]
        folder = rest[: rest.index("/") + 1] if "/" in rest else ""
        totals[folder] = totals.get(folder, 0) + blob.size
    return dict(sorted(totals.items()))

# %% [markdown] course={"kind": "exercise", "id": "bq-params", "item": "x-work-with-bigquery-from-python"}
# ### A parameterised BigQuery request
#
# Write `query_request(sql, params)` returning the body of a BigQuery `jobs.query` request: `{"query": sql,
# "useLegacySql": False, "parameterMode": "NAMED", "queryParameters": [...]}`, one parameter per entry of
# `params`, **sorted by name**, each `{"name": n, "parameterType": {"type": T}, "parameterValue": {"value": V}}`
# where the value is always a **string**:
#
# | Python value | `T` | `V` |
# |---|---|---|
# | `bool` | `BOOL` | `"true"` / `"false"` |
# | `int` | `INT64` | `str(value)` |
# | `float` | `FLOAT64` | `str(value)` |
# | `str` | `STRING` | the string |
#
# Any other type raises `TypeError` naming the parameter. Every `@name` the SQL uses (a name: a letter or `_`, then
# letters, digits, `_`) must be in `params`, and every parameter must be used: otherwise `ValueError` naming it.
#
# ```python
# >>> query_request("SELECT 1 FROM t WHERE n > @n", {"n": 5})["queryParameters"]
# [{'name': 'n', 'parameterType': {'type': 'INT64'}, 'parameterValue': {'value': '5'}}]
# ```

# %% [markdown] course={"kind": "hint"}
# `bool` is a subclass of `int` in Python: `isinstance(True, int)` is true. Test for `bool` first.

# %% [markdown] course={"kind": "hint"}
# `set(re.findall(r"@([A-Za-z_]\w*)", sql))` gives the names used; compare it with `set(params)` both ways.

# %% course={"kind": "solution", "equivalent": {"m-aa80cced": "the loop raises on the first mismatched name; with several, naming any one of them is what the prompt asks"}}
def query_request(sql: str, params: Mapping[str, object]) -> dict[str, Any]:
    ### BEGIN SOLUTION
    used = set(re.findall(r"@([A-Za-z_]\w*)", sql))
    for name in sorted(used ^ set(params)):
        raise ValueError(f"parameter {name!r} is used but not given, or given but not used")
    parameters = []
    for name in sorted(params):
        value = params[name]
        if isinstance(value, bool):
            kind, text = "BOOL", "true" if value else "false"
        elif isinstance(value, int):
            kind, text = "INT64", str(value)
        elif isinstance(value, float):
            kind, text = "FLOAT64", str(value)
        elif isinstance(value, str):
            kind, text = "STRING", value
        else:
            raise TypeError(f"parameter {name!r}: unsupported type {type(value).__name__}")
        parameters.append({"name": name, "parameterType": {"type": kind}, "parameterValue": {"value": text}})
    return {"query": sql, "useLegacySql": False, "parameterMode": "NAMED", "queryParameters": parameters}
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert query_request("SELECT 1 FROM t WHERE n > @n", {"n": 5}) == {
    "query": "SELECT 1 FROM t WHERE n > @n", "useLegacySql": False, "parameterMode": "NAMED",
    "queryParameters": [{"name": "n", "parameterType": {"type": "INT64"}, "parameterValue": {"value": "5"}}],
}, "one INT64 parameter, its value as a string"

# %% course={"kind": "test", "points": 2}
got = query_request("SELECT @s, @b, @f, @i", {"s": "eu", "i": -3, "f": 0.5, "b": True})["queryParameters"]
assert [(p["name"], p["parameterType"]["type"], p["parameterValue"]["value"]) for p in got] == [
    ("b", "BOOL", "true"), ("f", "FLOAT64", "0.5"), ("i", "INT64", "-3"), ("s", "STRING", "eu")
], "sorted by name; True is BOOL (not INT64), written 'true'"
### BEGIN HIDDEN TESTS
got = query_request("SELECT @b, @z", {"b": False, "z": 0})["queryParameters"]
assert [(p["parameterType"]["type"], p["parameterValue"]["value"]) for p in got] == [("BOOL", "false"), ("INT64", "0")]
assert query_request("SELECT @x", {"x": ""})["queryParameters"][0]["parameterValue"] == {"value": ""}
assert query_request("SELECT 1", {})["queryParameters"] == []
assert query_request("SELECT @a1, @_b", {"a1": 1, "_b": 2})["queryParameters"][0]["name"] == "_b"
assert query_request("SELECT @n + @n", {"n": 1})["queryParameters"] == [
    {"name": "n", "parameterType": {"type": "INT64"}, "parameterValue": {"value": "1"}}]
assert type(query_request("SELECT 1", {})["queryParameters"]) is list
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for sql, params, word in (("SELECT @a, @b", {"a": 1}, "b"), ("SELECT @a", {"a": 1, "extra": 2}, "extra")):
    try:
        query_request(sql, params)
    except ValueError as error:
        assert word in str(error), f"the error names {word!r}: {error}"
    else:
        raise AssertionError(f"{sql!r} with {params} must raise ValueError")
try:
    query_request("SELECT @when", {"when": datetime(2026, 1, 1, tzinfo=timezone.utc)})
except TypeError as error:
    assert "when" in str(error), f"the error names the parameter: {error}"
else:
    raise AssertionError("a datetime is not one of the four supported types: TypeError")
### BEGIN HIDDEN TESTS
for odd in (None, [1], b"x", Decimal("1.5")):
    try:
        query_request("SELECT @v", {"v": odd})
    except TypeError:
        pass
    else:
        raise AssertionError(f"{odd!r} must raise TypeError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "int-before-bool"}
def query_request(sql, params):
    used = set(re.findall(r"@([A-Za-z_]\w*)", sql))
    for name in sorted(used ^ set(params)):
        raise ValueError(name)
    parameters = []
    for name in sorted(params):
        value = params[name]
        if isinstance(value, int):
            kind, text = "INT64", str(value)
        elif isinstance(value, bool):
            kind, text = "BOOL", "true" if value else "false"
        elif isinstance(value, float):
            kind, text = "FLOAT64", str(value)
        elif isinstance(value, str):
            kind, text = "STRING", value
        else:
            raise TypeError(name)
        parameters.append({"name": name, "parameterType": {"type": kind}, "parameterValue": {"value": text}})
    return {"query": sql, "useLegacySql": False, "parameterMode": "NAMED", "queryParameters": parameters}

# %% course={"kind": "wrong", "id": "raw-values"}
def query_request(sql, params):
    used = set(re.findall(r"@([A-Za-z_]\w*)", sql))
    for name in sorted(used ^ set(params)):
        raise ValueError(name)
    names = {bool: "BOOL", int: "INT64", float: "FLOAT64", str: "STRING"}
    parameters = []
    for name in sorted(params):
        if type(params[name]) not in names:
            raise TypeError(name)
        parameters.append({"name": name, "parameterType": {"type": names[type(params[name])]},
                           "parameterValue": {"value": params[name]}})
    return {"query": sql, "useLegacySql": False, "parameterMode": "NAMED", "queryParameters": parameters}

# %% course={"kind": "wrong", "id": "missing-only"}
def query_request(sql, params):
    for name in sorted(set(re.findall(r"@([A-Za-z_]\w*)", sql)) - set(params)):
        raise ValueError(name)
    parameters = []
    for name in sorted(params):
        value = params[name]
        if isinstance(value, bool):
            kind, text = "BOOL", "true" if value else "false"
        elif isinstance(value, int):
            kind, text = "INT64", str(value)
        elif isinstance(value, float):
            kind, text = "FLOAT64", str(value)
        elif isinstance(value, str):
            kind, text = "STRING", value
        else:
            raise TypeError(name)
        parameters.append({"name": name, "parameterType": {"type": kind}, "parameterValue": {"value": text}})
    return {"query": sql, "useLegacySql": False, "parameterMode": "NAMED", "queryParameters": parameters}

# %% [markdown] course={"kind": "exercise", "id": "signed-expiry"}
# ### When does a V4 signed URL expire?
#
# A GCS V4 signed URL carries `X-Goog-Date` (when it was signed, UTC, written `YYYYMMDDTHHMMSSZ`, e.g.
# `20260301T120000Z`) and `X-Goog-Expires` (seconds it stays valid, from 1 up to 604800, seven days). Write
# `link_state(query, now)` for a gatekeeper that checks links before sending them to users: it returns
# `"valid"`, `"expired"` or `"not-yet-valid"` (signed in the future: a clock problem somewhere). The link is valid
# from the signing second **included** to signing + expires **excluded**.
#
# Raise `ValueError` when `now` has no time zone, when a field is missing or malformed (`X-Goog-Expires` must be
# plain ASCII digits) or when the expiry is outside 1..604800. `now` may be in any time zone.
#
# ```python
# >>> link_state({"X-Goog-Date": "20260301T120000Z", "X-Goog-Expires": "900"},
# ...            datetime(2026, 3, 1, 12, 15, tzinfo=timezone.utc))
# 'expired'
# ```

# %% [markdown] course={"kind": "hint"}
# `datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)`; two aware datetimes compare
# correctly whatever their zones.

# %% [markdown] course={"kind": "hint"}
# `re.fullmatch(r"[0-9]+", text)` accepts only ASCII digits (`str.isdigit()` also accepts `"٣"`). Valid means
# `signed <= now < signed + timedelta(seconds=expires)`.

# %% course={"kind": "solution"}
MAX_EXPIRES = 604800


def link_state(query: Mapping[str, str], now: datetime) -> str:
    ### BEGIN SOLUTION
    if now.utcoffset() is None:
        raise ValueError("now must carry a time zone")
    text = query.get("X-Goog-Expires", "")
    if not re.fullmatch(r"[0-9]+", text):
        raise ValueError(f"X-Goog-Expires must be digits, got {text!r}")
    expires = int(text)
    if not 1 <= expires <= MAX_EXPIRES:
        raise ValueError(f"X-Goog-Expires {expires} is outside 1..{MAX_EXPIRES}")
    try:
        signed = datetime.strptime(query["X-Goog-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    except (KeyError, ValueError) as error:
        raise ValueError(f"bad or missing X-Goog-Date: {error}") from error
    if now < signed:
        return "not-yet-valid"
    if now >= signed + timedelta(seconds=expires):
        return "expired"
    return "valid"
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_link = {"X-Goog-Date": "20260301T120000Z", "X-Goog-Expires": "900"}
assert link_state(_link, datetime(2026, 3, 1, 12, 5, tzinfo=timezone.utc)) == "valid", "5 minutes into 15"
assert link_state(_link, datetime(2026, 3, 1, 12, 15, tzinfo=timezone.utc)) == "expired", "the end is excluded"

# %% course={"kind": "test", "points": 2}
utc = timezone.utc
assert link_state(_link, datetime(2026, 3, 1, 12, 0, tzinfo=utc)) == "valid", "the signing second is included"
assert link_state(_link, datetime(2026, 3, 1, 11, 59, 59, tzinfo=utc)) == "not-yet-valid"
assert link_state(_link, datetime(2026, 3, 1, 13, 14, 59, tzinfo=timezone(timedelta(hours=1)))) == "valid", (
    "12:14:59 UTC written in UTC+1"
)
### BEGIN HIDDEN TESTS
assert link_state(_link, datetime(2026, 3, 1, 12, 14, 59, 999999, tzinfo=utc)) == "valid"
assert link_state(_link, datetime(2026, 3, 1, 13, 15, tzinfo=timezone(timedelta(hours=1)))) == "expired"
week = {"X-Goog-Date": "20260301T120000Z", "X-Goog-Expires": "604800"}
assert link_state(week, datetime(2026, 3, 8, 11, 59, 59, tzinfo=utc)) == "valid"
assert link_state(week, datetime(2026, 3, 8, 12, 0, tzinfo=utc)) == "expired"
one = {"X-Goog-Date": "20260301T120000Z", "X-Goog-Expires": "1"}
assert link_state(one, datetime(2026, 3, 1, 12, 0, tzinfo=utc)) == "valid"
assert link_state(one, datetime(2026, 3, 1, 12, 0, 1, tzinfo=utc)) == "expired"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for bad_query, bad_now in (
    (_link, datetime(2026, 3, 1, 12, 5)),
    ({"X-Goog-Date": "20260301T120000Z", "X-Goog-Expires": "604801"}, datetime(2026, 3, 1, tzinfo=timezone.utc)),
    ({"X-Goog-Date": "2026-03-01T12:00:00Z", "X-Goog-Expires": "60"}, datetime(2026, 3, 1, tzinfo=timezone.utc)),
):
    try:
        link_state(bad_query, bad_now)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad_query}, {bad_now!r}: ValueError expected")
### BEGIN HIDDEN TESTS
for expires in ("0", "-5", "+5", " 5", "٣", "", "1e3"):
    try:
        link_state({"X-Goog-Date": "20260301T120000Z", "X-Goog-Expires": expires}, datetime(2026, 3, 1, tzinfo=timezone.utc))
    except ValueError:
        pass
    else:
        raise AssertionError(f"X-Goog-Expires={expires!r}: ValueError expected")
for missing in ({"X-Goog-Expires": "60"}, {"X-Goog-Date": "20260301T120000Z"}):
    try:
        link_state(missing, datetime(2026, 3, 1, tzinfo=timezone.utc))
    except ValueError:
        pass
    else:
        raise AssertionError(f"{missing}: ValueError expected")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "inclusive-end"}
MAX_EXPIRES = 604800


def link_state(query, now):
    if now.tzinfo is None:
        raise ValueError("naive")
    text = query.get("X-Goog-Expires", "")
    if not re.fullmatch(r"[0-9]+", text) or not 1 <= int(text) <= MAX_EXPIRES:
        raise ValueError(text)
    try:
        signed = datetime.strptime(query["X-Goog-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    except (KeyError, ValueError) as error:
        raise ValueError(error) from error
    if now < signed:
        return "not-yet-valid"
    if now > signed + timedelta(seconds=int(text)):
        return "expired"
    return "valid"

# %% course={"kind": "wrong", "id": "int-parses-anything"}
MAX_EXPIRES = 604800


def link_state(query, now):
    if now.tzinfo is None:
        raise ValueError("naive")
    try:
        expires = int(query["X-Goog-Expires"])
        signed = datetime.strptime(query["X-Goog-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    except (KeyError, ValueError) as error:
        raise ValueError(error) from error
    if not 1 <= expires <= MAX_EXPIRES:
        raise ValueError(expires)
    if now < signed:
        return "not-yet-valid"
    if now >= signed + timedelta(seconds=expires):
        return "expired"
    return "valid"

# %% course={"kind": "wrong", "id": "naive-compare"}
MAX_EXPIRES = 604800


def link_state(query, now):
    text = query.get("X-Goog-Expires", "")
    if not re.fullmatch(r"[0-9]+", text) or not 1 <= int(text) <= MAX_EXPIRES:
        raise ValueError(text)
    try:
        signed = datetime.strptime(query["X-Goog-Date"], "%Y%m%dT%H%M%SZ")
    except (KeyError, ValueError) as error:
        raise ValueError(error) from error
    now = now.replace(tzinfo=None)
    if now < signed:
        return "not-yet-valid"
    if now >= signed + timedelta(seconds=int(text)):
        return "expired"
    return "valid"

# %% [markdown] course={"kind": "exercise", "id": "retry-transient"}
# ### Retry what is worth retrying
#
# Cloud APIs fail now and then with errors that go away: 408, 429, 500, 502, 503, 504. Write
# `call_with_retries(operation, *, attempts=4, base=0.5, cap=8.0, sleep)` that calls `operation()` and returns its
# result. When it raises `CloudError` with a transient `status`, sleep (through the `sleep` argument) and call
# again: `base`, then `2 * base`, `4 * base`... each delay at most `cap`, for at most `attempts` calls in all.
# Any other status, or the last attempt failing, re-raises **that** error object at once (no sleep after the last
# attempt); any other exception goes straight through, untouched. `attempts < 1` raises `ValueError`.
#
# ```python
# >>> clock = FakeClock()
# >>> call_with_retries(Flaky(503, 503, result="ok"), sleep=clock.sleep), clock.sleeps
# ('ok', [0.5, 1.0])
# ```
#
# (`CloudError(status)` and `Flaky(*statuses, result=...)`, which fails with those statuses then returns `result`,
# are in the setup cell below.) Real SDKs do this for you (`google-api-core`'s `Retry`, `azure-core`'s retry
# policy); you write your own around calls they do not cover, such as a CLI or a REST call by hand. Production code
# also adds random *jitter* to each delay, so that many clients failing together do not retry in lockstep; it is
# left out here to keep the delays testable.

# %% [markdown] course={"kind": "hint"}
# Loop `for attempt in range(attempts)`; in the `except`, re-raise when the status is not transient or
# `attempt == attempts - 1`; otherwise `sleep(min(cap, base * 2 ** attempt))`.

# %% course={"kind": "setup", "id": "retry-kit"}
# A cloud error with its HTTP status, and an operation that fails a few times before it works.
class CloudError(Exception):
    """An error answer from a cloud API, with its HTTP status."""

    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status


class Flaky:
    """An operation that fails with the given statuses, one per call, then returns `result`; counts calls."""

    def __init__(self, *statuses: int, result: object = "ok") -> None:
        self.statuses, self.result, self.calls = list(statuses), result, 0

    def __call__(self) -> object:
        self.calls += 1
        if self.statuses:
            raise CloudError(self.statuses.pop(0))
        return self.result


# %% course={"kind": "solution"}
TRANSIENT = frozenset({408, 429, 500, 502, 503, 504})


def call_with_retries(
    operation: Callable[[], Any], *, attempts: int = 4, base: float = 0.5, cap: float = 8.0, sleep: Callable[[float], None]
) -> Any:
    ### BEGIN SOLUTION
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    for attempt in range(attempts):
        try:
            return operation()
        except CloudError as error:
            if error.status not in TRANSIENT or attempt == attempts - 1:
                raise
            sleep(min(cap, base * 2**attempt))
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
clock = FakeClock()
assert call_with_retries(Flaky(503, 503, result="ok"), sleep=clock.sleep) == "ok", "two 503s, then success"
assert clock.sleeps == [0.5, 1.0], f"delays double from base: {clock.sleeps}"

# %% course={"kind": "test", "points": 2}
clock, flaky = FakeClock(), Flaky(404)
try:
    call_with_retries(flaky, sleep=clock.sleep)
except CloudError as error:
    assert error.status == 404
else:
    raise AssertionError("a 404 is raised")
assert (flaky.calls, clock.sleeps) == (1, []), "404 is not transient: one call, no sleep"
### BEGIN HIDDEN TESTS
for status in (400, 401, 403, 409, 412, 501):
    clock, flaky = FakeClock(), Flaky(status)
    try:
        call_with_retries(flaky, sleep=clock.sleep)
    except CloudError:
        pass
    assert (flaky.calls, clock.sleeps) == (1, []), status
for status in sorted(TRANSIENT):
    clock = FakeClock()
    assert call_with_retries(Flaky(status, result=status), sleep=clock.sleep) == status and clock.sleeps == [0.5]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
clock, flaky = FakeClock(), Flaky(503, 503, 503, 503, 503)
try:
    call_with_retries(flaky, attempts=3, sleep=clock.sleep)
except CloudError as error:
    assert error.status == 503
else:
    raise AssertionError("still failing after every attempt: the error is raised")
assert flaky.calls == 3, f"attempts=3 means 3 calls in all, not {flaky.calls}"
assert clock.sleeps == [0.5, 1.0], f"no sleep after the last attempt: {clock.sleeps}"
### BEGIN HIDDEN TESTS
clock = FakeClock()
assert call_with_retries(Flaky(*[500] * 6, result=1), attempts=7, base=1, cap=8.0, sleep=clock.sleep) == 1
assert clock.sleeps == [1, 2, 4, 8.0, 8.0, 8.0], clock.sleeps
clock, flaky = FakeClock(), Flaky(503)
try:
    call_with_retries(flaky, attempts=1, sleep=clock.sleep)
except CloudError:
    pass
assert (flaky.calls, clock.sleeps) == (1, [])
assert call_with_retries(Flaky(result=None), attempts=1, sleep=clock.sleep) is None
for bad in (0, -1):
    try:
        call_with_retries(Flaky(), attempts=bad, sleep=clock.sleep)
    except ValueError:
        pass
    else:
        raise AssertionError(f"attempts={bad}: ValueError")
try:
    call_with_retries(Flaky(429, 418), sleep=clock.sleep)
except CloudError as error:
    assert error.status == 418, "the error raised is the last one"
raised: list[BaseException] = []


def failing(error: BaseException) -> Callable[[], Any]:
    def operation() -> Any:
        raised.append(error)
        raise error

    return operation


clock = FakeClock()
try:
    call_with_retries(failing(CloudError(500)), attempts=2, sleep=clock.sleep)
except CloudError as error:
    assert error is raised[-1] and len(raised) == 2, "the last error object itself, not a copy"
raised.clear()
try:
    call_with_retries(failing(KeyError("bug")), sleep=clock.sleep)
except KeyError as error:
    assert error is raised[0] and len(raised) == 1, "another exception goes through at once"
else:
    raise AssertionError("a KeyError from the operation is raised")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "retry-everything"}
TRANSIENT = frozenset({408, 429, 500, 502, 503, 504})


def call_with_retries(operation, *, attempts=4, base=0.5, cap=8.0, sleep):
    if attempts < 1:
        raise ValueError(attempts)
    for attempt in range(attempts):
        try:
            return operation()
        except CloudError:
            if attempt == attempts - 1:
                raise
            sleep(min(cap, base * 2**attempt))

# %% course={"kind": "wrong", "id": "sleep-after-last"}
TRANSIENT = frozenset({408, 429, 500, 502, 503, 504})


def call_with_retries(operation, *, attempts=4, base=0.5, cap=8.0, sleep):
    if attempts < 1:
        raise ValueError(attempts)
    last = None
    for attempt in range(attempts):
        try:
            return operation()
        except CloudError as error:
            if error.status not in TRANSIENT:
                raise
            last = error
            sleep(min(cap, base * 2**attempt))
    raise last

# %% course={"kind": "wrong", "id": "no-cap"}
TRANSIENT = frozenset({408, 429, 500, 502, 503, 504})


def call_with_retries(operation, *, attempts=4, base=0.5, cap=8.0, sleep):
    if attempts < 1:
        raise ValueError(attempts)
    for attempt in range(attempts):
        try:
            return operation()
        except CloudError as error:
            if error.status not in TRANSIENT or attempt == attempts - 1:
                raise
            sleep(base * 2**attempt)

# %% course={"kind": "wrong", "id": "new-error"}
TRANSIENT = frozenset({408, 429, 500, 502, 503, 504})


def call_with_retries(operation, *, attempts=4, base=0.5, cap=8.0, sleep):
    if attempts < 1:
        raise ValueError(attempts)
    for attempt in range(attempts):
        try:
            return operation()
        except CloudError as error:
            if error.status not in TRANSIENT or attempt == attempts - 1:
                raise CloudError(error.status) from error
            sleep(min(cap, base * 2**attempt))

# %% [markdown] course={"kind": "exercise", "id": "bucket-sync"}
# ### Plan a sync from a GCS bucket to an Azure container
#
# Before copying anything, compare. Write three functions:
#
# - `gcs_md5s(client, bucket)`: `{name: md5 as lowercase hex}` for every object of a GCS bucket (GCS gives
#   `blob.md5_hash` as **base64** text);
# - `azure_md5s(container)`: the same for an Azure `ContainerClient` (its `content_settings.content_md5` is
#   **bytes**);
# - `plan_sync(source, target, *, delete=False)` over two such dicts, returning a `SyncPlan` of three sorted lists:
#   `copy` (names missing from the target or whose MD5 differs), `delete` (names only in the target, and only when
#   `delete` is true; otherwise `[]`) and `same`.
#
# Every object here has an MD5. Real buckets may not: GCS has none for *composite* objects (only `crc32c`), and
# Azure stores one on its own only for blobs uploaded in a single request (the SDK switches to blocks above 64 MiB
# unless the uploader sends the hash). A real sync tool falls back to another hash or to size and date there.
#
# ```python
# >>> plan_sync({"a": "01", "b": "02"}, {"b": "ff", "c": "03"}, delete=True)
# SyncPlan(copy=['a', 'b'], delete=['c'], same=[])
# ```

# %% [markdown] course={"kind": "hint"}
# `base64.b64decode(text).hex()` and `bytes(value).hex()` bring both clouds to the same form.

# %% [markdown] course={"kind": "hint"}
# `sorted(name for name in source if target.get(name) != source[name])` is the copy list.

# %% course={"kind": "solution"}
@dataclass(frozen=True)
class SyncPlan:
    copy: list[str]
    delete: list[str]
    same: list[str]


def gcs_md5s(client: Any, bucket: str) -> dict[str, str]:
    ### BEGIN SOLUTION
    return {blob.name: base64.b64decode(blob.md5_hash).hex() for blob in client.list_blobs(bucket)}
    ### END SOLUTION


def azure_md5s(container: Any) -> dict[str, str]:
    ### BEGIN SOLUTION
    return {blob.name: bytes(blob.content_settings.content_md5).hex() for blob in container.list_blobs()}
    ### END SOLUTION


def plan_sync(source: Mapping[str, str], target: Mapping[str, str], *, delete: bool = False) -> SyncPlan:
    ### BEGIN SOLUTION
    copy = sorted(name for name in source if target.get(name) != source[name])
    same = sorted(name for name in source if target.get(name) == source[name])
    gone = sorted(name for name in target if name not in source) if delete else []
    return SyncPlan(copy, gone, same)
    ### END SOLUTION


# %% course={"kind": "setup", "id": "sync-fixture"}
# A GCS bucket and an Azure container that differ: model.bin changed, "new" only in GCS, "old" only in Azure.
_src = fresh_gcs_bucket("exercise-sync")
_dst = fresh_container("exercise-sync")
for _name, _data in (("app/config.json", b"{}"), ("app/model.bin", b"v2"), ("readme", b"hello"), ("new", b"")):
    _src.blob(_name).upload_from_string(_data)
for _name, _data in (("app/config.json", b"{}"), ("app/model.bin", b"v1"), ("readme", b"hello"), ("old", b"x")):
    _dst.upload_blob(_name, _data)


def md5_hex(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


# %% course={"kind": "test", "points": 1}
assert plan_sync({"a": "01", "b": "02"}, {"b": "ff", "c": "03"}, delete=True) == SyncPlan(["a", "b"], ["c"], []), (
    "a is missing, b differs, c is only in the target"
)

# %% course={"kind": "test", "points": 2}
assert plan_sync({"a": "01", "b": "02"}, {"b": "ff", "c": "03"}) == SyncPlan(["a", "b"], [], []), (
    "without delete=True nothing is deleted"
)
assert plan_sync({"z": "1", "m": "2"}, {"z": "1", "m": "2"}) == SyncPlan([], [], ["m", "z"]), "same, sorted"
### BEGIN HIDDEN TESTS
assert plan_sync({}, {}) == SyncPlan([], [], [])
assert plan_sync({}, {"b": "1", "a": "2"}, delete=True) == SyncPlan([], ["a", "b"], [])
plan = plan_sync({"b": "1", "a": "2", "c": "3"}, {"c": "3"}, delete=True)
assert plan == SyncPlan(["a", "b"], [], ["c"]) and type(plan.copy) is list and type(plan.same) is list
assert type(plan_sync({}, {"q": "1"}, delete=True).delete) is list
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
source, target = gcs_md5s(gcs, "exercise-sync"), azure_md5s(_dst)
assert source["readme"] == md5_hex(b"hello") and target["readme"] == md5_hex(b"hello"), (
    "both sides as lowercase hex MD5 of the bytes"
)
assert plan_sync(source, target, delete=True) == SyncPlan(["app/model.bin", "new"], ["old"], ["app/config.json", "readme"])
### BEGIN HIDDEN TESTS
assert source == {name: md5_hex(data) for name, data in (("app/config.json", b"{}"), ("app/model.bin", b"v2"), ("readme", b"hello"), ("new", b""))}
assert target == {name: md5_hex(data) for name, data in (("app/config.json", b"{}"), ("app/model.bin", b"v1"), ("readme", b"hello"), ("old", b"x"))}
assert type(source) is dict and type(target) is dict
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "names-only"}
@dataclass(frozen=True)
class SyncPlan:
    copy: list[str]
    delete: list[str]
    same: list[str]


def gcs_md5s(client, bucket):
    return {blob.name: base64.b64decode(blob.md5_hash).hex() for blob in client.list_blobs(bucket)}


def azure_md5s(container):
    return {blob.name: bytes(blob.content_settings.content_md5).hex() for blob in container.list_blobs()}


def plan_sync(source, target, *, delete=False):
    copy = sorted(name for name in source if name not in target)
    same = sorted(name for name in source if name in target)
    gone = sorted(name for name in target if name not in source) if delete else []
    return SyncPlan(copy, gone, same)

# %% course={"kind": "wrong", "id": "base64-vs-bytes"}
@dataclass(frozen=True)
class SyncPlan:
    copy: list[str]
    delete: list[str]
    same: list[str]


def gcs_md5s(client, bucket):
    return {blob.name: blob.md5_hash for blob in client.list_blobs(bucket)}


def azure_md5s(container):
    return {blob.name: bytes(blob.content_settings.content_md5).hex() for blob in container.list_blobs()}


def plan_sync(source, target, *, delete=False):
    copy = sorted(name for name in source if target.get(name) != source[name])
    same = sorted(name for name in source if target.get(name) == source[name])
    gone = sorted(name for name in target if name not in source) if delete else []
    return SyncPlan(copy, gone, same)

# %% course={"kind": "wrong", "id": "always-delete"}
@dataclass(frozen=True)
class SyncPlan:
    copy: list[str]
    delete: list[str]
    same: list[str]


def gcs_md5s(client, bucket):
    return {blob.name: base64.b64decode(blob.md5_hash).hex() for blob in client.list_blobs(bucket)}


def azure_md5s(container):
    return {blob.name: bytes(blob.content_settings.content_md5).hex() for blob in container.list_blobs()}


def plan_sync(source, target, *, delete=False):
    copy = sorted(name for name in source if target.get(name) != source[name])
    same = sorted(name for name in source if target.get(name) == source[name])
    return SyncPlan(copy, sorted(set(target) - set(source)), same)

# %% [markdown] course={"kind": "exercise", "id": "multi-cloud-store", "item": "project-16-2-1"}
# ### Project: one storage interface over S3, GCS and Azure
#
# Write three adapters that satisfy the `ObjectStore` protocol of the multi-cloud lesson (`put(key, data)`,
# `get(key) -> bytes`, `list(prefix="") -> list[str]`, sorted, every key below the prefix at any depth), behaving
# exactly like `MemoryStore`:
#
# - `S3Store(client, bucket)` over a `boto3` S3 client and a bucket name (S3 answers a listing in pages of at most
#   1000 keys: `list` must return them all);
# - `GcsStore(client, bucket)` over a `google.cloud.storage.Client` and a bucket name;
# - `AzureStore(container)` over an Azure `ContainerClient`; `put` **overwrites** an existing blob;
# - a missing key raises **our** `KeyNotFound(key)` from all three, never the cloud's own error;
#
# and `open_store(config, clients)` that picks the provider from configuration: `{"provider": "memory"}`,
# `{"provider": "s3", "bucket": NAME}` (with `clients["s3"]`), `{"provider": "gcs", "bucket": NAME}` (with
# `clients["gcs"]`) or `{"provider": "azure", "container": NAME}` (with `clients["azure"]`, a `BlobServiceClient`:
# `.get_container_client(NAME)`); any other provider, or none, raises `ValueError` naming it. The buckets and
# containers exist already. S3 here is moto's server (as in 16.1) through the real `boto3` client.
#
# ```python
# >>> store = open_store({"provider": "azure", "container": "exercise-store"}, CLIENTS)
# >>> store.put("a/b.txt", b"hi"); store.list("a/"), store.get("a/b.txt")
# (['a/b.txt'], b'hi')
# ```

# %% [markdown] course={"kind": "hint"}
# Each adapter is thin: one SDK call per method, plus a `try`/`except` in `get` that catches the cloud's own
# "not found" error and raises `KeyNotFound(key)` instead. Run the public tests after each adapter.

# %% [markdown] course={"kind": "hint"}
# S3: `put_object(Bucket=..., Key=..., Body=data)`, `get_object(...)["Body"].read()`, and
# `client.exceptions.NoSuchKey` to translate. GCS: `bucket.blob(key).upload_from_string(data)`,
# `.download_as_bytes()`, `google.api_core.exceptions.NotFound`. Azure: `upload_blob(key, data, overwrite=True)`,
# `download_blob(key).readall()`, `ResourceNotFoundError`. Raise with `raise KeyNotFound(key) from error`.

# %% [markdown] course={"kind": "hint"}
# Listing: `client.get_paginator("list_objects_v2").paginate(Bucket=..., Prefix=prefix)` yields pages whose
# `"Contents"` (absent on an empty page) hold the keys; the GCS and Azure iterators fetch their pages for you:
# `client.list_blobs(bucket, prefix=prefix)` and `container.list_blobs(name_starts_with=prefix)`, with no delimiter
# (`walk_blobs` would fold deeper keys into prefixes).

# %% course={"kind": "solution"}
class S3Store:
    def __init__(self, client: Any, bucket: str) -> None:
        self.client, self.bucket = client, bucket

    def put(self, key: str, data: bytes) -> None:
        ### BEGIN SOLUTION
        self.client.put_object(Bucket=self.bucket, Key=key, Body=data)
        ### END SOLUTION

    def get(self, key: str) -> bytes:
        ### BEGIN SOLUTION
        try:
            return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        except self.client.exceptions.NoSuchKey as error:
            raise KeyNotFound(key) from error
        ### END SOLUTION

    def list(self, prefix: str = "") -> list[str]:
        ### BEGIN SOLUTION
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))
        ### END SOLUTION


class GcsStore:
    def __init__(self, client: Any, bucket: str) -> None:
        self.client, self.bucket = client, bucket

    def put(self, key: str, data: bytes) -> None:
        ### BEGIN SOLUTION
        self.client.bucket(self.bucket).blob(key).upload_from_string(data)
        ### END SOLUTION

    def get(self, key: str) -> bytes:
        ### BEGIN SOLUTION
        try:
            return self.client.bucket(self.bucket).blob(key).download_as_bytes()
        except NotFound as error:
            raise KeyNotFound(key) from error
        ### END SOLUTION

    def list(self, prefix: str = "") -> list[str]:
        ### BEGIN SOLUTION
        return sorted(blob.name for blob in self.client.list_blobs(self.bucket, prefix=prefix))
        ### END SOLUTION


class AzureStore:
    def __init__(self, container: Any) -> None:
        self.container = container

    def put(self, key: str, data: bytes) -> None:
        ### BEGIN SOLUTION
        self.container.upload_blob(key, data, overwrite=True)
        ### END SOLUTION

    def get(self, key: str) -> bytes:
        ### BEGIN SOLUTION
        try:
            return self.container.download_blob(key).readall()
        except ResourceNotFoundError as error:
            raise KeyNotFound(key) from error
        ### END SOLUTION

    def list(self, prefix: str = "") -> list[str]:
        ### BEGIN SOLUTION
        return sorted(blob.name for blob in self.container.list_blobs(name_starts_with=prefix))
        ### END SOLUTION


def open_store(config: Mapping[str, str], clients: Mapping[str, Any]) -> ObjectStore:
    ### BEGIN SOLUTION
    provider = config.get("provider")
    if provider == "memory":
        return MemoryStore()
    if provider == "s3":
        return S3Store(clients["s3"], config["bucket"])
    if provider == "gcs":
        return GcsStore(clients["gcs"], config["bucket"])
    if provider == "azure":
        return AzureStore(clients["azure"].get_container_client(config["container"]))
    raise ValueError(f"unknown storage provider {provider!r}")
    ### END SOLUTION


# %% course={"kind": "setup", "id": "store-fixture"}
# S3 for the project: the real boto3 client against moto's server in this process (course/runtime/aws.py).
# The client asks for pages of 2 keys, so an S3 listing that reads only its first page shows it.
from course.runtime.aws import client as aws_client
from course.runtime.aws import reset as reset_moto
from course.runtime.aws import shared_moto

s3 = aws_client("s3", shared_moto())
s3.meta.events.register(
    "before-parameter-build.s3.ListObjectsV2", lambda params, **_: params.__setitem__("MaxKeys", 2)
)
CLIENTS = {"s3": s3, "gcs": gcs, "azure": azure}
CONFIGS = ({"provider": "memory"}, {"provider": "s3", "bucket": "exercise-store"},
           {"provider": "gcs", "bucket": "exercise-store"}, {"provider": "azure", "container": "exercise-store"})


def fresh_stores() -> list[Any]:
    """One empty store per provider, made through open_store."""
    reset_moto(shared_moto())
    s3.create_bucket(Bucket="exercise-store")
    fresh_gcs_bucket("exercise-store")
    fresh_container("exercise-store")
    return [open_store(config, CLIENTS) for config in CONFIGS]


# %% course={"kind": "test", "points": 1}
for store in fresh_stores():
    store.put("a/b.txt", b"hi")
    assert (store.list("a/"), store.get("a/b.txt")) == (["a/b.txt"], b"hi"), f"{type(store).__name__}: put, list, get"

# %% course={"kind": "test", "points": 2}
for store in fresh_stores():
    name = type(store).__name__
    assert isinstance(store, ObjectStore), f"{name} is an ObjectStore"
    for key in ("z.txt", "logs/2026/01/x.log", "logs/a.log", "logs-old/b.log", "ünï.txt"):
        store.put(key, key.encode("utf-8"))
    assert store.list("logs/") == ["logs/2026/01/x.log", "logs/a.log"], f"{name}: every key below the prefix, sorted"
    assert store.list() == ["logs-old/b.log", "logs/2026/01/x.log", "logs/a.log", "z.txt", "ünï.txt"], f"{name}: all keys"
    store.put("z.txt", b"second")
    assert store.get("z.txt") == b"second", f"{name}: put overwrites"
### BEGIN HIDDEN TESTS
for store in fresh_stores():
    store.put("empty", b"")
    got = store.get("empty")
    assert got == b"" and type(got) is bytes
    assert store.list("nothing/") == [] and type(store.list()) is list
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for store in fresh_stores():
    try:
        store.get("missing.txt")
    except KeyNotFound as error:
        assert error.args == ("missing.txt",), f"{type(store).__name__}: KeyNotFound(key)"
    else:
        raise AssertionError(f"{type(store).__name__}: a missing key raises KeyNotFound")
try:
    open_store({"provider": "dropbox"}, CLIENTS)
except ValueError as error:
    assert "dropbox" in str(error), f"the error names the provider: {error}"
else:
    raise AssertionError("an unknown provider raises ValueError")
### BEGIN HIDDEN TESTS
for bad in ({}, {"provider": "GCS"}, {"provider": "S3"}, {"provider": ""}):
    try:
        open_store(bad, CLIENTS)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad}: ValueError")
assert [type(s).__name__ for s in fresh_stores()] == ["MemoryStore", "S3Store", "GcsStore", "AzureStore"]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "cloud-errors-leak"}
class S3Store:
    def __init__(self, client, bucket):
        self.client, self.bucket = client, bucket

    def put(self, key, data):
        self.client.put_object(Bucket=self.bucket, Key=key, Body=data)

    def get(self, key):
        return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()

    def list(self, prefix=""):
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))


class GcsStore:
    def __init__(self, client, bucket):
        self.client, self.bucket = client, bucket

    def put(self, key, data):
        self.client.bucket(self.bucket).blob(key).upload_from_string(data)

    def get(self, key):
        return self.client.bucket(self.bucket).blob(key).download_as_bytes()

    def list(self, prefix=""):
        return sorted(blob.name for blob in self.client.list_blobs(self.bucket, prefix=prefix))


class AzureStore:
    def __init__(self, container):
        self.container = container

    def put(self, key, data):
        self.container.upload_blob(key, data, overwrite=True)

    def get(self, key):
        return self.container.download_blob(key).readall()

    def list(self, prefix=""):
        return sorted(blob.name for blob in self.container.list_blobs(name_starts_with=prefix))


def open_store(config, clients):
    if config.get("provider") == "memory":
        return MemoryStore()
    if config.get("provider") == "s3":
        return S3Store(clients["s3"], config["bucket"])
    if config.get("provider") == "gcs":
        return GcsStore(clients["gcs"], config["bucket"])
    if config.get("provider") == "azure":
        return AzureStore(clients["azure"].get_container_client(config["container"]))
    raise ValueError(config.get("provider"))

# %% course={"kind": "wrong", "id": "walk-blobs"}
class S3Store:
    def __init__(self, client, bucket):
        self.client, self.bucket = client, bucket

    def put(self, key, data):
        self.client.put_object(Bucket=self.bucket, Key=key, Body=data)

    def get(self, key):
        try:
            return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        except self.client.exceptions.NoSuchKey as error:
            raise KeyNotFound(key) from error

    def list(self, prefix=""):
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))


class GcsStore:
    def __init__(self, client, bucket):
        self.client, self.bucket = client, bucket

    def put(self, key, data):
        self.client.bucket(self.bucket).blob(key).upload_from_string(data)

    def get(self, key):
        try:
            return self.client.bucket(self.bucket).blob(key).download_as_bytes()
        except NotFound as error:
            raise KeyNotFound(key) from error

    def list(self, prefix=""):
        return sorted(blob.name for blob in self.client.list_blobs(self.bucket, prefix=prefix))


class AzureStore:
    def __init__(self, container):
        self.container = container

    def put(self, key, data):
        self.container.upload_blob(key, data, overwrite=True)

    def get(self, key):
        try:
            return self.container.download_blob(key).readall()
        except ResourceNotFoundError as error:
            raise KeyNotFound(key) from error

    def list(self, prefix=""):
        return sorted(item.name for item in self.container.walk_blobs(name_starts_with=prefix))


def open_store(config, clients):
    if config.get("provider") == "memory":
        return MemoryStore()
    if config.get("provider") == "s3":
        return S3Store(clients["s3"], config["bucket"])
    if config.get("provider") == "gcs":
        return GcsStore(clients["gcs"], config["bucket"])
    if config.get("provider") == "azure":
        return AzureStore(clients["azure"].get_container_client(config["container"]))
    raise ValueError(config.get("provider"))

# %% course={"kind": "wrong", "id": "no-overwrite"}
class S3Store:
    def __init__(self, client, bucket):
        self.client, self.bucket = client, bucket

    def put(self, key, data):
        self.client.put_object(Bucket=self.bucket, Key=key, Body=data)

    def get(self, key):
        try:
            return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        except self.client.exceptions.NoSuchKey as error:
            raise KeyNotFound(key) from error

    def list(self, prefix=""):
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))


class GcsStore:
    def __init__(self, client, bucket):
        self.client, self.bucket = client, bucket

    def put(self, key, data):
        self.client.bucket(self.bucket).blob(key).upload_from_string(data)

    def get(self, key):
        try:
            return self.client.bucket(self.bucket).blob(key).download_as_bytes()
        except NotFound as error:
            raise KeyNotFound(key) from error

    def list(self, prefix=""):
        return sorted(blob.name for blob in self.client.list_blobs(self.bucket, prefix=prefix))


class AzureStore:
    def __init__(self, container):
        self.container = container

    def put(self, key, data):
        self.container.upload_blob(key, data)

    def get(self, key):
        try:
            return self.container.download_blob(key).readall()
        except ResourceNotFoundError as error:
            raise KeyNotFound(key) from error

    def list(self, prefix=""):
        return sorted(blob.name for blob in self.container.list_blobs(name_starts_with=prefix))


def open_store(config, clients):
    if config.get("provider") == "memory":
        return MemoryStore()
    if config.get("provider") == "s3":
        return S3Store(clients["s3"], config["bucket"])
    if config.get("provider") == "gcs":
        return GcsStore(clients["gcs"], config["bucket"])
    if config.get("provider") == "azure":
        return AzureStore(clients["azure"].get_container_client(config["container"]))
    raise ValueError(config.get("provider"))

# %% course={"kind": "wrong", "id": "s3-first-page"}
class S3Store:
    def __init__(self, client, bucket):
        self.client, self.bucket = client, bucket

    def put(self, key, data):
        self.client.put_object(Bucket=self.bucket, Key=key, Body=data)

    def get(self, key):
        try:
            return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        except self.client.exceptions.NoSuchKey as error:
            raise KeyNotFound(key) from error

    def list(self, prefix=""):
        answer = self.client.list_objects_v2(Bucket=self.bucket, Prefix=prefix)
        return sorted(item["Key"] for item in answer.get("Contents", []))


class GcsStore:
    def __init__(self, client, bucket):
        self.client, self.bucket = client, bucket

    def put(self, key, data):
        self.client.bucket(self.bucket).blob(key).upload_from_string(data)

    def get(self, key):
        try:
            return self.client.bucket(self.bucket).blob(key).download_as_bytes()
        except NotFound as error:
            raise KeyNotFound(key) from error

    def list(self, prefix=""):
        return sorted(blob.name for blob in self.client.list_blobs(self.bucket, prefix=prefix))


class AzureStore:
    def __init__(self, container):
        self.container = container

    def put(self, key, data):
        self.container.upload_blob(key, data, overwrite=True)

    def get(self, key):
        try:
            return self.container.download_blob(key).readall()
        except ResourceNotFoundError as error:
            raise KeyNotFound(key) from error

    def list(self, prefix=""):
        return sorted(blob.name for blob in self.container.list_blobs(name_starts_with=prefix))


def open_store(config, clients):
    if config.get("provider") == "memory":
        return MemoryStore()
    if config.get("provider") == "s3":
        return S3Store(clients["s3"], config["bucket"])
    if config.get("provider") == "gcs":
        return GcsStore(clients["gcs"], config["bucket"])
    if config.get("provider") == "azure":
        return AzureStore(clients["azure"].get_container_client(config["container"]))
    raise ValueError(config.get("provider"))

# %% [markdown] course={"kind": "exercise", "id": "cost-report", "item": "project-16-2-2"}
# ### Project: a multi-cloud cost report
#
# Billing exports (GCP's BigQuery export, Azure Cost Management, AWS's Cost Explorer) become rows like
# `{"cloud": "gcp", "service": "BigQuery", "project": "shop", "day": "2026-03-01", "cost": "12.50",
# "tags": {"team": "data"}}`, costs as decimal **strings** (money is never a float). Write:
#
# - `totals_by(rows, key)`: a list of `(name, total)` pairs, total a `Decimal`, **largest total first**, ties by
#   name; `key` is `"cloud"`, `"service"` or `"project"`, or `"tag:NAME"` to group by a tag (rows without that tag
#   go under `"(untagged)"`); any other key raises `ValueError` naming it;
# - `anomalies(series, *, window=3, factor=Decimal(2))`: the indexes `i` of a daily cost series where the cost is
#   **more than** `factor` times the mean of the `window` days before it (the first `window` days are never
#   anomalies: there is no history yet).
#
# ```python
# >>> anomalies([Decimal(10), Decimal(10), Decimal(10), Decimal(25), Decimal(10)])
# [3]
# ```

# %% [markdown] course={"kind": "hint"}
# `sorted(totals.items(), key=lambda item: (-item[1], item[0]))` orders by total descending, then name.

# %% [markdown] course={"kind": "hint"}
# For day `i`, the history is `series[i - window : i]` (not including day `i`); its mean is
# `sum(history) / window`.

# %% course={"kind": "solution"}
GROUPS = ("cloud", "service", "project")


def totals_by(rows: Sequence[Mapping[str, Any]], key: str) -> list[tuple[str, Decimal]]:
    ### BEGIN SOLUTION
    if key not in GROUPS and not (key.startswith("tag:") and len(key) > 4):
        raise ValueError(f"cannot group by {key!r}: use one of {GROUPS} or 'tag:NAME'")
    totals: dict[str, Decimal] = {}
    for row in rows:
        if key.startswith("tag:"):
            name = row.get("tags", {}).get(key[4:], "(untagged)")
        else:
            name = row[key]
        totals[name] = totals.get(name, Decimal(0)) + Decimal(row["cost"])
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    ### END SOLUTION


def anomalies(series: Sequence[Decimal], *, window: int = 3, factor: Decimal = Decimal(2)) -> list[int]:
    ### BEGIN SOLUTION
    found = []
    for i in range(window, len(series)):
        mean = sum(series[i - window : i], Decimal(0)) / window
        if series[i] > factor * mean:
            found.append(i)
    return found
    ### END SOLUTION


# %% course={"kind": "setup", "id": "cost-rows"}
# Billing rows as the tests use them: cost_row(...) builds one, COSTS is a small mixed export.
def cost_row(cloud: str, service: str, project: str, cost: str, **tags: str) -> dict[str, Any]:
    row: dict[str, Any] = {"cloud": cloud, "service": service, "project": project, "day": "2026-03-01", "cost": cost}
    if tags:
        row["tags"] = tags
    return row


COSTS = [
    cost_row("gcp", "BigQuery", "shop", "12.50", team="data"),
    cost_row("azure", "Blob Storage", "shop", "0.10", team="web"),
    cost_row("gcp", "Cloud Storage", "ml", "0.20", team="data"),
    cost_row("azure", "Virtual Machines", "ml", "12.70"),
    cost_row("gcp", "BigQuery", "ml", "0.10", team="ml"),
]

# %% course={"kind": "test", "points": 1}
assert anomalies([Decimal(10), Decimal(10), Decimal(10), Decimal(25), Decimal(10)]) == [3], "25 > 2 × 10"
assert totals_by(COSTS, "cloud") == [("azure", Decimal("12.80")), ("gcp", Decimal("12.80"))], (
    "a tie is ordered by name"
)

# %% course={"kind": "test", "points": 2}
assert totals_by(COSTS, "service") == [
    ("Virtual Machines", Decimal("12.70")), ("BigQuery", Decimal("12.60")), ("Cloud Storage", Decimal("0.20")),
    ("Blob Storage", Decimal("0.10")),
], "largest total first"
got = totals_by(COSTS, "tag:team")
assert got == [
    ("(untagged)", Decimal("12.70")), ("data", Decimal("12.70")), ("ml", Decimal("0.10")), ("web", Decimal("0.10"))
], "group by a tag; rows without it under '(untagged)'"
assert all(type(total) is Decimal for _, total in got), "totals are Decimal, not float"
### BEGIN HIDDEN TESTS
assert totals_by(COSTS, "project") == [("ml", Decimal("13.00")), ("shop", Decimal("12.60"))]
assert totals_by([], "cloud") == [] and type(totals_by(COSTS, "cloud")) is list
assert totals_by([cost_row("gcp", "x", "p", "0.1"), cost_row("gcp", "x", "p", "0.2")], "cloud") == [("gcp", Decimal("0.3"))]
assert totals_by(COSTS, "tag:owner") == [("(untagged)", Decimal("25.60"))]
assert totals_by([cost_row("gcp", "x", "p", "1", x="a")], "tag:x") == [("a", Decimal("1"))], "a one-letter tag name"
assert totals_by([cost_row("gcp", "x", "p", "-5.00"), cost_row("azure", "x", "p", "1")], "cloud") == [
    ("azure", Decimal("1")), ("gcp", Decimal("-5.00"))], "credits are negative costs"
for bad in ("day", "tag:", "Cloud", "tags", ""):
    try:
        totals_by(COSTS, bad)
    except ValueError as error:
        assert repr(bad) in str(error) or bad in str(error)
    else:
        raise AssertionError(f"key {bad!r}: ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
flat = [Decimal(10)] * 3
assert anomalies([*flat, Decimal(20)]) == [], "exactly factor × mean is not an anomaly: 'more than'"
assert anomalies([Decimal(1), Decimal(1), Decimal(1), Decimal(100), Decimal(40)]) == [3], (
    "day 4's history includes the spike (mean 34): 40 is not an anomaly"
)
### BEGIN HIDDEN TESTS
assert anomalies([]) == [] and anomalies(flat) == [] and type(anomalies(flat)) is list
assert anomalies([Decimal(0), Decimal(0), Decimal(0), Decimal("0.01")]) == [3]
assert anomalies([*flat, Decimal("20.01")]) == [3]
assert anomalies([Decimal(7), Decimal(1), Decimal(1), Decimal(1), Decimal(5)], window=3) == [4]
assert anomalies([Decimal(7), Decimal(1), Decimal(1), Decimal(1), Decimal(5)], window=4) == []
assert anomalies([Decimal(1), Decimal(3), Decimal(5)], window=1, factor=Decimal("1.5")) == [1, 2]
assert anomalies([Decimal(2), Decimal(3), Decimal(5)], window=2, factor=Decimal(1)) == [2]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "float-money"}
GROUPS = ("cloud", "service", "project")


def totals_by(rows, key):
    if key not in GROUPS and not (key.startswith("tag:") and len(key) > 4):
        raise ValueError(key)
    totals = {}
    for row in rows:
        name = row.get("tags", {}).get(key[4:], "(untagged)") if key.startswith("tag:") else row[key]
        totals[name] = totals.get(name, 0.0) + float(row["cost"])
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))


def anomalies(series, *, window=3, factor=Decimal(2)):
    return [i for i in range(window, len(series)) if series[i] > factor * sum(series[i - window : i], Decimal(0)) / window]

# %% course={"kind": "wrong", "id": "history-includes-today"}
GROUPS = ("cloud", "service", "project")


def totals_by(rows, key):
    if key not in GROUPS and not (key.startswith("tag:") and len(key) > 4):
        raise ValueError(key)
    totals = {}
    for row in rows:
        name = row.get("tags", {}).get(key[4:], "(untagged)") if key.startswith("tag:") else row[key]
        totals[name] = totals.get(name, Decimal(0)) + Decimal(row["cost"])
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))


def anomalies(series, *, window=3, factor=Decimal(2)):
    return [i for i in range(window, len(series)) if series[i] > factor * sum(series[i - window + 1 : i + 1], Decimal(0)) / window]

# %% course={"kind": "wrong", "id": "sorted-by-name"}
GROUPS = ("cloud", "service", "project")


def totals_by(rows, key):
    if key not in GROUPS and not (key.startswith("tag:") and len(key) > 4):
        raise ValueError(key)
    totals = {}
    for row in rows:
        name = row.get("tags", {}).get(key[4:], "(untagged)") if key.startswith("tag:") else row[key]
        totals[name] = totals.get(name, Decimal(0)) + Decimal(row["cost"])
    return sorted(totals.items())


def anomalies(series, *, window=3, factor=Decimal(2)):
    return [i for i in range(window, len(series)) if series[i] > factor * sum(series[i - window : i], Decimal(0)) / window]

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-handle-multi-cloud"}
# **Model answer.** Give every workload its own identity in each cloud and let the platform hand out short-lived
# tokens: a GCP service account attached to the workload (found through ADC), an Azure managed identity (found
# through `DefaultAzureCredential`), an AWS IAM role. Across clouds, federate instead of copying keys: workload
# identity federation lets a GitHub Actions or Kubernetes token be exchanged for a GCP, Azure or AWS token, so no
# long-lived secret exists at all. Where a secret cannot be avoided (a third-party API key), keep it in one secret
# manager, rotate it, and give each environment its own. In code, never build credentials by hand: let each SDK's
# default chain find them, so the same code runs on a laptop (developer login), in CI (federation) and in
# production (attached identity). Check key files before use (the first exercise) and alert on any key older than
# a rotation period.

# %% [markdown] course={"kind": "answer", "question": "q-what-are-the-differences-between-cloud"}
# **Model answer.** The model is the same (flat names in buckets or containers, prefixes as folders, strong
# read-after-write consistency in all three today), the details differ: bucket names are global in S3 and GCS,
# while Azure containers live inside a storage account that carries the keys, the network rules and the
# redundancy; temporary links are presigned URLs (S3), V4 signed URLs (GCS, both at most 7 days) or SAS tokens
# (Azure); the content hash is an ETag that is not an MD5 for multipart or KMS-encrypted uploads (S3),
# `md5_hash` and `crc32c` (GCS) or `Content-MD5` (Azure); storage classes are Standard/IA/Glacier tiers (S3), Standard/Nearline/Coldline/
# Archive (GCS), Hot/Cool/Cold/Archive access tiers (Azure); missing objects raise `NoSuchKey`, `NotFound` or
# `ResourceNotFoundError`. Azure also has append and page blobs, and hierarchical namespace (Data Lake Gen2) for
# real directories. The sync exercise showed one practical difference: the same MD5 arrives as base64 text from
# GCS and as bytes from Azure.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-design-cloud-agnostic"}
# **Model answer.** Decide first where portability is worth its cost; then keep the cloud at the edges. The core
# depends on small interfaces you own (an `ObjectStore`, a `Queue`, a `SecretSource`), each with an adapter per
# cloud and an in-memory one; configuration chooses the adapter, and one contract test suite runs against all of
# them (the project exercise). Map each cloud's errors to your own, keep data formats open (Parquet, JSON, OCI
# images), deploy on portable layers (containers, Kubernetes, Terraform modules per cloud) and keep identity and
# networking per cloud rather than pretending they are the same. Avoid the lowest-common-denominator trap for
# everything: managed databases, IAM and queues with special semantics are better used natively behind a thin
# seam than abstracted away.
