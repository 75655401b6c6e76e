"""Parameter and enum tables of a ServiceStack metadata page, as flattened text.

A parameter table reads ``<Type> Parameters:`` / ``NameParameterData TypeRequiredDescription``
followed by rows whose cells are glued together (``ClientIDformintNo``), each row
optionally followed by an ``Allowable Values`` bullet list or a ``Valid Range: a - b`` line.
An enum table reads ``<Type> Enum:`` / optional ``NameValue`` / one member per row.
Cells carry no separators, so a row is split by enumerating every valid split and
ranking them by evidence (known data types, types tabled on the page, names seen in
the samples) before falling back to heuristics, which are reported as warnings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.diagnostics import Diagnostics
from generator.scrape.records import EnumMemberRecord, MemberRecord, TypeRecord

PARAM_TYPES: tuple[str, ...] = ("body", "query", "path", "form", "model", "header")
PARAMS_HEADER = "NameParameterData TypeRequiredDescription"
ENUM_HEADER = "NameValue"
ALLOWABLE_HEADING = "Allowable Values"
VALID_RANGE_PREFIX = "Valid Range:"
BULLET = "\u2022"

KNOWN_TYPES: frozenset[str] = frozenset(
    {
        "string", "int", "long", "short", "byte", "bool", "float", "double", "decimal", "char",
        "object", "ushort", "uint", "ulong", "sbyte", "DateTime", "DateTimeOffset", "TimeSpan",
        "Guid", "Uri", "Char", "String", "Object", "Stream",
    }
)  # fmt: skip
KNOWN_GENERICS: frozenset[str] = frozenset(
    {
        "List", "IList", "ICollection", "IEnumerable", "IReadOnlyList", "IReadOnlyCollection",
        "HashSet", "ISet", "Dictionary", "IDictionary", "IReadOnlyDictionary", "SortedDictionary",
        "KeyValuePair", "Nullable",
    }
)  # fmt: skip

_CAPTION = re.compile(r"^(?P<name>[^\W\d][\w.`<>, \[\]]*?) (?P<kind>Parameters|Enum):$")
_NAME = re.compile(r"[^\W\d]\w*\Z")
_TYPE_TEXT = re.compile(r"[^\W\d][\w.<>, \[\]?`]*\Z")
_GENERIC = re.compile(r"^(?P<outer>[^\W\d][\w.`]*)<(?P<args>.+)>$")


def caption_of(line: str) -> tuple[str, str] | None:
    """Return ``(type name, "Parameters"|"Enum")`` when ``line`` is a table caption."""
    m = _CAPTION.match(line.strip())
    return (m.group("name"), m.group("kind")) if m else None


def is_type_text(text: str) -> bool:
    """True when ``text`` is syntactically a C# display type (``int?``, ``List<Foo>``, ``X[]``)."""
    if not _TYPE_TEXT.match(text) or text != text.strip() or "  " in text:
        return False
    depth = {"<": 0, "[": 0}
    closers = {">": "<", "]": "["}
    for ch in text:
        if ch in depth:
            depth[ch] += 1
        elif ch in closers:
            depth[closers[ch]] -= 1
            if depth[closers[ch]] < 0:
                return False
    return depth == {"<": 0, "[": 0} and not text.endswith((",", ".", "<"))


def is_known_type(text: str, table_types: frozenset[str] = frozenset()) -> bool:
    """True for C# aliases/CLR names, nullable/array/collection forms and tabled types."""
    t = text
    while t.endswith(("?", "[]")):
        t = t[:-1] if t.endswith("?") else t[:-2]
    if t in KNOWN_TYPES or t in table_types:
        return True
    m = _GENERIC.match(t)
    return m is not None and (m.group("outer") in KNOWN_GENERICS or m.group("outer") in table_types)


@dataclass(frozen=True, slots=True)
class RowSplit:
    """One way of reading a glued parameter row."""

    name: str
    param_type: str
    type_text: str
    required: bool
    description: str | None


@dataclass(frozen=True, slots=True)
class RowChoice:
    """The chosen split of a row; ``guessed`` when only heuristics separated the candidates."""

    best: RowSplit
    alternatives: tuple[RowSplit, ...]
    guessed: bool


def _occurrences(text: str, word: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(word), text)]


def _candidates(row: str) -> list[RowSplit]:
    found: list[RowSplit] = []
    for ptype in PARAM_TYPES:
        for i in _occurrences(row, ptype):
            name, rest = row[:i], row[i + len(ptype) :]
            if not _NAME.match(name):
                continue
            for word, required in (("Yes", True), ("No", False)):
                for j in _occurrences(rest, word):
                    type_text = rest[:j]
                    if is_type_text(type_text):
                        desc = rest[j + len(word) :].strip() or None
                        found.append(RowSplit(name, ptype, type_text, required, desc))
    return found


