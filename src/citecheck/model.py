"""The data model every reader produces and every rule consumes.

A manuscript is read into a :class:`Document`: its sources (the decoded text
of each file, with a line index), the in-text :class:`Citation` objects and the
:class:`Reference` entries of its bibliography.  Rules turn a Document into
:class:`Finding` objects; a :class:`Report` gathers them for one run.

Readers store character spans (:class:`Span`) into a source's text; the
document's line index turns them into 1-based line and column numbers, as
editors and SARIF expect.  Every type here is a plain dataclass with
``to_dict()`` so that library users can serialise results without the CLI.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, TypeVar, overload

_T = TypeVar("_T")


def quick_init(cls: type[_T]) -> type[_T]:
    """Give a frozen dataclass a faster ``__init__``.

    The generated ``__init__`` of a frozen dataclass looks up
    ``object.__setattr__`` through a global for every field it sets, which made
    building references (hundreds of thousands of spans, authors and field
    sets in a large bibliography) cost twice what it needs.  The new one calls
    it bound once, takes the same arguments with the same defaults and sets
    the same attributes in the same order; equality, hashing, ``repr`` and
    frozenness are the dataclass's own.  (Writing the instance ``__dict__``
    directly is faster still, but it turns each instance's inline values into
    a dict the collector must traverse: slower and larger outside
    ``gc_paused``.)  Only for classes without ``__post_init__`` and default
    factories (checked).
    """
    fields = [f for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    if hasattr(cls, "__post_init__") or any(
        not f.init or f.default_factory is not dataclasses.MISSING or f.kw_only is True for f in fields
    ):
        raise TypeError(f"quick_init cannot build {cls.__name__}.__init__")
    namespace: dict[str, Any] = {}
    params = []
    for f in fields:
        if f.default is dataclasses.MISSING:
            params.append(f.name)
        else:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
    namespace["_set"] = object.__setattr__
    body = "".join(f"    _set(self, {f.name!r}, {f.name})\n" for f in fields)
    exec(f"def __init__(self, {', '.join(params)}):\n{body}", namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = dict(cls.__init__.__annotations__)
    setattr(cls, "__init__", init)
    return cls


class Severity(enum.Enum):
    """How serious a finding is.  Ordered: ``INFO < WARNING < ERROR``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __str__(self) -> str:
        return self.value


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


_LINE_BREAK = re.compile("\n")


class LineIndex:
    """Turns character offsets into 1-based (line, column) pairs with bisect.

    The text is the decoded, newline-normalised text of one source, so a
    column counts characters (code points), not bytes.
    """

    __slots__ = ("_length", "_starts")

    def __init__(self, text: str) -> None:
        starts = [0]
        # Where each line starts: after each line break (a search loop in Python took
        # twice as long: 76 against 44 ms for the 480,000 lines of a 50,000-entry .bib).
        starts.extend(match.end() for match in _LINE_BREAK.finditer(text))
        self._starts = starts
        self._length = len(text)

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def position(self, offset: int) -> tuple[int, int]:
        """Return the 1-based line and column of ``offset``."""
        offset = max(0, min(offset, self._length))
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def span(self, start: int, end: int) -> tuple[int, int, int, int]:
        """``position(start) + position(max(start, end))``, with one search when
        both are on one line (the usual finding: 30,000 located for a
        manuscript that cites a third of a 50,000-entry bibliography)."""
        length, starts = self._length, self._starts
        start = 0 if start < 0 else length if start > length else start
        end = start if end < start else length if end > length else end
        line = bisect_right(starts, start)
        first = starts[line - 1]
        if line == len(starts) or end < starts[line]:
            return line, start - first + 1, line, end - first + 1
        end_line = bisect_right(starts, end, line)
        return line, start - first + 1, end_line, end - starts[end_line - 1] + 1

    def line_start(self, line: int) -> int:
        """Return the offset at which 1-based ``line`` starts."""
        return self._starts[max(0, min(line, len(self._starts)) - 1)]


@quick_init
@dataclass(frozen=True)
class Span:
    """A half-open range ``[start, end)`` of characters in one source.

    ``source`` indexes :attr:`Document.sources`; 0 is the main file.
    """

    start: int
    end: int
    source: int = 0

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end, "source": self.source}


