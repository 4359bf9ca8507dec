"""Rendering on every core gives exactly the pages rendering on one core gives."""
from __future__ import annotations

from generator.assemble.sources import read_sources
from generator.link.index import SiteIndex
from generator.render.parallel import PAGES_PER_CHUNK
from generator.render.renderer import SiteRenderer
from tests.support.synthetic import write_synthetic_sources


def test_parallel_pages_equal_sequential(tmp_path):
    files = write_synthetic_sources(tmp_path, 300, seed=5).files
    repertoire = read_sources(files, jobs=1)
    index = SiteIndex.build(repertoire)
    one = SiteRenderer(index, jobs=1).pages()
    assert len(one) > 2 * PAGES_PER_CHUNK  # so that two workers really share the work
    many = SiteRenderer(index, jobs=2).pages()
    assert many == one
    assert any("What links here" in text for text in many.values())
