"""Precision first: a false «contradicted» costs an editor more than a miss.

Sentences written for this test put a figure next to the words of a bundled
fact without being about it; none of them may be contradicted. The corpus
test runs real news (2011–2015, unrelated to the bundled 2024 coalition facts)
through ``check`` and asserts that nothing is contradicted.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import claimcheck
from claimcheck.model import Verdict
from claimcheck.reference.tables import BUNDLED, load

REFS = load(BUNDLED)

NOT_ABOUT_THE_FACTS = [
    # a handful of people near the UK's name: another quantity, not the 120,000 trained
    "قالت الشرطة في لندن إن ستة أفراد من عائلة واحدة أصيبوا في الحادث.",
    # a scale slip lands near the table's number, not anywhere above a bound
    "نشرت الحكومة البريطانية 300 عنصر إضافي من الشرطة في ميناء كاليه.",
    # a vague amount says too little to be wrong
    "أعلنت بريطانيا أن بضعة أفراد فقط سيمثلون أمام المحكمة.",
    # «تحالف» here and «دولي» later are not «التحالف الدولي»
    "تأسس الجيش في 6 كانون الثاني 1921 قبل أي تحالف، وتضم المنظمة الدولية اليوم أعضاء كثيرين.",
    # an alliance of another kind and its members
    "يضم التحالف العربي في اليمن 10 دول، وتضم الجامعة العربية 22 دولة.",
    # ordinals are not counts of partners or trainees
    "عقد الفريق أول تدريب له في لندن، وهي الحصة الثانية هذا الأسبوع.",
]


@pytest.mark.parametrize("text", NOT_ABOUT_THE_FACTS, ids=[f"p{i}" for i in range(len(NOT_ABOUT_THE_FACTS))])
def test_figures_that_merely_share_words_are_never_contradicted(text: str) -> None:
    results = claimcheck.check(text, reference=REFS)
    bad = [(r.claim.text, r.reason.value, r.reference_id) for r in results
           if r.verdict is Verdict.CONTRADICTED]
    assert bad == []


def test_real_errors_are_still_caught() -> None:
    text = ("التحالف العالمي ضد داعش\n"
            "يجتمع في واشنطن ممثلو 78 شريكًا في التحالف العالمي ضد داعش.\n"
            "وقدمت المملكة المتحدة أكثر من 4.3 مليون جنيه إسترليني للاستجابة للأزمة السورية.")
    reasons = {r.claim.text: r.reason.value for r in claimcheck.check(text, reference=REFS)}
    assert reasons["78 شريكًا"] == "value_mismatch"
    assert reasons["أكثر من 4.3 مليون جنيه إسترليني"] == "scale_mismatch"


CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "news.txt"


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared is absent")
def test_no_contradiction_in_unrelated_real_news() -> None:
    from claimcheck.checking.checker import check_claims

    contradicted = []
    with CORPUS.open(encoding="utf-8") as fh:
        for i, line in zip(range(1500), fh, strict=False):
            line = line.replace("\x00", " ")
            for r in check_claims(line, claimcheck.extract(line), REFS):
                known = (i + 1, r.claim.start, r.claim.end) in REAL_SLIPS
                if r.verdict is Verdict.CONTRADICTED and not known:
                    contradicted.append((i, r.claim.text, r.reference_id))
    assert contradicted == []


#: The copy's own arithmetic slips a reader confirmed (``tests/cases/rules/corpus.toml``,
#: ``real = true``): contradicted by the document itself, not by the tables.
REAL_SLIPS = {(c["line"], *c["span"]) for c in tomllib.loads(
    (Path(__file__).parent / "cases" / "rules" / "corpus.toml").read_text("utf-8"))["case"] if c["real"]}
