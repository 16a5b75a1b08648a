"""The BibTeX reader: a ``.bib`` database into references.

bibtexparser (v2) splits the file into blocks and reports what it cannot
parse; field values are resolved here rather than by its middlewares, so
that ``@string`` macros work inside ``#`` concatenations, duplicate entries
get the same treatment as the first one, and LaTeX decoding stays fast on a
50,000-entry file.

* Every entry becomes a :class:`~citecheck.model.Reference` with
  ``origin=DATABASE``, its key as label and its fields decoded from LaTeX.
* A block that cannot be parsed becomes a CC001 problem at its line; the
  other entries are still read.
* A key defined twice gives two references with one label (CC202 reports it).
* ``crossref`` fields are honoured: a child entry inherits the fields it lacks
  from its parent, and a parent's ``title`` becomes the child's ``booktitle``.
* ``@string`` expansion is bounded: a macro or field that expands past
  :data:`MAX_FIELD_CHARS`, or expansions adding up past
  :data:`EXPANSION_FACTOR` times the file's size (plus
  :data:`EXPANSION_FLOOR`), is a CC001 problem at its line (a macro that
  doubles itself thirty times would otherwise reach gigabytes); the entry is
  skipped and the others are read.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from citecheck.encoding import read_text
from citecheck.model import (
    Author,
    CitationStyle,
    Document,
    ReaderProblem,
    Reference,
    ReferenceFields,
    ReferenceOrigin,
    Source,
    Span,
)
from citecheck.doi import normalize_doi
from citecheck.parsing.latex_text import latex_to_text
from citecheck.readers.bibsplit import RawEntry, RawFailure, RawString, split_bibtex
from citecheck.readers.options import ReadOptions
from citecheck.refparse import extract_identifiers


_MONTHS = {m[:3]: m for m in (
    "january february march april may june july august september october november december"
).split()}
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d|21\d\d)(?!\d)")
_BARE_ARXIV = re.compile(r"^\d{4}\.\d{4,5}(?:v\d+)?$")
_PREPRINT_CONTAINER = re.compile(r"\b(?:arxiv|biorxiv|medrxiv|ssrn|chemrxiv|preprints?|peerj preprints)\b",
                                 re.IGNORECASE)
_URL_COMMAND = re.compile(r"\\(?:url|href|path|nolinkurl)\s*\{([^{}]*)\}")
_ESCAPED = re.compile(r"\\([_%&#$~^{}/])")
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)

#: BibTeX entry type -> the ReferenceFields ``type`` used by the duplicate rules.
_TYPES = {
    "article": "article", "book": "book", "booklet": "book", "mvbook": "book",
    "inbook": "chapter", "incollection": "chapter", "bookinbook": "chapter",
    "inproceedings": "conference", "conference": "conference", "proceedings": "conference",
    "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
    "techreport": "report", "report": "report", "manual": "manual", "patent": "patent",
    "dataset": "dataset", "software": "software", "online": "web", "www": "web",
    "electronic": "web", "misc": "misc", "unpublished": "misc",
}
_CHILD_BOOKTITLE = frozenset({"inproceedings", "incollection", "inbook", "conference", "bookinbook"})

#: Longest value one field or ``@string`` macro may expand to, in characters.
#: A long abstract has a few thousand.
MAX_FIELD_CHARS = 200_000
#: All expanded values of a file together may have at most this many times
#: the file's characters, plus :data:`EXPANSION_FLOOR` (macros for journal
#: names make a real file grow by a fraction, not a multiple).
EXPANSION_FACTOR = 4
EXPANSION_FLOOR = 4_000_000


class ExpansionTooLarge(ValueError):
    """A BibTeX value expands past :data:`MAX_FIELD_CHARS` (an ``@string`` bomb).

    ``inherited`` when the value uses a macro already reported as too large.
    """

    def __init__(self, message: str, inherited: bool = False) -> None:
        super().__init__(message)
        self.inherited = inherited


@dataclass
class BibDatabase:
    """What one bibliography file gave: its references and the problems found."""

    references: list[Reference] = field(default_factory=list)
    problems: list[ReaderProblem] = field(default_factory=list)


# -- field values -----------------------------------------------------------


def _split_concatenation(value: str) -> list[str]:
    """Split a raw BibTeX value on ``#`` outside braces and quotes."""
    parts: list[str] = []
    depth, quoted, start = 0, False, 0
    for i, ch in enumerate(value):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            parts.append(value[start:i].strip())
            start = i + 1
    parts.append(value[start:].strip())
    return parts


