"""Turning the LaTeX of a BibTeX field into plain Unicode text, fast.

``{\\"u}ller`` becomes ``üller``, ``{DNA}`` becomes ``DNA``, ``\\textit{et al.}``
becomes ``et al.`` and ``--`` an en dash.  The result is for matching and for
messages, not for typesetting: unknown commands are dropped and their
arguments kept.  A general LaTeX-to-text converter (pylatexenc, as used by
bibtexparser's ``LatexDecodingMiddleware``) takes about a millisecond per
entry, too slow for a 50,000-entry ``.bib``; this single pass takes
microseconds.
"""

from __future__ import annotations

import re
import unicodedata

from citecheck.parsing.latex_scan import brace_end

# Accent commands and the combining character each adds.
_ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303",
    "=": "\u0304", ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b",
    "c": "\u0327", "k": "\u0328", "r": "\u030a", "d": "\u0323", "b": "\u0331",
}
# Commands that stand for a letter or a symbol.
_SYMBOLS = {
    "ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ",
    "oe": "œ", "OE": "Œ", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð",
    "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ",
    "textendash": "–", "textemdash": "—", "textquoteright": "’", "textquoteleft": "‘",
    "textquotedblleft": "“", "textquotedblright": "”", "textellipsis": "…",
    "ldots": "…", "dots": "…", "textregistered": "®", "texttrademark": "™",
    "copyright": "©", "textcopyright": "©", "S": "§", "P": "¶", "textdegree": "°",
    "LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "textbackslash": "\\",
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "mu": "μ",
    "pi": "π", "sigma": "σ", "tau": "τ", "omega": "ω", "Omega": "Ω", "lambda": "λ",
    "times": "×", "pm": "±", "infty": "∞", "sim": "∼", "le": "≤", "ge": "≥",
}
#: The journal macros of AASTeX, which ADS exports use (``journal = {\\apj}``).
JOURNAL_MACROS = {
    "aj": "AJ", "actaa": "Acta Astron.", "araa": "ARA&A", "apj": "ApJ", "apjl": "ApJL",
    "apjs": "ApJS", "ao": "Appl. Opt.", "apss": "Ap&SS", "aap": "A&A", "aapr": "A&A Rev.",
    "aaps": "A&AS", "azh": "AZh", "baas": "BAAS", "caa": "Chinese Astron. Astrophys.",
    "cjaa": "Chinese J. Astron. Astrophys.", "icarus": "Icarus", "jcap": "JCAP",
    "jrasc": "JRASC", "memras": "MmRAS", "mnras": "MNRAS", "na": "New A", "nar": "New A Rev.",
    "pra": "Phys. Rev. A", "prb": "Phys. Rev. B", "prc": "Phys. Rev. C", "prd": "Phys. Rev. D",
    "pre": "Phys. Rev. E", "prl": "Phys. Rev. Lett.", "pasa": "PASA", "pasp": "PASP",
    "pasj": "PASJ", "qjras": "QJRAS", "rmxaa": "Rev. Mexicana Astron. Astrofis.",
    "skytel": "S&T", "solphys": "Sol. Phys.", "sovast": "Soviet Ast.", "ssr": "Space Sci. Rev.",
    "zap": "ZAp", "nat": "Nature", "iaucirc": "IAU Circ.", "aplett": "Astrophys. Lett.",
    "apspr": "Astrophys. Space Phys. Res.", "bain": "BAN", "fcp": "Fund. Cosmic Phys.",
    "gca": "Geochim. Cosmochim. Acta", "grl": "Geophys. Res. Lett.", "jcp": "J. Chem. Phys.",
    "jgr": "J. Geophys. Res.", "jqsrt": "JQSRT", "memsai": "Mem. Soc. Astron. Italiana",
    "nphysa": "Nucl. Phys. A", "physrep": "Phys. Rep.", "physscr": "Phys. Scr",
    "planss": "Planet. Space Sci.", "procspie": "Proc. SPIE", "psj": "PSJ",
}
_SYMBOLS.update(JOURNAL_MACROS)
# Escaped characters: \& \% \$ \# \_ \{ \} and the control spaces.
_ESCAPES = {"&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}",
            " ": " ", ",": " ", ";": " ", ":": " ", "!": "", "/": "", "-": "", "@": ""}
