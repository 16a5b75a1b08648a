"""``citecheck fix``: rewrite a manuscript so that findings go away, and nothing else changes.

A fix is a list of :class:`~citecheck.fix.edits.Edit` objects, each replacing
one span a reader found (a citation's numbers, a reference's number, an entry,
a ``\\cite`` key, an author-year citation's year).  Each fixer module
(:mod:`citecheck.fix.numbered`, :mod:`citecheck.fix.keyed`,
:mod:`citecheck.fix.authoryear`) produces the edits for the rules it fixes; the
edits of one document are gathered in an :class:`~citecheck.fix.edits.EditSet`,
which refuses two that overlap, and applied once per file by a writer
(:mod:`citecheck.fix.textio`, :mod:`citecheck.fix.docx`), so every character
outside the edits stays as it was.

Before anything is written, the fixed document is read again and checked:
every citation must still point to the same works (a merged duplicate counting
as its kept entry), and none of the fixed findings may remain.  Otherwise the
file is refused with the reason.  A new rule's fix is a fixer module with
``CODES`` (code -> whether the fix is safe), ``applies(document)``,
``refusal(document)`` (why fixing it would be unsafe, or ``None``),
``edits(document, findings, codes)``, ``aliases(...)`` (each merged label
and the label it becomes, for the check that citations keep their works) and
``left_alone(document, findings, codes)`` (the findings it will not fix, each
with the reason: ``fix`` prints them, ``check`` does not mark them), added to
:data:`FIXERS`.  An entry moved in a list is an
:class:`~citecheck.fix.edits.Edit` with ``origin`` (the Word writer moves the
paragraph).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from citecheck.fix import authoryear, keyed, numbered
from citecheck.fix.edits import Edit, EditSet, FixRefused, apply_edits
from citecheck.model import CitationStyle, Document, Finding


class Fixer(Protocol):
    """What a fixer module provides (see the module docstring)."""

    CODES: dict[str, bool]

    def applies(self, document: Document) -> bool: ...

    def refusal(self, document: Document) -> str | None: ...

    def edits(self, document: Document, findings: Sequence[Finding], codes: frozenset[str]) -> list[Edit]: ...

    def aliases(self, document: Document, findings: Sequence[Finding], codes: frozenset[str]) -> dict[str, str]: ...

    def left_alone(
        self, document: Document, findings: Sequence[Finding], codes: frozenset[str]
    ) -> list[tuple[Finding, str]]: ...


#: The fixers, tried in order; the first that applies to a document fixes it.
FIXERS: tuple[Fixer, ...] = (numbered, keyed, authoryear)

#: Every code some fixer fixes, and whether its fix is safe (applied without ``--unsafe-fixes``).
FIX_CODES: dict[str, bool] = {}
for _fixer in FIXERS:
    for _code, _safe in _fixer.CODES.items():
        FIX_CODES[_code] = FIX_CODES.get(_code, True) and _safe


#: What ``citecheck fix`` does for each code (``citecheck explain`` shows it).
FIX_SUMMARIES: dict[str, str] = {
    "CC101": "removes the uncited entry and renumbers the list (numbered styles; author-year: removes it; "
             "never a .bib entry)",
    "CC103": "writes a reversed range in order and a repeated number once",
    "CC201": "merges the duplicates into the first entry and points their citations to it "
             "(numbered styles: the list is renumbered; author-year: the duplicate entry is removed; "
             "LaTeX and pandoc with a .bib: keys rewritten, the .bib entry cut)",
    "CC105": "rewrites the citation's year or first author's spelling to the entry's (not co-authors)",
    "CC204": "rewrites the key to the entry's spelling (LaTeX, pandoc; two entries are merged only if the "
             "same work)",
    "CC301": "renumbers the list in order of first citation and rewrites every citation",
    "CC302": "renumbers the list 1, 2, 3, ... and rewrites every citation",
    "CC303": "puts the author-year list in alphabetical order, moving whole entries",
}


def manager_fields(document: Document) -> bool:
    """Whether ``document`` is a Word file whose citations are reference-manager fields."""
    return document.format == "docx" and any(c.command not in (None, "narrative") for c in document.citations)


def fixer_for(document: Document) -> Fixer | None:
    """The fixer for ``document``'s format and style, if any."""
    if manager_fields(document):
        return None  # reference-manager fields: their manager renumbers them
    for fixer in FIXERS:
        if fixer.applies(document):
            return fixer
    return None


