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
from claimcheck.lang import clitics
from claimcheck.lang import relite as rx
from claimcheck.model import Calendar, Kind

_CLITICS_OR_NONE = ("",) + clitics.GLUED
_LETTER_BEFORE = rx.compile(r"\p{L}[^\n]*$")
_LETTER_AFTER = rx.compile(r"[^\n\p{L}]{0,40}\p{L}")
#: Between the two days of one month: ``(8-12) ذو القعدة``، ``13 الى 15 تموز``،
#: ``بين 13 و15 يوليو`` (و only after بين); a bracket may close after the second day.
_DAY_TO_DAY = rx.compile(r"\s*(?P<c>[-–]|(?:و?حتي|الي)\s|و)\s*(?P<d>[0-9]{1,2})(?![0-9])\s*\)?")
#: From a day without its year to a dated one: ``من 15 يونيو وحتى 15 سبتمبر 2015م``.
_DAY_TO_DATE = rx.compile(r"\s*(?:[-–]|(?:و?حتي|الي)\s)\s*(?P<d>[0-9]{1,2})(?![0-9])")
#: ``بين 29 سبتمبر و8 نوفمبر``، ``من 30 حزيران ولغاية 7 تموز``: the other joins of two days.
_DAY_AND_DAY = rx.compile(r"\s*(?:و?لغايه\s|الي|و)\s*(?P<d>[0-9]{1,2})(?![0-9])")
#: ``1430هـ-1434هـ``، ``1430 - 1434 هـ``: a span of Hijri years, the mark on the second.
_DAY_SPAN_NUM = rx.compile(r"([0-9]{1,2}) ?[-–] ?([0-9]{1,2}) ?([/.]) ?([0-9]{1,2}) ?\3 ?([0-9]{4})(?![0-9])")
#: ``9 منه``، ``11 من الشهر ذاته``: a day of the month named before; ``15 من الشهر الجاري``:
#: of this (next, last) month, not named.
_SAME_MONTH = rx.compile(r"\s+(?:(?P<it>منه)|من\s+(?:نفس\s+الشهر|الشهر\s+(?:ذاته|نفسه|عينه|"
                         r"(?P<rel>الجاري|الحالي|المقبل|القادم|الماضي|المنصرم))))(?![\p{L}])")
_YEAR_TO_YEAR = rx.compile(r"\s*(?:[-–]|(?:و?حتي|الي)\s)\s*(?P<y>[0-9]{4})(?![0-9])")


#: Year heads that are bare prepositions: before four digits and a counted noun they count.
_BARE_HEADS = frozenset(["في", "وفي", "ففي", "حتي", "وحتي"])


def attach(x: Scan, core: Core, left: int) -> Draft | None:
    """The date a whole number makes with a month name or a year head around it
    (:data:`~claimcheck.extraction.scan.SKIP`: a date that cannot be given a value)."""
    t, lex = x.t, x.lex
    n = int(core.value)
    e = core.end
    # day month [year]: ``15 ديسمبر 2023``، ``7 رمضان 1445 هـ``
    mm = lex.months.after_re.match(t, e) or lex.months.dashed_re.match(t, e)
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
        end = hm.end()
        ym = _YEAR_TO_YEAR.match(t, end)
        hm2 = ym and lex.context.hijri_marker_re.match(t, ym.end())
        if hm2 and n < int(ym.group("y")) <= n + 100:
            # ``1430هـ-1434هـ``: from the first day of the first year to the last of the second
            hi2 = _hijri_bounds(int(ym.group("y")), None)[1]
            if hi2 is not None:
                hi, end = hi2, hm2.end()
        st = _date_start(x, left)
        return Draft(st, end, Kind.DATE, None, low=lo, high=hi, calendar=Calendar.HIJRI)
    if core.ndigits == 4 and 1800 <= n <= 2100 and _words_on_line(x, left, e) or (
            core.ndigits <= 4 and 1 <= n <= 2100 and x.left(lex.context.year_head_re, left, 24)):
        if core.ndigits < 4 and not x.left(lex.context.span_date_re, left, 24):
            return None
        gm = lex.context.greg_marker_re.match(t, e)
        end = gm.end() if gm else e
        sub = SUBJECT.match(t, e)
        if sub and core.ndigits == 4:
            head = x.left(lex.context.year_head_re, left, 24)
            if head is None and is_subject(sub.group("w"), lex) or head is not None and not (
                    1900 <= n <= 2030) and head.group().split()[-1] in _BARE_HEADS and (
                    sub.group("w") in lex.words.counted().singulars):
                # ``2000 شخص`` is a count, not a year; so is ``في 1363 مباراة``، ``في 1741 حالة``
                # after a bare في or حتى: a countable noun after a figure that is no recent
                # year (``في 2002 شركة``، ``في 1986 جائزة``: the verb's object after its date)
                return None
        return Draft(_date_start(x, left), end, Kind.DATE, f"{n:04d}", calendar=Calendar.GREGORIAN)
    return None


