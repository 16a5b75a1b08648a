"""CC108 et-al-usage: an opt-in rule, its documented examples, exact findings and selection."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

import citecheck
from citecheck.cli import cli
from citecheck.config import Config, RuleSettings
from citecheck.rules import REGISTRY

RULE = REGISTRY["CC108"]

LIST = """
References
Lee, C., Park, D., & Kim, E. (2018). Bone loss in mice. Bone, 5, 6-7.
Ng, A., Ho, B., Yu, C., & Ma, D. (2016). Bone loss in rats. Bone, 2, 1-2.
Smith, J., & Jones, K. (2020). Bone loss. Bone, 4, 2-8.
Talamini, R., Franceschi, S., Dal Maso, L., Negri, E., & La Vecchia, C. (1998). Colon. Eur J Cancer, 34, 1070-1076.
White, W. (2017). Bone loss alone. Bone, 3, 1-2.
World Health Organization [WHO]. (2019). Report. Geneva: WHO.
"""


def _example(which: str) -> str:
    match = re.search(which + r"::\n\n(.*?)(?=\n\S|\Z)", RULE.doc, re.S)
    assert match, which
    return textwrap.dedent(match.group(1)).strip() + "\n"


def _found(text: str, **options: object) -> list[tuple[str, int, int, str]]:
    rules = {"CC108": RuleSettings(options=options)} if options else {}
    report = citecheck.check_text(text, select=["CC108"], rules=rules)
    return [(f.code, f.location.line, f.location.column, f.message) for f in report.findings]


def test_documented_bad_example_is_found() -> None:
    assert [code for code, *_ in _found(_example("Bad"))] == ["CC108", "CC108"]


def test_documented_good_example_is_clean() -> None:
    assert _found(_example("Good")) == []


def test_exact_findings_apa7() -> None:
    text = (
        "Loss (Smith et al., 2020) and mice (Lee, Park, & Kim, 2018).\n"
        "White et al. (2017) and Lee et al. (2018) and Smith and Jones's (2020) view.\n"
        "Rats (Ng, Ho, Yu, & Ma, 2016), colon (Talamini et al., 1998), (WHO, 2019).\n" + LIST
    )
    assert _found(text) == [
        ("CC108", 1, 7, 'citation "Smith et al., 2020" writes "et al." but reference "Smith 2020" '
         "has 2 authors; name them: Smith and Jones"),
        ("CC108", 1, 37, 'citation "Lee, Park, & Kim, 2018" names all 3 authors of reference "Lee 2018"; '
         'with 3 or more authors write "Lee et al."'),
        ("CC108", 3, 7, 'citation "Ng, Ho, Yu, & Ma, 2016" names all 4 authors of reference "Ng 2016"; '
         'with 3 or more authors write "Ng et al."'),
    ]


def test_et_al_on_a_single_author_is_left_to_cc105() -> None:
    text = "White et al. (2017) said so.\n" + LIST
    report = citecheck.check_text(text, select=["CC105", "CC108"])
    assert [(f.code, f.location.line, f.location.column) for f in report.findings] == [("CC105", 1, 1)]


def test_min_authors_four_for_chicago_and_harvard() -> None:
    text = "Mice (Lee et al., 2018) and (Lee, Park, & Kim, 2018), rats (Ng et al., 2016).\n" + LIST
    assert _found(text, **{"min-authors": 4}) == [
        ("CC108", 1, 7, 'citation "Lee et al., 2018" writes "et al." but reference "Lee 2018" '
         "has 3 authors; name them: Lee, Park and Kim"),
    ]


def test_an_author_list_it_cannot_count_is_not_judged() -> None:
    # "Dal Maso" stops the head's name reading: the count is unsure, so no finding.
    text = "Colon (Talamini et al., 1998) and (Talamini & Franceschi, 1998).\n" + LIST
    assert [f for f in _found(text) if "Talamini" in f[3]] == []


def test_not_a_default_rule_nor_picked_by_a_prefix() -> None:
    text = _example("Bad")
    assert citecheck.check_text(text).findings == []
    assert [f.code for f in citecheck.check_text(text, select=["CC1"]).findings] == []
    assert [f.code for f in citecheck.check_text(text, select=["CC"]).findings] == []
    for selector in ("CC108", "et-al-usage", "ALL"):
        codes = {f.code for f in citecheck.check_text(text, select=[selector]).findings}
        assert codes == {"CC108"}, selector
    config = Config.from_options(extend_select=["CC108"], ignore=["CC108"])
    assert not config.enabled(RULE)
    assert Config.from_options(extend_select=["CC108"], ignore=["CC1"]).enabled(RULE)


def test_cli_and_config_file(tmp_path: Path) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_text(_example("Bad"), encoding="utf-8")
    runner = CliRunner()
    plain = runner.invoke(cli, ["check", "--isolated", str(paper)])
    assert plain.exit_code == 0 and "CC108" not in plain.output
    chosen = runner.invoke(cli, ["check", "--isolated", "--extend-select", "CC108", str(paper)])
    assert chosen.exit_code == 1
    assert chosen.output.count("CC108") == 2
    (tmp_path / "pyproject.toml").write_text(
        '[tool.citecheck]\nextend-select = ["et-al-usage"]\n\n'
        "[tool.citecheck.rules.et-al-usage]\nmin-authors = 4\n",
        encoding="utf-8",
    )
    configured = runner.invoke(cli, ["check", str(paper)])
    # With four authors needed for "et al.", three names in full are right; "Smith et al." stays wrong.
    assert configured.output.count("CC108") == 1
    assert 'citation "Smith et al., 2020"' in configured.output
    rules = runner.invoke(cli, ["rules"]).output
    assert "CC108" in rules and "opt-in" in rules
    assert runner.invoke(cli, ["explain", "CC108"]).output.startswith("CC108 et-al-usage [warning, opt-in]")


@pytest.mark.parametrize("name", ["sample2.txt"])
def test_real_author_year_paper(name: str) -> None:
    from tests.paths import CORPUS

    path = CORPUS / "plaintext" / "parscit_demodata" / name
    if not path.exists():
        pytest.skip("shared/corpus is not beside the repository")
    report = citecheck.check_file(path, select=["CC108"])
    assert [(f.location.line, f.location.column, f.references) for f in report.findings] == [
        (84, 2, ("Mitchell 1986",)),
    ]


def test_a_prefix_still_ignores_and_suppresses_an_opt_in_rule() -> None:
    text = _example("Bad")
    assert citecheck.check_text(text, select=["ALL"], ignore=["CC"]).findings == []
    # The more specific selector wins, as for every rule: CC108 beats an ignored CC1.
    assert len(citecheck.check_text(text, select=["CC108"], ignore=["CC1"]).findings) == 2
    hidden = "<!-- citecheck: ignore-file CC1 -->\n" + text
    assert citecheck.check_text(hidden, select=["CC108"]).findings == []


def test_names_written_out_to_tell_two_entries_apart_are_right() -> None:
    # APA 7 section 8.18: "Lee et al., 2018" would fit both, so the names are written out.
    text = (
        "Mice (Lee, Park, & Kim, 2018) and dogs (Lee, Park, & Choi, 2018).\n\nReferences\n"
        "Lee, C., Park, D., & Choi, F. (2018). Bone loss in dogs. Bone, 5, 8-9.\n"
        "Lee, C., Park, D., & Kim, E. (2018). Bone loss in mice. Bone, 5, 6-7.\n"
    )
    assert _found(text) == []


def test_one_finding_per_citation_for_names_written_once() -> None:
    text = (
        "Results (Smith, Jones, & Lee, 2020a, 2020b) and (Kim et al., 2018, 2019).\n\nReferences\n"
        "Kim, A., & Ho, B. (2018). First bone study. Bone, 1, 1-2.\n"
        "Kim, A., & Ho, B. (2019). Second bone study. Bone, 2, 1-2.\n"
        "Smith, J., Jones, K., & Lee, C. (2020a). One bone study. Bone, 4, 2-8.\n"
        "Smith, J., Jones, K., & Lee, C. (2020b). Two bone study. Bone, 4, 9-10.\n"
    )
    assert [(code, line, column) for code, line, column, _ in _found(text)] == [("CC108", 1, 10), ("CC108", 1, 50)]


@pytest.mark.parametrize("value", ["1", "0", "4.0", "2.5", '"4"'])
def test_min_authors_must_be_a_whole_number_from_two(tmp_path: Path, value: str) -> None:
    paper = tmp_path / "paper.txt"
    paper.write_text(_example("Bad"), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        f"[tool.citecheck.rules.et-al-usage]\nmin-authors = {value}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--extend-select", "CC108", str(paper)])
    assert result.exit_code == 2
    assert "min-authors" in result.output and "Traceback" not in result.output


def test_sarif_lists_the_opt_in_rule_as_disabled_by_default(tmp_path: Path) -> None:
    import json

    paper = tmp_path / "paper.txt"
    paper.write_text(_example("Good"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--isolated", "--format", "sarif", str(paper)])
    rules = {r["id"]: r for r in json.loads(result.output)["runs"][0]["tool"]["driver"]["rules"]}
    if "CC108" in rules:
        assert rules["CC108"]["defaultConfiguration"]["enabled"] is False
    assert rules["CC101"]["defaultConfiguration"]["enabled"] is True
