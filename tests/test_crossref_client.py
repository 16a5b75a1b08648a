"""The adapter against the local server: batching, quoting, aliases, faults."""

from __future__ import annotations

import time
from urllib.parse import quote

import pytest
from crossref_server import FakeCrossref
from crossref_support import FAST_RETRY, client_for, server_fixture  # noqa: F401 (fixture)

from citecheck import __version__
from citecheck.crossref.client import MAX_REQUEST_LINE, Unavailable, filter_chunks, quote_doi
from citecheck.crossref.limiter import FailureBudget, RateLimiter, RetryPolicy

SICI = "10.1002/1096-9861(20010212)430:3<283::aid-cne1031>3.0.co;2-v"


def test_filter_chunks_keep_the_request_line_short() -> None:
    dois = [f"10.1371/journal.pone.{n:07d}" for n in range(500)]
    chunks = filter_chunks(dois)
    assert [d for c in chunks for d in c] == dois
    for chunk in chunks:
        line = "GET /works?filter=" + quote(",".join(f"doi:{d}" for d in chunk), safe="") + \
            f"&rows={len(chunk)}&select=" + "x" * 150 + " HTTP/1.1"
        assert len(line) < MAX_REQUEST_LINE
    assert len(chunks) <= 6


def test_batch_lookup_sets_rows_and_ignores_order(server: FakeCrossref) -> None:
    dois = ["10.1038/srep16696", "10.1002/jor.1100150407", "10.1371/notarealdoi"]
    with client_for(server) as client:
        reply = client.works_by_doi(dois)
    assert reply.ok
    assert sorted(i["DOI"].lower() for i in reply.body) == sorted(dois[:2])
    request = server.requests[-1]
    assert request.query["rows"] == ["3"]
    assert request.query["filter"] == [",".join(f"doi:{d}" for d in dois)]


def test_sici_doi_is_url_encoded(server: FakeCrossref) -> None:
    assert quote_doi(SICI) == "10.1002/1096-9861%2820010212%29430%3A3%3C283%3A%3Aaid-cne1031%3E3.0.co%3B2-v"
    with client_for(server) as client:
        reply = client.work(SICI)
    assert reply.ok and reply.body["DOI"].lower() == SICI


def test_alias_301_is_followed_once(server: FakeCrossref) -> None:
    with client_for(server) as client:
        reply = client.work("10.26434/chemrxiv.5406907")
    assert reply.ok and reply.body["DOI"] == "10.26434/chemrxiv.5406907.v5"
    assert server.paths() == ["/works/10.26434/chemrxiv.5406907", "/works/10.26434/chemrxiv.5406907.v5"]


def test_404_and_agency(server: FakeCrossref) -> None:
    with client_for(server) as client:
        assert client.work("10.1371/notarealdoi").status == 404
        assert client.agency("10.1371/notarealdoi").status == 404  # JSON content type, text body
        reply = client.agency("10.1126/science.169.3946.635")
    assert reply.ok and reply.body == "crossref"


def test_user_agent_names_citecheck_and_mailto(server: FakeCrossref) -> None:
    with client_for(server, mailto="editor@example.org") as client:
        client.work("10.1038/srep16696")
        client.works_by_doi(["10.1038/srep16696"])
    for request in server.requests:
        agent = request.headers["User-Agent"]
        assert f"citecheck/{__version__}" in agent and "mailto:editor@example.org" in agent


@pytest.mark.parametrize("fault", ["500", "503", "truncated", "reset"])
@pytest.mark.parametrize("route", ["single", "batch"])
def test_transient_faults_are_retried(server: FakeCrossref, fault: str, route: str) -> None:
    server.fail_next(fault, count=2)
    with client_for(server) as client:
        if route == "single":
            reply = client.work("10.1038/srep16696")
        else:
            reply = client.works_by_doi(["10.1038/srep16696"])
        assert reply.ok, reply
        assert client.requests == 3
    assert len(server.requests) == 3


