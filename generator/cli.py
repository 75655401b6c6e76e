"""The ``dtogen`` command line: parse options, call the API, report diagnostics once."""

from __future__ import annotations

import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from generator import api
from generator.api import load_specs
from generator.config import Config
from generator.diagnostics import Diagnostics, GeneratorError
from generator.verify import verify as run_verify

F = TypeVar("F", bound=Callable[..., Any])


def _folders(*, out: bool) -> Callable[[F], F]:
    def deco(fn: F) -> F:
        fn = click.option(
            "--specs",
            "specs_dir",
            type=click.Path(path_type=Path),
            default=Path("specs"),
            show_default=True,
            help="Folder of specs (<service>.json) and pages (pages/<service>/).",
        )(fn)
        if out:
            fn = click.option(
                "--out",
                "out_dir",
                type=click.Path(path_type=Path),
                default=Path("generated"),
                show_default=True,
                help="Folder the packages are generated into.",
            )(fn)
        return fn

    return deco


def report(diags: Diagnostics, *, verbose: bool = False) -> None:
    """Print collected diagnostics once, errors first, to stderr (infos only if verbose)."""
    for d in diags.sorted():
        if d.level != "info" or verbose:
            click.echo(d.render(), err=True)


def _run(diags: Diagnostics, verbose: bool, fn: Callable[[], Any]) -> Any:
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
    report(diags, verbose=verbose)
    return result


def _verbose(fn: F) -> F:
    return click.option("-v", "--verbose", is_flag=True, help="Also print info diagnostics.")(fn)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
@click.option("--all", "all_", is_flag=True, help="Re-scrape every service folder in specs/pages/.")
@_folders(out=False)
@_verbose
def scrape(
    sources: tuple[str, ...], service: str | None, all_: bool, specs_dir: Path, verbose: bool
) -> None:
    """Scrape saved metadata pages (files or folders) into specs/NAME.json.

    Pages outside specs/pages/NAME/ are copied there, and the spec is rebuilt from every
    page of that folder. Nothing is written when a page has errors.
    """
    config = Config(specs_dir=specs_dir)
    diags = Diagnostics()
    if all_:
        results = _run(diags, verbose, lambda: api.rescrape_all(config, diags))
    elif service:
        results = [_run(diags, verbose, lambda: api.scrape(sources, service, config, diags))]
    else:
        raise click.UsageError("give --service NAME (or --all)")
    for r in results:
        click.echo(f"wrote {r.spec_path} ({len(r.pages)} page(s), {len(r.added)} added)")


@main.command()
@_folders(out=True)
@_verbose
def generate(specs_dir: Path, out_dir: Path, verbose: bool) -> None:
    """Generate one package per spec into OUT (only changed files are written)."""
    diags = Diagnostics()
    config = Config(specs_dir=specs_dir, out_dir=out_dir)
    plan = _run(diags, verbose, lambda: api.generate(config, diags))
    click.echo(
        f"{len(plan.changed)} written, {len(plan.deleted)} deleted, {len(plan.unchanged)} unchanged"
    )


@main.command()
@_folders(out=True)
@_verbose
def check(specs_dir: Path, out_dir: Path, verbose: bool) -> None:
    """Exit 1 with a unified diff when OUT is not what `generate` would write."""
    diags = Diagnostics()
    config = Config(specs_dir=specs_dir, out_dir=out_dir)
    plan, diff = _run(diags, verbose, lambda: api.check(config, diags))
    if plan.is_noop:
        click.echo(f"{out_dir} is up to date")
        return
    click.echo(diff, nl=False)
    click.echo(
        f"{out_dir} is stale: {len(plan.changed)} file(s) differ, {len(plan.deleted)} stale; "
        "run 'make generate' (or 'dtogen generate') to update it",
        err=True,
    )
    sys.exit(1)


@main.command()
@_folders(out=True)
@_verbose
def verify(specs_dir: Path, out_dir: Path, verbose: bool) -> None:
    """Round-trip every documented sample through the generated DTOs."""
    diags = Diagnostics()
    specs = _run(diags, verbose, lambda: load_specs(Config(specs_dir=specs_dir), diags))
    checks = run_verify(specs, out_dir)
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
