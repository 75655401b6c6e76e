"""The ``dtogen`` command line: parse options, call the API, report diagnostics once."""

from __future__ import annotations

import shlex
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

if TYPE_CHECKING:
    from generator.fetch import FetchOptions

from generator import api
from generator.api import load_specs
from generator.config import (
    SERVICE_KEYS,
    TOP_KEYS,
    Config,
    JsonNaming,
    ServiceConfig,
    configured,
    load_config,
    with_overrides,
    with_service,
)
from generator.diagnostics import Diagnostics, GeneratorError

F = TypeVar("F", bound=Callable[..., Any])


def _folders(*, out: bool) -> Callable[[F], F]:
    def deco(fn: F) -> F:
        fn = click.option(
            "--specs",
            "specs_dir",
            type=click.Path(path_type=Path),
            default=None,
            help="Folder of specs (<service>.json) and pages (pages/<service>/). "
            "[default: tool.dtogen.specs, else specs]",
        )(fn)
        if out:
            fn = click.option(
                "--out",
                "out_dir",
                type=click.Path(path_type=Path),
                default=None,
                help="Folder the packages are generated into. "
                "[default: tool.dtogen.out, else generated]",
            )(fn)
        return click.option(
            "--config",
            "config_path",
            type=click.Path(path_type=Path, dir_okay=False),
            default=None,
            help="pyproject.toml to read [tool.dtogen] from. [default: ./pyproject.toml]",
        )(fn)

    return deco


def _config(
    diags: Diagnostics,
    verbose: bool,
    config_path: Path | None,
    specs_dir: Path | None,
    out_dir: Path | None = None,
) -> Config:
    """The configuration file's values with the command-line options laid over them."""
    config: Config = _run(diags, verbose, lambda: load_config(config_path), final=False)
    return with_overrides(config, specs_dir=specs_dir, out_dir=out_dir)


def fix_command(config_path: Path | None, specs_dir: Path | None, out_dir: Path | None) -> str:
    """The ``dtogen generate`` command line that brings OUT up to date, with the given options."""
    parts = ["dtogen", "generate"]
    for flag, value in (("--config", config_path), ("--specs", specs_dir), ("--out", out_dir)):
        if value is not None:
            parts += [flag, shlex.quote(str(value))]
    return " ".join(parts)


def report(diags: Diagnostics, *, verbose: bool = False) -> None:
    """Print collected diagnostics once, errors first, to stderr (infos only if verbose)."""
    for d in diags.sorted():
        if d.level != "info" or verbose:
            click.echo(d.render(), err=True)


def _run(diags: Diagnostics, verbose: bool, fn: Callable[[], Any], *, final: bool = True) -> Any:
    try:
        result = fn()
    except GeneratorError as exc:
        known = set(diags.items)
        diags.extend(d for d in exc.diagnostics if d not in known)
        report(diags, verbose=verbose)
        sys.exit(1)
    except Exception as exc:  # a dtogen bug: say so in one line, keep the traceback in a file
        report(diags, verbose=verbose)
        with tempfile.NamedTemporaryFile("w", prefix="dtogen-", suffix=".txt", delete=False) as f:
            traceback.print_exc(file=f)
        click.echo(
            f"internal error: {type(exc).__name__}: {exc}\n  hint: this is a dtogen bug; "
            f"please report it with the traceback saved in {f.name}",
            err=True,
        )
        sys.exit(1)
    if final:
        report(diags, verbose=verbose)
    return result


def _verbose(fn: F) -> F:
    return click.option("-v", "--verbose", is_flag=True, help="Also print info diagnostics.")(fn)


def _fetch_options(fn: F) -> F:
    """--timeout, --retries, --max-bytes, --header, --cookie: limits and auth for URLs."""
    for decorator in (
        click.option("--timeout", type=click.FloatRange(0.1, 600), default=10.0,
                     show_default=True, help="Seconds one request may take, body included."),
        click.option("--retries", type=click.IntRange(0, 10), default=2, show_default=True,
                     help="Retries (with backoff) after 5xx answers, timeouts, dropped links."),
        click.option("--max-bytes", type=click.IntRange(1024), default=8 * 1024 * 1024,
                     show_default=True, help="Size cap of one page (also after decompression)."),
        click.option("--header", "headers", multiple=True, metavar="'NAME: VALUE'",
                     help="Extra request header, e.g. 'Authorization: Bearer $TOKEN' (repeatable)."),
        click.option("--cookie", "cookies", multiple=True, metavar="NAME=VALUE",
                     help="Cookie for private metadata pages (repeatable)."),
    ):  # fmt: skip
        fn = decorator(fn)
    return fn