def applicabilities(document: Document) -> dict[str, str]:
    """Code -> ``"safe"`` or ``"unsafe"``: what ``citecheck fix`` can fix in ``document``."""
    fixer = fixer_for(document)
    if fixer is None or fixer.refusal(document) is not None or document.style is CitationStyle.PARENTHETICAL:
        return {}  # parenthetical numbers are fixed only with an explicit --style (see fix.run)
    return {code: "safe" if safe else "unsafe" for code, safe in fixer.CODES.items()}


def mark_fixable(document: Document, findings: list[Finding]) -> list[Finding]:
    """``findings`` with :attr:`~citecheck.model.Finding.fix` set where ``citecheck fix`` can fix them."""
    if not any(f.code in FIX_CODES for f in findings):
        return findings
    fixable = applicabilities(document)
    if not fixable:
        return findings
    fixer = fixer_for(document)
    if fixer is None:
        return findings
    # A finding a fix leaves alone (saying why) is not marked: with the safe
    # fixes only for a safe finding, with all of them for an unsafe one.
    every = frozenset(fixer.CODES)
    left = {
        "safe": {id(f) for f, _ in fixer.left_alone(document, findings, frozenset(c for c in every if fixer.CODES[c]))},
        "unsafe": {id(f) for f, _ in fixer.left_alone(document, findings, every)},
    }
    return [replace(f, fix=fixable[f.code]) if f.code in fixable and id(f) not in left[fixable[f.code]] else f
            for f in findings]


def fix_codes(select: Sequence[str] = (), ignore: Sequence[str] = (), unsafe: bool = False) -> frozenset[str]:
    """The codes ``citecheck fix`` fixes, given ``--select``/``--ignore`` and ``--unsafe-fixes``."""
    from citecheck.config import Config
    from citecheck.rules import REGISTRY

    config = Config.from_options(select=list(select) or None, ignore=list(ignore) or None)
    return frozenset(
        code for code, safe in FIX_CODES.items() if (safe or unsafe) and config.enabled(REGISTRY[code])
    )


@dataclass
class DocumentFix:
    """The planned fix of one document: its edits and the new text of each source."""

    document: Document
    edits: EditSet
    texts: dict[int, str] = field(default_factory=dict)  # source index -> fixed text
    aliases: dict[str, str] = field(default_factory=dict)  # merged label -> the label it now is

    @property
    def changed(self) -> bool:
        return bool(self.edits)


def plan_fix(document: Document, findings: Sequence[Finding], codes: frozenset[str]) -> DocumentFix:
    """The edits that fix ``findings`` of ``codes`` in ``document``.

    Raises :class:`FixRefused` (saying why) when fixing would be unsafe.
    """
    edit_set = EditSet()
    wanted = [f for f in findings if f.code in codes]
    if not wanted:
        return DocumentFix(document, edit_set)
    if manager_fields(document):
        raise FixRefused(
            f"{document.path}: not fixed: its citations are reference-manager fields "
            "(Zotero, Mendeley, EndNote or Word); renumber them with the reference manager"
        )
    fixer = fixer_for(document)
    if fixer is None:
        return DocumentFix(document, edit_set)
    edit_set.extend(fixer.edits(document, wanted, codes))
    aliases = fixer.aliases(document, wanted, codes)
    texts = {
        index: apply_edits(document.sources[index].text, edit_set.for_source(index))
        for index in edit_set.edits
        if edit_set.for_source(index)
    }
    return DocumentFix(document, edit_set, texts, aliases)


__all__ = [
    "FIXERS", "FIX_CODES", "FIX_SUMMARIES", "DocumentFix", "Edit", "EditSet", "FixRefused", "applicabilities",
    "fix_codes", "fixer_for", "mark_fixable", "plan_fix",
]
