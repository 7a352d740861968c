# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can recognise the six patterns most coding interviews are built on (two
# pointers, sliding window, BFS/DFS, dynamic programming, heaps, intervals), solve a new problem of each kind with
# its complexity stated and checked, and pick your next practice problems from *your own* progress through the
# 111 logic/DSA problems of this course's roadmap.

# %% course={"kind": "setup", "id": "interview-tools"}
# Work counting for the complexity tests (lines executed, operations on the input numbers; never time), and the
# course's own progress readers.
import heapq
from collections import Counter, deque
from pathlib import Path

from course.progress.store import read_ticks
from course.runtime.coursefolder import course_folder, read_metadata, section_notebooks, write_section_notebook
from course.runtime.meters import Meter, count_steps, counted
from course.runtime.practice import (
    DIFFICULTIES,
    PATTERNS,
    load_index,
    pattern_table,
    pick_next,
    practice_log,
    solved_problems,
)
from course.runtime.scratch import scratch_dir

# %% [markdown] course={"kind": "lesson", "id": "arrays-pointers-windows", "covers": ["part-topics", "topic-arrays-and-strings", "topic-hash-tables", "topic-sorting-and-searching"]}
# ### Arrays, strings and hash tables: two pointers and sliding windows
#
# Most array and string questions ask about *pairs* or *contiguous runs*. Checking every pair or every run is
# O(n²) or worse (and scanning for one value is O(n)); these patterns bring it down:
#
# | shape of the question | pattern | why it is fast | classic problems |
# |---|---|---|---|
# | a pair in a **sorted** array (sum, distance) | **two pointers** from both ends | each step moves one pointer inward, so at most n steps | Two Sum II, Container With Most Water, 3Sum |
# | a pair in an **unsorted** array | **hashing**: remember what you have seen | one dict look-up per element | Two Sum, Contains Duplicate |
# | the best **contiguous run** with a condition | **sliding window**: grow the right edge, shrink the left | each index enters and leaves the window once | Longest Substring Without Repeating, Minimum Size Subarray Sum |
# | one value or a boundary in a **sorted** array | **binary search** (`bisect`) | each step halves the range: O(log n) | Binary Search, Search Insert Position |
#
# A DevOps/MLOps engineer meets the same shapes outside interviews: "the longest stretch of healthy minutes in
# a metrics series" is a sliding window, "two deploys whose durations add up to the budget" is a pair search.
#
# **What people get wrong:** the sliding window's length is `right - left + 1` (both ends included), and the
# window only works when shrinking can never make things better again (positive numbers for a sum). The demo
# counts executed lines with `count_steps` for a brute-force pair search and for two pointers on the same sorted
# input:

# %% course={"kind": "demo"}
def pair_brute(nums, target):
    for i in range(len(nums)):
        for j in range(i + 1, len(nums)):
            if nums[i] + nums[j] == target:
                return i, j
    return None


def pair_pointers(nums, target):
    lo, hi = 0, len(nums) - 1
    while lo < hi:
        total = nums[lo] + nums[hi]
        if total == target:
            return lo, hi
        if total < target:
            lo += 1
        else:
            hi -= 1
    return None


for n in (100, 200, 400):
    sorted_nums = list(range(0, 2 * n, 2))  # even numbers: an odd target is never found (the worst case)
    _, brute = count_steps(pair_brute, sorted_nums, 1)
    _, pointers = count_steps(pair_pointers, sorted_nums, 1)
    print(f"n={n:4}  brute force {brute:7} steps   two pointers {pointers:5} steps")

# %% [markdown] course={"kind": "text"}
# Doubling n quadruples the brute force (O(n²)) and doubles the two-pointer loop (O(n)). Interviewers ask for
# exactly this argument: *why* each step discards a whole row of pairs (if the sum is too small, the smallest
# number cannot pair with anything left, so `lo` moves on).

# %% [markdown] course={"kind": "lesson", "id": "graphs-bfs-dfs", "covers": ["topic-trees-and-graphs", "topic-stacks-and-queues", "topic-linked-lists", "topic-recursion-and-backtracking"]}
# ### Trees, graphs, stacks and queues: BFS and DFS
#
# A tree, a grid of cells, a dependency graph between services or Terraform resources: all are nodes with
# neighbours. Two ways to visit them:
#
# - **BFS** (a `deque` as a queue): visits in rings of growing distance, so the first time it reaches a node is
#   along a shortest path (in steps). Use it for "fewest hops", levels of a tree.
# - **DFS** (recursion, or a list as a stack): goes deep first. Use it for "is everything connected", counting
#   components, cycle detection, topological order (what to install or deploy first).
#
# Linked lists are the degenerate graph (one neighbour each) and recursion with backtracking is DFS over a tree of
# choices. Python's recursion limit (1000 frames by default) makes deep recursive DFS fail on a 100×100 grid; an
# explicit stack does not.
#
# **What people get wrong:** forgetting the **visited set**. On a tree nothing breaks, but a grid or a graph has
# cycles, and the walk goes round them for ever (or counts the same node again). The demo walks a 3×3 grid from a
# corner with and without one, with a cap on the steps:

# %% course={"kind": "demo"}
def walk(grid_size, remember, cap=50):
    start = (0, 0)
    queue, seen, visits = deque([start]), {start}, 0
    while queue and visits < cap:
        r, c = queue.popleft()
        visits += 1
        for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
            if 0 <= nr < grid_size and 0 <= nc < grid_size and (not remember or (nr, nc) not in seen):
                seen.add((nr, nc))
                queue.append((nr, nc))
    return visits, "stopped by the cap" if queue else "finished"


print("with a visited set:   ", walk(3, remember=True))
print("without a visited set:", walk(3, remember=False))

# %% [markdown] course={"kind": "lesson", "id": "dynamic-programming", "covers": ["topic-dynamic-programming"]}
# ### Dynamic programming: top-down and bottom-up
#
# DP is recursion whose sub-problems repeat. Write the recurrence first ("the fewest coins for amount *a* is one
# more than the best of *a − c* over the coins *c*"), then choose:
#
# | | top-down (memoised recursion) | bottom-up (a table) |
# |---|---|---|
# | how | the recursive function plus `functools.cache` | fill `best[0..amount]` in order |
# | good for | getting a correct answer fast from the recurrence | no recursion limit, easy to save memory |
# | cost | a stack frame per level | you must find an order where inputs are ready |
#
# **What people get wrong:** using a greedy rule where DP is needed. "Take the biggest coin that fits" is right for
# euro coins and wrong in general:

# %% course={"kind": "demo"}
from functools import cache


def greedy_coins(coins, amount):
    used = 0
    for coin in sorted(coins, reverse=True):
        used += amount // coin
        amount %= coin
    return used if amount == 0 else -1


def dp_top_down(coins, amount):
    @cache
    def best(a):
        if a == 0:
            return 0
        options = [best(a - c) for c in coins if c <= a]
        options = [o for o in options if o >= 0]
        return 1 + min(options) if options else -1

    return best(amount)


def dp_bottom_up(coins, amount):
    table = [0] + [-1] * amount
    for a in range(1, amount + 1):
        options = [table[a - c] for c in coins if c <= a and table[a - c] >= 0]
        table[a] = 1 + min(options) if options else -1
    return table[amount]


for coin_set, amt in (((1, 2, 5), 11), ((1, 3, 4), 6), ((5, 7), 9)):
    print(f"coins {coin_set} amount {amt}: greedy {greedy_coins(coin_set, amt)}, "
          f"top-down {dp_top_down(coin_set, amt)}, bottom-up {dp_bottom_up(coin_set, amt)}")

# %% [markdown] course={"kind": "text"}
# With coins 1, 3, 4 greedy pays 6 as 4+1+1 (three coins); DP finds 3+3 (two). With 5 and 7 there is no way to pay
# 9, which a solution must report (here `-1`) rather than crash.

# %% [markdown] course={"kind": "lesson", "id": "heaps-intervals-design", "covers": ["topic-bit-manipulation", "topic-design-patterns"]}
# ### Heaps, intervals, bits and design questions
#
# - **Heaps** (`heapq`: a list kept as a min-heap): the smallest item in O(1), push and pop in O(log n). "Top k
#   of n" with a heap of size k costs O(n log k); "merge k sorted streams" keeps one item per stream in the heap.
#   For a largest-first order push `(-count, word)`: the tuple also settles ties (by the word).
# - **Intervals** (maintenance windows, alert spans, bookings): sort by start, then one sweep merges overlaps or
#   counts how many are open at once.
# - **Bit manipulation**: `n & (n - 1)` clears the lowest set bit (power of two: the result is 0), `x ^ x == 0`
#   finds the one unpaired number, `bin(n).count("1")` (or `n.bit_count()`, Python 3.10+) counts set bits.
# - **Design questions** (LRU Cache, Min Stack, Trie): a class whose every method meets a stated complexity; the
#   trick is usually to store one extra thing (the minimum so far next to each value, a dict next to an order).
#
# **What people get wrong:** the heap's tie order. `heapq` compares whole tuples, so equal counts fall through to
# the next field; `Counter.most_common` keeps ties in first-seen order instead. The demo shows both, and a sweep
# counting overlapping maintenance windows:

# %% course={"kind": "demo"}
words = "pod node pod job node job api".split()
print("most_common(2):    ", Counter(words).most_common(2), " (ties in first-seen order)")
print("heap, ties by word:", heapq.nsmallest(2, ((-n, w) for w, n in Counter(words).items())))

windows = [(1, 4), (2, 6), (5, 8), (9, 10)]  # [start, end) of maintenance windows
events = sorted([(s, +1) for s, _ in windows] + [(e, -1) for _, e in windows])  # an end sorts before a start
open_now = peak = 0
for _, delta in events:
    open_now += delta
    peak = max(peak, open_now)