def _fetch(
    timeout: float, retries: int, max_bytes: int, headers: tuple[str, ...], cookies: tuple[str, ...]
) -> FetchOptions:
    pairs: list[tuple[str, str]] = []
    for header in headers:
        name, sep, value = header.partition(":")
        if not sep or not name.strip() or any(c in header for c in "\r\n"):
            raise click.BadParameter(f"{header!r} is not 'Name: value'", param_hint="--header")
        pairs.append((name.strip(), value.strip()))
    if any("=" not in c or any(ch in c for ch in "\r\n;") for c in cookies):
        raise click.BadParameter("cookies are NAME=VALUE", param_hint="--cookie")
    if cookies:
        pairs.append(("Cookie", "; ".join(c.strip() for c in cookies)))
    from generator.fetch import FetchOptions

    return FetchOptions(timeout=timeout, retries=retries, max_bytes=max_bytes, headers=tuple(pairs))


class _ProgressBar:
    """One self-rewriting line on stderr: operations done of all (terminals only)."""

    def __init__(self) -> None:
        self.shown = False

    def __call__(self, done: int, total: int, name: str) -> None:
        filled = 30 * done // max(total, 1)
        bar = "#" * filled + "." * (30 - filled)
        click.echo(f"\r[{bar}] {done}/{total} {name[:40]:<40}", err=True, nl=False)
        self.shown = True

    def close(self) -> None:
        if self.shown:
            click.echo("", err=True)


def _config_help() -> str:
    lines = ["\b", "Configuration: [tool.dtogen] in ./pyproject.toml (or --config PATH);"]
    lines.append("command-line options override it. Keys:")
    lines += [f"  {key:<13} {text}" for key, text in TOP_KEYS.items()]
    lines.append("[tool.dtogen.services.NAME] keys:")
    lines += [f"  {key:<13} {text}" for key, text in SERVICE_KEYS.items()]
    lines.append("Relative paths are relative to the pyproject.toml's folder.")
    return "\n".join(lines)


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=_config_help())
@click.version_option(package_name="dtogen")
def main() -> None:
    """Turn ServiceStack / ASP.NET Web API metadata pages into typed, verified Python DTOs.

    \b
    Typical flow:
      dtogen scrape page.txt --service my_service   # pages → specs/my_service.json
      dtogen generate                                # specs/ → generated/
      dtogen verify                                  # round-trip every documented sample
      dtogen check                                   # exit 1 with a diff if generated/ is stale
    """


@main.command()
@click.argument("sources", nargs=-1)
@click.option(
    "--service", help="Service name (lower_snake_case); its pages live in specs/pages/NAME/."
)
@click.option(
    "--all",
    "all_",
    is_flag=True,
    help="Re-scrape every service folder in specs/pages/ and every configured service.",
)
@click.option(
    "--json-naming",
    type=click.Choice(["auto", "camel", "declared"]),
    default=None,
    help="JSON names of members no sample shows (overrides json_naming of the service).",
)
@_fetch_options
@_folders(out=False)
@_verbose
def scrape(
    sources: tuple[str, ...],
    service: str | None,
    all_: bool,
    json_naming: str | None,
    specs_dir: Path | None,
    config_path: Path | None,
    verbose: bool,
    **fetch_args: Any,
) -> None:
    """Scrape metadata pages (files, folders or URLs) into specs/NAME.json.

    Pages outside specs/pages/NAME/ are copied there (a URL is fetched and saved as
    .html), and the spec is rebuilt from every page of that folder. Nothing is written
    when a page has errors. Without SOURCES the service's configured sources are used;
    without --service, every configured service. A whole live service: 'dtogen crawl'.
    """
    diags = Diagnostics()
    config = _config(diags, verbose, config_path, specs_dir)
    if json_naming is not None:
        if not service:
            raise click.UsageError("--json-naming needs --service NAME")
        old = config.service(service) or ServiceConfig(name=service)
        config = with_service(
            config,
            ServiceConfig(
                name=service,
                sources=old.sources,
                json_naming=cast(JsonNaming, json_naming),
                names=old.names,
            ),
        )
    if all_:
        results = _run(diags, verbose, lambda: api.rescrape_all(config, diags))
    elif service:
        fetch = _fetch(**fetch_args)  # (only this form fetches; the others use no HTTP client)
        given = list(sources) or api.configured_sources(config, service)
        results = [
            _run(diags, verbose, lambda: api.scrape(given, service, config, diags, fetch=fetch))
        ]
    elif sources:
        raise click.UsageError("give --service NAME for these pages")
    elif config.services:
        results = _run(diags, verbose, lambda: api.scrape_configured(config, diags))
    else:
        raise click.UsageError(
            "give --service NAME (or --all), or configure [tool.dtogen.services.NAME]"
        )
    for r in results:
        done = f"wrote {r.spec_path}" if r.spec_written else f"{r.spec_path} unchanged"
        click.echo(f"{done} ({len(r.pages)} page(s), {len(r.added)} added)")


