# %% [markdown] course={"kind": "intro"}
# Build a tiny platform in a real repository, milestone by milestone.

# %% course={"kind": "setup", "id": "repo"}
from course.runtime.capstone import workspace

repo = workspace("23.1-demo")

# %% [markdown] course={"kind": "lesson", "id": "shape", "covers": ["part-overview"]}
# ### The repository
#
# The package lives in `23.1-demo/demo/`.

# %% course={"kind": "demo"}
print(repo.files())

# %% [markdown] course={"kind": "exercise", "id": "catalog", "item": "f-service-catalog-with-templates"}
# ### Milestone 1: the catalogue
#
# Write `register(catalog, name)` in `demo/catalog.py`: it adds `name` once and returns the sorted names.

# %% course={"kind": "solution", "file": "23.1-demo/demo/catalog.py"}
"""The service catalogue."""


def register(catalog: set[str], name: str) -> list[str]:
    ### BEGIN SOLUTION
    catalog.add(name)
    return sorted(catalog)
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
catalog = repo.load("demo.catalog")
assert catalog.register({"b"}, "a") == ["a", "b"]
assert catalog.register({"zeta", "mid", "alpha", "kilo"}, "beta") == ["alpha", "beta", "kilo", "mid", "zeta"]
### BEGIN HIDDEN TESTS
assert catalog.register({"a"}, "a") == ["a"]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "unsorted"}
"""The service catalogue."""


def register(catalog: set[str], name: str) -> list[str]:
    catalog.add(name)
    return list(catalog)

# %% [markdown] course={"kind": "exercise", "id": "api", "item": "f-api-documentation"}
# ### Milestone 2: end to end
#
# Write `handle(path)` in `demo/api.py`: `/register/<name>` registers into the module's `CATALOG` and
# returns the names joined by commas.

# %% course={"kind": "solution", "file": "23.1-demo/demo/api.py"}
"""The API, end to end over the catalogue."""

from demo.catalog import register

CATALOG: set[str] = set()


def handle(path: str) -> str:
    ### BEGIN SOLUTION
    name = path.removeprefix("/register/")
    return ",".join(register(CATALOG, name))
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
api = repo.load("demo.api")
assert api.handle("/register/web") == "web"
assert api.handle("/register/db") == "db,web"
