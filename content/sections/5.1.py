# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can model servers, jobs and configuration files as classes
# whose `__init__` refuses bad data, choose on purpose between class and instance attributes, look
# inside any object with `vars()`, `type()` and `getattr()`, and show when CPython frees an object.

# %% [markdown] course={"kind": "lesson", "id": "oop-and-classes", "covers": ["c-what-is-object-oriented-programming", "c-classes-as-blueprints", "c-objects-as-instances", "c-class-definition-syntax", "c-creating-and-using-objects"]}
# ### Classes, objects, and why bother
#
# **Object-oriented programming** (OOP) keeps data and the code that works on that data together.
# Without it, a server is a dict and every function that touches servers must know the dict's keys
# and re-check them; with it, a `Server` *object* carries its own data (its **attributes**) and
# its own operations (its **methods**), and the rules live in one place.
#
# - A **class** is the blueprint: `class Server:` followed by an indented body of method
#   definitions (and sometimes plain assignments). Running the `class` statement builds a class
#   object and binds it to the name `Server`. Class names use `CapWords`.
# - An **object** (an **instance**) is one thing built from the blueprint: calling the class,
#   `Server("web-1", "10.0.0.5")`, makes a new object. Ten servers means ten objects and one class.
# - You **use** an object through dot notation: `server.hostname` reads an attribute,
#   `server.mark_down()` calls a method.
#
# In DevOps and MLOps code you meet this everywhere: a `boto3` client, a `subprocess.Popen`, a
# `logging.Logger`, a PyTorch `Dataset` are all objects of some class. The mistake beginners make is
# to think a class is needed for everything; a class earns its place when several functions share
# the same data and the same rules. The demo writes the same inventory both ways.

# %% course={"kind": "demo"}
# Without a class: a dict, and a function that must trust whatever keys it gets.
server_dict = {"hostname": "web-1", "ip": "10.0.0.5", "status": "up"}


def mark_down(server: dict) -> None:
    server["stauts"] = "down"  # a typo in a key silently adds a new key


mark_down(server_dict)
print("dict after mark_down:", server_dict)


# With a class: the data and the operations that change it live together.
class Server:
    """One machine: a hostname, an IP address and a status."""

    def __init__(self, hostname: str, ip: str) -> None:
        self.hostname = hostname
        self.ip = ip
        self.status = "up"

    def mark_down(self) -> None:
        self.status = "down"

    def describe(self) -> str:
        return f"{self.hostname} ({self.ip}) is {self.status}"


web = Server("web-1", "10.0.0.5")  # calling the class makes a new object
db = Server("db-1", "10.0.1.9")
db.mark_down()
for machine in (web, db):
    print(machine.describe())
print("one class, two objects:", type(web) is type(db), web is not db)

# %% [markdown] course={"kind": "lesson", "id": "self-and-methods", "covers": ["c-the-self-parameter", "c-instance-methods"]}
# ### `self` and instance methods
#
# An **instance method** is a function defined in the class body. Its first parameter receives
# the object the method was called on; by convention it is named `self` (the name is only a
# convention, the position is what matters). When you write `db.mark_down()`, Python looks up
# `mark_down` on the class and calls `Server.mark_down(db)`: the object before the dot becomes
# `self`. That is all `self` is: no keyword, no magic variable, just the first argument.
#
# Inside a method, `self.status = "down"` changes *this* object's attribute, while a bare
# `status = "down"` only creates a local variable that vanishes when the method returns. Both
# mistakes (leaving `self` out of the parameter list, or out of an assignment) are in the traps
# at the end of this notebook.

# %% course={"kind": "demo"}
class Server:
    def __init__(self, hostname: str) -> None:
        self.hostname = hostname
        self.status = "up"

    def mark_down(self) -> None:
        self.status = "down"

    def forget_self(self) -> None:
        status = "maintenance"  # a local variable: the object never sees it  # noqa: F841


db = Server("db-1")
Server.mark_down(db)  # exactly what db.mark_down() does
print("after Server.mark_down(db):", db.status)

db.forget_self()  # meant to set "maintenance"
print("after forget_self():       ", db.status, "(unchanged: it only set a local variable)")

bound = db.mark_down  # a *bound method*: the function plus the object it will pass as self
print("bound method remembers its object:", bound.__self__ is db, "| function:", bound.__func__.__qualname__)

# %% [markdown] course={"kind": "lesson", "id": "init", "covers": ["c-the-init-method-constructor"]}
# ### `__init__`: setting up an object that already exists
#
# `__init__` is often called "the constructor", but by the time it runs the object already
# exists. Calling `Server(...)` does two steps:
#
# 1. `Server.__new__(Server)` **creates** an empty object (you almost never write `__new__`);
# 2. `Server.__init__(that_object, ...)` **initialises** it: sets its attributes, and checks its
#    arguments. It must return `None`; the call `Server(...)` returns the object from step 1.
#
# The job of `__init__` in production code is to make invalid objects impossible: check the
# arguments, normalise them (strip, lower-case, canonical IP text), and raise `ValueError` or
# `TypeError` with a message naming the bad value. Then every method can trust `self`. The mistake
# people make is to accept anything and discover the bad value three calls later, far from where it
# came in.

# %% course={"kind": "demo"}
import ipaddress


class Server:
    def __new__(cls, *args, **kwargs):
        obj = super().__new__(cls)
        print(f"1. __new__ created an empty {cls.__name__}: {vars(obj)}")
        made.append(obj)
        return obj

    def __init__(self, hostname: str, ip: str) -> None:
        print("2. __init__ receives that same object:", self is made[-1])
        if not hostname.strip():
            raise ValueError("hostname must not be empty")
        self.hostname = hostname.strip().lower()
        self.ip = str(ipaddress.ip_address(ip.strip()))  # raises ValueError for a bad address
        print("   ...and fills it:", vars(self))


made: list = []
web = Server("  WEB-1 ", "10.0.0.5")
print("3. the call returns the object from step 1:", web is made[-1])

for bad in [("", "10.0.0.5"), ("web-2", "10.0.0.256")]:
    try:
        Server(*bad)
    except ValueError as err:
        print("refused:", err)

# %% [markdown] course={"kind": "lesson", "id": "class-and-instance-attributes", "covers": ["c-instance-attributes-vs-class-attributes"]}
# ### Instance attributes and class attributes
#
# - An **instance attribute** is set on one object, normally in `__init__` through
#   `self.name = ...`. Each object has its own: `web.ip` and `db.ip` differ.
# - A **class attribute** is assigned in the class body. There is one, stored on the class and
#   seen by every instance: constants (`DEFAULT_PORT = 22`, the allowed statuses), defaults, and
#   counters shared on purpose (`Server.created += 1`).
#
# Reading `obj.name` looks in the object first and falls back to the class. Writing `obj.name = x`
# always writes to the **object**, so it creates an instance attribute that *shadows* the class
# one for that object only. Two mistakes follow from this:
#
# 1. `self.created += 1` reads the class counter but writes an instance attribute: the class count
#    never moves. Write `Server.created += 1` (or `type(self).created += 1`).
# 2. A **mutable** class attribute (`tags = []`) is one list shared by every instance:
#    `a.tags.append(...)` changes it for all of them. Per-object containers belong in `__init__`.

# %% course={"kind": "demo"}
class Server:
    DEFAULT_PORT = 22  # class attribute: one value for all servers
    created = 0  # class attribute: a counter shared on purpose

    def __init__(self, hostname: str) -> None:
        self.hostname = hostname  # instance attribute: one per object
        self.tags: list[str] = []  # a fresh list for every object
        Server.created += 1


web, db = Server("web-1"), Server("db-1")
web.tags.append("frontend")
print("tags are per object:   ", web.tags, db.tags)
print("created (class count): ", Server.created)

db.DEFAULT_PORT = 2222  # writes to db only: shadows the class attribute
print("ports after db override:", web.DEFAULT_PORT, db.DEFAULT_PORT, "| class still says", Server.DEFAULT_PORT)
Server.DEFAULT_PORT = 2200  # changing the class reaches every object without its own value
print("ports after class change:", web.DEFAULT_PORT, db.DEFAULT_PORT)

# %% [markdown] course={"kind": "lesson", "id": "namespaces", "covers": ["c-class-vs-instance-namespaces", "c-dict-attribute", "c-class-attribute"]}
# ### Namespaces you can see: `__dict__` and `__class__`
#
# The previous lesson's "object first, then class" is not a metaphor: both namespaces are real
# dictionaries you can print.
#
# - `obj.__dict__` (also `vars(obj)`) is a plain dict of the object's own attributes. Adding an
#   attribute adds a key.
# - `Server.__dict__` is the class namespace: methods, class attributes, the docstring. It is a
#   read-only `mappingproxy`; change a class through `setattr(Server, ...)` or assignment.
# - `obj.__class__` is the object's class (the same object `type(obj)` returns). Methods use
#   `self.__class__(...)` or `type(self)(...)` to build a new object of the same class, so a
#   subclass gets its own type back.
#
# Reading `obj.name` checks `obj.__dict__`, then the `__dict__` of each class in the method
# resolution order (the last lesson of this section). One exception, for section 5.2: properties
# live in the class yet win over the instance dict. DevOps code uses these dicts to dump an object
# to JSON (`json.dumps(vars(obj))`), to debug "where does this value come from?", and to write
# generic helpers.

# %% course={"kind": "demo"}
class Server:
    DEFAULT_PORT = 22

    def __init__(self, hostname: str) -> None:
        self.hostname = hostname

    def clone(self, hostname: str) -> "Server":
        return self.__class__(hostname)  # same class as self, even in a subclass


web = Server("web-1")
print("instance namespace:", vars(web))
print("class namespace:   ", [k for k in Server.__dict__ if not k.startswith("__")])
print("type of the class namespace:", type(Server.__dict__).__name__)

web.DEFAULT_PORT = 2222
print("after web.DEFAULT_PORT = 2222:", vars(web))
del web.DEFAULT_PORT  # removes the shadow; the class value shows through again
print("after del:", vars(web), "| web.DEFAULT_PORT =", web.DEFAULT_PORT)

print("__class__ is type():", web.__class__ is type(web) is Server)
print("clone is a", type(web.clone("web-2")).__name__)

# %% [markdown] course={"kind": "lesson", "id": "identity-type-value", "covers": ["c-object-identity-type-and-value", "c-isinstance-and-type"]}
# ### Identity, type and value; `isinstance()` and `type()`
#
# Every object has three things:
#
# | | what it is | how to ask | can it change? |
# |---|---|---|---|
# | identity | which object it is | `id(obj)`, `a is b` | never, while the object lives |
# | type | its class | `type(obj)` | not in practice |
# | value | the data it holds | `a == b` | only for mutable objects |
#
# `a == b` compares values, `a is b` compares identity. In CPython `id()` is the object's memory
# address, so two objects that never live at the same time can get the same `id`: never store an
# `id` to recognise an object later.
#
# To check a type, prefer `isinstance(obj, Server)`: it accepts subclasses, and takes a tuple
# (`isinstance(port, (int, float))`). `type(obj) is Server` is the exact check, for the rare case
# where a subclass must not pass. The classic surprise: `bool` is a subclass of `int`, so
# `isinstance(True, int)` is `True`; validation code that wants a real number of CPUs must reject
# `bool` explicitly.

# %% course={"kind": "demo"}
class Server:
    def __init__(self, hostname: str) -> None:
        self.hostname = hostname

    def __eq__(self, other: object) -> bool:  # value equality (5.7 explains these methods)
        return isinstance(other, Server) and self.hostname == other.hostname


class GPUServer(Server):  # a subclass (section 5.3)
    pass


a, b, c = Server("web-1"), Server("web-1"), GPUServer("gpu-1")
print("a == b:", a == b, "| a is b:", a is b, "| same id:", id(a) == id(b))
print("isinstance(c, Server):", isinstance(c, Server), "| type(c) is Server:", type(c) is Server)
print("isinstance(True, int):", isinstance(True, int), "| type(True) is int:", type(True) is int)
for cpus in (8, True, 8.0):
    ok = isinstance(cpus, int) and not isinstance(cpus, bool)
    print(f"cpus={cpus!r:5} accepted: {ok}")

# %% [markdown] course={"kind": "lesson", "id": "lifecycle", "covers": ["c-object-lifecycle", "c-creation", "c-usage", "c-garbage-collection"]}
# ### An object's life: creation, use, and collection
#
# 1. **Creation**: `__new__` makes the object, `__init__` fills it (the `__init__` lesson above).
# 2. **Usage**: names, lists, dicts and other objects hold **references** to it; passing it to a
#    function or storing it in a list adds a reference, it does not copy the object.
# 3. **Collection**: once nothing refers to it, the memory is reclaimed.
#
# How the end is found is **CPython behaviour**, not a promise of the language (PyPy, for one,
# works differently). CPython counts references to each object and frees the object the moment
# the count drops to zero, at that exact line. Objects that refer to each other in a **cycle**
# never reach zero by themselves; a separate **cycle collector** (the `gc` module) finds them from
# time to time, or when you call `gc.collect()`.
#
# You watch an object's end without keeping it alive through a **weak reference**: calling a
# `weakref.ref(obj)` gives back the object while it lives and `None` once it is gone, and
# `weakref.finalize(obj, fn)` calls `fn` when it is collected. That is the reliable way to close
# a socket or delete a temp folder "when the object goes away"; a `__del__` method is the fragile
# way. The mistake people make is to think `del x` destroys the object: it removes one **name**;
# the object lives on while anything else refers to it.

# %% course={"kind": "demo"}
import weakref


class Connection:
    def __init__(self, host: str) -> None:
        self.host = host


conn = Connection("db-1")
watch = weakref.ref(conn)  # does not keep the object alive
weakref.finalize(conn, print, "   -> finalizer ran: connection to db-1 collected")
pool = [conn]  # a second reference

del conn
print("after `del conn`: still alive?", watch() is not None, "(the pool still refers to it)")
print("emptying the pool...")
pool.clear()  # the last reference goes: CPython frees it right here
print("after pool.clear(): still alive?", watch() is not None)

# %% [markdown] course={"kind": "text"}
# A cycle is different: two objects pointing at each other keep each other's count above zero.
# The demo switches the automatic cycle collector off so that nothing happens by chance, then
# runs it by hand.

# %% course={"kind": "demo"}
import gc
import weakref


class Node:
    def __init__(self, name: str) -> None:
        self.name = name
        self.peer: "Node | None" = None


was_enabled = gc.isenabled()
gc.disable()  # no automatic cycle collection during the demo
try:
    primary, replica = Node("primary"), Node("replica")
    primary.peer, replica.peer = replica, primary  # a reference cycle
    watch = weakref.ref(primary)
    del primary, replica  # no names left, but each still refers to the other
    print("cycle after del:        still alive?", watch() is not None)
    gc.collect()  # the cycle collector finds objects only reachable from each other
    print("cycle after gc.collect: still alive?", watch() is not None)
finally:
    if was_enabled:
        gc.enable()

# %% [markdown] course={"kind": "lesson", "id": "attribute-access", "covers": ["c-attribute-access", "c-dot-notation", "c-getattr-setattr-hasattr-delattr"]}
# ### Attribute access: the dot, and the four built-ins
#
# `obj.name` is **dot notation**: the attribute name is written in the code. When the name is
# only known at run time (a column of a CSV file, a key of a YAML file, a `--sort-by` option),
# use the built-ins that take it as a string:
#
# | call | same as | when the attribute is missing |
# |---|---|---|
# | `getattr(obj, "status")` | `obj.status` | `AttributeError` |
# | `getattr(obj, "status", "unknown")` | | returns `"unknown"` |
# | `setattr(obj, "status", "up")` | `obj.status = "up"` | creates it |
# | `hasattr(obj, "status")` | | `False` |
# | `delattr(obj, "status")` | `del obj.status` | `AttributeError` |
#
# `hasattr` works by calling `getattr` and answering `False` if that raises `AttributeError`, so it
# sees class attributes and methods too, not only the object's own data: `hasattr(server,
# "describe")` is `True`. That is the usual bug when a config loader does
# `setattr(self, key, value)` for every key of a file: a key named `describe` would replace a
# method. Check the name before you set it.

# %% course={"kind": "demo"}
class Server:
    def __init__(self, hostname: str, status: str) -> None:
        self.hostname = hostname
        self.status = status

    def describe(self) -> str:
        return f"{self.hostname}: {self.status}"


fleet = [Server("web-2", "up"), Server("db-1", "down"), Server("web-1", "up")]
sort_by = "hostname"  # imagine this came from a --sort-by option
print("sorted by", sort_by, "->", [s.hostname for s in sorted(fleet, key=lambda s: getattr(s, sort_by))])

updates = {"status": "maintenance", "owner": "team-db"}  # imagine a PATCH request body
for field, value in updates.items():
    setattr(fleet[1], field, value)
print("after setattr:", vars(fleet[1]))

print("hasattr(owner):", hasattr(fleet[1], "owner"), "| hasattr(describe):", hasattr(fleet[1], "describe"))
print("getattr with default:", getattr(fleet[0], "owner", "nobody"))
delattr(fleet[1], "owner")
try:
    fleet[1].owner
except AttributeError as err:
    print("after delattr:", err)

# %% [markdown] course={"kind": "lesson", "id": "mro", "covers": ["c-method-resolution-order-mro-basics"]}
# ### Method resolution order: where a name is looked up
#
# When a class inherits from others (section 5.3 covers inheritance), an attribute that is not on
# the object is searched in a fixed list of classes: the **method resolution order**, shown by
# `Cls.__mro__` (or `Cls.mro()`). It starts with the class itself and ends with `object`, the
# root of every class. Python builds it with the *C3 linearisation* rule: every class comes before
# its parents, and parents keep the order they are listed in the `class` line.
#
# The one thing that surprises people is the "diamond": when two parents share a grandparent,
# the grandparent comes **after both** parents, not straight after the first one. So a lookup
# is not a simple depth-first walk up the `__bases__`.

# %% course={"kind": "demo"}
class Resource:  # the shared grandparent
    kind = "resource"

    def health(self) -> str:
        return "unknown"


class Monitored(Resource):
    pass  # defines nothing itself


class Replicated(Resource):
    kind = "replicated"

    def health(self) -> str:
        return "2/3 replicas ready"


class Database(Monitored, Replicated):
    pass


print("MRO:", " -> ".join(cls.__name__ for cls in Database.__mro__))
db = Database()
print("db.kind   =", db.kind, "(Replicated comes before Resource)")
print("db.health =", db.health())
owner = next(cls for cls in Database.__mro__ if "health" in cls.__dict__)
print("health() is found in", owner.__name__)

# %% [markdown] course={"kind": "exercise", "id": "server-class", "item": "x-create-a-server-class-with-hostname-ip"}
# ### A `Server` that refuses bad data
#
# Finish the class `Server(hostname, ip, status="unknown")`. Its `__init__` checks and
# normalises every argument, so that no invalid `Server` can exist:
#
# - `hostname`: surrounding whitespace is removed and the name is stored **lower-case** (DNS names
#   ignore case). An empty name, or one with whitespace inside, raises `ValueError`.
# - `ip`: an IPv4 or IPv6 address as text, surrounding whitespace ignored, stored as a `str` in
#   its **canonical** form (`"2001:DB8::0001"` becomes `"2001:db8::1"`). Anything that is not an
#   address raises `ValueError`.
# - `status`: one of the class attribute `Server.STATUSES`; anything else raises `ValueError`.
#
# Methods: `set_status(status)` changes the status with the same check (a refused status leaves
# the old one in place), and `describe()` returns `"<hostname> (<ip>): <status>"`.
#
# Design: the object keeps its data in the instance attributes `hostname`, `ip` and `status`;
# `STATUSES` stays a **class** attribute, and the methods read it from there when they run (so
# adding a status to `Server.STATUSES` is enough for every server to accept it).
#
# ```python
# Server(" Web-1 ", "10.0.0.5").describe()       # 'web-1 (10.0.0.5): unknown'
# Server("db-1", "2001:DB8::0001", "up").ip      # '2001:db8::1'
# Server("db-1", "10.0.0.256")                    # ValueError
# ```

# %% [markdown] course={"kind": "hint"}
# `ipaddress.ip_address(text)` parses both IPv4 and IPv6 and raises `ValueError` for anything
# else; `str()` of the result is the canonical text.

# %% [markdown] course={"kind": "hint"}
# Put the status check in one helper used by both `__init__` and `set_status`, and compare against
# `self.STATUSES` (not a copy of the tuple). `any(ch.isspace() for ch in name)` finds inner
# whitespace.

# %% course={"kind": "solution"}
import ipaddress


