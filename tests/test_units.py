"""The pint registry, ISO 4217 codes and exact conversions (claimcheck.units)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from claimcheck import units


@pytest.mark.parametrize("value, src, dst, expected", [
    ("280", "mile", "kilometer", "450.61632"),
    ("1", "metric_ton", "kilogram", "1000"),
    ("12", "month", "year", "1"),
    ("30", "degree_Celsius", "degree_Fahrenheit", "86"),
    ("2.5", "kilometer ** 2", "meter ** 2", "2500000"),
], ids=["mile-km", "metric-ton", "month-year", "celsius", "area"])
def test_convert_is_exact(value, src, dst, expected):
    got = units.convert(Decimal(value), src, dst)
    assert got == Decimal(expected)
    assert "E" not in str(got) or got == got.to_integral_value()


@pytest.mark.parametrize("unit, klass", [
    (None, "count"), ("", "count"), ("percent", "percent"), ("GBP", "money"),
    ("date", "date"), ("kilometer", "[length]"), ("mile", "[length]"),
    ("month", "[time]"), ("oil_barrel / day", "[length] ** 3 / [time]"),
])
def test_unit_class(unit, klass):
    assert units.unit_class(unit) == klass


@pytest.mark.parametrize("unit, fragment", [
    ("ton", "metric_ton"), ("barrel", "oil_barrel"), ("XYZ", "ISO 4217"),
    ("gbp", "upper case"), ("كيلومتر", "not a unit"), ("furlongz", "unknown unit"),
])
def test_validate_unit_refuses(unit, fragment):
    assert fragment in (units.validate_unit(unit) or "")


@pytest.mark.parametrize("unit", ["", "USD", "EGP", "percent", "date", "metric_ton",
                                  "kilometer ** 2", "oil_barrel / day"])
def test_validate_unit_accepts(unit):
    assert units.validate_unit(unit) is None


def test_registry_built_once():
    assert units.registry() is units.registry()


def test_iso_4217_list_is_sane():
    assert {"USD", "EUR", "GBP", "EGP", "SAR", "AED", "JOD", "IQD", "SYP"} <= units.ISO_4217
    assert all(len(c) == 3 and c.isupper() for c in units.ISO_4217)
