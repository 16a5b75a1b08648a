"""citecheck fix on real manuscripts: the seed and PLOS articles rendered as text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import citecheck
from citecheck.model import CitationStyle
from tests.fix_support import assert_only_citations_and_entries_changed, fix, merged_aliases, works
from tests.jats_render_numbered import render_text
from tests.paths import CORPUS, SEED, needs_shared

pytestmark = needs_shared
PLOS = CORPUS / "jats" / "plos"


def fixed(path: Path, unsafe: bool = False, **options: object) -> tuple[Path, object]:
    result = fix(path, unsafe, **options)
    assert result.refused is None, result.refused
    out = path.with_name(path.stem + ".fixed" + path.suffix)
    out.write_bytes(result.outputs[str(path)])
    return out, result


def guarantees(path: Path, out: Path, codes: set[str], unsafe: bool = False, **options: object) -> None:
    before, after = citecheck.parse_file(path, **options), citecheck.parse_file(out, **options)
    assert_only_citations_and_entries_changed(before, after)
    assert works(after) == works(before, merged_aliases(before))
    assert not [f for f in citecheck.check_file(out, **options).findings if f.code in codes]
    assert fix(out, unsafe, **options).outputs == {}


def test_seed(tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(SEED.read_bytes())
    out, _ = fixed(path)
    old, new = path.read_text(encoding="utf-8"), out.read_text(encoding="utf-8")
    assert new == old.replace("进一步提出[10]", "进一步提出[8]").replace(
        "\n10. Cheng JN, Jin Z, Su C,et al. Bone metastases diminish extraosseous response to checkpoint "
        "blockade immunotherapy through osteopontin-producing osteoclasts. Cancer Cell. 2025 Jun "
        "9;43(6):1093-1107.e9.", "")
    guarantees(path, out, {"CC201"})
    assert [f.code for f in citecheck.check_file(out).findings] == ["CC101"]


def test_seed_unsafe(tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(SEED.read_bytes())
    out, _ = fixed(path, unsafe=True)
    guarantees(path, out, {"CC201", "CC101"}, unsafe=True)
    new = out.read_text(encoding="utf-8")
    assert "显示[5-7]" in new and "显示[8]" in new and "提出[7]" in new
    assert citecheck.check_file(out).findings == []


@pytest.mark.parametrize(
    ("article", "merged", "options"),
    [
        ("journal.pone.0160653.xml", {"52": "24", "74": "53"}, {}),
        # Its "(60)" equation numbers read as parenthetical citations unless the style is given.
        ("journal.pcbi.1004141.xml", {"44": "14", "46": "21"}, {"style": "bracket"}),
    ],
)
def test_plos_duplicates_are_merged(tmp_path: Path, article: str, merged: dict[str, str], options: dict[str, object]) -> None:
    path = render_text(PLOS / article, tmp_path / "paper.txt")
    assert merged_aliases(citecheck.parse_file(path, **options)) == merged
    out, result = fixed(path, **options)
    guarantees(path, out, {"CC201"}, **options)
    before, after = citecheck.parse_file(path, **options), citecheck.parse_file(out, **options)
    assert len(after.references) == len(before.references) - 2


def _swap_citations(text: str, a: int, b: int) -> str:
    """Swap two numbers in the bracketed citations of the body (not in the list):
    the manuscript then first cites them out of order."""
    body, sep, refs = text.partition("\nReferences\n")

    def swap(match: re.Match[str]) -> str:
        return re.sub(r"\d+", lambda m: str({a: b, b: a}.get(int(m.group()), int(m.group()))), match.group())

    return re.sub(r"\[[\d,–\- ]+\]", swap, body) + sep + refs


def test_plos_out_of_order_is_renumbered(tmp_path: Path) -> None:
    """pcbi.1004152 (a clean control) with the citations of 2 and 9 swapped: 9 is
    first cited before 3.  The fix numbers 9's entry 2 and 2's entry 9: the body
    reads as the clean article again, and the two entries trade places."""
    source = render_text(PLOS / "journal.pcbi.1004152.xml", tmp_path / "clean.txt")
    path = tmp_path / "paper.txt"
    path.write_text(_swap_citations(source.read_text(encoding="utf-8"), 2, 9), encoding="utf-8")
    before = citecheck.parse_file(path)
    assert before.style is CitationStyle.BRACKET
    assert "CC301" in [f.code for f in citecheck.check_file(path).findings]
    out, _ = fixed(path)
    guarantees(path, out, {"CC301", "CC302"})
    clean = source.read_text(encoding="utf-8")
    new = out.read_text(encoding="utf-8")
    assert new.partition("\nReferences\n")[0] == clean.partition("\nReferences\n")[0]
    expected = [r.text for r in citecheck.parse_file(source).references]
    expected[1], expected[8] = expected[8], expected[1]
    assert [r.text for r in citecheck.parse_file(out).references] == expected
