"""--executor dask on a LocalCluster: the same findings, file for file, as
the sequential run and --jobs, with results streamed back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.cli import cli
from citecheck.config import Config
from citecheck.discover import expand_paths
from citecheck.errors import ConfigError
from citecheck.model import Report
from citecheck.runner import check_many
from citecheck.scale.backends import DaskBackend
from citecheck.scale.run import iter_reports
from tests.paths import CORPUS, needs_shared
from tests.scale_support import by_file, jsonl_records, report_by_file, small_corpus

pytest.importorskip("dask.distributed", reason="the scale extra (Dask) is not installed")


@pytest.fixture(scope="module")
def threads() -> Iterator[DaskBackend]:
    """A LocalCluster of 2 single-threaded workers in this process (quick to start)."""
    backend = DaskBackend(workers=2, processes=False)
    try:
        yield backend
    finally:
        backend.close()


def test_dask_findings_equal_sequential_file_for_file(tmp_path: Path, threads: DaskBackend) -> None:
    paths = small_corpus(tmp_path, copies=3)
    threads.in_flight = 2  # fewer in flight than files: the stream refills as results come
    streamed = list(iter_reports(paths, Config(), threads))
    assert sorted(r.files[0].path for r in streamed) == paths
    assert all(not r.documents for r in streamed)  # no manuscript goes back to the client
    sequential = [check_many([p]) for p in paths]
    assert report_by_file(streamed) == report_by_file(sequential)
    assert report_by_file(streamed)[paths[-1]][0][0] == "CC001"  # broken.txt


@needs_shared
def test_dask_on_the_shared_corpus_equals_sequential_and_jobs(threads: DaskBackend) -> None:
    paths = expand_paths([str(CORPUS)])
    streamed = list(iter_reports(paths, Config(), threads))
    sequential = [check_many([p]) for p in paths]
    assert report_by_file(streamed) == report_by_file(sequential)
    # Merged in path order, as the CLI does for whole-report formats, they are
    # the report of the sequential run and of --jobs N (which merge the same way).
    merged, expected = Report(), Report()
    by_path = {r.files[0].path: r for r in streamed}
    for path, report in zip(paths, sequential, strict=True):
        merged.extend(by_path[path])
        expected.extend(report)
    assert merged.findings == expected.findings and merged.files == expected.files


def test_cli_dask_with_processes_equals_local(tmp_path: Path) -> None:
    """Once with worker processes, as a real run uses them (slower to start)."""
    paths = small_corpus(tmp_path, copies=2)
    dask = CliRunner().invoke(cli, ["check", *paths, "--executor", "dask", "--workers", "2",
                                    "--format", "json"], env={"DASK_SCHEDULER_ADDRESS": ""})
    local = CliRunner().invoke(cli, ["check", *paths, "--format", "json"])
    assert dask.exit_code == local.exit_code == 2, dask.stderr  # broken.txt is unreadable
    assert json.loads(dask.stdout) == json.loads(local.stdout)


def test_unreachable_scheduler_is_one_clear_error() -> None:
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        with pytest.raises(ConfigError, match="cannot start Dask on tcp://127.0.0.1:9"):
            DaskBackend("tcp://127.0.0.1:9")


def test_the_stream_holds_a_bounded_number_of_files(tmp_path: Path, threads: DaskBackend) -> None:
    """Paths are pulled only as results come back: the client's memory does not
    grow with the corpus (a generator of paths is never read ahead)."""
    paths = small_corpus(tmp_path, copies=10)
    pulled = 0

    def lazily() -> Iterator[str]:
        nonlocal pulled
        for path in paths:
            pulled += 1
            yield path

    threads.in_flight = 3
    stream = threads.check(lazily(), Config())
    next(stream)
    assert pulled <= 4
    assert len(list(stream)) == len(paths) - 1 and pulled == len(paths)


def test_cli_on_an_existing_cluster_by_scheduler_address(tmp_path: Path, threads: DaskBackend) -> None:
    """--scheduler (or DASK_SCHEDULER_ADDRESS) connects to a running cluster
    instead of starting one; here the test's own cluster."""
    address = threads.client.scheduler.address
    paths = small_corpus(tmp_path, copies=1)
    local = CliRunner().invoke(cli, ["check", *paths, "--format", "json"])
    for args, env in ((["--scheduler", address], {}), ([], {"DASK_SCHEDULER_ADDRESS": address})):
        out = tmp_path / "out.jsonl"
        result = CliRunner().invoke(cli, ["check", *paths, "--executor", "dask", *args,
                                          "--format", "jsonl", "-o", str(out)], env=env)
        assert result.exit_code == local.exit_code == 2, result.stderr
        assert by_file(r for r in jsonl_records(out) if r["type"] == "finding") == \
            by_file(json.loads(local.stdout)["findings"])
    assert threads.client.status == "running"  # the cluster outlives the run
