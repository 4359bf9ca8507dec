"""Which of the Library's topic spellings are one agenda item, which items are one situation, which
Repertoire sections cover them: the rules on small cases, on every topic of the Library's 1946-2022
tables, and on the site built from them (issue 14, "Topics and the Library's records")."""
from __future__ import annotations

import re
from collections import Counter, defaultdict

import pytest

from generator.link.topic_names import merged_spellings, name_key
from generator.link.topic_subjects import subject
from generator.link.topics import gap_pointers, group_topics, link_sections, topic_slug
from generator.model import Meeting, Section
from tests.support.site_pages import read_page


def one_item(*spellings: str, counts: Counter | None = None) -> bool:
    counts = counts or Counter({s: 1 for s in spellings})
    keys = merged_spellings(counts)
    return len({keys[s] for s in spellings}) == 1


# Rule 1: case, spacing, dashes and punctuation -------------------------------------------------

@pytest.mark.parametrize("spellings", [
    ("United Nations peacekeeping operations", "United Nations peace-keeping operations"),
    ("Post-conflict peacebuilding", "Post-conflict peace-building", "Post-conflict peace building"),
    ("Meeting with the troop - and police - contributing countries - Mali",
     "Meeting with the troop- and police- contributing countries - Mali",
     "Meeting with the troop- and police-contributing countries — Mali"),
    ("Cooperation with regional organizations: European Union",
     "Cooperation with regional organizations - European Union"),
    ("The Palestine question", "The Palestine Question", "The Palestine question."),
    ("Guinea-Bissau", "Guinea Bissau", "GUINEA–BISSAU"),
    ("Letter (S/2016/53)*", "Letter (S/2016/53)"),
])
def test_spellings_differing_in_case_spacing_dashes_or_punctuation_are_one_item(spellings):
    assert one_item(*spellings)


def test_name_key_keeps_letters_and_digits_in_order():
    assert name_key("Côte d'Ivoire — 1353 (2001)") == "cotedivoire13532001"
    assert name_key("peace-keeping") == name_key("peacekeeping") == name_key("Peace keeping")


# Rule 2: a plain misspelling of a name the tables use more ---------------------------------------

# Words the tables write in many items (the common form must be one), as the rule counts them.
BACKGROUND = ["Report on new Members", "Letter on new Members", "Members of the Council",
              "Admission of Ceylon", "Report of the Secretary-General on admission", "Rules on admission"]


def with_background(counts: dict[str, int]) -> Counter:
    return Counter({**{name: 1 for name in BACKGROUND}, **counts})


def test_a_misspelt_word_joins_the_majority_spelling():
    counts = with_background({"Admission of new Members": 186, "Admision of new Members": 1})
    assert one_item("Admission of new Members", "Admision of new Members", counts=counts)
    keys = merged_spellings(counts)
    assert keys["Admision of new Members"] == name_key("Admission of new Members")  # not the other way


@pytest.mark.parametrize("first, second", [
    ("Admission of new Members", "Admission of a new Member"),  # two words apart: distinct items
    ("Admission of new Members", "Admission of new Member"),  # "Member" is a real word of the tables
    ("The situation in Cyprus", "The situation in Cuba"),  # two countries
    ("The situation between Iran and Iraq", "The situation between Iraq and Iraq"),
    ("Letter from the Permanent Representative of Iran", "Letter from the Permanent Representative of Iraq"),
    ("Meeting pursuant to resolution 1353", "Meeting pursuant to resolution 1354"),  # numbers
    ("Complaint by Mali", "Complaint by Bali"),  # short words
])
def test_near_misses_stay_distinct(first, second):
    # Both forms of each differing word are written elsewhere too ("Iran", "Member" ...), except
    # where the rule must hold on other grounds (digits, short words): give each a background.
    counts = with_background({first: 10, second: 1, "Report on Iran": 1, "Report on Iraq": 1,
                              "Letter on Cuba": 1, "Letter on Cyprus": 1, "Note on Member": 1,
                              "Note on a Member": 1})
    assert not one_item(first, second, counts=counts)


# Items joined with "--" ------------------------------------------------------------------------

def meeting(symbol: str, date: str, *topics: str) -> Meeting:
    return Meeting(symbol, date, topics=list(topics))


def test_a_spelling_joining_two_items_with_a_double_dash_is_a_meeting_on_both():
    meetings = [meeting("S/PV.2103", "1978-12-04", "The situation in Namibia"),
                meeting("S/PV.2104", "1978-12-05", "Admission of new Members--The situation in Namibia"),
                meeting("S/PV.2105", "1978-12-06", "Admission of new Members"),
                meeting("S/PV.2106", "1993-01-06", "The question concerning Haiti--UNMIHAT")]
    topics, spelled = group_topics(meetings)
    assert len(spelled["Admission of new Members--The situation in Namibia"]) == 2
    namibia = topics["the-situation-in-namibia"]
    admission = topics["admission-of-new-members"]
    assert [m.symbol for m in namibia.meetings] == ["S/PV.2103", "S/PV.2104"]
    assert [m.symbol for m in admission.meetings] == ["S/PV.2104", "S/PV.2105"]
    assert namibia.title == "The situation in Namibia" and admission.title == "Admission of new Members"
    # A sub-item after "--" that is no item of its own keeps its page.
    assert spelled["The question concerning Haiti--UNMIHAT"] == ["the-question-concerning-haiti-unmihat"]


