# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can turn "the service should be reliable" into numbers (SLIs, SLOs, an error
# budget in requests and in minutes), page on how fast that budget burns rather than on every blip, and write the
# logic behind an alerting pipeline yourself: rules with a `for:` duration, an Alertmanager-style routing tree,
# silences and inhibition, PagerDuty events, health checks and incident metrics.
#
# Everything here is plain Python over metric numbers we make up in the cells: no Prometheus, no Alertmanager and
# no PagerDuty account are involved. Where we imitate one of them, the lesson says which of its rules we copied
# and what we left out.

# %% course={"kind": "setup", "id": "sre-imports"}
# The standard library, PyYAML (to read an Alertmanager configuration), `handler_app` (course/runtime/handlers.py:
# a FastAPI app that hands every request to a plain function) and FastAPI's in-process `TestClient` for the
# health checks: no port is opened, and nothing here talks to Prometheus, Alertmanager or PagerDuty.
import copy
import random
import re
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import yaml

from course.runtime.handlers import Call, Reply, handler_app

with warnings.catch_warnings():  # Starlette 1.10 warns on import that its TestClient prefers `httpx2`; httpx works
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

# %% [markdown] course={"kind": "lesson", "id": "alerting-fundamentals", "covers": ["c-alerting-fundamentals", "c-alert-fatigue", "c-actionable-alerts", "c-severity-levels", "c-escalation"]}
# ### Alerting fundamentals
#
# An alert is a request for a human's attention. Every page has a cost (sleep, focus, trust), so a good alert is
# **actionable**: someone must do something now, and the alert says what (a link to a runbook). Alert on
# **symptoms** users feel (errors, latency, a full queue that delays jobs) rather than on **causes** (CPU at 90 %,
# one replica restarting): causes are many and often harmless, symptoms are few and always matter. Causes belong
# on dashboards and in tickets.
#
# **Alert fatigue** is what happens when most alerts need no action: people learn to ignore them, and the one that
# matters is acknowledged and forgotten. The cure is to delete or demote alerts, not to add filters in people's
# heads: measure for each alert how often it led to action.
#
# **Severity levels** decide *how* to tell people. A common ladder (names vary by company):
#
# | severity | meaning | channel | response |
# |---|---|---|---|
# | SEV1 / critical | users badly hurt now | page on-call, open an incident | minutes, day or night |
# | SEV2 / high | degraded, budget burning fast | page in working hours or page | within the hour |
# | SEV3 / warning | will hurt if ignored for days | ticket | next working day |
# | info | context for humans | dashboard, log | none |
#
# **Escalation** is the rule for when nobody answers: a page not acknowledged in N minutes goes to the secondary,
# then to a manager. The demo scores a week of alerts the way a team would in an alert review.

# %% course={"kind": "demo"}
week = [  # (alert name, how often it fired this week, how many of those led to an action)
    ("HighErrorRate", 3, 3),
    ("CPUAbove80", 41, 0),
    ("DiskWillFillIn4h", 2, 2),
    ("PodRestarted", 27, 1),
    ("LatencyP99High", 6, 4),
]
print(f"{'alert':<18}{'fired':>6}{'acted':>6}  verdict")
for name, fired, acted in sorted(week, key=lambda row: row[2] / row[1]):
    share = acted / fired
    verdict = "keep as page" if share >= 0.5 else "demote to ticket/dashboard" if share > 0 else "delete"
    print(f"{name:<18}{fired:>6}{acted:>6}  {verdict} ({share:.0%} actionable)")
total_fired = sum(row[1] for row in week)
print(f"{total_fired} pages, {sum(row[2] for row in week)} needed a human: that ratio is alert fatigue in one number")

# %% [markdown] course={"kind": "lesson", "id": "slis-slos-slas", "covers": ["c-slis-slos-slas", "c-service-level-indicators", "c-service-level-objectives", "c-service-level-agreements", "c-error-budgets"]}
# ### SLIs, SLOs, SLAs and the error budget
#
# - An **SLI** (indicator) is a measurement, best a ratio of good events to all events: "share of HTTP requests
#   answered without a 5xx in under 300 ms", "share of training jobs finished within 2 hours".
# - An **SLO** (objective) is the target for an SLI over a window: "99.9 % of requests good, over 30 days". It is an
#   internal goal the team chooses.
# - An **SLA** (agreement) is a contract with customers, with a consequence (credits, refunds) when it is missed.
#   It is usually looser than the SLO (say 99.5 % against an SLO of 99.9 %), so the team notices and reacts long
#   before money is at stake.
#
# The **error budget** is what the SLO allows to go wrong: `1 - SLO` of the events in the window. With 99.9 %, one
# request in a thousand may fail. Counted in time over 30 days: 30 × 24 × 60 = 43,200 minutes, and 0.1 % of that is
# 43.2 minutes of full outage. The budget turns reliability into a shared currency: while budget is left, ship
# features and take risks; when it is spent, slow releases and work on reliability. What people get wrong: floats.
# `1 - 0.999` is not `0.001` in binary floating point, so we compute with `Fraction`.

# %% course={"kind": "demo"}
print("1 - 0.999 =", 1 - 0.999, " but with Fraction:", 1 - Fraction("0.999"))
minutes_30_days = 30 * 24 * 60
for slo in ("0.99", "0.995", "0.999", "0.9999"):
    budget = 1 - Fraction(slo)
    per_month = budget * minutes_30_days
    print(f"SLO {slo:<6}: budget {str(budget):<7} = {float(per_month):6.2f} min per 30 days,"
          f" {budget * 1_000_000} bad requests per million")

# %% [markdown] course={"kind": "text"}
# **Burn rate** is how fast the budget is being spent, relative to spending it evenly: the observed error ratio
# divided by the allowed one. A burn rate of 1 spends exactly the whole budget by the end of the window; 2 spends
# it in half the window. Over a window `w` of a period `P`, a burn rate `b` consumes `b × w / P` of the budget.
#
# That formula gives the thresholds of the "multi-window, multi-burn-rate" alerts in Google's SRE workbook. For a
# 30-day (720-hour) SLO: page when 2 % of the budget goes in 1 hour (burn `0.02 × 720 / 1 = 14.4`) or 5 % in 6
# hours (`0.05 × 720 / 6 = 6`); open a ticket when 10 % goes in 3 days (`0.1 × 720 / 72 = 1`). Each long window is
# paired with a short one (5 minutes, 30 minutes, 6 hours: a twelfth of the long one) and **both** must be over the
# threshold: the long window proves it is significant, the short one proves it is still happening, so the alert
# resets soon after the problem stops.

# %% course={"kind": "demo"}
period_hours = 30 * 24
for spent, hours, short in ((Fraction(2, 100), 1, "5m"), (Fraction(5, 100), 6, "30m"), (Fraction(10, 100), 72, "6h")):
    burn = spent * period_hours / hours
    print(f"{spent * 100}% of budget in {hours:>2} h -> burn rate {float(burn):4} (short window {short});"
          f" at that rate the whole budget lasts {period_hours / burn} h")

# %% [markdown] course={"kind": "lesson", "id": "on-call", "covers": ["c-on-call-practices", "c-incident-response", "c-runbooks", "c-post-mortems"]}
# ### On-call, incidents, runbooks, postmortems
#
# **On-call** works when it is sustainable: a rotation of at least several people, a primary and a secondary, a
# hand-off note at each shift change, and a budget of pages per shift that, when exceeded, becomes work to fix the
# alerts. Time spent on repetitive manual work that does not make the system better (restarting the same job,
# cleaning the same disk) is **toil**: measure it and automate it away.
#
# **Incident response** splits roles so nobody does everything: the *incident commander* coordinates and decides,
# *operations/subject-matter* people change the system, a *communications lead* updates stakeholders and the
# status page, a *scribe* keeps the timeline. First mitigate (roll back, fail over, shed load), then find the root
# cause. The numbers teams track: **MTTD** (mean time to detect: impact start to alert) and **MTTR** (mean time to
# restore: impact start to service restored; some teams measure from detection, so say which).
#
# A **runbook** is the page the alert links to: what the alert means, how to confirm the impact (queries,
# dashboards), safe first actions, how to escalate, and who owns the service. A **postmortem** is written after
# every significant incident and is **blameless**: it asks how the system let a reasonable person make the
# mistake, never who to punish, because people hide facts from a process that punishes. It holds the impact (with
# numbers), the timeline, the contributing causes, what went well, and action items with owners.

# %% course={"kind": "demo"}
timeline = [  # one incident, minutes after midnight; the scribe's notes
    (0, "impact starts: bad config pushed, 30% of checkout requests fail"),
    (4, "HighErrorRate fast-burn alert pages primary on-call"),
    (9, "primary acknowledges, declares SEV2, becomes incident commander"),
    (17, "config rollback started"),
    (22, "error ratio back under SLO: service restored"),
    (60, "postmortem scheduled; action: validate config in CI"),
]
start = timeline[0][0]
budget_minutes_999 = (1 - Fraction("0.999")) * 30 * 24 * 60
print(f"time to detect : {timeline[1][0] - start} min\ntime to restore: {timeline[4][0] - start} min")
print(f"budget spent   : 30% failing for 22 min = {float(Fraction(30, 100) * 22)} full-outage minutes,"
      f" of the {float(budget_minutes_999)} a 99.9% SLO allows in 30 days")

# %% [markdown] course={"kind": "lesson", "id": "alert-management", "covers": ["c-alert-management", "c-pagerduty-opsgenie-integration", "c-alert-routing", "c-alert-grouping", "c-silencing"]}
# ### Alert management: routing, grouping, silences, paging tools
#
# Prometheus evaluates rules and sends firing alerts (sets of labels plus annotations) to **Alertmanager**, which
# decides who hears about them. Its ideas, as data:
#
# - **Routing tree**: each route has matchers on labels and a receiver. An alert enters at the root and walks
#   down: the first child route that matches takes it, and the later siblings are not tried, unless that child
#   says `continue: true` (then the search goes on, and the next matching sibling takes it too); a route with no
#   matching child handles the alert itself. Children inherit
#   settings (receiver, grouping) from their parent.
# - **Grouping**: alerts with the same values of the `group_by` labels become one notification ("12 pods down in
#   cluster eu-1"), so one failure does not send a hundred pages.
# - **Inhibition**: while a *source* alert fires (say `ClusterDown`), matching *target* alerts that share some labels
#   (the same `cluster`) are muted: the root cause already paged.
# - **Silences**: label matchers with a start and an end time, made by a human during maintenance or while a
#   known problem is worked on.
#
# **PagerDuty, Opsgenie** and similar tools own the people side: schedules, escalation policies, acknowledgement.
# Integrations send them events over HTTP; PagerDuty's Events API v2 takes a JSON body with a `routing_key` (the
# integration), an `event_action` (`trigger`, `acknowledge`, `resolve`) and a `dedup_key` that ties a resolve to
# its trigger. The demo groups a burst of alerts.

# %% course={"kind": "demo"}
burst = [
    {"alertname": "PodDown", "cluster": "eu-1", "pod": "api-1"},
    {"alertname": "PodDown", "cluster": "eu-1", "pod": "api-2"},
    {"alertname": "PodDown", "cluster": "us-2", "pod": "api-7"},
    {"alertname": "DiskFull", "cluster": "eu-1", "pod": "db-0"},
    {"alertname": "PodDown", "cluster": "eu-1", "pod": "api-3"},
]
groups: dict[tuple[str, ...], list[str]] = {}
for alert in burst:
    groups.setdefault((alert["alertname"], alert["cluster"]), []).append(alert["pod"])
for (alertname, cluster), pods in sorted(groups.items()):
    print(f"notification: {alertname} in {cluster}: {len(pods)} alert(s) {pods}")
print(f"{len(burst)} alerts became {len(groups)} notifications with group_by: [alertname, cluster]")