@quick_init
@dataclass(frozen=True)
class Location:
    """A 1-based, inclusive-start region in a file, as editors show it.

    ``end_column`` is exclusive, so a one-character span at column 5 ends at 6
    (SARIF's convention).
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }


@dataclass
class Source:
    """One file's decoded text.  A LaTeX project has several."""

    path: str
    text: str
    encoding: str = "utf-8"
    _index: LineIndex | None = field(default=None, repr=False, compare=False)

    @property
    def index(self) -> LineIndex:
        if self._index is None:
            self._index = LineIndex(self.text)
        return self._index

    def locate(self, span: Span) -> Location:
        return Location(self.path, *self.index.span(span.start, span.end))


class CitationStyle(enum.Enum):
    """How a document marks its in-text citations."""

    BRACKET = "bracket"  # [1], [1-3]
    SUPERSCRIPT = "superscript"  # ¹²³, ^1^, <sup>1</sup>
    PARENTHETICAL = "parenthetical"  # (1), (1-3)
    KEY = "key"  # \cite{smith2020}, [@smith2020], <xref rid=...>
    AUTHOR_YEAR = "author-year"  # (Smith et al., 2020), Smith (2020)

    @property
    def numbered(self) -> bool:
        return self not in (CitationStyle.KEY, CitationStyle.AUTHOR_YEAR)


class MatchKind(enum.Enum):
    """How an author-year citation matched the reference list."""

    EXACT = "exact"  # one entry with these authors and this year
    CLOSE = "close"  # no exact entry, one close one: the year, a name's spelling or the co-authors differ
    AMBIGUOUS = "ambiguous"  # two or more entries match equally
    NONE = "none"  # no entry is even close


@dataclass(frozen=True)
class AuthorYearMatch:
    """What an author-year citation item matched, and what differs.

    ``cited`` is the item as written ("Smtih et al., 2020"), ``cited_label``
    the label it would have ("Smtih 2020").  ``references`` are the labels
    of the entry matched (one) or of the candidates (several).
    ``differences`` name what differs from the entry: ``"year"``,
    ``"spelling"``, ``"co-authors"``; ``detail`` says it in words.
    """

    cited: str
    cited_label: str
    kind: MatchKind
    references: tuple[str, ...] = ()
    differences: tuple[str, ...] = ()
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "cited": self.cited,
            "cited_label": self.cited_label,
            "kind": self.kind.value,
            "references": list(self.references),
            "differences": list(self.differences),
            "detail": self.detail,
        }


@quick_init
@dataclass(frozen=True)
class CiteItem:
    """One element of a citation as written: ``3``, ``6-8`` or a key.

    For numbers, ``first`` and ``last`` are the two ends of a range (equal for
    a single number); ``last`` is ``None`` for an open-ended range such as
    ``[6-]``.  For keys, ``key`` holds the key and both numbers are ``None``.
    """

    text: str
    span: Span
    first: int | None = None
    last: int | None = None
    key: str | None = None
    is_range: bool = False
    match: AuthorYearMatch | None = None  # author-year items: what they matched

    def labels(self, limit: int = 10_000) -> tuple[str, ...]:
        """The reference labels this item points to, ranges expanded.

        A reversed range (``8-6``) expands to the numbers it spans, ascending:
        it is malformed (CC103 says so) but its meaning is plain, so it must not
        also make 7 look uncited or the range look out of order.  An open-ended
        range expands to its written start only; a range longer than ``limit``
        is not expanded (it is malformed anyway).
        """
        if self.match is not None:
            if self.match.kind is MatchKind.NONE:
                return (self.match.cited_label,)
            return self.match.references
        if self.key is not None:
            return (self.key,)
        if self.first is None:
            return ()
        if self.last is None or self.last == self.first:
            return (str(self.first),)
        lo, hi = sorted((self.first, self.last))
        if hi - lo <= limit:
            return tuple(str(n) for n in range(lo, hi + 1))
        return (str(self.first), str(self.last))

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "first": self.first,
            "last": self.last,
            "key": self.key,
            "is_range": self.is_range,
            **({"match": self.match.to_dict()} if self.match is not None else {}),
        }


