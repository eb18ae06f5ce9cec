"""claimcheck.lang.countries: CLDR's names and codes, the newsroom forms CLDR lacks,
mentions in text and the currency a named country settles."""
from __future__ import annotations

import ast
import doctest
from pathlib import Path

import pytest
from babel import Locale

from claimcheck.lang import countries as C
from claimcheck.lang.lexicon import load
from claimcheck.text.normalize import fold

ARAB_LEAGUE = {"DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA",
               "OM", "PS", "QA", "SA", "SO", "SD", "SY", "TN", "AE", "YE"}


def test_docstring_examples_hold() -> None:
    result = doctest.testmod(C)
    assert result.attempted >= 6 and result.failed == 0


# --------------------------------------------------------------------------- data


def test_arab_league_is_the_22_states() -> None:
    assert {c.code for c in C.arab_league()} == ARAB_LEAGUE


@pytest.mark.parametrize("code", sorted(ARAB_LEAGUE))
def test_every_arab_league_state_has_the_newsroom_forms(code: str) -> None:
    c = C.country(code)
    data = load("countries")["country"][code]
    assert c.name == Locale.parse("ar").territories[code]      # the name is CLDR's
    assert data.get("long"), "official long name"
    assert c.nisba, "nationality adjective"
    # every gender and number, with and without the article
    n = fold(c.nisba[0])
    demonyms = {fold(d) for d in c.demonyms}
    for form in (n, n[:-1] + "يه", "ال" + n + "ون", "ال" + n + "ين", "ال" + n + "ات", n + "تان"):
        assert form in demonyms, form
    assert c.capitals, "capital"
    assert data.get("institutions"), "a national institution of its own"
    assert any(fold("وزارة المالية") in fold(i) for i in c.institutions)
    assert c.currencies, "CLDR currency"
    assert c.iso3 and c.numeric
    # the CLDR name leads, unless another country shares its spelling (عُمان is
    # also Jordan's capital عمّان once the marks are folded)
    assert c.aliases[0] == c.name or fold(c.name) in C.ambiguous_forms()
    assert set(c.aliases) <= set(c.names)       # no demonym, no capital: they name parts too


def test_codes_come_from_cldr() -> None:
    assert C.entity("EGY") is C.entity("eg") is C.entity("818") is C.country("EG")
    assert C.country("BH").numeric == "048" and C.entity("48") is C.country("BH")
    assert C.country("DE").iso3 == "DEU" and C.country("YE").iso3 == "YEM"   # not DDR, YMD
    assert C.entity("ARB") is C.grouping("arab_league")
    assert C.entity("WLD") is C.grouping("world")
    assert C.entity("XXZ") is None and C.entity("") is None
    with pytest.raises(LookupError):
        C.country("ARB")


def test_currencies_come_from_cldr() -> None:
    assert C.country("EG").currency == "EGP"
    assert set(C.country("PS").currencies) == {"ILS", "JOD"}
    assert set(C.currency_countries("JOD")) == {"JO", "PS"}
    assert C.currency_countries("XYZ") == ()


def test_nisba_is_written_once() -> None:
    """currencies.toml names a currency's nationality adjectives; countries.toml
    may add a nisba only for a country that file lacks, and the demonyms of a
    country include every adjective currencies.toml gives its currency."""
    cur = load("currencies")
    with_adjectives = {c["country"] for c in cur["currency"] if c.get("nationality")}
    for code, spec in load("countries")["country"].items():
        assert not (spec.get("nisba") and code in with_adjectives), code
    nouns = {fold(f) for n in cur["noun"].values() for f in n["forms"]}
    for c in cur["currency"]:
        if c["country"] == "EU":
            continue
        demonyms = {fold(d) for d in C.country(c["country"]).demonyms}
        for adj in c.get("nationality", []):
            f = fold(adj)
            assert f in demonyms or f in nouns or f[:-1] in nouns, (c["code"], adj)


def test_british_demonym_is_not_the_currency_name() -> None:
    assert {fold(x) for x in C.country("GB").nisba} == {fold("بريطاني")}


