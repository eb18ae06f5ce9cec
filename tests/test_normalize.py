"""The normalised view of a document: offsets both ways, and its words listed once."""
from __future__ import annotations

import pytest

from claimcheck.normalize import STICKY, Normalized, segments

# text, expected (segment start, end, words)
WORDS = [
    ("plain", "قال الوزير", [(0, 10, ["قال", "الوزير"])]),
    ("punctuation-stuck", "«مصر»، و(خمسة+واحد)", [(0, 19, ["مصر", "و", "خمسه", "واحد"])]),
    ("paragraphs", "سطر أول\nسطر ثان", [(0, 7, ["سطر", "اول"]), (8, 15, ["سطر", "ثان"])]),
    # harakat and tatweel are dropped before listing: offsets are the folded text's
    ("harakat", "الأُولَى والثـانية", [(0, 15, ["الاولي", "والثانيه"])]),
    ("digits-and-words", "بلغ 4.3 مليار", [(0, 13, ["بلغ", "4", "3", "مليار"])]),
    ("empty", "", []),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in WORDS], ids=[c[0] for c in WORDS])
def test_segment_words(text, expected):
    n = Normalized.of(text)
    got = n.segment_words()
    assert got == expected
    for a, b, _ in got:
        assert (a, b) in list(segments(n.text))
    assert n.segment_words() is got  # listed once
    n.forget_words()
    assert n.segment_words() == expected  # listed again when asked for after


def test_sticky_punctuation_is_never_a_letter_or_a_digit():
    assert all(not ch.isalnum() and not ch.isspace() for ch in STICKY)
    assert "،" in STICKY and "«" in STICKY and "ـ" not in STICKY  # tatweel is dropped, not split at


def test_words_do_not_change_equality():
    a, b = Normalized.of("قال الوزير"), Normalized.of("قال الوزير")
    a.segment_words()
    assert a == b
