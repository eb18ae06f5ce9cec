"""Consistency flags read by hand on the shared news corpus (``tests/cases/rules/corpus.toml``).

The corpus is read from ``../shared`` at run time and nothing of it is kept here;
the tests skip when it is absent, and a case whose line changed is skipped.
"""
from __future__ import annotations

import hashlib
import tomllib
from datetime import date
from pathlib import Path

import pytest

from claimcheck.checking.rules import find
from claimcheck.extraction.engine import extract

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus" / "news.txt"
CASES = tomllib.loads((Path(__file__).parent / "cases" / "rules" / "corpus.toml").read_text("utf-8"))["case"]


@pytest.fixture(scope="module")
def lines() -> list[str]:
    if not CORPUS.is_file():
        pytest.skip("../shared/corpus is not here")
    return CORPUS.read_text("utf-8").split("\n")


def test_cases_are_well_formed():
    for c in CASES:
        assert c["line"] > 0 and len(c["sha"]) == 12 and c["span"][0] < c["span"][1]
        assert c["reason"].startswith(("inconsistent_", "points_")) and c["note"]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['line']}-{c['span'][0]}" for c in CASES])
def test_corpus_case(lines, case):
    line = lines[case["line"] - 1]
    if hashlib.sha1(line.encode()).hexdigest()[:12] != case["sha"]:
        pytest.skip("the corpus line changed")
    as_of = date.fromisoformat(case["as_of"]) if "as_of" in case else None
    rules = case.get("rules")
    found = {(f.claim.start, f.claim.end): str(f.reason)
             for f in find(line, extract(line), rules=rules, as_of=as_of)}
    span = tuple(case["span"])
    if case["real"]:
        assert found.get(span) == case["reason"], case["note"]
    else:
        assert span not in found, case["note"]
