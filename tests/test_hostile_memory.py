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
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.extraction import engine
from claimcheck.extraction.anchors import anchors
from claimcheck.extraction.engine import extract, iter_extract, lexicon
from claimcheck.extraction.scan import Draft
from claimcheck.model import Kind
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


def _draft(start: int, unit: str | None, assumed: bool, noun: str | None = "دينار") -> Draft:
    return Draft(start, start + 1, Kind.MONEY, D(1), unit=unit, currency_assumed=assumed, cur_noun=noun)


def _settle(text: str, drafts: list[Draft]) -> list[tuple[int, str | None, bool]]:
    return [(d.start, d.unit, d.currency_assumed) for d in engine._settled(text, iter(drafts))]


# paragraphs at 0-9, 11-20, 22-31 (newlines at 10 and 21)
PARAGRAPHS = "aaaaaaaaaa\nbbbbbbbbbb\ncccccccccc"


@pytest.mark.parametrize("hold", [1, 2, 3, engine.HOLD])
@pytest.mark.parametrize("drafts, settled", [
    # a bare dinar, then the paragraph names the Iraqi dinar: the bare one is Iraqi too
    ([_draft(1, "KWD", True), _draft(5, "IQD", False)], [(1, "IQD", False), (5, "IQD", False)]),
    # … or names it first
    ([_draft(1, "IQD", False), _draft(5, "KWD", True)], [(1, "IQD", False), (5, "IQD", False)]),
    # another paragraph does not settle it (the default kept, still said to be assumed)
    ([_draft(1, "KWD", True), _draft(12, "IQD", False)], [(1, "KWD", True), (12, "IQD", False)]),
    ([_draft(1, "IQD", False), _draft(12, "KWD", True)], [(1, "IQD", False), (12, "KWD", True)]),
    # a claim that starts on the newline belongs to the next paragraph
    ([_draft(1, "KWD", True), _draft(10, "IQD", False)], [(1, "KWD", True), (10, "IQD", False)]),
    # two dinars named: the bare one stays as it was
    ([_draft(1, "KWD", True), _draft(3, "IQD", False), _draft(5, "JOD", False)],
     [(1, "KWD", True), (3, "IQD", False), (5, "JOD", False)]),
    # another noun's currency does not settle a dinar; a bare noun does not name one
    ([_draft(1, "KWD", True), _draft(3, "SAR", False, "ريال")], [(1, "KWD", True), (3, "SAR", False)]),
    ([_draft(1, "KWD", True), _draft(3, "BHD", True)], [(1, "KWD", True), (3, "BHD", True)]),
    # every paragraph its own, in order, with claims between the bare and the named one
    ([_draft(1, "KWD", True), _draft(2, None, False, None), _draft(3, "IQD", False),
      _draft(12, "KWD", True), _draft(14, None, False, None), _draft(15, "JOD", False),
      _draft(23, "KWD", True), _draft(25, "KWD", True)],
     [(1, "IQD", False), (2, None, False), (3, "IQD", False),
      (12, "JOD", False), (14, None, False), (15, "JOD", False),
      (23, "KWD", True), (25, "KWD", True)]),
])
def test_a_paragraph_settles_its_bare_currency_however_much_it_holds(
        drafts: list[Draft], settled: list[tuple[int, str | None, bool]], hold: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether the waiting drafts stay in memory or go to a temporary file
    (``HOLD`` small), the drafts come out once each, in order, settled alike."""
    monkeypatch.setattr(engine, "HOLD", hold)
    assert _settle(PARAGRAPHS, drafts) == settled


def test_drafts_before_a_bare_currency_are_not_held() -> None:
    """The stream gives a draft as soon as nothing before it in its paragraph waits."""
    drafts = [_draft(1, None, False, None), _draft(2, None, False, None), _draft(3, "KWD", True)]
    out = engine._settled(PARAGRAPHS, iter(drafts))
    assert next(out) is drafts[0] and next(out) is drafts[1]


def _claims(text: str) -> list[tuple[int, int, str, object, str | None, bool]]:
    return [(c.start, c.end, c.kind.value, c.value, c.unit, c.currency_assumed) for c in extract(text)]


@pytest.mark.parametrize("text", [
    "دفع 5 دنانير " + "و1 " * 3000 + "ثم 300 دينار عراقي.\nدفع 7 دنانير.",
    "تبرع بـ 5 ريالات و" + "2 " * 2000 + "ريال قطري.\nوبلغ 4 ريالات.\n" * 3,
])
def test_a_bare_currency_then_a_flood_of_figures(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bare currency then thousands of figures in one paragraph: every claim comes
    out once, in order, the same whether the waiting drafts spill to disk (HOLD 64)
    or not."""
    whole = _claims(text)
    monkeypatch.setattr(engine, "HOLD", 64)
    assert _claims(text) == whole
    assert [c[0] for c in whole] == sorted(c[0] for c in whole)
    assert len(whole) > 2000


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
