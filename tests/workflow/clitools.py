"""Helpers: run the dtogen CLI in-process, snapshot folder trees."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import main


def dtogen(*args: str) -> tuple[int, str, str]:
    """Run ``dtogen ARGS`` in-process: (exit code, stdout, stderr)."""
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def tree(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` (``__pycache__`` ignored): relative path → bytes."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def readme_blocks(heading: str) -> list[tuple[str, str]]:
    """The fenced code blocks ``(language, text)`` of the README section ``## heading``."""
    from ..conftest import ROOT

    text = (ROOT / "README.md").read_text()
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    section = text[start : end if end != -1 else len(text)]
    blocks, lines, lang, inside = [], section.splitlines(), "", False
    body: list[str] = []
    for line in lines:
        if line.startswith("```") and not inside:
            inside, lang, body = True, line[3:].strip(), []
        elif line.startswith("```") and inside:
            inside = False
            blocks.append((lang, "\n".join(body) + "\n"))
        elif inside:
            body.append(line)
    return blocks
