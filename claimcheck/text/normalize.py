"""The Arabic text layer: one normalised view of a document with a map back.

Arabic news text hides the same word behind many code points:

* three digit scripts — Western 0-9, Arabic-Indic ٠-٩ and Persian ۰-۹;
* hamza seats on alif (أ إ آ ٱ), alif maqsura ى for final ي, and ta marbuta ة
  written as ه — editors and keyboards disagree, so we match them as one letter;
* harakat (short vowels, tanween, shadda, sukun), the elongation tatweel ـ
  (``بـ5``) and invisible bidi marks (U+200E/F, U+061C, U+202A–E, U+2066–9)
  carry no meaning for a number and are dropped.

Letters and digits are mapped one-to-one with :py:meth:`str.translate`; dropped
characters are recorded so that every offset in the normalised text maps back
into the original, and ``document[start:end] == text`` holds for every claim.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Iterator

from claimcheck.lang import recache

# One-to-one replacements (same length, so offsets are untouched).
_ONE_TO_ONE = {
    **{ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")},
    **{ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")},
    ord("أ"): "ا", ord("إ"): "ا", ord("آ"): "ا", ord("ٱ"): "ا",
    ord("ى"): "ي", ord("ة"): "ه",
    ord("ی"): "ي", ord("ک"): "ك", ord("ھ"): "ه", ord("ۀ"): "ه",  # Persian/Urdu keyboard forms
    ord("٫"): ".",   # Arabic decimal separator
    ord("٬"): ",",   # Arabic thousands separator
    ord("٪"): "%",   # Arabic percent sign
    ord("\u00a0"): " ", ord("\u202f"): " ", ord("\u2009"): " ", ord("\u2007"): " ",
    ord("\t"): " ", ord("\r"): " ",
    ord("\u2010"): "-", ord("\u2011"): "-", ord("\u2012"): "-", ord("\u2013"): "-",
    ord("\u2212"): "-",
}

#: Characters that carry no meaning for a quantity: harakat (U+064B–U+0652),
#: superscript alif U+0670, tatweel U+0640, bidi and zero-width marks, BOM.
IGNORABLE = "\u064b-\u0652\u0670\u0640\u200b-\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff"
_IGNORABLE_FAST = recache.compile(f"[{IGNORABLE}]+")  # the C engine scans a plain class faster
_IGNORABLE_CHARS = tuple(
    chr(c) for c in [*range(0x064B, 0x0653), 0x0670, 0x0640, *range(0x200B, 0x2010), 0x061C,
                     *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF])
_PAIRS = tuple((chr(k), v) for k, v in _ONE_TO_ONE.items())
#: Marks that belong to the letter before them (kept at the end of a span).
#: Tatweel is kept too: the Hijri mark is written ``هـ`` with it.
_COMBINING = frozenset(chr(c) for c in range(0x064B, 0x0653)) | {"\u0670", "\u0640"}


#: The same mapping as one translate table (dropped characters map to None).
_FOLD_TABLE = {**_ONE_TO_ONE, **dict.fromkeys(range(1611, 1619)), 0x0670: None, 0x0640: None,
               **dict.fromkeys(range(8203, 8208)), 0x061C: None,
               **dict.fromkeys(range(8234, 8239)), **dict.fromkeys(range(8294, 8298)),
               0xFEFF: None}
#: Below this length one str.translate beats thirty str.replace passes.
_SHORT = 48


def fold(text: str) -> str:
    """Normalise a short string (lexicon entry, table cell) the same way as documents.

    >>> fold("إجماليّ ٣٫٥")
    'اجمالي 3.5'
    """
    if len(text) < _SHORT:
        return text.translate(_FOLD_TABLE)
    for src, dst in _PAIRS:
        if src in text:
            text = text.replace(src, dst)
    return _IGNORABLE_FAST.sub("", text)


def unmarked(text: str) -> str:
    """``text`` less what :func:`fold` drops (harakat, tatweel, bidi marks), its
    letters kept as written: the spelling that tells apart two abbreviations that
    fold alike (``د.أ`` the Jordanian dinar, ``د.إ`` the UAE dirham).

    >>> unmarked("د.أ.\u200f")
    'د.أ.'
    """
    return _IGNORABLE_FAST.sub("", text)


@dataclass(frozen=True, slots=True)
class Normalized:
    """A document and its normalised view, with the map between their offsets."""

    original: str
    text: str
    #: For the i-th run of dropped characters: (normalised position, total dropped so far).
    _gaps: tuple[int, ...]
    _shift: tuple[int, ...]
    #: Original offset where each run of dropped characters starts.
    _ostarts: tuple[int, ...] = ()
    #: :meth:`segment_hits` by vocabulary (identity), once computed
    _hits: list[tuple[frozenset[str], list[tuple[int, int, set[str]]]]] = field(
        default_factory=list, compare=False, repr=False)
    #: vocabularies announced by :meth:`watch`
    _watch: list[frozenset[str]] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def of(cls, original: str) -> Normalized:
        # str.replace per variant letter present is ~5× faster than str.translate
        # with a dict table on Arabic text (CPython has no fast path for it).
        translated = original
        for src, dst in _PAIRS:
            if src in translated:
                translated = translated.replace(src, dst)
        # The dropped characters are found with str.find, one character at a time
        # (a C scan ~25× faster than a regex character class over Arabic text);
        # most are absent from most documents, the rest are gathered in order.
        positions: list[int] = []
        for ch in _IGNORABLE_CHARS:
            k = translated.find(ch)
            while k >= 0:
                positions.append(k)
                k = translated.find(ch, k + 1)
        if not positions:
            return cls(original, translated, (), ())
        positions.sort()
        pieces: list[str] = []
        gaps: list[int] = []
        shifts: list[int] = []
        ostarts: list[int] = []
        dropped = 0
        last = 0
        i, n = 0, len(positions)
        while i < n:
            # a run of dropped characters [a, b) (original offsets: the
            # replacements above keep lengths)
            a = b = positions[i]
            while i < n and positions[i] == b:
                b += 1
                i += 1
            pieces.append(translated[last:a])
            ostarts.append(a)
            gaps.append(a - dropped)
            dropped += b - a
            shifts.append(dropped)
            last = b
        pieces.append(translated[last:])
        return cls(original, "".join(pieces), tuple(gaps), tuple(shifts), tuple(ostarts))

    @property
    def has_gaps(self) -> bool:
        """Were any characters dropped (else offsets are the same in both texts)?"""
        return bool(self._gaps)

    def to_text(self, o: int) -> int:
        """Normalised offset of the original offset ``o`` (a dropped character maps to
        the position of the next kept one)."""
        if not self._gaps:
            return o
        i = bisect_right(self._ostarts, o)
        if i == 0:
            return o
        i -= 1
        gap, shift = self._gaps[i], self._shift[i]
        return gap if o < gap + shift else o - shift  # inside the run, or after it

    def to_original(self, n: int) -> int:
        """Original offset of the normalised character at ``n``."""
        if not self._gaps:
            return n
        i = bisect_right(self._gaps, n)
        return n + (self._shift[i - 1] if i else 0)

    def to_original_sorted(self, positions: list[int]) -> list[int]:
        """:meth:`to_original` of each of ``positions`` (in increasing order), in one
        walk over the dropped runs."""
        gaps = self._gaps
        if not gaps or not positions:
            return positions[:]
        shifts = self._shift
        i = bisect_right(gaps, positions[0])
        last = len(gaps)
        shift = shifts[i - 1] if i else 0
        out = []
        for n in positions:
            while i < last and gaps[i] <= n:
                shift = shifts[i]
                i += 1
            out.append(n + shift)
        return out

    def segment_words(self) -> list[tuple[int, int, list[str]]]:
        """The words of the normalised text, segment by segment (see :func:`segments`):
        ``(a, b, words)``. A word is what stands between spaces once the
        punctuation that sticks to words (``STICKY``) is taken off; the list is
        only intersected with vocabularies (:meth:`segment_hits`), positions come
        from the text."""
        return list(self._segment_words())

    def _segment_words(self) -> Iterator[tuple[int, int, list[str]]]:
        t = self.text
        for a, b in segments(t):
            flat = t[a:b]
            for ch in STICKY:
                if ch in flat:
                    flat = flat.replace(ch, " ")
            yield a, b, flat.split()

    def watch(self, vocabulary: frozenset[str]) -> None:
        """Announce a vocabulary that :meth:`segment_hits` will be asked for: it is
        then found in the same listing of the text's words as the first one asked
        for (``check`` announces the tables' names before extraction lists the
        text's number words)."""
        if not any(v is vocabulary for v in self._watch):
            self._watch.append(vocabulary)

    def segment_hits(self, vocabulary: frozenset[str]) -> list[tuple[int, int, set[str]]]:
        """The words of ``vocabulary`` that each segment holds: ``(a, b, words)`` for
        the segments that hold any, in order.

        The text's words are listed once for this vocabulary and every one
        announced with :meth:`watch` (one C-speed set intersection per segment,
        against their union) and are not kept: a chunk's words are some 3 MB.
        """
        for v, hits in self._hits:
            if v is vocabulary:
                return hits
        done = [v for v, _ in self._hits]
        wanted = [vocabulary] + [v for v in self._watch if v is not vocabulary
                                 and not any(v is d for d in done)]
        union = _union(wanted)
        outs: list[list[tuple[int, int, set[str]]]] = [[] for _ in wanted]
        if len(wanted) == 1:
            out = outs[0]
            for a, b, words in self._segment_words():
                found = union.intersection(words)
                if found:
                    out.append((a, b, found))
        else:
            pairs = list(zip(wanted, outs, strict=True))
            for a, b, words in self._segment_words():
                found = union.intersection(words)
                if found:
                    for v, out in pairs:
                        h = found.intersection(v)
                        if h:
                            out.append((a, b, h))
        self._hits.extend(zip(wanted, outs, strict=True))
        return outs[0]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of the normalised span ``[start, end)``.

        The end is extended over the harakat and tatweel written after the last
        character (``شريكاً`` keeps its tanween, the Hijri mark ``هـ`` its tatweel) but
        never over an invisible mark after it (U+200E/U+200F, U+061C…): those
        belong to the text around the claim.

        >>> n = Normalized.of("10%\u200f هـ")
        >>> n.span(0, 3), n.span(4, 5)
        ((0, 3), (5, 7))
        """
        gaps = self._gaps
        if not gaps:
            return start, end
        # to_original of start and of end - 1, written out (called for every claim)
        i = bisect_right(gaps, start)
        ostart = start + (self._shift[i - 1] if i else 0)
        i = bisect_right(gaps, end - 1)
        oend = end + (self._shift[i - 1] if i else 0)
        orig = self.original
        n = len(orig)
        while oend < n and orig[oend] in _COMBINING:
            oend += 1
        return ostart, oend


#: unions of the vocabularies read together by Normalized.segment_hits (the same
#: few, chunk after chunk), by their identities; the vocabularies are held so
#: that the identities stay theirs
_UNIONS: dict[tuple[int, ...], tuple[tuple[frozenset[str], ...], frozenset[str]]] = {}


def _union(vocabularies: list[frozenset[str]]) -> frozenset[str]:
    if len(vocabularies) == 1:
        return vocabularies[0]
    key = tuple(map(id, vocabularies))
    got = _UNIONS.get(key)
    if got is None:
        if len(_UNIONS) >= 8:
            _UNIONS.clear()
        got = _UNIONS[key] = (tuple(vocabularies), frozenset().union(*vocabularies))
    return got[1]


#: Punctuation that may stick to a word (``«مصر»،`` ``(خمسة+واحد)``): taken off to
#: list a text's words.
STICKY = tuple(".,،:;؛!?؟()[]{}<>«»\"“”‘’'/\\|-_…*+=&%#@~^`$")

#: Segments of :func:`segments`: long enough to amortise per-segment work, short
#: enough that searching a segment for a word it holds stays cheap.
SEGMENT = 4096


def segments(t: str, size: int = SEGMENT) -> Iterator[tuple[int, int]]:
    """``t`` cut into ``[a, b)`` pieces: paragraphs, long ones cut at a space.

    The characters between pieces (the newline or space cut at) belong to none.

    >>> list(segments("ab cd\nef", size=4))
    [(0, 2), (3, 5), (6, 8)]
    """
    n = len(t)
    pos = 0
    while pos < n:
        end = t.find("\n", pos, pos + size)
        if end < 0:
            end = n if n - pos <= size else t.rfind(" ", pos, pos + size)
            if end <= pos:  # no space to cut at: cut anywhere, lose nothing
                end = pos + size
                yield pos, end
                pos = end
                continue
        if end > pos:
            yield pos, end
        pos = end + 1
