"""The walk over the citations that CC101, CC102, CC201, CC203 and CC301 share
(citecheck.rules._cited), and the fast paths built on it: they must agree with
the rules' own item-by-item walks."""

from __future__ import annotations

import dataclasses
import itertools
import random
from typing import Any

from citecheck.config import Config
from citecheck.model import CiteItem, Citation, CitationStyle, Document, Reference, Source, Span
from citecheck.readers.text import parse_text
from citecheck.refparse import ensure_fields
from citecheck.rules import REGISTRY, RuleContext
from citecheck.rules import citation_order, malformed_citation
from citecheck.rules._cited import cited, first_citing, summarise
from citecheck.rules.duplicate_reference import citing_of, printed_labels

REFERENCES = "\n\nReferences\n" + "".join(
    f"{n}. Author{n} A. Title of paper {n}. J Test. {2000 + n}.\n" for n in range(1, 13)
)


def document(text: str) -> Document:
    doc = parse_text(text + REFERENCES, "<text>", False)
    ensure_fields(doc)
    return doc


def context(code: str, doc: Document) -> RuleContext:
    rule = next(r for r in REGISTRY.values() if r.code == code)
    return RuleContext(rule, doc, Config().rule_options(rule), {}, {}, frozenset(REGISTRY))


def test_labels_in_order_of_first_citation() -> None:
    doc = document("A [3, 1] and [2-4], then [1] and [12].")
    summary = summarise(doc)
    assert list(summary.labels) == ["3", "1", "2", "4", "12"]
    assert not summary.nocite_all and not summary.author_year
    assert summary.in_text_order()


def test_kept_per_document() -> None:
    doc, other = document("A [1]."), document("B [2].")
    shared: dict[str, Any] = {}
    first = cited(doc, shared)
    assert cited(doc, shared) is first
    assert list(cited(other, shared).labels) == ["2"]


def test_out_of_text_order_is_noticed() -> None:
    doc = document("A [1] and [2] and [3].")
    shuffled = dataclasses.replace(doc, citations=doc.citations[::-1])
    assert not summarise(shuffled).in_text_order()


def test_first_citing() -> None:
    doc = document("A [1] and [2, 1] and [3] and [2].")
    first = first_citing(doc.citations, {"1", "2"})
    assert first["1"] is doc.citations[0] and first["2"] is doc.citations[1]


def _first_citations_by_walk(doc: Document) -> list[tuple[int, Citation]]:
    """CC301's walk before the shared pass: the reference for its fast path."""
    listed = {ref.number for ref in doc.references if ref.number is not None}
    seen: set[int] = set()
    done: set[str] = set()
    order: list[tuple[int, Citation]] = []
    for citation in sorted(doc.citations, key=lambda c: (c.span.source, c.span.start)):
        for label in citation.labels:
            if label in done:
                continue
            done.add(label)
            if label.isdigit() and int(label) in listed and int(label) not in seen:
                seen.add(int(label))
                order.append((int(label), citation))
    return order


def test_first_cited_agrees_with_the_walk_in_any_order() -> None:
    rng = random.Random(16)
    for _ in range(50):
        parts = []
        for _ in range(rng.randint(1, 12)):
            a = rng.randint(1, 14)
            b = rng.randint(1, 14)
            parts.append(rng.choice([f"[{a}]", f"[{a}, {b}]", f"[{a}-{b}]", f"[0{a}]"]))
        doc = document("Text " + " and ".join(parts) + ".")
        for citations in (doc.citations, doc.citations[::-1]):
            variant = dataclasses.replace(doc, citations=citations)
            expected = _first_citations_by_walk(variant)
            order = citation_order.first_cited(variant, {})
            first = first_citing(sorted(citations, key=lambda c: (c.span.source, c.span.start)),
                                 {label for _, label in order})
            assert [(n, first[label]) for n, label in order] == expected


def test_sound_citations_have_no_problems() -> None:
    """CC103's fast path: a citation it passes yields no finding from the full check."""
    forms = ["3", "3-5", "5-3", "6-", "3", "1-4", "4", "", "2"]
    for a, b, c in itertools.product(forms, repeat=3):
        items = ", ".join(x for x in (a, b, c) if x)
        doc = document(f"As shown [{items}] before.")
        ctx = context("CC103", doc)
        for citation in doc.citations:
            if citation.items and malformed_citation._sound(citation):
                assert list(malformed_citation._problems(citation, ctx)) == []


def test_printed_labels_and_citing() -> None:
    doc = document("A [1, 2] and [2] and [4-5].")
    shared: dict[str, Any] = {}
    assert printed_labels(doc, shared) == printed_labels(doc) == {"1", "2", "4", "5"}
    citing = citing_of(doc.citations, {"2", "5"})
    assert citing == {"2": doc.citations[:2], "5": doc.citations[2:]}