def _score(c: RowSplit, table_types: frozenset[str], words: frozenset[str]) -> tuple[int, ...]:
    known = is_known_type(c.type_text, table_types)
    plausible = known or c.type_text[:1].isupper()
    clean = c.description is None or not c.description[:1].islower()
    in_samples = c.name.lower() in words
    return (known, in_samples, plausible, len(c.name), clean, -len(c.type_text))


def split_param_row(
    row: str,
    table_types: frozenset[str] = frozenset(),
    known_words: frozenset[str] = frozenset(),
) -> RowChoice | None:
    """Split a glued ``NameParameterDataTypeRequired[Description]`` row, or None if impossible.

    Preference: a known data type (or a type tabled on the page), then a name that occurs
    in the samples (``known_words``, lower-case), then a plausible type, then the longest name.
    """
    cands = _candidates(row.strip())
    if not cands:
        return None
    ranked = sorted(cands, key=lambda c: _score(c, table_types, known_words), reverse=True)
    best = ranked[0]
    guessed = len(ranked) > 1 and (
        _score(best, table_types, known_words)[:2]
        == _score(ranked[1], table_types, known_words)[:2]
    )
    return RowChoice(best=best, alternatives=tuple(ranked[1:]), guessed=guessed)


@dataclass(slots=True)
class _Row:
    split: RowSplit
    line: int
    description: str | None
    allowable: list[str] = field(default_factory=list)

    def record(self) -> MemberRecord:
        s = self.split
        return MemberRecord(
            name=s.name,
            type_text=s.type_text,
            line=self.line,
            description=self.description,
            required=s.required,
            param_type=s.param_type,
            allowable_values=tuple(self.allowable),
        )

    def add_description(self, text: str) -> None:
        self.description = text if self.description is None else f"{self.description}\n{text}"


@dataclass(slots=True)
class _Table:
    name: str
    kind: str
    line: int
    expect_header: bool = True
    has_values: bool = False
    in_allowable: bool = False
    rows: list[_Row] = field(default_factory=list)
    enum_rows: list[tuple[int, str]] = field(default_factory=list)


