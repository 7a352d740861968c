# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can rate yourself against the next level on the six skills a DevOps, platform
# or MLOps career is judged on, turn the gaps into SMART goals, compute a learning plan and review schedule from
# **your own progress in this course**, and pick a first open-source issue and networking habits you can keep.

# %% course={"kind": "setup", "id": "career"}
# What demos and tests share: the course's progress reader, builders of small course folders, a scratch folder.
from datetime import date, datetime, timedelta
from pathlib import Path

from course.progress.report import folder_report
from course.runtime.coursefolder import course_folder, write_raw_notebook, write_section_notebook
from course.runtime.scratch import scratch_dir


# The course folder this notebook sits in (the parent of phase-24/), or None when it runs elsewhere: your own
# progress for the task at the end is `progress_summary(HERE)`, `remaining_hours(HERE)`...
HERE = course_folder()


def roadmap_key(section: str) -> tuple[int, ...]:
    """Sort key for section ids in roadmap order: "2.10" after "2.9", "10.1" after "9.5"."""
    return tuple(int(part) for part in section.split("."))

# %% [markdown] course={"kind": "lesson", "id": "skills-by-level", "covers": ["part-skills"]}
# ### Skills to develop, level by level
#
# Past the first years, promotions in DevOps, platform and MLOps work are rarely decided by one more tool. They
# are decided by *scope*: how far the effects of your work reach (a task, a service, a team's systems, several
# teams) and how much of it happens without someone steering you. The six skills of the roadmap are how scope
# grows. What each looks like on a typical ladder (every company words it differently):
#
# | skill | junior | mid | senior | staff |
# |---|---|---|---|---|
# | **technical leadership** | finishes well-defined tasks, asks early when stuck | owns a service end to end: its alerts, runbook and upgrades | sets the technical direction of a team's systems; says no to work with reasons | aligns several teams on one direction (one deploy path, one paved road), removes whole classes of incidents |
# | **system design** | follows the existing design, explains how a request flows | designs one component with its failure modes (retries, timeouts, limits) | designs a system across services with numbers (scale and cost: phase 22; SLOs: 18.4), writes the design doc | reviews designs across teams, chooses what the organisation standardises on |
# | **communication** | clear tickets and pull requests, says what they tried | writes runbooks and incident timelines others can follow | writes design docs and post-mortems that change decisions; explains trade-offs to non-engineers | writes the strategy document; presents to leadership with the cost and risk of each option |
# | **mentoring** | asks good questions; shares what they just learned | reviews code kindly and specifically; pairs with newer colleagues | grows mid-level engineers into owners; runs onboarding | grows senior engineers and leads; builds the team's learning culture |
# | **project management** | estimates own tasks; flags slips early | plans a small project: milestones, dependencies, a rollback plan | runs a quarter-long migration across a team, with risks tracked | runs multi-team programmes; decides what is not done |
# | **business understanding** | knows what the service is for | knows its users and what an outage costs them | ties work to cost, revenue or risk in numbers (the ML cost estimates of 22.3) | shapes the roadmap from the business's constraints and bets |
#
# **When you use it.** In a self-assessment before a review, when you choose what to learn next, and in
# interviews (a "tell me about a time you led..." question probes this table's columns).
#
# **What people get wrong:** rating themselves on the skill they like (tools, system design) and skipping the ones
# the next level is judged on (communication, project management). A gap only means something against a *target
# level*, weighted by what the next role needs. Here is a mid-level platform engineer aiming at senior (ratings
# 1–5: 1 is the junior column, 3 the senior one), drawn by code:

# %% course={"kind": "demo"}
ratings_demo = {"technical leadership": 3, "system design": 4, "communication": 2,
                "mentoring": 2, "project management": 3, "business understanding": 1}
senior = 3
for skill, rating in ratings_demo.items():
    bar = "█" * rating + "·" * (5 - rating)
    mark = "ahead" if rating > senior else "at target" if rating == senior else f"{senior - rating} below"
    print(f"{skill:>22} {bar}  {rating}/5  {mark}")

# %% [markdown] course={"kind": "text"}
# The favourite skill, system design, is already past the target; the gaps are communication, mentoring and,
# the largest, business understanding. Exercise 1 ranks gaps like these, with weights for what the next role
# values most and a rule for ties.
#
# Those gaps become next quarter's goals, and a goal is only useful if you can tell whether you reached it:
# **SMART** (specific, measurable, achievable, relevant, time-bound). "Get better at communication" is none of
# those; "Write and present two post-mortems at the incident review by 26 February, 3 hours a week" is all five.
# Exercise 2 checks goals by rule.

# %% [markdown] course={"kind": "lesson", "id": "continuous-learning", "covers": ["part-learning"]}
# ### Continuous learning that survives a busy quarter
#
# Learning plans fail by being too big, not too small: a plan you keep for a year beats a sprint you keep for
# three weeks. What works for working engineers (opinions from practice, not measurements):
#
# | habit | a sustainable dose | what to get out of it |
# |---|---|---|
# | **industry blogs** | 2–3 feeds you trust (a cloud provider's engineering blog, an incident-write-up collection, a maintainer's blog), 30 min a week | one idea a week you could try at work; incident write-ups are dense with lessons you can reuse |
# | **conferences and meetups** | one meetup a month, one conference a year (recordings count) | pick 3 talks *before* you go; write 5 lines per talk afterwards or it is gone in a week |
# | **online courses** | one at a time, finished before the next; 2–4 h a week | the exercises, not the videos: no exercise done, nothing learned (this course ticks them for you) |
# | **technical books** | a chapter a week, with notes | depth a blog cannot give (the roadmap's Appendix A lists classics for Python, system design, DevOps, SRE) |
# | **open source** | one small contribution a month | reading others' code and review comments; a public record of your work |
# | **side projects** | small, finished, written up: a tool you needed, a lab to break things safely | proof of a skill for interviews, and a place to try what work does not allow yet |
#
# **Spaced review.** Reviewing after growing gaps (1 day, 2 days, 4, 8...), and going back to a short gap when you
# have forgotten, is *spaced repetition*. It rests on the *spacing effect* that memory research keeps finding (not
# shown here): spread-out reviews are remembered longer than the same time spent cramming. Exercise 3 schedules it.
#
# **A first open-source contribution, in steps:** pick a project you use; read its `CONTRIBUTING` file and code of
# conduct; find an issue labelled *good first issue* that is open, unassigned and recently active (exercise 4);
# comment that you would like to take it; reproduce it locally and run the project's tests *before* changing
# anything; send a small pull request that does one thing, with a test; answer review comments promptly and
# politely. Documentation fixes and failing-test reports are real contributions too.
#
# **Your plan starts from where you are.** Every section notebook of this course keeps its ticks in its own
# metadata (`metadata.course.progress`: the course's docs/progress.md), and `course.progress.report.folder_report`
# reads them: the same reader as `course progress`, and it never writes a notebook. **What people get wrong:**
# planning from the roadmap's first page instead of from their progress, then re-doing what they know and never
# reaching what they do not. The setup cell's `HERE` is the course folder this notebook sits in (the parent of
# `phase-24/`), or `None` when it runs elsewhere. Here is the report of a tiny course folder built in a scratch
# directory (the tests of exercises 5–7 build folders like it), and of yours when there is one:

# %% course={"kind": "demo"}
tiny = scratch_dir("career-demo")
write_section_notebook(tiny, "1.1", ["a", "b", "c"], ["a", "b", "c"], title="Setup")
write_section_notebook(tiny, "1.2", ["a", "b", "c", "d"], ["b"], title="Syntax")
write_section_notebook(tiny, "2.1", ["a", "b"], [], title="Strings")
for phase in folder_report(tiny).phases:
    for s in phase.sections:
        print(f"phase {phase.phase}  {s.section:<4} {s.done}/{s.total} ticked  {s.percent:>3} %")
if HERE is None:
    print("HERE is None: this notebook is not inside a course folder")
else:
    mine = folder_report(HERE)
    print(f"your course folder: {sum(p.done for p in mine.phases)} of {sum(p.total for p in mine.phases)} items ticked")

# %% [markdown] course={"kind": "text"}
# Exercises 5–8 turn such a report into a summary per phase, the hours still to go, a week-by-week plan and the
# dates it finishes. One trap waits there: `percent` is **rounded** (`round(100 * done / total)`), and Python's
# `round` sends halves to the even neighbour:

# %% course={"kind": "demo"}
for done, total in [(199, 200), (1, 200), (5, 8), (8, 8)]:
    exact = 100 * done / total
    print(f"{done:>3}/{total}: exactly {exact:5.1f} %, shown {round(exact):>3} %   finished: {done == total}")

# %% [markdown] course={"kind": "text"}
# 199 of 200 items shows **100 %** and is not finished; 1 of 200 shows 0 % and is started (0.5 goes down to 0,
# 62.5 down to 62, 99.5 up to 100). Decide "finished" with `done == total`, never with the percentage.

