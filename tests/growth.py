"""Growth checks: time an operation at two input sizes and compare the ratio.

The machines that run the tests are shared and noisy, so no test asserts a number of seconds;
a test may assert how time grows.  Ten times the input may take at most fifteen times as long
(linear work passes with room for noise; quadratic work takes a hundred times as long and
fails).  Time is this process's CPU time, which another process holding a core does not add
to (wall time did: on a loaded two-core machine a linear reader measured x15-x18), and each
size is timed several times and the best run is kept, which filters out what CPU time still
feels of a loaded machine (caches shared with the other processes).  The garbage collector is
paused while timing: its
passes come at moments that depend on everything allocated before, which is noise here.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

#: Below this, timer resolution and interpreter noise dominate; the small run counts as this long.
RESOLUTION = 0.002


def best_time(run: Callable[[T], object], value: T, repeat: int = 3) -> float:
    """The fastest of ``repeat`` runs of ``run(value)``, in CPU seconds of this process."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            run(value)
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


def assert_linear_growth(build: Callable[[int], T], run: Callable[[T], object], size: int,
                         factor: int = 10, ratio: float = 15.0, repeat: int = 3,
                         min_seconds: float = 0.02) -> None:
    """``run`` on ``build(n * factor)`` takes at most ``ratio`` times ``run`` on ``build(n)``.

    ``n`` starts at ``size`` and doubles (at most six times) until the small run takes
    ``min_seconds``, so that fixed costs and timer noise do not decide the ratio on a fast
    machine.  A ratio over the bound is measured once more before the test fails: noise
    passes, quadratic work (a hundred times for ten times the input) fails both times.
    """
    run(build(size))  # warm caches and lazy imports before timing
    for _ in range(6):
        t_small = best_time(run, build(size), repeat)
        if t_small >= min_seconds:
            break
        size *= 2
    t_small = max(t_small, RESOLUTION)
    large = build(size * factor)
    t_large = best_time(run, large, repeat)
    if t_large > ratio * t_small:
        t_small = max(t_small, best_time(run, build(size), repeat))
        t_large = min(t_large, best_time(run, large, repeat))
    assert t_large <= ratio * t_small, (
        f"x{factor} input (n={size}) took x{t_large / t_small:.1f} time "
        f"({t_small:.4f} s -> {t_large:.4f} s)")
