# %% [markdown] course={"kind": "intro"}
# Build **costopt**, a small cloud cost optimizer, in a real repository: three clouds' billing exports
# normalised to one record type, costs allocated by team, waste found on (emulated) AWS, rightsizing and
# reserved-instance advice, and budgets, anomalies and reports served over HTTP by FastAPI on uvicorn.

# %% course={"kind": "setup", "id": "repo"}
# The repository beside this notebook, its given files copied in; moto's EC2 emulator on a real local endpoint.
import json
from decimal import Decimal
from pathlib import Path

import httpx

from course.runtime.aio import serve
from course.runtime.aws import client, recorded, reset, shared_moto, small_pages
from course.runtime.capstone import workspace
from course.runtime.clock import FakeClock

repo = workspace("23.5-costopt")
EXPORTS = repo.path("exports")
MOTO = shared_moto()
ec2 = client("ec2", MOTO)  # one client for the notebook: making one costs about 0.1 s

# %% [markdown] course={"kind": "lesson", "id": "costopt-shape", "covers": ["part-overview", "part-architecture"]}
# ### What costopt is, and how its parts fit
#
# A cloud bill is millions of lines a month, in a different shape per provider. A cost optimizer turns
# those lines into answers: *who* spent *what* (allocation), *what is paid for and idle* (waste), *what is
# too big* (rightsizing), *what should be committed to* (reserved instances, savings plans, spot), and *is
# this month going over* (budgets and anomalies). The roadmap's diagram has four boxes; here is what each
# is in this repository:
#
# | box | module | milestone |
# |---|---|---|
# | Data collector | `collect.py`: AWS CUR-like CSV, GCP-like JSON lines, Azure-like CSV to `CostRecord` | 1 |
# | Analysis engine | `allocate.py` (tags, shared costs), `unused.py` (idle resources over boto3) | 2, 3 |
# | Recommendation engine | `rightsize.py`: percentiles against a catalog, reserved-instance break-even | 4 |
# | Reporting service | `service.py`: budgets, anomalies, a report job; a FastAPI app | 5 |
#
# Data flows one way: exports -> records -> analyses -> recommendations -> HTTP answers. Every analysis
# takes plain records or a boto3 client as arguments, so each is tested alone and the app only wires
# them together. The given files are the package, the models every module shares, the sample exports
# and a few plain pytest tests:

# %% course={"kind": "demo"}
for name in repo.files():
    print(name)

# %% course={"kind": "demo"}
# The models module is given: money is Decimal, never float; a month is 730 hours, as price lists use.
models = repo.load("costopt.models")
print(models.CostRecord.__doc__)
print(*(f"{t.name:11} {t.vcpus} vCPU {t.memory_gib:3} GiB  ${t.hourly_usd}/h" for t in models.CATALOG), sep="\n")

# %% [markdown] course={"kind": "lesson", "id": "offline-stack", "covers": ["part-tech-stack"]}
# ### The stack, and the offline stand-ins
#
# | roadmap | here | what the real thing does differently |
# |---|---|---|
# | FastAPI | FastAPI served by a real uvicorn on 127.0.0.1 (`course.runtime.aio.serve`) | the same, behind a load balancer and TLS |
# | cloud SDKs | boto3 against **moto**'s EC2 emulator on a local HTTP endpoint; GCP and Azure as export files | real accounts need read-only roles, rate limits and real pagination sizes; moto emulates no real bill |
# | PostgreSQL | records in memory | usage data is large: a table partitioned by month, indexed by account and day |
# | Celery | a `ReportJob` driven by a fake clock | a scheduler (Celery beat, cron) fires the job; the job must be idempotent |
# | charts | JSON a dashboard would draw | |
#
# The billing exports are small hand-made samples in the shape of the real ones (AWS Cost and Usage
# Report columns such as `lineItem/UnblendedCost`, GCP's BigQuery billing export fields, Azure's cost
# details columns), not real bills, and simplified (a real CUR names the unit column `pricing/unit`, and
# CUR 2.0 spells every column in snake case). Over an API, AWS Cost Explorer and Azure Cost Management answer
# *aggregated* cost queries, paged and rate limited; GCP gives detailed cost lines only through the BigQuery
# export, so a real collector reads exports for lines and uses the APIs for quick totals.

# %% course={"kind": "demo"}
# moto answers the real EC2 API: a volume created here is listed by the same call AWS would answer.
reset(MOTO)
vol = ec2.create_volume(AvailabilityZone="us-east-1a", Size=20, VolumeType="gp3")["VolumeId"]
print([(v["VolumeId"] == vol, v["State"], v["Size"]) for v in ec2.describe_volumes()["Volumes"]])
reset(MOTO)

# %% [markdown] course={"kind": "lesson", "id": "milestones-map", "covers": ["part-features"]}
# ### The features, milestone by milestone
#
# You write one module per milestone in `23.5-costopt/costopt/`; each milestone's cell *is* that file
# (`%%repo_file`), and its tests import it from disk. Later milestones import earlier ones, and the last
# one serves everything over HTTP, so its tests pass only when the whole system is right.
#
# 1. **Multi-cloud collection and normalisation**: three export shapes, one `CostRecord`; money as
#    `Decimal` in US dollars; units as `hour`, `gb-month`, `gb`; every unreadable line reported with its
#    file and line instead of stopping the run (or, worse, being dropped silently).
# 2. **Allocation by tags**: `Team`, ` team` and `TEAM` are one key; untagged spend is a bucket of its own
#    (the number to drive down); shared costs split in proportion to direct spend, to the cent, with the
#    cents adding up exactly (largest remainder).
# 3. **Unused resources**: unattached volumes, Elastic IPs bound to nothing, stopped instances whose disks
#    still bill; read with paginators, because an account has more than one page of volumes.
# 4. **Rightsizing and commitments**: the 95th percentile of utilisation, not the mean, against a catalog
#    with 80 % headroom; reserved-instance break-even month.
# 5. **Budgets, anomalies and reports, end to end**: forecast to month end, a robust anomaly rule
#    (median and MAD), a report job on a clock, and a FastAPI app.
#
# Not built here: *spot-instance opportunities* (interruptible workloads such as batch jobs on spare
# capacity, at a large discount, reclaimed by AWS at two minutes' notice). Finding them needs to know which
# workloads tolerate interruption, which no bill says; discuss it as a trade-off in the design document.
#
# Why the median and MAD: one spike inflates the mean and the standard deviation so much that the spike
# hides itself: among 10 days, one day's z-score (population standard deviation) is at most sqrt(9) = 3,
# however big the spike. The median and the median absolute deviation barely move:

# %% course={"kind": "demo"}
import statistics

days = [10, 11, 10, 12, 11, 10, 95, 11, 10, 12]
mean, sd = statistics.mean(days), statistics.pstdev(days)
med = statistics.median(days)
mad = statistics.median(abs(x - med) for x in days)
print(f"mean {mean:.1f} sd {sd:.1f}: z of the spike {(95 - mean) / sd:.3f} (a 3-sigma rule misses it)")
print(f"median {med} MAD {mad}: modified z of the spike {0.6745 * (95 - med) / mad:.1f} (over 3.5: caught)")

# %% [markdown] course={"kind": "exercise", "id": "collect", "item": "f-usage-normalization"}
# ### Milestone 1: collect and normalise three clouds' exports
#
# Write `costopt/collect.py`. Each reader takes a `Path` and returns `(records, bad_rows)`: a list of
# `CostRecord` in file order and a list of `BadRow(file, line, reason)` where `file` is the file's *name*
# and `line` its 1-based line number (a CSV's header is line 1; a row whose quoted field spans several
# lines, such as pretty-printed Azure tags, is counted at its *last* line, as `csv`'s `line_num` says).
#
# - `read_aws(path)`: gzipped CSV (open it with `gzip.open(path, "rt", encoding="utf-8", newline="")`:
#   AWS delivers its Cost and Usage Report as `.csv.gz` parts) with the header `lineItem/UsageAccountId, lineItem/ProductCode,
#   lineItem/ResourceId, lineItem/UsageStartDate, lineItem/UsageAmount, pricingUnit,
#   lineItem/UnblendedCost, lineItem/CurrencyCode, resourceTags/user:team`; an empty team column means no tag.
# - `read_gcp(path)`: one JSON object per line (`project.id`, `service.description`, `resource.name`,
#   `usage_start_time`, `usage.amount`, `usage.unit`, `cost` (a JSON number), `currency`, `labels` as
#   `[{"key", "value"}]`); blank lines are skipped. Read numbers with `json.loads(line, parse_float=Decimal)`.
# - `read_azure(path)`: gzipped CSV too (`SubscriptionId, MeterCategory, ResourceId, Date` as `MM/DD/YYYY`,
#   `Quantity, UnitOfMeasure` such as `10 Hours`, `CostInBillingCurrency, BillingCurrencyCode, Tags` as a
#   JSON object, possibly empty text).
# - `collect(folder)`: every `aws*.csv.gz`, `gcp*.jsonl` and `azure*.csv.gz` in `folder`, files in name order,
#   records and bad rows of all of them concatenated.
#
# Normalise: `provider` is `"aws"`, `"gcp"` or `"azure"`; `service` from the given `SERVICES` map
# (`"other"` when unknown); `day` is `YYYY-MM-DD`; `quantity` is a `Decimal` in our `unit` from the given
# `UNITS` map (`(unit, per)`: divide the amount by `per`, so GCP seconds become hours; an Azure `10 Hours`
# also multiplies the quantity by 10); `cost_usd` is `usd(cost, currency)` (given); `tags` is a
# tuple of `(key, value)` pairs sorted by key, keys and values kept as written (milestone 2 normalises them).
# A line whose cost is not a number, whose currency or unit is unknown, or that lacks a field becomes a
# `BadRow` and the reader goes on. Example: the sample `exports/` give 70 records and two bad rows,
# `aws-cur.csv.gz` line 6 (`n/a` as a cost) and `gcp-billing.jsonl` line 4 (currency `JPY`).

# %% [markdown] course={"kind": "hint"}
# Wrap each line's conversion in one `try` and catch `(KeyError, ValueError, ArithmeticError)`:
# `Decimal("n/a")` raises `decimal.InvalidOperation`, an `ArithmeticError`; `usd()` raises `ValueError`.

# %% [markdown] course={"kind": "hint"}
# `csv.DictReader` counts lines for you: `reader.line_num` after reading a row is its last line. For JSON
# lines, `enumerate(file, start=1)`. `float` would turn `0.1` into `0.1000000000000000055...`: keep Decimal.

# %% course={"kind": "solution", "file": "23.5-costopt/costopt/collect.py"}
"""Milestone 1: three clouds' billing exports read into one record type."""

from __future__ import annotations

import csv
import gzip
import json
from decimal import Decimal
from pathlib import Path

from costopt.models import USD_PER, BadRow, CostRecord

SERVICES = {
    "AmazonEC2": "compute", "AmazonS3": "storage", "AWSDataTransfer": "network",
    "Compute Engine": "compute", "Cloud Storage": "storage", "Networking": "network",
    "Virtual Machines": "compute", "Storage": "storage", "Bandwidth": "network",
}
UNITS = {  # the export's unit -> (our unit, how many of theirs make one of ours: divide by it)
    "Hrs": ("hour", Decimal(1)), "GB-Mo": ("gb-month", Decimal(1)), "GB": ("gb", Decimal(1)),
    "seconds": ("hour", Decimal(3600)), "gibibyte": ("gb", Decimal(1)),
    "gibibyte month": ("gb-month", Decimal(1)),
    "Hour": ("hour", Decimal(1)), "Hours": ("hour", Decimal(1)), "GB/Month": ("gb-month", Decimal(1)),
}
BAD = (KeyError, ValueError, ArithmeticError, TypeError, AttributeError)
"""What a malformed line raises while it is converted."""


def usd(amount: Decimal, currency: str) -> Decimal:
    """`amount` of `currency` in US dollars; ValueError for a currency we have no rate for."""
    if currency not in USD_PER:
        raise ValueError(f"unknown currency {currency!r}")
    return amount * USD_PER[currency]


def read_aws(path: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """An AWS Cost and Usage Report-like CSV, gzipped."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    ### BEGIN SOLUTION
    with gzip.open(path, "rt", encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        for row in reader:
            try:
                unit, per = UNITS[row["pricingUnit"]]
                team = row["resourceTags/user:team"]
                records.append(CostRecord(
                    "aws", row["lineItem/UsageAccountId"], SERVICES.get(row["lineItem/ProductCode"], "other"),
                    row["lineItem/ResourceId"], row["lineItem/UsageStartDate"][:10],
                    Decimal(row["lineItem/UsageAmount"]) / per, unit,
                    usd(Decimal(row["lineItem/UnblendedCost"]), row["lineItem/CurrencyCode"]),
                    (("team", team),) if team else ()))
            except BAD as error:
                bad.append(BadRow(path.name, reader.line_num, repr(error)))
    ### END SOLUTION
    return records, bad


def read_gcp(path: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """A GCP billing export-like file of JSON lines."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    ### BEGIN SOLUTION
    with path.open(encoding="utf-8") as file:
        for number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line, parse_float=Decimal)
                unit, per = UNITS[item["usage"]["unit"]]
                records.append(CostRecord(
                    "gcp", item["project"]["id"], SERVICES.get(item["service"]["description"], "other"),
                    item["resource"]["name"], item["usage_start_time"][:10],
                    Decimal(item["usage"]["amount"]) / per, unit,
                    usd(Decimal(item["cost"]), item["currency"]),
                    tuple(sorted((label["key"], label["value"]) for label in item["labels"]))))
            except BAD as error:
                bad.append(BadRow(path.name, number, repr(error)))
    ### END SOLUTION
    return records, bad


def read_azure(path: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """An Azure cost details-like CSV, gzipped."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    ### BEGIN SOLUTION
    with gzip.open(path, "rt", encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        for row in reader:
            try:
                count, name = row["UnitOfMeasure"].split(" ", 1)
                unit, per = UNITS[name]
                month, day, year = row["Date"].split("/")
                tags = json.loads(row["Tags"]) if row["Tags"] else {}
                records.append(CostRecord(
                    "azure", row["SubscriptionId"], SERVICES.get(row["MeterCategory"], "other"),
                    row["ResourceId"], f"{year}-{month}-{day}",
                    Decimal(row["Quantity"]) * Decimal(count) / per, unit,
                    usd(Decimal(row["CostInBillingCurrency"]), row["BillingCurrencyCode"]),
                    tuple(sorted(tags.items()))))
            except BAD as error:
                bad.append(BadRow(path.name, reader.line_num, repr(error)))
    ### END SOLUTION
    return records, bad


def collect(folder: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """Every export in `folder`, files in name order."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    ### BEGIN SOLUTION
    readers = {"aws*.csv.gz": read_aws, "gcp*.jsonl": read_gcp, "azure*.csv.gz": read_azure}
    found = sorted((path.name, pattern) for pattern in readers for path in folder.glob(pattern))
    for name, pattern in found:
        more, worse = readers[pattern](folder / name)
        records += more
        bad += worse
    ### END SOLUTION
    return records, bad

# %% course={"kind": "test", "points": 2, "id": "sample"}
collect_mod = repo.load("costopt.collect")

records, bad = collect_mod.collect(EXPORTS)
assert [(b.file, b.line) for b in bad] == [("aws-cur.csv.gz", 6), ("gcp-billing.jsonl", 4)], bad
assert all(b.reason for b in bad), "say why a line is bad"
assert [r.provider for r in records] == ["aws"] * 30 + ["azure"] * 20 + ["gcp"] * 20, "files in name order"
first = {r.provider: r for r in reversed(records)}
assert first["aws"] == collect_mod.CostRecord("aws", "111122223333", "compute", "i-0web", "2026-11-01", Decimal(24), "hour", Decimal("2.304"), (("team", "web"),)), first["aws"]
assert first["gcp"] == collect_mod.CostRecord("gcp", "data-prod", "compute", "vm-etl", "2026-11-01", Decimal(24), "hour", Decimal("1.62"), (("Team", "data"),)), first["gcp"]
assert first["azure"] == collect_mod.CostRecord("azure", "sub-42", "compute", "/vm/api", "2026-11-01", Decimal(20), "hour", Decimal("3.937"), (("team", "web"),)), first["azure"]
assert records[1].tags == () and records[1].unit == "gb-month" and records[1].service == "storage"

# %% course={"kind": "test", "points": 1, "id": "exact-money"}
assert all(type(r.cost_usd) is Decimal and type(r.quantity) is Decimal for r in records), "Decimal, never float"
assert sum(r.cost_usd for r in records) == Decimal("113.361"), sum(r.cost_usd for r in records)
egress = [r for r in records if r.resource == "egress"][0]
assert (egress.cost_usd, egress.quantity, egress.unit, egress.service) == (Decimal("0.108"), Decimal(5), "gb", "network"), egress
### BEGIN HIDDEN TESTS
from course.runtime.listing import listing_z_to_a
from course.runtime.scratch import scratch_dir
import gzip

def gz(path, text):
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write(text)

edge = scratch_dir("costopt-collect")
aws_head = "lineItem/UsageAccountId,lineItem/ProductCode,lineItem/ResourceId,lineItem/UsageStartDate,lineItem/UsageAmount,pricingUnit,lineItem/UnblendedCost,lineItem/CurrencyCode,resourceTags/user:team"
gz(edge / "aws-b.csv.gz", "\n".join([aws_head, "9,AWSLambda,fn,2026-12-31T23:00:00Z,3600,Hrs,-1.50,USD,", "9,AmazonEC2,i-2,2026-12-31T00:00:00Z,1,Requests,1,USD,x", "9,AmazonEC2,i-3", "9,AWSDataTransfer,tx,2026-12-01T00:00:00Z,2.5,GB,0.20,GBP,ops", "9,AWSLambda,fn2,2026-12-02T00:00:00Z,900,seconds,0.01,USD,"]) + "\n")
gz(edge / "aws-a.csv.gz", aws_head + "\n9,AmazonEC2,i-1,2026-12-01T00:00:00Z,1,Hrs,0.5,EUR,api\n")
gcp_line = {"project": {"id": "p"}, "service": {"description": "Cloud Storage"}, "resource": {"name": "b"}, "usage_start_time": "2026-12-02T05:00:00Z", "usage": {"amount": 5400, "unit": "seconds"}, "cost": 2, "currency": "USD", "labels": [{"key": "z", "value": "1"}, {"key": "a", "value": "2"}]}
no_labels = {k: v for k, v in gcp_line.items() if k != "labels"}
(edge / "gcp-x.jsonl").write_text("\n".join([json.dumps(gcp_line), "", "{not json", json.dumps(no_labels), json.dumps(gcp_line).replace("seconds", "gibibyte month")]) + "\n", encoding="utf-8")
az_head = "SubscriptionId,MeterCategory,ResourceId,Date,Quantity,UnitOfMeasure,CostInBillingCurrency,BillingCurrencyCode,Tags"
gz(edge / "azure-1.csv.gz", "\n".join([az_head, "s,Virtual Machines,/vm,12/31/2026,0.5,10 Hours,1.00,EUR,", "s,Bandwidth,/bw,12/30/2026,3,1 GB,0.30,USD,{\"\"}", "s,Functions,/fn,12/29/2026,4,100 Hours,0.01,USD,\"{\"\"Env\"\": \"\"prod\"\", \"\"App\"\": \"\"x\"\"}\"", "s,Storage,/st,12/28/2026,3,2 gibibyte month,0.02,USD,", "s,Functions,/fn2,12/27/2026,3,1800 seconds,0.03,USD,"]) + "\n")
(edge / "aws-plain.csv").write_text(aws_head + "\n", encoding="utf-8")
(edge / "notes.txt").write_text("aws,not,an,export\n", encoding="utf-8")
(edge / "gcp.json").write_text("[]\n", encoding="utf-8")
with listing_z_to_a():
    got, worse = collect_mod.collect(edge)
assert [(b.file, b.line) for b in worse] == [("aws-b.csv.gz", 3), ("aws-b.csv.gz", 4), ("azure-1.csv.gz", 3), ("gcp-x.jsonl", 3), ("gcp-x.jsonl", 4)], worse
assert [(r.provider, r.resource, r.day, r.quantity, r.unit, r.cost_usd, r.service, r.tags) for r in got] == [
    ("aws", "i-1", "2026-12-01", Decimal(1), "hour", Decimal("0.540"), "compute", (("team", "api"),)),
    ("aws", "fn", "2026-12-31", Decimal(3600), "hour", Decimal("-1.50"), "other", ()),
    ("aws", "tx", "2026-12-01", Decimal("2.5"), "gb", Decimal("0.254"), "network", (("team", "ops"),)),
    ("aws", "fn2", "2026-12-02", Decimal("0.25"), "hour", Decimal("0.01"), "other", ()),
    ("azure", "/vm", "2026-12-31", Decimal(5), "hour", Decimal("1.08"), "compute", ()),
    ("azure", "/fn", "2026-12-29", Decimal(400), "hour", Decimal("0.01"), "other", (("App", "x"), ("Env", "prod"))),
    ("azure", "/st", "2026-12-28", Decimal(6), "gb-month", Decimal("0.02"), "storage", ()),
    ("azure", "/fn2", "2026-12-27", Decimal("1.5"), "hour", Decimal("0.03"), "other", ()),
    ("gcp", "b", "2026-12-02", Decimal("1.5"), "hour", Decimal(2), "storage", (("a", "2"), ("z", "1"))),
    ("gcp", "b", "2026-12-02", Decimal(5400), "gb-month", Decimal(2), "storage", (("a", "2"), ("z", "1"))),
], got
gz(edge / "azure-multi.csv.gz", az_head + '\ns,Storage,/st,12/01/2026,1,1 GB/Month,0.10,USD,"{""team"":\n ""web""}"\ns,Storage,/st,12/02/2026,x,1 GB/Month,0.10,USD,\n')
multi, multi_bad = collect_mod.read_azure(edge / "azure-multi.csv.gz")
assert [r.tags for r in multi] == [(("team", "web"),)] and [(b.file, b.line) for b in multi_bad] == [("azure-multi.csv.gz", 4)], ("a quoted field over lines 2-3: the next row is line 4, not 3", multi, multi_bad)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "float-money"}
"""Milestone 1: three clouds' billing exports read into one record type."""

from __future__ import annotations

import csv
import gzip
import json
from decimal import Decimal
from pathlib import Path

from costopt.models import USD_PER, BadRow, CostRecord

