"""course.runtime.aws and course.runtime.gcs: real local HTTP endpoints for S3 (moto) and GCS (the emulator)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import threading
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from course.runtime import aws, gcs
from course.runtime.aws import client, fake_credentials, moto_server, reset, shared_moto
from course.runtime.gcs import gcs_client, gcs_server, shared_gcs, wipe


def _port_open(url: str) -> bool:
    parts = urlsplit(url)
    with socket.socket() as sock:
        sock.settimeout(5)
        return sock.connect_ex((parts.hostname or "", parts.port or 0)) == 0


def test_fake_credentials_hide_real_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAREALKEY")
    monkeypatch.setenv("AWS_PROFILE", "prod")
    monkeypatch.setenv("AWS_ENDPOINT_URL", "https://s3.amazonaws.com")
    for name in ("AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
        monkeypatch.delenv(name, raising=False)
    fake_credentials()
    assert os.environ["AWS_ACCESS_KEY_ID"] == "testing"
    assert os.environ["AWS_DEFAULT_REGION"] == aws.REGION
    assert os.environ["AWS_EC2_METADATA_DISABLED"] == "true"
    assert "AWS_PROFILE" not in os.environ and "AWS_ENDPOINT_URL" not in os.environ
    assert not os.path.exists(os.environ["AWS_CONFIG_FILE"])
    assert os.environ["AWS_SHARED_CREDENTIALS_FILE"] == os.environ["AWS_CONFIG_FILE"]


def test_a_block_gets_a_real_http_endpoint_closed_at_its_end() -> None:
    with moto_server() as url:
        assert url.startswith("http://127.0.0.1:")
        s3 = client("s3", url, config=Config(signature_version="s3v4"))
        s3.create_bucket(Bucket="block-bucket")
        s3.put_object(Bucket="block-bucket", Key="k", Body=b"v")
        signed = s3.generate_presigned_url("get_object", Params={"Bucket": "block-bucket", "Key": "k"})
        with urllib.request.urlopen(signed) as reply:  # plain HTTP, no boto3
            assert reply.read() == b"v"
        assert _port_open(url)
    assert not _port_open(url), "the port is closed after the block"


def test_any_moto_service_answers_and_reset_forgets_everything() -> None:
    url = shared_moto()
    assert shared_moto() == url, "one server per process"
    s3, sqs = client("s3", url), client("sqs", url)
    s3.create_bucket(Bucket="to-forget")
    queue = sqs.create_queue(QueueName="q")["QueueUrl"]
    sqs.send_message(QueueUrl=queue, MessageBody="hi")
    assert sqs.receive_message(QueueUrl=queue)["Messages"][0]["Body"] == "hi"
    reset(url)
    assert s3.list_buckets()["Buckets"] == []
    with pytest.raises(ClientError):
        s3.head_bucket(Bucket="to-forget")
    assert sqs.list_queues().get("QueueUrls", []) == []


def test_requests_are_not_logged_to_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    url = shared_moto()
    s3 = client("s3", url)
    with pytest.raises(ClientError):
        s3.head_bucket(Bucket="no-such-bucket")
    s3.list_buckets()
    assert capfd.readouterr().err == ""


def test_the_shared_servers_stop_at_interpreter_exit() -> None:
    script = textwrap.dedent(
        """
        from course.runtime.aws import shared_moto
        from course.runtime.gcs import shared_gcs
        print(shared_moto(), shared_gcs(), flush=True)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    urls = done.stdout.split()
    assert len(urls) == 2 and all(u.startswith("http://127.0.0.1:") for u in urls)
    assert not any(_port_open(u) for u in urls)


def test_gcs_block_lists_uploads_and_closes() -> None:
    with gcs_server() as url:
        storage = gcs_client(url)
        bucket = storage.create_bucket("block")
        bucket.blob("r/a.txt").upload_from_string(b"hello", content_type="text/plain")
        bucket.blob("r/b.txt").upload_from_string(b"")
        assert [b.name for b in storage.list_blobs("block", prefix="r/")] == ["r/a.txt", "r/b.txt"]
        blob = bucket.get_blob("r/a.txt")
        assert (blob.download_as_bytes(), blob.content_type) == (b"hello", "text/plain")
        assert _port_open(url)
    assert not _port_open(url)
    assert url not in gcs._servers


