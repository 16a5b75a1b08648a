"""CC505 corrected-reference, from the recorded correction and erratum samples."""

from __future__ import annotations

from crossref_server import FakeCrossref
from crossref_support import document, ref, run_rule, server_fixture, verifier_for  # noqa: F401 (fixture)

from citecheck.model import Severity
from citecheck.rules import corrected_reference


def test_recorded_updated_by_corrections(server: FakeCrossref) -> None:
    doc = document(ref("1", doi="10.1371/journal.pone.0033693"),  # source: publisher
                   ref("2", doi="10.1371/journal.pbio.0050002"))
    findings = run_rule(corrected_reference, doc, verifier_for(server))
    assert [f.references for f in findings] == [("1",), ("2",)]
    assert all(f.severity is Severity.INFO for f in findings)
    assert "correction notice 10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda (2012-05-08)" \
        in findings[0].message
    assert "correction notice 10.1371/journal.pbio.0060304 (2008-11-25)" in findings[1].message


def test_recorded_erratum_notice_cited_instead_of_the_work(server: FakeCrossref) -> None:
    doc = document(ref("2", doi="10.1016/j.combustflame.2021.02.017"))
    findings = run_rule(corrected_reference, doc, verifier_for(server))
    assert [f.message for f in findings] == [
        ("DOI 10.1016/j.combustflame.2021.02.017 is an erratum notice for "
         "10.1016/j.combustflame.2019.01.006; cite the corrected work as well or instead")]


def test_erratum_cited_next_to_the_work_is_fine(server: FakeCrossref) -> None:
    doc = document(ref("1", doi="10.1016/j.combustflame.2019.01.006"),
                   ref("2", doi="10.1016/j.combustflame.2021.02.017"))
    messages = [f.message for f in run_rule(corrected_reference, doc, verifier_for(server))]
    assert not any("erratum notice" in m for m in messages)


def test_self_pointing_and_new_version_updates_are_ignored(server: FakeCrossref) -> None:
    doc = document(ref("1", doi="10.1103/physrevb.98.104436"), ref("2", doi="10.1371/journal.ppat.1006930"))
    assert run_rule(corrected_reference, doc, verifier_for(server)) == []


def test_correction_cited_alongside_is_not_reported(server: FakeCrossref) -> None:
    doc = document(ref("1", doi="10.1371/journal.pbio.0050002"), ref("2", doi="10.1371/journal.pbio.0060304"))
    assert run_rule(corrected_reference, doc, verifier_for(server)) == []
