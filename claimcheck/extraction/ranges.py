"""Two numbers read as one range: ``بين 3 و5 ملايين``، ``من 10 إلى 15``، ``10-20 دولار``.

The first number opens the range after ``بين``/``ما بين`` (its second joined by
و), after ``من`` (joined by إلى/حتى or a glued ل), or with nothing before it
(joined by a dash). The kind comes from the words after the second number, and
a scale word there scales both (``بين 3 و5 ملايين`` = 3–5 million). A dash
between numbers with no unit after them is a score (``3-1``، ``6-4 و6-3``) and
a fall (``من 15 إلى 10``) or a change (``ارتفع العدد من 10 إلى 15``) is two
separate figures, each in the unit written after the second (``من 65 إلى 67
عاماً`` = 65 years and 67 years: :func:`change_pair`). A percent sign may stand
on both ends (``بين 23% و33%``); years joined by a dash may carry their era
mark (``2012 – 2014م``).
"""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from claimcheck.extraction.anchors import digits_core, scale_of_words
from claimcheck.extraction.context import PREV_WORD, qualify
from claimcheck.extraction.kinds import attach, has_unit
from claimcheck.extraction.kinds.count import countable_follows
from claimcheck.extraction.kinds.date import hijri_years
from claimcheck.extraction.patterns import key
from claimcheck.extraction.scan import Core, Draft, Scan
from claimcheck.lang import relite as rx
from claimcheck.lang.digits import DIGIT_LITERAL
from claimcheck.model import Calendar, Kind, Qualifier

# Connectors between the two numbers of a range; the second number (digits or
# words, its clitic و or ل included) starts where they end.
_DASH_RANGE = rx.compile(r"(?:\s*[$€£¥])?\s*[-–]\s*(?:[$€£¥]\s*)?(?=[0-9])")
_TO_RANGE = rx.compile(r"\s*(?:(?:الي|حتي)(?:\s+|(?=[0-9]))|(?=ل\p{L})|ل(?=[0-9]))")  # ``الى4``: glued
_AND_RANGE = rx.compile(r"\s*(?:(?=و\p{L})|و\s*(?=[0-9]))")
#: ``من أسبوع إلى``: من, a time noun alone, then إلى or حتى, right before the second end.
_WORD_FROM = rx.compile(r"(?<![\p{L}])[وف]?من\s+(?P<w>\p{L}+)\s+(?:الي|حتي)\s*$")
#: How many of the smaller time unit make the larger (the range is given in the smaller).
_TIME_RATIO = {("month", "year"): Decimal(12), ("day", "week"): Decimal(7), ("week", "year"): None}
#: The second end's digits: no letter glued after them but the era of a year
#: (``2014م``، ``1436هـ``).
_TATWEEL_GAP = rx.compile(r" {2,4}(?=[0-9])")
#: ``3 إلى 5 أيام`` with no opener: إلى or حتى between two figures in digits.
_BARE_TO = rx.compile(r"\s+(?:الي|حتي)\s*(?=[0-9])")
#: ``من عام 2010 حتى عام 2015``، ``من العام 2010 إلى العام 2012``: years each with its noun.
_FROM_YEAR = rx.compile(r"(?<![\p{L}])[وف]?من\s+(?:عام|العام|سنه)\s+$")
_TO_YEAR = rx.compile(r"\s+(?:و?حتي|الي)\s+(?:عام|العام|سنه)\s+(?=[0-9]{4}(?![0-9]))")
#: ``3 أو 4 أيام``: أو between two figures (either end: a range when a unit follows).
_BARE_OR = rx.compile(r"\s+او\s*(?=[0-9]|\p{L})")
#: ``خمس إلى عشر سنوات``: the same between two figures in words.
_BARE_TO_WORD = rx.compile(r"\s+(?:الي|حتي)\s+(?=\p{L})")
#: The opener of a range that an approximation may stand before: بين، ما بين.
_BARE_BETWEEN = rx.compile(r"(?:ما\s*)?بين\s")
#: After the unit of a range's first end: و and the second end's digits.
_UNIT_THEN_AND = rx.compile(r"\s*و\s*(?=[0-9])")
_DIGITS_GLUED = rx.compile(r"(" + DIGIT_LITERAL + r")(?=\p{L})")
_DIGITS_AT = rx.compile(r"(" + DIGIT_LITERAL + r")(?:(?![\p{L}])|(?=(?:م|هـ|ه)(?![\p{L}])))")


