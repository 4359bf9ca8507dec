"""'Cite this page' (generator/render/citations.py): the four forms parse with real parsers and
say what the page is, hostile text included; the pages cite the meeting, record or section with
its full address under site_url."""
from __future__ import annotations

import html
import json
import re
import shutil
from datetime import date

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware

from generator.assemble.library import add_dhl
from generator.assemble.sources import read_sources
from generator.link.index import SiteIndex
from generator.model.vocabulary import human_date
from generator.render import citations
from generator.render.citations import AUTHOR, Citation
from generator.render.renderer import SiteRenderer
from tests.support.paths import SAMPLE_TXT

TODAY = date(2026, 12, 2)
HOSTILE = ["}{\\end", "100% _of_ #1 & ~x^2 $y$ \\textbf{bold}", "a--b---c ``q'' !` ?`", "{{ jinja }} {% raw %}",
           "line\nbreak\r\nER  - \nTY  - GEN", "<script>alert(1)</script> &amp;", "Côte d’Ivoire",
           "1111-11-11, 11 November 1111, [1111, 11, 11]",  # what `forms` cuts at, in the text
           "\U0001d11e clef ]\n}"]  # two UTF-16 code units; and the end of a form


def hostile(title: str) -> Citation:
    return Citation("S-PV-9389", title, f"Repertoire {title}, 2023 supplement", f"Part I, section 24, “{title}”",
                    "2023-07-28", "https://example.org/~r/meetings/S-PV-9389.html")


def same_text(value: str) -> str:
    """What a field holds once read back: its text on one line (line breaks end a RIS field)."""
    return " ".join(value.split())


def bibtex_entry(text: str):
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks and len(library.entries) == 1, text
    return library.entries[0]


def from_latex(value: str) -> str:
    # pylatexenc writes \textasciicircum (LaTeX's "^") as U+02C6, the modifier letter.
    return value.replace("\u02c6", "^")


@pytest.mark.parametrize("title", HOSTILE)
def test_bibtex_parses_to_the_same_text(title):
    citation = hostile(title)
    entry = bibtex_entry(citations.bibtex(citation, TODAY))
    assert entry.entry_type == "misc" and entry.key == "S-PV-9389"
    assert from_latex(entry["title"]) == same_text(title)
    assert from_latex(entry["howpublished"]) == same_text(citation.container)
    assert from_latex(entry["note"]) == same_text(citation.where)
    assert entry["author"] == AUTHOR and entry["year"] == "2023" and entry["urldate"] == "2026-12-02"
    raw = bibtexparser.parse_string(citations.bibtex(citation, TODAY)).entries[0]  # a URL is verbatim
    assert raw["url"] == citation.url and raw["author"] == "{" + AUTHOR + "}"  # one corporate name


@pytest.mark.parametrize("title", HOSTILE)
def test_ris_parses_to_the_same_text(title):
    citation = hostile(title)
    text = citations.ris(citation, TODAY)
    assert text.startswith("TY  - ELEC\n") and text.endswith("ER  - \n")
    [entry] = rispy.loads(text)
    assert entry["type_of_reference"] == "ELEC" and entry["authors"] == [AUTHOR]
    assert entry["title"] == same_text(title) and entry["secondary_title"] == same_text(citation.container)
    assert entry["notes"] == [same_text(citation.where)] and entry["urls"] == [citation.url]
    assert entry["year"] == "2023" and entry["date"] == "2023/07/28/" and entry["access_date"] == "2026/12/02/"


@pytest.mark.parametrize("title", HOSTILE)
def test_csl_json_has_the_required_fields(title):
    citation = hostile(title)
    [item] = json.loads(citations.csl_json(citation, TODAY))
    assert item["type"] == "webpage" and item["id"] == "S-PV-9389" and item["title"] == same_text(title)
    assert item["author"] == [{"literal": AUTHOR}] and item["container-title"] == same_text(citation.container)
    assert item["issued"] == {"date-parts": [[2023, 7, 28]]} and item["accessed"] == {"date-parts": [[2026, 12, 2]]}
    assert item["URL"] == citation.url and item["note"] == same_text(citation.where)


@pytest.mark.parametrize("title", HOSTILE)
def test_text_names_the_page_and_the_access_date(title):
    citation = hostile(title)
    text = citations.text(citation, TODAY)
    assert text.startswith(f"{AUTHOR}, “{same_text(title)}”, in {same_text(citation.container)}, ")
    assert text.endswith(f", {citation.url}, accessed 2 December 2026.")
    assert "accessed" not in citations.text(citation)  # no date is better than a wrong one


# How the browser (content/assets/javascripts/cite.js) writes the date in each style.
STYLES = {"long": lambda d: human_date(d.isoformat()), "iso": date.isoformat,
          "ris": lambda d: d.strftime("%Y/%m/%d/"), "parts": lambda d: f"[{d.year}, {d.month}, {d.day}]"}


def completed(form: citations.Form, written_date: str) -> str:
    """What cite.js makes of a form: the date put in before its last `tail` UTF-16 code units."""
    units = form.shown.encode("utf-16-le")
    cut = len(units) - 2 * form.tail
    return (units[:cut].decode("utf-16-le") + form.date_before + written_date + form.date_after
            + units[cut:].decode("utf-16-le"))


