"""Our adapter over the Crossref REST API.

The rest of citecheck talks to :class:`CrossrefClient`; tests may inject any
object with the same methods.  Every request goes through one shared
:class:`~citecheck.crossref.limiter.RateLimiter`, is retried by one
:class:`~citecheck.crossref.limiter.RetryPolicy` and counted against one
:class:`~citecheck.crossref.limiter.FailureBudget`.

One transport, a pooled ``httpx2.Client``, for every route (0.8 ms per request on
loopback against 20 ms for a new client per call; see ``bench/crossref.py``).  habanero
builds and validates the list routes' query, ``/works?filter=...`` and
``/works?query.bibliographic=...`` (its filter names, field queries and ``select``), but does
not send it: its transport opens a client per call, reads bodies whole and without a size or
time bound, does not URL-encode DOIs and raises on a 301.

Every response is read in a stream, so that a server cannot hold citecheck: a body larger
than :data:`MAX_BODY` is refused, a request may take no longer than its own time limit however
slowly the bytes come, and the whole verification ends by a :class:`Deadline`.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import quote, urlsplit

if TYPE_CHECKING:
    import httpx2

from citecheck import __version__
from citecheck.crossref import DEFAULT_URL as DEFAULT_URL  # defined with the settings, which need no client
from citecheck.crossref.limiter import Deadline, DeadlineExceeded, FailureBudget, RateLimiter, RetryPolicy

#: Keep the request line of a batched filter query under this many bytes
#: (servers commonly reject lines over 4-8 KB).
MAX_REQUEST_LINE = 3500
#: Work fields fetched in batch.  Not "reference": it is most of a record's size.
WORK_SELECT = ["DOI", "type", "title", "subtitle", "author", "issued", "published-print",
               "published-online", "published", "created", "container-title", "short-container-title",
               "volume", "issue", "page", "updated-by", "update-to", "relation"]
UPDATE_SELECT = ["DOI", "updated-by", "update-to"]
NOTICE_SELECT = ["DOI", "type", "title", "issued", "update-to"]
SEARCH_SELECT = ["DOI", "type", "title", "subtitle", "author", "issued", "published-print",
                 "published-online", "container-title", "short-container-title", "volume",
                 "issue", "page", "score"]
RETRYABLE = frozenset({0, 408, 425, 429, 500, 502, 503, 504})
#: The largest response body read.  A page of 100 works without references is about 0.5 MB.
MAX_BODY = 16 * 1024 * 1024
#: The longest one request may take, its body included, however slowly the bytes come.
REQUEST_LIMIT = 20.0


@dataclass(frozen=True)
class Reply:
    """The outcome of one logical request, after retries.

    ``status`` is the HTTP status, or 0 when no usable response came back
    (a timeout, a reset connection, a truncated body); ``error`` then says why.
    """

    status: int
    body: Any = None
    headers: Mapping[str, str] = field(default_factory=dict)
    error: str | None = None
    #: A failure that asking again would repeat (a body over the size limit).
    final: bool = False

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300 and self.error is None

    @property
    def retry_after(self) -> float | None:
        value = {k.lower(): v for k, v in self.headers.items()}.get("retry-after")
        return parse_retry_after(value) if value is not None else None


class Unavailable(Exception):
    """Crossref failed too often: the failure budget is spent."""


def parse_retry_after(value: str, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds or an HTTP date."""
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        import email.utils

        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def user_agent(mailto: str | None) -> str:
    contact = f" (mailto:{mailto})" if mailto else ""
    return f"citecheck/{__version__}{contact}"


def quote_doi(doi: str) -> str:
    """A DOI as a URL path: every reserved character escaped except ``/``."""
    return quote(doi, safe="/")


def filter_chunks(dois: Sequence[str], name: str = "doi",
                  limit: int = MAX_REQUEST_LINE, overhead: int = 200) -> list[list[str]]:
    """Split DOIs into ``filter=name:A,name:B`` batches whose request line stays
    under ``limit`` bytes (``overhead`` covers the path, rows and select)."""
    chunks: list[list[str]] = []
    current: list[str] = []
    size = overhead
    for doi in dois:
        cost = len(quote(f"{name}:{doi}", safe="")) + 3  # + "%2C"
        if current and size + cost > limit:
            chunks.append(current)
            current, size = [], overhead
        current.append(doi)
        size += cost
    if current:
        chunks.append(current)
    return chunks


