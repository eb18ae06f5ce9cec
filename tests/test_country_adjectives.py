"""A country's nationality adjective names it when its name ends in ا
(reference/index.py: _country_nisba, nisba_terms).

سوريا/السورية، تركيا/التركي، ليبيا/الليبية، إسبانيا/الإسبانية، روسيا/الروسي: the
adjective drops the name's alif, so the two do not share a stem as مصر/المصرية
do. A fact about one of these countries is found from its adjective; another
country's adjective, a word that merely starts like it (السور "the wall",
التركة "the estate") and a plural of people (السوريين) do not name it.

Facts: ``tests/fixtures/country_adjectives/facts.csv`` (test data written for
these cases). Every sentence is written for this file.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import claimcheck
from claimcheck.reference.index import nisba_terms
from claimcheck.reference.tables import load
from claimcheck.text.normalize import fold

REFS = load(Path(__file__).parent / "fixtures" / "country_adjectives")


@pytest.mark.parametrize("word", [
    "سوري", "السوري", "السورية", "والسورية", "بالسورية", "للسوري", "سوريًا",
    "تركي", "التركي", "التركية", "للتركية",
    "ليبي", "الليبي", "الليبية", "بالليبية",
    "إسباني", "الإسباني", "الإسبانية", "والإسبانية", "الاسبانية",
    "روسي", "الروسي", "الروسية", "بالروسية",
    # the names themselves, as before
    "سوريا", "لسوريا", "تركيا", "ليبيا", "إسبانيا", "روسيا",
])
def test_the_adjective_names_its_country(word: str) -> None:
    assert fold(word) in REFS.alias_first_forms


@pytest.mark.parametrize("word", [
    "السور", "سور", "بسور",       # a wall
    "سورة", "السورة",             # a sura
    "التركة", "تركوا", "ترك",     # an estate; they left
    "الروس", "روس",               # the Russians (a broken plural: people)
    "السوريين", "السوريون", "الليبيين", "السوريات",  # plurals: people
    "المصرية", "الكندية",          # countries the table does not hold
])
def test_what_only_looks_like_the_adjective_names_no_country(word: str) -> None:
    assert fold(word) not in REFS.alias_first_forms


@pytest.mark.parametrize("name, adjective", [
    ("سوريا", "السورية"), ("تركيا", "التركي"), ("ليبيا", "الليبية"),
    ("إسبانيا", "الإسبانية"), ("روسيا", "الروسي"), ("كندا", "الكندية"), ("فرنسا", "الفرنسي"),
])
def test_the_adjective_stems_are_derived_for_names_in_alif(name: str, adjective: str) -> None:
    from claimcheck.lang.stemming import stem

    assert stem(fold(adjective)) in nisba_terms(name)


@pytest.mark.parametrize("alias", [
    "مصر",        # shares its stem with المصرية already
    "التحالف",    # no country
    "كوريا",      # two countries (CLDR): no single adjective
    "ميليشيا",    # ends in يا, names no country
])
def test_no_adjective_terms_for_other_aliases(alias: str) -> None:
    assert nisba_terms(alias) == frozenset()


# sentence, claim, verdict, reason, fact id (None: no fact)
CHECKS = [
    # the adjective after the metric's noun names the country
    ("بلغ إنتاج القمح السوري مليوني طن في عام 2023.", "مليوني طن", "supported", "exact", "sy_wheat"),
    ("بلغ إنتاج القمح السوري 3 ملايين طن في عام 2023.", "3 ملايين طن", "contradicted",
     "value_mismatch", "sy_wheat"),
    ("وبلغ إنتاج النفط الليبي 1.2 مليون برميل يوميا في عام 2023.", "1.2 مليون برميل يوميا",
     "supported", "exact", "ly_oil"),
    ("وسجل معدل البطالة الإسبانية 12% في 2023.", "12%", "supported", "exact", "es_unemployment"),
    ("واستقبلت المنتجعات التركية 50 مليون سائح في 2023.", "50 مليون سائح", "supported", "exact",
     "tr_tourists"),
    ("وبلغت صادرات القمح الروسية 30 مليون طن في 2023.", "30 مليون طن", "contradicted",
     "value_mismatch", "ru_wheat_exports"),
    # another country's adjective: not the fact's country, whatever the metric
    ("بلغ إنتاج القمح التركي مليوني طن في عام 2023.", "مليوني طن", "unverifiable", "no_reference", None),
    ("وبلغت صادرات القمح السورية 30 مليون طن في 2023.", "30 مليون طن", "unverifiable",
     "no_reference", None),
    ("وسجل معدل البطالة الفرنسية 12% في 2023.", "12%", "unverifiable", "no_reference", None),
    # a word that starts like the adjective is no country
    ("وبلغ طول السور مليوني متر في عام 2023.", "مليوني متر", "unverifiable", "no_reference", None),
]


@pytest.mark.parametrize("text, claim, verdict, reason, fact", CHECKS,
                         ids=[c[1] + "-" + c[2] for c in CHECKS])
def test_checked_through_the_adjective(text: str, claim: str, verdict: str, reason: str,
                                       fact: str | None) -> None:
    got = {r.claim.text: r for r in claimcheck.check(text, reference=REFS)}
    r = got[claim]
    assert (r.verdict.value, r.reason.value) == (verdict, reason), r.explanation
    assert r.reference_id == fact
