"""Comparison and search validation, on recorded Crossref records."""

from __future__ import annotations

import pytest
from crossref_server import load_recorded, recorded

from citecheck.crossref import match
from citecheck.crossref.records import Work
from citecheck.model import Author, ReferenceFields

WORKS = load_recorded()


def work(doi: str) -> Work:
    return Work.from_json(WORKS[doi])


@pytest.mark.parametrize(("cited", "registered"), [
    ("J Orthop Res", "10.1002/jor.1100150407"),  # word-by-word abbreviation
    ("Journal of Orthopaedic Research", "10.1002/jor.1100150407"),
    ("PLOS ONE", "10.1371/journal.pone.0020476"),  # case
    ("Sci Rep", "10.1038/srep16696"),
    ("Neurobiol Aging", "10.1016/j.neurobiolaging.2010.03.024"),
])
def test_journal_names_agree(cited: str, registered: str) -> None:
    assert match.journal_agrees(ReferenceFields(container=cited), work(registered)) is True


def test_acronym_agrees_and_other_journal_differs() -> None:
    pnas = Work.from_json({"DOI": "10.1073/x", "title": ["T"],
                           "container-title": ["Proceedings of the National Academy of Sciences"]})
    assert match.journal_agrees(ReferenceFields(container="PNAS"), pnas) is True
    assert match.journal_agrees(ReferenceFields(container="Nature"), work("10.1038/srep16696")) is False


def test_title_similarity_tolerates_case_markup_and_subtitle() -> None:
    w = work("10.1371/journal.pone.0020476")
    assert match.title_similarity("Using and reporting the Delphi method for selecting healthcare "
                                  "quality indicators", w) >= match.TITLE_SIMILARITY
    assert match.title_similarity("Methylphenidate exposure induces dopamine neuron loss", w) < 0.5


def test_first_author_with_particle_and_accents() -> None:
    w = work("10.1371/journal.pbio.0050002")  # first author "van der Pluijm"
    assert match.author_agrees(ReferenceFields(authors=(Author("Pluijm"),)), w) is True
    assert match.author_agrees(ReferenceFields(authors=(Author("Garinis"),)), w) is False
    muller = Work.from_json({"DOI": "10.1/m", "title": ["T"], "author": [{"family": "Müller"}]})
    assert match.author_agrees(ReferenceFields(authors=(Author("Muller"),)), muller) is True
    assert match.author_agrees(ReferenceFields(authors=(Author("WHO", is_group=True),)), muller) is None


def test_year_uses_print_and_online_years() -> None:
    w = work("10.1016/j.neurobiolaging.2010.03.024")  # issued 2012, online 2010
    assert 2010 in w.years and 2012 in w.years
    assert match.year_agrees(ReferenceFields(year=2010), w, 0) is True
    assert match.year_agrees(ReferenceFields(year=2005), w) is False


def test_recorded_cermine_search_is_validated() -> None:
    hits = [Work.from_json(i) for i in recorded("sbm_worklist_query.bibliographic_CERMINE_ref.json")
            ["message"]["items"]]
    fields = ReferenceFields(authors=(Author("Tkaczyk"),), year=2015, volume="18", pages="317-335",
                             title="CERMINE: automatic extraction of structured metadata from "
                                   "scientific literature")
    verdict = match.judge_search(fields, hits)
    assert verdict.match is not None and verdict.match.doi == "10.1007/s10032-015-0249-8"
    assert verdict.agreeing == ("year", "volume/pages", "first author")
    # Same title, but nothing else agrees: no match.
    assert match.judge_search(ReferenceFields(title=fields.title), hits).match is None
    # A wrong first author contradicts.
    wrong = ReferenceFields(authors=(Author("Smith"),), year=2015, title=fields.title)
    assert match.judge_search(wrong, hits).match is None


def test_search_query_needs_enough_fields() -> None:
    from crossref_support import ref

    assert match.search_query(ref("1", title="Three word title", family="Smith")) == \
        "Smith Three word title"
    assert match.search_query(ref("1", title="Two words", family="Smith")) is None
    assert match.search_query(ref("1", title="Three word title")) is None
    assert match.search_query(ref("1", title="Three word title", year=2001, type="thesis")) is None


def test_bibtex_markup_is_ignored_in_titles() -> None:
    w = work("10.1038/srep16696")
    cited = r"Single-molecule {FRET} studies on \emph{alpha-synuclein} oligomerization of " \
            r"{P}arkinson's disease genetically related mutants"
    assert match.title_similarity(cited, w) >= 0.95


def test_proceedings_titles_are_not_compared() -> None:
    w = work("10.1109/icdcsw.2003.1203662")  # a proceedings-article
    fields = ReferenceFields(title=w.title, authors=(Author("Arya"),), container="Proc. ICDCS Workshops")
    assert match.differences(fields, w) == []
    journal = work("10.1038/srep16696")
    assert [d.field for d in match.differences(ReferenceFields(container="Nature"), journal)] == ["journal"]


def test_author_name_parsed_the_wrong_way_round_agrees() -> None:
    w = Work.from_json({"DOI": "10.1/o", "title": ["T"], "author": [{"family": "Orengo", "given": "C. A."}]})
    assert match.author_agrees(ReferenceFields(authors=(Author("CA", "Orengo"),)), w) is True
    assert match.author_agrees(ReferenceFields(authors=(Author("Smith", "J"),)), w) is False
