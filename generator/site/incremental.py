"""Incremental builds: what a build depends on (a change of any of it forces a full build), and
the previous site as the start of MkDocs' dirty build."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Iterable, Optional

from generator.link.pages import source_address
from generator.render.environment import BUNDLED_TEMPLATES
from generator.site.config import read_config
from generator.site.search_plugin import OVERRIDES as SEARCH_OVERRIDES
from generator.site.staging import link_or_copy

REPORT_FILE = "build-report.json"
STATE_FILE = ".build-state.json"  # what the pages were built with; see build_state()


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
    sources = list(dict.fromkeys([source_address(relative), relative]))
    for source in sources:
        try:
            if (content_dir / source).stat().st_mtime > built_time:
                return True
        except OSError:
            pass
    return False


def build_state(config_file: Path, template_dirs: Iterable[Path], built: str = "") -> dict:
    """What every page depends on: when any of it changes, the next build is a full one. `built`
    is the footer's line of every page (generator.site.stamp): a new day rewrites them all."""
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
    return {"state_version": 1, "inputs": digest.hexdigest(), "built": built,
            "mkdocs": mkdocs.__version__, "material": material.__version__, "markdown": markdown.__version__}


def previous_state(site_dir: Path) -> Optional[dict]:
    try:
        return json.loads((site_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
