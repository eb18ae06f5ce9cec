"""The real-copy gold sets (tests/gold/real_copy.toml, the held-out
tests/gold/heldout.toml and the ranges-and-negatives tuning sets
tests/gold/tune_ranges_negatives.toml and tune2_ranges_negatives.toml, the random
tests/gold/tune3_random.toml and the searched tests/gold/tune4_real_copy.toml and
tests/gold/tune5_real_copy.toml) are well formed.

Each file itself (no corpus needed): every field is in SPEC §1's vocabulary,
values parse, offsets are ordered and nested (claims inside their sentence, no
two claims overlapping), and no corpus text is stored. With ../shared present:
every line still hashes as recorded and every span holds what its kind needs
(a digit or a letter; a negative holds a digit). The scorer runs on it.
"""
from __future__ import annotations

import importlib.util
import itertools
import re
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("eval_gold", ROOT / "scripts" / "eval_gold.py")
assert _spec and _spec.loader
eval_gold = importlib.util.module_from_spec(_spec)
sys.modules["eval_gold"] = eval_gold  # dataclasses look their module up while being built
_spec.loader.exec_module(eval_gold)
_spec2 = importlib.util.spec_from_file_location("sample_heldout", ROOT / "scripts" / "sample_heldout.py")
assert _spec2 and _spec2.loader
sample_heldout = importlib.util.module_from_spec(_spec2)
_spec2.loader.exec_module(sample_heldout)
_spec3 = importlib.util.spec_from_file_location("sample_tune", ROOT / "scripts" / "sample_tune.py")
assert _spec3 and _spec3.loader
sample_tune = importlib.util.module_from_spec(_spec3)
_spec3.loader.exec_module(sample_tune)

GOLD = eval_gold.load_gold()
HELDOUT = eval_gold.load_gold(eval_gold.HELDOUT)
TUNE = eval_gold.load_gold(eval_gold.TUNE)
TUNE2 = eval_gold.load_gold(eval_gold.TUNE2)
TUNE3 = eval_gold.load_gold(eval_gold.TUNE3)
TUNE4 = eval_gold.load_gold(eval_gold.TUNE4)
TUNE5 = eval_gold.load_gold(eval_gold.TUNE5)
#: Every set, each sentence tagged with its file, for the checks they share.
BOTH = ([("real_copy", i) for i in GOLD] + [("heldout", i) for i in HELDOUT]
        + [("tune", i) for i in TUNE] + [("tune2", i) for i in TUNE2] + [("tune3", i) for i in TUNE3]
        + [("tune4", i) for i in TUNE4] + [("tune5", i) for i in TUNE5])
FILES = {"real_copy": eval_gold.GOLD, "heldout": eval_gold.HELDOUT, "tune": eval_gold.TUNE,
         "tune2": eval_gold.TUNE2, "tune3": eval_gold.TUNE3, "tune4": eval_gold.TUNE4,
         "tune5": eval_gold.TUNE5}
SETS = [GOLD, HELDOUT, TUNE, TUNE2, TUNE3, TUNE4, TUNE5]
SET_IDS = ["real_copy", "heldout", "tune", "tune2", "tune3", "tune4", "tune5"]
CORPUS = eval_gold.DEFAULT_CORPUS

SENTENCE_KEYS = {"line", "sha", "start", "end", "source", "category", "claims", "negatives"}
#: The held-out set also says how each sentence was drawn.
SAMPLE = re.compile(r"random \(rank [1-9][0-9]*\)|search: [A-Za-z][A-Za-z0-9 ,/-]*")
CLAIM_KEYS = {"start", "end", "kind", "value", "low", "high", "unit", "qualifier", "calendar",
              "currency_assumed", "note"}
NEGATIVE_KEYS = {"start", "end", "note"}
ISO_DATE = re.compile(r"(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}(-\d{2})?)")
ISO_4217 = re.compile(r"[A-Z]{3}")


def _ids(items: list[dict[str, Any]]) -> list[str]:
    return [f"L{i['line']}@{i['start']}" for i in items]


def _both_ids(items: list[tuple[str, dict[str, Any]]]) -> list[str]:
    return [f"{name}:L{i['line']}@{i['start']}" for name, i in items]


