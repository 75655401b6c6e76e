"""Page fuzzing: mutate the example pages and push each through scrape → map → generate.

Every case must end in output or in diagnostics; any other exception is a finding.
Used by the short hypothesis run in the test suite and by ``make fuzz`` (``python -m
tests.hostile.fuzzing --cases 10000``), which prints a report. ``--check-format`` also holds
every rendered module to black (``make fuzz FUZZ_ARGS=--check-format``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from generator import formatting, render
from generator.diagnostics import Diagnostics, GeneratorError
from generator.ir_io import dumps_spec, loads_spec
from generator.mapper import build_spec
from generator.naming import assign_names
from generator.scrape import decode_page, parse_page_text

if TYPE_CHECKING:
    import black

ROOT = Path(__file__).resolve().parents[2]
SEEDS = {p.parent.name: p.read_bytes() for p in sorted((ROOT / "specs/pages").glob("*/*.txt"))}
HOSTILE_TOKENS = [
    '"""', "'''", "\\", "\r", "\x00", "\u2028", "\u2029", "\x0c", "<!DOCTYPE x [<!ENTITY a 'b'>]>",
    "&a;", "<", ">", "{", "}", "[", "]", '"', ":", ",", "async", "__init__", "../..", "é", "名",
    "x" * 5000, "Public Property Async As String", "<Api(Description:=\"\"\"\")>", "HTTP/1.1 200 OK",
    "POST /x HTTP/1.1 ", "Content-Type: application/json", "\n\n", "\t", " Parameters:",
    "NameParameterData TypeRequiredDescription", "• ", "Allowable Values", "| a | b |", "None.",
]  # fmt: skip

Mutation = Callable[[bytes, random.Random], bytes]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def delete_lines(data: bytes, rnd: random.Random) -> bytes:
    """Remove a run of lines."""
    lines = _lines(data)
    i = rnd.randrange(len(lines))
    del lines[i : i + rnd.randint(1, 8)]
    return b"\n".join(lines)


def duplicate_lines(data: bytes, rnd: random.Random) -> bytes:
    """Repeat a run of lines elsewhere."""
    lines = _lines(data)
    i = rnd.randrange(len(lines))
    chunk = lines[i : i + rnd.randint(1, 6)]
    j = rnd.randrange(len(lines) + 1)
    return b"\n".join(lines[:j] + chunk + lines[j:])


def swap_lines(data: bytes, rnd: random.Random) -> bytes:
    """Exchange two lines."""
    lines = _lines(data)
    i, j = rnd.randrange(len(lines)), rnd.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines)


def insert_token(data: bytes, rnd: random.Random) -> bytes:
    """Insert a hostile or structural token at a random position."""
    i = rnd.randrange(len(data) + 1)
    return data[:i] + rnd.choice(HOSTILE_TOKENS).encode("utf-8") + data[i:]


def truncate(data: bytes, rnd: random.Random) -> bytes:
    """Cut the page at a random point."""
    return data[: rnd.randrange(len(data) + 1)]


def flip_bytes(data: bytes, rnd: random.Random) -> bytes:
    """Overwrite a few bytes with random ones."""
    buf = bytearray(data)
    for _ in range(rnd.randint(1, 8)):
        if buf:
            buf[rnd.randrange(len(buf))] = rnd.randrange(256)
    return bytes(buf)


def random_bytes(data: bytes, rnd: random.Random) -> bytes:
    """Replace the page by random bytes."""
    return bytes(rnd.randrange(256) for _ in range(rnd.randint(0, 2000)))


MUTATIONS: dict[str, Mutation] = {
    f.__name__: f
    for f in (
        delete_lines,
        duplicate_lines,
        swap_lines,
        insert_token,
        truncate,
        flip_bytes,
        random_bytes,
    )
}


#: Modules whose kept chunks differed from black's output (``--check-format``): where, text.
FORMAT_MISMATCHES: list[tuple[str, str]] = []


