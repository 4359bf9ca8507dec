"""Tests for generator.model.symbols: forms, spans, punctuation, negatives, round-trips, real corpus."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.link.addresses import slug
from generator.model.errors import RepertoireError
from generator.model.symbols import Symbol, SymbolMatch, canonical, find_symbols, parse_symbol

SRES_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "sres-text-1946-2015"


def found(text: str) -> list[tuple[str, str]]:
    """(matched text, canonical) for every symbol in text, checking the span invariant."""
    out = []
    for m in find_symbols(text):
        assert text[m.start : m.end] == m.text
        out.append((m.text, m.symbol.canonical))
    return out


# --- literal forms -----------------------------------------------------------

@pytest.mark.parametrize(
    "written, expected, kind",
    [
        # meetings and their suffixes
        ("S/PV.9389", "S/PV.9389", "meeting"),
        ("S/PV.3536(Resumption2)", "S/PV.3536 (Resumption 2)", "meeting"),
        ("S/PV.3536 (Resumption 2)", "S/PV.3536 (Resumption 2)", "meeting"),
        ("S/PV.4921%20(Resumption%201)", "S/PV.4921 (Resumption 1)", "meeting"),
        ("S/PV.5629(ResumptionI)", "S/PV.5629 (Resumption 1)", "meeting"),
        ("S/PV.3000 (Resumption)", "S/PV.3000 (Resumption)", "meeting"),
        ("S/PV.4820(PartII)", "S/PV.4820 (Part II)", "meeting"),
        ("S/PV.4820 (Part 2)", "S/PV.4820 (Part II)", "meeting"),
        ("S/PV.4820 (Part I)", "S/PV.4820 (Part I)", "meeting"),
        ("S/PV.6000 (closed)", "S/PV.6000 (closed)", "meeting"),
        ("S/PV.2277(OR)", "S/PV.2277 (OR)", "meeting"),
        ("S/PV.4128/Corr.1", "S/PV.4128/Corr.1", "meeting"),
        ("S/PV.4128/CORR.1", "S/PV.4128/Corr.1", "meeting"),
        ("S/PV.6790(Resumption1)/Corr.1", "S/PV.6790 (Resumption 1)/Corr.1", "meeting"),
        # Security Council resolutions
        ("S/RES/2378 (2017)", "S/RES/2378 (2017)", "resolution"),
        ("S/RES/37(1947)", "S/RES/37 (1947)", "resolution"),
        ("S/RES/170%20(1961)", "S/RES/170 (1961)", "resolution"),
        ("S/RES/15  (1946)", "S/RES/15 (1946)", "resolution"),
        ("S/RES/1615", "S/RES/1615", "resolution"),
        # presidential statements, including the 1990s "S/yyyy/PRST/n" spelling
        ("S/PRST/2023/1", "S/PRST/2023/1", "prst"),
        ("S/1994/PRST/58", "S/PRST/1994/58", "prst"),
        # documents
        ("S/2023/646", "S/2023/646", "document"),
        ("S/2018/1183", "S/2018/1183", "document"),
        ("S/1234", "S/1234", "document"),
        ("S/2023/1/Add.1/Corr.2", "S/2023/1/Add.1/Corr.2", "document"),
        ("S/8248/Add. 6", "S/8248/Add.6", "document"),
        ("S/268/Rev.1/Corr.1", "S/268/Rev.1/Corr.1", "document"),
        ("S/2005/1/Amend.1", "S/2005/1/Amend.1", "document"),
        ("S/AC.51/2011/2", "S/AC.51/2011/2", "document"),
        ("A/78/2", "A/78/2", "document"),
        ("A/C.5/78/L.1", "A/C.5/78/L.1", "document"),
        ("A/ES-10/L.22", "A/ES-10/L.22", "document"),
        ("A/S-23/10/Rev.1", "A/S-23/10/Rev.1", "document"),
        ("A/HRC/19/68", "A/HRC/19/68", "document"),
        ("E/CN.4/1999/31", "E/CN.4/1999/31", "document"),
        ("ST/SGB/2019/1", "ST/SGB/2019/1", "document"),
        ("SG/SM/5488", "SG/SM/5488", "document"),
        ("PBC/2/SLE/1", "PBC/2/SLE/1", "document"),
        # General Assembly resolutions, agendas
        ("A/RES/78/1", "A/RES/78/1", "ga-resolution"),
        ("A/RES/ES-10/19", "A/RES/ES-10/19", "ga-resolution"),
        ("A/RES/181(II)", "A/RES/181 (II)", "ga-resolution"),
        ("S/Agenda/9389", "S/Agenda/9389", "agenda"),
        ("S/Agenda/1498/Rev.1", "S/Agenda/1498/Rev.1", "agenda"),
    ],
)
def test_literal_forms(written, expected, kind):
    text = f"See {written} here"
    matches = find_symbols(text)
    assert [(m.text, m.symbol.canonical, m.symbol.kind) for m in matches] == [(written, expected, kind)]
    assert (matches[0].start, matches[0].end) == (4, 4 + len(written))
    assert parse_symbol(written) == Symbol(expected, kind)
    assert canonical(written) == expected


def test_properties():
    res = parse_symbol("S/RES/2378(2017)")
    assert (res.url_form, res.year, res.meeting_number) == ("S/RES/2378(2017)", 2017, None)
    pv = parse_symbol("S/PV.9389 (Resumption 1)")
    assert (pv.url_form, pv.meeting_number, pv.year) == ("S/PV.9389(Resumption1)", 9389, None)
    assert parse_symbol("A/78/2").year is None  # session 78, not a year
    assert parse_symbol("S/2023/646").year == 2023
    assert parse_symbol("S/PRST/2023/1").year == 2023
    assert parse_symbol("S/1234").year is None  # old-style: no year
    assert parse_symbol("S/1999/Add.1").year is None  # old-style S/1999 with an addendum


def test_a_symbols_page_name_is_safe_and_bounded():
    for text in ("S/PV.3536(Resumption2)", "A/C.5/78/L.1", "S/2023/1/Add.1/Corr.2", "A/RES/181(II)"):
        name = slug(parse_symbol(text).canonical, keep_case=True)
        assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9-]*", name), name
    long_a = slug("A/" + "/".join(["HRC"] * 60) + "/1", keep_case=True)
    long_b = slug("A/" + "/".join(["HRC"] * 60) + "/2", keep_case=True)
    assert len(long_a) <= 100 and long_a != long_b


# --- prose resolutions ---------------------------------------------------------

def test_prose_resolution_span_excludes_the_word():
    text = "Recalling resolution 2378 (2017), the Council"
    [m] = find_symbols(text)
    assert (m.text, m.start, m.symbol) == ("2378 (2017)", text.index("2378"), Symbol("S/RES/2378 (2017)", "resolution"))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("resolution 1325(2000) on women", ["S/RES/1325 (2000)"]),
        ("Resolution 242 (1967) of 22 November 1967", ["S/RES/242 (1967)"]),
        ("resolutions 2378 (2017) and 2436 (2018)", ["S/RES/2378 (2017)", "S/RES/2436 (2018)"]),
        ("resolutions 1, 2 (1946), and 3 (1946)", ["S/RES/2 (1946)", "S/RES/3 (1946)"]),
        ("resolutions 1267 (1999), 1333 (2000), 1390 (2002) and 1455 (2003).",
         ["S/RES/1267 (1999)", "S/RES/1333 (2000)", "S/RES/1390 (2002)", "S/RES/1455 (2003)"]),
        ("resolutions 660 (1990) , 661 (1990) ; 662 (1990)",
         ["S/RES/660 (1990)", "S/RES/661 (1990)", "S/RES/662 (1990)"]),
        ("resolutions 425 (1978) of 19 March 1978 and 426 (1978) of 19 March, 1310 (2000)",
         ["S/RES/425 (1978)", "S/RES/426 (1978)", "S/RES/1310 (2000)"]),
        ("its resolutions, in particular 2100 (2013) and 2085 (2012)",
         ["S/RES/2100 (2013)", "S/RES/2085 (2012)"]),
        ("resolutions 1325 (2000) 1820 (2008)", ["S/RES/1325 (2000)", "S/RES/1820 (2008)"]),
        ("resolutions 1325 (2000) and 1820 (2008) on women, peace and security, and 1674 (2006)",
         ["S/RES/1325 (2000)", "S/RES/1820 (2008)", "S/RES/1674 (2006)"]),
        ("resolutions 1265 (1999) and 1894 (2009) on the protection of civilians in armed conflict; "
         "1612 (2005) and 1882 (2009) on children",
         ["S/RES/1265 (1999)", "S/RES/1894 (2009)", "S/RES/1612 (2005)", "S/RES/1882 (2009)"]),
        ("resolution 1325 (2000) on women and peace, and 5 (1946)", ["S/RES/1325 (2000)", "S/RES/5 (1946)"]),
        # an "on <topic>" phrase does not run past the end of a sentence
        ("resolution 1325 (2000) on women. Of those, 5 (1946) were", ["S/RES/1325 (2000)"]),
        ("resolution 1244 (1999) and resolution 1483 (2003)", ["S/RES/1244 (1999)", "S/RES/1483 (2003)"]),
        ("RESOLUTION 1151 (1998)", ["S/RES/1151 (1998)"]),
        # not matched: no year; a GA resolution (roman session); GA number/session
        ("resolution 2378 was adopted", []),
        ("General Assembly resolution 1514 (XV)", []),
        ("General Assembly resolution 48/141 (1993)", []),
        # a list ends at the first thing that is not an item
        ("resolutions 425 (1978) and all 20 (1999) others", ["S/RES/425 (1978)"]),
        # no "resolution" word, no match: years in parentheses are common in prose
        ("the 15 (2019) members", []),
        # a number split by a typo is not read as its last digits
        ("resolution 207 7 (2012)", []),
        # implausible year
        ("resolution 12 (1234)", []),
    ],
)
def test_prose_resolutions(text, expected):
    matches = find_symbols(text)
    assert [m.symbol.canonical for m in matches] == expected
    for m in matches:
        assert text[m.start : m.end] == m.text
        assert re.fullmatch(r"\d+\s*\(\d{4}\)", m.text), m.text
        assert m.symbol.kind == "resolution"


# --- punctuation, boundaries, negatives ----------------------------------------

@pytest.mark.parametrize(
    "text, expected",
    [
        ("See S/PV.9389.", "S/PV.9389"),
        ("S/2023/646,", "S/2023/646"),
        ("(S/2023/646)", "S/2023/646"),
        ("[S/5166]", "S/5166"),
        ("S/2023/646;", "S/2023/646"),
        ("document S/1234/Add.", "S/1234"),
        ("(S/RES/1615),", "S/RES/1615"),
        ("S/RES/2378 (2017).", "S/RES/2378 (2017)"),
        ("(S/RES/1231(1999))", "S/RES/1231(1999)"),
        ("S/RES/1445 (2002)4 December 2002", "S/RES/1445 (2002)"),
        ("view_doc.asp?symbol=S/RES/170%20(1961)&Lang=E", "S/RES/170%20(1961)"),
        ('"S/2023/646"', "S/2023/646"),
    ],
)
def test_trailing_punctuation_not_swallowed(text, expected):
    [m] = find_symbols(text)
    assert m.text == expected
    assert text[m.start : m.end] == expected


def test_joint_symbol_is_two_symbols():
    assert found("(A/53/455-S/1998/913, annex)") == [("A/53/455", "A/53/455"), ("S/1998/913", "S/1998/913")]


@pytest.mark.parametrize(
    "text",
    [
        "on 1/2/2023 and 12/31/99",
        "half (1/2) and 3/4",
        "and/or",
        "A/C alone, and A/C.5 alone, ST/SGB alone",
        "S/Res lowercase garbage, S/Res/12 too",
        "HIV/AIDS, SPLM/A-IO, FAR/Interahamwe, AU/UN",
        "INFCIRC/254/Rev.7, GOV/2007/8, UNSC/1234",
        "https://undocs.org/S/2023/646",
        "S/612l (OCR error)",
        "S/PRST2009/9 and S/PRST/25 (malformed)",
        "S/ 1234 and S /1234",
        "S/",
        "",
    ],
)
def test_negatives(text):
    assert find_symbols(text) == []


@pytest.mark.parametrize(
    "text",
    ["", "S/", "resolution 2378", "hello", "S/2023/646 and S/2023/647", "S/Res/12", "A/C.5", "2378"],
)
def test_parse_symbol_rejects(text):
    with pytest.raises(RepertoireError, match="not a UN document symbol"):
        parse_symbol(text)


def test_parse_symbol_accepts_prose_and_whitespace():
    assert parse_symbol("resolution 242 (1967)") == Symbol("S/RES/242 (1967)", "resolution")
    assert parse_symbol("242 (1967)") == Symbol("S/RES/242 (1967)", "resolution")
    assert parse_symbol("  S/2023/646\n") == Symbol("S/2023/646", "document")


def test_matches_are_ordered_and_disjoint():
    text = ("Recalling resolutions 242 (1967) and 338 (1973) (S/RES/338 (1973)), S/PV.1747, "
            "S/PRST/2023/1 and S/2023/646/Add.1.")
    matches = find_symbols(text)
    assert [m.symbol.canonical for m in matches] == [
        "S/RES/242 (1967)", "S/RES/338 (1973)", "S/RES/338 (1973)", "S/PV.1747", "S/PRST/2023/1",
        "S/2023/646/Add.1"]
    for a, b in zip(matches, matches[1:]):
        assert a.end <= b.start
    assert isinstance(matches[0], SymbolMatch)


def test_round_trip_on_mixed_text():
    text = ("S/PV.3536(Resumption2), S/PV.2277(OR), S/RES/170%20(1961), resolution 1325(2000), "
            "S/1994/PRST/58, A/RES/181(II), S/8248/Add. 6, S/Agenda/1498/Rev.1, E/CN.4/1999/31")
    matches = find_symbols(text)
    assert len(matches) == 9
    for m in matches:
        assert parse_symbol(m.text) == m.symbol
        assert parse_symbol(m.symbol.canonical) == m.symbol
        assert parse_symbol(m.symbol.url_form) == m.symbol


# --- the real resolution texts -----------------------------------------------------

@pytest.fixture(scope="module")
def corpus() -> dict[str, str]:
    if not SRES_DIR.is_dir():
        pytest.skip(f"resolution corpus not present: {SRES_DIR}")
    return {p.name: p.read_text(encoding="utf-8", errors="replace") for p in sorted(SRES_DIR.glob("*.txt"))}


@pytest.fixture(scope="module")
def corpus_matches(corpus) -> dict[str, list[SymbolMatch]]:
    return {name: find_symbols(text) for name, text in corpus.items()}


def test_corpus_counts(corpus, corpus_matches):
    assert len(corpus) == 2259
    total = sum(len(ms) for ms in corpus_matches.values())
    # Plausible range: the files hold ~6,000 literal "S/RES/" strings, ~5,000
    # other literal symbols (S/yyyy/n, S/n, S/PRST/...) and ~19,700 "n (yyyy)"
    # strings, nearly all of them resolution citations in prose (counted with
    # grep while writing this test).
    assert 25_000 <= total <= 35_000, total
    # Nearly every file names itself ("Resolution 242 (1967)", "S/RES/242 (1967)");
    # a few early ones are headed only "1 Resolution of 25 January 1946" or
    # "8 (1946). Resolution of ..." (no "resolution" before the number) and cite nothing.
    empty = [name for name, ms in corpus_matches.items() if not ms]
    assert "S-RES-1(1946).txt" in empty
    assert len(empty) <= 0.02 * len(corpus), empty

    # Cross-check against crude, independent counts on the same text: prose
    # citations found must be most of the "n (yyyy)" strings (misses are lists
    # broken by page headers and the like), and never more of them.
    prose = sum(1 for ms in corpus_matches.values() for m in ms if m.text[0].isdigit())
    crude_prose = sum(len(re.findall(r"(?<![\d/])\d{1,4}\s{0,3}\((?:19[4-9]\d|20[01]\d)\)", t))
                      for t in corpus.values())
    assert 0.95 * crude_prose <= prose <= crude_prose, (prose, crude_prose)
    literal = total - prose
    crude_literal = sum(len(re.findall(r"(?<![A-Za-z0-9/._])(?:S|A|E|ST|SC|SG|PBC)/[A-Z0-9]", t))
                        for t in corpus.values())
    assert 0.97 * crude_literal <= literal <= crude_literal, (literal, crude_literal)


def test_corpus_matches_are_clean_and_round_trip(corpus, corpus_matches):
    for name, matches in corpus_matches.items():
        text = corpus[name]
        for a, b in zip(matches, matches[1:]):
            assert a.end <= b.start, name
        for m in matches:
            assert text[m.start : m.end] == m.text
            assert m.text == m.text.strip(), (name, m.text)
            assert m.text[-1] not in ".,;:", (name, m.text)
            assert parse_symbol(m.text) == m.symbol, (name, m.text)
            assert parse_symbol(m.symbol.canonical).canonical == m.symbol.canonical
            assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9-]{0,99}", slug(m.symbol.canonical, keep_case=True))


def test_corpus_resolution_years_agree_with_file_names(corpus_matches):
    # The file names give each resolution's year ("S-RES-242(1967).txt"). A
    # citation that pairs a number with the wrong year means we misread it -
    # or the source has a typo: reading the ~60 disagreements found while
    # writing this test, all were typos or misnamed files (e.g. "resolution 968
    # (1995)" for 968 (1994), the file S-RES-231(1965).txt headed "Resolution
    # 231 (1966)"). Allow for them, but not for many more.
    years = {}
    for name in corpus_matches:
        n, y = re.fullmatch(r"S-RES-(\d+)\((\d{4})\)\.txt", name).groups()
        years[int(n)] = int(y)
    checked = wrong = 0
    for matches in corpus_matches.values():
        for m in matches:
            if m.symbol.kind == "resolution" and m.symbol.year is not None:
                n = int(re.match(r"S/RES/(\d+)", m.symbol.canonical).group(1))
                checked += 1
                wrong += years.get(n) != m.symbol.year
    assert checked > 20_000
    assert wrong / checked < 0.004, (wrong, checked)


def canonicals(matches) -> list[str]:
    return [m.symbol.canonical for m in matches]


def test_corpus_known_citations(corpus, corpus_matches):
    # S-RES-338(1973).txt: title "Resolution 338 (1973)", "Citation / Document
    # Symbol S/RES/338 (1973)", a "Cite as" line naming both spellings, and
    # operative paragraph 2 "Security Council resolution 242 (1967)". Nothing else
    # ("1747th meeting", "12 hours" are not symbols).
    assert canonicals(corpus_matches["S-RES-338(1973).txt"]) == ["S/RES/338 (1973)"] * 4 + ["S/RES/242 (1967)"]
    assert [m.text for m in corpus_matches["S-RES-338(1973).txt"]][-1] == "242 (1967)"

    # S-RES-247(1968).txt reaffirms sixteen resolutions, each with "of <date>",
    # some dates without a year ("186 (1964) of 4 March, 187 (1964) of 13 March").
    text = corpus["S-RES-247(1968).txt"]
    start = text.index("Reaffirms its resolutions 186 (1964)")
    sentence = text[start : text.index(";", start)]
    expected = [f"S/RES/{n} ({y})" for n, y in [
        (186, 1964), (187, 1964), (192, 1964), (193, 1964), (194, 1964), (198, 1964),
        (201, 1965), (206, 1965), (207, 1965), (219, 1965),
        (220, 1966), (222, 1966), (231, 1966), (238, 1967), (244, 1967), (247, 1968)]]
    assert canonicals(find_symbols(sentence)) == expected

    # S-RES-1863(2009).txt: "resolutions 1325 (2000) and 1820 (2008) on women,
    # peace and security, and 1674 (2006) and 1738 (2006) on the protection of civilians".
    text = corpus["S-RES-1863(2009).txt"]
    start = text.index("Reaffirms its resolutions 1325 (2000)")
    assert canonicals(find_symbols(text[start : text.index(";", start)])) == [
        "S/RES/1325 (2000)", "S/RES/1820 (2008)", "S/RES/1674 (2006)", "S/RES/1738 (2006)"]

    # Literal citations of other kinds, each read in its file.
    def has(name: str, written: str, canonical_form: str, kind: str) -> None:
        hits = [m for m in corpus_matches[name] if m.text == written]
        assert hits, (name, written)
        assert all(m.symbol == Symbol(canonical_form, kind) for m in hits)

    has("S-RES-1680(2006).txt", "S/PV.5417", "S/PV.5417", "meeting")  # PM of Lebanon's address
    has("S-RES-949(1994).txt", "S/1994/PRST/58", "S/PRST/1994/58", "prst")  # statement of 8 October 1994
    has("S-RES-1214(1998).txt", "A/53/455", "A/53/455", "document")  # "(A/53/455-S/1998/913, annex)"
    has("S-RES-1214(1998).txt", "S/1998/913", "S/1998/913", "document")
    has("S-RES-1666(2006).txt", "S/RES/1615", "S/RES/1615", "resolution")  # "(S/RES/1615)", no year
