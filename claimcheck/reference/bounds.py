"""How big and how small a number in a reference table may be.

A table cell is typed by a person, or exported by a script, and ``check`` does
arithmetic on it: relative differences, unit and currency conversions, powers
of a thousand. Python's decimals hold any exponent up to a million, and
arithmetic with ``1e999999`` takes seconds, overflows, or yields a result too
long to round. No newsroom fact needs that, so a table is refused, with its
row and column, when a value lies outside these documented bounds:

* a fact's value: zero, or a magnitude from 10⁻⁹ to below 10²⁴ (a billionth
  of a unit to a million billion billion; Iran's budget in rials is ~10¹⁶),
  with at most 28 significant digits (the precision ``check`` computes with);
* an exchange rate (US dollars per unit): from 10⁻¹² to below 10⁶, and
  positive (a hyperinflated currency is worth ~10⁻¹⁵ only after redenomination);

The bounds are checked on the exponent of the cell as written, before any
arithmetic, so a cell like ``1e999999999`` costs nothing to refuse.
"""
from __future__ import annotations

from decimal import Decimal

#: Powers of ten a fact's value may reach: 10**MIN_VALUE_EXP <= |v| < 10**MAX_VALUE_EXP.
MIN_VALUE_EXP, MAX_VALUE_EXP = -9, 24
#: Significant digits of a value (Decimal's default precision).
MAX_DIGITS = 28
#: Powers of ten an exchange rate may reach.
MIN_RATE_EXP, MAX_RATE_EXP = -12, 6


def _magnitude(v: Decimal) -> int:
    """The power of ten of the leading digit: 3 for 1234, -2 for 0.05."""
    return v.adjusted()


def value_problem(v: Decimal) -> str | None:
    """Why ``v`` cannot be a fact's value, or None.

    >>> value_problem(Decimal("87")) is None, value_problem(Decimal(0)) is None
    (True, True)
    >>> value_problem(Decimal("1e999999"))
    "too large: 1E+999999 (a value's magnitude must be below 1e24)"
    """
    if not v.is_finite():
        return f"not a finite number: {v}"
    if v == 0:
        return None
    e = _magnitude(v)
    if e >= MAX_VALUE_EXP:
        return f"too large: {_short(v)} (a value's magnitude must be below 1e{MAX_VALUE_EXP})"
    if e < MIN_VALUE_EXP:
        return f"too small: {_short(v)} (a value must be 0 or of magnitude at least 1e{MIN_VALUE_EXP})"
    digits = _significant(v)
    if digits > MAX_DIGITS:
        return f"{digits} significant digits (at most {MAX_DIGITS})"
    return None


def rate_problem(v: Decimal) -> str | None:
    """Why ``v`` cannot be an exchange rate (US dollars per unit), or None.

    >>> rate_problem(Decimal("1.27")) is None
    True
    >>> rate_problem(Decimal("1e30"))
    'too large: 1E+30 US dollars per unit (a rate must be below 1e6)'
    """
    if not v.is_finite():
        return f"not a finite number: {v}"
    if v <= 0:
        return "a rate must be positive"
    e = _magnitude(v)
    if e >= MAX_RATE_EXP:
        return f"too large: {_short(v)} US dollars per unit (a rate must be below 1e{MAX_RATE_EXP})"
    if e < MIN_RATE_EXP:
        return f"too small: {_short(v)} US dollars per unit (a rate must be at least 1e{MIN_RATE_EXP})"
    if _significant(v) > MAX_DIGITS:
        return f"more than {MAX_DIGITS} significant digits"
    return None


def _significant(v: Decimal) -> int:
    """Significant digits as written (trailing zeros of the coefficient aside)."""
    digits = v.as_tuple().digits
    n = len(digits)
    while n > 1 and digits[n - 1] == 0:
        n -= 1
    return n


def _short(v: Decimal) -> str:
    """A number for a message: as written when short, else in scientific notation."""
    s = str(v)
    if len(s) <= 24:
        return s
    t = v.as_tuple()
    lead = "".join(map(str, t.digits[:3]))
    mantissa = lead[0] + ("." + lead[1:] if len(lead) > 1 else "")
    return f"{'-' if t.sign else ''}{mantissa}E{v.adjusted():+d}"


__all__ = ["value_problem", "rate_problem", "MIN_VALUE_EXP", "MAX_VALUE_EXP", "MAX_DIGITS",
           "MIN_RATE_EXP", "MAX_RATE_EXP"]