class _TableParser:
    """Line-by-line state machine over a tables section."""

    def __init__(self, source: str, diags: Diagnostics, known_words: frozenset[str]) -> None:
        self.source = source
        self.diags = diags
        self.words = known_words
        self.table_types: frozenset[str] = frozenset()
        self.current: _Table | None = None
        self.done: list[TypeRecord] = []

    def where(self, line: int) -> str:
        return f"{self.source}:{line}"

    def run(self, lines: Sequence[tuple[int, str]]) -> tuple[TypeRecord, ...]:
        names = {c[0] for c in (caption_of(t) for _, t in lines) if c}
        self.table_types = frozenset(names | {n.split("<", 1)[0] for n in names})
        for line, text in lines:
            if text.strip():
                self.feed(line, text.rstrip())
        self.flush()
        return tuple(self.done)

    def feed(self, line: int, text: str) -> None:
        cap = caption_of(text)
        if cap:
            self.flush()
            self.current = _Table(name=cap[0], kind=cap[1], line=line)
            return
        table = self.current
        if table is None:
            self.diags.warning(
                self.where(line),
                f"unexpected text before the first parameter table: {text.strip()!r}",
                "expected a '<Type> Parameters:' or '<Type> Enum:' caption; the line was ignored",
            )
            return
        if table.expect_header:
            table.expect_header = False
            if self.header(table, line, text):
                return
        if table.kind == "Enum":
            table.enum_rows.append((line, text.strip()))
        else:
            self.param_line(table, line, text)

    def header(self, table: _Table, line: int, text: str) -> bool:
        if table.kind == "Enum":
            table.has_values = text.strip() == ENUM_HEADER
            return table.has_values
        if text.strip() == PARAMS_HEADER:
            return True
        self.diags.warning(
            self.where(line),
            f"table '{table.name}' has no '{PARAMS_HEADER}' header line",
            "rows are still read as Name, Parameter, Data Type, Required, Description",
        )
        return False

    def param_line(self, table: _Table, line: int, text: str) -> None:
        stripped = text.strip()
        last = table.rows[-1] if table.rows else None
        if stripped == ALLOWABLE_HEADING and last is not None:
            table.in_allowable = True
            return
        if stripped.startswith(BULLET) and last is not None and table.in_allowable:
            last.allowable.append(stripped[len(BULLET) :].strip())
            return
        table.in_allowable = False
        if stripped.startswith(VALID_RANGE_PREFIX) and last is not None:
            last.add_description(stripped)
            return
        choice = split_param_row(stripped, self.table_types, self.words)
        if choice is not None:
            self.add_row(table, line, choice)
        elif last is not None:
            last.add_description(stripped)
            self.diags.warning(
                self.where(line),
                f"cannot read {stripped!r} as a parameter row of '{table.name}'",
                f"kept as a continuation of the description of '{last.split.name}'; check the page",
            )
        else:
            self.diags.error(
                self.where(line),
                f"cannot split parameter row {stripped!r} of table '{table.name}'",
                "expected Name + body|query|path|form|model|header + Data Type + Yes|No",
            )

    def add_row(self, table: _Table, line: int, choice: RowChoice) -> None:
        best = choice.best
        if choice.guessed:
            others = ", ".join(
                f"{a.name}/{a.param_type}/{a.type_text}" for a in choice.alternatives
            )
            self.diags.warning(
                self.where(line),
                f"ambiguous parameter row; read as name={best.name!r} parameter="
                f"{best.param_type!r} type={best.type_text!r} (other readings: {others})",
                "verify against the DTO; a code-mode page (&lang=csharp) removes the ambiguity",
            )
        table.rows.append(_Row(split=best, line=line, description=best.description))

    def flush(self) -> None:
        table, self.current = self.current, None
        if table is None:
            return
        if table.kind == "Enum":
            members = self.enum_members(table)
            self.done.append(
                TypeRecord(
                    name=table.name,
                    source="enum-table",
                    line=table.line,
                    kind="enum",
                    enum_members=members,
                )
            )
            return
        members_ = tuple(r.record() for r in table.rows)
        self.done.append(
            TypeRecord(name=table.name, source="table", line=table.line, members=members_)
        )

    def enum_members(self, table: _Table) -> tuple[EnumMemberRecord, ...]:
        out: list[EnumMemberRecord] = []
        previous: int | None = None
        for line, text in table.enum_rows:
            if not table.has_values:
                if not _NAME.match(text):
                    self.diags.warning(
                        self.where(line),
                        f"enum '{table.name}' member {text!r} is not an identifier",
                        "kept as printed; check the page",
                    )
                out.append(EnumMemberRecord(name=text, line=line))
                continue
            name, value = self.split_enum_row(table, line, text, previous)
            previous = int(value) if value is not None else previous
            out.append(EnumMemberRecord(name=name, line=line, value=value))
        return tuple(out)

    def split_enum_row(
        self, table: _Table, line: int, text: str, previous: int | None
    ) -> tuple[str, str | None]:
        cands = enum_row_candidates(text)
        if not cands:
            self.diags.warning(
                self.where(line),
                f"enum '{table.name}' row {text!r} is not 'Name' followed by an integer value",
                "kept as a member name without value; check the page",
            )
            return text, None
        if len(cands) == 1:
            return cands[0]
        expected = {0, 1} if previous is None else {previous + 1, previous * 2}
        ascending = [c for c in cands if previous is None or int(c[1]) > previous]
        for rule, subset in (
            ("continues the previous member's value", [c for c in cands if int(c[1]) in expected]),
            ("is the only reading with an ascending value", ascending),
        ):
            if len(subset) == 1:
                self.diags.info(
                    self.where(line),
                    f"enum row {text!r} in '{table.name}' read as {subset[0][0]}={subset[0][1]}",
                    f"chosen because the value {rule}",
                )
                return subset[0]
        choice = cands[0]
        self.diags.warning(
            self.where(line),
            f"ambiguous enum row {text!r} in '{table.name}'; read as {choice[0]}={choice[1]}",
            "names ending in digits glue to their value; verify against the DTO",
        )
        return choice


def enum_row_candidates(text: str) -> list[tuple[str, str]]:
    """All ``(name, value)`` splits of a glued enum row, longest value first."""
    out: list[tuple[str, str]] = []
    for i in range(1, len(text)):
        name, value = text[:i], text[i:]
        if _NAME.match(name) and re.fullmatch(r"-?(0|[1-9]\d*)", value):
            out.append((name, value))
    return out


def parse_tables(
    lines: Sequence[tuple[int, str]],
    source: str,
    diags: Diagnostics,
    known_words: frozenset[str] = frozenset(),
) -> tuple[TypeRecord, ...]:
    """Parse a page's tables section given as ``(line number, text)`` pairs.

    ``known_words`` are lower-cased identifiers seen in the page's samples; they break ties
    when a glued row can be split in several ways.
    """
    return _TableParser(source, diags, known_words).run(lines)
