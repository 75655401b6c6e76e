"""Parse ServiceStack Python DTOs (``&lang=python``, ``/types/python``) with :mod:`ast`.

The code is parsed, never executed. ``# @Api(Description="…")``-style comments above a
class or field are read as attributes; class and field docstrings as descriptions.
"""

from __future__ import annotations

import ast
import dataclasses
import re
import warnings

from generator.scrape.code._common import (
    CodeContext,
    Pending,
    TypeBuilder,
    make_enum_member,
    make_member,
    parse_attribute_list,
)
from generator.scrape.records import TypeRecord

SOURCE = "code:python"
MAX_DEPTH = 32
_ENUM_BASES = frozenset({"Enum", "IntEnum", "StrEnum", "Flag", "IntFlag"})
_FLAG_BASES = frozenset({"Flag", "IntFlag"})
_MARKER = re.compile(r"^(?:Generic\[.*|IReturn\[.*|IReturnVoid|I[A-Z]\w*)$", re.DOTALL)


def parse_python(text: str, ctx: CodeContext) -> tuple[TypeRecord, ...]:
    """Parse Python DTO code into type records; a syntax error yields one error and ()."""
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            tree = ast.parse(text)
    except SyntaxError as exc:
        ctx.error(
            ctx.page_line(max((exc.lineno or 1) - 1, 0)),
            f"the Python DTO code does not parse: {exc.msg}",
            "the code block looks truncated or mangled; save the complete page again",
        )
        return ()
    except (ValueError, RecursionError, MemoryError) as exc:
        ctx.error(
            ctx.page_line(0),
            f"the Python DTO code cannot be parsed: {exc}",
            "the code block contains bytes or nesting Python rejects; check the saved page",
        )
        return ()
    for w in caught:
        ctx.warning(ctx.page_line(max(w.lineno - 1, 0)), f"Python reports: {w.message}")
    parser = _PyParser(text, ctx)
    parser.module(tree)
    return tuple(parser.types)


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _docstring(node: ast.stmt | None) -> str | None:
    if (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    ):
        return ast.get_docstring(ast.Module(body=[node], type_ignores=[])) or None
    return None


def _wire_name(value: ast.expr | None) -> str | None:
    """``field(metadata=config(field_name='x'), …)`` → ``x``."""
    if not isinstance(value, ast.Call) or _name(value.func) != "field":
        return None
    for kw in value.keywords:
        meta = kw.value
        if kw.arg != "metadata" or not isinstance(meta, ast.Call) or _name(meta.func) != "config":
            continue
        for inner in meta.keywords:
            if (
                inner.arg == "field_name"
                and isinstance(inner.value, ast.Constant)
                and isinstance(inner.value.value, str)
            ):
                return inner.value.value
    return None


