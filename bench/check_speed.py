"""How check time grows with manuscript size.

Generates a numbered manuscript with N references (Vancouver style, varied
authors and titles drawn from a synthetic vocabulary) and about 10N citations
(single numbers, lists and ranges, first cited in order) and times
``citecheck.check_text`` on it, for N = 100, 1,000 and 10,000.  Prints the
time per size and the growth factor per tenfold size, which should be near
10 (linear), not 100 (quadratic).

    python bench/check_speed.py [N ...]
"""

from __future__ import annotations

import random
import sys
import time
import tracemalloc

import citecheck


_SYLLABLES = ["ka", "lo", "mi", "ren", "sto", "vik", "an", "ber", "chu", "dal", "fen", "gor",
              "hu", "jin", "mar", "nes", "pol", "qi", "ros", "tan", "ul", "wen", "yo", "zel"]
_WORDS = [a + b + c for a in ("bio", "neo", "cyto", "onco", "immu", "osteo", "meta", "gen")
          for b in ("log", "path", "trop", "clast", "morph", "stat", "lys", "gen")
          for c in ("ic", "ous", "al", "ism", "ase", "ity", "ome", "ant")]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _reference(k: int, rng: random.Random) -> str:
    """A Vancouver reference with varied authors and title words, as in a real list."""
    authors = ", ".join(f"{_name(rng)} {rng.choice('ABCDEFGHJKLMNPRSTW')}" for _ in range(rng.randint(1, 4)))
    title = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(5, 11))).capitalize()
    year = rng.randint(1980, 2025)
    return f"{k}. {authors}. {title}. J {_name(rng)} Res. {year};{rng.randint(1, 80)}:{k}-{k + 9}."


def manuscript(n: int, seed: int = 1, references: list[str] | None = None) -> str:
    """``n`` references (``references``, else generated) and about 10 n citations."""
    rng = random.Random(seed)
    parts: list[str] = []
    introduced = 0
    for i in range(10 * n):
        if introduced < n and (i % 10 == 0 or introduced < i // 10):
            introduced += 1
            cite = f"[{introduced}]"
        else:
            a = rng.randint(1, max(1, introduced))
            kind = rng.random()
            if kind < 0.6:
                cite = f"[{a}]"
            elif kind < 0.85:
                b = rng.randint(1, max(1, introduced))
                cite = f"[{min(a, b)}, {max(a, b) if a != b else a + 1 if a < introduced else a - 1}]"
            else:
                b = min(introduced, a + rng.randint(1, 3))
                cite = f"[{a}-{b}]" if b > a else f"[{a}]"
        parts.append(f"Sentence {i} reports a finding that others confirmed {cite}.")
        if i % 8 == 7:
            parts.append("\n\n")
    body = " ".join(parts)
    refs = "\n".join(references if references is not None else (_reference(k, rng) for k in range(1, n + 1)))
    return f"{body}\n\nReferences\n\n{refs}\n"


def measure(n: int) -> tuple[float, float, int, int]:
    text = manuscript(n)
    start = time.perf_counter()
    report = citecheck.check_text(text)
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    citecheck.check_text(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    doc = report.documents[0]
    return elapsed, peak / 1e6, len(doc.citations), len(doc.references)


def main(sizes: list[int]) -> None:
    print(f"{'N refs':>8} {'citations':>10} {'chars':>10} {'seconds':>9} {'peak MB':>8} {'x per 10x N':>12}")
    previous = None
    for n in sizes:
        elapsed, peak, citations, references = measure(n)
        assert references == n, (references, n)
        growth = f"{elapsed / previous:.1f}" if previous else "-"
        chars = len(manuscript(n))
        print(f"{n:>8} {citations:>10} {chars:>10} {elapsed:>9.3f} {peak:>8.1f} {growth:>12}")
        previous = elapsed


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1_000, 10_000])
