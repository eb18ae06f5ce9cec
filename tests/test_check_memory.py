"""``check`` in memory bounded by design on claim-dense text (issue 17).

A chunk of «ألف ألف …» or «1 1 …» holds a claim every two to four characters:
some 260,000 claims in a chunk of a million characters, and a checked claim
held costs some 2 KB (its claim, sentence, evidence and explanation). ``check``
takes the engine's claims as they are found and checks them a stretch of at
most :data:`~claimcheck.checking.checker.CONTEXT_CLAIMS` at a time, cut where
a sentence ends; each stretch is written out before the next is checked. These
tests fail if a chunk's claims or checked claims are listed whole again.
"""
from __future__ import annotations

import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import pytest

from claimcheck.checking import checker
from claimcheck.checking.checker import check_claims, iter_check, stretches
from claimcheck.extraction.engine import extract, extract_normalized, iter_extract_normalized
from claimcheck.reference.tables import load
from claimcheck.run.analyses import Checking

from helpers import check_peak_rss_mb

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def refs():  # the bundled tables
    return load(None)


# ------------------------------------------------------------------ where a stretch ends


@dataclass
class _C:
    sentence: str


def _sizes(sentences: list[str], size: int) -> list[int]:
    return [len(s) for s in stretches(iter([_C(s) for s in sentences]), size)]


@pytest.mark.parametrize("sentences, size, sizes", [
    # every claim its own sentence (text without punctuation): cut at the size
    ([f"s{i}" for i in range(23)], 10, [10, 10, 3]),
    # one sentence throughout: cut at the size and a fifth
    (["s"] * 30, 10, [12, 12, 6]),
    # sentences of three claims: the first sentence end after the size
    ([f"s{i // 3}" for i in range(30)], 10, [12, 12, 6]),
    # a sentence end just at the size
    (["a"] * 10 + ["b"] * 5, 10, [10, 5]),
    # a sentence end past a fifth more: the hard cut comes first
    (["a"] * 13 + ["b"] * 2, 10, [12, 3]),
    # no more claims than the size: one stretch; none: none
    (["a", "b", "b"], 10, [3]), ([], 10, []),
])
def test_stretches_end_at_a_sentence_end_or_a_fifth_past_the_size(
        sentences: list[str], size: int, sizes: list[int]) -> None:
    assert _sizes(sentences, size) == sizes
    # nothing lost, nothing repeated, order kept
    items = [_C(s) for s in sentences]
    assert [c for part in stretches(iter(items), size) for c in part] == items


def test_stretches_take_the_claims_lazily() -> None:
    """The first stretch comes before the claims after it are made."""
    made: list[int] = []

    def claims():
        for i in range(100):
            made.append(i)
            yield _C(f"s{i}")

    first = next(stretches(claims(), 10))
    assert len(first) == 10 and len(made) <= 11


# ------------------------------------------------------------------ the same verdicts


ARTICLE = ("اجتمع في واشنطن ممثلو 87 شريكًا في التحالف الدولي ضد داعش. "
           "ومنذ عام 2014 دربت المملكة المتحدة أكثر من 120 ألف عنصر من قوات الأمن عبر عملية شادر. "
           "وقدمت بريطانيا أكثر من 4.3 مليون جنيه إسترليني للأزمة السورية. "
           "وتنتهي مهمة التحالف في العراق خلال 12 شهرًا، بعد نحو 9 أشهر من المفاوضات.\n")


def _verdicts(results) -> list[tuple[int, int, str, str, str | None]]:
    return [(r.claim.start, r.claim.end, r.verdict.value, r.reason.value, r.reference_id)
            for r in results]


@pytest.mark.parametrize("size", [3, 4, 7])
def test_a_text_checked_a_stretch_at_a_time_keeps_each_sentences_verdicts(
        size: int, refs, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sentences that carry their own context get the same verdicts whether the
    text's claims are checked together or a few at a time: what the text says
    (sentences, entities named) is kept from one stretch to the next."""
    text = ARTICLE * 6
    whole = check_claims(text, extract(text), refs)
    assert {r.verdict.value for r in whole} >= {"supported", "contradicted"}
    monkeypatch.setattr(checker, "CONTEXT_CLAIMS", size)
    claims, norm = iter_extract_normalized(text, watch=refs.alias_first_forms)
    streamed = list(iter_check(text, claims, refs, normalized=norm))
    assert _verdicts(streamed) == _verdicts(whole)
    assert [r.explanation for r in streamed] == [r.explanation for r in whole]


def test_the_streamed_claims_are_the_listed_ones(refs) -> None:
    text = ARTICLE * 3
    claims, _ = iter_extract_normalized(text, watch=refs.alias_first_forms)
    assert list(claims) == extract_normalized(text, watch=refs.alias_first_forms)[0]
    assert iter_extract_normalized("")[1] is None


def test_check_claims_orders_what_it_is_given(refs, monkeypatch: pytest.MonkeyPatch) -> None:
    """Claims handed in any order are checked in text order (stretches are cut in it)."""
    text = ARTICLE * 2
    claims = extract(text)
    monkeypatch.setattr(checker, "CONTEXT_CLAIMS", 4)
    assert _verdicts(check_claims(text, claims[::-1], refs)) == _verdicts(check_claims(text, claims, refs))


# ------------------------------------------------------------------ memory, measured


def _peak_checked(analysis: Checking, text: str) -> int:
    """Peak bytes allocated while the checked claims of ``text`` are taken one at a time."""
    tracemalloc.start()
    try:
        n = sum(1 for _ in analysis.iter_run(text, "x"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert n > 0
    return peak


def test_checked_claims_take_memory_for_the_stretch_not_the_text(
        refs, monkeypatch: pytest.MonkeyPatch) -> None:
    """Eight times the claims, stretches of 500: the peak may grow by the text's
    own structures (a few dozen bytes a character), not by the claims. Listed, a
    checked claim costs some 2 KB (~20 MB more here)."""
    monkeypatch.setattr(checker, "CONTEXT_CLAIMS", 500)
    analysis = Checking(refs)
    analysis.warm()
    small, big = "ألف " * 1_200, "ألف " * 9_600
    _peak_checked(analysis, small)  # first use: lazy tables and caches
    grow = _peak_checked(analysis, big) - _peak_checked(analysis, small)
    per_claim = grow / 8_400
    assert per_claim < 300, f"{grow / 1e6:.1f} MB more for 8,400 more claims"




def test_cli_check_jsonl_memory_does_not_grow_with_the_claims(tmp_path: Path) -> None:
    """«1 » × 40,000 on one line (one chunk, four stretches) against × 8,000 (one):
    with the chunk's checked claims listed the big run takes ~80 MB more;
    streamed, a few MB for the text. (Full size: ``python benchmarks/hostile.py --dense``.)"""
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_text("1 " * 8_000, encoding="utf-8")
    big.write_text("1 " * 40_000, encoding="utf-8")
    grow = check_peak_rss_mb(big, "jsonl") - check_peak_rss_mb(small, "jsonl")
    assert grow < 25, f"peak memory grew {grow:.0f} MB for 32,000 more checked claims"
