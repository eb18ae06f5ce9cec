"""Each figure to its own fact: the size of a change is not the level, so many
*of* a group is a part of it, a sector's or a region's figure is not the
country's, the copy's turn to another country takes the figures after it, a
target is no year's figure, a scale slip is not read through a table's
tolerance, and a chained figure counts what its own noun names.

Cases: ``tests/cases/own_fact.toml``, checked against ``tests/fixtures/precision_stress2/``
(real facts, each with its source); each trap beside the sentence where the
same words are the fact's own figure.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import claimcheck
from claimcheck.reference.tables import load

from helpers import assert_verdict, case_params, load_cases, referenced_ids

HERE = Path(__file__).parent
REFS = load(HERE / "fixtures" / "precision_stress2")
CASES = load_cases("own_fact")


@pytest.mark.parametrize("case", case_params(CASES))
def test_own_fact(case: dict) -> None:
    assert_verdict(case, claimcheck.check(case["text"], reference=REFS))


def test_cases_name_existing_facts() -> None:
    assert referenced_ids(CASES) <= {f.id for f in REFS.facts}


def test_negatives_have_a_trap_beside_them() -> None:
    traps = sum(c["id"].startswith("trap-") for c in CASES)
    assert traps >= len(CASES) - traps - 2
