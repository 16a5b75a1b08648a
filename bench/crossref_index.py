"""The Crossref snapshot index: build time and memory, and lookup speed.

Writes a synthetic snapshot of ``--records`` works in Crossref's public data
file format (gzipped ``{"items": [...]}`` files of ``--per-file`` records,
shaped like the recorded responses in tests/data/crossref-snapshot, one in
``--notice-every`` a retraction notice pointing at another work), builds the
index in a fresh interpreter (to measure its peak memory), then verifies
``--lookups`` DOIs through the verifier, as ``--crossref-index`` does.

    python bench/crossref_index.py [--records 200000] [--lookups 20000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SNAPSHOT = Path(__file__).resolve().parents[1] / "tests" / "data" / "crossref-snapshot"


def template() -> dict[str, object]:
    with gzip.open(SNAPSHOT / "0.json.gz", "rt", encoding="utf-8") as handle:
        items = json.load(handle)["items"]
    return next(i for i in items if i.get("DOI", "").lower() == "10.1371/journal.pone.0033693")


def write_snapshot(folder: Path, records: int, per_file: int, notice_every: int) -> None:
    base = template()
    for start in range(0, records, per_file):
        items = []
        for n in range(start, min(records, start + per_file)):
            item = dict(base, DOI=f"10.5555/bench.{n}", title=[f"Synthetic work number {n}"])
            if n % notice_every == 0 and n:
                item["update-to"] = [{"DOI": f"10.5555/bench.{n - 1}", "type": "retraction",
                                      "label": "Retraction"}]
            items.append(item)
        with gzip.open(folder / f"{start // per_file:05d}.json.gz", "wt", encoding="utf-8") as handle:
            json.dump({"items": items}, handle)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--per-file", type=int, default=5000)
    parser.add_argument("--notice-every", type=int, default=100)
    parser.add_argument("--lookups", type=int, default=20_000)
    parser.add_argument("--build-only", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build_only:
        from citecheck.scale.index import build_index

        build_index(*args.build_only)
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        return 0
    with tempfile.TemporaryDirectory(prefix="citecheck-index-bench-") as tmp:
        folder = Path(tmp) / "snapshot"
        folder.mkdir()
        write_snapshot(folder, args.records, args.per_file, args.notice_every)
        size = sum(p.stat().st_size for p in folder.iterdir())
        out = Path(tmp) / "crossref.duckdb"
        start = time.perf_counter()
        done = subprocess.run([sys.executable, __file__, "--build-only", str(folder), str(out)],
                              capture_output=True, text=True, check=True)
        seconds = time.perf_counter() - start
        print(f"snapshot: {args.records} records in {len(list(folder.iterdir()))} files, "
              f"{size / 1e6:.1f} MB gzipped")
        print(f"build: {seconds:.1f} s ({args.records / seconds:,.0f} records/s), "
              f"peak memory {float(done.stdout.strip()):.0f} MiB, index {out.stat().st_size / 1e6:.1f} MB")

        from citecheck.crossref import CrossrefSettings, open_verifier

        dois = [f"10.5555/bench.{(n * 7919) % args.records}" for n in range(args.lookups)]
        with open_verifier(CrossrefSettings(index=str(out))) as verifier:
            start = time.perf_counter()
            verifier.prefetch_dois(dois)
            seconds = time.perf_counter() - start
            retracted = sum(1 for d in set(dois) if verifier.check(d).work and
                            verifier.check(d).work.received(frozenset({"retraction"})))  # type: ignore[union-attr]
        print(f"lookups: {len(set(dois))} DOIs verified in {seconds:.1f} s "
              f"({len(set(dois)) / seconds:,.0f} DOIs/s, notices included); {retracted} retracted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
