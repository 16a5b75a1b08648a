"""Manubot citations: keys that are identifiers, aliases of identifiers, manual references.

`Manubot <https://manubot.org>`_ manuscripts cite by persistent identifier
(``[@doi:10.1038/nbt.3300]``, ``@arxiv:1409.0473``, ``@pmid:…``,
``@pmcid:PMC…``, ``@isbn:…``, ``@url:https://…``, ``@wikidata:Q…``);
Manubot fetches each work's metadata when it builds the manuscript, so such
a key needs no bibliography.  Other keys are aliases: a Markdown link
reference definition ``[@tag:Abe]: doi:10.1101/gr.634603`` in any content
file (or a row of ``content/citation-tags.tsv`` in older projects) makes
``@tag:Abe`` stand for that identifier.  ``content/manual-references.json``
(CSL-JSON or CSL-YAML, ``manual-references*.json|yaml|yml``) supplies the
metadata of works Manubot cannot fetch: an item's ``id`` is an identifier
key (``url:…``, ``doi:…``) or any other text, which ``@raw:text`` cites.

This module is used by :mod:`citecheck.readers.pandoc`; it is not a reader of
its own.  :func:`find_project` says whether a Markdown file is one chapter of
a Manubot project; :func:`resolve` turns the keys a document cites into
References.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from citecheck.doi import normalize_doi
from citecheck.encoding import read_text
from citecheck.errors import InputError
from citecheck.model import (
    Citation,
    ReaderProblem,
    Reference,
    ReferenceFields,
    ReferenceOrigin,
    Source,
    Span,
)
from citecheck.parsing.masking import mask_code_and_comments
from citecheck.readers.bibfiles import load_bibliography, unreadable_problem
from citecheck.readers.confine import CODE as CONFINE_CODE
from citecheck.readers.confine import inside, outside_message, project_dir

#: Key prefixes whose identifier Manubot resolves by itself.
IDENTIFIER_PREFIXES = ("doi", "pmid", "pmcid", "arxiv", "isbn", "url", "wikidata")
#: A chapter of a Manubot project: ``content/02.intro.md``.
CHAPTER = re.compile(r"^\d+\..*\.md$", re.IGNORECASE)
#: ``[@tag:Abe]: doi:10.1101/gr.634603``; a target may be written in ``<...>``.
_ALIAS = re.compile(r"^ {0,3}\[@(?:\{([^{}\s]+)\}|([^\]\s]+))\]:[ \t]*<?([^\s>]+)>?", re.MULTILINE)
_PREFIXED = re.compile(r"^([A-Za-z]+):(.+)$", re.DOTALL)
_MANUAL = ("manual-references*.json", "manual-references*.yaml", "manual-references*.yml")


def split_key(key: str) -> tuple[str, str] | None:
    """``("doi", "10.1/x")`` for an identifier key, ``("raw", "x")`` for ``raw:x``, else ``None``.

    Manubot reads the prefix in any case (``DOI:`` is ``doi:``).

    >>> split_key("DOI:10.1038/NBT.3300")
    ('doi', '10.1038/NBT.3300')
    >>> split_key("tag:Abe") is None
    True
    """
    match = _PREFIXED.match(key)
    if not match:
        return None
    prefix = match.group(1).lower()
    if prefix in IDENTIFIER_PREFIXES or prefix == "raw":
        return prefix, match.group(2)
    return None


def standard_id(key: str) -> str | None:
    """The form of an identifier key that two spellings of one work share.

    The prefix is lower-cased and so is a DOI (DOIs are case-insensitive);
    other identifiers are kept as written.

    >>> standard_id("doi:10.1038/NBT.3300")
    'doi:10.1038/nbt.3300'
    >>> standard_id("arxiv:1409.0473")
    'arxiv:1409.0473'
    """
    split = split_key(key)
    if split is None:
        return None
    prefix, identifier = split
    if prefix == "doi":
        identifier = identifier.lower()
    return f"{prefix}:{identifier}"


def identifier_fields(key: str) -> ReferenceFields:
    """The fields an identifier key gives: its DOI, arXiv id, PMID, PMCID, ISBN or URL."""
    split = split_key(key)
    if split is None:
        return ReferenceFields()
    prefix, identifier = split
    if prefix == "doi":
        return ReferenceFields(doi=normalize_doi(identifier), raw_doi=identifier)
    if prefix == "url":
        return ReferenceFields(url=identifier, type="web")
    if prefix == "arxiv":
        return ReferenceFields(arxiv=identifier, type="preprint")
    if prefix == "pmid":
        return ReferenceFields(pmid=identifier)
    if prefix == "pmcid":
        return ReferenceFields(pmcid=identifier)
    if prefix == "isbn":
        return ReferenceFields(isbn=identifier, type="book")
    return ReferenceFields()


@dataclass(frozen=True)
class Alias:
    """One alias definition: ``key`` (``tag:Abe``) stands for ``target`` (``doi:...``)."""

    key: str
    target: str
    span: Span  # the key, in the file that defines it
    text: str  # the definition as written


def find_aliases(text: str, source_index: int = 0) -> list[Alias]:
    """The ``[@key]: identifier`` definitions of a Markdown text, outside code and comments."""
    masked = mask_code_and_comments(text)
    out = []
    for match in _ALIAS.finditer(masked):
        group = 1 if match.group(1) is not None else 2
        line_end = text.find("\n", match.start())
        line_end = len(text) if line_end == -1 else line_end
        out.append(Alias(match.group(group), match.group(3),
                         Span(match.start(group), match.end(group), source_index),
                         text[match.start() : line_end].strip()))
    return out


def tsv_aliases(text: str, source_index: int) -> list[Alias]:
    """Rows ``tag<TAB>citation`` of an older project's ``citation-tags.tsv``: ``@tag:<tag>``."""
    out = []
    offset = 0
    for number, line in enumerate(text.split("\n")):
        cells = line.split("\t")
        if len(cells) >= 2 and cells[0].strip() and cells[1].strip() and not (number == 0 and cells[0] == "tag"):
            tag = cells[0].strip()
            start = offset + line.index(tag)
            out.append(Alias(f"tag:{tag}", cells[1].strip(), Span(start, start + len(tag), source_index), line))
        offset += len(line) + 1
    return out


