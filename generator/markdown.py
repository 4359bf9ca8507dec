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
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]{}()!#+|.-])")


def escape(text: str) -> str:
    """Plain text -> Markdown that renders as exactly that text."""
    # Control characters cannot appear in HTML, and \x02/\x03 are Python-Markdown's own placeholders.
    text = _CONTROL.sub("", text)
    text = re.sub(r"\s+", " ", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def link(label_markdown: str, url: str, title: str | None = None) -> str:
    """A Markdown link; the label must already be escaped."""
    # The <...> form lets a URL keep its parentheses: S/RES/2378(2017).
    url = url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
    if title:
        safe_title = title.replace('"', "&quot;")
        return f'[{label_markdown}](<{url}> "{safe_title}")'
    return f"[{label_markdown}](<{url}>)"
