"""Crossref verification: does each DOI exist, name the cited work, and has
that work been retracted, corrected or flagged?  And for references without
a DOI, does Crossref know one?

Use :func:`open_verifier` to build the service for a run::

    with open_verifier(CrossrefSettings(mailto="me@example.org")) as verifier:
        verifier.prefetch(documents)
        verifier.check("10.1371/journal.pone.0033693").status
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from citecheck.crossref.answers import DoiCheck, DoiStatus, reference_doi
from citecheck.crossref.limiter import DEFAULT_DEADLINE, Deadline
from citecheck.errors import ConfigError

if TYPE_CHECKING:
    from citecheck.crossref.verifier import CrossrefVerifier

#: The public REST API (citecheck.crossref.client.DEFAULT_URL: that module, the
#: verifier and the cache are imported only by a run that goes online).
DEFAULT_URL = "https://api.crossref.org"

__all__ = [
    "CrossrefSettings",
    "CrossrefVerifier",
    "DoiCheck",
    "DoiStatus",
    "open_verifier",
    "reference_doi",
]


#: What this module gave before it stopped importing them for every check: imported on first use.
_LAZY = {"CrossrefVerifier": "verifier", "CrossrefClient": "client", "Cache": "cache"}


def __getattr__(name: str) -> Any:
    """:class:`CrossrefVerifier`, :class:`~citecheck.crossref.client.CrossrefClient` and
    :class:`~citecheck.crossref.cache.Cache`, imported on first use (see DEFAULT_URL)."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class CrossrefSettings:
    """How to reach Crossref and use the cache, as the CLI's options say."""

    base_url: str = DEFAULT_URL
    mailto: str | None = None
    offline: bool = False
    refresh: bool = False
    cache_dir: Path | str | None = None
    use_cache: bool = True
    timeout: float = 10.0
    #: Seconds the whole verification may take (``--crossref-deadline``); ``None`` or 0: no limit.
    #: What is not verified by then is reported as unverified.
    deadline: float | None = DEFAULT_DEADLINE
    progress: bool = False
    #: A Crossref snapshot index (``citecheck crossref-index build``) to answer
    #: from; with ``index_only``, nothing is sent (else what it lacks is asked online).
    index: Path | str | None = None
    index_only: bool = True

    def __post_init__(self) -> None:
        if self.offline and self.refresh:
            raise ConfigError("--offline and --refresh cannot be used together "
                              "(offline answers only from the cache, refresh ignores it)")
        if self.deadline is not None and not 0 <= self.deadline < float("inf"):
            raise ConfigError(f"the Crossref deadline must be a number of seconds, not {self.deadline}")
        if urlsplit(self.base_url).scheme not in ("http", "https") or not urlsplit(self.base_url).netloc:
            raise ConfigError(f"the Crossref URL must be an http(s) URL, not '{self.base_url}'")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> CrossrefSettings:
        """Settings from CITECHECK_MAILTO and CITECHECK_CROSSREF_URL, then ``overrides``
        (``None`` values do not override)."""
        env = os.environ if env is None else env
        values: dict[str, object] = {
            "base_url": env.get("CITECHECK_CROSSREF_URL") or DEFAULT_URL,
            "mailto": env.get("CITECHECK_MAILTO") or None,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


@contextmanager
def open_verifier(settings: CrossrefSettings) -> Iterator[CrossrefVerifier]:
    """A verifier with its client and cache, closed on exit.

    Raises :class:`~citecheck.errors.ConfigError` when the cache cannot be opened.
    """
    if settings.index is not None:
        with _index_verifier(settings) as verifier:
            yield verifier
        return
    import sqlite3

    from citecheck.crossref.cache import Cache
    from citecheck.crossref.client import CrossrefClient
    from citecheck.crossref.verifier import CrossrefVerifier

    try:
        cache = Cache(settings.cache_dir) if settings.use_cache else None
    except (OSError, sqlite3.Error) as error:
        where = settings.cache_dir or "the user cache directory"
        raise ConfigError(f"cannot open the Crossref cache in {where}: {error}") from error
    client = None if settings.offline else CrossrefClient(
        settings.base_url, settings.mailto, timeout=settings.timeout,
        deadline=Deadline(settings.deadline))
    try:
        yield CrossrefVerifier(client, cache, offline=settings.offline,
                               refresh=settings.refresh, progress=settings.progress)
    finally:
        if client is not None:
            client.close()
        if cache is not None:
            cache.close()


@contextmanager
def _index_verifier(settings: CrossrefSettings) -> Iterator[CrossrefVerifier]:
    """A verifier answering from a snapshot index.  No cache: the index is local,
    and its answers are as old as the snapshot, not as the run."""
    from citecheck.crossref.client import CrossrefClient
    from citecheck.crossref.verifier import CrossrefVerifier
    from citecheck.scale.index import IndexClient  # needs DuckDB: the scale extra

    assert settings.index is not None
    online = None if settings.index_only else CrossrefClient(
        settings.base_url, settings.mailto, timeout=settings.timeout)
    client = IndexClient(settings.index, online)
    try:
        yield CrossrefVerifier(client, None, progress=settings.progress,  # type: ignore[arg-type]
                               can_search=online is not None)
    finally:
        client.close()
