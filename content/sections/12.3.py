# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown] course={"kind": "intro"}
# **By the end of this section** you can describe data with pydantic v2 models (types, constraints, custom
# types, validators, nested and recursive models), read a `ValidationError` field by field, turn models into
# JSON and back, and load a validated configuration from environment variables and `.env` files.

# %% course={"kind": "setup", "id": "pydantic"}
# What the demos and tests below share. Environment variables are only ever set inside
# `mock.patch.dict(os.environ, {...}, clear=True)`: the block sees exactly those variables, never yours,
# and os.environ is put back when it ends. Files go to temporary folders removed at the end of their block.
import json
import os
import pathlib
import tempfile
import warnings
from datetime import datetime, timezone
from decimal import Decimal
from typing import Annotated, Any, Literal, Optional, Union
from unittest import mock

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    TypeAdapter,
    ValidationError,
    field_serializer,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict


def problems(err: ValidationError) -> list[tuple[tuple[Any, ...], str]]:
    """(loc, type) of every error in a ValidationError, in pydantic's order: what the tests compare."""
    return [(e["loc"], e["type"]) for e in err.errors()]

# %% [markdown] course={"kind": "lesson", "id": "basics", "covers": ["c-pydantic-basics", "c-basemodel-class", "c-field-definitions", "c-type-coercion"]}
# ### Pydantic basics: models, fields and coercion
#
# **Pydantic** turns type hints into a parser. A class that inherits from `BaseModel` lists its **fields**
# as annotated class attributes (`gpus: int = 0`: a name, a type, and a default if it is optional).
# Calling the class with data *validates* it: every field is checked and converted to its type, and the
# result is an object whose attributes you can trust. Anything wrong raises **one** `ValidationError`
# that lists *every* problem, each with a `loc` (where: the field, or a path into nested data), a `type`
# (a stable machine-readable code such as `int_parsing` or `missing`) and a human `msg`.
#
# This is what DevOps and MLOps code needs at every boundary where data comes in untyped: a YAML config,
# a JSON request, an environment variable, a CSV row of features. Check it once at the door, then the
# rest of the program works with real `int`s and `datetime`s.
#
# The thing people get wrong: pydantic is a **parser, not a type checker**. By default it is *lax*: it
# converts input that clearly means a value of the type (`"2"` becomes `2`) and refuses input that does not.

# %% course={"kind": "demo"}
class TrainingJob(BaseModel):
    name: str
    gpus: int = 0
    learning_rate: float


job = TrainingJob(name="resnet", gpus="2", learning_rate="3e-4")  # strings, as they come from a form or a file
print(repr(job))
print("gpus is an", type(job.gpus).__name__, "| learning_rate is a", type(job.learning_rate).__name__)
print("defaults are filled in:", TrainingJob(name="bert", learning_rate=1e-5).gpus)

try:
    TrainingJob(name="resnet", gpus="two")
except ValidationError as err:
    print(f"\n{err.error_count()} errors for {err.title}:")
    for error in err.errors():
        print(f"  loc={error['loc']!r:20} type={error['type']!r:16} msg={error['msg']!r}")

# %% [markdown] course={"kind": "text"}
# **Lax and strict mode.** Lax mode (the default) accepts input that converts *without losing
# anything*: the string `"7"` and the float `7.0` become the int `7`, but `7.5` and `"seven"` are refused.
# Strict mode accepts only the type itself. Switch it on for a whole model with
# `model_config = ConfigDict(strict=True)`, for one field with `Field(strict=True)`, or for one call with
# `Model.model_validate(data, strict=True)`. Note what lax mode does with `True`: `bool` is a subclass of
# `int` in Python, so it passes as `1`. Strict mode is the better choice when the data comes from code
# (where a string in an int field is a bug), lax when it comes from text (forms, env vars, CSV).

# %% course={"kind": "demo"}
class LaxReplicas(BaseModel):
    replicas: int


class StrictReplicas(BaseModel):
    model_config = ConfigDict(strict=True)
    replicas: int


def outcome(model: type[BaseModel], value: object) -> str:
    try:
        return repr(model(replicas=value).replicas)
    except ValidationError as err:
        return err.errors()[0]["type"]


print(f"{'input':>8} | {'lax':14} | strict")
for value in [7, "7", 7.0, 7.5, True, "seven", None]:
    print(f"{value!r:>8} | {outcome(LaxReplicas, value):14} | {outcome(StrictReplicas, value)}")

# %% [markdown] course={"kind": "lesson", "id": "field-types", "covers": ["c-field-types", "c-basic-types-str-int-float-bool", "c-complex-types-list-dict-optional-union", "c-constrained-types-constr-conint-confloat", "c-custom-types"]}
# ### Field types: basic, complex, constrained and your own
#
# - **Basic types** `str`, `int`, `float`, `bool` validate as the table above showed. `bool` accepts the
#   usual spellings from text: `"true"`, `"yes"`, `"on"`, `"1"` (any case) and their opposites.
# - **Complex types** are the standard generics, each item validated: `list[int]`, `dict[str, float]`,
#   `tuple[int, str]`, `set[str]`. (`typing.List` and `typing.Dict` still work; the builtin spellings are
#   the modern ones since Python 3.9.) `Optional[str]` (or `str | None`) means *may be `None`*, not
#   *may be left out*: without a default the field is still required. `Union[int, str]` tries to keep the
#   input's own type when it is one of the members (pydantic's *smart* mode), so `"1"` stays a string.
# - **Constrained types** add rules to a type. The v2 spelling is `Annotated[int, Field(ge=1, le=64)]`:
#   `ge`/`gt`/`le`/`lt` for numbers, `min_length`/`max_length`/`pattern` for strings and collections.
#   The older functions `conint(ge=1)`, `constr(max_length=3)`, `confloat(gt=0)` still exist in pydantic 2
#   (checked on 2.11 and 2.14) and return exactly such an `Annotated` type; the docs now recommend writing
#   `Annotated` yourself (type checkers understand it; they reject a call such as `conint()` in an annotation).
# - **Custom types** are `Annotated` with a function that runs *before* the type's own validation
#   (`BeforeValidator`: clean raw input, e.g. strip a `%`) or *after* it (`AfterValidator`: check or
#   normalise a value that already has the right type). Give the result a name and reuse it in any model.

# %% course={"kind": "demo"}
from pydantic import conint

Port = Annotated[int, Field(ge=1, le=65535)]
print("conint(ge=1, le=65535) is", conint(ge=1, le=65535))


def strip_percent(value: object) -> object:
    """Before validation: '85%' -> '85'; anything else is left for the float validation."""
    return value.removesuffix("%") if isinstance(value, str) else value


def lower_hostname(value: str) -> str:
    """After validation: the value is already a str."""
    if " " in value:
        raise ValueError("a hostname has no spaces")
    return value.lower()


Percent = Annotated[float, BeforeValidator(strip_percent), Field(ge=0, le=100)]
Hostname = Annotated[str, AfterValidator(lower_hostname)]


class Alert(BaseModel):
    host: Hostname
    port: Port = 443
    cpu_threshold: Percent
    tags: list[str] = []
    owner: Optional[str]  # may be None, but must be given
    ids: dict[str, int] = {}


print(Alert(host="DB-1.Example.org", cpu_threshold="85%", owner=None, tags=("a", "b"), ids={"ticket": "42"}))
try:
    Alert(host="db 1", port=0, cpu_threshold="120%", tags="a,b")
except ValidationError as err:
    for loc, kind in problems(err):
        print(f"  {loc!r:22} {kind}")

# %% [markdown] course={"kind": "lesson", "id": "field-config", "covers": ["c-field-configuration", "c-field-function", "c-default-values", "c-aliases", "c-examples", "c-description"]}
# ### Field configuration with `Field()`
#
# `Field(...)` is where everything about one field goes besides its type:
#
# - **defaults**: `Field(default=0)` (the same as `= 0`), or `Field(default_factory=list)` for a value built
#   fresh for every instance. Pydantic copies a plain mutable default like `= []` per instance too, so
#   the classic shared-list bug of function defaults does not happen here; `default_factory` is still
#   the clear way to say it, and the only way for defaults such as *now*;
# - **aliases**: `Field(alias="runName")` reads (and with `by_alias=True` writes) the key `runName` while
#   Python code uses `run_name`. By default the alias is then the *only* accepted input key; set
#   `model_config = ConfigDict(validate_by_name=True)` to accept both. That name is new in pydantic 2.11
#   (this course requires 2.11+); 2.10 and older ignore it *without a warning* and know only the older
#   spelling `populate_by_name=True`, which still works;
# - **documentation**: `description`, `examples` and `title` change nothing in validation but go into the
#   model's JSON Schema (`Model.model_json_schema()`), which FastAPI shows in its docs and a schema registry
#   publishes. A config field with a description is a config field people can fill in without reading code.
#
# The thing people get wrong: an alias changes the *input* key, so `Run(run_name="x")` fails with `missing`
# at `loc=('runName',)` unless you allowed names too.

# %% course={"kind": "demo"}
class Run(BaseModel):
    model_config = ConfigDict(validate_by_name=True)

    run_name: str = Field(alias="runName", description="Shown in the experiment tracker", examples=["bert-lr3e-5"])
    epochs: int = Field(default=10, ge=1, description="Full passes over the training set")
    tags: list[str] = Field(default_factory=list)
    created: datetime = Field(default_factory=lambda: datetime(2026, 1, 1, tzinfo=timezone.utc))


a, b = Run(runName="first"), Run(run_name="second")  # the alias, and (allowed here) the field's name
a.tags.append("baseline")
print(a.run_name, a.tags, "|", b.run_name, b.tags, "<- each instance has its own list")
print("dump by name: ", a.model_dump(include={"run_name", "epochs"}))
print("dump by alias:", a.model_dump(include={"run_name", "epochs"}, by_alias=True))
print(json.dumps(Run.model_json_schema()["properties"]["runName"]))
print(json.dumps(Run.model_json_schema()["properties"]["epochs"]))
print("required:", Run.model_json_schema()["required"])

# %% [markdown] course={"kind": "lesson", "id": "validation", "covers": ["c-validation", "c-built-in-validators", "c-validator-decorator", "c-root-validator", "c-pre-post-validators"]}
# ### Validators: built-in, per field, per model, before and after
#
# **Built-in validators** are the type checks and the constraints you already met (`ge`, `max_length`,
# `pattern`...). Rules they cannot say go in methods:
#
# - `@field_validator("a", "b")` on a `@classmethod` checks or transforms one field's value. Raise
#   `ValueError` (or `AssertionError`) with a clear message: pydantic turns it into an error with
#   `type='value_error'` at that field's `loc`, collected with all the others;
# - `@model_validator(mode="after")` on an instance method sees the whole, already validated model: the
#   place for rules between fields (*the limit must not be below the request*). It returns `self`;
# - **pre and post**: `mode="before"` runs on the raw input, before the type is checked (clean or reshape
#   data), `mode="after"` (the default for fields) on the typed value. A before-validator must expect any
#   input at all, since nothing has been checked yet. (There are also `"wrap"` and `"plain"` modes.)
#
# The roadmap names the **v1 decorators** `@validator` and `@root_validator`. In pydantic 2 they still
# exist, but only as deprecated shims that warn `PydanticDeprecatedSince20` and are to be removed in v3;
# a plain `@root_validator` (one that runs after the fields) even refuses to define the class unless you
# add `skip_on_failure=True`. Write the v2 names.

# %% course={"kind": "demo"}
class Rollout(BaseModel):
    service: str
    min_replicas: int = Field(ge=0)
    max_replicas: int = Field(ge=1)
    regions: list[str]

    @field_validator("service")
    @classmethod
    def dns_label(cls, value: str) -> str:  # mode="after": value is a str already
        if not value.replace("-", "").isalnum():
            raise ValueError("only letters, digits and '-'")
        return value.lower()

    @field_validator("regions", mode="before")
    @classmethod
    def split_regions(cls, value: object) -> object:  # mode="before": value is whatever came in
        return value.split(",") if isinstance(value, str) else value

    @model_validator(mode="after")
    def min_not_above_max(self) -> "Rollout":
        if self.min_replicas > self.max_replicas:
            raise ValueError(f"min_replicas {self.min_replicas} > max_replicas {self.max_replicas}")
        return self


print(Rollout(service="Checkout-API", min_replicas=2, max_replicas=5, regions="eu-west-1,us-east-1"))
for bad in [{"service": "check out", "min_replicas": -1, "max_replicas": 5, "regions": []},
            {"service": "api", "min_replicas": 6, "max_replicas": 5, "regions": ["eu"]}]:
    try:
        Rollout(**bad)
    except ValidationError as err:
        print([(e["loc"], e["type"], e["msg"]) for e in err.errors()])

# %% [markdown] course={"kind": "text"}
# The model validator did not run for the first bad input: field errors stop validation before the
# model-level step, so a model validator may rely on every field being valid. The v1 decorators, run
# under pydantic 2, say what they are:

# %% course={"kind": "demo"}
from pydantic import root_validator, validator

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")

    class OldStyle(BaseModel):
        name: str

        @validator("name")
        def upper(cls, value):
            return value.upper()

print(OldStyle(name="still works").name)
print(type(caught[0].message).__name__, "-", str(caught[0].message).split(". ")[0])
try:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")

        class OldRoot(BaseModel):
            name: str

            @root_validator
            def check(cls, values):
                return values
except Exception as err:
    print(type(err).__name__, "-", str(err).split(". ")[0])

