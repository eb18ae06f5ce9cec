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
3. the text before the sentence, as far as PARAGRAPH_CHARS back: the
   countries named there vote, each mention weighing less the further back
   it lies (DECAY_CHARS). Only what comes before counts: a later sentence
   that turns to another country is no context for a price given earlier;
4. the document: the country it names most, over the whole of it (title,
   dateline, institutions and cities: «جازان», «طرطوس»), a tie settling
   nothing. A long line is a
   whole article (one article per line, as archives exported to text are
   written) and is its own document; a text of short paragraphs is one
   article only when it is under 50,000 characters and not a chunk of a
   bigger file: a file of one article per line must not lend a country
   across articles.

A nationality adjective of goods («اللحوم السودانية»، «البرتقال المصري» in a
market story) says where they come from and counts in no scope. In the votes
of 3 and 4 a country in a list of several («السعودية والبحرين
والكويت وعمان»), people of a nationality («السياح الليبيين») and a country
after «من» («الأسماك الواردة من اليمن») do not count: they say what the text
compares, who travels or where goods come from, not where it is.

Only what no scope settles falls to ``--country`` and then the noun's default,
and only those say ``currency_assumed``.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Set
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from claimcheck.lang import recache
from claimcheck.lang.countries import Mention, entity, mentions_normalized, names_hold, resolve_currency
from claimcheck.lang.lexicon import forms, load
from claimcheck.text.segment import CLAIM_MARKS

if TYPE_CHECKING:
    from claimcheck.extraction.document import ExtractionInput
    from claimcheck.text.normalize import Normalized

#: A line longer than this is a whole article on one line (one article per
#: line, as in archives exported to text), not a paragraph: earlier lines then
#: belong to other articles and lend no country.
PARAGRAPH_CHARS = 1500
#: The word before a mention (normalised text: words are runs of letters).
_WORD_BEFORE = recache.compile(r"(\w+)\s*$")
#: The two words before a demonym: «اللحوم الطازجة السودانية».
_TWO_BEFORE = recache.compile(r"(\w+)\s+(\w+)\s*$")
#: A vote is won by a currency MARGIN times as strong as the next one.
MARGIN = 1.5
#: Before a figure's sentence, the text as far back as PARAGRAPH_CHARS is
#: read next; there a mention this many characters further back counts half as much as
#: one right before the figure.
DECAY_CHARS = 150
#: A text this long is not one article but an archive of them (a big file is
#: read in line-aligned chunks of at least this size, one article per line):
#: its lines lend each other no country, and a chunk reads as the whole would.
DOCUMENT_CHARS = 50_000


@cache
def _names_hold_marks() -> bool:
    """Can a country's name as found in text hold a mark that ends a sentence?"""
    return names_hold(CLAIM_MARKS)


@cache
def _goods() -> frozenset[str]:
    """Goods a nationality adjective after them says the origin of (countries.toml)."""
    return frozenset(forms(load("countries")["origin"]["goods"], where="countries origin goods"))


def _of_goods(t: str, a: int, m: Mention) -> bool:
    """Is the demonym ``m`` an adjective of goods, one or two words after the noun
    («اللحوم السودانية»، «للحوم الطازجة السودانية»): where they come from?"""
    if "demonym" not in m.kinds:
        return False
    w = _TWO_BEFORE.search(t, max(a, m.start - 40), m.start)
    if w is None:
        w = _WORD_BEFORE.search(t, max(a, m.start - 24), m.start)
    if w is None:
        return False
    goods = _goods()
    for word in w.groups():
        for stem in _stems(word):
            if stem in goods:
                return True
    return False


def _stems(word: str) -> tuple[str, ...]:
    """``word`` and the word less a proclitic and the article: للحوم (ل + اللحوم)
    is لحوم, والأبقار أبقار."""
    out = [word]
    for cl in ("وال", "بال", "فال", "كال", "ال", "وب", "و", "ب", "ف"):
        if word.startswith(cl) and len(word) - len(cl) >= 2:
            out.append(word[len(cl):])
    if word.startswith(("لل", "ولل")):
        out.append(word[word.index("لل") + 1:])
    return tuple(out)