def resolve_value(raw: str, strings: Mapping[str, str], limit: int = MAX_FIELD_CHARS) -> str:
    """The value of a raw field: enclosing removed, ``@string`` macros expanded.

    Raises :class:`ExpansionTooLarge` when the value would pass ``limit``
    characters; its size is known before anything is joined.

    >>> resolve_value('jn # " Letters"', {"jn": "Journal of Tests"})
    'Journal of Tests Letters'
    >>> resolve_value("{The {DNA} book}", {})
    'The {DNA} book'
    """
    if "#" not in raw:  # one piece: what the loop below does, without the list
        piece = raw.strip()
        if len(piece) >= 2 and ((piece[0] == "{" and piece[-1] == "}") or (piece[0] == '"' and piece[-1] == '"')):
            value = piece[1:-1]
        elif piece.isdigit():
            value = piece
        else:
            name = piece.lower()
            value = strings.get(name, _MONTHS.get(name, piece))
        if len(value) > limit:
            raise ExpansionTooLarge(f"expands to more than {limit:,} characters")
        return value
    pieces = _split_concatenation(raw)
    out = []
    for piece in pieces:
        if len(piece) >= 2 and ((piece[0] == "{" and piece[-1] == "}") or (piece[0] == '"' and piece[-1] == '"')):
            out.append(piece[1:-1])
        elif piece.isdigit():
            out.append(piece)
        else:
            name = piece.lower()
            out.append(strings.get(name, _MONTHS.get(name, piece)))
    if sum(map(len, out)) > limit:
        raise ExpansionTooLarge(f"expands to more than {limit:,} characters")
    return "".join(out)


# -- names ------------------------------------------------------------------


def _split_top(value: str, sep: str) -> list[str]:
    """Split on ``sep`` (a character) outside braces."""
    if "{" not in value and "}" not in value:
        return [p.strip() for p in value.split(sep)]
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(value):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(value[start:i])
            start = i + 1
    parts.append(value[start:])
    return [p.strip() for p in parts]