def _unit_ok(kind: str, unit: str | None) -> bool:
    if kind == "money":
        return unit is not None and bool(ISO_4217.fullmatch(unit))
    if kind == "percent":
        return unit in ("percent", "percentage_point")
    if kind in ("quantity", "duration"):
        if unit is None:
            return False
        # pint names, with the project's own definitions
        from claimcheck.units import registry

        try:
            registry().parse_units(unit)
        except Exception:  # pint raises several types for an unknown name
            return False
        return True
    return unit is None


def _number_ok(kind: str, v: str) -> bool:
    if kind == "date":
        return bool(ISO_DATE.fullmatch(v))
    try:
        Decimal(v)
    except InvalidOperation:
        return False
    return True


def test_gold_set_size_and_spread() -> None:
    # floors at the set's current size, so that a bad edit cannot drop half of it
    assert len(GOLD) >= 365
    sources = {i["source"] for i in GOLD}
    assert len(sources) >= 30, sources
    assert sum(len(i["claims"]) for i in GOLD) >= 740
    assert sum(len(i.get("negatives", [])) for i in GOLD) >= 110


def test_heldout_set_size_and_spread() -> None:
    # floors at the held-out set's current size; its sentences come from every stratum
    assert len(HELDOUT) >= 210
    assert len({i["source"] for i in HELDOUT}) == 33
    assert sum(len(i["claims"]) for i in HELDOUT) >= 330
    assert sum(len(i.get("negatives", [])) for i in HELDOUT) >= 75
    assert sum(i["sample"].startswith("random") for i in HELDOUT) >= 180
    assert sum(i["sample"].startswith("search") for i in HELDOUT) >= 25


def test_heldout_shares_no_line_with_the_tuned_set() -> None:
    """Held out means no article of it was in front of anyone tuning on real_copy.toml."""
    assert {i["line"] for i in HELDOUT}.isdisjoint({i["line"] for i in GOLD})


def test_tune_set_size_and_spread() -> None:
    # ~80 sentences with a range and ~80 with digits that are not claims
    assert len(TUNE) >= 150
    assert sum(i["sample"].startswith("search: range") for i in TUNE) >= 75
    assert sum(i["sample"].startswith("search: neg") for i in TUNE) >= 75
    ranges = [c for i in TUNE for c in i["claims"] if "low" in c]
    assert len(ranges) >= 70
    assert sum(len(i.get("negatives", [])) for i in TUNE) >= 110


def test_tune_set_shares_no_line_with_the_other_sets() -> None:
    """Tuning on it must not read a held-out article (nor double real_copy.toml)."""
    tune = {i["line"] for i in TUNE}
    assert tune.isdisjoint({i["line"] for i in HELDOUT})
    assert tune.isdisjoint({i["line"] for i in GOLD})


def test_tune2_set_size_and_spread() -> None:
    # round 2: ~45 sentences with a range of some shape, ~45 with numbers that are not claims
    assert len(TUNE2) >= 90
    assert sum(i["sample"].startswith("search: r2 ") for i in TUNE2) >= 44
    assert sum(i["sample"].startswith("search: n2 ") for i in TUNE2) >= 40
    ranges = [c for i in TUNE2 for c in i["claims"] if "low" in c]
    assert len(ranges) >= 35
    assert sum(len(i.get("negatives", [])) for i in TUNE2) >= 55
    assert sum(len(i["claims"]) for i in TUNE2) >= 125


def test_tune2_set_shares_no_line_with_the_other_sets() -> None:
    tune2 = {i["line"] for i in TUNE2}
    for other in (GOLD, HELDOUT, TUNE):
        assert tune2.isdisjoint({i["line"] for i in other})


def test_tune3_set_is_random_and_apart() -> None:
    # two sentences per source (ranks 1 and 2), sentences with no claim kept, no line of another set
    assert len(TUNE3) >= 58 and {i["sample"] for i in TUNE3} == {"random (rank 1)", "random (rank 2)"}
    assert len({(i["source"], i["sample"]) for i in TUNE3}) == len(TUNE3)
    assert sum(not i["claims"] for i in TUNE3) >= 8
    for other in (GOLD, HELDOUT, TUNE, TUNE2):
        assert {i["line"] for i in TUNE3}.isdisjoint({i["line"] for i in other})