def find_range(x: Scan, core: Core) -> tuple[Core, Core] | int | None:
    """The two numbers of a range that ``core`` opens; an offset to skip to when
    they are a score; None when ``core`` stands alone."""
    t, lex = x.t, x.lex
    if core.value is None:
        return None
    between = x.left(lex.context.range_between_re, core.start, 24)
    from_ = None if between else x.left(lex.context.range_from_re, core.start, 8)
    if from_ and x.left(lex.context.change_re, core.start, 60) and not _amount_of_change(x, from_.start()):
        return None  # ``ارتفع العدد من 10 إلى 15``: the old figure and the new one
    end = core.end
    # ``بين 23% و33%``، ``ما بين 3 في المئة و3,5 في المئة``: the sign on both ends of
    # a range after بين; after من it is as often a change (``زيادة العلاوة من 10% إلى 15%``)
    pct = lex.context.percent_re.match(t, end) if between else None
    if pct:
        end = pct.end()
    # ``بين 50 مليون دولار و100 مليون دولار``، ``بين 5 كيلوغرامات و7 كيلوغرامات``: the
    # same currency or unit written on both ends after بين
    both = _unit_on_both(x, end) if between and not pct else None
    if both:
        end = both[0]
        if both[2]:  # ``بين ثلاث سنوات ونصف و14 سنة``: the first end's fraction of its unit
            core = replace(core, value=core.value + both[2])
    dash = False
    if between:    # ``بين 3 و5``، ``ما بين عشرة وعشرين``; copy also writes ``بين 3 إلى 10``، ``بين 18-25``
        m = _AND_RANGE.match(t, end) or _TO_RANGE.match(t, end)
    elif from_:    # ``من 10 إلى 15``، ``من عشرة لعشرين``
        m = _TO_RANGE.match(t, end)
    else:
        m = None
    if m is None and not pct and (signed := _signed_dash(x, end)):
        pct, m = signed  # ``حوالي 79 % - 80 %``: the sign on both ends of a dash range
    if m is None and not pct:  # ``10-20 دولار``، ``10$-20$``، ``من 28-30%``، ``75 ـــ 85``
        m = _DASH_RANGE.match(t, end)
        if m is None and (m := tatweel_dash(x, end)):
            dm = _DIGITS_AT.match(t, m.end())
            if dm is None or lex.months.after_re.match(t, dm.end()):
                m = None  # ``(15 ـ 21 تشرين الأول)``: days, read as a date (or not at all)
        dash = m is not None and not between
    if (m is None and not (between or from_) and _year_like(core)
            and _FROM_YEAR.search(t, max(0, core.start - 16), core.start)):
        m = _TO_YEAR.match(t, end)  # ``من عام 2010 حتى عام 2015``: a span of years
    bare = either = False
    if m is None and not (between or from_):  # ``تستغرق 3 إلى 5 أيام``، ``بنسبة 20 إلى 30%``
        m = (_BARE_TO if core.ndigits else _BARE_TO_WORD).match(t, end)
        if m is None:  # ``3 أو 4 أيام``، ``ثلاثة أو أربعة أيام``: either figure, one range
            m = _BARE_OR.match(t, end) or _next_and(x, core, end)  # (``ثلاثة وأربعة آلاف ريال``)
            either = m is not None
        bare = m is not None
    if not m:
        return None
    second = number_at(x, m.end())
    if second is None or second.value is None:
        return None
    if bare and (_year_like(core) and not _year_like(second)
                 or lex.context.time_after_re.match(t, second.end)):
        return None  # ``ارتفع عام 2015 إلى 30 مليار``: a year and a figure; ``7 إلى 9 مساء``: clock times
    if bare and not core.ndigits and (second.ndigits or not has_unit(x, second.end)):
        return None  # ``بعد خمس إلى عشر سنوات``, but not ``نقل ثلاثة إلى مستشفى``: words need a unit
    if either and not has_unit(x, second.end):
        return None  # ``في 2010 أو 2011``، ``3 أو 4 منهم``: two figures
    if pct and not lex.context.percent_re.match(t, second.end):
        return None  # ``بين 5% و10 أشخاص``: not one range
    if both and _unit_on_both(x, second.end, both[1]) is None:
        return None  # ``بين 5 دولارات و10 أشخاص``
    lo = core.value
    if not core.scaled and second.scaled:
        lo = core.value * second.scale
    if not (lo < second.value or lo == second.value and between and _half_after(x, second.end)):
        # ``3-1`` is a score; ``من 15 إلى 10`` a fall (``بين أربع وأربع ساعات ونصف``: 4 to 4½)
        return second.end if dash else None
    if dash and not (core.plain_int or core.scaled or second.scaled or has_unit(x, second.end)):
        return None  # (``7.5 – 8.0 في المائة``، ``1.5-2.5 مليون``: decimals dashed before a unit or scale)
    if (dash and not second.scaled and not has_unit(x, second.end)
            and not (core.ndigits == 4 and second.ndigits == 4)
            and not (second.value >= 20 and countable_follows(x, second.end))):
        # ``6-4 و6-3``: set scores, not ranges (a score has no ``ألف`` after it);
        # ``200-300 شخص``: a counted noun after figures no score reaches
        return second.end
    return core, second


