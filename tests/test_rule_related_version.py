"""CC203 related-version: conference or preprint and journal versions of one work."""

from __future__ import annotations

from citecheck.api import check_text
from citecheck.model import Severity

CONFERENCE = (
    "Besser KL, Schaefer RF, Poor HV. Reliability and latency of wireless communication systems with a "
    "secret-key budget. In: 2024 IEEE International Conference on Communications (ICC). IEEE; 2024."
)
JOURNAL = (
    "Besser KL, Schaefer RF, Poor HV. Reliability and latency analysis for wireless communication systems "
    "with a secret-key budget. IEEE Trans Commun. 2024;72(2):1033-44."
)


def run(*refs: str, codes: tuple[str, ...] = ("CC203",)) -> list:
    cites = " ".join(f"[{i}]" for i in range(1, len(refs) + 1))
    body = "\n".join(f"{i}. {ref}" for i, ref in enumerate(refs, 1))
    return check_text(f"Text {cites}.\n\nReferences\n{body}\n", select=list(codes)).findings


def test_conference_and_journal_version() -> None:
    (finding,) = run(CONFERENCE, JOURNAL)
    assert finding.severity is Severity.INFO
    assert finding.references == ("1", "2")
    assert (finding.location.line, finding.location.column) == (5, 1)
    assert finding.message == (
        "references 1 and 2 may be two versions of one work: reference 1 is a conference paper and "
        "reference 2 a journal article, with similar titles and the same first author; "
        "keep both only if both are meant"
    )
    assert [(r.location.line, r.message) for r in finding.related] == [
        (4, "reference 1: a conference paper"),
        (5, "reference 2: a journal article"),
    ]


def test_preprint_and_journal_version() -> None:
    preprint = (
        "Vaswani A, Shazeer N, Parmar N, et al. Attention is all you need. arXiv:1706.03762. 2017."
    )
    journal = (
        "Vaswani A, Shazeer N, Parmar N, et al. Attention is all you need. Adv Neural Inf Process Syst. "
        "2017;30:5998-6008."
    )
    (finding,) = run(preprint, journal)
    assert "reference 1 is a preprint and reference 2 a journal article" in finding.message


def test_related_versions_are_not_duplicates_and_vice_versa() -> None:
    assert run(CONFERENCE, JOURNAL, codes=("CC201",)) == []
    assert run(JOURNAL, JOURNAL.replace("2024;", "2024 ;")) == []


def test_different_first_author_is_not_related() -> None:
    other = CONFERENCE.replace("Besser KL, Schaefer RF", "Schaefer RF, Besser KL")
    assert run(other, JOURNAL) == []


def test_unrelated_conference_paper() -> None:
    conference = (
        "Peng B, Besser KL, Raghunath R, Jorswieck EA. Non-convex optimization of energy efficient power "
        "control in interference networks via machine learning. In: GLOBECOM 2023 - 2023 IEEE Global "
        "Communications Conference. IEEE; 2023. p. 6315-21."
    )
    journal = (
        "Peng B, Besser KL, Raghunath R, Jorswieck EA. Approaching globally optimal energy efficiency in "
        "interference networks via machine learning. IEEE Trans Wirel Commun. 2023;22(12):9313-26."
    )
    assert run(conference, journal) == []