@main.command()
@click.argument("base_url")
@click.option("--service", required=True, help="Service name; pages go to specs/pages/NAME/.")
@click.option("--connections", type=click.IntRange(1, 16), default=4, show_default=True,
              help="Pages fetched at the same time.")  # fmt: skip
@_fetch_options
@_folders(out=False)
@_verbose
def crawl(
    base_url: str,
    service: str,
    connections: int,
    specs_dir: Path | None,
    config_path: Path | None,
    verbose: bool,
    **fetch_args: Any,
) -> None:
    """Fetch a live service's metadata pages into specs/pages/NAME/, then build specs/NAME.json.

    BASE_URL is the service (or its /metadata or Web API /Help page). Only pages on its
    host are fetched; pages are saved only when they changed. Exit status: 0 when every
    page arrived, 3 when some failed (the spec is built from the pages that arrived;
    the failures are listed), 1 on errors (no index, or the spec could not be built).
    """
    from generator.crawl import CrawlOptions

    options = CrawlOptions(fetch=_fetch(**fetch_args), connections=connections)
    diags = Diagnostics()
    config = _config(diags, verbose, config_path, specs_dir)
    bar = _ProgressBar() if sys.stderr.isatty() else None
    try:
        result = _run(
            diags, verbose, lambda: api.crawl(base_url, service, config, diags, options, bar)
        )
    finally:
        if bar is not None:
            bar.close()
    for line in result.report.summary():
        click.echo(line)
    if result.scrape is None:
        sys.exit(1)
    spec = result.scrape.spec_path
    done = f"wrote {spec}" if result.scrape.spec_written else f"{spec} unchanged"
    click.echo(f"{done} ({len(result.scrape.pages)} page(s))")
    if result.report.failed:
        sys.exit(3)


@main.command()
@_folders(out=True)
@_verbose
def generate(
    specs_dir: Path | None, out_dir: Path | None, config_path: Path | None, verbose: bool
) -> None:
    """Generate one package per spec into OUT (only changed files are written).

    Files of OUT/<service>/ that regeneration no longer produces are deleted, and so are
    generated packages whose spec is gone.
    """
    diags = Diagnostics()
    config = _config(diags, verbose, config_path, specs_dir, out_dir)
    plan = _run(diags, verbose, lambda: api.generate(config, diags))
    click.echo(
        f"{len(plan.changed)} written, {len(plan.deleted)} deleted, {len(plan.unchanged)} unchanged"
    )


@main.command()
@_folders(out=True)
@_verbose
def check(
    specs_dir: Path | None, out_dir: Path | None, config_path: Path | None, verbose: bool
) -> None:
    """Exit 1 with a unified diff when OUT is not what `generate` would write.

    Writes nothing. Exit 0 when OUT is current; 1 when it is stale (the diff goes to
    stdout, the command that fixes it to stderr) or on errors.
    """
    diags = Diagnostics()
    config = _config(diags, verbose, config_path, specs_dir, out_dir)
    plan, diff = _run(diags, verbose, lambda: api.check(config, diags))
    if plan.is_noop:
        click.echo(f"{config.out_dir} is up to date")
        return
    click.echo(diff, nl=False)
    click.echo(
        f"{config.out_dir} is stale: {len(plan.changed)} file(s) differ, "
        f"{len(plan.deleted)} stale; run 'make generate' (or "
        f"'{fix_command(config_path, specs_dir, out_dir)}') to update it",
        err=True,
    )
    sys.exit(1)


@main.command()
@_folders(out=True)
@_verbose
def verify(
    specs_dir: Path | None, out_dir: Path | None, config_path: Path | None, verbose: bool
) -> None:
    """Round-trip every documented sample through the generated DTOs."""
    diags = Diagnostics()
    config = _config(diags, verbose, config_path, specs_dir, out_dir)
    specs = _run(diags, verbose, lambda: load_specs(config, diags))
    with configured(config):
        from generator.verify import verify as run_verify

        checks = run_verify(specs, config.out_dir)
    for c in checks:
        mark = "ok  " if c.ok else "FAIL"
        exact = " (byte-identical)" if c.exact else ""
        where = f"  [{c.where}]" if c.where else ""
        click.echo(f"{mark} {c.service}: {c.name}{exact}{where}")
        if not c.ok:
            click.echo(f"     {c.detail}")
    failed = sum(not c.ok for c in checks)
    click.echo(f"{len(checks) - failed} passed, {failed} failed")
    if failed or not checks:
        sys.exit(1)
