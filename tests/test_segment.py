"""The one sentence splitter (claimcheck.text.segment): where sentences end.

Each function is checked against the regular expression that defines it
(the str.find scans must find what the pattern finds), on Arabic text with
decimals, the Arabic marks ؟ ؛ … and runs of blank lines.
"""
from __future__ import annotations

import re

import pytest

from claimcheck.text.segment import CLAIM_MARKS, MARKS, sentence_breaks, sentence_ends

TEXTS = [
    "قال الوزير: بلغ النمو 4.3 في المائة. ثم أضاف أن الرقم سيرتفع!\n\nوفي عام 2015؟ لا.",
    "سطر أول\nسطر ثانٍ…  وثالث؛ ورابع!!  خامس.\t\u00a0سادس.",
    "...\n\n؟؟ ! .", "", "بلا علامات", "ارتفع 3.5.", ".5 نقطة", "رقم 12.", "«قال.» ثم",
]


def _ends_by_pattern(text: str, marks: str) -> list[int]:
    # a mark or a line break, except a dot with a digit on both sides
    pat = re.compile(r"(?!(?<=\d)\.(?=\d))[" + re.escape(marks) + r"\n]")
    return [m.start() for m in pat.finditer(text)]


def _breaks_by_pattern(text: str, marks: str) -> list[tuple[int, int]]:
    pat = re.compile(r"[" + re.escape(marks) + r"](\s+)|\n+")
    return [m.span(1) if m.group(1) else m.span() for m in pat.finditer(text)]


@pytest.mark.parametrize("marks", [MARKS, CLAIM_MARKS])
@pytest.mark.parametrize("text", TEXTS)
def test_ends_and_breaks_are_what_the_patterns_find(text: str, marks: str) -> None:
    assert sentence_ends(text, marks) == _ends_by_pattern(text, marks)
    assert sentence_breaks(text, marks) == _breaks_by_pattern(text, marks)


@pytest.mark.parametrize("text, ends", [
    ("بلغ النمو 4.3 في المائة. ثم توقف", [23]),       # the decimal point ends nothing
    ("هل ارتفع؟ نعم", [8]),
    ("أولاً؛ ثانياً…", [5, 13]),                          # ؛ and … end a sentence
    ("عنوان\nنص", [5]),
    ("ارتفع 3.5.", [9]),                                 # the last dot is an end
])
def test_sentence_ends(text: str, ends: list[int]) -> None:
    assert sentence_ends(text) == ends


def test_claim_marks_leave_semicolon_and_ellipsis_inside() -> None:
    # a claim's sentence (extraction) runs on across ؛ and …
    assert sentence_ends("أولاً؛ ثانياً… ثم.", CLAIM_MARKS) == [17]


@pytest.mark.parametrize("text, breaks", [
    ("قال: 4.3 مليار. ثم\n\nانتهى! ", [(15, 16), (18, 20), (26, 27)]),
    ("ارتفع 3.5.", []),                                   # a mark at the end breaks nothing
    ("«قال.» ثم", []),                                     # nor one before a quote
    ("أولاً؛  ثانياً", [(6, 8)]),
])
def test_sentence_breaks(text: str, breaks: list[tuple[int, int]]) -> None:
    assert sentence_breaks(text) == breaks