def test_tune4_set_spread_and_apart() -> None:
    # round 4: every search of SEARCHES_4 is represented; dense sentences hold three or more
    # claims; the non-claim searches carry negatives; no line of another set
    names = {name for name, _, _ in sample_tune.SEARCHES_4}
    assert {i["sample"].removeprefix("search: ") for i in TUNE4} == names
    dense = [i for i in TUNE4 if i["sample"].startswith("search: r4 dense")]
    assert len(dense) >= 12 and sum(len(i["claims"]) >= 3 for i in dense) >= 10
    assert sum(len(i.get("negatives", [])) for i in TUNE4) >= 30
    assert sum(len(i["claims"]) for i in TUNE4) >= 100
    for other in (GOLD, HELDOUT, TUNE, TUNE2, TUNE3):
        assert {i["line"] for i in TUNE4}.isdisjoint({i["line"] for i in other})


def test_tune5_set_spread_and_apart() -> None:
    # round 5: every search of SEARCHES_5 is represented but for sentences left out; a
    # third of the sentences come from the non-claim searches; no source more than
    # PER_SOURCE_5 times, at least 25 sources; no line of another set
    names = {name for name, _, _ in sample_tune.SEARCHES_5}
    assert {i["sample"].removeprefix("search: ") for i in TUNE5} == names
    negs = [i for i in TUNE5 if i["sample"].startswith("search: n5 ")]
    assert len(TUNE5) >= 55 and len(negs) >= 0.3 * len(TUNE5)
    assert sum(len(i.get("negatives", [])) for i in TUNE5) >= 30
    assert sum(len(i["claims"]) for i in TUNE5) >= 80
    sources = [i["source"] for i in TUNE5]
    assert len(set(sources)) >= 25 and max(map(sources.count, sources)) <= sample_tune.PER_SOURCE_5
    for other in (GOLD, HELDOUT, TUNE, TUNE2, TUNE3, TUNE4):
        assert {i["line"] for i in TUNE5}.isdisjoint({i["line"] for i in other})


def test_heldout_says_how_each_sentence_was_drawn() -> None:
    bad = [(i["line"], i.get("sample")) for i in HELDOUT
           if not SAMPLE.fullmatch(i.get("sample", ""))]
    assert bad == []
    # one sentence per article in the random sample (sample_heldout.py draws so)
    random_lines = [i["line"] for i in HELDOUT if i["sample"].startswith("random")]
    assert len(random_lines) == len(set(random_lines))


@pytest.mark.parametrize("items", SETS, ids=SET_IDS)
def test_no_two_entries_for_one_sentence(items: list[dict[str, Any]]) -> None:
    keys = [(i["line"], i["start"]) for i in items]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(("name", "item"), BOTH, ids=_both_ids(BOTH))
def test_sentence_is_well_formed(name: str, item: dict[str, Any]) -> None:
    keys = SENTENCE_KEYS | ({"sample"} if name != "real_copy" else set())
    assert set(item) <= keys, set(item) - keys
    assert item["line"] >= 1 and re.fullmatch(r"[0-9a-f]{16}", item["sha"])
    assert 0 <= item["start"] < item["end"]
    spans = []
    for c in item["claims"]:
        assert set(c) <= CLAIM_KEYS, set(c) - CLAIM_KEYS
        assert item["start"] <= c["start"] < c["end"] <= item["end"]
        assert c["kind"] in eval_gold.KINDS
        assert c["qualifier"] in eval_gold.QUALIFIERS
        assert ("value" in c) != ("low" in c or "high" in c), "a value, or bounds"
        assert ("low" in c) == ("high" in c)
        for f in ("value", "low", "high"):
            if f in c:
                assert isinstance(c[f], str) and _number_ok(c["kind"], c[f]), (f, c[f])
        if "low" in c and c["kind"] != "date":
            assert Decimal(c["low"]) < Decimal(c["high"])
        assert _unit_ok(c["kind"], c.get("unit")), (c["kind"], c.get("unit"))
        assert ("calendar" in c) == (c["kind"] == "date")
        if "calendar" in c:
            assert c["calendar"] in eval_gold.CALENDARS
        if "currency_assumed" in c:
            assert c["kind"] == "money" and isinstance(c["currency_assumed"], bool)
        spans.append((c["start"], c["end"]))
    for n in item.get("negatives", []):
        assert set(n) <= NEGATIVE_KEYS
        assert item["start"] <= n["start"] < n["end"] <= item["end"]
        spans.append((n["start"], n["end"]))
    spans.sort()
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), "overlapping spans"


