"""The HTML reporter: one self-contained page an editor can read.

``citecheck check paper.docx --format html -o report.html`` writes a page
with, for each file: a summary; the manuscript text with every citation
marked (green: it resolves, red: it refers to nothing, amber: suspect; an
icon and words say the same for those who do not see colour) and each
finding at its place; a findings panel linking to those places; the
reference list as a table (times cited, first citation, DOI, Crossref status,
duplicate groups); and a chart of references by year.  Several files give an
overview first.

The page needs nothing from the network: styles and the small script are
inline, the chart is inline SVG, and a content security policy forbids any
request (``default-src 'none'``, the inline style and script allowed by
hash).  It reads in full without JavaScript; the script only adds the keys
``n``/``p`` (next/previous finding).  All manuscript text is escaped.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import os
from importlib import resources
from urllib.parse import quote

from citecheck import __version__
from citecheck.gcpause import builds_only
from citecheck.model import Document, FileSummary, Finding, Report, Severity
from citecheck.reporters.html_chart import year_chart
from citecheck.reporters.html_text import SEVERITY_ICON, STATUS_LABEL, esc, reference_text, render_source
from citecheck.reporters.marks import MISSING, OK, SUSPECT, Marks, mark
from citecheck.reporters.options import RenderOptions, display_path, rule_docs_url

_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def _asset(name: str) -> str:
    return resources.files("citecheck").joinpath("data", name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _counts(findings: list[Finding]) -> str:
    parts = []
    for sev in _SEVERITIES:
        n = sum(1 for f in findings if f.severity is sev)
        word = sev.value if sev is Severity.INFO else _plural(n, sev.value)[len(str(n)) + 1:]
        parts.append(f'<span class="badge sev-{sev.value}">{SEVERITY_ICON[sev]} {n} {word}</span>')
    return " ".join(parts)


def _where(document: Document, finding: Finding) -> str:
    loc = finding.location
    if document.format == "docx":
        where = f"paragraph {loc.line}, character {loc.column}"
    else:
        where = f"line {loc.line}, column {loc.column}"
    if len(document.sources) > 1:
        where = f"{_beside(document, loc.path)}, {where}"
    return where


def _beside(document: Document, path: str) -> str:
    """A file of a project, named relative to the main file's folder (\\input paths)."""
    return display_path(path, os.path.dirname(os.path.abspath(document.path)))


def _summary(marks: Marks, summary: FileSummary, base: str | None) -> str:
    doc = marks.document
    statuses = {OK: 0, MISSING: 0, SUSPECT: 0}
    for cm in marks.citations:
        statuses[cm.status] += 1
    rows = [
        ("File", esc(display_path(doc.path, base))),
        ("Format", esc(doc.format) + (f" ({_plural(len(doc.sources), 'file')} shown below)"
                                      if len(doc.sources) > 1 else "")),
        ("Encoding", esc(doc.encoding)),
        ("Citation style", esc(doc.style.value)),
        ("Citations", f"{len(doc.citations)}: {statuses[OK]} resolve, {statuses[MISSING]} refer to "
                      f"nothing, {statuses[SUSPECT]} suspect"),
        ("References", f"{len(doc.references)}: {sum(1 for u in marks.references if u.cited == 0)} never "
                       f"cited, {sum(1 for u in marks.references if u.duplicate_group)} in duplicate groups"),
        ("Findings", _counts([p.finding for p in marks.findings])),
        ("Checked online", _online(marks)),
    ]
    items = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<dl class="summary">{items}</dl>'


def _online(marks: Marks) -> str:
    if not marks.crossref_ran:
        return "nothing (DOIs and references were not looked up; run with <code>--crossref</code>)"
    tally: dict[str, int] = {}
    for use in marks.references:
        tally[use.crossref or "not checked"] = tally.get(use.crossref or "not checked", 0) + 1
    return "Crossref: " + ", ".join(f"{n} {esc(status)}" for status, n in sorted(tally.items()))


def _findings_panel(doc_id: str, marks: Marks) -> str:
    if not marks.findings:
        return '<p>No findings: every citation resolves and every reference is cited.</p>'
    items = []
    for placed in marks.findings:
        f = placed.finding
        n = placed.number
        where = esc(_where(marks.document, f))
        link = f'<a href="#{doc_id}-f{n}">{where}</a>' if placed.span is not None else where
        excerpt = f'<span class="excerpt">near \u201c{esc(f.excerpt)}\u201d</span>' if f.excerpt else ""
        excerpt += _related(doc_id, marks, f)
        items.append(
            f'<li id="{doc_id}-l{n}" data-code="{esc(f.code)}" data-severity="{f.severity.value}">'
            f'<span class="badge sev-{f.severity.value}">{SEVERITY_ICON[f.severity]} {f.severity.value}</span> '
            f'<a href="{esc(rule_docs_url(f.code))}" rel="noreferrer">{esc(f.code)}</a> '
            f'{esc(f.message)} <span class="muted">[{esc(f.name)}]</span> \u2014 {link}{excerpt}</li>')
    return f'<ol class="findings">{"".join(items)}</ol>'


