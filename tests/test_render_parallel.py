"""Rendering on every core gives exactly the pages rendering on one core gives."""
from __future__ import annotations

from generator.assemble.sources import read_sources
from generator.pipeline import link
from generator.render.renderer import _PAGES_PER_CHUNK, SiteRenderer
from tests.support.synthetic import write_synthetic_sources


def test_parallel_pages_equal_sequential(tmp_path):
    files = write_synthetic_sources(tmp_path, 300, seed=5).files
    repertoire = read_sources(files, jobs=1)
    one = SiteRenderer(link(repertoire), jobs=1).pages()
    assert len(one) > 2 * _PAGES_PER_CHUNK  # so that two workers really share the work
    many = SiteRenderer(link(repertoire), jobs=2).pages()
    assert many == one
    assert any("What links here" in text for text in many.values())