class _PyParser:
    """Walks the ``ast`` of Python DTO code (module level, classes, fields, enum members)."""

    def __init__(self, text: str, ctx: CodeContext) -> None:
        self.lines = text.split("\n")
        self.blines = [ln.encode("utf-8", "surrogatepass") for ln in self.lines]
        self.ctx = ctx
        self.types: list[TypeRecord] = []

    def line(self, node: ast.stmt | ast.expr) -> int:
        return self.ctx.page_line(node.lineno - 1)

    def segment(self, node: ast.expr | ast.stmt) -> str:
        """The source text of a node (``ast.get_source_segment`` without re-splitting)."""
        end_line, end_col = node.end_lineno, node.end_col_offset
        if end_line is None or end_col is None:
            return ast.unparse(node)
        rows = self.blines[node.lineno - 1 : end_line]
        if len(rows) == 1:
            return rows[0][node.col_offset : end_col].decode("utf-8", "replace")
        parts = [rows[0][node.col_offset :], *rows[1:-1], rows[-1][:end_col]]
        return b"\n".join(parts).decode("utf-8", "replace")

    def comments(self, after: int, node: ast.stmt) -> Pending:
        """Attributes from ``# @Attr(...)`` comments between line ``after`` and ``node``."""
        start = node.lineno
        if isinstance(node, ast.ClassDef) and node.decorator_list:
            start = min(d.lineno for d in node.decorator_list)
        pending = Pending()
        for index in range(after, start - 1):
            body = self.lines[index].strip()
            if not body.startswith("#"):
                continue
            body = body.lstrip("#").strip()
            if not body.startswith("@"):
                continue
            parsed = parse_attribute_list(body[1:], self.ctx.page_line(index), "cs")
            if parsed is None:
                self.ctx.warning(self.ctx.page_line(index), f"cannot parse comment {body!r}")
            else:
                pending.attrs.extend(parsed)
        return pending

    def module(self, tree: ast.Module) -> None:
        prev_end = 0
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                self.class_def(node, self.comments(prev_end, node), None, 0)
            elif isinstance(node, ast.Assign):
                self.module_assign(node)
            elif not isinstance(node, ast.Import | ast.ImportFrom) and _docstring(node) is None:
                self.skip(node, "module-level statement")
            prev_end = node.end_lineno or node.lineno

    def skip(self, node: ast.stmt, what: str) -> None:
        text = self.segment(node) or type(node).__name__
        self.ctx.warning(
            self.line(node),
            f"unrecognized Python {what} {text.splitlines()[0][:60]!r}; skipped",
            "only classes with annotated fields, enums and TypeVar lines are read",
        )

    def module_assign(self, node: ast.Assign) -> None:
        """``T = TypeVar('T')`` lines are expected (generic parameters); others are reported."""
        value = node.value
        if not (isinstance(value, ast.Call) and _name(value.func) == "TypeVar"):
            self.skip(node, "assignment")

    def class_def(
        self, node: ast.ClassDef, trivia: Pending, owner: TypeBuilder | None, depth: int
    ) -> None:
        base_names = {_name(b) for b in node.bases}
        is_enum = bool(base_names & _ENUM_BASES)
        trivia.description = _docstring(node.body[0]) if node.body else None
        builder = TypeBuilder(
            name=node.name,
            source=SOURCE,
            line=self.line(node),
            kind="enum" if is_enum else "class",
            trivia=trivia,
            containing=owner.path() if owner else None,
            is_flags=bool(base_names & _FLAG_BASES),
        )
        if not is_enum:
            self.bases(builder, node.bases)
        index = len(self.types)
        self.types.append(builder.build())
        self.body(builder, node, depth)
        self.types[index] = builder.build()

    def bases(self, builder: TypeBuilder, bases: list[ast.expr]) -> None:
        """First non-marker base is the base; ``Generic[T]`` gives parameters; rest interfaces."""
        for base in bases:
            if isinstance(base, ast.Subscript) and _name(base.value) == "Generic":
                elts = base.slice.elts if isinstance(base.slice, ast.Tuple) else [base.slice]
                builder.generic_params = tuple(self.segment(e) for e in elts)
                continue
            text = self.segment(base)
            if builder.base is None and not _MARKER.match(text):
                builder.base = text
            else:
                builder.interfaces.append(text)

    def body(self, builder: TypeBuilder, node: ast.ClassDef, depth: int) -> None:
        prev_end = node.lineno
        stmts = node.body
        for i, stmt in enumerate(stmts):
            following = stmts[i + 1] if i + 1 < len(stmts) else None
            trivia = self.comments(prev_end, stmt)
            prev_end = stmt.end_lineno or stmt.lineno
            if isinstance(stmt, ast.Pass) or _docstring(stmt) is not None:
                continue
            trivia.description = _docstring(following)
            if isinstance(stmt, ast.ClassDef) and depth < MAX_DEPTH:
                self.class_def(stmt, trivia, builder, depth + 1)
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                self.field(builder, stmt, stmt.target.id, trivia)
            elif isinstance(stmt, ast.Assign) and builder.kind == "enum":
                self.enum_member(builder, stmt, trivia)
            else:
                self.skip(stmt, f"statement in class {builder.name}")

    def field(self, builder: TypeBuilder, stmt: ast.AnnAssign, name: str, trivia: Pending) -> None:
        record = make_member(name, self.segment(stmt.annotation), self.line(stmt), trivia, self.ctx)
        wire = _wire_name(stmt.value)
        if wire is not None:
            record = dataclasses.replace(record, wire_name=wire)
        builder.members.append(record)

    def enum_member(self, builder: TypeBuilder, stmt: ast.Assign, trivia: Pending) -> None:
        target = stmt.targets[0] if len(stmt.targets) == 1 else None
        if not isinstance(target, ast.Name):
            self.skip(stmt, f"assignment in enum {builder.name}")
            return
        value: str | None = None
        wire: str | None = None
        if isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
            wire = stmt.value.value
        else:
            value = self.segment(stmt.value)
        builder.enum_members.append(
            make_enum_member(target.id, self.line(stmt), trivia, value, wire)
        )