print("most windows open at once:", peak)
print("bits: 64 & 63 =", 64 & 63, "| 5 ^ 3 ^ 5 =", 5 ^ 3 ^ 5, "| set bits of 13:", bin(13).count("1"))

# %% [markdown] course={"kind": "lesson", "id": "practice-strategy", "covers": ["part-strategy", "strategy-time-box-practice-45-minutes-per-problem", "strategy-review-and-learn-from-solutions", "strategy-focus-on-explaining-approach", "strategy-practice-on-whiteboard-shared-editor"]}
# ### Practice strategy: a 45-minute time box, out loud
#
# One practice problem, by hand, with a kitchen timer or `date` in a terminal (this notebook does not time you):
#
# | minutes | what you do | what you say aloud |
# |---|---|---|
# | 0–5 | restate the problem, ask about sizes, empty input, duplicates, negative numbers | "So n can be up to 10⁵, and an empty list returns 0?" |
# | 5–12 | two or three small examples by hand, one edge case | "For [2, 3, 1] I expect ..." |
# | 12–17 | brute force, with its complexity | "Every pair: O(n²), too slow for 10⁵" |
# | 17–35 | the pattern that fits, then the code | "Sorted, so two pointers; each step drops one end" |
# | 35–42 | run your examples through the code line by line, fix | "lo=0, hi=2, sum 3 < 4, so lo moves" |
# | 42–45 | final time and space complexity, what you would improve | "O(n) time, O(1) extra space" |
#
# At 45 minutes stop, even if unsolved: read a good solution, write down *which pattern you missed and why*, and put
# the problem back in your queue for three days later. Practise in a plain editor with no autocomplete or running
# (the whiteboard, or a shared document), since an interview gives you no debugger. Reviewing is where the learning
# happens: after solving, compare your answer with another one and note one thing it does better.
#
# The demo is the brute-force-then-optimise step of the table on one problem, with the step counts you would
# quote: the shortest run of a list of positive numbers whose sum reaches a target.

# %% course={"kind": "demo"}
def shortest_brute(nums, target):
    best = 0
    for i in range(len(nums)):
        total = 0
        for j in range(i, len(nums)):
            total += nums[j]
            if total >= target:
                best = j - i + 1 if best == 0 else min(best, j - i + 1)
                break
    return best


def shortest_window(nums, target):
    best, left, total = 0, 0, 0
    for right, value in enumerate(nums):
        total += value
        while total >= target:
            best = right - left + 1 if best == 0 else min(best, right - left + 1)
            total -= nums[left]
            left += 1
    return best


series = [1] * 300 + [50]
for fn in (shortest_brute, shortest_window):
    answer, steps = count_steps(fn, series, 60)
    print(f"{fn.__name__:15} answer {answer:2}  {steps:6} steps")

# %% [markdown] course={"kind": "lesson", "id": "problem-index", "covers": ["strategy-solve-150-problems-across-difficulty"]}
# ### The course's problem set, indexed by pattern
#
# "Solve 150+ problems" works only if they spread across patterns and difficulties; 150 easy hashing problems
# teach one trick. Every logic/DSA problem of this course's roadmap (115 rows: 111 problems, four listed in two sections) is in
# `data/24.1-problems.json`, tagged with the patterns it practises (our judgement). `course.runtime.practice` reads
# it and your progress: a problem counts as **solved when its `dsa-...` checkbox is ticked** in its section
# notebook (passing the exercise's tests ticks it).
#
# **What people get wrong:** practising what they already know. The table shows where you are thin; `pick_next`
# proposes the easiest unsolved problems of a pattern (easiest first, then by section number, then by name).

# %% course={"kind": "demo"}
problem_index = load_index("data/24.1-problems.json")
here = course_folder()
mine = solved_problems(here)
print("course folder:", here or "none (this notebook is not inside a course folder)", f"- {len(mine)} solved")
print(f"{'pattern':15} solved/total")
for pat, done, total in pattern_table(problem_index, mine):
    print(f"{pat:15} {done:3} / {total:<3} {'#' * total}")
per_difficulty = Counter(p["difficulty"] for p in problem_index)
print("difficulties, easiest first:", {d: per_difficulty[d] for d in DIFFICULTIES})
print("next dp problems:", [(p["section"], p["name"]) for p in pick_next(problem_index, mine, pattern="dp")])

# %% [markdown] course={"kind": "text"}
# **Your practice log.** Each section notebook also records, beside its ticks, how you got there: an *attempt* is
# a run of an exercise's tests from its first test cell on an answer you wrote (running them on the untouched
# starter does not count), `first` is when your first attempt ran and `solved` when every test first passed
# (UTC). `practice_log(folder)` collects them for the problems, so you can see which ones took many attempts or
# a long time: those are the patterns to practise again, even when they are ticked.

# %% course={"kind": "demo"}
log = practice_log(here)
print(f"{len(log)} problem(s) attempted")
slow_first = sorted(log.items(), key=lambda kv: (-kv[1].attempts, kv[0]))
for (section, item), record in slow_first[:5]:
    took = f"{record.minutes:.0f} min to solve" if record.minutes is not None else "not solved yet"
    print(f"{section:5} {item:45} {record.attempts:2} attempt(s), {took}")

# %% [markdown] course={"kind": "lesson", "id": "recommended-problems", "covers": ["part-recommended"]}
# ### The recommended problems, and where this course has them
#
# The roadmap's eighteen recommended problems: half are exercises elsewhere in the course; the others are
# exercises below (restated in our words with our own tests).
#
# | category | problem (LeetCode) | where |
# |---|---|---|
# | Arrays | Two Sum (#1) | 2.2 *Two budgets that fill the quota*, 4.3 *Two jobs that fill the slot* |
# | Arrays | Best Time to Buy/Sell Stock (#121) | 4.1 *The best reserved-capacity deal* |
# | Arrays | Container With Most Water (#11) | 4.1 *The biggest tank between two walls* |
# | Strings | Longest Substring Without Repeating (#3) | 4.4 *Longest stretch without a repeat* |
# | Strings | Valid Parentheses (#20) | 3.1 *Balanced brackets* |
# | Strings | Group Anagrams (#49) | 3.3 *Group words that are anagrams* |
# | Trees | Maximum Depth of Binary Tree (#104) | 3.4 *How deep is the tree?* |
# | Trees | Validate BST (#98) | below: *Is it a search tree?* |
# | Trees | Lowest Common Ancestor (#236) | below: *The lowest common ancestor* |
# | Graphs | Number of Islands (#200) | below: *Count the islands* |
# | Graphs | Clone Graph (#133) | not written: a DFS with a dict from old node to copy (the visited set) |
# | Graphs | Course Schedule (#207, #210) | below: *An order to take the courses in* |
# | DP | Climbing Stairs (#70) | 2.3 *Ways up the staircase* |
# | DP | Coin Change (#322) | below: *Fewest coins* |
# | DP | Longest Common Subsequence (#1143) | below: *Longest common subsequence* |
# | Design | LRU Cache (#146) | 4.3 *Least-recently-used cache* |
# | Design | Min Stack (#155) | below: *A stack that knows its minimum* |
# | Design | Trie (#208) | 22.4 *top-k autocomplete with a trie* |
#
# The demo looks the recommended problems up in the course index, so the sections in the table's last column can be
# checked:

# %% course={"kind": "demo"}
recommended = ["Two Sum", "Best Time to Buy/Sell Stock", "Container With Most Water", "Valid Parentheses",
               "Group Anagrams", "Maximum Depth of Binary Tree", "Climbing Stairs", "LRU Cache"]
for title in recommended:
    sections = sorted({p["section"] for p in problem_index if p["name"] == title}, key=lambda s: tuple(map(int, s.split("."))))
    print(f"{title:30} sections {', '.join(sections)}")

# %% [markdown] course={"kind": "lesson", "id": "interview-tips", "covers": ["part-tips"]}
# ### Interview tips: a worked scenario
#
# The five tips are one conversation. Problem: *"given the start and end minutes of alerts, report the periods
# something was firing."*
#
# 1. **Clarify**: "Are ends inclusive? Do alerts that touch (ends at 5, next starts at 5) make one period? Sorted
#    input? Can it be empty?" (Here: yes they merge, unsorted, empty returns empty.)
# 2. **Think out loud**: "It is an intervals question: sort by start, then sweep."
# 3. **Brute force first**: "Compare every pair and merge until nothing changes: O(n³) in the worst case. Sorting
#    gives O(n log n)."
# 4. **Test with examples**: run the code on a nested alert (1–10 holds 2–3) and a touching pair by hand.
# 5. **Complexity**: "O(n log n) time for the sort, O(n) for the output."
#
# The nested case is the one people miss: after merging, the end is the **larger** of the two ends, not the later
# alert's end:

# %% course={"kind": "demo"}
def merge_naive(spans):
    out = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], e)  # takes the later alert's end
        else:
            out.append((s, e))
    return out


def merge_right(spans):
    out = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


alerts = [(2, 3), (1, 10), (10, 12), (15, 16)]
print("naive:", merge_naive(alerts))
print("right:", merge_right(alerts))

# %% [markdown] course={"kind": "exercise", "id": "pair-in-sorted"}
# ### Problem: A pair in a sorted list (after LeetCode's *Two Sum II*)
#
# `pair_in_sorted(nums, target)` gets a list of ints sorted in non-decreasing order. Return the positions
# `(i, j)` with `i < j` of a pair whose values add up to `target`: the one with the smallest `i` and, for that
# `i`, the largest `j` (what two pointers from both ends find), as a tuple, or `None` when there is none. Use each
# position at most once. It must take **O(n)** steps (two pointers: no nested loop, no dict, no binary search per
# element); the tests count executed lines and the additions and comparisons done on the numbers.
#
# `pair_in_sorted([1, 3, 4, 6, 9], 10)` → `(0, 4)` (1 + 9; 4 + 6 also works but its `i` is larger).

