"""Python-Markdown extension: footnotes keep their Repertoire numbers.

The stock footnotes extension numbers references 1, 2, 3 on each page; a
reader of the Repertoire knows them as 832, 833 ... So after it runs, each
reference shows its label and each list item carries the label as its value.
Enable in mkdocs.yml after `footnotes`: `- generator.site.footnote_numbers`.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

_REF_ID = re.compile(r"^fnref\d*:(.+)$")
_ITEM_ID = re.compile(r"^fn:(.+)$")


class _KeepLabels(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for sup in root.iter("sup"):
            match = _REF_ID.match(sup.get("id", ""))
            anchor = sup.find("a")
            if match and anchor is not None:
                anchor.text = match.group(1)
        for item in root.iter("li"):
            match = _ITEM_ID.match(item.get("id", ""))
            if match and match.group(1).isdigit():
                item.set("value", match.group(1))
                for backref in item.iter("a"):
                    if "footnote-backref" in backref.get("class", ""):
                        backref.set("title", f"Back to the reference to footnote {match.group(1)}")


class FootnoteNumbersExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # The footnotes extension's own treeprocessor runs at priority 50; run after it.
        md.treeprocessors.register(_KeepLabels(md), "footnote_numbers", 15)


def makeExtension(**kwargs) -> FootnoteNumbersExtension:
    return FootnoteNumbersExtension(**kwargs)
