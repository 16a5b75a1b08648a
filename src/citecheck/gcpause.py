"""Pausing Python's cyclic garbage collector around work that only builds.

Reading a manuscript and analysing its references allocate many small objects that all live
until the check ends.  The cyclic collector, run every few hundred allocations, traverses the
growing heap again and again for nothing, which made reading grow faster than the input (an
author-year manuscript: x3.1 time for x2 input with the collector, x1.9 without).  Reference
counting still frees everything as usual; only the search for cycles waits until the work
is done.  When the block ends, what it built goes straight to the oldest generation
(``gc.freeze()`` then ``gc.unfreeze()``: a list splice), so that the next young-generation
collections do not traverse it all again (0.4 s of a 50,000-entry bibliography's check).
"""

from __future__ import annotations

import atexit
import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (nested uses are fine)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # What the block built is old now: straight into the oldest generation,
            # not left in the youngest, where the next collections would traverse
            # all of it twice (gen 0, then gen 1) on their way to promoting it.
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def builds_only(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``function`` with the collector paused (a reporter: it turns a finished
    report into text, allocating much and keeping nothing; with a large
    bibliography still in memory, a full collection during it cost more than the
    rendering, 0.2 s of 0.4 s for 31,000 findings)."""

    @functools.wraps(function)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with gc_paused():
            return function(*args, **kwargs)

    return paused


def freeze_at_exit() -> None:
    """Let the interpreter's last collections, when the program ends, skip what is
    still alive (caches of names and titles): they took 0.2-0.3 s after a check
    of a 50,000-entry bibliography, 0.07 s frozen.  For a program's ``main``
    only: the process is ending, and its memory goes back to the system
    whatever the collector finds."""
    atexit.register(gc.freeze)
