"""Golden files for every report format, built from hand-made claims.

Regenerate after an intended format change with ``pytest --regen-golden`` and
review the diff of ``tests/golden/``; never edit the files by hand.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from claimcheck.report import FORMATS, render

from golden.sample import DOCUMENTS, checked, claims

GOLDEN = Path(__file__).parent / "golden"
SUFFIX = {"table": "table.txt", "markdown": "md", "github": "github.txt"}


def _golden_name(kind: str, fmt: str) -> Path:
    return GOLDEN / f"{kind}.{SUFFIX.get(fmt, fmt)}"


def _render(kind: str, fmt: str) -> bytes:
    items = checked() if kind == "check" else claims()
    suppressed = items[-1:]  # the notes.txt claim, as if behind a disable comment
    return render(items[:-1], fmt, checked=kind == "check", documents=DOCUMENTS,
                  suppressed=suppressed, baselined=2)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", ["check", "extract"])
def test_golden(kind: str, fmt: str, regen_golden: bool) -> None:
    path = _golden_name(kind, fmt)
    data = _render(kind, fmt)
    if regen_golden:
        path.write_bytes(data)
        pytest.skip(f"rewrote {path.name}")
    assert path.exists(), f"missing {path}; run pytest --regen-golden"
    assert data == path.read_bytes(), f"{path.name} differs; if intended, run pytest --regen-golden"


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "table"])
def test_byte_identical_across_runs(fmt: str) -> None:
    assert _render("check", fmt) == _render("check", fmt)
