# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can tell a work story in the STAR shape, check a draft for the usual weak
# spots with code you wrote yourself (no "I" in the action, a result with no number, too long to say), plan a small
# story bank that answers the common questions without repeating a story, and you have three stories written down.

# %% course={"kind": "setup", "id": "star-tools"}
# The standard library is the whole toolbox of this section.
import itertools
import re

# Question themes and the whole words (any case) that point to them, checked in this order (exercise 6).
THEME_WORDS = (
    ("failure", ("fail", "failed", "failure", "failures", "mistake", "mistakes", "regret")),
    ("conflict", ("disagree", "disagreed", "disagreement", "disagreements", "conflict", "conflicts", "argued")),
    ("leadership", ("lead", "led", "leading", "leader", "mentor", "mentored", "mentoring")),
    ("ambiguity", ("ambiguous", "ambiguity", "unclear", "vague")),
    ("prioritisation", ("prioritize", "prioritise", "priorities", "deadline", "deadlines")),
    ("collaboration", ("cross-team", "stakeholder", "stakeholders", "teams")),
    ("innovation", ("improve", "improved", "improvement", "automate", "automated", "idea")),
    ("motivation", ("why",)),
    ("introduction", ("yourself",)),
)

# %% [markdown] course={"kind": "lesson", "id": "star-shape", "covers": ["part-star"]}
# ### STAR: the shape of an answer
#
# A behavioural question ("tell me about a time...") is judged on evidence of what *you* did, not on how good the
# project was. STAR is a checklist for that evidence, and a rough budget for a two-minute answer:
#
# | part | what it answers | share of the answer | the usual mistake |
# |---|---|---|---|
# | **S**ituation | where, when, what was at stake | ~15 % | ten sentences of architecture before anything happens |
# | **T**ask | what *you* were responsible for | ~10 % | the team's goal instead of yours |
# | **A**ction | what *you* did, and the trade-off you chose | ~50 % | "we" all the way through: nobody can tell your part |
# | **R**esult | what changed, with a number or a before/after, and what you learned | ~25 % | "it went well" |
#
# The shares are a rule of thumb, not a law; the one thing people get wrong is spending most of the time on the
# situation and almost none on the action. Here is one strong story, split into its parts, measured against that
# budget:

# %% course={"kind": "demo"}
STRONG_STORY = {
    "situation": "Our monolith's deploys took 90 minutes and failed about one in five times, so the team shipped "
    "once a week.",
    "task": "I owned the release tooling and was asked to make daily deploys safe within a quarter.",
    "action": "I measured where the 90 minutes went (60 of them were serial integration tests), split the suite "
    "into four parallel shards, and added a canary stage that rolls back on a rising error rate. I chose to keep "
    "the slow end-to-end suite nightly rather than on every merge: a trade-off I wrote down and agreed with QA.",
    "result": "Deploys went from 90 to 18 minutes and failed deploys from 20 % to 3 % over the next two months; we "
    "shipped daily. I learned to measure before optimising: my first guess (the Docker build) was 8 minutes of the 90.",
}
STAR_BUDGET = {"situation": 15, "task": 10, "action": 50, "result": 25}

story_words = {part: len(text.split()) for part, text in STRONG_STORY.items()}
all_words = sum(story_words.values())
print(f"{'part':<10}{'words':>6}{'share':>7}{'budget':>8}")
for part, count in story_words.items():
    print(f"{part:<10}{count:>6}{count / all_words:>7.0%}{STAR_BUDGET[part]:>7}%")
print(f"{all_words} words: {all_words * 60 / 150:.0f} s at 150 words a minute")

# %% [markdown] course={"kind": "text"}
# Under a minute, with the action the largest part: room is left for the follow-up questions, where the
# interviewer digs into your choices. Compare a weak telling of the same story:
#
# > "We had a lot of problems with deployments, so we moved to a new pipeline. It took a while but in the end it
# > went well and everyone was happy."
#
# A crude count of who acted and of numbers already shows the difference (the exercises below build careful
# versions of these checks):

# %% course={"kind": "demo"}
WEAK_STORY = (
    "We had a lot of problems with deployments, so we moved to a new pipeline. "
    "It took a while but in the end it went well and everyone was happy."
)
for label, story in (("weak", WEAK_STORY), ("strong", " ".join(STRONG_STORY.values()))):
    words = re.findall(r"[\w']+", story)
    print(
        f"{label:<7} words={len(words):>3}  'I'={words.count('I'):>2}  'we'={sum(w.lower() == 'we' for w in words):>2}"
        f"  numbers={len(re.findall(r'[0-9]+', story)):>2}"
    )

# %% [markdown] course={"kind": "text"}
# The strong version wins on four things an interviewer listens for: the actions are "I", the result has numbers
# and a before/after, a trade-off shows judgement, and a lesson shows that you grow.

# %% [markdown] course={"kind": "lesson", "id": "common-questions", "covers": ["part-behavioral"]}
# ### The common questions and what they test
#
# The eight questions below come up in almost every loop. Each is a prompt for a story, and each listens for one
# thing in particular:
#
# | question | what the interviewer listens for | shape |
# |---|---|---|
# | Tell me about yourself | a clear arc that leads to *this* job | present, past, future (not STAR) |
# | Describe a challenging project | how you break a hard problem down | STAR, the action long |
# | How do you handle disagreements? | that you argue with data and commit once decided | STAR |
# | Describe a failure and what you learned | ownership without blame, a change you made afterwards | STAR, the result is the lesson |
# | How do you prioritize work? | a rule you can name, and the trade-off you accepted | the rule, then a STAR example |
# | Describe leading a project | moving people without authority: plans, writing, cutting scope | STAR |
# | How do you handle ambiguity? | turning a vague request into a number someone agreed to | STAR |
# | Why this company/role? | that you read about them, and a link to your own stories | specific, short |
#
# Most answers should fit in about two minutes. How many words that is depends on your pace; record yourself
# once and count, since people speak roughly between 120 and 170 words a minute:

# %% course={"kind": "demo"}
for pace in (120, 150, 170):
    print(f"{pace} words a minute: two minutes is {2 * pace} words; the strong story above takes {all_words * 60 / pace:.0f} s")

# %% [markdown] course={"kind": "text"}
# A typed page of notes is roughly 400 to 500 words: far too long to say. Our model answers below are 70 to 140
# words each (under a minute); read them after drafting your own, and replace every detail with yours.

# %% [markdown] course={"kind": "lesson", "id": "bank-of-stories", "covers": ["part-stories"]}
# ### A story bank: six stories, many questions
#
# You cannot prepare a story for every question, and you do not need to: one good story answers several. Prepare
# the six kinds of story the roadmap lists (technical leadership, conflict resolution, failure and learning,
# cross-team collaboration, innovation or improvement, mentoring), then write down for each which question themes it
# can answer. The mistake is preparing one story per question and then running out when the loop asks two
# leadership questions: a theme that only one story covers is a risk. A small bank, checked by code:

# %% course={"kind": "demo"}
MY_BANK = {
    "deploy pipeline": ["challenge", "leadership", "prioritising", "improvement"],
    "Friday config outage": ["failure"],
    "retraining argument": ["conflict", "ambiguity", "cross-team"],
    "k8s migration": ["challenge", "conflict", "leadership", "ambiguity", "cross-team"],
    "intern onboarding": ["mentoring", "leadership"],
}
BANK_THEMES = ["challenge", "conflict", "failure", "leadership", "ambiguity", "prioritising", "cross-team",
               "improvement", "mentoring"]  # fmt: skip

print(f"{'':<22}" + "".join(f"{t[:5]:>6}" for t in BANK_THEMES))
for story, story_themes in MY_BANK.items():
    print(f"{story:<22}" + "".join(f"{'✓' if t in story_themes else '·':>6}" for t in BANK_THEMES))
for t in BANK_THEMES:
    tellers = [s for s in MY_BANK if t in MY_BANK[s]]
    if len(tellers) < 2:
        print(f"only one story for {t!r}: {tellers[0]}")

# %% [markdown] course={"kind": "text"}
# The grid says where to write the next story: a second failure story, a second mentoring story, another
# improvement or prioritising story.
#
# Code can count words, find "I" and "we", spot numbers and missing STAR parts, and plan the bank; it cannot tell
# whether a story is true, interesting or relevant to the job. That is what the task at the end and your
# interviewer judge.

# %% [markdown] course={"kind": "exercise", "id": "speaking-time"}
# ### How long will this answer take to say?
#
# "Tell me about yourself" should take about two minutes. Write `speaking_seconds(text, wpm=150)`: the seconds it
# takes to say `text` at `wpm` words a minute, **rounded up** to a whole `int` (a 0.4-second tail is still spoken).
# A word is a run of characters between whitespace (spaces, tabs, newlines, several in a row). Raise `ValueError`
# if `wpm` is less than 1.
#
# ```python
# speaking_seconds("I run the platform team's on-call rota.")  # 7 words at 150 wpm = 2.8 s -> 3
# ```

# %% [markdown] course={"kind": "hint"}
# `str.split()` with no argument splits on any run of whitespace and drops empty strings; `split(" ")` does not.

# %% [markdown] course={"kind": "hint"}
# Seconds are `words * 60 / wpm`. Stay with integers and round up with `-(-a // b)` (`math.ceil(words * 60 / wpm)` also
# works at speech sizes); `round` goes to the nearest second, which is not "up".