# %% [markdown] course={"kind": "lesson", "id": "model-config", "covers": ["c-model-configuration", "c-model-config-pydantic-v2", "c-extra-fields-handling", "c-json-encoding"]}
# ### Model configuration: `model_config`
#
# In pydantic 2 a model's settings are a class attribute `model_config = ConfigDict(...)` (v1 used an inner
# `class Config:`). The ones a config or API schema needs most:
#
# - `extra`: what to do with keys the model does not declare. `"ignore"` (the default) drops them
#   silently, `"forbid"` reports each as an `extra_forbidden` error, `"allow"` keeps them as attributes.
#   For configuration files choose `"forbid"`: with `"ignore"` a typo such as `replcas: 5` is thrown away
#   and the default silently wins;
# - `frozen=True`: assignment raises a `frozen_instance` error and instances become hashable;
# - `str_strip_whitespace=True`: strip every `str` field before its constraints are checked;
# - `validate_assignment=True`: re-validate on `obj.field = value` (by default assignment is *not* checked).
#
# **JSON encoding.** `model_dump_json()` knows how to write `datetime` (ISO 8601), `Decimal` (a string, so
# no precision is lost), `UUID`, `Path`, enums and nested models. For a type of your own, or another format,
# decorate a method with `@field_serializer("field")`. (v1's `json_encoders` setting is deprecated.)

