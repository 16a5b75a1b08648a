"""The duplicate detector's work stays linear in the number of references
(issue 10: a block of identical or near-identical entries is one group, not
n² pairs; issue 16: common title words and names must not make blocking
quadratic).  Pair counts are exact; time only as growth with a wide margin."""

from __future__ import annotations

import random
import time

from citecheck.api import check_text
from citecheck.duplicates import analyse, find_duplicates, find_related_versions
from citecheck.model import Author, Reference, ReferenceFields, ReferenceOrigin, Span

SAME = "Cheng JN, Jin Z, Su C. Bone metastases diminish extraosseous response to immunotherapy. Cancer Cell. 2025;43(6):1093-107."


def refs(texts: list[str]) -> list[Reference]:
    return [Reference(str(i + 1), Span(0, 0), t, i + 1) for i, t in enumerate(texts)]


def same_title(n: int) -> list[str]:
    """``n`` papers of one author with one title: other pages (not duplicates)."""
    return [
        f"Cheng JN. Bone metastases diminish response. Cancer Cell. 2025;43:{100 + 20 * i}-{110 + 20 * i}."
        for i in range(n)
    ]


def small_vocabulary(n: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    words = [f"w{k}" for k in range(100)]
    names = [f"Name{k}" for k in range(75)]
    return [
        f"{rng.choice(names)} A, {rng.choice(names)} B. {' '.join(rng.sample(words, 6))}. "
        f"J Test. {rng.randint(2000, 2020)};{rng.randint(1, 50)}:{rng.randint(1, 900)}-{rng.randint(901, 999)}."
        for _ in range(n)
    ]


def test_identical_references_are_one_group_without_pairs() -> None:
    references = refs([SAME] * 1000)
    analysis = analyse(references)
    assert analysis.pairs == []
    assert len(analysis.classes) == 1
    (group,) = find_duplicates(references, analysis=analysis)
    assert group.members == tuple(range(1000))
    assert group.evidence == ("same title, first author and year",)


def test_same_title_block_compares_a_bounded_number_of_pairs() -> None:
    for n in (200, 2000):
        references = refs(same_title(n))
        analysis = analyse(references)
        assert len(analysis.pairs) <= 40 * n
        assert find_duplicates(references, analysis=analysis) == []
        assert find_related_versions(references, analysis=analysis) == []


def test_near_identical_block_is_one_group() -> None:
    # The same paper 500 times, the year or a letter of the title changed in some.
    texts = [SAME.replace("2025;", f"{2025 - i % 2};").replace("Bone", "Bome" if i % 7 == 0 else "Bone") for i in range(500)]
    (group,) = find_duplicates(refs(texts))
    assert len(group.members) == 500


def test_small_vocabulary_pairs_are_bounded_per_reference() -> None:
    # Blocks of 16 compare all pairs; larger ones each reference's nearest
    # neighbours: pairs per reference are bounded whatever the list's size
    # (the old all-pairs blocking proposed thousands per reference here).
    n = 10_000
    assert len(analyse(refs(small_vocabulary(n))).pairs) <= 20 * n


def test_time_grows_linearly_on_identical_and_same_title_lists() -> None:
    def seconds(texts: list[str]) -> float:
        body = "\n".join(f"{i}. {t}" for i, t in enumerate(texts, 1))
        start = time.process_time()  # CPU time: other processes on the machine do not count
        check_text(f"See [1].\n\nReferences\n{body}\n", select=["CC201", "CC203"])
        return time.process_time() - start

    for make in (lambda n: [SAME] * n, same_title):
        small = min(seconds(make(150)) for _ in range(2))
        large = seconds(make(1500))
        assert large <= 15 * small + 0.5


def _entry(i: int, author: str, words: list[str], year: int = 2000) -> Reference:
    fields = ReferenceFields(authors=(Author(author, "A"),), title=" ".join(words), year=year, type="article")
    return Reference(f"k{i}", Span(0, 0), "", origin=ReferenceOrigin.DATABASE, fields=fields)


def test_one_word_changed_dropped_or_added_still_meets_when_every_word_is_common() -> None:
    # Every title word of 700 fillers is in more than COMMON_WORD_TITLES titles,
    # so titles are indexed by runs of words: one word mistyped, dropped or
    # added anywhere in a title of three to nine words must leave a shared key.
    rng = random.Random(5)
    common = [f"word{k}" for k in range(8)]
    refs = [_entry(i, f"Filler{i % 50}", rng.sample(common, 8), 1990 + i % 30) for i in range(700)]
    planted = []
    for n in range(3, 10):
        for pos in range(n):
            for change in ("typo", "drop", "add"):
                words = [rng.choice(common) for _ in range(n)]
                if change == "typo":
                    other = [*words[:pos], "wrod", *words[pos + 1 :]]
                elif change == "drop":
                    other = words[:pos] + words[pos + 1 :]
                else:
                    other = [*words[:pos], rng.choice(common), *words[pos:]]
                if len(other) < 3:
                    continue
                author = f"Planted{len(planted)}"
                refs += [_entry(len(refs), author, words), _entry(len(refs) + 1, author, other)]
                planted.append((len(refs) - 2, len(refs) - 1))
    pairs = set(analyse(refs).pairs)
    assert [p for p in planted if p not in pairs] == []