def year_in_words(x: Scan, core: Core) -> Draft | None:
    """A year written in words right after a year noun: ``عام ألفين وتسعة عشر`` =
    2019, ``سنة ألف وتسعمائة وخمسين`` = 1950; with a Hijri mark after it
    (``عام ألف وأربعمائة وخمسة وأربعين هـ``) the Gregorian interval of that year.

    Only after عام/العام/سنة (and منذ عام …): ``ألفين وتسعة عشر`` alone is a
    count, and ``ألف عام`` (a thousand years) has the noun after the number.
    """
    v = core.value
    if v is None or v != v.to_integral_value() or not 1000 <= v <= 2100:
        return None
    t, lex = x.t, x.lex
    head = x.left(lex.context.span_date_re, core.start, 24)
    if head is None or not _names_a_year(head.group(), lex.words.LEX.year_nouns):
        return None
    n = int(v)
    hm = lex.context.hijri_marker_re.match(t, core.end)
    if hm:
        lo, hi = _hijri_bounds(n, None)
        return Draft(_date_start(x, core.start), hm.end(), Kind.DATE, None, low=lo, high=hi,
                     calendar=Calendar.HIJRI)
    gm = lex.context.greg_marker_re.match(t, core.end)
    end = gm.end() if gm else core.end
    return Draft(_date_start(x, core.start), end, Kind.DATE, f"{n:04d}", calendar=Calendar.GREGORIAN)


def _names_a_year(head: str, nouns: frozenset[str]) -> bool:
    """Does the year head hold a year noun (``منذ عام``، ``للعام``), not only ``منذ``?"""
    for w in head.split():
        for p in _CLITICS_OR_NONE:
            if w.startswith(p) and w[len(p):] in nouns:
                return True
    return False


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
    found = mm.groupdict()
    y = found.get("y") or found.get("yc")
    year = int(y) if y else None
    hijri = name in lex.months.hijri and name not in lex.months.gregorian
    if year is not None and not _plausible_year(year, hijri):
        # ``في 5 مارس 3500 إصابة``: a count after the month, not its year
        year, end = None, mm.end("m2") if found.get("m2") else mm.end("m")
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
    if found.get("m2") and lex.months.gregorian.get(key(found["m2"])) not in (None, month):
        return None
    if year is None:
        try:
            _dt.date(2000, month, day)
        except ValueError:
            return None
        if x.left(lex.context.named_date_re, left, 24):
            return SKIP  # ``ثورة 25 يناير``: the name of an event, not a date the copy states
        d = Draft(left, end, Kind.DATE, f"--{month:02d}-{day:02d}", calendar=Calendar.GREGORIAN)
        return _up_to_dated_day(x, d, month, day) or d
    gm = lex.context.greg_marker_re.match(t, end)
    if gm:
        end = gm.end()
    try:
        iso = _dt.date(year, month, day).isoformat()
    except ValueError:
        return None
    return Draft(left, end, Kind.DATE, iso, calendar=Calendar.GREGORIAN)


def _up_to_dated_day(x: Scan, d: Draft, month: int, day: int) -> Draft | None:
    """``من 15 يونيو وحتى 15 سبتمبر 2015م``: a day without its year, then the day
    that closes the span, with the year both share (the year before when the first
    day falls later in the year: ``من 20 ديسمبر إلى 5 يناير 2016``)."""
    m = _DAY_TO_DATE.match(x.t, d.end) or _DAY_AND_DAY.match(x.t, d.end)
    if m is None:
        return None
    mm = x.lex.months.after_re.match(x.t, m.end())
    if mm is None:
        return None
    if not (mm.group("y") or mm.group("yc")):
        return _yearless_span(x, d, m, mm, month, day)
    if m.re is _DAY_AND_DAY:
        return None
    hi = _day_month_year(x, m.start("d"), int(m.group("d")), mm)
    if hi is None or hi is SKIP or hi.calendar is not Calendar.GREGORIAN or hi.value.startswith("--"):
        return None
    end = _dt.date.fromisoformat(hi.value)
    try:
        start = _dt.date(end.year, month, day)
        if start >= end:
            start = _dt.date(end.year - 1, month, day)
    except ValueError:
        return None
    return Draft(d.start, hi.end, Kind.DATE, None, low=start.isoformat(), high=hi.value,
                 calendar=Calendar.GREGORIAN)


