"""The word looked up before a left-context pattern is searched (extraction.scan.LeftContext).

The look-up only saves searches: wherever it says "no match", the pattern
searched in its window must find none either. Texts are built from the heads
themselves, glued to clitics and to each other, with the signs and blanks that
may stand between a head and the number.
"""
from __future__ import annotations

import itertools
import random
import re
from dataclasses import fields

import pytest

from claimcheck.extraction import context
from claimcheck.extraction.document import ExtractionInput
from claimcheck.extraction.patterns import lexicon
from claimcheck.extraction.scan import LeftContext, Scan
from claimcheck.lang import clitics
from claimcheck.text.normalize import Normalized


def _scan(norm: Normalized) -> Scan:
    return Scan(ExtractionInput(norm, "-", 0, 1, None), lexicon())


def _contexts() -> dict[str, LeftContext]:
    lex = lexicon()
    tables = [lex.currencies, lex.months, lex.qualifiers, lex.context]
    return {f"{type(t).__name__}.{f.name}": getattr(t, f.name) for t in tables for f in fields(t)
            if isinstance(getattr(t, f.name), LeftContext)}


def test_clitic_sets_are_what_the_patterns_match() -> None:
    strings = ["".join(p) for n in range(6) for p in itertools.product("وفبكلا", repeat=n)]
    for pattern, forms in ((clitics.PATTERN, clitics.ALL), (clitics.CONJ_PATTERN, clitics.CONJ),
                           (clitics.CONJ_PREP_PATTERN, clitics.CONJ_PREP)):
        assert {s for s in strings if re.fullmatch(pattern, s)} == forms


def _pieces(contexts: dict[str, LeftContext]) -> tuple[list[str], list[str]]:
    """The words the look-up knows, and the short words, signs and blanks around them."""
    words: set[str] = set()
    for ctx in contexts.values():
        words.update(ctx.words or ())
        words.update(ctx.endings)
    others = ["من", "عام", "العام", "رقم", "مارس", "القرار", "ال", "ب", "و", "ف", "USD", "US$", "ج.م",
              "²", "x", "5", "_", " ", " ", "  ", "\n", "\t", "\u2003", "(", ")", "،", ":", "#", "«",
              "-", "/", ".", "$", "%"]
    return sorted(words), others


def _same_as_search(text: str, contexts: dict[str, LeftContext]) -> int:
    """Every context at every offset of ``text``: the look-up and a plain search agree."""
    norm = Normalized.of(text)
    t = norm.text
    x = _scan(norm)
    found = 0
    for name, ctx in contexts.items():
        for width in (8, 24, 48):
            for s in range(len(t) + 1):
                got = x.left(ctx, s, width)
                want = ctx.pattern.search(t, max(0, s - width), s) if s else None
                assert (got and got.span()) == (want and want.span()), (name, t[:s])
                found += want is not None
    return found


#: Heads glued to what follows them, signs between a head and the number.
TRICKY = [
    "في مارسمن 2020", "في مارسعام 2020", "منذ مارس من عام 2020", "كانون الثاني/يناير 2024",
    "ديسمبر (كانون الأول) 1991", "شهر مارس، 2020", "الذكرى الـ10", "الذكرى ال10", "القرار رقم (2254",
    "القرار رقم: 2254", "القرار «2254", "US$5", "بUSD 5", "USD5", "ج.م 5", "وص.ب 5", "ص.ب 5",
    "ولأكثر من 5", "أكثر من  5", "أكثر من\u20035", "أكثر من\n5", "²من 5", "xمن 5", "5من 5",
    "تراوح ما بين 3 و5", "ارتفع العدد من 10 إلى 15", "سالب 5", "منذ عام 1990", "على مدى 5 سنوات",
]


def test_word_lookup_on_tricky_phrases() -> None:
    assert _same_as_search("\n".join(TRICKY), _contexts()) > 30


@pytest.mark.parametrize("seed", range(6))
def test_word_lookup_never_hides_a_match(seed: int) -> None:
    contexts = _contexts()
    words, others = _pieces(contexts)
    rng = random.Random(seed)
    for _ in range(150):
        text = "".join(rng.choice(words if rng.random() < 0.5 else others) + rng.choice(["", " ", "", "\n",
                                                                                         " "])
                       for _ in range(rng.randint(1, 12)))
        _same_as_search(text, contexts)


def _excluded_in_full(x, s: int, e: int) -> bool:
    """context.excluded with every check run (the reference for its shortcut)."""
    t = x.t
    if context._LATIN_AFTER.match(t, e):
        return True
    if context._LATIN_WORD_BEFORE.search(t, max(0, s - 24), s) and not x.left(x.lex.currencies.symbol_before,
                                                                              s, 8):
        return True
    if context._GLUED_BEFORE.search(t[max(0, s - 3):s]):
        return True
    if not context.attached_prefix_ok(x, s):
        return True
    return bool(x.left(x.lex.context.ident_re, s, 40) or x.left(x.lex.context.time_re, s, 24))


def test_excluded_shortcut_same_as_every_check() -> None:
    rng = random.Random(3)
    pieces = ["Windows", "A", "F-", "USD", "كوفيد-", "رقم", "بـ", "و", "ال", "قال", "«", "”", "\"", "»",
              "#", "+", ":", "-", "/", " ", " ", "  ", "\n", "²", "1"]
    fixed = ["Windows 12", "Snapdragon 12", "A1 12", "F-16 12", "«iPhone» 12", "USD 12", "قال 12", "#1 12"]
    for i in range(600):
        text = fixed[i] if i < len(fixed) else (
            "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) + rng.choice(["", " "]) + "12")
        norm = Normalized.of(text)
        t = norm.text
        x = _scan(norm)
        s = len(t) - 2
        assert context.excluded(x, s, len(t)) == _excluded_in_full(x, s, len(t)), t
