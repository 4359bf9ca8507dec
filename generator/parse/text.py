"""Reader of Repertoire text extractions (Markdown-flavoured plain text).

The format, as produced by the Repertoire's text extraction:
- blocks separated by blank lines; a group heading ("Thematic issues"), a
  section heading ("24. United Nations peacekeeping operations");
- narrative paragraphs with footnote markers as Unicode superscript digits
  ("briefings.⁸³²") and document links as Markdown ("[S/PV.9389](#)");
- footnote blocks starting with a superscript number;
- the meetings table: a title line, a header line of tab-separated <i> cells,
  a rule, and one line of <p> cells per meeting (empty cells were dropped).

Page breaks cut paragraphs mid-sentence (a block of footnotes or a blank line
falls in between); a paragraph block that does not end a sentence is joined to
the next narrative block.

markdown-it-py reads the Markdown layer (links, escapes, inline HTML), so this
module only decides what each block *is*.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator, Optional

from markdown_it import MarkdownIt

from generator.model.errors import RepertoireError
from generator.model import Footnote, FootnoteRef, Paragraph, Problem
from generator.parse.raw import SECTION_HEADING, RawSection, TableRow

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_ASCII = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
MARKER = re.compile(f"[{SUPERSCRIPT_DIGITS}]+")
FOOTNOTE_START = re.compile(f"^([{SUPERSCRIPT_DIGITS}]+)\\s+(.*)$", re.S)
RUNNING_TITLE = re.compile(r"^Repertoire of the Practice of the Security Council,\s*(\d{4})", re.I)
TABLE_TITLE = re.compile(r"^Meetings:\s+.+?,\s*(\d{4})\s*$")
# Tags that are the source's own formatting: dropped from the plain text.
# Anything else that looks like HTML is kept as literal text (it is data).
FORMATTING_TAGS = re.compile(r"^</?(i|em|b|strong|u|sup|sub|br|p|span)\s*/?>$", re.I)
# A block ending like this ends its paragraph; anything else was cut by a page break.
SENTENCE_END = re.compile(r"[.!?:;…]['\"”’)\]]*$")

# Group headings exist only in Part I of a supplement ("Consideration of
# questions under the responsibility of the Security Council ...").
PART_I_GROUPS = {"africa", "americas", "asia", "europe", "middle east", "thematic issues"}

# The extraction's Markdown layer is links, backslash escapes, entities and inline
# HTML; emphasis, code spans, images and autolinks are not part of it, so their
# characters stay text.
_md = MarkdownIt("commonmark").disable(["emphasis", "backticks", "image", "autolink"])
# The extraction marks document symbols as links to "#"; any other link is text of the source.
PLACEHOLDER_HREF = "#"


# What the Markdown layer above reads as syntax (and what markdown-it normalises: NUL, CR).
_INLINE_SYNTAX = re.compile(r"[\\\[<&\x00\r]")


def plain_text(markdown: str) -> str:
    """Inline Markdown to plain text: symbol links unwrapped, escapes resolved, formatting tags dropped;
    anything else (other links, unknown HTML) kept as the literal text it is."""
    if not _INLINE_SYNTAX.search(markdown):  # most lines: nothing for the parser to do
        return normalize_space(markdown)
    return parsed_plain_text(markdown)


def parsed_plain_text(markdown: str) -> str:
    """`plain_text` always through markdown-it (plain_text skips it for a line without syntax)."""
    out: list[str] = []
    open_links: list[str] = []
    for block in _md.parseInline(markdown):
        for token in block.children or []:
            if token.type == "text":
                out.append(token.content)
            elif token.type in ("softbreak", "hardbreak"):
                out.append(" ")
            elif token.type == "html_inline" and not FORMATTING_TAGS.match(token.content):
                out.append(token.content)
            elif token.type == "link_open":
                href = str(token.attrGet("href") or "")
                open_links.append(href)
                if href != PLACEHOLDER_HREF:
                    out.append("[")
            elif token.type == "link_close":
                href = open_links.pop() if open_links else PLACEHOLDER_HREF
                if href != PLACEHOLDER_HREF:
                    out.append(f"]({href})")
    return normalize_space("".join(out))


_SPACES = re.compile(r"\s+")


def normalize_space(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def split_markers(text: str) -> tuple[str, list[FootnoteRef]]:
    """Remove superscript footnote markers, remembering where each stood."""
    refs: list[FootnoteRef] = []
    parts: list[str] = []
    length = 0
    last = 0
    for match in MARKER.finditer(text):
        parts.append(text[last : match.start()])
        length += match.start() - last
        refs.append(FootnoteRef(int(match.group().translate(_TO_ASCII)), length))
        last = match.end()
    parts.append(text[last:])
    return "".join(parts), refs


CELL = re.compile(r"<p>(.*?)</p>(?=\s*(?:<p>|$))", re.S)


def read_row_cells(line: str) -> tuple[list[str], list[int]]:
    """The <p> cells of one table row (Markdown-flavoured text like any other) and the footnote
    markers they carry, removed from the text."""
    cells, footnotes = [], []
    for cell in CELL.findall(line):
        text, refs = split_markers(plain_text(cell))
        footnotes += [ref.number for ref in refs]
        if text.strip():
            cells.append(normalize_space(text))
    return cells, footnotes


def _blocks(source: str) -> Iterator[tuple[int, str]]:
    """Top-level blocks as (first line number, raw source), in order, via markdown-it's line maps."""
    lines = source.splitlines()
    for token in _md.parse(source):
        if token.level == 0 and token.nesting != -1 and token.map:
            start, end = token.map
            raw = "\n".join(lines[start:end]).strip()
            if raw and token.type != "hr":
                yield start + 1, raw