# %% [markdown] course={"kind": "hint"}
# Start with one pointer at each end. If the sum is too small, which end can never be part of an answer?

# %% [markdown] course={"kind": "hint"}
# Too small: move the left pointer right; too big: move the right pointer left. Stop when they meet (`lo < hi`,
# not `<=`, or one value is used twice).

# %% course={"kind": "solution", "equivalent": {"m-db23a76e": "total == target returned just above, so < and <= agree"}}
def pair_in_sorted(nums: list[int], target: int) -> tuple[int, int] | None:
    ### BEGIN SOLUTION
    lo, hi = 0, len(nums) - 1
    while lo < hi:
        total = nums[lo] + nums[hi]
        if total == target:
            return (lo, hi)
        if total < target:
            lo += 1
        else:
            hi -= 1
    return None
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert pair_in_sorted([1, 3, 4, 6, 9], 10) == (0, 4), "1 + 9 = 10 at positions 0 and 4"
assert type(pair_in_sorted([1, 3, 4, 6, 9], 10)) is tuple, "return a tuple"
assert pair_in_sorted([1, 3, 4, 6, 9], 100) is None, "no pair: None"

# %% course={"kind": "test", "points": 2}
assert pair_in_sorted([2, 5, 7], 10) is None, "5 + 5 would use position 1 twice"
assert pair_in_sorted([-4, -1, 0, 3, 8], -1) == (0, 3), "negative numbers: -4 + 3 (smallest i)"
### BEGIN HIDDEN TESTS
assert pair_in_sorted([], 0) is None and pair_in_sorted([5], 10) is None
assert pair_in_sorted([5, 5], 10) == (0, 1), "duplicates are two positions"
assert pair_in_sorted([1, 2], 3) == (0, 1) and pair_in_sorted([1, 2, 3, 4], 7) == (2, 3)
assert pair_in_sorted([1, 2, 3, 4], 3) == (0, 1) and pair_in_sorted([1, 2, 3, 4], 6) == (1, 3)
assert pair_in_sorted([0, 0, 0], 1) is None and pair_in_sorted([1, 1, 1], 2) == (0, 2)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
big = list(range(0, 4000, 2))
result, steps = count_steps(pair_in_sorted, big, 1, limit=20_000)
assert result is None, "even numbers never add up to an odd target"
assert count_steps(pair_in_sorted, big, 2 + 3998, limit=20_000)[0] == (1, 1999)
work = Meter(24_000, unit="operations on the numbers", hint="two pointers need a few per number; a binary search for every number is O(n log n)")
assert pair_in_sorted(counted(range(0, 8000, 2), work), 1) is None, "4000 numbers, no pair: at most a few operations each"

# %% course={"kind": "wrong", "id": "nested-loops", "fails": ["t2", "t3"]}
def pair_in_sorted(nums, target):
    for i in range(len(nums)):
        for j in range(i + 1, len(nums)):
            if nums[i] + nums[j] == target:
                return (i, j)
    return None

# %% course={"kind": "wrong", "id": "meet-in-the-middle", "fails": ["t2"]}
def pair_in_sorted(nums, target):
    lo, hi = 0, len(nums) - 1
    while lo <= hi:
        total = nums[lo] + nums[hi]
        if total == target:
            return (lo, hi)
        if total < target:
            lo += 1
        else:
            hi -= 1
    return None

# %% course={"kind": "wrong", "id": "binary-search-each", "fails": ["t3"]}
import bisect


def pair_in_sorted(nums, target):
    for i in range(len(nums)):
        j = bisect.bisect_right(nums, target - nums[i], i + 1) - 1  # the largest j: right answers, O(n log n)
        if j > i and nums[i] + nums[j] == target:
            return (i, j)
    return None

# %% [markdown] course={"kind": "exercise", "id": "shortest-run"}
# ### Problem: The shortest run that reaches a target (after LeetCode's *Minimum Size Subarray Sum*)
#
# `shortest_run(values, target)` gets a list of **positive** ints (requests per second, say) and a positive
# `target`. Return the length of the shortest contiguous run whose sum is **at least** `target`, or `0` when no
# run reaches it. O(n) steps: a sliding window, checked by counting executed lines and the additions done on the
# values (so `sum(values[left:right + 1])` inside the loop, one line but a hidden loop, is too slow).
#
# `shortest_run([2, 3, 1, 2, 4, 3], 7)` → `2` (the run `[4, 3]`).

# %% [markdown] course={"kind": "hint"}
# Add the value at `right` to a running total; while the total reaches the target, the window `left..right` is an
# answer: record it, then drop `values[left]` and move `left` on.

# %% [markdown] course={"kind": "hint"}
# The window `left..right` holds `right - left + 1` values. Start the best at "none found" (0, or infinity turned
# into 0 at the end).

# %% course={"kind": "solution", "equivalent": {"m-a57cde01": "any start above len(values) means none found; no run is longer than len(values)"}}
def shortest_run(values: list[int], target: int) -> int:
    ### BEGIN SOLUTION
    best = len(values) + 1
    left = total = 0
    for right, value in enumerate(values):
        total += value
        while total >= target:
            best = min(best, right - left + 1)
            total -= values[left]
            left += 1
    return best if best <= len(values) else 0
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert shortest_run([2, 3, 1, 2, 4, 3], 7) == 2, "the run [4, 3]"
assert shortest_run([1, 1, 1], 5) == 0, "no run reaches 5: 0"

# %% course={"kind": "test", "points": 2}
assert shortest_run([1, 4, 4], 4) == 1, "a single value that reaches the target is a run of length 1"
assert shortest_run([1, 2, 3], 6) == 3, "the whole list, sum exactly the target"
### BEGIN HIDDEN TESTS
assert shortest_run([], 1) == 0 and shortest_run([7], 7) == 1 and shortest_run([6], 7) == 0
assert shortest_run([5, 1, 1, 1, 5], 7) == 3 and shortest_run([1, 1, 1, 1, 9], 10) == 2
assert shortest_run([3, 1, 1, 3], 4) == 2 and shortest_run([10, 2, 3], 5) == 1
assert type(shortest_run([1, 2], 3)) is int
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
flat = [1] * 3000 + [3000]
assert count_steps(shortest_run, flat, 3001, limit=30_000)[0] == 2
work = Meter(20_000, unit="operations on the values", hint="a window adds each value once and subtracts it once")
assert shortest_run(counted(flat, work), 3001) == 2, "3001 values: each added to the total and taken off once"

# %% course={"kind": "wrong", "id": "off-by-one-window", "fails": ["t1", "t2", "t3"]}
def shortest_run(values, target):
    best = len(values) + 1
    left = total = 0
    for right, value in enumerate(values):
        total += value
        while total >= target:
            best = min(best, right - left)
            total -= values[left]
            left += 1
    return best if best <= len(values) else 0

# %% course={"kind": "wrong", "id": "every-start", "fails": ["t3"]}
def shortest_run(values, target):
    best = 0
    for i in range(len(values)):
        total = 0
        for j in range(i, len(values)):
            total += values[j]
            if total >= target:
                if best == 0 or j - i + 1 < best:
                    best = j - i + 1
                break
    return best

# %% course={"kind": "wrong", "id": "sum-every-window", "fails": ["t3"]}
def shortest_run(values, target):
    best = 0
    left = 0
    for right in range(len(values)):
        while left <= right and sum(values[left:right + 1]) >= target:  # one line, but O(n) each time
            if best == 0 or right - left + 1 < best:
                best = right - left + 1
            left += 1
    return best

# %% [markdown] course={"kind": "exercise", "id": "count-islands", "timeout": 10}
# ### Problem: Count the islands (after LeetCode's *Number of Islands*)
#
# A rack map is a list of equal-length strings: `"#"` is a busy server, `"."` an empty slot. Servers that touch
# up, down, left or right (not diagonally) form one island. `count_islands(grid)` returns how many islands there
# are. Do not change `grid`; an empty list or empty rows have 0 islands.
#
# ```
# count_islands(["##..",
#                "#..#",
#                "..##"])  → 2
# ```

# %% [markdown] course={"kind": "hint"}
# Scan every cell; an unvisited `#` starts a new island: count it, then visit everything connected to it.

# %% [markdown] course={"kind": "hint"}
# Keep a `seen` set of `(row, col)` and a stack (or `deque`) of cells to visit; add a cell to `seen` when you put
# it on the stack, so no cell is visited twice. An explicit stack avoids the recursion limit on big maps.

# %% course={"kind": "solution", "equivalent": {"m-d220746b": "the start cell is then added when a neighbour finds it (the outer scan has passed it), one extra visit, same count"}}
def count_islands(grid: list[str]) -> int:
    ### BEGIN SOLUTION
    seen: set[tuple[int, int]] = set()
    islands = 0
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell != "#" or (r, c) in seen:
                continue
            islands += 1
            seen.add((r, c))
            stack = [(r, c)]
            while stack:
                y, x = stack.pop()
                for ny, nx in ((y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)):
                    if 0 <= ny < len(grid) and 0 <= nx < len(row) and grid[ny][nx] == "#" and (ny, nx) not in seen:
                        seen.add((ny, nx))
                        stack.append((ny, nx))
    return islands
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert count_islands(["##..", "#..#", "..##"]) == 2, "two islands in the example"
assert count_islands(["#.#", ".#.", "#.#"]) == 5, "diagonal neighbours do not join islands"

