"""The duplicate detector's fast paths agree with the general code they skip."""

from __future__ import annotations

import random
import re
import string
import unicodedata
from collections.abc import Callable, Iterable

import pytest

from citecheck.duplicates import text
from citecheck.duplicates.index import build_records, candidate_pairs, classes
from citecheck.model import Author, Reference, ReferenceFields, Span

_NON_WORD = re.compile(r"[\W_]+")


def _words_by_regex(value: str) -> str:
    """normalize_text's last step as the general (regex) path does it."""
    return " ".join(_NON_WORD.sub(" ", value).split())


def test_ascii_table_is_the_regex() -> None:
    assert len(text._ASCII_NON_WORD) == 128
    for code in range(128):
        ch = chr(code)
        assert (_NON_WORD.fullmatch(ch) is not None) == (text._ASCII_NON_WORD[code] == " ")


def test_ascii_titles_normalise_as_before() -> None:
    rng = random.Random(11)
    alphabet = string.printable + "_-–"
    for _ in range(2000):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        text.normalize_text.cache_clear()
        expected = value
        if not expected.isascii():
            expected = "".join(
                ch for ch in unicodedata.normalize("NFKD", expected) if not unicodedata.combining(ch)
            )
        expected = text._THOUSANDS.sub("", expected)
        if "$" in expected:
            expected = text._MATH.sub(lambda m: text._MATH_MARKUP.sub("", m.group(1)), expected)
        if "<" in expected:
            expected = text._MARKUP.sub(" ", expected)
        expected = expected.lower()
        if not expected.isascii():
            expected = expected.translate(text._FOLD)
        assert text.normalize_text(value) == _words_by_regex(expected), value


def test_tokens_and_part_numbers_of_ascii_titles() -> None:
    for title in ["vision of the climate", "part ii of 3 studies", "a 2nd look", "studies in 1999", "x"]:
        assert text.title_tokens(title) == [t for t in title.split() if len(t) >= 3 and t not in text.STOP]
        marks = text.part_marks(title)
        numbers = [w for w in title.split() if w.isdigit()]
        assert text.part_numbers(title) == (frozenset(numbers).union(marks) if numbers else marks)
    assert text.part_numbers("teil ²") == frozenset({"²"})  # beyond ASCII, str.isdigit decides


def _reference(i: int, title: str, year: int, volume: str, pages: str, family: str) -> Reference:
    fields = ReferenceFields(
        authors=(Author(family, "A"),), title=title, year=year, container="J Test", volume=volume, pages=pages
    )
    text_ = f"{family} A. {title}. J Test. {year};{volume}:{pages}."
    return Reference(label=str(i + 1), text=text_, span=Span(i * 100, i * 100 + 90), number=i + 1, fields=fields)


def test_page_one_blocks_propose_nothing_the_coordinates_need() -> None:
    """Entries of one year and volume that all start on page 1 are not paired by
    their coordinates (page 1 is no evidence), but still by title and author."""
    refs = [_reference(i, f"study {w} of bone", 2020, "5", "1-10", f"Name{i}")
            for i, w in enumerate(["alpha", "beta", "gamma", "delta", "epsilon"])]
    refs.append(_reference(5, "Study alpha of bone", 2020, "5", "1-10", "Name0"))
    records = build_records(refs)
    reps = [records[m[0]] for m in classes(records)]
    assert candidate_pairs(reps, 2) == [(0, 5)]
    refs = [_reference(i, f"study {w} of bone", 2020, "5", "7-10", f"Name{i}")
            for i, w in enumerate(["alpha", "beta"])]
    records = build_records(refs)
    assert candidate_pairs(records, 2) == [(0, 1)]  # page 7: the coordinates block pairs them


def test_word_runs_as_tuples() -> None:
    """The index keys runs of words as tuples; word_runs spells them as before."""
    from citecheck.duplicates.index import _runs, word_runs

    for n in range(0, 9):
        tokens = [f"w{i % 5}" for i in range(n)]
        expected = {f"{tokens[i]} {tokens[i + 1]} {tokens[i + 2]}" for i in range(n - 2)}
        if n <= 5:
            for i in range(n - 3):
                expected.add(f"{tokens[i]} {tokens[i + 1]} {tokens[i + 3]}")
                expected.add(f"{tokens[i]} {tokens[i + 2]} {tokens[i + 3]}")
        assert word_runs(tokens) == expected
        assert {" ".join(run) for run in _runs(tokens)} == expected
        assert len(set(_runs(tokens))) == len(expected)


