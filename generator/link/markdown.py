"""Writing source text into Markdown safely.

Text from a source is data: whatever it contains (HTML, Markdown syntax,
template syntax) must come out on the page as the same literal characters.
Every string that reaches a page goes through `escape`, and links are added
around already-escaped text.
"""
from __future__ import annotations

import re

# Characters Python-Markdown gives a meaning (emphasis, code, links, footnotes,
# attribute lists, abbreviations, tables): exactly its ESCAPED_CHARS with the
# tables extension on, so every backslash escape here is consumed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WHITESPACE = re.compile(r"\s+")
_LOOSE_WHITESPACE = re.compile(r"\s{2,}|[^\S ]")  # anything `_WHITESPACE.sub(" ", ...)` would change
_BACKSLASHED = "`*_[]{}()!#+|.-"  # and the backslash itself, escaped first
# Anything `escape` changes: most names and short texts have none, and come back as they are.
_TO_ESCAPE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\\`*_\[\]{}()!#+|.\-&<>]|\s{2,}|[^\S ]")


def escape(text: str) -> str:
    """Plain text -> Markdown that renders as exactly that text."""
    # Control characters cannot appear in HTML, and \x02/\x03 are Python-Markdown's own placeholders.
    # Every page is mostly escaped text: searching first skips the substitutions most text needs not.
    if not _TO_ESCAPE.search(text):
        return text
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    if _LOOSE_WHITESPACE.search(text):
        text = _WHITESPACE.sub(" ", text)
    # A chain of str.replace is several times faster than one regular expression or str.translate.
    text = text.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for character in _BACKSLASHED:
        if character in text:
            text = text.replace(character, "\\" + character)
    return text


def link(label_markdown: str, url: str, title: str | None = None) -> str:
    """A Markdown link; the label must already be escaped."""
    # The <...> form lets a URL keep its parentheses: S/RES/2378(2017).
    # A line break would end the link in the middle of its destination.
    url = (url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
           .replace("\n", "%0A").replace("\r", "%0D").replace("\t", "%09"))
    if title:
        # One line (a blank line inside would end the paragraph) and no quote that ends it early.
        safe_title = " ".join(title.split()).replace('"', "&quot;")
        return f'[{label_markdown}](<{url}> "{safe_title}")'
    return f"[{label_markdown}](<{url}>)"
