"""Search at scale: a prebuilt, sharded index that the browser reads piece by piece.

Why not Material's own search: its plugin indexes every word of every built
page (navigation, tables, "What links here" and all), ships the whole index
(164 MB for 10,000 meetings) to the browser and builds a lunr index there
before the first result, which takes a minute at that size
(bench/bench_search.py). Here the index is
made once, in Python, from the model the pages are written from (never by
scraping HTML), and cut into small files so a query loads only what it needs:

- Documents: one per page worth finding (meetings, sections, records of the
  Library's tables, topics, countries, missions and bodies, briefers,
  documents, the year pages and indexes: `generator.site.search_documents`;
  hand-written pages: `hand_written`, here). Each has a title, keywords
  (symbols, names, agenda items, invitees, decisions, dates) and a body
  (the narrative paragraphs and footnotes the page shows, each with its
  anchor, so a result can open the very paragraph). Nothing else of the
  page is indexed: no navigation, no "What links here", no "Cite this page".
- Terms: text is folded (lower case, accents removed: "Türkiye" is found by
  "turkiye") and cut into words; a UN symbol written with "/" or "."
  ("S/PV.9389", "S/RES/2719") is one term, and also each tail of it
  ("pv.9389", "9389") and its parts, so "S/PV.9389", "PV.9389" and "9389" all
  find it. Common English words ("the", "of") and one-letter words are left
  out, on both sides.
- Stems: a word of English letters is also indexed under its stem, marked
  STEM_MARK ("commanders" -> "~command"), when the stem differs from it, so
  "force commanders" finds "Force Commander of ...". The stemmer is
  Snowball's English (Porter2) algorithm: Python's snowballstemmer here, the
  Snowball project's own JavaScript of the same version in the worker
  (content/assets/vendor/snowball/; tests/test_stemming.py proves they agree
  on every word). Symbols and numbers are never stemmed.
- Postings: term -> (document, weight), weight 1..15 from where the term is:
  title 8, keywords 3 each (two at most), a symbol the page is about 4 (a
  meeting is about the decisions it adopted, a section about its meetings),
  body 1 to 4 by frequency (BM25's saturation and length normalisation, so a
  meeting's page ranks above its section's page, which repeats its account
  among others). Encoded
  as a compact string (gaps between document numbers and the weight packed in
  base-64 varints), about 2.5 bytes a posting.
- Shards: terms sorted, cut into leaves of about LEAF_BYTES. A word being
  typed is a prefix: its completions are one run of the sorted terms, in one
  or two leaves. A short prefix whose completions span more leaves ("s/p",
  "co") has a summary file instead: its MAX_COMPLETIONS most frequent
  completions, each with its MAX_SUMMARY_POSTINGS best documents. The next
  keystrokes narrow it down to a leaf, with every document.
- Texts: the passages (anchor, label, text) of each document, in blocks of
  about BLOCK_BYTES, read only for the results shown first, to cut snippets
  around the words found. A section and its meetings are one unit, in one
  block, the section's copy of a meeting's paragraph a reference to it;
  sections are ordered by agenda item, so the sections of one item (the
  usual first results of a search for it) are in neighbouring blocks.
- Relevance: how many meetings a page stands for (an agenda item, a briefer),
  in the manifest, as a share of the largest (logarithmic): the worker ranks
  the busier of two equal matches first ("Cyprus": "The situation in Cyprus",
  128 meetings, before "Complaint by the Government of Cyprus").

The worker ranks a query's pages by how each word matched, exactly, as the prefix of
a longer term, or by its stem only, in that order (README, "Search"); by score within.

All files are scripts (`__rs("t12", <JSON>);`): from disk (file://, where
Chromium refuses fetch and XMLHttpRequest) the iframe that stands in for the
worker reads them as <script> elements; a Web Worker (http) fetches them in
parallel and parses their JSON. One format serves both. The worker
(overrides/assets/javascripts/repertoire-search.js) speaks Material's
protocol, so Material's search box, result list, keyboard use, suggestions
and highlighting (?h=) stay as they are; `generator.site.search_plugin` points
Material at it and keeps Material's plugin from indexing the pages.

The whole index is made again on every build from the model, full or
incremental, so both give the same bytes (MkDocs' `--dirty` build cannot
make a whole index from the pages it rebuilds); unchanged files are not
rewritten. Everything is sorted: the same model gives the same files.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import snowballstemmer

from generator.link.pages import built_address

FOLDER = "search/r"  # in the site, beside Material's search/search_index.json
INDEX_JSON = Path("search") / "search_index.json"
INDEX_JS = Path("search") / "search_index.js"
FORMAT = 2  # 2: stems, "about" weights, relevance
LEAF_BYTES = 24_000
BLOCK_BYTES = 48_000
MAX_COMPLETIONS = 40
MAX_SUMMARY_POSTINGS = 200
MAX_LEAVES_PER_PREFIX = 2
TITLE_WEIGHT, KEYWORD_WEIGHT, ABOUT_WEIGHT, MAX_WEIGHT = 8, 3, 4, 15
# A stem's term: a character no word has, so no prefix a reader types reaches it ("~" sorts
# after the ASCII letters: the stems are one run of leaves of their own).
STEM_MARK = "~"
STEMMER = "english"  # Snowball's Porter2; the worker's copy: content/assets/vendor/snowball/english.js
BM25_K1, BM25_B, REFERENCE_LENGTH = 1.2, 0.75, 250  # terms in a meeting's account and footnotes

# Words too common to find anything, left out of the index and of queries. "ibid" is the
# Repertoire's own boilerplate.
STOPWORDS = frozenset("""
a an and are as at be been but by for from had has have he her his i if in into is it its of on or
our she so than that the their them then there these they this those to was we were which while who
will with would ibid
""".split())

# Material's default separator for English, kept as the highlighter's (search.highlight): it
# splits ?h= on white space and dashes only, so "S/PV.9389" is highlighted whole.
MATERIAL_CONFIG = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"],
                   "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}}

# A word of the index: letters and digits, with dots and slashes inside (S/PV.9389). The search
# worker (overrides/assets/javascripts/repertoire-search.js) splits queries with the same pattern.
# Possessive: nothing follows the repetition, and the engine keeps no backtracking state for each
# of a long symbol-like word's parts (a million-character "a.a.a..." took 170 MB).
WORD = re.compile(r"[^\W_]+(?:[./][^\W_]+)*+")
_PARTS = re.compile(r"[./]")
# A word is indexed by its first MAX_TERM_LENGTH characters. The index keeps every prefix of every
# term (index_files), so a term's cost is the square of its length: uncapped, one 1,000,000-character
# word took 24 GB. 64 is four times the longest term of the bundled sources ("multidimensional"),
# far above any English word or UN symbol ("s/2023/123/add.1/rev.1"); memory is linear in the input.
# The search worker cuts a query word at the same length, so a long query still finds the term.
MAX_TERM_LENGTH = 64
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"


def fold(text: str) -> str:
    """Lower case without accents: 'Côte d’Ivoire' -> 'cote d’ivoire'."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)  # as the worker: normalize("NFKD"), drop \p{M}, lower
    marks = [c for c in set(decomposed) if _is_mark(c)]  # a few distinct characters, not every one
    return (decomposed.translate(dict.fromkeys(map(ord, marks))) if marks else decomposed).lower()