# %% [markdown] course={"kind": "text"}
# In a real Alertmanager all of this is one YAML file. Below is the shape of an `alertmanager.yml` (read here with
# PyYAML; no Alertmanager runs), printed as the tree an alert walks down. Current Alertmanager versions write
# matchers as strings (`matchers: ['team="db"']`); the exercises below use the older `match` / `match_re` maps,
# which say the same thing as plain dicts.

# %% course={"kind": "demo"}
ALERTMANAGER_YML = """
route:
  receiver: team-email
  group_by: [alertname, cluster]
  group_wait: 30s
  repeat_interval: 4h
  routes:
    - matchers: ['severity="critical"']
      receiver: pagerduty-primary
      continue: true
    - matchers: ['team="db"']
      receiver: db-chat
inhibit_rules:
  - source_matchers: ['alertname="ClusterDown"']
    target_matchers: ['severity=~"warning|critical"']
    equal: [cluster]
receivers:
  - name: team-email
  - name: db-chat
  - name: pagerduty-primary
    pagerduty_configs:
      - routing_key: not-a-real-key
"""
am_config = yaml.safe_load(ALERTMANAGER_YML)


def show(node: dict[str, Any], depth: int = 0) -> None:
    matchers = ", ".join(node.get("matchers", [])) or "(everything)"
    extra = "  [continue]" if node.get("continue") else ""
    print(f"{'    ' * depth}{matchers} -> {node['receiver']}{extra}")
    for child in node.get("routes", []):
        show(child, depth + 1)


show(am_config["route"])
inhibit = am_config["inhibit_rules"][0]
print("inhibit:", inhibit["source_matchers"], "mutes", inhibit["target_matchers"], "when equal on", inhibit["equal"])

# %% [markdown] course={"kind": "lesson", "id": "python-for-alerting", "covers": ["c-python-for-alerting", "c-custom-alert-logic", "c-health-check-endpoints", "c-alert-notification-scripts"]}
# ### Python for alerting
#
# Python shows up at every step: **custom alert logic** that PromQL expresses badly (a business rule, a
# comparison with last week), **notification scripts** that turn an Alertmanager webhook into a PagerDuty event or
# a chat message, and **health-check endpoints** that tell load balancers and Kubernetes whether to send traffic.
#
# Two kinds of health check, often confused: **liveness** ("is this process stuck? restart it") must check only
# the process itself; **readiness** ("can it serve right now?") may check its dependencies. A liveness check that
# calls the database restarts every pod when the database blips, which turns a small outage into a big one.
# Readiness answers 200 when ready and 503 when not. The demo serves a readiness check through a real FastAPI app
# (in process, through `TestClient`: no port is opened).

# %% course={"kind": "demo"}
database_up = {"value": True}


def ready_handler(call: Call) -> Reply:
    if call.path == "/livez":
        return Reply(200, {"status": "ok"})
    ok = database_up["value"]
    return Reply(200 if ok else 503, {"status": "ok" if ok else "fail", "checks": {"database": ok}})


health_client = TestClient(handler_app(ready_handler))
for up in (True, False):
    database_up["value"] = up
    ready, live = health_client.get("/readyz"), health_client.get("/livez")
    print(f"database up={up!s:5}: /readyz {ready.status_code} {ready.json()}   /livez {live.status_code}")

# %% [markdown] course={"kind": "lesson", "id": "chaos-engineering", "covers": ["c-chaos-engineering-basics", "c-fault-injection", "c-resilience-testing", "c-chaos-monkey-concepts"]}
# ### Chaos engineering basics
#
# Chaos engineering checks, on purpose and in a controlled way, that the system survives the failures it claims to
# survive. The loop: state the steady state as an SLI ("99.9 % of requests good"), form a hypothesis ("losing one
# replica keeps it"), **inject a fault** (kill a process, add latency, drop packets, fill a disk), watch the SLI,
# and stop at once if the error budget burns too fast (the *blast radius* is kept small: one instance, a share of
# traffic). Netflix's **Chaos Monkey** made the idea famous: it terminates random production instances during
# working hours, so engineers build services that expect it. **Resilience testing** is the same idea in tests:
# a fake dependency that fails on command. The demo injects failures into a call with a fixed seed and shows
# that a retry keeps the success ratio above the SLO while the raw dependency does not. The catch people miss:
# each retry is one more call, so during a real outage retries multiply the load on the struggling dependency;
# cap them, wait between them (backoff with jitter), and run the experiment to see that they stay capped.

# %% course={"kind": "demo"}
chaos = random.Random(18_4)


def flaky_dependency() -> bool:
    return chaos.random() >= 0.05  # fault injection: 5 % of calls fail


def with_one_retry() -> bool:
    return flaky_dependency() or flaky_dependency()


for label, call_it in (("no retry", flaky_dependency), ("one retry", with_one_retry)):
    good = sum(call_it() for _ in range(10_000))
    print(f"{label:>9}: {good / 100:.2f}% good  (SLO 99.5% {'met' if good >= 9_950 else 'MISSED'})")

# %% [markdown] course={"kind": "exercise", "id": "error-budget", "item": "x-define-slis-and-slos-for-a-service"}
# ### Error budget, exactly
#
# Write two functions, both exact (no floats anywhere):
#
# - `error_budget(slo, total)`: how many bad events an SLO allows out of `total` events, as an `int`, rounded
#   **down** (a budget of 1.5 requests allows 1);
# - `budget_minutes(slo, days)`: how many minutes of full outage the SLO allows over `days` days, as a `Fraction`.
#
# `slo` is a `Fraction` with `0 < slo <= 1` (`Fraction(1)` is a 100 % SLO: no budget at all); anything outside
# raises `ValueError`. `total` and `days` are `int`s `>= 0` (zero traffic allows zero bad events); a negative one
# raises `ValueError`.
#
# ```python
# >>> error_budget(Fraction("0.999"), 1_000_000), budget_minutes(Fraction("0.999"), 30)
# (1000, Fraction(216, 5))
# ```

# %% [markdown] course={"kind": "hint"}
# The budget share is `1 - slo`; multiply it by `total` (or by the number of minutes in `days`).

# %% [markdown] course={"kind": "hint"}
# `int()` of a positive `Fraction` rounds down; `//` 1 does too. `round()` rounds half to even: not what a budget
# means. A day has `24 * 60` minutes.

# %% course={"kind": "solution"}
def _check_slo(slo: Fraction) -> None:
    if not 0 < slo <= 1:
        raise ValueError(f"an SLO is in (0, 1], not {slo}")


def error_budget(slo: Fraction, total: int) -> int:
    ### BEGIN SOLUTION
    _check_slo(slo)
    if total < 0:
        raise ValueError("total must be >= 0")
    return (1 - slo) * total // 1
    ### END SOLUTION


def budget_minutes(slo: Fraction, days: int) -> Fraction:
    ### BEGIN SOLUTION
    _check_slo(slo)
    if days < 0:
        raise ValueError("days must be >= 0")
    return (1 - slo) * days * 24 * 60
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert error_budget(Fraction("0.999"), 1_000_000) == 1000, "99.9 % of a million requests allows 1000 bad ones"
assert budget_minutes(Fraction("0.999"), 30) == Fraction(216, 5), "99.9 % over 30 days allows 43.2 minutes"

# %% course={"kind": "test", "points": 2}
assert error_budget(Fraction("0.999"), 1500) == 1, "1.5 allowed bad events round down to 1"
assert type(error_budget(Fraction("0.99"), 1000)) is int, "the budget in events is an int"
assert type(budget_minutes(Fraction("0.99"), 1)) is Fraction, "the budget in minutes is a Fraction"
assert error_budget(Fraction("0.9"), 10) == 1, "exactly 1: in floats (1 - 0.9) * 10 is 0.999..., which rounds down to 0"
### BEGIN HIDDEN TESTS
assert error_budget(Fraction("0.999"), 2500) == 2 and error_budget(Fraction("0.999"), 999) == 0
assert error_budget(Fraction("0.9999"), 10_000) == 1
assert error_budget(Fraction("0.99"), 1000) == 10 and type(error_budget(Fraction("0.999"), 1500)) is int
assert budget_minutes(Fraction("0.99"), 1) == Fraction(72, 5)
assert budget_minutes(Fraction("0.9999"), 365) == Fraction(1314, 25)
assert budget_minutes(Fraction(1, 2), 7) == 5040
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert error_budget(Fraction(1), 10**9) == 0, "a 100 % SLO has no budget"
assert error_budget(Fraction("0.999"), 0) == 0, "no traffic, no budget"
assert budget_minutes(Fraction(1), 30) == 0 and budget_minutes(Fraction("0.9"), 0) == 0
for bad_slo in (Fraction(0), Fraction(-1, 2), Fraction(1001, 1000), Fraction(2)):
    for call in (lambda: error_budget(bad_slo, 100), lambda: budget_minutes(bad_slo, 30)):
        try:
            call()
        except ValueError:
            pass
        else:
            raise AssertionError(f"an SLO of {bad_slo} must raise ValueError")
### BEGIN HIDDEN TESTS
for call in (lambda: error_budget(Fraction("0.9"), -1), lambda: budget_minutes(Fraction("0.9"), -1)):
    try:
        call()
    except ValueError:
        pass
    else:
        raise AssertionError("a negative count must raise ValueError")
assert error_budget(Fraction(1, 10**6), 10**6) == 999_999
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "float-round"}
def _check_slo(slo):
    if not 0 < slo <= 1:
        raise ValueError(slo)


def error_budget(slo, total):
    _check_slo(slo)
    if total < 0:
        raise ValueError(total)
    return round((1 - float(slo)) * total)


def budget_minutes(slo, days):
    _check_slo(slo)
    if days < 0:
        raise ValueError(days)
    return (1 - slo) * days * 24 * 60

# %% course={"kind": "wrong", "id": "float-floor"}
def _check_slo(slo):
    if not 0 < slo <= 1:
        raise ValueError(slo)


def error_budget(slo, total):
    _check_slo(slo)
    if total < 0:
        raise ValueError(total)
    return int((1 - float(slo)) * total)


def budget_minutes(slo, days):
    _check_slo(slo)
    if days < 0:
        raise ValueError(days)
    return (1 - slo) * days * 24 * 60

# %% course={"kind": "wrong", "id": "allows-zero-slo"}
def _check_slo(slo):
    if not 0 <= slo <= 1:
        raise ValueError(slo)


def error_budget(slo, total):
    _check_slo(slo)
    if total < 0:
        raise ValueError(total)
    return int((1 - slo) * total)


def budget_minutes(slo, days):
    _check_slo(slo)
    return (1 - slo) * days * 24 * 60

# %% course={"kind": "wrong", "id": "hours-not-minutes"}
def _check_slo(slo):
    if not 0 < slo <= 1:
        raise ValueError(slo)


def error_budget(slo, total):
    _check_slo(slo)
    if total < 0:
        raise ValueError(total)
    return int((1 - slo) * total)


def budget_minutes(slo, days):
    _check_slo(slo)
    if days < 0:
        raise ValueError(days)
    return (1 - slo) * days * 24

# %% [markdown] course={"kind": "exercise", "id": "burn-rate", "item": "project-18-4-1"}
# ### Burn rate over a window
#
# A time series holds one row per minute: `(minute, total, bad)` (the minute number, requests, failed requests),
# in any order; `series` may be any iterable of rows, a generator too (read it once). Write
# `burn_rate(series, end, window, slo)`: the burn rate over the `window` minutes that end at minute `end`, that
# is the minutes `m` with `end - window < m <= end`. It is the error ratio of those minutes (all their bad
# requests over all their requests, **not** an average of per-minute ratios) divided by the budget share
# `1 - slo`, as a `Fraction`. Minutes with no traffic count as no errors; a window with no traffic at all has
# burn rate `Fraction(0)`. A 100 % SLO (`slo == 1`) has no budget to divide by: raise `ValueError`.
#
# ```python
# >>> burn_rate([(1, 100, 0), (2, 100, 2)], end=2, window=2, slo=Fraction("0.99"))
# Fraction(1, 1)
# ```

