"""Element offsets in XML text line up with lxml's document order."""

from __future__ import annotations

from lxml import etree

from citecheck.readers.xmlpos import element_offsets

XML = """<?xml version="1.0"?>
<!DOCTYPE article [
  <!ATTLIST p id CDATA #IMPLIED>
]>
<!-- a comment with <fake> tags -->
<article a="x > y" b='"'>
  <?pi <not-an-element/> ?>
  <p id="1">text <![CDATA[ <also-not/> ]]> <b>bold</b><empty/></p>
  <p
     id="2"
  >second</p>
</article>
"""


def test_offsets_line_up_with_lxml() -> None:
    offsets = element_offsets(XML)
    assert offsets is not None
    parser = etree.XMLParser(load_dtd=False, resolve_entities=False, no_network=True, remove_comments=True)
    root = etree.fromstring(XML.encode(), parser)
    elements = list(root.iter(etree.Element))
    assert [e.tag for e in elements] == ["article", "p", "b", "empty", "p"]
    assert len(offsets) == len(elements)
    for element, found in zip(elements, offsets):
        assert XML.startswith(f"<{element.tag}", found.start)
        assert XML[found.start : found.end].endswith("/>" if element.tag == "empty" else f"</{element.tag}>")
    b = offsets[2]
    assert XML[b.content : b.close] == "bold"
    assert offsets[3].content == offsets[3].end  # <empty/>


def test_broken_markup_gives_none() -> None:
    assert element_offsets("<a><b></a>") is None
    assert element_offsets("<a>") is None
    assert element_offsets("</a>") is None
