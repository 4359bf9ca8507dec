"""Problems that are known are reported: an item of a footnote's country list that is not a name,
and the linker's "not a State" warnings in `repertoire parse --json` as `build` prints them."""
from __future__ import annotations

import json

import pytest

from generator.assemble.footnotes import SHOWN_ITEM, SHOWN_ITEMS, resolve_footnotes
from generator.cli import main
from generator.model import Footnote
from tests.support.paths import SOURCES


def _resolved(text: str) -> tuple[Footnote, list]:
    footnote = Footnote(835, text, page=29)
    return footnote, resolve_footnotes([footnote], "x.txt")


@pytest.mark.parametrize("text, kept, refused", [
    ("See S/PV.9413, (Ghana, <script>alert(1)</script> and Japan).", ["Ghana", "Japan"], "'<script>alert(1)</script>'"),
    ("See S/PV.9413, (Ghana, Japan and 3 others).", ["Ghana", "Japan"], "'3 others'"),
    ("See S/PV.9413, (S/2023/1, Ghana).", ["Ghana"], "'S/2023/1'"),
    ("See S/PV.9413, (Ghana, and Japan).", ["Ghana", "Japan"], None),
])
def test_the_names_of_a_country_list_are_kept_and_the_rest_reported(text, kept, refused):
    footnote, problems = _resolved(text)
    assert footnote.countries == kept
    if refused is None:
        assert problems == []
    else:
        (problem,) = problems
        assert (problem.file, problem.place) == ("x.txt", "line 29")
        assert problem.message.startswith(f"footnote 835: {refused} in its country list is not a country's name")


@pytest.mark.parametrize("text, kept", [
    ("See resolution 2378 (2017).", []),  # a parenthesised tail that holds no name is no country list
    ("See S/PV.9413 (see annex).", []),
    ("See S/PV.9413, (resolution 2378 (2017)).", []),
    ("See S/PV.9413, (Ghana, Iran (Islamic Republic of) and Japan).", ["Ghana", "Iran (Islamic Republic of)", "Japan"]),
    ("See S/PV.9413, (Ghana, Japan.", []),  # not closed
])
def test_a_tail_that_is_no_country_list_is_no_problem(text, kept):
    footnote, problems = _resolved(text)
    assert footnote.countries == kept and problems == []


def test_refused_items_are_quoted_short():
    footnote, (problem,) = _resolved("See S/PV.9413, (Ghana, " + "x" * 100_000 + ").")
    assert footnote.countries == ["Ghana"] and len(problem.message) < SHOWN_ITEM + 100
    footnote, (problem,) = _resolved("See S/PV.9413, (Ghana, " + ", ".join(["1"] * 10_000) + ").")
    assert footnote.countries == ["Ghana"] and problem.message.count("'1'") == SHOWN_ITEMS
    assert f"and {10_000 - SHOWN_ITEMS} more in its country list are not" in problem.message


def test_parse_json_lists_the_rule_37_invitees_that_are_no_state(tmp_path, capsys):
    text = (SOURCES / "repertoire-2022-part-i-extract.txt").read_text(encoding="utf-8")
    row = "<p>S/PV.8973 23 February 2022</p>\t<p>Israel</p>"
    assert text.count(row) == 1
    source = tmp_path / "atlantis.txt"
    source.write_text(text.replace(row, row.replace("Israel", "Atlantis")), encoding="utf-8")
    assert main(["parse", str(source), "--json"]) == 0
    printed = capsys.readouterr()
    problems = json.loads(printed.out)["problems"]
    assert [(p["place"], p["message"]) for p in problems if "Atlantis" in p["message"]] == [
        ("meeting S/PV.8973", "rule 37 invitee 'Atlantis' is not a Member State or observer State: no country page")]
    assert "rule 37 invitee 'Atlantis'" in printed.err  # the warning, as build prints it
