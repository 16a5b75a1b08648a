"""Helpers shared by the CI-integration tests (reporters, config, baseline, directories)."""

from __future__ import annotations

from click.testing import CliRunner, Result

from citecheck.cli import cli
from tests.paths import CORPUS, FIXTURES, SHARED

__all__ = ["CORPUS", "SEEDLIKE", "SHARED", "SMALL", "run"]

#: The in-repo manuscript modelled on the seed (reference 5 never cited, at line 18; references 8
#: and 10 the same paper, reported at line 23): the CI-integration tests run on it, so they
#: run the same with or without ../shared beside the clone.
SEEDLIKE = FIXTURES / "zh_bone_metastasis.txt"

#: A small manuscript: reference 2 is never cited (CC101 at line 5, column 1).
SMALL = (
    "Bone metastases are common [1].\n"
    "\n"
    "References\n"
    "1. Macedo F. Bone Metastases: An Overview. Oncol Rev. 2017.\n"
    "2. Hong S. Bone metastasis and skeletal-related events. PLoS One. 2020.\n"
)


def run(*args: str) -> Result:
    """Run the CLI in-process; stdout and stderr kept apart."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)
