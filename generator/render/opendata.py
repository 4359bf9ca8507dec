"""The parsed data as files to download: JSON and CSV, with their schema and a version.

Written into the site's data/ folder beside the Markdown pages (MkDocs copies
them as they are). Every file is UTF-8; CSV files have one header row, ISO
dates, lists joined with "; ", and a text cell a spreadsheet would take for a
formula written after an apostrophe (`_spreadsheet_safe`). `DATASETS` describes
every column and is the one source of the schema page (data/index.md), of
data/datapackage.json (a Frictionless Data Package descriptor) and of the
README's table.

DATA_VERSION follows semantic versioning: a new column or key is a minor
change; a removed or renamed one, or a changed meaning, is a major one.
The loaders below read the files back into the model (the tests check the
round trip).
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, fields, is_dataclass
from typing import Callable, Iterator, Optional, Union, get_args, get_origin, get_type_hints

from generator.link import countries
from generator.model import Decision, Footnote, Meeting, Repertoire, Section, WrittenDecision
from generator.model.symbols import find_symbols

DATA_VERSION = "1.1.0"  # 1.1: data/decisions.csv
LIST_SEPARATOR = "; "
# A spreadsheet evaluates a cell that starts with one of these (OWASP, "CSV Injection"): such a
# cell is written after an apostrophe, which spreadsheets take as "this is text". A cell already
# made of apostrophes then one of these gets one apostrophe more, so reading back is exact.
FORMULA_START = "=+-@\t\r"
TEXT_MARK = "'"
_NEEDS_MARK = re.compile(f"{TEXT_MARK}*[{re.escape(FORMULA_START)}]")
_MARKED = re.compile(f"{TEXT_MARK}+[{re.escape(FORMULA_START)}]")

MEETINGS_JSON = "data/meetings.json"
MEETINGS_CSV = "data/meetings.csv"
FOOTNOTES_JSON = "data/footnotes.json"
CITATIONS_CSV = "data/citations.csv"
DECISIONS_CSV = "data/decisions.csv"
REPERTOIRE_JSON = "data/repertoire.json"
DATAPACKAGE = "data/datapackage.json"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless types: string, integer, date, boolean, array, object
    description: str


_SECTION_COLUMNS = (
    Column("supplement", "integer", "Year of the Repertoire supplement, e.g. 2023 (empty when the source does not say)"),
    Column("part", "string", "Part of the supplement, a roman numeral, e.g. I"),
    Column("section", "string", "Section number as printed, e.g. 24"),
)


@dataclass(frozen=True)
class Dataset:
    path: str  # content-relative
    title: str
    description: str
    columns: tuple[Column, ...]
    format: str  # csv or json

    @property
    def name(self) -> str:
        """The file's name, without its folder: "meetings.csv"."""
        return self.path.rsplit("/", 1)[-1]


