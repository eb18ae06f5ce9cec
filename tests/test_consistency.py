"""Arithmetic consistency (SPEC §6): each rule's table of cases, the registry's
meta-test, how findings meet the tables' verdicts, and the command line.

Cases live in ``tests/cases/rules/<rule>.toml`` (sentences written for these
tests): ``positive`` cases name the claim the rule flags and the value the
relation implies; ``negative`` cases must not be flagged by that rule.
"""
from __future__ import annotations

import json
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

import claimcheck
from claimcheck.checking.options import Options
from claimcheck.checking.rules import apply, default_rules, find, registry
from claimcheck.checking.rules.cues import cues, templates
from claimcheck.checking.rules.document import agency, other_reading
from claimcheck.extraction.engine import extract
from claimcheck.model import CheckedClaim, Reason, Verdict

from helpers import invoke

CASES = Path(__file__).parent / "cases" / "rules"
SAMPLE = Path(__file__).parents[1].parent / "shared" / "samples" / "arithmetic_sample.txt"
CONSISTENCY = {Reason.INCONSISTENT_CHANGE, Reason.INCONSISTENT_SHARE, Reason.INCONSISTENT_RATIO,
               Reason.INCONSISTENT_TOTAL, Reason.INCONSISTENT_ELAPSED, Reason.POINTS_NOT_PERCENT,
               Reason.INCONSISTENT_REPEAT}
MINIMUM = 10


def _table(name: str) -> dict:
    return tomllib.loads((CASES / f"{name}.toml").read_text("utf-8"))


def _cases(kind: str) -> list:
    out = []
    for rule in registry():
        for case in _table(rule.name).get(kind, []):
            out.append(pytest.param(rule, case, id=f"{rule.name}-{case['id']}"))
    return out


def _findings(rule, case):
    text = case["text"]
    as_of = date.fromisoformat(case["as_of"]) if "as_of" in case else None
    return find(text, extract(text), rules=[rule.name], as_of=as_of)


@pytest.mark.parametrize("rule, case", _cases("positive"))
def test_positive_case_is_flagged(rule, case):
    found = _findings(rule, case)
    assert [(f.claim.text, f.reason) for f in found] == [(case["flagged"], rule.reason)], \
        [f.explanation for f in found]
    f = found[0]
    want = Decimal(str(case["expected"]))
    assert abs(Decimal(str(f.expected)) - want) <= Decimal("0.05") * max(Decimal(1), abs(want))
    assert f.explanation and "{" not in f.explanation and f.related
    if "related" in case:
        assert [c.text for c in f.related] == case["related"]


@pytest.mark.parametrize("rule, case", _cases("negative"))
def test_negative_case_is_not_flagged(rule, case):
    found = _findings(rule, case)
    assert not found, [(f.claim.text, f.explanation) for f in found]


def test_every_rule_has_its_cases_and_reason():
    rules = registry()
    assert {r.reason for r in rules} == CONSISTENCY
    assert len({r.name for r in rules}) == len(rules)
    for rule in rules:
        table = _table(rule.name)
        ids = [c["id"] for k in ("positive", "negative") for c in table.get(k, [])]
        assert len(ids) == len(set(ids)), f"{rule.name}: duplicate case ids"
        for kind in ("positive", "negative"):
            n = len(table.get(kind, []))
            assert n >= MINIMUM, f"{rule.name} has {n} {kind} cases (at least {MINIMUM})"
        assert rule.summary and rule.__class__.__name__ == "Rule"


def test_cues_and_templates_load():
    for name in ("change", "points", "share", "ratio", "total", "elapsed", "repeat"):
        assert cues(name)
    for lang in ("ar", "en"):
        keys = {"change_percent", "share", "ratio", "total_among", "elapsed_since", "repeat"}
        assert keys <= set(templates(lang))


def test_repeat_is_off_by_default_and_help_says_so():
    from claimcheck.cli import cli

    assert "repeat" not in default_rules()
    assert set(default_rules()) == {r.name for r in registry()} - {"repeat"}
    out = CliRunner().invoke(cli, ["check", "--help"]).output
    assert "repeat" in out and "off by default" in " ".join(out.split())


# --------------------------------------------------------------------------- findings and tables

DRAFT = "ارتفعت الصادرات بنسبة 20% من 100 مليون دولار إلى 150 مليون دولار.\n"


def test_finding_record_carries_related_and_expected():
    results = claimcheck.check(DRAFT, reference="none")
    (flagged,) = [r for r in results if r.verdict is Verdict.CONTRADICTED]
    rec = flagged.to_record()
    assert (rec["text"], rec["reason"], rec["expected"]) == ("20%", "inconsistent_change", 50)
    assert rec["related"] == [{"start": 29, "end": 44, "text": "100 مليون دولار"},
                              {"start": 49, "end": 64, "text": "150 مليون دولار"}]
    assert all(DRAFT[r["start"]:r["end"]] == r["text"] for r in rec["related"])
    assert "50%" in rec["explanation"] and "20%" in rec["explanation"]
    others = [r.to_record() for r in results if r is not flagged]
    assert all(o["related"] == [] and o["expected"] is None for o in others)


def test_no_consistency_option():
    results = claimcheck.check(DRAFT, reference="none", options=Options(rules=()))
    assert not [r for r in results if r.verdict is Verdict.CONTRADICTED]


def test_a_table_that_contradicts_wins(tmp_path):
    (tmp_path / "t.csv").write_text(
        "id,entity,metric,value,unit,period,keywords\n"
        "x1,الصادرات,نمو الصادرات,35,percent,,الصادرات\n", "utf-8")
    text = claimcheck.extract(DRAFT)
    base = [CheckedClaim(c, Verdict.CONTRADICTED if c.text == "20%" else Verdict.UNVERIFIABLE,
                         Reason.VALUE_MISMATCH if c.text == "20%" else Reason.NO_REFERENCE,
                         reference_id="x1" if c.text == "20%" else None) for c in text]
    out = apply(DRAFT, text, base)
    flagged = next(r for r in out if r.claim.text == "20%")
    assert flagged.reason is Reason.VALUE_MISMATCH and flagged.reference_id == "x1"
    assert flagged.related == ()


