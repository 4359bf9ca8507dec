"""Small tables in the Library's layout of the videoconference period (seven columns, as
scact2020_covid_table_en.html and scact2021_table_en.html print them), written for tests."""
from __future__ import annotations

from pathlib import Path

HEADER = """<html>
<table class="tablefont">
  <tr><th colspan="7" class="tbltitle">Meetings conducted by the Security Council in {year}</th></tr>
  <tr>
    <th>Meeting<br />Record</th><th>Date</th><th>Recording</th><th>Topic</th>
    <th>Letter with Vote Procedure / <br> Briefings</th><th>Letter with Vote Outcome</th>
    <th>Security Council<br> Outcome / Vote</th>
  </tr>
"""


def undocs(symbol: str) -> str:
    """A cell's link to a document, as the tables write it."""
    return f'<a target="_top" href="https://undocs.org/en/{symbol}">{symbol}</a>'


def row(record: str, date: str, recording: str, topic: str, procedure: str, outcome_letter: str,
        outcome: str) -> str:
    """One row; "--" is the tables' "nothing here"."""
    cells = (record, date, recording, topic, procedure, outcome_letter, outcome)
    return "  <tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>\n"


def write_table(folder: Path, name: str, year: int, rows: list[str]) -> Path:
    """A table file `name` in `folder` holding `rows`, newest first as the Library lists them."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(HEADER.format(year=year) + "".join(rows) + "</table>\n</html>\n", encoding="utf-8")
    return path
