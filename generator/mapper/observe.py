"""Read documented samples and observe what each wire format carries, in what order.

A sample is the page's own serializer output, so it is the best evidence of member
membership, wire names, order and XML namespaces. Observations are recorded per
(format, type); the assembler turns them into :class:`generator.ir.Layout` values.

JSV samples are evidence for the ``json`` layout (ServiceStack.Text writes both with the
same names, order and null omission); SOAP samples are the XML inside the envelope's Body.
CSV samples are kept for verification only. Generic types are walked with their type
arguments bound (``QueryResponse<Booking>``: ``Results`` holds ``Booking`` objects), and
observed once per generic definition.
"""

from __future__ import annotations

import importlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Literal

from lxml import etree

from generator.diagnostics import Diagnostics
from generator.ir import Source
from generator.mapper.drafts import DraftField, DraftType, arity_renamed, chain, norm, to_camel
from generator.typeref import TypeRef, TypeSyntaxError, parse_type

Member = tuple[str, str, str]  # (declared_in, field name, wire name)
Bindings = dict[str, TypeRef]  # generic parameter → type argument
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
NS_SOAP: dict[str, Literal["soap11", "soap12"]] = {
    "http://schemas.xmlsoap.org/soap/envelope/": "soap11",
    "http://www.w3.org/2003/05/soap-envelope": "soap12",
}


class JsonObject(list[tuple[str, Any]]):
    """A JSON object as its ordered (key, value) pairs."""


@dataclass
class Observation:
    """The members one sample showed for one type, in order."""

    members: list[Member]
    source: Source


