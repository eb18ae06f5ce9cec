"""The state of one document's scan, and the values passed between its stages.

A number is read in three steps: where it starts and what it is as written
(:class:`Core`, :mod:`~claimcheck.extraction.anchors`), what kind of claim the
words around it make of it (:class:`Draft`, :mod:`~claimcheck.extraction.kinds`),
and what bounds it (:mod:`~claimcheck.extraction.context`). All of them read the
normalised text through a :class:`Scan`, which also keeps the one rule that
joins them: no claim starts before the previous one ended (``floor``).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from claimcheck.lang import relite as rx
from claimcheck.model import Calendar, Kind, Qualifier

if TYPE_CHECKING:  # pragma: no cover
    import re

    from claimcheck.extraction.document import ExtractionInput
    from claimcheck.extraction.patterns import Lexicon


@dataclass(slots=True)
class Core:
    """A number as written: digits and/or words, before its unit is known."""

    start: int
    end: int
    value: Decimal | None
    resolution: Decimal | None = None
    scaled: bool = False
    plain_int: bool = False      # digits only, no separators, no scale
    ndigits: int = 0
    ordinal: bool = False
    low: Decimal | None = None
    high: Decimal | None = None
    vague: bool = False
    scale: Decimal = Decimal(1)  # the scale word's multiplier (``5 ملايين`` → 10⁶)
    definite: bool = False       # written with the article (``الثلاثين``)


@dataclass(slots=True)
class Draft:
    """A claim being assembled on the normalised text."""

    start: int
    end: int
    kind: Kind
    value: Any
    low: Any = None
    high: Any = None
    unit: str | None = None
    qualifier: Qualifier = Qualifier.EXACT
    subject: tuple[int, int] | None = None
    calendar: Calendar | None = None
    currency_assumed: bool = False
    resolution: Decimal | None = None
    cur_noun: str | None = None  # the currency noun (دينار…), to settle bare ones per document


#: A date that exists but cannot be given a value (a Hijri day without its year):
#: neither a claim nor a number to report.
SKIP = Draft(0, 0, Kind.DATE, None)


@dataclass(frozen=True, slots=True)
class LeftContext:
    """Words that must end right before the number (``أكثر من``، ``القرار رقم``).

    ``pattern`` is searched in a window that ends at the number. Searching costs
    a match attempt at every character of the window, so the word right before
    the number is looked at first: ``words`` are the only words a match can end
    with (a head with its clitics, ``وأكثر``، or a phrase's last word, ``رقم``)
    and ``endings`` what else such a word may end with. ``words`` None: no
    look-up (the pattern may end with any word).
    """

    pattern: re.Pattern[str]
    words: frozenset[str] | None = None
    endings: tuple[str, ...] = ()


def word_before(t: str, s: int) -> str | None:
    """The letters right before offset ``s`` (``من 5`` → ``من``، ``بـ5`` → ``ب``): the
    whole run of letters ending at ``s`` or one space before it; "" at the start
    of a line (no left context reaches across a line break).

    None where the run cannot be told as cheaply (a sign such as ``(`` or ``$``
    before the number, two spaces or another blank, a letter-like sign such as
    ``²`` before the run, a run of 40 letters): the caller then searches its
    pattern as if no word were known.
    """
    if s == 0:
        return ""
    c = t[s - 1]
    if c == " ":
        e = s - 1
        if e == 0 or not t[e - 1].isalpha():
            return None
    elif c.isalpha():
        e = s
    elif c == "\n":
        return ""
    else:
        return None
    lo = e - 40 if e > 40 else 0
    b = t.rfind(" ", lo, e) + 1
    if not (b and t[b:e].isalpha()):  # not a word after a space: letter by letter
        b = e - 1
        while b > lo and t[b - 1].isalpha():
            b -= 1
    if b == lo and lo > 0:
        return None  # too long to be a head word
    if b and t[b - 1].isalnum() and not t[b - 1].isdecimal():
        return None  # a letter-like sign glued before it (``\w`` but no digit)
    return t[b:e]


class Scan:
    """One document being read: its normalised text ``t``, the lexicon, and
    ``floor``, the end of the last claim (no claim may start before it)."""

    __slots__ = ("doc", "t", "lex", "floor", "_word_at", "_word")

    def __init__(self, doc: ExtractionInput, lex: Lexicon) -> None:
        self.doc = doc
        self.t = doc.norm.text
        self.lex = lex
        self.floor = 0
        self._word_at = -1  # the last offset word_before was read at, and its word
        self._word: str | None = None

    def left(self, ctx: LeftContext, s: int, width: int = 48) -> rx.Match[str] | None:
        """``ctx`` ending right before offset ``s``, searched at most ``width``
        characters back (never before ``floor``)."""
        words = ctx.words
        if words is not None:
            if s != self._word_at:  # several contexts are looked up at the same offset
                self._word_at, self._word = s, word_before(self.t, s)
            w = self._word
            if w is not None and w not in words and not (ctx.endings and w.endswith(ctx.endings)):
                return None  # the word before the number ends none of its matches
        w0 = s - width
        if w0 < self.floor:
            w0 = self.floor
        if w0 >= s:
            return None
        return ctx.pattern.search(self.t, w0, s)
