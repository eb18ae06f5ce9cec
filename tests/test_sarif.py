"""SARIF 2.1.0 structure beyond the schema (tests/test_sarif_schema.py validates
against it): the checks that matter to GitHub code scanning and other consumers: one set
of records with the other formats, suppressions and baselineState, rules with
helpUri and fullDescription, invocations, relative URIs against SRCROOT."""
from __future__ import annotations

import dataclasses
import json
from urllib.parse import urlsplit

from claimcheck.report import render

from golden.sample import checked

LEVELS = {"none", "note", "warning", "error"}
KINDS = {"pass", "fail", "informational", "notApplicable", "open", "review"}
BASELINE = {"new", "unchanged", "updated", "absent"}


def _sarif(**context):
    return json.loads(render(checked()[:-1], "sarif", **context))


def _check_structure(doc: dict) -> None:
    assert doc["version"] == "2.1.0" and doc["$schema"].startswith("https://")
    (run,) = doc["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "claimcheck" and driver["version"]
    ids = [r["id"] for r in driver["rules"]]
    assert len(ids) == len(set(ids))
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        help_uri = urlsplit(rule["helpUri"])
        assert help_uri.scheme == "https" and help_uri.fragment == rule["id"]
        assert rule["defaultConfiguration"]["level"] in LEVELS
    assert run["invocations"][0]["executionSuccessful"] is True
    assert run["columnKind"] == "unicodeCodePoints"
    for res in run["results"]:
        assert ids[res["ruleIndex"]] == res["ruleId"]
        assert res["level"] in LEVELS and res["kind"] in KINDS and res["message"]["text"]
        loc = res["locations"][0]["physicalLocation"]
        uri = loc["artifactLocation"]["uri"]
        assert " " not in uri and "," not in uri and ":" not in uri.split("/")[0] or uri.startswith("file:")
        assert (loc["artifactLocation"].get("uriBaseId") == "SRCROOT" or uri.startswith("file:")
                or uri == "stdin")
        region = loc["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])
        for s in res.get("suppressions", []):
            assert s["kind"] in {"inSource", "external"}
        if "baselineState" in res:
            assert res["baselineState"] in BASELINE


def test_sarif_structure_plain():
    doc = _sarif()
    _check_structure(doc)
    results = doc["runs"][0]["results"]
    assert len(results) == len(checked()) - 1
    assert not any("suppressions" in r or "baselineState" in r for r in results)
    uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "drafts/budget%2C%20v2%3Afinal.md"      # a file name with , space : encoded


def test_sarif_marks_suppressed_and_baselined_like_every_format():
    items = checked()[:-1]
    doc = json.loads(render(items[2:], "sarif", suppressed=items[:1], known=items[1:2]))
    _check_structure(doc)
    results = doc["runs"][0]["results"]
    assert len(results) == len(items)                       # nothing dropped
    by_text = {r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]: r for r in results}
    first, second = items[0].claim.text, items[1].claim.text
    assert by_text[first]["suppressions"] == [{"kind": "inSource", "status": "accepted"}]
    assert by_text[second]["baselineState"] == "unchanged"
    assert {r.get("baselineState") for t, r in by_text.items() if t not in (first, second)} == {"new"}
    records = json.loads(render(items[2:], "json", suppressed=items[:1], known=items[1:2]))
    assert sorted(r.get("suppressed") or "" for r in records) == sorted(
        ["comment", "baseline"] + [""] * (len(items) - 2))   # the same records, marked the same way


def test_sarif_absolute_and_stdin_paths():
    item = checked()[0]
    stdin = dataclasses.replace(item, claim=dataclasses.replace(item.claim, file="-"))
    absolute = dataclasses.replace(item, claim=dataclasses.replace(item.claim, file="/tmp/a b.md"))
    doc = json.loads(render([stdin, absolute], "sarif"))
    _check_structure(doc)
    uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                  for r in doc["runs"][0]["results"])
    assert uris == ["file:///tmp/a%20b.md", "stdin"]
