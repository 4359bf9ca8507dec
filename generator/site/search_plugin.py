"""Material's search box with this site's own index (`generator.site.search_index`).

`install(config)` adds this plugin to a loaded MkDocs configuration (`generator.site.build.run_mkdocs`
calls it, so a copied mkdocs.yml needs no path to it). When the configuration has Material's
search plugin, it:

- puts `overrides/` first among the theme's folders: its `main.html` names our worker
  (`assets/javascripts/repertoire-search.js`, copied with the theme's files) in the `__config`
  Material's bundle reads, instead of Material's lunr worker;
- keeps Material's search plugin from indexing the pages: its search_index.json holds the
  configuration only (Material's bundle still loads it, and its highlighter reads the
  separator), so nothing is parsed per page and nothing big is written or shipped.

The index itself is made from the model and the hand-written pages in a forked process
(`generator.site.build` starts it before MkDocs: MkDocs keeps one core busy, the index takes the
other) and written at the end of the build (`on_post_build`), as Material's search plugin
writes its own. Without this plugin (plain `mkdocs build`, `repertoire serve`) Material's own
search works as usual.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from mkdocs.plugins import BasePlugin

from generator.background import Background
from generator.site.search_index import MATERIAL_CONFIG, material_index, write_files

OVERRIDES = Path(__file__).resolve().parents[2] / "overrides"
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
    def __init__(self, index: Optional[Background] = None):
        # The index files being made (`prepare_search_index`), written at the end of the build.
        self._index = index

    def on_config(self, config):
        search = config.plugins.get("material/search")
        if search is None or not search.config.enabled:
            return config
        if str(OVERRIDES) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(OVERRIDES))
        settings = {key: search.config[key] for key in MATERIAL_CONFIG if search.config.get(key) is not None}
        search.search_index = _ConfigOnlyIndex({**MATERIAL_CONFIG, **settings})
        return config

    def on_post_build(self, config) -> None:
        # After Material's search plugin (added later, so called later): its search_index.json
        # holds the configuration the index files are written with.
        if self._index is not None:
            files, version, _ = self._index.result()
            self._index = None
            write_files(Path(config.site_dir), files, version)

    def on_build_error(self, error) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None


def install(config, index: Optional[Background] = None) -> None:
    """Add the plugin to a configuration made by mkdocs.config.load_config (before the build);
    with `index` (`prepare_search_index` running in the background), the build ends by writing
    the site's search index."""
    config.plugins[NAME] = RepertoireSearch(index)
