"""Rendering a numbered JATS article (PLOS) as a plain manuscript, for the fix tests.

The body's paragraphs become lines of text, citations as the article prints
them (``[21]``, ``[2–4]``); the reference list becomes "References" and one
``N. entry`` line per ``<ref>``.  Same for a Word file with typed citations.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from tests.docx_build import new_document, save


def _flat(element: etree._Element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def jats_parts(path: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """The body paragraphs and the (label, text) of each reference."""
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)).getroot()
    body = root.find(".//body")
    paragraphs = [_flat(p) for p in body.iter("p")] if body is not None else []
    refs = []
    for ref in root.iter("ref"):
        label = ref.findtext("label") or str(len(refs) + 1)
        citation = ref.find("mixed-citation")
        if citation is None:
            citation = ref.find("element-citation")
        refs.append((label.strip().rstrip("."), _flat(citation) if citation is not None else _flat(ref)))
    return [p for p in paragraphs if p], refs


def render_text(path: Path, out: Path) -> Path:
    paragraphs, refs = jats_parts(path)
    lines = [*paragraphs, "", "References", ""]
    lines += [f"{label}. {text}" for label, text in refs]
    out.write_text("\n\n".join(paragraphs) + "\n\nReferences\n\n" + "\n".join(lines[len(paragraphs) + 3 :]) + "\n",
                   encoding="utf-8")
    return out


def render_docx(path: Path, out: Path) -> Path:
    paragraphs, refs = jats_parts(path)
    document = new_document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.add_paragraph("References", style="Heading 1")
    for label, text in refs:
        document.add_paragraph(f"{label}. {text}")
    return save(document, out)
