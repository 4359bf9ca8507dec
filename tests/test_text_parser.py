"""The text parser on the bundled section and on small hand-made sources."""
from __future__ import annotations

import re

import pytest

from generator.assemble.sources import read_sources
from generator.model.errors import RepertoireError
from generator.parse.text import parse_text, plain_text, split_markers

from tests.support.builders import cli_build, project_folder
from tests.support.paths import SAMPLE_TXT


def test_section_identity(sample_section):
    assert sample_section.number == "24"
    assert sample_section.title == "United Nations peacekeeping operations"
    assert sample_section.group == "Thematic issues"
    assert sample_section.supplement == 2023
    assert sample_section.part == "I"


def test_counts(sample_section):
    assert len(sample_section.paragraphs) == 12
    assert [f.number for f in sample_section.footnotes] == list(range(832, 850))
    assert [m.symbol for m in sample_section.meetings] == ["S/PV.9389", "S/PV.9413", "S/PV.9475"]


@pytest.mark.parametrize("before, after", [
    ("ensured only by", "the use of arms"),
    ("early warning capabilities,", "engagement with host countries"),
    ("review of explosive", "ordnance threats"),
    ("local communities to", "ensure effective mandate"),
    ("Internal Security Force of the", "Central African Republic and its impact"),
    ("the New Agenda", "for Peace. In conclusion"),
])
def test_page_break_cuts_are_rejoined(sample_section, before, after):
    joined = f"{before} {after}"
    holders = [p for p in sample_section.paragraphs if joined in p.text]
    assert len(holders) == 1, joined


def test_markers_removed_and_kept_at_their_place(sample_section):
    first = sample_section.paragraphs[0]
    assert not re.search("[⁰¹²³⁴⁵⁶⁷⁸⁹]", " ".join(p.text for p in sample_section.paragraphs))
    assert first.footnotes == [832, 833]
    assert first.text[: first.refs[0].offset].endswith("all of which took the form of briefings.")
    assert first.text[: first.refs[1].offset].endswith("is provided in the table below.")


def test_markdown_layer_is_read_not_copied(sample_section):
    second = sample_section.paragraphs[1]
    assert "pursuant to resolution 2378 (2017) on 7 September." in second.text
    assert "](#)" not in second.text and "\\(" not in second.text
    assert sample_section.footnote(833).text == "See A/78/2, part II, chap. 4."


def test_meeting_fields(sample_section):
    first, second, third = sample_section.meetings
    assert (first.date, second.date, third.date) == ("2023-07-28", "2023-09-07", "2023-11-14")
    assert first.sub_item is None and second.sub_item is None
    assert third.sub_item == "Police Commissioners"
    assert first.rule_39[0] == "Under-Secretary-General for Peace Operations"
    assert len(first.rule_39) == 4
    assert first.rule_39[-1] == "Head of Mission and Force Commander of the United Nations Interim Force in Lebanon"
    assert second.rule_39 == ["Under-Secretary-General for Peace Operations"]
    assert len(third.rule_39) == 5
    assert "United Nations Police Adviser, Department of Peace Operations" in third.rule_39
    assert third.rule_39[-1] == "Executive Director, Security Council Report"
    assert first.speakers == ["All Council members", "all invitees"]
    assert second.speakers == ["All Council members", "invitee"]
    for meeting in (first, second, third):
        assert meeting.rule_37 == [] and meeting.other_documents == [] and meeting.decisions == []


@pytest.mark.parametrize("numbers, target", [
    ((834, 835, 836, 837), "S/PV.9389"),
    ((838, 841, 842, 843, 844), "S/PV.9413"),
    ((845, 846, 847, 849), "S/PV.9475"),
])
def test_ibid_chains(sample_section, numbers, target):
    for number in numbers:
        assert sample_section.footnote(number).citations == [target], number


def test_footnote_countries_and_documents(sample_section):
    assert sample_section.footnote(835).ibid
    assert sample_section.footnote(835).countries == [
        "Ghana", "Switzerland", "Gabon", "Albania", "Japan", "United Arab Emirates", "Brazil"]
    assert sample_section.footnote(841).countries == ["Ghana", "Japan", "China"]
    assert sample_section.footnote(832).citations == []
    assert sample_section.footnote(833).citations == ["A/78/2"]
    assert sample_section.footnote(848).citations == ["S/2018/1183"]
    assert sample_section.footnote(848).countries == []


