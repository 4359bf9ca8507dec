"""Material's search box with this site's own index (`generator.search_index`).

`install(config)` adds this plugin to a loaded MkDocs configuration (`generator.build.run_mkdocs`
calls it, so a copied mkdocs.yml needs no path to it). When the configuration has Material's
search plugin, it:

- puts `overrides/` first among the theme's folders: its `main.html` names our worker
  (`assets/javascripts/repertoire-search.js`, copied with the theme's files) in the `__config`
  Material's bundle reads, instead of Material's lunr worker;
- keeps Material's search plugin from indexing the pages: its search_index.json holds the
  configuration only (Material's bundle still loads it, and its highlighter reads the
  separator), so nothing is parsed per page and nothing big is written or shipped.

The index itself is written after the build, from the model (`write_search_index`). Without
this plugin (plain `mkdocs build`, `repertoire serve`) Material's own search works as usual.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import BasePlugin

from generator.search_index import MATERIAL_CONFIG, material_index

OVERRIDES = Path(__file__).resolve().parent.parent / "overrides"
NAME = "repertoire/search"


class _ConfigOnlyIndex:
    """Stands in for Material's SearchIndex: indexes nothing, writes the configuration only."""

    def __init__(self, config: dict):
        self.config = config

    def add_entry_from_context(self, page) -> None:
        pass

    def generate_search_index(self, previous=None) -> str:
        return material_index(self.config)


class RepertoireSearch(BasePlugin):
    def on_config(self, config):
        search = config.plugins.get("material/search")
        if search is None or not search.config.enabled:
            return config
        if str(OVERRIDES) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(OVERRIDES))
        settings = {key: search.config[key] for key in MATERIAL_CONFIG if search.config.get(key) is not None}
        search.search_index = _ConfigOnlyIndex({**MATERIAL_CONFIG, **settings})
        return config


def install(config) -> None:
    """Add the plugin to a configuration made by mkdocs.config.load_config (before the build)."""
    if NAME not in config.plugins:
        config.plugins[NAME] = RepertoireSearch()
