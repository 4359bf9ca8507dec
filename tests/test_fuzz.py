"""Property-based tests: arbitrary input never breaks the parser, the recognizer or the resolver."""
from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.assemble.sources import read_sources
from generator.model.errors import RepertoireError
from generator.assemble.footnotes import resolve_footnotes
from generator.link.markdown import escape
from generator.model import Footnote
from generator.link.pages import meeting_address
from generator.parse.text import parsed_plain_text, plain_text
from generator.model.symbols import find_symbols, parse_symbol

# Text built from the pieces that matter to the parsers, so the search reaches deep paths quickly.
PIECES = st.sampled_from([
    "S/PV.", "S/RES/", "S/PRST/", "S/", "A/", "A/RES/", "E/", "ST/", "/Rev.", "/Add.", "/Corr.", " (", ")",
    "(Resumption ", "(Part ", "resolution ", "resolutions ", " and ", ", ", "Ibid.", "See ", "⁸³²", "¹",
    "\n\n", "\n", "\t", "<p>", "</p>", "<i>", "[", "](#)", "\\(", "24. ", "Thematic issues", "Meetings: X, 2023",
    "2023", "9389", "1", "0", " ", ".", "-", "–", "’", "<script>", "{{", "%}", "---", "\x00", "\ufeff",
])
SOURCE_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=60).map("".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(text=SOURCE_TEXT)
def test_symbol_matches_round_trip(text):
    for match in find_symbols(text):
        assert text[match.start:match.end] == match.text
        assert parse_symbol(match.symbol.canonical) == match.symbol
        assert parse_symbol(match.text) == match.symbol
        assert set(meeting_address(match.symbol.canonical)) <= set(string.ascii_letters + string.digits + "./-")
        assert " " not in match.symbol.url_form


@FAST
@given(text=st.text(max_size=40))
def test_parse_symbol_only_raises_its_own_error(text):
    try:
        symbol = parse_symbol(text)
    except RepertoireError:
        return
    assert parse_symbol(symbol.canonical) == symbol


@FAST
@given(texts=st.lists(SOURCE_TEXT, min_size=1, max_size=8))
def test_footnote_resolution_never_guesses(texts):
    footnotes = [Footnote(800 + i, text, page=i) for i, text in enumerate(texts)]
    problems = resolve_footnotes(footnotes, "fuzz.txt")
    for previous, footnote in zip([None] + footnotes, footnotes):
        if footnote.ibid and footnote.citations and not find_symbols(footnote.text):
            assert footnote.citations == previous.citations and len(previous.citations) == 1
    unresolved = [f for f in footnotes if f.ibid and not f.citations]
    assert len(problems) == len(unresolved)


@FAST
@given(text=SOURCE_TEXT)
def test_text_parser_raises_only_its_own_error(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "source.txt"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        repertoire = read_sources([path])
    except RepertoireError as error:
        assert "\n" not in str(error) and "source.txt" in str(error)
        return
    for section in repertoire.sections:
        for paragraph in section.paragraphs:
            assert all(0 <= ref.offset <= len(paragraph.text) for ref in paragraph.refs)


@FAST
@given(text=st.text(max_size=80))
def test_escaped_text_renders_as_itself(text):
    import html
    import re

    import markdown

    rendered = markdown.markdown(escape(text), extensions=["tables", "attr_list", "footnotes"])
    visible = html.unescape(re.sub(r"</?p>", "", rendered)).strip()
    printable = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    assert visible == " ".join(printable.split())
    assert "<" not in re.sub(r"</?p>", "", rendered).replace("&lt;", "")


@given(text=st.text(alphabet=st.sampled_from(list("ab S/1(). \t\n\r\x00\xa0*_`!~#-\\[]<>&;\"'")), max_size=60)
               | st.text(max_size=60))
def test_plain_text_shortcut_matches_the_markdown_parser(text):
    """Lines with no Markdown syntax skip markdown-it: they must come out as it would give them."""
    assert plain_text(text) == parsed_plain_text(text)
