"""One meeting listed twice (two rows of one table, two sections, two sources) is one meeting with
one page: merged field by field, every disagreement a problem naming both places, the same page
whatever the order of the sources (generator/assemble/meetings.py)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.assemble.sources import read_sources
from generator.link.index import SiteIndex
from generator.link.pages import meeting_address
from generator.model import SOURCES_DISAGREE
from generator.render.renderer import SiteRenderer

from tests.support.builders import project_folder

BRIEFER = "Special Representative of the Secretary-General for Somalia"
ENVOY = "Special Envoy of the Secretary-General for the Horn of Africa"
MEETING = meeting_address("S/PV.9001")


def section(group: str, number: int, title: str, rows: list[str]) -> str:
    """A section whose one paragraph gives the account of S/PV.9001, and its table's rows (from line 9)."""
    marker = "⁰¹²³⁴⁵⁶⁷⁸⁹"[number]  # footnote `number` (one digit)
    return (f"{group}\n\n{number}. {title}\n\nThe Council met.{marker} It heard a briefing.\n\n"
            f"{marker} See S/PV.9001.\n\n" + "".join(f"{row}\n" for row in rows))


def row(date: str, invited: str, briefer: str = BRIEFER, decision: str = "") -> str:
    cells = [f"S/PV.9001 {date}", invited, briefer, "All Council members, all invitees"] + ([decision] if decision else [])
    return "\t".join(f"<p>{cell}</p>" for cell in cells)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def meeting_plans(index: SiteIndex) -> list[str]:
    return [page for _, page, _ in SiteRenderer(index, jobs=1).planned_pages() if page == MEETING]


def repertoire_build(project: Path, *arguments) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator.cli", "build", *map(str, arguments)],
                          cwd=project, capture_output=True, text=True)


# --------------------------------------------------------------------------- two rows of one table


def test_two_rows_on_one_date_are_one_meeting_with_every_invitee(tmp_path):
    source = write(tmp_path, "a.txt", section("Africa", 1, "The situation in Somalia", [
        row("28 July 2023", "Somalia"), row("28 July 2023", "Kenya, Somalia", ENVOY)]))
    repertoire = read_sources([source])
    [meeting] = repertoire.sections[0].meetings
    assert meeting.date == "2023-07-28"
    assert meeting.rule_37 == ["Somalia", "Kenya"] and meeting.rule_39 == [BRIEFER, ENVOY]
    assert repertoire.problems == []
    assert len(meeting_plans(SiteIndex.build(repertoire))) == 1


def test_two_rows_on_two_dates_are_a_problem_naming_both_rows(tmp_path):
    source = write(tmp_path, "a.txt", section("Africa", 1, "The situation in Somalia", [
        row("28 July 2023", "Somalia"), row("29 July 2023", "Somalia")]))
    repertoire = read_sources([source])
    [meeting] = repertoire.sections[0].meetings
    [problem] = repertoire.problems
    assert problem.kind == SOURCES_DISAGREE and (problem.file, problem.place) == (str(source), "line 10")
    assert f"'2023-07-28' in {source}, line 9" in problem.message and "'2023-07-29'" in problem.message
    assert meeting.date == "2023-07-28"  # the first row's, as the problem says


def test_a_fresh_project_builds_once_and_strict_fails_on_the_disagreement(tmp_path):
    """Before: exit 0 and "0 problems" after a build, exit 2 "a hand-written page has this generated
    page's address" on a new project folder; the second row's page replaced the first's."""
    project = project_folder(tmp_path / "project")
    (project / "sources").mkdir()
    write(project / "sources", "a.txt", section("Africa", 1, "The situation in Somalia", [
        row("28 July 2023", "Somalia"), row("29 July 2023", "Kenya")]))
    strict = repertoire_build(project, "--strict")
    assert strict.returncode == 1, strict.stderr
    assert "sources/a.txt: line 10:" in strict.stderr and "sources/a.txt, line 9" in strict.stderr
    built = repertoire_build(project)
    assert built.returncode == 0, built.stderr
    assert "hand-written page" not in built.stderr and "1 problem" in built.stdout
    page = (project / "content" / MEETING).read_text(encoding="utf-8")
    assert "28 July 2023" in page and "29 July 2023" not in page and "Kenya" in page and "Somalia" in page


# --------------------------------------------------------------------------- two sections, two sources

SOMALIA = ("Africa", 1, "The situation in Somalia", [row("28 July 2023", "Somalia", decision="S/RES/2700 (2023) 15-0-0")])
CHILDREN = ("Thematic issues", 2, "Children and armed conflict",
            [row("28 July 2023", "Kenya", ENVOY, decision="S/RES/2700 (2023) 13-0-2")])


def two_sections(folder: Path, order: str, one_file: bool = False) -> list[Path]:
    if one_file:
        return [write(folder, "both.txt", section(*SOMALIA) + "\n" + section(*CHILDREN))]
    files = [write(folder, "a.txt", section(*SOMALIA)), write(folder, "b.txt", section(*CHILDREN))]
    return files if order == "ab" else files[::-1]


@pytest.mark.parametrize("one_file", [False, True], ids=["two sources", "one source"])
def test_two_sections_listing_one_meeting_share_one_merged_meeting(tmp_path, one_file):
    repertoire = read_sources(two_sections(tmp_path, "ab", one_file))
    first, second = (s.meetings[0] for s in repertoire.sections)
    assert first is second  # one meeting, whichever section the page is reached from
    assert first.rule_37 == ["Somalia", "Kenya"] and first.rule_39 == [BRIEFER, ENVOY]
    assert [(d.symbol, d.vote) for d in first.decisions] == [("S/RES/2700 (2023)", "15-0-0")]
    [problem] = repertoire.problems
    assert problem.kind == SOURCES_DISAGREE and "vote on S/RES/2700" in problem.message
    assert (Path(problem.file).name, problem.place) == (("both.txt", "line 19") if one_file else ("b.txt", "line 9"))
    assert f"'15-0-0' in {repertoire.sections[0].sources[0]}, line 9" in problem.message
    index = SiteIndex.build(repertoire)
    assert len(meeting_plans(index)) == 1
    assert index.meeting_sections["S/PV.9001"] is repertoire.sections[0]  # its home: the first section


def test_the_meeting_page_does_not_depend_on_the_order_of_the_sources(tmp_path):
    pages = {}
    for order in ("ab", "ba"):
        folder = tmp_path / order
        folder.mkdir()
        repertoire = read_sources(two_sections(folder, order))
        pages[order] = SiteRenderer(SiteIndex.build(repertoire), jobs=1).pages()
        assert "Somalia" in pages[order][MEETING] and "15\\-0\\-0" in pages[order][MEETING]
        assert "The situation in Somalia" in pages[order][MEETING]  # its home, the first section on the site
    assert pages["ab"][MEETING] == pages["ba"][MEETING]
    sections = sorted(page for page in pages["ab"] if page.startswith("sections/") and page != "sections/index.md")
    assert len(sections) == 2
    for page in sections:  # both sections' pages link to the one meeting page
        assert all(f"[S/PV\\.9001](<../meetings/S-PV-9001.md>" in pages[order][page] for order in pages)
