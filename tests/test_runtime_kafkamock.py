"""course.runtime.kafkamock: a real Kafka-protocol mock cluster for one block."""

from __future__ import annotations

import gc

import pytest

from course.runtime.kafkamock import AUTO_PARTITIONS, client_config, mock_cluster, read_partition, watermarks

kafka = pytest.importorskip("confluent_kafka")


def test_produce_then_read_back_per_partition_in_order(capfd: pytest.CaptureFixture[str]) -> None:
    with mock_cluster(brokers=2) as bootstrap:
        hosts = bootstrap.split(",")
        assert len(hosts) == 2 and all(h.startswith("127.0.0.1:") for h in hosts)
        producer = kafka.Producer(client_config(bootstrap, **{"enable.idempotence": True}))
        for i in range(6):
            producer.produce("t", key=b"same", value=str(i).encode())
        assert producer.flush(10) == 0
        marks = watermarks(bootstrap, "t")
        assert sorted(marks) == list(range(AUTO_PARTITIONS)), "the topic was auto-created with 4 partitions"
        (used,) = [p for p, (low, high) in marks.items() if high > low]
        assert marks[used] == (0, 6)
        values = [m.value() for m in read_partition(bootstrap, "t", used)]
        assert values == [b"0", b"1", b"2", b"3", b"4", b"5"]
        assert [m.offset() for m in read_partition(bootstrap, "t", used, start=4)] == [4, 5]
        assert read_partition(bootstrap, "t", used, start=6) == []
        del producer
    gc.collect()
    assert "MOCK" not in capfd.readouterr().err, "the mock's banner is silenced"


def test_brokers_are_gone_after_the_block() -> None:
    import socket

    with mock_cluster(brokers=1) as bootstrap:
        host, port = bootstrap.split(":")
        socket.create_connection((host, int(port)), 2).close()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((host, int(port)), 2).close()


def test_client_config_extra_keys_win() -> None:
    config = client_config("127.0.0.1:1", **{"fetch.wait.max.ms": 50, "group.id": "g"})
    assert config["bootstrap.servers"] == "127.0.0.1:1"
    assert config["fetch.wait.max.ms"] == 50 and config["group.id"] == "g" and config["log_level"] == 3


def test_zero_brokers_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one broker"), mock_cluster(brokers=0):
        pass
