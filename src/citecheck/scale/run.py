"""Checking a corpus as a stream of one-file reports.

:func:`iter_reports` is the library entry point: it yields each file's
report as soon as it is checked, by whichever backend, holding at most a
window of files (for Crossref) and never the whole corpus::

    with open_backend(ScaleOptions(executor="dask", workers=4)) as backend:
        for report in iter_reports(paths, config, backend):
            ...
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from citecheck.config import Config
from citecheck.model import Report
from citecheck.scale.backends import Backend, DaskBackend, LocalBackend
from citecheck.scale.central import Central

EXECUTORS = ("local", "dask")
#: Files read before their Crossref needs are looked up together.  Larger
#: windows batch better; the documents of one window are held (on the workers).
WINDOW = 1000


@dataclass(frozen=True)
class ScaleOptions:
    executor: str = "local"  # "local" (this process, or --jobs processes) or "dask"
    jobs: int = 1  # local worker processes (0: one per CPU)
    scheduler: str | None = None  # a Dask scheduler address; None: DASK_SCHEDULER_ADDRESS or a LocalCluster
    workers: int = 0  # LocalCluster workers (0: one per CPU)
    processes: bool = True  # LocalCluster workers as processes (False: threads, quicker to start)
    window: int = WINDOW


@contextmanager
def open_backend(options: ScaleOptions) -> Iterator[Backend]:
    backend: Backend
    if options.executor == "dask":
        backend = DaskBackend(options.scheduler, options.workers, options.processes)
    else:
        backend = LocalBackend(options.jobs)
    try:
        yield backend
    finally:
        backend.close()


def iter_reports(paths: Sequence[str], config: Config, backend: Backend,
                 central: Central | None = None, window: int = WINDOW) -> Iterator[Report]:
    """One-file reports for ``paths``, in the order they finish.

    With ``central`` (Crossref), files go in windows of ``window``: read on the
    workers, their needs looked up centrally, then checked with the answers.
    """
    if central is None:
        yield from backend.check(paths, config)
        return
    for start in range(0, len(paths), window):
        chunk = paths[start:start + window]
        prepared = backend.prepare(chunk, config, central.searches)
        answers = central.answer([needs for _, needs in prepared])
        handles = [handle for handle, _ in prepared]
        del prepared
        yield from backend.finish(handles, answers, config, central.online)
