"""The reading order of a Repertoire PDF: front matter, headings, paragraphs, table, footnotes.

`SectionReader` walks the page layouts in order (running headers/footers
already removed) and fills `RawSection`s. A small state machine: what was read
last ("paragraph", "heading" or "table") decides whether the next line goes on
with it, across page breaks too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

from generator.model import (
    DAMAGED_PAGE,
    HYPHEN_GUESSED,
    JOINED_ACROSS_MISSING,
    PAGE_WITHOUT_TEXT,
    Footnote,
    Paragraph,
    Problem,
)
from generator.parse.pdf.document import (
    DocumentStyle,
    in_ruled_grid,
    is_cover_page,
    is_toc_line,
    is_toc_page,
)
from generator.parse.pdf.layout import Line, PageLayout, Rule, Word
from generator.parse.pdf.table import TableReader
from generator.parse.pdf.text import TextBuilder, Vocabulary, marker_numbers, normalise
from generator.parse.raw import SECTION_HEADING, RawSection

SENTENCE_END = re.compile(r"[.:;!?][”’\"')\]]*$")
WORD_SPACE = 0.33  # ems a word space takes at most, unstretched
TABLE_GAP = 2.5  # a gap of this many ems inside a body-size line separates table cells
# A page inside a section with less than this share of the text of the lesser of its neighbours
# (the nearest pages with text before and after it) has lost its text: measured on the document,
# so a short page of a section is no loss, a blank one amid full pages is.
EMPTY_SHARE = 0.1


@dataclass
class PageRecord:
    """How much text a page gave, for the continuity checks at the end."""

    number: int
    chars: int  # characters of its content lines (running headers and footers left out)
    section: Optional[RawSection]  # the section open when the page began
    continued: bool = False  # the page went on with that section (text, table or footnotes)


@dataclass
class FootnoteDraft:
    number: int
    builder: TextBuilder
    page: int
    section: Optional[RawSection]


class SectionReader:
    """Walks the pages in order and fills RawSections (a small state machine)."""

    def __init__(self, file: str, style: DocumentStyle, vocabulary: Vocabulary,
                 trace: Optional[Callable[[int, Line, str], None]] = None):
        self.file, self.style, self.vocabulary = file, style, vocabulary
        # an observer of each decision, called (page, line, kind) with kind "heading", "paragraph",
        # "footnote" (its first line), "footnote-continued", "marker" (a raised word, as a line of
        # its own), "table:<column>" (a line's words in one column, once the table is closed) or
        # "dropped" (front matter, text before the first section): see generator.parse.pdf.inspect
        self.trace = trace
        self.sections: list[RawSection] = []
        self.section: Optional[RawSection] = None
        self.group: Optional[str] = None  # group heading of the sections that follow
        self.group_candidate: Optional[str] = None  # an unnumbered heading not yet followed by text
        self.table_title: Optional[str] = None  # a bold line that may title the next table
        self.paragraph: Optional[TextBuilder] = None
        self.paragraph_page = 0
        self.last_line: Optional[Line] = None  # last line of the open paragraph
        self.flow: Optional[str] = None  # last thing read: "paragraph", "heading" or "table"
        self.table: Optional[TableReader] = None
        self.footnotes: list[FootnoteDraft] = []
        self.marker_sections: dict[int, Optional[RawSection]] = {}  # footnote number -> section of its marker
        self.page = 0
        self.pending: list[Problem] = []  # problems found before the first section
        self.separated_notes = False  # a rule over the footnote area has been seen
        self.room_below = 0.0  # height left under the open paragraph's last line on its page
        self.notes_top: Optional[float] = None  # where this page's footnote area starts
        self.records: list[PageRecord] = []  # every page read, for the continuity checks
        self.missing: set[int] = set()  # pages whose text is missing: no content lines, or damaged

    # ------------------------------------------------------------------ pages

    def read_page(self, page: PageLayout, lines: list[Line]) -> None:
        self.page = page.number
        for message in page.warnings:
            self.report(Problem(self.file, f"page {page.number}", f"damaged PDF, text may be missing: {message}"))
        for message in page.damage:
            self.report(Problem(self.file, f"page {page.number}", f"damaged PDF, text may be missing: {message}",
                                DAMAGED_PAGE))
        self.records.append(PageRecord(page.number, sum(len(l.text.strip()) for l in lines), self.section))
        if page.damage or not lines:
            self.missing.add(page.number)
        if self.section is None:
            if is_toc_page(lines) or (is_cover_page(lines, self.style) and not self.opens_section(page, lines)):
                if self.trace:
                    self.trace_lines(lines, "dropped")
                return  # front matter: a table of contents, a title page
            if self.trace:
                self.trace_lines([l for l in lines if is_toc_line(l)], "dropped")
            lines = [l for l in lines if not is_toc_line(l)]
        content, notes = self.split_footnote_area(page, lines)
        i, first = 0, True
        while i < len(content):
            line = content[i]
            if self.is_table_line(page, line):
                j = i
                while j < len(content) and self.is_table_line(page, content[j]):
                    j += 1
                continuing = first and self.flow == "table"
                if continuing or looks_like_table(content[i:j], page):
                    self.read_table_block(content[i:j], page, continuing)
                else:
                    for small in content[i:j]:  # smaller type set as running text (a note, a quote)
                        self.read_body_line(small, first)
                        first = False
            elif self.is_heading(page, line):
                j = self.heading_end(content, i)
                self.read_heading(content[i:j], content[j] if j < len(content) else None, page)
            else:
                j = i + 1
                self.read_body_line(line, first)
            i, first = j, False
        self.read_footnotes(notes, page)
        self.report_guesses(page.number)
        if self.last_line is not None and self.last_line.page == page.number:
            self.room_below = (self.notes_top or self.style.body_bottom) - self.last_line.bottom

    # ------------------------------------------------------------------ kinds of lines

    def opens_section(self, page: PageLayout, lines: list[Line]) -> bool:
        """A page without running text is still no title page if a section starts on it
        (a section may hold only its table)."""
        return any(self.is_heading(page, l) and SECTION_HEADING.match(normalise(l.text)) for l in lines)

    def is_heading(self, page: PageLayout, line: Line) -> bool:
        if in_ruled_grid(page, line):
            return False
        return self.style.is_larger(line) or (line.bold and self.style.is_body(line))

    def is_table_line(self, page: PageLayout, line: Line) -> bool:
        if in_ruled_grid(page, line):
            return True
        if self.is_heading(page, line):
            return False
        if not self.style.is_body(line):
            return True  # smaller than body text, above the footnote area
        return wide_gap(line) > TABLE_GAP * line.size  # body-size text set in columns

    def heading_end(self, content: list[Line], i: int) -> int:
        """Consecutive lines in the same heading style make one heading."""
        j = i + 1
        while j < len(content):
            prev, line = content[j - 1], content[j]
            if line.size != prev.size or line.bold != prev.bold or line.top - prev.bottom > line.size:
                break
            j += 1
        return j

    # ------------------------------------------------------------------ headings

    def read_heading(self, lines: list[Line], next_line: Optional[Line], page: PageLayout) -> None:
        self.flush_paragraph()
        if self.trace:
            self.trace_lines(lines, "heading")
        text = normalise(" ".join(l.text for l in lines))
        match = SECTION_HEADING.match(text)
        if match:
            self.start_section(match.group(1), match.group(2))
        elif self.style.is_body(lines[0]) and (next_line is None or self.is_table_line(page, next_line)):
            self.table_title = text
        elif self.style.is_larger(lines[0]):
            self.group_candidate = text
        self.flow = "heading"

    def start_section(self, number: str, title: str) -> None:
        self.close_table()
        if self.group_candidate:
            self.group, self.group_candidate = self.group_candidate, None
        self.section = RawSection(
            file=self.file,
            number=number,
            title=title,
            unit="page",
            group=self.group,
            supplement=self.style.supplement,
            part=self.style.part,
        )
        self.sections.append(self.section)
        self.table_title = None
        self.section.problems += self.pending
        self.pending = []

    def report_guesses(self, page: int) -> None:
        """The line-end hyphens decided by a guess while reading this page (see pdf_text)."""
        for guess in self.vocabulary.guesses:
            joined = guess.replace("-/", "")
            self.report(Problem(self.file, f"page {page}", f"line-end hyphen {guess!r} read as {joined!r}: "
                                "neither the document nor the word list tells", HYPHEN_GUESSED))
        self.vocabulary.guesses.clear()

    def report(self, problem: Problem) -> None:
        """A problem goes with the current section, or with the next one to start."""
        (self.section.problems if self.section is not None else self.pending).append(problem)

    # ------------------------------------------------------------------ paragraphs

    def read_body_line(self, line: Line, page_start: bool) -> None:
        self.close_table()
        self.group_candidate = None  # text follows: that heading was a sub-heading
        if self.trace:
            self.trace_lines([line], "paragraph" if self.section is not None else "dropped")
        if self.section is None:
            return  # text before the first section (introductions, front matter)
        self.note_continued()
        if self.paragraph is not None and self.flow == "paragraph" and self.joins_across_missing(line):
            self.report(Problem(self.file, f"page {line.page}", "a paragraph goes on from page "
                                f"{self.last_line.page} over page(s) whose text is missing "
                                f"({', '.join(map(str, self.skipped(line)))}): read as two paragraphs",
                                JOINED_ACROSS_MISSING))
            self.flush_paragraph()
        if self.paragraph is None or self.flow != "paragraph" or self.starts_paragraph(line, page_start):
            self.flush_paragraph()
            self.paragraph = TextBuilder(self.vocabulary)
            self.paragraph_page = line.page
        self.paragraph.add_line(line.words, self.note_marker)
        self.last_line = line
        self.flow = "paragraph"

    def starts_paragraph(self, line: Line, page_start: bool) -> bool:
        """A first-line indent, a gap wider than line spacing, or (at the top of a page, in a
        document without indents) a last line on the previous page that ended a sentence with
        room left for this line's first word: the line was ended, not filled.
        (A full line ending a sentence at the foot of a page is read as going on: the room left
        below it does not tell, since footnotes and widow control leave room too.)"""
        style, prev = self.style, self.last_line
        if style.indent and line.x0 - style.left >= 0.6 * style.indent:
            return True
        if page_start or prev is None or prev.page != line.page:
            if style.indent or prev is None:
                return False
            words, first = prev.plain_words, line.plain_words
            if not words or not first:
                return False
            if not SENTENCE_END.search(words[-1].text):
                return False
            room = style.right - prev.x1
            if room > (first[0].x1 - first[0].x0) + WORD_SPACE * style.body_size:
                return True  # the line was ended, not filled
            # A full line, and below it room for another that went over to this page: the space
            # between paragraphs did not fit. (Room a footnote explains: its marker is on this line.)
            full = room <= style.body_size
            moved_for_a_note = any(w.raised for w in line.words)
            return full and self.room_below >= style.line_pitch and not moved_for_a_note
        return line.bottom - prev.bottom > style.line_pitch + 0.3 * style.body_size

    def skipped(self, line: Line) -> list[int]:
        """The pages between the open paragraph's last line and this line whose text is missing."""
        return sorted(n for n in self.missing if self.last_line.page < n < line.page)

    def joins_across_missing(self, line: Line) -> bool:
        return self.last_line is not None and bool(self.skipped(line))

    def note_continued(self, section: Optional[RawSection] = None) -> None:
        """This page goes on with the section open when it began (what is read goes to `section`,
        by default the current one)."""
        record = self.records[-1] if self.records else None
        if record is not None and record.section is not None and record.section is (section or self.section):
            record.continued = True

    def flush_paragraph(self) -> None:
        if self.paragraph is not None and self.section is not None:
            text, refs = self.paragraph.finish()
            if text:
                self.section.paragraphs.append(Paragraph(text=text, refs=refs, page=self.paragraph_page))
        self.paragraph, self.last_line = None, None

    def note_marker(self, word: Word, page: Optional[int] = None) -> list[int]:
        """The footnote numbers of a raised word, remembering the section each marker is in."""
        numbers = marker_numbers(word)
        for number in numbers:
            self.marker_sections[number] = self.section
        if self.trace and numbers:
            self.trace_lines([Line([word], page or self.page, word.size, word.top, word.bottom, word.x0, word.x1)],
                             "marker")
        return numbers

    # ------------------------------------------------------------------ the meetings table

    def read_table_block(self, lines: list[Line], page: PageLayout, continuing: bool) -> None:
        self.flush_paragraph()
        if self.section is None:
            if self.trace:
                self.trace_lines(lines, "dropped")
            return
        self.note_continued()
        if self.table is None or not continuing:
            self.close_table()
            self.table = TableReader(self.vocabulary, self.note_marker)
            if self.table_title and not self.section.table_title:
                self.section.table_title = self.table_title
            self.table_title = None
            continuing = False
        self.table.add_block(lines, page, continuing)
        self.flow = "table"

    def close_table(self) -> None:
        if self.table is not None and self.section is not None:
            self.section.table_rows.extend(self.table.table_rows())
            if self.trace:
                self.trace_table(self.table)
        self.table = None

    # ------------------------------------------------------------------ footnotes

    def split_footnote_area(self, page: PageLayout, lines: list[Line]) -> tuple[list[Line], list[Line]]:
        """The footnote area: below the short rule over the footnotes, or else the run of
        footnote-size lines at the bottom of the page."""
        rule = self.footnote_rule(page, lines)
        self.notes_top = rule.top if rule is not None else None
        if rule is not None:
            notes = [l for l in lines if l.bottom > rule.top]
            self.separated_notes = self.separated_notes or bool(notes)
            return [l for l in lines if l.bottom <= rule.top], notes
        if self.separated_notes:
            return lines, []  # this document rules off its footnotes: without a rule, small type is no footnote
        k = len(lines)
        while k > 0 and self.style.is_footnote_size(lines[k - 1]) and not in_ruled_grid(page, lines[k - 1]):
            k -= 1
        notes = lines[k:]
        if notes and (self.footnotes or any(self.footnote_start(l) for l in notes)):
            self.notes_top = notes[0].top
            return lines[:k], notes
        return lines, []

    def footnote_rule(self, page: PageLayout, lines: list[Line]) -> Optional[Rule]:
        style = self.style
        width = style.right - style.left
        candidates = []
        for rule in page.rules:
            if not rule.horizontal or not (0.02 * width < rule.x1 - rule.x0 < 0.5 * width):
                continue
            if abs(rule.x0 - style.left) > 1.5 * style.body_size:
                continue
            below = [l for l in lines if l.top >= rule.bottom]
            if below and all(not style.is_body(l) and not in_ruled_grid(page, l) for l in below):
                candidates.append(rule)
        return max(candidates, key=lambda r: r.top) if candidates else None

    def footnote_start(self, line: Line) -> Optional[tuple[int, list[Word]]]:
        """(number, the rest of the line) when the line starts a footnote."""
        first, rest = line.words[0], list(line.words[1:])
        match = re.match(r"^(\d+)\.?$", first.text)
        if match is None:
            merged = re.match(r"^(\d+)([^\d.,/\-].*)$", first.text)
            if merged is None or first.raised:
                return None
            match = merged
            rest = [Word(**{**first.__dict__, "text": merged.group(2), "space_before": False})] + rest
        number = int(match.group(1))
        last = self.footnotes[-1].number if self.footnotes else None
        if number not in self.style.markers and number != (last or 0) + 1:
            return None
        return number, rest

    def read_footnotes(self, notes: list[Line], page: PageLayout) -> None:
        for line in notes:
            start = self.footnote_start(line)
            if start is not None:
                number, words = start
                builder = TextBuilder(self.vocabulary)
                builder.add_line([Word(**{**w.__dict__, "space_before": i > 0 and w.space_before}) for i, w in enumerate(words)])
                # a footnote belongs to the section of its marker (the latest one seen), which a
                # footnote printed on the page where the next section starts may not be
                section = self.marker_sections.get(number) or self.section
                self.note_continued(section)
                self.footnotes.append(FootnoteDraft(number, builder, page.number, section))
                if self.trace:
                    self.trace_lines([line], "footnote" if section is not None else "dropped")
            elif self.footnotes:
                self.footnotes[-1].builder.add_line(line.words)  # continues from above or from the previous page
                if self.trace:
                    self.trace_lines([line], "footnote-continued" if self.footnotes[-1].section else "dropped")
            elif self.section is not None:
                self.report(Problem(self.file, f"page {page.number}", f"footnote text without a number: {line.text[:60]!r}"))
            if self.trace and start is None and not self.footnotes:
                self.trace_lines([line], "dropped")

    # ------------------------------------------------------------------ the observer

    def trace_lines(self, lines: list[Line], kind: str) -> None:
        for line in lines:
            self.trace(line.page, line, kind)

    def trace_table(self, table: TableReader) -> None:
        """A closed table's lines, cut into their cells: one traced line per column of each line,
        of kind "table:<column name>" ("table:<column index>" under a header not understood)."""
        columns = table.columns
        for block in table.blocks:
            for line in block.lines:
                cells: dict[int, list[Word]] = {}
                for word in line.words:
                    cells.setdefault(columns.index(word) if columns else 0, []).append(word)
                for index, words in cells.items():
                    cell = Line(words, line.page, line.size, min(w.top for w in words), max(w.bottom for w in words),
                                words[0].x0, max(w.x1 for w in words), line.bold, line.italic)
                    self.trace(line.page, cell, f"table:{table.column_name(index) or index}")

    # ------------------------------------------------------------------ the end

    def report_pages_without_text(self) -> None:
        """A page inside a section (the section goes on after it) with next to no text beside
        the nearest pages with text on either side: its text is lost (a damaged content stream,
        text drawn as an image)."""
        records = self.records
        before: list[Optional[PageRecord]] = []  # the nearest page with text before each page
        last = None
        for record in records:
            before.append(last)
            last = record if record.chars else last
        after: Optional[PageRecord] = None  # ...and after it, walking back from the end
        found: list[tuple[RawSection, Problem]] = []
        for i in range(len(records) - 1, -1, -1):
            record, previous = records[i], before[i]
            inside = record.section is not None and after is not None and previous is not None \
                and after.section is record.section and after.continued
            if inside and record.chars < EMPTY_SHARE * min(previous.chars, after.chars):
                found.append((record.section, Problem(
                    self.file, f"page {record.number}",
                    f"page without text inside section {record.section.number} ({record.chars} characters, "
                    f"against {previous.chars} on page {previous.number} and {after.chars} on page "
                    f"{after.number}): text may be missing", PAGE_WITHOUT_TEXT)))
            after = record if record.chars else after
        for section, problem in reversed(found):  # in page order
            section.problems.append(problem)

    def finish(self) -> list[RawSection]:
        """The sections read. Markers without footnotes and footnotes without markers are left
        to generator.assemble.sources.check_markers, which reports them for every kind of source."""
        self.flush_paragraph()
        self.close_table()
        self.report_guesses(self.page)
        self.report_pages_without_text()
        for draft in self.footnotes:
            if draft.section is None:
                continue  # a footnote of the front matter
            text, _ = draft.builder.finish()
            draft.section.footnotes.append(Footnote(number=draft.number, text=text, page=draft.page))
        return self.sections


def looks_like_table(lines: list[Line], page: PageLayout) -> bool:
    """Text set in columns: inside ruled cells, on shaded cells, or with wide gaps in its lines."""
    if any(in_ruled_grid(page, line) for line in lines):
        return True
    top, bottom = lines[0].top, lines[-1].bottom
    if any(box.top <= bottom and box.bottom >= top for box in page.boxes):
        return True
    return any(wide_gap(line) > 1.5 * line.size for line in lines)


def wide_gap(line: Line) -> float:
    words = line.words
    return max((b.x0 - a.x1 for a, b in zip(words, words[1:])), default=0.0)
