"""The one sequence every command runs: read -> link -> check -> render -> publish.

    read(sources, dhl)        parse every source and assemble one Repertoire (generator.parse,
                              generator.assemble), with the Library's tables if given
    link(repertoire, config)  where everything lives on the site and what links to what
                              (generator.link); the linker's problems join the readers'
    check(problems, strict)   --strict: any problem stops here, before anything is written
    render(index, templates)  the pages (generator.render)
    build(...)                all of it, then the pages into content/ and MkDocs into site/
                              (generator.site)

`repertoire build` runs `build`, `repertoire serve` runs `preview` (the same steps, pages
refreshed in place), `repertoire parse` runs `read` and `link`: every problem is known before
--strict is checked, whichever command reports it.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, Optional, Sequence

from generator.assemble.library import add_dhl
from generator.assemble.sources import read_sources
from generator.link.index import SiteIndex
from generator.model import Problem, Repertoire
from generator.model.errors import RepertoireError
from generator.parse import TEXT_SUFFIXES
from generator.render.renderer import SiteRenderer
from generator.site.build import BuildResult, publish
from generator.site.config import document_base, read_config, site_url
from generator.site.staging import ContentChanges, ContentStager, provide_named_files

SOURCE_SUFFIXES = TEXT_SUFFIXES | {".pdf"}


class ChecksFailed(RepertoireError):
    """`--strict` and the sources have problems: exit code 1, nothing written."""

    exit_code = 1


def default_sources(folder: Path) -> list[Path]:
    """Every source in `folder` (sources/ when none is given on the command line)."""
    if not folder.is_dir():
        raise RepertoireError(str(folder), "no sources folder; give source files on the command line")
    found = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES)
    if not found:
        raise RepertoireError(str(folder), "no .pdf or .txt sources in this folder")
    return found


def read(sources: Iterable[Path], dhl: Optional[Path] = None, site: bool = True) -> Repertoire:
    """The model of `sources` (and of the Library's tables in `dhl`); for a `site`, at least one section."""
    repertoire = read_sources(sources)
    if dhl is not None:  # the Library's meeting tables: every meeting of the Council gets a page
        add_dhl(repertoire, dhl)
    if site and not repertoire.sections:
        raise RepertoireError(None, "the sources hold no Repertoire section")
    return repertoire


def link(repertoire: Repertoire, config: Optional[dict] = None) -> SiteIndex:
    """The site's index of the model; what the linker found wrong (a name that is no State ...)
    is added to the model's problems."""
    config = config or {}
    index = SiteIndex.build(repertoire, document_base(config), site_url(config))
    repertoire.problems.extend(p for p in index.problems if p not in repertoire.problems)
    return index


def check(problems: Sequence[Problem], strict: bool) -> None:
    if strict and problems:
        first = problems[0]
        raise ChecksFailed(first.file, f"{len(problems)} problem(s) with --strict, first: {first.message}",
                           place=first.place)


def render(index: SiteIndex, template_dirs: Iterable[Path] = ()) -> SiteRenderer:
    return SiteRenderer(index, template_dirs)


def _prepared(sources: Iterable[Path], dhl: Optional[Path], config: dict, content_dir: Path,
              template_dirs: Iterable[Path], strict: bool) -> SiteRenderer:
    repertoire = read(sources, dhl)
    index = link(repertoire, config)
    check(repertoire.problems, strict)
    copied = provide_named_files(config, content_dir, generated=set(index.titles))
    if copied:
        print(f"repertoire: copied {len(copied)} hand-written file(s) the configuration names into "
              f"{content_dir}: {', '.join(copied[:4])}{' ...' if len(copied) > 4 else ''}", file=sys.stderr)
    return render(index, template_dirs)


def build(sources: Iterable[Path], content_dir: Path, site_dir: Path, config_file: Path,
          template_dirs: Iterable[Path] = (), strict: bool = False, incremental: bool = True,
          dhl: Optional[Path] = None) -> BuildResult:
    """`repertoire build`: the site of `sources` in `site_dir`, its pages in `content_dir`."""
    config = read_config(config_file)
    sources, template_dirs = list(sources), list(template_dirs)
    # publish() calls this and holds the renderer alone, so the model is freed before MkDocs runs.
    return publish(lambda: _prepared(sources, dhl, config, content_dir, template_dirs, strict),
                   content_dir, site_dir, config_file, template_dirs, incremental)


def preview(sources: Iterable[Path], content_dir: Path, config_file: Path, template_dirs: Iterable[Path] = (),
            dhl: Optional[Path] = None) -> ContentChanges:
    """`repertoire serve`: the pages refreshed in place in `content_dir` (MkDocs' server builds
    the site); problems are printed as warnings."""
    config = read_config(config_file)
    renderer = _prepared(sources, dhl, config, content_dir, template_dirs, strict=False)
    for problem in renderer.index.repertoire.problems:
        print(f"repertoire: warning: {problem}", file=sys.stderr)
    stager = ContentStager.in_place(content_dir)
    renderer.write(stager.add)
    return stager.finish()
