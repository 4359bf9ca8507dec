"""Python-Markdown extension: escapes and entities resolved in one pass.

Python-Markdown rebuilds a whole paragraph for every inline match, so text
with n backslash escapes or entities costs n times its length: a million
escaped dots ("a.a.a...", every "." escaped by `generator.link.markdown`)
took minutes. Source text reaches pages escaped, so nearly every match is one
of these two. This treeprocessor runs just before the inline one and does
exactly what its `escape` and `entity` patterns would do, for the whole text
at once: each escape becomes the STX code ETX form the escape pattern leaves,
each entity the HTML stash's placeholder the entity pattern leaves. The page
comes out byte for byte the same (tests/test_linear_escapes.py). The last
step, the codes back to characters, is the stock one with str.replace.

It holds back where the order of the inline patterns matters:
- a text with an unescaped backtick is left alone (code spans, which run
  before escapes, keep their backslashes);
- an entity inside a footnote reference, after a "<" that is not a link's
  "<url>" (an automatic mail link may start there) or, where the page defines
  references, after a "[" is left to the inline patterns.
Enable in mkdocs.yml: `- generator.site.linear_escapes`.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, util
from markdown.inlinepatterns import ENTITY_RE, ESCAPE_RE
from markdown.treeprocessors import Treeprocessor, UnescapeTreeprocessor

_ESCAPE_OR_BACKTICK = re.compile(ESCAPE_RE + "|`")
_ENTITY = re.compile(ENTITY_RE)
_DESTINATION = re.compile(r"\]\(")
_ANGLE = re.compile("<")
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]]*(?:\]|$)")


class _ResolveEscapes(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        # One string for each escaped character and each entity: a million of them share a few objects.
        self._codes = {character: f"{util.STX}{ord(character)}{util.ETX}" for character in self.md.ESCAPED_CHARS}
        self._entity_texts: dict[str, str] = {}
        for element in root.iter():
            if element is not root:  # the inline processor reads the root's children only
                element.text = self._resolve(element.text)
            element.tail = self._resolve(element.tail)

    def _resolve(self, text: str | None) -> str | None:
        if not text or isinstance(text, util.AtomicString) or ("\\" not in text and "&" not in text):
            return text
        if "\\" in text or "`" in text:
            resolved = self._escapes(text)
            if resolved is None:  # a code span may start here: leave it all to the inline patterns
                return text
            text = resolved
        if "&" in text:
            text = self._entities(text)
        return text

    def _entities(self, text: str) -> str:
        # Three inline patterns that run before entities read their text as written: references
        # and footnote references look their text up, automatic mail links spell it out letter
        # by letter. An entity where one of those may match is left to the inline patterns.
        # (Elsewhere a stashed entity inside a link, a tag or an attribute is put back in place.)
        held_from = len(text)  # nothing stashed from here on
        if self.md.references and "[" in text:
            held_from = text.index("[")
        link_destination = self.md.inlinePatterns["link"].RE_LINK
        automail = self.md.inlinePatterns["automail"].getCompiledRegExp()
        angle_of_a_link = set()  # the "<" of a link's (<url> ...)
        for destination in _DESTINATION.finditer(text, 0, held_from):
            written = link_destination.match(text, destination.end() - 1)
            if written and written.group(1):
                angle_of_a_link.add(written.start(1))
        for angle in _ANGLE.finditer(text, 0, held_from):
            if angle.start() not in angle_of_a_link or automail.match(text, angle.start()):
                held_from = angle.start()
                break
        held = [reference.span() for reference in _FOOTNOTE_REFERENCE.finditer(text, 0, held_from)]
        next_held = 0

        def stash(entity: re.Match[str]) -> str:
            nonlocal next_held
            start = entity.start()
            while next_held < len(held) and held[next_held][1] <= start:
                next_held += 1  # entities come in order: each held span is passed once
            if start >= held_from or (next_held < len(held) and held[next_held][0] <= start):
                return entity.group(1)
            written = self._entity_texts.setdefault(entity.group(1), entity.group(1))
            return self.md.htmlStash.store(written)

        return _ENTITY.sub(stash, text)

    def _escapes(self, text: str) -> str | None:
        if "`" in text and any(match.group(1) is None for match in _ESCAPE_OR_BACKTICK.finditer(text)):
            return None  # a backtick no backslash escapes
        # Escaped backslashes first: the pairs a run of backslashes makes are then gone, and what is
        # left is each a backslash escaping the character after it, as the escape pattern reads it.
        # str.replace, not re.sub: it builds the result without a list of a million pieces.
        text = text.replace("\\\\", self._codes["\\"])
        for character, code in self._codes.items():
            if "\\" + character in text:
                text = text.replace("\\" + character, code)
        return text


class _Unescape(UnescapeTreeprocessor):
    """The stock last step (STX code ETX back to its character) with str.replace: its re.sub kept a
    list of every piece, a million for a million escapes."""

    def unescape(self, text: str) -> str:
        if util.STX not in text:
            return text
        for character in self.md.ESCAPED_CHARS:
            code = f"{util.STX}{ord(character)}{util.ETX}"
            if code in text:
                text = text.replace(code, character)
        return super().unescape(text) if util.STX in text else text  # any other code, as before


class LinearEscapesExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # Just before the inline processor (20), after the footnotes' own treeprocessor (50)
        # has moved the footnote texts into the page.
        md.treeprocessors.register(_ResolveEscapes(md), "linear_escapes", 21)
        md.treeprocessors.register(_Unescape(md), "unescape", 0)  # in place of the stock one


def makeExtension(**kwargs) -> LinearEscapesExtension:
    return LinearEscapesExtension(**kwargs)
