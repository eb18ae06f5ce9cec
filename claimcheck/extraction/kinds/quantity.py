"""Measured quantities: a unit after the number (``50 ألف طن``، ``3 كم2``), with
a rate (``برميل يومياً``); temperatures below zero (``2 تحت الصفر``); a dual
unit noun as the number two (``لتران``); a unit and a و-fraction (``لتر ونصف``).

Percentage points (``1.7 نقطة مئوية``، ``نقطتين مئويتين``) are read here as a
unit but reported as kind ``percent`` (SPEC §1). Bare ``نقطة``/``نقاط`` is an
index point in market copy: it is a percentage point only after a percentage
in the same sentence, with no market index named near it.
"""
from __future__ import annotations

from decimal import Decimal

from claimcheck.extraction.context import qualify
from claimcheck.extraction.patterns import key
from claimcheck.extraction.scan import Core, Draft, Scan
from claimcheck.lang import clitics
from claimcheck.lang import relite as rx
from claimcheck.model import Kind

_UNIT_BEFORE = rx.compile(r"(?<![\p{L}\p{N}])(\p{L}+ (\p{L}+)|\p{L}+) ?$")
#: A word is tried bare first, then with each proclitic, shortest first.
_CLITICS_FIRST = ("",) + clitics.GLUED
_POINT = "percentage_point"
#: Where a sentence ends: the points' percentage must be in the same one.
_SENTENCE_END = rx.compile(r"[.!?؟\n](?!\d)")


def _takes_rate(unit: str) -> bool:
    """An amount that can flow per day (barrels, m³, tonnes, kWh), not a level
    (a temperature, an angle, an area, a share)."""
    return not (unit.startswith("degree") or unit == _POINT or "** 2" in unit or "/" in unit)


def _clause_rate(x: Scan, unit: str, start: int, end: int) -> str:
    """``متر مكعب من الغاز يومياً``، ``تنتج يومياً 1.2 مليون برميل``: a one-word rate
    adverb a few words after the unit or before the number, in the same clause."""
    u = x.lex.units
    r = u.rate_far_re.match(x.t, end)
    if r is None:
        r = u.rate_far_before_re.search(x.t, max(x.floor, start - 40), start)
    return f"{unit} / {u.rates[key(r.group('r'))]}" if r else unit


def _about_weather(x: Scan, start: int, end: int) -> bool:
    """Is a bare درجة a temperature? The weather is named in its sentence."""
    t, u = x.t, x.lex.units
    lo = max(0, start - u.temp_window)
    cuts = [m.end() for m in _SENTENCE_END.finditer(t, lo, start)]
    if cuts:
        lo = cuts[-1]
    hi = min(len(t), end + 60)
    stop = _SENTENCE_END.search(t, end, hi)
    return u.temp_cue_re.search(t, lo, stop.start() if stop else hi) is not None


def _kind(unit: str) -> Kind:
    return Kind.PERCENT if unit == _POINT else Kind.QUANTITY


def _about_percentages(x: Scan, start: int, end: int) -> bool:
    """Are the bare points at ``start:end`` percentage points? A percentage is
    written earlier in their sentence or the one before, and no market index
    or game is named around them."""
    t, u = x.t, x.lex.units
    lo = max(0, start - u.point_window)
    window = t[lo:start]
    cuts = [m.end() for m in _SENTENCE_END.finditer(window)]
    if len(cuts) >= 2:  # this sentence and the one before it
        lo, window = lo + cuts[-2], window[cuts[-2]:]
    if not u.percent_any_re.search(window):
        return False
    hi = min(len(t), end + 60)
    stop = _SENTENCE_END.search(t, end, hi)
    return not u.point_cue_re.search(t, lo, stop.start() if stop else hi)


