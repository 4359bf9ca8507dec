"""An English word list, the second witness (after the document itself) for line-end hyphens.

The `english-words` package's lists (Webster's Second and GCIDE, lower case, some
260,000 words) hold base forms; `is_word` also accepts the usual inflections
("commissioners", "chairs", "stabilized", "keeping") and British spellings
("endeavour", "organisation"). Loaded once, on first
use; without the package, `is_word` answers None (no evidence).
"""
from __future__ import annotations

import functools
import re
from typing import Optional

SUFFIXES = ("s", "es", "ed", "d", "ing", "ly", "er", "ers", "ies", "ied", "ion", "ions", "ment", "ments")


@functools.lru_cache(maxsize=1)
def _words() -> Optional[frozenset[str]]:
    try:
        from english_words import get_english_words_set
    except ImportError:
        return None
    return frozenset(get_english_words_set(["web2", "gcide"], lower=True, alpha=True))


# British spellings (the United Nations writes Oxford English) of the list's American words.
BRITISH = ((r"our(?=s?$|ed$|ing$|ite)", "or"), (r"is(?=e[sd]?$|ing$|ation)", "iz"), (r"ys(?=e[sd]?$|ing$)", "yz"),
           (r"tre(?=s?$)", "ter"), (r"ence(?=s?$)", "ense"), (r"ogue(?=s?$)", "og"), (r"lled$", "led"),
           (r"lling$", "ling"))


def is_word(word: str) -> Optional[bool]:
    """Whether `word` (letters) is an English word or an inflection of one, in American or British
    spelling, possessives aside; None without a list."""
    words = _words()
    if words is None:
        return None
    word = re.sub(r"['’]s?$", "", word.lower())
    if known(word, words):
        return True
    for british, american in BRITISH:
        variant = re.sub(british, american, word)
        if variant != word and known(variant, words):
            return True
    return False


def known(word: str, words: frozenset[str]) -> bool:
    if word in words:
        return True
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            if stem in words or stem + "e" in words or (suffix.startswith("ie") and stem + "y" in words):
                return True
            if suffix in ("ed", "ing", "er", "ers") and len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in words:
                return True  # "planned", "running"
    return False
