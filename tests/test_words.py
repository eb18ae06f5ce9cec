"""The number-word grammar (claimcheck.extraction.numberwords), table-driven from tests/cases/words*.toml."""
from __future__ import annotations

import time
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
import regex

from claimcheck.extraction import numberwords as words
from claimcheck.extraction.numberwords import (
    WORD_ANCHOR,
    WordNumber,
    match_fraction_tail,
    match_scale,
    match_words,
)
from claimcheck.extraction.numberwords.lexicon import build
from claimcheck.text.normalize import Normalized, fold

CASES_DIR = Path(__file__).parent / "cases"
ANCHOR = regex.compile(WORD_ANCHOR)


def _load_cases() -> list[dict]:
    out: list[dict] = []
    for path in sorted(CASES_DIR.glob("words*.toml")):
        with path.open("rb") as f:
            out.extend(tomllib.load(f)["case"])
    return out


CASES = _load_cases()
POSITIVE = [c for c in CASES if not c.get("none")]
NEGATIVE = [c for c in CASES if c.get("none")]


def _locate(case: dict) -> tuple[Normalized, int, int]:
    doc = Normalized.of(case["text"])
    needle = fold(case.get("at", case.get("span", "")))
    i = doc.text.find(needle)
    assert i >= 0, f"{case['id']}: {needle!r} not in text"
    return doc, i, i + len(needle)


def test_case_ids_unique() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", POSITIVE, ids=[c["id"] for c in POSITIVE])
def test_positive(case: dict) -> None:
    doc, start, _ = _locate(case)
    # The engine finds the expression through WORD_ANCHOR (digits start on their own).
    if not doc.text[start].isdigit():
        m = ANCHOR.match(doc.text, start)
        assert m is not None, "WORD_ANCHOR does not match the first word"
    wn = match_words(doc.text, start, doc)
    assert wn is not None, "no number found"
    assert doc.text[wn.start:wn.end] == fold(case["span"])
    if "low" in case:
        assert wn.vague and wn.value is None
        assert (wn.low, wn.high) == (Decimal(case["low"]), Decimal(case["high"]))
    else:
        assert not wn.vague
        assert wn.value == Decimal(case["value"])
        assert str(wn.value) == str(Decimal(case["value"])), "value not in canonical form"
    assert wn.ordinal == case.get("ordinal", False)
    if "resolution" in case:
        assert wn.resolution == Decimal(case["resolution"])


@pytest.mark.parametrize("case", NEGATIVE, ids=[c["id"] for c in NEGATIVE])
def test_negative(case: dict) -> None:
    doc, start, end = _locate(case)
    # Every anchor inside the phrase, as the engine tries them one after another.
    for m in ANCHOR.finditer(doc.text, start, end):
        wn = match_words(doc.text, m.start(), doc)
        assert wn is None, f"read {doc.text[wn.start:wn.end]!r} as {wn}"
    assert match_words(doc.text, start, doc) is None


# --- interface details ---------------------------------------------------------

def test_anchor_has_no_word_boundary_escape() -> None:
    assert r"\b" not in WORD_ANCHOR


@pytest.mark.parametrize("text,first", [
    ("وبخمسة ملايين", "وبخمسة"),
    ("والعشرين", "والعشرين"),
    ("للثاني", "للثاني"),
    ("الالاف", "الالاف"),
])
def test_anchor_includes_clitics(text: str, first: str) -> None:
    m = ANCHOR.search(fold(text))
    assert m is not None and m.start() == 0 and m.group() == fold(first)


@pytest.mark.parametrize("text", ["منتصف", "كميات", "الخمسينيات", "ثلاثي", "5ملايين"])
def test_anchor_inside_other_words(text: str) -> None:
    assert ANCHOR.search(fold(text)) is None


def test_not_at_word_start() -> None:
    t = fold("منتصف")
    assert match_words(t, 3) is None


def test_offsets_map_to_original() -> None:
    original = "دفعت الشركة ثلاثةَ ملايينِ دولارٍ"
    doc = Normalized.of(original)
    wn = match_words(doc.text, doc.text.find("ثلاثه"), doc)
    assert wn is not None
    a, b = doc.span(wn.start, wn.end)
    assert original[a:b] == "ثلاثةَ ملايينِ"


def test_without_original() -> None:
    t = fold("حصل على مليون ومئتي ألف")
    wn = match_words(t, t.find("مليون"))
    assert wn is not None and wn.value == 1200000


