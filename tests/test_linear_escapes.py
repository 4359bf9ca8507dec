"""generator.site.linear_escapes: the same HTML as Python-Markdown alone, without a pass per escape."""
from __future__ import annotations

import random

import markdown
import pytest

from generator.link.markdown import escape, link
from generator.site.linear_escapes import LinearEscapesExtension

# The extensions mkdocs.yml enables, in its order.
EXTENSIONS = ["tables", "attr_list", "footnotes", "generator.site.footnote_numbers", "toc"]


def _converter(linear: bool) -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS + ([LinearEscapesExtension()] if linear else []))


def _html(text: str, linear: bool) -> str:
    return _converter(linear).convert(text)


HAND_WRITTEN = [
    r"`a\*b` and \*c\* and `` x\`y ``",
    r"\` not code \` but \*emphasis\*",
    "\\\\`code after an escaped backslash`",
    r'[a\.b](<u\_x> "t&quot;q") and ![alt\.](<p.png> "&amp;")',
    r"AT&amp;T &lt;b&gt; &#46; &#x2e; &copy; & alone &\#46;",
    "<https://un.org/a&amp;b> and <someone@un.org> and &amp;",
    '<span title="a&amp;b">x\\.y &amp;</span> after',
    "text[^1] \\. &amp;\n\n[^1]: note \\* &amp; \\. `co\\de`",
    "| a \\| b | c &amp; |\n|---|---|\n| \\- x | y\\. |",
    "## Title \\. &amp; {#id}\n\nBody *a\\*b* _a\\_b_ **x\\*\\*y**",
    r"\q \1 \\ \[not a link\](x)",
    "[x][ref] and [ref]\n\n[ref]: <https://un.org/\\_> \"T&amp;\"",
    "1\\. not a list\n\n\\- not an item\n\n\\# not a heading\n\n\\> not a quote",
    "line one  \nline two \\. &amp;",
    "*emphasis &amp; \\. across*  `code &amp;` &amp;",
    # Where an entity must be left to the inline patterns: an automatic mail link spells its
    # text letter by letter, references and footnote references look their text up.
    "<a&amp;b@x.org> and &amp;",
    "](<a&amp;b@x.org>) &amp; not a link, but a mail link",
    "[x](<https://un.org/a&amp;b> \"t&amp;\") then <a&amp;b@x.org> &amp;",
    "[AT&amp;T] and [x][AT&amp;T] &amp;\n\n[at&amp;t]: https://un.org",
    "x[^a&amp;b] &amp;\n\n[^a&amp;b]: note &amp;",
    '<span title="&amp;">x &amp;</span> <!-- a > &amp; --> &amp;',
]


@pytest.mark.parametrize("text", HAND_WRITTEN)
def test_hand_written_markdown_comes_out_the_same(text):
    assert _html(text, True) == _html(text, False)


# Every character Python-Markdown gives a meaning, and some that are only text.
_ALPHABET = (list("`*_[]{}()!#+|.-\\&<>;:\"' \n") + ["&amp;", "&lt;", "&#46;", "a", "b", "1", "x@y", "http://",
                                                  "](", "](<u>", "[^1]", "[a]", "\n\n[a]: <http://u>\n\n", "<!--"])


@pytest.mark.parametrize("seed", range(300))
def test_random_markdown_comes_out_the_same(seed):
    choose = random.Random(seed)
    text = "".join(choose.choice(_ALPHABET) for _ in range(choose.randint(1, 80)))
    assert _html(text, True) == _html(text, False), repr(text)


@pytest.mark.parametrize("seed", range(200))
def test_escaped_source_text_in_page_shapes_comes_out_the_same(seed):
    choose = random.Random(1000 + seed)
    words = ["".join(choose.choice(_ALPHABET) for _ in range(choose.randint(1, 12))) for _ in range(6)]
    label, cell, note, title = (escape(word) for word in words[:4])
    page = (f"# {label}\n\n{escape(words[4])} {link(label, 'https://un.org/' + words[5], title=words[5])}"
            f"[^834]\n\n| {cell} | {label} |\n|---|---|\n| {note} | {cell} |\n\n[^834]: {note}\n")
    assert _html(page, True) == _html(page, False), repr(page)


def test_the_generated_pages_come_out_the_same(built):
    pages = sorted((built / "content").rglob("*.md"))
    assert len(pages) > 40  # the bundled text source: about 50 pages of every kind
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert _html(text, True) == _html(text, False), page


@pytest.mark.parametrize("unit", ["a.", "a-", "a(", "a*", "a&", "a<", "a&amp;"])
@pytest.mark.parametrize("linked", [False, True])
def test_escaped_text_leaves_the_inline_patterns_nothing_to_match_one_by_one(unit, linked):
    # What made a long escaped token quadratic: each escape or entity was one inline match, and
    # each match rebuilt the paragraph. Counted, not timed. A page's paragraph holds links.
    text = escape(unit * 10_000)
    if linked:
        text = link(escape("S/RES/2378 (2017)"), "https://undocs.org/S/RES/2378(2017)", title="A & B") + f" {text} "
    converter = _converter(True)
    html = converter.convert(text)
    assert len(converter.treeprocessors["inline"].stashed_nodes) == linked  # the link itself
    assert html == _html(text, False)
    plain = _converter(False)
    plain.convert(text)
    assert len(plain.treeprocessors["inline"].stashed_nodes) + len(plain.htmlStash.rawHtmlBlocks) >= 10_000


def test_mkdocs_yml_enables_it():
    from generator.site.config import read_config
    from tests.support.paths import ROOT

    extensions = read_config(ROOT / "mkdocs.yml")["markdown_extensions"]
    names = [next(iter(item)) if isinstance(item, dict) else item for item in extensions]
    assert "generator.site.linear_escapes" in names


@pytest.mark.parametrize("title, url", [("Report\n\nof the Secretary-General", "https://undocs.org/S/2023/646"),
                                        ("A & B", "https://un.org/a\n\nb\r\tc d")])
def test_a_link_with_line_breaks_in_its_title_or_address_stays_one_link(title, url):
    # A blank line in a title ended the paragraph inside the link: the page showed the raw
    # Markdown and a stash placeholder ("wzxhzdk:7") as an attribute.
    html = _html(f"Text {link(escape('S/2023/646'), url, title=title)} more.", True)
    assert html.count("<a ") == 1 and "wzxhzdk" not in html and "](" not in html
    assert html.startswith("<p>") and html.count("<p>") == 1
