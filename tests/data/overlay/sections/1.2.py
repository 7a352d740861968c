# %% [markdown] course={"kind": "exercise", "id": "sum-diff-product", "extend": true}

# %% course={"kind": "test", "id": "t1", "points": 2}

# %% course={"kind": "test", "id": "class-draws", "points": 3}
### BEGIN HIDDEN TESTS
import random

draw = random.Random(CLASS_SEED)
for _ in range(25):
    a, b = draw.randint(-10**6, 10**6), draw.randint(-10**6, 10**6)
    got = sum_diff_product(a, b)
    assert got == (a + b, a - b, a * b), f"sum_diff_product({a}, {b}) gave {got}"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "copied-public-outputs", "fails": ["class-draws"]}
# Every value the public edition's tests (hidden ones included) check, copied from them.
def sum_diff_product(a, b):
    seen = {
        (7, 3): (10, 4, 21),
        (3, 7): (10, -4, 21),
        (-2, 5): (3, -7, -10),
        (10**20, 1): (10**20 + 1, 10**20 - 1, 10**20),
        (0, 0): (0, 0, 0),
        (4, 2): (6, 2, 8),
    }
    return seen.get((a, b), (0, 0, 0))

# %% [markdown] course={"kind": "task", "id": "type-inspector-cli", "extend": true, "points": 4}

# %% [markdown] course={"kind": "rubric"}
# - 2 points: CLASS RUBRIC the loop survives every input of the class's own list (handed out in class).
# - 2 points: CLASS RUBRIC the written explanation names truthiness and float parsing correctly.

# %% [markdown] course={"kind": "exercise", "id": "class-mean", "item": "dsa-arithmetic-operators"}
# ### Class exercise: the mean of whole numbers
#
# Write `mean(values)` that returns the arithmetic mean of a non-empty list of whole numbers as
# a `float`.
#
# ```python
# mean([1, 2, 3, 4])   # 2.5
# ```

# %% course={"kind": "solution"}
def mean(values: list[int]) -> float:
    ### BEGIN SOLUTION
    return sum(values) / len(values)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert mean([1, 2, 3, 4]) == 2.5
### BEGIN HIDDEN TESTS
import random

draw = random.Random(CLASS_SEED)
values = [draw.randint(-1000, 1000) for _ in range(draw.randint(1, 50))]
assert mean(values) == sum(values) / len(values), f"mean({values})"
assert type(mean([2, 2])) is float
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "floor-mean"}
def mean(values):
    return sum(values) // len(values)

# %% course={"kind": "wrong", "id": "copied-example"}
def mean(values):
    return 2.5
