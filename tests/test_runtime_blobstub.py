"""course.runtime.blobstub: the real azure-storage-blob client against the Blob REST stand-in."""

from __future__ import annotations

import base64
import doctest
import hashlib
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from azure.core.exceptions import HttpResponseError, ResourceExistsError, ResourceNotFoundError

from course.runtime import blobstub
from course.runtime.blobstub import blob_service, blob_stand_in, fail_next, list_items, shared_blob_stand_in
from course.runtime.httpserve import LocalServer
from course.runtime.sockets import no_leftovers

NAMES = ["2026/01/a.txt", "2026/01/b.txt", "2026/02/c.txt", "2026/x.txt", "top.txt", "ünï code.txt", "a&b<c>.txt"]


@pytest.fixture
def azure() -> Iterator[tuple[LocalServer, Any]]:
    with blob_stand_in() as server:
        service = blob_service(server.url)
        container = service.create_container("logs")
        for name in NAMES:
            container.upload_blob(name, name.encode("utf-8"), metadata={"owner": "ops"})
        yield server, container


def test_doctest() -> None:
    assert doctest.testmod(blobstub).failed == 0


def test_list_items_folds_names_under_the_delimiter() -> None:
    names = ["b/2", "a", "b/1", "b/c/3", "bz"]
    assert list_items(names, "", "/") == [("a", False), ("b/", True), ("bz", False)]
    assert list_items(names, "b/", "/") == [("b/1", False), ("b/2", False), ("b/c/", True)]
    assert list_items(names, "b", "") == [("b/1", False), ("b/2", False), ("b/c/3", False), ("bz", False)]
    assert list_items([], "", "/") == []


def test_flat_listing_in_name_order_with_prefix(azure: tuple[LocalServer, Any]) -> None:
    _, container = azure
    assert [b.name for b in container.list_blobs()] == sorted(NAMES)
    assert [b.name for b in container.list_blobs(name_starts_with="2026/0")] == NAMES[:3]
    assert [b.name for b in container.list_blobs(name_starts_with="zzz")] == []


def test_hierarchy_listing_gives_prefixes_and_blobs(azure: tuple[LocalServer, Any]) -> None:
    _, container = azure
    top = [(item.name, type(item).__name__) for item in container.walk_blobs(delimiter="/")]
    assert top == [
        ("2026/", "BlobPrefix"),
        ("a&b<c>.txt", "BlobProperties"),
        ("top.txt", "BlobProperties"),
        ("ünï code.txt", "BlobProperties"),
    ]
    inner = [item.name for item in container.walk_blobs(name_starts_with="2026/", delimiter="/")]
    assert inner == ["2026/01/", "2026/02/", "2026/x.txt"]
    nested = next(iter(container.walk_blobs(delimiter="/")))  # a BlobPrefix lists its own children
    assert [item.name for item in nested] == ["2026/01/", "2026/02/", "2026/x.txt"]


def test_pages_follow_next_marker(azure: tuple[LocalServer, Any]) -> None:
    server, container = azure
    pages = [[b.name for b in page] for page in container.list_blobs(results_per_page=3).by_page()]
    assert pages == [sorted(NAMES)[0:3], sorted(NAMES)[3:6], sorted(NAMES)[6:]]
    lists = [seen.query for seen in server.seen if "comp=list" in seen.query]
    assert "maxresults=3" in lists[-1] and "marker=" in lists[-1]


def test_properties_metadata_and_md5(azure: tuple[LocalServer, Any]) -> None:
    _, container = azure
    listed = next(iter(container.list_blobs(include=["metadata"])))
    assert (listed.name, listed.size, listed.metadata) == ("2026/01/a.txt", 13, {"owner": "ops"})
    assert bytes(listed.content_settings.content_md5) == hashlib.md5(b"2026/01/a.txt").digest()
    props = container.get_blob_client("top.txt").get_blob_properties()
    assert (props.size, props.metadata, props.blob_type.value) == (7, {"owner": "ops"}, "BlockBlob")