# %% course={"kind": "solution"}
def speaking_seconds(text: str, wpm: int = 150) -> int:
    ### BEGIN SOLUTION
    if wpm < 1:
        raise ValueError("wpm must be at least 1")
    words = len(text.split())
    return -(-words * 60 // wpm)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert speaking_seconds("I run the platform team's on-call rota.") == 3, "7 words at 150 wpm is 2.8 s, rounded up to 3"
assert type(speaking_seconds("one two")) is int, "seconds come back as an int"
assert speaking_seconds(" ".join(["word"] * 300)) == 120, "300 words at 150 wpm is exactly two minutes"

# %% course={"kind": "test", "points": 1}
assert speaking_seconds("") == 0, "nothing to say takes 0 seconds"
assert speaking_seconds("  I   led\tthe\n\nmigration  ") == 2, "4 words (any whitespace separates them): 1.6 s -> 2"
assert speaking_seconds("word " * 151) == 61, "151 words: 60.4 s, rounded UP to 61"
### BEGIN HIDDEN TESTS
assert speaking_seconds("word " * 150) == 60
assert speaking_seconds("word " * 149) == 60  # 59.6 -> 60
assert speaking_seconds("one") == 1  # 0.4 -> 1
assert speaking_seconds("   \n\t ") == 0
assert speaking_seconds("日本 語 café") == 2  # 3 words: 1.2 -> 2
assert speaking_seconds("a b c", 60) == 3
assert speaking_seconds("a b", 1) == 120
assert speaking_seconds("a " * 7, 120) == 4  # 3.5 -> 4
assert speaking_seconds("a " * 5, 200) == 2  # 1.5 -> 2
assert speaking_seconds("a " * 10, 200) == 3
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad in (0, -150):
    try:
        speaking_seconds("hello", bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"wpm={bad} must raise ValueError")
### BEGIN HIDDEN TESTS
assert speaking_seconds("hello", 1) == 60
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "split-on-space", "fails": ["t2"]}
def speaking_seconds(text: str, wpm: int = 150) -> int:
    if wpm < 1:
        raise ValueError("wpm must be at least 1")
    words = len(text.split(" "))
    return -(-words * 60 // wpm)

# %% course={"kind": "wrong", "id": "rounds-to-nearest", "fails": ["t2"]}
def speaking_seconds(text: str, wpm: int = 150) -> int:
    if wpm < 1:
        raise ValueError("wpm must be at least 1")
    return round(len(text.split()) * 60 / wpm)

# %% course={"kind": "wrong", "id": "float-seconds", "fails": ["t1", "t2"]}
def speaking_seconds(text: str, wpm: int = 150) -> int:
    if wpm < 1:
        raise ValueError("wpm must be at least 1")
    return len(text.split()) * 60 / wpm

# %% [markdown] course={"kind": "exercise", "id": "split-star"}
# ### Split a story into its STAR parts
#
# People draft stories with labels, but not all alike: `S:`, `Situation:`, `**Task:**`, `## Action:`,
# `result :`. Write `split_star(text)` returning `(parts, missing)`:
#
# - a line is a **label line** when, after optional spaces, `#` and `*` characters, it starts with one of
#   `situation`, `task`, `action`, `result` or their first letter `s`, `t`, `a`, `r` (any case), followed by
#   optional spaces or `*`, then a colon; whatever follows the colon (without `*` and surrounding spaces) starts
#   that part;
# - every other non-blank line continues the current part; the pieces of a part are joined with one space;
# - `parts` is a `dict` with exactly the keys `"situation"`, `"task"`, `"action"`, `"result"` in that order, each
#   a stripped `str` (`""` for a part the story lacks); `missing` is the `list` of the keys whose value is `""`,
#   in STAR order;
# - raise `ValueError` if a non-blank line comes before the first label, or if a part is labelled twice.
#
# ```python
# split_star("S: Nightly training jobs failed twice a week.\nT: I owned the pipeline.\n"
#            "**Action:** I added retries\nwith backoff.\nResult: 0 failures in 6 weeks.")
# # ({'situation': 'Nightly training jobs failed twice a week.', 'task': 'I owned the pipeline.',
# #   'action': 'I added retries with backoff.', 'result': '0 failures in 6 weeks.'}, [])
# ```
#
# A line such as `At 3 am: the pager went off` is not a label: `At` is not one of the words.

# %% [markdown] course={"kind": "hint"}
# One regular expression with `re.IGNORECASE` can recognise a label line:
# `^[\s#*]*(situation|task|action|result|s|t|a|r)[\s*]*:(.*)$`. Map the first letter of the match to the key.

# %% [markdown] course={"kind": "hint"}
# Keep a list of pieces per key and a `current` key that starts as `None`; a continuation line while `current` is
# `None` is the "text before the first label" error. Build `parts` from `("situation", "task", "action", "result")`
# at the end so the key order is fixed.

# %% course={"kind": "solution"}
def split_star(text: str) -> tuple[dict[str, str], list[str]]:
    ### BEGIN SOLUTION
    keys = ("situation", "task", "action", "result")
    label = re.compile(r"^[\s#*]*(situation|task|action|result|s|t|a|r)[\s*]*:(.*)$", re.IGNORECASE)
    pieces: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        m = label.match(line)
        if m:
            current = next(k for k in keys if k[0] == m.group(1)[0].lower())
            if current in pieces:
                raise ValueError(f"{current} is labelled twice")
            pieces[current] = []
            rest = m.group(2).strip(" *\t")
            if rest:
                pieces[current].append(rest)
        elif line.strip():
            if current is None:
                raise ValueError("text before the first label")
            pieces[current].append(line.strip())
    parts = {k: " ".join(pieces.get(k, [])) for k in keys}
    return parts, [k for k in keys if not parts[k]]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_story = "S: Nightly training jobs failed twice a week.\nT: I owned the pipeline.\n**Action:** I added retries\nwith backoff.\nResult: 0 failures in 6 weeks."
assert type(split_star(_story)) is tuple, "return the tuple (parts, missing)"
_parts, _missing = split_star(_story)
assert type(_parts) is dict, "parts is a dict"
assert _parts == {"situation": "Nightly training jobs failed twice a week.", "task": "I owned the pipeline.", "action": "I added retries with backoff.", "result": "0 failures in 6 weeks."}, f"got {_parts}"
assert list(_parts) == ["situation", "task", "action", "result"], "keys in STAR order"
assert _missing == [] and type(_missing) is list, "nothing missing: an empty list"

# %% course={"kind": "test", "points": 1}
_parts, _missing = split_star("  ## situation :  Disk filled up\n\n  RESULT:   **Freed 40 GB**  ")
assert _parts == {"situation": "Disk filled up", "task": "", "action": "", "result": "Freed 40 GB"}, f"labels in any case, with spaces, '#' and '*': got {_parts}"
assert _missing == ["task", "action"], f"missing parts in STAR order: got {_missing}"
### BEGIN HIDDEN TESTS
_parts, _missing = split_star("r: it worked\ns: a\nt: b\n\nA: c")
assert list(_parts.items()) == [("situation", "a"), ("task", "b"), ("action", "c"), ("result", "it worked")]
assert _missing == []
_parts, _missing = split_star("")
assert _parts == {"situation": "", "task": "", "action": "", "result": ""} and _missing == ["situation", "task", "action", "result"]
_parts, _missing = split_star("A: I paged the owner\nAt 3 am: the pager went off\nActions: none")
assert _parts["action"] == "I paged the owner At 3 am: the pager went off Actions: none", _parts
assert _missing == ["situation", "task", "result"]
_parts, _missing = split_star("Task:\n  I had to cut costs  \n\tby 30 %\nResult: Saved 12 k€/month: a win")
assert _parts["task"] == "I had to cut costs by 30 %" and _parts["result"] == "Saved 12 k€/month: a win", _parts
assert _missing == ["situation", "action"]
_parts, _missing = split_star("Situation:\nResult: done")
assert _parts["situation"] == "" and _missing == ["situation", "task", "action"]
_parts, _missing = split_star("* Situation *: café down\nÉtat: bad")
assert _parts["situation"] == "café down État: bad"
assert split_star("  \t\nS: a\n   \nb")[0]["situation"] == "a b"  # whitespace-only lines are blank
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for _bad in ("We had an outage.\nS: prod", "S: one\nT: two\ns: three", "Action: a\nACTION: b"):
    try:
        split_star(_bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"split_star({_bad!r}) must raise ValueError")

# %% course={"kind": "wrong", "id": "case-sensitive", "fails": ["t2", "t3"]}
def split_star(text: str) -> tuple[dict[str, str], list[str]]:
    keys = ("situation", "task", "action", "result")
    label = re.compile(r"^[\s#*]*(Situation|Task|Action|Result|S|T|A|R)[\s*]*:(.*)$")
    pieces: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        m = label.match(line)
        if m:
            current = next(k for k in keys if k[0] == m.group(1)[0].lower())
            if current in pieces:
                raise ValueError(f"{current} is labelled twice")
            pieces[current] = []
            rest = m.group(2).strip(" *\t")
            if rest:
                pieces[current].append(rest)
        elif line.strip():
            if current is None:
                raise ValueError("text before the first label")
            pieces[current].append(line.strip())
    parts = {k: " ".join(pieces.get(k, [])) for k in keys}
    return parts, [k for k in keys if not parts[k]]

# %% course={"kind": "wrong", "id": "first-line-only", "fails": ["t1", "t2"]}
def split_star(text: str) -> tuple[dict[str, str], list[str]]:
    keys = ("situation", "task", "action", "result")
    label = re.compile(r"^[\s#*]*(situation|task|action|result|s|t|a|r)[\s*]*:(.*)$", re.IGNORECASE)
    parts = {k: "" for k in keys}
    seen = set()
    started = False
    for line in text.splitlines():
        m = label.match(line)
        if m:
            key = next(k for k in keys if k[0] == m.group(1)[0].lower())
            if key in seen:
                raise ValueError("labelled twice")
            seen.add(key)
            started = True
            parts[key] = m.group(2).strip(" *\t")
        elif line.strip() and not started:
            raise ValueError("text before the first label")
    return parts, [k for k in keys if not parts[k]]

# %% course={"kind": "wrong", "id": "order-of-appearance", "fails": ["t2"]}
def split_star(text: str) -> tuple[dict[str, str], list[str]]:
    keys = ("situation", "task", "action", "result")
    label = re.compile(r"^[\s#*]*(situation|task|action|result|s|t|a|r)[\s*]*:(.*)$", re.IGNORECASE)
    pieces: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        m = label.match(line)
        if m:
            current = next(k for k in keys if k[0] == m.group(1)[0].lower())
            if current in pieces:
                raise ValueError(f"{current} is labelled twice")
            pieces[current] = []
            rest = m.group(2).strip(" *\t")
            if rest:
                pieces[current].append(rest)
        elif line.strip():
            if current is None:
                raise ValueError("text before the first label")
            pieces[current].append(line.strip())
    parts = {k: " ".join(v) for k, v in pieces.items()}
    for k in keys:
        parts.setdefault(k, "")
    return parts, [k for k in parts if not parts[k]]

# %% [markdown] course={"kind": "exercise", "id": "i-and-we"}
# ### "I" or "we"?
#
# Interviewers want to hear your part. Write `count_i_we(text)` returning the `tuple` `(i_count, we_count)`:
#
# - words are runs of letters, digits, `_`, apostrophes (`'` or `’`) and hyphens, so `us-east-1` is one word
#   (a region, not "us") and `I’m` is one word;
# - "I" words, in any case: `i`, `i'm`, `i've`, `i'd`, `i'll`, `me`, `my`, `myself` (with either apostrophe);
#   "we" words: `we`, `we're`, `we've`, `we'd`, `we'll`, `us`, `our`, `ours`, `ourselves`;
# - anything between double quotes (`"..."` or `“...”`) is someone else speaking and is not counted.
#
# ```python
# count_i_we('I rolled back; our lead said "we should wait" and we did.')  # (1, 2): I / our, we (not the quote)
# ```

# %% [markdown] course={"kind": "hint"}
# Remove the quoted text first: `re.sub(r'"[^"]*"|“[^”]*”', " ", text)`. Then find the words with
# `re.findall(r"[\w'’-]+", ...)`.

# %% [markdown] course={"kind": "hint"}
# Lower-case each word and turn `’` into `'` before you look it up in two sets. Counting with `str.count("we")` also
# counts "weekly" and "answer".

# %% course={"kind": "solution"}
def count_i_we(text: str) -> tuple[int, int]:
    ### BEGIN SOLUTION
    i_words = {"i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself"}
    we_words = {"we", "we're", "we've", "we'd", "we'll", "us", "our", "ours", "ourselves"}
    unquoted = re.sub(r'"[^"]*"|“[^”]*”', " ", text)
    words = [w.lower().replace("’", "'") for w in re.findall(r"[\w'’-]+", unquoted)]
    return sum(w in i_words for w in words), sum(w in we_words for w in words)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert count_i_we('I rolled back; our lead said "we should wait" and we did.') == (1, 2), "the quoted 'we' is not yours"
assert count_i_we("We migrated. We tested. I watched.") == (1, 2), "case does not matter"
assert type(count_i_we("I")) is tuple, "return a tuple"

# %% course={"kind": "test", "points": 1}
assert count_i_we("Weekly answers were sweet.") == (0, 0), "'we' inside another word does not count"
assert count_i_we("I moved us-east-1 to us-west-2 myself") == (2, 0), "us-east-1 is a region: one word, not 'us'"
assert count_i_we("I’m sure I'd do it; my call.") == (3, 0), "I’m (curly apostrophe), I'd and my are all 'I' words"
### BEGIN HIDDEN TESTS
assert count_i_we("") == (0, 0)
assert count_i_we("“We will never do that” she said, so I did it.") == (1, 0)
assert count_i_we('"I" "we"') == (0, 0)
assert count_i_we("we're WE’VE We'd we'll US Our ours ourselves") == (0, 8)
assert count_i_we("i i'M i've I’D i'll ME My MYSELF") == (8, 0)
assert count_i_we("Give it to me, not to us: it's mine and it's theirs.") == (1, 1)
assert count_i_we("iPhone Ireland wedding usage ourselvesX") == (0, 0)
assert count_i_we("I said \"ok\" and we said \"no\" and I left") == (2, 1)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "quotes-counted", "fails": ["t1", "t2"]}
def count_i_we(text: str) -> tuple[int, int]:
    i_words = {"i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself"}
    we_words = {"we", "we're", "we've", "we'd", "we'll", "us", "our", "ours", "ourselves"}
    words = [w.lower().replace("’", "'") for w in re.findall(r"[\w'’-]+", text)]
    return sum(w in i_words for w in words), sum(w in we_words for w in words)

