"""`repertoire serve`: the preview regenerates pages when a template or source changes and the browser reloads."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support.browser import shot
from tests.support.builders import copy_hand_written
from tests.support.paths import ROOT, SAMPLE_TXT

MARKER = "Preview marker: edited while serving"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"repertoire serve exited with {server.returncode}: {server.stderr.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {seconds} s")


@pytest.fixture
def preview(tmp_path, browser):
    """`repertoire serve` on a free port, in a scratch project with its own template folder and source copy."""
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    copy_hand_written(project / "content")
    (project / "sources").mkdir()
    shutil.copy(SAMPLE_TXT, project / "sources" / SAMPLE_TXT.name)
    (project / "my-templates").mkdir()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--templates", "my-templates", "--dev-addr",
         f"127.0.0.1:{port}"], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(base + "meetings/S-PV-9389.html", server)
        yield project, base
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        server.stdout.close()
        server.stderr.close()


def test_template_change_regenerates_and_reloads_the_open_page(preview, browser):
    project, base = preview
    context = browser.new_context()
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.origin_name = "serve"
    try:
        page.goto(base + "meetings/S-PV-9389.html")
        assert MARKER not in page.content()
        assert page.evaluate("document.documentElement.lang") == "en"
        # Override a block of the meeting template (a --templates folder): the pages are
        # regenerated, MkDocs rebuilds and the open page reloads by itself.
        (project / "my-templates" / "meeting.md.j2").write_text(
            '{% extends "bundled/meeting.md.j2" %}\n{% block cite %}\n{{ super() }}\n' + MARKER + "\n{% endblock %}\n",
            encoding="utf-8")
        page.get_by_text(MARKER).wait_for()
        shot(page, "serve-reloaded")
        assert MARKER in (project / "content" / "meetings" / "S-PV-9389.md").read_text(encoding="utf-8")

        # A source change reaches the page too: a word of the narrative edited.
        source = project / "sources" / SAMPLE_TXT.name
        text = source.read_text(encoding="utf-8")
        assert text.count("tripartite forum") == 1
        source.write_text(text.replace("tripartite forum", "tripartite council"), encoding="utf-8")
        page.get_by_text("tripartite council").first.wait_for()
    finally:
        context.close()


def test_serve_listens_on_loopback_only(preview):
    project, base = preview
    assert base.startswith("http://127.0.0.1:")
    port = int(base.rstrip("/").rsplit(":", 1)[1])
    with urllib.request.urlopen(base + "index.html", timeout=5) as response:
        assert b"Repertoire" in response.read()
    # The listening socket is bound to 127.0.0.1 (Linux lists it in /proc/net/tcp: address:port in hex, 0A = LISTEN).
    table = Path("/proc/net/tcp")
    if table.exists():
        listening = [line.split()[1] for line in table.read_text().splitlines()[1:]
                     if line.split()[3] == "0A" and line.split()[1].endswith(f":{port:04X}")]
        assert listening == ["0100007F:%04X" % port], listening
    # Not on the machine's other addresses.
    try:
        others = {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    except OSError:  # no name for this machine: nothing else to try
        others = set()
    for address in others:
        if address.startswith("127."):
            continue
        with socket.socket() as probe:
            probe.settimeout(1)
            assert probe.connect_ex((address, port)) != 0, address


def test_serve_on_a_taken_address_is_one_line_exit_2(tmp_path):
    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    copy_hand_written(project / "content")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "generator.cli", "serve", str(SAMPLE_TXT), "--dev-addr",
                                 f"127.0.0.1:{port}"], cwd=project, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("repertoire: error:")]
    assert errors == [f"repertoire: error: cannot serve on 127.0.0.1:{port}: Address already in use"], result.stderr
    assert "Traceback" not in result.stderr
