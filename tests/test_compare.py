"""Verdict rules (SPEC §3) as tables, on hand-built claims — no extractor involved.

Each case: a one-sentence document, the claim in it, one fact row, and the expected
(verdict, reason). The last group is the precision promise: a claim about another
period, entity or metric is never ``contradicted``.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from claimcheck.checking.checker import check_claims
from claimcheck.checking.options import Options
from claimcheck.model import Qualifier
from claimcheck.reference.tables import load

from claimfactory import claim_in

HEADER = "id,entity,metric,value,unit,period,qualifier,tolerance,keywords,source\n"
RATES = ("date,currency,usd_per_unit,source\n"
         "2024-07-25,GBP,1.287494,ECB 2024-07-25\n"
         "2024-07-25,EUR,1.0851,ECB 2024-07-25\n"
         "2014-09-10,GBP,1.613604,ECB 2014-09-10\n")


def refs(tmp_path: Path, rows: str, rates: bool = True):
    (tmp_path / "facts.csv").write_text(HEADER + rows, encoding="utf-8")
    if rates:
        (tmp_path / "rates.csv").write_text(RATES, encoding="utf-8")
    return load(tmp_path)


# doc, claim span, kind, value, extra claim fields, fact row, verdict, reason
CASES = [
    # --- exact claims carry their written precision
    ("exact", "قدمت بريطانيا 4.3 مليار جنيه إسترليني لسوريا.", "4.3 مليار جنيه إسترليني", "money",
     "4300000000",
     {"unit": "GBP", "resolution": "100000000"},
     "f,بريطانيا,مساعدات سوريا,4300000000,GBP,,,,قدمت|مساعدات,src", "supported", "exact"),
    ("within_rounding", "قدمت بريطانيا 4.3 مليار جنيه إسترليني لسوريا.", "4.3 مليار جنيه إسترليني", "money",
     "4300000000",
     {"unit": "GBP", "resolution": "100000000"},
     "f,بريطانيا,مساعدات سوريا,4320000000,GBP,,,,قدمت,src", "supported", "within_rounding"),
    ("rounding-edge-out", "قدمت بريطانيا 4.3 مليار جنيه إسترليني لسوريا.", "4.3 مليار جنيه إسترليني", "money",
     "4300000000",
     {"unit": "GBP", "resolution": "100000000"},
     "f,بريطانيا,مساعدات سوريا,4360000000,GBP,,,,قدمت,src", "contradicted", "value_mismatch"),
    ("five-billion-rounding", "قدمت بريطانيا 5 مليارات جنيه إسترليني لسوريا.", "5 مليارات جنيه إسترليني",
     "money", "5000000000",
     {"unit": "GBP", "resolution": "1000000000"},
     "f,بريطانيا,مساعدات سوريا,5400000000,GBP,,,,قدمت,src", "supported", "within_rounding"),
    ("thousands-rounding", "دربت بريطانيا 120 ألف فرد.", "120 ألف فرد", "number", "120000",
     {"subject": "فرد", "resolution": "1000"},
     "f,بريطانيا,عدد المتدربين,120400,,,,,فرد|دربت,src", "supported", "within_rounding"),
    # --- approximate claims: ±10 %
    ("approx-in", "بلغ عدد سكان الأردن نحو 11 مليون نسمة.", "نحو 11 مليون نسمة", "number", "11000000",
     {"qualifier": "approximate", "subject": "نسمة", "resolution": "1000000"},
     "p,الأردن,عدد السكان,11500000,,,,,سكان|نسمة,src", "supported", "within_approximation"),
    ("approx-out", "بلغ عدد سكان الأردن نحو 11 مليون نسمة.", "نحو 11 مليون نسمة", "number", "11000000",
     {"qualifier": "approximate", "subject": "نسمة", "resolution": "1000000"},
     "p,الأردن,عدد السكان,13000000,,,,,سكان|نسمة,src", "contradicted", "value_mismatch"),
    # --- bounds
    ("more-than-ok", "دربت بريطانيا أكثر من 120 ألف فرد.", "أكثر من 120 ألف فرد", "number", "120000",
     {"qualifier": "more_than", "subject": "فرد", "resolution": "1000"},
     "f,بريطانيا,عدد المتدربين,125000,,,,,فرد|دربت,src", "supported", "bound_satisfied"),
    ("more-than-violated", "دربت بريطانيا أكثر من 120 ألف فرد.", "أكثر من 120 ألف فرد", "number", "120000",
     {"qualifier": "more_than", "subject": "فرد", "resolution": "1000"},
     "f,بريطانيا,عدد المتدربين,90000,,,,,فرد|دربت,src", "contradicted", "bound_violated"),
    ("more-than-equal-violated", "دربت بريطانيا أكثر من 120 ألف فرد.", "أكثر من 120 ألف فرد", "number",
     "120000",
     {"qualifier": "more_than", "subject": "فرد", "resolution": "1000"},
     "f,بريطانيا,عدد المتدربين,120000,,,,,فرد|دربت,src", "contradicted", "bound_violated"),
    ("at-least-equal-ok", "دربت بريطانيا ما لا يقل عن 120 ألف فرد.", "لا يقل عن 120 ألف فرد", "number",
     "120000",
     {"qualifier": "at_least", "subject": "فرد", "resolution": "1000"},
     "f,بريطانيا,عدد المتدربين,120000,,,,,فرد|دربت,src", "supported", "bound_satisfied"),
    ("less-than-ok", "بلغت نسبة البطالة في الأردن أقل من 20 في المئة.", "أقل من 20 في المئة", "percent", "20",
     {"qualifier": "less_than", "unit": "percent"},
     "u,الأردن,معدل البطالة,17.9,percent,,,,البطالة|بطالة,src", "supported", "bound_satisfied"),
    ("at-most-violated", "بلغت نسبة البطالة في الأردن ما لا يزيد على 15 في المئة.", "لا يزيد على 15 في المئة",
     "percent", "15",
     {"qualifier": "at_most", "unit": "percent"},
     "u,الأردن,معدل البطالة,17.9,percent,,,,البطالة,src", "contradicted", "bound_violated"),
    ("reference-bound-decides", "دربت بريطانيا أكثر من 100 ألف فرد.", "أكثر من 100 ألف فرد", "number",
     "100000",
     {"qualifier": "more_than", "subject": "فرد", "resolution": "1000"},
     "f,بريطانيا,عدد المتدربين,120000,,,more_than,,فرد|دربت,src", "supported", "bound_satisfied"),
    ("reference-bound-undecided", "دربت بريطانيا أكثر من 150 ألف فرد.", "أكثر من 150 ألف فرد", "number",
     "150000",
     {"qualifier": "more_than", "subject": "فرد", "resolution": "1000"},
     "f,بريطانيا,عدد المتدربين,120000,,,more_than,,فرد|دربت,src", "unverifiable", "ambiguous_reference"),
    ("range-ok", "فرّ من المدينة بين 3 و5 ملايين لاجئ.", "بين 3 و5 ملايين لاجئ", "number", None,
     {"low": "3000000", "high": "5000000", "subject": "لاجئ"},
     "r,المدينة,عدد اللاجئين,4200000,,,,,لاجئ,src", "supported", "bound_satisfied"),
    # --- per-fact tolerance
    ("tolerance-ok", "بلغ إنتاج العراق 4.4 مليون برميل.", "4.4 مليون برميل", "number", "4400000",
     {"subject": "برميل", "resolution": "100000"},
     "o,العراق,إنتاج النفط,4300000,,,,3%,برميل|إنتاج,src", "supported", "within_tolerance"),
    ("tolerance-strict", "بلغ إنتاج العراق 4.3 مليون برميل.", "4.3 مليون برميل", "number", "4300000",
     {"subject": "برميل", "resolution": "100000"},
     "o,العراق,إنتاج النفط,4330000,,,,0.001,برميل|إنتاج,src", "contradicted", "value_mismatch"),
    # --- scale words off by 1000
    ("scale-million-billion", "قدمت بريطانيا 4.3 مليون جنيه إسترليني لسوريا.", "4.3 مليون جنيه إسترليني",
     "money", "4300000",
     {"unit": "GBP", "resolution": "100000"},
     "f,بريطانيا,مساعدات سوريا,4300000000,GBP,,,,قدمت,src", "contradicted", "scale_mismatch"),
    ("scale-bound", "قدمت بريطانيا أكثر من 4.3 مليون جنيه إسترليني لسوريا.",
     "أكثر من 4.3 مليون جنيه إسترليني", "money", "4300000",
     {"unit": "GBP", "qualifier": "more_than", "resolution": "100000"},
     "f,بريطانيا,مساعدات سوريا,4300000000,GBP,,more_than,,قدمت,src", "contradicted", "scale_mismatch"),
    # --- units through pint
    ("pint-miles", "يبلغ طول الحدود بين البلدين 280 ميلاً.", "280 ميلاً", "quantity", "280",
     {"unit": "mile", "resolution": "1"},
     "b,البلدين,طول الحدود,450,kilometer,,,,طول|الحدود,src", "supported", "within_rounding"),
    ("pint-miles-wrong", "يبلغ طول الحدود بين البلدين 380 ميلاً.", "380 ميلاً", "quantity", "380",
     {"unit": "mile", "resolution": "1"},
     "b,البلدين,طول الحدود,450,kilometer,,,,طول|الحدود,src", "contradicted", "value_mismatch"),
    ("metric-ton", "صدّرت مصر نحو 2 مليون طن من القمح.", "نحو 2 مليون طن", "quantity", "2000000",
     {"unit": "metric_ton", "qualifier": "approximate", "resolution": "1000000"},
     "w,مصر,صادرات القمح,2100000000,kilogram,,,,القمح|صدرت,src", "supported", "within_approximation"),
    ("incomparable", "يبلغ طول الحدود بين البلدين 280 كيلومترًا مربعًا.", "280 كيلومترًا مربعًا", "quantity",
     "280",
     {"unit": "kilometer ** 2", "resolution": "1"},
     "b,البلدين,طول الحدود,450,kilometer,,,,طول|الحدود,src", "unverifiable", "incomparable_units"),
    # --- money across currencies
    ("fx-ok", "قدمت بريطانيا نحو 5.5 مليار دولار لسوريا عام 2024.", "نحو 5.5 مليار دولار", "money",
     "5500000000",
     {"unit": "USD", "qualifier": "approximate", "resolution": "100000000"},
     "f,بريطانيا,مساعدات سوريا,4300000000,GBP,2024,,,قدمت,src", "supported", "within_approximation"),
    ("fx-wrong", "قدمت بريطانيا 8 مليارات دولار لسوريا عام 2024.", "8 مليارات دولار", "money", "8000000000",
     {"unit": "USD", "resolution": "1000000000"},
     "f,بريطانيا,مساعدات سوريا,4300000000,GBP,2024,,,قدمت,src", "contradicted", "value_mismatch"),
    ("no-rate", "قدمت بريطانيا 200 مليار ين لسوريا.", "200 مليار ين", "money", "200000000000",
     {"unit": "JPY", "resolution": "1000000000"},
     "f,بريطانيا,مساعدات سوريا,4300000000,GBP,,,,قدمت,src", "unverifiable", "no_exchange_rate"),
    ("assumed-currency", "قدمت بريطانيا 4.3 مليار جنيه لسوريا.", "4.3 مليار جنيه", "money", "4300000000",
     {"unit": "EGP", "resolution": "100000000", "currency_assumed": True},
     "f,بريطانيا,مساعدات سوريا,4300000000,GBP,,,,قدمت,src", "unverifiable", "incomparable_units"),
    # --- dates
    ("date-exact", "تأسس التحالف الدولي عام 2014.", "عام 2014", "date", "2014", {},
     "d,التحالف الدولي|التحالف,تاريخ التأسيس,2014-09,date,,,,تأسس|تأسيس,src", "supported", "exact"),
    ("date-mismatch", "تأسس التحالف الدولي عام 2015.", "عام 2015", "date", "2015", {},
     "d,التحالف الدولي|التحالف,تاريخ التأسيس,2014-09,date,,,,تأسس|تأسيس,src", "contradicted",
     "date_mismatch"),
    ("date-too-precise", "تأسس التحالف الدولي في 10 سبتمبر 2014.", "10 سبتمبر 2014", "date", "2014-09-10", {},
     "d,التحالف الدولي|التحالف,تاريخ التأسيس,2014-09,date,,,,تأسس|تأسيس,src", "unverifiable",
     "ambiguous_reference"),
    # --- no match
    ("no-reference", "وصل إلى المدينة 500 سائح.", "500 سائح", "number", "500",
     {"subject": "سائح", "resolution": "1"},
     "f,بريطانيا,عدد المتدربين,120000,,,,,فرد|دربت,src", "unverifiable", "no_reference"),
]


@pytest.mark.parametrize("name, doc, span, kind, value, extra, row, verdict, reason", CASES,
                         ids=[c[0] for c in CASES])
def test_verdict_rules(tmp_path, name, doc, span, kind, value, extra, row, verdict, reason):
    r = refs(tmp_path, row + "\n")
    c = claim_in(doc, span, kind, value, **extra)
    (res,) = check_claims(doc, [c], r)
    assert (res.verdict.value, res.reason.value) == (verdict, reason), res.explanation
    assert res.explanation
    if reason not in ("no_reference",):
        assert res.reference_id is not None and res.reference_source == "src"


def test_delta_is_exact_decimal(tmp_path):
    r = refs(tmp_path, "f,بريطانيا,مساعدات سوريا,4320000000,GBP,,,,قدمت,src\n")
    doc = "قدمت بريطانيا 4.3 مليار جنيه إسترليني لسوريا."
    c = claim_in(doc, "4.3 مليار جنيه إسترليني", "money", "4300000000", unit="GBP", resolution="100000000")
    (res,) = check_claims(doc, [c], r)
    assert res.delta == Decimal("-0.0046")
    assert res.to_record()["delta"] == -0.0046


def test_approximation_is_configurable(tmp_path):
    r = refs(tmp_path, "p,الأردن,عدد السكان,12000000,,,,,سكان|نسمة,src\n")
    doc = "بلغ عدد سكان الأردن نحو 11 مليون نسمة."
    c = claim_in(doc, "نحو 11 مليون نسمة", "number", "11000000", qualifier="approximate",
                 subject="نسمة", resolution="1000000")
    assert check_claims(doc, [c], r)[0].reason.value == "within_approximation"
    assert check_claims(doc, [c], r, approx_tolerance="5%")[0].reason.value == "value_mismatch"


def test_ambiguous_reference_when_equal_facts_disagree(tmp_path):
    r = refs(tmp_path, "a,الأردن,عدد السكان,11000000,,,,,سكان,src\n"
                       "b,الأردن,عدد السكان,13000000,,,,,سكان,src\n")
    doc = "بلغ عدد سكان الأردن 11 مليون نسمة."
    c = claim_in(doc, "11 مليون", "number", "11000000", resolution="1000000")
    (res,) = check_claims(doc, [c], r)
    assert (res.verdict.value, res.reason.value) == ("unverifiable", "ambiguous_reference")


def test_explanations_in_both_languages(tmp_path):
    r = refs(tmp_path, "f,بريطانيا,مساعدات سوريا,4300000000,GBP,2011/2024,,,قدمت,الحكومة البريطانية\n")
    doc = "قدمت بريطانيا 5 مليارات جنيه إسترليني لسوريا."
    c = claim_in(doc, "5 مليارات جنيه إسترليني", "money", "5000000000", unit="GBP", resolution="100000000")
    ar = check_claims(doc, [c], r)[0].explanation
    en = check_claims(doc, [c], r, lang="en")[0].explanation
    assert "يخالف المرجع" in ar and "2011/2024" in ar and "الحكومة البريطانية" in ar
    assert en.startswith("Contradicts the reference") and "4,300,000,000 British pounds" in en


# --- precision first: another period, entity or metric is never "contradicted" ----------

FACTS = ("u_jo_2023,الأردن|المملكة الأردنية الهاشمية,معدل البطالة,21.9,percent,2023,,,البطالة|بطالة,src\n"
         "pop_eg,مصر,عدد السكان,105000000,,2023,,,سكان|نسمة,src\n")

NEVER = [
    ("other-period", "وفي عام 2015 بلغ معدل البطالة في الأردن 13 في المئة.", "13 في المئة", "percent", "13",
     {"unit": "percent"}, "period_not_covered"),
    ("other-entity", "وبلغ معدل البطالة في مصر 7 في المئة عام 2023.", "7 في المئة", "percent", "7",
     {"unit": "percent"}, None),
    ("other-entity-after-jordan", "تحدث الوزير عن الأردن.\nوفي مصر بلغ معدل البطالة 7 في المئة.",
     "7 في المئة",
     "percent", "7", {"unit": "percent"}, None),
    ("other-metric", "بلغ معدل التضخم في الأردن 3 في المئة عام 2023.", "3 في المئة", "percent", "3",
     {"unit": "percent"}, None),
    ("other-counted-noun", "استقبل الأردن 90 مليون سائح عام 2023 رغم تراجع عدد السكان.", "90 مليون سائح",
     "number", "90000000", {"subject": "سائح", "resolution": "1000000"}, None),
    ("same-year-elsewhere",
     "ارتفعت البطالة في الأردن عام 2019.\nوفي العام نفسه بلغ معدل البطالة 19 في المئة.",
     "19 في المئة", "percent", "19", {"unit": "percent"}, "period_not_covered"),
    # the same, written with harakat (read on the folded text)
    ("same-year-with-harakat",
     "ارتفعت البطالة في الأردن عام 2019.\nوفي العامِ نفسِه بلغ معدل البطالة 19 في المئة.",
     "19 في المئة", "percent", "19", {"unit": "percent"}, "period_not_covered"),
]


@pytest.mark.parametrize("name, doc, span, kind, value, extra, reason", NEVER, ids=[n[0] for n in NEVER])
def test_never_contradicted(tmp_path, name, doc, span, kind, value, extra, reason):
    r = refs(tmp_path, FACTS)
    c = claim_in(doc, span, kind, value, **extra)
    dates = []
    for y in ("2015", "2019", "2023"):
        if f"عام {y}" in doc:
            dates.append(claim_in(doc, f"عام {y}", "date", y))
    results = check_claims(doc, sorted([c, *dates], key=lambda x: x.start), r)
    res = next(x for x in results if x.claim is c)
    assert res.verdict.value != "contradicted", res.explanation
    if reason:
        assert res.reason.value == reason


def test_entity_named_earlier_in_the_paragraph(tmp_path):
    r = refs(tmp_path, FACTS)
    doc = "يواجه الأردن أزمة اقتصادية عام 2023. وارتفع معدل البطالة إلى 22 في المئة."
    cs = [claim_in(doc, "عام 2023", "date", "2023"),
          claim_in(doc, "22 في المئة", "percent", "22", unit="percent", resolution="1")]
    res = check_claims(doc, cs, r)[1]
    assert (res.reference_id, res.reason.value) == ("u_jo_2023", "within_rounding")


def test_fails_levels(tmp_path):
    r = refs(tmp_path, FACTS)
    doc = "بلغ معدل البطالة في الأردن 30 في المئة عام 2023."
    cs = [claim_in(doc, "30 في المئة", "percent", "30", unit="percent", resolution="1"),
          claim_in(doc, "عام 2023", "date", "2023")]
    res = check_claims(doc, cs, r)
    assert [x.verdict.value for x in res] == ["contradicted", "unverifiable"]
    from claimcheck.report import fails

    assert fails(res, "contradicted") and fails(res, "unverifiable") and not fails(res, "never")


@pytest.mark.parametrize("text", [
    "قال الوزير: بلغ النمو 4.3 في المائة. ثم أضاف أن الرقم سيرتفع!\n\nوفي عام 2015؟ لا.",
    "سطر أول\nسطر ثانٍ…  وثالث؛ ورابع!!  خامس.\t\u00a0سادس.",
    "...\n\n؟؟ ! .", "", "بلا علامات",
])
def test_sentence_breaks_are_the_pattern_s_breaks(text):
    # the checker's sentences (text.segment's sentence_breaks, found with
    # str.find) are the breaks this pattern defines: a run of blanks after
    # . ! ? ؟ ؛ …, or a run of line breaks
    import re

    from claimcheck.checking.context import Document
    from claimcheck.text.segment import sentence_breaks

    _SENT_END = re.compile(r"[.!?؟؛…](\s+)|\n+")
    expected = [m.span(1) if m.group(1) else m.span() for m in _SENT_END.finditer(text)]
    assert sentence_breaks(text) == expected
    # and the document's sentences are what lies between them
    from claimcheck.reference.index import References

    spans, pos = [], 0
    for a, b in expected:
        if a > pos:
            spans.append((pos, a))
        pos = b
    if pos < len(text):
        spans.append((pos, len(text)))
    doc = Document(text, [], References(()))
    assert list(zip(doc.starts, doc.ends, strict=True)) == (spans or [(0, len(text))])


# --- an entity spelt with a slip is still the entity (rapidfuzz ratio ≥ 88) --------------

RAIDS = ("t,التحالف الدولي,عدد الغارات,8000,,,,,غارة|غارات,src\n"
         "e,مصر,عدد الغارات,500,,,,,غارة|غارات,src\n")

# doc, claim span, expected (reference id, match score) — None: no match
SPELLINGS = [
    ("as-written", "شن التحالف الدولي 8000 غارة.", "8000 غارة", ("t", 1.0)),
    ("one-letter-too-many", "شن التحاالف الدولي 8000 غارة.", "8000 غارة", ("t", 0.95)),
    ("and-a-variant-ya", "شن التحاالف الدولى 8000 غارة.", "8000 غارة", ("t", 0.95)),
    # a changed letter in a five-letter stem is too far (ratio 80): another word
    ("another-word", "شن التخالف الدولي 8000 غارة.", "8000 غارة", None),
    # short names (< 4 letters) must be exact: مصرر is not مصر
    ("short-name-exact", "شنت مصر 500 غارة.", "500 غارة", ("e", 1.0)),
    ("short-name-slip", "شنت مصرر 500 غارة.", "500 غارة", None),
    # the alias's words must follow each other, not stand twelve words apart
    ("words-apart", "قال التحاالف إن القوات شنت في الشمال والجنوب وعلى امتداد الحدود الدولي 8000 غارة.",
     "8000 غارة", None),
]


@pytest.mark.parametrize("doc, span, expected", [c[1:] for c in SPELLINGS], ids=[c[0] for c in SPELLINGS])
def test_entity_spelt_closely(tmp_path, doc, span, expected):
    r = refs(tmp_path, RAIDS)
    c = claim_in(doc, span, "number", span.split()[0], subject="غارة", resolution="1")
    (res,) = check_claims(doc, [c], r)
    if expected is None:
        assert (res.verdict.value, res.reference_id) == ("unverifiable", None)
    else:
        assert (res.verdict.value, res.reference_id, res.match_score) == ("supported", *expected)


def test_spellings_are_learnt_once_per_word(tmp_path):
    # a word's possible alias spellings are scored once and remembered on the tables
    r = refs(tmp_path, RAIDS)
    doc = "شن التحاالف الدولي 8000 غارة."
    c = claim_in(doc, "8000 غارة", "number", "8000", subject="غارة", resolution="1")
    check_claims(doc, [c], r)
    from claimcheck.checking.aliases import spellings_of

    sp = spellings_of(r)  # kept beside the tables, not in them
    assert sp.memo == {"التحاالف": ("تحالف",)}  # a word, by its stem
    assert {"التحاالف", "الدولي", "شن"} <= sp.seen  # the folded words


def test_what_checking_learns_of_the_tables_is_freed_with_them(tmp_path):
    # the spellings learnt from texts are kept beside the tables (weakly keyed),
    # never written into the frozen References, and go when the tables go
    import gc

    from claimcheck.checking.aliases import _SPELLINGS

    r = refs(tmp_path, RAIDS)
    doc = "شن التحاالف الدولي 8000 غارة."
    c = claim_in(doc, "8000 غارة", "number", "8000", subject="غارة", resolution="1")
    check_claims(doc, [c], r)
    assert _SPELLINGS[r].memo
    gc.collect()  # tables earlier tests left as garbage go first, not in the count below
    before = len(_SPELLINGS)
    del r
    gc.collect()
    assert len(_SPELLINGS) == before - 1


# word, the short aliases' first terms (tables RAIDS) its stem is, or is spelt closely to
CLOSE_WORDS = [
    ("exact", "التحالف", ("تحالف",)),
    ("exact-with-clitics", "وبالتحالف", ("تحالف",)),
    ("one-letter-more", "التحاالف", ("تحالف",)),
    ("one-letter-less", "التحلف", ("تحالف",)),
    ("another-word", "الدولي", ()),
    ("letters-in-another-order", "الفتحال", ()),
    ("three-letter-term-exact", "بمصر", ("مصر",)),
    ("three-letter-term-misspelt", "مصرر", ()),  # short terms are matched exactly only
]


@pytest.mark.parametrize("word, expected", [c[1:] for c in CLOSE_WORDS], ids=[c[0] for c in CLOSE_WORDS])
def test_close_spellings_are_learnt_as_scoring_each_stem_would(tmp_path, word, expected):
    # words are screened by their longest common subsequence with each long first
    # term before any stem is scored: the result is that of scoring every stem
    from rapidfuzz import fuzz

    from claimcheck.checking.aliases import Spellings, _learn_words
    from claimcheck.lang.stemming import stem

    sp = Spellings(refs(tmp_path, RAIDS))
    _learn_words({word}, sp)
    assert sp.memo.get(word, ()) == expected
    t = stem(word)
    by_scoring = sorted({a for a in sp.by_first if a == t}
                        | {a for a in sp.long_firsts
                           if a != t and fuzz.ratio(t, a, processor=None) >= 88})
    assert tuple(by_scoring) == expected


# --- one row per year: the claim's year picks the row; without one, rows that disagree ----

YEARS = "".join(f"u{y},الأردن,معدل البطالة,{v},percent,{y},,,البطالة,src\n"
                for y, v in ((2021, "24.1"), (2022, "22.8"), (2023, "21.9")))

# doc, claim span, value, expected (verdict, reason, reference id)
BY_YEAR = [
    ("year-given", "بلغ معدل البطالة في الأردن 22.8 في المئة عام 2022.", "22.8", ("supported", "exact",
                                                                                  "u2022")),
    ("year-given-wrong-value", "بلغ معدل البطالة في الأردن 30 في المئة عام 2022.", "30",
     ("contradicted", "value_mismatch", "u2022")),
    ("year-outside-the-table", "بلغ معدل البطالة في الأردن 13 في المئة عام 2015.", "13",
     ("unverifiable", "period_not_covered", "u2021")),
    # no year: every row is as good; all contradict → contradicted (the first by id)
    ("no-year-all-disagree", "بلغ معدل البطالة في الأردن 30 في المئة.", "30", ("contradicted",
                                                                               "value_mismatch", "u2021")),
    # no year, one row agrees and the others do not → the rows are named, no verdict
    ("no-year-rows-disagree", "بلغ معدل البطالة في الأردن 22.8 في المئة.", "22.8",
     ("unverifiable", "ambiguous_reference", "u2021")),
]


@pytest.mark.parametrize("doc, span_value, expected", [(c[1], c[2], c[3]) for c in BY_YEAR],
                         ids=[c[0] for c in BY_YEAR])
def test_rows_by_year(tmp_path, doc, span_value, expected):
    r = refs(tmp_path, YEARS)
    c = claim_in(doc, f"{span_value} في المئة", "percent", span_value, unit="percent", resolution="0.1")
    cs = [c]
    for y in ("2015", "2022"):
        if f"عام {y}" in doc:
            cs.append(claim_in(doc, f"عام {y}", "date", y))
    res = next(x for x in check_claims(doc, cs, r) if x.claim is c)
    assert (res.verdict.value, res.reason.value, res.reference_id) == expected, res.explanation
    if expected[1] == "ambiguous_reference":
        assert "u2022" in res.explanation and "u2023" in res.explanation


def test_a_checked_document_leaves_no_reference_cycle(tmp_path):
    # a document's words, terms and entity contexts are freed as soon as it is
    # checked (by reference counting), not kept until a full garbage collection
    import gc

    r = refs(tmp_path, FACTS)
    doc = "يواجه الأردن أزمة اقتصادية عام 2023. وارتفع معدل البطالة إلى 22 في المئة."
    cs = [claim_in(doc, "عام 2023", "date", "2023"),
          claim_in(doc, "22 في المئة", "percent", "22", unit="percent", resolution="1")]
    check_claims(doc, cs, r)  # first use: lazily built tables and caches
    gc.collect()
    gc.disable()
    try:
        res = check_claims(doc, cs, r)
        assert res[1].reference_id == "u_jo_2023"  # an entity context was built
        del res
        assert gc.collect() == 0
    finally:
        gc.enable()


def test_nothing_found_is_built_field_by_field(tmp_path):
    # the most common result is built positionally: its fields are where they belong
    from dataclasses import fields

    from claimcheck.model import CheckedClaim

    assert [f.name for f in fields(CheckedClaim)] == [
        "claim", "verdict", "reason", "reference_id", "reference_value", "reference_unit",
        "reference_period", "reference_source", "delta", "match_score", "explanation",
        "related", "expected"]
    r = refs(tmp_path, FACTS)
    doc = "افتتح المعرض 12 جناحًا."
    c = claim_in(doc, "12 جناحًا", "number", "12", subject="جناحًا", resolution="1")
    for _ in range(2):  # built, then remembered
        (res,) = check_claims(doc, [c], r)
        assert res.claim is c and (res.verdict.value, res.reason.value) == ("unverifiable", "no_reference")
        assert res.reference_id is res.reference_value is res.delta is res.match_score is None
        assert res.related == () and res.expected is None
        assert res.explanation.startswith("لا يوجد") and "«12 جناحًا» (12)" in res.explanation
        # the same object the dataclass would build
        assert res == CheckedClaim(c, res.verdict, res.reason, explanation=res.explanation)


def test_strong_candidates_hold_every_metric_that_can_score_above_the_floor(tmp_path):
    # the index that spares the search for a fact in another unit is exact: any
    # metric scoring above STRONG_FLOOR in a stretch is among its strong candidates
    import random

    from claimcheck.checking.matching import STRONG_FLOOR, metric_strength

    r = refs(tmp_path, "".join(
        f"m{i},الأردن,{metric},{i + 1},{unit},,,,{kws},src\n" for i, (metric, unit, kws) in enumerate([
            ("عدد السكان", "", "سكان|نسمة|مواطن"),
            ("معدل البطالة", "percent", "البطالة|العاطلين عن العمل"),
            ("إنتاج النفط", "oil_barrel / day", "النفط|برميل"),
            ("طول الطريق السريع", "kilometer", "طريق|الطريق"),
            ("عدد الأردن الكلي", "", "إحصاء"),   # a metric word shared with the entity
        ])))
    vocab = sorted(r.index_terms) + ["قال", "وزير", "بين", None, None]
    rnd = random.Random(7)
    c = claim_in("x", "x", "number", "1")
    checked = 0
    for _ in range(3000):
        before, inside, after = ([rnd.choice(vocab) for _ in range(rnd.randint(0, 6))] for _ in range(3))
        win = set(before) | set(inside) | set(after)
        subj = frozenset(rnd.sample(sorted(r.index_terms), rnd.randint(0, 1)))
        for klass in r.classes:
            strong = r.strong_candidates(klass, win, subj)
            for mid in r.candidates(klass, win | subj):
                if metric_strength(c, mid, r, before, inside, after, win, subj) > STRONG_FLOOR:
                    assert mid in strong, (klass, before, inside, after, subj)
                    checked += 1
    assert checked > 200  # the random stretches do reach strong scores
    # the classes a stretch's terms reach through strong_classes_by_term are those
    # whose strong_candidates are not empty (the other-class search skips the rest)
    reached = 0
    for _ in range(2000):
        win = {rnd.choice(vocab) for _ in range(rnd.randint(0, 8))}
        via_index = set().union(*(r.strong_classes_by_term.get(t, ()) for t in win))
        assert via_index == {k for k in r.classes if r.strong_candidates(k, win)}, win
        reached += len(via_index) > 1
    assert reached > 100


def test_plain_rows_are_judged_like_judge_does():
    # tied rows (one per year) are judged many at once through the claim's interval:
    # the verdict must be judge()'s, for every claim shape and every plain row
    import random

    from claimcheck.checking.verdicts import _is_plain_row, _plain_row_verdict, _plain_rows_interval, judge
    from claimcheck.model import REASON_VERDICT
    from claimcheck.reference.index import Fact, References

    rnd = random.Random(11)
    refs_ = References(())
    opts = Options()
    doc = "بلغ العدد 1 نحو 2 وبين 3 و4 هنا."
    checked = 0
    for _ in range(4000):
        kind, unit, klass = rnd.choice([("number", None, "count"), ("percent", "percent", "percent"),
                                        ("money", "USD", "money"), ("quantity", "kilometer", "[length]")])
        v = Decimal(rnd.choice(["0", "1", "7", "12.5", "100", "99.5", "1000", "4300000000", "-3"]))
        shape = rnd.choice(["exact", "approximate", "range", "open-low", "open-high", "vague"])
        kw = {"unit": unit, "resolution": rnd.choice([None, "1", "0.1", "100", "1000000"])}
        if shape in ("exact", "approximate"):
            c = claim_in(doc, "1", kind, v, qualifier=shape, **kw)
        else:
            low = None if shape in ("open-low", "vague") else v
            high = None if shape in ("open-high", "vague") else v + rnd.choice([1, 10, 1000])
            c = claim_in(doc, "1", kind, None, low=low, high=high, **kw)
        rule = _plain_rows_interval(c, opts)
        assert rule is not None
        for _ in range(5):
            r = v + Decimal(rnd.choice(["0", "0.05", "-0.4", "0.5", "1", "-1", "3", "50", "-200", "1000"]))
            f = Fact(id="x", entity=("e",), metric="m", value=r, unit=unit, period=None,
                     qualifier=Qualifier.EXACT, tolerance=None, keywords=(), source="s", file="f",
                     row=1, klass=klass)
            assert _is_plain_row(c, f)
            want = REASON_VERDICT[judge(c, f, refs_, opts, None).reason]
            assert REASON_VERDICT[judge(c, f, refs_, opts, None, coarse=True).reason] is want
            assert _plain_row_verdict(rule, r) is want, (shape, c.value, c.low, c.high, c.resolution, r)
            checked += 1
    assert checked == 20000


def test_rows_in_the_claims_unit_are_judged_like_judge_does():
    # a figure against rows of any qualifier and tolerance (one per year, tied):
    # judged through the figure's value and half-width, as judge() would
    import random

    from claimcheck.checking.verdicts import (
        _figure_row_verdict,
        _figure_rows_rule,
        _is_row_in_claim_unit,
        judge,
    )
    from claimcheck.model import REASON_VERDICT, Verdict
    from claimcheck.reference.index import Fact, References

    rnd = random.Random(12)
    refs_ = References(())
    opts = Options()
    doc = "بلغ العدد 1 هنا."
    seen: set[Verdict] = set()
    checked = 0
    for _ in range(4000):
        kind, unit, klass = rnd.choice([("number", None, "count"), ("percent", "percent", "percent"),
                                        ("money", "USD", "money"), ("quantity", "kilometer", "[length]")])
        v = Decimal(rnd.choice(["0", "1", "7", "12.5", "100", "99.5", "1000", "4300000000", "-3"]))
        c = claim_in(doc, "1", kind, v, qualifier=rnd.choice(["exact", "approximate"]), unit=unit,
                     resolution=rnd.choice([None, "1", "0.1", "100", "1000000"]))
        rule = _figure_rows_rule(c, opts)
        assert rule is not None
        for _ in range(5):
            r = v + Decimal(rnd.choice(["0", "0.05", "-0.4", "0.5", "1", "-1", "3", "10", "50",
                                        "-200", "1000", "-1000"]))
            f = Fact(id="x", entity=("e",), metric="m", value=r, unit=unit, period=None,
                     qualifier=rnd.choice(list(Qualifier)),
                     tolerance=rnd.choice([None, Decimal("0.02"), Decimal("0.5")]),
                     keywords=(), source="s", file="f", row=1, klass=klass)
            assert _is_row_in_claim_unit(c, f)
            want = REASON_VERDICT[judge(c, f, refs_, opts, None, coarse=True).reason]
            got = _figure_row_verdict(rule, f, opts)
            assert got is want, (c.value, c.qualifier, c.resolution, r, f.qualifier, f.tolerance)
            seen.add(got)
            checked += 1
    assert checked == 20000
    assert seen == {Verdict.SUPPORTED, Verdict.CONTRADICTED, Verdict.UNVERIFIABLE}
    # the edges, where a closed end meets an open one
    for v, r, q, want in [("90", "100", "approximate", Verdict.UNVERIFIABLE),  # 90 = 100 - 10 %
                          ("111", "100", "approximate", Verdict.CONTRADICTED),
                          ("100", "100", "more_than", Verdict.CONTRADICTED),
                          ("100", "100", "at_least", Verdict.UNVERIFIABLE),
                          ("100", "100", "less_than", Verdict.CONTRADICTED),
                          ("100", "100", "at_most", Verdict.UNVERIFIABLE)]:
        c = claim_in(doc, "1", "number", v)
        f = Fact(id="x", entity=("e",), metric="m", value=Decimal(r), unit=None, period=None,
                 qualifier=Qualifier(q), tolerance=None, keywords=(), source="s", file="f",
                 row=1, klass="count")
        assert REASON_VERDICT[judge(c, f, refs_, opts, None, coarse=True).reason] is want, (v, r, q)
        assert _figure_row_verdict(_figure_rows_rule(c, opts), f, opts) is want, (v, r, q)
    # bounds, dates and ranges are left to judge(); so are rows in another unit
    assert _figure_rows_rule(claim_in(doc, "1", "number", "1", qualifier="more_than"), opts) is None
    assert _figure_rows_rule(claim_in(doc, "1", "number", None, low="1", high="2"), opts) is None
    usd = claim_in(doc, "1", "money", "1", unit="USD")
    eur = Fact(id="x", entity=("e",), metric="m", value=Decimal(1), unit="EUR", period=None,
               qualifier=Qualifier.EXACT, tolerance=None, keywords=(), source="s", file="f",
               row=1, klass="money")
    assert not _is_row_in_claim_unit(usd, eur)


def test_rows_that_are_not_plain_are_left_to_judge():
    from claimcheck.checking.verdicts import _is_plain_row, _plain_rows_interval
    from claimcheck.reference.index import Fact

    doc = "أكثر من 5 دولارات"
    bound = claim_in(doc, "أكثر من 5 دولارات", "money", "5", unit="USD", qualifier="more_than")
    assert _plain_rows_interval(bound, Options()) is None  # a scale slip may explain a bound
    c = claim_in(doc, "5 دولارات", "money", "5", unit="USD")

    def fact(**kw):
        base = {"id": "x", "entity": ("e",), "metric": "m", "value": Decimal(5), "unit": "USD",
                "period": None,
                    "qualifier": Qualifier.EXACT, "tolerance": None, "keywords": (), "source": "s",
                    "file": "f",
                    "row": 1, "klass": "money"}
        return Fact(**{**base, **kw})

    assert _is_plain_row(c, fact())
    assert not _is_plain_row(c, fact(unit="EUR"))                     # a conversion
    assert not _is_plain_row(c, fact(tolerance=Decimal("0.02")))      # a tolerance
    assert not _is_plain_row(c, fact(qualifier=Qualifier.MORE_THAN))  # a bound in the table


def test_a_groups_rows_are_in_id_order_and_tied_rows_are_named_so(tmp_path):
    # rows of one metric and entity, one per year, written out of id order: the
    # group lists them by id (its head is the first id), and an ambiguous result
    # names the other candidates in that order
    r = refs(tmp_path, "".join(
        f"{i},الأردن,عدد السكان,{v},,{y},,,سكان|نسمة,src\n"
        for i, v, y in [("p3", 11000000, 2015), ("p1", 10000000, 2013), ("p2", 12000000, 2014)]))
    assert [r.facts[i].id for i in r.groups[0]] == ["p1", "p2", "p3"]
    assert r.group_heads[0] == ("p1", 1)
    from claimcheck.checking.checker import check
    from claimcheck.model import Reason

    [res] = check("بلغ عدد سكان الأردن 10 ملايين نسمة.", r, lang="en")
    assert res.reason is Reason.AMBIGUOUS_REFERENCE
    assert res.reference_id == "p1"
    assert "p2, p3" in res.explanation


# --- a dated claim against a fact over an interval ------------------------------------
# A fact over 2011/2024 is a total over the whole span: a claim dated inside it
# («في عام 2016») speaks of a part and cannot contradict it; a claim dated in its
# last year (the running total «حتى 2024») or covering all of it is compared.

PERIODS = [
    # id, claim period, fact period, compatible
    ("year-inside-interval", "2016", "2011/2024", False),
    ("span-inside-interval", "2011/2016", "2011/2024", False),
    ("last-year-of-interval", "2024", "2011/2024", True),
    ("month-of-last-year", "2024-03", "2011/2024", True),
    ("same-interval", "2011/2024", "2011/2024", True),
    ("claim-covers-fact", "2010/2025", "2011/2024", True),
    ("before-interval", "2009", "2011/2024", False),
    ("after-interval", "2025", "2011/2024", False),
    ("same-year", "2016", "2016", True),
    ("month-of-year-fact", "2016-05", "2016", True),
    ("other-year", "2015", "2016", False),
    ("undated-claim", None, "2011/2024", True),
    ("undated-fact", "2016", None, True),
]


@pytest.mark.parametrize("claim_period, fact_period, compatible", [p[1:] for p in PERIODS],
                         ids=[p[0] for p in PERIODS])
def test_period_compatible(claim_period, fact_period, compatible):
    from claimcheck.checking.matching import period_compatible
    from claimcheck.reference.periods import parse_period

    cp = parse_period(claim_period) if claim_period else None
    fp = parse_period(fact_period) if fact_period else None
    assert period_compatible(cp, fp) is compatible


AID = "aid,بريطانيا,مساعدات سوريا,4300000000,GBP,2011/2024,,,قدمت|مساعدات,الحكومة البريطانية\n"

INTERVAL = [
    # id, document, year written in it, verdict, reason
    ("year-inside", "في عام 2016 قدمت بريطانيا 5 مليارات جنيه إسترليني لسوريا.", "2016",
     "unverifiable", "period_not_covered"),
    ("last-year", "في عام 2024 قدمت بريطانيا 5 مليارات جنيه إسترليني لسوريا.", "2024",
     "contradicted", "value_mismatch"),
    ("undated", "قدمت بريطانيا 5 مليارات جنيه إسترليني لسوريا.", None,
     "contradicted", "value_mismatch"),
    ("year-inside-right-value", "في عام 2016 قدمت بريطانيا 4.3 مليار جنيه إسترليني لسوريا.", "2016",
     "unverifiable", "period_not_covered"),
]


@pytest.mark.parametrize("doc, year, verdict, reason", [c[1:] for c in INTERVAL],
                         ids=[c[0] for c in INTERVAL])
def test_dated_claim_against_an_interval_fact(tmp_path, doc, year, verdict, reason):
    r = refs(tmp_path, AID)
    span = "5 مليارات جنيه إسترليني" if "5 مليارات" in doc else "4.3 مليار جنيه إسترليني"
    value, res = ("5000000000", "1000000000") if span.startswith("5") else ("4300000000", "100000000")
    c = claim_in(doc, span, "money", value, unit="GBP", resolution=res)
    claims = [c] if year is None else sorted([claim_in(doc, f"عام {year}", "date", year), c],
                                             key=lambda x: x.start)
    got = next(x for x in check_claims(doc, claims, r) if x.claim is c)
    assert (got.verdict.value, got.reason.value) == (verdict, reason), got.explanation


# --- a date claim against a date fact: every qualifier, at the edges ---------------------
# The claim is the span of days it names (عام 2014 = the whole year); a bound
# (بعد، منذ، قبل، حتى) opens it on one side, نحو widens it by a year on each. The
# fact «2014-09» is September 2014. Supported when every day of the fact lies in the
# claim, contradicted when none does, and unverifiable when they only overlap.

DATE_FACT = "2014-09"

JUDGE_DATE = [
    # id, claim value, low, high, qualifier, fact value, fact qualifier, reason
    ("year-holds-month", "2014", None, None, "exact", DATE_FACT, "exact", "exact"),
    ("other-year", "2015", None, None, "exact", DATE_FACT, "exact", "date_mismatch"),
    ("day-finer-than-month", "2014-09-10", None, None, "exact", DATE_FACT, "exact", "ambiguous_reference"),
    ("after-previous-year", "2013", None, None, "more_than", DATE_FACT, "exact", "bound_satisfied"),
    ("after-same-year", "2014", None, None, "more_than", DATE_FACT, "exact", "date_mismatch"),
    ("after-previous-month", "2014-08", None, None, "more_than", DATE_FACT, "exact", "bound_satisfied"),
    ("after-same-month", "2014-09", None, None, "more_than", DATE_FACT, "exact", "date_mismatch"),
    ("since-same-year", "2014", None, None, "at_least", DATE_FACT, "exact", "bound_satisfied"),
    ("since-next-year", "2015", None, None, "at_least", DATE_FACT, "exact", "date_mismatch"),
    ("before-next-month", "2014-10", None, None, "less_than", DATE_FACT, "exact", "bound_satisfied"),
    ("before-same-month", "2014-09", None, None, "less_than", DATE_FACT, "exact", "date_mismatch"),
    ("before-same-year", "2014", None, None, "less_than", DATE_FACT, "exact", "date_mismatch"),
    ("until-same-year", "2014", None, None, "at_most", DATE_FACT, "exact", "bound_satisfied"),
    ("until-previous-year", "2013", None, None, "at_most", DATE_FACT, "exact", "date_mismatch"),
    ("about-next-year", "2015", None, None, "approximate", DATE_FACT, "exact", "within_approximation"),
    ("about-two-years-on", "2016", None, None, "approximate", DATE_FACT, "exact", "date_mismatch"),
    ("range-holds-it", None, "2013", "2015", "exact", DATE_FACT, "exact", "exact"),
    ("range-after-it", None, "2015", "2016", "exact", DATE_FACT, "exact", "date_mismatch"),
    ("range-ends-in-it", None, "2012", "2014-09-15", "exact", DATE_FACT, "exact", "ambiguous_reference"),
    ("fact-open-ended", "2014", None, None, "exact", DATE_FACT, "more_than", "ambiguous_reference"),
    ("both-after", "2013", None, None, "more_than", DATE_FACT, "more_than", "bound_satisfied"),
    ("fact-before-claim-after", "2015", None, None, "more_than", DATE_FACT, "less_than", "date_mismatch"),
    ("claim-not-a-date", "2014-13", None, None, "exact", DATE_FACT, "exact", "incomparable_units"),
    ("claim-no-value", None, None, None, "exact", DATE_FACT, "exact", "incomparable_units"),
    ("fact-not-a-date", "2014", None, None, "exact", "أيلول", "exact", "incomparable_units"),
]


@pytest.mark.parametrize("value, low, high, qualifier, fact_value, fact_qualifier, reason",
                         [c[1:] for c in JUDGE_DATE], ids=[c[0] for c in JUDGE_DATE])
def test_judge_date(value, low, high, qualifier, fact_value, fact_qualifier, reason):
    from claimcheck.checking.verdicts import judge_date
    from claimcheck.model import Claim, Kind
    from claimcheck.reference.index import Fact

    claim = Claim("-", 1, 1, 0, 4, "2014", Kind.DATE, value, low=low, high=high,
                  qualifier=Qualifier(qualifier))
    fact = Fact("d", ("التحالف",), "تاريخ التأسيس", fact_value, "date", None,
                Qualifier(fact_qualifier), None, (), "src", "facts.csv", 2, klass="date")
    assert judge_date(claim, fact).reason.value == reason
