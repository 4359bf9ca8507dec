"""Each reading rule of the PDF reader on a small PDF made for it (LaTeX, pikepdf edits).

One test per class of layout the reader must cope with (issue 11): headings at
or near body size, bold faces named in many ways or only in the font
descriptor, words positioned without space glyphs, ligatures, line-end and
page-end hyphens, words broken without a hyphen in table cells, contents pages,
alternating running heads, a table whose title ends a page, and columns told
apart by content. The PDFs are printed by the tests (cached by content hash).
"""
from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

from generator.assemble.sources import read_sources
from generator.model.errors import RepertoireError
from generator.model import HYPHEN_GUESSED
from generator.parse.pdf.reader import load_pages, parse_pdf
from tests.layouts.small import latex_pdf

ROOT = Path(__file__).resolve().parents[1]

HEADING = "24. United Nations peacekeeping operations"
SAMPLE_PARAGRAPHS = [  # the bundled section's narrative (TeX-escaped: it has no special characters but %)
    p.replace("%", r"\%") for p in (
        " ".join(block.split()) for block in
        (ROOT / "sources" / "peacekeeping-2023.txt").read_text(encoding="utf-8").split("\n\n")[3:40])
    if len(p) > 400 and p[0].isupper() and not re.search(r"[⁰-⁹¹²³\[<'\"]", p)][:8]  # TeX curls quotes
FILLER = ("In their discussion following the briefers, Council members widely recognized the importance of "
          "protection of civilian mandates in United Nations peacekeeping operations, along with the primary "
          "responsibility of States in that regard.")


pytestmark = pytest.mark.usefixtures("private_parse_cache")


def heading(size: float, bold: bool = True, text: str = HEADING) -> str:
    weight = r"\bfseries" if bold else ""
    return rf"{{\fontsize{{{size}}}{{{size * 1.2:.1f}}}\selectfont{weight}\noindent {text}\par}}\medskip" + "\n"


def one_section(pdf) -> object:
    sections = parse_pdf(pdf, cache=False)
    assert [s.number for s in sections] == ["24"]
    return sections[0]


# --------------------------------------------------------------------------- 1. headings at body size


@pytest.mark.parametrize("ratio", [1.0, 1.02, 1.045, 1.1, 1.3])
def test_bold_heading_at_or_a_little_above_body_size(ratio):
    pdf = latex_pdf(heading(10 * ratio) + FILLER + r"\footnote{See S/PV.9389.}", f"heading-{ratio}")
    section = one_section(pdf)
    assert section.title == "United Nations peacekeeping operations"
    assert [p.text for p in section.paragraphs] == [FILLER]
    assert [f.text for f in section.footnotes] == ["See S/PV.9389."]


@pytest.mark.parametrize("ratio", [1.1, 1.3])
def test_plain_heading_larger_than_body(ratio):
    section = one_section(latex_pdf(heading(10 * ratio, bold=False) + FILLER, f"plain-heading-{ratio}"))
    assert section.title == "United Nations peacekeeping operations"


# --------------------------------------------------------------------------- 2. bold faces


def renamed_bold(tmp_path, name: str, descriptor: dict) -> "Path":
    """The body-size bold heading PDF with its bold font renamed, and its descriptor edited."""
    import pikepdf

    source = latex_pdf(heading(10) + FILLER, "bold-by-name")
    target = tmp_path / f"{re.sub(r'[^A-Za-z0-9]', '_', name)}.pdf"
    with pikepdf.open(source) as pdf:
        for page in pdf.pages:
            for _, font in page.Resources.Font.items():
                if "Medi" in str(font.BaseFont):
                    font.BaseFont = pikepdf.Name("/" + name)
                    font.FontDescriptor.FontName = pikepdf.Name("/" + name)
                    for key, value in descriptor.items():
                        font.FontDescriptor[key] = value
        pdf.save(target)
    return target


@pytest.mark.parametrize("name", ["ABCDEF+NimbusRomNo9L-Medi", "Minion-Semibold", "Frutiger-SemiBd",
                                  "Futura-Demi", "Helvetica-Heavy", "Univers-Black", "KozMinPr6N-W6",
                                  "Arial-BoldMT", "Optima-ExtraBold"])