def _next_and(x: Scan, core: Core, end: int) -> rx.Match[str] | None:
    """``ثلاثة وأربعة آلاف ريال``، ``خمسة وستة ملايين``: a unit in words, و, and the
    next unit with a scale word: three or four thousand (no grammar writes 4,003 so,
    the thousands come first: ``أربعة آلاف وثلاثة``)."""
    if core.ndigits or core.scaled or not 1 <= core.value <= 8:
        return None
    m = _AND_RANGE.match(x.t, end)
    second = number_at(x, m.end()) if m and not x.t[m.end():m.end() + 1].isdigit() else None
    if second is None or not second.scaled or second.value != (core.value + 1) * second.scale:
        return None
    return m


def _half_after(x: Scan, e: int) -> bool:
    """A time unit and its و-fraction right after ``e`` (``ساعات ونصف``)."""
    m = x.lex.units.dur_re.match(x.t, e)
    return m is not None and x.lex.half_tail_re.match(x.t, m.end()) is not None


def _signed_dash(x: Scan, end: int) -> tuple[rx.Match[str], rx.Match[str]] | None:
    """``79 % - 80 %``، ``10%-20%``: the percent sign after the first end, then a dash
    (the sign must follow the second end too; ``5% -3%``, a rise then a fall, is two
    figures, not a score)."""
    p1 = x.lex.context.percent_re.match(x.t, end)
    m = _DASH_RANGE.match(x.t, p1.end()) if p1 else None
    return (p1, m) if p1 and m else None


#: The time units a و-fraction may follow on a range's first end.
_TIME_WORDS = frozenset(["year", "month", "week", "day", "hour", "minute"])
#: The kinds whose unit the first figure of a change takes from the second.
_CHANGE_KINDS = (Kind.MONEY, Kind.QUANTITY, Kind.DURATION, Kind.PERCENT)


def _unit_on_both(x: Scan, end: int, same: str | None = None) -> tuple[int, str, Decimal] | None:
    """The currency, unit or time word right after the first end of a range, with و
    and digits after it: where it ends, the word, and a time unit's و-fraction
    (``ثلاث سنوات ونصف و14 سنة``: ½); with ``same``, that word again right after
    the second end."""
    lex = x.lex
    frac = Decimal(0)
    m = lex.currencies.noun_re.match(x.t, end)
    word = lex.currencies.nouns.get(m.group("noun")) if m else None
    if m is None:  # (a currency's or a unit's forms read as one: دولارا، دولارات)
        m = lex.units.unit_re.match(x.t, end)
        word = lex.units.units.get(m.group("u")) if m else None
    if m is None and (m := lex.units.dur_re.match(x.t, end)) is not None:
        # ``بين 3 سنوات و14 سنة``: a time unit, not its dual (سنتين already counts two)
        spec = None if m.group("d") in lex.units.dur_duals else lex.units.durations.get(m.group("d"))
        word = spec[0] if spec is not None and spec[1] == 1 else None
    if m is None or word is None:
        return None
    if same is not None:
        return (m.end(), word, frac) if word == same else None
    stop = m.end()
    if (hm := lex.half_tail_re.match(x.t, stop)) is not None and word in _TIME_WORDS:
        stop, frac = hm.end(), lex.fractions[hm.group(1)]
    return (stop, word, frac) if _UNIT_THEN_AND.match(x.t, stop) else None


