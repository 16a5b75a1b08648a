"""Speed, memory and accuracy of duplicate detection on synthetic reference lists.

Usage::

    PYTHONPATH=src python bench/duplicates.py [N ...]      # default 1000 10000 50000

For each N and each of two vocabularies it generates N reference strings
(seeded, so runs repeat):

- distinct works with Zipf-distributed title words, common family names
  (Chinese, Korean, European), journals with their ISO abbreviations,
  volumes, pages and DOIs for most.  The ``varied`` input draws title words
  from 40,000; the ``small`` input from about 100 words and 75 family names,
  as a bibliography of one field does -- the input that made blocking on
  common words quadratic (issue 16);
- about 2% planted near-duplicates of earlier works, each changed in one to
  three of the ways the issue lists: other author initials, the authors in
  another order (the first one too), journal abbreviated or spelled out, online-first year (one off), DOI
  dropped, Chinese name order and romanisation (``Zhang Wei``/``Wei Zhang``),
  title case and punctuation, a mistyped letter or a dropped short word in
  the title, and a different citation style;
- about 1% planted look-alikes that must NOT be reported: the same title by
  other authors, another volume or pages, Part I/Part II, an erratum, the
  same title two years later.

It parses every string (timed apart), then does what CC201 and CC203 do
on the parsed references -- one :func:`analyse`, then
:func:`find_duplicates` and :func:`find_related_versions` -- and prints the
pairs compared, the time, the peak memory of detection (tracemalloc, in a
second run), and pairwise precision and recall against the planted
duplicates.  This is a measurement, not a test; on a loaded machine compare
figures of one run.
"""

from __future__ import annotations

import itertools
import random
import sys
import time
import tracemalloc
from dataclasses import dataclass, replace

from citecheck.duplicates import analyse, find_duplicates, find_related_versions
from citecheck.model import Reference, Span
from citecheck.refparse import parse_reference

FAMILIES = ["Zhang", "Wang", "Li", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo", "Kim", "Lee", "Park", "Choi", "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Dubois", "Durand", "Leroy", "Moreau", "Tanaka", "Suzuki", "Takahashi", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Sato", "Novak", "Kowalski", "Nowak", "Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Nielsen", "Jensen", "Hansen", "Andersen", "Larsen", "Johansson", "Karlsson", "Nilsson", "Eriksson"]
CHINESE = set(FAMILIES[:20])
GIVEN_CN = ["Wei", "Fang", "Min", "Jing", "Lei", "Jun", "Yan", "Hui", "Ming", "Tao", "Xiaoming", "Jianguo", "Lihua", "Yong", "Qiang", "Hong", "Ying", "Na"]
JOURNALS = (
    ("Journal of Biological Chemistry", "J Biol Chem"),
    ("Proceedings of the National Academy of Sciences of the United States of America", "Proc Natl Acad Sci U S A"),
    ("Nature Communications", "Nat Commun"),
    ("Journal of Clinical Oncology", "J Clin Oncol"),
    ("Physical Review Letters", "Phys Rev Lett"),
    ("Journal of the American Chemical Society", "J Am Chem Soc"),
    ("Bioinformatics", "Bioinformatics"),
    ("Nucleic Acids Research", "Nucleic Acids Res"),
    ("Cancer Research", "Cancer Res"),
    ("Journal of Neuroscience", "J Neurosci"),
    ("Applied Physics Letters", "Appl Phys Lett"),
    ("IEEE Transactions on Communications", "IEEE Trans Commun"),
    ("Journal of Applied Physics", "J Appl Phys"),
    ("Molecular Biology and Evolution", "Mol Biol Evol"),
    ("American Journal of Epidemiology", "Am J Epidemiol"),
    ("Journal of Thoracic Disease", "J Thorac Dis"),
    ("Environmental Health Perspectives", "Environ Health Perspect"),
    ("Lung Cancer", "Lung Cancer"),
    ("Cancer Cell", "Cancer Cell"),
    ("Scientific Reports", "Sci Rep"),
)
COMMON = ["analysis", "study", "effect", "effects", "role", "cells", "cell", "patients", "model", "models", "data", "using", "based", "response", "protein", "expression", "gene", "genes", "human", "cancer", "clinical", "treatment", "disease", "risk", "network", "networks", "learning", "system", "systems", "method", "methods", "novel", "new", "approach", "evidence", "association", "factors", "mechanism", "structure", "dynamics", "function", "regulation", "signaling", "molecular", "therapy", "outcomes", "cohort", "trial", "randomized", "population", "impact"]
STOP = ["of", "in", "the", "and", "for", "with", "from", "by", "on", "to", "a"]


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    syllables = ["ka", "lo", "mi", "ne", "tra", "pho", "zy", "gen", "cyt", "ox", "ram", "lu", "vi", "ter", "bio", "neu", "ro", "pla", "sma", "cor", "tex", "ion", "ase", "mer", "dyn"]
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


