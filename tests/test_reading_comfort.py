"""Reading comfort in the built site: every generated page's breadcrumbs lead up the site (on the
bundled site and the Library's, topics and records included), and the footer's build date
follows SOURCE_DATE_EPOCH without breaking incremental builds."""
from __future__ import annotations

import json
import posixpath
import re
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.site.search_index import hand_written
from generator.site.stamp import build_date
from tests.support.builders import cli_build, project_folder
from tests.support.paths import ROOT, SAMPLE_TXT


class _Breadcrumbs(HTMLParser):
    """The steps of a page's <nav aria-label="Breadcrumb">: [(label, href or None)], and how many navs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.navs = 0
        self.steps: list[list] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and attrs.get("aria-label") == "Breadcrumb":
            self.navs += 1
            self._inside = True
        elif self._inside and tag == "li":
            self.steps.append(["", None])
        elif self._inside and tag == "a":
            self.steps[-1][1] = attrs.get("href")

    def handle_endtag(self, tag):
        if tag == "nav":
            self._inside = False

    def handle_data(self, data):
        if self._inside and self.steps:
            self.steps[-1][0] += data


def breadcrumbs(site: Path, page: str) -> tuple[int, list[tuple[str, str | None]]]:
    parser = _Breadcrumbs()
    parser.feed((site / page).read_text(encoding="utf-8"))
    return parser.navs, [(label, href) for label, href in parser.steps]


def check_trail(site: Path, page: str) -> list[str]:
    """What is wrong with a page's breadcrumbs: each link must reach a page of the site whose own
    breadcrumbs are the steps before it (the home page has none), and the last step is the page."""
    navs, steps = breadcrumbs(site, page)
    if navs != 1 or not steps or steps[-1][1] is not None or any(href is None for _, href in steps[:-1]):
        return [f"{page}: {navs} breadcrumb navs, steps {steps}"]
    problems = []
    for position, (label, href) in enumerate(steps[:-1]):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
        if not (site / target).is_file():
            problems.append(f"{page}: {label} -> {href}: no such page")
        elif position == 0 and (target != "index.html" or breadcrumbs(site, target)[0]):
            problems.append(f"{page}: the first step is not the home page: {href}")
        elif position and [s for s, _ in breadcrumbs(site, target)[1]] != [s for s, _ in steps[:position + 1]]:
            problems.append(f"{page}: {label} -> {href}: its own breadcrumbs are {breadcrumbs(site, target)[1]}")
    return problems


def generated_pages(site: Path) -> list[str]:
    listed = (site.parent / "content" / ".generated").read_text(encoding="utf-8").split("\n")
    return [name[:-3] + ".html" for name in listed if name.endswith(".md")]


def test_every_generated_page_of_the_bundled_site_has_breadcrumbs_leading_up(built):
    site = built / "site"
    pages = [p for p in generated_pages(site) if p != "index.md" and p != "index.html"]
    assert len(pages) > 40  # every kind of page: indexes, a year, meetings, sections, entities
    problems = [problem for page in pages for problem in check_trail(site, page)]
    assert not problems, problems[:10]
    assert breadcrumbs(site, "index.html")[0] == 0  # the home page is the top


def test_topics_and_library_records_have_breadcrumbs_on_the_library_site(library_site):
    site = library_site / "site"
    topic = next(p for p in sorted((site / "topics").glob("*.html"))
                 if "situation in cyprus" in p.name.replace("-", " "))
    topic_page = topic.relative_to(site).as_posix()
    assert [label for label, _ in breadcrumbs(site, topic_page)[1][:-1]] == ["Home", "Topics"]
    assert "Cyprus" in breadcrumbs(site, topic_page)[1][-1][0]
    first_meeting = "meetings/S-PV-1.html"  # known from the Library's tables only
    assert [label for label, _ in breadcrumbs(site, first_meeting)[1][:-1]] == ["Home", "Meetings", "1946"]
    sample = [topic_page, first_meeting, *generated_pages(site)[::97]]  # every kind, a few of each
    problems = [problem for page in sample for problem in check_trail(site, page)]
    assert not problems, problems[:10]


def footers(site: Path) -> set[str]:
    """The build line of every page's footer."""
    lines = set()
    for page in site.rglob("*.html"):
        found = re.search(r"Built \d{4}-\d\d-\d\d from Repertoire Site [^<\s]+", page.read_text(encoding="utf-8"))
        lines.add(found.group() if found else f"none in {page.relative_to(site)}")
    return lines


def test_the_footer_date_follows_source_date_epoch_and_a_new_date_rebuilds_every_page(tmp_path, monkeypatch):
    work = project_folder(tmp_path / "project")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 14 November 2023, 22:13 UTC
    cli_build(work, SAMPLE_TXT)
    report = json.loads((work / "site" / "build-report.json").read_text(encoding="utf-8"))
    assert report["built"]["date"] == "2023-11-14"
    version = report["built"]["version"]
    assert footers(work / "site") == {f"Built 2023-11-14 from Repertoire Site {version}"}

    cli_build(work, SAMPLE_TXT)  # the same day: nothing to rewrite
    assert json.loads((work / "site" / "build-report.json").read_text(encoding="utf-8"))["build"]["incremental"]

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700100000")  # a later day: every footer changes
    cli_build(work, SAMPLE_TXT)
    report = json.loads((work / "site" / "build-report.json").read_text(encoding="utf-8"))
    assert report["build"]["incremental"] is False
    assert footers(work / "site") == {f"Built 2023-11-16 from Repertoire Site {version}"}


@pytest.mark.parametrize("epoch", ["", "not a number"])
def test_without_a_usable_epoch_the_footer_date_is_today_in_utc(monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert build_date() == datetime.now(timezone.utc).date()


def test_the_about_pages_breadcrumbs_are_not_searched_as_its_text(tmp_path):
    text = (ROOT / "content" / "about.md").read_text(encoding="utf-8")
    assert text.startswith('<nav class="breadcrumbs" aria-label="Breadcrumb">')
    (tmp_path / "about.md").write_text(text, encoding="utf-8")
    (about,) = hand_written(tmp_path)
    assert about.passages[0].text.startswith("This site is generated from the Repertoire")
    assert not any("Home" in passage.text for passage in about.passages)
