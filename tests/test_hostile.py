"""A hostile source builds into a site where every hostile string is literal text."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.support.builders import cli_build, project_folder

HOSTILE = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "<a href=\"javascript:alert(2)\">y</a>",
    "<!-- hidden comment -->",
    "![image](http://evil.example/x.png)",
    "{{ config.site_name }}",
    "{% include 'x' %}",
    "*emphasis* and __strong__ and `code`",
    "[^999]",
    "<style>body{display:none}</style>",
]

SOURCE = """<b>Group</b>

31. Title <script>alert('title')</script> {{ x }}

{body}

A second paragraph naming S/PV.9001 and <iframe src="https://evil.example"></iframe>.¹

¹ See S/PV.9001, (Ghana and <svg onload=alert(3)>).

Meetings: Title, 2023

<i>Meeting and date</i>\t<i>Speakers</i>
-----------------------

<p>S/PV.9001 3 March 2023</p>\t<p>All Council members <script>alert(4)</script></p>
"""


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.bad: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self._in_script = True
            self.scripts.append(attrs.get("src") or "")
        if tag in ("iframe", "img", "svg", "object", "embed"):
            self.bad.append(tag)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.bad.append(f"{tag}[{name}]")
            if name in ("href", "src") and value and value.strip().lower().startswith("javascript:"):
                self.bad.append(f"{tag}[{name}={value}]")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)

    def handle_comment(self, data):
        self.bad.append(f"comment {data!r}")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    work = project_folder(tmp_path_factory.mktemp("hostile"))
    body = "The Council met. " + " ".join(f"Item {i}: {s}." for i, s in enumerate(HOSTILE))
    source = work / "hostile.txt"
    source.write_text(SOURCE.replace("{body}", body), encoding="utf-8")
    cli_build(work, source)
    return work / "site"


def _parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


def test_no_executable_or_new_elements_from_the_source(hostile_site):
    for path in sorted(hostile_site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        page = _parse(html)
        assert not any("alert" in script for script in page.scripts), path
        # The theme draws its own icons; the source's text lives in the article.
        article = re.search(r'<article class="md-content__inner.*?</article>', html, re.S)
        if article:
            assert _parse(article.group(0)).bad == [], path
        header = re.search(r"<header.*?</header>", html, re.S).group(0)
        assert "<script>alert" not in header and "<svg onload" not in header, path


def test_hostile_strings_render_as_literal_text(hostile_site):
    section = next(hostile_site.glob("sections/*-31.html"))
    parser = _Elements()
    parser.feed(section.read_text(encoding="utf-8"))
    text = re.sub(r"\s+", " ", "".join(parser.text))
    for hostile in HOSTILE:
        assert hostile in text, hostile
    assert "Title <script>alert('title')</script> {{ x }}" in text
    assert "<iframe src=\"https://evil.example\"></iframe>" in text


def test_table_cell_and_footnote_are_literal(hostile_site):
    meeting = hostile_site / "meetings" / "S-PV-9001.html"
    parser = _Elements()
    parser.feed(meeting.read_text(encoding="utf-8"))
    text = "".join(parser.text)
    assert "All Council members <script>alert(4)</script>" in text
    assert "<svg onload=alert(3)>" in text
