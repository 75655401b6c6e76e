"""No-op regeneration without rendering: a manifest of the last rendering of every output.

``generate``/``check`` render every spec, which costs seconds on a large service even when
nothing changed (the pre-commit case). Rendering is a pure function of the spec files, the
configuration, dtogen's own code and templates, and the pinned black and Jinja versions, so
the manifest records, under a key over all of those, the SHA-256 of every file the rendering
produced and the diagnostics it reported. When the key matches and every recorded file is on
disk with its recorded digest, the files on disk *are* the rendering: they are returned as
the outputs and the diagnostics replayed, and nothing is parsed, validated or formatted.

The manifest lives in the same per-user cache as the formatting cache
(:func:`generator.formatting.cache_root`), one file per output folder, and is rewritten
after every full rendering; ``DTOGEN_CACHE_DIR=off`` disables it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

from generator.cache import cache_root
from generator.config import Config
from generator.diagnostics import Diagnostic, Diagnostics

Outputs = dict[str, dict[str, str]]
_PACKAGES = ("black", "jinja2", "dtogen")
_SOURCE_SUFFIXES = (".py", ".jinja", ".json")


@cache
def code_fingerprint() -> str:
    """SHA-256 over dtogen's sources and templates, Python's and the renderers' versions."""
    h = hashlib.sha256(f"{sys.version_info[:3]}".encode())
    for name, dist in installed(_PACKAGES).items():
        h.update(f"\0{name} {dist}".encode())
    root = Path(__file__).resolve().parent
    templates = _templates_dir(root)
    for folder in (root, templates):
        for path in sorted(_sources(folder)):
            h.update(b"\0" + str(path.relative_to(folder)).encode() + b"\0")
            h.update(path.read_bytes())
    return h.hexdigest()


@cache
def scrape_fingerprint() -> str:
    """:func:`code_fingerprint` and lxml's version (it parses HTML pages and XML samples)."""
    lxml = installed(("lxml",))["lxml"]
    return hashlib.sha256(f"{code_fingerprint()}\0lxml {lxml}".encode()).hexdigest()


_DIST_INFO = re.compile(r"^([A-Za-z0-9_.]+?)-([^-]+?)\.(?:dist|egg)-info$")


def installed(names: Iterable[str]) -> dict[str, str]:
    """Each distribution's ``.dist-info`` (or ``.egg-info``) folder name, which holds its version.

    The first one on ``sys.path`` counts, as for imports; ``?`` when there is none. This is
    what :func:`importlib.metadata.version` finds, without importing it and parsing metadata
    files (a no-op run is over in the time that would take).
    """
    wanted = {_normal(n): n for n in names}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as it:
                folders = sorted(e.name for e in it if e.name.endswith("-info"))
        except OSError:
            continue
        for folder in folders:
            m = _DIST_INFO.match(folder)
            name = wanted.get(_normal(m.group(1))) if m else None
            if name is not None and name not in found:
                found[name] = folder
    return {name: found.get(name, "?") for name in wanted.values()}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _templates_dir(root: Path) -> Path:
    """``templates/`` (a sibling in a checkout, ``generator/templates`` when installed)."""
    sibling = root.parent / "templates"
    return sibling if sibling.is_dir() else root / "templates"


def _sources(folder: Path) -> Iterable[Path]:
    for path in folder.rglob("*"):
        if path.suffix in _SOURCE_SUFFIXES and "__pycache__" not in path.parts and path.is_file():
            yield path


def _key(config: Config) -> str | None:
    """The rendering's key: code, configuration and every spec file (None: no specs folder)."""
    if not config.specs_dir.is_dir():
        return None
    h = hashlib.sha256(code_fingerprint().encode())
    h.update(repr((config.services, str(config.specs_dir.resolve()))).encode())
    for path in sorted(config.specs_dir.glob("*.json")):
        h.update(b"\0" + path.name.encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def _manifest_path(config: Config) -> Path | None:
    root = cache_root()
    if root is None:
        return None
    name = hashlib.sha256(str(config.out_dir.resolve()).encode()).hexdigest()[:32]
    return root / "outputs" / f"{name}.json"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _from_disk(config: Config, key: str, path: Path) -> tuple[Outputs, list[Diagnostic]] | None:
    """The outputs as found on disk, if the manifest for ``key`` vouches for all of them."""
    try:
        data: Any = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    outputs: Outputs = {}
    try:
        for service, files in data["files"].items():
            outputs[service] = {}
            for rel, digest in files.items():
                raw = (config.out_dir / service / rel).read_bytes()
                if _digest(raw) != digest:
                    return None
                outputs[service][rel] = raw.decode("utf-8")
        diagnostics = [Diagnostic(**d) for d in data["diagnostics"]]
    except (OSError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        return None
    return outputs, diagnostics


def _record(path: Path, key: str, outputs: Outputs, diagnostics: list[Diagnostic]) -> None:
    files = {
        service: {rel: _digest(text.encode("utf-8")) for rel, text in sorted(out.items())}
        for service, out in sorted(outputs.items())
    }
    items = [
        {"level": d.level, "where": d.where, "message": d.message, "hint": d.hint}
        for d in diagnostics
    ]
    text = json.dumps({"key": key, "files": files, "diagnostics": items}, sort_keys=True)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".manifest.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError:
        return


def render_all_cached(
    config: Config, diags: Diagnostics, render_all: Callable[[Config, Diagnostics], Outputs]
) -> Outputs:
    """``render_all(config, diags)``, answered from disk when nothing it depends on changed."""
    key = _key(config)
    path = _manifest_path(config)
    if key is not None and path is not None:
        hit = _from_disk(config, key, path)
        if hit is not None:
            diags.extend(hit[1])
            return hit[0]
    before = len(diags.items)
    outputs = render_all(config, diags)
    if key is not None and path is not None and not diags.has_errors:
        _record(path, key, outputs, diags.items[before:])
    return outputs
