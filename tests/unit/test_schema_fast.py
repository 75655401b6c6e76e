"""The compiled schema check (generator.schema_fast) answers exactly as jsonschema does."""

from __future__ import annotations

import copy
import json
import random
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.diagnostics import GeneratorError
from generator.ir_io import loads_spec, spec_schema
from generator.schema_fast import SchemaCompileError, compile_schema

from ..conftest import SERVICES, SPECS

SCHEMA = spec_schema()
CHECK = compile_schema(SCHEMA)
SLOW = jsonschema.Draft202012Validator(SCHEMA)


def _bundled(service: str) -> Any:
    return json.loads((SPECS / f"{service}.json").read_text("utf-8"))


@pytest.mark.parametrize("service", SERVICES)
def test_every_bundled_spec_is_valid_to_both(service: str) -> None:
    data = _bundled(service)
    assert SLOW.is_valid(data) is True
    assert CHECK(data) is True


# -- seeded mutations of small specs -------------------------------------------------------


def _trim(data: Any) -> Any:
    """A small copy of a bundled spec (so jsonschema stays quick) with every shape kept."""
    out = copy.deepcopy(data)
    based = [t for t in out["types"] if t.get("base")][:1]
    out["types"] = out["types"][:1] + based
    for key in ("enums", "operations", "samples"):
        out[key] = out[key][:1]
    for part in out["types"] + out["enums"] + out["operations"] + out["samples"]:
        for key, value in part.items():
            if isinstance(value, list):
                part[key] = value[:2] if key == "members" else value[:1]
        for layout in (part.get("json"), part.get("xml")):
            if layout is not None:
                layout["members"] = layout["members"][:1]
                layout["sources"] = layout["sources"][:1]
        for member in part.get("fields", []) + part.get("routes", []):
            for key, value in member.items():
                if isinstance(value, list):
                    member[key] = value[:1]
        if "body" in part:
            part["body"] = part["body"][:40]
    return out


