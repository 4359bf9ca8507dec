"""Search at scale, measured in Chromium: over HTTP and from disk (file://), this site's search
(generator/site/search_index.py) against Material's stock search of the same pages.

    .venv/bin/python bench/bench_search.py [MEETINGS] [--seed S] [--keep DIR] [--reuse]
                                           [--no-stock] [--runs R] [--query Q ...] [--page PAGE]

Makes synthetic sources of MEETINGS meetings (default 10,000; `tests.support.synthetic`), builds
the site with `repertoire build` and, unless --no-stock, a copy of the same pages with plain
`mkdocs build` (Material's stock search: its plugin indexes every page, its worker builds a
lunr index in the browser). With --keep DIR everything is made in DIR and kept; --reuse takes
what DIR already holds (sources, built sites) instead of making it again. Building 10,000
meetings takes several minutes, the stock copy as long again.

Then, for each site, transport and query, R times in a fresh browser context (nothing
cached): open a meeting page, click the search box, type the query one character at a time,
each as soon as the previous one's results are on screen. Material's stock search takes
minutes a run at 10,000 meetings: it is measured once, on the first query. Printed per row:

- load: navigation to the page's load event;
- first: from the first keystroke to the first results on screen, and "after nav" the same
  moment counted from the start of the navigation (page load, opening search and typing
  included);
- per key: each further keystroke to its results on screen (median and worst);
- search download: the files read for search (Material's search_index.json or .js, the
  worker, lunr or this site's index files) as they are on disk, and gzip-compressed (what a
  server compressing its responses sends).

Goals (issue 6): first results within 1 s on both transports, each further keystroke within
100 ms, search download under 10 MB compressed. Run by `make bench-search` (and `make bench`).
Not a test: the numbers depend on the machine and its load.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.synthetic import write_synthetic_sources  # noqa: E402

CHROMIUM = os.environ.get("REPERTOIRE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-dev-shm-usage"]
QUERIES = ["MONUSCO", "protection of civilians", "S/PV.9389", "Mozambique"]
TIMEOUT_MS = 900_000  # Material's stock search takes minutes at 10,000 meetings

# Records, in the page, when each key goes down and when the results list or its count changes.
PROBE = """
window.__bench = {keys: [], renders: []};
document.addEventListener("keydown", () => window.__bench.keys.push(performance.now()), true);
document.addEventListener("DOMContentLoaded", () => {
  const list = document.querySelector(".md-search-result__list");
  const meta = document.querySelector(".md-search-result__meta");
  if (!list || !meta) return;
  const record = () => window.__bench.renders.push(
    {t: performance.now(), n: list.children.length, meta: meta.textContent});
  new MutationObserver(record).observe(list, {childList: true});
  new MutationObserver(record).observe(meta, {childList: true, characterData: true, subtree: true});
});
"""
RENDERED_AFTER = """key => {
  const t = window.__bench.keys[key];
  return t !== undefined && window.__bench.renders.some(r => r.t > t && !/Initializing/.test(r.meta)
    && (r.n > 0 || /No matching/.test(r.meta)));
}"""
FIRST_RENDER_AFTER = """key => {
  const t = window.__bench.keys[key];
  const r = window.__bench.renders.find(r => r.t > t && !/Initializing/.test(r.meta)
    && (r.n > 0 || /No matching/.test(r.meta)));
  return [t, r.t, r.n];
}"""


# ---------------------------------------------------------------- the sites


def run(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])} ... failed in {cwd}:\n{result.stderr.strip()[-2000:]}")
    return time.perf_counter() - started


def prepare_sources(base: Path, meetings: int, seed: int, reuse: bool) -> list[Path]:
    folder = base / f"sources-{meetings}"
    if reuse and folder.is_dir() and any(folder.glob("*.txt")):
        return sorted(folder.glob("*.txt"))
    shutil.rmtree(folder, ignore_errors=True)
    return write_synthetic_sources(folder, meetings, seed).files


def build_sites(base: Path, meetings: int, sources: list[Path], reuse: bool, stock: bool) -> dict[str, Path]:
    project = base / f"site-{meetings}"
    sites = {"this site": project / "site"}
    if not (reuse and (project / "site" / "search" / "r" / "manifest.js").is_file()):
        shutil.rmtree(project, ignore_errors=True)
        project.mkdir(parents=True)
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        (project / "content").mkdir()
        shutil.copy(ROOT / "content" / "about.md", project / "content" / "about.md")
        shutil.copytree(ROOT / "content" / "assets", project / "content" / "assets")
        print(f"building {meetings:,} meetings with repertoire build ...", file=sys.stderr, flush=True)
        took = run([sys.executable, "-m", "generator.cli", "build", *map(str, sources)], project)
        print(f"  {took:.0f} s", file=sys.stderr, flush=True)
    if stock:
        stock_site = base / f"stock-{meetings}" / "site"
        sites["Material stock"] = stock_site
        if not (reuse and (stock_site / "search" / "search_index.js").is_file()):
            # The same pages, built by plain MkDocs: no generator.site.search_plugin, so Material's search
            # plugin indexes every page and its own worker searches it.
            print("building the same pages with plain mkdocs build (Material's stock search) ...", file=sys.stderr,
                  flush=True)
            shutil.rmtree(stock_site, ignore_errors=True)
            took = run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"),
                        "-d", str(stock_site)], project)
            print(f"  {took:.0f} s", file=sys.stderr, flush=True)
    return sites


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class Server:
    """A local HTTP server for one folder, in a thread."""

    def __init__(self, folder: Path):
        handler = functools.partial(_Quiet, directory=str(folder))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


# ---------------------------------------------------------------- measuring


def is_search_file(relative: str) -> bool:
    return (relative.startswith("search/") or relative.startswith("assets/javascripts/workers/")
            or relative.startswith("assets/javascripts/lunr/") or relative.endswith("repertoire-search.js")
            or relative.endswith("iframe-worker/shim.js") or relative.endswith("vendor/snowball/english.js"))


def download(site: Path, urls: list[str], base: str) -> tuple[int, int, int]:
    """(files, bytes, gzip bytes) of the search files among the URLs requested."""
    seen = set()
    raw = packed = 0
    for url in urls:
        if not url.startswith(base):
            continue
        relative = unquote(urlsplit(url).path)[len(unquote(urlsplit(base).path)):]
        if relative in seen or not is_search_file(relative):
            continue
        path = site / relative
        if path.is_file():
            seen.add(relative)
            data = path.read_bytes()
            raw += len(data)
            packed += len(gzip.compress(data, 6))
    return len(seen), raw, packed


def measure(browser, site: Path, base: str, page: str, query: str) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(PROBE)
    urls: list[str] = []
    context.on("request", lambda request: urls.append(request.url))
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        tab.goto(base + page, wait_until="load")
        load_ms = tab.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
        tab.locator("input.md-search__input").click()
        keys = []
        for number, char in enumerate(query):
            tab.keyboard.type(char)
            tab.wait_for_function(RENDERED_AFTER, arg=number, timeout=TIMEOUT_MS)
            keys.append(tab.evaluate(FIRST_RENDER_AFTER, number))
        tab.wait_for_timeout(300)  # any late file a result asked for
        count = tab.locator(".md-search-result__meta").inner_text()
    finally:
        context.close()
    if errors:
        raise SystemExit(f"page errors on {base + page}: {errors[:3]}")
    first_key, first_render, _ = keys[0]
    further = [render - key for key, render, _ in keys[1:]]
    files, raw, packed = download(site, urls, base)
    return {"load_ms": load_ms, "first_ms": first_render - first_key, "first_after_nav_ms": first_render,
            "key_median_ms": statistics.median(further) if further else 0.0,
            "key_max_ms": max(further) if further else 0.0, "files": files, "mb": raw / 1e6, "gz_mb": packed / 1e6,
            "results": count}


def best_of(runs: list[dict]) -> dict:
    """The median run by first results (the runs differ by the machine's load, not by the site)."""
    ordered = sorted(runs, key=lambda r: r["first_after_nav_ms"])
    return ordered[len(ordered) // 2]


COLUMNS = [("site", "{}"), ("transport", "{}"), ("query", "{}"), ("load_ms", "{:.0f}"), ("first_ms", "{:.0f}"),
           ("first_after_nav_ms", "{:.0f}"), ("key_median_ms", "{:.0f}"), ("key_max_ms", "{:.0f}"),
           ("files", "{}"), ("mb", "{:.2f}"), ("gz_mb", "{:.2f}"), ("results", "{}")]
HEADINGS = ["site", "transport", "query", "load ms", "first ms", "after nav ms", "per key median ms",
            "per key max ms", "search files", "search MB", "search MB gz", "results"]


def print_table(rows: list[dict], out=sys.stdout, heading: bool = True) -> None:
    if heading:
        print("| " + " | ".join(HEADINGS) + " |", file=out)
        print("|" + "---|" * len(HEADINGS), file=out)
    for row in rows:
        print("| " + " | ".join(fmt.format(row[name]) for name, fmt in COLUMNS) + " |", file=out)
    out.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("meetings", nargs="?", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="make everything in this folder and keep it")
    parser.add_argument("--reuse", action="store_true", help="reuse the sources and sites already in --keep")
    parser.add_argument("--no-stock", dest="stock", action="store_false", help="skip Material's stock search")
    parser.add_argument("--runs", type=int, default=3, help="fresh loads per measurement (the median is shown)")
    parser.add_argument("--query", action="append", help=f"query to type (default: {', '.join(QUERIES)})")
    parser.add_argument("--page", default="meetings/S-PV-5000.html", help="the page search is opened on")
    args = parser.parse_args()
    if args.reuse and not args.keep:
        parser.error("--reuse needs --keep DIR")
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing (make browser installs it)")
    base = args.keep or Path(tempfile.mkdtemp(prefix="bench-search-"))
    base.mkdir(parents=True, exist_ok=True)
    queries = args.query or QUERIES
    rows = []
    try:
        sources = prepare_sources(base, args.meetings, args.seed, args.reuse)
        sites = build_sites(base, args.meetings, sources, args.reuse, args.stock)
        page = args.page if (sites["this site"] / args.page).is_file() else "index.html"
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for name, site in sites.items():
                    server = Server(site)
                    try:
                        for transport, address in (("http", server.base), ("file", site.resolve().as_uri() + "/")):
                            is_stock = name != "this site"
                            for query in queries[:1] if is_stock else queries:
                                # Material's stock search takes minutes a run at this size: one run, one query.
                                runs = [measure(browser, site, address, page, query)
                                        for _ in range(1 if is_stock else args.runs)]
                                rows.append({"site": name, "transport": transport, "query": query,
                                             **best_of(runs)})
                                print_table(rows[-1:], sys.stderr, heading=len(rows) == 1)
                    finally:
                        server.close()
            finally:
                browser.close()
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print()
    print(f"{args.meetings:,} meetings, page {page}, median of {args.runs} fresh loads (Material's stock "
          f"search: one load, the first query); "
          f"cores: {len(os.sched_getaffinity(0))}")
    print_table(rows)
    print("goals: first results within 1 s after the first keystroke on both transports, each further keystroke "
          "within 100 ms, search download under 10 MB gzip")


if __name__ == "__main__":
    main()
