"""The fast paths of reading numbered citations agree with the general code they
replace: parse_items's string-method items with the regex-only parser, the one-pass
bracket scan with scan + IEEE merge + count, the model's builders with the classes
(citations whose items are read when first asked for included), mask_plain's quick
test with the patterns it stands for, find_headings with split_lines."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.model import (
    Citation,
    CitationStyle,
    CiteItem,
    Span,
    items_unread,
    new_bracket_citation,
    new_citation,
    new_number_item,
    new_span,
)
from citecheck.parsing import citations as C
from citecheck.parsing import masking as M
from citecheck.parsing import reflist as R
from citecheck.parsing.headings import is_reference_heading
from citecheck.rules import malformed_citation

TRICKY = [
    "1", "12", "00", "0", "123456", "1,3-5", "1, 3-5", "1–3", "1—3", "1 - 3", "1-", "1- 3", "3-1", "0-3", "3-0",
    " 2 ", "2a", "12, p. 4", "1,,2", "1;2", "1；2", "1，2", "1、2", "1,2;3", "", " ", "１２", "1-２", "２-3",
    "1~3", "1～3", "1‐3", "1‑3", "1−3", "1⁻3", "12345-12346", "123456-1", "1-2-3", "-1", "1,", ",1", "1 ,2",
    "2019", "1999, 2000", "140, 160", "1, 2", "2, 1", "1-2, 5", "1,\t2", "1, 2 ", "a", "1.5", "1–", "99999",
]


def reference_parse_items(content: str, offset: int) -> tuple[CiteItem, ...] | None:
    """parse_items as it was: every item through the separator and item patterns."""
    if not content.strip():
        return ()
    items: list[CiteItem] = []
    pos = 0
    for part in C._SEPARATOR.split(content):
        stripped = part.strip()
        lead = len(part) - len(part.lstrip())
        start = offset + pos + lead
        pos += len(part) + 1
        if not stripped:
            return None
        match = C._ITEM.match(stripped)
        if not match:
            return None
        first = int(match.group(1))
        if first == 0:
            return None
        is_range = match.group(2) is not None
        last = int(match.group(3)) if match.group(3) else (None if is_range else first)
        if last == 0:
            return None
        items.append(CiteItem(text=stripped, span=Span(start, start + len(stripped)), first=first, last=last,
                              is_range=is_range))
    return tuple(items)


def same(a: object, b: object) -> bool:
    return repr(a) == repr(b) and a == b


@pytest.mark.parametrize("content", TRICKY + ["3-10003", "10003-3", "3-10004", "10004-3", "1-3, 3-1, 5, 6-"])
def test_number_labels_agree(content: str) -> None:
    items = C.parse_items(content, 0)
    read = C.read_numbers(content)
    assert (items is None) == (read is None)
    if items is None or read is None:
        return
    labels = C._labels_of(read)
    assert labels == Citation(Span(0, 1), content, items, CitationStyle.BRACKET).labels
    assert len(labels) == C._count_labels(items)


@pytest.mark.parametrize("content", TRICKY)
def test_parse_items_agrees(content: str) -> None:
    assert same(C.parse_items(content, 7), reference_parse_items(content, 7))


def reference_looks_like_interval(items: tuple[CiteItem, ...], reference_count: int, text: str, at: int) -> bool:
    """The interval test as it was, on items."""
    if len(items) != 2 or items[0].is_range or items[1].is_range:
        return False
    first, second = items[0].first, items[1].first
    if first is None or second is None or first >= second:
        return False
    return 0 < reference_count < first or bool(C._INTERVAL_BEFORE.search(text[max(0, at - 12) : at]))


def reference_scan(text: str, ctx: C.ScanContext) -> tuple[list[Citation], int]:
    """scan_brackets as it was (scan, then merge IEEE ranges), and choose_style's count."""
    found = []
    for match in C._BRACKET.finditer(text):
        start = match.start()
        if ctx.skipped(start):
            continue
        content = match.group(1)
        if not content and match.group(0) != "[]":
            continue
        items = reference_parse_items(content, start + 1)
        count = ctx.reference_count
        if (items is None or (count < C.YEAR_MIN and C._looks_like_year(items, count))
                or (len(items) == 2 and reference_looks_like_interval(items, count, text, start))):
            continue
        found.append(Citation(Span(start, match.end()), match.group(0), items, CitationStyle.BRACKET))
    merged: list[Citation] = []
    for cit in found:
        prev = merged[-1] if merged else None
        if (prev is not None and len(prev.items) == 1 and len(cit.items) == 1 and not prev.items[0].is_range
                and not cit.items[0].is_range and C._DASH_BETWEEN.match(text[prev.span.end : cit.span.start])):
            span = Span(prev.span.start, cit.span.end)
            item = CiteItem(text[span.start : span.end], span, prev.items[0].first, cit.items[0].first, is_range=True)
            merged[-1] = Citation(span, text[span.start : span.end], (item,), CitationStyle.BRACKET)
        else:
            merged.append(cit)
    return merged, C._resolvable(merged, ctx.reference_count)