# %% course={"kind": "test", "points": 2}
assert count_islands([]) == 0 and count_islands(["", ""]) == 0 and count_islands(["..."]) == 0, "no servers"
ring = ["#####", "#...#", "#.#.#", "#...#", "#####"]
assert count_islands(ring) == 2, "a ring is one island (the walk must not go round it for ever), plus its centre"
### BEGIN HIDDEN TESTS
assert count_islands(["#"]) == 1 and count_islands(["#", "#"]) == 1 and count_islands(["##"]) == 1
assert count_islands(["#.", ".#"]) == 2 and count_islands([".#", "#."]) == 2
assert count_islands(["...#", "...#", "##.."]) == 2 and count_islands(["#..", "...", "..#"]) == 2
assert count_islands(["#.#.#"]) == 3 and count_islands(["#", ".", "#"]) == 2
assert count_islands(["#.#", "###"]) == 1 and count_islands(["..#", ".##", "##."]) == 1, "walks up as well as down"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
snake = ["#" * 60 if r % 2 == 0 else ("." * 59 + "#" if r % 4 == 1 else "#" + "." * 59) for r in range(61)]
frozen = list(snake)
assert count_islands(snake) == 1, "one long snake of 1860 servers, deeper than the recursion limit"
assert snake == frozen, "the grid must not change"
### BEGIN HIDDEN TESTS
assert count_islands(["#" * 40] * 40) == 1
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "diagonals-count", "fails": ["t1", "t2"]}
def count_islands(grid):
    seen = set()
    islands = 0
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell != "#" or (r, c) in seen:
                continue
            islands += 1
            seen.add((r, c))
            stack = [(r, c)]
            while stack:
                y, x = stack.pop()
                for dy in (-1, 0, 1):
                    for dx in (-1, 0, 1):
                        ny, nx = y + dy, x + dx
                        if 0 <= ny < len(grid) and 0 <= nx < len(row) and grid[ny][nx] == "#" and (ny, nx) not in seen:
                            seen.add((ny, nx))
                            stack.append((ny, nx))
    return islands

# %% course={"kind": "wrong", "id": "recursive-dfs", "fails": ["t3"]}
def count_islands(grid):
    seen = set()

    def sink(y, x):
        if not (0 <= y < len(grid) and 0 <= x < len(grid[y])) or grid[y][x] != "#" or (y, x) in seen:
            return
        seen.add((y, x))
        sink(y + 1, x)
        sink(y - 1, x)
        sink(y, x + 1)
        sink(y, x - 1)

    islands = 0
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell == "#" and (r, c) not in seen:
                islands += 1
                sink(r, c)
    return islands

# %% course={"kind": "wrong", "id": "no-visited-set", "fails": ["t1", "t2", "t3"]}
def count_islands(grid):
    def explore(y, x):
        if 0 <= y < len(grid) and 0 <= x < len(grid[y]) and grid[y][x] == "#":
            for ny, nx in ((y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)):
                explore(ny, nx)  # walks back to where it came from, for ever

    islands = 0
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell == "#":
                islands += 1
                explore(r, c)
    return islands

# %% [markdown] course={"kind": "exercise", "id": "course-order", "timeout": 10}
# ### Problem: An order to take the courses in (after LeetCode's *Course Schedule II*)
#
# Courses (or services to deploy, packages to install) are numbered `0..n-1`; `needs` is a list of pairs
# `(a, b)` meaning *b must come before a*. `study_order(n, needs)` returns a list of all `n` courses in an order
# that respects every pair, or `None` when there is a cycle. When several courses are ready at once, take the
# **smallest number first**, so the answer is unique. Do not change `needs`.
#
# `study_order(4, [(1, 0), (2, 0), (3, 1), (3, 2)])` → `[0, 1, 2, 3]`; `study_order(2, [(0, 1), (1, 0)])` → `None`.

# %% [markdown] course={"kind": "hint"}
# Count for each course how many courses it still waits for (its in-degree). The ready ones have 0.

# %% [markdown] course={"kind": "hint"}
# Keep the ready courses in a heap (`heapq`) so the smallest comes out first; taking a course lowers the count of
# every course that needs it. If fewer than `n` courses come out, the rest are stuck on a cycle.

