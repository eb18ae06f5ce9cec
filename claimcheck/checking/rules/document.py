"""One document as the consistency rules read it: its claims by sentence, the
words around each claim, and the document's date.

Words are read from the original text and folded (see :mod:`.cues`); a claim's
own leading words (``منذ`` in «منذ 5 سنوات», ``بالذكرى`` in «بالذكرى الـ50») count
as words before its number.

**The document's date** ("now" for elapsed times, SPEC §6) is ``as_of`` when
given, else the latest full date (day, month and year) written in the document —
a dateline counts. A text whose lines are whole articles (two lines or more of
over 1,000 characters: an archive exported one article per line) is read line by
line: each line is its own document, with its own date and its own repeats.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Any

from claimcheck.checking.evidence import fmt_amount, fmt_num
from claimcheck.checking.rules.base import Interval, interval
from claimcheck.checking.rules.cues import templates
from claimcheck.model import Calendar, Claim, Kind
from claimcheck.text.normalize import fold
from claimcheck.lang import recache

_WORD = recache.compile(r"[^\W_]+|[^\w\s]")
_DIGIT = recache.compile(r"\d")
_AGENCY_DECIMAL = recache.compile(r"(\d+)\s?ر\s?(\d+)")
#: What ends a sentence (as the extraction splits them: a dot not between digits).
_SENTENCE_END = recache.compile(r"[!?؟\n]|\.(?!\d)")
#: A whole number written with five digits or more whose last three or more are 0.
_ROUND = recache.compile(r"[1-9][0-9]+?[1-9]?(000+)")
_DIGITS_ONLY = recache.compile(r"[^0-9]")
#: Characters at most between two claims whose sentence windows are joined.
JOIN_REACH = 48
#: A line this long is a whole article (see the module's docstring).
ARTICLE_LINE = 1000


def folded_words(s: str) -> list[str]:
    return _WORD.findall(fold(s))


def parse_date(value: Any) -> date | None:
    """A full ISO date (``2024-03-11``) as a date; a year or a month is not a full date."""
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def year_of(c: Claim) -> int | None:
    """The Gregorian year a date claim names (a bare Hijri year spans two: None)."""
    if c.kind is not Kind.DATE or not isinstance(c.value, str) or c.calendar is Calendar.HIJRI:
        return None
    try:
        return int(c.value[:4])
    except ValueError:
        return None


def agency(c: Claim) -> bool:
    """Whether a claim's figure is written with the agency decimal ر («5ر14»)."""
    return _AGENCY_DECIMAL.search(c.text) is not None


def other_reading(c: Claim) -> Claim | None:
    """A figure written with the agency decimal ر, read in the other order.

    Agency copy writes «5ر197» for 197.5: the digits after the decimal mark come
    first, as stored (the extraction reads it so). Copy stored in the other order
    means 5.197; this is that reading (None: no single ر figure to turn)."""
    found = _AGENCY_DECIMAL.findall(c.text)
    if len(found) != 1 or not isinstance(c.value, Decimal) or c.value <= 0:
        return None
    a, b = found[0]
    read, other = Decimal(f"{b}.{a}"), Decimal(f"{a}.{b}")
    scale = c.value / read
    if scale != scale.to_integral_value() or scale.normalize().as_tuple().digits != (1,):
        return None  # not the figure times a power of ten: some other reading
    res = Decimal(str(c.resolution)) if c.resolution is not None else None
    return replace(c, value=other * scale,
                   resolution=None if res is None else res * Decimal(10) ** (len(a) - len(b)))