def _property_names(schema: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "properties":
                found |= set(value)
            found |= _property_names(value)
    elif isinstance(schema, list):
        for value in schema:
            found |= _property_names(value)
    return found


KEYS = [*sorted(_property_names(SCHEMA)), "unknown", "Name", ""]
VALUES: list[Any] = [
    None, True, False, 0, 1, -1, 2, 1.0, 2.0, 2.5, -0.5, 2**64, float("nan"), float("inf"),
    "", "x", "x" * 512, "x" * 513, "x" * 1024, "x" * 1025, "servicestack", "webapi",
    "jsonnet", "sample", "rule", "request", "response", "json", "xml", "soap11", "yaml",
    "Request", "List<string>", "long?", "snake_case", "_ok", "Bad-Name", "9x", "ok\n",
    [], {}, ["x"], [1], [None], [{}], {"x": 1}, {"page": "p", "section": "s", "line": 0},
]  # fmt: skip


def _edges(schema: Any, depth: int = 0) -> list[Any]:
    """Boundary values for a subschema of SCHEMA: one of each JSON type, then values just
    inside and just outside its enum, const, minimum, lengths and pattern."""
    if "$ref" in schema:
        return _edges(SCHEMA["$defs"][schema["$ref"].rsplit("/", 1)[1]], depth)
    out: list[Any] = [None, True, 0, 2.0, 1.5, "x", [], {}]
    for sub in schema.get("anyOf", []):
        out += _edges(sub, depth)
    if "const" in schema:
        c = schema["const"]
        out += [c, [c], str(c), c + 1, float(c), True]
    for v in schema.get("enum", []):
        out += [v, v.upper(), v + "x"]
    if "minimum" in schema:
        m = schema["minimum"]
        out += [m - 1, m, m + 0.5, float(m), m + 2.0, False]
    if "maxLength" in schema:
        out += ["x" * schema["maxLength"], "x" * (schema["maxLength"] + 1)]
    if "minLength" in schema:
        out += ["x" * schema["minLength"], "x" * (schema["minLength"] - 1)]
    if "pattern" in schema:
        out += ["snake_case", "_x9", "Bad-Name", "9x", "ok\n", "a b"]
    if "items" in schema and depth < 2:
        out += [[e] for e in _edges(schema["items"], depth + 1)]
    return out


def _key_edges(schema: Any) -> dict[str, list[Any]]:
    """:func:`_edges` of every property schema in SCHEMA, by property name."""
    found: dict[str, dict[str, Any]] = {}
    if isinstance(schema, dict):
        for name, sub in schema.get("properties", {}).items():
            found.setdefault(name, {}).update((repr(e), e) for e in _edges(sub))
        for value in schema.values():
            for name, edges in _key_edges(value).items():
                found.setdefault(name, {}).update((repr(e), e) for e in edges)
    return {name: list(edges.values()) for name, edges in found.items()}


KEY_EDGES = _key_edges(SCHEMA)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[list[Any], Any]]:
    """(path, key) of every value below ``value``, depth first."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    out: list[tuple[list[Any], Any]] = []
    for key, item in items:
        out.append(([*path, key], key))
        if isinstance(item, (dict, list)):
            out.extend(_paths(item, (*path, key)))
    return out


def _nodes(value: Any, parent: Any = None, key: Any = None) -> list[tuple[Any, Any, Any]]:
    """Every (parent, key, value) in ``value``, depth first (the root's parent is None)."""
    out = [(parent, key, value)]
    if isinstance(value, dict):
        for k, v in value.items():
            out.extend(_nodes(v, value, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.extend(_nodes(v, value, i))
    return out


def _by_key(seeds: list[Any]) -> dict[Any, list[Any]]:
    """Every value in ``seeds`` by the key (or index) it stands under."""
    found: dict[Any, list[Any]] = {}
    for seed in seeds:
        for _, key, value in _nodes(seed)[1:]:
            found.setdefault(key, []).append(value)
    return found


def _mutate(doc: Any, rnd: random.Random, alike: dict[Any, list[Any]]) -> str:
    """Apply one random edit to ``doc`` in place; describe it."""
    nodes = _nodes(doc)[1:]
    parent, key, value = rnd.choice(nodes)
    op = rnd.randrange(15)
    if op >= 9:  # a boundary value of some property's schema
        key = rnd.choice(sorted({n[1] for n in nodes if n[1] in KEY_EDGES}))
        parent, key, value = rnd.choice([n for n in nodes if n[1] == key])
        parent[key] = new = copy.deepcopy(rnd.choice(KEY_EDGES[key]))
        return f"set {key!r} to the boundary value {new!r:.40}"
    if op == 0 and isinstance(parent, dict):
        del parent[key]
        return f"delete {key!r}"
    if op == 1:
        parent[key] = new = copy.deepcopy(rnd.choice(VALUES))
        return f"replace {key!r} with {new!r:.40}"
    if op in (2, 3):  # a value found under the same key elsewhere: often still valid
        parent[key] = new = copy.deepcopy(rnd.choice(alike[key]))
        return f"swap {key!r} for {new!r:.40}"
    if op == 4:
        target = rnd.choice([v for _, _, v in nodes if isinstance(v, dict)])
        name = rnd.choice(KEYS)
        target[name] = new = copy.deepcopy(rnd.choice(VALUES + alike.get(name, [])[:5]))
        return f"set {name!r} to {new!r:.40}"
    if op == 5:
        retyped = {str: 7, int: "7", float: "7.5", bool: 1, type(None): "null", list: {}, dict: []}
        parent[key] = retyped[type(value)]
        return f"retype {key!r}"
    if op == 6 and isinstance(value, list) and value:
        if rnd.random() < 0.5:
            value.append(copy.deepcopy(rnd.choice(value)))
            return f"duplicate an item of {key!r}"
        value.clear()
        return f"empty {key!r}"
    if op == 7 and isinstance(value, str):
        parent[key] = rnd.choice([value * 600, value.upper(), value + "-", value[:0], value + "\n"])
        return f"reshape the text of {key!r}"
    if op == 8:
        parent[key] = new = copy.deepcopy(rnd.choice(nodes)[2])  # graft another part
        return f"graft onto {key!r}: {new!r:.40}"
    parent[key] = [value]
    return f"wrap {key!r} in a list"


def test_agrees_with_jsonschema_on_thousands_of_mutated_specs() -> None:
    rnd = random.Random(20261123)
    seeds = [_trim(_bundled(s)) for s in SERVICES]
    assert all(SLOW.is_valid(seed) for seed in seeds)
    alike = _by_key(seeds)
    verdicts = {True: 0, False: 0}
    for n in range(3000):
        doc = copy.deepcopy(seeds[n % len(seeds)])
        edits = [_mutate(doc, rnd, alike) for _ in range(1 + rnd.randrange(2))]
        expected = SLOW.is_valid(doc)
        assert CHECK(doc) is expected, (n, edits)
        verdicts[expected] += 1
    assert verdicts[True] >= 500 and verdicts[False] >= 1500, verdicts


def test_agrees_on_every_boundary_value_of_every_property() -> None:
    seeds = [_trim(_bundled(s)) for s in SERVICES]
    places: dict[str, tuple[int, list[Any]]] = {}  # property → (seed, path), first found
    for i, seed in enumerate(seeds):
        for path, key in _paths(seed):
            if key in KEY_EDGES:
                places.setdefault(key, (i, path))
    assert sorted(places) == sorted(KEY_EDGES)  # the seeds hold every property
    verdicts = {True: 0, False: 0}
    for key, (i, path) in sorted(places.items()):
        for edge in KEY_EDGES[key]:
            doc = copy.deepcopy(seeds[i])
            parent = doc
            for step in path[:-1]:
                parent = parent[step]
            parent[path[-1]] = copy.deepcopy(edge)
            expected = SLOW.is_valid(doc)
            assert CHECK(doc) is expected, (key, path, edge)
            verdicts[expected] += 1
    assert verdicts[True] >= 75 and verdicts[False] >= 400, verdicts


def test_a_mutated_spec_is_refused_with_jsonschemas_explanation() -> None:
    data = _trim(_bundled("bookings"))
    data["types"][1]["fields"][0]["name"] = "x" * 513
    with pytest.raises(GeneratorError) as caught:
        loads_spec(json.dumps(data), "specs/bookings.json")
    (d,) = caught.value.diagnostics
    assert d.where == "specs/bookings.json: $.types[1].fields[0].name"
    assert d.message == (
        "does not match the spec schema: "
        f"'{'x' * 59}… (515 characters) is too long (more than 512 characters)"
    )


# -- the keywords on small schemas, against arbitrary JSON --------------------------------

SMALL_SCHEMAS: list[Any] = [
    True,
    False,
    {"type": ["integer", "null"], "minimum": 0},
    {"type": "number", "minimum": 1.5},
    {"minimum": 2},
    {"const": [1, {"a": True}]},
    {"const": 1},
    {"enum": [1, "a", None, [True], {"k": 0}]},
    {"items": False},
    {"type": "array", "items": {"type": "string", "maxLength": 2}},
    {"items": {"type": "boolean"}},
    {
        "properties": {"a": {"type": "string"}, "b": True},
        "additionalProperties": {"type": "integer"},
        "required": ["a"],
    },
    {"type": "object", "additionalProperties": False, "properties": {"k": {}}},
    {"minLength": 2, "pattern": "^a"},
    {"type": "string", "minLength": 1, "maxLength": 3},
    {"anyOf": [True, {"type": "string"}]},
    {"anyOf": [{"type": "string"}, {"type": "array", "items": {"$ref": "#/anyOf/0"}}]},
    {
        "$defs": {
            "node": {
                "type": "object",
                "required": ["k"],
                "properties": {"k": {"anyOf": [{"$ref": "#/$defs/node"}, {"type": "null"}]}},
                "additionalProperties": False,
            }
        },
        "$ref": "#/$defs/node",
    },
    {"type": "array", "items": {"$ref": "#"}},
]

SMALL = [(compile_schema(s), jsonschema.Draft202012Validator(s)) for s in SMALL_SCHEMAS]
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.floats(-3, 3)
    | st.sampled_from([float("nan"), float("inf"), 2.0, 1.5, 2**70])
    | st.text("ab", max_size=4),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["a", "b", "k"]), inner, max_size=3),
    max_leaves=8,
)


