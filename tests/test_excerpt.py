"""Every finding in a Word file carries an excerpt of the text around it
(Word shows no paragraph numbers): in JSON, in the text output, in SARIF."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import citecheck
from citecheck.cli import cli
from citecheck.excerpt import excerpt
from citecheck.model import Document, Location, Source
from tests.paths import FIXTURES
from tests.test_annotate import small_docx


@pytest.fixture(name="paper")
def paper_fixture(tmp_path: Path) -> Path:
    return small_docx(tmp_path / "paper.docx")


def test_json_has_the_excerpt_and_validates(paper: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(paper), "--format", "json"])
    data = json.loads(result.output)
    schema = json.loads(resources.files("citecheck").joinpath("schema/report.schema.json").read_text())
    jsonschema.validate(data, schema)
    assert [f["excerpt"] for f in data["findings"]] == [
        "\u2026[1]. Pain is frequent [5] and more.",
        "Fractures follow [2] and [6].",
        "3. Coleman RE. Clinical features of metastatic bone disease\u2026",
        "See also the trial [7].",
    ]


def test_text_and_sarif_say_near(paper: Path) -> None:
    text = CliRunner().invoke(cli, ["check", str(paper)]).output.splitlines()
    assert text[0].endswith('[missing-reference] near "\u2026[1]. Pain is frequent [5] and more."')
    sarif = json.loads(CliRunner().invoke(cli, ["check", str(paper), "--format", "sarif"]).output)
    message = sarif["runs"][0]["results"][1]["message"]["text"]
    assert message == ('citation [6] refers to reference 6, but the list has 3 references '
                       '(near "Fractures follow [2] and [6].")')


def test_other_formats_have_no_excerpt() -> None:
    report = citecheck.check_file(FIXTURES / "zh_bone_metastasis.txt")
    assert all(f.excerpt is None for f in report.findings)
    assert all("excerpt" not in f.to_dict() for f in report.findings)


LINE = "In advanced cancer, bone metastases are common and painful [12] and cause fractures in many patients."


@pytest.mark.parametrize("column, end, expected", [
    (61, 65, "\u2026are common and painful [12] and cause fractures in many\u2026"),
    (1, 3, "In advanced cancer, bone\u2026"),
    (99, 104, "\u2026fractures in many patients."),
    (1, len(LINE) + 1, "In advanced cancer, bone metastases are common and painful\u2026"),
])
def test_excerpt_cuts_at_words(column: int, end: int, expected: str) -> None:
    document = Document("p.docx", "docx", [Source("p.docx", "Title\n" + LINE + "\nNext")])
    assert excerpt(document, Location("p.docx", 2, column, 2, end)) == expected


def test_excerpt_of_an_unknown_file_is_none() -> None:
    document = Document("p.docx", "docx", [Source("p.docx", "x")])
    assert excerpt(document, Location("other.docx", 1, 1, 1, 1)) is None