def test_stops_at_newline() -> None:
    t = fold("ثلاثة\nملايين")
    wn = match_words(t, 0)
    assert wn is not None and wn.value == 3 and wn.end == 5


def test_bare_digits_are_left_to_the_engine() -> None:
    assert match_words("2013", 0) is None
    assert match_words(fold("نحو 45 شخصا"), 4) is None


def test_wordnumber_validates() -> None:
    with pytest.raises(ValueError):
        WordNumber(3, 3, Decimal(1))
    with pytest.raises(ValueError):
        WordNumber(0, 3, None)


# --- helpers for the digit engine -------------------------------------------------

@pytest.mark.parametrize("text,value,dual", [
    ("120 ألف فرد", 1000, False),
    ("3 ملايين", 1000000, False),
    ("4.3 مليار", 1000000000, False),
    ("15 مليوناً", 1000000, False),
    ("2 ملياري", 1000000000, True),
    ("5 تريليونات", 10 ** 12, False),
])
def test_match_scale(text: str, value: int, dual: bool) -> None:
    t = fold(text)
    pos = t.index(" ")
    got = match_scale(t, pos)
    assert got is not None
    end, mult, is_dual = got
    assert end == len(t.split(" ")[0]) + 1 + len(t.split(" ")[1]) and mult == value and is_dual is dual


@pytest.mark.parametrize("text", ["120 فرد", "3 عشرات", "3 كيلومتر"])
def test_match_scale_none(text: str) -> None:
    t = fold(text)
    assert match_scale(t, t.index(" ")) is None


@pytest.mark.parametrize("text,unit_end,value,rest", [
    ("أربع سنوات ونصف", "سنوات", "0.5", ""),
    ("لتر ونصف", "لتر", "0.5", ""),
    ("لتر و نص", "لتر", "0.5", ""),
    ("ساعتين وربع", "ساعتين", "0.25", ""),
    ("عام ونصف العام من التفاوض", "عام", "0.5", " من التفاوض"),
])
def test_match_fraction_tail(text: str, unit_end: str, value: str, rest: str) -> None:
    t = fold(text)
    pos = t.index(fold(unit_end)) + len(fold(unit_end))
    got = match_fraction_tail(t, pos, unit=unit_end)
    assert got is not None
    end, frac = got
    assert frac == Decimal(value)
    assert t[end:] == fold(rest)


def test_match_fraction_tail_none() -> None:
    t = fold("لتر ونصيب")
    assert match_fraction_tail(t, 3) is None


# --- the lexicon ------------------------------------------------------------------

def test_lexicon_loads_and_is_folded() -> None:
    lex = build()
    for form in lex.readings:
        assert form == fold(form) and " " not in form


def test_speed_is_linear_and_local() -> None:
    """Each call only reads around pos: a long text costs no more per call."""
    sentence = fold("وصل ثلاثة ملايين ومئتان وخمسون ألفاً من الزوار، ومشى عشرات الآلاف. ")
    text = sentence * 4000
    t0 = time.perf_counter()
    hits = [m.start() for m in ANCHOR.finditer(text)]
    found = [match_words(text, h) for h in hits]
    elapsed = time.perf_counter() - t0
    assert sum(1 for f in found if f is not None) >= 8000
    assert elapsed < 5.0


def test_starters_and_prefixes_match_the_anchor() -> None:
    for w in words.STARTERS:
        assert ANCHOR.fullmatch(w), w
    for p in words.PREFIXES:
        assert ANCHOR.fullmatch(p + "ثلاثه"), p


def _prev_words_by_letter(text: str, pos: int, n: int) -> list[str]:
    """prev_words as first written, one character at a time (the reference)."""
    out: list[str] = []
    i = pos
    lo = max(0, pos - 80)
    while len(out) < n and i > lo:
        j = i
        while j > lo and text[j - 1] in " \t":
            j -= 1
        k = j
        while k > lo and text[k - 1].isalpha():
            k -= 1
        if k == j:
            break
        out.append(text[k:j])
        i = k
    return out


def test_prev_words_same_as_letter_by_letter() -> None:
    import random

    from claimcheck.extraction.numberwords.tokens import prev_words

    rng = random.Random(7)
    pieces = ["قال", "عدد", "الملك", "x", "²", "5", " ", " ", "  ", "\t", "\n", "(", "،", "و", "A1"]
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        for pos in range(len(text) + 1):
            for n in (1, 3):
                assert prev_words(text, pos, n) == _prev_words_by_letter(text, pos, n), (text, pos)