def _split_names(value: str) -> list[str]:
    """Split an author list on ``and`` outside braces."""
    if "{" not in value and "}" not in value and not value[:1].isspace():
        # No braces: the loop below would split at every match, left to right.
        return [name for name in map(str.strip, _AND.split(value)) if name]
    out: list[str] = []
    depth, last, i = 0, 0, 0
    while i < len(value):
        ch = value[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif depth == 0 and ch.isspace():
            match = _AND.match(value, i)
            if match and i > 0:
                out.append(value[last:i])
                last = match.end()
                i = match.end()
                continue
        i += 1
    out.append(value[last:])
    return [name for name in map(str.strip, out) if name]


@functools.lru_cache(maxsize=1 << 16)
def parse_name(name: str) -> Author:
    """One BibTeX name: ``Last, First``, ``First von Last`` or ``{Group Name}``.

    >>> parse_name("{\\\\v{S}}eva, Jurica")
    Author(family='Ševa', given='Jurica', is_group=False)
    >>> parse_name("Ludwig van Beethoven")
    Author(family='van Beethoven', given='Ludwig', is_group=False)
    >>> parse_name("{The SciPy Consortium}")
    Author(family='The SciPy Consortium', given='', is_group=True)
    """
    name = name.strip()
    if name.startswith("{") and name.endswith("}") and _split_top(name[1:-1], ",")[0] == name[1:-1].strip() \
            and " " in name and not name.startswith("{\\"):
        return Author(latex_to_text(name[1:-1]), "", is_group=True)
    parts = _split_top(name, ",")
    if len(parts) >= 2:
        return Author(latex_to_text(parts[0]), latex_to_text(parts[-1]))
    tokens = [t for t in _split_top(name, " ") if t]
    if len(tokens) <= 1:
        return Author(latex_to_text(name), "")
    von = next((i for i, t in enumerate(tokens[:-1]) if t[:1].islower()), len(tokens) - 1)
    return Author(latex_to_text(" ".join(tokens[von:])), latex_to_text(" ".join(tokens[:von])))


def parse_names(value: str) -> tuple[tuple[Author, ...], bool]:
    """The authors of a name list, and whether it ends with ``and others``."""
    authors: list[Author] = []
    et_al = False
    for name in _split_names(value):
        if len(name) <= 8 and name.lower() in ("others", "{others}", "et al.", "et al"):
            et_al = True
            continue
        authors.append(parse_name(name))
    return tuple(authors), et_al


# -- entries ----------------------------------------------------------------


_LONE_MACRO = re.compile(r"^\s*\{?\s*\\([A-Za-z]+)\s*\}?\s*$")


def _text(values: Mapping[str, str], *names: str) -> str | None:
    for name in names:
        value = values.get(name)
        if value and not value.isspace():  # what value.strip() keeps, without the copy
            text = latex_to_text(value)
            if not text and (macro := _LONE_MACRO.match(value)):
                # A journal macro of a class citecheck does not know (``{\jaavso}``):
                # the field is there, and the macro's name is the best text it has.
                return macro.group(1)
            return text or None
    return None


def _verbatim(values: Mapping[str, str], name: str) -> str | None:
    """An identifier or URL as written: braces and escapes removed, nothing else
    decoded (``--`` and ``~`` are part of URLs and DOIs, not dashes and spaces)."""
    value = values.get(name)
    if not value or value.isspace():
        return None
    if "\\" in value:  # what both patterns need
        value = _ESCAPED.sub(r"\1", _URL_COMMAND.sub(r"\1", value))
    return " ".join(value.replace("{", "").replace("}", "").split()) or None


def _arxiv_id(values: Mapping[str, str]) -> str | None:
    eprint = (values.get("eprint") or "").strip()
    kind = (values.get("archiveprefix") or values.get("eprinttype") or "").lower()
    if eprint and (kind == "arxiv" or _BARE_ARXIV.match(eprint)):
        return eprint
    for name in ("arxiv", "journal", "journaltitle", "url", "note", "howpublished", "eprint"):
        value = values.get(name)
        if value is not None and "arxiv" in value.lower():
            found = extract_identifiers(value).arxiv
            if found:
                return found
    return None


# Fields that may give one value, in order of preference (the first one there).
_ISSUE = ("number", "issue")
_PUBLISHER = ("publisher", "institution", "school", "organization")


def entry_fields(entry_type: str, values: Mapping[str, str]) -> ReferenceFields:
    """Map the resolved (still LaTeX) fields of one entry to ReferenceFields."""
    names = values.get("author") or values.get("editor") or ""
    authors, et_al = parse_names(names) if names.strip() else ((), False)
    container = _text(values, "journal", "journaltitle", "booktitle")
    year_source = values.get("year") or values.get("date") or ""
    year_match = _YEAR.search(year_source)
    raw_doi = _verbatim(values, "doi")
    doi = normalize_doi(raw_doi) if raw_doi else None
    arxiv = _arxiv_id(values)
    kind = _TYPES.get(entry_type, "misc")
    if (container and _PREPRINT_CONTAINER.search(container)) or (
        arxiv and not container and kind in ("article", "misc", "web", "report")
    ):
        kind = "preprint"
    pages = _text(values, "pages")
    # Fields most entries lack are looked up only when there: a call each was
    # 0.08 s of a 50,000-entry file.
    return ReferenceFields(
        authors=authors,
        et_al=et_al,
        title=_text(values, "title"),
        container=container,
        year=int(year_match.group(1)) if year_match else None,
        volume=_text(values, "volume"),
        issue=_text(values, *_ISSUE) if not values.keys().isdisjoint(_ISSUE) else None,
        pages=pages.replace("–", "-").replace("—", "-") if pages else None,
        edition=_text(values, "edition") if "edition" in values else None,
        publisher=_text(values, *_PUBLISHER) if not values.keys().isdisjoint(_PUBLISHER) else None,
        doi=doi,
        raw_doi=raw_doi,
        pmid=_verbatim(values, "pmid") if "pmid" in values else None,
        pmcid=_verbatim(values, "pmcid") if "pmcid" in values else None,
        arxiv=arxiv,
        isbn=_verbatim(values, "isbn") if "isbn" in values else None,
        url=_verbatim(values, "url") if "url" in values else None,
        type=kind,
        note=_text(values, "note") if "note" in values else None,
    )


def _inherit(entry_type: str, values: dict[str, str], parent: Mapping[str, str]) -> dict[str, str]:
    merged = dict(values)
    for name, value in parent.items():
        if name in ("crossref", "ids", "key"):
            continue
        if name == "title" and entry_type in _CHILD_BOOKTITLE:
            merged.setdefault("booktitle", value)
            continue
        merged.setdefault(name, value)
    return merged


# -- the file ---------------------------------------------------------------


class _Expander:
    """Resolves field values against the file's ``@string`` macros, within a
    budget of characters for the whole file (see the module docstring)."""

    def __init__(self, text: str) -> None:
        self.strings: dict[str, str] = {}
        #: Macros that expanded too far: a value using one is too large as well.
        self.oversized: set[str] = set()
        self.budget = EXPANSION_FACTOR * len(text) + EXPANSION_FLOOR

    def resolve(self, raw: str) -> str:
        if self.oversized and any(p.lower() in self.oversized for p in _split_concatenation(raw)):
            raise ExpansionTooLarge("uses an @string macro that is too large", inherited=True)
        value = resolve_value(raw, self.strings, min(MAX_FIELD_CHARS, self.budget))
        self.budget -= len(value)
        return value

    def define(self, key: str, raw: str, replace: bool = True) -> None:
        name = key.lower()
        if not replace and (name in self.strings or name in self.oversized):
            return
        try:
            self.strings[name] = self.resolve(raw)
        except ExpansionTooLarge:
            self.strings.pop(name, None)
            self.oversized.add(name)
            raise

    def fields(self, entry: RawEntry) -> dict[str, str]:
        """The entry's fields, resolved; :class:`ExpansionTooLarge` names the field."""
        values: dict[str, str] = {}
        plain = not self.oversized  # (a value naming a macro too large must go through resolve)
        budget = self.budget  # kept here, and in self.budget whenever resolve() runs
        for name, value in entry.fields:
            # Most values are one braced group: what resolve() does with one, inline
            # (two calls per field were 0.1 s of a 50,000-entry file's 330,000 fields).
            if plain and value[:1] == "{" and value[-1:] == "}" and "#" not in value:
                size = len(value) - 2
                if size <= MAX_FIELD_CHARS and size <= budget:
                    budget -= size
                    values[name.lower()] = value[1:-1]
                    continue
            self.budget = budget
            try:
                values[name.lower()] = self.resolve(value)
            except ExpansionTooLarge as exc:
                raise ExpansionTooLarge(f"field {name} of entry {entry.key} {exc}", exc.inherited) from None
            budget = self.budget
        self.budget = budget
        return values


def _problem_at(text: str, start: int, message: str, source_index: int) -> ReaderProblem:
    end = text.find("\n", start)
    return ReaderProblem("CC001", message, Span(start, len(text) if end == -1 else end, source_index))


def parse_bibtex(text: str, source: Source, source_index: int = 0) -> BibDatabase:
    """Read the entries of ``text`` (the decoded ``.bib`` held by ``source``)."""
    expander = _Expander(text)
    pending: list[RawEntry] = []
    out = BibDatabase()
    for block in split_bibtex(text):
        if isinstance(block, RawString):
            try:
                expander.define(block.key, block.value, replace=not block.duplicate)
            except ExpansionTooLarge as exc:
                if not exc.inherited:  # reported once, at the first macro too large
                    message = f"@string macro {block.key} {exc}; entries that use it are skipped"
                    out.problems.append(_problem_at(text, block.start, message, source_index))
        elif isinstance(block, RawFailure):
            out.problems.append(_problem_at(text, block.start, block.message, source_index))
        else:
            pending.append(block)
    # Each entry's fields are resolved when its reference is made, and then let
    # go: only the entries that others name in ``crossref`` keep theirs.
    parents: set[str] = set()
    # (No field named crossref in any case: no entry to look at.)
    for entry in pending if "crossref" in text.lower() else ():
        crossref = None
        for name, value in entry.fields:
            if len(name) == 8 and name.lower() == "crossref":  # (lower case made only for the likely ones)
                crossref = value  # the last one, as in the resolved fields below
        if crossref is not None:
            try:
                parents.add(expander.resolve(crossref).strip().lower())
            except ExpansionTooLarge:
                pass  # reported with the entry itself
    first: dict[str, int] = {}
    for i, entry in enumerate(pending if parents else ()):
        if entry.key.lower() in parents:
            first.setdefault(entry.key.lower(), i)
    parent_indices = set(first.values())
    kept: dict[int, dict[str, str]] = {}
    # Entries of one type share its name, and entries with the same fields one set
    # of their names (one set each was a third of a 50,000-entry file's references).
    types: dict[str, str] = {}
    shapes: dict[tuple[str, ...], frozenset[str]] = {}

    def resolved(i: int) -> dict[str, str]:
        values = kept.get(i)
        if values is None:
            values = expander.fields(pending[i])
            if i in parent_indices:
                kept[i] = values
        return values

    fields_of = expander.fields
    for i, entry in enumerate(pending):
        entry_type = types.setdefault(entry.entry_type, entry.entry_type)
        try:
            if not first:  # no entry is another's parent: nothing to keep or inherit
                values = fields_of(entry)
            else:
                values = resolved(i)
                parent_key = values.get("crossref", "").strip().lower()
                parent = first.get(parent_key) if parent_key else None
                if parent is not None and parent != i:
                    values = _inherit(entry_type, values, resolved(parent))
        except ExpansionTooLarge as exc:
            out.problems.append(_problem_at(text, entry.start, f"{exc}; the entry is skipped", source_index))
            entry.fields = []
            continue
        names = tuple([name for name, value in values.items() if value and not value.isspace()])
        database_fields = shapes.get(names)
        if database_fields is None:
            database_fields = shapes[names] = frozenset(names)
        start = entry.start
        header_end = text.find(entry.key, start)
        header_end = start + 1 if header_end == -1 else header_end + len(entry.key)
        out.references.append(
            Reference(
                label=entry.key,
                span=Span(start, header_end, source_index),
                text=entry.raw,
                number=None,
                origin=ReferenceOrigin.DATABASE,
                fields=entry_fields(entry_type, values),
                entry_type=entry_type,
                database_fields=database_fields,
            )
        )
        entry.fields = []
    return out


def read_bibtex(path: str, options: ReadOptions | None = None) -> Document:
    """Read a ``.bib`` file on its own: a bibliography, not a manuscript."""
    options = options or ReadOptions()
    decoded = read_text(path, options.max_bytes)
    source = Source(path, decoded.text, decoded.encoding)
    database = parse_bibtex(decoded.text, source)
    return Document(
        path=path,
        format="bibtex",
        sources=[source],
        references=database.references,
        style=CitationStyle.KEY,
        has_reference_section=True,
        problems=database.problems,
        metadata={"standalone_bibliography": True},
    )


__all__ = ["BibDatabase", "ExpansionTooLarge", "entry_fields", "parse_bibtex", "parse_name", "parse_names",
           "read_bibtex", "resolve_value"]
