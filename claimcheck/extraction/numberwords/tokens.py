"""Word tokens of the number-word grammar: a letter run split from its clitics
(``وبخمسة`` → و ب + خمسة) with its readings, or digits (``3 ملايين``), read
lazily from an offset on (only as far as the grammar looks).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from claimcheck.extraction.numberwords.lexicon import AND, LEX, PREFIXES_AT, Reading
from claimcheck.lang import relite as rx
from claimcheck.lang.digits import DIGIT_LITERAL, Literal, parse_literal

if TYPE_CHECKING:  # pragma: no cover
    from claimcheck.text.normalize import Normalized

SPACE = rx.compile(r"[^\S\n]*")
TOKEN = rx.compile(
    r"(?P<cl>[وفبلك]{0,2})(?P<d>" + DIGIT_LITERAL + r")(?![\p{L}\p{N}])"
    r"|(?P<w>\p{L}+)(?![\p{N}])"
)
WORDCHAR = rx.compile(r"[\p{L}\p{N}]")
_ORIG_ALEF_HAMZA = "أ"
SHADDA = "\u0651"
FATHATAN = "\u064b"
_MAX_TOKENS = 40


@dataclass(slots=True)
class Tok:
    start: int          # first character, clitics included
    wstart: int         # first character of the word proper
    end: int
    clitic: str
    word: str           # the word without its clitics
    whole: str          # the whole letter run as written (normalised)
    readings: tuple[Reading, ...]
    lit: Literal | None = None

    @property
    def article(self) -> bool:
        return self.clitic in LEX.article

    def get(self, *kinds: int) -> Reading | None:
        for r in self.readings:
            if r.kind in kinds:
                return r
        return None


@lru_cache(maxsize=1 << 16)
def split_clitics(word: str, taa: bool = False) -> tuple[str, str, tuple[Reading, ...]]:
    """Split clitics off a letter run: the whole word first, then the longest prefix.

    ``taa``: the word ends in ة in the original, so بعدة is "with several", not
    بعده "after it" (both fold to بعده).
    """
    lex = LEX
    if word in lex.not_numbers and not taa or word in lex.not_numbers_always:
        return "", word, ()
    r = lex.readings.get(word)
    if r is not None:
        return "", word, r
    for p in PREFIXES_AT.get(word[:1], ()):
        if len(word) > len(p) + 1 and word.startswith(p):
            r = lex.readings.get(word[len(p):])
            if r is not None and not (len(r) == 1 and r[0].kind == AND):
                return p, word[len(p):], r
    return "", word, ()


def _token_at(text: str, pos: int, original: Normalized | None) -> Tok | None:
    m = TOKEN.match(text, pos)
    if m is None:
        return None
    digits, whole = m.group("d", "w")
    if digits is not None:
        lit = parse_literal(digits)
        if lit is None:
            return None
        return Tok(m.start(), m.start("d"), m.end(), m.group("cl"), digits, m.group(), (), lit)
    start, end = m.span()
    taa = False
    if original is not None and whole in LEX.not_numbers and whole.endswith("ه"):
        o = original.to_original(end - 1)
        taa = original.original[o:o + 1] == "ة"
    cl, word, readings = split_clitics(whole, taa)
    if original is not None and readings and word in ("واحد", "واحده") and cl == "":
        # وأحد ("and one of") folds to واحد ("one"): the hamza tells them apart.
        o = original.to_original(start + 1)
        if original.original[o:o + 1] == _ORIG_ALEF_HAMZA:
            cl, word = "و", word[1:]
            readings = LEX.readings.get(word, ())
    if original is not None and readings and word == "ست" and cl.endswith("ال"):
        # ألست ("am I not": the question's hamza, then لست) folds to الست ("the six"),
        # whose article is never written with a hamza
        o = original.to_original(start + len(cl) - 2)
        if original.original[o:o + 1] == _ORIG_ALEF_HAMZA:
            readings = ()
    return Tok(start, start + len(cl), end, cl, word, whole, readings)


class Tokens(dict):
    """Tokens from ``pos`` on, read lazily (only as far as the grammar looks):
    ``tok[i]`` is the i-th token, None past the last one.

    A dict, so that a token read already (the grammar looks at each one many
    times) is a plain look-up; ``__missing__`` reads the ones not read yet.
    """

    __slots__ = ("text", "original", "n", "pos", "done")

    def __init__(self, text: str, pos: int, original: Normalized | None) -> None:
        super().__init__()
        self.text, self.original = text, original
        self.n = 0  # tokens read
        self.pos = pos
        self.done = False

    def __missing__(self, i: int) -> Tok | None:
        while self.n <= i and not self.done:
            if self.n >= _MAX_TOKENS:
                self.done = True
                break
            p = SPACE.match(self.text, self.pos).end() if self.n else self.pos
            t = _token_at(self.text, p, self.original)
            if t is None:
                self.done = True
                break
            self[self.n] = t
            self.n += 1
            self.pos = t.end
        return self[i] if 0 <= i < self.n else None


def prev_words(text: str, pos: int, n: int) -> list[str]:
    """Up to ``n`` letter words before ``pos`` on the same line, nearest first."""
    out: list[str] = []
    i = pos
    lo = max(0, pos - 80)
    while len(out) < n and i > lo:
        j = i
        while j > lo and text[j - 1] in " \t":
            j -= 1
        k = text.rfind(" ", lo, j) + 1
        if not (k and text[k:j].isalpha()):  # not a word after a space: letter by letter
            k = j
            while k > lo and text[k - 1].isalpha():
                k -= 1
        if k == j:
            break
        out.append(text[k:j])
        i = k
    return out
