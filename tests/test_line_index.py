"""LineIndex: offsets to 1-based lines and columns."""

from __future__ import annotations

import random

import pytest

from citecheck.model import LineIndex, Source, Span


def test_positions() -> None:
    index = LineIndex("ab\ncd\n\nef")
    assert [index.position(o) for o in (0, 2, 3, 5, 6, 7, 9)] == [
        (1, 1), (1, 3), (2, 1), (2, 3), (3, 1), (4, 1), (4, 3)]
    assert index.position(-4) == (1, 1) and index.position(99) == (4, 3)  # clamped
    assert index.line_count == 4 and index.line_start(3) == 6


@pytest.mark.parametrize("seed", range(20))
def test_a_span_is_located_as_its_two_ends(seed: int) -> None:
    # LineIndex.span does in one search what two position() calls do.
    rng = random.Random(seed)
    for _ in range(50):
        text = "".join(rng.choice("ab\n") for _ in range(rng.randint(0, 40)))
        index = LineIndex(text)
        for _ in range(40):
            start, end = rng.randint(-3, len(text) + 3), rng.randint(-3, len(text) + 3)
            assert index.span(start, end) == index.position(start) + index.position(max(start, end))


def test_source_locates_spans_across_lines() -> None:
    source = Source("paper.txt", "one\ntwo [1]\nthree")
    location = source.locate(Span(8, 11))
    assert (location.line, location.column, location.end_line, location.end_column) == (2, 5, 2, 8)
    location = source.locate(Span(2, 9))
    assert (location.line, location.column, location.end_line, location.end_column) == (1, 3, 2, 6)