# %% course={"kind": "solution", "equivalent": {"m-210520bf": "a list built from range(n) in order is already a valid heap"}}
def study_order(n: int, needs: list[tuple[int, int]]) -> list[int] | None:
    ### BEGIN SOLUTION
    waiting = [0] * n
    unlocks: list[list[int]] = [[] for _ in range(n)]
    for course, before in needs:
        waiting[course] += 1
        unlocks[before].append(course)
    ready = [c for c in range(n) if waiting[c] == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        course = heapq.heappop(ready)
        order.append(course)
        for nxt in unlocks[course]:
            waiting[nxt] -= 1
            if waiting[nxt] == 0:
                heapq.heappush(ready, nxt)
    return order if len(order) == n else None
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert study_order(4, [(1, 0), (2, 0), (3, 1), (3, 2)]) == [0, 1, 2, 3], "the example"
assert study_order(2, [(0, 1), (1, 0)]) is None, "a cycle: None"

# %% course={"kind": "test", "points": 2}
assert study_order(3, [(0, 2)]) == [1, 2, 0], "1 and 2 are ready first; 0 waits for 2"
assert study_order(3, [(0, 1)]) == [1, 0, 2], "0 becomes ready after 1 and is smaller than 2: smallest ready first"
### BEGIN HIDDEN TESTS
assert study_order(0, []) == [] and study_order(1, []) == [0] and study_order(3, []) == [0, 1, 2]
assert study_order(1, [(0, 0)]) is None, "a course that needs itself"
assert study_order(5, [(4, 0), (1, 4), (2, 1), (1, 2)]) is None, "a cycle deeper in the graph"
assert study_order(5, [(0, 4), (0, 3), (3, 4), (1, 0)]) == [2, 4, 3, 0, 1]
assert study_order(3, [(2, 0), (2, 0), (1, 2)]) == [0, 2, 1], "a pair listed twice"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
pairs = [(1, 0), (2, 1)]
assert type(study_order(3, pairs)) is list and pairs == [(1, 0), (2, 1)], "a list, and needs unchanged"

# %% course={"kind": "wrong", "id": "fifo-ties", "fails": ["t2"]}
def study_order(n, needs):
    waiting = [0] * n
    unlocks = [[] for _ in range(n)]
    for course, before in needs:
        waiting[course] += 1
        unlocks[before].append(course)
    ready = deque(c for c in range(n) if waiting[c] == 0)
    order = []
    while ready:
        course = ready.popleft()
        order.append(course)
        for nxt in unlocks[course]:
            waiting[nxt] -= 1
            if waiting[nxt] == 0:
                ready.append(nxt)
    return order if len(order) == n else None

# %% course={"kind": "wrong", "id": "no-cycle-check", "fails": ["t1", "t2"]}
def study_order(n, needs):
    waiting = [0] * n
    unlocks = [[] for _ in range(n)]
    for course, before in needs:
        waiting[course] += 1
        unlocks[before].append(course)
    ready = [c for c in range(n) if waiting[c] == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        course = heapq.heappop(ready)
        order.append(course)
        for nxt in unlocks[course]:
            waiting[nxt] -= 1
            if waiting[nxt] == 0:
                heapq.heappush(ready, nxt)
    return order

# %% [markdown] course={"kind": "exercise", "id": "fewest-coins", "timeout": 10}
# ### Problem: Fewest coins (after LeetCode's *Coin Change*)
#
# `fewest_coins(coins, amount)` gets a list of distinct positive coin values (any number of each) and an amount
# `>= 0`. Return the smallest number of coins that add up to exactly `amount`, or `-1` when it cannot be done.
# Amount 0 needs 0 coins. Work in O(amount × len(coins)) steps: the tests count them.
#
# `fewest_coins([1, 3, 4], 6)` → `2` (3 + 3; taking the biggest coin first gives 4 + 1 + 1).

# %% [markdown] course={"kind": "hint"}
# Taking the biggest coin that fits is not always best. The best for `a` is 1 + the best for `a - c`, over every
# coin `c <= a` whose remainder can be paid.

# %% [markdown] course={"kind": "hint"}
# Fill a table `best[0..amount]` from 0 upwards: `best[0] = 0`, and "impossible" as infinity (`float("inf")`)
# until the end, where it becomes `-1`.

# %% course={"kind": "solution", "equivalent": {"m-0ad14554": "any marker above amount works: no answer uses more than amount coins", "m-d7867796": "at a = 0 no positive coin fits, so best[0] stays 0"}}
def fewest_coins(coins: list[int], amount: int) -> int:
    ### BEGIN SOLUTION
    impossible = amount + 1
    best = [0] + [impossible] * amount
    for a in range(1, amount + 1):
        for coin in coins:
            if coin <= a:
                best[a] = min(best[a], best[a - coin] + 1)
    return best[amount] if best[amount] < impossible else -1
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert fewest_coins([1, 3, 4], 6) == 2, "3 + 3 beats greedy's 4 + 1 + 1"
assert fewest_coins([1, 2, 5], 11) == 3, "5 + 5 + 1"

# %% course={"kind": "test", "points": 2}
assert fewest_coins([5, 7], 9) == -1, "9 cannot be paid with 5s and 7s"
assert fewest_coins([2], 0) == 0, "amount 0 needs no coins"
### BEGIN HIDDEN TESTS
assert fewest_coins([], 0) == 0 and fewest_coins([], 3) == -1 and fewest_coins([3], 3) == 1
assert fewest_coins([7, 5], 24) == 4 and fewest_coins([5, 7], 12) == 2 and fewest_coins([2], 1) == -1
assert fewest_coins([9, 6, 1], 12) == 2 and fewest_coins([1], 1) == 1 and fewest_coins([4, 1], 8) == 2
assert fewest_coins([10, 1], 9) == 9 and fewest_coins([3, 5], 7) == -1 and fewest_coins([3, 5], 11) == 3
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert count_steps(fewest_coins, [7, 11, 13], 600, limit=40_000)[0] == 48, "600 takes 48 coins of 7, 11 and 13; a table of 600 entries, not a recursion tree"

# %% course={"kind": "wrong", "id": "greedy-biggest", "fails": ["t1", "t2", "t3"]}
def fewest_coins(coins, amount):
    used = 0
    for coin in sorted(coins, reverse=True):
        used += amount // coin
        amount %= coin
    return used if amount == 0 else -1

# %% course={"kind": "wrong", "id": "plain-recursion", "fails": ["t3"]}
def fewest_coins(coins, amount):
    if amount == 0:
        return 0
    options = [fewest_coins(coins, amount - c) for c in coins if c <= amount]
    options = [o for o in options if o >= 0]
    return 1 + min(options) if options else -1

# %% [markdown] course={"kind": "exercise", "id": "common-subsequence"}
# ### Problem: Longest common subsequence (after LeetCode's *Longest Common Subsequence*)
#
# A subsequence keeps some characters of a string in their order, not necessarily next to each other (`"ace"` is
# one of `"abcde"`). `lcs_length(a, b)` returns the length of the longest string that is a subsequence of both: how
# much two versions of a config line have in common, say. Any characters, unicode included; upper and lower case
# are different characters. Work in O(len(a) × len(b)) steps: the tests count them.
#
# `lcs_length("abcde", "ace")` → `3`; `lcs_length("abc", "def")` → `0`.

# %% [markdown] course={"kind": "hint"}
# Compare the last characters. Equal: they end a common subsequence, 1 + the answer without both. Different: the
# better of dropping one from `a` or one from `b`.

# %% [markdown] course={"kind": "hint"}
# A table `row[j]` for prefixes, filled row by row (two rows are enough), or the recursion on `(i, j)` with
# `functools.cache`.

# %% course={"kind": "solution", "equivalent": {"m-8cd47440": "the first row is only read at j and j + 1 <= len(b), and prev[-1] is 0 either way when a is empty"}}
def lcs_length(a: str, b: str) -> int:
    ### BEGIN SOLUTION
    prev = [0] * (len(b) + 1)
    for ch in a:
        row = [0]
        for j, other in enumerate(b):
            row.append(prev[j] + 1 if ch == other else max(prev[j + 1], row[j]))
        prev = row
    return prev[-1]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert lcs_length("abcde", "ace") == 3, "a, c, e in order"
assert lcs_length("abc", "def") == 0, "nothing in common"

# %% course={"kind": "test", "points": 2}
assert lcs_length("abc", "cba") == 1, "order matters: common letters are not enough"
assert lcs_length("axbyc", "abc") == 3, "a subsequence may skip characters"
### BEGIN HIDDEN TESTS
assert lcs_length("", "abc") == 0 and lcs_length("abc", "") == 0 and lcs_length("", "") == 0
assert lcs_length("aaaa", "aa") == 2 and lcs_length("aa", "aaaa") == 2 and lcs_length("a", "a") == 1
assert lcs_length("naïve café", "naive cafe") == 8, "unicode characters compare as characters"
assert lcs_length("ABCBDAB", "BDCABA") == 4 and lcs_length("xyzab", "abxyz") == 3
assert lcs_length("abcd", "dabc") == 3 and lcs_length("bab", "ab") == 2
assert lcs_length("ABC", "abc") == 0 and lcs_length("Pod", "pod") == 2, "case matters: 'P' is not 'p'"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
assert count_steps(lcs_length, "pod-" * 15, "node" * 15, limit=40_000)[0] == 30, (
    "60 by 60 characters: a table of 3600 cells, not a recursion tree"
)

# %% course={"kind": "wrong", "id": "shared-letters", "fails": ["t2"]}
def lcs_length(a, b):
    return sum((Counter(a) & Counter(b)).values())

# %% course={"kind": "wrong", "id": "common-substring", "fails": ["t1", "t2", "t3"]}
def lcs_length(a, b):
    best = 0
    for i in range(len(a)):
        for j in range(i + 1, len(a) + 1):
            if a[i:j] in b:
                best = max(best, j - i)
    return best

# %% course={"kind": "wrong", "id": "recursion-without-memo", "fails": ["t3"]}
def lcs_length(a, b):
    if not a or not b:
        return 0
    if a[-1] == b[-1]:
        return 1 + lcs_length(a[:-1], b[:-1])
    return max(lcs_length(a[:-1], b), lcs_length(a, b[:-1]))  # the same pairs again and again

# %% [markdown] course={"kind": "exercise", "id": "top-k-words"}
# ### Problem: The k most frequent words (after LeetCode's *Top K Frequent Words*)
#
# `top_words(words, k)` returns the `k` most frequent words of a list (error codes from a log, say) as a list, most
# frequent first; words with the **same count come in alphabetical order**. Fewer than `k` distinct words: all of
# them. Do not change `words`.
#
# `top_words(["pod", "node", "pod", "job", "node", "api"], 2)` → `["node", "pod"]` (both twice: alphabetical).

# %% [markdown] course={"kind": "hint"}
# Count with `collections.Counter`. `most_common` breaks ties by first appearance, not alphabetically.

# %% [markdown] course={"kind": "hint"}
# Sort (or take `heapq.nsmallest(k, ...)` of) the pairs by the key `(-count, word)`: a higher count first, then the
# word in alphabetical order.

# %% course={"kind": "solution"}
def top_words(words: list[str], k: int) -> list[str]:
    ### BEGIN SOLUTION
    counts = Counter(words)
    return [word for _, word in heapq.nsmallest(k, ((-n, w) for w, n in counts.items()))]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert top_words(["pod", "node", "pod", "job", "node", "api"], 2) == ["node", "pod"], "ties alphabetical"
assert top_words(["b", "a", "b"], 1) == ["b"], "b appears twice"

# %% course={"kind": "test", "points": 2}
assert top_words(["x", "y", "z", "y"], 3) == ["y", "x", "z"], "y twice, then x and z (once each) in order"
assert top_words(["web", "db"], 5) == ["db", "web"], "fewer distinct words than k: all of them"
### BEGIN HIDDEN TESTS
assert top_words([], 3) == [] and top_words(["a"], 0) == []
assert top_words(["é", "e", "é", "z", "z", "e"], 2) == ["e", "z"] and top_words(["B", "a", "b"], 3) == ["B", "a", "b"]
assert top_words(["q", "r", "r", "s", "s", "s"], 3) == ["s", "r", "q"]
logs = ["e500", "e404", "e500", "e503"]
assert type(top_words(logs, 1)) is list and logs == ["e500", "e404", "e500", "e503"]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "most-common-ties", "fails": ["t1", "t2"]}
def top_words(words, k):
    return [word for word, _ in Counter(words).most_common(k)]

# %% course={"kind": "wrong", "id": "reverse-everything", "fails": ["t1", "t2"]}
def top_words(words, k):
    counts = Counter(words)
    return sorted(counts, key=lambda w: (counts[w], w), reverse=True)[:k]

# %% [markdown] course={"kind": "exercise", "id": "merge-streams"}
# ### Problem: Merge sorted streams (after LeetCode's *Merge k Sorted Lists*)
#
# `merge_streams(streams)` gets a list of iterators, each yielding numbers in non-decreasing order (log timestamps
# from several hosts). It is a **generator** yielding all numbers in non-decreasing order, reading each stream only
# as far as it needs (the streams may be huge): at most one number ahead per stream. Equal numbers come out in
# stream order (stream 0's first). Write it with `heapq.heappush`/`heappop`, not `heapq.merge` or `sorted`.
#
# `list(merge_streams([iter([1, 4]), iter([2, 3]), iter([])]))` → `[1, 2, 3, 4]`.

# %% [markdown] course={"kind": "hint"}
# Keep in a heap the next number of every stream that is not used up; the smallest is the next to yield.

# %% [markdown] course={"kind": "hint"}
# Push `(value, stream_number)` tuples: two equal values then compare by stream number (an iterator cannot be
# compared, so never put it in the tuple's second place). After yielding, read that stream's next number with
# `next(stream, None)`... careful, a number may be falsy: compare with `is None`, or catch `StopIteration`.

# %% course={"kind": "solution"}
def merge_streams(streams):
    ### BEGIN SOLUTION
    heap = []
    for i, stream in enumerate(streams):
        for value in stream:
            heapq.heappush(heap, (value, i))
            break
    while heap:
        value, i = heapq.heappop(heap)
        yield value
        for nxt in streams[i]:
            heapq.heappush(heap, (nxt, i))
            break
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert list(merge_streams([iter([1, 4]), iter([2, 3]), iter([])])) == [1, 2, 3, 4], "the example"
assert type(merge_streams([])).__name__ == "generator" and list(merge_streams([])) == [], "a generator; none: empty"

# %% course={"kind": "test", "points": 2}
assert list(merge_streams([iter([0, 0, 5]), iter([0, 2])])) == [0, 0, 0, 2, 5], "0 is a number too"
assert list(merge_streams([iter([3, 3]), iter([3])])) == [3, 3, 3], "equal numbers from two streams"
### BEGIN HIDDEN TESTS
assert list(merge_streams([iter([-2, 7])])) == [-2, 7] and list(merge_streams([iter([]), iter([])])) == []
assert list(merge_streams([iter([5]), iter([1]), iter([3])])) == [1, 3, 5]
assert list(merge_streams([iter([1.5, 2]), iter([1, 2, 2.5])])) == [1, 1.5, 2, 2, 2.5]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def guarded(values, reads):
    for v in values:
        reads.append(v)
        yield v
    raise AssertionError("read past the end of a stream: it is endless in real life")


reads = []
merged = merge_streams([guarded([1, 5, 9], reads), guarded([2, 3], reads)])
assert [next(merged), next(merged)] == [1, 2], "the first two numbers"
assert len(reads) <= 4, f"after two numbers, at most one ahead per stream may be read; read {reads}"
assert "merge" not in merge_streams.__code__.co_names and "sorted" not in merge_streams.__code__.co_names

# %% course={"kind": "test", "points": 1}
class Tagged:
    def __init__(self, value, tag):
        self.value, self.tag = value, tag

    def __lt__(self, other):
        return self.value < other.value

    def __eq__(self, other):
        return self.value == other.value


out = list(merge_streams([iter([Tagged(1, "a0"), Tagged(2, "a1")]), iter([Tagged(1, "b0"), Tagged(2, "b1")])]))
assert [t.tag for t in out] == ["a0", "b0", "a1", "b1"], "equal numbers in stream order"

# %% course={"kind": "wrong", "id": "sort-everything", "fails": ["t3"]}
def merge_streams(streams):
    everything = []
    for stream in streams:
        everything.extend(stream)
    everything.sort()
    yield from everything

# %% course={"kind": "wrong", "id": "iterator-in-heap", "fails": ["t2", "t4"]}
def merge_streams(streams):
    heap = []
    for stream in streams:
        for value in stream:
            heapq.heappush(heap, (value, stream))
            break
    while heap:
        value, stream = heapq.heappop(heap)
        yield value
        for nxt in stream:
            heapq.heappush(heap, (nxt, stream))
            break

# %% [markdown] course={"kind": "exercise", "id": "merge-spans"}
# ### Problem: Merge overlapping alert spans (after LeetCode's *Merge Intervals*)
#
# `merge_spans(spans)` gets a list of `(start, end)` tuples (`start <= end`, in any order) and returns a new list of
# tuples, sorted by start, where overlapping **or touching** spans (`(1, 3)` and `(3, 5)`) are merged into one. Do
# not change `spans`.
#
# `merge_spans([(8, 10), (1, 3), (2, 6), (15, 18)])` → `[(1, 6), (8, 10), (15, 18)]`.

# %% [markdown] course={"kind": "hint"}
# Sort a copy by start. Then each span either overlaps the last merged one or starts a new one.

# %% [markdown] course={"kind": "hint"}
# Overlap when `start <= last_end`. The merged end is `max(last_end, end)`: a span can sit entirely inside another.

# %% course={"kind": "solution"}
def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    ### BEGIN SOLUTION
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert merge_spans([(8, 10), (1, 3), (2, 6), (15, 18)]) == [(1, 6), (8, 10), (15, 18)], "the example"
assert merge_spans([(1, 3), (3, 5)]) == [(1, 5)], "touching spans merge"

# %% course={"kind": "test", "points": 2}
assert merge_spans([(1, 10), (2, 3)]) == [(1, 10)], "a span inside another keeps the outer end"
assert merge_spans([(5, 6), (1, 2)]) == [(1, 2), (5, 6)], "sorted by start"
assert merge_spans([(8, 9), (1, 2), (5, 6), (4, 8)]) == [(1, 2), (4, 9)], "merging into the last span, not the first"
### BEGIN HIDDEN TESTS
assert merge_spans([]) == [] and merge_spans([(4, 4)]) == [(4, 4)] and merge_spans([(2, 3), (2, 3)]) == [(2, 3)]
assert merge_spans([(-5, -1), (-2, 0), (1, 2)]) == [(-5, 0), (1, 2)]
assert merge_spans([(1, 4), (0, 4)]) == [(0, 4)] and merge_spans([(1, 2), (4, 5), (2, 4)]) == [(1, 5)]
assert merge_spans([(6, 8), (1, 9), (2, 4), (4, 7)]) == [(1, 9)] and merge_spans([(1, 2), (3, 4)]) == [(1, 2), (3, 4)]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
given = [(3, 4), (1, 2)]
result = merge_spans(given)
assert given == [(3, 4), (1, 2)] and result is not given, "return a new list; the caller's is unchanged"
assert all(type(span) is tuple for span in result) and type(result) is list, "a list of tuples"

# %% course={"kind": "wrong", "id": "later-end-wins", "fails": ["t2"]}
def merge_spans(spans):
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged

# %% course={"kind": "wrong", "id": "sort-in-place", "fails": ["t3"]}
def merge_spans(spans):
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged

# %% course={"kind": "wrong", "id": "strict-overlap", "fails": ["t1", "t2"]}
def merge_spans(spans):
    merged = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged

# %% [markdown] course={"kind": "exercise", "id": "min-stack"}
# ### Problem: A stack that knows its minimum (after LeetCode's *Min Stack*)
#
# Write a class `MinStack` with `push(x)`, `pop()` (removes and returns the top), `top()` (returns it without
# removing) and `minimum()` (the smallest value now on the stack). Every method takes O(1) time, whatever the size
# (the tests count the comparisons done on the values: `min(...)` or `sorted(...)` over the stack is a hidden
# loop); `pop`, `top` and `minimum` on an empty stack raise `IndexError`. `len(stack)` is the number of values.
#
# ```
# s = MinStack(); s.push(5); s.push(2); s.push(7)
# s.minimum() → 2;  s.pop() → 7;  s.pop() → 2;  s.minimum() → 5
# ```

# %% [markdown] course={"kind": "hint"}
# One "current minimum" variable is not enough: after popping the minimum, what was the minimum before it?

# %% [markdown] course={"kind": "hint"}
# Store pairs `(value, minimum including this value)` in a list; the top pair answers both `top()` and `minimum()`.

# %% course={"kind": "solution"}
class MinStack:
    """A stack whose smallest value is known in O(1)."""

    def __init__(self) -> None:
        ### BEGIN SOLUTION
        self._items: list[tuple[int, int]] = []
        ### END SOLUTION

    def push(self, x: int) -> None:
        ### BEGIN SOLUTION
        low = min(x, self._items[-1][1]) if self._items else x
        self._items.append((x, low))
        ### END SOLUTION

    def pop(self) -> int:
        ### BEGIN SOLUTION
        return self._items.pop()[0]
        ### END SOLUTION

    def top(self) -> int:
        ### BEGIN SOLUTION
        return self._items[-1][0]
        ### END SOLUTION

    def minimum(self) -> int:
        ### BEGIN SOLUTION
        return self._items[-1][1]
        ### END SOLUTION

    def __len__(self) -> int:
        ### BEGIN SOLUTION
        return len(self._items)
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
s = MinStack()
s.push(5)
s.push(2)
s.push(7)
assert s.minimum() == 2 and s.top() == 7 and len(s) == 3, "minimum 2, top 7, three values"
assert s.pop() == 7 and s.pop() == 2 and s.minimum() == 5, "after popping 7 and 2 the minimum is 5 again"

# %% course={"kind": "test", "points": 2}
s = MinStack()
for v in (3, 1, 1, 4):
    s.push(v)
assert s.pop() == 4 and s.pop() == 1 and s.minimum() == 1, "a duplicate minimum is still there"
assert s.pop() == 1 and s.minimum() == 3 and s.top() == 3 and len(s) == 1
s.push(1)
s.push(5)
s.push(4)
assert s.minimum() == 1, "the minimum under 5 and 4 is still 1"
### BEGIN HIDDEN TESTS
s = MinStack()
s.push(-2)
s.push(0)
s.push(-3)
assert s.minimum() == -3 and s.pop() == -3 and s.top() == 0 and s.minimum() == -2 and len(s) == 2
assert s.pop() == 0 and s.pop() == -2 and len(s) == 0
s.push(9)
assert s.minimum() == 9 and s.top() == 9, "a stack emptied and used again"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
s = MinStack()
for method in (s.pop, s.top, s.minimum):
    try:
        method()
    except IndexError:
        pass
    else:
        raise AssertionError(f"{method.__name__}() on an empty stack must raise IndexError")
assert len(s) == 0

# %% course={"kind": "test", "points": 2}
s = MinStack()
work = Meter(10_000, unit="comparisons and sums of the values", hint="each method may look at a value or two, not the stack")
for v in counted(range(3000, 0, -1), work):
    s.push(v)
_, steps = count_steps(lambda: [s.minimum() for _ in range(500)])
assert steps < 5_000, f"500 calls of minimum() on 3000 values took {steps} steps: each must be O(1)"
assert [s.minimum() for _ in range(500)][-1] == 1 and s.top() == 1, "3000 pushes and 500 minimum() calls"
assert [s.pop() for _ in range(1000)][-1] == 1000 and s.minimum() == 1001, "1000 pops, then the minimum again"

# %% course={"kind": "wrong", "id": "one-minimum", "fails": ["t1", "t2", "t4"]}
class MinStack:
    def __init__(self):
        self._items = []
        self._low = None

    def push(self, x):
        self._items.append(x)
        if self._low is None or x < self._low:
            self._low = x

    def pop(self):
        return self._items.pop()

    def top(self):
        return self._items[-1]

    def minimum(self):
        if not self._items:
            raise IndexError("empty")
        return self._low

    def __len__(self):
        return len(self._items)

# %% course={"kind": "wrong", "id": "scan-for-minimum", "fails": ["t4"]}
class MinStack:
    def __init__(self):
        self._items = []

    def push(self, x):
        self._items.append(x)

    def pop(self):
        return self._items.pop()

    def top(self):
        return self._items[-1]

    def minimum(self):
        if not self._items:
            raise IndexError("empty")
        low = self._items[0]
        for v in self._items:
            if v < low:
                low = v
        return low

    def __len__(self):
        return len(self._items)

# %% course={"kind": "wrong", "id": "builtin-min", "fails": ["t4"]}
class MinStack:
    def __init__(self):
        self._items = []

    def push(self, x):
        self._items.append(x)

    def pop(self):
        return self._items.pop()

    def top(self):
        return self._items[-1]

    def minimum(self):
        if not self._items:
            raise IndexError("minimum of an empty stack")
        return min(self._items)  # one line, but it reads the whole stack

    def __len__(self):
        return len(self._items)

# %% course={"kind": "wrong", "id": "min-of-empty", "fails": ["t3"]}
class MinStack:
    def __init__(self):
        self._items = []

    def push(self, x):
        low = min(x, self._items[-1][1]) if self._items else x
        self._items.append((x, low))

    def pop(self):
        return self._items.pop()[0]

    def top(self):
        return self._items[-1][0] if self._items else None

    def minimum(self):
        return self._items[-1][1] if self._items else None

    def __len__(self):
        return len(self._items)

# %% [markdown] course={"kind": "exercise", "id": "is-search-tree"}
# ### Problem: Is it a search tree? (after LeetCode's *Validate Binary Search Tree*)
#
# A tree node is a tuple `(value, left, right)`, an empty tree is `None`. `is_search_tree(tree)` returns `True` when
# every value in a node's left subtree is **strictly smaller** than the node's value and every value in its right
# subtree **strictly larger**, at every node; else `False`. The empty tree is a search tree.
#
# `is_search_tree((5, (3, None, None), (8, (6, None, None), None)))` → `True`.

# %% [markdown] course={"kind": "hint"}
# Checking each node against its two children only is not enough: a value deep in the left subtree can be larger
# than the root.

# %% [markdown] course={"kind": "hint"}
# Pass down the open range `(low, high)` a subtree's values must lie in: going left, `high` becomes the node's
# value; going right, `low` does. Start with `None` for "no limit" (values may be any comparable numbers).

# %% course={"kind": "solution"}
def is_search_tree(tree, low=None, high=None) -> bool:
    ### BEGIN SOLUTION
    if tree is None:
        return True
    value, left, right = tree
    if low is not None and value <= low:
        return False
    if high is not None and value >= high:
        return False
    return is_search_tree(left, low, value) and is_search_tree(right, value, high)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
leaf = lambda v: (v, None, None)  # noqa: E731
assert is_search_tree((5, leaf(3), (8, leaf(6), None))) is True, "the example"
assert is_search_tree((5, leaf(7), None)) is False, "7 on the left of 5"

# %% course={"kind": "test", "points": 2}
assert is_search_tree((5, (3, None, leaf(6)), leaf(8))) is False, "6 is right of 3 but left of 5: too big"
assert is_search_tree((5, leaf(1), (8, leaf(4), None))) is False, "4 is left of 8 but right of 5: too small"
### BEGIN HIDDEN TESTS
assert is_search_tree(None) is True and is_search_tree(leaf(0)) is True and is_search_tree(leaf(-4)) is True
assert is_search_tree((5, leaf(5), None)) is False and is_search_tree((5, None, leaf(5))) is False, "equal is not allowed"
assert is_search_tree((0, leaf(-1), leaf(1))) is True and is_search_tree((0, leaf(1), leaf(-1))) is False
assert is_search_tree((10, (5, leaf(2), leaf(9)), (15, leaf(11), leaf(20)))) is True
assert is_search_tree((10, (5, leaf(2), leaf(10)), None)) is False and is_search_tree((10, None, (15, leaf(10), None))) is False
assert is_search_tree((10, None, (15, (12, leaf(11), leaf(13)), None))) is True
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "children-only", "fails": ["t2"]}
def is_search_tree(tree, low=None, high=None):
    if tree is None:
        return True
    value, left, right = tree
    if left is not None and left[0] >= value:
        return False
    if right is not None and right[0] <= value:
        return False
    return is_search_tree(left) and is_search_tree(right)

