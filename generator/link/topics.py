"""Agenda items (the Library's "topic" column) as things with a page: one per item, its meetings by year.

The tables spell one item several ways ("The Palestine question", "The
Palestine Question", "Guinea-Bissau", "Guinea Bissau"): spellings with one
`topic_key` are one item, and so are items whose keys differ only in
punctuation or accents (they would share a page address). The item's name is
its most common spelling (the earliest on a tie).

Knows nothing of pages beyond the slug: `generator.link.pages.topic_address` makes the address.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from generator.link.addresses import slug
from generator.model import Meeting
from generator.model.vocabulary import topic_key
from generator.link.timeline import year_of


@dataclass
class Topic:
    slug: str  # its key, and its page's name in topics/
    spellings: Counter = field(default_factory=Counter)  # spelling as printed -> meetings using it
    meetings: list[Meeting] = field(default_factory=list)  # in the order given (chronological)
    years: dict[str, list[Meeting]] = field(default_factory=dict)  # "1946" -> its meetings

    @property
    def title(self) -> str:
        return self.spellings.most_common(1)[0][0]

    @property
    def other_spellings(self) -> list[str]:
        title = self.title
        return [s for s in self.spellings if s != title]


def topic_slug(spelling: str) -> str:
    return slug(topic_key(spelling))


def group_topics(meetings: Iterable[Meeting]) -> tuple[dict[str, Topic], dict[str, str]]:
    """Topics of `meetings` (give them in chronological order): slug -> Topic, and spelling -> slug."""
    topics: dict[str, Topic] = {}
    spelled: dict[str, str] = {}
    for meeting in meetings:
        for spelling in meeting.topics:
            key = spelled.get(spelling)
            if key is None:
                key = spelled[spelling] = topic_slug(spelling)
            topic = topics.get(key)
            if topic is None:
                topic = topics[key] = Topic(key)
            topic.spellings[spelling] += 1
            if not topic.meetings or topic.meetings[-1] is not meeting:  # two spellings at one meeting
                topic.meetings.append(meeting)
                topic.years.setdefault(year_of(meeting), []).append(meeting)
    return topics, spelled