# %% course={"kind": "wrong", "id": "letters-only-words", "fails": ["t2"]}
def count_i_we(text: str) -> tuple[int, int]:
    i_words = {"i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself"}
    we_words = {"we", "we're", "we've", "we'd", "we'll", "us", "our", "ours", "ourselves"}
    unquoted = re.sub(r'"[^"]*"|“[^”]*”', " ", text)
    words = [w.lower() for w in re.findall(r"[A-Za-z']+", unquoted)]
    return sum(w in i_words for w in words), sum(w in we_words for w in words)

# %% course={"kind": "wrong", "id": "substring-count", "fails": ["t2"]}
def count_i_we(text: str) -> tuple[int, int]:
    unquoted = re.sub(r'"[^"]*"|“[^”]*”', " ", text).lower()
    return len(re.findall(r"\bi\b|\bmy|\bme\b", unquoted)), unquoted.count("we") + unquoted.count("our") + len(re.findall(r"\bus\b", unquoted))

# %% [markdown] course={"kind": "exercise", "id": "measurable-result"}
# ### Is the result measurable?
#
# "It went well" is not a result; "p95 went from 900 to 120 ms" is. Write `has_measurable_result(text)` returning
# `True` when the text has at least one of:
#
# - a **number with a unit**: a number (digits, with optional `.` or `,` groups: `3`, `1,200`, `4.5`) that does not
#   follow a letter, digit or `.` (so `k8s`, `p95` and `v2` are names, not numbers), then optional spaces, then
#   `%`, `×` or a word (letters only) that, lower-cased, is in `UNITS` (given), such as `40%`, `3x`, `12 ms`;
# - **money**: such a number right after `$`, `€` or `£` (`$1,200`);
# - a **before/after**: `from <number> to <number>` (any case, each number possibly glued to a unit such as
#   `900ms`), unless both numbers are years (four digits starting `19` or `20`: `from 2022 to 2024` is a date range).
#
# Otherwise `False`. Dates are not results: `in 2023`, `on 3 March`, `Q3` have no unit from the list.
#
# ```python
# has_measurable_result("Deploys went from 90 to 18 minutes.")  # True
# has_measurable_result("Shipped in March 2024; everyone was happy.")  # False
# ```

# %% [markdown] course={"kind": "hint"}
# Two regular expressions and two loops. For numbers with units:
# `(?<![\w.])([$€£]?)(\d+(?:[.,]\d+)*)\s*(%|×|[^\W\d_]+)?`: group 1 is the currency sign, group 3 the unit.

# %% [markdown] course={"kind": "hint"}
# For before/after: `\bfrom\s+[$€£]?(\d+(?:[.,]\d+)*)\S*\s+to\s+[$€£]?(\d+(?:[.,]\d+)*)` with `re.IGNORECASE`,
# and `re.fullmatch(r"(19|20)\d\d", number)` tells a year.

# %% course={"kind": "solution"}
UNITS = frozenset(
    {"x", "ms", "s", "sec", "seconds", "min", "minutes", "h", "hours", "days", "weeks", "months", "kb", "mb", "gb",
     "tb", "k", "rps", "qps", "users", "engineers", "services", "incidents", "alerts", "pages", "deploys"}
)  # fmt: skip


def has_measurable_result(text: str) -> bool:
    ### BEGIN SOLUTION
    number = r"(\d+(?:[.,]\d+)*)"
    for m in re.finditer(r"(?<![\w.])([$€£]?)" + number + r"\s*(%|×|[^\W\d_]+)?", text):
        unit = (m.group(3) or "").lower()
        if m.group(1) or unit in UNITS or unit in ("%", "×"):
            return True
    before_after = r"\bfrom\s+[$€£]?" + number + r"\S*\s+to\s+[$€£]?" + number
    for m in re.finditer(before_after, text, re.IGNORECASE):
        if not all(re.fullmatch(r"(19|20)\d\d", n) for n in m.groups()):
            return True
    return False
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert has_measurable_result("Deploys went from 90 to 18 minutes.") is True, "a before/after with a unit"
assert has_measurable_result("Shipped in March 2024; everyone was happy.") is False, "a date is not a result"
assert has_measurable_result("It went well and the team was happy.") is False, "no number at all"
assert has_measurable_result("Cut the bill by 40% in a quarter.") is True, "a percentage"

