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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from generator.config import Config, configured
from generator.diagnostics import Diagnostics, GeneratorError
from generator.regen_cache import render_all_cached
from generator.writer import Outputs, Plan, plan, unified_diff, write

if TYPE_CHECKING:  # the heavy stages are imported where used: a no-op run needs none of them
    from generator.cache import ScrapeMemo
    from generator.crawl import CrawlOptions, CrawlReport, Progress
    from generator.fetch import FetchOptions
    from generator.ir import Spec
    from generator.scrape.records import PageRecord

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
    """What a scrape wrote (or, with ``write=False``, would write).

    ``writes`` holds only files whose bytes change: a scrape whose spec is already what
    the pages say writes nothing (``spec_written`` is False).
    """

    spec_path: Path
    pages: tuple[str, ...]
    added: tuple[str, ...]
    writes: tuple[tuple[Path, bytes], ...] = ()
    remember: Callable[[], None] | None = field(default=None, repr=False, compare=False)

    @property
    def spec_written(self) -> bool:
        """True when the spec file is (to be) written."""
        return any(path == self.spec_path for path, _ in self.writes)


def _read_bytes(path: Path, display: str, diags: Diagnostics) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError as exc:
        diags.error(display, f"cannot read page: {exc.strerror}", "check the path")
        return None


def _parse(display: str, data: bytes, diags: Diagnostics, memo: ScrapeMemo) -> PageRecord | None:
    """A page's record (None: errors, or an operations index), from the page memo if known."""
    from generator.scrape import decode_page, parse_page_text

    known = memo.parsed(display, data)
    if known is not None:
        diags.extend(known[1])
        return known[0]
    local = Diagnostics()
    text = decode_page(data, display, local)
    page = None if text is None else parse_page_text(display, text, local)
    diags.extend(local.items)
    if not local.has_errors:
        memo.keep_parsed(display, data, page, local.items)
    return page


