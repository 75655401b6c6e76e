"""``make bench``: every benchmark section, printed as tables and written to results.md.

Usage (from the repository root, in the benchmark venv that ``make bench`` creates)::

    benchmarks/.venv/bin/python benchmarks/run.py [--sizes 100,300] [--sections json,xml,gen,import]

Every figure is a ratio against a baseline measured in the same run on the same machine
(see docs/performance.md for the method). The targets of issue 5 are checked at the end.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "generated")]

import bench_codecs  # noqa: E402
import bench_generation  # noqa: E402
import bench_imports  # noqa: E402
import payloads  # noqa: E402
from myapp import GetAccessTokenResponse  # noqa: E402
from timing import fmt_ratio, fmt_time  # noqa: E402

PEERS = (
    "dataclasses-json",
    "mashumaro",
    "pydantic",
    "msgspec",
    "xsdata",
    "datamodel-code-generator",
)


@dataclass
class Target:
    """One target of issue 5: what, the measured figure, the bound, met or not."""

    name: str
    figure: str
    bound: str
    met: bool


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def json_section(targets: list[Target]) -> str:
    rows = bench_codecs.json_rows()
    out = []
    for size in sorted({r.size for r in rows}):
        group = [r for r in rows if r.size == size]
        floor = next(r for r in group if r.name.startswith("stdlib"))
        table = [
            [
                r.name,
                fmt_time(r.decode),
                fmt_time(r.encode),
                fmt_time(r.round_trip),
                fmt_ratio(r.decode / floor.decode),
                fmt_ratio(r.encode / floor.encode),
                fmt_ratio(r.round_trip / floor.round_trip),
            ]
            for r in group
        ]
        out.append(f"**{size} ResponseError(s)** ({len(payloads.json_text(size))} B)")
        out.append(
            _table(
                [
                    "library",
                    "decode",
                    "encode",
                    "round trip",
                    "decode ×floor",
                    "encode ×floor",
                    "round trip ×floor",
                ],
                table,
            )
        )
        ours = next(r for r in group if r.name.startswith("dtogen"))
        ratio = ours.round_trip / floor.round_trip
        targets.append(
            Target(f"JSON round trip, {size} errors", fmt_ratio(ratio) + " floor", "≤ 1.30×", ratio <= 1.3)
        )  # fmt: skip
    return "\n\n".join(out)


def xml_section(targets: list[Target]) -> str:
    rows = bench_codecs.xml_rows()
    out = []
    for size in sorted({r.size for r in rows}):
        group = [r for r in rows if r.size == size]
        floor = next(r for r in group if r.name.startswith("ElementTree"))
        ours = next(r for r in group if r.name.startswith("dtogen"))
        xsd = next(r for r in group if r.name == "xsdata")
        table = [
            [
                r.name,
                fmt_time(r.decode),
                fmt_time(r.encode),
                fmt_ratio(r.decode / floor.decode),
                fmt_ratio(r.encode / floor.encode),
                fmt_ratio(r.decode / ours.decode),
                fmt_ratio(r.encode / ours.encode),
            ]
            for r in group
        ]
        text = GetAccessTokenResponse.from_json(payloads.json_text(size)).to_xml()
        out.append(f"**{size} ResponseError(s)** ({len(text)} B)")
        out.append(
            _table(
                [
                    "library",
                    "parse",
                    "serialize",
                    "parse ×floor",
                    "serialize ×floor",
                    "parse ×dtogen",
                    "serialize ×dtogen",
                ],
                table,
            )
        )
        parse_floor = ours.decode / floor.decode
        targets.append(
            Target(f"XML parse, {size} errors", fmt_ratio(parse_floor) + " floor", "≤ 1.50×",
                   parse_floor <= 1.5)
        )  # fmt: skip
        for what, a, b in (
            ("parse", xsd.decode, ours.decode),
            ("serialize", xsd.encode, ours.encode),
        ):
            targets.append(
                Target(f"XML {what} vs xsdata, {size} errors", fmt_ratio(a / b) + " faster",
                       "≥ 10×", a / b >= 10)
            )  # fmt: skip
    return "\n\n".join(out)


def gen_section(targets: list[Target], sizes: list[int], scratch: Path, runs: int) -> str:
    results = []
    for ops in sizes:
        print(f"  generation: {ops} operations ...", flush=True)
        results.append(bench_generation.measure(ops, scratch, runs=runs if ops <= 300 else 1))
    base = results[0]
    rows = [
        [
            f"{r.ops:,}",
            f"{r.types:,}",
            f"{r.lines:,}",
            fmt_time(r.scrape),
            fmt_time(r.generate),
            fmt_time(r.cold),
            f"{r.cold / r.ops * 1e3:.1f} ms",
            fmt_ratio((r.cold / r.ops) / (base.cold / base.ops)),
            f"{r.peak_mib:.0f} MiB",
            fmt_time(r.noop_generate),
            fmt_time(r.noop_hook),
            fmt_time(r.one_edit),
            fmt_time(r.dmcg),
            f"{r.dmcg_peak_mib:.0f} MiB",
            fmt_ratio(r.dmcg / r.cold),
        ]
        for r in results
    ]
    header = ["operations", "types", "lines generated", "scrape (cold)", "generate (cold)",
              "scrape + generate", "per operation", "per op ×smallest", "peak RSS",
              "no-op generate", "no-op scrape + generate", "one page edited",
              "datamodel-codegen", "its peak RSS", "dmcg ÷ ours (cold)"]  # fmt: skip
    for r in results:
        if r.ops == 300:
            targets.append(
                Target("scrape + generate, 300 ops, vs datamodel-codegen",
                       f"dmcg time ÷ ours = {fmt_ratio(r.dmcg / r.cold)}", "≥ 10×", r.dmcg / r.cold >= 10)
            )  # fmt: skip
            targets.append(
                Target("no-op generate, 300 ops", fmt_time(r.noop_generate), "≤ 0.3 s",
                       r.noop_generate <= 0.3)
            )  # fmt: skip
            targets.append(
                Target("no-op scrape + generate (pre-commit), 300 ops", fmt_time(r.noop_hook),
                       "≤ 0.3 s", r.noop_hook <= 0.3)
            )  # fmt: skip
    if len(results) > 1:
        last = results[-1]
        growth = (last.cold / last.ops) / (base.cold / base.ops)
        targets.append(
            Target(f"linear growth {base.ops:,} → {last.ops:,} ops (per-op time ratio)",
                   fmt_ratio(growth), "≤ 1.25×", growth <= 1.25)
        )  # fmt: skip
    return _table(header, rows)


def import_section(targets: list[Target], scratch: Path) -> str:
    r = bench_imports.measure(scratch / "imports", bench_generation.BIN / "dtogen")
    ratio = r.ours / r.bare
    targets.append(
        Target(f"import of a {r.dtos}-DTO package", fmt_ratio(ratio) + " bare", "≤ 2×", ratio <= 2)
    )  # fmt: skip
    return _table(
        ["package", "DTO classes", "import (median)", "×bare dataclasses"],
        [
            [f"generated (dtos.py {r.lines:,} lines)", str(r.dtos), fmt_time(r.ours), fmt_ratio(ratio)],
            ["same dataclasses, no codecs", str(r.dtos), fmt_time(r.bare), "1.00×"],
        ],
    )  # fmt: skip


def environment() -> str:
    versions = []
    for name in PEERS:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (missing)")
    return (
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPU(s); {', '.join(versions)}."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,300", help="operations per synthetic site")
    parser.add_argument("--sections", default="json,xml,import,gen")
    parser.add_argument("--runs", type=int, default=1, help="cold runs per size ≤ 300 (median)")
    parser.add_argument("--output", type=Path, default=HERE / "results.md")
    args = parser.parse_args()
    sections = args.sections.split(",")
    sizes = [int(s) for s in args.sizes.split(",")]
    targets: list[Target] = []
    parts: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="dtogen-bench-") as tmp:
        scratch = Path(tmp)
        steps: list[tuple[str, str, Callable[[], str]]] = [
            ("json", "JSON codec (GetAccessTokenResponse)", lambda: json_section(targets)),
            ("xml", "XML codec (DataContract)", lambda: xml_section(targets)),
            ("import", "Import time", lambda: import_section(targets, scratch)),
            ("gen", "Generation (synthetic sites, end to end)",
             lambda: gen_section(targets, sizes, scratch, args.runs)),
        ]  # fmt: skip
        for key, title, fn in steps:
            if key in sections:
                print(f"{title} ...", flush=True)
                table = fn()
                parts.append((title, table))
                print(f"\n## {title}\n\n{table}\n", flush=True)
    summary = _table(
        ["target", "measured", "bound", "met"],
        [[t.name, t.figure, t.bound, "yes" if t.met else "**no**"] for t in targets],
    )
    print(f"\n## Targets\n\n{summary}\n")
    command = "make bench" + (
        f" BENCH_ARGS='--sizes {args.sizes}'" if args.sizes != "100,300" else ""
    )
    body = [
        "# Benchmark results",
        "",
        f"Written by `{command}` (benchmarks/run.py); method and analysis: docs/performance.md.",
        "Times are the best of repeated loops (codecs) or the median of fresh processes",
        "(generation, imports); every ratio divides by a baseline measured in the same run.",
        "",
        environment(),
        "",
        "## Targets",
        "",
        summary,
    ]
    for title, table in parts:
        body += ["", f"## {title}", "", table]
    args.output.write_text("\n".join(body) + "\n", "utf-8")
    print(
        f"wrote {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}"
    )


if __name__ == "__main__":
    main()
