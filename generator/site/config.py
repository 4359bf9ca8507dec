"""The MkDocs configuration as the build reads it: where symbols without a page link to, the
site's address, the hand-written files the configuration names (nav pages, CSS, scripts), and
the footer's line set at build time (`copyright_line`)."""
from __future__ import annotations

from pathlib import Path

import yaml

from generator.link.index import DEFAULT_DOCUMENT_BASE
from generator.model.errors import RepertoireError


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml even where it uses MkDocs' own !tags (their values are not needed here)."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(config_file: Path) -> dict:
    try:
        with open(config_file, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_LenientLoader) or {}
    except OSError as error:
        raise RepertoireError(str(config_file), f"cannot read MkDocs configuration: {error.strerror}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        place = f"line {mark.line + 1}" if mark else None
        raise RepertoireError(str(config_file), "invalid YAML", place=place) from None


def document_base(config: dict) -> str:
    extra = (config.get("extra") or {}).get("repertoire") or {}
    base = extra.get("document_base") or DEFAULT_DOCUMENT_BASE
    return base if base.endswith("/") else base + "/"


def site_url(config: dict):
    return config.get("site_url")


def copyright_line(config: dict, built: str) -> str:
    """The footer's line: mkdocs.yml's `copyright` (when set), then `built` (generator.site.stamp). It
    goes in MkDocs' own `copyright` setting, which every theme prints in its footer."""
    own = config.get("copyright")
    return f"{own} · {built}" if own else built


def named_files(config: dict) -> list[str]:
    """Files of the docs folder the configuration names: nav pages, extra CSS and scripts, polyfills."""
    names: list[str] = []

    def walk(entry) -> None:
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, dict) and "path" in entry:  # extra_javascript: {path: ..., type: module}
            walk(entry["path"])
        elif isinstance(entry, dict):
            for value in entry.values():
                walk(value)
        elif isinstance(entry, list):
            for item in entry:
                walk(item)

    walk(config.get("nav") or [])
    for key in ("extra_css", "extra_javascript"):
        walk(config.get(key) or [])
    walk((config.get("extra") or {}).get("polyfills") or [])
    return [name for name in dict.fromkeys(names) if "://" not in name and not name.startswith("/")]
