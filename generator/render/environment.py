"""The Jinja2 environment pages are written with: where templates are found, their filters, and
the cache of compiled templates.

Templates are looked up in the folders given (`--templates DIR`) first, then in the bundled
folder (templates/, BUNDLED_TEMPLATES): a template of the user's named like a bundled one
replaces it. Every bundled template is also reachable as "bundled/<name>", so that the user's
`meeting.md.j2` can `{% extends "bundled/meeting.md.j2" %}` and override a single block
(templates/_base.md.j2 lists the blocks).
"""
from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Iterable, Sized

import jinja2

from generator import settings
from generator.link.index import anchor, human_date, paragraph_anchor, supplement_label
from generator.render.outcome import outcome_remark

BUNDLED_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
BUNDLED_PREFIX = "bundled"  # "bundled/meeting.md.j2": the bundled template, whatever the user's folders hold


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between builds, as Python keeps __pycache__ (compiling them all
    costs every rendering process a quarter of a second). Keyed by each template's source; a
    cache that cannot be written just means compiling again, never a failed build."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError):
            bucket.reset()


def template_loader(template_dirs: Iterable[Path] = ()) -> jinja2.BaseLoader:
    """The user's folders, then the bundled one; "bundled/<name>" is always the bundled template."""
    bundled = jinja2.FileSystemLoader(str(BUNDLED_TEMPLATES))
    search_path = [str(p) for p in template_dirs] + [str(BUNDLED_TEMPLATES)]
    return jinja2.ChoiceLoader([jinja2.PrefixLoader({BUNDLED_PREFIX: bundled}), jinja2.FileSystemLoader(search_path)])


def count(value: Sized | int) -> str:
    """How many, as a reader writes it: 9396 meetings -> "9,396". Takes a number or what holds the things."""
    return f"{value if isinstance(value, int) else len(value):,}"


def make_environment(template_dirs: Iterable[Path] = ()) -> jinja2.Environment:
    env = jinja2.Environment(
        bytecode_cache=_TemplateCache(str(settings.cache_dir() / "templates")),
        loader=template_loader(template_dirs),
        autoescape=False,  # output is Markdown; text is escaped by `link.escape`/`link.text`
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,  # one environment per build (serve makes a new one per regeneration)
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["human_date"] = human_date
    env.filters["anchor"] = anchor
    env.filters["para"] = paragraph_anchor
    env.filters["supplement_label"] = supplement_label
    env.filters["count"] = count  # replaces Jinja's own `count` (= length): every count printed gets separators
    env.filters["outcome_remark"] = outcome_remark
    # JSON strings are valid YAML scalars: safe front matter whatever the text holds. Themes put
    # the title and description into the HTML unescaped, so they are HTML-escaped first.
    env.filters["yaml"] = lambda value: json.dumps(html.escape(str(value), quote=True), ensure_ascii=False)
    return env
