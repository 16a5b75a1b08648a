"""Author-year reading grows linearly: ten times the list and the citations
take at most fifteen times as long (bench/authoryear.py prints the figures)."""

from __future__ import annotations

import time

from citecheck.readers.text import parse_text
from tests.growth import assert_linear_growth


def _manuscript(n: int) -> str:
    names = [f"{a}{b}{c}".capitalize() for a in ("ka", "lo", "mi", "ren", "sto") for b in ("vik", "an", "ber", "chu")
             for c in ("dal", "fen", "gor", "hu", "jin")]
    entries, citations = [], []
    for k in range(n):
        name, year = names[k % len(names)], 1900 + k // len(names)
        entries.append((name, year))
    entries.sort()
    for k, (name, year) in enumerate(entries):
        other = entries[(k * 7) % n]
        citations.append(f"Bone ({name}, {year}; {other[0]}, {other[1]}) and {name} ({year}) say so.")
    body = "\n".join(" ".join(citations[i : i + 3]) for i in range(0, len(citations), 3))
    listed = "\n".join(f"{name}, A. ({year}). Bone growth study number {name}. Journal, 1, 1-9." for name, year in entries)
    return body + "\n\nReferences\n\n" + listed + "\n"


def _best_time(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()  # CPU time: other processes on the machine do not count
        parse_text(text)
        best = min(best, time.process_time() - start)
    return best


def test_reading_grows_linearly() -> None:
    small, large = _manuscript(100), _manuscript(1000)
    assert len(parse_text(large).citations) >= 2000
    assert _best_time(large) <= 15 * _best_time(small)


def _nested_parentheses(n: int) -> str:
    """Parentheses around parentheses, closed and not, and nested citations."""
    body = (
        "Open (a (b) c (d) " * n + "\n"  # outer parentheses never closed, inner ones closed
        + "(" * n + "x" + ")" * n + "\n"  # deep nesting
        + "(x (y " * n + "\n"  # nothing closed
        + "(" + "a long parenthesis never closed " * n + "(y)\n"
        + "The form (the (E)-α isomer; Kavik, 1901) and (Lomi (ed.), 1902; Kavik, 1901).\n" * n
    )
    return body + "\nReferences\n\nKavik, A. (1901). Bone growth. Journal, 1, 1-9.\nLomi, B. (1902). Bone. Journal, 2, 1-9.\n"


def test_nested_parentheses_grow_linearly() -> None:
    assert [c.text for c in parse_text(_nested_parentheses(1)).citations] == [
        "(the (E)-α isomer; Kavik, 1901)", "(Lomi (ed.), 1902; Kavik, 1901)"]
    assert_linear_growth(_nested_parentheses, parse_text, 200)