@lru_cache(maxsize=None)
def _is_mark(character: str) -> bool:
    return unicodedata.category(character).startswith("M")


def _is_symbol(word: str) -> bool:
    return "/" in word or "." in word


def _tails(word: str) -> list[str]:
    """A symbol and its tails: s/pv.9389, pv.9389, 9389."""
    return [word] + [word[m.end():] for m in _PARTS.finditer(word) if len(word) - m.end() > 1]


def expand(word: str) -> list[str]:
    """The terms one folded word stands for: itself, and for a symbol its tails and parts (of its
    first MAX_TERM_LENGTH characters)."""
    word = word[:MAX_TERM_LENGTH]
    if not _is_symbol(word):
        return [word] if len(word) > 1 and word not in STOPWORDS else []
    terms = _tails(word) + [part for part in _PARTS.split(word) if len(part) > 1 and part not in STOPWORDS]
    return list(dict.fromkeys(terms))


@lru_cache(maxsize=1)
def _stemmer():
    return snowballstemmer.stemmer(STEMMER)


@lru_cache(maxsize=1 << 17)  # a site has some 100,000 distinct words
def stem(word: str) -> Optional[str]:
    """The stem of a folded word of English letters ("commanders" -> "command"); None for
    anything else (symbols, numbers, other scripts), which is never stemmed. The worker's
    stem() applies the same rule."""
    if not (word.isascii() and word.isalpha()):
        return None
    return _stemmer().stemWord(word)