class CrossrefClient:
    """Polite, batched, retried access to the four routes citecheck uses."""

    def __init__(self, base_url: str = DEFAULT_URL, mailto: str | None = None, *,
                 timeout: float = 10.0, limiter: RateLimiter | None = None,
                 retry: RetryPolicy | None = None, budget: FailureBudget | None = None,
                 deadline: Deadline | None = None, max_body: int = MAX_BODY,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.base_url = base_url.rstrip("/")
        self.mailto = mailto
        self.timeout = timeout
        self.limiter = limiter or RateLimiter.for_pool(polite=bool(mailto))
        self.retry = retry or RetryPolicy()
        self.budget = budget or FailureBudget()
        self.deadline = deadline or Deadline(None)
        self.max_body = max_body
        self._sleep = sleep
        self._lock = threading.Lock()
        self.requests = 0
        # Imported here, not with the module: only a run with --crossref pays for httpx2.
        import httpx2

        self._http: httpx2.Client = httpx2.Client(
            base_url=self.base_url,
            headers={"User-Agent": user_agent(mailto)},
            timeout=timeout,
            follow_redirects=False,
            limits=httpx2.Limits(max_connections=self.limiter.concurrency,
                                 max_keepalive_connections=self.limiter.concurrency),
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the routes -----------------------------------------------------------

    def works_by_doi(self, dois: Sequence[str], select: Sequence[str] = WORK_SELECT) -> Reply:
        """``/works?filter=doi:A,doi:B&rows=N``: body is the list of items found."""
        return self._list({"filter": {"doi": list(dois)}, "rows": len(dois), "select": select})

    def notices_for(self, dois: Sequence[str], rows: int = 1000) -> Reply:
        """``/works?filter=updates:A,...``: the notices (retractions, corrections)
        that point at any of ``dois``."""
        return self._list({"filter": {"updates": list(dois)}, "rows": rows, "select": NOTICE_SELECT})

    def search(self, query: str, rows: int = 5) -> Reply:
        """``/works?query.bibliographic=...&rows=N``: body is the list of hits."""
        return self._list({"query.bibliographic": query, "rows": rows, "select": SEARCH_SELECT})

    def work(self, doi: str) -> Reply:
        """``/works/{doi}``, following one 301 alias: body is the work."""
        reply = self._retried(lambda: self._get(f"/works/{quote_doi(doi)}"))
        if reply.status in (301, 302, 307, 308):
            location = {k.lower(): v for k, v in reply.headers.items()}.get("location", "")
            target = urlsplit(location).path
            if "/works/" not in target:
                return Reply(0, error=f"unexpected redirect to {location!r}")
            # Relative to our base URL, which may itself have a path.
            target = target[target.index("/works/"):]
            reply = self._retried(lambda: self._get(target))
        if reply.ok and isinstance(reply.body, dict):
            return Reply(reply.status, reply.body.get("message"), reply.headers)
        return reply

    def agency(self, doi: str) -> Reply:
        """``/works/{doi}/agency``: body is the agency id ("crossref", "datacite")."""
        reply = self._retried(lambda: self._get(f"/works/{quote_doi(doi)}/agency"))
        if reply.ok:
            try:
                return Reply(reply.status, reply.body["message"]["agency"]["id"], reply.headers)
            except (TypeError, KeyError):
                return Reply(0, error="agency response without an agency")
        return reply

    # -- machinery ------------------------------------------------------------

    def _count(self) -> None:
        with self._lock:
            self.requests += 1

    def _get(self, path: str, params: Mapping[str, str] | None = None) -> Reply:
        """One GET, its body read in a stream within the size and time limits."""
        import httpx2

        limit = min(REQUEST_LIMIT, self.deadline.remaining())
        if limit <= 0:
            raise DeadlineExceeded(self.deadline.message())
        started = time.monotonic()
        try:
            with self._http.stream("GET", path, params=params,
                                   timeout=min(self.timeout, limit)) as response:
                headers = dict(response.headers)
                self.limiter.adapt(headers)
                if response.status_code != 200:
                    return Reply(response.status_code, None, headers, f"HTTP {response.status_code}"
                                 if response.status_code >= 400 and response.status_code != 404 else None)
                declared = headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_body:
                    return Reply(0, headers=headers, error=f"response of {_size(int(declared))} refused",
                                 final=True)
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_body:
                        return Reply(0, headers=headers, error=f"response over {_size(self.max_body)} refused",
                                     final=True)
                    if time.monotonic() - started > limit:
                        return Reply(0, headers=headers, error="timed out (response too slow)")
                    chunks.append(chunk)
        except httpx2.TimeoutException:
            return Reply(0, error="timed out")
        except httpx2.HTTPError as exc:
            return Reply(0, error=f"connection failed ({type(exc).__name__})")
        try:
            return Reply(200, json.loads(b"".join(chunks)), headers)
        except ValueError:
            return Reply(0, headers=headers, error="malformed JSON in response")

    def _list(self, query: Mapping[str, Any]) -> Reply:
        params = list_params(query)
        reply = self._retried(lambda: self._get("/works", params))
        if reply.ok:
            try:
                return Reply(reply.status, list(reply.body["message"]["items"]), reply.headers)
            except (TypeError, KeyError):
                return Reply(0, error="list response without items")
        return reply

    def _retried(self, attempt: Callable[[], Reply]) -> Reply:
        reply = Reply(0, error="not sent")
        for n in range(self.retry.tries):
            if self.budget.exhausted:
                raise Unavailable("too many Crossref requests failed")
            with self.limiter.slot(self.deadline):
                self._count()
                reply = attempt()
            if reply.status not in RETRYABLE and reply.status < 500:
                ok = reply.ok or reply.status in (301, 302, 307, 308, 404)
                self.budget.record(ok)
                return reply
            if n + 1 == self.retry.tries or reply.final:
                break
            delay = self.retry.delay(n, reply.retry_after)
            if delay >= self.deadline.remaining():
                raise DeadlineExceeded(self.deadline.message(
                    f"Crossref asked to wait {delay:.0f} s" if reply.retry_after is not None else None))
            if reply.retry_after is not None:
                self.limiter.pause(delay)  # the server asked everyone to wait
            else:
                self._sleep(delay)
        self.budget.record(False)
        return reply


def list_params(query: Mapping[str, Any]) -> dict[str, str]:
    """The query string of a ``/works`` list request, built and checked by habanero's own
    filter and ``select`` handling (so the names are the ones Crossref accepts)."""
    from habanero.filterhandler import filter_handler  # type: ignore[import-untyped, unused-ignore]
    from habanero.select import validate_select  # type: ignore[import-untyped, unused-ignore]

    params: dict[str, str] = {}
    for key, value in query.items():
        if key == "filter":
            params["filter"] = filter_handler(dict(value))
        elif key == "select":
            params["select"] = ",".join(value)
            validate_select(params["select"])
        else:
            params[key] = str(value)
    return params


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))
