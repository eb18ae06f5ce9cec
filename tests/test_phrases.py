"""lang/phrases: a list of Arabic phrases found in text with their clitics."""
from __future__ import annotations

import pytest

from claimcheck.lang.phrases import PhraseFinder

FINDER = PhraseFinder({"العراق": ["IQ"], "البنك المركزي": ["cb"], "مساحة": ["area"],
                       "السكان": ["pop"], "قطر": ["QA"]},
                      possessives=["مساحة", "السكان"])


@pytest.mark.parametrize("text,expected", [
    ("في العراق", [("العراق", ("IQ",))]),
    ("وللعراق", [("وللعراق", ("IQ",))]),              # و + ل, ل swallowing the alif
    ("فبالعراق", [("فبالعراق", ("IQ",))]),
    ("قال البنكُ المركزيُّ", [("البنكُ المركزيُّ", ("cb",))]),  # harakat kept in the span
    ("البنك  المركزي", [("البنك  المركزي", ("cb",))]),          # any run of spaces
    ("مساحتها كبيرة", [("مساحتها", ("area",))]),     # ة written ت before a pronoun
    ("عدد سكانهم", [("سكانهم", ("pop",))]),
    # negatives
    ("العراقيين", []),                                # a longer word
    ("قطرها عشرة أمتار", []),                         # a name takes no pronoun: "its diameter"
    ("الالعراق", []),
], ids=[f"p{i}" for i in range(10)])
def test_find(text: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    hits = FINDER.find(text)
    assert [(h.text, h.values) for h in hits] == expected
    for h in hits:
        assert text[h.start:h.end] == h.text


def test_values_of_one_phrase_written_twice_are_merged() -> None:
    f = PhraseFinder({"الأردن": ["JO"], "الاردن": ["JO", "x"]})
    assert f.values == {"الاردن": ("JO", "x")}
    assert len(PhraseFinder({})) == 0 and PhraseFinder({}).find("أي نص") == []