# %% [markdown] course={"kind": "lesson", "id": "networking-habits", "covers": ["part-networking"]}
# ### Networking without a personality transplant
#
# Networking, for an engineer, is making your work visible to the people who might want it, and learning from
# theirs. It pays off slowly and unevenly: the referral for your next job may come from someone who saw what you
# did months earlier. So the habit matters more than the dose. Small habits that add up:
#
# | channel | a low-effort habit | a step up |
# |---|---|---|
# | **LinkedIn presence** | a headline that says what you do ("Platform engineer: Kubernetes, CI/CD, Python"), a short post when you ship or learn something | a monthly write-up of a problem you solved, with a diagram |
# | **Twitter/X (or Mastodon, Bluesky) for tech** | follow maintainers of the tools you use; reply with something useful | share a small finding (a flag that saved you an hour) with a snippet |
# | **local meetups** | attend one a month; talk to two people; note their names | offer a 5-minute lightning talk about something from your work |
# | **conference speaking** | watch talks with a question in mind; submit nothing yet | turn a meetup talk into a conference proposal (a clear problem, what you tried, numbers) |
# | **open-source communities** | join the project's chat or forum; answer one question a week that you know | triage issues, review a pull request, then maintain a small area |
#
# **A worked scenario.** You finished the phase 18 (observability) part of your learning plan. Week 1: a short
# LinkedIn post, "what I learned instrumenting an API with Prometheus", with the histogram-bucket surprise.
# Week 3: the same story as a 5-minute lightning talk at a local meetup. Week 6: a conference proposal built on the
# talk and the questions people asked. One piece of work, three outlets, a few hours in total.
#
# **What people get wrong:** treating networking as asking for something. Give first: an answer, a write-up, a
# review. And keep it *weekly*: a streak of weeks with at least one visible thing beats a burst before a job
# search (exercise 9 measures your streak). Weeks are calendar weeks, Monday to Sunday, and their ISO numbers hold a
# trap: a year can have **53** of them.

# %% course={"kind": "demo"}
for day in [date(2026, 12, 28), date(2026, 12, 31), date(2027, 1, 3), date(2027, 1, 4)]:
    year, week, weekday = day.isocalendar()
    print(f"{day:%a %d %b %Y}  ISO {year}-W{week:02d}  day {weekday}")
print("years with a week 53:", [y for y in range(2020, 2034) if date(y, 12, 28).isocalendar()[1] == 53])

# %% [markdown] course={"kind": "text"}
# 31 December 2026 and 3 January 2027 are in the same week, 2026-W53, and the week after it is 2027-W01, not
# 2026-W54: "week number + 1" is not always the next week. Naming a week by its Monday avoids both traps:
# consecutive weeks are always 7 days apart.

# %% [markdown] course={"kind": "exercise", "id": "skill-gaps"}
# ### Rank your skill gaps
#
# Write `skill_gaps(ratings, target, weights=None)`. `ratings` maps a skill to your self-rating, `target` maps a
# skill to the level the next role asks for (both whole numbers 1..5), and `weights` maps a skill to how much it
# counts for that role (whole numbers ≥ 1; a skill not in `weights` has weight 1). For every skill of `target`, the
# gap is `(target level − your rating) × weight`; a skill you have not rated yet counts as rating **1**. Return a
# `list` of `(skill, gap)` tuples for the gaps above 0 only, the largest gap first and **equal gaps by skill name**
# (A to Z). Raise `ValueError` for any rating, target level or weight out of range (a rating or level outside 1..5,
# a weight below 1), even for a skill the role does not ask for. Do not change the arguments.
#
# ```python
# skill_gaps({"communication": 2, "system-design": 3},
#            {"communication": 4, "system-design": 4, "mentoring": 3}, {"system-design": 2})
# # [("communication", 2), ("mentoring", 2), ("system-design", 2)]   (mentoring is unrated: 3 - 1)
# ```

# %% [markdown] course={"kind": "hint"}
# `ratings.get(skill, 1)` and `weights.get(skill, 1)` give the defaults.

# %% [markdown] course={"kind": "hint"}
# Sort with a key that puts the larger gap first *and* the name second: `key=lambda pair: (-pair[1], pair[0])`.
# `reverse=True` would reverse the names too.

# %% course={"kind": "solution"}
def skill_gaps(ratings: dict[str, int], target: dict[str, int],
               weights: dict[str, int] | None = None) -> list[tuple[str, int]]:
    ### BEGIN SOLUTION
    weights = weights or {}
    for level in [*ratings.values(), *target.values()]:
        if not 1 <= level <= 5:
            raise ValueError(f"levels are 1..5, got {level}")
    if any(weight < 1 for weight in weights.values()):
        raise ValueError("weights are whole numbers >= 1")
    gaps = []
    for skill, wanted in target.items():
        gap = (wanted - ratings.get(skill, 1)) * weights.get(skill, 1)
        if gap > 0:
            gaps.append((skill, gap))
    return sorted(gaps, key=lambda pair: (-pair[1], pair[0]))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = skill_gaps({"communication": 2, "system-design": 3},
                 {"communication": 4, "system-design": 4, "mentoring": 3}, {"system-design": 2})
assert got == [("communication", 2), ("mentoring", 2), ("system-design", 2)], f"equal gaps, A to Z: {got}"
assert type(got) is list and all(type(pair) is tuple for pair in got), "a list of (skill, gap) tuples"

# %% course={"kind": "test", "points": 2}
got = skill_gaps({"b": 1, "a": 3, "c": 5}, {"c": 4, "b": 4, "a": 4})
assert got == [("b", 3), ("a", 1)], f"largest gap first; a skill above its target is left out: {got}"
assert skill_gaps({"z": 2, "a": 2}, {"z": 3, "a": 3}) == [("a", 1), ("z", 1)], "ties by name, whatever the input order"
assert skill_gaps({"x": 3}, {"x": 3}) == [], "at the target exactly: no gap"
### BEGIN HIDDEN TESTS
assert skill_gaps({}, {"m": 5}) == [("m", 4)], "unrated counts as 1"
assert skill_gaps({}, {"m": 1}) == []
assert skill_gaps({"m": 1}, {"m": 2}, {"m": 1}) == [("m", 1)], "an explicit weight of 1 is allowed"
assert skill_gaps({"m": 1, "n": 1}, {"m": 2, "n": 3}, {"m": 3}) == [("m", 3), ("n", 2)], "unweighted: weight 1"
assert skill_gaps({"q": 1, "p": 2}, {"p": 5, "q": 4}, {"q": 1}) == [("p", 3), ("q", 3)]
assert skill_gaps({"é": 2, "e": 2, "z": 2}, {"é": 3, "z": 3, "e": 3}) == [("e", 1), ("z", 1), ("é", 1)]
assert skill_gaps({"k": 2, "j": 4}, {"j": 5}) == [("j", 1)], "ratings of skills the role does not ask for are ignored"
assert skill_gaps({}, {}) == [] and skill_gaps({"a": 3}, {}) == []
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad in [({"a": 0}, {"a": 3}, None), ({"a": 6}, {"a": 3}, None), ({"a": 2}, {"a": 0}, None),
            ({"a": 2}, {"a": 6}, None), ({"a": 2}, {"a": 3}, {"a": 0}), ({}, {"a": 3}, {"b": -1})]:
    try:
        skill_gaps(*bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"skill_gaps{bad} must raise ValueError")
### BEGIN HIDDEN TESTS
assert skill_gaps({"a": 1, "b": 5}, {"a": 5, "b": 1}) == [("a", 4)], "1 and 5 are both valid levels"
try:
    skill_gaps({"a": 2, "z": 7}, {"a": 3})
except ValueError:
    pass
else:
    raise AssertionError("a rating of 7 raises ValueError, even for a skill the role does not ask for")
ratings_in, target_in, weights_in = {"a": 1}, {"a": 3, "b": 2}, {"a": 2}
skill_gaps(ratings_in, target_in, weights_in)
assert (ratings_in, target_in, weights_in) == ({"a": 1}, {"a": 3, "b": 2}, {"a": 2}), "the arguments must not change"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "ties-in-input-order", "fails": ["t1", "t2"]}
def skill_gaps(ratings: dict[str, int], target: dict[str, int],
               weights: dict[str, int] | None = None) -> list[tuple[str, int]]:
    weights = weights or {}
    for level in [*ratings.values(), *target.values()]:
        if not 1 <= level <= 5:
            raise ValueError(f"levels are 1..5, got {level}")
    if any(weight < 1 for weight in weights.values()):
        raise ValueError("weights are whole numbers >= 1")
    gaps = [(skill, (wanted - ratings.get(skill, 1)) * weights.get(skill, 1)) for skill, wanted in target.items()]
    return sorted([pair for pair in gaps if pair[1] > 0], key=lambda pair: pair[1], reverse=True)

# %% course={"kind": "wrong", "id": "reverse-flips-names", "fails": ["t1", "t2"]}
def skill_gaps(ratings: dict[str, int], target: dict[str, int],
               weights: dict[str, int] | None = None) -> list[tuple[str, int]]:
    weights = weights or {}
    for level in [*ratings.values(), *target.values()]:
        if not 1 <= level <= 5:
            raise ValueError(f"levels are 1..5, got {level}")
    if any(weight < 1 for weight in weights.values()):
        raise ValueError("weights are whole numbers >= 1")
    gaps = [(skill, (wanted - ratings.get(skill, 1)) * weights.get(skill, 1)) for skill, wanted in target.items()]
    return sorted([pair for pair in gaps if pair[1] > 0], key=lambda pair: (pair[1], pair[0]), reverse=True)

