"""Build the site with an earlier commit and with the working tree, and compare them file by file.

A refactoring keeps the built site byte for byte (issue 12): this script is how that is checked,
by `tests/test_site_identity.py` and by hand for the Library's full tables:

    python scripts/compare_sites.py                      # the bundled sources
    python scripts/compare_sites.py --dhl ../shared/data/dhl-meeting-tables

Each side is built from a fresh copy of its files (`git archive` of the commit; the working tree's
tracked and untracked, not ignored, files), in its own Python path and parse cache, so neither can
answer for the other. Compared: every file of the site and every generated page of content/.
Differences made on purpose are listed in EXPECTED, each with its reason.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[1]
# The site as issue 14 left it (meeting pages, citations, topics, decisions taken without a
# meeting, stems, breadcrumbs). A refactoring compares with it; a change that alters pages on
# purpose moves it (or lists the change in EXPECTED). Before: 2a1d0ff, the commit before the
# refactoring into stages (issue 12), with issue 13's changes to the search worker and the open
# data page listed here.
BASELINE = "fb20e529f2a137e66e9f51ac570c4c422f475566"
# Differences made on purpose: path -> (why, [(the baseline's text, the text now)]), applied to the
# baseline's file before comparing, so anything else in that file still counts.
EXPECTED: dict[str, tuple[str, list[tuple[bytes, bytes]]]] = {}
# Written by every build, or naming the build's inputs: not part of what a reader gets.
# .repertoire-build: the marker that lets the next build replace the folder (generator/site/folders.py).
NOT_COMPARED = {"site/.build-state.json", "site/.repertoire-build"}


def _copy_commit(commit: str, target: Path) -> None:
    archive = subprocess.run(["git", "archive", "--format=tar", commit], cwd=ROOT, capture_output=True)
    if archive.returncode:
        raise SystemExit(f"compare_sites: cannot read commit {commit}: {archive.stderr.decode().strip()}")
    target.mkdir(parents=True)
    with tarfile.open(fileobj=__import__("io").BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")


def _copy_working_tree(target: Path) -> None:
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    manifest = ROOT / "content" / ".generated"  # pages of an earlier build in the checkout: not sources
    built = {f"content/{p}" for p in manifest.read_text(encoding="utf-8").split("\n")} if manifest.exists() else set()
    for relative in (r for r in listed if r and r not in built and r != "content/.generated"):
        source = ROOT / relative
        if source.is_file():
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / relative)


def build(tree: Path, dhl: Optional[Path], cache: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(tree), REPERTOIRE_CACHE_DIR=str(cache))
    command = [sys.executable, "-m", "generator.cli", "build"] + (["--dhl", str(dhl)] if dhl else [])
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"compare_sites: the build in {tree} failed (exit {done.returncode}):\n{done.stderr}")


def _normalised(relative: str, data: bytes, before: bool = False) -> bytes:
    if before:
        for old, new in EXPECTED.get(relative, ("", []))[1]:
            data = data.replace(old, new)
    if relative.endswith(".gz"):
        return gzip.decompress(data)  # the gzip header holds the time it was written
    if relative == "site/build-report.json":
        report = json.loads(data)
        report.get("build", {}).pop("timings", None)
        return json.dumps(report, sort_keys=True).encode()
    return data


def _files(tree: Path) -> dict[str, Path]:
    files = {p.relative_to(tree).as_posix(): p for p in (tree / "site").rglob("*") if p.is_file()}
    manifest = tree / "content" / ".generated"
    for relative in manifest.read_text(encoding="utf-8").split("\n") if manifest.exists() else []:
        if relative:
            files["content/" + relative] = tree / "content" / relative
    return {relative: path for relative, path in files.items() if relative not in NOT_COMPARED}


def differences(before: Path, after: Path) -> list[str]:
    old, new = _files(before), _files(after)
    found = []
    for relative in sorted(old.keys() | new.keys()):
        if relative not in new:
            found.append(f"missing after: {relative}")
        elif relative not in old:
            found.append(f"new after: {relative}")
        elif (_normalised(relative, old[relative].read_bytes(), before=True)
              != _normalised(relative, new[relative].read_bytes())):
            found.append(f"differs: {relative}")
    return found


def compare(baseline: str = BASELINE, dhl: Optional[Path] = None, keep: Optional[Path] = None) -> list[str]:
    """The differences between the site of `baseline` and the working tree's (empty: identical)."""
    scratch = Path(tempfile.mkdtemp(prefix="repertoire-compare-", dir=keep))
    try:
        before, after = scratch / "before", scratch / "after"
        _copy_commit(baseline, before)
        after.mkdir()
        _copy_working_tree(after)
        for tree in (before, after):
            build(tree, dhl, scratch / f"cache-{tree.name}")
        return differences(before, after)
    finally:
        if keep is None:
            shutil.rmtree(scratch, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=BASELINE, help="the commit to compare with")
    parser.add_argument("--dhl", type=Path, help="also read the Library's tables in this folder")
    parser.add_argument("--keep", type=Path, help="leave both builds in a folder made inside this one")
    args = parser.parse_args()
    found = compare(args.baseline, args.dhl.resolve() if args.dhl else None, args.keep)
    for line in found[:200]:
        print(line)
    print(f"{len(found)} difference(s)" if found else "identical")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
