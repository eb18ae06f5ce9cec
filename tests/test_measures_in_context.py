"""What a figure measures and whose it is, from the words around it
(checking/subgroups.py, checking/scope.py, checking/context.py).

* a figure whose clause names no measure measures what the figure before it
  in its sentence measures («صادرات … إلى 6.5 مليون برميل من 7.5 مليون»: both
  exports), shipments are exports, and a capacity («طاقة نظرية»، «قدرتها
  الإنتاجية») is not an output;
* an organisation of countries (أوبك) in the sentence makes its figure no
  member's, unless it is only the source (بحسب بيانات منظمة أوبك);
* a rank between a country and its figure («وتأتي روسيا في المركز الثالث
  بمقدار …») does not cut the figure off from the country;
* the poor (تحت خط الفقر) are a part of a population, not the whole of it.

Facts: ``tests/fixtures/precision_stress`` (rounded 2013 figures), read as of
2013-06-30. Every sentence is written for this file; a trap stands beside each.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import claimcheck
from claimcheck.checking.options import Options
from claimcheck.reference.tables import load

REFS = load(Path(__file__).parent / "fixtures" / "precision_stress")
AS_OF = Options(as_of=date(2013, 6, 30))

# text, claim, verdict, reason, fact
CASES = [
    ("exports-carried-to-the-second-figure",
     ("وانخفضت صادرات السعودية من النفط الخام في مايو إلى 6.5 مليون برميل يوميا"
     " من 7.5 مليون برميل يوميا في أبريل."),
     "7.5 مليون برميل يوميا", "unverifiable", "no_reference", None),
    ("trap-output-carried-to-the-second-figure",
     ("وتراجع إنتاج السعودية من النفط الخام في مايو إلى 9.5 مليون برميل يوميا"
     " من 12 مليون برميل يوميا في أبريل."),
     "12 مليون برميل يوميا", "contradicted", "value_mismatch", "sa_oil"),
    ("shipments-are-exports",
     "وأظهرت البيانات أن السعودية سجلت شحنات من النفط الخام قدرها 7 ملايين برميل يوميا في مايو.",
     "7 ملايين برميل يوميا", "unverifiable", "no_reference", None),
    ("theoretical-capacity",
     "وتملك السعودية في إنتاج النفط الخام طاقة نظرية تصل إلى 12 مليون برميل يوميا.",
     "12 مليون برميل يوميا", "unverifiable", "no_reference", None),
    ("capacity-it-could-reach",
     "وقال إن السعودية قادرة على رفع قدرتها الإنتاجية من النفط الخام إلى 12.5 مليون برميل يوميا.",
     "12.5 مليون برميل يوميا", "unverifiable", "no_reference", None),
    ("trap-output-beside-the-energy-minister",
     "وقال وزير الطاقة إن إنتاج السعودية من النفط الخام بلغ 12 مليون برميل يوميا.",
     "12 مليون برميل يوميا", "contradicted", "value_mismatch", "sa_oil"),
    ("organisation-of-exporters",
     "وتنتج السعودية النفط الخام منذ عقود. وبلغ الإنتاج الفعلي لدول أوبك 30 مليون برميل يوميا.",
     "30 مليون برميل يوميا", "unverifiable", "no_reference", None),
    ("trap-organisation-as-the-source",
     "وتنتج السعودية النفط الخام منذ عقود. وبحسب بيانات منظمة أوبك بلغ الإنتاج 12 مليون برميل يوميا.",
     "12 مليون برميل يوميا", "contradicted", "value_mismatch", "sa_oil"),
    ("a-rank-between-a-country-and-its-figure",
     ("وتأتي روسيا في المركز الثالث بإنتاج 11 مليون برميل يوميا من النفط الخام"
     " فيما تحتل السعودية المركز الأول."),
     "11 مليون برميل يوميا", "unverifiable", "no_reference", None),
    ("trap-a-rank-of-the-table-country",
     "وتحتل السعودية المركز الأول بإنتاج 12 مليون برميل يوميا من النفط الخام.",
     "12 مليون برميل يوميا", "contradicted", "value_mismatch", "sa_oil"),
    ("the-poor-are-a-part",
     "وبلغ عدد سكان مصر الذين يعيشون تحت خط الفقر نحو 30 مليون نسمة.",
     "نحو 30 مليون نسمة", "unverifiable", "no_reference", None),
    ("oil-equivalent-is-not-crude",
     "وفي ليبيا زاد الإنتاج إلى 12 مليون برميل يوميا من المكافئ النفطي.",
     "12 مليون برميل يوميا", "unverifiable", "no_reference", None),
    ("trap-crude-output-after-the-figure",
     "وفي السعودية زاد الإنتاج إلى 12 مليون برميل يوميا من النفط الخام.",
     "12 مليون برميل يوميا", "contradicted", "value_mismatch", "sa_oil"),
    ("a-region-of-the-country",
     "ويصل معدل البطالة في المغرب إلى 28 في المئة في الأقاليم الواقعة في وسط البلاد.",
     "28 في المئة", "unverifiable", "no_reference", None),
    ("trap-the-country-rate",
     "ويصل معدل البطالة في المغرب إلى 28 في المئة.",
     "28 في المئة", "contradicted", "value_mismatch", "ma_unemp"),
    ("the-nationals-of-a-population",
     "ويقدر عدد السكان السعوديين في المملكة العربية السعودية بنحو 20 مليون نسمة.",
     "بنحو 20 مليون نسمة", "unverifiable", "no_reference", None),
    ("citizens-are-a-part",
     "ويبلغ عدد سكان الكويت من المواطنين نحو 1.3 مليون نسمة.",
     "نحو 1.3 مليون نسمة", "unverifiable", "no_reference", None),
    ("trap-citizens-in-passing-narrow-nothing",
     "وأكد الوزير حماية حقوق المواطنين، مشيرا إلى أن عدد سكان مصر يناهز 60 مليون نسمة.",
     "يناهز 60 مليون نسمة", "contradicted", "value_mismatch", "eg_pop"),
    ("trap-the-whole-population",
     "وبلغ عدد سكان مصر نحو 60 مليون نسمة.",
     "نحو 60 مليون نسمة", "contradicted", "value_mismatch", "eg_pop"),
]


@pytest.mark.parametrize("name, text, claim, verdict, reason, fact", CASES, ids=[c[0] for c in CASES])
def test_measure_and_scope(name: str, text: str, claim: str, verdict: str, reason: str,
                           fact: str | None) -> None:
    got = [r for r in claimcheck.check(text, reference=REFS, options=AS_OF) if r.claim.text == claim]
    assert len(got) == 1, name
    r = got[0]
    assert (r.verdict.value, r.reason.value, r.reference_id) == (verdict, reason, fact), r.explanation
