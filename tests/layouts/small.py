"""Small PDFs for the tests of single reading rules: a LaTeX body in a Repertoire page frame.

`latex_pdf(body)` prints `body` (LaTeX) under the Repertoire's running header,
with the section heading given, and caches the PDF by the hash of its source,
like the matrix (`producers.cache_dir`).
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.layouts.producers import ProducerError, cache_dir

PREAMBLE = r"""\documentclass[{size}pt,twoside]{{article}}
\usepackage[T1]{{fontenc}}
\usepackage[utf8]{{inputenc}}
\usepackage{{{font}}}
\usepackage[paperwidth={width}mm,paperheight={height}mm,margin=20mm]{{geometry}}
\usepackage{{fancyhdr}}
\usepackage{{longtable}}
\pagestyle{{fancy}}\fancyhf{{}}
\fancyhead[C]{{\small\itshape Repertoire of the Practice of the Security Council, 2023}}
\fancyfoot[L]{{\small\thepage\quad Part I. Consideration of questions under the responsibility of the Security Council}}
\renewcommand{{\headrulewidth}}{{0pt}}
\setlength{{\parindent}}{{1.5em}}
\begin{{document}}
"""


def latex_pdf(body: str, name: str, size: int = 10, font: str = "mathptmx", width: float = 210,
              height: float = 297) -> Path:
    if not shutil.which("pdflatex"):
        raise ProducerError("pdflatex is not installed (Debian: texlive-latex-base texlive-latex-recommended "
                            "texlive-fonts-recommended; .ci/run installs them)")
    source = PREAMBLE.format(size=size, font=font, width=width, height=height) + body + "\n\\end{document}\n"
    digest = hashlib.sha256(source.encode()).hexdigest()[:16]
    target = cache_dir() / f"small-{name}-{digest}.pdf"
    if target.exists():
        return target
    with tempfile.TemporaryDirectory(prefix="small-", dir=cache_dir()) as work:
        tex = Path(work) / "doc.tex"
        tex.write_text(source, encoding="utf-8")
        done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
                              cwd=work, capture_output=True, text=True, timeout=120)
        pdf = Path(work) / "doc.pdf"
        if done.returncode != 0 or not pdf.exists():
            raise ProducerError(f"pdflatex failed on {name}: {done.stdout[-600:]}")
        os.replace(pdf, target)
    return target
