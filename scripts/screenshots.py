#!/usr/bin/env python3
"""The README's screenshots, taken in a real browser from a fresh build (`make screenshots`).

Builds the site from the bundled text source in a scratch folder (your
content/ and site/ are not touched), opens it from disk in Debian's Chromium
(/usr/bin/chromium) with the network cut, and writes:

    docs/screenshots/meeting-footnote.png   a meeting page, a footnote's tooltip open
    docs/screenshots/meeting-citation.png   its "Cite this page", the text and BibTeX forms open
    docs/screenshots/search-results.png     search results for "force commanders" (stems)

Usage: .venv/bin/python scripts/screenshots.py [--out DIR] [--source FILE]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-dev-shm-usage"]


def build(work: Path, source: Path) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    content = work / "content"
    content.mkdir()
    shutil.copy(ROOT / "content" / "about.md", content / "about.md")
    shutil.copytree(ROOT / "content" / "assets", content / "assets")
    result = subprocess.run([sys.executable, "-m", "generator.cli", "build", str(source)], cwd=work,
                            capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"screenshots: the build failed: {result.stderr.strip()}")
    return work / "site"


def shoot(site: Path, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    base = site.as_uri() + "/"
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 760}, device_scale_factor=1)
        context.route("**/*", lambda route: route.abort() if not route.request.url.startswith("file:")
                      else route.continue_())
        page = context.new_page()
        page.set_default_timeout(15_000)

        # A meeting page with the tooltip of footnote 835 open.
        page.goto(base + "meetings/S-PV-9389.html")
        ref = page.locator("sup#fnref\\:835 a.footnote-ref")
        ref.evaluate("el => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 300)")
        ref.hover()
        page.locator(".md-tooltip2").filter(has_text="Ghana").wait_for(state="visible")
        page.wait_for_timeout(400)  # the tooltip's fade-in
        target = out / "meeting-footnote.png"
        page.screenshot(path=str(target))
        written.append(target)

        # "Cite this page" of the same meeting, the BibTeX form opened as a reader would.
        cite = page.locator("div.cite")
        cite.locator("details.cite-form summary", has_text="BibTeX").click()
        page.wait_for_function("() => /urldate/.test(document.querySelector('div.cite').textContent)")
        cite.evaluate("el => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 120)")
        page.wait_for_timeout(300)
        target = out / "meeting-citation.png"
        page.screenshot(path=str(target))
        written.append(target)

        # Search results for "force commanders": found by their stems ("Force Commander of ...").
        page.goto(base + "index.html")
        search = page.locator("input.md-search__input")
        search.click()
        page.wait_for_function("() => !/Initializing/.test("
                               "document.querySelector('.md-search-result__meta').textContent)")
        search.press_sequentially("force commanders", delay=30)
        page.locator(".md-search-result__item").first.wait_for()
        page.wait_for_timeout(400)
        target = out / "search-results.png"
        page.screenshot(path=str(target))
        written.append(target)
        browser.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--source", type=Path, default=ROOT / "sources" / "peacekeeping-2023.txt")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"screenshots: {CHROMIUM} is missing (make browser)")
    with tempfile.TemporaryDirectory(prefix="repertoire-shots-") as scratch:
        site = build(Path(scratch), args.source.resolve())
        for path in shoot(site, args.out):
            print(f"wrote {path.relative_to(ROOT) if ROOT in path.parents else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
