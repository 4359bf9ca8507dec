"""An English word list, the second witness (after the document itself) for line-end hyphens.

The `english-words` package's lists (Webster's Second and GCIDE, lower case, some
260,000 words) hold base forms; `is_word` also accepts the usual inflections
("commissioners", "chairs", "stabilized", "keeping") and British spellings
("endeavour", "organisation").

The package ships its lists as pickled sets, some 60 MB once loaded. So the first
use turns them, in a separate process, into a sorted array of 64-bit hashes (2 MB)
kept in the cache folder (`generator.settings.cache_dir`); this process only ever loads that
array. Without the package, `is_word` answers None (no evidence).
"""
from __future__ import annotations

import bisect
import functools
import hashlib
import os
import re
import subprocess
import sys
import tempfile
from array import array
from pathlib import Path
from typing import Optional

SUFFIXES = ("s", "es", "ed", "d", "ing", "ly", "er", "ers", "ies", "ied", "ion", "ions", "ment", "ments")
# British spellings (the United Nations writes Oxford English) of the list's American words.
BRITISH = ((r"our(?=s?$|ed$|ing$|ite)", "or"), (r"is(?=e[sd]?$|ing$|ation)", "iz"), (r"ys(?=e[sd]?$|ing$)", "yz"),
           (r"tre(?=s?$)", "ter"), (r"ence(?=s?$)", "ense"), (r"ogue(?=s?$)", "og"), (r"lled$", "led"),
           (r"lling$", "ling"))
LISTS = ["web2", "gcide"]


def word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")


def list_file() -> Optional[Path]:
    """The hash array of the package's lists, made on first use; None without the package."""
    try:
        from importlib.metadata import version

        release = version("english-words")
    except Exception:
        return None
    from generator.settings import cache_dir

    path = cache_dir() / f"wordlist-{release}-{'-'.join(LISTS)}.u64"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([sys.executable, "-m", "generator.parse.pdf.wordlist", str(path)],
                              capture_output=True, timeout=300)
        if done.returncode != 0 or not path.exists():
            return None
    return path


def write_list(path: Path) -> None:
    """Hash every listed word into a sorted array, written whole or not at all."""
    from english_words import get_english_words_set

    hashes = array("Q", sorted({word_hash(w) for w in get_english_words_set(LISTS, lower=True, alpha=True)}))
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".wordlist-")
    with os.fdopen(handle, "wb") as stream:
        hashes.tofile(stream)
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)


@functools.lru_cache(maxsize=1)
def words() -> Optional[array]:
    """The list's sorted hashes, loaded once (None when the list cannot be made)."""
    path = list_file()
    if path is None:
        return None
    hashes = array("Q")
    with open(path, "rb") as stream:
        hashes.frombytes(stream.read())
    return hashes


def is_word(word: str) -> Optional[bool]:
    """Whether `word` (letters) is an English word or an inflection of one, in American or British
    spelling, possessives aside; None without a list."""
    hashes = words()
    if hashes is None:
        return None
    word = re.sub(r"['’]s?$", "", word.lower())
    if known(word, hashes):
        return True
    for british, american in BRITISH:
        variant = re.sub(british, american, word)
        if variant != word and known(variant, hashes):
            return True
    return False


def listed(word: str, words: array) -> bool:
    value = word_hash(word)
    index = bisect.bisect_left(words, value)
    return index < len(words) and words[index] == value


def known(word: str, words: array) -> bool:
    if listed(word, words):
        return True
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            if listed(stem, words) or listed(stem + "e", words) or (suffix.startswith("ie") and listed(stem + "y", words)):
                return True
            if suffix in ("ed", "ing", "er", "ers") and len(stem) > 2 and stem[-1] == stem[-2] and listed(stem[:-1], words):
                return True  # "planned", "running"
    return False


if __name__ == "__main__":
    write_list(Path(sys.argv[1]))