@lru_cache(maxsize=1 << 16)  # titles and keywords repeat the same words (dates, agenda items)
def _indexed(word: str) -> tuple[str, ...]:
    """The terms a folded word is indexed under: its own (expand), and its stem's when that differs."""
    found = expand(word)
    if len(found) == 1:
        stemmed = stem(found[0])
        if stemmed is not None and stemmed != found[0]:
            return found[0], (STEM_MARK + stemmed)[:MAX_TERM_LENGTH]
    return tuple(found)


def term_counts(text: str) -> Counter:
    """Every indexed term of a text (stems included) and how often."""
    counts: Counter = Counter()
    for word, count in Counter(WORD.findall(fold(text))).items():
        for term in _indexed(word):
            counts[term] += count
    return counts


def terms(text: str) -> list[str]:
    """Every term of a text, in order (without stems)."""
    return [t for word in WORD.findall(fold(text)) for t in expand(word)]


def indexed_terms(text: str) -> set[str]:
    """The terms a text is indexed under, stems included."""
    return {t for word in WORD.findall(fold(text)) for t in _indexed(word)}


def symbol_terms(text: str) -> set[str]:
    """The symbols of a text with their tails (not their parts: "S/RES/242 (1967)" -> s/res/242,
    res/242, 242): what a page is `about`."""
    return {t for word in WORD.findall(fold(text)) if _is_symbol(word[:MAX_TERM_LENGTH])
            for t in _tails(word[:MAX_TERM_LENGTH])}


# ---------------------------------------------------------------- documents


@dataclass
class Passage:
    anchor: str  # "" (the page itself), "para-12", "fn:835"
    label: str  # shown as the result's heading: "Paragraph 12", "Footnote 835"
    text: str


@dataclass
class SearchDocument:
    path: str  # site-relative address of the built page: meetings/S-PV-9389.html
    title: str
    keywords: list[str] = field(default_factory=list)  # symbols, names, items, dates: weighted, shown in `summary`
    summary: str = ""  # one line about the page, shown when the match is not in a passage
    passages: list[Passage] = field(default_factory=list)  # the narrative and footnotes, indexed as body
    unit: Optional[int] = None  # documents of one unit (a section and its meetings) share a text block
    about: list[str] = field(default_factory=list)  # symbols the page is about: a meeting's decisions, a section's meetings
    relevance: int = 0  # how many meetings the page stands for (an agenda item, a briefer): the busier ranks first


