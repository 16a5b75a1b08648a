"""Many files: directory walks, .gitignore, unreadable files and parallel jobs."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from citecheck.discover import expand_paths
from citecheck.readers import SUPPORTED_EXTENSIONS, walkable
from citecheck.readers.projects import without_parts
from citecheck.runner import check_many
from tests.ci_support import CORPUS, SEEDLIKE, SMALL, run
from tests.paths import needs_shared


def tree(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def rel(paths, root):
    return [os.path.relpath(p, root).replace(os.sep, "/") for p in paths]


def test_walk_takes_supported_extensions_only(tmp_path):
    tree(tmp_path, {"a.md": SMALL, "sub/b.txt": SMALL, "sub/c.MD": SMALL, "notes.docx.bak": "x",
                    "img.png": "x", ".hidden/d.md": SMALL, "sub/.e.md": SMALL})
    assert rel(expand_paths([str(tmp_path)]), tmp_path) == ["a.md", "sub/b.txt", "sub/c.MD"]


def test_walk_follows_the_reader_registry(tmp_path, monkeypatch):
    from citecheck import discover

    tree(tmp_path, {"a.md": SMALL, "b.tex": "x"})
    monkeypatch.setattr(discover, "SUPPORTED_EXTENSIONS", frozenset(SUPPORTED_EXTENSIONS | {".tex"}))
    assert rel(expand_paths([str(tmp_path)]), tmp_path) == ["a.md", "b.tex"]


def test_gitignore_and_exclude(tmp_path):
    (tmp_path / ".git").mkdir()
    tree(tmp_path, {
        ".gitignore": "build/\n*.tmp.md\n",
        "keep.md": SMALL, "x.tmp.md": SMALL, "build/out.md": SMALL,
        "papers/.gitignore": "draft*\n!draft-final.md\n",
        "papers/draft1.md": SMALL, "papers/draft-final.md": SMALL, "papers/p.txt": SMALL,
        "old/p.md": SMALL,
    })
    walked = rel(expand_paths([str(tmp_path)]), tmp_path)
    assert walked == ["keep.md", "old/p.md", "papers/draft-final.md", "papers/p.txt"]
    # .gitignore files above the walked directory count too, up to the repository root.
    assert rel(expand_paths([str(tmp_path / "papers")]), tmp_path) == ["papers/draft-final.md", "papers/p.txt"]
    assert len(expand_paths([str(tmp_path)], gitignore=False)) == 7
    assert rel(expand_paths([str(tmp_path)], exclude=["old", "*.txt"]), tmp_path) == [
        "keep.md", "papers/draft-final.md"]


def test_named_files_are_kept_whatever_their_extension(tmp_path):
    tree(tmp_path, {"paper.text.bak": SMALL})
    assert expand_paths([str(tmp_path / "paper.text.bak"), str(tmp_path / "paper.text.bak")]) == [
        str(tmp_path / "paper.text.bak")]


def test_directory_run_reports_per_file_and_one_unreadable_file(tmp_path):
    tree(tmp_path, {"a.md": SMALL, "b/c.txt": SMALL.replace("[1]", "[1, 2]")})
    (tmp_path / "b" / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    text = run("check", "--jobs", "2", str(tmp_path))
    assert text.stdout.splitlines()[-1] == "1 warning, 1 error in 3 files (1 unreadable)"
    result = run("check", "--format", "json", "--jobs", "2", str(tmp_path))
    data = json.loads(result.stdout)
    assert result.exit_code == 2
    assert rel([f["path"] for f in data["files"]], tmp_path) == ["a.md", "b/bad.txt", "b/c.txt"]
    assert [(os.path.basename(f["path"]), f["code"]) for f in data["findings"]] == [
        ("a.md", "CC101"), ("bad.txt", "CC001")]


@needs_shared
def test_jobs_do_not_change_the_output():
    one = run("check", "--format", "json", "--jobs", "1", str(CORPUS))
    two = run("check", "--format", "json", "--jobs", "2", str(CORPUS))
    assert one.stdout == two.stdout
    assert one.exit_code == two.exit_code


@needs_shared
def test_corpus_with_two_jobs_checks_every_supported_file():
    # Every supported file, except the parts of LaTeX and pandoc documents
    # (\\input chapters, named .bib files), which are checked within them.
    expected = without_parts(sorted(
        os.path.join(d, f) for d, dirs, files in os.walk(CORPUS)
        if not any(part.startswith(".") for part in os.path.relpath(d, CORPUS).split(os.sep) if part != ".")
        for f in files if os.path.splitext(f)[1].lower() in SUPPORTED_EXTENSIONS and not f.startswith(".")
        and walkable(os.path.join(d, f))
    ))
    report = check_many(expand_paths([str(CORPUS)]), jobs=2)
    assert sorted(f.path for f in report.files) == expected
    result = run("check", "--jobs", "2", str(CORPUS))
    assert "Traceback" not in result.output
    counts = report.summary
    info = f", {counts['info']} info" if counts["info"] else ""
    assert result.stdout.splitlines()[-1] == (
        f"{counts['warning']} warnings, {counts['error']} errors{info} in {len(expected)} files")


def test_jobs_zero_means_one_per_cpu(tmp_path):
    tree(tmp_path, {"a.md": SMALL, "b.md": SMALL})
    assert len(check_many(expand_paths([str(tmp_path)]), jobs=0).findings) == 2


def test_seedlike_named_twice_is_checked_once():
    result = run("check", "--format", "json", str(SEEDLIKE), str(SEEDLIKE))
    assert len(json.loads(result.stdout)["files"]) == 1


def test_a_crash_on_one_file_is_reported_and_the_others_are_checked(tmp_path, monkeypatch):
    from citecheck import runner

    tree(tmp_path, {"a.md": SMALL, "boom.md": SMALL})
    real = runner.check_paths

    def exploding(paths, config=None):
        if paths[0].endswith("boom.md"):
            raise RuntimeError("reader bug")
        return real(paths, config)

    monkeypatch.setattr(runner, "check_paths", exploding)
    report = check_many(expand_paths([str(tmp_path)]), jobs=1)
    assert [(os.path.basename(f.path), f.code) for f in report.findings] == [("a.md", "CC101"), ("boom.md", "CC001")]
    assert "RuntimeError: reader bug" in report.findings[1].message
    assert report.incomplete


def test_an_empty_directory_warns(tmp_path):
    result = run("check", str(tmp_path))
    assert result.exit_code == 0
    assert "no supported files found" in result.stderr


def test_services_run_in_this_process_in_one_call(tmp_path, monkeypatch):
    from citecheck import runner

    tree(tmp_path, {"a.md": SMALL, "b.md": SMALL})
    calls = []
    real = runner.check_paths

    def recording(paths, config=None, services=None, **options):
        calls.append((list(paths), services, options))
        return real(paths, config, services)

    monkeypatch.setattr(runner, "check_paths", recording)
    services = {"other": lambda: None}  # not picklable: must stay in this process
    report = check_many(expand_paths([str(tmp_path)]), jobs=2, services=services)
    assert [os.path.basename(f.path) for f in report.findings] == ["a.md", "b.md"]
    assert len(calls) == 1 and len(calls[0][0]) == 2 and calls[0][1] is services


def test_run_gate_is_the_check_command_as_a_library_call(tmp_path):
    from citecheck.gate import GateOptions, run_gate

    tree(tmp_path, {".citecheck.toml": 'fail-on = "error"\n', "a.md": SMALL, "b.md": SMALL})
    baseline = str(tmp_path / "b.json")
    written = run_gate([str(tmp_path)], GateOptions(jobs=2, write_baseline=baseline))
    assert written.config.fail_on == "error"
    assert written.loaded.path == str(tmp_path / ".citecheck.toml")
    assert rel(written.files, tmp_path) == ["a.md", "b.md"]
    assert written.notes == [f"wrote 2 finding(s) to the baseline {baseline}"]
    (tmp_path / "c.md").write_text(SMALL.replace("Hong S.", "Lee K."), encoding="utf-8")
    again = run_gate([str(tmp_path)], GateOptions(baseline=baseline, fail_on="warning"))
    assert [os.path.basename(f.path) for f in again.report.findings] == ["c.md"]
    assert again.config.fail_on == "warning"
    assert again.notes == [f"2 finding(s) hidden by the baseline {baseline}"]


# --- Issue 15, class 3: directory walks as real projects lay them out ------------------------

SHARED_BIB_TEX = "\\documentclass{article}\\begin{document}\nPaper \\cite{%s}.\n\\bibliography{refs}\n\\end{document}\n"
SHARED_BIB = "".join(
    f"@article{{{key}, author={{A, B}}, title={{Title {key}}}, journal={{J}}, year={{2001}}}}\n"
    for key in ("k1", "k2", "k3")
)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bib_shared_by_two_main_files_is_judged_against_both(tmp_path, jobs):
    tree(tmp_path, {"a.tex": SHARED_BIB_TEX % "k1", "b.tex": SHARED_BIB_TEX % "k2", "refs.bib": SHARED_BIB})
    result = run("check", "--format", "json", "--jobs", jobs, str(tmp_path))
    findings = json.loads(result.stdout)["findings"]
    assert [(f["code"], f["references"], f["line"]) for f in findings] == [("CC101", ["k3"], 3)]


def _git(cwd, *args):
    import subprocess
    subprocess.run(["git", "-C", str(cwd), *args], check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"})


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_tracked_files_are_checked_even_when_gitignore_says_star(tmp_path):
    # A common template ignores everything and re-adds what it wants with -f.
    tree(tmp_path, {".gitignore": "*\n", "paper/paper.md": SMALL, "scratch/notes.md": SMALL})
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-f", "paper/paper.md")
    assert [os.path.relpath(p, tmp_path) for p in expand_paths([str(tmp_path)])] == [
        os.path.join("paper", "paper.md")]


def test_a_walk_that_checks_nothing_says_what_it_skipped(tmp_path):
    tree(tmp_path, {".gitignore": "*.md\n", "paper.md": SMALL})
    (tmp_path / ".git").mkdir()  # a repository root, without git's own files
    result = run("check", str(tmp_path))
    assert "no supported files found" in result.stderr
    assert ".gitignore or exclude skipped 1 supported file" in result.stderr


def test_exclude_globs_relative_to_the_walked_directory(tmp_path, monkeypatch):
    tree(tmp_path, {"paper.md": SMALL, "drafts/old/v1.md": SMALL, "drafts/new/v2.md": SMALL})
    monkeypatch.chdir(tmp_path)
    assert sorted(expand_paths(["."], ["drafts/old/*"])) == ["./drafts/new/v2.md", "./paper.md"]
    assert sorted(expand_paths([str(tmp_path)], ["drafts/old/*"])) == [
        str(tmp_path / "drafts/new/v2.md"), str(tmp_path / "paper.md")]
    (tmp_path / "pyproject.toml").write_text('[tool.citecheck]\nexclude = ["drafts/old/*"]\n', encoding="utf-8")
    result = run("check", "--format", "json", ".")
    assert sorted(f["path"] for f in json.loads(result.stdout)["files"]) == ["./drafts/new/v2.md", "./paper.md"]
    result = run("check", "--isolated", "--format", "json", "--exclude", "drafts/old/*", ".")
    assert sorted(f["path"] for f in json.loads(result.stdout)["files"]) == ["./drafts/new/v2.md", "./paper.md"]


def test_a_word_lock_file_is_not_a_manuscript(tmp_path):
    tree(tmp_path, {"paper.md": SMALL})
    (tmp_path / "~$paper.docx").write_bytes(b"\x05Author name\x00" * 8)  # Word's owner file
    result = run("check", str(tmp_path))
    assert result.exit_code == 1, result.output
    assert "~$paper" not in result.output


def test_a_directory_run_keeps_only_what_reporters_use(tmp_path):
    tree(tmp_path, {"a.md": SMALL, "b.md": SMALL.replace("[1]", "[1, 2]")})
    paths = expand_paths([str(tmp_path)])
    full = check_many(paths, jobs=1)
    slim = check_many(paths, jobs=1, keep_documents=False)
    assert [f.identity for f in slim.findings] == [f.identity for f in full.findings]
    assert [d.path for d in slim.documents] == [d.path for d in full.documents]
    assert all(not d.citations and not d.references for d in slim.documents)
    assert all(d.citations for d in full.documents)
    # The text of a file with findings stays, for baseline fingerprints.
    flagged = {f.location.path for f in slim.findings}
    assert [os.path.basename(p) for p in flagged] == ["a.md"]
    assert all((s.text != "") == (s.path in flagged) for d in slim.documents for s in d.sources)


def test_merging_many_reports_keeps_each_finding_once(tmp_path):
    tree(tmp_path, {"a.md": SMALL})
    one = check_many(expand_paths([str(tmp_path)]), jobs=1)
    merged = check_many([])
    for _ in range(3):
        merged.extend(one)  # the same findings again: already held
    assert [f.identity for f in merged.findings] == [f.identity for f in one.findings]
    merged.findings = []  # a new list: the remembered identities do not apply
    merged.extend(one)
    assert len(merged.findings) == len(one.findings)


def test_memory_per_file_stays_small_over_a_directory(tmp_path):
    """A directory run keeps, per file, its path and, if it has findings, its
    text (for baseline fingerprints), never its citations and references: the
    peak of traced memory grows by a few kB a file from 30 to 300 manuscripts,
    far less than whole documents would take (tracemalloc counts allocations,
    not time, so this holds on a loaded machine)."""
    import tracemalloc

    seedlike = SEEDLIKE.read_text(encoding="utf-8")
    for i in range(300):
        # every other file has findings (its text is kept for baseline fingerprints)
        (tmp_path / f"m{i:03d}.txt").write_text(seedlike if i % 2 else SMALL.replace("[1]", "[1, 2]"), encoding="utf-8")
    paths = expand_paths([str(tmp_path)])
    peaks = {}
    for count, keep in ((30, False), (300, False), (300, True)):
        tracemalloc.start()
        report = check_many(paths[:count], jobs=1, keep_documents=keep)
        peaks[count, keep] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert len(report.documents) == count
    per_file = (peaks[300, False] - peaks[30, False]) / 270
    kept = (peaks[300, True] - peaks[30, False]) / 270
    assert per_file < 16_000, peaks  # the text of a file with findings (about 6 kB here) and its path
    assert kept > 2 * per_file, peaks  # keeping whole documents would show
