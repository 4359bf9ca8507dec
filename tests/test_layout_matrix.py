"""Every cell of the layout matrix reads back as the text source's model, field by field.

Three producers (LibreOffice from ODT, pdflatex, WeasyPrint) print both bundled
sections in the twelve layouts of `tests/layouts/matrix.py`, and a whole
synthetic Part I (some 40 sections, 300+ pages) in one layout each; the PDFs
are made once and cached by content hash (`tests/layouts/producers.py`). A
producer that is not installed fails its tests: `.ci/run` installs them all.
"""
from __future__ import annotations

import pytest

from generator.assemble.sources import read_sources
from tests.layouts.compare import differences
from tests.layouts.documents import bundled_sources, long_source, spec_of
from tests.layouts.matrix import LAYOUTS, LONG_LAYOUT
from tests.layouts.producers import PRODUCER_MODULES, ProducerError, make_pdfs

PRODUCERS = list(PRODUCER_MODULES)
SOURCES = bundled_sources()


pytestmark = pytest.mark.usefixtures("private_parse_cache")


@pytest.fixture(scope="module")
def texts():
    return {path.stem: (spec_of(path), read_sources([path])) for path in SOURCES}


@pytest.fixture(scope="module")
def printed(texts):
    """producer -> (document, layout) -> PDF, each producer's cells printed in one go when its
    first test asks; a producer that cannot print fails its tests with its error."""
    done: dict = {}

    def pdfs(name: str):
        if name not in done:
            try:
                done[name] = make_pdfs(name, [(spec, layout) for spec, _ in texts.values() for layout in LAYOUTS])
            except ProducerError as error:
                done[name] = error
        if isinstance(done[name], Exception):
            pytest.fail(str(done[name]))
        return done[name]

    return pdfs


def test_both_bundled_sources_are_in_the_matrix():
    assert [p.name for p in SOURCES] == ["peacekeeping-2023.txt", "repertoire-2022-part-i-extract.txt"]


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.name)
@pytest.mark.parametrize("producer", PRODUCERS)
@pytest.mark.parametrize("source", [p.stem for p in SOURCES])
def test_cell_reads_as_the_text_source(printed, texts, producer, layout, source):
    expected = texts[source][1]
    found = differences(read_sources([printed(producer)[source, layout.name]]), expected)
    assert not found, "\n".join(found)


@pytest.fixture(scope="module")
def long_document(tmp_path_factory):
    path = long_source(tmp_path_factory.mktemp("long"))
    return spec_of(path), read_sources([path])


@pytest.mark.parametrize("producer", PRODUCERS)
def test_long_part_i_reads_completely(long_document, producer):
    spec, expected = long_document
    assert len(spec.sections) >= 40
    try:
        [pdf] = make_pdfs(producer, [(spec, LONG_LAYOUT)]).values()
    except ProducerError as error:
        pytest.fail(str(error))
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        assert len(document.pages) >= 300
    found = differences(read_sources([pdf]), expected)
    assert not found, "\n".join(found)
