# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can run a 45- or 60-minute system design interview as a plan: turn a
# one-line prompt into requirements with numbers, check your estimates, weigh options out loud, budget your
# minutes and finish with a summary. Phase 22 taught the systems; this adds the interview layer (no servers here).

# %% course={"kind": "setup", "id": "interview"}
# What the exercises and tests share (standard library only).
import hashlib
import re
from collections.abc import Iterable

# Words that make a requirement a quality of the system (exercise 24.2.2). A word counts only as a whole word.
QUALITY_WORDS = frozenset(
    {
        "latency", "p50", "p95", "p99", "availability", "available", "uptime", "durability", "durable",
        "throughput", "qps", "rps", "consistency", "consistent", "encrypted", "retention", "rto", "rpo",
    }
)  # fmt: skip
# Quality words that mean nothing until a number comes with them: "fast" (how fast?), "scalable" (to what?).
VAGUE_WORDS = frozenset(
    {"fast", "quick", "quickly", "scalable", "reliable", "robust", "responsive", "performant", "efficient"}
)
# The topics worth a clarifying question, in the order to ask them, each with the words that show it was asked.
TOPICS = (
    ("users", frozenset({"users", "user", "dau", "mau", "customers", "clients"})),
    ("traffic", frozenset({"qps", "rps", "requests", "traffic", "peak"})),
    ("read-write ratio", frozenset({"read", "reads", "write", "writes"})),
    ("latency", frozenset({"latency", "p99", "fast", "slow"})),
    ("consistency", frozenset({"consistency", "consistent", "stale", "eventual"})),
    ("durability", frozenset({"lose", "lost", "durable", "durability", "retention", "backup"})),
    ("scope", frozenset({"scope", "features", "mvp", "version"})),
)
SECONDS_PER_DAY = 86_400


# %% [markdown] course={"kind": "lesson", "id": "minute-plan", "covers": ["part-framework"]}
# ### The framework, minute by minute
#
# An interview prompt is one line ("design a notification system") and the time is fixed. The candidates who do
# well treat the time as a plan with checkpoints; the ones who do badly start drawing boxes and find, at minute
# 40, that they never said how many users there are. The roadmap's four coarse steps (requirements with scale
# estimates 5 minutes; high-level design with components, data flow and API 10; deep dive into schema, scaling
# and trade-offs 20; wrap-up 5) add up to 40 minutes, which leaves 5 of a 45-minute slot for introductions and
# your questions to the interviewer. The finer plan below does the same work in eight steps for a slot that is
# all design time; it gives the data model its own step where the roadmap leaves the schema to the deep dive.
#
# | step | 45 min | 60 min | what you produce | what people get wrong |
# |---|---|---|---|---|
# | requirements | 5 | 7 | 3–5 functional lines, 3–5 non-functional lines *with numbers*, what is out of scope | designing before asking; "it should be fast" |
# | estimation | 4 | 5 | peak requests/s, storage, bandwidth, from stated assumptions | precision theatre: 2 significant figures are plenty |
# | API | 4 | 5 | 3–5 calls with inputs, outputs, idempotency | a CRUD list with no error or paging story |
# | data model | 4 | 5 | the main records, their keys, the store and why | picking a database before knowing the access pattern |
# | high-level design | 8 | 10 | one text diagram: clients, edge, services, stores, queues | twenty boxes; no data flow arrows |
# | deep dives | 13 | 18 | two parts taken to the bottom: the hard one and the one they ask about | going deep on the easy part you know best |
# | bottlenecks, trade-offs | 5 | 7 | what breaks at 10x, what you traded for what | naming only the upside of your choice |
# | wrap-up | 2 | 3 | a 30-second summary, and what you would do next | running out of time before saying it |
#
# **Questions to ask first** (pick the ones that change the design): who the users are and how many (daily
# actives); the read/write ratio; latency targets (p99, not average); consistency (may a reader see stale
# data, for how long?); durability (may we lose anything?); scope (which features are in the first version,
# which are out). Exercise 24.2.3 checks a list of your questions against these topics; exercise 24.2.2 sorts your
# requirement lines into functional, non-functional and vague.
#
# **How you are judged.** Rubrics differ by company and few are public, so judge yourself on four areas that
# the same design can pass or fail on: *problem navigation* (did you scope it and drive the time?), *solution
# design* (does it work at the stated scale?), *technical depth* (can you go below a box when asked?),
# *communication* (do you say why, name the trade-off, and check in with the interviewer: "I will go deep on
# delivery unless you would rather see the data model"?). Think out loud in decisions, not in narration: "I
# choose X because the requirement is Y; it costs Z". Two minutes of silence, or a design that changes without a
# reason, costs more than a wrong number you correct yourself.
#
# A plan is only useful if you can check it against the clock. The demo turns the table into checkpoints: the
# minute by which each step should have *started*. Glance at the clock when you change step; if you are starting
# the high-level design at minute 20 of 45, cut the API to two calls, not the deep dive.

# %% course={"kind": "demo"}
plan = [
    ("requirements", 5, 7), ("estimation", 4, 5), ("API", 4, 5), ("data model", 4, 5),
    ("high-level design", 8, 10), ("deep dives", 13, 18), ("bottlenecks", 5, 7), ("wrap-up", 2, 3),
]  # fmt: skip
print(f"{'step':<18} {'starts by (45)':>15} {'starts by (60)':>15}")
start_45 = start_60 = 0
for step, minutes_45, minutes_60 in plan:
    print(f"{step:<18} {start_45:>11} min {start_60:>11} min")
    start_45, start_60 = start_45 + minutes_45, start_60 + minutes_60
print(f"{'(end)':<18} {start_45:>11} min {start_60:>11} min")
deep_45, deep_60 = plan[5][1], plan[5][2]
print(f"deep dives: {deep_45 / start_45:.0%} of 45 minutes, {deep_60 / start_60:.0%} of 60: the largest share")

# %% [markdown] course={"kind": "lesson", "id": "numbers-first", "covers": ["part-practice-questions"]}
# ### Practice questions: the numbers first
#
# Nine questions come up again and again. Six have model answers with code in 22.4 (URL shortener, rate
# limiter, distributed cache, CI/CD pipeline, logging system, ML training platform); the answers below give
# for each the decisions and numbers to reach and what an interviewer probes, and point to 22.4. The other three
# (notifications, feature flags, model serving) are worked here in full, and exercises 24.2.4, 24.2.8 and 24.2.9
# below build their hardest parts: a sticky flag rollout, a model server's batcher, the dedupe key of a notification.
#
# Every answer starts the same way: **assumptions stated aloud, then the arithmetic**, done with round numbers
# so it fits in your head. The numbers below are assumptions for practice, not facts about any real product;
# the point is that each one follows from the line before. Say the unit every time (per second, per day, bytes
# or bits), because that is where the mistakes are: a day is 86,400 s (100,000 is a fine shortcut, 14 % off),
# and network speeds are in bits.
#
# The one law worth knowing by heart is **Little's law** (22.1): requests in flight = arrival rate x time each
# spends in the system. It turns a request rate and a latency into a number of workers, the step most answers
# about serving skip.

# %% course={"kind": "demo"}
import math

day = 86_400
# Notifications: 50 M daily users, 4 notifications each, 1 KB each kept 30 days, peak 5x the average.
per_day = 50e6 * 4
print(
    f"notifications: {per_day / 1e6:.0f} M/day = {per_day / day:,.0f}/s on average, "
    f"{5 * per_day / day:,.0f}/s at peak; {per_day * 1_000 * 30 / 1e12:.0f} TB for 30 days"
)
# Feature flags: 200 services x 50 instances, each SDK polls every 30 s.
clients = 200 * 50
print(f"feature flags: {clients:,} SDK clients polling every 30 s = {clients / 30:,.0f} requests/s")
# Model serving: 2,000 requests/s at peak, 50 ms per model call, 4 concurrent calls per replica, 70 % busy.
in_flight = 2_000 * 0.050
replicas = in_flight / (4 * 0.7)
print(
    f"model serving: {in_flight:.0f} requests in flight (Little's law); "
    f"{in_flight:.0f} / (4 x 0.7) = {replicas:.1f}, so {math.ceil(replicas)} replicas before failover spares"
)

# %% [markdown] course={"kind": "lesson", "id": "follow-ups", "covers": ["part-key-concepts"]}
# ### Key concepts: the one-sentence answer and the follow-up
#
# The roadmap's key concepts are each a lesson of phase 22 or earlier. In an interview you need them in a
# different form: one sentence that states the rule, and a ready answer to the follow-up question that usually
# comes next. The follow-up is where depth is judged.
#
# | concept | the one-sentence answer | the follow-up to expect |
# |---|---|---|
# | scalability patterns | stateless services behind a balancer scale out; state scales by replication (reads) and sharding (writes) | "Your shard key is user id: what about a celebrity user?" |
# | database choices | choose by access pattern: relational for joins and transactions, key-value for lookups by key at scale, wide-column for heavy time-ordered writes, a search index for text | "Why not just Postgres?" (often a fair answer: say what would make you leave it) |
# | caching strategies | cache-aside for reads that tolerate staleness, write-through when reads must see writes, TTLs plus invalidation on write | "What happens on a cold start or a thundering herd?" |
# | message queues | decouple producer from consumer speed and failures; delivery is usually at-least-once, so consumers must be idempotent | "How do you order messages per user, and what goes to the dead-letter queue?" |
# | load balancing | L4 spreads connections, L7 routes requests; least-connections or power-of-two choices beat round-robin when request costs vary | "How does the balancer learn a backend is unhealthy?" |
# | microservices vs monolith | split where teams or scaling needs differ; every split adds a network hop, a deploy and a failure mode | "What would you keep together in the first version?" |
# | consistency vs availability | during a network partition a replicated store must refuse some requests or serve possibly stale data; choose per operation (13.5 and 20.3 show quorums) | "Which operations in *your* design need strong consistency?" |
#
# The mistake people make is answering the follow-up with the first sentence again. The demo below rehearses two
# follow-ups with numbers, on simulated workloads (`course.runtime.designsim`, seeded: the shape of the effect,
# not a real system's figures). First the celebrity user: with keys whose popularity falls with rank (a Zipf
# workload), sharding by key cannot spread the single hottest key, so one shard carries far more than its
# fair share whatever the hash. Then the load balancer: with request costs that vary, round-robin keeps sending
# work to a replica stuck behind a slow request, and the queues a request finds grow.

# %% course={"kind": "demo"}
from collections import Counter

from course.runtime.designsim import balance, zipf_requests

