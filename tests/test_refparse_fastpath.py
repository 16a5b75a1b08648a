"""The reference parser's fast path (``refparse/fastpath.py``) against the general parser.

The fast path may decline any string; when it accepts one, its fields must be
the general parser's, exactly.  Checked on a list of strings here, on strings
generated in both shapes with words chosen to trip the general parser's
heuristics, and on every labelled reference string and manuscript reference of
the shared corpus (skipped when ``../shared`` is absent).
"""

from __future__ import annotations

import importlib.util
import random

import pytest

from citecheck.model import Author, ReferenceFields
from citecheck.refparse import fastpath, parse_reference, parser
from tests.paths import CORPUS, ROOT, needs_shared


def _both(text: str) -> tuple[ReferenceFields | None, ReferenceFields]:
    normalised = parser.normalise(text)
    return fastpath.parse_normalised(normalised), parser.parse_normalised(normalised)


ACCEPTED = [
    "Cheng JN, Jin Z, Su C, et al. Bone metastases diminish extraosseous response. Cancer Cell. 2025;43(6):1093-1107.",
    "Sato M, Ferrari JB. Energy system flow networks. Journal of Neuroscience. 2023;396:3655-3679. doi:10.6328/gen.9996",
    "Müller FD, Santos P. Privacy video distributed trial. Nature Communications. 2009;251:1211-1237. doi: 10.8323/gen.25",
    "Dubois N. Cells for with fast power model disease. Bioinformatics. 2007;84:1130-1154.",
    "Smith J. Response to the editor on stem cells. Blood. 2001;12:5-9.",  # a note, as the general parser takes it
    "Smith J. Stress and clinical systems. N Engl J Med. 2019;380:11-20.",
    "Smith J. Growth of cells. Cancer Cell. 2020;4:1-9. doi:10.1234/abc.",  # the DOI's full stop goes
    "Martin-Facklam A. Crohn's disease: a non-small review. J Clin Oncol. 2015;33(12):1-9.",
    "Cao, Y., Afzal, M. Z., & Shirai, K. (2021). Does denosumab offer survival benefits. "
    "Journal of Thoracic Disease, 13(8), 4668–4677. https://doi.org/10.21037/jtd-21-150",
    "Zelzel, L., Vikpolanchu, S., Vikpol, T., & Mikapolhu, C. (1998a). Fracture gene cell model stem model. "
    "Journal of Yozel, 23, 1-9.",
    "Anber, M. & Rostand, K. (1985). Pain load joint marrow. Journal of Anhu, 43, 1-9.",
    "Zelzeltantan, E. (1981). Gene healing growth density repair. Journal of Marmi, 63, 1-9.",
    "De-Souza JC, Smith J. Bone metastases in mice. Cancer Cell. 2020;4:1-9.",  # a particle and more: a name
    "Smith, J., & Vance, K. (2020). Gene therapy in mice. Journal of Genes, 5, 1-2.",
    "Smith J. Growth of cel--ls. Cancer Cell. 2020;199:1999-2001.",  # a range of pages that read as years
    "Chang JY, Liu LZ. Toxicity of cholesterol oxides on cultured neuroretinal cells. Curr Eye Res 1998; 17: 95-103.",
    "Madri JA, Carter D. Scar cancers of the lung: origin and significance. Hum Pathol 1984; 15:625-631.",
    "McArthur AG, O'Neill S, DeVries L. The Giardia genome project database. FEMS Microbiol Lett 2000; 189:271-273.",
    "MacDonald, M. G., & LaCroix, A. Z. (1986). Preventing complications. Seminars in Perinatology, 10, 224-233.",
    "Cheng JN, Jin Z, Su C, et al. Bone metastases diminish extraosseous response. Cancer Cell. 2025 Jun 9;43(6):1093-1107.",
    "Cheng JN, Jin Z. Bone metastases diminish extraosseous response. Cancer Cell. 2025 Jun 12;43(6):1093-1107.",
    "Smith J. Growth of cells. Cancer Cell 2020 May; 4: 1-9. doi:10.1000/x1",
    "Biegelsen DK, Ponce FA. Initial stages of epitaxial growth. J. Appl. Phys. 1987;61(5):1856-1859.",
    "Smith J. Growth of cells. Phys. Rev. B. 1980;22(8):3917-3920. doi:10.1103/PhysRevB.22.3917",
    "Huang YZ, Won S. Regulation of neuregulin signaling by PSD-95 interacting with erbB4. Neuron 2000; 26:443-455.",
    "Smith J. Mortality within 2 years after surgery in 2009. Lancet. 2010;5:1-9. doi:10.1000/x1",
    "Smith J. The 2nd wave of COVID-19 in 12345678 people. Lancet. 2010;5:1-9. doi:10.1000/x1",
]

