"""One meeting from several rows or sections: a meeting is one page, however often it is listed.

A meeting can be listed twice: in two rows of one section's table (a meeting resumed, a row
printed twice), or in the tables of two sections (a meeting held under two agenda items, read
from one source or two). Each time it becomes one meeting, merged field by field by the rule the
Library's tables are merged with (`generator.assemble.library.merge_meeting`), here with every
list a union in order (each row or section names its own invitees, speakers and documents): a
field one listing lacks is taken from the other, and a scalar that differs (the date, the
sub-item, a decision's vote or how it was adopted) keeps the first listing's value and is a
problem naming both places.

Rows merge in table order; sections in `section_order` (the order of the sections on the site),
never in the order the sources were given, so the merged meeting is the same whatever that
order. Every section listing the meeting then holds the one merged object.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from generator.assemble.library import LISTS, merge_meeting
from generator.model import Meeting, Problem, Section


@dataclass
class Listing:
    """A meeting as one row lists it, and where: the file and the row's place ("line 12", "page 4")."""

    meeting: Meeting
    file: str
    place: str

    def __str__(self) -> str:
        return f"{self.file}, {self.place}"


def merge_listing(first: Listing, again: Listing) -> list[Problem]:
    """`again` merged into `first` (in place); each disagreement is reported at `again`, naming `first`."""
    return merge_meeting(first.meeting, again.meeting, again.file, again.place, str(first), unions=LISTS)


def merge_rows(listings: list[Listing]) -> tuple[list[Listing], list[Problem]]:
    """One listing per meeting of a table, where its first row is, and what its rows disagree on."""
    kept: dict[str, Listing] = {}
    problems: list[Problem] = []
    for listing in listings:
        first = kept.setdefault(listing.meeting.symbol, listing)
        if first is not listing:
            problems += merge_listing(first, listing)
    return list(kept.values()), problems


def section_order(section: Section) -> tuple:
    """Sections as the site orders them: by supplement, then part, then number (9 before 24A before 100)."""
    number = tuple((0, int(run), "") if digits else (1, 0, run)
                   for digits, run in ((d, "".join(r)) for d, r in groupby(section.number, str.isdigit)))
    return section.supplement or 0, section.part or "", number


def merge_across_sections(sections: list[Section], places: dict[int, dict[str, str]]) -> list[Problem]:
    """Every meeting several sections list made one object that they all hold (in place).

    `places` gives, for each section (by `id`), the place of each meeting's row in its first source."""
    first: dict[str, Listing] = {}
    problems: list[Problem] = []
    for section in sorted(sections, key=section_order):
        rows = places.get(id(section), {})
        for position, meeting in enumerate(section.meetings):
            listing = Listing(meeting, section.sources[0], rows.get(meeting.symbol, f"section {section.number}"))
            home = first.setdefault(meeting.symbol, listing)
            if home is not listing:
                problems += merge_listing(home, listing)
                section.meetings[position] = home.meeting
    return problems
