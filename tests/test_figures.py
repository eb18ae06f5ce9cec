"""Each figure of a sentence matched to its own fact (issue 19): clauses,
restatements, figure chains, the nearest entity, entities the tables lack,
multi-word aliases and the articles of an archive kept apart.

Cases: ``tests/cases/figures.toml``, checked against ``tests/fixtures/figures/``.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import claimcheck
from claimcheck.reference.tables import load

HERE = Path(__file__).parent
REFS = load(HERE / "fixtures" / "figures")
CASES = tomllib.loads((HERE / "cases" / "figures.toml").read_text("utf-8"))["case"]
#: a sentence about nothing in the tables, to make a line an article's length
FILLER = " وتحدث المسؤول عن خطط العمل في الفترة المقبلة أمام الصحفيين."


def _text(case: dict) -> str:
    if "lines" in case:
        return "\n".join(line + FILLER * (1 + 1000 // len(FILLER)) for line in case["lines"])
    return case["text"]


PARAMS = [pytest.param(c, id=c["id"],
                       marks=[pytest.mark.xfail(reason=c["xfail"], strict=True)] if "xfail" in c else [])
          for c in CASES]


@pytest.mark.parametrize("case", PARAMS)
def test_figure(case: dict) -> None:
    results = claimcheck.check(_text(case), reference=REFS)
    hits = [r for r in results if r.claim.text == case["claim"]]
    assert len(hits) == 1, [r.claim.text for r in results]
    r = hits[0]
    got = (r.verdict.value, r.reason.value, r.reference_id)
    assert got == (case["verdict"], case["reason"], case.get("reference")), r.explanation


def test_cases_name_existing_facts() -> None:
    ids = {f.id for f in REFS.facts}
    assert {c["reference"] for c in CASES if "reference" in c} <= ids