# %% course={"kind": "wrong", "id": "unrated-skipped", "fails": ["t1", "t2"]}
def skill_gaps(ratings: dict[str, int], target: dict[str, int],
               weights: dict[str, int] | None = None) -> list[tuple[str, int]]:
    weights = weights or {}
    for level in [*ratings.values(), *target.values()]:
        if not 1 <= level <= 5:
            raise ValueError(f"levels are 1..5, got {level}")
    if any(weight < 1 for weight in weights.values()):
        raise ValueError("weights are whole numbers >= 1")
    gaps = [(skill, (target[skill] - rating) * weights.get(skill, 1))
            for skill, rating in ratings.items() if skill in target]
    return sorted([pair for pair in gaps if pair[1] > 0], key=lambda pair: (-pair[1], pair[0]))

# %% course={"kind": "wrong", "id": "checks-only-asked-skills", "fails": ["t3"]}
def skill_gaps(ratings: dict[str, int], target: dict[str, int],
               weights: dict[str, int] | None = None) -> list[tuple[str, int]]:
    weights = weights or {}
    if any(weight < 1 for weight in weights.values()):
        raise ValueError("weights are whole numbers >= 1")
    gaps = []
    for skill, wanted in target.items():
        rating = ratings.get(skill, 1)
        if not (1 <= rating <= 5 and 1 <= wanted <= 5):
            raise ValueError("levels are 1..5")
        gap = (wanted - rating) * weights.get(skill, 1)
        if gap > 0:
            gaps.append((skill, gap))
    return sorted(gaps, key=lambda pair: (-pair[1], pair[0]))

# %% [markdown] course={"kind": "exercise", "id": "smart-goal"}
# ### Is this goal SMART?
#
# A goal is a `dict` that may have the keys `"what"`, `"skill"`, `"metric"`, `"target"`, `"hours_per_week"` and
# `"deadline"`. Write `smart_problems(goal, today, skills)` that returns the letters of the checks the goal
# **fails**, as one `str` in the order `SMART` (`""` when it passes all five). A missing key fails its check; it
# never raises.
#
# - **S**pecific: `"what"` is a `str` of at least 4 words (split on whitespace) and none of its words is vague:
#   `better`, `improve`, `learn`, `more` or `stuff`, compared without case and without the punctuation `.,;:!?`
#   around a word (`"Better,"` is vague).
# - **M**easurable: `"metric"` is a `str` that is not blank and `"target"` is an `int` or `float` (a `bool` is not a
#   number here) above 0.
# - **A**chievable: `"hours_per_week"` is an `int` or `float` (not a `bool`) from 1 to 15, both included: a pace
#   you keep next to a job.
# - **R**elevant: `"skill"` is one of `skills` (the gaps you found in exercise 1).
# - **T**ime-bound: `"deadline"` is a `datetime.date` but **not** a `datetime` (ordering one against the
#   other with `<` raises `TypeError`), after `today` and at most 90 days after it.
#
# ```python
# goal = {"what": "Write and present two post-mortems at the incident review", "skill": "communication",
#         "metric": "post-mortems presented", "target": 2, "hours_per_week": 3, "deadline": date(2027, 2, 26)}
# smart_problems(goal, date(2026, 12, 1), {"communication", "mentoring"})  # ""
# smart_problems({"what": "Get better at Kubernetes"}, date(2026, 12, 1), set())  # "SMART"
# ```

# %% [markdown] course={"kind": "hint"}
# Use `goal.get(key)`: it gives `None` for a missing key, and `None` fails every check.

# %% [markdown] course={"kind": "hint"}
# `isinstance(True, int)` is `True`, and `isinstance(datetime.now(), date)` is `True` too: test for `bool` apart,
# and use `type(deadline) is date` for the date.

# %% course={"kind": "solution"}
VAGUE = {"better", "improve", "learn", "more", "stuff"}


def smart_problems(goal: dict[str, object], today: date, skills: set[str]) -> str:
    ### BEGIN SOLUTION
    failed = ""
    what = goal.get("what")
    words = [word.strip(".,;:!?").casefold() for word in what.split()] if isinstance(what, str) else []
    if len(words) < 4 or any(word in VAGUE for word in words):
        failed += "S"
    metric, target = goal.get("metric"), goal.get("target")
    if not (isinstance(metric, str) and metric.strip() and isinstance(target, (int, float))
            and not isinstance(target, bool) and target > 0):
        failed += "M"
    hours = goal.get("hours_per_week")
    if not (isinstance(hours, (int, float)) and not isinstance(hours, bool) and 1 <= hours <= 15):
        failed += "A"
    if goal.get("skill") not in skills:
        failed += "R"
    deadline = goal.get("deadline")
    if not (type(deadline) is date and today < deadline <= today + timedelta(days=90)):
        failed += "T"
    return failed
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
good_goal = {"what": "Write and present two post-mortems at the incident review", "skill": "communication",
             "metric": "post-mortems presented", "target": 2, "hours_per_week": 3, "deadline": date(2027, 2, 26)}
assert smart_problems(good_goal, date(2026, 12, 1), {"communication", "mentoring"}) == "", "a SMART goal passes"
assert smart_problems({"what": "Get better at Kubernetes"}, date(2026, 12, 1), set()) == "SMART", \
    "'better' is vague, and every missing key fails its check without raising"

# %% course={"kind": "test", "points": 2}
today_t = date(2026, 12, 1)
assert smart_problems({**good_goal, "what": "Present two post-mortems"}, today_t, {"communication"}) == "S", \
    "three words are not specific enough"
assert smart_problems({**good_goal, "what": "Present two post-mortems, BETTER!"}, today_t, {"communication"}) == "S", \
    "vague words count without case and punctuation"
assert smart_problems({**good_goal, "metric": "   "}, today_t, {"communication"}) == "M", "a blank metric"
assert smart_problems({**good_goal, "skill": "mentoring"}, today_t, {"communication"}) == "R"
assert smart_problems({**good_goal, "hours_per_week": 20, "deadline": date(2027, 3, 2)}, today_t,
                      {"communication"}) == "AT", "20 h a week is not sustainable; 91 days is too far"
### BEGIN HIDDEN TESTS
assert smart_problems({**good_goal, "what": "Present two post-mortems monthly"}, today_t, {"communication"}) == ""
assert smart_problems({**good_goal, "what": "Present more post-mortems monthly"}, today_t, {"communication"}) == "S"
assert smart_problems({**good_goal, "what": "Write docs to improve; onboarding"}, today_t, {"communication"}) == "S"
assert smart_problems({**good_goal, "what": "Write docs and Learn: onboarding"}, today_t, {"communication"}) == "S"
assert smart_problems({**good_goal, "what": "Write docs (stuff?) for onboarding"}, today_t, {"communication"}) == ""
assert smart_problems({**good_goal, "what": "Write Stuff. for onboarding"}, today_t, {"communication"}) == "S"
assert smart_problems({**good_goal, "what": "Write two runbooks, ...better ones"}, today_t, {"communication"}) == "S", \
    "punctuation before a word is stripped too"
assert smart_problems({**good_goal, "what": "Write docs\tfor\nonboarding"}, today_t, {"communication"}) == ""
assert smart_problems({**good_goal, "what": 42}, today_t, {"communication"}) == "S"
assert smart_problems({**good_goal, "metric": 3}, today_t, {"communication"}) == "M"
assert smart_problems({**good_goal, "target": 0}, today_t, {"communication"}) == "M"
assert smart_problems({**good_goal, "target": 0.5}, today_t, {"communication"}) == ""
assert smart_problems({**good_goal, "target": True}, today_t, {"communication"}) == "M"
assert smart_problems({**good_goal, "target": "2"}, today_t, {"communication"}) == "M"
assert smart_problems({**good_goal, "hours_per_week": 1}, today_t, {"communication"}) == ""
assert smart_problems({**good_goal, "hours_per_week": 15}, today_t, {"communication"}) == ""
assert smart_problems({**good_goal, "hours_per_week": 15.5}, today_t, {"communication"}) == "A"
assert smart_problems({**good_goal, "hours_per_week": 0.5}, today_t, {"communication"}) == "A"
assert smart_problems({**good_goal, "hours_per_week": 2.5}, today_t, {"communication"}) == ""
assert smart_problems({**good_goal, "hours_per_week": True}, today_t, {"communication"}) == "A"
assert smart_problems({**good_goal, "hours_per_week": "3"}, today_t, {"communication"}) == "A"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert smart_problems({**good_goal, "deadline": date(2027, 3, 1)}, today_t, {"communication"}) == "", \
    "exactly 90 days is allowed"
assert smart_problems({**good_goal, "deadline": today_t}, today_t, {"communication"}) == "T", "due today is too late"
assert smart_problems({**good_goal, "deadline": datetime(2027, 1, 5, 9, 0)}, today_t, {"communication"}) == "T", \
    "a datetime is not a date here (and date < datetime raises TypeError)"