class Server:
    """One machine in the inventory: a hostname, an IP address and a status."""

    STATUSES = ("up", "down", "maintenance", "unknown")

    def __init__(self, hostname: str, ip: str, status: str = "unknown") -> None:
        ### BEGIN SOLUTION
        name = hostname.strip().lower()
        if not name or any(ch.isspace() for ch in name):
            raise ValueError(f"hostname must be one word, got {hostname!r}")
        self.hostname = name
        self.ip = str(ipaddress.ip_address(ip.strip()))
        self.status = self._checked(status)
        ### END SOLUTION

    def set_status(self, status: str) -> None:
        ### BEGIN SOLUTION
        self.status = self._checked(status)
        ### END SOLUTION

    def describe(self) -> str:
        ### BEGIN SOLUTION
        return f"{self.hostname} ({self.ip}): {self.status}"
        ### END SOLUTION

    def _checked(self, status: str) -> str:
        """``status`` if it is allowed, else ValueError."""
        ### BEGIN SOLUTION
        if status not in self.STATUSES:
            raise ValueError(f"status must be one of {self.STATUSES}, got {status!r}")
        return status
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
web = Server("web-1", "10.0.0.5")
assert (web.hostname, web.ip, web.status) == ("web-1", "10.0.0.5", "unknown"), "status defaults to 'unknown'"
assert web.describe() == "web-1 (10.0.0.5): unknown", f"describe() gave {web.describe()!r}"
web.set_status("up")
assert web.status == "up" and web.describe() == "web-1 (10.0.0.5): up", "set_status changes the status"
assert Server("db-1", "10.0.1.9", "maintenance").status == "maintenance", "the status argument is used"

# %% course={"kind": "test", "points": 2}
web = Server("  Web-1.Prod.Example.COM\n", " 10.0.0.5 ")
assert web.hostname == "web-1.prod.example.com", "hostnames are stripped and stored lower-case"
assert web.ip == "10.0.0.5", "whitespace around the address is ignored"
db = Server("db-1", "2001:DB8::0001")
assert db.ip == "2001:db8::1" and type(db.ip) is str, "IPv6 addresses are stored as canonical text (a str)"
### BEGIN HIDDEN TESTS
assert Server("ünïcode-01", "::1").describe() == "ünïcode-01 (::1): unknown", "unicode names and ::1 work"
assert Server("A", "0.0.0.0").hostname == "a" and Server("b", "255.255.255.255").ip == "255.255.255.255"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def refused(*args) -> bool:
    try:
        Server(*args)
    except ValueError:
        return True
    return False


assert refused("web-1", "10.0.0.256"), "10.0.0.256 is not an IPv4 address: raise ValueError"
assert refused("", "10.0.0.5") and refused("   ", "10.0.0.5"), "an empty hostname is refused"
assert refused("web 1", "10.0.0.5"), "a hostname with whitespace inside is refused"
assert refused("web-1", "10.0.0.5", "running"), "'running' is not one of Server.STATUSES"
web = Server("web-1", "10.0.0.5", "up")
try:
    web.set_status("UP")
except ValueError:
    pass
else:
    raise AssertionError("set_status must check the status too ('UP' is not allowed)")
assert web.status == "up", "a refused status leaves the old one in place"
### BEGIN HIDDEN TESTS
assert refused("web-1", "") and refused("web-1", "web-1") and refused("web-1", "10.0.0"), "not addresses"
assert refused("web-1", "10.0.0.5", ""), "an empty status is not allowed"
assert refused("web\t1", "10.0.0.5"), "a tab inside the name is whitespace too"
assert refused("web\n1", "10.0.0.5") and refused("web\u00a01", "10.0.0.5"), "a newline or a no-break space too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
web = Server("web-1", "10.0.0.5")
assert "STATUSES" in Server.__dict__ and "STATUSES" not in vars(web), "STATUSES stays a class attribute"
assert {"hostname", "ip", "status"} <= vars(web).keys(), "hostname, ip and status are instance attributes"
original = Server.STATUSES
Server.STATUSES = original + ("draining",)
try:
    web.set_status("draining")
    assert web.status == "draining", "methods must read the class attribute when they run"
    assert Server("web-2", "10.0.0.6", "draining").status == "draining", "__init__ must read it too"
finally:
    Server.STATUSES = original

# %% course={"kind": "wrong", "id": "ip-not-checked", "fails": ["t2", "t3"]}
class Server:
    STATUSES = ("up", "down", "maintenance", "unknown")

    def __init__(self, hostname, ip, status="unknown"):
        name = hostname.strip().lower()
        if not name or " " in name:
            raise ValueError("bad hostname")
        if status not in self.STATUSES:
            raise ValueError("bad status")
        self.hostname, self.ip, self.status = name, ip.strip(), status

    def set_status(self, status):
        if status not in self.STATUSES:
            raise ValueError("bad status")
        self.status = status

    def describe(self):
        return f"{self.hostname} ({self.ip}): {self.status}"

# %% course={"kind": "wrong", "id": "status-checked-once", "fails": ["t3"]}
import ipaddress


class Server:
    STATUSES = ("up", "down", "maintenance", "unknown")

    def __init__(self, hostname, ip, status="unknown"):
        name = hostname.strip().lower()
        if not name or any(ch.isspace() for ch in name):
            raise ValueError("bad hostname")
        if status not in self.STATUSES:
            raise ValueError("bad status")
        self.hostname, self.ip, self.status = name, str(ipaddress.ip_address(ip.strip())), status

    def set_status(self, status):
        self.status = status

    def describe(self):
        return f"{self.hostname} ({self.ip}): {self.status}"

# %% course={"kind": "wrong", "id": "statuses-copied", "fails": ["t4"]}
import ipaddress


class Server:
    STATUSES = ("up", "down", "maintenance", "unknown")

    def __init__(self, hostname, ip, status="unknown"):
        self.STATUSES = Server.STATUSES  # a per-object copy, frozen at creation time
        name = hostname.strip().lower()
        if not name or any(ch.isspace() for ch in name):
            raise ValueError("bad hostname")
        if status not in self.STATUSES:
            raise ValueError("bad status")
        self.hostname, self.ip, self.status = name, str(ipaddress.ip_address(ip.strip())), status

    def set_status(self, status):
        if status not in self.STATUSES:
            raise ValueError("bad status")
        self.status = status

    def describe(self):
        return f"{self.hostname} ({self.ip}): {self.status}"

# %% course={"kind": "wrong", "id": "case-kept", "fails": ["t2"]}
import ipaddress


class Server:
    STATUSES = ("up", "down", "maintenance", "unknown")

    def __init__(self, hostname, ip, status="unknown"):
        name = hostname.strip()
        if not name or any(ch.isspace() for ch in name):
            raise ValueError("bad hostname")
        if status not in self.STATUSES:
            raise ValueError("bad status")
        self.hostname, self.ip, self.status = name, str(ipaddress.ip_address(ip.strip())), status

    def set_status(self, status):
        if status not in self.STATUSES:
            raise ValueError("bad status")
        self.status = status

    def describe(self):
        return f"{self.hostname} ({self.ip}): {self.status}"

# %% [markdown] course={"kind": "exercise", "id": "container-attributes", "item": "x-demonstrate-class-vs-instance-attribute"}
# ### Class attributes on purpose: a `Container` spec
#
# The class below already declares two **class attributes**: `registry`, the default image
# registry for every container, and `created`, a count of all containers ever made. Write the
# methods so that each attribute behaves as its comment says:
#
# - `__init__(image, tag="latest", labels=None)` stores `image` and `tag`, gives the container
#   **its own** `labels` dict (a copy of `labels`, or empty; the caller's dict is never changed
#   or shared), and adds one to the class counter `Container.created`.
# - `ref()` returns `"<registry>/<image>:<tag>"`, using this container's registry.
# - `use_registry(registry)` makes **this** container pull from another registry; the others
#   keep following the class default, even when it changes later.
# - `reset_registry()` makes this container follow the class default again (doing nothing if it
#   already does).
# - `label(key, value)` sets one label on this container only.
#
# ```python
# api = Container("api", "1.4")
# api.ref()                          # 'registry.local/api:1.4'
# api.use_registry("mirror.corp")
# api.ref()                          # 'mirror.corp/api:1.4'
# Container("worker").ref()          # 'registry.local/worker:latest'
# ```
#
# The tests look inside the objects with `vars()`: `registry` and `created` must stay on the class
# unless `use_registry` gives one container its own registry.

# %% [markdown] course={"kind": "hint"}
# Reading `self.registry` falls back to the class; assigning `self.registry = ...` creates an
# instance attribute that shadows it. So the counter must be written as `Container.created += 1`.

# %% [markdown] course={"kind": "hint"}
# `reset_registry` removes the shadow: `vars(self).pop("registry", None)` (or `del self.registry`
# guarded by `"registry" in vars(self)`). Copying `Container.registry` into the object would
# freeze today's default.

# %% course={"kind": "solution"}
class Container:
    """A container spec: an image, a tag, labels, and a registry to pull from."""

    registry = "registry.local"  # class attribute: the default registry for every container
    created = 0  # class attribute: how many containers were created, in total

    def __init__(self, image: str, tag: str = "latest", labels: dict | None = None) -> None:
        ### BEGIN SOLUTION
        self.image = image
        self.tag = tag
        self.labels = dict(labels) if labels else {}
        Container.created += 1
        ### END SOLUTION

    def ref(self) -> str:
        ### BEGIN SOLUTION
        return f"{self.registry}/{self.image}:{self.tag}"
        ### END SOLUTION

    def use_registry(self, registry: str) -> None:
        ### BEGIN SOLUTION
        self.registry = registry
        ### END SOLUTION

    def reset_registry(self) -> None:
        ### BEGIN SOLUTION
        vars(self).pop("registry", None)
        ### END SOLUTION

    def label(self, key: str, value: str) -> None:
        ### BEGIN SOLUTION
        self.labels[key] = value
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
api = Container("api", "1.4")
worker = Container("worker")
assert api.ref() == "registry.local/api:1.4", f"ref() gave {api.ref()!r}"
assert worker.ref() == "registry.local/worker:latest", "the tag defaults to 'latest'"
api.use_registry("mirror.corp")
assert api.ref() == "mirror.corp/api:1.4", "use_registry changes this container's registry"
assert worker.ref() == "registry.local/worker:latest", "...and no other container's"
assert vars(api)["registry"] == "mirror.corp" and "registry" not in vars(worker), "only api has its own registry"
assert Container.registry == "registry.local", "the class default is unchanged"

# %% course={"kind": "test", "points": 2}
api, worker = Container("api"), Container("worker")
api.use_registry("mirror.corp")
saved = Container.registry
Container.registry = "registry.eu"
try:
    assert worker.ref() == "registry.eu/worker:latest", "a container without its own registry follows the class"
    assert api.ref() == "mirror.corp/api:latest", "an overridden registry is not affected"
    api.reset_registry()
    assert "registry" not in vars(api), "reset_registry removes this container's own registry"
    assert api.ref() == "registry.eu/api:latest", "after reset_registry it follows the class again"
    Container.registry = "registry.us"
    assert api.ref() == "registry.us/api:latest", "...and keeps following later changes"
    worker.reset_registry()
    assert worker.ref() == "registry.us/worker:latest", "reset on a container that never overrode is a no-op"
finally:
    Container.registry = saved

# %% course={"kind": "test", "points": 1}
before = Container.created
first = Container("a")
Container("b"), Container("c", "2")
assert Container.created == before + 3, f"three containers made, but created went {before} -> {Container.created}"
assert "created" not in vars(first), "the counter lives on the class, not on the objects"
assert type(Container.created) is int

# %% course={"kind": "test", "points": 2}
api, worker = Container("api"), Container("worker")
api.label("team", "payments")
assert api.labels == {"team": "payments"} and worker.labels == {}, "labels are per container"
given = {"env": "prod"}
job = Container("job", labels=given)
job.label("tier", "batch")
assert job.labels == {"env": "prod", "tier": "batch"}, "start from a copy of the labels given"
assert given == {"env": "prod"}, "the caller's dict must not change"
given["env"] = "dev"
assert job.labels["env"] == "prod", "the container keeps its own copy, not the caller's dict"
### BEGIN HIDDEN TESTS
empty = {}
c1 = Container("one", labels=empty)
c1.label("x", "1")
assert empty == {}, "an empty dict passed in must not be filled either"
c2 = Container("two")
assert c2.labels == {} and c1.labels is not c2.labels, "each container gets its own empty dict"
assert "labels" not in Container.__dict__, "labels must not be a class attribute"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "counter-on-self", "fails": ["t3"]}
class Container:
    registry = "registry.local"
    created = 0

    def __init__(self, image, tag="latest", labels=None):
        self.image, self.tag = image, tag
        self.labels = dict(labels) if labels else {}
        self.created += 1  # reads the class value, writes an instance attribute

    def ref(self):
        return f"{self.registry}/{self.image}:{self.tag}"

    def use_registry(self, registry):
        self.registry = registry

    def reset_registry(self):
        vars(self).pop("registry", None)

    def label(self, key, value):
        self.labels[key] = value

# %% course={"kind": "wrong", "id": "shared-default-labels", "fails": ["t4"]}
class Container:
    registry = "registry.local"
    created = 0

    def __init__(self, image, tag="latest", labels={}):
        self.image, self.tag = image, tag
        self.labels = labels  # the default {} is one dict shared by every call
        Container.created += 1

    def ref(self):
        return f"{self.registry}/{self.image}:{self.tag}"

    def use_registry(self, registry):
        self.registry = registry

    def reset_registry(self):
        vars(self).pop("registry", None)

    def label(self, key, value):
        self.labels[key] = value

# %% course={"kind": "wrong", "id": "reset-copies-default", "fails": ["t2"]}
class Container:
    registry = "registry.local"
    created = 0

    def __init__(self, image, tag="latest", labels=None):
        self.image, self.tag = image, tag
        self.labels = dict(labels) if labels else {}
        Container.created += 1

    def ref(self):
        return f"{self.registry}/{self.image}:{self.tag}"

    def use_registry(self, registry):
        self.registry = registry

    def reset_registry(self):
        self.registry = Container.registry  # freezes today's default into the object

    def label(self, key, value):
        self.labels[key] = value

# %% course={"kind": "wrong", "id": "reset-raises", "fails": ["t2"]}
class Container:
    registry = "registry.local"
    created = 0

    def __init__(self, image, tag="latest", labels=None):
        self.image, self.tag = image, tag
        self.labels = dict(labels) if labels else {}
        Container.created += 1

    def ref(self):
        return f"{self.registry}/{self.image}:{self.tag}"

    def use_registry(self, registry):
        self.registry = registry

    def reset_registry(self):
        del self.registry  # AttributeError when this container never had its own

    def label(self, key, value):
        self.labels[key] = value

# %% [markdown] course={"kind": "exercise", "id": "attribute-origin", "item": "x-demonstrate-class-vs-instance-attribute"}
# ### Where does this attribute come from?
#
# When a value surprises you ("why is this server's port 2222?"), the first question is *where*
# the attribute lives. Write `attribute_origin(obj, name)` that answers it by reading the
# namespaces themselves, the way Python's lookup does for plain attributes:
#
# - `"instance"` when `name` is a key of the object's own `__dict__`;
# - otherwise the `__name__` of the **first** class in `type(obj).__mro__` whose `__dict__` has
#   `name`;
# - `None` when no namespace has it.
#
# Some objects have no `__dict__` at all (an `int`, for one): skip the instance step for them.
# `hasattr` and `getattr` cannot answer this question (they say *whether*, not *where*); use the
# `__dict__`s.
#
# ```python
# class Base:
#     port = 22
#
# class Web(Base):
#     def serve(self): ...
#
# web = Web()
# web.port = 2222
# attribute_origin(web, "port")        # 'instance'
# attribute_origin(Web(), "port")      # 'Base'
# attribute_origin(web, "serve")       # 'Web'
# attribute_origin(web, "__repr__")    # 'object'
# attribute_origin(web, "nope")        # None
# ```

# %% [markdown] course={"kind": "hint"}
# `getattr(obj, "__dict__", {})` gives the object's own namespace, or an empty dict for objects
# that have none. Test membership with `in`: a value of `0` or `None` still counts.

# %% [markdown] course={"kind": "hint"}
# Loop over `type(obj).__mro__` in order and return at the first class whose `__dict__` contains
# the name. Walking `__bases__` yourself gets diamonds wrong.

# %% course={"kind": "solution"}
def attribute_origin(obj: object, name: str) -> str | None:
    """``'instance'``, the name of the class that defines ``name``, or None."""
    ### BEGIN SOLUTION
    if name in getattr(obj, "__dict__", {}):
        return "instance"
    for cls in type(obj).__mro__:
        if name in cls.__dict__:
            return cls.__name__
    return None
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
class Base:
    port = 22


class Web(Base):
    def serve(self):
        return "ok"


web = Web()
web.port = 2222
assert attribute_origin(web, "port") == "instance", "web has its own port"
assert attribute_origin(Web(), "port") == "Base", "a fresh Web inherits port from Base"
assert attribute_origin(web, "serve") == "Web", "methods live on the class that defines them"
assert attribute_origin(web, "__repr__") == "object", "object is the last class of every MRO"
assert attribute_origin(web, "nope") is None, "an attribute nobody defines gives None"

# %% course={"kind": "test", "points": 1}
class Job:
    retries = 3


job = Job()
job.retries = 0
job.owner = None
assert attribute_origin(job, "retries") == "instance", "an instance value of 0 is still the instance's"
assert attribute_origin(job, "owner") == "instance", "an instance value of None is still there"
assert attribute_origin(5, "real") == "int", "objects without __dict__ (like 5) skip the instance step"
assert attribute_origin("host", "upper") == "str"
### BEGIN HIDDEN TESTS
assert attribute_origin(5, "nope") is None and attribute_origin(None, "__bool__") == "NoneType"
assert attribute_origin(True, "real") == "int", "bool inherits real from int"
assert attribute_origin(job, "__dict__") == "Job", "__dict__ itself is found on the class"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
class Resource:
    kind = "resource"
    tier = "base"


class Monitored(Resource):
    pass


class Replicated(Resource):
    kind = "replicated"


class Database(Monitored, Replicated):
    pass


db = Database()
assert attribute_origin(db, "kind") == "Replicated", "follow the MRO: Replicated comes before Resource"
assert attribute_origin(db, "tier") == "Resource"
### BEGIN HIDDEN TESTS
class Cache(Monitored):
    kind = "cache"


assert attribute_origin(Cache(), "kind") == "Cache", "the class itself comes first"
assert attribute_origin(Cache(), "tier") == "Resource"


def make_plugin():
    class Plugin:  # a class made inside a function: its __qualname__ is 'make_plugin.<locals>.Plugin'
        hook = "on_start"

    return Plugin()


assert attribute_origin(make_plugin(), "hook") == "Plugin", "return the class's __name__, not its __qualname__"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "hasattr-says-instance", "fails": ["t1", "t2", "t3"]}
def attribute_origin(obj, name):
    if hasattr(obj, name):
        return "instance"
    return None

# %% course={"kind": "wrong", "id": "truthy-value", "fails": ["t2"]}
def attribute_origin(obj, name):
    if getattr(obj, "__dict__", {}).get(name):
        return "instance"
    for cls in type(obj).__mro__:
        if name in cls.__dict__:
            return cls.__name__
    return None

# %% course={"kind": "wrong", "id": "vars-everywhere", "fails": ["t2"]}
def attribute_origin(obj, name):
    if name in vars(obj):  # TypeError for objects without __dict__
        return "instance"
    for cls in type(obj).__mro__:
        if name in vars(cls):
            return cls.__name__
    return None

# %% course={"kind": "wrong", "id": "depth-first-bases", "fails": ["t3"]}
def attribute_origin(obj, name):
    if name in getattr(obj, "__dict__", {}):
        return "instance"

    def search(cls):
        if name in cls.__dict__:
            return cls.__name__
        for base in cls.__bases__:
            found = search(base)
            if found:
                return found
        return None

    return search(type(obj))

# %% course={"kind": "wrong", "id": "qualname", "fails": ["t3"]}
def attribute_origin(obj, name):
    if name in getattr(obj, "__dict__", {}):
        return "instance"
    for cls in type(obj).__mro__:
        if name in cls.__dict__:
            return cls.__qualname__  # 'make_plugin.<locals>.Plugin' for a class made in a function
    return None

