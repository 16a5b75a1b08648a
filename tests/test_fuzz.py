"""Fuzzing, bounded for CI: properties of the library under hypothesis, and
a few dozen cases of the command-line mutation fuzzer (``tests/fuzz_cli.py``).

The number of examples is small and fixed (``derandomize``) so that CI is
quick and repeatable; ``CITECHECK_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz.py``
searches further, and ``python -m tests.fuzz_cli --cases 5000`` runs the
command line longer.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.api import check_text
from citecheck.errors import CitecheckError
from citecheck.model import Source
from citecheck.readers.bibtex import parse_bibtex
from citecheck.readers.csljson import csl_references, parse_csl_json
from citecheck.readers.structured import DataError, load_yaml
from citecheck.refparse import parse_reference
from citecheck.reporters import REPORTERS, RenderOptions
from tests import fuzz_cli

EXAMPLES = int(os.environ.get("CITECHECK_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 200,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Characters the readers treat specially, mixed into random text.
SPECIAL = list("[]()（）［］【】^,;-–—~@{}\\%#$&<>\"'`*_|\n\n\n \t\r\x1b\x00\u202e¹²³⁻.:/") + [
    "[1]", "[1-3]", "[@a]", "@a", "References\n", "参考文献\n", "1. ", "\\cite{a}", "\\input{x}",
    "doi:10.1000/x", "et al.", "A. ", "(2019)", "```", "<!--", "-->", "---\n", "http://x.org/(a)",
]
TEXT = st.lists(st.one_of(st.sampled_from(SPECIAL), st.text(max_size=8)), max_size=120).map("".join)


def _valid_location(report) -> None:
    for finding in report.findings:
        assert finding.location.line >= 1 and finding.location.column >= 1, finding


@FUZZ
@given(TEXT, st.sampled_from(["text", "markdown"]))
def test_check_text_ends_with_a_report_or_a_citecheck_error(text: str, fmt: str) -> None:
    try:
        report = check_text(text, format=fmt)
    except CitecheckError:
        return
    _valid_location(report)
    for name, render in REPORTERS.items():
        out = render(report, RenderOptions())
        if name in ("json", "sarif"):
            json.loads(out)
        elif name == "junit":
            ET.fromstring(out.split("\n", 1)[1])
        elif name == "jsonl":
            for line in out.splitlines():
                json.loads(line)
        elif name == "html":  # shown by a browser, not a terminal: tabs and line ends may stay
            assert not any(ord(ch) < 32 and ch not in "\t\n\r" for ch in out), out
        else:
            assert not any(ord(ch) < 32 and ch != "\n" for ch in out), out


@FUZZ
@given(TEXT)
def test_parse_reference_never_raises(text: str) -> None:
    fields = parse_reference(text)
    assert fields.year is None or 1500 <= fields.year <= 2199


@FUZZ
@given(st.lists(st.one_of(st.sampled_from(
    ["@article{", "@string{", "@comment{", "@preamble{", "}", "{", ",", "=", "#", '"', "title", "author",
     "crossref", " and ", "\\'", "{\\v{S}}", "\n", "a", "1"]), st.text(max_size=5)), max_size=80).map("".join))
def test_parse_bibtex_never_raises(text: str) -> None:
    database = parse_bibtex(text, Source("t.bib", text))
    for problem in database.problems:
        assert problem.code == "CC001" and 0 <= problem.span.start <= len(text)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "type", "title", "author", "issued", "date-parts", "family", "given",
                         "literal", "DOI", "page", "volume", "container-title", "x"]), children, max_size=5),
    max_leaves=30,
)


@FUZZ
@given(JSON_VALUES)
def test_csl_items_of_any_shape(data: object) -> None:
    text = json.dumps(data)
    source = Source("refs.json", text)
    parse_csl_json(source, 0)
    csl_references(data if isinstance(data, list) else [data], source, 0)


@FUZZ
@given(st.text(max_size=200))
def test_yaml_fails_only_with_a_data_error(text: str) -> None:
    try:
        load_yaml(text)
    except DataError:
        pass


def test_the_command_line_mutation_fuzzer(tmp_path) -> None:
    failures = fuzz_cli.fuzz(cases=int(os.environ.get("CITECHECK_FUZZ_CASES", "45")), seed=20261204,
                             keep=tmp_path)
    assert failures == []
