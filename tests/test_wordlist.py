"""The word list behind line-end hyphens: inflections, British spellings, a compact cache file."""
from __future__ import annotations

import pytest

from generator.parse.pdf import wordlist


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("REPERTOIRE_CACHE_DIR", str(tmp_path))
    wordlist.words.cache_clear()
    yield tmp_path
    wordlist.words.cache_clear()


@pytest.mark.parametrize("word", ["political", "commissioners", "chairs", "escalation", "stabilized",
                                  "endeavour", "organisation", "centre", "community's", "planned"])
def test_words_and_their_forms(word):
    assert wordlist.is_word(word) is True


@pytest.mark.parametrize("word", ["litical", "missionersx", "peacekeepingx", "cyber", "ional"])
def test_pieces_are_no_words(word):
    assert wordlist.is_word(word) is False


def test_the_list_is_kept_as_a_small_sorted_hash_file(private_cache):
    assert wordlist.is_word("political")
    [path] = private_cache.glob("wordlist-*.u64")
    hashes = wordlist.words()
    assert 200_000 < len(hashes) == path.stat().st_size // 8 < 400_000
    assert all(a < b for a, b in zip(hashes[:1000], hashes[1:1001]))  # sorted, for bisection
