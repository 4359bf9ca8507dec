"""The LaTeX producer: a .tex document per cell, printed by pdflatex (Times or Helvetica, Type 1).

Footnotes are LaTeX's own, numbered as the spec numbers them (`\\footnote[832]{...}`);
section and group headings are the spec's strings in macros of our own (no
numbering, no contents heading but the contents page's); the meetings table is
a `longtable` whose header row repeats on each page (the table title rides in
its first head, so it never stays behind at a page foot); running heads are
fancyhdr's, the page number on the outer edge when two-sided. Up to two
documents print at once, each in a folder of its own, rerun until the labels
and the table widths settle.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Optional

from tests.layouts.matrix import Layout
from tests.layouts.spec import DocumentSpec, SectionSpec, marked

NAME = "latex"
PACKAGES = "texlive-latex-base texlive-latex-recommended texlive-fonts-recommended"
NEEDED = ("article.cls", "fontenc.sty", "inputenc.sty", "textcomp.sty", "mathptmx.sty", "helvet.sty",
          "geometry.sty", "fancyhdr.sty", "array.sty", "longtable.sty", "t1ptm.fd", "t1phv.fd", "ptmr8t.tfm",
          "phvr8t.tfm", "utmr8a.pfb", "uhvr8a.pfb")
COLUMN_WEIGHTS = (1.1, 1.1, 0.85, 0.85, 1.45, 1.0, 1.05)
MARGIN_MM = 20
RUNS = 4  # at most: labels (contents page) need two, longtable may want a third
TIMEOUT = 120  # seconds for one pdflatex run
PARALLEL = 2
RERUN = re.compile(r"Rerun|Label\(s\) may have changed|Table widths have changed|There were undefined references")


def missing() -> Optional[str]:
    if not shutil.which("pdflatex") or not shutil.which("kpsewhich"):
        return f"pdflatex not found (Debian: {PACKAGES})"
    try:
        done = subprocess.run(["kpsewhich", *NEEDED], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"kpsewhich failed: {error} (Debian: {PACKAGES})"
    found = {Path(line.strip()).name for line in done.stdout.splitlines() if line.strip()}
    absent = [name for name in NEEDED if name not in found]
    if absent:
        return f"TeX files not found: {', '.join(absent)} (Debian: {PACKAGES})"
    return None


def has_ragged2e() -> bool:
    try:
        return bool(subprocess.run(["kpsewhich", "ragged2e.sty"], capture_output=True, text=True,
                                   timeout=60).stdout.strip())
    except (OSError, subprocess.TimeoutExpired):
        return False


SPECIALS = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "'": r"\textquotesingle{}", "`": r"{\char0}", '"': r"\textquotedbl{}",
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
    "\u00a0": "~", "\u2009": r"\,", "\u202f": r"\,",
}
LIGATURE = re.compile(r"(?<=[-,])(?=[-,])")  # T1's -- --- ,, ligatures would change the text


def escape(text: str) -> str:
    return LIGATURE.sub("{}", "".join(SPECIALS.get(c, c) for c in text))


def size(points: float, leading: float = 1.2) -> str:
    return f"\\fontsize{{{points:g}}}{{{round(points * leading, 2):g}}}\\selectfont "


def preamble(document: DocumentSpec, layout: Layout, ragged2e: bool) -> str:
    width, height = layout.page_mm
    body, note = layout.body_pt, layout.note_pt
    head_pt = note
    foot_pt = round(note * 0.9, 1)
    options = ["twoside"] if layout.two_sided else []
    font = (r"\usepackage{mathptmx}" if layout.family == "serif"
            else "\\usepackage[scaled]{helvet}\n\\renewcommand\\familydefault{\\sfdefault}")
    if layout.justify:
        align = ""
    elif ragged2e:  # ragged2e's own paragraph indent is 0 unless told
        align = r"\setlength\RaggedRightParindent{\parindent}\RaggedRight"
    else:
        align = r"\raggedright"
    hyphenation = (r"\hyphenpenalty=50 \exhyphenpenalty=50" if layout.hyphenate
                   else r"\hyphenpenalty=10000 \exhyphenpenalty=10000 \sloppy")
    paragraphs = (r"\setlength\parindent{1.5em}\setlength\parskip{0pt}" if layout.indent
                  else r"\setlength\parindent{0pt}\setlength\parskip{0.5\baselineskip}")
    header, footer = escape(document.running_header), escape(document.running_footer)
    if layout.two_sided:
        heads = (
            f"\\fancyhead[RO]{{\\parbox[b]{{\\headwidth}}{{\\raggedleft{size(head_pt)}\\itshape "
            f"{header}\\quad\\upshape\\thepage}}}}\n"
            f"\\fancyhead[LE]{{\\parbox[b]{{\\headwidth}}{{\\raggedright{size(head_pt)}\\hangindent=2.5em "
            f"\\makebox[2.5em][l]{{\\thepage}}\\itshape {footer}}}}}\n"
        )
    else:
        heads = (
            f"\\fancyhead[C]{{{size(head_pt)}\\itshape {header}}}\n"
            f"\\fancyfoot[L]{{\\parbox[t]{{\\headwidth}}{{\\raggedright{size(foot_pt)}\\thepage\\quad {footer}}}}}\n"
        )
    headheight = round(2.6 * head_pt * 1.2, 1)
    ragged_package = r"\usepackage{ragged2e}" if ragged2e else ""
    heading_weight = r"\bfseries" if layout.heading_bold else ""
    return f"""\\documentclass[{",".join(options)}]{{article}}