_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_MARKUP = [(re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"), (re.compile(r"<[^>]+>"), " "),
           (re.compile(r"[*_`>#|]+"), " "), (re.compile(r"^\s*[-+]\s+", re.M), ""), (re.compile(r"\s+"), " ")]


def _plain(markdown: str) -> str:
    for pattern, replacement in _MARKUP:
        markdown = pattern.sub(replacement, markdown)
    return markdown.strip()


def hand_written(content_dir: Path) -> list[SearchDocument]:
    """The Markdown pages of the content folder the build did not write (about.md ...)."""
    from generator.site.staging import MANIFEST

    content_dir = Path(content_dir)
    manifest = content_dir / MANIFEST
    generated = set(manifest.read_text(encoding="utf-8").split("\n")) if manifest.exists() else set()
    docs = []
    for path in sorted(content_dir.rglob("*.md")):
        relative = path.relative_to(content_dir).as_posix()
        if relative in generated:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        title = None
        front = _FRONT_MATTER.match(text)
        if front:
            text = text[front.end():]
            found = re.search(r"^title:\s*(.+)$", front.group(1), re.M)
            title = found.group(1).strip().strip("\"'") if found else None
        heading = re.search(r"^#\s+(.+)$", text, re.M)
        title = title or (heading.group(1).strip() if heading else path.stem)
        passages, label = [], ""
        for block in re.split(r"\n\s*\n", text):
            if block.lstrip().startswith('<nav class="breadcrumbs"'):  # where the page is, not what it says
                continue
            sub = re.match(r"^(#{1,6})\s+(.+)$", block.strip())
            if sub:
                label = "" if len(sub.group(1)) == 1 else _plain(sub.group(2))
                continue
            plain = _plain(block)
            if plain:
                passages.append(Passage("", label, plain))
        docs.append(SearchDocument(built_address(relative), _plain(title), [], "", passages))
    return docs


# ---------------------------------------------------------------- the index


@lru_cache(maxsize=1 << 16)  # a few distinct (count, length) pairs a page, hundreds of terms
def _body_level(count: int, length: int) -> int:
    """1 to 4 by the term's frequency, BM25's way: saturating, and lower in long bodies (a
    section page repeats the accounts of all its meetings; each meeting's page ranks first)."""
    if count == 0:
        return 0
    norm = 1 - BM25_B + BM25_B * length / REFERENCE_LENGTH
    saturated = count * (BM25_K1 + 1) / (count + BM25_K1 * norm)  # 0 .. K1 + 1
    return max(1, min(4, round(4 * saturated / (BM25_K1 + 1))))


def weights(doc: SearchDocument, body: Optional[Counter] = None) -> dict[str, int]:
    """term -> weight 1..15 of one document (`body`: its passages' term counts, when known)."""
    title = indexed_terms(doc.title)
    keywords: Counter = Counter()
    for keyword in doc.keywords:
        keywords.update(indexed_terms(keyword))
    about = set().union(*map(symbol_terms, doc.about))
    if body is None:
        body = Counter()
        for passage in doc.passages:
            body.update(term_counts(passage.text))
    result = {}
    length = sum(body.values())
    for term in title | keywords.keys() | about | body.keys():
        raw = (TITLE_WEIGHT if term in title else 0) + KEYWORD_WEIGHT * min(keywords.get(term, 0), 2) \
            + (ABOUT_WEIGHT if term in about else 0) + _body_level(body.get(term, 0), length)
        result[term] = max(1, min(MAX_WEIGHT, raw))
    return result


def _encoder():
    table = []
    for value in range(1 << 15):
        out, v = [], value
        while v >= 32:
            out.append(ALPHABET[32 + (v & 31)])
            v >>= 5
        out.append(ALPHABET[v])
        table.append("".join(out))
    return table


_ENCODED = _encoder()


def encode_value(value: int) -> str:
    if value < len(_ENCODED):
        return _ENCODED[value]
    out = []
    while value >= 32:
        out.append(ALPHABET[32 + (value & 31)])
        value >>= 5
    out.append(ALPHABET[value])
    return "".join(out)


def encode_postings(postings: Iterable[tuple[int, int]]) -> str:
    """(document, weight) pairs by increasing document -> varint string of (gap << 4 | weight)."""
    out, previous = [], -1
    for doc, weight in postings:
        out.append(encode_value((doc - previous) << 4 | weight))
        previous = doc
    return "".join(out)


def decode_postings(text: str) -> list[tuple[int, int]]:
    values = {c: i for i, c in enumerate(ALPHABET)}
    result, value, shift, doc = [], 0, 0, -1
    for char in text:
        digit = values[char]
        if digit >= 32:
            value |= (digit - 32) << shift
            shift += 5
            continue
        value |= digit << shift
        doc += value >> 4
        result.append((doc, value & 15))
        value, shift = 0, 0
    return result


def _js_order(term: str) -> bytes:
    """The order of JavaScript's string comparison (UTF-16 code units), so the worker's binary search agrees."""
    return term.encode("utf-16-be")


@dataclass
class SearchIndex:
    docs: list[SearchDocument]
    postings: dict[str, array]  # term -> array of (document << 4 | weight), by document


def build_index(docs: Iterable[SearchDocument]) -> SearchIndex:
    kept: list[SearchDocument] = []
    postings: dict[str, array] = {}
    counted: dict[int, Counter] = {}  # id(text) -> term counts, within a unit: a section repeats its meetings'
    unit: object = None
    for doc in docs:
        if doc.unit is None or doc.unit != unit:
            counted, unit = {}, doc.unit
        body: Counter = Counter()
        for passage in doc.passages:
            counts = counted.get(id(passage.text))
            if counts is None:
                counts = counted[id(passage.text)] = term_counts(passage.text)
            body.update(counts)
        number = len(kept)
        for term, weight in weights(doc, body).items():
            found = postings.get(term)
            if found is None:
                found = postings[term] = array("I")
            found.append(number << 4 | weight)
        kept.append(doc)
    return SearchIndex(kept, postings)


def _pairs(packed: array) -> list[tuple[int, int]]:
    return [(p >> 4, p & 15) for p in packed]


def _script(name: str, data) -> bytes:
    """A script registering `data` (JSON, which the worker may also parse as such) under `name`."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")  # line breaks to old parsers
    return f'__rs("{name}",{text});\n'.encode("utf-8")


def index_files(index: SearchIndex) -> tuple[dict[str, bytes], str]:
    """Every file of the index, by path under FOLDER, and the index's version (a digest of them)."""
    files: dict[str, bytes] = {}
    ordered = sorted(index.postings, key=_js_order)
    encoded = [encode_postings(_pairs(index.postings[t])) for t in ordered]

    # Leaves: runs of sorted terms of about LEAF_BYTES.
    leaves: list[int] = []  # position in `ordered` of each leaf's first term
    size = LEAF_BYTES
    for position, (term, text) in enumerate(zip(ordered, encoded)):
        if size >= LEAF_BYTES:
            leaves.append(position)
            size = 0
        size += len(term) + len(text) + 6
    bounds = leaves + [len(ordered)]
    for number, (start, end) in enumerate(zip(bounds, bounds[1:])):
        flat = []
        for term, text in zip(ordered[start:end], encoded[start:end]):
            flat += [term, text]
        files[f"t/{number}.js"] = _script(f"t{number}", flat)
    leaf_of = [0] * len(ordered)
    for number, (start, end) in enumerate(zip(bounds, bounds[1:])):
        for position in range(start, end):
            leaf_of[position] = number

    # Summaries: prefixes whose completions span more leaves than a query should load.
    summaries: dict[str, int] = {}
    prefixes: dict[str, list[int]] = {}  # prefix -> [first position, last position]
    for position, term in enumerate(ordered):
        if term.startswith(STEM_MARK):
            continue  # a stem is looked up whole, never completed
        for length in range(1, len(term)):
            span = prefixes.get(term[:length])
            if span is None:
                prefixes[term[:length]] = [position, position]
            else:
                span[1] = position
    wide = sorted((p for p, (first, last) in prefixes.items()
                   if leaf_of[last] - leaf_of[first] + 1 > MAX_LEAVES_PER_PREFIX), key=_js_order)
    for number, prefix in enumerate(wide):
        first, last = prefixes[prefix]
        completions = sorted(range(first, last + 1), key=lambda p: (-len(index.postings[ordered[p]]), p))
        flat = []
        for position in sorted(completions[:MAX_COMPLETIONS]):
            packed = index.postings[ordered[position]]
            best = sorted(_pairs(packed), key=lambda pair: (-pair[1], pair[0]))[:MAX_SUMMARY_POSTINGS]
            flat += [ordered[position], len(packed), encode_postings(sorted(best))]
        files[f"s/{number}.js"] = _script(f"s{number}", flat)
        summaries[prefix] = number

    # Texts, in blocks of about BLOCK_BYTES, never splitting a unit. A passage whose text is
    # already in the block (a section page repeats its meetings' paragraphs) is written as a
    # reference to it: [anchor, label, document (in the block), passage].
    blocks: list[int] = []  # first document of each block
    block: list = []
    written: dict[int, tuple[str, int, int]] = {}  # id(text) -> (text, document in block, passage)
    size = 0
    for number, doc in enumerate(index.docs):
        if block and size >= BLOCK_BYTES and (doc.unit is None or doc.unit != index.docs[number - 1].unit):
            files[f"x/{len(blocks) - 1}.js"] = _script(f"x{len(blocks) - 1}", block)
            block, written, size = [], {}, 0
        if not block:
            blocks.append(number)
        entries = [["", "", doc.summary]]
        size += len(doc.summary) + 10
        for passage in doc.passages:
            seen = written.get(id(passage.text))
            if seen is not None and seen[0] is passage.text:
                entries.append([passage.anchor, passage.label, seen[1], seen[2]])
                size += len(passage.anchor) + len(passage.label) + 16
            else:
                written[id(passage.text)] = (passage.text, len(block), len(entries))
                entries.append([passage.anchor, passage.label, passage.text])
                size += len(passage.anchor) + len(passage.label) + len(passage.text) + 10
        block.append(entries)
    if block:
        files[f"x/{len(blocks) - 1}.js"] = _script(f"x{len(blocks) - 1}", block)

    docs = []
    for doc in index.docs:  # every page is an .html file: the worker adds the suffix back
        docs += [doc.path[:-5] if doc.path.endswith(".html") else doc.path, doc.title]
    files["docs.js"] = _script("docs", docs)

    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name])
    version = digest.hexdigest()[:16]
    manifest = {"format": FORMAT, "version": version, "docs": len(index.docs), "terms": len(ordered),
                "leaves": [ordered[p] for p in leaves], "summaries": summaries, "blocks": blocks,
                "stopwords": sorted(STOPWORDS), "stem": STEM_MARK, "relevance": relevance_shares(index.docs)}
    files["manifest.js"] = _script("manifest", manifest)
    return files, version


