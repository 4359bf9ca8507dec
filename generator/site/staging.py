"""The content folder of a build: MkDocs' docs folder, filled with the generated pages beside
the hand-written ones. One code path for `repertoire build` (a fresh folder beside the previous
one, swapped in when MkDocs succeeded) and `repertoire serve` (the folder itself, in place).

The generated files are listed in the manifest `.generated`: a file the manifest does not name is
the user's, never overwritten or removed.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from generator.link.addresses import Addresses
from generator.model.errors import RepertoireError

MANIFEST = ".generated"


@dataclass
class ContentChanges:
    written: list[str]  # generated pages new or changed since the last build
    removed: list[str]  # generated pages of the last build that are gone
    kept: int  # generated pages unchanged (file untouched, modification time kept)


def link_or_copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)  # cheap, and keeps the modification time MkDocs' dirty build compares
    except OSError:
        shutil.copy2(source, target)


def _link_tree(source: Path, target: Path, skip: set[str]) -> None:
    """`source`'s files into `target` as hard links (copies across file systems); symbolic links
    stay links, never followed (one pointing at / must not copy the disk)."""
    for folder, folders, files in os.walk(source):
        relative_folder = Path(folder).relative_to(source)
        for name in folders + files:
            path, relative = Path(folder) / name, (relative_folder / name).as_posix()
            if relative in skip:
                continue
            if path.is_symlink():
                (target / relative).parent.mkdir(parents=True, exist_ok=True)
                os.symlink(os.readlink(path), target / relative)
            elif name in files:
                link_or_copy(path, target / relative)


def _replace_file(target: Path, data: bytes) -> None:
    """Write a file that may be a hard link to the previous build's copy: never write through the link."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.unlink()
    target.write_bytes(data)


class ContentStager:
    """Fills a fresh content folder from the previous one (hard links) and the generated files,
    given one at a time (`add`): only files whose content changed are written, so untouched
    files keep their modification time. `finish` drops the generated files of the previous
    build that were not generated again."""

    def __init__(self, previous_content: Optional[Path], content_dir: Path):
        self.content_dir = content_dir
        self._root = content_dir.resolve()
        self._addresses = Addresses()
        self._generated_before: set[str] = set()
        self._generated: set[str] = set()
        self._written: list[str] = []
        self._folders: dict[str, str] = {}  # content-relative folder -> its path, made and checked
        if previous_content and previous_content.is_dir():
            manifest = previous_content / MANIFEST
            if manifest.exists():
                self._generated_before = set(manifest.read_text(encoding="utf-8").split("\n")) - {""}
            _link_tree(previous_content, content_dir, skip={MANIFEST})

    def add(self, relative: str, data: bytes) -> None:
        self._addresses.claim(relative, "a generated file")
        folder, _, name = relative.rpartition("/")
        target = os.path.join(self._folder(folder, relative), name)
        self._generated.add(relative)
        try:
            size = os.stat(target).st_size
        except FileNotFoundError:
            size = None
        if size is not None:
            if relative not in self._generated_before:
                raise RepertoireError(target, "a hand-written page has this generated page's address")
            with open(target, "rb") as handle:
                if size == len(data) and handle.read() == data:
                    return
            os.unlink(target)  # may be a hard link to the previous build's copy: never write through it
        with open(target, "xb") as handle:
            handle.write(data)
        self._written.append(relative)

    def _folder(self, folder: str, relative: str) -> str:
        """The folder's path, made and checked to lie inside the content folder once (tens of
        thousands of pages share a few folders)."""
        known = self._folders.get(folder)
        if known is None:
            path = self.content_dir / folder
            path.mkdir(parents=True, exist_ok=True)
            resolved = path.resolve()
            if resolved != self._root and self._root not in resolved.parents:
                raise RepertoireError(relative, "page address would fall outside the content folder")
            known = self._folders[folder] = str(path)
        return known

    def finish(self) -> ContentChanges:
        removed = sorted(self._generated_before - self._generated)
        for relative in removed:
            (self.content_dir / relative).unlink(missing_ok=True)
        _replace_file(self.content_dir / MANIFEST, "\n".join(sorted(self._generated)).encode("utf-8"))
        return ContentChanges(self._written, removed, len(self._generated) - len(self._written))
