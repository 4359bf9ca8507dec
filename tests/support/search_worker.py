"""The site's search worker (overrides/assets/javascripts/repertoire-search.js) run in Node on an
index written to disk: what a query finds, without a browser."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests.support.paths import ROOT

WORKER = ROOT / "overrides" / "assets" / "javascripts" / "repertoire-search.js"
NODE = shutil.which("node")


def write_index(site: Path, files: dict[str, bytes]) -> None:
    """The files of `generator.site.search_index.index_files` where a built site has them."""
    from generator.site.search_index import FOLDER

    for name, data in files.items():
        target = site / FOLDER / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def found(site: Path, query: str, worker: Path = WORKER) -> list[str]:
    """The addresses of the pages the worker finds for `query`, best first."""
    result = subprocess.run([NODE, str(Path(__file__).with_name("search_worker.js")), str(worker), str(site), query],
                            capture_output=True, text=True, timeout=60, check=True)
    return json.loads(result.stdout)
