"""The WeasyPrint producer: an HTML document and its CSS per cell, printed by WeasyPrint (Pango).

Footnotes are CSS page footnotes (`float: footnote`), their call and marker
showing the spec's own number (`attr(data-n)`, not WeasyPrint's counter); the
footnote area has a short rule above it (a CSS border, which WeasyPrint draws
as a filled frame, not a line). Group headings start a page; the meetings
table is an HTML table whose <thead> WeasyPrint repeats on each page, its rows
free to break across pages, its rules collapsed borders (stroked lines).
Running heads are @page margin boxes (the page number on the outer edge when
two-sided); the contents page takes its page numbers from `target-counter()`
with dot leaders. Fonts are Liberation Serif / Sans (DejaVu if Liberation is
missing). Two documents print at once, each in a process of its own, since
WeasyPrint is CPU-bound.

WeasyPrint (70.0) needs three workarounds to print every footnote, each where
it belongs: a word joiner before each call (else a line may start with one), a
point of padding under the footnote area (else a rounding error makes every
footnote "overflow" and they drift pages behind their calls, some lost), and a
patch of its line layout (`patch_weasyprint`) that lost some footnotes whose
call is in a line kept on a page by moving earlier footnotes off it. Each
document is checked to print every footnote exactly once before it is written.
WeasyPrint may still move a footnote that does not fit to the next page (about
1 in 130 in the long document).
"""
from __future__ import annotations

import multiprocessing
import shutil
import subprocess
from concurrent.futures import ProcessPoolExecutor
from html import escape as _escape
from pathlib import Path
from typing import Optional

from tests.layouts.matrix import Layout
from tests.layouts.spec import DocumentSpec, SectionSpec, marked

NAME = "weasyprint"
FONTS = {"serif": ('"Liberation Serif"', '"DejaVu Serif"', "serif"),
         "sans": ('"Liberation Sans"', '"DejaVu Sans"', "sans-serif")}
FONT_PACKAGES = "fonts-liberation (or fonts-dejavu-core)"
LIBRARIES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
COLUMN_WEIGHTS = (1.1, 1.1, 0.85, 0.85, 1.45, 1.0, 1.05)
MARGIN_MM = 20
PARALLEL = 2
TITLE = "Repertoire of the Practice of the Security Council"


def missing() -> Optional[str]:
    try:
        import weasyprint  # noqa: F401  (loads Pango through cffi: an OSError when it is absent)
    except ImportError as error:
        return f"the Python package weasyprint cannot be imported ({error}; pip: weasyprint, see requirements.txt)"
    except OSError as error:
        return f"WeasyPrint cannot load its libraries ({str(error).splitlines()[0]}; Debian: {LIBRARIES})"
    if shutil.which("fc-list"):
        try:
            families = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=60).stdout
        except (OSError, subprocess.TimeoutExpired):
            families = None
        if families is not None:
            for family, names in FONTS.items():
                if not any(name.strip('"') in families for name in names[:2]):
                    return f"no {family} font: neither {' nor '.join(names[:2])} (Debian: {FONT_PACKAGES})"
    return None


def escape(text: str) -> str:
    return _escape(text, quote=True)


def pt(value: float) -> str:
    return f"{round(value, 2):g}pt"


# --------------------------------------------------------------------------- CSS


