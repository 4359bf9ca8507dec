"""The Dag Hammarskjöld Library's yearly meeting tables as a source of meetings.

`scact<YEAR>_table_en.html` (and `scact2020_covid_table_en.html`) list every
meeting of a year, newest first: meeting record, date (without the year),
press release (1994-), topic (agenda items), outcome and vote. 2020's
videoconference period and 2021 use seven columns (a webcast and two letters
instead of the press release), so columns are found by their header text.
`scact_veto_table_en.html` repeats what the outcome column says about vetoes
and is not read.

What the tables do that a reader must undo, and how this module decides:
- Symbols in every spelling ("S/RES/37(1947)", "S/RES/170%20(1961)",
  "S/PV.3536(Resumption2)", "S/PV.1025(OR)"): read with `generator.model.symbols`,
  so they come out canonical ("S/RES/170 (1961)", "S/PV.3536 (Resumption 2)").
- Link text and href disagree (1,500 hrefs point to "S/PV.n(OR)", the official
  records edition of record "S/PV.n"; others are typos: "S/196384" for
  S/19638, "S/PV.4299" in the 2000 table for S/PV.4229, "S/2002/839" for
  S/2000/839). The printed link text wins: it is what the Library's editors
  typed and proofread, the href was pasted. The one exception is a printed
  symbol cut short whose href has the rest ("S/PV.4327 Resumption 1)" linking
  to "S/PV.4327(Resumption1)"). "(OR)" alone, a resolution's missing year and
  "(closed)" are ways of writing the same document, not disagreements; every
  other difference is reported.
- A resolution printed with another year than the table's ("S/RES/770 (1991)"
  in 1992) is given the table's year: it was adopted at that meeting. Reported.
- A meeting with several agenda items spans rows: by rowspan, or (1948) by
  rows whose record and date cells are left empty. These rows add topics and
  decisions to the meeting above.
- Forgotten `<tr>`s, missing or extra cells: repaired by `generator.parse.dhl.html.layout`
  and reported.
- Rows without a meeting record ("--": 2020-2021 decisions taken by written
  procedure during the videoconference period) yield no meeting but a
  `WrittenDecision`: its date, topics, the letters of the vote procedure and
  outcome, the decisions with their vote (or the drafts not adopted), the
  webcast of the announcement. A "--" row naming no decision or draft has
  nothing to keep and is reported with what it says, so nothing is dropped
  silently.

Every laid-out row ends as exactly one of: a meeting, a continuation of the
meeting above, a decision taken without a meeting, or a row-level problem (see `DhlFile.row_results`). A record
listed in two rows or two files is read twice; `generator.assemble.library`
makes it one meeting and merges the meetings into the Repertoire's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Iterable, Optional
from urllib.parse import parse_qs, unquote, urlsplit

from generator.model.errors import RepertoireError
from generator.model import PRESS_RELEASE, UNREADABLE_ROW, WEBCAST, Decision, Meeting, Problem, WebLink, WrittenDecision
from generator.parse.dhl.library import FILE_NAME
from generator.parse.dhl.html import Cell, GridRow, layout, read_rows
from generator.model.symbols import Symbol, find_symbols, parse_symbol
from generator.model.vocabulary import VOTE, month_number

# Problem kinds of this source (besides the model's UNREADABLE_ROW).
NO_MEETING_RECORD = "no-meeting-record"  # a row without a meeting record ("--") naming no decision either
WRITTEN_DECISION = "written-decision"  # a row without a meeting record for a decision taken by written procedure
NOTICE_ROW = "notice-row"  # a row of prose across the table ("Document links will work ...")
LINK_DISAGREES = "link-disagrees"  # a link's text and href name different documents
MARKUP_REPAIRED = "markup-repaired"  # forgotten <tr>, missing or extra cells
BAD_DATE = "bad-date"
UNREADABLE_ROW_PART = "unreadable-cell"  # a cell of a row that is read, which is left out
YEAR_DISAGREES = "year-disagrees"  # file name, title and printed years
# Kinds that account for a whole row (the row yields no meeting).
ROW_KINDS = frozenset({UNREADABLE_ROW, NO_MEETING_RECORD, NOTICE_ROW})

TITLE_YEAR = re.compile(r"Security Council in (\d{4})")
DAY_MONTH = re.compile(r"^(\d{1,2})(?:\s*(?:-|–|/|\+|and)\s*(\d{1,2}))?\s+([A-Za-z]{3,9})\.?(?:\s+(\d{4}))?$")
NOTES = (
    (re.compile(r"unanimous", re.I), "adopted unanimously"),
    (re.compile(r"without\s+(?:a\s+)?vote", re.I), "adopted without vote"),
    (re.compile(r"consensus", re.I), "adopted by consensus"),
)
PRST_MARK = re.compile(r"^\s*\(PRST\)", re.I)
PRESS_NUMBER = re.compile(r"^SC/(\d+)$")
PRESS_SITE = "https://press.un.org/en/{}/sc{}.doc.htm"  # the UN press site's address of press release SC/<n>
BLANK_LINE = re.compile(r"\n\s*\n")  # in an outcome cell, ends what is said about one decision
DRAFT_FAILED = re.compile(r"^\W*(?:not\s+adopted|vetoed|failed)", re.I)  # after a draft's symbol

# Header text -> column. Checked in order: "Letter with Vote Outcome" is a letter, not the outcome.
COLUMNS = (
    ("procedure_letter", re.compile(r"vote procedure|briefings", re.I)),
    ("outcome_letter", re.compile(r"letter with vote outcome", re.I)),
    ("record", re.compile(r"meeting\s*record|^record$", re.I)),
    ("date", re.compile(r"^date$", re.I)),
    ("press_release", re.compile(r"press\s*release", re.I)),
    ("recording", re.compile(r"recording|webcast", re.I)),
    ("topic", re.compile(r"topic|agenda", re.I)),
    ("outcome", re.compile(r"outcome|vote", re.I)),
)
REQUIRED = ("record", "date", "topic", "outcome")


@dataclass
class DhlFile:
    """One table read: its meetings, problems, and what became of each laid-out row."""

    path: str
    year: int
    meetings: list[Meeting] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    written: list[WrittenDecision] = field(default_factory=list)  # decisions taken without a meeting
    row_results: list[str] = field(default_factory=list)  # "meeting", "continuation", WRITTEN_DECISION or a ROW_KINDS kind


def table_files(folder: Path) -> list[tuple[int, Path]]:
    """The yearly tables in `folder`, by year (the covid table after the year's own)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise RepertoireError(str(folder), "no such folder (expected the Library's scact<YEAR>_table_en.html files)")
    found = []
    for path in folder.iterdir():
        match = FILE_NAME.match(path.name)
        if match:
            found.append((int(match.group(1)), bool(match.group(2)), path))
    if not found:
        raise RepertoireError(str(folder), "no scact<YEAR>_table_en.html files in this folder")
    return [(year, path) for year, _, path in sorted(found)]