def test_gcs_shared_is_reused_and_wiped_quietly(capfd: pytest.CaptureFixture[str]) -> None:
    url = shared_gcs()
    assert shared_gcs() == url
    storage = gcs_client(url)
    storage.create_bucket("shared-one").blob("x").upload_from_string(b"1")
    assert storage.bucket("shared-one").blob("missing").exists() is False
    wipe(url)
    assert list(storage.list_buckets()) == []
    assert capfd.readouterr().err == ""


def test_recorded_lists_calls_in_order_and_stops_at_the_end() -> None:
    url = shared_moto()
    s3 = client("s3", url)
    s3.create_bucket(Bucket="recorded")
    with aws.recorded(s3, "PutObject", "ListObjectsV2") as calls:
        s3.put_object(Bucket="recorded", Key="a", Body=b"1")
        s3.list_objects_v2(Bucket="recorded", MaxKeys=1)
        s3.head_object(Bucket="recorded", Key="a")  # not recorded
    s3.put_object(Bucket="recorded", Key="b", Body=b"2")
    assert [op for op, _ in calls] == ["PutObject", "ListObjectsV2"]
    assert calls[1][1] == {"Bucket": "recorded", "MaxKeys": 1}


def test_limited_reads_refuse_whole_reads_but_not_chunks() -> None:
    url = shared_moto()
    s3 = client("s3", url)
    s3.create_bucket(Bucket="limited")
    s3.put_object(Bucket="limited", Key="big", Body=b"x" * 3000)
    with aws.limited_reads(s3, 1024) as sizes:
        body = s3.get_object(Bucket="limited", Key="big")["Body"]
        assert b"".join(body.iter_chunks(1000)) == b"x" * 3000
        with pytest.raises(aws.TooBigRead, match="everything"):
            s3.get_object(Bucket="limited", Key="big")["Body"].read()
        with pytest.raises(aws.TooBigRead, match="2,000 bytes"):
            s3.get_object(Bucket="limited", Key="big")["Body"].read(2000)
    assert sizes[:4] == [1000, 1000, 1000, 1000] and sizes[-2:] == [None, 2000]
    assert len(s3.get_object(Bucket="limited", Key="big")["Body"].read()) == 3000, "no limit after the block"


_AWS_NAMES = ("AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_CONFIG_FILE", "AWS_DEFAULT_REGION")


def test_a_block_leaves_no_thread_no_port_and_the_environment_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAREALKEY")
    monkeypatch.setenv("AWS_PROFILE", "prod")
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.delenv("AWS_CONFIG_FILE", raising=False)
    environment = {name: os.environ.get(name) for name in _AWS_NAMES}
    threads = set(threading.enumerate())
    with moto_server() as url, gcs_server() as gcs_url:
        assert os.environ["AWS_ACCESS_KEY_ID"] == "testing" and "AWS_PROFILE" not in os.environ
        client("s3", url).list_buckets()
        list(gcs_client(gcs_url).list_buckets())
    assert {name: os.environ.get(name) for name in _AWS_NAMES} == environment, "the environment is restored"
    assert set(threading.enumerate()) <= threads, "every server thread is joined"
    assert not _port_open(url) and not _port_open(gcs_url)


def test_client_ignores_the_environment_and_config_and_changes_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "config"
    config.write_text("[profile prod]\nregion = eu-west-1\nendpoint_url = https://example.invalid\n", encoding="utf-8")
    for name, value in {
        "AWS_PROFILE": "prod",
        "AWS_CONFIG_FILE": str(config),
        "AWS_DEFAULT_REGION": "ap-south-1",
        "AWS_ENDPOINT_URL": "https://example.invalid",
        "AWS_ACCESS_KEY_ID": "AKIAREALKEY",
    }.items():
        monkeypatch.setenv(name, value)
    before = dict(os.environ)
    s3 = client("s3", "http://127.0.0.1:9")
    assert (s3.meta.region_name, s3.meta.endpoint_url) == (aws.REGION, "http://127.0.0.1:9")
    assert client("s3", None).meta.endpoint_url == "https://s3.amazonaws.com", "no configured endpoint followed"
    assert client("s3", None, region_name="eu-west-3").meta.region_name == "eu-west-3"
    assert s3._request_signer._credentials.access_key == "testing"  # the fake key, not the real one
    assert dict(os.environ) == before