### BEGIN HIDDEN TESTS
assert smart_problems({**good_goal, "deadline": date(2026, 12, 2)}, today_t, {"communication"}) == ""
assert smart_problems({**good_goal, "deadline": date(2026, 11, 30)}, today_t, {"communication"}) == "T"
assert smart_problems({**good_goal, "deadline": "2027-01-05"}, today_t, {"communication"}) == "T"
assert smart_problems({}, today_t, {"communication"}) == "SMART"
goal_copy = dict(good_goal)
smart_problems(goal_copy, today_t, {"communication"})
assert goal_copy == good_goal, "the goal must not change"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "keyerror-on-missing", "fails": ["t1", "t3"]}
VAGUE = {"better", "improve", "learn", "more", "stuff"}


def smart_problems(goal: dict[str, object], today: date, skills: set[str]) -> str:
    failed = ""
    words = [word.strip(".,;:!?").casefold() for word in str(goal["what"]).split()]
    if len(words) < 4 or any(word in VAGUE for word in words):
        failed += "S"
    metric, target = goal["metric"], goal["target"]
    if not (isinstance(metric, str) and metric.strip() and isinstance(target, (int, float))
            and not isinstance(target, bool) and target > 0):
        failed += "M"
    hours = goal["hours_per_week"]
    if not (isinstance(hours, (int, float)) and not isinstance(hours, bool) and 1 <= hours <= 15):
        failed += "A"
    if goal["skill"] not in skills:
        failed += "R"
    deadline = goal["deadline"]
    if not (type(deadline) is date and today < deadline <= today + timedelta(days=90)):
        failed += "T"
    return failed

# %% course={"kind": "wrong", "id": "case-and-datetime", "fails": ["t2", "t3"]}
VAGUE = {"better", "improve", "learn", "more", "stuff"}


def smart_problems(goal: dict[str, object], today: date, skills: set[str]) -> str:
    failed = ""
    what = goal.get("what")
    words = what.split() if isinstance(what, str) else []
    if len(words) < 4 or any(word in VAGUE for word in words):
        failed += "S"
    metric, target = goal.get("metric"), goal.get("target")
    if not (isinstance(metric, str) and metric.strip() and isinstance(target, (int, float))
            and not isinstance(target, bool) and target > 0):
        failed += "M"
    hours = goal.get("hours_per_week")
    if not (isinstance(hours, (int, float)) and not isinstance(hours, bool) and 1 <= hours <= 15):
        failed += "A"
    if goal.get("skill") not in skills:
        failed += "R"
    deadline = goal.get("deadline")
    if not (isinstance(deadline, date) and today < deadline <= today + timedelta(days=90)):
        failed += "T"
    return failed

# %% [markdown] course={"kind": "exercise", "id": "spaced-review"}
# ### A spaced-review schedule
#
# Write `review_dates(start, outcomes, first=1, factor=2, cap=60)`. The first review is `first` days after the
# `start` date. After each review, `outcomes` says whether you remembered (`True`) or not (`False`): on success the
# gap to the next review is multiplied by `factor` but never grows beyond `cap` days; on failure it goes back to
# `first`. Return the `list` of review dates (`datetime.date`): the first review, then one more per outcome (the last
# one is the next review still to come). `outcomes` is any iterable (a list or a generator), read once. Raise
# `ValueError` if `first < 1`, `factor < 1` or `cap < first`. Compute from `start` only: never ask the clock.
#
# ```python
# review_dates(date(2026, 1, 5), [True, True, False])
# # [date(2026, 1, 6), date(2026, 1, 8), date(2026, 1, 12), date(2026, 1, 13)]   gaps 1, 2, 4, then back to 1
# ```

# %% [markdown] course={"kind": "hint"}
# Keep two variables: the date of the last review and the current gap. `day + timedelta(days=gap)` moves a date.

# %% [markdown] course={"kind": "hint"}
# `min(gap * factor, cap)` grows and caps in one step. The list starts with one date before any outcome is read.

# %% course={"kind": "solution"}
def review_dates(start: date, outcomes, first: int = 1, factor: int = 2, cap: int = 60) -> list[date]:
    ### BEGIN SOLUTION
    if first < 1 or factor < 1 or cap < first:
        raise ValueError("need first >= 1, factor >= 1 and cap >= first")
    gap = first
    day = start + timedelta(days=gap)
    dates = [day]
    for remembered in outcomes:
        gap = min(gap * factor, cap) if remembered else first
        day = day + timedelta(days=gap)
        dates.append(day)
    return dates
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = review_dates(date(2026, 1, 5), [True, True, False])
assert got == [date(2026, 1, 6), date(2026, 1, 8), date(2026, 1, 12), date(2026, 1, 13)], f"gaps 1, 2, 4, 1: {got}"
assert type(got) is list and all(type(d) is date for d in got), "a list of dates"

# %% course={"kind": "test", "points": 2}
got = review_dates(date(2026, 12, 30), [True] * 8)
gaps = [(b - a).days for a, b in zip([date(2026, 12, 30), *got], got)]
assert gaps == [1, 2, 4, 8, 16, 32, 60, 60, 60], f"gaps double and stop at the cap of 60 days: {gaps}"
assert got[1] == date(2027, 1, 2), "dates roll over the year"
### BEGIN HIDDEN TESTS
assert review_dates(date(2026, 3, 1), []) == [date(2026, 3, 2)], "no outcome yet: just the first review"
got = review_dates(date(2026, 3, 1), [True, False, True, True], first=2, factor=3, cap=10)
assert [(b - a).days for a, b in zip(got, got[1:])] == [6, 2, 6, 10], got
assert got[0] == date(2026, 3, 3)
got = review_dates(date(2026, 3, 1), [True, True], first=5, factor=1, cap=5)
assert got == [date(2026, 3, 6), date(2026, 3, 11), date(2026, 3, 16)], "factor 1 and cap == first are allowed"
got = review_dates(date(2026, 3, 1), [True, True, True], first=3, factor=2, cap=12)
assert [(b - a).days for a, b in zip(got, got[1:])] == [6, 12, 12], "a gap may reach the cap exactly"
got = review_dates(date(2024, 2, 27), [True, True])
assert got == [date(2024, 2, 28), date(2024, 3, 1), date(2024, 3, 5)], "29 February exists in 2024"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
got = review_dates(date(2026, 1, 5), (ok for ok in [True, False, False]))
assert got == [date(2026, 1, 6), date(2026, 1, 8), date(2026, 1, 9), date(2026, 1, 10)], \
    f"a generator of outcomes works; each failure goes back to 1 day: {got}"
for bad in [dict(first=0), dict(factor=0), dict(first=3, cap=2), dict(first=-1, cap=0)]:
    try:
        review_dates(date(2026, 1, 5), [True], **bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"review_dates(..., **{bad}) must raise ValueError")
### BEGIN HIDDEN TESTS
assert review_dates(date(2026, 1, 5), [False], first=1) == [date(2026, 1, 6), date(2026, 1, 7)]
assert review_dates(date(2026, 1, 5), [True], first=1, factor=1, cap=1) == [date(2026, 1, 6), date(2026, 1, 7)]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "reset-to-zero", "fails": ["t1", "t2", "t3"]}
def review_dates(start: date, outcomes, first: int = 1, factor: int = 2, cap: int = 60) -> list[date]:
    if first < 1 or factor < 1 or cap < first:
        raise ValueError("bad schedule")
    gap = first
    day = start + timedelta(days=gap)
    dates = [day]
    for remembered in outcomes:
        gap = min(gap * factor, cap) if remembered else 0
        day = day + timedelta(days=gap)
        dates.append(day)
        gap = gap or first
    return dates

# %% course={"kind": "wrong", "id": "no-cap", "fails": ["t2"]}
def review_dates(start: date, outcomes, first: int = 1, factor: int = 2, cap: int = 60) -> list[date]:
    if first < 1 or factor < 1 or cap < first:
        raise ValueError("bad schedule")
    gap = first
    day = start + timedelta(days=gap)
    dates = [day]
    for remembered in outcomes:
        gap = gap * factor if remembered else first
        day = day + timedelta(days=gap)
        dates.append(day)
    return dates

# %% course={"kind": "wrong", "id": "reads-outcomes-twice", "fails": ["t3"]}
def review_dates(start: date, outcomes, first: int = 1, factor: int = 2, cap: int = 60) -> list[date]:
    if first < 1 or factor < 1 or cap < first:
        raise ValueError("bad schedule")
    count = sum(1 for _ in outcomes)
    gap, day, dates = first, start + timedelta(days=first), [start + timedelta(days=first)]
    for remembered in list(outcomes)[:count]:
        gap = min(gap * factor, cap) if remembered else first
        day = day + timedelta(days=gap)
        dates.append(day)
    return dates

# %% [markdown] course={"kind": "exercise", "id": "good-first-issues"}
# ### Pick a first open-source issue
#
# An issue is a `dict` with `"number"` (`int`), `"state"` (`"open"` or `"closed"`), `"labels"` (a list of `str`),
# `"assignee"` (`None`, `""` or a user name) and `"updated"` (a `datetime.date`). Write
# `good_first_issues(issues, today, max_age_days=30)` returning the numbers (a `list` of `int`) of the issues that
# are open, have no assignee (`None` or `""`), carry the label *good first issue* (compared without case and
# without surrounding spaces: `" Good First Issue"` counts) and were updated at most `max_age_days` days before
# `today` (an issue updated exactly `max_age_days` ago still counts). Order: the most recently updated first,
# equal dates by the **smaller number** first. Do not change the issues.
#
# ```python
# issues = [{"number": 7, "state": "open", "labels": ["Good First Issue"], "assignee": None,
#            "updated": date(2026, 11, 20)},
#           {"number": 3, "state": "open", "labels": ["bug"], "assignee": None, "updated": date(2026, 11, 30)}]
# good_first_issues(issues, date(2026, 12, 1))  # [7]
# ```