TEXTS = [
    " ".join(f"x [{c}]" for c in TRICKY),
    "see [1]–[3] and [4] - [6], [7]—[9]; [2]\u00a0–\u00a0[5] but [1-2]–[4] and [1]-\n[3] and [1][3] and [2]–[x]–[3]",
    "an interval [140, 160] and interval [1, 2] and [1, 2]; [2019] [1999, 2000]",
    "full width ［1］ and 【2, 3】 and ［4］–［6］ and []  [ ] ［］",
    "[3]\n\nReferences\n[1] A. B. Title 2020.\n[2] C. D. 2019.\n\nafter [2] and [12]",
    # one-number citations written again (the scan reuses what it read of the first)
    "[1] [01] [1] [01] [2019] [2019] [0] [0] [12]–[14] [12] - [14] [2, 3] [2, 3] [14]–[12] [1］ [1］ [1]",
]


def check_scan(text: str, ctx: C.ScanContext) -> None:
    found, resolvable = C._scan_brackets(text, ctx)
    unread = [items_unread(c) for c in found]
    # A citation left unread is plain numbers: nothing CC103 reports, no key, no match.
    for citation, deferred in zip(found, unread, strict=True):
        if deferred:
            assert citation.items and all(i.key is None and i.match is None for i in citation.items)
            assert malformed_citation._sound(citation) and not items_unread(citation)
    expected, expected_resolvable = reference_scan(text, ctx)
    assert [repr(c) for c in found] == [repr(c) for c in expected]
    assert found == expected and resolvable == expected_resolvable
    assert [c.labels for c in found] == [c.labels for c in expected]  # as built and as computed
    assert C.scan_brackets(text, ctx) == expected


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("count", [0, 3, 30, 150, 2000])
@pytest.mark.parametrize("skipping", [False, True])
def test_scan_agrees(text: str, count: int, skipping: bool) -> None:
    skip: tuple[Span, ...] = ()
    if skipping:
        skip = (Span(3, 20),) if count % 2 else (Span(3, 20), Span(40, 60))
    check_scan(text, C.ScanContext(skip=skip, reference_count=count))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="0123456789,;- –\t１、", max_size=12), max_size=6),
       st.sampled_from([0, 3, 30, 2000]))
def test_scan_agrees_on_generated_contents(contents: list[str], count: int) -> None:
    text = " and ".join(f"[{content}]" for content in contents) + " see [1]–[3]"
    check_scan(text, C.ScanContext(reference_count=count))


@pytest.mark.parametrize(("text", "unread"), [
    ("[12]", True), ("[012]", True), ("[3, 5-7]", True), ("[3,4]", True), ("[3-3]", True), ("[1; 2]", True),
    ("[ 12 ]", True), ("[1 – 3]", True), ("[１２]", True),
    # what CC103 reports is made whole: a reversed or open range, a repeat, nothing
    ("[7-5]", False), ("[6-]", False), ("[3, 3]", False), ("[2, 1-3]", False), ("[]", False),
    # IEEE's range of two citations
    ("[1]–[3]", False),
])
def test_which_citations_leave_their_items_unread(text: str, unread: bool) -> None:
    [citation] = C.scan_brackets(text, C.ScanContext(reference_count=20))
    assert items_unread(citation) is unread


def test_unread_items_are_read_once_and_kept() -> None:
    [citation] = C.scan_brackets("see [3, 5-7].", C.ScanContext(reference_count=9))
    assert items_unread(citation) and citation.labels == ("3", "5", "6", "7")
    items = citation.items
    assert not items_unread(citation) and citation.items is items
    assert items == (CiteItem("3", Span(5, 6), 3, 3), CiteItem("5-7", Span(8, 11), 5, 7, is_range=True))