def test_a_confirmed_claim_keeps_what_the_tables_say():
    text = "ارتفعت الصادرات بنسبة 50% من 100 مليون دولار إلى 150 مليون دولار.\n"
    claims = claimcheck.extract(text)
    base = [CheckedClaim(c, Verdict.SUPPORTED, Reason.EXACT, reference_id="r") for c in claims]
    assert apply(text, claims, base) == base


def test_as_of_and_document_date():
    text = "تأسس التحالف عام 2014، ويحتفل هذا العام بذكراه العاشرة."
    assert not find(text, extract(text))                     # no date: silent
    (f,) = find(text, extract(text), as_of=date(2026, 1, 1))
    assert f.expected == 12 and "2026" in f.explanation
    right = "عمّان، 3 آذار 2024 - " + text                   # the dateline is "now"
    assert not find(right, extract(right))                   # 2024 − 2014: the tenth is right
    wrong = "عمّان، 3 آذار 2026 - " + text
    (f,) = find(wrong, extract(wrong))
    assert f.expected == 12 and [c.text for c in f.related] == ["عام 2014"]


def test_articles_of_an_archive_keep_their_own_dates():
    filler = " وقال المسؤول إن الأعمال مستمرة." * 40
    first = "بيروت، 5 حزيران 2030 - أخبار أخرى." + filler
    second = "تأسس التحالف عام 2014، ويحتفل هذا العام بذكراه العاشرة." + filler
    text = first + "\n" + second + "\n"
    assert not find(text, extract(text))  # 2030 is the first article's date, not the second's


# --------------------------------------------------------------------------- command line

def _run(args):
    return invoke(args)


def test_cli_reference_none_flags_a_wrong_change(tmp_path):
    draft = tmp_path / "article.txt"
    draft.write_text(DRAFT, "utf-8")
    r = _run(["check", str(draft), "--reference", "none", "--format", "jsonl"])
    assert r.exit_code == 1, r.output
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    (bad,) = [x for x in recs if x["verdict"] == "contradicted"]
    assert bad["reason"] == "inconsistent_change"
    assert "من 100 مليون دولار إلى 150 مليون دولار زيادة بنسبة 50%، لا 20%" in bad["explanation"]
    r = _run(["check", str(draft), "--reference", "none", "--no-consistency", "-q"])
    assert r.exit_code == 0


def test_cli_as_of_and_rules(tmp_path):
    draft = tmp_path / "a.txt"
    draft.write_text("تأسس التحالف عام 2014، ويحتفل هذا العام بذكراه العاشرة.\n", "utf-8")
    assert _run(["check", str(draft), "--reference", "none", "-q"]).exit_code == 0
    r = _run(["check", str(draft), "--reference", "none", "-q", "--as-of", "2026", "--format", "jsonl"])
    assert r.exit_code == 1 and "inconsistent_elapsed" in r.stdout
    assert _run(["check", str(draft), "--reference", "none", "--as-of", "2026-13"]).exit_code == 2
    assert _run(["check", str(draft), "--reference", "none", "--consistency-rules", "nope"]).exit_code == 2
    r = _run(["check", str(draft), "--reference", "none", "-q", "--as-of", "2026", "--consistency-rules",
              "change"])
    assert r.exit_code == 0


def test_config_as_of(tmp_path, monkeypatch):
    draft = tmp_path / "a.txt"
    draft.write_text("تأسس التحالف عام 2014، ويحتفل هذا العام بذكراه العاشرة.\n", "utf-8")
    (tmp_path / ".claimcheck.toml").write_text('as_of = "2026-03-01"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    assert _run(["check", "a.txt", "--reference", "none", "-q"]).exit_code == 1
    (tmp_path / ".claimcheck.toml").write_text('as_of = "2026-03-01"\nconsistency = false\n', "utf-8")
    assert _run(["check", "a.txt", "--reference", "none", "-q"]).exit_code == 0


@pytest.mark.skipif(not SAMPLE.is_file(), reason="../shared/samples is not here")
def test_cli_on_the_shared_arithmetic_sample():
    r = _run(["check", str(SAMPLE), "--reference", "none", "--format", "jsonl"])
    assert r.exit_code == 1
    reasons = {json.loads(x)["reason"] for x in r.stdout.splitlines()}
    assert {"inconsistent_change", "inconsistent_share"} <= reasons


@pytest.mark.parametrize("text, read, other, resolution", [
    ("5ر197 مليار جنيه", "197500000000", "5197000000", "1000000"),   # 197.5 / 5.197 billion
    ("6ر24 بالمئة", "24.6", "6.24", "0.01"),
    ("228ر6 مليار دينار", "6228000000", "228600000000", "100000000"),
])
def test_an_agency_decimal_read_the_other_way(text, read, other, resolution):
    """«5ر197» is read as stored (197.5); the other order (5.197) is what a relation built
    on it must also fail before it is flagged."""
    (c,) = [c for c in extract(f"بلغ {text} هذا العام.") if agency(c)]
    assert c.value == Decimal(read)
    o = other_reading(c)
    assert o is not None and o.value == Decimal(other) and Decimal(str(o.resolution)) == Decimal(resolution)


def test_a_figure_without_an_agency_decimal_has_no_other_reading():
    (c,) = extract("بلغ 197.5 مليار جنيه هذا العام.")
    assert not agency(c) and other_reading(c) is None
