# %% [markdown] course={"kind": "intro"}
# Mutation testing on a tiny section.

# %% [markdown] course={"kind": "exercise", "id": "double", "item": "x-start-the-repl"}
# ### Double it
#
# Write `double(x)` returning `2 * x`.

# %% course={"kind": "solution"}
def double(x):
    ### BEGIN SOLUTION
    return 2 * x
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert double(2) == 4
### BEGIN HIDDEN TESTS
assert double(-3) == -6
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "adds"}
def double(x):
    return x + 2

# %% course={"kind": "wrong", "id": "squares"}
def double(x):
    return x * x

# %% [markdown] course={"kind": "exercise", "id": "clamp", "item": "dsa-say-hello"}
# ### Clamp at zero
#
# Write `clamp(n)` for a whole number `n`: 0 for a negative `n`, `n` itself otherwise.

# %% course={"kind": "solution", "equivalent": {"m-bc3cc07b": "n < 0 and n <= 0 agree: clamp(0) is 0 both ways", "m-92d357c9": "n < 1 is n <= 0 for whole numbers"}}
def clamp(n):
    ### BEGIN SOLUTION
    if n < 0:
        return 0
    return n
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert clamp(-5) == 0
assert clamp(5) == 5

# %% course={"kind": "wrong", "id": "abs"}
def clamp(n):
    return abs(n)

# %% course={"kind": "wrong", "id": "never"}
def clamp(n):
    return n
