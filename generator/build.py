"""The build: sources -> model -> pages in content/ -> MkDocs site in site/.

Nothing is half-written: pages and site are made in fresh folders beside the
targets and swapped in only when MkDocs succeeded, so a failed build leaves
the previous content/ and site/ as they were. content/ also holds hand-written
pages; the build knows its own pages from the manifest `.generated`.
"""
from __future__ import annotations

import json
import logging
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

import yaml

from generator.assemble import read_sources
from generator.errors import RepertoireError
from generator.link import DEFAULT_DOCUMENT_BASE
from generator.model import Repertoire
from generator.parse import TEXT_SUFFIXES
from generator.render import SiteRenderer
from generator.report import build_report

REPORT_FILE = "build-report.json"

MANIFEST = ".generated"
SOURCE_SUFFIXES = TEXT_SUFFIXES | {".pdf"}


class ChecksFailed(RepertoireError):
    """`--strict` and the sources have problems: exit code 1, nothing written."""

    exit_code = 1


@dataclass
class BuildResult:
    repertoire: Repertoire
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


def check_addresses(addresses: Iterable[str]) -> None:
    """Page addresses stay inside the content folder and never collide, even on a file system
    that ignores case or normalises Unicode: two pages for one file is an error naming both."""
    seen: dict[str, str] = {}
    for address in addresses:
        parts = address.split("/")
        if (not address or address.startswith("/") or "\\" in address or "\x00" in address
                or any(p in ("", ".", "..") for p in parts) or any(len(p.encode()) > 200 for p in parts)):
            raise RepertoireError(address, "unsafe page address (empty part, '..', absolute, backslash, NUL "
                                  "or a name over 200 bytes)")
        key = unicodedata.normalize("NFC", address).casefold()
        if key in seen and seen[key] != address:
            raise RepertoireError(address, f"page address collides with {seen[key]!r} (differs only by case "
                                  "or Unicode normalisation)")
        seen[key] = address


def write_pages(pages: dict[str, str], content_dir: Path, previous_content: Optional[Path]) -> None:
    """Fill a fresh content folder: the hand-written pages of the previous one, then the generated ones."""
    check_addresses(pages)
    generated_before: set[str] = set()
    if previous_content and previous_content.is_dir():
        manifest = previous_content / MANIFEST
        if manifest.exists():
            generated_before = set(manifest.read_text(encoding="utf-8").split("\n"))
        for path in previous_content.rglob("*"):
            relative = path.relative_to(previous_content).as_posix()
            if path.is_file() and relative not in generated_before and relative != MANIFEST:
                target = content_dir / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
    for relative, text in pages.items():
        target = (content_dir / relative).resolve()
        if content_dir.resolve() not in target.parents:
            raise RepertoireError(relative, "page address would fall outside the content folder")
        if target.exists() and relative not in generated_before:
            raise RepertoireError(str(content_dir / relative), "a hand-written page has this generated page's address")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (content_dir / MANIFEST).write_text("\n".join(sorted(pages)), encoding="utf-8")


class _CountWarnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config_file: Path, docs_dir: Path, site_dir: Path) -> None:
    """A strict MkDocs build; any warning fails it with the first warning as the reason."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    warnings = _CountWarnings()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(warnings)
    try:
        config = load_config(config_file=str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir),
                             strict=True)
        build(config)
    except MkDocsException as error:
        reason = warnings.messages[0] if warnings.messages else str(error)
        raise RepertoireError(str(config_file), f"MkDocs build failed: {reason.splitlines()[0]}") from None
    finally:
        logger.removeHandler(warnings)
    if warnings.messages:
        raise RepertoireError(str(config_file), f"MkDocs build failed: {warnings.messages[0].splitlines()[0]}")


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)


def build_site(sources: Iterable[Path], content_dir: Path, site_dir: Path, config_file: Path,
               template_dirs: Iterable[Path] = (), strict: bool = False) -> BuildResult:
    config = read_config(config_file)
    repertoire = read_sources(sources)
    if not repertoire.sections:
        raise RepertoireError(None, "the sources hold no Repertoire section")
    if strict and repertoire.problems:
        first = repertoire.problems[0]
        raise ChecksFailed(first.file, f"{len(repertoire.problems)} problem(s) with --strict, first: {first.message}",
                           place=first.place)
    pages = SiteRenderer(repertoire, document_base(config), template_dirs, site_url=config.get("site_url")).pages()
    report = build_report(repertoire, len(pages))

    new_content = content_dir.with_name(content_dir.name + ".new")
    new_site = site_dir.with_name(site_dir.name + ".new")
    for scratch in (new_content, new_site):
        if scratch.exists():
            shutil.rmtree(scratch)
    try:
        new_content.mkdir(parents=True)
        write_pages(pages, new_content, content_dir)
        run_mkdocs(config_file, new_content, new_site)
        (new_site / REPORT_FILE).write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    except BaseException:
        shutil.rmtree(new_content, ignore_errors=True)
        shutil.rmtree(new_site, ignore_errors=True)
        raise
    _swap(new_content, content_dir)
    _swap(new_site, site_dir)
    return BuildResult(repertoire, len(pages), site_dir, report)
