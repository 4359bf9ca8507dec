"""The layouts every producer prints: page size, type, headings, alignment, running heads.

Twelve layouts span what the Repertoire's printings vary in: page size (A4,
Letter, B5), body size 9-12 pt, heading size ratio 1.0-1.3 with and without
bold, serif and sans, justified and ragged, hyphenation on and off, one- and
two-sided running heads (page number on the outer edge), contents page on and
off, and ruled, half-ruled and unruled tables. No layout is tuned to the
reader: they are the cross product's corners and a spread in between.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

PAPER_MM = {"a4": (210, 297), "letter": (215.9, 279.4), "b5": (176, 250)}


@dataclass(frozen=True)
class Layout:
    name: str
    paper: str  # key of PAPER_MM
    body_pt: float
    heading_ratio: float  # section heading size / body size (1.0: body-sized)
    heading_bold: bool  # False: headings differ by size (and spacing) only
    family: str  # "serif" or "sans"
    justify: bool
    hyphenate: bool
    two_sided: bool  # alternating running heads, page number on the outer edge
    contents: bool  # a title page and a table of contents before the text
    table_rules: str  # "grid" (every cell ruled), "rows" (horizontal rules only), "none"
    indent: bool  # paragraphs start with a first-line indent (else a space between them)
    note_ratio: float = 0.8  # footnote size / body size

    @property
    def page_mm(self) -> tuple[float, float]:
        return PAPER_MM[self.paper]

    @property
    def heading_pt(self) -> float:
        return round(self.body_pt * self.heading_ratio, 1)

    @property
    def note_pt(self) -> float:
        return round(self.body_pt * self.note_ratio, 1)

    @property
    def table_pt(self) -> float:
        return round(max(6.5, self.body_pt * 0.75), 1)

    def key(self) -> str:
        return repr(sorted(asdict(self).items()))


LAYOUTS = [
    Layout("a4-serif-10-bold13", "a4", 10, 1.3, True, "serif", True, True, False, False, "grid", True),
    Layout("a4-sans-9-bold10", "a4", 9, 1.0, True, "sans", True, True, True, False, "rows", False),
    Layout("letter-serif-12-plain12", "letter", 12, 1.2, False, "serif", False, False, False, True, "none", True),
    Layout("letter-sans-11-bold105", "letter", 11, 1.05, True, "sans", False, True, True, False, "grid", True, 0.82),
    Layout("b5-serif-9-bold11", "b5", 9, 1.1, True, "serif", True, True, True, True, "rows", True, 0.89),
    Layout("b5-sans-10-plain13", "b5", 10, 1.3, False, "sans", False, False, False, False, "grid", False),
    Layout("a4-serif-11-bold1045", "a4", 11, 1.045, True, "serif", True, False, True, True, "none", True),
    Layout("letter-serif-9-bold10", "letter", 9, 1.0, True, "serif", False, True, False, False, "rows", False, 0.78),
    Layout("a4-sans-12-plain125", "a4", 12, 1.25, False, "sans", True, True, False, True, "rows", True),
    Layout("b5-serif-105-bold12", "b5", 10.5, 1.2, True, "serif", False, True, False, False, "none", False),
    Layout("letter-sans-10-bold115", "letter", 10, 1.15, True, "sans", True, False, True, False, "none", True),
    Layout("a4-serif-95-bold10-ragged", "a4", 9.5, 1.0, True, "serif", False, False, True, True, "grid", False),
]

# The long document (a whole synthetic Part I) is printed in one everyday layout per producer.
LONG_LAYOUT = Layout("long-a4-serif-10", "a4", 10, 1.15, True, "serif", True, True, True, True, "rows", True)
