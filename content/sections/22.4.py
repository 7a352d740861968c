# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can run a 45-minute system design interview on yourself: clarify, estimate
# with numbers, sketch the API, data model and boxes, go deep on the part that matters, and name the trade-offs.
# You get one compact model answer (requirements, numbers, a text diagram, the decisions that matter) for each of
# the eighteen classic questions, and you build the small components those answers lean on: short ids, Snowflake
# ids, a top-k autocomplete trie, feed fan-out costs and a k-way feed merge, in-order chat delivery, a bitrate
# picker, a checker for your own written answers and a practice tracker.
#
# **What is real here and what is not.** Everything runs in plain Python in this kernel: no servers, no network.
# The numbers in the model answers are round, *assumed* figures for practice (state your own in an interview);
# the components are the core algorithms only, not production services. Earlier sections built the real pieces
# the answers point to: rate limiters, consistent hashing, locks and caching strategies (20.3), queues and
# consumer groups (20.1), events and the outbox (20.2), monitoring, logs and alerting (18.x), secrets (19.2),
# CI/CD (15.x), Redis caching (13.4). The answers reference those instead of rebuilding them.

# %% course={"kind": "setup", "id": "design"}
# What the demos and tests share (standard library only).
import heapq
import re
from collections.abc import Callable, Iterable, Iterator

BASE62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
# The 45-minute box: (phase, minutes). 5+5+5+5+10+10+3+2 = 45.
PHASES = [
    ("clarify", 5),
    ("estimate", 5),
    ("api", 5),
    ("data model", 5),
    ("high-level design", 10),
    ("deep dive", 10),
    ("trade-offs", 3),
    ("wrap-up", 2),
]
REQUIRED_SECTIONS = ["Requirements", "Estimates", "API", "Data model", "High-level design", "Deep dive", "Trade-offs"]
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")


def squash(title: str) -> str:
    """A heading reduced to lower-case letters and digits: 'Trade-offs' and 'Trade offs' both give 'tradeoffs'."""
    return "".join(ch for ch in title.lower() if ch.isalnum())


def snowflake_parts(snowflake: int) -> tuple[int, int, int]:
    """(milliseconds, worker, sequence) of a 64-bit id laid out 1 | 41 | 10 | 12 bits."""
    return snowflake >> 22, (snowflake >> 12) & 0x3FF, snowflake & 0xFFF


def guarded_feed(posts: Iterable[tuple[int, str]], may_read: int) -> Iterator[tuple[int, str]]:
    """Yield `posts`, failing the test if more than `may_read` of them are asked for (a lazy merge reads few)."""
    for taken, post in enumerate(posts):
        assert taken < may_read, f"read more than {may_read} posts of one feed: a page needs only the newest few"
        yield post


def per_day_to_per_second(per_day: float) -> float:
    """Round estimates use 1 day ~ 100,000 s (86,400 really): close enough, and easy in your head."""
    return per_day / 100_000

# %% [markdown] course={"kind": "lesson", "id": "method", "covers": ["c-common-system-design-questions"]}
# ### The practice method: a 45-minute box
#
# A design interview is judged less on the final picture than on **how you got there**. Interviewers look for:
# questions that narrow the problem before any box is drawn; numbers that drive decisions (storage, QPS, fan-out);
# a simple design first, then depth where the problem is hard; at least two options for every important choice,
# with why you picked one; and you steering the time. The common mistake is to start drawing boxes in minute one.
#
# | minutes | phase | what you produce |
# |---|---|---|
# | 0–5 | clarify | functional needs (3–5), non-functional (latency, availability, consistency), out of scope |
# | 5–10 | estimate | users, requests per second (average and peak), storage per year, bandwidth: round numbers |
# | 10–15 | API | 3–5 endpoints or messages with their inputs and outputs |
# | 15–20 | data model | the main records, their keys, which store and why |
# | 20–30 | high-level design | a box diagram of the request path, read and write paths separately |
# | 30–40 | deep dive | the one or two hard parts (the hot key, the fan-out, the ordering) in detail |
# | 40–43 | trade-offs | what you chose, what you gave up, what you would change at 10× |
# | 43–45 | wrap-up | a 30-second summary, bottlenecks, monitoring and failure modes |
#
# The demo turns a handful of assumptions into the estimates a URL shortener needs, the kind of arithmetic you do
# aloud in minutes 5–10. The helper uses 1 day ≈ 100,000 s (the real value is 86,400): round numbers are the point.

# %% course={"kind": "demo"}
assert sum(minutes for _, minutes in PHASES) == 45
new_links_per_day = 100_000_000
reads_per_write = 10
record_bytes = 500  # long URL, short id, owner, dates
writes_per_s = per_day_to_per_second(new_links_per_day)
reads_per_s = writes_per_s * reads_per_write
storage_tb_5y = new_links_per_day * 365 * 5 * record_bytes / 1e12
ids_needed = new_links_per_day * 365 * 5
print(f"writes: ~{writes_per_s:,.0f}/s average, ~{2 * writes_per_s:,.0f}/s at a 2x peak")
print(f"reads:  ~{reads_per_s:,.0f}/s average")
print(f"5 years: {ids_needed:.2e} links, ~{storage_tb_5y:.0f} TB of records")
for length in (6, 7, 8):
    verdict = "enough" if 62**length > ids_needed else "too few"
    print(f"base62 ids of {length} characters: {62**length:.2e} -> {verdict}")

# %% [markdown] course={"kind": "lesson", "id": "general", "covers": ["c-url-shortener", "c-rate-limiter", "c-distributed-cache", "c-message-queue", "c-search-autocomplete", "c-news-feed", "c-chat-system", "c-video-streaming"]}
# ### Model answers: the eight general questions
#
# Each answer is the skeleton you would reach in 45 minutes: key requirements, numbers (assumed, round), a
# diagram, and the two or three decisions that matter. The components marked *(exercise)* are built below.
#
# **URL shortener.** Create a short link for a long URL; redirect fast; links live for years. Numbers (from the
# demo above): ~1,000 writes/s, ~10,000 reads/s, ~90 TB over 5 years, so 7 base62 characters suffice.
#
# ```
# client -> LB -> API ---- write ----> id generator (ranges or Snowflake) -> KV store (id -> long URL)
#                  \---- read: GET /abc1234 -> cache (13.4) --miss--> KV store ; answer 301/302
# ```
#
# Decisions: **id generation**: hashing the URL (collisions to handle) versus a counter encoded in base62
# (needs no collision check, but guessable) versus Snowflake ids *(exercise)*, which need no coordination but are
# 64-bit numbers: 10 or 11 base62 characters, not 7. A common middle way hands each server a range of the counter
# (say 1,000 numbers at a time) from one small store; **301 vs 302**: a permanent
# redirect is cached by browsers (less load, no click counting), a temporary one reaches you every time;
# **store**: a key-value store partitioned by id (consistent hashing, 20.3) since every read is by key.
#
# **Rate limiter.** Limit each client to N requests per window at the edge, with a low added latency and a
# shared count across gateway instances. Algorithms and their code are in 20.3 (token bucket, sliding window,
# Valkey scripts). Decisions: **where** (API gateway versus each service), **algorithm** (token bucket allows
# bursts; sliding-window counter is smooth and cheap), **fail open or closed** when the counter store is down.
#
# ```
# client -> gateway --(fixed window: INCR + EXPIRE, one Lua script)--> Valkey/Redis cluster, key = client:window
#              |-- over the limit -> 429 + Retry-After
#              \-- under -> upstream service
# ```
#
# **Distributed cache.** A shared in-memory key-value cache in front of a database: sub-millisecond reads,
# hundreds of GB, nodes come and go. Decisions: **partitioning** by consistent hashing with virtual nodes (20.3)
# so a node change moves ~1/N of the keys; **strategy** (cache-aside, write-through, write-behind: 13.4, 20.3);
# **eviction and expiry** (LRU plus TTLs with jitter to avoid a thundering herd); replication for hot keys.
#
# ```
# app (client-side hash ring) --> cache node A | cache node B | cache node C   (each with a replica)
#         \--miss--> database ; then SET with TTL
# ```
#
# **Message queue.** Durable, ordered-per-key delivery between services, consumers scaling out. The real Kafka
# protocol, partitions and consumer groups are in 20.1. Decisions: **ordering** only within a partition (pick the
# key); **delivery** at-least-once plus idempotent consumers (20.2) versus at-most-once; **retention** by time
# (replayable log) versus delete-on-ack (work queue).
#
# ```
# producers -> partition leader (append to log, replicate to 2 followers) -> consumer group: one consumer per partition
# ```
#
# **Search autocomplete.** Top 5–10 completions of a prefix in under ~100 ms while the user types; popularity
# changes slowly. Numbers: 10 M searches/day at ~5 keystrokes each is ~500 lookups/s on average, so the lookup is
# cheap and the work is in the **offline aggregation** of counts. Decisions: a **trie with top-k per node**
# (precomputed, fast reads, heavy updates) versus computing top-k at query time *(exercise)*; rebuild hourly from
# logs rather than updating on every search; cache the hottest prefixes at the edge.
#
# ```
# search logs -> hourly aggregation job -> build trie (top-k per prefix) -> autocomplete servers (in memory) <- typing
# ```
#
# **News feed.** Show a user the newest posts of those they follow, one page at a time. Numbers: 100 M daily users,
# 10 feed reads each: ~10,000 reads/s; most users have ~200 followers but some have 10 M. Decisions: **fan-out on
# write** (push each post into followers' cached timelines: cheap reads, costly for celebrities) versus **on read**
# (merge followees' posts at read time *(exercise)*) versus the **hybrid** (push for most, pull for celebrities)
# *(exercise: cost calculator)*; cursor pagination by (time, id), never by offset.
#
# ```
# post -> post store -> fan-out workers (queue, 20.1) -> timeline cache per follower (push)
# read -> timeline cache + pull celebrities' recent posts -> k-way merge -> page
# ```
#
# **Chat.** One-to-one and group messages, delivered in order within a conversation, online and offline users.
# Decisions: **persistent connections** (WebSocket) to chat servers, with a registry of who is connected where;
# **ordering**: a sequence number per conversation assigned by one owner, and clients that reorder and detect
# gaps *(exercise)*, instead of trusting wall clocks; **storage** partitioned by conversation id, messages
# appended with their sequence.
#
# ```
# client A ==ws==> chat server 1 -> sequencer(conversation) -> message store
#                                     \-> presence lookup -> chat server 2 ==ws==> client B (offline: push notification)
# ```
#
# **Video streaming.** Upload once, watch on any device at the best quality the network allows. Numbers: one hour
# at 5 Mbit/s is ~2.25 GB, so bandwidth and storage dominate. Decisions: **transcode** each upload into a bitrate
# ladder cut into segments of a few seconds each (HLS/DASH); serve segments from a **CDN**; the **player picks the
# bitrate** per segment from measured throughput, with hysteresis so it does not flap *(exercise)*.
#
# ```
# upload -> object storage -> transcode workers (queue) -> segments per rung -> CDN edge <- player (ABR)
# ```

