"""Acceptance on real author-year articles: the eLife and PMC JATS articles of
../shared/corpus/jats, rendered as a manuscript (text, Markdown, .docx) by
tests/jats_render.py, with the citations as printed and an APA-like list.

On the clean renderings citecheck must find exactly what is true of the
printed article (read by eye, listed below), and no false CC102, CC105,
CC107 or CC303.  Then errors of each kind are planted in one article and
each must be found at its line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import citecheck
from citecheck.model import CitationStyle
from tests.jats_render import Rendering, render, write_docx
from tests.paths import CORPUS, needs_shared

JATS = CORPUS / "jats"

# What is true of the printed articles (line numbers of the text rendering):
# - elife-14093: two different "Smith et al., 2006" entries without letters
#   (3 and 6 authors): every such citation is ambiguous (CC107).
# - elife02935: Thorvaldsdottir 2013 is listed, never cited.
# - elife04490: "Kos" is listed after "Krügel" and "R Core Team" after
#   "Robert": out of alphabetical order.
# - elife06726: Zhang 2011 is listed, never cited (no xref either).
EXPECTED = {
    "elife/elife-14093-v1.xml": [
        ("CC107", 3, ("Smith 2006", "Smith 2006 #2")),
        ("CC107", 3, ("Smith 2006", "Smith 2006 #2")),
        ("CC107", 5, ("Smith 2006", "Smith 2006 #2")),
        ("CC107", 103, ("Smith 2006", "Smith 2006 #2")),
    ],
    "elife/elife02935.xml": [("CC101", 206, ("Thorvaldsdottir 2013",))],
    "elife/elife04490.xml": [
        ("CC303", 666, ("Kos 2009", "Krügel 2002")),
        ("CC303", 678, ("R Core Team 2012", "Robert 2013")),
    ],
    "elife/elife06726.xml": [("CC101", 88, ("Zhang 2011",))],
    "pmc/6605965a.nxml": [],
    "pmc/ehp-116-1694.nxml": [],
}


def _findings(text: str, path: str = "paper.txt") -> list[tuple[str, int, tuple[str, ...]]]:
    report = citecheck.check_text(text, path=path)
    # CC402 (info): some rendered entries lack a title or year (a web page, n.d.).
    return [(f.code, f.location.line, f.references) for f in report.findings if f.code != "CC402"]


@needs_shared
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_clean_rendering_finds_only_what_is_true(name: str) -> None:
    rendering = render(JATS / name)
    report = citecheck.check_text(rendering.text())
    document = report.documents[0]
    assert document.style is CitationStyle.AUTHOR_YEAR
    assert _findings(rendering.text()) == EXPECTED[name]


@needs_shared
@pytest.mark.parametrize("name", ["elife/elife06726.xml", "pmc/6605965a.nxml"])
def test_every_xref_resolves_to_its_rid(name: str) -> None:
    """Ground truth from the XML: each xref's rid names the entry it cites."""
    rendering = render(JATS / name)
    document = citecheck.check_text(rendering.text()).documents[0]
    labels = [r.label for r in document.references]
    assert len(labels) == len(rendering.ids)
    by_line: dict[int, set[str]] = {}
    for citation in document.citations:
        for item in citation.items:
            by_line.setdefault(document.locate(item.span).line, set()).update(item.labels())
    for paragraph, _offset, rid, shown in rendering.cites:
        wanted = labels[rendering.ids.index(rid)]
        assert wanted in by_line.get(rendering.line_of_paragraph(paragraph), set()), shown


def _plant(rendering: Rendering) -> tuple[Rendering, dict[str, int]]:
    """Plant one error of each kind in elife06726; return the lines to expect."""
    body = list(rendering.body)
    entries = list(rendering.entries)
    where: dict[str, int] = {}

    def replace_once(old: str, new: str, key: str) -> None:
        for i, paragraph in enumerate(body):
            if old in paragraph:
                body[i] = paragraph.replace(old, new, 1)
                where[key] = 1 + 2 * i
                return
        raise AssertionError(old)

    replace_once("Charo et al., 2009", "Charo et al., 2008", "year")
    replace_once("Helker et al., 2013", "Helkre et al., 2013", "spelling")
    replace_once("Zeng et al., 2007", "Zeng and Smith, 2007", "co-authors")
    replace_once("Santoro et al., 2007", "Nobody et al., 2003", "missing")
    # Two entries for one "Hesselson 2009": every citation of it is ambiguous.
    hesselson = next(i for i, e in enumerate(entries) if e.startswith("Hesselson"))
    entries.insert(hesselson + 1, entries[hesselson].replace("Distinct", "Other"))
    # An entry out of alphabetical order, and an uncited one.
    entries.append("Aardvark, A. (1999). An entry nobody cites. Journal, 1, 1-2.")
    planted = Rendering(body, entries, rendering.ids, rendering.cites)
    return planted, where


@needs_shared
@pytest.mark.parametrize("kind", ["text", "markdown", "docx"])
def test_planted_errors_are_found_at_their_lines(kind: str, tmp_path: Path) -> None:
    planted, where = _plant(render(JATS / "elife/elife06726.xml"))
    if kind == "docx":
        report = citecheck.check_file(write_docx(planted, tmp_path / "planted.docx"))
    else:
        report = citecheck.check_text(planted.text(markdown=kind == "markdown"),
                                      format="markdown" if kind == "markdown" else "text")
    found = {(f.code, f.location.line) for f in report.findings}
    assert ("CC105", where["year"]) in found
    assert ("CC105", where["spelling"]) in found
    assert ("CC105", where["co-authors"]) in found
    assert ("CC102", where["missing"]) in found
    assert any(code == "CC107" for code, _ in found)
    aardvark = planted.entry_line(len(planted.entries) - 1)
    assert ("CC101", aardvark) in found and ("CC303", aardvark) in found
    assert any(f.message == 'citation "Helkre et al., 2013" matches reference "Helker 2013" except the spelling '
               'of "Helker"' for f in report.findings)
    # The two Hesselson entries differ by one title word: CC201 (duplicates)
    # works on author-year references unchanged.  Nothing else is reported.
    assert any(code == "CC201" for code, _ in found)
    assert {code for code, _ in found} <= {"CC101", "CC102", "CC105", "CC107", "CC201", "CC303", "CC402"}


@needs_shared
def test_a_rendering_without_citations_says_nothing_was_checked() -> None:
    rendering = render(JATS / "elife/elife06726.xml")
    bare = Rendering(["No citation in this text at all."], rendering.entries, rendering.ids)
    assert [code for code, _, _ in _findings(bare.text())] == ["CC004"]


def test_the_committed_rendering_needs_no_shared_corpus() -> None:
    """fixtures/elife06726_authoryear.txt (CC-BY, see fixtures/README.md)."""
    path = Path(__file__).resolve().parents[1] / "fixtures" / "elife06726_authoryear.txt"
    report = citecheck.check_file(path)
    document = report.documents[0]
    assert document.style is CitationStyle.AUTHOR_YEAR
    assert len(document.references) == 34 and len(document.citations) == 42
    assert [(f.code, f.location.line, f.references) for f in report.findings if f.code != "CC402"] == [
        ("CC101", 88, ("Zhang 2011",))]
