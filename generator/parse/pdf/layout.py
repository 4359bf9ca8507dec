"""Page geometry for the PDF reader: characters grouped into words and lines, plus rules.

`fetch_page` is the only place that touches a page's pdfplumber/pdfminer
objects (`pdf_pages` opens the file). Each page is read on its own and closed
straight after, so pages can be read per page range, in parallel processes;
everything after this works on the plain dataclasses below.

Nothing here knows a layout: words are split at space characters or at gaps
relative to the font size, superscripts are recognised by size and baseline
relative to their own line.
"""
from __future__ import annotations

import functools
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from generator.parse.pdf.streams import damaged_streams

# Weight words of font names: "Bold", "-BoldMT", URW's "Medi", "Semibold", "SemiBd", "Demi",
# "Heavy", "Black", "ExtraBold", "Ultra", Japanese "W6"-"W9"; and slant words: "Italic", URW's
# "ReguItal"/"MediItal", "Oblique", "Slanted", "-It".
BOLD = re.compile(r"bold|bd\b|black|heavy|semib|demi|medi|extrab|ultrab|(?<![a-z])w[6-9](?![0-9])", re.I)
ITALIC = re.compile(r"(?i:italic|oblique|slanted|kursiv)|Ital\b|-It\b")
FORCE_BOLD = 1 << 18  # font descriptor flag
ITALIC_FLAG = 1 << 6
BOLD_WEIGHT = 600  # FontWeight of semibold and heavier
BOLD_STEMV = 120  # vertical stem width (glyph units) of a bold face; regular faces stay near 70-100

WORD_GAP = 0.15  # a gap this many ems wider than the line's own letter spacing separates words
SUPERSCRIPT_SIZE = 0.85  # a superscript is at most this fraction of its line's size...
SUPERSCRIPT_RISE = 0.12  # ...and sits this many ems above the line's baseline
THIN = 2.0  # a drawn rule is at most this thick (points)


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    italic: bool = False
    space_before: bool = False  # separated from the previous word of its line
    raised: bool = False  # superscript (footnote markers, ordinals)


@dataclass
class Line:
    words: list[Word]
    page: int
    size: float = 0.0  # the size of most of its (non-raised) glyphs
    top: float = 0.0
    bottom: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    bold: bool = False  # (nearly) all of its glyphs are bold
    italic: bool = False

    @property
    def text(self) -> str:
        """The line as printed, superscripts included (for matching, not for output)."""
        out = ""
        for word in self.words:
            out += (" " if word.space_before and out else "") + word.text
        return out

    @property
    def plain_words(self) -> list[Word]:
        return [w for w in self.words if not w.raised]


@dataclass
class Rule:
    """A drawn straight line (or a thin filled rectangle), horizontal or vertical."""

    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass
class Box:
    """A filled or stroked rectangle larger than a rule, e.g. a shaded table cell."""

    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class PageLayout:
    number: int  # 1-based
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    char_count: int = 0
    image_count: int = 0
    warnings: list[str] = field(default_factory=list)  # what pdfminer warned about on this page
    damage: list[str] = field(default_factory=list)  # streams of the page that do not decode (pdf.streams)


# --------------------------------------------------------------------------- reading pages


class Glyph:
    """One printed character, in page coordinates (top-left origin, like pdfplumber's chars)."""

    __slots__ = ("text", "x0", "x1", "top", "bottom", "size", "fontname", "style")

    def __init__(self, text: str, x0: float, x1: float, top: float, bottom: float, size: float, fontname: str,
                 style: tuple[bool, bool] = (False, False)):
        self.text, self.x0, self.x1, self.top, self.bottom, self.size, self.fontname = (
            text, x0, x1, top, bottom, size, fontname)
        self.style = style  # (bold, italic), from the font's descriptor and name


@dataclass
class RawPage:
    """What pdfplumber gives for one page: the only part of reading that can fail on bad input."""

    number: int
    width: float
    height: float
    glyphs: list[Glyph]
    rules: list[Rule]
    boxes: list[Box]
    image_count: int
    damage: list[str] = field(default_factory=list)


