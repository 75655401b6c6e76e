"""Generation section: synthetic sites scraped and generated end to end vs datamodel-code-generator.

For each size the site's pages (``synth.py``) are written to a scratch folder and the
``dtogen`` command line is run there as a user runs it, each command in a fresh process:

* cold: ``dtogen scrape --all`` then ``dtogen generate`` with an empty cache;
* no-op: ``dtogen generate`` again, and ``dtogen scrape --all && dtogen generate`` (the
  pre-commit hooks) — nothing changed;
* one page edited: a member added to one request DTO, then scrape + generate;
* peer: ``datamodel-codegen`` on the equivalent JSON Schema (``synth.json_schema``), dataclass
  output, its default formatters (black + isort), as its CLI runs.

Wall time and peak RSS are measured per process (``wait4``); with ``runs > 1`` the median.
"""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import synth
from timing import Run, median, run

BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class GenResult:
    """Timings (seconds) and peak memory (MiB) of one site size."""

    ops: int
    types: int
    lines: int
    scrape: float
    generate: float
    peak_mib: float
    noop_generate: float
    noop_hook: float
    one_edit: float
    dmcg: float
    dmcg_peak_mib: float
    dmcg_lines: int

    @property
    def cold(self) -> float:
        return self.scrape + self.generate


def _dtogen(cwd: Path, cache: Path, *args: str) -> Run:
    r = run([BIN / "dtogen", *args], cwd=cwd, env={"DTOGEN_CACHE_DIR": str(cache)})
    if r.returncode:
        raise RuntimeError(f"dtogen {' '.join(args)} failed in {cwd}:\n{r.output[-3000:]}")
    return r


def _edit_one_page(work: Path) -> None:
    """Add a member to the first C# request DTO (a typical one-page spec change)."""
    pages = sorted((work / "specs" / "pages" / "synth").glob("*.txt"))
    for page in pages:
        text = page.read_text("utf-8")
        marker = "        public virtual int Id { get; set; }\n"
        if "C# " in text and marker in text:
            extra = "        public virtual string Comment { get; set; }\n"
            page.write_text(text.replace(marker, marker + extra, 1), "utf-8")
            return
    raise RuntimeError("no C# page with an Id member to edit")


def measure(ops: int, scratch: Path, runs: int = 1) -> GenResult:
    """Run the whole sequence for a site of ``ops`` operations under ``scratch``."""
    work = scratch / f"site-{ops}"
    if work.exists():
        shutil.rmtree(work)
    site = synth.write_site(ops, work)
    schema = work / "schema.json"
    schema.write_text(json.dumps(synth.json_schema(site), indent=2), "utf-8")
    cold_scrape, cold_gen, peaks = [], [], []
    for i in range(runs):
        cache = work / f"cache-cold-{i}"
        shutil.rmtree(work / "generated", ignore_errors=True)
        s = _dtogen(work, cache, "scrape", "--all")
        g = _dtogen(work, cache, "generate")
        cold_scrape.append(s.seconds)
        cold_gen.append(g.seconds)
        peaks.append(max(s.peak_mib, g.peak_mib))
    cache = work / f"cache-cold-{runs - 1}"
    noop_gen, noop_hook = [], []
    for _ in range(max(3, runs)):
        noop_gen.append(_dtogen(work, cache, "generate").seconds)
        s = _dtogen(work, cache, "scrape", "--all")
        noop_hook.append(s.seconds + _dtogen(work, cache, "generate").seconds)
    _edit_one_page(work)
    s = _dtogen(work, cache, "scrape", "--all")
    g = _dtogen(work, cache, "generate")
    if g.output.startswith("0 written"):
        raise RuntimeError(f"the edit changed no generated file: {g.output}")
    dmcg_times, dmcg_peaks = [], []
    out = work / "dmcg_models.py"
    for _ in range(runs):
        d = run(
            [
                BIN / "datamodel-codegen",
                "--input", schema, "--input-file-type", "jsonschema",
                "--output-model-type", "dataclasses.dataclass",
                "--formatters", "black", "isort",
                "--output", out,
            ],
            cwd=work,
        )  # fmt: skip
        if d.returncode:
            raise RuntimeError(f"datamodel-codegen failed:\n{d.output[-3000:]}")
        dmcg_times.append(d.seconds)
        dmcg_peaks.append(d.peak_mib)
    lines = sum(p.read_text("utf-8").count("\n") for p in (work / "generated").rglob("*.py"))
    return GenResult(
        ops=ops,
        types=synth.count_types(site),
        lines=lines,
        scrape=median(cold_scrape),
        generate=median(cold_gen),
        peak_mib=max(peaks),
        noop_generate=median(noop_gen),
        noop_hook=median(noop_hook),
        one_edit=s.seconds + g.seconds,
        dmcg=median(dmcg_times),
        dmcg_peak_mib=max(dmcg_peaks),
        dmcg_lines=out.read_text("utf-8").count("\n"),
    )
