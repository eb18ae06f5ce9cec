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


# ------------------------------------------------------------- where a claim ends
# A claim ends at its last character and takes the harakat and tatweel written
# after it (tanween on شريكاً, the tatweel of the Hijri mark هـ), never an
# invisible mark after it: U+200E/U+200F (left-to-right and right-to-left
# marks) and U+061C (the Arabic letter mark) are set by editors around numbers to
# keep digits in order inside right-to-left text; they belong to the text around.
CLAIM_ENDS = [
    # id, text, claim text, start
    ("lrm_after_percent", "ارتفع التضخم 10%\u200e في أيار", "10%", 13),
    ("rlm_after_percent", "ارتفع التضخم 10%\u200f", "10%", 13),
    ("alm_after_percent", "بلغ النمو 10%\u061c.", "10%", 10),
    ("two_marks_after", "بلغ النمو 10%\u200f\u200e.", "10%", 10),
    ("rlm_before", "\u200f10% فقط", "10%", 1),
    ("rlm_after_counted_noun", "يضم التحالف 87 شريكاً\u200f في", "87 شريكاً", 12),
    ("tanween_after_alif", "يضم التحالف 87 شريكاً", "87 شريكاً", 12),
    ("tatweel_of_hijri_mark", "في 7 رمضان 1445 هـ", "7 رمضان 1445 هـ", 3),
    ("rlm_after_hijri_mark", "في 7 رمضان 1445 هـ\u200f وصل الوفد", "7 رمضان 1445 هـ", 3),
    ("mark_inside_kept", "بلغ 5\u200f ملايين دولار", "5\u200f ملايين دولار", 4),
]


@pytest.mark.parametrize("text, claim_text, start", [c[1:] for c in CLAIM_ENDS],
                         ids=[c[0] for c in CLAIM_ENDS])
def test_where_a_claim_ends(text, claim_text, start):
    import claimcheck

    (c,) = claimcheck.extract(text)
    assert (c.text, c.start, c.end) == (claim_text, start, start + len(claim_text))


SPANS = [
    # id, original, normalised [start, end), original [start, end)
    ("mark_after", "10%\u200e x", (0, 3), (0, 3)),
    ("marks_after", "10%\u200f\u061c\u200e x", (0, 3), (0, 3)),
    ("mark_before", "\u200e10%", (0, 3), (1, 4)),
    ("harakat_after", "كتابٌ ثم", (0, 4), (0, 5)),
    ("tatweel_after", "هـ ثم", (0, 1), (0, 2)),
    ("tatweel_then_mark", "هـ\u200f ثم", (0, 1), (0, 2)),
    ("mark_then_tatweel", "10\u200fـ", (0, 2), (0, 2)),
    # two separate runs of marks before the claim: both shifts count
    ("marks_before_twice", "ا\u200e ب\u200f 10%", (4, 7), (6, 9)),
    ("marks_before_and_after", "ا\u200e ب\u200f 10%\u200e", (4, 7), (6, 9)),
]


@pytest.mark.parametrize("original, norm_span, orig_span", [c[1:] for c in SPANS],
                         ids=[c[0] for c in SPANS])
def test_span_maps_back_without_the_marks_around(original, norm_span, orig_span):
    n = Normalized.of(original)
    assert n.span(*norm_span) == orig_span


def test_to_text_maps_each_original_offset():
    # «أ», two invisible marks, «ب ١٠%», a mark, «ج»: a dropped character maps to
    # the normalised position of the next character kept
    n = Normalized.of("أ\u200e\u200fب ١٠%\u200eج")
    assert n.text == "اب 10%ج"
    assert [n.to_text(o) for o in range(len(n.original) + 1)] == [0, 1, 1, 1, 2, 3, 4, 5, 6, 6, 7]


FOLDS = [
    # id, text, folded: short strings go through one translate, long ones (48+
    # characters, a table cell or a paragraph) through replace passes: same result
    ("short", "إجماليّ ٣٫٥", "اجمالي 3.5"),
    ("long", "إجماليّ ٣٫٥ \u200fمليونـاً؛ " * 5, "اجمالي 3.5 مليونا؛ " * 5),
    ("long-persian-digits", "نحو ۱۲۳ ألفاً من اللاجئين في ٢٠٢٤ بحسب المفوضية السامية",
     "نحو 123 الفا من اللاجئين في 2024 بحسب المفوضيه الساميه"),
]


@pytest.mark.parametrize("text, folded", [c[1:] for c in FOLDS], ids=[c[0] for c in FOLDS])
def test_fold_short_and_long(text, folded):
    from claimcheck.text.normalize import fold

    assert fold(text) == folded
    assert Normalized.of(text).text == folded
