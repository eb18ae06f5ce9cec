"""Verdict rules (SPEC §3): a claim against one fact, and against many tied rows.

Claim and reference are both intervals: ``4.3 مليار`` is [4.25, 4.35]·10⁹ (its
written precision), ``نحو X`` is X ± 10 %, ``أكثر من X`` is (X, ∞); a reference
with qualifier ``more_than`` is (r, ∞) too. The reference inside the claim →
supported; no overlap → contradicted (``scale_mismatch`` when a power of 1000
would reconcile them); a partial overlap (a reference bound that neither confirms
nor refutes) → ``ambiguous_reference``. Money in another currency is converted
through the rate tables at the rate nearest the fact's period, with an extra
±5 % (``fx_tolerance``) for the rate the writer may have used.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Sequence

from claimcheck.checking.options import Options
from claimcheck.model import REASON_VERDICT, Claim, Kind, Qualifier, Reason, Verdict
from claimcheck.reference.index import Fact, References
from claimcheck.reference.periods import Period, parse_iso_date
from claimcheck.units import COUNT, DATE, MONEY, PERCENT, convert, scale_factor

Interval = tuple[Decimal | None, bool, Decimal | None, bool]  # lo, lo_open, hi, hi_open


def _iv(lo: Decimal | None, hi: Decimal | None, lo_open: bool = False, hi_open: bool = False) -> Interval:
    return (lo, lo_open, hi, hi_open)


def _subset(a: Interval, b: Interval) -> bool:
    """a ⊆ b"""
    alo, alo_o, ahi, ahi_o = a
    blo, blo_o, bhi, bhi_o = b
    if blo is not None:
        if alo is None or alo < blo or (alo == blo and blo_o and not alo_o):
            return False
    if bhi is not None:
        if ahi is None or ahi > bhi or (ahi == bhi and bhi_o and not ahi_o):
            return False
    return True


def _disjoint(a: Interval, b: Interval) -> bool:
    alo, alo_o, ahi, ahi_o = a
    blo, blo_o, bhi, bhi_o = b
    if ahi is not None and blo is not None and (ahi < blo or (ahi == blo and (ahi_o or blo_o))):
        return True
    if bhi is not None and alo is not None and (bhi < alo or (bhi == alo and (bhi_o or alo_o))):
        return True
    return False


def _bound_iv(v: Decimal, q: Qualifier) -> Interval:
    if q is Qualifier.MORE_THAN:
        return _iv(v, None, lo_open=True)
    if q is Qualifier.AT_LEAST:
        return _iv(v, None)
    if q is Qualifier.LESS_THAN:
        return _iv(None, v, hi_open=True)
    return _iv(None, v)  # at_most


BOUNDS = (Qualifier.MORE_THAN, Qualifier.AT_LEAST, Qualifier.LESS_THAN, Qualifier.AT_MOST)


def _ref_iv(r: Decimal, q: Qualifier, approx: Decimal) -> Interval:
    if q in BOUNDS:
        return _bound_iv(r, q)
    if q is Qualifier.APPROXIMATE:
        h = abs(r) * approx
        return _iv(r - h, r + h)
    return _iv(r, r)


# --------------------------------------------------------------------------- verdict rules


@dataclass(slots=True)
class Judgement:
    """What one comparison found: the reason, the relative difference and a note
    (a conversion, a bound, a precision) for the explanation."""

    reason: Reason
    delta: Decimal | None = None
    note: str = ""
    #: the claim's value, low and high as compared, in the fact's unit (after a
    #: conversion only), for the explanation
    converted: tuple[Decimal | None, Decimal | None, Decimal | None] | None = None


def _delta(v: Decimal | None, r: Decimal) -> Decimal | None:
    if v is None or r == 0:
        return None
    d = (v - r) / abs(r)
    if d.adjusted() >= 20:  # (a claim of a hundred digits: no four places to round to)
        return d
    d = d.quantize(Decimal("0.0001"), rounding=ROUND_HALF_EVEN)
    return d.normalize() if d != 0 else Decimal(0)


def _thousands_apart(v: Decimal, r: Decimal) -> bool:
    """Are ``v`` and ``r`` roughly a power of 1000 apart (a scale-word slip is possible)?"""
    ratio = abs(r / v)
    if ratio < 1:
        ratio = 1 / ratio
    return any(Decimal("0.5") * k <= ratio <= 2 * k for k in _POWERS)


_POWERS = (Decimal(10) ** 3, Decimal(10) ** 6, Decimal(10) ** 9)


def _near(r: Decimal) -> Interval:
    """The table's own number ±10 %: a scale slip lands near it, not merely inside a bound
    (``300 عنصر`` × 1000 is "more than 120,000" but no slip of «120 ألف»)."""
    a, b = r * Decimal("0.9"), r * Decimal("1.1")
    return _iv(min(a, b), max(a, b))


def _scaled_hits(v: Decimal, lo_hi: Interval, r_iv: Interval, bound: bool) -> bool:
    """Would the claim agree if its scale word were off by 1000^k (k ≠ 0)?"""
    for k in (1, -1, 2, -2, 3, -3):
        f = Decimal(1000) ** k
        if bound:
            c = _iv(v * f * Decimal("0.9"), v * f * Decimal("1.1")) if v >= 0 else _iv(v * f * Decimal("1.1"), v * f * Decimal("0.9"))
        else:
            lo, _, hi, _ = lo_hi
            if lo is None or hi is None:
                continue
            c = _iv(lo * f, hi * f)
        if not _disjoint(c, r_iv):
            return True
    return False


def judge_numbers(c: Claim, v: Decimal | None, low: Decimal | None, high: Decimal | None,
                  resolution: Decimal | None, f: Fact, r: Decimal, opts: Options,
                  extra_tol: Decimal = Decimal(0), coarse: bool = False) -> Judgement:
    """The verdict rules of SPEC §3 for a numeric claim already in the fact's unit.

    ``coarse``: only the verdict is wanted (no delta; a scale slip is not told
    from another wrong figure when both contradict).
    """
    r_iv = _ref_iv(r, f.qualifier, opts.approx)
    tol = f.tolerance
    q = c.qualifier
    if v is None:
        if low is None and high is None:
            return Judgement(Reason.NO_REFERENCE, note="vague amount")
        c_iv = _iv(low, high)
        bound = True
        base = None
    elif q in BOUNDS:
        c_iv = _bound_iv(v, q)
        bound = True
        base = v
    else:
        bound = False
        base = v
        if tol is not None:
            h = tol * abs(r)
            # the table's tolerance is a share of its own figure: a figure a power
            # of 1000 off keeps that share of itself, not the table's amount (1711
            # ± 8 % of 3.16 million, times 1000, would reach every million)
            own = tol * abs(v)
        else:
            h = (resolution or Decimal(0)) / 2
            if q is Qualifier.APPROXIMATE:
                h = max(h, opts.approx * abs(v))
            own = h
        strict = _iv(v - h, v + h)
        h += extra_tol * abs(v)
        own += extra_tol * abs(v)
        c_iv = _iv(v - h, v + h)
        own_iv = _iv(v - own, v + own)
    delta = None if coarse else _delta(base, r)
    if bound and base is not None and v and r:
        ratio = abs(r / v)
        if (ratio >= 500 or ratio <= Decimal("0.002")) and _scaled_hits(v, c_iv, _near(r), True):
            return Judgement(Reason.SCALE_MISMATCH, delta)
    if _subset(r_iv, c_iv):
        if bound:
            return Judgement(Reason.BOUND_SATISFIED, delta)
        if v == r and f.qualifier is Qualifier.EXACT:
            return Judgement(Reason.EXACT, delta)
        if tol is not None or (extra_tol and not _subset(r_iv, strict)):
            return Judgement(Reason.WITHIN_TOLERANCE, delta)
        if q is Qualifier.APPROXIMATE:
            return Judgement(Reason.WITHIN_APPROXIMATION, delta)
        return Judgement(Reason.WITHIN_ROUNDING, delta)
    if _disjoint(r_iv, c_iv):
        if coarse and not (bound and tol is not None):
            return Judgement(Reason.VALUE_MISMATCH)
        if base is not None and base and r and _thousands_apart(base, r) \
                and _scaled_hits(base, c_iv if bound else own_iv, _near(r), bound):
            return Judgement(Reason.SCALE_MISMATCH, delta)
        if bound and tol is not None:
            lo, lo_o, hi, hi_o = c_iv
            slack = tol * abs(r)
            wide = _iv(None if lo is None else lo - slack, None if hi is None else hi + slack, lo_o, hi_o)
            if _subset(r_iv, wide):
                return Judgement(Reason.WITHIN_TOLERANCE, delta)
        return Judgement(Reason.BOUND_VIOLATED if bound else Reason.VALUE_MISMATCH, delta)
    return Judgement(Reason.AMBIGUOUS_REFERENCE, delta,
                     note="reference_bound")


def judge_date(c: Claim, f: Fact) -> Judgement:
    try:
        rp = parse_iso_date(str(f.value))
    except ValueError:
        return Judgement(Reason.INCOMPARABLE_UNITS)
    cp = None
    if isinstance(c.value, str):
        try:
            cp = parse_iso_date(c.value)
        except ValueError:
            cp = None
    elif isinstance(c.low, str) and isinstance(c.high, str):
        try:
            a, b = parse_iso_date(c.low), parse_iso_date(c.high)
            cp = Period("", a.start, b.end)
        except ValueError:
            cp = None
    if cp is None:
        return Judgement(Reason.INCOMPARABLE_UNITS)
    lo, hi = Decimal(cp.start.toordinal()), Decimal(cp.end.toordinal())
    q = c.qualifier
    if q is Qualifier.MORE_THAN:
        c_iv = _iv(hi, None, lo_open=True)
    elif q is Qualifier.AT_LEAST:
        c_iv = _iv(lo, None)
    elif q is Qualifier.LESS_THAN:
        c_iv = _iv(None, lo, hi_open=True)
    elif q is Qualifier.AT_MOST:
        c_iv = _iv(None, hi)
    elif q is Qualifier.APPROXIMATE:
        c_iv = _iv(lo - 366, hi + 366)
    else:
        c_iv = _iv(lo, hi)
    r_lo, r_hi = Decimal(rp.start.toordinal()), Decimal(rp.end.toordinal())
    r_iv = _ref_iv(r_lo, f.qualifier, Decimal(0)) if f.qualifier in BOUNDS else _iv(r_lo, r_hi)
    if _subset(r_iv, c_iv):
        if q in BOUNDS:
            return Judgement(Reason.BOUND_SATISFIED)
        if q is Qualifier.APPROXIMATE:
            return Judgement(Reason.WITHIN_APPROXIMATION)
        return Judgement(Reason.EXACT)
    if _disjoint(r_iv, c_iv):
        return Judgement(Reason.DATE_MISMATCH)
    return Judgement(Reason.AMBIGUOUS_REFERENCE, note="date_precision")


def judge(c: Claim, f: Fact, refs: References, opts: Options,
          cp: Period | None, coarse: bool = False) -> Judgement:
    """Compare one claim with one fact of the same comparison class (``coarse``:
    only the verdict of the judgement is wanted, see :func:`judge_numbers`)."""
    if f.klass == DATE:
        return judge_date(c, f)
    r = f.value
    assert isinstance(r, Decimal)
    vals = [c.value if isinstance(c.value, Decimal) else None,
            c.low if isinstance(c.low, Decimal) else None,
            c.high if isinstance(c.high, Decimal) else None]
    res = c.resolution
    extra = Decimal(0)
    note = ""
    if f.klass == MONEY and c.unit and f.unit and c.unit != f.unit:
        if c.currency_assumed:
            return Judgement(Reason.INCOMPARABLE_UNITS, note="currency_assumed")
        rc = refs.rate(c.unit, f.period, cp)
        rf = refs.rate(f.unit, f.period, cp)
        if rc is None or rf is None:
            return Judgement(Reason.NO_EXCHANGE_RATE,
                             note=f"missing:{c.unit if rc is None else f.unit}")
        factor = rc.usd_per_unit / rf.usd_per_unit
        vals = [None if x is None else _round(x * factor) for x in vals]
        res = None if res is None else res * factor
        extra = opts.fx_tolerance
        rate_date = max(d for d in (rc.date, rf.date) if d.year > 1970) if (rc.date.year > 1970 or rf.date.year > 1970) else None
        note = f"fx:{c.unit}->{f.unit}@{_fmt_factor(factor)}" + (f" ({rate_date.isoformat()})" if rate_date else "")
    elif f.klass not in (COUNT, PERCENT, MONEY) and c.unit and f.unit and c.unit != f.unit:
        try:
            vals = [None if x is None else convert(x, c.unit, f.unit) for x in vals]
            res = None if res is None else res * scale_factor(c.unit, f.unit)
        except Exception:
            return Judgement(Reason.INCOMPARABLE_UNITS)
        note = f"unit:{c.unit}->{f.unit}"
    v, lo, hi = vals
    j = judge_numbers(c, v, lo, hi, res, f, r, opts, extra, coarse)
    if coarse:
        return j
    if note and not j.note:
        j.note = note
    if note:
        j.converted = (v, lo, hi)
    return j


def _plain_rows_interval(c: Claim, opts: Options) -> tuple[Decimal | None, Decimal | None] | Verdict | None:
    """The verdict of ``c`` against any *plain row* (an exact value of its class, no
    tolerance, in the claim's own unit: no conversion), as :func:`judge` with
    ``coarse`` gives it, ready for many rows at once (one per year, all tied):

    - the claim's closed interval ``(low, high)`` (None: unbounded): a row's value
      inside it supports the claim, outside it contradicts it;
    - a Verdict when it is the same whatever the row says;
    - None when other rules may apply (a bound, which a scale slip may also explain).
    """
    q = c.qualifier
    if q in BOUNDS or c.kind is Kind.DATE:
        return None
    if isinstance(c.value, Decimal):
        v, h = _figure_rows_rule(c, opts)  # type: ignore[misc]
        return v - h, v + h
    low = c.low if isinstance(c.low, Decimal) else None
    high = c.high if isinstance(c.high, Decimal) else None
    if low is None and high is None:
        return Verdict.UNVERIFIABLE  # a vague amount ("vague amount")
    return low, high


def _is_plain_row(c: Claim, f: Fact) -> bool:
    """See :func:`_plain_rows_interval`."""
    return (f.qualifier is Qualifier.EXACT and f.tolerance is None and f.klass != DATE
            and not (c.unit and f.unit and c.unit != f.unit))


def _plain_row_verdict(rule: tuple[Decimal | None, Decimal | None] | Verdict, r: Decimal) -> Verdict:
    if isinstance(rule, Verdict):
        return rule
    lo, hi = rule
    inside = (lo is None or lo <= r) and (hi is None or r <= hi)
    return Verdict.SUPPORTED if inside else Verdict.CONTRADICTED


def _figure_rows_rule(c: Claim, opts: Options) -> tuple[Decimal, Decimal] | None:
    """For a figure (a value that is not a bound, not a date): the value and the
    half-width it is read with when a row has no tolerance of its own — what
    :func:`_figure_row_verdict` needs to judge any row in the claim's unit."""
    if c.qualifier in BOUNDS or c.kind is Kind.DATE or not isinstance(c.value, Decimal):
        return None
    v = c.value
    h = (c.resolution or Decimal(0)) / 2
    if c.qualifier is Qualifier.APPROXIMATE:
        h = max(h, opts.approx * abs(v))
    return v, h


def _is_row_in_claim_unit(c: Claim, f: Fact) -> bool:
    """A numeric row compared without a conversion (see :func:`judge`)."""
    return f.klass != DATE and not (c.unit and f.unit and c.unit != f.unit)


def _figure_row_verdict(rule: tuple[Decimal, Decimal], f: Fact, opts: Options) -> Verdict:
    """The verdict of :func:`judge` (``coarse``) for a figure and a row in its unit,
    whatever the row's qualifier and tolerance: the claim is ``v ± h`` (a row's
    tolerance sets ``h``), the row a point, an interval (``approximate``) or a
    half-line (a bound); inside → supported, apart → contradicted, overlapping
    → unverifiable (``ambiguous_reference``)."""
    v, h = rule
    r = f.value
    assert isinstance(r, Decimal)
    if f.tolerance is not None:
        h = f.tolerance * abs(r)
    lo, hi = v - h, v + h
    q = f.qualifier
    if q is Qualifier.EXACT:
        return Verdict.SUPPORTED if lo <= r <= hi else Verdict.CONTRADICTED
    if q is Qualifier.APPROXIMATE:
        a = abs(r) * opts.approx
        rlo, rhi = r - a, r + a
        if lo <= rlo and rhi <= hi:
            return Verdict.SUPPORTED
        if hi < rlo or rhi < lo:
            return Verdict.CONTRADICTED
        return Verdict.UNVERIFIABLE
    # a bound: (r, ∞), [r, ∞), (-∞, r), (-∞, r] never inside a finite claim
    if q is Qualifier.MORE_THAN:
        apart = hi <= r
    elif q is Qualifier.AT_LEAST:
        apart = hi < r
    elif q is Qualifier.LESS_THAN:
        apart = r <= lo
    else:
        apart = r < lo
    return Verdict.CONTRADICTED if apart else Verdict.UNVERIFIABLE


def _round(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01")) if abs(x) >= 1 else x


def _fmt_factor(x: Decimal) -> str:
    return f"{x.quantize(Decimal('0.000001')).normalize()}"


def tied_rows_disagree(c: Claim, rows: Sequence[tuple[float, str, int, Fact, str]], first: Verdict,
                       refs: References, opts: Options, cp: Period | None) -> bool:
    """Does any of ``rows`` (facts tied with the one judged ``first``, as
    :func:`claimcheck.checking.matching.top_rows` gives them) give the claim
    another verdict? Judging stops at the first disagreement.

    Many tied rows (one per year, and no year in the text) are judged through what
    the claim says, computed once: a figure against any row in its unit, a range
    against plain rows; every other row through :func:`judge`.
    """
    rule = figure = None
    if len(rows) > 1:
        figure = _figure_rows_rule(c, opts)
        if figure is None:
            rule = _plain_rows_interval(c, opts)
    for m in rows:
        f = m[3]
        if figure is not None and _is_row_in_claim_unit(c, f):
            v = _figure_row_verdict(figure, f, opts)
        elif rule is not None and _is_plain_row(c, f):
            v = _plain_row_verdict(rule, f.value)  # type: ignore[arg-type]
        else:
            v = REASON_VERDICT[judge(c, f, refs, opts, cp, coarse=True).reason]
        if v is not first:
            return True
    return False
