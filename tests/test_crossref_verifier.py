"""The verifier's lookup plan and failure accounting."""

from __future__ import annotations

from crossref_server import FakeCrossref, make_work
from crossref_support import document, ref, server_fixture, verifier_for  # noqa: F401 (fixture)

from citecheck.crossref.verifier import DoiStatus, reference_doi
from citecheck.model import Reference, Span


def test_two_hundred_dois_take_a_handful_of_requests(server: FakeCrossref) -> None:
    dois = [f"10.5555/bench.{n:04d}" for n in range(200)]
    for n, doi in enumerate(dois):
        server.add_work(make_work(doi, f"Work number {n}"))
    verifier = verifier_for(server)
    verifier.prefetch_dois(dois)
    assert all(verifier.check(d).status is DoiStatus.FOUND for d in dois)
    assert 2 <= len(server.requests) <= 8
    assert set(server.paths()) == {"/works"}


def test_absent_dois_fall_back_to_single_lookups(server: FakeCrossref) -> None:
    server.agencies["10.5061/dryad.x"] = "datacite"
    verifier = verifier_for(server)
    verifier.prefetch_dois(["10.1038/srep16696", "10.1371/notarealdoi", "10.26434/chemrxiv.5406907",
                            "10.5061/dryad.x"])
    assert verifier.check("10.1371/notarealdoi").status is DoiStatus.NOT_FOUND
    elsewhere = verifier.check("10.5061/dryad.x")
    assert elsewhere.status is DoiStatus.ELSEWHERE and elsewhere.agency == "datacite"
    alias = verifier.check("10.26434/chemrxiv.5406907")
    assert alias.status is DoiStatus.FOUND and alias.aliased
    singles = [p for p in server.paths() if p != "/works"]
    assert "/works/10.1038/srep16696" not in singles  # found in the batch


def test_service_down_leaves_everything_unverified_quickly() -> None:
    from crossref_support import FAST_RETRY

    from citecheck.crossref.client import CrossrefClient
    from citecheck.crossref.limiter import RateLimiter
    from citecheck.crossref.verifier import CrossrefVerifier

    client = CrossrefClient("http://127.0.0.1:9", retry=FAST_RETRY, limiter=RateLimiter(1000, 3))
    verifier = CrossrefVerifier(client, None)
    doc = document(ref("1", doi="10.1038/srep16696"), ref("2", doi="10.1371/notarealdoi"))
    verifier.prefetch([doc])
    assert verifier.check("10.1038/srep16696").status is DoiStatus.UNVERIFIED
    assert len(verifier.unverified_references(doc)) == 2
    assert verifier.stopped
    assert client.requests == FAST_RETRY.tries  # the first failure spends the budget
    assert "connection failed" in verifier.summary()


def test_partial_failure_verifies_what_it_can(server: FakeCrossref) -> None:
    # The batch works; the single lookup of the absent DOI keeps failing.
    verifier = verifier_for(server)
    server.fail_next("500", count=50, path="/works/10.1371")
    doc = document(ref("1", doi="10.1038/srep16696"), ref("2", doi="10.1371/notarealdoi"))
    verifier.prefetch([doc])
    assert verifier.check("10.1038/srep16696").status is DoiStatus.FOUND
    assert verifier.check("10.1371/notarealdoi").status is DoiStatus.UNVERIFIED
    assert [r.label for r in verifier.unverified_references(doc)] == ["2"]


def test_failed_notice_query_counts_as_unverified(server: FakeCrossref) -> None:
    verifier = verifier_for(server)
    # The first /works request (the DOI batch) succeeds; the notices query fails.
    original = server._route

    def route(path, query):  # type: ignore[no-untyped-def]
        if "updates:" in query.get("filter", [""])[0]:
            return 500, {"Content-Type": "text/plain"}, b"boom"
        return original(path, query)

    server._route = route  # type: ignore[method-assign]
    doc = document(ref("1", doi="10.1038/srep16696"))
    verifier.prefetch([doc])
    check = verifier.check("10.1038/srep16696")
    assert check.status is DoiStatus.FOUND and not check.updates_checked
    assert len(verifier.unverified_references(doc)) == 1


def test_reference_doi_from_fields_or_text() -> None:
    assert reference_doi(ref("1", doi="https://doi.org/10.1038/SREP16696")) == "10.1038/srep16696"
    assert reference_doi(ref("1", doi="10.1038/ srep16696")) is None
    unparsed = Reference("1", Span(0, 10), "X. Y. Z. 2015. doi:10.1038/srep16696.")
    assert reference_doi(unparsed) == "10.1038/srep16696"


def test_progress_bar_only_on_a_terminal(server: FakeCrossref, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import io
    import sys

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    dois = [f"10.5555/p.{n}" for n in range(30)]
    for doi in dois:
        server.add_work(make_work(doi, "A title"))
    for stream, drawn in ((Terminal(), True), (io.StringIO(), False)):
        monkeypatch.setattr(sys, "stderr", stream)
        verifier_for(server, progress=True).prefetch_dois(dois)
        assert ("Crossref" in stream.getvalue()) is drawn
    few = Terminal()
    monkeypatch.setattr(sys, "stderr", few)
    verifier_for(server, progress=True).prefetch_dois(dois[:3])
    assert few.getvalue() == ""


def test_doi_stored_as_a_doi_org_url() -> None:
    from dataclasses import replace

    base = ref("1", title="Python for scientific computing")
    as_url = replace(base, fields=replace(base.fields, url="https://doi.org/10.1109/MCSE.2007.58"))  # type: ignore[arg-type]
    assert reference_doi(as_url) == "10.1109/mcse.2007.58"
    other = replace(base, fields=replace(base.fields, url="https://scipy.org"))  # type: ignore[arg-type]
    assert reference_doi(other) is None
