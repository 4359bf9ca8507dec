"""Small tables in the Dag Hammarskjöld Library's layouts, written by tests: a year's table with the
five columns of 1994-2020 and 2022 (record, date, press release, topic, outcome) or the seven of the
2020 videoconference period and 2021 (a webcast and two letters in place of the press release)."""
from __future__ import annotations

from pathlib import Path

FIVE = ("Meeting<br />Record", "Date", "Press<br />Release", "Topic", "Security Council<br> Outcome / Vote")
SEVEN = ("Meeting<br />Record", "Date", "Recording", "Topic", "Letter with Vote Procedure / Briefings",
         "Letter with Vote Outcome", "Security Council<br> Outcome / Vote")


def table_html(year: int, rows: list[tuple[str, ...]], header: tuple[str, ...] = FIVE) -> str:
    """A table of `year` whose rows' cells are the HTML given, in the columns of `header`."""
    head = "".join(f"<th>{name}</th>" for name in header)
    body = "\n".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return (f'<html><table class="tablefont">\n<tr><th colspan="{len(header)}" class="tbltitle">Meetings conducted '
            f"by the Security Council in {year}</th></tr>\n<tr>{head}</tr>\n{body}\n</table></html>\n")


def write_table(folder: Path, year: int, rows: list[tuple[str, ...]], header: tuple[str, ...] = FIVE) -> Path:
    """scact<year>_table_en.html in `folder` (made if need be), holding `rows`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"scact{year}_table_en.html"
    path.write_text(table_html(year, rows, header), encoding="utf-8")
    return path


def document_link(symbol: str) -> str:
    return f'<a target="_top" href="https://undocs.org/en/{symbol}">{symbol}</a>'
