"""A SQLite cache of Crossref answers, shared by all runs of one user.

It lives in the user cache directory (``platformdirs``) unless
``--cache-dir`` says otherwise.  Rows are keyed by the normalised DOI (table
``works``) or by the normalised query string (table ``searches``) and hold
the status, the body and the fetch times.

Freshness (the issue's TTLs):

* metadata: 30 days (:data:`METADATA_TTL`);
* update and retraction fields: 7 days (:data:`UPDATES_TTL`).  A record
  between 7 and 30 days old is refreshed with a cheap batched query for just
  ``updated-by``/``update-to`` and the notices pointing at it;
* a DOI that was not found: 1 day (:data:`NOT_FOUND_TTL`).

Every write is one transaction, in WAL mode with a busy timeout, so that
concurrent runs and a killed process leave a consistent file.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


DAY = 86400.0
METADATA_TTL = 30 * DAY
UPDATES_TTL = 7 * DAY
NOT_FOUND_TTL = 1 * DAY
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS works (
    doi TEXT PRIMARY KEY,
    status TEXT NOT NULL,          -- found | not-found | elsewhere
    body TEXT,                     -- the work JSON (found) or the agency id (elsewhere)
    notices TEXT,                  -- JSON list of notices pointing at the work
    fetched REAL NOT NULL,         -- when the metadata was fetched
    updates_fetched REAL NOT NULL  -- when the update fields were last refreshed
);
CREATE TABLE IF NOT EXISTS searches (
    query TEXT PRIMARY KEY,
    body TEXT NOT NULL,            -- JSON list of hits
    fetched REAL NOT NULL
);
"""


def default_cache_dir() -> Path:
    import platformdirs  # here, not at import: only a --crossref run needs the cache

    return Path(platformdirs.user_cache_dir("citecheck", appauthor=False))


@dataclass(frozen=True)
class CachedWork:
    doi: str
    status: str
    body: Any  # dict for found, agency id for elsewhere, None for not-found
    notices: list[dict[str, Any]]
    fetched: float
    updates_fetched: float

    def freshness(self, now: float) -> str:
        """``"fresh"``, ``"updates"`` (only the update fields are stale) or ``"stale"``."""
        age = now - self.fetched
        if self.status == "not-found":
            return "fresh" if age < NOT_FOUND_TTL else "stale"
        if age >= METADATA_TTL:
            return "stale"
        if self.status == "found" and now - self.updates_fetched >= UPDATES_TTL:
            return "updates"
        return "fresh"


class Cache:
    """The cache file.  Thread-safe: one connection guarded by a lock."""

    def __init__(self, directory: Path | str | None = None) -> None:
        self.directory = Path(directory) if directory else default_cache_dir()
        self.directory.mkdir(parents=True, exist_ok=True)
        self.path = self.directory / f"crossref-v{SCHEMA_VERSION}.sqlite3"
        self._lock = threading.Lock()
        import sqlite3

        self._db = sqlite3.connect(self.path, timeout=30, check_same_thread=False,
                                   isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA busy_timeout=30000")
        with self._lock:
            self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def get_works(self, dois: Iterable[str]) -> dict[str, CachedWork]:
        out: dict[str, CachedWork] = {}
        dois = list(dois)
        with self._lock:
            for start in range(0, len(dois), 500):
                chunk = dois[start:start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT doi, status, body, notices, fetched, updates_fetched "
                    f"FROM works WHERE doi IN ({marks})", chunk).fetchall()
                for doi, status, body, notices, fetched, updates_fetched in rows:
                    try:
                        decoded = json.loads(body) if body is not None else None
                        notice_list = json.loads(notices) if notices else []
                    except ValueError:
                        continue  # a damaged row is a miss
                    out[doi] = CachedWork(doi, status, decoded, notice_list, fetched, updates_fetched)
        return out

    def put_works(self, entries: Iterable[CachedWork]) -> None:
        rows = [(e.doi, e.status, None if e.body is None else json.dumps(e.body),
                 json.dumps(e.notices), e.fetched, e.updates_fetched) for e in entries]
        self._write("INSERT OR REPLACE INTO works VALUES (?, ?, ?, ?, ?, ?)", rows)

    def _write(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        """Write all ``rows`` in one transaction: all or nothing, even if killed."""
        if not rows:
            return
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(sql, rows)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def get_search(self, query: str, now: float | None = None, any_age: bool = False
                   ) -> list[dict[str, Any]] | None:
        now = time.time() if now is None else now
        with self._lock:
            row = self._db.execute("SELECT body, fetched FROM searches WHERE query = ?",
                                   (query,)).fetchone()
        if row is None or (not any_age and now - row[1] >= METADATA_TTL):
            return None
        try:
            hits = json.loads(row[0])
        except ValueError:
            return None
        return hits if isinstance(hits, list) else None

    def put_search(self, query: str, hits: list[dict[str, Any]], now: float | None = None) -> None:
        now = time.time() if now is None else now
        self._write("INSERT OR REPLACE INTO searches VALUES (?, ?, ?)", [(query, json.dumps(hits), now)])