# %% [markdown] course={"kind": "hint"}
# Sum `total` and `bad` over the rows whose minute is in the window, then divide once.

# %% [markdown] course={"kind": "hint"}
# `Fraction(bad, total) / (1 - slo)`; check `total == 0` before dividing. The window `(end - window, end]` excludes
# its first edge: a 5-minute window ending at 10 holds minutes 6 to 10.

# %% course={"kind": "solution"}
def burn_rate(series: Iterable[tuple[int, int, int]], end: int, window: int, slo: Fraction) -> Fraction:
    ### BEGIN SOLUTION
    if slo == 1:
        raise ValueError("a 100 % SLO has no error budget")
    total = bad = 0
    for minute, requests, failed in series:
        if end - window < minute <= end:
            total += requests
            bad += failed
    if total == 0:
        return Fraction(0)
    return Fraction(bad, total) / (1 - slo)
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert burn_rate([(1, 100, 0), (2, 100, 2)], end=2, window=2, slo=Fraction("0.99")) == 1, (
    "2 bad of 200 is a 1 % error ratio: exactly the 1 % budget, burn rate 1")

# %% course={"kind": "test", "points": 2}
rows = [(minute, 100, 0) for minute in range(1, 11)] + [(11, 100, 50)]
assert burn_rate(rows, end=11, window=5, slo=Fraction("0.99")) == 10, "minutes 7..11: 50 bad of 500, 10 % / 1 %"
assert burn_rate(rows, end=10, window=5, slo=Fraction("0.99")) == 0, "minute 11 is after the window"
assert burn_rate([(1, 1000, 10), (2, 10, 10)], 2, 2, Fraction("0.9")) == Fraction(20, 1010) / Fraction(1, 10), (
    "pool the counts: one quiet bad minute must not weigh like a busy one")
### BEGIN HIDDEN TESTS
assert burn_rate(rows, end=15, window=5, slo=Fraction("0.99")) == 50, "minute 11 alone in 11..15: 50 %"
assert burn_rate(rows, end=16, window=5, slo=Fraction("0.99")) == 0, "minute 11 is just before 12..16"
assert burn_rate(rows, end=11, window=1, slo=Fraction("0.99")) == 50
assert burn_rate(list(reversed(rows)), end=11, window=2, slo=Fraction("0.999")) == 250
assert type(burn_rate(rows, 11, 5, Fraction("0.99"))) is Fraction
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert burn_rate([], 10, 5, Fraction("0.999")) == 0, "no traffic: no burn"
assert type(burn_rate([(3, 0, 0)], 3, 1, Fraction("0.999"))) is Fraction, "no traffic still gives a Fraction"
try:
    burn_rate([(1, 10, 1)], 1, 1, Fraction(1))
except ValueError:
    pass
else:
    raise AssertionError("a 100 % SLO must raise ValueError")
### BEGIN HIDDEN TESTS
assert burn_rate(iter([(1, 10, 1), (2, 0, 0)]), 2, 60, Fraction("0.9")) == 1, "any iterable of rows"
assert burn_rate([(5, 0, 0), (6, 0, 0)], 6, 2, Fraction("0.5")) == 0
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "average-of-ratios"}
def burn_rate(series, end, window, slo):
    if slo == 1:
        raise ValueError(slo)
    ratios = [Fraction(bad, total) for minute, total, bad in series if end - window < minute <= end and total]
    if not ratios:
        return Fraction(0)
    return sum(ratios, Fraction(0)) / len(ratios) / (1 - slo)

# %% course={"kind": "wrong", "id": "inclusive-start"}
def burn_rate(series, end, window, slo):
    if slo == 1:
        raise ValueError(slo)
    total = bad = 0
    for minute, requests, failed in series:
        if end - window <= minute <= end:
            total += requests
            bad += failed
    return Fraction(bad, total) / (1 - slo) if total else Fraction(0)

# %% course={"kind": "wrong", "id": "zero-division"}
def burn_rate(series, end, window, slo):
    if slo == 1:
        raise ValueError(slo)
    total = bad = 0
    for minute, requests, failed in series:
        if end - window < minute <= end:
            total += requests
            bad += failed
    return Fraction(bad, total) / (1 - slo)

# %% [markdown] course={"kind": "exercise", "id": "multiwindow", "item": "project-18-4-1"}
# ### Multi-window, multi-burn-rate alert
#
# Write `burn_alert(burns, rules)`. `burns` maps a window length in minutes to the burn rate measured over it
# (`{60: Fraction(15), 5: Fraction(20), ...}`). `rules` is a list of dicts `{"long": 60, "short": 5, "factor":
# Fraction(72, 5), "severity": "page"}`, most urgent first. A rule fires when the burn rate of **both** its long
# and its short window is strictly greater than `factor`. Return the `severity` of the first rule that fires, or
# `None` when none does. A window a rule needs that is missing from `burns` raises `KeyError`.
#
# ```python
# >>> burn_alert({60: Fraction(15), 5: Fraction(20)}, [{"long": 60, "short": 5, "factor": Fraction(72, 5), "severity": "page"}])
# 'page'
# ```

# %% [markdown] course={"kind": "hint"}
# Loop over the rules in order and return as soon as one fires.

# %% [markdown] course={"kind": "hint"}
# `burns[rule["long"]] > rule["factor"] and burns[rule["short"]] > rule["factor"]`; after the loop, `return None`.

# %% course={"kind": "solution"}
WORKBOOK_RULES = [  # Google SRE workbook's table for a 30-day SLO, windows in minutes
    {"long": 60, "short": 5, "factor": Fraction(72, 5), "severity": "page"},
    {"long": 360, "short": 30, "factor": Fraction(6), "severity": "page"},
    {"long": 4320, "short": 360, "factor": Fraction(1), "severity": "ticket"},
]


def burn_alert(burns: Mapping[int, Fraction], rules: Sequence[Mapping[str, Any]]) -> str | None:
    ### BEGIN SOLUTION
    for rule in rules:
        if burns[rule["long"]] > rule["factor"] and burns[rule["short"]] > rule["factor"]:
            return rule["severity"]
    return None
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert burn_alert({60: Fraction(15), 5: Fraction(20)}, WORKBOOK_RULES[:1]) == "page", "both windows over 14.4"

# %% course={"kind": "test", "points": 2}
calm = {60: Fraction(0), 5: Fraction(0), 360: Fraction(0), 30: Fraction(0), 4320: Fraction(0)}
assert burn_alert(calm, WORKBOOK_RULES) is None, "no burn, no alert"
assert burn_alert({**calm, 60: Fraction(20), 5: Fraction(1)}, WORKBOOK_RULES) is None, (
    "the problem stopped: the short window is calm, so no page even though the last hour was bad")
assert burn_alert({**calm, 60: Fraction(1), 5: Fraction(50)}, WORKBOOK_RULES) is None, (
    "a five-minute spike alone is not significant")
### BEGIN HIDDEN TESTS
assert burn_alert({**calm, 360: Fraction(7), 30: Fraction(1)}, WORKBOOK_RULES) is None
assert burn_alert({**calm, 4320: Fraction(1), 360: Fraction(3)}, WORKBOOK_RULES) is None
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
edge = {**calm, 60: Fraction(72, 5), 5: Fraction(100)}
assert burn_alert(edge, WORKBOOK_RULES) is None, "exactly 14.4 is not over 14.4"
assert burn_alert({**calm, 360: Fraction(7), 30: Fraction(7)}, WORKBOOK_RULES) == "page", "the slow page rule"
assert burn_alert({**calm, 4320: Fraction(3, 2), 360: Fraction(2)}, WORKBOOK_RULES) == "ticket"
### BEGIN HIDDEN TESTS
assert burn_alert({**calm, 60: Fraction(100), 5: Fraction(72, 5)}, WORKBOOK_RULES) is None
assert burn_alert({**calm, 60: Fraction(73, 5), 5: Fraction(73, 5)}, WORKBOOK_RULES) == "page"
assert burn_alert({**calm, 4320: Fraction(1), 360: Fraction(2)}, WORKBOOK_RULES) is None
everything = {60: Fraction(99), 5: Fraction(99), 360: Fraction(99), 30: Fraction(99), 4320: Fraction(99)}
assert burn_alert(everything, list(reversed(WORKBOOK_RULES))) == "ticket", "the first rule that fires wins"
assert burn_alert(calm, []) is None
try:
    burn_alert({60: Fraction(1)}, WORKBOOK_RULES)
except KeyError:
    pass
else:
    raise AssertionError("a missing window must raise KeyError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "long-window-only"}
WORKBOOK_RULES = [
    {"long": 60, "short": 5, "factor": Fraction(72, 5), "severity": "page"},
    {"long": 360, "short": 30, "factor": Fraction(6), "severity": "page"},
    {"long": 4320, "short": 360, "factor": Fraction(1), "severity": "ticket"},
]


def burn_alert(burns, rules):
    for rule in rules:
        if burns[rule["long"]] > rule["factor"]:
            return rule["severity"]
    return None

# %% course={"kind": "wrong", "id": "either-window"}
WORKBOOK_RULES = [
    {"long": 60, "short": 5, "factor": Fraction(72, 5), "severity": "page"},
    {"long": 360, "short": 30, "factor": Fraction(6), "severity": "page"},
    {"long": 4320, "short": 360, "factor": Fraction(1), "severity": "ticket"},
]


def burn_alert(burns, rules):
    for rule in rules:
        if burns[rule["long"]] > rule["factor"] or burns[rule["short"]] > rule["factor"]:
            return rule["severity"]
    return None

# %% course={"kind": "wrong", "id": "at-threshold"}
WORKBOOK_RULES = [
    {"long": 60, "short": 5, "factor": Fraction(72, 5), "severity": "page"},
    {"long": 360, "short": 30, "factor": Fraction(6), "severity": "page"},
    {"long": 4320, "short": 360, "factor": Fraction(1), "severity": "ticket"},
]


def burn_alert(burns, rules):
    for rule in rules:
        if min(burns[rule["long"]], burns[rule["short"]]) >= rule["factor"]:
            return rule["severity"]
    return None

# %% [markdown] course={"kind": "exercise", "id": "for-duration", "item": "x-create-alert-rules-in-prometheus"}
# ### An alert rule with a `for:` duration
#
# A Prometheus alerting rule such as `expr: error_ratio > 0.05` with `for: 2m` does not fire at once. At each
# evaluation where the expression holds, a new alert becomes **pending** (remembering when it became active); it
# turns **firing** once it has been active for at least the `for` duration (with `for: 0` it fires at the first
# evaluation); as soon as the expression stops holding, a pending alert is dropped and a firing one is
# **resolved** (unless the rule sets the newer `keep_firing_for`, which we leave out).
#
# Write `alert_transitions(samples, threshold, hold)`. `samples` is a list of `(time, value)` evaluations in
# seconds; `value` may be `None` (no data: the expression does not hold). The expression holds when `value >
# threshold`. Return the list of changes `(time, state)` with `state` one of `"pending"`, `"firing"`, `"inactive"`
# (a pending alert dropped) and `"resolved"` (a firing alert ended); an evaluation that changes nothing adds nothing.
# Times must strictly increase, otherwise raise `ValueError`.
#
# ```python
# >>> alert_transitions([(0, 5), (60, 9), (120, 9), (180, 9), (240, 1)], threshold=8, hold=120)
# [(60, 'pending'), (180, 'firing'), (240, 'resolved')]
# ```

# %% [markdown] course={"kind": "hint"}
# Keep two variables between samples: the current state and the time the alert became active.

# %% [markdown] course={"kind": "hint"}
# At each sample compute the new state: if the expression holds, `"firing"` when `time - active_since >= hold`,
# else `"pending"`; if not, `"inactive"`. Record a change only when it differs from the old state, and name a
# firing-to-inactive change `"resolved"`.

# %% course={"kind": "solution", "equivalent": {"m-2f2eb1f2": "state starts inactive, so active_since is set before it is ever read"}}
def alert_transitions(samples: Sequence[tuple[int, float | None]], threshold: float,
                      hold: int) -> list[tuple[int, str]]:
    ### BEGIN SOLUTION
    changes: list[tuple[int, str]] = []
    state = "inactive"
    active_since = None
    previous = None
    for time, value in samples:
        if previous is not None and time <= previous:
            raise ValueError(f"evaluation times must increase: {time} after {previous}")
        previous = time
        if value is not None and value > threshold:
            if state == "inactive":
                active_since = time
            new = "firing" if time - active_since >= hold else "pending"
        else:
            new = "inactive"
        if new != state:
            changes.append((time, "resolved" if state == "firing" else new))
            state = new
    return changes
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert alert_transitions([(0, 5), (60, 9), (120, 9), (180, 9), (240, 1)], threshold=8, hold=120) == [
    (60, "pending"), (180, "firing"), (240, "resolved")], "pending at 60, firing once 120 s old, resolved at 240"

# %% course={"kind": "test", "points": 2}
assert alert_transitions([(0, 9), (60, 9), (90, 1), (120, 9)], 8, 120) == [
    (0, "pending"), (90, "inactive"), (120, "pending")], "a dip drops a pending alert, and the clock starts again"
assert alert_transitions([(0, 9), (60, 9)], 8, 0) == [(0, "firing")], "for: 0 fires at the first evaluation"
assert alert_transitions([(0, 9), (60, None)], 8, 0) == [(0, "firing"), (60, "resolved")], "no data resolves"
### BEGIN HIDDEN TESTS
assert alert_transitions([(0, 9), (119, 9), (120, 9)], 8, 120) == [(0, "pending"), (120, "firing")]
assert alert_transitions([(0, 8), (1, 8.5)], 8, 0) == [(1, "firing")], "8 is not over 8"
assert alert_transitions([(0, None), (30, 9), (60, 9), (90, 9), (100, 2), (110, 9)], 8, 60) == [
    (30, "pending"), (90, "firing"), (100, "resolved"), (110, "pending")]
assert alert_transitions([(5, 1), (6, 2)], 8, 10) == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert alert_transitions([], 8, 60) == [], "no evaluations, no changes"
for bad in ([(0, 1), (0, 2)], [(10, 1), (5, 2)]):
    try:
        alert_transitions(bad, 8, 60)
    except ValueError:
        pass
    else:
        raise AssertionError(f"times {[t for t, _ in bad]} do not increase: ValueError expected")
### BEGIN HIDDEN TESTS
long_run = [(t, 9) for t in range(0, 3600, 15)]
assert alert_transitions(long_run, 8, 300) == [(0, "pending"), (300, "firing")]
assert type(alert_transitions(long_run, 8, 300)) is list
assert alert_transitions([(-60, 9), (0, 9)], 8, 60) == [(-60, "pending"), (0, "firing")]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "strictly-longer"}
def alert_transitions(samples, threshold, hold):
    changes, state, since, previous = [], "inactive", None, None
    for time, value in samples:
        if previous is not None and time <= previous:
            raise ValueError(time)
        previous = time
        if value is not None and value > threshold:
            if state == "inactive":
                since = time
            new = "firing" if time - since > hold else "pending"
        else:
            new = "inactive"
        if new != state:
            changes.append((time, "resolved" if state == "firing" else new))
            state = new
    return changes