def _differs(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() != data
    except OSError:
        return True


def is_url(source: str) -> bool:
    """True when a scrape source is a URL (fetched) rather than a file or folder."""
    return re.match(r"^[a-z][a-z0-9+.-]*://", source, re.I) is not None


def _expand(sources: Sequence[str], diags: Diagnostics) -> list[Path]:
    from generator.scrape import page_files

    files: list[Path] = []
    for src in sources:
        if is_url(src):
            continue  # fetched by scrape()
        path = Path(src)
        if path.is_dir():
            files.extend(page_files(path))
        elif path.is_file():
            files.append(path)
        else:
            diags.error(src, "no such file or folder", "check the path")
    return files


def scrape(
    sources: Sequence[str],
    service: str,
    config: Config,
    diags: Diagnostics,
    *,
    write: bool = True,
    fetch: FetchOptions | None = None,
) -> ScrapeResult:
    """Parse pages into ``specs/<service>.json``; new pages are copied into its pages folder.

    The spec is rebuilt from every page of the service folder, so a service grows by
    adding pages. URL sources are fetched (``fetch`` limits) and saved as ``.html``
    pages. On any error nothing is written. When the pages, the service's options, dtogen
    and the spec on disk are what the last successful scrape saw (the scrape memo of
    :mod:`generator.cache`), nothing is parsed or written and its diagnostics are replayed.
    """
    from generator.cache import Remembered, ScrapeMemo
    from generator.regen_cache import scrape_fingerprint
    from generator.scrape import page_files

    check_service_name(service)
    before = len(diags.items)
    folder = config.pages_dir / service
    spec_path = config.spec_path(service)
    given = _expand(sources, diags)
    urls = [s for s in sources if is_url(s)]
    reads: list[tuple[str, str, str, bytes]] = []  # (role, name, display, bytes) of each page

    def read(role: str, path: Path, display: str) -> None:
        data = _read_bytes(path, display, diags)
        if data is not None:
            reads.append((role, path.name, display, data))

    for path in page_files(folder) if folder.is_dir() else []:
        read("folder", path, f"pages/{service}/{path.name}")
    given_names: dict[str, Path] = {}
    for path in given:
        if path.name in given_names and given_names[path.name].resolve() != path.resolve():
            diags.error(
                str(path),
                f"two pages named {path.name!r} were given (also {given_names[path.name]})",
                "pages are copied into one folder per service: rename one of them",
            )
            continue
        given_names[path.name] = path
        if folder.resolve() in path.resolve().parents:
            read("inside", path, f"pages/{service}/{path.name}")
        else:
            read("added", path, str(path))
    memo = ScrapeMemo(spec_path, scrape_fingerprint())
    key = None
    if memo.enabled and not urls and not diags.has_errors:
        options = config.service(service)
        key = memo.key([service, repr(options), *(part for r in reads for part in r)])
        known = memo.unchanged(key)
        if known is not None:  # the spec on disk is what these pages say: nothing to do
            diags.extend(known.diagnostics)
            return ScrapeResult(spec_path, known.pages, known.added)

    from generator.ir_io import dumps_spec, loads_spec
    from generator.mapper import build_spec
    from generator.naming import assign_names
    from generator.scrape import decode_page, parse_page_text

    pages: dict[str, tuple[PageRecord, bytes | None]] = {}
    added = []
    for role, name, display, data in reads:
        page = _parse(display, data, diags, memo)
        if page is None or role == "inside":
            continue
        if role == "folder":
            pages[name] = (page, None)
        else:
            pages[name] = (replace(page, source=f"pages/{service}/{name}"), data)
            added.append(name)
    for url in urls:
        from generator.crawl import fetch_page
        from generator.fetch import FetchOptions

        fetched = fetch_page(url, fetch or FetchOptions(), diags)
        text = decode_page(fetched[1], url, diags) if fetched is not None else None
        page = parse_page_text(url, text, diags) if fetched and text is not None else None
        if fetched is not None and page is not None:
            pages[fetched[0]] = (replace(page, source=f"pages/{service}/{fetched[0]}"), fetched[1])
            added.append(fetched[0])
    if diags.has_errors:
        raise GeneratorError(diags.sorted())
    if not pages:
        raise GeneratorError.single(
            str(folder), "no pages to scrape", "pass page files or put them into this folder"
        )
    with configured(config, service):  # [tool.dtogen.services.NAME] options apply
        spec = build_spec(service, [pages[name][0] for name in sorted(pages)], diags)
        if spec is None or diags.has_errors:
            raise GeneratorError(diags.sorted())
        assign_names(spec, diags)  # report naming collisions while the spec is under review
    text = dumps_spec(spec)
    loads_spec(text, str(spec_path))  # never write a spec generate would refuse
    data = text.encode("utf-8")
    writes = [(folder / name, pages[name][1] or b"") for name in added]
    writes = [(path, b) for path, b in [*writes, (spec_path, data)] if _differs(path, b)]
    report = Remembered(diags.items[before:], tuple(sorted(pages)), tuple(sorted(added)))
    if any(path != spec_path for path, _ in writes):
        key = None  # pages are copied in: the next run reads other bytes, so it is not this one
    remember = partial(memo.remember, key, data, report)
    if write:
        commit(writes)
        remember()
    return ScrapeResult(spec_path, report.pages, report.added, tuple(writes), remember)


def rescrape_all(config: Config, diags: Diagnostics) -> list[ScrapeResult]:
    """Rebuild every ``specs/<service>.json`` from its ``specs/pages/<service>/`` folder.

    Services configured in ``[tool.dtogen.services]`` are included, their ``sources``
    scraped (and copied in) again.
    """
    if not config.pages_dir.is_dir() and not config.services:
        raise GeneratorError.single(
            str(config.pages_dir),
            "no pages folder",
            "create specs/pages/<service>/ with saved pages",
        )
    folders = (
        {d.name for d in config.pages_dir.iterdir() if d.is_dir()}
        if config.pages_dir.is_dir()
        else set()
    )
    services = sorted(folders | {s.name for s in config.services})
    results = [
        scrape(configured_sources(config, s), s, config, diags, write=False) for s in services
    ]
    _commit_all(results)  # all services or none
    return results


def configured_sources(config: Config, service: str) -> list[str]:
    """The ``sources`` configured for ``service`` (none when it is not configured)."""
    options = config.service(service)
    return list(options.sources) if options is not None else []


def scrape_configured(config: Config, diags: Diagnostics) -> list[ScrapeResult]:
    """Scrape every service of ``[tool.dtogen.services]`` from its configured sources."""
    if not config.services:
        where = str(config.config_file) if config.config_file else "pyproject.toml"
        raise GeneratorError.single(
            where,
            "no services are configured",
            "add [tool.dtogen.services.NAME] with sources = [...], or pass pages and --service",
        )
    results = [scrape(list(s.sources), s.name, config, diags, write=False) for s in config.services]
    _commit_all(results)
    return results


def _commit_all(results: Sequence[ScrapeResult]) -> None:
    """Write the files of several scrapes (all or none), then remember the scrapes."""
    commit([w for r in results for w in r.writes])
    for r in results:
        if r.remember is not None:
            r.remember()


@dataclass(frozen=True, slots=True)
class CrawlResult:
    """A crawl's report and the scrape that rebuilt the spec (None when that failed)."""

    report: CrawlReport
    scrape: ScrapeResult | None


def crawl(
    base_url: str,
    service: str,
    config: Config,
    diags: Diagnostics,
    options: CrawlOptions | None = None,
    progress: Progress | None = None,
) -> CrawlResult:
    """Fetch a live service's pages into ``specs/pages/<service>/``, then rebuild its spec.

    Pages that arrive are kept even when others fail or the rebuild fails (then
    ``scrape`` is None and the diagnostics say why).
    """
    check_service_name(service)
    folder = config.pages_dir / service
    from generator.crawl import CrawlOptions, crawl_service

    report = crawl_service(base_url, folder, options or CrawlOptions(), diags, progress)
    try:
        result = scrape([], service, config, diags)
    except GeneratorError as exc:
        known = set(diags.items)
        diags.extend(d for d in exc.diagnostics if d not in known)
        return CrawlResult(report, None)
    return CrawlResult(report, result)


def commit(writes: Sequence[tuple[Path, bytes]]) -> None:
    """Write files each atomically; on any failure restore every file already written."""
    done: list[tuple[Path, bytes | None]] = []
    try:
        for path, data in writes:
            before = path.read_bytes() if path.is_file() else None
            _atomic_write(path, data)
            done.append((path, before))
    except BaseException as exc:
        for path, before in reversed(done):
            if before is None:
                path.unlink(missing_ok=True)
            else:
                _atomic_write(path, before)
        if isinstance(exc, OSError):
            raise GeneratorError.single(
                str(exc.filename or "specs"), f"cannot write: {exc.strerror}; nothing was changed",
                "check permissions and free space",
            ) from None  # fmt: skip
        raise


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
        from generator.ir_io import read_spec

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
    """Render every service's package in memory (name overrides of the config applied)."""
    from generator.formatting import cache_scope
    from generator.naming import check_overrides
    from generator.render import render_spec

    specs = load_specs(config, diags)
    for spec in specs:
        options = config.service(spec.service)
        if options is not None:
            check_overrides(spec, options.name_map, diags)

    with configured(config), cache_scope(config.out_dir):  # black only where text changed
        return {spec.service: render_spec(spec) for spec in specs}


def generate(config: Config, diags: Diagnostics) -> Plan:
    """Write ``generated/`` from ``specs/`` (only what changed; stale files removed)."""
    outputs = render_all_cached(config, diags, render_all)  # no-op: answered from disk
    try:
        return write(config.out_dir, outputs)
    except OSError as exc:
        raise GeneratorError.single(
            str(exc.filename or config.out_dir), f"cannot write: {exc.strerror}; "
            f"{config.out_dir} was left as it was", "check permissions and free space",
        ) from None  # fmt: skip


def check(config: Config, diags: Diagnostics) -> tuple[Plan, str]:
    """What ``generate`` would change, as a plan and a unified diff; writes nothing."""
    outputs = render_all_cached(config, diags, render_all)  # no-op: answered from disk
    p = plan(config.out_dir, outputs)
    return p, unified_diff(config.out_dir, outputs, p) + _empty_file_headers(config, outputs, p)


def _empty_file_headers(config: Config, outputs: Outputs, p: Plan) -> str:
    """Diff headers for empty files (``py.typed``) added or deleted: difflib prints nothing."""
    lines = []
    top = config.out_dir.name
    for path in p.changed + p.deleted:
        service, _, rel = path.partition("/")
        on_disk = config.out_dir / path
        new = outputs.get(service, {}).get(rel)
        old = on_disk.read_bytes() if on_disk.is_file() else None
        if (old or b"") == b"" and (new or "") == "" and (old is None) != (new is None):
            lines.append(f"--- a/{top}/{path}" if old is not None else "--- /dev/null")
            lines.append(f"+++ b/{top}/{path}" if new is not None else "+++ /dev/null")
    return "".join(line + "\n" for line in lines)