@dataclass
class Project:
    """The content folder of a Manubot project and its chapters, in build order."""

    folder: str
    chapters: list[str]


def find_project(path: str) -> Project | None:
    """The Manubot project whose chapter ``path`` is, or ``None``.

    A file is a chapter when its name is ``NN.name.md`` and its folder shows
    that Manubot builds it: the folder holds a ``metadata.yaml``, a
    ``manual-references`` file or a ``citation-tags.tsv``, or one of its
    chapters defines a citation alias (``[@tag:x]: doi:...``, as rootstock's
    ``90.back-matter.md`` does).  Manubot concatenates the chapters in the
    order of their names.
    """
    name = os.path.basename(path)
    if not CHAPTER.match(name):
        return None
    folder = os.path.dirname(os.path.abspath(path))
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return None
    chapters = [os.path.join(folder, n) for n in names if CHAPTER.match(n) and os.path.isfile(os.path.join(folder, n))]
    signals = {"metadata.yaml", "citation-tags.tsv"}
    if any(n in signals or n.startswith("manual-references") for n in names):
        return Project(folder, chapters)
    for chapter in chapters:
        try:
            if find_aliases(read_text(chapter).text):
                return Project(folder, chapters)
        except InputError:
            continue
    return None


@dataclass
class Definitions:
    """What a document's keys can resolve through: aliases and manual references."""

    aliases: dict[str, Alias] = field(default_factory=dict)
    manual: dict[str, Reference] = field(default_factory=dict)  # standard id -> reference
    sources: list[Source] = field(default_factory=list)  # files other than the document's own
    owned: set[int] = field(default_factory=lambda: {0})  # sources whose aliases this document reports
    problems: list[ReaderProblem] = field(default_factory=list)


def manual_key(csl_id: str) -> str:
    """The key a manual reference answers to: its id standardised, or ``raw:<id>``.

    >>> manual_key("DOI:10.1093/BIB/bbw110"), manual_key("10.1101/050757")
    ('doi:10.1093/bib/bbw110', 'raw:10.1101/050757')
    """
    return standard_id(csl_id) or f"raw:{csl_id}"


