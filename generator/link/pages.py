"""The one registry of page kinds: where each kind of generated page lives and how it is addressed.

A `PageKind` is a folder of content/ and what goes in it: the address of each page (made from
a key by the one slug function, `generator.link.addresses.slug`), the title and template of
the folder's index page, the template of its pages, and its rank in "What links here"
(indexes first, then sections, meetings, decisions taken without a meeting, topics, countries,
missions, bodies, briefers, documents). `KINDS` lists them in the order the site lists its indexes. `generator.link.index`
makes every page address through these functions; rendering, the search documents
(`generator.site.search_documents`) and content/.gitignore (`generated_paths`) read them.

Addresses are content-relative Markdown paths ("meetings/S-PV-9389.md"); `built_address` is
the page's address in the built site ("meetings/S-PV-9389.html").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from generator.link.addresses import slug
from generator.link.catalogue import BODY, BRIEFER, COUNTRY, DOCUMENT, MISSION
from generator.model import Section

INDEX_RANK = 0  # every index page (a folder's index.md, a year of meetings) comes first in "What links here"
WRITTEN_DECISION = "decision"  # the kind of a decision taken without a meeting
RECORD_TEMPLATE = "record"  # a meeting known only from the Library's tables: a meeting's page, another template
WHAT_LINKS_HERE_TEMPLATE = "what_links_here"  # appended to every page


@dataclass(frozen=True)
class PageKind:
    """A folder of generated pages: its index page (`index_address`), its pages (`address`), and
    for the meetings the index of each year (`part_address`)."""

    name: str  # as the model names the kind: "meeting", "country" (generator.link.catalogue)
    folder: str  # of content/; "" for the top (the home page)
    title: str  # of its index page: "Meetings"
    rank: int  # of its pages in "What links here"
    template: Optional[str]  # templates/<template>.md.j2 writes its pages; None: it has none
    index_template: str  # ... writes its index page
    part_template: Optional[str] = None  # ... writes the index of a part of it (the meetings of a year)
    keep_case: bool = False  # its file names keep the key's capitals (meetings/S-PV-9389.md)

    @property
    def index_address(self) -> str:
        return f"{self.folder}/index.md" if self.folder else "index.md"

    def address(self, *names: str) -> str:
        """The page of `names` (one, or a thing and a part of it: 'Ghana', '2023' -> countries/ghana/2023.md)."""
        return "/".join([self.folder, *(slug(name, self.keep_case) for name in names)]) + ".md"

    def part_address(self, part: str) -> str:
        """The index of a part of the kind: meetings/1946.md, meetings/undated.md."""
        return f"{self.folder}/{slug(part)}.md"


HOME = PageKind("home", "", "Home", INDEX_RANK, None, "home")
SECTIONS = PageKind("section", "sections", "Sections", 1, "section", "sections_index")
MEETINGS = PageKind("meeting", "meetings", "Meetings", 2, "meeting", "meetings_index", part_template="meetings_year",
                    keep_case=True)
# A decision taken without a meeting (written procedure, 2020-2021), after the meetings:
DECISIONS = PageKind(WRITTEN_DECISION, "decisions", "Decisions taken without a meeting", 3, "decision",
                     "decisions_index", keep_case=True)
TOPICS = PageKind("topic", "topics", "Topics", 4, "topic", "topics_index")
COUNTRIES = PageKind(COUNTRY, "countries", "Countries", 5, "country", "countries_index")
MISSIONS = PageKind(MISSION, "missions", "Missions", 6, "mission", "missions_index")
BODIES = PageKind(BODY, "bodies", "Bodies and initiatives", 7, "mission", "missions_index")
BRIEFERS = PageKind(BRIEFER, "briefers", "Briefers", 8, "briefer", "briefers_index")
DOCUMENTS = PageKind(DOCUMENT, "documents", "Documents", 9, "document", "documents_index")
DATA = PageKind("data", "data", "Open data", INDEX_RANK, None, "data_index")  # the open data files, not pages
KINDS = (HOME, SECTIONS, MEETINGS, DECISIONS, TOPICS, COUNTRIES, MISSIONS, BODIES, BRIEFERS, DOCUMENTS, DATA)
_BY_NAME = {kind.name: kind for kind in KINDS}
_BY_FOLDER = {kind.folder: kind for kind in KINDS}
LAST_RANK = max(kind.rank for kind in KINDS) + 1  # a page of no kind, after every other


def kind_named(name: str) -> PageKind:
    """The kind of that name: kind_named("country") is COUNTRIES."""
    return _BY_NAME[name]


def kind_of(page: str) -> Optional[PageKind]:
    """The kind whose folder holds a page address (HOME for a file at the top), or None."""
    folder, slash, _ = page.partition("/")
    return _BY_FOLDER.get(folder if slash else "")


def built_address(page: str) -> str:
    """A page's address in the built site: meetings/S-PV-9389.md -> meetings/S-PV-9389.html."""
    return page[:-3] + ".html" if page.endswith(".md") else page