DATASETS = (
    Dataset(MEETINGS_CSV, "Meetings", "One row per meeting of the meetings tables.", _SECTION_COLUMNS + (
        Column("section_title", "string", "Title of the section (the agenda item)"),
        Column("symbol", "string", "Record symbol of the meeting, e.g. S/PV.9389"),
        Column("date", "date", "Date of the meeting, ISO yyyy-mm-dd"),
        Column("sub_item", "string", "Sub-item, empty if none"),
        Column("other_documents", "array", "Other documents considered; list"),
        Column("rule_37", "array", "States invited under rule 37, as printed; list"),
        Column("rule_39", "array", "Persons invited under rule 39 and other invitations, one per invitee; list"),
        Column("speakers", "array", "Speakers, as printed; list"),
        Column("decisions", "array", "Decisions, each 'symbol: for-against-abstaining', or the symbol alone when "
                                     "adopted without a vote; list"),
        Column("page", "string", "Address of the meeting's page on this site, relative to the site root"),
    ), "csv"),
    Dataset(MEETINGS_JSON, "Meetings (JSON)", "The same meetings as an array under \"meetings\"; lists are arrays "
            "and each decision is an object {\"symbol\", \"vote\"} (vote null when adopted without a vote).",
            (), "json"),
    Dataset(FOOTNOTES_JSON, "Footnotes", "Every footnote, as an array under \"footnotes\".", _SECTION_COLUMNS + (
        Column("number", "integer", "Footnote number as printed in the Repertoire"),
        Column("text", "string", "The footnote as printed"),
        Column("citations", "array", "Canonical symbols of the documents it cites, 'Ibid.' resolved"),
        Column("countries", "array", "Countries it names, as printed"),
        Column("country_codes", "array", "ISO 3166-1 alpha-3 codes of those countries that are UN Member or "
                                         "observer States, in the same order"),
        Column("ibid", "boolean", "Printed as 'Ibid.'"),
        Column("page", "integer", "Page (PDF source) or line (text source) where it is printed"),
        Column("paragraph", "integer", "Number of the section's paragraph whose marker refers to it"),
        Column("meeting", "string", "Meeting whose account that paragraph belongs to; null for the overview"),
        Column("statement", "string", "The sentence of the narrative the footnote supports (the one its marker "
                                      "closes)"),
    ), "json"),
    Dataset(CITATIONS_CSV, "Citations", "One row per document cited by a footnote (a footnote citing no document "
            "but naming countries has one row with an empty symbol), then one per symbol cited in the narrative "
            "itself (empty footnote).", _SECTION_COLUMNS + (
        Column("source_page", "integer", "Page (PDF source) or line (text source) of the footnote or paragraph"),
        Column("footnote", "integer", "Footnote number, empty for a citation in the narrative"),
        Column("paragraph", "integer", "Number of the paragraph in its section"),
        Column("meeting", "string", "Meeting whose account the citation is in, empty for the overview"),
        Column("symbol", "string", "Canonical symbol of the cited document"),
        Column("countries", "array", "Countries the footnote names, as printed; list"),
        Column("country_codes", "array", "ISO 3166-1 alpha-3 codes of those that are UN Member or observer States; "
                                         "list"),
    ), "csv"),
    Dataset(DECISIONS_CSV, "Decisions taken without a meeting", "One row per decision the Council took by "
            "written procedure, without a meeting, in the COVID-19 videoconference period (2020-2021), as the "
            "Library's tables list it (`--dhl`); empty otherwise.", (
        Column("date", "date", "Date the outcome was announced, ISO yyyy-mm-dd"),
        Column("decisions", "array", "Resolutions and statements adopted, each 'symbol: for-against-abstaining', or "
                                     "the symbol alone when adopted without a vote; list"),
        Column("drafts", "array", "Draft resolutions put to the vote and not adopted; list"),
        Column("topics", "array", "Agenda items, as the Library's table prints them; list"),
        Column("procedure_letters", "array", "Letters setting out the vote procedure; list"),
        Column("outcome_letters", "array", "Letters announcing the outcome of the vote; list"),
        Column("other_documents", "array", "Other documents the outcome names; list"),
        Column("outcome", "string", "The outcome as the Library's table prints it"),
        Column("webcast", "string", "Address of the webcast of the announcement, empty if none"),
        Column("page", "string", "Address of the decision's page on this site, relative to the site root"),
    ), "csv"),
    Dataset(REPERTOIRE_JSON, "Everything", "The whole parsed model (sections with their paragraphs, footnotes and "
            "meetings, and the problems found), in the documented format of `repertoire parse --json`.",
            (), "json"),
)


def _join(items) -> str:
    return LIST_SEPARATOR.join(str(item) for item in items)


def _split(text: str) -> list[str]:
    return text.split(LIST_SEPARATOR) if text else []


def _codes(names: list[str]) -> list[str]:
    found = (countries.lookup(name) for name in names)
    return [country.code for country in found if country]


def _spreadsheet_safe(value):
    """'=HYPERLINK(...)' -> "'=HYPERLINK(...)": text, not a formula, in a spreadsheet."""
    if isinstance(value, str) and _NEEDS_MARK.match(value):
        return TEXT_MARK + value
    return value


def _unmarked(cell: str) -> str:
    """The cell as the model had it: the apostrophe `_spreadsheet_safe` added taken off."""
    return cell[len(TEXT_MARK):] if _MARKED.match(cell) else cell