def test_gcs_supported_range_matches_pyproject_and_the_installed_version() -> None:
    from importlib.metadata import version

    from packaging.specifiers import SpecifierSet

    pyproject = (Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    assert f'"gcp-storage-emulator{gcs.SUPPORTED}"' in pyproject
    assert version("gcp-storage-emulator") in SpecifierSet(gcs.SUPPORTED)


def test_gcs_port_fails_clearly_if_the_emulator_internals_move() -> None:
    class Moved:
        _api = object()  # no _httpd

    with pytest.raises(RuntimeError, match=r"internals moved \(this module supports >=2026"):
        gcs._port(Moved())


_GUARD = """
import socket

_real_connect, _real_connect_ex, _real_getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo
LOCAL = ("127.0.0.1", "::1", "localhost")
seen = []


def _check(address):
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and not address_is_local(host):
        raise ConnectionRefusedError(f"network guard: connect to {address!r} refused")
    seen.append(address)


def address_is_local(host):
    return host in LOCAL or host.startswith("/")


def connect(self, address):
    _check(address)
    return _real_connect(self, address)


def connect_ex(self, address):
    _check(address)
    return _real_connect_ex(self, address)


def getaddrinfo(host, *args, **kwargs):
    if host is not None and not address_is_local(host if isinstance(host, str) else host.decode()):
        raise socket.gaierror(f"network guard: lookup of {host!r} refused")
    return _real_getaddrinfo(host, *args, **kwargs)


socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = connect, connect_ex, getaddrinfo
"""


_GUARDED = {  # section -> (code cells run under the guard beyond setup, the ports that must have been used)
    "13.6": (
        # S3; S3, GCS and a folder
        'cells += [c for e in ("upload-file", "local-store") for c in exercise_cells(e)]',
        '{int(scope[name].rsplit(":", 1)[1]) for name in ("GCS_ENDPOINT", "S3_ENDPOINT")}',
    ),
    "13.5": (
        # the MongoDB and DynamoDB lessons' demos (demo_database, mongomock, moto), one mongomock exercise, two
        # DynamoDB exercises (a paged query, a conditional write)
        'cells += [c.source for lesson in section.lessons if lesson.id in ("mongodb", "dynamodb") for c in lesson.cells'
        " if c.code]\n"
        'cells += [c for e in ("log-metric", "events-between", "save-config") for c in exercise_cells(e)]',
        "{int(aws.shared_moto().rsplit(':', 1)[1])}",
    ),
}


@pytest.mark.parametrize("number", sorted(_GUARDED))
def test_section_touches_nothing_but_loopback(number: str) -> None:
    """The notebook's setup and some demos and exercises (solution and tests) under a guard that refuses every
    connection and name lookup that is not 127.0.0.1: boto3 must not ask the instance metadata service,
    google-cloud-storage must not look for credentials or the metadata server, pymongo must not look for a
    MongoDB (no MONGO_URL: mongomock)."""
    chosen, ports = _GUARDED[number]
    script = _GUARD + textwrap.dedent(
        f"""
        from pathlib import Path
        from course.content.load import load_section_content
        from course.roadmap.parse import load_roadmap
        from course.runtime import aws

        root = Path.cwd()
        section = load_section_content(root / "content/sections/{number}.py", load_roadmap(root / "content/roadmap.md"))


        def exercise_cells(exercise_id):
            exercise = section.exercise(exercise_id)
            return [exercise.solution, *(test.source for test in exercise.tests)]


        scope = {{"__name__": "__main__"}}
        cells = [cell.source for cell in section.setup]
        """
    )
    script += chosen + textwrap.dedent(
        f"""
        for source in cells:
            exec(compile(source, "<{number}>", "exec"), scope)
        used = {{address[1] for address in seen if isinstance(address, tuple)}}
        expected = {ports}
        assert expected <= used, (used, expected)
        for host in ("169.254.169.254", "metadata.google.internal", "dynamodb.us-east-1.amazonaws.com"):
            try:  # the guard itself works
                socket.create_connection((host, 80), timeout=1)
            except OSError as err:
                assert "network guard" in str(err), err
            else:
                raise AssertionError(f"the guard let {{host}} through")
        print("ok", len(seen))
        """
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "GOOGLE_", "GCE_", "MONGO"))}
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
        cwd=Path(__file__).parents[1],
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.splitlines()[-1].startswith("ok "), done.stdout


