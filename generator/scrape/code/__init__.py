"""Parsers for the DTO source code blocks of ServiceStack code-mode pages and ``/types/{lang}``.

:func:`parse_code` dispatches on the language label printed on the page (``Python``,
``VB.NET``, ``C#``, ``TypeScript``, ``F#``, ``Java``, ``Kotlin``, ``Swift``, ``Dart``,
``JavaScript``), its ``lang`` key (``mjs`` for JavaScript) or a file extension and returns raw
:class:`~generator.scrape.records.TypeRecord` values whose ``line`` numbers are page lines.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.diagnostics import Diagnostics
from generator.scrape.code._common import CodeContext
from generator.scrape.code.csharp import parse_csharp
from generator.scrape.code.dart import parse_dart
from generator.scrape.code.fsharp import parse_fsharp
from generator.scrape.code.java import parse_java
from generator.scrape.code.javascript import parse_javascript
from generator.scrape.code.kotlin import parse_kotlin
from generator.scrape.code.python_code import parse_python
from generator.scrape.code.swift import parse_swift
from generator.scrape.code.typescript import parse_typescript
from generator.scrape.code.vbnet import parse_vbnet
from generator.scrape.records import TypeRecord

__all__ = ["LANGUAGES", "language_key", "parse_code"]

Parser = Callable[[str, CodeContext], tuple[TypeRecord, ...]]

#: key -> (label as printed on the page, parser)
LANGUAGES: dict[str, tuple[str, Parser]] = {
    "python": ("Python", parse_python),
    "vbnet": ("VB.NET", parse_vbnet),
    "csharp": ("C#", parse_csharp),
    "typescript": ("TypeScript", parse_typescript),
    "fsharp": ("F#", parse_fsharp),
    "java": ("Java", parse_java),
    "kotlin": ("Kotlin", parse_kotlin),
    "swift": ("Swift", parse_swift),
    "dart": ("Dart", parse_dart),
    "javascript": ("JavaScript", parse_javascript),
}
#: Page ``lang`` keys and file extensions that differ from the keys above.
_EXTRA_NAMES = {
    "mjs": "javascript",
    "js": "javascript",
    "ts": "typescript",
    "cs": "csharp",
    "vb": "vbnet",
    "py": "python",
    "fs": "fsharp",
    "kt": "kotlin",
}
_ALIASES = {label.lower(): key for key, (label, _) in LANGUAGES.items()} | _EXTRA_NAMES


def language_key(language: str) -> str | None:
    """Map a page label or key (case-insensitive) to a key of :data:`LANGUAGES`, or None."""
    name = language.strip().lower()
    if name in LANGUAGES:
        return name
    return _ALIASES.get(name)


def parse_code(
    language: str, text: str, first_line: int, source: str, diags: Diagnostics
) -> tuple[TypeRecord, ...]:
    """Parse a DTO code block into type records; problems are recorded in ``diags``.

    ``first_line`` is the page line of the code's first line, so every record's ``line``
    is a page line; ``source`` prefixes diagnostics locations (``source:line``).
    """
    ctx = CodeContext(source=source, first_line=first_line, diags=diags)
    key = language_key(language)
    if key is None:
        supported = ", ".join(f"{label} ({key})" for key, (label, _) in LANGUAGES.items())
        ctx.error(
            first_line,
            f"unsupported DTO code language {language!r}; the code block is not read",
            f"supported languages: {supported}; save the page with one of these (&lang=key)",
        )
        return ()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return LANGUAGES[key][1](text, ctx)