def _csv(columns: tuple[Column, ...], rows: list[dict]) -> str:
    out = io.StringIO()
    names = [c.name for c in columns]
    writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
    # csv quotes a cell holding the line terminator ("\n") but not one holding a lone "\r", which
    # readers take for the end of the row: a row with one has every cell quoted.
    quoted = csv.DictWriter(out, fieldnames=names, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for row in rows:
        cells = {key: "" if value is None else _spreadsheet_safe(value) for key, value in row.items()}
        (quoted if any("\r" in str(cell) for cell in cells.values()) else writer).writerow(cells)
    return out.getvalue()


def _csv_rows(text: str) -> Iterator[dict]:
    """A CSV file's rows, each cell as it was before `_csv` wrote it."""
    for row in csv.DictReader(io.StringIO(text)):
        yield {key: _unmarked(cell) for key, cell in row.items()}


def _json(data: dict) -> str:
    """JSON with a line for each top-level key and for each item of a top-level list: as easy to
    read and compare as indented JSON, and written by json's C encoder (indenting takes its
    pure-Python path, several times slower on files of tens of megabytes)."""
    lines = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            items = ",\n  ".join(json.dumps(item, ensure_ascii=False) for item in value)
            lines.append(f" {json.dumps(key)}: [\n  {items}\n ]")
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _section_fields(section: Section) -> dict:
    return {"supplement": section.supplement, "part": section.part, "section": section.number}


def meeting_record(section: Section, meeting: Meeting, page: str) -> dict:
    return {**_section_fields(section), "section_title": section.title, "symbol": meeting.symbol,
            "date": meeting.date, "sub_item": meeting.sub_item, "other_documents": list(meeting.other_documents),
            "rule_37": list(meeting.rule_37), "rule_39": list(meeting.rule_39), "speakers": list(meeting.speakers),
            "decisions": [{"symbol": d.symbol, "vote": d.vote} for d in meeting.decisions], "page": page}


def decision_row(decision: WrittenDecision, page: str) -> dict:
    """A decision taken without a meeting as a row of data/decisions.csv."""
    return {"date": decision.date, "decisions": _join(_decision_text({"symbol": d.symbol, "vote": d.vote})
                                                      for d in decision.decisions),
            **{name: _join(getattr(decision, name)) for name in
               ("drafts", "topics", "procedure_letters", "outcome_letters", "other_documents")},
            "outcome": decision.outcome, "webcast": decision.webcast, "page": page}


def _decision_text(decision: dict) -> str:
    return f"{decision['symbol']}: {decision['vote']}" if decision["vote"] else decision["symbol"]


def data_files(repertoire: Repertoire, meeting_page: Callable[[str], str],
               footnote_place: Callable[[Section, int], tuple[Optional[int], Optional[str]]],
               statements: Callable[[Section], dict[int, str]], full: Callable[[], dict],
               decision_page: Callable[[str], str] = lambda symbol: "") -> Iterator[tuple[str, str]]:
    """Every data file, one at a time: (content-relative path, text).

    `meeting_page(symbol)` gives a meeting's site address, `footnote_place`
    the (paragraph number, meeting) a footnote is referenced from, and
    `statements(section)` what each footnote supports, `decision_page(symbol)` the site address of
    a decision taken without a meeting; `full()` is the model as
    `to_json_dict` gives it. Files are made as they are asked for: the data of
    one lives in memory at a time.
    """
    header = {"version": DATA_VERSION, "schema": "index.md"}
    columns = {d.path: d.columns for d in DATASETS}
    meetings = [meeting_record(s, m, meeting_page(m.symbol)) for s, m in repertoire.meetings()]
    yield MEETINGS_JSON, _json({**header, "meetings": meetings})
    meeting_rows = [{**record, **{key: _join(record[key]) for key in
                                  ("other_documents", "rule_37", "rule_39", "speakers")},
                     "decisions": _join(_decision_text(d) for d in record["decisions"])} for record in meetings]
    del meetings
    yield MEETINGS_CSV, _csv(columns[MEETINGS_CSV], meeting_rows)
    del meeting_rows
    footnotes, citations = [], []
    for section in repertoire.sections:
        said = statements(section)
        for footnote in section.footnotes:
            paragraph, meeting = footnote_place(section, footnote.number)
            codes = _codes(footnote.countries)
            footnotes.append({**_section_fields(section), "number": footnote.number, "text": footnote.text,
                              "citations": footnote.citations, "countries": footnote.countries,
                              "country_codes": codes, "ibid": footnote.ibid, "page": footnote.page,
                              "paragraph": paragraph, "meeting": meeting, "statement": said.get(footnote.number)})
            for symbol in footnote.citations or ([""] if footnote.countries else []):
                citations.append({**_section_fields(section), "source_page": footnote.page,
                                  "footnote": footnote.number, "paragraph": paragraph, "meeting": meeting,
                                  "symbol": symbol, "countries": _join(footnote.countries),
                                  "country_codes": _join(codes)})
        for number, paragraph in enumerate(section.paragraphs, 1):
            for match in find_symbols(paragraph.text):
                citations.append({**_section_fields(section), "source_page": paragraph.page, "footnote": None,
                                  "paragraph": number, "meeting": paragraph.meeting,
                                  "symbol": match.symbol.canonical, "countries": "", "country_codes": ""})
    yield FOOTNOTES_JSON, _json({**header, "footnotes": footnotes})
    del footnotes
    yield CITATIONS_CSV, _csv(columns[CITATIONS_CSV], citations)
    del citations
    yield DECISIONS_CSV, _csv(columns[DECISIONS_CSV], [decision_row(d, decision_page(d.symbol))
                                                       for d in repertoire.written_decisions])
    yield REPERTOIRE_JSON, _json({**full(), "version": DATA_VERSION})
    yield DATAPACKAGE, json.dumps(datapackage(), ensure_ascii=False, indent=1) + "\n"


def datapackage() -> dict:
    """A Frictionless Data Package descriptor of the files (https://specs.frictionlessdata.io/)."""
    resources = []
    for dataset in DATASETS:
        resource = {"name": dataset.name.replace(".", "-"), "path": dataset.path.split("/", 1)[1],
                    "title": dataset.title, "description": dataset.description, "format": dataset.format,
                    "encoding": "utf-8", "mediatype": "text/csv" if dataset.format == "csv" else "application/json"}
        if dataset.format == "csv":
            resource["dialect"] = {"delimiter": ",", "header": True}
            resource["schema"] = {"fields": [
                {"name": c.name, "type": "string" if c.type == "array" else c.type, "description": c.description}
                for c in dataset.columns]}
        resources.append(resource)
    return {"name": "repertoire-security-council", "title": "Repertoire of the Practice of the Security Council",
            "version": DATA_VERSION, "resources": resources}


# Reading the files back -------------------------------------------------------------------

def _optional_int(text: str) -> Optional[int]:
    return int(text) if text else None


def _meeting(record: dict) -> Meeting:
    return Meeting(record["symbol"], date=record["date"], sub_item=record["sub_item"],
                   other_documents=record["other_documents"], rule_37=record["rule_37"], rule_39=record["rule_39"],
                   speakers=record["speakers"], decisions=[Decision(d["symbol"], d["vote"]) for d in record["decisions"]])


def load_meetings_json(text: str) -> list[tuple[tuple, Meeting]]:
    """[((supplement, part, section), Meeting)] from data/meetings.json."""
    data = json.loads(text)
    return [((r["supplement"], r["part"], r["section"]), _meeting(r)) for r in data["meetings"]]


def load_meetings_csv(text: str) -> list[tuple[tuple, Meeting]]:
    rows = []
    for row in _csv_rows(text):
        decisions = []
        for item in _split(row["decisions"]):
            symbol, _, vote = item.partition(": ")
            decisions.append({"symbol": symbol, "vote": vote or None})
        record = {**row, "date": row["date"] or None, "sub_item": row["sub_item"] or None, "decisions": decisions,
                  **{key: _split(row[key]) for key in ("other_documents", "rule_37", "rule_39", "speakers")}}
        key = (_optional_int(row["supplement"]), row["part"] or None, row["section"])
        rows.append((key, _meeting(record)))
    return rows


def load_footnotes_json(text: str) -> list[tuple[tuple, Footnote]]:
    data = json.loads(text)
    return [((r["supplement"], r["part"], r["section"]),
             Footnote(r["number"], r["text"], citations=r["citations"], countries=r["countries"], ibid=r["ibid"],
                      page=r["page"]))
            for r in data["footnotes"]]


def load_citations_csv(text: str) -> list[dict]:
    """Rows with lists split and numbers read: ready to compare with the model."""
    rows = []
    for row in _csv_rows(text):
        rows.append({**row, "supplement": _optional_int(row["supplement"]), "part": row["part"] or None,
                     "source_page": _optional_int(row["source_page"]), "footnote": _optional_int(row["footnote"]),
                     "paragraph": _optional_int(row["paragraph"]), "meeting": row["meeting"] or None,
                     "countries": _split(row["countries"]), "country_codes": _split(row["country_codes"])})
    return rows


def load_repertoire_json(text: str) -> Repertoire:
    """The model from data/repertoire.json (the format of `repertoire parse --json`)."""
    return _from_data(Repertoire, json.loads(text))


def _from_data(cls, data: dict):
    """A model dataclass from its `asdict` form, nested dataclasses included; unknown keys are ignored."""
    hints = get_type_hints(cls)
    return cls(**{f.name: _value(hints[f.name], data[f.name]) for f in fields(cls) if f.name in data})


def _value(hint, value):
    if value is None:
        return None
    if get_origin(hint) is Union:
        hint = next(arg for arg in get_args(hint) if arg is not type(None))
    if get_origin(hint) is list:
        (item,) = get_args(hint)
        return [_value(item, v) for v in value]
    if is_dataclass(hint):
        return _from_data(hint, value)
    return value
