"""Memory linear in the input: the search index caps its terms (and so the prefixes it keeps) at
MAX_TERM_LENGTH, the worker cuts query words alike, and a build of a source holding one
1,000,000-character word takes no more memory than the sample's build, give or take."""
from __future__ import annotations

import html
import os
import re
import subprocess
import tracemalloc
import sys
from pathlib import Path

import pytest

from generator.site.search_index import (MAX_TERM_LENGTH, Passage, SearchDocument, build_index, expand,
                                         index_files, read_script)
from tests.support import search_worker
from tests.support.builders import project_folder
from tests.support.paths import ROOT, SAMPLE_TXT
from tests.support.search_worker import WORKER


def test_a_long_word_is_indexed_by_its_first_characters():
    assert expand("x" * 5000) == ["x" * MAX_TERM_LENGTH]
    symbol = "s/" + "pv." * 2000
    assert max(map(len, expand(symbol))) <= MAX_TERM_LENGTH
    assert expand("s/pv.9389") == ["s/pv.9389", "pv.9389", "9389", "pv"]  # real symbols as before


def test_no_term_or_prefix_of_the_index_is_longer_than_the_cap():
    words = ["y" * 20_000, "z" * 3000 + "/" + "w" * 3000, "peacekeeping"]
    docs = [SearchDocument(f"d{n}.html", f"Page {n}", passages=[Passage("", "", " ".join(words))]) for n in range(300)]
    files, _ = index_files(build_index(docs))
    terms = []
    for name, data in files.items():
        if name.startswith("t/"):
            terms += read_script(data)[1][0::2]
    manifest = read_script(files["manifest.js"])[1]
    assert "y" * MAX_TERM_LENGTH in terms and "peacekeeping" in terms
    assert max(map(len, terms + manifest["leaves"] + list(manifest["summaries"]))) <= MAX_TERM_LENGTH


def test_the_worker_cuts_query_words_at_the_same_length():
    worker = WORKER.read_text(encoding="utf-8")
    assert re.search(r"var MAX_TERM_LENGTH = (\d+);", worker).group(1) == str(MAX_TERM_LENGTH)


@pytest.mark.skipif(search_worker.NODE is None, reason="Node is not installed")
def test_a_query_longer_than_the_cap_finds_the_capped_word(tmp_path):
    docs = [SearchDocument("long.html", "Long", passages=[Passage("", "", "y" * 200 + " peacekeeping")]),
            SearchDocument("other.html", "Other", passages=[Passage("", "", "y" * 30 + "z")])]
    search_worker.write_index(tmp_path, index_files(build_index(docs))[0])
    assert search_worker.found(tmp_path, "peacekeeping") == ["long.html"]
    assert search_worker.found(tmp_path, "y" * 100) == ["long.html"]  # the index has its first 64 y's
    assert search_worker.found(tmp_path, "Y" * MAX_TERM_LENGTH + "yyy z") == ["long.html"]  # "z" alone: too short
    assert sorted(search_worker.found(tmp_path, "y" * 30)) == ["long.html", "other.html"]


MEASURED_BUILD = """
import resource, subprocess, sys, time
started = time.monotonic()
result = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=120)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kB: the build and the processes it waited for
print(result.returncode, peak, time.monotonic() - started, result.stderr[-2000:].replace(chr(10), " | "))
"""


def _measured_build(project: Path, source: str) -> tuple[int, float]:
    """(peak memory in kB, seconds) of `repertoire build SOURCE` in a process of its own."""
    command = [sys.executable, "-c", MEASURED_BUILD, sys.executable, "-m", "generator.cli", "build", source]
    output = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=180,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "REPERTOIRE_CACHE_DIR": str(project.parent / "cache")})
    code, peak, seconds, stderr = output.stdout.split(" ", 3)
    assert code == "0", stderr or output.stderr
    return int(peak), float(seconds)


def _with_word(tmp_path: Path, name: str, word: str) -> Path:
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    marker = "More information on the meetings"
    assert marker in text
    project = project_folder(tmp_path / name)
    (project / "source.txt").write_text(text.replace(marker, word + " " + marker, 1) if word else text,
                                        encoding="utf-8")
    return project


def _shows(project: Path, word: str) -> bool:
    page = (project / "site" / "sections" / "2023-i-24.html").read_text(encoding="utf-8")
    return html.escape(word[:1000], quote=False) in page and html.escape(word[-1000:], quote=False) in page


def test_a_million_character_word_builds_in_the_memory_of_the_sample(tmp_path):
    word = "x" * 1_000_000
    _measured_build(_with_word(tmp_path, "warm", ""), "source.txt")  # the caches (compiled templates) made
    sample_peak, _ = _measured_build(_with_word(tmp_path, "sample", ""), "source.txt")
    long_peak, seconds = _measured_build(long := _with_word(tmp_path, "long", word), "source.txt")
    print(f"peak: sample {sample_peak} kB, long word {long_peak} kB; {seconds:.1f} s")
    assert long_peak <= 1.5 * sample_peak, (long_peak, sample_peak)
    assert seconds < 30
    assert _shows(long, word)


# A dot every other character (each one escaped on the page), an ampersand every other (each one an
# entity): Python-Markdown made one pass over the paragraph for each, and a million of them took
# minutes (a build of its own outlasted the 120 s limit). Now each character costs the same whatever
# the word's length: doubling the word adds twice the memory the last doubling added (a square
# would add four times).
@pytest.mark.parametrize("unit", ["a.", "a&"])
def test_a_long_word_of_escaped_characters_costs_memory_in_proportion(tmp_path, unit):
    words = [unit * (length // len(unit)) for length in (500_000, 1_000_000, 2_000_000)]
    _measured_build(_with_word(tmp_path, "warm", ""), "source.txt")  # the caches made
    peaks = [_measured_build(_with_word(tmp_path, str(len(word)), word), "source.txt")[0] for word in words]
    print(f"peak with 500,000, 1,000,000, 2,000,000 characters: {peaks} kB")
    assert peaks[2] - peaks[1] <= 3 * (peaks[1] - peaks[0]), peaks
    assert _shows(tmp_path / str(len(words[2])), words[2])


def _traced(function, text: str):
    """function(text) and the peak of memory allocated while it ran, in bytes."""
    tracemalloc.start()
    try:
        return function(text), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# The regular expressions' engine keeps backtracking state for each repetition it may return to:
# a million-character symbol-like run cost 400 MB to find (S/1/1/1...), and a dotted word 60 MB
# to index. Measured with tracemalloc, which counts every allocation, against the text's own size.
@pytest.mark.parametrize("text", ["S" + "/1" * 500_000, "A/RES" + "/A" * 500_000, "S/PV.1" + "/Rev.1" * 150_000],
                         ids=["document", "ga-resolution", "meeting"])
def test_a_long_symbol_like_run_is_found_in_memory_far_below_its_length(text):
    from generator.model.symbols import MAX_PIECES, find_symbols

    found, peak = _traced(find_symbols, text)
    assert peak < len(text) // 10, peak
    assert len(found) == 1 and text.startswith(found[0].symbol.canonical)
    assert found[0].symbol.canonical.count("/") <= MAX_PIECES + 2


@pytest.mark.parametrize("unit", ["a.", "a/"])
def test_a_long_dotted_word_is_indexed_in_memory_of_its_length(unit):
    from generator.site.search_index import term_counts

    text = unit * 500_000
    counts, peak = _traced(term_counts, text)
    assert peak < 3 * len(text), peak  # the folded copy and the word found, one byte a character
    assert max(map(len, counts)) == MAX_TERM_LENGTH