def stylesheet(document: DocumentSpec, layout: Layout) -> str:
    width, height = layout.page_mm
    body, note, table = layout.body_pt, layout.note_pt, layout.table_pt
    head_pt = note
    foot_pt = round(note * 0.9, 1)
    family = ", ".join(FONTS[layout.family])
    header, footer = css_string(document.running_header), css_string(document.running_footer)
    heads_style = f"font-size: {pt(head_pt)}; font-style: italic;"
    number_style = f"font-size: {pt(head_pt)}; font-style: normal;"
    if layout.two_sided:
        heads = f"""
@page :right {{
  @top-center {{ content: {header}; {heads_style} text-align: right; vertical-align: bottom; padding-bottom: 5mm; }}
  @top-right {{ content: counter(page); {number_style} text-align: right; vertical-align: bottom;
               padding-bottom: 5mm; width: 2.5em; }}
}}
@page :left {{
  @top-left {{ content: counter(page); {number_style} text-align: left; vertical-align: bottom; padding-bottom: 5mm;
              width: 2.5em; }}
  @top-center {{ content: {footer}; {heads_style} text-align: left; vertical-align: bottom; padding-bottom: 5mm; }}
}}
@page front:left, front:right {{
  @top-left {{ content: none; }} @top-center {{ content: none; }} @top-right {{ content: none; }}
}}"""
    else:
        heads = f"""
@page {{
  @top-center {{ content: {header}; {heads_style} vertical-align: bottom; padding-bottom: 5mm; }}
  @bottom-left {{ content: counter(page) "\\2003" {footer}; font-size: {pt(foot_pt)};
                 text-align: left; vertical-align: top; padding-top: 5mm;
                 width: 100%; }}
}}
@page front {{
  @top-center {{ content: none; }} @bottom-left {{ content: none; }}
}}"""
    align = "justify" if layout.justify else "left"
    hyphens = "auto" if layout.hyphenate else "manual"
    if layout.indent:
        paragraphs = "p.text { text-indent: 1.5em; margin: 0; }\nh2 + p.text { text-indent: 0; }"
    else:
        paragraphs = f"p.text {{ text-indent: 0; margin: 0 0 {pt(body * 0.6)} 0; }}"
    heading_weight = "bold" if layout.heading_bold else "normal"
    rules = layout.table_rules
    if rules == "grid":
        table_rules = """
table.meetings th, table.meetings td { border: 0.5pt solid black; }
table.meetings th { background: #e6e6e6; }"""
    elif rules == "rows":
        table_rules = """
table.meetings thead tr { border-top: 0.5pt solid black; }
table.meetings tr { border-bottom: 0.5pt solid black; }"""
    else:
        table_rules = """
table.meetings td { padding-bottom: 0.8ex; }"""
    count = len(document.columns)
    weights = COLUMN_WEIGHTS[:count] if count <= len(COLUMN_WEIGHTS) else (1.0,) * count
    total = sum(weights)
    columns = "\n".join(f"table.meetings col.c{i} {{ width: {round(100 * w / total, 3)}%; }}"
                        for i, w in enumerate(weights))
    return f"""
@page {{
  size: {width:g}mm {height:g}mm;
  margin: {MARGIN_MM}mm;
  @footnote {{
    border-top: 0.5pt solid black;
    margin-top: {pt(body)};
    padding-top: {pt(note * 0.5)};
    padding-bottom: 1pt;  /* slack: WeasyPrint finds its footnote area overflowing by a rounding error without it */
    margin-right: 75%;  /* the rule over the notes is a quarter of the width; the notes overflow it */
  }}
}}
{heads}
html {{ font-family: {family}; font-size: {pt(body)}; line-height: 1.2; }}
body {{ margin: 0; text-align: {align}; hyphens: {hyphens}; }}
{paragraphs}
p.text {{ orphans: 2; widows: 2; }}
h1.group {{ font-size: {pt(round(body * 1.4, 1))}; font-weight: bold; text-align: center; hyphens: manual;
           margin: 0 0 4mm 0; break-after: avoid; }}
div.group {{ break-before: page; }}
h2 {{ font-size: {pt(layout.heading_pt)}; font-weight: {heading_weight}; text-align: left; hyphens: manual;
     margin: 3mm 0 2.5mm 0; break-after: avoid; }}
div.group > h2:first-child {{ margin-top: 0; }}
span.fn {{
  float: footnote; width: 400%;  /* the footnote area's width, undoing its margin-right */
  footnote-policy: line;  /* a note that does not fit takes its line to the next page */
  font-size: {pt(note)}; line-height: 1.2; font-style: normal; font-weight: normal;
  text-indent: 0; text-align: {align}; hyphens: {hyphens}; margin: 0 0 {pt(note * 0.2)} 0;
}}
/* the call starts with a word joiner (not printed): WeasyPrint would break a line before a call that
   follows a comma or a full stop; a nowrap span around word and call trips its hyphenation instead */
span.fn::footnote-call {{ content: "\\2060" attr(data-n); vertical-align: super; font-size: {pt(body * 0.6)};
                         line-height: 0; font-style: normal; font-weight: normal; }}
td span.fn::footnote-call {{ font-size: {pt(table * 0.6)}; }}
span.fn::footnote-marker {{ content: attr(data-n) " "; }}
sup.call {{ vertical-align: super; font-size: {pt(body * 0.6)}; line-height: 0; }}
td sup.call {{ font-size: {pt(table * 0.6)}; }}
p.table-title {{ font-size: {pt(body)}; font-weight: bold; text-align: left; hyphens: manual; text-indent: 0;
                margin: 4mm 0 2mm 0; break-after: avoid; }}
table.meetings {{ width: 100%; table-layout: fixed; border-collapse: collapse; font-size: {pt(table)};
                 line-height: 1.2; margin: 0 0 3mm 0; }}
{columns}
table.meetings th, table.meetings td {{ text-align: left; vertical-align: top; hyphens: manual;
  padding: 1.5pt 3pt; }}
table.meetings th {{ font-style: italic; font-weight: normal; }}
table.meetings tr {{ break-inside: auto; }}
{table_rules}
section.front {{ page: front; }}
section.title {{ break-after: page; text-align: center; padding-top: 50mm; hyphens: manual; }}
section.title p {{ margin: 0 0 8mm 0; font-size: 16pt; }}
section.title p.name {{ font-size: 24pt; font-weight: bold; line-height: 1.2; }}
section.contents h1 {{ font-size: 16pt; font-weight: bold; text-align: left; margin: 0 0 5mm 0; }}
section.contents p {{ margin: 0 0 2mm 0; text-align: left; hyphens: manual; padding-right: 3em; }}
section.contents p.entry-section {{ padding-left: 1.5em; }}
section.contents a {{ color: inherit; text-decoration: none; }}
section.contents a::after {{ content: leader(".") target-counter(attr(href), page); margin-right: -3em; }}
"""


