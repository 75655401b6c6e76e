"""Timing helpers shared by the benchmark sections: best-of-N loops and subprocess runs."""

from __future__ import annotations

import os
import subprocess
import sys
import timeit
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


def per_call(fn: Callable[[], object], *, repeats: int = 7, min_time: float = 0.05) -> float:
    """Seconds per call of ``fn``: the best of ``repeats`` loops of at least ``min_time`` each.

    The best (not the mean) is the figure least disturbed by other processes; every section
    compares figures measured this way in the same run, so their ratios are what counts.
    """
    timer = timeit.Timer(fn)
    number = 1
    while True:
        if timer.timeit(number) >= min_time:
            break
        number *= 2
    return min(timer.repeat(repeat=repeats, number=number)) / number


def per_call_interleaved(
    fns: dict[str, Callable[[], object]], *, repeats: int = 7, min_time: float = 0.05
) -> dict[str, float]:
    """:func:`per_call` for several functions, their timed loops interleaved.

    Round ``r`` times one loop of every function before round ``r + 1`` starts, so a burst
    of load from other processes hits all of them alike and their ratios stay fair.
    """
    timers: dict[str, tuple[timeit.Timer, int]] = {}
    for name, fn in fns.items():
        timer, number = timeit.Timer(fn), 1
        while timer.timeit(number) < min_time:
            number *= 2
        timers[name] = (timer, number)
    best = {name: float("inf") for name in fns}
    for _ in range(repeats):
        for name, (timer, number) in timers.items():
            best[name] = min(best[name], timer.timeit(number) / number)
    return best


@dataclass(frozen=True)
class Run:
    """One subprocess run: wall time, peak resident memory (MiB) and exit status."""

    seconds: float
    peak_mib: float
    returncode: int
    output: str


#: Runs the measured command from a small process and reports its wall time and peak RSS.
#: Linux carries a process's RSS high-water mark across ``exec`` into the new program, so a
#: child forked straight from this (large) benchmark process would report at least this
#: process's size; a child of the few-MiB launcher reports its own.
_LAUNCHER = """
import os, sys, time
fd, cmd = int(sys.argv[1]), sys.argv[2:]
start = time.perf_counter()
pid = os.posix_spawnp(cmd[0], cmd, os.environ)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
os.write(fd, f"{seconds} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}".encode())
"""


def run(cmd: Sequence[str | Path], *, cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``cmd`` and measure its wall time and its own peak RSS (``wait4`` rusage)."""
    read_end, write_end = os.pipe()
    with os.fdopen(read_end, "rb") as report:
        try:
            proc = subprocess.Popen(
                [sys.executable, "-S", "-c", _LAUNCHER, str(write_end), *(str(c) for c in cmd)],
                cwd=cwd,
                env=child_env(env),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                pass_fds=(write_end,),
            )
        finally:
            os.close(write_end)
        assert proc.stdout is not None
        output = proc.stdout.read().decode("utf-8", "replace")
        if proc.wait():
            raise RuntimeError(f"the benchmark launcher failed:\n{output[-3000:]}")
        seconds, maxrss_kib, code = report.read().decode().split()
    return Run(float(seconds), int(maxrss_kib) / 1024, int(code), output)


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for measured child processes: bytecode caches on, as users have them.

    ``PYTHONDONTWRITEBYTECODE`` (set in some CI images) would make every child recompile
    what it imports, so that start-up, not the work, is measured.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **(extra or {})}


def median(values: Sequence[float]) -> float:
    """The median of ``values``."""
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


def fmt_time(seconds: float) -> str:
    """``12.3 µs`` / ``4.56 ms`` / ``1.23 s``."""
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def fmt_ratio(x: float) -> str:
    """A ratio with two decimals and the multiplication sign."""
    return f"{x:.2f}×" if x < 100 else f"{x:.0f}×"
