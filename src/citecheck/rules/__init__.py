"""The rule registry: an explicit map from code to rule.

To add a rule, write a module in this package (see :mod:`citecheck.rules.base`)
and add it to :data:`RULE_MODULES`.  A meta-test checks that every rule is
registered, documented and has examples.
"""

from __future__ import annotations

from citecheck.errors import ConfigError
from citecheck.rules import (
    ambiguous_citation,
    citation_order,
    citation_reference_mismatch,
    citation_link_mismatch,
    cites_retraction_notice,
    corrected_reference,
    doi_metadata_mismatch,
    doi_not_found,
    duplicate_key,
    duplicate_reference,
    et_al_usage,
    expression_of_concern,
    incomplete_reference,
    include_outside_project,
    key_case_mismatch,
    malformed_citation,
    malformed_doi,
    missing_doi,
    missing_include,
    missing_reference,
    mixed_citations,
    no_citations,
    no_reference_list,
    reference_list_order,
    reference_numbering,
    related_version,
    retracted_reference,
    uncited_reference,
    unreadable_input,
    unverifiable_reference,
)
from citecheck.rules.base import Rule, RuleContext

RULE_MODULES = (
    unreadable_input,
    no_reference_list,
    missing_include,
    include_outside_project,
    uncited_reference,
    missing_reference,
    malformed_citation,
    duplicate_key,
    key_case_mismatch,
    citation_order,
    reference_numbering,
    duplicate_reference,
    related_version,
    incomplete_reference,
    # Author-year citations (issue 11).
    no_citations,
    citation_reference_mismatch,
    mixed_citations,
    ambiguous_citation,
    reference_list_order,
    et_al_usage,
    citation_link_mismatch,
    # Crossref (issue 5): CC401 offline, the CC5xx rules with --crossref.
    malformed_doi,
    doi_not_found,
    doi_metadata_mismatch,
    retracted_reference,
    expression_of_concern,
    corrected_reference,
    cites_retraction_notice,
    missing_doi,
    unverifiable_reference,
)

REGISTRY: dict[str, Rule] = {
    rule.code: rule for rule in sorted((Rule.from_module(m) for m in RULE_MODULES), key=lambda r: r.code)
}
_BY_NAME = {rule.name: rule for rule in REGISTRY.values()}


def get_rule(code_or_name: str) -> Rule:
    """Look a rule up by code (``CC101``) or name (``uncited-reference``)."""
    key = code_or_name.strip()
    rule = REGISTRY.get(key.upper()) or _BY_NAME.get(key.lower())
    if rule is None:
        raise ConfigError(f"unknown rule '{code_or_name}' (see 'citecheck rules')")
    return rule


def matches(selector: str, rule: Rule) -> int:
    """How specifically ``selector`` picks ``rule``: 0 if not at all.

    A selector is a code (``CC101``), a code prefix (``CC1``, ``CC``) or a
    name; the longer the matching prefix, the more specific.  A name or a full
    code is the most specific.  (Selecting an opt-in rule needs more: see
    :meth:`citecheck.config.Config.enabled`.)
    """
    sel = selector.strip()
    if sel.lower() == rule.name:
        return 100
    if sel.upper() == "ALL":
        return 1
    if rule.code.startswith(sel.upper()):
        return len(sel)
    return 0


def validate_selector(selector: str) -> str:
    """Return the selector if it names at least one rule, else raise ConfigError."""
    if not any(matches(selector, rule) for rule in REGISTRY.values()):
        raise ConfigError(f"'{selector}' matches no rule code, code prefix or rule name")
    return selector


__all__ = ["REGISTRY", "RULE_MODULES", "Rule", "RuleContext", "get_rule", "matches", "validate_selector"]
