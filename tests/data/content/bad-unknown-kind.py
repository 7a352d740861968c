# %% [markdown] course={"kind": "intro"}
# You will run Python three ways.

# %% [markdown] course={"kind": "lesson", "id": "the-repl", "covers": ["c-the-repl"]}
# ### The REPL
#
# It reads, evaluates, prints, loops.

# %% course={"kind": "demo"}
print(6 * 7)

# %% [markdown] course={"kind": "exercise", "id": "double", "item": "x-start-the-repl"}
# ### Double it
#
# Write `double(x)` returning `2 * x`.

# %% [markdown] course={"kind": "hints"}
# Multiply.

# %% course={"kind": "solution"}
def double(x):
    ### BEGIN SOLUTION
    return 2 * x
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
assert double(2) == 4
### BEGIN HIDDEN TESTS
assert double(-3) == -6
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "adds"}
def double(x):
    return x + 2

# %% [markdown] course={"kind": "exercise", "id": "hello", "item": "dsa-say-hello"}
# ### Say hello
#
# Return "hello".

# %% course={"kind": "solution"}
def hello():
    ### BEGIN SOLUTION
    return "hello"
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert hello() == "hello"

# %% [markdown] course={"kind": "answer", "question": "q-is-python-compiled"}
# To bytecode, yes.
