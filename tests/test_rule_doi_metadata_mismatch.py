"""CC502 doi-metadata-mismatch, against the local Crossref server."""

from __future__ import annotations

from crossref_server import FakeCrossref
from crossref_support import document, ref, run_rule, server_fixture, verifier_for  # noqa: F401 (fixture)

from citecheck.rules import doi_metadata_mismatch

PONE_33693 = {
    "doi": "10.1371/journal.pone.0033693",
    "title": "Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of "
             "Microglia in the Basal Ganglia of Mice",
    "family": "Sadasivan", "year": 2012, "journal": "PLoS One",
}


def test_matching_reference_passes(server: FakeCrossref) -> None:
    doc = document(ref("1", **PONE_33693))  # type: ignore[arg-type]
    assert run_rule(doi_metadata_mismatch, doc, verifier_for(server)) == []


def test_different_registered_title_gives_cc502(server: FakeCrossref) -> None:
    wrong = {**PONE_33693, "doi": "10.1371/journal.pone.0020476"}  # the Delphi paper's DOI
    doc = document(ref("4", **wrong))  # type: ignore[arg-type]
    findings = run_rule(doi_metadata_mismatch, doc, verifier_for(server))
    assert len(findings) == 1
    message = findings[0].message
    # 2011 against 2012 is within the default year tolerance.
    assert "whose title and first author differ from this reference" in message
    assert ('"Using and Reporting the Delphi Method for Selecting Healthcare Quality Indicators: '
            'A Systematic Review" PLoS ONE') in message  # the registered title, in full
    assert '"Sadasivan" here, "Boulkedid" registered' in message


def test_only_the_year_differs(server: FakeCrossref) -> None:
    doc = document(ref("1", **{**PONE_33693, "year": 2009}))  # type: ignore[arg-type]
    findings = run_rule(doi_metadata_mismatch, doc, verifier_for(server))
    assert len(findings) == 1
    assert "year differs" in findings[0].message and '"2009" here, "2012" registered' in findings[0].message


def test_year_tolerance_and_abbreviated_journal_agree(server: FakeCrossref) -> None:
    doc = document(ref("1", doi="10.1002/jor.1100150407",
                       title="Growth hormone secretagogue increases muscle strength during "
                             "remobilization after canine hindlimb immobilization",
                       family="Lieber", year=1998, journal="J Orthop Res"))
    assert run_rule(doi_metadata_mismatch, doc, verifier_for(server)) == []


def test_year_tolerance_is_an_option(server: FakeCrossref) -> None:
    doc = document(ref("1", **{**PONE_33693, "year": 2013}))  # type: ignore[arg-type]
    assert run_rule(doi_metadata_mismatch, doc, verifier_for(server)) == []
    findings = run_rule(doi_metadata_mismatch, doc, verifier_for(server), year_tolerance=0)
    assert len(findings) == 1


def test_alias_is_followed_and_compared_with_the_target(server: FakeCrossref) -> None:
    doc = document(ref("1", doi="10.26434/chemrxiv.5406907", title="A completely unrelated title here",
                       family="Gill", year=2018, type=None))
    findings = run_rule(doi_metadata_mismatch, doc, verifier_for(server))
    assert len(findings) == 1
    assert "an alias of 10.26434/chemrxiv.5406907.v5" in findings[0].message
    assert "Binding Modes of Ligands Using Enhanced Sampling" in findings[0].message
    assert "/works/10.26434/chemrxiv.5406907.v5" in server.paths()


def test_retraction_notice_is_left_to_cc506(server: FakeCrossref) -> None:
    doc = document(ref("1", doi="10.1371/journal.pone.0210346", title="Something else entirely here"))
    assert run_rule(doi_metadata_mismatch, doc, verifier_for(server)) == []