# %% [markdown] course={"kind": "hint"}
# `(today - issue["updated"]).days` is the age in whole days.

# %% [markdown] course={"kind": "hint"}
# Newest first but smaller number first on ties: `key=lambda i: (-i["updated"].toordinal(), i["number"])`, no
# `reverse=True` (it would flip the numbers too).

# %% course={"kind": "solution"}
def good_first_issues(issues: list[dict], today: date, max_age_days: int = 30) -> list[int]:
    ### BEGIN SOLUTION
    picked = [
        issue for issue in issues
        if issue["state"] == "open"
        and not issue["assignee"]
        and any(label.strip().casefold() == "good first issue" for label in issue["labels"])
        and (today - issue["updated"]).days <= max_age_days
    ]
    picked.sort(key=lambda issue: (-issue["updated"].toordinal(), issue["number"]))
    return [issue["number"] for issue in picked]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
example_issues = [{"number": 7, "state": "open", "labels": ["Good First Issue"], "assignee": None,
                   "updated": date(2026, 11, 20)},
                  {"number": 3, "state": "open", "labels": ["bug"], "assignee": None, "updated": date(2026, 11, 30)}]
got = good_first_issues(example_issues, date(2026, 12, 1))
assert got == [7], f"only #7 has the label (in any case): {got}"
assert type(got) is list and type(got[0]) is int, "a list of issue numbers"

# %% course={"kind": "test", "points": 2}
def issue(number, updated, state="open", labels=("good first issue",), assignee=None):
    return {"number": number, "state": state, "labels": list(labels), "assignee": assignee, "updated": updated}


pool = [issue(5, date(2026, 11, 28)), issue(9, date(2026, 11, 30)), issue(2, date(2026, 11, 28)),
        issue(4, date(2026, 11, 29), state="closed"), issue(6, date(2026, 11, 29), assignee="sam"),
        issue(8, date(2026, 11, 29), assignee=""), issue(1, date(2026, 11, 29), labels=[" GOOD first issue "])]
assert good_first_issues(pool, date(2026, 12, 1)) == [9, 1, 8, 2, 5], \
    "newest first, equal dates by smaller number; closed and assigned ones left out"
### BEGIN HIDDEN TESTS
assert good_first_issues([], date(2026, 12, 1)) == []
assert good_first_issues([issue(1, date(2026, 11, 1)), issue(2, date(2026, 10, 31))], date(2026, 12, 1)) == [1], \
    "exactly 30 days old counts, 31 does not"
assert good_first_issues([issue(1, date(2026, 11, 24)), issue(2, date(2026, 11, 23))], date(2026, 12, 1), 7) == [1]
assert good_first_issues([issue(3, date(2026, 12, 1)), issue(1, date(2026, 12, 1))], date(2026, 12, 1), 0) == [1, 3]
assert good_first_issues([issue(1, date(2026, 11, 30), labels=["good-first-issue", "help wanted"])],
                         date(2026, 12, 1)) == []
assert good_first_issues([issue(1, date(2026, 11, 30), labels=["docs", "Good first issue\t"])],
                         date(2026, 12, 1)) == [1]
assert good_first_issues([issue(1, date(2026, 11, 30), labels=[])], date(2026, 12, 1)) == []
assert good_first_issues([issue(1, date(2026, 11, 30), labels=["not a good first issue"])], date(2026, 12, 1)) == [], \
    "the whole label must be 'good first issue', not just contain it"
assert good_first_issues([issue(1, date(2026, 11, 30), state="Closed")], date(2026, 12, 1)) == []
assert good_first_issues([issue(12, date(2026, 11, 30)), issue(3, date(2026, 11, 2))], date(2026, 12, 1)) == [12, 3]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
before_pool = [dict(i, labels=list(i["labels"])) for i in pool]
good_first_issues(pool, date(2026, 12, 1))
assert pool == before_pool and [i["number"] for i in pool] == [5, 9, 2, 4, 6, 8, 1], "the issues must not change"

# %% course={"kind": "wrong", "id": "case-sensitive-label", "fails": ["t1", "t2"]}
def good_first_issues(issues: list[dict], today: date, max_age_days: int = 30) -> list[int]:
    picked = [i for i in issues if i["state"] == "open" and not i["assignee"] and "good first issue" in i["labels"]
              and (today - i["updated"]).days <= max_age_days]
    picked.sort(key=lambda i: (-i["updated"].toordinal(), i["number"]))
    return [i["number"] for i in picked]

# %% course={"kind": "wrong", "id": "reverse-flips-numbers", "fails": ["t2"]}
def good_first_issues(issues: list[dict], today: date, max_age_days: int = 30) -> list[int]:
    picked = [i for i in issues if i["state"] == "open" and not i["assignee"]
              and any(label.strip().casefold() == "good first issue" for label in i["labels"])
              and (today - i["updated"]).days <= max_age_days]
    picked.sort(key=lambda i: (i["updated"], i["number"]), reverse=True)
    return [i["number"] for i in picked]

# %% course={"kind": "wrong", "id": "sorts-in-place", "fails": ["t3"]}
def good_first_issues(issues: list[dict], today: date, max_age_days: int = 30) -> list[int]:
    issues.sort(key=lambda i: (-i["updated"].toordinal(), i["number"]))
    return [i["number"] for i in issues if i["state"] == "open" and not i["assignee"]
            and any(label.strip().casefold() == "good first issue" for label in i["labels"])
            and (today - i["updated"]).days <= max_age_days]

# %% course={"kind": "wrong", "id": "label-contains", "fails": ["t2"]}
def good_first_issues(issues: list[dict], today: date, max_age_days: int = 30) -> list[int]:
    picked = [i for i in issues if i["state"] == "open" and not i["assignee"]
              and any("good first issue" in label.casefold() for label in i["labels"])
              and (today - i["updated"]).days <= max_age_days]
    picked.sort(key=lambda i: (-i["updated"].toordinal(), i["number"]))
    return [i["number"] for i in picked]

# %% [markdown] course={"kind": "exercise", "id": "progress-summary"}
# ### Your progress, phase by phase
#
# Write `progress_summary(folder)` for a course folder (a `str` or `Path`: the folder that holds `phase-NN/`). Read
# it with `folder_report` from `course.progress.report` (imported in the setup cell), which already copes with
# damaged notebooks; opening the files yourself means handling all of that again. Return a `dict` with three keys:
#
# - `"phases"`: one tuple `(phase, done, total, finished, sections)` per phase of the report, in the report's order
#   (`phase` the number, `done`/`total` ticked and all items, `finished` how many of its sections have every item
#   ticked, `sections` how many sections it has). A section with no items is not finished.
# - `"next"`: the id of the first section, in roadmap order, that still has unticked items (`None` if there is none).
# - `"unreadable"`: how many notebooks could not be read (the report lists them; a broken notebook is never a crash).
#
# ```python
# progress_summary(folder)  # 1.1: 3 of 3 items ticked, 1.2: 2 of 4, 2.1: 0 of 3
# # {"phases": [(1, 5, 7, 1, 2), (2, 0, 3, 0, 1)], "next": "1.2", "unreadable": 0}
# ```

# %% [markdown] course={"kind": "hint"}
# `folder_report(Path(folder))` returns a `Report`; `report.phases` are `PhaseProgress` objects with `.phase`, `.done`,
# `.total` and `.sections`, each section a `SectionProgress` with `.section`, `.done` and `.total`. Both lists come
# in roadmap order already.

# %% [markdown] course={"kind": "hint"}
# Do not use `.percent` to decide "finished": it is rounded, and 199 of 200 shows as 100. Compare `done == total`.

# %% course={"kind": "solution"}
def progress_summary(folder: str | Path) -> dict:
    ### BEGIN SOLUTION
    report = folder_report(Path(folder))
    phases = []
    next_section = None
    for phase in report.phases:
        finished = sum(1 for s in phase.sections if s.total and s.done == s.total)
        phases.append((phase.phase, phase.done, phase.total, finished, len(phase.sections)))
        for s in phase.sections:
            if next_section is None and s.done < s.total:
                next_section = s.section
    return {"phases": phases, "next": next_section, "unreadable": len(report.problems)}
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
folder_t1 = scratch_dir("career-t1")
write_section_notebook(folder_t1, "1.1", ["a", "b", "c"], ["a", "b", "c"])
write_section_notebook(folder_t1, "1.2", ["a", "b", "c", "d"], ["b", "d"])
write_section_notebook(folder_t1, "2.1", ["a", "b", "c"], [])
got = progress_summary(folder_t1)
assert got == {"phases": [(1, 5, 7, 1, 2), (2, 0, 3, 0, 1)], "next": "1.2", "unreadable": 0}, got
assert progress_summary(str(folder_t1)) == got, "a str path works too"