def test_upload_download_overwrite_and_empty(azure: tuple[LocalServer, Any]) -> None:
    _, container = azure
    assert container.download_blob("ünï code.txt").readall() == "ünï code.txt".encode()
    with pytest.raises(ResourceExistsError) as exists:
        container.upload_blob("top.txt", b"again")
    assert exists.value.error_code == "BlobAlreadyExists"
    container.upload_blob("top.txt", b"again", overwrite=True, content_settings=None)
    assert container.download_blob("top.txt").readall() == b"again"
    container.upload_blob("empty", b"")
    assert container.download_blob("empty").readall() == b""
    assert container.download_blob("top.txt", offset=1, length=3).readall() == b"gai"


def test_missing_things_raise_the_library_errors(azure: tuple[LocalServer, Any]) -> None:
    server, container = azure
    with pytest.raises(ResourceNotFoundError) as missing:
        container.download_blob("nope")
    assert missing.value.error_code == "BlobNotFound"
    assert not container.get_blob_client("nope").exists() and container.get_blob_client("top.txt").exists()
    other = blob_service(server.url).get_container_client("other")
    assert not other.exists()
    with pytest.raises(ResourceNotFoundError):
        other.upload_blob("x", b"x")
    with pytest.raises(ResourceExistsError):
        blob_service(server.url).create_container("logs")
    container.delete_blob("top.txt")
    assert not container.get_blob_client("top.txt").exists()
    blob_service(server.url).delete_container("logs")
    assert not container.exists()


def test_requests_are_recorded_with_the_signature_unchecked(azure: tuple[LocalServer, Any]) -> None:
    server, _ = azure
    first = server.seen[0]
    assert (first.method, first.path, first.query) == ("PUT", "/devstoreaccount1/logs", "restype=container")
    assert first.authorization is not None and first.authorization.startswith("SharedKey devstoreaccount1:")
    from azure.storage.blob import BlobServiceClient

    wrong = {"account_name": "devstoreaccount1", "account_key": base64.b64encode(b"k").decode()}
    wrong_key = BlobServiceClient(server.url, credential=wrong)  # any key works: the signature is not checked
    assert wrong_key.get_container_client("logs").get_blob_client("top.txt").download_blob().readall() == b"top.txt"


def test_fail_next_answers_errors_then_recovers(azure: tuple[LocalServer, Any]) -> None:
    server, container = azure
    fail_next(server, "ServerBusy", "InternalError")
    for status in (503, 500):
        with pytest.raises(HttpResponseError) as failed:
            container.download_blob("top.txt")
        assert failed.value.status_code == status
    assert container.download_blob("top.txt").readall() == b"top.txt"
    with pytest.raises(ValueError, match="Nope"):
        fail_next(server, "Nope")


def test_library_retries_when_asked(azure: tuple[LocalServer, Any]) -> None:
    server, _ = azure
    from azure.storage.blob import BlobServiceClient, LinearRetry

    policy = LinearRetry(backoff=0, random_jitter_range=0, retry_total=2)
    retrying = BlobServiceClient(server.url, credential=None, retry_policy=policy)
    fail_next(server, "ServerBusy", "ServerBusy")
    assert retrying.get_container_client("logs").download_blob("top.txt").readall() == b"top.txt"


def test_unsupported_requests_say_so() -> None:
    with blob_stand_in() as server:
        request = urllib.request.Request(f"{server.url}/c/b?comp=block&blockid=AA", data=b"x", method="PUT")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=10)
        assert refused.value.code == 501 and refused.value.headers["x-ms-error-code"] == "NotSupportedByStandIn"
        refused.value.close()


def test_shared_is_one_server() -> None:
    assert shared_blob_stand_in() is shared_blob_stand_in()
    assert shared_blob_stand_in().url.endswith("/devstoreaccount1")  # type: ignore[attr-defined]


def test_nothing_left_behind() -> None:
    with no_leftovers(), blob_stand_in() as server:
        blob_service(server.url).create_container("x")
