"""False alarms found by running citecheck on real manuscripts it had not seen
(branch realworld; see notes/realworld.md).  Each test is a synthetic minimal
reproduction of what a real file holds.  Those marked xfail lie in code other
helpers are changing (parsing/, readers/text.py): each reason says where the
cause is and what the fix could be.
"""

from __future__ import annotations

import pytest

from citecheck.api import check_text


def codes(text: str) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in check_text(text, format="markdown").findings]


@pytest.mark.xfail(strict=True, reason=(
    "parsing/masking.py (_mask_links): for a reference-style link [text][label] whose label a "
    "'[label]: url' definition defines, _REF_LINK blanks only the label bracket; the text "
    "bracket stays for the citation scanner (numbered links [3][r3] are citations), and when the "
    "text is a URL, _AUTOLINK then blanks it, leaving '[   ]', reported as an empty citation "
    "(CC103, a warning). Fix: also blank the text bracket of a defined reference link unless "
    "it holds a citation number. Seen in sympy/sympy-paper "
    "CODE_OF_CONDUCT.md (the Contributor Covenant footer, in thousands of repositories)."))
def test_a_reference_style_link_is_not_an_empty_citation() -> None:
    text = ("This Code of Conduct is adapted from the [Contributor Covenant][homepage], version 1.4,\n"
            "available at [http://contributor-covenant.org/version/1/4][version]\n\n"
            "[homepage]: http://contributor-covenant.org\n"
            "[version]: http://contributor-covenant.org/version/1/4/\n")
    assert codes(text) == []


@pytest.mark.xfail(strict=True, reason=(
    "parsing/masking.py (_mask_task_boxes_and_spans) blanks '[ ]' only after a list marker "
    "('- [ ] x'); a to-do line written without one ('  [ ] Add keywords') reaches the "
    "bracket-citation scanner and is reported as an empty citation (CC103 warning). Fix: "
    "blank '[ ]', '[x]' and '[X]' at the start of a line (after indentation) too, or never "
    "report a bracket holding only whitespace as a citation. Seen in sympy/sympy-paper TODO.md."))
def test_a_to_do_box_without_a_list_marker_is_not_an_empty_citation() -> None:
    assert codes("## PeerJ:\n\n  [ ] Add keywords\n\n  [ ] Switch to author-year citations\n") == []


@pytest.mark.xfail(strict=True, reason=(
    "parsing/masking.py (_mask_links): an image or link whose destination is written in angle "
    "brackets because it holds spaces, '![](<a b (1).png>)' (CommonMark; GitBook writes these), "
    "is not masked, so its empty alt text '[]' is reported as an empty citation (CC103 warning). "
    "Fix: accept a '<...>' destination in the link pattern. Seen in fission-codes/whitepaper "
    "file-system/partitions/private-directories/data-layer.md."))
def test_an_image_with_an_angle_bracket_destination_is_not_an_empty_citation() -> None:
    assert codes("Some text.\n\n![](<../../assets/screen shot (1).png>)\n\nMore text.\n") == []


@pytest.mark.xfail(strict=True, reason=(
    "readers/text.py: a Markdown manuscript whose references are footnotes ('[^1]: W. Dai, "
    "\"b-money,\" 1998.' under a References heading) and whose text cites them with footnote "
    "markers ('parties[^1]') gets its 10 entries read as a numbered list, but the markers are not "
    "read as citations (mask_markdown keeps them on purpose: 'they are not citations'), so CC004 "
    "warns that no citation was recognised -- in a file where every entry is cited. Fix: when "
    "the reference list's entries are footnote definitions '[^n]:', read the '[^n]' markers of "
    "the text as numbered citations of entry n. Seen in karask/satoshi-paper bitcoin.md (the "
    "Bitcoin paper as pandoc Markdown)."))
def test_footnote_markers_cite_footnote_references() -> None:
    text = ("Commerce relies on trusted parties[^1]. A timestamp server[^2][^3] works.\n\n"
            "References\n----------\n\n"
            "[^1]: W.  Dai, \"b-money,\" <http://www.weidai.com/bmoney.txt>, 1998.\n\n"
            "[^2]: H.  Massias, X.S. Avila, and J.-J. Quisquater, \"Design of a\n"
            "        secure timestamping service with minimal trust requirements,\"\n"
            "        In 20th Symposium on Information Theory in the Benelux, May 1999.\n\n"
            "[^3]: S.  Haber, W.S. Stornetta, \"How to time-stamp a digital\n"
            "        document,\" In Journal of Cryptology, vol 3, no 2, pages 99-111, 1991.\n")
    assert codes(text) == []
