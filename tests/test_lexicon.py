"""The shipped language data loads, validates and is internally consistent."""
from __future__ import annotations

import pytest

from claimcheck.errors import LexiconError
from claimcheck.extraction.engine import lexicon
from claimcheck.lang.lexicon import forms, load, trie_pattern
from claimcheck.text.normalize import fold


def test_every_data_file_loads_and_compiles() -> None:
    lex = lexicon()
    assert lex.scales.values["مليار"] == 10**9
    assert lex.units.units["طن"] == "metric_ton"          # not pint's short ton
    assert lex.units.units["برميل"] == "oil_barrel"       # not pint's 31.5-gallon barrel
    assert lex.units.durations["سنتين"] == ("year", 1)
    assert lex.months.gregorian["كانون الثاني"] == 1
    assert lex.months.hijri[fold("ربيع الآخر")] == lex.months.hijri["ربيع الثاني"] == 4


ARAB_LEAGUE = {"DZD", "BHD", "KMF", "DJF", "EGP", "IQD", "JOD", "KWD", "LBP", "LYD", "MRU",
               "MAD", "OMR", "QAR", "SAR", "SOS", "SDG", "SYP", "TND", "AED", "YER", "ILS"}
MAJORS = {"USD", "EUR", "GBP", "JPY", "CNY", "TRY", "ILS", "IRR", "CHF", "RUB"}


def test_currency_coverage() -> None:
    codes = {c["code"] for c in load("currencies")["currency"]}
    assert ARAB_LEAGUE | MAJORS <= codes


def test_currency_nouns_have_a_default_that_exists() -> None:
    data = load("currencies")
    codes = {c["code"] for c in data["currency"]}
    for key, noun in data["noun"].items():
        assert noun["default"] in codes, key
    for c in data["currency"]:
        assert c["noun"] in data["noun"], c["code"]


def test_unit_forms_are_unique_across_units() -> None:
    seen: dict[str, str] = {}
    for u in load("units")["unit"]:
        for f in forms(u["forms"], where=u["pint"]):
            assert seen.setdefault(f, u["pint"]) == u["pint"], f"{f} is both {seen[f]} and {u['pint']}"


def test_month_names_do_not_collide() -> None:
    seen: dict[str, int] = {}
    for m in load("months")["gregorian"]:
        for f in forms(m["names"], where="month"):
            assert seen.setdefault(f, m["number"]) == m["number"], f


def test_qualifier_phrases_belong_to_one_qualifier() -> None:
    seen: dict[str, str] = {}
    for name, spec in load("qualifiers").items():
        if name in ("verbs", "marks"):  # words read around a phrase, no phrases of their own
            continue                        # (tested in test_extract)
        for f in forms(spec["before"], where=name):
            assert seen.setdefault(f, name) == name, f


def test_pint_names_are_understood_by_pint() -> None:
    pint_units = pytest.importorskip("claimcheck.units")
    for u in load("units")["unit"]:
        pint_units.parse_unit(u["pint"])  # raises on an unknown unit
    for r in load("units")["rate"]:
        pint_units.parse_unit(r["pint"])


def test_forms_refuses_empty() -> None:
    with pytest.raises(LexiconError):
        forms([], where="x")
    with pytest.raises(LexiconError):
        forms(["  "], where="x")


def test_trie_prefers_the_longest_form() -> None:
    import regex

    pat = regex.compile(trie_pattern(["كم", "كم2", "كم مربع"]))
    assert pat.match("كم مربع").group() == "كم مربع"
    assert pat.match("كم2").group() == "كم2"


def test_every_reason_has_an_explanation_in_both_languages() -> None:
    from claimcheck.checking.evidence import Facts, explain
    from claimcheck.model import Reason

    for reason in Reason:
        for lang in ("ar", "en"):
            text = explain(Facts(reason, "5 GBP", "3 GBP", "f1", period="2024", source="S"), lang)
            assert text and "{" not in text


def test_each_data_file_gives_a_frozen_non_empty_table() -> None:
    import dataclasses

    lex = lexicon()
    for table in (lex.scales, lex.currencies, lex.units, lex.months, lex.qualifiers, lex.context):
        for f in dataclasses.fields(table):
            value = getattr(table, f.name)
            if isinstance(value, (dict, frozenset)):
                assert value, f"{type(table).__name__}.{f.name} is empty"
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(table, dataclasses.fields(table)[0].name, None)
    assert lex.currencies.default[lex.currencies.nouns["دينار"]] in lex.currencies.symbols.values()
    # more/less verbs, the at_most/at_least ones written with the negation glued (لايزيد، لايقل),
    # and the verbs of nearness (ناهز)
    assert lex.qualifiers.verbs and set(lex.qualifiers.verbs.values()) == {"more_than", "less_than",
                                                                           "at_most", "at_least",
                                                                           "approximate"}


def test_the_stemmer_s_data_loads_as_it_reads() -> None:
    # lang/data/stemming.toml: endings by length, stop words folded
    from claimcheck.lang import stemming

    assert stemming._SUFFIXES_2 == {"ات", "ون", "ين", "ان", "ها", "هم", "يه"}
    assert stemming._SUFFIXES_1 == {"ا", "ه", "ي"}
    assert fold("إلى") in stemming.STOPWORDS and fold("أكثر") in stemming.STOPWORDS
    assert "دول" not in stemming.STOPWORDS
    assert stemming.phrase_terms("عدد السكان في الأردن") == ("سكان", "اردن")


@pytest.mark.parametrize("pattern", [r"\p{Lu}+", r"[\p{Arabic}]", r"(?<=\p{Nd})ألف"])
def test_an_untranslated_unicode_property_is_a_lexicon_error(pattern: str) -> None:
    """A language pattern with a property relite cannot spell for ``re`` is the
    data's fault: a LexiconError (still a ValueError), naming the pattern."""
    from claimcheck.lang import relite as rx

    with pytest.raises(LexiconError, match="untranslated Unicode property") as err:
        rx.compile(pattern)
    assert isinstance(err.value, ValueError)
    assert r"\p{" in str(err.value)


@pytest.mark.parametrize("pattern, text, found", [
    (r"(?<![\p{L}\p{N}])ب\p{L}+", "كتب بسرعة", "بسرعة"),
    (r"(?<![\p{L}\p{N}])ب\p{L}+", "كتب2بسرعة", None),
    (r"\p{N}+(?![\p{N}])", "في 2024 م", "2024"),
])
def test_translated_properties_still_match(pattern: str, text: str, found: str | None) -> None:
    from claimcheck.lang import relite as rx

    m = rx.search(pattern, text)
    assert (m.group() if m else None) == found