# %% course={"kind": "wrong", "id": "restarts-every-sample"}
def alert_transitions(samples, threshold, hold):
    changes, state, previous = [], "inactive", None
    for time, value in samples:
        if previous is not None and time <= previous:
            raise ValueError(time)
        previous = time
        if value is not None and value > threshold:
            since = time
            new = "firing" if time - since >= hold else "pending"
        else:
            new = "inactive"
        if new != state:
            changes.append((time, "resolved" if state == "firing" else new))
            state = new
    return changes

# %% course={"kind": "wrong", "id": "pending-resolved"}
def alert_transitions(samples, threshold, hold):
    changes, state, since, previous = [], "inactive", None, None
    for time, value in samples:
        if previous is not None and time <= previous:
            raise ValueError(time)
        previous = time
        if value is not None and value > threshold:
            if state == "inactive":
                since = time
            new = "firing" if time - since >= hold else "pending"
        else:
            new = "inactive"
        if new != state:
            changes.append((time, "resolved" if new == "inactive" else new))
            state = new
    return changes

# %% [markdown] course={"kind": "exercise", "id": "routing-tree"}
# ### An Alertmanager-style routing tree
#
# A route is a dict with optional keys `receiver` (a name), `match` (label → exact value), `match_re` (label →
# regular expression, which must match the **whole** value), `continue` (bool, default `False`) and `routes` (child
# routes, in order). A label the alert does not have counts as the empty string. Write `route(labels, tree)` that
# returns the list of receivers an alert with these labels goes to, following Alertmanager's walk:
#
# - a route whose matchers do not all match takes nothing;
# - otherwise its children are tried in order; each child that matches adds its own result, and the search stops
#   after the first matching child unless that child has `continue: True`;
# - if no child matched, the route itself handles the alert: its `receiver`, or, when it has none, the nearest
#   ancestor's (the root always has one).
#
# ```python
# >>> tree = {"receiver": "email", "routes": [{"match": {"team": "db"}, "receiver": "db-pager"}]}
# >>> route({"team": "db"}, tree), route({"team": "web"}, tree)
# (['db-pager'], ['email'])
# ```

# %% [markdown] course={"kind": "hint"}
# Write a recursive `walk(node, inherited_receiver)` that returns a list (empty when the node does not match).

# %% [markdown] course={"kind": "hint"}
# `re.fullmatch(pattern, labels.get(name, ""))` anchors the expression as Alertmanager does. In the loop over
# children: `found = walk(child, receiver)`; extend; `if found and not child.get("continue", False): break`.

# %% course={"kind": "solution"}
def route(labels: Mapping[str, str], tree: Mapping[str, Any]) -> list[str]:
    ### BEGIN SOLUTION
    def matches(node: Mapping[str, Any]) -> bool:
        exact = all(labels.get(name, "") == value for name, value in node.get("match", {}).items())
        return exact and all(re.fullmatch(pattern, labels.get(name, "")) is not None
                             for name, pattern in node.get("match_re", {}).items())

    def walk(node: Mapping[str, Any], inherited: str) -> list[str]:
        if not matches(node):
            return []
        receiver = node.get("receiver", inherited)
        found: list[str] = []
        for child in node.get("routes", []):
            taken = walk(child, receiver)
            found.extend(taken)
            if taken and not child.get("continue", False):
                break
        return found or [receiver]

    return walk(tree, tree["receiver"])
    ### END SOLUTION


# %% course={"kind": "setup", "id": "routing-tree-data"}
# The routing tree of the routing exercise (a setup cell, so the solution and every test see the same tree).
ROUTES = {
    "receiver": "team-email",
    "routes": [
        {"match": {"severity": "critical"}, "receiver": "audit-log", "continue": True},
        {"match": {"team": "db"}, "receiver": "db-pager",
         "routes": [{"match": {"env": "staging"}, "receiver": "db-chat"}]},
        {"match_re": {"service": "ml-.*"}, "receiver": "mlops-pager",
         "routes": [{"match": {"severity": "info"}}]},
        {"match": {"team": "db"}, "receiver": "never-reached"},
    ],
}

# %% course={"kind": "test", "points": 1}
tree = {"receiver": "email", "routes": [{"match": {"team": "db"}, "receiver": "db-pager"}]}
assert route({"team": "db"}, tree) == ["db-pager"], "the matching child takes the alert"
assert route({"team": "web"}, tree) == ["email"], "no child matches: the root's receiver"

# %% course={"kind": "test", "points": 2}
assert route({"team": "db", "env": "prod"}, ROUTES) == ["db-pager"], "first match wins: never-reached stays unreached"
assert route({"team": "db", "env": "staging"}, ROUTES) == ["db-chat"], "the deepest matching route"
assert route({"team": "db", "severity": "critical"}, ROUTES) == ["audit-log", "db-pager"], (
    "continue: True lets the next matching sibling take the alert too")
### BEGIN HIDDEN TESTS
assert route({"severity": "critical"}, ROUTES) == ["audit-log"]
assert route({"severity": "critical", "service": "ml-serving"}, ROUTES) == ["audit-log", "mlops-pager"]
assert route({}, ROUTES) == ["team-email"]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert route({"service": "ml-serving", "severity": "info"}, ROUTES) == ["mlops-pager"], (
    "a route without a receiver inherits its parent's")
assert route({"service": "my-ml-serving"}, ROUTES) == ["team-email"], "match_re matches the whole value"
assert route({"service": "ml-"}, ROUTES) == ["mlops-pager"]
### BEGIN HIDDEN TESTS
assert route({"service": "ml-x\n"}, ROUTES) == ["team-email"], "fullmatch, not a $ that allows a newline"
assert route({"env": ""}, {"receiver": "r", "routes": [{"match": {"env": ""}, "receiver": "empty"}]}) == ["empty"]
assert route({}, {"receiver": "r", "routes": [{"match": {"env": ""}, "receiver": "empty"}]}) == ["empty"], (
    "a missing label is the empty string")
assert route({"a": "1"}, {"receiver": "r", "routes": [{"match": {"a": "1", "b": "2"}, "receiver": "x"}]}) == ["r"]
assert route({"a": "1"}, {"receiver": "r", "routes": [{"match": {"a": "1"}, "match_re": {"b": "2"},
                                                        "receiver": "x"}]}) == ["r"], "every matcher must match"
assert route({"a": "1"}, {"receiver": "r", "match": {"a": "2"}}) == [], "a root that does not match takes nothing"
chain = {"receiver": "r", "routes": [{"continue": True, "receiver": "a"}, {"continue": True, "receiver": "b"},
                                     {"receiver": "c"}, {"receiver": "d"}]}
assert route({}, chain) == ["a", "b", "c"]
assert type(route({}, chain)) is list
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "ignores-continue"}
def route(labels, tree):
    def matches(node):
        return all(labels.get(k, "") == v for k, v in node.get("match", {}).items()) and all(
            re.fullmatch(p, labels.get(k, "")) for k, p in node.get("match_re", {}).items())

    def walk(node, inherited):
        if not matches(node):
            return []
        receiver = node.get("receiver", inherited)
        for child in node.get("routes", []):
            taken = walk(child, receiver)
            if taken:
                return taken
        return [receiver]

    return walk(tree, tree["receiver"])

# %% course={"kind": "wrong", "id": "re-match"}
def route(labels, tree):
    def matches(node):
        return all(labels.get(k, "") == v for k, v in node.get("match", {}).items()) and all(
            re.match(p, labels.get(k, "")) for k, p in node.get("match_re", {}).items())

    def walk(node, inherited):
        if not matches(node):
            return []
        receiver = node.get("receiver", inherited)
        found = []
        for child in node.get("routes", []):
            taken = walk(child, receiver)
            found.extend(taken)
            if taken and not child.get("continue", False):
                break
        return found or [receiver]

    return walk(tree, tree["receiver"])

# %% course={"kind": "wrong", "id": "no-inheritance"}
def route(labels, tree):
    def matches(node):
        return all(labels.get(k, "") == v for k, v in node.get("match", {}).items()) and all(
            re.fullmatch(p, labels.get(k, "")) for k, p in node.get("match_re", {}).items())

    def walk(node):
        if not matches(node):
            return []
        found = []
        for child in node.get("routes", []):
            taken = walk(child)
            found.extend(taken)
            if taken and not child.get("continue", False):
                break
        return found or [node.get("receiver")]

    return walk(tree)

