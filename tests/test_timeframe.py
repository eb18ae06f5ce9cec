"""When a figure speaks of (checking/timeframe.py): forecasts and targets are
not the actual figure of their year; a figure whose year is not written speaks
of its article's time, which may be unknown; a bound far from a fact says
nothing about it.

Cases: ``tests/cases/timeframe.toml``, checked against ``tests/fixtures/real_copy_traps/``.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import claimcheck
from claimcheck.checking.options import Options
from claimcheck.checking.timeframe import says_forecast
from claimcheck.reference.tables import load

from helpers import assert_verdict, case_params, case_text, load_cases, referenced_ids

HERE = Path(__file__).parent
REFS = load(HERE / "fixtures" / "real_copy_traps")
CASES = load_cases("timeframe")
#: a sentence about nothing in the tables, to make a line an article's length
FILLER = " وتحدث المسؤول عن خطط العمل أمام الصحفيين."


@pytest.mark.parametrize("case", case_params(CASES))
def test_timeframe(case: dict) -> None:
    assert_verdict(case, claimcheck.check(case_text(case, FILLER), reference=REFS))


def test_cases_name_existing_facts() -> None:
    assert referenced_ids(CASES) <= {f.id for f in REFS.facts}


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