# Commands whose arguments are not text at all.
_DROP_WITH_ARGUMENT = frozenset({"label", "cite", "ref", "pageref", "footnote", "thanks"})

_COMMAND = re.compile(r"\\([A-Za-z]+|.)")
_TOKEN = re.compile(
    r"\\([A-Za-z]+)\s*|\\(.)|(---|--|``|''|~|[{}$])",
)


def _accent(mark: str, base: str) -> str:
    if base == "ı":
        base = "i"
    elif base == "ȷ":
        base = "j"
    return unicodedata.normalize("NFC", base + _ACCENTS[mark]) if base else ""


def _argument(text: str, pos: int) -> tuple[str, int]:
    """The argument at ``pos``: a braced group or one character; and the end."""
    n = len(text)
    while pos < n and text[pos] == " ":
        pos += 1
    if pos >= n:
        return "", pos
    if text[pos] == "{":
        end = brace_end(text, pos, 100)
        return ("", pos + 1) if end == -1 else (text[pos + 1 : end - 1], end)
    if text[pos] == "\\":
        match = _COMMAND.match(text, pos)
        if match:
            return match.group(0), match.end()
    return text[pos], pos + 1


def _nested(arg: str, depth: int) -> str:
    # An accent's argument is a letter or two; deep nesting is hostile input.
    return latex_to_text(arg, depth + 1) if depth < 20 else arg


def latex_to_text(value: str, _depth: int = 0) -> str:
    """Decode the LaTeX of a field value into plain text.

    >>> latex_to_text(r'M{\\"u}ller and {\\v{S}}eva -- {DNA} \\& \\textit{et al.}')
    'Müller and Ševa – DNA & et al.'
    >>> latex_to_text(r"Sa{\\"\\i}d, {\\'E}cole, \\c{c}a, \\ss")
    'Saïd, École, ça, ß'
    """
    if "\\" not in value and "{" not in value and "~" not in value \
            and "$" not in value and "`" not in value and "''" not in value:
        if "--" not in value:
            return " ".join(value.split())
        if "---" not in value and "}" not in value:  # page ranges: each "--" an en dash, as below
            return " ".join(value.replace("--", "–").split())
    out: list[str] = []
    pos, n = 0, len(value)
    while pos < n:
        match = _TOKEN.search(value, pos)
        if match is None:
            out.append(value[pos:])
            break
        out.append(value[pos : match.start()])
        pos = match.end()
        name, single, punct = match.group(1), match.group(2), match.group(3)
        if punct is not None:
            out.append({"---": "—", "--": "–", "``": "“", "''": "”", "~": " "}.get(punct, ""))
        elif single is not None:
            if single in _ACCENTS:
                arg, pos = _argument(value, pos)
                out.append(_accent(single, _nested(arg, _depth)))
            else:
                out.append(_ESCAPES.get(single, single))
        elif name in _ACCENTS and len(name) == 1:
            arg, pos = _argument(value, match.start(1) + 1)
            out.append(_accent(name, _nested(arg, _depth)))
        elif name in _SYMBOLS:
            out.append(_SYMBOLS[name])
            if pos < n and value[pos : pos + 2] == "{}":
                pos += 2
        elif name in _DROP_WITH_ARGUMENT:
            _, pos = _argument(value, pos)
        # Any other command (\textit, \emph, \url, \mathrm...) is dropped and
        # its argument read as text by the loop.
    return " ".join("".join(out).split())


__all__ = ["latex_to_text"]
