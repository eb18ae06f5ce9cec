"""Edges that mutation testing found unguarded (issue 17): each case here fails
under a one-token change of the code it names (a bound moved, a factor or
an operator changed, a branch skipped) that the rest of the suite let through.

* the scale-slip test of the verdicts (``_scaled_hits``, ``_thousands_apart``):
  a «120» against a table's 120,000 is a slip of ألف, 120 against 90,000 is not;
* ``_round``: the factors an explanation shows;
* ``parse_number_text``: numbers as a table cell holds them;
* ``segments``: how the normaliser cuts a text for its word look-ups;
* the number words' fractions (a quarter's step, a singular scale, a dual
  fraction) and ``مليونا`` read as a construct dual or an accusative singular.
"""
from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.checking.verdicts import _iv, _near, _round, _scaled_hits, _thousands_apart
from claimcheck.errors import NumberSyntaxError
from claimcheck.extraction.engine import extract
from claimcheck.extraction.numberwords import match_words
from claimcheck.lang.digits import parse_number_text
from claimcheck.text.normalize import Normalized, segments

# ------------------------------------------------------------------ a power of 1000 apart


@pytest.mark.parametrize("v, r, apart", [
    # each power at both edges of its window [k/2, 2k], from both sides
    ("1", "500", True), ("1", "499.99", False), ("1", "2000", True), ("1", "2000.01", False),
    ("500", "1", True), ("2000", "1", True), ("2001", "1", False), ("499", "1", False),
    ("1", "500000", True), ("1", "499999", False), ("1", "2000000", True), ("1", "2000001", False),
    ("1", "500000000", True), ("1", "499999999", False), ("1", "2000000000", True),
    ("1", "2000000001", False),
    # between the windows, beyond the last one, the same number
    ("1", "10000", False), ("1", "100000000", False), ("1", "1000000000000", False), ("7", "7", False),
    # signs do not matter, only the ratio
    ("-3", "3000", True), ("3", "-3000", True), ("-3", "-3000000", True),
])
def test_thousands_apart(v: str, r: str, apart: bool) -> None:
    assert _thousands_apart(D(v), D(r)) is apart


def _closed(lo: str, hi: str) -> tuple:
    return _iv(D(lo), D(hi))


@pytest.mark.parametrize("v, r_lo, r_hi, hit", [
    # «أكثر من 120» against 120,000 ± 10 %: the claim × 1000, ±10 %, meets it
    ("120", "108000", "132000", True),
    # the edges of the claim's ±10 % band, k = 1: 108,000 and 132,000 touch
    ("120", "132000", "140000", True), ("120", "132001", "140000", False),
    ("120", "100000", "108000", True), ("120", "100000", "107999", False),
    # every power both ways, and none beyond 1000³
    ("120", "0.108", "0.132", True),                  # k = -1
    ("5", "5000000", "5000000", True),                 # k = 2
    ("5000000", "5", "5", True),                       # k = -2
    ("2", "2000000000", "2000000000", True),           # k = 3
    ("2000000000", "2", "2", True),                    # k = -3
    ("1", "1000000000000", "1000000000000", False),    # k = 4 is no slip
    ("120", "120", "120", False),                      # k = 0 is not a slip either
    ("120", "1200", "1300", False),                    # ten times is no scale word
    ("0.5", "500", "500", True),                       # a figure below one keeps its band's order
    # a negative figure: its band is [1.1·v·f, 0.9·v·f]
    ("-120", "-132000", "-108000", True),
    ("-120", "-140000", "-132000", True), ("-120", "-140000", "-132001", False),
    ("-120", "-108000", "-100000", True), ("-120", "-107999", "-100000", False),
])
def test_scaled_hits_of_a_bound(v: str, r_lo: str, r_hi: str, hit: bool) -> None:
    assert _scaled_hits(D(v), _iv(None, None), _closed(r_lo, r_hi), True) is hit


