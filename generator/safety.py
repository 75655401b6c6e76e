"""Structural check of generated modules: only the statement kinds templates produce.

Page text reaches generated code only as string constants (docstrings, wire names,
literals) and as validated identifiers. This check parses every rendered module and
refuses anything else at import-time level — so even a bug in escaping cannot turn a
description into code that runs when the package is imported.
"""

from __future__ import annotations

import ast

from generator.diagnostics import GeneratorError

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


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return "<expr>"


class _Checker(ast.NodeVisitor):
    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, node: ast.AST, what: str) -> None:
        line = getattr(node, "lineno", 0)
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

    def visit_Name(self, node: ast.Name) -> None:
        if node.id in FORBIDDEN_NAMES:
            self.fail(node, f"the name {node.id!r}")

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr.startswith("__") and node.attr not in ("__name__", "__init__", "__all__"):
            self.fail(node, f"the attribute {node.attr!r}")
        self.generic_visit(node)


def check_generated_module(text: str, where: str) -> None:
    """Refuse a generated module whose AST holds anything templates do not produce."""
    try:
        tree = ast.parse(text)
    except SyntaxError as exc:
        raise GeneratorError.single(
            f"{where}:{exc.lineno}", f"generated code is not valid Python: {exc.msg}",
            "this is a dtogen bug; please report it",
        ) from None  # fmt: skip
    checker = _Checker(where)
    checker.check_import_time(tree.body, in_class=False)
    checker.visit(tree)
