"""The normalised view of a document: offsets both ways, and its words listed once."""
from __future__ import annotations

import pytest

from claimcheck.text.normalize import STICKY, Normalized, segments

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
    assert n.segment_words() == expected  # listed again when asked for again


def test_sticky_punctuation_is_never_a_letter_or_a_digit():
    assert all(not ch.isalnum() and not ch.isspace() for ch in STICKY)
    assert "،" in STICKY and "«" in STICKY and "ـ" not in STICKY  # tatweel is dropped, not split at


def test_words_do_not_change_equality():
    a, b = Normalized.of("قال الوزير"), Normalized.of("قال الوزير")
    a.segment_words()
    assert a == b


# text, vocabulary, expected (segment start, end, words of the vocabulary it holds)
HITS = [
    ("two-paragraphs", "زار الوزير مصر\nثم عاد إلى الرياض", {"مصر", "الرياض", "جده"},
     [(0, 14, {"مصر"}), (15, 32, {"الرياض"})]),
    ("stuck-punctuation", "«مصر»، والأردن", {"مصر", "والاردن"}, [(0, 14, {"مصر", "والاردن"})]),
    ("none", "لا اسم هنا", {"مصر"}, []),
    ("part-of-a-word-is-no-hit", "المصريون", {"مصر"}, []),
]


@pytest.mark.parametrize("text, vocabulary, expected", [c[1:] for c in HITS], ids=[c[0] for c in HITS])
def test_segment_hits(text, vocabulary, expected):
    n = Normalized.of(text)
    assert n.segment_hits(frozenset(vocabulary)) == expected
    # the same as intersecting each segment's words
    assert expected == [(a, b, set(ws) & vocabulary) for a, b, ws in n.segment_words()
                        if set(ws) & vocabulary]


def test_watched_vocabulary_is_found_in_the_same_listing(monkeypatch):
    n = Normalized.of("قال الوزير إن مصر صدّرت خمسة آلاف طن\nوزار الرياض")
    numbers, names = frozenset({"خمسه", "الاف"}), frozenset({"مصر", "الرياض"})
    listings = []
    real = Normalized._segment_words

    def counted(self):
        listings.append(1)
        return real(self)

    monkeypatch.setattr(Normalized, "_segment_words", counted)
    n.watch(names)
    n.watch(names)  # announced once
    got_numbers = n.segment_hits(numbers)
    got_names = n.segment_hits(names)
    assert len(listings) == 1
    assert got_numbers == [(0, 35, {"خمسه", "الاف"})]  # (the shadda is dropped)
    assert got_names == [(0, 35, {"مصر"}), (36, 47, {"الرياض"})]
    assert n.segment_hits(numbers) is got_numbers  # kept per vocabulary
    # a vocabulary nobody announced is listed on its own, and found the same way
    other = frozenset({"الوزير"})
    assert n.segment_hits(other) == [(0, 35, {"الوزير"})]
    assert len(listings) == 2


def test_equal_vocabularies_are_told_apart_by_identity():
    n = Normalized.of("مصر")
    a, b = frozenset({"مصر"}), frozenset({"مصر"})
    n.watch(b)
    assert n.segment_hits(a) == n.segment_hits(b) == [(0, 3, {"مصر"})]


@pytest.mark.parametrize("text", ["قالَ الوزيرُ إنّ مصرَ صدّرت", "بـ5 ملايين\u200f دولار", "بلا حركات", ""])
def test_to_original_sorted_is_to_original_of_each(text):
    n = Normalized.of(text)
    positions = list(range(len(n.text) + 1))
    assert n.to_original_sorted(positions) == [n.to_original(p) for p in positions]
    assert n.to_original_sorted(positions[3:]) == [n.to_original(p) for p in positions[3:]]
