"""Checking many files, in parallel processes when asked.

``check_many(paths, config, jobs=N)`` checks each file on its own (one
unreadable file is a CC001 finding, the rest go on) and gathers the reports
in the order of ``paths``, so output does not depend on ``jobs``.  Workers are
processes, not threads: reading and rule checking are CPU-bound Python.
Online checks (``services``) run in this process, one file at a time, since
they share one rate-limited client and its cache.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from citecheck.api import check_paths
from citecheck.config import Config
from citecheck.model import Report


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def _check_one(path: str, config: Config) -> Report:
    return check_paths([path], config)


def check_many(
    paths: Sequence[str],
    config: Config | None = None,
    services: Mapping[str, Any] | None = None,
    jobs: int = 1,
) -> Report:
    """Check ``paths`` with up to ``jobs`` worker processes (0: one per CPU)."""
    config = config or Config()
    jobs = default_jobs() if jobs <= 0 else jobs
    jobs = min(jobs, len(paths))
    if jobs <= 1 or services:
        return check_paths(paths, config, services)
    # Large chunks keep the pickling overhead low; small ones balance uneven files.
    chunksize = max(1, len(paths) // (jobs * 4))
    merged = Report()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for report in pool.map(_check_one, paths, [config] * len(paths), chunksize=chunksize):
            merged.extend(report)
    return merged
