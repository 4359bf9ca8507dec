"""Page addresses for named things: the one slug, and a registry that refuses to share an address.

`slug` makes the file name of every generated page (`generator.link.pages` puts it in its
kind's folder). A slug holds only [a-z0-9-], never a path separator, and is never empty:
"Côte d'Ivoire" -> "cote-d-ivoire", "S/RES/2378 (2017)" -> "s-res-2378-2017",
"A4P+" -> "a4p-plus"; with `keep_case` it keeps capitals ("S/PV.9389" -> "S-PV-9389",
a meeting's page). Two different things that map to one address are an error naming
both, never a silent overwrite.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

from generator.model.errors import RepertoireError

MAX_SLUG = 100
_WORDS = {"+": " plus ", "&": " and "}


def slug(name: str, keep_case: bool = False) -> str:
    """The file-name part of a page address for `name`: ASCII letters, digits and single dashes."""
    text = "".join(_WORDS.get(ch, ch) for ch in name)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9]+", "-", text if keep_case else text.lower()).strip("-")
    if not text:  # nothing left of a name in another script: a stable digest of it
        return "x-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
    if len(text) > MAX_SLUG:
        digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
        text = text[:MAX_SLUG - 9].rstrip("-") + "-" + digest
    return text


class Addresses:
    """Page address -> the one thing it is for. Addresses stay inside the content folder and never
    collide, even on a file system that ignores case or normalises Unicode: two things for one
    file is an error naming both."""

    def __init__(self) -> None:
        self._owners: dict[str, str] = {}
        self._folded: dict[str, str] = {}  # case- and normalisation-folded address -> address

    def claim(self, address: str, owner: str) -> str:
        """Reserve `address` for `owner` (a description such as "country Ghana"); the same owner may claim twice."""
        previous = self._owners.get(address)
        if previous is None:
            _check_safe(address)
            key = unicodedata.normalize("NFC", address).casefold()
            twin = self._folded.setdefault(key, address)
            if twin != address:
                raise RepertoireError(address, f"page address collides with {twin!r} (differs only by case "
                                      "or Unicode normalisation)")
            self._owners[address] = owner
        elif previous != owner:
            raise RepertoireError(None, f"{previous} and {owner} would share the page address {address}")
        return address

    def __contains__(self, address: str) -> bool:
        return address in self._owners


def _check_safe(address: str) -> None:
    parts = address.split("/")
    if (not address or address.startswith("/") or "\\" in address or "\x00" in address
            or any(p in ("", ".", "..") for p in parts) or any(len(p.encode()) > 200 for p in parts)):
        raise RepertoireError(address, "unsafe page address (empty part, '..', absolute, backslash, NUL "
                              "or a name over 200 bytes)")
