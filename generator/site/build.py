"""The build: sources -> model -> pages in content/ -> MkDocs site in site/.

Nothing is half-written: pages and site are made in fresh folders beside the
targets and swapped in only when MkDocs succeeded, so a failed build leaves
the previous content/ and site/ as they were. content/ also holds hand-written
pages; the build knows its own pages from the manifest `.generated`.
"""
from __future__ import annotations

import gc
import hashlib
import json
import logging
import time
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

import yaml

from generator.assemble.sources import read_sources
from generator.model.errors import RepertoireError
from generator.site.staging import MANIFEST, ContentStager, link_or_copy
from generator.link.index import DEFAULT_DOCUMENT_BASE
from generator.model import Problem
from generator.parse import TEXT_SUFFIXES
from generator.render.renderer import BUNDLED_TEMPLATES, SiteRenderer
from generator.site.report import build_report
from generator.background import Background
from generator.site.search_index import documents as search_documents, prepare_search_index
from generator.site.lean_pages import install as install_lean_pages
from generator.site.search_plugin import OVERRIDES as SEARCH_OVERRIDES, install as install_search

REPORT_FILE = "build-report.json"
STATE_FILE = ".build-state.json"  # what the pages were built with; see build_state()

SOURCE_SUFFIXES = TEXT_SUFFIXES | {".pdf"}


class ChecksFailed(RepertoireError):
    """`--strict` and the sources have problems: exit code 1, nothing written."""

    exit_code = 1


@dataclass
class BuildResult:
    problems: list[Problem]
    pages: int
    site_dir: Path
    report: dict


