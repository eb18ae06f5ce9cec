"""Measured quantities: a unit after the number (``50 ألف طن``، ``3 كم2``), with
a rate (``برميل يومياً``); temperatures below zero (``2 تحت الصفر``); a dual
unit noun as the number two (``لتران``); a unit and a و-fraction (``لتر ونصف``).
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


def attach(x: Scan, core: Core, left: int, after: bool) -> Draft | None:
    if not after:
        return None
    t, lex = x.t, x.lex
    v = core.value
    m = lex.units.unit_re.match(t, core.end)
    if m:
        unit = lex.units.units[key(m.group("u"))]
        end = m.end()
        r = lex.units.rate_re.match(t, end)
        if r:
            unit = f"{unit} / {lex.units.rates[key(r.group('r'))]}"
            end = r.end()
        neg = lex.context.neg_after_re.match(t, end)
        if neg and v is not None and unit.startswith("degree"):
            # below zero is a temperature, and Arab weather reports use Celsius
            v, end = -v, neg.end()
            unit = "degree_Celsius" if unit == "degree" else unit
        return Draft(left, end, Kind.QUANTITY, v, unit=unit, resolution=core.resolution,
                     low=core.low, high=core.high)
    # ``2 تحت الصفر``: a temperature with its unit left out
    m = lex.context.neg_after_re.match(t, core.end)
    if m and v is not None and not core.ordinal:
        return Draft(left, m.end(), Kind.QUANTITY, -v, unit="degree_Celsius", resolution=core.resolution)
    return None


def from_unit_dual(x: Scan, s: int, e: int) -> tuple[Draft | None, int]:
    """``لتران``، ``أونصتين``، ``درجتين تحت الصفر``: the dual noun is the number two."""
    t, lex = x.t, x.lex
    word = t[s:e]
    for cl in _CLITICS_FIRST:
        if word.startswith(cl) and word[len(cl):] in lex.units.unit_duals:
            unit = lex.units.unit_duals[word[len(cl):]]
            st = s + len(cl) if cl in ("و", "ف") else s
            d = Draft(st, e, Kind.QUANTITY, Decimal(2), unit=unit, resolution=Decimal(1))
            neg = lex.context.neg_after_re.match(t, e)
            if neg and unit.startswith("degree"):
                d.value, d.unit, d.end = Decimal(-2), "degree_Celsius", neg.end()
            qualify(x, d, st)
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
