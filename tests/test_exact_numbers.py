"""Numbers are exact from the text to every output format.

Money and large values are Decimals, never binary floats: ``4.3 مليار`` is
4300000000, not 4299999999.9999995. Values from 10^-6 to 10^15 (and integers of
any size) come back unchanged when a report is read again.
"""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.extraction.engine import extract
from claimcheck.model import Claim, Kind
from claimcheck.report import render

VALUES = [
    "0.000001", "0.000123", "0.1", "0.5", "1", "3.5", "4.3", "15", "120000", "874347.21",
    "4300000000", "3500000000", "999999999999.99", "123456789012.345", "999999999999999",
    "1000000000000000", "1000000000000000.5", "0.3333333333333333",
    # integers past float precision and past Python's 4,300-digit int printing limit
    "123456789012345678901234567890", "9" * 5000,
]


def _claim(value: Decimal, i: int = 0) -> Claim:
    text = "٣٫٥ مليار دولار"
    return Claim(file="a.txt", line=1, column=1 + i, start=i, end=i + len(text), text=text,
                 kind=Kind.MONEY, value=value, unit="USD", low=value, high=value)


def _read_back(fmt: str, data: bytes) -> list[dict[str, Decimal | str | None]]:
    if fmt == "jsonl":
        return [json.loads(line, parse_float=Decimal, parse_int=Decimal)
                for line in data.decode().splitlines()]
    if fmt == "json":
        return json.loads(data, parse_float=Decimal, parse_int=Decimal)
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        return [{k: (Decimal(v) if k in ("value", "low", "high") and v else v)
                 for k, v in r.items()} for r in rows]
    raise AssertionError(fmt)


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
@pytest.mark.parametrize("value", VALUES, ids=lambda v: v if len(v) < 40 else f"{len(v)}-digits")
def test_values_round_trip_through_every_data_format(fmt: str, value: str) -> None:
    v = Decimal(value)
    [rec] = _read_back(fmt, render([_claim(v)], fmt))
    assert rec["value"] == v and rec["low"] == v and rec["high"] == v


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
def test_no_float_artefacts_in_the_text_of_a_report(fmt: str) -> None:
    data = render([_claim(Decimal("4300000000")), _claim(Decimal("0.000001"), 20)], fmt).decode()
    assert "4300000000" in data
    assert "4299999999" not in data and "4300000000.0" not in data and "e+" not in data.lower()


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.integers(1, 10**15 - 1), st.integers(-21, 0), st.sampled_from(["jsonl", "json", "csv"]))
def test_any_value_in_range_round_trips(digits: int, exponent: int, fmt: str) -> None:
    """Any value from 10^-6 to 10^15 written with up to 15 significant digits
    (what a news text can write) comes back unchanged."""
    v = Decimal(digits).scaleb(exponent)
    if not Decimal("0.000001") <= v <= Decimal(10**15):
        return
    v = Decimal(int(v)) if v == v.to_integral_value() else v.normalize()
    [rec] = _read_back(fmt, render([_claim(v)], fmt))
    assert rec["value"] == v


# ------------------------------------------------------------- from text, exactly

SCALES = {"ألف": 10**3, "مليون": 10**6, "مليار": 10**9}


@pytest.mark.parametrize(
    "text, value",
    [
        ("بلغت الصفقة 4.3 مليار دولار", "4300000000"),
        ("بلغت الصفقة ٣٫٥ مليار دولار", "3500000000"),
        ("خسائر بقيمة 0.7 مليار دولار", "700000000"),
        ("ارتفع بنسبة 0.1 في المائة", "0.1"),
        ("بلغت 874.347.21 دولاراً", "874347.21"),
        ("نحو 1.15 مليون برميل يوميا", "1150000"),
        ("بلغ الدين 1.000001 مليار دولار", "1000001000"),
        ("كلفت 2.75 مليار جنيه إسترليني", "2750000000"),
    ],
    ids=lambda v: v if v.isascii() else None,
)
def test_scaled_values_are_exact(text: str, value: str) -> None:
    claims = [c for c in extract(text) if c.kind != Kind.DATE]
    assert claims, text
    c = claims[0]
    assert isinstance(c.value, Decimal)
    assert c.value == Decimal(value)
    line = render([c], "jsonl").decode()
    assert f'"value": {value}' in line


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.integers(1, 999), st.integers(0, 999_999), st.integers(0, 6),
       st.sampled_from(sorted(SCALES)), st.booleans())
def test_any_written_decimal_times_a_scale_is_exact(whole: int, frac: int, places: int,
                                                     scale: str, arabic_digits: bool) -> None:
    digits = f"{whole}.{str(frac).zfill(6)[:places]}" if places else str(whole)
    if places and len(digits.split(".")[1]) == 3:
        return  # a three-digit group after a dot is a thousands group (SPEC §1)
    written = digits
    if arabic_digits:
        written = digits.translate(str.maketrans("0123456789.", "٠١٢٣٤٥٦٧٨٩٫"))
    claims = [c for c in extract(f"بلغت القيمة {written} {scale} دولار") if c.kind == Kind.MONEY]
    assert len(claims) == 1
    expected = Decimal(digits) * SCALES[scale]
    assert claims[0].value == expected
    [rec] = _read_back("jsonl", render(claims, "jsonl"))
    assert rec["value"] == expected