def change_pair(x: Scan, core: Core) -> Draft | None:
    """The first figure of a change or a fall that is not a range (``رفع سن التقاعد
    من 65 إلى 67 عاماً``، ``من 18 إلى 11 ساعة``، ``انخفض من 233 إلى 205 ملايين
    دولار``): written bare, it is in the second's unit and currency, and in its
    scale word when it would be too small without it (``من 19 إلى 14 ألفاً`` is
    19,000; ``من 2500 إلى 11 ألف ريال`` is 2,500 riyals). None: not such a figure."""
    t = x.t
    if core.value is None or core.ordinal or not x.left(x.lex.context.range_from_re, core.start, 8):
        return None
    m = _TO_RANGE.match(t, core.end)
    second = number_at(x, m.end()) if m else None
    if second is None or not second.value:
        return None
    d2 = attach(x, second, second.start)
    if d2 is None or not isinstance(d2.value, Decimal):
        return None
    mult = Decimal(1)
    if not core.scaled and second.scaled and not second.value / 10 <= core.value <= second.value * 10:
        mult = second.scale
    if d2.kind not in _CHANGE_KINDS and not (d2.kind is Kind.NUMBER and mult > 1):
        return None  # a count keeps its own reading unless the scale word is shared
    factor = d2.value / second.value
    res = core.resolution * mult * factor if core.resolution is not None else None
    return Draft(core.start, core.end, d2.kind, core.value * mult * factor, unit=d2.unit,
                 currency_assumed=d2.currency_assumed, resolution=res, cur_noun=d2.cur_noun)


def tatweel_dash(x: Scan, e: int) -> rx.Match[str] | None:
    """``75 ـــ 85``: tatweels written as a dash between two figures; normalising
    drops them and leaves the spaces around them."""
    m = _TATWEEL_GAP.match(x.t, e)
    if m is None:
        return None
    norm = x.doc.norm
    return m if "\u0640" in norm.original[norm.to_original(e):norm.to_original(m.end())] else None


def _year_like(c: Core) -> bool:
    return c.plain_int and c.ndigits == 4 and c.value is not None and 1800 <= c.value <= 2100


def _amount_of_change(x: Scan, s: int) -> bool:
    """``تراجعت الأسعار بنسبة من 20 إلى 30 %``: «من» after بنسبة opens the range of the change."""
    m = PREV_WORD.search(x.t, max(0, s - 16), s)
    return m is not None and m.group(1) in x.lex.context.range_amount_heads


def word_range(x: Scan, d: Draft) -> None:
    """``من أسبوع إلى ثلاثة أسابيع``، ``من عام إلى 12 عاماً``، ``من شهر إلى سنتين``: a
    time noun alone opens the range (one of it), the duration after إلى closes it."""
    if d.low is not None or not isinstance(d.value, Decimal) or d.unit is None:
        return
    m = _WORD_FROM.search(x.t, max(x.floor, d.start - 24), d.start)
    if m is None or m.group("w") in x.lex.units.dur_duals:
        return
    spec = x.lex.units.durations.get(m.group("w"))
    if spec is None or spec[1] != 1:
        return
    low_unit, high = spec[0], d.value
    if low_unit != d.unit:
        k = _TIME_RATIO.get((low_unit, d.unit))
        if k is None:
            return
        high, d.unit = high * k, low_unit  # ``من شهر إلى سنتين``: 1–24 months
    if not 1 < high:
        return
    d.low, d.high, d.value = Decimal(1), high, None
    st = m.start()
    d.start = max(x.floor, st + 1 if x.t[st] in "وف" and x.t[st + 1:st + 3] == "من" else st)