def fetch_page(pdf, page_obj, number: int) -> RawPage:
    """The glyphs, rules and boxes of one page of an open pdfplumber PDF.

    Reads pdfplumber's `Page.layout` (pdfminer's objects, interpreted once, without
    layout analysis since the PDF is opened with laparams=None) and keeps only
    the fields the reader uses, with the same coordinates as `Page.chars`,
    `Page.lines` and `Page.rects` (tests/test_pdf_pages.py checks this): turning
    every object into pdfplumber's dicts of some 20 resolved attributes would
    cost as much as interpreting the page. Images are counted, never decoded.
    The page is closed after use so that memory stays flat.
    """
    from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTLine, LTRect
    from pdfplumber.page import Page, fix_fontname_bytes

    damage = damaged_streams(pdf.doc, page_obj)  # before pdfminer decodes them and drops their raw bytes
    page = Page(pdf, page_obj, page_number=number)
    try:
        layout = page.layout
        width, height = float(page.width), float(page.height)
        dx, dy = float(page.mediabox[0]), float(page.mediabox[1])
        glyphs: list[Glyph] = []
        rules: list[Rule] = []
        boxes: list[Box] = []
        images = 0
        styles: dict[str, tuple[bool, bool]] = {}
        stack = [iter(layout)]
        while stack:
            for obj in stack[-1]:
                if isinstance(obj, LTChar):
                    if not obj.upright or obj.size <= 0:
                        continue
                    text = obj.get_text()
                    if not text:
                        continue
                    font = obj.fontname
                    if isinstance(font, bytes):
                        font = fix_fontname_bytes(font)
                    style = styles.get(font)
                    if style is None:
                        styles.update(descriptor_styles(pdf))
                        style = styles.setdefault(font, name_style(font))
                    text = COMPATIBILITY.get(text, text)
                    glyphs.append(Glyph(text, obj.x0 + dx, obj.x1 + dx, height - obj.y1 + dy,
                                        height - obj.y0 + dy, obj.size, font, style))
                elif isinstance(obj, LTCurve):
                    if isinstance(obj, (LTLine, LTRect)):
                        x0, x1, top, bottom = obj.x0 + dx, obj.x1 + dx, height - obj.y1 + dy, height - obj.y0 + dy
                        if isinstance(obj, LTLine) or obj.height <= THIN or obj.width <= THIN:
                            rules.append(Rule(x0, x1, top, bottom))
                        else:
                            boxes.append(Box(x0, x1, top, bottom))
                elif isinstance(obj, LTImage):
                    images += 1
                elif isinstance(obj, LTContainer):  # a form XObject (LTFigure): read inside it
                    stack.append(iter(obj))
                    break
            else:
                stack.pop()
        return RawPage(number, width, height, glyphs, rules, boxes, images, damage)
    finally:
        page.close()


def build_page(raw: RawPage) -> PageLayout:
    glyphs = raw.glyphs
    layout = PageLayout(number=raw.number, width=raw.width, height=raw.height)
    layout.char_count = sum(1 for g in glyphs if not g.text.isspace())
    layout.image_count = raw.image_count
    layout.damage = list(raw.damage)
    groups = [g for g in group_lines(glyphs) if any(not c.text.isspace() for c in g)]
    layout.lines = [make_line(group, raw.number) for group in groups]
    layout.lines.sort(key=lambda line: (round(line.top, 1), line.x0))
    frames, layout.boxes = frame_rules(raw.boxes)
    layout.rules = join_rules(raw.rules + frames)
    return layout


# --------------------------------------------------------------------------- drawn lines

MAX_FRAME_BOXES = 400  # pairs of boxes are compared: a page with more is a chart, not a bordered text
RULE_JOIN = 1.0  # points: segments of one line drawn end to end (a table's cell borders) are one rule


def frame_rules(boxes: list[Box]) -> tuple[list[Rule], list[Box]]:
    """Borders drawn as a rectangle with a smaller one cut out of it (HTML engines draw CSS
    borders so): the strips between the two are rules; the two rectangles are no shaded cells."""
    rules: list[Rule] = []
    used: set[int] = set()
    if len(boxes) > MAX_FRAME_BOXES:
        return rules, boxes
    for i, outer in enumerate(boxes):
        for j, inner in enumerate(boxes):
            if i == j or j in used or i in used:
                continue
            inside = (outer.x0 - 0.01 <= inner.x0 and inner.x1 <= outer.x1 + 0.01
                      and outer.top - 0.01 <= inner.top and inner.bottom <= outer.bottom + 0.01)
            strips = [
                Rule(outer.x0, outer.x1, outer.top, inner.top), Rule(outer.x0, outer.x1, inner.bottom, outer.bottom),
                Rule(outer.x0, inner.x0, outer.top, outer.bottom), Rule(inner.x1, outer.x1, outer.top, outer.bottom),
            ]
            strips = [r for r in strips if 0.01 < min(r.x1 - r.x0, r.bottom - r.top)]
            if inside and strips and all(min(r.x1 - r.x0, r.bottom - r.top) <= THIN for r in strips):
                rules += strips
                used.update((i, j))
    return rules, [box for k, box in enumerate(boxes) if k not in used]


