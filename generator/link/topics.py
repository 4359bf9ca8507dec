"""Agenda items (the Library's "topic" column) as things with a page: one per item, its meetings by year.

The tables spell one item several ways ("The Palestine question", "The Palestine Question",
"United Nations peace-keeping operations", "Admision of new Members"): which spellings are
one item is `generator.link.topic_names`' rule. The item's name is its most used spelling
(the earliest on a tie). Items on one State under other names are related
(`generator.link.topic_subjects`), and a Repertoire section whose title is the item's name
(by the same rule) covers it.

Knows nothing of pages beyond the slug: `generator.link.pages.topic_address` makes the address.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, NamedTuple

from generator.link.addresses import slug
from generator.link.timeline import UNDATED, year_of
from generator.link.topic_names import joined_items, merged_spellings, name_key
from generator.link.topic_subjects import subject
from generator.model import Meeting, Section
from generator.model.vocabulary import topic_key


@dataclass(eq=False)  # one object per item: related topics point at each other
class Topic:
    slug: str  # its page's name in topics/
    spellings: Counter = field(default_factory=Counter)  # spelling as printed -> meetings using it
    meetings: list[Meeting] = field(default_factory=list)  # in the order given (chronological)
    years: dict[str, list[Meeting]] = field(default_factory=dict)  # "1946" -> its meetings
    related: list["Topic"] = field(default_factory=list)  # items on the same State, by first meeting
    sections: list[Section] = field(default_factory=list)  # the Repertoire's sections on it
    joined: set[str] = field(default_factory=set)  # spellings naming it with another item ("A--B")

    @property
    def title(self) -> str:
        return next(s for s, _ in self.spellings.most_common() if s not in self.joined)

    @property
    def other_spellings(self) -> list[str]:
        title = self.title
        return [s for s in self.spellings if s != title and s not in self.joined]

    @property
    def dated_years(self) -> list[int]:
        return [int(year) for year in self.years if year != UNDATED]


class Pointer(NamedTuple):
    """Where a topic's missing years are: `topic`, met from `first` to `last`."""
    first: int
    last: int
    topic: Topic


def topic_slug(spelling: str) -> str:
    return slug(topic_key(spelling))


def group_topics(meetings: Iterable[Meeting]) -> tuple[dict[str, Topic], dict[str, list[str]]]:
    """Topics of `meetings` (give them in chronological order): slug -> Topic, and spelling -> the
    slugs of its items (two for a spelling that joins two items' names)."""
    meetings = list(meetings)
    counts = Counter(spelling for meeting in meetings for spelling in meeting.topics)
    keys = merged_spellings(counts)
    known = set(keys.values())
    items = {spelling: joined_items(spelling, known) or [key] for spelling, key in keys.items()}
    own: dict[str, Counter] = {}
    for spelling, key in keys.items():
        if len(items[spelling]) == 1:
            own.setdefault(key, Counter())[spelling] += counts[spelling]
    slugs: dict[str, str] = {}  # key -> slug; keys whose names share a slug share its page
    topics: dict[str, Topic] = {}
    for key, spelled in own.items():
        slugs[key] = topic_slug(spelled.most_common(1)[0][0])
        topics.setdefault(slugs[key], Topic(slugs[key])).spellings.update(spelled)
    for spelling, item_keys in items.items():
        for key in item_keys if len(item_keys) > 1 else ():
            topics[slugs[key]].spellings[spelling] += counts[spelling]
            topics[slugs[key]].joined.add(spelling)
    for meeting in meetings:
        for spelling in meeting.topics:
            for key in items[spelling]:
                topic = topics[slugs[key]]
                if not topic.meetings or topic.meetings[-1] is not meeting:  # two spellings at one meeting
                    topic.meetings.append(meeting)
                    topic.years.setdefault(year_of(meeting), []).append(meeting)
    _relate(list(topics.values()))
    return topics, {spelling: list(dict.fromkeys(slugs[key] for key in item_keys))
                    for spelling, item_keys in items.items()}


def _relate(topics: list[Topic]) -> None:
    """Each topic's `related`: the others whose subject is the same State."""
    by_state: dict[str, list[Topic]] = {}
    for topic in topics:
        for state in dict.fromkeys(filter(None, map(subject, topic.spellings))):
            by_state.setdefault(state, []).append(topic)
    for group in by_state.values():
        for topic in group:
            topic.related += [other for other in group if other is not topic and other not in topic.related]
    for topic in topics:
        topic.related.sort(key=lambda other: (other.meetings[0].date or "", other.slug))


def gap_pointers(topic: Topic) -> dict[int, list[Pointer]]:
    """For each year after which `topic` has no meeting for a while: the related topics met in
    the years between ({1993: [Pointer(1994, 2015, <Cyprus>)]} for "The situation in Cyprus")."""
    years = sorted(topic.dated_years)
    pointers: dict[int, list[Pointer]] = {}
    for before, after in zip(years, years[1:]):
        for other in topic.related:
            theirs = [year for year in other.dated_years if before < year < after]
            if theirs:
                span = sorted(other.dated_years)
                pointers.setdefault(before, []).append(Pointer(span[0], span[-1], other))
    return pointers


def link_sections(topics: dict[str, Topic], sections: Iterable[Section]) -> dict[str, list[Topic]]:
    """Give each topic the Repertoire sections whose title is one of its names (by `name_key`);
    returns section key -> its topics."""
    by_name = {name_key(spelling): topic for topic in topics.values() for spelling in topic.spellings}
    covered: dict[str, list[Topic]] = {}
    for section in sections:
        topic = by_name.get(name_key(section.title))
        if topic is not None:
            topic.sections.append(section)
            covered.setdefault(section.key, []).append(topic)
    return covered
