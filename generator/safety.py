"""Structural check of generated modules: only the statement kinds templates produce.

Page text reaches generated code only as string constants (docstrings, wire names,
literals) and as validated identifiers. This check parses every rendered module and
refuses anything else at import-time level — so even a bug in escaping cannot turn a
description into code that runs when the package is imported.
"""

from __future__ import annotations

import ast
import gc
import hashlib
import sys
from pathlib import Path

from generator.cache import output_file_path, read_json, write_json
from generator.diagnostics import GeneratorError
from generator.formatting import current_scope, split_chunks

#: Modules generated code may import (relative imports of the package's own runtime aside).
ALLOWED_IMPORTS = frozenset(
    {
        "__future__", "dataclasses", "datetime", "decimal", "enum", "typing", "uuid", "json",
        "urllib", "urllib.error", "urllib.parse", "urllib.request", "xml.etree.ElementTree",
        "collections.abc", "socket", "ssl", "http.client",
    }
)  # fmt: skip
#: Calls allowed at import time (decorators, field defaults, TypeVar declarations).
ALLOWED_IMPORT_TIME_CALLS = frozenset(
    {
        "dataclasses.dataclass", "dataclasses.field", "_dt.datetime", "_dt.timedelta",
        "_dt.timezone", "_decimal.Decimal", "_uuid.UUID", "_t.TypeVar", "TypeVar", "str",
        "int", "frozenset", "object",
    }
)  # fmt: skip
#: Names generated code never uses; their presence means text became code.
FORBIDDEN_NAMES = frozenset(
    {"exec", "eval", "compile", "__import__", "open", "globals", "locals", "vars", "breakpoint",
     "input", "getattr", "setattr", "delattr", "__builtins__", "os", "sys", "subprocess"}
)  # fmt: skip


#: Method decorators templates use (``_t.overload`` types the client's ``send``).
_DECORATORS = frozenset({"classmethod", "staticmethod", "property", "_t.overload"})
#: Dunder attributes templates use.
_DUNDER_ATTRIBUTES = frozenset({"__name__", "__init__", "__all__"})


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return "<expr>"


class _Checker:
    def __init__(self, where: str, offset: int = 0) -> None:
        self.where = where
        self.offset = offset  # line number of the checked run's first line, minus one

    def fail(self, node: ast.AST, what: str) -> None:
        line = getattr(node, "lineno", 0) + self.offset
        raise GeneratorError.single(
            f"{self.where}:{line}",
            f"generated code contains {what}, which templates never produce",
            "this is a dtogen bug or page text escaped its string literal; please report it",
        )

    def check_import_time(self, stmts: list[ast.stmt], in_class: bool) -> None:
        for stmt in stmts:
            if isinstance(stmt, ast.Expr):
                if not (isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)):
                    self.fail(stmt, "an expression statement")
            elif isinstance(stmt, ast.Import | ast.ImportFrom):
                self.check_import(stmt, in_class)
            elif isinstance(stmt, ast.Assign | ast.AnnAssign):
                self.check_calls(stmt)
            elif isinstance(stmt, ast.ClassDef):
                for deco in stmt.decorator_list:
                    self.check_calls(deco)
                for base in stmt.bases:
                    self.check_calls(base)
                self.check_import_time(stmt.body, in_class=True)
            elif isinstance(stmt, ast.FunctionDef):
                for deco in stmt.decorator_list:
                    if _dotted(deco) not in _DECORATORS:
                        self.fail(deco, f"the decorator {_dotted(deco)!r}")
                for default in stmt.args.defaults + [d for d in stmt.args.kw_defaults if d]:
                    self.check_calls(default)
            elif not (isinstance(stmt, ast.Pass) and in_class):
                self.fail(stmt, f"a top-level {type(stmt).__name__} statement")

    def check_import(self, stmt: ast.Import | ast.ImportFrom, in_class: bool) -> None:
        if in_class:
            self.fail(stmt, "an import inside a class")
        if isinstance(stmt, ast.ImportFrom):
            own = stmt.module is None or stmt.module.lstrip("_").isidentifier()
            if stmt.level == 1 and own:
                return
            if stmt.level == 0 and stmt.module in ALLOWED_IMPORTS:
                return
            self.fail(stmt, f"an import from {stmt.module!r}")
        for alias in stmt.names if isinstance(stmt, ast.Import) else ():
            if alias.name not in ALLOWED_IMPORTS:
                self.fail(stmt, f"an import of {alias.name!r}")

    def check_calls(self, node: ast.AST) -> None:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Call) and _dotted(sub.func) not in ALLOWED_IMPORT_TIME_CALLS:
                self.fail(sub, f"an import-time call of {_dotted(sub.func)!r}")
            if isinstance(sub, ast.Lambda | ast.NamedExpr | ast.Await | ast.Yield):
                self.fail(sub, f"an import-time {type(sub).__name__}")

    def check_names(self, tree: ast.AST) -> None:
        """No forbidden name and no dunder attribute anywhere (one pass over every node)."""
        name, attribute, allowed = ast.Name, ast.Attribute, _DUNDER_ATTRIBUTES
        for node in ast.walk(tree):
            kind = type(node)
            if kind is name:
                if node.id in FORBIDDEN_NAMES:  # type: ignore[attr-defined]
                    self.fail(node, f"the name {node.id!r}")  # type: ignore[attr-defined]
            elif kind is attribute:
                attr = node.attr  # type: ignore[attr-defined]
                if attr.startswith("__") and attr not in allowed:
                    self.fail(node, f"the attribute {attr!r}")


