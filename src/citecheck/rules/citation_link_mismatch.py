"""CC109 citation-link-mismatch: a linked citation's text names another reference than its link.

A JATS author-year article links each citation to its entry
(``<xref ref-type="bibr" rid="...">``) and prints it ("Schuman and Baldwin,
2012"); so does a Zotero, Mendeley or EndNote field in a Word document with
an author-date bibliography, whose shown text can be typed over.  When the
printed names and year match one entry exactly and the link goes to
another, readers who follow the link land on the wrong work (and the
reference manager prints the linked one at its next refresh), and the entry
the text names looks uncited (it is not reported as CC101: this finding says
why).  The message names both entries, with their ids in JATS.

Bad::

    <article><body><p>Volatiles
    (<xref ref-type="bibr" rid="bib2">Schuman and Baldwin, 2012</xref>).</p></body>
    <back><ref-list>
    <ref id="bib1"><element-citation><person-group><name><surname>Schuman</surname></name>
    <name><surname>Baldwin</surname></name></person-group><year>2012</year>
    <article-title>Asking the ecosystem</article-title></element-citation></ref>
    <ref id="bib2"><element-citation><person-group><name><surname>Schuman</surname></name>
    <name><surname>Barthel</surname></name><name><surname>Baldwin</surname></name></person-group>
    <year>2012</year><article-title>Herbivory-induced volatiles</article-title></element-citation></ref>
    </ref-list></back></article>

Good::

    <article><body><p>Volatiles
    (<xref ref-type="bibr" rid="bib1">Schuman and Baldwin, 2012</xref>;
    <xref ref-type="bibr" rid="bib2">Schuman et al., 2012</xref>).</p></body>
    <back><ref-list>
    <ref id="bib1"><element-citation><person-group><name><surname>Schuman</surname></name>
    <name><surname>Baldwin</surname></name></person-group><year>2012</year>
    <article-title>Asking the ecosystem</article-title></element-citation></ref>
    <ref id="bib2"><element-citation><person-group><name><surname>Schuman</surname></name>
    <name><surname>Barthel</surname></name><name><surname>Baldwin</surname></name></person-group>
    <year>2012</year><article-title>Herbivory-induced volatiles</article-title></element-citation></ref>
    </ref-list></back></article>
"""

from __future__ import annotations

from citecheck.model import Severity
from citecheck.rules._problems import report_problems as check

CODE = "CC109"
NAME = "citation-link-mismatch"
SEVERITY = Severity.WARNING
SUMMARY = "A linked citation's printed text names another reference than the one it links to."
OPTIONS: dict[str, object] = {}

__all__ = ["CODE", "NAME", "OPTIONS", "SEVERITY", "SUMMARY", "check"]
