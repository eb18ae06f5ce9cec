"""What a consistency rule is, what it finds, and the interval arithmetic it uses.

A figure as written stands for an interval (SPEC §3): ``150 مليون`` is
[149.5, 150.5] million, ``نحو 40%`` is 40 % ± 10 % of it, ``أكثر من 20`` is
(20, ∞). A relation between figures is flagged only when no value of those
intervals satisfies it (SPEC §6): the arithmetic below is done on intervals,
and a rule compares the interval a relation implies with the interval of the
figure the text states.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from claimcheck.model import Claim, Qualifier, Reason

if TYPE_CHECKING:
    from claimcheck.checking.rules.document import Document

ZERO, ONE, HUNDRED = Decimal(0), Decimal(1), Decimal(100)


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed interval of non-negative amounts; ``hi`` None is unbounded."""

    lo: Decimal
    hi: Decimal | None

    def __add__(self, o: Interval) -> Interval:
        return Interval(self.lo + o.lo, None if self.hi is None or o.hi is None else self.hi + o.hi)

    def times(self, o: Interval) -> Interval:
        return Interval(self.lo * o.lo, None if self.hi is None or o.hi is None else self.hi * o.hi)

    def over(self, o: Interval) -> Interval:
        """``self / o`` for positive intervals (``o.lo`` 0 makes it unbounded)."""
        lo = ZERO if o.hi is None else self.lo / o.hi
        hi = None if self.hi is None or o.lo <= 0 else self.hi / o.lo
        return Interval(lo, hi)

    def minus(self, o: Interval) -> Interval:
        """|self − o| as an interval (0 when they overlap)."""
        if o.hi is not None and self.lo > o.hi:
            return Interval(self.lo - o.hi, None if self.hi is None else self.hi - o.lo)
        if self.hi is not None and o.lo > self.hi:
            return Interval(o.lo - self.hi, None if o.hi is None else o.hi - self.lo)
        span = None if self.hi is None or o.hi is None else max(self.hi - o.lo, o.hi - self.lo)
        return Interval(ZERO, span)

    def scaled(self, k: Decimal) -> Interval:
        return Interval(self.lo * k, None if self.hi is None else self.hi * k)

    def widened(self, rel: Decimal) -> Interval:
        """Relative slack on both ends (for loose words such as تضاعف)."""
        return Interval(self.lo * (ONE - rel), None if self.hi is None else self.hi * (ONE + rel))

    def meets(self, o: Interval) -> bool:
        """Whether some value lies in both."""
        if self.hi is not None and self.hi < o.lo:
            return False
        return not (o.hi is not None and o.hi < self.lo)


def resolution(c: Claim) -> Decimal:
    r = c.resolution
    if r is None:
        return ONE
    return r if isinstance(r, Decimal) else Decimal(str(r))


def interval(c: Claim, approx: Decimal, *, stated: bool = False) -> Interval | None:
    """The values a claim's written figure allows (None when it has no amount).

    ``stated``: the figure a relation is checked against (a percentage, a part):
    writers round it or cut its digits, so it stands for a whole step either
    side; the figures it is computed from stand for half a step (rounding).
    """
    if c.value is None or isinstance(c.value, str):
        if isinstance(c.low, Decimal) and isinstance(c.high, Decimal):
            half = resolution(c) / 2
            return Interval(max(ZERO, c.low - half), c.high + half)
        return None
    v = c.value
    if not isinstance(v, Decimal) or v < 0:
        return None
    step = resolution(c) if stated else resolution(c) / 2
    q = c.qualifier
    if q is Qualifier.EXACT:
        return Interval(max(ZERO, v - step), v + step)
    if q is Qualifier.APPROXIMATE:
        return Interval(max(ZERO, min(v * (ONE - approx), v - step)), max(v * (ONE + approx), v + step))
    if q in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
        return Interval(v, None)
    return Interval(ZERO, v)


@dataclass(frozen=True, slots=True)
class Finding:
    """One claim a relation contradicts, with the claims it used and what it implies."""

    claim: Claim
    reason: Reason
    related: tuple[Claim, ...]
    expected: Decimal | str | None
    explanation: str


@dataclass(frozen=True, slots=True)
class Rule:
    """A consistency check between the claims of one document (one module each).

    ``find`` reads a :class:`~claimcheck.checking.rules.document.Document` and
    yields findings; ``cases`` names its table of cases under ``tests/cases/rules``;
    ``needs_now``: it compares with the document's date (silent without one);
    ``default``: on unless chosen off (a rule below the precision target is off).
    """

    name: str
    reason: Reason
    summary: str
    find: Callable[[Document], Iterable[Finding]] = field(repr=False)
    needs_now: bool = False
    default: bool = True