def read_dhl_tables(folder: Path, jobs: int = 1) -> list[DhlFile]:
    """Every table in `folder`, oldest first, each with its meetings and what could not be read.

    A meeting listed twice (in two rows or two files) is in each reading: making it one
    meeting is `generator.assemble.library`'s. `jobs` > 1 reads the files in that many processes."""
    files = table_files(folder)
    if jobs > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            return list(pool.map(read_dhl_file, [p for _, p in files], [y for y, _ in files], chunksize=4))
    return [read_dhl_file(path, year) for year, path in files]


def read_dhl_file(path: Path, year: Optional[int] = None) -> DhlFile:
    """One table. `year` defaults to the one in the file name."""
    path = Path(path)
    if year is None:
        match = FILE_NAME.match(path.name)
        if not match:
            raise RepertoireError(str(path), "cannot tell the year: expected a name like scact1995_table_en.html")
        year = int(match.group(1))
    try:
        data = path.read_bytes()
    except OSError as error:
        raise RepertoireError(str(path), f"cannot read: {error.strerror}") from None
    try:
        html = data.decode("utf-8")
    except UnicodeDecodeError:  # older pages of the Library were saved as Windows-1252
        html = data.decode("cp1252", errors="replace")
    table = DhlFile(str(path), year)
    rows = read_rows(html)
    header_index, columns = _find_header(rows, table)
    for row in rows[:header_index]:
        title = TITLE_YEAR.search(" ".join(c.text for c in row.cells))
        if title and int(title.group(1)) != year:
            table.problems.append(Problem(table.path, f"line {row.line}",
                                          f"title says {title.group(1)}, the file name and dates say {year}; "
                                          f"read as {year}", YEAR_DISAGREES))
    _RowReader(table, columns).read(layout(rows[header_index + 1:], len(columns)))
    return table