# %% course={"kind": "demo"}
# Numbers behind two of the answers above, worked the same way you would aloud.
hour_gb_at_5mbit = 5e6 * 3600 / 8 / 1e9
print(f"1 hour of video at 5 Mbit/s: {hour_gb_at_5mbit:.2f} GB")
feed_reads_per_s = per_day_to_per_second(100_000_000 * 10)
print(f"feed reads: ~{feed_reads_per_s:,.0f}/s on average")
celebrity_followers, posts_per_day = 10_000_000, 5
print(f"one celebrity posting {posts_per_day}/day writes {celebrity_followers * posts_per_day:,} timeline entries")
keystroke_lookups_per_s = per_day_to_per_second(10_000_000 * 5)
print(f"autocomplete: ~{keystroke_lookups_per_s:,.0f} prefix lookups/s on average")

# %% [markdown] course={"kind": "exercise", "id": "base62", "item": "x-practice-url-shortener-design"}
# ### Short ids: base62 encode and decode
#
# A URL shortener turns a number (from a counter or an id generator) into a short string. Using the alphabet
# `BASE62` (digits, then `a`–`z`, then `A`–`Z`, given in the setup cell), write:
#
# - `b62_encode(n) -> str`: the base62 digits of `n`, most significant first; `0` is `"0"`; a negative `n`
#   raises `ValueError`.
# - `b62_decode(s) -> int`: the number back; an empty string or a character outside `BASE62` raises `ValueError`.
#
# ```python
# b62_encode(61)     # 'Z'
# b62_encode(62)     # '10'
# b62_decode("10")   # 62
# ```

# %% [markdown] course={"kind": "hint"}
# Encoding is repeated `divmod(n, 62)`: the remainders are the digits, last digit first. Refuse a negative `n`
# before the loop: `divmod(-1, 62)` is `(-1, 61)`, so `while n:` would never end.

# %% [markdown] course={"kind": "hint"}
# Decoding goes left to right: `n = n * 62 + BASE62.index(ch)`. Note that `str.index` raises `ValueError` itself
# on an unknown character, while `str.find` returns `-1`.

# %% course={"kind": "solution"}
def b62_encode(n: int) -> str:
    ### BEGIN SOLUTION
    if n < 0:
        raise ValueError(f"no base62 id for a negative number: {n}")
    digits = [BASE62[n % 62]]
    n //= 62
    while n:
        n, digit = divmod(n, 62)
        digits.append(BASE62[digit])
    return "".join(reversed(digits))
    ### END SOLUTION


def b62_decode(s: str) -> int:
    ### BEGIN SOLUTION
    if not s:
        raise ValueError("an empty id")
    n = 0
    for ch in s:
        n = n * 62 + BASE62.index(ch)
    return n
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
assert b62_encode(61) == "Z" and b62_encode(62) == "10", "61 is the last digit, 62 needs two"
assert b62_encode(0) == "0", "zero is one digit, not an empty string"
assert b62_encode(125) == "21", "125 = 2*62 + 1: most significant digit first"
### BEGIN HIDDEN TESTS
assert b62_encode(1) == "1" and b62_encode(10) == "a" and b62_encode(36) == "A"
assert b62_encode(62**7 - 1) == "Z" * 7 and b62_encode(62**7) == "1" + "0" * 7
assert type(b62_encode(5)) is str
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert b62_decode("10") == 62 and b62_decode("Z") == 61, "decode undoes encode"
assert all(b62_decode(b62_encode(n)) == n for n in range(0, 5000, 7)), "a round trip gives the number back"
### BEGIN HIDDEN TESTS
assert b62_decode("0") == 0 and b62_decode("a") == 10 and b62_decode("A") == 36
assert b62_decode("ZZZZZZZ") == 62**7 - 1 and type(b62_decode("1")) is int
big = 2**64 + 12345
assert b62_decode(b62_encode(big)) == big
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad in ("", "ab-c", "ab c", "é"):
    try:
        b62_decode(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"b62_decode({bad!r}) must raise ValueError")
try:
    b62_encode(-1)
except ValueError:
    pass
else:
    raise AssertionError("a negative number must raise ValueError")

# %% course={"kind": "wrong", "id": "zero-is-empty", "fails": ["t1", "t2"]}
def b62_encode(n):
    if n < 0:
        raise ValueError(n)
    digits = []
    while n:  # 0 never enters the loop
        n, digit = divmod(n, 62)
        digits.append(BASE62[digit])
    return "".join(reversed(digits))


def b62_decode(s):
    if not s:
        raise ValueError("empty")
    n = 0
    for ch in s:
        n = n * 62 + BASE62.index(ch)
    return n

# %% course={"kind": "wrong", "id": "least-significant-first"}
def b62_encode(n):
    if n < 0:
        raise ValueError(n)
    digits = [BASE62[n % 62]]
    n //= 62
    while n:
        n, digit = divmod(n, 62)
        digits.append(BASE62[digit])
    return "".join(digits)  # forgot to reverse


def b62_decode(s):
    if not s:
        raise ValueError("empty")
    n = 0
    for ch in s:
        n = n * 62 + BASE62.index(ch)
    return n

# %% course={"kind": "wrong", "id": "find-minus-one", "fails": ["t3"]}
def b62_encode(n):
    if n < 0:
        raise ValueError(n)
    digits = [BASE62[n % 62]]
    n //= 62
    while n:
        n, digit = divmod(n, 62)
        digits.append(BASE62[digit])
    return "".join(reversed(digits))


def b62_decode(s):
    if not s:
        raise ValueError("empty")
    n = 0
    for ch in s:
        n = n * 62 + BASE62.find(ch)  # -1 for a bad character: silently a wrong id
    return n

# %% [markdown] course={"kind": "exercise", "id": "snowflake", "item": "x-practice-url-shortener-design"}
# ### Collision-free ids without coordination: a Snowflake generator
#
# Many servers must mint unique ids with no shared counter. A Snowflake-style id is a 64-bit integer:
# `0 | 41 bits of milliseconds since an epoch | 10 bits of worker | 12 bits of sequence`. Finish
# `Snowflake.next_id()`:
#
# - `ms = clock() - epoch_ms`. If `ms` is later than the last id's milliseconds, use it with sequence `0`.
# - Otherwise (same millisecond, **or the clock went backwards**, as after an NTP correction) stay on the last
#   id's milliseconds and add 1 to the sequence, so ids never repeat and always rise.
# - If the sequence would reach 4096 (it has 12 bits), move on to the last id's milliseconds **plus one** (not the
#   clock's) with sequence `0`.
#
# These two rules are *our* choices, not Twitter's. The original Snowflake refuses to make ids while the clock is
# behind its last id (it raises an error until the clock catches up), and when a millisecond's 4,096 sequence
# numbers are used up it waits, spinning on the clock, for the next millisecond. Ours never blocks or fails: it
# runs slightly ahead of the clock for a while instead. Both keep their state in memory only, so a process that
# restarts while the clock is behind can repeat ids; Twitter's README advises running NTP in a mode that never
# steps the clock back. Twitter's 10 worker bits are 5 for the data centre and 5 for the machine.
#
# `snowflake_parts(id)` (setup cell) splits an id back into `(ms, worker, sequence)`.
#
# ```python
# ids = Snowflake(worker=3, clock=lambda: 1000)
# snowflake_parts(ids.next_id()), snowflake_parts(ids.next_id())   # ((1000, 3, 0), (1000, 3, 1))
# ```

# %% [markdown] course={"kind": "hint"}
# Keep two attributes, `last_ms` and `seq`; every branch updates them and then builds one id from them.

# %% [markdown] course={"kind": "hint"}
# The id is `(last_ms << 22) | (worker << 12) | seq`. "Otherwise" covers both `ms == last_ms` and
# `ms < last_ms`: one `else` branch.

# %% course={"kind": "solution"}
class Snowflake:
    """Ids laid out 1 | 41 | 10 | 12 bits: (ms since epoch, worker, sequence)."""

    def __init__(self, worker: int, clock: Callable[[], int], epoch_ms: int = 0) -> None:
        if not 0 <= worker < 1024:
            raise ValueError(f"worker must fit in 10 bits: {worker}")
        self.worker, self.clock, self.epoch_ms = worker, clock, epoch_ms
        self.last_ms, self.seq = -1, 0

    def next_id(self) -> int:
        ### BEGIN SOLUTION
        ms = self.clock() - self.epoch_ms
        if ms > self.last_ms:
            self.last_ms, self.seq = ms, 0
        else:
            self.seq += 1
            if self.seq == 4096:
                self.last_ms, self.seq = self.last_ms + 1, 0
        return (self.last_ms << 22) | (self.worker << 12) | self.seq
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
ids = Snowflake(worker=3, clock=lambda: 1000)
first, second = ids.next_id(), ids.next_id()
assert snowflake_parts(first) == (1000, 3, 0), "ms, worker, sequence 0 for the first id of a millisecond"
assert snowflake_parts(second) == (1000, 3, 1), "the same millisecond: the sequence rises"
assert type(first) is int and first < second
### BEGIN HIDDEN TESTS
now = [5000]
later = Snowflake(worker=1023, clock=lambda: now[0], epoch_ms=1000)
a = later.next_id()
now[0] = 5001
b = later.next_id()
assert snowflake_parts(a) == (4000, 1023, 0), "milliseconds count from the epoch"
assert snowflake_parts(b) == (4001, 1023, 0), "a new millisecond resets the sequence"
assert Snowflake(worker=0, clock=lambda: 0).next_id() == 0, "the very first id at the epoch is 0"
top = Snowflake(worker=0, clock=lambda: 2**41 - 1).next_id()
assert top == (2**41 - 1) << 22 and top < 2**63, "41 bits of time fit below the sign bit"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
now = [2000]
ids = Snowflake(worker=7, clock=lambda: now[0])
before = [ids.next_id() for _ in range(3)]
now[0] = 1990  # NTP moved the clock back 10 ms
after = [ids.next_id() for _ in range(3)]
assert before + after == sorted(set(before + after)), "ids keep rising and never repeat when the clock goes back"
assert snowflake_parts(after[0]) == (2000, 7, 3), "stay on the last millisecond and go on counting"
### BEGIN HIDDEN TESTS
now[0] = 2000
assert snowflake_parts(ids.next_id()) == (2000, 7, 6)
now[0] = 2001
assert snowflake_parts(ids.next_id()) == (2001, 7, 0)
behind = Snowflake(worker=1, clock=lambda: now[0])
behind.next_id()
now[0] = 1500
spill = [behind.next_id() for _ in range(4096)]
assert snowflake_parts(spill[-1]) == (2002, 1, 0), "a full sequence moves past the LAST id's ms, not the clock's"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
busy = Snowflake(worker=2, clock=lambda: 10)
burst = [busy.next_id() for _ in range(4097)]
assert len(set(burst)) == 4097 and burst == sorted(burst), "4,097 ids in one millisecond stay unique and rising"
assert snowflake_parts(burst[4095]) == (10, 2, 4095), "the 12-bit sequence goes up to 4095"
assert snowflake_parts(burst[4096]) == (11, 2, 0), "then borrow the next millisecond, sequence 0"
### BEGIN HIDDEN TESTS
more = [busy.next_id() for _ in range(4096)]
assert snowflake_parts(more[-1]) == (12, 2, 0) and snowflake_parts(more[-2]) == (11, 2, 4095)
other = Snowflake(worker=3, clock=lambda: 10)
assert not set(burst) & {other.next_id() for _ in range(100)}, "two workers never collide"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "reset-on-same-ms", "fails": ["t1", "t2", "t3"]}
class Snowflake:
    def __init__(self, worker, clock, epoch_ms=0):
        self.worker, self.clock, self.epoch_ms = worker, clock, epoch_ms
        self.last_ms, self.seq = -1, 0

    def next_id(self):
        ms = self.clock() - self.epoch_ms
        if ms >= self.last_ms:  # the same millisecond starts the sequence again: duplicate ids
            self.last_ms, self.seq = ms, 0
        else:
            self.seq += 1
            if self.seq == 4096:
                self.last_ms, self.seq = self.last_ms + 1, 0
        return (self.last_ms << 22) | (self.worker << 12) | self.seq

