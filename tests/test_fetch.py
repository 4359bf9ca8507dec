"""`repertoire fetch-dhl` against a local HTTP server (127.0.0.1) serving the Library's real files."""
from __future__ import annotations

import functools
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.model.errors import RepertoireError
from generator.fetch import fetch_years, parse_years
from generator.parse.dhl.library import pages_for

from tests.support.paths import ROOT


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Broken(_Quiet):
    """Promises a whole table, sends 200 bytes of it and hangs up: a download cut short."""

    def do_GET(self):
        body = (self.directory_path / "scact1946_table_en.html").read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[:200])
        self.wfile.flush()
        self.close_connection = True


@pytest.fixture
def serve():
    servers = []

    def start(folder: Path, handler=_Quiet) -> str:
        handler = type("Handler", (handler,), {"directory_path": Path(folder)})
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def tables(shared_data) -> Path:
    return shared_data / "dhl-meeting-tables"


def run(*args):
    return subprocess.run([sys.executable, "-m", "generator.cli", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_addresses_follow_the_librarys_pattern():
    assert [p.names[0] for p in pages_for(1993)] == ["scact1993_table_en.html"]
    assert [p.names[0] for p in pages_for(1994)] == ["scact1994_table_en.htm"]
    assert [(p.names[0], p.saved_as) for p in pages_for(2020)] == [
        ("scact2020_table_en.htm", "scact2020_table_en.html"),
        ("SC_2020-revised.html", "scact2020_covid_table_en.html")]
    assert [p.names[0] for p in pages_for(2022)] == ["scact2022_table_en.html"]


def test_years_and_ranges():
    assert parse_years(["1946", "1990-1992", "1991"]) == [1946, 1990, 1991, 1992]
    for bad in (["1945"], ["1995-1990"], ["nineteen"], ["3000"]):
        with pytest.raises(RepertoireError):
            parse_years(bad)


def test_fetches_byte_for_byte(serve, tables, tmp_path):
    base = serve(tables)
    out = tmp_path / "dhl"
    result = run("fetch-dhl", "1946", "1995", "2020", "--base-url", base, "--out", out)
    assert result.returncode == 0, result.stderr
    names = ["scact1946_table_en.html", "scact1995_table_en.html", "scact2020_covid_table_en.html",
             "scact2020_table_en.html"]
    assert sorted(p.name for p in out.iterdir()) == names  # .htm and the covid page found under saved names
    for name in names:
        assert (out / name).read_bytes() == (tables / name).read_bytes()
    parsed = run("parse", ROOT / "sources" / "peacekeeping-2023.txt", "--dhl", out)
    assert parsed.returncode == 0 and "Library tables: " in parsed.stdout


def test_a_missing_year_is_one_line_naming_its_address_exit_2(serve, tables, tmp_path):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    shutil.copy(tables / "scact1946_table_en.html", mirror)
    base = serve(mirror)
    out = tmp_path / "out"
    result = run("fetch-dhl", "1946", "1947", "--base-url", base, "--out", out)
    assert result.returncode == 2
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and f"{base}scact1947_table_en." in errors[0] and "HTTP 404" in errors[0], errors
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["scact1946_table_en.html"]  # the good year is kept


def test_a_download_cut_short_leaves_nothing_half_written(serve, tables, tmp_path):
    base = serve(tables, _Broken)
    out = tmp_path / "out"
    out.mkdir()
    earlier = out / "scact1946_table_en.html"
    earlier.write_bytes(b"the copy from an earlier fetch")
    saved, failed = fetch_years([1946], out, base, report=lambda line: None, delays=())
    assert saved == [] and len(failed) == 1
    assert base in str(failed[0]) and "IncompleteRead" in str(failed[0])
    assert [p.name for p in out.iterdir()] == ["scact1946_table_en.html"]  # no temporary file left
    assert earlier.read_bytes() == b"the copy from an earlier fetch"  # not overwritten


def test_a_page_that_is_not_a_table_is_refused(serve, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "scact1950_table_en.html").write_text("<html><body>Page moved</body></html>", encoding="utf-8")
    out = tmp_path / "out"
    saved, failed = fetch_years([1950], out, serve(site), report=lambda line: None, delays=())
    assert saved == [] and "not one of the Library's meeting tables" in str(failed[0])
    assert list(out.iterdir()) == []


def test_no_server_is_one_line_exit_2(tmp_path):
    result = run("fetch-dhl", "1946", "--base-url", "http://127.0.0.1:9/", "--out", tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "http://127.0.0.1:9/scact1946_table_en.html" in result.stderr