def test_parts_and_marks_of_a_record_are_the_title_functions() -> None:
    """A record works out its title's part numbers and marks when asked."""
    titles = ["Part II of 3 studies", "Vision of the climate", "Teil ²", "The second volume 12", ""]
    refs = [_reference(i, title, 2020, "5", "7-10", "Name") for i, title in enumerate(titles)]
    for record in build_records(refs):
        assert record.marks == text.part_marks(record.title)
        assert record.parts == text.part_numbers(record.title)
        assert record.tokens == text.title_tokens(record.title)


def test_shared_keys_are_the_blocks_of_two_or_more() -> None:
    """shared_keys makes a list only when a key's second record comes: it
    gives the blocks a list per key gives, less those of one record, members
    in list order, each once."""
    from collections import defaultdict

    from citecheck.duplicates.index import shared_keys

    rng = random.Random(7)
    refs = [_reference(i, f"study {i}", 2020, "5", "7-10", f"Name{i}") for i in range(60)]
    records = build_records(refs)
    for _ in range(200):
        keys_of = [[rng.choice(["a", "b", ("x", "y", "z"), 3, "c" * rng.randint(1, 40)])
                    for _ in range(rng.randint(0, 4))] for _ in records]
        naive = defaultdict(list)
        for r, keys in zip(records, keys_of):
            for k in dict.fromkeys(keys):  # a record given a key twice is in its block once
                naive[k].append(r)
        expected = {k: block for k, block in naive.items() if len(block) > 1}
        assert shared_keys(records, lambda r: keys_of[r.index]) == expected


def test_candidate_pairs_on_a_generated_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """Titles from a small vocabulary (runs of words index them), shared
    coordinates and identifiers: the pairs proposed are those of blocks
    built a list per key, as the index did before it counted its keys."""
    from citecheck.duplicates import index

    rng = random.Random(3)
    words = ["bone", "tumour", "cells", "climate", "model", "graph", "vision", "speech", "quantum"]
    refs = []
    for i in range(400):
        title = " ".join(rng.choice(words) for _ in range(rng.randint(2, 7)))
        ref = _reference(i, title, rng.randint(2000, 2004), str(rng.randint(1, 3)), f"{rng.randint(1, 30)}-40",
                         rng.choice(["Smith", "Jones", "Li", "Zhang"]))
        refs.append(ref)
    records = build_records(refs)
    reps = [records[m[0]] for m in classes(records)]
    pairs = candidate_pairs(reps, 2)
    assert pairs

    def naive_shared(
        records: list[index.Record], keys_of: Callable[[index.Record], Iterable[object]]
    ) -> dict[object, list[index.Record]]:
        blocks: dict[object, list[index.Record]] = {}
        for r in records:
            for k in dict.fromkeys(keys_of(r)):  # a title may repeat a run of words
                blocks.setdefault(k, []).append(r)
        return {k: v for k, v in blocks.items() if len(v) > 1}

    monkeypatch.setattr(index, "shared_keys", naive_shared)
    assert candidate_pairs(reps, 2) == pairs


def test_block_keys_are_the_author_keys_and_next_family_names() -> None:
    """block_keys, shortened for one first author, gives what author_keys and
    the next two family names give, group authors and empty names included."""
    from citecheck.duplicates import names

    rng = random.Random(5)
    people = [Author("Zhang", "Wei"), Author("van der Berg", "J"), Author("Smith", "AB"), Author("", "A"),
              Author("WHO", "", True), Author("Genomes Project Consortium", "", True), Author("Li", "Hu Yong"),
              Author("Müller", "Hans"), Author("O'Brien", "")]
    for _ in range(500):
        fields = ReferenceFields(authors=tuple(rng.choice(people) for _ in range(rng.randint(0, 5))))
        expected = names.author_keys(fields)
        expected.update(text.key(a.family) for a in fields.authors[1:3] if not a.is_group and text.key(a.family))
        assert names.block_keys(fields) == expected


def test_first_page_and_digits_of_plain_numbers_are_the_regex() -> None:
    """first_page and digits skip their regular expression for plain numbers."""
    rng = random.Random(17)
    alphabet = "0123456789-–e ,.p\u0663\u00b2"
    for _ in range(5000):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        match = text._FIRST_PAGE.search(value)
        assert text.first_page(value) == (match.group(0).lower() if match else None), value
        match = text._DIGITS.search(value)
        assert text.digits(value) == (match.group(0).lstrip("0") or "0" if match else None), value
    assert text.first_page(None) is None and text.digits(None) is None and text.digits("") is None
