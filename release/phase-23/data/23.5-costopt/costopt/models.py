"""The records every part of costopt shares (the course gives this file)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

USD_PER = {"USD": Decimal("1"), "EUR": Decimal("1.08"), "GBP": Decimal("1.27")}
"""Fixed exchange rates for the exercises: how many US dollars one unit of each currency buys."""

HOURS_PER_MONTH = 730
"""The month cloud price lists use: 730 hours."""


@dataclass(frozen=True)
class CostRecord:
    """One line of any cloud's bill, normalised: money in US dollars (Decimal), usage in `unit`."""

    provider: str  # "aws", "gcp" or "azure"
    account: str
    service: str  # "compute", "storage", "network" or "other"
    resource: str
    day: str  # "YYYY-MM-DD"
    quantity: Decimal
    unit: str  # "hour", "gb-month" or "gb"
    cost_usd: Decimal
    tags: tuple[tuple[str, str], ...] = field(default=())


@dataclass(frozen=True)
class BadRow:
    """A line of an export that could not be read: the file's name, its line number (1-based) and why."""

    file: str
    line: int
    reason: str


@dataclass(frozen=True)
class Finding:
    """A resource that costs money and does nothing."""

    kind: str  # "volume", "address" or "stopped-instance"
    resource: str
    monthly_usd: Decimal


@dataclass(frozen=True)
class InstanceType:
    name: str
    vcpus: int
    memory_gib: int
    hourly_usd: Decimal


CATALOG = (
    InstanceType("m5.large", 2, 8, Decimal("0.096")),
    InstanceType("m5.xlarge", 4, 16, Decimal("0.192")),
    InstanceType("m5.2xlarge", 8, 32, Decimal("0.384")),
    InstanceType("c5.large", 2, 4, Decimal("0.085")),
    InstanceType("c5.xlarge", 4, 8, Decimal("0.170")),
    InstanceType("t3.medium", 2, 4, Decimal("0.0416")),
    InstanceType("t3.small", 2, 2, Decimal("0.0208")),
)
"""The instance types the rightsizing engine may suggest."""

EBS_USD_PER_GB_MONTH = {"gp2": Decimal("0.10"), "gp3": Decimal("0.08"), "io1": Decimal("0.125")}
IDLE_ADDRESS_USD_PER_MONTH = Decimal("3.65")


@dataclass(frozen=True)
class Recommendation:
    """Move `resource` from `current` to `suggested` and save `monthly_saving_usd`."""

    resource: str
    current: str
    suggested: str
    monthly_saving_usd: Decimal