class _Labels:
    """:attr:`Citation.labels`: the reference labels cited, in order, ranges
    expanded, repeats kept.

    Computed once, the first time it is read (every rule reads it), and kept in
    the instance under its own name, which a frozen dataclass allows: this is a
    non-data descriptor, so later reads find the value in the instance as they
    would a field, without calling anything (as ``functools.cached_property``
    does, without its lock, which made every read cost microseconds on Python
    3.11; a property kept the value aside, but was called for every read, 100,000
    per rule on a long manuscript).  Builders that know the labels set them."""

    @overload
    def __get__(self, citation: None, owner: type | None = None) -> _Labels: ...

    @overload
    def __get__(self, citation: Citation, owner: type | None = None) -> tuple[str, ...]: ...

    def __get__(self, citation: Citation | None, owner: type | None = None) -> _Labels | tuple[str, ...]:
        if citation is None:
            return self
        items = citation.items
        if len(items) == 1:
            labels = items[0].labels()
        else:
            out: list[str] = []
            for item in items:
                out.extend(item.labels())
            labels = tuple(out)
        citation.__dict__["labels"] = labels
        return labels


@quick_init
@dataclass(frozen=True)
class Citation:
    """An in-text citation: its span, how it was written, what it points to.

    The bracket scanner leaves the items of a citation of plain numbers to be read
    from its text when first asked for (see :func:`new_bracket_citation`); reading
    ``items`` gives the same tuple either way."""

    span: Span
    text: str
    items: tuple[CiteItem, ...]
    style: CitationStyle
    command: str | None = None  # e.g. "citep" for LaTeX, "nocite"

    labels = _Labels()

    def __getstate__(self) -> dict[str, Any]:
        """The attributes to pickle: all of them, items read (see :class:`_ItemsFromText`)."""
        self.items  # noqa: B018 - read, so that they are in the instance
        return self.__dict__

    @property
    def is_nocite_all(self) -> bool:
        return self.command == "nocite" and any(i.key == "*" for i in self.items)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "labels": list(self.labels),
            "style": self.style.value,
            "command": self.command,
            "span": self.span.to_dict(),
        }



# Builders for the hot loops of the citation scanners, which make a Span and a
# Citation for every citation of a manuscript (100,000 in a long one), and a
# CiteItem and its Span for every item not left unread (see new_bracket_citation).
# Calling a class runs type.__call__, object.__new__
# and the Python __init__, whose every field costs an object.__setattr__ call;
# a builder makes the same instance (same attributes, in the same order, so the
# same repr, equality, hash and pickle) with less of that machinery, but for
# new_bracket_citation, whose citation holds its items only once read (its repr,
# equality, hash and pickled state are still the same: see _ItemsFromText).  A Citation's
# values are written into its __dict__ directly (2.5x as fast): that makes the
# dict, 64 bytes, which its ``labels`` (read by every rule) makes anyway.  Spans and
# items keep their inline values (a dict would add 64 bytes to each, 10% to the
# peak of reading 100,000 citations, and slow every attribute read of the rules).
# Each builder makes the spans it needs itself, which saves a call per span.

_new = object.__new__
_set = object.__setattr__


def new_span(start: int, end: int, source: int = 0) -> Span:
    """``Span(start, end, source)``, built faster (see above)."""
    span = _new(Span)
    _set(span, "start", start)
    _set(span, "end", end)
    _set(span, "source", source)
    return span


def new_number_item(text: str, start: int, first: int | None, last: int | None, is_range: bool = False) -> CiteItem:
    """``CiteItem(text, Span(start, start + len(text)), first, last, is_range=is_range)``:
    a number or a range written at ``start``, built faster."""
    span = _new(Span)
    _set(span, "start", start)
    _set(span, "end", start + len(text))
    _set(span, "source", 0)
    item = _new(CiteItem)
    _set(item, "text", text)
    _set(item, "span", span)
    _set(item, "first", first)
    _set(item, "last", last)
    _set(item, "key", None)
    _set(item, "is_range", is_range)
    _set(item, "match", None)
    return item


def new_citation(
    span: Span,
    text: str,
    items: tuple[CiteItem, ...],
    style: CitationStyle,
    command: str | None = None,
    labels: tuple[str, ...] | None = None,
) -> Citation:
    """``Citation(span, text, items, style, command)``, built faster; ``labels``,
    when the caller knows them already, are kept as :attr:`Citation.labels`
    would compute them (every rule reads them)."""
    citation = _new(Citation)
    values = citation.__dict__
    values["span"] = span
    values["text"] = text
    values["items"] = items
    values["style"] = style
    values["command"] = command
    if labels is not None:
        values["labels"] = labels
    return citation