def css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ") + '"'


# --------------------------------------------------------------------------- HTML


class Notes:
    """Footnote spans for a section's markers: each note printed once, at its first marker."""

    def __init__(self, footnotes: dict[int, str]):
        self.footnotes = footnotes
        self.printed: set[int] = set()

    def call(self, number: int) -> str:
        if number in self.footnotes and number not in self.printed:
            self.printed.add(number)
            return f'<span class="fn" data-n="{number}">{escape(self.footnotes[number])}</span>'
        return f'<sup class="call">&#8288;{number}</sup>'  # a second marker of a note, or one without

    def html(self, pieces) -> str:
        return "".join(self.call(p) if isinstance(p, int) else escape(p) for p in pieces)


def table_html(document: DocumentSpec, section: SectionSpec, notes: Notes) -> str:
    count = len(document.columns)
    out = []
    if section.table_title:
        out.append(f'<p class="table-title">{escape(section.table_title)}</p>')
    out.append('<table class="meetings">')
    out.append("<colgroup>" + "".join(f'<col class="c{i}">' for i in range(count)) + "</colgroup>")
    out.append("<thead><tr>" + "".join(f"<th>{escape(label)}</th>" for label in document.labels) + "</tr></thead>")
    out.append("<tbody>")
    for row in section.rows:
        cells = []
        for column in document.columns:
            lines = "".join(f"<div>{notes.html(marked(line))}</div>" for line in row.get(column, []))
            cells.append(f"<td>{lines}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def front_html(document: DocumentSpec) -> str:
    out = ['<section class="front title">',
           f'<p class="name">{escape(TITLE)}</p>',
           f"<p>Supplement {document.supplement}</p>",
           f"<p>Part {escape(document.part)}</p>",
           "</section>",
           '<section class="front contents">',
           "<h1>Contents</h1>"]
    for text, anchor in document.contents():
        kind = "group" if anchor.startswith("g") else "section"
        out.append(f'<p class="entry-{kind}"><a href="#{anchor}">{escape(text)}</a></p>')
    out.append("</section>")
    return "\n".join(out)


def footnote_numbers(document: DocumentSpec) -> list[int]:
    """The footnotes the document prints as notes: each section's, at their first marker."""
    out = []
    for section in document.sections:
        called = {p for paragraph in section.paragraphs for p in paragraph if isinstance(p, int)}
        called |= {p for row in section.rows for lines in row.values() for line in lines
                   for p in marked(line) if isinstance(p, int)}
        out += [n for n in section.footnotes if n in called]
    return out


def document_html(document: DocumentSpec, layout: Layout) -> str:
    lang = ' lang="en"'  # hyphenation (pyphen) follows the language; `hyphens` says whether to
    out = [f"<!DOCTYPE html>\n<html{lang}><head><meta charset=\"utf-8\">",
           f"<title>{escape(document.name)}</title>",
           f"<style>{stylesheet(document, layout)}</style></head><body>"]
    if layout.contents:
        out.append(front_html(document))
    index = 0
    for g, (group, sections) in enumerate(document.groups()):
        out.append(f'<div class="group" id="g{g}">')
        if group:
            out.append(f'<h1 class="group">{escape(group)}</h1>')
        for section in sections:
            notes = Notes(section.footnotes)
            out.append(f'<h2 id="s{index}">{escape(section.heading)}</h2>')
            index += 1
            out += [f'<p class="text">{notes.html(paragraph)}</p>' for paragraph in section.paragraphs]
            if section.rows:
                out.append(table_html(document, section, notes))
        out.append("</div>")
    out.append("</body></html>\n")
    return "\n".join(out)


# --------------------------------------------------------------------------- printing


def patch_weasyprint() -> None:
    """Work around a WeasyPrint bug that loses footnotes (seen in 70.0, some 15 of 3,500 notes in the long
    document). When a line overflows the page, `_linebox_layout` may move the page's last footnotes
    to the next page to make room, then keeps the line without laying out the footnotes called in it:
    their bodies are never printed. After such a line, its footnotes are laid out here as the
    function would have (moved to the next page when they do not fit)."""
    from weasyprint.layout import block

    original = block._linebox_layout
    if getattr(original, "repertoire_patch", False):
        return

    def linebox_layout(context, box, index, child, new_children, *args, **kwargs):
        result = original(context, box, index, child, new_children, *args, **kwargs)
        abort, stop, _, _, new_footnotes, _ = result
        if stop and not abort and new_children and context.footnotes:
            for descendant in new_children[-1].descendants():
                footnote = getattr(descendant, "footnote", None)
                if footnote is not None and footnote in context.footnotes:
                    if context.layout_footnote(footnote):
                        context.report_footnote(footnote)
                    new_footnotes.append(footnote)
        return result

    linebox_layout.repertoire_patch = True
    block._linebox_layout = linebox_layout


def printed_notes(document) -> list[str]:
    """The numbers (data-n) of the footnote bodies in a rendered WeasyPrint document, in page order."""
    out = []
    for page in document.pages:
        for area in page._page_box.children:
            if type(area).__name__ == "FootnoteAreaBox":
                for note in area.children:
                    element = getattr(note, "element", None)
                    out.append(element.get("data-n") if element is not None else "?")
    return out


def print_one(source: str, target: str, notes: list[str]) -> Optional[str]:
    """Print the HTML file `source` to `target`; the error (and WeasyPrint's warnings) or None.
    `notes`: the footnote numbers the document must print, each once."""
    import logging

    from weasyprint import HTML

    patch_weasyprint()
    logger = logging.getLogger("weasyprint")
    warnings: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            warnings.append(record.getMessage())

    handler = Collect(logging.WARNING)
    logger.addHandler(handler)
    try:
        document = HTML(filename=source, encoding="utf-8").render()
        printed = printed_notes(document)
        if sorted(printed) != sorted(notes):
            lost = sorted(set(notes) - set(printed), key=int)
            twice = sorted({n for n in printed if printed.count(n) > 1})
            return (f"WeasyPrint did not print each footnote once: lost {', '.join(lost[:20]) or 'none'}; "
                    f"printed twice {', '.join(twice[:20]) or 'none'}")
        document.write_pdf(target)
    except Exception as error:  # noqa: BLE001  (any failure is reported by the parent, naming the job)
        lines = [f"{type(error).__name__}: {error}"] + warnings[-10:]
        return "\n".join(lines)
    finally:
        logger.removeHandler(handler)
    if not Path(target).exists():
        return "WeasyPrint wrote no PDF\n" + "\n".join(warnings[-10:])
    return None


def render(jobs, work: Path) -> None:
    """Each document's HTML written under `work`, printed two at a time in processes of their own."""
    from tests.layouts.producers import ProducerError

    work = Path(work)
    sources, notes = [], []
    for index, (document, layout, target) in enumerate(jobs):
        source = work / f"job-{index}-{Path(target).stem}.html"
        source.write_text(document_html(document, layout), encoding="utf-8")
        sources.append(source)
        notes.append([str(n) for n in footnote_numbers(document)])
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        context = multiprocessing.get_context()
    failures = []
    with ProcessPoolExecutor(max_workers=min(PARALLEL, max(1, len(jobs))), mp_context=context) as pool:
        futures = [pool.submit(print_one, str(source), str(target), numbers)
                   for source, numbers, (_, _, target) in zip(sources, notes, jobs)]
        for source, (document, layout, target), future in zip(sources, jobs, futures):
            try:
                error = future.result()
            except Exception as crash:  # noqa: BLE001  (a worker that died)
                error = f"{type(crash).__name__}: {crash}"
            if error:
                failures.append(f"WeasyPrint failed on {source} for {Path(target).name} "
                                f"({document.name}, {layout.name}):\n{error}")
    if failures:
        raise ProducerError("\n".join(failures))
