"""Checking many files, in parallel processes when asked.

``check_many(paths, config, jobs=N)`` checks each file on its own (one
unreadable file is a CC001 finding, the rest go on) and gathers the reports
in the order of ``paths``, so output does not depend on ``jobs``.  Workers are
processes, not threads: reading and rule checking are CPU-bound Python.
Online checks (``services``) run in this process in one call, since they
share one rate-limited client, its cache and batched look-ups.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from citecheck.api import CITED_LABELS, check_paths, doc_cited_labels, drop_cited_elsewhere, unreadable_finding
from citecheck.config import Config
from citecheck.errors import InputError
from citecheck.model import Document, FileSummary, Report, Source
from citecheck.readers import format_for
from citecheck.rules import REGISTRY


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def _slim(report: Report) -> Report:
    """Keep of each document what the reporters use: its path, format and
    sources, with the text only of the files that have findings (for baseline
    fingerprints).  Citations and references are dropped, so that a run over
    thousands of files does not hold them all, nor send them between processes."""
    flagged = {f.location.path for f in report.findings}
    report.documents = [
        Document(path=doc.path, format=doc.format, style=doc.style,
                 sources=[s if s.path in flagged else Source(s.path, "", s.encoding) for s in doc.sources],
                 # A document that reads other files (a .bib) keeps the labels it cites, by which
                 # a bibliography shared with another document is judged (drop_cited_elsewhere).
                 metadata={CITED_LABELS: frozenset(doc_cited_labels(doc))} if len(doc.sources) > 1 else {})
        for doc in report.documents
    ]
    return report


def _check_one(path: str, config: Config, keep_documents: bool = True) -> Report:
    """Check one file.  A bug met on one manuscript is reported on that file (as
    CC001, making the run incomplete) rather than ending a run over thousands."""
    try:
        report = check_paths([path], config)
        return report if keep_documents else _slim(report)
    except Exception as error:  # noqa: BLE001 - the gate must report, not crash
        fmt, _ = format_for(path)
        message = f"internal error while checking this file ({type(error).__name__}: {error}); please report it"
        report = Report(files=[FileSummary(path, fmt, None, 0, 0, error=message)], incomplete=True)
        if config.enabled(REGISTRY["CC001"], path):
            report.findings.append(unreadable_finding(InputError(path, message)))
        return report


def check_many(
    paths: Sequence[str],
    config: Config | None = None,
    services: Mapping[str, Any] | None = None,
    jobs: int = 1,
    keep_documents: bool = True,
    **options: Any,
) -> Report:
    """Check ``paths`` with up to ``jobs`` worker processes (0: one per CPU).

    With ``services`` or other ``options`` for :func:`citecheck.api.check_paths`
    (online checking), every file is checked in this process by one
    ``check_paths`` call, which batches the look-ups of all files.
    With ``keep_documents=False`` the report's documents keep their paths and
    sources (the text of files with findings) but not their citations and
    references, which the reporters do not use: memory stays flat over
    thousands of files, and workers send back less.
    """
    config = config or Config()
    if services or options:
        return check_paths(paths, config, services, **options)
    jobs = default_jobs() if jobs <= 0 else jobs
    jobs = min(jobs, len(paths))
    merged = Report()
    if jobs <= 1:
        for path in paths:
            merged.extend(_check_one(path, config, keep_documents))
        return drop_cited_elsewhere(merged)
    # Large chunks keep the pickling overhead low; small ones balance uneven files.
    chunksize = max(1, len(paths) // (jobs * 4))
    from concurrent.futures import ProcessPoolExecutor  # only --jobs N pays for multiprocessing

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for report in pool.map(_check_one, paths, [config] * len(paths), [keep_documents] * len(paths),
                               chunksize=chunksize):
            merged.extend(report)
    return drop_cited_elsewhere(merged)
