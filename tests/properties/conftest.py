"""Hypothesis profiles and the generated example packages the properties run against.

``HYPOTHESIS_PROFILE=thorough`` (``make hypothesis``) runs 2000 examples per property;
the default ``ci`` profile runs 100, which keeps the suite well under 30 seconds.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from types import ModuleType

import pytest
from hypothesis import HealthCheck, settings

from generator import api
from generator.config import Config
from generator.diagnostics import Diagnostics
from generator.ir import Spec

from ..conftest import GENERATED, SPECS

settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "thorough",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

#: The bundled services whose DTOs cover every type family (see docs/type-mapping.md).
PROPERTY_SERVICES = ("billing", "bookings")


def load_package(service: str) -> ModuleType:
    """Import ``generated/<service>`` under a private module name."""
    name = f"_dtogen_properties_{service}"
    if name in sys.modules:
        return sys.modules[name]
    init = GENERATED / service / "__init__.py"
    spec = importlib.util.spec_from_file_location(
        name, init, submodule_search_locations=[str(init.parent)]
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load_spec(service: str) -> Spec:
    """The committed spec of ``service``."""
    specs = api.load_specs(Config(specs_dir=SPECS), Diagnostics())
    return next(s for s in specs if s.service == service)


@pytest.fixture(scope="session")
def packages() -> Iterator[dict[str, ModuleType]]:
    """The property services' packages, unloaded afterwards."""
    yield {s: load_package(s) for s in PROPERTY_SERVICES}
    for key in [k for k in sys.modules if k.startswith("_dtogen_properties_")]:
        del sys.modules[key]
