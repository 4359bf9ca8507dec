"""Stemming in search: the index (Python's snowballstemmer) and the worker (the Snowball project's
JavaScript of the same algorithm and version, content/assets/vendor/snowball/) must give every
word the same stem, or a word stemmed one way at index time is looked up another way in the
browser and never found."""
from __future__ import annotations

import re
from importlib.metadata import version

import pytest

from generator.site import search_index as si
from tests.support.paths import ROOT, SOURCES
from tests.support.search_worker import STEMMER, javascript_stems


def assert_same_stems(words: set[str]) -> None:
    words = sorted(w for w in words if si.stem(w) is not None)
    assert len(words) > 1000
    python = [si.stem(word) for word in words]
    differ = [(w, p, j) for w, p, j in zip(words, python, javascript_stems(words)) if p != j]
    assert not differ, f"{len(differ)} of {len(words)} words stemmed differently, first: {differ[:10]}"


def words_of(text: str) -> set[str]:
    return {word for word in si.WORD.findall(si.fold(text)) if len(word) > 1}


def test_both_stemmers_are_the_same_release_of_the_same_algorithm():
    header = STEMMER.read_text(encoding="utf-8")
    release = version("snowballstemmer")
    assert f"Snowball {release}" in header and si.STEMMER == "english"
    assert f"Generated from english.sbl by Snowball {release}" in header
    pinned = re.search(r"^snowballstemmer==(\S+)$", (ROOT / "requirements.txt").read_text(), re.M)
    assert pinned and pinned.group(1) == release
    assert (STEMMER.parent / "LICENSE").is_file()


def test_python_and_javascript_agree_on_every_word_of_the_bundled_sites_index():
    from generator.assemble.sources import read_sources
    from generator.link.index import SiteIndex
    from generator.site.search_documents import documents

    sources = sorted(p for p in SOURCES.iterdir() if p.suffix in (".txt", ".pdf"))
    docs = documents(SiteIndex.build(read_sources(sources))) + si.hand_written(ROOT / "content")
    words = set()
    for doc in docs:
        for text in [doc.title, *doc.keywords, *(p.text for p in doc.passages)]:
            words |= words_of(text)
    assert {"commander", "commanders", "peacekeeping"} <= words
    assert_same_stems(words)


def test_python_and_javascript_agree_on_the_librarys_topics_and_the_resolutions(shared_data):
    words = set()
    for table in sorted((shared_data / "dhl-meeting-tables").glob("*.html")):
        words |= words_of(re.sub(r"<[^>]+>", " ", table.read_text(encoding="utf-8", errors="replace")))
    texts = shared_data / "sres-text-1946-2015"
    for text in sorted(texts.glob("*.txt")) if texts.is_dir() else []:
        words |= words_of(text.read_text(encoding="utf-8", errors="replace"))
    assert len(words) > 20_000
    assert_same_stems(words)


@pytest.mark.parametrize("word", ["s/pv.9389", "9389", "2023", "s/res/2719", "a4", "россия"])
def test_symbols_numbers_and_other_letters_are_never_stemmed(word):
    assert si.stem(word) is None
    assert not any(t.startswith(si.STEM_MARK) for t in si.term_counts(word))


def test_a_word_is_indexed_under_its_stem_when_the_stem_differs():
    counts = si.term_counts("Force Commanders of the force")
    assert counts["commanders"] == 1 and counts[si.STEM_MARK + "command"] == 1
    assert counts["force"] == 2 and counts[si.STEM_MARK + "forc"] == 2
    assert si.STEM_MARK + "mission" not in si.term_counts("mission")  # the stem is the word: found as itself