class _SectionBuilder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.sections: list[RawSection] = []
        self.group: Optional[str] = None
        self.supplement: Optional[int] = None
        self.in_table = False
        # The first line and the raw blocks of the paragraph still being joined: a list, joined once
        # at its end (adding each block to a string would copy the paragraph again for every block).
        self.open_paragraph: Optional[tuple[int, list[str]]] = None

    @property
    def current(self) -> RawSection:
        if not self.sections:
            raise RepertoireError(self.file, "narrative found before any section heading "
                                  "(expected a line like '24. Title')", place=f"line {self._line}")
        return self.sections[-1]

    def feed(self, line: int, raw: str, next_raw: str = "") -> None:
        self._line = line
        text = normalize_space(raw)
        footnote = FOOTNOTE_START.match(raw)
        if footnote:
            number = int(footnote.group(1).translate(_TO_ASCII))
            self.current.footnotes.append(Footnote(number, plain_text(footnote.group(2)), page=line))
            return
        if raw.lstrip().startswith("<p>"):
            self._close_paragraph()
            for offset, row_line in enumerate(raw.splitlines()):
                cells, footnotes = read_row_cells(row_line)
                if cells:
                    self.current.table_rows.append(TableRow(cells, None, f"line {line + offset}", footnotes))
            return
        if "\t" in raw and "<i>" in raw:  # the table's header row: columns are known
            self._close_paragraph()
            self.in_table = True
            return
        if RUNNING_TITLE.match(text):
            self.supplement = int(RUNNING_TITLE.match(text).group(1))
            return
        heading = SECTION_HEADING.match(text)
        if heading and not MARKER.search(text) and len(text) < 200:
            self._close_paragraph()
            self._start_section(heading.group(1), plain_text(heading.group(2)))
            return
        table_title = TABLE_TITLE.match(text)
        if table_title and self.sections:
            self._close_paragraph()
            self.current.table_title = plain_text(text)
            if self.current.supplement is None:
                self.current.supplement = int(table_title.group(1))
            return
        # A group heading is a short line right before a section heading; a short line
        # elsewhere is a paragraph fragment cut by a page break.
        if self._looks_like_heading(text) and SECTION_HEADING.match(normalize_space(next_raw)):
            self._close_paragraph()
            self.group = plain_text(text)
            return
        self._add_narrative(line, raw)

    @staticmethod
    def _looks_like_heading(text: str) -> bool:
        text = plain_text(text)
        return len(text) < 80 and not SENTENCE_END.search(text) and not MARKER.search(text) and text[:1].isupper()

    def _start_section(self, number: str, title: str) -> None:
        part = "I" if self.group and self.group.lower() in PART_I_GROUPS else None
        self.sections.append(RawSection(self.file, number, title, unit="line", group=self.group,
                                        supplement=self.supplement, part=part))

    def _add_narrative(self, line: int, raw: str) -> None:
        if self.open_paragraph is not None:
            self.open_paragraph[1].append(raw)
        else:
            self.open_paragraph = (line, [raw])
        if SENTENCE_END.search(plain_text(MARKER.sub("", raw))):
            self._close_paragraph()

    def _close_paragraph(self) -> None:
        if self.open_paragraph is None:
            return
        line, blocks = self.open_paragraph
        raw = " ".join(blocks)
        self.open_paragraph = None
        # Markers are superscript digits, untouched by markdown-it: strip them after.
        text, refs = split_markers(plain_text(raw))
        self.current.paragraphs.append(Paragraph(text, refs, page=line))

    def finish(self) -> list[RawSection]:
        if self.open_paragraph is not None:
            line = self.open_paragraph[0]
            self._close_paragraph()
            self.current.problems.append(Problem(self.file, f"line {line}",
                                                 "last paragraph ends mid-sentence"))
        if not self.sections:
            raise RepertoireError(self.file, "no section heading found (expected a line like "
                                  "'24. United Nations peacekeeping operations'); is this a Repertoire section?")
        return self.sections


def parse_text(path: Path) -> list[RawSection]:
    try:
        source = Path(path).read_text(encoding="utf-8-sig")  # -sig: a byte order mark at the start is no text
    except UnicodeDecodeError as error:
        raise RepertoireError(str(path), f"not UTF-8 text ({error.reason} at byte {error.start})") from None
    except OSError as error:
        raise RepertoireError(str(path), f"cannot read: {error.strerror}") from None
    if "\x00" in source:
        raise RepertoireError(str(path), "contains NUL bytes: binary file, not a text extraction")
    builder = _SectionBuilder(str(path))
    blocks = list(_blocks(source))
    for index, (line, raw) in enumerate(blocks):
        builder.feed(line, raw, blocks[index + 1][1] if index + 1 < len(blocks) else "")
    return builder.finish()
