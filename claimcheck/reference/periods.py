"""Periods of reference facts and of dates in text: ISO 8601 dates (``2024``,
``2024-03``, ``2024-03-11``, in any digit script) and intervals (``2014/2024``),
each an inclusive span of days.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from claimcheck.text.normalize import fold
from claimcheck.lang import recache

_DATE_RE = recache.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


@dataclass(frozen=True, slots=True)
class Period:
    """An inclusive span of days; ``text`` is the ISO 8601 form it was written as."""

    text: str
    start: date
    end: date

    def overlaps(self, other: "Period") -> bool:
        return self.start <= other.end and other.start <= self.end

    def contains(self, other: "Period") -> bool:
        return self.start <= other.start and other.end <= self.end

    @property
    def is_interval(self) -> bool:
        return "/" in self.text

    def distance(self, d: date) -> int:
        """Days from ``d`` to this period (0 when inside)."""
        if d < self.start:
            return (self.start - d).days
        if d > self.end:
            return (d - self.end).days
        return 0


def _month_end(y: int, m: int) -> date:
    first_next = date(y + (m == 12), m % 12 + 1, 1)
    return date.fromordinal(first_next.toordinal() - 1)


#: Periods are immutable and recur (a table's years, a text's dates): one object
#: each, shared (10,000 rows hold a few dozen periods)
@lru_cache(maxsize=1 << 12)
def parse_iso_date(s: str) -> Period:
    """``2024`` / ``2024-03`` / ``2024-03-11`` (any digit script) as a span of days.

    >>> parse_iso_date("2024-02").end
    datetime.date(2024, 2, 29)
    """
    t = fold(s).strip()
    m = _DATE_RE.fullmatch(t)
    if not m:
        raise ValueError(f"not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD): {s!r}")
    y = int(m.group(1))
    try:
        if m.group(3):
            d = date(y, int(m.group(2)), int(m.group(3)))
            return Period(t, d, d)
        if m.group(2):
            mo = int(m.group(2))
            return Period(t, date(y, mo, 1), _month_end(y, mo))
        return Period(t, date(y, 1, 1), date(y, 12, 31))
    except ValueError:
        raise ValueError(f"no such date: {s!r}") from None


@lru_cache(maxsize=1 << 12)
def parse_period(s: str) -> Period:
    """An ISO 8601 date or interval ``start/end`` (each a date of any precision)."""
    t = fold(s).strip()
    if "/" in t:
        a, _, b = t.partition("/")
        pa, pb = parse_iso_date(a), parse_iso_date(b)
        if pb.end < pa.start:
            raise ValueError(f"interval ends before it starts: {s!r}")
        return Period(f"{pa.text}/{pb.text}", pa.start, pb.end)
    return parse_iso_date(t)
