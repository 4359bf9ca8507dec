"""One-page PDFs made in code, with a real text layer: documents the reader must refuse or read."""
from __future__ import annotations

from pathlib import Path


def text_pdf(path: Path, lines: list[str]) -> None:
    """A one-page PDF with a real text layer (Helvetica), one string per line."""
    import pikepdf

    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
    content = "BT /F1 11 Tf 14 TL 72 740 Td " + " ".join(f"({line}) Tj T*" for line in escaped) + " ET"
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 612, 792],
                              Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
                              Contents=pdf.make_stream(content.encode("latin-1")))
    pdf.pages.append(pikepdf.Page(page))
    pdf.save(path)


# A document with numbered headings that is no Repertoire section: the minutes of a meeting.
MINUTES = ["Minutes of the meeting of the working group", "", "1. Opening of the meeting",
           "The chair opened the meeting at 10 a.m. and welcomed the members of the group.",
           "2. Adoption of the agenda", "The agenda was adopted without a vote by the members present."]
# The Repertoire's title over three lines of text, and no numbered section heading.
NO_SECTION = ["Repertoire of the Practice of the Security Council"] + MINUTES[3:4] * 3
