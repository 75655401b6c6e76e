"""Crawl a live service: read its operations index, fetch every operation's pages, save them.

Pages are saved under ``specs/pages/<service>/`` (only when their bytes changed), so
generation stays offline and every upstream change is a reviewable diff; the spec is
then rebuilt from the folder by :func:`generator.api.crawl`. Per ServiceStack operation
the crawler fetches the page the index links (JSON first, tables mode: it always exists
and its language tabs say which code views the host offers), then a second page for the
other sample format — in code mode in the first offered language dtogen reads, falling
back to other languages and to tables mode, so no single variant is relied on. Every
page is parsed before it is saved: a malformed page is reported, never saved. Network
access goes through :mod:`generator.fetch` only.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlencode, urljoin, urlsplit, urlunsplit

from generator.diagnostics import Diagnostics, GeneratorError
from generator.fetch import Fetcher, FetchError, FetchOptions, Response, same_origin
from generator.scrape import decode_page, page_files, parse_page_text
from generator.scrape.html_common import parse_html
from generator.scrape.html_pages import IndexEntry, ServiceIndex, read_index
from generator.scrape.servicestack_html import page_languages

__all__ = [
    "CrawlOptions",
    "CrawlReport",
    "Failure",
    "Progress",
    "crawl_service",
    "fetch_page",
    "page_name",
]

Progress = Callable[[int, int, str], None]  # (operations done, operations in all, last name)

_MAX_NAME = 150
_SAMPLE_FORMATS = ("json", "xml")


@dataclass(frozen=True, slots=True, kw_only=True)
class CrawlOptions:
    """How to crawl: request limits, parallel connections, code languages by preference."""

    fetch: FetchOptions = field(default_factory=FetchOptions)
    connections: int = 4
    max_operations: int = 2000
    languages: tuple[str, ...] = ("csharp", "vbnet", "typescript", "python")


@dataclass(frozen=True, slots=True)
class Failure:
    """A page that could not be had: for which operation, its URL and why."""

    name: str
    url: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class CrawlReport:
    """What a crawl did. ``written`` and ``unchanged`` are page file names."""

    index_url: str
    kind: str
    operations: tuple[str, ...]
    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    failed: tuple[Failure, ...]
    not_crawled: tuple[str, ...]  # page files of the folder this crawl did not produce

    @property
    def fetched(self) -> int:
        """Pages fetched and kept (written or unchanged)."""
        return len(self.written) + len(self.unchanged)

    def summary(self) -> list[str]:
        """The report as lines for a human: counts, then every failure with its reason."""
        lines = [
            f"crawled {self.index_url}: {len(self.operations)} operation(s); "
            f"{self.fetched} page(s) fetched ({len(self.written)} written, "
            f"{len(self.unchanged)} unchanged), {len(self.failed)} failed"
        ]
        lines += [f"failed: {f.name}: {f.url}: {f.reason}" for f in self.failed]
        lines += [f"kept (not part of this crawl): {name}" for name in self.not_crawled]
        return lines


@dataclass(slots=True)
class _Page:
    url: str
    name: str
    data: bytes
    languages: tuple[str, ...] = ()


@dataclass(slots=True)
class _OpResult:
    name: str
    pages: list[_Page] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (where, message) infos
    tried: set[str] = field(default_factory=set)


def page_name(url: str) -> str:
    """The file name a fetched page is saved under, derived from its URL.

    ``/json/metadata?op=GetThing`` → ``GetThing.json.html``; ``&lang=csharp`` adds
    ``.csharp``; ``/Help/Api/POST-api-things`` → ``POST-api-things.html``.
    """
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if query.get("op") and segments and segments[-1].lower() == "metadata":
        fmt = segments[-2].lower() if len(segments) > 1 else "page"
        name = ".".join([query["op"][0], fmt, *query.get("lang", [])[:1]])
    elif len(segments) > 2 and [s.lower() for s in segments[-3:-1]] == ["help", "api"]:
        name = segments[-1]
    else:
        name = segments[-1] if segments else "index"
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip(".-")
    return (safe[:_MAX_NAME] or "page") + ".html"


def _with_lang(url: str, lang: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, vs in parse_qs(parts.query).items() for v in vs if k != "lang"]
    return urlunsplit(parts._replace(query=urlencode([*query, ("lang", lang)])))


def _as_utf8(resp: Response) -> bytes:
    """The body as UTF-8: transcoded when the Content-Type names another charset."""
    match = re.search(r"charset\s*=\s*\"?([\w.:-]+)", resp.content_type, re.IGNORECASE)
    charset = match.group(1).lower() if match else "utf-8"
    if charset in ("utf-8", "utf8"):
        return resp.body
    try:
        return resp.body.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError) as exc:
        raise FetchError(resp.url, f"cannot decode the page as {charset}: {exc}") from None


def _validated(resp: Response, expect: str | None) -> _Page:
    """Parse a fetched operation page; raise FetchError when it is not a readable one."""
    data = _as_utf8(resp)
    name = page_name(resp.url)
    diags = Diagnostics()
    text = decode_page(data, name, diags)
    page = parse_page_text(name, text, diags) if text is not None else None
    errors = [d for d in diags if d.level == "error"]
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise FetchError(resp.url, f"malformed page: {first.where}: {first.message}{more}")
    if page is None:
        raise FetchError(resp.url, "not an operation page")
    if expect is not None and page.kind == "servicestack" and page.operation != expect:
        raise FetchError(resp.url, f"the page documents {page.operation!r}, not {expect!r}")
    languages: tuple[str, ...] = ()
    if page.kind == "servicestack" and text is not None:
        root = parse_html(name, text, Diagnostics())
        languages = page_languages(root) if root is not None else ()
    return _Page(resp.url, name, data, languages)


def _try(fetcher: Fetcher, url: str, result: _OpResult, *, quiet_404: bool = False) -> _Page | None:
    result.tried.add(url)
    try:
        return _validated(fetcher.get(url), result.name)
    except FetchError as exc:
        if quiet_404 and exc.status == 404:
            result.notes.append((url, f"{exc.reason}: this host does not offer that code view"))
        else:
            result.failed.append(Failure(result.name, url, exc.reason))
        return None


def _servicestack_op(
    fetcher: Fetcher, entry: IndexEntry, index_url: str, options: CrawlOptions
) -> _OpResult:
    """Types and samples of one operation: a tables page, then the other format's page."""
    result = _OpResult(entry.name)
    links = {fmt: urljoin(index_url, href) for fmt, href in entry.links}
    formats = [f for f in _SAMPLE_FORMATS if f in links] or list(links)[:1]
    first: _Page | None = None
    for fmt in formats:
        first = _try(fetcher, links[fmt], result)
        if first is not None:
            result.pages.append(first)
            break
    if first is None:
        return result
    last = links[formats[-1]]
    for lang in (lang for lang in options.languages if lang in first.languages):
        page = _try(fetcher, _with_lang(last, lang), result, quiet_404=True)
        if page is not None:
            result.pages.append(page)
            return result
    if last not in result.tried:
        page = _try(fetcher, last, result)
        if page is not None:
            result.pages.append(page)
    return result