def _yearless_span(x: Scan, d: Draft, m: rx.Match[str], mm: rx.Match[str], month: int,
                   day: int) -> Draft | None:
    """``من 28 يناير إلى 3 فبراير``، ``ما بين 21 كانون الثاني و25 شباط``: two days of
    two months with no year, after من or بين, the second later in the year: one span
    of days (``--01-28`` to ``--02-03``), as ``من 8 إلى 20 ديسمبر`` is."""
    ctx = x.lex.context
    if not (x.left(ctx.range_from_re, d.start, 8) or x.left(ctx.range_between_re, d.start, 24)):
        return None
    hi = _day_month_year(x, m.start("d"), int(m.group("d")), mm)
    if hi is None or hi is SKIP or hi.calendar is not Calendar.GREGORIAN or not hi.value.startswith("--"):
        return None
    low = f"--{month:02d}-{day:02d}"
    if not low < hi.value:
        return None  # ``من 20 ديسمبر إلى 5 يناير``: the year turns, and neither is known
    return Draft(d.start, hi.end, Kind.DATE, None, low=low, high=hi.value, calendar=Calendar.GREGORIAN)


def day_range(x: Scan, core: Core) -> Draft | None:
    """Two days of one month: ``(8-12) ذو القعدة 1436ه``، ``من 13 الى 15 تموز``،
    ``بين 13 و15 يوليو 2015`` → the span of days (:data:`SKIP` when it cannot be
    placed: Hijri days without their year); None when no month follows."""
    t = x.t
    m = _DAY_TO_DAY.match(t, core.end)
    if m is None:
        return None
    d1, d2 = int(core.value), int(m.group("d"))
    mm = x.lex.months.after_re.match(t, m.end())
    if mm is None or not 1 <= d1 < d2 <= 31:
        return None
    st = core.start - 1 if t[core.start - 1:core.start] == "(" and ")" in m.group(0) else core.start
    hi = _day_month_year(x, max(x.floor, st), d2, mm)
    if hi is None or hi is SKIP or hi.low is not None:
        return hi
    lo = _day_month_year(x, max(x.floor, st), d1, mm)
    if lo is None or lo is SKIP or lo.low is not None:
        return None
    if m.group("c") == "و" and not x.left(x.lex.context.range_between_re, core.start, 24):
        # ``يومي 13 و15 يوليو``: two days listed, the first one dated by the month after the second
        return Draft(core.start, core.end, Kind.DATE, lo.value, calendar=lo.calendar)
    hi.low, hi.high, hi.value = lo.value, hi.value, None
    return hi


def _plausible_year(year: int, hijri: bool) -> bool:
    """A year a news date can have (Hijri 1300–1500, Gregorian 1800–2100)."""
    return 1300 <= year <= 1500 if hijri else 1800 <= year <= 2100


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


def numeric_day_span(x: Scan, s: int) -> Draft | None:
    """``2 - 4 / 6 / 1436هـ``، ``12-14/3/2015``: a span of days written before the
    month and year of a numeric date (a Hijri one converted day by day)."""
    m = _DAY_SPAN_NUM.match(x.t, s)
    if m is None:
        return None
    d1, d2, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(4)), int(m.group(5))
    if not (1 <= d1 < d2 <= 31 and 1 <= mo <= 12):
        return None
    hm = x.lex.context.hijri_marker_re.match(x.t, m.end())
    try:
        if hm:
            from hijridate import Hijri
            lo, hi = Hijri(y, mo, d1).to_gregorian(), Hijri(y, mo, d2).to_gregorian()
        else:
            end = m.end()
            if end < len(x.t) and x.t[end].isalpha() and not x.lex.context.greg_marker_re.match(x.t, end):
                return None
            if not 1800 <= y <= 2200:
                return None
            lo, hi = _dt.date(y, mo, d1), _dt.date(y, mo, d2)
    except (ValueError, OverflowError):
        return None
    cal = Calendar.HIJRI if hm else Calendar.GREGORIAN
    return Draft(s, hm.end() if hm else m.end(), Kind.DATE, None, low=lo.isoformat(), high=hi.isoformat(),
                 calendar=cal)


