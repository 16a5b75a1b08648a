"""The SQLite cache: TTLs, zero requests when warm, offline, refresh, safety."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

from crossref_server import FakeCrossref
from crossref_support import client_for, server_fixture  # noqa: F401 (fixture)

from citecheck.crossref.cache import DAY, Cache, CachedWork
from citecheck.crossref.verifier import CrossrefVerifier, DoiStatus

DOIS = ["10.1038/srep16696", "10.1002/jor.1100150407", "10.1371/notarealdoi",
        "10.26434/chemrxiv.5406907"]


def verify(server: FakeCrossref, cache_dir: Path, now: float, **kwargs: object) -> CrossrefVerifier:
    verifier = CrossrefVerifier(client_for(server), Cache(cache_dir), clock=lambda: now, **kwargs)  # type: ignore[arg-type]
    verifier.prefetch_dois(DOIS)
    return verifier


def statuses(verifier: CrossrefVerifier) -> list[DoiStatus]:
    return [verifier.check(d).status for d in DOIS]


def test_second_run_sends_nothing(server: FakeCrossref, tmp_path: Path) -> None:
    first = verify(server, tmp_path, 1000.0)
    assert first.requests > 0
    sent = len(server.requests)
    second = verify(server, tmp_path, 1000.0 + 3600)
    assert second.requests == 0 and len(server.requests) == sent
    assert statuses(second) == statuses(first) == [
        DoiStatus.FOUND, DoiStatus.FOUND, DoiStatus.NOT_FOUND, DoiStatus.FOUND]
    assert second.check("10.26434/chemrxiv.5406907").work.doi == "10.26434/chemrxiv.5406907.v5"  # type: ignore[union-attr]


def test_not_found_expires_after_a_day(server: FakeCrossref, tmp_path: Path) -> None:
    verify(server, tmp_path, 0.0)
    server.requests.clear()
    verify(server, tmp_path, 1.5 * DAY)
    assert set(server.paths()) == {"/works/10.1371/notarealdoi", "/works/10.1371/notarealdoi/agency"}


def test_update_fields_are_refreshed_after_a_week(server: FakeCrossref, tmp_path: Path) -> None:
    verify(server, tmp_path, 0.0)
    server.requests.clear()
    server.works["10.1038/srep16696"]["updated-by"] = [
        {"DOI": "10.1038/srep99999", "type": "retraction", "label": "Retraction",
         "source": "publisher", "updated": {"date-parts": [[2026, 1, 5]]}}]
    again = verify(server, tmp_path, 8 * DAY)
    # The two found works are refreshed by one batched query for just their
    # update fields (and one for notices); they are not fetched again.
    batches = [r for r in server.requests if "doi:10.1038/srep16696" in r.query.get("filter", [""])[0]]
    assert [b.query["select"] for b in batches] == [["DOI,updated-by,update-to"]]
    assert "/works/10.1038/srep16696" not in server.paths()
    work = again.check("10.1038/srep16696").work
    assert work is not None and [u.kind for u in work.updates_received()] == ["retraction"]
    assert work.title.startswith("Single-molecule FRET")  # metadata kept from the cache


def test_metadata_expires_after_thirty_days(server: FakeCrossref, tmp_path: Path) -> None:
    verify(server, tmp_path, 0.0)
    server.requests.clear()
    verify(server, tmp_path, 31 * DAY)
    assert any(r.query.get("select", [""])[0].startswith("DOI,type,title") for r in server.requests)


def test_offline_uses_only_the_cache(server: FakeCrossref, tmp_path: Path) -> None:
    verify(server, tmp_path, 0.0)
    server.requests.clear()
    offline = CrossrefVerifier(None, Cache(tmp_path), offline=True, clock=lambda: 90 * DAY)
    offline.prefetch_dois(DOIS + ["10.1371/journal.pone.0020476"])
    assert server.requests == []
    # Expired entries are still used offline; what was never fetched is unverified.
    assert statuses(offline)[:2] == [DoiStatus.FOUND, DoiStatus.FOUND]
    assert offline.check("10.1371/journal.pone.0020476").status is DoiStatus.UNVERIFIED


def test_refresh_ignores_the_cache(server: FakeCrossref, tmp_path: Path) -> None:
    verify(server, tmp_path, 0.0)
    server.requests.clear()
    refreshed = verify(server, tmp_path, 10.0, refresh=True)
    assert refreshed.requests > 0


def test_damaged_rows_are_misses(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put_works([CachedWork("10.1/a", "found", {"DOI": "10.1/a"}, [], 0.0, 0.0)])
    with sqlite3.connect(cache.path) as db:
        db.execute("UPDATE works SET body = '{not json' WHERE doi = '10.1/a'")
    assert cache.get_works(["10.1/a"]) == {}


def _writer(directory: str, worker: int) -> None:
    cache = Cache(directory)
    for n in range(50):
        cache.put_works([CachedWork(f"10.{worker}/{n}", "not-found", None, [], float(n), float(n))])
        cache.put_search(f"q{worker}-{n}", [], float(n))
    cache.close()


def test_concurrent_runs_share_the_file(tmp_path: Path) -> None:
    procs = [multiprocessing.get_context("spawn").Process(target=_writer, args=(str(tmp_path), w))
             for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    cache = Cache(tmp_path)
    got = cache.get_works(f"10.{w}/{n}" for w in range(4) for n in range(50))
    assert len(got) == 200


def test_cache_keeps_only_the_selected_fields(server: FakeCrossref, tmp_path: Path) -> None:
    server.works["10.1038/srep16696"]["reference"] = [{"key": f"r{n}"} for n in range(500)]
    server.aliases["10.1038/srep16696.alias"] = "/works/10.1038/srep16696"
    verifier = CrossrefVerifier(client_for(server), Cache(tmp_path))
    verifier.prefetch_dois(["10.1038/srep16696.alias"])
    body = Cache(tmp_path).get_works(["10.1038/srep16696.alias"])["10.1038/srep16696.alias"].body
    assert "reference" not in body and body["title"]


_KILLED_WRITER = """
import sys, itertools
sys.path.insert(0, {src!r})
from citecheck.crossref.cache import Cache, CachedWork
cache = Cache({directory!r})
print("ready", flush=True)
for n in itertools.count():
    cache.put_works([CachedWork(f"10.9/{{n}}.{{i}}", "found", {{"DOI": f"10.9/{{n}}", "title": ["t" * 2000]}},
                                [], 1.0, 1.0) for i in range(20)])
"""


def test_a_killed_run_leaves_a_usable_cache(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    src = str(Path(__file__).resolve().parents[1] / "src")
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER.format(src=src, directory=str(tmp_path))],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    time.sleep(0.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    cache = Cache(tmp_path)
    with sqlite3.connect(cache.path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        total = db.execute("SELECT count(*) FROM works").fetchone()[0]
    # Whole batches only: every transaction wrote 20 rows or none.
    assert total > 0 and total % 20 == 0, total
    cache.put_works([CachedWork("10.1/after", "not-found", None, [], 1.0, 1.0)])
    assert "10.1/after" in cache.get_works(["10.1/after"])