@lru_cache(maxsize=512)
def _currencies(code: str) -> tuple[str, ...]:
    """The currencies country ``code`` uses (none for a grouping or an unknown code)."""
    e = entity(code)
    return tuple(getattr(e, "currencies", ()))


#: Between two mentions of a list of countries («السعودية والبحرين والكويت»،
#: «قطر وعُمان»، «على العراق وعلى الصومال»): spaces, commas, the conjunction
#: and a repeated preposition (in the folded text: أو → او، على → علي).
_LIST_GAP = recache.compile(r"[\s،,]*(?:(?:و|او)\s*(?:علي|في|الي|عن)?\s*)?")
#: A demonym that names people (السعوديون، الليبيين): plural or dual masculine.
_PEOPLE = ("يون", "يين")
#: «من» before a country: where goods or people come from («الواردة من اليمن»).
_FROM = frozenset({"من", "ومن"})


class _Found:
    """The countries a stretch of text names: ``all`` of them, and ``kept``, those
    that are not a currency's adjective — «دنانير كويتية» settles its own claim's
    currency and names no country for the others — nor the adjective of goods,
    which says where they come from («اللحوم السودانية» sold in Cairo); ``votes``: what says which
    money the text is about, for the paragraph's and the document's vote —
    those adjectives (a bare «ليرة» after «ليرة سورية» is Syrian), and the
    mentions of ``kept`` that say where the text is: not a country in a list
    of several (a set the text compares, or a name such as «قطر وعُمان
    للاستثمار»), nor people of a nationality («السياح
    السعوديين»، «الليبيين»), who travel, nor a country after «من», where
    goods come from («استيراد النفط من العراق»). Starts kept for bisection."""

    __slots__ = ("all", "all_starts", "kept", "kept_starts", "votes", "votes_starts")

    def __init__(self, norm: Normalized, a: int, b: int, nouns: Collection[str]) -> None:
        t = norm.text
        # found on the text normalised already; offsets back into it (a new
        # Mention of every field: dataclasses.replace costs ~4x as much)
        to_text = norm.to_text
        self.all = [Mention(to_text(m.start), to_text(m.end), m.text, m.countries, m.kinds, m.grouping)
                    for m in mentions_normalized(norm, a, b)]
        self.all_starts = [m.start for m in self.all]
        self.kept: list[Mention] = []
        listed: set[int] = set()
        for i in range(1, len(self.all)):
            p, m = self.all[i - 1], self.all[i]
            if m.start - p.end < 12 and _LIST_GAP.fullmatch(t, p.end, m.start):
                listed.update((i - 1, i))
        self.votes: list[Mention] = []
        for i, m in enumerate(self.all):
            w = _WORD_BEFORE.search(t, max(a, m.start - 24), m.start)
            if w is not None and w.group(1) in nouns:
                self.votes.append(m)  # «ليرة سورية»: the text's own currency
                continue
            if _of_goods(t, a, m):
                continue  # «اللحوم السودانية» in a Cairo market: where goods come from
            self.kept.append(m)
            people = "demonym" in m.kinds and m.text.endswith(_PEOPLE)
            origin = w is not None and w.group(1) in _FROM
            if i not in listed and not people and not origin:
                self.votes.append(m)
        self.kept_starts = [m.start for m in self.kept]
        self.votes_starts = [m.start for m in self.votes]

    @classmethod
    def joined(cls, parts: list[_Found]) -> _Found:
        """The mentions of consecutive stretches, in order."""
        if len(parts) == 1:
            return parts[0]
        out = object.__new__(cls)
        out.all, out.all_starts, out.kept, out.kept_starts = [], [], [], []
        out.votes, out.votes_starts = [], []
        for p in parts:
            out.all += p.all
            out.all_starts += p.all_starts
            out.kept += p.kept
            out.kept_starts += p.kept_starts
            out.votes += p.votes
            out.votes_starts += p.votes_starts
        return out


