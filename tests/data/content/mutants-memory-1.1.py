# %% [markdown] course={"kind": "intro"}
# A mutant that fills the memory.

# %% [markdown] course={"kind": "exercise", "id": "fill", "item": "x-start-the-repl"}
# ### Fill some blocks
#
# Write `fill(n)`: make `n` blocks of one mebibyte each and return how many there are.

# %% course={"kind": "solution"}
import time


def fill(n):
    ### BEGIN SOLUTION
    blocks = []
    while n > 0:
        blocks.append(b"x" * (1 << 20))
        time.sleep(0.002)
        n -= 1
    return len(blocks)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert fill(3) == 3
assert fill(0) == 0