# %% course={"kind": "test", "points": 2}
folder_t2 = scratch_dir("career-t2")
many = [f"x{i}" for i in range(200)]
write_section_notebook(folder_t2, "3.1", many, many[:199])
write_section_notebook(folder_t2, "3.2", many, many)
got = progress_summary(folder_t2)
assert got["phases"] == [(3, 399, 400, 1, 2)], f"199 of 200 is not finished (percent rounds it to 100): {got}"
assert got["next"] == "3.1", "a partly done section is unfinished"
### BEGIN HIDDEN TESTS
folder_t2b = scratch_dir("career-t2b")
write_section_notebook(folder_t2b, "4.1", [], [])
write_section_notebook(folder_t2b, "4.2", ["a"], ["a"])
write_section_notebook(folder_t2b, "4.10", ["a", "b"], ["a"])
write_section_notebook(folder_t2b, "4.9", ["a", "b"], ["b"])
got = progress_summary(folder_t2b)
assert got == {"phases": [(4, 3, 5, 1, 4)], "next": "4.9", "unreadable": 0}, got
write_section_notebook(folder_t2b, "4.9", ["a", "b"], ["a", "b"])
assert progress_summary(folder_t2b)["next"] == "4.10", "4.10 comes after 4.9 in roadmap order"
write_section_notebook(folder_t2b, "4.10", ["a", "b"], ["b", "a"])
got = progress_summary(folder_t2b)
assert got == {"phases": [(4, 5, 5, 3, 4)], "next": None, "unreadable": 0}, got
assert progress_summary(scratch_dir("career-empty")) == {"phases": [], "next": None, "unreadable": 0}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
folder_t3 = scratch_dir("career-t3")
write_section_notebook(folder_t3, "5.1", ["a", "b"], "a")  # progress damaged: a string, not a list
write_section_notebook(folder_t3, "5.2", ["a", "b"], None)  # no progress stored yet
write_section_notebook(folder_t3, "5.3", ["a"], ["a", "a-removed-item"])  # a tick for an item no longer there
write_raw_notebook(folder_t3, "5.4", '{"cells": [')  # a truncated file
got = progress_summary(folder_t3)
assert got == {"phases": [(5, 1, 5, 1, 3)], "next": "5.1", "unreadable": 1}, \
    f"damaged progress counts as nothing ticked, a broken file is counted as unreadable, nothing raises: {got}"
### BEGIN HIDDEN TESTS
write_raw_notebook(folder_t3, "6.1", "not json at all")
write_section_notebook(folder_t3, "5.1", ["a", "b"], ["b", "a"])
write_section_notebook(folder_t3, "5.2", ["a", "b"], ["a", "b"])
got = progress_summary(folder_t3)
assert got == {"phases": [(5, 5, 5, 3, 3)], "next": None, "unreadable": 2}, got
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "percent-is-100", "fails": ["t2"]}
def progress_summary(folder: str | Path) -> dict:
    report = folder_report(Path(folder))
    phases = [(p.phase, p.done, p.total, sum(1 for s in p.sections if s.percent == 100), len(p.sections))
              for p in report.phases]
    unfinished = [s.section for p in report.phases for s in p.sections if s.percent < 100]
    return {"phases": phases, "next": unfinished[0] if unfinished else None, "unreadable": len(report.problems)}

# %% course={"kind": "wrong", "id": "next-is-untouched", "fails": ["t1", "t2"]}
def progress_summary(folder: str | Path) -> dict:
    report = folder_report(Path(folder))
    phases = [(p.phase, p.done, p.total, sum(1 for s in p.sections if s.total and s.done == s.total), len(p.sections))
              for p in report.phases]
    untouched = [s.section for p in report.phases for s in p.sections if s.total and s.done == 0]
    return {"phases": phases, "next": untouched[0] if untouched else None, "unreadable": len(report.problems)}

# %% course={"kind": "wrong", "id": "string-order", "fails": ["t2"]}
def progress_summary(folder: str | Path) -> dict:
    report = folder_report(Path(folder))
    phases = [(p.phase, p.done, p.total, sum(1 for s in p.sections if s.total and s.done == s.total), len(p.sections))
              for p in report.phases]
    unfinished = sorted(s.section for p in report.phases for s in p.sections if s.done < s.total)
    return {"phases": phases, "next": unfinished[0] if unfinished else None, "unreadable": len(report.problems)}

# %% [markdown] course={"kind": "exercise", "id": "remaining-hours"}
# ### Hours still to go, per section
#
# Write `remaining_hours(folder, minutes_per_item=20)`: a `dict` mapping the id of every section of the course
# folder that still has unticked items to the whole hours they need, `ceil(unticked items × minutes_per_item / 60)`,
# with the sections in roadmap order (the report's order). Mind the floats: `62 / 60` is not exact, so
# `math.ceil(30 * (62 / 60))` is 32, not 31; whole-number arithmetic never has that problem. Raise `ValueError` if
# `minutes_per_item < 1`. Read the folder with `folder_report`, as in exercise 5.
#
# ```python
# remaining_hours(folder)  # the folder of exercise 5's example: {"1.2": 1, "2.1": 1}
# # 2 and 3 items left: 40 and 60 minutes, 1 hour each
# ```

# %% [markdown] course={"kind": "hint"}
# Unticked items are `s.total - s.done`. Ceiling division of whole numbers: `-(-a // b)`.

