"""Sites built for tests as a user builds them: a project folder, then `repertoire build` in it."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.paths import ROOT


def project_folder(folder: Path, assets: bool = False) -> Path:
    """A folder to build a site in, as a user's project: the project's mkdocs.yml, and content/
    with the hand-written page (and with `assets`, the site's CSS, scripts and vendored files)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "content").mkdir(exist_ok=True)
    shutil.copy(ROOT / "content" / "about.md", folder / "content" / "about.md")
    if assets:
        shutil.copytree(ROOT / "content" / "assets", folder / "content" / "assets")
    return folder


def cli_build(project: Path, *arguments) -> str:
    """`repertoire build ARGUMENTS` in `project`, in a process of its own (the real command line);
    fails the test unless it succeeds, and returns what it wrote to stderr."""
    result = subprocess.run([sys.executable, "-m", "generator.cli", "build", *map(str, arguments)],
                            cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stderr


def copy_hand_written(target: Path) -> None:
    """The hand-written part of content/ (pages, assets) into target; the build regenerates the rest."""
    generated = set()
    manifest = ROOT / "content" / ".generated"
    if manifest.exists():
        generated = set(manifest.read_text(encoding="utf-8").split("\n"))
    for path in sorted((ROOT / "content").rglob("*")):
        relative = path.relative_to(ROOT / "content").as_posix()
        if path.is_file() and relative not in generated and relative != ".generated":
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / relative)