def relevance_shares(docs: list[SearchDocument]) -> list[int]:
    """[document, share, ...] of the documents with a relevance: log(1 + meetings) as a
    percentage of the largest, so one busy item does not flatten all the others to nothing."""
    largest = max((doc.relevance for doc in docs), default=0)
    if largest <= 0:
        return []
    flat = []
    for number, doc in enumerate(docs):
        if doc.relevance > 0:
            flat += [number, max(1, round(100 * math.log1p(doc.relevance) / math.log1p(largest)))]
    return flat


def material_index(config: Optional[dict] = None, version: str = "") -> str:
    """Material's search/search_index.json: its configuration only (its highlighter reads the
    separator), no documents; `version` names the index files to read (cache busting)."""
    config = dict(config or MATERIAL_CONFIG)
    if version:
        config["repertoire"] = {"version": version}
    return json.dumps({"config": config, "docs": []}, separators=(",", ":"), default=str)


def _material_config(site_dir: Path) -> dict:
    try:
        return json.loads((site_dir / INDEX_JSON).read_text(encoding="utf-8"))["config"]
    except (OSError, ValueError, KeyError, TypeError):
        return MATERIAL_CONFIG


def _write_if_changed(target: Path, data: bytes) -> bool:
    if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.unlink()  # may be a hard link to the previous build's copy
    target.write_bytes(data)
    return True


