"""A record's JSON written straight from its fields (report.data.record_json) is,
byte for byte, what the JSON encoder writes for ``to_record()``: JSON Lines
reports, streamed or not, in a worker or not, keep their bytes.

Cases: claims the engine finds in sentences written for this test (every kind,
qualifiers, ranges, Hijri dates, assumed currencies), claims made by hand with
the awkward values (quotes, backslashes, control characters, line and paragraph
separators, non-finite and huge numbers, an archive row's id), checked claims
with evidence, relations and scores, and generated text for every string field.
"""
from __future__ import annotations

import dataclasses
import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.extraction.engine import extract
from claimcheck.model import (
    Calendar,
    CheckedClaim,
    Claim,
    Kind,
    Qualifier,
    Reason,
    Related,
    Verdict,
)
from claimcheck.report import data
from claimcheck.report.base import SUPPRESSED_BY_COMMENT, make_report, marked_record
from claimcheck.run.stream import marked_lines

SENTENCES = [
    "أنفقت الوزارة نحو 3.5 مليار دولار على الطرق خلال عام 2023.",
    "ارتفع معدل البطالة إلى 12,4 في المئة بعد أن كان 9% قبل ثلاث سنوات.",
    "تضم المدينة أكثر من مليوني نسمة، ويعمل فيها ما لا يقل عن 15 ألف طبيب.",
    "بلغت الموازنة بين 300 و350 مليون دينار، وصرف منها 40 ديناراً للفرد.",
    "وقعت الحادثة في 15 رمضان 1445 هـ، وأصيب فيها عشرات الأشخاص.",
    "قطع العداء مسافة 42 كيلومتراً في ساعتين ونصف، وحل في المركز الثالث.",
    "تراجعت الحرارة إلى -5 درجات مئوية، وتساقط 30 ملم من الأمطار.",
    "سجلت الشركة أرباحاً قدرها 5ر14 مليون درهم مقابل \"750\" ألفاً العام الماضي.",
]


def _dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


def _same(item) -> None:
    """record_json(item) is the encoder's text, or fails as the record itself fails
    (an infinite Decimal has no record: int(Infinity) overflows)."""
    try:
        want = _dumps(item.to_record())
    except (ArithmeticError, ValueError) as e:
        with pytest.raises(type(e)):
            data.record_json(item)
        return
    assert data.record_json(item) == want


def _claims() -> list[Claim]:
    return [c for s in SENTENCES for c in extract(s, file="مقال \"أ\".txt")]


def _claim(**kw) -> Claim:
    base = {"file": "a.txt", "line": 1, "column": 1, "start": 0, "end": 3, "text": "٥٠٠",
            "kind": Kind.NUMBER, "value": Decimal(500), "sentence": "بلغ ٥٠٠", **kw}
    return Claim(**base)


def test_the_direct_path_knows_the_record_layout() -> None:
    # a field added to Claim or CheckedClaim turns the direct path off: teach
    # record_json the field (and LAYOUT), or JSON Lines reports get slower
    assert data.DIRECT, "report.data.LAYOUT is not the records' layout any more"


def test_engine_claims_encode_as_the_encoder_does() -> None:
    claims = _claims()
    assert {c.kind for c in claims} >= {Kind.MONEY, Kind.PERCENT, Kind.DATE, Kind.NUMBER,
                                         Kind.QUANTITY, Kind.ORDINAL, Kind.DURATION}
    assert any(c.low is not None for c in claims) and any(c.calendar is Calendar.HIJRI for c in claims)
    for c in claims:
        assert data.record_json(c) == _dumps(c.to_record())
    assert data.jsonl_lines(claims) == "".join(_dumps(c.to_record()) + "\n" for c in claims).encode()