SERVICES = {
    "AmazonEC2": "compute", "AmazonS3": "storage", "AWSDataTransfer": "network",
    "Compute Engine": "compute", "Cloud Storage": "storage", "Networking": "network",
    "Virtual Machines": "compute", "Storage": "storage", "Bandwidth": "network",
}
UNITS = {  # the export's unit -> (our unit, how many of theirs make one of ours: divide by it)
    "Hrs": ("hour", Decimal(1)), "GB-Mo": ("gb-month", Decimal(1)), "GB": ("gb", Decimal(1)),
    "seconds": ("hour", Decimal(3600)), "gibibyte": ("gb", Decimal(1)),
    "gibibyte month": ("gb-month", Decimal(1)),
    "Hour": ("hour", Decimal(1)), "Hours": ("hour", Decimal(1)), "GB/Month": ("gb-month", Decimal(1)),
}
BAD = (KeyError, ValueError, ArithmeticError, TypeError, AttributeError)
"""What a malformed line raises while it is converted."""


def usd(amount: Decimal, currency: str) -> Decimal:
    """`amount` of `currency` in US dollars; ValueError for a currency we have no rate for."""
    if currency not in USD_PER:
        raise ValueError(f"unknown currency {currency!r}")
    return amount * USD_PER[currency]


def read_aws(path: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """An AWS Cost and Usage Report-like CSV, gzipped."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        for row in reader:
            try:
                unit, per = UNITS[row["pricingUnit"]]
                team = row["resourceTags/user:team"]
                records.append(CostRecord(
                    "aws", row["lineItem/UsageAccountId"], SERVICES.get(row["lineItem/ProductCode"], "other"),
                    row["lineItem/ResourceId"], row["lineItem/UsageStartDate"][:10],
                    Decimal(row["lineItem/UsageAmount"]) / per, unit,
                    usd(Decimal(row["lineItem/UnblendedCost"]), row["lineItem/CurrencyCode"]),
                    (("team", team),) if team else ()))
            except BAD as error:
                bad.append(BadRow(path.name, reader.line_num, repr(error)))
    return records, bad


def read_gcp(path: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """A GCP billing export-like file of JSON lines."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    with path.open(encoding="utf-8") as file:
        for number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                unit, per = UNITS[item["usage"]["unit"]]
                records.append(CostRecord(
                    "gcp", item["project"]["id"], SERVICES.get(item["service"]["description"], "other"),
                    item["resource"]["name"], item["usage_start_time"][:10],
                    Decimal(item["usage"]["amount"]) / per, unit,
                    usd(Decimal(item["cost"]), item["currency"]),
                    tuple(sorted((label["key"], label["value"]) for label in item["labels"]))))
            except BAD as error:
                bad.append(BadRow(path.name, number, repr(error)))
    return records, bad


def read_azure(path: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """An Azure cost details-like CSV, gzipped."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        for row in reader:
            try:
                count, name = row["UnitOfMeasure"].split(" ", 1)
                unit, per = UNITS[name]
                month, day, year = row["Date"].split("/")
                tags = json.loads(row["Tags"]) if row["Tags"] else {}
                records.append(CostRecord(
                    "azure", row["SubscriptionId"], SERVICES.get(row["MeterCategory"], "other"),
                    row["ResourceId"], f"{year}-{month}-{day}",
                    Decimal(row["Quantity"]) * Decimal(count) / per, unit,
                    usd(Decimal(row["CostInBillingCurrency"]), row["BillingCurrencyCode"]),
                    tuple(sorted(tags.items()))))
            except BAD as error:
                bad.append(BadRow(path.name, reader.line_num, repr(error)))
    return records, bad


def collect(folder: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """Every export in `folder`, files in name order."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    readers = {"aws*.csv.gz": read_aws, "gcp*.jsonl": read_gcp, "azure*.csv.gz": read_azure}
    found = sorted((path.name, pattern) for pattern in readers for path in folder.glob(pattern))
    for name, pattern in found:
        more, worse = readers[pattern](folder / name)
        records += more
        bad += worse
    return records, bad

# %% course={"kind": "wrong", "id": "data-row-numbers"}
"""Milestone 1: three clouds' billing exports read into one record type."""

from __future__ import annotations

import csv
import gzip
import json
from decimal import Decimal
from pathlib import Path

from costopt.models import USD_PER, BadRow, CostRecord

SERVICES = {
    "AmazonEC2": "compute", "AmazonS3": "storage", "AWSDataTransfer": "network",
    "Compute Engine": "compute", "Cloud Storage": "storage", "Networking": "network",
    "Virtual Machines": "compute", "Storage": "storage", "Bandwidth": "network",
}
UNITS = {  # the export's unit -> (our unit, how many of theirs make one of ours: divide by it)
    "Hrs": ("hour", Decimal(1)), "GB-Mo": ("gb-month", Decimal(1)), "GB": ("gb", Decimal(1)),
    "seconds": ("hour", Decimal(3600)), "gibibyte": ("gb", Decimal(1)),
    "gibibyte month": ("gb-month", Decimal(1)),
    "Hour": ("hour", Decimal(1)), "Hours": ("hour", Decimal(1)), "GB/Month": ("gb-month", Decimal(1)),
}
BAD = (KeyError, ValueError, ArithmeticError, TypeError, AttributeError)
"""What a malformed line raises while it is converted."""


def usd(amount: Decimal, currency: str) -> Decimal:
    """`amount` of `currency` in US dollars; ValueError for a currency we have no rate for."""
    if currency not in USD_PER:
        raise ValueError(f"unknown currency {currency!r}")
    return amount * USD_PER[currency]


def read_aws(path: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """An AWS Cost and Usage Report-like CSV, gzipped."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        for row in reader:
            try:
                unit, per = UNITS[row["pricingUnit"]]
                team = row["resourceTags/user:team"]
                records.append(CostRecord(
                    "aws", row["lineItem/UsageAccountId"], SERVICES.get(row["lineItem/ProductCode"], "other"),
                    row["lineItem/ResourceId"], row["lineItem/UsageStartDate"][:10],
                    Decimal(row["lineItem/UsageAmount"]) / per, unit,
                    usd(Decimal(row["lineItem/UnblendedCost"]), row["lineItem/CurrencyCode"]),
                    (("team", team),) if team else ()))
            except BAD as error:
                bad.append(BadRow(path.name, reader.line_num - 1, repr(error)))
    return records, bad


def read_gcp(path: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """A GCP billing export-like file of JSON lines."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    with path.open(encoding="utf-8") as file:
        for number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line, parse_float=Decimal)
                unit, per = UNITS[item["usage"]["unit"]]
                records.append(CostRecord(
                    "gcp", item["project"]["id"], SERVICES.get(item["service"]["description"], "other"),
                    item["resource"]["name"], item["usage_start_time"][:10],
                    Decimal(item["usage"]["amount"]) / per, unit,
                    usd(Decimal(item["cost"]), item["currency"]),
                    tuple(sorted((label["key"], label["value"]) for label in item["labels"]))))
            except BAD as error:
                bad.append(BadRow(path.name, number, repr(error)))
    return records, bad


def read_azure(path: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """An Azure cost details-like CSV, gzipped."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        for row in reader:
            try:
                count, name = row["UnitOfMeasure"].split(" ", 1)
                unit, per = UNITS[name]
                month, day, year = row["Date"].split("/")
                tags = json.loads(row["Tags"]) if row["Tags"] else {}
                records.append(CostRecord(
                    "azure", row["SubscriptionId"], SERVICES.get(row["MeterCategory"], "other"),
                    row["ResourceId"], f"{year}-{month}-{day}",
                    Decimal(row["Quantity"]) * Decimal(count) / per, unit,
                    usd(Decimal(row["CostInBillingCurrency"]), row["BillingCurrencyCode"]),
                    tuple(sorted(tags.items()))))
            except BAD as error:
                bad.append(BadRow(path.name, reader.line_num - 1, repr(error)))
    return records, bad


def collect(folder: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """Every export in `folder`, files in name order."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    readers = {"aws*.csv.gz": read_aws, "gcp*.jsonl": read_gcp, "azure*.csv.gz": read_azure}
    found = sorted((path.name, pattern) for pattern in readers for path in folder.glob(pattern))
    for name, pattern in found:
        more, worse = readers[pattern](folder / name)
        records += more
        bad += worse
    return records, bad

# %% course={"kind": "wrong", "id": "stops-at-first-bad-line"}
"""Milestone 1: three clouds' billing exports read into one record type."""

from __future__ import annotations

import csv
import gzip
import json
from decimal import Decimal
from pathlib import Path

from costopt.models import USD_PER, BadRow, CostRecord

SERVICES = {
    "AmazonEC2": "compute", "AmazonS3": "storage", "AWSDataTransfer": "network",
    "Compute Engine": "compute", "Cloud Storage": "storage", "Networking": "network",
    "Virtual Machines": "compute", "Storage": "storage", "Bandwidth": "network",
}
UNITS = {  # the export's unit -> (our unit, how many of theirs make one of ours: divide by it)
    "Hrs": ("hour", Decimal(1)), "GB-Mo": ("gb-month", Decimal(1)), "GB": ("gb", Decimal(1)),
    "seconds": ("hour", Decimal(3600)), "gibibyte": ("gb", Decimal(1)),
    "gibibyte month": ("gb-month", Decimal(1)),
    "Hour": ("hour", Decimal(1)), "Hours": ("hour", Decimal(1)), "GB/Month": ("gb-month", Decimal(1)),
}
BAD = (KeyError, ValueError, ArithmeticError, TypeError, AttributeError)
"""What a malformed line raises while it is converted."""


def usd(amount: Decimal, currency: str) -> Decimal:
    """`amount` of `currency` in US dollars; ValueError for a currency we have no rate for."""
    if currency not in USD_PER:
        raise ValueError(f"unknown currency {currency!r}")
    return amount * USD_PER[currency]


def read_aws(path: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """An AWS Cost and Usage Report-like CSV, gzipped."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        for row in reader:
            try:
                unit, per = UNITS[row["pricingUnit"]]
                team = row["resourceTags/user:team"]
                records.append(CostRecord(
                    "aws", row["lineItem/UsageAccountId"], SERVICES.get(row["lineItem/ProductCode"], "other"),
                    row["lineItem/ResourceId"], row["lineItem/UsageStartDate"][:10],
                    Decimal(row["lineItem/UsageAmount"]) / per, unit,
                    usd(Decimal(row["lineItem/UnblendedCost"]), row["lineItem/CurrencyCode"]),
                    (("team", team),) if team else ()))
            except BAD as error:
                bad.append(BadRow(path.name, reader.line_num, repr(error)))
                break
    return records, bad


def read_gcp(path: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """A GCP billing export-like file of JSON lines."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    with path.open(encoding="utf-8") as file:
        for number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line, parse_float=Decimal)
                unit, per = UNITS[item["usage"]["unit"]]
                records.append(CostRecord(
                    "gcp", item["project"]["id"], SERVICES.get(item["service"]["description"], "other"),
                    item["resource"]["name"], item["usage_start_time"][:10],
                    Decimal(item["usage"]["amount"]) / per, unit,
                    usd(Decimal(item["cost"]), item["currency"]),
                    tuple(sorted((label["key"], label["value"]) for label in item["labels"]))))
            except BAD as error:
                bad.append(BadRow(path.name, number, repr(error)))
    return records, bad


def read_azure(path: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """An Azure cost details-like CSV, gzipped."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        for row in reader:
            try:
                count, name = row["UnitOfMeasure"].split(" ", 1)
                unit, per = UNITS[name]
                month, day, year = row["Date"].split("/")
                tags = json.loads(row["Tags"]) if row["Tags"] else {}
                records.append(CostRecord(
                    "azure", row["SubscriptionId"], SERVICES.get(row["MeterCategory"], "other"),
                    row["ResourceId"], f"{year}-{month}-{day}",
                    Decimal(row["Quantity"]) * Decimal(count) / per, unit,
                    usd(Decimal(row["CostInBillingCurrency"]), row["BillingCurrencyCode"]),
                    tuple(sorted(tags.items()))))
            except BAD as error:
                bad.append(BadRow(path.name, reader.line_num, repr(error)))
    return records, bad


def collect(folder: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """Every export in `folder`, files in name order."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    readers = {"aws*.csv.gz": read_aws, "gcp*.jsonl": read_gcp, "azure*.csv.gz": read_azure}
    found = sorted((path.name, pattern) for pattern in readers for path in folder.glob(pattern))
    for name, pattern in found:
        more, worse = readers[pattern](folder / name)
        records += more
        bad += worse
    return records, bad

# %% course={"kind": "wrong", "id": "no-currency"}
"""Milestone 1: three clouds' billing exports read into one record type."""

from __future__ import annotations

import csv
import gzip
import json
from decimal import Decimal
from pathlib import Path

from costopt.models import USD_PER, BadRow, CostRecord

SERVICES = {
    "AmazonEC2": "compute", "AmazonS3": "storage", "AWSDataTransfer": "network",
    "Compute Engine": "compute", "Cloud Storage": "storage", "Networking": "network",
    "Virtual Machines": "compute", "Storage": "storage", "Bandwidth": "network",
}
UNITS = {  # the export's unit -> (our unit, how many of theirs make one of ours: divide by it)
    "Hrs": ("hour", Decimal(1)), "GB-Mo": ("gb-month", Decimal(1)), "GB": ("gb", Decimal(1)),
    "seconds": ("hour", Decimal(3600)), "gibibyte": ("gb", Decimal(1)),
    "gibibyte month": ("gb-month", Decimal(1)),
    "Hour": ("hour", Decimal(1)), "Hours": ("hour", Decimal(1)), "GB/Month": ("gb-month", Decimal(1)),
}
BAD = (KeyError, ValueError, ArithmeticError, TypeError, AttributeError)
"""What a malformed line raises while it is converted."""


def usd(amount: Decimal, currency: str) -> Decimal:
    """`amount` of `currency` in US dollars; ValueError for a currency we have no rate for."""
    if currency not in USD_PER:
        raise ValueError(f"unknown currency {currency!r}")
    return amount * USD_PER[currency]


def read_aws(path: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """An AWS Cost and Usage Report-like CSV, gzipped."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        for row in reader:
            try:
                unit, per = UNITS[row["pricingUnit"]]
                team = row["resourceTags/user:team"]
                records.append(CostRecord(
                    "aws", row["lineItem/UsageAccountId"], SERVICES.get(row["lineItem/ProductCode"], "other"),
                    row["lineItem/ResourceId"], row["lineItem/UsageStartDate"][:10],
                    Decimal(row["lineItem/UsageAmount"]) / per, unit,
                    usd(Decimal(row["lineItem/UnblendedCost"]), row["lineItem/CurrencyCode"]),
                    (("team", team),) if team else ()))
            except BAD as error:
                bad.append(BadRow(path.name, reader.line_num, repr(error)))
    return records, bad


def read_gcp(path: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """A GCP billing export-like file of JSON lines."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    with path.open(encoding="utf-8") as file:
        for number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line, parse_float=Decimal)
                unit, per = UNITS[item["usage"]["unit"]]
                records.append(CostRecord(
                    "gcp", item["project"]["id"], SERVICES.get(item["service"]["description"], "other"),
                    item["resource"]["name"], item["usage_start_time"][:10],
                    Decimal(item["usage"]["amount"]) / per, unit,
                    Decimal(item["cost"]),
                    tuple(sorted((label["key"], label["value"]) for label in item["labels"]))))
            except BAD as error:
                bad.append(BadRow(path.name, number, repr(error)))
    return records, bad


def read_azure(path: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """An Azure cost details-like CSV, gzipped."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        for row in reader:
            try:
                count, name = row["UnitOfMeasure"].split(" ", 1)
                unit, per = UNITS[name]
                month, day, year = row["Date"].split("/")
                tags = json.loads(row["Tags"]) if row["Tags"] else {}
                records.append(CostRecord(
                    "azure", row["SubscriptionId"], SERVICES.get(row["MeterCategory"], "other"),
                    row["ResourceId"], f"{year}-{month}-{day}",
                    Decimal(row["Quantity"]) * Decimal(count) / per, unit,
                    Decimal(row["CostInBillingCurrency"]),
                    tuple(sorted(tags.items()))))
            except BAD as error:
                bad.append(BadRow(path.name, reader.line_num, repr(error)))
    return records, bad


def collect(folder: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """Every export in `folder`, files in name order."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    readers = {"aws*.csv.gz": read_aws, "gcp*.jsonl": read_gcp, "azure*.csv.gz": read_azure}
    found = sorted((path.name, pattern) for pattern in readers for path in folder.glob(pattern))
    for name, pattern in found:
        more, worse = readers[pattern](folder / name)
        records += more
        bad += worse
    return records, bad

# %% course={"kind": "wrong", "id": "files-unsorted"}
"""Milestone 1: three clouds' billing exports read into one record type."""

from __future__ import annotations

import csv
import gzip
import json
from decimal import Decimal
from pathlib import Path

from costopt.models import USD_PER, BadRow, CostRecord

SERVICES = {
    "AmazonEC2": "compute", "AmazonS3": "storage", "AWSDataTransfer": "network",
    "Compute Engine": "compute", "Cloud Storage": "storage", "Networking": "network",
    "Virtual Machines": "compute", "Storage": "storage", "Bandwidth": "network",
}
UNITS = {  # the export's unit -> (our unit, how many of theirs make one of ours: divide by it)
    "Hrs": ("hour", Decimal(1)), "GB-Mo": ("gb-month", Decimal(1)), "GB": ("gb", Decimal(1)),
    "seconds": ("hour", Decimal(3600)), "gibibyte": ("gb", Decimal(1)),
    "gibibyte month": ("gb-month", Decimal(1)),
    "Hour": ("hour", Decimal(1)), "Hours": ("hour", Decimal(1)), "GB/Month": ("gb-month", Decimal(1)),
}
BAD = (KeyError, ValueError, ArithmeticError, TypeError, AttributeError)
"""What a malformed line raises while it is converted."""


def usd(amount: Decimal, currency: str) -> Decimal:
    """`amount` of `currency` in US dollars; ValueError for a currency we have no rate for."""
    if currency not in USD_PER:
        raise ValueError(f"unknown currency {currency!r}")
    return amount * USD_PER[currency]


def read_aws(path: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """An AWS Cost and Usage Report-like CSV, gzipped."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        for row in reader:
            try:
                unit, per = UNITS[row["pricingUnit"]]
                team = row["resourceTags/user:team"]
                records.append(CostRecord(
                    "aws", row["lineItem/UsageAccountId"], SERVICES.get(row["lineItem/ProductCode"], "other"),
                    row["lineItem/ResourceId"], row["lineItem/UsageStartDate"][:10],
                    Decimal(row["lineItem/UsageAmount"]) / per, unit,
                    usd(Decimal(row["lineItem/UnblendedCost"]), row["lineItem/CurrencyCode"]),
                    (("team", team),) if team else ()))
            except BAD as error:
                bad.append(BadRow(path.name, reader.line_num, repr(error)))
    return records, bad


def read_gcp(path: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """A GCP billing export-like file of JSON lines."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    with path.open(encoding="utf-8") as file:
        for number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line, parse_float=Decimal)
                unit, per = UNITS[item["usage"]["unit"]]
                records.append(CostRecord(
                    "gcp", item["project"]["id"], SERVICES.get(item["service"]["description"], "other"),
                    item["resource"]["name"], item["usage_start_time"][:10],
                    Decimal(item["usage"]["amount"]) / per, unit,
                    usd(Decimal(item["cost"]), item["currency"]),
                    tuple(sorted((label["key"], label["value"]) for label in item["labels"]))))
            except BAD as error:
                bad.append(BadRow(path.name, number, repr(error)))
    return records, bad


def read_azure(path: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """An Azure cost details-like CSV, gzipped."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        for row in reader:
            try:
                count, name = row["UnitOfMeasure"].split(" ", 1)
                unit, per = UNITS[name]
                month, day, year = row["Date"].split("/")
                tags = json.loads(row["Tags"]) if row["Tags"] else {}
                records.append(CostRecord(
                    "azure", row["SubscriptionId"], SERVICES.get(row["MeterCategory"], "other"),
                    row["ResourceId"], f"{year}-{month}-{day}",
                    Decimal(row["Quantity"]) * Decimal(count) / per, unit,
                    usd(Decimal(row["CostInBillingCurrency"]), row["BillingCurrencyCode"]),
                    tuple(sorted(tags.items()))))
            except BAD as error:
                bad.append(BadRow(path.name, reader.line_num, repr(error)))
    return records, bad


def collect(folder: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """Every export in `folder`, files in name order."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    readers = {"aws*.csv.gz": read_aws, "gcp*.jsonl": read_gcp, "azure*.csv.gz": read_azure}
    found = list((path.name, pattern) for pattern in readers for path in folder.glob(pattern))
    for name, pattern in found:
        more, worse = readers[pattern](folder / name)
        records += more
        bad += worse
    return records, bad

# %% course={"kind": "wrong", "id": "csv-rows-as-lines"}
"""Milestone 1: three clouds' billing exports read into one record type."""

from __future__ import annotations

import csv
import gzip
import json
from decimal import Decimal
from pathlib import Path

from costopt.models import USD_PER, BadRow, CostRecord

SERVICES = {
    "AmazonEC2": "compute", "AmazonS3": "storage", "AWSDataTransfer": "network",
    "Compute Engine": "compute", "Cloud Storage": "storage", "Networking": "network",
    "Virtual Machines": "compute", "Storage": "storage", "Bandwidth": "network",
}
UNITS = {  # the export's unit -> (our unit, how many of theirs make one of ours: divide by it)
    "Hrs": ("hour", Decimal(1)), "GB-Mo": ("gb-month", Decimal(1)), "GB": ("gb", Decimal(1)),
    "seconds": ("hour", Decimal(3600)), "gibibyte": ("gb", Decimal(1)),
    "gibibyte month": ("gb-month", Decimal(1)),
    "Hour": ("hour", Decimal(1)), "Hours": ("hour", Decimal(1)), "GB/Month": ("gb-month", Decimal(1)),
}
BAD = (KeyError, ValueError, ArithmeticError, TypeError, AttributeError)
"""What a malformed line raises while it is converted."""


def usd(amount: Decimal, currency: str) -> Decimal:
    """`amount` of `currency` in US dollars; ValueError for a currency we have no rate for."""
    if currency not in USD_PER:
        raise ValueError(f"unknown currency {currency!r}")
    return amount * USD_PER[currency]


def read_aws(path: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """An AWS Cost and Usage Report-like CSV, gzipped."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        for row in reader:
            try:
                unit, per = UNITS[row["pricingUnit"]]
                team = row["resourceTags/user:team"]
                records.append(CostRecord(
                    "aws", row["lineItem/UsageAccountId"], SERVICES.get(row["lineItem/ProductCode"], "other"),
                    row["lineItem/ResourceId"], row["lineItem/UsageStartDate"][:10],
                    Decimal(row["lineItem/UsageAmount"]) / per, unit,
                    usd(Decimal(row["lineItem/UnblendedCost"]), row["lineItem/CurrencyCode"]),
                    (("team", team),) if team else ()))
            except BAD as error:
                bad.append(BadRow(path.name, reader.line_num, repr(error)))
    return records, bad


def read_gcp(path: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """A GCP billing export-like file of JSON lines."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    with path.open(encoding="utf-8") as file:
        for number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line, parse_float=Decimal)
                unit, per = UNITS[item["usage"]["unit"]]
                records.append(CostRecord(
                    "gcp", item["project"]["id"], SERVICES.get(item["service"]["description"], "other"),
                    item["resource"]["name"], item["usage_start_time"][:10],
                    Decimal(item["usage"]["amount"]) / per, unit,
                    usd(Decimal(item["cost"]), item["currency"]),
                    tuple(sorted((label["key"], label["value"]) for label in item["labels"]))))
            except BAD as error:
                bad.append(BadRow(path.name, number, repr(error)))
    return records, bad


def read_azure(path: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """An Azure cost details-like CSV, gzipped."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        for number, row in enumerate(reader, start=2):
            try:
                count, name = row["UnitOfMeasure"].split(" ", 1)
                unit, per = UNITS[name]
                month, day, year = row["Date"].split("/")
                tags = json.loads(row["Tags"]) if row["Tags"] else {}
                records.append(CostRecord(
                    "azure", row["SubscriptionId"], SERVICES.get(row["MeterCategory"], "other"),
                    row["ResourceId"], f"{year}-{month}-{day}",
                    Decimal(row["Quantity"]) * Decimal(count) / per, unit,
                    usd(Decimal(row["CostInBillingCurrency"]), row["BillingCurrencyCode"]),
                    tuple(sorted(tags.items()))))
            except BAD as error:
                bad.append(BadRow(path.name, number, repr(error)))
    return records, bad


def collect(folder: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """Every export in `folder`, files in name order."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    readers = {"aws*.csv.gz": read_aws, "gcp*.jsonl": read_gcp, "azure*.csv.gz": read_azure}
    found = sorted((path.name, pattern) for pattern in readers for path in folder.glob(pattern))
    for name, pattern in found:
        more, worse = readers[pattern](folder / name)
        records += more
        bad += worse
    return records, bad

# %% course={"kind": "wrong", "id": "unit-split-on-spaces"}
"""Milestone 1: three clouds' billing exports read into one record type."""

from __future__ import annotations

import csv
import gzip
import json
from decimal import Decimal
from pathlib import Path

from costopt.models import USD_PER, BadRow, CostRecord

SERVICES = {
    "AmazonEC2": "compute", "AmazonS3": "storage", "AWSDataTransfer": "network",
    "Compute Engine": "compute", "Cloud Storage": "storage", "Networking": "network",
    "Virtual Machines": "compute", "Storage": "storage", "Bandwidth": "network",
}
UNITS = {  # the export's unit -> (our unit, how many of theirs make one of ours: divide by it)
    "Hrs": ("hour", Decimal(1)), "GB-Mo": ("gb-month", Decimal(1)), "GB": ("gb", Decimal(1)),
    "seconds": ("hour", Decimal(3600)), "gibibyte": ("gb", Decimal(1)),
    "gibibyte month": ("gb-month", Decimal(1)),
    "Hour": ("hour", Decimal(1)), "Hours": ("hour", Decimal(1)), "GB/Month": ("gb-month", Decimal(1)),
}
BAD = (KeyError, ValueError, ArithmeticError, TypeError, AttributeError)
"""What a malformed line raises while it is converted."""


def usd(amount: Decimal, currency: str) -> Decimal:
    """`amount` of `currency` in US dollars; ValueError for a currency we have no rate for."""
    if currency not in USD_PER:
        raise ValueError(f"unknown currency {currency!r}")
    return amount * USD_PER[currency]


def read_aws(path: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """An AWS Cost and Usage Report-like CSV, gzipped."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        for row in reader:
            try:
                unit, per = UNITS[row["pricingUnit"]]
                team = row["resourceTags/user:team"]
                records.append(CostRecord(
                    "aws", row["lineItem/UsageAccountId"], SERVICES.get(row["lineItem/ProductCode"], "other"),
                    row["lineItem/ResourceId"], row["lineItem/UsageStartDate"][:10],
                    Decimal(row["lineItem/UsageAmount"]) / per, unit,
                    usd(Decimal(row["lineItem/UnblendedCost"]), row["lineItem/CurrencyCode"]),
                    (("team", team),) if team else ()))
            except BAD as error:
                bad.append(BadRow(path.name, reader.line_num, repr(error)))
    return records, bad


def read_gcp(path: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """A GCP billing export-like file of JSON lines."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    with path.open(encoding="utf-8") as file:
        for number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line, parse_float=Decimal)
                unit, per = UNITS[item["usage"]["unit"]]
                records.append(CostRecord(
                    "gcp", item["project"]["id"], SERVICES.get(item["service"]["description"], "other"),
                    item["resource"]["name"], item["usage_start_time"][:10],
                    Decimal(item["usage"]["amount"]) / per, unit,
                    usd(Decimal(item["cost"]), item["currency"]),
                    tuple(sorted((label["key"], label["value"]) for label in item["labels"]))))
            except BAD as error:
                bad.append(BadRow(path.name, number, repr(error)))
    return records, bad


def read_azure(path: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """An Azure cost details-like CSV, gzipped."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        for row in reader:
            try:
                count, name = row["UnitOfMeasure"].split()
                unit, per = UNITS[name]
                month, day, year = row["Date"].split("/")
                tags = json.loads(row["Tags"]) if row["Tags"] else {}
                records.append(CostRecord(
                    "azure", row["SubscriptionId"], SERVICES.get(row["MeterCategory"], "other"),
                    row["ResourceId"], f"{year}-{month}-{day}",
                    Decimal(row["Quantity"]) * Decimal(count) / per, unit,
                    usd(Decimal(row["CostInBillingCurrency"]), row["BillingCurrencyCode"]),
                    tuple(sorted(tags.items()))))
            except BAD as error:
                bad.append(BadRow(path.name, reader.line_num, repr(error)))
    return records, bad


def collect(folder: Path) -> tuple[list[CostRecord], list[BadRow]]:
    """Every export in `folder`, files in name order."""
    records: list[CostRecord] = []
    bad: list[BadRow] = []
    readers = {"aws*.csv.gz": read_aws, "gcp*.jsonl": read_gcp, "azure*.csv.gz": read_azure}
    found = sorted((path.name, pattern) for pattern in readers for path in folder.glob(pattern))
    for name, pattern in found:
        more, worse = readers[pattern](folder / name)
        records += more
        bad += worse
    return records, bad

# %% [markdown] course={"kind": "exercise", "id": "allocate", "item": "f-cost-allocation-by-tags"}
# ### Milestone 2: allocate costs by team tag, to the cent
#
# Write `costopt/allocate.py`:
#
# - `normalise_key(key)`: a tag key as one spelling: surrounding spaces stripped, lower case, `-` and
#   spaces inside turned into `_` (`" Cost Center"` and `"cost-center"` both give `"cost_center"`).
# - `team_of(record, key="team")`: the value of the record's tag whose normalised key is `key`, stripped
#   and in lower case; `"untagged"` when there is no such tag or its value is blank.
# - `allocate(records, key="team", shared="shared")`: a `dict` from team to a `Decimal` with exactly two
#   decimal places (cents), keys in sorted order. First sum each team's costs (the `shared` team's costs
#   form the *shared pool*) and round each sum, and the pool, to cents (`ROUND_HALF_UP`). Then split the pool
#   among the teams other than `"untagged"` in proportion to their rounded direct cost, in whole cents, by
#   the *largest remainder* method: each team gets the floor of its exact share; the cents left over go one
#   each to the teams with the largest fractional parts (ties: team name order). The `shared` key never
#   appears in the result unless there is no team to split it among (then it stays as `shared`). A team
#   with a zero or negative direct cost (credits) takes no share; if no team has a positive cost, the pool
#   stays. The values always add up to the rounded direct sums plus the rounded pool.
#
# Example: `web` 10.00, `data` 20.00, shared 1.00: the exact shares are 0.333... and 0.666..., floors 0.33
# and 0.66, the last cent to `data` (larger remainder): `{"data": Decimal("20.67"), "web": Decimal("10.33")}`.

# %% [markdown] course={"kind": "hint"}
# Work in whole cents (`int(total * 100)` once the total is rounded to cents) and use `divmod(pool * cost,
# total)`: the quotient is the floor share, the remainder says who is nearest to the next cent.

# %% [markdown] course={"kind": "hint"}
# Sort the candidates for the left-over cents by `(-remainder, team)` and give one cent to each of the first
# `left` of them.

# %% course={"kind": "solution", "file": "23.5-costopt/costopt/allocate.py"}
"""Milestone 2: cost allocation by tags, shared costs split to the cent."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from costopt.models import CostRecord

CENT = Decimal("0.01")


def normalise_key(key: str) -> str:
    """`" Cost Center"` -> `"cost_center"`."""
    ### BEGIN SOLUTION
    return key.strip().lower().replace("-", "_").replace(" ", "_")
    ### END SOLUTION


def team_of(record: CostRecord, key: str = "team") -> str:
    """The record's team, or "untagged"."""
    ### BEGIN SOLUTION
    for name, value in record.tags:
        if normalise_key(name) == key and value.strip():
            return value.strip().lower()
    return "untagged"
    ### END SOLUTION


def allocate(records: Iterable[CostRecord], key: str = "team", shared: str = "shared") -> dict[str, Decimal]:
    """Cost per team in cents, the shared pool split by largest remainder."""
    ### BEGIN SOLUTION
    sums: dict[str, Decimal] = {}
    for record in records:
        team = team_of(record, key)
        sums[team] = sums.get(team, Decimal(0)) + record.cost_usd
    cents = {team: int(total.quantize(CENT, ROUND_HALF_UP) * 100) for team, total in sums.items()}
    pool = cents.pop(shared, 0)
    takers = {team: c for team, c in cents.items() if team != "untagged" and c > 0}
    base = sum(takers.values())
    if takers:
        shares = {team: divmod(pool * c, base) for team, c in takers.items()}
        left = pool - sum(q for q, _ in shares.values())
        lucky = sorted(shares, key=lambda team: (-shares[team][1], team))[:left]
        for team, (q, _) in shares.items():
            cents[team] += q + (team in lucky)
    elif pool:
        cents[shared] = pool
    return {team: Decimal(cents[team]).scaleb(-2) for team in sorted(cents)}
    ### END SOLUTION


# %% course={"kind": "test", "points": 1, "id": "tags"}
alloc = repo.load("costopt.allocate")
collect_mod = repo.load("costopt.collect")
Rec = collect_mod.CostRecord
assert [alloc.normalise_key(k) for k in [" Cost Center", "cost-center", "TEAM", "team\t"]] == ["cost_center", "cost_center", "team", "team"]
def tagged(cost, *tags):
    return Rec("aws", "1", "compute", "r", "2026-11-01", Decimal(1), "hour", Decimal(cost), tuple(tags))
assert alloc.team_of(tagged("1", (" Team ", " Web "))) == "web"
assert alloc.team_of(tagged("1", ("owner", "x"))) == "untagged" and alloc.team_of(tagged("1", ("team", "  "))) == "untagged"
assert alloc.team_of(tagged("1", ("cost-center", "42")), "cost_center") == "42"

# %% course={"kind": "test", "points": 2, "id": "split"}
example = alloc.allocate([tagged("10", ("team", "web")), tagged("20", ("team", "data")), tagged("1", ("team", "shared"))])
assert example == {"data": Decimal("20.67"), "web": Decimal("10.33")}, example
assert list(example) == ["data", "web"], "keys in sorted order"
shares = alloc.allocate(collect_mod.collect(EXPORTS)[0])
assert shares == {"data": Decimal("17.82"), "untagged": Decimal("3.38"), "web": Decimal("92.16")}, shares
assert all(str(v) == f"{v:.2f}" for v in shares.values()) and str(example["data"]) == "20.67", "exactly two decimal places"
### BEGIN HIDDEN TESTS
three = alloc.allocate([tagged(c, ("team", t)) for c, t in [("1", "a"), ("1", "b"), ("1", "c"), ("0.02", "shared")]])
assert three == {"a": Decimal("1.01"), "b": Decimal("1.01"), "c": Decimal("1.00")}, three
assert [str(v) for v in three.values()] == ["1.01", "1.01", "1.00"], "two decimal places, even for whole dollars"
half = alloc.allocate([tagged("0.005", ("team", "a")), tagged("0.015", ("Team", "B")), tagged("2.5")])
assert half == {"a": Decimal("0.01"), "b": Decimal("0.02"), "untagged": Decimal("2.50")}, half
only_shared = alloc.allocate([tagged("5", ("team", "shared")), tagged("2")])
assert only_shared == {"shared": Decimal("5.00"), "untagged": Decimal("2.00")}, only_shared
credits = alloc.allocate([tagged("-3", ("team", "a")), tagged("0", ("team", "z")), tagged("4", ("team", "b")), tagged("0.07", ("team", "shared"))])
assert credits == {"a": Decimal("-3.00"), "b": Decimal("4.07"), "z": Decimal("0.00")}, credits
ties = alloc.allocate([tagged("1", ("team", "y")), tagged("1", ("team", "x")), tagged("2", ("team", "w")), tagged("0.02", ("team", "shared"))])
assert ties == {"w": Decimal("2.01"), "x": Decimal("1.01"), "y": Decimal("1.00")}, ties
assert alloc.allocate([tagged("0.01", ("team", "a")), tagged("0.99", ("team", "b")), tagged("1", ("team", "shared"))]) == {"a": Decimal("0.02"), "b": Decimal("1.98")}
assert alloc.allocate([]) == {} and alloc.allocate([tagged("0", ("team", "shared"))]) == {}
zero_only = alloc.allocate([tagged("0", ("team", "a")), tagged("1", ("team", "shared"))])
assert zero_only == {"a": Decimal("0.00"), "shared": Decimal("1.00")}, ("no team with a positive cost: the pool stays as shared", zero_only)
by_rounded = alloc.allocate([tagged("0.014", ("team", "a")), tagged("0.006", ("team", "b")), tagged("1", ("team", "shared"))])
assert by_rounded == {"a": Decimal("0.51"), "b": Decimal("0.51")}, ("both direct costs round to 0.01: the pool splits 50/50", by_rounded)
other_key = alloc.allocate([tagged("3", ("Cost Center", "9"), ("team", "a")), tagged("1", ("cost_center", "shared"))], key="cost_center")
assert other_key == {"9": Decimal("4.00")}, other_key
import random
rng = random.Random(235)
many = [tagged(f"{rng.randint(0, 99999) / 1000}", ("team", f"t{rng.randint(0, 40)}")) for _ in range(2000)]
many += [tagged(f"{rng.randint(0, 9999) / 1000}", ("team", "shared")) for _ in range(50)]
big = alloc.allocate(many)
direct = {}
for rec in many:
    direct[rec.tags[0][1]] = direct.get(rec.tags[0][1], Decimal(0)) + rec.cost_usd
rounded = {t: v.quantize(Decimal("0.01"), "ROUND_HALF_UP") for t, v in direct.items()}
assert sum(big.values()) == sum(rounded.values()), "the cents add up exactly"
pool = rounded.pop("shared")
base = sum(rounded.values())
assert all(abs(big[t] - (rounded[t] + pool * rounded[t] / base)) < Decimal("0.01") for t in rounded), "each share within a cent"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "rounds-each-share"}
"""Milestone 2: cost allocation by tags, shared costs split to the cent."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from costopt.models import CostRecord

CENT = Decimal("0.01")


def normalise_key(key: str) -> str:
    """`" Cost Center"` -> `"cost_center"`."""
    return key.strip().lower().replace("-", "_").replace(" ", "_")


def team_of(record: CostRecord, key: str = "team") -> str:
    """The record's team, or "untagged"."""
    for name, value in record.tags:
        if normalise_key(name) == key and value.strip():
            return value.strip().lower()
    return "untagged"


def allocate(records: Iterable[CostRecord], key: str = "team", shared: str = "shared") -> dict[str, Decimal]:
    """Cost per team in cents, the shared pool split by largest remainder."""
    sums: dict[str, Decimal] = {}
    for record in records:
        team = team_of(record, key)
        sums[team] = sums.get(team, Decimal(0)) + record.cost_usd
    cents = {team: int(total.quantize(CENT, ROUND_HALF_UP) * 100) for team, total in sums.items()}
    pool = cents.pop(shared, 0)
    takers = {team: c for team, c in cents.items() if team != "untagged" and c > 0}
    base = sum(takers.values())
    if takers:
        for team, c in takers.items():
            cents[team] += round(pool * c / base)
    elif pool:
        cents[shared] = pool
    return {team: Decimal(cents[team]).scaleb(-2) for team in sorted(cents)}

# %% course={"kind": "wrong", "id": "untagged-shares-too"}
"""Milestone 2: cost allocation by tags, shared costs split to the cent."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from costopt.models import CostRecord

CENT = Decimal("0.01")


def normalise_key(key: str) -> str:
    """`" Cost Center"` -> `"cost_center"`."""
    return key.strip().lower().replace("-", "_").replace(" ", "_")


def team_of(record: CostRecord, key: str = "team") -> str:
    """The record's team, or "untagged"."""
    for name, value in record.tags:
        if normalise_key(name) == key and value.strip():
            return value.strip().lower()
    return "untagged"


def allocate(records: Iterable[CostRecord], key: str = "team", shared: str = "shared") -> dict[str, Decimal]:
    """Cost per team in cents, the shared pool split by largest remainder."""
    sums: dict[str, Decimal] = {}
    for record in records:
        team = team_of(record, key)
        sums[team] = sums.get(team, Decimal(0)) + record.cost_usd
    cents = {team: int(total.quantize(CENT, ROUND_HALF_UP) * 100) for team, total in sums.items()}
    pool = cents.pop(shared, 0)
    takers = {team: c for team, c in cents.items() if c > 0}
    base = sum(takers.values())
    if takers:
        shares = {team: divmod(pool * c, base) for team, c in takers.items()}
        left = pool - sum(q for q, _ in shares.values())
        lucky = sorted(shares, key=lambda team: (-shares[team][1], team))[:left]
        for team, (q, _) in shares.items():
            cents[team] += q + (team in lucky)
    elif pool:
        cents[shared] = pool
    return {team: Decimal(cents[team]).scaleb(-2) for team in sorted(cents)}

# %% course={"kind": "wrong", "id": "keys-not-normalised"}
"""Milestone 2: cost allocation by tags, shared costs split to the cent."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from costopt.models import CostRecord

CENT = Decimal("0.01")


def normalise_key(key: str) -> str:
    """`" Cost Center"` -> `"cost_center"`."""
    return key.strip().lower().replace("-", "_").replace(" ", "_")


def team_of(record: CostRecord, key: str = "team") -> str:
    """The record's team, or "untagged"."""
    for name, value in record.tags:
        if name == key and value.strip():
            return value.strip().lower()
    return "untagged"


def allocate(records: Iterable[CostRecord], key: str = "team", shared: str = "shared") -> dict[str, Decimal]:
    """Cost per team in cents, the shared pool split by largest remainder."""
    sums: dict[str, Decimal] = {}
    for record in records:
        team = team_of(record, key)
        sums[team] = sums.get(team, Decimal(0)) + record.cost_usd
    cents = {team: int(total.quantize(CENT, ROUND_HALF_UP) * 100) for team, total in sums.items()}
    pool = cents.pop(shared, 0)
    takers = {team: c for team, c in cents.items() if team != "untagged" and c > 0}
    base = sum(takers.values())
    if takers:
        shares = {team: divmod(pool * c, base) for team, c in takers.items()}
        left = pool - sum(q for q, _ in shares.values())
        lucky = sorted(shares, key=lambda team: (-shares[team][1], team))[:left]
        for team, (q, _) in shares.items():
            cents[team] += q + (team in lucky)
    elif pool:
        cents[shared] = pool
    return {team: Decimal(cents[team]).scaleb(-2) for team in sorted(cents)}

# %% course={"kind": "wrong", "id": "bankers-rounding"}
"""Milestone 2: cost allocation by tags, shared costs split to the cent."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from costopt.models import CostRecord

CENT = Decimal("0.01")


def normalise_key(key: str) -> str:
    """`" Cost Center"` -> `"cost_center"`."""
    return key.strip().lower().replace("-", "_").replace(" ", "_")


def team_of(record: CostRecord, key: str = "team") -> str:
    """The record's team, or "untagged"."""
    for name, value in record.tags:
        if normalise_key(name) == key and value.strip():
            return value.strip().lower()
    return "untagged"


def allocate(records: Iterable[CostRecord], key: str = "team", shared: str = "shared") -> dict[str, Decimal]:
    """Cost per team in cents, the shared pool split by largest remainder."""
    sums: dict[str, Decimal] = {}
    for record in records:
        team = team_of(record, key)
        sums[team] = sums.get(team, Decimal(0)) + record.cost_usd
    cents = {team: int(total.quantize(CENT) * 100) for team, total in sums.items()}
    pool = cents.pop(shared, 0)
    takers = {team: c for team, c in cents.items() if team != "untagged" and c > 0}
    base = sum(takers.values())
    if takers:
        shares = {team: divmod(pool * c, base) for team, c in takers.items()}
        left = pool - sum(q for q, _ in shares.values())
        lucky = sorted(shares, key=lambda team: (-shares[team][1], team))[:left]
        for team, (q, _) in shares.items():
            cents[team] += q + (team in lucky)
    elif pool:
        cents[shared] = pool
    return {team: Decimal(cents[team]).scaleb(-2) for team in sorted(cents)}

# %% course={"kind": "wrong", "id": "share-of-unrounded-costs"}
"""Milestone 2: cost allocation by tags, shared costs split to the cent."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from costopt.models import CostRecord

CENT = Decimal("0.01")


def normalise_key(key: str) -> str:
    """`" Cost Center"` -> `"cost_center"`."""
    return key.strip().lower().replace("-", "_").replace(" ", "_")


def team_of(record: CostRecord, key: str = "team") -> str:
    """The record's team, or "untagged"."""
    for name, value in record.tags:
        if normalise_key(name) == key and value.strip():
            return value.strip().lower()
    return "untagged"


def allocate(records: Iterable[CostRecord], key: str = "team", shared: str = "shared") -> dict[str, Decimal]:
    """Cost per team in cents, the shared pool split by largest remainder."""
    sums: dict[str, Decimal] = {}
    for record in records:
        team = team_of(record, key)
        sums[team] = sums.get(team, Decimal(0)) + record.cost_usd
    cents = {team: int(total.quantize(CENT, ROUND_HALF_UP) * 100) for team, total in sums.items()}
    pool = cents.pop(shared, 0)
    takers = {team: c for team, c in cents.items() if team != "untagged" and c > 0}
    base = sum(takers.values())
    exact = sum(sums[team] for team in takers)
    if takers:
        shares = {team: divmod(pool * sums[team], exact) for team in takers}
        left = pool - sum(q for q, _ in shares.values())
        lucky = sorted(shares, key=lambda team: (-shares[team][1], team))[:int(left)]
        for team, (q, _) in shares.items():
            cents[team] += int(q) + (team in lucky)
    elif pool:
        cents[shared] = pool
    return {team: Decimal(cents[team]).scaleb(-2) for team in sorted(cents)}

# %% course={"kind": "wrong", "id": "rounds-each-record"}
"""Milestone 2: cost allocation by tags, shared costs split to the cent."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from costopt.models import CostRecord

CENT = Decimal("0.01")


def normalise_key(key: str) -> str:
    """`" Cost Center"` -> `"cost_center"`."""
    return key.strip().lower().replace("-", "_").replace(" ", "_")


def team_of(record: CostRecord, key: str = "team") -> str:
    """The record's team, or "untagged"."""
    for name, value in record.tags:
        if normalise_key(name) == key and value.strip():
            return value.strip().lower()
    return "untagged"


def allocate(records: Iterable[CostRecord], key: str = "team", shared: str = "shared") -> dict[str, Decimal]:
    """Cost per team in cents, the shared pool split by largest remainder."""
    sums: dict[str, Decimal] = {}
    for record in records:
        team = team_of(record, key)
        sums[team] = sums.get(team, Decimal(0)) + record.cost_usd.quantize(CENT, ROUND_HALF_UP)
    cents = {team: int(total.quantize(CENT, ROUND_HALF_UP) * 100) for team, total in sums.items()}
    pool = cents.pop(shared, 0)
    takers = {team: c for team, c in cents.items() if team != "untagged" and c > 0}
    base = sum(takers.values())
    if takers:
        shares = {team: divmod(pool * c, base) for team, c in takers.items()}
        left = pool - sum(q for q, _ in shares.values())
        lucky = sorted(shares, key=lambda team: (-shares[team][1], team))[:left]
        for team, (q, _) in shares.items():
            cents[team] += q + (team in lucky)
    elif pool:
        cents[shared] = pool
    return {team: Decimal(cents[team]).scaleb(-2) for team in sorted(cents)}

# %% [markdown] course={"kind": "exercise", "id": "unused", "item": "f-unused-resource-detection"}
# ### Milestone 3: find what is paid for and unused
#
# Write `find_unused(ec2)` in `costopt/unused.py`: given a boto3 EC2 client (here on moto), return a list of
# `Finding(kind, resource, monthly_usd)`:
#
# - `"volume"` for every EBS volume in state `available` (attached to nothing), costing `volume_cost(v)`;
# - `"stopped-instance"` for every instance in state `stopped`: its compute is free, but its attached
#   volumes still bill, so its cost is the sum of `volume_cost` of the volumes attached to it (`Decimal(0)`
#   when none);
# - `"address"` for every Elastic IP with no `AssociationId` (bound to no instance *or network
#   interface*), costing `IDLE_ADDRESS_USD_PER_MONTH`.
#
# Biggest waste first: sorted by `monthly_usd` descending, then `kind`, then `resource`. Read each list once
# (at most one `DescribeVolumes`, one `DescribeInstances` and one `DescribeAddresses` call on moto), with
# paginators where EC2 has them: moto answers every list in one page, so the tests cannot see a missing
# paginator, but a real account with a thousand volumes would. Example: one idle 100 GiB gp2 volume and one
# idle address give `[Finding("volume", "vol-...", Decimal("10.00")), Finding("address", "eipalloc-...",
# Decimal("3.65"))]`.

# %% [markdown] course={"kind": "hint"}
# `ec2.get_paginator("describe_volumes").paginate()` yields pages; each page's `"Volumes"` is a list. Build a
# map from instance id to the cost of its disks from the volumes' `Attachments` before you look at instances.

# %% [markdown] course={"kind": "hint"}
# An address on a network interface has an `AssociationId` but maybe no instance: test `AssociationId`.

# %% course={"kind": "solution", "file": "23.5-costopt/costopt/unused.py"}
"""Milestone 3: unused resources on AWS, read through boto3."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from costopt.models import EBS_USD_PER_GB_MONTH, IDLE_ADDRESS_USD_PER_MONTH, Finding

NOTHING = Decimal(0)


def volume_cost(volume: dict[str, Any]) -> Decimal:
    """A volume's monthly price: its size in GiB times its type's price."""
    return volume["Size"] * EBS_USD_PER_GB_MONTH[volume["VolumeType"]]


def find_unused(ec2: Any) -> list[Finding]:
    """Idle volumes, stopped instances and idle addresses, biggest waste first."""
    ### BEGIN SOLUTION
    volumes = [v for page in ec2.get_paginator("describe_volumes").paginate() for v in page["Volumes"]]
    findings = [Finding("volume", v["VolumeId"], volume_cost(v)) for v in volumes if v["State"] == "available"]
    disks: dict[str, Decimal] = {}
    for volume in volumes:
        for attachment in volume["Attachments"]:
            owner = attachment["InstanceId"]
            disks[owner] = disks.get(owner, Decimal(0)) + volume_cost(volume)
    for page in ec2.get_paginator("describe_instances").paginate():
        for reservation in page["Reservations"]:
            for instance in reservation["Instances"]:
                if instance["State"]["Name"] == "stopped":
                    found = Finding("stopped-instance", instance["InstanceId"], disks.get(instance["InstanceId"], NOTHING))
                    findings.append(found)
    for address in ec2.describe_addresses()["Addresses"]:
        if "AssociationId" not in address:
            findings.append(Finding("address", address["AllocationId"], IDLE_ADDRESS_USD_PER_MONTH))
    return sorted(findings, key=lambda f: (-f.monthly_usd, f.kind, f.resource))
    ### END SOLUTION


# %% course={"kind": "test", "points": 1, "id": "idle"}
unused_mod = repo.load("costopt.unused")
Finding = unused_mod.Finding
reset(MOTO)
def instances(n):
    made = ec2.run_instances(ImageId="ami-12c6146b", MinCount=n, MaxCount=n, InstanceType="t3.small")["Instances"]
    return [i["InstanceId"] for i in made]
assert unused_mod.find_unused(ec2) == [], "an empty account wastes nothing"
idle_disk = ec2.create_volume(AvailabilityZone="us-east-1a", Size=100, VolumeType="gp2")["VolumeId"]
idle_ip = ec2.allocate_address(Domain="vpc")["AllocationId"]
with recorded(ec2, "DescribeVolumes", "DescribeInstances", "DescribeAddresses", limit=3):
    found = unused_mod.find_unused(ec2)
assert found == [Finding("volume", idle_disk, Decimal("10.00")), Finding("address", idle_ip, Decimal("3.65"))], found

# %% course={"kind": "test", "points": 2, "id": "stopped"}
running, stopped = instances(2)
ec2.stop_instances(InstanceIds=[stopped])
extra = ec2.create_volume(AvailabilityZone="us-east-1a", Size=20, VolumeType="gp3")["VolumeId"]
ec2.attach_volume(VolumeId=extra, InstanceId=stopped, Device="/dev/sdf")
used_ip = ec2.allocate_address(Domain="vpc")["AllocationId"]
ec2.associate_address(AllocationId=used_ip, InstanceId=running)
with recorded(ec2, "DescribeVolumes", "DescribeInstances", "DescribeAddresses", limit=3):
    found = unused_mod.find_unused(ec2)
expected = [Finding("volume", idle_disk, Decimal("10.00")), Finding("address", idle_ip, Decimal("3.65")), Finding("stopped-instance", stopped, Decimal("2.40"))]
assert found == expected, f"a stopped instance's 8 GiB gp2 root and 20 GiB gp3 disk still bill: {found}"
### BEGIN HIDDEN TESTS
subnet = ec2.describe_subnets()["Subnets"][0]["SubnetId"]
eni = ec2.create_network_interface(SubnetId=subnet)["NetworkInterface"]["NetworkInterfaceId"]
eni_ip = ec2.allocate_address(Domain="vpc")["AllocationId"]
ec2.associate_address(AllocationId=eni_ip, NetworkInterfaceId=eni)
second_ip = ec2.allocate_address(Domain="vpc")["AllocationId"]
gone, bare = instances(2)
ec2.terminate_instances(InstanceIds=[gone])
ec2.stop_instances(InstanceIds=[bare])
fast = ec2.create_volume(AvailabilityZone="us-east-1a", Size=8, VolumeType="io1", Iops=100)["VolumeId"]
with recorded(ec2, "DescribeVolumes", "DescribeInstances", "DescribeAddresses", limit=3):
    found = unused_mod.find_unused(ec2)
ips = sorted([idle_ip, second_ip])
expected = [Finding("volume", idle_disk, Decimal("10.00")), Finding("address", ips[0], Decimal("3.65")), Finding("address", ips[1], Decimal("3.65")),
            Finding("stopped-instance", stopped, Decimal("2.40")), Finding("volume", fast, Decimal("1.000")), Finding("stopped-instance", bare, Decimal("0.80"))]
assert found == expected, found
root = ec2.describe_instances(InstanceIds=[bare])["Reservations"][0]["Instances"][0]["BlockDeviceMappings"][0]
ec2.detach_volume(VolumeId=root["Ebs"]["VolumeId"], InstanceId=bare, Device=root["DeviceName"])
with recorded(ec2, "DescribeVolumes", "DescribeInstances", "DescribeAddresses", limit=3):
    found = unused_mod.find_unused(ec2)
expected[-1:] = [Finding("volume", root["Ebs"]["VolumeId"], Decimal("0.80")), Finding("stopped-instance", bare, Decimal(0))]
assert found == expected, f"a stopped instance with no disk left is still listed, at 0: {found}"
reset(MOTO)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "every-volume"}
"""Milestone 3: unused resources on AWS, read through boto3."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from costopt.models import EBS_USD_PER_GB_MONTH, IDLE_ADDRESS_USD_PER_MONTH, Finding

NOTHING = Decimal(0)


def volume_cost(volume: dict[str, Any]) -> Decimal:
    """A volume's monthly price: its size in GiB times its type's price."""
    return volume["Size"] * EBS_USD_PER_GB_MONTH[volume["VolumeType"]]


def find_unused(ec2: Any) -> list[Finding]:
    """Idle volumes, stopped instances and idle addresses, biggest waste first."""
    volumes = [v for page in ec2.get_paginator("describe_volumes").paginate() for v in page["Volumes"]]
    findings = [Finding("volume", v["VolumeId"], volume_cost(v)) for v in volumes]
    disks: dict[str, Decimal] = {}
    for volume in volumes:
        for attachment in volume["Attachments"]:
            owner = attachment["InstanceId"]
            disks[owner] = disks.get(owner, Decimal(0)) + volume_cost(volume)
    for page in ec2.get_paginator("describe_instances").paginate():
        for reservation in page["Reservations"]:
            for instance in reservation["Instances"]:
                if instance["State"]["Name"] == "stopped":
                    found = Finding("stopped-instance", instance["InstanceId"], disks.get(instance["InstanceId"], NOTHING))
                    findings.append(found)
    for address in ec2.describe_addresses()["Addresses"]:
        if "AssociationId" not in address:
            findings.append(Finding("address", address["AllocationId"], IDLE_ADDRESS_USD_PER_MONTH))
    return sorted(findings, key=lambda f: (-f.monthly_usd, f.kind, f.resource))

# %% course={"kind": "wrong", "id": "address-without-instance"}
"""Milestone 3: unused resources on AWS, read through boto3."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from costopt.models import EBS_USD_PER_GB_MONTH, IDLE_ADDRESS_USD_PER_MONTH, Finding

NOTHING = Decimal(0)


def volume_cost(volume: dict[str, Any]) -> Decimal:
    """A volume's monthly price: its size in GiB times its type's price."""
    return volume["Size"] * EBS_USD_PER_GB_MONTH[volume["VolumeType"]]


def find_unused(ec2: Any) -> list[Finding]:
    """Idle volumes, stopped instances and idle addresses, biggest waste first."""
    volumes = [v for page in ec2.get_paginator("describe_volumes").paginate() for v in page["Volumes"]]
    findings = [Finding("volume", v["VolumeId"], volume_cost(v)) for v in volumes if v["State"] == "available"]
    disks: dict[str, Decimal] = {}
    for volume in volumes:
        for attachment in volume["Attachments"]:
            owner = attachment["InstanceId"]
            disks[owner] = disks.get(owner, Decimal(0)) + volume_cost(volume)
    for page in ec2.get_paginator("describe_instances").paginate():
        for reservation in page["Reservations"]:
            for instance in reservation["Instances"]:
                if instance["State"]["Name"] == "stopped":
                    found = Finding("stopped-instance", instance["InstanceId"], disks.get(instance["InstanceId"], NOTHING))
                    findings.append(found)
    for address in ec2.describe_addresses()["Addresses"]:
        if not address.get("InstanceId"):
            findings.append(Finding("address", address["AllocationId"], IDLE_ADDRESS_USD_PER_MONTH))
    return sorted(findings, key=lambda f: (-f.monthly_usd, f.kind, f.resource))

# %% course={"kind": "wrong", "id": "stopped-costs-nothing"}
"""Milestone 3: unused resources on AWS, read through boto3."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from costopt.models import EBS_USD_PER_GB_MONTH, IDLE_ADDRESS_USD_PER_MONTH, Finding

NOTHING = Decimal(0)


def volume_cost(volume: dict[str, Any]) -> Decimal:
    """A volume's monthly price: its size in GiB times its type's price."""
    return volume["Size"] * EBS_USD_PER_GB_MONTH[volume["VolumeType"]]


def find_unused(ec2: Any) -> list[Finding]:
    """Idle volumes, stopped instances and idle addresses, biggest waste first."""
    volumes = [v for page in ec2.get_paginator("describe_volumes").paginate() for v in page["Volumes"]]
    findings = [Finding("volume", v["VolumeId"], volume_cost(v)) for v in volumes if v["State"] == "available"]
    disks: dict[str, Decimal] = {}
    for volume in volumes:
        for attachment in volume["Attachments"]:
            owner = attachment["InstanceId"]
            disks[owner] = disks.get(owner, Decimal(0)) + volume_cost(volume)
    for page in ec2.get_paginator("describe_instances").paginate():
        for reservation in page["Reservations"]:
            for instance in reservation["Instances"]:
                if instance["State"]["Name"] == "stopped":
                    found = Finding("stopped-instance", instance["InstanceId"], NOTHING)
                    findings.append(found)
    for address in ec2.describe_addresses()["Addresses"]:
        if "AssociationId" not in address:
            findings.append(Finding("address", address["AllocationId"], IDLE_ADDRESS_USD_PER_MONTH))
    return sorted(findings, key=lambda f: (-f.monthly_usd, f.kind, f.resource))

# %% course={"kind": "wrong", "id": "cheapest-first"}
"""Milestone 3: unused resources on AWS, read through boto3."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from costopt.models import EBS_USD_PER_GB_MONTH, IDLE_ADDRESS_USD_PER_MONTH, Finding

NOTHING = Decimal(0)


def volume_cost(volume: dict[str, Any]) -> Decimal:
    """A volume's monthly price: its size in GiB times its type's price."""
    return volume["Size"] * EBS_USD_PER_GB_MONTH[volume["VolumeType"]]


def find_unused(ec2: Any) -> list[Finding]:
    """Idle volumes, stopped instances and idle addresses, biggest waste first."""
    volumes = [v for page in ec2.get_paginator("describe_volumes").paginate() for v in page["Volumes"]]
    findings = [Finding("volume", v["VolumeId"], volume_cost(v)) for v in volumes if v["State"] == "available"]
    disks: dict[str, Decimal] = {}
    for volume in volumes:
        for attachment in volume["Attachments"]:
            owner = attachment["InstanceId"]
            disks[owner] = disks.get(owner, Decimal(0)) + volume_cost(volume)
    for page in ec2.get_paginator("describe_instances").paginate():
        for reservation in page["Reservations"]:
            for instance in reservation["Instances"]:
                if instance["State"]["Name"] == "stopped":
                    found = Finding("stopped-instance", instance["InstanceId"], disks.get(instance["InstanceId"], NOTHING))
                    findings.append(found)
    for address in ec2.describe_addresses()["Addresses"]:
        if "AssociationId" not in address:
            findings.append(Finding("address", address["AllocationId"], IDLE_ADDRESS_USD_PER_MONTH))
    return sorted(findings, key=lambda f: (f.monthly_usd, f.kind, f.resource))

# %% course={"kind": "wrong", "id": "volumes-per-instance"}
"""Milestone 3: unused resources on AWS, read through boto3."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from costopt.models import EBS_USD_PER_GB_MONTH, IDLE_ADDRESS_USD_PER_MONTH, Finding

NOTHING = Decimal(0)


def volume_cost(volume: dict[str, Any]) -> Decimal:
    """A volume's monthly price: its size in GiB times its type's price."""
    return volume["Size"] * EBS_USD_PER_GB_MONTH[volume["VolumeType"]]


def find_unused(ec2: Any) -> list[Finding]:
    """Idle volumes, stopped instances and idle addresses, biggest waste first."""
    volumes = [v for page in ec2.get_paginator("describe_volumes").paginate() for v in page["Volumes"]]
    findings = [Finding("volume", v["VolumeId"], volume_cost(v)) for v in volumes if v["State"] == "available"]
    disks: dict[str, Decimal] = {}
    for volume in volumes:
        for attachment in volume["Attachments"]:
            owner = attachment["InstanceId"]
            disks[owner] = disks.get(owner, Decimal(0)) + volume_cost(volume)
    for page in ec2.get_paginator("describe_instances").paginate():
        for reservation in page["Reservations"]:
            for instance in reservation["Instances"]:
                if instance["State"]["Name"] == "stopped":
                    mine = ec2.describe_volumes(Filters=[{"Name": "attachment.instance-id", "Values": [instance["InstanceId"]]}])["Volumes"]
                    found = Finding("stopped-instance", instance["InstanceId"], sum((volume_cost(v) for v in mine), Decimal(0)))
                    findings.append(found)
    for address in ec2.describe_addresses()["Addresses"]:
        if "AssociationId" not in address:
            findings.append(Finding("address", address["AllocationId"], IDLE_ADDRESS_USD_PER_MONTH))
    return sorted(findings, key=lambda f: (-f.monthly_usd, f.kind, f.resource))

# %% course={"kind": "wrong", "id": "sorted-all-reversed"}
"""Milestone 3: unused resources on AWS, read through boto3."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from costopt.models import EBS_USD_PER_GB_MONTH, IDLE_ADDRESS_USD_PER_MONTH, Finding

NOTHING = Decimal(0)


def volume_cost(volume: dict[str, Any]) -> Decimal:
    """A volume's monthly price: its size in GiB times its type's price."""
    return volume["Size"] * EBS_USD_PER_GB_MONTH[volume["VolumeType"]]


def find_unused(ec2: Any) -> list[Finding]:
    """Idle volumes, stopped instances and idle addresses, biggest waste first."""
    volumes = [v for page in ec2.get_paginator("describe_volumes").paginate() for v in page["Volumes"]]
    findings = [Finding("volume", v["VolumeId"], volume_cost(v)) for v in volumes if v["State"] == "available"]
    disks: dict[str, Decimal] = {}
    for volume in volumes:
        for attachment in volume["Attachments"]:
            owner = attachment["InstanceId"]
            disks[owner] = disks.get(owner, Decimal(0)) + volume_cost(volume)
    for page in ec2.get_paginator("describe_instances").paginate():
        for reservation in page["Reservations"]:
            for instance in reservation["Instances"]:
                if instance["State"]["Name"] == "stopped":
                    found = Finding("stopped-instance", instance["InstanceId"], disks.get(instance["InstanceId"], NOTHING))
                    findings.append(found)
    for address in ec2.describe_addresses()["Addresses"]:
        if "AssociationId" not in address:
            findings.append(Finding("address", address["AllocationId"], IDLE_ADDRESS_USD_PER_MONTH))
    return sorted(findings, key=lambda f: (f.monthly_usd, f.kind, f.resource), reverse=True)

# %% course={"kind": "wrong", "id": "stopped-with-disks-only"}
"""Milestone 3: unused resources on AWS, read through boto3."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from costopt.models import EBS_USD_PER_GB_MONTH, IDLE_ADDRESS_USD_PER_MONTH, Finding

NOTHING = Decimal(0)


def volume_cost(volume: dict[str, Any]) -> Decimal:
    """A volume's monthly price: its size in GiB times its type's price."""
    return volume["Size"] * EBS_USD_PER_GB_MONTH[volume["VolumeType"]]


def find_unused(ec2: Any) -> list[Finding]:
    """Idle volumes, stopped instances and idle addresses, biggest waste first."""
    volumes = [v for page in ec2.get_paginator("describe_volumes").paginate() for v in page["Volumes"]]
    findings = [Finding("volume", v["VolumeId"], volume_cost(v)) for v in volumes if v["State"] == "available"]
    disks: dict[str, Decimal] = {}
    for volume in volumes:
        for attachment in volume["Attachments"]:
            owner = attachment["InstanceId"]
            disks[owner] = disks.get(owner, Decimal(0)) + volume_cost(volume)
    for page in ec2.get_paginator("describe_instances").paginate():
        for reservation in page["Reservations"]:
            for instance in reservation["Instances"]:
                if instance["State"]["Name"] == "stopped" and instance["InstanceId"] in disks:
                    found = Finding("stopped-instance", instance["InstanceId"], disks.get(instance["InstanceId"], NOTHING))
                    findings.append(found)
    for address in ec2.describe_addresses()["Addresses"]:
        if "AssociationId" not in address:
            findings.append(Finding("address", address["AllocationId"], IDLE_ADDRESS_USD_PER_MONTH))
    return sorted(findings, key=lambda f: (-f.monthly_usd, f.kind, f.resource))

# %% [markdown] course={"kind": "exercise", "id": "rightsize", "item": "f-rightsizing-recommendations"}
# ### Milestone 4: rightsizing and reserved-instance break-even
#
# Write `costopt/rightsize.py`:
#
# - `percentile(values, p)`: the nearest-rank percentile: sort, take the value at rank `ceil(p * n / 100)`
#   (1-based; rank at least 1). `ValueError` for no values. `percentile([5, 1, 3, 2, 4], 95) == 5`,
#   `percentile([5, 1, 3, 2, 4], 40) == 2`.
# - `rightsize(resource, current, cpu, memory_gib, catalog=CATALOG, min_samples=24)`: `current` is an
#   instance type's name in `catalog` (`ValueError` when it is not), `cpu` the CPU samples in percent of the
#   current type, `memory_gib` the memory samples in GiB (`Decimal`). With fewer than `min_samples` samples
#   in either list, `None` (not enough data to act on). Otherwise the need is the 95th percentile: CPU need
#   in vCPUs is `p95(cpu) * current.vcpus / 100`, memory need `p95(memory_gib)`. A type *fits* when the
#   need is at most 80 % of its vCPUs and at most 80 % of its memory (headroom). Suggest the cheapest type
#   that fits (ties: by name); return `Recommendation(resource, current, suggested, saving)` with the monthly
#   saving `(current - suggested hourly price) * HOURS_PER_MONTH` rounded to cents (`ROUND_HALF_UP`), or
#   `None` when nothing that fits is cheaper than the current type.
# - `break_even_month(upfront, reserved_hourly, on_demand_hourly, utilisation=Decimal(1), term_months=12)`:
#   a reservation costs `upfront` once and `reserved_hourly` for every hour of the month (used or not);
#   on demand costs `on_demand_hourly` for the hours used (`utilisation` of the month). Return the first
#   month `m` (1 to `term_months`) at whose end the on-demand total is at least the reservation's total,
#   `None` when that never happens within the term.
#
# Example: an `m5.xlarge` whose CPU p95 is 16 % needs 0.64 vCPU; with a memory p95 of 3.8 GiB the cheapest
# fit is `m5.large`: `Recommendation("i-0web", "m5.xlarge", "m5.large", Decimal("70.08"))`.

# %% [markdown] course={"kind": "hint"}
# Keep everything `Decimal`: `Decimal(p95_cpu) * current.vcpus / 100 <= Decimal("0.8") * t.vcpus`.

# %% [markdown] course={"kind": "hint"}
# `min(fits, key=lambda t: (t.hourly_usd, t.name))`; a loop over months with `return month` inside and
# `return None` after it is all the break-even needs.

# %% course={"kind": "solution", "file": "23.5-costopt/costopt/rightsize.py"}
"""Milestone 4: rightsizing from utilisation percentiles; reserved-instance break-even."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from costopt.models import CATALOG, HOURS_PER_MONTH, InstanceType, Recommendation

HEADROOM = Decimal("0.8")
CENT = Decimal("0.01")


def percentile(values: Sequence[Decimal | int], p: int) -> Decimal | int:
    """The nearest-rank p-th percentile of values."""
    ### BEGIN SOLUTION
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = max(math.ceil(p * len(ordered) / 100), 1)
    return ordered[rank - 1]
    ### END SOLUTION


def rightsize(
    resource: str,
    current: str,
    cpu: Sequence[Decimal | int],
    memory_gib: Sequence[Decimal],
    catalog: Sequence[InstanceType] = CATALOG,
    min_samples: int = 24,
) -> Recommendation | None:
    """The cheapest type with 20 % headroom over the p95 need, if it saves money."""
    ### BEGIN SOLUTION
    types = {t.name: t for t in catalog}
    if current not in types:
        raise ValueError(f"unknown instance type {current!r}")
    if min(len(cpu), len(memory_gib)) < min_samples:
        return None
    now = types[current]
    need_cpu = Decimal(percentile(cpu, 95)) * now.vcpus / 100
    need_memory = percentile(memory_gib, 95)
    fits = [t for t in catalog if need_cpu <= HEADROOM * t.vcpus and need_memory <= HEADROOM * t.memory_gib]
    if not fits:
        return None
    best = min(fits, key=lambda t: (t.hourly_usd, t.name))
    if best.hourly_usd >= now.hourly_usd:
        return None
    saving = ((now.hourly_usd - best.hourly_usd) * HOURS_PER_MONTH).quantize(CENT, ROUND_HALF_UP)
    return Recommendation(resource, current, best.name, saving)
    ### END SOLUTION


def break_even_month(
    upfront: Decimal,
    reserved_hourly: Decimal,
    on_demand_hourly: Decimal,
    utilisation: Decimal = Decimal(1),
    term_months: int = 12,
) -> int | None:
    """The first month at whose end the reservation has paid for itself, or None."""
    ### BEGIN SOLUTION
    on_demand = on_demand_hourly * HOURS_PER_MONTH * utilisation
    reserved = reserved_hourly * HOURS_PER_MONTH
    for month in range(1, term_months + 1):
        if on_demand * month >= upfront + reserved * month:
            return month
    return None
    ### END SOLUTION


# %% course={"kind": "test", "points": 1, "id": "percentile"}
rs = repo.load("costopt.rightsize")
assert rs.percentile([5, 1, 3, 2, 4], 95) == 5 and rs.percentile([5, 1, 3, 2, 4], 40) == 2
assert rs.percentile([7], 50) == 7 and rs.percentile([3, 1, 2], 0) == 1 and rs.percentile([3, 1, 2], 100) == 3
assert rs.percentile(list(range(101)), 1) == 1 and rs.percentile(list(range(100, 0, -1)), 95) == 95 and rs.percentile(list(range(1, 21)), 95) == 19
try:
    rs.percentile([], 95)
except ValueError:
    pass
else:
    raise AssertionError("no values: ValueError")

# %% course={"kind": "test", "points": 2, "id": "rightsize"}
Rcm = rs.Recommendation
flat = lambda x, n=48: [x] * n
mem = lambda x, n=48: [Decimal(x)] * n
assert rs.rightsize("i-0web", "m5.xlarge", [10 + h % 7 for h in range(48)], [Decimal(3) + Decimal(h % 5) / 5 for h in range(48)]) == Rcm("i-0web", "m5.xlarge", "m5.large", Decimal("70.08"))
assert rs.rightsize("i-1", "m5.xlarge", flat(10), mem("3.2")) == Rcm("i-1", "m5.xlarge", "t3.medium", Decimal("109.79")), "3.2 GiB is 80 % of 4 GiB: it fits"
assert rs.rightsize("i-1", "m5.xlarge", flat(10), mem("3.21")) == Rcm("i-1", "m5.xlarge", "m5.large", Decimal("70.08"))
assert rs.rightsize("i-2", "c5.large", [60 + h % 30 for h in range(48)], mem("3")) is None, "needs more than 1.6 vCPU: nothing cheaper fits"
assert rs.rightsize("i-3", "m5.xlarge", flat(10, 23), mem("1")) is None, "23 samples are not enough"
### BEGIN HIDDEN TESTS
assert rs.rightsize("i-3", "m5.xlarge", flat(10, 24), mem("1", 24)) == Rcm("i-3", "m5.xlarge", "t3.small", Decimal("124.98"))
assert rs.rightsize("i-3", "m5.xlarge", flat(10, 30), mem("1", 23)) is None
assert rs.rightsize("i-4", "m5.2xlarge", flat(20), mem("1.6")) == Rcm("i-4", "m5.2xlarge", "t3.small", Decimal("265.14")), "1.6 vCPU is 80 % of 2"
assert rs.rightsize("i-4", "m5.2xlarge", flat(21), mem("1.6")) == Rcm("i-4", "m5.2xlarge", "c5.xlarge", Decimal("156.22"))
assert rs.rightsize("i-10", "m5.large", flat(Decimal("80.5")), mem("1")) is None, "1.61 vCPU is more than 80 % of 2"
small = Rcm("i-11", "m5.xlarge", "t3.small", Decimal("124.98"))
bigger = Rcm("i-11", "m5.xlarge", "c5.xlarge", Decimal("16.06"))
assert rs.rightsize("i-11", "m5.xlarge", [10] * 90 + [40] * 5 + [41] * 5, mem("1", 100)) == small, "the 95th of 100 samples is the 95th value"
assert rs.rightsize("i-11", "m5.xlarge", [10] * 90 + [40] * 4 + [41] * 6, mem("1", 100)) == bigger
assert rs.rightsize("i-11", "m5.xlarge", flat(10, 100), [Decimal(1)] * 95 + [Decimal("1.7")] * 5) == small
assert rs.rightsize("i-11", "m5.xlarge", flat(10, 100), [Decimal(1)] * 94 + [Decimal("1.7")] * 6) == Rcm("i-11", "m5.xlarge", "t3.medium", Decimal("109.79"))
assert rs.rightsize("i-5", "t3.small", flat(50), mem("1")) is None, "already the cheapest"
assert rs.rightsize("i-6", "m5.large", flat(5) + [100, 100], mem("1")) == Rcm("i-6", "m5.large", "t3.small", Decimal("54.90")), "two spikes in 50 are above the p95"
same = rs.InstanceType("z.alt", 2, 2, Decimal("0.0208"))
assert rs.rightsize("i-7", "m5.large", flat(5), mem("1"), catalog=(rs.CATALOG[0], same, rs.CATALOG[-1])).suggested == "t3.small", "ties: by name"
assert rs.rightsize("i-8", "m5.large", flat(100), mem("30"), catalog=rs.CATALOG[:1]) is None
nearly = (rs.CATALOG[0], rs.InstanceType("m5.cheap", 2, 8, Decimal("0.0955")))
assert rs.rightsize("i-12", "m5.large", flat(5), mem("1"), catalog=nearly) == Rcm("i-12", "m5.large", "m5.cheap", Decimal("0.37")), "0.0005 * 730 = 0.365: ROUND_HALF_UP gives 0.37"
try:
    rs.rightsize("i-9", "x9.huge", flat(5), mem("1"))
except ValueError:
    pass
else:
    raise AssertionError("an unknown current type: ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1, "id": "break-even"}
assert rs.break_even_month(Decimal(0), Decimal("0.06"), Decimal("0.10")) == 1
assert rs.break_even_month(Decimal("500"), Decimal("0.03"), Decimal("0.10")) == 10, "500 / (0.07 * 730) = 9.8 months"
assert rs.break_even_month(Decimal("500"), Decimal("0.03"), Decimal("0.10"), utilisation=Decimal("0.5")) is None
### BEGIN HIDDEN TESTS
assert rs.break_even_month(Decimal("511"), Decimal("0.03"), Decimal("0.10")) == 10, "exactly even at month 10 counts"
assert rs.break_even_month(Decimal("511.01"), Decimal("0.03"), Decimal("0.10")) == 11
assert rs.break_even_month(Decimal("511"), Decimal("0.03"), Decimal("0.10"), term_months=9) is None
assert rs.break_even_month(Decimal("511"), Decimal("0.03"), Decimal("0.10"), term_months=10) == 10
assert rs.break_even_month(Decimal("100"), Decimal("0.05"), Decimal("0.10"), utilisation=Decimal("0.6"), term_months=36) == 14
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "mean-not-p95"}
"""Milestone 4: rightsizing from utilisation percentiles; reserved-instance break-even."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from costopt.models import CATALOG, HOURS_PER_MONTH, InstanceType, Recommendation

HEADROOM = Decimal("0.8")
CENT = Decimal("0.01")


def percentile(values: Sequence[Decimal | int], p: int) -> Decimal | int:
    """The nearest-rank p-th percentile of values."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = max(math.ceil(p * len(ordered) / 100), 1)
    return ordered[rank - 1]


def rightsize(
    resource: str,
    current: str,
    cpu: Sequence[Decimal | int],
    memory_gib: Sequence[Decimal],
    catalog: Sequence[InstanceType] = CATALOG,
    min_samples: int = 24,
) -> Recommendation | None:
    """The cheapest type with 20 % headroom over the p95 need, if it saves money."""
    types = {t.name: t for t in catalog}
    if current not in types:
        raise ValueError(f"unknown instance type {current!r}")
    if min(len(cpu), len(memory_gib)) < min_samples:
        return None
    now = types[current]
    need_cpu = Decimal(sum(cpu)) / len(cpu) * now.vcpus / 100
    need_memory = percentile(memory_gib, 95)
    fits = [t for t in catalog if need_cpu <= HEADROOM * t.vcpus and need_memory <= HEADROOM * t.memory_gib]
    if not fits:
        return None
    best = min(fits, key=lambda t: (t.hourly_usd, t.name))
    if best.hourly_usd >= now.hourly_usd:
        return None
    saving = ((now.hourly_usd - best.hourly_usd) * HOURS_PER_MONTH).quantize(CENT, ROUND_HALF_UP)
    return Recommendation(resource, current, best.name, saving)


def break_even_month(
    upfront: Decimal,
    reserved_hourly: Decimal,
    on_demand_hourly: Decimal,
    utilisation: Decimal = Decimal(1),
    term_months: int = 12,
) -> int | None:
    """The first month at whose end the reservation has paid for itself, or None."""
    on_demand = on_demand_hourly * HOURS_PER_MONTH * utilisation
    reserved = reserved_hourly * HOURS_PER_MONTH
    for month in range(1, term_months + 1):
        if on_demand * month >= upfront + reserved * month:
            return month
    return None

# %% course={"kind": "wrong", "id": "no-headroom"}
"""Milestone 4: rightsizing from utilisation percentiles; reserved-instance break-even."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from costopt.models import CATALOG, HOURS_PER_MONTH, InstanceType, Recommendation

HEADROOM = Decimal("0.8")
CENT = Decimal("0.01")


def percentile(values: Sequence[Decimal | int], p: int) -> Decimal | int:
    """The nearest-rank p-th percentile of values."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = max(math.ceil(p * len(ordered) / 100), 1)
    return ordered[rank - 1]


def rightsize(
    resource: str,
    current: str,
    cpu: Sequence[Decimal | int],
    memory_gib: Sequence[Decimal],
    catalog: Sequence[InstanceType] = CATALOG,
    min_samples: int = 24,
) -> Recommendation | None:
    """The cheapest type with 20 % headroom over the p95 need, if it saves money."""
    types = {t.name: t for t in catalog}
    if current not in types:
        raise ValueError(f"unknown instance type {current!r}")
    if min(len(cpu), len(memory_gib)) < min_samples:
        return None
    now = types[current]
    need_cpu = Decimal(percentile(cpu, 95)) * now.vcpus / 100
    need_memory = percentile(memory_gib, 95)
    fits = [t for t in catalog if need_cpu <= t.vcpus and need_memory <= t.memory_gib]
    if not fits:
        return None
    best = min(fits, key=lambda t: (t.hourly_usd, t.name))
    if best.hourly_usd >= now.hourly_usd:
        return None
    saving = ((now.hourly_usd - best.hourly_usd) * HOURS_PER_MONTH).quantize(CENT, ROUND_HALF_UP)
    return Recommendation(resource, current, best.name, saving)


def break_even_month(
    upfront: Decimal,
    reserved_hourly: Decimal,
    on_demand_hourly: Decimal,
    utilisation: Decimal = Decimal(1),
    term_months: int = 12,
) -> int | None:
    """The first month at whose end the reservation has paid for itself, or None."""
    on_demand = on_demand_hourly * HOURS_PER_MONTH * utilisation
    reserved = reserved_hourly * HOURS_PER_MONTH
    for month in range(1, term_months + 1):
        if on_demand * month >= upfront + reserved * month:
            return month
    return None

# %% course={"kind": "wrong", "id": "percentile-off-by-one"}
"""Milestone 4: rightsizing from utilisation percentiles; reserved-instance break-even."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from costopt.models import CATALOG, HOURS_PER_MONTH, InstanceType, Recommendation

HEADROOM = Decimal("0.8")
CENT = Decimal("0.01")


def percentile(values: Sequence[Decimal | int], p: int) -> Decimal | int:
    """The nearest-rank p-th percentile of values."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    return ordered[int(p * len(ordered) / 100) - 1]


def rightsize(
    resource: str,
    current: str,
    cpu: Sequence[Decimal | int],
    memory_gib: Sequence[Decimal],
    catalog: Sequence[InstanceType] = CATALOG,
    min_samples: int = 24,
) -> Recommendation | None:
    """The cheapest type with 20 % headroom over the p95 need, if it saves money."""
    types = {t.name: t for t in catalog}
    if current not in types:
        raise ValueError(f"unknown instance type {current!r}")
    if min(len(cpu), len(memory_gib)) < min_samples:
        return None
    now = types[current]
    need_cpu = Decimal(percentile(cpu, 95)) * now.vcpus / 100
    need_memory = percentile(memory_gib, 95)
    fits = [t for t in catalog if need_cpu <= HEADROOM * t.vcpus and need_memory <= HEADROOM * t.memory_gib]
    if not fits:
        return None
    best = min(fits, key=lambda t: (t.hourly_usd, t.name))
    if best.hourly_usd >= now.hourly_usd:
        return None
    saving = ((now.hourly_usd - best.hourly_usd) * HOURS_PER_MONTH).quantize(CENT, ROUND_HALF_UP)
    return Recommendation(resource, current, best.name, saving)


def break_even_month(
    upfront: Decimal,
    reserved_hourly: Decimal,
    on_demand_hourly: Decimal,
    utilisation: Decimal = Decimal(1),
    term_months: int = 12,
) -> int | None:
    """The first month at whose end the reservation has paid for itself, or None."""
    on_demand = on_demand_hourly * HOURS_PER_MONTH * utilisation
    reserved = reserved_hourly * HOURS_PER_MONTH
    for month in range(1, term_months + 1):
        if on_demand * month >= upfront + reserved * month:
            return month
    return None

# %% course={"kind": "wrong", "id": "reserved-by-usage"}
"""Milestone 4: rightsizing from utilisation percentiles; reserved-instance break-even."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from costopt.models import CATALOG, HOURS_PER_MONTH, InstanceType, Recommendation

HEADROOM = Decimal("0.8")
CENT = Decimal("0.01")


def percentile(values: Sequence[Decimal | int], p: int) -> Decimal | int:
    """The nearest-rank p-th percentile of values."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = max(math.ceil(p * len(ordered) / 100), 1)
    return ordered[rank - 1]


def rightsize(
    resource: str,
    current: str,
    cpu: Sequence[Decimal | int],
    memory_gib: Sequence[Decimal],
    catalog: Sequence[InstanceType] = CATALOG,
    min_samples: int = 24,
) -> Recommendation | None:
    """The cheapest type with 20 % headroom over the p95 need, if it saves money."""
    types = {t.name: t for t in catalog}
    if current not in types:
        raise ValueError(f"unknown instance type {current!r}")
    if min(len(cpu), len(memory_gib)) < min_samples:
        return None
    now = types[current]
    need_cpu = Decimal(percentile(cpu, 95)) * now.vcpus / 100
    need_memory = percentile(memory_gib, 95)
    fits = [t for t in catalog if need_cpu <= HEADROOM * t.vcpus and need_memory <= HEADROOM * t.memory_gib]
    if not fits:
        return None
    best = min(fits, key=lambda t: (t.hourly_usd, t.name))
    if best.hourly_usd >= now.hourly_usd:
        return None
    saving = ((now.hourly_usd - best.hourly_usd) * HOURS_PER_MONTH).quantize(CENT, ROUND_HALF_UP)
    return Recommendation(resource, current, best.name, saving)


def break_even_month(
    upfront: Decimal,
    reserved_hourly: Decimal,
    on_demand_hourly: Decimal,
    utilisation: Decimal = Decimal(1),
    term_months: int = 12,
) -> int | None:
    """The first month at whose end the reservation has paid for itself, or None."""
    on_demand = on_demand_hourly * HOURS_PER_MONTH * utilisation
    reserved = reserved_hourly * HOURS_PER_MONTH * utilisation
    for month in range(1, term_months + 1):
        if on_demand * month >= upfront + reserved * month:
            return month
    return None

# %% course={"kind": "wrong", "id": "cpu-only"}
"""Milestone 4: rightsizing from utilisation percentiles; reserved-instance break-even."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from costopt.models import CATALOG, HOURS_PER_MONTH, InstanceType, Recommendation

HEADROOM = Decimal("0.8")
CENT = Decimal("0.01")


def percentile(values: Sequence[Decimal | int], p: int) -> Decimal | int:
    """The nearest-rank p-th percentile of values."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = max(math.ceil(p * len(ordered) / 100), 1)
    return ordered[rank - 1]


def rightsize(
    resource: str,
    current: str,
    cpu: Sequence[Decimal | int],
    memory_gib: Sequence[Decimal],
    catalog: Sequence[InstanceType] = CATALOG,
    min_samples: int = 24,
) -> Recommendation | None:
    """The cheapest type with 20 % headroom over the p95 need, if it saves money."""
    types = {t.name: t for t in catalog}
    if current not in types:
        raise ValueError(f"unknown instance type {current!r}")
    if min(len(cpu), len(memory_gib)) < min_samples:
        return None
    now = types[current]
    need_cpu = Decimal(percentile(cpu, 95)) * now.vcpus / 100
    need_memory = percentile(memory_gib, 95)
    fits = [t for t in catalog if need_cpu <= HEADROOM * t.vcpus]
    if not fits:
        return None
    best = min(fits, key=lambda t: (t.hourly_usd, t.name))
    if best.hourly_usd >= now.hourly_usd:
        return None
    saving = ((now.hourly_usd - best.hourly_usd) * HOURS_PER_MONTH).quantize(CENT, ROUND_HALF_UP)
    return Recommendation(resource, current, best.name, saving)


def break_even_month(
    upfront: Decimal,
    reserved_hourly: Decimal,
    on_demand_hourly: Decimal,
    utilisation: Decimal = Decimal(1),
    term_months: int = 12,
) -> int | None:
    """The first month at whose end the reservation has paid for itself, or None."""
    on_demand = on_demand_hourly * HOURS_PER_MONTH * utilisation
    reserved = reserved_hourly * HOURS_PER_MONTH
    for month in range(1, term_months + 1):
        if on_demand * month >= upfront + reserved * month:
            return month
    return None

# %% course={"kind": "wrong", "id": "saving-half-even"}
"""Milestone 4: rightsizing from utilisation percentiles; reserved-instance break-even."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from costopt.models import CATALOG, HOURS_PER_MONTH, InstanceType, Recommendation

HEADROOM = Decimal("0.8")
CENT = Decimal("0.01")


def percentile(values: Sequence[Decimal | int], p: int) -> Decimal | int:
    """The nearest-rank p-th percentile of values."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = max(math.ceil(p * len(ordered) / 100), 1)
    return ordered[rank - 1]


def rightsize(
    resource: str,
    current: str,
    cpu: Sequence[Decimal | int],
    memory_gib: Sequence[Decimal],
    catalog: Sequence[InstanceType] = CATALOG,
    min_samples: int = 24,
) -> Recommendation | None:
    """The cheapest type with 20 % headroom over the p95 need, if it saves money."""
    types = {t.name: t for t in catalog}
    if current not in types:
        raise ValueError(f"unknown instance type {current!r}")
    if min(len(cpu), len(memory_gib)) < min_samples:
        return None
    now = types[current]
    need_cpu = Decimal(percentile(cpu, 95)) * now.vcpus / 100
    need_memory = percentile(memory_gib, 95)
    fits = [t for t in catalog if need_cpu <= HEADROOM * t.vcpus and need_memory <= HEADROOM * t.memory_gib]
    if not fits:
        return None
    best = min(fits, key=lambda t: (t.hourly_usd, t.name))
    if best.hourly_usd >= now.hourly_usd:
        return None
    saving = ((now.hourly_usd - best.hourly_usd) * HOURS_PER_MONTH).quantize(CENT)
    return Recommendation(resource, current, best.name, saving)


def break_even_month(
    upfront: Decimal,
    reserved_hourly: Decimal,
    on_demand_hourly: Decimal,
    utilisation: Decimal = Decimal(1),
    term_months: int = 12,
) -> int | None:
    """The first month at whose end the reservation has paid for itself, or None."""
    on_demand = on_demand_hourly * HOURS_PER_MONTH * utilisation
    reserved = reserved_hourly * HOURS_PER_MONTH
    for month in range(1, term_months + 1):
        if on_demand * month >= upfront + reserved * month:
            return month
    return None

# %% course={"kind": "wrong", "id": "headroom-times-1.2"}
"""Milestone 4: rightsizing from utilisation percentiles; reserved-instance break-even."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from costopt.models import CATALOG, HOURS_PER_MONTH, InstanceType, Recommendation

HEADROOM = Decimal("0.8")
CENT = Decimal("0.01")


def percentile(values: Sequence[Decimal | int], p: int) -> Decimal | int:
    """The nearest-rank p-th percentile of values."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = max(math.ceil(p * len(ordered) / 100), 1)
    return ordered[rank - 1]


def rightsize(
    resource: str,
    current: str,
    cpu: Sequence[Decimal | int],
    memory_gib: Sequence[Decimal],
    catalog: Sequence[InstanceType] = CATALOG,
    min_samples: int = 24,
) -> Recommendation | None:
    """The cheapest type with 20 % headroom over the p95 need, if it saves money."""
    types = {t.name: t for t in catalog}
    if current not in types:
        raise ValueError(f"unknown instance type {current!r}")
    if min(len(cpu), len(memory_gib)) < min_samples:
        return None
    now = types[current]
    need_cpu = Decimal(percentile(cpu, 95)) * now.vcpus / 100
    need_memory = percentile(memory_gib, 95)
    fits = [t for t in catalog if need_cpu * Decimal("1.2") <= t.vcpus and need_memory * Decimal("1.2") <= t.memory_gib]
    if not fits:
        return None
    best = min(fits, key=lambda t: (t.hourly_usd, t.name))
    if best.hourly_usd >= now.hourly_usd:
        return None
    saving = ((now.hourly_usd - best.hourly_usd) * HOURS_PER_MONTH).quantize(CENT, ROUND_HALF_UP)
    return Recommendation(resource, current, best.name, saving)


def break_even_month(
    upfront: Decimal,
    reserved_hourly: Decimal,
    on_demand_hourly: Decimal,
    utilisation: Decimal = Decimal(1),
    term_months: int = 12,
) -> int | None:
    """The first month at whose end the reservation has paid for itself, or None."""
    on_demand = on_demand_hourly * HOURS_PER_MONTH * utilisation
    reserved = reserved_hourly * HOURS_PER_MONTH
    for month in range(1, term_months + 1):
        if on_demand * month >= upfront + reserved * month:
            return month
    return None

# %% course={"kind": "wrong", "id": "percentile-rounded-rank"}
"""Milestone 4: rightsizing from utilisation percentiles; reserved-instance break-even."""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from costopt.models import CATALOG, HOURS_PER_MONTH, InstanceType, Recommendation

HEADROOM = Decimal("0.8")
CENT = Decimal("0.01")


def percentile(values: Sequence[Decimal | int], p: int) -> Decimal | int:
    """The nearest-rank p-th percentile of values."""
    if not values:
        raise ValueError("percentile of no values")
    ordered = sorted(values)
    rank = max(round(p * len(ordered) / 100), 1)
    return ordered[rank - 1]


def rightsize(
    resource: str,
    current: str,
    cpu: Sequence[Decimal | int],
    memory_gib: Sequence[Decimal],
    catalog: Sequence[InstanceType] = CATALOG,
    min_samples: int = 24,
) -> Recommendation | None:
    """The cheapest type with 20 % headroom over the p95 need, if it saves money."""
    types = {t.name: t for t in catalog}
    if current not in types:
        raise ValueError(f"unknown instance type {current!r}")
    if min(len(cpu), len(memory_gib)) < min_samples:
        return None
    now = types[current]
    need_cpu = Decimal(percentile(cpu, 95)) * now.vcpus / 100
    need_memory = percentile(memory_gib, 95)
    fits = [t for t in catalog if need_cpu <= HEADROOM * t.vcpus and need_memory <= HEADROOM * t.memory_gib]
    if not fits:
        return None
    best = min(fits, key=lambda t: (t.hourly_usd, t.name))
    if best.hourly_usd >= now.hourly_usd:
        return None
    saving = ((now.hourly_usd - best.hourly_usd) * HOURS_PER_MONTH).quantize(CENT, ROUND_HALF_UP)
    return Recommendation(resource, current, best.name, saving)


def break_even_month(
    upfront: Decimal,
    reserved_hourly: Decimal,
    on_demand_hourly: Decimal,
    utilisation: Decimal = Decimal(1),
    term_months: int = 12,
) -> int | None:
    """The first month at whose end the reservation has paid for itself, or None."""
    on_demand = on_demand_hourly * HOURS_PER_MONTH * utilisation
    reserved = reserved_hourly * HOURS_PER_MONTH
    for month in range(1, term_months + 1):
        if on_demand * month >= upfront + reserved * month:
            return month
    return None

# %% [markdown] course={"kind": "exercise", "id": "service", "item": "f-budget-tracking", "timeout": 60}
# ### Milestone 5 (end to end): budgets, anomalies, reports and the API
#
# Write `costopt/service.py`. The helpers:
#
# - `daily_totals(records)`: `{day: total cost}` over all records, keys in day order.
# - `forecast_month_end(spent, days_seen, days_in_month)`: spend so far extrapolated at the same daily
#   rate, `spent * days_in_month / days_seen`, rounded to cents (`ROUND_HALF_UP`).
# - `budget_status(spent, forecast, budget)`: `"over"` when `spent` is above `budget`, else `"at-risk"` when
#   `forecast` is above it, else `"ok"`.
# - `anomalies(daily, threshold=Decimal("3.5"))`: the days (in day order) whose *modified z-score*
#   `0.6745 * (cost - median) / MAD` is above `threshold`, where MAD is the median of `|cost - median|`
#   (use `statistics.median`); only spikes count, not drops. When MAD is 0, every day above the median is an
#   anomaly. Fewer than 3 days: none.
# - `ReportJob(clock, every=86400)`: `run_due(make)` calls `make()` and returns its report when the clock
#   has reached `next_due` (the job is due at once when made), and moves `next_due` on by `every` seconds
#   until it is later than the clock (a job that slept through three periods runs once, not three times);
#   when not due it returns `None` and calls nothing. Every report is also kept in `reports`.
#
# Then `create_app(folder, ec2, budgets, clock, days_in_month=30)`, a FastAPI app whose routes read the
# exports in `folder` with `collect` on every request (`days_seen` is the largest day of the month among
# the records):
#
# | route | answer (money as strings such as `"12.30"`) |
# |---|---|
# | `GET /costs` | `{"records": n, "bad_rows": [[file, line], ...], "total_usd": ...}` (total rounded to cents) |
# | `GET /allocation` | `allocate(records)` as `{team: "cents"}` |
# | `GET /budgets` | for each team of `budgets` (`{team: Decimal}`): `{"spent", "forecast", "budget", "status"}` (`spent` is its allocation, 0.00 when absent) |
# | `GET /anomalies` | `{"days": anomalies(daily_totals(records))}` |
# | `GET /unused` | `find_unused(ec2)` as `[{"kind", "resource", "monthly_usd"}]` (rounded to cents) |
# | `GET /rightsizing` | for each instance of `folder/utilisation.json` in name order, its `rightsize(...)` when not `None`: `[{"resource", "current", "suggested", "monthly_saving_usd"}]` |
# | `POST /reports/run` | `{"ran": false}` when the job is not due; else `{"ran": true, "report": {"at": clock(), "total_usd", "unused_usd", "savings_usd", "anomalies"}}` (sums of the three lists above) |
#
# `utilisation.json` maps an instance id to `{"type": "m5.xlarge", "cpu": [10, 11, ...], "memory_gib": ["3.2", ...]}`
# (CPU samples as whole percents, memory samples as strings to read with `Decimal`). Example: on the sample
# exports `GET /anomalies` answers `{"days": ["2026-11-08"]}`.

# %% [markdown] course={"kind": "hint"}
# `statistics.median` works on `Decimal`s and returns one. Compare `Decimal("0.6745") * (cost - med)`
# with `threshold * mad` to avoid dividing by zero, then handle `mad == 0` on its own.

# %% [markdown] course={"kind": "hint"}
# Write one `report()` function inside `create_app` that the `POST` route passes to `job.run_due`; keep the
# job in a variable of `create_app` so every request sees the same one.

# %% course={"kind": "solution", "file": "23.5-costopt/costopt/service.py", "equivalent": {"m-941eaca7": "a record's day is always YYYY-MM-DD, 10 characters", "m-250bd76c": "a record's day is always YYYY-MM-DD, 10 characters"}}
"""Milestone 5: budgets, anomalies, the report job and the HTTP API over every milestone."""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from costopt.allocate import allocate
from costopt.collect import collect
from costopt.models import CostRecord
from costopt.rightsize import rightsize
from costopt.unused import find_unused

CENT = Decimal("0.01")


def cents(amount: Decimal) -> str:
    """Money as the API sends it: "12.30"."""
    return str(amount.quantize(CENT, ROUND_HALF_UP))


def daily_totals(records: Iterable[CostRecord]) -> dict[str, Decimal]:
    """Total cost per day, in day order."""
    ### BEGIN SOLUTION
    totals: dict[str, Decimal] = {}
    for record in records:
        totals[record.day] = totals.get(record.day, Decimal(0)) + record.cost_usd
    return dict(sorted(totals.items()))
    ### END SOLUTION


def forecast_month_end(spent: Decimal, days_seen: int, days_in_month: int) -> Decimal:
    """Spend so far, extrapolated to the month's end."""
    ### BEGIN SOLUTION
    return (spent * days_in_month / days_seen).quantize(CENT, ROUND_HALF_UP)
    ### END SOLUTION


def budget_status(spent: Decimal, forecast: Decimal, budget: Decimal) -> str:
    """ "over", "at-risk" or "ok"."""
    ### BEGIN SOLUTION
    if spent > budget:
        return "over"
    return "at-risk" if forecast > budget else "ok"
    ### END SOLUTION


def anomalies(daily: dict[str, Decimal], threshold: Decimal = Decimal("3.5")) -> list[str]:
    """Days whose modified z-score (median and MAD) is above threshold."""
    ### BEGIN SOLUTION
    if len(daily) < 3:
        return []
    med = statistics.median(daily.values())
    mad = statistics.median(abs(cost - med) for cost in daily.values())
    if mad == 0:
        return sorted(day for day, cost in daily.items() if cost > med)
    return sorted(day for day, cost in daily.items() if Decimal("0.6745") * (cost - med) > threshold * mad)
    ### END SOLUTION


class ReportJob:
    """A job due every `every` seconds of `clock`; due at once when made."""

    def __init__(self, clock: Callable[[], float], every: float = 86400) -> None:
        self.clock = clock
        self.every = every
        self.next_due = clock()
        self.reports: list[dict[str, Any]] = []

    def run_due(self, make: Callable[[], dict[str, Any]]) -> dict[str, Any] | None:
        """Run `make` if due; the report, or None."""
        ### BEGIN SOLUTION
        now = self.clock()
        if now < self.next_due:
            return None
        while self.next_due <= now:
            self.next_due += self.every
        report = make()
        self.reports.append(report)
        return report
        ### END SOLUTION


def create_app(
    folder: Path, ec2: Any, budgets: dict[str, Decimal], clock: Callable[[], float], days_in_month: int = 30
) -> FastAPI:
    """The cost optimizer's HTTP API."""
    app = FastAPI(title="costopt")
    job = ReportJob(clock)

    def unused() -> list[dict[str, str]]:
        ### BEGIN SOLUTION
        return [{"kind": f.kind, "resource": f.resource, "monthly_usd": cents(f.monthly_usd)} for f in find_unused(ec2)]
        ### END SOLUTION

    def rightsizing() -> list[dict[str, str]]:
        ### BEGIN SOLUTION
        usage = json.loads((folder / "utilisation.json").read_text(encoding="utf-8"))
        found = []
        for resource in sorted(usage):
            item = usage[resource]
            advice = rightsize(resource, item["type"], item["cpu"], [Decimal(m) for m in item["memory_gib"]])
            if advice is not None:
                found.append({"resource": advice.resource, "current": advice.current, "suggested": advice.suggested,
                              "monthly_saving_usd": cents(advice.monthly_saving_usd)})
        return found
        ### END SOLUTION

    @app.get("/costs")
    def costs() -> dict[str, Any]:
        ### BEGIN SOLUTION
        records, bad = collect(folder)
        return {"records": len(records), "bad_rows": [[b.file, b.line] for b in bad],
                "total_usd": cents(sum((r.cost_usd for r in records), Decimal(0)))}
        ### END SOLUTION

    @app.get("/allocation")
    def allocation() -> dict[str, str]:
        ### BEGIN SOLUTION
        return {team: str(amount) for team, amount in allocate(collect(folder)[0]).items()}
        ### END SOLUTION

    @app.get("/budgets")
    def budget_report() -> dict[str, dict[str, str]]:
        ### BEGIN SOLUTION
        records = collect(folder)[0]
        shares = allocate(records)
        days_seen = max(int(r.day[8:10]) for r in records)
        answer = {}
        for team, budget in budgets.items():
            spent = shares.get(team, Decimal("0.00"))
            forecast = forecast_month_end(spent, days_seen, days_in_month)
            answer[team] = {"spent": cents(spent), "forecast": cents(forecast), "budget": cents(budget),
                            "status": budget_status(spent, forecast, budget)}
        return answer
        ### END SOLUTION

    @app.get("/anomalies")
    def anomaly_days() -> dict[str, list[str]]:
        ### BEGIN SOLUTION
        return {"days": anomalies(daily_totals(collect(folder)[0]))}
        ### END SOLUTION

    app.get("/unused")(unused)
    app.get("/rightsizing")(rightsizing)

    @app.post("/reports/run")
    def run_report() -> dict[str, Any]:
        ### BEGIN SOLUTION
        def report() -> dict[str, Any]:
            return {"at": clock(), "total_usd": costs()["total_usd"],
                    "unused_usd": cents(sum((Decimal(f["monthly_usd"]) for f in unused()), Decimal(0))),
                    "savings_usd": cents(sum((Decimal(r["monthly_saving_usd"]) for r in rightsizing()), Decimal(0))),
                    "anomalies": anomaly_days()["days"]}

        made = job.run_due(report)
        return {"ran": False} if made is None else {"ran": True, "report": made}
        ### END SOLUTION

    return app


# %% course={"kind": "test", "points": 1, "id": "helpers"}
svc = repo.load("costopt.service")
assert svc.forecast_month_end(Decimal("92.16"), 10, 30) == Decimal("276.48")
assert str(svc.forecast_month_end(Decimal("1"), 3, 31)) == "10.33" and str(svc.forecast_month_end(Decimal("0.05"), 12, 30)) == "0.13"
assert [svc.budget_status(Decimal(s), Decimal(f), Decimal(100)) for s, f in [(101, 101), (100, 101), (100, 100), (50, 90)]] == ["over", "at-risk", "ok", "ok"]
spiky = {f"2026-11-{d:02d}": Decimal(v) for d, v in enumerate([10, 11, 10, 12, 11, 10, 95, 11, 10, 12], start=1)}
assert svc.anomalies(spiky) == ["2026-11-07"], "one spike hides from mean and standard deviation, not from median and MAD"
clock = FakeClock(1000.0)
job = svc.ReportJob(clock, every=60)
made = []
def make():
    made.append(clock())
    return {"n": len(made)}
assert job.run_due(make) == {"n": 1} and job.run_due(make) is None and made == [1000.0], "due at once, then not until 60 s later"
clock.advance(60)
assert job.run_due(make) == {"n": 2} and job.next_due == 1120.0
### BEGIN HIDDEN TESTS
clock.advance(250)
assert job.run_due(make) == {"n": 3} and job.run_due(make) is None and job.next_due == 1360.0, "a job that slept runs once"
clock.advance(49)
assert job.run_due(make) is None
clock.advance(1)
assert job.run_due(make) == {"n": 4} and job.reports == [{"n": 1}, {"n": 2}, {"n": 3}, {"n": 4}] and made == [1000.0, 1060.0, 1310.0, 1360.0]
assert svc.anomalies({"a": Decimal(1), "b": Decimal(100)}, threshold=Decimal("0.5")) == [] and svc.anomalies({}) == []
assert svc.anomalies({"a": Decimal(1), "b": Decimal(1), "c": Decimal(100)}) == ["c"], "three days are enough"
assert svc.anomalies({"a": Decimal(5), "b": Decimal(5), "c": Decimal(6), "d": Decimal(5)}) == ["c"], "MAD 0: every day above the median"
assert svc.anomalies({"a": Decimal(5), "b": Decimal(5), "c": Decimal(5)}) == []
five = {"a": Decimal(0), "b": Decimal(2), "c": Decimal(4), "d": Decimal(6), "e": Decimal(14)}
assert svc.anomalies(five, threshold=Decimal("3.3725")) == [] and svc.anomalies(five, threshold=Decimal("3.3724")) == ["e"], "above the threshold, not at it"
drops = {f"d{i:02d}": Decimal(100 + i % 3) for i in range(20)} | {"d99": Decimal(0)}
assert svc.anomalies(drops) == [], "only spikes count"
assert svc.anomalies({k: v for k, v in reversed(spiky.items())}) == ["2026-11-07"]
Rec = repo.load("costopt.models").CostRecord
day_records = [Rec("aws", "1", "compute", "r", day, Decimal(1), "hour", Decimal(cost)) for day, cost in [("2026-11-02", "1.5"), ("2026-11-01", "2"), ("2026-11-02", "0.25")]]
totals = svc.daily_totals(day_records)
assert totals == {"2026-11-01": Decimal(2), "2026-11-02": Decimal("1.75")} and list(totals) == ["2026-11-01", "2026-11-02"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3, "id": "end-to-end"}
# The whole system over HTTP: FastAPI on a real uvicorn, moto's EC2, the sample exports, a fake clock.
reset(MOTO)
idle = ec2.create_volume(AvailabilityZone="us-east-1a", Size=50, VolumeType="gp3")["VolumeId"]
fast = ec2.create_volume(AvailabilityZone="us-east-1a", Size=8, VolumeType="io1", Iops=100)["VolumeId"]
clock = FakeClock(1000.0)
budgets = {"web": Decimal(90), "data": Decimal(60), "ml": Decimal(10), "untagged": Decimal(10)}
app = svc.create_app(EXPORTS, ec2, budgets, clock)
with serve(app) as base, httpx.Client(base_url=base, trust_env=False, timeout=30) as http:
    def get(path):
        reply = http.get(path)
        assert reply.status_code == 200, (path, reply.status_code, reply.text)
        return reply.json()
    assert get("/costs") == {"records": 70, "bad_rows": [["aws-cur.csv.gz", 6], ["gcp-billing.jsonl", 4]], "total_usd": "113.36"}
    assert get("/allocation") == {"data": "17.82", "untagged": "3.38", "web": "92.16"}
    assert get("/budgets") == {
        "web": {"spent": "92.16", "forecast": "276.48", "budget": "90.00", "status": "over"},
        "data": {"spent": "17.82", "forecast": "53.46", "budget": "60.00", "status": "ok"},
        "ml": {"spent": "0.00", "forecast": "0.00", "budget": "10.00", "status": "ok"},
        "untagged": {"spent": "3.38", "forecast": "10.14", "budget": "10.00", "status": "at-risk"}}, get("/budgets")
    assert get("/anomalies") == {"days": ["2026-11-08"]}
    assert get("/unused") == [{"kind": "volume", "resource": idle, "monthly_usd": "4.00"}, {"kind": "volume", "resource": fast, "monthly_usd": "1.00"}], "money in cents: 8 GiB of io1 is 1.000"
    assert get("/rightsizing") == [{"resource": "i-0batch", "current": "m5.2xlarge", "suggested": "t3.small", "monthly_saving_usd": "265.14"}, {"resource": "i-0web", "current": "m5.xlarge", "suggested": "m5.large", "monthly_saving_usd": "70.08"}]
    assert [r["resource"] for r in get("/rightsizing")] == ["i-0batch", "i-0web"], "in name order"
    first = http.post("/reports/run").json()
    assert first == {"ran": True, "report": {"at": 1000.0, "total_usd": "113.36", "unused_usd": "5.00", "savings_usd": "335.22", "anomalies": ["2026-11-08"]}}, first
    assert http.post("/reports/run").json() == {"ran": False}, "the job is not due again until a day later"
    clock.advance(3 * 86400)
    assert http.post("/reports/run").json()["report"]["at"] == 260200.0
    assert http.post("/reports/run").json() == {"ran": False}
reset(MOTO)
### BEGIN HIDDEN TESTS
from course.runtime.scratch import scratch_dir
import gzip
gappy = scratch_dir("costopt-gappy")
with gzip.open(gappy / "aws-gaps.csv.gz", "wt", encoding="utf-8") as out:
    out.write("lineItem/UsageAccountId,lineItem/ProductCode,lineItem/ResourceId,lineItem/UsageStartDate,lineItem/UsageAmount,pricingUnit,lineItem/UnblendedCost,lineItem/CurrencyCode,resourceTags/user:team\n"
              "1,AmazonEC2,i-1,2026-11-01T00:00:00Z,1,Hrs,1.00,USD,web\n1,AmazonEC2,i-1,2026-11-10T00:00:00Z,1,Hrs,1.00,USD,web\n")
routes = {route.path: route.endpoint for route in svc.create_app(gappy, ec2, {"web": Decimal(10)}, FakeClock(0.0)).routes}
assert routes["/budgets"]() == {"web": {"spent": "2.00", "forecast": "6.00", "budget": "10.00", "status": "ok"}}, ("days 1 and 10 seen: 10 days of the month have passed", routes["/budgets"]())
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "mean-and-sd"}
"""Milestone 5: budgets, anomalies, the report job and the HTTP API over every milestone."""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from costopt.allocate import allocate
from costopt.collect import collect
from costopt.models import CostRecord
from costopt.rightsize import rightsize
from costopt.unused import find_unused

CENT = Decimal("0.01")


def cents(amount: Decimal) -> str:
    """Money as the API sends it: "12.30"."""
    return str(amount.quantize(CENT, ROUND_HALF_UP))


def daily_totals(records: Iterable[CostRecord]) -> dict[str, Decimal]:
    """Total cost per day, in day order."""
    totals: dict[str, Decimal] = {}
    for record in records:
        totals[record.day] = totals.get(record.day, Decimal(0)) + record.cost_usd
    return dict(sorted(totals.items()))


def forecast_month_end(spent: Decimal, days_seen: int, days_in_month: int) -> Decimal:
    """Spend so far, extrapolated to the month's end."""
    return (spent * days_in_month / days_seen).quantize(CENT, ROUND_HALF_UP)


def budget_status(spent: Decimal, forecast: Decimal, budget: Decimal) -> str:
    """ "over", "at-risk" or "ok"."""
    if spent > budget:
        return "over"
    return "at-risk" if forecast > budget else "ok"


def anomalies(daily: dict[str, Decimal], threshold: Decimal = Decimal("3.5")) -> list[str]:
    """Days whose modified z-score (median and MAD) is above threshold."""
    if len(daily) < 3:
        return []
    mean = statistics.mean(daily.values())
    sd = statistics.pstdev(daily.values())
    if sd == 0:
        return []
    return sorted(day for day, cost in daily.items() if (cost - mean) / sd > 3)


class ReportJob:
    """A job due every `every` seconds of `clock`; due at once when made."""

    def __init__(self, clock: Callable[[], float], every: float = 86400) -> None:
        self.clock = clock
        self.every = every
        self.next_due = clock()
        self.reports: list[dict[str, Any]] = []

    def run_due(self, make: Callable[[], dict[str, Any]]) -> dict[str, Any] | None:
        """Run `make` if due; the report, or None."""
        now = self.clock()
        if now < self.next_due:
            return None
        while self.next_due <= now:
            self.next_due += self.every
        report = make()
        self.reports.append(report)
        return report


def create_app(
    folder: Path, ec2: Any, budgets: dict[str, Decimal], clock: Callable[[], float], days_in_month: int = 30
) -> FastAPI:
    """The cost optimizer's HTTP API."""
    app = FastAPI(title="costopt")
    job = ReportJob(clock)

    def unused() -> list[dict[str, str]]:
        return [{"kind": f.kind, "resource": f.resource, "monthly_usd": cents(f.monthly_usd)} for f in find_unused(ec2)]

    def rightsizing() -> list[dict[str, str]]:
        usage = json.loads((folder / "utilisation.json").read_text(encoding="utf-8"))
        found = []
        for resource in sorted(usage):
            item = usage[resource]
            advice = rightsize(resource, item["type"], item["cpu"], [Decimal(m) for m in item["memory_gib"]])
            if advice is not None:
                found.append({"resource": advice.resource, "current": advice.current, "suggested": advice.suggested,
                              "monthly_saving_usd": cents(advice.monthly_saving_usd)})
        return found

    @app.get("/costs")
    def costs() -> dict[str, Any]:
        records, bad = collect(folder)
        return {"records": len(records), "bad_rows": [[b.file, b.line] for b in bad],
                "total_usd": cents(sum((r.cost_usd for r in records), Decimal(0)))}

    @app.get("/allocation")
    def allocation() -> dict[str, str]:
        return {team: str(amount) for team, amount in allocate(collect(folder)[0]).items()}

    @app.get("/budgets")
    def budget_report() -> dict[str, dict[str, str]]:
        records = collect(folder)[0]
        shares = allocate(records)
        days_seen = max(int(r.day[8:10]) for r in records)
        answer = {}
        for team, budget in budgets.items():
            spent = shares.get(team, Decimal("0.00"))
            forecast = forecast_month_end(spent, days_seen, days_in_month)
            answer[team] = {"spent": cents(spent), "forecast": cents(forecast), "budget": cents(budget),
                            "status": budget_status(spent, forecast, budget)}
        return answer

    @app.get("/anomalies")
    def anomaly_days() -> dict[str, list[str]]:
        return {"days": anomalies(daily_totals(collect(folder)[0]))}

    app.get("/unused")(unused)
    app.get("/rightsizing")(rightsizing)

    @app.post("/reports/run")
    def run_report() -> dict[str, Any]:
        def report() -> dict[str, Any]:
            return {"at": clock(), "total_usd": costs()["total_usd"],
                    "unused_usd": cents(sum((Decimal(f["monthly_usd"]) for f in unused()), Decimal(0))),
                    "savings_usd": cents(sum((Decimal(r["monthly_saving_usd"]) for r in rightsizing()), Decimal(0))),
                    "anomalies": anomaly_days()["days"]}

        made = job.run_due(report)
        return {"ran": False} if made is None else {"ran": True, "report": made}

    return app

# %% course={"kind": "wrong", "id": "catch-up-storm"}
"""Milestone 5: budgets, anomalies, the report job and the HTTP API over every milestone."""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from costopt.allocate import allocate
from costopt.collect import collect
from costopt.models import CostRecord
from costopt.rightsize import rightsize
from costopt.unused import find_unused

CENT = Decimal("0.01")


def cents(amount: Decimal) -> str:
    """Money as the API sends it: "12.30"."""
    return str(amount.quantize(CENT, ROUND_HALF_UP))


def daily_totals(records: Iterable[CostRecord]) -> dict[str, Decimal]:
    """Total cost per day, in day order."""
    totals: dict[str, Decimal] = {}
    for record in records:
        totals[record.day] = totals.get(record.day, Decimal(0)) + record.cost_usd
    return dict(sorted(totals.items()))


def forecast_month_end(spent: Decimal, days_seen: int, days_in_month: int) -> Decimal:
    """Spend so far, extrapolated to the month's end."""
    return (spent * days_in_month / days_seen).quantize(CENT, ROUND_HALF_UP)


def budget_status(spent: Decimal, forecast: Decimal, budget: Decimal) -> str:
    """ "over", "at-risk" or "ok"."""
    if spent > budget:
        return "over"
    return "at-risk" if forecast > budget else "ok"


def anomalies(daily: dict[str, Decimal], threshold: Decimal = Decimal("3.5")) -> list[str]:
    """Days whose modified z-score (median and MAD) is above threshold."""
    if len(daily) < 3:
        return []
    med = statistics.median(daily.values())
    mad = statistics.median(abs(cost - med) for cost in daily.values())
    if mad == 0:
        return sorted(day for day, cost in daily.items() if cost > med)
    return sorted(day for day, cost in daily.items() if Decimal("0.6745") * (cost - med) > threshold * mad)


class ReportJob:
    """A job due every `every` seconds of `clock`; due at once when made."""

    def __init__(self, clock: Callable[[], float], every: float = 86400) -> None:
        self.clock = clock
        self.every = every
        self.next_due = clock()
        self.reports: list[dict[str, Any]] = []

    def run_due(self, make: Callable[[], dict[str, Any]]) -> dict[str, Any] | None:
        """Run `make` if due; the report, or None."""
        now = self.clock()
        if now < self.next_due:
            return None
        self.next_due += self.every
        report = make()
        self.reports.append(report)
        return report


def create_app(
    folder: Path, ec2: Any, budgets: dict[str, Decimal], clock: Callable[[], float], days_in_month: int = 30
) -> FastAPI:
    """The cost optimizer's HTTP API."""
    app = FastAPI(title="costopt")
    job = ReportJob(clock)

    def unused() -> list[dict[str, str]]:
        return [{"kind": f.kind, "resource": f.resource, "monthly_usd": cents(f.monthly_usd)} for f in find_unused(ec2)]

    def rightsizing() -> list[dict[str, str]]:
        usage = json.loads((folder / "utilisation.json").read_text(encoding="utf-8"))
        found = []
        for resource in sorted(usage):
            item = usage[resource]
            advice = rightsize(resource, item["type"], item["cpu"], [Decimal(m) for m in item["memory_gib"]])
            if advice is not None:
                found.append({"resource": advice.resource, "current": advice.current, "suggested": advice.suggested,
                              "monthly_saving_usd": cents(advice.monthly_saving_usd)})
        return found

    @app.get("/costs")
    def costs() -> dict[str, Any]:
        records, bad = collect(folder)
        return {"records": len(records), "bad_rows": [[b.file, b.line] for b in bad],
                "total_usd": cents(sum((r.cost_usd for r in records), Decimal(0)))}

    @app.get("/allocation")
    def allocation() -> dict[str, str]:
        return {team: str(amount) for team, amount in allocate(collect(folder)[0]).items()}

    @app.get("/budgets")
    def budget_report() -> dict[str, dict[str, str]]:
        records = collect(folder)[0]
        shares = allocate(records)
        days_seen = max(int(r.day[8:10]) for r in records)
        answer = {}
        for team, budget in budgets.items():
            spent = shares.get(team, Decimal("0.00"))
            forecast = forecast_month_end(spent, days_seen, days_in_month)
            answer[team] = {"spent": cents(spent), "forecast": cents(forecast), "budget": cents(budget),
                            "status": budget_status(spent, forecast, budget)}
        return answer

    @app.get("/anomalies")
    def anomaly_days() -> dict[str, list[str]]:
        return {"days": anomalies(daily_totals(collect(folder)[0]))}

    app.get("/unused")(unused)
    app.get("/rightsizing")(rightsizing)

    @app.post("/reports/run")
    def run_report() -> dict[str, Any]:
        def report() -> dict[str, Any]:
            return {"at": clock(), "total_usd": costs()["total_usd"],
                    "unused_usd": cents(sum((Decimal(f["monthly_usd"]) for f in unused()), Decimal(0))),
                    "savings_usd": cents(sum((Decimal(r["monthly_saving_usd"]) for r in rightsizing()), Decimal(0))),
                    "anomalies": anomaly_days()["days"]}

        made = job.run_due(report)
        return {"ran": False} if made is None else {"ran": True, "report": made}

    return app

# %% course={"kind": "wrong", "id": "forecast-decides-over"}
"""Milestone 5: budgets, anomalies, the report job and the HTTP API over every milestone."""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from costopt.allocate import allocate
from costopt.collect import collect
from costopt.models import CostRecord
from costopt.rightsize import rightsize
from costopt.unused import find_unused

CENT = Decimal("0.01")


def cents(amount: Decimal) -> str:
    """Money as the API sends it: "12.30"."""
    return str(amount.quantize(CENT, ROUND_HALF_UP))


def daily_totals(records: Iterable[CostRecord]) -> dict[str, Decimal]:
    """Total cost per day, in day order."""
    totals: dict[str, Decimal] = {}
    for record in records:
        totals[record.day] = totals.get(record.day, Decimal(0)) + record.cost_usd
    return dict(sorted(totals.items()))


def forecast_month_end(spent: Decimal, days_seen: int, days_in_month: int) -> Decimal:
    """Spend so far, extrapolated to the month's end."""
    return (spent * days_in_month / days_seen).quantize(CENT, ROUND_HALF_UP)


def budget_status(spent: Decimal, forecast: Decimal, budget: Decimal) -> str:
    """ "over", "at-risk" or "ok"."""
    if forecast > budget:
        return "over"
    return "at-risk" if spent > budget else "ok"


def anomalies(daily: dict[str, Decimal], threshold: Decimal = Decimal("3.5")) -> list[str]:
    """Days whose modified z-score (median and MAD) is above threshold."""
    if len(daily) < 3:
        return []
    med = statistics.median(daily.values())
    mad = statistics.median(abs(cost - med) for cost in daily.values())
    if mad == 0:
        return sorted(day for day, cost in daily.items() if cost > med)
    return sorted(day for day, cost in daily.items() if Decimal("0.6745") * (cost - med) > threshold * mad)


class ReportJob:
    """A job due every `every` seconds of `clock`; due at once when made."""

    def __init__(self, clock: Callable[[], float], every: float = 86400) -> None:
        self.clock = clock
        self.every = every
        self.next_due = clock()
        self.reports: list[dict[str, Any]] = []

    def run_due(self, make: Callable[[], dict[str, Any]]) -> dict[str, Any] | None:
        """Run `make` if due; the report, or None."""
        now = self.clock()
        if now < self.next_due:
            return None
        while self.next_due <= now:
            self.next_due += self.every
        report = make()
        self.reports.append(report)
        return report


def create_app(
    folder: Path, ec2: Any, budgets: dict[str, Decimal], clock: Callable[[], float], days_in_month: int = 30
) -> FastAPI:
    """The cost optimizer's HTTP API."""
    app = FastAPI(title="costopt")
    job = ReportJob(clock)

    def unused() -> list[dict[str, str]]:
        return [{"kind": f.kind, "resource": f.resource, "monthly_usd": cents(f.monthly_usd)} for f in find_unused(ec2)]

    def rightsizing() -> list[dict[str, str]]:
        usage = json.loads((folder / "utilisation.json").read_text(encoding="utf-8"))
        found = []
        for resource in sorted(usage):
            item = usage[resource]
            advice = rightsize(resource, item["type"], item["cpu"], [Decimal(m) for m in item["memory_gib"]])
            if advice is not None:
                found.append({"resource": advice.resource, "current": advice.current, "suggested": advice.suggested,
                              "monthly_saving_usd": cents(advice.monthly_saving_usd)})
        return found

    @app.get("/costs")
    def costs() -> dict[str, Any]:
        records, bad = collect(folder)
        return {"records": len(records), "bad_rows": [[b.file, b.line] for b in bad],
                "total_usd": cents(sum((r.cost_usd for r in records), Decimal(0)))}

    @app.get("/allocation")
    def allocation() -> dict[str, str]:
        return {team: str(amount) for team, amount in allocate(collect(folder)[0]).items()}

    @app.get("/budgets")
    def budget_report() -> dict[str, dict[str, str]]:
        records = collect(folder)[0]
        shares = allocate(records)
        days_seen = max(int(r.day[8:10]) for r in records)
        answer = {}
        for team, budget in budgets.items():
            spent = shares.get(team, Decimal("0.00"))
            forecast = forecast_month_end(spent, days_seen, days_in_month)
            answer[team] = {"spent": cents(spent), "forecast": cents(forecast), "budget": cents(budget),
                            "status": budget_status(spent, forecast, budget)}
        return answer

    @app.get("/anomalies")
    def anomaly_days() -> dict[str, list[str]]:
        return {"days": anomalies(daily_totals(collect(folder)[0]))}

    app.get("/unused")(unused)
    app.get("/rightsizing")(rightsizing)

    @app.post("/reports/run")
    def run_report() -> dict[str, Any]:
        def report() -> dict[str, Any]:
            return {"at": clock(), "total_usd": costs()["total_usd"],
                    "unused_usd": cents(sum((Decimal(f["monthly_usd"]) for f in unused()), Decimal(0))),
                    "savings_usd": cents(sum((Decimal(r["monthly_saving_usd"]) for r in rightsizing()), Decimal(0))),
                    "anomalies": anomaly_days()["days"]}

        made = job.run_due(report)
        return {"ran": False} if made is None else {"ran": True, "report": made}

    return app

# %% course={"kind": "wrong", "id": "report-every-post"}
"""Milestone 5: budgets, anomalies, the report job and the HTTP API over every milestone."""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from costopt.allocate import allocate
from costopt.collect import collect
from costopt.models import CostRecord
from costopt.rightsize import rightsize
from costopt.unused import find_unused

CENT = Decimal("0.01")


def cents(amount: Decimal) -> str:
    """Money as the API sends it: "12.30"."""
    return str(amount.quantize(CENT, ROUND_HALF_UP))


def daily_totals(records: Iterable[CostRecord]) -> dict[str, Decimal]:
    """Total cost per day, in day order."""
    totals: dict[str, Decimal] = {}
    for record in records:
        totals[record.day] = totals.get(record.day, Decimal(0)) + record.cost_usd
    return dict(sorted(totals.items()))


def forecast_month_end(spent: Decimal, days_seen: int, days_in_month: int) -> Decimal:
    """Spend so far, extrapolated to the month's end."""
    return (spent * days_in_month / days_seen).quantize(CENT, ROUND_HALF_UP)


def budget_status(spent: Decimal, forecast: Decimal, budget: Decimal) -> str:
    """ "over", "at-risk" or "ok"."""
    if spent > budget:
        return "over"
    return "at-risk" if forecast > budget else "ok"


def anomalies(daily: dict[str, Decimal], threshold: Decimal = Decimal("3.5")) -> list[str]:
    """Days whose modified z-score (median and MAD) is above threshold."""
    if len(daily) < 3:
        return []
    med = statistics.median(daily.values())
    mad = statistics.median(abs(cost - med) for cost in daily.values())
    if mad == 0:
        return sorted(day for day, cost in daily.items() if cost > med)
    return sorted(day for day, cost in daily.items() if Decimal("0.6745") * (cost - med) > threshold * mad)


class ReportJob:
    """A job due every `every` seconds of `clock`; due at once when made."""

    def __init__(self, clock: Callable[[], float], every: float = 86400) -> None:
        self.clock = clock
        self.every = every
        self.next_due = clock()
        self.reports: list[dict[str, Any]] = []

    def run_due(self, make: Callable[[], dict[str, Any]]) -> dict[str, Any] | None:
        """Run `make` if due; the report, or None."""
        now = self.clock()
        if now < self.next_due:
            return None
        while self.next_due <= now:
            self.next_due += self.every
        report = make()
        self.reports.append(report)
        return report


def create_app(
    folder: Path, ec2: Any, budgets: dict[str, Decimal], clock: Callable[[], float], days_in_month: int = 30
) -> FastAPI:
    """The cost optimizer's HTTP API."""
    app = FastAPI(title="costopt")
    job = ReportJob(clock)

    def unused() -> list[dict[str, str]]:
        return [{"kind": f.kind, "resource": f.resource, "monthly_usd": cents(f.monthly_usd)} for f in find_unused(ec2)]

    def rightsizing() -> list[dict[str, str]]:
        usage = json.loads((folder / "utilisation.json").read_text(encoding="utf-8"))
        found = []
        for resource in sorted(usage):
            item = usage[resource]
            advice = rightsize(resource, item["type"], item["cpu"], [Decimal(m) for m in item["memory_gib"]])
            if advice is not None:
                found.append({"resource": advice.resource, "current": advice.current, "suggested": advice.suggested,
                              "monthly_saving_usd": cents(advice.monthly_saving_usd)})
        return found

    @app.get("/costs")
    def costs() -> dict[str, Any]:
        records, bad = collect(folder)
        return {"records": len(records), "bad_rows": [[b.file, b.line] for b in bad],
                "total_usd": cents(sum((r.cost_usd for r in records), Decimal(0)))}

    @app.get("/allocation")
    def allocation() -> dict[str, str]:
        return {team: str(amount) for team, amount in allocate(collect(folder)[0]).items()}

    @app.get("/budgets")
    def budget_report() -> dict[str, dict[str, str]]:
        records = collect(folder)[0]
        shares = allocate(records)
        days_seen = max(int(r.day[8:10]) for r in records)
        answer = {}
        for team, budget in budgets.items():
            spent = shares.get(team, Decimal("0.00"))
            forecast = forecast_month_end(spent, days_seen, days_in_month)
            answer[team] = {"spent": cents(spent), "forecast": cents(forecast), "budget": cents(budget),
                            "status": budget_status(spent, forecast, budget)}
        return answer

    @app.get("/anomalies")
    def anomaly_days() -> dict[str, list[str]]:
        return {"days": anomalies(daily_totals(collect(folder)[0]))}

    app.get("/unused")(unused)
    app.get("/rightsizing")(rightsizing)

    @app.post("/reports/run")
    def run_report() -> dict[str, Any]:
        def report() -> dict[str, Any]:
            return {"at": clock(), "total_usd": costs()["total_usd"],
                    "unused_usd": cents(sum((Decimal(f["monthly_usd"]) for f in unused()), Decimal(0))),
                    "savings_usd": cents(sum((Decimal(r["monthly_saving_usd"]) for r in rightsizing()), Decimal(0))),
                    "anomalies": anomaly_days()["days"]}

        made = report()
        return {"ran": False} if made is None else {"ran": True, "report": made}

    return app

# %% course={"kind": "wrong", "id": "direct-spend-budgets"}
"""Milestone 5: budgets, anomalies, the report job and the HTTP API over every milestone."""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from costopt.allocate import allocate
from costopt.collect import collect
from costopt.models import CostRecord
from costopt.rightsize import rightsize
from costopt.unused import find_unused

CENT = Decimal("0.01")


def cents(amount: Decimal) -> str:
    """Money as the API sends it: "12.30"."""
    return str(amount.quantize(CENT, ROUND_HALF_UP))


def daily_totals(records: Iterable[CostRecord]) -> dict[str, Decimal]:
    """Total cost per day, in day order."""
    totals: dict[str, Decimal] = {}
    for record in records:
        totals[record.day] = totals.get(record.day, Decimal(0)) + record.cost_usd
    return dict(sorted(totals.items()))


def forecast_month_end(spent: Decimal, days_seen: int, days_in_month: int) -> Decimal:
    """Spend so far, extrapolated to the month's end."""
    return (spent * days_in_month / days_seen).quantize(CENT, ROUND_HALF_UP)


def budget_status(spent: Decimal, forecast: Decimal, budget: Decimal) -> str:
    """ "over", "at-risk" or "ok"."""
    if spent > budget:
        return "over"
    return "at-risk" if forecast > budget else "ok"


def anomalies(daily: dict[str, Decimal], threshold: Decimal = Decimal("3.5")) -> list[str]:
    """Days whose modified z-score (median and MAD) is above threshold."""
    if len(daily) < 3:
        return []
    med = statistics.median(daily.values())
    mad = statistics.median(abs(cost - med) for cost in daily.values())
    if mad == 0:
        return sorted(day for day, cost in daily.items() if cost > med)
    return sorted(day for day, cost in daily.items() if Decimal("0.6745") * (cost - med) > threshold * mad)


class ReportJob:
    """A job due every `every` seconds of `clock`; due at once when made."""

    def __init__(self, clock: Callable[[], float], every: float = 86400) -> None:
        self.clock = clock
        self.every = every
        self.next_due = clock()
        self.reports: list[dict[str, Any]] = []

    def run_due(self, make: Callable[[], dict[str, Any]]) -> dict[str, Any] | None:
        """Run `make` if due; the report, or None."""
        now = self.clock()
        if now < self.next_due:
            return None
        while self.next_due <= now:
            self.next_due += self.every
        report = make()
        self.reports.append(report)
        return report


def create_app(
    folder: Path, ec2: Any, budgets: dict[str, Decimal], clock: Callable[[], float], days_in_month: int = 30
) -> FastAPI:
    """The cost optimizer's HTTP API."""
    app = FastAPI(title="costopt")
    job = ReportJob(clock)

    def unused() -> list[dict[str, str]]:
        return [{"kind": f.kind, "resource": f.resource, "monthly_usd": cents(f.monthly_usd)} for f in find_unused(ec2)]

    def rightsizing() -> list[dict[str, str]]:
        usage = json.loads((folder / "utilisation.json").read_text(encoding="utf-8"))
        found = []
        for resource in sorted(usage):
            item = usage[resource]
            advice = rightsize(resource, item["type"], item["cpu"], [Decimal(m) for m in item["memory_gib"]])
            if advice is not None:
                found.append({"resource": advice.resource, "current": advice.current, "suggested": advice.suggested,
                              "monthly_saving_usd": cents(advice.monthly_saving_usd)})
        return found

    @app.get("/costs")
    def costs() -> dict[str, Any]:
        records, bad = collect(folder)
        return {"records": len(records), "bad_rows": [[b.file, b.line] for b in bad],
                "total_usd": cents(sum((r.cost_usd for r in records), Decimal(0)))}

    @app.get("/allocation")
    def allocation() -> dict[str, str]:
        return {team: str(amount) for team, amount in allocate(collect(folder)[0]).items()}

    @app.get("/budgets")
    def budget_report() -> dict[str, dict[str, str]]:
        records = collect(folder)[0]
        shares = allocate(records)
        days_seen = max(int(r.day[8:10]) for r in records)
        answer = {}
        for team, budget in budgets.items():
            spent = sum((r.cost_usd for r in records if r.tags == (("team", team),)), Decimal("0.00"))
            forecast = forecast_month_end(spent, days_seen, days_in_month)
            answer[team] = {"spent": cents(spent), "forecast": cents(forecast), "budget": cents(budget),
                            "status": budget_status(spent, forecast, budget)}
        return answer

    @app.get("/anomalies")
    def anomaly_days() -> dict[str, list[str]]:
        return {"days": anomalies(daily_totals(collect(folder)[0]))}

    app.get("/unused")(unused)
    app.get("/rightsizing")(rightsizing)

    @app.post("/reports/run")
    def run_report() -> dict[str, Any]:
        def report() -> dict[str, Any]:
            return {"at": clock(), "total_usd": costs()["total_usd"],
                    "unused_usd": cents(sum((Decimal(f["monthly_usd"]) for f in unused()), Decimal(0))),
                    "savings_usd": cents(sum((Decimal(r["monthly_saving_usd"]) for r in rightsizing()), Decimal(0))),
                    "anomalies": anomaly_days()["days"]}

        made = job.run_due(report)
        return {"ran": False} if made is None else {"ran": True, "report": made}

    return app

# %% course={"kind": "wrong", "id": "unused-not-rounded"}
"""Milestone 5: budgets, anomalies, the report job and the HTTP API over every milestone."""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from costopt.allocate import allocate
from costopt.collect import collect
from costopt.models import CostRecord
from costopt.rightsize import rightsize
from costopt.unused import find_unused

CENT = Decimal("0.01")


def cents(amount: Decimal) -> str:
    """Money as the API sends it: "12.30"."""
    return str(amount.quantize(CENT, ROUND_HALF_UP))


def daily_totals(records: Iterable[CostRecord]) -> dict[str, Decimal]:
    """Total cost per day, in day order."""
    totals: dict[str, Decimal] = {}
    for record in records:
        totals[record.day] = totals.get(record.day, Decimal(0)) + record.cost_usd
    return dict(sorted(totals.items()))


def forecast_month_end(spent: Decimal, days_seen: int, days_in_month: int) -> Decimal:
    """Spend so far, extrapolated to the month's end."""
    return (spent * days_in_month / days_seen).quantize(CENT, ROUND_HALF_UP)


def budget_status(spent: Decimal, forecast: Decimal, budget: Decimal) -> str:
    """ "over", "at-risk" or "ok"."""
    if spent > budget:
        return "over"
    return "at-risk" if forecast > budget else "ok"


def anomalies(daily: dict[str, Decimal], threshold: Decimal = Decimal("3.5")) -> list[str]:
    """Days whose modified z-score (median and MAD) is above threshold."""
    if len(daily) < 3:
        return []
    med = statistics.median(daily.values())
    mad = statistics.median(abs(cost - med) for cost in daily.values())
    if mad == 0:
        return sorted(day for day, cost in daily.items() if cost > med)
    return sorted(day for day, cost in daily.items() if Decimal("0.6745") * (cost - med) > threshold * mad)


class ReportJob:
    """A job due every `every` seconds of `clock`; due at once when made."""

    def __init__(self, clock: Callable[[], float], every: float = 86400) -> None:
        self.clock = clock
        self.every = every
        self.next_due = clock()
        self.reports: list[dict[str, Any]] = []

    def run_due(self, make: Callable[[], dict[str, Any]]) -> dict[str, Any] | None:
        """Run `make` if due; the report, or None."""
        now = self.clock()
        if now < self.next_due:
            return None
        while self.next_due <= now:
            self.next_due += self.every
        report = make()
        self.reports.append(report)
        return report


def create_app(
    folder: Path, ec2: Any, budgets: dict[str, Decimal], clock: Callable[[], float], days_in_month: int = 30
) -> FastAPI:
    """The cost optimizer's HTTP API."""
    app = FastAPI(title="costopt")
    job = ReportJob(clock)

    def unused() -> list[dict[str, str]]:
        return [{"kind": f.kind, "resource": f.resource, "monthly_usd": str(f.monthly_usd)} for f in find_unused(ec2)]

    def rightsizing() -> list[dict[str, str]]:
        usage = json.loads((folder / "utilisation.json").read_text(encoding="utf-8"))
        found = []
        for resource in sorted(usage):
            item = usage[resource]
            advice = rightsize(resource, item["type"], item["cpu"], [Decimal(m) for m in item["memory_gib"]])
            if advice is not None:
                found.append({"resource": advice.resource, "current": advice.current, "suggested": advice.suggested,
                              "monthly_saving_usd": cents(advice.monthly_saving_usd)})
        return found

    @app.get("/costs")
    def costs() -> dict[str, Any]:
        records, bad = collect(folder)
        return {"records": len(records), "bad_rows": [[b.file, b.line] for b in bad],
                "total_usd": cents(sum((r.cost_usd for r in records), Decimal(0)))}

    @app.get("/allocation")
    def allocation() -> dict[str, str]:
        return {team: str(amount) for team, amount in allocate(collect(folder)[0]).items()}

    @app.get("/budgets")
    def budget_report() -> dict[str, dict[str, str]]:
        records = collect(folder)[0]
        shares = allocate(records)
        days_seen = max(int(r.day[8:10]) for r in records)
        answer = {}
        for team, budget in budgets.items():
            spent = shares.get(team, Decimal("0.00"))
            forecast = forecast_month_end(spent, days_seen, days_in_month)
            answer[team] = {"spent": cents(spent), "forecast": cents(forecast), "budget": cents(budget),
                            "status": budget_status(spent, forecast, budget)}
        return answer

    @app.get("/anomalies")
    def anomaly_days() -> dict[str, list[str]]:
        return {"days": anomalies(daily_totals(collect(folder)[0]))}

    app.get("/unused")(unused)
    app.get("/rightsizing")(rightsizing)

    @app.post("/reports/run")
    def run_report() -> dict[str, Any]:
        def report() -> dict[str, Any]:
            return {"at": clock(), "total_usd": costs()["total_usd"],
                    "unused_usd": cents(sum((Decimal(f["monthly_usd"]) for f in unused()), Decimal(0))),
                    "savings_usd": cents(sum((Decimal(r["monthly_saving_usd"]) for r in rightsizing()), Decimal(0))),
                    "anomalies": anomaly_days()["days"]}

        made = job.run_due(report)
        return {"ran": False} if made is None else {"ran": True, "report": made}

    return app

# %% course={"kind": "wrong", "id": "days-seen-counted"}
"""Milestone 5: budgets, anomalies, the report job and the HTTP API over every milestone."""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from costopt.allocate import allocate
from costopt.collect import collect
from costopt.models import CostRecord
from costopt.rightsize import rightsize
from costopt.unused import find_unused

CENT = Decimal("0.01")


def cents(amount: Decimal) -> str:
    """Money as the API sends it: "12.30"."""
    return str(amount.quantize(CENT, ROUND_HALF_UP))


def daily_totals(records: Iterable[CostRecord]) -> dict[str, Decimal]:
    """Total cost per day, in day order."""
    totals: dict[str, Decimal] = {}
    for record in records:
        totals[record.day] = totals.get(record.day, Decimal(0)) + record.cost_usd
    return dict(sorted(totals.items()))


def forecast_month_end(spent: Decimal, days_seen: int, days_in_month: int) -> Decimal:
    """Spend so far, extrapolated to the month's end."""
    return (spent * days_in_month / days_seen).quantize(CENT, ROUND_HALF_UP)


def budget_status(spent: Decimal, forecast: Decimal, budget: Decimal) -> str:
    """ "over", "at-risk" or "ok"."""
    if spent > budget:
        return "over"
    return "at-risk" if forecast > budget else "ok"


def anomalies(daily: dict[str, Decimal], threshold: Decimal = Decimal("3.5")) -> list[str]:
    """Days whose modified z-score (median and MAD) is above threshold."""
    if len(daily) < 3:
        return []
    med = statistics.median(daily.values())
    mad = statistics.median(abs(cost - med) for cost in daily.values())
    if mad == 0:
        return sorted(day for day, cost in daily.items() if cost > med)
    return sorted(day for day, cost in daily.items() if Decimal("0.6745") * (cost - med) > threshold * mad)


class ReportJob:
    """A job due every `every` seconds of `clock`; due at once when made."""

    def __init__(self, clock: Callable[[], float], every: float = 86400) -> None:
        self.clock = clock
        self.every = every
        self.next_due = clock()
        self.reports: list[dict[str, Any]] = []

    def run_due(self, make: Callable[[], dict[str, Any]]) -> dict[str, Any] | None:
        """Run `make` if due; the report, or None."""
        now = self.clock()
        if now < self.next_due:
            return None
        while self.next_due <= now:
            self.next_due += self.every
        report = make()
        self.reports.append(report)
        return report


def create_app(
    folder: Path, ec2: Any, budgets: dict[str, Decimal], clock: Callable[[], float], days_in_month: int = 30
) -> FastAPI:
    """The cost optimizer's HTTP API."""
    app = FastAPI(title="costopt")
    job = ReportJob(clock)

    def unused() -> list[dict[str, str]]:
        return [{"kind": f.kind, "resource": f.resource, "monthly_usd": cents(f.monthly_usd)} for f in find_unused(ec2)]

    def rightsizing() -> list[dict[str, str]]:
        usage = json.loads((folder / "utilisation.json").read_text(encoding="utf-8"))
        found = []
        for resource in sorted(usage):
            item = usage[resource]
            advice = rightsize(resource, item["type"], item["cpu"], [Decimal(m) for m in item["memory_gib"]])
            if advice is not None:
                found.append({"resource": advice.resource, "current": advice.current, "suggested": advice.suggested,
                              "monthly_saving_usd": cents(advice.monthly_saving_usd)})
        return found

    @app.get("/costs")
    def costs() -> dict[str, Any]:
        records, bad = collect(folder)
        return {"records": len(records), "bad_rows": [[b.file, b.line] for b in bad],
                "total_usd": cents(sum((r.cost_usd for r in records), Decimal(0)))}

    @app.get("/allocation")
    def allocation() -> dict[str, str]:
        return {team: str(amount) for team, amount in allocate(collect(folder)[0]).items()}

    @app.get("/budgets")
    def budget_report() -> dict[str, dict[str, str]]:
        records = collect(folder)[0]
        shares = allocate(records)
        days_seen = len({r.day for r in records})
        answer = {}
        for team, budget in budgets.items():
            spent = shares.get(team, Decimal("0.00"))
            forecast = forecast_month_end(spent, days_seen, days_in_month)
            answer[team] = {"spent": cents(spent), "forecast": cents(forecast), "budget": cents(budget),
                            "status": budget_status(spent, forecast, budget)}
        return answer

    @app.get("/anomalies")
    def anomaly_days() -> dict[str, list[str]]:
        return {"days": anomalies(daily_totals(collect(folder)[0]))}

    app.get("/unused")(unused)
    app.get("/rightsizing")(rightsizing)

    @app.post("/reports/run")
    def run_report() -> dict[str, Any]:
        def report() -> dict[str, Any]:
            return {"at": clock(), "total_usd": costs()["total_usd"],
                    "unused_usd": cents(sum((Decimal(f["monthly_usd"]) for f in unused()), Decimal(0))),
                    "savings_usd": cents(sum((Decimal(r["monthly_saving_usd"]) for r in rightsizing()), Decimal(0))),
                    "anomalies": anomaly_days()["days"]}

        made = job.run_due(report)
        return {"ran": False} if made is None else {"ran": True, "report": made}

    return app

# %% course={"kind": "wrong", "id": "job-drifts"}
"""Milestone 5: budgets, anomalies, the report job and the HTTP API over every milestone."""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from costopt.allocate import allocate
from costopt.collect import collect
from costopt.models import CostRecord
from costopt.rightsize import rightsize
from costopt.unused import find_unused

CENT = Decimal("0.01")


def cents(amount: Decimal) -> str:
    """Money as the API sends it: "12.30"."""
    return str(amount.quantize(CENT, ROUND_HALF_UP))


def daily_totals(records: Iterable[CostRecord]) -> dict[str, Decimal]:
    """Total cost per day, in day order."""
    totals: dict[str, Decimal] = {}
    for record in records:
        totals[record.day] = totals.get(record.day, Decimal(0)) + record.cost_usd
    return dict(sorted(totals.items()))


def forecast_month_end(spent: Decimal, days_seen: int, days_in_month: int) -> Decimal:
    """Spend so far, extrapolated to the month's end."""
    return (spent * days_in_month / days_seen).quantize(CENT, ROUND_HALF_UP)


def budget_status(spent: Decimal, forecast: Decimal, budget: Decimal) -> str:
    """ "over", "at-risk" or "ok"."""
    if spent > budget:
        return "over"
    return "at-risk" if forecast > budget else "ok"


def anomalies(daily: dict[str, Decimal], threshold: Decimal = Decimal("3.5")) -> list[str]:
    """Days whose modified z-score (median and MAD) is above threshold."""
    if len(daily) < 3:
        return []
    med = statistics.median(daily.values())
    mad = statistics.median(abs(cost - med) for cost in daily.values())
    if mad == 0:
        return sorted(day for day, cost in daily.items() if cost > med)
    return sorted(day for day, cost in daily.items() if Decimal("0.6745") * (cost - med) > threshold * mad)


class ReportJob:
    """A job due every `every` seconds of `clock`; due at once when made."""

    def __init__(self, clock: Callable[[], float], every: float = 86400) -> None:
        self.clock = clock
        self.every = every
        self.next_due = clock()
        self.reports: list[dict[str, Any]] = []

    def run_due(self, make: Callable[[], dict[str, Any]]) -> dict[str, Any] | None:
        """Run `make` if due; the report, or None."""
        now = self.clock()
        if now < self.next_due:
            return None
        self.next_due = now + self.every
        report = make()
        self.reports.append(report)
        return report


def create_app(
    folder: Path, ec2: Any, budgets: dict[str, Decimal], clock: Callable[[], float], days_in_month: int = 30
) -> FastAPI:
    """The cost optimizer's HTTP API."""
    app = FastAPI(title="costopt")
    job = ReportJob(clock)

    def unused() -> list[dict[str, str]]:
        return [{"kind": f.kind, "resource": f.resource, "monthly_usd": cents(f.monthly_usd)} for f in find_unused(ec2)]

    def rightsizing() -> list[dict[str, str]]:
        usage = json.loads((folder / "utilisation.json").read_text(encoding="utf-8"))
        found = []
        for resource in sorted(usage):
            item = usage[resource]
            advice = rightsize(resource, item["type"], item["cpu"], [Decimal(m) for m in item["memory_gib"]])
            if advice is not None:
                found.append({"resource": advice.resource, "current": advice.current, "suggested": advice.suggested,
                              "monthly_saving_usd": cents(advice.monthly_saving_usd)})
        return found

    @app.get("/costs")
    def costs() -> dict[str, Any]:
        records, bad = collect(folder)
        return {"records": len(records), "bad_rows": [[b.file, b.line] for b in bad],
                "total_usd": cents(sum((r.cost_usd for r in records), Decimal(0)))}

    @app.get("/allocation")
    def allocation() -> dict[str, str]:
        return {team: str(amount) for team, amount in allocate(collect(folder)[0]).items()}

    @app.get("/budgets")
    def budget_report() -> dict[str, dict[str, str]]:
        records = collect(folder)[0]
        shares = allocate(records)
        days_seen = max(int(r.day[8:10]) for r in records)
        answer = {}
        for team, budget in budgets.items():
            spent = shares.get(team, Decimal("0.00"))
            forecast = forecast_month_end(spent, days_seen, days_in_month)
            answer[team] = {"spent": cents(spent), "forecast": cents(forecast), "budget": cents(budget),
                            "status": budget_status(spent, forecast, budget)}
        return answer

    @app.get("/anomalies")
    def anomaly_days() -> dict[str, list[str]]:
        return {"days": anomalies(daily_totals(collect(folder)[0]))}

    app.get("/unused")(unused)
    app.get("/rightsizing")(rightsizing)

    @app.post("/reports/run")
    def run_report() -> dict[str, Any]:
        def report() -> dict[str, Any]:
            return {"at": clock(), "total_usd": costs()["total_usd"],
                    "unused_usd": cents(sum((Decimal(f["monthly_usd"]) for f in unused()), Decimal(0))),
                    "savings_usd": cents(sum((Decimal(r["monthly_saving_usd"]) for r in rightsizing()), Decimal(0))),
                    "anomalies": anomaly_days()["days"]}

        made = job.run_due(report)
        return {"ran": False} if made is None else {"ran": True, "report": made}

    return app

# %% [markdown] course={"kind": "lesson", "id": "scale-and-failure", "covers": ["part-scaling", "part-failure"]}
# ### Scaling it, and what goes wrong
#
# **Scale.** A large AWS organisation's Cost and Usage Report is tens of millions of lines a month, split
# into gzipped CSV or Parquet parts in S3. costopt reads a folder into memory; the real system streams:
#
# | pressure | in this repository | at scale |
# |---|---|---|
# | large account data | `collect` reads every file per request | stream each part once, load into PostgreSQL partitioned by month, aggregate per day and tag in SQL |
# | historical data | none kept | keep raw lines for the bills' restatement window, daily aggregates for years |
# | many accounts | one EC2 client | one read-only role per account, assumed in turn, a worker pool with a rate limit per account |
# | report generation | totals computed per request | pre-computed daily aggregates; a report is a query, not a scan |
#
# **Failure.** A cost tool that is confidently wrong is worse than none:
#
# - *API rate limits*: `Describe*` calls throttle (`RequestLimitExceeded`); use botocore's adaptive retry mode
#   and back off; never hammer every region at once.
# - *Partial data*: a bad line is reported (`BadRow`) rather than dropped or fatal; a report says how much it
#   could not read. Bills are also *restated* for days afterwards, so a month is not final until it closes.
# - *Recommendation validation*: rightsizing on too few samples is refused (`min_samples`); a p95, not a mean,
#   so a nightly batch peak still fits.
# - *Rollback for actions*: costopt only recommends. A tool that acts (stops, resizes) snapshots first, tags
#   what it changed, and can put it back.
#
# The demo shows the report job on a fake clock: a scheduler that was down for three days runs the job
# once on its return, not three times in a burst.

# %% course={"kind": "demo"}
class Job:  # the shape of costopt's ReportJob, small enough to read in one go
    def __init__(self, clock, every):
        self.clock, self.every, self.next_due, self.runs = clock, every, clock(), []

    def run_due(self):
        if self.clock() < self.next_due:
            return False
        while self.next_due <= self.clock():
            self.next_due += self.every
        self.runs.append(self.clock())
        return True


fake = FakeClock(0.0)
job_demo = Job(fake, every=86400)
print("due at start:", job_demo.run_due(), "| again at once:", job_demo.run_due())
fake.advance(3 * 86400 + 5)
print("after three days away:", [job_demo.run_due() for _ in range(3)], "runs at", job_demo.runs)

# %% [markdown] course={"kind": "lesson", "id": "security-talk", "covers": ["part-security", "part-talking-points"]}
# ### Security, and how to talk about it
#
# - **Read-only cloud access.** costopt needs `ec2:Describe*`, `ce:GetCostAndUsage` and read access to the
#   billing export bucket: nothing that can change a resource. Give it a role with exactly those actions,
#   assumed per account with an external id, never long-lived keys.
# - **Cost data privacy.** Bills reveal the business (which product grows, which customer is big). Keep them
#   encrypted at rest, and return aggregates to people who only need totals.
# - **Multi-tenant isolation.** Every record carries its account (`CostRecord.account`); every query filters
#   by the tenants the caller may see, enforced in one place (a row-level security policy in PostgreSQL), not
#   in each route.
# - **Audit logging.** Who ran which report and who acted on which recommendation, append-only.
#
# Talking points, with the numbers this repository can back:
#
# - "Built a cost optimizer that normalised three clouds' billing exports into one model, with exact
#   decimal money and every unreadable line reported by file and line."
# - "Allocated shared costs to teams by largest remainder, so team totals add up to the bill to the cent."
# - "Found idle volumes, addresses and stopped instances, and rightsized on p95 utilisation with headroom:
#   here, one `m5.xlarge` to `m5.large` saves $70.08 a month."
# - "Designed spike detection on median and MAD, which does not let one spike hide itself."

# %% course={"kind": "demo"}
# Read-only in practice: the policy costopt's role needs, and a check that it allows no write action.
policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*",
          "Action": ["ec2:DescribeVolumes", "ec2:DescribeInstances", "ec2:DescribeAddresses", "ce:GetCostAndUsage"]}]}
actions = [a for s in policy["Statement"] for a in s["Action"]]
print(json.dumps(policy, indent=1)[:120], "...")
print("only reads:", all(a.split(":")[1].startswith(("Describe", "Get", "List")) for a in actions))

# %% [markdown] course={"kind": "task", "id": "design-doc", "points": 10, "item": "f-scheduled-reports"}
# ### Design document: costopt for a real organisation
#
# Write a design document (one to two pages, in a markdown cell below or `23.5-costopt/DESIGN.md`) for
# running costopt over 40 AWS accounts and a GCP and an Azure billing account. Cover:
#
# 1. the architecture: where exports land, how they are loaded (PostgreSQL schema, partitioning), what runs
#    on a schedule (reports, anomaly checks) and what on request;
# 2. scaling: data volume per month, historical retention, many accounts;
# 3. failure handling: rate limits, partial and restated data, a recommendation that turns out wrong;
# 4. security: read-only roles, tenant isolation, privacy, audit;
# 5. two trade-offs you made and what you gave up (for example: daily aggregates vs raw lines; median/MAD vs
#    a seasonal model; recommending vs acting).

# %% [markdown] course={"kind": "rubric"}
# 10 points, two per area:
#
# - **Architecture (2)**: exports to object storage, a loader into a month-partitioned table (1); a
#   scheduler for reports and anomaly checks separate from the API, jobs idempotent (1).
# - **Scaling (2)**: streaming or chunked loading instead of reading files into memory, and an estimate of
#   rows per month (1); retention of raw lines vs aggregates, and per-account parallelism with limits (1).
# - **Failure (2)**: retries with backoff on throttling and reporting of partial data (1); restatements
#   handled (reload a day) and recommendations validated or reversible (1).
# - **Security (2)**: least-privilege read-only roles assumed per account (1); tenant isolation enforced
#   in one place, encrypted data, an audit log (1).
# - **Trade-offs (2)**: two real trade-offs, each with what was given up (1 each).
