"""Finding a list of Arabic words and phrases in text, clitics and all.

A name or keyword in running text carries the clitics Arabic writes on the front
of a word (:mod:`claimcheck.lang.clitics`): a conjunction, then a preposition —
and ل before the article swallows its alif (ل + العراق is written للعراق). The
phrases are folded like documents (:func:`claimcheck.text.normalize.fold`) and
compiled once into one prefix-tree pattern on the standard ``re`` engine; a
match must stand between non-letters, so مصر is not found inside مصرف.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from claimcheck.lang import recache
from claimcheck.lang.clitics import ARTICLE, CONJ_PREP_PATTERN, L_ARTICLE
from claimcheck.lang.lexicon import trie_pattern
from claimcheck.text.normalize import Normalized, fold

T = TypeVar("T")

#: The pronouns written on the end of a noun (folded: ة is ه): his, her/its,
#: their, their two, their (f.).
POSSESSIVES = ("ه", "ها", "هم", "هما", "هن")


def key(phrase: str) -> str:
    """A phrase as it is looked up: folded, spaces collapsed."""
    return " ".join(fold(phrase).split())


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    """A phrase found: ``text[start:end]`` (with its clitics), and its values."""

    start: int
    end: int
    text: str
    phrase: str            # the folded phrase without clitics
    values: tuple[T, ...]


class PhraseFinder(Generic[T]):
    """``PhraseFinder({"العراق": ("IQ",)}).find("وللعراق")`` → one hit, values ("IQ",)."""

    def __init__(self, table: Mapping[str, Iterable[T]], *,
                 possessives: Iterable[str] = ()) -> None:
        """``possessives``: phrases of ``table`` also found with an attached pronoun
        (السكان → سكانها "its population", صادرات → صادراتهم), ة written ت
        before it (مساحة → مساحتها); a pronoun never follows the article."""
        values: dict[str, list[T]] = {}
        for phrase, vs in table.items():
            k = key(phrase)
            if not k:
                continue
            bucket = values.setdefault(k, [])
            bucket.extend(v for v in vs if v not in bucket)
        self.values: dict[str, tuple[T, ...]] = {k: tuple(v) for k, v in values.items() if v}
        # a phrase with the article also as ل writes it (للعراق); the
        # conjunction and preposition before it are matched by the pattern
        surface = {L_ARTICLE + k[len(ARTICLE):]: k for k in self.values if k.startswith(ARTICLE)}
        for k in {key(p) for p in possessives} & set(self.values):
            bare = k.removeprefix(ARTICLE)
            stem = bare[:-1] + "ت" if bare.endswith("ه") else bare
            for p in POSSESSIVES:
                surface.setdefault(stem + p, k)
        surface.update((k, k) for k in self.values)
        self._surface = surface
        self._pattern = (recache.compile(r"(?<!\w)" + CONJ_PREP_PATTERN + "(" + trie_pattern(surface)
                                    + r")(?!\w)") if surface else None)

    def __len__(self) -> int:
        return len(self.values)

    def holds(self, chars: str) -> bool:
        """Can a hit hold one of ``chars``? (The clitics before a phrase are letters.)"""
        return any(c in form for form in self._surface for c in chars)

    def iter_folded(self, folded: str) -> Iterator[tuple[int, int, str, tuple[T, ...]]]:
        """Hits in already folded text: ``(start, end, phrase, values)``, offsets into it."""
        if self._pattern is None:
            return
        for m in self._pattern.finditer(folded):
            phrase = self._surface[" ".join(m.group(1).split())]
            yield m.start(), m.end(), phrase, self.values[phrase]

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Hit[T]]:
        """Hits in ``text[start:end]``, in order, with offsets into ``text``."""
        piece = text[start:end]
        norm = Normalized.of(piece)
        out: list[Hit[T]] = []
        for a, b, phrase, values in self.iter_folded(norm.text):
            oa, ob = norm.span(a, b)
            out.append(Hit(start + oa, start + ob, piece[oa:ob], phrase, values))
        return out

    def find_normalized(self, norm: Normalized, start: int = 0,
                        end: int | None = None) -> list[Hit[T]]:
        """Hits in the normalised span ``[start, end)`` of a document normalised
        already (no second pass over it), with offsets into the original."""
        out: list[Hit[T]] = []
        for a, b, phrase, values in self.iter_folded(norm.text[start:end]):
            oa, ob = norm.span(start + a, start + b)
            out.append(Hit(oa, ob, norm.original[oa:ob], phrase, values))
        return out
