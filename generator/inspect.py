"""`repertoire inspect FILE.pdf`: pictures of how the PDF reader took each line, and its measures.

For a PDF that does not read as expected. Writes into DIR (default
`inspect-<file stem>/` in the current folder):

- `page-NNN.png` for each page asked for: the page with every text line boxed in the colour of
  what the reader took it for (`COLOURS`; each column of the meetings table in a colour of its
  own, labelled with the column's name);
- `legend.png`: the colours;
- `summary.txt` (also printed): the measured style, the heading styles, the running lines, the
  footnote area and the count of lines of each kind per page.

The reading is generator.parse.pdf.inspect's (the reader itself, observed). A folder this command
did not make is never written into: it leaves `MARKER` in the folders it makes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from generator.model.errors import RepertoireError
from generator.parse import check_source

MARKER = ".repertoire-inspect"
DEFAULT_RESOLUTION = 100  # dpi of the pictures
FILL_ALPHA = 40  # how strongly a box's inside is tinted (0-255); its outline is the plain colour

# Colours of the kinds of lines (outlines are drawn in exactly these; tests count their pixels).
COLOURS = {
    "heading": (214, 39, 40),  # red
    "paragraph": (31, 119, 180),  # blue
    "footnote": (0, 158, 115),  # green: the line that starts a footnote (its number)
    "footnote-continued": (120, 200, 170),  # pale green: a footnote's further lines
    "marker": (255, 127, 14),  # orange: a raised word read as a footnote marker
    "furniture": (112, 112, 112),  # grey: running header or footer, not read as text
    "dropped": (148, 103, 189),  # purple: front matter, contents lines, text before the first section
    "unread": (255, 0, 255),  # magenta: a line no decision was recorded for (should not happen)
}
MEANINGS = {
    "heading": "heading (section, group or table title)",
    "paragraph": "paragraph text",
    "footnote": "footnote: the line with its number",
    "footnote-continued": "footnote: further lines",
    "marker": "footnote marker (raised number in the text)",
    "furniture": "running header/footer (left out)",
    "dropped": "dropped: title page, contents, text before the first section",
    "unread": "no decision recorded (please report)",
}
# The meetings table: a colour per column, the same column always in the same colour.
COLUMN_COLOURS = {
    "meeting": (23, 190, 207),  # cyan
    "sub_item": (140, 86, 75),  # brown
    "other_documents": (227, 119, 194),  # pink
    "rule_37": (188, 189, 34),  # olive
    "rule_39": (57, 59, 180),  # indigo
    "speakers": (230, 171, 2),  # gold
    "decisions": (166, 30, 77),  # crimson
}
SPARE_COLOURS = [(0, 128, 128), (128, 128, 0), (96, 0, 160), (200, 80, 0), (0, 90, 40), (90, 90, 200)]
PAGES = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")


def colour_of(kind: str) -> tuple[int, int, int]:
    if kind.startswith("table:"):
        column = kind[len("table:"):]
        if column in COLUMN_COLOURS:
            return COLUMN_COLOURS[column]
        index = int(column) if column.isdigit() else sum(map(ord, column))
        return SPARE_COLOURS[index % len(SPARE_COLOURS)]
    return COLOURS[kind]


def meaning_of(kind: str) -> str:
    if kind.startswith("table:"):
        column = kind[len("table:"):]
        return f"meetings table, column {column}" + (" (header not understood)" if column.isdigit() else "")
    return MEANINGS[kind]


# --------------------------------------------------------------------------- arguments


def parse_pages(spec: Optional[str]) -> Optional[list[int]]:
    """"3-5", "3", "1,4-6" -> the page numbers, in order; None (no --pages) for every page."""
    if spec is None:
        return None
    pages: list[int] = []
    for part in spec.split(","):
        match = PAGES.match(part)
        if match is None:
            raise RepertoireError(None, f"--pages {spec!r}: expected a page or a range of pages, "
                                        "e.g. 3 or 3-5 or 1,4-6")
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        if first < 1:
            raise RepertoireError(None, f"--pages {spec!r}: pages are numbered from 1")
        if last < first:
            raise RepertoireError(None, f"--pages {spec!r}: the range {first}-{last} runs backwards")
        pages += [n for n in range(first, last + 1) if n not in pages]
    return sorted(pages)


def check_out_folder(out: Path) -> None:
    """Only a folder this command made (it holds MARKER), an empty folder or a new one."""
    if out.exists() and not out.is_dir():
        raise RepertoireError(str(out), "exists and is not a folder; choose another --out")
    if out.is_dir() and not (out / MARKER).is_file() and any(out.iterdir()):
        raise RepertoireError(str(out), f"folder not made by `repertoire inspect` (no {MARKER} in it): "
                                        "not writing into it; choose another --out")


# --------------------------------------------------------------------------- the command


@dataclass
class InspectResult:
    out: Path
    images: list[Path]
    summary: str


def inspect(path: Path, pages: Optional[str] = None, out: Optional[Path] = None,
            resolution: float = DEFAULT_RESOLUTION, workers: Optional[int] = None) -> InspectResult:
    from generator.parse.pdf.inspect import document_page_count, inspect_pdf, render_pages

    path = Path(path)
    check_source(path)  # before pdfplumber opens it: a FIFO would wait forever
    wanted = parse_pages(pages)
    if not 10 <= resolution <= 600:
        raise RepertoireError(None, f"--resolution {resolution:g}: expected 10 to 600 dpi")
    out = Path(out) if out is not None else Path.cwd() / f"inspect-{path.stem}"
    check_out_folder(out)
    count = document_page_count(path)
    if wanted is None:
        wanted = list(range(1, count + 1))
    outside = [n for n in wanted if n > count]
    if outside:
        pages_word = "page" if len(outside) == 1 else "pages"
        raise RepertoireError(str(path), f"{pages_word} {compact(outside)} outside the document "
                                         f"({count} page{'s' if count != 1 else ''})")
    inspection = inspect_pdf(path, wanted, workers)

    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("Made by `repertoire inspect`; it may rewrite this folder.\n", encoding="utf-8")
    for old in list(out.glob("page-*.png")):  # pictures of an earlier run, maybe of other pages
        old.unlink()
    digits = max(3, len(str(count)))
    images = []
    for number, image in render_pages(path, drawings(inspection), resolution):
        target = out / f"page-{number:0{digits}d}.png"
        image.save(target)
        images.append(target)
    kinds = sorted({m.kind for p in inspection.pages.values() for m in p.marks} | set(MEANINGS) - {"unread"},
                   key=kind_order)
    legend(kinds).save(out / "legend.png")
    summary = summary_text(inspection, wanted, kinds, out)
    (out / "summary.txt").write_text(summary, encoding="utf-8")
    return InspectResult(out, images, summary)


def drawings(inspection) -> dict:
    """The boxes and labels of each page asked for: table cells' columns are labelled once per
    page, over the column's first cell."""
    from generator.parse.pdf.inspect import Box, Label

    out = {}
    for number, page in inspection.pages.items():
        boxes, labels, labelled = [], [], set()
        # markers last, so that they show over the line they are in
        for mark in sorted(page.marks, key=lambda m: m.kind == "marker"):
            colour = colour_of(mark.kind)
            x0, top, x1, bottom = mark.box
            pad = 0.5
            boxes.append(Box((x0 - pad, top - pad, x1 + pad, bottom + pad), colour, colour + (FILL_ALPHA,)))
        for mark in sorted((m for m in page.marks if m.kind.startswith("table:")), key=lambda m: m.box[1]):
            if mark.kind not in labelled:
                labelled.add(mark.kind)
                labels.append(Label(mark.box[0], mark.box[1] - 0.5, mark.kind[len("table:"):], colour_of(mark.kind)))
        out[number] = (boxes, labels)
    return out


