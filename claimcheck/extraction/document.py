"""One document as extraction reports it: line and column of an offset, and
the sentence around a claim (as written in the original text)."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection
from dataclasses import dataclass

from claimcheck.extraction.country import CountryContext
from claimcheck.text.normalize import Normalized
from claimcheck.text.segment import CLAIM_MARKS, sentence_ends

#: At most this many characters of a sentence are kept on each side of a claim.
SENTENCE_REACH = 240


@dataclass
class ExtractionInput:
    """The text being read (normalised, with its file, country and place in its
    document: a chunk of a larger one starts at ``base_offset``/``base_line``)
    and how a claim found in it is placed: line, column, sentence."""

    norm: Normalized
    file: str
    base_offset: int
    base_line: int
    country: str | None
    #: ``5ر14``: the fraction first in storage order (14.5), as agency copy writes it
    fraction_first: bool = True
    _lines: list[int] | None = None
    _last_sentence: tuple[int, int, str] | None = None
    _ends: list[int] | None = None
    _last_ends: tuple[int, int] | None = None
    _countries: CountryContext | None = None

    def sentence_ends(self) -> list[int]:
        """Offsets (normalised text) of the characters that end its sentences."""
        if self._ends is None:
            self._ends = sentence_ends(self.norm.text, CLAIM_MARKS)
        return self._ends

    def countries(self, currency_nouns: Collection[str]) -> CountryContext:
        """The countries its text names, read on demand (bare currency nouns;
        ``currency_nouns``: their forms, whose adjectives name no country)."""
        if self._countries is None:
            self._countries = CountryContext(self, currency_nouns)
        return self._countries

    def line_col(self, ostart: int) -> tuple[int, int]:
        if self._lines is None:
            text, ends = self.norm.original, []
            k = text.find("\n")
            while k >= 0:
                ends.append(k + 1)
                k = text.find("\n", k + 1)
            self._lines = ends
        i = bisect_right(self._lines, ostart)
        line_start = self._lines[i - 1] if i else 0
        return self.base_line + i, ostart - line_start + 1

    def sentence(self, ns: int, ne: int) -> str:
        """The sentence around normalised ``[ns, ne)``, as written in the original.

        Sentences end at . ! ? ؟ and line breaks — not at a dot between digits
        (4.3). Text without punctuation would make the whole document one
        "sentence": at most SENTENCE_REACH characters are kept on each side.
        """
        last = self._last_sentence
        if last is not None and last[0] <= ns and ne <= last[1] and last[1] - last[0] < SENTENCE_REACH:
            return last[2]  # claims come in text order: most share the previous one's sentence
        t = self.norm.text
        ends = self.sentence_ends()
        lo = max(0, ns - SENTENCE_REACH)
        hi = min(len(t), ne + SENTENCE_REACH)
        kb = bisect_left(ends, ns) - 1  # the last sentence end before the claim
        kf = bisect_left(ends, ne)  # the first one at or after its end
        whole = kb >= 0 and ends[kb] >= lo and kf < len(ends) and ends[kf] < hi
        if whole and self._last_ends == (kb, kf) and last is not None:
            return last[2]  # the same two sentence ends: the same sentence
        if kb >= 0 and ends[kb] >= lo:
            s0 = ends[kb] + 1
        else:
            k = t.find(" ", lo, ns) if lo > 0 else -1
            s0 = k + 1 if k >= 0 else lo
        if kf < len(ends) and ends[kf] < hi:
            j = ends[kf]
            s1 = j + (0 if t[j] == "\n" else 1)
        else:
            k = t.rfind(" ", ne, hi) if hi < len(t) else -1
            s1 = k if k >= 0 else hi
        while s0 < s1 and t[s0].isspace():
            s0 += 1
        while s1 > s0 and t[s1 - 1].isspace():
            s1 -= 1
        a, b = self.norm.span(s0, s1) if s1 > s0 else (ns, ns)
        sentence = self.norm.original[a:b]
        self._last_sentence = (s0, s1, sentence)
        self._last_ends = (kb, kf) if whole else None
        return sentence