def test_matched_items_are_the_items_with_a_match() -> None:
    text = (
        "As Smith (2020) and Jones (2019) showed, and (Brown, 2018).\n\nReferences\n"
        "Jones, K. (2019). Bone loss. Bone, 4, 2-8.\n"
        "Smith, J. (2020). Bone pain. Pain, 3, 1-9.\n"
    )
    doc = parse_text(text, "<text>", False)
    ensure_fields(doc)
    summary = summarise(doc)
    expected = [item for c in doc.citations for item in c.items if item.match is not None]
    assert expected and summary.matched_items() == expected
    assert summary.matched_items() is summary.matched_items()  # collected once
    assert summarise(document("A [1].")).matched_items() == []


def test_in_text_order_of_one_source_and_of_several() -> None:
    """With one source the check reads each citation's start in one pass; it
    agrees with the check by (source, start) that several sources need."""
    from citecheck.rules._cited import _in_text_order

    def by_keys(doc: Document) -> bool:
        keys = [(c.span.source, c.span.start) for c in doc.citations]
        return keys == sorted(keys)

    rng = random.Random(4)
    doc = document("A [1] and [2] and [3, 4] and [5] and [6].")
    two_sources = [*doc.sources, doc.sources[0]]
    for _ in range(100):
        citations = rng.sample(doc.citations, len(doc.citations)) if rng.random() < 0.5 else list(doc.citations)
        variant = dataclasses.replace(doc, citations=citations)
        assert _in_text_order(variant) == by_keys(variant)
        moved = [dataclasses.replace(c, span=Span(c.span.start, c.span.end, rng.randint(0, 1))) for c in citations]
        several = dataclasses.replace(doc, citations=moved, sources=two_sources)
        assert _in_text_order(several) == by_keys(several)
        assert summarise(several).in_text_order() == by_keys(several)


def _cc301_by_scans(numbers: list[int], out: list[int]) -> list[tuple[int, int, str]]:
    """CC301's partners before the prefix and suffix extremes: a scan per number."""
    found = []
    for i in out:
        number = numbers[i]
        later_smaller = [n for n in numbers[i + 1 :] if n < number]
        if later_smaller:
            found.append((number, min(later_smaller), "before"))
        else:
            found.append((number, max(n for n in numbers[:i] if n > number), "after"))
    return found


def test_cc301_partners_agree_with_a_scan_per_number() -> None:
    from citecheck.config import RuleSettings
    from citecheck.rules._sequence import longest_ordered

    rng = random.Random(301)
    config = Config(select=("CC301",), rules={"CC301": RuleSettings(options={"whole-list-threshold": 1.01})})
    rule = REGISTRY["CC301"]
    for _ in range(200):
        numbers = rng.sample(range(1, 13), rng.randint(1, 12))
        doc = document("Text " + " and ".join(f"[{n}]" for n in numbers) + ".")
        keep = longest_ordered(numbers)
        expected = _cc301_by_scans(numbers, [i for i in range(len(numbers)) if i not in keep])
        ctx = RuleContext(rule, doc, config.rule_options(rule), {}, {}, frozenset(REGISTRY))
        got = [(int(f.references[0]), int(f.references[1]), f.message.split()[-3]) for f in rule.check(doc, ctx)]
        assert got == expected


def test_cc301_time_grows_linearly_with_many_numbers_cited_early() -> None:
    """A list whose last 40% are first cited before the rest, in reverse: each
    of them is out of order (fewer than half: one finding each), and each
    finding's partner was found by scanning the rest of the list."""
    from tests.growth import assert_linear_growth

    rule = REGISTRY["CC301"]

    def build(n: int) -> Document:  # made directly: the text reader would take most of the test's time
        early = list(range(n, n - 2 * n // 5, -1))
        citations = []
        for i, number in enumerate([*early, *range(1, n - 2 * n // 5 + 1)]):
            span = Span(10 * i, 10 * i + 5)
            item = CiteItem(str(number), span, number, number)
            citations.append(Citation(span, f"[{number}]", (item,), CitationStyle.BRACKET))
        references = [Reference(str(k), Span(10 * n + k, 10 * n + k + 1), f"Title {k}.", k) for k in range(1, n + 1)]
        return Document("<text>", "text", [Source("<text>", " " * 11 * n)], citations, references)

    def run(doc: Document) -> None:
        ctx = RuleContext(rule, doc, Config().rule_options(rule), {}, {}, frozenset(REGISTRY))
        assert len(list(rule.check(doc, ctx))) == 2 * len(doc.references) // 5

    assert_linear_growth(build, run, 1000)
