# %% [markdown] course={"kind": "lesson", "id": "broken", "covers": ["c-paths-and-folders"]}
# ### A demo that fails
#
# The site build must report this notebook and this cell, and still build every other page.
#
# Math renders without a script: a circle's area is $\pi r^2$, and
#
# $$\frac{a+b}{2}$$

# %% course={"kind": "demo"}
raise RuntimeError("this demo fails on purpose")
