"""A short fuzz run in the suite: mutated pages end in output or diagnostics, never a crash."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .fuzzing import SEEDS, Runner, mutate

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
