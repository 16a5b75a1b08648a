"""Fixes for keyed citations (LaTeX with BibTeX): merge duplicate entries.

For CC201 (the same work under two keys) and CC204 (two keys that differ only
in case), every ``\\cite`` of the duplicate key, in every file of the
project, is rewritten to the kept key, and the duplicate entry is cut out of
the ``.bib``: its own characters and the line end after it, nothing else (the
rest of the file is not reformatted).  A citation that would then name the
kept key twice (``\\cite{a,a}``) loses the repeat.  Two entries whose keys
differ only in case are merged only when they are also the same work.
Uncited ``.bib`` entries (CC101) are left alone: a ``.bib`` is often shared.

Bad::

    \\cite{astroML_conf}
    @inproceedings{astroML_conf, doi = {10.1109/CIDU.2012.6382200}, ...}
    @inproceedings{astroML, doi = {10.1109/CIDU.2012.6382200}, ...}

Good::

    \\cite{astroML}
    @inproceedings{astroML, doi = {10.1109/CIDU.2012.6382200}, ...}
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from citecheck.duplicates import find_duplicates
from citecheck.fix.edits import Edit, FixRefused
from citecheck.model import Citation, CitationStyle, Document, Finding, Reference, ReferenceOrigin, Span

CODES = {"CC201": True, "CC204": True}


def applies(document: Document) -> bool:
    """Whether ``document`` is a LaTeX or pandoc Markdown manuscript whose citations are keys."""
    if document.style is not CitationStyle.KEY:
        return False
    # Pandoc Markdown only with a .bib: Manubot's DOI keys and CSL-JSON have no entry to cut.
    return document.format == "latex" or (
        document.format == "pandoc" and any(s.path.endswith(".bib") for s in document.sources))


def refusal(document: Document) -> str | None:
    """Why merging keys in ``document`` would be unsafe, or ``None``."""
    if any(r.origin is ReferenceOrigin.BIBITEM for r in document.references):
        return "its bibliography is a \\bibitem list or a .bbl, which BibTeX writes; fix the .bib instead"
    if not any(s.path.endswith(".bib") for s in document.sources):
        return "it has no .bib file to fix"
    return None


def _merges(document: Document, findings: Sequence[Finding], codes: frozenset[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Duplicate key -> kept key, and -> the code that asked for it, from the findings of the selected codes."""
    by_label = {r.label: r for r in document.references}
    merged: dict[str, str] = {}
    why: dict[str, str] = {}
    for finding in findings:
        if finding.code not in codes or len(finding.references) < 2:
            continue
        if finding.code == "CC201":
            keep = finding.references[0]
            merged.update({other: keep for other in finding.references[1:]})
            why.update({other: "CC201" for other in finding.references[1:]})
        elif finding.code == "CC204":
            first, second = finding.references[0], finding.references[1]
            if first in by_label and second in by_label:  # two entries
                if _same_work(by_label[first], by_label[second]):
                    merged[second], why[second] = first, "CC204"
            elif second in by_label:  # a citation key written in another case
                merged[first], why[first] = second, "CC204"
    return merged, why


def _same_work(a: Reference, b: Reference) -> bool:
    if a.text.replace(a.label, "", 1) == b.text.replace(b.label, "", 1):
        return True
    return bool(find_duplicates([a, b]))


def citation_edits(document: Document, merged: dict[str, str], why: dict[str, str]) -> Iterable[Edit]:
    for citation in document.citations:
        if citation.is_nocite_all:
            continue
        yield from _rewrite(document, citation, merged, why)


def _rewrite(document: Document, citation: Citation, merged: dict[str, str], why: dict[str, str]) -> Iterable[Edit]:
    text = document.sources[citation.span.source].text
    kept_keys: set[str] = set()
    previous_end: int | None = None
    for item in citation.items:
        key = item.key or ""
        new = merged.get(key, key)
        if new in kept_keys:
            # \cite{a,b} with b merged into a: drop ", b" (the separator before it too).
            start = previous_end if previous_end is not None else item.span.start
            yield Edit(Span(start, item.span.end, item.span.source), "", frozenset({why.get(key, "CC201")}),
                       f"{citation.text}: dropped the repeated key {key}")
            continue
        kept_keys.add(new)
        if new != key:
            if text[item.span.start : item.span.end] != key:
                raise FixRefused(f"{document.path}: the key {key} is not where it was read")
            what = f"@{key} -> @{new}" if document.format == "pandoc" else f"\\cite key {key} -> {new}"
            yield Edit(item.span, new, frozenset({why[key]}), what)
        previous_end = item.span.end


def entry_span(document: Document, ref: Reference) -> Span:
    """The characters to cut to remove ``ref`` from its .bib: the entry, the
    blanks before it on its line, the line end after it, and one blank line
    when it stood between two."""
    source = document.sources[ref.span.source]
    text = source.text
    start = ref.span.start
    if not ref.text or not text.startswith(ref.text, start):
        raise FixRefused(f"{source.path}: the entry {ref.label} could not be delimited; not removed")
    end = start + len(ref.text)
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip():
        start = line_start
    while end < len(text) and text[end] in " \t":
        end += 1
    if end < len(text) and text[end] == "\n":
        end += 1
        if text[max(0, start - 2) : start] == "\n\n" and text[end : end + 1] == "\n":
            end += 1  # the blank line after it; the one before it separates what is left
    return Span(start, end, ref.span.source)


def aliases(document: Document, findings: Sequence[Finding], codes: frozenset[str]) -> dict[str, str]:
    """Each merged key (or key written in another case) and the key it becomes."""
    merged, _ = _merges(document, findings, codes)
    for label in list(merged):
        visited = {label}
        while merged[label] in merged and merged[label] not in visited:  # a -> b -> c ends at c
            visited.add(merged[label])
            merged[label] = merged[merged[label]]
    return merged


def edits(document: Document, findings: Sequence[Finding], codes: frozenset[str]) -> list[Edit]:
    """The edits that merge the duplicate entries reported by ``findings``."""
    _, why = _merges(document, findings, codes)
    merged = aliases(document, findings, codes)
    if not merged:
        return []
    reason = refusal(document)
    if reason is not None:
        raise FixRefused(f"{document.path}: not fixed: {reason}")
    out = list(citation_edits(document, merged, why))
    by_label: dict[str, list[Reference]] = {}
    for ref in document.references:
        by_label.setdefault(ref.label, []).append(ref)
    for label in merged:
        entries = by_label.get(label, [])
        if not entries:
            continue  # a citation key in another case: no entry of its own
        if len(entries) > 1:
            raise FixRefused(f"{document.path}: the key {label} is defined more than once (CC202)")
        ref = entries[0]
        if ref.origin is not ReferenceOrigin.DATABASE or not document.sources[ref.span.source].path.endswith(".bib"):
            raise FixRefused(f"{document.path}: {label} is not an entry of a .bib file; not removed")
        out.append(Edit(entry_span(document, ref), "", frozenset({why[label]}),
                        f"removed the entry {label} from {document.sources[ref.span.source].path}"))
    return out


def left_alone(document: Document, findings: Sequence[Finding], codes: frozenset[str]) -> list[tuple[Finding, str]]:
    """The findings this module's fixes leave as they are: none (a refusal covers the whole file)."""
    return []
