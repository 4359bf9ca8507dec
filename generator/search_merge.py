"""Keeps the search index whole across incremental builds.

MkDocs' search plugin indexes only the pages a `--dirty` build rebuilt, so its
search_index.json would lose every other page. After such a build, the
previous index's entries for pages that were not rebuilt (nor removed) are put
back beside the new ones, in `search/search_index.json` and in the script
form the offline plugin writes for file:// (`search/search_index.js`).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

INDEX_JSON = Path("search") / "search_index.json"
INDEX_JS = Path("search") / "search_index.js"
JS_PREFIX = "var __index = "


def _page(location: str) -> str:
    return location.split("#", 1)[0]


def merge_search_index(previous_index: dict, partial_index: dict, removed_pages: Iterable[str]) -> dict:
    """The partial index's pages win; the previous index keeps the others, minus removed pages."""
    rebuilt = {_page(doc["location"]) for doc in partial_index["docs"]}
    gone = rebuilt | set(removed_pages)
    kept = [doc for doc in previous_index["docs"] if _page(doc["location"]) not in gone]
    return {**partial_index, "docs": kept + partial_index["docs"]}


def restore_search_index(previous_site: Path, new_site: Path, removed_pages: Iterable[str]) -> None:
    """After a dirty build into new_site, complete its search index from previous_site's."""
    try:
        previous = json.loads((previous_site / INDEX_JSON).read_text(encoding="utf-8"))
        partial = json.loads((new_site / INDEX_JSON).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # no search plugin, or no previous index: nothing to complete
    merged = merge_search_index(previous, partial, removed_pages)
    text = json.dumps(merged, ensure_ascii=False, separators=(",", ":"))
    (new_site / INDEX_JSON).write_text(text, encoding="utf-8")
    if (new_site / INDEX_JS).exists():
        (new_site / INDEX_JS).write_text(JS_PREFIX + text, encoding="utf-8")
