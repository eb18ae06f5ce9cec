"""Verdicts read by hand on the shared news corpus (``tests/cases/verdicts_corpus.toml``).

A seeded sample of the contradictions (and supports) of runs such as

    claimcheck check ../shared/corpus/news.txt --reference tests/fixtures/precision_stress \\
        --as-of 2013-06-30 --format jsonl -o run.jsonl

over either stress table (``precision_stress``, ``precision_stress2``;
``python scripts/verdict_sample.py run.jsonl [--verdict supported]``), each judged:
``real = true`` when the copy states the fact's own metric for the fact's own
entity (and, for a contradiction, the figure disagrees with the table),
``real = false`` when it does not (another measure, another body, a part of the
whole, a forecast…). A case's ``verdict`` is ``contradicted`` unless it says
``supported``. A real one must keep its verdict against its fact; a false one
must not come back — a false contradiction is no contradiction by that fact
for any reason, a false support no support by it. A false one still given is
kept with ``xfail``: it fails the run the day it is fixed, to be turned into a guard.

The corpus is read from ``../shared`` at run time and nothing of it is kept
here; the tests skip when it is absent, and a case whose line changed is skipped.
"""
from __future__ import annotations

import hashlib
import tomllib
from datetime import date
from pathlib import Path

import pytest

import claimcheck
from claimcheck.checking.options import Options
from claimcheck.reference.tables import load

HERE = Path(__file__).parent
CORPUS = HERE.parents[0].parent / "shared" / "corpus" / "news.txt"
CASES = tomllib.loads((HERE / "cases" / "verdicts_corpus.toml").read_text("utf-8"))["case"]


@pytest.fixture(scope="module")
def lines() -> list[str]:
    if not CORPUS.is_file():
        pytest.skip("../shared/corpus is not here")
    return CORPUS.read_text("utf-8").split("\n")


def test_cases_are_well_formed() -> None:
    for c in CASES:
        assert c["line"] > 0 and len(c["sha"]) == 12 and c["span"][0] < c["span"][1]
        assert isinstance(c["real"], bool) and c["note"] and (HERE / "fixtures" / c["tables"]).is_dir()
        assert c.get("verdict", "contradicted") in ("contradicted", "supported")


def _params() -> list:
    return [pytest.param(c, id=f"{c['tables']}-{c.get('verdict', 'contradicted')}-{c['line']}-{c['span'][0]}",
                         marks=[pytest.mark.xfail(reason=c["xfail"], strict=True)] if "xfail" in c else [])
            for c in CASES]


@pytest.mark.parametrize("case", _params())
def test_corpus_verdict(lines: list[str], case: dict) -> None:
    line = lines[case["line"] - 1]
    if hashlib.sha1(line.encode()).hexdigest()[:12] != case["sha"]:
        pytest.skip("the corpus line changed")
    opts = Options(as_of=date.fromisoformat(case["as_of"]))
    refs = load(HERE / "fixtures" / case["tables"])
    a, b = case["span"]
    got = [r for r in claimcheck.check(line, reference=refs, options=opts)
           if (r.claim.start, r.claim.end) == (a, b)]
    verdict = case.get("verdict", "contradicted")
    given = [r for r in got if r.verdict.value == verdict and r.reference_id == case.get("reference")]
    if case["real"]:
        # a real contradiction keeps its reason; a real support may hold for another
        # reason (within the tolerance, within a bound…)
        assert [r for r in given if verdict == "supported" or r.reason.value == case["reason"]], case["note"]
    else:
        assert not given, case["note"]
