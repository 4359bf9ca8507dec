"""Keeps MkDocs' memory small on big sites: every page's HTML is held compressed.

MkDocs converts every page to HTML first and writes them all afterwards, so
the HTML of the whole site (and every page's Markdown) sits in memory at once:
gigabytes for tens of thousands of pages. This plugin drops each page's
Markdown once it is converted and keeps its HTML zlib-compressed (about a
tenth of the size) until the page is written; `generator.site.build.run_mkdocs`
adds it to every build. Other plugins see the HTML as usual: it is taken
after every other plugin's `on_page_content` and put back before any
plugin's `on_page_context`.
"""
from __future__ import annotations

import zlib

from mkdocs.plugins import BasePlugin, event_priority

NAME = "repertoire/lean-pages"


class LeanPages(BasePlugin):
    def __init__(self) -> None:
        self._compressed: dict[str, bytes] = {}

    @event_priority(-100)  # last: after any plugin that changes the HTML
    def on_page_content(self, html: str, page, config, files) -> str:
        self._compressed[page.file.src_uri] = zlib.compress(html.encode("utf-8"), 1)
        page.markdown = None  # converted; nothing reads it again
        return ""

    @event_priority(100)  # first: before any plugin that reads the HTML
    def on_page_context(self, context, page, config, nav):
        compressed = self._compressed.pop(page.file.src_uri, None)
        if compressed is not None:
            page.content = zlib.decompress(compressed).decode("utf-8")
        return context

    def on_post_page(self, output: str, page, config) -> str:
        page.content = None  # in the output now, which is written next
        return output


def install(config) -> None:
    """Add the plugin to a configuration made by mkdocs.config.load_config (before the build)."""
    config.plugins[NAME] = LeanPages()