# %% [markdown] course={"kind": "exercise", "id": "group-alerts"}
# ### Grouping alerts into notifications
#
# Write `group_alerts(alerts, group_by)`, Alertmanager's grouping. `alerts` is an iterable of label dicts (read
# it once), `group_by` a list or tuple of label names. An alert's **group key** is a tuple of `(name, value)`
# pairs for the names in `group_by` that the alert has with a non-empty value, sorted by name (a label the alert
# lacks, or has as `""`, is simply left out: Alertmanager drops empty labels from every alert it receives). The
# special `["..."]` (or `("...",)`) groups by **all** of the alert's labels; an empty `group_by` puts every alert
# in the one group `()`. Return a list of `(key, alerts)` pairs sorted by key, the alerts of a group in their
# input order (the same dicts). The alerts you are given are not changed.
#
# ```python
# >>> a, b = {"alertname": "PodDown", "pod": "p1"}, {"alertname": "PodDown", "pod": "p2"}
# >>> group_alerts([a, b], ["alertname"]) == [((("alertname", "PodDown"),), [a, b])]
# True
# ```

# %% [markdown] course={"kind": "hint"}
# Collect into a dict keyed by the group key (`setdefault(key, []).append(alert)`), then `sorted(groups.items())`.

# %% [markdown] course={"kind": "hint"}
# `names = alert.keys() if group_by == ["..."] else group_by`; then `tuple(sorted((n, alert[n]) for n in names if
# alert.get(n, "") != ""))`.

# %% course={"kind": "solution"}
def group_alerts(alerts: Iterable[dict[str, str]],
                 group_by: Sequence[str]) -> list[tuple[tuple[tuple[str, str], ...], list[dict[str, str]]]]:
    ### BEGIN SOLUTION
    groups: dict[tuple[tuple[str, str], ...], list[dict[str, str]]] = {}
    for alert in alerts:
        names = alert.keys() if list(group_by) == ["..."] else group_by
        key = tuple(sorted((name, alert[name]) for name in names if alert.get(name, "") != ""))
        groups.setdefault(key, []).append(alert)
    return sorted(groups.items())
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
a, b = {"alertname": "PodDown", "pod": "p1"}, {"alertname": "PodDown", "pod": "p2"}
assert group_alerts([a, b], ["alertname"]) == [((("alertname", "PodDown"),), [a, b])], "one group for one name"

# %% course={"kind": "test", "points": 2}
eu1 = {"alertname": "PodDown", "cluster": "eu", "pod": "p1"}
us1 = {"alertname": "PodDown", "cluster": "us", "pod": "p7"}
disk = {"alertname": "DiskFull", "cluster": "eu", "pod": "db"}
eu2 = {"alertname": "PodDown", "cluster": "eu", "pod": "p2"}
got = group_alerts([eu1, us1, disk, eu2], ["cluster", "alertname"])
assert [key for key, _ in got] == [
    (("alertname", "DiskFull"), ("cluster", "eu")),
    (("alertname", "PodDown"), ("cluster", "eu")),
    (("alertname", "PodDown"), ("cluster", "us"))], "keys hold pairs sorted by name; groups sorted by key"
assert got[1][1] == [eu1, eu2] and got[1][1][0] is eu1, "a group keeps its alerts in input order"
### BEGIN HIDDEN TESTS
assert got[0][1] == [disk] and got[2][1] == [us1]
assert type(got) is list and all(type(pair) is tuple and type(pair[1]) is list for pair in got)
assert group_alerts([eu2, eu1], ["alertname", "cluster"])[0][1] == [eu2, eu1]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
no_cluster = {"alertname": "PodDown"}
blank = {"alertname": "PodDown", "cluster": ""}
assert group_alerts([no_cluster, blank], ["alertname", "cluster"]) == [
    ((("alertname", "PodDown"),), [no_cluster, blank])], "a missing or empty label is left out of the key"
assert group_alerts([eu1, us1], []) == [((), [eu1, us1])], "no group_by: one group"
assert group_alerts([eu1, eu2], ["..."]) == [
    ((("alertname", "PodDown"), ("cluster", "eu"), ("pod", "p1")), [eu1]),
    ((("alertname", "PodDown"), ("cluster", "eu"), ("pod", "p2")), [eu2])], "'...' groups by every label"
### BEGIN HIDDEN TESTS
assert group_alerts([], ["alertname"]) == []
assert group_alerts(iter([a, b]), ("alertname",)) == [((("alertname", "PodDown"),), [a, b])]
assert group_alerts([{"x": "", "y": "1"}], ["..."]) == [((("y", "1"),), [{"x": "", "y": "1"}])]
assert group_alerts([{"z": "1", "a": "2"}], ("...",)) == [((("a", "2"), ("z", "1")), [{"z": "1", "a": "2"}])]
snapshot = copy.deepcopy([eu1, us1])
group_alerts([eu1, us1], ["cluster"])
assert [eu1, us1] == snapshot
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "key-in-config-order"}
def group_alerts(alerts, group_by):
    groups = {}
    for alert in alerts:
        names = alert.keys() if list(group_by) == ["..."] else group_by
        key = tuple((n, alert[n]) for n in names if alert.get(n, ""))
        groups.setdefault(key, []).append(alert)
    return sorted(groups.items())

# %% course={"kind": "wrong", "id": "missing-as-empty"}
def group_alerts(alerts, group_by):
    groups = {}
    for alert in alerts:
        names = alert.keys() if list(group_by) == ["..."] else group_by
        key = tuple(sorted((n, alert.get(n, "")) for n in names))
        groups.setdefault(key, []).append(alert)
    return sorted(groups.items())

# %% course={"kind": "wrong", "id": "first-seen-order"}
def group_alerts(alerts, group_by):
    groups = {}
    for alert in alerts:
        names = alert.keys() if list(group_by) == ["..."] else group_by
        key = tuple(sorted((n, alert[n]) for n in names if alert.get(n, "")))
        groups.setdefault(key, []).append(alert)
    return list(groups.items())

# %% [markdown] course={"kind": "exercise", "id": "silence-inhibit"}
# ### Silences and inhibition
#
# Write `notifications(alerts, silences, inhibit_rules, now)`: which of the firing `alerts` (a list of label
# dicts) still notify someone, as a list of the same dicts in their order. An alert is muted when
#
# - a **silence** `{"matchers": {...}, "starts": s, "ends": e}` is active (`s <= now < e`) and all its matchers
#   equal the alert's labels; or
# - an **inhibit rule** `{"source": {...}, "target": {...}, "equal": [...]}` mutes it: the alert matches `target`,
#   and some alert of the list matches `source` and has the same value as this alert for every label named in
#   `equal`. One exception, Alertmanager's: when the alert matches the rule's `source` **as well as** its
#   `target`, only a source alert that does **not** also match `target` can mute it. So two alerts that match
#   both sides do not mute each other, and an alert never mutes itself. As in Alertmanager, a silenced alert
#   still inhibits others.
#
# A label an alert lacks counts as the empty string, for matchers and for `equal`. Nothing given is changed.
# (Alertmanager counts a silence's end instant as still active; we use the half-open interval so that two
# back-to-back silences never overlap. With nanosecond clocks the difference never shows.)
#
# ```python
# >>> down = {"alertname": "ClusterDown", "cluster": "eu"}
# >>> pod = {"alertname": "PodDown", "cluster": "eu"}
# >>> rule = {"source": {"alertname": "ClusterDown"}, "target": {"alertname": "PodDown"}, "equal": ["cluster"]}
# >>> notifications([down, pod], [], [rule], now=0) == [down]
# True
# ```

# %% [markdown] course={"kind": "hint"}
# Write a helper `matches(matchers, labels)` first; both silences and rules use it.

# %% [markdown] course={"kind": "hint"}
# For inhibition, work out once per rule whether the alert you are deciding about matches the `source` too; if
# it does, skip every source alert that also matches `target`. Do not look at silences there (a silenced source
# still inhibits).

# %% course={"kind": "solution", "equivalent": {"m-27ff1741": "inhibited() is only read through `not`, where None and False agree"}}
def notifications(alerts: list[dict[str, str]], silences: Sequence[Mapping[str, Any]],
                  inhibit_rules: Sequence[Mapping[str, Any]], now: int) -> list[dict[str, str]]:
    ### BEGIN SOLUTION
    def matches(matchers: Mapping[str, str], labels: Mapping[str, str]) -> bool:
        return all(labels.get(name, "") == value for name, value in matchers.items())

    def silenced(alert: dict[str, str]) -> bool:
        return any(silence["starts"] <= now < silence["ends"] and matches(silence["matchers"], alert)
                   for silence in silences)

    def inhibited(alert: dict[str, str]) -> bool:
        for rule in inhibit_rules:
            if not matches(rule["target"], alert):
                continue
            two_sided = matches(rule["source"], alert)
            for source in alerts:
                if two_sided and matches(rule["target"], source):
                    continue
                if matches(rule["source"], source) and all(
                        source.get(name, "") == alert.get(name, "") for name in rule["equal"]):
                    return True
        return False

    return [alert for alert in alerts if not silenced(alert) and not inhibited(alert)]
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
down = {"alertname": "ClusterDown", "cluster": "eu"}
pod = {"alertname": "PodDown", "cluster": "eu"}
rule = {"source": {"alertname": "ClusterDown"}, "target": {"alertname": "PodDown"}, "equal": ["cluster"]}
assert notifications([down, pod], [], [rule], now=0) == [down], "the cluster alert mutes the pod alert"

# %% course={"kind": "test", "points": 2}
window = {"matchers": {"cluster": "eu"}, "starts": 100, "ends": 200}
assert notifications([pod], [window], [], now=150) == [], "an active silence mutes"
assert notifications([pod], [window], [], now=100) == [], "a silence is active from its start"
assert notifications([pod], [window], [], now=200) == [pod], "and no longer at its end"
### BEGIN HIDDEN TESTS
assert notifications([pod], [window], [], now=99) == [pod]
assert notifications([pod], [window], [], now=199) == []
assert notifications([pod], [{"matchers": {"cluster": "eu", "team": "db"}, "starts": 0, "ends": 9}], [], 1) == [pod]
assert notifications([pod], [{"matchers": {"team": ""}, "starts": 0, "ends": 9}], [], 1) == []
assert notifications([pod, down], [{"matchers": {"alertname": "PodDown"}, "starts": 0, "ends": 9}], [], 1) == [down]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
us_pod = {"alertname": "PodDown", "cluster": "us"}
assert notifications([down, pod, us_pod], [], [rule], 0) == [down, us_pod], "only the same cluster is inhibited"
everything = {"source": {"severity": "critical"}, "target": {}, "equal": []}
crit = {"alertname": "ClusterDown", "severity": "critical"}
assert notifications([crit], [], [everything], 0) == [crit], "an alert never inhibits itself"
hush = {"matchers": {"alertname": "ClusterDown"}, "starts": 0, "ends": 10}
assert notifications([down, pod], [hush], [rule], 5) == [], "a silenced source still inhibits"
disk_rule = {"source": {"severity": "critical"}, "target": {"alertname": "DiskFull"}, "equal": ["cluster"]}
disk_crit = {"alertname": "DiskFull", "severity": "critical", "cluster": "eu", "disk": "a"}
disk_crit_b = dict(disk_crit, disk="b")
down_crit = dict(down, severity="critical")
assert notifications([disk_crit, disk_crit_b], [], [disk_rule], 0) == [disk_crit, disk_crit_b], (
    "both match source and target: neither mutes the other")
assert notifications([disk_crit, down_crit], [], [disk_rule], 0) == [down_crit], (
    "a source that does not match the target still mutes an alert that matches both sides")
### BEGIN HIDDEN TESTS
assert notifications([crit, pod], [], [everything], 0) == [crit]
other_rule = {"source": {"alertname": "ClusterDown"}, "target": {"alertname": "DiskFull"}, "equal": []}
assert notifications([down, pod], [], [other_rule, rule], 0) == [down], "a rule that does not apply skips to the next"
assert notifications([crit, dict(crit, instance="b")], [], [everything], 0) == [crit, dict(crit, instance="b")], (
    "two alerts that match both sides of a rule do not mute each other")
assert notifications([{"alertname": "ClusterDown"}, {"alertname": "PodDown"}], [], [rule], 0) == [
    {"alertname": "ClusterDown"}], "missing on both sides: equal"