def write_files(site_dir: Path, files: dict[str, bytes], version: str) -> int:
    """Put the index files into site_dir/FOLDER, leaving identical files untouched and removing
    the files of a previous index; Material's search_index.json/.js get the index version."""
    site_dir = Path(site_dir)
    folder = site_dir / FOLDER
    written = 0
    for name, data in files.items():
        written += _write_if_changed(folder / name, data)
    if folder.is_dir():
        for path in sorted(folder.rglob("*"), reverse=True):
            relative = path.relative_to(folder).as_posix()
            if path.is_file() and relative not in files:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    config = {k: v for k, v in _material_config(site_dir).items() if k != "repertoire"}
    text = material_index(config, version)
    _write_if_changed(site_dir / INDEX_JSON, text.encode("utf-8"))
    if (site_dir / INDEX_JS).exists():  # the offline plugin's copy, read from file://
        _write_if_changed(site_dir / INDEX_JS, f"var __index = {text}".encode("utf-8"))
    return written


def prepare_search_index(docs: list[SearchDocument], content_dir: Optional[Path] = None) -> tuple[dict[str, bytes], str, dict]:
    """The index files of `docs` (`generator.site.search_documents.documents`) and of the
    hand-written pages of `content_dir` (its Markdown files not in its `.generated` manifest):
    (files, version, counts)."""
    if content_dir is not None:
        docs = docs + hand_written(content_dir)
    index = build_index(docs)
    files, version = index_files(index)
    return files, version, {"documents": len(index.docs), "terms": len(index.postings), "files": len(files),
                            "bytes": sum(len(d) for d in files.values())}