def day_of_same_month(x: Scan, core: Core) -> Draft | None:
    """``في الثامن من آب، ثم في 9 منه``، ``وفي 11 من الشهر ذاته``: a day of the month
    the sentence named before it (a Gregorian month named with no year: ``--MM-DD``).
    A day of a month named only as this, next or last month (``15 من الشهر الجاري``)
    cannot be placed: :data:`SKIP` (a day, not a count). None: no such phrase after it."""
    t = x.t
    m = _SAME_MONTH.match(t, core.end)
    if m is None or core.value is None or not 1 <= core.value <= 31:
        return None
    if m.group("rel"):
        return SKIP
    back = t[max(0, core.start - 160):core.start]  # (the month may be in the claim before)
    cut = max(back.rfind("."), back.rfind("؟"), back.rfind("!"), back.rfind("\n"))
    months = list(_month_words(x).finditer(back, cut + 1))
    if not months:  # ``حصل على 5 منه``: «of it», no month before: a count after all
        return None if m.group("it") else SKIP
    month = x.lex.months.gregorian.get(months[-1].group(1))
    if month is None:
        return SKIP  # a Hijri month named with no year: the day cannot be dated
    st = core.start - 3 if t[core.start - 3:core.start] == "في " else core.start
    return Draft(max(x.floor, st), m.end(), Kind.DATE, f"--{month:02d}-{int(core.value):02d}",
                 calendar=Calendar.GREGORIAN)


_MONTH_WORDS: dict[int, rx.Pattern[str]] = {}


def _month_words(x: Scan) -> rx.Pattern[str]:
    """Every month name (Gregorian and Hijri) as a word, for a search back."""
    key_ = id(x.lex.months)
    pat = _MONTH_WORDS.get(key_)
    if pat is None:
        names = sorted({*x.lex.months.gregorian, *x.lex.months.hijri}, key=len, reverse=True)
        pat = rx.compile(r"(?<![\p{L}])(?:ال)?(" + "|".join(rx.escape(n) for n in names) + r")(?![\p{L}])")
        _MONTH_WORDS.clear()
        _MONTH_WORDS[key_] = pat
    return pat


def hijri_years(x: Scan, left: int, first: int, second: int, e: int) -> Draft | None:
    """``1435 / 1436هـ``، ``1414 - 1415هـ``: two Hijri years, the mark after the
    second only: from the first day of the first to the last day of the second."""
    hm = x.lex.context.hijri_marker_re.match(x.t, e)
    if hm is None or not 1300 <= first < second <= first + 100:
        return None
    lo, hi = _hijri_bounds(first, None)[0], _hijri_bounds(second, None)[1]
    if lo is None or hi is None:
        return None
    return Draft(_date_start(x, left), hm.end(), Kind.DATE, None, low=lo, high=hi, calendar=Calendar.HIJRI)


def first_day(x: Scan, s: int, e: int) -> Draft | None:
    """``غرة شوال 1445 هـ``، ``غرة يناير 2024``: the first day of the month named after غرة."""
    mm = x.lex.months.after_re.match(x.t, e)
    if mm is None or x.t[e:mm.start("m")].strip():
        return None
    return _day_month_year(x, s, 1, mm)


def day_month(x: Scan, s: int, e: int, day: int, month: int) -> Draft | None:
    """``الخميس 15/3``، ``يوم 15/4``: a day and a month around a slash, after a
    weekday or a word that announces a date (``--03-15``); None elsewhere."""
    if not (1 <= month <= 12 and 1 <= day <= 31) or e - s > 6:
        return None
    if x.t[e:e + 1] == "/" or not x.left(x.lex.context.day_month_re, s, 24):
        return None
    try:
        _dt.date(2000, month, day)
    except ValueError:
        return None
    return Draft(s, e, Kind.DATE, f"--{month:02d}-{day:02d}", calendar=Calendar.GREGORIAN)


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