@pytest.mark.parametrize("lo, hi, r_lo, r_hi, hit", [
    # a figure's own interval × 1000^k (no ±10 % band here)
    ("115", "125", "120000", "120000", True),
    ("115", "125", "125000", "130000", True), ("115", "125", "125001", "130000", False),
    ("115", "125", "110000", "115000", True), ("115", "125", "110000", "114999", False),
    ("115000", "125000", "120", "120", True),         # k = -1
    ("1", "2", "1000000", "1000000", True),           # k = 2
    ("1", "2", "3000000", "3000000", False),          # the interval × 10⁶ is [1e6, 2e6]
    ("1", "2", "1500000000", "1500000000", True),     # k = 3
    ("115", "125", "120", "120", False),              # k = 0
    # an open-ended figure has no interval to scale
    (None, "125", "120000", "120000", False), ("115", None, "120000", "120000", False),
])
def test_scaled_hits_of_a_figure(lo: str | None, hi: str | None, r_lo: str, r_hi: str,
                                 hit: bool) -> None:
    lo_hi = _iv(None if lo is None else D(lo), None if hi is None else D(hi))
    assert _scaled_hits(D(0), lo_hi, _closed(r_lo, r_hi), False) is hit


def test_scaled_hits_respects_open_ends() -> None:
    """A table interval open at the point the scaled claim touches does not meet it."""
    assert _scaled_hits(D(0), _iv(D(115), D(125)), _iv(D(125000), D(130000), lo_open=True), False) is False
    assert _scaled_hits(D(0), _iv(D(115), D(125)), _iv(D(110000), D(115000), hi_open=True), False) is False


def test_near_is_the_table_number_plus_minus_ten_percent() -> None:
    assert _near(D(1000)) == _iv(D("900.0"), D("1100.0"))
    assert _near(D(-1000)) == _iv(D("-1100.0"), D("-900.0"))


# ------------------------------------------------------------------ _round


@pytest.mark.parametrize("x, shown", [
    ("1.234", "1.23"), ("1", "1.00"), ("12.345", "12.34"), ("12.355", "12.36"), ("-1.006", "-1.01"),
    ("999.999", "1000.00"),
    # below one in size: kept as it is
    ("0.999", "0.999"), ("-0.5", "-0.5"), ("0.00123", "0.00123"),
])
def test_round(x: str, shown: str) -> None:
    assert str(_round(D(x))) == shown


# ------------------------------------------------------------------ parse_number_text


@pytest.mark.parametrize("cell, value", [
    ("3.5", "3.5"), ("٣٫٥", "3.5"), ("۳٫۵", "3.5"), ("-1,200", "-1200"), ("+1,200", "1200"),
    ("1٬200", "1200"), (" 1 200 000 ", "1200000"), ("12%", "12"), ("-12.5%", "-12.5"),
    ("1e3", "1000"), ("2.5E-3", "0.0025"), ("-1e3", "-1000"), ("7", "7"), ("0", "0"),
    ("874.347.21", "874347.21"), ("-0.5", "-0.5"),
])
def test_parse_number_text(cell: str, value: str) -> None:
    got = parse_number_text(cell)
    assert got == D(value), (cell, got)
    assert got.is_signed() is value.startswith("-")


def test_parse_number_text_keeps_the_digits_exact() -> None:
    assert str(parse_number_text("-1,200")) == "-1200"
    assert str(parse_number_text("12.50")) == "12.50"  # the written precision stays
    assert parse_number_text("-" + "9" * 40) == D("-" + "9" * 40)  # no context, no rounding
    assert parse_number_text("-" + "9" * 30 + "e2") == D("-" + "9" * 30 + "00")


@pytest.mark.parametrize("cell", ["", " ", "-", "+", "%", "-%", "abc", "12..5", "1,2,3,4,5.6.7",
                                  "1e", "e3", "--5", "+-5", "5-", "1e3.5", "ثلاثة", "1.5.%",
                                  # digits of other scripts than the three Arabic copy uses
                                  "²", "೨", "१२"])
def test_parse_number_text_refuses(cell: str) -> None:
    with pytest.raises(NumberSyntaxError) as err:
        parse_number_text(cell)
    assert isinstance(err.value, ValueError)
    assert repr(cell) in str(err.value)


# ------------------------------------------------------------------ segments