def _check_chunk(args: tuple[str, str, int]) -> tuple[str, str, str | None] | None:
    """Check one run of top-level statements; ``(where, what, hint)`` of the first problem."""
    text, where, offset = args
    try:
        tree = ast.parse(text)
    except SyntaxError as exc:
        return (
            f"{where}:{(exc.lineno or 0) + offset}",
            f"generated code is not valid Python: {exc.msg}",
            "this is a dtogen bug; please report it",
        )
    checker = _Checker(where, offset)
    try:
        checker.check_import_time(tree.body, in_class=False)
        checker.check_names(tree)
    except GeneratorError as exc:
        d = exc.diagnostics[0]
        return (d.where, d.message, d.hint)
    return None


def _rules_key() -> str:
    """What a verdict depends on: these rules and the Python grammar."""
    return hashlib.sha256(Path(__file__).read_bytes() + sys.version.encode()).hexdigest()[:16]


def check_generated_module(text: str, where: str) -> None:
    """Refuse a generated module whose AST holds anything templates do not produce.

    The module is checked in runs of top-level statements (the formatter's chunks), each
    parsed on its own: the rules only ever look at one statement at a time. Runs already
    found clean for this output file are remembered in the per-user cache (keyed by their
    text, these rules and the Python version): parsing costs ~25 µs per line, the largest
    share of a cold ``generate``, and a regeneration after a small change re-checks only the
    runs that changed. (Checking on several cores was measured slower on two.)
    """
    chunks = split_chunks(text) or [text]
    offsets, line = [], 0
    for chunk in chunks:
        offsets.append(line)
        line += chunk.count("\n")
    rules = _rules_key()
    keys = [
        hashlib.sha256(f"{rules}\0{c}".encode("utf-8", "surrogatepass")).hexdigest() for c in chunks
    ]
    pack_path = output_file_path("safety", current_scope(), where)
    known = _load_pack(pack_path)
    todo = [(c, where, o) for c, o, k in zip(chunks, offsets, keys, strict=True) if k not in known]
    # ASTs hold no reference cycles: the cyclic collector only costs time while they are built
    # (measured 30-60 % of the check on a large module)
    enabled = gc.isenabled()
    gc.disable()
    try:
        problems = [_check_chunk(item) for item in todo]
    finally:
        if enabled:
            gc.enable()
    for problem in problems:
        if problem is None:
            continue
        if len(chunks) > 1 and "not valid Python" in problem[1]:
            # a cut inside a string (page text at column 0 in a module docstring): whole text
            problem = _check_chunk((text, where, 0))
            if problem is None:
                return  # clean as a whole; its runs are not valid alone, so not remembered
        raise GeneratorError.single(*problem)
    if pack_path is not None and (todo or known != set(keys)):
        write_json(pack_path, sorted(set(keys)))


def _load_pack(path: Path | None) -> set[str]:
    data = read_json(path)
    if not isinstance(data, list):
        return set()
    return {k for k in data if isinstance(k, str)}