# %% course={"kind": "test", "points": 1}
assert has_measurable_result("We moved everything to k8s on 3 March, in Q3 of 2023.") is False, "k8s, 3 March, Q3 and 2023 are names and dates"
assert has_measurable_result("Latency: 12 MS at p95") is True, "units in any case"
assert has_measurable_result("Saved $1,200 a month") is True, "money counts"
assert has_measurable_result("In 2023 we cut the bill by 40%.") is True, "look at every number, not only the first"
### BEGIN HIDDEN TESTS
assert has_measurable_result("") is False
assert has_measurable_result("p95 improved a lot") is False
assert has_measurable_result("3x faster builds") is True
assert has_measurable_result("3 × faster builds") is True
assert has_measurable_result("40 % fewer pages") is True
assert has_measurable_result("cost €300") is True and has_measurable_result("cost £3") is True
assert has_measurable_result("v2.5 hours later") is False  # '5' follows '.', so v2.5 is a version
assert has_measurable_result("took 4.5 hours") is True
assert has_measurable_result("served 1,200 RPS") is True
assert has_measurable_result("we had 12 meetings") is False
assert has_measurable_result("Release 2024-03-01 went out") is False
assert has_measurable_result("at 3 pm") is False
assert has_measurable_result("down to 0 incidents") is True
assert has_measurable_result("cut 2 seconds") is True and has_measurable_result("2s") is True
assert has_measurable_result("rolled out in 3 stages") is False  # 'stages' starts with 's' but is not in UNITS
assert has_measurable_result("in 3 sprints, 2 teams and 4 hosts") is False
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert has_measurable_result("From 2022 to 2024 I ran the platform.") is False, "a range of years is a date, not a before/after"
assert has_measurable_result("Error rate went from 5 to 1 per day.") is True, "before/after numbers, even with no unit from the list"
### BEGIN HIDDEN TESTS
assert has_measurable_result("FROM 900ms TO 120ms") is True
assert has_measurable_result("Errors went FROM 5 TO 1 a day") is True
assert has_measurable_result("From 2022 to 2024, errors went from 5 to 1 a day") is True
assert has_measurable_result("from 1899 to 2000 rows") is True  # 1899 is not a year by our rule
assert has_measurable_result("from 2000 to 2100 rows") is True
assert has_measurable_result("from 1900 to 2099.") is False
assert has_measurable_result("from 1,900 to 2,000 nodes") is True
assert has_measurable_result("from v2 to v3") is False
assert has_measurable_result("from $40 to $25 per node") is True
assert has_measurable_result("from 2023 to 40 nodes") is True
assert has_measurable_result("from 9 toward 2") is False
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "any-digit", "fails": ["t1", "t2", "t3"]}
UNITS = frozenset(
    {"x", "ms", "s", "sec", "seconds", "min", "minutes", "h", "hours", "days", "weeks", "months", "kb", "mb", "gb",
     "tb", "k", "rps", "qps", "users", "engineers", "services", "incidents", "alerts", "pages", "deploys"}
)  # fmt: skip


def has_measurable_result(text: str) -> bool:
    return re.search(r"\d", text) is not None

# %% course={"kind": "wrong", "id": "years-as-before-after", "fails": ["t3"]}
UNITS = frozenset(
    {"x", "ms", "s", "sec", "seconds", "min", "minutes", "h", "hours", "days", "weeks", "months", "kb", "mb", "gb",
     "tb", "k", "rps", "qps", "users", "engineers", "services", "incidents", "alerts", "pages", "deploys"}
)  # fmt: skip


def has_measurable_result(text: str) -> bool:
    number = r"(\d+(?:[.,]\d+)*)"
    for m in re.finditer(r"(?<![\w.])([$€£]?)" + number + r"\s*(%|×|[^\W\d_]+)?", text):
        unit = (m.group(3) or "").lower()
        if m.group(1) or unit in UNITS or unit in ("%", "×"):
            return True
    return re.search(r"\bfrom\s+\S*\d\S*\s+to\s+\S*\d", text, re.IGNORECASE) is not None

# %% course={"kind": "wrong", "id": "no-lookbehind", "fails": ["t2"]}
UNITS = frozenset(
    {"x", "ms", "s", "sec", "seconds", "min", "minutes", "h", "hours", "days", "weeks", "months", "kb", "mb", "gb",
     "tb", "k", "rps", "qps", "users", "engineers", "services", "incidents", "alerts", "pages", "deploys"}
)  # fmt: skip


def has_measurable_result(text: str) -> bool:
    number = r"(\d+(?:[.,]\d+)*)"
    for m in re.finditer(r"([$€£]?)" + number + r"\s*(%|×|[^\W\d_]+)?", text):
        unit = (m.group(3) or "").lower()
        if m.group(1) or unit in UNITS or unit in ("%", "×"):
            return True
    before_after = r"\bfrom\s+[$€£]?" + number + r"\S*\s+to\s+[$€£]?" + number
    for m in re.finditer(before_after, text, re.IGNORECASE):
        if not all(re.fullmatch(r"(19|20)\d\d", n) for n in m.groups()):
            return True
    return False

# %% course={"kind": "wrong", "id": "first-number-only", "fails": ["t2", "t3"]}
UNITS = frozenset(
    {"x", "ms", "s", "sec", "seconds", "min", "minutes", "h", "hours", "days", "weeks", "months", "kb", "mb", "gb",
     "tb", "k", "rps", "qps", "users", "engineers", "services", "incidents", "alerts", "pages", "deploys"}
)  # fmt: skip


def has_measurable_result(text: str) -> bool:
    number = r"(\d+(?:[.,]\d+)*)"
    m = re.search(r"(?<![\w.])([$€£]?)" + number + r"\s*(%|×|[^\W\d_]+)?", text)
    if m and (m.group(1) or (m.group(3) or "").lower() in UNITS | {"%", "×"}):
        return True
    m = re.search(r"\bfrom\s+[$€£]?" + number + r"\S*\s+to\s+[$€£]?" + number, text, re.IGNORECASE)
    return bool(m) and not all(re.fullmatch(r"(19|20)\d\d", n) for n in m.groups())

# %% [markdown] course={"kind": "exercise", "id": "star-report"}
# ### A STAR draft's report card
#
# Write `star_report(parts, wpm=150, limit_seconds=120)`: `parts` maps `"situation"`, `"task"`, `"action"`,
# `"result"` to text (as `split_star` returns; a key may also be absent). Return a `list` of flags, in this order,
# each at most once:
#
# 1. `"missing-situation"`, `"missing-task"`, `"missing-action"`, `"missing-result"`: the part is absent, empty or
#    only whitespace;
# 2. `"no-i-in-action"`: the action is present but has no word `I` (nor `I'm`, `I've`, `I'd`, `I'll`, with `'` or
#    `’`; any case): words are runs of letters, digits, `_` and apostrophes, so `It` and `In` are not `I`;
# 3. `"vague-result"`: the result is present but has no digit at all ("it went well");
# 4. `"too-long"`: saying all four parts (whitespace-separated words) at `wpm` takes **more** than `limit_seconds`.
#
# A good story gets `[]`. Do not change `parts`.
#
# ```python
# star_report({"situation": "Builds took 40 min.", "task": "Make them faster.",
#              "action": "We added a cache.", "result": "It went well."})
# # ['no-i-in-action', 'vague-result']
# ```

# %% [markdown] course={"kind": "hint"}
# `parts.get(key, "").strip()` handles an absent key, an empty text and whitespace in one go.

# %% [markdown] course={"kind": "hint"}
# Too long means `words * 60 > limit_seconds * wpm`: exactly at the limit is still fine. For "I", lower-case the
# words found by `re.findall(r"[\w'’]+", action)` and look for `i`, `i'm`, `i've`, `i'd`, `i'll` (after turning `’`
# into `'`).

# %% course={"kind": "solution"}
def star_report(parts: dict[str, str], wpm: int = 150, limit_seconds: int = 120) -> list[str]:
    ### BEGIN SOLUTION
    keys = ("situation", "task", "action", "result")
    text = {k: parts.get(k, "").strip() for k in keys}
    flags = [f"missing-{k}" for k in keys if not text[k]]
    i_forms = {"i", "i'm", "i've", "i'd", "i'll"}
    words = {w.lower().replace("’", "'") for w in re.findall(r"[\w'’]+", text["action"])}
    if text["action"] and not words & i_forms:
        flags.append("no-i-in-action")
    if text["result"] and not re.search(r"\d", text["result"]):
        flags.append("vague-result")
    total = sum(len(text[k].split()) for k in keys)
    if total * 60 > limit_seconds * wpm:
        flags.append("too-long")
    return flags
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_draft = {"situation": "Builds took 40 min.", "task": "Make them faster.", "action": "We added a cache.", "result": "It went well."}
assert star_report(_draft) == ["no-i-in-action", "vague-result"], f"got {star_report(_draft)}"
_good = {"situation": "Builds took 40 min.", "task": "I owned CI.", "action": "I added a cache.", "result": "Builds take 6 min."}
assert star_report(_good) == [], "a good story has no flags"
_copy = dict(_draft)
star_report(_draft)
_sparse = {"action": "  I did it  ", "result": "\t2 fewer pages\n"}
star_report(_sparse)
assert _draft == _copy and _sparse == {"action": "  I did it  ", "result": "\t2 fewer pages\n"}, "star_report must not change parts (no stripping in place, no keys added)"

