"""Consistency of a spec before generation: what the JSON Schema cannot express.

A spec written by ``scrape`` passes these checks; a hand-edited one may not, and must fail
with its IR path rather than with a traceback from deep inside rendering.
"""

from __future__ import annotations

from generator.diagnostics import Diagnostic
from generator.ir import Spec
from generator.xmlnames import xml_name_problems


def spec_problems(spec: Spec) -> list[Diagnostic]:
    """Undefined type references, member-less enums and invalid XML names, with IR paths."""
    where = f"specs/{spec.service}.json"
    known = {t.name for t in spec.types} | {e.name for e in spec.enums}
    found: list[Diagnostic] = []

    def undefined(path: str, ref: str) -> None:
        found.append(
            Diagnostic(
                level="error",
                where=f"{where}: {path}",
                message=f"type {ref[:80]!r} is not defined in this spec",
                hint="re-scrape the service, or define the type",
            )
        )

    for i, t in enumerate(spec.types):
        params = set(t.generic_params)
        for j, f in enumerate(t.fields):
            for ref in f.type.named_types():
                if ref not in known and ref not in params:
                    undefined(f"$.types[{i}].fields[{j}].type", ref)
        for ref in t.base.named_types() if t.base is not None else []:
            if ref not in known and ref not in params:
                undefined(f"$.types[{i}].base", ref)
    for i, e in enumerate(spec.enums):
        if not e.members:
            found.append(
                Diagnostic(
                    level="error",
                    where=f"{where}: $.enums[{i}].members",
                    message=f"enum {e.name[:80]!r} has no members",
                    hint="an enum needs at least one member",
                )
            )
    return found + xml_name_problems(spec)