def test_bold_named_by_any_weight_word(tmp_path, name):
    assert one_section(renamed_bold(tmp_path, name, {})).title == "United Nations peacekeeping operations"


@pytest.mark.parametrize("descriptor", [{"/FontWeight": 700}, {"/Flags": 4 | (1 << 18)}, {"/StemV": 140}],
                         ids=["FontWeight", "ForceBold", "StemV"])
def test_bold_known_only_from_the_font_descriptor(tmp_path, descriptor):
    plain = {"/StemV": 80, "/Flags": 4}
    pdf = renamed_bold(tmp_path, "XYZABC+Garamond", {**plain, **descriptor})
    assert one_section(pdf).title == "United Nations peacekeeping operations"


def test_a_face_named_bold_but_described_as_regular_is_not_bold(tmp_path):
    """The descriptor's FontWeight outranks the name: then no heading is found at body size."""
    pdf = renamed_bold(tmp_path, "Foo-Bold", {"/FontWeight": 400})
    with pytest.raises(RepertoireError, match="no numbered section heading"):
        parse_pdf(pdf, cache=False)


# --------------------------------------------------------------------------- 3. and 4. words and ligatures


def test_words_positioned_without_space_glyphs_and_letter_spaced():
    text = ("The United Nations peacekeeping operations were briefed on the protection of civilians. " * 3).strip()
    body = heading(12) + text + "\n\n" + r"\textls[150]{" + text + "}" + "\n\n" + text
    pdf = latex_pdf(body, "no-spaces", font="mathptmx}\\usepackage[letterspace=150]{microtype")
    with pdfplumber.open(pdf) as document:
        assert not any(c["text"] == " " for c in document.pages[0].chars)  # TeX prints no spaces
    section = one_section(pdf)
    assert [p.text for p in section.paragraphs] == [text, text, text]


def test_ligature_glyphs_read_as_written():
    text = "The fifteen officials affirmed the efficient and effective official flow of traffic."
    pdf = latex_pdf(heading(12) + text, "ligatures")
    with pdfplumber.open(pdf) as document:
        glyphs = [c["text"] for c in document.pages[0].chars]
    assert {"fi", "fl"} <= set(glyphs) or {"\ufb01", "\ufb02"} <= set(glyphs)  # one glyph for two letters
    assert [p.text for p in one_section(pdf).paragraphs] == [text]


def test_accents_printed_over_their_letter_are_one_character():
    """T1 Times has no "ć": TeX prints "c" and an acute accent over it, two glyphs."""
    text = "The cases of Jovica Stanišić and Franko Simatović were heard; Türkiye and Côte d’Ivoire spoke."
    pdf = latex_pdf(heading(12) + text, "accents")
    with pdfplumber.open(pdf) as document:
        assert "\u00b4" in {c["text"] for c in document.pages[0].chars}  # the accent, a glyph of its own
    assert [p.text for p in one_section(pdf).paragraphs] == [text]


def test_compatibility_characters_become_plain_text():
    from generator.parse.pdf.layout import COMPATIBILITY

    assert "".join(COMPATIBILITY.get(c, c) for c in "\ufb01nal e\ufb00ort\u00a0of \ufb02ow") == "final effort of flow"


# --------------------------------------------------------------------------- 5. and 6. broken words


def test_line_end_hyphens_joined_or_kept_by_the_document_and_the_word():
    lines = [  # a narrow column, broken by hand where a word processor or TeX would break it
        r"The Council discussed the po-\newline litical aspects with the Under-\newline Secretary-General,",
        r"the Police Com-\newline missioners and the Co-\newline Chairs. The draft was adopted by 15-0-\newline 0.",
        r"The peace-\newline keeping operations, which peace-keeping doctrine guides, were discussed.",
    ]
    text = ("The Council discussed the political aspects with the Under-Secretary-General, the Police "
            "Commissioners and the Co-Chairs. The draft was adopted by 15-0-0. The peace-keeping operations, "
            "which peace-keeping doctrine guides, were discussed.")
    body = heading(12) + r"\begin{minipage}{70mm}\raggedright " + " ".join(lines) + r"\end{minipage}"
    section = one_section(latex_pdf(body, "hyphens"))
    assert [p.text for p in section.paragraphs] == [text]


