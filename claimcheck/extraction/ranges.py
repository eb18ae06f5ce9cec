"""Two numbers read as one range: ``بين 3 و5 ملايين``، ``من 10 إلى 15``، ``10-20 دولار``.

The first number opens the range after ``بين``/``ما بين`` (its second joined by
و), after ``من`` (joined by إلى/حتى or a glued ل), or with nothing before it
(joined by a dash). The kind comes from the words after the second number, and
a scale word there scales both (``بين 3 و5 ملايين`` = 3–5 million). A dash
between numbers with no unit after them is a score (``3-1``، ``6-4 و6-3``) and
a fall (``من 15 إلى 10``) or a change (``ارتفع العدد من 10 إلى 15``) is two
separate figures.
"""
from __future__ import annotations

from decimal import Decimal

from claimcheck.extraction.anchors import digits_core, scale_of_words
from claimcheck.extraction.context import PREV_WORD, qualify
from claimcheck.extraction.kinds import attach, has_unit
from claimcheck.extraction.scan import Core, Draft, Scan
from claimcheck.lang import relite as rx
from claimcheck.lang.digits import DIGIT_LITERAL
from claimcheck.model import Calendar, Kind

# Connectors between the two numbers of a range; the second number (digits or
# words, its clitic و or ل included) starts where they end.
_DASH_RANGE = rx.compile(r"(?:\s*[$€£¥])?\s*[-–]\s*(?:[$€£¥]\s*)?(?=[0-9])")
_TO_RANGE = rx.compile(r"\s*(?:(?:الي|حتي)\s+|(?=ل\p{L})|ل(?=[0-9]))")
_AND_RANGE = rx.compile(r"\s*(?:(?=و\p{L})|و\s*(?=[0-9]))")
#: ``من أسبوع إلى``: من, a time noun alone, then إلى or حتى, right before the second end.
_WORD_FROM = rx.compile(r"(?<![\p{L}])[وف]?من\s+(?P<w>\p{L}+)\s+(?:الي|حتي)\s*$")
#: How many of the smaller time unit make the larger (the range is given in the smaller).
_TIME_RATIO = {("month", "year"): Decimal(12), ("day", "week"): Decimal(7), ("week", "year"): None}
_DIGITS_AT = rx.compile(r"(" + DIGIT_LITERAL + r")(?![\p{L}])")


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
    if between:    # ``بين 3 و5``، ``ما بين عشرة وعشرين``; copy also writes ``بين 3 إلى 10``، ``بين 18-25``
        m = _AND_RANGE.match(t, core.end) or _TO_RANGE.match(t, core.end) or _DASH_RANGE.match(t, core.end)
    elif from_:    # ``من 10 إلى 15``، ``من عشرة لعشرين``
        m = _TO_RANGE.match(t, core.end)
    else:          # ``10-20 دولار``، ``10$-20$``
        m = _DASH_RANGE.match(t, core.end)
    if not m:
        return None
    second = number_at(x, m.end())
    if second is None or second.value is None:
        return None
    dash = not (between or from_)
    lo = core.value
    if not core.scaled and second.scaled:
        lo = core.value * second.scale
    if not lo < second.value:
        # ``3-1`` is a score; ``من 15 إلى 10`` is a fall, two separate figures
        return second.end if dash else None
    if dash and not (core.plain_int or core.scaled):
        return None
    if dash and not has_unit(x, second.end) and not (core.ndigits == 4 and second.ndigits == 4):
        return second.end  # ``6-4 و6-3``: set scores, not ranges
    return core, second


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
    d.low = lo * factor if lo is not None else None
    d.high = hi * factor if hi is not None else None
    d.value = None
    d.start = range_start(x, low_core.start)
    qualify(x, d, d.start, allow_qualifier=False)
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
    if m:
        return digits_core(x.doc.norm, m.start(1), m.end(1), x.lex, x.doc.fraction_first)
    wn = x.lex.words.match_words(t, pos, x.doc.norm)
    if wn is None or wn.value is None or wn.ordinal:
        return None
    scale = scale_of_words(t, wn.start, wn.end, x.lex)
    return Core(wn.start, wn.end, wn.value, wn.resolution, scaled=scale > 1, scale=scale)
