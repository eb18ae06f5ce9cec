"""Whose figure it is, in real copy: an entity is named as its table writes it
(not its plural, not a common noun without the article), and a date decades
away from a fact's is another event, not a slip of it.

Cases: ``tests/cases/whose_figure.toml``, checked against ``tests/fixtures/real_copy_traps/``.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import claimcheck
from claimcheck.lang.stemming import stem
from claimcheck.reference.tables import load
from claimcheck.text.normalize import fold

from helpers import assert_verdict, case_params, case_text, load_cases, referenced_ids

HERE = Path(__file__).parent
REFS = load(HERE / "fixtures" / "real_copy_traps")
CASES = load_cases("whose_figure")
#: a sentence about nothing in the tables, to make a line an article's length
FILLER = " وتحدث المسؤول عن خطط العمل أمام الصحفيين."


@pytest.mark.parametrize("case", case_params(CASES))
def test_whose_figure(case: dict) -> None:
    assert_verdict(case, claimcheck.check(case_text(case, FILLER), reference=REFS))


def test_cases_name_existing_facts() -> None:
    assert referenced_ids(CASES) <= {f.id for f in REFS.facts}


@pytest.mark.parametrize("word, named", [
    ("التحالف", True), ("والتحالف", True), ("للتحالف", True), ("بالتحالف", True),
    ("التحالفات", False), ("تحالف", False), ("التحالفين", False),
    ("تونس", True), ("لتونس", True), ("وبتونس", True), ("التونس", True),
    ("لبنان", True), ("للبنان", True), ("السلطنة", True), ("سلطنات", False),
])
def test_alias_first_words_as_the_table_writes_them(word: str, named: bool) -> None:
    assert (fold(word) in REFS.alias_first_forms) is named


@pytest.mark.parametrize("word", [
    "تونسي", "التونسي", "والتونسي", "بالتونسي",
    # the feminine, with and without the article and clitics
    "تونسية", "التونسية", "والتونسية", "مصرية", "المصرية", "بالمصرية",
    # a name that begins with ل: its adjective after the article (ال + لبناني)
    "لبناني", "اللبناني", "لبنانية", "اللبنانية", "واللبنانية",
])
def test_a_nationality_adjective_names_its_country(word: str) -> None:
    assert fold(word) in REFS.alias_first_forms


@pytest.mark.parametrize("word", [
    "البنان",      # fingertips: the article on what the stemmer leaves of لبنان
    "الللبناني",   # no word has three lams
    "التونسيات",   # people (a plural), not the country's adjective
    "المصريين",
])
def test_what_only_looks_like_an_adjective_names_no_country(word: str) -> None:
    assert fold(word) not in REFS.alias_first_forms


@pytest.mark.parametrize("words", [
    ("لبنان", "للبنان", "ولبنان", "لبناني", "اللبناني", "اللبنانية", "واللبنانية"),
    ("تونس", "تونسي", "التونسي", "التونسية", "بالتونسية"),
    ("مصر", "مصري", "المصرية", "للمصرية"),
    ("اقتصادي", "الاقتصادي", "الاقتصادية", "واقتصادية"),
    ("لاجئ", "اللاجئ", "للاجئ", "اللاجئين", "للاجئين"),
])
def test_one_stem_for_a_name_its_adjective_both_genders_and_the_article(words: tuple[str, ...]) -> None:
    assert len({stem(fold(w)) for w in words}) == 1, {w: stem(fold(w)) for w in words}


@pytest.mark.parametrize("word, expected", [
    ("القضية", "قضي"),      # too short for the two-letter ending: one letter
    ("اللغة", "لغه"),        # too short to lose the word's own ل
    ("الليرة", "يره"),
])
def test_short_words_keep_their_letters(word: str, expected: str) -> None:
    assert stem(fold(word)) == expected
