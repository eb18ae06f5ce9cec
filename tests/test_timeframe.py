"""When a figure speaks of (checking/timeframe.py): forecasts and targets are
not the actual figure of their year; a figure whose year is not written speaks
of its article's time, which may be unknown; a bound far from a fact says
nothing about it.

Cases: ``tests/cases/timeframe.toml``, checked against ``tests/fixtures/real_copy_traps/``.
"""
from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

import claimcheck
from claimcheck.checking.options import Options
from claimcheck.checking.timeframe import says_forecast
from claimcheck.reference.tables import load

HERE = Path(__file__).parent
REFS = load(HERE / "fixtures" / "real_copy_traps")
CASES = tomllib.loads((HERE / "cases" / "timeframe.toml").read_text("utf-8"))["case"]
#: a sentence about nothing in the tables, to make a line an article's length
FILLER = " وتحدث المسؤول عن خطط العمل أمام الصحفيين."


def _text(case: dict) -> str:
    if "lines" in case:
        return "\n".join(line + FILLER * (1 + 1000 // len(FILLER)) for line in case["lines"])
    return case["text"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_timeframe(case: dict) -> None:
    results = claimcheck.check(_text(case), reference=REFS)
    hits = [r for r in results if r.claim.text == case["claim"]]
    assert len(hits) == 1, [r.claim.text for r in results]
    r = hits[0]
    got = (r.verdict.value, r.reason.value, r.reference_id)
    assert got == (case["verdict"], case["reason"], case.get("reference")), r.explanation


def test_cases_name_existing_facts() -> None:
    ids = {f.id for f in REFS.facts}
    assert {c["reference"] for c in CASES if "reference" in c} <= ids


@pytest.mark.parametrize("as_of, verdict", [(date(2024, 2, 1), "supported"),
                                            (date(2016, 2, 1), "unverifiable")])
def test_as_of_dates_an_undated_article(as_of: date, verdict: str) -> None:
    """``--as-of`` is the article's date: the figure speaks of that year or the one before."""
    text = "تنتج سلطنة عمان حالياً نحو 1.05 مليون برميل يومياً من النفط."
    r = next(r for r in claimcheck.check(text, reference=REFS, options=Options(as_of=as_of))
             if r.claim.kind.value == "quantity")
    assert r.verdict.value == verdict, r.explanation


def test_explanations_say_why() -> None:
    forecast = claimcheck.check("ومن المتوقع أن تبلغ صادرات الفوسفات المغربية 9 مليارات دولار في 2023.",
                                reference=REFS, lang="en")
    assert any("forecast" in r.explanation for r in forecast)
    undated = claimcheck.check("تنتج سلطنة عمان حالياً نحو 1.05 مليون برميل يومياً من النفط.",
                               reference=REFS, lang="en")
    assert any("year is not written" in r.explanation for r in undated)


@pytest.mark.parametrize("text, expected", [
    ("الإيرادات المتوقعة", True), ("وبحلول عام 2030", True), ("تستهدف الخطة", True),
    ("سترتفع الصادرات", True), ("الإيرادات الفعلية", False), ("سيارة جديدة", False),
    ("سياسة الحكومة", False), ("الأهداف", False),
])
def test_forecast_words(text: str, expected: bool) -> None:
    assert says_forecast(text) is expected
