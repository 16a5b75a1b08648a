"""How ``citecheck fix`` time grows with manuscript size.

Takes the synthetic manuscript of ``bench/check_speed.py`` (N references,
about 10N citations), swaps every citation of 2 and 3 (so the list must be
renumbered: CC301) and lists reference 1 again at the end, cited once
(CC201), then times :func:`citecheck.fix.run.fix_file` on it (read, check,
plan, write, re-read and verify) for N = 100, 1,000 and 10,000.  The growth
per tenfold size should be near 10 (linear), not 100.

    python bench/fix_speed.py [N ...]
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_speed import manuscript  # noqa: E402

from citecheck.config import Config  # noqa: E402
from citecheck.fix import fix_codes  # noqa: E402
from citecheck.fix.run import fix_file  # noqa: E402


def broken(n: int) -> str:
    body, _, refs = manuscript(n).partition("\n\nReferences\n\n")
    body = re.sub(r"\[[\d, -]+\]", lambda m: re.sub(r"\b[23]\b", lambda d: "3" if d.group() == "2" else "2",
                                                     m.group()), body)
    first = refs.split("\n", 1)[0].split(". ", 1)[1]
    return f"{body} A repeat [{n + 1}].\n\nReferences\n\n{refs}{n + 1}. {first}\n"


def measure(n: int, directory: Path) -> tuple[float, int]:
    path = directory / f"paper{n}.txt"
    path.write_text(broken(n), encoding="utf-8")
    start = time.perf_counter()
    result = fix_file(str(path), Config(), fix_codes())
    elapsed = time.perf_counter() - start
    assert result.refused is None and result.fixed, result
    return elapsed, sum(result.fixed.values())


def main(sizes: list[int]) -> None:
    print(f"{'N refs':>8} {'seconds':>9} {'fixed':>6} {'x per 10x N':>12}")
    previous = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            elapsed, fixed = measure(n, Path(tmp))
            growth = f"{elapsed / previous:.1f}" if previous else "-"
            print(f"{n:>8} {elapsed:>9.3f} {fixed:>6} {growth:>12}")
            previous = elapsed


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1_000, 10_000])
