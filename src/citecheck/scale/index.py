"""A local index of a Crossref snapshot, and a client that answers from it.

``citecheck crossref-index build SNAPSHOT_DIR -o crossref.duckdb`` reads
Crossref's public data file (a folder of gzipped JSON files, each
``{"items": [...]}`` with records as the REST API returns them; ``.json``,
and ``.jsonl(.gz)`` with one record a line, are read too) and writes a DuckDB
file with what the rules need:

* ``works``: one row per DOI (the most recently indexed record when a DOI
  appears twice): ``doi``, ``type``, ``title``, ``authors`` (JSON), ``year``,
  ``container``, ``volume``, ``issue``, ``page``, ``updated_by``,
  ``update_to`` and ``relation`` (JSON), and ``body``, the record cut to the
  fields citecheck fetches online (:data:`~citecheck.crossref.client.WORK_SELECT`);
* ``updates``: one row per ``update-to`` entry (notice DOI -> the DOI it
  updates), the offline ``filter=updates:`` that finds retraction and
  correction notices;
* ``meta``: when it was built, from what, and the newest record's date.

The build streams: one snapshot file is decoded at a time, its rows go to a
temporary JSON Lines file that DuckDB loads, and DuckDB works under a memory
limit, spilling to disk.  The table is sorted by DOI at the end, so a lookup
reads only the row groups whose DOI range holds it.

:class:`IndexClient` has the methods of
:class:`~citecheck.crossref.client.CrossrefClient`, so the verifier, the
rules and their findings are the same online and offline.  The index cannot
do Crossref's relevance search; a DOI that the snapshot lacks is unverified
(it may be newer than the snapshot, or registered with another agency).  With
an ``online`` client too, both go to the API.

DuckDB is imported here only: it comes with the ``scale`` extra.
"""

from __future__ import annotations

import datetime
import gzip
import json
import os
import tempfile
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from citecheck.crossref.client import NOTICE_SELECT, WORK_SELECT, CrossrefClient, Reply
from citecheck.crossref.limiter import FailureBudget
from citecheck.crossref.records import _date, clean
from citecheck.errors import ConfigError

SNAPSHOT_SUFFIXES = (".json.gz", ".json", ".jsonl.gz", ".jsonl")
INDEX_VERSION = 2
#: DuckDB's memory while building; beyond it, DuckDB spills to disk.
BUILD_MEMORY = "1GB"

_COLUMNS = {
    "doi": "VARCHAR", "type": "VARCHAR", "title": "VARCHAR", "authors": "JSON",
    "year": "INTEGER", "container": "VARCHAR", "volume": "VARCHAR", "issue": "VARCHAR",
    "page": "VARCHAR", "updated_by": "JSON", "update_to": "JSON", "relation": "JSON",
    "indexed": "VARCHAR", "seq": "BIGINT", "body": "JSON",
}


def duckdb_module() -> Any:
    """The duckdb module, or a one-line error saying how to install it."""
    try:
        import duckdb
    except ImportError as error:
        raise ConfigError("the Crossref index needs DuckDB: "
                          "pip install 'citecheck-integrity[scale]'") from error
    return duckdb


# -- reading a snapshot -------------------------------------------------------

def snapshot_files(directory: str | os.PathLike[str]) -> list[Path]:
    """The snapshot's data files, in name order."""
    root = Path(directory)
    if not root.is_dir():
        raise ConfigError(f"{root} is not a directory of Crossref snapshot files")
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.name.endswith(SNAPSHOT_SUFFIXES))
    if not files:
        raise ConfigError(f"{root} holds no snapshot files ({', '.join(SNAPSHOT_SUFFIXES)})")
    return files


def read_items(path: Path) -> Iterator[dict[str, Any]]:
    """The records of one snapshot file."""
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            if ".jsonl" in path.name:
                for line in handle:
                    if line.strip():
                        yield json.loads(line)
                return
            data = json.load(handle)
    except (OSError, ValueError, EOFError) as error:
        raise ConfigError(f"cannot read the snapshot file {path}: {error}") from error
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ConfigError(f"{path} is not a Crossref snapshot file (no \"items\" list)")
    yield from (item for item in items if isinstance(item, dict))