def test_timeout_is_retried(server: FakeCrossref) -> None:
    server.timeout_sleep = 1.0
    server.fail_next("timeout")
    with client_for(server, timeout=0.3) as client:
        reply = client.work("10.1038/srep16696")
    assert reply.ok and len(server.requests) == 2


def test_retry_after_is_honoured(server: FakeCrossref) -> None:
    server.fail_next("429", retry_after=0.6)
    with client_for(server) as client:
        reply = client.works_by_doi(["10.1038/srep16696"])
    assert reply.ok
    gap = server.requests[1].started - server.requests[0].started
    assert gap >= 0.55, gap


def test_gives_up_after_the_tries(server: FakeCrossref) -> None:
    server.fail_next("500", count=10)
    with client_for(server, budget=FailureBudget(1.0)) as client:
        reply = client.work("10.1038/srep16696")
    assert reply.status == 500 and not reply.ok
    assert len(server.requests) == FAST_RETRY.tries


def test_failure_budget_stops_asking(server: FakeCrossref) -> None:
    server.fail_next("500", count=5)
    with client_for(server) as client:
        assert not client.work("10.1038/srep16696").ok
        with pytest.raises(Unavailable):
            client.work("10.1002/jor.1100150407")
    assert len(server.requests) == 5


def test_polite_pool_concurrency_is_never_exceeded(server: FakeCrossref) -> None:
    from concurrent.futures import ThreadPoolExecutor

    server.latency = 0.1
    with client_for(server, limiter=RateLimiter(1000, 3)) as client, ThreadPoolExecutor(8) as pool:
        list(pool.map(client.work, ["10.1038/srep16696"] * 16))
    assert server.max_in_flight == 3


def test_rate_is_limited(server: FakeCrossref) -> None:
    with client_for(server, limiter=RateLimiter(20, 1)) as client:
        started = time.monotonic()
        for _ in range(6):
            client.work("10.1038/srep16696")
        elapsed = time.monotonic() - started
    # Six starts at 20 per second span at least five intervals.
    assert elapsed >= 5 / 20 - 0.005, elapsed
    assert len(server.requests) == 6


def test_connection_refused_is_a_failure_not_an_exception() -> None:
    from citecheck.crossref.client import CrossrefClient

    client = CrossrefClient("http://127.0.0.1:9", retry=RetryPolicy(tries=2, base=0.001),
                            limiter=RateLimiter(1000, 1))
    reply = client.work("10.1038/srep16696")
    assert reply.status == 0 and "connection failed" in (reply.error or "")
    # One failed request out of one is over the 10% budget: nothing more is sent.
    with pytest.raises(Unavailable):
        client.works_by_doi(["10.1038/srep16696"])


def test_retry_after_as_http_date() -> None:
    from citecheck.crossref.client import parse_retry_after

    assert parse_retry_after("3") == 3.0
    assert parse_retry_after("Wed, 21 Oct 2026 07:28:10 GMT", now=1792567685.0) == 5.0
    assert parse_retry_after("soon") is None


@pytest.mark.parametrize("fault", ["429", "503"])
def test_retry_after_on_single_lookups(server: FakeCrossref, fault: str) -> None:
    server.fail_next(fault, retry_after=0.4)
    with client_for(server) as client:
        assert client.work("10.1038/srep16696").ok
    assert server.requests[1].started - server.requests[0].started >= 0.35


def test_slows_down_to_the_announced_pool(server: FakeCrossref) -> None:
    # As recorded for the public pool: 5 per 1s.
    server.headers = {"X-Rate-Limit-Limit": "5", "X-Rate-Limit-Interval": "1s"}
    with client_for(server, limiter=RateLimiter(10, 3)) as client:
        client.work("10.1038/srep16696")
        assert client.limiter.rate == 5


def test_json_error_through_habanero_is_not_retried(server: FakeCrossref) -> None:
    # habanero turns a JSON error body into RequestError(status, message).
    server.fail_next("json400")
    with client_for(server, budget=FailureBudget(1.0)) as client:
        reply = client.works_by_doi(["10.1038/srep16696"])
    assert reply.status == 400 and not reply.ok
    assert len(server.requests) == 1
