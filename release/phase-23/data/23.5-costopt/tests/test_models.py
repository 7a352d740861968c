"""Plain pytest tests of the given models and sample exports: `pytest -q` in the repository folder."""

from decimal import Decimal
from pathlib import Path

from costopt.models import CATALOG, USD_PER, CostRecord

EXPORTS = Path(__file__).resolve().parent.parent / "exports"


def test_catalog_names_are_unique_and_prices_are_decimal():
    names = [t.name for t in CATALOG]
    assert len(names) == len(set(names))
    assert all(isinstance(t.hourly_usd, Decimal) for t in CATALOG)


def test_records_are_frozen_and_hashable():
    record = CostRecord("aws", "1", "compute", "i-1", "2026-11-01", Decimal(24), "hour", Decimal("2.30"))
    assert record in {record}
    assert USD_PER["USD"] == 1


def test_the_three_sample_exports_are_there():
    assert sorted(p.name for p in EXPORTS.iterdir()) == [
        "aws-cur.csv.gz", "azure-usage.csv.gz", "gcp-billing.jsonl", "utilisation.json"]
