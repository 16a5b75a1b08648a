"""Helpers for the Crossref tests: a server fixture, documents built by hand,
and a verifier wired to the server with no waiting between retries."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from crossref_server import FakeCrossref

from citecheck.crossref.cache import Cache
from citecheck.crossref.client import CrossrefClient
from citecheck.crossref.limiter import RateLimiter, RetryPolicy
from citecheck.crossref.verifier import CrossrefVerifier
from citecheck.model import Author, Document, Finding, Reference, ReferenceFields, Source, Span
from citecheck.rules.base import Rule, RuleContext

FAST_RETRY = RetryPolicy(tries=5, base=0.001, cap=0.01, max_retry_after=5)


@pytest.fixture(name="server")
def server_fixture() -> Iterator[FakeCrossref]:
    """The fake Crossref, started for one test (import ``server_fixture`` to use ``server``)."""
    with FakeCrossref() as fake:
        yield fake


def client_for(server: FakeCrossref, **kwargs: object) -> CrossrefClient:
    kwargs.setdefault("retry", FAST_RETRY)
    kwargs.setdefault("limiter", RateLimiter(1000, 3))
    kwargs.setdefault("timeout", 2.0)
    return CrossrefClient(server.url, kwargs.pop("mailto", None), **kwargs)  # type: ignore[arg-type]


def verifier_for(server: FakeCrossref, cache_dir: Path | None = None, **kwargs: object) -> CrossrefVerifier:
    cache = Cache(cache_dir) if cache_dir is not None else None
    return CrossrefVerifier(client_for(server), cache, **kwargs)  # type: ignore[arg-type]


def ref(label: str, *, doi: str | None = None, title: str | None = None, family: str | None = None,
        year: int | None = None, journal: str | None = None, volume: str | None = None,
        pages: str | None = None, type: str | None = "article") -> Reference:
    """A reference with hand-filled fields, as a reader or the parser would give."""
    parts = [p for p in (family, title, journal, str(year) if year else None,
                         f"doi:{doi}" if doi else None) if p]
    fields = ReferenceFields(
        authors=(Author(family, "A"),) if family else (), title=title, container=journal,
        year=year, volume=volume, pages=pages, doi=doi.lower() if doi else None, raw_doi=doi,
        type=type,
    )
    return Reference(label=label, span=Span(0, 0), text=". ".join(parts), number=None, fields=fields)


def document(*refs: Reference) -> Document:
    """A document whose reference list is ``refs``, each on its own line."""
    lines, placed = [], []
    offset = 0
    for r in refs:
        lines.append(r.text)
        placed.append(Reference(r.label, Span(offset, offset + len(r.text)), r.text, r.number,
                                r.origin, r.fields, r.entry_type))
        offset += len(r.text) + 1
    return Document(path="paper.txt", format="text", sources=[Source("paper.txt", "\n".join(lines))],
                    references=placed)


def run_rule(module: ModuleType, doc: Document, verifier: CrossrefVerifier | None,
             **options: object) -> list[Finding]:
    """Prefetch as the API does, then run one rule with its default options."""
    rule = Rule.from_module(module)
    services = {}
    if verifier is not None:
        verifier.prefetch([doc])
        services["crossref"] = verifier
    ctx = RuleContext(rule, doc, {**rule.options, **options}, services)
    return list(rule.check(doc, ctx))
