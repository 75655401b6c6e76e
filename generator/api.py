"""The public operations behind the CLI: scrape, generate, check.

Each returns values and records diagnostics; nothing here prints. A run that records
an error writes nothing (``specs/`` and ``generated/`` stay as they were).
"""

from __future__ import annotations

import keyword
import os
import re
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from generator.config import Config
from generator.diagnostics import Diagnostics, GeneratorError
from generator.ir import Spec
from generator.ir_io import dumps_spec, read_spec
from generator.mapper import build_spec
from generator.naming import assign_names
from generator.render import render_spec
from generator.scrape import decode_page, page_files, parse_page_text
from generator.scrape.records import PageRecord
from generator.writer import Outputs, Plan, plan, unified_diff, write

_SERVICE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def check_service_name(service: str) -> None:
    """A service name becomes a Python package and a file name: keep it plain."""
    if (
        not _SERVICE.match(service)
        or keyword.iskeyword(service)
        or service in sys.stdlib_module_names
        or service in ("generator", "tests", "pages")
    ):
        raise GeneratorError.single(
            f"--service {service!r}",
            "service names must be lower_snake_case identifiers that do not shadow a Python "
            "module or keyword",
            "pick a name like 'my_service'",
        )


@dataclass(frozen=True, slots=True)
class ScrapeResult:
    """What a scrape wrote."""

    spec_path: Path
    pages: tuple[str, ...]
    added: tuple[str, ...]


def _read(path: Path, display: str, diags: Diagnostics) -> PageRecord | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        diags.error(display, f"cannot read page: {exc.strerror}", "check the path")
        return None
    text = decode_page(data, display, diags)
    return None if text is None else parse_page_text(display, text, diags)


def _expand(sources: Sequence[str], diags: Diagnostics) -> list[Path]:
    files: list[Path] = []
    for src in sources:
        if re.match(r"^[a-z][a-z0-9+.-]*://", src, re.I):
            diags.error(
                src,
                "reading pages from URLs is not supported yet",
                "save the page as text into specs/pages/<service>/ and scrape the file",
            )
            continue
        path = Path(src)
        if path.is_dir():
            files.extend(page_files(path))
        elif path.is_file():
            files.append(path)
        else:
            diags.error(src, "no such file or folder", "check the path")
    return files


def scrape(
    sources: Sequence[str], service: str, config: Config, diags: Diagnostics
) -> ScrapeResult:
    """Parse pages into ``specs/<service>.json``; new pages are copied into its pages folder.

    The spec is rebuilt from every page of the service folder, so a service grows by
    adding pages. On any error nothing is written.
    """
    check_service_name(service)
    folder = config.pages_dir / service
    given = _expand(sources, diags)
    pages: dict[str, tuple[PageRecord, bytes | None]] = {}
    for path in page_files(folder) if folder.is_dir() else []:
        page = _read(path, f"pages/{service}/{path.name}", diags)
        if page is not None:
            pages[path.name] = (page, None)
    added = []
    for path in given:
        inside = folder.resolve() in path.resolve().parents
        page = _read(path, str(path) if not inside else f"pages/{service}/{path.name}", diags)
        if page is not None and not inside:
            pages[path.name] = (
                replace(page, source=f"pages/{service}/{path.name}"),
                path.read_bytes(),
            )
            added.append(path.name)
    if diags.has_errors:
        raise GeneratorError(diags.sorted())
    if not pages:
        raise GeneratorError.single(
            str(folder), "no pages to scrape", "pass page files or put them into this folder"
        )
    spec = build_spec(service, [pages[name][0] for name in sorted(pages)], diags)
    if spec is None or diags.has_errors:
        raise GeneratorError(diags.sorted())
    assign_names(spec, diags)  # report naming collisions while the spec is under review
    text = dumps_spec(spec)
    for name in added:
        data = pages[name][1]
        assert data is not None
        _atomic_write(folder / name, data)
    _atomic_write(config.spec_path(service), text.encode("utf-8"))
    return ScrapeResult(config.spec_path(service), tuple(sorted(pages)), tuple(sorted(added)))


def rescrape_all(config: Config, diags: Diagnostics) -> list[ScrapeResult]:
    """Rebuild every ``specs/<service>.json`` from its ``specs/pages/<service>/`` folder."""
    if not config.pages_dir.is_dir():
        raise GeneratorError.single(
            str(config.pages_dir),
            "no pages folder",
            "create specs/pages/<service>/ with saved pages",
        )
    services = sorted(d.name for d in config.pages_dir.iterdir() if d.is_dir())
    return [scrape([], s, config, diags) for s in services]


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_specs(config: Config, diags: Diagnostics) -> list[Spec]:
    """Every ``specs/*.json``, validated; the file name must match its ``service``."""
    specs = []
    for path in sorted(config.specs_dir.glob("*.json")):
        spec = read_spec(path, str(path))
        if spec.service != path.stem:
            raise GeneratorError.single(
                str(path),
                f"file declares service {spec.service!r}",
                f"rename the file to {spec.service}.json",
            )
        specs.append(spec)
    if not specs:
        diags.warning(
            str(config.specs_dir),
            "no specs found; nothing to generate",
            "run 'dtogen scrape PAGE… --service NAME' first",
        )
    return specs


def render_all(config: Config, diags: Diagnostics) -> Outputs:
    """Render every service's package in memory."""
    return {spec.service: render_spec(spec) for spec in load_specs(config, diags)}


def generate(config: Config, diags: Diagnostics) -> Plan:
    """Write ``generated/`` from ``specs/`` (only what changed; stale files removed)."""
    outputs = render_all(config, diags)
    return write(config.out_dir, outputs)


def check(config: Config, diags: Diagnostics) -> tuple[Plan, str]:
    """What ``generate`` would change, as a plan and a unified diff; writes nothing."""
    outputs = render_all(config, diags)
    p = plan(config.out_dir, outputs)
    return p, unified_diff(config.out_dir, outputs, p)