@pytest.mark.parametrize("index", range(len(SMALL_SCHEMAS)))
@settings(max_examples=100, deadline=None)
@given(instance=JSON)
def test_each_keyword_agrees_with_jsonschema(index: int, instance: Any) -> None:
    fast, slow = SMALL[index]
    assert fast(instance) is slow.is_valid(instance)


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        ({"type": "string", "format": "email"}, "#/format: unsupported keyword 'format'"),
        (
            {"$defs": {"unused": {"propertyNames": {"minLength": 1}}}},
            "#/$defs/unused/propertyNames: unsupported keyword 'propertyNames'",
        ),
        (
            {"properties": {"a/b": {"items": {"uniqueItems": True}}}},
            "#/properties/a~1b/items/uniqueItems: unsupported keyword 'uniqueItems'",
        ),
        ({"properties": {"a": {"$id": "x"}}}, "#/properties/a/$id: only supported at the root"),
        ({"$ref": "other.json#/x"}, "#/$ref: only local JSON-pointer references are supported"),
        ({"$ref": "#/$defs/missing"}, "#/$ref: unresolvable reference to #/$defs/missing"),
        ({"type": "strng"}, "#/type: not a type name or a list of type names: 'strng'"),
        ({"maxLength": -1}, "#/maxLength: must be a non-negative integer, not -1"),
        ({"$schema": "http://json-schema.org/draft-07/schema#"}, "#/$schema: only https://"),
    ],
)
def test_an_unknown_keyword_or_value_is_refused_when_compiling(schema: Any, message: str) -> None:
    with pytest.raises(SchemaCompileError) as caught:
        compile_schema(schema)
    assert str(caught.value).startswith(message)
