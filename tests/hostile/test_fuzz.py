"""A short fuzz run in the suite: mutated pages end in output or diagnostics, never a crash."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import render

from . import fuzzing
from .fuzzing import SEEDS, Runner, format_checked, mutate

RUNNER = Runner()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_mutated_pages_end_in_output_or_diagnostics(seed: int) -> None:
    service, _, data = mutate(random.Random(seed))
    assert RUNNER.run(service, data) in ("output", "diagnostic")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(sorted(SEEDS)))
def test_random_bytes_end_in_output_or_diagnostics(data: bytes, service: str) -> None:
    assert RUNNER.run(service, data) in ("output", "diagnostic")


def test_the_unmutated_pages_produce_output() -> None:
    runner = Runner()
    assert [runner.run(s, data) for s, data in sorted(SEEDS.items())] == ["output"] * len(SEEDS)


def test_mutated_pages_render_exactly_what_black_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """generate keeps most chunks as templates wrote them; on odd pages too, that must be black's."""
    monkeypatch.setattr(render, "format_generated", format_checked)
    monkeypatch.setattr(fuzzing, "FORMAT_MISMATCHES", [])
    rnd = random.Random(20261123)
    runner = Runner()
    outcomes = [runner.run(*mutate(rnd)[::2]) for _ in range(150)]
    assert outcomes.count("output") >= 10
    assert len(runner.rendered) >= 10
    assert [where for where, _ in fuzzing.FORMAT_MISMATCHES] == []
