"""Parallel checking: ``--jobs 1`` against ``--jobs 2`` over ../shared/corpus.

Times :func:`citecheck.runner.check_many` (what ``citecheck check DIR --jobs N``
runs, without interpreter start-up and output) over every supported file of
the corpus, and over the corpus repeated ``--repeat`` times (a back catalogue
of many manuscripts, where process start-up is amortised).  Each figure is
the best of ``--rounds`` runs.  Also checks that both settings report the same
findings.

With ``--many N`` it also generates N small manuscripts (50 references,
about 500 citations each; seeded) and prints files per second for
``--jobs 1`` and ``--jobs 2``, and the peak memory of one process checking the
first tenth of them and all of them (the two should be close: nothing is kept
per file).

    python bench/jobs.py [--corpus DIR] [--repeat 8] [--rounds 5] [--many 1000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from check_speed import manuscript

from citecheck.discover import expand_paths
from citecheck.runner import check_many, default_jobs

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def best_time(paths: list[str], jobs: int, rounds: int) -> tuple[float, int]:
    best = float("inf")
    findings = 0
    for _ in range(rounds):
        start = time.perf_counter()
        report = check_many(paths, jobs=jobs, keep_documents=False)  # as the CLI runs it
        best = min(best, time.perf_counter() - start)
        findings = len(report.findings)
    return best, findings


# The child's own peak: on Linux /proc/self/status VmHWM, since ru_maxrss keeps the
# resident size of the process that started it (this one, holding the corpus
# results) across fork and exec, which hid any growth.
_PEAK = ("import resource, sys; from citecheck.runner import check_many; "
         "check_many(sys.argv[1:], keep_documents=False); "
         "hwm = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')] "
         "if sys.platform == 'linux' else []; "
         "print(hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")


def many(count: int, rounds: int) -> int:
    """Files per second and memory over ``count`` generated small manuscripts."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i in range(count):
            path = os.path.join(folder, f"m{i:05d}.txt")
            Path(path).write_text(manuscript(50, seed=i), encoding="utf-8")
            paths.append(path)
        one, found_one = best_time(paths, 1, rounds)
        two, found_two = best_time(paths, 2, rounds)
        if found_one != found_two:
            print(f"MISMATCH: --jobs 1 found {found_one}, --jobs 2 found {found_two}", file=sys.stderr)
            return 1
        print(f"{count} small manuscripts: --jobs 1 {count / one:.0f} files/s, --jobs 2 {count / two:.0f} files/s "
              f"({one / two:.2f}x)")
        peaks = []
        for subset in (paths[: max(1, count // 10)], paths):
            done = subprocess.run([sys.executable, "-c", _PEAK, *subset], capture_output=True, text=True, check=True)
            peaks.append((len(subset), int(done.stdout.strip()) / 1024))
        print("peak memory, one process: " + ", ".join(f"{n} files {mb:.0f} MB" for n, mb in peaks))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(CORPUS))
    parser.add_argument("--repeat", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--many", type=int, default=0, help="also time this many generated small manuscripts")
    args = parser.parse_args(argv)
    files = expand_paths([args.corpus])
    if not files:
        print(f"no supported files under {args.corpus}", file=sys.stderr)
        return 1
    size = sum(os.path.getsize(f) for f in files)
    print(f"corpus: {len(files)} supported files, {size / 1e6:.2f} MB; CPUs available: {default_jobs()}")
    print(f"{'workload':<28} {'files':>6} {'--jobs 1':>10} {'--jobs 2':>10} {'speed-up':>9}")
    for label, paths in (("corpus", files), (f"corpus x{args.repeat}", files * args.repeat)):
        one, found_one = best_time(paths, 1, args.rounds)
        two, found_two = best_time(paths, 2, args.rounds)
        if found_one != found_two:
            print(f"MISMATCH: --jobs 1 found {found_one}, --jobs 2 found {found_two}", file=sys.stderr)
            return 1
        print(f"{label:<28} {len(paths):>6} {one:>9.3f}s {two:>9.3f}s {one / two:>8.2f}x")
    return many(args.many, args.rounds) if args.many else 0


if __name__ == "__main__":
    sys.exit(main())
