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
from generator.link.pages import generated_paths
from generator.model.errors import RepertoireError
from generator.site.config import named_files

MANIFEST = ".generated"
GITIGNORE = ".gitignore"
_GITIGNORE_HEAD = "# Written by repertoire build from its registry of page kinds (generator/link/pages.py):\n"
# The project's own content folder: its hand-written pages and assets seed a new one.
BUNDLED_CONTENT = Path(__file__).resolve().parents[2] / "content"


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


def _write_new(target: Path | str, data: bytes) -> None:
    """A whole new file renamed into place: a watcher (MkDocs' live reload) never reads half a page,
    and a file that is a hard link to the previous build's copy is never written through."""
    folder, name = os.path.split(target)
    scratch = os.path.join(folder, f".{name}.{os.getpid()}.tmp")  # a dot file: MkDocs skips it
    try:
        with open(scratch, "xb") as handle:
            handle.write(data)
        os.replace(scratch, target)
    except BaseException:
        if os.path.exists(scratch):
            os.unlink(scratch)
        raise


class ContentStager:
    """Fills a content folder with the generated files, given one at a time (`add`): only files
    whose content changed are written, so untouched files keep their modification time. `finish`
    drops the generated files of the previous build that were not generated again.

    A build stages into a fresh folder, filled first from the previous one (hard links); the
    preview stages in place (`in_place`), where MkDocs' watcher sees only real changes."""

    @classmethod
    def in_place(cls, content_dir: Path) -> "ContentStager":
        content_dir.mkdir(parents=True, exist_ok=True)
        return cls(content_dir, content_dir)

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
            if previous_content.resolve() != self._root:
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
        _write_new(target, data)
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
        manifest, listing = self.content_dir / MANIFEST, "\n".join(sorted(self._generated)).encode("utf-8")
        if not manifest.exists() or manifest.read_bytes() != listing:
            _write_new(manifest, listing)
        write_gitignore(self.content_dir)
        return ContentChanges(self._written, removed, len(self._generated) - len(self._written))


def write_gitignore(content_dir: Path) -> None:
    """content/.gitignore names what the build writes (the folders and files of the page kinds,
    the manifest, itself), so the hand-written pages are the folder's only tracked files. A
    .gitignore the build did not write is left alone."""
    target = content_dir / GITIGNORE
    lines = [f"/{GITIGNORE}", f"/{MANIFEST}", *(f"/{path}" for path in generated_paths())]
    text = (_GITIGNORE_HEAD + "the generated pages, never committed\n" + "\n".join(lines) + "\n").encode("utf-8")
    try:
        current = target.read_bytes()
    except FileNotFoundError:
        current = None
    if current is None or (current != text and current.startswith(_GITIGNORE_HEAD.encode("utf-8"))):
        _write_new(target, text)


def hand_written(folder: Path) -> list[str]:
    """The files of a content folder the build did not make (not in its manifest, not dot files)."""
    if not folder.is_dir():
        return []
    manifest = folder / MANIFEST
    generated = set(manifest.read_text(encoding="utf-8").split("\n")) if manifest.exists() else set()
    files = (path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())
    return sorted(f for f in files if f not in generated and not any(p.startswith(".") for p in f.split("/")))


def provide_named_files(config: dict, content_dir: Path, generated: set[str],
                        bundled: Path = BUNDLED_CONTENT) -> list[str]:
    """What the configuration names (nav pages, CSS, scripts) and the build does not make must be
    in the content folder before any page is written. A new (missing or empty) folder gets every
    hand-written file of the project's own content folder; another gets each named file it lacks,
    with the files beside it there (a vendored script's licence). Nothing is overwritten. Returns
    the files copied; a named file found nowhere is an error naming it."""
    if content_dir.is_dir() and bundled.is_dir() and content_dir.resolve() == bundled.resolve():
        offered: list[str] = []
    elif not content_dir.is_dir() or not any(content_dir.iterdir()):
        offered = hand_written(bundled)
    else:
        missing = {f.rpartition("/")[0] for f in named_files(config)
                   if f not in generated and not (content_dir / f).exists()}
        offered = [f for f in hand_written(bundled) if f.rpartition("/")[0] in missing]
    copied = []
    for relative in offered:
        target = content_dir / relative
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(bundled / relative, target)
            copied.append(relative)
    for name in named_files(config):
        if name not in generated and not (content_dir / name).exists():
            raise RepertoireError(str(content_dir / name), "the MkDocs configuration names this file, but it is "
                                  "neither in the content folder nor a page the build makes")
    return copied