def attach_range(x: Scan, low_core: Core, high_core: Core) -> tuple[Draft | None, int]:
    """The claim of a range: the second number's kind, both bounds in its unit."""
    d = attach(x, high_core, low_core.start)
    if d is None:
        return None, high_core.end
    years = (low_core.plain_int and high_core.plain_int and low_core.ndigits == 4
             and high_core.ndigits == 4 and 1800 <= low_core.value < high_core.value <= 2100)
    if years and d.kind != Kind.DATE and not has_unit(x, high_core.end):
        # ``2010- 2011 بعنوان``: two years joined by a dash are a span of years
        d = Draft(high_core.start, high_core.end, Kind.DATE, f"{int(high_core.value):04d}",
                  calendar=Calendar.GREGORIAN)
    if d.kind == Kind.DATE and d.calendar is Calendar.HIJRI and low_core.plain_int:
        # ``1414 - 1415هـ``: two Hijri years, the mark after the second
        h = hijri_years(x, low_core.start, int(low_core.value), int(high_core.value), high_core.end)
        return (h, h.end) if h is not None else (None, d.end)
    if d.kind == Kind.DATE:
        # ``بين 2010 و2015``، ``2010-2015``: a span of years
        if not (low_core.plain_int and low_core.ndigits == 4 and isinstance(d.value, str)
                and len(d.value) == 4):
            return None, d.end
        d.low, d.high, d.value = f"{int(low_core.value):04d}", d.value, None
        d.start = range_start(x, low_core.start)
        return d, d.end
    lo, hi = low_core.value, high_core.value
    if not low_core.scaled and high_core.scaled and lo is not None:
        lo = lo * high_core.scale
    factor = d.value / high_core.value if d.value is not None and high_core.value else Decimal(1)
    if factor != 1 and d.kind is Kind.DURATION and _half_after(x, high_core.end):
        hi, factor = d.value, Decimal(1)  # ``بين ثلاث وخمس ساعات ونصف``: the half is the second's, 3–5½
    d.low = lo * factor if lo is not None else None
    d.high = hi * factor if hi is not None else None
    d.value = None
    d.start = range_start(x, low_core.start)
    qualify(x, d, d.start, allow_qualifier=False)
    if _BARE_BETWEEN.match(x.t, d.start) or d.start == low_core.start:
        # ``نحو ما بين 23% و33%``، ``نحو 97 إلى 145 كيلومترا``، ``بحوالي 5-7%``: an
        # approximation right before a bare بين or a range with no opener bounds
        # the whole range (``أكثر من`` before ``من 200 إلى 500`` is left alone, and
        # so is ``في حدود تتراوح بين 2 و3``: the band is the figure)
        qm = x.left(x.lex.qualifiers.before_re, d.start, 40)
        if qm and x.lex.qualifiers.before[key(qm.group("q"))] is Qualifier.APPROXIMATE:
            d.qualifier = Qualifier.APPROXIMATE
            d.start = max(x.floor, qm.start() + (1 if qm.group("cl").startswith(("و", "ف")) else 0))
    return d, d.end


def range_start(x: Scan, s: int) -> int:
    """Where the claim of a range starts: its opener (``بين``، ``من``), without a conjunction."""
    m = x.left(x.lex.context.range_between_re, s, 24) or x.left(x.lex.context.range_from_re, s, 8)
    if m:
        st = m.start()
        if x.t[st] in "وف" and x.t[st:st + 2] not in ("من",):
            st += 1
        return max(st, x.floor)
    return s


def number_at(x: Scan, pos: int) -> Core | None:
    """The number (digits or words) that starts at ``pos``, for the second half of a range."""
    t = x.t
    m = _DIGITS_AT.match(t, pos)
    if m is None and (g := _DIGITS_GLUED.match(t, pos)) and (
            x.lex.currencies.noun_re.match(t, g.end()) or x.lex.units.unit_re.match(t, g.end())):
        m = g  # ``20-24جنيهاً``: the currency or unit glued to the second end
    if m:
        return digits_core(x.doc.norm, m.start(1), m.end(1), x.lex, x.doc.fraction_first)
    wn = x.lex.words.match_words(t, pos, x.doc.norm)
    if wn is None or wn.value is None or wn.ordinal:
        return None
    scale = scale_of_words(t, wn.start, wn.end, x.lex)
    return Core(wn.start, wn.end, wn.value, wn.resolution, scaled=scale > 1, scale=scale)