# %% course={"kind": "wrong", "id": "allows-equal", "fails": ["t2"]}
def is_search_tree(tree, low=None, high=None):
    if tree is None:
        return True
    value, left, right = tree
    if low is not None and value < low:
        return False
    if high is not None and value > high:
        return False
    return is_search_tree(left, low, value) and is_search_tree(right, value, high)

# %% [markdown] course={"kind": "exercise", "id": "common-ancestor"}
# ### Problem: The lowest common ancestor (after LeetCode's *Lowest Common Ancestor of a Binary Tree*)
#
# A tree of teams (nodes are `(value, left, right)` tuples as above, `None` for no child, all values distinct, in
# **no particular order**: not a search tree). `common_ancestor(tree, p, q)` returns the value of the deepest node
# that has both `p` and `q` below it or is one of them (a node counts as below itself). Both values are in the tree.
#
# ```
#         3
#       /   \
#      5     1          common_ancestor(tree, 6, 2) → 5
#     / \   / \         common_ancestor(tree, 5, 4) → 5 (5 is above 4)
#    6   2 0   8        common_ancestor(tree, 6, 8) → 3
#       / \
#      7   4
# ```

# %% [markdown] course={"kind": "hint"}
# The values are not ordered, so comparing `p` with a node's value tells you nothing about which side it is on.

