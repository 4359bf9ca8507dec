"""What every page's footer says the site was built from: "Built 2026-12-02 from Repertoire Site 0.1.0".

The day is that of SOURCE_DATE_EPOCH when it is set (reproducible builds: the same sources and
epoch give the same pages), else today in UTC. The line is in every page, so it is part of
what the pages depend on (`generator.site.incremental.build_state`): the first build of a new
day is a full one, the day's later builds are incremental as before. The version is the
package's (pyproject.toml), from its installed metadata or else from pyproject.toml itself.
"""
from __future__ import annotations

import os
import tomllib
from datetime import date, datetime, timezone
from importlib import metadata
from pathlib import Path

PACKAGE = "repertoire-site"
PROJECT_FILE = Path(__file__).resolve().parents[2] / "pyproject.toml"


def build_date() -> date:
    """Today (UTC), or the day of SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch and epoch.isdigit() else datetime.now(timezone.utc).timestamp()
    return datetime.fromtimestamp(seconds, tz=timezone.utc).date()


def version() -> str:
    """The package's version: installed metadata, else pyproject.toml (a checkout run with PYTHONPATH)."""
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        with open(PROJECT_FILE, "rb") as handle:
            return tomllib.load(handle)["project"]["version"]


def build_line(day: date, built_from: str) -> str:
    return f"Built {day.isoformat()} from Repertoire Site {built_from}"
