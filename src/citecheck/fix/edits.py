"""Edits: a replacement of one span of one source, and applying a set of them.

Every fix is a list of :class:`Edit` objects on the spans the readers found.
An :class:`EditSet` gathers the edits of all fixes for one document, refuses
two that overlap (two fixes that disagree about the same characters), and
applies them in one pass per source, so no edit shifts another's offsets and
every character outside the edited spans is copied unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from citecheck.errors import CitecheckError
from citecheck.model import Span


class FixRefused(CitecheckError):
    """The document cannot be fixed safely; the message says why."""


@dataclass(frozen=True)
class Edit:
    """Replace the characters of ``span`` with ``replacement``.

    ``codes`` are the rules whose findings the edit fixes; ``note`` says what
    it does, for the summary (``"[10] -> [8]"``).
    """

    span: Span
    replacement: str
    codes: frozenset[str] = frozenset()
    note: str = ""
    #: For an entry moved in the list: the span whose text (renumbered) the
    #: replacement is, so that a Word writer can move the paragraph, formatting and all.
    origin: Span | None = None

    @property
    def is_insertion(self) -> bool:
        return self.span.start == self.span.end


@dataclass
class EditSet:
    """The edits of one document, by source, checked for conflicts as they are added."""

    edits: dict[int, list[Edit]] = field(default_factory=dict)

    def add(self, edit: Edit) -> None:
        """Add ``edit``; an identical edit already held is not added twice.

        Raises :class:`FixRefused` when it overlaps a different edit.
        """
        self.extend([edit])

    def extend(self, edits: Iterable[Edit]) -> None:
        """Add ``edits`` (see :meth:`add`): sorted once, neighbours compared, so
        many edits cost n log n."""
        candidates: dict[int, list[Edit]] = {}
        for edit in edits:
            candidates.setdefault(edit.span.source, list(self.edits.get(edit.span.source, ()))).append(edit)
        checked: dict[int, list[Edit]] = {}
        for source, held in candidates.items():
            held.sort(key=lambda e: (e.span.start, e.span.end, e.replacement))
            unique: list[Edit] = []
            for edit in held:
                if unique and unique[-1].span == edit.span and unique[-1].replacement == edit.replacement:
                    continue
                if unique and _overlap(unique[-1].span, edit.span):
                    other = unique[-1]
                    raise FixRefused(
                        f"two fixes would change the same text (offsets {other.span.start}-{other.span.end} "
                        f"and {edit.span.start}-{edit.span.end} of source {edit.span.source})"
                    )
                unique.append(edit)
            checked[source] = unique
        self.edits.update(checked)  # only once every source is free of conflicts

    def __bool__(self) -> bool:
        return any(self.edits.values())

    def __len__(self) -> int:
        return sum(len(v) for v in self.edits.values())

    def for_source(self, source: int) -> list[Edit]:
        """The edits of ``source``, in text order."""
        return list(self.edits.get(source, ()))

    def all(self) -> list[Edit]:
        return [e for source in sorted(self.edits) for e in self.for_source(source)]

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(c for e in self.all() for c in e.codes)


def _overlap(a: Span, b: Span) -> bool:
    """Whether two spans share a character, an insertion falls inside the
    other, or two insertions fall at one point (their order would be a guess)."""
    if a.start < b.end and b.start < a.end:
        return True
    return a.start == a.end == b.start == b.end


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with ``edits`` (non-overlapping, of this source) applied."""
    out: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
        if edit.span.start < pos or edit.span.end > len(text):
            raise FixRefused(f"an edit at offset {edit.span.start} is out of place")
        out.append(text[pos : edit.span.start])
        out.append(edit.replacement)
        pos = edit.span.end
    out.append(text[pos:])
    return "".join(out)
