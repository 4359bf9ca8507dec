"""Publishing: the rendered pages into content/, MkDocs into site/, nothing half-written.

Pages and site are made in fresh folders beside the targets and swapped in only when MkDocs
succeeded, so a failed build leaves the previous content/ and site/ as they were. content/ also
holds hand-written pages; the build knows its own pages from the manifest `.generated`
(generator.site.staging). What is rendered comes from generator.pipeline.

Before any work: the lock (one build at a time, generator.site.lock), what a killed build left
put right, the site folder checked to be one a build made (generator.site.folders), and every
folder written checked to be writable; then the swap has no moment without a site
(generator.site.swap).
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from generator.background import Background
from generator.link.pages import built_address
from generator.model import Problem
from generator.model.errors import RepertoireError
from generator.processes import fault_point
from generator.render.renderer import SiteRenderer
from generator.site.folders import CONTENT, MARKER, SITE, check_replaceable, check_writable, is_ours, mark, \
    recover, remove_ours, scratch
from generator.site.incremental import REPORT_FILE, STATE_FILE, build_state, previous_state, seed_dirty_site
from generator.site.mkdocs_build import run_mkdocs
from generator.site.report import build_report
from generator.site.search_documents import documents as search_documents
from generator.site.search_index import prepare_search_index
from generator.site.stamp import build_date, build_line, version
from generator.site.lock import build_lock
from generator.site.staging import MANIFEST, ContentStager
from generator.site.swap import put_in_place


@dataclass
class BuildResult:
    problems: list[Problem]
    pages: int
    site_dir: Path
    report: dict


def _listing(content_dir: Path) -> Optional[str]:
    try:
        return hashlib.sha256((content_dir / MANIFEST).read_bytes()).hexdigest()
    except OSError:
        return None


def _remove_previous(previous: Path, kind: str) -> None:
    if os.path.lexists(previous):
        if not is_ours(previous, kind):  # a content folder never built before: its files are in the new one
            mark(previous, kind)
        remove_ours(previous, kind)


@contextmanager
def _os_errors_named(folder: Path) -> Iterator[None]:
    """An OS error (no space, read-only, permission) is one line naming its path, or the site
    folder where the error names none (a full disk while MkDocs writes)."""
    try:
        yield
    except OSError as error:
        if isinstance(error, (BlockingIOError, ChildProcessError)) or error.errno is None:
            raise
        path = error.filename2 or error.filename or folder  # a copy names its source first, its target second
        raise RepertoireError(str(path), error.strerror or type(error).__name__) from None


def _prepare_folders(content_dir: Path, site_dir: Path) -> None:
    """Everything that can be known before parsing: what a killed build left, put right; the
    site folder one a build made; every folder the build writes in writable."""
    for folder in {content_dir.absolute().parent, site_dir.absolute().parent}:
        folder.mkdir(parents=True, exist_ok=True)
        check_writable(folder)
    recover(content_dir, CONTENT)
    recover(site_dir, SITE)
    check_replaceable(site_dir, SITE)
    for folder in (content_dir, site_dir):
        if folder.is_dir():
            check_writable(folder)


def publish(prepare: Callable[[], SiteRenderer], content_dir: Path, site_dir: Path, config_file: Path,
            template_dirs: Iterable[Path] = (), incremental: bool = True) -> BuildResult:
    """`prepare()` reads, links and checks the sources and returns the renderer; this writes its
    pages and builds the site. The renderer (and through it the model) is held here only, so it is
    freed before MkDocs, which holds every page, starts."""
    with build_lock([content_dir, site_dir]), _os_errors_named(site_dir):
        _prepare_folders(content_dir, site_dir)
        fault_point("locked")
        return _publish(prepare, content_dir, site_dir, config_file, template_dirs, incremental)


def _publish(prepare: Callable[[], SiteRenderer], content_dir: Path, site_dir: Path, config_file: Path,
             template_dirs: Iterable[Path], incremental: bool) -> BuildResult:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    renderer = prepare()
    timings["parse_s"] = time.perf_counter() - started

    new_content, new_site = scratch(content_dir, ".new"), scratch(site_dir, ".new")
    # The site records the page list it was built from (the manifest's digest): a build killed
    # between the two swaps leaves a content folder whose list is not the site's, and the next
    # build is then a full one (a dirty build removes from the site only what left the list).
    day, built_from = build_date(), version()
    built = build_line(day, built_from)  # once: a build running past midnight still has one date
    state = build_state(config_file, template_dirs, built)
    dirty = (incremental and content_dir.is_dir() and (content_dir / MANIFEST).exists()
             and previous_state(site_dir) == {**state, "pages": _listing(content_dir)})
    search_index: Optional[Background] = None
    try:
        new_content.mkdir(parents=True)
        mark(new_content, CONTENT)
        stager = ContentStager(content_dir, new_content)
        renderer.write(stager.add)  # each page goes to disk as it is finished
        changes = stager.finish()
        (new_content / MARKER).unlink()  # the manifest marks it now; content/ gets nothing new
        fault_point("pages-written")
        page_count = changes.kept + len(changes.written)
        # The search index is made in a forked process (it has the model) while MkDocs builds.
        index = renderer.index
        search_index = Background(lambda: prepare_search_index(search_documents(index), new_content),
                                  inline=renderer.jobs <= 1)
        repertoire = index.repertoire
        del index
        report = build_report(repertoire, page_count)
        problems = repertoire.problems
        # MkDocs is about to hold every page: the model is not needed any more.
        del renderer, repertoire
        gc.collect()  # the model's reference cycles too
        timings["render_s"] = time.perf_counter() - started - sum(timings.values())
        new_site.mkdir()
        mark(new_site, SITE)
        if dirty:
            removed = {built_address(relative) for relative in changes.removed}
            seed_dirty_site(site_dir, new_site, new_content, removed)
        timings["write_s"] = time.perf_counter() - started - sum(timings.values())
        fault_point("search-index-started")
        run_mkdocs(config_file, new_content, new_site, dirty=dirty, search_index=search_index, built=built)
        fault_point("mkdocs-done")
        timings["mkdocs_s"] = time.perf_counter() - started - sum(timings.values())
        report["built"] = {"date": day.isoformat(), "version": built_from}  # as every page's footer says
        report["build"] = {"incremental": dirty, "pages_written": len(changes.written),
                           "pages_removed": len(changes.removed), "pages_unchanged": changes.kept,
                           "timings": {k: round(v, 3) for k, v in timings.items()}}
        (new_site / REPORT_FILE).write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        (new_site / STATE_FILE).write_text(json.dumps({**state, "pages": _listing(new_content)}), encoding="utf-8")
    except BaseException:
        if search_index is not None:
            search_index.close()
        shutil.rmtree(new_content, ignore_errors=True)
        shutil.rmtree(new_site, ignore_errors=True)
        raise
    # Both in place before anything is removed: a folder that cannot be removed leaves no site behind its content.
    previous_content = put_in_place(new_content, content_dir, CONTENT)
    previous_site = put_in_place(new_site, site_dir, SITE)
    _remove_previous(previous_content, CONTENT)
    _remove_previous(previous_site, SITE)
    return BuildResult(problems, page_count, site_dir, report)
