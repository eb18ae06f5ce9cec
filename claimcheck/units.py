"""Units: the pint registry (built once, lazily), ISO 4217 codes, exact conversion.

pint never sees Arabic: the extractor maps Arabic wording to a pint name
(``كيلومتر`` → ``kilometer``) and reference tables are written with pint names.
This module only parses those ASCII unit expressions and converts between them.

The registry works in :class:`~decimal.Decimal` (``non_int_type=Decimal``) so that
``280 mile`` → ``450.61632 kilometer`` carries no binary-float artefacts.

Two pint names are traps for Arabic news and are refused in reference tables:
``ton`` is the US short ton (طن is ``metric_ton``) and ``barrel`` is 31.5 US gallons
(برميل نفط is ``oil_barrel``).

Every unit string a claim or fact can carry falls into one *class*:

=============  =====================================================
class          unit strings
=============  =====================================================
``count``      empty / None (plain numbers, ordinals)
``percent``    ``percent``
``money``      an ISO 4217 code (``GBP``)
``date``       ``date`` (reference tables only)
``[length]``…  any pint expression: its dimensionality, as a string
=============  =====================================================

Two units are comparable when their classes are equal.
"""
from __future__ import annotations

import threading
from decimal import Context, Decimal
from functools import lru_cache
from typing import Any

from claimcheck.errors import UnitError
from claimcheck.lang import recache

#: ISO 4217 active codes (with funds and precious-metal codes), as published by the
#: ISO 4217 maintenance agency; checked against pycountry 26.2.16.
ISO_4217: frozenset[str] = frozenset("""
AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BOV BRL BSD BTN
BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD
EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR
IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD
MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD
OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE
SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI
UYU UYW UZS VED VES VND VUV WST XAD XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD
XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWG
""".split())

COUNT, PERCENT, MONEY, DATE = "count", "percent", "money", "date"

#: pint names that mean something else than an Arabic reader expects.
TRAPS: dict[str, str] = {
    "ton": "pint's 'ton' is the US short ton (907 kg); write metric_ton for طن",
    "tons": "pint's 'ton' is the US short ton (907 kg); write metric_ton for طن",
    "barrel": "pint's 'barrel' is 31.5 US gallons; write oil_barrel for برميل نفط",
    "barrels": "pint's 'barrel' is 31.5 US gallons; write oil_barrel for برميل نفط",
}

_THREE_LETTERS = recache.compile(r"[A-Za-z]{3}")
_ASCII_UNIT = recache.compile(r"[A-Za-z_][A-Za-z0-9_ */^().\-]*\Z")
_lock = threading.Lock()
_registry: Any = None
#: Conversions are rounded to this many significant digits (pint's Decimal
#: arithmetic leaves tails like 86.00000000000000000000000003).
_ROUND = Context(prec=15)


def registry() -> Any:
    """The shared pint registry (Decimal arithmetic), built on first use."""
    global _registry
    if _registry is None:
        with _lock:
            if _registry is None:
                import pint

                try:
                    reg = pint.UnitRegistry(non_int_type=Decimal, cache_folder=":auto:")
                except Exception:  # an unwritable cache folder must not stop us
                    reg = pint.UnitRegistry(non_int_type=Decimal)
                # Land and rate units of Arab news that pint lacks: the Levantine
                # dunam (1000 m²), the Egyptian feddan (4200.83 m²) and the
                # central banks' basis point (1/100 of a percentage point).
                reg.define("dunam = 1000 * meter ** 2 = dunum")
                reg.define("feddan = 4200.83 * meter ** 2")
                reg.define("basis_point = 0.0001 = bp")
                # a percentage point: the difference of two percentages (SPEC §1)
                reg.define("percentage_point = 0.01 = pp")
                _registry = reg
    return _registry


@lru_cache(maxsize=4096)
def parse_unit(expr: str) -> Any:
    """The pint unit of an ASCII unit expression; UnitError (a ValueError) when pint does not know it.

    >>> str(parse_unit("kilometer ** 2"))
    'kilometer ** 2'
    """
    e = expr.strip()
    if not e or not _ASCII_UNIT.match(e):
        raise UnitError(f"not a unit expression: {expr!r}")
    if e.lower() in TRAPS:
        raise UnitError(TRAPS[e.lower()])
    reg = registry()
    try:
        unit = reg.parse_units(e)
    except Exception as ex:  # pint raises several unrelated types
        raise UnitError(f"unknown unit {expr!r} ({type(ex).__name__})") from None
    return unit


