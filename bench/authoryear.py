"""How author-year checking grows with the list and the citations.

Generates an APA manuscript: N references sorted by first author (varied
family names, 1-6 authors, years 1980-2025, a/b letters where a first author
has two works in a year) and 10N citations (parenthetical groups of one to
three drawn at random, so a few name one work twice: CC103; narrative "Smith
et al. (2020)"), and times reading it (``citecheck.parse_file``'s pipeline:
list, citations, matching) and checking it (every rule; this includes parsing
every entry's fields, which numbered lists pay too), for N = 500, 1,000, 2,000
and 4,000.  Prints the time per size and the growth factor per doubling, which
should be near 2 (linear), not 4 (quadratic).  The issue's target is the
2,000-entry list with 20,000 citations: well under a second after start-up.

A second line per size says where read + check went: reading (finding the
citations, matching them; the rest is masking, the list and its entry heads),
the reference parser (refparse: every entry once, before the rules), the
rules, and the total without refparse.  Figures of one run on a machine
shared by four processes on two cores (CPU s, 2,000 entries; compare ratios
of one run): before the speed-up of December 2026 read 1.03-1.07, citations
0.49-0.51, matching 0.26-0.27, refparse 0.28, rules 0.28-0.29, read + check
1.61; after it read 0.53-0.55, citations 0.18, matching 0.18, refparse 0.28,
rules 0.27-0.31, read + check 1.09-1.15.  On a quiet machine (5 December 2026), after the
reference parser's fast path and the rules' shared pass: read 0.43, refparse 0.18 -> 0.055,
rules 0.21 -> 0.14, read + check 0.83 -> 0.66.

    python bench/authoryear.py [--gc-off] [N ...]

``--gc-off`` disables Python's cyclic garbage collector during the run: its
full collections walk every live object, so with it on the time per
citation creeps up with the heap; with it off the matching shows its own
(linear) growth.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import random
import time
from collections.abc import Callable
from typing import Any

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


class _Phases:
    """CPU seconds spent in a few functions while the bench runs: it wraps them
    where the reader and the engine look them up."""

    #: (module, function, phase).  ``refparse`` is the full reference parser:
    #: the engine parses every entry once before the rules (``ensure_fields``);
    #: reading asks it only for author lists in an unusual form.
    WRAPPED = (
        ("citecheck.parsing.authoryear_cites", "scan_author_year", "scan"),
        ("citecheck.parsing.authoryear_match", "match_citations", "match"),
        ("citecheck.parsing.authoryear_refs", "parse_reference", "refparse in read"),
        ("citecheck.engine", "ensure_fields", "refparse in check"),
        ("citecheck.engine", "_run_rules", "check"),
    )

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        for module_name, name, phase in self.WRAPPED:
            module = importlib.import_module(module_name)
            setattr(module, name, self._wrap(getattr(module, name), phase))

    def _wrap(self, function: Callable[..., Any], phase: str) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[phase] = self.seconds.get(phase, 0.0) + time.process_time() - start
        return timed

    def take(self) -> dict[str, float]:
        seconds, self.seconds = self.seconds, {}
        return seconds


def main(sizes: list[int]) -> None:
    phases = _Phases()
    citecheck.check_text("warm-up (Smith, 2020).\n\nReferences\nSmith, J. (2020). Title here. J, 1, 1.\n")
    print("CPU seconds of this process (wall-clock seconds in brackets: on a shared, loaded")
    print("machine the wall clock also counts waiting for a core; compare ratios of one run).")
    print("Then where read + check went: read (of which finding the author-year citations,")
    print("matching them, the rest: masking, the list, entry heads), refparse (the reference")
    print("parser, every entry once), rules; and read + check without refparse.")
    previous = None
    for n in sizes:
        text = manuscript(n)
        wall, cpu = time.perf_counter(), time.process_time()
        document = parse_text(text)
        read, read_wall = time.process_time() - cpu, time.perf_counter() - wall
        phases.take()
        wall, cpu = time.perf_counter(), time.process_time()
        report = citecheck.check_text(text)
        total, total_wall = time.process_time() - cpu, time.perf_counter() - wall
        spent = phases.take()
        items = sum(len(c.items) for c in document.citations)
        growth = f"  x{read / previous:.2f} (read) for x2 input" if previous else ""
        print(f"{len(document.references):>6} entries {len(document.citations):>7} citations ({items} items): "
              f"read {read:.3f} s [{read_wall:.3f}], read + check {total:.3f} s [{total_wall:.3f}], "
              f"{len(report.findings)} findings{growth}")
        refparse = spent.get("refparse in read", 0.0) + spent.get("refparse in check", 0.0)
        check = spent.get("check", 0.0)
        print(f"{'':>14}read {total - check - spent.get('refparse in read', 0.0):.3f} (citations "
              f"{spent.get('scan', 0.0):.3f}, matching {spent.get('match', 0.0):.3f}), refparse {refparse:.3f}, "
              f"rules {check - spent.get('refparse in check', 0.0):.3f}; without refparse {total - refparse:.3f}")
        previous = read


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[500, 1000, 2000, 4000],
                        help="numbers of entries (default: 500 1000 2000 4000)")
    parser.add_argument("--gc-off", action="store_true", help="turn the cyclic garbage collector off")
    options = parser.parse_args()
    if options.gc_off:
        gc.disable()
        print("(cyclic garbage collector off)")
    main(options.sizes)
