"""The Crossref rules are registered, documented, and online exactly when they need Crossref."""

from __future__ import annotations

import pytest

from citecheck.rules import REGISTRY

CODES = {"CC401": False, "CC501": True, "CC502": True, "CC503": True, "CC504": True,
         "CC505": True, "CC506": True, "CC507": True, "CC508": True}


@pytest.mark.parametrize(("code", "online"), sorted(CODES.items()))
def test_registered_documented_and_online_flag(code: str, online: bool) -> None:
    rule = REGISTRY[code]
    assert rule.online is online
    assert "Bad::" in rule.doc and "Good::" in rule.doc
    assert rule.doc.startswith(f"{code} {rule.name}:")
    for option in rule.options:
        assert f"``{option}``" in rule.doc, f"{code} does not document its option {option}"
