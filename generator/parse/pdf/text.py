"""Turning printed lines back into running text: line-end hyphens, markers, spaces.

The hyphenation rule (applied where a line ends in "-" after a letter and the
next line starts with a letter):

1. A soft hyphen character (U+00AD) is always a soft break: joined, no hyphen.
2. Ask the document itself: if the closed-up word ("pro"+"tection",
   "UN"+"MISS") is printed elsewhere (not at a line break) it was a soft break;
   if the hyphenated pair ("gender-based") is printed elsewhere it was a real
   hyphen.
3. Keep the hyphen when the next line starts with a capital or a digit
   ("Under-Secretary-" / "General"): words rarely break before one.
4. Keep the hyphen when the broken word already had a hyphen before the break
   ("statement-of-" / "unit"), when the first part is a prefix written with a
   hyphen (non-, self-, cross-, ever-, well-, quasi-; ex-, co-, all-, anti-,
   pre-, post- only before a word the document prints) or the second part is
   a common compound tail (-based, -related, -owned, -led, -term, -building,
   -making, -contributing, ...).
5. Ask an English word list (`wordlist`): a listed word closed up was a soft
   break ("po"+"litical"); two listed words that close up to none are a
   compound ("peace"/"keeping").
6. Keep the hyphen when both halves are words of at least three letters that
   the document prints on their own ("civil" / "military").
7. Otherwise join without the hyphen, and record the guess (`guesses`): the
   reader reports it with its page.

A line ending in "/" (a symbol such as "S/2018/" / "1183") is joined with no
space, and so is a digit's hyphen before a digit (a vote: "15-0-" / "0").
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from generator.model import FootnoteRef
from generator.parse.pdf.layout import Line, Word
from generator.parse.pdf.wordlist import is_word

HYPHENS = "-\u2010\u2011\u00ad"
HYPHEN_PREFIXES = {"non", "self", "cross", "ever", "well", "quasi", "half"}
SHORT_PREFIXES = {"ex", "co", "all", "anti", "pre", "post"}  # also begin ordinary words: need a word after
COMPOUND_TAILS = {
    "based", "related", "owned", "led", "term", "building", "making", "contributing",
    "level", "wide", "specific", "sensitive", "oriented", "driven", "affected", "sponsored",
    "run", "up", "free", "friendly", "bound", "style", "like", "scale", "year", "month",
}
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.U)
MARKER_TEXT = re.compile(r"^\d+(?:[,\s]+\d+)*$")


def normalise(text: str) -> str:
    """Spaces collapsed; the Unicode hyphens (U+2010, U+2011) read as the hyphen-minus they stand for."""
    return " ".join(text.replace("\u2010", "-").replace("\u2011", "-").split())


@dataclass
class Vocabulary:
    """Words as the document prints them mid-line: evidence for the hyphenation rule."""

    words: Counter = field(default_factory=Counter)  # lower-case words, from any line position
    closed: Counter = field(default_factory=Counter)  # whole tokens without hyphens, lower case
    hyphenated: Counter = field(default_factory=Counter)  # "left-right" pairs found inside tokens
    marks: Counter = field(default_factory=Counter)  # the hyphen characters printed inside words
    guesses: list = field(default_factory=list)  # line-end hyphens no evidence decided ("trans-/frontier")
    _after_break: bool = False  # the last line added ended in a hyphen

    def add_line(self, line: Line) -> None:
        """Add a line's words; lines must come in reading order, since a word broken at a line
        end is evidence of nothing (neither its start nor the next line's first word)."""
        tokens, broken = line_tokens(line)
        self.add_line_tokens(tokens, broken, self._after_break)
        self._after_break = broken

    def add_line_tokens(self, tokens: list[str], broken: bool, after_break: bool) -> None:
        """Add a line's words (see `line_tokens`) but the halves of words broken at its ends."""
        self.add_tokens(tokens[1 if after_break else 0:len(tokens) - 1 if broken else len(tokens)])

    def merge(self, other: "Vocabulary") -> None:
        """Add the counts of another part of the same document."""
        self.words.update(other.words)
        self.closed.update(other.closed)
        self.hyphenated.update(other.hyphenated)
        self.marks.update(other.marks)

    def add_text(self, text: str) -> None:
        self.add_tokens(text.split())

    def add_tokens(self, tokens: Iterable[str]) -> None:
        for token in tokens:
            token = token.strip(".,;:()[]“”\"'‘’!?")
            parts = re.split(f"[{HYPHENS}]", token)
            for left, right in zip(parts, parts[1:]):
                if left and right:
                    self.hyphenated[f"{left.lower()}-{right.lower()}"] += 1
            if len(parts) > 1:
                self.marks.update(c for c in token if c in HYPHENS)
            for part in parts:
                if part:
                    self.closed[part.lower()] += 1
            self.words.update(w for w in WORD.findall(token) if w.islower())

    def add_lines(self, lines: Iterable[Line]) -> None:
        for line in lines:
            self.add_line(line)

    def keeps_hyphen(self, left: str, right: str, mark: str = "-") -> bool:
        """Whether "left-" at a line end followed by "right" is a real hyphen (see module doc);
        `mark` is the hyphen character printed. A case no evidence decides is recorded in
        `guesses` as "left-/right"."""
        keep, decided = self.hyphen_decision(left, right, mark)
        if not decided:
            self.guesses.append(f"{left}-/{right}")
        return keep

    def broken_without_hyphen(self, last: str, first: str) -> bool:
        """Whether a cell line ending in `last` and the next starting with `first` split one word
        where the cell was too narrow ("Commission" / "ers"): the word closed up is printed
        whole elsewhere in the document at least as often as the tail alone, or is a listed word
        whose tail is none."""
        tail = WORD.match(first)
        if not tail or not last[-1:].isalpha() or not first[0].islower():
            return False
        head = re.findall(r"[^\W\d_]+$", last)
        if not head:
            return False
        head, tail = head[0].lower(), tail.group(0).lower()
        whole = head + tail
        # the tail's own line counts it once: printed alone no more often than whole, it is a piece
        if self.closed[whole] and self.words[tail] <= self.closed[whole]:
            return True
        return bool(is_word(whole)) and is_word(tail) is False and self.words[tail] <= 1

    def hyphen_decision(self, left: str, right: str, mark: str = "-") -> tuple[bool, bool]:
        """(keep the hyphen, whether evidence decided it rather than a guess)."""
        if not right or not left:
            return True, True
        if self.marks and not self.marks[mark]:
            return False, True  # a hyphen character the document prints only at line ends: the typesetter's
        head = re.sub(r"^[\W\d_]+", "", re.split(f"[{HYPHENS}]", left)[-1].lower())  # "(UN-" / "MISS)"
        tail = WORD.match(right)
        tail = tail.group(0).lower() if tail else right.lower()
        closed, pair = self.closed[head + tail], self.hyphenated[f"{head}-{tail}"]
        if closed != pair:
            return pair > closed, True
        if right[0].isupper() or right[0].isdigit():
            return True, True
        if any(h in left for h in HYPHENS):
            return True, True
        if head in HYPHEN_PREFIXES or tail in COMPOUND_TAILS:
            return True, True
        if head in SHORT_PREFIXES and self.words[tail] > 0:
            return True, True
        if left[:1].isupper() and right[:1].islower() and not first_is_prefix(head):
            return False, True  # a name broken at a line end ("Mpi-" / "ranya"); compound names go on in capitals
        whole, first, second = is_word(head + tail), is_word(head), is_word(tail)
        if whole:
            return False, True  # a word of the list, broken at a line end
        if whole is False and first and second:
            return True, True  # two words of the list, and no word when closed up: a compound
        if len(head) >= 3 and len(tail) >= 3 and self.words[head] > 0 and self.words[tail] > 0:
            return True, True
        return False, False


def first_is_prefix(head: str) -> bool:
    return head in HYPHEN_PREFIXES or head in SHORT_PREFIXES


# --------------------------------------------------------------------------- building text


@dataclass
class TextBuilder:
    """Accumulates lines into one normalised text, recording footnote markers as refs.

    `markers` decides which raised words are footnote markers (returns their
    numbers); other raised words (ordinals like "th") are kept as text.
    """

    vocabulary: Vocabulary
    text: str = ""
    refs: list[FootnoteRef] = field(default_factory=list)
    broken_words: bool = False  # a narrow table cell: a word may break at a line end without a hyphen
    _line_start: bool = False
    _mark: str = "-"  # the hyphen character the last word ended in

    def add_line(self, words: list[Word], markers: Optional[Callable[[Word], list[int]]] = None) -> None:
        self._line_start = bool(self.text)
        for word in words:
            numbers = markers(word) if (markers and word.raised) else None
            if numbers:
                self.refs.extend(FootnoteRef(n, len(self.text)) for n in numbers)
                continue
            self.add_word(word.text, word.space_before)

    def add_word(self, word: str, space_before: bool) -> None:
        if word[-1:] in HYPHENS:
            self._mark = word[-1]  # which hyphen ends the line, before it reads as "-"
        word = normalise(word)
        if not word:
            return
        if self._line_start:
            self._line_start = False
            self._join_across_line(word)
            return
        if space_before and self.text and not self.text.endswith(" "):
            self.text += " "
        self.text += word

    def _join_across_line(self, word: str) -> None:
        previous = self.text.rstrip()
        self.text = previous
        last = previous.split(" ")[-1] if previous else ""
        if last.endswith("\u00ad"):
            self.text = previous[:-1] + word
        elif len(last) > 1 and last[-1] in HYPHENS and last[-2].isalpha() and word[0].isalpha():
            left = last[:-1]
            if self.vocabulary.keeps_hyphen(left, word, self._mark):
                self.text += word
            else:
                self.text = previous[:-1] + word
        elif last.endswith("/") and word[0].isalnum():
            self.text += word
        elif len(last) > 1 and last[-1] in HYPHENS and last[-2].isdigit() and word[0].isdigit():
            self.text += word  # a vote or a range broken at its hyphen: "15-0-" / "0"
        elif self.broken_words and self.vocabulary.broken_without_hyphen(last, word):
            self.text += word
        else:
            self.text += " " + word

    def finish(self) -> tuple[str, list[FootnoteRef]]:
        text = self.text.rstrip()
        refs = [FootnoteRef(r.number, min(r.offset, len(text))) for r in self.refs]
        return text, refs


def line_tokens(line: Line) -> tuple[list[str], bool]:
    """A line's words (superscripts aside) and whether its last one ends in a hyphen."""
    tokens = [w.text for w in line.plain_words]
    return tokens, bool(tokens) and tokens[-1].rstrip(".,;:)]”’\"'").endswith(tuple(HYPHENS))


def marker_numbers(word: Word) -> list[int]:
    """The footnote numbers a raised word stands for ("832", "832, 833"), or []."""
    text = word.text.strip(",")
    if not MARKER_TEXT.match(text):
        return []
    return [int(n) for n in re.findall(r"\d+", text)]
