"""The clauses of a sentence's figures: where the words between two figures
stop being the first one's and start being the second one's.

Copy lists several figures in one sentence, each with its own words::

    بلغت نفقات الموازنة 24.5 مليار دينار والإيرادات 18.7 مليار دينار
                        └── figure 1 ──┘└──── figure 2's clause ────┘

«والإيرادات» opens the second figure's clause: it names what 18.7 billion is,
not what 24.5 billion is. A clause opens at a mark (، , : ؛), at a word that
starts one wherever it stands (بينما، فيما، مقابل، بعدما، أي…), or at the
conjunction و glued to the start of a noun or verb phrase (والإيرادات،
وللكويت، وفي 2010، وكان). The cues live in ``lang/data/clauses.toml``.

Between two figures, the words before the first boundary are the first
figure's, the words from the last boundary on are the second's; words between
two boundaries (a clause of its own) belong to neither.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from claimcheck.lang.clitics import CONJUNCTIONS
from claimcheck.lang.lexicon import forms, load, trie_pattern
from claimcheck.text.normalize import fold
from claimcheck.lang import recache

if TYPE_CHECKING:
    from claimcheck.checking.context import Document
    from claimcheck.model import Claim

#: A word of the folded text (as :data:`claimcheck.checking.context.WORD`).
_WORD = recache.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Cues:
    """The clause cues of ``clauses.toml``, folded."""

    marks: str
    openers: frozenset[str]
    conjunction: str
    prefixes: tuple[str, ...]
    after_conjunction: frozenset[str]

    def opens(self, w: str) -> bool:
        """Does the folded word ``w`` open a clause?"""
        if w in self.openers:
            return True
        if w[:1] in CONJUNCTIONS and w[1:] in self.openers:
            return True
        if w.startswith(self.conjunction) and len(w) > 3:
            rest = w[len(self.conjunction):]
            return rest in self.after_conjunction or (rest.startswith(self.prefixes) and len(rest) > 3)
        return False


@lru_cache(maxsize=1)
def cues() -> Cues:
    data = load("clauses")
    return Cues(
        marks="".join(fold(m) for m in data["marks"]),
        openers=frozenset(forms(data["openers"], where="clauses.toml openers")),
        conjunction=fold(data["conjunction"]),
        prefixes=tuple(forms(data["after_conjunction_prefixes"], where="clauses.toml prefixes")),
        after_conjunction=frozenset(forms(data["after_conjunction_words"],
                                          where="clauses.toml after_conjunction_words")),
    )


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    """One pattern for every clause boundary: a mark, an opener (a conjunction
    may be glued to it), or و glued to the start of a noun or verb phrase."""
    c = cues()
    marks = "[" + re.escape(c.marks) + "]"
    openers = trie_pattern(sorted(c.openers))
    after = trie_pattern(sorted(c.after_conjunction))
    prefixes = "|".join(re.escape(p) for p in c.prefixes)
    conj = re.escape(c.conjunction)
    return recache.compile(
        rf"(?P<mark>{marks})"
        rf"|(?<!\w)(?:[وف]?(?:{openers})|{conj}(?:{after})|{conj}(?:{prefixes})\w{{2,}})(?!\w)")


def boundaries(folded: str, a: int, b: int) -> tuple[int, int, int, int] | None:
    """Where the clause of the figure before ``[a, b)`` of the folded text ends
    and that of the figure after it begins: ``(k, m, x, y)`` — the first
    figure's words are ``words[:k]`` of the words of ``[a, b)``, ending before
    offset ``x``; the second's ``words[m:]``, from offset ``y``. None when
    nothing between the figures opens a clause.

    >>> boundaries(fold(" دينار والايرادات "), 0, 18)
    (1, 1, 6, 7)
    """
    first = last = None
    for m in _pattern().finditer(folded, a, b):
        if first is None:
            first = m
        last = m
    if first is None or last is None:
        return None
    findall = _WORD.findall
    # the first figure's clause ends before the first boundary (a mark, or the
    # word that opens the next clause); the second's starts after the last mark
    # or at the last opening word
    x = first.start()
    y = last.end() if last.group("mark") else last.start()
    k = len(findall(folded, a, x))
    m = k if first is last and first.group("mark") is None else len(findall(folded, a, y))
    # the words between the previous word and a mark (none) are no one's
    return k, m, _word_end(folded, a, x), y


def _word_end(folded: str, a: int, x: int) -> int:
    """The end of the last word before ``x`` (``a`` when there is none)."""
    k = x
    while k > a and not (folded[k - 1].isalnum() and folded[k - 1] != "_"):
        k -= 1
    return k


def clause(doc: Document, c: Claim, si: int) -> tuple[int, int]:
    """The claim's own clause in sentence ``si`` of ``doc``, ``[a, b)`` of the
    folded text: its stretch (``Document.window``) without the clauses of the
    neighbouring claims' words (see :func:`boundaries`)."""
    lo, hi, claim_before, claim_after = doc.window(c, si)
    to_text, off = doc.norm.to_text, doc.off
    a, b = to_text(lo - off), to_text(hi - off)
    if claim_before:
        cut = doc.clause_cut(a, to_text(c.start - off))
        if cut:
            a = cut[3]
    if claim_after:
        cut = doc.clause_cut(to_text(c.end - off), b)
        if cut:
            b = cut[2]
    return a, b


def entities_in(doc: Document, si: int, a: int, b: int) -> set[str]:
    """The table entities named in ``[a, b)`` of the folded text (sentence ``si``)."""
    doc.named  # noqa: B018 - fills named_at
    out: set[str] = set()
    for k, ents in doc.named_at.get(si, ()):
        if a <= k < b:
            out.update(ents)
    return out