def test_a_citation_with_unread_items_is_the_citation_made_whole() -> None:
    whole = Citation(Span(4, 12), "[3, 5-7]", (CiteItem("3", Span(5, 6), 3, 3),
                     CiteItem("5-7", Span(8, 11), 5, 7, is_range=True)), CitationStyle.BRACKET)

    def unread() -> Citation:
        citation = new_bracket_citation(4, "[3, 5-7]", CitationStyle.BRACKET, ("3", "5", "6", "7"))
        assert items_unread(citation)
        return citation

    assert same(unread(), whole) and hash(unread()) == hash(whole)
    assert unread().labels == whole.labels and unread().to_dict() == whole.to_dict()
    assert dataclasses.asdict(unread()) == dataclasses.asdict(whole)
    assert dataclasses.replace(unread(), text="[3,5-7]") == dataclasses.replace(whole, text="[3,5-7]")
    for twin in (pickle.loads(pickle.dumps(unread())), copy.deepcopy(unread()), copy.copy(unread())):
        assert same(twin, whole) and hash(twin) == hash(whole)
    # Pickled with its items read, as a citation made whole is: a version of citecheck
    # without unread items loads it.
    state = unread().__getstate__()
    assert state["items"] == whole.items and set(vars(whole)) <= set(state)
    assert not items_unread(whole) and not items_unread(pickle.loads(pickle.dumps(whole)))
    with pytest.raises(dataclasses.FrozenInstanceError):
        unread().items = ()  # type: ignore[misc]


def test_limits_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(C, "MAX_CITATIONS", 3)
    with pytest.raises(C.TooManyCitations, match="more than 3 citations"):
        C.scan_brackets("[1] [2] [3] [4]", C.ScanContext(reference_count=9))
    monkeypatch.setattr(C, "MAX_CITATIONS", 100)
    monkeypatch.setattr(C, "MAX_CITED_LABELS", 5)
    with pytest.raises(C.TooManyCitations, match="name more than 5"):
        C.scan_brackets("[1-3] [4] [5, 6]", C.ScanContext(reference_count=9))


def test_dashes_are_the_pattern_s() -> None:
    cls = re.search(r"\[([^\]]*)\]\[", C._DASH_BETWEEN.pattern[len("^[^\\S\\n]*"):])
    assert cls is not None and set(cls.group(1)) == set(C._DASHES)


def test_builders_make_the_same_instances() -> None:
    span = new_span(3, 9, 2)
    assert same(span, Span(3, 9, 2)) and list(vars(span)) == list(vars(Span(3, 9, 2)))
    item = new_number_item("3-5", 4, 3, 5, True)
    theirs = CiteItem("3-5", Span(4, 7), 3, 5, is_range=True)
    assert same(item, theirs) and list(vars(item)) == list(vars(theirs)) and hash(item) == hash(theirs)
    assert list(vars(item.span)) == list(vars(theirs.span))
    cit = new_citation(span, "[3-5]", (item,), CitationStyle.BRACKET)
    other = Citation(Span(3, 9, 2), "[3-5]", (theirs,), CitationStyle.BRACKET)
    assert same(cit, other) and cit.labels == other.labels == ("3", "4", "5")
    one = new_bracket_citation(10, "[012]", CitationStyle.BRACKET, ("12",))
    written = Citation(Span(10, 15), "[012]", (CiteItem("012", Span(11, 14), 12, 12),), CitationStyle.BRACKET)
    assert same(one, written) and sorted(vars(one)) == sorted([*vars(written), "labels"])
    assert one.labels == written.labels == ("12",) and hash(one) == hash(written)
    assert pickle.loads(pickle.dumps(one)) == written


@pytest.mark.parametrize("text", [
    "plain", "a <!-- c --> b", "a :: b", "x <https://a.b> y", "see https://a.b/c", "a <b> c", "<mailto:x@y>",
    "ftp://x", "<ftp:x>", "http:/", "<http://>", "http://", "a <<!-- b", "https://)",
])
def test_nothing_to_mask_agrees(text: str) -> None:
    original = "<!--" not in text and "::" not in text and M._AUTOLINK.search(text) is None
    assert M._nothing_to_mask(text) == original


def reference_find_headings(text: str, markdown: bool) -> list[tuple[R.Line, int]]:
    """find_headings as it was: over split_lines's Line objects."""
    lines = list(R.split_lines(text))
    found = []
    for i, line in enumerate(lines):
        if line.blank or len(line.text) > 120:
            continue
        atx = R._ATX.match(line.text)
        if atx:
            if is_reference_heading(atx.group(2)):
                found.append((line, line.end + 1))
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is not None and R._SETEXT.match(nxt.text) and is_reference_heading(line.text):
            found.append((line, nxt.end + 1))
        elif is_reference_heading(line.text):
            found.append((line, line.end + 1))
    return found


def test_find_headings_agrees() -> None:
    pieces = ["References", "# References", "References\n", "=====", "----", "", "  ", "text [1]",
              "Bibliography:", "## Literatur ##", "x" * 130, "References\n---", "\t参考文献"]
    rng = random.Random(1)
    for _ in range(2000):
        text = "\n".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        for markdown in (False, True):
            assert R.find_headings(text, markdown) == reference_find_headings(text, markdown), text
