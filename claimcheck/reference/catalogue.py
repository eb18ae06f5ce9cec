"""The indicator catalogue: what Arab newsrooms quote, by the codes statistics use.

``lang/data/indicators.toml`` lists some forty indicators (population, GDP, inflation,
unemployment, debt, reserves, remittances, oil, poverty, refugees …) with their
World Bank and IMF codes, the Arabic metric name and keywords a fact table needs,
the unit and the scale each source publishes them in. The importers look a file's
indicator codes up here; ``reference coverage`` looks the keywords up in the
sentences of claims no table covers.

>>> ind, code = catalogue().find("NY.GDP.MKTP.CD")
>>> ind.key, ind.unit, code.source
('gdp_usd', 'USD', 'wb')
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from claimcheck.errors import LexiconError
from claimcheck.lang.lexicon import load
from claimcheck.units import ISO_4217, validate_unit

#: the unit that stands for "the currency of the row's country"
LOCAL_CURRENCY = "LCU"


@dataclass(frozen=True, slots=True)
class SourceCode:
    """One source's code for an indicator, and how that source publishes it."""

    source: str          # wb, imf, eia
    code: str
    scale: Decimal       # what one published unit stands for
    unit: str | None     # when it differs from the indicator's unit


@dataclass(frozen=True, slots=True)
class Indicator:
    key: str
    metric: str
    keywords: tuple[str, ...]
    unit: str            # "", percent, ISO 4217, LCU, or a pint expression
    negate: bool
    codes: tuple[SourceCode, ...]

    def codes_of(self, source: str) -> tuple[str, ...]:
        return tuple(c.code for c in self.codes if c.source == source)


@dataclass(frozen=True, slots=True)
class SdmxUnit:
    unit: str
    scale: Decimal


@dataclass(frozen=True)
class Catalogue:
    indicators: tuple[Indicator, ...]
    by_code: dict[str, tuple[Indicator, SourceCode]]
    by_key: dict[str, Indicator]
    sdmx_units: dict[str, SdmxUnit]

    def find(self, code: str) -> tuple[Indicator, SourceCode] | None:
        """The indicator a source code stands for (case-insensitive), or None."""
        return self.by_code.get(code.strip().upper())

    def indicator(self, key: str) -> Indicator:
        try:
            return self.by_key[key]
        except KeyError:
            raise LexiconError(f"no indicator {key!r} in the catalogue") from None

    def sdmx_unit(self, code: str) -> SdmxUnit | None:
        """What an SDMX unit attribute means: an ISO 4217 code is itself; the
        catalogue's table reads the rest (PT → percent, XDC → the local currency)."""
        c = code.strip().upper()
        if c in ISO_4217:
            return SdmxUnit(c, Decimal(1))
        return self.sdmx_units.get(c)


def _decimal(x: object, where: str) -> Decimal:
    try:
        d = Decimal(str(x)).normalize()
    except ArithmeticError:
        raise LexiconError(f"indicators.toml: {where}: bad scale {x!r}") from None
    if not d.is_finite() or d <= 0:
        raise LexiconError(f"indicators.toml: {where}: bad scale {x!r}")
    return d


def _check_unit(unit: str, where: str) -> None:
    if unit in ("", "percent", LOCAL_CURRENCY) or unit in ISO_4217:
        return
    problem = validate_unit(unit)
    if problem:
        raise LexiconError(f"indicators.toml: {where}: {problem}")


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The shipped catalogue, validated (codes unique, units known, words present)."""
    data = load("indicators")
    indicators: list[Indicator] = []
    by_code: dict[str, tuple[Indicator, SourceCode]] = {}
    by_key: dict[str, Indicator] = {}
    for raw in data.get("indicator", []):
        key = raw.get("key", "")
        if not key or key in by_key:
            raise LexiconError(f"indicators.toml: missing or repeated key {key!r}")
        if not raw.get("metric") or not raw.get("keywords"):
            raise LexiconError(f"indicators.toml: {key}: metric and keywords are required")
        unit = raw.get("unit", "")
        _check_unit(unit, key)
        codes = []
        for c in raw.get("code", []):
            if c.get("unit") is not None:
                _check_unit(c["unit"], f"{key} {c.get('code')}")
            codes.append(SourceCode(c["source"], c["code"], _decimal(c.get("scale", 1), key),
                                    c.get("unit")))
        if not codes:
            raise LexiconError(f"indicators.toml: {key}: no source code")
        ind = Indicator(key, raw["metric"], tuple(raw["keywords"]), unit,
                        bool(raw.get("negate", False)), tuple(codes))
        for sc in codes:
            k = sc.code.upper()
            if k in by_code:
                raise LexiconError(f"indicators.toml: code {sc.code} is both "
                                   f"{by_code[k][0].key} and {key}")
            by_code[k] = (ind, sc)
        indicators.append(ind)
        by_key[key] = ind
    units: dict[str, SdmxUnit] = {}
    for code, spec in data.get("sdmx_units", {}).items():
        _check_unit(spec["unit"], f"sdmx unit {code}")
        units[code.upper()] = SdmxUnit(spec["unit"], _decimal(spec.get("scale", 1), code))
    return Catalogue(tuple(indicators), by_code, by_key, units)
