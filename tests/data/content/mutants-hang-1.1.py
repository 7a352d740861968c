# %% [markdown] course={"kind": "intro"}
# Mutants that loop for ever, one of them where no timer can reach it.

# %% [markdown] course={"kind": "exercise", "id": "countdown", "item": "x-start-the-repl"}
# ### Count down
#
# Write `countdown(n)`: how many steps of one it takes to bring `n` down to 0.

# %% course={"kind": "solution"}
def countdown(n):
    ### BEGIN SOLUTION
    steps = 0
    while n > 0:
        try:
            n -= 1
        except BaseException:  # swallows everything, the worker's timer too
            pass
        steps += 1
    return steps
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert countdown(3) == 3
assert countdown(0) == 0

# %% [markdown] course={"kind": "exercise", "id": "spin", "item": "dsa-say-hello"}
# ### Spin with the timers blocked
#
# Write `spin(n)`: count `n` down to 0 with the worker's timer signals blocked, and return it.

# %% course={"kind": "solution"}
import signal


def spin(n):
    ### BEGIN SOLUTION
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM, signal.SIGPROF})
    while n > 0:
        n -= 1
    signal.pthread_sigmask(signal.SIG_SETMASK, old)
    return n
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert spin(3) == 0
assert spin(-2) == -2

# %% [markdown] course={"kind": "exercise", "id": "guard"}
# ### Guard
#
# Write `guard(n)`: return `n`; above 100, end the whole process at once.

# %% course={"kind": "solution"}
import os


def guard(n):
    ### BEGIN SOLUTION
    if n > 100:
        os._exit(3)
    return n
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
assert guard(100) == 100
assert guard(-1) == -1
