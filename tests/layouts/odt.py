"""The LibreOffice producer: a flat ODT document (.fodt) per cell, printed by `soffice --convert-to pdf`.

Footnotes are Writer's own (<text:note>, numbered as the spec numbers them),
the meetings table has a repeated header row, running heads are the page
style's header and footer (left and right pages differ when two-sided).
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Optional
from xml.sax.saxutils import escape

from tests.layouts.matrix import Layout
from tests.layouts.spec import DocumentSpec, SectionSpec, marked

NAME = "libreoffice"
FONTS = {"serif": "Liberation Serif", "sans": "Liberation Sans"}
COLUMN_WEIGHTS = (1.1, 1.1, 0.85, 0.85, 1.45, 1.0, 1.05)
MARGIN_MM = 20
NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
)


def missing() -> Optional[str]:
    if not shutil.which("soffice"):
        return "soffice not found (Debian: libreoffice-writer-nogui)"
    return None


def text_props(layout: Layout, size: float, extra: str = "", hyphenate: bool = True) -> str:
    hyph = (
        'fo:hyphenate="true" fo:hyphenation-remain-char-count="2" fo:hyphenation-push-char-count="3"'
        if layout.hyphenate and hyphenate else 'fo:hyphenate="false"'
    )
    font = FONTS[layout.family]
    return (f'<style:text-properties style:font-name="{font}" fo:font-family="{font}" fo:font-size="{size}pt" '
            f'fo:language="en" fo:country="US" {hyph} {extra}/>')


def styles(layout: Layout) -> str:
    align = "justify" if layout.justify else "start"
    width_mm = layout.page_mm[0] - 2 * MARGIN_MM
    indent = "5mm" if layout.indent else "0mm"
    space = "0.5mm" if layout.indent else "2.5mm"
    bold = 'fo:font-weight="bold"'
    heading_weight = bold if layout.heading_bold else ""
    font = FONTS[layout.family]
    total = sum(COLUMN_WEIGHTS)
    columns = "".join(
        f'<style:style style:name="Col{i}" style:family="table-column">'
        f'<style:table-column-properties style:column-width="{width_mm * w / total:.2f}mm"/></style:style>'
        for i, w in enumerate(COLUMN_WEIGHTS))
    rule = "0.5pt solid #000000"
    if layout.table_rules == "grid":
        head_cell = f'fo:background-color="#e6e6e6" fo:border="{rule}"'
        body_cell = f'fo:border-left="{rule}" fo:border-right="{rule}" fo:border-bottom="{rule}" fo:border-top="none"'
    elif layout.table_rules == "rows":
        head_cell = f'fo:border-top="{rule}" fo:border-bottom="{rule}" fo:border-left="none" fo:border-right="none"'
        body_cell = f'fo:border-bottom="{rule}" fo:border-top="none" fo:border-left="none" fo:border-right="none"'
    else:
        head_cell = body_cell = 'fo:border="none"'
    header_align = "end" if layout.two_sided else "center"
    return f"""
