"""Golden cases: ``--update-golden`` rewrites the expected files instead of comparing.

Run ``make golden`` (``pytest tests/golden --update-golden``) after an intended change to
the mapper, the type map or the templates, then review ``git diff tests/golden/cases``.
Without the flag the tests only compare and never write.
"""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register ``--update-golden``."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/cases/*/expected.* from the current generator",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the expected files are to be rewritten."""
    return bool(request.config.getoption("--update-golden", default=False))
