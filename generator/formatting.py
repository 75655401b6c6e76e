"""Black formatting of generated modules: chunk by chunk, cached, byte-identical to black.

Black costs about a millisecond per line and a large service renders tens of thousands of
lines, so formatting dominates ``generate``. A rendered module is cut into top-level chunks
at ``class``/``def``/decorator lines; each chunk is formatted on its own and looked up by
content in a cache, so regenerating after a small spec change (or no change) formats only
the chunks whose text changed. Cache misses of a large module are formatted on all cores.

The cut is only made where joining the separately formatted chunks with two blank lines is
provably what black does to the whole module (see :func:`split_chunks`); anything else
(``fmt:`` directives, form feeds, CR line ends, a chunk black cannot parse alone) falls back
to formatting the whole module at once. ``tests/unit/test_formatting.py`` checks the
equivalence on every bundled service.

The persistent cache lives outside the project (``$DTOGEN_CACHE_DIR``, else
``$XDG_CACHE_HOME/dtogen`` or ``~/.cache/dtogen``; ``DTOGEN_CACHE_DIR=off`` disables it), so
``dtogen check`` still writes nothing into the project. It holds one pack per generated
module with exactly the chunks of its last rendering, so it never grows beyond the size of
the generated code. Entries are keyed by black's version, the mode and the chunk text.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from importlib import metadata
from pathlib import Path

import black

from generator.cache import cache_root

_START = re.compile(r"(?:@|class |def |async def )")
_NO_CUT_MARKERS = ("fmt:", "yapf:", "\f", "\r")
_PARALLEL_MIN_LINES = 4000  # below this a process pool costs more than it saves
_MEMO_LIMIT = 50_000

_BLACK_VERSION = metadata.version("black")
_SCOPE: ContextVar[str | None] = ContextVar("dtogen_format_scope", default=None)
_MEMO: dict[str, str] = {}


@contextmanager
def cache_scope(out_dir: Path) -> Iterator[None]:
    """Use the persistent cache for modules rendered for ``out_dir`` inside this block."""
    token = _SCOPE.set(str(out_dir.resolve()))
    try:
        yield
    finally:
        _SCOPE.reset(token)


def split_chunks(text: str) -> list[str] | None:
    """Cut ``text`` before top-level ``class``/``def``/decorator lines, or None if unsafe.

    A cut is made only before a column-0 ``@``/``class``/``def`` line that follows a blank
    line whose previous non-blank line is neither a comment nor a decorator. There, black
    (non-stub mode) always puts exactly two blank lines before the statement
    (``EmptyLineTracker._maybe_empty_lines_for_class_or_def``): it is not a stub def
    without a user blank line, not after a decorator, and no comment block is attached.
    A cut inside a string or brackets leaves a chunk black cannot parse, which
    :func:`format_source` detects and answers by formatting the whole text.
    """
    if any(marker in text for marker in _NO_CUT_MARKERS):
        return None
    lines = text.splitlines(keepends=True)
    starts = [0]
    last_code = ""  # the last non-blank line seen
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if (
            i
            and _START.match(line)
            and not lines[i - 1].strip()
            and last_code
            and not last_code.lstrip().startswith(("#", "@"))
        ):
            starts.append(i)
        last_code = line
    if len(starts) < 2:
        return None
    return ["".join(lines[a:b]) for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]


def _key(chunk: str, mode: black.Mode) -> str:
    tag = f"black {_BLACK_VERSION}\0{mode!r}\0"
    return hashlib.sha256((tag + chunk).encode("utf-8", "surrogatepass")).hexdigest()


def _pack_path(root: Path, scope: str, where: str) -> Path:
    name = hashlib.sha256(f"{scope}\0{where}".encode()).hexdigest()[:32]
    return root / "format" / f"{name}.json"


def _load_pack(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("black") != _BLACK_VERSION:
        return {}
    chunks = data.get("chunks")
    if not isinstance(chunks, dict):
        return {}
    return {k: v for k, v in chunks.items() if isinstance(k, str) and isinstance(v, str)}


def _store_pack(path: Path, chunks: dict[str, str]) -> None:
    """Write the pack atomically; a cache that cannot be written is simply not kept."""
    data = json.dumps({"black": _BLACK_VERSION, "chunks": dict(sorted(chunks.items()))})
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".pack.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        return


def _format_one(args: tuple[str, black.Mode]) -> str:
    return black.format_str(args[0], mode=args[1])


def _format_many(chunks: list[str], mode: black.Mode) -> list[str]:
    """Format chunks, on every core when there is enough work and forking is safe."""
    lines = sum(c.count("\n") for c in chunks)
    cpus = os.cpu_count() or 1
    if (
        lines < _PARALLEL_MIN_LINES
        or cpus < 2
        or threading.active_count() > 1
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return [black.format_str(c, mode=mode) for c in chunks]
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(cpus, 8), mp_context=ctx) as pool:
        size = max(1, len(chunks) // (4 * cpus))
        return list(pool.map(_format_one, [(c, mode) for c in chunks], chunksize=size))


def format_source(text: str, mode: black.Mode, where: str) -> str:
    """``black.format_str(text, mode=mode)``, computed chunk by chunk through the caches.

    Raises what black raises when ``text`` is not valid Python.
    """
    chunks = split_chunks(text)
    if chunks is None:
        return black.format_str(text, mode=mode)
    scope, root = _SCOPE.get(), cache_root()
    pack_path = _pack_path(root, scope, where) if scope is not None and root is not None else None
    pack = _load_pack(pack_path) if pack_path is not None else {}
    keys = [_key(c, mode) for c in chunks]
    found = {k: pack.get(k) or _MEMO.get(k) for k in keys}
    missing = {k: c for k, c in zip(keys, chunks, strict=True) if found[k] is None}
    if missing:
        try:
            done = _format_many(list(missing.values()), mode)
        except Exception:  # e.g. a cut inside a string: format the whole text (or fail as black)
            return black.format_str(text, mode=mode)
        if len(_MEMO) > _MEMO_LIMIT:
            _MEMO.clear()
        for k, formatted in zip(missing, done, strict=True):
            found[k] = formatted
            _MEMO[k] = formatted
    parts = [(found[k] or "").rstrip("\n") + "\n" for k in keys]
    if pack_path is not None and (missing or set(pack) != set(keys)):
        _store_pack(pack_path, {k: found[k] or "" for k in keys})
    return "\n\n".join(parts)