# %% course={"kind": "wrong", "id": "trusts-the-clock", "fails": ["t2", "t3"]}
class Snowflake:
    def __init__(self, worker, clock, epoch_ms=0):
        self.worker, self.clock, self.epoch_ms = worker, clock, epoch_ms
        self.last_ms, self.seq = -1, 0

    def next_id(self):
        ms = self.clock() - self.epoch_ms
        if ms == self.last_ms:
            self.seq += 1
            if self.seq == 4096:
                self.last_ms, self.seq = self.last_ms + 1, 0
        else:  # a clock that went back is taken at its word: ids go down and can repeat
            self.last_ms, self.seq = ms, 0
        return (self.last_ms << 22) | (self.worker << 12) | self.seq

# %% course={"kind": "wrong", "id": "sequence-overflows", "fails": ["t2", "t3"]}
class Snowflake:
    def __init__(self, worker, clock, epoch_ms=0):
        self.worker, self.clock, self.epoch_ms = worker, clock, epoch_ms
        self.last_ms, self.seq = -1, 0

    def next_id(self):
        ms = self.clock() - self.epoch_ms
        if ms > self.last_ms:
            self.last_ms, self.seq = ms, 0
        else:
            self.seq += 1  # the 4097th id spills into the worker bits
        return (self.last_ms << 22) | (self.worker << 12) | self.seq

# %% course={"kind": "wrong", "id": "overflow-from-clock", "fails": ["t2", "t3"]}
class Snowflake:
    def __init__(self, worker, clock, epoch_ms=0):
        self.worker, self.clock, self.epoch_ms = worker, clock, epoch_ms
        self.last_ms, self.seq = -1, 0

    def next_id(self):
        ms = self.clock() - self.epoch_ms
        if ms > self.last_ms:
            self.last_ms, self.seq = ms, 0
        else:
            self.seq += 1
            if self.seq == 4096:
                self.last_ms, self.seq = ms + 1, 0  # the clock's millisecond: behind the last id if the clock went back
        return (self.last_ms << 22) | (self.worker << 12) | self.seq

# %% [markdown] course={"kind": "exercise", "id": "autocomplete-trie"}
# ### Problem: top-k autocomplete with a trie
#
# Build the lookup behind a search box. `Autocomplete()` starts with an empty trie in `self.root`: a dict of dicts,
# one level per character, where the key `END` (the empty string, which no character equals) holds the total count
# of the phrase that ends at that node. After `add("car", 5)`, `self.root["c"]["a"]["r"][END] == 5`.
#
# - `add(phrase, count=1)`: add `count` to the phrase's frequency (a phrase can be added many times).
# - `top(prefix, k) -> list[str]`: at most `k` phrases that start with `prefix` (the prefix itself included if it
#   is a phrase), **most frequent first, ties in alphabetical order** (Python's string order, by code point); an
#   unknown prefix or `k <= 0` gives `[]`.
#
# ```python
# box = Autocomplete()
# for phrase, n in [("car", 5), ("cart", 3), ("care", 3), ("cat", 9)]:
#     box.add(phrase, n)
# box.top("car", 2)    # ['car', 'care']   ('care' and 'cart' tie at 3: alphabetical)
# ```

# %% [markdown] course={"kind": "hint"}
# Walk down the trie one character of the prefix at a time; if a character is missing, there is nothing to suggest.

# %% [markdown] course={"kind": "hint"}
# Below the prefix's node, collect every `(count, phrase)` (a stack of `(node, text so far)` works), then sort by
# the key `(-count, phrase)` and keep the first `k`. Watch out: a slice `[:k]` with a negative `k` is not empty.

# %% course={"kind": "solution"}
END = ""  # the trie key that holds a phrase's count


class Autocomplete:
    def __init__(self) -> None:
        self.root: dict = {}

    def add(self, phrase: str, count: int = 1) -> None:
        ### BEGIN SOLUTION
        node = self.root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[END] = node.get(END, 0) + count
        ### END SOLUTION

    def top(self, prefix: str, k: int) -> list[str]:
        ### BEGIN SOLUTION
        node = self.root
        for ch in prefix:
            if ch not in node:
                return []
            node = node[ch]
        found = []
        stack = [(node, prefix)]
        while stack:
            here, text = stack.pop()
            for key, child in here.items():
                if key == END:
                    found.append((-child, text))
                else:
                    stack.append((child, text + key))
        found.sort()
        return [text for _, text in found[: max(k, 0)]]
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
box = Autocomplete()
for phrase, n in [("car", 5), ("cart", 3), ("care", 3), ("cat", 9)]:
    box.add(phrase, n)
assert box.top("car", 2) == ["car", "care"], "most frequent first; 'care' before 'cart' on a tie"
assert box.top("ca", 10) == ["cat", "car", "care", "cart"], "every phrase under the prefix, by count"
assert box.top("dog", 3) == [], "an unknown prefix suggests nothing"
### BEGIN HIDDEN TESTS
assert box.top("c", 0) == [] and box.top("c", -1) == [], "k <= 0 suggests nothing"
assert box.top("cart", 5) == ["cart"], "the prefix itself counts"
assert box.top("carts", 5) == [], "a prefix longer than every phrase matches nothing"
assert box.top("", 1) == ["cat"], "an empty prefix ranks every phrase"
assert type(box.top("c", 2)) is list
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
box = Autocomplete()
box.add("python", 2)
box.add("pytest", 3)
assert box.top("py", 1) == ["pytest"]
box.add("python")
box.add("python")
assert box.top("py", 2) == ["python", "pytest"], "adding a phrase again raises its count (2 + 1 + 1 = 4 > 3)"
node = box.root["p"]["y"]["t"]["h"]["o"]["n"]
assert node == {END: 4}, f"the trie holds the phrase's total count under END: {node}"
assert END not in box.root["p"]["y"], "'py' was never added as a phrase"
### BEGIN HIDDEN TESTS
box.add("pyt")
assert box.top("pyt", 3) == ["python", "pytest", "pyt"], "'pyt' is a phrase and a prefix of others"
box.add("é-café", 2)
box.add("é-cafe", 2)
assert box.top("é", 2) == ["é-cafe", "é-café"], "unicode works; ties in code-point order"
many = Autocomplete()
for i in range(300):
    many.add(f"w{i:03d}", i % 7)
assert many.top("w", 3) == ["w006", "w013", "w020"], "count 6 ties broken alphabetically"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "count-only-sort"}
END = ""


class Autocomplete:
    def __init__(self):
        self.root = {}

    def add(self, phrase, count=1):
        node = self.root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[END] = node.get(END, 0) + count

    def top(self, prefix, k):
        node = self.root
        for ch in prefix:
            if ch not in node:
                return []
            node = node[ch]
        found = []
        stack = [(node, prefix)]
        while stack:
            here, text = stack.pop()
            for key, child in here.items():
                if key == END:
                    found.append((child, text))
                else:
                    stack.append((child, text + key))
        found.sort(key=lambda pair: -pair[0])  # ties keep the trie's walking order
        return [text for _, text in found[: max(k, 0)]]

# %% course={"kind": "wrong", "id": "flat-dict", "fails": ["t2"]}
END = ""


class Autocomplete:
    def __init__(self):
        self.root = {}

    def add(self, phrase, count=1):
        self.root[phrase] = self.root.get(phrase, 0) + count  # no trie: every lookup scans every phrase

    def top(self, prefix, k):
        found = sorted((-n, phrase) for phrase, n in self.root.items() if phrase.startswith(prefix))
        return [phrase for _, phrase in found[: max(k, 0)]]

# %% course={"kind": "wrong", "id": "add-overwrites", "fails": ["t2"]}
END = ""


class Autocomplete:
    def __init__(self):
        self.root = {}

    def add(self, phrase, count=1):
        node = self.root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[END] = count  # a repeated phrase loses its history

    def top(self, prefix, k):
        node = self.root
        for ch in prefix:
            if ch not in node:
                return []
            node = node[ch]
        found = []
        stack = [(node, prefix)]
        while stack:
            here, text = stack.pop()
            for key, child in here.items():
                if key == END:
                    found.append((-child, text))
                else:
                    stack.append((child, text + key))
        found.sort()
        return [text for _, text in found[: max(k, 0)]]

# %% [markdown] course={"kind": "exercise", "id": "fanout-costs"}
# ### News feed: fan-out on write or on read?
#
# Write `feed_costs(authors, reads_per_day, following)` that counts the work per day of the two feed designs.
# `authors` is a list of `(posts_per_day, followers)` pairs; every timeline read is by a user who follows
# `following` accounts.
#
# - **push** (fan-out on write): each post is written once into every follower's timeline, so
#   `push_writes = sum(posts * followers)`; a read touches one timeline: `push_reads = reads_per_day`.
# - **pull** (fan-out on read): `pull_writes = sum(posts)`; a read merges the followees' posts:
#   `pull_reads = reads_per_day * following`.
#
# Return a dict with those four `int` keys, in that order, plus `"cheaper"`: `"push"` or `"pull"`, whichever has
# the smaller total (writes + reads), `"tie"` if equal. Any negative number raises `ValueError`.
#
# ```python
# feed_costs([(2, 100), (1, 10)], reads_per_day=50, following=20)
# # {'push_writes': 210, 'push_reads': 50, 'pull_writes': 3, 'pull_reads': 1000, 'cheaper': 'push'}
# ```