@pytest.mark.parametrize("text, size, pieces", [
    ("ab cd\nef", 4, [(0, 2), (3, 5), (6, 8)]),
    ("", 4, []),
    ("abcd", 4, [(0, 4)]),                       # exactly the size: one piece
    ("abcde", 4, [(0, 4), (4, 5)]),              # no space: cut anywhere, nothing lost
    ("abcdefghij", 4, [(0, 4), (4, 8), (8, 10)]),
    ("ab\n\ncd", 4, [(0, 2), (4, 6)]),           # an empty paragraph is no piece
    ("\nab", 4, [(1, 3)]),
    ("ab\n", 4, [(0, 2)]),
    ("ab cd ef", 5, [(0, 2), (3, 8)]),           # cut at the last space within the size
    ("ab cd efgh", 6, [(0, 5), (6, 10)]),
    ("a bcdefgh", 4, [(0, 1), (2, 6), (6, 9)]),
    (" abcdefg", 4, [(0, 4), (4, 8)]),           # a space only at the start: cut anywhere
    ("abcd\nef", 4, [(0, 4), (5, 7)]),           # a newline just past the size
    ("abc\nefgh", 4, [(0, 3), (4, 8)]),          # … and just inside it
])
def test_segments(text: str, size: int, pieces: list[tuple[int, int]]) -> None:
    assert list(segments(text, size=size)) == pieces


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \n", max_size=80), st.integers(min_value=1, max_value=9))
def test_segments_lose_nothing_but_their_cuts(text: str, size: int) -> None:
    pieces = list(segments(text, size=size))
    covered = set()
    prev_end = 0
    for a, b in pieces:
        assert prev_end <= a < b <= len(text)
        assert b - a <= size and "\n" not in text[a:b]
        covered.update(range(a, b))
        prev_end = b
    # what no piece holds is a newline or the space a long line was cut at
    assert all(text[i] in "\n " for i in range(len(text)) if i not in covered)


# ------------------------------------------------------------------ fractions and duals in words


def _words(text: str) -> tuple[D, D, int] | None:
    n = Normalized.of(text)
    w = match_words(n.text, 0, n)
    return None if w is None else (w.value, w.resolution, w.end)


@pytest.mark.parametrize("text, read", [
    # a fraction's resolution is its own step (a quarter: 0.05), times a singular scale
    ("ربع", (D("0.25"), D("0.05"), 3)),
    ("ربع مليار", (D("250000000"), D("50000000"), 9)),
    ("نصف مليون", (D("500000"), D("100000"), 9)),
    ("نصف ألف", (D("500"), D("100"), 7)),
    # a plural scale does not multiply it (نصف ملايين is no amount)
    ("ربع ملايين", (D("0.25"), D("0.05"), 3)),
    # a dual fraction (two halves, two quarters) and a plural one alone are no amount
    ("نصفين", None), ("ربعين", None), ("أرباع", None), ("أعشار", None),
    # مليونا: the construct dual before an indefinite counted noun (two million)…
    ("مليونا دولار", (D("2000000"), D("1000000"), 6)),
    ("ألفا جندي", (D("2000"), D("1000"), 4)),
    # … but the accusative singular (مليوناً) before a definite noun, a
    # function word, «و», or a number
    ("مليونا العام", (D("1000000"), D("1000000"), 6)),
    ("مليونا من", (D("1000000"), D("1000000"), 6)),
    ("مليونا وخمسمائة", (D("1000500"), D("1"), 15)),
    ("مليونا 300", (D("1000000"), D("1000000"), 6)),
    ("مليونا ثلث", (D("1000000"), D("1000000"), 6)),
])
def test_fractions_and_duals_in_words(text: str, read: tuple[D, D, int] | None) -> None:
    assert _words(text) == read


@pytest.mark.parametrize("sentence, claims", [
    ("جمعت الحملة مليونا من المتبرعين", [("مليونا", D("1000000"))]),
    ("أنفقت الشركة مليونا العام الماضي", [("مليونا", D("1000000"))]),
    ("أنفق مليونا وأربعمائة ألف دولار", [("مليونا وأربعمائة ألف دولار", D("1400000"))]),
    ("ربح مليونا وخسر نصفه", [("مليونا", D("1000000"))]),      # «و» starts the next clause
    ("بلغت الخسائر مليوناً دولار", [("مليوناً دولار", D("1000000"))]),   # the tanween: singular
    ("تبرع بمليونا دولار", [("بمليونا دولار", D("2000000"))]),
    ("انقسم المجلس نصفين", []),
    ("قسمت الأرض ربعين متساويين", []),
    ("بلغ عدد الزوار نصف مليون زائر", [("نصف مليون زائر", D("500000"))]),
])
def test_fractions_and_duals_in_sentences(sentence: str, claims: list[tuple[str, D]]) -> None:
    assert [(c.text, c.value) for c in extract(sentence)] == claims
