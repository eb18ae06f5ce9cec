"""One vocabulary for people (issue 16, "Language mixed in what people read" and
"Percentages compared as relative change"): Arabic labels, CLDR numbers and units,
Arabic plural forms, bidi isolation, percentage points — and the machine formats
keep the SPEC's codes."""
from __future__ import annotations

import dataclasses
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from claimcheck.checking.checker import check_claims
from claimcheck.lang import display
from claimcheck.model import Kind, Qualifier, Reason, Verdict
from claimcheck.reference.tables import load
from claimcheck.report import CHECK_COLUMNS, CLAIM_COLUMNS, render

from claimfactory import claim_in
from golden.sample import DOCUMENTS, checked

FSI, PDI = "\u2068", "\u2069"
HEADER = "id,entity,metric,value,unit,period,qualifier,tolerance,keywords,source\n"


def plain(text: str) -> str:
    return text.replace(FSI, "").replace(PDI, "")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_code_has_a_label(lang):
    for section, codes in [("verdict", Verdict), ("reason", Reason), ("kind", Kind),
                           ("qualifier", Qualifier), ("column", (*CLAIM_COLUMNS, *CHECK_COLUMNS))]:
        for code in codes:
            word = display.label(section, code, lang)
            assert word, (section, code)
            if lang == "ar":
                assert re.search(r"[\u0600-\u06ff]", word), (section, code, word)


# value, pint unit, language, what a person reads
UNITS = [
    (12, "month", "ar", "12 شهرًا"),
    (3, "month", "ar", "3 أشهر"),
    (2, "month", "ar", "شهران"),
    (12, "month", "en", "12 months"),
    (Decimal("5.5"), "kilometer ** 2", "ar", "5.5 كيلومتر مربع"),
    (Decimal("5.5"), "kilometer ** 2", "en", "5.5 square kilometers"),
    (30, "degree_Celsius", "ar", "30 درجة مئوية"),
    (30, "degree_Celsius", "en", "30 degrees Celsius"),
    (300000, "oil_barrel / day", "ar", "300,000 برميل في اليوم"),
    (300000, "oil_barrel / day", "en", "300,000 barrels per day"),
    (450, "kilometer", "en", "450 kilometers"),
    (500000000, "GBP", "ar", "500,000,000 جنيه إسترليني"),
    (Decimal("198900000000000"), None, "ar", "198,900,000,000,000"),
    (15, "percent", "ar", "15%"),
    (11, "dunam", "ar", "11 دونمًا"),
    (2, "feddan", "ar", "فدانان"),
]


@pytest.mark.parametrize("value,unit,lang,expected", UNITS, ids=[f"{u}-{v}-{lang}" for v, u, lang,
                                                                 _ in UNITS])
def test_amounts_through_cldr_not_pint_names(value, unit, lang, expected):
    assert display.amount(value, unit, None, lang) == expected


# n → the Arabic count of claims (CLDR categories zero one two few many other)
PLURALS = [(0, "لا ادعاءات"), (1, "ادعاء واحد"), (2, "ادعاءان"), (3, "3 ادعاءات"), (10, "10 ادعاءات"),
           (11, "11 ادعاءً"), (99, "99 ادعاءً"), (100, "100 ادعاء"), (102, "102 ادعاء"),
           (1500, "1,500 ادعاء")]


@pytest.mark.parametrize("n,expected", PLURALS, ids=[str(n) for n, _ in PLURALS])
def test_arabic_plural_forms(n, expected):
    assert display.count("claims", n, "ar") == expected


def test_citation_and_figures_isolated_inside_arabic():
    text = "التحالف تأسس في 2014-09 [coalition_founded]. المصدر: UK Government, September 2014."
    assert display.isolate(text) == (f"التحالف تأسس في {FSI}2014-09 [coalition_founded]{PDI}. "
                                     f"المصدر: {FSI}UK Government, September 2014{PDI}.")
    # a bracket opened on the Arabic side stays there; quotes stay with their run
    assert [p for p, iso in display.runs('الفرق (-10.3%) [a_b]. "Our mission": formed') if iso] == \
        ["-10.3%", "a_b", '"Our mission": formed']
    assert display.isolate("no Arabic here, 12 months.") == "no Arabic here, 12 months."
    # inside English, the Arabic runs are the isolated ones
    assert display.isolate("The text says «أكثر من 120 ألف» here.", "en") == \
        f"The text says «{FSI}أكثر من 120 ألف{PDI}» here."


def _refs(tmp_path: Path, rows: str):
    (tmp_path / "facts.csv").write_text(HEADER + rows, encoding="utf-8")
    return load(tmp_path)