def write_search_index(site_dir: Path, docs: list[SearchDocument], content_dir: Optional[Path] = None) -> dict:
    """Make the index (`prepare_search_index`) and write it into the built site. Returns counts."""
    files, version, counts = prepare_search_index(docs, content_dir)
    return {**counts, "files_written": write_files(site_dir, files, version)}



# ---------------------------------------------------------------- reading it back (tests, debugging)


def read_script(data: bytes) -> tuple[str, object]:
    text = data.decode("utf-8")
    if not text.startswith('__rs("'):
        raise ValueError("not an index file")
    name, _, rest = text[len('__rs("'):].partition('",')
    return name, json.loads(rest[:rest.rindex(")")])


@dataclass
class LoadedIndex:
    """An index read back from a site, as the worker sees it."""

    manifest: dict
    paths: list[str]  # document -> address (with .html)
    titles: list[str]
    postings: dict[str, list[tuple[int, int]]]  # term -> (document, weight), from the leaves
    summaries: dict[str, list[tuple[str, int, list[tuple[int, int]]]]]  # prefix -> (term, df, best postings)
    texts: list[list[tuple[str, str, str]]]  # document -> (anchor, label, text), references resolved

    def documents(self, term: str) -> list[str]:
        return [self.paths[doc] for doc, _ in self.postings.get(term, [])]


def read_index(site_dir: Path) -> LoadedIndex:
    folder = Path(site_dir) / FOLDER
    data = {}
    for path in sorted(folder.rglob("*.js")):
        name, value = read_script(path.read_bytes())
        data[name] = value
    manifest = data["manifest"]
    docs = data["docs"]
    paths, titles = [p + ".html" for p in docs[0::2]], docs[1::2]
    postings = {}
    for number in range(len(manifest["leaves"])):
        flat = data[f"t{number}"]
        for term, encoded in zip(flat[0::2], flat[1::2]):
            postings[term] = decode_postings(encoded)
    summaries = {}
    for prefix, number in manifest["summaries"].items():
        flat = data[f"s{number}"]
        summaries[prefix] = [(t, df, decode_postings(e)) for t, df, e in zip(flat[0::3], flat[1::3], flat[2::3])]
    texts = []
    for number, first in enumerate(manifest["blocks"]):
        block = data[f"x{number}"]
        for entries in block:
            texts.append([(e[0], e[1], e[2] if len(e) == 3 else block[e[2]][e[3]][2]) for e in entries])
    return LoadedIndex(manifest, paths, titles, postings, summaries, texts)
