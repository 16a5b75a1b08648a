"""How author-year checking grows with the list and the citations.

Generates an APA manuscript: N references sorted by first author (varied
family names, 1-6 authors, years 1980-2025, a/b letters where a first author
has two works in a year) and 10N citations (parenthetical groups of one to
three, narrative "Smith et al. (2020)", a few misspelt or wrong-year ones),
and times reading it (``citecheck.parse_file``'s pipeline: list, citations,
matching) and checking it (every rule; this includes parsing every entry's
fields, which numbered lists pay too), for N = 500, 1,000, 2,000 and 4,000.
Prints the time per size and the growth factor per doubling, which should be
near 2 (linear), not 4 (quadratic).  The issue's target is the 2,000-entry
list with 20,000 citations: well under a second after start-up.

    python bench/authoryear.py [--gc-off] [N ...]

``--gc-off`` disables Python's cyclic garbage collector during the run: its
full collections walk every live object, so with it on the time per
citation creeps up with the heap; with it off the matching shows its own
(linear) growth.
"""

from __future__ import annotations

import gc
import random
import sys
import time

import citecheck
from citecheck.readers.text import parse_text

_SYLLABLES = ["ka", "lo", "mi", "ren", "sto", "vik", "an", "ber", "chu", "dal", "fen", "gor",
              "hu", "jin", "mar", "nes", "pol", "qi", "ros", "tan", "ul", "wen", "yo", "zel"]
_WORDS = ["bone", "cell", "pain", "joint", "growth", "repair", "model", "signal", "tissue", "gene",
          "cancer", "density", "marrow", "stem", "loss", "load", "fracture", "healing", "matrix"]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def manuscript(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    works: dict[tuple[str, int], list[list[str]]] = {}
    while sum(len(v) for v in works.values()) < n:
        first = _name(rng)
        year = rng.randint(1980, 2025)
        authors = [first] + [_name(rng) for _ in range(rng.randint(0, 5))]
        works.setdefault((first, year), []).append(authors)
    entries, cites = [], []
    for (first, year), group in sorted(works.items()):
        for i, authors in enumerate(group[:2]):
            suffix = "abcdefgh"[i] if len(group) > 1 else ""
            written = ", ".join(f"{a}, {rng.choice('ABCDEFGHJKLMNPRST')}." for a in authors[:-1])
            last = f"{authors[-1]}, {rng.choice('ABCDEFGHJKLMNPRST')}."
            names = f"{written}, & {last}" if written else last
            title = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(4, 9))).capitalize()
            entries.append(f"{names} ({year}{suffix}). {title}. Journal of {_name(rng)}, {rng.randint(1, 80)}, 1-9.")
            if len(authors) == 1:
                cited = first
            elif len(authors) == 2:
                cited = f"{first} & {authors[1]}"
            else:
                cited = f"{first} et al."
            cites.append((cited, f"{year}{suffix}"))
    sentences = []
    for k in range(10 * len(entries)):
        picks = [rng.choice(cites) for _ in range(rng.randint(1, 3))]
        if k % 7 == 0:
            who, when = picks[0]
            sentences.append(f"As {who} ({when}) showed, the {rng.choice(_WORDS)} matters.")
        else:
            inner = "; ".join(f"{who}, {when}" for who, when in picks)
            sentences.append(f"The {rng.choice(_WORDS)} {rng.choice(_WORDS)} was studied ({inner}).")
    body = "\n".join(" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5))
    return body + "\n\nReferences\n\n" + "\n".join(entries) + "\n"


def main(sizes: list[int]) -> None:
    citecheck.check_text("warm-up (Smith, 2020).\n\nReferences\nSmith, J. (2020). Title here. J, 1, 1.\n")
    print("CPU seconds of this process (wall-clock seconds in brackets: on a shared, loaded")
    print("machine the wall clock also counts waiting for a core; compare ratios of one run).")
    previous = None
    for n in sizes:
        text = manuscript(n)
        wall, cpu = time.perf_counter(), time.process_time()
        document = parse_text(text)
        read, read_wall = time.process_time() - cpu, time.perf_counter() - wall
        wall, cpu = time.perf_counter(), time.process_time()
        report = citecheck.check_text(text)
        total, total_wall = time.process_time() - cpu, time.perf_counter() - wall
        items = sum(len(c.items) for c in document.citations)
        growth = f"  x{read / previous:.2f} (read) for x2 input" if previous else ""
        print(f"{len(document.references):>6} entries {len(document.citations):>7} citations ({items} items): "
              f"read {read:.3f} s [{read_wall:.3f}], read + check {total:.3f} s [{total_wall:.3f}], "
              f"{len(report.findings)} findings{growth}")
        previous = read


if __name__ == "__main__":
    args = sys.argv[1:]
    if "--gc-off" in args:
        args.remove("--gc-off")
        gc.disable()
        print("(cyclic garbage collector off)")
    main([int(a) for a in args] or [500, 1000, 2000, 4000])
