"""The country a bare currency noun belongs to, read from the text around it.

دينار، ريال، جنيه، ليرة، درهم، فرنك each name the money of several countries.
Agency and ministry copy rarely repeats the nationality after the noun
(«8 مليارات دينار»): it names the country instead — in the sentence («وزارة
المالية الأردنية»، «البنك المركزي العراقي»، «بنك المغرب»), earlier in the
paragraph, or in the dateline and title («عمّان (بترا) –»). An editor reads the
noun as that country's money; so do we, from the nearest scope outwards:

1. a country named right after the noun, in the genitive («فرنك جزر القمر»);
2. the sentence (the mention nearest the noun wins when two countries with
   different candidate currencies are named);
3. the paragraph (the line);
4. the document: its first line (title, dateline) and the lines before the
   claim's — only in a text of one article (under 50,000 characters) whose
   lines are paragraphs, not whole articles on one line: a file of one article
   per line must not lend a country across articles.

Only what no scope settles falls to ``--country`` and then the noun's default,
and only those say ``currency_assumed``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from claimcheck.lang.countries import Mention, mentions_normalized, names_hold, resolve_currency
from claimcheck.text.segment import CLAIM_MARKS

if TYPE_CHECKING:
    from claimcheck.extraction.document import ExtractionInput
    from claimcheck.text.normalize import Normalized

#: A line longer than this is a whole article on one line (one article per
#: line, as in archives exported to text), not a paragraph: earlier lines then
#: belong to other articles and lend no country.
PARAGRAPH_CHARS = 1500
#: The word before a mention (normalised text: words are runs of letters).
_WORD_BEFORE = re.compile(r"(\w+)\s*$")
#: How far back (characters) earlier paragraphs of a document are read.
DOCUMENT_REACH = 6000
#: A text this long is not one article but an archive of them (a big file is
#: read in line-aligned chunks of at least this size, one article per line):
#: its lines lend each other no country, and a chunk reads as the whole would.
DOCUMENT_CHARS = 50_000


@cache
def _names_hold_marks() -> bool:
    """Can a country's name as found in text hold a mark that ends a sentence?"""
    return names_hold(CLAIM_MARKS)


class _Found:
    """The countries a stretch of text names: ``all`` of them, and ``kept``, those
    that are not a currency's adjective — «دنانير كويتية» settles its own claim's
    currency and names no country for the others. Starts kept for bisection."""

    __slots__ = ("all", "all_starts", "kept", "kept_starts")

    def __init__(self, norm: Normalized, a: int, b: int, nouns: Collection[str]) -> None:
        t = norm.text
        # found on the text normalised already; offsets back into it
        self.all = [replace(m, start=norm.to_text(m.start), end=norm.to_text(m.end))
                    for m in mentions_normalized(norm, a, b)]
        self.all_starts = [m.start for m in self.all]
        self.kept: list[Mention] = []
        for m in self.all:
            w = _WORD_BEFORE.search(t, max(a, m.start - 24), m.start)
            if w is None or w.group(1) not in nouns:
                self.kept.append(m)
        self.kept_starts = [m.start for m in self.kept]

    @classmethod
    def joined(cls, parts: list[_Found]) -> _Found:
        """The mentions of consecutive stretches, in order."""
        if len(parts) == 1:
            return parts[0]
        out = object.__new__(cls)
        out.all, out.all_starts, out.kept, out.kept_starts = [], [], [], []
        for p in parts:
            out.all += p.all
            out.all_starts += p.all_starts
            out.kept += p.kept
            out.kept_starts += p.kept_starts
        return out