# %% [markdown] course={"kind": "exercise", "id": "logger-levels", "item": "x-implement-a-logger-class-with-different"}
# ### A `Logger` with levels
#
# Build a small logger, the kind every tool needs before it grows into the standard `logging`
# module (section 8.3). The levels, from least to most severe, are the class attribute
# `Logger.LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")`.
#
# - `Logger(name, level="INFO", stream=None)`: messages **below** `level` are dropped. Level names
#   are case-insensitive (`"warning"` works) and are stored upper-case in `self.level`; an unknown
#   level raises `ValueError` that names it. `stream` is where lines are written; `None` means
#   "standard error", looked up **when a line is written** (so redirecting `sys.stderr` later
#   works).
# - `log(level, message)` writes the line `"[LEVEL] name: message"` followed by a newline to the
#   stream, appends it (without the newline) to `self.history`, and returns `True`; a dropped
#   message writes nothing and returns `False`. An unknown level raises `ValueError`.
# - `debug(message)`, `info(...)`, `warning(...)`, `error(...)`: shortcuts for `log`.
# - `set_level(level)` changes the threshold, with the same check (a refused level leaves the old
#   one in place).
#
# Each logger has its **own** `history` list.
#
# ```python
# out = io.StringIO()
# log = Logger("deploy", level="warning", stream=out)
# log.info("starting")          # False: INFO is below WARNING
# log.error("disk full")        # True
# out.getvalue()                # '[ERROR] deploy: disk full\n'
# log.history                   # ['[ERROR] deploy: disk full']
# ```

# %% [markdown] course={"kind": "hint"}
# A level's position in `LEVELS` is its severity: `self.LEVELS.index("WARNING")` is 2. A message
# is kept when its position is **greater than or equal to** the logger's.

# %% [markdown] course={"kind": "hint"}
# `print(line, file=stream)` writes the line and the newline. A default argument value is computed
# once, when `def` runs: use `stream=None` and pick `sys.stderr` inside `log`.

# %% course={"kind": "solution"}
import sys


class Logger:
    """Writes messages at or above its level to a stream, and remembers them."""

    LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")

    def __init__(self, name: str, level: str = "INFO", stream=None) -> None:
        ### BEGIN SOLUTION
        self.name = name
        self.level = self._checked(level)
        self.stream = stream
        self.history: list[str] = []
        ### END SOLUTION

    def set_level(self, level: str) -> None:
        ### BEGIN SOLUTION
        self.level = self._checked(level)
        ### END SOLUTION

    def log(self, level: str, message: str) -> bool:
        ### BEGIN SOLUTION
        level = self._checked(level)
        if self.LEVELS.index(level) < self.LEVELS.index(self.level):
            return False
        line = f"[{level}] {self.name}: {message}"
        self.history.append(line)
        print(line, file=sys.stderr if self.stream is None else self.stream)
        return True
        ### END SOLUTION

    def debug(self, message: str) -> bool:
        ### BEGIN SOLUTION
        return self.log("DEBUG", message)
        ### END SOLUTION

    def info(self, message: str) -> bool:
        ### BEGIN SOLUTION
        return self.log("INFO", message)
        ### END SOLUTION

    def warning(self, message: str) -> bool:
        ### BEGIN SOLUTION
        return self.log("WARNING", message)
        ### END SOLUTION

    def error(self, message: str) -> bool:
        ### BEGIN SOLUTION
        return self.log("ERROR", message)
        ### END SOLUTION

    def _checked(self, level: str) -> str:
        """The upper-case name of ``level``, or ValueError."""
        ### BEGIN SOLUTION
        name = level.upper()
        if name not in self.LEVELS:
            raise ValueError(f"unknown log level {level!r}, expected one of {self.LEVELS}")
        return name
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
import io

out = io.StringIO()
log = Logger("deploy", stream=out)
assert log.level == "INFO", "the level defaults to INFO"
assert log.debug("details") is False, "DEBUG is below INFO: dropped, returns False"
assert log.info("starting") is True, "INFO is kept, returns True"
assert out.getvalue() == "[INFO] deploy: starting\n", f"wrote {out.getvalue()!r}"
assert log.history == ["[INFO] deploy: starting"], "kept lines go to history, without the newline"

# %% course={"kind": "test", "points": 2}
import io

out = io.StringIO()
log = Logger("api", level="warning", stream=out)
assert log.level == "WARNING", "level names are case-insensitive and stored upper-case"
kept = [log.debug("a"), log.info("b"), log.warning("c"), log.error("d")]
assert kept == [False, False, True, True], f"at WARNING: debug/info dropped, warning/error kept; got {kept}"
assert out.getvalue() == "[WARNING] api: c\n[ERROR] api: d\n", f"wrote {out.getvalue()!r}"
log.set_level("Debug")
assert log.level == "DEBUG" and log.debug("now visible") is True, "set_level lowers the threshold"
assert log.log("error", "via log()") is True and log.history[-1] == "[ERROR] api: via log()"
### BEGIN HIDDEN TESTS
top = Logger("x", level="ERROR", stream=io.StringIO())
assert [top.debug("."), top.info("."), top.warning("."), top.error(".")] == [False, False, False, True]
bottom = Logger("x", level="DEBUG", stream=io.StringIO())
assert [bottom.debug("."), bottom.info("."), bottom.warning("."), bottom.error(".")] == [True] * 4
mid = Logger("x", level="INFO", stream=io.StringIO())
assert [mid.debug("."), mid.info("."), mid.warning("."), mid.error(".")] == [False, True, True, True]
uni = Logger("büro", stream=io.StringIO())
uni.info("déploiement terminé ✓")
assert uni.history == ["[INFO] büro: déploiement terminé ✓"], "unicode passes through unchanged"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import io

for bad in ("TRACE", "", "warn"):
    try:
        Logger("x", level=bad, stream=io.StringIO())
    except ValueError as err:
        assert repr(bad) in str(err) or bad in str(err), "the error names the unknown level"
    else:
        raise AssertionError(f"level {bad!r} is not one of Logger.LEVELS: raise ValueError")
log = Logger("x", level="WARNING", stream=io.StringIO())
try:
    log.set_level("verbose")
except ValueError:
    pass
else:
    raise AssertionError("set_level must refuse unknown levels")
assert log.level == "WARNING", "a refused level leaves the old one"
try:
    log.log("FATAL", "boom")
except ValueError:
    pass
else:
    raise AssertionError("log() must refuse unknown levels")

# %% course={"kind": "test", "points": 1}
import io

a, b = Logger("a", stream=io.StringIO()), Logger("b", stream=io.StringIO())
a.info("from a")
assert a.history == ["[INFO] a: from a"] and b.history == [], "each logger has its own history"
assert "LEVELS" in Logger.__dict__ and "LEVELS" not in vars(a), "LEVELS stays a class attribute"
assert "history" not in Logger.__dict__, "history must not be a class attribute"

# %% course={"kind": "test", "points": 1}
import contextlib
import io

log = Logger("cron")  # created BEFORE stderr is redirected
caught = io.StringIO()
with contextlib.redirect_stderr(caught):
    log.error("job failed")
assert caught.getvalue() == "[ERROR] cron: job failed\n", "with no stream, write to the sys.stderr of the moment"

# %% course={"kind": "wrong", "id": "strictly-above", "fails": ["t1", "t2", "t4"]}
import sys


class Logger:
    LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")

    def __init__(self, name, level="INFO", stream=None):
        self.name, self.level, self.stream, self.history = name, self._checked(level), stream, []

    def set_level(self, level):
        self.level = self._checked(level)

    def log(self, level, message):
        level = self._checked(level)
        if self.LEVELS.index(level) <= self.LEVELS.index(self.level):
            return False
        line = f"[{level}] {self.name}: {message}"
        self.history.append(line)
        print(line, file=self.stream or sys.stderr)
        return True

    def debug(self, message): return self.log("DEBUG", message)
    def info(self, message): return self.log("INFO", message)
    def warning(self, message): return self.log("WARNING", message)
    def error(self, message): return self.log("ERROR", message)

    def _checked(self, level):
        if level.upper() not in self.LEVELS:
            raise ValueError(f"unknown level {level!r}")
        return level.upper()

# %% course={"kind": "wrong", "id": "class-history", "fails": ["t2", "t4"]}
import sys


class Logger:
    LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
    history = []  # one list shared by every logger

    def __init__(self, name, level="INFO", stream=None):
        self.name, self.level, self.stream = name, self._checked(level), stream

    def set_level(self, level):
        self.level = self._checked(level)

    def log(self, level, message):
        level = self._checked(level)
        if self.LEVELS.index(level) < self.LEVELS.index(self.level):
            return False
        line = f"[{level}] {self.name}: {message}"
        self.history.append(line)
        print(line, file=self.stream or sys.stderr)
        return True

    def debug(self, message): return self.log("DEBUG", message)
    def info(self, message): return self.log("INFO", message)
    def warning(self, message): return self.log("WARNING", message)
    def error(self, message): return self.log("ERROR", message)

    def _checked(self, level):
        if level.upper() not in self.LEVELS:
            raise ValueError(f"unknown level {level!r}")
        return level.upper()

# %% course={"kind": "wrong", "id": "stderr-default-frozen", "fails": ["t5"]}
import sys


class Logger:
    LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")

    def __init__(self, name, level="INFO", stream=sys.stderr):  # evaluated once, at def time
        self.name, self.level, self.stream, self.history = name, self._checked(level), stream, []

    def set_level(self, level):
        self.level = self._checked(level)

    def log(self, level, message):
        level = self._checked(level)
        if self.LEVELS.index(level) < self.LEVELS.index(self.level):
            return False
        line = f"[{level}] {self.name}: {message}"
        self.history.append(line)
        print(line, file=self.stream)
        return True

    def debug(self, message): return self.log("DEBUG", message)
    def info(self, message): return self.log("INFO", message)
    def warning(self, message): return self.log("WARNING", message)
    def error(self, message): return self.log("ERROR", message)

    def _checked(self, level):
        if level.upper() not in self.LEVELS:
            raise ValueError(f"unknown level {level!r}")
        return level.upper()

# %% course={"kind": "wrong", "id": "case-sensitive", "fails": ["t2"]}
import sys


class Logger:
    LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")

    def __init__(self, name, level="INFO", stream=None):
        self.name, self.level, self.stream, self.history = name, self._checked(level), stream, []

    def set_level(self, level):
        self.level = self._checked(level)

    def log(self, level, message):
        level = self._checked(level)
        if self.LEVELS.index(level) < self.LEVELS.index(self.level):
            return False
        line = f"[{level}] {self.name}: {message}"
        self.history.append(line)
        print(line, file=self.stream or sys.stderr)
        return True

    def debug(self, message): return self.log("DEBUG", message)
    def info(self, message): return self.log("INFO", message)
    def warning(self, message): return self.log("WARNING", message)
    def error(self, message): return self.log("ERROR", message)

    def _checked(self, level):
        if level not in self.LEVELS:
            raise ValueError(f"unknown level {level!r}")
        return level

# %% [markdown] course={"kind": "exercise", "id": "ci-job", "item": "x-create-a-job-class-representing-a-ci-cd"}
# ### A CI/CD `Job` with a life cycle
#
# A pipeline job moves through statuses, and a CI server must refuse moves that make no sense
# (finishing a job that never started, retrying one that passed). Finish the class `Job`:
#
# - `Job(name, stage, commands)`: `name` is a string that is not blank; `stage` is one of the
#   class attribute `Job.STAGES`; `commands` is a non-empty list of non-blank strings, stored as a
#   **tuple** (the job keeps its own copy: changing the caller's list later changes nothing). A
#   single string such as `"make test"` is not a list of commands (`tuple("make")` would give
#   four one-letter "commands"). Bad arguments raise `ValueError`. A new job has
#   `status == "pending"`, `attempts == 0` and `exit_code is None`.
# - `start()`: `pending` → `running`; counts one more attempt and clears `exit_code`.
# - `finish(exit_code)`: `running` → `success` when `exit_code` is 0, else `failed` (negative
#   codes, from a killed process, are failures too); stores `exit_code`.
# - `retry()`: `failed` → `pending`, allowed only while `attempts < self.max_attempts`.
#
# Any other move raises `JobStateError` (given) with a message that names the job and its current
# status, and leaves the job unchanged. `max_attempts` is a class attribute (3) that one job may
# override for itself: `flaky.max_attempts = 5` must work, so read it through `self`.
#
# ```python
# job = Job("unit-tests", "test", ["pytest -q"])
# job.start(); job.finish(1)         # status 'failed', attempts 1
# job.retry(); job.start()           # status 'running', attempts 2
# job.finish(0)                      # status 'success', exit_code 0
# job.retry()                        # JobStateError: unit-tests is success, cannot retry
# ```

# %% [markdown] course={"kind": "hint"}
# Each move starts with the same check: "is the status what this move needs?". A small helper
# `_require(expected, action)` that raises `JobStateError(f"{self.name} is {self.status}, cannot
# {action}")` keeps the three methods short.

# %% [markdown] course={"kind": "hint"}
# With `max_attempts = 3` the job may start three times: after the first and second failures a
# retry is allowed, after the third it is not. Compare `self.attempts < self.max_attempts`.

# %% course={"kind": "solution"}
class JobStateError(RuntimeError):
    """A move that the job's current status does not allow."""


class Job:
    """One CI/CD job: a stage, its commands, and where it is in its life cycle."""

    STAGES = ("build", "test", "deploy")
    max_attempts = 3

    def __init__(self, name: str, stage: str, commands: list[str]) -> None:
        ### BEGIN SOLUTION
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"a job needs a name, got {name!r}")
        if stage not in self.STAGES:
            raise ValueError(f"stage must be one of {self.STAGES}, got {stage!r}")
        if isinstance(commands, str) or not commands:
            raise ValueError(f"{name}: commands must be a non-empty list of strings, got {commands!r}")
        if not all(isinstance(c, str) and c.strip() for c in commands):
            raise ValueError(f"{name}: every command must be a non-blank string, got {commands!r}")
        self.name = name
        self.stage = stage
        self.commands = tuple(commands)
        self.status = "pending"
        self.attempts = 0
        self.exit_code: int | None = None
        ### END SOLUTION

    def start(self) -> None:
        ### BEGIN SOLUTION
        self._require("pending", "start")
        self.attempts += 1
        self.exit_code = None
        self.status = "running"
        ### END SOLUTION

    def finish(self, exit_code: int) -> None:
        ### BEGIN SOLUTION
        self._require("running", "finish")
        self.exit_code = exit_code
        self.status = "success" if exit_code == 0 else "failed"
        ### END SOLUTION

    def retry(self) -> None:
        ### BEGIN SOLUTION
        self._require("failed", "retry")
        if self.attempts >= self.max_attempts:
            raise JobStateError(f"{self.name} is failed after {self.attempts} attempts, cannot retry")
        self.status = "pending"
        ### END SOLUTION

    def _require(self, status: str, action: str) -> None:
        ### BEGIN SOLUTION
        if self.status != status:
            raise JobStateError(f"{self.name} is {self.status}, cannot {action}")
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
job = Job("unit-tests", "test", ["pip install -e .", "pytest -q"])
assert (job.name, job.stage) == ("unit-tests", "test"), "keep the name and the stage"
assert (job.status, job.attempts, job.exit_code) == ("pending", 0, None), "a new job is pending, 0 attempts"
assert job.commands == ("pip install -e .", "pytest -q") and type(job.commands) is tuple, "commands as a tuple"
job.start()
assert (job.status, job.attempts) == ("running", 1), "start(): pending -> running, one attempt"
job.finish(0)
assert (job.status, job.exit_code) == ("success", 0), "exit code 0 means success"

# %% course={"kind": "test", "points": 2}
job = Job("deploy-eu", "deploy", ["./deploy.sh eu"])
job.start()
job.finish(2)
assert (job.status, job.exit_code) == ("failed", 2), "a non-zero exit code means failed"
job.retry()
assert (job.status, job.attempts) == ("pending", 1), "retry(): failed -> pending; attempts count starts"
job.start()
assert (job.status, job.attempts, job.exit_code) == ("running", 2, None), "a new start clears the exit code"
job.finish(-9)
assert job.status == "failed", "a negative exit code (killed) is a failure"
### BEGIN HIDDEN TESTS
job = Job("x", "build", ["make"])
job.start()
job.finish(1)
assert job.exit_code == 1 and job.status == "failed"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def refused(job, move, *args) -> str:
    before = (job.status, job.attempts, job.exit_code)
    try:
        getattr(job, move)(*args)
    except JobStateError as err:
        assert (job.status, job.attempts, job.exit_code) == before, f"a refused {move}() must not change the job"
        return str(err)
    raise AssertionError(f"{move}() on a {job.status} job must raise JobStateError")


job = Job("lint", "test", ["ruff check ."])
message = refused(job, "finish", 0)
assert "lint" in message and "pending" in message, f"the message names the job and its status: {message!r}"
refused(job, "retry")
job.start()
refused(job, "start")
refused(job, "retry")
job.finish(0)
for move, args in (("start", ()), ("finish", (0,)), ("retry", ())):
    refused(job, move, *args)
assert issubclass(JobStateError, RuntimeError)
### BEGIN HIDDEN TESTS
job = Job("y", "build", ["make"])
job.start()
job.finish(3)
refused(job, "start")
refused(job, "finish", 0)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def fail_once(job):
    job.start()
    job.finish(1)


job = Job("flaky", "test", ["pytest"])
for _ in range(2):
    fail_once(job)
    job.retry()  # allowed after the 1st and 2nd failure
fail_once(job)
assert job.attempts == 3, "three starts were allowed"
try:
    job.retry()
except JobStateError:
    pass
else:
    raise AssertionError("max_attempts is 3: no retry after the third failure")
assert job.status == "failed"

strict = Job("strict", "deploy", ["./release"])
strict.max_attempts = 1  # this job only: no retries at all
fail_once(strict)
try:
    strict.retry()
except JobStateError:
    pass
else:
    raise AssertionError("read max_attempts through self: this job overrides it with 1")
patient = Job("patient", "test", ["pytest"])
patient.max_attempts = 5
for _ in range(4):
    fail_once(patient)
    patient.retry()
assert patient.attempts == 4 and Job.max_attempts == 3, "other jobs and the class keep 3"

# %% course={"kind": "test", "points": 1}
def invalid(*args) -> bool:
    try:
        Job(*args)
    except ValueError:
        return True
    return False


assert invalid("x", "release", ["make"]), "'release' is not in Job.STAGES"
assert invalid("", "build", ["make"]) and invalid("  ", "build", ["make"]), "a job needs a name"
assert invalid("x", "build", []), "a job needs at least one command"
assert invalid("x", "build", ["make", "  "]), "blank commands are refused"
assert invalid("x", "build", "make") and invalid("x", "build", "make test"), "a bare string is not a list of commands"
cmds = ["make"]
job = Job("build", "build", cmds)
cmds.append("rm -rf /")
assert job.commands == ("make",), "the job keeps its own copy of the commands"
assert "STAGES" in Job.__dict__ and "STAGES" not in vars(job), "STAGES stays a class attribute"

# %% course={"kind": "wrong", "id": "finish-unchecked", "fails": ["t3"]}
class JobStateError(RuntimeError):
    pass


class Job:
    STAGES = ("build", "test", "deploy")
    max_attempts = 3

    def __init__(self, name, stage, commands):
        if not name.strip() or stage not in self.STAGES or isinstance(commands, str) or not commands \
                or not all(c.strip() for c in commands):
            raise ValueError("bad job")
        self.name, self.stage, self.commands = name, stage, tuple(commands)
        self.status, self.attempts, self.exit_code = "pending", 0, None

    def start(self):
        if self.status != "pending":
            raise JobStateError(f"{self.name} is {self.status}, cannot start")
        self.attempts += 1
        self.status, self.exit_code = "running", None

    def finish(self, exit_code):
        self.exit_code = exit_code
        self.status = "success" if exit_code == 0 else "failed"

    def retry(self):
        if self.status != "failed" or self.attempts >= self.max_attempts:
            raise JobStateError(f"{self.name} is {self.status}, cannot retry")
        self.status = "pending"

# %% course={"kind": "wrong", "id": "one-retry-too-many", "fails": ["t4"]}
class JobStateError(RuntimeError):
    pass


class Job:
    STAGES = ("build", "test", "deploy")
    max_attempts = 3

    def __init__(self, name, stage, commands):
        if not name.strip() or stage not in self.STAGES or isinstance(commands, str) or not commands \
                or not all(c.strip() for c in commands):
            raise ValueError("bad job")
        self.name, self.stage, self.commands = name, stage, tuple(commands)
        self.status, self.attempts, self.exit_code = "pending", 0, None

    def _require(self, status, action):
        if self.status != status:
            raise JobStateError(f"{self.name} is {self.status}, cannot {action}")

    def start(self):
        self._require("pending", "start")
        self.attempts += 1
        self.status, self.exit_code = "running", None

    def finish(self, exit_code):
        self._require("running", "finish")
        self.exit_code = exit_code
        self.status = "success" if exit_code == 0 else "failed"

    def retry(self):
        self._require("failed", "retry")
        if self.attempts > self.max_attempts:
            raise JobStateError(f"{self.name}: no attempts left")
        self.status = "pending"

# %% course={"kind": "wrong", "id": "class-max-attempts", "fails": ["t4"]}
class JobStateError(RuntimeError):
    pass


