"""The indented JSON encoder writes exactly what json.dumps writes, or declines."""

from __future__ import annotations

import enum
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.reporters.indented_json import Unsupported, dumps_indented
from citecheck.reporters.options import dump_json

SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
           | st.text())
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(VALUES, st.sampled_from([0, 2, 4]))
def test_writes_what_json_dumps_writes(value: object, indent: int) -> None:
    assert dumps_indented(value, indent) == json.dumps(value, ensure_ascii=False, indent=indent)


@pytest.mark.parametrize("value", [
    {"findings": [], "files": {}, "summary": {"total": 0}},
    {"message": "reference 5 is never cited", "line": 12, "references": ("5",), "fix": None, "ok": True},
    ["\u2028 quotes \" and \\ backslash \x00 \x1f", "中文", "é", "\ud800"],
    [1.5, -0.0, 1e100, 3, -7, False],
    [[[[{"deep": [{}]}]]]],
])
def test_report_shapes(value: object) -> None:
    assert dumps_indented(value, 2) == json.dumps(value, ensure_ascii=False, indent=2)


class Level(enum.IntEnum):
    LOW = 1


@pytest.mark.parametrize("value", [
    {1: "an int key"}, [float("nan")], [float("inf")], [Level.LOW], [{"a"}], ["x", b"bytes"],
])
def test_declines_what_only_json_dumps_handles(value: object) -> None:
    with pytest.raises(Unsupported):
        dumps_indented(value, 2)


def test_a_cycle_is_declined_and_json_dumps_says_why() -> None:
    cycle: list[object] = []
    cycle.append(cycle)
    with pytest.raises(Unsupported):
        dumps_indented(cycle, 2)
    with pytest.raises(ValueError, match="Circular reference"):
        dump_json(cycle)


def test_dump_json_falls_back_to_json_dumps() -> None:
    assert dump_json({1: [float("nan")]}) == json.dumps({1: [float("nan")]}, ensure_ascii=False, indent=2)
    # A surrogate escape (an undecodable file name) makes the whole text ASCII-escaped, as before.
    assert dump_json({"path": "a\udcffb.txt", "x": "é"}) == json.dumps({"path": "a\udcffb.txt", "x": "é"}, indent=2)
    assert dump_json({"a": [1, "é"]}, indent=None) == '{"a":[1,"é"]}'
