"""dtogen's per-user caches: where they live, and what ``scrape`` remembers between runs.

Everything here lives below :func:`cache_root` (``DTOGEN_CACHE_DIR``, else
``$XDG_CACHE_HOME/dtogen`` or ``~/.cache/dtogen``; ``off`` disables it), never inside a
project, and every file is written atomically. A missing, damaged or foreign cache file is
a miss, never an error: the cache only ever saves work.

``scrape`` keeps two files per spec (named by the digest of the spec's absolute path):

* the **scrape memo** (``scrape/<name>.json``): the key of the last successful scrape —
  dtogen's code fingerprint, the service's options, and the name, display name and bytes
  of every page read — with the digest of the spec it wrote and the diagnostics it
  reported. When the key of a new run matches and the spec on disk still has that digest
  (so a hand-edited or checked-out spec is never kept), the run is a no-op: nothing is
  parsed, mapped or written, and the diagnostics are replayed.
* the **page memo** (``scrape/<name>.pages.json``): every page's parsed record (as
  :mod:`generator.scrape.record_json` values) and parse diagnostics, keyed by the digest
  of the code fingerprint, display name and bytes, so editing one page re-parses one page.
  It holds the entries of the last run's pages only.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.diagnostics import Diagnostic

if TYPE_CHECKING:
    from generator.scrape.records import PageRecord


def cache_root() -> Path | None:
    """The persistent cache folder, or None when ``DTOGEN_CACHE_DIR`` disables it."""
    env = os.environ.get("DTOGEN_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in ("", "0", "off", "no", "none") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "dtogen"


def digest(data: bytes) -> str:
    """SHA-256 of ``data`` as hex."""
    return hashlib.sha256(data).hexdigest()


def read_json(path: Path | None) -> Any:
    """The JSON value in ``path`` (None when there is no readable, valid file)."""
    if path is None:
        return None
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None


def output_file_path(kind: str, scope: str | None, where: str) -> Path | None:
    """The cache file of ``kind`` (``format``, ``safety``) for output file ``where`` of ``scope``.

    ``scope`` is the output folder (see ``formatting.cache_scope``); None outside a scope or
    when the cache is off.
    """
    root = cache_root()
    if root is None or scope is None:
        return None
    name = hashlib.sha256(f"{scope}\0{where}".encode()).hexdigest()[:32]
    return root / kind / f"{name}.json"


def write_json(path: Path | None, value: Any) -> None:
    """Write ``value`` to ``path`` atomically; a cache that cannot be written is skipped."""
    if path is None:
        return
    try:
        text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return


def _diagnostics_to_json(items: Iterable[Diagnostic]) -> list[dict[str, Any]]:
    return [asdict(d) for d in items]


def _diagnostics_from_json(value: Any) -> list[Diagnostic] | None:
    """The diagnostics stored by :func:`_diagnostics_to_json` (None if damaged)."""
    if not isinstance(value, list):
        return None
    out = []
    for item in value:
        if not isinstance(item, dict) or set(item) != {"level", "where", "message", "hint"}:
            return None
        level, where, message, hint = item["level"], item["where"], item["message"], item["hint"]
        if level not in ("error", "warning", "info") or not isinstance(where, str):
            return None
        if not isinstance(message, str) or not (hint is None or isinstance(hint, str)):
            return None
        out.append(Diagnostic(level=level, where=where, message=message, hint=hint))
    return out


def _names(value: Any) -> tuple[str, ...] | None:
    ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    return tuple(value) if ok else None


@dataclass(frozen=True, slots=True)
class Remembered:
    """What a scrape reported: its diagnostics, page names and added page names."""

    diagnostics: list[Diagnostic]
    pages: tuple[str, ...]
    added: tuple[str, ...]


class ScrapeMemo:
    """The scrape memo of one spec (see the module docstring)."""

    def __init__(self, spec_path: Path, fingerprint: str) -> None:
        self.spec_path = spec_path
        self.fingerprint = fingerprint
        root = cache_root()
        name = digest(str(spec_path.resolve()).encode())[:32]
        self.path = root / "scrape" / f"{name}.json" if root is not None else None
        self.pages_path = root / "scrape" / f"{name}.pages.json" if root is not None else None
        self._pages: dict[str, Any] | None = None
        self._used: dict[str, Any] = {}
        self._new = False

    @property
    def enabled(self) -> bool:
        """False when the cache is off."""
        return self.path is not None

    def key(self, parts: Iterable[str | bytes]) -> str:
        """The run key: the code fingerprint and ``parts``, each length-prefixed."""
        h = hashlib.sha256(self.fingerprint.encode())
        for part in parts:
            data = part.encode("utf-8") if isinstance(part, str) else part
            h.update(b"\0%d:" % len(data))
            h.update(data)
        return h.hexdigest()

    def unchanged(self, key: str) -> Remembered | None:
        """What the last run with ``key`` reported, if the spec it wrote is on disk unchanged."""
        data = read_json(self.path)
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        try:
            on_disk = self.spec_path.read_bytes()
        except OSError:
            return None
        pages, added = _names(data.get("pages")), _names(data.get("added"))
        diagnostics = _diagnostics_from_json(data.get("diagnostics"))
        if digest(on_disk) != data.get("spec") or pages is None or added is None:
            return None
        return None if diagnostics is None else Remembered(diagnostics, pages, added)

    def remember(self, key: str | None, spec: bytes, report: Remembered) -> None:
        """Record a successful run (call after its files are written); with ``key`` None,
        only the parsed pages are kept."""
        if key is not None:
            value = {
                "key": key,
                "spec": digest(spec),
                "diagnostics": _diagnostics_to_json(report.diagnostics),
                "pages": list(report.pages),
                "added": list(report.added),
            }
            write_json(self.path, value)
        if self._new or (self._pages is not None and len(self._pages) != len(self._used)):
            write_json(self.pages_path, {"fingerprint": self.fingerprint, "pages": self._used})

    # -- parsed pages ---------------------------------------------------------------------
    def _page_key(self, display: str, data: bytes) -> str:
        return self.key((display, data))

    def parsed(
        self, display: str, data: bytes
    ) -> tuple[PageRecord | None, list[Diagnostic]] | None:
        """The cached parse of a page (record or None, and diagnostics), if there is one."""
        from generator.scrape.record_json import page_from_json

        if not self.enabled:
            return None
        if self._pages is None:
            stored = read_json(self.pages_path)
            ok = isinstance(stored, dict) and stored.get("fingerprint") == self.fingerprint
            pages = stored.get("pages") if ok else None
            self._pages = pages if isinstance(pages, dict) else {}
        key = self._page_key(display, data)
        entry = self._pages.get(key)
        if not isinstance(entry, dict) or set(entry) != {"page", "diagnostics"}:
            return None
        diagnostics = _diagnostics_from_json(entry["diagnostics"])
        if diagnostics is None:
            return None
        try:
            page = None if entry["page"] is None else page_from_json(entry["page"])
        except ValueError:
            return None
        self._used[key] = entry
        return page, diagnostics

    def keep_parsed(
        self, display: str, data: bytes, page: PageRecord | None, diagnostics: list[Diagnostic]
    ) -> None:
        """Remember a page's parse for the next run (written by :meth:`remember`)."""
        from generator.scrape.record_json import page_to_json

        if not self.enabled:
            return
        self._new = True
        self._used[self._page_key(display, data)] = {
            "page": None if page is None else page_to_json(page),
            "diagnostics": _diagnostics_to_json(diagnostics),
        }