def row(item: dict[str, Any], seq: int) -> dict[str, Any] | None:
    """The index row of one record, or None for a record without a DOI."""
    doi = str(item.get("DOI") or "").strip().lower()
    if not doi:
        return None
    body = {k: v for k, v in item.items() if k in WORK_SELECT}
    issued = _date(item.get("issued")) or _date(item.get("published"))
    title = item.get("title") or []
    container = item.get("container-title") or []
    indexed = (item.get("indexed") or item.get("deposited") or {}).get("date-time")
    return {
        "doi": doi, "type": item.get("type"), "title": clean(title[0]) if title else None,
        # Nested values stay objects: the row is serialised once, DuckDB keeps their JSON.
        "authors": item.get("author") or [],
        "year": int(issued[:4]) if issued else None,
        "container": clean(container[0]) if container else None,
        "volume": item.get("volume"), "issue": item.get("issue"), "page": item.get("page"),
        "updated_by": item.get("updated-by") or [],
        "update_to": item.get("update-to") or [],
        "relation": item.get("relation") or {},
        "indexed": indexed, "seq": seq, "body": body,
    }


# -- building -----------------------------------------------------------------

@dataclass(frozen=True)
class BuildResult:
    records: int  # rows in the index (one per DOI)
    read: int  # records read (a DOI can appear more than once)
    files: int
    newest: str | None


def build_index(snapshot_dir: str | os.PathLike[str], output: str | os.PathLike[str],
                memory: str = BUILD_MEMORY, update: bool = False) -> BuildResult:
    """Build (or with ``update``, refresh) the index at ``output`` from a snapshot.

    With ``update``, the records of ``snapshot_dir`` (a newer full snapshot or
    just the works changed since) replace those of the same DOIs.
    """
    duckdb = duckdb_module()
    files = snapshot_files(snapshot_dir)
    out = Path(output)
    if out.exists() and not update:
        raise ConfigError(f"{out} exists; remove it, or use --update to refresh it")
    if update and not out.exists():
        raise ConfigError(f"--update: {out} does not exist yet")
    con = duckdb.connect(str(out))
    try:
        con.execute(f"SET memory_limit = '{memory}'")
        columns = ", ".join(f"{name} {kind}" for name, kind in _COLUMNS.items())
        con.execute(f"CREATE TEMP TABLE staging ({columns})")
        seq = 0
        if update:
            _check_version(con, out)
            seq = int(con.execute("SELECT coalesce(max(seq), 0) FROM works").fetchone()[0])
            con.execute("INSERT INTO staging SELECT * FROM works")
        read = 0
        with tempfile.TemporaryDirectory(prefix="citecheck-index-") as tmp:
            rows_path = os.path.join(tmp, "rows.jsonl")
            spec = "{" + ", ".join(f"'{n}': '{k}'" for n, k in _COLUMNS.items()) + "}"
            for path in files:
                count = 0
                with open(rows_path, "w", encoding="utf-8") as rows:
                    for item in read_items(path):
                        seq += 1
                        record = row(item, seq)
                        if record is not None:
                            rows.write(json.dumps(record, ensure_ascii=False) + "\n")
                            count += 1
                read += count
                if count:
                    con.execute(f"INSERT INTO staging SELECT * FROM read_json(?, format='newline_delimited', "
                                f"columns={spec})", [rows_path])
        # One row per DOI, the most recently indexed (then the last read), sorted
        # by DOI so that lookups skip the row groups that cannot hold a DOI.
        con.execute("DROP TABLE IF EXISTS works")
        con.execute("CREATE TABLE works AS SELECT * FROM staging "
                    "QUALIFY row_number() OVER (PARTITION BY doi ORDER BY indexed DESC NULLS LAST, "
                    "seq DESC) = 1 ORDER BY doi")
        con.execute("DROP TABLE staging")
        con.execute("DROP TABLE IF EXISTS updates")
        con.execute("CREATE TABLE updates AS SELECT DISTINCT lower(json_extract_string(u.value, '$.DOI')) "
                    "AS target, doi AS notice FROM works, json_each(works.update_to) AS u "
                    "WHERE json_extract_string(u.value, '$.DOI') IS NOT NULL ORDER BY target")
        # ART indexes for point look-ups: a batch of 60 DOIs in 1M rows takes
        # 55 ms with them, 400 ms scanning the sorted table (measured under load).
        con.execute("CREATE INDEX works_doi ON works (doi)")
        con.execute("CREATE INDEX updates_target ON updates (target)")
        records, newest = con.execute("SELECT count(*), max(indexed) FROM works").fetchone()
        built = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        con.execute("CREATE OR REPLACE TABLE meta (key VARCHAR, value VARCHAR)")
        con.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("version", str(INDEX_VERSION)), ("built", built),
            ("source", os.path.abspath(snapshot_dir)), ("records", str(records)),
            ("newest", newest or ""),
        ])
    except duckdb.Error as error:
        raise ConfigError(f"cannot build the Crossref index {out}: {error}") from error
    finally:
        con.close()
    return BuildResult(int(records), read, len(files), newest)


