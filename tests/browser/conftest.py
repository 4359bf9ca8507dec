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
(git-ignored), beside the screenshots the tests keep on purpose. The helpers behind
these fixtures, which tests use too, are in tests/support/browser.py.

Chromium: /usr/bin/chromium (`make browser` installs it with apt-get; `make
test` does so itself). Set REPERTOIRE_SKIP_BROWSER=1 to skip these tests on a
machine without it.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import zipfile
from pathlib import Path

import pytest

from tests.support.browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, Site, artifact, new_page, open_context
from tests.support.builders import cli_build, copy_hand_written
from tests.support.paths import ROOT, SAMPLE_TXT


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


# ---------------------------------------------------------------- the site


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
    cli_build(project, SAMPLE_TXT, "--archive", "--archive-dir", "dist")
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


@pytest.fixture(params=["http", "file"])
def origin(request):
    return request.param


def _managed_page(browser, site, origin, request, **options):
    context = open_context(browser, site, origin, **options)
    tab = new_page(context, origin)
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
