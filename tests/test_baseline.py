"""Baseline fingerprints: stable under moves and spelling noise, sensitive to content."""
from __future__ import annotations

import dataclasses
import json

import pytest

from claimcheck.run.baseline import Baseline, BaselineError, dump, fingerprint

from golden.sample import checked


def test_fingerprint_ignores_position_and_spelling_noise():
    c = checked()[0].claim
    moved = dataclasses.replace(c, line=c.line + 10, column=1, start=c.start + 500, end=c.end + 500)
    assert fingerprint(moved) == fingerprint(c)
    noisy = dataclasses.replace(moved, sentence="  " + c.sentence.replace(" ", "   "))
    assert fingerprint(noisy) == fingerprint(c)


@pytest.mark.parametrize("change", [
    {"file": "other.md"}, {"sentence": "جملة أخرى"},
])
def test_fingerprint_changes_with_content(change):
    c = checked()[0].claim
    assert fingerprint(dataclasses.replace(c, **change)) != fingerprint(c)


def test_dump_records_findings_only_and_filter_hides_them(tmp_path):
    items = checked()
    data = dump(items)
    doc = json.loads(data)
    assert doc["version"] == 1
    assert len(doc["findings"]) == 4  # supported claims are not findings
    path = tmp_path / "b.json"
    path.write_bytes(data)
    new, hidden = Baseline.load(path).filter(items)
    assert hidden == 4
    assert all(i.verdict.value == "supported" for i in new)
    assert dump(items) == data  # deterministic


def test_repeated_sentence_counts(tmp_path):
    item = checked()[0]
    path = tmp_path / "b.json"
    path.write_bytes(dump([item]))
    new, hidden = Baseline.load(path).filter([item, item])
    assert hidden == 1 and len(new) == 1


@pytest.mark.parametrize("content", ["", "{", "[]", '{"version": 9, "findings": []}',
                                     '{"version": 1, "findings": [{}]}'])
def test_bad_baseline(tmp_path, content):
    path = tmp_path / "b.json"
    path.write_text(content)
    with pytest.raises(BaselineError):
        Baseline.load(path)
    with pytest.raises(BaselineError):
        Baseline.load(tmp_path / "missing.json")
