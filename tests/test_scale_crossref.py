"""Crossref at corpus scale: looked up once per DOI for the whole corpus,
centrally, and answered offline from a snapshot index with the same findings."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from crossref_server import FakeCrossref
from crossref_support import client_for, server_fixture  # noqa: F401 (fixture)
from test_crossref_cli import MANUSCRIPT

from citecheck.api import check_paths
from citecheck.cli import cli
from citecheck.config import Config
from citecheck.crossref.verifier import CrossrefVerifier
from citecheck.scale.backends import DaskBackend, LocalBackend
from citecheck.scale.central import Central
from citecheck.scale.run import iter_reports
from tests.scale_support import report_by_file

pytest.importorskip("duckdb", reason="the scale extra (DuckDB) is not installed")

#: References whose works are all in the recorded responses (and so in the
#: snapshot): a correction, a retraction notice, an erratum notice, a
#: mismatched title, and a plain article.
SNAPSHOT_MANUSCRIPT = "\n".join(
    line for n, line in enumerate(MANUSCRIPT.splitlines()) if not line.startswith(("5.", "6.", "7."))
) + "\n"
CONFIG = Config(ignore=("CC508",))


@pytest.fixture
def corpus(tmp_path: Path) -> list[str]:
    """Ten papers citing the same works, two of them unreadable or without DOIs."""
    paths = []
    for n in range(8):
        path = tmp_path / f"paper{n}.txt"
        path.write_text(MANUSCRIPT, encoding="utf-8")
        paths.append(str(path))
    (tmp_path / "nodoi.txt").write_text("A claim [1].\n\nReferences\n1. Smith J. A title of "
                                        "some length here. J Examples. 2020;1:1-2.\n", encoding="utf-8")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x00")
    return sorted([*paths, str(tmp_path / "nodoi.txt"), str(tmp_path / "broken.txt")])


def central_run(server: FakeCrossref, paths: list[str], backend: LocalBackend | DaskBackend,
                window: int = 4) -> tuple[dict[str, list[tuple]], int, Central]:  # type: ignore[type-arg]
    central = Central(CrossrefVerifier(client_for(server)), CONFIG)
    reports = list(iter_reports(paths, CONFIG, backend, central, window))
    return report_by_file(reports), sum(r.unverified for r in reports), central


def test_central_lookups_once_per_doi_same_findings(server: FakeCrossref, corpus: list[str]) -> None:
    per_file = {}
    per_file_requests = 0
    for path in corpus:  # the old way: each file verified on its own (no cache)
        before = len(server.requests)
        per_file.update(report_by_file([check_paths([path], CONFIG, {"crossref": CrossrefVerifier(
            client_for(server))})]))
        per_file_requests += len(server.requests) - before
    sequential = check_paths(corpus, CONFIG, {"crossref": CrossrefVerifier(client_for(server))})

    before = len(server.requests)
    found, unverified, central = central_run(server, corpus, LocalBackend(1))
    central_requests = len(server.requests) - before
    assert found == per_file
    assert unverified == sequential.unverified
    # 8 papers x 8 DOIs, 8 unique: the windows of 4 files share what is known.
    assert central.stats.doi_mentions == 64 and central.stats.unique_dois == 8
    assert central.requests == central_requests
    assert central_requests * 4 <= per_file_requests
    paper = next(p for p in corpus if p.endswith("paper0.txt"))
    assert {code for code, *_ in found[paper]} >= {"CC501", "CC502", "CC505", "CC506"}


def test_central_with_worker_processes(server: FakeCrossref, corpus: list[str]) -> None:
    backend = LocalBackend(2)
    try:
        found, _, _ = central_run(server, corpus, backend, window=100)
    finally:
        backend.close()
    expected, _, _ = central_run(server, corpus, LocalBackend(1))
    assert found == expected


def test_central_on_dask(server: FakeCrossref, corpus: list[str]) -> None:
    pytest.importorskip("dask.distributed")
    backend = DaskBackend(workers=2, processes=False)
    try:
        found, unverified, central = central_run(server, corpus, backend)
    finally:
        backend.close()
    expected, expected_unverified, _ = central_run(server, corpus, LocalBackend(1))
    assert found == expected and unverified == expected_unverified
    assert central.stats.unique_dois == 8


def test_no_lookups_when_no_online_rule_runs(server: FakeCrossref, corpus: list[str]) -> None:
    config = Config(select=("CC1",))
    central = Central(CrossrefVerifier(client_for(server)), config)
    reports = list(iter_reports(corpus, config, LocalBackend(1), central))
    assert not server.requests and not any(r.unverified for r in reports)


# -- the snapshot index -------------------------------------------------------

SNAPSHOT = Path(__file__).parent / "data" / "crossref-snapshot"


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    out = tmp_path_factory.mktemp("index") / "crossref.duckdb"
    result = CliRunner().invoke(cli, ["crossref-index", "build", str(SNAPSHOT), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "indexed 46 works (47 records in 2 file(s)); newest record indexed 2026-06-15" in result.output
    yield out


def check_json(*args: str, env: dict[str, str] | None = None) -> tuple[int, dict, str]:  # type: ignore[type-arg]
    result = CliRunner().invoke(cli, ["check", *args, "--format", "json"],
                                env={"CITECHECK_MAILTO": "", **(env or {})})
    return result.exit_code, json.loads(result.stdout) if result.stdout else {}, result.stderr


def test_index_keeps_the_newest_record_of_a_doi(index: Path) -> None:
    from citecheck.scale.index import IndexClient

    client = IndexClient(index)
    try:
        (body,) = client.works_by_doi(["10.1016/J.COMBUSTFLAME.2021.02.017"]).body
        assert body["title"] != ["An older deposit of this record"]
        assert client.work("10.1/absent").status == 404
        assert client.requests == 0
    finally:
        client.close()


def test_offline_findings_from_the_index(index: Path, tmp_path: Path) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_text(MANUSCRIPT, encoding="utf-8")
    code, report, stderr = check_json(str(paper), "--crossref-index", str(index))
    assert "46 records, newest record indexed 2026-06-15" in stderr
    found = sorted((f["code"], f["references"][0]) for f in report["findings"]
                   if f["code"].startswith("CC5"))
    # 5 (not registered), 6 (an alias) and 7 are not in the snapshot: unverified, not "not found".
    assert found == [("CC502", "8"), ("CC505", "1"), ("CC505", "4"), ("CC506", "3")]
    assert report["summary"]["unverified"] == 3
    assert "not in the Crossref snapshot of 2026-06-15" in stderr
    assert code == 1


def test_online_and_offline_give_the_same_findings(server: FakeCrossref, index: Path,
                                                   tmp_path: Path) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_text(SNAPSHOT_MANUSCRIPT, encoding="utf-8")
    _, online, _ = check_json(str(paper), "--crossref", "--crossref-url", server.url,
                              "--cache-dir", str(tmp_path / "cache"))
    code, offline, _ = check_json(str(paper), "--crossref-index", str(index))
    assert offline["findings"] == online["findings"]
    assert {f["code"] for f in offline["findings"]} >= {"CC502", "CC505", "CC506"}
    assert "unverified" not in offline["summary"] and code == 1


def test_index_with_crossref_asks_online_what_the_snapshot_lacks(server: FakeCrossref, index: Path,
                                                                 tmp_path: Path) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_text(MANUSCRIPT, encoding="utf-8")
    _, report, _ = check_json(str(paper), "--crossref-index", str(index), "--crossref",
                              "--crossref-url", server.url, "--ignore", "CC508")
    found = {(f["code"], f["references"][0]) for f in report["findings"]}
    assert ("CC501", "5") in found  # 404 and no agency, asked online
    asked = [r.path for r in server.requests]
    assert "/works/10.1371/notarealdoi" in asked
    assert not any(r.query.get("filter", [""])[0].startswith("doi:10.1371/journal.pone.0033693")
                   for r in server.requests)  # in the snapshot: not asked


def test_index_with_streamed_jsonl(index: Path, tmp_path: Path) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_text(SNAPSHOT_MANUSCRIPT, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["check", str(paper), "--crossref-index", str(index),
                                      "--format", "jsonl", "-o", str(out)])
    _, offline, _ = check_json(str(paper), "--crossref-index", str(index))
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    streamed = [{k: v for k, v in r.items() if k not in ("type", "file")} for r in lines
                if r["type"] == "finding"]
    assert sorted(streamed, key=json.dumps) == sorted(offline["findings"], key=json.dumps)
    assert result.exit_code == 1


@pytest.mark.parametrize("setup, message", [
    ("missing", "is not a directory of Crossref snapshot files"),
    ("empty", "holds no snapshot files"),
    ("garbage", "cannot read the snapshot file"),
    ("noitems", "is not a Crossref snapshot file"),
    ("exists", "exists; remove it, or use --update"),
])
def test_build_errors_are_one_line(tmp_path: Path, setup: str, message: str) -> None:
    snap = tmp_path / "snap"
    if setup != "missing":
        snap.mkdir()
    if setup == "garbage":
        (snap / "0.json.gz").write_bytes(b"not gzip")
    if setup == "noitems":
        (snap / "0.json").write_text('{"message": {}}', encoding="utf-8")
    out = tmp_path / "x.duckdb"
    if setup == "exists":
        (snap / "0.json").write_text('{"items": []}', encoding="utf-8")
        out.write_bytes(b"")
    result = CliRunner().invoke(cli, ["crossref-index", "build", str(snap), "-o", str(out)])
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_update_adds_newer_records(index: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(index, copy)
    snap = tmp_path / "update"
    snap.mkdir()
    record = {"DOI": "10.9999/NEW.1", "type": "journal-article", "title": ["A new work"],
              "indexed": {"date-time": "2026-11-01T00:00:00Z"}}
    (snap / "u.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["crossref-index", "build", str(snap), "-o", str(copy), "--update"])
    assert result.exit_code == 0, result.output
    info = CliRunner().invoke(cli, ["crossref-index", "info", str(copy)])
    assert "47 records, newest record indexed 2026-11-01" in info.output


def test_missing_index_is_one_clear_error(tmp_path: Path) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_text(MANUSCRIPT, encoding="utf-8")
    code, _, stderr = check_json(str(paper), "--crossref-index", str(tmp_path / "none.duckdb"))
    assert code == 2 and "does not exist" in stderr and "Traceback" not in stderr


def test_no_searches_for_references_without_doi_unless_a_rule_reads_them(
        server: FakeCrossref, corpus: list[str]) -> None:
    searched = lambda: [r for r in server.requests if "query.bibliographic" in r.query]  # noqa: E731
    config = Config(ignore=("CC507", "CC508"))
    central = Central(CrossrefVerifier(client_for(server)), config)
    list(iter_reports(corpus, config, LocalBackend(1), central))
    # Only CC501's searches, for the DOIs registered nowhere (5, and 7 which this
    # server lacks), to suggest the right one; each once for the corpus.
    assert sorted(r.query["query.bibliographic"][0].split(".")[0][:20] for r in searched()) == [
        "Nobody A paper that ", "Someone Human Phosph"]
    server.requests.clear()
    central = Central(CrossrefVerifier(client_for(server)), Config())
    list(iter_reports(corpus, Config(), LocalBackend(1), central))
    # ...with CC508 on, the reference without a DOI is searched, once for the corpus.
    assert len({r.query["query.bibliographic"][0] for r in searched()}) == len(searched())
    assert any("some length here" in r.query["query.bibliographic"][0] for r in searched())


def test_with_a_cache_answers_are_not_held_between_windows(server: FakeCrossref, corpus: list[str],
                                                           tmp_path: Path) -> None:
    from citecheck.crossref.cache import Cache

    expected, _, _ = central_run(server, corpus, LocalBackend(1))
    server.requests.clear()
    verifier = CrossrefVerifier(client_for(server), Cache(tmp_path / "cache"))
    central = Central(verifier, CONFIG)
    found = report_by_file(iter_reports(corpus, CONFIG, LocalBackend(1), central, window=4))
    assert found == expected
    assert central.forgetful and not verifier.answers(["10.1038/srep16696"]).dois
    # Later windows were answered by the cache: each DOI was still fetched once.
    fetched = [r.path for r in server.requests if r.path.startswith("/works/10.")]
    assert len(fetched) == len(set(fetched))