# Related items: one State under several names ----------------------------------------------------

def test_subject_is_the_state_left_after_a_generic_frame():
    for name in ("Complaint by the Government of Cyprus", "The situation in Cyprus", "Cyprus",
                 "The question concerning Cyprus"):
        assert subject(name) == "CYP", name
    assert subject("The situation in Cuba") == "CUB"
    assert subject("Complaint by Cuba (Letter of 11 July 1960)") == "CUB"
    assert subject("The situation concerning the Democratic Republic of the Congo") == "COD"
    assert subject("The situation in the Middle East") is None  # a region, not a State
    assert subject("Threats to international peace and security") is None


def cyprus_meetings() -> list[Meeting]:
    found = []
    for year in (1963, 1971):
        found.append(meeting(f"S/PV.{year}", f"{year}-03-01", "Complaint by the Government of Cyprus"))
    for year in (1972, 1993, 2015, 2022):
        found.append(meeting(f"S/PV.{year}a", f"{year}-06-01", "The situation in Cyprus"))
    for year in (1994, 2015):
        found.append(meeting(f"S/PV.{year}b", f"{year}-09-01", "Cyprus"))
    found.append(meeting("S/PV.1", "1994-10-01", "The situation in Cuba"))
    return sorted(found, key=lambda m: m.date)


def test_items_on_one_state_are_related_and_a_gap_points_to_where_its_years_are():
    topics, _ = group_topics(cyprus_meetings())
    situation, complaint, short = (topics[s] for s in ("the-situation-in-cyprus",
                                                       "complaint-by-the-government-of-cyprus", "cyprus"))
    assert [t.title for t in situation.related] == ["Complaint by the Government of Cyprus", "Cyprus"]
    assert situation in short.related and situation in complaint.related
    assert not topics["the-situation-in-cuba"].related
    pointers = gap_pointers(situation)
    assert list(pointers) == [1993]  # 1972 -> 1993 has no related meeting between; 2015 -> 2022 neither
    assert [(p.first, p.last, p.topic.title) for p in pointers[1993]] == [(1994, 2015, "Cyprus")]


def test_a_section_covers_the_item_its_title_names():
    topics, _ = group_topics([meeting("S/PV.3", "1994-05-03", "United Nations peace-keeping operations"),
                              meeting("S/PV.4", "1994-05-04", "United Nations peacekeeping operations"),
                              meeting("S/PV.6", "1994-05-06", "United Nations peacekeeping operations"),
                              meeting("S/PV.5", "1994-05-05", "Peacekeeping operations")])
    section = Section("24", "United Nations peacekeeping operations", supplement=2023, part="I")
    other = Section("25", "Peace and security in Africa", supplement=2023, part="I")
    covered = link_sections(topics, [section, other])
    assert covered == {section.key: [topics["united-nations-peacekeeping-operations"]]}
    assert topics["united-nations-peacekeeping-operations"].sections == [section]
    assert not topics["peacekeeping-operations"].sections


# Every topic of the Library's tables ----------------------------------------------------------

# Groups the issue quotes as left unmerged by the old rule (one spelling of each, or all of them).
QUOTED = [
    ["United Nations peacekeeping operations", "United Nations peace-keeping operations"],
    ["Post-conflict peacebuilding", "Post-conflict peace-building", "Post-conflict peace building"],
    ["Meeting of the Security Council with the troop - and police - contributing countries pursuant to "
     "resolution 1353 (2001), annex II, sections A and B - Lebanon",
     "Meeting of the Security Council with the troop- and police- contributing countries pursuant to "
     "resolution 1353 (2001), annex II, sections A and B - Lebanon",
     "Meeting of the Security Council with the troop- and police-contributing countries pursuant to "
     "resolution 1353 (2001), annex II, sections A and B - Lebanon"],
    ["Admission of new Members", "Admision of new Members", "Admission of new members",
     "Admission of new Members--The situation in Namibia"],
    ["The situation in Namibia", "Admission of new Members--The situation in Namibia"],
    ["The situation in the former Yugoslavia", "The siuation in the former Yugoslavia"],
]
DISTINCT = [
    ("Admission of new Members", "Admission of new Members to the United Nations"),
    ("Admission of new Members", "Admission of new Members — Palau"),
    ("The situation in Cyprus", "Cyprus"),  # related, not one item
    ("The situation in Cyprus", "Complaint by the Government of Cyprus"),
    ("Complaint by Cuba", "Complaint by the Government of Cyprus"),
    ("United Nations peacekeeping operations", "Peacekeeping operations"),
    ("The situation in Libya", "The situation in Liberia"),
    ("Guinea", "Guinea-Bissau"),
    ("The situation in Mali", "The situation in Somalia"),
    ("The situation between Iran and Iraq", "The situation between Iraq and Kuwait"),
    ("Security Council mission — Haiti", "Security Council mission — Democratic Republic of the Congo"),
]


