"""Write tests/data/crossref-snapshot: the recorded Crossref responses of
../shared/crossref as a small snapshot in the format of Crossref's public data
file (gzipped JSON files of ``{"items": [...]}``, records as the REST API
returns them).

Run from the repository root: ``python tests/make_crossref_snapshot.py``.
Records keep every field except ``reference`` (most of a record's size, and
citecheck does not read it).  The records are split over two files, and the
second repeats one record with an older ``indexed`` date, as a real snapshot
(or an update appended to it) can: the index must keep the newer.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from crossref_server import SHARED, load_recorded  # noqa: E402

OUT = Path(__file__).parent / "data" / "crossref-snapshot"


def write(name: str, items: list[dict[str, object]]) -> None:
    data = json.dumps({"items": items}, ensure_ascii=False, sort_keys=True).encode()
    with open(OUT / name, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write(data)


def main() -> None:
    if not SHARED.is_dir():
        sys.exit(f"the recorded responses are not at {SHARED}")
    works = [{k: v for k, v in w.items() if k != "reference"} for w in load_recorded().values()]
    half = len(works) // 2
    stale = dict(works[0], title=["An older deposit of this record"],
                 indexed={"date-time": "2001-01-01T00:00:00Z", "date-parts": [[2001, 1, 1]]})
    OUT.mkdir(parents=True, exist_ok=True)
    write("0.json.gz", works[:half])
    write("1.json.gz", [*works[half:], stale])


if __name__ == "__main__":
    main()
