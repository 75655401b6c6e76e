"""Read documented samples and observe what each wire format carries, in what order.

A sample is the page's own serializer output, so it is the best evidence of member
membership, wire names, order and XML namespaces. Observations are recorded per
(format, type); the assembler turns them into :class:`generator.ir.Layout` values.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from lxml import etree

from generator.diagnostics import Diagnostics
from generator.ir import Source
from generator.mapper.drafts import DraftField, DraftType, chain, norm, to_camel
from generator.typeref import TypeRef

Member = tuple[str, str, str]  # (declared_in, field name, wire name)


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


class Observer:
    """Walks parsed samples along the draft types and records what they show."""

    def __init__(self, drafts: dict[str, DraftType], diags: Diagnostics) -> None:
        self.drafts = drafts
        self.diags = diags
        self.observed: dict[tuple[str, str], Observation] = {}
        self.xml_ns: dict[str, tuple[str, Source]] = {}
        self.scalars: dict[str, list[tuple[str, Source]]] = defaultdict(list)
        self.naming: list[str] = []  # "camel" / "pascal" per matched JSON key

    # -- shared ---------------------------------------------------------------------
    def _find(self, type_name: str, wire: str, fmt: str) -> tuple[DraftType, DraftField] | None:
        ch = chain(self.drafts, type_name)
        for test in (
            lambda f: f.wire_name == wire,
            lambda f: f.wire_name is None and f.name == wire,
            lambda f: fmt == "json" and f.wire_name is None and to_camel(f.name) == wire,
        ):
            for d in ch:
                for f in d.fields:
                    if test(f):
                        return d, f
        hits = [(d, f) for d in ch for f in d.fields if norm(f.name) == norm(wire)]
        if len(hits) == 1:
            d, f = hits[0]
            if f.python_named and fmt == "xml":
                f.name, f.python_named = wire, False  # XML element names are the .NET names
            return hits[0]
        return None

    def _record(self, fmt: str, type_name: str, members: list[Member], source: Source) -> None:
        key = (fmt, type_name)
        previous = self.observed.get(key)
        if previous is None:
            self.observed[key] = Observation(members, source)
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
        if tref.is_named and target is None:
            self.scalars[tref.name].append((text, source))
        elif target is not None and target.kind == "enum":
            wires = {w for _, w, _, _ in target.enum_members}
            if text not in wires and not any(text == n for n, _, _, _ in target.enum_members):
                self.diags.warning(
                    str(source),
                    f"sample value {text!r} is not a documented " f"member of enum {tref.name}",
                    "the enum may be incomplete",
                )

    # -- XML ------------------------------------------------------------------------
    def xml_root(self, type_name: str, root: Any, source: Source) -> None:
        """Observe an XML sample whose root element is a ``type_name`` value."""
        ns, local = split_tag(root.tag)
        if local != type_name:
            self.diags.warning(
                str(source),
                f"XML root is <{local}> but the operation documents " f"{type_name}",
                "check the operation's request/response types",
            )
        self.note_ns(type_name, ns, source)
        self._xml_object(type_name, root, source)

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

    def _xml_object(self, type_name: str, el: Any, source: Source) -> None:
        members: list[Member] = []
        for child in el:
            ns, local = split_tag(child.tag)
            hit = self._find(type_name, local, "xml")
            if hit is None and self._adopt_base(type_name, local, source):
                hit = self._find(type_name, local, "xml")
            if hit is None:
                self._unknown_member(type_name, local, source, scalar=len(child) == 0)
                hit = self._find(type_name, local, "xml")
                if hit is None:
                    continue
            d, f = hit
            members.append((d.name, f.name, local))
            self.note_ns(d.name, ns, source)
            self._xml_value(f.type, child, source)
        self._record("xml", type_name, members, source)

    def _xml_value(self, tref: TypeRef, el: Any, source: Source) -> None:
        if el.get("{http://www.w3.org/2001/XMLSchema-instance}nil") == "true":
            return
        if tref.is_list:
            for item in el:
                item_ns, _ = split_tag(item.tag)
                if tref.args[0].is_named and tref.args[0].name in self.drafts:
                    self.note_ns(tref.args[0].name, item_ns, source)
                self._xml_value(tref.args[0], item, source)
        elif tref.is_dict:
            for kv in el:
                for part in kv:
                    if split_tag(part.tag)[1] == "Value":
                        self._xml_value(tref.args[1], part, source)
        elif tref.is_named:
            target = self.drafts.get(tref.name)
            if target is not None and target.kind == "class":
                self._xml_object(tref.name, el, source)
            elif len(el) == 0:
                self._scalar(tref, el.text or "", source)
            else:
                self.diags.error(
                    str(source),
                    f"type {tref.name} is not documented and the " "sample shows it as a structure",
                    "add the page that documents it",
                )

    # -- JSON -----------------------------------------------------------------------
    def json_root(self, type_name: str, value: Any, source: Source) -> None:
        """Observe a JSON sample whose top-level value is a ``type_name`` object."""
        if not isinstance(value, JsonObject):
            self.diags.error(
                str(source), f"JSON sample for {type_name} is not an object", "check the sample"
            )
            return
        self._json_object(type_name, value, source)

    def _json_object(self, type_name: str, obj: JsonObject, source: Source) -> None:
        members: list[Member] = []
        for key, value in obj:
            hit = self._find(type_name, key, "json")
            if hit is None and self._adopt_base(type_name, key, source):
                hit = self._find(type_name, key, "json")
            if hit is None:
                self._unknown_member(type_name, key, source, scalar=isinstance(value, str))
                hit = self._find(type_name, key, "json")
                if hit is None:
                    continue
            d, f = hit
            members.append((d.name, f.name, key))
            if f.wire_name is None and key != f.name.lower():
                if key == f.name and to_camel(f.name) != f.name:
                    self.naming.append("pascal")
                elif key == to_camel(f.name) != f.name:
                    self.naming.append("camel")
            self._json_value(f.type, value, source)
        self._record("json", type_name, members, source)

    def _json_value(self, tref: TypeRef, value: Any, source: Source) -> None:
        if value is None:
            return
        if tref.is_list and isinstance(value, list):
            for item in value:
                self._json_value(tref.args[0], item, source)
        elif tref.is_dict and isinstance(value, JsonObject):
            for _, item in value:
                self._json_value(tref.args[1], item, source)
        elif tref.is_named:
            target = self.drafts.get(tref.name)
            if target is not None and target.kind == "class" and isinstance(value, JsonObject):
                self._json_object(tref.name, value, source)
            elif isinstance(value, str):
                self._scalar(tref, value, source)
