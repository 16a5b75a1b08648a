"""Crossref for a whole corpus, verified from one place.

Crossref's rate limits are per client, so the look-ups are not spread over
the workers: the workers read the files and say what each needs
(:class:`~citecheck.scale.work.Needs`); here the DOIs and searches of a
window of files are merged, the ones already answered (by an earlier window,
or the cache) are dropped, the rest are looked up in batches by one
:class:`~citecheck.crossref.verifier.CrossrefVerifier`, and each file gets
back the answers for its own references.  A DOI cited by a thousand papers is
looked up once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from citecheck.api import SEARCH_RULES
from citecheck.config import Config
from citecheck.crossref.verifier import Answers, CrossrefVerifier, DoiStatus
from citecheck.rules import REGISTRY
from citecheck.scale.work import Needs

NO_DOI_SEARCH_RULES = frozenset({"CC507", "CC508"})


@dataclass
class CentralStats:
    files: int = 0
    doi_mentions: int = 0  # DOIs counted once per file that gives them
    unique_dois: int = 0


class Central:
    """The corpus-wide Crossref service of one run."""

    def __init__(self, verifier: CrossrefVerifier, config: Config) -> None:
        self.verifier = verifier
        enabled = {rule.code for rule in REGISTRY.values() if rule.online and config.enabled(rule)}
        #: Whether any online rule runs (else nothing is looked up, as in check_paths).
        self.online = bool(enabled)
        self.searches = bool(enabled & SEARCH_RULES)
        #: References without a DOI are searched for CC507 and CC508 only; CC501
        #: searches only for the DOIs registered nowhere, to suggest the right one.
        self.search_no_doi = bool(enabled & NO_DOI_SEARCH_RULES)
        #: Whether answers are dropped after each window, so memory stays bounded:
        #: when the cache (or a local index) answers a DOI seen again without a request.
        self.forgetful = (verifier.cache is not None and not verifier.refresh) or \
            bool(getattr(verifier.client, "local", False))
        self.stats = CentralStats()
        self._seen: set[str] = set()

    def answer(self, needs: Sequence[Needs]) -> list[Answers | None]:
        """Look up what ``needs`` ask (once per DOI and query), then split the answers by file."""
        if not self.online:
            return [None] * len(needs)
        verifier = self.verifier
        dois = [d for n in needs for d in n.dois]
        self.stats.files += len(needs)
        self.stats.doi_mentions += len(dois)
        self._seen.update(dois)
        self.stats.unique_dois = len(self._seen)
        verifier.prefetch_dois(dois)
        if self.searches and verifier.can_search:
            # As CrossrefVerifier.wants_search (no DOI, or a DOI registered
            # nowhere), less the searches no enabled rule reads.
            verifier.prefetch_searches(
                q for n in needs for q, d in n.searches
                if (d is None and self.search_no_doi)
                or (d is not None and verifier.check(d).status is DoiStatus.NOT_FOUND))
        answers: list[Answers | None] = [verifier.answers(n.dois, [q for q, _ in n.searches])
                                         for n in needs]
        if self.forgetful:
            verifier.forget()
        return answers

    @property
    def requests(self) -> int:
        return self.verifier.requests