@pytest.fixture(scope="module")
def library_topics(shared_data):
    from generator.link.timeline import Timeline
    from generator.parse.dhl.tables import read_dhl_tables

    meetings = [m for table in read_dhl_tables(shared_data / "dhl-meeting-tables", jobs=2) for m in table.meetings]
    ordered = Timeline.build(meetings).meetings
    topics, spelled = group_topics(ordered)
    return ordered, topics, spelled


def test_the_rule_on_every_topic_of_the_librarys_tables(library_topics):
    meetings, topics, spelled = library_topics
    spellings = Counter(s for m in meetings for s in m.topics)
    old = {topic_slug(s) for s in spellings}  # the old rule: one page per address of a spelling
    groups = defaultdict(set)
    for spelling, slugs in spelled.items():
        for slug in slugs:
            groups[slug].add(spelling)
    merged = {slug: sorted(names) for slug, names in groups.items() if len(names) > 1}
    print(f"\n{len(spellings)} spellings: {len(old)} items by the old rule, {len(topics)} now; "
          f"{len(merged)} items have several spellings:")
    for slug, names in sorted(merged.items()):
        print(f"  {slug}: {names}")
    for group in QUOTED:
        assert all(name in spellings for name in group), group  # the tables print each
        assert len(set.intersection(*(set(spelled[name]) for name in group))) == 1, group
    for first, second in DISTINCT:
        assert first in spellings and second in spellings, (first, second)
        assert not set(spelled[first]) & set(spelled[second]), (first, second)
    assert len(topics) < len(old)
    # Every merge joins names the rule explains: one letter-and-digit key, or one misspelt word.
    for names in merged.values():
        assert len({name_key(n) for n in names if "--" not in n}) <= 2, names


def test_related_items_of_the_librarys_tables(library_topics):
    _, topics, _ = library_topics
    cyprus = topics["the-situation-in-cyprus"]
    assert {t.slug for t in cyprus.related} == {"complaint-by-the-government-of-cyprus", "cyprus"}
    assert [(p.first, p.last, p.topic.slug) for p in gap_pointers(cyprus)[1993]] == [(1994, 2015, "cyprus")]
    for topic in topics.values():  # related is symmetric, and never names the topic itself
        assert topic not in topic.related
        assert all(topic in other.related for other in topic.related), topic.slug


# The site of the Library's tables ------------------------------------------------------------

def text_of(path) -> str:
    return re.sub(r"\s+", " ", "".join(read_page(path).text))


def test_site_topic_pages_are_merged_related_and_linked_to_the_repertoire(library_site):
    topics = library_site / "site" / "topics"
    assert not (topics / "united-nations-peace-keeping-operations.html").exists()
    assert not (topics / "admision-of-new-members.html").exists()
    cyprus = read_page(topics / "the-situation-in-cyprus.html")
    text = text_of(topics / "the-situation-in-cyprus.html")
    assert "Also under: Complaint by the Government of Cyprus (1963–1971); Cyprus (1994–2015)." in text
    assert "1994–2015: see Cyprus." in text
    assert "cyprus.html" in cyprus.links and "complaint-by-the-government-of-cyprus.html" in cyprus.links
    assert "the-situation-in-cyprus.html" in read_page(topics / "cyprus.html").links
    peacekeeping = read_page(topics / "united-nations-peacekeeping-operations.html")
    text = text_of(topics / "united-nations-peacekeeping-operations.html")
    assert "Also written: “United Nations peace-keeping operations”" in text
    assert "Section 24: United Nations peacekeeping operations, 2023 supplement, Part I" in text
    assert "S/PV.9389 (28 July 2023)" in text
    assert "../sections/2023-i-24.html" in peacekeeping.links and "../meetings/S-PV-9389.html" in peacekeeping.links
    section = library_site / "site" / "sections" / "2023-i-24.html"
    assert "The Library lists this item as: United Nations peacekeeping operations." in text_of(section)
    assert "../topics/united-nations-peacekeeping-operations.html" in read_page(section).links


def test_site_meeting_on_two_joined_items_links_both(library_site):
    page = read_page(library_site / "site" / "meetings" / "S-PV-2104.html")
    assert "../topics/admission-of-new-members.html" in page.links
    assert "../topics/the-situation-in-namibia.html" in page.links
