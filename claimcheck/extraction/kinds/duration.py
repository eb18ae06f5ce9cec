"""Durations: a time unit after the number (``10 سنوات``، ``9 أشهر من المفاوضات``),
compounds (``ساعتين و5 دقائق`` = 125 minutes, ``أربع سنوات ونصف``), a dual
time noun as the number two (``سنتين``), decade phrases (``عقدين``، ``قرن``),
and a definite time noun before its number (``الأشهر الستة الماضية``).
A span head (``على مدى``، ``خلال``) opens the claim.
"""
from __future__ import annotations

from decimal import Decimal

from claimcheck.extraction.anchors import AND_DIGITS
from claimcheck.extraction.context import OF_SUBJECT, PREV_WORD, qualify
from claimcheck.extraction.patterns import key
from claimcheck.extraction.scan import Core, Draft, Scan
from claimcheck.lang import clitics
from claimcheck.lang import relite as rx
from claimcheck.lang.digits import parse_literal
from claimcheck.model import Kind

#: How many of the smaller unit make one of the larger (``ساعتين و5 دقائق``).
_UNIT_RATIO: dict[tuple[str, str], Decimal] = {
    ("hour", "minute"): Decimal(60), ("minute", "second"): Decimal(60),
    ("day", "hour"): Decimal(24), ("year", "month"): Decimal(12), ("week", "day"): Decimal(7),
    ("hour", "second"): Decimal(3600),
}
#: A word is tried bare first, then with each proclitic, shortest first.
_CLITICS_FIRST = ("",) + clitics.GLUED
_OR_WORD = rx.compile(r"\s+او\s+(?=\p{L})")
#: ``عامين ونص``، ``سنتين ونص``: the dialects' half after a duration, but not
#: ``ونص القرار`` / ``ونص على`` ("and the text of", "and stipulated"): no definite
#: word, على or أن after it.
_HALF_SPOKEN = rx.compile(r"\s*و(نص)(?![\p{L}])(?!\s+(?:ال|علي|عليه|عليها|بان|ان)(?![\p{L}])|\s+ال)")


def attach(x: Scan, core: Core, left: int, after: bool) -> Draft | None:
    if not after or core.ordinal:
        return None
    t, lex = x.t, x.lex
    v, res = core.value, core.resolution
    m = lex.units.dur_re.match(t, core.end)
    if m is None:
        return None
    pint_unit, factor = lex.units.durations[key(m.group("d"))]
    if factor > 1 and (v is None or v > 10) and not _few_after_time_word(x, core, left):
        return None  # ``387 عقداً`` are contracts: decades and centuries come a few at a time
    d = Draft(left, m.end(), Kind.DURATION, v * factor if v is not None else None,
              unit=pint_unit, resolution=res * factor if res is not None else None,
              low=core.low * factor if core.low is not None else None,
              high=core.high * factor if core.high is not None else None)
    tail(x, d, pint_unit)
    sm = OF_SUBJECT.match(t, d.end)
    if sm:  # ``9 أشهر من المفاوضات``: what lasted (not part of the claim's span)
        d.subject = (sm.start("w"), sm.end("w"))
    hm = x.left(lex.context.span_dur_re, left, 16)
    if hm:
        d.start = max(x.floor, hm.start("h"))
    return d


def _few_after_time_word(x: Scan, core: Core, left: int) -> bool:
    """``منذ عدة عقود``، ``في بضعة عقود``: a few of them after a word of time are
    decades (``وقّعت عدة عقود``: contracts)."""
    if core.value is not None or core.high is None or core.high > 10:
        return False
    return (x.left(x.lex.context.span_dur_re, left, 16) is not None
            or _IN_OR_AGO.search(x.t, max(0, left - 6), left) is not None)


def tail(x: Scan, d: Draft, unit: str) -> None:
    """``ساعتين و5 دقائق`` → 125 minutes; ``أربع سنوات ونصف`` → 4.5 years."""
    t, lex = x.t, x.lex
    m = AND_DIGITS.match(t, d.end)
    if m and d.value is not None:
        lit = parse_literal(m.group(1))
        dm = lex.units.dur_re.match(t, m.end()) if lit else None
        if dm:
            u2, f2 = lex.units.durations[key(dm.group("d"))]
            q = _UNIT_RATIO.get((unit, u2))
            if q is not None:
                d.value = d.value * q + lit.value * f2
                d.unit = u2
                d.resolution = lit.resolution * f2
                d.end = dm.end()
                return
    fm = lex.half_tail_re.match(t, d.end) or _HALF_SPOKEN.match(t, d.end)
    if fm and d.value is not None:
        d.value += lex.fractions[fm.group(1)]
        d.end = fm.end()