def new_bracket_citation(start: int, text: str, style: CitationStyle, labels: tuple[str, ...]) -> Citation:
    """A citation of plain numbers between two one-character brackets (``[12]``,
    ``[3, 5-7]``) written at ``start``, whose items are left to be read from its
    text when first asked for (see :class:`_ItemsFromText`).  Only for a citation
    that :func:`items_unread` may describe: numbers and closed ascending ranges,
    no label repeated; ``labels`` are its :attr:`Citation.labels`."""
    span = _new(Span)
    _set(span, "start", start)
    _set(span, "end", start + len(text))
    _set(span, "source", 0)
    citation = _new(Citation)
    values = citation.__dict__
    values["span"] = span
    values["text"] = text
    values["style"] = style
    values["command"] = None
    values["labels"] = labels
    return citation


class _ItemsFromText:
    """:attr:`Citation.items` of a citation made by :func:`new_bracket_citation`,
    read from its text the first time they are asked for, then kept.

    A long manuscript has 100,000 citations, and the rules read their labels, not
    their items: building every item (a ``CiteItem`` and its ``Span``) took nearly a
    third of the time a 10,000-reference manuscript took to read.  The items
    read are those the scanner's own :func:`~citecheck.parsing.citations.parse_items`
    gives for the text between the brackets, so the citation equals, hashes and
    prints as one made with all its fields, and :meth:`Citation.__getstate__` reads
    them before pickling, so that any version of citecheck can load it.  What does
    differ: ``vars()`` lacks ``items`` until they are read, and two threads reading
    them at once may each make (equal) tuples, one of which is kept.  This is a
    non-data descriptor: a citation made by the constructor holds its items in the
    instance, which wins.
    """

    def __get__(self, citation: Citation | None, owner: type | None = None) -> Any:
        if citation is None:
            return self
        from citecheck.parsing.citations import parse_items  # the parser of the scanner that deferred them

        values = citation.__dict__
        span: Span = values["span"]
        items = parse_items(values["text"][1:-1], span.start + 1)
        if items is None:  # not made by new_bracket_citation from what parse_items reads
            raise ValueError(f"citation {values['text']!r} has no items to read")
        values["items"] = items
        return items


setattr(Citation, "items", _ItemsFromText())


def items_unread(citation: Citation) -> bool:
    """Whether ``citation``'s items are still to be read from its text (see
    :func:`new_bracket_citation`).  Such a citation is plain numbers: no key, no
    author-year match, no open or reversed range, no label repeated: CC103, CC105,
    CC107 and CC108, which report on items, have nothing to say of it and skip it
    unread.  (``citecheck fix`` and the readers that rewrite citations read them.)"""
    return "items" not in citation.__dict__


# The same for the reference parser's fast path, which reads most references of a
# long numbered list (10,000 in one), and for the reference its fields go into:
# ``dataclasses.replace`` looks up every field of the class and calls ``__init__``
# with keywords, twice the cost of setting the ten attributes.


def new_article_fields(
    authors: tuple[Author, ...],
    et_al: bool,
    title: str,
    container: str,
    year: int,
    volume: str,
    issue: str | None,
    pages: str,
    doi: str | None,
    raw_doi: str | None,
    note: str | None,
) -> ReferenceFields:
    """``ReferenceFields(authors, et_al, title, container, year, volume, issue, pages,
    doi=doi, raw_doi=raw_doi, type="article", note=note)``, built faster."""
    fields = _new(ReferenceFields)
    _set(fields, "authors", authors)
    _set(fields, "et_al", et_al)
    _set(fields, "title", title)
    _set(fields, "container", container)
    _set(fields, "year", year)
    _set(fields, "volume", volume)
    _set(fields, "issue", issue)
    _set(fields, "pages", pages)
    _set(fields, "edition", None)
    _set(fields, "publisher", None)
    _set(fields, "doi", doi)
    _set(fields, "raw_doi", raw_doi)
    _set(fields, "pmid", None)
    _set(fields, "pmcid", None)
    _set(fields, "arxiv", None)
    _set(fields, "isbn", None)
    _set(fields, "url", None)
    _set(fields, "type", "article")
    _set(fields, "note", note)
    return fields


def with_fields(reference: Reference, fields: ReferenceFields | None) -> Reference:
    """``dataclasses.replace(reference, fields=fields)``, built faster."""
    new = _new(Reference)
    _set(new, "label", reference.label)
    _set(new, "span", reference.span)
    _set(new, "text", reference.text)
    _set(new, "number", reference.number)
    _set(new, "origin", reference.origin)
    _set(new, "fields", fields)
    _set(new, "entry_type", reference.entry_type)
    _set(new, "numbered_explicitly", reference.numbered_explicitly)
    _set(new, "number_span", reference.number_span)
    _set(new, "database_fields", reference.database_fields)
    return new