class CountryContext:
    """Mentions of countries in one text, found once per paragraph and reused."""

    __slots__ = ("_doc", "_nouns", "_paragraphs", "_breaks")

    def __init__(self, doc: ExtractionInput, currency_nouns: Collection[str]) -> None:
        self._doc = doc
        self._nouns = currency_nouns
        self._paragraphs: dict[tuple[int, int], _Found] = {}
        t = doc.norm.text
        breaks, k = [], t.find("\n")
        while k >= 0:  # a C search per line, not a Python step per character
            breaks.append(k)
            k = t.find("\n", k + 1)
        self._breaks = breaks

    def _paragraph(self, at: int) -> tuple[int, int]:
        """The line around offset ``at`` (bisected: a long line is not rescanned)."""
        k = bisect_right(self._breaks, at)
        p0 = self._breaks[k - 1] + 1 if k else 0
        p1 = self._breaks[k] if k < len(self._breaks) else len(self._doc.norm.text)
        return p0, p1

    def _mentions(self, a: int, b: int) -> _Found:
        """The countries ``[a, b)`` names, all and those that are not a currency's
        adjective, with their starts (for bisection)."""
        key = (a, b)
        found = self._paragraphs.get(key)
        if found is None:
            found = self._paragraphs[key] = _Found(self._doc.norm, a, b, self._nouns)
        return found

    def _around(self, a: int, b: int) -> _Found:
        """:meth:`_mentions` of ``[a, b)``, a stretch of one paragraph that starts a
        sentence, read sentence by sentence: the windows of nearby claims overlap
        (a long article on one line has a window per claim), and each sentence is
        searched once, whatever windows hold it.

        The same mentions as one search of the stretch: no name holds a mark that
        ends a sentence, so none crosses from one sentence into the next, and the
        word looked at before a mention (a currency's adjective?) cannot reach back
        across the mark either. A stretch that ends inside a sentence (a name
        right after the noun) has that last piece searched as it is cut.
        """
        if _names_hold_marks():
            return self._mentions(a, b)
        ends = self._doc.sentence_ends()
        k = bisect_left(ends, a)
        parts = []
        while a < b:
            e = ends[k] + 1 if k < len(ends) else b
            e = min(e, b)
            parts.append(self._mentions(a, e))
            a, k = e, k + 1
        return _Found.joined(parts)

    def resolve(self, candidates: set[str], at: int, noun_end: int) -> str | None:
        """The one of ``candidates`` (ISO codes a bare noun at ``[at, noun_end)`` may
        stand for) that the text around it settles, or None."""
        t = self._doc.norm.text
        p0, p1 = self._paragraph(at)
        # 1. «فرنك جزر القمر»: the country right after the noun; 2. the sentence,
        # nearest mention first (read alone first: most nouns are settled there,
        # and a sentence is a fraction of the paragraph to search)
        s0, s1 = self._sentence(at, p0, p1)
        s1 = max(s1, min(p1, noun_end + 40))  # a country name after the noun
        here = self._around(s0, s1)
        k = bisect_left(here.all_starts, noun_end)
        if k < len(here.all) and here.all[k].start <= noun_end + 2:
            code = resolve_currency(candidates, here.all[k:k + 1])
            if code:
                return code
        if here.kept:
            code = resolve_currency(candidates, here.kept, near=at)
            if code:
                return code
        # 3. the paragraph, as far as PARAGRAPH_CHARS around the noun (a whole
        # article on one line is read as the paragraphs it would have had), cut
        # at sentence ends so that the claims of one stretch share the search
        w0, w1 = max(p0, at - PARAGRAPH_CHARS), min(p1, noun_end + PARAGRAPH_CHARS)
        if w0 > p0:
            w0 = self._sentence(w0, p0, p1)[0]
        if w1 < p1:
            w1 = self._sentence(w1, p0, p1)[1]
        if (w0, w1) != (s0, s1):
            wide = self._around(w0, w1).kept
            if wide:
                code = resolve_currency(candidates, wide, near=at)
                if code:
                    return code
        if p0 == 0 or p1 - p0 > PARAGRAPH_CHARS or self._doc.base_offset or len(t) >= DOCUMENT_CHARS:
            return None
        # 4. the document: its title line and the paragraphs before this one
        title_end = t.find("\n")
        before = list(self._mentions(0, title_end).kept) if 0 < title_end < p0 else []
        back = max(title_end + 1, p0 - DOCUMENT_REACH)
        if back < p0:
            before += self._mentions(back, p0).kept
        return resolve_currency(candidates, before, near=at) if before else None

    def _sentence(self, at: int, p0: int, p1: int) -> tuple[int, int]:
        ends = self._doc.sentence_ends()
        k = bisect_left(ends, at)
        s0 = ends[k - 1] + 1 if k > 0 else 0
        s1 = ends[k] + 1 if k < len(ends) else len(self._doc.norm.text)
        return max(s0, p0), min(s1, p1)