def or_more(x: Scan, d: Draft, factor: Decimal) -> None:
    """``يومين أو ثلاثة``، ``سنتين أو ثلاث``: a dual, أو and a figure in words with the
    unit left out: the range from two to that figure."""
    m = _OR_WORD.match(x.t, d.end)
    if m is None or d.value is None or d.value != 2 * factor:
        return
    wn = x.lex.words.match_words(x.t, m.end(), x.doc.norm)
    if (wn is None or wn.value is None or wn.ordinal or not 2 < wn.value <= 10
            or x.lex.after_re.match(x.t, wn.end)):
        return  # ``يومين أو ثلاثة أسابيع``: another unit, two figures
    d.low, d.high, d.value, d.end = d.value, wn.value * factor, None, wn.end


#: ``في عدة عقود``، ``قبل بضعة عقود``: the few before a plural of decades.
_IN_OR_AGO = rx.compile(r"(?<![\p{L}])(?:في|قبل)\s+$")
#: Digits right after a word (a bracket or a quote between).
_DIGITS_NEXT = rx.compile(r"[\s(«\"]*[0-9]")


def from_dual(x: Scan, s: int, e: int) -> tuple[Draft | None, int]:
    """``سنتين``، ``لساعتين``: the dual time noun is the number two."""
    word = x.t[s:e]
    for cl in _CLITICS_FIRST:
        if word.startswith(cl) and word[len(cl):] in x.lex.units.dur_duals:
            if cl.endswith("ال") and _DIGITS_NEXT.match(x.t, e):
                return None, e  # ``في الدقيقتين 66 و71``: the minutes named, not two of them
            pint_unit, factor = x.lex.units.dur_duals[word[len(cl):]]
            st = s + len(cl) if cl in ("و", "ف") else s
            d = Draft(st, e, Kind.DURATION, Decimal(2) * factor, unit=pint_unit,
                      resolution=Decimal(1) * factor)
            tail(x, d, pint_unit)
            or_more(x, d, factor)
            hm = x.left(x.lex.context.span_dur_re, st, 16)
            if hm:
                d.start = max(x.floor, hm.start("h"))
            qualify(x, d, d.start)
            return d, d.end
    return None, e


def from_decade(x: Scan, s: int, e: int) -> tuple[Draft | None, int]:
    """``عقدين``، ``نصف قرن``: a decade phrase, in years."""
    text = x.t[s:e]
    for k, years in x.lex.context.decades.items():
        if text.endswith(k) or key(text).endswith(k):
            d = Draft(s, e, Kind.DURATION, years, unit="year", resolution=years)
            qualify(x, d, s)
            return d, e
    return None, e


_NOT_AFTER_LONE = rx.compile(r"\s*(?:[0-9]|ال|واحد)")
_AFTER_ANOTHER = rx.compile(r"(?:يوما|عاما|سنه|شهرا|اسبوعا|ساعه|يوم|عام|شهر)\s+$")


def lone(x: Scan, ws: int, s: int, e: int) -> tuple[Draft | None, int]:
    """``قبل عام``، ``لمدة شهر``، ``أكثر من عام``، ``أسبوعاً كاملاً``: a time noun
    with no numeral is one of it, where a span word or a qualifier stands before it
    or a word of wholeness after it."""
    t, lex = x.t, x.lex
    if ws != s or _NOT_AFTER_LONE.match(t, e) or lex.months.after_re.match(t, e):
        return None, e  # ``العام``، ``عام 2014``، ``يوم الجمعة``، ``شهر رمضان``، ``يوم واحد``
    whole = lex.units.whole_re.match(t, e)
    head = None if whole else x.left(lex.units.lone_head_re, s, 16)
    if not (whole or head or x.left(lex.qualifiers.before_re, s, 40)):
        return None, e
    if head and _AFTER_ANOTHER.search(t, max(0, head.start() - 12), head.start()):
        return None, e  # ``يوماً بعد يوم``، ``عاماً بعد عام``: "steadily", not one day
    pint_unit, factor = lex.units.durations[t[s:e]]
    d = Draft(s, whole.end() if whole else e, Kind.DURATION, factor, unit=pint_unit, resolution=factor)
    tail(x, d, pint_unit)
    hm = x.left(lex.context.span_dur_re, s, 16)
    if hm:
        d.start = max(x.floor, hm.start("h"))
    qualify(x, d, s)
    return d, d.end


def after_time_noun(x: Scan, core: Core) -> Draft | None:
    """``الأشهر الستة الماضية``، ``السنوات العشر``: a definite time noun, then its number."""
    t, lex = x.t, x.lex
    m = PREV_WORD.search(t, max(x.floor, core.start - 20), core.start)
    if not m:
        return None
    word, start = m.group(1), m.start(1)
    if word[:1] in "وفبك" and word[1:3] == "ال":
        word, start = word[1:], start + (1 if word[0] in "وف" else 0)
    elif word.startswith("لل"):
        word = "ا" + word[1:]
    if not word.startswith("ال") or word[2:] not in lex.units.durations or word[2:] in lex.units.dur_duals:
        return None
    pint_unit, factor = lex.units.durations[word[2:]]
    return Draft(start, core.end, Kind.DURATION, core.value * factor, unit=pint_unit,
                 resolution=(core.resolution or Decimal(1)) * factor)
