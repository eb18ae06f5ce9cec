"""Dates: ``15 ديسمبر 2023``، ``كانون الثاني/يناير 2024``، ``7 رمضان 1445 هـ``،
``25/12/2023``، ``الثالث من أكتوبر``، years after a year head (``منذ عام 2014``)
or standing in a sentence (``في 2014``), Hijri years (``1445 هـ``).

Values are ISO 8601: a day (``2023-12-15``), a month (``2024-01``), a year
(``2014``), a day without its year (``--12-15``); a Hijri month or year is the
Gregorian interval it covers (``low``/``high``), converted with hijridate.
"""
from __future__ import annotations

import datetime as _dt

from claimcheck.extraction.context import SUBJECT, is_subject
from claimcheck.extraction.patterns import key
from claimcheck.extraction.scan import SKIP, Core, Draft, Scan
from claimcheck.lang import relite as rx
from claimcheck.model import Calendar, Kind

_LETTER_BEFORE = rx.compile(r"\p{L}[^\n]*$")
_LETTER_AFTER = rx.compile(r"[^\n\p{L}]{0,40}\p{L}")


def attach(x: Scan, core: Core, left: int) -> Draft | None:
    """The date a whole number makes with a month name or a year head around it
    (:data:`~claimcheck.extraction.scan.SKIP`: a date that cannot be given a value)."""
    t, lex = x.t, x.lex
    n = int(core.value)
    e = core.end
    # day month [year]: ``15 ديسمبر 2023``، ``7 رمضان 1445 هـ``
    mm = lex.months.after_re.match(t, e)
    if mm and 1 <= n <= 31 and core.ndigits <= 2:
        return _day_month_year(x, left, n, mm)
    # month year: ``ديسمبر 2023``، ``كانون الثاني/يناير 2024``
    if 3 <= core.ndigits <= 4:
        bm = x.left(lex.months.before, left, 40)
        if bm:
            return _month_year(x, bm, n, core)
    hm = lex.context.hijri_marker_re.match(t, e)
    if hm:
        lo, hi = _hijri_bounds(n, None)
        if lo is None:  # before 1343 AH hijridate cannot convert; never read it as Gregorian
            return Draft(_date_start(x, left), hm.end(), Kind.DATE, None, calendar=Calendar.HIJRI)
        st = _date_start(x, left)
        return Draft(st, hm.end(), Kind.DATE, None, low=lo, high=hi, calendar=Calendar.HIJRI)
    if core.ndigits == 4 and 1800 <= n <= 2100 and _words_on_line(x, left, e) or (
            core.ndigits <= 4 and 1 <= n <= 2100 and x.left(lex.context.year_head_re, left, 24)):
        if core.ndigits < 4 and not x.left(lex.context.span_date_re, left, 24):
            return None
        gm = lex.context.greg_marker_re.match(t, e)
        end = gm.end() if gm else e
        sub = SUBJECT.match(t, e)
        if sub and core.ndigits == 4 and not x.left(lex.context.year_head_re, left, 24):
            if is_subject(sub.group("w"), lex):
                return None  # ``2000 شخص`` is a count, not a year
        return Draft(_date_start(x, left), end, Kind.DATE, f"{n:04d}", calendar=Calendar.GREGORIAN)
    return None


def _words_on_line(x: Scan, s: int, e: int) -> bool:
    """A year needs a sentence around it; a lone ``2000`` (a table cell) is a number."""
    t = x.t
    return bool(_LETTER_BEFORE.search(t, max(0, s - 80), s) or _LETTER_AFTER.match(t, e))


def _date_start(x: Scan, s: int) -> int:
    hm = x.left(x.lex.context.span_date_re, s, 24)
    return max(x.floor, hm.start("h")) if hm else s


