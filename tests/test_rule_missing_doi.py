"""CC507 missing-doi, with the recorded query.bibliographic answer for CERMINE."""

from __future__ import annotations

import copy

from crossref_server import FakeCrossref, recorded
from crossref_support import document, ref, run_rule, server_fixture, verifier_for  # noqa: F401 (fixture)

from citecheck.rules import missing_doi

SEARCH = "sbm_worklist_query.bibliographic_CERMINE_ref.json"
CERMINE = {"title": "CERMINE: automatic extraction of structured metadata from scientific literature",
           "family": "Tkaczyk", "year": 2015, "journal": "IJDAR", "volume": "18", "pages": "317-335"}


def test_confident_match_suggests_the_doi(server: FakeCrossref) -> None:
    server.add_search("cermine", recorded(SEARCH))
    findings = run_rule(missing_doi, document(ref("6", **CERMINE)), verifier_for(server))  # type: ignore[arg-type]
    assert [f.message for f in findings] == [
        ("reference has no DOI; Crossref matches it to doi:10.1007/s10032-015-0249-8 "
         "(title and year, volume/pages, first author agree)")]
    search = next(r for r in server.requests if "query.bibliographic" in r.query)
    assert "Tkaczyk" in search.query["query.bibliographic"][0]


def test_contradicting_year_is_not_a_match(server: FakeCrossref) -> None:
    server.add_search("cermine", recorded(SEARCH))
    wrong = {**CERMINE, "year": 2009, "volume": None, "pages": None}
    assert run_rule(missing_doi, document(ref("6", **wrong)), verifier_for(server)) == []  # type: ignore[arg-type]


def test_top_score_must_clearly_beat_the_second(server: FakeCrossref) -> None:
    body = copy.deepcopy(recorded(SEARCH))
    body["message"]["items"][1]["score"] = body["message"]["items"][0]["score"] - 1
    server.add_search("cermine", body)
    assert run_rule(missing_doi, document(ref("6", **CERMINE)), verifier_for(server)) == []  # type: ignore[arg-type]
    # The margin is an option.
    findings = run_rule(missing_doi, document(ref("6", **CERMINE)), verifier_for(server),  # type: ignore[arg-type]
                        score_margin=1.0)
    assert len(findings) == 1


def test_references_with_a_doi_or_not_journal_articles_are_not_searched(server: FakeCrossref) -> None:
    server.add_search("cermine", recorded(SEARCH))
    for item in recorded(SEARCH)["message"]["items"]:  # the DOI is registered
        server.add_work(item)
    doc = document(ref("1", doi="10.1007/s10032-015-0249-8", **CERMINE),  # type: ignore[arg-type]
                   ref("2", **{**CERMINE, "journal": None}, type="book"))  # type: ignore[arg-type]
    assert run_rule(missing_doi, doc, verifier_for(server)) == []
    assert not any("query.bibliographic" in r.query for r in server.requests)
