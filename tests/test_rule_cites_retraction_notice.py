"""CC506 cites-retraction-notice, from the three recorded PLOS retraction notices."""

from __future__ import annotations

import pytest
from crossref_server import FakeCrossref, make_work
from crossref_support import document, ref, run_rule, server_fixture, verifier_for  # noqa: F401 (fixture)

from citecheck.rules import cites_retraction_notice


@pytest.mark.parametrize(("notice", "target", "date"), [
    ("10.1371/journal.pone.0210346", "10.1371/journal.pone.0031093", "2018-12-31"),
    ("10.1371/journal.pone.0210896", "10.1371/journal.pone.0090062", "2019-01-10"),
    ("10.1371/journal.pone.0211247", "10.1371/journal.pone.0083541", "2019-01-17"),
])
def test_plos_retraction_notices(server: FakeCrossref, notice: str, target: str, date: str) -> None:
    findings = run_rule(cites_retraction_notice, document(ref("5", doi=notice)), verifier_for(server))
    assert len(findings) == 1
    message = findings[0].message
    assert message.startswith(f"DOI {notice} is the retraction notice ({date}) (\"Retraction: ")
    assert message.endswith(f"for {target}, not the work itself")


def test_not_reported_when_the_retracted_work_is_cited_too(server: FakeCrossref) -> None:
    server.add_work(make_work("10.1371/journal.pone.0031093", "Grape seed proanthocyanidins"))
    doc = document(ref("1", doi="10.1371/journal.pone.0031093"), ref("2", doi="10.1371/journal.pone.0210346"))
    assert run_rule(cites_retraction_notice, doc, verifier_for(server)) == []


def test_ordinary_article_passes(server: FakeCrossref) -> None:
    assert run_rule(cites_retraction_notice, document(ref("1", doi="10.1038/srep16696")),
                    verifier_for(server)) == []
