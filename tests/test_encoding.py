"""Reading bytes: encodings, and bad input that must give CC001, never a traceback."""

from __future__ import annotations

import codecs
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

import citecheck
from citecheck.cli import cli
from citecheck.encoding import decode
from citecheck.errors import InputError
from tests.growth import assert_linear_growth
from tests.paths import CORPUS

MANUSCRIPT = "Bone metastases are common [1].\n\n参考文献\n\n1. Macedo F. Bone Metastases: An Overview. Oncol Rev. 2017;11(1):321.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (MANUSCRIPT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + MANUSCRIPT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + MANUSCRIPT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + MANUSCRIPT.encode("utf-16-be"), "utf-16-be"),
        (MANUSCRIPT.encode("gb18030"), "gb18030"),
        (MANUSCRIPT.replace("参考文献", "Références").encode("latin-1"), "latin-1"),
    ],
)
def test_encodings_are_detected_and_reported(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "paper.txt"
    path.write_bytes(data)
    report = citecheck.check_file(path)
    assert report.files[0].encoding == encoding
    assert report.findings == []
    assert report.documents[0].citations[0].text == "[1]"


def test_crlf_newlines_keep_exact_columns(tmp_path: Path) -> None:
    path = tmp_path / "paper.txt"
    path.write_bytes(b"Intro [2].\r\n\r\nReferences\r\n1. A. One. J. 2020.\r\n2. B. Two. J. 2021.\r\n")
    report = citecheck.check_file(path)
    [finding] = report.findings
    assert (finding.code, finding.location.line, finding.location.column) == ("CC101", 4, 1)


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    files = {
        "binary": b"\x00\x01\x02\x03\xff" * 100,
        "empty": b"",
        "whitespace": b"  \n\n\t\n",
        "png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 50,
        "invalid-utf8": "Café résumé naïve [1] — ".encode() * 5 + b"\xff\xfe broken \xc3\x28",
        "control-bytes": bytes(range(0x80, 0xA0)) * 20,
    }
    out = {}
    for name, data in files.items():
        out[name] = tmp_path / f"{name}.txt"
        out[name].write_bytes(data)
    return out


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("binary", "binary file"),
        ("empty", "empty"),
        ("whitespace", "no text"),
        ("png", "PNG image"),
        ("invalid-utf8", "invalid UTF-8"),
        ("control-bytes", "not valid UTF-8"),
    ],
)
def test_bad_input_gives_one_line_error_and_exit_2(tmp_path: Path, name: str, fragment: str) -> None:
    path = _bad_inputs(tmp_path)[name]
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert lines[0].startswith(f"{path}:1:1: CC001 ") or lines[0].startswith(f"{path}:")
    assert fragment in lines[0]
    assert "Traceback" not in result.output


def test_bad_input_is_cc001_in_json(tmp_path: Path) -> None:
    import json

    path = _bad_inputs(tmp_path)["binary"]
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json"])
    assert result.exit_code == 2
    report = json.loads(result.output)
    assert [f["code"] for f in report["findings"]] == ["CC001"]
    assert report["files"][0]["encoding"] is None
    assert "binary" in report["files"][0]["error"]


def test_missing_file_and_directory(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_50_mb_file_is_refused_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.write(b"[1] " * (50 * 1024 * 1024 // 4))
    tracemalloc.start()
    try:
        result = CliRunner().invoke(cli, ["check", str(path)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 2
    assert "over the 21 MB limit" in result.output or "limit" in result.output
    assert peak < 8 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB: the file was read"


def test_100000_open_brackets_are_no_citation(tmp_path: Path) -> None:
    path = tmp_path / "brackets.txt"
    path.write_text("[" * 100_000)
    assert citecheck.check_file(path).findings == []
    assert_linear_growth(lambda n: "[" * n, lambda text: citecheck.check_text(text), 10_000)


@pytest.mark.parametrize(
    "build",
    [
        lambda n: "[" * n + "1" * n,
        lambda n: "[1-" * n,
        lambda n: "(" * n,
        lambda n: "`" * n,
        lambda n: "<!--" * n,
        lambda n: "^" * n,
        lambda n: "¹," * n,
        lambda n: ("[1]" + "\n" * 3) * (n // 5) + "References\n"
        + "".join(f"{i}. A. B{i}. Title {i}. J. 2020.\n" for i in range(1, n // 50)),
    ],
    ids=["brackets-digits", "open-ranges", "parens", "backticks", "comments", "carets",
         "superscripts", "citations-and-list"],
)
def test_pathological_inputs_are_linear(build) -> None:
    def both(text: str) -> None:
        citecheck.check_text(text, format="markdown")
        citecheck.check_text(text, format="text")

    assert_linear_growth(build, both, 5_000)


def test_decode_error_is_typed() -> None:
    with pytest.raises(InputError) as info:
        decode(b"", "x.txt")
    assert info.value.path == "x.txt"
    assert info.value.message == "the file is empty"


# --- Issue 15, class 8: legacy encodings that Word and Japanese editors write ---------------



SAMPLE1 = CORPUS / "plaintext" / "parscit_demodata" / "sample1.txt"


@pytest.mark.skipif(not SAMPLE1.exists(), reason="shared/corpus is not beside the repository")
def test_a_real_paper_saved_as_windows_1252_reads_as_its_utf8_twin(tmp_path: Path) -> None:
    # Word's "Save as plain text" on Western Windows: curly quotes and dashes in 0x80-0x9F.
    text = SAMPLE1.read_text(encoding="utf-8").replace("'", "\u2019").replace(" - ", " \u2013 ")
    assert "\u2019" in text
    utf8, legacy = tmp_path / "utf8.txt", tmp_path / "cp1252.txt"
    utf8.write_text(text, encoding="utf-8")
    legacy.write_bytes(text.encode("cp1252"))
    expected = [(f.code, f.location.line, f.location.column, f.message) for f in citecheck.check_file(utf8).findings]
    report = citecheck.check_file(legacy)
    assert report.files[0].encoding == "windows-1252"
    assert [(f.code, f.location.line, f.location.column, f.message) for f in report.findings] == expected
    assert report.documents[0].main.text == text


JAPANESE = (
    "骨転移は肺がんでよく見られる［1］。乳がんでも同様である［2］。\n\n参考文献\n"
    "1. 山田太郎. 骨転移の概要. 日本癌学会誌. 2017;11:321.\n"
    "2. 佐藤花子. 乳がんの骨転移. 臨床腫瘍学. 2020;15:100.\n"
    "3. 鈴木一郎. 肺がんの治療. 呼吸器内科. 2019;8:55.\n"
)


def test_shift_jis_is_detected_and_named(tmp_path: Path) -> None:
    path = tmp_path / "paper.txt"
    path.write_bytes(JAPANESE.encode("shift_jis"))
    report = citecheck.check_file(path)
    assert report.files[0].encoding == "shift_jis"
    assert report.documents[0].main.text == JAPANESE
    assert [(f.code, f.location.line) for f in report.findings] == [("CC101", 6)]


def test_the_cli_says_which_legacy_encoding_it_used(tmp_path: Path) -> None:
    path = tmp_path / "paper.txt"
    path.write_bytes("The authors \u201cthank\u201d the reviewers [1].\n\nReferences\n"
                     "1. M\u00fcller K. Bone metastases \u2013 an overview. Oncol Rev. 2017.\n".encode("cp1252"))
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{path} is not UTF-8; it was read as windows-1252" in result.output
