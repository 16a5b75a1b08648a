"""CC302 reference-numbering: the list's numbers have a gap or run out of sequence.

A numbered reference list must run 1, 2, 3, ... without gaps.  A gap usually
means an entry was deleted without renumbering, so every later citation may
point at the wrong work.

Bad::

    References
    [1] 张三. 题名[J]. 某学报, 2020.
    [2] 李四. 另一题名[M]. 北京: 科学出版社, 2019.
    [5] 王五. 跳号的条目[D]. 上海: 复旦大学, 2021.

Good::

    References
    [1] 张三. 题名[J]. 某学报, 2020.
    [2] 李四. 另一题名[M]. 北京: 科学出版社, 2019.
    [3] 王五. 跳号的条目[D]. 上海: 复旦大学, 2021.
"""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Document, Finding, Severity
from citecheck.rules.base import RuleContext

CODE = "CC302"
NAME = "reference-numbering"
SEVERITY = Severity.WARNING
SUMMARY = "The reference list's numbers have a gap or run out of sequence."
OPTIONS: dict[str, object] = {}


def _missing(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"{numbers[0]} is missing"
    if len(numbers) <= 5:
        return ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]} are missing"
    if numbers[-1] - numbers[0] + 1 == len(numbers):
        return f"{numbers[0]}-{numbers[-1]} are missing"
    return f"{len(numbers)} numbers between them are missing"


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    refs = [r for r in document.references if r.number is not None and r.numbered_explicitly]
    if not refs or document.metadata.get("bibliography_keyed"):
        return
    # A number that is listed elsewhere (out of sequence) is not missing.
    listed = {r.number for r in refs}
    previous = None
    for ref in refs:
        number = ref.number
        assert number is not None
        if previous is None:
            if number != 1:
                yield ctx.finding(
                    ref.span, f"the reference list starts at {number}, not 1", [str(number)]
                )
        elif number > previous + 1:
            missing = [n for n in range(previous + 1, number) if n not in listed]
            if missing:
                yield ctx.finding(
                    ref.span,
                    f"reference numbering jumps from {previous} to {number} ({_missing(missing)})",
                    [str(previous), str(number)],
                )
        elif number < previous:
            yield ctx.finding(
                ref.span,
                f"reference {number} comes after reference {previous}",
                [str(number), str(previous)],
            )
        if previous is None or number > previous:
            previous = number