@pytest.mark.parametrize("path", FILES.values(), ids=FILES.keys())
def test_no_corpus_text_is_stored(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    body = "\n".join(row for row in raw.splitlines() if not row.startswith("#"))
    assert not re.search(r"[\u0600-\u06ff]", body)


# --- against the corpus, when it is there -----------------------------------------

needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not available")


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return eval_gold.read_corpus(CORPUS)


@needs_corpus
@pytest.mark.parametrize("items", SETS, ids=SET_IDS)
def test_lines_have_not_drifted(lines: list[str], items: list[dict[str, Any]]) -> None:
    drifted = [i["line"] for i in items if eval_gold.sha(lines[i["line"] - 1]) != i["sha"]]
    assert drifted == []


@needs_corpus
@pytest.mark.parametrize("items", SETS, ids=SET_IDS)
def test_spans_hold_what_they_annotate(lines: list[str], items: list[dict[str, Any]]) -> None:
    bad = []
    for i in items:
        line = lines[i["line"] - 1]
        assert i["end"] <= len(line)
        for c in i["claims"]:
            text = line[c["start"]:c["end"]]
            if text != text.strip() or not re.search(r"\w", text):
                bad.append((i["line"], c["start"], text))
        for n in i.get("negatives", []):
            text = line[n["start"]:n["end"]]
            if text != text.strip() or not re.search(r"\w", text):
                bad.append((i["line"], n["start"], text))
    assert bad == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("ارتفع عدد الزوار إلى 120 ألف زائر هذا الموسم", True),   # digits
    ("ارتفع عدد الزوار إلى ١٢٠ ألف زائر هذا الموسم", True),   # Arabic-Indic digits
    ("وصل وفد من ثلاثة وزراء إلى العاصمة صباح اليوم", True),   # a cardinal
    ("وقدرت الخسائر بالملايين بحسب التقديرات الأولية", True),   # a scale word after بال
    ("وبالآلاف خرج الناس إلى الشوارع في المساء", True),         # a plural scale after وبال
    ("وستكون النتائج الأولية جاهزة في الأسبوع المقبل", False),  # ست inside a word; an ordinal
    ("وخرج الآلاف إلى الشوارع احتجاجا على القرار", True),       # آلاف with ال
    ("وأكد المتحدث أن الاجتماع سيعقد في موعده المحدد", False),  # no number at all
    ("خمسة", False),                                           # shorter than 20 characters
    ("عدد " + "كبير " * 80 + "من 5 زوار", False),             # longer than 350 characters
])
def test_sampler_keeps_sentences_with_digits_or_number_words(sentence: str, expected: bool) -> None:
    assert sample_heldout.eligible(sentence) is expected


def _left_out() -> set[int]:
    """The drawn lines the held-out header lists as left out (uncertain readings)."""
    raw = eval_gold.HELDOUT.read_text(encoding="utf-8")
    return {int(m) for m in re.findall(r"^#\s{6}(\d+) ", raw, flags=re.M)}


@needs_corpus
def test_heldout_random_part_is_what_the_sampler_draws(lines: list[str]) -> None:
    """Every random sentence is the sampler's draw at its rank, and every draw up to
    the deepest rank read is either annotated or listed as left out."""
    import csv

    index_path = CORPUS.parent / "news_index.tsv"
    with index_path.open(encoding="utf-8", newline="") as f:
        index = list(csv.DictReader(f, delimiter="\t"))
    ranked = [i for i in HELDOUT if i["sample"].startswith("random")]
    depth = max(int(re.search(r"\d+", i["sample"]).group()) for i in ranked)
    drawn = sample_heldout.draw(lines, index, {i["line"] for i in GOLD}, depth)
    by_key = {(d["line"], d["start"], d["end"]): d for d in drawn}
    for i in ranked:
        d = by_key.get((i["line"], i["start"], i["end"]))
        assert d is not None, i["line"]
        assert (d["stratum"], f"random (rank {d['rank']})") == (i["source"], i["sample"])
    annotated = {(i["line"], i["start"]) for i in ranked}
    missing = [d["line"] for d in drawn if (d["line"], d["start"]) not in annotated]
    assert sorted(missing) == sorted(_left_out())