def test_paragraph_to_meeting(sample_section):
    owners = [p.meeting for p in sample_section.paragraphs]
    assert owners == [None, None] + ["S/PV.9389"] * 3 + ["S/PV.9413"] * 2 + ["S/PV.9475"] * 5


def write(tmp_path, text, name="section.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


TWO_SECTIONS = """Africa

1. The situation in Somalia

The Council met once.¹ It adopted a resolution.

¹ See S/PV.9001.

Middle East

2. The situation in the Middle East

The Council met twice.² It heard briefings.³

² See S/PV.9002.

³ Ibid.
"""


def test_many_sections_under_groups(tmp_path):
    repertoire = read_sources([write(tmp_path, TWO_SECTIONS)])
    assert [(s.group, s.number, s.title) for s in repertoire.sections] == [
        ("Africa", "1", "The situation in Somalia"), ("Middle East", "2", "The situation in the Middle East")]
    assert repertoire.sections[1].footnote(3).citations == ["S/PV.9002"]
    assert repertoire.problems == []


def test_marker_without_footnote_and_footnote_without_marker_are_reported(tmp_path):
    source = "Thematic issues\n\n5. Item\n\nOne.¹ Two.³\n\n¹ See S/PV.1.\n\n² See S/PV.2.\n"  # no gap: 1, 2, 3
    problems = read_sources([write(tmp_path, source)]).problems
    messages = [str(p) for p in problems]
    assert {p.kind for p in problems} == {"marker-without-footnote", "footnote-without-marker"}
    assert any("marker 3 has no footnote" in m and "line 5" in m for m in messages), messages
    assert any("footnote 2 has no marker" in m and "line 9" in m for m in messages), messages


def test_unresolvable_ibid_is_reported_not_guessed(tmp_path):
    source = "Asia\n\n3. Item\n\nA.¹ B.² C.³\n\n¹ See S/PV.10 and S/PV.11.\n\n² Ibid.\n\n³ Ibid., (Japan).\n"
    repertoire = read_sources([write(tmp_path, source)])
    section = repertoire.sections[0]
    assert section.footnote(2).citations == [] and section.footnote(3).citations == []
    reported = [str(p) for p in repertoire.problems]
    assert any("footnote 2" in m and "2 documents" in m for m in reported), reported
    assert any("footnote 3" in m for m in reported), reported


def test_not_a_repertoire_section(tmp_path):
    with pytest.raises(RepertoireError) as error:
        parse_text(write(tmp_path, "Just some words.\n\nAnd more words.\n"))
    assert "section.txt" in str(error.value) and "\n" not in str(error.value)


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(b"\xff\xfe\x00\x01garbage")
    with pytest.raises(RepertoireError) as error:
        parse_text(path)
    assert "binary.txt" in str(error.value)


def test_plain_text_keeps_unknown_html_as_text():
    assert plain_text("a <i>b</i> <script>x</script> [S/1](#)") == "a b <script>x</script> S/1"


def test_split_markers_offsets():
    text, refs = split_markers("One.¹² Two.³")
    assert text == "One. Two."
    assert [(r.number, r.offset) for r in refs] == [(12, 4), (3, 9)]


def test_every_sample_word_is_in_the_model(sample_section):
    """Nothing lost between the source file and the model (markers and Markdown syntax aside)."""
    source = SAMPLE_TXT.read_text(encoding="utf-8")
    source = re.sub(r"\]\(#\)", "", source).replace("\\(", "(").replace("\\)", ")")
    source = re.sub(r"<[^>]+>|[\[\]⁰¹²³⁴⁵⁶⁷⁸⁹]|^-+.*$", " ", source, flags=re.M)
    model_words = set()
    for text in [p.text for p in sample_section.paragraphs] + [f.text for f in sample_section.footnotes]:
        model_words.update(re.findall(r"[\w’'-]+", text))
    table = " ".join(" ".join([m.symbol, m.sub_item or ""] + m.rule_39 + m.speakers) for m in sample_section.meetings)
    model_words.update(re.findall(r"[\w’'-]+", table))
    headings = "Thematic issues 24 United Nations peacekeeping operations Meetings 2023 July September November 28 7 14"
    model_words.update(headings.split())
    header = "Meeting and date Sub-item Other documents Rule 37 invitations Rule 39 and other invitations Speakers Decisions vote for-against-abstaining"
    model_words.update(re.findall(r"[\w’'-]+", header))
    missing = [w for w in re.findall(r"[\w’'-]+", source) if w not in model_words]
    assert missing == []


def test_short_fragment_cut_by_a_page_break_is_not_a_heading(tmp_path):
    source = ("Thematic issues\n\n5. Item\n\nOne meeting was held.¹\n\n"
              "At the meeting the Council was briefed by\n\n¹ See S/PV.1.\n\nthe Under-Secretary-General.\n")
    section = read_sources([write(tmp_path, source)]).sections[0]
    assert section.group == "Thematic issues"
    assert section.paragraphs[1].text == "At the meeting the Council was briefed by the Under-Secretary-General."


def test_lone_list_of_names_is_the_speakers_and_two_lists_are_rule_37_then_speakers(tmp_path):
    from generator.assemble.rows import label_cells
    from generator.parse.raw import TableRow

    assert label_cells(TableRow(["S/PV.1 1 May 2023", "China, France"])) == ["meeting", "speakers"]
    assert label_cells(TableRow(["S/PV.1 1 May 2023", "Ghana", "China, France"])) == [
        "meeting", "rule_37", "speakers"]
    assert label_cells(TableRow(["S/PV.1 1 May 2023", "Ghana", "Special Envoy", "All Council members"])) == [
        "meeting", "rule_37", "rule_39", "speakers"]


def test_a_cell_opening_with_all_council_members_is_the_speakers_whatever_roles_follow():
    """Issue 11, class 10: "All Council members, Under-Secretary-General ..." is the Speakers
    column, though its role words would fit rule 39 invitations."""
    from generator.assemble.rows import label_cells
    from generator.parse.raw import TableRow

    speakers = "All Council members, Under-Secretary-General for Political and Peacebuilding Affairs"
    assert label_cells(TableRow(["S/PV.9046 26 May 2022", speakers])) == ["meeting", "speakers"]
    assert label_cells(TableRow(["S/PV.9046 26 May 2022", "Special Envoy", speakers])) == [
        "meeting", "rule_39", "speakers"]
    assert label_cells(TableRow(["S/PV.9046 26 May 2022", "Ghana", "Special Envoy", speakers])) == [
        "meeting", "rule_37", "rule_39", "speakers"]


def test_parallel_reading_gives_the_same_model_in_the_same_order(tmp_path):
    from tests.support.synthetic import write_synthetic_sources

    files = write_synthetic_sources(tmp_path, 600, seed=3).files
    assert len(files) > 1
    one, many = read_sources(files, jobs=1), read_sources(files, jobs=2)
    assert one == many and len(one.meetings()) == 600


def test_error_in_a_worker_process_is_the_one_line_error(tmp_path):
    good = write(tmp_path, TWO_SECTIONS, "good.txt")
    bad = write(tmp_path, "no heading here.\n", "bad.txt")
    with pytest.raises(RepertoireError) as error:
        read_sources([good, bad], jobs=2)
    assert "bad.txt" in str(error.value) and "section heading" in str(error.value)


def test_footnote_markers_in_table_cells(tmp_path):
    source = ("Asia\n\n3. Item\n\nThe Council met once.¹\n\n¹ See S/PV.9001.\n\n² See S/2023/5.\n\n"
              "Meetings: Item, 2023\n\n<i>Meeting and date</i>\t<i>Speakers</i>\n---------------\n\n"
              "<p>S/PV.9001 3 March 2023</p>\t<p>China, France²</p>\n")
    path = write(tmp_path, source)
    repertoire = read_sources([path])
    meeting = repertoire.sections[0].meetings[0]
    assert meeting.speakers == ["China", "France"] and meeting.footnotes == [2]
    assert repertoire.problems == []
    # On the site the table's footnote is a real footnote of the section and of the meeting page.
    cli_build(project_folder(tmp_path), path)
    pages = [tmp_path / "site" / "meetings" / "S-PV-9001.html", *(tmp_path / "site").glob("sections/*-3.html")]
    assert len(pages) == 2
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert 'id="fn:2"' in html and 'href="#fn:2"' in html, page