def parse_xml_sample(body: str, where_line: tuple[str, int], diags: Diagnostics) -> Any:
    """Parse an XML sample with a parser that never resolves entities or fetches anything."""
    page, line = where_line
    if "<!DOCTYPE" in body or "<!ENTITY" in body:
        diags.error(
            f"{page}:{line}",
            "XML sample contains a DOCTYPE/ENTITY declaration",
            "samples are DataContract XML and never declare entities; check the page",
        )
        return None
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        remove_comments=True,
        huge_tree=False,
        load_dtd=False,
    )
    try:
        return etree.fromstring(body.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        err_line = line + (exc.lineno or 1) - 1
        diags.error(
            f"{page}:{err_line}",
            f"XML sample is not well-formed: {exc.msg}",
            "the sample looks truncated or damaged; re-save the page",
        )
        return None


def parse_json_sample(body: str, where_line: tuple[str, int], diags: Diagnostics) -> Any:
    """Parse a JSON sample keeping object member order."""
    page, line = where_line
    try:
        return json.loads(body, object_pairs_hook=JsonObject)
    except json.JSONDecodeError as exc:
        diags.error(
            f"{page}:{line + exc.lineno - 1}",
            f"JSON sample is not valid: {exc.msg} " f"(column {exc.colno})",
            "the sample looks truncated or damaged; re-save the page",
        )
        return None


def split_tag(tag: str) -> tuple[str, str]:
    """``{ns}Local`` → (ns, Local)."""
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


def _text_runtime() -> Any:
    """The vendored text-format runtime (the JSV/CSV readers generated packages use)."""
    return importlib.import_module("generator.templates.runtime._text")


def soap_version(body: str) -> Literal["soap11", "soap12"] | None:
    """``soap11``/``soap12`` when an XML sample is a SOAP envelope, else None."""
    head = body[:2048]
    if "Envelope" not in head:
        return None
    for ns, version in NS_SOAP.items():
        if ns in head:
            return version
    return None


def _jsonish(value: Any) -> Any:
    """Parsed JSV (dicts, lists, strings) in the JSON walker's form (ordered pairs)."""
    if isinstance(value, dict):
        return JsonObject((k, _jsonish(v)) for k, v in value.items())
    if isinstance(value, list):
        return [_jsonish(v) for v in value]
    return value


def parse_sample(fmt: str, body: str, where_line: tuple[str, int], diags: Diagnostics) -> Any:
    """Parse a sample of any format for observation (None, with a diagnostic, when damaged)."""
    page, line = where_line
    if fmt == "json":
        return parse_json_sample(body, where_line, diags)
    if fmt == "xml":
        return parse_xml_sample(body, where_line, diags)
    if fmt in ("soap11", "soap12"):
        envelope = parse_xml_sample(body, where_line, diags)
        if envelope is None:
            return None
        messages = [m for b in envelope if split_tag(b.tag)[1] == "Body" for m in b]
        if len(messages) != 1:
            diags.error(
                f"{page}:{line}",
                f"SOAP sample Body holds {len(messages)} elements, expected one message",
                "the sample looks damaged; re-save the page",
            )
            return None
        return messages[0]
    text = _text_runtime()
    try:
        if fmt == "jsv":
            return _jsonish(text.jsv_loads(body))
        return text.csv_loads(body)
    except ValueError as exc:
        diags.error(
            f"{page}:{line}",
            f"{fmt.upper()} sample is not valid: {exc}",
            "the sample looks truncated or damaged; re-save the page",
        )
        return None


_ROOT = re.compile(r"<([A-Za-z_][\w.-]*)[\s/>]")


def sample_shape(body: str) -> tuple[str | None, list[str]]:
    """What a response sample shows without knowing its type: the XML root element name
    (the message inside a SOAP Body), or the top-level member names of a JSON/JSV object."""
    text = body.lstrip()
    if text.startswith("<"):
        if soap_version(text):
            at = text.find("Body>")
            text = text[at + 5 :].lstrip() if at >= 0 else text
        m = _ROOT.search(text)
        return (m.group(1) if m else None), []
    if not text.startswith("{"):
        return None, []
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError:
        try:
            parsed = _text_runtime().jsv_loads(text)
        except ValueError:
            return None, []
    return None, list(parsed) if isinstance(parsed, dict) else []


def bind(drafts: dict[str, DraftType], tref: TypeRef, level: str) -> Bindings:
    """Bindings of ``level``'s generic parameters when walking a ``tref`` value up its chain."""
    d = drafts.get(tref.name)
    bindings: Bindings = dict(zip(d.generic_params, tref.args, strict=False)) if d else {}
    while d is not None and d.name != level and d.base is not None:
        base = drafts.get(d.base.name)
        if base is None:
            break
        args = tuple(substitute(a, bindings) for a in d.base.args)
        bindings = dict(zip(base.generic_params, args, strict=False))
        d = base
    return bindings


def substitute(t: TypeRef, bindings: Bindings) -> TypeRef:
    """``t`` with generic parameters replaced by their arguments."""
    if not t.args:
        bound = bindings.get(t.name)
        if bound is None:
            return t
        return TypeRef(bound.name, bound.args, bound.nullable or t.nullable)
    return TypeRef(t.name, tuple(substitute(a, bindings) for a in t.args), t.nullable)


def _type_of(text: str) -> TypeRef:
    """A sample's documented type: ``Op`` or ``QueryResponse<Booking>``."""
    try:
        return arity_renamed(parse_type(text, "csharp"))
    except TypeSyntaxError:
        return TypeRef(text)


class Observer:
    """Walks parsed samples along the draft types and records what they show."""

    def __init__(self, drafts: dict[str, DraftType], diags: Diagnostics) -> None:
        self.drafts = drafts
        self.diags = diags
        self.observed: dict[tuple[str, str], Observation] = {}
        self.xml_ns: dict[str, tuple[str, Source]] = {}
        self.scalars: dict[str, list[tuple[str, Source]]] = defaultdict(list)
        self.naming: list[str] = []  # "camel" / "pascal" per matched JSON key
        # (declared_in, field) → the observations showing it, so a rename touches only those
        self._holders: dict[tuple[str, str], list[Observation]] = {}

    # -- shared ---------------------------------------------------------------------
    def _find(self, type_name: str, wire: str, fmt: str) -> tuple[DraftType, DraftField] | None:
        ch = chain(self.drafts, type_name)
        # in order of preference: the stated wire name, the declared name, its camelCase
        for d in ch:
            for f in d.fields:
                if f.wire_name == wire:
                    return d, f
        for d in ch:
            for f in d.fields:
                if f.wire_name is None and f.name == wire:
                    return d, f
        if fmt == "json":
            for d in ch:
                for f in d.fields:
                    if f.wire_name is None and to_camel(f.name) == wire:
                        return d, f
        key = norm(wire)
        hits = [(d, f) for d in ch for f in d.fields if norm(f.name) == key]
        if len(hits) == 1:
            d, f = hits[0]
            if f.python_named and fmt == "xml":
                self._rename(d.name, f, wire)  # XML element names are the .NET names
            return hits[0]
        return None

    def _rename(self, declared_in: str, f: DraftField, name: str) -> None:
        """Give a client-cased field its .NET name, also in what was already observed."""
        old, f.name, f.python_named = f.name, name, False
        if old == name:
            return
        renamed = self._holders.setdefault((declared_in, name), [])
        for obs in self._holders.pop((declared_in, old), []):
            obs.members = [
                (d, name if (d, n) == (declared_in, old) else n, w) for d, n, w in obs.members
            ]
            if all(o is not obs for o in renamed):
                renamed.append(obs)

    def _record(self, fmt: str, type_name: str, members: list[Member], source: Source) -> None:
        key = (fmt, type_name)
        previous = self.observed.get(key)
        if previous is None:
            obs = self.observed[key] = Observation(members, source)
            for d, n, _ in members:
                holders = self._holders.setdefault((d, n), [])
                if not holders or holders[-1] is not obs:
                    holders.append(obs)
        elif previous.members != members:
            self.diags.warning(
                str(source),
                f"{fmt.upper()} sample shows the members of "
                f"{type_name} differently than {previous.source}; keeping the first",
                "the pages disagree; check which one is current",
            )

    def _adopt_base(self, type_name: str, wire: str, source: Source) -> bool:
        """A type without a documented base whose sample shows another type's members derives from it."""
        t = self.drafts[type_name]
        if t.base is not None or t.builtin:
            return False
        used_as_base = {d.base.name for d in self.drafts.values() if d.base is not None}
        candidates = [
            (len(chain(self.drafts, name)), name)
            for name, d in self.drafts.items()
            if name != type_name
            and d.kind == "class"
            and not d.builtin
            and name in used_as_base
            and type_name not in {c.name for c in chain(self.drafts, name)}
            and any(
                f.name == wire or f.wire_name == wire
                for c in chain(self.drafts, name)
                for f in c.fields
            )
        ]
        if not candidates:
            return False
        base = max(candidates)[1]
        t.base = TypeRef(base)
        self.diags.warning(
            str(source),
            f"the base type of {type_name} is not documented, but its "
            f"sample shows members of {base}; {type_name} is taken to derive from {base}",
            "document the base type on the page (Inherits/':' in code mode)",
        )
        return True

    def _unknown_member(self, type_name: str, wire: str, source: Source, scalar: bool) -> None:
        if not scalar:
            self.diags.error(
                str(source),
                f"sample member {wire!r} of {type_name} is not documented "
                "and its type cannot be inferred",
                "add the page that documents it",
            )
            return
        self.diags.warning(
            str(source),
            f"sample member {wire!r} is not documented on "
            f"{type_name}; added as string from the sample",
            "check the type documentation; the sample shows more than the tables",
        )
        self.drafts[type_name].fields.append(
            DraftField(name=wire, type=TypeRef("string"), sources=[source])
        )

    def _scalar(self, tref: TypeRef, text: str, source: Source) -> None:
        target = self.drafts.get(tref.name)
        if (
            tref.is_named
            and target is None
            and not any(tref.name in d.generic_params for d in self.drafts.values())
        ):
            self.scalars[tref.name].append((text, source))
        elif target is not None and target.kind == "enum" and not target.flags:
            wires = {w for _, w, _, _ in target.enum_members}
            if text not in wires and not any(text == n for n, _, _, _ in target.enum_members):
                self.diags.warning(
                    str(source),
                    f"sample value {text!r} is not a documented " f"member of enum {tref.name}",
                    "the enum may be incomplete",
                )

    # -- dispatch -------------------------------------------------------------------
    def observe(self, fmt: str, type_text: str, parsed: Any, source: Source) -> None:
        """Observe one parsed sample of ``fmt`` showing a ``type_text`` value."""
        if fmt in ("xml", "soap11", "soap12"):
            self.xml_root(type_text, parsed, source)
        elif fmt in ("json", "jsv"):
            self.json_root(type_text, parsed, source)

    # -- XML ------------------------------------------------------------------------
    def xml_root(self, type_name: str, root: Any, source: Source) -> None:
        """Observe an XML sample whose root element is a ``type_name`` value."""
        tref = _type_of(type_name)
        ns, local = split_tag(root.tag)
        d = self.drafts.get(tref.name)
        expected = (d.xml_name if d is not None else None) or tref.name
        if local != expected and not (tref.args and local.startswith(f"{expected}Of")):
            self.diags.warning(
                str(source),
                f"XML root is <{local}> but the operation documents " f"{type_name}",
                "check the operation's request/response types",
            )
        self.note_ns(tref.name, ns, source)
        self._xml_object(tref, root, source)

    def note_ns(self, type_name: str, ns: str, source: Source) -> None:
        """Record the DataContract namespace a sample shows for a type."""
        known = self.xml_ns.get(type_name)
        if known is None:
            self.xml_ns[type_name] = (ns, source)
        elif known[0] != ns:
            self.diags.warning(
                str(source),
                f"{type_name} appears in namespace {ns!r} here but " f"{known[0]!r} at {known[1]}",
                "the pages disagree",
            )

    def _member(
        self, tref: TypeRef, wire: str, fmt: str, source: Source, scalar: bool
    ) -> tuple[DraftType, DraftField, TypeRef] | None:
        """The field a sample member shows, with its type bound to ``tref``'s arguments."""
        type_name = tref.name
        hit = self._find(type_name, wire, fmt)
        if hit is None and self._adopt_base(type_name, wire, source):
            hit = self._find(type_name, wire, fmt)
        if hit is None:
            self._unknown_member(type_name, wire, source, scalar=scalar)
            hit = self._find(type_name, wire, fmt)
            if hit is None:
                return None
        d, f = hit
        return d, f, substitute(f.type, bind(self.drafts, tref, d.name))

    def _xml_object(self, tref: TypeRef, el: Any, source: Source) -> None:
        members: list[Member] = []
        for child in el:
            ns, local = split_tag(child.tag)
            hit = self._member(tref, local, "xml", source, scalar=len(child) == 0)
            if hit is None:
                continue
            d, f, ftype = hit
            members.append((d.name, f.name, local))
            self.note_ns(d.name, ns, source)
            self._xml_value(ftype, child, source)
        self._record("xml", tref.name, members, source)

    def _xml_value(self, tref: TypeRef, el: Any, source: Source) -> None:
        if el.get(f"{{{NS_XSI}}}nil") == "true":
            return
        if tref.is_list:
            for item in el:
                item_ns, _ = split_tag(item.tag)
                if tref.args[0].is_named and tref.args[0].name in self.drafts:
                    self.note_ns(tref.args[0].name, item_ns, source)
                self._xml_value(tref.args[0], item, source)
        elif tref.is_dict or tref.name == "KeyValuePair":
            for part in el if tref.name == "KeyValuePair" else (p for kv in el for p in kv):
                index = 0 if split_tag(part.tag)[1] in ("Key", "key") else 1
                self._xml_value(tref.args[index], part, source)
        elif tref.is_named:
            target = self.drafts.get(tref.name)
            if target is not None and target.kind == "class":
                self._xml_object(tref, el, source)
            elif len(el) == 0:
                for word in (el.text or "").split() if target and target.flags else [el.text]:
                    self._scalar(tref, word or "", source)
            else:
                self.diags.error(
                    str(source),
                    f"type {tref.name} is not documented and the " "sample shows it as a structure",
                    "add the page that documents it",
                )

    # -- JSON (and JSV) -------------------------------------------------------------
    def json_root(self, type_name: str, value: Any, source: Source) -> None:
        """Observe a JSON (or JSV) sample whose top-level value is a ``type_name`` object."""
        if not isinstance(value, JsonObject):
            self.diags.error(
                str(source), f"JSON sample for {type_name} is not an object", "check the sample"
            )
            return
        self._json_object(_type_of(type_name), value, source)

    def _json_object(self, tref: TypeRef, obj: JsonObject, source: Source) -> None:
        members: list[Member] = []
        for key, value in obj:
            hit = self._member(tref, key, "json", source, scalar=isinstance(value, str))
            if hit is None:
                continue
            d, f, ftype = hit
            members.append((d.name, f.name, key))
            if f.wire_name is None and key != f.name.lower():
                if key == f.name and to_camel(f.name) != f.name:
                    self.naming.append("pascal")
                elif key == to_camel(f.name) != f.name:
                    self.naming.append("camel")
            self._json_value(ftype, value, source)
        self._record("json", tref.name, members, source)

    def _json_value(self, tref: TypeRef, value: Any, source: Source) -> None:
        if value is None:
            return
        if tref.is_list and isinstance(value, list):
            for item in value:
                self._json_value(tref.args[0], item, source)
        elif tref.is_dict and isinstance(value, JsonObject):
            for _, item in value:
                self._json_value(tref.args[1], item, source)
        elif tref.name == "KeyValuePair" and len(tref.args) == 2:
            if isinstance(value, JsonObject):
                for k, item in value:
                    self._json_value(tref.args[0 if k.lower() == "key" else 1], item, source)
        elif tref.is_named:
            target = self.drafts.get(tref.name)
            if target is not None and target.kind == "class" and isinstance(value, JsonObject):
                self._json_object(tref, value, source)
            elif isinstance(value, str):
                self._scalar(tref, value, source)
