"""--format jsonl: one object per finding then one per file, streamed; --resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.cli import cli
from citecheck.reporters.jsonl import render_jsonl
from citecheck.runner import check_many
from citecheck.scale.resume import read_done
from citecheck.errors import ConfigError
from tests.scale_support import by_file, jsonl_records, small_corpus


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def test_jsonl_blocks_findings_then_summary(tmp_path: Path) -> None:
    paths = small_corpus(tmp_path, copies=1)
    out = tmp_path / "out.jsonl"
    code, _, _ = invoke(*paths, "--format", "jsonl", "-o", str(out))
    assert code == 2  # broken.txt is unreadable
    records = jsonl_records(out)
    files = [r for r in records if r["type"] == "file"]
    assert sorted(r["path"] for r in files) == paths
    broken = next(r for r in files if r["path"].endswith("broken.txt"))
    assert "error" in broken and broken["findings"] == 1
    # Each file's findings come right before its summary, and count matches.
    pending: list[dict] = []  # type: ignore[type-arg]
    for record in records:
        if record["type"] == "finding":
            pending.append(record)
        else:
            assert all(f["file"] == record["path"] for f in pending)
            assert len(pending) == record["findings"]
            pending = []
    zh = next(r for r in files if r["path"].endswith("zh_bone_metastasis.txt"))
    zh_findings = [(r["code"], r["line"], r["column"]) for r in records
                   if r["type"] == "finding" and r["file"] == zh["path"]]
    assert sorted(zh_findings) == [("CC101", 18, 1), ("CC201", 23, 1)]


def test_jsonl_findings_equal_json_file_for_file(tmp_path: Path) -> None:
    paths = small_corpus(tmp_path, copies=2)
    out = tmp_path / "out.jsonl"
    invoke(*paths, "--format", "jsonl", "-o", str(out), "--jobs", "2")
    code, stdout, _ = invoke(*paths, "--format", "json")
    report = json.loads(stdout)
    streamed = by_file(r for r in jsonl_records(out) if r["type"] == "finding")
    assert streamed == by_file(report["findings"])
    assert code == 2


def test_render_jsonl_matches_streamed_lines(tmp_path: Path) -> None:
    paths = small_corpus(tmp_path, copies=1)
    rendered = render_jsonl(check_many(paths))
    out = tmp_path / "out.jsonl"
    invoke(*paths, "--format", "jsonl", "-o", str(out))
    assert sorted(rendered.splitlines()) == sorted(out.read_text(encoding="utf-8").splitlines())


def test_resume_skips_done_files_and_cuts_a_partial_block(tmp_path: Path) -> None:
    paths = small_corpus(tmp_path, copies=2)
    out = tmp_path / "out.jsonl"
    invoke(*paths, "--format", "jsonl", "-o", str(out))
    full = out.read_text(encoding="utf-8")
    lines = full.splitlines(keepends=True)
    # Interrupted: the first three files done, then half a line of the next block.
    ends = [i for i, line in enumerate(lines) if '"type":"file"' in line]
    kept = "".join(lines[:ends[2] + 1])
    out.write_text(kept + lines[ends[2] + 1][:25], encoding="utf-8")
    done = read_done(str(out))
    assert len(done.paths) == 3 and done.keep == len(kept.encode())
    code, _, stderr = invoke(*paths, "--format", "jsonl", "-o", str(out), "--resume")
    assert "3 file(s) already in" in stderr
    assert code == 2  # the unreadable file still counts, whichever run checked it
    resumed = jsonl_records(out)
    assert sorted(r["path"] for r in resumed if r["type"] == "file") == paths
    assert by_file(r for r in resumed if r["type"] == "finding") == \
        by_file(json.loads(line) for line in full.splitlines() if '"finding"' in line)
    # Resuming a finished run checks nothing and keeps the exit code.
    size = out.stat().st_size
    code, _, stderr = invoke(*paths, "--format", "jsonl", "-o", str(out), "--resume")
    assert code == 2 and out.stat().st_size == size and f"{len(paths)} file(s)" in stderr


def test_resume_exit_code_counts_findings_of_the_earlier_run(tmp_path: Path) -> None:
    paths = [p for p in small_corpus(tmp_path, copies=1) if not p.endswith("broken.txt")]
    out = tmp_path / "out.jsonl"
    assert invoke(*paths, "--format", "jsonl", "-o", str(out))[0] == 1
    assert invoke(*paths, "--format", "jsonl", "-o", str(out), "--resume")[0] == 1
    assert invoke(*paths, "--format", "jsonl", "-o", str(out), "--resume", "--fail-on", "error")[0] == 0


@pytest.mark.parametrize("args, message", [
    (["--resume"], "--resume continues a --format jsonl run"),
    (["--format", "jsonl", "--resume"], "--resume continues a --format jsonl run"),
    (["--format", "jsonl", "--baseline", "BASE"], "--baseline and --write-baseline"),
])
def test_resume_and_streaming_refuse_what_they_cannot_do(tmp_path: Path, args: list[str],
                                                         message: str) -> None:
    base = tmp_path / "base.json"
    base.write_text("{}", encoding="utf-8")
    args = [str(base) if a == "BASE" else a for a in args]
    code, _, stderr = invoke(str(small_corpus(tmp_path, 1)[0]), *args)
    assert code == 2 and message in stderr and "Traceback" not in stderr


def test_resume_refuses_a_file_that_is_not_jsonl_output(tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("my notes\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not citecheck JSON Lines"):
        read_done(str(other))
    code, _, stderr = invoke(small_corpus(tmp_path, 1)[0], "--format", "jsonl", "-o", str(other),
                             "--resume")
    assert code == 2 and "line 1 is not citecheck" in stderr
    assert other.read_text(encoding="utf-8") == "my notes\n"


def test_the_core_install_does_not_import_dask_or_duckdb() -> None:
    import subprocess
    import sys

    code = ("import sys, citecheck.cli; from click.testing import CliRunner; "
            "CliRunner().invoke(citecheck.cli.cli, ['check', 'fixtures', '--format', 'jsonl']); "
            "print(sorted(m for m in ('dask', 'distributed', 'duckdb') if m in sys.modules))")
    from tests.paths import ROOT

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_local_processes_stream_a_bounded_number_of_files(tmp_path: Path) -> None:
    from citecheck.config import Config
    from citecheck.scale.backends import LocalBackend

    paths = small_corpus(tmp_path, copies=10)
    pulled = 0

    def lazily():  # type: ignore[no-untyped-def]
        nonlocal pulled
        for path in paths:
            pulled += 1
            yield path

    backend = LocalBackend(2)
    backend.in_flight = 3
    try:
        stream = backend.check(lazily(), Config())
        next(stream)
        assert pulled <= 4
        assert len(list(stream)) == len(paths) - 1
    finally:
        backend.close()


def test_never_writes_over_a_file_found_in_a_directory(tmp_path: Path) -> None:
    paths = small_corpus(tmp_path, copies=1)
    target = next(p for p in paths if p.endswith(".md"))
    before = Path(target).read_bytes()
    for extra in ([], ["--resume"]):
        code, _, stderr = invoke(str(tmp_path), "--format", "jsonl", "-o", target, *extra)
        assert code == 2 and "is one of the input files" in stderr
    assert Path(target).read_bytes() == before