class Job:
    STAGES = ("build", "test", "deploy")
    max_attempts = 3

    def __init__(self, name, stage, commands):
        if not name.strip() or stage not in self.STAGES or isinstance(commands, str) or not commands \
                or not all(c.strip() for c in commands):
            raise ValueError("bad job")
        self.name, self.stage, self.commands = name, stage, tuple(commands)
        self.status, self.attempts, self.exit_code = "pending", 0, None

    def _require(self, status, action):
        if self.status != status:
            raise JobStateError(f"{self.name} is {self.status}, cannot {action}")

    def start(self):
        self._require("pending", "start")
        self.attempts += 1
        self.status, self.exit_code = "running", None

    def finish(self, exit_code):
        self._require("running", "finish")
        self.exit_code = exit_code
        self.status = "success" if exit_code == 0 else "failed"

    def retry(self):
        self._require("failed", "retry")
        if self.attempts >= Job.max_attempts:  # ignores a per-job override
            raise JobStateError(f"{self.name}: no attempts left")
        self.status = "pending"

# %% course={"kind": "wrong", "id": "aliased-commands", "fails": ["t1", "t5"]}
class JobStateError(RuntimeError):
    pass


class Job:
    STAGES = ("build", "test", "deploy")
    max_attempts = 3

    def __init__(self, name, stage, commands):
        if not name.strip() or stage not in self.STAGES or isinstance(commands, str) or not commands \
                or not all(c.strip() for c in commands):
            raise ValueError("bad job")
        self.name, self.stage, self.commands = name, stage, commands  # the caller's list itself
        self.status, self.attempts, self.exit_code = "pending", 0, None

    def _require(self, status, action):
        if self.status != status:
            raise JobStateError(f"{self.name} is {self.status}, cannot {action}")

    def start(self):
        self._require("pending", "start")
        self.attempts += 1
        self.status, self.exit_code = "running", None

    def finish(self, exit_code):
        self._require("running", "finish")
        self.exit_code = exit_code
        self.status = "success" if exit_code == 0 else "failed"

    def retry(self):
        self._require("failed", "retry")
        if self.attempts >= self.max_attempts:
            raise JobStateError(f"{self.name}: no attempts left")
        self.status = "pending"

# %% course={"kind": "wrong", "id": "string-commands", "fails": ["t5"]}
class JobStateError(RuntimeError):
    pass


class Job:
    STAGES = ("build", "test", "deploy")
    max_attempts = 3

    def __init__(self, name, stage, commands):
        if not name.strip() or stage not in self.STAGES or not commands or not all(c.strip() for c in commands):
            raise ValueError("bad job")
        self.name, self.stage, self.commands = name, stage, tuple(commands)  # "make" -> ('m', 'a', 'k', 'e')
        self.status, self.attempts, self.exit_code = "pending", 0, None

    def _require(self, status, action):
        if self.status != status:
            raise JobStateError(f"{self.name} is {self.status}, cannot {action}")

    def start(self):
        self._require("pending", "start")
        self.attempts += 1
        self.status, self.exit_code = "running", None

    def finish(self, exit_code):
        self._require("running", "finish")
        self.exit_code = exit_code
        self.status = "success" if exit_code == 0 else "failed"

    def retry(self):
        self._require("failed", "retry")
        if self.attempts >= self.max_attempts:
            raise JobStateError(f"{self.name}: no attempts left")
        self.status = "pending"

# %% [markdown] course={"kind": "exercise", "id": "configuration-file", "item": "x-create-a-configuration-class-that-loads"}
# ### A `Configuration` loaded from a file
#
# Many tools read settings from a `key = value` file. Write `Configuration(path, defaults=None)`
# that reads such a file and exposes every setting as an **instance attribute** (`cfg.port`), set
# with `setattr`:
#
# ```text
# # deploy settings           <- lines starting with # are comments; blank lines are skipped
# host = api.internal         <- spaces around the key and the value are removed
# port = 8443                 <- values stay strings ('8443')
# dsn  = postgres://db/app?sslmode=require   <- split at the FIRST '='
# banner =                    <- an empty value is allowed ('')
# ```
#
# - `defaults` (a dict, may be `None`) gives starting values, of any type; the file overrides
#   them. `keys()` returns a new list of the setting names: the defaults' keys first (in their
#   order), then the file's new keys (in file order).
# - `get(key, default=None)` returns a **setting** or `default`. Methods and private attributes are
#   not settings: `cfg.get("reload")` is `default`.
# - `reload()` reads the file again. A setting that left the file goes back to its default, or
#   disappears (`hasattr(cfg, key)` becomes `False`) when it has none. If the file is now bad,
#   `reload` raises and the object keeps **all** its old settings.
# - A bad line raises `ConfigError` (given; a `ValueError`) whose message starts with
#   `"<path>:<line number>:"` (lines count from 1) and says what was expected. Bad lines: no `=`;
#   a key that is not a Python identifier, is a keyword (`class`), starts with `_`, or names an
#   attribute of the class (`get`, `keys`, `reload`); a key that appears twice. A missing file
#   raises `FileNotFoundError` as usual. The file is UTF-8.
#
# ```python
# cfg = Configuration("deploy.conf", defaults={"port": 443, "workers": 4})
# cfg.port, cfg.workers      # ('8443', 4)
# cfg.keys()                 # ['port', 'workers', 'host', 'dsn', 'banner']
# cfg.get("banner", "-")     # ''   (present, even though empty)
# ```

# %% [markdown] course={"kind": "hint"}
# Split the work: a private `_parse()` that reads the file and returns a dict (raising on the
# first bad line) without touching `self`, and `reload()` that calls it and only then changes the
# attributes. `__init__` stores the path and defaults and calls `reload()`.

# %% [markdown] course={"kind": "hint"}
# `line.partition("=")` splits at the first `=`. `key.isidentifier()`, `keyword.iskeyword(key)`
# and `hasattr(type(self), key)` check the name. Keep the list of current keys in a private
# attribute: `get` answers from it, and `reload` uses it to know which attributes to `delattr`.

# %% course={"kind": "solution", "equivalent": {"m-6f3ac526": "a dict of the same keys answers `in`, iteration and list() exactly as the list does, and is rebuilt (never shared) on every reload"}}
import keyword
from pathlib import Path


class ConfigError(ValueError):
    """A settings file that cannot be used; the message starts with 'path:line:'."""


class Configuration:
    """Settings from a ``key = value`` file (over defaults), exposed as attributes."""

    def __init__(self, path: str | Path, defaults: dict | None = None) -> None:
        ### BEGIN SOLUTION
        self._path = Path(path)
        self._defaults = dict(defaults or {})
        self._keys: list[str] = []
        self.reload()
        ### END SOLUTION

    def keys(self) -> list[str]:
        ### BEGIN SOLUTION
        return list(self._keys)
        ### END SOLUTION

    def get(self, key: str, default=None):
        ### BEGIN SOLUTION
        return getattr(self, key) if key in self._keys else default
        ### END SOLUTION

    def reload(self) -> None:
        ### BEGIN SOLUTION
        settings = {**self._defaults, **self._parse()}  # parse first: a bad file changes nothing
        for key in self._keys:
            if key not in settings:
                delattr(self, key)
        for key, value in settings.items():
            setattr(self, key, value)
        self._keys = list(settings)
        ### END SOLUTION

    def _parse(self) -> dict[str, str]:
        ### BEGIN SOLUTION
        settings: dict[str, str] = {}
        text = self._path.read_text(encoding="utf-8")
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            key, sep, value = line.partition("=")
            key = key.strip()
            where = f"{self._path}:{number}:"
            if not sep:
                raise ConfigError(f"{where} expected 'key = value', got {line!r}")
            if not key.isidentifier() or keyword.iskeyword(key) or key.startswith("_") or hasattr(type(self), key):
                raise ConfigError(f"{where} expected a setting name, got {key!r}")
            if key in settings:
                raise ConfigError(f"{where} expected each key once, {key!r} is repeated")
            settings[key] = value.strip()
        return settings
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp, "deploy.conf")
    path.write_text(
        "# deploy settings\n\nhost = api.internal\n  port=8443  \n   \n  # an indented comment\n"
        "dsn  = postgres://db/app?sslmode=require\nbanner =\n",
        encoding="utf-8",
    )
    cfg = Configuration(path)
    assert cfg.host == "api.internal", "settings become attributes, spaces stripped"
    assert cfg.port == "8443" and type(cfg.port) is str, "values stay strings"
    assert cfg.dsn == "postgres://db/app?sslmode=require", "split at the first '=' only"
    assert cfg.banner == "", "an empty value is allowed"
    assert cfg.keys() == ["host", "port", "dsn", "banner"], f"keys() in file order, got {cfg.keys()}"
    assert not hasattr(cfg, "#"), "blank lines (even ones made of spaces) and indented comments are skipped"
    assert vars(cfg)["host"] == "api.internal", "settings are instance attributes (setattr)"

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp, "app.conf")
    path.write_text("port = 8443\nhost = api\n", encoding="utf-8")
    defaults = {"workers": 4, "port": 443, "debug": False}
    cfg = Configuration(str(path), defaults=defaults)
    assert cfg.port == "8443", "the file overrides a default"
    assert cfg.workers == 4 and cfg.debug is False, "defaults keep their values and types"
    assert cfg.keys() == ["workers", "port", "debug", "host"], f"defaults first, then new keys: {cfg.keys()}"
    assert defaults == {"workers": 4, "port": 443, "debug": False}, "the defaults dict must not change"
    cfg.keys().append("oops")
    assert cfg.keys() == ["workers", "port", "debug", "host"], "keys() returns a new list each time"
    ### BEGIN HIDDEN TESTS
    path.write_text("", encoding="utf-8")
    assert Configuration(path).keys() == [] and Configuration(path, {"a": 1}).keys() == ["a"], "an empty file"
    ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
import tempfile
from pathlib import Path


def load_error(text: str, folder: str) -> str:
    path = Path(folder, "bad.conf")
    path.write_text(text, encoding="utf-8")
    try:
        Configuration(path)
    except ConfigError as err:
        return str(err)
    raise AssertionError(f"expected ConfigError for {text!r}")


with tempfile.TemporaryDirectory() as tmp:
    where = f"{Path(tmp, 'bad.conf')}:"
    message = load_error("# ok\nhost = a\nthis line has no equals sign\n", tmp)
    assert message.startswith(where + "3:"), f"the message starts with 'path:line:', got {message!r}"
    assert load_error("host = a\nverbose\n", tmp).startswith(where + "2:"), "a line without '=' is bad, even one word"
    assert load_error("2fast = yes\n", tmp).startswith(where + "1:"), "keys must be identifiers"
    assert load_error("a = 1\nreload = now\n", tmp).startswith(where + "2:"), "'reload' would hide a method"
    assert load_error("\n\nport = 1\nport = 2\n", tmp).startswith(where + "4:"), "a repeated key is an error"
    assert issubclass(ConfigError, ValueError)
    try:
        Configuration(Path(tmp, "missing.conf"))
    except FileNotFoundError:
        pass
    else:
        raise AssertionError("a missing file raises FileNotFoundError")
    ### BEGIN HIDDEN TESTS
    assert load_error("_secret = x\n", tmp).startswith(where + "1:"), "private names are refused"
    assert load_error("class = gold\n", tmp).startswith(where + "1:"), "keywords are refused"
    assert load_error("get = x\n", tmp).startswith(where + "1:") and load_error("keys = x\n", tmp)
    assert load_error("= value\n", tmp).startswith(where + "1:"), "an empty key is refused"
    assert load_error("my key = 1\n", tmp).startswith(where + "1:"), "a key with a space is refused"
    path = Path(tmp, "unicode.conf")
    path.write_text("région = eu-west\nmotd = héllo ✓\n", encoding="utf-8")
    cfg = Configuration(path)
    assert cfg.get("région") == "eu-west" and cfg.motd == "héllo ✓", "unicode names and values work"
    ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp, "app.conf")
    path.write_text("host = api\nbanner =\n", encoding="utf-8")
    cfg = Configuration(path, defaults={"retries": 0})
    assert cfg.get("host") == "api" and cfg.get("nope") is None, "get returns a setting or None"
    assert cfg.get("banner", "-") == "" and cfg.get("retries", 9) == 0, "empty or zero values are still present"
    assert cfg.get("reload", "-") == "-" and cfg.get("get") is None, "methods are not settings"
    assert cfg.get("_path", "-") == "-" and cfg.get("__class__", "-") == "-", "private attributes are not settings"

# %% course={"kind": "test", "points": 2}
import tempfile
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp, "app.conf")
    path.write_text("host = api\nport = 8443\ncolour = blue\n", encoding="utf-8")
    cfg = Configuration(path, defaults={"port": 443})
    path.write_text("host = api-v2\nregion = eu\n", encoding="utf-8")
    cfg.reload()
    assert cfg.host == "api-v2" and cfg.region == "eu", "reload reads the new values"
    assert cfg.port == 443, "a setting that left the file goes back to its default"
    assert not hasattr(cfg, "colour") and cfg.get("colour") is None, "a setting with no default disappears"
    assert cfg.keys() == ["port", "host", "region"], f"keys after reload: {cfg.keys()}"
    path.write_text("host = api-v3\nregion = us\nbroken line\n", encoding="utf-8")
    try:
        cfg.reload()
    except ConfigError:
        pass
    else:
        raise AssertionError("reloading a bad file raises ConfigError")
    assert (cfg.host, cfg.region, cfg.port) == ("api-v2", "eu", 443), "a failed reload keeps all old settings"
    assert cfg.keys() == ["port", "host", "region"], "...and the old keys"

# %% course={"kind": "wrong", "id": "getattr-get", "fails": ["t4"]}
from pathlib import Path


class ConfigError(ValueError):
    pass