def load_definitions(text: str, path: str, project: Project | None, first_index: int,
                     max_bytes: int, allow_outside: bool = False) -> Definitions:
    """The aliases of ``text`` and, in a project, those of its other chapters,
    its ``citation-tags.tsv`` and its manual references.

    Other files become sources numbered from ``first_index``; the first
    definition of a key wins, in chapter order, as in Manubot.  A file that a
    symbolic link takes outside the project is not read (CC005), unless
    ``allow_outside``.
    """
    out = Definitions()
    for alias in find_aliases(text):
        out.aliases.setdefault(alias.key, alias)
    if project is None:
        return out
    own = os.path.realpath(path)
    extra: list[tuple[str, str]] = [(c, "md") for c in project.chapters if os.path.realpath(c) != own]
    tsv = os.path.join(project.folder, "citation-tags.tsv")
    if os.path.isfile(tsv):
        extra.append((tsv, "tsv"))
    manuals = [m for pattern in _MANUAL for m in sorted(glob.glob(os.path.join(glob.escape(project.folder), pattern)))]
    if not allow_outside:
        home = project_dir(path)
        for other in [o for o, _ in extra] + manuals:
            if not inside(other, home):
                out.problems.append(ReaderProblem(CONFINE_CODE, outside_message(other, other, home), Span(0, 0)))
        extra = [(o, kind) for o, kind in extra if inside(o, home)]
        manuals = [m for m in manuals if inside(m, home)]
    for other, kind in extra:
        try:
            decoded = read_text(other, max_bytes)
        except InputError:
            continue  # an unreadable chapter is reported when it is checked itself
        index = first_index + len(out.sources)
        found = find_aliases(decoded.text, index) if kind == "md" else tsv_aliases(decoded.text, index)
        if found:
            out.sources.append(Source(other, decoded.text, decoded.encoding))
            if kind == "tsv" and project.chapters and os.path.realpath(project.chapters[0]) == own:
                out.owned.add(index)  # no one checks the .tsv itself: the first chapter speaks for it
            for alias in found:
                out.aliases.setdefault(alias.key, alias)
    for manual in manuals:
        index = first_index + len(out.sources)
        try:
            source, database = load_bibliography(manual, index, max_bytes)
        except InputError as error:
            out.problems.append(unreadable_problem(error, 0, 0, 0))
            continue
        out.sources.append(source)
        out.problems.extend(database.problems)
        for ref in database.references:
            out.manual.setdefault(manual_key(ref.label), ref)
    return out


def project_citations(project: Project, path: str, scan: Callable[[str], list[Citation]],
                      allow_outside: bool = False) -> set[str]:
    """The keys cited by the chapters of ``project`` other than ``path``
    (those inside the project, unless ``allow_outside``)."""
    own = os.path.realpath(path)
    home = project_dir(path)
    keys: set[str] = set()
    for chapter in project.chapters:
        if os.path.realpath(chapter) == own or not (allow_outside or inside(chapter, home)):
            continue
        try:
            text = read_text(chapter).text
        except InputError:
            continue
        keys.update(label for citation in scan(text) for label in citation.labels)
    return keys


def resolve(citations: list[Citation], known: set[str],
            definitions: Definitions) -> tuple[list[Reference], dict[str, str]]:
    """References for the Manubot keys that ``citations`` use and ``known`` lacks.

    Returns the references, in the order of their sources and offsets, and a map from each key as written to its
    reference's label, where they differ (``doi:10.1/X`` cited after
    ``doi:10.1/x``: one work, one reference).  Aliases the document's own file
    defines (and, for a project's first chapter, those of its
    ``citation-tags.tsv``) are references even when uncited; an identifier becomes a
    reference only when cited, so it is never "uncited".
    """
    refs: list[Reference] = []
    by_standard: dict[str, str] = {}
    made: set[str] = set()
    renamed: dict[str, str] = {}

    def alias_reference(alias: Alias) -> Reference:
        target = standard_id(alias.target)
        manual = definitions.manual.get(target) if target else None
        fields = manual.fields if manual is not None else identifier_fields(alias.target)
        if target is None and not manual:
            fields = ReferenceFields(note=f"alias of {alias.target}")
        return Reference(label=alias.key, span=alias.span, text=alias.text, origin=ReferenceOrigin.DATABASE,
                         fields=fields, entry_type=manual.entry_type if manual is not None else "identifier")

    for citation in citations:
        for item in citation.items:
            key = item.key
            if key is None or key in known or key in made or key in renamed:
                continue
            if key in definitions.aliases:
                refs.append(alias_reference(definitions.aliases[key]))
                made.add(key)
                continue
            standard = standard_id(key)
            if standard is None:
                continue
            if standard in by_standard:
                renamed[key] = by_standard[standard]
                continue
            manual = definitions.manual.get(standard)
            if manual is not None:
                refs.append(Reference(label=key, span=manual.span, text=manual.text,
                                      origin=ReferenceOrigin.DATABASE, fields=manual.fields,
                                      entry_type=manual.entry_type))
            elif standard.startswith("raw:"):
                continue  # a raw key names a manual reference; without one it is missing
            else:
                refs.append(Reference(label=key, span=item.span, text=key, origin=ReferenceOrigin.DATABASE,
                                      fields=identifier_fields(key), entry_type="identifier"))
            by_standard[standard] = key
            made.add(key)
    for alias in definitions.aliases.values():
        if alias.span.source in definitions.owned and alias.key not in made and alias.key not in known:
            refs.append(alias_reference(alias))
            made.add(alias.key)
    # In the order of the files and of the text: every chapter then lists the
    # entries of a shared file alike, and reports a problem of them alike.
    refs.sort(key=lambda r: (r.span.source, r.span.start))
    return refs, renamed


__all__ = [
    "IDENTIFIER_PREFIXES", "Alias", "Definitions", "Project", "find_aliases", "find_project",
    "identifier_fields", "load_definitions", "manual_key", "project_citations", "resolve",
    "split_key", "standard_id", "tsv_aliases",
]
