"""The site's search worker (overrides/assets/javascripts/repertoire-search.js) run in Node on an
index written to disk: what a query finds, without a browser."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests.support.paths import ROOT

WORKER = ROOT / "overrides" / "assets" / "javascripts" / "repertoire-search.js"
STEMMER = ROOT / "content" / "assets" / "vendor" / "snowball" / "english.js"  # the worker loads it from the site
NODE = shutil.which("node")


def write_index(site: Path, files: dict[str, bytes]) -> None:
    """The files of `generator.site.search_index.index_files` where a built site has them, and
    the stemmer the worker reads beside them."""
    from generator.site.search_index import FOLDER

    for name, data in files.items():
        target = site / FOLDER / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    stemmer = site / STEMMER.relative_to(ROOT / "content")
    stemmer.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(STEMMER, stemmer)


def found(site: Path, query: str, worker: Path = WORKER) -> list[str]:
    """The addresses of the pages the worker finds for `query`, best first."""
    result = subprocess.run([NODE, str(Path(__file__).with_name("search_worker.js")), str(worker), str(site), query],
                            capture_output=True, text=True, timeout=60, check=True)
    return json.loads(result.stdout)


def javascript_stems(words: list[str], stemmer: Path = STEMMER) -> list[str]:
    """The stems the worker's stemmer gives `words` (run in Node)."""
    result = subprocess.run([NODE, str(Path(__file__).with_name("stem_words.js")), str(stemmer)],
                            input="\n".join(words), capture_output=True, text=True, timeout=120, check=True)
    return json.loads(result.stdout)


def found_pages(site: Path, query: str) -> list[str]:
    """The pages the worker finds for `query`, best first, without the anchor of the passage shown."""
    return [location.split("#")[0] for location in found(site, query)]
