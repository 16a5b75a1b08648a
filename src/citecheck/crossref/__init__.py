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

from citecheck.crossref.cache import Cache
from citecheck.crossref.client import DEFAULT_URL, CrossrefClient
from citecheck.crossref.verifier import CrossrefVerifier, DoiCheck, DoiStatus, reference_doi

__all__ = [
    "CrossrefSettings",
    "CrossrefVerifier",
    "DoiCheck",
    "DoiStatus",
    "open_verifier",
    "reference_doi",
]


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
    progress: bool = False

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
    """A verifier with its client and cache, closed on exit."""
    cache = Cache(settings.cache_dir) if settings.use_cache else None
    client = None if settings.offline else CrossrefClient(
        settings.base_url, settings.mailto, timeout=settings.timeout)
    try:
        yield CrossrefVerifier(client, cache, offline=settings.offline,
                               refresh=settings.refresh, progress=settings.progress)
    finally:
        if client is not None:
            client.close()
        if cache is not None:
            cache.close()
