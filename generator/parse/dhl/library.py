"""Where the Dag Hammarskjöld Library publishes its yearly tables of meetings, and the names this
tool saves and reads them under (scact<YEAR>_table_en.html, scact2020_covid_table_en.html):
used by the downloader (`repertoire fetch-dhl`), the reader and the pages that cite a table."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

DEFAULT_BASE_URL = "https://www.un.org/depts/dhl/resguide/"
FILE_NAME = re.compile(r"^scact(\d{4})(_covid)?_table_en\.html?$", re.I)


@dataclass(frozen=True)
class Page:
    year: int
    names: tuple[str, ...]  # remote names to try, in order
    saved_as: str


def pages_for(year: int) -> list[Page]:
    """The pages that make up one year (two for 2020)."""
    local = f"scact{year}_table_en.html"
    official = local if year < 1994 or year >= 2022 else f"scact{year}_table_en.htm"
    other = official[:-1] if official.endswith(".html") else official + "l"
    pages = [Page(year, tuple(dict.fromkeys((official, other, local))), local)]
    if year == 2020:
        covid = "scact2020_covid_table_en.html"
        pages.append(Page(year, ("SC_2020-revised.html", covid), covid))
    return pages


def table_citation(source: str) -> Optional[tuple[str, str]]:
    """(title, official address) of the Library's table a source file is a copy of, else None."""
    match = FILE_NAME.search(source.replace("\\", "/").rsplit("/", 1)[-1])
    if not match:
        return None
    year = int(match.group(1))
    pages = pages_for(year)
    page = pages[1] if match.group(2) and len(pages) > 1 else pages[0]
    title = f"Meetings conducted by the Security Council in {year}"
    return title + (" (videoconferences)" if match.group(2) else ""), DEFAULT_BASE_URL + page.names[0]