@quick_init
@dataclass(frozen=True)
class Author:
    """One author as parsed from a reference: family name plus initials."""

    family: str
    given: str = ""  # initials or given names as written
    is_group: bool = False  # "WHO", "The SciPy Consortium"

    def to_dict(self) -> dict[str, Any]:
        return {"family": self.family, "given": self.given, "is_group": self.is_group}


@quick_init
@dataclass(frozen=True)
class ReferenceFields:
    """The bibliographic fields of a reference, parsed or read from a database.

    Every field is optional: a parse fills what it can.  ``doi`` is
    normalised (lower case, no resolver prefix, no trailing punctuation).
    ``raw_doi`` keeps what was written, for the malformed-DOI rule.
    """

    authors: tuple[Author, ...] = ()
    et_al: bool = False
    title: str | None = None
    container: str | None = None  # journal, book or proceedings
    year: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    edition: str | None = None
    publisher: str | None = None
    doi: str | None = None
    raw_doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    arxiv: str | None = None
    isbn: str | None = None
    url: str | None = None
    type: str | None = None  # "article", "book", "chapter", "conference", "thesis", ...
    note: str | None = None  # e.g. "erratum", "retraction", "reply"

    @property
    def first_author(self) -> Author | None:
        return self.authors[0] if self.authors else None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if name == "authors":
                out[name] = [a.to_dict() for a in value]
            elif value not in (None, (), False):
                out[name] = value
        return out


class ReferenceOrigin(enum.Enum):
    """Where a reference entry was read from."""

    LIST = "list"  # a reference list in the manuscript's text
    BIBITEM = "bibitem"  # \bibitem list or .bbl
    DATABASE = "database"  # .bib or CSL-JSON: may hold entries shared between papers
    XML = "xml"  # JATS <ref>
    FIELD = "field"  # a reference-manager field in a Word file


@quick_init
@dataclass(frozen=True)
class Reference:
    """One entry of the reference list or bibliography database.

    ``label`` is what citations use to point at it: the number as a string
    ("5") in numbered styles, the key otherwise.  ``number`` is the number the
    list itself gives, or its position for an unnumbered list.
    """

    label: str
    span: Span
    text: str
    number: int | None = None
    origin: ReferenceOrigin = ReferenceOrigin.LIST
    fields: ReferenceFields | None = None
    entry_type: str | None = None  # BibTeX entry type, e.g. "article"
    numbered_explicitly: bool = True
    #: Where the entry's own number is written ("8" in "8. Cheng JN ..."), when
    #: it is typed in the text; ``None`` for Word's automatic numbers and
    #: unnumbered lists.  ``citecheck fix`` rewrites it when it renumbers.
    number_span: Span | None = None
    #: The (lower-case) names of the non-empty fields of a .bib entry, for the
    #: data-model checks of CC402 (see :mod:`citecheck.bibmodel`).
    database_fields: frozenset[str] = frozenset()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "label": self.label,
            "number": self.number,
            "text": self.text,
            "origin": self.origin.value,
        }
        if self.fields is not None:
            out["fields"] = self.fields.to_dict()
        return out


@dataclass(frozen=True)
class ReaderProblem:
    """Something a reader noticed that a rule reports: a missing \\input file,
    an unparsable .bib entry.  ``code`` names the rule that reports it."""

    code: str
    message: str
    span: Span
    references: tuple[str, ...] = ()


@dataclass
class Document:
    """A manuscript as the rules see it, whatever format it came from."""

    path: str
    format: str
    sources: list[Source]
    citations: list[Citation] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    style: CitationStyle = CitationStyle.BRACKET
    reference_heading: Span | None = None
    has_reference_section: bool = False
    problems: list[ReaderProblem] = field(default_factory=list)
    suppressions: dict[int, dict[int, frozenset[str]]] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def main(self) -> Source:
        return self.sources[0]

    @property
    def encoding(self) -> str:
        return self.main.encoding

    def locate(self, span: Span) -> Location:
        return self.sources[span.source].locate(span)

    def references_by_label(self) -> dict[str, list[Reference]]:
        table: dict[str, list[Reference]] = {}
        for ref in self.references:
            table.setdefault(ref.label, []).append(ref)
        return table

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "encoding": self.encoding,
            "style": self.style.value,
            "citations": len(self.citations),
            "references": len(self.references),
        }


