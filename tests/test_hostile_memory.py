"""Memory bounded by design on claim-dense text (issue 17).

«ألف ألف ألف …» or «1 1 1 …» hold a claim every two to four characters, and a
line without a break makes one chunk of up to four million characters. The
engine neither lists a chunk's anchors nor its claims: they are streamed from
the digit pattern and the number words to the JSON Lines writer
(:meth:`claimcheck.extraction.engine.Extractor.stream`). These tests fail if a
list of a chunk's claims (or anchors) comes back: memory is measured, not
assumed, at two sizes, and must not grow with the claims.
"""
from __future__ import annotations

import subprocess
import sys
import textwrap
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.extraction import engine
from claimcheck.extraction.anchors import anchors
from claimcheck.extraction.engine import extract, iter_extract, lexicon
from claimcheck.text.normalize import Normalized

ROOT = Path(__file__).resolve().parents[1]


# ------------------------------------------------------------------ the stream is the list


# pieces that start anchors next to each other: signs, dots, number words, breaks
PIECES = ["1", "25", "3.5", "-4", "- 4", ".77", "−2", "10-20", "ألف", "آلاف", "ثلاثة", "مليون",
          "سنتين", "نصف", "و", " ", " ", "\n", "،", "%", "دينار", "عراقي", "دولار", "في عام"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_anchors_stream_in_text_order(pieces: list[str]) -> None:
    """The merged stream of digit and word anchors is exactly the sorted list."""
    got = list(anchors(Normalized.of("".join(pieces)), lexicon()))
    assert got == sorted(got)
    assert len(got) == len(set(got))


def _claims(text: str) -> list[tuple[int, int, str, object, str | None, bool]]:
    return [(c.start, c.end, c.kind.value, c.value, c.unit, c.currency_assumed) for c in extract(text)]


# a bare dinar, then the paragraph names the Iraqi dinar: the bare one is Iraqi too
SETTLED = [
    ("دفع 5 دنانير ثم 7 دنانير، وبلغ الدين 300 دينار عراقي.", ["IQD", "IQD", "IQD"]),
    ("بلغ الدين 300 دينار عراقي، ثم دفع 5 دنانير.", ["IQD", "IQD"]),
    # another paragraph does not settle it (the default is kept and said to be assumed)
    ("دفع 5 دنانير.\nوبلغ الدين 300 دينار عراقي.", [None, "IQD"]),
    # two dinars named in one paragraph: the bare one stays assumed
    ("دفع 5 دنانير، و300 دينار عراقي و200 دينار أردني.", [None, "IQD", "JOD"]),
]


@pytest.mark.parametrize("text, units", SETTLED)
@pytest.mark.parametrize("hold", [1, 2, engine.HOLD])
def test_a_paragraph_settles_its_bare_currency_however_much_it_holds(
        text: str, units: list[str | None], hold: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether the waiting drafts stay in memory or go to a temporary file
    (``HOLD`` small), the claims are the same, in the same order."""
    monkeypatch.setattr(engine, "HOLD", hold)
    money = [c for c in extract(text) if c.kind.value == "money"]
    got = [None if c.currency_assumed else c.unit for c in money]
    assert got == units, [(c.text, c.unit, c.currency_assumed) for c in money]


def test_a_bare_currency_then_a_flood_of_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    """«5 دنانير» then thousands of figures in one paragraph, the Iraqi dinar named
    at its end: every claim comes out once, in order, the first one settled —
    with the waiting drafts spilled to disk (HOLD 64) or not."""
    text = "دفع 5 دنانير " + "و1 " * 3000 + "ثم 300 دينار عراقي.\nدفع 7 دنانير."
    whole = _claims(text)
    monkeypatch.setattr(engine, "HOLD", 64)
    spilled = _claims(text)
    assert spilled == whole
    assert [c[0] for c in whole] == sorted(c[0] for c in whole)
    assert whole[0][4:] == ("IQD", False)
    assert whole[-1][5] is True  # the next paragraph's bare dinar is not settled by it
    assert len(whole) == 3003


# ------------------------------------------------------------------ memory, measured


def _peak_streamed(text: str) -> int:
    """Peak bytes allocated while the claims of ``text`` are taken one at a time
    (the text itself already allocated)."""
    lexicon()
    tracemalloc.start()
    try:
        n = sum(1 for _ in iter_extract(text))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert n > 0
    return peak


@pytest.mark.parametrize("unit", ["1 ", "ألف ", "5 دنانير "])
def test_streamed_claims_take_memory_for_the_text_not_the_claims(unit: str) -> None:
    """Eight times the claims may take more memory for the (normalised) text, not
    for the claims: a list of them costs some 300 bytes a claim (~3 MB here), the
    stream a few bytes of text a claim. «5 دنانير» is a bare currency: the
    paragraph's claims wait for its end, at most ``HOLD`` of them in memory."""
    small, big = unit * 1_500, unit * 12_000
    _peak_streamed(small)  # first use: the lexicon's lazy parts, the country tables
    grow = _peak_streamed(big) - _peak_streamed(small)
    per_claim = grow / 10_500
    assert per_claim < 40, f"{grow / 1e6:.1f} MB more for 10,500 more claims"


MEASURE = textwrap.dedent("""
    import resource, subprocess, sys
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
""")


def _peak_rss_mb(path: Path) -> float:
    """Peak resident memory (MB) of ``claimcheck extract PATH --format jsonl`` on one core."""
    out = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "claimcheck.cli",
                          "extract", str(path), "--format", "jsonl", "--jobs", "1", "--quiet"],
                         capture_output=True, text=True, timeout=600, cwd=ROOT, check=True)
    return int(out.stdout.split()[-1]) / 1024


def test_cli_jsonl_memory_does_not_grow_with_the_claims(tmp_path: Path) -> None:
    """«1 » × 150,000 on one line (one chunk) against × 10,000: with the claims
    listed the big run would take ~60 MB more; streamed it takes a few MB for
    the text. (The full-size figures: ``python benchmarks/hostile.py --dense``.)"""
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_text("1 " * 10_000, encoding="utf-8")
    big.write_text("1 " * 150_000, encoding="utf-8")
    grow = _peak_rss_mb(big) - _peak_rss_mb(small)
    assert grow < 25, f"peak memory grew {grow:.0f} MB for 140,000 more claims"


@pytest.mark.parametrize("order, value", [("fraction-first", 14_500_000), ("integer-first", 5_140_000)])
def test_the_stream_reads_the_agency_decimal_as_asked(order: str, value: int, tmp_path: Path) -> None:
    """``5ر14 مليون``: the JSON Lines stream (claim by claim) reads ر in the order
    asked, like the listed claims (it once ignored --ra-order)."""
    from click.testing import CliRunner

    from claimcheck.cli import cli

    text = "بلغت الصادرات 5ر14 مليون دولار"
    assert [c.value for c in iter_extract(text, ra_order=order)] == \
        [c.value for c in extract(text, ra_order=order)] == [value]
    doc = tmp_path / "a.txt"
    doc.write_text(text, encoding="utf-8")
    r = CliRunner().invoke(cli, ["extract", str(doc), "--format", "jsonl", "--ra-order", order])
    assert r.exit_code == 0, r.output
    assert f'"value": {value},' in r.output
