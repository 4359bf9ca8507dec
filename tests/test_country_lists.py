"""Lists of States as the Repertoire prints them (rule 37 cells, footnotes' country lists) are
split between names, never inside a State's name that holds "and"."""
from __future__ import annotations

import pytest

from generator.assemble.footnotes import country_list, split_list
from generator.link import countries
from generator.model.vocabulary import names_with_and


@pytest.mark.parametrize("text, names", [
    ("Ghana, Japan and China", ["Ghana", "Japan", "China"]),
    ("Ghana, Bosnia and Herzegovina and China", ["Ghana", "Bosnia and Herzegovina", "China"]),
    ("Trinidad and Tobago and Japan", ["Trinidad and Tobago", "Japan"]),
    ("Saint Vincent and the Grenadines, Antigua and Barbuda", ["Saint Vincent and the Grenadines",
                                                              "Antigua and Barbuda"]),
    ("São Tomé and Príncipe and Malta", ["São Tomé and Príncipe", "Malta"]),
    ("United Kingdom of Great Britain and Northern Ireland and France",
     ["United Kingdom of Great Britain and Northern Ireland", "France"]),
    ("Iran (Islamic Republic of) and Saint Kitts and Nevis", ["Iran (Islamic Republic of)", "Saint Kitts and Nevis"]),
    ("Ghana), Japan and China", ["Ghana)", "Japan", "China"]),  # a stray parenthesis opens no group
])
def test_a_list_is_split_between_names(text, names):
    assert split_list(text) == names


def test_a_footnotes_country_list_keeps_states_named_with_and():
    assert country_list("Ibid., (Bosnia and Herzegovina, Ghana and Trinidad and Tobago).") == (
        ["Bosnia and Herzegovina", "Ghana", "Trinidad and Tobago"], [])


def test_every_state_named_with_and_is_kept_whole():
    """The vocabulary's list and the States of generator/link/countries.py agree."""
    with_and = {alias for state in countries.all_states() for alias in state.aliases if " and " in alias}
    assert len(with_and) >= 6
    for alias in with_and:
        spans = names_with_and(alias)  # "Republic of Bosnia and Herzegovina": its "and" is inside one
        assert any(start < alias.index(" and ") < end for start, end in spans), alias
        assert split_list(alias) == [alias]
        assert countries.lookup(alias) is not None
