"""The open data files of the built site: they load without cleaning and round-trip to the model."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest

from generator.assemble.sources import read_sources
from generator.model import Decision, Footnote, Meeting, Repertoire, Section, to_json_dict
from generator.render import opendata
from tests.support.paths import ROOT, SAMPLE_TXT
from tests.support.site_pages import read_page

CSV_FILES = ("meetings.csv", "citations.csv")
JSON_FILES = ("meetings.json", "footnotes.json", "repertoire.json", "datapackage.json")


@pytest.fixture(scope="module")
def model():
    return read_sources([SAMPLE_TXT])


def data(built, name: str) -> str:
    return (built / "site" / "data" / name).read_bytes().decode("utf-8")  # strict UTF-8


def test_files_are_linked_from_home_and_schema_page(built):
    home = read_page(built / "site" / "index.html")
    for name in CSV_FILES + JSON_FILES[:3]:
        assert f"data/{name}" in home.links
    assert "data/index.html" in home.links
    schema = read_page(built / "site" / "data" / "index.html")
    for name in CSV_FILES + JSON_FILES:
        assert name in schema.links


def test_csv_files_load_without_cleaning(built):
    for name in CSV_FILES:
        text = data(built, name)
        assert not text.startswith("\ufeff")
        rows = list(csv.reader(io.StringIO(text)))
        header, body = rows[0], rows[1:]
        assert body and all(len(row) == len(header) for row in body)
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", column) for column in header)  # one header row, plain names
        assert not any(row == header for row in body)
    for row in csv.DictReader(io.StringIO(data(built, "meetings.csv"))):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["date"])
        assert not row["rule_39"].startswith("[")  # lists are joined, not Python reprs


def test_schema_documents_every_column_and_key(built):
    schema = " ".join(read_page(built / "site" / "data" / "index.html").text)
    package = json.loads(data(built, "datapackage.json"))
    fields = {r["path"]: [f["name"] for f in r.get("schema", {}).get("fields", [])] for r in package["resources"]}
    for name in CSV_FILES:
        header = next(csv.reader(io.StringIO(data(built, name))))
        assert fields[name] == header
        for column in header:
            assert column in schema
    meeting = json.loads(data(built, "meetings.json"))["meetings"][0]
    assert set(meeting) == set(fields["meetings.csv"])
    footnote = json.loads(data(built, "footnotes.json"))["footnotes"][0]
    documented = {c.name for d in opendata.DATASETS if d.path == opendata.FOOTNOTES_JSON for c in d.columns}
    assert set(footnote) == documented
    for key in footnote:
        assert key in schema
    assert "written after an apostrophe" in " ".join(schema.split())  # a cell that would be a formula


def test_one_version_everywhere(built):
    version = json.loads(data(built, "datapackage.json"))["version"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    for name in ("meetings.json", "footnotes.json", "repertoire.json"):
        assert json.loads(data(built, name))["version"] == version
    assert f"Version {version}" in " ".join(read_page(built / "site" / "data" / "index.html").text)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in CSV_FILES + JSON_FILES:
        assert f"data/{name}" in readme


def test_meetings_round_trip(built, model):
    expected = [((s.supplement, s.part, s.number), m) for s, m in model.meetings()]
    assert opendata.load_meetings_json(data(built, "meetings.json")) == expected
    assert opendata.load_meetings_csv(data(built, "meetings.csv")) == expected


def test_footnotes_round_trip(built, model):
    expected = [((s.supplement, s.part, s.number), f) for s in model.sections for f in s.footnotes]
    assert opendata.load_footnotes_json(data(built, "footnotes.json")) == expected


def test_citations_round_trip(built, model):
    rows = opendata.load_citations_csv(data(built, "citations.csv"))
    section = model.sections[0]
    by_footnote: dict[int, list] = {}
    for row in rows:
        if row["footnote"] is not None:
            by_footnote.setdefault(row["footnote"], []).append(row)
    for footnote in section.footnotes:
        mine = by_footnote.get(footnote.number, [])
        assert [r["symbol"] for r in mine if r["symbol"]] == footnote.citations
        assert all(r["countries"] == footnote.countries and r["source_page"] == footnote.page for r in mine)
        assert bool(mine) == bool(footnote.citations or footnote.countries)
    # The narrative's own citations: "resolution 2378 (2017)" twice, "resolution 2436 (2018)" once in the source.
    source = SAMPLE_TXT.read_text(encoding="utf-8")
    printed = [f"S/RES/{n} ({y})" for n, y in re.findall(r"resolution \[(\d+) \\\((\d{4})\\\)\]", source)]
    assert sorted(r["symbol"] for r in rows if r["footnote"] is None) == sorted(printed) and len(printed) == 3
    usa = next(r for r in rows if r["footnote"] == 837)
    assert usa["country_codes"] == ["CHE", "USA", "MOZ"]


def test_whole_model_round_trips(built, model):
    loaded = opendata.load_repertoire_json(data(built, "repertoire.json"))
    assert loaded.sections == model.sections


# Cells a spreadsheet would evaluate (OWASP, "CSV Injection"): written as text, read back as printed.
HYPERLINK = '=HYPERLINK("http://example.com/x","click")'


def _hostile_model(carriage_return: bool = False) -> Repertoire:
    meeting = Meeting("S/PV.1", date="2023-01-05", sub_item="-3+4", other_documents=["@SUM(A1:A9)", "S/2023/1"],
                      rule_37=["'=marked already"], rule_39=["\r" * carriage_return + "A return", "\tA tab"],
                      speakers=[HYPERLINK, "Ghana"], decisions=[Decision("+1+2", "15-0-0")])
    footnote = Footnote(1, "See S/PV.1.", citations=["S/PV.1"], countries=["''+twice", "Japan", "'O Kelly"], page=3)
    section = Section("7", HYPERLINK, supplement=2023, part="I", footnotes=[footnote], meetings=[meeting])
    return Repertoire([section])


def _hostile_files(carriage_return: bool = False) -> dict[str, str]:
    model = _hostile_model(carriage_return)
    return dict(opendata.data_files(model, lambda symbol: "meetings/x.html", lambda section, number: (1, "S/PV.1"),
                                    lambda section: {}, lambda: to_json_dict(model)))


def test_no_csv_cell_starts_a_formula():
    files = _hostile_files()
    for name in CSV_FILES:
        cells = [cell for row in csv.reader(io.StringIO(files[f"data/{name}"])) for cell in row]
        assert not [cell for cell in cells if cell[:1] in tuple("=+-@\t\r")], name
    row = next(csv.DictReader(io.StringIO(files[opendata.MEETINGS_CSV])))
    assert row["speakers"] == f"'{HYPERLINK}; Ghana" and row["section_title"] == f"'{HYPERLINK}"
    assert row["sub_item"] == "'-3+4" and row["decisions"] == "'+1+2: 15-0-0" and row["rule_39"] == "A return; \tA tab"
    assert row["rule_37"] == "''=marked already"  # one apostrophe more, so the original comes back
    citation = next(csv.DictReader(io.StringIO(files[opendata.CITATIONS_CSV])))
    assert citation["countries"] == "'''+twice; Japan; 'O Kelly"  # an apostrophe before a letter is left


def test_csv_cells_a_spreadsheet_would_evaluate_read_back_as_printed():
    files, model = _hostile_files(), _hostile_model()
    section = model.sections[0]
    assert opendata.load_meetings_csv(files[opendata.MEETINGS_CSV]) == [((2023, "I", "7"), section.meetings[0])]
    (row,) = opendata.load_citations_csv(files[opendata.CITATIONS_CSV])
    assert row["countries"] == section.footnotes[0].countries and row["symbol"] == "S/PV.1"
    # JSON is not a spreadsheet's input: its strings are left as they are.
    assert json.loads(files[opendata.MEETINGS_JSON])["meetings"][0]["speakers"][0] == HYPERLINK


def test_a_cell_starting_with_a_carriage_return_keeps_its_row():
    files = _hostile_files(carriage_return=True)
    rows = list(csv.reader(io.StringIO(files[opendata.MEETINGS_CSV])))
    rule_39 = rows[0].index("rule_39")
    assert len(rows) == 2 and rows[1][rule_39] == "'\rA return; \tA tab"
    (_, meeting), = opendata.load_meetings_csv(files[opendata.MEETINGS_CSV])
    assert meeting == _hostile_model(carriage_return=True).sections[0].meetings[0]
