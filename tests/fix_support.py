"""The guarantees of ``citecheck fix``, as assertions the fix tests share.

They are written apart from the fixer's own checks: they compare the files
before and after with difflib and the reader's spans, not with the edits.
"""

from __future__ import annotations

import difflib
import io
import shutil
import zipfile
from pathlib import Path

from lxml import etree

import citecheck
from citecheck.config import Config
from citecheck.fix import fix_codes
from citecheck.fix.run import FileFix, fix_file
from citecheck.model import Document, Span


def fix(path: Path, unsafe: bool = False, select: tuple[str, ...] = (), **options: object) -> FileFix:
    config = Config.from_options(**options) if options else Config()
    return fix_file(str(path), config, fix_codes(select, (), unsafe))


_JOINER = set(",;，、 ")


def _rewritable(document: Document, source: int) -> list[Span]:
    """The citations of ``source`` and the run of its reference entries: what a fix may rewrite.
    Citations separated only by a comma (``[1], [3]``, which ``[1]–[3]`` may become) count as one."""
    spans = sorted((c.span for c in document.citations if c.span.source == source), key=lambda s: s.start)
    text = document.sources[source].text
    joined: list[Span] = []
    for span in spans:
        if joined and set(text[joined[-1].end : span.start]) <= _JOINER and "," in text[joined[-1].end : span.start]:
            joined[-1] = Span(joined[-1].start, span.end, source)
        else:
            joined.append(span)
    refs = [r.span for r in document.references if r.span.source == source]
    if refs:
        joined.append(Span(min(r.start for r in refs), max(r.end for r in refs), source))
    return sorted(joined, key=lambda s: s.start)


def untouched(document: Document, source: int = 0) -> list[str]:
    """The text of ``source`` between what a fix may rewrite, piece by piece."""
    text = document.sources[source].text
    pieces, pos = [], 0
    for span in _rewritable(document, source):
        pieces.append(text[pos : span.start])
        pos = max(pos, span.end)
    pieces.append(text[pos:])
    return pieces


def assert_only_citations_and_entries_changed(before: Document, after: Document, source: int = 0) -> None:
    """Every character outside the citations and the reference entries is the same, in the same order."""
    assert untouched(after, source) == untouched(before, source)


def works(document: Document, aliases: dict[str, str] | None = None) -> list[frozenset[str]]:
    """For each citation in text order, the texts of the references it points to
    (a citation of no entry: ``<missing label>``)."""
    aliases = aliases or {}
    texts = {r.label: " ".join(r.text.split()) for r in document.references}
    return [
        frozenset(texts.get(aliases.get(label, label), f"<missing {label}>") for label in c.labels)
        for c in sorted(document.citations, key=lambda c: (c.span.source, c.span.start))
    ]


def merged_aliases(document: Document) -> dict[str, str]:
    report = citecheck.check_document(document)
    return {label: f.references[0] for f in report.findings if f.code == "CC201" for label in f.references[1:]}


def copy_tree(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


def docx_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def paragraph_xml(data: bytes) -> list[bytes]:
    """Each body paragraph of a .docx, canonicalised (C14N)."""
    root = etree.fromstring(docx_parts(data)["word/document.xml"])
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return [etree.tostring(p, method="c14n") for p in root.iter(f"{ns}p")]