assert notifications([down, {"alertname": "PodDown"}], [], [rule], 0) == [down, {"alertname": "PodDown"}]
assert notifications([pod, down], [], [rule], 0) == [down]
assert notifications([], [hush], [rule], 0) == []
alerts, silences_given, rules_given = [down, pod, us_pod], [hush], [rule]
snapshot = copy.deepcopy((alerts, silences_given, rules_given))
got = notifications(alerts, silences_given, rules_given, 20)
assert got == [down, us_pod] and got[0] is down and (alerts, silences_given, rules_given) == snapshot
assert type(got) is list
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "inhibits-itself"}
def notifications(alerts, silences, inhibit_rules, now):
    def matches(matchers, labels):
        return all(labels.get(k, "") == v for k, v in matchers.items())

    def muted(alert):
        if any(s["starts"] <= now < s["ends"] and matches(s["matchers"], alert) for s in silences):
            return True
        return any(matches(r["target"], alert) and matches(r["source"], src)
                   and all(src.get(n, "") == alert.get(n, "") for n in r["equal"])
                   for r in inhibit_rules for src in alerts)

    return [alert for alert in alerts if not muted(alert)]

# %% course={"kind": "wrong", "id": "silenced-do-not-inhibit"}
def notifications(alerts, silences, inhibit_rules, now):
    def matches(matchers, labels):
        return all(labels.get(k, "") == v for k, v in matchers.items())

    live = [a for a in alerts if not any(s["starts"] <= now < s["ends"] and matches(s["matchers"], a) for s in silences)]
    return [alert for alert in live if not any(
        matches(r["target"], alert) and src is not alert and matches(r["source"], src)
        and all(src.get(n, "") == alert.get(n, "") for n in r["equal"])
        for r in inhibit_rules for src in live)]

# %% course={"kind": "wrong", "id": "only-skips-itself"}
def notifications(alerts, silences, inhibit_rules, now):
    def matches(matchers, labels):
        return all(labels.get(k, "") == v for k, v in matchers.items())

    def muted(index, alert):
        if any(s["starts"] <= now < s["ends"] and matches(s["matchers"], alert) for s in silences):
            return True
        return any(matches(r["target"], alert) and i != index and matches(r["source"], src)
                   and all(src.get(n, "") == alert.get(n, "") for n in r["equal"])
                   for r in inhibit_rules for i, src in enumerate(alerts))

    return [alert for index, alert in enumerate(alerts) if not muted(index, alert)]

# %% course={"kind": "wrong", "id": "silence-end-inclusive", "fails": ["t2"]}
def notifications(alerts, silences, inhibit_rules, now):
    def matches(matchers, labels):
        return all(labels.get(k, "") == v for k, v in matchers.items())

    def muted(alert):
        if any(s["starts"] <= now <= s["ends"] and matches(s["matchers"], alert) for s in silences):
            return True
        return any(matches(r["target"], alert) and matches(r["source"], src)
                   and not (matches(r["source"], alert) and matches(r["target"], src))
                   and all(src.get(n, "") == alert.get(n, "") for n in r["equal"])
                   for r in inhibit_rules for src in alerts)

    return [alert for alert in alerts if not muted(alert)]

# %% [markdown] course={"kind": "exercise", "id": "pagerduty-event", "item": "x-write-a-pagerduty-integration"}
# ### From an alert to a PagerDuty event
#
# Write `pagerduty_event(alert, routing_key)` that turns one alert from an Alertmanager webhook (a dict with
# `status` `"firing"` or `"resolved"`, `labels` and `annotations`) into the JSON body of a PagerDuty Events API v2
# request, as a dict:
#
# - `routing_key`: the given key; `event_action`: `"trigger"` for a firing alert, `"resolve"` for a resolved one
#   (any other status raises `ValueError`);
# - `dedup_key`: the alert's labels as `name=value` pairs sorted by name and joined with `,`, so the resolve of an
#   alert finds its trigger whatever order the labels came in (readable here; PagerDuty takes at most 255
#   characters, so a real integration sends a hash of this string, as Alertmanager's own one sends a hash of the
#   alert group's key);
# - for a trigger only, a `payload` dict: `summary` (the `summary` annotation, else the `alertname` label, cut to
#   at most 1024 characters, PagerDuty's limit), `source` (the `instance` label, else `"unknown"`), `severity` (the
#   `severity` label when it is one of PagerDuty's `critical`, `error`, `warning`, `info`, else `"error"`) and
#   `custom_details` (a copy of the labels). A resolve has exactly the three other keys.
#
# The given alert is not changed.
#
# ```python
# >>> pagerduty_event({"status": "resolved", "labels": {"b": "2", "a": "1"}, "annotations": {}}, "KEY")
# {'routing_key': 'KEY', 'event_action': 'resolve', 'dedup_key': 'a=1,b=2'}
# ```

# %% [markdown] course={"kind": "hint"}
# Build the three common keys first, return them for a resolve, and add `payload` for a trigger.

# %% [markdown] course={"kind": "hint"}
# `",".join(f"{name}={labels[name]}" for name in sorted(labels))`; `text[:1024]` cuts; `dict(labels)` copies.

# %% course={"kind": "solution"}
PAGERDUTY_SEVERITIES = ("critical", "error", "warning", "info")


def pagerduty_event(alert: Mapping[str, Any], routing_key: str) -> dict[str, Any]:
    ### BEGIN SOLUTION
    actions = {"firing": "trigger", "resolved": "resolve"}
    if alert["status"] not in actions:
        raise ValueError(f"unknown alert status {alert['status']!r}")
    labels = alert["labels"]
    event: dict[str, Any] = {
        "routing_key": routing_key,
        "event_action": actions[alert["status"]],
        "dedup_key": ",".join(f"{name}={labels[name]}" for name in sorted(labels)),
    }
    if alert["status"] == "firing":
        severity = labels.get("severity", "")
        event["payload"] = {
            "summary": alert["annotations"].get("summary", labels.get("alertname", ""))[:1024],
            "source": labels.get("instance", "unknown"),
            "severity": severity if severity in PAGERDUTY_SEVERITIES else "error",
            "custom_details": dict(labels),
        }
    return event
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert pagerduty_event({"status": "resolved", "labels": {"b": "2", "a": "1"}, "annotations": {}}, "KEY") == {
    "routing_key": "KEY", "event_action": "resolve", "dedup_key": "a=1,b=2"}, "a resolve: three keys, labels sorted"

# %% course={"kind": "test", "points": 2}
firing = {"status": "firing", "labels": {"alertname": "HighErrorRate", "instance": "api-1", "severity": "critical"},
          "annotations": {"summary": "5% of requests fail"}}
assert pagerduty_event(firing, "K") == {
    "routing_key": "K", "event_action": "trigger",
    "dedup_key": "alertname=HighErrorRate,instance=api-1,severity=critical",
    "payload": {"summary": "5% of requests fail", "source": "api-1", "severity": "critical",
                "custom_details": {"alertname": "HighErrorRate", "instance": "api-1", "severity": "critical"}}}
resolved = dict(firing, status="resolved", labels=dict(reversed(list(firing["labels"].items()))))
assert pagerduty_event(resolved, "K")["dedup_key"] == pagerduty_event(firing, "K")["dedup_key"], (
    "the resolve carries the trigger's dedup_key whatever the label order")
### BEGIN HIDDEN TESTS
assert pagerduty_event(resolved, "K") == {"routing_key": "K", "event_action": "resolve",
                                          "dedup_key": "alertname=HighErrorRate,instance=api-1,severity=critical"}
assert pagerduty_event({"status": "firing", "labels": {}, "annotations": {}}, "K")["dedup_key"] == ""
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
bare = {"status": "firing", "labels": {"alertname": "DiskFull", "severity": "page"}, "annotations": {}}
payload = pagerduty_event(bare, "K")["payload"]
assert payload["summary"] == "DiskFull", "no summary annotation: the alert name"
assert payload["source"] == "unknown" and payload["severity"] == "error", "defaults for source and severity"
long = {"status": "firing", "labels": {"alertname": "X"}, "annotations": {"summary": "é" * 2000}}
assert pagerduty_event(long, "K")["payload"]["summary"] == "é" * 1024, "summaries are cut to 1024 characters"
try:
    pagerduty_event(dict(bare, status="pending"), "K")
except ValueError:
    pass
else:
    raise AssertionError("a status other than firing/resolved must raise ValueError")
### BEGIN HIDDEN TESTS
assert pagerduty_event(dict(long, annotations={"summary": "s" * 1024}), "K")["payload"]["summary"] == "s" * 1024
for level in PAGERDUTY_SEVERITIES:
    one = {"status": "firing", "labels": {"severity": level}, "annotations": {}}
    assert pagerduty_event(one, "K")["payload"]["severity"] == level
assert pagerduty_event({"status": "firing", "labels": {}, "annotations": {}}, "K")["payload"] == {
    "summary": "", "source": "unknown", "severity": "error", "custom_details": {}}
snapshot = copy.deepcopy(firing)
event = pagerduty_event(firing, "K")
event["payload"]["custom_details"]["extra"] = "x"
assert firing == snapshot, "custom_details is a copy; the alert is unchanged"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "labels-in-given-order"}
PAGERDUTY_SEVERITIES = ("critical", "error", "warning", "info")


def pagerduty_event(alert, routing_key):
    if alert["status"] not in ("firing", "resolved"):
        raise ValueError(alert["status"])
    labels = alert["labels"]
    event = {"routing_key": routing_key, "event_action": "trigger" if alert["status"] == "firing" else "resolve",
             "dedup_key": ",".join(f"{k}={v}" for k, v in labels.items())}
    if alert["status"] == "firing":
        sev = labels.get("severity", "")
        event["payload"] = {"summary": alert["annotations"].get("summary", labels.get("alertname", ""))[:1024],
                            "source": labels.get("instance", "unknown"),
                            "severity": sev if sev in PAGERDUTY_SEVERITIES else "error",
                            "custom_details": dict(labels)}
    return event

# %% course={"kind": "wrong", "id": "payload-on-resolve"}
PAGERDUTY_SEVERITIES = ("critical", "error", "warning", "info")


def pagerduty_event(alert, routing_key):
    if alert["status"] not in ("firing", "resolved"):
        raise ValueError(alert["status"])
    labels = alert["labels"]
    sev = labels.get("severity", "")
    return {"routing_key": routing_key, "event_action": "trigger" if alert["status"] == "firing" else "resolve",
            "dedup_key": ",".join(f"{k}={labels[k]}" for k in sorted(labels)),
            "payload": {"summary": alert["annotations"].get("summary", labels.get("alertname", ""))[:1024],
                        "source": labels.get("instance", "unknown"),
                        "severity": sev if sev in PAGERDUTY_SEVERITIES else "error",
                        "custom_details": dict(labels)}}

# %% course={"kind": "wrong", "id": "shares-labels"}
PAGERDUTY_SEVERITIES = ("critical", "error", "warning", "info")


def pagerduty_event(alert, routing_key):
    if alert["status"] not in ("firing", "resolved"):
        raise ValueError(alert["status"])
    labels = alert["labels"]
    event = {"routing_key": routing_key, "event_action": "trigger" if alert["status"] == "firing" else "resolve",
             "dedup_key": ",".join(f"{k}={labels[k]}" for k in sorted(labels))}
    if alert["status"] == "firing":
        sev = labels.get("severity", "")
        event["payload"] = {"summary": alert["annotations"].get("summary", labels.get("alertname", ""))[:1024],
                            "source": labels.get("instance", "unknown"),
                            "severity": sev if sev in PAGERDUTY_SEVERITIES else "error",
                            "custom_details": labels}
    return event

