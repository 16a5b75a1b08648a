"""Where files are checked: this process, local worker processes, or Dask.

A backend runs the functions of :mod:`citecheck.scale.work` over paths and
yields one-file reports as they finish.  It never has more than
``in_flight`` files submitted and unfinished, so the client's memory does not
grow with the corpus.  With Crossref, :meth:`Backend.prepare` reads a window
of files and returns only what they need from Crossref; the documents stay
where they were read (for Dask, on the workers, as futures) until
:meth:`Backend.finish` runs their rules with the answers.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from typing import Any, Protocol

from citecheck.config import Config
from citecheck.crossref.verifier import Answers
from citecheck.errors import ConfigError
from citecheck.model import Report
from citecheck.runner import default_jobs
from citecheck.scale import work
from citecheck.scale.work import Needs

#: Environment variable naming a Dask scheduler, as Dask itself reads it.
SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"


class Backend(Protocol):
    def check(self, paths: Iterable[str], config: Config) -> Iterator[Report]: ...

    def prepare(self, paths: Sequence[str], config: Config, searches: bool
                ) -> list[tuple[Any, Needs]]: ...

    def finish(self, handles: Sequence[Any], answers: Sequence[Answers | None], config: Config,
               online: bool) -> Iterator[Report]: ...

    def close(self) -> None: ...


def _bounded(submit: Callable[[Any], Future[Any]], items: Iterable[Any], limit: int) -> Iterator[Any]:
    """Results of ``submit(item)`` as they finish, with at most ``limit`` pending."""
    pending: set[Future[Any]] = set()
    for item in items:
        if len(pending) >= limit:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (f.result() for f in done)
        pending.add(submit(item))
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        yield from (f.result() for f in done)


class LocalBackend:
    """This process (``jobs`` 1) or a pool of ``jobs`` processes."""

    def __init__(self, jobs: int = 1) -> None:
        self.jobs = default_jobs() if jobs <= 0 else jobs
        self._pool: Executor | None = ProcessPoolExecutor(self.jobs) if self.jobs > 1 else None
        self.in_flight = self.jobs * 8

    def _map(self, fn: Callable[..., Any], items: Iterable[tuple[Any, ...]]) -> Iterator[Any]:
        if self._pool is None:
            return (fn(*args) for args in items)
        pool = self._pool
        return _bounded(lambda args: pool.submit(fn, *args), items, self.in_flight)

    def check(self, paths: Iterable[str], config: Config) -> Iterator[Report]:
        return self._map(work.check_file, ((p, config) for p in paths))

    def prepare(self, paths: Sequence[str], config: Config, searches: bool) -> list[tuple[Any, Needs]]:
        if self._pool is None:
            prepared = [work.prepare(p, config, searches) for p in paths]
        else:
            prepared = list(self._pool.map(work.prepare, paths, [config] * len(paths),
                                           [searches] * len(paths)))
        return [(p, p[1]) for p in prepared]

    def finish(self, handles: Sequence[Any], answers: Sequence[Answers | None], config: Config,
               online: bool) -> Iterator[Report]:
        return self._map(work.finish, ((h, a, config, online) for h, a in zip(handles, answers, strict=True)))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()


class DaskBackend:
    """A Dask cluster: an existing one at ``scheduler``, or a LocalCluster of
    ``workers`` (default: one per CPU) single-threaded workers."""

    def __init__(self, scheduler: str | None = None, workers: int = 0, processes: bool = True) -> None:
        try:
            # Typed as Any: Dask's functions are not annotated for mypy --strict.
            self._dist: Any = importlib.import_module("dask.distributed")
        except ImportError as error:
            raise ConfigError("--executor dask needs Dask: pip install 'citecheck-integrity[scale]'") from error
        scheduler = scheduler or os.environ.get(SCHEDULER_ENV) or None
        self._cluster: Any = None
        try:
            if scheduler:
                self.client = self._dist.Client(scheduler)
            else:
                self._cluster = self._dist.LocalCluster(n_workers=workers or default_jobs(), threads_per_worker=1,
                                             processes=processes, dashboard_address=":0")
                self.client = self._dist.Client(self._cluster)
        except (OSError, TimeoutError, ValueError) as error:
            where = scheduler or "a local cluster"
            raise ConfigError(f"cannot start Dask on {where}: {error}") from error
        self.workers = max(1, len(self.client.scheduler_info(n_workers=-1).get("workers", {})))
        self.in_flight = self.workers * 16
        self._config: Any = None
        self._config_value: Config | None = None

    def _scattered(self, config: Config) -> Any:
        if self._config_value is not config:
            self._config = self.client.scatter(config, broadcast=True)
            self._config_value = config
        return self._config

    def _stream(self, submit: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        queue = iter(items)
        running = self._dist.as_completed()
        for item in queue:
            running.add(submit(item))
            if running.count() >= self.in_flight:
                break
        for future in running:
            result = future.result()
            future.release()
            for item in queue:
                running.add(submit(item))
                break
            yield result

    def check(self, paths: Iterable[str], config: Config) -> Iterator[Report]:
        cfg = self._scattered(config)
        return self._stream(lambda p: self.client.submit(work.check_file, p, cfg, pure=False), paths)

    def prepare(self, paths: Sequence[str], config: Config, searches: bool) -> list[tuple[Any, Needs]]:
        cfg = self._scattered(config)
        futures = [self.client.submit(work.prepare, p, cfg, searches, pure=False) for p in paths]
        needs = self.client.gather([self.client.submit(_needs, f, pure=False) for f in futures])
        return list(zip(futures, needs, strict=True))

    def finish(self, handles: Sequence[Any], answers: Sequence[Answers | None], config: Config,
               online: bool) -> Iterator[Report]:
        cfg = self._scattered(config)
        pairs = zip(handles, answers, strict=True)
        return self._stream(lambda pair: self.client.submit(work.finish, pair[0], pair[1], cfg, online,
                                                            pure=False), pairs)

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def _needs(prepared: work.Prepared) -> Needs:
    return prepared[1]