# %% course={"kind": "test", "points": 1}
assert star_report({"situation": "x 1", "task": "  \n", "action": "It was me? In fact I did it", "result": "1"}) == ["missing-task"], "whitespace is missing; 'I' found after It and In"
assert star_report({"action": "In the end it was done.", "result": "2 fewer pages"}) == ["missing-situation", "missing-task", "no-i-in-action"], "absent keys are missing; 'It'/'In' are not 'I'"
### BEGIN HIDDEN TESTS
assert star_report({}) == ["missing-situation", "missing-task", "missing-action", "missing-result"]
assert star_report({"situation": "s", "task": "t", "action": "i’ll fix it", "result": "r"}) == ["vague-result"]
assert star_report({"situation": "s", "task": "t", "action": "I'M on it", "result": "0"}) == []
assert star_report({"situation": "s", "task": "t", "action": "Ivan did it, then me", "result": "9"}) == ["no-i-in-action"]
assert star_report({"situation": "s", "task": "t", "action": "I've", "result": "It went well"}) == ["vague-result"]
assert star_report({"situation": "s", "task": "t", "action": "i'd", "result": " 3 "}) == []
assert star_report({"situation": "s", "task": "t", "action": "I did", "result": "p95 at 120ms, was 900ms"}) == []  # digits inside words count
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
_long = {"situation": "word " * 100, "task": "word " * 50, "action": "I " * 100, "result": "5 " * 50}
assert star_report(_long) == [], "exactly 300 words at 150 wpm is exactly 120 s: not too long"
_long["result"] += " more"
assert star_report(_long) == ["too-long"], "301 words at 150 wpm is over two minutes"
### BEGIN HIDDEN TESTS
assert star_report(_long, wpm=151) == []
assert star_report(_long, limit_seconds=121) == []
assert star_report({"situation": "a b", "task": "c", "action": "I", "result": "1"}, wpm=60, limit_seconds=5) == []
assert star_report({"situation": "a b", "task": "c d", "action": "I", "result": "1"}, wpm=60, limit_seconds=5) == ["too-long"]
assert star_report({"situation": "a", "task": "b", "action": "I", "result": "1 2 3 4 5 6 7"}, wpm=60, limit_seconds=9) == ["too-long"]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "substring-i", "fails": ["t2"]}
def star_report(parts: dict[str, str], wpm: int = 150, limit_seconds: int = 120) -> list[str]:
    keys = ("situation", "task", "action", "result")
    text = {k: parts.get(k, "").strip() for k in keys}
    flags = [f"missing-{k}" for k in keys if not text[k]]
    if text["action"] and "I" not in text["action"]:
        flags.append("no-i-in-action")
    if text["result"] and not re.search(r"\d", text["result"]):
        flags.append("vague-result")
    total = sum(len(text[k].split()) for k in keys)
    if total * 60 > limit_seconds * wpm:
        flags.append("too-long")
    return flags

# %% course={"kind": "wrong", "id": "limit-inclusive", "fails": ["t3"]}
def star_report(parts: dict[str, str], wpm: int = 150, limit_seconds: int = 120) -> list[str]:
    keys = ("situation", "task", "action", "result")
    text = {k: parts.get(k, "").strip() for k in keys}
    flags = [f"missing-{k}" for k in keys if not text[k]]
    i_forms = {"i", "i'm", "i've", "i'd", "i'll"}
    words = {w.lower().replace("’", "'") for w in re.findall(r"[\w'’]+", text["action"])}
    if text["action"] and not words & i_forms:
        flags.append("no-i-in-action")
    if text["result"] and not re.search(r"\d", text["result"]):
        flags.append("vague-result")
    total = sum(len(text[k].split()) for k in keys)
    if total / wpm * 60 >= limit_seconds:
        flags.append("too-long")
    return flags

# %% course={"kind": "wrong", "id": "whitespace-present", "fails": ["t2"]}
def star_report(parts: dict[str, str], wpm: int = 150, limit_seconds: int = 120) -> list[str]:
    keys = ("situation", "task", "action", "result")
    flags = [f"missing-{k}" for k in keys if not parts.get(k)]
    i_forms = {"i", "i'm", "i've", "i'd", "i'll"}
    action, result = parts.get("action", ""), parts.get("result", "")
    words = {w.lower().replace("’", "'") for w in re.findall(r"[\w'’]+", action)}
    if action and not words & i_forms:
        flags.append("no-i-in-action")
    if result and not re.search(r"\d", result):
        flags.append("vague-result")
    total = sum(len(parts.get(k, "").split()) for k in keys)
    if total * 60 > limit_seconds * wpm:
        flags.append("too-long")
    return flags

# %% course={"kind": "wrong", "id": "strips-in-place", "fails": ["t1"]}
def star_report(parts: dict[str, str], wpm: int = 150, limit_seconds: int = 120) -> list[str]:
    keys = ("situation", "task", "action", "result")
    for k in keys:
        parts[k] = parts.get(k, "").strip()
    flags = [f"missing-{k}" for k in keys if not parts[k]]
    words = {w.lower().replace("’", "'") for w in re.findall(r"[\w'’]+", parts["action"])}
    if parts["action"] and not words & {"i", "i'm", "i've", "i'd", "i'll"}:
        flags.append("no-i-in-action")
    if parts["result"] and not re.search(r"\d", parts["result"]):
        flags.append("vague-result")
    if sum(len(parts[k].split()) for k in keys) * 60 > limit_seconds * wpm:
        flags.append("too-long")
    return flags

# %% [markdown] course={"kind": "exercise", "id": "question-theme"}
# ### Which story does this question want?
#
# Interviewers phrase the same question many ways. Write `question_theme(question)`: split the question into words
# (runs of letters, digits, `_`, `'` and `-`, lower-cased, so `cross-team` is one word and `yourself?` is
# `yourself`), then return the **first** theme of `THEME_WORDS` (given in the setup cell, in its order) that has one
# of its words among the question's words; `"general"` when none does.
#
# ```python
# question_theme("Tell me about a time you disagreed with your manager.")  # 'conflict'
# question_theme("Describe a failure on a project you led.")  # 'failure': it comes before 'leadership'
# ```

# %% [markdown] course={"kind": "hint"}
# Make a `set` of the question's words with `re.findall(r"[\w'-]+", question.lower())`, then loop over
# `THEME_WORDS` in order and return at the first theme whose words meet the set.

# %% [markdown] course={"kind": "hint"}
# `"fail" in question` is a substring test: it is true for "failover" and "led" is inside "called". Compare whole
# words only.

# %% course={"kind": "solution"}
def question_theme(question: str) -> str:
    ### BEGIN SOLUTION
    words = set(re.findall(r"[\w'-]+", question.lower()))
    for theme, theme_words in THEME_WORDS:
        if words.intersection(theme_words):
            return theme
    return "general"
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert question_theme("Tell me about a time you disagreed with your manager.") == "conflict", "disagreed is a conflict word"
assert question_theme("Describe a failure on a project you led.") == "failure", "failure comes first in THEME_WORDS"
assert question_theme("Tell me about yourself.") == "introduction", "punctuation is not part of a word"
assert question_theme("What is your favourite editor?") == "general", "no theme word: general"

# %% course={"kind": "test", "points": 1}
assert question_theme("Tell me about a failover you designed.") == "general", "failover is not the word fail"
assert question_theme("Who called the incident, and how did it go?") == "general", "'led' inside 'called' does not count"
assert question_theme("WHY do you want this role?") == "motivation", "any case"
### BEGIN HIDDEN TESTS
assert question_theme("") == "general"
assert question_theme("How did you lead a cross-team migration?") == "leadership"
assert question_theme("Describe a cross-team project.") == "collaboration"
assert question_theme("Describe a cross team project.") == "general"
assert question_theme("What did you automate? Why?") == "innovation"
assert question_theme("How do you prioritise when the brief is vague?") == "ambiguity"
assert question_theme("Why did you mentor, and what did you improve?") == "leadership"
assert question_theme("Tell me about your biggest regret, the conflict, the mentor.") == "failure"
assert question_theme("deadlines, deadlines, deadlines and one idea") == "prioritisation"
assert question_theme("Mistakes? Conflicts?") == "failure"
assert question_theme("Naïve question: why?") == "motivation"
assert question_theme("When did things go wrong (a real failure)?") == "failure"
assert question_theme("Tell me about a vague/unclear brief") == "ambiguity"
assert question_theme("how did stakeholders react to the improvement") == "collaboration"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "substring-match", "fails": ["t2"]}
def question_theme(question: str) -> str:
    lowered = question.lower()
    for theme, theme_words in THEME_WORDS:
        if any(w in lowered for w in theme_words):
            return theme
    return "general"

# %% course={"kind": "wrong", "id": "most-hits", "fails": ["t1", "t2"]}
def question_theme(question: str) -> str:
    words = re.findall(r"[\w'-]+", question.lower())
    hits = {theme: sum(w in theme_words for w in words) for theme, theme_words in THEME_WORDS}
    best = max(hits, key=lambda t: (hits[t], t))
    return best if hits[best] else "general"

# %% course={"kind": "wrong", "id": "split-on-spaces", "fails": ["t1", "t2"]}
def question_theme(question: str) -> str:
    words = set(question.lower().split())
    for theme, theme_words in THEME_WORDS:
        if words.intersection(theme_words):
            return theme
    return "general"

# %% course={"kind": "wrong", "id": "strip-punctuation", "fails": ["t2"]}
def question_theme(question: str) -> str:
    words = {w.strip("?.,!;:") for w in question.lower().split()}
    for theme, theme_words in THEME_WORDS:
        if words.intersection(theme_words):
            return theme
    return "general"

# %% [markdown] course={"kind": "exercise", "id": "story-bank", "timeout": 20}
# ### The smallest story bank
#
# You cannot prepare twenty stories; you can prepare five that each answer several questions. Write
# `plan_story_bank(stories, themes)`: `stories` maps a story's name to the list of themes it can answer, `themes`
# lists the themes you must cover (duplicates allowed). Return the **fewest** story names that together cover every
# theme, as a `list` sorted by name (Python's string order, `sorted()`). When several choices are equally small, return the one whose sorted list of
# names comes first (compare the lists). Raise `ValueError` if some theme is answered by no story. Do not change
# `stories`. An exact search is fine: you will have at most a dozen stories.
#
# ```python
# plan_story_bank({"outage": ["failure", "pressure"], "k8s-migration": ["leadership", "conflict", "pressure"],
#                  "mentoring": ["leadership"]}, ["failure", "leadership", "conflict"])
# # ['k8s-migration', 'outage']
# ```

# %% [markdown] course={"kind": "hint"}
# Try every combination of 0 stories, then 1, then 2... and stop at the first size where one covers the themes:
# `itertools.combinations(sorted(stories), size)`.

