"""Where dtogen keeps its per-user caches (formatting chunks, regeneration manifests)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path | None:
    """The persistent cache folder, or None when ``DTOGEN_CACHE_DIR`` disables it."""
    env = os.environ.get("DTOGEN_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in ("", "0", "off", "no", "none") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "dtogen"
