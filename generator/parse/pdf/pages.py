"""Reading a PDF's pages, in chunks of pages, in several processes.

Interpreting pages (pdfminer, under pdfplumber) is nearly all of the cost of
reading a PDF, and pdfplumber objects can be neither shared between threads
nor sent to another process. So each chunk (a range of pages) is read by a
worker process that opens the PDF itself, turns every page into a plain
`PageLayout` and its small `PageFacts`, and closes each page straight away.
The layouts go to a spill file (one pickle per page, written and read only
by this module, in a private temporary folder), the facts and the chunk's
vocabulary back to the main process. The main process then measures the
document from the facts of all pages and reads the layouts back one page at a
time, in page order, so a footnote, a paragraph or a table that crosses from
one chunk to the next is joined exactly as within a chunk. Memory then grows
only by the facts, some ten kilobytes a page, not by the layouts.

A document of one chunk is read in-process without a spill file; the result
never depends on the number of workers or the chunk size.
"""
from __future__ import annotations

import logging
import math
import multiprocessing
import os
import pickle
import shutil
import tempfile
import warnings
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Iterator, Optional

from generator import settings
from generator.model.errors import RepertoireError
from generator.parse.pdf.document import PageFacts, page_facts
from generator.parse.pdf.layout import PageLayout, build_page, fetch_page
from generator.parse.pdf.text import Vocabulary
from generator.processes import die_with_parent

MIN_CHUNK = 8  # pages per chunk: few enough to spread the work over all cores...
MAX_CHUNK = 32  # ...and to bound what one worker holds (pdfminer caches a document's objects)
CHUNKS_PER_WORKER = 4  # for an even load when pages differ in cost


@dataclass
class Chunk:
    """The pages first..last (None: to the end) of a PDF, as read by one worker."""

    first: int
    last: Optional[int]
    facts: list[PageFacts] = field(default_factory=list)
    vocabulary: Vocabulary = field(default_factory=Vocabulary)  # words of the pages' inner lines
    layouts: Optional[list[PageLayout]] = None  # kept in memory, or else...
    spill: Optional[str] = None  # ...a file of pickled layouts, one per page
    error: Optional[tuple[str, Optional[str]]] = None  # (reason, place) of the first failure
    count: int = 0  # pages read

    def pages(self) -> Iterator[PageLayout]:
        if self.layouts is not None:
            yield from self.layouts
            return
        with open(self.spill, "rb") as stream:
            for _ in range(self.count):
                yield pickle.load(stream)


def plan_chunks(count: int, workers: int) -> list[tuple[int, Optional[int]]]:
    """Page ranges (first, last), 1-based; the last range is open (None): the page count a page
    tree states is only a plan, and a damaged tree may state too few."""
    size = min(MAX_CHUNK, max(MIN_CHUNK, math.ceil(count / (workers * CHUNKS_PER_WORKER))))
    plan = [(first, min(first + size - 1, count)) for first in range(1, count + 1, size)] or [(1, None)]
    plan[-1] = (plan[-1][0], None)
    return plan


# --------------------------------------------------------------------------- opening the file


def describe_pdf_error(exc: BaseException) -> str:
    """A one-line reason for a pdfminer/pdfplumber failure."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    name = type(inner).__name__
    if "Password" in name or "Encrypt" in name:
        return "the PDF is encrypted (password protected)"
    if isinstance(inner, RecursionError):
        return "not a readable PDF (objects nested too deeply)"
    detail = " ".join(str(inner).split())[:120]
    why = f"{name}{': ' + detail if detail else ''}"
    if name == "PSEOF":
        return f"not a readable PDF: it ends too early, truncated? ({why})"
    if "No /Root object" in detail:
        return f"not a readable PDF: its cross-reference table or catalog is missing or damaged ({why})"
    return f"not a readable PDF ({why})"


@contextmanager
def open_pdf(path: Path):
    """pdfplumber's PDF, opened without layout analysis; failures raise PdfReadError."""
    import pdfplumber  # imported here: the text parser must not need it

    try:
        pdf = pdfplumber.open(path, laparams=None)
    except Exception as exc:  # pdfminer raises many kinds on damaged input
        raise PdfReadError(describe_pdf_error(exc)) from None
    try:
        yield pdf
    finally:
        with suppress(Exception):  # closing a damaged PDF can fail again; the first error counts
            pdf.close()


class PdfReadError(Exception):
    """What pdfminer could not read, with the page; becomes a RepertoireError in the main process
    (a RepertoireError itself would not survive being sent back from a worker)."""

    def __init__(self, reason: str, place: Optional[str] = None):
        super().__init__(reason, place)
        self.reason, self.place = reason, place


def page_objects(pdf, first: int = 1, last: Optional[int] = None):
    """pdfminer's page objects first..last (1-based), without building pdfplumber's list of all pages."""
    from pdfminer.pdfpage import PDFPage

    try:
        pages = PDFPage.create_pages(pdf.doc)
        yield from islice(pages, first - 1, last)
    except Exception as exc:
        raise PdfReadError(describe_pdf_error(exc)) from None