# %% course={"kind": "demo"}
class Listener(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    host: str = Field(min_length=1)
    port: int = 8080


print(repr(Listener(host="  0.0.0.0\n")), "<- stripped")
try:
    Listener(host="   ", prot=80)  # blank after stripping, and a typo
except ValidationError as err:
    print(problems(err))
listener = Listener(host="api")
try:
    listener.port = 9090
except ValidationError as err:
    print(problems(err))
print("hashable:", hash(listener) == hash(Listener(host="api")))


class Lenient(BaseModel):
    replicas: int = 1


print("extra='ignore' (default) drops the typo:", Lenient.model_validate({"replcas": 5}))

# %% course={"kind": "demo"}
class Invoice(BaseModel):
    issued: datetime
    amount: Decimal
    path: pathlib.PurePosixPath
    gpu_hours: float

    @field_serializer("gpu_hours")
    def two_decimals(self, value: float) -> str:
        return f"{value:.2f} h"


invoice = Invoice(issued="2026-03-01T12:00:00Z", amount="19.99", path="/bills/03.pdf", gpu_hours=12.3456)
print(invoice.model_dump_json())
print(invoice.model_dump())  # Python mode keeps the Python objects (the serializer still applies)
print(invoice.model_dump(mode="json"))  # JSON mode: only what json.dumps accepts

# %% [markdown] course={"kind": "lesson", "id": "nested", "covers": ["c-nested-models", "c-model-composition", "c-recursive-models", "c-forward-references"]}
# ### Nested, recursive and forward-referenced models
#
# A field whose type is another model **composes** them: `resources: Resources`, `containers:
# list[Container]`. Input dicts are validated into the inner models, and an error deep inside reports the
# whole path in its `loc`, list positions included: `('containers', 1, 'ports', 1)`. That path is what lets
# a config loader say *which* container of *which* file is wrong.
#
# A **recursive model** refers to itself (a folder holds folders, a pipeline step depends on steps). A
# name used before it exists is a **forward reference**, written as a string (`list["Step"]`) or left
# bare under `from __future__ import annotations`. Pydantic resolves it as soon as it can: a class referring
# to itself works at once; a class referring to one defined *later* raises `PydanticUserError` ("not fully
# defined") when used before that class exists, and pydantic tries again on each use, so it works once
# the class exists (the demo shows both). `Model.model_rebuild()` resolves it explicitly: call it after
# the last model of a module of models that refer to each other, so a misspelt name fails at import
# instead of at the first request.
#
# The thing people get wrong: `dict` or `Any` instead of the inner model. It validates nothing inside,
# and the mistake shows up far from its cause.

# %% course={"kind": "demo"}
class Container(BaseModel):
    image: str
    ports: list[Port] = []


class Pod(BaseModel):
    name: str
    containers: list[Container] = Field(min_length=1)


try:
    Pod.model_validate({"name": "web", "containers": [{"image": "nginx", "ports": [80]},
                                                       {"image": "app", "ports": [8080, 0]}]})
except ValidationError as err:
    print(problems(err))


class Step(BaseModel):  # recursive: a step's dependencies are steps
    name: str
    needs: list["Step"] = []


build = Step.model_validate({"name": "deploy", "needs": [{"name": "test", "needs": [{"name": "build"}]}]})
print(build.needs[0].needs[0].name, "| depth-3 error loc:", end=" ")
try:
    Step.model_validate({"name": "deploy", "needs": [{"name": "test", "needs": [{"name": 42}]}]})
except ValidationError as err:
    print(problems(err))


class Cluster(BaseModel):
    default_pool: Optional["NodePool"] = None  # NodePool does not exist yet


try:
    Cluster(default_pool={"size": 3})
except Exception as err:
    print(type(err).__name__, "-", str(err).splitlines()[0])


class NodePool(BaseModel):
    size: int


print(Cluster(default_pool={"size": "3"}), "<- resolved on this use, now that NodePool exists")
print("model_rebuild() afterwards:", Cluster.model_rebuild(), "<- None: nothing was left to resolve")

# %% [markdown] course={"kind": "lesson", "id": "operations", "covers": ["c-model-operations", "c-model-dump-dict", "c-model-dump-json-json", "c-model-validate-parse-obj", "c-model-copy-copy"]}
# ### Model operations: dump, validate, copy
#
# | v2 method | what it does | v1 name (deprecated in v2) |
# |---|---|---|
# | `m.model_dump()` | the model as a `dict` (nested models as dicts); `mode="json"` for JSON-safe values | `m.dict()` |
# | `m.model_dump_json()` | the model as a JSON `str` | `m.json()` |
# | `Model.model_validate(obj)` | validate a `dict` (or an object, with `from_attributes=True`) | `Model.parse_obj(obj)` |
# | `Model.model_validate_json(text)` | parse and validate JSON text in one step (faster than `json.loads` first) | `Model.parse_raw(text)` |
# | `m.model_copy(update={...}, deep=False)` | a copy with some fields replaced | `m.copy()` |
#
# The dump methods take `include`/`exclude` (sets of field names), `by_alias=True`, `exclude_none=True`,
# `exclude_unset=True` (only the fields the input gave: what a PATCH request needs) and `exclude_defaults`.
# The v1 names still run in pydantic 2 but warn `PydanticDeprecatedSince20`. For data that is not one
# model (a JSON *array* of events, a `dict[str, Model]`), `TypeAdapter(list[Model])` offers the same
# `validate_python`, `validate_json`, `dump_python` and `dump_json` (the last returns `bytes`), and its
# errors start their `loc` with the position of the bad item.
#
# The thing people get wrong: **`model_copy(update=...)` does not validate.** The update values go in
# as they are, so `model_copy(update={"replicas": "three"})` gives a model holding a string where an int
# should be. To change a field *with* validation, build a new model:
# `Model.model_validate({**m.model_dump(), "replicas": 3})`.

# %% course={"kind": "demo"}
class Service(BaseModel):
    name: str
    replicas: int = 1
    owner: Optional[str] = None
    limits: dict[str, str] = {}


svc = Service.model_validate({"name": "api", "replicas": "3"})
print("model_dump:             ", svc.model_dump())
print("exclude_none, unset:    ", svc.model_dump(exclude_none=True), svc.model_dump(exclude_unset=True))
text = svc.model_dump_json()
print("model_dump_json:        ", text)
print("round trip is equal:    ", Service.model_validate_json(text) == svc)
bad_copy = svc.model_copy(update={"replicas": "three"})
print("model_copy(update=...): ", repr(bad_copy.replicas), "<- not validated")
try:
    Service.model_validate({**svc.model_dump(), "replicas": "three"})
except ValidationError as err:
    print("validated replacement:  ", problems(err))
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    old = (svc.dict(), svc.json(), Service.parse_obj({"name": "x"}), svc.copy())
print("v1 names:", sorted({type(w.message).__name__ for w in caught}), len(caught), "warnings for 4 calls")

services = TypeAdapter(list[Service])
print("TypeAdapter dump_json:  ", services.dump_json([svc, Service(name="db")], exclude_none=True))
try:
    services.validate_json('[{"name": "api"}, {"name": "db", "replicas": "many"}]')
except ValidationError as err:
    print("TypeAdapter error:      ", problems(err))

# %% [markdown] course={"kind": "lesson", "id": "settings", "covers": ["c-settings-management", "c-basesettings", "c-environment-variables", "c-env-files"]}
# ### Settings: `BaseSettings`, environment variables and `.env` files
#
# In pydantic 2, settings live in a separate package, **`pydantic-settings`** (`from pydantic_settings import
# BaseSettings, SettingsConfigDict`). A `BaseSettings` class is a model whose missing fields are filled from
# the **environment**: field `port` reads the variable `PORT`, or `APP_PORT` with `env_prefix="APP_"`. The
# names match case-insensitively by default (`case_sensitive=False`). Values are strings, validated like
# any lax input: `"9000"` becomes `9000`, `"yes"` becomes `True`; a `list`, `dict` or model field expects
# JSON (`APP_HOSTS='["a", "b"]'`), or, with `env_nested_delimiter="__"`, one variable per nested field
# (`APP_DB__PORT=6543`).
#
# A **`.env` file** holds `NAME=value` lines for local development (it needs `python-dotenv`, which
# pydantic-settings installs). Name it in `model_config` (`env_file=".env"`, a path relative to the
# *current directory*) or per call with `Settings(_env_file=path)`; a tuple of files is read in order, a
# later file winning, and a file that does not exist is skipped. Where one value comes from several
# places, the order is: arguments to the constructor, then environment variables, then `.env` files, then
# the field's default.
#
# The thing people get wrong: `BaseSettings` forbids extra input by default (`extra="forbid"`), and every
# line of a `.env` file counts as input, prefix or not. A `.env` shared with another tool (a
# `COMPOSE_PROJECT_NAME=...` line) then fails validation with `extra_forbidden`: set `extra="ignore"`.
# (This is so since pydantic-settings 2.2; 2.0 and 2.1 skipped such lines. Extra *environment variables*
# are never input: only the fields' own names are looked up.)
# Secrets belong in `SecretStr` fields: they print and dump as `**********`.

# %% course={"kind": "demo"}
class DbSettings(BaseModel):
    host: str = "localhost"
    port: Port = 5432
    password: SecretStr = SecretStr("")


class WorkerSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WORKER_", env_nested_delimiter="__", extra="ignore")
    queue_url: str
    concurrency: int = Field(default=4, ge=1, le=64)
    debug: bool = False
    db: DbSettings = DbSettings()


before = dict(os.environ)
with tempfile.TemporaryDirectory() as folder:
    env_file = pathlib.Path(folder, ".env")
    env_file.write_text("WORKER_QUEUE_URL=redis://localhost:6379/0\nWORKER_CONCURRENCY=8\n"
                        "WORKER_DB__PASSWORD=hunter2\nCOMPOSE_PROJECT_NAME=demo\n", encoding="utf-8")
    fake_env = {"worker_concurrency": "16", "WORKER_DEBUG": "yes", "WORKER_DB__HOST": "db.internal"}
    with mock.patch.dict(os.environ, fake_env, clear=True):  # exactly these variables, for this block only
        settings = WorkerSettings(_env_file=env_file)
        print(settings)
        print("constructor beats both:", WorkerSettings(_env_file=env_file, concurrency=2).concurrency)
    with mock.patch.dict(os.environ, {"WORKER_CONCURRENCY": "0"}, clear=True):
        try:
            WorkerSettings()
        except ValidationError as err:
            print(problems(err))
print("secret in JSON:", settings.model_dump_json(include={"db"}))
print("os.environ is back as it was:", dict(os.environ) == before)

# %% [markdown] course={"kind": "exercise", "id": "deployment-model", "item": "x-create-models-with-various-field-types"}
# ### A deployment model with many field types
#
# Write the model `Deployment` with these fields:
#
# | field | type and rules | default |
# |---|---|---|
# | `name` | `str`, 1 to 63 characters, only lowercase ASCII letters `a-z`, digits and `-` | required |
# | `image` | `str` | required |
# | `replicas` | `int` from 0 to 50, **strict**: a real `int`, not `"3"`, `3.0` or `True` | `1` |
# | `cpu` | `float`, more than 0 and at most 64 (lax: `"0.5"` is fine) | required |
# | `ports` | a list of `int`s, each from 1 to 65535 | empty list |
# | `env` | a `dict` of `str` to `str` | empty dict |
# | `strategy` | `"rolling"` or `"recreate"` | `"rolling"` |
# | `owner` | a `str` or `None` | `None` |
#
# ```python
# Deployment(name="web", image="nginx:1.27", cpu="0.5")
# # Deployment(name='web', image='nginx:1.27', replicas=1, cpu=0.5, ports=[], env={}, strategy='rolling', owner=None)
# Deployment(name="web", image="nginx", cpu=1, ports=[80, 0])   # ValidationError at loc ('ports', 1)
# ```

# %% [markdown] course={"kind": "hint"}
# Bounds and lengths go in `Field(...)`: `ge`/`le` include the bound, `gt` excludes it; a string rule is
# `pattern=r"^[a-z0-9-]+$"`. A choice between fixed strings is a `Literal[...]`.

# %% [markdown] course={"kind": "hint"}
# A rule on each *item* of a list goes on the item type: `list[Annotated[int, Field(ge=1, le=65535)]]`.
# Strictness for one field: `Field(1, ge=0, le=50, strict=True)`.

# %% course={"kind": "solution"}
### BEGIN SOLUTION
class Deployment(BaseModel):
    name: str = Field(min_length=1, max_length=63, pattern=r"^[a-z0-9-]+$")
    image: str
    replicas: int = Field(default=1, ge=0, le=50, strict=True)
    cpu: float = Field(gt=0, le=64)
    ports: list[Annotated[int, Field(ge=1, le=65535)]] = []
    env: dict[str, str] = {}
    strategy: Literal["rolling", "recreate"] = "rolling"
    owner: Optional[str] = None
### END SOLUTION

# %% course={"kind": "test", "points": 1}
web = Deployment(name="web", image="nginx:1.27", cpu="0.5")
assert web.model_dump() == {"name": "web", "image": "nginx:1.27", "replicas": 1, "cpu": 0.5, "ports": [], "env": {},
                            "strategy": "rolling", "owner": None}, f"defaults: got {web.model_dump()}"
assert type(web.cpu) is float and type(web.replicas) is int, "cpu is a float, replicas an int"
full = Deployment(name="api-2", image="api:3", replicas=0, cpu=64, ports=[1, 65535], env={"MODE": "prod"},
                  strategy="recreate", owner="team-ml")
assert (full.replicas, full.cpu, full.ports, full.strategy, full.owner) == (0, 64.0, [1, 65535], "recreate", "team-ml")

# %% course={"kind": "test", "points": 2}
def rejected(**fields: object) -> list:
    try:
        Deployment(**{"name": "web", "image": "nginx", "cpu": 1, **fields})
    except ValidationError as err:
        return problems(err)
    raise AssertionError(f"{fields} must be rejected")


assert rejected(ports=[80, 0]) == [(("ports", 1), "greater_than_equal")], "port 0 is below 1, at position 1"
assert rejected(replicas=51) == [(("replicas",), "less_than_equal")], "at most 50 replicas"
assert rejected(name="Web") == [(("name",), "string_pattern_mismatch")], "uppercase is not allowed in a name"
### BEGIN HIDDEN TESTS
assert rejected(ports=[65536]) == [(("ports", 0), "less_than_equal")]
assert rejected(ports=[443, -1]) == [(("ports", 1), "greater_than_equal")]
assert rejected(replicas=-1) == [(("replicas",), "greater_than_equal")]
assert rejected(cpu=0) == [(("cpu",), "greater_than")], "cpu must be more than 0"
assert rejected(cpu=64.01) == [(("cpu",), "less_than_equal")]
assert rejected(name="") == [(("name",), "string_too_short")]
assert rejected(name="a" * 64) == [(("name",), "string_too_long")]
assert rejected(name="web_1") == [(("name",), "string_pattern_mismatch")]
assert rejected(name="wéb") == [(("name",), "string_pattern_mismatch")], "ASCII letters only"
assert rejected(strategy="blue-green") == [(("strategy",), "literal_error")]
assert rejected(strategy="Rolling") == [(("strategy",), "literal_error")]
assert rejected(env={"PORT": 8080}) == [(("env", "PORT"), "string_type")], "env values are strings"
assert rejected(owner=7) == [(("owner",), "string_type")]
assert Deployment(name="a" * 63, image="i", cpu=0.001, replicas=50).name == "a" * 63
assert Deployment(name="a", image="i", cpu=1).name == "a"
assert Deployment(name="0-9", image="i", cpu=1, owner="").owner == "", "an empty owner is still an owner"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def replicas_problem(value: object) -> list:
    try:
        Deployment(name="web", image="nginx", cpu=1, replicas=value)
    except ValidationError as err:
        return problems(err)
    raise AssertionError(f"replicas={value!r} must be rejected: replicas is strict")


assert replicas_problem("3") == [(("replicas",), "int_type")], "strict: the string '3' is not an int"
### BEGIN HIDDEN TESTS
assert replicas_problem(3.0) == [(("replicas",), "int_type")]
assert replicas_problem(True) == [(("replicas",), "int_type")]
assert type(Deployment(name="web", image="i", cpu="2").cpu) is float, "cpu stays lax"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
try:
    Deployment(name="web")
except ValidationError as err:
    assert sorted(problems(err)) == [(("cpu",), "missing"), (("image",), "missing")], problems(err)
else:
    raise AssertionError("image and cpu are required")
first, second = Deployment(name="a", image="i", cpu=1), Deployment(name="b", image="i", cpu=1)
first.ports.append(80)
first.env["A"] = "1"
assert second.ports == [] and second.env == {}, "each deployment has its own list and dict"

# %% course={"kind": "wrong", "id": "lax-replicas"}
class Deployment(BaseModel):
    name: str = Field(min_length=1, max_length=63, pattern=r"^[a-z0-9-]+$")
    image: str
    replicas: int = Field(default=1, ge=0, le=50)  # lax: "3" and True get in
    cpu: float = Field(gt=0, le=64)
    ports: list[Annotated[int, Field(ge=1, le=65535)]] = []
    env: dict[str, str] = {}
    strategy: Literal["rolling", "recreate"] = "rolling"
    owner: Optional[str] = None

# %% course={"kind": "wrong", "id": "unchecked-ports"}
class Deployment(BaseModel):
    name: str = Field(min_length=1, max_length=63, pattern=r"^[a-z0-9-]+$")
    image: str
    replicas: int = Field(default=1, ge=0, le=50, strict=True)
    cpu: float = Field(gt=0, le=64)
    ports: list[int] = []  # any int is a port
    env: dict[str, str] = {}
    strategy: Literal["rolling", "recreate"] = "rolling"
    owner: Optional[str] = None

# %% course={"kind": "wrong", "id": "zero-cpu"}
class Deployment(BaseModel):
    name: str = Field(min_length=1, max_length=63, pattern=r"^[a-z0-9-]+$")
    image: str
    replicas: int = Field(default=1, ge=0, le=50, strict=True)
    cpu: float = Field(ge=0, le=64)  # ge lets cpu=0 through
    ports: list[Annotated[int, Field(ge=1, le=65535)]] = []
    env: dict[str, str] = {}
    strategy: Literal["rolling", "recreate"] = "rolling"
    owner: Optional[str] = None

# %% course={"kind": "wrong", "id": "optional-without-default"}
class Deployment(BaseModel):
    name: str = Field(min_length=1, max_length=63, pattern=r"^[a-z0-9-]+$")
    image: str
    replicas: int = Field(default=1, ge=0, le=50, strict=True)
    cpu: float = Field(gt=0, le=64)
    ports: list[Annotated[int, Field(ge=1, le=65535)]] = []
    env: dict[str, str] = {}
    strategy: Literal["rolling", "recreate"] = "rolling"
    owner: Optional[str]  # Optional means "may be None", not "may be left out"

# %% [markdown] course={"kind": "exercise", "id": "memory-validators", "item": "x-implement-custom-validators"}
# ### Custom validators: memory quantities and requests within limits
#
# Kubernetes writes memory as `512Mi` or `2Gi`. Write two validators:
#
# - `to_bytes(value)`, the `BeforeValidator` of the custom type `Memory`: a string of ASCII digits `0-9`
#   with an optional unit suffix `Ki` (×1024), `Mi` (×1024²) or `Gi` (×1024³), exact case, surrounding
#   whitespace ignored, becomes the `int` number of bytes (`"512Mi"` → `536870912`, `"1000"` → `1000`).
#   Any other string raises `ValueError` (`"1.5Gi"`, `"10MB"`, `"Mi"`, `""`). Anything that is not a
#   string is returned unchanged, for pydantic's own `int` check.
# - the model validator `requests_within_limits` of `Resources`: a request above its limit (CPU or memory)
#   raises `ValueError` saying which one (the message contains `cpu` or `memory`); equal is fine. It
#   returns the model.
#
# ```python
# Resources(cpu_request=0.5, cpu_limit=1, memory_request="256Mi", memory_limit="1Gi").memory_limit  # 1073741824
# Resources(cpu_request=2, cpu_limit=1, memory_request=1, memory_limit=1)   # ValidationError: loc (), value_error
# ```

# %% [markdown] course={"kind": "hint"}
# In `to_bytes`, strip first, then look for each suffix with `str.endswith`; what is left before it must
# be digits. `str.isdigit()` is also true for digits of other scripts (`"١٢".isdigit()`): add `isascii()`.

# %% [markdown] course={"kind": "hint"}
# A `ValueError` raised inside any validator becomes an error of type `value_error` in the
# `ValidationError`; for the model validator, compare `self.cpu_request > self.cpu_limit` (and the same for
# memory) and finish with `return self`.

# %% course={"kind": "solution", "equivalent": {"m-67c41ce3": "Ki, Mi and Gi are distinct two-letter suffixes, so at most one matches and looping on changes nothing"}}
UNITS = {"Ki": 1024, "Mi": 1024**2, "Gi": 1024**3}


def to_bytes(value: object) -> object:
    ### BEGIN SOLUTION
    if not isinstance(value, str):
        return value
    text = value.strip()
    number, factor = text, 1
    for unit, size in UNITS.items():
        if text.endswith(unit):
            number, factor = text[: -len(unit)], size
            break
    if not (number.isascii() and number.isdigit()):
        raise ValueError(f"expected digits with an optional Ki, Mi or Gi, got {value!r}")
    return int(number) * factor
    ### END SOLUTION


Memory = Annotated[int, BeforeValidator(to_bytes), Field(ge=0)]


class Resources(BaseModel):
    cpu_request: float = Field(gt=0)
    cpu_limit: float = Field(gt=0)
    memory_request: Memory
    memory_limit: Memory

    @model_validator(mode="after")
    def requests_within_limits(self) -> "Resources":
        ### BEGIN SOLUTION
        if self.cpu_request > self.cpu_limit:
            raise ValueError(f"cpu_request {self.cpu_request} is above cpu_limit {self.cpu_limit}")
        if self.memory_request > self.memory_limit:
            raise ValueError(f"memory_request {self.memory_request} is above memory_limit {self.memory_limit}")
        return self
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
assert to_bytes("512Mi") == 536870912 and type(to_bytes("512Mi")) is int, f"512Mi: got {to_bytes('512Mi')!r}"
assert to_bytes("2Gi") == 2 * 1024**3, "Gi is 1024**3"
assert to_bytes("1000") == 1000, "no unit: bytes"
### BEGIN HIDDEN TESTS
assert to_bytes("1Ki") == 1024 and to_bytes("3Mi") == 3 * 1024**2
assert to_bytes("0") == 0 and to_bytes("0Gi") == 0
assert to_bytes("  64Ki\n") == 65536, "surrounding whitespace is ignored"
assert to_bytes("12") == 12 and to_bytes("1") == 1
assert to_bytes(4096) == 4096 and to_bytes(None) is None and to_bytes(2.5) == 2.5, "non-strings are passed on"
for text in ["1.5Gi", "10MB", "Mi", "", "2gi", "2 Gi", "-1Mi", "١٢Mi", "12Gi Gi", "Gi2"]:
    try:
        to_bytes(text)
    except ValueError:
        pass
    else:
        raise AssertionError(f"to_bytes({text!r}) must raise ValueError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
res = Resources(cpu_request=0.5, cpu_limit=1, memory_request="256Mi", memory_limit="1Gi")
assert (res.memory_request, res.memory_limit) == (256 * 1024**2, 1024**3), f"got {res}"
try:
    Resources(cpu_request=1, cpu_limit=1, memory_request="1.5Gi", memory_limit="2Gi")
except ValidationError as err:
    assert problems(err) == [(("memory_request",), "value_error")], f"the error is at memory_request: {problems(err)}"
else:
    raise AssertionError("1.5Gi is not a valid quantity")
### BEGIN HIDDEN TESTS
try:
    Resources(cpu_request=1, cpu_limit=1, memory_request="1Gi", memory_limit=-1)
except ValidationError as err:
    assert problems(err) == [(("memory_limit",), "greater_than_equal")], problems(err)
else:
    raise AssertionError("a negative int is still refused by Field(ge=0)")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def model_problem(**fields: object) -> tuple:
    try:
        Resources.model_validate(fields)
    except ValidationError as err:
        assert len(err.errors()) == 1, err.errors()
        return err.errors()[0]["loc"], err.errors()[0]["type"], err.errors()[0]["msg"]
    raise AssertionError(f"{fields} must be rejected")


loc, kind, msg = model_problem(cpu_request=2, cpu_limit=1, memory_request=1, memory_limit=1)
assert (loc, kind) == ((), "value_error") and "cpu" in msg, f"cpu request above limit: got {(loc, kind, msg)}"
### BEGIN HIDDEN TESTS
loc, kind, msg = model_problem(cpu_request=1, cpu_limit=1, memory_request="2Gi", memory_limit="2047Mi")
assert (loc, kind) == ((), "value_error") and "memory" in msg and "cpu" not in msg, (loc, kind, msg)
loc, kind, msg = model_problem(cpu_request=1, cpu_limit=0.999, memory_request="1Mi", memory_limit="1Gi")
assert "cpu" in msg and "memory" not in msg, msg
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
same = Resources.model_validate({"cpu_request": 1, "cpu_limit": 1, "memory_request": "1Gi", "memory_limit": "1024Mi"})
assert isinstance(same, Resources) and same.memory_request == same.memory_limit == 1024**3, (
    "a request equal to its limit is fine, and the validator returns the model")

# %% course={"kind": "wrong", "id": "decimal-units"}
UNITS = {"Ki": 1000, "Mi": 1000**2, "Gi": 1000**3}  # Ki is 1024, not 1000


def to_bytes(value):
    if not isinstance(value, str):
        return value
    text = value.strip()
    number, factor = text, 1
    for unit, size in UNITS.items():
        if text.endswith(unit):
            number, factor = text[: -len(unit)], size
            break
    if not (number.isascii() and number.isdigit()):
        raise ValueError(f"bad quantity {value!r}")
    return int(number) * factor


Memory = Annotated[int, BeforeValidator(to_bytes), Field(ge=0)]


class Resources(BaseModel):
    cpu_request: float = Field(gt=0)
    cpu_limit: float = Field(gt=0)
    memory_request: Memory
    memory_limit: Memory

    @model_validator(mode="after")
    def requests_within_limits(self):
        if self.cpu_request > self.cpu_limit:
            raise ValueError("cpu_request is above cpu_limit")
        if self.memory_request > self.memory_limit:
            raise ValueError("memory_request is above memory_limit")
        return self

# %% course={"kind": "wrong", "id": "float-int-parse"}
UNITS = {"Ki": 1024, "Mi": 1024**2, "Gi": 1024**3}


def to_bytes(value):
    if not isinstance(value, str):
        return value
    text = value.strip()
    for unit, size in UNITS.items():
        if text.endswith(unit):
            return int(float(text[: -len(unit)]) * size)  # "1.5Gi" becomes a number of bytes
    return int(text)


Memory = Annotated[int, BeforeValidator(to_bytes), Field(ge=0)]


class Resources(BaseModel):
    cpu_request: float = Field(gt=0)
    cpu_limit: float = Field(gt=0)
    memory_request: Memory
    memory_limit: Memory

    @model_validator(mode="after")
    def requests_within_limits(self):
        if self.cpu_request > self.cpu_limit:
            raise ValueError("cpu_request is above cpu_limit")
        if self.memory_request > self.memory_limit:
            raise ValueError("memory_request is above memory_limit")
        return self

# %% course={"kind": "wrong", "id": "equal-is-too-much"}
UNITS = {"Ki": 1024, "Mi": 1024**2, "Gi": 1024**3}


def to_bytes(value):
    if not isinstance(value, str):
        return value
    text = value.strip()
    number, factor = text, 1
    for unit, size in UNITS.items():
        if text.endswith(unit):
            number, factor = text[: -len(unit)], size
            break
    if not (number.isascii() and number.isdigit()):
        raise ValueError(f"bad quantity {value!r}")
    return int(number) * factor


Memory = Annotated[int, BeforeValidator(to_bytes), Field(ge=0)]


class Resources(BaseModel):
    cpu_request: float = Field(gt=0)
    cpu_limit: float = Field(gt=0)
    memory_request: Memory
    memory_limit: Memory

    @model_validator(mode="after")
    def requests_within_limits(self):
        if self.cpu_request >= self.cpu_limit or self.memory_request >= self.memory_limit:
            raise ValueError("cpu or memory request is not below its limit")
        return self

# %% course={"kind": "wrong", "id": "before-mode-raw-strings"}
UNITS = {"Ki": 1024, "Mi": 1024**2, "Gi": 1024**3}


def to_bytes(value):
    if not isinstance(value, str):
        return value
    text = value.strip()
    number, factor = text, 1
    for unit, size in UNITS.items():
        if text.endswith(unit):
            number, factor = text[: -len(unit)], size
            break
    if not (number.isascii() and number.isdigit()):
        raise ValueError(f"bad quantity {value!r}")
    return int(number) * factor


Memory = Annotated[int, BeforeValidator(to_bytes), Field(ge=0)]


class Resources(BaseModel):
    cpu_request: float = Field(gt=0)
    cpu_limit: float = Field(gt=0)
    memory_request: Memory
    memory_limit: Memory

    @model_validator(mode="before")
    @classmethod
    def requests_within_limits(cls, data):  # runs on the raw input: "256Mi" > "1Gi" as strings, so it refuses
        if float(data["cpu_request"]) > float(data["cpu_limit"]):
            raise ValueError("cpu_request is above cpu_limit")
        if str(data["memory_request"]) > str(data["memory_limit"]):
            raise ValueError("memory_request is above memory_limit")
        return data

# %% [markdown] course={"kind": "exercise", "id": "pipeline-models", "item": "x-create-nested-model-structures"}
# ### Nested and recursive models: a CI pipeline
#
# Write the models of a CI pipeline file and one function over them:
#
# - `Step`: `name` (a `str` matching `^[a-z][a-z0-9_-]*$`), `run` (a non-empty `list[str]`, the command),
#   `needs` (a list of `Step`s that must run first: the model is recursive; default empty). Unknown keys
#   are errors (`extra_forbidden`): a typo like `need:` must not be dropped silently.
# - `Pipeline`: `name` (a `str`), `steps` (a non-empty list of `Step`), unknown keys are errors too.
# - `run_order(pipeline)`: the names of every step in an order that runs each step after everything it
#   needs, each name once: depth first, a step's `needs` in their listed order before the step itself,
#   the top-level steps in their order. A name seen again is skipped.
#
# ```python
# p = Pipeline.model_validate({"name": "ci", "steps": [
#     {"name": "deploy", "run": ["make", "deploy"], "needs": [
#         {"name": "test", "run": ["pytest"], "needs": [{"name": "build", "run": ["make"]}]},
#         {"name": "lint", "run": ["ruff", "check"]}]}]})
# run_order(p)   # ['build', 'test', 'lint', 'deploy']
# ```

# %% [markdown] course={"kind": "hint"}
# A model that refers to itself: `needs: list["Step"] = []`. Forbidding unknown keys:
# `model_config = ConfigDict(extra="forbid")` in *both* models. A non-empty list: `Field(min_length=1)`.

# %% [markdown] course={"kind": "hint"}
# For `run_order`, write an inner function `visit(step)` that visits `step.needs` first and then appends
# `step.name` unless it is already in the result (keep a `set` of seen names beside the list).

# %% course={"kind": "solution"}
### BEGIN SOLUTION
class Step(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    run: list[str] = Field(min_length=1)
    needs: list["Step"] = []


class Pipeline(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    steps: list[Step] = Field(min_length=1)
### END SOLUTION


def run_order(pipeline: "Pipeline") -> list[str]:
    ### BEGIN SOLUTION
    order: list[str] = []
    seen: set[str] = set()

    def visit(step: Step) -> None:
        for need in step.needs:
            visit(need)
        if step.name not in seen:
            seen.add(step.name)
            order.append(step.name)

    for step in pipeline.steps:
        visit(step)
    return order
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
CI = {"name": "ci", "steps": [
    {"name": "deploy", "run": ["make", "deploy"], "needs": [
        {"name": "test", "run": ["pytest"], "needs": [{"name": "build", "run": ["make"]}]},
        {"name": "lint", "run": ["ruff", "check"]}]}]}
ci = Pipeline.model_validate(CI)
assert isinstance(ci.steps[0].needs[0].needs[0], Step), "needs holds Step models, at every depth"
assert ci.steps[0].needs[0].needs[0].run == ["make"]
assert run_order(ci) == ["build", "test", "lint", "deploy"], f"got {run_order(ci)}"

# %% course={"kind": "test", "points": 2}
def pipeline_problems(data: dict) -> list:
    try:
        Pipeline.model_validate(data)
    except ValidationError as err:
        return problems(err)
    raise AssertionError(f"{data} must be rejected")


deep = {"name": "ci", "steps": [{"name": "a", "run": ["x"], "needs": [{"name": "b", "run": ["y"], "needs": [
    {"name": "c", "run": []}]}]}]}
assert pipeline_problems(deep) == [(("steps", 0, "needs", 0, "needs", 0, "run"), "too_short")], (
    "an empty command three levels down is reported with its whole path")
### BEGIN HIDDEN TESTS
assert pipeline_problems({"name": "ci", "steps": []}) == [(("steps",), "too_short")]
assert pipeline_problems({"name": "ci", "steps": [{"name": "Build", "run": ["x"]}]}) == [
    (("steps", 0, "name"), "string_pattern_mismatch")]
assert pipeline_problems({"name": "ci", "steps": [{"name": "b", "run": "make"}]}) == [(("steps", 0, "run"), "list_type")]
assert pipeline_problems({"name": "ci", "steps": [{"name": "b", "run": ["x"], "needs": [{"name": "a"}]}]}) == [
    (("steps", 0, "needs", 0, "run"), "missing")]
assert pipeline_problems({"name": "ci", "steps": [{"name": "b", "run": ["x"], "needs": ["a"]}]}) == [
    (("steps", 0, "needs", 0), "model_type")], "needs holds steps, not names"
for bad_name in ["1build", "-lint", "_setup", "deploy prod", "build!", "ünit", ""]:
    assert pipeline_problems({"name": "ci", "steps": [{"name": bad_name, "run": ["x"]}]}) == [
        (("steps", 0, "name"), "string_pattern_mismatch")], f"{bad_name!r} is not a step name"
named = Pipeline.model_validate({"name": "ci", "steps": [{"name": "unit_tests-2", "run": ["x"]}, {"name": "z", "run": ["y"]}]})
assert [step.name for step in named.steps] == ["unit_tests-2", "z"], "letters, digits, '_' and '-' after a first letter"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
typo = {"name": "ci", "steps": [{"name": "b", "run": ["x"], "need": [{"name": "a", "run": ["y"]}]}]}
assert pipeline_problems(typo) == [(("steps", 0, "need"), "extra_forbidden")], "a misspelt key in a step is an error"
### BEGIN HIDDEN TESTS
assert pipeline_problems({"name": "ci", "stages": [], "steps": [{"name": "b", "run": ["x"]}]}) == [
    (("stages",), "extra_forbidden")]
deep_typo = {"name": "ci", "steps": [{"name": "b", "run": ["x"], "needs": [{"name": "a", "run": ["y"], "env": {}}]}]}
assert pipeline_problems(deep_typo) == [(("steps", 0, "needs", 0, "env"), "extra_forbidden")]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
shared = {"name": "build", "run": ["make"]}
diamond = Pipeline.model_validate({"name": "ci", "steps": [
    {"name": "unit", "run": ["pytest"], "needs": [shared]},
    {"name": "e2e", "run": ["pytest", "e2e"], "needs": [shared, {"name": "db", "run": ["up"]}]},
    {"name": "deploy", "run": ["go"], "needs": [{"name": "unit", "run": ["pytest"]}]}]})
assert run_order(diamond) == ["build", "unit", "db", "e2e", "deploy"], f"each step once: got {run_order(diamond)}"
### BEGIN HIDDEN TESTS
one = Pipeline.model_validate({"name": "x", "steps": [{"name": "only", "run": ["true"]}]})
assert run_order(one) == ["only"]
flat = Pipeline.model_validate({"name": "x", "steps": [{"name": n, "run": ["r"]} for n in ["z", "a", "m"]]})
assert run_order(flat) == ["z", "a", "m"], "top-level order is kept, not sorted"
chain = {"name": "s0", "run": ["r"]}
for i in range(1, 60):
    chain = {"name": f"s{i}", "run": ["r"], "needs": [chain]}
assert run_order(Pipeline.model_validate({"name": "x", "steps": [chain]})) == [f"s{i}" for i in range(60)]
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "needs-as-dicts"}
class Step(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    run: list[str] = Field(min_length=1)
    needs: list[dict] = []  # nothing inside is validated


class Pipeline(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    steps: list[Step] = Field(min_length=1)


def run_order(pipeline):
    order = []

    def visit(step):
        for need in step.needs:
            visit(Step.model_validate(need))
        if step.name not in order:
            order.append(step.name)

    for step in pipeline.steps:
        visit(step)
    return order

# %% course={"kind": "wrong", "id": "extra-ignored"}
class Step(BaseModel):
    name: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")  # extra keys are dropped silently
    run: list[str] = Field(min_length=1)
    needs: list["Step"] = []


class Pipeline(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    steps: list[Step] = Field(min_length=1)


def run_order(pipeline):
    order = []

    def visit(step):
        for need in step.needs:
            visit(need)
        if step.name not in order:
            order.append(step.name)

    for step in pipeline.steps:
        visit(step)
    return order

# %% course={"kind": "wrong", "id": "step-before-needs"}
class Step(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    run: list[str] = Field(min_length=1)
    needs: list["Step"] = []


class Pipeline(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    steps: list[Step] = Field(min_length=1)


def run_order(pipeline):
    order = []

    def visit(step):
        if step.name not in order:
            order.append(step.name)  # the step before what it needs
        for need in step.needs:
            visit(need)

    for step in pipeline.steps:
        visit(step)
    return order

# %% course={"kind": "wrong", "id": "duplicates-kept"}
class Step(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    run: list[str] = Field(min_length=1)
    needs: list["Step"] = []


class Pipeline(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    steps: list[Step] = Field(min_length=1)


def run_order(pipeline):
    order = []

    def visit(step):
        for need in step.needs:
            visit(need)
        order.append(step.name)  # a step two others need runs twice

    for step in pipeline.steps:
        visit(step)
    return order

# %% course={"kind": "wrong", "id": "name-pattern-unanchored"}
class Step(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[a-z][a-z0-9_-]*")  # no $: "deploy prod" and "build!" match their first letters
    run: list[str] = Field(min_length=1)
    needs: list["Step"] = []


class Pipeline(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    steps: list[Step] = Field(min_length=1)


def run_order(pipeline):
    order = []

    def visit(step):
        for need in step.needs:
            visit(need)
        if step.name not in order:
            order.append(step.name)

    for step in pipeline.steps:
        visit(step)
    return order

# %% course={"kind": "wrong", "id": "name-any-first-char"}
class Step(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[a-z0-9_-]+$")  # "1build" and "-lint" do not start with a letter
    run: list[str] = Field(min_length=1)
    needs: list["Step"] = []


class Pipeline(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    steps: list[Step] = Field(min_length=1)


def run_order(pipeline):
    order = []

    def visit(step):
        for need in step.needs:
            visit(need)
        if step.name not in order:
            order.append(step.name)

    for step in pipeline.steps:
        visit(step)
    return order

# %% [markdown] course={"kind": "exercise", "id": "service-settings", "item": "x-use-basesettings-for-configuration"}
# ### Service settings from the environment and a `.env` file
#
# Write `ServiceSettings`, a `BaseSettings` whose fields come from variables named `SVC_<FIELD>`:
#
# | field | type and rules | default |
# |---|---|---|
# | `database_url` | `str` | required |
# | `port` | `int` from 1 to 65535 | `8000` |
# | `debug` | `bool` | `False` |
# | `workers` | `int`, at least 1 | `2` |
# | `allowed_hosts` | `list[str]` (in a variable: JSON, `'["a", "b"]'`) | `["localhost"]` |
#
# and `load_settings(env_file=None, **overrides)`, which builds the settings from (strongest first) the
# `overrides`, the environment, the `.env` file `env_file` if given, and the defaults. A `.env` file is
# shared with other tools: its lines that are not settings of ours (`COMPOSE_PROJECT_NAME=...`) are ignored.
#
# ```python
# with mock.patch.dict(os.environ, {"SVC_DATABASE_URL": "postgresql://db/app", "SVC_PORT": "9000"}, clear=True):
#     load_settings()   # ServiceSettings(database_url='postgresql://db/app', port=9000, debug=False, workers=2, ...)
# ```

# %% [markdown] course={"kind": "hint"}
# `model_config = SettingsConfigDict(env_prefix="SVC_", extra="ignore")`; the fields are written as in any
# model. Without `extra="ignore"`, `BaseSettings` refuses every unknown line of the `.env` file.

# %% [markdown] course={"kind": "hint"}
# Constructor arguments are the strongest source, and `_env_file=` names the file for one call:
# `return ServiceSettings(_env_file=env_file, **overrides)` (`None` means no file).

# %% course={"kind": "solution"}
### BEGIN SOLUTION
class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SVC_", extra="ignore")

    database_url: str
    port: int = Field(default=8000, ge=1, le=65535)
    debug: bool = False
    workers: int = Field(default=2, ge=1)
    allowed_hosts: list[str] = ["localhost"]
### END SOLUTION


def load_settings(env_file: Optional[pathlib.Path] = None, **overrides: Any) -> "ServiceSettings":
    ### BEGIN SOLUTION
    return ServiceSettings(_env_file=env_file, **overrides)
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
with mock.patch.dict(os.environ, {"SVC_DATABASE_URL": "postgresql://db/app", "SVC_PORT": "9000"}, clear=True):
    settings = load_settings()
assert isinstance(settings, ServiceSettings) and isinstance(settings, BaseSettings), "a BaseSettings subclass"
assert settings.model_dump() == {"database_url": "postgresql://db/app", "port": 9000, "debug": False, "workers": 2,
                                 "allowed_hosts": ["localhost"]}, f"got {settings.model_dump()}"
### BEGIN HIDDEN TESTS
env = {"svc_database_url": "sqlite:///x.db", "SVC_DEBUG": "yes", "SVC_WORKERS": "1",
       "SVC_ALLOWED_HOSTS": '["api.example.org", "localhost"]', "SVC_PORT": "65535"}
with mock.patch.dict(os.environ, env, clear=True):
    settings = load_settings()
assert settings.model_dump() == {"database_url": "sqlite:///x.db", "port": 65535, "debug": True, "workers": 1,
                                 "allowed_hosts": ["api.example.org", "localhost"]}, settings.model_dump()
with mock.patch.dict(os.environ, {"SVC_DATABASE_URL": "x", "SVC_DEBUG": "0", "SVC_PORT": "1"}, clear=True):
    assert (load_settings().debug, load_settings().port) == (False, 1)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def settings_problems(env: dict, **overrides: Any) -> list:
    with mock.patch.dict(os.environ, env, clear=True):
        try:
            load_settings(**overrides)
        except ValidationError as err:
            return problems(err)
    raise AssertionError(f"{env} must be rejected")


assert settings_problems({"SVC_DATABASE_URL": "x", "SVC_PORT": "0"}) == [(("port",), "greater_than_equal")], (
    "port 0 is out of range")
assert settings_problems({"DATABASE_URL": "x"}) == [(("database_url",), "missing")], (
    "only SVC_ variables are ours: DATABASE_URL is not SVC_DATABASE_URL")
### BEGIN HIDDEN TESTS
assert settings_problems({"SVC_DATABASE_URL": "x", "SVC_PORT": "65536"}) == [(("port",), "less_than_equal")]
assert settings_problems({"SVC_DATABASE_URL": "x", "SVC_WORKERS": "0"}) == [(("workers",), "greater_than_equal")]
assert settings_problems({"SVC_DATABASE_URL": "x", "SVC_PORT": "http"}) == [(("port",), "int_parsing")]
assert settings_problems({"SVC_DATABASE_URL": "x", "SVC_DEBUG": "maybe"}) == [(("debug",), "bool_parsing")]
assert settings_problems({"SVC_DATABASE_URL": "x"}, workers=-3) == [(("workers",), "greater_than_equal")]
assert settings_problems({}) == [(("database_url",), "missing")]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
with tempfile.TemporaryDirectory() as folder:
    dotenv = pathlib.Path(folder, ".env")
    dotenv.write_text("SVC_DATABASE_URL=postgresql://file/app\nSVC_WORKERS=4\nCOMPOSE_PROJECT_NAME=shop\n",
                      encoding="utf-8")
    with mock.patch.dict(os.environ, {}, clear=True):
        from_file = load_settings(dotenv)
    assert from_file.model_dump() == {"database_url": "postgresql://file/app", "port": 8000, "debug": False,
                                      "workers": 4, "allowed_hosts": ["localhost"]}, (
        f"values come from the .env file, its other lines are ignored (not kept as extras): {from_file.model_dump()}")
    ### BEGIN HIDDEN TESTS
    with mock.patch.dict(os.environ, {"SVC_WORKERS": "8"}, clear=True):
        assert load_settings(dotenv).workers == 8, "an environment variable beats the .env file"
        assert load_settings(dotenv, workers=16).workers == 16, "an override beats both"
        assert load_settings(dotenv, port=9001).port == 9001
        assert load_settings(dotenv).port == 8000
    with mock.patch.dict(os.environ, {"SVC_DATABASE_URL": "env"}, clear=True):
        assert load_settings(dotenv).database_url == "env"
        assert load_settings().workers == 2, "no env_file: the file is not read"
    ### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "no-prefix"}
class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore")  # reads DATABASE_URL, PORT...: anybody's variables

    database_url: str
    port: int = Field(default=8000, ge=1, le=65535)
    debug: bool = False
    workers: int = Field(default=2, ge=1)
    allowed_hosts: list[str] = ["localhost"]


def load_settings(env_file=None, **overrides):
    return ServiceSettings(_env_file=env_file, **overrides)

# %% course={"kind": "wrong", "id": "extra-forbidden-by-default"}
class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SVC_")  # BaseSettings forbids extra input by default

    database_url: str
    port: int = Field(default=8000, ge=1, le=65535)
    debug: bool = False
    workers: int = Field(default=2, ge=1)
    allowed_hosts: list[str] = ["localhost"]


def load_settings(env_file=None, **overrides):
    return ServiceSettings(_env_file=env_file, **overrides)

# %% course={"kind": "wrong", "id": "extra-allowed"}
class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SVC_", extra="allow")  # keeps extras as a setting

    database_url: str
    port: int = Field(default=8000, ge=1, le=65535)
    debug: bool = False
    workers: int = Field(default=2, ge=1)
    allowed_hosts: list[str] = ["localhost"]


def load_settings(env_file=None, **overrides):
    return ServiceSettings(_env_file=env_file, **overrides)

# %% course={"kind": "wrong", "id": "unchecked-port"}
class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SVC_", extra="ignore")

    database_url: str
    port: int = 8000
    debug: bool = False
    workers: int = 2
    allowed_hosts: list[str] = ["localhost"]


def load_settings(env_file=None, **overrides):
    return ServiceSettings(_env_file=env_file, **overrides)

# %% course={"kind": "wrong", "id": "copy-for-overrides"}
class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SVC_", extra="ignore")

    database_url: str
    port: int = Field(default=8000, ge=1, le=65535)
    debug: bool = False
    workers: int = Field(default=2, ge=1)
    allowed_hosts: list[str] = ["localhost"]


def load_settings(env_file=None, **overrides):
    settings = ServiceSettings(_env_file=env_file)
    return settings.model_copy(update=overrides)  # not validated: workers=-3 gets in

# %% [markdown] course={"kind": "exercise", "id": "wire-format", "item": "x-serialize-and-deserialize-models"}
# ### Serialize and deserialize: billing events on the wire
#
# A billing service sends lists of `BillingEvent` (given below) as JSON arrays with camelCase keys.
# Write:
#
# - `to_wire(events)`: the list as a JSON **`str`**: the keys are the aliases (`eventType`, `occurredAt`),
#   `occurredAt` in ISO 8601, `amount` as a string with its exact digits (`"0.10"`, never `0.1`), and
#   `note` left out when it is `None` (but kept when it is `""`);
# - `from_wire(text)`: the list of `BillingEvent`s back. Bad data raises `ValidationError`, and the `loc`
#   of each error starts with the position of the bad event in the array (`(1, 'amount')`); text that is
#   not JSON raises `ValidationError` too (type `json_invalid`).
#
# ```python
# event = BillingEvent(eventType="usage", occurredAt="2026-03-01T12:00:00Z", amount="0.10")
# to_wire([event])   # '[{"eventType":"usage","occurredAt":"2026-03-01T12:00:00Z","amount":"0.10"}]'
# from_wire(to_wire([event])) == [event]   # True
# ```

# %% [markdown] course={"kind": "hint"}
# `model_dump_json()` and `model_dump(mode="json")` already write datetimes and `Decimal`s the right way;
# `json.dumps(model.model_dump())` fails on the datetime. Ask for `by_alias=True, exclude_none=True`.

# %% [markdown] course={"kind": "hint"}
# A list of models is not a model: `TypeAdapter(list[BillingEvent])` validates and dumps the whole array
# (`validate_json(text)`, `dump_json(events, ...)`, which returns bytes: `.decode()`), and its errors carry
# the item's index in their `loc`.

# %% course={"kind": "solution"}
class BillingEvent(BaseModel):
    model_config = ConfigDict(validate_by_name=True)

    event_type: Literal["usage", "refund"] = Field(alias="eventType")
    occurred_at: datetime = Field(alias="occurredAt")
    amount: Decimal
    note: Optional[str] = None


### BEGIN SOLUTION
EVENT_LIST = TypeAdapter(list[BillingEvent])
### END SOLUTION


def to_wire(events: list[BillingEvent]) -> str:
    ### BEGIN SOLUTION
    return EVENT_LIST.dump_json(events, by_alias=True, exclude_none=True).decode()
    ### END SOLUTION


def from_wire(text: str) -> list[BillingEvent]:
    ### BEGIN SOLUTION
    return EVENT_LIST.validate_json(text)
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
usage = BillingEvent(eventType="usage", occurredAt="2026-03-01T12:00:00Z", amount="0.10")
wire = to_wire([usage])
assert type(wire) is str, f"to_wire returns a str, got {type(wire).__name__}"
assert json.loads(wire) == [{"eventType": "usage", "occurredAt": "2026-03-01T12:00:00Z", "amount": "0.10"}], wire
### BEGIN HIDDEN TESTS
noted = BillingEvent(event_type="refund", occurred_at=datetime(2026, 2, 28, 23, 59, 59, tzinfo=timezone.utc),
                     amount=Decimal("-12.50"), note="")
assert json.loads(to_wire([usage, noted])) == [
    {"eventType": "usage", "occurredAt": "2026-03-01T12:00:00Z", "amount": "0.10"},
    {"eventType": "refund", "occurredAt": "2026-02-28T23:59:59Z", "amount": "-12.50", "note": ""}], (
    "an empty note is present; order is kept")
assert json.loads(to_wire([])) == [] and type(to_wire([])) is str
given_none = BillingEvent(eventType="usage", occurredAt="2026-03-01T12:00:00Z", amount="2", note=None)
assert json.loads(to_wire([given_none])) == [
    {"eventType": "usage", "occurredAt": "2026-03-01T12:00:00Z", "amount": "2"}], "a note given as None is left out too"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
events = [BillingEvent(eventType="usage", occurredAt="2026-03-01T12:00:00+02:00", amount="1.999", note="GPU hours"),
          BillingEvent(eventType="refund", occurredAt="2026-03-02T00:00:00Z", amount="0")]
back = from_wire(to_wire(events))
assert type(back) is list and back == events, f"a round trip gives equal events: {back}"
### BEGIN HIDDEN TESTS
assert back[0].occurred_at.utcoffset().total_seconds() == 7200 and str(back[0].amount) == "1.999"
assert from_wire("[]") == []
snake = from_wire('[{"event_type": "usage", "occurred_at": "2026-01-01T00:00:00Z", "amount": "5"}]')
assert snake[0].amount == Decimal("5") and type(snake[0]) is BillingEvent
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def wire_problems(text: str) -> list:
    try:
        from_wire(text)
    except ValidationError as err:
        return problems(err)
    raise AssertionError(f"{text!r} must be rejected")


good = '{"eventType": "usage", "occurredAt": "2026-03-01T12:00:00Z", "amount": "1"}'
bad = '{"eventType": "usage", "occurredAt": "2026-03-01T12:00:00Z", "amount": "lots"}'
assert wire_problems(f"[{good}, {bad}]") == [((1, "amount"), "decimal_parsing")], "the error names event 1"
### BEGIN HIDDEN TESTS
assert wire_problems(f"[{bad}]") == [((0, "amount"), "decimal_parsing")]
assert wire_problems('[{"eventType": "bonus", "occurredAt": "2026-03-01T12:00:00Z", "amount": "1"}]') == [
    ((0, "eventType"), "literal_error")]
assert wire_problems("[1,") == [((), "json_invalid")], "text that is not JSON"
assert wire_problems(good) == [((), "list_type")], "one object is not an array"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "json-dumps-model-dump"}
class BillingEvent(BaseModel):
    model_config = ConfigDict(validate_by_name=True)

    event_type: Literal["usage", "refund"] = Field(alias="eventType")
    occurred_at: datetime = Field(alias="occurredAt")
    amount: Decimal
    note: Optional[str] = None


def to_wire(events):
    return json.dumps([e.model_dump(by_alias=True, exclude_none=True) for e in events])  # datetime: TypeError


def from_wire(text):
    return TypeAdapter(list[BillingEvent]).validate_json(text)

# %% course={"kind": "wrong", "id": "field-names-on-the-wire"}
class BillingEvent(BaseModel):
    model_config = ConfigDict(validate_by_name=True)

    event_type: Literal["usage", "refund"] = Field(alias="eventType")
    occurred_at: datetime = Field(alias="occurredAt")
    amount: Decimal
    note: Optional[str] = None


def to_wire(events):
    return json.dumps([e.model_dump(mode="json", exclude_none=True) for e in events])  # event_type, not eventType


def from_wire(text):
    return TypeAdapter(list[BillingEvent]).validate_json(text)

# %% course={"kind": "wrong", "id": "one-event-at-a-time"}
class BillingEvent(BaseModel):
    model_config = ConfigDict(validate_by_name=True)

    event_type: Literal["usage", "refund"] = Field(alias="eventType")
    occurred_at: datetime = Field(alias="occurredAt")
    amount: Decimal
    note: Optional[str] = None


def to_wire(events):
    return json.dumps([e.model_dump(mode="json", by_alias=True, exclude_none=True) for e in events])


def from_wire(text):
    return [BillingEvent.model_validate(item) for item in json.loads(text)]  # loc has no index; bad JSON escapes

# %% course={"kind": "wrong", "id": "exclude-unset"}
class BillingEvent(BaseModel):
    model_config = ConfigDict(validate_by_name=True)

    event_type: Literal["usage", "refund"] = Field(alias="eventType")
    occurred_at: datetime = Field(alias="occurredAt")
    amount: Decimal
    note: Optional[str] = None


def to_wire(events):  # leaves out what was not given, but writes "note": null when None was given
    return TypeAdapter(list[BillingEvent]).dump_json(events, by_alias=True, exclude_unset=True).decode()


def from_wire(text):
    return TypeAdapter(list[BillingEvent]).validate_json(text)

# %% course={"kind": "wrong", "id": "falsy-note-dropped"}
class BillingEvent(BaseModel):
    model_config = ConfigDict(validate_by_name=True)

    event_type: Literal["usage", "refund"] = Field(alias="eventType")
    occurred_at: datetime = Field(alias="occurredAt")
    amount: Decimal
    note: Optional[str] = None


def to_wire(events):
    items = [{k: v for k, v in e.model_dump(mode="json", by_alias=True).items() if v} for e in events]
    return json.dumps(items)  # "if v" also drops note="", a falsy value that is present


def from_wire(text):
    return TypeAdapter(list[BillingEvent]).validate_json(text)

# %% [markdown] course={"kind": "exercise", "id": "error-lines"}
# ### Readable validation errors for a config loader
#
# A deploy tool that rejects a config file should print one line per problem, with a path a person can
# find in the file. Write `error_lines(err)`: for each error of the `ValidationError`, in pydantic's order,
# the string `"<path>: <msg>"`, where the path joins the parts of `loc`: names joined with `.`, list
# positions written as `[i]` right after what they index, and an empty `loc` (a model-level error) written
# as `(model)`.
#
# ```python
# loc ('steps', 0, 'needs', 1, 'name')  ->  'steps[0].needs[1].name: String should match pattern ...'
# loc (1, 'amount')                     ->  '[1].amount: Input should be a valid decimal'
# loc ()                                ->  '(model): Value error, ...'
# ```

# %% [markdown] course={"kind": "hint"}
# Build the path part by part: an `int` part becomes `f"[{part}]"` glued to what is before it; any other
# part is added after a `.`, except at the very start.

# %% course={"kind": "solution"}
def error_lines(err: ValidationError) -> list[str]:
    ### BEGIN SOLUTION
    lines = []
    for error in err.errors():
        path = ""
        for part in error["loc"]:
            if isinstance(part, int):
                path += f"[{part}]"
            elif path:
                path += f".{part}"
            else:
                path = part  # a name: loc holds only str and int
        lines.append(f"{path or '(model)'}: {error['msg']}")
    return lines
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
class CheckStep(BaseModel):  # a recursive model to make errors with
    name: str = Field(pattern=r"^[a-z]+$")
    needs: list["CheckStep"] = []


try:
    CheckStep.model_validate({"name": "deploy", "needs": [{"name": "test", "needs": [{"name": "b"}, {"name": "Bad"}]}]})
except ValidationError as err:
    step_error = err
lines = error_lines(step_error)
assert lines == [f"needs[0].needs[1].name: {step_error.errors()[0]['msg']}"], f"got {lines}"
assert type(lines) is list and type(lines[0]) is str

# %% course={"kind": "test", "points": 2}
class CheckService(BaseModel):
    name: str
    cpu: float = Field(gt=0)
    ports: list[Annotated[int, Field(ge=1, le=65535)]] = []
    env: dict[str, str] = {}


try:
    TypeAdapter(list[CheckService]).validate_python([
        {"name": "ok", "cpu": 1}, {"name": "web", "cpu": 0, "env": {"PORT": 80}, "ports": [80, 0]}])
except ValidationError as err:
    deployment_error = err
msgs = [e["msg"] for e in deployment_error.errors()]
assert error_lines(deployment_error) == [f"[1].cpu: {msgs[0]}", f"[1].ports[1]: {msgs[1]}", f"[1].env.PORT: {msgs[2]}"], (
    f"a leading index, an index after a name, and a dict key: {error_lines(deployment_error)}")

# %% course={"kind": "test", "points": 1}
class CheckLimits(BaseModel):
    request: int
    limit: int

    @model_validator(mode="after")
    def request_within_limit(self) -> "CheckLimits":
        if self.request > self.limit:
            raise ValueError("request above limit")
        return self


try:
    CheckLimits(request=2, limit=1)
except ValidationError as err:
    model_error = err
assert error_lines(model_error) == [f"(model): {model_error.errors()[0]['msg']}"], error_lines(model_error)
### BEGIN HIDDEN TESTS
try:
    CheckService(name=5, cpu="x")
except ValidationError as err:
    several = err
assert error_lines(several) == [f"{e['loc'][0]}: {e['msg']}" for e in several.errors()], "one line per error, in order"
assert len(error_lines(several)) == 2
try:
    TypeAdapter(dict[str, int]).validate_python({"8080": "x"})
except ValidationError as err:
    numeric_key = err
assert error_lines(numeric_key) == [f"8080: {numeric_key.errors()[0]['msg']}"], "a dict key is a name, even all digits"
try:
    CheckService(name="web", cpu=1, env={"8080": 1})
except ValidationError as err:
    inner_key = err
assert error_lines(inner_key) == [f"env.8080: {inner_key.errors()[0]['msg']}"], "a digit key after a name: still a name"
try:
    TypeAdapter(dict[str, list[list[int]]]).validate_python({"a": [[1], [2, "x"]]})
except ValidationError as err:
    nested = err
assert error_lines(nested) == [f"a[1][1]: {nested.errors()[0]['msg']}"], error_lines(nested)
try:
    TypeAdapter(list[int]).validate_python([1, "x"])
except ValidationError as err:
    top = err
assert error_lines(top) == [f"[1]: {top.errors()[0]['msg']}"], error_lines(top)
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "dots-for-indexes"}
def error_lines(err):
    return [f"{'.'.join(str(part) for part in e['loc']) or '(model)'}: {e['msg']}" for e in err.errors()]

# %% course={"kind": "wrong", "id": "empty-loc-forgotten"}
def error_lines(err):
    lines = []
    for error in err.errors():
        path = ""
        for part in error["loc"]:
            if isinstance(part, int):
                path += f"[{part}]"
            elif path:
                path += f".{part}"
            else:
                path = str(part)
        lines.append(f"{path}: {error['msg']}")  # a model-level error gets ': ...'
    return lines

# %% course={"kind": "wrong", "id": "digits-after-dots-are-indexes"}
import re


def error_lines(err):
    lines = []
    for error in err.errors():
        loc = error["loc"]
        head = f"[{loc[0]}]" if loc and isinstance(loc[0], int) else "".join(str(part) for part in loc[:1])
        path = ".".join([head, *(str(part) for part in loc[1:])]) if loc[1:] else head
        path = re.sub(r"\.(\d+)", r"[\1]", path)  # "env.8080" becomes "env[8080]": a dict key is not a position
        lines.append(f"{path or '(model)'}: {error['msg']}")
    return lines

# %% course={"kind": "wrong", "id": "digits-are-indexes"}
def error_lines(err):
    lines = []
    for error in err.errors():
        path = ""
        for part in error["loc"]:
            if str(part).isdigit():  # a dict key "8080" is not a list position
                path += f"[{part}]"
            elif path:
                path += f".{part}"
            else:
                path = str(part)
        lines.append(f"{path or '(model)'}: {error['msg']}")
    return lines

# %% course={"kind": "setup", "id": "config-files"}
# Files of three environments for project 12.3.1 (configuration system), near the end.
def config_folder(folder: str, files: dict[str, list[str]]) -> pathlib.Path:
    """Write each file's lines into the folder (UTF-8) and return the folder's path."""
    for name, lines in files.items():
        pathlib.Path(folder, name).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return pathlib.Path(folder)


FILES = {"base.env": ["APP_LOG_LEVEL=warning", "APP_DATABASE__HOST=db.internal", "APP_REPLICAS=2",
                      "COMPOSE_PROJECT_NAME=shop"],
         "dev.env": ["APP_DEBUG=true", "APP_REPLICAS=1", "APP_DATABASE__HOST=localhost"],
         "prod.env": ["APP_REPLICAS=3", "APP_DATABASE__PASSWORD=s3cret"]}

# %% [markdown] course={"kind": "exercise", "id": "config-system", "item": "project-12-3-1"}
# ### Project 12.3.1 (tested core): a configuration system with environments
#
# One application, three environments: `dev`, `staging`, `prod`. A folder holds `base.env` (shared
# values) and one `<environment>.env` per environment; either file may be missing. Write `AppConfig`, a
# `BaseSettings` with prefix `APP_` and `__` between nested names (`APP_DATABASE__HOST`), whose fields are:
#
# | field | type and rules | default |
# |---|---|---|
# | `environment` | `"dev"`, `"staging"` or `"prod"` | required |
# | `debug` | `bool` | `False` |
# | `log_level` | `"DEBUG"`, `"INFO"`, `"WARNING"` or `"ERROR"`; any case accepted, stored in capitals | `"INFO"` |
# | `replicas` | `int` from 1 to 20 | `1` |
# | `database` | `DatabaseConfig` (given below) | `DatabaseConfig()` |
#
# Production rules, checked after the fields by a model validator (so the error's `loc` is `()`; a
# `ValueError` naming the field, so the message contains `debug`, `replicas` or `password`): in `prod`,
# `debug` must be off, `replicas` at least 2, and the database password not empty. Other environments have
# no such rules.
#
# Then `load_config(environment, config_dir)`: the config of that environment, from (strongest first)
# the environment variables, `<environment>.env`, `base.env`, the defaults. Other lines in the files are
# ignored.
#
# ```python
# # base.env: APP_LOG_LEVEL=warning / APP_DATABASE__HOST=db.internal     prod.env: APP_REPLICAS=3 / APP_DATABASE__PASSWORD=s3cret
# load_config("prod", folder)
# # AppConfig(environment='prod', debug=False, log_level='WARNING', replicas=3,
# #           database=DatabaseConfig(host='db.internal', port=5432, name='app', password=SecretStr('**********')))
# ```

# %% [markdown] course={"kind": "hint"}
# `SettingsConfigDict(env_prefix="APP_", env_nested_delimiter="__", extra="ignore")`. A tuple of files for
# `_env_file` is read in order and a later file wins; files that do not exist are skipped. The environment
# name is a constructor argument: `AppConfig(_env_file=(...), environment=environment)`.

# %% [markdown] course={"kind": "hint"}
# Case-insensitive choices: a `@field_validator("log_level", mode="before")` that upper-cases strings,
# before the `Literal` check. The production rules: a `@model_validator(mode="after")` that starts with
# `if self.environment == "prod":` and reads the password with `self.database.password.get_secret_value()`.

# %% course={"kind": "solution"}
class DatabaseConfig(BaseModel):
    host: str = "localhost"
    port: int = Field(default=5432, ge=1, le=65535)
    name: str = "app"
    password: SecretStr = SecretStr("")


### BEGIN SOLUTION
class AppConfig(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_", env_nested_delimiter="__", extra="ignore")

    environment: Literal["dev", "staging", "prod"]
    debug: bool = False
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    replicas: int = Field(default=1, ge=1, le=20)
    database: DatabaseConfig = DatabaseConfig()

    @field_validator("log_level", mode="before")
    @classmethod
    def upper_case(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def production_rules(self) -> "AppConfig":
        if self.environment == "prod":
            if self.debug:
                raise ValueError("debug must be off in prod")
            if self.replicas < 2:
                raise ValueError(f"prod needs at least 2 replicas, got {self.replicas}")
            if not self.database.password.get_secret_value():
                raise ValueError("prod needs a database password")
        return self
### END SOLUTION


def load_config(environment: str, config_dir: pathlib.Path) -> "AppConfig":
    ### BEGIN SOLUTION
    files = (config_dir / "base.env", config_dir / f"{environment}.env")
    return AppConfig(_env_file=files, environment=environment)
    ### END SOLUTION

# %% course={"kind": "test", "points": 2}
with tempfile.TemporaryDirectory() as folder, mock.patch.dict(os.environ, {}, clear=True):
    prod = load_config("prod", config_folder(folder, FILES))
    assert isinstance(prod, AppConfig) and isinstance(prod, BaseSettings), "AppConfig is a BaseSettings"
    assert set(prod.model_dump()) == {"environment", "debug", "log_level", "replicas", "database"}, (
        f"the other lines of the files are ignored, not kept as extra settings: {sorted(prod.model_dump())}")
    assert (prod.environment, prod.debug, prod.log_level, prod.replicas) == ("prod", False, "WARNING", 3), prod
    assert (prod.database.host, prod.database.port, prod.database.password.get_secret_value()) == (
        "db.internal", 5432, "s3cret"), f"nested values from both files: {prod.database}"
    ### BEGIN HIDDEN TESTS
    dev = load_config("dev", pathlib.Path(folder))
    assert (dev.debug, dev.replicas, dev.log_level, dev.database.host) == (True, 1, "WARNING", "localhost"), (
        "dev.env beats base.env")
    staging = load_config("staging", pathlib.Path(folder))  # no staging.env: base.env alone
    assert (staging.replicas, staging.database.host, staging.debug) == (2, "db.internal", False), staging
    with mock.patch.dict(os.environ, {"APP_REPLICAS": "20"}, clear=True):
        assert load_config("prod", pathlib.Path(folder)).replicas == 20, "20 replicas are allowed"
    ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
with tempfile.TemporaryDirectory() as folder:
    config_folder(folder, FILES)
    env = {"APP_REPLICAS": "5", "APP_DATABASE__HOST": "db.prod", "APP_LOG_LEVEL": "Error"}
    with mock.patch.dict(os.environ, env, clear=True):
        prod = load_config("prod", pathlib.Path(folder))
    assert (prod.replicas, prod.database.host, prod.log_level) == (5, "db.prod", "ERROR"), (
        f"environment variables beat both files: {prod}")
    ### BEGIN HIDDEN TESTS
    with mock.patch.dict(os.environ, {"APP_ENVIRONMENT": "prod", "APP_DATABASE__PORT": "6543"}, clear=True):
        dev = load_config("dev", pathlib.Path(folder))
    assert (dev.environment, dev.database.port, dev.database.name) == ("dev", 6543, "app"), dev
    ### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
def config_problems(environment: str, files: dict, env: Optional[dict] = None) -> list:
    with tempfile.TemporaryDirectory() as folder, mock.patch.dict(os.environ, env or {}, clear=True):
        try:
            load_config(environment, config_folder(folder, files))
        except ValidationError as err:
            return [(e["loc"], e["type"], e["msg"]) for e in err.errors()]
    raise AssertionError(f"{environment} with {files} and {env} must be rejected")


[(loc, kind, _)] = config_problems("production", {})
assert (loc, kind) == (("environment",), "literal_error"), f"unknown environment: {(loc, kind)}"
[(loc, kind, _)] = config_problems("dev", {"base.env": ["APP_REPLICAS=0"]})
assert (loc, kind) == (("replicas",), "greater_than_equal"), f"replicas=0: {(loc, kind)}"
### BEGIN HIDDEN TESTS
assert [p[:2] for p in config_problems("dev", {"dev.env": ["APP_REPLICAS=21"]})] == [(("replicas",), "less_than_equal")]
assert [p[:2] for p in config_problems("dev", {}, {"APP_LOG_LEVEL": "verbose"})] == [(("log_level",), "literal_error")]
assert [p[:2] for p in config_problems("dev", {}, {"APP_DATABASE__PORT": "0"})] == [
    (("database", "port"), "greater_than_equal")]
assert [p[:2] for p in config_problems("Dev", {})] == [(("environment",), "literal_error")]
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 3}
PROD_OK = ["APP_REPLICAS=2", "APP_DATABASE__PASSWORD=pw"]
[(loc, kind, msg)] = config_problems("prod", {"prod.env": PROD_OK + ["APP_DEBUG=1"]})
assert (loc, kind) == ((), "value_error") and "debug" in msg, f"debug in prod: {(loc, kind, msg)}"
### BEGIN HIDDEN TESTS
[(loc, kind, msg)] = config_problems("prod", {"prod.env": ["APP_DATABASE__PASSWORD=pw"]})
assert (loc, kind) == ((), "value_error") and "replicas" in msg, msg
[(loc, kind, msg)] = config_problems("prod", {"prod.env": ["APP_REPLICAS=2"]})
assert (loc, kind) == ((), "value_error") and "password" in msg, msg
[(loc, kind, msg)] = config_problems("prod", {"prod.env": ["APP_REPLICAS=2", "APP_DATABASE__PASSWORD="]})
assert (loc, kind) == ((), "value_error") and "password" in msg, (loc, kind, msg)
with tempfile.TemporaryDirectory() as folder, mock.patch.dict(os.environ, {}, clear=True):
    config_folder(folder, {"prod.env": PROD_OK, "staging.env": ["APP_DEBUG=yes"]})
    assert load_config("prod", pathlib.Path(folder)).replicas == 2, "2 replicas are enough in prod"
    staging = load_config("staging", pathlib.Path(folder))
    assert staging.debug is True and staging.replicas == 1, "the prod rules apply to prod only"
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 1}
with tempfile.TemporaryDirectory() as folder, mock.patch.dict(os.environ, {}, clear=True):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # e.g. pydantic's warning for a model validator that does not return self
        prod = load_config("prod", config_folder(folder, FILES))
assert "s3cret" not in repr(prod) and "s3cret" not in prod.model_dump_json(), "the password never shows"

# %% course={"kind": "wrong", "id": "base-file-last"}
class DatabaseConfig(BaseModel):
    host: str = "localhost"
    port: int = Field(default=5432, ge=1, le=65535)
    name: str = "app"
    password: SecretStr = SecretStr("")


class AppConfig(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_", env_nested_delimiter="__", extra="ignore")

    environment: Literal["dev", "staging", "prod"]
    debug: bool = False
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    replicas: int = Field(default=1, ge=1, le=20)
    database: DatabaseConfig = DatabaseConfig()

    @field_validator("log_level", mode="before")
    @classmethod
    def upper_case(cls, value):
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def production_rules(self):
        if self.environment == "prod":
            if self.debug:
                raise ValueError("debug must be off in prod")
            if self.replicas < 2:
                raise ValueError("prod needs at least 2 replicas")
            if not self.database.password.get_secret_value():
                raise ValueError("prod needs a database password")
        return self


def load_config(environment, config_dir):
    files = (config_dir / f"{environment}.env", config_dir / "base.env")  # the later file wins: base beats dev
    return AppConfig(_env_file=files, environment=environment)

# %% course={"kind": "wrong", "id": "config-extra-allowed"}
class DatabaseConfig(BaseModel):
    host: str = "localhost"
    port: int = Field(default=5432, ge=1, le=65535)
    name: str = "app"
    password: SecretStr = SecretStr("")


class AppConfig(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_", env_nested_delimiter="__", extra="allow")  # keeps extras

    environment: Literal["dev", "staging", "prod"]
    debug: bool = False
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    replicas: int = Field(default=1, ge=1, le=20)
    database: DatabaseConfig = DatabaseConfig()

    @field_validator("log_level", mode="before")
    @classmethod
    def upper_case(cls, value):
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def production_rules(self):
        if self.environment == "prod":
            if self.debug:
                raise ValueError("debug must be off in prod")
            if self.replicas < 2:
                raise ValueError("prod needs at least 2 replicas")
            if not self.database.password.get_secret_value():
                raise ValueError("prod needs a database password")
        return self


def load_config(environment, config_dir):
    files = (config_dir / "base.env", config_dir / f"{environment}.env")
    return AppConfig(_env_file=files, environment=environment)

# %% course={"kind": "wrong", "id": "no-nested-delimiter"}
class DatabaseConfig(BaseModel):
    host: str = "localhost"
    port: int = Field(default=5432, ge=1, le=65535)
    name: str = "app"
    password: SecretStr = SecretStr("")


class AppConfig(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_", extra="ignore")  # APP_DATABASE__HOST is never read

    environment: Literal["dev", "staging", "prod"]
    debug: bool = False
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    replicas: int = Field(default=1, ge=1, le=20)
    database: DatabaseConfig = DatabaseConfig()

    @field_validator("log_level", mode="before")
    @classmethod
    def upper_case(cls, value):
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def production_rules(self):
        if self.environment == "prod":
            if self.debug:
                raise ValueError("debug must be off in prod")
            if self.replicas < 2:
                raise ValueError("prod needs at least 2 replicas")
            if not self.database.password.get_secret_value():
                raise ValueError("prod needs a database password")
        return self


def load_config(environment, config_dir):
    files = (config_dir / "base.env", config_dir / f"{environment}.env")
    return AppConfig(_env_file=files, environment=environment)

# %% course={"kind": "wrong", "id": "rules-everywhere-but-dev"}
class DatabaseConfig(BaseModel):
    host: str = "localhost"
    port: int = Field(default=5432, ge=1, le=65535)
    name: str = "app"
    password: SecretStr = SecretStr("")


class AppConfig(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_", env_nested_delimiter="__", extra="ignore")

    environment: Literal["dev", "staging", "prod"]
    debug: bool = False
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    replicas: int = Field(default=1, ge=1, le=20)
    database: DatabaseConfig = DatabaseConfig()

    @field_validator("log_level", mode="before")
    @classmethod
    def upper_case(cls, value):
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def production_rules(self):
        if self.environment != "dev":  # staging is not prod
            if self.debug:
                raise ValueError("debug must be off in prod")
            if self.replicas < 2:
                raise ValueError("prod needs at least 2 replicas")
            if not self.database.password.get_secret_value():
                raise ValueError("prod needs a database password")
        return self


def load_config(environment, config_dir):
    files = (config_dir / "base.env", config_dir / f"{environment}.env")
    return AppConfig(_env_file=files, environment=environment)

# %% course={"kind": "wrong", "id": "case-sensitive-level"}
class DatabaseConfig(BaseModel):
    host: str = "localhost"
    port: int = Field(default=5432, ge=1, le=65535)
    name: str = "app"
    password: SecretStr = SecretStr("")


class AppConfig(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_", env_nested_delimiter="__", extra="ignore")

    environment: Literal["dev", "staging", "prod"]
    debug: bool = False
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"  # "warning" from a file is refused
    replicas: int = Field(default=1, ge=1, le=20)
    database: DatabaseConfig = DatabaseConfig()

    @model_validator(mode="after")
    def production_rules(self):
        if self.environment == "prod":
            if self.debug:
                raise ValueError("debug must be off in prod")
            if self.replicas < 2:
                raise ValueError("prod needs at least 2 replicas")
            if not self.database.password.get_secret_value():
                raise ValueError("prod needs a database password")
        return self


def load_config(environment, config_dir):
    files = (config_dir / "base.env", config_dir / f"{environment}.env")
    return AppConfig(_env_file=files, environment=environment)

# %% [markdown] course={"kind": "task", "id": "config-system-review", "points": 3, "item": "project-12-3-1"}
# ### Project 12.3.1 (your design): the configuration system around the core
#
# Turn `AppConfig` into something a team can run. In a module of your own (or cells below):
#
# 1. a command `show-config ENV [--dir DIR]` that loads the config with `load_config`, prints it as JSON
#    with secrets masked, and on a `ValidationError` prints one line per error (`database.port: Input
#    should be greater than or equal to 1`) and exits with status 2;
# 2. a `description` on every field, and a short generated reference (`AppConfig.model_json_schema()`) of
#    the variables a deployer can set (the `APP_...` names, types, defaults);
# 3. one more environment-specific rule you think production needs, with a test.

# %% [markdown] course={"kind": "rubric"}
# - (1 point) The command loads through `load_config`, never prints a secret (the JSON comes from
#   `model_dump_json`, or masks `SecretStr`), and reports each error with its dotted `loc` and message
#   rather than a traceback; exit status 2 on invalid configuration.
# - (1 point) Every field has a description; the reference lists the real variable names including the
#   prefix and the `__` for nested fields, generated from the schema rather than written by hand.
# - (1 point) The extra rule is a real production concern (e.g. `log_level` not `DEBUG`, the database host
#   not `localhost`), lives in the model validator (or a field validator), and has a test that fails
#   without it. Reading the real environment in tests (instead of a patched `os.environ`) loses this point.

# %% course={"kind": "setup", "id": "metric-models"}
# Schemas (versions of one model) for the schema registry of project 12.3.2, near the end.
class MetricV1(BaseModel):
    name: str = Field(description="Metric name, like cpu or gpu_memory")
    value: float


class MetricV2(BaseModel):
    name: str = Field(description="Metric name, like cpu or gpu_memory")
    value: float
    unit: str = Field(default="", description="Unit of value; empty when it has none")


class MetricV3Breaking(BaseModel):
    name: str
    value: float
    host: str  # newly required: old producers do not send it


class MetricV3Stricter(BaseModel):
    name: str
    value: float
    unit: str  # was optional, now required


class MetricV3Looser(BaseModel):
    name: str = Field(description="Metric name")
    value: Optional[float] = None  # was required, now optional: old data still validates
    unit: str = ""
    tags: dict[str, str] = {}

# %% [markdown] course={"kind": "exercise", "id": "schema-registry", "item": "project-12-3-2"}
# ### Project 12.3.2 (tested core): a schema registry with versions
#
# Producers and consumers of a data stream agree on *schemas*: versions of a pydantic model under one name.
# Write `SchemaRegistry`:
#
# - `register(name, model)` stores `model` as the next version of `name` (1, 2, 3...) and returns that
#   number. A new version must be **backward compatible**: data that the previous version required
#   enough of must still validate, so every field the new version *requires* must already have been
#   required by the previous one. Otherwise raise `IncompatibleSchema` (given) naming the fields, and
#   store nothing. Decide with the JSON Schemas (`model.model_json_schema()["required"]`; the key is
#   absent when nothing is required).
# - `versions(name)`: the list of version numbers; `model(name, version=None)`: the model of that version
#   (the latest when `None`); `validate(name, data, version=None)`: `data` validated
#   by that version (the latest when `None`), a `ValidationError` for bad data; `json_schema(name,
#   version=None)`: that version's JSON Schema with `"$id": "<name>/v<version>"` added.
# - An unknown name or version (`0`, negative, past the last) raises `KeyError`.
#
# ```python
# registry = SchemaRegistry()
# registry.register("metrics", MetricV1)       # 1
# registry.register("metrics", MetricV2)       # 2: only adds an optional field
# registry.validate("metrics", {"name": "cpu", "value": "0.5"}, version=1)   # MetricV1(name='cpu', value=0.5)
# registry.json_schema("metrics")["$id"]      # 'metrics/v2'
# ```

# %% [markdown] course={"kind": "hint"}
# Keep a `dict` from name to a list of models: version `n` is `models[n - 1]`, but check `1 <= n <= len`
# yourself (`models[-1]` is a valid Python index and would quietly answer for version 0).

# %% [markdown] course={"kind": "hint"}
# Compatibility: `set(new_schema.get("required", [])) - set(old_schema.get("required", []))` are the fields
# the old producers may not send. Report them sorted.

# %% course={"kind": "solution"}
class IncompatibleSchema(ValueError):
    """A new schema version that data valid for the previous one would fail."""


class SchemaRegistry:
    def __init__(self) -> None:
        ### BEGIN SOLUTION
        self._models: dict[str, list[type[BaseModel]]] = {}
        ### END SOLUTION

    def register(self, name: str, model: type[BaseModel]) -> int:
        ### BEGIN SOLUTION
        models = self._models.get(name, [])
        if models:
            before = set(models[-1].model_json_schema().get("required", []))
            now = set(model.model_json_schema().get("required", []))
            if now - before:
                raise IncompatibleSchema(f"{name} v{len(models) + 1} newly requires {sorted(now - before)}")
        self._models[name] = [*models, model]
        return len(models) + 1
        ### END SOLUTION

    def versions(self, name: str) -> list[int]:
        ### BEGIN SOLUTION
        return list(range(1, len(self._models[name]) + 1))
        ### END SOLUTION

    def model(self, name: str, version: Optional[int] = None) -> type[BaseModel]:
        ### BEGIN SOLUTION
        models = self._models[name]
        if version is None:
            return models[-1]
        if not 1 <= version <= len(models):
            raise KeyError(f"{name} has no version {version}")
        return models[version - 1]
        ### END SOLUTION

    def validate(self, name: str, data: Any, version: Optional[int] = None) -> BaseModel:
        ### BEGIN SOLUTION
        return self.model(name, version).model_validate(data)
        ### END SOLUTION

    def json_schema(self, name: str, version: Optional[int] = None) -> dict[str, Any]:
        ### BEGIN SOLUTION
        number = len(self._models[name]) if version is None else version
        return {**self.model(name, version).model_json_schema(), "$id": f"{name}/v{number}"}
        ### END SOLUTION

# %% course={"kind": "test", "points": 2}
registry = SchemaRegistry()
assert registry.register("metrics", MetricV1) == 1, "the first version is 1"
assert registry.register("metrics", MetricV2) == 2, "MetricV2 only adds an optional field: version 2"
assert registry.versions("metrics") == [1, 2], f"got {registry.versions('metrics')}"
old = registry.validate("metrics", {"name": "cpu", "value": "0.5"}, version=1)
assert type(old) is MetricV1 and old.value == 0.5, f"version 1 validates with MetricV1: {old!r}"
latest = registry.validate("metrics", {"name": "cpu", "value": 1})
assert type(latest) is MetricV2 and latest.unit == "", f"no version: the latest, {latest!r}"
### BEGIN HIDDEN TESTS
assert registry.register("events", MetricV2) == 1, "each name counts its own versions"
assert registry.versions("metrics") == [1, 2] and registry.versions("events") == [1]
assert registry.register("metrics", MetricV3Looser) == 3, "making a field optional is compatible"
assert registry.model("metrics") is MetricV3Looser and registry.model("metrics", 2) is MetricV2
assert registry.model("metrics", 1) is MetricV1 and registry.model("metrics", 3) is MetricV3Looser
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
registry = SchemaRegistry()
registry.register("metrics", MetricV1)
try:
    registry.register("metrics", MetricV3Breaking)
except IncompatibleSchema as err:
    assert "host" in str(err), f"the error names the field: {err}"
else:
    raise AssertionError("a newly required field breaks old producers")
assert registry.versions("metrics") == [1], "nothing is stored after a refusal"
### BEGIN HIDDEN TESTS
registry.register("metrics", MetricV2)
try:
    registry.register("metrics", MetricV3Stricter)
except IncompatibleSchema as err:
    assert "unit" in str(err) and "name" not in str(err), str(err)
else:
    raise AssertionError("an optional field made required breaks old producers")
assert registry.register("metrics", MetricV3Looser) == 3
try:
    registry.register("metrics", MetricV1)
except IncompatibleSchema as err:
    assert "value" in str(err), str(err)
else:
    raise AssertionError("v4 requiring value again, after v3 made it optional, breaks v3 producers")
assert registry.versions("metrics") == [1, 2, 3]
assert isinstance(IncompatibleSchema("x"), ValueError)
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
registry = SchemaRegistry()
registry.register("metrics", MetricV1)
try:
    registry.validate("metrics", {"name": "cpu", "value": "high"})
except ValidationError as err:
    assert problems(err) == [(("value",), "float_parsing")], problems(err)
else:
    raise AssertionError("bad data raises ValidationError")
for bad in [("logs", None), ("metrics", 2), ("metrics", 0)]:
    try:
        registry.validate(bad[0], {"name": "cpu", "value": 1}, version=bad[1])
    except KeyError:
        pass
    else:
        raise AssertionError(f"{bad}: unknown name or version must raise KeyError")
### BEGIN HIDDEN TESTS
registry.register("metrics", MetricV2)
for name, version in [("metrics", -1), ("metrics", 3), ("logs", 1)]:
    for call in (registry.model, registry.json_schema):
        try:
            call(name, version)
        except KeyError:
            pass
        else:
            raise AssertionError(f"{call.__name__}({name!r}, {version}) must raise KeyError")
try:
    registry.versions("logs")
except KeyError:
    pass
else:
    raise AssertionError("versions of an unknown name: KeyError")
### END HIDDEN TESTS

# %% course={"kind": "test", "points": 2}
registry = SchemaRegistry()
registry.register("metrics", MetricV1)
registry.register("metrics", MetricV2)
schema = registry.json_schema("metrics")
assert schema["$id"] == "metrics/v2", f"$id names the latest version: {schema.get('$id')}"
assert schema["properties"]["unit"]["description"] == "Unit of value; empty when it has none", schema
### BEGIN HIDDEN TESTS
first = registry.json_schema("metrics", 1)
assert first == {**MetricV1.model_json_schema(), "$id": "metrics/v1"}, first
assert registry.json_schema("metrics", 2) == {**MetricV2.model_json_schema(), "$id": "metrics/v2"}
assert "$id" not in MetricV1.model_json_schema(), "the model's own schema is not changed"
### END HIDDEN TESTS

# %% course={"kind": "wrong", "id": "any-new-field-breaks"}
class IncompatibleSchema(ValueError):
    """A new schema version that data valid for the previous one would fail."""


class SchemaRegistry:
    def __init__(self):
        self._models = {}

    def register(self, name, model):
        models = self._models.get(name, [])
        if models:
            before = set(models[-1].model_json_schema()["properties"])
            now = set(model.model_json_schema()["properties"])
            if now - before:  # an optional new field is fine for old producers
                raise IncompatibleSchema(f"new fields {sorted(now - before)}")
        self._models[name] = [*models, model]
        return len(models) + 1

    def versions(self, name):
        return list(range(1, len(self._models[name]) + 1))

    def model(self, name, version=None):
        models = self._models[name]
        if version is None:
            return models[-1]
        if not 1 <= version <= len(models):
            raise KeyError(version)
        return models[version - 1]

    def validate(self, name, data, version=None):
        return self.model(name, version).model_validate(data)

    def json_schema(self, name, version=None):
        number = len(self._models[name]) if version is None else version
        return {**self.model(name, version).model_json_schema(), "$id": f"{name}/v{number}"}

# %% course={"kind": "wrong", "id": "only-new-names-checked"}
class IncompatibleSchema(ValueError):
    """A new schema version that data valid for the previous one would fail."""


class SchemaRegistry:
    def __init__(self):
        self._models = {}

    def register(self, name, model):
        models = self._models.get(name, [])
        if models:
            known = set(models[-1].model_json_schema()["properties"])
            required = set(model.model_json_schema().get("required", []))
            if required - known:  # misses a known optional field that becomes required
                raise IncompatibleSchema(f"new required fields {sorted(required - known)}")
        self._models[name] = [*models, model]
        return len(models) + 1

    def versions(self, name):
        return list(range(1, len(self._models[name]) + 1))

    def model(self, name, version=None):
        models = self._models[name]
        if version is None:
            return models[-1]
        if not 1 <= version <= len(models):
            raise KeyError(version)
        return models[version - 1]

    def validate(self, name, data, version=None):
        return self.model(name, version).model_validate(data)

    def json_schema(self, name, version=None):
        number = len(self._models[name]) if version is None else version
        return {**self.model(name, version).model_json_schema(), "$id": f"{name}/v{number}"}

# %% course={"kind": "wrong", "id": "version-zero-is-latest"}
class IncompatibleSchema(ValueError):
    """A new schema version that data valid for the previous one would fail."""


class SchemaRegistry:
    def __init__(self):
        self._models = {}

    def register(self, name, model):
        models = self._models.get(name, [])
        if models:
            before = set(models[-1].model_json_schema().get("required", []))
            now = set(model.model_json_schema().get("required", []))
            if now - before:
                raise IncompatibleSchema(f"newly required {sorted(now - before)}")
        self._models[name] = [*models, model]
        return len(models) + 1

    def versions(self, name):
        return list(range(1, len(self._models[name]) + 1))

    def model(self, name, version=None):
        models = self._models[name]
        return models[-1 if version is None else version - 1]  # version 0 is models[-1]: no KeyError

    def validate(self, name, data, version=None):
        return self.model(name, version).model_validate(data)

    def json_schema(self, name, version=None):
        number = len(self._models[name]) if version is None else version
        return {**self.model(name, version).model_json_schema(), "$id": f"{name}/v{number}"}

# %% course={"kind": "wrong", "id": "stored-before-check"}
class IncompatibleSchema(ValueError):
    """A new schema version that data valid for the previous one would fail."""


class SchemaRegistry:
    def __init__(self):
        self._models = {}

    def register(self, name, model):
        models = self._models.setdefault(name, [])
        models.append(model)  # stored even when refused below
        if len(models) > 1:
            before = set(models[-2].model_json_schema().get("required", []))
            now = set(model.model_json_schema().get("required", []))
            if now - before:
                raise IncompatibleSchema(f"newly required {sorted(now - before)}")
        return len(models)

    def versions(self, name):
        return list(range(1, len(self._models[name]) + 1))

    def model(self, name, version=None):
        models = self._models[name]
        if version is None:
            return models[-1]
        if not 1 <= version <= len(models):
            raise KeyError(version)
        return models[version - 1]

    def validate(self, name, data, version=None):
        return self.model(name, version).model_validate(data)

    def json_schema(self, name, version=None):
        number = len(self._models[name]) if version is None else version
        return {**self.model(name, version).model_json_schema(), "$id": f"{name}/v{number}"}

# %% [markdown] course={"kind": "task", "id": "schema-registry-docs", "points": 3, "item": "project-12-3-2"}
# ### Project 12.3.2 (your design): documentation and a wider compatibility check
#
# Extend the registry:
#
# 1. `docs(name)`: a Markdown page of every version of a schema, one table per version with each field's
#    name, type, whether it is required, its default and its description, all generated from
#    `json_schema(name, version)` (nothing written by hand), plus a line per version saying what changed
#    since the previous one (fields added, removed, made optional);
# 2. a stricter check of your choice, for example: a field may not change its JSON type between versions
#    (`"integer"` to `"string"`), or a *forward* compatibility mode in which old consumers must accept new
#    data (no field may be removed);
# 3. tests for both, on models you write.

# %% [markdown] course={"kind": "rubric"}
# - (1 point) `docs` is generated from the JSON Schemas: types come from `type` (or `anyOf` for optional
#   fields, `$ref`/`$defs` for nested models, handled or at least shown honestly), required from `required`,
#   descriptions from `description`; the per-version change list is computed, not typed.
# - (1 point) The stricter check compares schemas, not Python classes, reports the offending field names,
#   and leaves the registry unchanged when it refuses a version.
# - (1 point) Tests cover a compatible change, each kind of refused change, and a schema with a nested
#   model; they assert on the exact Markdown lines or parsed tables, not on "some text was returned".

# %% [markdown] course={"kind": "answer", "question": "q-what-is-pydantic-and-why-use-it"}
# Pydantic is a library that validates and converts data using Python type hints: you declare a model
# class, and constructing it from untrusted input (JSON, YAML, environment variables) either gives you an
# object whose fields really have the declared types and satisfy the constraints, or raises one
# `ValidationError` listing every problem with its location. Why use it: one declaration gives parsing,
# validation, good error messages, serialization back to JSON, and a JSON Schema for documentation; FastAPI
# builds request handling and OpenAPI on it. Version 2 moved the core to Rust (`pydantic-core`), so it is
# fast enough to validate every request. It is not a static type checker: it checks data at run time,
# at the boundaries of your program.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-create-custom-validators"}
# Three ways, from small to large. A reusable **custom type**: `Annotated[int, BeforeValidator(f)]` (clean
# raw input before the type check) or `AfterValidator(f)` (check a value that already has the type). A
# **field validator**: a `@field_validator("field", mode="after" | "before")` classmethod on the model. A
# **model validator**: `@model_validator(mode="after")` for rules across fields (it gets the validated model
# and returns it), `mode="before"` to reshape the raw input. In all of them, raise `ValueError` with a
# clear message: pydantic turns it into a `value_error` entry at the right `loc` and still reports the other
# fields' errors. `@validator` and `@root_validator` are the v1 names: deprecated in v2, to be removed in v3.

# %% [markdown] course={"kind": "answer", "question": "q-how-does-pydantic-handle-type-coercion"}
# By default pydantic is **lax**: it converts input that unambiguously represents the declared type. The
# string `"42"` and the float `42.0` become the int `42`, `"yes"`/`"on"`/`"1"` become `True`, an ISO string
# becomes a `datetime`; but `42.5` into an int (`int_from_float`) or `"abc"` (`int_parsing`) is an error,
# never a silent truncation, and an int is not turned into a `str`. One surprise: `True` is accepted as `1`
# for an int field. **Strict mode** (`ConfigDict(strict=True)`, `Field(strict=True)` or
# `model_validate(..., strict=True)`) accepts only the exact type. Use lax for text sources (env vars,
# forms, CSV), strict where a wrong type means a bug in the calling code.

# %% [markdown] course={"kind": "answer", "question": "q-how-do-you-manage-configuration-with"}
# With `BaseSettings` from the `pydantic-settings` package: a model whose fields are filled from
# environment variables (with an `env_prefix` such as `APP_`, `env_nested_delimiter="__"` for nested
# models) and `.env` files, in the order constructor arguments > environment > `.env` files > defaults.
# The settings object is validated once at start-up, so a bad port or a missing database URL stops the
# service immediately with an error naming the variable, instead of failing at the first request. Per
# environment, load a base file plus an environment-specific file and put rules such as "no debug in prod"
# in a model validator. Keep secrets in `SecretStr` so they never show in logs, set `extra="ignore"` when
# a `.env` file is shared with other tools (BaseSettings forbids extras by default), and in tests patch
# `os.environ` rather than depending on the real environment.
