"""CC508 unverifiable-reference."""

from __future__ import annotations

from crossref_server import FakeCrossref, recorded
from crossref_support import document, ref, run_rule, server_fixture, verifier_for  # noqa: F401 (fixture)

from citecheck.rules import unverifiable_reference


def test_nothing_similar_in_crossref(server: FakeCrossref) -> None:
    # The search answers with the recorded CERMINE hits: nothing like this title.
    server.add_search("imaginary", recorded("sbm_worklist_query.bibliographic_CERMINE_ref.json"))
    doc = document(ref("8", title="A study that no index knows about", family="Smith", year=2019,
                       journal="J Imaginary Res"))
    findings = run_rule(unverifiable_reference, doc, verifier_for(server))
    assert len(findings) == 1
    assert findings[0].message.startswith("reference could not be found in Crossref by a search: "
                                          "no record has a similar title")
    assert "fake" not in findings[0].message


def test_empty_search_result(server: FakeCrossref) -> None:
    doc = document(ref("8", doi="10.1371/notarealdoi", title="A study that no index knows about",
                       family="Smith", year=2019, journal="J Imaginary Res"))
    findings = run_rule(unverifiable_reference, doc, verifier_for(server))
    assert [f.message.split(":")[0] for f in findings] == [
        "reference could not be found in Crossref by its DOI or by a search"]


def test_found_reference_passes(server: FakeCrossref) -> None:
    server.add_search("cermine", recorded("sbm_worklist_query.bibliographic_CERMINE_ref.json"))
    doc = document(ref("6", title="CERMINE: automatic extraction of structured metadata from "
                                  "scientific literature", family="Tkaczyk", year=2015, journal="IJDAR"))
    assert run_rule(unverifiable_reference, doc, verifier_for(server)) == []


def test_failed_search_is_unverified_not_unfound(server: FakeCrossref) -> None:
    server.fail_next("503", count=50)
    doc = document(ref("8", title="A study that no index knows about", family="Smith", year=2019,
                       journal="J Imaginary Res"))
    verifier = verifier_for(server)
    assert run_rule(unverifiable_reference, doc, verifier) == []
    assert len(verifier.unverified_references(doc)) == 1


def test_books_and_thin_references_are_not_searched(server: FakeCrossref) -> None:
    doc = document(ref("1", title="A handbook of many things", family="Smith", year=2019, type="book"),
                   ref("2", title="Short", family="Smith", year=2019))
    assert run_rule(unverifiable_reference, doc, verifier_for(server)) == []
    assert server.requests == []