# %% [markdown] course={"kind": "hint"}
# Recurse: a node that *is* `p` or `q` answers itself. Otherwise ask both children; if both found something, this
# node is the answer; if one did, pass its answer up.

# %% course={"kind": "solution"}
def common_ancestor(tree, p, q):
    ### BEGIN SOLUTION
    if tree is None:
        return None
    value, left, right = tree
    if value == p or value == q:
        return value
    from_left = common_ancestor(left, p, q)
    from_right = common_ancestor(right, p, q)
    if from_left is not None and from_right is not None:
        return value
    return from_left if from_left is not None else from_right
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
leaf = lambda v: (v, None, None)  # noqa: E731
teams = (3, (5, leaf(6), (2, leaf(7), leaf(4))), (1, leaf(0), leaf(8)))
assert common_ancestor(teams, 6, 2) == 5, "6 and 2 both sit under 5"
assert common_ancestor(teams, 6, 8) == 3, "one on each side of the root"

# %% course={"kind": "test", "points": 2}
assert common_ancestor(teams, 5, 4) == 5, "5 is above 4, so 5 itself"
assert common_ancestor(teams, 4, 5) == 5 and common_ancestor(teams, 3, 0) == 3, "the order of p and q does not matter"
### BEGIN HIDDEN TESTS
assert common_ancestor(teams, 7, 4) == 2 and common_ancestor(teams, 0, 8) == 1 and common_ancestor(teams, 7, 8) == 3
assert common_ancestor(teams, 4, 4) == 4 and common_ancestor(leaf(9), 9, 9) == 9
zero = (0, (1, None, leaf(2)), None)
assert common_ancestor(zero, 2, 1) == 1 and common_ancestor(zero, 0, 2) == 0, "0 is a value too"
chain = (1, None, (2, None, (3, leaf(4), None)))
assert common_ancestor(chain, 4, 2) == 2 and common_ancestor(chain, 3, 4) == 3
assert common_ancestor((7, (0, leaf(1), leaf(2)), leaf(3)), 1, 2) == 0, "an answer of 0 passed up is still an answer"
assert common_ancestor(teams, 0, 0) == 0
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "search-tree-logic", "fails": ["t1", "t2"]}
def common_ancestor(tree, p, q):
    value, left, right = tree
    if p < value and q < value and left is not None:
        return common_ancestor(left, p, q)
    if p > value and q > value and right is not None:
        return common_ancestor(right, p, q)
    return value

# %% course={"kind": "wrong", "id": "paths-to-parents", "fails": ["t2"]}
def common_ancestor(tree, p, q):
    def path(node, target, trail):
        if node is None:
            return None
        value, left, right = node
        if value == target:
            return trail
        return path(left, target, trail + [value]) or path(right, target, trail + [value])

    to_p, to_q = path(tree, p, []), path(tree, q, [])
    common = None
    for a, b in zip(to_p, to_q):
        if a != b:
            break
        common = a
    return common

# %% [markdown] course={"kind": "exercise", "id": "next-problems"}
# ### Your own practice picker
#
# Write `next_problems(folder, index, pattern=None, count=3)`, the core of `course.runtime.practice`:
#
# - `index` is a list of problem dicts like the rows of `data/24.1-problems.json` (`"section"`, `"id"`, `"name"`,
#   `"difficulty"`, `"patterns"`); a problem may be listed by two sections with the same id.
# - A problem is **solved** when its id is ticked in *any* section notebook of the course folder `folder`, counted
#   the way `course progress` counts: `read_ticks(metadata, section, items).ticked`, where `section` is
#   `metadata["course"]["section"]` and `items` the strings of that notebook's checklist,
#   `metadata["course"]["items"]` (none when it is missing or not a list; a tick for an item the checklist no
#   longer has does not count). Use the given `section_notebooks(folder)`,
#   `read_metadata(path)` (which returns `(metadata, why)`, metadata `None` when the file cannot be read) and
#   `read_ticks` (which ignores damaged progress instead of raising). Skip notebooks that cannot be read or whose
#   `metadata["course"]` is not a dict with a `"section"` string.
# - Return up to `count` unsolved problems having `pattern` among their patterns (any pattern when `None`), as
#   `(section, id)` tuples in this order: difficulty as in `DIFFICULTIES` (`"Easy"` first), then the section
#   **by number** (`"2.2"` before `"10.1"`), then the name.
#
# With only `2.2`'s `dsa-two-sum` ticked, a hashing picker skips Two Sum in 2.2 *and* in 4.3: on this course's
# index, `next_problems(folder, problem_index, "hashing")` → `[("2.2", "dsa-single-number"), ("2.3",
# "dsa-contains-duplicate"), ("3.3", "dsa-filter-elements")]`.