def _find_header(rows, table: DhlFile) -> tuple[int, list[Optional[str]]]:
    for index, row in enumerate(rows):
        texts = [" ".join(c.text.split()) for c in row.cells for _ in range(c.colspan)]
        columns = [next((name for name, pattern in COLUMNS if pattern.search(t)), None) for t in texts]
        if "record" in columns and "date" in columns:
            missing = [name for name in REQUIRED if name not in columns]
            if missing:
                raise RepertoireError(table.path, f"table header has no {', '.join(missing)} column: {texts}",
                                      place=f"line {row.line}")
            for text, name in zip(texts, columns):
                if name is None:
                    table.problems.append(Problem(table.path, f"line {row.line}",
                                                  f"column {text!r} not recognised, ignored", MARKUP_REPAIRED))
            return index, columns
    raise RepertoireError(table.path, "no table header with 'Meeting Record' and 'Date' columns: "
                          "not one of the Library's meeting tables")


class _RowReader:
    def __init__(self, table: DhlFile, columns: list[Optional[str]]) -> None:
        self.table = table
        self.columns = columns
        self.owner: dict[int, list[Meeting]] = {}  # id(record cell) -> the meetings it opened
        self.previous: list[Meeting] = []  # meetings of the last row that opened any
        self.reported: set[tuple[str, str]] = set()  # a row naming two records is read twice: report once

    def read(self, grid: list[GridRow]) -> None:
        for number, row in enumerate(grid, start=1):
            self.place = f"row {number} (line {row.line})"
            for repair in row.repairs:
                self._problem(repair, MARKUP_REPAIRED)
            self.table.row_results.append(self._read_row(row))

    def _problem(self, message: str, kind: str) -> None:
        if (self.place, message) not in self.reported:
            self.reported.add((self.place, message))
            self.table.problems.append(Problem(self.table.path, self.place, message, kind))

    def _cells(self, row: GridRow) -> dict[str, Cell]:
        cells = {}
        for name, cell in zip(self.columns, row.cells):
            if name and cell is not None and name not in cells:
                cells[name] = cell
        return cells

    def _read_row(self, row: GridRow) -> str:
        cells = self._cells(row)
        record, date = cells.get("record"), cells.get("date")
        index = self.columns.index("record")
        distinct = {id(c) for c in row.cells if c is not None}
        if len(distinct) == 1 and not _meeting_symbols(record.text if record else ""):
            self._problem(f"a note across the table, not a meeting: {record.text if record else ''!r}", NOTICE_ROW)
            return NOTICE_ROW
        if index in row.carried or (record is not None and date is not None and not record.text and not date.text):
            return self._continue(cells, carried=index in row.carried)
        if record is None or record.blank:
            return self._without_meeting(record, cells)
        symbols, rest = self._record_symbols(record)
        if not symbols:
            self._problem(f"no meeting record symbol in {record.text!r}: {self._summary(cells)}", UNREADABLE_ROW)
            return UNREADABLE_ROW
        meetings = [Meeting(s, sources=[self.table.path]) for s in symbols]
        iso, note = self._date(date)
        for meeting in meetings:
            meeting.date = iso
            if note:
                meeting.notes.append(note)
            meeting.notes += self._record_notes(rest)
            meeting.other_documents += self._record_documents(record, meeting.symbol)
            self._fill(meeting, cells)
        self.owner[id(record)] = meetings
        self.previous = meetings
        self.table.meetings += meetings
        return "meeting"

    def _without_meeting(self, record: Optional[Cell], cells: dict[str, Cell]) -> str:
        """A row without a meeting record: a decision taken by written procedure when its outcome
        names one (or a draft put to the vote); else nothing to keep, and reported."""
        decision = self._written(cells)
        if decision.decisions or decision.drafts:
            self.table.written.append(decision)
            return WRITTEN_DECISION
        printed = record.text if record else ""
        self._problem(f"no meeting record ({printed!r}) and no decision, so nothing to keep: {self._summary(cells)}",
                      NO_MEETING_RECORD)
        return NO_MEETING_RECORD

    def _written(self, cells: dict[str, Cell]) -> WrittenDecision:
        """The decision a row without a meeting record lists: date, topics, letters, outcome, webcast."""
        decision = WrittenDecision(sources=[self.table.path])
        if not ("outcome" in cells and not cells["outcome"].blank):
            return decision
        outcome = cells["outcome"]
        decision.date, _ = self._date(cells.get("date"))
        if "topic" in cells:
            decision.topics = split_topics(cells["topic"].text)
            self._check_links(cells["topic"])
        for name, letters in (("procedure_letter", decision.procedure_letters),
                              ("outcome_letter", decision.outcome_letters)):
            if name in cells:
                add_new(letters, [s.canonical for s in self._symbols_in(cells[name])])
        decision.outcome = "; ".join(" ".join(group.split()) for group in BLANK_LINE.split(outcome.text))
        decision.decisions, documents = self._outcome(outcome)
        drafts = [m.symbol.canonical for m in find_symbols(outcome.text.replace("\n", " "))
                  if m.symbol.kind == "document" and DRAFT_FAILED.search(outcome.text[m.end:])]
        decision.drafts = [d for d in documents if d in drafts]
        decision.other_documents = [d for d in documents if d not in drafts]
        decision.webcast = self._webcast(cells.get("recording"))
        return decision

    def _webcast(self, cell: Optional[Cell]) -> Optional[str]:
        """The address of the webcast a recording cell links to (its line breaks taken out), if any."""
        for link in cell.links if cell else ():
            address = re.sub(r"\s+", "", link.href)
            if urlsplit(address).scheme in ("http", "https") and urlsplit(address).netloc:
                return address
            self._problem(f"webcast address {link.href!r} is not a web address: left out", UNREADABLE_ROW_PART)
        return None

    def _continue(self, cells: dict[str, Cell], carried: bool) -> str:
        record = cells.get("record")
        meetings = self.owner.get(id(record)) if carried else self.previous
        if not meetings:
            self._problem(f"continues a row that yielded no meeting: {self._summary(cells)}", UNREADABLE_ROW)
            return UNREADABLE_ROW
        for meeting in meetings:
            self._fill(meeting, cells)
        return "continuation"

    # cells -----------------------------------------------------------------
    def _fill(self, meeting: Meeting, cells: dict[str, Cell]) -> None:
        """Topic, press release, letters and outcome of one row, added to `meeting`."""
        if "topic" in cells:
            meeting.topics += [t for t in split_topics(cells["topic"].text) if t not in meeting.topics]
            self._check_links(cells["topic"])
        if "press_release" in cells:
            for symbol in self._symbols_in(cells["press_release"], use_hrefs=False):
                if symbol.canonical not in meeting.press_releases:
                    meeting.press_releases.append(symbol.canonical)
            add_new(meeting.web_links, press_release_links(cells["press_release"], self.table.year))
        if "recording" in cells:
            add_new(meeting.web_links, webcast_links(cells["recording"]))
        for name in ("procedure_letter", "outcome_letter"):
            if name in cells:
                add_new(meeting.other_documents, [s.canonical for s in self._symbols_in(cells[name])])
        if "outcome" in cells and not cells["outcome"].blank:
            outcome = cells["outcome"]
            printed = "; ".join(" ".join(group.split("\n")) for group in BLANK_LINE.split(outcome.text))
            meeting.outcome = f"{meeting.outcome}; {printed}" if meeting.outcome else printed
            decisions, documents = self._outcome(outcome)
            for decision in decisions:
                if decision.symbol not in {d.symbol for d in meeting.decisions}:
                    meeting.decisions.append(decision)
            add_new(meeting.other_documents, documents)

    def _record_symbols(self, record: Cell) -> tuple[list[str], str]:
        """The meeting records a record cell names (usually one, two for a meeting in parts),
        and the cell's text without them."""
        text = _closed_word(record.text.replace("\n", " "))
        found, rest, last = [], [], 0
        for match in _meeting_symbols(text):
            canonical, end = match.symbol.canonical, match.end
            link = _link_for(record, match.symbol)
            href = _href_symbol(link.href) if link else None
            if href:
                canonical = self._trust(link.text, match.symbol, href, text[match.end:])
            if canonical != match.symbol.canonical and ")" in text[end:]:
                end = text.index(")", end) + 1  # the cut-short suffix ("Resumption 1)") is read
            rest.append(text[last:match.start])
            last = end
            if canonical not in found:
                found.append(canonical)
        rest.append(text[last:])
        return found, " ".join(rest)

    def _trust(self, printed: str, text: Symbol, href: Symbol, after: str) -> str:
        """Which of a link's text and href names the document (see the module's notes)."""
        if _same_document(text.canonical, href.canonical):
            return text.canonical
        cut_short = (href.canonical.startswith(text.canonical + " (")
                     and href.canonical[len(text.canonical) + 2:].split()[0].strip(")").lower() in after.lower())
        chosen = href.canonical if cut_short else text.canonical
        why = "the printed symbol is cut short" if cut_short else "the printed text is trusted"
        self._problem(f"link text {printed!r} ({text.canonical}) and its address ({href.canonical}) "
                      f"disagree; read as {chosen}: {why}", LINK_DISAGREES)
        return chosen

    def _symbols_in(self, cell: Cell, use_hrefs: bool = True) -> list[Symbol]:
        """Symbols printed in a cell, plus those only its links name ("Corr.1" -> S/PV.3611/Corr.1)."""
        text = cell.text.replace("\n", " ")
        symbols = [m.symbol for m in find_symbols(text)]
        for link in cell.links:
            href = _href_symbol(link.href) if use_hrefs else None
            printed = [m.symbol for m in find_symbols(link.text)]
            if href is None:
                continue
            if printed:
                if not _same_document(printed[0].canonical, href.canonical):
                    self._trust(link.text, printed[0], href, "")
            elif href.canonical not in {s.canonical for s in symbols}:
                symbols.append(href)
        return symbols

    def _outcome(self, cell: Cell) -> tuple[list[Decision], list[str]]:
        """Adopted resolutions and statements with their vote; other documents (drafts, corrigenda)."""
        text = cell.text
        matches = find_symbols(text)
        self._check_links(cell)  # the printed text is what is read below
        decisions, documents = [], []
        for index, match in enumerate(matches):
            after = text[match.end: matches[index + 1].start if index + 1 < len(matches) else len(text)]
            after = BLANK_LINE.split(after)[0]  # a blank line ends what is said about this one
            before = text[matches[index - 1].end if index else 0: match.start]
            symbol = match.symbol
            draft = re.search(r"draft", before, re.I)
            if symbol.kind == "resolution" and not draft:
                decisions.append(self._decision(self._resolution_year(symbol), after))
            elif symbol.kind == "prst":
                decisions.append(Decision(symbol.canonical))
            elif symbol.kind == "document" and PRST_MARK.match(after):
                decisions.append(Decision(symbol.canonical, note="presidential statement"))
            elif symbol.kind != "meeting":
                documents.append(symbol.canonical)
        for link in cell.links:  # "Corr.1", "Add.1": documents only the address names
            href = _href_symbol(link.href)
            if href and not find_symbols(link.text) and href.kind != "meeting" and href.canonical not in documents:
                documents.append(href.canonical)
        return decisions, documents

    def _check_links(self, cell: Cell) -> None:
        """Report each link whose address names another document than its printed text."""
        for link in cell.links:
            href, printed = _href_symbol(link.href), find_symbols(link.text)
            if href and printed and not _same_document(printed[0].symbol.canonical, href.canonical):
                self._trust(link.text, printed[0].symbol, href, "")

    @staticmethod
    def _decision(symbol: str, after: str) -> Decision:
        vote = VOTE.search(after)
        note = next((label for pattern, label in NOTES if pattern.search(after)), None)
        return Decision(symbol, "-".join(vote.groups()) if vote else None, None if vote else note)

    def _resolution_year(self, symbol: Symbol) -> str:
        """A resolution adopted at a meeting of the table's year is of that year; a missing year is
        filled in, a different one corrected and reported."""
        match = re.match(r"S/RES/(\d+)(?: \((\d{4})\))?(.*)$", symbol.canonical)
        number, year, rest = match.groups()
        if year is None or int(year) != self.table.year:
            fixed = f"S/RES/{number} ({self.table.year}){rest}"
            if year is not None:
                self._problem(f"{symbol.canonical} adopted at a meeting in {self.table.year}: read as {fixed}",
                              YEAR_DISAGREES)
            return fixed
        return symbol.canonical

    def _date(self, cell: Optional[Cell]) -> tuple[Optional[str], Optional[str]]:
        """ISO date of the (first) day, and a note when the meeting ran over several days."""
        text = " ".join((cell.text if cell else "").split())
        match = DAY_MONTH.match(text)
        month = month_number(match.group(3)) if match else None
        if match and month:
            year = int(match.group(4) or self.table.year)
            if year != self.table.year:
                self._problem(f"date {text!r} is not in {self.table.year}", YEAR_DISAGREES)
            try:
                day = Date(year, month, int(match.group(1)))
            except ValueError:
                day = None
            if day:
                return day.isoformat(), (f"held on {text} {year}" if match.group(2) else None)
        self._problem(f"date not recognised: {text!r}", BAD_DATE)
        return None, None

    @staticmethod
    def _record_notes(rest: str) -> list[str]:
        """What the record cell says besides symbols: "(meeting held in Nairobi)"."""
        text = re.sub(r"\+|\b(?:Corr|Add|Rev)\.\s*\d+|\(\s*\)", " ", rest)
        text = " ".join(text.split()).strip(" ()")
        return [text] if re.search(r"[A-Za-z]", text) else []

    def _record_documents(self, record: Cell, meeting: str) -> list[str]:
        """Corrigenda and revisions of the record ("S/PV.3611+Corr.1")."""
        documents = []
        for link in record.links:
            href = _href_symbol(link.href)
            if href and not _meeting_symbols(link.text) and not _same_document(href.canonical, meeting):
                documents.append(href.canonical)
        return documents

    def _summary(self, cells: dict[str, Cell]) -> str:
        parts = [f"{name} {' '.join(cells[name].text.split())!r}" for name in ("date", "topic", "outcome")
                 if name in cells and not cells[name].blank]
        letters = [s.canonical for name in ("procedure_letter", "outcome_letter") if name in cells
                   for s in self._symbols_in(cells[name])]
        if letters:
            parts.append(f"letters {', '.join(letters)}")
        return ", ".join(parts) or "an empty row"


