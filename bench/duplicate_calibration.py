"""The labelled pairs behind the duplicate detector's thresholds.

Usage (from the repository root, ``../shared`` beside it)::

    PYTHONPATH=src:. python bench/duplicate_calibration.py

Prints recall on the pairs of the shared corpus read by eye as duplicates
or related versions (checked through the real readers), then the title
similarity (``rapidfuzz.fuzz.ratio`` of normalised titles, 0-100) of every
labelled pair in the shared corpus -- verified duplicates,
related versions and verified non-duplicates -- and, on the synthetic lists of
``bench/duplicates.py``, the lowest score of a planted duplicate and how many
non-duplicate pairs with agreeing first authors score above the threshold
(those must be stopped by the guards, not by the threshold).  Read with the
constants in ``citecheck.duplicates``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from rapidfuzz import fuzz

from citecheck import duplicates as D
from citecheck.duplicates.index import build_records
from citecheck.model import Reference, Span
from citecheck.refparse import parse_reference
from tests.corpus_refs import bib_references, jats_references
from tests.paths import CORPUS

PLOS = CORPUS / "jats" / "plos"
KLB2 = CORPUS / "bib_duplicates" / "klb2_bibtex-tools" / "duplicate_content.bib"
TIDY = CORPUS / "bib_duplicates" / "bibtex-tidy_user_libraries"

LABELLED = [
    # (reference list, label a, label b, kind)
    (("jats", PLOS / "journal.pcbi.1004141.xml"), "21", "46", "duplicate"),
    (("jats", PLOS / "journal.pcbi.1004141.xml"), "14", "44", "duplicate"),
    (("jats", PLOS / "journal.pone.0160653.xml"), "24", "52", "duplicate"),
    (("jats", PLOS / "journal.pone.0160653.xml"), "53", "74", "duplicate"),
    (("jats", PLOS / "journal.ppat.1002247.xml"), "31", "50", "duplicate"),
    (("jats", PLOS / "journal.pgen.1000052.xml"), "9", "12", "duplicate"),
    (("bib", KLB2), "Raghunath2022reinforcement", "Raghunath2022reinforcementduplicate", "duplicate"),
    (("bib", KLB2), "Part2", "Part2dupl", "duplicate"),
    (("bib", KLB2), "Besser2024reliability:a", "Besser2024reliability:b", "related version"),
    (("bib", KLB2), "Part1", "Part2", "not (Part I/II)"),
    (("bib", TIDY / "Unabbreviate_on_import_1436-3.bib"), "grinblat_2014", "grinblat_2014a", "duplicate"),
    (("bib", TIDY / "Unabbreviate_on_import_1436-3.bib"), "olesinski_1985", "olesinski_1985a", "duplicate"),
    (("bib", TIDY / "Unabbreviate_on_import_1436-3.bib"), "nelson_1999", "nelson_2001", "not (other year)"),
    (("bib", TIDY / "Unabbreviate_on_import_1436-3.bib"), "begum_2010", "zardo_2010", "not (chapters, one DOI)"),
    (("bib", TIDY / "PaglioneBibTeX.bib"), "paglione1996diffuse", "bertsch1995diffuse", "not (other authors)"),
    (("bib", TIDY / "Some_bibtex_entries_quietly_discarded_on_import_from_bib_file_873.bib"),
     "blum95fast", "blum97", "related version"),
]


def _load(source: tuple[str, Path], cache: dict) -> list[Reference]:
    if source not in cache:
        kind, path = source
        cache[source] = jats_references(path) if kind == "jats" else bib_references(path)
    return cache[source]


# Pairs read by eye as one work (CC201) or two versions of one work (CC203),
# checked through the real readers; Lu_2005/Lu_2005_B (one title in two
# journals, two DOIs) is listed by the ground truth as a probable duplicate
# and counted here as a miss, though two publications are not one listed twice.
VERIFIED = [
    (PLOS / "journal.pcbi.1004141.xml", "21", "46", "CC201"),
    (PLOS / "journal.pcbi.1004141.xml", "14", "44", "CC201"),
    (PLOS / "journal.pone.0160653.xml", "24", "52", "CC201"),
    (PLOS / "journal.pone.0160653.xml", "53", "74", "CC201"),
    (PLOS / "journal.ppat.1002247.xml", "31", "50", "CC201"),
    (PLOS / "journal.pgen.1000052.xml", "9", "12", "CC201"),
    (TIDY / "Unabbreviate_on_import_1436-3.bib", "grinblat_2014", "grinblat_2014a", "CC201"),
    (TIDY / "Unabbreviate_on_import_1436-3.bib", "olesinski_1985", "olesinski_1985a", "CC201"),
    (TIDY / "Unabbreviate_on_import_1436-3.bib", "haapamaki_2012", "haapamaki_2012b", "CC203"),
    (TIDY / "Some_bibtex_entries_quietly_discarded_on_import_from_bib_file_873.bib", "Kowalski:75", "Kowalski:1975",
     "CC201"),
    (TIDY / "Some_bibtex_entries_quietly_discarded_on_import_from_bib_file_873.bib", "Hayes:Manifesto", "Hayes:1980",
     "CC203"),
    (TIDY / "Maintain_the_JabRef_group_and_subgroup_structure_when_importing_a_BibTeX_db_97.bib", "Lu_2005",
     "Lu_2005_B", "CC201"),
    (TIDY / "PaglioneBibTeX.bib", "smolvcic2009cosmic", "smoli2009cosmic", "CC201"),
    (TIDY / "PaglioneBibTeX.bib", "smolvcic2009dust", "smoli2009dust", "CC201"),
    (TIDY / "PaglioneBibTeX.bib", "paglione2001mapping2", "paglione2001mapping1", "CC201"),
    (TIDY / "PaglioneBibTeX.bib", "smolcic2010erratum", "smolvcic2010erratum", "CC201"),
    (TIDY / "PaglioneBibTeX.bib", "smolcic2010erratum", "smoli2010erratum", "CC201"),
]


def verified() -> None:
    """Recall on the verified pairs, each file checked on its own (every entry counts)."""
    from citecheck.api import check_file

    cache: dict[tuple[Path, str], set[frozenset[str]]] = {}
    found = 0
    for path, a, b, code in VERIFIED:
        if (path, code) not in cache:
            report = check_file(path, select=[code])
            cache[(path, code)] = {
                frozenset((x, y)) for f in report.findings for x in f.references for y in f.references if x != y
            }
        hit = frozenset((a, b)) in cache[(path, code)]
        found += hit
        print(f"{code} {'found ' if hit else 'MISSED'}  {path.name}: {a} / {b}")
    print(f"recall on {len(VERIFIED)} verified pairs: {found / len(VERIFIED):.3f}\n")


def corpus() -> None:
    cache: dict = {}
    print(f"{'kind':<26}{'similarity':>10}  pair")
    for source, a, b, kind in LABELLED:
        refs = _load(source, cache)
        labels = [r.label for r in refs]
        records = build_records([refs[labels.index(a)], refs[labels.index(b)]])
        score = fuzz.ratio(records[0].title, records[1].title)
        print(f"{kind:<26}{score:>10.1f}  {a} / {b}")


def synthetic(n: int = 20_000) -> None:
    spec = importlib.util.spec_from_file_location("bench_duplicates", Path(__file__).with_name("duplicates.py"))
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_duplicates"] = bench  # dataclasses look their module up
    assert spec.loader is not None
    spec.loader.exec_module(bench)
    texts, truth = bench.generate(n)
    refs = [Reference(str(i + 1), Span(0, 0), t, i + 1, fields=parse_reference(t)) for i, t in enumerate(texts)]
    records = build_records(refs)
    planted = [fuzz.ratio(records[a].title, records[b].title) for a, b in (sorted(p) for p in truth)]
    others = [
        fuzz.ratio(records[i].title, records[j].title)
        for i, j in D.analyse(refs, D.YEAR_TOLERANCE).pairs
        if frozenset((i, j)) not in truth and D.fields_agree(records[i].fields, records[j].fields)
    ]
    above = sum(score >= D.TITLE_SIMILARITY for score in others)
    print(f"\nsynthetic, {n} references: {len(planted)} planted pairs, lowest title similarity "
          f"{min(planted):.1f}; {len(others)} other candidate pairs with agreeing first authors, "
          f"{above} of them at or above TITLE_SIMILARITY={D.TITLE_SIMILARITY} (look-alikes the guards stop)")


if __name__ == "__main__":
    verified()
    corpus()
    synthetic()
