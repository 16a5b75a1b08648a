"""Findings per rule when ``citecheck check`` runs on every file and every
directory of ../shared/corpus, as a person would run it (issue 15's measure:
each finding must be one a person would defend to the file's author).

    python bench/corpus_findings.py [--corpus DIR] [--list]

Prints the number of runs, then each rule's count summed over the runs (a
finding in a file is counted once for the file and once for each directory
above it).  ``--list`` also prints every finding.  GROUND_TRUTH.json,
PROVENANCE.md and the licence texts of the corpus are not manuscripts and are
skipped as files (directory walks still see what they see).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from citecheck.gate import GateOptions, run_gate

ROOT = Path(__file__).resolve().parents[1]


def _paths(corpus: Path) -> list[Path]:
    files = sorted(
        p for p in corpus.rglob("*")
        if p.is_file() and p.suffix != ".json" and (p.suffix != ".md" or "markdown" in p.parts)
    )
    directories = sorted(p for p in corpus.rglob("*") if p.is_dir())
    return files + directories


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--list", action="store_true", help="print every finding too")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    counts: Counter[str] = Counter()
    paths = _paths(args.corpus)
    for path in paths:
        result = run_gate([str(path)], GateOptions(isolated=True))
        for finding in result.report.findings:
            counts[finding.code] += 1
            if args.list:
                print(f"{path}: {finding.location.path}:{finding.location.line}: {finding.code} {finding.message}")
    print(f"{len(paths)} runs")
    for code in sorted(counts):
        print(f"{code} {counts[code]:6d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
