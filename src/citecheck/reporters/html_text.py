"""The manuscript text of the HTML report, with its citations and findings marked.

Every character of the source is escaped: a manuscript that contains
``<script>`` shows it as text.  Citations become links to the reference they
resolve to, with a tooltip (pure CSS, shown on hover and on keyboard focus)
holding the reference text; findings become small badges at their place,
linked to and from the findings panel.  JATS XML is shown as its text, tags
hidden and paragraphs kept, since the XML itself is not what an editor reads.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Callable

from citecheck.model import Reference, ReferenceOrigin, Severity, Source
from citecheck.reporters.marks import MISSING, OK, Marks
from citecheck.reporters.options import without_surrogates

#: Icon and words for each citation status (never colour alone).
STATUS_LABEL = {OK: ("\u2713", "resolves"), MISSING: ("\u2717", "refers to no reference"),
                "suspect": ("!", "suspect")}
SEVERITY_ICON = {Severity.ERROR: "\u2716", Severity.WARNING: "\u26a0", Severity.INFO: "\u2139"}

_TAG = re.compile(r"<!--.*?-->|<\?.*?\?>|<!\[CDATA\[|\]\]>|<![^>]*>|<[^>]*>", re.S)
_BLOCK_TAG = re.compile(r"</(?:p|title|article-title|ref|abstract|caption|tr|list-item|"
                        r"table-wrap|fig|front|back|body|article-meta|contrib-group|aff)\b", re.I)
_BLANKS = re.compile(r"[ \t]*\n[ \t\n]*")
_SPACE = re.compile(r"\s+")
_METADATA = re.compile(r"<(journal-meta|article-categories|article-id|pub-date|history|permissions|"
                       r"funding-group|counts|custom-meta-group|self-uri|related-article)\b.*?</\1\s*>", re.S)

Escape = Callable[[int, int], str]


def esc(text: str) -> str:
    return html.escape(without_surrogates(text), quote=True)


def _plain(text: str) -> Escape:
    return lambda a, b: esc(text[a:b])


def _xml_as_text(text: str, keep: list[int]) -> Escape:
    """Show XML as its text: tags hidden (block tags as line breaks),
    entities decoded, runs of white space as one space.  Publisher metadata
    (journal, identifiers, dates, licence) is left out, unless an offset in
    ``keep`` (a citation, a reference, a finding) lies in it."""
    keep = sorted(keep)
    regions = [(m.start(), m.end()) for m in _METADATA.finditer(text)
               if bisect_right(keep, m.end() - 1) == bisect_right(keep, m.start() - 1)]
    cuts: list[tuple[int, int, bool]] = list((a, b, True) for a, b in regions)
    ends = [b for _, b in regions]
    starts_r = [a for a, _ in regions]
    for m in _TAG.finditer(text):
        i = bisect_right(starts_r, m.start()) - 1
        if i >= 0 and m.start() < ends[i]:
            continue  # inside a region already left out
        cuts.append((m.start(), m.end(), bool(_BLOCK_TAG.match(m.group()))))
    cuts.sort()
    starts = [c[0] for c in cuts]

    def show(a: int, b: int) -> str:
        out: list[str] = []
        i = max(0, bisect_right(starts, a) - 1)
        pos = a
        while pos < b:
            if i < len(cuts) and cuts[i][1] <= pos:
                i += 1
                continue
            if i < len(cuts) and cuts[i][0] <= pos:
                if cuts[i][2]:
                    out.append("\n\n")
                pos = cuts[i][1]
                i += 1
                continue
            stop = min(b, cuts[i][0]) if i < len(cuts) else b
            out.append(esc(html.unescape(_SPACE.sub(" ", text[pos:stop]))))
            pos = stop
        shown = _BLANKS.sub(lambda m: "\n\n" if m.group().count("\n") > 1 else "\n", "".join(out))
        return shown.lstrip() if a == 0 else shown

    return show


def displayer(marks: Marks, source: Source) -> Escape:
    if marks.document.format == "jats" and source is marks.document.main:
        keep = [c.citation.span.start for c in marks.citations]
        keep += [u.reference.span.start for u in marks.references]
        keep += [p.span.start for p in marks.findings if p.span is not None]
        return _xml_as_text(source.text, keep)
    if marks.document.format == "docx":  # one line per paragraph: space them as Word does
        text = source.text
        return lambda a, b: esc(text[a:b]).replace("\n", "\n\n")
    return _plain(source.text)


def _tip(marks: Marks, index: int) -> str:
    cm = marks.citations[index]
    icon, words = STATUS_LABEL[cm.status]
    parts = [f"<b>{icon} {esc(words.capitalize())}</b>"]
    for r in cm.references:
        ref = marks.references[r].reference
        parts.append(f"<span>{esc(ref.label)}. {esc(_short(reference_text(ref), 400))}</span>")
    labels = dict.fromkeys(cm.citation.labels)
    known = {marks.references[r].reference.label for r in cm.references}
    missing = [label for label in labels if label not in known]
    if missing:
        parts.append(f"<span>No reference {esc(', '.join(missing[:20]))}</span>")
    for n in cm.findings:
        f = marks.findings[n].finding
        parts.append(f"<span>{SEVERITY_ICON[f.severity]} {esc(f.code)} {esc(f.message)}</span>")
    return "".join(parts)


def reference_text(ref: Reference) -> str:
    """How a reference reads: its text, or for a database entry (.bib,
    CSL-JSON), whose text is markup, its fields as a citation."""
    fields = ref.fields
    if ref.origin is not ReferenceOrigin.DATABASE or fields is None or not fields.title:
        return ref.text
    names = ", ".join(" ".join(p for p in (a.family, a.given) if p) for a in fields.authors[:3])
    if len(fields.authors) > 3 or fields.et_al:
        names += ", et al."
    parts = [names, f"({fields.year})" if fields.year else "", fields.title.rstrip(".") + "."]
    if fields.container:
        parts.append(fields.container + ".")
    return " ".join(p for p in parts if p)


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def finding_badge(doc_id: str, marks: Marks, number: int) -> str:
    f = marks.findings[number].finding
    sev = f.severity.value
    return (f'<a class="fmark sev-{sev}" id="{doc_id}-f{number}" href="#{doc_id}-l{number}" '
            f'title="{esc(f.message)}">{SEVERITY_ICON[f.severity]} {esc(f.code)}'
            f'<span class="sr"> {sev}: {esc(f.message)}</span></a>')


def render_source(doc_id: str, marks: Marks, source_index: int, shown: set[int]) -> str:
    """The text of one source with its citations, reference entries and
    findings marked; adds to ``shown`` the references marked in it."""
    source = marks.document.sources[source_index]
    show = displayer(marks, source)
    # Wrappers: (start, end, opening, closing, is_citation); points: (offset, html).
    wrappers: list[tuple[int, int, str, str, bool]] = []
    for i, cm in enumerate(marks.citations):
        span = cm.citation.span
        if span.source != source_index:
            continue
        icon, words = STATUS_LABEL[cm.status]
        target = f"#{doc_id}-r{cm.references[0]}" if cm.references else (
            f"#{doc_id}-l{cm.findings[0]}" if cm.findings else f"#{doc_id}-refs")
        labels = esc(" ".join(dict.fromkeys(cm.citation.labels)))
        opening = (f'<a class="cite {cm.status}" id="{doc_id}-c{i}" href="{target}" '
                   f'data-labels="{labels}" data-status="{cm.status}" aria-describedby="{doc_id}-c{i}-tip">')
        closing = (f'<span class="ic" aria-hidden="true">{icon}</span><span class="sr"> ({words})</span>'
                   f'<span class="tip" role="tooltip" id="{doc_id}-c{i}-tip">{_tip(marks, i)}</span></a>')
        wrappers.append((span.start, span.end, opening, closing, True))
    refs: dict[tuple[int, int, str, str, bool], int] = {}  # reference wrappers -> reference index
    for i, use in enumerate(marks.references):
        span = use.reference.span
        if span.source != source_index or span.end <= span.start:
            continue
        kind = " unused" if use.cited == 0 else ""
        kind += " dup" if use.duplicate_group else ""
        wrapper = (span.start, span.end, f'<span class="ref{kind}" id="{doc_id}-t{i}">', "</span>", False)
        wrappers.append(wrapper)
        refs[wrapper] = i
    wrappers.sort(key=lambda w: (w[0], -w[1]))
    kept: list[tuple[int, int, str, str, bool]] = []
    for wrapper in wrappers:  # overlapping marks cannot nest in HTML: keep the first
        if kept and wrapper[0] < kept[-1][1]:
            continue
        kept.append(wrapper)
        if wrapper in refs:
            shown.add(refs[wrapper])
    points: list[tuple[int, str]] = []
    starts = [w[0] for w in kept]
    for placed in marks.findings:
        if placed.span is None or placed.span.source != source_index:
            continue
        at = placed.span.start
        i = bisect_right(starts, at) - 1
        if i >= 0 and kept[i][0] <= at < kept[i][1]:
            # inside a citation (a link): after it; inside a reference entry: at its start
            at = kept[i][1] if kept[i][4] else kept[i][0]
            if not kept[i][4]:
                points.append((at, "\x00" + finding_badge(doc_id, marks, placed.number)))
                continue
        points.append((at, finding_badge(doc_id, marks, placed.number)))
    return _weave(len(source.text), show, kept, points)


def _weave(length: int, show: Escape, wrappers: list[tuple[int, int, str, str, bool]],
           points: list[tuple[int, str]]) -> str:
    """Interleave the escaped text with the wrappers' tags and the point badges.
    A badge marked with a leading NUL goes just inside the wrapper starting there."""
    events: list[tuple[int, int, str]] = []  # (offset, order, html)
    for start, end, opening, closing, _ in wrappers:
        if end <= start:  # an empty mark: one event, so that it cannot close before it opens
            events.append((start, 2, opening + closing))
            continue
        events.append((start, 2, opening))
        events.append((end, 0, closing))
    for at, badge in points:
        if badge.startswith("\x00"):
            events.append((at, 3, badge[1:]))
        else:
            events.append((at, 1, badge))
    events.sort(key=lambda e: (e[0], e[1]))
    out: list[str] = []
    pos = 0
    for offset, _, markup in events:
        offset = max(0, min(offset, length))
        if offset > pos:
            out.append(show(pos, offset))
            pos = offset
        out.append(markup)
    out.append(show(pos, length))
    return "".join(out)