# %% [markdown] course={"kind": "hint"}
# Picking the story that covers the most uncovered themes first (greedy) is quick but not always the fewest: with
# themes 1–6, A = {1, 2, 3, 4}, B = {1, 2, 5}, C = {3, 4, 6}, greedy takes A, B, C; B and C are enough.
# `combinations` of a sorted list come out in sorted order, so the first cover you meet also wins the tie.

# %% course={"kind": "solution", "equivalent": {"m-b62bcd7a": "the ValueError check guarantees all names cover the themes, so the loop returns by size len(names)", "m-547ef1a2": "unreachable: the ValueError check guarantees the loop returns"}}
def plan_story_bank(stories: dict[str, list[str]], themes: list[str]) -> list[str]:
    ### BEGIN SOLUTION
    needed = set(themes)
    answerable = set().union(*stories.values())
    if needed - answerable:
        raise ValueError(f"no story answers {sorted(needed - answerable)}")
    names = sorted(stories)
    for size in range(len(names) + 1):
        for combo in itertools.combinations(names, size):
            covered = set().union(*(stories[n] for n in combo))
            if needed <= covered:
                return list(combo)
    raise AssertionError("unreachable: every theme is answerable")
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_bank = {"outage": ["failure", "pressure"], "k8s-migration": ["leadership", "conflict", "pressure"], "mentoring": ["leadership"]}
assert plan_story_bank(_bank, ["failure", "leadership", "conflict"]) == ["k8s-migration", "outage"], "two stories cover all three"
assert plan_story_bank(_bank, ["leadership"]) == ["k8s-migration"], "one story is enough; k8s-migration sorts before mentoring"
assert plan_story_bank(_bank, []) == [], "nothing to cover: no stories"

# %% course={"kind": "test", "points": 2}
_greedy_trap = {"A": ["1", "2", "3", "4"], "B": ["1", "2", "5"], "C": ["3", "4", "6"]}
assert plan_story_bank(_greedy_trap, ["1", "2", "3", "4", "5", "6"]) == ["B", "C"], "B and C cover 1-6; greedy takes A first and needs three"
_ties = {"zeta": ["x", "y"], "alpha": ["x"], "beta": ["y"], "gamma": ["x", "y"]}
assert plan_story_bank(_ties, ["x", "y"]) == ["gamma"], "zeta and gamma both cover x and y alone: gamma sorts first"
### BEGIN HIDDEN TESTS
_all = {"s1": ["a"], "s2": ["b"], "s3": ["c"], "s4": ["d"]}
assert plan_story_bank(_all, ["d", "c", "b", "a", "a"]) == ["s1", "s2", "s3", "s4"]
assert plan_story_bank({"only": ["t"]}, ["t", "t"]) == ["only"]
assert plan_story_bank({"b": ["x"], "a": ["x"], "c": []}, ["x"]) == ["a"]
assert plan_story_bank({"Ünï": ["u"], "zed": ["u", "v"], "Zed": ["v"]}, ["u", "v"]) == ["zed"]
assert plan_story_bank({"Ünï": ["u", "v"], "zed": ["u", "v"]}, ["v"]) == ["zed"]  # 'z' sorts before 'Ü'
assert plan_story_bank({"b": ["x"], "B": ["x"]}, ["x"]) == ["B"]  # Python's order: capitals first
assert plan_story_bank({"p": ["1", "2"], "q": ["3"], "r": ["2", "3"], "s": ["1"]}, ["1", "2", "3"]) == ["p", "q"]
_big = {f"story{i:02d}": [f"t{i}", f"t{(i + 1) % 12}"] for i in range(12)}
assert plan_story_bank(_big, [f"t{i}" for i in range(12)]) == [f"story{i:02d}" for i in range(0, 12, 2)]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
try:
    plan_story_bank({"outage": ["failure"]}, ["failure", "mentoring"])
except ValueError:
    pass
else:
    raise AssertionError("no story answers 'mentoring': raise ValueError")
_bank = {"b": ["x", "y"], "a": ["y"]}
_before = {k: list(v) for k, v in _bank.items()}
assert plan_story_bank(_bank, ["y"]) == ["a"] and _bank == _before and list(_bank) == ["b", "a"], "stories must not change"
### BEGIN HIDDEN TESTS
try:
    plan_story_bank({}, ["x"])
except ValueError:
    pass
else:
    raise AssertionError("no stories at all")
assert plan_story_bank({}, []) == []
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "greedy", "fails": ["t2"]}
def plan_story_bank(stories: dict[str, list[str]], themes: list[str]) -> list[str]:
    needed = set(themes)
    chosen: list[str] = []
    while needed:
        best = max(sorted(stories), key=lambda n: len(needed & set(stories[n])))
        if not needed & set(stories[best]):
            raise ValueError(f"no story answers {sorted(needed)}")
        chosen.append(best)
        needed -= set(stories[best])
    return sorted(chosen)

# %% course={"kind": "wrong", "id": "unsorted-names", "fails": ["t1", "t2", "t3"]}
def plan_story_bank(stories: dict[str, list[str]], themes: list[str]) -> list[str]:
    needed = set(themes)
    answerable = set().union(*stories.values())
    if needed - answerable:
        raise ValueError(f"no story answers {sorted(needed - answerable)}")
    names = list(stories)
    for size in range(len(names) + 1):
        for combo in itertools.combinations(names, size):
            covered = set().union(*(stories[n] for n in combo))
            if needed <= covered:
                return list(combo)
    raise AssertionError("unreachable")

# %% course={"kind": "wrong", "id": "no-error", "fails": ["t3"]}
def plan_story_bank(stories: dict[str, list[str]], themes: list[str]) -> list[str]:
    needed = set(themes)
    names = sorted(stories)
    for size in range(len(names) + 1):
        for combo in itertools.combinations(names, size):
            covered = set().union(*(stories[n] for n in combo))
            if needed <= covered:
                return list(combo)
    return names

# %% [markdown] course={"kind": "exercise", "id": "prioritise"}
# ### An answer to "how do you prioritise?", as code
#
# A good answer names a rule and sticks to it. Write `prioritise(work)`: each item is a tuple
# `(name, impact, effort, due_in_days)` with `impact` and `effort` whole numbers from 1 to 5 and `due_in_days` an
# `int` or `None` (no deadline). Return the names in the order you would work on them:
#
# 1. **urgent** items first (`due_in_days <= 2`: overdue items, at 0 or below, are urgent too), earliest deadline
#    first, then by name;
# 2. then everything else, highest `impact / effort` first (2/4 and 1/2 are a tie), then by name.
#
# Raise `ValueError` if an impact or effort is outside 1..5. Do not change `work`.
#
# ```python
# prioritise([("docs", 2, 1, None), ("cert-expiry", 3, 1, 2), ("cost-report", 4, 4, 10), ("flaky-test", 3, 2, None)])
# # ['cert-expiry', 'docs', 'flaky-test', 'cost-report']   (ratios: docs 2, flaky-test 1.5, cost-report 1)
# ```

# %% [markdown] course={"kind": "hint"}
# Split the items into two lists, sort each with its own key, and join them. `fractions.Fraction(impact, effort)`
# compares ratios exactly. With numbers from 1 to 5 the float `impact / effort` happens to be safe too (division
# rounds correctly, so 2/4 and 1/2 give the same float), but `Fraction` says what you mean.

# %% [markdown] course={"kind": "hint"}
# Sort keys: `(due, name)` for urgent items, `(-Fraction(impact, effort), name)` for the rest. A `None` deadline
# is never urgent: test `due is not None and due <= 2` in that order.

# %% course={"kind": "solution"}
from fractions import Fraction


def prioritise(work: list[tuple[str, int, int, int | None]]) -> list[str]:
    ### BEGIN SOLUTION
    for name, impact, effort, _ in work:
        if not (1 <= impact <= 5 and 1 <= effort <= 5):
            raise ValueError(f"{name}: impact and effort must be 1..5")
    urgent = sorted((due, name) for name, _, _, due in work if due is not None and due <= 2)
    rest = sorted((-Fraction(i, e), name) for name, i, e, due in work if due is None or due > 2)
    return [name for _, name in urgent] + [name for _, name in rest]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_work = [("docs", 2, 1, None), ("cert-expiry", 3, 1, 2), ("cost-report", 4, 4, 10), ("flaky-test", 3, 2, None)]
assert prioritise(_work) == ["cert-expiry", "docs", "flaky-test", "cost-report"], f"got {prioritise(_work)}"
assert prioritise([]) == [] and type(prioritise([])) is list, "no work: an empty list"

# %% course={"kind": "test", "points": 1}
assert prioritise([("later", 5, 1, 3), ("soon", 1, 5, 2)]) == ["soon", "later"], "due in 2 days is urgent, due in 3 is not"
assert prioritise([("b", 2, 4, None), ("a", 1, 2, None), ("c", 1, 1, None)]) == ["c", "a", "b"], "2/4 and 1/2 tie exactly: by name"
### BEGIN HIDDEN TESTS
assert prioritise([("z", 1, 5, 0), ("y", 1, 5, 1), ("x", 5, 1, 0)]) == ["x", "z", "y"]
assert prioritise([("z", 1, 5, -1), ("a", 5, 1, 2)]) == ["z", "a"]
assert prioritise([("n", 5, 5, None), ("m", 1, 1, 9)]) == ["m", "n"]
assert prioritise([("low", 1, 3, None), ("high", 3, 1, None), ("mid", 2, 2, None)]) == ["high", "mid", "low"]
assert prioritise([("one", 1, 1, None)]) == ["one"]
assert prioritise([("b", 2, 3, None), ("a", 3, 5, None)]) == ["b", "a"]  # 0.667 > 0.6
assert prioritise([("b", 1, 3, None), ("a", 2, 5, None)]) == ["a", "b"]  # 0.4 > 0.333
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for _bad in [("x", 0, 1, None), ("x", 6, 1, None), ("x", 1, 0, None), ("x", 1, 6, None)]:
    try:
        prioritise([("ok", 1, 1, None), _bad])
    except ValueError:
        pass
    else:
        raise AssertionError(f"{_bad} has impact or effort outside 1..5: raise ValueError")
