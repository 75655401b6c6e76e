"""Diagnostics: problems collected as values and reported once by the CLI.

Library code never prints. Stages append :class:`Diagnostic` values to a
:class:`Diagnostics` collector; a stage that cannot meaningfully continue raises
:class:`GeneratorError` carrying everything collected so far.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

Level = Literal["error", "warning", "info"]

_LEVEL_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True, kw_only=True)
class Diagnostic:
    """One problem: what went wrong, where (``file:line`` or an IR path) and what to do."""

    level: Level
    where: str
    message: str
    hint: str | None = None

    def render(self) -> str:
        """Format as ``level: where: message`` plus an optional ``hint:`` line."""
        text = f"{self.level}: {self.where}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


@dataclass(slots=True)
class Diagnostics:
    """An append-only collector of diagnostics shared by the stages of one run."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, level: Level, where: str, message: str, hint: str | None = None) -> None:
        """Record one diagnostic."""
        self.items.append(Diagnostic(level=level, where=where, message=message, hint=hint))

    def error(self, where: str, message: str, hint: str | None = None) -> None:
        """Record an error: the run will fail and write nothing."""
        self.add("error", where, message, hint)

    def warning(self, where: str, message: str, hint: str | None = None) -> None:
        """Record a warning: output is produced, but a human should look."""
        self.add("warning", where, message, hint)

    def info(self, where: str, message: str, hint: str | None = None) -> None:
        """Record a decision worth knowing about (an inference, a default applied)."""
        self.add("info", where, message, hint)

    def extend(self, other: Iterable[Diagnostic]) -> None:
        """Append diagnostics produced elsewhere."""
        self.items.extend(other)

    @property
    def has_errors(self) -> bool:
        """True when at least one error was recorded."""
        return any(d.level == "error" for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        """Errors first, then warnings, then infos; stable within a level."""
        return sorted(self.items, key=lambda d: _LEVEL_ORDER[d.level])

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class GeneratorError(Exception):
    """A failure that stops the run; carries the diagnostics that explain it."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(d.render() for d in self.diagnostics))

    @classmethod
    def single(cls, where: str, message: str, hint: str | None = None) -> GeneratorError:
        """Build an error carrying one diagnostic."""
        return cls([Diagnostic(level="error", where=where, message=message, hint=hint)])
