"""The one proclitic model (claimcheck.lang.clitics) and the readers built on it."""
from __future__ import annotations

import pytest

from claimcheck.lang import clitics
from claimcheck.lang.stemming import stem
from claimcheck.text.normalize import fold


@pytest.mark.parametrize("form, member", [
    ("", True), ("و", True), ("ف", True), ("ب", True), ("ل", True), ("ك", True), ("ال", True),
    ("وبال", True), ("فكال", True), ("لل", True), ("ولل", True),   # ل + ال is written لل
    ("لال", False),                                              # never written so
    ("بو", False), ("الو", False), ("وف", False), ("بل", False),  # out of order / two of a slot
])
def test_which_strings_are_proclitics(form: str, member: bool) -> None:
    assert (form in clitics.ALL) is member


def test_slots() -> None:
    assert clitics.CONJ == {"", "و", "ف"}
    assert clitics.CONJ_PREP >= clitics.CONJ and "وب" in clitics.CONJ_PREP and "وال" not in clitics.CONJ_PREP
    assert clitics.DEFINITE == {c for c in clitics.ALL if "ال" in c or c.endswith("لل")}
    assert len(clitics.ALL) == 24 and "" not in clitics.GLUED
    assert [len(c) for c in clitics.GLUED] == sorted(len(c) for c in clitics.GLUED)  # shortest first


@pytest.mark.parametrize("word, expected", [
    ("وبالمساعدات", "مساعد"), ("للمجتمعات", "مجتمع"), ("فالسعودية", "سعود"), ("كالعادة", "عاد"),
    ("ولد", "ولد"),   # a word that starts like a clitic keeps its letters when too short
])
def test_stem_strips_the_model_s_clitics(word: str, expected: str) -> None:
    assert stem(fold(word)) == expected


@pytest.mark.parametrize("text, value", [
    ("وبخمسة ملايين", 5_000_000), ("فللثلاثة", 3), ("وكالعشرة", 10), ("لخمسين", 50),
])
def test_number_words_take_every_proclitic(text: str, value: int) -> None:
    from claimcheck.extraction.numberwords import match_words

    wn = match_words(fold(text), 0)
    assert wn is not None and wn.value == value and wn.start == 0