DECLINED = [
    "8. Cheng JN, Jin Z. Bone metastases. Cancer Cell. 2025;43(6):1093-1107.",  # a label
    "Cheng JN, Jin Z. Bone metastases. Cancer Cell. 2025 Jun 9;43(6):1093-1107.e9.",  # letters in pages
    "Cheng JN, Jin Z. Bone metastases. Cancer Cell. 2025 Spring;43(6):1093-1107.",  # a season
    "Cheng JN, Jin Z. Bone metastases. Cancer Cell. 2025 Jun12;43(6):1093-1107.",  # a day glued to its month
    "Doi K, Smith J. Bone metastases in mice. Cancer Cell. 2020;4:1-9.",  # "Doi K" reads as a DOI marker
    "Van Damme JC, Smith J. Bone metastases in mice. Cancer Cell. 2020;4:1-9.",  # a particle
    "Study AB, Smith J. Bone metastases in mice. Cancer Cell. 2020;4:1-9.",  # a group word
    "Smith J. Van Gogh. Cancer Cell. 2020;4:1-9.",  # a particle opens the title
    "Smith J. Cats and Dogs Forever. Cancer Cell. 2020;4:1-9.",  # "J" reads as a middle initial
    "Smith J. The role of vitamin D. N Engl J Med. 2020;4:1-9.",  # "D." reads as an initial
    "Smith J. Therapy Volume VI revisited. Cancer Cell. 2020;4:1-9.",  # a volume in the title
    "Smith J. In vitro growth of cells. Cancer Cell. 2020;4:1-9.",  # "In" opens a host
    "Smith J. Growth of cells. Proc Natl Acad Sci USA. 2020;4:1-9.",  # proceedings
    "Smith J. Growth of cells. J Dent Ed. 2020;4:1-9.",  # "Ed. 2020" reads as an edition
    "Smith J. Growth of cells. Pp. 1985;4:1-9.",  # numbers first
    "Smith J. Growth of cells. Cancer Cell. 2020;2019:1-9.",  # a volume that reads as a year
    "Smith J. Growth of cells. Cancer Cell. 2020;4:2001.",  # a page that reads as a year
    "Smith J. Growth of cells. Cancer Cell. 2100;4:1-9.",  # no year to the general parser
    "Smith J. Growth of cells: a PhD thesis. Cancer Cell. 2020;4:1-9.",  # a thesis
    "Smith J. Growth of cells. Cancer Cell. 2020;4:1-9. PMID: 12345678",  # more identifiers
    "Smith J. Growth of cells. Cancer Cell. 2020;4:1-9. doi:10.1234/abc.url",  # a glued URL mark
    "Smith J. Growth of cells. Cancer Cell. 2020;4:1-9. doi:10.1234/abc.url.",
    "Smith J. Growth of cells. Cancer Cell. 2020;4:1-9. doi:10.1234/ABC.Url",
    "Smith J, Van J. Bone metastases in mice. Cancer Cell. 2020;4:1-9.",  # a particle after the first name
    "Smith, J., & Van, K. (2020). Gene therapy in mice. Journal of Genes, 5, 1-2.",
    "Smith J. Growth of cells. Cancer Cell. \uff12\uff10\uff12\uff10;4:1-9.",  # not ASCII digits
    "Smith J. Growth of cells 2nd edition. Cancer Cell. 2020;4:1-9.",  # an edition
    "Smith J. Growth of cells: edition 2. Cancer Cell. 2020;4:1-9.",
    "Smith J. Growth of cells in 2nd. Ed Psychol. 2020;4:1-9.",
    "Smith J. Growth of cells 12345678. Cancer Cell. 2020;4:1-9. doi:10.1000/x1",  # a bare PMID
    "Smith J. 2019 cohort of cells. Cancer Cell. 2020;4:1-9.",  # a year after the names
    "Frenkel J. On the transformation of light into heat. I. Phys. Rev. 1931;37(10):1276-1294.",  # a section
    "Goldner RD. The structure of phagocytes. The effect of particles. Am J Pathol 1977; 89:335-350.",  # a sentence
    "Smith J. Growth of cells. Vol. IV Res. 2020;4:1-9.",  # numbers first
    "Smith, J. (2020). Gene therapy in 12 mice. Journal of Genes, 5, 1-2.",  # digits in an APA title
    "Smith J. Growth of cells. Cancer Cell. 2020;4:1-9. Epub 2020 Jan 5.",
    "Smith J. Growth of cel- ls. Cancer Cell. 2020;4:1-9.",  # a line-break hyphen
    "Smith, J. (2020). Gene Cell. Nature, 5, 1-2.",  # parser._JOURNAL_ONLY: no title
    "Smith, J., & Jones, K. (2020). Title, with a comma. Journal, 12(3), 45–67.",
    "Smith, J. (n.d.). Gene therapy in mice. Journal of Genes, 5, 1-2.",
    "Smith, J. (2020). Gene therapy in mice. Physical Review Letters, 5, 1-2. arXiv:2001.01234",
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_the_fast_path_takes_plain_articles_with_the_general_parsers_fields(text: str) -> None:
    fast, full = _both(text)
    assert fast is not None
    assert fast == full
    assert parse_reference(text) == parser.parse_reference(text)


@pytest.mark.parametrize("text", DECLINED)
def test_the_fast_path_declines_what_the_general_parser_treats_specially(text: str) -> None:
    fast, _ = _both(text)
    assert fast is None
    assert parse_reference(text) == parser.parse_reference(text)


def test_the_fields_of_both_shapes() -> None:
    vancouver = fastpath.parse_normalised(ACCEPTED[0])
    assert vancouver == ReferenceFields(
        authors=(Author("Cheng", "JN"), Author("Jin", "Z"), Author("Su", "C")), et_al=True,
        title="Bone metastases diminish extraosseous response", container="Cancer Cell", year=2025,
        volume="43", issue="6", pages="1093-1107", type="article",
    )
    apa = fastpath.parse_normalised(parser.normalise(next(text for text in ACCEPTED if text.startswith("Cao"))))
    assert apa is not None
    assert (apa.authors[1], apa.year, apa.volume, apa.issue, apa.pages, apa.doi) == (
        Author("Afzal", "M. Z."), 2021, "13", "8", "4668-4677", "10.21037/jtd-21-150"
    )


# -- generated strings ---------------------------------------------------------------------

# Names and words the general parser's heuristics react to, among plain ones.
_FAMILIES = (
    "Smith Jones Cheng Müller Li Wu Ng Doi Van De Le Da Al El St Ben Group Study Team Union Ed In Proc Del "
    "Martin-Facklam Öberg Thesis Report Press May Vol No Et And Dir Eds Response Reply Ito Kim Dubois Sato "
    "Cells Science Nature Proceedings Conference Journal University Della Dos Ter Ten Abu Von Du Di La Survey"
    " McArthur MacDonald O'Neill DeVries LaCroix VanDamme DiMaggio LeBlanc VonTrapp DaSilva McGroup DeStudy"
).split()
_INITIALS = "A B J K M N P S Y Z D E L JN PH DE LA AL ED EL ET KL AB ABC DWS V II IV".split()
_TRICKY = (
    "a the of in and vs etc al pp no vol ca cf A I In And Ed Eds Dir Vol Volume No St Dr Van De Le Gogh La Al "
    "response Response reply comment Erratum correction retraction expression concern notice thesis PhD Ph D "
    "dissertation doctoral report technical Technical working paper Proceedings conference Conf symposium "
    "workshop ICML NeurIPS Advances Lecture Notes cited available retrieved accessed online from May June Jan "
    "edition Edition ed edn doi http pmc pmid arxiv preprint Press University Springer Books Group Study "
    "Crohn's non-small Cancer: ApJ Lett Phys Rev J Am Med N Engl Nature Cell Letters Journal Transactions IEEE "
    "v V S P p page Pages Issue Num Nr II IV VI research square ssrn bioRxiv Special by Ahead appear press "
    "forthcoming Doctoral Master's Unpublished Trans Edited Tech Rep Hrsg Editors x X y Y ph d"
    " 2 12 2009 1999 2nd 3rd 1st 4th 12345678 1234567 123456789 p53 H1N1 COVID-19 3D 1a A1 2019-nCoV 10th ed edn"
).split()
_PLAIN = "cancer cells gene therapy model stem marrow growth density repair signal analysis clinical trial".split()


def _words(rng: random.Random, most: int) -> str:
    tricky = rng.choice([0.02, 0.1, 0.3])
    words = [rng.choice(_TRICKY) if rng.random() < tricky else rng.choice(_PLAIN) for _ in range(rng.randint(1, most))]
    return " ".join([words[0][:1].upper() + words[0][1:], *words[1:]])


def _numbers(rng: random.Random) -> tuple[str, str, str]:
    year = str(rng.choice([rng.randint(1950, 2025)] * 6 + [1499, 1850, 2100]))
    volume = str(rng.choice([rng.randint(1, 500)] * 6 + [1999, 2020, 12345]))
    first = rng.choice([rng.randint(1, 9000)] * 4 + [2019, 123456])
    pages = rng.choice([f"{first}-{first + rng.randint(1, 30)}", f"{first}–{first + 5}", str(first)])
    return year, volume, pages


def _doi(rng: random.Random) -> str:
    suffix = rng.choice(["gen.12", "nature12373", "j.cell.2019.01.002", "abc.url", "x.pmid", "ED.5", "a/b.c"])
    return f"10.{rng.randint(1000, 99999)}/{suffix}"


def _vancouver(rng: random.Random) -> str:
    names = ", ".join(f"{rng.choice(_FAMILIES)} {rng.choice(_INITIALS)}" for _ in range(rng.randint(1, 5)))
    year, volume, pages = _numbers(rng)
    issue = rng.choice(["", "", f"({rng.randint(1, 12)})"])
    journal = " ".join(word + rng.choice(["", "", "."]) for word in _words(rng, 4).split(" ")).rstrip(".")
    journal, semicolon, colon = journal + rng.choice([".", ".", ""]), rng.choice([";", "; "]), rng.choice([":", ": "])
    year += rng.choice(["", "", "", " Jan", " May", " Jun 9", " Feb 29", " Dec 31", " Oct 1", " Nov 17"])
    text = f"{names}{rng.choice(['.', '.', ', et al.'])} {_words(rng, 8)}. {journal} {year}{semicolon}{volume}{issue}{colon}{pages}."
    return text + rng.choice(["", "", f" doi:{_doi(rng)}", f" doi: {_doi(rng)}."])


def _apa(rng: random.Random) -> str:
    names = [f"{rng.choice(_FAMILIES)}, " + " ".join(f"{c}." for c in rng.choice(_INITIALS)[:2])
             for _ in range(rng.randint(1, 5))]
    head = names[0] if len(names) == 1 else ", ".join(names[:-1]) + rng.choice([", & ", " & "]) + names[-1]
    year, volume, pages = _numbers(rng)
    issue = rng.choice(["", "", f"({rng.randint(1, 12)})"])
    text = f"{head} ({year}{rng.choice(['', 'a'])}). {_words(rng, 8)}. {_words(rng, 4)}, {volume}{issue}, {pages}."
    return text + rng.choice(["", "", f" https://doi.org/{_doi(rng)}", f" doi:{_doi(rng)}."])


def _disagreements(texts: list[str]) -> tuple[int, list[str]]:
    """How many of ``texts`` the fast path accepts, and those where it differs."""
    accepted, wrong = 0, []
    for text in texts:
        fast, full = _both(text)
        if fast is not None:
            accepted += 1
            if fast != full:
                wrong.append(text)
    return accepted, wrong


def test_generated_references_agree() -> None:
    rng = random.Random(16)
    texts = [(_vancouver if i % 2 else _apa)(rng) for i in range(4000)]
    accepted, wrong = _disagreements(texts)
    assert not wrong, wrong[:5]
    assert accepted > 200  # the generator still writes strings the fast path takes


# -- the shared corpus -----------------------------------------------------------------------


def _bench():
    spec = importlib.util.spec_from_file_location("parse_accuracy", ROOT / "bench" / "parse_accuracy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _labelled_strings() -> list[str]:
    import re

    bench = _bench()
    base = CORPUS / "refstrings"
    texts = [text for text, _ in bench.anystyle(base / "anystyle" / "gold.xml")]
    for path in sorted((base / "grobid").glob("*.xml")):
        texts.extend(text for text, _ in bench.grobid(path))
    for path in sorted((base / "parscit").glob("*.tagged.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = " ".join(re.sub(r"</?[a-z_-]+>", " ", line).split())
            if text:
                texts.append(text)
    texts.extend(text for text, _ in bench.jats_mixed(CORPUS / "jats"))
    return texts


def _manuscript_references() -> list[str]:
    from citecheck.readers import read_path
    from citecheck.readers.options import ReadOptions
    from tests.corpus_refs import bib_references

    texts: list[str] = []
    for path in sorted(p for p in CORPUS.rglob("*") if p.is_file()):
        if path.suffix == ".bib":  # printed as a Vancouver reference string
            texts.extend(ref.text for ref in bib_references(path))
        if path.suffix == ".json" or path.name == "PROVENANCE.md" or "refstrings" in path.parts:
            continue
        try:
            document = read_path(str(path), ReadOptions())
        except Exception:  # not a manuscript the readers take
            continue
        texts.extend(ref.text for ref in document.references if ref.fields is None)
    return texts


@needs_shared
def test_every_labelled_reference_string_agrees() -> None:
    texts = _labelled_strings()
    assert len(texts) > 7000
    accepted, wrong = _disagreements(texts)
    assert not wrong, wrong[:5]
    assert accepted > 50


@needs_shared
def test_every_corpus_manuscript_reference_agrees() -> None:
    texts = _manuscript_references()
    assert len(texts) > 100
    _, wrong = _disagreements(texts)
    assert not wrong, wrong[:5]
