"""MkDocs, run strict: any warning fails the build, with the first warning as the reason. The
site's own plugins go in here (search with the prebuilt index, pages held compressed)."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional

from generator.background import Background
from generator.model.errors import RepertoireError
from generator.site.config import copyright_line, read_config
from generator.site.lean_pages import install as install_lean_pages
from generator.site.search_plugin import install as install_search


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
               search_index: Optional[Background] = None, built: Optional[str] = None) -> None:
    """A strict MkDocs build; any warning fails it with the first warning as the reason.
    `dirty` rebuilds only the pages whose Markdown is newer than their HTML; `search_index`
    (`prepare_search_index` at work) is written at the end of the build, full or incremental;
    `built` (generator.site.stamp) ends every page's footer line."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    warnings = _CountWarnings()
    logger = logging.getLogger("mkdocs")
    build_logger = logging.getLogger("mkdocs.commands.build")
    logger.addHandler(warnings)
    build_logger.addFilter(_not_the_dirty_build_notice)
    try:
        footer = {"copyright": copyright_line(read_config(config_file), built)} if built else {}
        config = load_config(config_file=str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir),
                             strict=True, **footer)
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
