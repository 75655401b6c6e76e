"""Import time of a generated package with about 300 DTOs vs the same dataclasses without codecs.

The package is generated from a synthetic ServiceStack service (``synth.py``). The bare
twin is derived from the generated ``dtos.py`` by an AST pass that keeps every class, field,
default and decorator but drops the codec methods, codec ClassVars, module-level helper
functions and the runtime imports. Each import runs in a fresh interpreter with warm
bytecode caches (what a service pays at start-up); the figure is the median of interleaved
runs, timed inside the child around the ``import`` statement only.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import synth
from timing import child_env, median, run

_PROBE = (
    "import sys, time; sys.path.insert(0, sys.argv[1]); t = time.perf_counter(); "
    "__import__(sys.argv[2]); print(time.perf_counter() - t)"
)
_RUNTIME_NAMES = frozenset({"_rt", "_tx", "_sx", "_rts"})


@dataclass(frozen=True)
class ImportResult:
    """Median import seconds of the generated package and of its bare twin."""

    dtos: int
    lines: int
    ours: float
    bare: float


def ops_for(dtos: int) -> int:
    """The smallest synthetic site whose ServiceStack service has at least ``dtos`` classes."""
    n = 10
    while sum(not t.is_enum for t in synth.build_site(n).types.values()) + 2 < dtos:
        n += 1
    return n


def _mentions_runtime(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Name) and n.id in _RUNTIME_NAMES for n in ast.walk(node))


def bare_module(source: str) -> str:
    """``dtos.py`` without codecs: classes keep fields/defaults/decorators, lose methods."""
    tree = ast.parse(source)
    body: list[ast.stmt] = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level:  # from . import _runtime as _rt
            continue
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if isinstance(node, ast.ClassDef):
            node.bases = [b for b in node.bases if not _mentions_runtime(b)]
            node.body = [
                s
                for s in node.body
                if not isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)
                and not (isinstance(s, ast.AnnAssign) and "ClassVar" in ast.unparse(s.annotation))
                and not _mentions_runtime(s)
            ] or [ast.Pass()]
        elif _mentions_runtime(node):
            continue
        body.append(node)
    tree.body = body
    return ast.unparse(ast.fix_missing_locations(tree)) + "\n"


def measure(work: Path, dtogen: Path, runs: int = 15) -> ImportResult:
    """Generate the ~300-DTO package under ``work``, build its bare twin, time both imports."""
    if work.exists():
        shutil.rmtree(work)
    site = synth.build_site(ops_for(300))
    pages = work / "specs" / "pages" / "synth"
    pages.mkdir(parents=True)
    for op in site.ops:
        (pages / f"{op.name}.txt").write_text(synth.servicestack_page(site, op), "utf-8")
    for args in (("scrape", "--all"), ("generate",)):
        r = run([dtogen, *args], cwd=work)
        if r.returncode:
            raise RuntimeError(f"dtogen {' '.join(args)} failed:\n{r.output}")
    pkg = work / "generated" / "synth"
    source = (pkg / "dtos.py").read_text("utf-8")
    tree = ast.parse(source)
    n_dtos = sum(
        isinstance(n, ast.ClassDef) and any("dataclass" in ast.unparse(d) for d in n.decorator_list)
        for n in tree.body
    )
    bare_root = work / "bare"
    (bare_root / "bare_synth").mkdir(parents=True)
    (bare_root / "bare_synth" / "__init__.py").write_text("from .dtos import *  # noqa: F403\n")
    (bare_root / "bare_synth" / "dtos.py").write_text(bare_module(source), "utf-8")
    targets = {"ours": (work / "generated", "synth"), "bare": (bare_root, "bare_synth")}
    times: dict[str, list[float]] = {k: [] for k in targets}
    for i in range(runs + 1):
        for key, (path, name) in targets.items():
            out = subprocess.run(
                [sys.executable, "-c", _PROBE, str(path), name],
                check=True,
                capture_output=True,
                text=True,
                env=child_env(),
            ).stdout
            if i:  # the first run writes the bytecode caches
                times[key].append(float(out))
    return ImportResult(n_dtos, source.count("\n"), median(times["ours"]), median(times["bare"]))