def split_topics(text: str) -> list[str]:
    """One agenda item per line; a line opening with "(" or a lower-case word continues the one above."""
    topics: list[str] = []
    for line in (" ".join(line.split()) for line in text.split("\n")):
        if not line or line.strip("-–") == "":
            continue
        line = re.sub(r"\(\s+", "(", line)
        if topics and (line[0] == "(" or line[0].islower()):
            topics[-1] += " " + line
        else:
            topics.append(line)
    return topics


def web_address(href: str) -> Optional[str]:
    """A link's address as a browser reads it (line breaks inside the attribute dropped), or None
    unless it is an http(s) address: anything else (javascript:, a relative path) stays text."""
    address = re.sub(r"[\t\n\r]", "", href).strip()
    parts = urlsplit(address)
    return address if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def press_release_links(cell: Cell, year: int) -> list[WebLink]:
    """The press releases of a cell with their addresses: the table's href; for a symbol printed
    without a link, the UN press site's address of its number in the table's year. A symbol whose
    link is not http(s) gets none: it stays text."""
    links, in_links = [], set()
    for link in cell.links:
        address = web_address(link.href)
        for match in find_symbols(link.text):
            in_links.add(match.symbol.canonical)
            if address:
                links.append(WebLink(PRESS_RELEASE, match.symbol.canonical, address))
    for match in find_symbols(cell.text.replace("\n", " ")):
        number = PRESS_NUMBER.match(match.symbol.canonical)
        if number and match.symbol.canonical not in in_links:
            links.append(WebLink(PRESS_RELEASE, match.symbol.canonical, PRESS_SITE.format(year, number.group(1))))
    return links