@quick_init
@dataclass(frozen=True)
class Related:
    """A secondary location that explains a finding."""

    location: Location
    message: str

    def to_dict(self) -> dict[str, Any]:
        out = self.location.to_dict()
        out["message"] = self.message
        return out


@quick_init
@dataclass(frozen=True)
class Finding:
    """One problem found by one rule."""

    code: str
    name: str
    severity: Severity
    message: str
    location: Location
    references: tuple[str, ...] = ()
    related: tuple[Related, ...] = ()
    excerpt: str | None = None  # Word files: the text around the finding, to search for
    #: Whether ``citecheck fix`` can fix it: ``"safe"``, ``"unsafe"`` (with
    #: ``--unsafe-fixes``) or ``None``.
    fix: str | None = None
    #: For author-year citations (CC102, CC105, CC107, CC108): the entry matched or the
    #: candidates, and what differs, for tools that fix or colour findings.
    match: AuthorYearMatch | None = field(default=None, compare=False)

    @property
    def path(self) -> str:
        return self.location.path

    @property
    def identity(self) -> tuple[Any, ...]:
        """What makes two findings the same: code, location, message and references."""
        return (self.code, self.location, self.message, self.references)

    def sort_key(self) -> tuple[Any, ...]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.code, self.references)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
        }
        out.update(self.location.to_dict())
        out["references"] = list(self.references)
        if self.excerpt is not None:
            out["excerpt"] = self.excerpt
        out["related"] = [r.to_dict() for r in self.related]
        out["fix"] = self.fix
        if self.match is not None:
            out["match"] = self.match.to_dict()
        return out


@dataclass(frozen=True)
class FileSummary:
    """What was read from one input file."""

    path: str
    format: str
    encoding: str | None
    citations: int
    references: int
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "format": self.format,
            "encoding": self.encoding,
            "citations": self.citations,
            "references": self.references,
        }
        if self.error is not None:
            out["error"] = self.error
        return out


@dataclass
class Report:
    """The result of one run: the files read, the findings, and totals."""

    files: list[FileSummary] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list, repr=False)
    unverified: int = 0
    incomplete: bool = False
    notes: list[str] = field(default_factory=list)  # about the run, e.g. why lookups failed
    # The identities of ``findings`` as of the last extend(), with that list and
    # its length then: a run over many files adds to one set instead of
    # rebuilding it for every file.
    _held: tuple[list[Finding], int, set[tuple[Any, ...]]] | None = field(
        default=None, init=False, repr=False, compare=False)

    @property
    def summary(self) -> dict[str, int]:
        counts = {s.value: 0 for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return counts

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None, key=lambda s: s.rank)

    def extend(self, other: Report) -> None:
        """Add another report's files and findings.  A finding this report
        already holds (same code, place, message and references; its related
        locations may differ) is not added again: two documents that share a
        file (the chapters of one Manubot project, two papers reading one
        .bib) would otherwise report each problem of its entries once per
        document."""
        self.files.extend(other.files)
        if not self.findings:
            # Nothing held: every finding is new.  Their identities are gathered when
            # another report comes (a check of one file never needs them: 31,000
            # findings hashed twice each for nothing).
            self.findings.extend(other.findings)
            self._held = None
        else:
            if self._held is not None and self._held[0] is self.findings and self._held[1] == len(self.findings):
                held = self._held[2]
            else:
                held = {f.identity for f in self.findings}
            added = [f for f in other.findings if f.identity not in held]
            self.findings.extend(added)
            held.update(f.identity for f in added)
            self._held = (self.findings, len(self.findings), held)
        self.documents.extend(other.documents)
        self.unverified += other.unverified
        self.incomplete = self.incomplete or other.incomplete
        self.notes.extend(other.notes)

    def to_dict(self) -> dict[str, Any]:
        from citecheck import __version__

        summary: dict[str, Any] = dict(self.summary)
        if self.unverified:
            summary["unverified"] = self.unverified
        return {
            "version": 1,
            "tool": {"name": "citecheck", "version": __version__},
            "files": [f.to_dict() for f in self.files],
            "findings": [f.to_dict() for f in self.findings],
            "summary": summary,
        }