@needs_corpus
def test_heldout_searched_part_is_what_the_search_lists(lines: list[str]) -> None:
    """Every searched sentence is one the sampler's --search lists for its phenomenon,
    and every listed one is either annotated or named in the header as left out."""
    import csv

    with (CORPUS.parent / "news_index.tsv").open(encoding="utf-8", newline="") as f:
        index = list(csv.DictReader(f, delimiter="\t"))
    excluded = {i["line"] for i in GOLD}
    drawn = sample_heldout.draw(lines, index, excluded, sample_heldout.SEARCH_DEPTH)
    listed = sample_heldout.search(lines, index, excluded | {d["line"] for d in drawn})
    by_key = {(d["line"], d["start"], d["end"]): d["stratum"] for d in listed}
    searched = [i for i in HELDOUT if i["sample"].startswith("search")]
    assert [(i["line"], by_key.get((i["line"], i["start"], i["end"]))) for i in searched] == [
        (i["line"], i["sample"]) for i in searched]
    raw = eval_gold.HELDOUT.read_text(encoding="utf-8")
    left_out = {int(m) for m in re.findall(r"^#\s+search, line (\d+):", raw, flags=re.M)}
    assert {d["line"] for d in listed} - {i["line"] for i in searched} == left_out


@needs_corpus
def test_heldout_sentences_are_whole_sentences(lines: list[str]) -> None:
    """Each held-out span is one sentence as the package's splitter cuts it."""
    from claimcheck.text.segment import sentence_breaks

    bad = []
    for i in HELDOUT:
        line = lines[i["line"] - 1]
        ends = {0} | {b for _, b in sentence_breaks(line)}
        starts = {a for a, _ in sentence_breaks(line)} | {len(line)}
        if i["start"] not in ends or i["end"] not in starts:
            bad.append((i["line"], i["start"], i["end"]))
    assert bad == []


@needs_corpus
@pytest.mark.parametrize("items", SETS, ids=SET_IDS)
def test_scorer_runs_and_counts_every_gold_claim(lines: list[str], items: list[dict[str, Any]]) -> None:
    outcomes, drifted = eval_gold.evaluate(items, lines)
    s = eval_gold.summary(outcomes, drifted)
    assert s["gold_claims"] == sum(len(i["claims"]) for i in items)
    assert s["tp"] + s["fn"] == s["gold_claims"]
    assert 0.0 <= s["f1"] <= 1.0


@needs_corpus
def test_annotation_review_shows_every_reading(lines: list[str]) -> None:
    shown = eval_gold.annotation_lines(GOLD, lines)
    readings = [x for x in shown if x.startswith("    «")]
    assert len(readings) == sum(len(i["claims"]) + len(i.get("negatives", [])) for i in GOLD)
    assert all("»" in x and "→" in x for x in readings)


#: The engine's strict F1 on the gold set must not fall below this (0.780 on
#: 2026-12-03 with 370 sentences). Raise it as the engine improves; issue 14
#: asks for 0.95.
F1_FLOOR = 0.76


@needs_corpus
def test_gold_score_does_not_regress(lines: list[str]) -> None:
    outcomes, drifted = eval_gold.evaluate(GOLD, lines)
    s = eval_gold.summary(outcomes, drifted)
    assert s["f1"] >= F1_FLOOR, "\n".join(eval_gold.render(s))


def test_scorer_counts_a_misreading_as_a_miss_and_a_false_positive() -> None:
    """The scoring rule on a made-up line: strict pairs, misreadings, negatives."""
    line = "ربح 5ر14 مليون دولار واتصل على 0501234567"
    item = {"line": 1, "start": 0, "end": len(line), "source": "t",
            "claims": [{"start": 4, "end": 20, "kind": "money", "value": "14500000",
                        "unit": "USD", "qualifier": "exact"}],
            "negatives": [{"start": 31, "end": 41, "note": "phone"}]}
    R = eval_gold.Reading
    right = R(4, 20, "money", "14500000", None, None, "USD", "exact", "5ر14 مليون دولار")
    wrong = R(4, 20, "money", "5140000", None, None, "USD", "exact", "5ر14 مليون دولار")
    phone = R(31, 41, "number", "501234567", None, None, None, "exact", "0501234567")
    ok = eval_gold.score_sentence(item, line, [right])
    assert len(ok.found) == 1 and not ok.misread and not ok.extra
    bad = eval_gold.score_sentence(item, line, [wrong, phone])
    assert len(bad.misread) == 1 and [f for _, f in bad.extra] == ["negatives"]
    total, fam, negs = eval_gold.tally([bad])
    assert (total.tp, total.fp, total.fn) == (0, 2, 1)
    assert negs == [0, 1]
    assert fam["decimals"].fn == 1 and fam["currency"].fn == 1


