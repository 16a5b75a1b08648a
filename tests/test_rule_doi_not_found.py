"""CC501 doi-not-found, against the local Crossref server."""

from __future__ import annotations

from crossref_server import FakeCrossref, recorded
from crossref_support import document, ref, run_rule, server_fixture, verifier_for  # noqa: F401 (fixture)

from citecheck.rules import doi_not_found


def test_recorded_404_gives_cc501(server: FakeCrossref) -> None:
    doc = document(ref("5", doi="10.1371/notarealdoi", title="Not a real paper", family="Nobody"))
    findings = run_rule(doi_not_found, doc, verifier_for(server))
    assert [f.code for f in findings] == ["CC501"]
    assert "10.1371/notarealdoi is not registered" in findings[0].message
    # The plan: batch, then the single lookup (404), then the agency (404).
    assert "/works/10.1371/notarealdoi/agency" in server.paths()


def test_doi_of_another_agency_is_not_reported(server: FakeCrossref) -> None:
    server.agencies["10.5061/dryad.abc123"] = "datacite"
    doc = document(ref("1", doi="10.5061/dryad.abc123", title="A dataset of things"))
    assert run_rule(doi_not_found, doc, verifier_for(server)) == []


def test_existing_doi_is_not_reported(server: FakeCrossref) -> None:
    doc = document(ref("1", doi="10.1371/journal.pone.0020476"))
    assert run_rule(doi_not_found, doc, verifier_for(server)) == []


def test_suggests_the_doi_a_search_finds(server: FakeCrossref) -> None:
    # The recorded query.bibliographic answer for the CERMINE paper.
    server.add_search("cermine", recorded("sbm_worklist_query.bibliographic_CERMINE_ref.json"))
    doc = document(ref("6", doi="10.1007/s10032-015-0249-X",
                       title="CERMINE: automatic extraction of structured metadata from "
                             "scientific literature", family="Tkaczyk", year=2015,
                       journal="IJDAR", volume="18", pages="317-335"))
    findings = run_rule(doi_not_found, doc, verifier_for(server))
    assert len(findings) == 1
    assert "Crossref has this work as 10.1007/s10032-015-0249-8" in findings[0].message


def test_unverified_doi_is_not_reported(server: FakeCrossref) -> None:
    server.fail_next("500", count=100)
    doc = document(ref("5", doi="10.1371/notarealdoi"))
    verifier = verifier_for(server)
    assert run_rule(doi_not_found, doc, verifier) == []
    assert len(verifier.unverified_references(doc)) == 1
