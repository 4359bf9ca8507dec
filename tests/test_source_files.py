"""What is refused or noticed before a source is read: anything but a regular file (a FIFO would
hang the build), a file above the size limit, the same source given twice; and a byte order mark
at the start of a text source, which is accepted."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from generator import parse
from generator.assemble.sources import read_sources
from generator.model import DUPLICATE_SOURCE
from generator.model.errors import RepertoireError
from generator.parse.text import parse_text
from tests.support.paths import ROOT, SAMPLE_TXT


def _parse_command(*sources, cwd):
    """`repertoire parse SOURCES` in a process of its own; a hang fails the test instead of stalling it."""
    return subprocess.run([sys.executable, "-m", "generator.cli", "parse", *map(str, sources)], cwd=cwd,
                          capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})


def _fifo(path):
    os.mkfifo(path)


def _socket(path):
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    return server


@pytest.mark.parametrize("make, what", [(_fifo, "named pipe (FIFO)"), (_socket, "socket"), (os.mkdir, "folder")])
def test_a_source_that_is_no_regular_file_is_refused_in_one_line(tmp_path, make, what):
    keep = make(tmp_path / "supplement.txt")
    result = _parse_command(SAMPLE_TXT, "supplement.txt", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [
        f"repertoire: error: supplement.txt: is a {what}, expected a .pdf or .txt source file"]
    if keep is not None:
        keep.close()


def test_a_character_device_is_refused():
    with pytest.raises(RepertoireError, match="/dev/null: is a character device"):
        parse.check_source(Path("/dev/null"))


def test_a_source_above_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    assert parse.MAX_SOURCE_BYTES >= 100 * 1024 * 1024  # generous: far above any real supplement
    big = tmp_path / "big.txt"
    with open(big, "wb") as file:
        file.truncate(parse.MAX_SOURCE_BYTES + 1)  # sparse: no disk, no time
    with pytest.raises(RepertoireError) as raised:
        parse.parse_source(big)
    assert str(raised.value) == (f"{big}: is {parse.MAX_SOURCE_BYTES + 1:,} bytes, more than the "
                                 f"{parse.MAX_SOURCE_BYTES:,} a source may have (a year's supplement is a few tens of MB at most)")


def test_a_byte_order_mark_at_the_start_is_accepted(tmp_path):
    marked = tmp_path / "marked.txt"
    marked.write_bytes(b"\xef\xbb\xbf" + SAMPLE_TXT.read_bytes())
    assert parse_text(marked)[0].paragraphs == parse_text(SAMPLE_TXT)[0].paragraphs


def _duplicates(repertoire):
    return [str(p) for p in repertoire.problems if p.kind == DUPLICATE_SOURCE]


def test_the_same_source_given_twice_is_read_once_and_reported(tmp_path):
    copy, link = tmp_path / "copy.txt", tmp_path / "link.txt"
    shutil.copy(SAMPLE_TXT, copy)
    link.symlink_to(SAMPLE_TXT)
    repertoire = read_sources([SAMPLE_TXT, SAMPLE_TXT, link, copy], jobs=1)
    assert len(repertoire.sections) == 1 and repertoire.sections[0].sources == [str(SAMPLE_TXT)]
    assert _duplicates(repertoire) == [
        f"{SAMPLE_TXT}: whole file: is given twice: read once",
        f"{link}: whole file: is the same file as {SAMPLE_TXT}, given before it: read once",
        f"{copy}: whole file: has the same bytes as {SAMPLE_TXT}, given before it: read once"]


def test_sources_of_one_size_but_other_bytes_are_both_read(tmp_path):
    other = tmp_path / "other.txt"
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    other.write_text(text.replace("24. United Nations", "25. United Nations", 1), encoding="utf-8")
    assert other.stat().st_size == SAMPLE_TXT.stat().st_size
    repertoire = read_sources([SAMPLE_TXT, other], jobs=1)
    assert _duplicates(repertoire) == [] and len(repertoire.sections) == 2


def test_inspect_refuses_a_named_pipe_before_opening_it(tmp_path):
    from generator.inspect import inspect

    os.mkfifo(tmp_path / "supplement.pdf")
    with pytest.raises(RepertoireError, match=r"supplement\.pdf: is a named pipe \(FIFO\)"):
        inspect(tmp_path / "supplement.pdf", out=tmp_path / "pictures")
