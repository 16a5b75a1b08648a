"""Corpus scale: files per second sequentially, with --jobs 2 and on Dask with
2 workers; the client's peak memory; Crossref requests per unique DOI.

Builds a corpus of ``--files`` manuscripts by copying ../shared/corpus into a
temporary folder as often as needed (files over ``--max-size`` bytes, such as
the 3 MB BibTeX libraries, are left out: a back catalogue is manuscripts).
Each run is ``citecheck check DIR --format jsonl -o FILE`` in a fresh
interpreter, timed from start to exit (so Dask's cluster start-up counts),
with the CPU time of that process and of the worker processes it waited for,
and the peak resident memory of the client process (not of its workers).
The Dask run is repeated on a quarter of the files: a flat client memory
shows that the client does not hold the corpus.  Findings are compared file
for file between the runs.

Crossref: ``--crossref-files`` of the corpus are verified against the local
recorded-response server (tests/crossref_server.py), once per file with a
fresh verifier and no cache (what checking each file on its own costs), and
once corpus-wide (citecheck.scale.central: each DOI once).  The files are the
same manuscripts in 4 copies (a catalogue's papers cite common works), and
the server answers, beside the recordings, a synthetic record for every other
DOI cited (Crossref knows most DOIs that papers cite).  Searches are off
(``--ignore CC507,CC508``), so the figures are about DOIs.

    python bench/corpus.py [--files 2000] [--crossref-files 300]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT / "tests"))


def build_corpus(source: Path, target: Path, files: int, max_size: int) -> list[str]:
    from citecheck.discover import expand_paths

    def ignore(directory: str, names: list[str]) -> list[str]:
        return [n for n in names if os.path.isfile(os.path.join(directory, n))
                and os.path.getsize(os.path.join(directory, n)) > max_size]

    found: list[str] = []
    copy = 0
    while len(found) < files:  # whole copies: a LaTeX chapter needs its main file
        dest = target / f"copy{copy:03d}"
        shutil.copytree(source, dest, ignore=ignore)
        found.extend(expand_paths([str(dest)]))
        copy += 1
    return found


def run_one(args: list[str]) -> None:
    """In a fresh interpreter: run the CLI, then print the peak memory (MiB)."""
    from citecheck.cli import cli

    try:
        cli.main(args=args, prog_name="citecheck", standalone_mode=False)
    except SystemExit:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"peak_mib": peak}))


def timed(label: str, folder: Path, out: Path, extra: list[str]) -> dict[str, float]:
    args = ["check", str(folder), "--format", "jsonl", "-o", str(out), *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--run-one", json.dumps(args)],
                          capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU of the client and every process it waited for (pool and Dask workers):
    # on a shared machine, wall time says more about the neighbours than about us.
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "{}"
    return {"seconds": seconds, "cpu": cpu, **json.loads(last)}


def findings_by_file(out: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    files = set()
    for line in out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["type"] == "finding":
            found[record["file"]].append(json.dumps(record, sort_keys=True))
        else:
            files.add(record["path"])
    return {f: sorted(found.get(f, [])) for f in files}


def crossref_requests(paths: list[str]) -> None:
    from crossref_server import FakeCrossref, make_work

    from citecheck.api import check_paths
    from citecheck.config import Config
    from citecheck.crossref.client import CrossrefClient
    from citecheck.crossref.limiter import RateLimiter
    from citecheck.crossref.verifier import CrossrefVerifier
    from citecheck.scale.backends import LocalBackend
    from citecheck.scale.central import Central
    from citecheck.scale.run import iter_reports

    from citecheck.scale.work import prepare

    config = Config(ignore=("CC507", "CC508"))
    cited = {d for p in paths for d in prepare(p, config, False)[1].dois}

    def verifier(server: FakeCrossref) -> CrossrefVerifier:
        return CrossrefVerifier(CrossrefClient(server.url, limiter=RateLimiter(10_000, 4)))

    def serve() -> FakeCrossref:
        # Crossref knows most DOIs that papers cite; the recordings know 46.
        server = FakeCrossref()
        for doi in cited - set(server.works):
            server.add_work(make_work(doi, "A synthetic record"))
        return server

    with serve() as server:
        start = time.perf_counter()
        for path in paths:
            check_paths([path], config, {"crossref": verifier(server)})
        per_file = len(server.requests)
        per_file_time = time.perf_counter() - start
    with serve() as server:
        central = Central(verifier(server), config)
        start = time.perf_counter()
        for _ in iter_reports(paths, config, LocalBackend(1), central):
            pass
        corpus = len(server.requests)
        corpus_time = time.perf_counter() - start
    stats = central.stats
    print(f"\nCrossref over {len(paths)} files: {stats.doi_mentions} DOIs cited "
          f"(counted once per file), {stats.unique_dois} unique")
    print(f"{'verification':<28} {'requests':>9} {'per unique DOI':>15} {'seconds':>8}")
    for label, count, seconds in (("each file on its own", per_file, per_file_time),
                                  ("corpus-wide (central)", corpus, corpus_time)):
        print(f"{label:<28} {count:>9} {count / max(1, stats.unique_dois):>15.2f} {seconds:>8.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(CORPUS))
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--max-size", type=int, default=500_000)
    parser.add_argument("--crossref-files", type=int, default=300)
    parser.add_argument("--run-one", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.run_one:
        run_one(json.loads(args.run_one))
        return 0
    if not Path(args.corpus).is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="citecheck-bench-") as tmp:
        folder = Path(tmp) / "corpus"
        paths = build_corpus(Path(args.corpus), folder, args.files, args.max_size)
        size = sum(os.path.getsize(p) for p in paths)
        print(f"corpus: {len(paths)} files, {size / 1e6:.1f} MB, copied from {args.corpus}; "
              f"CPUs: {os.cpu_count()}")
        quarter = Path(tmp) / "quarter"
        quarter.mkdir()
        for copy in sorted(folder.iterdir())[: max(1, len(list(folder.iterdir())) // 4)]:
            shutil.copytree(copy, quarter / copy.name)
        runs = [
            ("sequential", folder, []),
            ("--jobs 2", folder, ["--jobs", "2"]),
            ("--executor dask, 2 workers", folder, ["--executor", "dask", "--workers", "2"]),
            ("dask, a quarter of the files", quarter, ["--executor", "dask", "--workers", "2"]),
        ]
        print(f"{'run':<30} {'files':>6} {'seconds':>8} {'files/s':>8} {'CPU s':>7} "
              f"{'CPU ms/file':>12} {'client peak MiB':>16}")
        results = {}
        for label, where, extra in runs:
            out = Path(tmp) / f"{len(results)}.jsonl"
            figures = timed(label, where, out, extra)
            found = findings_by_file(out)
            results[label] = found
            print(f"{label:<30} {len(found):>6} {figures['seconds']:>8.1f} "
                  f"{len(found) / figures['seconds']:>8.1f} {figures['cpu']:>7.1f} "
                  f"{1000 * figures['cpu'] / max(1, len(found)):>12.1f} "
                  f"{figures.get('peak_mib', 0):>16.0f}", flush=True)
        same = results["sequential"] == results["--jobs 2"] == results["--executor dask, 2 workers"]
        print(f"findings identical file for file (sequential, --jobs 2, dask): {same}")
        # The same manuscripts in 4 copies: papers of a catalogue cite common works.
        copies = sorted({Path(p).relative_to(folder).parts[0] for p in paths})[:4]
        first = [p for p in paths if Path(p).relative_to(folder).parts[0] == copies[0]]
        chosen = {Path(p).relative_to(folder / copies[0]) for p in first[: args.crossref_files // 4]}
        crossref_requests([p for p in paths if Path(p).relative_to(folder).parts[0] in copies
                           and Path(*Path(p).relative_to(folder).parts[1:]) in chosen])
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