# %% course={"kind": "solution"}
def remaining_hours(folder: str | Path, minutes_per_item: int = 20) -> dict[str, int]:
    ### BEGIN SOLUTION
    if minutes_per_item < 1:
        raise ValueError("minutes_per_item must be at least 1")
    hours = {}
    for phase in folder_report(Path(folder)).phases:
        for s in phase.sections:
            if s.done < s.total:
                hours[s.section] = -(-(s.total - s.done) * minutes_per_item // 60)
    return hours
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
folder_t5 = scratch_dir("career-t5")
write_section_notebook(folder_t5, "1.1", ["a", "b", "c"], ["a", "b", "c"])
write_section_notebook(folder_t5, "1.2", ["a", "b", "c", "d"], ["b", "d"])
write_section_notebook(folder_t5, "2.1", ["a", "b", "c"], [])
got = remaining_hours(folder_t5)
assert got == {"1.2": 1, "2.1": 1}, f"40 minutes and 60 minutes are 1 hour each: {got}"
assert all(type(h) is int for h in got.values()), "whole hours"

# %% course={"kind": "test", "points": 2}
folder_t6 = scratch_dir("career-t6")
write_section_notebook(folder_t6, "7.2", ["a", "b", "c", "d"], [])
write_section_notebook(folder_t6, "7.10", ["a", "b", "c"], ["a"])
write_section_notebook(folder_t6, "10.1", ["a", "b", "c", "d", "e", "f", "g"], ["g"])
got = remaining_hours(folder_t6)
assert got == {"7.2": 2, "7.10": 1, "10.1": 2}, f"80 min -> 2 h, 40 -> 1, 120 -> 2: {got}"
assert list(got) == ["7.2", "7.10", "10.1"], "roadmap order: 7.10 after 7.2, phase 10 after phase 7"
### BEGIN HIDDEN TESTS
assert remaining_hours(folder_t6, 60) == {"7.2": 4, "7.10": 2, "10.1": 6}
assert remaining_hours(folder_t6, 1) == {"7.2": 1, "7.10": 1, "10.1": 1}, "a minute of work still takes an hour slot"
assert remaining_hours(folder_t6, 15) == {"7.2": 1, "7.10": 1, "10.1": 2}, "60 minutes is exactly 1 hour"
assert remaining_hours(folder_t6, 61) == {"7.2": 5, "7.10": 3, "10.1": 7}
folder_t6d = scratch_dir("career-t6d")
write_section_notebook(folder_t6d, "8.1", [f"x{i}" for i in range(30)], [])
assert remaining_hours(folder_t6d, 62) == {"8.1": 31}, "30 items x 62 minutes is exactly 31 hours (62 / 60 is not exact)"
folder_t6b = scratch_dir("career-t6b")
write_section_notebook(folder_t6b, "3.1", [f"x{i}" for i in range(200)], [f"x{i}" for i in range(199)])
write_section_notebook(folder_t6b, "3.2", ["a"], ["a"])
write_section_notebook(folder_t6b, "3.3", [], [])
assert remaining_hours(folder_t6b) == {"3.1": 1} and remaining_hours(folder_t6b, 180) == {"3.1": 3}
assert remaining_hours(scratch_dir("career-empty6")) == {}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad in (0, -20):
    try:
        remaining_hours(folder_t6, bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"minutes_per_item={bad} must raise ValueError")
folder_t6c = scratch_dir("career-t6c")
write_section_notebook(folder_t6c, "5.1", ["a", "b"], "a")
write_raw_notebook(folder_t6c, "5.2", "{")
assert remaining_hours(folder_t6c) == {"5.1": 1}, "damaged progress: all items still to do; a broken file: no crash"

# %% course={"kind": "wrong", "id": "floor-hours", "fails": ["t1", "t2", "t3"]}
def remaining_hours(folder: str | Path, minutes_per_item: int = 20) -> dict[str, int]:
    if minutes_per_item < 1:
        raise ValueError("minutes_per_item must be at least 1")
    return {s.section: (s.total - s.done) * minutes_per_item // 60
            for p in folder_report(Path(folder)).phases for s in p.sections if s.done < s.total}

# %% course={"kind": "wrong", "id": "counts-all-items", "fails": ["t1", "t2"]}
def remaining_hours(folder: str | Path, minutes_per_item: int = 20) -> dict[str, int]:
    if minutes_per_item < 1:
        raise ValueError("minutes_per_item must be at least 1")
    return {s.section: -(-s.total * minutes_per_item // 60)
            for p in folder_report(Path(folder)).phases for s in p.sections if s.done < s.total}

# %% course={"kind": "wrong", "id": "float-hours-per-minute", "fails": ["t2"]}
import math


def remaining_hours(folder: str | Path, minutes_per_item: int = 20) -> dict[str, int]:
    if minutes_per_item < 1:
        raise ValueError("minutes_per_item must be at least 1")
    return {s.section: math.ceil((s.total - s.done) * (minutes_per_item / 60))
            for p in folder_report(Path(folder)).phases for s in p.sections if s.done < s.total}

# %% [markdown] course={"kind": "exercise", "id": "learning-plan", "timeout": 10}
# ### A week-by-week learning plan
#
# Write `learning_plan(estimates, hours_per_week)`. `estimates` maps section ids to whole hours (as
# `remaining_hours` returns them, but in **any** order). Schedule the sections in roadmap order (`"2.10"` after
# `"2.9"`, `"10.1"` after `"9.5"`: the setup cell's `roadmap_key` sorts them) into weeks of `hours_per_week` hours.
# Fill each week before starting the next; a section that does not fit in what is left of a week is **split**: the
# hours that fit stay in this week, the rest goes on into the next weeks. Return a `list` of weeks, each a `list` of
# `(section, hours)` tuples; no hour may be lost. Raise `ValueError` if `hours_per_week < 1` or an estimate is below
# 1. Do not change `estimates`.
#
# ```python
# learning_plan({"2.1": 3, "1.2": 4}, 5)
# # [[("1.2", 4), ("2.1", 1)], [("2.1", 2)]]
# ```

# %% [markdown] course={"kind": "hint"}
# Keep the hours still free in the current week. For each section, while hours remain: start a new week when
# nothing is free, put `min(left, free)` hours in it.

# %% [markdown] course={"kind": "hint"}
# `sorted(estimates)` sorts the ids as strings, so `"10.1"` comes before `"2.1"`: use `key=roadmap_key`.

# %% course={"kind": "solution"}
def learning_plan(estimates: dict[str, int], hours_per_week: int) -> list[list[tuple[str, int]]]:
    ### BEGIN SOLUTION
    if hours_per_week < 1 or any(hours < 1 for hours in estimates.values()):
        raise ValueError("hours_per_week and every estimate must be at least 1")
    weeks: list[list[tuple[str, int]]] = []
    free = 0
    for section in sorted(estimates, key=roadmap_key):
        left = estimates[section]
        while left:
            if free == 0:
                weeks.append([])
                free = hours_per_week
            chunk = min(left, free)
            weeks[-1].append((section, chunk))
            left -= chunk
            free -= chunk
    return weeks
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = learning_plan({"2.1": 3, "1.2": 4}, 5)
assert got == [[("1.2", 4), ("2.1", 1)], [("2.1", 2)]], f"roadmap order, 2.1 split over two weeks: {got}"
assert type(got) is list and type(got[0]) is list and type(got[0][0]) is tuple, "a list of weeks of tuples"

# %% course={"kind": "test", "points": 2}
estimates_t2 = {"10.1": 2, "2.10": 1, "9.5": 3, "2.9": 2}
got = learning_plan(estimates_t2, 4)
assert got == [[("2.9", 2), ("2.10", 1), ("9.5", 1)], [("9.5", 2), ("10.1", 2)]], f"2.9, 2.10, 9.5, 10.1: {got}"
assert estimates_t2 == {"10.1": 2, "2.10": 1, "9.5": 3, "2.9": 2} and list(estimates_t2) == ["10.1", "2.10", "9.5", "2.9"], \
    "estimates must not change"
got = learning_plan({"3.1": 11}, 4)
assert got == [[("3.1", 4)], [("3.1", 4)], [("3.1", 3)]], f"a section longer than a week spans several weeks: {got}"
### BEGIN HIDDEN TESTS
assert learning_plan({}, 5) == []
assert learning_plan({"1.1": 1}, 1) == [[("1.1", 1)]]
assert learning_plan({"1.1": 5, "1.2": 5}, 5) == [[("1.1", 5)], [("1.2", 5)]], "a week exactly full: next week starts"
assert learning_plan({"1.2": 1, "1.1": 1, "1.3": 1}, 3) == [[("1.1", 1), ("1.2", 1), ("1.3", 1)]]
assert learning_plan({"1.1": 2, "1.2": 7}, 3) == [[("1.1", 2), ("1.2", 1)], [("1.2", 3)], [("1.2", 3)]]
plan = learning_plan({f"{p}.{s}": (p * 7 + s) % 9 + 1 for p in range(1, 25) for s in range(1, 6)}, 6)
assert all(sum(h for _, h in week) <= 6 for week in plan) and all(sum(h for _, h in w) == 6 for w in plan[:-1])
totals: dict[str, int] = {}
for week in plan:
    for sec, h in week:
        totals[sec] = totals.get(sec, 0) + h
assert totals == {f"{p}.{s}": (p * 7 + s) % 9 + 1 for p in range(1, 25) for s in range(1, 6)}, "no hour lost"
assert [sec for week in plan for sec, _ in week] == sorted(
    [sec for week in plan for sec, _ in week], key=lambda s: tuple(map(int, s.split("."))))
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad in [({"1.1": 3}, 0), ({"1.1": 0}, 5), ({"1.1": 2, "1.2": -1}, 5)]:
    try:
        learning_plan(*bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"learning_plan{bad} must raise ValueError")

# %% course={"kind": "wrong", "id": "string-sort", "fails": ["t2"]}
def learning_plan(estimates: dict[str, int], hours_per_week: int) -> list[list[tuple[str, int]]]:
    if hours_per_week < 1 or any(hours < 1 for hours in estimates.values()):
        raise ValueError("bad hours")
    weeks: list[list[tuple[str, int]]] = []
    free = 0
    for section in sorted(estimates):
        left = estimates[section]
        while left:
            if free == 0:
                weeks.append([])
                free = hours_per_week
            chunk = min(left, free)
            weeks[-1].append((section, chunk))
            left -= chunk
            free -= chunk
    return weeks

# %% course={"kind": "wrong", "id": "no-split", "fails": ["t1", "t2"]}
def learning_plan(estimates: dict[str, int], hours_per_week: int) -> list[list[tuple[str, int]]]:
    if hours_per_week < 1 or any(hours < 1 for hours in estimates.values()):
        raise ValueError("bad hours")
    weeks: list[list[tuple[str, int]]] = []
    free = 0
    for section in sorted(estimates, key=roadmap_key):
        if estimates[section] > free:
            weeks.append([])
            free = hours_per_week
        weeks[-1].append((section, estimates[section]))
        free -= estimates[section]
    return weeks

# %% course={"kind": "wrong", "id": "pops-estimates", "fails": ["t2"]}
def learning_plan(estimates: dict[str, int], hours_per_week: int) -> list[list[tuple[str, int]]]:
    if hours_per_week < 1 or any(hours < 1 for hours in estimates.values()):
        raise ValueError("bad hours")
    weeks: list[list[tuple[str, int]]] = []
    free = 0
    for section in sorted(estimates, key=roadmap_key):
        while estimates[section]:
            if free == 0:
                weeks.append([])
                free = hours_per_week
            chunk = min(estimates[section], free)
            weeks[-1].append((section, chunk))
            estimates[section] -= chunk
            free -= chunk
    return weeks

# %% [markdown] course={"kind": "exercise", "id": "finish-dates"}
# ### When will each section be done?
#
# Put the plan of exercise 7 on a calendar. Write `finish_dates(plan, start)`: `plan` is a list of weeks as
# `learning_plan` returns it, and week `i` covers the seven days from `start + 7·i` days to `start + 7·i + 6` days
# (`start` may be any weekday). A section is done at the **last day of the last week** it appears in (a split
# section is not done in its first week). Return a `dict` mapping each section to that `datetime.date`, the sections
# in the order they first appear in the plan. Do not change `plan`. This is how you check a plan against a 90-day
# deadline.
#
# ```python
# finish_dates([[("1.2", 4), ("2.1", 1)], [("2.1", 2)]], date(2026, 12, 7))
# # {"1.2": date(2026, 12, 13), "2.1": date(2026, 12, 20)}
# ```

# %% [markdown] course={"kind": "hint"}
# `enumerate(plan)` gives the week's index; assigning `done[section] = ...` again in a later week replaces the date
# but keeps the key where it was first put.

# %% [markdown] course={"kind": "hint"}
# The last day of week `i` is `start + timedelta(days=7 * i + 6)`, not `7 * (i + 1)` (that is the next week's first
# day).

# %% course={"kind": "solution"}
def finish_dates(plan: list[list[tuple[str, int]]], start: date) -> dict[str, date]:
    ### BEGIN SOLUTION
    done: dict[str, date] = {}
    for week, entries in enumerate(plan):
        for section, _hours in entries:
            done[section] = start + timedelta(days=7 * week + 6)
    return done
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = finish_dates([[("1.2", 4), ("2.1", 1)], [("2.1", 2)]], date(2026, 12, 7))
assert got == {"1.2": date(2026, 12, 13), "2.1": date(2026, 12, 20)}, f"2.1 is split: done in its second week: {got}"
assert type(got) is dict and all(type(d) is date for d in got.values()), "a dict of dates"

# %% course={"kind": "test", "points": 2}
plan_t2 = [[("3.1", 4)], [("3.1", 4)], [("3.1", 3), ("3.2", 1)], [("3.2", 4)], [("10.1", 2)]]
got = finish_dates(plan_t2, date(2026, 12, 16))
assert got == {"3.1": date(2027, 1, 5), "3.2": date(2027, 1, 12), "10.1": date(2027, 1, 19)}, \
    f"weeks start on the start date's weekday; dates roll into the new year: {got}"
assert list(got) == ["3.1", "3.2", "10.1"], "in the order the sections first appear"
assert plan_t2 == [[("3.1", 4)], [("3.1", 4)], [("3.1", 3), ("3.2", 1)], [("3.2", 4)], [("10.1", 2)]], \
    "the plan must not change"
### BEGIN HIDDEN TESTS
assert finish_dates([], date(2026, 1, 1)) == {}
assert finish_dates([[("1.1", 1)]], date(2026, 2, 23)) == {"1.1": date(2026, 3, 1)}
assert finish_dates([[("1.1", 1)]], date(2024, 2, 23)) == {"1.1": date(2024, 2, 29)}, "29 February 2024"
got = finish_dates([[("2.1", 2), ("1.1", 1)], [("1.1", 5)]], date(2026, 3, 2))
assert got == {"2.1": date(2026, 3, 8), "1.1": date(2026, 3, 15)} and list(got) == ["2.1", "1.1"]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "first-week-wins", "fails": ["t1", "t2"]}
def finish_dates(plan: list[list[tuple[str, int]]], start: date) -> dict[str, date]:
    done: dict[str, date] = {}
    for week, entries in enumerate(plan):
        for section, _hours in entries:
            done.setdefault(section, start + timedelta(days=7 * week + 6))
    return done

# %% course={"kind": "wrong", "id": "next-monday", "fails": ["t1", "t2"]}
def finish_dates(plan: list[list[tuple[str, int]]], start: date) -> dict[str, date]:
    done: dict[str, date] = {}
    for week, entries in enumerate(plan):
        for section, _hours in entries:
            done[section] = start + timedelta(weeks=week + 1)
    return done

# %% [markdown] course={"kind": "exercise", "id": "weekly-streak"}
# ### Your longest networking streak
#
# `days` is an iterable (a list or a generator) of the `datetime.date`s on which you did something visible (a
# post, a talk, an answer in a community), in any order, possibly with repeats. Write
# `longest_weekly_streak(days) -> int`: the largest number of **consecutive calendar weeks** (Monday to Sunday)
# that each contain at least one of the days. No days gives 0.
#
# ```python
# longest_weekly_streak([date(2026, 12, 31), date(2026, 12, 21), date(2027, 1, 4), date(2027, 1, 1)])  # 3
# # weeks starting 21 Dec, 28 Dec (two days in it), 4 Jan
# ```

# %% [markdown] course={"kind": "hint"}
# Turn each day into the Monday of its week: `day - timedelta(days=day.weekday())`. A set removes repeats.

# %% [markdown] course={"kind": "hint"}
# Sort the Mondays; two weeks are consecutive when their Mondays are exactly 7 days apart (across a new year too).

# %% course={"kind": "solution"}
def longest_weekly_streak(days) -> int:
    ### BEGIN SOLUTION
    mondays = sorted({day - timedelta(days=day.weekday()) for day in days})
    best = run = 0
    previous = None
    for monday in mondays:
        run = run + 1 if previous is not None and monday - previous == timedelta(days=7) else 1
        best = max(best, run)
        previous = monday
    return best
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = longest_weekly_streak([date(2026, 12, 31), date(2026, 12, 21), date(2027, 1, 4), date(2027, 1, 1)])
assert got == 3, f"weeks of 21 Dec, 28 Dec and 4 Jan are consecutive across the new year: {got}"
assert type(got) is int and longest_weekly_streak([]) == 0, "an int; no days gives 0"

# %% course={"kind": "test", "points": 2}
spring = [date(2026, 3, 2), date(2026, 3, 8), date(2026, 3, 9), date(2026, 3, 23), date(2026, 3, 30),
          date(2026, 4, 5), date(2026, 4, 6)]
assert longest_weekly_streak(spring) == 3, "23 Mar, 30 Mar (5 Apr is its Sunday), 6 Apr: 3 weeks; 2 and 9 Mar: 2"
assert longest_weekly_streak(spring[::-1]) == 3, "any order"
assert longest_weekly_streak(d for d in spring) == 3, "a generator works"
### BEGIN HIDDEN TESTS
assert longest_weekly_streak([date(2026, 3, 2)]) == 1
assert longest_weekly_streak([date(2026, 3, 2)] * 5) == 1, "repeats are one week"
assert longest_weekly_streak([date(2026, 3, 2), date(2026, 3, 8)]) == 1, "Monday and Sunday of one week"
assert longest_weekly_streak([date(2026, 3, 1), date(2026, 3, 2)]) == 2, "Sunday, then the next Monday"
assert longest_weekly_streak([date(2026, 3, 2), date(2026, 3, 16)]) == 1, "a gap week breaks the streak"
assert longest_weekly_streak([date(2025, 3, 3), date(2026, 3, 2), date(2026, 3, 9)]) == 2, \
    "the same week number a year apart is not the same week"
assert longest_weekly_streak([date(2026, 1, 5) + timedelta(weeks=w) for w in range(60)]) == 60
assert longest_weekly_streak([date(2026, 1, 5), date(2026, 1, 12), date(2026, 1, 19), date(2026, 2, 2),
                              date(2026, 2, 9)]) == 3, "the longest run wins, not the last one"
assert longest_weekly_streak([date(2026, 1, 5), date(2026, 1, 19), date(2026, 1, 26)]) == 2, "the last run counts too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
assert longest_weekly_streak([date(2020, 12, 28), date(2021, 1, 4)]) == 2, "2020 has an ISO week 53, then 2021-W01"
assert longest_weekly_streak([date(2021, 12, 27), date(2022, 1, 3)]) == 2, "2021-W52, then 2022-W01"
### BEGIN HIDDEN TESTS
assert longest_weekly_streak([date(2026, 12, 27), date(2026, 12, 28), date(2027, 1, 3), date(2027, 1, 4)]) == 3
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "iso-week-plus-one", "fails": ["t1", "t2", "t3"]}
def longest_weekly_streak(days) -> int:
    weeks = sorted({tuple(day.isocalendar())[:2] for day in days})
    best = run = 0
    previous = None
    for year, week in weeks:
        run = run + 1 if previous == (year, week - 1) else 1
        best = max(best, run)
        previous = (year, week)
    return best

