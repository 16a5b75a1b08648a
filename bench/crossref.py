"""Bench: 200 DOIs against the local Crossref server, naive habanero loop vs citecheck.

Run from the repository root::

    PYTHONPATH=src python bench/crossref.py [--dois 200] [--latency 0.1]

It starts the test suite's fake Crossref (tests/crossref_server.py) on
127.0.0.1 with ``--latency`` seconds added to every response, writes a
manuscript whose references carry ``--dois`` DOIs, and prints wall time and
the number of HTTP requests the server received for

(a) a naive loop of habanero ``Crossref(...).works(ids=doi)`` calls;
(b) ``citecheck check --crossref`` through the library API, with the polite
    pool's limits (10 requests/s, 3 in flight) and an empty cache;
(c) the same check again, served from the cache;

and, with no injected latency, the per-request cost of a ``/works/{doi}``
lookup through habanero (a new httpx2.Client per call) and through
citecheck's pooled httpx2.Client: the measurement behind using httpx2 for
the per-DOI routes.  Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from crossref_server import FakeCrossref, make_work
from habanero import Crossref

from citecheck.api import check_paths
from citecheck.crossref import CrossrefSettings
from citecheck.crossref.client import CrossrefClient
from citecheck.crossref.limiter import RateLimiter


def manuscript(dois: list[str]) -> str:
    cites = " ".join(f"Finding {n} [{n}]." for n in range(1, len(dois) + 1))
    refs = "\n".join(f"{n}. Author{n} A. Work number {n} on a topic. J Bench. 2020;{n}:1-9. "
                     f"doi:{doi}" for n, doi in enumerate(dois, 1))
    return f"{cites}\n\nReferences\n{refs}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dois", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.1)
    args = parser.parse_args()

    dois = [f"10.5555/bench.{n:05d}" for n in range(1, args.dois + 1)]
    with FakeCrossref(works={}, latency=args.latency) as server, \
            tempfile.TemporaryDirectory() as tmp:
        for n, doi in enumerate(dois, 1):
            server.add_work(make_work(doi, f"Work number {n} on a topic", family=f"Author{n}"))
        paper = Path(tmp) / "paper.txt"
        paper.write_text(manuscript(dois), encoding="utf-8")
        rows = []

        cr = Crossref(base_url=server.url, mailto="bench@example.org")
        started = time.perf_counter()
        for doi in dois:
            cr.works(ids=doi)
        rows.append(("naive habanero works(ids=doi) loop", time.perf_counter() - started,
                     len(server.requests)))

        settings = CrossrefSettings(base_url=server.url, mailto="bench@example.org",
                                    cache_dir=Path(tmp) / "cache")
        for label in ("citecheck --crossref, empty cache", "citecheck --crossref, second run (cache)"):
            server.requests.clear()
            started = time.perf_counter()
            report = check_paths([paper], crossref=settings)
            elapsed = time.perf_counter() - started
            assert report.unverified == 0, report.notes
            rows.append((label, elapsed, len(server.requests)))

        server.latency = 0.0
        per_request = overhead(server.url, dois[:100])

    print(f"{args.dois} DOIs, {args.latency * 1000:.0f} ms injected latency per response, "
          f"polite-pool limits (10/s, 3 in flight) for citecheck")
    print(f"{'run':<42} {'wall time':>10} {'requests':>9}")
    for label, elapsed, count in rows:
        print(f"{label:<42} {elapsed:>9.2f}s {count:>9}")
    print("per /works/{doi} request, no injected latency: " + ", ".join(
        f"{name} {ms:.2f} ms" for name, ms in per_request))
    if rows[-1][2] != 0:
        sys.exit("the second citecheck run sent requests: the cache did not serve it")


def overhead(url: str, dois: list[str]) -> list[tuple[str, float]]:
    """Mean milliseconds per sequential single-DOI lookup, unthrottled."""
    cr = Crossref(base_url=url)
    client = CrossrefClient(url, limiter=RateLimiter(1e6, 1))
    out = []
    for name, fetch in (("habanero works(ids=doi)", lambda d: cr.works(ids=d)),
                        ("citecheck pooled httpx2", client.work)):
        fetch(dois[0])  # warm up
        started = time.perf_counter()
        for doi in dois:
            fetch(doi)
        out.append((name, (time.perf_counter() - started) * 1000 / len(dois)))
    client.close()
    return out


if __name__ == "__main__":
    main()
