"""CC401 malformed-doi: offline, always on."""

from __future__ import annotations

from pathlib import Path

import pytest
from crossref_support import document, ref, run_rule

from citecheck import check_file
from citecheck.rules import REGISTRY, malformed_doi


@pytest.mark.parametrize(("raw", "why"), [
    ("10.1002/ jor.1100150407", "contains a space"),
    ("1002/jor.1100150407", 'does not start with "10."'),
    ("https://example.org/papers/42", "is a URL, not a DOI link"),
    ("10.12/abc", "prefix is not"),
    ("10.1002", "no '/'"),
])
def test_reports_malformed_doi_with_reason(raw: str, why: str) -> None:
    doc = document(ref("1", doi=raw, title="A title of some words"))
    findings = run_rule(malformed_doi, doc, None)
    assert len(findings) == 1
    assert findings[0].code == "CC401" and why in findings[0].message
    assert findings[0].references == ("1",)
    # It points at the DOI as written, not the whole reference.
    assert findings[0].location.column == doc.main.text.index(raw) + 1


@pytest.mark.parametrize("raw", [
    "10.1002/jor.1100150407",
    "https://doi.org/10.1371/journal.pone.0033693",
    "doi:10.1016/0370-2693(83)90088-5",
    "10.1002/1096-9861(20010212)430:3<283::AID-CNE1031>3.0.CO;2-V",
])
def test_valid_dois_pass(raw: str) -> None:
    assert run_rule(malformed_doi, document(ref("1", doi=raw)), None) == []


def test_references_without_doi_or_fields_pass() -> None:
    assert run_rule(malformed_doi, document(ref("1", title="No DOI here at all")), None) == []


def test_is_offline_and_registered() -> None:
    rule = REGISTRY["CC401"]
    assert rule.name == "malformed-doi" and not rule.online


LIBRARIES = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "bib_duplicates" / \
    "bibtex-tidy_user_libraries"


def test_real_reference_manager_libraries() -> None:
    """Real JabRef/Mendeley exports: one DOI field lost its "10.1016/" prefix;
    a library with thousands of DOI fields has none malformed."""
    pytest.importorskip("citecheck.readers.bibtex", reason="needs the BibTeX reader")
    if not LIBRARIES.is_dir():
        pytest.skip(f"shared corpus not found at {LIBRARIES}")
    jabref = LIBRARIES / "Maintain_the_JabRef_group_and_subgroup_structure_when_importing_a_BibTeX_db_97.bib"
    found = [(f.location.line, f.location.column, f.message)
             for f in check_file(jabref, select=["CC401"]).findings]
    assert found == [(4080, 31, '"j.desal.2005.02.017" is not a valid DOI: it does not start with "10."')]
    big = LIBRARIES / "Unabbreviate_on_import_1436-3.bib"
    assert check_file(big, select=["CC401"]).findings == []


@pytest.mark.parametrize("raw", ["10/bqhp9z", "https://doi.org/10/gddkhn", "doi:10/GDDKHN"])
def test_a_short_doi_is_not_malformed(raw: str) -> None:
    # doi.org resolves shortDOIs; Zotero's shortDOI plugin writes them into .bib
    # files (Aariq/bumbl's paper.bib: doi = {10/bqhp9z}).  Reported as an error
    # "does not start with 10.": a false alarm.
    assert run_rule(malformed_doi, document(ref("1", doi=raw)), None) == []


def test_a_short_doi_in_a_bib_file_is_not_malformed(tmp_path: Path) -> None:
    (tmp_path / "paper.bib").write_text(
        "@article{goulson2008,\n  title = {Decline and Conservation of Bumble Bees},\n"
        "  author = {Goulson, D. and Lye, G.C.},\n  year = {2008},\n  doi = {10/bqhp9z},\n"
        "  journal = {Annual Review of Entomology}\n}\n", encoding="utf-8")
    (tmp_path / "paper.md").write_text("---\nbibliography: paper.bib\n---\n\nBees [@goulson2008].\n",
                                       encoding="utf-8")
    assert [f.code for f in check_file(tmp_path / "paper.md").findings] == []