def test_percentages_differ_in_points_amounts_relatively(tmp_path):
    r = _refs(tmp_path, "u,مصر,معدل البطالة,7.5,percent,2023,,,البطالة,src\n"
                        "p,مصر,عدد السكان,100000000,,2023,,,سكان,src\n")
    doc = "بلغ معدل البطالة في مصر 9% في عام 2023."
    c = claim_in(doc, "9%", "percent", "9", unit="percent", resolution="1")
    (ar,) = check_claims(doc, [c], r)
    (en,) = check_claims(doc, [c], r, lang="en")
    assert ar.verdict is Verdict.CONTRADICTED
    assert "+1.5 نقطة مئوية، أي +20% نسبيًا" in ar.explanation
    assert "+1.5 percentage points, +20% relative" in en.explanation
    doc2 = "بلغ عدد سكان مصر 120 مليون نسمة في عام 2023."
    c2 = claim_in(doc2, "120 مليون", "number", "120000000", resolution="1000000")
    (amount,) = check_claims(doc2, [c2], r, lang="en")
    assert "(difference +20%)" in amount.explanation and "point" not in amount.explanation


def test_explanations_write_units_for_people(tmp_path):
    r = _refs(tmp_path, "a,سوريا,مساحة سوريا,185180,kilometer ** 2,,,,مساحة,src\n"
                        "m,البعثة,مدة البعثة,12,month,2024,,,البعثة,src\n")
    doc = "تبلغ مساحة سوريا 185 ألف كيلومتر مربع، وتستمر البعثة 12 شهرًا."
    area = claim_in(doc, "185 ألف كيلومتر مربع", "quantity", "185000", unit="kilometer ** 2",
                    resolution="1000")
    months = claim_in(doc, "12 شهرًا", "duration", "12", unit="month", resolution="1")
    for lang in ("ar", "en"):
        for res in check_claims(doc, [area, months], r, lang=lang):
            assert "kilometer ** 2" not in res.explanation
            assert not re.search(r"12 month\b", res.explanation)
            assert "degree_Celsius" not in res.explanation
    ar = " ".join(x.explanation for x in check_claims(doc, [area, months], r))
    assert "185,180 كيلومتر مربع" in ar and "12 شهرًا" in ar


def test_human_formats_speak_arabic_machine_formats_keep_codes():
    items = checked()
    table = plain(render(items, "table").decode())
    md = plain(render(items, "markdown").decode())
    page = render(items, "html", documents=DOCUMENTS).decode()
    visible = re.sub(r"<[^>]+>", " ", page.split("<body>")[1].split("<script>")[0])
    for text in (table, md, visible):
        assert "مخالف للمرجع" in text and "قيمة مخالفة" in text
        assert "value_mismatch" not in text and "contradicted" not in text
    assert "ادعاءات في ملفين" in table and "claims in" not in table
    # machine formats: the SPEC's codes
    rec = json.loads(render(items, "jsonl").decode().splitlines()[0])
    assert (rec["verdict"], rec["reason"], rec["unit"]) == ("contradicted", "value_mismatch", "USD")
    assert render(items, "csv").decode("utf-8-sig").startswith("file,line,column,")
    assert "value_mismatch" in render(items, "github").decode()
    assert json.loads(render(items, "sarif"))["runs"][0]["results"][0]["ruleId"] == "value_mismatch"


def test_english_throughout_with_lang_en():
    items = checked()
    page = render(items, "html", documents=DOCUMENTS, lang="en").decode()
    assert '<html lang="en" dir="ltr">' in page
    chrome = re.sub(r"<[^>]+>", " ", page.split("<header>")[1].split("</header>")[0])
    assert not re.search(r"[\u0600-\u06ff]", chrome), chrome       # no Arabic labels around English
    table = plain(render(items, "table", lang="en").decode())
    assert "contradicted" in table and "different value" in table and "مخالف" not in table
    assert table.rstrip().splitlines()[-1].startswith("7 claims in 2 files")


def test_numbers_written_the_same_way_in_every_human_format():
    item = checked()[0]
    big = dataclasses.replace(item, claim=dataclasses.replace(item.claim, value=Decimal("198900000000000")),
                              reference_value=Decimal("198900000000000"), delta=Decimal("-0.4512"))
    for fmt in ("table", "markdown", "html"):
        out = plain(render([big], fmt).decode())
        assert "198,900,000,000,000" in out and "198900000000000" not in out.split("data-")[0], fmt
    assert "-45.1%" in render([big], "html").decode()
    assert "delta -45.1%" in render([big], "github").decode()        # one rounding everywhere


@pytest.mark.parametrize("value", [Decimal("1E+40"), Decimal("1E-30"),
                                   Decimal("12345678901234567890.123456789"),
                                   Decimal("0.000123"), Decimal("-7.25"), Decimal("NaN")])
@pytest.mark.parametrize("unit", [None, "kilometer", "oil_barrel / day", "USD", "dunam", "percent"])
def test_any_value_is_written_without_error(value, unit):
    for lang in ("ar", "en"):
        assert display.amount(value, unit, None, lang)