@lru_cache(maxsize=4096)
def unit_class(unit: str | None) -> str:
    """The comparison class of a unit string (see the module docstring).

    The units the lexicon gives claims are looked up in ``unit_dimensions.toml``
    (generated from pint), so a check whose units need no conversion never
    imports pint; any other unit asks pint.
    """
    if not unit:
        return COUNT
    if unit == PERCENT:
        return PERCENT
    if unit == DATE:
        return DATE
    if unit in ISO_4217:
        return MONEY
    known = _known_dimensions().get(unit)
    if known is not None:
        return known
    return pint_unit_class(unit)


@lru_cache(maxsize=1)
def _known_dimensions() -> dict[str, str]:
    from claimcheck.lang import recache
    from claimcheck.lang.lexicon import data_file, parse_toml

    raw = data_file("unit_dimensions.toml").decode("utf-8")
    return recache.memo("toml", recache.digest("unit_dimensions", raw),
                        lambda: parse_toml(raw, "unit_dimensions.toml"))


def pint_unit_class(unit: str) -> str:
    """:func:`unit_class` of a pint expression, asking pint."""
    try:
        dim = parse_unit(unit).dimensionality
    except ValueError:
        return f"?{unit}"
    if not dict(dim):  # dimensionless pint unit (dozen…) counts as a number
        return COUNT
    return str(dim)


def validate_unit(unit: str) -> str | None:
    """None when ``unit`` is acceptable in a reference table, else what is wrong."""
    if not unit or unit in (PERCENT, DATE) or unit in ISO_4217:
        return None
    if _THREE_LETTERS.fullmatch(unit) and unit.upper() in ISO_4217 and unit != unit.upper():
        return f"currency codes are upper case: write {unit.upper()}"
    if _THREE_LETTERS.fullmatch(unit) and unit.isupper():
        return f"{unit!r} is not an ISO 4217 currency code"
    if unit in _known_dimensions():
        return None  # a unit of the lexicon, known to pint (unit_dimensions.toml)
    try:
        parse_unit(unit)
    except ValueError as e:
        return str(e)
    return None


def round_sig(x: Decimal) -> Decimal:
    """``x`` rounded to 15 significant digits, without a trailing-zero tail."""
    y = _ROUND.plus(x)
    if y == y.to_integral_value():
        return y.quantize(Decimal(1))
    return y.normalize()


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """``value`` in ``from_unit`` expressed in ``to_unit`` (exact Decimal arithmetic).

    >>> convert(Decimal(280), "mile", "kilometer")
    Decimal('450.61632')
    """
    if from_unit == to_unit:
        return value
    factor = _factor(from_unit, to_unit)
    if factor is not None:
        return round_sig(Decimal(value) * factor)
    reg = registry()
    q = reg.Quantity(Decimal(value), parse_unit(from_unit))
    return round_sig(Decimal(q.to(parse_unit(to_unit)).magnitude))


@lru_cache(maxsize=1024)
def _factor(from_unit: str, to_unit: str) -> Decimal | None:
    """The factor of a plain proportional conversion (None for offset units: °C → °F)."""
    reg = registry()
    try:
        zero = reg.Quantity(Decimal(0), parse_unit(from_unit)).to(parse_unit(to_unit)).magnitude
        one = reg.Quantity(Decimal(1), parse_unit(from_unit)).to(parse_unit(to_unit)).magnitude
    except Exception:
        return None  # let the full conversion raise its own error
    if Decimal(zero) != 0:
        return None
    return Decimal(one)


def scale_factor(from_unit: str, to_unit: str) -> Decimal:
    """How many ``to_unit`` one ``from_unit`` is (for converting a precision step)."""
    if from_unit == to_unit:
        return Decimal(1)
    try:
        a = convert(Decimal(1), from_unit, to_unit)
        b = convert(Decimal(0), from_unit, to_unit)
    except Exception:
        return Decimal(1)
    return abs(a - b)  # offset units (°C → °F): only the slope matters for a step