# %% [markdown] course={"kind": "exercise", "id": "readiness", "item": "x-implement-health-check-endpoints"}
# ### A readiness check
#
# Write `readiness(checks)`: `checks` maps a name to a function of no arguments that returns `True` when that
# dependency is usable. Run **every** check (in order, even after one failed: the report must name all broken
# dependencies) and return `(status_code, body)`: `200` and `{"status": "ok", "checks": {...}}` when every check
# returned exactly `True`, otherwise `503` and `"status": "fail"`. The inner dict maps each name to `"ok"` or
# `"fail"`. A check that raises an `Exception`, or returns anything but `True` (`None` from a forgotten `return`,
# a truthy string such as `"down"`), has failed; the exception does not escape. No checks at all is ready.
#
# ```python
# >>> readiness({"db": lambda: True, "cache": lambda: False})
# (503, {'status': 'fail', 'checks': {'db': 'ok', 'cache': 'fail'}})
# ```

# %% [markdown] course={"kind": "hint"}
# Fill a result dict in a `for` loop (not `all(...)`, which stops at the first failure), with a `try`/`except
# Exception` around each call.

# %% [markdown] course={"kind": "hint"}
# `check() is True` is what "exactly `True`" means.

# %% course={"kind": "solution"}
def readiness(checks: Mapping[str, Callable[[], object]]) -> tuple[int, dict[str, Any]]:
    ### BEGIN SOLUTION
    results: dict[str, str] = {}
    for name, check in checks.items():
        try:
            ok = check() is True
        except Exception:
            ok = False
        results[name] = "ok" if ok else "fail"
    ready = all(result == "ok" for result in results.values())
    return (200 if ready else 503), {"status": "ok" if ready else "fail", "checks": results}
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert readiness({"db": lambda: True, "cache": lambda: False}) == (
    503, {"status": "fail", "checks": {"db": "ok", "cache": "fail"}}), "one broken dependency: 503"

# %% course={"kind": "test", "points": 2}
assert readiness({"db": lambda: True}) == (200, {"status": "ok", "checks": {"db": "ok"}}), "all good: 200"
assert readiness({}) == (200, {"status": "ok", "checks": {}}), "nothing to check: ready"


def broken() -> bool:
    raise ConnectionError("db refused the connection")


assert readiness({"db": broken, "disk": lambda: True}) == (
    503, {"status": "fail", "checks": {"db": "fail", "disk": "ok"}}), "a check that raises has failed"
### BEGIN HIDDEN TESTS
assert readiness({"a": lambda: None}) == (503, {"status": "fail", "checks": {"a": "fail"}})
assert readiness({"a": lambda: "down"})[0] == 503, "a truthy string is not True"
assert readiness({"a": lambda: 1})[0] == 503
assert list(readiness({"z": lambda: True, "a": lambda: True})[1]["checks"]) == ["z", "a"], "in the checks' order"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
calls: list[str] = []


def counted(name: str, result: bool) -> Callable[[], bool]:
    def check() -> bool:
        calls.append(name)
        return result
    return check


code, body = readiness({"db": counted("db", False), "cache": counted("cache", False), "queue": counted("queue", True)})
assert calls == ["db", "cache", "queue"], "every check runs, in order, even after a failure"
assert body["checks"] == {"db": "fail", "cache": "fail", "queue": "ok"}
served = TestClient(handler_app(lambda call: Reply(*readiness({"db": lambda: True}))))
assert served.get("/readyz").status_code == 200, "served through a real FastAPI app"
### BEGIN HIDDEN TESTS
served = TestClient(handler_app(lambda call: Reply(*readiness({"db": broken}))))
answer = served.get("/readyz")
assert answer.status_code == 503 and answer.json() == {"status": "fail", "checks": {"db": "fail"}}
code, body = readiness({"x": lambda: True})
assert type(code) is int and type(body["checks"]) is dict
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "stops-at-first-failure"}
def readiness(checks):
    results = {}
    for name, check in checks.items():
        try:
            ok = check() is True
        except Exception:
            ok = False
        results[name] = "ok" if ok else "fail"
        if not ok:
            return 503, {"status": "fail", "checks": results}
    return 200, {"status": "ok", "checks": results}

# %% course={"kind": "wrong", "id": "truthy-is-ok"}
def readiness(checks):
    results = {}
    for name, check in checks.items():
        try:
            ok = bool(check())
        except Exception:
            ok = False
        results[name] = "ok" if ok else "fail"
    ready = all(v == "ok" for v in results.values())
    return (200 if ready else 503), {"status": "ok" if ready else "fail", "checks": results}

# %% course={"kind": "wrong", "id": "exception-escapes"}
def readiness(checks):
    results = {name: "ok" if check() is True else "fail" for name, check in checks.items()}
    ready = all(v == "ok" for v in results.values())
    return (200 if ready else 503), {"status": "ok" if ready else "fail", "checks": results}

# %% [markdown] course={"kind": "exercise", "id": "incident-metrics", "item": "project-18-4-2"}
# ### MTTD and MTTR from an incident timeline
#
# Incident tools log events `(time, incident, kind)` with `kind` one of `"start"` (impact began), `"detect"` (an
# alert or a human noticed) and `"resolve"` (service restored), in **any** order, several incidents overlapping;
# `events` is any iterable (read it once). Write `incident_metrics(events)` returning
# `{"mttd": ..., "mttr": ..., "open": [...]}`:
#
# - `mttd`: the mean of `detect - start` over the incidents that have a detect event, as a `Fraction` (or `None`
#   when there is none);
# - `mttr`: the mean of `resolve - start` (from the start of impact, not from detection) over the resolved
#   incidents, a `Fraction` or `None`;
# - `open`: the incidents with no resolve event, sorted.
#
# Raise `ValueError` for an unknown kind, for a detect or resolve of an incident that has no start, and for a
# detect or resolve earlier than its incident's start.
#
# ```python
# >>> incident_metrics([(10, "a", "start"), (14, "a", "detect"), (40, "a", "resolve"), (20, "b", "start")])
# {'mttd': Fraction(4, 1), 'mttr': Fraction(30, 1), 'open': ['b']}
# ```

# %% [markdown] course={"kind": "hint"}
# Put the events into three dicts, `start`, `detect` and `resolve`, each incident → time; only then compute.

# %% [markdown] course={"kind": "hint"}
# `Fraction(sum(durations), len(durations))` keeps the mean exact; check every detect and resolve against its start
# after all events are read (the start may come later in the list).

# %% course={"kind": "solution"}
def incident_metrics(events: Iterable[tuple[int, str, str]]) -> dict[str, Any]:
    ### BEGIN SOLUTION
    times: dict[str, dict[str, int]] = {"start": {}, "detect": {}, "resolve": {}}
    for time, incident, kind in events:
        if kind not in times:
            raise ValueError(f"unknown event kind {kind!r}")
        times[kind][incident] = time
    starts = times["start"]
    means: dict[str, Fraction | None] = {}
    for kind, name in (("detect", "mttd"), ("resolve", "mttr")):
        durations = []
        for incident, time in times[kind].items():
            if incident not in starts or time < starts[incident]:
                raise ValueError(f"{kind} of {incident!r} without an earlier start")
            durations.append(time - starts[incident])
        means[name] = Fraction(sum(durations), len(durations)) if durations else None
    open_incidents = sorted(incident for incident in starts if incident not in times["resolve"])
    return {"mttd": means["mttd"], "mttr": means["mttr"], "open": open_incidents}
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert incident_metrics([(10, "a", "start"), (14, "a", "detect"), (40, "a", "resolve"), (20, "b", "start")]) == {
    "mttd": 4, "mttr": 30, "open": ["b"]}, "a: detected after 4, restored after 30; b still open"

# %% course={"kind": "test", "points": 2}
overlapping = [(50, "b", "resolve"), (0, "a", "start"), (5, "b", "start"), (9, "b", "detect"),
               (3, "a", "detect"), (30, "a", "resolve")]
got = incident_metrics(overlapping)
assert got == {"mttd": Fraction(7, 2), "mttr": Fraction(75, 2), "open": []}, "overlapping incidents, unsorted events"
assert type(got["mttd"]) is Fraction and type(got["mttr"]) is Fraction, "exact means"
assert incident_metrics([]) == {"mttd": None, "mttr": None, "open": []}, "no incidents: no means"
### BEGIN HIDDEN TESTS
assert incident_metrics([(0, "z", "start"), (0, "z", "detect"), (0, "z", "resolve")]) == {
    "mttd": 0, "mttr": 0, "open": []}
assert incident_metrics([(1, "x", "start"), (7, "x", "resolve")]) == {"mttd": None, "mttr": 6, "open": []}
assert incident_metrics([(1, "x", "start"), (3, "x", "detect")]) == {"mttd": 2, "mttr": None, "open": ["x"]}
assert incident_metrics(iter([(5, "b", "start"), (1, "c", "start"), (2, "a", "start")]))["open"] == ["a", "b", "c"]
assert incident_metrics([(0, "a", "start"), (1, "a", "resolve"), (0, "b", "start"), (2, "b", "resolve"),
                         (0, "c", "start"), (4, "c", "resolve")])["mttr"] == Fraction(7, 3)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for bad in ([(0, "a", "begin")], [(5, "a", "detect")], [(9, "a", "start"), (5, "a", "resolve")],
            [(9, "a", "start"), (8, "a", "detect")]):
    try:
        incident_metrics(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad} must raise ValueError")
### BEGIN HIDDEN TESTS
try:
    incident_metrics([(1, "a", "start"), (5, "b", "resolve")])
except ValueError:
    pass
