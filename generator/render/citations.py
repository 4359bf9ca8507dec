"""How to cite a page: one `Citation`, written in the four forms researchers use.

The text citation (to paste into prose), BibTeX (@misc), RIS (TY - ELEC) and CSL-JSON (what
Zotero, Pandoc and citeproc read). Each form is built here, never in a template, with its own
escaping: BibTeX's special characters, RIS's one line a field, JSON's quoting.

The access date is the reader's, so the page cannot hold it: `forms` gives each form as shown
without one (a page read without JavaScript or printed says nothing rather than a wrong date) and
what the date adds, and where; content/assets/javascripts/cite.js puts today's date in.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import Callable, NamedTuple, Optional

from generator.link.labels import supplement_label
from generator.model import Meeting, Section
from generator.model.vocabulary import human_date

AUTHOR = "United Nations Security Council"
REPERTOIRE = "Repertoire of the Practice of the Security Council"


@dataclass(frozen=True)
class Citation:
    """What a citation of one page names."""
    key: str  # the page's file name, "S-PV-9389": the BibTeX key and the downloaded files' names
    title: str  # "Security Council meeting S/PV.9389, 28 July 2023"
    container: str  # the work the page is part of: "Repertoire of the Practice ..., 2023 supplement"
    where: str  # where in that work: "Part I, section 24, “...”" ("" when nothing more)
    issued: Optional[str]  # "2023" or "2023-07-28"; None when undated
    url: str  # the page's full address (under site_url), else its address in the site


# Control characters cannot be in any of the four forms (and RIS ends a field at a line break).
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def _clean(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())


def text(citation: Citation, accessed: Optional[date] = None) -> str:
    """'United Nations Security Council, “Security Council meeting S/PV.9389, 28 July 2023”, in ..., accessed 2 December 2026.'"""
    parts = [AUTHOR, f"“{_clean(citation.title)}”", f"in {_clean(citation.container)}",
             _clean(citation.where), _clean(citation.url)]
    if accessed:
        parts.append(f"accessed {human_date(accessed.isoformat())}")
    return ", ".join(p for p in parts if p) + "."


# Each BibTeX special character, in a form that LaTeX (and pylatexenc) reads back as the character.
_BIBTEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#", "_": r"\_",
           "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "$": r"\$"}
_BIBTEX_SPECIAL = re.compile("[" + re.escape("".join(_BIBTEX)) + "]")
# A URL stays verbatim (biblatex's url field); only what would break the braces around it is encoded.
_URL_UNSAFE = re.compile(r"[{}\\\s]|%(?![0-9A-Fa-f]{2})")
# TeX's ligatures would print "--" as a dash, "``" as a quote, "!`" as "¡": an empty group keeps them apart.
_LIGATURE = re.compile(r"(?<=[-`'!?])(?=[-`'])")


def bibtex_escape(value: str) -> str:
    return _LIGATURE.sub("{}", _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX[m.group()], _clean(value)))


def _url(url: str) -> str:
    return _URL_UNSAFE.sub(lambda m: "%{:02X}".format(ord(m.group())), _clean(url))


def bibtex_key(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.:-]", "-", key) or "page"


def bibtex(citation: Citation, accessed: Optional[date] = None) -> str:
    fields = [("author", "{" + AUTHOR + "}"), ("title", "{" + bibtex_escape(citation.title) + "}")]
    if citation.issued:
        fields.append(("year", citation.issued[:4]))
    fields += [("howpublished", bibtex_escape(citation.container)), ("url", _url(citation.url))]
    if citation.where:
        fields.append(("note", bibtex_escape(citation.where)))
    if accessed:
        fields.append(("urldate", accessed.isoformat()))  # last: see `forms`
    lines = [f"  {name} = {{{value}}}" for name, value in fields]
    return f"@misc{{{bibtex_key(citation.key)},\n" + ",\n".join(lines) + "\n}\n"


def _ris_date(iso: str) -> str:
    """RIS writes dates YYYY/MM/DD/ (a part not known left empty): "2023" -> "2023///"."""
    return "/".join((iso.split("-") + ["", ""])[:3]) + "/"


def ris(citation: Citation, accessed: Optional[date] = None) -> str:
    fields = [("TY", "ELEC"), ("AU", AUTHOR), ("TI", citation.title), ("T2", citation.container)]
    if citation.where:
        fields.append(("N1", citation.where))
    if citation.issued:
        fields += [("PY", citation.issued[:4]), ("DA", _ris_date(citation.issued))]
    fields.append(("UR", citation.url))
    if accessed:
        fields.append(("Y2", _ris_date(accessed.isoformat())))  # last: see `forms`
    return "".join(f"{tag}  - {_clean(value)}\n" for tag, value in fields) + "ER  - \n"


# indent=2 puts each number of a date on a line of its own; a date reads better on one. A JSON
# string cannot hold a raw line break, so only the dates' arrays match.
_NUMBERS = re.compile(r"\[\n\s*(\d+(?:,\n\s*\d+)*)\n\s*\]")


def _one_line(match: re.Match) -> str:
    return "[" + ", ".join(re.findall(r"\d+", match.group(1))) + "]"


def _date_parts(iso: str) -> list[list[int]]:
    return [[int(piece) for piece in iso.split("-")]]


def csl_json(citation: Citation, accessed: Optional[date] = None) -> str:
    """A CSL-JSON file: an array of one item."""
    item = {"id": bibtex_key(citation.key), "type": "webpage", "title": _clean(citation.title),
            "author": [{"literal": AUTHOR}], "container-title": _clean(citation.container)}
    if citation.where:
        item["note"] = _clean(citation.where)
    if citation.issued:
        item["issued"] = {"date-parts": _date_parts(citation.issued)}
    item["URL"] = _clean(citation.url)
    if accessed:
        item["accessed"] = {"date-parts": _date_parts(accessed.isoformat())}  # last: see `forms`
    return _NUMBERS.sub(_one_line, json.dumps([item], ensure_ascii=False, indent=2)) + "\n"


class Form(NamedTuple):
    """One form of a page's citation, as the page shows it and as the browser completes it: the
    last `tail` characters of `shown` (counted in UTF-16 code units, as JavaScript counts) are
    preceded by `date_before`, the date written in `date_style`, and `date_after`."""
    name: str  # "BibTeX"
    filename: str  # "S-PV-9389.bib"
    media_type: str
    shown: str  # without an access date
    date_before: str  # "},\n  urldate = {"
    date_after: str
    tail: int
    date_style: str  # "long" (the reader's locale), "iso" (2026-12-02), "ris" (2026/12/02/), "parts" ([2026, 12, 2])


# A date no field can be mistaken for once the form is cut at its last occurrence: in every form
# the access date is written after every field, so the last occurrence is the access date's.
_PROBE = date(1111, 11, 11)
_WRITTEN = {"long": human_date(_PROBE.isoformat()), "iso": _PROBE.isoformat(), "ris": _ris_date(_PROBE.isoformat()),
            "parts": "[1111, 11, 11]"}

FORMS: list[tuple[str, str, str, Callable[..., str], str]] = [
    ("Text", "txt", "text/plain", text, "long"),
    ("BibTeX", "bib", "application/x-bibtex", bibtex, "iso"),
    ("RIS", "ris", "application/x-research-info-systems", ris, "ris"),
    ("CSL-JSON", "json", "application/vnd.citationstyles.csl+json", csl_json, "parts"),
]


def _insertion(shown: str, before: str, after: str) -> tuple[str, str, int]:
    """How `before + date + after` is `shown` with text around the date put in: (what goes before
    the date, what goes after it, how many characters of `shown` stay after), the insertion as
    late in `shown` as it goes (the page carries only what the date adds)."""
    for keep in range(min(len(shown), len(after)), -1, -1):
        head, kept = shown[:len(shown) - keep], shown[len(shown) - keep:]
        if after.endswith(kept) and before.startswith(head):
            return before[len(head):], after[:len(after) - keep], keep
    raise ValueError("a dated form that does not hold its undated one")


def forms(citation: Citation) -> list[Form]:
    made = []
    for name, extension, media_type, write, style in FORMS:
        shown = write(citation)
        before, probe, after = write(citation, _PROBE).rpartition(_WRITTEN[style])
        assert probe, (name, "the access date is not where `forms` looks for it")
        date_before, date_after, keep = _insertion(shown, before, after)
        tail = len(shown[len(shown) - keep:].encode("utf-16-le")) // 2
        made.append(Form(name, f"{bibtex_key(citation.key)}.{extension}", media_type, shown,
                         date_before, date_after, tail, style))
    return made


# The citation of each kind of page that has one ------------------------------------------------

def _in_supplement(section: Section) -> str:
    return f"{REPERTOIRE}, {supplement_label(section.supplement)}"


def _meeting_title(meeting: Meeting) -> str:
    return f"Security Council meeting {meeting.symbol}, {human_date(meeting.date)}"


def _key(page: str) -> str:
    return PurePosixPath(page).stem


def meeting_citation(section: Section, meeting: Meeting, page: str, url: str) -> Citation:
    """A meeting the Repertoire describes, cited as the account in its supplement's section."""
    where = [f"Part {section.part}" if section.part else "", f"section {section.number}", f"“{section.title}”"]
    return Citation(_key(page), _meeting_title(meeting), _in_supplement(section), ", ".join(filter(None, where)),
                    str(section.supplement) if section.supplement else meeting.date, url)


def record_citation(meeting: Meeting, tables: list[tuple[str, str]], page: str, url: str) -> Citation:
    """A meeting known from the Library's tables only: this site's page, after those tables."""
    where = "; ".join(f"after the Dag Hammarskjöld Library's table “{title}”" for title, _ in tables)
    return Citation(_key(page), _meeting_title(meeting), REPERTOIRE, where, meeting.date, url)


def section_citation(section: Section, page: str, url: str) -> Citation:
    return Citation(_key(page), f"{section.number}. {section.title}", _in_supplement(section),
                    f"Part {section.part}" if section.part else "",
                    str(section.supplement) if section.supplement else None, url)
