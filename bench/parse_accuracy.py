"""Field accuracy of citecheck's reference parser on labelled reference strings.

Usage::

    PYTHONPATH=src python bench/parse_accuracy.py [SHARED_DIR]

Reads ``corpus/refstrings`` under the shared directory (default: ``../shared``
beside the repository): AnyStyle's ``gold.xml`` and GROBID's TEI citation
sets.  Each labelled reference is rebuilt as the string it was labelled from
(the labelled parts joined in order), parsed, and compared field by field.

How a field counts as correct:

- ``doi``: normalised DOIs equal (a DOI resolver link labelled as a URL
  counts as the labelled DOI);
- ``year``: the first four-digit year of the labelled date;
- ``title`` and ``container``: equal after lower-casing and dropping all but
  letters and digits;
- ``first_author``: the parsed first author's family name (letters only,
  lower case) is one of the words of the labelled author text before its
  first name separator;
- ``volume`` and ``pages``: equal digits (pages compare their first page).

Precision is correct / parsed (a value parsed where the label has none is
wrong), recall is correct / labelled.  This is a measurement, not a test.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from lxml import etree

from citecheck.doi import find_dois, normalize_doi
from citecheck.refparse import parse_reference

FIELDS = ("doi", "year", "title", "first_author", "container", "volume", "pages")


def _letters(value: str) -> str:
    value = unicodedata.normalize("NFKD", value)
    return "".join(ch for ch in value.lower() if ch.isalnum())


def _first_author_words(author_text: str) -> set[str]:
    """The words of the first name, and runs of up to three of them
    ("Di Chiara", "van Hessem", "Roske-Hofstrand")."""
    head = re.split(r"\s*(?:;|&|\band\b|\bet al\b|,\s*(?=[A-Z][a-z]+,))", author_text)[0]
    if head.count(",") >= 2:  # "Smith, J., Jones, K." / "J. Smith, K. Jones"
        head = ",".join(head.split(",")[:2])
    words = [_letters(w) for w in re.findall(r"[^\W\d_]+", head)]
    return {"".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, min(i + 4, len(words) + 1))}


def _gold_value(field: str, gold: dict[str, str]) -> str | None:
    if field == "doi":
        if not gold.get("doi"):
            # AnyStyle labels a DOI written as a resolver link as <url>.
            found = find_dois(gold.get("url", ""))
            return found[0][0] if found else None
        found = find_dois(gold["doi"])  # labels may keep "DOI:http://dx.doi.org/..."
        return found[0][0] if found else normalize_doi(gold["doi"])
    if field == "year":
        match = re.search(r"(1[5-9]\d\d|20\d\d)", gold.get("date", ""))
        return match.group(1) if match else None
    if field == "first_author":  # "———." repeats the previous entry's author: no name to compare
        return gold.get("author") if _letters(gold.get("author", "")) else None
    if field == "pages":
        match = re.search(r"[A-Za-z]?\d+", gold.get("pages", ""))
        return match.group(0).lower() if match else None
    if field == "volume":
        match = re.search(r"\d+", gold.get("volume", ""))
        return match.group(0) if match else None
    value = gold.get(field)
    return _letters(value) if value and _letters(value) else None


def _parsed_value(field: str, parsed) -> str | None:
    if field == "doi":
        return parsed.doi
    if field == "year":
        return str(parsed.year) if parsed.year else None
    if field == "first_author":
        first = parsed.first_author
        return first.family if first else None
    if field == "pages":
        match = re.search(r"[A-Za-z]?\d+", parsed.pages or "")
        return match.group(0).lower() if match else None
    if field == "volume":
        match = re.search(r"\d+", parsed.volume or "")
        return match.group(0) if match else None
    value = getattr(parsed, field)
    return _letters(value) if value and _letters(value) else None


def _correct(field: str, gold: str, parsed: str) -> bool:
    if field == "first_author":
        if re.match(r"[\u3400-\u9fff]", gold):  # a Chinese name: the family name is its first character(s)
            return gold.startswith(parsed)
        return bool(_letters(parsed)) and _letters(parsed) in _first_author_words(gold)
    return gold == parsed


def anystyle(path: Path) -> list[tuple[str, dict[str, str]]]:
    out = []
    for seq in etree.parse(str(path)).getroot().iter("sequence"):
        parts, gold = [], {}
        for el in seq:
            text = " ".join((el.text or "").split())
            parts.append(text)
            tag = {"journal": "container", "container-title": "container"}.get(el.tag, el.tag)
            gold.setdefault(tag, text)
        out.append((" ".join(parts), gold))
    return out


def grobid(path: Path) -> list[tuple[str, dict[str, str]]]:
    tei = "{http://www.tei-c.org/ns/1.0}"
    out = []
    root = etree.parse(str(path), etree.XMLParser(recover=True)).getroot()
    for bibl in root.iter(f"{tei}bibl", "bibl"):
        text = " ".join("".join(bibl.itertext()).split())
        gold: dict[str, str] = {}
        for el in bibl.iter():
            tag = etree.QName(el).localname if isinstance(el.tag, str) else ""
            value = " ".join("".join(el.itertext()).split())
            if tag == "author":
                gold.setdefault("author", value)
            elif tag == "title" and el.get("level") == "a":
                gold.setdefault("title", value)
            elif tag == "title" and el.get("level") in ("j", "m"):
                gold.setdefault("container", value)
            elif tag == "date":
                gold.setdefault("date", value)
            elif tag == "idno" and (el.get("type") or "").upper() == "DOI":
                gold.setdefault("doi", value)
            elif tag == "biblScope" and (el.get("type") or el.get("unit")) in ("vol", "volume"):
                gold.setdefault("volume", value)
            elif tag == "biblScope" and (el.get("type") or el.get("unit")) in ("pp", "page"):
                gold.setdefault("pages", value)
        if "title" not in gold:
            for el in bibl.iter(f"{tei}title", "title"):
                if el.get("level") == "m" and "container" in gold and gold["container"] == " ".join("".join(el.itertext()).split()):
                    gold["title"] = gold.pop("container")
                    break
        out.append((text, gold))
    return out


def _joined_text(el: etree._Element) -> str:
    """An element's text as printed: a space between two tags whose words
    would otherwise run together (``<source>J Hyg</source><volume>95``)."""
    pieces: list[str] = []

    def add(text: str | None) -> None:
        if not text:
            return
        if pieces and pieces[-1][-1:].isalnum() and text[:1].isalnum():
            pieces.append(" ")
        pieces.append(text)

    def walk(node: etree._Element) -> None:
        add(node.text)
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            add(child.tail)

    walk(el)
    return " ".join("".join(pieces).split())


def jats_mixed(directory: Path) -> list[tuple[str, dict[str, str]]]:
    """Every punctuated <mixed-citation> of the JATS articles: the printed
    reference, labelled by its own tags."""
    out = []
    for path in sorted(directory.rglob("*.*xml")):
        root = etree.parse(str(path), etree.XMLParser(recover=True)).getroot()
        for cit in root.iter("mixed-citation"):
            if not any(re.search(r"[,;.]", child.tail or "") for child in cit):
                continue  # tags without the punctuation a printed reference has (some PMC files)
            gold: dict[str, str] = {}
            surname = cit.find(".//surname")
            if surname is not None:
                gold["author"] = _joined_text(surname)
            for tag, name in (("article-title", "title"), ("source", "container"), ("year", "date"),
                              ("volume", "volume"), ("fpage", "pages")):
                el = cit.find(f".//{tag}")
                if el is not None:
                    gold[name] = _joined_text(el)
            if "title" not in gold and cit.get("publication-type") == "book" and "container" in gold:
                gold["title"] = gold.pop("container")  # a book's title is its <source>
            dois = find_dois(_joined_text(cit))
            if dois:
                gold["doi"] = dois[0][0]
            out.append((_joined_text(cit), gold))
    return out


def _latex_to_text(value: str) -> str:
    value = re.sub(r"\\(?:newblock|allowbreak|quad|relax)\b", " ", value)
    value = re.sub(r"\\(?:url|doi|href|nolinkurl|emph|textit|textbf)\{([^}]*)\}", r" \1 ", value)
    value = value.replace("~", " ").replace("\\ ", " ").replace("{", "").replace("}", "")
    return " ".join(value.split())


def gbt7714(directory: Path) -> list[tuple[str, dict[str, str]]]:
    """The GB/T 7714-2015 standard's example references as the numeric style
    prints them (expected .bbl), labelled by their .bib entries."""
    bib = (directory / "gbt7714-2015-examples.bib").read_text(encoding="utf-8")
    entries: dict[str, dict[str, str]] = {}
    for match in re.finditer(r"@(\w+)\{([^,]+),(.*?)\n\}", bib, re.DOTALL):
        fields = {k.lower(): v.strip() for k, v in re.findall(r"(\w+)\s*=\s*\{(.*)\},?\s*$", match.group(3), re.MULTILINE)}
        fields["entry_type"] = match.group(1).lower()
        entries[match.group(2).strip()] = fields
    bbl = (directory / "2015-numeric.expected.bbl").read_text(encoding="utf-8")
    out = []
    for match in re.finditer(r"\\bibitem(?:\[[^\]]*\])?\{([^}]+)\}\n(.*?)(?=\n\n|\n\\end)", bbl, re.DOTALL):
        fields = entries.get(match.group(1))
        if not fields or not fields.get("author") or not fields.get("title"):
            continue  # the standard's fragments ("2001, 1(1): 5-6.") have nothing to compare
        gold = {
            "author": fields["author"].split(" and ")[0].replace("{", "").replace("}", ""),
            "title": _latex_to_text(fields["title"]),
            "date": fields.get("year", ""),
        }
        if fields.get("doi"):
            gold["doi"] = fields["doi"]
        out.append((_latex_to_text(match.group(2)), gold))
    return out


def measure(items: list[tuple[str, dict[str, str]]]) -> dict[str, tuple[float, float, float, int]]:
    counts: dict[str, Counter[str]] = {f: Counter() for f in FIELDS}
    for text, gold in items:
        parsed = parse_reference(text)
        for field in FIELDS:
            g, p = _gold_value(field, gold), _parsed_value(field, parsed)
            c = counts[field]
            if g is not None:
                c["gold"] += 1
            if p is not None:
                c["parsed"] += 1
            if g is not None and p is not None and _correct(field, g, p):
                c["correct"] += 1
    result = {}
    for field, c in counts.items():
        precision = c["correct"] / c["parsed"] if c["parsed"] else 0.0
        recall = c["correct"] / c["gold"] if c["gold"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[field] = (precision, recall, f1, c["gold"])
    return result


def report(name: str, items: list[tuple[str, dict[str, str]]]) -> None:
    print(f"\n{name}: {len(items)} references")
    print(f"  {'field':<13}{'precision':>10}{'recall':>9}{'F1':>8}{'labelled':>10}")
    for field, (p, r, f, n) in measure(items).items():
        if n:
            print(f"  {field:<13}{p:>10.3f}{r:>9.3f}{f:>8.3f}{n:>10}")


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1].parent / "shared"
    base = shared / "corpus" / "refstrings"
    report("AnyStyle gold.xml", anystyle(base / "anystyle" / "gold.xml"))
    report("GROBID citations.xml (CORA and others)", grobid(base / "grobid" / "citations.xml"))
    report("JATS <mixed-citation> (PLOS and PMC articles)", jats_mixed(shared / "corpus" / "jats"))
    report("GB/T 7714-2015 examples (numeric style)", gbt7714(shared / "corpus" / "chinese" / "gbt7714-bibtex-style"))
    others = []
    for path in sorted((base / "grobid").glob("*.tei.xml")):
        if "kisti_test" in path.name:  # Korean and Japanese scripts: reported apart
            continue
        others.extend(grobid(path))
    report("GROBID TEI sets (arXiv, bioRxiv, identifiers, ...)", others)


if __name__ == "__main__":
    main()
