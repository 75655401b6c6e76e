"""Run configuration: one immutable value passed down to every stage."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True, kw_only=True)
class Config:
    """Where specs and pages are read and where packages are written."""

    specs_dir: Path = Path("specs")
    out_dir: Path = Path("generated")

    @property
    def pages_dir(self) -> Path:
        """``specs/pages``: one folder of saved pages per service."""
        return self.specs_dir / "pages"

    def spec_path(self, service: str) -> Path:
        """``specs/<service>.json``."""
        return self.specs_dir / f"{service}.json"