def count_pages(path: Path, exact: bool = False) -> int:
    """The number of pages: as the page tree states it (cheap, and only a plan: the last chunk
    reads to the end), or, when `exact` or the count is missing, by walking the page tree."""
    with open_pdf(path) as pdf:
        if not exact:
            stated = stated_page_count(pdf)
            if stated:
                return stated
        return sum(1 for _ in page_objects(pdf))


def stated_page_count(pdf) -> Optional[int]:
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
    except Exception:
        return None
    return count if type(count) is int and 0 < count < 1_000_000 else None


# --------------------------------------------------------------------------- one chunk


def read_chunk(path: str, first: int, last: Optional[int], spill_dir: Optional[str]) -> Chunk:
    """Read pages first..last, or first to the end when last is None (in a worker, or in-process
    when spill_dir is None, keeping the layouts in memory). Failures of
    pdfminer end the chunk with `error` set; failures of the reader's own code are bugs and raise.
    What pdfminer warns about while reading a page (a damaged stream) goes with that page."""
    chunk = Chunk(first, last, layouts=[] if spill_dir is None else None)
    stream = None
    try:
        if spill_dir is not None:
            chunk.spill = os.path.join(spill_dir, f"pages-{first:06d}.pickle")
            stream = open(chunk.spill, "wb")
        with pdf_warnings() as warned, open_pdf(Path(path)) as pdf:
            if first > 1:
                warned.clear()  # warnings on opening the file go with page 1 only
            for number, page_obj in enumerate(page_objects(pdf, first, last), start=first):
                try:
                    raw = fetch_page(pdf, page_obj, number)
                except Exception as exc:
                    raise PdfReadError(describe_pdf_error(exc), f"page {number}") from None
                layout = build_page(raw)
                layout.warnings = list(dict.fromkeys(warned))
                warned.clear()
                chunk.facts.append(page_facts(layout, chunk.vocabulary))
                chunk.count += 1
                if stream is None:
                    chunk.layouts.append(layout)
                else:
                    pickle.dump(layout, stream, protocol=pickle.HIGHEST_PROTOCOL)
    except PdfReadError as error:
        chunk.error = (error.reason, error.place)
    finally:
        if stream is not None:
            stream.close()
    return chunk


class _Collect(logging.Handler):
    def __init__(self, messages: list[str]):
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.messages.append(one_line(record.getMessage()))
        except Exception:  # a message that cannot be formatted is no reason to fail
            self.messages.append(one_line(str(record.msg)))


def one_line(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= 160 else text[:157] + "..."


@contextmanager
def pdf_warnings():
    """Collect what pdfminer and pdfplumber warn about (through logging or the warnings module)
    instead of letting it reach stderr, where the command line promises one-line messages."""
    messages: list[str] = []
    handler = _Collect(messages)
    loggers = [logging.getLogger(name) for name in ("pdfminer", "pdfplumber")]
    saved = [logger.propagate for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.propagate = False
    try:
        with warnings.catch_warnings():  # restores showwarning and the filters on exit
            warnings.simplefilter("always")
            warnings.showwarning = lambda message, *args, **kwargs: messages.append(one_line(str(message)))
            yield messages
    finally:
        for logger, propagate in zip(loggers, saved):
            logger.removeHandler(handler)
            logger.propagate = propagate


# --------------------------------------------------------------------------- all chunks


@contextmanager
def chunks(path: Path, workers: Optional[int] = None) -> Iterator[Iterator[Chunk]]:
    """Yields an iterator over the PDF's chunks in page order; spill files are removed on exit.

    Raises RepertoireError for a file pdfminer cannot open, and (as the iterator
    reaches it) for the first page it cannot read.
    """
    file = str(path)
    try:
        count = count_pages(path)
    except PdfReadError as error:
        raise RepertoireError(file, error.reason, error.place) from None
    workers = workers or settings.workers()
    plan = plan_chunks(count, workers)
    spill_dir = tempfile.mkdtemp(prefix="repertoire-pdf-") if len(plan) > 1 else None
    try:
        if workers > 1 and len(plan) > 1:
            with worker_pool(min(workers, len(plan))) as pool:
                if pool is not None:
                    results = pool.map(read_chunk, *zip(*[(file, a, b, spill_dir) for a, b in plan]))
                    yield checked(file, results)
                    return
        yield checked(file, (read_chunk(file, a, b, spill_dir) for a, b in plan))
    finally:
        if spill_dir is not None:
            shutil.rmtree(spill_dir, ignore_errors=True)


def checked(file: str, results) -> Iterator[Chunk]:
    for chunk in results:
        if chunk.error is not None:
            reason, place = chunk.error
            raise RepertoireError(file, reason, place)
        yield chunk


@contextmanager
def worker_pool(workers: int):
    """A pool of worker processes, or None where processes cannot be started (then the caller
    reads in-process). Workers are forked, so they start with the reader already imported."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    try:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                   initializer=die_with_parent, initargs=(os.getpid(),))
    except (OSError, ImportError, NotImplementedError):  # no semaphores (some sandboxes)
        yield None
        return
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
