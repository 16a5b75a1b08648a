"""DOI syntax: finding, normalising and validating DOIs in reference text.

A DOI is ``10.<registrant>/<suffix>``.  References write them in many ways:
``doi:10.1000/xyz``, ``https://doi.org/10.1000/XYZ.``, ``DOI 10.1000/xyz``.
Normalisation lower-cases (DOIs are case-insensitive), strips the resolver
prefix and trailing punctuation, and decodes percent-escapes.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

# Registrant codes are digits with optional dotted sub-codes; the suffix is any
# printable run.  Crossref recommends matching 10.\d{4,9}/[-._;()/:A-Z0-9]+ for
# modern DOIs; we accept any non-space suffix and trim what trails it.
_DOI_IN_TEXT = re.compile(
    r"(?:https?://(?:dx\.)?doi\.org/|doi\s*[:：]?\s*|\b)(10\.\d{4,9}/[^\s\"<>{}|\\^`]+)",
    re.IGNORECASE,
)
_VALID_DOI = re.compile(r"^10\.\d{4,9}(?:\.\d+)*/\S+$")
_PREFIXES = re.compile(
    r"^(?:https?://(?:dx\.|www\.)?doi\.org/|https?://hdl\.handle\.net/|doi\s*[:：]\s*|doi\s+)",
    re.IGNORECASE,
)
_TRAILING = ".,;:)]}>'\"”’。，；"


def _trim(doi: str) -> str:
    """Drop trailing punctuation, keeping a closing parenthesis that the DOI
    opened: ``10.1061/(asce)0733-9429(1987)113:5(583).`` keeps ``(583)``.

    >>> _trim("10.1061/(asce)0733-9429(1987)113:5(583).")
    '10.1061/(asce)0733-9429(1987)113:5(583)'
    """
    while doi and doi[-1] in _TRAILING:
        if doi[-1] == ")" and doi.count("(") >= doi.count(")"):
            break
        doi = doi[:-1]
    return doi


def normalize_doi(value: str) -> str:
    """Return the normalised form of a DOI as written (no validation).

    >>> normalize_doi("https://doi.org/10.1038/NATURE12373.")
    '10.1038/nature12373'
    >>> normalize_doi("doi: 10.1016/0370-2693(83)90088-5")
    '10.1016/0370-2693(83)90088-5'
    """
    doi = value.strip()
    doi = _PREFIXES.sub("", doi).strip()
    if "%" in doi:
        doi = unquote(doi)
    doi = _trim(doi)
    # Parenthesised DOIs keep their closing paren; only trim unbalanced ones.
    if doi.endswith(")") and doi.count("(") < doi.count(")"):
        doi = doi[:-1]
    return doi.lower()


def is_valid_doi(doi: str) -> bool:
    """Whether a *normalised* DOI has DOI syntax: ``10.NNNN/suffix`` with no space."""
    return bool(_VALID_DOI.match(doi))


def find_dois(text: str) -> list[tuple[str, int, int]]:
    """Find DOIs in free text: a list of ``(normalised_doi, start, end)``.

    >>> find_dois("Nature 2013. doi:10.1038/nature12373.")
    [('10.1038/nature12373', 17, 36)]
    """
    found = []
    for match in _DOI_IN_TEXT.finditer(text):
        raw = _trim(match.group(1))
        start = match.start(1)
        found.append((raw.lower(), start, start + len(raw)))
    return found