_work = [("b", 1, 1, None), ("a", 5, 5, 1)]
_before = list(_work)
assert prioritise(_work) == ["a", "b"] and _work == _before, "both ends of 1..5 are fine; work must not change"

# %% course={"kind": "wrong", "id": "impact-only", "fails": ["t1", "t2"]}
from fractions import Fraction


def prioritise(work: list[tuple[str, int, int, int | None]]) -> list[str]:
    for name, impact, effort, _ in work:
        if not (1 <= impact <= 5 and 1 <= effort <= 5):
            raise ValueError(f"{name}: impact and effort must be 1..5")
    urgent = sorted((due, name) for name, _, _, due in work if due is not None and due <= 2)
    rest = sorted((-i, name) for name, i, e, due in work if due is None or due > 2)
    return [name for _, name in urgent] + [name for _, name in rest]

# %% course={"kind": "wrong", "id": "urgent-exclusive", "fails": ["t2"]}
from fractions import Fraction


def prioritise(work: list[tuple[str, int, int, int | None]]) -> list[str]:
    for name, impact, effort, _ in work:
        if not (1 <= impact <= 5 and 1 <= effort <= 5):
            raise ValueError(f"{name}: impact and effort must be 1..5")
    urgent = sorted((due, name) for name, _, _, due in work if due is not None and due < 2)
    rest = sorted((-Fraction(i, e), name) for name, i, e, due in work if due is None or due >= 2)
    return [name for _, name in urgent] + [name for _, name in rest]

# %% course={"kind": "wrong", "id": "sorts-in-place", "fails": ["t3"]}
from fractions import Fraction


def prioritise(work: list[tuple[str, int, int, int | None]]) -> list[str]:
    for name, impact, effort, _ in work:
        if not (1 <= impact <= 5 and 1 <= effort <= 5):
            raise ValueError(f"{name}: impact and effort must be 1..5")
    work.sort(key=lambda w: (w[3] is None or w[3] > 2, w[3] if w[3] is not None and w[3] <= 2 else 0, -Fraction(w[1], w[2]), w[0]))
    return [w[0] for w in work]

# %% [markdown] course={"kind": "exercise", "id": "weak-phrases"}
# ### Find the phrases that weaken a story
#
# Some phrases make your part sound smaller than it was: "I just helped with the migration" hides that you ran it.
# Write `weak_phrases(text)`: split `text` into words (runs of letters, digits, `_`, `'`, `’` and `-`,
# lower-cased), then return a `list` of `(index, phrase)` tuples, one for **every** place where a phrase of `WEAK`
# (given) appears as a run of whole words; `index` is the position of the phrase's first word (0 for the first
# word). Order by `index` (no two phrases of `WEAK` start with the same word, so indexes never tie).
#
# ```python
# weak_phrases("Basically I just helped with the rollout; it was just luck.")
# # [(0, 'basically'), (2, 'just'), (3, 'helped with'), (9, 'just')]
# ```

# %% [markdown] course={"kind": "hint"}
# Split each phrase into its words too, then compare slices: `words[i:i + len(p)] == p` for every start `i`.

# %% [markdown] course={"kind": "hint"}
# `str.find` works on characters, so "just" is found inside "justify" and the index is not a word position; and
# `list.index` finds only the first place.

# %% course={"kind": "solution"}
WEAK = ("basically", "just", "kind of", "sort of", "helped with", "i think", "we tried", "a bit", "hopefully")


def weak_phrases(text: str) -> list[tuple[int, str]]:
    ### BEGIN SOLUTION
    words = re.findall(r"[\w'’-]+", text.lower())
    found = []
    for i in range(len(words)):
        for phrase in WEAK:
            parts = phrase.split()
            if words[i : i + len(parts)] == parts:
                found.append((i, phrase))
    return found
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_found = weak_phrases("Basically I just helped with the rollout; it was just luck.")
assert _found == [(0, "basically"), (2, "just"), (3, "helped with"), (9, "just")], f"got {_found}"
assert weak_phrases("I led the rollout.") == [], "nothing weak: an empty list"
assert type(weak_phrases("just")) is list and type(weak_phrases("just")[0]) is tuple, "a list of tuples"

# %% course={"kind": "test", "points": 1}
assert weak_phrases("I had to justify the kind-of-odd budget.") == [], "justify is not just; kind-of-odd is one word"
assert weak_phrases("It was sort of, kind of fine") == [(2, "sort of"), (4, "kind of")], "punctuation between words does not matter"
### BEGIN HIDDEN TESTS
assert weak_phrases("") == []
assert weak_phrases("JUST") == [(0, "just")]
assert weak_phrases("kind") == [] and weak_phrases("of kind") == []
assert weak_phrases("we tried a bit, hopefully") == [(0, "we tried"), (2, "a bit"), (4, "hopefully")]
assert weak_phrases("I think I think") == [(0, "i think"), (2, "i think")]
assert weak_phrases("just just") == [(0, "just"), (1, "just")]
assert weak_phrases("Ünïcode café, just 1") == [(2, "just")]
assert weak_phrases("we’d tried just") == [(2, "just")]
assert weak_phrases("helped with with") == [(0, "helped with")]
assert weak_phrases("It was “just” luck—basically (a bit)") == [(2, "just"), (4, "basically"), (5, "a bit")]
assert weak_phrases("a just-in-time build") == []
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "character-find", "fails": ["t1", "t2"]}
WEAK = ("basically", "just", "kind of", "sort of", "helped with", "i think", "we tried", "a bit", "hopefully")


def weak_phrases(text: str) -> list[tuple[int, str]]:
    lowered = text.lower()
    found = []
    for phrase in WEAK:
        start = lowered.find(phrase)
        while start != -1:
            found.append((start, phrase))
            start = lowered.find(phrase, start + 1)
    return sorted(found)

# %% course={"kind": "wrong", "id": "first-place-only", "fails": ["t1", "t2"]}
WEAK = ("basically", "just", "kind of", "sort of", "helped with", "i think", "we tried", "a bit", "hopefully")


def weak_phrases(text: str) -> list[tuple[int, str]]:
    words = re.findall(r"[\w'’-]+", text.lower())
    found = []
    for phrase in WEAK:
        parts = phrase.split()
        for i in range(len(words)):
            if words[i : i + len(parts)] == parts:
                found.append((i, phrase))
                break
    return sorted(found)

# %% course={"kind": "wrong", "id": "weak-order", "fails": ["t1", "t2"]}
WEAK = ("basically", "just", "kind of", "sort of", "helped with", "i think", "we tried", "a bit", "hopefully")


def weak_phrases(text: str) -> list[tuple[int, str]]:
    words = re.findall(r"[\w'’-]+", text.lower())
    found = []
    for phrase in WEAK:
        parts = phrase.split()
        for i in range(len(words)):
            if words[i : i + len(parts)] == parts:
                found.append((i, phrase))
    return found

# %% course={"kind": "wrong", "id": "strip-punctuation-words", "fails": ["t2"]}
WEAK = ("basically", "just", "kind of", "sort of", "helped with", "i think", "we tried", "a bit", "hopefully")


def weak_phrases(text: str) -> list[tuple[int, str]]:
    words = [w.strip(".,;:!?").lower() for w in text.split()]
    found = []
    for i in range(len(words)):
        for phrase in WEAK:
            parts = phrase.split()
            if words[i : i + len(parts)] == parts:
                found.append((i, phrase))
    return found

# %% [markdown] course={"kind": "exercise", "id": "assign-stories", "timeout": 20}
# ### One story per question in an interview loop
#
# In one interview you should not tell the same story twice. Write `assign_stories(asked, stories)`: `asked` is
# the list of themes of the questions in the order they are asked, `stories` maps a story name to the themes it
# answers. Return a `list` with one story name per question (same order), **all different**, each answering its
# question's theme. Among all such lists return the first in sorted order (compare the lists: the first question
# gets the alphabetically first story that still leaves a valid choice for every later question, and so on). Raise
# `ValueError` if no such list exists. Do not change `stories`.
#
# ```python
# assign_stories(["failure", "leadership"], {"outage": ["failure", "leadership"], "registry": ["leadership"]})
# # ['outage', 'registry']
# assign_stories(["leadership", "failure"], {"outage": ["failure", "leadership"], "registry": ["leadership"]})
# # ['registry', 'outage']: 'outage' for leadership would leave nothing for failure
# ```

# %% [markdown] course={"kind": "hint"}
# Backtracking: for question `k`, try the unused stories that answer it in sorted order; recurse on question
# `k + 1`; if the recursion fails, undo the choice and try the next story.

# %% [markdown] course={"kind": "hint"}
# Taking the first free story for each question without undoing (greedy) fails the second example. A helper
# `place(k)` that returns `True` once `k == len(asked)` keeps the code short.

# %% course={"kind": "solution", "equivalent": {"m-52d4c038": "place() is only used as a condition, where None and False are both false"}}
def assign_stories(asked: list[str], stories: dict[str, list[str]]) -> list[str]:
    ### BEGIN SOLUTION
    chosen: list[str] = []

    def place(k: int) -> bool:
        if k == len(asked):
            return True
        for name in sorted(stories):
            if name not in chosen and asked[k] in stories[name]:
                chosen.append(name)
                if place(k + 1):
                    return True
                chosen.pop()
        return False

    if not place(0):
        raise ValueError("no way to give every question its own story")
    return chosen
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
_bank = {"outage": ["failure", "leadership"], "registry": ["leadership"]}
assert assign_stories(["failure", "leadership"], _bank) == ["outage", "registry"], "outage answers failure"
assert assign_stories(["leadership", "failure"], _bank) == ["registry", "outage"], "outage must stay free for failure"
assert assign_stories([], _bank) == [], "no questions: no stories"

