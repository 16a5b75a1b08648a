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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

from citecheck.doi import is_short_doi, normalize_doi
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
from citecheck.readers.bibtex import BibDatabase
from citecheck.readers.confine import CODE as CONFINE_CODE
from citecheck.readers.confine import inside, outside_message, project_dir
from citecheck.readers.csljson import csl_references
from citecheck.readers.structured import DataError, load_json, load_yaml

#: The prefixes of Manubot's own citation handlers (``manubot.cite.handlers``),
#: with the standard prefix each stands for: ``pmc:`` and ``pmcid:`` are one
#: handler, ``pubmed:`` and ``pmid:`` another, ``url:``, ``http:`` and ``https:`` a third.
HANDLED_PREFIXES: dict[str, str] = {
    "doi": "doi", "pmc": "pmcid", "pmcid": "pmcid", "pubmed": "pmid", "pmid": "pmid",
    "arxiv": "arxiv", "isbn": "isbn", "url": "url", "http": "url", "https": "url",
    "wikidata": "wikidata",
}
#: Key prefixes whose identifier Manubot resolves by itself.
IDENTIFIER_PREFIXES = tuple(HANDLED_PREFIXES)
#: Prefixes that are not persistent identifiers: pandoc-xnos cross-references,
#: aliases (``tag:``) and manual-reference keys (``raw:``).
_NOT_IDENTIFIERS = frozenset({"fig", "tbl", "eq", "sec", "lst", "tag", "raw"})
#: The shape of a Bioregistry prefix (``clinicaltrials``, ``go``, ``4dn.biosource``).
#: Manubot resolves hundreds of them; offline, citecheck accepts any prefix of
#: this shape in a Manubot project, since it cannot tell which ones Bioregistry has.
_COMPACT_PREFIX = re.compile(r"^[a-z0-9][a-z0-9_.]*$")
#: Accessions whose prefix Manubot infers when a key has none (``@10.15363/x``,
#: ``@10/993``, ``@PMC4497619``, ``@26158728``, ``@Q50051684``, ``@1508.06576v2``),
#: in Manubot's order.
_INFERRED = (
    (re.compile(r"10\.\d{4,9}/\S+"), "doi"),
    (re.compile(r"10/[a-zA-Z0-9]+"), "doi"),
    (re.compile(r"PMC\d+"), "pmcid"),
    (re.compile(r"[1-9]\d{0,7}"), "pmid"),
    (re.compile(r"Q\d+"), "wikidata"),
    (re.compile(r"\d{4}\.\d{4,5}(?:v\d+)?|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?"), "arxiv"),
)
#: A chapter of a Manubot project: ``content/02.intro.md``.
CHAPTER = re.compile(r"^\d+\..*\.md$", re.IGNORECASE)
#: ``[@tag:Abe]: doi:10.1101/gr.634603``; a target may be written in ``<...>``.
_ALIAS = re.compile(r"^ {0,3}\[@(?:\{([^{}\s]+)\}|([^\]\s]+))\]:[ \t]*<?([^\s>]+)>?", re.MULTILINE)
_PREFIXED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9_.]*):(.+)$", re.DOTALL)
#: Manubot reads every ``content/manual-references*.*``; citecheck reads these formats of them.
_MANUAL = ("manual-references*.json", "manual-references*.yaml", "manual-references*.yml",
           "manual-references*.bib", "manual-references*.bibtex")


