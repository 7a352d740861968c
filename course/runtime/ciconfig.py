"""CI configuration files as data: YAML read the way CI services read it, and their published JSON schemas.

No CI service is reachable offline, so section 15.2 works with the real file formats:

- :func:`load_yaml` parses YAML with :class:`CoreLoader`, PyYAML's safe loader in which only ``true``/``false``
  (any case) are booleans, as in YAML 1.2. PyYAML's own ``safe_load`` follows YAML 1.1, where ``on``, ``off``,
  ``yes`` and ``no`` are booleans too, so a workflow's ``on:`` key would load as ``True``.
- :func:`vendored_schema` / :func:`validator` give the JSON schemas that ``check-jsonschema`` ships
  (``github-workflows``, ``gitlab-ci``, ...), used through ``jsonschema``; :func:`schema_errors` lists every
  place a document breaks one, as sorted ``"path: message"`` lines.

``check-jsonschema`` has no documented Python API for its vendored schemas: they are package data in
``check_jsonschema.builtin_schemas.vendor``. That path is pinned by :data:`SUPPORTED` (pyproject.toml pins the
same range) and a schema that cannot be found there fails with a :class:`RuntimeError` naming the version.
"""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from importlib.resources import files
from typing import Any

import yaml  # type: ignore[import-untyped]

# jsonschema imports rfc3987_syntax, when installed, for its "iri" format check, and that import builds a lark
# grammar (about 3 s of CPU). No schema here is checked for formats, so hide it while jsonschema loads.
_HIDE_IRI = "rfc3987_syntax" not in sys.modules and "jsonschema" not in sys.modules
if _HIDE_IRI:
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # None makes `import` raise ImportError
try:
    import jsonschema
finally:
    if _HIDE_IRI:
        del sys.modules["rfc3987_syntax"]

__all__ = ["SUPPORTED", "CoreLoader", "load_yaml", "schema_errors", "validator", "vendored_schema"]

SUPPORTED = ">=0.39,<0.40"
"""The ``check-jsonschema`` versions this module is tested with (pyproject.toml pins the same range)."""

_VENDOR = "check_jsonschema.builtin_schemas.vendor"
_BOOL = "tag:yaml.org,2002:bool"


class CoreLoader(yaml.SafeLoader):  # type: ignore[misc]
    """PyYAML's safe loader, except that only true/false (any case) are booleans: ``on:`` stays the string "on"."""


CoreLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
CoreLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def load_yaml(text: str) -> Any:
    """Parse one YAML document with :class:`CoreLoader` (no ``on``/``off``/``yes``/``no`` booleans)."""
    return yaml.load(text, Loader=CoreLoader)  # noqa: S506 - CoreLoader is a SafeLoader


@cache
def _schema_text(name: str) -> str:
    try:
        return files(_VENDOR).joinpath(f"{name}.json").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as err:
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = f"check-jsonschema {version('check-jsonschema')}"
        except PackageNotFoundError:
            found = "no check-jsonschema"
        msg = (
            f"course.runtime.ciconfig cannot find the vendored schema {name!r} in {_VENDOR} ({found} is "
            f"installed; this module supports check-jsonschema{SUPPORTED}): install a version in that range "
            "or update _VENDOR"
        )
        raise RuntimeError(msg) from err


def vendored_schema(name: str) -> dict[str, Any]:
    """A fresh copy of the JSON schema ``name`` (e.g. ``"github-workflows"``, ``"gitlab-ci"``) vendored in
    check-jsonschema; :class:`RuntimeError` when it is not there."""
    schema: dict[str, Any] = json.loads(_schema_text(name))
    return schema


def validator(name: str) -> jsonschema.protocols.Validator:
    """A ``jsonschema`` validator for the vendored schema ``name``, of the draft the schema declares."""
    schema = vendored_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    checker: jsonschema.protocols.Validator = cls(schema)
    return checker


def schema_errors(checker: jsonschema.protocols.Validator, document: Any) -> list[str]:
    """Every place where ``document`` breaks the schema, as ``"path: message"`` lines, sorted ([] when valid);
    the path is the keys and indexes joined by ``/``, or ``(top)`` for the document itself."""
    found = []
    for error in checker.iter_errors(document):
        where = "/".join(str(part) for part in error.absolute_path) or "(top)"
        found.append(f"{where}: {error.message}")
    return sorted(found)
