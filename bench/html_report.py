"""How the HTML report's rendering time grows with manuscript size.

Uses the synthetic manuscripts of ``bench/check_speed.py`` (N references,
about 10N citations), checks each once, then times ``render_html`` (best of
three) for N = 100, 1,000 and 10,000 and prints the page size, the time and
the growth per tenfold size (near 10 is linear).

    python bench/html_report.py [N ...]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import citecheck  # noqa: E402
from check_speed import manuscript  # noqa: E402
from citecheck.reporters.html import render_html  # noqa: E402


def main(sizes: list[int]) -> None:
    previous = None
    for n in sizes:
        report = citecheck.check_text(manuscript(n))
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            page = render_html(report)
            best = min(best, time.perf_counter() - start)
        growth = f"  x{best / previous:.1f}" if previous else ""
        print(f"N={n:>6}: {len(report.documents[0].citations):>7} citations, "
              f"{len(page) / 1e6:6.2f} MB page, render {best:7.3f} s{growth}")
        previous = best


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000, 10000])
