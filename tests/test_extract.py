"""Table-driven extraction cases: tests/cases/extract_*.toml (see the header of each file)."""
from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

import claimcheck

CASES_DIR = Path(__file__).parent / "cases"


def _load(pattern: str) -> list[dict]:
    cases = []
    for path in sorted(CASES_DIR.glob(pattern)):
        for case in tomllib.loads(path.read_text("utf-8"))["case"]:
            case["_file"] = path.name
            cases.append(case)
    return cases


CASES = _load("extract_*.toml")


def test_case_ids_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))


def _as_expected(claim: claimcheck.Claim, want: dict) -> dict:
    got = {}
    for key, expected in want.items():
        value = getattr(claim, key)
        if isinstance(value, Decimal):
            got[key] = value == Decimal(expected) and expected or str(value)
        elif hasattr(value, "value") and not isinstance(value, Decimal):
            got[key] = value.value
        else:
            got[key] = value
    return got


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case: dict) -> None:
    text = case["text"]
    claims = claimcheck.extract(text)
    summary = [(c.text, c.kind.value, c.value, c.unit, c.qualifier.value) for c in claims]
    assert len(claims) == len(case["claims"]), f"{case['_file']}: got {summary}"
    for claim, want in zip(claims, case["claims"], strict=True):
        assert text[claim.start:claim.end] == claim.text
        assert _as_expected(claim, want) == want, f"got {summary}"


def test_claim_fields_are_declared_once_in_record_order() -> None:
    # the dataclass declares the record's order (SPEC §1); the engine builds claims by
    # keyword and the worker tuples, pickling and columns derive from the dataclass
    from dataclasses import fields

    from claimcheck.model import CLAIM_FIELDS, CLAIM_RECORD, Claim

    assert [f.name for f in fields(Claim)] == list(CLAIM_FIELDS) == [
        "file", "line", "column", "start", "end", "text", "kind", "value", "low", "high", "unit",
        "qualifier", "subject", "calendar", "currency_assumed", "sentence", "resolution", "doc_id"]
    assert CLAIM_RECORD == CLAIM_FIELDS[:-2]  # resolution is internal; doc_id follows file