def _check_version(con: Any, path: Path) -> None:
    try:
        version = con.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except Exception as error:  # noqa: BLE001 - any DuckDB error means "not our index"
        raise ConfigError(f"{path} is not a citecheck Crossref index") from error
    if version is None or version[0] != str(INDEX_VERSION):
        raise ConfigError(f"{path} is a citecheck Crossref index of another version; rebuild it")


# -- answering ----------------------------------------------------------------

def _marks(values: Sequence[Any]) -> str:
    """``?, ?, ?``: an IN list of parameters, which DuckDB answers from the ART index."""
    return ", ".join("?" * len(values))


@dataclass(frozen=True)
class IndexInfo:
    path: str
    records: int
    newest: str | None  # the newest record's "indexed" time
    built: str

    def describe(self) -> str:
        newest = f"newest record indexed {self.newest[:10]}" if self.newest else "no record dates"
        return (f"Crossref index {self.path}: {self.records} records, {newest}, built "
                f"{self.built[:10]}; works registered or updated since are not in it")


class _Limits:
    """What the verifier reads from a client's limiter."""

    def __init__(self, concurrency: int) -> None:
        self.concurrency = concurrency


class IndexClient:
    """The :class:`~citecheck.crossref.client.CrossrefClient` routes, answered
    from an index; with ``online``, what the index cannot answer goes to it."""

    def __init__(self, path: str | os.PathLike[str], online: CrossrefClient | None = None) -> None:
        duckdb = duckdb_module()
        self.path = os.fspath(path)
        if not os.path.isfile(self.path):
            raise ConfigError(f"the Crossref index {self.path} does not exist "
                              "(build it with: citecheck crossref-index build SNAPSHOT_DIR -o FILE)")
        try:
            self._db = duckdb.connect(self.path, read_only=True)
            _check_version(self._db, Path(self.path))
            meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        except duckdb.Error as error:
            raise ConfigError(f"cannot open the Crossref index {self.path}: {error}") from error
        self.info = IndexInfo(self.path, int(meta.get("records", 0)), meta.get("newest") or None,
                              meta.get("built", ""))
        self.online = online
        self.base_url = online.base_url if online else f"the index {self.path}"
        self.limiter = online.limiter if online else _Limits(1)
        self.budget = online.budget if online else FailureBudget()
        self.lookups = 0
        #: Answers cost no request: a corpus-wide run need not keep them in memory.
        self.local = True
        self._lock = threading.Lock()  # one DuckDB connection, used by one thread at a time

    @property
    def requests(self) -> int:
        """Requests sent to the API (index lookups are not requests)."""
        return self.online.requests if self.online else 0

    def close(self) -> None:
        self._db.close()
        if self.online is not None:
            self.online.close()

    def _rows(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        with self._lock:
            self.lookups += 1
            return list(self._db.execute(sql, list(params)).fetchall())

    def _bodies(self, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        return [json.loads(r[0]) for r in self._rows(sql, params)]  # JSON columns come as text

    def works_by_doi(self, dois: Sequence[str], select: Sequence[str] = WORK_SELECT) -> Reply:
        wanted = [d.lower() for d in dois]
        if not wanted:
            return Reply(200, [])
        bodies = self._bodies(f"SELECT body FROM works WHERE doi IN ({_marks(wanted)})", wanted)
        return Reply(200, [{k: v for k, v in b.items() if k in select} for b in bodies])

    def notices_for(self, dois: Sequence[str], rows: int = 1000) -> Reply:
        wanted = [d.lower() for d in dois]
        if not wanted:
            return Reply(200, [])
        notices = [r[0] for r in self._rows(
            f"SELECT DISTINCT notice FROM updates WHERE target IN ({_marks(wanted)})", wanted)]
        bodies = self._bodies(f"SELECT body FROM works WHERE doi IN ({_marks(notices)})",
                              notices) if notices else []
        return Reply(200, [{k: v for k, v in b.items() if k in NOTICE_SELECT} for b in bodies[:rows]])

    def work(self, doi: str) -> Reply:
        bodies = self._bodies("SELECT body FROM works WHERE doi = ?", [doi.lower()])
        if bodies:
            return Reply(200, bodies[0])
        if self.online is not None:  # an alias, or newer than the snapshot
            return self.online.work(doi)
        return Reply(404)

    def agency(self, doi: str) -> Reply:
        if self.online is not None:
            return self.online.agency(doi)
        when = f" of {self.info.newest[:10]}" if self.info.newest else ""
        return Reply(0, error=f"not in the Crossref snapshot{when}; newer, or registered with "
                     "another agency (add --crossref to ask Crossref)")

    def search(self, query: str, rows: int = 5) -> Reply:
        if self.online is not None:
            return self.online.search(query, rows)
        return Reply(0, error="a snapshot index cannot search")