def webcast_links(cell: Cell) -> list[WebLink]:
    """The webcasts of a "Recording" cell (2020-2021): each link's address, named as printed."""
    return [WebLink(WEBCAST, " ".join(link.text.split()) or "Webcast", address)
            for link in cell.links if (address := web_address(link.href))]


def add_new(target: list[str], items: Iterable[str]) -> None:
    """Append each of `items` that `target` does not hold yet."""
    for item in items:
        if item not in target:
            target.append(item)


def _link_for(record: Cell, symbol: Symbol):
    """The link printing `symbol`: the one printing exactly it, else the only one with its meeting number."""
    printed = [(link, _meeting_symbols(_closed_word(link.text))) for link in record.links]
    printed = [(link, found[0].symbol) for link, found in printed if found]
    exact = [link for link, s in printed if s.canonical == symbol.canonical]
    same = [link for link, s in printed if s.meeting_number == symbol.meeting_number]
    return exact[0] if exact else same[0] if len(same) == 1 else None


def _meeting_symbols(text: str):
    return [m for m in find_symbols(text) if m.symbol.kind == "meeting"]


def _closed_word(text: str) -> str:
    """"S/PV.223 closed" (no parentheses, a few times) is "S/PV.223 (closed)"."""
    return re.sub(r"(S/PV\.\d+)\s+closed\b", r"\1 (closed)", text, flags=re.I)


def _href_symbol(href: str) -> Optional[Symbol]:
    """The document an undocs.org address names: "https://undocs.org/en/S/RES/170%20(1961)"."""
    parts = urlsplit(href.strip())
    if "undocs.org" not in parts.netloc.lower() and "symbol=" not in parts.query:
        return None
    query = parse_qs(parts.query).get("symbol")
    path = query[0] if query else unquote(parts.path).lstrip("/")
    path = re.sub(r"^(?:en|fr|es|ru|ar|zh)/", "", path)
    path = path.split("&")[0].strip()
    try:
        return parse_symbol(path)
    except RepertoireError:
        found = find_symbols(path)
        return found[0].symbol if found and found[0].start == 0 else None


def _base(canonical: str) -> str:
    """A document's identity for comparing link text and href: "(OR)", "(closed)" and a
    resolution's year are ways of writing the same document."""
    canonical = re.sub(r" \((?:OR|closed)\)", "", canonical)
    return re.sub(r"^(S/RES/\d+) \(\d{4}\)", r"\1", canonical)


def _same_document(a: str, b: str) -> bool:
    return _base(a) == _base(b)
