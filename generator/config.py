"""Run configuration: one immutable value passed down to every stage.

The values come from ``[tool.dtogen]`` in ``pyproject.toml`` (read with :mod:`tomllib`
from the current directory, or from ``--config PATH``) and from command-line options,
which win. Relative paths in the file are relative to the file's folder, so a run from
another working directory reads and writes the same files.

Two settings change generated output and so must reach generation deterministically:

* ``json_naming`` decides JSON member names the samples do not show. It is applied by
  ``scrape`` (the mapper writes the resulting wire names into ``specs/<svc>.json``), so it
  is recorded in the reviewed spec.
* ``names`` (the name override map) is applied by ``generate``/``check`` when Python names
  are assigned (:func:`generator.naming.assign_names`), because Python names are a pure
  function of the spec plus this map and are not stored in the IR.

Both reach the stages through :func:`configured`, which the API enters around a run, so the
stage functions keep their signatures.
"""

from __future__ import annotations

import keyword
import re
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from generator.diagnostics import GeneratorError

JsonNaming = Literal["auto", "camel", "declared"]
JSON_NAMINGS: tuple[str, ...] = ("auto", "camel", "declared")

#: Every key ``[tool.dtogen]`` accepts, with its meaning (printed by ``dtogen --help``).
TOP_KEYS: dict[str, str] = {
    "specs": 'folder of specs (<service>.json) and pages (pages/<service>/); default "specs"',
    "out": 'folder the packages are generated into; default "generated"',
    "services": "table of services: [tool.dtogen.services.NAME]",
}
SERVICE_KEYS: dict[str, str] = {
    "sources": "page files, folders of pages, or URLs scraped into the service",
    "json_naming": '"auto" (samples decide; default), "camel" or "declared": JSON names of '
    "members no sample shows",
    "names": 'name override map: "Type.Member" = "python_name", "Type" = "PythonClass"',
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ServiceConfig:
    """The configured options of one service (``[tool.dtogen.services.NAME]``)."""

    name: str
    sources: tuple[str, ...] = ()
    json_naming: JsonNaming = "auto"
    names: tuple[tuple[str, str], ...] = ()  # sorted ("Type.Member" | "Type", python name)

    @property
    def name_map(self) -> dict[str, str]:
        """The override map as a dict."""
        return dict(self.names)


@dataclass(frozen=True, slots=True, kw_only=True)
class Config:
    """Where specs and pages are read, where packages are written, and per-service options."""

    specs_dir: Path = Path("specs")
    out_dir: Path = Path("generated")
    services: tuple[ServiceConfig, ...] = ()
    config_file: Path | None = None  # the pyproject.toml the values came from

    @property
    def pages_dir(self) -> Path:
        """``specs/pages``: one folder of saved pages per service."""
        return self.specs_dir / "pages"

    def spec_path(self, service: str) -> Path:
        """``specs/<service>.json``."""
        return self.specs_dir / f"{service}.json"

    def service(self, name: str) -> ServiceConfig | None:
        """The configured options of ``name``, if the configuration mentions it."""
        return next((s for s in self.services if s.name == name), None)


# ---------------------------------------------------------------------------------------------
# Reading [tool.dtogen]


def _fail(where: str, message: str, hint: str) -> GeneratorError:
    return GeneratorError.single(where, message, hint)


def _check_keys(table: Mapping[str, Any], allowed: Mapping[str, str], where: str) -> None:
    for key in sorted(table):
        if key not in allowed:
            raise _fail(
                f"{where}.{key}",
                f"unknown configuration key {key!r}",
                f"keys allowed here: {', '.join(allowed)} (see 'dtogen --help')",
            )


def _string(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise _fail(where, f"expected a non-empty string, got {value!r}", "quote the value")
    return value


_CLASS_KEY = re.compile(r"^[A-Za-z_][\w`.]*$")


def _names(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise _fail(where, "expected a table", f'write it as [{where}] with "Type.Member" = "name"')
    out = []
    for key, name in sorted(value.items()):
        at = f'{where}."{key}"'
        name = _string(name, at)
        if not _CLASS_KEY.match(key):
            raise _fail(at, f"{key!r} is not a type or member name", 'use "Type" or "Type.Member"')
        if not name.isidentifier() or keyword.iskeyword(name) or keyword.issoftkeyword(name):
            raise _fail(
                at,
                f"{name!r} is not a usable Python identifier",
                "pick a name made of letters, digits and underscores that is not a keyword",
            )
        out.append((key, name))
    return tuple(out)


def _service(name: str, table: Any, where: str) -> ServiceConfig:
    if not isinstance(table, dict):
        raise _fail(where, "expected a table", f"write it as [{where}]")
    _check_keys(table, SERVICE_KEYS, where)
    sources = table.get("sources", [])
    if isinstance(sources, str):
        sources = [sources]
    if not isinstance(sources, list):
        raise _fail(f"{where}.sources", "expected a list of strings", 'e.g. sources = ["pages/"]')
    naming = table.get("json_naming", "auto")
    if naming not in JSON_NAMINGS:
        raise _fail(
            f"{where}.json_naming",
            f"unknown JSON naming {naming!r}",
            f"use one of {', '.join(repr(n) for n in JSON_NAMINGS)}",
        )
    return ServiceConfig(
        name=name,
        sources=tuple(_string(s, f"{where}.sources[{i}]") for i, s in enumerate(sources)),
        json_naming=naming,
        names=_names(table.get("names", {}), f"{where}.names"),
    )


def _resolve(base: Path, value: str) -> Path:
    path = Path(value)
    return path if path.is_absolute() or base == Path(".") else base / path


def _source(base: Path, value: str) -> str:
    if re.match(r"^[a-z][a-z0-9+.-]*://", value, re.I):
        return value
    return str(_resolve(base, value))


def parse_config(data: Mapping[str, Any], path: Path) -> Config:
    """Build a :class:`Config` from a parsed ``pyproject.toml`` (``[tool.dtogen]``)."""
    tool = data.get("tool", {})
    table = tool.get("dtogen", {}) if isinstance(tool, dict) else {}
    where = f"{path}: tool.dtogen"
    if not isinstance(table, dict):
        raise _fail(where, "expected a table", "write it as [tool.dtogen]")
    _check_keys(table, TOP_KEYS, where)
    base = path.parent
    services_table = table.get("services", {})
    if not isinstance(services_table, dict):
        raise _fail(f"{where}.services", "expected a table", "write [tool.dtogen.services.NAME]")
    services = []
    for name in sorted(services_table):
        svc = _service(name, services_table[name], f"{where}.services.{name}")
        services.append(
            ServiceConfig(
                name=svc.name,
                sources=tuple(_source(base, s) for s in svc.sources),
                json_naming=svc.json_naming,
                names=svc.names,
            )
        )
    return Config(
        specs_dir=_resolve(base, _string(table.get("specs", "specs"), f"{where}.specs")),
        out_dir=_resolve(base, _string(table.get("out", "generated"), f"{where}.out")),
        services=tuple(services),
        config_file=path,
    )


def load_config(path: Path | None = None) -> Config:
    """Read ``[tool.dtogen]`` from ``path``, or from ``./pyproject.toml`` when it exists.

    No file (and no explicit path) means the defaults. A file without ``[tool.dtogen]`` is
    fine too. Errors name the file and the key.
    """
    explicit = path is not None
    path = path if path is not None else Path("pyproject.toml")
    if not path.is_file():
        if explicit:
            raise _fail(str(path), "configuration file not found", "check the --config path")
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(str(path), f"cannot read configuration: {exc}", "check the file") from None
    except tomllib.TOMLDecodeError as exc:
        raise _fail(str(path), f"not valid TOML: {exc}", "fix the syntax") from None
    return parse_config(data, path)


def with_overrides(
    config: Config, *, specs_dir: Path | None = None, out_dir: Path | None = None
) -> Config:
    """``config`` with the folders given on the command line (command-line options win)."""
    return Config(
        specs_dir=specs_dir if specs_dir is not None else config.specs_dir,
        out_dir=out_dir if out_dir is not None else config.out_dir,
        services=config.services,
        config_file=config.config_file,
    )


def with_service(config: Config, service: ServiceConfig) -> Config:
    """``config`` with ``service``'s options replaced (used for command-line options)."""
    others = tuple(s for s in config.services if s.name != service.name)
    return Config(
        specs_dir=config.specs_dir,
        out_dir=config.out_dir,
        services=tuple(sorted((*others, service), key=lambda s: s.name)),
        config_file=config.config_file,
    )


# ---------------------------------------------------------------------------------------------
# The options of the service being processed


_ACTIVE: ContextVar[tuple[Config, str | None] | None] = ContextVar(
    "dtogen_active_config", default=None
)


@contextmanager
def configured(config: Config, service: str | None = None) -> Iterator[None]:
    """Make ``config`` (and the service being scraped, if any) the one in force."""
    token = _ACTIVE.set((config, service))
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def active_options(service: str | None = None) -> ServiceConfig | None:
    """The options of ``service`` (default: the service being scraped) in the active config.

    None outside :func:`configured` or when the configuration does not mention the service.
    """
    active = _ACTIVE.get()
    if active is None:
        return None
    config, current = active
    name = service if service is not None else current
    return config.service(name) if name is not None else None