AWKWARD = [
    _claim(file='C:\\news\\"x".txt', sentence='قال: "نعم"\\ ثم\ttab\r\x00\x1f\u2028\u2029\x7f 🙂'),
    _claim(value=Decimal("1E+3"), low=Decimal("0.50"), high=Decimal("2.5E-7")),
    _claim(value=Decimal("123456789012345678901234567890.5")),
    _claim(value=Decimal(10) ** 60, unit="USD", qualifier=Qualifier.MORE_THAN, currency_assumed=True),
    _claim(value=Decimal("-0.0"), kind=Kind.QUANTITY, unit="degree_Celsius"),
    _claim(value=Decimal("Infinity")),
    _claim(value=Decimal("NaN")),
    _claim(value=Decimal("1e400") + Decimal("0.5")),
    _claim(value="2024-03-07", kind=Kind.DATE, calendar=Calendar.GREGORIAN, low="2024", high="2025"),
    _claim(value=None, low=Decimal(10), high=Decimal(100), subject="العمال"),
    _claim(value=7),
    _claim(value=1.5),
    _claim(doc_id="row-17"),
    _claim(doc_id=17),
    _claim(kind="number", qualifier="exact"),
]


@pytest.mark.parametrize("claim", AWKWARD, ids=range(len(AWKWARD)))
def test_awkward_values_encode_as_the_encoder_does(claim: Claim) -> None:
    _same(claim)


def _checked(claim: Claim, **kw) -> CheckedClaim:
    base = {"claim": claim, "verdict": Verdict.CONTRADICTED, "reason": Reason.VALUE_MISMATCH,
            "reference_id": "gdp-2023", "reference_value": Decimal("3.25E+9"), "reference_unit": "USD",
            "reference_period": "2023", "reference_source": "مصدر \"رسمي\"", "delta": Decimal("-0.125"),
            "match_score": 0.876543219, "explanation": "القيمة\nالمرجعية أعلى",
            "related": (Related(3, 9, "٣٠ ٪"), Related(12, 20, 'نحو "50"')),
            "expected": Decimal("12.5"), **kw}
    return CheckedClaim(**base)


CHECKED = [
    _checked(_claim()),
    _checked(_claim(doc_id="a"), related=(), match_score=None, reference_value=None, delta=None,
             expected=None, verdict=Verdict.UNVERIFIABLE, reason=Reason.NO_REFERENCE,
             reference_id=None),
    _checked(_claim(), match_score=float("nan")),
    _checked(_claim(), match_score=float("inf")),
    _checked(_claim(), match_score=1),
    _checked(_claim(value=Decimal("NaN"))),
    _checked(_claim(), reference_value="2020-01", verdict=Verdict.SUPPORTED, reason=Reason.EXACT),
]


@pytest.mark.parametrize("checked", CHECKED, ids=range(len(CHECKED)))
def test_checked_claims_encode_as_the_encoder_does(checked: CheckedClaim) -> None:
    _same(checked)


def test_suppressed_records_keep_their_mark() -> None:
    claims = _claims()[:4]
    silenced = [dataclasses.replace(c, line=c.line + 1) for c in _claims()[4:6]]
    want = "".join(_dumps(marked_record(i, s)) + "\n" for i, s in
                   sorted([(c, None) for c in claims] + [(c, SUPPRESSED_BY_COMMENT) for c in silenced],
                          key=lambda e: (e[0].file, e[0].start)))
    got = b"".join(marked_lines(claims, silenced)).decode()
    assert got.count('"suppressed": "comment"') == 2
    assert got == want
    report = make_report(claims, suppressed=silenced)
    assert data.jsonl(report).decode() == "".join(_dumps(r) + "\n" for r in report.all_records())


@settings(max_examples=150, deadline=None)
@given(file=st.text(), text=st.text(min_size=1, max_size=8), sentence=st.text(), unit=st.none() | st.text(),
       subject=st.none() | st.text(),
       value=st.none() | st.decimals(allow_nan=True, allow_infinity=True) | st.text(max_size=10),
       explanation=st.text())
def test_generated_fields_encode_as_the_encoder_does(file, text, sentence, unit, subject, value,
                                                     explanation) -> None:
    c = _claim(file=file, text=text, end=len(text), sentence=sentence, unit=unit, subject=subject,
               value=value, low=value)
    _same(c)
    _same(_checked(c, explanation=explanation, reference_source=subject))
