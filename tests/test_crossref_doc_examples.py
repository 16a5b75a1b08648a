"""Each Crossref rule's Bad:: example gives its finding and its Good:: example
does not, checked end to end (reader, reference parser, verifier, rule)
against the local server, so the documentation cannot drift from behaviour.

The works behind the 10.5555 examples (Crossref's test prefix) and the search
answers are built here in Crossref's shape; the other DOIs are recorded.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from crossref_server import FakeCrossref, load_recorded, make_work, recorded, update_entry
from crossref_support import server_fixture  # noqa: F401 (fixture)

from citecheck.api import check_paths
from citecheck.config import Config
from citecheck.crossref import CrossrefSettings
from citecheck.rules import REGISTRY

pytest.importorskip("citecheck.refparse", reason="the examples are parsed by the reference parser")


def example(code: str, which: str) -> list[str]:
    """The reference entries of a rule's ``Bad::`` or ``Good::`` block, one line each."""
    doc = REGISTRY[code].doc
    block = doc.split(f"{which}::", 1)[1].split("Good::", 1)[0] if which == "Bad" else \
        doc.split("Good::", 1)[1]
    lines = textwrap.dedent(block.strip("\n")).splitlines()
    entries: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        if re.match(r"\d+\. ", line):
            entries.append(line.strip())
        else:
            entries[-1] += " " + line.strip()
    return entries


def _retracted(server: FakeCrossref) -> None:
    server.add_work(make_work("10.5555/retracted.2012", "A finding that did not hold", "Example",
                              2012, "J Examples", **{"updated-by": [update_entry(
                                  "10.5555/retraction.2019", "retraction", (2019, 5, 6),
                                  source="retraction-watch", **{"record-id": "12345"})]}))
    server.add_work(make_work("10.5555/sound.2014", "A finding that did hold", "Example", 2014,
                              "J Examples"))


def _concern(server: FakeCrossref) -> None:
    server.add_work(make_work("10.5555/disputed.2016", "A disputed study of many things", "Example",
                              2016, "J Examples", **{"updated-by": [update_entry(
                                  "10.5555/eoc.2017", "expression_of_concern", (2017, 3, 4))]}))
    server.add_work(make_work("10.5555/undisputed.2016", "An undisputed study of many things",
                              "Example", 2016, "J Examples"))


def _corrected(server: FakeCrossref) -> None:
    server.add_work(make_work("10.1016/j.combustflame.2019.01.006", "A Chemical Pathway Perspective "
                              "on the Kinetics of Low-Temperature Ignition of Propane", "Bai", 2019,
                              "Combustion and Flame", volume="202", page="154-178"))


def _searches(server: FakeCrossref) -> None:
    server.add_search("cermine", recorded("sbm_worklist_query.bibliographic_CERMINE_ref.json"))
    lieber = {**load_recorded()["10.1002/jor.1100150407"], "score": 95.0}
    server.add_search("lieber", {"status": "ok", "message-type": "work-list",
                                 "message": {"total-results": 1, "items": [lieber]}})


SETUP: dict[str, Callable[[FakeCrossref], None]] = {
    "CC503": _retracted, "CC504": _concern, "CC505": _corrected, "CC507": _searches, "CC508": _searches,
}
CODES = ["CC401", "CC501", "CC502", "CC503", "CC504", "CC505", "CC506", "CC507", "CC508"]


@pytest.mark.parametrize("which", ["Bad", "Good"])
@pytest.mark.parametrize("code", CODES)
def test_documented_example(code: str, which: str, server: FakeCrossref, tmp_path: Path) -> None:
    SETUP.get(code, lambda s: None)(server)
    entries = example(code, which)
    numbers = [e.split(".", 1)[0] for e in entries]
    text = "".join(f"As shown [{n}].\n" for n in numbers) + "\nReferences\n" + "\n".join(entries) + "\n"
    paper = tmp_path / "example.txt"
    paper.write_text(text, encoding="utf-8")
    report = check_paths([paper], Config.from_options(select=[code]),
                         crossref=CrossrefSettings(base_url=server.url, cache_dir=tmp_path / "cache"))
    codes = [f.code for f in report.findings]
    assert report.unverified == 0, report.notes
    if which == "Bad":
        assert codes == [code], report.findings
    else:
        assert codes == [], report.findings