def split_key(key: str, compact: bool = False) -> tuple[str, str] | None:
    """``(standard prefix, accession)`` for an identifier key, ``("raw", x)`` for
    ``raw:x``, else ``None``.

    Manubot reads the prefix in any case (``DOI:`` is ``doi:``); ``https:`` and
    ``http:`` keys are URLs.  With ``compact`` (in a Manubot project), an
    unprefixed key that has the shape of a DOI, shortDOI, PMCID, PMID,
    Wikidata or arXiv id gets that prefix, and another lower-case prefix is a
    Bioregistry compact identifier (``clinicaltrials:NCT04280705``), as Manubot
    infers them.

    >>> split_key("DOI:10.1038/NBT.3300"), split_key("pmc:PMC4497619"), split_key("https://a.org/x")
    (('doi', '10.1038/NBT.3300'), ('pmcid', 'PMC4497619'), ('url', 'https://a.org/x'))
    >>> split_key("tag:Abe") is None, split_key("10/993", compact=True)
    (True, ('doi', '10/993'))
    """
    match = _PREFIXED.match(key)
    if match:
        prefix = match.group(1).lower()
        if prefix in HANDLED_PREFIXES:
            standard = HANDLED_PREFIXES[prefix]
            return standard, key if prefix in ("http", "https") else match.group(2)
        if prefix == "raw":
            return prefix, match.group(2)
        if compact and prefix not in _NOT_IDENTIFIERS and _COMPACT_PREFIX.match(match.group(1)):
            return prefix, match.group(2)
    if compact and not (match and match.group(1).lower() in _NOT_IDENTIFIERS):
        for pattern, inferred in _INFERRED:
            if pattern.fullmatch(key):
                return inferred, key
    return None


def standard_id(key: str, compact: bool = False) -> str | None:
    """The form of an identifier key that two spellings of one work share.

    The prefix is standardised and a DOI lower-cased (DOIs are
    case-insensitive); other identifiers are kept as written.

    >>> standard_id("doi:10.1038/NBT.3300"), standard_id("pubmed:26158728")
    ('doi:10.1038/nbt.3300', 'pmid:26158728')
    >>> standard_id("arxiv:1409.0473")
    'arxiv:1409.0473'
    """
    split = split_key(key, compact)
    if split is None:
        return None
    prefix, identifier = split
    if prefix == "doi":
        identifier = identifier.lower()
    return f"{prefix}:{identifier}"


def identifier_fields(key: str, compact: bool = False) -> ReferenceFields:
    """The fields an identifier key gives: its DOI, arXiv id, PMID, PMCID, ISBN or URL.

    A shortDOI (``doi:10/gddkhn``) is not a DOI until Manubot expands it
    online: it is kept as its doi.org link, not checked as DOI syntax.
    """
    split = split_key(key, compact)
    if split is None:
        return ReferenceFields()
    prefix, identifier = split
    if prefix == "doi":
        if is_short_doi(identifier):
            return ReferenceFields(url=f"https://doi.org/{identifier}")
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
    if prefix not in ("wikidata", "raw"):
        return ReferenceFields(note=f"compact identifier {prefix}:{identifier}")
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