class Document:
    """The claims of one text (or chunk of one, starting at ``offset``) for the rules."""

    def __init__(self, text: str, claims: Sequence[Claim], *, offset: int = 0,
                 approx: Decimal = Decimal("0.10"), lang: str = "ar",
                 as_of: date | None = None) -> None:
        self.text, self.offset, self.approx, self.lang, self.as_of = text, offset, approx, lang, as_of
        self.claims: tuple[Claim, ...] = tuple(sorted(claims, key=lambda c: (c.start, c.end)))
        spans: list[tuple[int, int]] = []
        self.sentence: list[int] = []
        last: tuple[str, tuple[int, int]] | None = None
        for c in self.claims:
            a = c.start - offset
            s = c.sentence
            if last is not None and last[0] is s and last[1][0] <= a and c.end - offset <= last[1][1]:
                span = last[1]  # the claims of a sentence share it: found once (linear time)
            else:
                k = text.find(s, max(0, a - len(s)), c.end - offset + len(s)) if s else -1
                span = (k, k + len(s)) if k >= 0 and k <= a else (a, c.end - offset)
                last = (s, span)
            if not spans or spans[-1] != span:
                spans.append(span)
            self.sentence.append(len(spans) - 1)
        self.spans = spans
        self._words: dict[tuple[int, int], list[str]] = {}
        #: relations read, by rule (consistent or not): what a run could check
        self.read: Counter[str] = Counter()
        #: when a list: every relation read, as (rule, its claims), for reading by hand
        self.trace: list[tuple[str, tuple[Claim, ...]]] | None = None

    # ------------------------------------------------------------------ sentences and words


    @cached_property
    def sentences(self) -> list[list[int]]:
        """Indices of the claims of each sentence, in order."""
        out: list[list[int]] = [[] for _ in self.spans]
        for i, s in enumerate(self.sentence):
            out[s].append(i)
        return out

    @cached_property
    def long_sentences(self) -> tuple[list[list[int]], list[int]]:
        """:attr:`sentences` with the windows of one long sentence joined, and each
        claim's place in them.

        A sentence longer than the extraction's reach comes to its claims as
        windows of it: two claims close together with no sentence end between
        are of one sentence though their windows differ («…لتصل إلى X، مقارنة بـ
        Y» cut between them). The change rules read these; the others read the
        sentences as the extraction gave them."""
        out: list[list[int]] = []
        where: list[int] = []
        for i in range(len(self.claims)):
            if out and (self.sentence[i] == self.sentence[i - 1] or self._joined(i)):
                out[-1].append(i)
            else:
                out.append([i])
            where.append(len(out) - 1)
        return out, where

    def _joined(self, i: int) -> bool:
        """Claims ``i − 1`` and ``i`` are of one long sentence: their windows overlap,
        and the short text between them ends no sentence."""
        a, b = self.claims[i - 1].end - self.offset, self.claims[i].start - self.offset
        if not 0 <= b - a <= JOIN_REACH or _SENTENCE_END.search(self.text, a, b) is not None:
            return False
        return self.spans[self.sentence[i - 1]][1] > b

    def words(self, a: int, b: int) -> list[str]:
        """Folded words of the text between chunk offsets ``a`` and ``b``."""
        key = (a, b)
        w = self._words.get(key)
        if w is None:
            w = self._words[key] = folded_words(self.text[a:b]) if b > a else []
        return w

    def lead(self, i: int) -> list[str]:
        """The claim's own words before its number (``منذ`` of «منذ 5 سنوات»)."""
        t = self.claims[i].text
        m = _DIGIT.search(t)
        if m:
            return folded_words(t[:m.start()])
        return folded_words(t)[:-1]  # in words: «الذكرى الثامنة» leads with الذكرى

    def before(self, i: int, n: int = 8) -> list[str]:
        """Up to ``n`` words before claim ``i``'s number, inside its sentence."""
        c = self.claims[i]
        a = self.spans[self.sentence[i]][0]
        b = c.start - self.offset
        w = self.words(max(a, b - 12 * n), b) + self.lead(i)
        return w[-n:]

    def after(self, i: int, n: int = 8) -> list[str]:
        """Up to ``n`` words after claim ``i``, inside its sentence."""
        c = self.claims[i]
        a = c.end - self.offset
        b = self.spans[self.sentence[i]][1]
        return self.words(a, min(b, a + 12 * n))[:n]

    def between(self, i: int, j: int) -> list[str]:
        """The words between claims ``i`` and ``j`` (``i`` first), plus ``j``'s leading words."""
        a, b = self.claims[i].end - self.offset, self.claims[j].start - self.offset
        return self.words(a, b) + self.lead(j)

    def gap(self, i: int, j: int) -> list[str]:
        """The words strictly between claims ``i`` and ``j`` (``i`` first)."""
        return self.words(self.claims[i].end - self.offset, self.claims[j].start - self.offset)

    def note(self, rule: str, *claims: Claim) -> None:
        """A relation was read (whether or not it holds)."""
        self.read[rule] += 1
        if self.trace is not None:
            self.trace.append((rule, claims))

    def figure(self, i: int, *, stated: bool = False) -> Interval | None:
        """The values claim ``i``'s figure allows (None: no amount, or not sure of it)."""
        c = self.claims[i]
        m = _ROUND.fullmatch(_DIGITS_ONLY.sub("", c.text)) if c.resolution == 1 else None
        if m is not None:
            # «من أصل 110000»: a count this round was rounded by its writer (47270 of
            # 110000 is 42.97 %, the copy's 43.12 % is of about 109,600)
            c = replace(c, resolution=Decimal(10) ** (len(m.group(1)) - 1))
        return interval(c, self.approx, stated=stated)

    # ------------------------------------------------------------------ the document's date

    @cached_property
    def _scopes(self) -> list[tuple[int, int]]:
        """The documents of the text: the whole of it, or each line of an archive."""
        lines = []
        k = 0
        for ln in self.text.split("\n"):
            lines.append((k, k + len(ln)))
            k += len(ln) + 1
        if sum(1 for a, b in lines if b - a > ARTICLE_LINE) >= 2:
            return lines
        return [(0, len(self.text))]

    def scope(self, i: int) -> int:
        """Which document of the text claim ``i`` belongs to."""
        a = self.claims[i].start - self.offset
        scopes = self._scopes
        if len(scopes) == 1:
            return 0
        lo, hi = 0, len(scopes) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if scopes[mid][0] <= a:
                lo = mid
            else:
                hi = mid - 1
        return lo

    @cached_property
    def _dates(self) -> dict[int, date]:
        latest: dict[int, date] = {}
        for i, c in enumerate(self.claims):
            if c.kind is Kind.DATE:
                d = parse_date(c.value)
                if d is not None:
                    s = self.scope(i)
                    if s not in latest or d > latest[s]:
                        latest[s] = d
        return latest

    def now(self, i: int) -> date | None:
        """The date of claim ``i``'s document: ``as_of``, else its latest full date."""
        if self.as_of is not None:
            return self.as_of
        return self._dates.get(self.scope(i))

    # ------------------------------------------------------------------ explanations

    def amount(self, c: Claim) -> str:
        return fmt_amount(c.value, c.unit, c.qualifier, self.lang, c.low, c.high)

    def amount_of(self, value: Decimal, c: Claim) -> str:
        """``value`` in claim ``c``'s unit, as an explanation writes it."""
        return fmt_amount(value, c.unit, lang=self.lang)

    def explain(self, key: str, **fields: Any) -> str:
        t = templates(self.lang)
        return t[key].format(**{k: fmt_num(v) if isinstance(v, Decimal) else v
                                for k, v in fields.items()})

    def direction(self, up: bool) -> str:
        return templates(self.lang)["increase" if up else "decrease"]
