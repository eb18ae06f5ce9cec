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


def _in_sentence(x: Scan, cue_re: rx.Pattern[str], window: int, start: int, end: int) -> bool:
    """Is one of ``cue_re`` in the sentence of ``[start, end)`` (as far as ``window``
    characters before it and 60 after)?"""
    t = x.t
    lo = max(0, start - window)
    cuts = [m.end() for m in _SENTENCE_END.finditer(t, lo, start)]
    if cuts:
        lo = cuts[-1]
    hi = min(len(t), end + 60)
    stop = _SENTENCE_END.search(t, end, hi)
    return cue_re.search(t, lo, stop.start() if stop else hi) is not None


def _about_weather(x: Scan, start: int, end: int) -> bool:
    """Is a bare درجة a temperature? The weather is named in its sentence."""
    u = x.lex.units
    return _in_sentence(x, u.temp_cue_re, u.temp_window, start, end)


def _a_rank(x: Scan, start: int, end: int) -> bool:
    """Is a bare درجة at ``[start, end)`` a grade or a magnitude, no measure
    (``100 ألف درجة وظيفية``، ``زلزال بقوة 5 درجات على مقياس ريختر``)?"""
    u = x.lex.units
    return (u.rank_after_re.match(x.t, end) is not None
            or _in_sentence(x, u.scale_cue_re, u.temp_window, start, end))


#: The word or two after a contextual unit word (past «من»), and the words of the
#: clause before the number.
_WORDS_AFTER = rx.compile(r"[^\S\n]+(?:من[^\S\n]+)?(\p{L}+)(?:[^\S\n]+(\p{L}+))?")
_CLAUSE_MARK = rx.compile(r"[.،,;:!?؟()«»\"\n][^.،,;:!?؟()«»\"\n]*$")
_WORD = rx.compile(r"\p{L}+")


def _cue(table: dict[str, str], word: str) -> str | None:
    """The unit ``word`` (bare, or less a proclitic and the article) is a cue for."""
    if word in table:
        return table[word]
    for cl in clitics.GLUED:
        if word.startswith(cl) and len(word) - len(cl) >= 2 and word[len(cl):] in table:
            return table[word[len(cl):]]
    return None


def _contextual(x: Scan, core: Core, left: int, word: str, end: int) -> str | None:
    """The unit a contextual unit word (كيلو، قدم) at ``end`` names here, or None:
    the stuff or place right after it first, then the words of the clause before
    the number, nearest first, then whether the number is scaled or decimal."""
    spec = x.lex.units.contextual[word]
    t = x.t
    w = _WORDS_AFTER.match(t, end)
    if w:
        if w.group(2):
            unit = spec.after.get(w.group(1) + " " + w.group(2))
            if unit:
                return unit
        unit = _cue(spec.after, w.group(1))
        if unit:
            return unit
    lo = max(0, left - 12 * spec.words_before)
    cut = _CLAUSE_MARK.search(t, lo, left)
    words = _WORD.findall(t, cut.start() + 1 if cut else lo, left)
    for b in reversed(words[-spec.words_before:]):
        unit = _cue(spec.before, b)
        if unit:
            return unit
    if spec.scaled and (core.scaled or not core.plain_int):
        return spec.scaled
    return None


def _and_fraction(x: Scan, m: rx.Match[str]) -> tuple[int, Decimal]:
    """``كيلو ونصف``، ``لتر وربع الليتر``: the end of the unit word matched by ``m``
    and of a و-fraction after it (and the unit repeated with the article), with
    the fraction (0 when there is none). The colloquial ونص is left out: after a
    unit it is as often "and the text of"."""
    fm = x.lex.half_tail_re.match(x.t, m.end())
    if fm is None:
        return m.end(), Decimal(0)
    rep = _REPEATED.match(x.t, fm.end())
    end = fm.end()
    if rep:
        word = m.group(m.lastindex or 0)
        if rep.group(1) not in (word, "ال" + word):
            return m.end(), Decimal(0)  # ``ونصف القيمة``: half of what follows, no fraction
        end = rep.end()
    elif x.lex.scales.after_re.match(x.t, end):
        return m.end(), Decimal(0)  # ``ونصف مليون``: a number of its own
    return end, x.lex.fractions[fm.group(1)]


#: A definite word after the fraction: the unit repeated (``كيلو ونصف الكيلو``) or
#: what the half is of.
_REPEATED = rx.compile(r"[^\S\n]+(ال\p{L}+)(?![\p{L}\p{N}])")


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
    unit: str | None = None
    if m:
        unit = lex.units.units[key(m.group("u"))]
        if unit == "degree" and _a_rank(x, left, m.end()):
            return None  # a count of grades (``100 ألف درجة وظيفية``), no measure
    else:
        m = lex.units.contextual_re.match(t, core.end)
        if m:
            unit = _contextual(x, core, left, key(m.group("c")), _and_fraction(x, m)[0])
    if m and unit:
        end, frac = _and_fraction(x, m)
        if frac and v is not None and unit != _POINT and (v / core.scale) % 1 == 0:
            # ``3 كيلو ونصف`` = 3.5 kg; ``24 مليون طن ونصف`` = 24.5 million tonnes
            v = v + frac * core.scale
        else:
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
    if word.startswith("ال") and word not in lex.units.durations and word not in lex.units.units:
        # ``الميل وربع الميل``، ``الساعة ونصف الساعة``: with the article only when the
        # unit is repeated after the fraction (``الساعة ونصف`` alone is a clock time)
        rep = _REPEATED.match(t, e)
        if rep is None or rep.group(1) != word:
            return None, e
        word, e = word[2:], rep.end()
    if word in lex.units.durations:
        pint_unit, factor = lex.units.durations[word]
        d = Draft(s, e, Kind.DURATION, (1 + frac) * factor, unit=pint_unit, resolution=frac * factor)
    elif word in lex.units.units:
        d = Draft(s, e, Kind.QUANTITY, 1 + frac, unit=lex.units.units[word], resolution=frac)
    else:
        return None, e
    qualify(x, d, s)
    return d, d.end
