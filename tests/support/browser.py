"""What the browser tests (tests/browser) share besides their fixtures: the built site's two
origins, browser contexts with the network cut, pages that record their requests and errors,
screenshots kept in tests/browser/artifacts/ (git-ignored)."""
from __future__ import annotations

import os
import re
from pathlib import Path

from tests.support.paths import ROOT

BROWSER_TESTS = ROOT / "tests" / "browser"
ARTIFACTS = BROWSER_TESTS / "artifacts"
AXE = BROWSER_TESTS / "vendor" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("REPERTOIRE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-dev-shm-usage"]
TIMEOUT_MS = 10_000


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "-", name)


def shot(page, name: str, **options) -> Path:
    """Keep a screenshot of what the test saw, as tests/browser/artifacts/<origin>-<name>.png."""
    path = artifact(f"{getattr(page, 'origin_name', 'page')}-{name}.png")
    page.screenshot(path=str(path), **options)
    return path


class Site:
    """One built site: where it is on disk and the two ways to open it."""

    def __init__(self, project: Path, archive_dir: Path, http_base: str, zip_path: Path):
        self.project = project
        self.site_dir = project / "site"
        self.archive_dir = archive_dir  # the unpacked zip
        self.zip_path = zip_path
        self.http_base = http_base  # ends with /
        self.file_base = archive_dir.as_uri() + "/"

    def base(self, origin: str) -> str:
        return {"http": self.http_base, "file": self.file_base}[origin]

    def pages(self, folder: str) -> list[str]:
        """Site-relative addresses of the built pages in a folder, its index first."""
        found = sorted(p.relative_to(self.site_dir).as_posix() for p in (self.site_dir / folder).glob("*.html"))
        return sorted(found, key=lambda p: not p.endswith("/index.html"))


def open_context(browser, site: Site, origin: str, **options):
    """A fresh context with the network cut: only the site's own origin answers."""
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 800}, **options})
    context.set_default_timeout(TIMEOUT_MS)
    base = site.base(origin)
    requests: list[str] = []
    blocked: list[str] = []
    context.on("request", lambda request: requests.append(request.url))

    def cut(route):
        url = route.request.url
        if url.startswith(base):
            route.continue_()
        else:
            blocked.append(url)
            route.abort("internetdisconnected")

    context.route("**/*", cut)
    context.requests, context.blocked, context.base = requests, blocked, base
    return context


def new_page(context, origin: str):
    """A page of a context from `open_context`, with its requests, blocked requests and script errors."""
    page = context.new_page()
    page.origin_name = origin
    page.base = context.base
    page.requests = context.requests
    page.blocked = context.blocked
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return page


def wait_for_search(page) -> None:
    """Material's search is ready once its worker has the index ("Initializing search" is gone)."""
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && !/Initializing/.test(m.textContent); }")
