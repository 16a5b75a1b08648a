"""A local stand-in for the Crossref REST API, for tests and the bench.

It is a real HTTP server on 127.0.0.1 (the standard library's threading
server), so the client under test goes through its whole network stack.  It
serves the recorded responses in ``../shared/crossref`` and works added by a
test, and it answers the four routes citecheck uses:

* ``/works?filter=doi:A,doi:B&rows=N`` (and ``filter=updates:A,...``)
* ``/works?query.bibliographic=...&rows=N``
* ``/works/{doi}`` (404 as text/plain, 301 aliases with a relative Location)
* ``/works/{doi}/agency``

Faults are injected on demand: latency on every request, and per-request
faults queued with :meth:`FakeCrossref.fail_next` (``"429"``, ``"500"``,
``"503"``, ``"timeout"``, ``"truncated"``, ``"reset"``, ``"json400"``).  Every request is
logged, and the largest number of requests in flight at once is recorded so
tests can check the client's concurrency limit.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self
from urllib.parse import parse_qs, unquote, urlsplit

#: The recorded responses, copied from ../shared/crossref (see its README for what each shows and
#: tests/data/crossref/PROVENANCE.md for where they come from and their licences).
RECORDED = Path(__file__).resolve().parent / "data" / "crossref"
#: The shared originals; one recording (from a repository with no stated licence) is only there.
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "crossref"
#: Kept only in ../shared: the tests that serve it skip without it.
SHARED_ONLY = {"sbm_worklist_query.bibliographic_CERMINE_ref.json"}


def load_recorded(directory: Path = RECORDED) -> dict[str, dict[str, Any]]:
    """All work records in the recorded responses, keyed by lower-case DOI."""
    works: dict[str, dict[str, Any]] = {}
    for path in sorted(directory.glob("*.json")):
        if path.name == "manifest.json":
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("message-type") == "work":
            items = [data["message"]]
        elif data.get("message-type") == "work-list":
            items = data["message"].get("items", [])
        elif "DOI" in data and "type" in data:  # *_item_* files: one work object
            items = [data]
        else:
            continue
        for item in items:
            if "DOI" in item and "title" in item:
                works.setdefault(item["DOI"].lower(), item)
    return works


def recorded(name: str) -> dict[str, Any]:
    """One recorded file, decoded."""
    path = (SHARED if name in SHARED_ONLY else RECORDED) / name
    if not path.exists():
        import pytest

        pytest.skip(f"the recorded response {name} is only in ../shared/crossref, which is absent")
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass
class Logged:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    started: float


class _QuietServer(ThreadingHTTPServer):
    """Says nothing when a client hangs up mid-answer, as the fault tests make it do: the
    default prints a traceback to whatever ``sys.stderr`` is then, which may be the stderr a
    CLI test is reading."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class FakeCrossref:
    """The server.  Use as a context manager or call start()/stop()."""

    def __init__(self, works: dict[str, dict[str, Any]] | None = None, latency: float = 0.0):
        self.works: dict[str, dict[str, Any]] = dict(load_recorded() if works is None else works)
        self.aliases: dict[str, str] = {}
        self.agencies: dict[str, str] = {}
        self.searches: list[tuple[str, dict[str, Any]]] = []
        self.latency = latency
        self.headers: dict[str, str] = {}  # sent with every answer, e.g. X-Rate-Limit-*
        self.timeout_sleep = 3.0
        self.requests: list[Logged] = []
        self.max_in_flight = 0
        self._in_flight = 0
        self._faults: deque[tuple[str, str | None, float]] = deque()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._add_recorded_routes()

    # -- set-up ---------------------------------------------------------------

    def _add_recorded_routes(self) -> None:
        # The chemrxiv alias, exactly as recorded: 301 to a relative Location.
        alias = recorded("srn_http301_works_10.26434_chemrxiv.5406907.json")
        self.aliases["10.26434/chemrxiv.5406907"] = alias["headers"]["location"]
        agency = recorded("hab_agency_10.1126_science.169.3946.635.json")["message"]
        self.agencies[agency["DOI"].lower()] = agency["agency"]["id"]
        for doi in self.works:
            self.agencies.setdefault(doi, "crossref")

    def add_work(self, work: dict[str, Any]) -> None:
        doi = work["DOI"].lower()
        self.works[doi] = work
        self.agencies.setdefault(doi, "crossref")

    def add_search(self, needle: str, body: dict[str, Any]) -> None:
        """Answer ``query.bibliographic`` queries containing ``needle`` with ``body``."""
        self.searches.append((needle.lower(), body))

    def fail_next(self, kind: str, count: int = 1, path: str | None = None,
                  retry_after: float = 0) -> None:
        """Queue ``count`` faults for the next requests (whose path starts with ``path``)."""
        for _ in range(count):
            self._faults.append((kind, path, retry_after))

    # -- lifecycle ------------------------------------------------------------

    def start(self) -> Self:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Without this, headers and body go out in two segments and a
            # keep-alive client waits ~40 ms for a delayed ACK on each request.
            disable_nagle_algorithm = True

            def do_GET(self) -> None:
                fake._handle(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    # -- handling -------------------------------------------------------------

    def _take_fault(self, path: str) -> tuple[str, float] | None:
        with self._lock:
            for i, (kind, prefix, retry_after) in enumerate(self._faults):
                if prefix is None or path.startswith(prefix):
                    del self._faults[i]
                    return kind, retry_after
        return None

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(h.path)
        query = parse_qs(parts.query)
        with self._lock:
            self.requests.append(Logged("GET", parts.path, query, dict(h.headers), time.monotonic()))
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
        try:
            if self.latency:
                time.sleep(self.latency)
            fault = self._take_fault(parts.path)
            if fault is not None and self._fault(h, *fault):
                return
            status, headers, body = self._route(parts.path, query)
            self._send(h, status, {**self.headers, **headers}, body)
        finally:
            with self._lock:
                self._in_flight -= 1

    def _fault(self, h: BaseHTTPRequestHandler, kind: str, retry_after: float) -> bool:
        if kind in ("429", "503"):
            self._send(h, int(kind), {"Retry-After": f"{retry_after:g}"}, b"Too many requests.")
        elif kind == "500":
            self._send(h, 500, {"Content-Type": "text/plain"}, b"Internal Server Error")
        elif kind == "timeout":
            time.sleep(self.timeout_sleep)
            h.close_connection = True
            return True
        elif kind == "reset":
            # SO_LINGER 0 makes close() send RST instead of FIN.
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            h.connection.close()
            h.close_connection = True
        elif kind == "json400":  # as recorded: a validation failure with a JSON body
            body = json.dumps(recorded("hab_error400_query_on_doi_route.json")).encode()
            self._send(h, 400, {"Content-Type": "application/json"}, body)
        elif kind == "truncated":
            body = json.dumps({"status": "ok", "message-type": "work",
                               "message": {"DOI": "10.1/x", "title": ["cut"]}}).encode()
            self._send(h, 200, {"Content-Type": "application/json"}, body[: len(body) // 2])
        elif kind == "html":  # a proxy's error page with a 200
            self._send(h, 200, {"Content-Type": "text/html"}, b"<html><body>Gateway</body></html>")
        elif kind == "huge":  # declares 100 MB, sends the first 10 MB at most
            self._stream(h, {"Content-Length": str(100 * 1024 * 1024)}, 64 * 1024, 160, 0.0)
        elif kind == "endless":  # chunked, no length, never finishes (bounded here: 64 MB)
            self._stream(h, {"Transfer-Encoding": "chunked"}, 64 * 1024, 1024, 0.0, chunked=True)
        elif kind == "drip":  # a valid length, then one byte every 0.25 s (bounded here: 10 min)
            self._stream(h, {"Content-Length": "2400"}, 1, 2400, 0.25)
        elif kind == "redirect":  # a work that redirects to itself
            self._send(h, 301, {"Location": h.path, "Content-Type": "text/plain"}, b"")
        else:
            raise ValueError(kind)
        return True

    @staticmethod
    def _stream(h: BaseHTTPRequestHandler, headers: dict[str, str], size: int, count: int,
                pause: float, chunked: bool = False) -> None:
        """A 200 whose body comes in ``count`` pieces of ``size`` bytes, ``pause`` apart; it
        stops when the client hangs up."""
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        for name, value in headers.items():
            h.send_header(name, value)
        h.end_headers()
        piece = b" " * size
        try:
            for _ in range(count):
                if chunked:
                    h.wfile.write(f"{size:x}\r\n".encode() + piece + b"\r\n")
                else:
                    h.wfile.write(piece)
                h.wfile.flush()
                if pause:
                    time.sleep(pause)
        except OSError:
            pass  # the client gave up, as it should
        h.close_connection = True

    @staticmethod
    def _send(h: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes) -> None:
        h.send_response(status)
        headers = {"Content-Type": "application/json", **headers}
        for name, value in headers.items():
            h.send_header(name, value)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    def _route(self, path: str, query: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
        not_found = (404, {"Content-Type": "text/plain"}, b"Resource not found.")
        if path.rstrip("/") == "/works":
            return self._list(query)
        if not path.startswith("/works/"):
            return not_found
        doi = unquote(path[len("/works/"):]).lower()
        if doi.endswith("/agency"):
            doi = doi[: -len("/agency")]
            agency = self.agencies.get(doi)
            if agency is None:  # as recorded: JSON content type, plain-text body
                return 404, {"Content-Type": "application/json;charset=utf-8"}, b"Resource not found."
            body = {"status": "ok", "message-type": "work-agency", "message-version": "1.0.0",
                    "message": {"DOI": doi, "agency": {"id": agency, "label": agency.title()}}}
            return 200, {}, json.dumps(body).encode()
        if doi in self.aliases:
            return 301, {"Location": self.aliases[doi], "Content-Type": "text/plain"}, b""
        if doi in self.works:
            body = {"status": "ok", "message-type": "work", "message-version": "1.0.0",
                    "message": self.works[doi]}
            return 200, {}, json.dumps(body).encode()
        return not_found

    def _list(self, query: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
        rows = int(query.get("rows", ["20"])[0])
        items: list[dict[str, Any]] = []
        if "filter" in query:
            wanted_dois, wanted_updates = _parse_filter(query["filter"][0])
            # Crossref returns filter results in its own order, not the request's.
            for doi in sorted(wanted_dois, reverse=True):
                if doi in self.works:
                    items.append(self.works[doi])
            for work in self.works.values():
                targets = {u.get("DOI", "").lower() for u in work.get("update-to", [])}
                if targets & wanted_updates:
                    items.append(work)
            if "select" in query:
                keys = query["select"][0].split(",")
                items = [{k: w[k] for k in keys if k in w} for w in items]
        elif "query.bibliographic" in query:
            text = query["query.bibliographic"][0].lower()
            for needle, body in self.searches:
                if needle in text:
                    return 200, {}, json.dumps(body).encode()
        body = {"status": "ok", "message-type": "work-list", "message-version": "1.0.0",
                "message": {"facets": {}, "total-results": len(items), "items": items[:rows],
                            "items-per-page": rows, "query": {"start-index": 0, "search-terms": None}}}
        return 200, {}, json.dumps(body).encode()


def _parse_filter(value: str) -> tuple[set[str], set[str]]:
    dois: set[str] = set()
    updates: set[str] = set()
    for part in _split_filter(value):
        name, _, arg = part.partition(":")
        if name == "doi":
            dois.add(arg.lower())
        elif name == "updates":
            updates.add(arg.lower())
    return dois, updates


def _split_filter(value: str) -> Iterable[str]:
    # Filters are comma-separated "name:value"; a comma that is not followed by
    # a filter name belongs to the value (DOIs may contain commas).
    out: list[str] = []
    for piece in value.split(","):
        if out and not piece.split(":", 1)[0] in ("doi", "updates"):
            out[-1] += "," + piece
        else:
            out.append(piece)
    return out


def make_work(doi: str, title: str, family: str = "Author", year: int = 2020,
              journal: str = "Journal of Examples", **extra: Any) -> dict[str, Any]:
    """A work record in Crossref's real shape, for cases the recordings lack."""
    work: dict[str, Any] = {
        "DOI": doi, "type": "journal-article", "title": [title],
        "author": [{"given": "A.", "family": family, "sequence": "first"}],
        "issued": {"date-parts": [[year]]}, "container-title": [journal],
    }
    work.update(extra)
    return work


def update_entry(doi: str, kind: str, date: tuple[int, int, int], **extra: Any) -> dict[str, Any]:
    """An ``updated-by``/``update-to`` entry in Crossref's real shape."""
    y, m, d = date
    return {"DOI": doi, "type": kind, "label": kind.replace("_", " ").title(),
            "updated": {"date-parts": [[y, m, d]], "date-time": f"{y}-{m:02d}-{d:02d}T00:00:00Z",
                        "timestamp": 0}, **extra}