@dataclass(frozen=True)
class Work:
    authors: tuple[tuple[str, str], ...]  # (family, given initials or full given name)
    title: str
    journal: int
    year: int
    volume: int
    issue: int
    first_page: int
    last_page: int
    doi: str | None
    note: str = ""


class Generator:
    def __init__(self, seed: int = 7, small: bool = False) -> None:
        self.rng = random.Random(seed)
        self.small = small
        if small:  # about 100 title words and 75 family names
            self.vocab = COMMON + _vocabulary(self.rng, 100 - len(COMMON))
            self.families = FAMILIES[:75]
        else:
            self.vocab = _vocabulary(self.rng, 40_000)
            self.families = FAMILIES
        # Zipf weights: a few words in many titles, most in very few.
        self.cum_weights = list(itertools.accumulate(1.0 / (rank + 1) ** 1.1 for rank in range(len(self.vocab))))
        self.serial = 0

    def title(self) -> str:
        rng = self.rng
        words = rng.choices(self.vocab, cum_weights=self.cum_weights, k=rng.randint(3, 7))
        if self.small:
            words += rng.sample(self.vocab, rng.randint(2, 4))
        else:
            words += rng.sample(COMMON, rng.randint(2, 4))
        rng.shuffle(words)
        for _ in range(rng.randint(1, 3)):
            words.insert(rng.randint(1, len(words) - 1), rng.choice(STOP))
        text = " ".join(words)
        if rng.random() < 0.3:
            cut = rng.randint(2, len(words) - 2)
            text = " ".join(words[:cut]) + ": " + " ".join(words[cut:])
        return text[0].upper() + text[1:]

    def author(self) -> tuple[str, str]:
        rng = self.rng
        family = rng.choice(self.families)
        if family in CHINESE and rng.random() < 0.5:
            return family, rng.choice(GIVEN_CN)
        return family, "".join(rng.choice("ABCDEFGHJKLMNPRSTW") for _ in range(rng.randint(1, 2)))

    def work(self) -> Work:
        rng = self.rng
        self.serial += 1
        first = rng.randint(1, 9000)
        return Work(
            authors=tuple(self.author() for _ in range(rng.randint(1, 6))),
            title=self.title(),
            journal=rng.randrange(len(JOURNALS)),
            year=rng.randint(1990, 2025),
            volume=rng.randint(1, 400),
            issue=rng.randint(1, 24),
            first_page=first,
            last_page=first + rng.randint(2, 30),
            doi=f"10.{rng.randint(1000, 9999)}/x{self.serial}.{rng.randint(10, 99)}" if rng.random() < 0.6 else None,
        )


def _initials(given: str) -> str:
    return given if given.isupper() else given[0]