def _webapi_op(fetcher: Fetcher, entry: IndexEntry, index_url: str) -> _OpResult:
    result = _OpResult(entry.name)
    page = _try(fetcher, urljoin(index_url, entry.links[0][1]), result)
    if page is not None:
        result.pages.append(page)
    return result


def _crawl_op(
    fetcher: Fetcher, entry: IndexEntry, index_url: str, kind: str, options: CrawlOptions
) -> _OpResult:
    if kind == "servicestack":
        return _servicestack_op(fetcher, entry, index_url, options)
    return _webapi_op(fetcher, entry, index_url)


def _find_index(fetcher: Fetcher, base_url: str) -> tuple[Response, ServiceIndex]:
    """The operations index at ``base_url`` (or its /metadata or /Help page)."""
    root = base_url.rstrip("/")
    candidates = list(dict.fromkeys([base_url, f"{root}/metadata", f"{root}/Help"]))
    reasons: list[str] = []
    for url in candidates:
        try:
            resp = fetcher.get(url)
            text = decode_page(_as_utf8(resp), url, Diagnostics())
        except FetchError as exc:
            reasons.append(f"{url}: {exc.reason}")
            continue
        index = read_index(resp.url, text, Diagnostics()) if text is not None else None
        if index is not None and index.entries:
            return resp, index
        reasons.append(f"{url}: not an operations index")
    raise GeneratorError.single(
        base_url,
        "no operations index found (" + "; ".join(reasons) + ")",
        "pass the service's base URL, its /metadata page (ServiceStack) or /Help page (Web API)",
    )