def kind_order(kind: str) -> tuple[int, str]:
    order = list(COLOURS)
    if kind.startswith("table:"):
        column = kind[len("table:"):]
        names = list(COLUMN_COLOURS)
        return (len(order) + (names.index(column) if column in names else len(names)), column)
    return (order.index(kind) if kind in order else len(order), kind)


def legend(kinds: list[str]):
    """A small picture of the colours: a swatch drawn as the pages' boxes are, and its meaning."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=13)
    row, swatch = 22, 36
    width = 20 + swatch + 10 + max(int(font.getlength(meaning_of(k))) for k in kinds) + 20
    image = Image.new("RGB", (width, 16 + row * len(kinds)), "white")
    draw = ImageDraw.Draw(image, "RGBA")
    for i, kind in enumerate(kinds):
        y = 8 + i * row
        colour = colour_of(kind)
        draw.rectangle((20, y + 3, 20 + swatch, y + row - 5), fill=colour + (FILL_ALPHA,), outline=colour)
        draw.text((20 + swatch + 10, y + row // 2), meaning_of(kind), fill=(0, 0, 0), font=font, anchor="lm")
    return image


# --------------------------------------------------------------------------- the summary


def amount(value: Optional[float], unit: str = " pt") -> str:
    if value is None:
        return "none"
    return f"{round(value, 2):g}{unit}"


def compact(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> "1-3, 5"."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(f"{a}" if a == b else f"{a}-{b}" for a, b in runs)


def summary_text(inspection, wanted: list[int], kinds: list[str], out: Path) -> str:
    style = inspection.style
    lines = [f"repertoire inspect {inspection.file}: page{'s' if len(wanted) > 1 else ''} {compact(wanted)} "
             f"of {inspection.page_count}", ""]

    if inspection.verdict:
        lines.append(f"Not read as a Repertoire section: {inspection.verdict}.")
    for section in inspection.sections:
        pages = sorted({p.page for p in section.paragraphs} | {f.page for f in section.footnotes})
        lines.append(f"Section {section.number}. {section.title}"
                     + (f" (group: {section.group})" if section.group else "")
                     + f": {len(section.paragraphs)} paragraphs, {len(section.footnotes)} footnotes, "
                       f"{len(section.table_rows)} table rows"
                     + (f", text on pages {compact(pages)}" if pages else ""))
    if not inspection.sections and not inspection.verdict:
        lines.append("No section read.")
    lines.append("")

    lines.append("Measured style (from the whole document)")
    if style is None:
        lines.append("  none: no text besides running headers and footers")
    else:
        markers = sorted(style.markers)
        rows = [
            ("body size", amount(style.body_size)),
            ("footnote size", amount(style.footnote_size)
             + ("" if style.footnote_size else " (no footnote-size lines numbered like the text's markers)")),
            ("left margin", amount(style.left) + " (where most body lines start)"),
            ("right margin", amount(style.right) + " (where full body lines end)"),
            ("line pitch", amount(style.line_pitch) + " (baseline to baseline in a paragraph)"),
            ("paragraph indent", amount(style.indent) + ("" if style.indent else " (paragraphs not indented)")),
            ("footnote markers", f"{len(markers)} in body lines" + (f" ({compact(markers)})" if markers else "")),
            ("supplement", str(style.supplement) if style.supplement else "none found in the running lines"),
            ("part", style.part or "none found in the running lines"),
        ]
        if getattr(style, "body_bottom", None) is not None:
            rows.insert(5, ("text block bottom", amount(style.body_bottom) + " (lowest body line)"))
        lines += [f"  {name:<18} {value}" for name, value in rows]
    lines.append("")

    lines.append("Heading styles (lines read as headings, whole document)")
    if not inspection.heading_styles:
        lines.append("  none: no line larger than the body or bold at body size")
    for (size, bold), count in sorted(inspection.heading_styles.items(), key=lambda x: (-x[0][0], not x[0][1])):
        example = inspection.heading_examples[(size, bold)]
        lines.append(f"  {amount(size)} {'bold' if bold else 'regular'}: {count} line{'s' if count != 1 else ''}, "
                     f"e.g. {shorten(example)!r}")
    lines.append("")

    lines.append("Furniture (running headers and footers, left out of the text)")
    if not inspection.running:
        lines.append("  none found")
    for running in inspection.running:
        where = "top" if running.top else "bottom"
        lines.append(f"  {where}: {shorten(running.text)!r} on {len(running.pages)} of {inspection.page_count} pages")
    lines.append("")

    lines.append("Lines per page (a table line counts once per cell)")
    for n in wanted:
        page = inspection.pages[n]
        counts = page.counts()
        lines.append(f"page {n} ({amount(page.width, '')} x {amount(page.height)})")
        for kind in kinds:
            if counts[kind] or not kind.startswith("table:"):
                unit = (" cell" if counts[kind] == 1 else " cells") if kind.startswith("table:") else ""
                lines.append(f"  {kind:<22} {counts[kind]}{unit}")
        if counts["unread"]:
            lines.append(f"  {'unread':<22} {counts['unread']}")
        area = inspection.footnote_areas.get(n)
        lines.append(f"  {'footnote area':<22} "
                     + (f"{amount(area[0], '')}-{amount(area[1])} from the top" if area else "none"))
    lines.append("")

    lines.append(f"Colours (also in {out / 'legend.png'}): outlines in these RGB colours, insides tinted")
    for kind in kinds:
        lines.append(f"  {kind:<22} rgb{colour_of(kind)}  {meaning_of(kind)}")
    return "\n".join(lines) + "\n"


def shorten(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 3] + "..."