def render(work: Work, style: str, abbreviate: bool, cn_order: str = "family-first") -> str:
    """A reference string in ``style``: vancouver, apa, nature or ieee."""
    full, abbr = JOURNALS[work.journal]
    journal = abbr if abbreviate else full
    pages = f"{work.first_page}-{work.last_page}"
    doi = f" doi:{work.doi}" if work.doi else ""
    names = []
    for family, given in work.authors:
        if not given.isupper():  # a full Chinese given name
            names.append((family, given, cn_order))
        else:
            names.append((family, given, "initials"))
    title = work.title
    if style == "vancouver":
        au = ", ".join(f"{g} {f}" if o == "given-first" else f"{f} {g}" for f, g, o in names)
        return f"{au}. {title}. {journal}. {work.year};{work.volume}({work.issue}):{pages}.{doi}"
    if style == "apa":
        au = ", ".join(f"{f}, {'. '.join(_initials(g))}." for f, g, _ in names)
        return f"{au} ({work.year}). {title}. {journal}, {work.volume}({work.issue}), {pages}.{doi}"
    if style == "nature":
        au = ", ".join(f"{f}, {'. '.join(_initials(g))}." for f, g, _ in names)
        return f"{au} {title}. {journal} {work.volume}, {pages} ({work.year}).{doi}"
    au = ", ".join(f"{'. '.join(_initials(g))}. {f}" for f, g, _ in names)
    return f'{au}, "{title}," {journal}, vol. {work.volume}, no. {work.issue}, pp. {pages}, {work.year}.{doi}'


STYLES = ("vancouver", "apa", "nature", "ieee")


def near_duplicate(gen: Generator, work: Work) -> tuple[Work, dict]:
    """The same work, written differently in one to three ways."""
    rng = gen.rng
    opts: dict = {"style": rng.choice(STYLES), "abbreviate": rng.random() < 0.5}
    changes = rng.sample(
        ["initials", "order", "year", "doi", "case", "punctuation", "chinese", "journal", "typo"], rng.randint(1, 3)
    )
    for change in changes:
        if change == "initials":
            work = replace(work, authors=tuple((f, g[:1]) for f, g in work.authors))
        elif change == "order" and len(work.authors) > 2:
            people = list(work.authors)
            while people == list(work.authors):
                rng.shuffle(people)  # the first author may move too
            work = replace(work, authors=tuple(people))
        elif change == "year":
            work = replace(work, year=work.year + rng.choice((-1, 1)))
        elif change == "doi":
            work = replace(work, doi=None)
        elif change == "case":
            work = replace(work, title=rng.choice((work.title.upper(), work.title.lower(), work.title.title())))
        elif change == "punctuation":
            work = replace(work, title=work.title.replace(":", " -").replace("-", " ") + ".")
        elif change == "chinese":
            opts["cn_order"] = "given-first"
        elif change == "journal":
            opts["abbreviate"] = not opts["abbreviate"]
        elif change == "typo":  # a mistyped letter, or a short word dropped
            words = work.title.split()
            k = rng.randrange(len(words))
            if len(words[k]) <= 3 and len(words) > 4:
                del words[k]
            else:
                pos = rng.randrange(len(words[k]))
                words[k] = words[k][:pos] + rng.choice("aeiou") + words[k][pos + 1:]
            work = replace(work, title=" ".join(words))
    return work, opts


def look_alike(gen: Generator, work: Work) -> tuple[Work, str]:
    """A different work that resembles ``work``: must not be reported as its
    duplicate.  Returns the work and its kind."""
    rng = gen.rng
    kind = rng.choice(("other-authors", "volume", "pages", "part", "erratum", "later"))
    return _look_alike(gen, work, kind), kind


