"""JSON and XML codec sections: the generated ``myapp`` DTOs against the floor and the peers.

Every figure is the best of several timed loops, interleaved across libraries
(:func:`timing.per_call_interleaved`); every ratio divides
by the floor measured in the same run: ``json.loads``/``json.dumps`` on plain dicts for JSON,
``ElementTree.fromstring``/``tostring`` for XML. Before timing, each codec's output is checked
to hold the payload's values, so no library is timed doing less than the others.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import payloads
import peers_json
import peers_xml
from myapp import GetAccessTokenResponse  # the generated package under test
from timing import per_call_interleaved


@dataclass(frozen=True)
class CodecRow:
    """One library at one payload size: seconds per decode / encode."""

    size: int
    name: str
    decode: float
    encode: float

    @property
    def round_trip(self) -> float:
        return self.decode + self.encode


def _floor_json(text: str) -> tuple[Callable[[str], Any], Callable[[Any], str]]:
    def dumps(o: Any) -> str:
        return json.dumps(o, separators=(",", ":"), ensure_ascii=False)

    assert dumps(json.loads(text)) == text
    return json.loads, dumps


def json_rows(sizes: tuple[int, ...] = payloads.SIZES, repeats: int = 7) -> list[CodecRow]:
    """Decode + encode of the payload by ours, the stdlib floor and every JSON peer."""
    rows: list[CodecRow] = []
    for n in sizes:
        text = payloads.json_text(n)
        expected = payloads.response(n)
        ours = GetAccessTokenResponse.from_json(text)
        if ours.to_json() != text:
            raise AssertionError("dtogen's JSON is not the input text")
        codecs: dict[str, tuple[Callable[[str], Any], Callable[[Any], str | bytes]]] = {
            "stdlib json (floor)": _floor_json(text),
            "dtogen (generated)": (GetAccessTokenResponse.from_json, lambda o: o.to_json()),
            **peers_json.CODECS,
        }
        fns: dict[str, Callable[[], object]] = {}
        for name, (decode, encode) in codecs.items():
            obj = decode(text)
            if json.loads(encode(obj)) != expected:
                raise AssertionError(f"{name} does not round-trip the payload")
            fns[f"{name}\0decode"] = lambda d=decode, t=text: d(t)  # type: ignore[misc]
            fns[f"{name}\0encode"] = lambda e=encode, o=obj: e(o)  # type: ignore[misc]
        best = per_call_interleaved(fns, repeats=repeats)
        rows += [CodecRow(n, k, best[f"{k}\0decode"], best[f"{k}\0encode"]) for k in codecs]
    return rows


def xml_rows(sizes: tuple[int, ...] = payloads.SIZES, repeats: int = 7) -> list[CodecRow]:
    """Parse + serialize of the payload's XML by ours, ElementTree (floor) and xsdata."""
    rows: list[CodecRow] = []
    for n in sizes:
        ours = GetAccessTokenResponse.from_json(payloads.json_text(n))
        text = ours.to_xml()
        if GetAccessTokenResponse.from_xml(text) != ours:
            raise AssertionError("dtogen does not read back its own XML")
        if peers_xml.to_plain(peers_xml.parse(text)) != payloads.response(n):
            raise AssertionError("xsdata did not read the payload")
        if GetAccessTokenResponse.from_xml(peers_xml.serialize(peers_xml.parse(text))) != ours:
            raise AssertionError("xsdata's XML does not hold the payload")
        root = ET.fromstring(text)

        def et_dump(el: ET.Element) -> str:
            return ET.tostring(el, encoding="unicode")

        xml_codecs: dict[str, tuple[Callable[[str], Any], Callable[[Any], str], Any]] = {
            "ElementTree (floor)": (ET.fromstring, et_dump, root),
            "dtogen (generated)": (GetAccessTokenResponse.from_xml, lambda o: o.to_xml(), ours),
            "xsdata": (peers_xml.parse, peers_xml.serialize, peers_xml.parse(text)),
        }
        fns = {}
        for name, (parse, dump, obj) in xml_codecs.items():
            fns[f"{name}\0decode"] = lambda p=parse, t=text: p(t)  # type: ignore[misc]
            fns[f"{name}\0encode"] = lambda d=dump, o=obj: d(o)  # type: ignore[misc]
        best = per_call_interleaved(fns, repeats=repeats)
        rows += [CodecRow(n, k, best[f"{k}\0decode"], best[f"{k}\0encode"]) for k in xml_codecs]
    return rows
