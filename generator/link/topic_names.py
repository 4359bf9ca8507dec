"""Which spellings of the Library's "topic" column name one agenda item: the merge rule, in one place.

The tables were typed by hand over 77 years, so one item comes in several spellings. Two
spellings are one item when

1. they have the same letters and digits in the same order once case, accents, spaces,
   dashes ("—", "-", "--") and other punctuation are ignored (`name_key`): "peace-keeping" =
   "peacekeeping", "troop - and police - contributing" = "troop- and police-contributing",
   "... security: European Union" = "... security - European Union"; or
2. one is a plain misspelling of the other (`misspelling_of`): both have at least
   `MIN_WORDS` words and differ in one word only; the two forms of that word are one letter
   apart (added, dropped or changed), are letters only, `MIN_LETTERS` long at least; the rare
   form is written in no other agenda item, the common one in `MIN_OTHER_NAMES` others at
   least; and the name with the rare form is used at fewer meetings. "Admision of new
   Members" -> "Admission of new Members"; never "Iran" / "Iraq", "Member" / "Members"
   (each is written in many items), "1353" / "1354" (digits).

A spelling that joins two other items' names with "--" ("Admission of new Members--The
situation in Namibia") is a meeting on both items (`joined_items`); "--" or "—" before a
name that is no item ("The question concerning Haiti--UNMIHAT", "Admission of new Members —
Palau") names a sub-item, which keeps its own page.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from typing import Iterable, Optional

MIN_WORDS = 3  # shorter names differ in one word too often to call it a slip
MIN_LETTERS = 5  # the misspelt word: short words one letter apart are often two words
MIN_OTHER_NAMES = 3  # the common form is a word the tables really use

_WORD = re.compile(r"[^\W_]+")
# The typewriter dash the tables of 1978-1993 put between two items' names.
_JOINING_DASH = re.compile(r"\s*--\s*")


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def name_key(spelling: str) -> str:
    """Rule 1: the letters and digits of `spelling`, in order, without case or accents."""
    return "".join(_WORD.findall(_folded(spelling)))


def words(spelling: str) -> list[str]:
    return _WORD.findall(_folded(spelling))


def _one_letter_apart(a: str, b: str) -> bool:
    """Levenshtein distance 1: one letter added, dropped or changed."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return a[i + 1:] == b[i + 1:] if len(a) == len(b) else a[i:] == b[i + 1:]
    return True  # b is a with one letter added at the end


def misspelling_of(rare: str, common: str, names_with: dict[str, int]) -> bool:
    """Rule 2: `rare` is `common` with one word misspelt. `names_with`: word -> how many distinct
    items (by `name_key`) write it."""
    a, b = words(rare), words(common)
    if len(a) != len(b) or len(a) < MIN_WORDS:
        return False
    differing = [(x, y) for x, y in zip(a, b) if x != y]
    if len(differing) != 1:
        return False
    slip, word = differing[0]
    return (slip.isalpha() and word.isalpha() and min(len(slip), len(word)) >= MIN_LETTERS
            and _one_letter_apart(slip, word)
            and names_with.get(slip, 0) == 1 and names_with.get(word, 0) > MIN_OTHER_NAMES)


def merged_spellings(counts: Counter) -> dict[str, str]:
    """spelling -> the key of its item, for every spelling in `counts` (spelling -> meetings).

    Rule 1 first; then each item whose name is a misspelling (rule 2) of a more used one
    takes that item's key."""
    keys = {spelling: name_key(spelling) for spelling in counts}
    used: Counter = Counter()
    for spelling, key in keys.items():
        used[key] += counts[spelling]
    names_with: dict[str, int] = defaultdict(int)
    for key, spelling in {key: s for s, key in keys.items()}.items():
        for word in set(words(spelling)):
            names_with[word] += 1
    # Candidates for a slip share all words but one: index names by each word left out.
    by_gap: dict[tuple, list[str]] = defaultdict(list)
    first = {key: s for s, key in reversed(list(keys.items()))}
    for key, spelling in first.items():
        split = words(spelling)
        if len(split) >= MIN_WORDS:
            for i in range(len(split)):
                by_gap[(i, *split[:i], *split[i + 1:])].append(key)
    target: dict[str, str] = {}
    for group in by_gap.values():
        for rare in group:
            for common in group:
                if (rare != common and used[rare] < used[common]
                        and misspelling_of(first[rare], first[common], names_with)):
                    target[rare] = common
    return {spelling: target.get(key, key) for spelling, key in keys.items()}


def joined_items(spelling: str, known: Iterable[str]) -> Optional[list[str]]:
    """The keys of the items a spelling joins with "--", where each part is itself an item's key (`known`)."""
    known = set(known)
    parts = [part for part in _JOINING_DASH.split(spelling) if part.strip()]
    if len(parts) < 2:
        return None
    keys = [name_key(part) for part in parts]
    return keys if all(key in known for key in keys) else None
