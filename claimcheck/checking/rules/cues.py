"""The Arabic cues of the consistency rules, from ``lang/data/consistency.toml``.

A cue is a word or a phrase. Words are compared after folding (hamza seats,
ة/ه, ى/ي, harakat and tatweel dropped), and a cue's first word may carry the
clitics an Arabic word takes in front: the conjunctions و ف, the prepositions
ب ل ك and the article ال (``بنسبة`` is the cue ``نسبة`` after ب, ``وارتفعت``
the cue ``ارتفعت`` after و).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from claimcheck.errors import LexiconError
from claimcheck.lang import recache
from claimcheck.lang.lexicon import forms, load

#: What may be written in front of a cue's first word (و ف, then ب ل ك, then ال).
_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "ال", "وال", "فال",
            "بال", "كال", "لل", "ولل", "فلل", "وبال")


@dataclass(frozen=True, slots=True)
class Cue:
    """A list of cue phrases, matched against folded words.

    Every clitic form of the phrases is read from the start-up cache when the cue
    is first matched, not when its rule asks for its cues: a rule has many, a
    short document meets few (the sample article one of 23, ~4 ms of decoding)."""

    name: str
    folded: tuple[str, ...]  # the phrases, folded
    _forms: list[Any] = field(default_factory=list, init=False, repr=False, compare=False)

    def _expanded(self) -> tuple[frozenset[str], dict[str, tuple[tuple[str, ...], ...]], int]:
        if not self._forms:
            folded = list(self.folded)
            self._forms.append(recache.memo("cues", recache.digest(_expand, _CLITICS, folded),
                                            lambda: _expand(folded)))
        return self._forms[0]

    @property
    def words(self) -> frozenset[str]:
        """One-word cues with their clitic forms."""
        return self._expanded()[0]

    @property
    def heads(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """First word (with clitics) → the rests of the phrases, longest first."""
        return self._expanded()[1]

    @property
    def longest(self) -> int:
        return self._expanded()[2]

    def match_at(self, words: Sequence[str], i: int) -> int:
        """Length in words of the longest cue starting at ``words[i]`` (0: none)."""
        if i >= len(words) or i < 0:
            return 0
        rests = self.heads.get(words[i])
        if rests is None:
            return 0
        for rest in rests:
            n = len(rest) + 1
            if i + n <= len(words) and (not rest or tuple(words[i + 1:i + n]) == rest):
                return n
        return 0

    def starts(self, words: Sequence[str]) -> int:
        return self.match_at(words, 0)

    def ends(self, words: Sequence[str]) -> bool:
        """Whether ``words`` end with a cue."""
        n = len(words)
        return any(self.match_at(words, n - k) == k for k in range(1, min(self.longest, n) + 1))

    def find(self, words: Sequence[str]) -> int:
        """Index of the first word where a cue starts (-1: none)."""
        heads = self.heads
        for i, w in enumerate(words):
            if w in heads and self.match_at(words, i):
                return i
        return -1

    def __contains__(self, word: str) -> bool:
        return word in self.words


def _cue(name: str, values: list[str]) -> Cue:
    # every clitic form of every cue: built once, kept across runs (lang/recache.py)
    return Cue(name, tuple(forms(values, where=f"consistency.toml: {name}")))


def _expand(folded: list[str]) -> tuple[frozenset[str], dict[str, tuple[tuple[str, ...], ...]], int]:
    single: set[str] = set()
    heads: dict[str, list[tuple[str, ...]]] = {}
    longest = 1
    for f in folded:
        parts = f.split()
        rest = tuple(parts[1:])
        for c in _CLITICS:
            heads.setdefault(c + parts[0], []).append(rest)
            if not rest:
                single.add(c + parts[0])
        longest = max(longest, len(parts))
    ordered = {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in heads.items()}
    return frozenset(single), ordered, longest


@cache
def cues(rule: str) -> dict[str, Cue]:
    """The cues of one rule (a table of ``consistency.toml``), by name."""
    table = load("consistency").get(rule)
    if not isinstance(table, dict) or not table:
        raise LexiconError(f"consistency.toml: no cues for the rule {rule!r}")
    out = {}
    for name, values in table.items():
        if not isinstance(values, list):
            raise LexiconError(f"consistency.toml: [{rule}] {name} is not a list")
        out[name] = _cue(f"[{rule}] {name}", values)
    return out


@cache
def templates(lang: str) -> dict[str, str]:
    """The explanation templates in ``lang`` (Arabic unless English is asked for)."""
    data = load("consistency").get("explanations", {})
    t = data.get(lang if lang in data else "ar")
    if not t:
        raise LexiconError("consistency.toml: no explanation templates")
    return t