# %% [markdown] course={"kind": "hint"}
# Two sums over the pairs and two products; build the dict, then compare the two totals.

# %% [markdown] course={"kind": "hint"}
# Check for negatives first: `reads_per_day < 0`, `following < 0`, and any `posts < 0 or followers < 0`.

# %% course={"kind": "solution"}
def feed_costs(authors: list[tuple[int, int]], reads_per_day: int, following: int) -> dict[str, object]:
    ### BEGIN SOLUTION
    if reads_per_day < 0 or following < 0 or any(p < 0 or f < 0 for p, f in authors):
        raise ValueError("counts cannot be negative")
    costs: dict[str, object] = {
        "push_writes": sum(p * f for p, f in authors),
        "push_reads": reads_per_day,
        "pull_writes": sum(p for p, _ in authors),
        "pull_reads": reads_per_day * following,
    }
    push = costs["push_writes"] + reads_per_day
    pull = costs["pull_writes"] + costs["pull_reads"]
    costs["cheaper"] = "push" if push < pull else "pull" if pull < push else "tie"
    return costs
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
costs = feed_costs([(2, 100), (1, 10)], reads_per_day=50, following=20)
assert costs == {"push_writes": 210, "push_reads": 50, "pull_writes": 3, "pull_reads": 1000, "cheaper": "push"}, costs
celebrity = feed_costs([(5, 10_000_000)], reads_per_day=1_000_000, following=30)
assert celebrity["cheaper"] == "pull", "one author with 10 M followers makes push cost 50 M writes a day"
### BEGIN HIDDEN TESTS
assert list(costs) == ["push_writes", "push_reads", "pull_writes", "pull_reads", "cheaper"]
assert all(type(costs[key]) is int for key in ("push_writes", "push_reads", "pull_writes", "pull_reads"))
assert feed_costs([(1, 1)], reads_per_day=1, following=1)["cheaper"] == "tie"
assert feed_costs([(1, 3)], reads_per_day=2, following=2)["cheaper"] == "tie", "3 + 2 = 1 + 4"
assert feed_costs([(1, 3)], reads_per_day=2, following=3)["cheaper"] == "push", "5 < 7"
assert feed_costs([(1, 4)], reads_per_day=2, following=2)["cheaper"] == "pull", "6 > 5"
assert feed_costs([], 0, 0) == {"push_writes": 0, "push_reads": 0, "pull_writes": 0, "pull_reads": 0, "cheaper": "tie"}
zeros = {"push_writes": 0, "push_reads": 7, "pull_writes": 3, "pull_reads": 28, "cheaper": "push"}
assert feed_costs([(0, 5), (3, 0)], 7, 4) == zeros
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for args in (([(1, -1)], 1, 1), ([(-1, 1)], 1, 1), ([(1, 1)], -1, 1), ([(1, 1)], 1, -1)):
    try:
        feed_costs(*args)
    except ValueError:
        pass
    else:
        raise AssertionError(f"feed_costs{args} must raise ValueError")
assert feed_costs([(0, 0)], 0, 0)["cheaper"] == "tie", "zeros are allowed"

# %% course={"kind": "wrong", "id": "pull-reads-once"}
def feed_costs(authors, reads_per_day, following):
    if reads_per_day < 0 or following < 0 or any(p < 0 or f < 0 for p, f in authors):
        raise ValueError("negative")
    costs = {
        "push_writes": sum(p * f for p, f in authors),
        "push_reads": reads_per_day,
        "pull_writes": sum(p for p, _ in authors),
        "pull_reads": reads_per_day,  # forgot that a pull read merges every followee
    }
    push = costs["push_writes"] + reads_per_day
    pull = costs["pull_writes"] + costs["pull_reads"]
    costs["cheaper"] = "push" if push < pull else "pull" if pull < push else "tie"
    return costs

# %% course={"kind": "wrong", "id": "push-ignores-followers", "fails": ["t1"]}
def feed_costs(authors, reads_per_day, following):
    if reads_per_day < 0 or following < 0 or any(p < 0 or f < 0 for p, f in authors):
        raise ValueError("negative")
    costs = {
        "push_writes": sum(p for p, f in authors),  # one write per post, as if there were no fan-out
        "push_reads": reads_per_day,
        "pull_writes": sum(p for p, _ in authors),
        "pull_reads": reads_per_day * following,
    }
    push = costs["push_writes"] + reads_per_day
    pull = costs["pull_writes"] + costs["pull_reads"]
    costs["cheaper"] = "push" if push < pull else "pull" if pull < push else "tie"
    return costs

# %% [markdown] course={"kind": "exercise", "id": "merge-feeds"}
# ### Problem: merge k sorted feeds into one page (fan-out on read)
#
# Each followee's feed is an iterator of posts `(timestamp, post_id)`, **newest first** (equal timestamps in
# ascending `post_id` order). Write `feed_page(feeds, limit, before=None) -> list[tuple[int, str]]`: the newest
# `limit` posts of all feeds together, in the same order (newest first; on equal timestamps the smaller `post_id`
# first); `limit <= 0` gives `[]`. The cursor `before` is the last post of the previous page, a
# `(timestamp, post_id)` pair: the next page holds only the posts that come **after it in that order**. (A cursor
# of the timestamp alone would lose the posts that share the boundary's timestamp but did not fit on the page.)
# Feeds can be very long: read only as many posts as the page needs (use `heapq`), never the whole feed.
#
# ```python
# feeds = [[(9, "a"), (5, "b")], [(7, "c"), (5, "a")]]
# feed_page([iter(f) for f in feeds], limit=3)                      # [(9, 'a'), (7, 'c'), (5, 'a')]
# feed_page([iter(f) for f in feeds], limit=3, before=(5, "a"))     # [(5, 'b')]
# ```

# %% [markdown] course={"kind": "hint"}
# `heapq.merge(*iterables, key=...)` merges already-sorted inputs lazily. Which key sorts "newest first, then
# smaller id" in *ascending* order? Negate the timestamp.

# %% [markdown] course={"kind": "hint"}
# Take from the merged iterator in a loop: skip each post whose key is not greater than the key of `before` (the
# same key as the merge's), stop as soon as you have `limit` posts. `itertools.islice` also works once the
# skipping is done.

# %% course={"kind": "solution"}
def feed_page(
    feeds: list[Iterable[tuple[int, str]]], limit: int, before: tuple[int, str] | None = None
) -> list[tuple[int, str]]:
    ### BEGIN SOLUTION
    page: list[tuple[int, str]] = []
    if limit <= 0:
        return page
    for post in heapq.merge(*feeds, key=lambda post: (-post[0], post[1])):
        if before is not None and (-post[0], post[1]) <= (-before[0], before[1]):
            continue
        page.append(post)
        if len(page) == limit:
            break
    return page
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
page = feed_page([iter([(9, "a"), (5, "b")]), iter([(7, "c"), (5, "a")])], limit=3)
assert page == [(9, "a"), (7, "c"), (5, "a")], f"newest first, equal times by id: {page}"
assert type(page) is list and type(page[0]) is tuple
assert feed_page([iter([(3, "x")]), iter([])], limit=5) == [(3, "x")], "fewer posts than the limit: all of them"
### BEGIN HIDDEN TESTS
assert feed_page([], limit=3) == [] and feed_page([iter([(1, "a")])], limit=0) == []
assert feed_page([iter([(1, "a")])], limit=-2) == [], "a negative limit is an empty page"
same_time = feed_page([iter([(4, "b"), (4, "d")]), iter([(4, "a"), (4, "c")])], limit=4)
assert same_time == [(4, "a"), (4, "b"), (4, "c"), (4, "d")], same_time
assert feed_page([[(2, "q")], [(8, "p")]], limit=1) == [(8, "p")], "lists are iterables too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
alice = [(100, "a1"), (80, "a2"), (60, "a3")]
bob = [(90, "b1"), (80, "b0"), (50, "b2")]
first_page = feed_page([iter(alice), iter(bob)], limit=2)
assert first_page == [(100, "a1"), (90, "b1")]
second = feed_page([iter(alice), iter(bob)], limit=3, before=first_page[-1])
assert second == [(80, "a2"), (80, "b0"), (60, "a3")], f"the cursor skips what the first page showed: {second}"
split = feed_page([iter(alice), iter(bob)], limit=1, before=second[0])
assert split == [(80, "b0")], f"a page that ended at (80, 'a2') goes on with the other post of time 80: {split}"
### BEGIN HIDDEN TESTS
assert feed_page([iter(alice), iter(bob)], limit=9, before=(60, "a3")) == [(50, "b2")], "before is exclusive"
assert feed_page([iter(alice), iter(bob)], limit=9, before=(80, "b0")) == [(60, "a3"), (50, "b2")]
from_80 = feed_page([iter(alice), iter(bob)], limit=9, before=(80, "a0"))
assert from_80 == [(80, "a2"), (80, "b0"), (60, "a3"), (50, "b2")], from_80
everything = feed_page([iter(alice), iter(bob)], limit=9)
assert feed_page([iter(alice), iter(bob)], limit=9, before=(101, "")) == everything
assert feed_page([iter(alice)], limit=2, before=(0, "")) == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
long_feeds = [guarded_feed([(10**6 - i * 3 - j, f"u{j}-{i}") for i in range(20_000)], may_read=12) for j in range(3)]
page = feed_page(long_feeds, limit=6)
assert [post_id for _, post_id in page] == ["u0-0", "u1-0", "u2-0", "u0-1", "u1-1", "u2-1"]
### BEGIN HIDDEN TESTS
long_feeds = [guarded_feed([(10**6 - i * 3 - j, f"u{j}-{i}") for i in range(20_000)], may_read=20) for j in range(3)]
page = feed_page(long_feeds, limit=5, before=(10**6 - 30, "u0-10"))
assert [post_id for _, post_id in page] == ["u1-10", "u2-10", "u0-11", "u1-11", "u2-11"], "before is exclusive"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "sort-everything", "fails": ["t3"]}
def feed_page(feeds, limit, before=None):
    key = lambda post: (-post[0], post[1])  # noqa: E731
    posts = sorted((post for feed in feeds for post in feed), key=key)  # reads every feed
    posts = [post for post in posts if before is None or key(post) > key(before)]
    return posts[: max(limit, 0)]

# %% course={"kind": "wrong", "id": "plain-merge"}
def feed_page(feeds, limit, before=None):
    page = []
    if limit <= 0:
        return page
    for post in heapq.merge(*feeds, reverse=True):  # newest first, but equal times by the LARGER id
        if before is not None and (-post[0], post[1]) <= (-before[0], before[1]):
            continue
        page.append(post)
        if len(page) == limit:
            break
    return page