# %% [markdown] course={"kind": "hint"}
# First collect the solved ids into a set (ids, not `(section, id)` pairs: a problem solved in 2.2 is solved in
# 4.3 too). Check each notebook's `course = metadata.get("course")` with `isinstance` before trusting it, and keep
# only the string items of its `items` list. Then filter the index and sort it with one key function.

# %% [markdown] course={"kind": "hint"}
# Sort key: `(DIFFICULTIES.index(p["difficulty"]), tuple(int(x) for x in p["section"].split(".")), p["name"])`.
# Comparing `"10.1" < "2.2"` as strings is `True`, which is why the section must become numbers.

# %% course={"kind": "solution"}
def next_problems(folder, index, pattern=None, count=3):
    ### BEGIN SOLUTION
    solved = set()
    for path in section_notebooks(Path(folder)):
        metadata, _why = read_metadata(path)
        info = metadata.get("course") if metadata is not None else None
        if not isinstance(info, dict) or not isinstance(info.get("section"), str):
            continue
        items = info.get("items")
        known = [item for item in items if isinstance(item, str)] if isinstance(items, list) else []
        solved.update(read_ticks(metadata, info["section"], known).ticked)
    todo = [p for p in index if p["id"] not in solved and (pattern is None or pattern in p["patterns"])]
    todo.sort(key=lambda p: (DIFFICULTIES.index(p["difficulty"]), tuple(int(x) for x in p["section"].split(".")), p["name"]))
    return [(p["section"], p["id"]) for p in todo[:count]]
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
def row(section, pid, name, difficulty, *patterns):
    return {"section": section, "id": pid, "name": name, "difficulty": difficulty, "patterns": list(patterns)}


toy_index = [
    row("4.3", "dsa-two-sum", "Two Sum", "Easy", "hashing"),
    row("10.1", "dsa-h2o", "Building H2O", "Medium", "simulation"),
    row("2.2", "dsa-two-sum", "Two Sum", "Easy", "hashing"),
    row("4.3", "dsa-lru", "LRU Cache", "Medium", "hashing", "simulation"),
    row("2.3", "dsa-stairs", "Climbing Stairs", "Easy", "dp"),
    row("3.3", "dsa-anagrams", "Group Anagrams", "Medium", "hashing", "strings"),
    row("9.1", "dsa-iter", "Peeking Iterator", "Hard", "simulation"),
]
fresh = scratch_dir("practice-fresh")
assert next_problems(fresh, toy_index) == [("2.2", "dsa-two-sum"), ("2.3", "dsa-stairs"), ("4.3", "dsa-two-sum")], (
    "nothing solved: the three easiest, section by number"
)
assert next_problems(fresh, toy_index, "dp", count=5) == [("2.3", "dsa-stairs")], "only dp problems"

# %% course={"kind": "test", "points": 2}
my_folder = scratch_dir("practice-my_folder")
write_section_notebook(my_folder, "2.2", ["dsa-two-sum", "x-loops"], ["dsa-two-sum", "x-loops"])
write_section_notebook(my_folder, "2.3", ["dsa-stairs"], [])
assert next_problems(my_folder, toy_index, "hashing") == [("3.3", "dsa-anagrams"), ("4.3", "dsa-lru")], (
    "Two Sum is solved in 2.2, so it is solved in 4.3 too"
)
assert next_problems(my_folder, toy_index, "simulation", count=10) == [("4.3", "dsa-lru"), ("10.1", "dsa-h2o"), ("9.1", "dsa-iter")]
### BEGIN HIDDEN TESTS
assert next_problems(my_folder, toy_index, "strings", count=0) == [] and next_problems(my_folder, toy_index, "heap") == []
write_section_notebook(my_folder, "4.3", ["dsa-lru"], "dsa-lru")  # damaged: a string, not a list
write_section_notebook(my_folder, "3.3", ["dsa-anagrams"], None)  # no progress key at all
(my_folder / "phase-01").mkdir(exist_ok=True)
(my_folder / "phase-01" / "1.1.ipynb").write_text("{ not json", encoding="utf-8")  # read first: skip it, go on
assert next_problems(my_folder, toy_index, count=4) == [("2.3", "dsa-stairs"), ("3.3", "dsa-anagrams"), ("4.3", "dsa-lru"), ("10.1", "dsa-h2o")]
write_section_notebook(my_folder, "3.3", ["dsa-anagrams"], ["dsa-anagrams", "dsa-iter"], name="3.3-copy.ipynb")
assert next_problems(my_folder, toy_index, count=9) == [("2.3", "dsa-stairs"), ("4.3", "dsa-lru"), ("10.1", "dsa-h2o"), ("9.1", "dsa-iter")], (
    "dsa-anagrams is ticked in a copy of 3.3; its tick for dsa-iter, not on that checklist, does not count"
)
write_section_notebook(my_folder, "5.1", ["dsa-stairs"], ["dsa-stairs"], course=["not", "a", "dict"])
write_section_notebook(my_folder, "5.2", ["dsa-stairs"], ["dsa-stairs"], course={"items": ["dsa-stairs"], "progress": {"5.2": ["dsa-stairs"]}})
assert next_problems(my_folder, toy_index, "dp") == [("2.3", "dsa-stairs")], "notebooks with no course section are skipped"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "sections-as-strings", "fails": ["t2"]}
def next_problems(folder, index, pattern=None, count=3):
    solved = set()
    for path in section_notebooks(Path(folder)):
        metadata, _why = read_metadata(path)
        info = metadata.get("course") if metadata is not None else None
        if not isinstance(info, dict) or not isinstance(info.get("section"), str):
            continue
        items = info.get("items")
        known = [item for item in items if isinstance(item, str)] if isinstance(items, list) else []
        solved.update(read_ticks(metadata, info["section"], known).ticked)
    todo = [p for p in index if p["id"] not in solved and (pattern is None or pattern in p["patterns"])]
    todo.sort(key=lambda p: (DIFFICULTIES.index(p["difficulty"]), p["section"], p["name"]))  # "10.1" < "2.2" as text
    return [(p["section"], p["id"]) for p in todo[:count]]

# %% course={"kind": "wrong", "id": "solved-per-section", "fails": ["t2"]}
def next_problems(folder, index, pattern=None, count=3):
    solved = set()
    for path in section_notebooks(Path(folder)):
        metadata, _why = read_metadata(path)
        info = metadata.get("course") if metadata is not None else None
        if not isinstance(info, dict) or not isinstance(info.get("section"), str):
            continue
        items = info.get("items")
        known = [item for item in items if isinstance(item, str)] if isinstance(items, list) else []
        solved.update((info["section"], t) for t in read_ticks(metadata, info["section"], known).ticked)
    todo = [p for p in index if (p["section"], p["id"]) not in solved and (pattern is None or pattern in p["patterns"])]
    todo.sort(key=lambda p: (DIFFICULTIES.index(p["difficulty"]), tuple(int(x) for x in p["section"].split(".")), p["name"]))
    return [(p["section"], p["id"]) for p in todo[:count]]

# %% course={"kind": "wrong", "id": "ignores-the-checklist", "fails": ["t2"]}
def next_problems(folder, index, pattern=None, count=3):
    solved = set()
    for path in section_notebooks(Path(folder)):
        metadata, _why = read_metadata(path)
        if metadata is None:
            continue
        info = metadata.get("course") or {}
        ticks = (info.get("progress") or {}).get(info.get("section"))
        if isinstance(ticks, list):
            solved.update(ticks)  # a stale tick counts, and course=[...] raises AttributeError
    todo = [p for p in index if p["id"] not in solved and (pattern is None or pattern in p["patterns"])]
    todo.sort(key=lambda p: (DIFFICULTIES.index(p["difficulty"]), tuple(int(x) for x in p["section"].split(".")), p["name"]))
    return [(p["section"], p["id"]) for p in todo[:count]]

# %% course={"kind": "wrong", "id": "trusts-the-progress", "fails": ["t2"]}
def next_problems(folder, index, pattern=None, count=3):
    solved = set()
    for path in section_notebooks(Path(folder)):
        metadata, _why = read_metadata(path)
        info = metadata["course"]
        solved.update(info.get("progress", {}).get(info["section"], []))
    todo = [p for p in index if p["id"] not in solved and (pattern is None or pattern in p["patterns"])]
    todo.sort(key=lambda p: (DIFFICULTIES.index(p["difficulty"]), tuple(int(x) for x in p["section"].split(".")), p["name"]))
    return [(p["section"], p["id"]) for p in todo[:count]]

# %% [markdown] course={"kind": "task", "id": "mock-interview", "points": 3}
# ### A recorded mock interview
#
# Pick one unsolved problem with `pick_next(problem_index, mine)` (or the picker you wrote), set a 45-minute timer
# and solve it **out loud**, following the lesson's time-box table, in a plain editor without running code until
# minute 35. Record yourself (audio is enough) or ask a friend to play interviewer. Then write, in a markdown cell
# below: the problem, your clarifying questions, the brute force and its complexity, the pattern you chose and
# why, the final complexity, where you got stuck and for how long, and one thing you will do differently.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: clarifying questions name concrete edge cases (empty input, duplicates, sizes), not generic ones.
# - 1 point: a brute force with its complexity is stated before the optimised approach, and the chosen pattern is
#   justified by the shape of the problem.
# - 1 point: an honest review: where time went, the stuck point, and one specific change (not "practise more").