def attach(x: Scan, core: Core, left: int, after: bool) -> Draft | None:
    if not after:
        return None
    t, lex = x.t, x.lex
    v = core.value
    m = lex.units.unit_re.match(t, core.end)
    if m:
        unit = lex.units.units[key(m.group("u"))]
        end = m.end()
        if unit == _POINT:
            return Draft(left, end, Kind.PERCENT, v, unit=unit, resolution=core.resolution,
                         low=core.low, high=core.high)
        r = lex.units.rate_re.match(t, end) if _takes_rate(unit) else None
        if r:
            unit = f"{unit} / {lex.units.rates[key(r.group('r'))]}"
            end = r.end()
        elif _takes_rate(unit):
            unit = _clause_rate(x, unit, left, end)
        if unit == "degree" and _about_weather(x, left, end):
            unit = "degree_Celsius"
        neg = lex.context.neg_after_re.match(t, end)
        if neg and v is not None and unit.startswith("degree"):
            # below zero is a temperature, and Arab weather reports use Celsius
            v, end = -v, neg.end()
            unit = "degree_Celsius" if unit == "degree" else unit
        return Draft(left, end, Kind.QUANTITY, v, unit=unit, resolution=core.resolution,
                     low=core.low, high=core.high)
    m = lex.units.point_re.match(t, core.end)
    if m and v is not None and not core.ordinal and _about_percentages(x, left, m.end()):
        return Draft(left, m.end(), Kind.PERCENT, v, unit=_POINT, resolution=core.resolution,
                     low=core.low, high=core.high)
    # ``2 تحت الصفر``: a temperature with its unit left out
    m = lex.context.neg_after_re.match(t, core.end)
    if m and v is not None and not core.ordinal:
        return Draft(left, m.end(), Kind.QUANTITY, -v, unit="degree_Celsius", resolution=core.resolution)
    return None


def from_unit_dual(x: Scan, s: int, e: int) -> tuple[Draft | None, int]:
    """``لتران``، ``أونصتين``، ``درجتين تحت الصفر``، ``كيلومتران مربعان``: the dual noun
    (with its dual adjective) is the number two."""
    t, lex = x.t, x.lex
    word = t[s:e]
    for cl in _CLITICS_FIRST:
        if not word.startswith(cl):
            continue
        m = lex.units.udual_re.match(t, s + len(cl))
        if m is None:
            continue
        bare, e = key(m.group()), m.end()
        if bare in lex.units.unit_duals:
            unit = lex.units.unit_duals[bare]
        elif bare in lex.units.point_duals and _about_percentages(x, s, e):
            unit = _POINT
        else:
            continue
        st = s + len(cl) if cl in ("و", "ف") else s
        d = Draft(st, e, _kind(unit), Decimal(2), unit=unit, resolution=Decimal(1))
        neg = lex.context.neg_after_re.match(t, e)
        if neg and unit.startswith("degree"):
            d.value, d.unit, d.end = Decimal(-2), "degree_Celsius", neg.end()
        if unit == _POINT:  # ``ناقص نقطتين``: two points down
            nm = x.left(lex.context.neg_before_re, st, 12)
            if nm:
                d.value, d.start = -d.value, nm.start()
        qualify(x, d, d.start)
        return d, d.end
    return None, e


def unit_and_fraction(x: Scan, ws: int, e: int, frac_word: str) -> tuple[Draft | None, int]:
    """``لتر ونصف`` = 1.5 litres, ``ساعة وربع`` = 1.25 hours (anchor: the و-fraction at ws)."""
    t, lex = x.t, x.lex
    m = _UNIT_BEFORE.search(t, max(x.floor, ws - 30), ws)
    if not m:
        return None, e
    s = m.start(1)
    word, frac = key(m.group(1)), lex.fractions[frac_word]
    if word not in lex.units.durations and word not in lex.units.units and " " in word:
        s, word = m.start(2), key(m.group(2))
    if word in lex.units.durations:
        pint_unit, factor = lex.units.durations[word]
        d = Draft(s, e, Kind.DURATION, (1 + frac) * factor, unit=pint_unit, resolution=frac * factor)
    elif word in lex.units.units:
        d = Draft(s, e, Kind.QUANTITY, 1 + frac, unit=lex.units.units[word], resolution=frac)
    else:
        return None, e
    qualify(x, d, s)
    return d, d.end
