"""Damaged PDFs never lose text silently.

The sample PDF is overwritten at 50 seeded places: half inside its compressed streams (the
pages' content streams and the fonts, found by reading the file's objects, no PDF library),
half anywhere in the file. Each damaged copy is read as a build reads it (parsed and
assembled, `generator.assemble.sources.read_sources`) and must either
- stop with a clear error (`RepertoireError`, one line naming the file), or
- report at least one problem, or
- give every word of the text source, in order (its words a subsequence of the PDF's: damage
  may add garbage, never drop a word unseen).

The copies are read by this test's own processes (forked, two at a time), without the parse
cache and with one worker each, so a crash in one fails that case only.
"""
from __future__ import annotations

import multiprocessing
import os
import random
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from generator.assemble.sources import read_sources
from generator.model import Repertoire
from generator.model.errors import RepertoireError
from tests.support.damage import found_in_order, overwritten, stream_ranges, words_of
from tests.support.paths import SAMPLE_PDF, SAMPLE_TXT

CASES = 50
SEED = 13
DAMAGE = (16, 1500)  # bytes overwritten at each place, fewest and most


def damage_plan(data: bytes) -> list[tuple[int, bytes]]:
    """(offset, bytes written there) for each case: half in streams, half spread over the file."""
    rng = random.Random(SEED)
    ranges = list(stream_ranges(data).values())
    assert len(ranges) >= 5, "the sample PDF's streams were not found"
    plan = []
    for case in range(CASES):
        size = rng.randint(*DAMAGE)
        if case % 2 == 0:
            start, end = ranges[(case // 2) % len(ranges)]
            offset = rng.randrange(start, max(start + 1, end - min(size, end - start)))
        else:
            offset = (case * len(data)) // CASES + rng.randrange(len(data) // CASES)
        plan.append((offset, bytes(rng.randrange(256) for _ in range(size))))
    return plan


# --------------------------------------------------------------------------- one case


def read_case(path: str) -> tuple[str, object]:
    """("error", message) | ("problems", [str]) | ("words", [word]) | ("crash", repr)."""
    try:
        repertoire = read_sources([Path(path)], jobs=1)
    except RepertoireError as error:
        return "error", str(error)
    except Exception as exc:  # noqa: BLE001 - what the build would call an internal error
        return "crash", f"{type(exc).__name__}: {exc}"
    if repertoire.problems:
        return "problems", [str(p) for p in repertoire.problems]
    return "words", words_of(repertoire)


@pytest.fixture(scope="module")
def text_words() -> list[str]:
    return words_of(read_sources([SAMPLE_TXT], jobs=1))


@pytest.fixture(scope="module")
def isolated(tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    saved = {name: os.environ.get(name) for name in ("REPERTOIRE_CACHE_DIR", "REPERTOIRE_WORKERS")}
    os.environ.update(REPERTOIRE_CACHE_DIR=str(cache), REPERTOIRE_WORKERS="1")
    yield tmp_path_factory.mktemp("damaged")
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def test_the_undamaged_sample_gives_every_word_of_the_text_source(isolated, text_words):
    kind, result = read_case(str(SAMPLE_PDF))
    assert kind == "words", result
    found = found_in_order(text_words, result)
    assert found == len(text_words), f"only {found} of {len(text_words)} words; next: {text_words[found:found + 8]}"


def test_no_damaged_copy_loses_text_silently(isolated, text_words):
    data = SAMPLE_PDF.read_bytes()
    paths = []
    for case, (offset, garbage) in enumerate(damage_plan(data)):
        path = isolated / f"damaged-{case:02d}-at-{offset}.pdf"
        path.write_bytes(overwritten(data, offset, garbage))
        paths.append(str(path))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        outcomes = list(pool.map(read_case, paths))
    silent, crashed = [], []
    for path, (kind, result) in zip(paths, outcomes):
        name = Path(path).name
        if kind == "crash":
            crashed.append(f"{name}: {result}")
        elif kind == "error":
            assert "\n" not in result and name in result, f"{name}: not a one-line error naming the file: {result}"
        elif kind == "words":
            found = found_in_order(text_words, result)
            if found < len(text_words):
                silent.append(f"{name}: {found} of {len(text_words)} words, then {text_words[found:found + 6]} "
                              "missing, and no problem reported")
    assert not crashed, "internal errors:\n" + "\n".join(crashed)
    assert not silent, "silent loss:\n" + "\n".join(silent)