def test_a_word_hyphenated_across_a_page_break_is_joined():
    body = (heading(12) + (FILLER + " ") * 2 + r"The Council heard the Police Com-\pagebreak\newline missioners "
            r"of two missions.\newpage Police Commissioners spoke again.")
    pdf = latex_pdf(body, "page-break-hyphen", height=120)
    assert len(load_pages(pdf)) >= 2
    text = " ".join(p.text for p in one_section(pdf).paragraphs)
    assert "Police Commissioners of two missions." in text and "Com-" not in text


def test_undecidable_line_end_hyphens_are_reported():
    """No evidence either way: "cybersecurity", "cyber" are neither printed elsewhere nor listed."""
    body = heading(12) + (r"\begin{minipage}{60mm}The Council discussed cyber-\newline security and the "
                          r"po-\newline litical matters.\end{minipage}")
    repertoire = read_sources([latex_pdf(body, "undecided-hyphen")])
    reports = [str(p) for p in repertoire.problems if p.kind == HYPHEN_GUESSED]
    assert len(reports) == 1 and "'cyber-/security'" in reports[0] and "page 1" in reports[0]
    [paragraph] = repertoire.sections[0].paragraphs
    assert paragraph.text == "The Council discussed cybersecurity and the political matters."


# --------------------------------------------------------------------------- 7. front matter


FRONT_MATTER = (r"\thispagestyle{empty}\begin{center}{\Huge\bfseries Repertoire of the Practice of the Security "
                r"Council\par}\bigskip{\Large Supplement 2023\par}\end{center}\newpage\thispagestyle{empty}"
                r"{\Large\bfseries Contents\par}\bigskip\noindent Thematic issues\dotfill 3\par"
                r"\noindent 24. United Nations peacekeeping operations\dotfill 3\par"
                r"\noindent 25. Promotion and strengthening of the rule of law\dotfill 4\par\newpage")


def test_title_page_and_contents_become_nothing():
    body = FRONT_MATTER + heading(12, text="Thematic issues") + heading(11) + FILLER + r"\footnote{See S/PV.9389.}"
    section = one_section(latex_pdf(body, "contents"))
    assert section.group == "Thematic issues"
    assert [p.text for p in section.paragraphs] == [FILLER] and len(section.footnotes) == 1


# --------------------------------------------------------------------------- 8. running heads


def test_alternating_running_heads_with_the_page_number_outside():
    """Recto and verso heads differ, the page number on the outer edge, a long part title in the
    footer, after a title page and contents without running heads."""
    frame = (r"\fancyhf{}\fancyhead[LE,RO]{\small\thepage}"
             r"\fancyhead[RO]{\small Repertoire of the Practice of the Security Council, 2023\quad\thepage}"
             r"\fancyhead[LE]{\small\thepage\quad Part I. Consideration of questions under the responsibility "
             r"of the Security Council for the maintenance of international peace and security}"
             r"\fancyfoot[C]{\footnotesize Part I. Consideration of questions under the responsibility of the "
             r"Security Council for the maintenance of international peace and security}")
    body = FRONT_MATTER + frame + heading(12) + "\n\n".join(SAMPLE_PARAGRAPHS * 5)
    pdf = latex_pdf(body, "two-sided", height=160, font="mathptmx}\\setlength{\\headheight}{24pt")
    assert len(load_pages(pdf)) >= 4
    section = one_section(pdf)
    assert (section.supplement, section.part) == (2023, "I")
    assert [p.text for p in section.paragraphs] == SAMPLE_PARAGRAPHS * 5
    assert not [p for p in section.paragraphs if "Repertoire" in p.text or "Part I" in p.text]


# --------------------------------------------------------------------------- 6., 9. and 10. tables

LABELS = ["Meeting and date", "Sub-item", "Other documents", "Rule 37 invitations",
          "Rule 39 and other invitations", "Speakers", "Decisions and vote (for-against-abstaining)"]