def _list_for_ever(s3: object) -> None:
    while True:  # a paginator that never moves on
        s3.list_objects_v2(Bucket="limited-calls")  # type: ignore[attr-defined]


def test_recorded_with_a_limit_stops_an_endless_loop_at_once() -> None:
    url = shared_moto()
    s3 = client("s3", url)
    s3.create_bucket(Bucket="limited-calls")
    too_many = pytest.raises(aws.TooManyCalls, match="more than 3 calls of ListObjectsV2")
    with aws.recorded(s3, "ListObjectsV2", limit=3) as calls, too_many:
        _list_for_ever(s3)
    assert len(calls) == 3
    s3.list_objects_v2(Bucket="limited-calls")  # no limit after the block


def test_moto_lists_its_service_folders_once_and_the_same() -> None:
    import moto
    from moto import backends

    shared_moto()
    folder = Path(moto.__file__).parent
    expected = sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("__"))
    listing = backends.list_of_moto_modules()
    assert list(listing) == expected and "s3" in listing and "dynamodb" in listing
    assert backends.list_of_moto_modules() is listing, "read once, not on every request"


def test_throttled_refuses_the_next_calls_then_lets_them_through() -> None:
    url = shared_moto()
    sqs = client("sqs", url)
    queue = sqs.create_queue(QueueName="throttled-queue")["QueueUrl"]
    with aws.throttled(sqs, "SendMessage", 2) as refused:
        for _ in range(2):
            with pytest.raises(ClientError) as caught:
                sqs.send_message(QueueUrl=queue, MessageBody="x")
            assert caught.value.response["Error"]["Code"] == "ThrottlingException"
            assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
        sqs.send_message(QueueUrl=queue, MessageBody="third")
        sqs.get_queue_attributes(QueueUrl=queue)  # other operations are never refused
    assert refused == ["SendMessage", "SendMessage"]
    with aws.throttled(sqs, "SendMessage", 1, code="RequestLimitExceeded"), pytest.raises(ClientError) as caught:
        sqs.send_message(QueueUrl=queue, MessageBody="x")
    assert caught.value.response["Error"]["Code"] == "RequestLimitExceeded"
    sqs.send_message(QueueUrl=queue, MessageBody="after the block")
    bodies = [m["Body"] for m in sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]]
    assert sorted(bodies) == ["after the block", "third"], "refused calls were never sent"
    sqs.delete_queue(QueueUrl=queue)


def test_throttled_bypasses_botocore_retries() -> None:
    url = shared_moto()
    sqs = client("sqs", url, config=Config(retries={"mode": "standard", "total_max_attempts": 5}))
    with aws.throttled(sqs, "ListQueues", 1) as refused, pytest.raises(ClientError):
        sqs.list_queues()
    assert len(refused) == 1