def source_address(built: str) -> str:
    """The Markdown page a built page comes from: meetings/S-PV-9389.html -> meetings/S-PV-9389.md."""
    return built[:-5] + ".md" if built.endswith(".html") else built


def generated_paths() -> list[str]:
    """What generated files occupy in content/: its top-level files and its folders ('meetings/'),
    the rest being hand-written (about.md, assets/)."""
    return [f"{kind.folder}/" if kind.folder else kind.index_address for kind in KINDS]


# The address of each page, from what it is for ---------------------------------------------


def section_address(section: Section) -> str:
    """sections/2023-i-24.md: supplement (or 'undated'), part, number."""
    parts = [str(section.supplement or "undated"), section.part or "", section.number]
    return SECTIONS.address(" ".join(p for p in parts if p))


def meeting_address(canonical: str) -> str:
    """meetings/S-PV-9389.md, from a meeting's canonical symbol."""
    return MEETINGS.address(canonical)


def decision_address(symbol: str) -> str:
    """decisions/S-RES-2560-2020.md: a decision taken without a meeting, from its first symbol."""
    return DECISIONS.address(symbol)


def year_address(year: str) -> str:
    """meetings/1946.md: the meetings of a year ('Undated' for those without a date)."""
    return MEETINGS.part_address(year)


def topic_address(key: str) -> str:
    """topics/<key>.md, from an agenda item's key (generator.link.topics.topic_slug)."""
    return TOPICS.address(key)


def entity_address(kind: str, name: str) -> str:
    """countries/ghana.md: the page of a country, mission, body, briefer or document, by its name."""
    return kind_named(kind).address(name)


def supplement_address(kind: str, name: str, supplement: Optional[int]) -> str:
    """countries/ghana/2023.md: what one supplement says of an entity the Repertoire names in several."""
    return kind_named(kind).address(name, str(supplement or "undated"))


# Where a page is on the site -----------------------------------------------------------------


def trail(page: str, part: Optional[str] = None) -> list[str]:
    """The pages above `page`, the home page first (its breadcrumbs): its kind's index page, the
    part of the kind holding it (`part`: a meeting's year -> meetings/2023.md, unless it is that
    part's page) and, for the page of a thing's part (countries/ghana/2023.md), the thing's page
    (countries/ghana.md). A page of no kind, and the home page, have none."""
    kind = kind_of(page)
    if kind is None or page == HOME.index_address:
        return []
    above = [HOME.index_address]
    if kind is HOME or page == kind.index_address:
        return above
    above.append(kind.index_address)
    if part is not None and kind.part_address(part) != page:  # the part's own index is under the kind's
        above.append(kind.part_address(part))
    names = page[len(kind.folder) + 1:].split("/")
    if len(names) > 1:
        above.append(f"{kind.folder}/{names[0]}.md")
    return above
