"""XML names as DataContract writes them (``XmlConvert.EncodeLocalName``) and their validation."""

from __future__ import annotations

import re
import unicodedata

from generator.diagnostics import Diagnostic
from generator.ir import Spec

_ESCAPE_LIKE = re.compile(r"_x[0-9A-Fa-f]{4}_")
_NAME_EXTRA = frozenset("-.\u00b7")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _start_ok(ch: str) -> bool:
    return ch == "_" or (ch.isalpha() and unicodedata.category(ch) != "Lm") or ch.isidentifier()


def _char_ok(ch: str) -> bool:
    return (
        _start_ok(ch)
        or ch in _NAME_EXTRA
        or unicodedata.category(ch) in ("Nd", "Mn", "Mc", "Lm", "Pc")
    )


def encode_local_name(name: str) -> str:
    """``foo bar`` → ``foo_x0020_bar``, ``1st`` → ``_x0031_st`` (as .NET encodes member names)."""
    out = []
    for i, ch in enumerate(name):
        ok = _start_ok(ch) if i == 0 else _char_ok(ch)
        if ch == ":" or (ch == "_" and _ESCAPE_LIKE.match(name, i)):
            ok = False
        code = ord(ch)
        out.append(ch if ok else (f"_x{code:04X}_" if code <= 0xFFFF else f"_x{code:08X}_"))
    return "".join(out)


def is_xml_name(name: str) -> bool:
    """True for a valid XML NCName (what an element's local name must be)."""
    return bool(name) and _start_ok(name[0]) and ":" not in name and all(_char_ok(c) for c in name)


def xml_name_problems(spec: Spec) -> list[Diagnostic]:
    """Every XML element name in a spec that is not a valid XML name, with its IR path."""
    found = []
    where = f"specs/{spec.service}.json"
    for i, t in enumerate(spec.types):
        if _CONTROL.search(t.xml_namespace):
            found.append((f"{where}: $.types[{i}].xml_namespace", t.xml_namespace))
        if not is_xml_name(t.name):
            found.append((f"{where}: $.types[{i}].name", t.name))
        for j, m in enumerate(t.xml.members):
            if not is_xml_name(m.wire_name):
                found.append((f"{where}: $.types[{i}].xml.members[{j}].wire_name", m.wire_name))
    return [
        Diagnostic(
            level="error",
            where=path,
            message=f"{name[:60]!r} is not a valid XML "
            + ("namespace" if path.endswith("namespace") else "element name"),
            hint=f"DataContract writes names encoded: {encode_local_name(name)[:80]!r}",
        )
        for path, name in found
    ]