class CountryContext:
    """Mentions of countries in one text, found once per paragraph and reused."""

    __slots__ = ("_doc", "_nouns", "_paragraphs", "_breaks", "_votes")

    def __init__(self, doc: ExtractionInput, currency_nouns: Collection[str]) -> None:
        self._doc = doc
        self._nouns = currency_nouns
        self._paragraphs: dict[tuple[int, int], _Found] = {}
        self._votes: dict[tuple[tuple[int, int], frozenset[str]], str | None] = {}
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

    def resolve(self, candidates: Set[str], at: int, noun_end: int) -> str | None:
        """The one of ``candidates`` (ISO codes a bare noun at ``[at, noun_end)`` may
        stand for) that the text around it settles, or None."""
        t = self._doc.norm.text
        p0, p1 = self._paragraph(at)
        # 1. «فرنك جزر القمر»: the country right after the noun; 2. the sentence,
        # nearest mention first (read alone first: most nouns are settled there,
        # and a sentence is a fraction of the paragraph to search)
        s0, s1 = self._sentence(at, p0, p1)
        here = self._around(s0, max(s1, min(p1, noun_end + 40)))  # a name after the noun
        k = bisect_left(here.all_starts, noun_end)
        if k < len(here.all) and here.all[k].start <= noun_end + 2:
            code = resolve_currency(candidates, here.all[k:k + 1])
            if code:
                return code
        # the sentence only: the next one may already be about another country
        kept = here.kept[:bisect_left(here.kept_starts, s1)]
        if kept:
            code = resolve_currency(candidates, kept, near=at)
            if code:
                return code
        # 3. the text before the sentence (what the reader has been told so
        # far), the nearer the weightier; a later sentence that turns to another
        # country is no context for this figure
        whole = self._mentions(p0, p1)
        w0 = self._sentence(max(p0, s0 - PARAGRAPH_CHARS), p0, p1)[0]
        lo, hi = bisect_left(whole.votes_starts, w0), bisect_left(whole.votes_starts, s0)
        if hi > lo:
            code = self._vote(candidates, whole.votes[lo:hi], near=at)
            if code:
                return code
        # 4. the document: the country the article names most (its title,
        # dateline, institutions and cities count with the rest). An article
        # written on one line is its own document; a text of short paragraphs
        # is one article when it is short and not a chunk of a bigger file.
        if p1 - p0 > PARAGRAPH_CHARS or len(t) == p1 - p0:
            scope = (p0, p1)
        elif self._doc.base_offset or len(t) >= DOCUMENT_CHARS:
            return None
        else:
            scope = (0, len(t))
        key = (scope, frozenset(candidates))
        if key not in self._votes:  # the same for every noun of the scope: counted once
            self._votes[key] = self._vote(candidates, self._mentions(*scope).votes)
        return self._votes[key]

    def _vote(self, candidates: Set[str], found: list[Mention], near: int | None = None) -> str | None:
        """The candidate currency the mentions ``found`` point to most: each
        mention counts 1, shared among the countries a spelling names (عمان:
        Oman and Amman), or, with ``near``, less the further it lies before it;
        None when the first is not MARGIN times the second (an article that
        compares countries names several about as often) or nothing points
        to a candidate."""
        score: dict[str, float] = {}
        for m in found:
            if m.grouping is not None:
                continue
            curs = {c for code in m.countries for c in _currencies(code) if c in candidates}
            if not curs:
                continue
            w = 1.0 if near is None else 1.0 / (1.0 + max(0, near - m.end) / DECAY_CHARS)
            for c in curs:  # a shared spelling (عمان: Oman, Amman) is weaker
                score[c] = score.get(c, 0.0) + w / max(len(curs), len(m.countries))
        if not score:
            return None
        ranked = sorted(score.items(), key=lambda kv: -kv[1])
        if len(ranked) > 1 and ranked[1][1] * MARGIN >= ranked[0][1]:
            return None
        return ranked[0][0]

    def _sentence(self, at: int, p0: int, p1: int) -> tuple[int, int]:
        ends = self._doc.sentence_ends()
        k = bisect_left(ends, at)
        s0 = ends[k - 1] + 1 if k > 0 else 0
        s1 = ends[k] + 1 if k < len(ends) else len(self._doc.norm.text)
        return max(s0, p0), min(s1, p1)
