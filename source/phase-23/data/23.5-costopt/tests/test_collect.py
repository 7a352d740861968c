"""Run once milestone 1 (costopt/collect.py) is written."""

from pathlib import Path

from costopt.collect import collect

EXPORTS = Path(__file__).resolve().parent.parent / "exports"


def test_sample_exports_have_two_bad_rows():
    records, bad = collect(EXPORTS)
    assert {r.provider for r in records} == {"aws", "gcp", "azure"}
    assert [(b.file, b.line) for b in bad] == [("aws-cur.csv.gz", 6), ("gcp-billing.jsonl", 4)]
