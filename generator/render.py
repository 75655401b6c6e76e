"""View models → source text: Jinja rendering, black formatting, safety checks.

Rendering is pure: it returns ``{relative path: text}`` and touches no disk
(:mod:`generator.writer` is the only writer of ``generated/``).
"""

from __future__ import annotations

import tempfile
from functools import cache
from importlib import resources
from typing import Any

import jinja2

from generator.client_views import ClientView, build_client_view
from generator.diagnostics import Diagnostics, GeneratorError
from generator.formatting import default_mode, format_generated
from generator.ir import Spec
from generator.layout import tuple_block, wrap
from generator.safety import check_generated_module
from generator.validate import spec_problems
from generator.views import ModuleView, build_module_view


def __getattr__(name: str) -> Any:
    """``BLACK_MODE``: the black mode of generated code, built on first use (black is slow to import)."""
    if name == "BLACK_MODE":
        return default_mode()
    raise AttributeError(name)


@cache
def environment() -> jinja2.Environment:
    """The template environment: strict, whitespace-controlled, no autoescape."""
    root = resources.files("generator.templates")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(root)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.globals["wrap"] = wrap
    env.globals["tuple_block"] = tuple_block
    return env


@cache
def runtime_sources() -> dict[str, str]:
    """The runtime modules (``templates/runtime/_*.py``) copied verbatim into every package."""
    root = resources.files("generator.templates.runtime")
    return {
        entry.name: entry.read_text("utf-8")
        for entry in sorted(root.iterdir(), key=lambda e: e.name)
        if entry.name.startswith("_") and entry.name.endswith(".py") and entry.name != "__init__.py"
    }


def format_python(text: str, where: str) -> str:
    """Format with the pinned black; a failure is a template bug, reported with a dump file."""
    try:
        return format_generated(text, where)  # the same bytes as black
    except Exception as exc:  # black raises several exception types for invalid input
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False, encoding="utf-8") as f:
            f.write(text)
        raise GeneratorError.single(
            where,
            f"generated code could not be formatted ({type(exc).__name__}: {exc})",
            f"this is a dtogen bug; the unformatted text is in {f.name}",
        ) from None


def render_module(view: ModuleView, client: ClientView | None = None) -> dict[str, str]:
    """Render the files of one package from its view (formatted, checked).

    With a ``client`` view that has operations, the package also gets ``client.py``; every
    package gets a ``README.md`` saying where it came from and how to regenerate it.
    """
    env = environment()
    out: dict[str, str] = {}
    for name, template in (("__init__.py", "init.py.jinja"), ("dtos.py", "dtos.py.jinja")):
        where = f"generated/{view.service}/{name}"
        text = format_python(env.get_template(template).render(m=view), where)
        check_generated_module(text, where)
        out[name] = text
    if client is not None and client.operations:
        where = f"generated/{view.service}/client.py"
        text = format_python(env.get_template("client.py.jinja").render(m=view, c=client), where)
        check_generated_module(text, where)
        out["client.py"] = text
    out["README.md"] = env.get_template("package_readme.md.jinja").render(m=view, c=client)
    out.update(runtime_sources())
    out["py.typed"] = ""
    return out


def render_spec(spec: Spec) -> dict[str, str]:
    """Render one service's package: ``{path relative to the package folder: text}``.

    Naming decisions (collisions resolved) are reported by ``scrape``, when the spec is
    reviewed; regeneration repeats them silently because they are a pure function of the spec.
    """
    problems = spec_problems(spec)
    if problems:
        raise GeneratorError(problems)
    view = build_module_view(spec, Diagnostics())
    # classes as the module names them, closed generics (``QueryResponse<Booking>``) included
    return render_module(view, build_client_view(spec, Diagnostics(), view))
