"""Find known names in text: the longest name at each place, never part of a longer word.

Linear in the text: names are grouped by their first word, so each word of the
text is looked up once and only the few names starting with it are tried
(longest first). "Sudan" is not found inside "South Sudan" when "South Sudan"
is also a name: the earlier, longer name wins, whatever either one links to.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Hashable, Iterable

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    key: Hashable  # what the name denotes
    text: str  # as written


class MentionFinder:
    def __init__(self, names: Iterable[tuple[str, Hashable]]):
        """`names`: (spelling, key) pairs; the first key given for a spelling wins."""
        self._keys: dict[str, Hashable] = {}
        by_first: dict[str, list[str]] = {}
        for spelling, key in names:
            spelling = spelling.strip()
            first = _WORD.match(spelling)
            if not first or spelling in self._keys:
                continue
            self._keys[spelling] = key
            by_first.setdefault(first.group(), []).append(spelling)
        self._by_first = {word: sorted(spellings, key=len, reverse=True) for word, spellings in by_first.items()}
        # Only words starting with a character some name starts with are looked up.
        initials = "".join(sorted({re.escape(word[0]) for word in by_first})) or "^\\s\\S"
        self._words = re.compile(rf"(?<![\w-])[{initials}]\w*")

    def find(self, text: str) -> list[Mention]:
        found: list[Mention] = []
        position = 0
        for word_match in self._words.finditer(text):
            start = word_match.start()
            if start < position:
                continue
            for spelling in self._by_first.get(word_match.group(), ()):
                end = start + len(spelling)
                if text.startswith(spelling, start) and not _continues(text, end, spelling):
                    found.append(Mention(start, end, self._keys[spelling], spelling))
                    position = end
                    break
        return found


def _continues(text: str, end: int, spelling: str) -> bool:
    """Whether the text goes on with the same word past `end` ("Niger" in "Nigeria", "Guinea" in "Guinea-Bissau")."""
    if end >= len(text):
        return False
    following = text[end]
    if spelling[-1].isalnum():
        return following.isalnum() or following == "_" or (following == "-" and text[end + 1:end + 2].isalnum())
    return False
