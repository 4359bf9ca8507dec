"""Publishing: the rendered pages into content/, MkDocs into site/, nothing half-written.

Pages and site are made in fresh folders beside the targets and swapped in only when MkDocs
succeeded, so a failed build leaves the previous content/ and site/ as they were. content/ also
holds hand-written pages; the build knows its own pages from the manifest `.generated`
(generator.site.staging). What is rendered comes from generator.pipeline.
"""
from __future__ import annotations

import gc
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional

from generator.background import Background
from generator.link.pages import built_address
from generator.model import Problem
from generator.render.renderer import SiteRenderer
from generator.site.incremental import REPORT_FILE, STATE_FILE, build_state, previous_state, seed_dirty_site
from generator.site.mkdocs_build import run_mkdocs
from generator.site.report import build_report
from generator.site.search_documents import documents as search_documents
from generator.site.search_index import prepare_search_index
from generator.site.staging import MANIFEST, ContentStager


@dataclass
class BuildResult:
    problems: list[Problem]
    pages: int
    site_dir: Path
    report: dict


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)


def publish(prepare: Callable[[], SiteRenderer], content_dir: Path, site_dir: Path, config_file: Path,
            template_dirs: Iterable[Path] = (), incremental: bool = True) -> BuildResult:
    """`prepare()` reads, links and checks the sources and returns the renderer; this writes its
    pages and builds the site. The renderer (and through it the model) is held here only, so it is
    freed before MkDocs, which holds every page, starts."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    renderer = prepare()
    timings["parse_s"] = time.perf_counter() - started

    new_content = content_dir.with_name(content_dir.name + ".new")
    new_site = site_dir.with_name(site_dir.name + ".new")
    for scratch in (new_content, new_site):
        if scratch.exists():
            shutil.rmtree(scratch)
    state = build_state(config_file, template_dirs)
    dirty = (incremental and content_dir.is_dir() and (content_dir / MANIFEST).exists()
             and previous_state(site_dir) == state)
    search_index: Optional[Background] = None
    try:
        new_content.mkdir(parents=True)
        stager = ContentStager(content_dir, new_content)
        renderer.write(stager.add)  # each page goes to disk as it is finished
        changes = stager.finish()
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
        if dirty:
            removed = {built_address(relative) for relative in changes.removed}
            seed_dirty_site(site_dir, new_site, new_content, removed)
        timings["write_s"] = time.perf_counter() - started - sum(timings.values())
        run_mkdocs(config_file, new_content, new_site, dirty=dirty, search_index=search_index)
        timings["mkdocs_s"] = time.perf_counter() - started - sum(timings.values())
        report["build"] = {"incremental": dirty, "pages_written": len(changes.written),
                           "pages_removed": len(changes.removed), "pages_unchanged": changes.kept,
                           "timings": {k: round(v, 3) for k, v in timings.items()}}
        (new_site / REPORT_FILE).write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        (new_site / STATE_FILE).write_text(json.dumps(state), encoding="utf-8")
    except BaseException:
        if search_index is not None:
            search_index.close()
        shutil.rmtree(new_content, ignore_errors=True)
        shutil.rmtree(new_site, ignore_errors=True)
        raise
    _swap(new_content, content_dir)
    _swap(new_site, site_dir)
    return BuildResult(problems, page_count, site_dir, report)
