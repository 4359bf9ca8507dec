"""The offline archive: the built site, checked to work from disk, packed as a dated zip.

The web site and the archive are one build (see the offline plugin in
mkdocs.yml): pages are plain .html files linked by relative addresses, the
search index is also written as a script (search/search_index.js) and the
search worker runs in an iframe under file:// (the vendored iframe-worker
shim). What this module adds is a check that no page loads anything from
another origin (no web fonts, CDN scripts, analytics) and that no link
between pages is a directory address (which opens a folder listing, not the
page, from disk), then the zip.

    repertoire build --archive     # or: make archive
"""
from __future__ import annotations

import re
import zipfile
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

from generator.model.errors import RepertoireError
from generator.site.stamp import build_date  # the day the archive is named after

ARCHIVE_PREFIX = "repertoire-site"

# <link rel=...> values that make the browser fetch the target.
_FETCHING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "prefetch", "preconnect",
                  "dns-prefetch", "modulepreload", "manifest", "mask-icon"}
# Elements and the attribute the browser loads.
_LOADED = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src",
           "track": "src", "embed": "src", "object": "data", "input": "src"}
_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""", re.I)


class OfflineCheckError(RepertoireError):
    """The site would not work from disk: a failed check, exit code 1."""

    exit_code = 1


def _is_remote(url: str) -> bool:
    url = url.strip()
    parts = urlsplit(url)
    return url.startswith("//") or parts.scheme.lower() in ("http", "https", "ftp", "ws", "wss")


class _PageScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.remote: list[str] = []
        self.directory_links: list[str] = []
        self._style = False

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "link":
            rels = set(attrs.get("rel", "").lower().split())
            if rels & _FETCHING_RELS and _is_remote(attrs.get("href", "")):
                self.remote.append(f"<link rel=\"{attrs.get('rel')}\" href=\"{attrs['href']}\">")
        elif tag in _LOADED and _is_remote(attrs.get(_LOADED[tag], "")):
            self.remote.append(f"<{tag} {_LOADED[tag]}=\"{attrs[_LOADED[tag]]}\">")
        elif tag == "a":
            href = attrs.get("href", "")
            parts = urlsplit(href)
            if href and not parts.scheme and not href.startswith("//") and parts.path.endswith("/"):
                self.directory_links.append(href)
        for url in _CSS_URL.findall(attrs.get("style", "")):
            if _is_remote(url):
                self.remote.append(f"style url({url})")
        self._style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._style = False

    def handle_data(self, data):
        if self._style:
            self.remote.extend(f"@import/url({url})" for url in _CSS_URL.findall(data) if _is_remote(url))


def offline_problems(site_dir: Path) -> list[str]:
    """What would make the site fail from disk: each as 'page: what'. Empty when it works offline."""
    problems: list[str] = []
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if path.suffix == ".html":
            scan = _PageScan()
            scan.feed(path.read_text(encoding="utf-8", errors="replace"))
            problems += [f"{relative}: loads {what} from another origin" for what in scan.remote]
            problems += [f"{relative}: links to the directory address {href}, which does not open a page from disk"
                         for href in scan.directory_links]
        elif path.suffix == ".css":
            for url in _CSS_URL.findall(path.read_text(encoding="utf-8", errors="replace")):
                if _is_remote(url):
                    problems.append(f"{relative}: loads {url} from another origin")
    if not (site_dir / "search" / "search_index.js").is_file():
        problems.append("search/search_index.js: missing, so search cannot work from disk "
                        "(is the offline plugin enabled in mkdocs.yml?)")
    return problems


def archive_name(day: date) -> str:
    return f"{ARCHIVE_PREFIX}-{day.isoformat()}"


def pack(site_dir: Path, out_dir: Path, day: Optional[date] = None) -> Path:
    """Zip site_dir as out_dir/repertoire-site-YYYY-MM-DD.zip, its files under one folder of that name.

    Entries are sorted and stamped with the archive's day, so the same site
    packed on the same day gives the same bytes.
    """
    day = day or build_date()
    name = archive_name(day)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{name}.zip"
    scratch = target.with_name(target.name + ".part")
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    try:
        with zipfile.ZipFile(scratch, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
                info = zipfile.ZipInfo(f"{name}/{path.relative_to(site_dir).as_posix()}", date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes(), compresslevel=9)
        scratch.replace(target)
    except OSError as error:
        scratch.unlink(missing_ok=True)
        raise RepertoireError(str(target), f"cannot write the archive: {error.strerror}") from None
    return target


def make_archive(site_dir: Path, out_dir: Path, day: Optional[date] = None) -> Path:
    """Check that the built site works from disk, then pack it. Raises OfflineCheckError naming the first problem."""
    if not (site_dir / "index.html").is_file():
        raise RepertoireError(str(site_dir), "no built site here (index.html missing)")
    problems = offline_problems(site_dir)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise OfflineCheckError(str(site_dir), f"the site would not work offline: {problems[0]}{more}")
    return pack(site_dir, out_dir, day)