def test_no_country_name_is_typed_in_code() -> None:
    """String literals in the module (not its docstrings) hold no country name:
    names come from CLDR and the data files."""
    names = {fold(n) for c in C.countries() for n in (*c.names, *c.nisba, *c.capitals)}
    names |= {fold(n) for g in C.groupings() for n in g.names}
    names = {n for n in names if len(n) >= 3}
    for module in ("claimcheck/lang/countries.py", "claimcheck/lang/phrases.py",
                   "claimcheck/reference/importer.py", "claimcheck/reference/layouts.py",
                   "claimcheck/reference/mapping.py", "claimcheck/reference/catalogue.py",
                   "claimcheck/reference/coverage.py"):
        path = Path(__file__).resolve().parents[1] / module
        tree = ast.parse(path.read_text("utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef))
                      and n.body and isinstance(n.body[0], ast.Expr)
                      and isinstance(n.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and id(node) not in docstrings:
                folded = fold(node.value)
                assert not any(n in folded for n in names), (module, node.value)


def test_homographs_are_not_aliases_or_mentions() -> None:
    km = C.country("KM")
    assert not any(fold(a).startswith(fold("قمري")) for a in km.aliases)
    assert C.mentions("بدأ الشهر القمري الجديد") == []
    assert [m.countries for m in C.mentions("جزر القمر")] == [("KM",)]


def test_shared_spellings_are_never_aliases() -> None:
    amb = C.ambiguous_forms()
    assert set(amb[fold("عمان")]) == {"OM", "JO"}
    assert set(amb[fold("طرابلس")]) == {"LY", "LB"}
    for code in ("OM", "JO", "LY", "LB"):
        assert not any(fold(a) in amb for a in C.country(code).aliases), code
    assert C.by_name("عمّان") is None
    assert C.by_name("الإمارات") is C.country("AE")
    assert C.by_name("دول الخليج") is C.grouping("gcc")
    assert C.by_name("لا شيء") is None


# --------------------------------------------------------------------------- mentions

MENTIONS = [
    # (text, [(span text, countries)])
    ("قال وزير المالية الأردني إن", [("وزير المالية الأردني", ("JO",))]),
    ("صادرات للسعودية وبمصر وللإمارات", [("للسعودية", ("SA",)), ("وبمصر", ("EG",)),
                                         ("وللإمارات", ("AE",))]),
    ("عمّان (بترا) - أعلن", [("عمّان", ("JO", "OM"))]),
    ("أعلن بنك المغرب", [("بنك المغرب", ("MA",))]),
    ("يعمل آلاف المصريين في الخارج", [("المصريين", ("EG",))]),
    ("الليرة اللبنانية في بيروت", [("اللبنانية", ("LB",)), ("بيروت", ("LB",))]),
    ("الجمهورية العربية السورية", [("الجمهورية العربية السورية", ("SY",))]),
    ("في فلسطين والقدس", [("فلسطين", ("PS",)), ("والقدس", ("PS",))]),
    ("تراجع الاقتصاد الأمريكي", [("الأمريكي", ("US",))]),
    ("ودول المغرب العربي", [("ودول المغرب العربي", ("DZ", "LY", "MA", "MR", "TN"))]),
    # negatives: a name inside a longer word, a different word
    ("فتح مصرف جديد", []),
    ("تم تحديد قطرها", []),
    ("قرار رقم 5", []),
]


@pytest.mark.parametrize("text,expected", MENTIONS, ids=[f"m{i}" for i in range(len(MENTIONS))])
def test_mentions(text: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    found = C.mentions(text)
    assert [(m.text, m.countries) for m in found] == expected
    for m in found:
        assert text[m.start:m.end] == m.text


def test_mention_offsets_survive_harakat_and_a_window() -> None:
    text = "قالَ البنكُ المركزيُّ العراقيُّ اليوم"
    found = C.mentions(text, 4)
    assert len(found) == 1 and found[0].countries == ("IQ",)
    assert text[found[0].start:found[0].end] == found[0].text == "البنكُ المركزيُّ العراقيُّ"
    assert C.mentions(text, 0, 3) == []


def test_grouping_mention() -> None:
    (m,) = C.mentions("اقتصادات دول الخليج")
    assert m.grouping == "gcc" and set(m.countries) == {"SA", "AE", "KW", "QA", "BH", "OM"}
    assert not m.ambiguous


# --------------------------------------------------------------------------- currency

DINAR = {"KWD", "IQD", "JOD", "BHD", "LYD", "TND", "DZD"}
RIYAL = {"SAR", "QAR", "OMR", "YER", "IRR"}


@pytest.mark.parametrize("candidates,text,near,expected", [
    (DINAR, "أعلنت وزارة المالية الأردنية موازنة بقيمة 12 مليار دينار", None, "JOD"),
    (RIYAL, "مسقط: أعلنت عمان عجزا قدره مليار ريال", None, "OMR"),
    (DINAR, "عمّان: بلغ العجز مليار دينار", None, "JOD"),        # عمان/عمّان: only Jordan uses a dinar
    (DINAR, "في رام الله بلغت القروض 300 مليون دينار", None, "JOD"),
    (DINAR, "صادرات العراق إلى الكويت بلغت مليون دينار", None, None),  # two dinars, no offset
    (DINAR, "صادرات العراق إلى الكويت بلغت مليون دينار", 36, "KWD"),  # nearest to the figure
    (DINAR, "دول الخليج أنفقت مليون دينار", None, None),           # a grouping settles nothing
    (RIYAL, "أعلنت وزارة المالية الأردنية موازنة", None, None),     # no riyal in Jordan
    (DINAR, "بلغت قيمة الصفقة مليار دينار", None, None),
], ids=["jo", "om", "amman", "ps", "two", "near", "group", "none", "bare"])
def test_resolve_currency(candidates: set[str], text: str, near: int | None,
                          expected: str | None) -> None:
    assert C.resolve_currency(candidates, C.mentions(text), near=near) == expected


def test_mentions_in_a_normalised_document() -> None:
    from claimcheck.text.normalize import Normalized

    text = "قالَ البنكُ المركزيُّ العراقيُّ إن احتياطيات الكويت ارتفعت"
    norm = Normalized.of(text)
    found = C.mentions_normalized(norm)
    assert [(m.text, m.countries) for m in found] == [(m.text, m.countries) for m in C.mentions(text)]
    assert [m.countries for m in found] == [("IQ",), ("KW",)]
    assert all(text[m.start:m.end] == m.text for m in found)
    later = norm.to_text(text.index("احتياطيات"))
    assert [m.countries for m in C.mentions_normalized(norm, later)] == [("KW",)]
