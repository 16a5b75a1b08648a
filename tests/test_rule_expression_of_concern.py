"""CC504 expression-of-concern.  No recording shows one; the works are built
in Crossref's shape (``updated-by`` / ``update-to`` of type expression_of_concern)."""

from __future__ import annotations

from crossref_server import FakeCrossref, make_work, update_entry
from crossref_support import document, ref, run_rule, server_fixture, verifier_for  # noqa: F401 (fixture)

from citecheck.rules import expression_of_concern


def test_work_with_expression_of_concern(server: FakeCrossref) -> None:
    server.add_work(make_work("10.1000/disputed", "A disputed study",
                              **{"updated-by": [update_entry("10.1000/eoc", "expression_of_concern",
                                                             (2017, 3, 4), source="publisher")]}))
    findings = run_rule(expression_of_concern, document(ref("9", doi="10.1000/disputed")),
                        verifier_for(server))
    assert len(findings) == 1
    assert "carries an expression of concern: expression of concern notice 10.1000/eoc (2017-03-04)" \
        in findings[0].message


def test_doi_of_the_concern_notice_itself(server: FakeCrossref) -> None:
    server.add_work(make_work("10.1000/eoc2", "Expression of concern: A study",
                              **{"update-to": [update_entry("10.1000/study", "expression_of_concern",
                                                            (2017, 3, 4))]}))
    findings = run_rule(expression_of_concern, document(ref("9", doi="10.1000/eoc2")), verifier_for(server))
    assert [f.message for f in findings] == [
        "DOI 10.1000/eoc2 is the expression of concern about 10.1000/study, not the work itself"]


def test_plain_and_corrected_works_pass(server: FakeCrossref) -> None:
    doc = document(ref("1", doi="10.1371/journal.pone.0020476"), ref("2", doi="10.1371/journal.pone.0033693"))
    assert run_rule(expression_of_concern, doc, verifier_for(server)) == []
