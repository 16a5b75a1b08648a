"""Every rule is registered, documented, and has examples (proselint-style meta-tests)."""

from __future__ import annotations

import pkgutil
import re

import pytest

import citecheck.rules as rules_pkg
from citecheck.model import Severity
from citecheck.rules import REGISTRY, RULE_MODULES

#: Helpers, not rules: the base protocol and the modules named with a leading underscore.
PRIVATE = {"base"}


def test_every_rule_module_is_registered() -> None:
    modules = {m.name for m in pkgutil.iter_modules(rules_pkg.__path__) if not m.name.startswith("_")} - PRIVATE
    registered = {m.__name__.rsplit(".", 1)[1] for m in RULE_MODULES}
    assert modules == registered


@pytest.mark.parametrize("rule", REGISTRY.values(), ids=lambda r: r.code)
def test_rule_is_documented(rule) -> None:  # type: ignore[no-untyped-def]
    assert re.fullmatch(r"CC\d{3}", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert isinstance(rule.severity, Severity)
    assert rule.summary and rule.summary.endswith(".")
    assert rule.doc.startswith(f"{rule.code} {rule.name}:")
    assert "Bad::" in rule.doc and "Good::" in rule.doc


def test_codes_and_names_are_unique() -> None:
    assert len({r.name for r in REGISTRY.values()}) == len(REGISTRY)