def _store(folder: Path, name: str, data: bytes) -> bool:
    """Write ``folder/name`` atomically unless it already holds ``data``; True if written."""
    path = folder / name
    if path.is_file() and path.read_bytes() == data:
        return False
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def check_base_url(url: str) -> None:
    """An http(s) URL with a host, or a GeneratorError saying what is wrong."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise GeneratorError.single(
            url, "not an http(s) URL", "give a URL like https://host/metadata"
        )


def crawl_service(
    base_url: str,
    folder: Path,
    options: CrawlOptions,
    diags: Diagnostics,
    progress: Progress | None = None,
) -> CrawlReport:
    """Fetch the index and every operation's pages into ``folder``; report what happened.

    Pages that arrive are saved as they arrive (a failure elsewhere loses nothing);
    unreachable, refused and malformed pages are listed in the report's ``failed``.
    """
    check_base_url(base_url)
    fetcher = Fetcher(base_url, options.fetch)
    index_resp, index = _find_index(fetcher, base_url)
    entries = index.entries
    if len(entries) > options.max_operations:
        diags.warning(
            index_resp.url,
            f"the index lists {len(entries)} operations; only the first "
            f"{options.max_operations} are crawled",
            "raise --max-operations to crawl them all",
        )
        entries = entries[: options.max_operations]
    written: list[str] = []
    unchanged: list[str] = []
    failed: list[Failure] = []
    produced: set[str] = set()
    index_name = page_name(index_resp.url)
    (written if _store(folder, index_name, _as_utf8(index_resp)) else unchanged).append(index_name)
    produced.add(index_name)
    followed: list[IndexEntry] = []
    for entry in entries:
        off_host = [
            urljoin(index_resp.url, h)
            for _, h in entry.links
            if not same_origin(base_url, urljoin(index_resp.url, h))
        ]
        if off_host and len(off_host) == len(entry.links):
            failed.append(Failure(entry.name, off_host[0], "refused: link leads to another host"))
        else:
            followed.append(entry)
    workers = max(1, min(options.connections, 32))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="dtogen-crawl") as pool:
        futures = [
            pool.submit(_crawl_op, fetcher, entry, index_resp.url, index.kind, options)
            for entry in followed
        ]
        results: list[_OpResult] = []
        for done, future in enumerate(as_completed(futures), start=1):
            result = future.result()
            results.append(result)
            for page in result.pages:
                if page.name in produced:
                    continue
                produced.add(page.name)
                (written if _store(folder, page.name, page.data) else unchanged).append(page.name)
            if progress is not None:
                progress(done, len(futures), result.name)
    for result in sorted(results, key=lambda r: r.name):
        failed.extend(result.failed)
        for where, message in result.notes:
            diags.info(where, message)
    existing = {p.name for p in page_files(folder)} if folder.is_dir() else set()
    return CrawlReport(
        index_url=index_resp.url,
        kind=index.kind,
        operations=tuple(sorted(e.name for e in entries)),
        written=tuple(sorted(written)),
        unchanged=tuple(sorted(unchanged)),
        failed=tuple(sorted(failed, key=lambda f: (f.name, f.url))),
        not_crawled=tuple(sorted(existing - produced)),
    )


def fetch_page(url: str, options: FetchOptions, diags: Diagnostics) -> tuple[str, bytes] | None:
    """Fetch one operation page for ``dtogen scrape URL``: its file name and UTF-8 bytes."""
    try:
        check_base_url(url)
    except GeneratorError as exc:
        diags.extend(exc.diagnostics)
        return None
    try:
        page = _validated(Fetcher(url, options).get(url), None)
    except FetchError as exc:
        diags.error(url, exc.reason, "check the URL; for a whole service use 'dtogen crawl'")
        return None
    return page.name, page.data
