# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can read a piece of code and say how its running time and
# memory grow with the input (Big O), measure that growth by counting and by timing, and
# replace a quadratic loop by a linear one using the right data structure.

# %% course={"kind": "setup"}
# Tools that measure how much WORK code does, never how long it takes, so results are the same on
# every computer: `Counted` is an int that counts the operations done on it, `count_steps` counts
# the Python lines a call runs. They live in the course package (`Counted??` shows the code).
import sys

from course.runtime.meters import Counted, count_steps

# %% [markdown] course={"kind": "lesson", "id": "analysis", "covers": ["c-what-is-algorithm-analysis"]}
# ### What algorithm analysis is
#
# Two scripts give the same answer; which one will still be fine when the log file is 100
# times bigger? Timing them once does not tell you: the time depends on the machine, on what
# else is running, and above all on the input you happened to try. **Algorithm analysis**
# answers the question on paper: count the **basic steps** (comparisons, additions, lookups) a
# piece of code performs as a function of the **input size n**, and look at how that count
# **grows** when n grows.
#
# In DevOps and MLOps work this is capacity planning in miniature: the script that takes a
# second on today's 10,000 hosts, pods or rows is the one that pages you at 1,000,000. The
# mistake is to trust a single benchmark on small data.
#
# The demo counts the Python lines executed (with `count_steps` from the setup cell) by two
# ways of adding up 1..n:

# %% course={"kind": "demo"}
def total_loop(n: int) -> int:
    total = 0
    for i in range(1, n + 1):
        total += i
    return total


def total_formula(n: int) -> int:
    return n * (n + 1) // 2


print(f"{'n':>7} {'loop steps':>11} {'formula steps':>14}")
for n in (10, 100, 1000, 10000):
    (a, loop_steps), (b, formula_steps) = count_steps(total_loop, n), count_steps(total_formula, n)
    assert a == b
    print(f"{n:>7} {loop_steps:>11} {formula_steps:>14}")

# %% [markdown] course={"kind": "lesson", "id": "big-o", "covers": ["c-big-o-notation", "c-o-1-constant-time", "c-o-log-n-logarithmic-time", "c-o-n-linear-time", "c-o-n-log-n-linearithmic-time", "c-o-n2-quadratic-time", "c-o-2-n-exponential-time", "c-o-n-factorial-time"]}
# ### Big O notation
#
# "The step count is **O(g(n))**" means: for large enough n, the count is at most a constant
# times g(n). Big O keeps only the **shape** of the growth, so two rules do most of the work:
#
# - **drop constant factors**: 3n + 7 steps is O(n); 0.5n² is O(n²);
# - **keep only the fastest-growing term**: n² + 100n + 5 is O(n²).
#
# | class | name | what doubling n does | typical code |
# |---|---|---|---|
# | O(1) | constant | nothing | `d[key]`, `lst[i]`, `len(lst)` |
# | O(log n) | logarithmic | adds one step | binary search, halving loops |
# | O(n) | linear | doubles the work | one pass over the data, `x in lst` |
# | O(n log n) | linearithmic | a bit more than doubles | `sorted()`, good sorting in general |
# | O(n²) | quadratic | quadruples | all pairs, a list lookup inside a loop |
# | O(2ⁿ) | exponential | squares it (n+1 doubles it) | every subset, naive recursion |
# | O(n!) | factorial | worse still | every ordering (brute-force route planning) |
#
# The first four are usually fine for millions of items; O(n²) stops being fine around ten
# thousand; O(2ⁿ) and O(n!) only work for tiny n (30 and 12 or so). The table below shows why:

# %% course={"kind": "demo"}
import math


def show(value: int) -> str:
    return f"{value:,}" if value < 10**9 else f"~10^{len(str(value)) - 1}"


growth = {
    "1": lambda n: 1,
    "log n": lambda n: round(math.log2(n)),
    "n": lambda n: n,
    "n log n": lambda n: round(n * math.log2(n)),
    "n^2": lambda n: n * n,
    "2^n": lambda n: 2**n,
    "n!": lambda n: math.factorial(n),
}
print(f"{'n':>6}" + "".join(f"{name:>15}" for name in growth))
for n in (10, 20, 50, 100, 1000):
    print(f"{n:>6}" + "".join(f"{show(f(n)):>15}" for f in growth.values()))

# %% [markdown] course={"kind": "lesson", "id": "omega-theta", "covers": ["c-big-omega-and-big-theta-awareness-level"]}
# ### Big Omega and Big Theta (awareness level)
#
# Big O is an **upper bound**: "never grows faster than". Two companions complete the picture:
#
# - **Ω (Big Omega)** is a **lower bound**: "grows at least this fast". Any algorithm that must
#   read all its input is Ω(n).
# - **Θ (Big Theta)** means **both**: "grows exactly like this, up to constants". Summing a list
#   is Θ(n).
#
# In interviews and everyday talk people say "O" when they mean "Θ": "sorting is O(n log n)"
# means "it takes about n log n". Be precise when it matters: insertion sort, below, is O(n²) and
# Ω(n): already sorted input costs a single pass, reversed input costs n²/2 comparisons.

# %% course={"kind": "demo"}
def insertion_sort(items: list) -> list:
    items = list(items)
    for i in range(1, len(items)):
        j = i
        while j > 0 and items[j - 1] > items[j]:  # each `>` is counted by Counted
            items[j - 1], items[j] = items[j], items[j - 1]
            j -= 1
    return items


print(f"{'n':>5} {'sorted input':>13} {'reversed input':>15}")
for n in (100, 200, 400):
    for order in ("sorted", "reversed"):
        data = [Counted(x) for x in (range(n) if order == "sorted" else range(n, 0, -1))]
        Counted.start()
        insertion_sort(data)
        if order == "sorted":
            best = Counted.stop()
        else:
            worst = Counted.stop()
    print(f"{n:>5} {best:>13} {worst:>15}")

# %% [markdown] course={"kind": "lesson", "id": "loop-analysis", "covers": ["c-analyzing-simple-loops", "c-single-loop-over-n-items-o-n", "c-nested-loops-o-n2", "c-loop-with-halving-o-log-n"]}
# ### Reading the complexity off a loop
#
# For simple loops the count is a multiplication:
#
# - **one loop over n items**, constant work inside: n rounds, **O(n)**;
# - **a loop inside a loop**, both over n items: n × n rounds, **O(n²)**. (Over `i < j` pairs it
#   is n(n−1)/2, still O(n²).) Loops one **after** another add instead: O(n) + O(n) = O(n);
# - **a loop that halves** (or doubles) its variable each round: it runs about log₂ n times,
#   **O(log n)**: the count of halvings from n down to 1.
#
# The trap is the **hidden loop**: a single line such as `if x in some_list`, `lst.index(x)`,
# `lst.insert(0, x)`, `s.count(...)` or `sorted(...)` inside a loop is a loop of its own.

# %% course={"kind": "demo"}
def single(n: int) -> int:
    rounds = 0
    for _ in range(n):
        rounds += 1
    return rounds


def nested(n: int) -> int:
    rounds = 0
    for _ in range(n):
        for _ in range(n):
            rounds += 1
    return rounds


def halving(n: int) -> int:
    rounds = 0
    while n > 1:
        n //= 2
        rounds += 1
    return rounds


print(f"{'n':>6} {'single':>8} {'nested':>10} {'halving':>8}")
for n in (16, 32, 64, 128, 256):
    print(f"{n:>6} {single(n):>8} {nested(n):>10} {halving(n):>8}")
print("doubling n: single doubles, nested quadruples, halving adds 1")

# %% [markdown] course={"kind": "lesson", "id": "space", "covers": ["c-space-complexity", "c-memory-usage-analysis", "c-auxiliary-space-vs-total-space", "c-trade-offs-between-time-and-space"]}
# ### Space complexity
#
# Memory grows with the input too, and is analysed the same way: how many values does the code
# keep **at the same time**?
#
# - **Total space** counts the input as well; **auxiliary space** counts only what the
#   algorithm adds. Reversing a list in place (`lst.reverse()`) needs O(1) auxiliary space;
#   `lst[::-1]` builds a second list, O(n). Usually "space complexity" means auxiliary space.
# - **Memory usage analysis** in practice: `sys.getsizeof(obj)` gives the size of one object
#   (not of what it refers to), and `tracemalloc` measures the peak memory a piece of code
#   allocates.
# - **Time-space trade-offs**: spending memory to save time is the most common optimisation,
#   e.g. a set of seen items (O(n) memory) turns an O(n²) duplicate check into O(n); a cache
#   turns repeated work into lookups. The reverse also happens: streaming a file line by line
#   instead of reading it whole trades nothing in time and saves O(n) memory. In a container with
#   a 512 MB limit, space is not an afterthought.

# %% course={"kind": "demo"}
import tracemalloc