def default_sources(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise RepertoireError(str(folder), "no sources folder; give source files on the command line")
    found = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES)
    if not found:
        raise RepertoireError(str(folder), "no .pdf or .txt sources in this folder")
    return found


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml even where it uses MkDocs' own !tags (their values are not needed here)."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(config_file: Path) -> dict:
    try:
        with open(config_file, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_LenientLoader) or {}
    except OSError as error:
        raise RepertoireError(str(config_file), f"cannot read MkDocs configuration: {error.strerror}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        place = f"line {mark.line + 1}" if mark else None
        raise RepertoireError(str(config_file), "invalid YAML", place=place) from None


def document_base(config: dict) -> str:
    extra = (config.get("extra") or {}).get("repertoire") or {}
    base = extra.get("document_base") or DEFAULT_DOCUMENT_BASE
    return base if base.endswith("/") else base + "/"


class _CountWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _not_the_dirty_build_notice(record: logging.LogRecord) -> bool:
    # MkDocs warns on every --dirty build that navigation may be stale. Here it cannot be: the
    # navigation lists only index pages, and any change to mkdocs.yml or the templates forces a
    # full build (see BuildState). Left in, the notice would fail every strict incremental build.
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def run_mkdocs(config_file: Path, docs_dir: Path, site_dir: Path, dirty: bool = False,
               search_index: Optional[Background] = None) -> None:
    """A strict MkDocs build; any warning fails it with the first warning as the reason.
    `dirty` rebuilds only the pages whose Markdown is newer than their HTML; `search_index`
    (`prepare_search_index` at work) is written at the end of the build, full or incremental."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    warnings = _CountWarnings()
    logger = logging.getLogger("mkdocs")
    build_logger = logging.getLogger("mkdocs.commands.build")
    logger.addHandler(warnings)
    build_logger.addFilter(_not_the_dirty_build_notice)
    try:
        config = load_config(config_file=str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir),
                             strict=True)
        install_search(config, search_index)  # Material's search box, this site's own index (generator/site/search_index.py)
        install_lean_pages(config)  # every page's HTML held compressed until written
        build(config, dirty=dirty)
    except MkDocsException as error:
        reason = warnings.messages[0] if warnings.messages else str(error)
        raise RepertoireError(str(config_file), f"MkDocs build failed: {reason.splitlines()[0]}") from None
    finally:
        logger.removeHandler(warnings)
        build_logger.removeFilter(_not_the_dirty_build_notice)
    if warnings.messages:
        raise RepertoireError(str(config_file), f"MkDocs build failed: {warnings.messages[0].splitlines()[0]}")


# What MkDocs and Material write on every build, dirty or not: theme templates, Material's search
# configuration (and its copy for file://), and this build's own files.
ALWAYS_WRITTEN = {"404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json",
                  "search/search_index.js", REPORT_FILE, STATE_FILE}


def seed_dirty_site(site_dir: Path, new_site: Path, content_dir: Path, removed: set[str]) -> None:
    """The previous site as the start of a dirty build in `new_site`, minus the `removed` files.

    MkDocs' dirty build rewrites a file when its source in `content_dir` is newer than it, and
    the ALWAYS_WRITTEN files. Those are copied; every other file, most of the site, is a hard link
    (copying gigabytes would cost more than the build). MkDocs writes files in place, so a linked
    file it rewrote would change the previous site too, which must stay whole until the new one
    is complete.
    """
    for path in site_dir.rglob("*"):
        relative = path.relative_to(site_dir).as_posix()
        if path.is_dir() or relative in removed:
            continue
        target = new_site / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or relative in ALWAYS_WRITTEN or _source_is_newer(path, relative, content_dir):
            shutil.copy2(path, target, follow_symlinks=False)
        else:
            link_or_copy(path, target)


def _source_is_newer(built: Path, relative: str, content_dir: Path) -> bool:
    built_time = built.stat().st_mtime
    sources = [relative[:-5] + ".md", relative] if relative.endswith(".html") else [relative]
    for source in sources:
        try:
            if (content_dir / source).stat().st_mtime > built_time:
                return True
        except OSError:
            pass
    return False


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)


def build_state(config_file: Path, template_dirs: Iterable[Path]) -> dict:
    """What every page depends on: when any of it changes, the next build is a full one."""
    import markdown
    import material
    import mkdocs

    digest = hashlib.sha256(Path(config_file).read_bytes())
    # The theme's own overrides (theme.custom_dir) are in every page, like the page templates.
    theme = read_config(config_file).get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    theme_dirs = [Path(config_file).parent / str(custom_dir)] if custom_dir else []
    for folder in [BUNDLED_TEMPLATES, SEARCH_OVERRIDES, *template_dirs, *theme_dirs]:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    for path in sorted(Path(__file__).resolve().parents[1].rglob("*.py")):  # the whole generator package
        digest.update(path.read_bytes())
    return {"state_version": 1, "inputs": digest.hexdigest(),
            "mkdocs": mkdocs.__version__, "material": material.__version__, "markdown": markdown.__version__}


def _previous_state(site_dir: Path) -> Optional[dict]:
    try:
        return json.loads((site_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def build_site(sources: Iterable[Path], content_dir: Path, site_dir: Path, config_file: Path,
               template_dirs: Iterable[Path] = (), strict: bool = False, incremental: bool = True,
               dhl: Optional[Path] = None) -> BuildResult:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    config = read_config(config_file)
    repertoire = read_sources(sources)
    if dhl is not None:  # the Library's meeting tables: every meeting of the Council gets a page
        from generator.assemble.library import add_dhl

        add_dhl(repertoire, dhl)
    if not repertoire.sections:
        raise RepertoireError(None, "the sources hold no Repertoire section")
    if strict and repertoire.problems:
        first = repertoire.problems[0]
        raise ChecksFailed(first.file, f"{len(repertoire.problems)} problem(s) with --strict, first: {first.message}",
                           place=first.place)
    timings["parse_s"] = time.perf_counter() - started

    new_content = content_dir.with_name(content_dir.name + ".new")
    new_site = site_dir.with_name(site_dir.name + ".new")
    for scratch in (new_content, new_site):
        if scratch.exists():
            shutil.rmtree(scratch)
    state = build_state(config_file, template_dirs)
    dirty = (incremental and content_dir.is_dir() and (content_dir / MANIFEST).exists()
             and _previous_state(site_dir) == state)
    search_index: Optional[Background] = None
    try:
        new_content.mkdir(parents=True)
        stager = ContentStager(content_dir, new_content)
        renderer = SiteRenderer(repertoire, document_base(config), template_dirs, site_url=config.get("site_url"))
        renderer.write(stager.add)  # each page goes to disk as it is finished
        changes = stager.finish()
        page_count = changes.kept + len(changes.written)
        # The search index is made in a forked process (it has the model) while MkDocs builds.
        index = renderer.index
        search_index = Background(lambda: prepare_search_index(search_documents(index), new_content),
                                  inline=renderer.jobs <= 1)
        del index
        report = build_report(repertoire, page_count)
        problems = repertoire.problems
        # MkDocs is about to hold every page: the model is not needed any more.
        del renderer, repertoire
        gc.collect()  # the model's reference cycles too
        timings["render_s"] = time.perf_counter() - started - sum(timings.values())
        if dirty:
            removed = {relative[:-3] + ".html" if relative.endswith(".md") else relative for relative in changes.removed}
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