requests = zipf_requests(100_000, 50_000, seed=24)  # user 0 is the most followed
shards = 8
load = Counter(user % shards for user in requests)
hottest_user, hottest_count = Counter(requests).most_common(1)[0]
busiest = max(load.values()) / len(requests)
print(f"{shards} shards by user id: fair share {1 / shards:.1%}, busiest shard {busiest:.1%}")
print(f"user {hottest_user} alone sends {hottest_count / len(requests):.1%} of all requests: one key, one shard")
print()
print(f"{'policy':<18} {'mean queue found':>16} {'p99 queue found':>16}")
for policy in ("round-robin", "least-connections", "power-of-two"):
    found = sorted(balance(policy, replicas=8, requests=20_000, utilisation=0.9, seed=1))
    print(f"{policy:<18} {sum(found) / len(found):>16.2f} {found[len(found) * 99 // 100]:>16}")


# %% [markdown] course={"kind": "exercise", "id": "log-storage"}
# ### Log storage per tier (the logging system's first number)
#
# A logging system (22.4's log aggregation answer) keeps recent logs in a **hot** tier (a search index,
# uncompressed, `hot_copies` replicas so a node loss loses nothing) and older logs in a **warm** tier (object
# storage, compressed to `warm_ratio` of their size, one copy: the store is durable by itself). Write
# `log_storage_gb(gb_per_day, hot_days, warm_days, *, hot_copies=2, warm_ratio=0.2) -> dict[str, float]` that
# returns `{"hot": ..., "warm": ..., "total": ...}` in GB, every value a `float`. The warm tier holds the
# `warm_days` *after* the hot ones.
#
# Raise `ValueError` for a negative `gb_per_day`, `hot_days` or `warm_days`, for `hot_copies < 1`, and for a
# `warm_ratio` outside `0 < warm_ratio <= 1`.
#
# ```python
# log_storage_gb(500, 7, 83)   # {'hot': 7000.0, 'warm': 8300.0, 'total': 15300.0}
# ```
#
# In an interview this is the line "about 15 TB, half of it hot", and a likely follow-up is "what would you
# cut first?" (hot days: they cost replicas and index memory).

# %% [markdown] course={"kind": "hint"}
# Hot: a day's volume, times the days, times the copies. Warm: a day's volume, times the days, times the ratio.

# %% [markdown] course={"kind": "hint"}
# Check the arguments first, one condition each. `float(...)` makes whole-number inputs give floats too.

# %% course={"kind": "solution"}
def log_storage_gb(
    gb_per_day: float, hot_days: int, warm_days: int, *, hot_copies: int = 2, warm_ratio: float = 0.2
) -> dict[str, float]:
    ### BEGIN SOLUTION
    if gb_per_day < 0 or hot_days < 0 or warm_days < 0:
        raise ValueError("volumes and days cannot be negative")
    if hot_copies < 1:
        raise ValueError("the hot tier needs at least one copy")
    if not 0 < warm_ratio <= 1:
        raise ValueError("warm_ratio must be in (0, 1]")
    hot = float(gb_per_day * hot_days * hot_copies)
    warm = float(gb_per_day * warm_days * warm_ratio)
    return {"hot": hot, "warm": warm, "total": hot + warm}
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_got = log_storage_gb(500, 7, 83)
assert _got == {"hot": 7000.0, "warm": 8300.0, "total": 15300.0}, f"500 GB/day, 7 hot days x 2, 83 warm x 0.2: {_got}"
assert list(_got) == ["hot", "warm", "total"], "the keys hot, warm, total"
_got = log_storage_gb(10, 3, 5, hot_copies=3, warm_ratio=1)
assert _got == {"hot": 90.0, "warm": 50.0, "total": 140.0}, f"three hot copies, warm uncompressed: {_got}"
assert all(type(v) is float for v in _got.values()), "every value is a float, even from whole numbers"
### BEGIN HIDDEN TESTS
assert log_storage_gb(0, 0, 0, hot_copies=1) == {"hot": 0.0, "warm": 0.0, "total": 0.0}
assert all(type(v) is float for v in log_storage_gb(0, 0, 0, hot_copies=1).values())
assert log_storage_gb(2.5, 4, 10, warm_ratio=0.5) == {"hot": 20.0, "warm": 12.5, "total": 32.5}
assert log_storage_gb(1, 1, 1, hot_copies=1, warm_ratio=1) == {"hot": 1.0, "warm": 1.0, "total": 2.0}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for _bad in [
    dict(gb_per_day=-1, hot_days=1, warm_days=1),
    dict(gb_per_day=1, hot_days=-1, warm_days=1),
    dict(gb_per_day=1, hot_days=1, warm_days=-1),
    dict(gb_per_day=1, hot_days=1, warm_days=1, hot_copies=0),
    dict(gb_per_day=1, hot_days=1, warm_days=1, warm_ratio=0),
    dict(gb_per_day=1, hot_days=1, warm_days=1, warm_ratio=1.5),
]:
    try:
        log_storage_gb(**_bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"log_storage_gb(**{_bad}) must raise ValueError")
### BEGIN HIDDEN TESTS
for _bad in [dict(warm_ratio=-0.2), dict(warm_ratio=1.0001), dict(hot_copies=-2)]:
    try:
        log_storage_gb(1, 1, 1, **_bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"log_storage_gb(1, 1, 1, **{_bad}) must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "warm-replicated", "fails": ["t1"]}
def log_storage_gb(gb_per_day, hot_days, warm_days, *, hot_copies=2, warm_ratio=0.2):
    if gb_per_day < 0 or hot_days < 0 or warm_days < 0 or hot_copies < 1 or not 0 < warm_ratio <= 1:
        raise ValueError("bad argument")
    hot = float(gb_per_day * hot_days * hot_copies)
    warm = float(gb_per_day * warm_days * warm_ratio * hot_copies)  # copies the warm tier too
    return {"hot": hot, "warm": warm, "total": hot + warm}

# %% course={"kind": "wrong", "id": "no-checks", "fails": ["t2"]}
def log_storage_gb(gb_per_day, hot_days, warm_days, *, hot_copies=2, warm_ratio=0.2):
    hot = float(gb_per_day * hot_days * hot_copies)
    warm = float(gb_per_day * warm_days * warm_ratio)
    return {"hot": hot, "warm": warm, "total": hot + warm}

# %% course={"kind": "wrong", "id": "int-results", "fails": ["t1"]}
def log_storage_gb(gb_per_day, hot_days, warm_days, *, hot_copies=2, warm_ratio=0.2):
    if gb_per_day < 0 or hot_days < 0 or warm_days < 0 or hot_copies < 1 or not 0 < warm_ratio <= 1:
        raise ValueError("bad argument")
    hot = gb_per_day * hot_days * hot_copies
    warm = gb_per_day * warm_days * warm_ratio
    return {"hot": hot, "warm": warm, "total": hot + warm}


# %% [markdown] course={"kind": "exercise", "id": "classify-requirement"}
# ### Functional, non-functional, or vague?
#
# The first five minutes turn a prompt into two lists: what the system *does* (functional: "users can shorten a
# URL") and how well (non-functional: "p99 redirect latency under 50 ms"). The mistake interviewers mark down is
# the third kind: a quality with no number ("it should be fast"). Write `classify_requirement(text) -> str`:
#
# 1. A blank `text` (empty or only whitespace) raises `ValueError`.
# 2. Split the lower-cased text into words: runs of `a`–`z` and `0`–`9` (`re.findall(r"[a-z0-9]+", ...)`).
#    Words match whole, never as part of a longer word ("unavailable" is not "available").
# 3. If a word is in `VAGUE_WORDS` (setup cell) and the text has no digit `0`–`9`, return `"vague"`.
# 4. Else, if a word is in `QUALITY_WORDS` or `VAGUE_WORDS`, return `"non-functional"`.
# 5. Else return `"functional"`.
#
# ```python
# classify_requirement("The service must be fast")            # 'vague'
# classify_requirement("Fast: p99 under 200 ms")              # 'non-functional'
# classify_requirement("Users can upload 10 photos a day")    # 'functional'
# ```

# %% [markdown] course={"kind": "hint"}
# Make a `set` of the words once, then use set intersection (`&`) with the two word sets.

# %% [markdown] course={"kind": "hint"}
# A number anywhere in the text rescues a vague word: `re.search(r"[0-9]", text)`. A number alone does not make a
# requirement non-functional ("10 photos" is a feature's limit).

# %% course={"kind": "solution"}
def classify_requirement(text: str) -> str:
    ### BEGIN SOLUTION
    if not text.strip():
        raise ValueError("an empty requirement")
    words = set(re.findall(r"[a-z0-9]+", text.lower()))
    has_number = re.search(r"[0-9]", text) is not None
    if words & VAGUE_WORDS and not has_number:
        return "vague"
    if words & (QUALITY_WORDS | VAGUE_WORDS):
        return "non-functional"
    return "functional"
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert classify_requirement("Users can shorten a URL") == "functional", "a thing the system does"
assert classify_requirement("p99 redirect latency under 50 ms") == "non-functional", "a quality with a number"
assert classify_requirement("The service must be fast") == "vague", "fast: how fast?"
assert classify_requirement("Fast: p99 under 200 ms") == "non-functional", "a number makes 'fast' measurable"
assert classify_requirement("Users can upload 10 photos a day") == "functional", "a number alone is not a quality"
### BEGIN HIDDEN TESTS
assert classify_requirement("99.9% uptime per month") == "non-functional"
assert classify_requirement("Highly SCALABLE") == "vague", "case does not matter"
assert classify_requirement("Scalable to 10k QPS") == "non-functional"
assert classify_requirement("Data is encrypted at rest") == "non-functional", "a quality word without a vague one"
assert classify_requirement("Reliable") == "vague"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert classify_requirement("Show an 'unavailable' banner when offline") == "functional", (
    "'unavailable' is not the word 'available': match whole words only"
)
assert classify_requirement("Admins can export a breakfast report") == "functional", "'breakfast' is not 'fast'"
for _blank in ["", "   ", "\n\t"]:
    try:
        classify_requirement(_blank)
    except ValueError:
        pass
    else:
        raise AssertionError(f"classify_requirement({_blank!r}) must raise ValueError")
### BEGIN HIDDEN TESTS
assert classify_requirement("Latency ≤ 50 ms für Nutzer") == "non-functional", "unicode around the words"
assert classify_requirement("Ränder sind schnell") == "functional", "words outside the lists"
assert classify_requirement("x") == "functional"
assert classify_requirement("fast") == "vague" and classify_requirement("fast 1") == "non-functional"
assert classify_requirement("fast\u0661") == "vague", "only the digits 0-9 count as a number"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "substrings", "fails": ["t2"]}
def classify_requirement(text):
    if not text.strip():
        raise ValueError("an empty requirement")
    low = text.lower()
    has_number = re.search(r"[0-9]", text) is not None
    if any(w in low for w in VAGUE_WORDS) and not has_number:
        return "vague"
    if any(w in low for w in QUALITY_WORDS | VAGUE_WORDS):
        return "non-functional"
    return "functional"

