"""Shared by the rules that report what a reader noticed (CC001, CC003, CC005)."""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Document, Finding
from citecheck.rules.base import RuleContext


def report_problems(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    """Yield a finding for each reader problem that carries this rule's code."""
    for problem in document.problems:
        if problem.code == ctx.rule.code:
            yield ctx.finding(problem.span, problem.message, problem.references)