def format_checked(text: str, where: str, mode: black.Mode | None = None) -> str:
    """``format_generated``, also held to ``black.format_str`` of the whole module (slow).

    A difference is recorded in :data:`FORMAT_MISMATCHES` rather than raised: ``render``
    turns exceptions of the formatter into diagnostics, which would hide it.
    """
    import black

    fast = formatting.format_generated(text, where, mode)
    try:
        full = black.format_str(text, mode=mode or formatting.default_mode())
    except Exception as exc:  # black refuses what the fast path accepted
        full = f"<black: {type(exc).__name__}: {exc}>"
    if fast != full:
        FORMAT_MISMATCHES.append((where, text))
    return fast


class Runner:
    """Runs cases; renders each distinct spec (samples excluded) once."""

    def __init__(self) -> None:
        self.rendered: set[str] = set()
        self.outcomes: Counter[str] = Counter()

    def run(self, service: str, data: bytes) -> str:
        """``output`` or ``diagnostic``; any other exception propagates (a finding)."""
        diags = Diagnostics()
        where = f"pages/{service}/page.txt"
        try:
            text = decode_page(data, where, diags)
            page = parse_page_text(where, text, diags) if text is not None else None
            spec = build_spec(service, [page], diags) if page is not None else None
            if spec is None or diags.has_errors:
                return self._count("diagnostic")
            assign_names(spec, diags)
            text_spec = dumps_spec(spec)
            loads_spec(text_spec, where)
            key_data = json.loads(text_spec)
            key_data["samples"] = []
            key = hashlib.sha256(json.dumps(key_data, sort_keys=True).encode()).hexdigest()
            if key not in self.rendered:
                self.rendered.add(key)
                render.render_spec(spec)
        except GeneratorError:
            return self._count("diagnostic")
        return self._count("output")

    def _count(self, outcome: str) -> str:
        self.outcomes[outcome] += 1
        return outcome


def mutate(rnd: random.Random) -> tuple[str, str, bytes]:
    """A random mutation chain (1-3 steps) of a random seed page."""
    service = rnd.choice(sorted(SEEDS))
    data = SEEDS[service]
    names = []
    for _ in range(rnd.randint(1, 3)):
        name = rnd.choice(sorted(MUTATIONS))
        data = MUTATIONS[name](data, rnd)
        names.append(name)
    return service, "+".join(names), data


def main(argv: list[str] | None = None) -> int:
    """Run N cases and print a report; exit 1 on any finding."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument(
        "--check-format", action="store_true", help="also hold every module to black (slow)"
    )
    args = parser.parse_args(argv)
    rnd = random.Random(args.seed)
    if args.check_format:
        setattr(render, "format_generated", format_checked)  # noqa: B010 (mypy: not re-exported)
    runner = Runner()
    kinds: Counter[str] = Counter()
    findings = reported = 0
    start = time.perf_counter()
    for i in range(args.cases):
        service, kind, data = mutate(rnd)
        for step in kind.split("+"):
            kinds[step] += 1
        try:
            runner.run(service, data)
        except Exception:
            findings += 1
            print(f"FINDING case {i} ({service}, {kind}):", file=sys.stderr)
            traceback.print_exc()
        while len(FORMAT_MISMATCHES) > reported:
            findings += 1
            where, text = FORMAT_MISMATCHES[reported]
            reported += 1
            dump = Path(tempfile.mkdtemp(prefix="dtogen-fuzz-")) / "module.py"
            dump.write_text(text, "utf-8")
            print(f"FINDING case {i} ({service}, {kind}): {where} is not black's output;"
                  f" rendered text in {dump}", file=sys.stderr)  # fmt: skip
    elapsed = time.perf_counter() - start
    print(f"fuzz: {args.cases} cases in {elapsed:.1f} s (seed {args.seed})")
    print(
        f"  outcomes: {dict(sorted(runner.outcomes.items()))}; findings (uncaught exceptions, format differences): {findings}"
    )
    print(f"  distinct generated specs rendered: {len(runner.rendered)}")
    print(f"  mutation steps: {dict(sorted(kinds.items()))}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