# %% course={"kind": "wrong", "id": "timestamp-cursor", "fails": ["t2"]}
def feed_page(feeds, limit, before=None):
    page = []
    if limit <= 0:
        return page
    for post in heapq.merge(*feeds, key=lambda post: (-post[0], post[1])):
        if before is not None and post[0] >= before[0]:  # drops the unseen posts of the boundary's timestamp
            continue
        page.append(post)
        if len(page) == limit:
            break
    return page

# %% [markdown] course={"kind": "exercise", "id": "chat-order"}
# ### Chat: sequence numbers per conversation and in-order delivery
#
# Two small pieces of a chat system:
#
# - `Sequencer()`: `assign(conversation) -> int` gives 1, 2, 3... **separately for each conversation**.
# - `ReorderBuffer()`: the receiving client. `push(seq, text) -> list[str]` returns the messages that can now be
#   shown, in order (starting at sequence 1); a message that arrives early waits for the gap to fill; a duplicate
#   (already shown, or already waiting) is ignored and returns `[]` (the first copy wins). `waiting_for()` returns the
#   sequence number the buffer is missing while something waits behind the gap, else `None`.
#
# ```python
# buf = ReorderBuffer()
# buf.push(2, "b"), buf.push(1, "a"), buf.waiting_for()   # ([], ['a', 'b'], None)
# ```

# %% [markdown] course={"kind": "hint"}
# The sequencer is a dict `conversation -> last number`. The buffer needs `expected` (the next number to show)
# and a dict of messages that arrived early.

# %% [markdown] course={"kind": "hint"}
# After storing a message, release in a loop: `while self.expected in self.held:` pop it and move `expected` on.

# %% course={"kind": "solution"}
class Sequencer:
    def __init__(self) -> None:
        self.last: dict[str, int] = {}

    def assign(self, conversation: str) -> int:
        ### BEGIN SOLUTION
        self.last[conversation] = self.last.get(conversation, 0) + 1
        return self.last[conversation]
        ### END SOLUTION


class ReorderBuffer:
    def __init__(self) -> None:
        self.expected = 1
        self.held: dict[int, str] = {}

    def push(self, seq: int, text: str) -> list[str]:
        ### BEGIN SOLUTION
        if seq < self.expected or seq in self.held:
            return []
        self.held[seq] = text
        ready = []
        while self.expected in self.held:
            ready.append(self.held.pop(self.expected))
            self.expected += 1
        return ready
        ### END SOLUTION

    def waiting_for(self) -> int | None:
        ### BEGIN SOLUTION
        return self.expected if self.held else None
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
seq = Sequencer()
numbers = [seq.assign("room-1"), seq.assign("room-1"), seq.assign("dm-7"), seq.assign("room-1")]
assert numbers == [1, 2, 1, 3], "one counter per conversation"
### BEGIN HIDDEN TESTS
assert seq.assign("dm-7") == 2 and seq.assign("") == 1 and type(seq.assign("x")) is int
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
buf = ReorderBuffer()
assert buf.push(2, "b") == [] and buf.waiting_for() == 1, "2 waits for 1"
assert buf.push(1, "a") == ["a", "b"], "1 arrives: both are shown, in order"
assert buf.waiting_for() is None, "nothing waits any more"
### BEGIN HIDDEN TESTS
assert buf.push(3, "c") == ["c"] and buf.waiting_for() is None
assert buf.push(6, "f") == [] and buf.push(5, "e") == [] and buf.waiting_for() == 4
assert buf.push(4, "d") == ["d", "e", "f"] and buf.waiting_for() is None
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
buf = ReorderBuffer()
assert buf.push(1, "hi") == ["hi"] and buf.push(1, "hi") == [], "a redelivered message is not shown twice"
assert buf.push(3, "first copy") == [] and buf.push(3, "second copy") == [], "a duplicate of a waiting message"
assert buf.push(2, "x") == ["x", "first copy"], "the first copy wins"
### BEGIN HIDDEN TESTS
assert buf.push(0, "zero") == [] and buf.push(-1, "neg") == [] and buf.waiting_for() is None
shuffled = ReorderBuffer()
order = [5, 3, 9, 1, 2, 8, 4, 7, 6, 10]
shown = [text for n in order for text in shuffled.push(n, f"m{n}")]
assert shown == [f"m{n}" for n in range(1, 11)], shown
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "one-global-counter", "fails": ["t1"]}
class Sequencer:
    def __init__(self):
        self.last = {}
        self.count = 0

    def assign(self, conversation):
        self.count += 1  # one counter for all conversations: gaps everywhere
        return self.count


class ReorderBuffer:
    def __init__(self):
        self.expected = 1
        self.held = {}

    def push(self, seq, text):
        if seq < self.expected or seq in self.held:
            return []
        self.held[seq] = text
        ready = []
        while self.expected in self.held:
            ready.append(self.held.pop(self.expected))
            self.expected += 1
        return ready

    def waiting_for(self):
        return self.expected if self.held else None

# %% course={"kind": "wrong", "id": "last-copy-wins", "fails": ["t3"]}
class Sequencer:
    def __init__(self):
        self.last = {}

    def assign(self, conversation):
        self.last[conversation] = self.last.get(conversation, 0) + 1
        return self.last[conversation]


class ReorderBuffer:
    def __init__(self):
        self.expected = 1
        self.held = {}

    def push(self, seq, text):
        if seq < self.expected:
            return []
        self.held[seq] = text  # a duplicate overwrites the waiting copy
        ready = []
        while self.expected in self.held:
            ready.append(self.held.pop(self.expected))
            self.expected += 1
        return ready

    def waiting_for(self):
        return self.expected if self.held else None

# %% [markdown] course={"kind": "exercise", "id": "abr"}
# ### Video streaming: pick a bitrate, with hysteresis
#
# A player picks the bitrate of the next segment from a `ladder` (kbit/s, strictly rising) and the measured
# throughput. Write `choose_bitrate(ladder, throughput, current=None, safety=0.8, up_margin=1.2) -> int`:
#
# 1. `budget = throughput * safety`.
# 2. No `current` (the first segment), or `current > budget` (the network got worse): the highest rung
#    `<= budget`, or the lowest rung if none fits. Going **down** is immediate: a stall is worse than blur.
# 3. Otherwise go **up** only to the highest rung `r` with `r * up_margin <= budget`, and only if that is above
#    `current`; else keep `current`. This margin is the hysteresis that stops the player flapping between rungs.
#
# An empty ladder, one that is not strictly rising, or a `current` not on the ladder raises `ValueError`. You may
# assume `0 < safety <= 1` and `up_margin >= 1` (a margin below 1 would not hold the player back at all).
#
# ```python
# ladder = [400, 1000, 2500, 5000]
# choose_bitrate(ladder, 3000)                    # 1000  (budget 2400)
# choose_bitrate(ladder, 3500, current=1000)      # 1000  (budget 2800: 2500 * 1.2 = 3000 does not fit)
# choose_bitrate(ladder, 4000, current=1000)      # 2500  (budget 3200 >= 3000)
# ```

# %% [markdown] course={"kind": "hint"}
# Validate first: `any(a >= b for a, b in zip(ladder, ladder[1:]))` finds a ladder that does not rise.

# %% [markdown] course={"kind": "hint"}
# Two lists do it: the rungs `<= budget` (for going down or starting) and the rungs with `r * up_margin <= budget`
# (for going up).

# %% course={"kind": "solution", "equivalent": {"m-33fed176": "current == budget: the best fit is current, and with up_margin >= 1 no rung above it is roomy", "m-34ab05c0": "roomy[-1] == current returns current either way"}}
def choose_bitrate(
    ladder: list[int], throughput: float, current: int | None = None, safety: float = 0.8, up_margin: float = 1.2
) -> int:
    ### BEGIN SOLUTION
    if not ladder or any(a >= b for a, b in zip(ladder, ladder[1:])):
        raise ValueError(f"the ladder must be non-empty and strictly rising: {ladder}")
    if current is not None and current not in ladder:
        raise ValueError(f"{current} is not on the ladder")
    budget = throughput * safety
    if current is None or current > budget:
        fits = [rung for rung in ladder if rung <= budget]
        return fits[-1] if fits else ladder[0]
    roomy = [rung for rung in ladder if rung * up_margin <= budget]
    if roomy and roomy[-1] > current:
        return roomy[-1]
    return current
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
ladder = [400, 1000, 2500, 5000]
assert choose_bitrate(ladder, 3000) == 1000, "first segment: the highest rung within 80 % of the throughput"
assert choose_bitrate(ladder, 3500, current=1000) == 1000, "2500 * 1.2 > 2800: not enough room to go up"
assert choose_bitrate(ladder, 4000, current=1000) == 2500, "3200 >= 3000: go up"
assert choose_bitrate(ladder, 2000, current=2500) == 1000, "the budget fell below the current rung: go down at once"
### BEGIN HIDDEN TESTS
assert choose_bitrate(ladder, 100) == 400, "nothing fits: the lowest rung"
assert choose_bitrate(ladder, 100, current=5000) == 400, "nothing fits: the lowest rung"
assert choose_bitrate(ladder, 500) == 400 and choose_bitrate(ladder, 1250) == 1000, "budget exactly 1000 fits"
assert choose_bitrate(ladder, 3125, current=2500) == 2500, "budget exactly 2500: keep it"
assert choose_bitrate(ladder, 3124, current=2500) == 1000, "budget 2499.2 < 2500: down"
assert choose_bitrate(ladder, 3750, current=1000) == 2500, "budget 3000 = 2500 * 1.2: up"
assert choose_bitrate(ladder, 3749, current=1000) == 1000
assert choose_bitrate(ladder, 100_000, current=400) == 5000 and choose_bitrate(ladder, 100_000, current=5000) == 5000
assert choose_bitrate([700], 1, current=700) == 700 and type(choose_bitrate(ladder, 3000)) is int
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
ladder = [400, 1000, 2500, 5000]
current, picks = None, []
for throughput in [3000, 3300, 2900, 3400, 3100, 3300]:  # a steady but noisy link around 3.2 Mbit/s
    current = choose_bitrate(ladder, throughput, current)
    picks.append(current)
