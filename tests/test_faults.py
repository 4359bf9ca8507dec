"""The fault suite: builds killed at named points (REPERTOIRE_FAULT, generator/processes.py),
builds at once in one folder, a read-only site folder, a full disk. Each leaves the previous site
or the new one, whole (compared file by file with builds made undisturbed), never a mix or
nothing, and ends with the exit code and the one-line message the README gives; the next build
always succeeds."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.support.builders import project_folder
from tests.support.paths import ROOT, SOURCES

SOURCE_A = SOURCES / "peacekeeping-2023.txt"
SOURCE_B = SOURCES / "repertoire-2022-part-i-extract.txt"
SCRATCH = ("site.new", "site.old", "content.new", "content.old")


def _environment(tmp: Path, workers: int = 1, **extra) -> dict:
    (tmp / "tmp").mkdir(exist_ok=True)
    return {**os.environ, "REPERTOIRE_WORKERS": str(workers), "REPERTOIRE_CACHE_DIR": str(tmp / "cache"),
            "TMPDIR": str(tmp / "tmp"), "PYTHONPATH": str(ROOT), **extra}


def _start(project: Path, source: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator.cli", "build", str(source)], cwd=project,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _build(project: Path, source: Path, env: dict) -> subprocess.CompletedProcess:
    process = _start(project, source, env)
    stdout, stderr = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def _snapshot(folder: Path) -> dict:
    """A folder's files and bytes; of the build report, what does not depend on the build's history."""
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            relative = path.relative_to(folder).as_posix()
            data = path.read_bytes()
            if relative == "build-report.json":
                report = json.loads(data)
                report.pop("build")
                data = json.dumps(report, sort_keys=True).encode()
            files[relative] = data if relative not in (".build-state.json",) else b""
    return files


@pytest.fixture(scope="module")
def known(tmp_path_factory):
    """The site and content of A, then of B built after A, undisturbed; and a project holding A."""
    tmp = tmp_path_factory.mktemp("known")
    project = project_folder(tmp / "project")
    env = _environment(tmp)
    assert _build(project, SOURCE_A, env).returncode == 0
    shutil.copytree(project, tmp / "built-a", symlinks=True)
    a = {"site": _snapshot(project / "site"), "content": _snapshot(project / "content")}
    assert _build(project, SOURCE_B, env).returncode == 0
    b = {"site": _snapshot(project / "site"), "content": _snapshot(project / "content")}
    assert a["site"] != b["site"]
    return {"a": a, "b": b, "built_a": tmp / "built-a"}


def _project_with_a(known, tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(known["built_a"], project, symlinks=True)
    return project


def _whole(known, project: Path) -> str:
    """Which known site the project holds, 'a' or 'b'; fails on a mix, a half or none."""
    site, content = _snapshot(project / "site"), _snapshot(project / "content")
    found = [name for name in ("a", "b") if known[name]["site"] == site]
    assert found, f"the site is neither the previous one nor the new one: {sorted(site)[:5]} ..."
    assert content in (known["a"]["content"], known["b"]["content"]), "the content folder is a mix"
    return found[0]


def _next_build_succeeds(known, project: Path, env: dict) -> None:
    result = _build(project, SOURCE_B, env)
    assert result.returncode == 0, result.stderr
    assert _whole(known, project) == "b"
    assert not [name for name in SCRATCH if (project / name).exists()]


def _processes_with(token: str) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if token.encode() in Path(f"/proc/{entry}/environ").read_bytes():
                    found.append(int(entry))
            except OSError:
                pass
    return found


# Each point of a build where the fault suite kills it (generator/processes.py fault_point), the
# workers it needs to reach the point, and the site it must leave.
KILLS = [
    ("locked", 1, "a"),
    ("pages-written", 1, "a"),
    ("search-index-started", 2, "a"),  # the search index's Background process alive
    ("mkdocs-done", 1, "a"),
    ("content-before-exchange", 1, "a"),
    ("content-after-exchange", 1, "a"),
    ("site-before-exchange", 1, "a"),
    ("site-after-exchange", 1, "b"),
    ("removing-old-folder", 1, None),  # content's old folder or the site's: either site, whole
    ("content-between-renames", 1, "a"),  # the two-rename swap of systems without RENAME_EXCHANGE
    ("site-between-renames", 1, "a"),
]


@pytest.mark.parametrize("point, workers, expected", KILLS, ids=[k[0] for k in KILLS])
def test_a_build_killed_leaves_a_whole_site_and_nothing_behind(known, tmp_path, point, workers, expected):
    project = _project_with_a(known, tmp_path)
    token = f"REPERTOIRE_FAULT_TEST={uuid.uuid4().hex}"
    env = _environment(tmp_path, workers, REPERTOIRE_FAULT=point, REPERTOIRE_FAULT_TEST=token.partition("=")[2])
    result = _build(project, SOURCE_B, env)
    assert result.returncode == -9, f"not killed at {point}: {result.stderr}"
    if not point.endswith("-between-renames"):  # then no site/ (content/) until the next build puts it back
        found = _whole(known, project)
        assert expected is None or found == expected
    deadline = time.monotonic() + 5
    while _processes_with(token) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _processes_with(token), "a worker outlived the killed build"
    assert not os.listdir(tmp_path / "tmp"), "a killed build left scratch files"
    env.pop("REPERTOIRE_FAULT")
    _next_build_succeeds(known, project, env)


@pytest.mark.parametrize("count", [2, 3])
def test_builds_at_once_in_one_folder(known, tmp_path, count):
    project = _project_with_a(known, tmp_path)
    env = _environment(tmp_path)
    processes = [_start(project, SOURCE_B, env) for _ in range(count)]
    outcomes = [(p.wait(timeout=120), p.stderr.read()) for p in processes]
    for process in processes:
        process.stdout.close()
        process.stderr.close()
    assert any(code == 0 for code, _ in outcomes), outcomes
    for code, stderr in outcomes:
        if code != 0:
            lines = stderr.strip().splitlines()
            assert code == 2 and len(lines) == 1 and "another build is running" in lines[0], stderr
            assert str(project) in lines[0]
    assert _whole(known, project) == "b"
    assert not [name for name in SCRATCH if (project / name).exists()]


def _read_only(folder: Path):
    """Make `folder` read-only for this process: a read-only bind mount as root (root writes
    through permissions), else its permissions. Returns how to undo it."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return lambda: folder.chmod(0o755)
    bound = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
    if bound.returncode:
        pytest.skip(f"cannot bind-mount here: {bound.stderr.decode().strip()}")
    if subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], capture_output=True).returncode:
        subprocess.run(["umount", str(folder)])
        pytest.skip("cannot remount read-only here")
    return lambda: subprocess.run(["umount", str(folder)], check=True)


