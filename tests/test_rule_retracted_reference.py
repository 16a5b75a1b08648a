"""CC503 retracted-reference.

The recordings hold retraction *notices* (PLOS, ``update-to`` type
retraction) but not the retracted works, and no recorded ``updated-by``
entry from Retraction Watch exists; those works are built here in Crossref's
documented shape (``make_work``/``update_entry``).
"""

from __future__ import annotations

from crossref_server import FakeCrossref, make_work, update_entry
from crossref_support import document, ref, run_rule, server_fixture, verifier_for  # noqa: F401 (fixture)

from citecheck.rules import retracted_reference


def test_notice_pointing_at_the_work_is_evidence(server: FakeCrossref) -> None:
    # 10.1371/journal.pone.0031093's own record says nothing; the recorded
    # notice 10.1371/journal.pone.0210346 has update-to -> it.
    server.add_work(make_work("10.1371/journal.pone.0031093", "Grape seed proanthocyanidins inhibit"
                              " the invasiveness of human HNSCC cells", journal="PLoS ONE", year=2012))
    doc = document(ref("7", doi="10.1371/journal.pone.0031093"))
    findings = run_rule(retracted_reference, doc, verifier_for(server))
    assert len(findings) == 1
    assert findings[0].message == ("the work with DOI 10.1371/journal.pone.0031093 was retracted: "
                                   "retraction notice 10.1371/journal.pone.0210346 (2018-12-31)")
    assert any(r.path == "/works" and "updates:10.1371/journal.pone.0031093" in r.query["filter"][0]
               for r in server.requests)


def test_retraction_watch_updated_by_with_record_id(server: FakeCrossref) -> None:
    # Shape from Crossref's "Deprecating Retraction Watch annotations" post.
    server.add_work(make_work("10.1021/am300292v", "A retracted materials paper", updated_by=None,
                              **{"updated-by": [update_entry("10.1021/acsami.9b11759", "retraction",
                                                             (2019, 7, 26), source="retraction-watch",
                                                             **{"record-id": "20946"})]}))
    doc = document(ref("1", doi="10.1021/am300292v"))
    findings = run_rule(retracted_reference, doc, verifier_for(server))
    assert len(findings) == 1
    assert "retraction notice 10.1021/acsami.9b11759 (2019-07-26, Retraction Watch record 20946)" \
        in findings[0].message


def test_withdrawal_is_worded_as_withdrawn(server: FakeCrossref) -> None:
    server.add_work(make_work("10.1000/w1", "A withdrawn paper",
                              **{"updated-by": [update_entry("10.1000/w1.notice", "withdrawal",
                                                             (2020, 1, 2), source="publisher")]}))
    findings = run_rule(retracted_reference, document(ref("1", doi="10.1000/w1")), verifier_for(server))
    assert [f.message.split(":")[0] for f in findings] == ["the work with DOI 10.1000/w1 was withdrawn"]


def test_corrections_and_new_versions_are_not_retractions(server: FakeCrossref) -> None:
    doc = document(ref("1", doi="10.1371/journal.pone.0033693"),  # updated-by correction
                   ref("2", doi="10.1371/journal.ppat.1006930"),  # new_version pointing at itself
                   ref("3", doi="10.1103/physrevb.98.104436"))  # self-pointing correction
    assert run_rule(retracted_reference, doc, verifier_for(server)) == []


def test_update_pointing_at_itself_is_ignored(server: FakeCrossref) -> None:
    server.add_work(make_work("10.1000/self", "A record that lists itself",
                              **{"updated-by": [update_entry("10.1000/self", "retraction", (2020, 1, 1))]}))
    assert run_rule(retracted_reference, document(ref("1", doi="10.1000/self")), verifier_for(server)) == []