assert picks == [1000] * 6, f"noise around one level must not make the player flap: {picks}"
### BEGIN HIDDEN TESTS
assert choose_bitrate(ladder, 3000, current=1000, up_margin=1.0) == 1000
assert choose_bitrate(ladder, 3200, current=1000, up_margin=1.0) == 2500
assert choose_bitrate(ladder, 3000, safety=1.0) == 2500
assert choose_bitrate(ladder, 2000, current=2500, safety=1.25) == 2500
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
bad_calls = [(([], 1000), {}), (([1000, 400], 1000), {}), (([400, 400], 1000), {})]
bad_calls.append((([400, 1000], 1000), {"current": 500}))
for args, kwargs in bad_calls:
    try:
        choose_bitrate(*args, **kwargs)
    except ValueError:
        pass
    else:
        raise AssertionError(f"choose_bitrate(*{args}, **{kwargs}) must raise ValueError")

# %% course={"kind": "wrong", "id": "no-hysteresis", "fails": ["t1", "t2"]}
def choose_bitrate(ladder, throughput, current=None, safety=0.8, up_margin=1.2):
    if not ladder or any(a >= b for a, b in zip(ladder, ladder[1:])):
        raise ValueError("bad ladder")
    if current is not None and current not in ladder:
        raise ValueError("not on the ladder")
    fits = [rung for rung in ladder if rung <= throughput * safety]  # always the best fit: flaps up and down
    return fits[-1] if fits else ladder[0]

# %% course={"kind": "wrong", "id": "slow-to-go-down", "fails": ["t1"]}
def choose_bitrate(ladder, throughput, current=None, safety=0.8, up_margin=1.2):
    if not ladder or any(a >= b for a, b in zip(ladder, ladder[1:])):
        raise ValueError("bad ladder")
    if current is not None and current not in ladder:
        raise ValueError("not on the ladder")
    budget = throughput * safety
    if current is None or current * up_margin > budget * 2:  # waits for a big drop before going down: stalls
        fits = [rung for rung in ladder if rung <= budget]
        return fits[-1] if fits else ladder[0]
    roomy = [rung for rung in ladder if rung * up_margin <= budget]
    if roomy and roomy[-1] > current:
        return roomy[-1]
    return current

# %% [markdown] course={"kind": "task", "id": "rate-limiter-design", "points": 3, "item": "x-practice-rate-limiter-design"}
# ### Task: practise the rate limiter design in 45 minutes
#
# Set a timer and design "a rate limiter for a public API: 1,000 requests per minute per API key, 50 gateway
# instances, 20 M keys". Write your answer in Markdown with the seven headings `check_answer` (below) expects, a
# text diagram, and the numbers: requests per second at peak, memory per key and in total for the algorithm you
# choose. Deep-dive on the shared counter: what happens between two gateways at the same instant (an atomic
# script, as in 20.3), and what the gateway does when the counter store is unreachable.

# %% [markdown] course={"kind": "rubric"}
# - Clarifies scope (per key or per IP, hard or soft limit, what the client sees: 429 with `Retry-After`) (1 point).
# - Compares at least two algorithms with their memory per key and burst behaviour, and picks one with a reason
#   (1 point).
# - Counter updates are atomic across gateways; fail-open versus fail-closed is decided and justified (1 point).

# %% [markdown] course={"kind": "lesson", "id": "platform", "covers": ["c-devops-platform-specific", "c-ci-cd-system", "c-monitoring-system", "c-log-aggregation", "c-configuration-management", "c-secret-management"]}
# ### Model answers: DevOps and platform questions
#
# Platform interviews ask you to design the tools you run. The same method applies; the deep dive is usually about
# isolation, scale of the data (metrics, logs) or safety (secrets, config roll-outs).
#
# **CI/CD system.** Run pipelines for 2,000 repositories, ~50,000 jobs a day, results in minutes, isolated builds.
# Decisions: a **queue of jobs** and autoscaled **ephemeral runners** (one clean VM or container per job) versus
# long-lived shared runners (faster, but leaks between builds); **caching** of dependencies keyed by lock-file hash;
# deploy stages with gates and rollbacks (15.x built the pipelines).
#
# ```
# git push -> webhook -> pipeline service (parse YAML -> DAG of jobs) -> job queue -> runner pool (autoscaled)
#                                   \-> status API / UI            runners -> artifact store, cache, logs
# ```
#
# **Monitoring system.** Collect metrics from 10,000 hosts every 15 s, query dashboards fast, alert reliably.
# Numbers: 10,000 hosts × 1,000 series = 10 M active series, ~670,000 samples/s. Decisions: **pull**
# (Prometheus scrapes, knows when a target is down) versus **push** (agents send; better for short jobs);
# **cardinality** limits on labels (18.x); alerting evaluated close to the data, with the alert pipeline
# monitored by something outside it.
#
# ```
# targets /metrics <- scrapers (sharded by target) -> TSDB (2 replicas) -> query API -> dashboards
#                                                         \-> rule evaluator -> alert manager -> pager
# ```
#
# **Log aggregation.** Gather logs of every service, search the last 14 days, keep a year cheaply. Numbers: the
# demo below. Decisions: a **buffer** (Kafka, 20.1) between agents and the indexer so a slow index does not drop
# logs; **index everything** (full-text, costly) versus **index labels only** and scan chunks (Loki-style, cheap);
# hot, warm and cold tiers with retention per tier.
#
# ```
# agents (tail files, add labels) -> Kafka -> indexers -> hot store (14 days, SSD) -> object storage (1 year)
#                                                         ^ query service fans out over shards
# ```
#
# **Configuration management.** Change settings of 500 services without a deploy, safely. Decisions: config as
# code in git (reviewed, versioned) served by a **config service** with watch/notify versus files baked into
# images; **gradual roll-out** (1 %, 10 %, 100 %) with automatic rollback on error rate; every service keeps its
# last good config so the config service is not a single point of failure.
#
# ```
# git (reviewed change) -> CI validation (schema) -> config store (etcd-like, versioned) -> watchers in services
#                                                                   \-> roll-out controller (stages, rollback)
# ```
#
# **Secret management.** Give services database passwords and API keys without putting them in code, images or
# logs. 19.2 ran the pieces. Decisions: **dynamic, short-lived secrets** (issued per service, expire by
# themselves) versus static ones rotated on a schedule; **identity** of the caller (Kubernetes service account,
# cloud IAM) to authenticate without a bootstrap secret; an audit log of every read; envelope encryption with
# keys in a KMS/HSM.
#
# ```
# service --(workload identity)--> secret manager (policy check, audit log) --> short-lived DB credential
#                                     |-- storage encrypted by data keys, data keys by a KMS master key
# ```

# %% course={"kind": "demo"}
# Log aggregation sizing, worked aloud: the numbers drive the tiering decision.
services, lines_per_s_each, bytes_per_line = 500, 200, 300
gb_per_day = services * lines_per_s_each * bytes_per_line * 86_400 / 1e9
hot_days, compression = 14, 10
print(f"ingest: {services * lines_per_s_each:,} lines/s, {gb_per_day:,.0f} GB/day raw")
print(f"hot tier ({hot_days} days, raw, before any index): {gb_per_day * hot_days / 1000:.1f} TB")
print(f"one year compressed {compression}x in object storage: {gb_per_day * 365 / compression / 1000:.1f} TB")
series = 10_000 * 1_000
print(f"monitoring: {series:,} series scraped every 15 s = {series / 15:,.0f} samples/s")

# %% [markdown] course={"kind": "task", "id": "cicd-design", "points": 3, "item": "x-practice-ci-cd-system-design"}
# ### Task: practise the CI/CD system design in 45 minutes
#
# Design "a CI/CD service for a company of 800 engineers: 2,000 repositories, 50,000 jobs a day with a peak of
# 3× the average, builds isolated from each other, deploys to three environments". Use the seven headings, include
# the text diagram, the numbers (concurrent jobs at peak if a job takes 6 minutes, runner count, artifact storage
# per month) and a deep dive on either runner isolation or safe deployment (stages, gates, rollback).

# %% [markdown] course={"kind": "rubric"}
# - Concurrency worked out with numbers (50,000 jobs/day × 3 peak × 6 min ≈ 625 concurrent jobs) and used to size
#   runners (1 point).
# - Isolation decision (ephemeral versus shared runners) with its cost and security trade-off (1 point).
# - Deploy path with gates, a rollback and where secrets come from (19.2), not stored in the pipeline (1 point).

# %% [markdown] course={"kind": "lesson", "id": "ml-designs", "covers": ["c-ml-specific-designs", "c-recommendation-engine", "c-fraud-detection", "c-search-ranking", "c-feature-store", "c-ml-platform"]}
# ### Model answers: ML system questions
#
# ML designs add two things to the method: an **offline** path (training on history) next to the **online** path
# (serving in milliseconds), and the question of how the model's inputs stay the same in both.
#
# **Recommendation engine.** "Items for you" on a home page for 50 M users, 10 M items, under 200 ms. Decisions: a
# **two-stage funnel**: cheap candidate generation (embedding nearest neighbours, co-occurrence, popular items)
# narrows millions to hundreds, then a heavier ranking model orders them; **precompute** for active users versus
# compute at request time; cold start for new users and items (popularity, content features); feedback loops.
#
# ```
# events -> stream -> feature store <- ranking model
# request -> candidate generators (ANN, co-visitation, popular) -> ~500 items -> ranker -> filters -> top 20
# ```
#
# **Fraud detection.** Score each payment before it is approved, in under 100 ms, where 0.1 % are fraud.
# Decisions: **rules plus a model** (rules for known patterns and instant fixes, a model for the rest); **real-time
# features** (counts per card over 1 min / 1 h windows) from a stream processor; thresholds chosen by the cost of a
# missed fraud versus a blocked customer; labels arrive weeks later (chargebacks), so evaluation is delayed.
#
# ```
# payment -> scoring API -> [rules engine] + [model with online features] -> approve / review / decline
#                             \-> decisions log -> labels (chargebacks) -> retraining
# ```
#
# **Search ranking.** Order the documents matching a query by relevance, ~10,000 queries/s. Decisions: retrieval
# by an inverted index (BM25) or embeddings, then **learning-to-rank** re-ranking the top few hundred; features
# of query, document and user; training labels from clicks corrected for position bias; offline metrics (NDCG)
# checked against online A/B tests.
#
# ```
# query -> query understanding -> retrieval (index shards, top 1000) -> re-ranker (top 100) -> results
# ```
#
# **Feature store.** Compute features once, use them for training and serving. Decisions: an **offline store**
# (columnar files, full history, point-in-time joins so training never sees the future) and an **online store**
# (key-value, latest value, millisecond reads); one feature definition feeding both to avoid **training-serving
# skew**; batch versus streaming pipelines per feature by freshness needed.
#
# ```
# feature definitions -> batch jobs / stream jobs -> offline store (history) -> training sets (point-in-time)
#                                                 \-> online store (latest)   -> model serving
# ```
#
# **ML platform.** Let 30 teams train, register, deploy and monitor models self-service. Decisions: a **model
# registry** with versions and stages as the hand-off between training and serving; managed training jobs on a
# shared GPU pool with quotas; standard serving (one container contract) versus per-team stacks; monitoring of
# data drift and model metrics next to the usual latency and errors (18.x).
#
# ```
# notebooks / pipelines -> training jobs (GPU pool) -> experiment tracking -> registry -> deploy (canary) -> serving
#                                                                                     monitoring: drift, quality <-/
# ```

