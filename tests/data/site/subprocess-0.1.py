# %% [markdown] course={"kind": "lesson", "id": "processes", "covers": ["c-paths-and-folders"]}
# ### Another program
#
# A demo that starts another program: it cannot run in the browser's Python.

# %% course={"kind": "demo"}
import subprocess
import sys

print(subprocess.run([sys.executable, "-c", "print('hi')"], capture_output=True, text=True).stdout)
