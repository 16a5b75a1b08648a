"""CC201 and CC203 on the duplicate classes that real reference lists showed
(issue 15, class 4): false alarms to avoid and real pairs to find.

Each case is a two-entry list written the way the published lists wrote it
(names and titles shortened or made up where the original is not ours to
copy); the real-file tests are in tests/test_duplicates_corpus.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.api import check_file, check_text


def run(*refs: str, codes: tuple[str, ...] = ("CC201",)) -> list[tuple[str, tuple[str, ...], int, int]]:
    cites = " ".join(f"[{i}]" for i in range(1, len(refs) + 1))
    body = "\n".join(f"{i}. {ref}" for i, ref in enumerate(refs, 1))
    report = check_text(f"Text {cites}.\n\nReferences\n{body}\n", select=list(codes))
    return [(f.code, f.references, f.location.line, f.location.column) for f in report.findings]


ASPIRIN = "A randomised trial of aspirin in stroke"

FOUND = {
    # Letters that Unicode decomposition does not fold.
    "o-slash": (
        "Sørensen TIA, Holst C, Stunkard AJ. Obesity and mortality in twins. Int J Obes. 1998;22(10):1033-40.",
        "Sorensen TIA, Holst C, Stunkard AJ. Obesity and mortality in twins. Int J Obes. 1998;22(10):1033-40.",
    ),
    "o-slash-ring": (
        "Ødegård R, Berg K. Snow cover in Norway. J Glaciol. 2003;49:11-20.",
        "Odegard R, Berg K. Snow cover in Norway. J Glaciol. 2003;49:11-20.",
    ),
    "l-stroke": (
        "Łukasiewicz J. Philosophical remarks on many-valued systems of propositional logic. "
        "Studia Philosophica. 1930;1:1-20.",
        "Lukasiewicz J, Tarski A. Philosophical remarks on many-valued systems of propositional logic. "
        "Stud Philos. 1930;1:1-20.",
    ),
    "sharp-s": (
        "Straße K, Beck L. Urban heat islands in dense cities. Clim Res. 2011;48:23-31.",
        "Strasse K, Beck L. Urban heat islands in dense cities. Climate Research. 2011;48:23-31.",
    ),
    # Romanised Chinese names, surname first in one entry and last in the other.
    "chinese-order": (
        "Zhang Wei, Liu Yang. Bone metastasis and immune escape in lung cancer. Cancer Lett. 2019;450:1-10.",
        "Wei Zhang, Yang Liu. Bone metastasis and immune escape in lung cancer. Cancer Lett. 2019;450:1-10.",
    ),
    "chinese-order-full": (
        "Xiaoming Li, Jianguo Wang. Bone metastasis and immune escape. Cancer Lett. 2019;450:1-10.",
        "Li Xiaoming, Wang Jianguo. Bone metastasis and immune escape. Cancer Lett. 2019;450:1-10.",
    ),
    # Author lists the typesetter garbled: the field parse fails on one side.
    "others-a": (
        f"Smith J, others a. {ASPIRIN}. Lancet. 2001;357:1025-31.",
        f"Smith J, Brown K, et al. {ASPIRIN}. Lancet. 2001;357:1025-31.",
    ),
    "others-a-two-authors": (
        f"Smith J, Brown K, others a. {ASPIRIN}. Lancet. 2001;357:1025-31.",
        f"Smith J, Brown K, et al. {ASPIRIN}. Lancet. 2001;357:1025-31.",
    ),
    "doubled-initial": (
        f"Smith J. J.,, Brown K. {ASPIRIN}. Lancet. 2001;357:1025-31.",
        f"Smith JJ, Brown K. {ASPIRIN}. Lancet. 2001;357:1025-31.",
    ),
    # The title runs into the journal name without a full stop.
    "title-into-journal": (
        f"Smith J, Brown K. {ASPIRIN} Lancet 2001;357:1025-31.",
        f"Smith J, Brown K. {ASPIRIN}. Lancet. 2001;357:1025-31.",
    ),
    # A long note appended to the title.
    "note-appended": (
        f"Smith J, Brown K. {ASPIRIN}: results of the international multicentre study group, presented in "
        "part at the European Stroke Conference. Lancet. 2001;357:1025-31.",
        f"Smith J, Brown K. {ASPIRIN}. Lancet. 2001;357:1025-31.",
    ),
    # An export lost the letters with diacritics (Smolčić -> Smoli).
    "family-name-mangled": (
        "Smolčić V, Zamorani G. Cosmic evolution of radio selected active galactic nuclei in the COSMOS "
        "field. Astrophys J. 2009;696:24-39.",
        "Smoli V. Cosmic evolution of radio selected active galactic nuclei in the COSMOS field. "
        "Astrophys J. 2009;696:24-39.",
    ),
    # One DOI (once a dx.doi.org address), one volume and page: numbers written
    # otherwise in the title do not make two works.
    "doi-number-written-otherwise": (
        "Smith A. Two-dimensional flows in 3 regimes. J Fluid Mech. 2015;526:68-74. "
        "http://dx.doi.org/10.1017/jfm.2015.1",
        "Smith A. Two-dimensional flows in three regimes. J Fluid Mech. 2015;526:68-74. doi:10.1017/jfm.2015.1",
    ),
}

NOT_FOUND = {
    # Volume words in other languages.
    "volumen": (
        "Müller H. Geschichte der Kunst, Volumen II. Berlin: Springer; 1999.",
        "Müller H. Geschichte der Kunst, Volumen III. Berlin: Springer; 1999.",
    ),
    "band": (
        "Müller H. Geschichte der Kunst, Band 2. Berlin: Springer; 1999.",
        "Müller H. Geschichte der Kunst, Band 3. Berlin: Springer; 1999.",
    ),
    # A chapter by five people (the book's two editors among them, its own title
    # missing, as in a real eLife reference) and the book by its two editors.
    "chapter-and-book": (
        "Symes S, L'Abbé E, Stull K, La Croix M, Pokines J. Manual of forensic taphonomy. "
        "Boca Raton: CRC Press; 2013. p. 341-65.",
        "Pokines JT, Symes SA. Manual of forensic taphonomy. Boca Raton: CRC Press; 2013.",
    ),
    # The same title, year, volume and page by other people is never reported.
    "other-people": (
        "Cheng JN, Jin Z. Bone metastases diminish response to immunotherapy. Cancer Cell. 2025;43(6):1093-107.",
        "Wang L, Zhou Q. Bone metastases diminish response to immunotherapy. Cancer Cell. 2025;43(6):1093-107.",
    ),
    "part-1-and-2": (
        "Smith A. Flows in pipes. Part 1. J Fluid Mech. 2015;526:68-74.",
        "Smith A. Flows in pipes. Part 2. J Fluid Mech. 2015;526:75-80.",
    ),
    # Page 1 starts every article of an article-numbered journal.
    "page-one": (
        "Kim S, Lee J. Excitons in GaN nanowires. Phys Rev B. 2015;91:1-8.",
        "Kim S, Lee J. Excitons in GaN nanowires under strain. Phys Rev B. 2015;91:1-9.",
    ),
    # The same people, year and DOI-less numbers, but one title extends a
    # short other: too short to say.
    "short-prefix": (
        "Smith J, Brown K. Aspirin. Lancet. 2001;357:1025-31.",
        "Smith J, Jones P. Aspirin in stroke: the first results. Lancet. 2001;357:1032-35.",
    ),
}


@pytest.mark.parametrize("name", sorted(FOUND))
def test_real_pair_is_found(name: str) -> None:
    assert run(*FOUND[name]) == [("CC201", ("1", "2"), 5, 1)]


@pytest.mark.parametrize("name", sorted(NOT_FOUND))
def test_look_alikes_are_not_duplicates(name: str) -> None:
    assert run(*NOT_FOUND[name]) == []


def test_evidence_says_what_survived_the_bad_parse() -> None:
    text = "Text [1] [2].\n\nReferences\n1. {}\n2. {}\n".format(*FOUND["title-into-journal"])
    (finding,) = check_text(text, select=["CC201"]).findings
    assert finding.message == (
        "references 1 and 2 are the same work (same authors, year, volume and pages); cite reference 1"
    )
    text = "Text [1] [2].\n\nReferences\n1. {}\n2. {}\n".format(*FOUND["family-name-mangled"])
    (finding,) = check_text(text, select=["CC201"]).findings
    assert "(same title, year, volume and pages)" in finding.message


BIB_THESIS = """\
@book{jang2005,
  author = {Jang, Joon Ik},
  title = {Lifetimes of Excitons in Cuprous Oxide},
  publisher = {University of Illinois at Urbana-Champaign},
  year = {2005},
}