# %% course={"kind": "demo"}
# The recommendation funnel in numbers: why two stages.
items, candidates, shown = 10_000_000, 500, 20
ranker_ms_per_item = 0.05
print(f"ranking every item: {items * ranker_ms_per_item / 1000:,.0f} s per request -> impossible")
print(f"ranking {candidates} candidates: {candidates * ranker_ms_per_item:.0f} ms -> fits a 200 ms budget")
fraud_rate, payments = 0.001, 1_000_000
print(f"{payments:,} payments at {fraud_rate:.1%} fraud: {payments * fraud_rate:,.0f} frauds; "
      f"a model flagging 1 % of payments reviews {payments // 100:,} of them")

# %% [markdown] course={"kind": "task", "id": "recsys-design", "points": 3, "item": "x-practice-recommendation-system-design"}
# ### Task: practise the recommendation system design in 45 minutes
#
# Design "recommendations for the home page of a video site: 50 M daily users, 5 M videos, 200 ms budget, new
# videos must be recommendable within an hour". Seven headings, a diagram, numbers (requests per second at peak,
# candidates per request, feature lookups per request) and a deep dive on candidate generation or on freshness.

# %% [markdown] course={"kind": "rubric"}
# - A two-stage design (candidates, ranking) with the numbers that justify it (1 point).
# - Cold start for new users and new videos handled, and how a video becomes recommendable within the hour (1 point).
# - Offline/online consistency of features (a feature store or one shared definition) and how quality is measured
#   (1 point).

# %% [markdown] course={"kind": "exercise", "id": "answer-checker", "item": "project-22-4-1"}
# ### A checker for your written design answers
#
# Write `check_answer(markdown) -> list[str]` that lists what a written design answer is missing, in this order:
#
# 1. `"missing section: <name>"` for each name of `REQUIRED_SECTIONS` (setup cell, in that order) that is not a
#    heading. A heading is a line matched by `HEADING` (1–6 `#`, a space, a title); titles match after `squash`
#    (so `## trade offs` counts as `Trade-offs`). Lines inside a fenced block (between two lines starting with
#    ```` ``` ````, after any leading spaces) are never headings: a diagram may contain `#`.
# 2. `"estimates have no numbers"` if the Estimates section exists but its text contains no digit.
# 3. `"trade-offs name fewer than two options"` if the Trade-offs section exists but has fewer than two bullet
#    lines (lines starting with `- ` or `* ` after leading spaces).
# 4. `"no diagram"` if the answer has no fenced block at all.
#
# A section's text runs from its heading to the next heading. An empty list means the answer passes.
#
# ```python
# check_answer("## Requirements\nshort links\n")[:2]    # ['missing section: Estimates', 'missing section: API']
# ```

# %% [markdown] course={"kind": "hint"}
# One pass over `markdown.splitlines()`: track `in_fence` (flip it on a line starting with ```` ``` ````, and note
# that a diagram exists), the current section's squashed title, and a dict `title -> list of lines`.

# %% [markdown] course={"kind": "hint"}
# Then build the problems in order: missing sections from `REQUIRED_SECTIONS`; `sections.get("estimates")` and
# `sections.get("tradeoffs")` are `None` when missing, so those checks only run when the section is there.

# %% course={"kind": "solution", "equivalent": {"m-824046ec": "squash drops the '#' marks and spaces, so the whole line squashes to the title"}}
def check_answer(markdown: str) -> list[str]:
    ### BEGIN SOLUTION
    sections: dict[str, list[str]] = {}
    current = None
    in_fence = has_diagram = False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            has_diagram = True
        heading = None if in_fence else HEADING.match(line)
        if heading:
            current = squash(heading.group(1))
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    problems = [f"missing section: {name}" for name in REQUIRED_SECTIONS if squash(name) not in sections]
    estimates = sections.get("estimates")
    if estimates is not None and not any(ch.isdigit() for line in estimates for ch in line):
        problems.append("estimates have no numbers")
    tradeoffs = sections.get("tradeoffs")
    if tradeoffs is not None and sum(line.lstrip().startswith(("- ", "* ")) for line in tradeoffs) < 2:
        problems.append("trade-offs name fewer than two options")
    if not has_diagram:
        problems.append("no diagram")
    return problems
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
GOOD = "\n".join([
    "# URL shortener",
    "## Requirements", "- shorten, redirect; links never expire",
    "## Estimates", "~1,000 writes/s, 10x reads, 90 TB in 5 years",
    "## API", "POST /links, GET /{id}",
    "## Data model", "id -> long URL, owner, created",
    "## High-level design", "```", "client -> API -> KV store", "# a comment inside the diagram", "```",
    "## Deep dive", "id generation with Snowflake ids",
    "## Trade-offs", "- 301: cached by browsers, no click counts", "* 302: every click reaches us",
])
assert check_answer(GOOD) == [], check_answer(GOOD)
assert type(check_answer(GOOD)) is list

# %% course={"kind": "test", "points": 2}
assert check_answer("## Requirements\nshort links\n") == [
    "missing section: Estimates", "missing section: API", "missing section: Data model",
    "missing section: High-level design", "missing section: Deep dive", "missing section: Trade-offs", "no diagram",
], "every missing heading, in the rubric's order, then the diagram"
no_numbers = GOOD.replace("~1,000 writes/s, 10x reads, 90 TB in 5 years", "a lot of writes, more reads")
assert check_answer(no_numbers) == ["estimates have no numbers"]
one_option = GOOD.replace("* 302: every click reaches us", "we pick 302")
assert check_answer(one_option) == ["trade-offs name fewer than two options"]
### BEGIN HIDDEN TESTS
assert check_answer("") == [f"missing section: {name}" for name in REQUIRED_SECTIONS] + ["no diagram"]
assert check_answer(GOOD.replace("## Trade-offs", "### trade offs")) == [], "heading level and spelling variants count"
assert check_answer(GOOD.replace("## API", "API")) == ["missing section: API"], "a title without # is not a heading"
assert check_answer(GOOD.replace("## API", "##API")) == ["missing section: API"], "a heading needs a space after #"
assert check_answer(GOOD.replace("## Deep dive", "  - Deep dive")) == ["missing section: Deep dive"]
assert check_answer(GOOD.replace("```", "")) == ["no diagram"]
assert check_answer(GOOD.replace("- 301", "-301")) == ["trade-offs name fewer than two options"], "'-301' is no bullet"
assert check_answer(GOOD.replace("- 301", "   - 301")) == [], "indented bullets count"
assert check_answer("Notes before any heading\n" + GOOD) == [], "text before the first heading belongs to no section"
indented = GOOD.replace("## Deep dive", "  ```\n## Deep dive\n  ```")
assert check_answer(indented) == ["missing section: Deep dive"], "an indented fence is a fence too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
fenced = GOOD.replace("## Deep dive", "```\n## Deep dive\n```")
assert check_answer(fenced) == ["missing section: Deep dive"], "a '#' line inside a fence is not a heading"
late_numbers = GOOD.replace("~1,000 writes/s, 10x reads, 90 TB in 5 years", "lots") + "\n- 3 options here"
assert check_answer(late_numbers) == ["estimates have no numbers"], "digits in another section do not count"
### BEGIN HIDDEN TESTS
bullets_elsewhere = one_option.replace("## Requirements", "## Requirements\n- a\n- b")
assert check_answer(bullets_elsewhere) == ["trade-offs name fewer than two options"], "bullets elsewhere do not count"
digit_in_title = no_numbers.replace("## Estimates", "## Estimates 2") + "\n## Estimates\nnone"
assert "estimates have no numbers" in check_answer(digit_in_title)
assert check_answer(GOOD.replace("## Estimates", "## Estimates\n~")) == [], "a digit on a later line counts"
numbers_in_heading_only = no_numbers.replace("## API", "## API\n5 endpoints")
assert check_answer(numbers_in_heading_only) == ["estimates have no numbers"]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "fence-blind"}
def check_answer(markdown):
    sections = {}
    current = None
    has_diagram = False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            has_diagram = True
        heading = HEADING.match(line)  # a '#' line in a diagram starts a section
        if heading:
            current = squash(heading.group(1))
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    problems = [f"missing section: {name}" for name in REQUIRED_SECTIONS if squash(name) not in sections]
    estimates = sections.get("estimates")
    if estimates is not None and not any(ch.isdigit() for line in estimates for ch in line):
        problems.append("estimates have no numbers")
    tradeoffs = sections.get("tradeoffs")
    if tradeoffs is not None and sum(line.lstrip().startswith(("- ", "* ")) for line in tradeoffs) < 2:
        problems.append("trade-offs name fewer than two options")
    if not has_diagram:
        problems.append("no diagram")
    return problems

# %% course={"kind": "wrong", "id": "whole-text-digits"}
def check_answer(markdown):
    sections = {}
    current = None
    in_fence = has_diagram = False
    for line in markdown.splitlines():
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            has_diagram = True
        heading = None if in_fence else HEADING.match(line)
        if heading:
            current = squash(heading.group(1))
            sections[current] = []
        elif current is not None:
            sections[current].append(line)
    problems = [f"missing section: {name}" for name in REQUIRED_SECTIONS if squash(name) not in sections]
    if "estimates" in sections and not any(ch.isdigit() for ch in markdown):  # any digit anywhere passes
        problems.append("estimates have no numbers")
    tradeoffs = sections.get("tradeoffs")
    if tradeoffs is not None and sum(line.lstrip().startswith(("- ", "* ")) for line in tradeoffs) < 2:
        problems.append("trade-offs name fewer than two options")
    if not has_diagram:
        problems.append("no diagram")
    return problems

# %% [markdown] course={"kind": "exercise", "id": "practice-tracker", "item": "x-time-box-practice-45-minutes-per-problem"}
# ### A practice-session tracker for the 45-minute box
#
# Finish `PracticeTracker(questions)`, which keeps your practice honest:
#
# - `record(question, phase, minutes)`: add `minutes` spent on a phase of `PHASES` (setup cell) of a question.
#   An unknown question or phase, or `minutes <= 0`, raises `ValueError`.
# - `next_question() -> str | None`: the first question (in the order given) with nothing recorded; when all
#   have been practised, the one with the **least total time** (ties: the earlier one); `None` with no questions.
# - `overruns(question) -> list[str]`: the phases where the recorded time is **more than** the box allows, in
#   `PHASES` order.
#
# ```python
# tracker = PracticeTracker(["url shortener", "chat"])
# tracker.record("url shortener", "clarify", 8)
# tracker.next_question(), tracker.overruns("url shortener")   # ('chat', ['clarify'])
# ```