def join_rules(rules: list[Rule]) -> list[Rule]:
    """Collinear rules that touch, joined: a border drawn cell by cell is one line across the table."""
    horizontal = sorted((r for r in rules if r.horizontal), key=lambda r: (round(r.top, 1), r.x0))
    vertical = sorted((r for r in rules if not r.horizontal), key=lambda r: (round(r.x0, 1), r.top))
    out: list[Rule] = []
    for line in horizontal:
        last = out[-1] if out and out[-1].horizontal else None
        if last and abs(last.top - line.top) <= 0.5 and line.x0 <= last.x1 + RULE_JOIN:
            out[-1] = Rule(last.x0, max(last.x1, line.x1), min(last.top, line.top), max(last.bottom, line.bottom))
        else:
            out.append(line)
    joined: list[Rule] = []
    for line in vertical:
        last = joined[-1] if joined else None
        if last and abs(last.x0 - line.x0) <= 0.5 and line.top <= last.bottom + RULE_JOIN:
            joined[-1] = Rule(min(last.x0, line.x0), max(last.x1, line.x1), last.top, max(last.bottom, line.bottom))
        else:
            joined.append(line)
    return out + joined


# --------------------------------------------------------------------------- glyphs -> lines


def group_lines(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Group glyphs into text lines: first by baseline, then superscripts join their line."""
    bands: list[list[Glyph]] = []
    first = None
    for glyph in sorted(glyphs, key=lambda g: g.bottom):
        if first is not None and glyph.bottom - first.bottom <= 0.3 * max(glyph.size, first.size):
            bands[-1].append(glyph)
            continue
        bands.append([glyph])
        first = glyph
    return merge_superscript_bands(bands)


def dominant_size(glyphs: list[Glyph]) -> float:
    sizes = Counter(round(g.size, 1) for g in glyphs if not g.text.isspace())
    return sizes.most_common(1)[0][0] if sizes else 0.0


def merge_superscript_bands(bands: list[list[Glyph]]) -> list[list[Glyph]]:
    """A band of small glyphs that overlaps a band of larger glyphs is its superscripts."""
    info = [(dominant_size(b), min(g.top for g in b), max(g.bottom for g in b)) for b in bands]
    merged = [list(b) for b in bands]
    alive = [True] * len(bands)
    for i, (size, top, bottom) in enumerate(info):
        best, best_overlap = None, 0.0
        for j, (size_j, top_j, bottom_j) in enumerate(info):
            if j == i or not alive[j] or size > SUPERSCRIPT_SIZE * size_j:
                continue
            overlap = min(bottom, bottom_j) - max(top, top_j)
            if overlap > 0.5 * (bottom - top) and overlap > best_overlap:
                best, best_overlap = j, overlap
        if best is not None:
            merged[best].extend(merged[i])
            alive[i] = False
    return [m for m, keep in zip(merged, alive) if keep]


def make_line(glyphs: list[Glyph], page: int) -> Line:
    size = dominant_size(glyphs)
    body = [g.bottom for g in glyphs if g.size >= 0.9 * size and not g.text.isspace()]
    baseline = statistics.median(body) if body else 0.0
    glyphs = compose_accents(sorted(glyphs, key=lambda g: g.x0))
    words = split_words(glyphs, size, baseline)
    plain = [w for w in words if not w.raised] or words
    line = Line(words=words, page=page, size=size)
    line.top = min(w.top for w in plain)
    line.bottom = max(w.bottom for w in plain)
    line.x0 = min(w.x0 for w in words)
    line.x1 = max(w.x1 for w in words)
    letters = sum(len(w.text) for w in plain) or 1
    line.bold = sum(len(w.text) for w in plain if w.bold) >= 0.9 * letters
    line.italic = sum(len(w.text) for w in plain if w.italic) >= 0.9 * letters
    return line


def compose_accents(glyphs: list[Glyph]) -> list[Glyph]:
    """Accents printed as glyphs of their own over a letter (TeX's T1 fonts lack "ć", "ş" ...):
    the letter and the accent it overlaps make one composed character."""
    if not any(g.text in ACCENTS for g in glyphs):
        return glyphs
    out: list[Glyph] = []
    for glyph in glyphs:
        base = out[-1] if out else None
        if glyph.text in ACCENTS and base is not None and base.text.isalpha() and glyph.x0 < base.x1:
            text = unicodedata.normalize("NFC", base.text + ACCENTS[glyph.text])
            out[-1] = Glyph(text, base.x0, max(base.x1, glyph.x1), min(base.top, glyph.top), base.bottom,
                            base.size, base.fontname, base.style)
            continue
        out.append(glyph)
    return out


def is_raised(size: float, bottom: float, line_size: float, baseline: float) -> bool:
    return size <= SUPERSCRIPT_SIZE * line_size and bottom < baseline - SUPERSCRIPT_RISE * line_size


def split_words(glyphs: list[Glyph], line_size: float, baseline: float) -> list[Word]:
    """Split a line's glyphs (left to right) into words at spaces, gaps and superscript changes."""
    small = SUPERSCRIPT_SIZE * line_size
    high = baseline - SUPERSCRIPT_RISE * line_size
    words: list[Word] = []
    run: list[Glyph] = []
    run_space = pending_space = False
    prev_raised = False
    prev = None
    spacing = letter_spacing(glyphs)
    for glyph in glyphs:
        if glyph.text.isspace():
            pending_space = True
            continue
        raised = glyph.size <= small and glyph.bottom < high
        if run:
            gap_break = glyph.x0 - prev.x1 - spacing > WORD_GAP * min(glyph.size, prev.size)
            if pending_space or gap_break or raised != prev_raised:
                words.append(make_word(run, run_space, line_size, baseline))
                run, run_space = [], pending_space or gap_break
        else:
            run_space = pending_space
        run.append(glyph)
        prev, prev_raised = glyph, raised
        pending_space = False
    if run:
        words.append(make_word(run, run_space, line_size, baseline))
    return words


def letter_spacing(glyphs: list[Glyph]) -> float:
    """The usual gap between neighbouring glyphs of the line (left to right): its letter spacing,
    since letters outnumber word breaks. Producers that print no space glyphs (TeX, many DTP
    tools) only position the words, and a tracked (letter-spaced) line has wide gaps in words."""
    gaps = []
    prev = None
    for glyph in glyphs:
        if glyph.text.isspace():
            prev = None
            continue
        if prev is not None:
            gaps.append(glyph.x0 - prev.x1)
        prev = glyph
    if len(gaps) < 3:
        return 0.0
    return max(0.0, statistics.median(gaps))


def make_word(glyphs: list[Glyph], space_before: bool, line_size: float, baseline: float) -> Word:
    size = max(g.size for g in glyphs)
    bottom = max(g.bottom for g in glyphs)
    style = glyphs[0].style
    if any(g.style != style for g in glyphs):
        style = Counter(g.style for g in glyphs).most_common(1)[0][0]
    return Word(
        text="".join(g.text for g in glyphs),
        x0=min(g.x0 for g in glyphs),
        x1=max(g.x1 for g in glyphs),
        top=min(g.top for g in glyphs),
        bottom=bottom,
        size=round(size, 1),
        bold=style[0],
        italic=style[1],
        space_before=space_before,
        raised=is_raised(size, bottom, line_size, baseline),
    )


# --------------------------------------------------------------------------- fonts

# Compatibility characters some producers print, as the text reads: ligature glyphs (TeX and
# DTP tools map them to U+FB00-FB06), non-breaking and fixed-width spaces.
COMPATIBILITY = {
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st",
    "\ufb06": "st", "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ",
}


# Spacing accents (as a font without the accented letter prints them) -> combining marks.
ACCENTS = {
    "\u00b4": "\u0301", "`": "\u0300", "\u02c6": "\u0302", "\u02dc": "\u0303", "\u00a8": "\u0308",
    "\u02c7": "\u030c", "\u02d8": "\u0306", "\u02d9": "\u0307", "\u02da": "\u030a", "\u00b8": "\u0327",
    "\u02db": "\u0328", "\u00af": "\u0304", "\u02dd": "\u030b",
}


def descriptor_styles(pdf) -> dict[str, tuple[bool, bool]]:
    """(bold, italic) of every font pdfminer has loaded so far, by name (its resource manager
    keeps them; a PDF without a usable descriptor falls back to the name)."""
    fonts = getattr(getattr(pdf, "rsrcmgr", None), "_cached_fonts", {}) or {}
    out = {}
    for font in list(fonts.values()):
        name = font.fontname
        if isinstance(name, bytes):
            name = name.decode("latin-1")
        out[str(name)] = font_style(str(name), getattr(font, "descriptor", None) or {})
    return out


@functools.lru_cache(maxsize=256)
def name_style(fontname: str) -> tuple[bool, bool]:
    return font_style(fontname, {})


def font_style(fontname: str, descriptor) -> tuple[bool, bool]:
    """(bold, italic): the descriptor's FontWeight decides when given; else its ForceBold flag,
    a weight word in the name, or a bold face's stem width; slant from the ItalicAngle, the
    Italic flag or the name."""
    from pdfminer.pdftypes import resolve1

    def number(key):
        try:
            value = resolve1(descriptor.get(key))
            return float(value) if isinstance(value, (int, float)) else None
        except Exception:  # a damaged descriptor says nothing
            return None

    base = fontname.split("+", 1)[-1]  # without the subset tag "ABCDEF+"
    weight, flags, stem, angle = number("FontWeight"), number("Flags"), number("StemV"), number("ItalicAngle")
    flags = int(flags or 0)
    if weight is not None:
        bold = weight >= BOLD_WEIGHT
    else:
        bold = bool(flags & FORCE_BOLD) or bool(BOLD.search(base)) or (stem or 0) >= BOLD_STEMV
    italic = bool(angle) or bool(flags & ITALIC_FLAG) or bool(ITALIC.search(base))
    return bold, italic