def test_a_read_only_site_folder_is_one_line_before_any_work(known, tmp_path):
    project = _project_with_a(known, tmp_path)
    env = _environment(tmp_path)
    undo = _read_only(project / "site")
    try:
        started = time.monotonic()
        result = _build(project, SOURCE_B, env)
    finally:
        undo()
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1, result.stderr
    assert "site" in lines[0] and "internal error" not in lines[0]
    assert "Read-only" in lines[0] or "Permission" in lines[0]
    assert time.monotonic() - started < 20
    assert _whole(known, project) == "a"
    assert not [name for name in SCRATCH if (project / name).exists()]
    _next_build_succeeds(known, project, env)


def test_a_full_disk_is_one_line_and_the_previous_site_stays(known, tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    used = sum(p.stat().st_size for p in known["built_a"].rglob("*") if p.is_file() and ".cache" not in p.parts)
    size = used + 1024 * 1024  # the previous build fits, not a second site beside it
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        project = disk / "project"
        shutil.copytree(known["built_a"], project, symlinks=True, ignore=shutil.ignore_patterns(".cache"))
        env = _environment(tmp_path)
        result = _build(project, SOURCE_B, env)
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 2, result.stderr
        assert len([line for line in lines if "error" in line]) == 1, result.stderr
        assert "No space left on device" in lines[-1] and "internal error" not in result.stderr
        assert ".new" in lines[-1], "the message names where the build was writing, not what it copied"
        assert _whole(known, project) == "a"
        assert not [name for name in SCRATCH if (project / name).exists()]
    finally:
        subprocess.run(["umount", str(disk)], check=True)


ORPHANS = {
    "background": "from generator.background import Background\n"
                  "Background(lambda: time.sleep(60))\n",
    "process pool": "from generator.parse.pdf.pages import worker_pool\n"
                    "manager = worker_pool(1)\npool = manager.__enter__()\n"
                    "pool.submit(time.sleep, 60)\n",
}


@pytest.mark.parametrize("kind", sorted(ORPHANS))
def test_workers_die_with_a_killed_build(tmp_path, kind):
    """A forked worker whose parent is killed ends at once (PR_SET_PDEATHSIG), not when its work does."""
    token = uuid.uuid4().hex
    script = ("import os, signal, time\n" + ORPHANS[kind] +
              "time.sleep(1)\nos.kill(os.getpid(), signal.SIGKILL)\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                            env=_environment(tmp_path, 2, REPERTOIRE_FAULT_TEST=token), timeout=30)
    assert result.returncode == -9, result.stderr
    deadline = time.monotonic() + 5
    while _processes_with(token) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _processes_with(token), "a worker outlived its killed parent"