def test_scorer_splits_the_heldout_score_by_how_sentences_were_drawn() -> None:
    line = "بلغ 5ر14 مليون دولار"
    claim = {"start": 4, "end": 20, "kind": "money", "value": "14500000", "unit": "USD",
             "qualifier": "exact"}
    R = eval_gold.Reading
    right = R(4, 20, "money", "14500000", None, None, "USD", "exact", "5ر14 مليون دولار")
    wrong = R(4, 20, "money", "5140000", None, None, "USD", "exact", "5ر14 مليون دولار")
    drawn = {"line": 1, "start": 0, "end": len(line), "source": "t", "claims": [claim],
             "sample": "random (rank 1)"}
    searched = {**drawn, "line": 2, "sample": "search: r decimal"}
    parts = eval_gold.by_sample([eval_gold.score_sentence(drawn, line, [right]),
                                 eval_gold.score_sentence(searched, line, [wrong])])
    assert (parts["random"]["tp"], parts["random"]["f1"]) == (1, 1.0)
    assert (parts["search"]["tp"], parts["search"]["fp"], parts["search"]["fn"]) == (0, 1, 1)
    # the tuned set has no `sample`: no split is shown for it
    plain = {k: v for k, v in drawn.items() if k != "sample"}
    assert eval_gold.by_sample([eval_gold.score_sentence(plain, line, [right])]) == {}


@needs_corpus
def test_tune_set_is_what_its_sampler_draws(lines: list[str]) -> None:
    """Every sentence of the tuning set is sample_tune.py's draw for its phenomenon,
    and every draw is annotated or named in the header as left out."""
    import csv

    with (CORPUS.parent / "news_index.tsv").open(encoding="utf-8", newline="") as f:
        index = list(csv.DictReader(f, delimiter="\t"))
    excluded = {i["line"] for i in GOLD} | {i["line"] for i in HELDOUT}
    drawn = sample_tune.draw(lines, index, excluded)
    by_key = {(d["line"], d["start"], d["end"]): "search: " + str(d["search"]) for d in drawn}
    assert [(i["line"], by_key.get((i["line"], i["start"], i["end"]))) for i in TUNE] == [
        (i["line"], i["sample"]) for i in TUNE]
    raw = eval_gold.TUNE.read_text(encoding="utf-8")
    left_out = {int(m) for m in re.findall(r"^#\s{6}search: [^,]+, line (\d+):", raw, flags=re.M)}
    annotated = {i["line"] for i in TUNE}
    assert sorted(d["line"] for d in drawn if d["line"] not in annotated) == sorted(left_out)


@needs_corpus
def test_tune2_set_is_what_its_sampler_draws(lines: list[str]) -> None:
    """Round 2 of the tuning set is sample_tune.py's draw with SEARCHES_2 and SEED_2
    outside the three other sets; every draw is annotated or named as left out."""
    import csv

    with (CORPUS.parent / "news_index.tsv").open(encoding="utf-8", newline="") as f:
        index = list(csv.DictReader(f, delimiter="\t"))
    excluded = {i["line"] for s in (GOLD, HELDOUT, TUNE) for i in s}
    drawn = sample_tune.draw(lines, index, excluded, sample_tune.SEED_2, sample_tune.SEARCHES_2)
    by_key = {(d["line"], d["start"], d["end"]): "search: " + str(d["search"]) for d in drawn}
    assert [(i["line"], by_key.get((i["line"], i["start"], i["end"]))) for i in TUNE2] == [
        (i["line"], i["sample"]) for i in TUNE2]
    raw = eval_gold.TUNE2.read_text(encoding="utf-8")
    left_out = {int(m) for m in re.findall(r"^#\s{6}search: [^,]+, line (\d+):", raw, flags=re.M)}
    annotated = {i["line"] for i in TUNE2}
    assert sorted(d["line"] for d in drawn if d["line"] not in annotated) == sorted(left_out)