<office:font-face-decls><style:font-face style:name="{font}" svg:font-family="'{font}'"/></office:font-face-decls>
<office:styles>
 <style:style style:name="Standard" style:family="paragraph">
  <style:paragraph-properties fo:text-align="{align}" fo:text-indent="{indent}" fo:margin-top="0mm" fo:margin-bottom="{space}" fo:line-height="115%"/>{text_props(layout, layout.body_pt)}
 </style:style>
 <style:style style:name="Footnote" style:family="paragraph">
  <style:paragraph-properties fo:margin-left="5mm" fo:text-indent="-5mm" fo:text-align="start"><style:tab-stops><style:tab-stop style:position="0mm"/></style:tab-stops></style:paragraph-properties>{text_props(layout, layout.note_pt)}
 </style:style>
 <style:style style:name="NoteNumber" style:family="text"><style:text-properties style:text-position="0% 100%"/></style:style>
 <style:style style:name="NoteAnchor" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>
 <style:style style:name="Raised" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>
 <text:notes-configuration text:note-class="footnote" text:citation-style-name="NoteNumber" text:citation-body-style-name="NoteAnchor" style:num-format="1" text:footnotes-position="page" text:start-numbering-at="document"/>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1" style:page-usage="{"mirrored" if layout.two_sided else "all"}">
  <style:page-layout-properties fo:page-width="{layout.page_mm[0]}mm" fo:page-height="{layout.page_mm[1]}mm" fo:margin="{MARGIN_MM}mm">
   <style:footnote-sep style:width="0.5pt" style:rel-width="25%" style:color="#000000" style:adjustment="left" style:distance-before-sep="1mm" style:distance-after-sep="1mm"/>
  </style:page-layout-properties>
  <style:header-style><style:header-footer-properties fo:min-height="0mm" fo:margin-bottom="5mm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0mm" fo:margin-top="5mm"/></style:footer-style>
 </style:page-layout>
 <style:page-layout style:name="pm2">
  <style:page-layout-properties fo:page-width="{layout.page_mm[0]}mm" fo:page-height="{layout.page_mm[1]}mm" fo:margin="{MARGIN_MM}mm"/>
 </style:page-layout>
 <style:style style:name="Group" style:family="paragraph" style:parent-style-name="Standard" style:master-page-name="Body">
  <style:paragraph-properties fo:text-align="center" fo:text-indent="0mm" fo:margin-bottom="4mm" fo:break-before="page"/>{text_props(layout, round(layout.body_pt * 1.4, 1), bold, hyphenate=False)}
 </style:style>
 <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="start" fo:text-indent="0mm" fo:margin-top="3mm" fo:margin-bottom="2.5mm" fo:keep-with-next="always"/>{text_props(layout, layout.heading_pt, heading_weight, hyphenate=False)}
 </style:style>
 <style:style style:name="TableTitle" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="start" fo:text-indent="0mm" fo:margin-top="4mm" fo:margin-bottom="2mm" fo:keep-with-next="always"/>{text_props(layout, layout.body_pt, bold, hyphenate=False)}
 </style:style>
 <style:style style:name="HeaderP" style:family="paragraph">
  <style:paragraph-properties fo:text-align="{header_align}"/>{text_props(layout, layout.note_pt, 'fo:font-style="italic"')}
 </style:style>
 <style:style style:name="HeaderLeftP" style:family="paragraph">
  <style:paragraph-properties fo:text-align="start"><style:tab-stops><style:tab-stop style:position="10mm"/></style:tab-stops></style:paragraph-properties>{text_props(layout, layout.note_pt, 'fo:font-style="italic"')}
 </style:style>
 <style:style style:name="FooterP" style:family="paragraph">
  <style:paragraph-properties fo:text-align="start"/>{text_props(layout, round(layout.note_pt * 0.9, 1))}
 </style:style>
 <style:style style:name="Cell" style:family="paragraph">
  <style:paragraph-properties fo:text-align="start" fo:text-indent="0mm"/>{text_props(layout, layout.table_pt, hyphenate=False)}
 </style:style>
 <style:style style:name="HeadCell" style:family="paragraph" style:parent-style-name="Cell">{text_props(layout, layout.table_pt, 'fo:font-style="italic"', hyphenate=False)}</style:style>
 <style:style style:name="Title1" style:family="paragraph" style:master-page-name="Cover">
  <style:paragraph-properties fo:text-align="center" fo:margin-top="50mm" fo:margin-bottom="8mm"/>{text_props(layout, 24, bold)}
 </style:style>
 <style:style style:name="Title2" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-bottom="8mm"/>{text_props(layout, 16)}
 </style:style>
 <style:style style:name="TocHead" style:family="paragraph">
  <style:paragraph-properties fo:text-align="start" fo:margin-bottom="5mm" fo:break-before="page"/>{text_props(layout, 16, bold)}
 </style:style>
 <style:style style:name="Toc" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="2mm"><style:tab-stops><style:tab-stop style:position="{width_mm - 1:.1f}mm" style:type="right" style:leader-style="dotted" style:leader-text="."/></style:tab-stops></style:paragraph-properties>{text_props(layout, layout.body_pt)}
 </style:style>
 <style:style style:name="Tbl" style:family="table"><style:table-properties style:width="{width_mm:.2f}mm" table:align="left" fo:margin-top="1mm"/></style:style>
 {columns}
 <style:style style:name="HeadC" style:family="table-cell"><style:table-cell-properties fo:padding="0.8mm" {head_cell}/></style:style>
 <style:style style:name="BodyC" style:family="table-cell"><style:table-cell-properties fo:padding="0.8mm" {body_cell}/></style:style>
