"""Done-when test: a multi-type DTO file per language scrapes, generates and type-checks.

For each fixture in ``fixtures/<lang>/`` (C#, VB.NET, Python, TypeScript, F#, Java,
Kotlin, Swift, Dart, JavaScript; the Python one is ``dtos.py.txt`` so that formatters leave
it as ServiceStack prints it, and is recognized by its ``Options:`` header): ``api.scrape`` into a scratch specs folder,
``api.generate`` into a scratch output folder, one ``mypy --strict`` run over all ten
packages, and the generated DTO classes compared with the classes declared in the source.
The source's classes are found with a plain per-language pattern, independent of the
parsers under test. Generation runs in a process pool (black dominates its cost).
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import api
from generator.catalogue import BUILTIN_TYPES
from generator.config import Config
from generator.diagnostics import Diagnostics

FIXTURES = Path(__file__).parent / "fixtures"
LANGUAGES = (
    "csharp",
    "vbnet",
    "python",
    "typescript",
    "fsharp",
    "java",
    "kotlin",
    "swift",
    "dart",
    "javascript",
)
#: Source patterns: group "kind" is a class keyword or an enum keyword, group "name" the name.
_DECLS: dict[str, re.Pattern[str]] = {
    "csharp": re.compile(
        r"^\s*public\s+(?:(?:abstract|partial|sealed)\s+)*(?P<kind>class|enum)\s+(?P<name>\w+)",
        re.M,
    ),
    "vbnet": re.compile(
        r"^\s*Public\s+(?:(?:MustInherit|Partial|NotInheritable)\s+)*(?P<kind>Class|Enum)\s+"
        r"(?P<name>\w+)",
        re.M,
    ),
    "python": re.compile(r"^class\s+(?P<name>\w+)(?:\((?P<kind>[^)]*)\))?:", re.M),
    "typescript": re.compile(
        r"^export\s+(?:abstract\s+)?(?P<kind>class|enum)\s+(?P<name>\w+)", re.M
    ),
    "fsharp": re.compile(r"^\s*type\s+(?P<name>\w+)(?:<[^>]*>)?(?P<kind>\(\)|)\s*=\s*$", re.M),
    "java": re.compile(
        r"^\s*public\s+static\s+(?:abstract\s+)?(?P<kind>class|enum)\s+(?P<name>\w+)", re.M
    ),
    "kotlin": re.compile(
        r"^(?:open\s+|abstract\s+)*(?P<kind>enum class|class)\s+(?P<name>\w+)", re.M
    ),
    "swift": re.compile(
        r"^public\s+(?:final\s+)?(?P<kind>class|struct|enum)\s+(?P<name>\w+)", re.M
    ),
    "dart": re.compile(r"^(?:abstract\s+)?(?P<kind>class|enum)\s+(?P<name>\w+)", re.M),
    "javascript": re.compile(r"^export\s+(?P<kind>class|var)\s+(?P<name>\w+)", re.M),
}
#: Built-in ServiceStack DTOs the non-TypeScript/JavaScript fixtures use without defining.
CATALOGUE_ONLY = frozenset(
    {"IdResponse", "QueryBase", "QueryDb", "QueryResponse", "ResponseError", "ResponseStatus"}
)
#: The generator prints a bare ``QueryDb`` base for JS's ``extends QueryDb`` (JavaScript drops
#: generic arguments): mypy --strict rejects the missing type argument.
TYPECHECK_XFAIL: dict[str, str] = {}


def source_declarations(lang: str, text: str) -> tuple[set[str], set[str]]:
    """(classes, enums) declared at the top of a DTO file, by a plain pattern."""
    classes: set[str] = set()
    enums: set[str] = set()
    for m in _DECLS[lang].finditer(text):
        name, kind = m.group("name"), m.group("kind") or ""
        if lang == "python":
            is_enum = "Enum" in kind
        elif lang == "fsharp":
            following = text[m.end() :].lstrip("\n")
            is_enum = kind == "" and following.lstrip().startswith("|")
            if kind == "" and not is_enum:
                continue  # an interface
        elif lang == "dart":
            is_enum = kind == "enum" or f"const {name}._(" in text
        elif lang == "javascript":
            is_enum = kind == "var"
        else:
            is_enum = "enum" in kind.lower()
        (enums if is_enum else classes).add(name)
    return classes, enums


def generated_declarations(dtos: Path) -> tuple[set[str], set[str]]:
    """(classes, enums) of a generated ``dtos.py``, closed-generic helpers left out."""
    tree = ast.parse(dtos.read_text(encoding="utf-8"))
    defs = [n for n in tree.body if isinstance(n, ast.ClassDef)]
    names = {d.name for d in defs}
    classes: set[str] = set()
    enums: set[str] = set()
    for d in defs:
        bases = [ast.unparse(b) for b in d.bases]
        if any(b.startswith("enum.") or b == "str" for b in bases):
            enums.add(d.name)
            continue
        closed = (
            len(d.bases) == 1
            and isinstance(d.bases[0], ast.Subscript)
            and ast.unparse(d.bases[0].value) in names
            and "Of" in d.name
        )
        if not closed:
            classes.add(d.name)
    return classes, enums


def _build(lang: str, root: str) -> list[str]:
    """Scrape and generate one language into ``root/<lang>``; warnings and errors returned."""
    base = Path(root) / lang
    config = Config(specs_dir=base / "specs", out_dir=base / "out")
    diags = Diagnostics()
    (source,) = sorted((FIXTURES / lang).iterdir())
    api.scrape([str(source)], lang, config, diags)
    api.generate(config, diags)
    return [f"{d.level} {d.where}: {d.message}" for d in diags if d.level != "info"]


@dataclass(frozen=True)
class Built:
    """What the module fixture produced: output folders, diagnostics, mypy output."""

    root: Path
    diagnostics: dict[str, list[str]]
    mypy_output: str

    def dtos(self, lang: str) -> Path:
        return self.root / lang / "out" / lang / "dtos.py"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    root = tmp_path_factory.mktemp("languages")
    with ProcessPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        found = pool.map(_build, LANGUAGES, [str(root)] * len(LANGUAGES))
        results = dict(zip(LANGUAGES, found, strict=True))
    env = dict(os.environ, MYPYPATH=os.pathsep.join(str(root / x / "out") for x in LANGUAGES))
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict"]
        + ["--cache-dir", str(root / ".mypy_cache")]
        + [arg for lang in LANGUAGES for arg in ("-p", lang)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    yield Built(root, results, run.stdout + run.stderr)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_generated_classes_match_the_source(built: Built, lang: str) -> None:
    (source,) = sorted((FIXTURES / lang).iterdir())
    src_classes, src_enums = source_declarations(lang, source.read_text(encoding="utf-8"))
    gen_classes, gen_enums = generated_declarations(built.dtos(lang))
    assert len(src_classes) >= 7 and len(src_enums) == 2  # the pattern found the fixture's types
    assert gen_enums == src_enums == {"RoomType", "Days"}
    extra = set() if lang in ("typescript", "javascript") else set(CATALOGUE_ONLY)
    assert gen_classes == src_classes | extra
    assert extra <= set(BUILTIN_TYPES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_scrape_and_generate_without_errors(built: Built, lang: str) -> None:
    assert not [d for d in built.diagnostics[lang] if d.startswith("error")]


@pytest.mark.parametrize(
    "lang",
    [
        (
            pytest.param(x, marks=pytest.mark.xfail(reason=TYPECHECK_XFAIL[x], strict=True))
            if x in TYPECHECK_XFAIL
            else x
        )
        for x in LANGUAGES
    ],
)
def test_generated_package_type_checks(built: Built, lang: str) -> None:
    files = sum(len(list((built.root / x / "out" / x).glob("*.py"))) for x in LANGUAGES)
    checked = re.search(r"(\d+) source files?\)?$", built.mypy_output.strip())
    assert checked is not None and int(checked.group(1)) == files, built.mypy_output[-2000:]
    prefix = f"{lang}/out/{lang}/"
    assert [ln for ln in built.mypy_output.splitlines() if ln.startswith(prefix)] == []