# %% course={"kind": "test", "points": 2}
_bank = {"a": ["x", "y", "z"], "b": ["x", "y"], "c": ["x"], "d": ["z"]}
assert assign_stories(["x", "y", "z"], _bank) == ["a", "b", "d"], "first in sorted order among the valid lists"
assert assign_stories(["z", "y", "x"], _bank) == ["a", "b", "c"], "a answers z first; b and c follow"
assert assign_stories(["y", "y", "x"], _bank) == ["a", "b", "c"], "the same theme twice needs two stories"
### BEGIN HIDDEN TESTS
assert assign_stories(["x", "x", "x", "z"], _bank) == ["a", "b", "c", "d"]
assert assign_stories(["x", "x", "z"], _bank) == ["a", "b", "d"]
assert assign_stories(["x", "x", "x", "y"], {"a": ["x"], "b": ["x"], "c": ["x", "y"], "d": ["x"]}) == ["a", "b", "d", "c"]
assert assign_stories(["t"], {"zed": ["t"], "Zed": ["t"], "Ünï": ["t"]}) == ["Zed"]
_chain = {f"s{i}": [f"q{i}", f"q{i + 1}"] for i in range(8)}
assert assign_stories([f"q{i}" for i in range(1, 9)], _chain) == [f"s{i}" for i in range(8)]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for _asked in (["x", "x"], ["missing"], ["y", "y", "y"]):
    try:
        assign_stories(_asked, {"a": ["x", "y"], "b": ["y"]})
    except ValueError:
        pass
    else:
        raise AssertionError(f"no valid assignment for {_asked}: raise ValueError")
_bank = {"b": ["x"], "a": ["x"]}
assert assign_stories(["x"], _bank) == ["a"] and _bank == {"b": ["x"], "a": ["x"]} and list(_bank) == ["b", "a"], "stories must not change"

# %% course={"kind": "wrong", "id": "greedy-no-undo", "fails": ["t1", "t2"]}
def assign_stories(asked: list[str], stories: dict[str, list[str]]) -> list[str]:
    chosen: list[str] = []
    for theme in asked:
        free = [n for n in sorted(stories) if n not in chosen and theme in stories[n]]
        if not free:
            raise ValueError("no story left")
        chosen.append(free[0])
    return chosen

# %% course={"kind": "wrong", "id": "repeats-stories", "fails": ["t1", "t2", "t3"]}
def assign_stories(asked: list[str], stories: dict[str, list[str]]) -> list[str]:
    chosen: list[str] = []
    for theme in asked:
        free = [n for n in sorted(stories) if theme in stories[n]]
        if not free:
            raise ValueError("no story answers it")
        chosen.append(free[0])
    return chosen

# %% course={"kind": "wrong", "id": "dict-order", "fails": ["t2", "t3"]}
def assign_stories(asked: list[str], stories: dict[str, list[str]]) -> list[str]:
    chosen: list[str] = []

    def place(k: int) -> bool:
        if k == len(asked):
            return True
        for name in stories:
            if name not in chosen and asked[k] in stories[name]:
                chosen.append(name)
                if place(k + 1):
                    return True
                chosen.pop()
        return False

    if not place(0):
        raise ValueError("no way to give every question its own story")
    return chosen

# %% [markdown] course={"kind": "task", "id": "my-stories", "points": 6}
# ### Your three stories
#
# Write three STAR stories from your own work (or studies, or this course's projects), each labelled `S:`, `T:`,
# `A:`, `R:` so that `split_star` reads it, and each under two minutes when spoken:
#
# 1. a **failure and learning** story (a mistake that was yours, what it cost, what you changed afterwards);
# 2. a **technical leadership or mentoring** story (you moved a decision or a person forward);
# 3. a **conflict or cross-team collaboration** story (you disagreed, or needed another team, and how it ended).
#
# Run each through your `star_report` and fix what it flags. Then list the themes each story can answer and run
# `plan_story_bank` on them with the themes `["failure", "leadership", "conflict", "ambiguity", "prioritisation"]`
# to see which question you still need a story for. Put the three stories, their reports and the plan in the cell
# below.

# %% [markdown] course={"kind": "rubric"}
# - Each story has all four parts, the actions are the learner's own ("I"), and the situation is at most a few
#   sentences (1 point per story, 3 in all).
# - Each result is concrete: a number with a unit or a before/after, plus what the learner learned or would do
#   differently; the failure story owns the mistake without blaming others (2 points).
# - The reports from `star_report` are shown and acted on, and the story-bank plan names the theme that is still
#   uncovered, if any (1 point).

# %% [markdown] course={"kind": "answer", "question": "bq-tell-me-about-yourself"}
# Not STAR but a present-past-future arc in under two minutes: "I'm a platform engineer on a team of six that runs
# CI/CD and Kubernetes for about 40 services. Before that I spent three years as a backend developer, which is why
# I care about developer experience: my best work cut our deploy time from 90 to 18 minutes. Over the last year I
# moved toward MLOps (I built the model registry and canary rollout for our ranking models), and this role is the
# next step: your platform serves ML teams at a scale I want to learn from." Past work as evidence, one number, and
# a bridge to *this* job.

# %% [markdown] course={"kind": "answer", "question": "bq-describe-a-challenging-project"}
# **S:** 40 services ran on hand-managed VMs; a node failure meant a 2-hour manual rebuild. **T:** I led the
# migration to Kubernetes with a six-month deadline and no downtime allowed for the payment service. **A:** I
# ranked services by risk and moved the stateless ones first, wrote one Helm chart template every team reused, and
# for payments I ran old and new side by side behind a weighted load balancer, shifting 1 %, 10 %, 50 % of traffic
# over two weeks while watching error rates. **R:** All 40 services moved in five months with no customer-facing
# outage; recovering a failed node went from 2 hours to about 5 minutes. I learned to migrate the boring services
# first: they found most of the platform's bugs cheaply.

# %% [markdown] course={"kind": "answer", "question": "bq-how-do-you-handle-disagreements"}
# **S:** The data science lead wanted models retrained nightly; I thought the pipeline could not yet validate a
# model that often. **T:** As owner of the training platform I had to agree a schedule that both teams would back.
# **A:** I asked what problem nightly retraining solved (stale features on Mondays), proposed we measure model decay
# for two weeks instead of arguing, and built a small dashboard of accuracy by model age. The data showed decay
# after about five days, not one. **R:** We agreed on retraining every three days with an automatic validation
# gate; it caught two bad models in the first month. I learned to turn an opinion fight into a shared measurement.

# %% [markdown] course={"kind": "answer", "question": "bq-describe-a-failure-and-what-you-learned"}
# **S:** On a Friday I pushed a config change that lowered a connection-pool limit across all services. **T:** It
# was my change and my job to test it. **A:** I had tested it on one service only. When error rates rose to 12 %,
# I rolled it back within 15 minutes, wrote the incident report the same day and owned the mistake in the review.
# Then I added a staged rollout to our config tool (one service, then 10 %, then all) with an automatic halt on
# errors. **R:** The staged rollout has since stopped three bad config changes before they reached 10 % of
# services. What I learned: a config change is a deploy and deserves the same safety net.

# %% [markdown] course={"kind": "answer", "question": "bq-how-do-you-prioritize-work"}
# Name a rule, then show it working: "Anything that risks production or has a hard deadline goes first; the rest I
# rank by impact over effort and agree the order with my manager weekly. **S:** In one sprint I had a certificate
# expiring in two days, a flaky-test fix, and a cost report a director wanted. **T:** I had to choose the order.
# **A:** I renewed and automated the certificate first (an outage otherwise), fixed the flaky test next (it blocked
# 30 engineers' merges a day), and told the director the report would come two days late, with the reason.
# **R:** No outage, merge wait fell from 40 to 10 minutes, and the director accepted the delay because I said it
# early." The exercise "An answer to 'how do you prioritise?', as code" turns this rule into code.

# %% [markdown] course={"kind": "answer", "question": "bq-describe-leading-a-project"}
# **S:** Our ML models reached production by copying files to a server; nobody knew which version was live.
# **T:** I proposed and led a model registry project with two engineers, without being anyone's manager. **A:** I
# wrote a one-page design, got the data science leads to review it before any code, split the work so each engineer
# owned one part end to end, ran a 15-minute weekly demo instead of status meetings, and cut a feature (automatic
# A/B setup) to ship in eight weeks. **R:** All 12 models moved to the registry; rollbacks went from about an hour to
# one command. I learned that leading without authority is mostly writing things down and asking early.

# %% [markdown] course={"kind": "answer", "question": "bq-how-do-you-handle-ambiguity"}
# **S:** I was asked to "make the ML platform cheaper" with no target and no owner for the bill. **T:** I had to
# turn that into a plan. **A:** I first found where the money went: tagging showed 60 % was GPU nodes idle between
# training jobs. I wrote down my assumptions, proposed a target (30 % less in a quarter) and checked it with my
# manager before building anything, then added autoscaling to zero for the training node pool. **R:** Spend fell
# 35 % in ten weeks. I learned to make an ambiguous request concrete with a number and get it agreed first.

# %% [markdown] course={"kind": "answer", "question": "bq-why-this-company-role"}
# Specific, true and about the work: name something real from the job description or the company's engineering
# writing, connect it to a story you have told ("you run models for millions of users on Kubernetes; I built
# canary rollouts for ranking models and want to do that at a larger scale"), and one thing you would bring. Avoid
# answers that fit any company ("great culture") and answers only about what you get.
