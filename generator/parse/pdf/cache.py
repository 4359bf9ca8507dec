"""Parsed PDFs, remembered by content, so an unchanged PDF is not read again.

Reading a supplement of several hundred pages takes a while; a build or a
preview usually sees the same PDFs again. The sections read from a PDF are
stored as JSON in `<cache folder>/<sha256 of the PDF's bytes>.json`, with the
parser version they were made by. The cache folder is `.cache/repertoire/`
under the current folder (git-ignored), or REPERTOIRE_CACHE_DIR.

The parser version is PARSER_VERSION plus a digest of the reader's own source
files (`reader_sources`: generator/parse/pdf/, generator/parse/raw.py and the model,
generator/model/__init__.py) and of the pdfplumber and pdfminer.six versions, so any change to the reader invalidates
what it read before, with nothing to remember to bump.

JSON, not pickle: loading a cache file runs no code, and every value is
checked against the model's field types as it is read. A cache file that is
unreadable, malformed, of another version or for other bytes is a miss: the
PDF is parsed again and the file rewritten. The cache never makes a parse
fail; a folder that cannot be written just means no caching.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import tempfile
import types
import typing
from pathlib import Path
from typing import Any, Optional

from generator import settings
from generator.parse.raw import RawSection

PARSER_VERSION = 1  # bump for a change of meaning that the source digest cannot see
FORMAT = "repertoire-pdf-sections"
HERE = Path(__file__).resolve().parent


def reader_sources() -> list[Path]:
    """The code a cached parse depends on: the PDF reader, the raw data it fills, the model."""
    return sorted(HERE.glob("*.py")) + [HERE.parent / "raw.py", HERE.parents[1] / "model" / "__init__.py"]


@functools.lru_cache(maxsize=1)
def parser_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256(str(PARSER_VERSION).encode())
    for source in reader_sources():
        digest.update(source.name.encode() + b"\0")
        try:
            digest.update(source.read_bytes())
        except OSError:
            digest.update(b"unreadable")
    for package in ("pdfplumber", "pdfminer.six"):
        try:
            digest.update(f"{package}=={version(package)}".encode())
        except PackageNotFoundError:
            digest.update(package.encode())
    return f"{PARSER_VERSION}-{digest.hexdigest()[:20]}"


def content_digest(path: Path) -> Optional[str]:
    """The SHA-256 of the file's bytes, or None if it cannot be read (the parse then reports why)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as stream:
            while block := stream.read(1 << 20):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def entry(digest: str) -> Path:
    return settings.cache_dir() / f"{digest}.json"


# --------------------------------------------------------------------------- load and store


def load(path: Path, digest: Optional[str]) -> Optional[list[RawSection]]:
    """The cached sections of the PDF with these bytes, or None (a miss, whatever the reason)."""
    if digest is None:
        return None
    try:
        data = json.loads(entry(digest).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        if data.get("parser_version") != parser_version() or data.get("sha256") != digest:
            return None
        sections = decode(list[RawSection], data["sections"])
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None
    file = str(path)
    for section in sections:  # the same bytes may have been read under another name
        section.file = file
        for problem in section.problems:
            problem.file = file
    return sections


def store(path: Path, digest: Optional[str], sections: list[RawSection]) -> bool:
    """Write the cache entry (atomically); False if it could not be written."""
    if digest is None:
        return False
    data = {
        "format": FORMAT,
        "parser_version": parser_version(),
        "sha256": digest,
        "file": str(path),
        "sections": [dataclasses.asdict(s) for s in sections],
    }
    target = entry(digest)
    temporary = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent, prefix=".tmp-",
                                         suffix=".json", delete=False) as stream:
            temporary = stream.name
            json.dump(data, stream, ensure_ascii=False)
        os.replace(temporary, target)
        return True
    except (OSError, TypeError, ValueError):
        if temporary:
            try:
                os.unlink(temporary)
            except OSError:
                pass
        return False


# --------------------------------------------------------------------------- checked decoding


@functools.lru_cache(maxsize=None)
def dataclass_fields(kind: type) -> dict[str, Any]:
    """A dataclass's fields (those its constructor takes) and their types."""
    hints = typing.get_type_hints(kind)
    return {f.name: hints[f.name] for f in dataclasses.fields(kind) if f.init}


def decode(kind: Any, value: Any) -> Any:
    """`value` (parsed JSON) as an instance of `kind`, checking every type; ValueError if it is not."""
    if dataclasses.is_dataclass(kind):
        fields = dataclass_fields(kind)
        if not isinstance(value, dict) or value.keys() != fields.keys():
            raise ValueError(f"not a {kind.__name__}")
        return kind(**{name: decode(hint, value[name]) for name, hint in fields.items()})
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        (inner,) = [a for a in args if a is not type(None)]
        return decode(inner, value)
    if origin is list:
        if not isinstance(value, list):
            raise ValueError("not a list")
        return [decode(args[0], item) for item in value]
    if kind is bool:
        if not isinstance(value, bool):
            raise ValueError("not a boolean")
        return value
    if kind is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError("not an integer")
        return value
    if kind is float:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise ValueError("not a number")
        return float(value)
    if kind is str:
        if not isinstance(value, str):
            raise ValueError("not a string")
        return value
    raise ValueError(f"cannot read a {kind!r} from the cache")
