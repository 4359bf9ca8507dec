"""The producers of the matrix and how a test gets a PDF from one, made once and cached.

A producer is a module with `NAME`, `missing() -> Optional[str]` (what is not
installed, or None) and `render(jobs, work)` where each job is
(DocumentSpec, Layout, target PDF path): it writes every target, all in one
call so that a slow-starting tool (LibreOffice) starts once. A PDF is cached
under `.cache/layouts/` by the hash of the producer's source, the spec and the
layout, so unchanged cells are not printed again in the next run.
"""
from __future__ import annotations

import hashlib
import importlib
import os
import tempfile
from pathlib import Path
from typing import Iterable, Optional

from tests.layouts.matrix import Layout
from tests.layouts.spec import DocumentSpec

ROOT = Path(__file__).resolve().parents[2]
PRODUCER_MODULES = {"libreoffice": "tests.layouts.odt", "latex": "tests.layouts.latex", "weasyprint": "tests.layouts.html"}
HERE = Path(__file__).resolve().parent


class ProducerError(Exception):
    """A producer failed to print a document (the tool's own message, shortened)."""


def cache_dir() -> Path:
    folder = Path(os.environ.get("REPERTOIRE_LAYOUT_CACHE", ROOT / ".cache" / "layouts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def producer(name: str):
    try:
        return importlib.import_module(PRODUCER_MODULES[name])
    except ImportError as error:  # the producer's own Python package (weasyprint) is missing
        raise ProducerError(f"producer {name} cannot be loaded: {error}") from None


def digest(name: str, document: DocumentSpec, layout: Layout) -> str:
    module = producer(name)
    hasher = hashlib.sha256()
    for path in (Path(module.__file__), HERE / "spec.py", HERE / "common.py"):
        if path.exists():
            hasher.update(path.read_bytes())
    hasher.update(document.to_json().encode())
    hasher.update(layout.key().encode())
    return hasher.hexdigest()[:16]


def pdf_path(name: str, document: DocumentSpec, layout: Layout) -> Path:
    return cache_dir() / f"{name}-{document.name}-{layout.name}-{digest(name, document, layout)}.pdf"


def make_pdfs(name: str, cells: Iterable[tuple[DocumentSpec, Layout]]) -> dict[tuple[str, str], Path]:
    """(document name, layout name) -> PDF, printing those not in the cache in one call."""
    module = producer(name)
    why = module.missing()
    if why:
        raise ProducerError(f"producer {name} is not installed: {why} (.ci/run installs it)")
    out, jobs = {}, []
    for document, layout in cells:
        target = pdf_path(name, document, layout)
        out[document.name, layout.name] = target
        if not target.exists():
            jobs.append((document, layout, target))
    if jobs:
        # printed in a folder beside the cache, then moved in whole: a killed run leaves no half PDF
        with tempfile.TemporaryDirectory(prefix=f"work-{name}-", dir=cache_dir()) as work:
            work = Path(work)
            drafts = [(document, layout, work / target.name) for document, layout, target in jobs]
            module.render(drafts, work)
            for (_, _, draft), (_, _, target) in zip(drafts, jobs):
                if not draft.exists():
                    raise ProducerError(f"producer {name} wrote no {target.name}")
                os.replace(draft, target)
    return out


def missing(name: str) -> Optional[str]:
    """What the producer lacks to run, or None."""
    try:
        return producer(name).missing()
    except ProducerError as error:
        return str(error)
