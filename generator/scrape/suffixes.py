"""The file suffixes of page files, kept apart from the parsers so listing a pages folder
(the first step of every scrape, and all a no-op scrape does) imports none of them."""

from __future__ import annotations

#: Whole DTO file extension → language key (:mod:`generator.scrape.code.files`).
EXTENSIONS: dict[str, str] = {
    ".cs": "csharp",
    ".vb": "vbnet",
    ".py": "python",
    ".ts": "typescript",
    ".fs": "fsharp",
    ".java": "java",
    ".kt": "kotlin",
    ".swift": "swift",
    ".dart": "dart",
    ".mjs": "javascript",
    ".js": "javascript",
}
DTO_SUFFIXES: tuple[str, ...] = tuple(EXTENSIONS)
#: Every suffix a page file may have: text and HTML renderings, DTO files, metadata JSON.
PAGE_SUFFIXES: tuple[str, ...] = (".txt", ".text", ".html", ".htm", *DTO_SUFFIXES, ".json")
