# %% [markdown] course={"kind": "lesson", "id": "broken", "covers": ["c-paths-and-folders"]}
# ### A demo that fails
#
# The site build must report this notebook and this cell, and still build every other page.

# %% course={"kind": "demo"}
raise RuntimeError("this demo fails on purpose")
