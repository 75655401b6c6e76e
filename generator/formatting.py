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
import multiprocessing
import os
import re
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from generator.cache import output_file_path, read_json, write_json
from generator.layout import LINE_LENGTH

if TYPE_CHECKING:
    import black

_START = re.compile(r"(?:@|class |def |async def )")
#: A line black cannot break however long: one plain string literal, alone or as the right
#: operand of a comparison split before its operator, with an item's trailing comma.
_LONE_STRING = re.compile(r' *(?:== )?"[^"\\\n]*",?')
_LONG_CONSTANT = re.compile(r'[A-Za-z_][A-Za-z0-9_]* = ("[^"\\\n]*")')
_NO_CUT_MARKERS = ("fmt:", "yapf:", "\f", "\r")
_PARALLEL_MIN_LINES = 4000  # below this a process pool costs more than it saves
_MEMO_LIMIT = 50_000


@cache
def _black_version() -> str:
    return metadata.version("black")


@cache
def default_mode() -> black.Mode:
    """The black mode of generated code (black is imported only when something needs it)."""
    import black
    from black.mode import TargetVersion

    return black.Mode(line_length=LINE_LENGTH, target_versions={TargetVersion.PY311})


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


def current_scope() -> str | None:
    """The output folder of the :func:`cache_scope` block we are in (None outside one)."""
    return _SCOPE.get()


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
    tag = f"black {_black_version()}\0{mode!r}\0"
    return hashlib.sha256((tag + chunk).encode("utf-8", "surrogatepass")).hexdigest()


def _load_pack(path: Path | None) -> dict[str, str]:
    data = read_json(path)
    if not isinstance(data, dict) or data.get("black") != _black_version():
        return {}
    chunks = data.get("chunks")
    if not isinstance(chunks, dict):
        return {}
    return {k: v for k, v in chunks.items() if isinstance(k, str) and isinstance(v, str)}


def _format_one(args: tuple[str, black.Mode]) -> str:
    import black

    return black.format_str(args[0], mode=args[1])


def _format_many(chunks: list[str], mode: black.Mode) -> list[str]:
    """Format chunks, on every core when there is enough work and forking is safe."""
    import black

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


def _settled(chunk: str, line_length: int) -> bool:
    """True when ``chunk`` follows the layout rules templates write, so black keeps it as is.

    Templates emit black's layout (``generator.layout`` breaks the lines that do not fit),
    tested against black on every bundled service, the golden cases, the hostile corpus and
    a synthetic site. A chunk is settled only when what is left to black is provably
    nothing: every line fits (non-ASCII counted double, as East Asian wide characters may
    be) unless it is inside a docstring or is one string literal black cannot break, no trailing whitespace, tabs, backslash
    continuations or runs of blank lines, and
    every bracket left open at a line end either closes after a trailing comma (black keeps
    such a "magic trailing comma" exploded) or holds text that would not fit joined on one
    line (so black would have split it there too). Anything else goes to black.
    """
    lines = chunk.rstrip("\n").split("\n")
    blank = in_doc = False
    for i, line in enumerate(lines):
        if not line:
            if blank:
                return False
            blank = True
            continue
        blank = False
        last = line[-1]
        if last in " \t\\" or "\t" in line:
            return False
        quotes = line.count('"""')
        if in_doc or (quotes and line.lstrip().startswith('"""')):
            # docstrings (templates use triple quotes for nothing else): black never breaks
            # their lines, but moves closing quotes that overflow to a line of their own
            closing = quotes == 2 or (in_doc and quotes == 1)
            if closing and line.strip() != '"""' and _width(line) > line_length:
                return False
            in_doc = in_doc != (quotes % 2 == 1)
            continue
        if _width(line) > line_length and not _unbreakable(line, line_length):
            return False
        if last in "([{" and not _split_needed(lines, i, line_length):
            return False
    return not in_doc


def _unbreakable(line: str, line_length: int) -> bool:
    """A too-long line black leaves as it is (only shapes templates emit are recognised)."""
    if _LONE_STRING.fullmatch(line):
        return True
    # ``NAME = "…"`` at module level whose string would not fit even on a line of its own
    match = _LONG_CONSTANT.fullmatch(line)
    return match is not None and _longer(" " * 4 + match.group(1), line_length)