def peak_kib(func) -> int:
    tracemalloc.start()
    func()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak // 1024


n = 200_000
data = list(range(n))
print("list of 200k ints, the list object alone:", sys.getsizeof(data) // 1024, "KiB")
print("reverse in place (O(1) aux):      peak", peak_kib(lambda: data.reverse()), "KiB")
print("reversed copy data[::-1] (O(n)):  peak", peak_kib(lambda: data[::-1]), "KiB")
print("sum of a list comprehension:      peak", peak_kib(lambda: sum([x * x for x in range(n)])), "KiB")
print("sum of a generator (O(1) aux):    peak", peak_kib(lambda: sum(x * x for x in range(n))), "KiB")

# %% [markdown] course={"kind": "lesson", "id": "cases", "covers": ["c-best-case-worst-case-average-case"]}
# ### Best, worst and average case
#
# The same code can do very different amounts of work on inputs of the same size. A linear
# search finds a target at the front in 1 comparison (**best case**), needs all n when the
# target is last or missing (**worst case**), and about n/2 on average when every position is
# equally likely (**average case**).
#
# Plan for the **worst case** unless you know your data: "usually fast" is how a quadratic code
# path hides until a particular input arrives. The average case matters for hash tables and
# quicksort, whose worst cases are rare but real. The best case is rarely worth quoting.

# %% course={"kind": "demo"}
import random

n = 1000
haystack = [Counted(x) for x in range(n)]


def comparisons_to_find(target: int) -> int:
    Counted.start()
    haystack.index(target)  # a linear search in C; every == is counted
    return Counted.stop()


rng = random.Random(42)
samples = [comparisons_to_find(rng.randrange(n)) for _ in range(200)]
print("best case  (first element):", comparisons_to_find(0))
print("worst case (last element): ", comparisons_to_find(n - 1))
print("average of 200 random targets:", sum(samples) / len(samples), " (theory: (n + 1) / 2 =", (n + 1) / 2, ")")

# %% [markdown] course={"kind": "lesson", "id": "amortized", "covers": ["c-amortized-analysis-introduction"]}
# ### Amortized analysis
#
# Some operations are usually cheap and occasionally expensive. `list.append` is the classic:
# the list keeps spare room, so most appends just fill a slot, but when the room runs out Python
# asks for a bigger block (about 1/8 bigger plus a little) and, unless the memory just after the
# old block happens to be free, copies every element there: O(n) for that one append. Because the room grows in proportion to the size, the expensive appends get
# rarer as the list grows, and the total cost of n appends is O(n). Spread over all of them,
# each append costs **O(1) amortized**.
#
# "Amortized" is a guarantee about a whole **sequence** of operations, not each one: a
# latency-sensitive service can still see the occasional slow append (or dict resize).

# %% course={"kind": "demo"}
items: list[int] = []
resizes = []
last_size = sys.getsizeof(items)
for i in range(100_000):
    items.append(i)
    size = sys.getsizeof(items)
    if size != last_size:  # the list moved to a bigger block, copying its elements
        resizes.append(len(items))
        last_size = size
print("appends:", len(items), "| resizes:", len(resizes))
print("first resizes happened at lengths:", resizes[:12])
print("elements copied if every resize copied the whole list:", sum(resizes),
      f"= {sum(resizes) / len(items):.1f} per append, a constant whatever the length")

# %% [markdown] course={"kind": "lesson", "id": "python-costs", "covers": ["c-common-complexity-classes-in-practice", "c-list-operations-complexity", "c-dictionary-operations-complexity", "c-string-operations-complexity"]}
# ### What Python's built-in operations cost
#
# | operation | cost | why |
# |---|---|---|
# | `lst[i]`, `lst[i] = x`, `len(lst)` | O(1) | a list is an array of references |
# | `lst.append(x)`, `lst.pop()` | O(1) amortized | work at the end only |
# | `lst.insert(0, x)`, `lst.pop(0)`, `del lst[0]` | O(n) | every later element shifts |
# | `x in lst`, `lst.index(x)`, `lst.count(x)`, `lst.remove(x)`, `min`/`max`/`sum` | O(n) | a scan |
# | `lst[a:b]`, `lst.copy()`, `lst + other` | O(k) | copies k elements |
# | `lst.sort()`, `sorted(lst)` | O(n log n) | Timsort |
# | `d[k]`, `d[k] = v`, `k in d`, `del d[k]`, same for `set` | O(1) average | hashing; O(n) worst case |
# | iterating a dict or set | O(n) | |
# | `len(s)`, `s[i]` for `str` | O(1) | |
# | `s + t`, slicing, `s.upper()`, `s.split()` | O(n) | strings are immutable: new string |
# | `sub in s`, `s.find(sub)`, `s.replace(...)` | O(n) typical | a scan of `s` |
# | `"".join(parts)` | O(total length) | one allocation |
#
# The costly mistakes are the O(n) operations that look like O(1): `pop(0)` on a list used as a
# queue (use `collections.deque`), `in` on a list inside a loop (use a set), and building a
# big string with `+=` in a loop (collect parts, then `"".join`).

# %% course={"kind": "demo"}
print(f"{'n':>6} {'x in list':>10} {'x in set':>9} {'list.index':>11}")
for n in (1000, 2000, 4000, 8000):
    values = [Counted(v) for v in range(n)]
    as_set = set(values)
    target = n - 1  # worst case for the scans
    row = []
    for op in (lambda: target in values, lambda: target in as_set, lambda: values.index(target)):
        Counted.start()
        op()
        row.append(Counted.stop())
    print(f"{n:>6} {row[0]:>10} {row[1]:>9} {row[2]:>11}")

# %% course={"kind": "demo"}
import timeit
from collections import deque

# Timing shows the same thing in seconds (your numbers will differ; the ratios will not).
for n in (10_000, 40_000):
    t_list = timeit.timeit("q.pop(0)", setup=f"q = list(range({n}))", number=5_000)
    t_deque = timeit.timeit("q.popleft()", setup=f"from collections import deque; q = deque(range({n}))", number=5_000)
    print(f"n={n:>6}: list.pop(0) {t_list * 1e6 / 5000:6.2f} µs, deque.popleft() {t_deque * 1e6 / 5000:6.2f} µs")

# %% [markdown] course={"kind": "exercise", "id": "snippet-complexity", "item": "x-analyze-the-time-complexity-of-your"}
# ### What is the time complexity of this code?
#
# Fill in `SNIPPET_COMPLEXITY` with the time complexity of each snippet below, in terms of `n`
# (the length of `items`, or the number `n`). Write the answers as `"O(1)"`, `"O(log n)"`,
# `"O(n)"`, `"O(n log n)"`, `"O(n^2)"` or `"O(2^n)"` (spaces, case and `n²` vs `n^2` do not
# matter).
#
# ```python
# # a                                        # b
# def total(items):                          def has_pair_sum(items, target):
#     result = 0                                 for i in range(len(items)):
#     for x in items:                                for j in range(i + 1, len(items)):
#         result += x                                    if items[i] + items[j] == target:
#     return result                                          return True
#                                                return False
# # c
# def halvings(n):                           # d
#     count = 0                              def unique(items):
#     while n > 0:                               seen = []
#         n //= 2                                for x in items:
#         count += 1                                 if x not in seen:
#     return count                                       seen.append(x)
#                                                return seen
# # e
# def median(items):                         # f
#     ordered = sorted(items)                def first_or_none(items):
#     return ordered[len(ordered) // 2]          return items[0] if items else None
#
# # g                                        # h
# def doubling_rows(n):                      def unique_fast(items):
#     rows = 0                                   seen, out = set(), []
#     for i in range(n):                         for x in items:
#         j = 1                                      if x not in seen:
#         while j < n:                                   seen.add(x)
#             j *= 2                                     out.append(x)
#             rows += 1                          return out
#     return rows
#                                            # i
#                                            def fib(n):
#                                                if n < 2:
#                                                    return n
#                                                return fib(n - 1) + fib(n - 2)
# ```
#
# ```python
# SNIPPET_COMPLEXITY = {"a": "O(n)", "b": ..., ...}   # one entry per letter, a to i
# ```

# %% [markdown] course={"kind": "hint"}
# Count how many times the innermost line runs. Nested loops multiply; a loop whose variable
# halves or doubles runs about log₂ n times.

# %% [markdown] course={"kind": "hint"}
# Look for hidden loops: `x not in seen` is a scan when `seen` is a list and a hash lookup when
# it is a set; `sorted` is O(n log n); each call of `fib` makes two more calls.

# %% course={"kind": "solution"}
SNIPPET_COMPLEXITY: dict[str, str] = {}
### BEGIN SOLUTION
SNIPPET_COMPLEXITY = {
    "a": "O(n)",
    "b": "O(n^2)",
    "c": "O(log n)",
    "d": "O(n^2)",
    "e": "O(n log n)",
    "f": "O(1)",
    "g": "O(n log n)",
    "h": "O(n)",
    "i": "O(2^n)",
}
### END SOLUTION

# %% course={"kind": "test", "points": 1}
def big_o(text):
    text = str(text).lower().replace(" ", "").replace("²", "^2").replace("**", "^")
    return text.replace("*", "").replace("log(n)", "logn")


assert big_o(SNIPPET_COMPLEXITY.get("a")) == "o(n)", "a: one pass over the items"
assert big_o(SNIPPET_COMPLEXITY.get("c")) == "o(logn)", "c: how many times can n be halved before it reaches 0?"
assert big_o(SNIPPET_COMPLEXITY.get("f")) == "o(1)", "f: does the work depend on the length at all?"

# %% course={"kind": "test", "points": 2}
def big_o(text):
    text = str(text).lower().replace(" ", "").replace("²", "^2").replace("**", "^")
    return text.replace("*", "").replace("log(n)", "logn")


assert big_o(SNIPPET_COMPLEXITY.get("b")) == "o(n^2)", "b: count the pairs (i, j) in the worst case"
assert big_o(SNIPPET_COMPLEXITY.get("e")) == "o(nlogn)", "e: what does sorted() cost?"
assert big_o(SNIPPET_COMPLEXITY.get("g")) == "o(nlogn)", "g: n rounds of the outer loop, each with a doubling loop"

# %% course={"kind": "test", "points": 2}
def big_o(text):
    text = str(text).lower().replace(" ", "").replace("²", "^2").replace("**", "^")
    return text.replace("*", "").replace("log(n)", "logn")


assert big_o(SNIPPET_COMPLEXITY.get("d")) == "o(n^2)", "d: what does `x not in seen` cost when seen is a list?"
assert big_o(SNIPPET_COMPLEXITY.get("h")) == "o(n)", "h: what does `x not in seen` cost when seen is a set?"
assert big_o(SNIPPET_COMPLEXITY.get("i")) == "o(2^n)", "i: each call makes two more calls"

# %% course={"kind": "wrong", "id": "in-looks-free", "fails": ["t3"]}
SNIPPET_COMPLEXITY = {"a": "O(n)", "b": "O(n^2)", "c": "O(log n)", "d": "O(n)", "e": "O(n log n)",
                      "f": "O(1)", "g": "O(n log n)", "h": "O(n)", "i": "O(2^n)"}

# %% course={"kind": "wrong", "id": "every-nest-is-quadratic", "fails": ["t2"]}
SNIPPET_COMPLEXITY = {"a": "O(n)", "b": "O(n²)", "c": "O(log n)", "d": "O(n²)", "e": "O(n log n)",
                      "f": "O(1)", "g": "O(n²)", "h": "O(n)", "i": "O(2^n)"}

# %% [markdown] course={"kind": "exercise", "id": "search-race", "item": "x-compare-linear-search-vs-binary-search"}
# ### Linear search against binary search
#
# Write two searches over a list `items` sorted in increasing order. Each returns
# `(index, probes)`: the index of `target` (or `-1` when it is absent) and how many **probes**
# it made, a probe being one look at one element `items[k]` (comparing the same element twice
# is still one probe).
#
# - `linear_search_probes(items, target)` looks at the elements from the front.
# - `binary_search_probes(items, target)` looks at the middle of the remaining range and
#   discards the half that cannot hold the target.
#
# ```python
# items = list(range(0, 2000, 2))       # 1000 even numbers
# linear_search_probes(items, 1998)     # (999, 1000)
# binary_search_probes(items, 1998)     # (999, 10)
# linear_search_probes(items, 7)        # (-1, 1000)
# ```
#
# For the linear search, keep it simple: look at every element until you find the target
# (`probes` is then `index + 1`, or `len(items)` when it is absent). The binary search must need
# at most `len(items).bit_length()` probes (that is ⌊log₂ n⌋ + 1) for any target.

# %% [markdown] course={"kind": "hint"}
# Binary search keeps two bounds, `lo = 0` and `hi = len(items) - 1`, and loops
# `while lo <= hi:` with `mid = (lo + hi) // 2`. Count one probe per round.

# %% [markdown] course={"kind": "hint"}
# Read `value = items[mid]` once per round, then compare `value` with the target: equal, found;
# smaller, `lo = mid + 1`; bigger, `hi = mid - 1`.

# %% course={"kind": "solution", "equivalent": {"m-b99beba3": "value == target has already returned above"}}
def linear_search_probes(items: list[int], target: int) -> tuple[int, int]:
    """(index of target or -1, number of elements looked at), scanning from the front."""
    ### BEGIN SOLUTION
    probes = 0
    for index, value in enumerate(items):
        probes += 1
        if value == target:
            return index, probes
    return -1, probes
    ### END SOLUTION


def binary_search_probes(items: list[int], target: int) -> tuple[int, int]:
    """(index of target or -1, number of elements looked at), halving the range each time."""
    ### BEGIN SOLUTION
    lo, hi = 0, len(items) - 1
    probes = 0
    while lo <= hi:
        mid = (lo + hi) // 2
        value = items[mid]
        probes += 1
        if value == target:
            return mid, probes
        if value < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1, probes
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
items = list(range(0, 2000, 2))
result = linear_search_probes(items, 1998)
assert result == (999, 1000) and type(result) is tuple, f"the tuple (index, probes) = (999, 1000), got {result!r}"
assert linear_search_probes(items, 0) == (0, 1), "found at the front after one probe"
assert linear_search_probes(items, 7) == (-1, 1000), "absent: every element was looked at"
assert linear_search_probes([], 5) == (-1, 0), "an empty list needs no probes"

# %% course={"kind": "test", "points": 2}
items = list(range(0, 2000, 2))
for target in (0, 2, 998, 1000, 1996, 1998):
    index, probes = binary_search_probes(items, target)
    assert index == target // 2, f"binary_search_probes(items, {target}) gave index {index}"
for target in (-1, 7, 999, 2000):
    index, probes = binary_search_probes(items, target)
    assert index == -1, f"{target} is not in the list, got index {index}"
assert binary_search_probes([], 3) == (-1, 0) and binary_search_probes([3], 3) == (0, 1), "empty and one-element lists"
odd = list(range(0, 1998, 2))  # 999 elements: the middle one is at index 499
result = binary_search_probes(odd, 998)
assert result == (499, 1) and type(result) is tuple, f"the middle element is found by the first probe: got {result!r}"
### BEGIN HIDDEN TESTS
for n in range(0, 40):
    data = list(range(0, 3 * n, 3))
    for t in range(-1, 3 * n + 1):
        expected = t // 3 if t % 3 == 0 and 0 <= t < 3 * n else -1
        assert binary_search_probes(data, t)[0] == expected, f"n={n}, target={t}"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
for n in (1, 2, 3, 7, 8, 1000):
    data = list(range(0, 2 * n, 2))
    for target in range(-1, 2 * n + 1):
        probes = binary_search_probes(data, target)[1]
        assert probes <= n.bit_length(), f"n={n}, target={target}: {probes} probes, at most {n.bit_length()} allowed"
big = list(range(1_000_000))
assert linear_search_probes(big, -5)[1] == 1_000_000, "a missing value costs a linear search every element"
assert binary_search_probes(big, -5)[1] <= 20, "a million elements need at most 20 probes"

# %% course={"kind": "wrong", "id": "lo-less-than-hi", "fails": ["t2"]}
def linear_search_probes(items, target):
    for index, value in enumerate(items):
        if value == target:
            return index, index + 1
    return -1, len(items)


def binary_search_probes(items, target):
    lo, hi, probes = 0, len(items) - 1, 0
    while lo < hi:
        mid = (lo + hi) // 2
        probes += 1
        if items[mid] == target:
            return mid, probes
        if items[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1, probes

# %% course={"kind": "wrong", "id": "binary-is-linear", "fails": ["t2", "t3"]}
def linear_search_probes(items, target):
    for index, value in enumerate(items):
        if value == target:
            return index, index + 1
    return -1, len(items)


def binary_search_probes(items, target):
    return linear_search_probes(items, target)

# %% course={"kind": "wrong", "id": "probes-off-by-one", "fails": ["t1"]}
def linear_search_probes(items, target):
    for index, value in enumerate(items):
        if value == target:
            return index, index
    return -1, len(items)


def binary_search_probes(items, target):
    lo, hi, probes = 0, len(items) - 1, 0
    while lo <= hi:
        mid = (lo + hi) // 2
        probes += 1
        if items[mid] == target:
            return mid, probes
        if items[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1, probes

# %% [markdown] course={"kind": "exercise", "id": "time-call", "item": "x-measure-actual-execution-time-using-time"}
# ### Measure the time of a call
#
# Write `time_call(func, *args, clock=time.perf_counter)` that calls `func(*args)` **once**
# and returns `(result, seconds)`: what the function returned and how long it took, measured by
# reading `clock()` just before and just after the call.
#
# ```python
# result, seconds = time_call(sorted, [3, 1, 2])
# result     # [1, 2, 3]
# seconds    # a small positive float, e.g. 1.9e-06
# ```
#
# Why `time.perf_counter` and not `time.time`? `perf_counter` is the highest-resolution clock
# available and never jumps: `time.time` is wall-clock time, which NTP or an administrator can
# move backwards. Taking the clock as a parameter also lets the tests pass a fake clock, so they
# can check your arithmetic exactly without timing anything real.

# %% [markdown] course={"kind": "hint"}
# `start = clock()`, then `result = func(*args)`, then `elapsed = clock() - start`.

# %% [markdown] course={"kind": "hint"}
# Use the `clock` parameter, not `time.perf_counter` directly, and call `func` only once.

# %% course={"kind": "solution"}
import time


def time_call(func, *args, clock=time.perf_counter):
    """Call func(*args) once; return (result, elapsed seconds measured with ``clock``)."""
    ### BEGIN SOLUTION
    start = clock()
    result = func(*args)
    elapsed = clock() - start
    return result, elapsed
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
class FakeClock:
    """A clock that only moves when the test says so."""

    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


clock = FakeClock()


def slow_add(a, b):
    clock.now += 0.25  # pretend this call takes a quarter of a second
    return a + b


returned = time_call(slow_add, 2, 3, clock=clock)
assert type(returned) is tuple and len(returned) == 2, f"return the tuple (result, seconds), got {returned!r}"
result, seconds = returned
assert result == 5, f"return what the function returned, got {result!r}"
assert seconds == 0.25, f"the call took 0.25 s on the clock given, you measured {seconds!r}"

# %% course={"kind": "test", "points": 1}
calls = []


def record(x):
    calls.append(x)
    return x * 2


result, seconds = time_call(record, 21)
assert result == 42, "return what the function returned"
assert calls == [21], f"call the function exactly once, it was called {len(calls)} times"

# %% course={"kind": "test", "points": 1}
import inspect
import time

assert inspect.signature(time_call).parameters["clock"].default is time.perf_counter, "the default clock is time.perf_counter"
result, seconds = time_call(sorted, [3, 1, 2])
assert result == [1, 2, 3], "return what the function returned"
assert isinstance(seconds, float) and 0 <= seconds < 5, f"a real measurement: small and not negative, got {seconds!r}"

# %% course={"kind": "wrong", "id": "ignores-clock", "fails": ["t1"]}
import time


def time_call(func, *args, clock=time.perf_counter):
    start = time.perf_counter()
    result = func(*args)
    return result, time.perf_counter() - start

# %% course={"kind": "wrong", "id": "calls-twice", "fails": ["t2"]}
import time


def time_call(func, *args, clock=time.perf_counter):
    start = clock()
    func(*args)
    elapsed = clock() - start
    return func(*args), elapsed

# %% course={"kind": "wrong", "id": "wall-clock-default", "fails": ["t3"]}
import time


def time_call(func, *args, clock=time.time):
    start = clock()
    result = func(*args)
    return result, clock() - start

# %% [markdown] course={"kind": "exercise", "id": "operation-complexity", "item": "x-identify-the-complexity-of-common-python"}
# ### The cost of everyday Python operations
#
# Fill in `OPERATION_COMPLEXITY` with the (average or amortized) time complexity of each
# operation, where `lst` is a list of n items, `d` a dict and `st` a set of n items, and `s`, `t`
# strings of length n. Use the same notation as before (`"O(1)"`, `"O(n)"`, `"O(n log n)"`...).
#
# ```python
# OPERATION_COMPLEXITY = {
#     "len(lst)": ..., "lst[i]": ..., "lst.append(x)": ..., "lst.pop()": ...,
#     "lst.pop(0)": ..., "lst.insert(0, x)": ..., "x in lst": ..., "lst.sort()": ...,
#     "d[k]": ..., "k in d": ..., "d[k] = v": ..., "x in st": ...,
#     "len(s)": ..., "s + t": ..., "s.upper()": ...,
# }
# ```

# %% [markdown] course={"kind": "hint"}
# Ask: does the operation have to touch (move, copy, compare) every element, or can it jump
# straight to one place? Working at the **end** of a list is cheap; at the **front**,
# everything shifts.

# %% [markdown] course={"kind": "hint"}
# Dicts and sets hash the key to find its slot directly. Strings are immutable, so any
# operation that produces a new string has to build all of it.

# %% course={"kind": "solution"}
OPERATION_COMPLEXITY: dict[str, str] = {}
### BEGIN SOLUTION
OPERATION_COMPLEXITY = {
    "len(lst)": "O(1)",
    "lst[i]": "O(1)",
    "lst.append(x)": "O(1)",
    "lst.pop()": "O(1)",
    "lst.pop(0)": "O(n)",
    "lst.insert(0, x)": "O(n)",
    "x in lst": "O(n)",
    "lst.sort()": "O(n log n)",
    "d[k]": "O(1)",
    "k in d": "O(1)",
    "d[k] = v": "O(1)",
    "x in st": "O(1)",
    "len(s)": "O(1)",
    "s + t": "O(n)",
    "s.upper()": "O(n)",
}
### END SOLUTION

# %% course={"kind": "test", "points": 2}
def big_o(text):
    text = str(text).lower().replace(" ", "").replace("²", "^2").replace("**", "^")
    return text.replace("*", "").replace("log(n)", "logn")


expected_list = {"len(lst)": "o(1)", "lst[i]": "o(1)", "lst.append(x)": "o(1)", "lst.pop()": "o(1)",
                 "lst.pop(0)": "o(n)", "lst.insert(0, x)": "o(n)", "x in lst": "o(n)", "lst.sort()": "o(nlogn)"}
wrong_list = [op for op, answer in expected_list.items() if big_o(OPERATION_COMPLEXITY.get(op)) != answer]
assert not wrong_list, f"list operations to think again about: {wrong_list}"

# %% course={"kind": "test", "points": 1}
def big_o(text):
    text = str(text).lower().replace(" ", "").replace("²", "^2").replace("**", "^")
    return text.replace("*", "").replace("log(n)", "logn")


wrong_hash = [op for op in ("d[k]", "k in d", "d[k] = v", "x in st") if big_o(OPERATION_COMPLEXITY.get(op)) != "o(1)"]
assert not wrong_hash, f"dict/set operations to think again about: {wrong_hash}"

# %% course={"kind": "test", "points": 1}
def big_o(text):
    text = str(text).lower().replace(" ", "").replace("²", "^2").replace("**", "^")
    return text.replace("*", "").replace("log(n)", "logn")


expected_str = {"len(s)": "o(1)", "s + t": "o(n)", "s.upper()": "o(n)"}
wrong_str = [op for op, answer in expected_str.items() if big_o(OPERATION_COMPLEXITY.get(op)) != answer]
assert not wrong_str, f"string operations to think again about: {wrong_str}"

# %% course={"kind": "wrong", "id": "everything-constant", "fails": ["t1", "t3"]}
OPERATION_COMPLEXITY = {op: "O(1)" for op in (
    "len(lst)", "lst[i]", "lst.append(x)", "lst.pop()", "lst.pop(0)", "lst.insert(0, x)", "x in lst",
    "lst.sort()", "d[k]", "k in d", "d[k] = v", "x in st", "len(s)", "s + t", "s.upper()")}

# %% course={"kind": "wrong", "id": "lookups-scan", "fails": ["t2"]}
OPERATION_COMPLEXITY = {
    "len(lst)": "O(1)", "lst[i]": "O(1)", "lst.append(x)": "O(1)", "lst.pop()": "O(1)",
    "lst.pop(0)": "O(n)", "lst.insert(0, x)": "O(n)", "x in lst": "O(n)", "lst.sort()": "O(n log n)",
    "d[k]": "O(1)", "k in d": "O(n)", "d[k] = v": "O(1)", "x in st": "O(n)",
    "len(s)": "O(1)", "s + t": "O(n)", "s.upper()": "O(n)",
}

# %% [markdown] course={"kind": "exercise", "id": "fast-common", "item": "x-optimize-a-slow-nested-loop-solution"}
# ### Optimise a slow nested loop
#
# This function finds the hosts present in both inventories. It is correct, and quadratic:
#
# ```python
# def slow_common(a, b):
#     result = []
#     for x in a:
#         for y in b:
#             if x == y and x not in result:
#                 result.append(x)
#     return result
# ```
#
# Write `fast_common(a, b)` that returns **the same list** (the values of `a` that also occur
# in `b`, each once, in the order of their first appearance in `a`) in O(len(a) + len(b)).
# The tests count the operations on the values and allow about 8 per element.
#
# ```python
# fast_common([5, 1, 5, 3, 9], [3, 5, 7])   # [5, 3]
# ```

# %% [markdown] course={"kind": "hint"}
# Both `y in b` (the inner loop) and `x not in result` scan a list. Which data structure answers
# "is it in there?" without scanning?

# %% [markdown] course={"kind": "hint"}
# Build `in_b = set(b)` once, keep a second set `seen` for what is already in the result, and
# still append to a list so the order is kept. `set(a) & set(b)` loses the order.

# %% course={"kind": "solution"}
def fast_common(a: list, b: list) -> list:
    """Values of ``a`` that also occur in ``b``, each once, in the order of ``a``."""
    ### BEGIN SOLUTION
    in_b = set(b)
    seen = set()
    result = []
    for x in a:
        if x in in_b and x not in seen:
            seen.add(x)
            result.append(x)
    return result
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
got = fast_common([5, 1, 5, 3, 9], [3, 5, 7])
assert got == [5, 3], f"in the order of a, each once: got {got}"
assert fast_common(["web-2", "db-1"], ["db-1", "web-2"]) == ["web-2", "db-1"], "works for strings; order of a"

# %% course={"kind": "test", "points": 1}
assert fast_common([], [1, 2]) == [] and fast_common([1, 2], []) == [], "an empty inventory has nothing in common"
assert fast_common([4, 4, 4], [4]) == [4], "duplicates in a appear once"
a, b = [3, 1, 2], [2, 3]
fast_common(a, b)
assert a == [3, 1, 2] and b == [2, 3], "do not change the inputs"
### BEGIN HIDDEN TESTS
import random

rng = random.Random(5)
for _ in range(50):
    xs = [rng.randrange(20) for _ in range(rng.randrange(15))]
    ys = [rng.randrange(20) for _ in range(rng.randrange(15))]
    expected = []
    for x in xs:
        if x in ys and x not in expected:
            expected.append(x)
    assert fast_common(xs, ys) == expected, f"fast_common({xs}, {ys})"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
a = [Counted(x) for x in range(0, 6000, 3)]  # 2000 values
b = [Counted(x) for x in range(0, 6000, 2)]  # 3000 values
Counted.start(limit=8 * (len(a) + len(b)))
try:
    got = fast_common(a, b)
finally:
    used = Counted.stop()
assert got == list(range(0, 6000, 6)), "the multiples of 6, in order"
print(f"{used} operations for {len(a) + len(b)} values")

# %% course={"kind": "wrong", "id": "still-nested", "fails": ["t3"]}
def fast_common(a, b):
    result = []
    for x in a:
        if x in b and x not in result:
            result.append(x)
    return result

# %% course={"kind": "wrong", "id": "set-intersection", "fails": ["t1", "t2", "t3"]}
def fast_common(a, b):
    return list(set(a) & set(b))

# %% [markdown] course={"kind": "exercise", "id": "benchmark", "item": "project-2-3-1"}
# ### Mini-project: Algorithm Timer
#
# Write `benchmark(func, make_input, sizes, repeat=3, clock=time.perf_counter)`. For each `n`
# in `sizes` it builds the input **once** with `make_input(n)` (building is not timed), then
# calls `func(data)` `repeat` times, timing each call separately with `clock`, and records a
# row `{"n": n, "min": ..., "avg": ..., "max": ...}` in seconds. It returns the rows in the
# order of `sizes`. `repeat` below 1 raises `ValueError`.
#
# ```python
# rows = benchmark(sorted, lambda n: list(range(n, 0, -1)), [1000, 10000], repeat=5)
# # [{'n': 1000, 'min': 4.0e-06, 'avg': 4.6e-06, 'max': 6.4e-06}, {'n': 10000, ...}]
# # (your numbers will differ)
# ```
#
# Why the minimum? Other programs and the garbage collector only ever make a run **slower**, so
# the fastest run is the closest to the code's own cost; the spread between min and max shows
# how noisy the measurement was.

# %% [markdown] course={"kind": "hint"}
# Two loops: over `sizes`, and inside it `for _ in range(repeat):` around
# `start = clock(); func(data); times.append(clock() - start)`.

# %% [markdown] course={"kind": "hint"}
# `min(times)`, `sum(times) / len(times)` and `max(times)`; the average is not
# `(min + max) / 2`.

# %% course={"kind": "solution"}
import time


def benchmark(func, make_input, sizes, repeat: int = 3, clock=time.perf_counter) -> list[dict]:
    """Time ``func`` on inputs of each size; min/avg/max seconds over ``repeat`` runs."""
    ### BEGIN SOLUTION
    if repeat < 1:
        raise ValueError("repeat must be at least 1")
    rows = []
    for n in sizes:
        data = make_input(n)
        times = []
        for _ in range(repeat):
            start = clock()
            func(data)
            times.append(clock() - start)
        rows.append({"n": n, "min": min(times), "avg": sum(times) / len(times), "max": max(times)})
    return rows
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


clock = FakeClock()
calls = []
built = []


def make_input(n):
    built.append(n)
    clock.now += 100.0  # building the input is slow, and must not be part of the timing
    return list(range(n))


def work(data):
    calls.append(len(data))
    clock.now += len(data) * 0.5  # takes half a second per item


rows = benchmark(work, make_input, [2, 4], repeat=3, clock=clock)
assert calls == [2, 2, 2, 4, 4, 4], f"func must run `repeat` times per size, on the built input: {calls}"
assert built == [2, 4], f"build each input once per size, not once per run: make_input was called for {built}"
assert [row["n"] for row in rows] == [2, 4], "one row per size, in order"
assert rows[0]["min"] == 1.0 and rows[1]["max"] == 2.0, f"time only the calls, not make_input: {rows}"

# %% course={"kind": "test", "points": 2}
class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


clock = FakeClock()
durations = iter([1.0, 1.0, 4.0])


def uneven(data):
    clock.now += next(durations)


rows = benchmark(uneven, lambda n: None, [10], repeat=3, clock=clock)
assert rows == [{"n": 10, "min": 1.0, "avg": 2.0, "max": 4.0}], f"the average of 1, 1 and 4 is 2: got {rows}"

# %% course={"kind": "test", "points": 1}
assert benchmark(sorted, list, [], repeat=2) == [], "no sizes, no rows"
try:
    benchmark(sorted, list, [5], repeat=0)
except ValueError:
    pass
else:
    raise AssertionError("repeat=0 cannot measure anything: raise ValueError")
rows = benchmark(sorted, lambda n: list(range(n, 0, -1)), [10, 100], repeat=2)
assert all(0 <= r["min"] <= r["avg"] <= r["max"] for r in rows), "with the real clock: min <= avg <= max"
rows = benchmark(len, lambda n: list(range(n)), [3], repeat=1)
assert len(rows) == 1 and rows[0]["min"] == rows[0]["avg"] == rows[0]["max"], "repeat=1 is allowed: one run, min = avg = max"

# %% course={"kind": "wrong", "id": "times-make-input", "fails": ["t1"]}
import time


def benchmark(func, make_input, sizes, repeat=3, clock=time.perf_counter):
    if repeat < 1:
        raise ValueError(repeat)
    rows = []
    for n in sizes:
        times = []
        for _ in range(repeat):
            start = clock()
            func(make_input(n))
            times.append(clock() - start)
        rows.append({"n": n, "min": min(times), "avg": sum(times) / len(times), "max": max(times)})
    return rows

# %% course={"kind": "wrong", "id": "midrange-average", "fails": ["t2"]}
import time


def benchmark(func, make_input, sizes, repeat=3, clock=time.perf_counter):
    if repeat < 1:
        raise ValueError(repeat)
    rows = []
    for n in sizes:
        data = make_input(n)
        times = []
        for _ in range(repeat):
            start = clock()
            func(data)
            times.append(clock() - start)
        rows.append({"n": n, "min": min(times), "avg": (min(times) + max(times)) / 2, "max": max(times)})
    return rows

# %% [markdown] course={"kind": "task", "id": "benchmark-report", "item": "project-2-3-1", "points": 3}
# ### Use the timer on real code
#
# Use your `benchmark` to compare `linear_search_probes` and `binary_search_probes` from
# earlier in this notebook (searching for a missing value) on sorted lists of 1,000 to
# 1,000,000 elements (at least four sizes). Print a table: n, and the minimum time of each search. Optionally plot time
# against n (matplotlib, both axes logarithmic). Then explain in two or three sentences what
# the numbers show, and why you report the minimum rather than a single run.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: the table covers at least four sizes spanning three orders of magnitude, produced by
#   `benchmark`, with the input built outside the timed part.
# - 1 point: the reading is right: linear search time grows about 10× per 10× n, binary search
#   time barely moves (it grows with log n, and is dominated by constant overheads).
# - 1 point: the minimum is justified (noise only adds time), and the learner notes that the
#   absolute numbers depend on the machine while the growth does not.

# %% [markdown] course={"kind": "exercise", "id": "guess-complexity", "item": "project-2-3-2"}
# ### Mini-project: Complexity Analyzer, the detector
#
# Given step counts measured at several input sizes, guess the complexity class. Write
# `guess_complexity(counts)` where `counts` maps input size `n` to the measured steps, e.g.
# from `count_steps`. Compare the counts with each candidate growth function `f`, in this order:
#
# | class | f(n) |
# |---|---|
# | `"O(1)"` | 1 |
# | `"O(log n)"` | log₂ n |
# | `"O(n)"` | n |
# | `"O(n log n)"` | n · log₂ n |
# | `"O(n^2)"` | n² |
# | `"O(2^n)"` | 2ⁿ |
#
# If the code is in class `f`, the ratio `steps / f(n)` is roughly the same at every size. So
# for each candidate compute the ratios and their **spread**, `max(ratio) / min(ratio)`, and
# return the class with the smallest spread (on a tie, the earlier class in the table).
# Raise `ValueError` if there are fewer than two sizes, any `n < 2`, or any count `<= 0`.
#
# ```python
# guess_complexity({16: 53, 32: 101, 64: 197, 128: 389})   # 'O(n)'   (about 3n + 5)
# ```
#
# 2ⁿ overflows a float for big n. Compare **logarithms** instead: `log(ratio) = log(steps) -
# log(f(n))`, `log(2ⁿ) = n · log 2`, and the spread becomes `max(log ratio) - min(log ratio)`.

# %% [markdown] course={"kind": "hint"}
# Keep a dict from class name to a function giving `log f(n)`, e.g.
# `"O(n log n)": lambda n: math.log(n) + math.log(math.log2(n))`. For O(1), `log 1 = 0`.

# %% [markdown] course={"kind": "hint"}
# For each class: `logs = [math.log(steps) - log_f(n) for n, steps in counts.items()]`,
# `spread = max(logs) - min(logs)`. Remember the best with a strict `<`, so ties keep the
# earlier class.

# %% course={"kind": "solution", "equivalent": {"m-924ca964": "n = 1 makes log2(n) = 0, and math.log(0) raises ValueError too", "m-9986226a": "an n below 2 or a count <= 0 reaches math.log() of 0 or less, which raises ValueError too", "m-c0ddbb17": "a count of 0 reaches math.log(0), which raises ValueError too", "m-dfc4a21a": "an n below 2 or a count <= 0 reaches math.log() of 0 or less, which raises ValueError too"}}
import math


def guess_complexity(counts: dict[int, float]) -> str:
    """The complexity class whose growth best matches the measured ``counts`` (n -> steps)."""
    ### BEGIN SOLUTION
    if len(counts) < 2:
        raise ValueError("need counts for at least two sizes")
    if any(n < 2 or steps <= 0 for n, steps in counts.items()):
        raise ValueError("sizes must be at least 2 and counts positive")
    log_f = {
        "O(1)": lambda n: 0.0,
        "O(log n)": lambda n: math.log(math.log2(n)),
        "O(n)": lambda n: math.log(n),
        "O(n log n)": lambda n: math.log(n) + math.log(math.log2(n)),
        "O(n^2)": lambda n: 2 * math.log(n),
        "O(2^n)": lambda n: n * math.log(2),
    }
    best, best_spread = "", math.inf
    for name, f in log_f.items():
        logs = [math.log(steps) - f(n) for n, steps in counts.items()]
        spread = max(logs) - min(logs)
        if spread < best_spread:
            best, best_spread = name, spread
    return best
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
sizes = [16, 32, 64, 128, 256, 512, 1024, 2048, 4096]
got = guess_complexity({n: 3 * n + 5 for n in sizes})
assert got == "O(n)", f"3n + 5 steps is linear, got {got!r}"
got = guess_complexity({n: n * n // 2 + n for n in sizes})
assert got == "O(n^2)", f"n²/2 + n steps is quadratic, got {got!r}"
got = guess_complexity({n: 7 for n in sizes})
assert got == "O(1)", f"7 steps at every size is constant, got {got!r}"

# %% course={"kind": "test", "points": 2}
import math

sizes = [16, 32, 64, 128, 256, 512, 1024, 2048, 4096]
got = guess_complexity({n: 4 * math.log2(n) + 3 for n in sizes})
assert got == "O(log n)", f"4·log2(n) + 3 is logarithmic, got {got!r}"
got = guess_complexity({n: n * math.log2(n) + n for n in sizes})
assert got == "O(n log n)", f"n·log2(n) + n is linearithmic, got {got!r}"
got = guess_complexity({n: 2**n + n for n in (4, 8, 12, 16, 20)})
assert got == "O(2^n)", f"2^n + n is exponential, got {got!r}"
got = guess_complexity({n: 2**n for n in (2, 3, 4, 5)})
assert got == "O(2^n)", f"every subset of n items: 2^n steps, even for small n; got {got!r}"
got = guess_complexity({2: 1, 4: 2})
assert got == "O(log n)", f"log2 n and n both double from 2 to 4, a tie: the earlier class wins; got {got!r}"
### BEGIN HIDDEN TESTS
got = guess_complexity({n: 2**n for n in (200, 400, 1600)})
assert got == "O(2^n)", "huge counts must not overflow"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
for bad in ({}, {64: 10}, {1: 3, 4: 5}, {4: 0, 8: 1}, {4: -2, 8: 3}):
    try:
        guess_complexity(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"guess_complexity({bad}) must raise ValueError")
assert guess_complexity({2: 1, 4: 1}) == "O(1)", "two sizes are enough, n = 2 is allowed, and a count of 1 is positive"

# %% course={"kind": "wrong", "id": "absolute-spread", "fails": ["t1", "t2"]}
import math


def guess_complexity(counts):
    if len(counts) < 2 or any(n < 2 or s <= 0 for n, s in counts.items()):
        raise ValueError("bad counts")
    candidates = {"O(1)": lambda n: 1, "O(log n)": math.log2, "O(n)": lambda n: n,
                  "O(n log n)": lambda n: n * math.log2(n), "O(n^2)": lambda n: n * n, "O(2^n)": lambda n: 2**n}
    best, best_spread = "", math.inf
    for name, f in candidates.items():
        ratios = [s / f(n) for n, s in counts.items()]
        spread = max(ratios) - min(ratios)
        if spread < best_spread:
            best, best_spread = name, spread
    return best

# %% course={"kind": "wrong", "id": "no-validation", "fails": ["t3"]}
import math


def guess_complexity(counts):
    log_f = {"O(1)": lambda n: 0.0, "O(log n)": lambda n: math.log(max(math.log2(n), 1e-9)),
             "O(n)": lambda n: math.log(n), "O(n log n)": lambda n: math.log(n) + math.log(max(math.log2(n), 1e-9)),
             "O(n^2)": lambda n: 2 * math.log(n), "O(2^n)": lambda n: n * math.log(2)}
    best, best_spread = "O(1)", math.inf
    for name, f in log_f.items():
        logs = [math.log(max(s, 1e-9)) - f(n) for n, s in counts.items()]
        if logs and max(logs) - min(logs) < best_spread:
            best, best_spread = name, max(logs) - min(logs)
    return best

# %% [markdown] course={"kind": "task", "id": "complexity-report", "item": "project-2-3-2", "points": 4}
# ### Write the complexity analysis
#
# Write a short document (a markdown cell below, or a file you paste in) that analyses:
#
# 1. **five solutions you wrote** in this phase (for example two-sum, the sieve, missing number,
#    the log analyzer, binary search): for each, its time and auxiliary space complexity with a
#    one- or two-sentence justification that points at the loops and data structures;
# 2. **common Python operations**: a table of at least eight (list append, `pop(0)`, `in` on a
#    list, dict lookup, set add, sorting, string concatenation, `"".join`...) with their cost.
#
# Check at least two of your claims by measuring: run `count_steps` (or `Counted`) at several
# sizes and feed the counts to `guess_complexity`.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: five solutions, each with a correct time complexity and a justification that
#   names the loop structure or the costly operation (not just the answer).
# - 1 point: auxiliary space is given for each and is correct (e.g. two-sum O(n) for the dict,
#   missing number O(1), the sieve O(n)).
# - 1 point: the operations table has at least eight correct entries, including at least two
#   O(n) list operations that look like O(1).
# - 1 point: at least two claims are checked by measurement, with the counts and the detector's
#   verdict shown.

# %% [markdown] course={"kind": "exercise", "id": "binary-search", "item": "dsa-binary-search"}
# ### Problem: Find the version in the sorted list (after LeetCode's *Binary Search*)
#
# Release numbers are kept in a list `nums` sorted in increasing order, without repeats. Write
# `binary_search(nums, target)` that returns the index of `target`, or `-1` when it is not
# there, in **O(log n)** time. The tests count comparisons on the numbers: on 100,000 numbers
# about 70 are allowed, so `nums.index(target)`, `target in nums` or a `for` loop fail.
#
# ```python
# binary_search([3, 8, 15, 21, 42], 21)   # 3
# binary_search([3, 8, 15, 21, 42], 9)    # -1
# ```

# %% [markdown] course={"kind": "hint"}
# Keep the range where the target can still be, `lo..hi`, and look at its middle. Each look
# throws away half of the range.

# %% [markdown] course={"kind": "hint"}
# `lo, hi = 0, len(nums) - 1` and `while lo <= hi:` (with `<` a one-element range is never
# looked at). `bisect.bisect_left(nums, target)` from the standard library also works: then
# check that the index is in range and holds the target.

# %% course={"kind": "solution", "equivalent": {"m-ff42947c": "value == target has already returned above"}}
def binary_search(nums: list[int], target: int) -> int:
    """Index of ``target`` in the sorted list ``nums``, or -1."""
    ### BEGIN SOLUTION
    lo, hi = 0, len(nums) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        value = nums[mid]
        if value == target:
            return mid
        if value < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
nums = [3, 8, 15, 21, 42]
assert binary_search(nums, 21) == 3, f"got {binary_search(nums, 21)}"
assert binary_search(nums, 9) == -1, "9 is not in the list"

# %% course={"kind": "test", "points": 1}
nums = [3, 8, 15, 21, 42]
assert binary_search(nums, 3) == 0 and binary_search(nums, 42) == 4, "first and last elements"
assert binary_search(nums, 1) == -1 and binary_search(nums, 50) == -1, "below and above every element"
assert binary_search([], 5) == -1, "an empty list"
assert binary_search([7], 7) == 0 and binary_search([7], 6) == -1, "a one-element list"
### BEGIN HIDDEN TESTS
for n in range(12):
    data = list(range(-n, n, 2))
    for t in range(-n - 1, n + 1):
        expected = data.index(t) if t in data else -1
        assert binary_search(data, t) == expected, f"binary_search({data}, {t})"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
nums = [Counted(x) for x in range(0, 300_000, 3)]  # 100,000 sorted numbers
budget = 4 * len(nums).bit_length()
for target, expected in ((0, 0), (299_997, 99_999), (150_000, 50_000), (150_001, -1), (-3, -1), (300_000, -1)):
    Counted.start(limit=budget)
    try:
        got = binary_search(nums, target)
    finally:
        used = Counted.stop()
    assert got == expected, f"binary_search(nums, {target}) gave {got}"
print(f"at most {budget} comparisons allowed; the last search used {used}")

# %% course={"kind": "wrong", "id": "linear-scan", "fails": ["t3"]}
def binary_search(nums, target):
    for i, value in enumerate(nums):
        if value == target:
            return i
    return -1

# %% course={"kind": "wrong", "id": "lo-less-than-hi", "fails": ["t2", "t3"]}
def binary_search(nums, target):
    lo, hi = 0, len(nums) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if nums[mid] == target:
            return mid
        if nums[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1

# %% [markdown] course={"kind": "exercise", "id": "climbing-stairs", "item": "dsa-climbing-stairs"}
# ### Problem: Ways up the staircase (after LeetCode's *Climbing Stairs*)
#
# You climb a staircase of `n` steps, taking 1 or 2 steps at a time. Write `climb_stairs(n)`
# that returns in how many different orders you can reach the top. For `n = 0` there is one
# way (stay where you are); a negative `n` raises `ValueError`.
#
# ```python
# climb_stairs(3)   # 3   (1+1+1, 1+2, 2+1)
# climb_stairs(5)   # 8
# ```
#
# Think about complexity: the obvious recursion `climb(n - 1) + climb(n - 2)` recomputes the
# same values again and again and needs O(2ⁿ)-ish work. The tests count executed Python lines
# at `n = 60` and allow 50 per step.

# %% [markdown] course={"kind": "hint"}
# The last move onto step `n` came either from step `n - 1` or from step `n - 2`, so
# `ways(n) = ways(n - 1) + ways(n - 2)`, with `ways(0) = ways(1) = 1`.

# %% [markdown] course={"kind": "hint"}
# Compute upwards and keep only the last two values: `a, b = 1, 1`, then `n` times
# `a, b = b, a + b`. O(n) time and O(1) space.

# %% course={"kind": "solution"}
def climb_stairs(n: int) -> int:
    """Number of ways to climb n steps taking 1 or 2 at a time."""
    ### BEGIN SOLUTION
    if n < 0:
        raise ValueError("a staircase cannot have a negative number of steps")
    a, b = 1, 1  # ways(0), ways(1)
    for _ in range(n):
        a, b = b, a + b
    return a
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert climb_stairs(1) == 1 and climb_stairs(2) == 2, "1 step: one way; 2 steps: 1+1 or 2"
assert climb_stairs(3) == 3, f"1+1+1, 1+2, 2+1: got {climb_stairs(3)}"
assert climb_stairs(5) == 8, f"got {climb_stairs(5)}"

# %% course={"kind": "test", "points": 1}
assert climb_stairs(0) == 1, "zero steps: one way (do nothing)"
try:
    climb_stairs(-1)
except ValueError:
    pass
else:
    raise AssertionError("a negative number of steps must raise ValueError")

# %% course={"kind": "test", "points": 2}
ways, steps = count_steps(climb_stairs, 60, limit=50 * 60)
assert ways == 2504730781961, f"climb_stairs(60) is 2504730781961, got {ways}"
print(f"climb_stairs(60) executed {steps} Python lines")
### BEGIN HIDDEN TESTS
assert climb_stairs(90) == 4660046610375530309, "climb_stairs(90)"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "naive-recursion", "fails": ["t3"]}
def climb_stairs(n):
    if n < 0:
        raise ValueError(n)
    if n <= 1:
        return 1
    return climb_stairs(n - 1) + climb_stairs(n - 2)

# %% course={"kind": "wrong", "id": "fibonacci-offset", "fails": ["t1", "t2", "t3"]}
def climb_stairs(n):
    if n < 0:
        raise ValueError(n)
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

# %% [markdown] course={"kind": "exercise", "id": "contains-duplicate", "item": "dsa-contains-duplicate"}
# ### Problem: Any repeats? (after LeetCode's *Contains Duplicate*)
#
# Write `has_duplicate(values)` that returns `True` when some value occurs at least twice in
# the list and `False` when all are distinct. Values are hashable (numbers, strings...).
# Do not change the caller's list.
#
# ```python
# has_duplicate([4, 1, 9, 1])   # True
# has_duplicate(["a", "b"])     # False
# ```
#
# There are three classic approaches: compare every pair (O(n²) time, O(1) extra space),
# sort a copy and compare neighbours (O(n log n), O(n)), or remember what you have seen in a set
# (O(n), O(n)). The tests count operations on 3,000 numbers and allow 20 per number: the last
# two pass, the first does not.

# %% [markdown] course={"kind": "hint"}
# A set cannot hold a value twice: compare `len(set(values))` with `len(values)`, or add values
# one by one and stop early at the first one already in the set.

# %% [markdown] course={"kind": "hint"}
# If you sort, use `sorted(values)` (a new list); `values.sort()` changes the caller's list.

# %% course={"kind": "solution"}
def has_duplicate(values: list) -> bool:
    """Whether any value occurs more than once."""
    ### BEGIN SOLUTION
    seen = set()
    for value in values:
        if value in seen:
            return True
        seen.add(value)
    return False
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert has_duplicate([4, 1, 9, 1]) is True, "1 occurs twice"
assert has_duplicate([4, 1, 9]) is False, "all distinct"

# %% course={"kind": "test", "points": 1}
assert has_duplicate([]) is False and has_duplicate([7]) is False, "empty and one-element lists have no repeats"
assert has_duplicate(["web", "db", "web"]) is True and has_duplicate(["a", "A"]) is False, "strings work too"
values = [3, 1, 2, 1]
has_duplicate(values)
assert values == [3, 1, 2, 1], "do not change (sort) the caller's list"

# %% course={"kind": "test", "points": 2}
import random

rng = random.Random(17)
for extra in (None, 0):
    raw = list(range(1, 3001))
    rng.shuffle(raw)
    if extra is not None:
        raw[-1] = raw[0]  # the only repeat: first and last positions
    values = [Counted(v) for v in raw]
    Counted.start(limit=20 * len(values))
    try:
        answer = has_duplicate(values)
    finally:
        used = Counted.stop()
    assert answer is (extra is not None), f"expected {extra is not None}, got {answer}"
print(f"{used} operations for {len(values)} numbers")

# %% course={"kind": "wrong", "id": "all-pairs", "fails": ["t3"]}
def has_duplicate(values):
    for i in range(len(values)):
        for j in range(i + 1, len(values)):
            if values[i] == values[j]:
                return True
    return False

# %% course={"kind": "wrong", "id": "sorts-in-place", "fails": ["t2"]}
def has_duplicate(values):
    values.sort()
    for i in range(1, len(values)):
        if values[i] == values[i - 1]:
            return True
    return False

# %% [markdown] course={"kind": "exercise", "id": "max-subarray", "item": "dsa-maximum-subarray"}
# ### Problem: The best stretch (after LeetCode's *Maximum Subarray*)
#
# A service's daily net change in users is a list of integers. Write `max_subarray_sum(nums)`
# that returns the largest sum of a **contiguous, non-empty** stretch of days. An empty list
# raises `ValueError`. It must run in O(n): the tests count operations on 2,000 numbers and
# allow 10 per number, so trying every start and end (O(n²) or worse) fails.
#
# ```python
# max_subarray_sum([-2, 1, -3, 4, -1, 2, 1, -5, 4])   # 6   (4, -1, 2, 1)
# max_subarray_sum([-3, -1, -2])                      # -1  (the stretch must not be empty)
# ```

# %% [markdown] course={"kind": "hint"}
# Walk once, keeping `current`: the best sum of a stretch that **ends at today**. Either today
# extends yesterday's stretch or starts a new one: `current = max(x, current + x)`.

# %% [markdown] course={"kind": "hint"}
# Keep `best = max(best, current)` as you go. Start both from `nums[0]`, not from 0, or an
# all-negative list gives the wrong answer.

# %% course={"kind": "solution"}
def max_subarray_sum(nums: list[int]) -> int:
    """Largest sum of a contiguous, non-empty part of ``nums`` (Kadane's algorithm)."""
    ### BEGIN SOLUTION
    if not nums:
        raise ValueError("an empty list has no non-empty stretch")
    best = current = nums[0]
    for x in nums[1:]:
        current = max(x, current + x)
        best = max(best, current)
    return best
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert max_subarray_sum([-2, 1, -3, 4, -1, 2, 1, -5, 4]) == 6, "4 + -1 + 2 + 1 = 6"
assert max_subarray_sum([5, 4, -1, 7, 8]) == 23, "the whole list"

# %% course={"kind": "test", "points": 1}
assert max_subarray_sum([-3, -1, -2]) == -1, "all negative: the best single day, not 0"
assert max_subarray_sum([7]) == 7, "one element"
try:
    max_subarray_sum([])
except ValueError:
    pass
else:
    raise AssertionError("an empty list must raise ValueError")
### BEGIN HIDDEN TESTS
import random

rng = random.Random(3)
for _ in range(200):
    xs = [rng.randint(-10, 10) for _ in range(rng.randint(1, 12))]
    brute = max(sum(xs[i:j]) for i in range(len(xs)) for j in range(i + 1, len(xs) + 1))
    assert max_subarray_sum(xs) == brute, f"max_subarray_sum({xs})"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import random

rng = random.Random(23)
raw = [rng.randint(-50, 50) for _ in range(2000)]
best, current = raw[0], raw[0]
for x in raw[1:]:
    current = max(x, current + x)
    best = max(best, current)
nums = [Counted(v) for v in raw]
Counted.start(limit=10 * len(nums))
try:
    answer = max_subarray_sum(nums)
finally:
    used = Counted.stop()
assert answer == best, f"expected {best}, got {answer}"
print(f"{used} operations for {len(nums)} numbers")

# %% course={"kind": "wrong", "id": "starts-at-zero", "fails": ["t2"]}
def max_subarray_sum(nums):
    if not nums:
        raise ValueError("empty")
    best = current = 0
    for x in nums:
        current = max(0, current + x)
        best = max(best, current)
    return best

# %% course={"kind": "wrong", "id": "every-start-and-end", "fails": ["t3"]}
def max_subarray_sum(nums):
    if not nums:
        raise ValueError("empty")
    best = nums[0]
    for i in range(len(nums)):
        total = 0
        for j in range(i, len(nums)):
            total += nums[j]
            best = max(best, total)
    return best

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-time-complexity-of-this-code"}
# Find the input size n, then count how many times the innermost work runs as a function of n:
# sequential parts add, nested loops multiply, a loop that halves or doubles its variable
# contributes log n, and each call in a recursion multiplies by the branching factor per level.
# Count the hidden loops too: `in` on a list, `index`, `remove`, `insert(0, ...)`, slicing and
# `sorted` inside a loop each cost O(n) or more per round. Finally keep the dominant term and drop
# constants, and say which case you mean (usually the worst).

# %% [markdown] course={"kind": "answer", "question": "q-how-would-you-optimize-this-solution"}
# First find where the time goes (the innermost loop, or a profile), then remove repeated work:
# replace a scan by a lookup (a set or dict built once: O(n²) to O(n)); sort once and use two
# pointers or binary search instead of comparing all pairs; move invariant computations out of
# loops; cache results of repeated subproblems (memoisation / dynamic programming); stop early
# when the answer is known. State the new time and space costs, because most of these trade
# memory for time, and keep the slow version as a test oracle.

# %% [markdown] course={"kind": "answer", "question": "q-what-s-the-space-time-trade-off-in-this"}
# Extra memory can buy speed: remembering what you have seen (a set, a dict from value to
# index, a cache of computed results, a precomputed table) turns repeated searching or
# recomputation into O(1) lookups. Two-sum is the standard example: comparing all pairs takes
# O(n²) time and O(1) space, while a dict of seen values takes O(n) time and O(n) space. The
# choice depends on the limits: a container memory limit or a huge input can make the
# slower, leaner version the right one (or a streaming version that keeps only what it needs).

# %% [markdown] course={"kind": "answer", "question": "q-why-is-hash-table-lookup-o-1"}
# A hash table stores entries in an array. A key's hash, computed in time that does not depend on
# how many entries there are, is turned into an array index, so a lookup goes straight to one
# slot instead of searching. Collisions (different keys in the same slot) are resolved by probing
# a few more slots; the table resizes to keep itself mostly empty, so on average only a
# constant number of slots are checked. That makes it O(1) **on average** (and amortized for
# inserts, because of resizing); in the worst case, with many colliding hashes, a lookup
# degrades to O(n). Hashing a string key costs time proportional to its length, computed once
# and cached.

# %% course={"kind": "trap", "trap": "trap-confusing-big-o-with-exact-execution"}
# Big O describes growth, not speed. An O(n) algorithm with a big constant loses to an O(n^2)
# one on small inputs; the better class only wins past the crossover point.
print(f"{'n':>6} {'A: 50n + 2000 steps':>20} {'B: n^2 / 2 steps':>17}  faster")
for n in (10, 50, 100, 150, 1000, 10000):
    a, b = 50 * n + 2000, n * n // 2
    print(f"{n:>6} {a:>20,} {b:>17,}  {'A (O(n))' if a < b else 'B (O(n^2))'}")

# %% course={"kind": "trap", "trap": "trap-ignoring-constants-in-early-optimization"}
# Two O(n) ways to add up numbers. Same class, but the built-in runs its loop in C.
import timeit

numbers = list(range(100_000))


def manual_sum(values):
    total = 0
    for v in values:
        total += v
    return total


t_manual = min(timeit.repeat(lambda: manual_sum(numbers), number=5, repeat=3))
t_builtin = min(timeit.repeat(lambda: sum(numbers), number=5, repeat=3))
print(f"Python loop: {t_manual / 5 * 1000:.2f} ms, sum(): {t_builtin / 5 * 1000:.2f} ms "
      f"-> the built-in is about {t_manual / t_builtin:.0f}x faster, with the same Big O")

# %% course={"kind": "trap", "trap": "trap-not-considering-space-complexity"}
# Deduplicating with a set is O(n) time, but the set costs memory proportional to the input.
# For a big input the "fast" answer can be the one that gets the container OOM-killed.
import sys

for n in (1_000, 100_000, 1_000_000):
    ids = range(n)
    seen = set(ids)
    print(f"n={n:>9,}: the set alone uses {sys.getsizeof(seen) / 2**20:7.2f} MiB "
          f"(plus the int objects it refers to)")
    del seen

# %% course={"kind": "trap", "trap": "trap-assuming-all-python-operations-are-o-1"}
# One line of Python is not one step. Counting comparisons as n doubles:
print(f"{'n':>6} {'x in lst':>9} {'lst.count(x)':>13} {'lst.remove(x)':>14} {'min(lst)':>9}")
for n in (1000, 2000, 4000):
    lst = [Counted(v) for v in range(n)]
    row = []
    for op in (lambda: (n - 1) in lst, lambda: lst.count(n - 1), lambda: lst.remove(n - 1), lambda: min(lst)):
        Counted.start()
        op()
        row.append(Counted.stop())
    print(f"{n:>6} {row[0]:>9} {row[1]:>13} {row[2]:>14} {row[3]:>9}")