</office:automatic-styles>"""


def master_pages(layout: Layout, document: DocumentSpec) -> str:
    number = '<text:page-number text:select-page="current">1</text:page-number>'
    if layout.two_sided:  # page number on the outer edge: right on odd (right) pages, left on even
        right = f'<text:p text:style-name="HeaderP">{escape(document.running_header)}<text:tab/>{number}</text:p>'
        left = f'<text:p text:style-name="HeaderLeftP">{number}<text:tab/>{escape(document.running_footer)}</text:p>'
        header = f"<style:header>{right}</style:header><style:header-left>{left}</style:header-left>"
        footer = ""
    else:
        header = f'<style:header><text:p text:style-name="HeaderP">{escape(document.running_header)}</text:p></style:header>'
        footer = (f'<style:footer><text:p text:style-name="FooterP">{number} '
                  f'{escape(document.running_footer)}</text:p></style:footer>')
    return (f'<office:master-styles><style:master-page style:name="Body" style:page-layout-name="pm1">{header}{footer}'
            f'</style:master-page><style:master-page style:name="Cover" style:page-layout-name="pm2" '
            f'style:next-style-name="Cover"/></office:master-styles>')


def note(number: int, text: str) -> str:
    return (f'<text:note text:id="ftn{number}" text:note-class="footnote">'
            f'<text:note-citation text:label="{number}">{number}</text:note-citation>'
            f'<text:note-body><text:p text:style-name="Footnote"><text:tab/>{escape(text)}</text:p></text:note-body></text:note>')


def pieces_xml(pieces, footnotes: dict[int, str]) -> str:
    return "".join(note(p, footnotes[p]) if isinstance(p, int) else escape(p) for p in pieces)


def table_xml(document: DocumentSpec, section: SectionSpec) -> str:
    columns = "".join(f'<table:table-column table:style-name="Col{i}"/>' for i in range(len(document.columns)))
    head = "".join(f'<table:table-cell table:style-name="HeadC" office:value-type="string">'
                   f'<text:p text:style-name="HeadCell">{escape(label)}</text:p></table:table-cell>'
                   for label in document.labels)
    rows = []
    for row in section.rows:
        cells = []
        for column in document.columns:
            lines = "".join(f'<text:p text:style-name="Cell">{pieces_xml(marked(line), section.footnotes)}</text:p>'
                            for line in row.get(column, [])) or '<text:p text:style-name="Cell"/>'
            cells.append(f'<table:table-cell table:style-name="BodyC" office:value-type="string">{lines}</table:table-cell>')
        rows.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    return (f'<table:table table:name="Meetings{section.number}" table:style-name="Tbl">{columns}'
            f"<table:table-header-rows><table:table-row>{head}</table:table-row></table:table-header-rows>"
            f"{''.join(rows)}</table:table>")


def contents_xml(document: DocumentSpec) -> str:
    """A title page and a contents page (dotted leaders; the page numbers are nominal)."""
    out = ['<text:p text:style-name="Title1">Repertoire of the Practice of the Security Council</text:p>',
           f'<text:p text:style-name="Title2">Supplement {document.supplement}</text:p>',
           f'<text:p text:style-name="Title2">Part {escape(document.part)}</text:p>',
           '<text:p text:style-name="TocHead">Contents</text:p>']
    page = 1
    for text, anchor in document.contents():
        out.append(f'<text:p text:style-name="Toc">{escape(text)}<text:tab/>{page}</text:p>')
        page += 2 if anchor.startswith("s") else 0
    return "".join(out)


def document_xml(document: DocumentSpec, layout: Layout) -> str:
    body = [contents_xml(document)] if layout.contents else []
    for group, sections in document.groups():
        body.append(f'<text:p text:style-name="Group">{escape(group or "")}</text:p>')
        for section in sections:
            body.append(f'<text:p text:style-name="Heading">{escape(section.heading)}</text:p>')
            body += [f'<text:p text:style-name="Standard">{pieces_xml(p, section.footnotes)}</text:p>'
                     for p in section.paragraphs]
            if section.rows:
                body.append(f'<text:p text:style-name="TableTitle">{escape(section.table_title or "")}</text:p>')
                body.append(table_xml(document, section))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {NS} office:version="1.2" '
            f'office:mimetype="application/vnd.oasis.opendocument.text">{styles(layout)}'
            f'{master_pages(layout, document)}<office:body><office:text>{"".join(body)}</office:text>'
            f'</office:body></office:document>\n')


def render(jobs, work: Path) -> None:
    """All documents in one soffice run (it takes seconds to start), in a private profile."""
    from tests.layouts.producers import ProducerError

    sources = []
    for document, layout, target in jobs:
        source = work / (target.stem + ".fodt")
        source.write_text(document_xml(document, layout), encoding="utf-8")
        sources.append(source)
    profile = work / "profile"
    command = [shutil.which("soffice"), f"-env:UserInstallation=file://{profile}", "--headless",
               "--convert-to", "pdf", "--outdir", str(work), *map(str, sources)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120 + 30 * len(sources),
                              env={**os.environ, "HOME": str(work)})
    except subprocess.TimeoutExpired:
        raise ProducerError(f"soffice timed out printing {len(sources)} documents") from None
    for source in sources:
        if not source.with_suffix(".pdf").exists():
            raise ProducerError(f"soffice did not print {source.name}: {(done.stderr or done.stdout)[-300:]}")