def _width(line: str) -> int:
    """At least the width black measures: East Asian wide characters count double."""
    return len(line) if line.isascii() else 2 * len(line)


def _longer(text: str, line_length: int) -> bool:
    """``text`` surely exceeds ``line_length`` as black measures it (only ASCII is sure:
    black's width table gives some characters 0 columns and some 2)."""
    return text.isascii() and len(text) > line_length


def _split_needed(lines: list[str], i: int, line_length: int) -> bool:
    """Whether black, too, breaks the bracket opened at the end of ``lines[i]`` as it is."""
    indent = len(lines[i]) - len(lines[i].lstrip(" "))
    for j in range(i + 1, len(lines)):
        line = lines[j]
        if line and line[indent : indent + 1] in (")", "]", "}") and not line[:indent].strip():
            break
    else:
        return False
    inner = [s.strip() for s in lines[i + 1 : j]]
    if not inner:
        return False
    if inner[-1].endswith(","):
        return len(inner) >= 2  # magic trailing comma (a one-item display is not magic)
    if any(s[-1] in "([{" or s[0] in ")]}" for s in inner):
        return False  # nested breaks without commas: leave it to black
    joined = " ".join(inner)
    # joined on one line it must not fit; `` (`` may be black's invisible parentheses, which
    # vanish when joined: 2 columns of slack
    slack = 2 if lines[i].endswith(" (") else 0
    if not _longer(lines[i] + joined + lines[j].strip(), line_length + slack):
        return False
    return len(inner) == 1 or _longer(" " * (indent + 4) + joined, line_length)


def format_generated(text: str, where: str, mode: black.Mode | None = None) -> str:
    """Format a module rendered by dtogen's templates: black only where templates cannot decide.

    Settled chunks (:func:`_settled`) are kept as rendered; the others go through black and
    its caches, so the result equals ``black.format_str(text, mode=mode)`` for template output.
    """
    chunks = split_chunks(text)
    if chunks is None:
        return format_source(text, mode or default_mode(), where)
    todo = [c for c in chunks if not _settled(c, mode.line_length if mode else LINE_LENGTH)]
    formatted = _format_chunks(todo, mode or default_mode(), where) if todo else []
    if formatted is None:
        import black

        return black.format_str(text, mode=mode or default_mode())
    done = dict(zip(todo, formatted, strict=True))
    return "\n\n".join(done.get(c, c).rstrip("\n") + "\n" for c in chunks)


def format_source(text: str, mode: black.Mode, where: str) -> str:
    """``black.format_str(text, mode=mode)``, computed chunk by chunk through the caches.

    Raises what black raises when ``text`` is not valid Python.
    """
    import black

    chunks = split_chunks(text)
    if chunks is None:
        return black.format_str(text, mode=mode)
    done = _format_chunks(chunks, mode, where)
    if done is None:
        return black.format_str(text, mode=mode)
    return "\n\n".join(c.rstrip("\n") + "\n" for c in done)


def _format_chunks(chunks: list[str], mode: black.Mode, where: str) -> list[str] | None:
    """Each chunk formatted by black through the caches; None when a chunk is not valid alone."""
    pack_path = output_file_path("format", _SCOPE.get(), where)
    pack = _load_pack(pack_path)
    keys = [_key(c, mode) for c in chunks]
    found = {k: pack.get(k) or _MEMO.get(k) for k in keys}
    missing = {k: c for k, c in zip(keys, chunks, strict=True) if found[k] is None}
    if missing:
        try:
            done = _format_many(list(missing.values()), mode)
        except Exception:  # e.g. a cut inside a string: the caller formats the whole text
            return None
        if len(_MEMO) > _MEMO_LIMIT:
            _MEMO.clear()
        for k, formatted in zip(missing, done, strict=True):
            found[k] = formatted
            _MEMO[k] = formatted
    if pack_path is not None and (missing or set(pack) != set(keys)):
        write_json(
            pack_path, {"black": _black_version(), "chunks": {k: found[k] or "" for k in keys}}
        )
    return [found[k] or "" for k in keys]
