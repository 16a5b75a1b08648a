"""What citecheck reads from a Crossref work record.

Crossref's JSON is large and loosely typed; :class:`Work` keeps the parts the
rules use, parsed once.  Editorial updates are the subtle part:

* ``updated-by`` on a work lists the notices that update it (a retraction,
  a correction, an expression of concern).  Since 2024 entries carry
  ``source`` ("publisher" or "retraction-watch", the latter with a
  ``record-id``); older records have no ``source``.
* ``update-to`` on a *notice* points at the work(s) it updates.  A notice
  found by ``filter=updates:DOI`` is evidence about DOI even when DOI's own
  record has no ``updated-by``.
* ``new_version`` and ``new_edition`` updates are not editorial concerns,
  and some publishers (APS, PLOS) list updates that point at the record
  itself; both are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

RETRACTION_TYPES = frozenset({"retraction", "withdrawal", "removal", "partial_retraction"})
CONCERN_TYPES = frozenset({"expression_of_concern"})
CORRECTION_TYPES = frozenset({"correction", "erratum", "corrigendum", "addendum"})
IGNORED_TYPES = frozenset({"new_version", "new_edition"})

_TAG = re.compile(r"<[^>]+>")


def _kind(value: Any) -> str:
    return str(value or "").strip().lower().replace("-", "_").replace(" ", "_")


def _date(value: Any) -> str | None:
    """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD) from a Crossref date object."""
    if not isinstance(value, dict):
        return None
    parts = (value.get("date-parts") or [[None]])[0] or [None]
    if not parts or parts[0] is None:
        return None
    return "-".join(f"{int(p):02d}" if i else str(int(p)) for i, p in enumerate(parts[:3]))


def _year(value: Any) -> int | None:
    date = _date(value)
    return int(date[:4]) if date else None


def clean(text: Any) -> str:
    """A title or name without JATS/HTML tags and with collapsed spaces."""
    return " ".join(_TAG.sub("", str(text or "")).split())


@dataclass(frozen=True)
class Update:
    """One editorial update relationship, seen from the work it concerns."""

    kind: str  # Crossref's update type: "retraction", "correction", ...
    doi: str  # the notice's DOI (for updates received) or the target (issued)
    date: str | None = None
    source: str | None = None  # "publisher", "retraction-watch", "notice" or None
    record_id: str | None = None  # Retraction Watch record id
    label: str | None = None

    @classmethod
    def from_json(cls, entry: dict[str, Any], source: str | None = None) -> Update:
        record_id = entry.get("record-id")
        return cls(
            kind=_kind(entry.get("type")),
            doi=str(entry.get("DOI", "")).lower(),
            date=_date(entry.get("updated")),
            source=entry.get("source") or source,
            record_id=str(record_id) if record_id not in (None, "") else None,
            label=entry.get("label"),
        )

    def describe(self) -> str:
        """``retraction notice 10.x/y (2019-01-10, Retraction Watch record 123)``."""
        label = (self.label or self.kind.replace("_", " ")).lower()
        extra = [x for x in (self.date,) if x]
        if self.source == "retraction-watch":
            extra.append("Retraction Watch" + (f" record {self.record_id}" if self.record_id else ""))
        text = f"{label} notice {self.doi}" if self.doi else f"{label} notice"
        return text + (f" ({', '.join(extra)})" if extra else "")


@dataclass(frozen=True)
class Work:
    """The parts of a Crossref work record the rules compare and report."""

    doi: str
    type: str | None
    title: str
    subtitle: str
    authors: tuple[tuple[str, str], ...]  # (family, given); a group name is family
    years: tuple[int, ...]  # issued first, then print/online/created years
    containers: tuple[str, ...]  # container-title then short-container-title
    volume: str | None
    issue: str | None
    page: str | None
    updated_by: tuple[Update, ...] = ()
    update_to: tuple[Update, ...] = ()
    notices: tuple[Update, ...] = ()  # notices found pointing here (filter=updates:)
    score: float | None = None  # relevance score, for search results

    @classmethod
    def from_json(cls, data: dict[str, Any], notices: tuple[Update, ...] = ()) -> Work:
        authors = []
        for person in data.get("author") or []:
            family = clean(person.get("family") or person.get("name") or "")
            if family:
                authors.append((family, clean(person.get("given") or "")))
        years: list[int] = []
        for key in ("issued", "published-print", "published-online", "published", "created"):
            year = _year(data.get(key))
            if year is not None and year not in years:
                years.append(year)
        containers = [clean(c) for key in ("container-title", "short-container-title")
                      for c in data.get(key) or [] if clean(c)]
        score = data.get("score")
        return cls(
            doi=str(data.get("DOI", "")).lower(),
            type=data.get("type"),
            title=clean((data.get("title") or [""])[0] if data.get("title") else ""),
            subtitle=clean((data.get("subtitle") or [""])[0] if data.get("subtitle") else ""),
            authors=tuple(authors),
            years=tuple(years),
            containers=tuple(containers),
            volume=data.get("volume"),
            issue=data.get("issue"),
            page=data.get("page"),
            updated_by=tuple(Update.from_json(u) for u in data.get("updated-by") or []),
            update_to=tuple(Update.from_json(u) for u in data.get("update-to") or []),
            notices=notices,
            score=float(score) if isinstance(score, (int, float)) else None,
        )

    @property
    def year(self) -> int | None:
        return self.years[0] if self.years else None

    def updates_received(self) -> tuple[Update, ...]:
        """Editorial updates that concern this work: its ``updated-by`` entries
        and the notices that point at it, without versions and self-references."""
        seen: dict[tuple[str, str], Update] = {}
        for update in (*self.updated_by, *self.notices):
            if update.kind in IGNORED_TYPES or update.doi == self.doi:
                continue
            key = (update.kind, update.doi)
            # Prefer the entry that says most (a Retraction Watch record id, a source).
            old = seen.get(key)
            if old is None or (update.record_id and not old.record_id):
                seen[key] = update
        return tuple(seen.values())

    def updates_issued(self) -> tuple[Update, ...]:
        """What this record is a notice about: ``update-to`` entries pointing elsewhere."""
        return tuple(u for u in self.update_to
                     if u.kind not in IGNORED_TYPES and u.doi and u.doi != self.doi)

    def received(self, kinds: frozenset[str]) -> tuple[Update, ...]:
        return tuple(u for u in self.updates_received() if u.kind in kinds)

    def issued(self, kinds: frozenset[str]) -> tuple[Update, ...]:
        return tuple(u for u in self.updates_issued() if u.kind in kinds)

    def citation_line(self) -> str:
        """``Sadasivan et al. (2012) "Methylphenidate ..." PLoS ONE``, for messages."""
        who = self.authors[0][0] + (" et al." if len(self.authors) > 1 else "") if self.authors else ""
        parts = [p for p in (who, f"({self.year})" if self.year else "", f'"{self.title}"') if p]
        if self.containers:
            parts.append(self.containers[0])
        return " ".join(parts)