@needs_corpus
def test_tune3_set_is_what_its_sampler_draws(lines: list[str]) -> None:
    """Round 3 is sample_heldout.draw at ranks 1 and 2 with SEED_3 outside the four
    other sets; every draw is annotated or named in the header as left out."""
    import csv

    with (CORPUS.parent / "news_index.tsv").open(encoding="utf-8", newline="") as f:
        index = list(csv.DictReader(f, delimiter="\t"))
    excluded = {i["line"] for s in (GOLD, HELDOUT, TUNE, TUNE2) for i in s}
    drawn = sample_heldout.draw(lines, index, excluded, sample_tune.DEPTH_3, sample_tune.SEED_3)
    by_key = {(d["line"], d["start"], d["end"]): (d["stratum"], f"random (rank {d['rank']})") for d in drawn}
    assert [(i["line"], by_key.get((i["line"], i["start"], i["end"]))) for i in TUNE3] == [
        (i["line"], (i["source"], i["sample"])) for i in TUNE3]
    raw = eval_gold.TUNE3.read_text(encoding="utf-8")
    left_out = {int(m) for m in re.findall(r"^#\s{6}random \(rank [12]\), line (\d+):", raw, flags=re.M)}
    annotated = {i["line"] for i in TUNE3}
    assert sorted(d["line"] for d in drawn if d["line"] not in annotated) == sorted(left_out)


@needs_corpus
def test_tune4_set_is_what_its_sampler_draws(lines: list[str]) -> None:
    """Round 4 is sample_tune.py's draw with SEARCHES_4 and SEED_4 outside the five
    other sets; every draw is annotated or named in the header as left out."""
    import csv

    with (CORPUS.parent / "news_index.tsv").open(encoding="utf-8", newline="") as f:
        index = list(csv.DictReader(f, delimiter="\t"))
    excluded = {i["line"] for s in (GOLD, HELDOUT, TUNE, TUNE2, TUNE3) for i in s}
    drawn = sample_tune.draw(lines, index, excluded, sample_tune.SEED_4, sample_tune.SEARCHES_4)
    by_key = {(d["line"], d["start"], d["end"]): "search: " + str(d["search"]) for d in drawn}
    assert [(i["line"], by_key.get((i["line"], i["start"], i["end"]))) for i in TUNE4] == [
        (i["line"], i["sample"]) for i in TUNE4]
    raw = eval_gold.TUNE4.read_text(encoding="utf-8")
    left_out = {int(m) for m in re.findall(r"^#\s{6}search: [^,]+, line (\d+):", raw, flags=re.M)}
    annotated = {i["line"] for i in TUNE4}
    assert sorted(d["line"] for d in drawn if d["line"] not in annotated) == sorted(left_out)


@needs_corpus
def test_tune5_set_is_what_its_sampler_draws(lines: list[str]) -> None:
    """Round 5 is sample_tune.py's draw with SEARCHES_5, SEED_5 and PER_SOURCE_5 outside
    the six other sets; every draw is annotated or named in the header as left out."""
    import csv

    with (CORPUS.parent / "news_index.tsv").open(encoding="utf-8", newline="") as f:
        index = list(csv.DictReader(f, delimiter="\t"))
    excluded = {i["line"] for s in (GOLD, HELDOUT, TUNE, TUNE2, TUNE3, TUNE4) for i in s}
    drawn = sample_tune.draw(lines, index, excluded, sample_tune.SEED_5, sample_tune.SEARCHES_5,
                             sample_tune.PER_SOURCE_5)
    by_key = {(d["line"], d["start"], d["end"]): "search: " + str(d["search"]) for d in drawn}
    assert [(i["line"], by_key.get((i["line"], i["start"], i["end"]))) for i in TUNE5] == [
        (i["line"], i["sample"]) for i in TUNE5]
    raw = eval_gold.TUNE5.read_text(encoding="utf-8")
    left_out = {int(m) for m in re.findall(r"^#\s{6}search: [^,]+, line (\d+):", raw, flags=re.M)}
    annotated = {i["line"] for i in TUNE5}
    assert sorted(d["line"] for d in drawn if d["line"] not in annotated) == sorted(left_out)