def _related(doc_id: str, marks: Marks, finding: Finding) -> str:
    """The finding's related places, each linked to the citation or entry there."""
    items = []
    for rel in finding.related:
        target = marks.target(rel.location)
        text = esc(rel.message)
        if target is not None:
            kind, index = target
            anchor = f"#{doc_id}-c{index}" if kind == "citation" else f"#{doc_id}-r{index}"
            text = f'<a href="{anchor}">{text}</a>'
        items.append(f"<li>{text}</li>")
    return f'<ul class="related">{"".join(items)}</ul>' if items else ""


def _reference_table(doc_id: str, marks: Marks, shown: set[int]) -> str:
    if not marks.references:
        return "<p>No reference list was found.</p>"
    doc = marks.document
    head = ["Label", "Reference", "Cited", "First cited at", "DOI"]
    if marks.crossref_ran:
        head.append("Crossref")
    head += ["Duplicates", "Findings"]
    by_group: dict[int, list[str]] = {}
    for use in marks.references:
        if use.duplicate_group:
            by_group.setdefault(use.duplicate_group, []).append(use.reference.label)
    rows = []
    for i, use in enumerate(marks.references):
        ref = use.reference
        first = ""
        if use.first_citation is not None:
            loc = doc.locate(doc.citations[use.first_citation].span)
            word = "paragraph" if doc.format == "docx" else "line"
            if len(doc.sources) > 1:
                word = f"{_beside(doc, loc.path)}, {word}"
            first = f'<a href="#{doc_id}-c{use.first_citation}">{esc(word)} {loc.line}</a>'
        doi = ref.fields.doi if ref.fields else None
        doi_cell = (f'<a href="https://doi.org/{esc(quote(doi, safe="/:;()._-<>[]"))}" rel="noreferrer">'
                    f'{esc(doi)}</a>') if doi else ""
        cells = [
            f'<th scope="row"><a href="#{doc_id}-t{i}">{esc(ref.label)}</a></th>'
            if i in shown else f'<th scope="row">{esc(ref.label)}</th>',
            f'<td class="reftext">{esc(reference_text(ref))}</td>',
            f'<td class="num">{use.cited}</td>' if use.cited else
            '<td class="num"><span class="badge sev-warning">\u26a0 0</span></td>',
            f"<td>{first or '<span class=muted>never</span>'}</td>",
            f"<td>{doi_cell}</td>",
        ]
        if marks.crossref_ran:
            status = use.crossref or "not checked"
            cells.append(f'<td class="st-{status.replace(" ", "-")}">{esc(status)}</td>')
        dup = ""
        if use.duplicate_group:
            others = [label for label in by_group[use.duplicate_group] if label != ref.label]
            dup = f"group {use.duplicate_group}: same work as {esc(', '.join(others))}"
        cells.append(f"<td>{dup}</td>")
        cells.append("<td>" + " ".join(
            f'<a class="badge sev-{marks.findings[n].finding.severity.value}" href="#{doc_id}-l{n}">'
            f'{esc(marks.findings[n].finding.code)}</a>' for n in use.findings) + "</td>")
        cls = "target dup" if use.duplicate_group else "target"
        rows.append(f'<tr class="{cls}" id="{doc_id}-r{i}">{"".join(cells)}</tr>')
    header = "".join(f'<th scope="col">{h}</th>' for h in head)
    return (f'<div class="scroll"><table><caption class="sr">References of {esc(doc.path)}</caption>'
            f'<thead><tr>{header}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def _legend() -> str:
    return ('<p class="legend">'
            + "".join(f'<span><span class="cite {s}">[n]<span class="ic" aria-hidden="true">'
                      f'{STATUS_LABEL[s][0]}</span></span> {STATUS_LABEL[s][1]}</span>'
                      for s in (OK, MISSING, SUSPECT))
            + '<span class="keys">Keys: <span class="kbd">n</span> / <span class="kbd">p</span> '
              'next / previous finding</span></p>')


def _document_section(doc_id: str, marks: Marks, summary: FileSummary, base: str | None,
                      this_year: int) -> str:
    doc = marks.document
    title = esc(display_path(doc.path, base))
    texts = []
    shown: set[int] = set()  # the references marked in the text (the table links to them)
    for i, source in enumerate(doc.sources):
        name = esc(_beside(doc, source.path))
        prose = " prose" if doc.format in ("docx", "jats", "text", "markdown") else ""
        texts.append(f'<h4>{name}</h4>' if len(doc.sources) > 1 else "")
        texts.append(f'<div class="src{prose}" id="{doc_id}-s{i}">{render_source(doc_id, marks, i, shown)}</div>')
    years = [u.reference.fields.year if u.reference.fields else None for u in marks.references]
    return (
        f'<section class="file" id="{doc_id}" aria-labelledby="{doc_id}-h"><h2 id="{doc_id}-h">{title}</h2>'
        f'{_summary(marks, summary, base)}'
        f'<h3 id="{doc_id}-findings">Findings</h3>{_findings_panel(doc_id, marks)}'
        f'<h3 id="{doc_id}-text">Manuscript</h3>{_legend()}{"".join(texts)}'
        f'<h3 id="{doc_id}-refs">References</h3>'
        f'{year_chart(years, this_year, doc_id + "-chart")}{_reference_table(doc_id, marks, shown)}</section>'
    )


def _unread_section(doc_id: str, summary: FileSummary, findings: list[Finding], base: str | None) -> str:
    items = "".join(f'<li data-code="{esc(f.code)}"><span class="badge sev-{f.severity.value}">'
                    f'{SEVERITY_ICON[f.severity]} {f.severity.value}</span> {esc(f.code)} {esc(f.message)}</li>'
                    for f in findings)
    return (f'<section class="file" id="{doc_id}"><h2>{esc(display_path(summary.path, base))}</h2>'
            f'<p>This file could not be read: {esc(summary.error or "")}</p><ol class="findings">{items}</ol>'
            "</section>")


def _overview(report: Report, per_file: list[list[Finding]], base: str | None) -> str:
    rows = []
    for i, (summary, mine) in enumerate(zip(report.files, per_file, strict=True)):
        counts = [sum(1 for f in mine if f.severity is sev) for sev in _SEVERITIES]
        rows.append(f'<tr><th scope="row"><a href="#d{i}">{esc(display_path(summary.path, base))}</a></th>'
                    f"<td>{esc(summary.format)}</td><td class=num>{summary.citations}</td>"
                    f"<td class=num>{summary.references}</td>"
                    + "".join(f"<td class=num>{n}</td>" for n in counts) + "</tr>")
    head = "".join(f'<th scope="col">{h}</th>' for h in
                   ("File", "Format", "Citations", "References", "Errors", "Warnings", "Info"))
    return (f'<section id="overview"><h2>Overview</h2><div class="scroll"><table><thead><tr>{head}</tr>'
            f'</thead><tbody>{"".join(rows)}</tbody></table></div></section>')


@builds_only
def render_html(report: Report, options: RenderOptions | None = None) -> str:
    """The whole report as one HTML page."""
    options = options or RenderOptions()
    base = options.base
    this_year = datetime.date.today().year
    documents = {d.path: d for d in report.documents}
    by_path: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_path.setdefault(finding.path, []).append(finding)
    sections = []
    per_file: list[list[Finding]] = []  # each file's findings, those in its other sources too
    for i, summary in enumerate(report.files):
        doc_id = f"d{i}"
        document = documents.get(summary.path)
        if document is None:
            per_file.append(by_path.get(summary.path, []))
            sections.append(_unread_section(doc_id, summary, per_file[-1], base))
            continue
        paths = dict.fromkeys(source.path for source in document.sources)
        mine = sorted((f for path in paths for f in by_path.get(path, ())), key=Finding.sort_key)
        per_file.append(mine)
        marks = mark(document, mine)
        sections.append(_document_section(doc_id, marks, summary, base, this_year))
    css, js = _asset("report.css"), _asset("report.js")
    csp = (f"default-src 'none'; style-src {_hash(css)}; script-src {_hash(js)}; img-src data:; "
           "base-uri 'none'; form-action 'none'")
    names = ", ".join(display_path(f.path, base) for f in report.files[:3])
    if len(report.files) > 3:
        names += f" and {len(report.files) - 3} more"
    overview = _overview(report, per_file, base) if len(report.files) > 1 else ""
    totals = _counts(report.findings)
    notes = "".join(f"<p class=muted>{esc(note)}</p>" for note in report.notes)
    if report.unverified:
        notes += f"<p>{report.unverified} reference(s) could not be verified with Crossref.</p>"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="citecheck {esc(__version__)}">'
        f"<title>citecheck report: {esc(names)}</title><style>{css}</style></head><body>"
        '<a class="skip" href="#main">Skip to the report</a>'
        f'<header><h1>Citation check: {esc(names)}</h1>'
        f'<p>{_plural(len(report.files), "file")} checked; findings: {totals}</p>{notes}</header>'
        f'<main id="main">{overview}{"".join(sections)}</main>'
        f'<footer class="muted"><p>Made by citecheck {esc(__version__)}. Green \u2713: the citation '
        "resolves; red \u2717: it refers to no reference; amber !: it resolves but a rule doubts it. "
        "Hover over or focus a citation to see its reference.</p></footer>"
        f"<script>{js}</script></body></html>\n"
    )
