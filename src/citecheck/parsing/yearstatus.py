"""Years that are not numbers: an undated work, or one not yet published.

Author-year styles write, where the year goes, that a work has no date
(APA "n.d.") or is not yet published: "in press", "forthcoming", "in
preparation", "under review" (French "sous presse", German "im Druck").
These are *strong*: they are written only there, in the list and in the
citations alike.

Some journals also write "submitted", "accepted", "provisionally accepted"
(Frontiers) or "to appear".  These are *weak*: they are ordinary words of
prose too ("(manuscript submitted)"), so a citation that gives one is
taken only when it names an entry of the list exactly (see
``CitedUnit.tentative``), and a reference-list paragraph counts as an entry
by one only when it is in parentheses.

Every list of these words in citecheck comes from here, so that the list
reader, the citation scanner, the matcher and the rules agree.
"""

from __future__ import annotations

import re

from citecheck import lazyre

#: Regular-expression source of a strong status, no groups; for use with
#: ``re.IGNORECASE`` ("n.d." stays lower case: "N.D." is no year).
STRONG = r"(?-i:n\.\s?d\.)|in\s+press|forthcoming|in\s+preparation|under\s+review|sous\s+presse|im\s+Druck"
#: Regular-expression source of a weak status, no groups; for ``re.IGNORECASE``.
WEAK = r"(?:provisionally\s+)?accepted(?:\s+for\s+publication)?|submitted(?:\s+for\s+publication)?|to\s+appear"
#: Either.
ANY = f"{STRONG}|{WEAK}"

_STATUS = lazyre.compile(rf"(?:{ANY})", re.IGNORECASE)
_WEAK = lazyre.compile(rf"(?:{WEAK})", re.IGNORECASE)
# A reference entry that states its status in place of a year: "Jones, K. (in press).",
# "Smith J. Title. Journal. In press.", "Brown, A. (provisionally accepted)."
_ENTRY_STATUS = lazyre.compile(rf"(?<!\w)(?:{STRONG})(?!\w)|[(（]\s*(?:{WEAK})\s*[)）]", re.IGNORECASE)


def is_status(text: str) -> bool:
    """Whether ``text`` (a year as written) is a status in place of a year."""
    return _STATUS.fullmatch(" ".join(text.split())) is not None


def is_weak(text: str) -> bool:
    """Whether ``text`` (a year as written) is a weak status ("submitted")."""
    return _WEAK.fullmatch(" ".join(text.split())) is not None


def states_status(entry: str) -> bool:
    """Whether a reference entry's text says it is undated or not yet published."""
    return _ENTRY_STATUS.search(entry) is not None
