"""DOI syntax on real references (issue 15, class 5): one pattern module
(citecheck.doi) for the parser, the malformed-DOI rule and the verifier."""

from __future__ import annotations

import pytest

from citecheck import check_file
from citecheck.api import check_text, parse_file, parse_text
from citecheck.crossref.verifier import reference_doi
from citecheck.doi import find_dois, is_doi_url
from citecheck.model import Reference
from citecheck.refparse import parse_reference
from tests.paths import CORPUS

needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="shared/corpus is not beside the repository")

SICI = "10.1002/(SICI)1097-4636(199606)31:2<213::AID-JBM9>3.0.CO;2-K"


def _manuscript(reference: str) -> str:
    return f"Results [1].\n\nReferences\n\n1. {reference}\n"


def _cc401(reference: str) -> list[tuple[str, int, str]]:
    report = check_text(_manuscript(reference), select=["CC4"])
    return [(f.code, f.location.column, f.message) for f in report.findings]


def test_a_doi_broken_by_a_space_is_malformed_not_truncated() -> None:
    # Truncating to "10.1371/journal.pbio" made --crossref report a real DOI as not registered.
    reference = ("Smith J, Jones K. Open data in biology. PLoS Biol. 2013;11(1):e1001425. "
                 "doi:10.1371/journal.pbio. 1001425")
    fields = parse_reference(reference)
    assert fields.raw_doi == "10.1371/journal.pbio. 1001425"
    [(code, column, message)] = _cc401(reference)
    assert code == "CC401" and "contains a space" in message
    assert column == 4 + reference.index("10.1371")
    report = check_text(_manuscript(reference))
    assert reference_doi(_first_reference(reference)) is None  # never looked up


def _first_reference(reference: str) -> Reference:
    return parse_text(_manuscript(reference), "<t>", False).references[0]


def test_a_printed_doi_without_the_10_prefix_is_malformed() -> None:
    reference = "Paor D. Title of the work. Pan Am J Public Health. 2006;12(3):153. doi: Paor.2006.12.3.0153"
    [(code, _column, message)] = _cc401(reference)
    assert code == "CC401" and 'does not start with "10."' in message


@pytest.mark.parametrize(("url", "doi"), [
    ("http://doi.acm.org/10.1145/1188913.1188915", "10.1145/1188913.1188915"),
    ("doi.ieeecomputersociety.org/10.1109/MIS.2005.20", "10.1109/mis.2005.20"),
    ("https://dx.doi.org/10.1038/nature12373", "10.1038/nature12373"),
    ("http://doi.wiley.com/10.1002/anie.201300000", "10.1002/anie.201300000"),
])
def test_doi_proxy_hosts_give_dois(url: str, doi: str) -> None:
    assert is_doi_url(url)
    reference = f"Li X. A title of the work. IEEE Intell Syst. 2005;20(1):1-5. {url}"
    assert parse_reference(reference).doi == doi
    assert _cc401(reference) == []


def test_old_wiley_sici_dois_are_not_truncated() -> None:
    assert find_dois(f"See {SICI}.") == [(SICI.lower(), 4, 4 + len(SICI))]
    fields = parse_reference(f"Old W. A title. J Biomed Mater Res. 1996;31:213-8. {SICI}")
    assert fields.raw_doi == SICI
    # A lone angle bracket still ends a DOI: <https://doi.org/10.1038/nature12373>
    assert find_dois("<https://doi.org/10.1038/nature12373>")[0][0] == "10.1038/nature12373"


@needs_corpus
def test_scipy_bib_urls_on_the_acm_proxy_are_dois() -> None:
    document = parse_file(CORPUS / "latex" / "scipy-1.0" / "references.bib")
    dois = {reference_doi(ref) for ref in document.references}
    assert {"10.1145/7921.214331", "10.1145/235815.235821", "10.1145/361002.361007"} <= dois


@needs_corpus
def test_jabref_sici_dois_are_whole_and_valid() -> None:
    path = (CORPUS / "bib_duplicates" / "bibtex-tidy_user_libraries"
            / "Maintain_the_JabRef_group_and_subgroup_structure_when_importing_a_BibTeX_db_97.bib")
    sici = [ref.fields.doi for ref in parse_file(path).references
            if ref.fields and ref.fields.doi and "(sici)" in ref.fields.doi]
    assert "10.1002/(sici)1521-3862(199901)5:1<21::aid-cvde21>3.0.co;2-9" in sici
    assert [f for f in check_file(path, select=["CC401"]).findings if "SICI" in f.message] == []
