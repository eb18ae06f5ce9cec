"""The indicator catalogue (lang/data/indicators.toml) loads, validates and holds what
Arab newsrooms quote."""
from __future__ import annotations

from decimal import Decimal

import pytest

from claimcheck.errors import LexiconError
from claimcheck.reference import catalogue as cat_mod
from claimcheck.reference.catalogue import catalogue
from claimcheck.text.normalize import fold

NEEDED = ["population", "gdp_usd", "gdp_lcu", "gdp_growth", "gdp_per_capita", "inflation",
          "unemployment", "youth_unemployment", "exports", "imports", "public_debt_gdp",
          "budget_deficit_gdp", "reserves", "remittances", "oil_production", "poverty",
          "literacy", "life_expectancy", "area", "refugees_origin", "refugees_hosted"]


def test_catalogue_holds_the_newsroom_indicators() -> None:
    cat = catalogue()
    assert len(cat.indicators) >= 40
    for key in NEEDED:
        ind = cat.indicator(key)
        assert ind.metric and ind.keywords and ind.codes, key


def test_every_metric_and_keyword_is_arabic() -> None:
    for ind in catalogue().indicators:
        for text in (ind.metric, *ind.keywords):
            assert any("\u0600" <= ch <= "\u06ff" for ch in text), (ind.key, text)


def test_inflation_keywords_carry_the_variants_copy_uses() -> None:
    kws = {fold(k) for k in catalogue().indicator("inflation").keywords}
    for variant in ("التضخم", "معدل التضخم", "غلاء الأسعار"):
        assert fold(variant) in kws


@pytest.mark.parametrize("code,key,source,scale,unit", [
    ("SP.POP.TOTL", "population", "wb", Decimal(1), ""),
    ("sp.pop.totl", "population", "wb", Decimal(1), ""),
    ("LP", "population", "imf", Decimal(10) ** 6, ""),
    ("NGDPD", "gdp_usd", "imf", Decimal(10) ** 9, "USD"),
    ("NY.GDP.MKTP.CN", "gdp_lcu", "wb", Decimal(1), "LCU"),
    ("FP.CPI.TOTL.ZG", "inflation", "wb", Decimal(1), "percent"),
    ("AG.SRF.TOTL.K2", "area", "wb", Decimal(1), "kilometer ** 2"),
])
def test_codes(code: str, key: str, source: str, scale: Decimal, unit: str) -> None:
    ind, sc = catalogue().find(code)
    assert (ind.key, sc.source, sc.scale, sc.unit or ind.unit) == (key, source, scale, unit)


def test_unknown_code_and_key() -> None:
    assert catalogue().find("NOT.A.CODE") is None
    with pytest.raises(LexiconError):
        catalogue().indicator("nonsense")


def test_deficit_is_the_opposite_of_net_lending() -> None:
    assert catalogue().find("GGXCNL_NGDP")[0].negate
    assert not catalogue().find("NGDP_RPCH")[0].negate


@pytest.mark.parametrize("code,unit,scale", [
    ("USD", "USD", 1), ("egp", "EGP", 1), ("XDC", "LCU", 1), ("PT", "percent", 1),
    ("THS_PER", "", 1000), ("CP_MEUR", "EUR", 10**6),
])
def test_sdmx_units(code: str, unit: str, scale: int) -> None:
    got = catalogue().sdmx_unit(code)
    assert got is not None and (got.unit, got.scale) == (unit, Decimal(scale))


def test_unknown_sdmx_unit_is_none() -> None:
    assert catalogue().sdmx_unit("FURLONGS") is None


@pytest.mark.parametrize("data,message", [
    ({"indicator": [{"key": "a", "metric": "م", "keywords": ["ك"], "unit": "",
                     "code": [{"source": "wb", "code": "X"}]},
                    {"key": "b", "metric": "م", "keywords": ["ك"], "unit": "",
                     "code": [{"source": "wb", "code": "x"}]}]}, "is both a and b"),
    ({"indicator": [{"key": "a", "metric": "م", "keywords": ["ك"], "unit": "ton",
                     "code": [{"source": "wb", "code": "X"}]}]}, "short ton"),
    ({"indicator": [{"key": "a", "metric": "م", "keywords": [], "unit": "",
                     "code": [{"source": "wb", "code": "X"}]}]}, "required"),
    ({"indicator": [{"key": "a", "metric": "م", "keywords": ["ك"], "unit": "",
                     "code": [{"source": "wb", "code": "X", "scale": 0}]}]}, "bad scale"),
    ({"indicator": [{"key": "a", "metric": "م", "keywords": ["ك"], "unit": ""}]}, "no source code"),
], ids=["duplicate-code", "trap-unit", "no-keywords", "zero-scale", "no-code"])
def test_a_bad_catalogue_is_refused(monkeypatch: pytest.MonkeyPatch, data: dict, message: str) -> None:
    monkeypatch.setattr(cat_mod, "load", lambda name: data)
    with pytest.raises(LexiconError, match=message):
        cat_mod.catalogue.__wrapped__()