@phdthesis{jang2005thesis,
  author = {Jang, J. I.},
  title = {Lifetimes of excitons in cuprous oxide},
  school = {University of Illinois at Urbana-Champaign},
  year = {2005},
}

@phdthesis{otter2007,
  author = {Otter, K.},
  title = {Lifetime of Paraexcitons in Cuprous Oxide},
  school = {University of Tübingen},
  year = {2007},
}
"""

BIB_SOFTWARE = """\
@misc{scipy,
  author = {{The SciPy Community}},
  title = {SciPy},
  year = {2020},
  url = {https://scipy.org},
}

@misc{scipylectures,
  author = {{The SciPy Community}},
  title = {SciPy Lectures},
  year = {2020},
  url = {https://scipy-lectures.org},
}

@misc{scipyagain,
  author = {{The SciPy Community}},
  title = {SciPy},
  year = {2020},
  url = {http://www.scipy.org/},
}
"""


def _codes(path: Path, code: str) -> list[tuple[int, tuple[str, ...]]]:
    return [(f.location.line, f.references) for f in check_file(path, select=[code]).findings]


def test_thesis_typed_as_book_and_its_phdthesis_twin(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB_THESIS, encoding="utf-8")
    assert _codes(bib, "CC201") == [(8, ("jang2005", "jang2005thesis"))]


def test_short_software_titles_at_other_addresses(tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB_SOFTWARE, encoding="utf-8")
    # "SciPy" twice at one address (scheme, www. and a trailing slash aside) is
    # one thing listed twice; "SciPy Lectures" at another address is another.
    assert _codes(bib, "CC201") == [(15, ("scipy", "scipyagain"))]


BIB_VERSIONS = """\
@article{smith2019preprint,
  author = {Smith, Jane and Brown, Kim},
  title = {Graph neural networks for protein structure prediction},
  journal = {arXiv preprint arXiv:1901.00001},
  year = {2019},
}

@article{smith2020journal,
  author = {Smith, Jane and Brown, Kim},
  title = {Graph neural networks for protein structure prediction},
  journal = {Bioinformatics},
  volume = {36},
  pages = {100--110},
  year = {2020},
}
"""


@pytest.mark.parametrize(
    ("cited", "expected"),
    [
        ("smith2020journal", []),  # the journal version cited: the unused preprint does no harm
        ("smith2019preprint", [(1, ("smith2019preprint", "smith2020journal"))]),  # at the cited preprint
        ("smith2019preprint,smith2020journal", [(8, ("smith2019preprint", "smith2020journal"))]),
    ],
)
def test_related_version_of_a_shared_bib(tmp_path: Path, cited: str, expected: list) -> None:
    (tmp_path / "refs.bib").write_text(BIB_VERSIONS, encoding="utf-8")
    tex = tmp_path / "paper.tex"
    tex.write_text(f"Prior work \\cite{{{cited}}}.\n\\bibliography{{refs}}\n", encoding="utf-8")
    found = [(f.location.line, f.references) for f in check_file(tex, select=["CC203"]).findings]
    assert found == expected