# %% course={"kind": "wrong", "id": "week-number-only", "fails": ["t1", "t2", "t3"]}
def longest_weekly_streak(days) -> int:
    weeks = sorted({day.isocalendar()[1] for day in days})
    best = run = 0
    previous = None
    for week in weeks:
        run = run + 1 if previous == week - 1 else 1
        best = max(best, run)
        previous = week
    return best

# %% [markdown] course={"kind": "task", "id": "ninety-day-plan", "points": 6}
# ### Your 90-day plan
#
# Write your own plan for the next 90 days, in a markdown cell below or a file next to this notebook. Use this
# notebook's functions on your own data, and paste their output:
#
# 1. **Where you are**: `progress_summary` of your course folder (the parent of this notebook's `phase-24/`
#    folder: the setup cell's `HERE`) and the section you take up next.
# 2. **Skills**: your ratings against the level you aim for, from the table of the first lesson, and
#    `skill_gaps` with weights for the role you want. Pick the two largest gaps.
# 3. **Goals**: one goal per gap, each passing `smart_problems` with `""`, with a deadline inside the 90 days.
# 4. **Learning plan**: `learning_plan(remaining_hours(...), hours)` with an hours-per-week figure you can keep,
#    and `finish_dates` showing which sections are done by day 90; the spaced reviews of one topic
#    (`review_dates`).
# 5. **Continuous learning and networking**: the blog feeds, the book, the meetup, the open-source issue you chose
#    (`good_first_issues` on a real project's issues, or the reason you picked it by hand), and one visible thing a
#    week.
# 6. **Check-ins**: when you will look at the plan again (every 2 weeks) and what you will do if you fall behind.

# %% [markdown] course={"kind": "rubric"}
# - The starting point is computed from the learner's own progress metadata (summary output pasted), not guessed
#   (1 point).
# - The skills self-assessment uses the level table, has weights that fit a stated target role, and the chosen
#   gaps follow from it (1 point).
# - Two or more goals, each specific and measurable with a deadline inside 90 days; the SMART check output is shown
#   (1 point).
# - A week-by-week learning plan whose weekly hours are realistic next to a job (up to about 10), covering the next
#   unfinished sections in roadmap order, plus a spaced-review schedule (1 point).
# - Continuous learning and networking are concrete: named sources, one event, one open-source issue or community,
#   one weekly visible habit (1 point).
# - Check-in dates and a fallback for slipping (drop scope, not sleep) are stated (1 point).
