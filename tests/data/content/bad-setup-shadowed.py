# %% [markdown] course={"kind": "intro"}
# You will run Python three ways.

# %% course={"kind": "setup", "id": "helpers"}
def change(n):
    return n + 1

# %% [markdown] course={"kind": "lesson", "id": "the-repl", "covers": ["c-the-repl"]}
# ### The REPL
#
# It reads, evaluates, prints, loops.

# %% course={"kind": "demo"}
import os
for change in [1, 2]:
    print(change)

# %% [markdown] course={"kind": "exercise", "id": "double", "item": "x-start-the-repl"}
# ### Double it
#
# Write `double(x)` returning `2 * x`.

# %% course={"kind": "solution"}
def double(x):
    ### BEGIN SOLUTION
    return 2 * x
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
assert double(change(1)) == 4
