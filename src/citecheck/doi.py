"""DOI syntax: finding, normalising and validating DOIs in reference text.

A DOI is ``10.<registrant>/<suffix>``.  References write them in many ways:
``doi:10.1000/xyz``, ``https://doi.org/10.1000/XYZ.``, ``DOI 10.1000/xyz``.
Normalisation lower-cases (DOIs are case-insensitive), strips the resolver
prefix and trailing punctuation, and decodes percent-escapes.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

# The one place where DOI syntax is written down; the reference-string parser,
# the malformed-DOI rule and the Crossref verifier build on these pieces.
#
# Registrant codes are digits with optional dotted sub-codes; the suffix is any
# printable run.  Crossref recommends matching 10.\d{4,9}/[-._;()/:A-Z0-9]+ for
# modern DOIs; we accept any non-space suffix and trim what trails it.  Old Wiley
# SICI DOIs hold angle brackets ("...31:2<213::AID-JBM9>3.0.CO;2-K"): a
# balanced "<...>" is part of the suffix, a lone one ends it (``<https://doi.org/...>``).
DOI_PREFIX = r"10\.\d{4,9}(?:\.\d+)*/"
DOI_SUFFIX = r"(?:[^\s\"<>{}|\\^`]|<[^\s\"<>{}|\\^`]*>)+"
DOI = DOI_PREFIX + DOI_SUFFIX
#: Hosts that resolve a DOI given as the path: doi.org and the publishers' own
#: DOI proxies (ACM, IEEE Computer Society, Wiley), and the Handle System.
RESOLVER = (
    r"(?:https?://)?(?:dx\.|www\.)?"
    r"(?:doi\.org|doi\.acm\.org|doi\.ieeecomputersociety\.org|doi\.wiley\.com|dx\.crossref\.org"
    r"|hdl\.handle\.net)/"
)
_DOI_IN_TEXT = re.compile(rf"(?:{RESOLVER}|doi\s*[:：]?\s*|\b)({DOI})", re.IGNORECASE)
_VALID_DOI = re.compile(rf"^{DOI_PREFIX}\S+$")
_DOI_URL = re.compile(rf"^{RESOLVER}10\.", re.IGNORECASE)
_PREFIXES = re.compile(rf"^(?:{RESOLVER}|doi\s*[:：]\s*|doi\s+)", re.IGNORECASE)
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
    if not doi.startswith("10."):  # the usual DOI has no prefix to remove (each starts with a letter)
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


#: A shortDOI (shortdoi.org): ``10/`` and a short code, an alias of a DOI that
#: doi.org resolves (``https://doi.org/10/bqhp9z``).  Not DOI syntax, but no error.
_SHORT_DOI = re.compile(r"^10/[a-z0-9]+$", re.IGNORECASE)


def is_short_doi(doi: str) -> bool:
    """Whether ``doi`` (normalised, or as written) is a shortDOI.

    >>> is_short_doi("10/bqhp9z"), is_short_doi("10/gddkhn"), is_short_doi("10.1038/x")
    (True, True, False)
    """
    return bool(_SHORT_DOI.match(doi))


def is_doi_url(url: str) -> bool:
    """Whether ``url`` is a DOI resolver link (``https://doi.org/10...``,
    ``http://doi.acm.org/10...``).

    >>> is_doi_url("http://doi.acm.org/10.1145/1188913.1188915")
    True
    """
    return bool(_DOI_URL.match(url.strip()))


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
