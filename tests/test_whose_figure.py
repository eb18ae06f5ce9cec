"""Whose figure it is, in real copy: an entity is named as its table writes it
(not its plural, not a common noun without the article), and a date decades
away from a fact's is another event, not a slip of it.

Cases: ``tests/cases/whose_figure.toml``, checked against ``tests/fixtures/real_copy_traps/``.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import claimcheck
from claimcheck.reference.tables import load
from claimcheck.text.normalize import fold

HERE = Path(__file__).parent
REFS = load(HERE / "fixtures" / "real_copy_traps")
CASES = tomllib.loads((HERE / "cases" / "whose_figure.toml").read_text("utf-8"))["case"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_whose_figure(case: dict) -> None:
    results = claimcheck.check(case["text"], reference=REFS)
    hits = [r for r in results if r.claim.text == case["claim"]]
    assert len(hits) == 1, [r.claim.text for r in results]
    r = hits[0]
    got = (r.verdict.value, r.reason.value, r.reference_id)
    assert got == (case["verdict"], case["reason"], case.get("reference")), r.explanation


def test_cases_name_existing_facts() -> None:
    ids = {f.id for f in REFS.facts}
    assert {c["reference"] for c in CASES if "reference" in c} <= ids


@pytest.mark.parametrize("word, named", [
    ("التحالف", True), ("والتحالف", True), ("للتحالف", True), ("بالتحالف", True),
    ("التحالفات", False), ("تحالف", False), ("التحالفين", False),
    ("تونس", True), ("لتونس", True), ("وبتونس", True), ("التونس", True),
    ("لبنان", True), ("للبنان", True), ("السلطنة", True), ("سلطنات", False),
])
def test_alias_first_words_as_the_table_writes_them(word: str, named: bool) -> None:
    assert (fold(word) in REFS.alias_first_forms) is named


@pytest.mark.parametrize("word", ["تونسي", "التونسي", "والتونسي", "بالتونسي"])
def test_a_nationality_adjective_names_its_country(word: str) -> None:
    assert fold(word) in REFS.alias_first_forms