# %% course={"kind": "wrong", "id": "numbers-ignored", "fails": ["t1", "t2"]}
def classify_requirement(text):
    if not text.strip():
        raise ValueError("an empty requirement")
    words = set(re.findall(r"[a-z0-9]+", text.lower()))
    if words & VAGUE_WORDS:
        return "vague"
    if words & QUALITY_WORDS:
        return "non-functional"
    return "functional"

# %% course={"kind": "wrong", "id": "case-sensitive", "fails": ["t1", "t2"]}
def classify_requirement(text):
    if not text.strip():
        raise ValueError("an empty requirement")
    words = set(re.findall(r"[a-z0-9]+", text))
    has_number = re.search(r"[0-9]", text) is not None
    if words & VAGUE_WORDS and not has_number:
        return "vague"
    if words & (QUALITY_WORDS | VAGUE_WORDS):
        return "non-functional"
    return "functional"


# %% [markdown] course={"kind": "exercise", "id": "unasked-topics"}
# ### Which clarifying questions did you skip?
#
# Before drawing a box, ask what changes the design. `TOPICS` (setup cell) lists seven topics in the order worth
# asking, each with the words that show a question touched it. Write `unasked(questions) -> list[str]`: the
# names of the topics that **no** question mentions, in `TOPICS` order. A question mentions a topic when one of
# its words (runs of `a`–`z` and `0`–`9` in the lower-cased text) is one of the topic's words; whole words only.
# `questions` is any iterable of strings (a list, a generator): read it once.
#
# ```python
# unasked(["How many daily users?", "What p99 latency do we need?"])
# # ['traffic', 'read-write ratio', 'consistency', 'durability', 'scope']
# ```

# %% [markdown] course={"kind": "hint"}
# Collect every word of every question into one set, then keep each topic whose word set shares nothing with it.

# %% [markdown] course={"kind": "hint"}
# `words.isdisjoint(topic_words)` is `True` when no word is shared. Walk `TOPICS` in order to build the answer.

# %% course={"kind": "solution"}
def unasked(questions: Iterable[str]) -> list[str]:
    ### BEGIN SOLUTION
    words: set[str] = set()
    for question in questions:
        words.update(re.findall(r"[a-z0-9]+", question.lower()))
    return [name for name, topic_words in TOPICS if words.isdisjoint(topic_words)]
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_all = [name for name, _ in TOPICS]
assert unasked(["How many daily users?", "What p99 latency do we need?"]) == [
    "traffic", "read-write ratio", "consistency", "durability", "scope"
], "users and latency were asked; the rest in TOPICS order"  # fmt: skip
assert unasked([]) == _all, "no questions: every topic is unasked"
assert unasked(q for q in ["Peak QPS?", "Can reads be stale?"]) == [
    "users", "latency", "durability", "scope"
], "a generator works too; 'qps', 'reads' and 'stale' count"  # fmt: skip
### BEGIN HIDDEN TESTS
assert unasked(iter([])) == _all
assert unasked(["USERS? TRAFFIC? WRITES? LATENCY? CONSISTENCY? BACKUP? MVP?"]) == [], "case does not matter"
assert unasked(["Is the MVP scope fixed?"]) == _all[:-1]
assert unasked(["users"]) == _all[1:]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert unasked(["Is it already live?", "Who are the userbase owners?"]) == _all, (
    "'already' is not 'read' and 'userbase' is not 'users': whole words only"
)
_reversed = [
    "Anything out of the first version?", "Can we lose a message?", "Is eventual consistency fine?",
    "How slow is too slow?", "Writes per second?", "Requests at peak?", "How many customers?",
]  # fmt: skip
assert unasked(_reversed[:3]) == ["users", "traffic", "read-write ratio", "latency"], "TOPICS order, not question order"
assert unasked(_reversed) == [], "every topic asked"
### BEGIN HIDDEN TESTS
assert unasked(["Is a p99 of 120ms ok?"]) == [n for n in _all if n != "latency"], "'p99' is a word; '120ms' is not 'ms'"
assert unasked(["données perdues? lost data?"]) == [n for n in _all if n != "durability"]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "substrings", "fails": ["t2"]}
def unasked(questions):
    text = " ".join(questions).lower()
    return [name for name, topic_words in TOPICS if not any(w in text for w in topic_words)]

# %% course={"kind": "wrong", "id": "sorted-names", "fails": ["t1", "t2"]}
def unasked(questions):
    words = set()
    for question in questions:
        words.update(re.findall(r"[a-z0-9]+", question.lower()))
    return sorted(name for name, topic_words in TOPICS if words.isdisjoint(topic_words))

# %% course={"kind": "wrong", "id": "reads-twice", "fails": ["t1"]}
def unasked(questions):
    if not questions:
        return [name for name, _ in TOPICS]
    missing = []
    for name, topic_words in TOPICS:
        if all(set(re.findall(r"[a-z0-9]+", q.lower())).isdisjoint(topic_words) for q in questions):
            missing.append(name)
    return missing


# %% [markdown] course={"kind": "exercise", "id": "flag-rollout"}
# ### Sticky percentage rollouts for feature flags
#
# The feature flag answer (Practice Questions) evaluates flags inside each service's SDK. A percentage rollout ("new checkout
# for 10 % of users") must be **sticky** (a user who has the feature keeps it on every request, every instance
# and every restart, and keeps it when the rollout grows to 20 %) and **independent per flag** (the 10 % who get
# one flag are not the same 10 % who get every other flag). Write two functions:
#
# - `bucket(flag, user_id) -> int`: the SHA-256 digest of the UTF-8 text `f"{flag}:{user_id}"`, its first 8 bytes
#   read as a big-endian unsigned integer, modulo 10,000: a number from 0 to 9,999.
# - `is_enabled(flag, user_id, percent) -> bool`: `True` when `bucket(...)` is below `percent * 100` (so
#   `percent=12.5` enables buckets 0–1,249). `percent` outside 0–100 raises `ValueError`.
#
# ```python
# bucket("new-checkout", "u42"), is_enabled("new-checkout", "u42", 25), is_enabled("new-checkout", "u42", 20)
# # (2088, True, False)
# ```

# %% [markdown] course={"kind": "hint"}
# `hashlib.sha256(text.encode("utf-8")).digest()` gives 32 bytes; `int.from_bytes(some_bytes, "big")` reads them.

# %% [markdown] course={"kind": "hint"}
# Python's built-in `hash()` of a string changes from one process to the next (hash randomisation), so two
# instances of a service would disagree: it cannot make a rollout sticky. Put the flag name in the hashed text,
# or every flag picks the same users.