TITLE = "Meetings: United Nations peacekeeping operations, 2023"


def table(rows: list[list[str]], rules: bool) -> str:
    """A meetings table (longtable, header repeated on every page); cells are LaTeX."""
    line = r"\hline" if rules else ""
    spec = "|".join(["p{17mm}"] * 7) if rules else "p{17mm}" * 7
    head = " & ".join(rf"\itshape {label}" for label in LABELS)
    body = "".join(" & ".join(row) + rf"\\{line}" + "\n" for row in rows)
    return (rf"{{\footnotesize\begin{{longtable}}{{{'|' if rules else ''}{spec}{'|' if rules else ''}}}{line}"
            rf"{head}\\{line}\endhead" + "\n" + body + r"\end{longtable}}")


def meetings_of(pdf) -> list:
    repertoire = read_sources([pdf])
    assert [p for p in repertoire.problems if p.kind != HYPHEN_GUESSED] == []
    return repertoire.sections[0].meetings


@pytest.mark.parametrize("rules", [True, False], ids=["ruled", "unruled"])
def test_words_broken_without_a_hyphen_in_narrow_cells_are_rejoined(rules):
    paragraph = ("The Police Commissioners of the United Nations Multidimensional Integrated Stabilization "
                 "Mission briefed the Council.")
    row = [r"S/PV.9475\newline 14 November 2023", "", "", "",
           r"Police Commission\newline ers of the United Nations Multidimens\newline ional Integrated Mission",
           "All Council members, all invitees", ""]
    body = heading(12) + paragraph + r"\par\bigskip\noindent{\bfseries " + TITLE + r"\par}" + table([row], rules)
    [meeting] = meetings_of(latex_pdf(body, f"narrow-cells-{rules}"))
    assert meeting.rule_39 == ["Police Commissioners of the United Nations Multidimensional Integrated Mission"]
    assert meeting.speakers == ["All Council members", "all invitees"]


@pytest.mark.parametrize("rules", [True, False], ids=["ruled", "unruled"])
def test_a_table_title_at_the_foot_of_a_page_and_its_table_on_the_next(rules):
    rows = [[rf"S/PV.{9389 + n}\newline {n % 28 + 1} {('July', 'August')[n // 28]} 2023", "", "", "",
             "Under-Secretary-General for Peace Operations",
             "All Council members, invitee", ""] for n in range(40)]  # three pages of rows
    body = (heading(12) + "\n\n".join(SAMPLE_PARAGRAPHS[:2]) + r"\par\vfill\noindent{\bfseries " + TITLE
            + r"\par}\newpage" + table(rows, rules))
    pdf = latex_pdf(body, f"title-at-foot-{rules}", height=200)
    assert len(load_pages(pdf)) >= 3
    repertoire = read_sources([pdf])
    section = repertoire.sections[0]
    assert [m.symbol for m in section.meetings] == [f"S/PV.{9389 + n}" for n in range(40)]
    assert all(m.rule_39 == ["Under-Secretary-General for Peace Operations"] for m in section.meetings)
    assert all(m.speakers == ["All Council members", "invitee"] for m in section.meetings)
    assert [p.text for p in section.paragraphs] == SAMPLE_PARAGRAPHS[:2]


def test_an_unruled_table_whose_rows_fill_only_the_speakers_column():
    """Empty columns draw nothing: the names must still go under Speakers, not rule 39."""
    rows = [[rf"S/PV.{9389 + n}\newline {n + 1} July 2023", "", "", "", "",
             "All Council members, Under-Secretary-General for Peace Operations", ""] for n in range(3)]
    body = heading(12) + FILLER + r"\par\bigskip\noindent{\bfseries " + TITLE + r"\par}" + table(rows, rules=False)
    meetings = meetings_of(latex_pdf(body, "speakers-only"))
    assert [m.speakers for m in meetings] == [["All Council members", "Under-Secretary-General for Peace Operations"]] * 3
    assert all(m.rule_39 == [] and m.rule_37 == [] for m in meetings)
