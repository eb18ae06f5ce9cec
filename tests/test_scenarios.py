"""End-to-end scenarios: a draft, its reference tables, the expected verdict per claim.

Each folder ``tests/scenarios/<name>/`` holds ``draft.txt``, one or more ``*.csv``
reference tables and ``expected.toml`` (reviewed by hand). The real extractor runs,
so a failure names the claim and shows the explanation. Together the scenarios
cover every reason code of SPEC §3 (checked by the last test).
"""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import claimcheck
from claimcheck.checking.options import Options
from claimcheck.model import Reason

ROOT = Path(__file__).parent / "scenarios"
SCENARIOS = sorted(p for p in ROOT.iterdir() if (p / "expected.toml").is_file())


def expected(folder: Path) -> list[dict[str, str]]:
    return tomllib.loads((folder / "expected.toml").read_text("utf-8"))["claim"]


@pytest.mark.parametrize("folder", SCENARIOS, ids=[p.name for p in SCENARIOS])
def test_scenario(folder):
    text = (folder / "draft.txt").read_text("utf-8")
    rules = tomllib.loads((folder / "expected.toml").read_text("utf-8")).get("rules")
    options = Options(rules=tuple(rules)) if rules is not None else None  # SPEC §6 rules
    results = claimcheck.check(text, reference=folder, options=options)
    want = expected(folder)
    pool = list(results)
    problems = []
    for w in want:
        hit = next((r for r in pool if r.claim.text == w["text"]), None)
        if hit is None:
            problems.append(f"claim not found: {w['text']!r}")
            continue
        pool.remove(hit)
        got = (hit.verdict.value, hit.reason.value, hit.reference_id)
        exp = (w["verdict"], w["reason"], w.get("reference"))
        if got != exp:
            problems.append(f"{w['text']!r}: expected {exp}, got {got} — {hit.explanation}")
    for r in pool:  # claims the expectations do not list: never a false alarm
        if r.verdict.value == "contradicted":
            problems.append(f"unexpected contradiction: {r.claim.text!r} — {r.explanation}")
    assert not problems, "\n".join(problems)


def test_scenarios_cover_every_reason():
    seen = {w["reason"] for folder in SCENARIOS for w in expected(folder)}
    assert seen >= {r.value for r in Reason}, sorted({r.value for r in Reason} - seen)


def test_demo_articles():
    """The shipped article is never contradicted; the draft with mistakes shows all verdicts."""
    examples = Path(__file__).parents[1] / "examples"
    seed = claimcheck.check((examples / "seed_article.txt").read_text("utf-8"))
    assert not [r for r in seed if r.verdict.value == "contradicted"]
    assert sum(r.verdict.value == "supported" for r in seed) >= 5
    draft = claimcheck.check((examples / "draft_with_errors.txt").read_text("utf-8"))
    assert {r.verdict.value for r in draft} == {"supported", "contradicted", "unverifiable"}
