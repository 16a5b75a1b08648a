"""The JSON output validates against the documented schema."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
from click.testing import CliRunner

from citecheck.cli import cli
from tests.paths import FIXTURES, SEED


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(resources.files("citecheck").joinpath("schema/report.schema.json").read_text())
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@pytest.mark.parametrize(
    "paths",
    [
        [FIXTURES / "zh_bone_metastasis.txt"],
        [FIXTURES / "clean_paper.md"],
        [SEED] if SEED.exists() else [FIXTURES / "clean_paper.md"],
        [FIXTURES / "clean_paper.md", FIXTURES / "does-not-exist.txt"],
    ],
)
def test_output_validates(validator: jsonschema.protocols.Validator, paths: list) -> None:
    result = CliRunner().invoke(cli, ["check", *map(str, paths), "--format", "json"])
    assert result.exit_code in (0, 1, 2)
    validator.validate(json.loads(result.output))


def test_schema_rejects_a_broken_report(validator: jsonschema.protocols.Validator) -> None:
    result = CliRunner().invoke(cli, ["check", str(FIXTURES / "zh_bone_metastasis.txt"), "--format", "json"])
    report = json.loads(result.output)
    del report["findings"][0]["line"]
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(report)