class Configuration:
    def __init__(self, path, defaults=None):
        self._path, self._defaults, self._keys = Path(path), dict(defaults or {}), []
        self.reload()

    def keys(self):
        return list(self._keys)

    def get(self, key, default=None):
        return getattr(self, key, default)  # also finds methods and private attributes

    def reload(self):
        settings = {**self._defaults, **self._parse()}
        for key in self._keys:
            if key not in settings:
                delattr(self, key)
        for key, value in settings.items():
            setattr(self, key, value)
        self._keys = list(settings)

    def _parse(self):
        import keyword
        settings = {}
        for number, raw in enumerate(self._path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            key, sep, value = line.partition("=")
            key = key.strip()
            if not sep or not key.isidentifier() or keyword.iskeyword(key) or key.startswith("_") \
                    or hasattr(type(self), key) or key in settings:
                raise ConfigError(f"{self._path}:{number}: bad line {line!r}")
            settings[key] = value.strip()
        return settings

# %% course={"kind": "wrong", "id": "stale-keys", "fails": ["t5"]}
from pathlib import Path


class ConfigError(ValueError):
    pass


class Configuration:
    def __init__(self, path, defaults=None):
        self._path, self._defaults, self._keys = Path(path), dict(defaults or {}), []
        self.reload()

    def keys(self):
        return list(self._keys)

    def get(self, key, default=None):
        return getattr(self, key) if key in self._keys else default

    def reload(self):
        settings = {**self._defaults, **self._parse()}
        for key, value in settings.items():  # never removes what left the file
            setattr(self, key, value)
        self._keys = list(settings)

    def _parse(self):
        import keyword
        settings = {}
        for number, raw in enumerate(self._path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            key, sep, value = line.partition("=")
            key = key.strip()
            if not sep or not key.isidentifier() or keyword.iskeyword(key) or key.startswith("_") \
                    or hasattr(type(self), key) or key in settings:
                raise ConfigError(f"{self._path}:{number}: bad line {line!r}")
            settings[key] = value.strip()
        return settings

# %% course={"kind": "wrong", "id": "apply-while-parsing", "fails": ["t5"]}
from pathlib import Path


class ConfigError(ValueError):
    pass


class Configuration:
    def __init__(self, path, defaults=None):
        self._path, self._defaults, self._keys = Path(path), dict(defaults or {}), []
        self.reload()

    def keys(self):
        return list(self._keys)

    def get(self, key, default=None):
        return getattr(self, key) if key in self._keys else default

    def reload(self):
        import keyword
        for key in self._keys:
            delattr(self, key)
        self._keys = []
        for key, value in self._defaults.items():
            setattr(self, key, value)
            self._keys.append(key)
        seen = set()
        for number, raw in enumerate(self._path.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            key, sep, value = line.partition("=")
            key = key.strip()
            if not sep or not key.isidentifier() or keyword.iskeyword(key) or key.startswith("_") \
                    or hasattr(type(self), key) or key in seen:
                raise ConfigError(f"{self._path}:{number}: bad line {line!r}")  # half-applied by now
            seen.add(key)
            setattr(self, key, value.strip())
            if key not in self._keys:
                self._keys.append(key)

# %% course={"kind": "wrong", "id": "no-line-number", "fails": ["t3"]}
from pathlib import Path


class ConfigError(ValueError):
    pass


class Configuration:
    def __init__(self, path, defaults=None):
        self._path, self._defaults, self._keys = Path(path), dict(defaults or {}), []
        self.reload()

    def keys(self):
        return list(self._keys)

    def get(self, key, default=None):
        return getattr(self, key) if key in self._keys else default

    def reload(self):
        settings = {**self._defaults, **self._parse()}
        for key in self._keys:
            if key not in settings:
                delattr(self, key)
        for key, value in settings.items():
            setattr(self, key, value)
        self._keys = list(settings)

    def _parse(self):
        import keyword
        settings = {}
        for raw in self._path.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            key, sep, value = line.partition("=")
            key = key.strip()
            if not sep or not key.isidentifier() or keyword.iskeyword(key) or key.startswith("_") \
                    or hasattr(type(self), key) or key in settings:
                raise ConfigError(f"{self._path}: bad line {line!r}")
            settings[key] = value.strip()
        return settings

# %% [markdown] course={"kind": "exercise", "id": "complex-numbers", "item": "dsa-classes"}
# ### Problem: A complex-number class (after HackerRank's *Classes: Dealing with Complex Numbers*)
#
# Signal-processing and ML code is full of complex numbers. Python has a built-in `complex`, but
# writing the class yourself is a good first exercise in methods that build **new** objects.
# Finish `Complex(real, imaginary=0)`:
#
# - `__init__` accepts `int` or `float` parts (not `bool`, not `str`: raise `TypeError`) and
#   stores them as `float` in `self.real` and `self.imaginary`.
# - `plus(other)`, `minus(other)`, `times(other)`, `divided_by(other)` return a **new** object and
#   never change `self` or `other`. For $(a+bi)(c+di)$ the product is $(ac-bd) + (ad+bc)i$; the
#   quotient is $\frac{(ac+bd) + (bc-ad)i}{c^2+d^2}$. Dividing by zero raises `ZeroDivisionError`.
#   The new object is built with `self.__class__(...)`, so a subclass of `Complex` gets its own
#   class back.
# - `modulus()` returns $\sqrt{a^2+b^2}$ as a `float`.
# - `text()` returns both parts with two decimals, as `"2.00+3.50i"` or `"2.00-3.50i"`. A part
#   that rounds to zero prints as `0.00`, never `-0.00` (and the sign in front of the imaginary part
#   is then `+`).
#
# (HackerRank's original makes `+ - * /` work directly on the objects; section 5.7 shows how.)
#
# ```python
# a, b = Complex(2, 1), Complex(5, 6)
# a.plus(b).text()          # '7.00+7.00i'
# a.times(b).text()         # '4.00+17.00i'
# a.divided_by(b).text()    # '0.26-0.11i'
# Complex(3, 4).modulus()   # 5.0
# ```

# %% [markdown] course={"kind": "hint"}
# Each arithmetic method is one line: `return self.__class__(new_real, new_imaginary)`. For the
# quotient, compute `size = other.real ** 2 + other.imaginary ** 2` first and raise when it is 0.

# %% [markdown] course={"kind": "hint"}
# Python 3.11 added the `z` format option: `f"{-0.001:z.2f}"` is `'0.00'`, while
# `f"{-0.001:.2f}"` is `'-0.00'`. Format the imaginary part with `z.2f`, then put `+` in front
# unless the text already starts with `-`.

# %% course={"kind": "solution", "equivalent": {"m-10516a12": "without the explicit raise, dividing by the float 0.0 raises ZeroDivisionError anyway; only the message differs, and the prompt fixes no message"}}
import math


class Complex:
    """A complex number with named arithmetic methods."""

    def __init__(self, real: float, imaginary: float = 0) -> None:
        ### BEGIN SOLUTION
        for part in (real, imaginary):
            if isinstance(part, bool) or not isinstance(part, (int, float)):
                raise TypeError(f"parts must be int or float, got {type(part).__name__}")
        self.real = float(real)
        self.imaginary = float(imaginary)
        ### END SOLUTION

    def plus(self, other: "Complex") -> "Complex":
        ### BEGIN SOLUTION
        return self.__class__(self.real + other.real, self.imaginary + other.imaginary)
        ### END SOLUTION

    def minus(self, other: "Complex") -> "Complex":
        ### BEGIN SOLUTION
        return self.__class__(self.real - other.real, self.imaginary - other.imaginary)
        ### END SOLUTION

    def times(self, other: "Complex") -> "Complex":
        ### BEGIN SOLUTION
        a, b, c, d = self.real, self.imaginary, other.real, other.imaginary
        return self.__class__(a * c - b * d, a * d + b * c)
        ### END SOLUTION

    def divided_by(self, other: "Complex") -> "Complex":
        ### BEGIN SOLUTION
        a, b, c, d = self.real, self.imaginary, other.real, other.imaginary
        size = c * c + d * d
        if size == 0:
            raise ZeroDivisionError("division by a zero complex number")
        return self.__class__((a * c + b * d) / size, (b * c - a * d) / size)
        ### END SOLUTION

    def modulus(self) -> float:
        ### BEGIN SOLUTION
        return math.hypot(self.real, self.imaginary)
        ### END SOLUTION

    def text(self) -> str:
        ### BEGIN SOLUTION
        imaginary = f"{self.imaginary:z.2f}"
        sign = "" if imaginary.startswith("-") else "+"
        return f"{self.real:z.2f}{sign}{imaginary}i"
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
a, b = Complex(2, 1), Complex(5, 6)
assert a.plus(b).text() == "7.00+7.00i", f"plus gave {a.plus(b).text()}"
assert a.minus(b).text() == "-3.00-5.00i", f"minus gave {a.minus(b).text()}"
assert a.times(b).text() == "4.00+17.00i", f"times gave {a.times(b).text()}"
assert a.divided_by(b).text() == "0.26-0.11i", f"divided_by gave {a.divided_by(b).text()}"
assert Complex(3, 4).modulus() == 5.0 and type(Complex(3, 4).modulus()) is float, "modulus of 3+4i is 5.0"
### BEGIN HIDDEN TESTS
import random

rng = random.Random(51)
for _ in range(200):
    x = complex(rng.uniform(-50, 50), rng.uniform(-50, 50))
    y = complex(rng.randint(-9, 9), rng.uniform(-9, 9))
    cx, cy = Complex(x.real, x.imag), Complex(y.real, y.imag)
    for got, want in ((cx.plus(cy), x + y), (cx.minus(cy), x - y), (cx.times(cy), x * y), (cx.divided_by(cy), x / y)):
        assert math.isclose(got.real, want.real, rel_tol=1e-9, abs_tol=1e-9), (x, y, got.real, want)
        assert math.isclose(got.imaginary, want.imag, rel_tol=1e-9, abs_tol=1e-9), (x, y, got.imaginary, want)
    assert math.isclose(cx.modulus(), abs(x), rel_tol=1e-12)
assert Complex(0, -2).modulus() == 2.0 and Complex(-5, 0).modulus() == 5.0 and Complex(0, 0).modulus() == 0.0
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
a, b = Complex(2, 1), Complex(5, 6)
result = a.times(b)
assert type(result) is Complex and result is not a and result is not b, "return a new Complex"
for method in (a.plus, a.minus, a.times, a.divided_by):
    method(b)
assert (a.real, a.imaginary, b.real, b.imaginary) == (2.0, 1.0, 5.0, 6.0), "never change self or other"
assert type(Complex(2, 1).real) is float and type(Complex(2).imaginary) is float, "parts are stored as float"
assert Complex(7).imaginary == 0.0, "imaginary defaults to 0"


class Tagged(Complex):  # a subclass, as a library user might write
    pass


t = Tagged(1, 1)
assert all(type(r) is Tagged for r in (t.plus(a), t.minus(a), t.times(a), t.divided_by(a))), \
    "build results with self.__class__ so subclasses keep their class"

# %% course={"kind": "test", "points": 1}
assert Complex(1.5, 0).text() == "1.50+0.00i", "a zero imaginary part prints as +0.00i"
assert Complex(0, -2).text() == "0.00-2.00i"
assert Complex(-0.001, -0.004).text() == "0.00+0.00i", "parts that round to zero print as 0.00, never -0.00"
assert Complex(2.005, 1.999).text() == "2.00+2.00i"
for bad in (("1", 2), (1, "2"), (True, 0), (1, None)):
    try:
        Complex(*bad)
    except TypeError:
        pass
    else:
        raise AssertionError(f"Complex{bad} must raise TypeError")
try:
    Complex(1, 1).divided_by(Complex(0, 0))
except ZeroDivisionError:
    pass
else:
    raise AssertionError("dividing by 0+0i raises ZeroDivisionError")
### BEGIN HIDDEN TESTS
assert Complex(-2.5, 0.0).text() == "-2.50+0.00i" and Complex(0.0, -0.0).text() == "0.00+0.00i"
assert Complex(-0.006, 0.006).text() == "-0.01+0.01i", "-0.006 rounds to -0.01, which keeps its sign"
assert Complex(0, 3).divided_by(Complex(0, 1)).text() == "3.00+0.00i"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "changes-self", "fails": ["t1", "t2"]}
import math


class Complex:
    def __init__(self, real, imaginary=0):
        for part in (real, imaginary):
            if isinstance(part, bool) or not isinstance(part, (int, float)):
                raise TypeError("parts must be numbers")
        self.real, self.imaginary = float(real), float(imaginary)

    def plus(self, other):
        self.real += other.real  # changes a and hands it back
        self.imaginary += other.imaginary
        return self

    def minus(self, other):
        return self.__class__(self.real - other.real, self.imaginary - other.imaginary)

    def times(self, other):
        a, b, c, d = self.real, self.imaginary, other.real, other.imaginary
        return self.__class__(a * c - b * d, a * d + b * c)

    def divided_by(self, other):
        a, b, c, d = self.real, self.imaginary, other.real, other.imaginary
        size = c * c + d * d
        return self.__class__((a * c + b * d) / size, (b * c - a * d) / size)

    def modulus(self):
        return math.hypot(self.real, self.imaginary)

    def text(self):
        imaginary = f"{self.imaginary:z.2f}"
        return f"{self.real:z.2f}{'' if imaginary.startswith('-') else '+'}{imaginary}i"

# %% course={"kind": "wrong", "id": "product-sign", "fails": ["t1"]}
import math


class Complex:
    def __init__(self, real, imaginary=0):
        for part in (real, imaginary):
            if isinstance(part, bool) or not isinstance(part, (int, float)):
                raise TypeError("parts must be numbers")
        self.real, self.imaginary = float(real), float(imaginary)

    def plus(self, other):
        return self.__class__(self.real + other.real, self.imaginary + other.imaginary)

    def minus(self, other):
        return self.__class__(self.real - other.real, self.imaginary - other.imaginary)

    def times(self, other):
        a, b, c, d = self.real, self.imaginary, other.real, other.imaginary
        return self.__class__(a * c + b * d, a * d + b * c)  # forgot that i*i = -1

    def divided_by(self, other):
        a, b, c, d = self.real, self.imaginary, other.real, other.imaginary
        size = c * c + d * d
        return self.__class__((a * c + b * d) / size, (b * c - a * d) / size)

    def modulus(self):
        return math.hypot(self.real, self.imaginary)

    def text(self):
        imaginary = f"{self.imaginary:z.2f}"
        return f"{self.real:z.2f}{'' if imaginary.startswith('-') else '+'}{imaginary}i"

# %% course={"kind": "wrong", "id": "negative-zero", "fails": ["t3"]}
import math


class Complex:
    def __init__(self, real, imaginary=0):
        for part in (real, imaginary):
            if isinstance(part, bool) or not isinstance(part, (int, float)):
                raise TypeError("parts must be numbers")
        self.real, self.imaginary = float(real), float(imaginary)

    def plus(self, other):
        return self.__class__(self.real + other.real, self.imaginary + other.imaginary)

    def minus(self, other):
        return self.__class__(self.real - other.real, self.imaginary - other.imaginary)

    def times(self, other):
        a, b, c, d = self.real, self.imaginary, other.real, other.imaginary
        return self.__class__(a * c - b * d, a * d + b * c)

    def divided_by(self, other):
        a, b, c, d = self.real, self.imaginary, other.real, other.imaginary
        size = c * c + d * d
        return self.__class__((a * c + b * d) / size, (b * c - a * d) / size)

    def modulus(self):
        return math.hypot(self.real, self.imaginary)

    def text(self):
        sign = "-" if self.imaginary < 0 else "+"
        return f"{self.real:.2f}{sign}{abs(self.imaginary):.2f}i"

# %% course={"kind": "wrong", "id": "hardcoded-class", "fails": ["t2"]}
import math


class Complex:
    def __init__(self, real, imaginary=0):
        for part in (real, imaginary):
            if isinstance(part, bool) or not isinstance(part, (int, float)):
                raise TypeError("parts must be numbers")
        self.real, self.imaginary = float(real), float(imaginary)

    def plus(self, other):
        return Complex(self.real + other.real, self.imaginary + other.imaginary)

    def minus(self, other):
        return Complex(self.real - other.real, self.imaginary - other.imaginary)

    def times(self, other):
        a, b, c, d = self.real, self.imaginary, other.real, other.imaginary
        return Complex(a * c - b * d, a * d + b * c)

    def divided_by(self, other):
        a, b, c, d = self.real, self.imaginary, other.real, other.imaginary
        size = c * c + d * d
        if size == 0:
            raise ZeroDivisionError("division by zero")
        return Complex((a * c + b * d) / size, (b * c - a * d) / size)

    def modulus(self):
        return math.hypot(self.real, self.imaginary)

    def text(self):
        imaginary = f"{self.imaginary:z.2f}"
        return f"{self.real:z.2f}{'' if imaginary.startswith('-') else '+'}{imaginary}i"

# %% [markdown] course={"kind": "exercise", "id": "torsional-angle", "item": "dsa-class-2-find-the-torsional-angle"}
# ### Problem: The angle between two planes (after HackerRank's *Class 2 - Find the Torsional Angle*)
#
# Four points $A, B, C, D$ in space define two planes that share the line $BC$: plane $ABC$ and
# plane $BCD$. The angle between them (the *torsional* or *dihedral* angle) is used from molecular
# models to robot arms. Compute it with a small vector class.
#
# First finish `Vector3(x, y, z)` (coordinates stored as `float`), whose methods never change
# the vectors they are called on:
#
# | method | returns |
# |---|---|
# | `minus(other)` | a new `Vector3`, `self - other` |
# | `dot(other)` | a `float`, $x_1x_2 + y_1y_2 + z_1z_2$ |
# | `cross(other)` | a new `Vector3`, $(y_1z_2 - z_1y_2,\; z_1x_2 - x_1z_2,\; x_1y_2 - y_1x_2)$ |
# | `length()` | a `float`, $\sqrt{x^2+y^2+z^2}$ |
#
# Then write `torsional_angle(a, b, c, d)` (four `Vector3` points) that returns the angle in
# **degrees**, a `float` from 0 to 180: with $AB = B - A$, $BC = C - B$, $CD = D - C$,
# $X = AB \times BC$ and $Y = BC \times CD$, the angle is
# $\arccos\frac{X \cdot Y}{|X|\,|Y|}$. If $X$ or $Y$ has length 0, three of the points are on one
# line and there is no plane: raise `ValueError`.
#
# Rounding can push the cosine a hair outside $[-1, 1]$ (try `math.acos(1.0000000000000002)`):
# clamp it before calling `math.acos`.
#
# ```python
# a, b, c = Vector3(1, 0, 0), Vector3(0, 0, 0), Vector3(0, 1, 0)
# torsional_angle(a, b, c, Vector3(0, 1, 1))    # 90.0
# torsional_angle(a, b, c, Vector3(1, 1, 1))    # 45.0 (up to rounding)
# ```

# %% [markdown] course={"kind": "hint"}
# Every `Vector3` method is one or two lines. `math.degrees` turns radians into degrees.

# %% [markdown] course={"kind": "hint"}
# Clamp with `max(-1.0, min(1.0, cosine))`. Keep the order of the cross products as given:
# `AB × BC` and `BC × CD`; swapping one of them turns $\theta$ into $180° - \theta$.

# %% course={"kind": "solution"}
import math


class Vector3:
    """A point or direction in 3-D space."""

    def __init__(self, x: float, y: float, z: float) -> None:
        ### BEGIN SOLUTION
        self.x, self.y, self.z = float(x), float(y), float(z)
        ### END SOLUTION

    def minus(self, other: "Vector3") -> "Vector3":
        ### BEGIN SOLUTION
        return Vector3(self.x - other.x, self.y - other.y, self.z - other.z)
        ### END SOLUTION

    def dot(self, other: "Vector3") -> float:
        ### BEGIN SOLUTION
        return self.x * other.x + self.y * other.y + self.z * other.z
        ### END SOLUTION

    def cross(self, other: "Vector3") -> "Vector3":
        ### BEGIN SOLUTION
        return Vector3(
            self.y * other.z - self.z * other.y,
            self.z * other.x - self.x * other.z,
            self.x * other.y - self.y * other.x,
        )
        ### END SOLUTION

    def length(self) -> float:
        ### BEGIN SOLUTION
        return math.sqrt(self.dot(self))
        ### END SOLUTION


def torsional_angle(a: Vector3, b: Vector3, c: Vector3, d: Vector3) -> float:
    """The angle in degrees between plane abc and plane bcd."""
    ### BEGIN SOLUTION
    ab, bc, cd = b.minus(a), c.minus(b), d.minus(c)
    x, y = ab.cross(bc), bc.cross(cd)
    size = x.length() * y.length()
    if size == 0:
        raise ValueError("three of the points lie on one line: no plane")
    cosine = max(-1.0, min(1.0, x.dot(y) / size))
    return math.degrees(math.acos(cosine))
    ### END SOLUTION

# %% course={"kind": "test", "points": 1}
u, v = Vector3(1, 2, 3), Vector3(4, 5, 6)
assert (u.x, u.y, u.z) == (1.0, 2.0, 3.0), "keep the coordinates"
assert type(u.x) is float and type(u.y) is float and type(u.z) is float, "coordinates are stored as floats"
w = v.minus(u)
assert type(w) is Vector3 and (w.x, w.y, w.z) == (3.0, 3.0, 3.0), "minus: a new Vector3, self - other"
assert u.dot(v) == 32.0 and type(u.dot(v)) is float, "dot: 1*4 + 2*5 + 3*6 = 32"
c = u.cross(v)
assert type(c) is Vector3 and (c.x, c.y, c.z) == (-3.0, 6.0, -3.0), f"cross gave {(c.x, c.y, c.z)}"
assert Vector3(2, 3, 6).length() == 7.0, "length of (2, 3, 6) is 7"
assert (u.x, u.y, u.z, v.x, v.y, v.z) == (1.0, 2.0, 3.0, 4.0, 5.0, 6.0), "methods never change the vectors"

# %% course={"kind": "test", "points": 2}
a, b, c = Vector3(1, 0, 0), Vector3(0, 0, 0), Vector3(0, 1, 0)
cases = {(0, 1, 1): 90.0, (1, 1, 1): 45.0, (-1, 3, -1): 135.0, (-1, 1, 0): 180.0, (5, 1, 0): 0.0}
for point, expected in cases.items():
    got = torsional_angle(a, b, c, Vector3(*point))
    assert type(got) is float, "return a float"
    assert math.isclose(got, expected, abs_tol=1e-6), f"D={point}: expected {expected} degrees, got {got}"
### BEGIN HIDDEN TESTS
import random


def reference(p, q, r, s):
    b1, b2, b3 = q.minus(p), r.minus(q), s.minus(r)
    n1, n2 = b1.cross(b2), b2.cross(b3)
    return abs(math.degrees(math.atan2(b2.length() * b1.dot(n2), n1.dot(n2))))


rng = random.Random(51)
for _ in range(300):
    points = [Vector3(rng.uniform(-10, 10), rng.uniform(-10, 10), rng.uniform(-10, 10)) for _ in range(4)]
    got = torsional_angle(*points)
    assert 0.0 <= got <= 180.0 and math.isclose(got, reference(*points), abs_tol=1e-6)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
flat = [  # four points in one plane, where rounding pushes the cosine just past 1
    ((3.3, 1.3, 0.3), (-1.7, 0.2, 3.3), (0.1, 0.7, 1.1), (1.6, 1.03, 0.2)),
    ((0.2, 0.2, 3.3), (3.3, 3.3, 3.3), (1.1, 0.2, 0.3), (0.48, -0.42, 0.3)),
    ((0.2, 0.7, 0.2), (0.2, 1.1, 1.1), (0.1, 0.3, 1.1), (0.1, 0.18, 0.83)),
]
for points in flat:
    got = torsional_angle(*(Vector3(*p) for p in points))
    assert math.isclose(got, 0.0, abs_tol=1e-6), f"flat points: expected 0 degrees, got {got} (clamp the cosine)"
for line in (((0, 0, 0), (1, 1, 1), (2, 2, 2), (0, 5, 1)), ((0, 5, 1), (0, 0, 0), (1, 1, 1), (2, 2, 2))):
    try:
        torsional_angle(*(Vector3(*p) for p in line))
    except ValueError:
        pass
    else:
        raise AssertionError(f"{line}: three points on one line must raise ValueError")

# %% course={"kind": "wrong", "id": "no-clamp", "fails": ["t3"]}
import math


class Vector3:
    def __init__(self, x, y, z):
        self.x, self.y, self.z = float(x), float(y), float(z)

    def minus(self, other):
        return Vector3(self.x - other.x, self.y - other.y, self.z - other.z)

    def dot(self, other):
        return self.x * other.x + self.y * other.y + self.z * other.z

    def cross(self, other):
        return Vector3(self.y * other.z - self.z * other.y, self.z * other.x - self.x * other.z,
                       self.x * other.y - self.y * other.x)

    def length(self):
        return math.sqrt(self.dot(self))


def torsional_angle(a, b, c, d):
    ab, bc, cd = b.minus(a), c.minus(b), d.minus(c)
    x, y = ab.cross(bc), bc.cross(cd)
    if x.length() == 0 or y.length() == 0:
        raise ValueError("collinear")
    return math.degrees(math.acos(x.dot(y) / (x.length() * y.length())))

# %% course={"kind": "wrong", "id": "cross-order", "fails": ["t2", "t3"]}
import math


class Vector3:
    def __init__(self, x, y, z):
        self.x, self.y, self.z = float(x), float(y), float(z)

    def minus(self, other):
        return Vector3(self.x - other.x, self.y - other.y, self.z - other.z)

    def dot(self, other):
        return self.x * other.x + self.y * other.y + self.z * other.z

    def cross(self, other):
        return Vector3(self.y * other.z - self.z * other.y, self.z * other.x - self.x * other.z,
                       self.x * other.y - self.y * other.x)

    def length(self):
        return math.sqrt(self.dot(self))


def torsional_angle(a, b, c, d):
    ab, bc, cd = b.minus(a), c.minus(b), d.minus(c)
    x, y = bc.cross(ab), bc.cross(cd)  # the first product taken the other way round
    if x.length() == 0 or y.length() == 0:
        raise ValueError("collinear")
    return math.degrees(math.acos(max(-1.0, min(1.0, x.dot(y) / (x.length() * y.length())))))

# %% course={"kind": "wrong", "id": "radians", "fails": ["t2"]}
import math


class Vector3:
    def __init__(self, x, y, z):
        self.x, self.y, self.z = float(x), float(y), float(z)

    def minus(self, other):
        return Vector3(self.x - other.x, self.y - other.y, self.z - other.z)

    def dot(self, other):
        return self.x * other.x + self.y * other.y + self.z * other.z

    def cross(self, other):
        return Vector3(self.y * other.z - self.z * other.y, self.z * other.x - self.x * other.z,
                       self.x * other.y - self.y * other.x)

    def length(self):
        return math.sqrt(self.dot(self))


def torsional_angle(a, b, c, d):
    ab, bc, cd = b.minus(a), c.minus(b), d.minus(c)
    x, y = ab.cross(bc), bc.cross(cd)
    if x.length() == 0 or y.length() == 0:
        raise ValueError("collinear")
    return math.acos(max(-1.0, min(1.0, x.dot(y) / (x.length() * y.length()))))

# %% course={"kind": "wrong", "id": "cross-component", "fails": ["t1", "t2"]}
import math


class Vector3:
    def __init__(self, x, y, z):
        self.x, self.y, self.z = float(x), float(y), float(z)

    def minus(self, other):
        return Vector3(self.x - other.x, self.y - other.y, self.z - other.z)

    def dot(self, other):
        return self.x * other.x + self.y * other.y + self.z * other.z

    def cross(self, other):
        return Vector3(self.y * other.z - self.z * other.y, self.x * other.z - self.z * other.x,
                       self.x * other.y - self.y * other.x)  # middle component with the wrong sign

    def length(self):
        return math.sqrt(self.dot(self))


def torsional_angle(a, b, c, d):
    ab, bc, cd = b.minus(a), c.minus(b), d.minus(c)
    x, y = ab.cross(bc), bc.cross(cd)
    if x.length() == 0 or y.length() == 0:
        raise ValueError("collinear")
    return math.degrees(math.acos(max(-1.0, min(1.0, x.dot(y) / (x.length() * y.length())))))

# %% [markdown] course={"kind": "exercise", "id": "parking-lot", "item": "dsa-design-parking-system"}
# ### Problem: A parking lot (after LeetCode 1603 *Design Parking System*)
#
# A car park has a fixed number of spaces of three sizes, and a car only fits a space of its own
# size. Write `ParkingLot(big, medium, small)` (the number of spaces of each size: an `int` from 0
# up; a negative count, or one that is not an `int` such as `2.0`, `"2"` or `True`, raises
# `ValueError`) with:
#
# - `park(kind)`: `kind` is `"big"`, `"medium"` or `"small"`; take a free space of that size and
#   return `True`, or return `False` when none is free;
# - `leave(kind)`: a car of that size leaves; `ValueError` if no such car is parked;
# - `free(kind)`: how many spaces of that size are free now.
#
# Any other `kind` raises `ValueError`. Every lot is independent: parking in one never uses a space
# in another, so keep the counts in instance attributes.
#
# ```python
# lot = ParkingLot(big=1, medium=1, small=0)
# lot.park("big"), lot.park("medium"), lot.park("small"), lot.park("big")
# # (True, True, False, False)
# lot.leave("big"); lot.free("big")     # 1
# ```

# %% [markdown] course={"kind": "hint"}
# Two dicts keyed by kind: the capacity and the number of cars parked. `park` compares them.

# %% [markdown] course={"kind": "hint"}
# Create both dicts in `__init__` (a dict written in the class body would be shared by every
# lot). `isinstance(n, bool)` must be checked before `isinstance(n, int)`, because `True` is an
# `int`.

# %% course={"kind": "solution"}
class ParkingLot:
    """Spaces of three sizes; each car takes one space of its own size."""

    KINDS = ("big", "medium", "small")

    def __init__(self, big: int, medium: int, small: int) -> None:
        ### BEGIN SOLUTION
        capacity = {"big": big, "medium": medium, "small": small}
        for kind, count in capacity.items():
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise ValueError(f"{kind}: the number of spaces must be a whole number >= 0, got {count!r}")
        self._capacity = capacity
        self._parked = dict.fromkeys(self.KINDS, 0)
        ### END SOLUTION

    def park(self, kind: str) -> bool:
        ### BEGIN SOLUTION
        if self.free(kind) == 0:
            return False
        self._parked[kind] += 1
        return True
        ### END SOLUTION

    def leave(self, kind: str) -> None:
        ### BEGIN SOLUTION
        self._check(kind)
        if self._parked[kind] == 0:
            raise ValueError(f"no {kind} car is parked")
        self._parked[kind] -= 1
        ### END SOLUTION

    def free(self, kind: str) -> int:
        ### BEGIN SOLUTION
        self._check(kind)
        return self._capacity[kind] - self._parked[kind]
        ### END SOLUTION

    def _check(self, kind: str) -> None:
        ### BEGIN SOLUTION
        if kind not in self.KINDS:
            raise ValueError(f"kind must be one of {self.KINDS}, got {kind!r}")
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
lot = ParkingLot(big=1, medium=1, small=0)
got = (lot.park("big"), lot.park("medium"), lot.park("small"), lot.park("big"))
assert got == (True, True, False, False), f"expected (True, True, False, False), got {got}"
assert all(type(answer) is bool for answer in got), "park() returns True or False (a bool)"
assert lot.free("big") == 0 and lot.free("medium") == 0 and lot.free("small") == 0
lot.leave("big")
assert lot.free("big") == 1 and lot.park("big") is True, "a car leaving frees its space"

# %% course={"kind": "test", "points": 2}
lot = ParkingLot(3, 0, 2)
assert [lot.park("big") for _ in range(4)] == [True, True, True, False], "exactly 3 big spaces"
assert lot.park("medium") is False, "no medium spaces at all"
assert [lot.park("small") for _ in range(3)] == [True, True, False], "exactly 2 small spaces"
assert lot.free("small") == 0 and type(lot.free("small")) is int
for _ in range(3):
    lot.leave("big")
assert lot.free("big") == 3, "after every big car left, all 3 spaces are free"
try:
    lot.leave("big")
except ValueError:
    pass
else:
    raise AssertionError("leave('big') with no big car parked must raise ValueError")
assert lot.free("big") == 3, "a refused leave changes nothing"
### BEGIN HIDDEN TESTS
big = ParkingLot(1000, 1000, 1000)
assert all(big.park("medium") for _ in range(1000)) and big.park("medium") is False
assert big.free("medium") == 0 and big.free("big") == 1000 and big.free("small") == 1000
empty = ParkingLot(0, 0, 0)
assert not any(empty.park(k) for k in ("big", "medium", "small"))
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
first, second = ParkingLot(1, 1, 1), ParkingLot(1, 1, 1)
assert first.park("small") is True
assert second.free("small") == 1 and second.park("small") is True, "each lot has its own spaces"
for bad in ("Big", "truck", "", " small"):
    try:
        first.park(bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{bad!r} is not a kind of car: raise ValueError")
for counts in ((-1, 0, 0), (1, 1.5, 0), (2.0, 0, 0), (0, 0, "2"), (True, 0, 0)):
    try:
        ParkingLot(*counts)
    except ValueError:
        pass
    else:
        raise AssertionError(f"ParkingLot{counts} must raise ValueError")
### BEGIN HIDDEN TESTS
for call in (first.leave, first.free):
    try:
        call("bike")
    except ValueError:
        pass
    else:
        raise AssertionError("leave() and free() check the kind too")
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "one-too-many", "fails": ["t1", "t2"]}
class ParkingLot:
    KINDS = ("big", "medium", "small")

    def __init__(self, big, medium, small):
        for n in (big, medium, small):
            if isinstance(n, bool) or not isinstance(n, int) or n < 0:
                raise ValueError("bad count")
        self._capacity = {"big": big, "medium": medium, "small": small}
        self._parked = dict.fromkeys(self.KINDS, 0)

    def park(self, kind):
        self._check(kind)
        if self._parked[kind] > self._capacity[kind]:
            return False
        self._parked[kind] += 1
        return True

    def leave(self, kind):
        self._check(kind)
        if self._parked[kind] == 0:
            raise ValueError("nothing parked")
        self._parked[kind] -= 1

    def free(self, kind):
        self._check(kind)
        return self._capacity[kind] - self._parked[kind]

    def _check(self, kind):
        if kind not in self.KINDS:
            raise ValueError("unknown kind")

# %% course={"kind": "wrong", "id": "shared-counts", "fails": ["t3"]}
class ParkingLot:
    KINDS = ("big", "medium", "small")
    parked = {"big": 0, "medium": 0, "small": 0}  # one dict for every lot

    def __init__(self, big, medium, small):
        for n in (big, medium, small):
            if isinstance(n, bool) or not isinstance(n, int) or n < 0:
                raise ValueError("bad count")
        self.capacity = {"big": big, "medium": medium, "small": small}
        for kind in self.KINDS:
            self.parked[kind] = 0  # "reset" the counts: every older lot is emptied too

    def park(self, kind):
        if self.free(kind) == 0:
            return False
        self.parked[kind] += 1
        return True

    def leave(self, kind):
        self._check(kind)
        if self.parked[kind] == 0:
            raise ValueError("nothing parked")
        self.parked[kind] -= 1

    def free(self, kind):
        self._check(kind)
        return self.capacity[kind] - self.parked[kind]

    def _check(self, kind):
        if kind not in self.KINDS:
            raise ValueError("unknown kind")

# %% course={"kind": "wrong", "id": "leave-below-zero", "fails": ["t2"]}
class ParkingLot:
    KINDS = ("big", "medium", "small")

    def __init__(self, big, medium, small):
        for n in (big, medium, small):
            if isinstance(n, bool) or not isinstance(n, int) or n < 0:
                raise ValueError("bad count")
        self._capacity = {"big": big, "medium": medium, "small": small}
        self._parked = dict.fromkeys(self.KINDS, 0)

    def park(self, kind):
        if self.free(kind) <= 0:
            return False
        self._parked[kind] += 1
        return True

    def leave(self, kind):
        self._check(kind)
        self._parked[kind] -= 1  # may go below zero: free() then reports more spaces than exist

    def free(self, kind):
        self._check(kind)
        return self._capacity[kind] - self._parked[kind]

    def _check(self, kind):
        if kind not in self.KINDS:
            raise ValueError("unknown kind")

# %% course={"kind": "wrong", "id": "bool-is-int", "fails": ["t3"]}
class ParkingLot:
    KINDS = ("big", "medium", "small")

    def __init__(self, big, medium, small):
        for n in (big, medium, small):
            if not isinstance(n, int) or n < 0:  # True passes: bool is a subclass of int
                raise ValueError("bad count")
        self._capacity = {"big": big, "medium": medium, "small": small}
        self._parked = dict.fromkeys(self.KINDS, 0)

    def park(self, kind):
        if self.free(kind) == 0:
            return False
        self._parked[kind] += 1
        return True

    def leave(self, kind):
        self._check(kind)
        if self._parked[kind] == 0:
            raise ValueError("nothing parked")
        self._parked[kind] -= 1

    def free(self, kind):
        self._check(kind)
        return self._capacity[kind] - self._parked[kind]

    def _check(self, kind):
        if kind not in self.KINDS:
            raise ValueError("unknown kind")

# %% [markdown] course={"kind": "exercise", "id": "server-inventory", "item": "project-5-1-1"}
# ### Mini-project: Server Inventory System
#
# Build the model behind an inventory tool: a `Datacenter` holds named `Cluster`s, a `Cluster`
# holds `Server`s. The `Server` class is given (run its cell and read it: `__init__` checks every
# field, and `Server.FIELDS` lists the fields that may change after creation). You write `Cluster`
# and `Datacenter`.
#
# **`Cluster(name)`** keeps its `name` and its servers by hostname:
#
# - `add(server)` (a duplicate hostname raises `ValueError`), `has(hostname)` (`True`/`False`),
#   `get(hostname)` (`KeyError` when absent), `remove(hostname)` returns the removed server
#   (`KeyError` when absent), and `servers()` returns a new list of its servers sorted by hostname.
#
# **`Datacenter(name)`** keeps its `name` and is the public face of the inventory:
#
# | method | does |
# |---|---|
# | `add_cluster(name)` | creates and returns an empty `Cluster`; a name already used raises `ValueError` |
# | `add_server(cluster_name, server)` | `KeyError` for an unknown cluster; `ValueError` when the hostname exists **anywhere** in the datacenter |
# | `get_server(hostname)` | the server, from whichever cluster holds it; `KeyError` when absent |
# | `update_server(hostname, **changes)` | changes fields of the **same** `Server` object (code elsewhere holds references to it) and returns it. Only names in `Server.FIELDS` may change (else `ValueError`); the new values must pass `Server`'s own checks; a refused update changes **nothing** |
# | `remove_server(hostname)` | removes it from its cluster and returns it; `KeyError` when absent |
# | `find(**criteria)` | every server whose attributes equal all the criteria, sorted by hostname; no criteria gives every server. A criterion may name `hostname` or a field of `Server.FIELDS`; any other name raises `ValueError` (a typo must not silently match nothing) |
# | `report()` | a list of lines, one per cluster sorted by name, then a total line (see below) |
#
# ```python
# dc = Datacenter("eu-west")
# dc.add_cluster("web"); dc.add_cluster("db")
# dc.add_server("web", Server("web-2", role="frontend", cpus=4, memory_gb=16))
# dc.add_server("web", Server("web-1", role="frontend", cpus=4, memory_gb=16, status="down"))
# dc.add_server("db", Server("db-1", role="postgres", cpus=16, memory_gb=64))
# [s.hostname for s in dc.find(role="frontend")]     # ['web-1', 'web-2']
# dc.update_server("web-1", status="up", cpus=8)
# dc.report()
# # ['db: 1 servers (1 up), 16 cpus, 64 GB',
# #  'web: 2 servers (2 up), 12 cpus, 32 GB',
# #  'total: 3 servers (3 up), 28 cpus, 96 GB']
# ```

# %% [markdown] course={"kind": "hint"}
# `Datacenter` keeps a dict of clusters by name. Most methods start by finding the cluster that
# holds a hostname: write that once, as a private helper that raises `KeyError`.

# %% [markdown] course={"kind": "hint"}
# For `update_server`, check the names against `Server.FIELDS`, then let `Server` check the values:
# build a throwaway `Server(hostname, **merged)`, where `merged` holds the server's current value of
# every field in `Server.FIELDS` (read with `getattr`) updated with `changes`. If that succeeds,
# copy the changes onto the real object with `setattr`. In `find`, `getattr(server, name)` reads the
# attribute a criterion names.

# %% course={"kind": "solution"}
class Server:
    """Given: one machine. Every field is checked when the object is made."""

    FIELDS = ("role", "cpus", "memory_gb", "status")  # what update_server may change
    STATUSES = ("up", "down", "maintenance")

    def __init__(self, hostname: str, role: str, cpus: int, memory_gb: int, status: str = "up") -> None:
        if not isinstance(hostname, str) or not hostname or hostname != hostname.strip():
            raise ValueError(f"bad hostname {hostname!r}")
        if not isinstance(role, str) or not role:
            raise ValueError(f"{hostname}: bad role {role!r}")
        for field, value in (("cpus", cpus), ("memory_gb", memory_gb)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{hostname}: {field} must be a whole number >= 1, got {value!r}")
        if status not in self.STATUSES:
            raise ValueError(f"{hostname}: status must be one of {self.STATUSES}, got {status!r}")
        self.hostname, self.role, self.cpus, self.memory_gb, self.status = hostname, role, cpus, memory_gb, status


class Cluster:
    """Servers of one cluster, by hostname."""

    def __init__(self, name: str) -> None:
        ### BEGIN SOLUTION
        self.name = name
        self._servers: dict[str, Server] = {}
        ### END SOLUTION

    def add(self, server: Server) -> None:
        ### BEGIN SOLUTION
        if server.hostname in self._servers:
            raise ValueError(f"{server.hostname} is already in cluster {self.name}")
        self._servers[server.hostname] = server
        ### END SOLUTION

    def has(self, hostname: str) -> bool:
        ### BEGIN SOLUTION
        return hostname in self._servers
        ### END SOLUTION

    def get(self, hostname: str) -> Server:
        ### BEGIN SOLUTION
        return self._servers[hostname]
        ### END SOLUTION

    def remove(self, hostname: str) -> Server:
        ### BEGIN SOLUTION
        return self._servers.pop(hostname)
        ### END SOLUTION

    def servers(self) -> list[Server]:
        ### BEGIN SOLUTION
        return sorted(self._servers.values(), key=lambda s: s.hostname)
        ### END SOLUTION


class Datacenter:
    """Clusters of servers, with lookups, updates, search and a report."""

    def __init__(self, name: str) -> None:
        ### BEGIN SOLUTION
        self.name = name
        self._clusters: dict[str, Cluster] = {}
        ### END SOLUTION

    def add_cluster(self, name: str) -> Cluster:
        ### BEGIN SOLUTION
        if name in self._clusters:
            raise ValueError(f"cluster {name} already exists")
        cluster = self._clusters[name] = Cluster(name)
        return cluster
        ### END SOLUTION

    def add_server(self, cluster_name: str, server: Server) -> None:
        ### BEGIN SOLUTION
        cluster = self._clusters[cluster_name]
        if any(c.has(server.hostname) for c in self._clusters.values()):
            raise ValueError(f"{server.hostname} is already in the inventory")
        cluster.add(server)
        ### END SOLUTION

    def get_server(self, hostname: str) -> Server:
        ### BEGIN SOLUTION
        return self._holder(hostname).get(hostname)
        ### END SOLUTION

    def update_server(self, hostname: str, **changes) -> Server:
        ### BEGIN SOLUTION
        server = self.get_server(hostname)
        unknown = [name for name in changes if name not in Server.FIELDS]
        if unknown:
            raise ValueError(f"cannot change {unknown}; changeable fields: {Server.FIELDS}")
        current = {field: getattr(server, field) for field in Server.FIELDS}
        Server(hostname, **{**current, **changes})  # raises if a new value is invalid
        for field, value in changes.items():
            setattr(server, field, value)
        return server
        ### END SOLUTION

    def remove_server(self, hostname: str) -> Server:
        ### BEGIN SOLUTION
        return self._holder(hostname).remove(hostname)
        ### END SOLUTION

    def find(self, **criteria) -> list[Server]:
        ### BEGIN SOLUTION
        allowed = ("hostname", *Server.FIELDS)
        for name in criteria:
            if name not in allowed:
                raise ValueError(f"cannot search by {name!r}; use one of {allowed}")
        everything = [s for c in self._clusters.values() for s in c.servers()]
        found = [s for s in everything if all(getattr(s, k) == v for k, v in criteria.items())]
        return sorted(found, key=lambda s: s.hostname)
        ### END SOLUTION

    def report(self) -> list[str]:
        ### BEGIN SOLUTION
        def line(label: str, servers: list[Server]) -> str:
            up = sum(s.status == "up" for s in servers)
            cpus = sum(s.cpus for s in servers)
            memory = sum(s.memory_gb for s in servers)
            return f"{label}: {len(servers)} servers ({up} up), {cpus} cpus, {memory} GB"

        lines = [line(name, self._clusters[name].servers()) for name in sorted(self._clusters)]
        lines.append(line("total", [s for c in self._clusters.values() for s in c.servers()]))
        return lines
        ### END SOLUTION

    def _holder(self, hostname: str) -> Cluster:
        """The cluster that holds ``hostname``; KeyError if none does."""
        ### BEGIN SOLUTION
        for cluster in self._clusters.values():
            if cluster.has(hostname):
                return cluster
        raise KeyError(hostname)
        ### END SOLUTION

# %% course={"kind": "test", "points": 1}
web = Cluster("web")
assert web.name == "web" and Datacenter("eu-west").name == "eu-west", "clusters and datacenters keep their name"
web.add(Server("web-2", "frontend", 4, 16))
web.add(Server("web-1", "frontend", 4, 16))
assert web.has("web-1") and not web.has("web-3"), "has() says whether a hostname is in the cluster"
assert [s.hostname for s in web.servers()] == ["web-1", "web-2"], "servers() is sorted by hostname"
assert web.get("web-2").role == "frontend"
removed = web.remove("web-2")
assert removed.hostname == "web-2" and [s.hostname for s in web.servers()] == ["web-1"], "remove returns it"
web.servers().clear()
assert len(web.servers()) == 1, "servers() returns a new list"
for call in (lambda: web.add(Server("web-1", "x", 1, 1)),):
    try:
        call()
    except ValueError:
        pass
    else:
        raise AssertionError("adding a hostname twice raises ValueError")
for call in (web.get, web.remove):
    try:
        call("web-9")
    except KeyError:
        pass
    else:
        raise AssertionError(f"{call.__name__}() of an unknown hostname raises KeyError")

# %% course={"kind": "test", "points": 2}
def sample() -> Datacenter:
    dc = Datacenter("eu-west")
    dc.add_cluster("web")
    dc.add_cluster("db")
    dc.add_server("web", Server("web-2", role="frontend", cpus=4, memory_gb=16))
    dc.add_server("web", Server("web-1", role="frontend", cpus=4, memory_gb=16, status="down"))
    dc.add_server("db", Server("db-1", role="postgres", cpus=16, memory_gb=64))
    return dc


dc = sample()
assert type(dc.add_cluster("cache")) is Cluster, "add_cluster returns the new Cluster"
assert dc.get_server("db-1").cpus == 16, "get_server looks in every cluster"
try:
    dc.add_server("db", Server("web-1", "postgres", 8, 32))
except ValueError:
    pass
else:
    raise AssertionError("web-1 already exists in cluster web: hostnames are unique in the datacenter")
for call, args, error in (
    (dc.add_server, ("gpu", Server("gpu-1", "trainer", 64, 512)), KeyError),
    (dc.add_cluster, ("web",), ValueError),
    (dc.get_server, ("nope-1",), KeyError),
    (dc.remove_server, ("nope-1",), KeyError),
):
    try:
        call(*args)
    except error:
        pass
    else:
        raise AssertionError(f"{call.__name__}{args} must raise {error.__name__}")
gone = dc.remove_server("web-2")
assert gone.hostname == "web-2", "remove_server returns the server"
try:
    dc.get_server("web-2")
except KeyError:
    pass
else:
    raise AssertionError("a removed server is gone")
dc.add_server("db", gone)  # its hostname is free again
assert dc.get_server("web-2") is gone

# %% course={"kind": "test", "points": 2}
dc = sample()
held = dc.get_server("web-1")
result = dc.update_server("web-1", status="up", cpus=8)
assert result is held and held.status == "up" and held.cpus == 8, "update the same Server object in place"
for changes in ({"cpus": 0}, {"status": "running"}, {"memory_gb": True}, {"status": "down", "role": ""}):
    try:
        dc.update_server("web-1", **changes)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{changes} breaks Server's rules: ValueError")
assert (held.status, held.cpus, held.role, held.memory_gb) == ("up", 8, "frontend", 16), "refused updates change nothing"
for changes in ({"owner": "team-a"}, {"status": "down", "colour": "red"}, {"STATUSES": ()}):
    try:
        dc.update_server("web-1", **changes)
    except ValueError:
        pass
    else:
        raise AssertionError(f"{changes}: only Server.FIELDS may change")
assert held.hostname == "web-1" and held.status == "up" and not hasattr(held, "owner")
try:
    dc.update_server("nope-1", status="up")
except KeyError:
    pass
else:
    raise AssertionError("updating an unknown hostname raises KeyError")

# %% course={"kind": "test", "points": 2}
dc = sample()
dc.add_server("db", Server("db-0", role="postgres", cpus=16, memory_gb=64, status="maintenance"))
names = lambda servers: [s.hostname for s in servers]  # noqa: E731
assert names(dc.find(role="frontend")) == ["web-1", "web-2"], "find by one attribute, sorted by hostname"
assert names(dc.find(role="postgres", status="up")) == ["db-1"], "every criterion must match"
assert names(dc.find()) == ["db-0", "db-1", "web-1", "web-2"], "no criteria: every server, sorted"
assert dc.find(role="gpu") == [] and names(dc.find(hostname="web-2")) == ["web-2"]
assert names(dc.find(cpus=16, memory_gb=64)) == ["db-0", "db-1"]
for bad in ({"stauts": "up"}, {"Role": "frontend"}, {"owner": None}):
    try:
        dc.find(**bad)
    except ValueError:
        pass
    else:
        raise AssertionError(f"find({bad}) names no searchable attribute: raise ValueError")
### BEGIN HIDDEN TESTS
empty = Datacenter("empty")
assert empty.find() == [] and empty.find(role="x") == []
try:
    empty.find(colour="red")
except ValueError:
    pass
else:
    raise AssertionError("unknown criteria are refused even in an empty datacenter")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
dc = sample()
dc.update_server("web-1", status="up", cpus=8)
assert dc.report() == [
    "db: 1 servers (1 up), 16 cpus, 64 GB",
    "web: 2 servers (2 up), 12 cpus, 32 GB",
    "total: 3 servers (3 up), 28 cpus, 96 GB",
], f"got {dc.report()}"
### BEGIN HIDDEN TESTS
dc.add_cluster("aaa")
dc.update_server("db-1", status="maintenance")
assert dc.report() == [
    "aaa: 0 servers (0 up), 0 cpus, 0 GB",
    "db: 1 servers (0 up), 16 cpus, 64 GB",
    "web: 2 servers (2 up), 12 cpus, 32 GB",
    "total: 3 servers (2 up), 28 cpus, 96 GB",
]
assert Datacenter("none").report() == ["total: 0 servers (0 up), 0 cpus, 0 GB"]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "replaces-object", "fails": ["t3"]}
class Server:
    FIELDS = ("role", "cpus", "memory_gb", "status")
    STATUSES = ("up", "down", "maintenance")

    def __init__(self, hostname, role, cpus, memory_gb, status="up"):
        if not isinstance(hostname, str) or not hostname or hostname != hostname.strip():
            raise ValueError("bad hostname")
        if not isinstance(role, str) or not role:
            raise ValueError("bad role")
        for value in (cpus, memory_gb):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError("bad number")
        if status not in self.STATUSES:
            raise ValueError("bad status")
        self.hostname, self.role, self.cpus, self.memory_gb, self.status = hostname, role, cpus, memory_gb, status


class Cluster:
    def __init__(self, name):
        self.name, self._servers = name, {}

    def add(self, server):
        if server.hostname in self._servers:
            raise ValueError("duplicate")
        self._servers[server.hostname] = server

    def has(self, hostname):
        return hostname in self._servers

    def get(self, hostname):
        return self._servers[hostname]

    def remove(self, hostname):
        return self._servers.pop(hostname)

    def servers(self):
        return sorted(self._servers.values(), key=lambda s: s.hostname)


class Datacenter:
    def __init__(self, name):
        self.name, self._clusters = name, {}

    def add_cluster(self, name):
        if name in self._clusters:
            raise ValueError("duplicate cluster")
        self._clusters[name] = Cluster(name)
        return self._clusters[name]

    def add_server(self, cluster_name, server):
        cluster = self._clusters[cluster_name]
        if any(c.has(server.hostname) for c in self._clusters.values()):
            raise ValueError("duplicate hostname")
        cluster.add(server)

    def _holder(self, hostname):
        for cluster in self._clusters.values():
            if cluster.has(hostname):
                return cluster
        raise KeyError(hostname)

    def get_server(self, hostname):
        return self._holder(hostname).get(hostname)

    def update_server(self, hostname, **changes):
        cluster = self._holder(hostname)
        old = cluster.get(hostname)
        if set(changes) - set(Server.FIELDS):
            raise ValueError("unknown field")
        new = Server(hostname, **{**{f: getattr(old, f) for f in Server.FIELDS}, **changes})
        cluster.remove(hostname)
        cluster.add(new)  # a new object: references held elsewhere now see stale data
        return new

    def remove_server(self, hostname):
        return self._holder(hostname).remove(hostname)

    def find(self, **criteria):
        if set(criteria) - {"hostname", *Server.FIELDS}:
            raise ValueError("unknown criterion")
        found = [s for c in self._clusters.values() for s in c.servers()
                 if all(getattr(s, k) == v for k, v in criteria.items())]
        return sorted(found, key=lambda s: s.hostname)

    def report(self):
        def line(label, servers):
            return (f"{label}: {len(servers)} servers ({sum(s.status == 'up' for s in servers)} up), "
                    f"{sum(s.cpus for s in servers)} cpus, {sum(s.memory_gb for s in servers)} GB")
        everything = [s for c in self._clusters.values() for s in c.servers()]
        return [line(n, self._clusters[n].servers()) for n in sorted(self._clusters)] + [line("total", everything)]

# %% course={"kind": "wrong", "id": "setattr-unchecked", "fails": ["t3"]}
class Server:
    FIELDS = ("role", "cpus", "memory_gb", "status")
    STATUSES = ("up", "down", "maintenance")

    def __init__(self, hostname, role, cpus, memory_gb, status="up"):
        if not isinstance(hostname, str) or not hostname or hostname != hostname.strip():
            raise ValueError("bad hostname")
        if not isinstance(role, str) or not role:
            raise ValueError("bad role")
        for value in (cpus, memory_gb):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError("bad number")
        if status not in self.STATUSES:
            raise ValueError("bad status")
        self.hostname, self.role, self.cpus, self.memory_gb, self.status = hostname, role, cpus, memory_gb, status


class Cluster:
    def __init__(self, name):
        self.name, self._servers = name, {}

    def add(self, server):
        if server.hostname in self._servers:
            raise ValueError("duplicate")
        self._servers[server.hostname] = server

    def has(self, hostname):
        return hostname in self._servers

    def get(self, hostname):
        return self._servers[hostname]

    def remove(self, hostname):
        return self._servers.pop(hostname)

    def servers(self):
        return sorted(self._servers.values(), key=lambda s: s.hostname)


class Datacenter:
    def __init__(self, name):
        self.name, self._clusters = name, {}

    def add_cluster(self, name):
        if name in self._clusters:
            raise ValueError("duplicate cluster")
        self._clusters[name] = Cluster(name)
        return self._clusters[name]

    def add_server(self, cluster_name, server):
        cluster = self._clusters[cluster_name]
        if any(c.has(server.hostname) for c in self._clusters.values()):
            raise ValueError("duplicate hostname")
        cluster.add(server)

    def _holder(self, hostname):
        for cluster in self._clusters.values():
            if cluster.has(hostname):
                return cluster
        raise KeyError(hostname)

    def get_server(self, hostname):
        return self._holder(hostname).get(hostname)

    def update_server(self, hostname, **changes):
        server = self.get_server(hostname)
        for field, value in changes.items():
            if field not in Server.FIELDS:
                raise ValueError("unknown field")
            setattr(server, field, value)  # no value checks, and half-done when a later name is bad
        return server

    def remove_server(self, hostname):
        return self._holder(hostname).remove(hostname)

    def find(self, **criteria):
        if set(criteria) - {"hostname", *Server.FIELDS}:
            raise ValueError("unknown criterion")
        found = [s for c in self._clusters.values() for s in c.servers()
                 if all(getattr(s, k) == v for k, v in criteria.items())]
        return sorted(found, key=lambda s: s.hostname)

    def report(self):
        def line(label, servers):
            return (f"{label}: {len(servers)} servers ({sum(s.status == 'up' for s in servers)} up), "
                    f"{sum(s.cpus for s in servers)} cpus, {sum(s.memory_gb for s in servers)} GB")
        everything = [s for c in self._clusters.values() for s in c.servers()]
        return [line(n, self._clusters[n].servers()) for n in sorted(self._clusters)] + [line("total", everything)]

# %% course={"kind": "wrong", "id": "unique-per-cluster", "fails": ["t2"]}
class Server:
    FIELDS = ("role", "cpus", "memory_gb", "status")
    STATUSES = ("up", "down", "maintenance")

    def __init__(self, hostname, role, cpus, memory_gb, status="up"):
        if not isinstance(hostname, str) or not hostname or hostname != hostname.strip():
            raise ValueError("bad hostname")
        if not isinstance(role, str) or not role:
            raise ValueError("bad role")
        for value in (cpus, memory_gb):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError("bad number")
        if status not in self.STATUSES:
            raise ValueError("bad status")
        self.hostname, self.role, self.cpus, self.memory_gb, self.status = hostname, role, cpus, memory_gb, status


class Cluster:
    def __init__(self, name):
        self.name, self._servers = name, {}

    def add(self, server):
        if server.hostname in self._servers:
            raise ValueError("duplicate")
        self._servers[server.hostname] = server

    def has(self, hostname):
        return hostname in self._servers

    def get(self, hostname):
        return self._servers[hostname]

    def remove(self, hostname):
        return self._servers.pop(hostname)

    def servers(self):
        return sorted(self._servers.values(), key=lambda s: s.hostname)


class Datacenter:
    def __init__(self, name):
        self.name, self._clusters = name, {}

    def add_cluster(self, name):
        if name in self._clusters:
            raise ValueError("duplicate cluster")
        self._clusters[name] = Cluster(name)
        return self._clusters[name]

    def add_server(self, cluster_name, server):
        self._clusters[cluster_name].add(server)  # only checks the one cluster

    def _holder(self, hostname):
        for cluster in self._clusters.values():
            if cluster.has(hostname):
                return cluster
        raise KeyError(hostname)

    def get_server(self, hostname):
        return self._holder(hostname).get(hostname)

    def update_server(self, hostname, **changes):
        server = self.get_server(hostname)
        if set(changes) - set(Server.FIELDS):
            raise ValueError("unknown field")
        Server(hostname, **{**{f: getattr(server, f) for f in Server.FIELDS}, **changes})
        for field, value in changes.items():
            setattr(server, field, value)
        return server

    def remove_server(self, hostname):
        return self._holder(hostname).remove(hostname)

    def find(self, **criteria):
        if set(criteria) - {"hostname", *Server.FIELDS}:
            raise ValueError("unknown criterion")
        found = [s for c in self._clusters.values() for s in c.servers()
                 if all(getattr(s, k) == v for k, v in criteria.items())]
        return sorted(found, key=lambda s: s.hostname)

    def report(self):
        def line(label, servers):
            return (f"{label}: {len(servers)} servers ({sum(s.status == 'up' for s in servers)} up), "
                    f"{sum(s.cpus for s in servers)} cpus, {sum(s.memory_gb for s in servers)} GB")
        everything = [s for c in self._clusters.values() for s in c.servers()]
        return [line(n, self._clusters[n].servers()) for n in sorted(self._clusters)] + [line("total", everything)]

# %% course={"kind": "wrong", "id": "typo-matches-nothing", "fails": ["t4"]}
class Server:
    FIELDS = ("role", "cpus", "memory_gb", "status")
    STATUSES = ("up", "down", "maintenance")

    def __init__(self, hostname, role, cpus, memory_gb, status="up"):
        if not isinstance(hostname, str) or not hostname or hostname != hostname.strip():
            raise ValueError("bad hostname")
        if not isinstance(role, str) or not role:
            raise ValueError("bad role")
        for value in (cpus, memory_gb):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError("bad number")
        if status not in self.STATUSES:
            raise ValueError("bad status")
        self.hostname, self.role, self.cpus, self.memory_gb, self.status = hostname, role, cpus, memory_gb, status


class Cluster:
    def __init__(self, name):
        self.name, self._servers = name, {}

    def add(self, server):
        if server.hostname in self._servers:
            raise ValueError("duplicate")
        self._servers[server.hostname] = server

    def has(self, hostname):
        return hostname in self._servers

    def get(self, hostname):
        return self._servers[hostname]

    def remove(self, hostname):
        return self._servers.pop(hostname)

    def servers(self):
        return sorted(self._servers.values(), key=lambda s: s.hostname)


class Datacenter:
    def __init__(self, name):
        self.name, self._clusters = name, {}

    def add_cluster(self, name):
        if name in self._clusters:
            raise ValueError("duplicate cluster")
        self._clusters[name] = Cluster(name)
        return self._clusters[name]

    def add_server(self, cluster_name, server):
        cluster = self._clusters[cluster_name]
        if any(c.has(server.hostname) for c in self._clusters.values()):
            raise ValueError("duplicate hostname")
        cluster.add(server)

    def _holder(self, hostname):
        for cluster in self._clusters.values():
            if cluster.has(hostname):
                return cluster
        raise KeyError(hostname)

    def get_server(self, hostname):
        return self._holder(hostname).get(hostname)

    def update_server(self, hostname, **changes):
        server = self.get_server(hostname)
        if set(changes) - set(Server.FIELDS):
            raise ValueError("unknown field")
        Server(hostname, **{**{f: getattr(server, f) for f in Server.FIELDS}, **changes})
        for field, value in changes.items():
            setattr(server, field, value)
        return server

    def remove_server(self, hostname):
        return self._holder(hostname).remove(hostname)

    def find(self, **criteria):
        found = [s for c in self._clusters.values() for s in c.servers()
                 if all(getattr(s, k, None) == v for k, v in criteria.items())]  # a typo just matches nothing
        return sorted(found, key=lambda s: s.hostname)

    def report(self):
        def line(label, servers):
            return (f"{label}: {len(servers)} servers ({sum(s.status == 'up' for s in servers)} up), "
                    f"{sum(s.cpus for s in servers)} cpus, {sum(s.memory_gb for s in servers)} GB")
        everything = [s for c in self._clusters.values() for s in c.servers()]
        return [line(n, self._clusters[n].servers()) for n in sorted(self._clusters)] + [line("total", everything)]

# %% [markdown] course={"kind": "task", "id": "inventory-tool", "item": "project-5-1-1", "points": 3}
# ### Make the inventory a tool
#
# Put `Server`, `Cluster` and `Datacenter` in a module `inventory.py` and add what a real tool
# needs:
#
# 1. `Datacenter.save(path)` and `Datacenter.load(path)` that write and read the whole inventory
#    as JSON (build each `Server` through its `__init__` on load, so a hand-edited file with
#    `"cpus": 0` is refused with a message naming the file and the server);
# 2. a command line: `python inventory.py inv.json add web web-3 --role frontend --cpus 4
#    --memory 16`, `... list --role frontend`, `... update web-3 --status down`, `... report`.
#
# Paste a terminal session that creates an inventory from nothing, lists, updates, removes a
# server and prints the report, plus the error you get after setting `"cpus": 0` in the file by
# hand.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: save/load round-trips (load then report gives the same lines); loading goes through
#   `Server.__init__`, and a bad file's error names the file and the hostname.
# - 1 point: the four subcommands work and reuse `Datacenter`'s methods (no second copy of the
#   search or update logic in the CLI code); errors print one line and exit non-zero, no traceback.
# - 1 point: the session shows create, list with a filter, update, remove and report.

# %% [markdown] course={"kind": "exercise", "id": "job-scheduler", "item": "project-5-1-2"}
# ### Mini-project: Job Scheduler
#
# Build the core of a scheduler that runs jobs after the jobs they depend on, and remembers what
# happened. Three classes:
#
# **`Job(name, action, needs=())`**: `name` a string that is not blank (`ValueError` otherwise); `action`
# anything callable, run with no arguments (`TypeError` when not callable); `needs` the names of
# the jobs that must succeed first, kept as a tuple.
#
# **`Schedule()`**, the set of jobs:
#
# - `add(job)`: a name already in the schedule raises `ValueError`. `get(name)` returns the job
#   (`KeyError` when absent).
# - `order()`: the list of job names in an order where every job comes after all its needs.
#   When several jobs are ready, the one **added first** goes first (so the order is fixed, not
#   left to chance). A need that names no job raises `ValueError` naming both jobs. If some jobs
#   can never run because their needs form a cycle, raise `CycleError` (given) with the message
#   `"cannot order jobs: "` followed by the names of **every** job left out, sorted, joined by
#   `", "`.
#
# **`Executor(schedule)`** runs them and keeps an execution history:
#
# - `run()` takes `schedule.order()` (a `CycleError` stops it before any job runs) and goes
#   through it: a job whose needs all ended in `"success"` has its action called; it ends in
#   `"success"`, or `"failed"` if the action raised an exception (which `run` catches: one
#   failing job must not stop the others). A job with any need that did not succeed is
#   `"skipped"`, and its action is **not** called. `run` returns a dict `{name: outcome}` in run
#   order.
# - `history` is a list, one tuple `(run_number, name, outcome)` per job per run; runs are numbered
#   from 1, and every `Executor` has its own history.
#
# ```python
# schedule = Schedule()
# schedule.add(Job("test", run_tests, needs=("build",)))
# schedule.add(Job("build", compile_code))
# schedule.add(Job("lint", run_linter))
# schedule.add(Job("deploy", ship_it, needs=("test", "lint")))
# schedule.order()                 # ['build', 'test', 'lint', 'deploy']
# Executor(schedule).run()         # {'build': 'success', 'test': 'failed', 'lint': 'success', 'deploy': 'skipped'}
# ```
# (here `run_tests` raised an exception).

# %% [markdown] course={"kind": "hint"}
# For `order()`: repeat "walk the jobs in the order they were added and take the **first** one
# not yet placed whose needs are all placed". When a whole pass finds nothing to take but jobs are
# left, those jobs are in (or behind) a cycle. Check the unknown needs before you start.

# %% [markdown] course={"kind": "hint"}
# In `run()`, keep the outcomes of this run in a dict as you go: since needs come first in the
# order, their outcomes are already there when a job's turn comes. A need that was skipped did not
# succeed, so skipping spreads down the chain by itself.

# %% course={"kind": "solution"}
class CycleError(ValueError):
    """Jobs whose needs form a cycle, so they can never run."""


class Job:
    """A named action, and the names of the jobs that must succeed before it."""

    def __init__(self, name: str, action, needs=()) -> None:
        ### BEGIN SOLUTION
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"a job needs a name, got {name!r}")
        if not callable(action):
            raise TypeError(f"{name}: action must be callable, got {type(action).__name__}")
        self.name = name
        self.action = action
        self.needs = tuple(needs)
        ### END SOLUTION


class Schedule:
    """Jobs, and an order that respects their dependencies."""

    def __init__(self) -> None:
        ### BEGIN SOLUTION
        self._jobs: dict[str, Job] = {}
        ### END SOLUTION

    def add(self, job: Job) -> None:
        ### BEGIN SOLUTION
        if job.name in self._jobs:
            raise ValueError(f"a job named {job.name!r} is already scheduled")
        self._jobs[job.name] = job
        ### END SOLUTION

    def get(self, name: str) -> Job:
        ### BEGIN SOLUTION
        return self._jobs[name]
        ### END SOLUTION

    def order(self) -> list[str]:
        ### BEGIN SOLUTION
        for job in self._jobs.values():
            for need in job.needs:
                if need not in self._jobs:
                    raise ValueError(f"job {job.name!r} needs unknown job {need!r}")
        placed: list[str] = []
        done: set[str] = set()
        while len(placed) < len(self._jobs):
            ready = next(
                (job for job in self._jobs.values() if job.name not in done and all(n in done for n in job.needs)),
                None,
            )
            if ready is None:
                left = sorted(name for name in self._jobs if name not in done)
                raise CycleError("cannot order jobs: " + ", ".join(left))
            placed.append(ready.name)
            done.add(ready.name)
        return placed
        ### END SOLUTION


class Executor:
    """Runs a schedule's jobs in order and keeps the history of every run."""

    def __init__(self, schedule: Schedule) -> None:
        ### BEGIN SOLUTION
        self.schedule = schedule
        self.history: list[tuple[int, str, str]] = []
        self._runs = 0
        ### END SOLUTION

    def run(self) -> dict[str, str]:
        ### BEGIN SOLUTION
        order = self.schedule.order()
        self._runs += 1
        outcomes: dict[str, str] = {}
        for name in order:
            job = self.schedule.get(name)
            if any(outcomes[need] != "success" for need in job.needs):
                outcome = "skipped"
            else:
                try:
                    job.action()
                    outcome = "success"
                except Exception:
                    outcome = "failed"
            outcomes[name] = outcome
            self.history.append((self._runs, name, outcome))
        return outcomes
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
def noop():
    return None


def schedule_of(*jobs):
    schedule = Schedule()
    for name, needs in jobs:
        schedule.add(Job(name, noop, needs))
    return schedule


pipeline = schedule_of(("test", ("build",)), ("build", ()), ("lint", ()), ("deploy", ("test", "lint")))
order = pipeline.order()
assert order == ["build", "test", "lint", "deploy"], f"got {order}"
assert pipeline.order() == order, "order() can be called again and gives the same answer"
assert schedule_of(("a", ("c",)), ("b", ()), ("c", ())).order() == ["b", "c", "a"], \
    "b and c are both ready at the start: b was added first, so b goes first"
assert schedule_of(("a", ()), ("b", ("a",)), ("c", ())).order() == ["a", "b", "c"], \
    "once a has run, b and c are both ready: b was added first"
assert Schedule().order() == [], "an empty schedule has an empty order"
### BEGIN HIDDEN TESTS
chain = schedule_of(*[(f"step-{i:03d}", (f"step-{i + 1:03d}",) if i < 299 else ()) for i in range(300)])
assert chain.order() == [f"step-{i:03d}" for i in reversed(range(300))], "a long chain added in reverse"
wide = schedule_of(("z", ()), ("y", ("z",)), ("x", ("z",)), ("w", ("x", "y")), ("v", ()))
assert wide.order() == ["z", "y", "x", "w", "v"]
assert schedule_of(("one", ()), ("two", ("one", "one"))).order() == ["one", "two"], "a need listed twice"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
looped = schedule_of(("b", ("a",)), ("c", ("a",)), ("a", ("b",)), ("d", ()))
try:
    looped.order()
except CycleError as err:
    assert str(err) == "cannot order jobs: a, b, c", f"name every job left out, sorted: got {str(err)!r}"
else:
    raise AssertionError("a and b need each other: order() must raise CycleError")
try:
    schedule_of(("self", ("self",)), ("ok", ())).order()
except CycleError as err:
    assert str(err) == "cannot order jobs: self", "a job that needs itself is a cycle too"
else:
    raise AssertionError("a job that needs itself can never run")
try:
    schedule_of(("deploy", ("tset",)), ("test", ())).order()
except CycleError:
    raise AssertionError("an unknown need is not a cycle: raise a plain ValueError")
except ValueError as err:
    assert "deploy" in str(err) and "tset" in str(err), "name the job and the unknown need"
else:
    raise AssertionError("a need that names no job must raise ValueError")
assert issubclass(CycleError, ValueError)

# %% course={"kind": "test", "points": 1}
schedule = Schedule()
job = Job("build", noop, ["compile"])
assert job.needs == ("compile",) and type(job.needs) is tuple, "needs are kept as a tuple"
assert Job("lint", noop).needs == (), "needs default to an empty tuple"
schedule.add(Job("lint", noop))
assert schedule.get("lint").name == "lint"
for make, error in ((lambda: schedule.add(Job("lint", noop)), ValueError), (lambda: Job("", noop), ValueError),
                    (lambda: Job("  ", noop), ValueError),
                    (lambda: Job("x", "make all"), TypeError), (lambda: schedule.get("nope"), KeyError)):
    try:
        make()
    except error:
        pass
    else:
        raise AssertionError(f"expected {error.__name__}")

# %% course={"kind": "test", "points": 2}
calls = []


def action(name, fail=False):
    def run():
        calls.append(name)
        if fail:
            raise RuntimeError(f"{name} broke")

    return run


schedule = Schedule()
schedule.add(Job("test", action("test", fail=True), needs=("build",)))
schedule.add(Job("build", action("build")))
schedule.add(Job("lint", action("lint")))
schedule.add(Job("deploy", action("deploy"), needs=("test", "lint")))
schedule.add(Job("notify", action("notify"), needs=("deploy",)))
schedule.add(Job("docs", action("docs"), needs=("lint",)))
outcomes = Executor(schedule).run()
assert outcomes == {"build": "success", "test": "failed", "lint": "success", "deploy": "skipped",
                    "notify": "skipped", "docs": "success"}, f"got {outcomes}"
assert list(outcomes) == ["build", "test", "lint", "deploy", "notify", "docs"], "the dict is in run order"
assert calls == ["build", "test", "lint", "docs"], f"skipped jobs are not called, others once each: {calls}"
### BEGIN HIDDEN TESTS
odd = Schedule()
odd.add(Job("lookup", lambda: {}["region"]))  # KeyError: any Exception is a failure, not only RuntimeError
odd.add(Job("after", noop, needs=("lookup",)))
assert Executor(odd).run() == {"lookup": "failed", "after": "skipped"}
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
counter = {"n": 0}


def flaky():
    counter["n"] += 1
    if counter["n"] == 1:
        raise OSError("network down")


schedule = Schedule()
schedule.add(Job("fetch", flaky))
schedule.add(Job("train", noop, needs=("fetch",)))
executor, other = Executor(schedule), Executor(schedule)
executor.run()
executor.run()
assert executor.history == [
    (1, "fetch", "failed"), (1, "train", "skipped"),
    (2, "fetch", "success"), (2, "train", "success"),
], f"history: {executor.history}"
assert other.history == [], "each Executor has its own history"
other.run()
assert other.history == [(1, "fetch", "success"), (1, "train", "success")], "runs are numbered per executor"
ran = []
looped = Schedule()
looped.add(Job("free", lambda: ran.append("free")))
looped.add(Job("a", lambda: ran.append("a"), needs=("b",)))
looped.add(Job("b", lambda: ran.append("b"), needs=("a",)))
cautious = Executor(looped)
try:
    cautious.run()
except CycleError:
    pass
else:
    raise AssertionError("run() must not hide the CycleError")
assert ran == [] and cautious.history == [], "a cycle stops run() before any job runs, and nothing is recorded"

# %% course={"kind": "wrong", "id": "fifo-queue", "fails": ["t1", "t4"]}
from collections import deque


class CycleError(ValueError):
    pass


class Job:
    def __init__(self, name, action, needs=()):
        if not isinstance(name, str) or not name.strip():
            raise ValueError("name")
        if not callable(action):
            raise TypeError("action")
        self.name, self.action, self.needs = name, action, tuple(needs)


class Schedule:
    def __init__(self):
        self._jobs = {}

    def add(self, job):
        if job.name in self._jobs:
            raise ValueError("duplicate")
        self._jobs[job.name] = job

    def get(self, name):
        return self._jobs[name]

    def order(self):
        for job in self._jobs.values():
            for need in job.needs:
                if need not in self._jobs:
                    raise ValueError(f"{job.name} needs unknown {need}")
        waiting = {name: len(set(job.needs)) for name, job in self._jobs.items()}
        queue = deque(name for name, n in waiting.items() if n == 0)  # first in, first out
        placed = []
        while queue:
            name = queue.popleft()
            placed.append(name)
            for other in self._jobs.values():
                if name in other.needs:
                    waiting[other.name] -= 1
                    if waiting[other.name] == 0:
                        queue.append(other.name)
        if len(placed) < len(self._jobs):
            raise CycleError("cannot order jobs: " + ", ".join(sorted(set(self._jobs) - set(placed))))
        return placed


class Executor:
    def __init__(self, schedule):
        self.schedule, self.history, self._runs = schedule, [], 0

    def run(self):
        order = self.schedule.order()
        self._runs += 1
        outcomes = {}
        for name in order:
            job = self.schedule.get(name)
            if any(outcomes[n] != "success" for n in job.needs):
                outcomes[name] = "skipped"
            else:
                try:
                    job.action()
                    outcomes[name] = "success"
                except Exception:
                    outcomes[name] = "failed"
            self.history.append((self._runs, name, outcomes[name]))
        return outcomes

# %% course={"kind": "wrong", "id": "depth-first", "fails": ["t1", "t2"]}
class CycleError(ValueError):
    pass


class Job:
    def __init__(self, name, action, needs=()):
        if not isinstance(name, str) or not name.strip():
            raise ValueError("name")
        if not callable(action):
            raise TypeError("action")
        self.name, self.action, self.needs = name, action, tuple(needs)


class Schedule:
    def __init__(self):
        self._jobs = {}

    def add(self, job):
        if job.name in self._jobs:
            raise ValueError("duplicate")
        self._jobs[job.name] = job

    def get(self, name):
        return self._jobs[name]

    def order(self):
        placed, visiting = [], set()

        def visit(name, path):
            if name in placed:
                return
            if name not in self._jobs:
                raise ValueError(f"{path[-1]} needs unknown {name}")
            if name in visiting:
                raise CycleError("cannot order jobs: " + ", ".join(sorted(set(self._jobs) - set(placed))))
            visiting.add(name)
            for need in self._jobs[name].needs:
                visit(need, path + [name])
            placed.append(name)

        for name in self._jobs:
            visit(name, [name])
        return placed


class Executor:
    def __init__(self, schedule):
        self.schedule, self.history, self._runs = schedule, [], 0

    def run(self):
        order = self.schedule.order()
        self._runs += 1
        outcomes = {}
        for name in order:
            job = self.schedule.get(name)
            if any(outcomes[n] != "success" for n in job.needs):
                outcomes[name] = "skipped"
            else:
                try:
                    job.action()
                    outcomes[name] = "success"
                except Exception:
                    outcomes[name] = "failed"
            self.history.append((self._runs, name, outcomes[name]))
        return outcomes

# %% course={"kind": "wrong", "id": "skip-only-after-failure", "fails": ["t4"]}
class CycleError(ValueError):
    pass


class Job:
    def __init__(self, name, action, needs=()):
        if not isinstance(name, str) or not name.strip():
            raise ValueError("name")
        if not callable(action):
            raise TypeError("action")
        self.name, self.action, self.needs = name, action, tuple(needs)


class Schedule:
    def __init__(self):
        self._jobs = {}

    def add(self, job):
        if job.name in self._jobs:
            raise ValueError("duplicate")
        self._jobs[job.name] = job

    def get(self, name):
        return self._jobs[name]

    def order(self):
        for job in self._jobs.values():
            for need in job.needs:
                if need not in self._jobs:
                    raise ValueError(f"{job.name} needs unknown {need}")
        placed = []
        while len(placed) < len(self._jobs):
            ready = next((j for j in self._jobs.values() if j.name not in placed and all(n in placed for n in j.needs)), None)
            if ready is None:
                raise CycleError("cannot order jobs: " + ", ".join(sorted(set(self._jobs) - set(placed))))
            placed.append(ready.name)
        return placed


class Executor:
    def __init__(self, schedule):
        self.schedule, self.history, self._runs = schedule, [], 0

    def run(self):
        order = self.schedule.order()
        self._runs += 1
        outcomes = {}
        for name in order:
            job = self.schedule.get(name)
            if any(outcomes[n] == "failed" for n in job.needs):  # a skipped need is not noticed
                outcomes[name] = "skipped"
            else:
                try:
                    job.action()
                    outcomes[name] = "success"
                except Exception:
                    outcomes[name] = "failed"
            self.history.append((self._runs, name, outcomes[name]))
        return outcomes

# %% course={"kind": "wrong", "id": "shared-history", "fails": ["t5"]}
class CycleError(ValueError):
    pass


class Job:
    def __init__(self, name, action, needs=()):
        if not isinstance(name, str) or not name.strip():
            raise ValueError("name")
        if not callable(action):
            raise TypeError("action")
        self.name, self.action, self.needs = name, action, tuple(needs)


class Schedule:
    def __init__(self):
        self._jobs = {}

    def add(self, job):
        if job.name in self._jobs:
            raise ValueError("duplicate")
        self._jobs[job.name] = job

    def get(self, name):
        return self._jobs[name]

    def order(self):
        for job in self._jobs.values():
            for need in job.needs:
                if need not in self._jobs:
                    raise ValueError(f"{job.name} needs unknown {need}")
        placed = []
        while len(placed) < len(self._jobs):
            ready = next((j for j in self._jobs.values() if j.name not in placed and all(n in placed for n in j.needs)), None)
            if ready is None:
                raise CycleError("cannot order jobs: " + ", ".join(sorted(set(self._jobs) - set(placed))))
            placed.append(ready.name)
        return placed


class Executor:
    history = []  # one list for every executor
    runs = 0

    def __init__(self, schedule):
        self.schedule = schedule

    def run(self):
        order = self.schedule.order()
        self.runs += 1
        outcomes = {}
        for name in order:
            job = self.schedule.get(name)
            if any(outcomes[n] != "success" for n in job.needs):
                outcomes[name] = "skipped"
            else:
                try:
                    job.action()
                    outcomes[name] = "success"
                except Exception:
                    outcomes[name] = "failed"
            self.history.append((self.runs, name, outcomes[name]))
        return outcomes

# %% course={"kind": "wrong", "id": "partial-order-on-cycle", "fails": ["t2", "t5"]}
class CycleError(ValueError):
    pass


class Job:
    def __init__(self, name, action, needs=()):
        if not isinstance(name, str) or not name.strip():
            raise ValueError("name")
        if not callable(action):
            raise TypeError("action")
        self.name, self.action, self.needs = name, action, tuple(needs)


class Schedule:
    def __init__(self):
        self._jobs = {}

    def add(self, job):
        if job.name in self._jobs:
            raise ValueError("duplicate")
        self._jobs[job.name] = job

    def get(self, name):
        return self._jobs[name]

    def order(self):
        for job in self._jobs.values():
            for need in job.needs:
                if need not in self._jobs:
                    raise ValueError(f"{job.name} needs unknown {need}")
        placed = []
        while True:
            ready = next((j for j in self._jobs.values() if j.name not in placed and all(n in placed for n in j.needs)), None)
            if ready is None:
                return placed  # jobs stuck in a cycle are silently dropped
            placed.append(ready.name)


class Executor:
    def __init__(self, schedule):
        self.schedule, self.history, self._runs = schedule, [], 0

    def run(self):
        order = self.schedule.order()
        self._runs += 1
        outcomes = {}
        for name in order:
            job = self.schedule.get(name)
            if any(outcomes[n] != "success" for n in job.needs):
                outcomes[name] = "skipped"
            else:
                try:
                    job.action()
                    outcomes[name] = "success"
                except Exception:
                    outcomes[name] = "failed"
            self.history.append((self._runs, name, outcomes[name]))
        return outcomes

# %% [markdown] course={"kind": "task", "id": "scheduler-job-types", "item": "project-5-1-2", "points": 3}
# ### Job types and a real run
#
# Extend your scheduler in a module `scheduler.py`:
#
# 1. **Job types.** Besides a Python callable, a job can be a shell command:
#    `Job.shell("build", ["make", "all"], needs=())` builds a `Job` whose action runs the command
#    with `subprocess.run(..., check=True, timeout=...)`, so a non-zero exit status or a timeout
#    makes the job fail. Keep one `Job` class: the shell variant only builds a different action.
# 2. **History you can read.** `Executor.summary()` returns one line per run:
#    `"run 2: 3 success, 1 failed, 2 skipped"`.
#
# Run a schedule of at least five jobs, at least two of them shell jobs and one that fails (for
# example `["false"]`), twice, and paste the two `run()` results and the summary.

# %% [markdown] course={"kind": "rubric"}
# - 1 point: shell jobs are `Job` objects made by a helper (a `classmethod` or a function), the
#   command runs without `shell=True`, with a timeout, and a failing command ends as `"failed"`.
# - 1 point: the skipped jobs in the pasted output are exactly those downstream of the failure.
# - 1 point: `summary()` counts come from `history`, not from a second set of counters.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-a-class"}
# A class is the definition, an object is one thing built from it. `class Server:` describes
# what every server holds (hostname, IP, status) and can do (`mark_down()`); `Server("web-1",
# "10.0.0.5")` makes one server with its own values. There is one class and as many objects as you
# create. In Python the class is itself an object too (of type `type`), which is why you can pass
# it around, read its `__dict__`, or call it to make instances.

# %% [markdown] course={"kind": "answer", "question": "q-explain-self-in-python"}
# `self` is the first parameter of an instance method, and it receives the object the method is
# called on: `server.describe()` runs `Server.describe(server)`. It is not a keyword: the name is a
# convention and the position is what counts. Python makes it explicit, unlike `this` in Java or
# C++, so inside a method you must write `self.status` to reach the object's data; a bare `status`
# is a local variable.

# %% [markdown] course={"kind": "answer", "question": "q-what-is-the-difference-between-class-and"}
# A class attribute is assigned in the class body and stored once, on the class; every instance
# sees it. An instance attribute is set on one object (normally `self.x = ...` in `__init__`) and
# lives in that object's `__dict__`. Reading `obj.x` looks in the object first, then in the class,
# so an instance attribute shadows a class attribute of the same name. Use class attributes for
# constants and shared defaults; never for mutable per-object data such as lists or dicts, which
# would then be shared by every instance.

# %% [markdown] course={"kind": "answer", "question": "q-how-does-python-s-init-differ-from"}
# In C++ or Java the constructor builds the object. In Python, creating is split in two:
# `__new__` creates the object and `__init__` only initialises one that already exists (its
# `self`), and must return `None`. So `__init__` can be called again on a live object, a class can
# customise creation itself in `__new__` (for immutable types or caching), and there is no
# constructor overloading: one `__init__` with default arguments, or extra `classmethod`s such as
# `Config.from_file(path)`, play that role.

# %% course={"kind": "trap", "trap": "trap-mutable-class-attributes-are-shared"}
# A list written in the class body is ONE list, shared by every instance.
class Deployment:
    steps = []  # class attribute: shared!

    def add_step(self, step):
        self.steps.append(step)  # reads the class list and changes it in place


blue, green = Deployment(), Deployment()
blue.add_step("drain traffic")
print("green's steps:", green.steps, "<- green never added a step")
print("same list object:", blue.steps is green.steps is Deployment.steps)


class SafeDeployment:
    def __init__(self):
        self.steps = []  # a new list for every object


blue, green = SafeDeployment(), SafeDeployment()
blue.steps.append("drain traffic")
print("fixed:", blue.steps, green.steps)

# %% course={"kind": "trap", "trap": "trap-init-is-not-a-constructor-object-already"}
# By the time __init__ runs, the object exists; __init__ only fills it, and must return None.
class Worker:
    def __init__(self, name):
        print("  __init__ got an object that already exists:", type(self).__name__, vars(self))
        self.name = name


w = Worker("w-1")
before = id(w)
w.__init__("w-2")  # calling it again re-initialises the SAME object
print("same object after a second __init__:", id(w) == before, "| name is now", w.name)


class Broken:
    def __init__(self):
        return self  # trying to "return the new object" like a constructor


try:
    Broken()
except TypeError as err:
    print("TypeError:", err)

# %% course={"kind": "trap", "trap": "trap-forgetting-self-in-method-definitions"}
# Without self in the parameter list, the object Python passes in has nowhere to go.
class HealthCheck:
    def status():  # forgot self
        return "ok"


check = HealthCheck()
try:
    check.status()
except TypeError as err:
    print("TypeError:", err)
print("what Python really called: HealthCheck.status(check); the class-level call works:", HealthCheck.status())

# %% course={"kind": "trap", "trap": "trap-instance-attributes-shadow-class"}
# Assigning through an instance never changes the class attribute: it hides it for that object.
class Service:
    timeout = 30


api, worker = Service(), Service()
api.timeout = 5  # a new instance attribute on api only
Service.timeout = 60  # a fleet-wide change...
print("api:", api.timeout, "| worker:", worker.timeout, "<- api missed the fleet-wide change")
print("api's own namespace:", vars(api))
del api.timeout  # remove the shadow
print("after del api.timeout:", api.timeout)