# %% [markdown] course={"kind": "hint"}
# Keep `self.spent`: a dict `question -> dict phase -> minutes`, with an empty dict for every question at the
# start; `dict(PHASES)` gives each phase's budget.

# %% [markdown] course={"kind": "hint"}
# `min(questions, key=...)` returns the first of equal keys, which is the tie rule asked for.

# %% course={"kind": "solution", "equivalent": {"m-d7129d49": "an unrecorded phase counted as 1 minute never exceeds the smallest budget (2)"}}
class PracticeTracker:
    def __init__(self, questions: list[str]) -> None:
        self.questions = list(questions)
        self.budget = dict(PHASES)
        self.spent: dict[str, dict[str, float]] = {q: {} for q in self.questions}

    def record(self, question: str, phase: str, minutes: float) -> None:
        ### BEGIN SOLUTION
        if question not in self.spent or phase not in self.budget or minutes <= 0:
            raise ValueError(f"cannot record {minutes} min of {phase!r} for {question!r}")
        phases = self.spent[question]
        phases[phase] = phases.get(phase, 0) + minutes
        ### END SOLUTION

    def next_question(self) -> str | None:
        ### BEGIN SOLUTION
        for question in self.questions:
            if not self.spent[question]:
                return question
        if not self.questions:
            return None
        return min(self.questions, key=lambda q: sum(self.spent[q].values()))
        ### END SOLUTION

    def overruns(self, question: str) -> list[str]:
        ### BEGIN SOLUTION
        spent = self.spent[question]
        return [phase for phase, limit in PHASES if spent.get(phase, 0) > limit]
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
tracker = PracticeTracker(["url shortener", "chat"])
tracker.record("url shortener", "clarify", 8)
assert tracker.next_question() == "chat", "chat has not been practised yet"
assert tracker.overruns("url shortener") == ["clarify"], "8 minutes of a 5-minute clarify phase"
tracker.record("chat", "deep dive", 10)
assert tracker.overruns("chat") == [], "exactly the budget is not an overrun"
assert tracker.next_question() == "url shortener", "all practised: the least total time (8 < 10)"
### BEGIN HIDDEN TESTS
assert PracticeTracker([]).next_question() is None
tracker.record("url shortener", "deep dive", 3)
assert tracker.next_question() == "chat", "url shortener now has 11 minutes"
tracker.record("chat", "wrap-up", 1)
assert tracker.next_question() == "url shortener", "11 each: the earlier question"
tracker.record("chat", "wrap-up", 1.5)
assert tracker.overruns("chat") == ["wrap-up"], "1 + 1.5 > 2 minutes"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
tracker = PracticeTracker(["a", "b", "c"])
tracker.record("b", "api", 2)
assert tracker.next_question() == "a", "the first unpractised question in the given order"
tracker.record("a", "estimate", 1)
assert tracker.next_question() == "c"
for phase, limit in PHASES:
    tracker.record("c", phase, limit + 1)
assert tracker.overruns("c") == [phase for phase, _ in PHASES], "every phase over: in PHASES order"
### BEGIN HIDDEN TESTS
assert tracker.next_question() == "a", "1 minute is the least"
tracker.record("a", "estimate", 0.5)
tracker.record("a", "estimate", 3.5)
assert tracker.overruns("a") == [] and tracker.next_question() == "b", "5 minutes of estimate is on budget; b has 2"
only = PracticeTracker(["x"])
assert only.next_question() == "x" and only.overruns("x") == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
tracker = PracticeTracker(["chat", "feed"])
for args in (("news feed", "clarify", 5), ("chat", "coding", 5), ("chat", "clarify", 0), ("chat", "clarify", -3)):
    try:
        tracker.record(*args)
    except ValueError:
        pass
    else:
        raise AssertionError(f"record{args} must raise ValueError")
assert tracker.next_question() == "chat", "a refused record leaves no trace: chat is still unpractised"
tracker.record("chat", "clarify", 0.25)
assert tracker.next_question() == "feed" and tracker.overruns("chat") == [], "a quarter of a minute counts"

# %% course={"kind": "wrong", "id": "replace-not-add", "fails": ["t1"]}
class PracticeTracker:
    def __init__(self, questions):
        self.questions = list(questions)
        self.budget = dict(PHASES)
        self.spent = {q: {} for q in self.questions}

    def record(self, question, phase, minutes):
        if question not in self.spent or phase not in self.budget or minutes <= 0:
            raise ValueError("bad record")
        self.spent[question][phase] = minutes  # a second session of the same phase replaces the first

    def next_question(self):
        for question in self.questions:
            if not self.spent[question]:
                return question
        if not self.questions:
            return None
        return min(self.questions, key=lambda q: sum(self.spent[q].values()))

    def overruns(self, question):
        spent = self.spent[question]
        return [phase for phase, limit in PHASES if spent.get(phase, 0) > limit]

# %% course={"kind": "wrong", "id": "at-budget-is-over", "fails": ["t1", "t2"]}
class PracticeTracker:
    def __init__(self, questions):
        self.questions = list(questions)
        self.budget = dict(PHASES)
        self.spent = {q: {} for q in self.questions}

    def record(self, question, phase, minutes):
        if question not in self.spent or phase not in self.budget or minutes <= 0:
            raise ValueError("bad record")
        phases = self.spent[question]
        phases[phase] = phases.get(phase, 0) + minutes

    def next_question(self):
        for question in self.questions:
            if not self.spent[question]:
                return question
        if not self.questions:
            return None
        return min(self.questions, key=lambda q: sum(self.spent[q].values()))

    def overruns(self, question):
        spent = self.spent[question]
        return [phase for phase, limit in PHASES if spent.get(phase, 0) >= limit]  # using the whole box is fine

# %% course={"kind": "wrong", "id": "check-after-write", "fails": ["t3"]}
class PracticeTracker:
    def __init__(self, questions):
        self.questions = list(questions)
        self.budget = dict(PHASES)
        self.spent = {q: {} for q in self.questions}

    def record(self, question, phase, minutes):
        if question not in self.spent or phase not in self.budget:
            raise ValueError("unknown question or phase")
        phases = self.spent[question]
        phases[phase] = phases.get(phase, 0) + minutes
        if minutes <= 0:  # too late: the refused minutes are already recorded
            raise ValueError("minutes must be positive")

    def next_question(self):
        for question in self.questions:
            if not self.spent[question]:
                return question
        if not self.questions:
            return None
        return min(self.questions, key=lambda q: sum(self.spent[q].values()))

    def overruns(self, question):
        spent = self.spent[question]
        return [phase for phase, limit in PHASES if spent.get(phase, 0) > limit]

# %% [markdown] course={"kind": "task", "id": "portfolio-general", "points": 3, "item": "project-22-4-1"}
# ### Project 22.4.1: your design portfolio, three general systems
#
# Write full design documents (the seven headings, so that `check_answer` returns `[]` on each) for three general
# systems of this section, for example the URL shortener, the news feed and the chat system. Each has a text
# diagram of the read and write paths, numbers in the estimates, a deep dive that uses one of the components you
# built here (Snowflake ids, the feed merge, the reorder buffer...), and a trade-off table with at least two
# options per decision. Time-box each first draft at 45 minutes with `PracticeTracker`, then improve it.

# %% [markdown] course={"kind": "rubric"}
# - Three documents pass `check_answer`; each diagram shows the data flow with the stores named (1 point).
# - Estimates drive at least one decision explicitly ("10 M followers, so celebrities are pulled") (1 point).
# - Each trade-off names what is given up, not only what is gained (1 point).

# %% [markdown] course={"kind": "task", "id": "portfolio-platform", "points": 2, "item": "project-22-4-1"}
# ### Project 22.4.1: two DevOps/platform systems
#
# Two documents from CI/CD, monitoring, log aggregation, configuration management and secret management, in the
# same format. Link what you built in earlier sections (15.x pipelines, 18.x alerting, 19.2 secrets) as evidence.

# %% [markdown] course={"kind": "rubric"}
# - Failure modes covered: what happens when the platform itself is down (runner pool, TSDB, config or secret
#   service), and how it is monitored from outside (1 point).
# - Security and isolation decisions named (build isolation, who may read which secret, audit) (1 point).

# %% [markdown] course={"kind": "task", "id": "portfolio-ml", "points": 2, "item": "project-22-4-1"}
# ### Project 22.4.1: two ML systems
#
# Two documents from recommendation, fraud detection, search ranking, feature store and ML platform, each with the
# offline (training) and online (serving) paths drawn separately in the diagram.

# %% [markdown] course={"kind": "rubric"}
# - Training-serving skew addressed (one feature definition, point-in-time joins) (1 point).
# - Model quality monitored online (drift, delayed labels, A/B test) as well as latency and errors (1 point).

# %% [markdown] course={"kind": "answer", "question": "q-all-the-above-systems-are-common"}
# They recur because each one isolates one hard idea: unique ids (shortener), shared counters (rate limiter),
# partitioning (cache), ordered durable delivery (queue), precomputation (autocomplete), fan-out (feed), ordering
# and presence (chat), bandwidth (video). Practise them as variations on those ideas rather than memorising
# diagrams: when an unfamiliar question comes, you recognise which idea it is built on. The model answers above
# are starting points; redo each one in 45 minutes with `PracticeTracker` and check it with `check_answer`.

# %% [markdown] course={"kind": "answer", "question": "q-focus-on-clear-communication"}
# Say what you are doing before you do it ("I'll spend five minutes on requirements, then estimate"), write the
# requirements and numbers where the interviewer can see them, draw the simple end-to-end design before any
# detail, and name boxes by their role ("timeline cache", not "Redis 2"). Check in at each phase change ("does
# this scope match what you had in mind?"). Silence while you think is fine if you say what you are weighing.

# %% [markdown] course={"kind": "answer", "question": "q-always-discuss-trade-offs"}
# Every real decision has a cost: push fan-out makes reads cheap and celebrity posts expensive; a 301 saves load
# and loses click counts; ephemeral runners isolate builds and cost start-up time. State at least two options,
# what each gains and gives up, which one you pick **for this problem's numbers**, and what would make you switch
# (the 10× question). The `fanout-costs` exercise is that habit in code: the answer changes with the inputs.

# %% [markdown] course={"kind": "answer", "question": "q-ask-clarifying-questions"}
# The same prompt ("design a chat") hides very different systems: 1:1 or groups of 10,000? History kept forever?
# Delivery receipts? Which scale: a startup or billions of messages a day? Ask about users and scale, the key
# features (and what is out of scope), the non-functional needs (latency, availability, consistency, ordering)
# and constraints (existing stack, budget). Write the answers down and use them later: a clarification that never
# changes the design was not worth the minute.