def _day_month_year(x: Scan, left: int, day: int, mm: rx.Match[str]) -> Draft | None:
    lex, t = x.lex, x.t
    name = key(mm.group("m"))
    end = mm.end()
    year = int(mm.group("y")) if mm.group("y") else None
    if name in lex.months.hijri and name not in lex.months.gregorian:
        month = lex.months.hijri[name]
        hm = lex.context.hijri_marker_re.match(t, end)
        if hm:
            end = hm.end()
        if year is None:
            # ``الخميس 7 رمضان``: a Hijri day without its year cannot be placed in
            # the Gregorian calendar — no claim, and not a count of "رمضان"
            return SKIP
        try:
            from hijridate import Hijri
            g = Hijri(year, month, day).to_gregorian()
        except (ValueError, OverflowError):
            return None
        return Draft(left, end, Kind.DATE, g.isoformat(), calendar=Calendar.HIJRI)
    month = lex.months.gregorian.get(name)
    if month is None:
        return None
    if mm.group("m2") and lex.months.gregorian.get(key(mm.group("m2"))) not in (None, month):
        return None
    if year is None:
        try:
            _dt.date(2000, month, day)
        except ValueError:
            return None
        return Draft(left, end, Kind.DATE, f"--{month:02d}-{day:02d}", calendar=Calendar.GREGORIAN)
    gm = lex.context.greg_marker_re.match(t, end)
    if gm:
        end = gm.end()
    try:
        iso = _dt.date(year, month, day).isoformat()
    except ValueError:
        return None
    return Draft(left, end, Kind.DATE, iso, calendar=Calendar.GREGORIAN)


def _month_year(x: Scan, bm: rx.Match[str], year: int, core: Core) -> Draft | None:
    lex, t = x.lex, x.t
    name = key(bm.group("m"))
    end = core.end
    st = bm.start("m")
    if name in lex.months.hijri and name not in lex.months.gregorian:
        hm = lex.context.hijri_marker_re.match(t, end)
        if hm:
            end = hm.end()
        lo, hi = _hijri_bounds(year, lex.months.hijri[name])
        if lo is None:
            return None
        return Draft(st, end, Kind.DATE, None, low=lo, high=hi, calendar=Calendar.HIJRI)
    month = lex.months.gregorian.get(name)
    if month is None or not 1000 <= year <= 2200:
        return None
    gm = lex.context.greg_marker_re.match(t, end)
    if gm:
        end = gm.end()
    return Draft(st, end, Kind.DATE, f"{year:04d}-{month:02d}", calendar=Calendar.GREGORIAN)


def numeric_date(x: Scan, dm: rx.Match[str]) -> Draft | None:
    a, b, c = dm.group(1, 3, 4)
    hm = x.lex.context.hijri_marker_re.match(x.t, dm.end())
    if hm:  # ``17-5-1433هـ``: a Hijri date, converted to its Gregorian day
        y, mo, da = (int(a), int(b), int(c)) if len(a) == 4 else (int(c), int(b), int(a))
        try:
            from hijridate import Hijri
            g = Hijri(y, mo, da).to_gregorian()
        except (ValueError, OverflowError):
            return None
        return Draft(dm.start(), hm.end(), Kind.DATE, g.isoformat(), calendar=Calendar.HIJRI)
    end = dm.end()
    if end < len(x.t) and x.t[end].isalpha() and not x.lex.context.greg_marker_re.match(x.t, end):
        return None
    try:
        if len(a) == 4:      # 2024/3/7
            date = _dt.date(int(a), int(b), int(c))
        elif len(c) == 4:    # 25/12/2023 (day first, as Arabic papers write it)
            date = _dt.date(int(c), int(b), int(a))
        else:
            return None
    except ValueError:
        return None
    if not 1800 <= date.year <= 2200:
        return None
    return Draft(dm.start(), dm.end(), Kind.DATE, date.isoformat(), calendar=Calendar.GREGORIAN)


def ordinal_date(x: Scan, core: Core) -> Draft | None:
    """``الثالث من أكتوبر 2023`` → 2023-10-03."""
    if core.value is None or not 1 <= core.value <= 31:
        return None
    mm = x.lex.months.after_re.match(x.t, core.end)
    if not mm or not x.t[core.end:mm.start("m")].strip().startswith("من"):
        return None
    return _day_month_year(x, core.start, int(core.value), mm)


def _hijri_bounds(year: int, month: int | None) -> tuple[str | None, str | None]:
    try:
        from hijridate import Hijri
        if month is None:
            lo = Hijri(year, 1, 1).to_gregorian()
            nxt = Hijri(year + 1, 1, 1).to_gregorian()
        else:
            lo = Hijri(year, month, 1).to_gregorian()
            nxt = Hijri(year + (month == 12), month % 12 + 1, 1).to_gregorian()
    except (ValueError, OverflowError):
        return None, None
    return lo.isoformat(), (nxt - _dt.timedelta(days=1)).isoformat()
