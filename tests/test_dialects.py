"""The dialects' number words (number_words.toml `dialect`, `number_context`) and the
countable nouns whose duals are two (counted_nouns.toml): the data as the grammar
reads it, and the data file's checks."""
from __future__ import annotations

from decimal import Decimal

import pytest

from claimcheck.errors import LexiconError
from claimcheck.extraction.numberwords import LEX, counted, currency_duals, match_words
from claimcheck.extraction.numberwords.lexicon import _dialects, _readings
from claimcheck.text.normalize import Normalized, fold

#: (form, dialects it is tagged with, value it reads as)
TAGGED = [
    ("متين", {"egyptian"}, "200"),
    ("ميتين", {"egyptian", "levantine", "gulf"}, "200"),
    ("تلتاشر", {"egyptian"}, "13"),
    ("خمسطعش", {"levantine", "gulf"}, "15"),
    ("ثلطعش", {"gulf"}, "13"),
    ("اتنين", {"egyptian", "levantine"}, "2"),
    ("ثنتين", {"gulf"}, "2"),
    ("تلاتين", {"egyptian", "levantine"}, "30"),
    ("نص", {"egyptian", "levantine", "gulf"}, "0.5"),
]


@pytest.mark.parametrize(("form", "dialects", "value"), TAGGED, ids=[t[0] for t in TAGGED])
def test_dialect_forms_are_tagged_and_read(form: str, dialects: set[str], value: str) -> None:
    f = fold(form)
    assert LEX.dialects[f] == frozenset(dialects)
    doc = Normalized.of(form + " جنيه")
    wn = match_words(doc.text, 0, doc)
    assert wn is not None and wn.value == Decimal(value)


@pytest.mark.parametrize("form", ["ثلاثة", "مئتين", "خمسة عشر", "نصف", "ثلاثين"])
def test_msa_forms_carry_no_dialect(form: str) -> None:
    assert all(fold(w) not in LEX.dialects for w in form.split())


@pytest.mark.parametrize(("form", "context_only"), [
    ("متين", True), ("نص", True), ("تلت", True), ("ميتين", True), ("مية", True), ("تنين", True),
    ("تلاتة", False), ("خمسطعش", False), ("مئتين", False), ("نصف", False),
])
def test_everyday_words_need_number_context(form: str, context_only: bool) -> None:
    """Alone, a form that is also an everyday word is flagged for the engine to
    decide by the word after it; with more number words after it, it is not."""
    doc = Normalized.of(form)
    wn = match_words(doc.text, 0, doc)
    assert wn is not None and wn.context_only is context_only
    doc = Normalized.of(form + " ألف")
    wn = match_words(doc.text, 0, doc)
    assert wn is not None and not wn.context_only


def test_dialect_word_never_takes_the_article() -> None:
    doc = Normalized.of("المية الباردة")
    assert match_words(doc.text, 0, doc) is None


def test_unknown_dialect_is_refused() -> None:
    with pytest.raises(LexiconError, match="unknown dialect"):
        _dialects({"dialect": ["martian"]}, frozenset({"egyptian"}), "unit 3")
    with pytest.raises(LexiconError, match="list of names"):
        _dialects({"dialect": "egyptian"}, frozenset({"egyptian"}), "unit 3")


def test_every_entry_reads_with_its_dialect() -> None:
    data = {"dialects": {"gulf": "…"}, "zero": [], "unit": [{"value": "2", "forms": ["ثنين"],
            "dialect": ["gulf"], "number_context": True}], "ten": {"value": "10", "forms": ["عشرة"]},
            "teen_word": [], "tens": [], "hundreds": [], "scale": [], "group_plural": [], "fraction": [],
            "ordinal": [], "vague": {"coefficient": []}, "decimal": {"forms": ["فاصلة"]}}
    table, dialects = _readings(data)
    assert dialects == {"ثنين": frozenset({"gulf"})}
    assert [r.alone for r in table["ثنين"]] == [False]


@pytest.mark.parametrize(("dual", "single"), [
    ("سيارتين", "سياره"), ("سيارتان", "سياره"), ("شخصان", "شخص"), ("طفلين", "طفل"),
    ("مسلحان", "مسلح"), ("مستشفيين", "مستشفي"),
])
def test_countable_duals_are_derived(dual: str, single: str) -> None:
    assert counted().duals[fold(dual)] == fold(single)


@pytest.mark.parametrize("word", ["مسلحين", "مهندسين", "لاعبين", "هدفين", "مرتين", "سنتين"])
def test_words_that_are_not_duals_of_a_countable_noun(word: str) -> None:
    """-ين of a noun whose plural is -ين, a score, «twice», a time unit (units.toml)."""
    assert fold(word) not in counted().duals


def test_currency_duals_are_derived_from_the_currency_nouns() -> None:
    nouns = {"دولار": "dollar", "دولاران": "dollar", "دولارين": "dollar", "ليره": "lira",
             "ليرتين": "lira", "سنت": "cent", "سنتين": "cent", "دولارات": "dollar"}
    duals = currency_duals(nouns, {"cent"})
    assert duals == {"دولاران": "dollar", "دولارين": "dollar", "ليرتين": "lira"}
