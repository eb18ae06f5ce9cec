"""SPEC §1: the example table must come out exactly so, and the seed article's claims."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import claimcheck

# (sentence written for this test, claim text, kind, value, unit, qualifier)
SPEC_TABLE = [
    ("دربت الشرطة أكثر من 120 ألف فرد هذا العام", "أكثر من 120 ألف فرد", "number", Decimal(120000), None,
     "more_than"),
    ("تبرعت بأكثر من 500 مليون جنيه إسترليني للإغاثة", "بأكثر من 500 مليون جنيه إسترليني", "money",
     Decimal(500000000), "GBP", "more_than"),
    ("كلف المشروع ٣٫٥ مليار دولار", "٣٫٥ مليار دولار", "money", Decimal(3500000000), "USD", "exact"),
    ("دامت المحادثات نحو 9 أشهر", "نحو 9 أشهر", "duration", Decimal(9), "month", "approximate"),
    ("ارتفعت الأسعار 15 في المائة", "15 في المائة", "percent", Decimal(15), "percent", "exact"),
    ("ارتفعت الأسعار ١٥٪ أمس", "١٥٪", "percent", Decimal(15), "percent", "exact"),
    ("ارتفعت الأسعار 15 بالمئة أمس", "15 بالمئة", "percent", Decimal(15), "percent", "exact"),
    ("رصدت البلدية ملياري درهم للطرق", "ملياري درهم", "money", Decimal(2000000000), "AED", "exact"),
    ("تنشط الجماعة منذ عام 2014 في المنطقة", "منذ عام 2014", "date", "2014", None, "exact"),
    ("أحيا الحزب الذكرى العاشرة لتأسيسه", "الذكرى العاشرة", "ordinal", Decimal(10), None, "exact"),
]


@pytest.mark.parametrize("sentence,text,kind,value,unit,qualifier", SPEC_TABLE,
                         ids=[f"spec-{i}" for i in range(len(SPEC_TABLE))])
def test_spec_example(sentence: str, text: str, kind: str, value: object, unit: str | None,
                      qualifier: str) -> None:
    claims = [c for c in claimcheck.extract(sentence) if c.text == text]
    got = [(c.text, c.kind.value, c.value, c.unit, c.qualifier.value) for c in claimcheck.extract(sentence)]
    assert len(claims) == 1, got
    c = claims[0]
    assert (c.kind.value, c.value, c.unit, c.qualifier.value) == (kind, value, unit, qualifier)
    assert sentence[c.start:c.end] == c.text


SEED = Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "seed_article.txt"

SEED_EXPECTED = [
    ("87 شريكًا", "number", Decimal(87), None, "exact"),
    ("أكثر من 120 ألف فرد", "number", Decimal(120000), None, "more_than"),
    ("بأكثر من 500 مليون جنيه إسترليني", "money", Decimal(500000000), "GBP", "more_than"),
    ("أكثر من 4.3 مليار جنيه إسترليني", "money", Decimal(4300000000), "GBP", "more_than"),
    ("منذ عام 2014", "date", "2014", None, "exact"),
    ("10 سنوات", "duration", Decimal(10), "year", "exact"),
    ("نحو 9 أشهر", "duration", Decimal(9), "month", "approximate"),
    ("خلال 12 شهراً", "duration", Decimal(12), "month", "exact"),
]
#: Word-written claims of the seed article (issue 3).
SEED_WORDS = [
    ("الذكرى العاشرة", "ordinal", Decimal(10), None),
    ("العقد الماضي", "duration", Decimal(10), "year"),
    ("ملايين الأشخاص", "number", None, None),
]


@pytest.mark.skipif(not SEED.exists(), reason="../shared is absent")
def test_seed_article_digit_claims() -> None:
    text = SEED.read_text("utf-8")
    claims = claimcheck.extract(text)
    got = {(c.text, c.kind.value, c.value, c.unit, c.qualifier.value) for c in claims}
    for want in SEED_EXPECTED:
        assert want in got
    for c in claims:
        assert text[c.start:c.end] == c.text


@pytest.mark.skipif(not SEED.exists(), reason="../shared is absent")
def test_seed_article_word_claims_and_nothing_else() -> None:
    text = SEED.read_text("utf-8")
    claims = claimcheck.extract(text)
    # the article has no-break spaces inside some phrases: compare words, not bytes
    got = {(" ".join(c.text.split()), c.kind.value, c.value, c.unit) for c in claims}
    for want in SEED_WORDS:
        assert want in got
    expected_texts = {w[0] for w in SEED_EXPECTED} | {w[0] for w in SEED_WORDS} | {"بعدة لغات"}
    extra = [c.text for c in claims if " ".join(c.text.split()) not in expected_texts]
    assert extra == [], f"claims that are not claims: {extra}"
