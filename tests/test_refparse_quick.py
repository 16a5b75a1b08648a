"""The cheap tests of refparse.quick give what the patterns they stand before give."""

from __future__ import annotations

import re
import sys

import pytest

from citecheck.refparse import parse_reference
from citecheck.refparse.quick import collapse_spaces, last_word, may_hold

_EDITION = re.compile(r"\bed(?:ition)?\b", re.IGNORECASE)
_LAST_WORD = re.compile(r"(\S+)$")


@pytest.mark.parametrize("text", [
    "2nd edition", "2nd EDITION", "no such word", "",
    "2nd \u212aed.",  # a Kelvin sign is "k" to re's case folding: not ASCII, so always searched
    "Acce\u017f\u017fed 2020",  # long s
])
def test_may_hold_never_hides_a_match(text: str) -> None:
    if _EDITION.search(text):
        assert may_hold(text, ("ed",))
    if re.search(r"accessed", text, re.IGNORECASE):
        assert may_hold(text, ("accessed",))


def test_may_hold_skips_ascii_text_without_the_word() -> None:
    assert not may_hold("Smith J. Title. J Res. 2020;1:2-3.", ("thesis", "dissertation"))
    assert may_hold("Smith J. Title [Thesis]. 2020.", ("thesis",))
    assert may_hold("Müller J. Titel.", ("thesis",))  # not ASCII: left to the pattern


@pytest.mark.parametrize("text", [
    "a b", "a  b", "a\tb", "a\nb", "a\x1cb", "a\u00a0b", "a\u3000 b", " a ", "", "ab",
])
def test_collapse_spaces_is_the_substitution(text: str) -> None:
    assert collapse_spaces(text) == re.sub(r"\s+", " ", text)


def test_every_space_but_the_space_is_unprintable() -> None:
    """What collapse_spaces's shortcut stands on: a printable text holds no \\s but spaces."""
    space = re.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if space.match(char) and char != " ":
            assert not char.isprintable(), hex(code)


@pytest.mark.parametrize("text", ["", "one", "one two", "one two ", "one two\n", "one\n\n", "  ", "a\u00a0b", "x\tyz"])
def test_last_word_is_the_pattern(text: str) -> None:
    found = _LAST_WORD.search(text)
    assert last_word(text, _LAST_WORD) == (found.group(1) if found else "")


def test_the_fields_the_skipped_patterns_give_are_still_found() -> None:
    """Each reference holds the word its pattern needs (the figures are main's, unchanged)."""
    assert parse_reference("Smith J. Title of the work. 2nd ed. London: Press; 2010.").edition == "2"
    assert parse_reference("Smith J. A thesis on things [dissertation]. Boston: University; 2001.").type == "thesis"
    web = parse_reference("Smith J. Web page. Available from: http://x.org/a. Accessed 5 Jan 2020.")
    assert (web.url, web.title, web.year) == ("http://x.org/a", "Web page", None)  # the access date is no year
    ids = parse_reference("Smith J. Title. J Res. 2020;1:2-3. doi: 10.1000/xyz. PMID: 12345678.")
    assert (ids.doi, ids.pmid) == ("10.1000/xyz", "12345678")
    chapter = parse_reference("Smith J, et al. Title. In: Jones K, editors. Book. Paris: Ed; 2010. p. 1-9.")
    assert (chapter.type, chapter.et_al, chapter.title) == ("chapter", True, "Title")


def test_every_conference_name_the_pattern_knows_passes_the_word_test() -> None:
    """Each acronym of the conference pattern, and each word form, must pass may_hold's word
    list, or the pattern is skipped and the type changes (NeurIPS was lost once)."""
    import re

    from citecheck.refparse import parser

    acronyms = re.search(r"\(\?:(ICC\|[^)]*)\)", parser._CONFERENCE.pattern).group(1).split("|")
    words = ["Proceedings of X", "Proc.ACM", "Conference on X", "Conf.X", "Symposium", "Symp.X", "Workshop",
             "Congress", "Annual Meeting", "Colloquium", "Advances in Neural Information Processing Systems",
             "Lecture Notes in Computer Science"]
    for name in acronyms + words:
        text = f"Smith J. A title. {name} 2017; 30: 1-9."
        assert parser._CONFERENCE.search(text), name
        assert parser._conference(text), name
    reference = parse_reference("Vaswani A, Shazeer N. Attention is all you need. NeurIPS 2017; 30: 5998-6008.")
    assert reference.type == "conference"
