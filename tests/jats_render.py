"""Render a JATS author-year article as a manuscript: text, Markdown or .docx.

The body's paragraphs are written one per line (blank lines between), each
``<xref ref-type="bibr">`` as printed (its text, in the parentheses of the
article's own text), and the reference list in an APA-like form:
``Surname, G., Surname, G., & Surname, G. (2020a). Title. Source, 3, 1-9.``
Each xref's ``rid`` is the ground truth: :class:`Rendering` keeps, for every
citation, its line, column and the index of the entry it points to.

Run as a script to write a rendering: ``python tests/jats_render.py ARTICLE.xml OUT.txt``
(``.md`` and ``.docx`` by the output's suffix).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree


@dataclass
class Rendering:
    body: list[str]  # paragraphs
    entries: list[str]  # reference entries, list order
    ids: list[str]  # the ref id of each entry
    cites: list[tuple[int, int, str, str]] = field(default_factory=list)  # paragraph index, offset, rid, text

    def text(self, markdown: bool = False) -> str:
        heading = "# References" if markdown else "References"
        return "\n\n".join(self.body) + "\n\n" + heading + "\n\n" + "\n".join(self.entries) + "\n"

    def line_of_paragraph(self, index: int) -> int:
        return 1 + 2 * index  # one line per paragraph, a blank line between

    def entry_line(self, index: int) -> int:
        return self.line_of_paragraph(len(self.body)) + 2 + index


def _local(tag: object) -> str:
    return tag.split("}")[-1] if isinstance(tag, str) else ""


def _flat(node: etree._Element) -> str:
    return " ".join("".join(node.itertext()).split())


def _paragraph(p: etree._Element, index: int, cites: list[tuple[int, int, str, str]]) -> str:
    out: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            out.append(node.text)
        for child in node:
            name = _local(child.tag)
            if name == "xref" and child.get("ref-type") == "bibr":
                shown = _flat(child)
                offset = len(re.sub(r"\s+", " ", "".join(out)).lstrip())
                cites.append((index, offset, child.get("rid", ""), shown))
                out.append(shown)
            elif name in ("table-wrap", "fig", "disp-formula", "supplementary-material", "p", "table"):
                pass  # written as paragraphs of their own
            else:
                walk(child)
            if child.tail:
                out.append(child.tail)

    walk(p)
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _authors(ref: etree._Element) -> str:
    names = []
    group = next((g for g in ref.iter() if _local(g.tag) == "person-group"), None)
    if group is None:  # a group author written outside a person-group
        group = next((g for g in ref.iter() if _local(g.tag) in ("element-citation", "mixed-citation")), None)
    for node in (group if group is not None else []):
        name = _local(node.tag)
        if name == "name":
            surname = _flat(next((c for c in node if _local(c.tag) == "surname"), node))
            given = next((c for c in node if _local(c.tag) == "given-names"), None)
            initials = ""
            if given is not None:
                written = _flat(given)
                if written.replace("-", "").isupper() and " " not in written:
                    written = " ".join(ch for ch in written if ch.isalpha())
                initials = " ".join(f"{g[0]}." for g in written.replace("-", " ").split())
            names.append(f"{surname}, {initials}".strip(", "))
        elif name == "collab":
            names.append(_flat(node))
        elif name == "etal":
            names.append("et al.")
    if not names:
        return ""
    if names[-1] == "et al.":
        return ", ".join(names[:-1]) + ", et al."
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]


def _entry(ref: etree._Element) -> str:
    def first(tag: str) -> str:
        node = next((n for n in ref.iter() if _local(n.tag) == tag), None)
        return _flat(node) if node is not None else ""

    year = first("year") or "n.d."
    title = first("article-title") or first("chapter-title")
    source = first("source")
    volume, fpage, lpage = first("volume"), first("fpage"), first("lpage")
    pages = f"{fpage}-{lpage}" if fpage and lpage else fpage
    parts = [f"{_authors(ref)} ({year})."]
    if title:
        parts.append(title.rstrip(".") + ".")
    tail = ", ".join(p for p in (source, volume, pages) if p)
    if tail:
        parts.append(tail + ".")
    return " ".join(parts)


def render(path: Path) -> Rendering:
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True, recover=True))
    root = tree.getroot()
    # The article's own body and back matter; not its sub-articles (eLife's
    # decision letter and author response cite works outside its list).
    parts = [n for n in root.iter() if _local(n.tag) in ("body", "back")
             and not any(_local(a.tag) == "sub-article" for a in n.iterancestors())]
    cites: list[tuple[int, int, str, str]] = []
    paragraphs: list[str] = []
    nodes = [n for part in parts for n in part.iter()
             if not any(_local(a.tag) in ("ref-list", "fn-group") for a in n.iterancestors())]
    for p in nodes:
        # Paragraphs, captions included, and table cells (which cite too).
        if _local(p.tag) not in ("p", "td", "th") or any(_local(a.tag) == "p" for a in p.iterancestors()):
            continue
        text = _paragraph(p, len(paragraphs), cites)
        if text:
            paragraphs.append(text)
    refs = [r for r in root.iter() if _local(r.tag) == "ref" and any(_local(a.tag) == "ref-list" for a in r.iterancestors())]
    return Rendering(paragraphs, [_entry(r) for r in refs], [r.get("id", "") for r in refs], cites)


def write_docx(rendering: Rendering, out: Path) -> Path:
    import docx

    document = docx.Document()
    for i, paragraph in enumerate(rendering.body):
        if i:
            document.add_paragraph("")
        document.add_paragraph(paragraph)
    document.add_paragraph("")
    document.add_paragraph("References")
    document.add_paragraph("")
    for entry in rendering.entries:
        document.add_paragraph(entry)
    document.save(str(out))
    return out


if __name__ == "__main__":
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    rendered = render(source)
    if target.suffix == ".docx":
        write_docx(rendered, target)
    else:
        target.write_text(rendered.text(markdown=target.suffix == ".md"), encoding="utf-8")
