"""CC402 incomplete-reference: reference-list entries and BibTeX entries."""

from __future__ import annotations

import pytest

from citecheck.api import check_document, check_text
from citecheck.config import Config
from citecheck.model import (
    Author,
    Document,
    Reference,
    ReferenceFields,
    ReferenceOrigin,
    Severity,
    Source,
    Span,
)
from citecheck.rules.incomplete_reference import missing_fields


def run(text: str) -> list:
    return check_text(text, select=["CC402"]).findings


def test_reference_without_year_and_title() -> None:
    text = (
        "See [1] and [2] and [3].\n\nReferences\n"
        "1. Hong S, Youk T, Lee SJ. Bone metastasis and skeletal events in patients with solid cancer. "
        "PLoS One. 2020;15(7):e0234927.\n"
        "2. Guo X, Ma W, Wu H. Synchronous bone metastasis in lung cancer. BMC Cancer.\n"
        "3. World Health Organization.\n"
    )
    findings = run(text)
    assert [(f.references, f.location.line, f.location.column, f.message) for f in findings] == [
        (("2",), 5, 1, "reference 2 has no year that citecheck could find"),
        (("3",), 6, 1, "reference 3 has no title and no year that citecheck could find"),
    ]
    assert all(f.severity is Severity.INFO for f in findings)


def _bib(entry_type: str, **kw: object) -> list:
    text = "@x{key}\n"
    fields = ReferenceFields(**kw)  # type: ignore[arg-type]
    ref = Reference("key", Span(0, len(text)), text, origin=ReferenceOrigin.DATABASE, fields=fields,
                    entry_type=entry_type)
    doc = Document("refs.bib", "bibtex", [Source("refs.bib", text)], references=[ref])
    return check_document(doc, Config.from_options(select=["CC402"])).findings


def test_bibtex_article_missing_journal_and_year() -> None:
    (finding,) = _bib("article", authors=(Author("Hong", "S."),), title="Bone metastasis")
    assert finding.message == "entry key (@article) lacks the required fields journal and year"
    assert finding.references == ("key",)
    assert (finding.location.line, finding.location.column) == (1, 1)


def test_bibtex_complete_entries() -> None:
    assert _bib("article", authors=(Author("Hong", "S."),), title="T", container="PLoS One", year=2020) == []
    assert _bib("misc") == []
    assert _bib("book", authors=(Author("Knuth", "D."),), title="TAOCP", publisher="AW", year=1968) == []


@pytest.mark.parametrize(
    ("entry_type", "fields", "missing"),
    [
        ("inproceedings", {"title": "T", "year": 2020}, ["author", "booktitle"]),
        ("book", {"title": "T"}, ["author or editor", "publisher", "year"]),
        ("phdthesis", {"authors": (Author("A"),), "title": "T", "year": 2001}, ["school"]),
        ("inbook", {"authors": (Author("A"),), "title": "T", "publisher": "P", "year": 2001}, ["chapter or pages"]),
        (None, {"title": "T"}, ["year"]),
        ("unknowntype", {"year": 2001}, ["title"]),
    ],
)
def test_required_fields_table(entry_type: str | None, fields: dict, missing: list[str]) -> None:
    assert missing_fields(ReferenceFields(**fields), entry_type) == missing
