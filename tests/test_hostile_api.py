"""The Python API checks its arguments (issue 17): a TypeError or ValueError that
names the parameter, before any work — never ``[]`` for a wrong argument, nor an
AttributeError from deep inside."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import claimcheck

TEXT = "دربت المملكة المتحدة أكثر من 120 ألف فرد"


@pytest.mark.parametrize(("text", "kind"), [
    (None, "None"), (0, "int"), (b"", "bytes"), (b"5%", "bytes"), (bytearray(b"x"), "bytearray"),
    ([TEXT], "list"), (["a", "b"], "list"), ({"text": TEXT}, "dict"), (5.0, "float"),
], ids=lambda v: repr(v)[:20])
@pytest.mark.parametrize("function", ["extract", "check"])
def test_text_must_be_a_string(function: str, text: object, kind: str) -> None:
    with pytest.raises(TypeError) as e:
        getattr(claimcheck, function)(text)
    message = str(e.value)
    assert message.startswith(f"text must be str, not {kind}"), message
    if kind == "bytes":
        assert "decode" in message


@pytest.mark.parametrize(("options", "error", "name"), [
    ({"lang": "xx"}, ValueError, "lang"),
    ({"lang": None}, TypeError, "lang"),
    ({"approx_tolerance": -0.1}, ValueError, "approx_tolerance"),
    ({"approx_tolerance": "-5%"}, ValueError, "approx_tolerance"),
    ({"approx_tolerance": 1}, ValueError, "approx_tolerance"),
    ({"approx_tolerance": "NaN"}, ValueError, "approx_tolerance"),
    ({"approx_tolerance": float("inf")}, ValueError, "approx_tolerance"),
    ({"approx_tolerance": [0.1]}, TypeError, "approx_tolerance"),
    ({"country": "Iraq"}, ValueError, "country"),
    ({"country": 964}, TypeError, "country"),
    ({"reference": 5}, TypeError, "reference"),
    ({"reference": []}, TypeError, "reference"),
    ({"file": 3}, TypeError, "file"),
], ids=lambda v: repr(v)[:30])
def test_check_options_are_named_when_wrong(options: dict, error: type, name: str) -> None:
    with pytest.raises(error, match=f"^{name} "):
        claimcheck.check(TEXT, **options)


@pytest.mark.parametrize(("options", "error", "name"), [
    ({"country": "XXX"}, ValueError, "country"),
    ({"base_offset": -1}, ValueError, "base_offset"),
    ({"base_offset": "0"}, TypeError, "base_offset"),
    ({"base_line": 0}, ValueError, "base_line"),
    ({"file": b"x.txt"}, TypeError, "file"),
], ids=lambda v: repr(v)[:30])
def test_extract_options_are_named_when_wrong(options: dict, error: type, name: str) -> None:
    with pytest.raises(error, match=f"^{name} "):
        claimcheck.extract(TEXT, **options)


def test_good_arguments_still_work(tmp_path: Path) -> None:
    assert [c.value for c in claimcheck.extract(TEXT, country="iq")] == [Decimal(120000)]
    assert claimcheck.extract("") == []
    results = claimcheck.check(TEXT, lang="en", approx_tolerance="5%")
    assert [r.reference_id for r in results] == ["uk_shader_trained"]
    assert claimcheck.check(TEXT, approx_tolerance=Decimal("0.05"), reference=None)


def test_errors_are_the_builtins_callers_expect() -> None:
    # a caller may catch the built-ins without knowing claimcheck's own errors
    with pytest.raises(ValueError):
        claimcheck.check(TEXT, lang="xx")
    with pytest.raises(TypeError):
        claimcheck.extract(None)  # type: ignore[arg-type]
