"""The headings that open a reference list, in the languages manuscripts use.

This is data: add a heading here (in any case; matching ignores case, bold
marks, a trailing colon, section numbers and spaces between CJK characters).
"""

from __future__ import annotations

import re

REFERENCE_HEADINGS: tuple[str, ...] = (
    # English
    "References",
    "Reference",
    "Bibliography",
    "Literature Cited",
    "Works Cited",
    "Notes and References",
    "References and Notes",
    "Reference List",
    "List of References",
    "Cited Literature",
    # Chinese, Japanese
    "参考文献",
    "参考资料",
    "参考資料",
    "參考文獻",
    "引用文献",
    "主要参考文献",
    # French, German, Spanish, Italian, Portuguese, Russian, Polish, Dutch
    "Références",
    "Références bibliographiques",
    "Bibliographie",
    "Literatur",
    "Literaturverzeichnis",
    "Referencias",
    "Referencias bibliográficas",
    "Bibliografía",
    "Bibliografia",
    "Riferimenti bibliografici",
    "Referências",
    "Referências bibliográficas",
    "Литература",
    "Список литературы",
    "Библиография",
    "Literatura",
    "Bibliografie",
    "Literatuur",
)

#: Headings that divide a reference list into groups ("Primary sources",
#: "中文文献") rather than end it.  Matched as the reference headings are.
SUBHEADINGS: tuple[str, ...] = (
    # English: by kind of source (humanities, law, theses)
    "Primary sources", "Secondary sources", "Primary literature", "Secondary literature",
    "Archival sources", "Archives", "Unpublished sources", "Published sources", "Printed sources",
    "Manuscripts", "Manuscript sources", "Books", "Book chapters", "Books and chapters",
    "Articles", "Journal articles", "Books and articles", "Conference papers", "Proceedings",
    "Reports", "Theses", "Dissertations", "Theses and dissertations", "Websites", "Web sites",
    "Online sources", "Internet sources", "Electronic sources", "Software", "Data", "Datasets",
    "Data sets", "Data sources", "Data and software", "Newspapers", "Newspaper articles",
    "Interviews", "Legal sources", "Cases", "Legislation", "Statutes", "Government documents",
    "Government publications", "Official publications", "Other sources", "Other references",
    "Additional references", "Further reading", "Cited references", "Supplementary references",
    "References cited in the supplementary material", "Appendix references",
    # Chinese theses: Chinese, foreign-language and English references
    "中文文献", "外文文献", "英文文献", "中文参考文献", "外文参考文献", "英文参考文献",
    # German, French, Spanish
    "Quellen", "Primärliteratur", "Sekundärliteratur", "Sources primaires", "Sources secondaires",
    "Fuentes primarias", "Fuentes secundarias",
)

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.|[A-Z]\.|[一二三四五六七八九十]+[、.．])\s*")
_DECORATION = re.compile(r"^[\s*_#=]+|[\s*_#=]+$")


def normalise_heading(line: str) -> str:
    """Reduce a heading line to the bare words that name it, case-folded."""
    text = _DECORATION.sub("", line.strip())
    text = text.rstrip(":：").strip()
    text = _DECORATION.sub("", text)
    text = _NUMBERING.sub("", text)
    text = _BETWEEN_CJK.sub("", text)
    text = re.sub(r"\s+", " ", text)
    return text.casefold()


_KNOWN = frozenset(normalise_heading(h) for h in REFERENCE_HEADINGS)
_SUB = frozenset(normalise_heading(h) for h in SUBHEADINGS)


def is_reference_heading(line: str, extra: frozenset[str] = frozenset()) -> bool:
    """Whether ``line`` (without Markdown ``#`` marks) names a reference list."""
    if len(line) > 80:
        return False
    name = normalise_heading(line)
    return bool(name) and (name in _KNOWN or name in extra)


def is_subheading(line: str) -> bool:
    """Whether ``line`` (Markdown ``#`` marks allowed) divides a reference list into groups."""
    return len(line) <= 80 and normalise_heading(line) in _SUB
