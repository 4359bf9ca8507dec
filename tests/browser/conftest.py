"""Browser tests: Debian's Chromium driven by the Python playwright package.

Once per test session the site is built from the bundled text source with the
real CLI (`repertoire build --archive`) in a scratch copy of the project; the
tests then read it two ways:

- "http": the built site/ served by a local HTTP server on 127.0.0.1 (a
  thread, started and stopped here), as on the web;
- "file": the zip that --archive wrote, unpacked, opened from disk.

Every browser context has the network cut: a request to any other origin than
the site's own is aborted and recorded in `page.blocked`; every request made is
in `page.requests`. A failed test leaves a screenshot in tests/browser/artifacts/
(git-ignored), beside the screenshots the tests keep on purpose.

Chromium: /usr/bin/chromium (`make browser` installs it with apt-get; `make
test` does so itself). Set REPERTOIRE_SKIP_BROWSER=1 to skip these tests on a
machine without it.
"""
from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_TXT = ROOT / "sources" / "peacekeeping-2023.txt"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("REPERTOIRE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-dev-shm-usage"]
TIMEOUT_MS = 10_000


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: runs in headless Chromium (tests/browser)")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "-", name)


def shot(page, name: str, **options) -> Path:
    """Keep a screenshot of what the test saw, as tests/browser/artifacts/<origin>-<name>.png."""
    path = artifact(f"{getattr(page, 'origin_name', 'page')}-{name}.png")
    page.screenshot(path=str(path), **options)
    return path


# ---------------------------------------------------------------- the site


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


def copy_hand_written(target: Path) -> None:
    """The hand-written part of content/ (pages, assets) into target; the build regenerates the rest."""
    generated = set()
    manifest = ROOT / "content" / ".generated"
    if manifest.exists():
        generated = set(manifest.read_text(encoding="utf-8").split("\n"))
    for path in sorted((ROOT / "content").rglob("*")):
        relative = path.relative_to(ROOT / "content").as_posix()
        if path.is_file() and relative not in generated and relative != ".generated":
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / relative)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """Build once per session (real CLI, --archive), serve site/ on 127.0.0.1, unpack the zip."""
    if os.environ.get("REPERTOIRE_SKIP_BROWSER"):
        pytest.skip("REPERTOIRE_SKIP_BROWSER is set")
    shutil.rmtree(ARTIFACTS, ignore_errors=True)  # this session's screenshots only
    project = tmp_path_factory.mktemp("browser-site")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    copy_hand_written(project / "content")
    result = subprocess.run([sys.executable, "-m", "generator.cli", "build", str(SAMPLE_TXT), "--archive",
                             "--archive-dir", "dist"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    zips = sorted((project / "dist").glob("repertoire-site-*.zip"))
    assert len(zips) == 1, zips
    unpacked = tmp_path_factory.mktemp("archive")
    with zipfile.ZipFile(zips[0]) as archive:
        archive.extractall(unpacked)
    archive_dir = unpacked / zips[0].stem

    handler = functools.partial(_QuietHandler, directory=str(project / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(project, archive_dir, f"http://127.0.0.1:{server.server_address[1]}/", zips[0])
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# ---------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def browser(site):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make browser` installs Debian's chromium "
                    "(or set REPERTOIRE_SKIP_BROWSER=1 to skip the browser tests)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


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


def _new_page(context, origin: str):
    page = context.new_page()
    page.origin_name = origin
    page.base = context.base
    page.requests = context.requests
    page.blocked = context.blocked
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return page


@pytest.fixture(params=["http", "file"])
def origin(request):
    return request.param


def _managed_page(browser, site, origin, request, **options):
    context = open_context(browser, site, origin, **options)
    tab = _new_page(context, origin)
    yield tab
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        try:
            tab.screenshot(path=str(artifact(f"FAILED-{request.node.name}.png")), full_page=True)
        except Exception:  # the page may be gone; the failure itself is what matters
            pass
    context.close()


@pytest.fixture
def page(browser, site, origin, request):
    """A page in a fresh desktop-sized context, once served and once from the archive; on failure, a screenshot."""
    yield from _managed_page(browser, site, origin, request)


@pytest.fixture
def web_page(browser, site, request):
    """A desktop-sized page of the site served over HTTP only."""
    yield from _managed_page(browser, site, "http", request)


@pytest.fixture
def phone_page(browser, site, request):
    """A page 375 px wide (a phone), served over HTTP."""
    yield from _managed_page(browser, site, "http", request, viewport={"width": 375, "height": 812},
                             is_mobile=True, has_touch=True, device_scale_factor=2)


def wait_for_search(page) -> None:
    """Material's search is ready once its worker has the index ("Initializing search" is gone)."""
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && !/Initializing/.test(m.textContent); }")
