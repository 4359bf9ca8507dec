"""Synthetic Repertoire sources, at any size, for benchmarks and round-trip tests.

Writes text sources in the format of `sources/peacekeeping-2023.txt` (see
`generator.parse.text`): group headings, "24. Title" section headings, narrative
paragraphs with superscript footnote markers, footnote blocks at each "page"
end, page breaks that cut a paragraph mid-sentence (with or without footnotes in
between), "Ibid." chains with country lists, Markdown links with escaped
parentheses, and one meetings table per section, one <p> cell per filled column.

The text is made of the sample's own sentences and vocabulary, recombined.
Everything follows from `seed`: the same call writes the same bytes. Each call
also returns the truth (what a correct parser must read back), so tests can
compare instead of guessing.

`write_synthetic_sources(folder, meetings, seed)` writes one file per supplement
year (about 250 meetings each, as in a real yearly supplement), newest year
first; `write_synthetic_source(path, meetings, seed)` writes a single file.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Optional

from generator.model import Decision, Meeting

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_MARKER = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
MEETINGS_PER_YEAR = 250
LAST_YEAR = 2023
HEADER = ("<i>Meeting and date</i>\t<i>Sub-item</i>\t<i>Other documents</i>\t<i>Rule 37 invitations</i>\t"
          "<i>Rule 39 and other invitations</i>\t<i>Speakers</i>\t<i>Decisions and vote (for-against-abstaining)</i>")
RULE = "\t".join("-" * n for n in (25, 17, 24, 28, 38, 17, 2))  # as in the sample
NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")

# Agenda items by group heading (Part I of a supplement).
GROUPS = {
    "Africa": ["The situation in Somalia", "The situation concerning the Democratic Republic of the Congo",
               "The situation in Libya", "Reports of the Secretary-General on the Sudan and South Sudan",
               "The situation in the Central African Republic", "The situation in Mali",
               "Peace and security in Africa", "The situation in the Great Lakes region",
               "The situation in West Africa and the Sahel", "The question concerning Haiti"],
    "Americas": ["The situation in Colombia", "Identical letters concerning Colombia",
                 "The situation in Venezuela", "The question of Central America"],
    "Asia": ["The situation in Afghanistan", "The situation in Myanmar", "Non-proliferation",
             "The situation concerning Iraq", "The India-Pakistan question"],
    "Europe": ["The situation in Cyprus", "The situation in Bosnia and Herzegovina",
               "Maintenance of peace and security of Ukraine", "Security Council resolutions concerning Kosovo",
               "Letter from the Permanent Representative of Ukraine"],
    "Middle East": ["The situation in the Middle East", "The situation in the Middle East, including the "
                    "Palestinian question", "The situation concerning Yemen", "The situation in Syria",
                    "The situation between Iraq and Kuwait"],
    "Thematic issues": ["United Nations peacekeeping operations", "General issues relating to sanctions",
                        "Working methods of the Security Council", "Youth and peace and security",
                        "Conflict and food security", "Promoting the rule of law", "Mine action",
                        "International Residual Mechanism for Criminal Tribunals", "Counter-terrorism",
                        "Children and armed conflict: grave violations", "Addressing hate speech", "Children and armed conflict",
                        "Women and peace and security", "Protection of civilians in armed conflict",
                        "Threats to international peace and security", "Maintenance of international peace "
                        "and security", "Non-proliferation of weapons of mass destruction",
                        "Cooperation between the United Nations and regional organizations",
                        "Peacebuilding and sustaining peace", "Small arms", "Climate and security",
                        "Briefings by Chairs of subsidiary bodies of the Security Council"],
}
# Countries without commas or "and" in their names (lists are split on both).
COUNTRIES = ["Ghana", "Switzerland", "Gabon", "Albania", "Japan", "United Arab Emirates", "Brazil", "France",
             "Malta", "China", "United States", "Mozambique", "Russian Federation", "Ecuador", "United Kingdom",
             "India", "Norway", "Kenya", "Mexico", "Ireland", "Niger", "Viet Nam", "Estonia", "Tunisia",
             "Indonesia", "South Africa", "Germany", "Belgium", "Poland", "Ukraine", "Egypt", "Jordan",
             "Colombia", "Pakistan", "Türkiye", "Qatar", "Argentina", "Senegal", "Rwanda", "Ethiopia"]
INVITEES = ["Under-Secretary-General for Peace Operations", "Under-Secretary-General for Political and "
            "Peacebuilding Affairs", "Special Representative of the Secretary-General",
            "Force Commander of the United Nations Mission in South Sudan",
            "Police Commissioner of the United Nations Mission in South Sudan",
            "Head of Mission and Force Commander of the United Nations Interim Force in Lebanon",
            "United Nations Police Adviser, Department of Peace Operations",
            "Executive Director, Security Council Report", "Special Envoy of the Secretary-General",
            "Assistant Secretary-General for Africa", "High Commissioner for Human Rights",
            "Executive Director of the United Nations Children's Fund"]
SUB_ITEMS = ["Police Commissioners", "Force Commanders", "Heads of military components",
             "Report of the Secretary-General", "Open debate", "Annual briefing"]
BRIEFERS = ["the Under-Secretary-General for Peace Operations", "the Special Representative of the "
            "Secretary-General", "the Force Commander of UNMISS", "the Police Adviser of the Department of Peace "
            "Operations", "the Executive Director of Security Council Report", "the Special Envoy of the "
            "Secretary-General", "the Assistant Secretary-General for Africa"]
MISSIONS = ["UNMISS", "MONUSCO", "UNIFIL", "MINUSCA", "UNFICYP", "UNAMA", "UNSOM", "MINUSMA"]
# Sentences of the sample, some with slots; "[2378 \(2017\)](#)" is a Markdown link, as printed.
OPENERS = [
    "At the meeting held on {day}, the Council was briefed by {briefer} and {briefer2} on the role of "
    "military components in the protection of civilians.",
    "At the meeting held on {day}, the Council heard a briefing by {briefer} on the challenges faced by "
    "United Nations police components.",
    "At the annual briefing held pursuant to resolution [2378 \\(2017\\)](#), which was convened on {day}, "
    "{briefer} noted that the declaration of shared commitments stood as a testament to global consensus.",
    "On {day}, the Council held a meeting at which {briefer} provided an overview of the discussions during "
    "the annual gathering of force commanders at Headquarters.",
]
SENTENCES = [
    "In his introductory remarks, {briefer} recalled that the collective efforts to enhance peacekeeping "
    "within the framework of A4P+ were more important than ever.",
    "The Force Commander of {mission} stated that the protection of civilians remained the overarching "
    "priority for the Mission.",
    "While noting that enhancing freedom of movement was a continuous priority for {mission}, he further "
    "emphasized that the physical protection of civilians was not necessarily ensured only by the use of "
    "arms and military means, but also involved a strategic approach.",
    "The Force Commander described a complex and dynamic operational landscape, including new threats such "
    "as misinformation and disinformation, which had adversely affected the efforts of {mission} to prevent "
    "and respond to threats against civilians.",
    "In terms of addressing these challenges, he emphasized the need for synergy between the military "
    "campaign and the strategic communication plans.",
    "Council members widely recognized the importance of protection of civilian mandates in United Nations "
    "peacekeeping operations, along with the primary responsibility of States in that regard.",
    "Some Council members underscored the need for the Council to provide missions with more realistic and "
    "achievable protection mandates.",
    "Several speakers highlighted the importance of strategic communication for mandate implementation.",
    "In line with resolution [2436 \\(2018\\)](#), efforts were being made to strengthen the performance of "
    "United Nations peacekeeping at all levels through improved performance assessment tools.",
    "Moreover, noting a convergence of global phenomena – geopolitical tension, climate change and "
    "transnational organized crime, he stressed the need to continue strengthening the effectiveness of "
    "peacekeeping.",
    "With regard to cooperation with host States, missions were engaging in proactive discussions with "
    "national authorities to address critical challenges such as restrictions on their freedom of movement.",
    "Council members reiterated the crucial importance of United Nations peacekeeping as a tool for the "
    "maintenance of international peace and security and expressed support for the A4P and A4P+ "
    "initiatives.",
    "Some delegations further underscored the importance of broader and more strategic and partnership-based "
    "approaches to peacekeeping transitions, including through the Peacebuilding Commission.",
    "A few Council members highlighted the need to respect the basic principles of peacekeeping, namely, "
    "consent of the parties, impartiality and refraining from the use of force, except in self-defence.",
    "Most Council members expressed support for further advancing the participation of women in "
    "peacekeeping.",
    "The Police Commissioner of {mission} stressed that it was imperative for United Nations police "
    "interventions to take into consideration the gender dimensions of new and emerging threats.",
    "A number of members stressed the importance of capacity-building of national police services and "
    "national ownership of reform processes.",
    "Finally, noting the most recent report of the Secretary-General, several Council members called on "
    "the Secretariat to conduct a new review and to report to the Council.",
    "The Head of Mission of {mission} noted that prevention was central to the Mission’s activities, "
    "achieved through robust deployment across the area of operations.",
    "She expressed the view that the Council’s anticipated reflection on the future of peace operations "
    "could provide an opportunity for Member States to consider organized crime in depth.",
]


@dataclass
class FootnoteTruth:
    number: int
    citations: list[str]
    countries: list[str]
    ibid: bool


@dataclass
class SectionTruth:
    file: str
    number: str
    title: str
    group: str
    supplement: int
    paragraphs: list[str] = field(default_factory=list)  # plain text, as the parser must read it
    paragraph_footnotes: list[list[int]] = field(default_factory=list)
    paragraph_meetings: list[Optional[str]] = field(default_factory=list)
    footnotes: list[FootnoteTruth] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)


@dataclass
class SyntheticTruth:
    files: list[Path] = field(default_factory=list)
    sections: list[SectionTruth] = field(default_factory=list)

    @property
    def meetings(self) -> int:
        return sum(len(s.meetings) for s in self.sections)

    def meetings_list(self) -> list[Meeting]:
        return [m for s in self.sections for m in s.meetings]

    @property
    def paragraphs(self) -> int:
        return sum(len(s.paragraphs) for s in self.sections)

    @property
    def footnotes(self) -> int:
        return sum(len(s.footnotes) for s in self.sections)

    @property
    def ibids(self) -> int:
        return sum(f.ibid for s in self.sections for f in s.footnotes)


def _plain(markdown: str) -> str:
    """What the parser makes of our Markdown: link text kept, escapes resolved."""
    return re.sub(r"\[([^\]]*)\]\(#\)", r"\1", markdown).replace("\\(", "(").replace("\\)", ")")


def _country_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


class _Writer:
    """Writes one supplement year: sections, paragraphs, footnotes at page ends, tables."""

    def __init__(self, rng: random.Random, year: int, file: str, first_meeting: int, first_footnote: int,
                 first_resolution: int) -> None:
        self.rng, self.year, self.file = rng, year, file
        self.next_meeting, self.next_footnote, self.next_resolution = first_meeting, first_footnote, first_resolution
        self.next_prst, self.next_document = 1, 100
        self.blocks: list[str] = []
        self.pending: list[tuple[int, str]] = []  # footnotes whose markers are written, not yet their text
        self.page_left = 0
        self._new_page()

    def _new_page(self) -> None:
        self.page_left = self.rng.randint(2500, 4500)

    # footnotes ---------------------------------------------------------------
    def _footnote(self, section: SectionTruth, text: str, citations: list[str], countries: list[str],
                  ibid: bool) -> str:
        number = self.next_footnote
        self.next_footnote += 1
        self.pending.append((number, text))
        section.footnotes.append(FootnoteTruth(number, citations, countries, ibid))
        return str(number).translate(SUPERSCRIPT)

    def _flush_footnotes(self) -> None:
        for number, text in self.pending:
            self.blocks.append(f"{str(number).translate(SUPERSCRIPT)} {text}")
        self.pending = []
        self._new_page()

    # paragraphs --------------------------------------------------------------
    def _paragraph(self, section: SectionTruth, sentences: list[tuple[str, Optional[tuple]]],
                   meeting: Optional[str]) -> None:
        """`sentences`: (markdown, footnote) pairs; footnote = (text, citations, countries, ibid) or None."""
        pieces, plain, numbers = [], [], []
        for markdown, note in sentences:
            marker = ""
            if note:
                marker = self._footnote(section, *note)
                numbers.append(section.footnotes[-1].number)
            pieces.append(markdown + marker)
            plain.append(_plain(markdown))
        section.paragraphs.append(" ".join(plain))
        section.paragraph_footnotes.append(numbers)
        section.paragraph_meetings.append(meeting)
        self._emit(" ".join(pieces))

    def _emit(self, text: str) -> None:
        """Write a paragraph, cutting it where the page ends (between two lower-case words): the first
        part, the footnotes whose markers are on that page (if any: else just a blank line), the rest."""
        while len(text) > self.page_left:
            cuts = [m.start() for m in re.finditer(r"(?<=[a-z]) (?=[a-z])", text)]
            cuts = [c for c in cuts if c <= self.page_left] or cuts[:1]
            if not cuts:
                break
            cut = cuts[-1]
            self.blocks.append(text[:cut])
            text = text[cut + 1:]
            later = {int(m.group().translate(_FROM_SUPERSCRIPT)) for m in _MARKER.finditer(text)}
            self.pending, waiting = ([p for p in self.pending if p[0] not in later],
                                     [p for p in self.pending if p[0] in later])
            self._flush_footnotes()
            self.pending = waiting
        self.blocks.append(text)
        self.page_left -= len(text)

    # one section -------------------------------------------------------------
    def section(self, number: int, group: str, title: str, count: int, days: list[date]) -> SectionTruth:
        truth = SectionTruth(self.file, str(number), title, group, self.year)
        self.blocks.append(f"{number}. {title}")
        meetings = [self._meeting(day) for day in days]
        truth.meetings = meetings
        word = f"{NUMBERS[count]} meeting{'s' if count > 1 else ''}" if count < len(NUMBERS) else f"{count} meetings"
        self._paragraph(truth, [
            (f"During the period under review, the Security Council held {word} under the item entitled "
             f"“{title}”.", ("For more information on the format of meetings, see part II, sect. I.", [], [], False)),
            ("More information on the meetings, including on participants, is provided in the table below.",
             (f"See [A/{self.year - 1945}/2](#), part II, chap. 4.", [f"A/{self.year - 1945}/2"], [], False)),
        ], None)
        for meeting, day in zip(meetings, days):
            self._meeting_account(truth, meeting, day)
        self._table(truth, meetings)
        return truth

    def _fill(self, template: str) -> str:
        rng = self.rng
        briefer, briefer2 = rng.sample(BRIEFERS, 2)
        return template.format(briefer=briefer, briefer2=briefer2, mission=rng.choice(MISSIONS), day="{day}")

    def _meeting_account(self, truth: SectionTruth, meeting: Meeting, day: date) -> None:
        rng = self.rng
        opener = self._fill(rng.choice(OPENERS)).replace("{day}", f"{day.day} {MONTHS[day.month - 1]}")
        opener = opener[0].upper() + opener[1:]
        countries = rng.sample(COUNTRIES, rng.randint(2, 6))
        cited = rng.random() < 0.3  # "See S/PV.n, (A, B and C)." rather than plain "See S/PV.n."
        see = f"See [{meeting.symbol}](#)" + (f", ({_country_list(countries)})." if cited else ".")
        sentences = [(opener, (see, [meeting.symbol], countries if cited else [], False))]
        sentences += [(self._fill(s), None) for s in rng.sample(SENTENCES, rng.randint(2, 5))]
        self._paragraph(truth, sentences, meeting.symbol)
        # The discussion, in one or two paragraphs: points made by some countries, each an "Ibid."
        # of the meeting; a report cited in passing breaks the chain, so the next point cites the
        # meeting again (an "Ibid." there would mean the report).
        last = meeting.symbol
        for _ in range(1 if rng.random() < 0.6 else 2):
            sentences = []
            for sentence in rng.sample(SENTENCES, rng.randint(2, 5)):
                note = None
                if rng.random() < 0.6:
                    countries = rng.sample(COUNTRIES, rng.randint(1, 7))
                    if last != meeting.symbol:
                        note = (f"See [{meeting.symbol}](#), ({_country_list(countries)}).", [meeting.symbol],
                                countries, False)
                    elif rng.random() < 0.1:
                        note = ("Ibid.", [meeting.symbol], [], True)
                    else:
                        note = (f"Ibid., ({_country_list(countries)}).", [meeting.symbol], countries, True)
                elif rng.random() < 0.25:
                    document = f"S/{self.year}/{self.next_document}"
                    self.next_document += rng.randint(1, 40)
                    note = (f"See [{document}](#).", [document], [], False)
                if note:
                    last = note[1][0]
                sentences.append((self._fill(sentence), note))
            self._paragraph(truth, sentences, meeting.symbol)

    def _meeting(self, day: date) -> Meeting:
        rng = self.rng
        symbol = f"S/PV.{self.next_meeting}"
        self.next_meeting += 1
        meeting = Meeting(symbol, date=day.isoformat())
        if rng.random() < 0.2:
            meeting.sub_item = rng.choice(SUB_ITEMS)
        if rng.random() < 0.35:
            meeting.other_documents = [f"S/{self.year}/{self.next_document}"]
            self.next_document += rng.randint(1, 40)
        if rng.random() < 0.3:
            meeting.rule_37 = rng.sample(COUNTRIES, rng.randint(1, 5))
        if rng.random() < 0.8:
            meeting.rule_39 = rng.sample(INVITEES, rng.randint(1, 4))
        meeting.speakers = ["All Council members", rng.choice(["all invitees", "invitee", "all invitees"])]
        if rng.random() < 0.3:
            meeting.decisions.append(Decision(f"S/RES/{self.next_resolution} ({self.year})",
                                              rng.choice(["15-0-0", "15-0-0", "13-0-2", "14-0-1", "12-0-3"])))
            self.next_resolution += 1
        if rng.random() < 0.1:
            meeting.decisions.append(Decision(f"S/PRST/{self.year}/{self.next_prst}"))
            self.next_prst += 1
        return meeting

    def _table(self, truth: SectionTruth, meetings: list[Meeting]) -> None:
        title = f"Meetings: {truth.title}, {self.year}"
        footnotes_inside = self.rng.random() < 0.5  # the page ends between the header and the rows
        if not footnotes_inside:
            self._flush_footnotes()
        self.blocks.append(title)
        self.blocks.append(HEADER + "\n" + RULE)
        if footnotes_inside:
            self._flush_footnotes()
        rows = []
        for m in meetings:
            day = date.fromisoformat(m.date)
            head = f"{m.symbol} {m.sub_item + ' ' if m.sub_item else ''}{day.day} {MONTHS[day.month - 1]} {day.year}"
            cells = [head]
            if m.other_documents:
                cells.append(", ".join(m.other_documents))
            if m.rule_37:
                cells.append(_country_list(m.rule_37))
            if m.rule_39:
                cells.append(", ".join(m.rule_39))
            cells.append(", ".join(m.speakers))
            if m.decisions:
                cells.append(" ".join(f"{d.symbol} {d.vote}" if d.vote else d.symbol for d in m.decisions))
            rows.append("\t".join(f"<p>{c}</p>" for c in cells))
        self.blocks.append("\n".join(rows))
        self._new_page()


def _year_plan(rng: random.Random, meetings: int, per_section: tuple[int, int] = (3, 8)) -> list[tuple[str, str, int]]:
    """(group, title, meetings) per section, 3 to 8 meetings each (or `per_section`), groups in
    their printed order."""
    plan, left = [], meetings
    titles = [(g, t) for g, items in GROUPS.items() for t in items]
    while left > 0:
        group, title = titles[len(plan) % len(titles)]
        count = min(left, rng.randint(*per_section))
        plan.append((group, title, count))
        left -= count
    order = {g: i for i, g in enumerate(GROUPS)}
    return sorted(plan, key=lambda p: order[p[0]])


def _days(rng: random.Random, year: int, count: int) -> list[date]:
    start = date(year, 1, 1)
    return sorted(start + timedelta(days=rng.randrange(365)) for _ in range(count))


def write_synthetic_source(path: Path, meetings: int, seed: int, year: int = LAST_YEAR,
                           first_meeting: int = 9000, first_footnote: int = 1,
                           first_resolution: int = 2700,
                           per_section: tuple[int, int] = (3, 8)) -> SyntheticTruth:
    """One supplement year with `meetings` meetings, written to `path`; returns the truth.
    `per_section`: the fewest and most meetings of a section."""
    rng = random.Random(f"{seed}:{year}:{meetings}")
    path = Path(path)
    writer = _Writer(rng, year, str(path), first_meeting, first_footnote, first_resolution)
    truth = SyntheticTruth([path])
    plan = _year_plan(rng, meetings, per_section)
    days = _days(rng, year, meetings)
    rng.shuffle(days)  # each section's meetings at dates across the year
    group = None
    for number, (section_group, title, count) in enumerate(plan, start=1):
        if section_group != group:
            writer.blocks.append(section_group)
            group = section_group
        section_days, days = sorted(days[:count]), days[count:]
        truth.sections.append(writer.section(number, section_group, title, count, section_days))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n" + "\n\n".join(writer.blocks) + "\n", encoding="utf-8")
    return truth


def write_synthetic_sources(folder: Path, meetings: int, seed: int,
                            per_file: int = MEETINGS_PER_YEAR) -> SyntheticTruth:
    """`meetings` meetings in one file per supplement year, the last being 2023: 250 a year,
    meetings and resolutions numbered on from one year to the next, footnotes from 1 in each."""
    folder = Path(folder)
    counts = [per_file] * (meetings // per_file) + ([meetings % per_file] if meetings % per_file else [])
    truth = SyntheticTruth()
    first_meeting, first_resolution = 1000, 1
    for index, count in enumerate(counts):
        year = LAST_YEAR - len(counts) + 1 + index
        part = write_synthetic_source(folder / f"repertoire-{year}.txt", count, seed, year, first_meeting,
                                      first_resolution=first_resolution)
        truth.files += part.files
        truth.sections += part.sections
        first_meeting += count
        first_resolution += sum(1 for m in part.meetings_list() for d in m.decisions if "/RES/" in d.symbol)
    return truth