else:
    raise AssertionError("a resolve without a start must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "mttr-from-detect"}
def incident_metrics(events):
    times = {"start": {}, "detect": {}, "resolve": {}}
    for time, incident, kind in events:
        if kind not in times:
            raise ValueError(kind)
        times[kind][incident] = time
    for kind in ("detect", "resolve"):
        for incident, time in times[kind].items():
            if incident not in times["start"] or time < times["start"][incident]:
                raise ValueError(incident)
    detect = [times["detect"][i] - times["start"][i] for i in times["detect"]]
    restore = [t - times["detect"].get(i, times["start"][i]) for i, t in times["resolve"].items()]
    return {"mttd": Fraction(sum(detect), len(detect)) if detect else None,
            "mttr": Fraction(sum(restore), len(restore)) if restore else None,
            "open": sorted(i for i in times["start"] if i not in times["resolve"])}

# %% course={"kind": "wrong", "id": "float-mean-unsorted"}
def incident_metrics(events):
    times = {"start": {}, "detect": {}, "resolve": {}}
    for time, incident, kind in events:
        if kind not in times:
            raise ValueError(kind)
        times[kind][incident] = time
    for kind in ("detect", "resolve"):
        for incident, time in times[kind].items():
            if incident not in times["start"] or time < times["start"][incident]:
                raise ValueError(incident)
    detect = [times["detect"][i] - times["start"][i] for i in times["detect"]]
    restore = [times["resolve"][i] - times["start"][i] for i in times["resolve"]]
    return {"mttd": sum(detect) / len(detect) if detect else None,
            "mttr": sum(restore) / len(restore) if restore else None,
            "open": [i for i in times["start"] if i not in times["resolve"]]}

# %% course={"kind": "wrong", "id": "start-must-come-first"}
def incident_metrics(events):
    starts, detects, resolves = {}, {}, {}
    for time, incident, kind in events:
        if kind == "start":
            starts[incident] = time
        elif kind in ("detect", "resolve"):
            if incident not in starts or time < starts[incident]:
                raise ValueError(incident)
            (detects if kind == "detect" else resolves)[incident] = time - starts[incident]
        else:
            raise ValueError(kind)
    return {"mttd": Fraction(sum(detects.values()), len(detects)) if detects else None,
            "mttr": Fraction(sum(resolves.values()), len(resolves)) if resolves else None,
            "open": sorted(i for i in starts if i not in resolves)}

# %% [markdown] course={"kind": "exercise", "id": "slo-report", "item": "project-18-4-1"}
# ### An SLO report
#
# Write `slo_report(slos, counts)`. `slos` is the configuration, a list of `{"name": ..., "objective":
# Fraction(...)}`; `counts` maps a name to `(total, bad)` events measured this period (a name missing from it had
# no traffic). Return one dict per SLO, in the configuration's order, with:
#
# - `name`; `sli`: the good share `(total - bad) / total` as a `Fraction` (`Fraction(1)` with no traffic);
# - `budget_left`: `1 - bad / allowed`, where `allowed = (1 - objective) * total` (unrounded), as a `Fraction`; it
#   goes below 0 when the budget is overspent; when nothing is allowed (no traffic, or a 100 % objective) it is
#   `Fraction(1)` with no bad events and `Fraction(0)` otherwise;
# - `status`: `"exhausted"` when `budget_left <= 0`, `"at risk"` when it is below `1/4`, else `"ok"`.
#
# `bad` larger than `total`, or negative, raises `ValueError`.
#
# ```python
# >>> slo_report([{"name": "api", "objective": Fraction("0.99")}], {"api": (1000, 5)})
# [{'name': 'api', 'sli': Fraction(199, 200), 'budget_left': Fraction(1, 2), 'status': 'ok'}]
# ```

# %% [markdown] course={"kind": "hint"}
# `counts.get(name, (0, 0))` handles the missing names. Compute `allowed` first and branch on `allowed == 0`.

# %% [markdown] course={"kind": "hint"}
# 1000 requests at 99 % allow 10 bad ones; 5 bad spend half, so half is left: `1 - Fraction(5) / 10`. Check the
# status in the order "exhausted", "at risk", "ok".

# %% course={"kind": "solution", "equivalent": {"m-6832d5e9": "with no bad events sli and budget_left are 1 whatever the total, so a default of (1, 0) reports the same"}}
def slo_report(slos: Sequence[Mapping[str, Any]], counts: Mapping[str, tuple[int, int]]) -> list[dict[str, Any]]:
    ### BEGIN SOLUTION
    report = []
    for slo in slos:
        total, bad = counts.get(slo["name"], (0, 0))
        if not 0 <= bad <= total:
            raise ValueError(f"{slo['name']}: {bad} bad of {total} events")
        sli = Fraction(total - bad, total) if total else Fraction(1)
        allowed = (1 - slo["objective"]) * total
        if allowed:
            left = 1 - bad / allowed
        else:
            left = Fraction(0 if bad else 1)
        status = "exhausted" if left <= 0 else "at risk" if left < Fraction(1, 4) else "ok"
        report.append({"name": slo["name"], "sli": sli, "budget_left": left, "status": status})
    return report
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert slo_report([{"name": "api", "objective": Fraction("0.99")}], {"api": (1000, 5)}) == [
    {"name": "api", "sli": Fraction(199, 200), "budget_left": Fraction(1, 2), "status": "ok"}], (
    "5 bad of the 10 allowed: half the budget left")

# %% course={"kind": "test", "points": 2}
config = [{"name": "api", "objective": Fraction("0.999")}, {"name": "batch", "objective": Fraction("0.9")},
          {"name": "idle", "objective": Fraction("0.99")}]
report = slo_report(config, {"batch": (100, 25), "api": (10_000, 10)})
assert [row["name"] for row in report] == ["api", "batch", "idle"], "in the configuration's order"
assert report[0]["budget_left"] == 0 and report[0]["status"] == "exhausted", "10 bad of 10 allowed: exhausted"
assert report[1]["budget_left"] == Fraction(-3, 2) and report[1]["status"] == "exhausted", "overspent goes below 0"
assert report[2] == {"name": "idle", "sli": Fraction(1), "budget_left": Fraction(1), "status": "ok"}, "no traffic"
### BEGIN HIDDEN TESTS
assert report[1]["sli"] == Fraction(3, 4) and type(report[1]["sli"]) is Fraction
assert type(report[2]["budget_left"]) is Fraction and type(report[2]["sli"]) is Fraction
assert slo_report([{"name": "p", "objective": Fraction(1)}], {"p": (50, 0)})[0]["budget_left"] == 1
assert slo_report([{"name": "p", "objective": Fraction(1)}], {"p": (50, 1)})[0] == {
    "name": "p", "sli": Fraction(49, 50), "budget_left": Fraction(0), "status": "exhausted"}
assert type(slo_report([{"name": "p", "objective": Fraction(1)}], {"p": (50, 1)})[0]["budget_left"]) is Fraction
assert slo_report([], {"x": (1, 0)}) == []
half = slo_report([{"name": "h", "objective": Fraction("0.99")}], {"h": (150, 1)})[0]
assert half["budget_left"] == Fraction(1, 3) and half["status"] == "ok", "1.5 bad allowed, unrounded: 1 leaves a third"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def status_for(bad: int) -> str:
    return slo_report([{"name": "s", "objective": Fraction("0.9")}], {"s": (80, bad)})[0]["status"]


assert [status_for(bad) for bad in (0, 6, 7, 8)] == ["ok", "ok", "at risk", "exhausted"], (
    "8 allowed: 6 bad leave exactly 1/4 (ok), 7 leave 1/8 (at risk), 8 leave nothing (exhausted)")
### BEGIN HIDDEN TESTS
assert slo_report([{"name": "s", "objective": Fraction("0.9")}], {"s": (80, 6)})[0]["budget_left"] == Fraction(1, 4)
assert slo_report([{"name": "s", "objective": Fraction("0.9")}], {"s": (400, 31)})[0]["status"] == "at risk"
for bad_counts in ({"s": (10, 11)}, {"s": (10, -1)}):
    try:
        slo_report([{"name": "s", "objective": Fraction("0.9")}], bad_counts)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad_counts} must raise ValueError")
assert slo_report([{"name": "s", "objective": Fraction("0.9")}], {"s": (10, 10)})[0]["sli"] == 0
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "budget-of-all-requests"}
def slo_report(slos, counts):
    report = []
    for slo in slos:
        total, bad = counts.get(slo["name"], (0, 0))
        if not 0 <= bad <= total:
            raise ValueError(slo["name"])
        sli = Fraction(total - bad, total) if total else Fraction(1)
        left = 1 - Fraction(bad, total) if total else Fraction(1)
        status = "exhausted" if left <= 0 else "at risk" if left < Fraction(1, 4) else "ok"
        report.append({"name": slo["name"], "sli": sli, "budget_left": left, "status": status})
    return report

# %% course={"kind": "wrong", "id": "at-risk-inclusive"}
def slo_report(slos, counts):
    report = []
    for slo in slos:
        total, bad = counts.get(slo["name"], (0, 0))
        if not 0 <= bad <= total:
            raise ValueError(slo["name"])
        sli = Fraction(total - bad, total) if total else Fraction(1)
        allowed = (1 - slo["objective"]) * total
        left = 1 - bad / allowed if allowed else Fraction(0 if bad else 1)
        status = "exhausted" if left <= 0 else "at risk" if left <= Fraction(1, 4) else "ok"
        report.append({"name": slo["name"], "sli": sli, "budget_left": left, "status": status})
    return report

# %% course={"kind": "wrong", "id": "rounded-allowance"}
def slo_report(slos, counts):
    report = []
    for slo in slos:
        total, bad = counts.get(slo["name"], (0, 0))
        if not 0 <= bad <= total:
            raise ValueError(slo["name"])
        sli = Fraction(total - bad, total) if total else Fraction(1)
        allowed = int((1 - slo["objective"]) * total)
        left = 1 - Fraction(bad, allowed) if allowed else Fraction(0 if bad else 1)
        status = "exhausted" if left <= 0 else "at risk" if left < Fraction(1, 4) else "ok"
        report.append({"name": slo["name"], "sli": sli, "budget_left": left, "status": status})
    return report

# %% course={"kind": "wrong", "id": "no-traffic-crashes"}
def slo_report(slos, counts):
    report = []
    for slo in slos:
        total, bad = counts.get(slo["name"], (0, 0))
        if not 0 <= bad <= total:
            raise ValueError(slo["name"])
        allowed = (1 - slo["objective"]) * total
        left = 1 - bad / allowed
        status = "exhausted" if left <= 0 else "at risk" if left < Fraction(1, 4) else "ok"
        report.append({"name": slo["name"], "sli": Fraction(total - bad, total), "budget_left": left, "status": status})
    return report

# %% [markdown] course={"kind": "task", "id": "runbook-template", "points": 2, "item": "x-create-a-runbook-template"}
# ### Task: a runbook template
#
# Write a Markdown runbook template for the `HighErrorRate` fast-burn alert of one of your services, then fill it
# in. Sections: what the alert means (the SLO, the burn rate and windows that fire it, in numbers); impact on
# users; how to confirm (the exact PromQL queries and dashboard links); first safe actions (roll back, fail over,
# scale) with the commands; how to escalate and to whom; known false positives; the owning team; last review date.
# Link it from the alert's `runbook_url` annotation.

# %% [markdown] course={"kind": "rubric"}
# - every step is a command or query someone woken at 3 a.m. can paste, not "investigate the issue" (1)
# - states the alert's meaning with numbers (SLO, burn rate, windows) and an escalation path with names or rotations (1)

# %% [markdown] course={"kind": "task", "id": "incident-manager", "points": 3, "item": "project-18-4-2"}
# ### Project: an incident manager
#
# Combine the pieces into a small tool: an HTTP endpoint that receives Alertmanager webhooks, opens an incident per
# `dedup_key` (and closes it on resolve), routes it with `route` and mutes it with `notifications`, sends a
# PagerDuty event with `pagerduty_event` (to a stand-in: a recording function or `httpx.MockTransport`, never the
# real service from tests), keeps the status of each incident (`open`, `acknowledged`, `resolved`) with its event
# log, reports MTTD/MTTR with `incident_metrics`, and writes a blameless postmortem skeleton (summary, impact in
# numbers, timeline from the log, contributing causes, action items with owners) when an incident resolves.

# %% [markdown] course={"kind": "rubric"}
# - a repeated trigger for the same `dedup_key` updates the open incident instead of opening a second one (1)
# - tests cover routing, muting and the status changes without any network access (1)
# - the postmortem template has a timeline built from the real events and no field that assigns blame (1)

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-sli-slo"}
# The SLI is what you measure: a ratio of good events to valid events (requests without a 5xx and faster than 300
# ms, over all requests). The SLO is the target the team sets for that SLI over a window (99.9 % over 30 days): an
# internal goal that decides when to prioritise reliability. The SLA is a promise in a contract with a penalty
# (service credits) if it is broken; it is set looser than the SLO (99.5 %), so the team reacts on the SLO long
# before the SLA is at risk. Many internal services have SLOs and no SLA at all.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-avoid-alert-fatigue"}
# Page only on symptoms that hurt users and need a human now, ideally SLO burn-rate alerts with a long and a short
# window, so short blips and long-gone problems do not page. Everything else becomes a ticket or a dashboard.
# Every page links a runbook; alerts that led to no action in review are deleted or demoted. Alertmanager grouping
# turns a hundred alerts of one failure into one notification, inhibition mutes consequences of a known cause,
# silences cover planned work. Track pages per shift and the share that were actionable, and treat a bad number as
# a bug to fix.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-an-error-budget"}
# The unreliability the SLO allows: `1 - SLO` of the events in the window. At 99.9 % over 30 days that is one bad
# request in a thousand, or 43.2 minutes of full outage (43,200 minutes × 0.001). It is spent by incidents, risky
# releases and planned maintenance. While budget is left, teams ship fast; when it is spent, an agreed policy
# applies (freeze risky changes, put engineers on reliability work) until it recovers. Alerting on how fast it
# burns (burn rate) catches both sudden outages and slow leaks.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-write-a-good-runbook"}
# Write it for a tired person who does not know the service: start with what the alert means and what users see,
# then how to confirm it (exact queries, dashboard links), then the safe first actions as copy-paste commands in
# order (mitigate first: roll back, fail over, scale), when and how to escalate, and known false positives. Keep it
# next to the alert (`runbook_url` annotation), owned by a team, reviewed after every incident that used it, and
# automate the steps that never need judgement: a runbook step done by hand every week is toil.