# %% course={"kind": "solution"}
def bucket(flag: str, user_id: str) -> int:
    ### BEGIN SOLUTION
    digest = hashlib.sha256(f"{flag}:{user_id}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 10_000
    ### END SOLUTION


def is_enabled(flag: str, user_id: str, percent: float) -> bool:
    ### BEGIN SOLUTION
    if not 0 <= percent <= 100:
        raise ValueError(f"percent must be between 0 and 100, not {percent}")
    return bucket(flag, user_id) < percent * 100
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert bucket("new-checkout", "u42") == 2088, "sha256 of 'new-checkout:u42', first 8 bytes big-endian, mod 10,000"
assert bucket("new-checkout", "u43") == 853 and bucket("dark-mode", "u42") == 5020, "other users and flags"
assert is_enabled("new-checkout", "u42", 25) is True and is_enabled("new-checkout", "u42", 20) is False, "2088 < 2500"
### BEGIN HIDDEN TESTS
assert bucket("new-checkout", "zoë") == 1616, "the text is encoded as UTF-8"
assert bucket("x", "") == 1744
assert type(bucket("x", "")) is int
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_users = [f"u{i}" for i in range(10_000)]
_ten = [u for u in _users if is_enabled("new-checkout", u, 10)]
_twenty = set(u for u in _users if is_enabled("new-checkout", u, 20))
assert 900 <= len(_ten) <= 1100, f"about 10 % of 10,000 users, got {len(_ten)}"
assert all(u in _twenty for u in _ten), "sticky: everyone enabled at 10 % is still enabled at 20 %"
_other = set(u for u in _users if is_enabled("dark-mode", u, 10))
assert len(_other.intersection(_ten)) < 200, "independent flags: two 10 % rollouts share about 1 % of users, not 10 %"
### BEGIN HIDDEN TESTS
assert len(_ten) == 1012 and len(_other) == 982 and len(_other.intersection(_ten)) == 91
assert sum(is_enabled("new-checkout", u, 12.5) for u in _users) == 1260
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert bucket("new-checkout", "u7369") == 0, "this user's bucket is 0"
assert is_enabled("new-checkout", "u7369", 0) is False, "0 % enables nobody, not even bucket 0"
assert is_enabled("new-checkout", "u6470", 100) is True, "100 % enables everybody, even bucket 9,999"
for _bad in [-1, 100.5, 101]:
    try:
        is_enabled("new-checkout", "u42", _bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"percent={_bad} must raise ValueError")
### BEGIN HIDDEN TESTS
assert bucket("new-checkout", "u6470") == 9999
assert is_enabled("new-checkout", "u6051", 12.5) is False and is_enabled("new-checkout", "u14090", 12.5) is True
assert is_enabled("new-checkout", "u4213", 25) is False and is_enabled("new-checkout", "u2186", 25) is True
assert is_enabled("new-checkout", "u4213", 25.01) is True
for _bad in [-0.01, 100.01]:
    try:
        is_enabled("new-checkout", "u42", _bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"percent={_bad} must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "builtin-hash", "fails": ["t1", "t2", "t3"]}
def bucket(flag, user_id):
    return hash(f"{flag}:{user_id}") % 10_000


def is_enabled(flag, user_id, percent):
    if not 0 <= percent <= 100:
        raise ValueError(f"percent must be between 0 and 100, not {percent}")
    return bucket(flag, user_id) < percent * 100

# %% course={"kind": "wrong", "id": "user-only", "fails": ["t1", "t2", "t3"]}
def bucket(flag, user_id):
    digest = hashlib.sha256(user_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 10_000


def is_enabled(flag, user_id, percent):
    if not 0 <= percent <= 100:
        raise ValueError(f"percent must be between 0 and 100, not {percent}")
    return bucket(flag, user_id) < percent * 100

# %% course={"kind": "wrong", "id": "at-or-below", "fails": ["t2", "t3"]}
def bucket(flag, user_id):
    digest = hashlib.sha256(f"{flag}:{user_id}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 10_000


def is_enabled(flag, user_id, percent):
    if not 0 <= percent <= 100:
        raise ValueError(f"percent must be between 0 and 100, not {percent}")
    return bucket(flag, user_id) <= percent * 100


# %% [markdown] course={"kind": "exercise", "id": "estimate-sheet"}
# ### Check an estimation sheet against its own assumptions
#
# Your assumptions are yours to choose; what an interviewer can check is that your numbers follow from
# them. Write `check_estimates(assumptions, claims, tolerance=0.25) -> list[str]` for a notification
# system. `assumptions` holds `daily_users`, `per_user_per_day` (notifications), `payload_bytes`,
# `retention_days` and `peak_factor` (a missing one raises `KeyError`). From them:
#
# | name | formula |
# |---|---|
# | `avg_qps` | daily_users x per_user_per_day / `SECONDS_PER_DAY` (86,400) |
# | `peak_qps` | avg_qps x peak_factor |
# | `storage_gb` | daily_users x per_user_per_day x payload_bytes x retention_days / 10^9 |
# | `bandwidth_mbps` | peak_qps x payload_bytes x 8 / 10^6 (megabits per second) |
#
# `claims` maps some of these names to the learner's numbers. Return the names of the claims that are **off by
# more than** `tolerance` times the true value (`abs(claim - true) > tolerance * true`), in the table's order. A
# claim name not in the table, or a negative `tolerance`, raises `ValueError`. The default 25 % is on purpose:
# rounding a day to 100,000 s (a common shortcut) is a 14 % error and must pass; a forgotten factor of 8 must not.
# (Floats: a claim exactly on the edge, such as 1.5 against 1.2, may land a hair either side of it, because
# `1.5 - 1.2` is `0.30000000000000004`; the tests use edges that are exact, such as 125 against 100.)
#
# ```python
# a = dict(daily_users=864_000, per_user_per_day=10, payload_bytes=500, retention_days=30, peak_factor=3)
# check_estimates(a, {"avg_qps": 86.4, "peak_qps": 900, "bandwidth_mbps": 0.15})   # ['peak_qps', 'bandwidth_mbps']
# ```

# %% [markdown] course={"kind": "hint"}
# Compute all four true values first, in a dict built in the table's order; then walk that dict.

# %% [markdown] course={"kind": "hint"}
# The tolerance is relative to the **true** value, not the claim: `abs(claim - true) > tolerance * true`. Exactly
# 25 % off passes.

# %% course={"kind": "solution"}
def check_estimates(assumptions: dict[str, float], claims: dict[str, float], tolerance: float = 0.25) -> list[str]:
    ### BEGIN SOLUTION
    if tolerance < 0:
        raise ValueError("tolerance cannot be negative")
    per_day = assumptions["daily_users"] * assumptions["per_user_per_day"]
    avg_qps = per_day / SECONDS_PER_DAY
    peak_qps = avg_qps * assumptions["peak_factor"]
    truth = {
        "avg_qps": avg_qps,
        "peak_qps": peak_qps,
        "storage_gb": per_day * assumptions["payload_bytes"] * assumptions["retention_days"] / 1e9,
        "bandwidth_mbps": peak_qps * assumptions["payload_bytes"] * 8 / 1e6,
    }
    unknown = [name for name in claims if name not in truth]
    if unknown:
        raise ValueError(f"no formula for {unknown}")
    return [name for name, true in truth.items() if name in claims and abs(claims[name] - true) > tolerance * true]
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_a = dict(daily_users=864_000, per_user_per_day=10, payload_bytes=500, retention_days=30, peak_factor=3)
_right = {"avg_qps": 100, "peak_qps": 300, "storage_gb": 129.6, "bandwidth_mbps": 1.2}
assert check_estimates(_a, _right) == [], "the true values: 100/s, 300/s, 129.6 GB, 1.2 Mb/s"
assert check_estimates(_a, {"avg_qps": 86.4, "peak_qps": 900, "bandwidth_mbps": 0.15}) == ["peak_qps", "bandwidth_mbps"], (
    "86.4/s (a day rounded to 100,000 s) is close enough; 900/s and 0.15 Mb/s (bytes, not bits) are not"
)
assert check_estimates(_a, {}) == [], "no claims, nothing to flag"
### BEGIN HIDDEN TESTS
assert check_estimates(_a, {"storage_gb": 13}) == ["storage_gb"]
assert check_estimates(_a, {"storage_gb": 130, "bandwidth_mbps": 1.4}) == []
assert check_estimates(dict(_a, peak_factor=1), {"peak_qps": 100, "bandwidth_mbps": 0.8}) == ["bandwidth_mbps"]
_wrong = {"bandwidth_mbps": 9.6, "storage_gb": 1296, "peak_qps": 30, "avg_qps": 1000}
assert check_estimates(_a, _wrong) == ["avg_qps", "peak_qps", "storage_gb", "bandwidth_mbps"], "the table's order"
assert list(_wrong) == ["bandwidth_mbps", "storage_gb", "peak_qps", "avg_qps"], "claims are not changed"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert check_estimates(_a, {"avg_qps": 125, "peak_qps": 225}) == [], "exactly 25 % off (either way) still passes"
assert check_estimates(_a, {"avg_qps": 125.01, "peak_qps": 224.9}) == ["avg_qps", "peak_qps"], "just past 25 % fails"
assert check_estimates(_a, {"avg_qps": 75}) == [], "25 % of the TRUE value (100), not of the claim (75)"
assert check_estimates(_a, {"avg_qps": 110}, tolerance=0.1) == [] and check_estimates(_a, {"avg_qps": 111}, 0.1) == [
    "avg_qps"
], "a tolerance of 10 %"
### BEGIN HIDDEN TESTS
assert check_estimates(_a, {"avg_qps": 100, "peak_qps": 300}, tolerance=0) == []
assert check_estimates(_a, {"avg_qps": 100.001}, tolerance=0) == ["avg_qps"]
assert check_estimates(dict(_a, daily_users=21_600), {"avg_qps": 2.5, "peak_qps": 7.5}, tolerance=0) == [], "2.5/s"
assert check_estimates(_a, {"peak_qps": 375, "avg_qps": 74.99}) == ["avg_qps"]
assert check_estimates(_a, {"bandwidth_mbps": 1.49, "storage_gb": 161.9}) == []
assert check_estimates(_a, {"bandwidth_mbps": 1.51, "storage_gb": 162.1}) == ["storage_gb", "bandwidth_mbps"]
_none = dict(_a, daily_users=0)
assert check_estimates(_none, {"avg_qps": 0, "peak_qps": 1, "storage_gb": 0.0}) == ["peak_qps"], "true values of 0"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for _claims, _tol in [({"p99_ms": 50}, 0.25), ({"avg_qps": 100}, -0.01)]:
    try:
        check_estimates(_a, _claims, _tol)
    except ValueError:
        pass
    else:
        raise AssertionError(f"check_estimates(a, {_claims}, {_tol}) must raise ValueError")
try:
    check_estimates({"daily_users": 10}, {"avg_qps": 1})
except KeyError:
    pass
else:
    raise AssertionError("a missing assumption raises KeyError")
### BEGIN HIDDEN TESTS
try:
    check_estimates(_a, {"avg_qps": 100, "qps": 100})
except ValueError:
    pass
else:
    raise AssertionError("one unknown name among known ones still raises")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "day-is-100k", "fails": ["t1", "t2"]}
def check_estimates(assumptions, claims, tolerance=0.25):
    if tolerance < 0:
        raise ValueError("tolerance cannot be negative")
    per_day = assumptions["daily_users"] * assumptions["per_user_per_day"]
    avg_qps = per_day / 100_000
    peak_qps = avg_qps * assumptions["peak_factor"]
    truth = {
        "avg_qps": avg_qps,
        "peak_qps": peak_qps,
        "storage_gb": per_day * assumptions["payload_bytes"] * assumptions["retention_days"] / 1e9,
        "bandwidth_mbps": peak_qps * assumptions["payload_bytes"] * 8 / 1e6,
    }
    if set(claims) - set(truth):
        raise ValueError("unknown claim")
    return [name for name, true in truth.items() if name in claims and abs(claims[name] - true) > tolerance * true]

# %% course={"kind": "wrong", "id": "relative-to-claim", "fails": ["t2"]}
def check_estimates(assumptions, claims, tolerance=0.25):
    if tolerance < 0:
        raise ValueError("tolerance cannot be negative")
    per_day = assumptions["daily_users"] * assumptions["per_user_per_day"]
    avg_qps = per_day / SECONDS_PER_DAY
    peak_qps = avg_qps * assumptions["peak_factor"]
    truth = {
        "avg_qps": avg_qps,
        "peak_qps": peak_qps,
        "storage_gb": per_day * assumptions["payload_bytes"] * assumptions["retention_days"] / 1e9,
        "bandwidth_mbps": peak_qps * assumptions["payload_bytes"] * 8 / 1e6,
    }
    if set(claims) - set(truth):
        raise ValueError("unknown claim")
    return [n for n, true in truth.items() if n in claims and abs(claims[n] - true) > tolerance * claims[n]]

# %% course={"kind": "wrong", "id": "bytes-not-bits", "fails": ["t1", "t2"]}
def check_estimates(assumptions, claims, tolerance=0.25):
    if tolerance < 0:
        raise ValueError("tolerance cannot be negative")
    per_day = assumptions["daily_users"] * assumptions["per_user_per_day"]
    avg_qps = per_day / SECONDS_PER_DAY
    peak_qps = avg_qps * assumptions["peak_factor"]
    truth = {
        "avg_qps": avg_qps,
        "peak_qps": peak_qps,
        "storage_gb": per_day * assumptions["payload_bytes"] * assumptions["retention_days"] / 1e9,
        "bandwidth_mbps": peak_qps * assumptions["payload_bytes"] / 1e6,
    }
    if set(claims) - set(truth):
        raise ValueError("unknown claim")
    return [name for name, true in truth.items() if name in claims and abs(claims[name] - true) > tolerance * true]


# %% [markdown] course={"kind": "exercise", "id": "tradeoff-matrix"}
# ### A weighted trade-off matrix, with a stated tie rule
#
# "It depends" earns nothing; "on *these* criteria, weighted *this* way, option A wins, and here is what it costs"
# earns the point. Write `rank_options(options, weights) -> list[tuple[str, int]]`. `options` maps an option's
# name to its scores (criterion -> whole number, higher is better); `weights` maps each criterion that matters
# to a whole-number weight. An option's total is the sum of weight x score over the criteria in `weights`
# (criteria only in the scores are ignored). Return `(name, total)` pairs, **highest total first; equal totals in
# alphabetical order of name** (so the answer never depends on the order you listed the options in).
#
# Raise `ValueError` if a weight is negative or an option has no score for a weighted criterion. Do not change
# the arguments.
#
# ```python
# options = {
#     "redis-cluster": {"latency": 4, "ops_cost": 2, "data_types": 5},
#     "memcached": {"latency": 5, "ops_cost": 4, "data_types": 1},
#     "in-process": {"latency": 5, "ops_cost": 5, "data_types": 2},
# }
# rank_options(options, {"latency": 3, "ops_cost": 1, "data_types": 2})
# # [('in-process', 24), ('redis-cluster', 24), ('memcached', 21)]
# ```
#
# (For the distributed cache question of 22.4 the in-process cache then loses on a criterion missing here: each
# instance holds its own copy, so a write leaves the others stale. A matrix is only as good as its criteria;
# say which you left out.)

# %% [markdown] course={"kind": "hint"}
# Build the list of pairs first, then sort it once with a key that does both orders: `(-total, name)`.

# %% [markdown] course={"kind": "hint"}
# `sorted(rows, key=lambda r: r[1], reverse=True)` keeps equal totals in the order the options were given:
# that is the input's order, not alphabetical.

# %% course={"kind": "solution"}
def rank_options(options: dict[str, dict[str, int]], weights: dict[str, int]) -> list[tuple[str, int]]:
    ### BEGIN SOLUTION
    if any(weight < 0 for weight in weights.values()):
        raise ValueError("weights cannot be negative")
    rows = []
    for name, scores in options.items():
        missing = [criterion for criterion in weights if criterion not in scores]
        if missing:
            raise ValueError(f"{name} has no score for {missing}")
        rows.append((name, sum(weight * scores[criterion] for criterion, weight in weights.items())))
    return sorted(rows, key=lambda row: (-row[1], row[0]))
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_opts = {
    "redis-cluster": {"latency": 4, "ops_cost": 2, "data_types": 5},
    "memcached": {"latency": 5, "ops_cost": 4, "data_types": 1},
    "in-process": {"latency": 5, "ops_cost": 5, "data_types": 2},
}
_w = {"latency": 3, "ops_cost": 1, "data_types": 2}
assert rank_options(_opts, _w) == [("in-process", 24), ("redis-cluster", 24), ("memcached", 21)], (
    "totals 24, 21, 24; the tie goes alphabetically"
)
assert rank_options(_opts, {"data_types": 1}) == [("redis-cluster", 5), ("in-process", 2), ("memcached", 1)], (
    "only weighted criteria count"
)
assert rank_options({}, _w) == [], "no options, no ranking"
### BEGIN HIDDEN TESTS
assert rank_options(_opts, {}) == [("in-process", 0), ("memcached", 0), ("redis-cluster", 0)]
assert rank_options({"a": {"x": 3}}, {"x": 2}) == [("a", 6)]
assert rank_options({"b": {"x": 1}, "a": {"x": 3}}, {"x": 1}) == [("a", 3), ("b", 1)]
assert rank_options({"a": {"x": 1, "y": 0}, "b": {"x": 0, "y": 1}}, {"x": 1, "y": 2}) == [("b", 2), ("a", 1)]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_zyx = {"zeta": {"cost": 2}, "yak": {"cost": 3}, "xeno": {"cost": 2}, "alpha": {"cost": 3}}
assert rank_options(_zyx, {"cost": 1}) == [("alpha", 3), ("yak", 3), ("xeno", 2), ("zeta", 2)], (
    "equal totals alphabetically, whatever order the options came in"
)
_before = {k: dict(v) for k, v in _opts.items()}
rank_options(_opts, _w)
assert _opts == _before and list(_opts) == ["redis-cluster", "memcached", "in-process"], "options are not changed"
assert _w == {"latency": 3, "ops_cost": 1, "data_types": 2}, "weights are not changed"
### BEGIN HIDDEN TESTS
assert rank_options({"b": {"c": -1}, "a": {"c": -1}, "c": {"c": 0}}, {"c": 0}) == [("a", 0), ("b", 0), ("c", 0)]
assert rank_options({"b": {"c": -1}, "a": {"c": -2}}, {"c": 1}) == [("b", -1), ("a", -2)], "negative scores are fine"
_r = rank_options({"a": {"x": 3}}, {"x": 2})
assert type(_r) is list and type(_r[0]) is tuple, "a list of tuples"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for _opt, _wt in [({"a": {"x": 1}}, {"x": -1}), ({"a": {"x": 1}, "b": {"y": 1}}, {"x": 1})]:
    try:
        rank_options(_opt, _wt)
    except ValueError:
        pass
    else:
        raise AssertionError(f"rank_options({_opt}, {_wt}) must raise ValueError")
### BEGIN HIDDEN TESTS
try:
    rank_options({"a": {"x": 1}}, {"x": 1, "y": -1})
except ValueError:
    pass
else:
    raise AssertionError("a negative weight anywhere raises")
try:
    rank_options({"a": {"y": 1}}, {"x": 0})
except ValueError:
    pass
else:
    raise AssertionError("a missing score raises even when its weight is 0")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "input-order-ties", "fails": ["t1", "t2"]}
def rank_options(options, weights):
    if any(weight < 0 for weight in weights.values()):
        raise ValueError("weights cannot be negative")
    rows = []
    for name, scores in options.items():
        if any(criterion not in scores for criterion in weights):
            raise ValueError(f"{name} has a missing score")
        rows.append((name, sum(weight * scores[criterion] for criterion, weight in weights.items())))
    return sorted(rows, key=lambda row: row[1], reverse=True)

# %% course={"kind": "wrong", "id": "reverse-names", "fails": ["t1", "t2"]}
def rank_options(options, weights):
    if any(weight < 0 for weight in weights.values()):
        raise ValueError("weights cannot be negative")
    rows = []
    for name, scores in options.items():
        if any(criterion not in scores for criterion in weights):
            raise ValueError(f"{name} has a missing score")
        rows.append((name, sum(weight * scores[criterion] for criterion, weight in weights.items())))
    return sorted(rows, key=lambda row: (row[1], row[0]), reverse=True)

# %% course={"kind": "wrong", "id": "all-criteria", "fails": ["t1", "t3"]}
def rank_options(options, weights):
    if any(weight < 0 for weight in weights.values()):
        raise ValueError("weights cannot be negative")
    rows = []
    for name, scores in options.items():
        rows.append((name, sum(weights.get(criterion, 1) * score for criterion, score in scores.items())))
    return sorted(rows, key=lambda row: (-row[1], row[0]))


# %% [markdown] course={"kind": "exercise", "id": "time-box", "timeout": 10}
# ### A time-box planner whose minutes add up
#
# The framework lesson's table is one plan; interviews come in 35, 45 and 60 minutes, and you may want a longer deep dive.
# Write `plan_minutes(total, steps) -> list[tuple[str, int]]`. Each step is `(name, weight, minimum)`. Give
# every step its minimum, then split the **spare** minutes (`total` minus all minimums) in proportion to the
# weights: each step first gets the whole part of `spare * weight / sum_of_weights`; the minutes still left
# over go, one each, to the steps with the **largest remainders** (equal remainders: the earlier step first).
# Return `(name, minutes)` in the order of `steps`; the minutes always sum to exactly `total`.
#
# Raise `ValueError` for no steps, a weight below 1, a negative minimum, or minimums that add up to more than
# `total`.
#
# ```python
# plan_minutes(45, [("requirements", 1, 5), ("estimation", 1, 3), ("api", 1, 3),
#                   ("high-level", 2, 5), ("deep dive", 4, 10), ("wrap-up", 1, 2)])
# # [('requirements', 7), ('estimation', 5), ('api', 5), ('high-level', 8), ('deep dive', 17), ('wrap-up', 3)]
# ```
#
# (17 spare minutes over weight 10: shares 1.7, 1.7, 1.7, 3.4, 6.8 and 1.7; the whole parts give 13, and the four
# minutes left go to the remainders .8, .7, .7, .7: wrap-up's .7 comes last, so it gets none.)

# %% [markdown] course={"kind": "hint"}
# Stay in whole numbers: with `W` the sum of the weights, the whole part is `spare * weight // W` and the
# remainder `spare * weight % W`. Floats would make equal remainders compare unequal.

# %% [markdown] course={"kind": "hint"}
# `sorted(range(len(steps)), key=lambda i: (-remainder[i], i))` orders the steps by largest remainder, earlier
# first on ties; the first `left` of them get one more minute. `round()` each share instead, and the total drifts.

# %% course={"kind": "solution"}
def plan_minutes(total: int, steps: list[tuple[str, int, int]]) -> list[tuple[str, int]]:
    ### BEGIN SOLUTION
    if not steps:
        raise ValueError("no steps to plan")
    if any(weight < 1 or minimum < 0 for _, weight, minimum in steps):
        raise ValueError("weights must be at least 1 and minimums at least 0")
    spare = total - sum(minimum for _, _, minimum in steps)
    if spare < 0:
        raise ValueError("the minimums do not fit in the total")
    weights = sum(weight for _, weight, _ in steps)
    extra = [spare * weight // weights for _, weight, _ in steps]
    remainder = [spare * weight % weights for _, weight, _ in steps]
    left = spare - sum(extra)
    for i in sorted(range(len(steps)), key=lambda i: (-remainder[i], i))[:left]:
        extra[i] += 1
    return [(name, minimum + more) for (name, _, minimum), more in zip(steps, extra)]
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_steps = [
    ("requirements", 1, 5), ("estimation", 1, 3), ("api", 1, 3), ("high-level", 2, 5), ("deep dive", 4, 10), ("wrap-up", 1, 2)
]  # fmt: skip
_plan = plan_minutes(45, _steps)
assert _plan == [
    ("requirements", 7), ("estimation", 5), ("api", 5), ("high-level", 8), ("deep dive", 17), ("wrap-up", 3)
], f"the 45-minute example: {_plan}"  # fmt: skip
assert sum(m for _, m in plan_minutes(60, _steps)) == 60, "the minutes add up to the total"
assert plan_minutes(28, _steps) == [(n, m) for n, _, m in _steps], "no spare minutes: exactly the minimums"
### BEGIN HIDDEN TESTS
assert plan_minutes(60, _steps) == [
    ("requirements", 8), ("estimation", 6), ("api", 6), ("high-level", 12), ("deep dive", 23), ("wrap-up", 5)
]  # fmt: skip
assert plan_minutes(10, [("only", 3, 0)]) == [("only", 10)]
assert plan_minutes(0, [("a", 1, 0), ("b", 1, 0)]) == [("a", 0), ("b", 0)]
assert type(plan_minutes(7, [("a", 1, 1)])) is list and type(plan_minutes(7, [("a", 1, 1)])[0]) is tuple
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert plan_minutes(5, [("a", 1, 0), ("b", 1, 0), ("c", 1, 0)]) == [("a", 2), ("b", 2), ("c", 1)], (
    "5 over three equal steps: 1.67 each; the two leftover minutes go to the earlier steps on equal remainders"
)
assert plan_minutes(10, [("a", 1, 0), ("b", 2, 0), ("c", 3, 0)]) == [("a", 2), ("b", 3), ("c", 5)], (
    "shares 1.67, 3.33, 5: remainders .67, .33, 0, so the one leftover minute goes to 'a'"
)
assert plan_minutes(10, [("a", 1, 0), ("b", 1, 0), ("c", 4, 0)]) == [("a", 2), ("b", 2), ("c", 6)], (
    "shares 10/6, 10/6, 40/6: three equal remainders of 4/6, so the two leftover minutes go to 'a' and 'b' "
    "(as floats, 40/6 - 6 comes out a hair larger than 10/6 - 1)"
)
for _total in range(28, 91):
    _p = plan_minutes(_total, _steps)
    assert sum(m for _, m in _p) == _total, f"total {_total}: the minutes sum to {sum(m for _, m in _p)}"
    assert all(m >= step[2] for (_, m), step in zip(_p, _steps)), f"total {_total}: every minimum kept"
### BEGIN HIDDEN TESTS
assert plan_minutes(7, [("a", 1, 0), ("b", 1, 0), ("c", 1, 0), ("d", 1, 0)]) == [("a", 2), ("b", 2), ("c", 2), ("d", 1)]
assert plan_minutes(7, [("a", 1, 5), ("b", 3, 0)]) == [("a", 6), ("b", 1)], "remainders 2 and 2: the earlier step"
assert plan_minutes(11, [("a", 2, 1), ("b", 1, 1), ("c", 2, 1)]) == [("a", 4), ("b", 3), ("c", 4)]
assert plan_minutes(9, [("a", 1, 0), ("b", 1, 0), ("c", 2, 0)]) == [("a", 2), ("b", 2), ("c", 5)]
assert plan_minutes(3, [("a", 1, 0), ("b", 1, 0), ("c", 1, 0), ("d", 3, 0)]) == [("a", 1), ("b", 1), ("c", 0), ("d", 1)]
assert plan_minutes(1, [("a", 1, 0), ("b", 5, 0), ("c", 1, 0)]) == [("a", 0), ("b", 1), ("c", 0)]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for _total, _bad in [
    (45, []), (45, [("a", 0, 1)]), (45, [("a", 1, -1)]), (27, _steps), (10, [("a", 1, 5), ("b", 1, 6)])
]:  # fmt: skip
    try:
        plan_minutes(_total, _bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"plan_minutes({_total}, {_bad}) must raise ValueError")
### BEGIN HIDDEN TESTS
assert plan_minutes(11, [("a", 1, 5), ("b", 1, 6)]) == [("a", 5), ("b", 6)]
assert plan_minutes(4, [("a", 1, 0), ("b", 1, 4)]) == [("a", 0), ("b", 4)]
for _bad in [[("a", -1, 0)], [("a", 1, 0), ("b", 0, 0)], [("a", 1, 0), ("b", 1, -3)]]:
    try:
        plan_minutes(9, _bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"plan_minutes(9, {_bad}) must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "round-each", "fails": ["t1", "t2"]}
def plan_minutes(total, steps):
    if not steps:
        raise ValueError("no steps to plan")
    if any(weight < 1 or minimum < 0 for _, weight, minimum in steps):
        raise ValueError("bad step")
    spare = total - sum(minimum for _, _, minimum in steps)
    if spare < 0:
        raise ValueError("the minimums do not fit in the total")
    weights = sum(weight for _, weight, _ in steps)
    return [(name, minimum + round(spare * weight / weights)) for name, weight, minimum in steps]

# %% course={"kind": "wrong", "id": "leftover-to-first", "fails": ["t1", "t2"]}
def plan_minutes(total, steps):
    if not steps:
        raise ValueError("no steps to plan")
    if any(weight < 1 or minimum < 0 for _, weight, minimum in steps):
        raise ValueError("bad step")
    spare = total - sum(minimum for _, _, minimum in steps)
    if spare < 0:
        raise ValueError("the minimums do not fit in the total")
    weights = sum(weight for _, weight, _ in steps)
    extra = [spare * weight // weights for _, weight, _ in steps]
    for i in range(spare - sum(extra)):
        extra[i] += 1
    return [(name, minimum + more) for (name, _, minimum), more in zip(steps, extra)]

# %% course={"kind": "wrong", "id": "share-of-total", "fails": ["t1", "t2", "t3"]}
def plan_minutes(total, steps):
    if not steps:
        raise ValueError("no steps to plan")
    if any(weight < 1 or minimum < 0 for _, weight, minimum in steps):
        raise ValueError("bad step")
    if sum(minimum for _, _, minimum in steps) > total:
        raise ValueError("the minimums do not fit in the total")
    weights = sum(weight for _, weight, _ in steps)
    return [(name, max(minimum, total * weight // weights)) for name, weight, minimum in steps]

# %% course={"kind": "wrong", "id": "float-remainders", "fails": ["t2"]}
def plan_minutes(total, steps):
    if not steps:
        raise ValueError("no steps to plan")
    if any(weight < 1 or minimum < 0 for _, weight, minimum in steps):
        raise ValueError("bad step")
    spare = total - sum(minimum for _, _, minimum in steps)
    if spare < 0:
        raise ValueError("the minimums do not fit in the total")
    weights = sum(weight for _, weight, _ in steps)
    shares = [spare * weight / weights for _, weight, _ in steps]
    extra = [int(share) for share in shares]
    remainder = [share - whole for share, whole in zip(shares, extra)]
    for i in sorted(range(len(steps)), key=lambda i: (-remainder[i], i))[: spare - sum(extra)]:
        extra[i] += 1
    return [(name, minimum + more) for (name, _, minimum), more in zip(steps, extra)]


# %% [markdown] course={"kind": "exercise", "id": "dynamic-batching", "timeout": 10}
# ### Dynamic batching for a model server
#
# A favourite deep dive of the model serving question: a GPU often answers a small batch in little more time
# than a single request, so the server waits a little to fill batches, but never longer than a bound.
# Write `batches(arrivals, max_size, max_wait) -> list[tuple[int, int]]` that replays this rule and returns
# `(dispatch_time, size)` for each batch, in order:
#
# - `arrivals` is a list of arrival times in milliseconds, never decreasing (equal times are fine).
# - A batch opens at the arrival time `t0` of its first request. A request joins the open batch if it arrives at
#   or before `t0 + max_wait`.
# - The batch is dispatched as soon as it holds `max_size` requests (at the arrival time of the one that
#   filled it), or else at `t0 + max_wait` (a request arriving later opens the next batch).
#
# Raise `ValueError` for `max_size < 1`, `max_wait < 0`, or arrivals that go back in time. Do not change
# `arrivals`.
#
# ```python
# batches([0, 1, 2, 9, 30], max_size=3, max_wait=10)   # [(2, 3), (19, 1), (40, 1)]
# ```
#
# The trade-off to say out loud: a larger `max_wait` fills more batches (throughput, cost) and adds up to
# `max_wait` to every request's latency, so the p99 budget sets it.

# %% [markdown] course={"kind": "hint"}
# Keep the open batch as two numbers: its opening time and its size (0 when none is open). For each arrival,
# first close the open batch if this request is too late for it; then add the request; then close the batch if
# it is full.

# %% [markdown] course={"kind": "hint"}
# A request arriving at exactly `t0 + max_wait` still joins. After the loop, a batch still open is dispatched at
# its deadline, not at its last arrival.

# %% course={"kind": "solution", "equivalent": {"m-d6430df1": "opened is set from the first arrival before it is ever read (size is 0 until then)"}}
def batches(arrivals: list[int], max_size: int, max_wait: int) -> list[tuple[int, int]]:
    ### BEGIN SOLUTION
    if max_size < 1 or max_wait < 0:
        raise ValueError("max_size must be at least 1 and max_wait at least 0")
    if any(later < earlier for earlier, later in zip(arrivals, arrivals[1:])):
        raise ValueError("arrivals must never decrease")
    dispatched = []
    opened, size = 0, 0
    for t in arrivals:
        if size and t > opened + max_wait:
            dispatched.append((opened + max_wait, size))
            size = 0
        if not size:
            opened = t
        size += 1
        if size == max_size:
            dispatched.append((t, size))
            size = 0
    if size:
        dispatched.append((opened + max_wait, size))
    return dispatched
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
assert batches([0, 1, 2, 9, 30], max_size=3, max_wait=10) == [(2, 3), (19, 1), (40, 1)], (
    "0, 1, 2 fill a batch at 2; 9 waits until 19 alone; 30 until 40"
)
assert batches([], 4, 5) == [], "no requests, no batches"
assert batches([7], 4, 5) == [(12, 1)], "a lone request waits the full max_wait"
assert batches([0, 3, 4], 8, 5) == [(5, 3)], "not full: dispatched at the deadline, not at the last arrival"
### BEGIN HIDDEN TESTS
assert batches([0, 0, 0, 0], 2, 100) == [(0, 2), (0, 2)], "equal times fill batches at once"
assert batches([0, 1, 2, 3, 4], 1, 50) == [(0, 1), (1, 1), (2, 1), (3, 1), (4, 1)], "max_size 1: no waiting"
assert batches([5, 6], 3, 0) == [(5, 1), (6, 1)], "max_wait 0: only requests at the same millisecond share"
assert batches([5, 5, 6], 3, 0) == [(5, 2), (6, 1)]
assert type(batches([1], 1, 1)) is list and type(batches([1], 1, 1)[0]) is tuple
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert batches([0, 10, 11], 8, 10) == [(10, 2), (21, 1)], "10 arrives exactly at the deadline 0 + 10: it joins"
assert batches([0, 4, 10, 12, 13, 14], 3, 10) == [(10, 3), (14, 3)], "full at 10 (10 joins), and again at 14"
_arr = [0, 2, 2, 3]
batches(_arr, 2, 1)
assert _arr == [0, 2, 2, 3], "arrivals are not changed"
### BEGIN HIDDEN TESTS
assert batches([0, 2, 2, 3], 2, 1) == [(1, 1), (2, 2), (4, 1)]
assert batches([0, 11, 21, 22], 5, 10) == [(10, 1), (21, 2), (32, 1)]
assert batches([100, 101, 102, 103, 104, 105, 106], 3, 2) == [(102, 3), (105, 3), (108, 1)]
assert batches([0, 1, 2, 3, 4, 5], 3, 1) == [(1, 2), (3, 2), (5, 2)]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for _args in [([1, 0], 2, 5), ([0, 5, 4, 9], 2, 5), ([0], 0, 5), ([0], 2, -1)]:
    try:
        batches(*_args)
    except ValueError:
        pass
    else:
        raise AssertionError(f"batches{_args} must raise ValueError")
### BEGIN HIDDEN TESTS
assert batches([3, 3, 3], 1, 0) == [(3, 1), (3, 1), (3, 1)]
for _args in [([0, 1, 2, 3, 2], 9, 9), ([0], -3, 5)]:
    try:
        batches(*_args)
    except ValueError:
        pass
    else:
        raise AssertionError(f"batches{_args} must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "deadline-exclusive", "fails": ["t1", "t2"]}
def batches(arrivals, max_size, max_wait):
    if max_size < 1 or max_wait < 0:
        raise ValueError("bad limits")
    if any(later < earlier for earlier, later in zip(arrivals, arrivals[1:])):
        raise ValueError("arrivals must never decrease")
    dispatched = []
    opened, size = 0, 0
    for t in arrivals:
        if size and t >= opened + max_wait:
            dispatched.append((opened + max_wait, size))
            size = 0
        if not size:
            opened = t
        size += 1
        if size == max_size:
            dispatched.append((t, size))
            size = 0
    if size:
        dispatched.append((opened + max_wait, size))
    return dispatched

# %% course={"kind": "wrong", "id": "last-arrival", "fails": ["t1", "t2"]}
def batches(arrivals, max_size, max_wait):
    if max_size < 1 or max_wait < 0:
        raise ValueError("bad limits")
    if any(later < earlier for earlier, later in zip(arrivals, arrivals[1:])):
        raise ValueError("arrivals must never decrease")
    dispatched = []
    opened, size, last = 0, 0, 0
    for t in arrivals:
        if size and t > opened + max_wait:
            dispatched.append((last, size))
            size = 0
        if not size:
            opened = t
        size += 1
        last = t
        if size == max_size:
            dispatched.append((t, size))
            size = 0
    if size:
        dispatched.append((last, size))
    return dispatched

# %% course={"kind": "wrong", "id": "forgets-last-batch", "fails": ["t1", "t2"]}
def batches(arrivals, max_size, max_wait):
    if max_size < 1 or max_wait < 0:
        raise ValueError("bad limits")
    if any(later < earlier for earlier, later in zip(arrivals, arrivals[1:])):
        raise ValueError("arrivals must never decrease")
    dispatched = []
    opened, size = 0, 0
    for t in arrivals:
        if size and t > opened + max_wait:
            dispatched.append((opened + max_wait, size))
            size = 0
        if not size:
            opened = t
        size += 1
        if size == max_size:
            dispatched.append((t, size))
            size = 0
    return dispatched


# %% [markdown] course={"kind": "exercise", "id": "notify-dedupe"}
# ### Deduplicate notifications with an expiring idempotency key
#
# The notification answer (Practice Questions) meets "exactly once?" with "at-least-once delivery plus an idempotency key":
# producers retry, queues redeliver, and the sender drops a notification whose key it has already sent. The key
# is remembered for a fixed `window` of seconds **from the send** (a record written once with an expiry, like
# Redis's `SET key 1 NX EX window`); a duplicate does not extend it. Write
# `dedupe(events, window) -> list[tuple[int, str]]`: `events` are `(time_s, key)` pairs in time order; return
# the events that are sent, in order. An event is dropped when its key was sent at a time `t` with
# `time_s < t + window`.
#
# Raise `ValueError` for `window < 1` or times that go back. Do not change `events`.
#
# ```python
# dedupe([(0, "reset:u1"), (50, "reset:u1"), (60, "reset:u1"), (61, "welcome:u2")], window=60)
# # [(0, 'reset:u1'), (60, 'reset:u1'), (61, 'welcome:u2')]
# ```
#
# The interview follow-up: the window is a trade-off too. Too short and a slow retry sends twice; too long and
# the store holds every key of the last `window` seconds (2,300/s for a day is 200 M keys).

# %% [markdown] course={"kind": "hint"}
# A dict `key -> time it was sent`. Only a *sent* event writes to it.

# %% [markdown] course={"kind": "hint"}
# At `time_s == sent + window` the record has expired: send it. Compare with `<`, not `<=`.

# %% course={"kind": "solution"}
def dedupe(events: list[tuple[int, str]], window: int) -> list[tuple[int, str]]:
    ### BEGIN SOLUTION
    if window < 1:
        raise ValueError("window must be at least 1 second")
    if any(later[0] < earlier[0] for earlier, later in zip(events, events[1:])):
        raise ValueError("events must be in time order")
    sent_at: dict[str, int] = {}
    sent = []
    for time_s, key in events:
        if key in sent_at and time_s < sent_at[key] + window:
            continue
        sent_at[key] = time_s
        sent.append((time_s, key))
    return sent
    ### END SOLUTION


# %% course={"kind": "test", "points": 1}
_ev = [(0, "reset:u1"), (50, "reset:u1"), (60, "reset:u1"), (61, "welcome:u2")]
assert dedupe(_ev, window=60) == [(0, "reset:u1"), (60, "reset:u1"), (61, "welcome:u2")], (
    "50 is a duplicate of 0; at 60 the key has expired"
)
assert _ev == [(0, "reset:u1"), (50, "reset:u1"), (60, "reset:u1"), (61, "welcome:u2")], "events are not changed"
assert dedupe([], 30) == [], "no events"
assert dedupe([(5, "a"), (5, "b"), (5, "a")], 1) == [(5, "a"), (5, "b")], "the same second, the same key: a duplicate"
### BEGIN HIDDEN TESTS
assert dedupe([(0, "k")], 1) == [(0, "k")]
assert dedupe([(0, "k"), (1, "k")], 1) == [(0, "k"), (1, "k")], "window 1: the next second is new"
assert dedupe([(0, "ü"), (0, "u"), (3, "ü")], 4) == [(0, "ü"), (0, "u")], "keys are plain strings, unicode too"
_keys = [(0, "Reset:U1"), (1, "reset:u1"), (2, "reset:u1 ")]
assert dedupe(_keys, 9) == _keys, "keys compare exactly: case and spaces make another key"
_r = dedupe([(0, "k")], 1)
assert type(_r) is list and type(_r[0]) is tuple
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
_retries = [(0, "k"), (40, "k"), (80, "k"), (120, "k"), (130, "k")]
assert dedupe(_retries, 60) == [(0, "k"), (80, "k")], (
    "retries every 40 s: the one at 80 is sent (0 + 60 has passed); a dropped duplicate does not extend the window"
)
for _args in [([(0, "a")], 0), ([(5, "a"), (4, "b")], 10)]:
    try:
        dedupe(*_args)
    except ValueError:
        pass
    else:
        raise AssertionError(f"dedupe{_args} must raise ValueError")
### BEGIN HIDDEN TESTS
assert dedupe([(0, "a"), (10, "b"), (59, "a"), (60, "a"), (69, "b"), (70, "b")], 60) == [
    (0, "a"), (10, "b"), (60, "a"), (70, "b")
]  # fmt: skip
assert dedupe([(0, "a"), (1, "a"), (2, "a"), (3, "a"), (4, "a")], 2) == [(0, "a"), (2, "a"), (4, "a")]
for _args in [([(0, "a")], -5), ([(0, "a"), (1, "a"), (2, "b"), (1, "c")], 3)]:
    try:
        dedupe(*_args)
    except ValueError:
        pass
    else:
        raise AssertionError(f"dedupe{_args} must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "refresh-on-duplicate", "fails": ["t1", "t2"]}
def dedupe(events, window):
    if window < 1:
        raise ValueError("window must be at least 1 second")
    if any(later[0] < earlier[0] for earlier, later in zip(events, events[1:])):
        raise ValueError("events must be in time order")
    seen_at = {}
    sent = []
    for time_s, key in events:
        duplicate = key in seen_at and time_s < seen_at[key] + window
        seen_at[key] = time_s
        if not duplicate:
            sent.append((time_s, key))
    return sent

# %% course={"kind": "wrong", "id": "expiry-inclusive", "fails": ["t1", "t2"]}
def dedupe(events, window):
    if window < 1:
        raise ValueError("window must be at least 1 second")
    if any(later[0] < earlier[0] for earlier, later in zip(events, events[1:])):
        raise ValueError("events must be in time order")
    sent_at = {}
    sent = []
    for time_s, key in events:
        if key in sent_at and time_s <= sent_at[key] + window:
            continue
        sent_at[key] = time_s
        sent.append((time_s, key))
    return sent

# %% course={"kind": "wrong", "id": "keys-forever", "fails": ["t1", "t2"]}
def dedupe(events, window):
    if window < 1:
        raise ValueError("window must be at least 1 second")
    if any(later[0] < earlier[0] for earlier, later in zip(events, events[1:])):
        raise ValueError("events must be in time order")
    sent_keys = set()
    sent = []
    for time_s, key in events:
        if key not in sent_keys:
            sent_keys.add(key)
            sent.append((time_s, key))
    return sent


# %% [markdown] course={"kind": "task", "id": "notification-design", "points": 4, "item": "design-design-notification-system"}
# ### Full design: a notification system, as you would present it
#
# In the markdown cell below, write the answer you would give in a 45-minute interview to "Design a notification
# system for a large consumer app (push, email, SMS)". Use the framework's headings in order: **Requirements**
# (functional and non-functional, each non-functional line with a number; what is out of scope), **Estimates**
# (your own assumptions, and numbers that follow from them: check them with `check_estimates`), **API**, **Data
# model**, **High-level design** (a text diagram), **Deep dives** (two: one must be how a notification is sent
# at most once to the user despite retries), **Bottlenecks and trade-offs** (at least three, each "chose X over
# Y because Z, at the cost of W"), **Wrap-up** (five sentences). Add a line with the minutes you would spend on
# each heading (they must add up to 45).
#
# Aim for one page: an interviewer reads what you would have said, not an essay.

# %% [markdown] course={"kind": "rubric"}
# 4 points, one per line (half points allowed):
#
# - **Requirements and numbers (1):** functional and non-functional lists are separate; every non-functional
#   line has a number (latency, availability, volume); scope cut stated; the estimates follow from the stated
#   assumptions (peak requests/s, storage, a provider rate limit), within 25 %.
# - **Design that works (1):** a diagram with a queue between intake and senders, per-channel (or per-priority)
#   queues, user preferences checked before sending, a retry path with a dead-letter queue; the API takes an
#   idempotency key.
# - **Depth (1):** the at-most-once-to-the-user deep dive is right: at-least-once delivery plus deduplication by
#   key with an expiry (and what the expiry trades off); the second deep dive goes below the boxes (provider
#   throttling, quiet hours with a delay queue, or fan-out of one event to many users).
# - **Communication (1):** trade-offs name both sides; the time plan adds up to 45 with the deep dives the
#   largest share; the wrap-up summarises the design and names the next improvement. Deduct half a point for a
#   design without any numbers.

# %% [markdown] course={"kind": "task", "id": "serving-design", "points": 4, "item": "design-design-model-serving-system"}
# ### Full design: a model serving system with safe rollouts
#
# Write your 45-minute answer to "Design a system that serves predictions of several ML models to other services,
# 2,000 requests/s at peak, p99 under 150 ms, and lets data scientists roll out new model versions safely". Use
# the same headings as the notification task. Required in the answer: the replica count from Little's law with
# your own service time and concurrency (show the arithmetic); where batching sits and the `max_wait` you chose
# against the p99 budget (use `batches` to show one burst of arrivals); how a new version goes from the registry
# to 100 % of traffic (shadow, canary, rollback on which metric); and what happens when the feature store is
# slow.

# %% [markdown] course={"kind": "rubric"}
# 4 points, one per line (half points allowed):
#
# - **Capacity (1):** Little's law applied correctly (requests in flight = rate x time in system), replicas
#   rounded up, headroom or a utilisation target stated, and the failover spare (a zone or N+1) mentioned.
# - **Batching (1):** `max_wait` plus model time fits inside the p99 budget with room for the network and the
#   feature look-up; the throughput gain of batching is named together with its latency cost.
# - **Rollouts (1):** versioned models in a registry; shadow traffic or a canary percentage; an automatic
#   rollback trigger on a concrete metric (error rate, latency, or a prediction-distribution check) with a
#   threshold.
# - **Failure handling and communication (1):** a timeout and fallback for the feature store (defaults, cached
#   features, or a simpler model); trade-offs stated with both sides; time plan adds up; wrap-up names what comes
#   next (autoscaling on queue depth, GPU cost).

# %% [markdown] course={"kind": "task", "id": "mock-interview", "points": 2}
# ### A timed mock interview, scored like an interviewer would
#
# Pick one practice question phase 22.4 answers (URL shortener, rate limiter, distributed cache, CI/CD pipeline,
# logging system or ML training platform) and **do not read its model answer first**. Set a 45-minute timer and
# answer it aloud (record yourself, or with a friend as interviewer), writing only what you would sketch on a
# whiteboard. Then, in the cell below: paste your sketch; list the minutes you actually spent per framework step
# next to the plan from `plan_minutes`; score yourself 1–4 on problem navigation, solution design, technical
# depth and communication, each with one sentence of evidence; and compare with 22.4's model answer: the two
# things it has that you missed, and one thing you did better.

# %% [markdown] course={"kind": "rubric"}
# 2 points:
#
# - **Honest timing (1):** planned and actual minutes per step are both there and the overruns are named, with
#   what the learner will change (for example, "I spent 12 minutes on requirements; next time 5, and I will ask
#   the scale question first").
# - **Useful self-review (1):** each of the four scores has evidence from the sketch, not a feeling; the
#   comparison with the model answer names concrete gaps (a missing number, component or trade-off), not
#   "I should go deeper".


# %% [markdown] course={"kind": "answer", "question": "design-design-url-shortener"}
# **Key decisions and numbers.** Assume ~1,000 new links/s and ~10x as many redirects: a read-heavy key-value
# lookup. 5 years of links at 1,000/s is about 158 billion ids, so 7 base62 characters (62^7, about 3.5 x 10^12)
# suffice. Ids from a counter handed out in ranges (no collision check) or Snowflake ids (no coordination, but
# 64-bit: 10–11 characters); a key-value store partitioned by id; a cache in front for the hot links.
#
# **What the interviewer probes:** 301 (cached by browsers: less load, no click counts) versus 302; guessable
# sequential ids; what happens when the id generator is down; custom aliases and their collisions; expiry.
# The full answer, with base62 and Snowflake code: **22.4, "Model answers: the eight general questions"**.

# %% [markdown] course={"kind": "answer", "question": "design-design-rate-limiter"}
# **Key decisions and numbers.** Where it sits (the API gateway, so one place enforces it), the algorithm (token
# bucket: allows bursts up to the bucket size; sliding-window counter: smooth, two counters per client), and a
# shared counter store (Redis/Valkey: one round trip per request, so keep it in the same zone as the gateways),
# keyed by client and window, updated atomically in one script. Answer an over-limit request with 429 and
# `Retry-After`.
#
# **What the interviewer probes:** fail open or closed when the counter store is down; the race between two
# gateways reading and incrementing (why the update must be one atomic step); limits per user versus per IP
# versus per API key; a burst at a window boundary with fixed windows. The full answer: **22.4, "Model answers:
# the eight general questions"**; the algorithms with code in 20.3.

# %% [markdown] course={"kind": "answer", "question": "design-design-distributed-cache"}
# **Key decisions and numbers.** Partition keys with consistent hashing and virtual nodes, so adding or losing
# one of N nodes moves about 1/N of the keys; choose the strategy (cache-aside by default, write-through where
# reads must see writes); evict by LRU and expire by TTL with jitter; replicate the hot keys. Size it from the
# working set (say 20 % of the data gets 80 % of the reads) and the memory per node.
#
# **What the interviewer probes:** a thundering herd when a hot key expires (one request refills, the others
# wait or serve stale); a node failure (misses, not errors); invalidation on write and the stale window it leaves;
# why not a cache inside each process (each copy goes stale on its own: exercise 24.2.6 weighs exactly this). The full
# answer: **22.4, "Model answers: the eight general questions"**.

# %% [markdown] course={"kind": "answer", "question": "design-design-notification-system"}
# **Numbers.** Assume 50 M daily users, 4 notifications each a day: 200 M a day, about 2,300/s on average
# (200 M / 86,400 s) and about 11,600/s at a 5x peak; 1 KB each kept 30 days is 6 TB.
#
# ```
# services ──► notify API ──► preferences + dedupe ──► queue per channel ──► senders ──► APNs / FCM / email / SMS
#               (idempotency key)     │                       │                  │
#                                user settings DB        retry queue ──► dead letters
# ```
#
# **Decisions.** A queue between intake and senders, so a slow provider never slows the callers; one queue per
# channel and per priority; user preferences and quiet hours checked before a notification is queued; retries
# with backoff and a dead-letter queue.
#
# **What the interviewer probes:** *exactly once?* (no: at-least-once delivery plus an idempotency key per
# notification, remembered for a window: exercise 24.2.9); *a provider throttles you* (a per-provider rate limit in the
# senders, the backlog stays in the queue); *quiet hours and time zones* (a delay queue keyed by delivery time);
# *one marketing blast must not delay a password reset* (separate queues per priority).

# %% [markdown] course={"kind": "answer", "question": "design-design-ci-cd-pipeline"}
# **Key decisions and numbers.** A webhook turns a push into a pipeline (a DAG of jobs) on a job queue served by
# autoscaled, ephemeral runners (a clean VM or container per job). Size runners with Little's law: 50,000 jobs a
# day at a 3x peak and 6 minutes each is 50,000 x 3 / 86,400 x 360 s, about 625 jobs running at once. Cache
# dependencies keyed by the lock file's hash; keep artifacts in object storage; deploy in stages with gates.
#
# **What the interviewer probes:** isolation (a shared runner leaks secrets and state between builds) against
# start-up time; where deploy credentials come from (short-lived, from a secret manager: 19.2, never stored in
# the pipeline); rollback; flaky tests and retries; a monorepo that should only build what changed. The full
# answer: **22.4, "Model answers: DevOps and platform questions"**.

# %% [markdown] course={"kind": "answer", "question": "design-design-logging-system"}
# **Key decisions and numbers.** Start from the volume: 500 services x 200 lines/s x 300 bytes is about 2.6 TB a
# day raw. Agents ship to a buffer (Kafka) so a slow indexer never drops logs; an index of everything (full-text,
# costly) or of labels only (scan chunks, cheap); a hot tier for the recent days and a compressed warm tier in
# object storage (exercise 24.2.1 sizes both).
#
# **What the interviewer probes:** which tier to cut first when the bill doubles (hot days: replicas and index
# memory); one noisy service flooding the pipeline (quotas per source, sampling of debug logs); personal data in
# logs (redaction at the agent); how a query fans out over shards. The full answer: **22.4, "Model answers:
# DevOps and platform questions"** (log aggregation).

# %% [markdown] course={"kind": "answer", "question": "design-design-feature-flag-system"}
# **Numbers.** 200 services x 50 instances = 10,000 SDK clients. Polling every 30 s is about 333 requests/s on the
# flag service: small, but a streaming push (server-sent events) propagates a change in seconds instead of up to
# 30. Flags are *evaluated inside the SDK* from a cached rule set, so a flag service outage keeps the last known
# rules and adds no latency to requests.
#
# ```
# admin UI ──► flag service ──► rules DB (audit log of every change)
#                  │ push / poll
#                  ▼
#        SDK in each service: cached rules ──► evaluate(flag, user) locally
# ```
#
# **What the interviewer probes:** *percentage rollouts must be sticky* (hash the flag and user id: exercise 24.2.4);
# *what is the default when the SDK has never reached the service?* (a safe default per flag, in code); *who
# changed what* (an audit log, and a change that can be rolled back); *flag debt* (owners and expiry dates, alerts
# on flags unchanged for months).

# %% [markdown] course={"kind": "answer", "question": "design-design-ml-training-platform"}
# **Key decisions and numbers.** Teams submit training jobs to a shared GPU pool with quotas per team (a
# scheduler that queues, not a first-come grab); every run logs its parameters, data version and metrics to
# experiment tracking; a model registry with versions and stages is the hand-off to serving. Size the pool from
# demand: GPU-hours asked per week against GPUs x 168 hours, and plan for queues at deadlines.
#
# **What the interviewer probes:** fairness and pre-emption between teams (and checkpoints so a pre-empted job
# resumes); reproducibility (pinned data and code versions); the cost of idle GPUs; data access and
# permissions; how a model moves from the registry to production and is monitored for drift. The full answer:
# **22.4, "Model answers: ML system questions"** (ML platform).

# %% [markdown] course={"kind": "answer", "question": "design-design-model-serving-system"}
# **Numbers.** Assume a 2,000 requests/s peak and a 50 ms model call. Little's law gives 2,000 x 0.05 = 100
# requests in flight; at 4 concurrent requests per replica and a 70 % utilisation target, 100 / (4 x 0.7) = 35.7,
# so 36 replicas (plus one zone's worth for failover).
#
# ```
# clients ──► gateway (auth, rate limit) ──► router (model version, canary %) ──► batcher ──► model replicas (GPU)
#                                                    │                                              │
#                                             model registry                             features from the online store
# ```
#
# **What the interviewer probes:** *batching* raises GPU throughput but adds waiting time, bounded by a maximum
# wait (exercise 24.2.8); *rolling out a new model* (shadow traffic, then a canary percentage, with automatic rollback
# on error rate or latency); *cold starts* (keep warm replicas: loading large weights onto a GPU can take
# minutes); *the feature store is slow* (a timeout, then cached or default features).
