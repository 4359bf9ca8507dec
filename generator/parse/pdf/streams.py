"""Whether the streams a page is read from decode: its content streams and its fonts' programs
and character maps.

pdfminer reads a damaged Flate stream as far as it decodes, or as nothing, without a word, so
a page whose content stream was overwritten comes out blank or cut short and a font whose
character map was overwritten loses its glyphs. Flate data carries a checksum: a stream that
`zlib` refuses is damaged. Each page's streams are checked before pdfminer decodes them (it
then drops the raw bytes); a stream shared by several pages (a font) is checked, and reported,
once: on the first page that uses it.
"""
from __future__ import annotations

import zlib
from typing import Optional
from weakref import WeakKeyDictionary

CHECK_PIECE = 1 << 20  # bytes of decompressed output at a time
FONT_STREAMS = ("FontFile", "FontFile2", "FontFile3")
# every open document's streams already checked: object id -> what is wrong (None: decodes)
_checked: "WeakKeyDictionary[object, dict[int, Optional[str]]]" = WeakKeyDictionary()


def damaged_streams(doc, page_obj) -> list[str]:
    """What is wrong with the page's streams, one phrase each ("its content stream does not
    decompress (Error -3 ...)"); [] when everything decodes. Never raises."""
    try:
        checked = _checked.setdefault(doc, {})
    except TypeError:  # an object that takes no weak reference: check without remembering
        checked = {}
    found = []
    try:
        for what, ref in page_streams(page_obj):
            reason = stream_fault(ref, checked)
            if reason:
                shared = "" if what == "content stream" else " (and so on every later page using it)"
                found.append(f"its {what} {reason}{shared}")
    except Exception as exc:  # noqa: BLE001 - a page damaged beyond walking: reading it will tell
        found.append(f"its resources cannot be read ({type(exc).__name__})")
    return list(dict.fromkeys(found))


def page_streams(page_obj):
    """(what, reference) of each stream the page's text comes from."""
    from pdfminer.pdftypes import resolve1

    contents = page_obj.attrs.get("Contents")
    listed = resolve1(contents)
    for ref in listed if isinstance(listed, list) else [] if contents is None else [contents]:
        yield "content stream", ref
    resources = resolve1(page_obj.resources) or {}
    fonts = resolve1(resources.get("Font")) if isinstance(resources, dict) else None
    for font_ref in (fonts or {}).values() if isinstance(fonts, dict) else ():
        font = resolve1(font_ref)
        if not isinstance(font, dict):
            continue
        descendants = resolve1(font.get("DescendantFonts"))
        parts = [font] + ([resolve1(d) for d in descendants] if isinstance(descendants, list) else [])
        for part in parts:
            if not isinstance(part, dict):
                continue
            if "ToUnicode" in part:
                yield "font's character map", part["ToUnicode"]
            descriptor = resolve1(part.get("FontDescriptor"))
            if isinstance(descriptor, dict):
                for key in FONT_STREAMS:
                    if key in descriptor:
                        yield "font program", descriptor[key]


def stream_fault(ref, checked: dict[int, Optional[str]]) -> Optional[str]:
    """What is wrong with the stream `ref` names, the first time it is asked (None after)."""
    from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1

    key = ref.objid if isinstance(ref, PDFObjRef) else None
    if key is not None and key in checked:
        return None  # reported (or found sound) on an earlier page
    stream = resolve1(ref)
    if not isinstance(stream, PDFStream):
        reason = None if stream is None and key is None else "is missing or not a stream"
    else:
        reason = flate_fault(stream)
    if key is not None:
        checked[key] = reason
    return reason


def flate_fault(stream) -> Optional[str]:
    """Why a Flate stream's data does not decompress whole (None if it does, or is not Flate,
    or was decoded already)."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE

    raw = stream.rawdata
    filters = stream.get_filters()
    if not isinstance(raw, bytes) or not filters:
        return None
    first = filters[0][0] if isinstance(filters[0], tuple) else filters[0]
    if first not in LITERALS_FLATE_DECODE:
        return None
    decompressor = zlib.decompressobj()
    data = raw
    try:
        while data and not decompressor.eof:  # in pieces: the output is thrown away, memory stays flat
            decompressor.decompress(data, CHECK_PIECE)
            data = decompressor.unconsumed_tail
    except zlib.error as exc:
        return f"does not decompress ({exc})"
    return None if decompressor.eof else "does not decompress: its data ends early"