def _look_alike(gen: Generator, work: Work, kind: str) -> Work:
    if kind == "other-authors":  # another paper with the same title: elsewhere in the journal
        shift = work.last_page - work.first_page + 5
        return replace(work, authors=tuple(gen.author() for _ in range(len(work.authors))), doi=None,
                       volume=work.volume + gen.rng.randint(-3, 3), first_page=work.first_page + shift,
                       last_page=work.last_page + shift)
    if kind == "volume":
        return replace(work, volume=work.volume + 1, doi=None)
    if kind == "pages":
        shift = work.last_page - work.first_page + 5
        return replace(work, first_page=work.first_page + shift, last_page=work.last_page + shift, doi=None)
    if kind == "part":
        return replace(work, title=work.title + " Part II", doi=None)
    if kind == "erratum":
        return replace(work, title="Erratum: " + work.title, first_page=work.first_page + 500,
                       last_page=work.first_page + 500, doi=None)
    return replace(work, year=work.year + 2, volume=work.volume + 2, doi=None)


def generate(n: int, seed: int = 7, small: bool = False) -> tuple[list[str], set[frozenset[int]]]:
    """``n`` reference strings and the set of true duplicate pairs (by index);
    ``small``: from a small vocabulary."""
    gen = Generator(seed, small)
    rng = gen.rng
    texts: list[str] = []
    works: list[tuple[Work, int]] = []  # (work, group id)
    groups: dict[int, list[int]] = {}
    twins: dict[tuple[int, str], list[int]] = {}
    while len(texts) < n:
        roll = rng.random()
        if works and roll < 0.02:
            base, gid = rng.choice(works)
            dup, opts = near_duplicate(gen, base)
            texts.append(render(dup, opts["style"], opts["abbreviate"], opts.get("cn_order", "family-first")))
            groups.setdefault(gid, []).append(len(texts) - 1)
            continue
        if works and roll < 0.03:
            base, gid = rng.choice(works)
            other, kind = look_alike(gen, base)
            texts.append(render(other, rng.choice(STYLES), rng.random() < 0.5))
            if kind != "other-authors":  # the same look-alike drawn twice is one work listed twice
                twins.setdefault((gid, kind), []).append(len(texts) - 1)
            continue
        work = gen.work()
        texts.append(render(work, rng.choice(STYLES), rng.random() < 0.5))
        gid = len(works)
        works.append((work, gid))
        groups[gid] = [len(texts) - 1]
    truth = set()
    for members in [*groups.values(), *twins.values()]:
        for a in members:
            for b in members:
                if a < b:
                    truth.add(frozenset((a, b)))
    return texts, truth


def detect(refs: list[Reference]) -> tuple[int, list]:
    """What CC201 and CC203 do: one analysis, both searches."""
    analysis = analyse(refs)
    found = find_duplicates(refs, analysis=analysis)
    find_related_versions(refs, analysis=analysis)
    return len(analysis.pairs), found


def run(n: int, small: bool) -> None:
    texts, truth = generate(n, small=small)
    start = time.perf_counter()
    refs = [
        Reference(str(i + 1), Span(0, 0), text, i + 1, fields=parse_reference(text)) for i, text in enumerate(texts)
    ]
    parse_time = time.perf_counter() - start
    start = time.perf_counter()
    pairs, found = detect(refs)
    detect_time = time.perf_counter() - start
    tracemalloc.start()
    detect(refs)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    predicted = {frozenset((a, b)) for g in found for a in g.members for b in g.members if a < b}
    tp = len(predicted & truth)
    precision = tp / len(predicted) if predicted else 1.0
    recall = tp / len(truth) if truth else 1.0
    print(
        f"{'small' if small else 'varied':>6} {n:>7} refs  planted pairs {len(truth):>5}  parse {parse_time:6.2f}s  "
        f"pairs compared {pairs:>8}  detect {detect_time:6.2f}s  peak {peak / 2**20:6.1f} MiB  "
        f"precision {precision:.4f}  recall {recall:.4f}",
        flush=True,
    )


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1_000, 10_000, 50_000]
    for n in sizes:
        for small in (False, True):
            run(n, small)


if __name__ == "__main__":
    main()
