"""The Crossref service the online rules query.

One :class:`CrossrefVerifier` serves a whole run.  :meth:`~CrossrefVerifier.prefetch`
looks up, in batch, every DOI and every search that the documents' references
need, before any rule runs; the rules then read answers from memory.  What
could not be verified (the service failed, or ``--offline`` and not cached)
is answered with :attr:`DoiStatus.UNVERIFIED` and counted, never guessed.

The lookup of a DOI follows the issue's plan:

1. ``/works?filter=doi:A,doi:B,...`` in chunks (results are unordered; a DOI
   missing from the result is simply absent);
2. ``/works/{doi}`` for each absent DOI, following one 301 alias;
3. ``/works/{doi}/agency`` for each 404: a DataCite DOI is not a DOI that
   does not exist;
4. ``/works?filter=updates:A,...`` for the notices (retractions, corrections)
   that point at the works found.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Self, TypeVar

# The answers' types and the reference DOI helpers live in the light module
# citecheck.crossref.answers; they are re-exported here, where they were first.
from citecheck.crossref.answers import Answers as Answers
from citecheck.crossref.answers import DoiCheck as DoiCheck
from citecheck.crossref.answers import DoiStatus as DoiStatus
from citecheck.crossref.answers import has_no_doi as has_no_doi
from citecheck.crossref.answers import reference_doi as reference_doi
from citecheck.crossref.answers import written_doi as written_doi
from citecheck.crossref.cache import Cache, CachedWork
from citecheck.crossref.client import (
    UPDATE_SELECT,
    WORK_SELECT,
    CrossrefClient,
    Reply,
    Unavailable,
    filter_chunks,
    unique,
)
from citecheck.crossref.limiter import DeadlineExceeded
from citecheck.crossref.match import search_query
from citecheck.crossref.records import Update, Work
from citecheck.doi import normalize_doi
from citecheck.model import Document, Reference

T = TypeVar("T")
#: Show a progress bar (on a terminal) from this many network lookups on.
PROGRESS_MIN = 10


class CrossrefVerifier:
    """Answers DOI and search questions for the rules, from one prefetch."""

    def __init__(self, client: CrossrefClient | None, cache: Cache | None = None, *,
                 offline: bool = False, refresh: bool = False, progress: bool = False,
                 clock: Callable[[], float] = time.time, can_search: bool = True) -> None:
        if client is None and not offline:
            raise ValueError("a client is needed unless offline")
        self.client = client
        #: False when the source cannot search (a local snapshot index): the
        #: references that need a search are then neither searched nor unverified.
        self.can_search = can_search
        self.cache = cache
        self.offline = offline
        self.refresh = refresh
        self.progress = progress
        self._clock = clock
        self._dois: dict[str, DoiCheck] = {}
        self._searches: dict[str, tuple[Work, ...] | None] = {}
        self.errors: list[str] = []

    # -- what the rules ask ---------------------------------------------------

    def check(self, doi: str) -> DoiCheck:
        doi = normalize_doi(doi)
        if doi not in self._dois:
            self.prefetch_dois([doi])
        return self._dois[doi]

    def search(self, ref: Reference) -> tuple[Work, ...] | None:
        """The search hits for a reference, best first; ``None`` when the
        reference is not searchable or the search could not be done."""
        query = search_query(ref)
        if query is None or not self.can_search:
            return None
        key = _query_key(query)
        if key not in self._searches:
            self.prefetch_searches([query])
        return self._searches[key]

    def wants_search(self, ref: Reference) -> bool:
        """Whether the rules will search for this reference: it has no DOI, or
        its DOI is not registered anywhere (to suggest the right one)."""
        if not self.can_search or search_query(ref) is None:
            return False
        if has_no_doi(ref):
            return True
        doi = reference_doi(ref)
        return doi is not None and self._dois.get(doi, DoiCheck(doi, DoiStatus.FOUND)).status \
            is DoiStatus.NOT_FOUND

    def unverified_references(self, document: Document) -> list[Reference]:
        out = []
        for ref in document.references:
            doi = reference_doi(ref)
            check = self._dois.get(doi) if doi else None
            if check is not None and (check.status is DoiStatus.UNVERIFIED or not check.updates_checked):
                out.append(ref)
            elif self.wants_search(ref):
                query = search_query(ref)
                if query is not None and self._searches.get(_query_key(query), ()) is None:
                    out.append(ref)
        return out

    @property
    def stopped(self) -> bool:
        """Whether the failure budget was spent and lookups were given up."""
        return self.client is not None and self.client.budget.exhausted

    @property
    def requests(self) -> int:
        return self.client.requests if self.client is not None else 0

    # -- answers computed in one place, used in another ----------------------

    def answers(self, dois: Iterable[str], queries: Iterable[str] = ()) -> Answers:
        """What this verifier knows about ``dois`` and ``queries``, to send to
        where the rules run (a Dask worker).  Ask only after prefetching them."""
        found_dois = {d: self._dois[d] for d in unique(dois) if d in self._dois}
        keys = (_query_key(q) for q in queries)
        return Answers(found_dois, {k: self._searches[k] for k in keys if k in self._searches},
                       self.can_search)

    def forget(self) -> None:
        """Drop the answers held in memory (a corpus-wide run does, window by
        window, when the cache or a local index answers again cheaply)."""
        self._dois.clear()
        self._searches.clear()

    @classmethod
    def from_answers(cls, answers: Answers) -> CrossrefVerifier:
        """A verifier that answers only from ``answers`` and sends nothing: what
        they do not hold is unverified, as offline."""
        verifier = cls(None, None, offline=True, can_search=answers.can_search)
        verifier._dois.update(answers.dois)
        verifier._searches.update(answers.searches)
        return verifier

    # -- prefetching ----------------------------------------------------------

    def prefetch(self, documents: Iterable[Document], searches: bool = True) -> None:
        """Look up everything the documents' references need, in batch: their
        DOIs, then (with ``searches``) the searches for references without one."""
        documents = list(documents)
        refs = [ref for doc in documents for ref in doc.references]
        self.prefetch_dois(d for d in map(reference_doi, refs) if d)
        if not searches:
            return
        queries = [search_query(ref) for ref in refs if self.wants_search(ref)]
        self.prefetch_searches(q for q in queries if q)

    def prefetch_dois(self, dois: Iterable[str]) -> None:
        wanted = [d for d in unique(dois) if d not in self._dois]
        if not wanted:
            return
        now = self._clock()
        cached = self.cache.get_works(wanted) if self.cache and not self.refresh else {}
        full, direct, updates = [], [], []
        for doi in wanted:
            entry = cached.get(doi)
            state = entry.freshness(now) if entry else "stale"
            if entry is not None and (self.offline or state == "fresh"):
                self._dois[doi] = _from_cache(entry)
            elif entry is None:
                full.append(doi)
            elif entry.status != "found" or entry.body.get("DOI", "").lower() != doi:
                direct.append(doi)  # known to be absent from a batch: 404, agency or alias
            elif state == "updates":
                updates.append(entry)
            else:
                full.append(doi)
        if self.offline:
            for doi in full:
                self._dois[doi] = DoiCheck(doi, DoiStatus.UNVERIFIED)
            return
        with self._progress(len(full) + len(direct) + len(updates)) as bar:
            self._guard(lambda: self._fetch_full(full, now, bar, direct),
                        lambda: full + direct)
            self._guard(lambda: self._refresh_updates(updates, now, bar),
                        lambda: [e.doi for e in updates])

    def prefetch_searches(self, queries: Iterable[str]) -> None:
        wanted = [q for q in unique(queries) if _query_key(q) not in self._searches]
        todo = []
        for query in wanted:
            hits = None
            if self.cache is not None and not self.refresh:
                hits = self.cache.get_search(_query_key(query), self._clock(), any_age=self.offline)
            if hits is not None:
                self._searches[_query_key(query)] = tuple(Work.from_json(h) for h in hits)
            elif self.offline:
                self._searches[_query_key(query)] = None
            else:
                todo.append(query)
        if not todo:
            return
        with self._progress(len(todo)) as bar:
            def one(query: str) -> None:
                reply = self._client.search(query)
                self._searches[_query_key(query)] = self._hits(reply)
                if reply.ok and self.cache is not None:
                    self.cache.put_search(_query_key(query), reply.body, self._clock())
                bar(1)

            def give_up() -> list[str]:
                for query in todo:
                    self._searches.setdefault(_query_key(query), None)
                return []

            self._guard(lambda: self._parallel(one, todo), give_up)

    # -- the steps ------------------------------------------------------------

    @property
    def _client(self) -> CrossrefClient:
        assert self.client is not None
        return self.client

    def _fetch_full(self, dois: list[str], now: float, bar: Callable[[int], None],
                    direct: Sequence[str] = ()) -> None:
        batchable = [d for d in dois if "," not in d]  # a comma would split the filter
        absent = [d for d in dois if "," in d] + list(direct)
        found: dict[str, dict[str, Any]] = {}

        def batch(chunk: list[str]) -> None:
            reply = self._client.works_by_doi(chunk)
            if not reply.ok:
                self._fail(reply, chunk)
                bar(len(chunk))
                return
            got = {str(item.get("DOI", "")).lower(): item for item in reply.body}
            for doi in chunk:
                if doi in got:
                    found[doi] = got[doi]
                    # Usable now; complete once the notices are in (see _store).
                    self._dois[doi] = DoiCheck(doi, DoiStatus.FOUND, Work.from_json(got[doi]),
                                               updates_checked=False)
            absent.extend(d for d in chunk if d not in got)
            bar(len(got))

        self._parallel(batch, filter_chunks(batchable))
        notices = self._notices(list(found))
        self._store({doi: (work, notices.get(doi)) for doi, work in found.items()}, now)

        singles: dict[str, dict[str, Any]] = {}

        def single(doi: str) -> None:
            reply = self._client.work(doi)
            if reply.ok and isinstance(reply.body, dict):
                singles[doi] = reply.body
            elif reply.status == 404:
                self._agency(doi, now)
            else:
                self._fail(reply, [doi])
            bar(1)

        self._parallel(single, absent)
        # Notices of aliased works are looked up under the DOI they resolve to.
        resolved = {str(w.get("DOI", "")).lower(): doi for doi, w in singles.items()}
        notices = self._notices(list(resolved))
        self._store({doi: (w, notices.get(str(w.get("DOI", "")).lower()))
                     for doi, w in singles.items()}, now)

    def _agency(self, doi: str, now: float) -> None:
        reply = self._client.agency(doi)
        if reply.ok:
            check = DoiCheck(doi, DoiStatus.ELSEWHERE, agency=str(reply.body))
            entry = CachedWork(doi, "elsewhere", reply.body, [], now, now)
        elif reply.status == 404:
            check = DoiCheck(doi, DoiStatus.NOT_FOUND)
            entry = CachedWork(doi, "not-found", None, [], now, now)
        else:
            self._fail(reply, [doi])
            return
        self._dois[doi] = check
        if self.cache is not None:
            self.cache.put_works([entry])

    def _refresh_updates(self, entries: list[CachedWork], now: float,
                         bar: Callable[[int], None]) -> None:
        """Records 7-30 days old: refetch only their update fields and notices."""
        by_doi = {e.doi: e for e in entries}
        fresh: dict[str, dict[str, Any]] = {}

        def batch(chunk: list[str]) -> None:
            reply = self._client.works_by_doi(chunk, select=UPDATE_SELECT)
            if reply.ok:
                for item in reply.body:
                    doi = str(item.get("DOI", "")).lower()
                    if doi in by_doi:
                        body = {k: v for k, v in by_doi[doi].body.items()
                                if k not in ("updated-by", "update-to")}
                        body.update({k: item[k] for k in ("updated-by", "update-to") if k in item})
                        fresh[doi] = body
            bar(len(chunk))

        self._parallel(batch, filter_chunks(list(by_doi)))
        notices = self._notices(list(fresh))
        self._store({doi: (body, notices.get(doi)) for doi, body in fresh.items()}, now,
                    fetched={doi: by_doi[doi].fetched for doi in fresh})
        stale = [doi for doi in by_doi if doi not in fresh]
        if stale:
            self._fetch_full(stale, now, bar)

    def _notices(self, dois: list[str]) -> dict[str, list[dict[str, Any]] | None]:
        """For each DOI, the notices pointing at it (as update entries), or None
        for DOIs whose notice query failed."""
        out: dict[str, list[dict[str, Any]] | None] = {d: [] for d in dois}
        wanted = set(dois)

        def batch(chunk: list[str]) -> None:
            reply = self._client.notices_for(chunk)
            if not reply.ok:
                for doi in chunk:
                    out[doi] = None
                self.errors.append(_describe(reply))
                return
            for notice in reply.body:
                for entry in notice.get("update-to") or []:
                    target = str(entry.get("DOI", "")).lower()
                    notice_doi = str(notice.get("DOI", "")).lower()
                    if target in wanted and notice_doi != target and out.get(target) is not None:
                        out[target].append({**entry, "DOI": notice_doi, "source": "notice"})  # type: ignore[union-attr]

        self._parallel(batch, filter_chunks(dois, name="updates"))
        return out

    def _store(self, works: dict[str, tuple[dict[str, Any], list[dict[str, Any]] | None]],
               now: float, fetched: dict[str, float] | None = None) -> None:
        entries = []
        for doi, (full_body, notices) in works.items():
            # A single lookup returns the whole record (reference lists can be
            # most of it); keep what a batch would have selected.
            body = {k: v for k, v in full_body.items() if k in WORK_SELECT}
            complete = notices is not None
            notice_updates = tuple(Update.from_json(n) for n in notices or [])
            self._dois[doi] = DoiCheck(doi, DoiStatus.FOUND, Work.from_json(body, notice_updates),
                                       updates_checked=complete)
            # Without the notices, the update fields are stored as already stale.
            updates_time = now if complete else 0.0
            entries.append(CachedWork(doi, "found", body, notices or [],
                                      (fetched or {}).get(doi, now), updates_time))
        if self.cache is not None:
            self.cache.put_works(entries)

    # -- failure handling -----------------------------------------------------

    def _fail(self, reply: Reply, dois: Sequence[str]) -> None:
        self.errors.append(_describe(reply))
        for doi in dois:
            self._dois.setdefault(doi, DoiCheck(doi, DoiStatus.UNVERIFIED))

    def _guard(self, step: Callable[[], None], remaining: Callable[[], Iterable[str]]) -> None:
        """Run a network step; when Crossref is unavailable or the deadline passed, what is
        left is unverified."""
        try:
            step()
        except (Unavailable, DeadlineExceeded) as exc:
            if not self.errors or self.errors[-1] != str(exc):
                self.errors.append(str(exc))
        for doi in remaining():
            self._dois.setdefault(doi, DoiCheck(doi, DoiStatus.UNVERIFIED))

    def _parallel(self, fn: Callable[[T], None], items: Sequence[T]) -> None:
        if not items:
            return
        workers = min(len(items), self._client.limiter.concurrency)
        if workers == 1:
            for item in items:
                fn(item)
            return
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=workers) as pool:
            for future in [pool.submit(fn, item) for item in items]:
                future.result()

    def _hits(self, reply: Reply) -> tuple[Work, ...] | None:
        if not reply.ok:
            self.errors.append(_describe(reply))
            return None
        return tuple(Work.from_json(h) for h in reply.body)

    def _progress(self, total: int) -> _Progress:
        show = self.progress and total >= PROGRESS_MIN and sys.stderr.isatty()
        return _Progress(total if show else 0)

    def summary(self) -> str:
        """One line on what went wrong, for the CLI."""
        if self.client is None:
            return "not in the cache, and --offline sends no requests"
        reason = self.errors[-1] if self.errors else "no answer"
        return f"Crossref at {self.client.base_url} did not answer every lookup ({reason})"


class _Progress:
    """A tqdm bar on stderr, or nothing."""

    def __init__(self, total: int) -> None:
        self._bar: Any = None
        if total:
            from tqdm import tqdm  # type: ignore[import-untyped, unused-ignore]

            self._bar = tqdm(total=total, file=sys.stderr, unit="lookup", desc="Crossref",
                             leave=False)

    def __call__(self, n: int) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.close()


def _from_cache(entry: CachedWork) -> DoiCheck:
    if entry.status == "found":
        notices = tuple(Update.from_json(n) for n in entry.notices)
        return DoiCheck(entry.doi, DoiStatus.FOUND, Work.from_json(entry.body, notices),
                        updates_checked=entry.updates_fetched > 0)
    if entry.status == "elsewhere":
        return DoiCheck(entry.doi, DoiStatus.ELSEWHERE, agency=str(entry.body))
    return DoiCheck(entry.doi, DoiStatus.NOT_FOUND)


def _query_key(query: str) -> str:
    return " ".join(query.casefold().split())


def _describe(reply: Reply) -> str:
    return reply.error or f"HTTP {reply.status}"
