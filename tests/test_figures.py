"""Each figure of a sentence matched to its own fact (issue 19): clauses,
restatements, figure chains, the nearest entity, entities the tables lack,
multi-word aliases and the articles of an archive kept apart.

Cases: ``tests/cases/figures.toml``, checked against ``tests/fixtures/figures/``.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import claimcheck
from claimcheck.reference.tables import load

from helpers import assert_verdict, case_params, case_text, load_cases, referenced_ids

HERE = Path(__file__).parent
REFS = load(HERE / "fixtures" / "figures")
CASES = load_cases("figures")
#: a sentence about nothing in the tables, to make a line an article's length
FILLER = " وتحدث المسؤول عن خطط العمل في الفترة المقبلة أمام الصحفيين."


@pytest.mark.parametrize("case", case_params(CASES))
def test_figure(case: dict) -> None:
    assert_verdict(case, claimcheck.check(case_text(case, FILLER), reference=REFS))


def test_cases_name_existing_facts() -> None:
    assert referenced_ids(CASES) <= {f.id for f in REFS.facts}