def test_small_pages_forces_a_page_size() -> None:
    url = shared_moto()
    s3 = client("s3", url)
    s3.create_bucket(Bucket="small-pages")
    for i in range(5):
        s3.put_object(Bucket="small-pages", Key=f"k{i}", Body=b"x")
    with aws.small_pages(s3, "ListObjectsV2", "MaxKeys", 2):
        first = s3.list_objects_v2(Bucket="small-pages")
        assert [o["Key"] for o in first["Contents"]] == ["k0", "k1"] and first["IsTruncated"]
        assert len(s3.list_objects_v2(Bucket="small-pages", MaxKeys=1)["Contents"]) == 1, "a smaller ask is kept"
        with aws.recorded(s3, "ListObjectsV2") as calls:
            pages = list(s3.get_paginator("list_objects_v2").paginate(Bucket="small-pages"))
        assert [len(p["Contents"]) for p in pages] == [2, 2, 1] and len(calls) == 3
    assert len(s3.list_objects_v2(Bucket="small-pages")["Contents"]) == 5, "back to normal after the block"
    with pytest.raises(ValueError, match="at least one"), aws.small_pages(s3, "ListObjectsV2", "MaxKeys", 0):
        pass


def test_backdate_changes_last_modified() -> None:
    import datetime

    url = shared_moto()
    s3 = client("s3", url)
    s3.create_bucket(Bucket="backdated")
    s3.put_object(Bucket="backdated", Key="old.log", Body=b"x")
    when = datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
    aws.backdate("backdated", "old.log", when)
    assert s3.head_object(Bucket="backdated", Key="old.log")["LastModified"] == when
    (listed,) = s3.list_objects_v2(Bucket="backdated")["Contents"]
    assert listed["LastModified"] == when
    with pytest.raises(ValueError, match="aware"):
        aws.backdate("backdated", "old.log", datetime.datetime(2020, 1, 1))  # the point
    with pytest.raises(KeyError, match="missing"):
        aws.backdate("backdated", "missing", when)


def test_canned_cost_explorer_answers_its_pages_linked_by_tokens() -> None:
    pages = [{"ResultsByTime": [{"Groups": []}]}, {"ResultsByTime": []}, {"ResultsByTime": [{"Groups": [1]}]}]
    ce = aws.CannedCostExplorer(pages)
    first = ce.get_cost_and_usage(Granularity="MONTHLY")
    assert first == {**pages[0], "NextPageToken": "page-1"} and "NextPageToken" not in pages[0], "a copy, with a token"
    assert ce.get_cost_and_usage(NextPageToken="page-1")["NextPageToken"] == "page-2"
    assert ce.get_cost_and_usage(NextPageToken="page-2") == pages[2], "the last page has no token"
    assert ce.calls == [{"Granularity": "MONTHLY"}, {"NextPageToken": "page-1"}, {"NextPageToken": "page-2"}]
    looping = aws.CannedCostExplorer(pages[:1])
    for _ in range(4):
        looping.get_cost_and_usage()
    with pytest.raises(AssertionError, match="NextPageToken"):
        looping.get_cost_and_usage()
    assert len(looping.calls) == 5, "stopped after 2 x pages + 2 calls, plus the one refused"
    with pytest.raises(ValueError, match="at least one page"):
        aws.CannedCostExplorer([])


def test_moto_reads_the_ec2_model_once_for_its_region_lists() -> None:
    script = textwrap.dedent(
        """
        import boto3.session
        import botocore.loaders

        parsed = []
        load_file = botocore.loaders.JSONFileLoader.load_file

        def counting(self, file_path):
            if "/ec2/" in str(file_path) and "service-2" in str(file_path):
                parsed.append(file_path)
            return load_file(self, file_path)

        botocore.loaders.JSONFileLoader.load_file = counting
        from course.runtime.aws import client, shared_moto

        method = boto3.session.Session.get_available_regions
        client("ec2", shared_moto()).describe_vpcs()
        count = len(parsed)
        assert boto3.session.Session.get_available_regions is method, "boto3's own method is put back"
        from moto.ec2.models.availability_zones_and_regions import RegionsAndZonesBackend

        fresh = [r for p in ("aws", "aws-us-gov", "aws-cn") for r in boto3.session.Session().get_available_regions("ec2", p)]
        assert [r.name for r in RegionsAndZonesBackend.regions] == fresh, "the same regions as fresh sessions give"
        print(count)
        """
    )
    here = Path(__file__).parents[1]
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=here, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout) <= 10, (
        f"EC2 model files parsed {done.stdout.strip()} times (3 per parse: 18 without sharing, 9 with)"
    )