\\usepackage[T1]{{fontenc}}
\\usepackage[utf8]{{inputenc}}
\\usepackage{{textcomp}}
{font}
\\usepackage[paperwidth={width}mm,paperheight={height}mm,margin={MARGIN_MM}mm,headheight={headheight}pt,headsep=5mm,footskip=10mm]{{geometry}}
\\usepackage{{array,longtable}}
{ragged_package}
\\usepackage{{fancyhdr}}
\\pagestyle{{fancy}}
\\fancyhf{{}}
\\renewcommand\\headrulewidth{{0pt}}
\\renewcommand\\footrulewidth{{0pt}}
{heads}\\makeatletter
\\renewcommand\\normalsize{{\\@setfontsize\\normalsize{{{body:g}}}{{{round(body * 1.2, 2):g}}}%
 \\abovedisplayskip 8pt plus 2pt minus 4pt\\belowdisplayskip\\abovedisplayskip}}
\\renewcommand\\footnotesize{{\\@setfontsize\\footnotesize{{{note:g}}}{{{round(note * 1.2, 2):g}}}}}
\\newcommand\\RepGroup[2]{{\\clearpage\\begingroup\\centering\\hyphenpenalty=10000
 {size(round(body * 1.4, 1))}\\bfseries #1\\par\\endgroup\\label{{#2}}\\nobreak\\vspace{{4mm}}\\@afterheading}}
\\newcommand\\RepHeading[2]{{\\par\\addvspace{{3mm}}\\begingroup\\raggedright\\hyphenpenalty=10000
 \\exhyphenpenalty=10000 \\noindent{size(layout.heading_pt)}{heading_weight} #1\\par\\endgroup
 \\label{{#2}}\\nobreak\\vspace{{2.5mm}}\\@afterheading}}
\\newcommand\\RepContents[2]{{\\par\\begingroup\\parindent=0pt\\rightskip=3em plus 1fil\\parfillskip=-\\rightskip
 \\hyphenpenalty=10000 \\noindent #1\\nobreak\\leaders\\hbox to 0.7em{{\\hss.\\hss}}\\hfill\\nobreak
 \\hbox to 3em{{\\hss\\pageref{{#2}}}}\\par\\endgroup\\vspace{{2mm}}}}
\\makeatother
\\newcolumntype{{C}}[1]{{>{{\\raggedright\\arraybackslash\\hyphenpenalty=10000 \\exhyphenpenalty=50 \\hspace{{0pt}}}}p{{#1}}}}
\\setlength\\LTleft{{0pt}}
\\setlength\\LTright{{0pt plus 1fill}}
\\setlength\\LTpre{{4mm}}
\\setlength\\LTpost{{3mm}}
\\setlength\\tabcolsep{{3pt}}
\\setlength\\emergencystretch{{3em}}
{paragraphs}
\\begin{{document}}
\\normalsize
{align}
{hyphenation}
"""


def pieces_tex(pieces, footnotes: dict[int, str], cell: bool = False) -> str:
    """Text and footnotes. In a longtable cell the note's text is set after the row, numbered by the
    counter then (an optional number would be lost), so the counter is set instead."""
    def note(number: int) -> str:
        if cell:
            return f"\\setcounter{{footnote}}{{{number - 1}}}\\footnote{{{escape(footnotes[number])}}}"
        return f"\\footnote[{number}]{{{escape(footnotes[number])}}}"
    return "".join(note(p) if isinstance(p, int) else escape(p) for p in pieces)


def table_tex(document: DocumentSpec, section: SectionSpec, layout: Layout) -> str:
    rules = layout.table_rules
    bar = "|" if rules == "grid" else ""
    hline = r"\hline" if rules in ("grid", "rows") else ""
    count = len(document.columns)
    weights = COLUMN_WEIGHTS[:count] if count <= len(COLUMN_WEIGHTS) else (1.0,) * count
    total = sum(weights)
    spare = f"\\linewidth-{2 * count}\\tabcolsep" + (f"-{count + 1}\\arrayrulewidth" if bar else "")
    spec = bar + bar.join(f"C{{\\dimexpr({spare})*{round(w * 1000)}/{round(total * 1000)}\\relax}}"
                          for w in weights) + bar
    head = " & ".join(f"\\itshape {escape(label)}" for label in document.labels) + r" \\"
    title = ""
    if section.table_title:
        title = (f"\\multicolumn{{{count}}}{{@{{}}p{{\\linewidth}}@{{}}}}{{\\raggedright{size(layout.body_pt)}"
                 f"\\bfseries {escape(section.table_title)}}} \\\\[2mm]\n")
    lines = [f"\\begingroup{size(layout.table_pt)}\\setlength\\extrarowheight{{1.5pt}}",
             f"\\begin{{longtable}}{{{spec}}}",
             f"{title}{hline}\n{head} {hline}\n\\endfirsthead",
             f"{hline}\n{head} {hline}\n\\endhead"]
    for row in section.rows:
        cells = [r"\newline ".join(pieces_tex(marked(line), section.footnotes, cell=True) for line in row.get(column, []))
                 for column in document.columns]
        lines.append(" & ".join(cells) + (f" \\\\ {hline}" if hline else r" \\ \noalign{\vskip 0.8ex}"))
    lines += [r"\end{longtable}", r"\endgroup", ""]
    return "\n".join(lines)


def contents_tex(document: DocumentSpec, layout: Layout) -> str:
    out = [r"\pagestyle{empty}", r"\thispagestyle{empty}", r"\begin{center}", r"\vspace*{50mm}",
           f"{{{size(24)}\\bfseries Repertoire of the Practice of the Security Council\\par}}", r"\vspace{8mm}",
           f"{{{size(16)}Supplement {document.supplement}\\par}}", r"\vspace{8mm}",
           f"{{{size(16)}Part {escape(document.part)}\\par}}", r"\end{center}", r"\clearpage",
           f"\\noindent{{{size(16)}\\bfseries Contents\\par}}", r"\vspace{5mm}"]
    out += [f"\\RepContents{{{escape(text)}}}{{{anchor}}}" for text, anchor in document.contents()]
    out += [r"\clearpage", r"\pagestyle{fancy}", ""]
    return "\n".join(out)


def document_tex(document: DocumentSpec, layout: Layout, ragged2e: bool = True) -> str:
    body = [preamble(document, layout, ragged2e)]
    if layout.contents:
        body.append(contents_tex(document, layout))
    index = 0
    for g, (group, sections) in enumerate(document.groups()):
        if group:
            body.append(f"\\RepGroup{{{escape(group)}}}{{g{g}}}")
        else:
            body.append(r"\clearpage")
        for section in sections:
            body.append(f"\\RepHeading{{{escape(section.heading)}}}{{s{index}}}")
            index += 1
            body += [pieces_tex(paragraph, section.footnotes) + "\n" for paragraph in section.paragraphs]
            if section.rows:
                body.append(table_tex(document, section, layout))
    body.append("\\end{document}\n")
    return "\n".join(body)


def log_tail(log: Path, lines: int = 25) -> str:
    if not log.exists():
        return "(no log)"
    text = log.read_text(encoding="utf-8", errors="replace").splitlines()
    errors = [i for i, line in enumerate(text) if line.startswith("!")]
    start = errors[0] if errors else max(0, len(text) - lines)
    return "\n".join(text[start:start + lines])


def print_one(document: DocumentSpec, layout: Layout, target: Path, folder: Path, ragged2e: bool) -> None:
    from tests.layouts.producers import ProducerError

    folder.mkdir(parents=True, exist_ok=True)
    tex = folder / "doc.tex"
    tex.write_text(document_tex(document, layout, ragged2e), encoding="utf-8")
    log = folder / "doc.log"
    for run in range(RUNS):
        try:
            done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
                                  cwd=folder, stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise ProducerError(f"pdflatex timed out ({TIMEOUT} s) on {tex} for {target.name}:\n"
                                f"{log_tail(log)}") from None
        if done.returncode != 0:
            raise ProducerError(f"pdflatex failed on {tex} for {target.name} (run {run + 1}):\n{log_tail(log)}")
        if not RERUN.search(log.read_text(encoding="utf-8", errors="replace")):
            break
    pdf = folder / "doc.pdf"
    if not pdf.exists():
        raise ProducerError(f"pdflatex wrote no PDF from {tex}:\n{log_tail(log)}")
    shutil.copyfile(pdf, target)


def render(jobs, work: Path) -> None:
    """Each document in its own folder under `work`, two at a time."""
    ragged2e = has_ragged2e()
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        futures = [pool.submit(print_one, document, layout, Path(target), Path(work) / f"job-{index}", ragged2e)
                   for index, (document, layout, target) in enumerate(jobs)]
        for future in futures:
            future.result()  # the first failure is raised (the others still finish)
