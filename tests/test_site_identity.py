"""A refactoring keeps the built site byte for byte: the site of the baseline commit
(scripts/compare_sites.py's BASELINE) and the working tree's, built side by side."""
from __future__ import annotations

import importlib.util
import shutil
import subprocess

import pytest

from tests.support.paths import ROOT

spec = importlib.util.spec_from_file_location("compare_sites", ROOT / "scripts" / "compare_sites.py")
compare_sites = importlib.util.module_from_spec(spec)
spec.loader.exec_module(compare_sites)

# A year of each period of the Library's tables: the first year, the Cyprus complaint, the 1990s
# layout, the videoconference year (two tables) and the last year.
DHL_YEARS = ("1946", "1963", "1994", "2020", "2020_covid", "2022")


def _baseline_present() -> bool:
    return subprocess.run(["git", "cat-file", "-e", compare_sites.BASELINE + "^{commit}"], cwd=ROOT).returncode == 0


needs_baseline = pytest.mark.skipif(not _baseline_present(), reason="the baseline commit is not in this clone's history")


def test_a_changed_page_is_a_difference(tmp_path):
    for side, text in (("before", "S/PV.9389"), ("after", "S/PV.9390")):
        (tmp_path / side / "site" / "meetings").mkdir(parents=True)
        (tmp_path / side / "site" / "meetings" / "a.html").write_text(text)
        (tmp_path / side / "site" / "same.html").write_text("same")
    (tmp_path / "after" / "site" / "new.html").write_text("new")
    assert compare_sites.differences(tmp_path / "before", tmp_path / "after") == [
        "differs: site/meetings/a.html", "new after: site/new.html"]


@needs_baseline
def test_the_bundled_site_is_unchanged():
    assert compare_sites.compare() == []


@needs_baseline
def test_the_site_with_the_librarys_tables_is_unchanged(shared_data, tmp_path):
    tables = tmp_path / "tables"
    tables.mkdir()
    for year in DHL_YEARS:
        shutil.copy(shared_data / "dhl-meeting-tables" / f"scact{year}_table_en.html", tables)
    assert compare_sites.compare(dhl=tables) == []