def metadata_aliases(text: str, source_index: int) -> list[Alias]:
    """The ``pandoc: citekey-aliases:`` of a project's ``metadata.yaml``."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return []  # Manubot's build reports a broken metadata.yaml
    pandoc = data.get("pandoc") if isinstance(data, dict) else None
    table = pandoc.get("citekey-aliases") if isinstance(pandoc, dict) else None
    out = []
    for key, target in (table.items() if isinstance(table, dict) else ()):
        if not isinstance(key, str) or not isinstance(target, str):
            continue
        found = re.search(rf"^[ \t]*['\"]?({re.escape(key)})['\"]?[ \t]*:", text, re.MULTILINE)
        start = found.start(1) if found else 0
        out.append(Alias(key, target, Span(start, start + len(key), source_index), f"{key}: {target}"))
    return out


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
    # As the path was given (relative stays relative), so that a file read as another
    # chapter's definitions is named as it is when it is checked itself.
    folder = os.path.dirname(path) or "."
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
    #: In a Manubot project: prefixes are inferred and Bioregistry prefixes resolve.
    compact: bool = False


def manual_key(csl_id: str) -> str:
    """The key a manual reference answers to: its id standardised, or the id
    itself (Manubot matches an unhandled key such as ``@private-message``
    against the plain ``"id": "private-message"``).

    >>> manual_key("DOI:10.1093/BIB/bbw110"), manual_key("private-message")
    ('doi:10.1093/bib/bbw110', 'private-message')
    """
    return standard_id(csl_id, compact=True) or csl_id


#: A ``key: value`` line of a CSL note (Manubot's ``note_dict``).
#: (The value's trailing blanks are stripped after the match: a lazy value before "[ \t]*$"
#: backtracked over a long run of spaces once per space.)
_NOTE_FIELD = re.compile(r"^[ \t]*([A-Za-z_][\w-]*)[ \t]*:[ \t]*(\S[^\n]*)", re.MULTILINE)


def manubot_id(item: Mapping[str, Any]) -> str | None:
    """The id Manubot gives a manual reference, as ``CSL_Item.infer_id`` does:
    its ``standard_citation``, else the ``standard_id: ...`` line of its note,
    else its ``id``.

    >>> manubot_id({"standard_citation": "raw:phylip"}), manubot_id({"id": "x", "note": "standard_id: doi:10.1/a"})
    ('raw:phylip', 'doi:10.1/a')
    """
    note = item.get("note")
    from_note = next((m.group(2).rstrip(" \t") for m in _NOTE_FIELD.finditer(note) if m.group(1) == "standard_id"),
                     None) if isinstance(note, str) else None
    for value in (item.get("standard_citation"), from_note, item.get("id")):
        if isinstance(value, (str, int)) and str(value):
            return str(value)
    return None


def _with_manubot_ids(source: Source, index: int, database: BibDatabase) -> BibDatabase:
    """A CSL-JSON or CSL-YAML manual reference file read with the ids Manubot
    gives its items (:func:`manubot_id`); ``database`` if they are their ids."""
    try:
        data = load_json(source.text) if source.path.lower().endswith(".json") else load_yaml(source.text)
    except DataError:
        return database  # already reported as CC001
    if isinstance(data, Mapping):
        data = data.get("items") or data.get("references") or []
    if not isinstance(data, list):
        return database
    items = [(item, manubot_id(item)) for item in data if isinstance(item, Mapping)]
    if all(wanted == item.get("id") for item, wanted in items if wanted):
        return database
    redone = csl_references([{**item, "id": wanted} for item, wanted in items if wanted], source, index, search=False)
    at = 0
    for n, ref in enumerate(redone.references):
        found = source.text.find(ref.label, at)
        if ref.span.start == ref.span.end and found != -1:  # not written as an id: where it is written
            redone.references[n] = replace(ref, span=Span(found, found + len(ref.label), index))
        at = max(at, redone.references[n].span.end)
    return BibDatabase(references=redone.references, problems=database.problems)


def manual_for(key: str, manual: dict[str, Reference], compact: bool = False) -> Reference | None:
    """The manual reference a cited key uses: by its standard id, or, for an
    unhandled key, by the id as written -- with or without the ``raw:`` prefix
    that older Manubot versions put before such keys."""
    standard = standard_id(key, compact)
    if standard is not None and not standard.startswith("raw:"):
        return manual.get(standard)
    plain = key[4:] if standard is not None else key
    return manual.get(plain) or manual.get(f"raw:{plain}")


def load_definitions(text: str, path: str, project: Project | None, first_index: int,
                     max_bytes: int, allow_outside: bool = False) -> Definitions:
    """The aliases of ``text`` and, in a project, those of its other chapters,
    its ``citation-tags.tsv`` and its manual references.

    Other files become sources numbered from ``first_index``; the first
    definition of a key wins, in chapter order, as in Manubot.  A file that a
    symbolic link takes outside the project is not read (CC005), unless
    ``allow_outside``.
    """
    out = Definitions(compact=project is not None)
    for alias in find_aliases(text):
        out.aliases.setdefault(alias.key, alias)
    if project is None:
        return out
    own = os.path.realpath(path)
    extra: list[tuple[str, str]] = [(c, "md") for c in project.chapters if os.path.realpath(c) != own]
    for name, kind in (("citation-tags.tsv", "tsv"), ("metadata.yaml", "yaml")):
        if os.path.isfile(os.path.join(project.folder, name)):
            extra.append((os.path.join(project.folder, name), kind))
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
        finder = {"md": find_aliases, "tsv": tsv_aliases, "yaml": metadata_aliases}[kind]
        found = finder(decoded.text, index)
        if found:
            out.sources.append(Source(other, decoded.text, decoded.encoding))
            if kind != "md" and project.chapters and os.path.realpath(project.chapters[0]) == own:
                out.owned.add(index)  # no one checks these files: the first chapter speaks for them
            for alias in found:
                out.aliases.setdefault(alias.key, alias)
    for manual in manuals:
        index = first_index + len(out.sources)
        try:
            source, database = load_bibliography(manual, index, max_bytes)
        except InputError as error:
            out.problems.append(unreadable_problem(error, 0, 0, 0))
            continue
        if manual.lower().endswith((".json", ".yaml", ".yml")):
            database = _with_manubot_ids(source, index, database)
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


def resolve(citations: list[Citation], known: set[str], definitions: Definitions,
            elsewhere: frozenset[str] = frozenset()) -> tuple[list[Reference], dict[str, str]]:
    """References for the Manubot keys that ``citations`` use and ``known`` lacks.

    Returns the references, in the order of their sources and offsets, and a map from each key as written to its
    reference's label, where they differ (``doi:10.1/X`` cited after
    ``doi:10.1/x``, or ``tag:x`` whose alias names ``doi:10.1/x``: one work,
    one reference, as Manubot gives every key of one standard id one CSL item).
    An alias of a work that already has its reference is left out when
    another chapter cites it (``elsewhere``): it is that one reference there
    too.  Nobody citing it, it stays, so that it is reported uncited.  Aliases the document's own file
    defines (and, for a project's first chapter, those of its
    ``citation-tags.tsv``) are references even when uncited; an identifier becomes a
    reference only when cited, so it is never "uncited".
    """
    refs: list[Reference] = []
    by_standard: dict[str, str] = {}
    made: set[str] = set()
    renamed: dict[str, str] = {}

    compact = definitions.compact

    def alias_reference(alias: Alias) -> Reference:
        target = standard_id(alias.target, compact)
        manual = manual_for(alias.target, definitions.manual, compact)
        fields = manual.fields if manual is not None else identifier_fields(alias.target, compact)
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
                target = standard_id(definitions.aliases[key].target, compact)
                if target is not None and target in by_standard:
                    renamed[key] = by_standard[target]  # Manubot makes one reference of one work
                    continue
                refs.append(alias_reference(definitions.aliases[key]))
                made.add(key)
                if target is not None:
                    by_standard[target] = key
                continue
            standard = standard_id(key, compact)
            manual = manual_for(key, definitions.manual, compact)
            if standard is None:
                if manual is None:
                    continue  # an unhandled key needs a manual reference; without one it is missing
                standard = f"raw:{key}"
            if standard in by_standard:
                renamed[key] = by_standard[standard]
                continue
            if manual is not None:
                refs.append(Reference(label=key, span=manual.span, text=manual.text,
                                      origin=ReferenceOrigin.DATABASE, fields=manual.fields,
                                      entry_type=manual.entry_type))
            elif standard.startswith("raw:"):
                continue  # a raw key names a manual reference; without one it is missing
            else:
                refs.append(Reference(label=key, span=item.span, text=key, origin=ReferenceOrigin.DATABASE,
                                      fields=identifier_fields(key, compact), entry_type="identifier"))
            by_standard[standard] = key
            made.add(key)
    for alias in definitions.aliases.values():
        if alias.span.source not in definitions.owned or alias.key in made or alias.key in known:
            continue
        if alias.key in renamed:
            continue
        target = standard_id(alias.target, compact)
        if target is not None and target in by_standard and alias.key in elsewhere:
            continue  # another key of this work is its reference: Manubot lists the work once
        refs.append(alias_reference(alias))
        made.add(alias.key)
        if target is not None:
            by_standard[target] = alias.key
    # In the order of the files and of the text: every chapter then lists the
    # entries of a shared file alike, and reports a problem of them alike.
    refs.sort(key=lambda r: (r.span.source, r.span.start))
    return refs, renamed


__all__ = [
    "HANDLED_PREFIXES", "IDENTIFIER_PREFIXES", "Alias", "Definitions", "Project", "find_aliases", "find_project",
    "identifier_fields", "load_definitions", "manual_for", "manual_key", "manubot_id", "metadata_aliases",
    "project_citations", "resolve", "split_key", "standard_id", "tsv_aliases",
]