@pytest.mark.parametrize("title", HOSTILE)
def test_each_form_completed_with_a_date_is_the_form_of_that_date(title):
    citation = hostile(title)
    writers = {name: write for name, _, _, write, _ in citations.FORMS}
    forms = citations.forms(citation)
    assert [f.filename for f in forms] == ["S-PV-9389.txt", "S-PV-9389.bib", "S-PV-9389.ris", "S-PV-9389.json"]
    for form in forms:
        for day in (TODAY, date(2031, 1, 9)):
            assert completed(form, STYLES[form.date_style](day)) == writers[form.name](citation, day)
        assert form.shown == writers[form.name](citation)  # no access date without the browser
        assert "2026" not in form.shown


def test_a_bibtex_url_stays_verbatim_with_what_would_break_its_braces_encoded():
    citation = Citation("x", "x", "x", "", None, "https://example.org/a b{c}\\%zz%20")
    raw = bibtexparser.parse_string(citations.bibtex(citation)).entries[0]
    assert raw["url"] == "https://example.org/a%20b%7Bc%7D%5C%25zz%20"


def test_an_undated_section_is_cited_without_a_year():
    citation = Citation("2023-i-24", "24. Peacekeeping", "Repertoire", "", None, "sections/2023-i-24.html")
    entry = bibtex_entry(citations.bibtex(citation))
    assert "year" not in entry.fields_dict and "urldate" not in entry.fields_dict and "note" not in entry.fields_dict
    [item] = json.loads(citations.csl_json(citation))
    assert "issued" not in item and "accessed" not in item
    assert "PY  -" not in citations.ris(citation)


# The pages ------------------------------------------------------------------------------------

def cite_block(markdown: str) -> str:
    return markdown[markdown.index("## Cite this page"):markdown.index("Address of this page")]


def shown_forms(markdown: str) -> dict[str, str]:
    """Each form as the page shows it, by its summary."""
    block = cite_block(markdown)
    return {html.unescape(name): html.unescape(code)
            for name, code in re.findall(r"<summary>(.*?)</summary>\n<pre><code>(.*?)</code></pre>", block, re.S)}


@pytest.fixture(scope="module")
def pages():
    index = SiteIndex.build(read_sources([SAMPLE_TXT]), site_url="https://example.org/repertoire/")
    return index, SiteRenderer(index, jobs=1).pages()


def test_a_meeting_page_cites_the_meeting_with_its_full_address(pages):
    index, rendered = pages
    meeting = index.meeting("S/PV.9389")
    section = index.meeting_sections[meeting.symbol]
    forms = shown_forms(rendered["meetings/S-PV-9389.md"])
    url = "https://example.org/repertoire/meetings/S-PV-9389.html"
    assert forms["Text"] == (f"{AUTHOR}, “Security Council meeting S/PV.9389, {human_date(meeting.date)}”, in "
                             f"Repertoire of the Practice of the Security Council, {section.supplement} supplement, "
                             f"Part {section.part}, section {section.number}, “{section.title}”, {url}.")
    assert "footnote" not in cite_block(rendered["meetings/S-PV-9389.md"])
    entry = bibtex_entry(forms["BibTeX"])
    assert entry["url"] == url and "S/PV.9389" in entry["title"] and f"section {section.number}" in entry["note"]
    assert rispy.loads(forms["RIS"])[0]["urls"] == [url]
    assert json.loads(forms["CSL-JSON"])[0]["URL"] == url


def test_a_section_page_has_a_citation(pages):
    index, rendered = pages
    section = index.meeting_sections["S/PV.9389"]
    page = index.section_pages[section.key]
    [item] = json.loads(shown_forms(rendered[page])["CSL-JSON"])
    assert item["title"] == f"{section.number}. {section.title}"
    assert item["container-title"] == f"Repertoire of the Practice of the Security Council, {section.supplement} supplement"
    assert item["URL"] == "https://example.org/repertoire/" + page[:-3] + ".html"


def test_without_site_url_a_citation_gives_the_address_in_the_site():
    index = SiteIndex.build(read_sources([SAMPLE_TXT]))
    markdown = SiteRenderer(index, jobs=1).pages()["meetings/S-PV-9389.md"]
    assert shown_forms(markdown)["Text"].endswith(", meetings/S-PV-9389.html.")


def test_a_record_of_the_librarys_tables_has_a_citation(tmp_path, shared_data):
    tables = tmp_path / "tables"
    tables.mkdir()
    shutil.copy(shared_data / "dhl-meeting-tables" / "scact1946_table_en.html", tables)
    repertoire = read_sources([SAMPLE_TXT])
    add_dhl(repertoire, tables)
    index = SiteIndex.build(repertoire, site_url="https://example.org/r")
    markdown = SiteRenderer(index, jobs=1).pages()["meetings/S-PV-1.md"]
    meeting = index.meeting("S/PV.1")
    [entry] = rispy.loads(shown_forms(markdown)["RIS"])
    assert entry["title"] == f"Security Council meeting S/PV.1, {human_date(meeting.date)}"
    assert entry["urls"] == ["https://example.org/r/meetings/S-PV-1.html"] and "Library" in entry["notes"][0]
