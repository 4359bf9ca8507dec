"""`repertoire fetch-dhl YEARS`: download the Dag Hammarskjöld Library's yearly meeting tables.

The Library publishes one page per year at
https://www.un.org/depts/dhl/resguide/scact<YEAR>_table_en.html (until 1993, and
from 2022) or ...table_en.htm (1994-2021); 2020's videoconference period has its
own page, SC_2020-revised.html. Each is saved under the name
`generator.parse.dhl.tables` reads: scact<YEAR>_table_en.html, and
scact2020_covid_table_en.html. The Library has moved pages between ".htm" and
".html" before, so on a 404 the other spelling is tried, and then the saved name
(so `--base-url` may also point at a mirror of a folder this command wrote).

Nothing is half-written: each page is downloaded to a temporary file next to
its destination, checked to be a meeting table, and only then renamed over it.
A page that cannot be fetched is reported in one line naming its address.
"""
from __future__ import annotations

import http.client
import os
import re
import tempfile
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Optional

from generator.model.errors import RepertoireError
from generator.parse.dhl.library import DEFAULT_BASE_URL, pages_for

FIRST_YEAR = 1946
USER_AGENT = "repertoire-site fetch-dhl (+https://github.com/; one page per year)"
TIMEOUT = 60  # seconds per request
RETRY_DELAYS = (1.0, 3.0)  # un.org answers with sporadic 5xx errors: try twice more


def parse_years(words: Iterable[str], today: Optional[date] = None) -> list[int]:
    """"1946 1990-1995" -> [1946, 1990, ..., 1995]; a bad word is a one-line usage error."""
    last = (today or date.today()).year
    years: list[int] = []
    for word in words:
        match = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", word.strip())
        if not match:
            raise RepertoireError(None, f"not a year or range of years: {word!r} (expected e.g. 1995 or 1990-1995)")
        start, end = int(match.group(1)), int(match.group(2) or match.group(1))
        if not FIRST_YEAR <= start <= end <= last:
            raise RepertoireError(None, f"years must run from {FIRST_YEAR} to {last}, in order: {word!r}")
        years += [y for y in range(start, end + 1) if y not in years]
    if not years:
        raise RepertoireError(None, "no years given")
    return years


def _download(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return response.read()  # raises IncompleteRead if the connection drops early


def _describe(error: Exception) -> str:
    if isinstance(error, urllib.error.HTTPError):
        return f"HTTP {error.code} {error.reason}"
    if isinstance(error, urllib.error.URLError):
        return f"cannot connect: {error.reason}"
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def fetch_page(page: Page, base_url: str, out: Path,
               download: Callable[[str], bytes] = _download, delays=RETRY_DELAYS) -> Path:
    """Download one page into `out` (atomically). Raises RepertoireError naming the address."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    last_error, url = None, base + page.names[0]
    for name in page.names:
        url = base + name
        for attempt, delay in enumerate((0.0, *delays)):
            time.sleep(delay)
            try:
                data = download(url)
            except urllib.error.HTTPError as error:
                last_error = error
                if error.code < 500:
                    break  # 404 and the like: try the next name, not again
            except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as error:
                last_error = error
                if isinstance(error, ValueError):  # a malformed URL will not get better
                    raise RepertoireError(url, f"download failed: {_describe(error)}") from None
            else:
                return _save(data, url, out / page.saved_as, page.year)
        if not (isinstance(last_error, urllib.error.HTTPError) and last_error.code == 404):
            break  # only a missing page is worth trying under another name
    raise RepertoireError(url, f"download failed: {_describe(last_error)}")


def _save(data: bytes, url: str, destination: Path, year: int) -> Path:
    """Write to a temporary file beside `destination`, check it, rename it over."""
    from generator.parse.dhl.tables import read_dhl_file

    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=destination.parent, prefix=f".{destination.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        try:
            read_dhl_file(Path(temporary), year)
        except RepertoireError as error:
            raise RepertoireError(url, f"not one of the Library's meeting tables ({error.message})") from None
        os.replace(temporary, destination)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return destination


def fetch_years(years: list[int], out: Path, base_url: str = DEFAULT_BASE_URL,
                report: Callable[[str], None] = print, **options) -> tuple[list[Path], list[RepertoireError]]:
    """Fetch every page of `years`; a failed page does not stop the others."""
    saved, failed = [], []
    for year in years:
        for page in pages_for(year):
            try:
                path = fetch_page(page, base_url, Path(out), **options)
            except RepertoireError as error:
                failed.append(error)
                continue
            saved.append(path)
            report(f"{year}: {path}")
    return saved, failed
