"""Checking claims against reference facts (SPEC §3): matching, verdicts, evidence.

Pipeline for one document::

    claims ──► comparison class (count, percent, money, date, pint dimension)
           ──► candidate facts from the index (class bucket ∩ terms of the sentence)
           ──► score = entity evidence × metric evidence        (match_score, 0…1)
           ──► period filter (claim's own or nearby date)       → period_not_covered
           ──► best match; equally good facts that disagree     → ambiguous_reference
           ──► verdict rules on intervals                       → reason, delta
           ──► explanation (Arabic or English)

**Matching.** The *metric* (a keyword of the fact, its metric words, or the
claim's counted noun ``subject``) must be named in the claim's own sentence — best
in the claim's own stretch of it, between the neighbouring claims. The *entity*
may be named in the sentence (weight 1), the previous or next sentence of the
paragraph (0.9), the title (0.85) or anywhere earlier in the document (0.8) —
unless the sentence itself names another entity of the tables, which then wins.
For counts, a claim whose counted noun is not a word of the fact counts something
else and never matches.

**Verdicts.** Claim and reference are both intervals: ``4.3 مليار`` is
[4.25, 4.35]·10⁹ (its written precision), ``نحو X`` is X ± 10 %, ``أكثر من X`` is
(X, ∞); a reference with qualifier ``more_than`` is (r, ∞) too. The reference inside
the claim → supported; no overlap → contradicted (``scale_mismatch`` when a power
of 1000 would reconcile them); a partial overlap (a reference bound that neither
confirms nor refutes) → ``ambiguous_reference``. Money in another currency is
converted through the rate tables at the rate nearest the fact's period, with an
extra ±5 % (``fx_tolerance``) for the rate the writer may have used.

**Precision first.** A fact for another period, entity or metric never yields
``contradicted``; neither does a weak match (below ``contradict_threshold``).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from operator import itemgetter
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Iterable, Sequence

import regex
from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from claimcheck.checking.evidence import (Facts, explain, explain_claim_only, fmt_amount,
                                          mentions_claim_period, point_difference)
from claimcheck.lang import display
from claimcheck.model import REASON_VERDICT, CheckedClaim, Claim, Kind, Qualifier, Reason, Verdict
from claimcheck.text.normalize import Normalized, fold
from claimcheck.reference.index import Fact, Period, References, as_references, parse_iso_date, stem, stems, terms
from claimcheck.units import COUNT, DATE, MONEY, PERCENT, convert, scale_factor, unit_class

INF = None  # an open interval end


@dataclass(frozen=True, slots=True)
class Options:
    """Tunable thresholds of :func:`check` (all have documented defaults)."""

    approx: Decimal = Decimal("0.10")          # ± for approximate claims (نحو، حوالي)
    fx_tolerance: Decimal = Decimal("0.05")    # extra ± after a currency conversion
    threshold: float = 0.6                     # minimum match_score of a match
    contradict_threshold: float = 0.8          # minimum match_score to contradict
    #: a contradicted figure lies within these ratios of the reference (else it is
    #: another quantity that shares the words); scale slips are judged on their own
    plausible_low: Decimal = Decimal("0.1")
    plausible_high: Decimal = Decimal(10)
    tie: float = 0.03                          # scores this close are "equally good"
    lang: str = "ar"


# --------------------------------------------------------------------------- document context

#: A word of the folded text: its matching term is its stem.
_ALNUM_RUN = re.compile(r"[^\W_]+")


#: "Named earlier in the document" reaches this many sentences back: an article's
#: subject carries through it, not into the next article of a long file.
EARLIER_REACH = 40

#: A sentence ends at a run of spaces after . ! ? ؟ ؛ … (group 1), or at line breaks.
_SENT_END = re.compile(r"[.!?؟؛…](\s+)|\n+")
_SAME_YEAR = regex.compile(fold(r"(?:العام|السنه|عام|سنه)\s+(?:نفسه|ذاته|ذاتها|نفسها)|(?:نفس|ذات)\s+(?:العام|السنه)"))
_SINCE = fold("منذ")
_SAME, _SELF = fold("نفس"), fold("ذات")
_NONE: set[str] = set()  # shared "no entity named here" (never mutated)
_NO_TERMS: frozenset[str] = frozenset()


_SENTENCE_PUNCT = ".!?؟؛…"


def sentence_breaks(text: str) -> list[tuple[int, int]]:
    """The breaks between sentences, ``[a, b)`` in order: the spaces after . ! ? ؟ ؛ …,
    or a run of line breaks (what ``_SENT_END.finditer`` finds, spans of group 1 or
    of the match).

    The candidates are located with str.find, one character at a time (C scans
    ~30× faster than the regex over Arabic text), and only they are looked at.

    >>> sentence_breaks("قال: 4.3 مليار. ثم\n\nانتهى! ")
    [(15, 16), (18, 20), (26, 27)]
    """
    cands: list[int] = []
    for ch in _SENTENCE_PUNCT + "\n":
        k = text.find(ch)
        while k >= 0:
            cands.append(k)
            k = text.find(ch, k + 1)
    cands.sort()
    out: list[tuple[int, int]] = []
    n = len(text)
    end = 0
    for j in cands:
        if j < end:
            continue  # inside the previous break
        if text[j] == "\n":
            b = j + 1
            while b < n and text[b] == "\n":
                b += 1
            out.append((j, b))
            end = b
        elif j + 1 < n and text[j + 1].isspace():
            b = j + 2
            while b < n and text[b].isspace():
                b += 1
            out.append((j + 1, b))
            end = b
    return out


class _DocumentContext:
    """Sentences, paragraphs, title and named entities of one document (built once)."""

    def __init__(self, text: str, claims: Sequence[Claim], refs: References,
                 norm: Normalized | None = None, offset: int = 0) -> None:
        self.text = text
        # ``text`` starts at ``offset`` of its document, where the claims' offsets
        # (and the sentences' spans below) are counted; the text is read at ``- offset``
        self.off = offset
        # words are read on the folded text (harakat, tatweel and invisible marks
        # dropped, letter variants unified), through its map back to ``text``
        self.norm = norm if norm is not None and norm.original is text else Normalized.of(text)
        self.folded = self.norm.text
        # each sentence's [start, end) (two lists of numbers: no pair objects for
        # the collector to track, a chunk holds some 1,400 sentences)
        starts: list[int] = []
        ends: list[int] = []
        # paragraph number of each sentence: the newlines before its start (every
        # newline is inside a sentence break, so they are counted there)
        para: list[int] = []
        pos = nl = 0
        count = text.count
        for a, b in sentence_breaks(text):
            if a > pos:
                starts.append(pos + offset)
                ends.append(a + offset)
                para.append(nl)
            pos = b
            nl += count("\n", a, b)
        if pos < len(text):
            starts.append(pos + offset)
            ends.append(len(text) + offset)
            para.append(nl)
        if not starts:
            starts, ends, para = [offset], [len(text) + offset], [0]
        self.starts = starts
        self.ends = ends
        self.para = para
        self.refs = refs
        self._named: list[set[str]] | None = None
        self._mentions: dict[str, list[int]] = {}
        self.title_sents = self._title()
        # claims per sentence (non-date claims delimit each claim's own stretch)
        self.claims = sorted(claims, key=lambda c: c.start)
        self._claim_index = {id(c): i for i, c in enumerate(self.claims)}
        self.dates = [c for c in self.claims if c.kind is Kind.DATE]
        self.date_starts = [c.start for c in self.dates]
        self._same_year: dict[int, bool] = {}
        #: date claims that are claims about an event of the tables (تأسس عام 2015),
        #: not the time frame of the figures around them
        self.event_dates: set[int] = set()
        self._entity_ctx: dict[int, _EntityContext] = {}
        # what every claim's stretch is read against (see :func:`_window`)
        self.forms = refs.index_forms
        self.index_terms = refs.index_terms
        self.gaps = self.norm.has_gaps
        #: words of the text between two claims, read for the first and kept for
        #: the second (see :func:`_window`)
        self.between: dict[tuple[int, int], list[str]] = {}
        self._title_named: set[str] | None = None

    def _title(self) -> list[int]:
        """The first one or two short lines before the body (headline, rubric)."""
        out = []
        for i, (s, e) in enumerate(zip(self.starts[:3], self.ends[:3])):
            s, e = s - self.off, e - self.off
            seg = self.text[s:e]
            if "\n" in self.text[e:e + 1] or e == len(self.text):
                if len(seg.split()) <= 20 and not seg.rstrip().endswith("."):
                    out.append(i)
                    continue
            break
        return out if len(out) < len(self.starts) else []

    def words(self, i: int) -> list[str]:
        """The words of sentence ``i`` on the folded text, in order (read for its
        entity context, once: not kept)."""
        to_text, off = self.norm.to_text, self.off
        return _ALNUM_RUN.findall(self.folded, to_text(self.starts[i] - off), to_text(self.ends[i] - off))

    def same_year(self, i: int) -> bool:
        """Does sentence ``i`` say «في العام نفسه» or the like?"""
        v = self._same_year.get(i)
        if v is None:
            s, e = self.starts[i], self.ends[i]
            to_text, off = self.norm.to_text, self.off
            a, b = to_text(s - off), to_text(e - off)
            t = self.folded
            # every wording holds «نفس» or «ذات»: most sentences hold neither
            v = self._same_year[i] = (t.find(_SAME, a, b) >= 0 or t.find(_SELF, a, b) >= 0) \
                and bool(_SAME_YEAR.search(t, a, b))
        return v

    @property
    def named(self) -> list[set[str]]:
        """Entities of the tables named in each sentence (computed when first needed:
        only claims that have candidate facts ask)."""
        if self._named is None:
            named: list[set[str]] = [_NONE] * len(self.starts)
            # An alias is named where its first term is, a whole word, and its
            # other terms follow. Every surface form of those first terms is known
            # in advance (clitics and endings): the words of each segment are
            # intersected with them (in extraction's listing of the words when
            # check announced them, see Normalized.segment_hits), and only the few
            # forms present are searched for, in their segment.
            norm, off = self.norm, self.off
            folded = norm.text
            n = len(folded)
            forms = self.refs.alias_first_forms
            parts_of = self.refs.alias_parts_by_form
            to_original, starts = norm.to_original, self.starts
            for a, b, hits in norm.segment_hits(forms) if forms else ():
                # the segment's sentences: a name's sentence is looked for among them
                s_lo = max(0, bisect_right(starts, to_original(a) + off) - 1)
                s_hi = bisect_right(starts, to_original(b) + off)
                # names whose sentence is still to be found (in one walk, below)
                found_at: list[tuple[int, set[str] | frozenset[str]]] = []
                for w in hits:
                    singles, longer, seconds, need = parts_of[w]
                    k = folded.find(w, a, b)
                    while k >= 0:
                        e = k + len(w)
                        if (k and folded[k - 1].isalnum()) or (e < n and folded[e].isalnum()):
                            k = folded.find(w, e, b)
                            continue  # part of a longer word
                        ents: set[str] | frozenset[str] = singles
                        si = -1
                        if longer:
                            # a longer alias needs its second term as the next word: look
                            # at that one word before finding the sentence and the rest
                            m = _ALNUM_RUN.search(folded, e)
                            if m is not None and stem(m.group()) in seconds:
                                si = max(0, bisect_right(starts, to_original(k) + off, s_lo, s_hi) - 1)
                                end = norm.to_text(self.ends[si] - off)
                                following: list[str] = []
                                for m in _ALNUM_RUN.finditer(folded, e, max(e, end)):
                                    following.append(stem(m.group()))
                                    if len(following) == need:
                                        break
                                found = {key for alias, key in longer
                                         if tuple(following[:len(alias) - 1]) == alias[1:]}
                                if found:
                                    ents = found | singles
                        if ents:
                            if si < 0:
                                found_at.append((k, ents))
                            else:
                                if not named[si]:
                                    named[si] = set()
                                named[si].update(ents)
                        k = folded.find(w, e, b)
                if found_at:
                    found_at.sort(key=itemgetter(0))
                    si = s_lo
                    for o, (_, ents) in zip(norm.to_original_sorted([k for k, _ in found_at]), found_at):
                        o += off
                        while si + 1 < s_hi and starts[si + 1] <= o:
                            si += 1
                        if not named[si]:
                            named[si] = set()
                        named[si].update(ents)
            for i, ents in enumerate(named):
                for e in ents:
                    self._mentions.setdefault(e, []).append(i)
            self._named = named
        return self._named

    def entity_context(self, si: int) -> "_EntityContext":
        ctx = self._entity_ctx.get(si)
        if ctx is None:
            ctx = self._entity_ctx[si] = _EntityContext(self, si)
        return ctx

    @property
    def title_named(self) -> set[str]:
        """Entities named in the title."""
        if self._title_named is None:
            self._title_named = set().union(*(self.named[j] for j in self.title_sents))
        return self._title_named

    @property
    def mentions(self) -> dict[str, list[int]]:
        """The sentences that name each entity, in order."""
        self.named  # noqa: B018 - fills _mentions
        return self._mentions

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def window(self, c: Claim, si: int) -> tuple[int, int, bool, bool]:
        """The claim's own stretch of its sentence: between the neighbouring non-date claims.

        Also says whether each end is another claim (rather than the sentence edge).
        """
        s, e = self.starts[si], self.ends[si]
        lo, hi = s, e
        k = self._claim_index.get(id(c))
        claims = self.claims
        # the nearest claims on each side (sorted by start), within the sentence;
        # dates frame other figures, so they do not cut a figure's stretch; but a
        # date's own stretch ends at the next date (تأسس عام 2014، لا عام 2016)
        before = range(k - 1, -1, -1) if k is not None else range(len(claims) - 1, -1, -1)
        for i in before:
            o = claims[i]
            if o.end <= s:
                break
            if o is c or o.start >= e or (o.kind is Kind.DATE and c.kind is not Kind.DATE):
                continue
            if o.end <= c.start:
                lo = max(lo, o.end)
                break
        after = range(k + 1, len(claims)) if k is not None else range(len(claims))
        for i in after:
            o = claims[i]
            if o.start >= e:
                break
            if o is c or o.end <= s or (o.kind is Kind.DATE and c.kind is not Kind.DATE):
                continue
            if o.start >= c.end:
                hi = min(hi, o.start)
                break
        return lo, hi, lo != s, hi != e


# --------------------------------------------------------------------------- periods of claims


def _date_period(c: Claim) -> Period | None:
    try:
        if isinstance(c.value, str):
            p = parse_iso_date(c.value)
        elif isinstance(c.low, str) and isinstance(c.high, str):
            a, b = parse_iso_date(c.low), parse_iso_date(c.high)
            p = Period(f"{a.text}/{b.text}", a.start, b.end)
        else:
            return None
    except ValueError:
        return None
    if _SINCE in fold(c.text) or c.qualifier in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
        return Period(f"{p.text}/..", p.start, date.max)
    return p


def claim_period(c: Claim, doc: _DocumentContext, si: int) -> Period | None:
    """The period a claim speaks of: the nearest date in its sentence, or 'the same year'."""
    if c.kind is Kind.DATE:
        return None
    s, e = doc.starts[si], doc.ends[si]
    best: tuple[int, Period] | None = None
    dates = doc.dates
    first = max(0, bisect_left(doc.date_starts, s) - 1)  # a date may start just before the sentence
    for d in dates[first:]:
        if d.start >= e:
            break
        if d.end <= s or d.start in doc.event_dates:
            continue
        p = _date_period(d)
        if p is None:
            continue
        dist = c.start - d.end if d.end <= c.start else d.start - c.end
        if best is None or dist < best[0]:
            best = (dist, p)
    if best:
        return best[1]
    if doc.same_year(si):
        for d in reversed(dates[:bisect_left(doc.date_starts, s)]):
            if d.end > s:
                continue
            p = _date_period(d)
            if p is not None:
                return p
    return None


def period_compatible(cp: Period | None, fp: Period | None) -> bool:
    """Both known → they must overlap; an interval fact is a total over its span, so a
    claim dated inside it (2016 of 2014/2024) speaks of a part, not of the total."""
    if cp is None or fp is None:
        return True
    if not cp.overlaps(fp):
        return False
    if fp.is_interval and cp.end < fp.end and not cp.contains(fp):
        return cp.end.year >= fp.end.year
    return True


# --------------------------------------------------------------------------- matching


def claim_class(c: Claim) -> str:
    if c.kind in (Kind.NUMBER, Kind.ORDINAL):
        return COUNT
    if c.kind is Kind.PERCENT:
        return PERCENT
    if c.kind is Kind.MONEY:
        return MONEY
    if c.kind is Kind.DATE:
        return DATE
    return unit_class(c.unit)


def _close(a: str, t: str) -> bool:
    if a == t:
        return True
    if len(a) < 4:
        return False
    return fuzz.ratio(a, t, processor=None, score_cutoff=88) > 0


def _fuzzy_alias(alias: tuple[str, ...], words: Sequence[str], starts: list[int]) -> bool:
    """The alias occurs as consecutive terms of the context, each spelt closely
    (rapidfuzz ratio ≥ 88): ``التحالف الدولي`` is found in «التحالفَ الدوليّ», not in a
    sentence that says «تحالف» here and «دولي» twenty words later.

    The words are folded by our own normaliser and compared by their stems, so
    rapidfuzz gets no processor of its own (its default would split Arabic letters
    from their harakat). Short terms (< 4 letters) must match exactly: fuzzy scores
    on short words give false hits (طنطا ~ طن). ``starts`` are where the first term
    was found (see :func:`_fuzzy_aliases`).
    """
    k = len(alias)
    n = len(words)
    if not words or k == 0 or n < k:
        return False
    return any(i <= n - k and all(_close(a, stem(words[i + j])) for j, a in enumerate(alias[1:], start=1))
               for i in starts)


#: a long run of text meets this many different words at most before the memo of
#: :func:`_learn_words` is started afresh (memory stays flat on an archive)
_CLOSE_MEMO_MAX = 1 << 18


def _learn_words(words: set[str], refs: References) -> None:
    """Note, for each new word of the text, the first terms of the tables' short
    aliases its stem may be a spelling of: itself when it is one; a long one (≥ 4
    letters) spelt closely (rapidfuzz ratio ≥ 88, see :func:`_fuzzy_alias`).

    A word's stem is one of those first terms exactly when the word is one of
    the term's surface forms (clitics before, an ending after: known in
    advance). A stem ``t`` is spelt closely to ``a`` only if they share a
    subsequence of at least 11/14 of ``a``'s letters (ratio = 2·LCS / (|t| + |a|)
    ≥ 0.88 with LCS ≤ |t|), and then so does the word, which holds its stem: the
    words are screened against every long first term in one C call, and only
    the few that pass are stemmed and scored.
    """
    seen, memo = refs.close_seen, refs.close_firsts_memo
    if len(seen) >= _CLOSE_MEMO_MAX:
        seen.clear()
        memo.clear()
    seen.update(words)
    ws = list(words)
    exact = refs.short_first_by_form
    found: dict[str, set[str]] = {w: {exact[w]} for w in exact.keys() & ws}
    longs = refs.long_alias_firsts
    if longs:
        import numpy as np

        lcs = process.cdist(ws, longs, scorer=LCSseq.similarity, processor=None, dtype=np.int32)
        for i, j in zip(*np.nonzero(lcs >= refs.long_alias_needs)):
            w, a = ws[i], longs[j]
            t = stem(w)
            if a != t and fuzz.ratio(t, a, processor=None, score_cutoff=88):
                found.setdefault(w, set()).add(a)
    for w, firsts in found.items():
        memo[w] = tuple(sorted(firsts))


def _fuzzy_aliases(words: Sequence[str], refs: References,
                   named: set[str] | frozenset[str] = frozenset()) -> set[tuple[str, ...]]:
    """The tables' aliases of up to four terms that :func:`_fuzzy_alias` finds in the
    sentence ``words``: each alias whose first term starts like a term of the
    sentence (the same two first letters) and is spelt closely somewhere in it.
    Aliases of entities all ``named`` in the sentence already are not looked for
    (they would add nothing).

    Most sentences hold no word close to any alias: that is settled on the words
    themselves (remembered per word), without stemming the sentence.
    """
    wset = set(words)
    unseen = wset - refs.close_seen
    if unseen:
        _learn_words(unseen, refs)
    memo = refs.close_firsts_memo
    if memo.keys().isdisjoint(wset):
        return set()
    starts_of: dict[str, list[int]] = {}
    get = memo.get
    for i, w in enumerate(words):
        firsts = get(w)
        if firsts:
            for a in firsts:
                if a in starts_of:
                    starts_of[a].append(i)
                else:
                    starts_of[a] = [i]
    heads: set[str] | None = None
    by_first = refs.short_aliases_by_first
    alias_keys = refs.alias_keys
    out = set()
    for a, starts in starts_of.items():
        aliases = [al for al in by_first[a] if len(words) >= len(al) and not alias_keys[al] <= named]
        if not aliases:
            continue
        head = a[:2]
        # the first two letters of some term of the sentence: most often those of
        # the word found close to the alias itself
        if not any(stem(words[i])[:2] == head for i in starts):
            if heads is None:
                heads = {t[:2] for t in stems(words)}
            if head not in heads:
                continue
        out.update(al for al in aliases if _fuzzy_alias(al, words, starts))
    return out


@dataclass(slots=True)
class _Match:
    fact: Fact
    score: float
    entity_where: str


class _EntityContext:
    """What sentence ``si`` knows about the table entities (built once per sentence)."""

    # (holds what it reads of the document, not the document: no reference cycle,
    # so a document's words are freed as soon as it is checked)
    __slots__ = ("named", "fuzzy", "near", "si", "title_named", "mentions", "memo", "keys")

    def __init__(self, doc: _DocumentContext, si: int) -> None:
        named = doc.named
        self.si = si
        self.title_named, self.mentions = doc.title_named, doc.mentions
        self.named = named[si]
        # aliases of up to four words spelt closely in the sentence (a misspelt
        # alias still starts like the word written: only those are compared)
        self.fuzzy = _fuzzy_aliases(doc.words(si), doc.refs, self.named)
        near: set[str] = set()
        for j in (si - 1, si + 1):
            if 0 <= j < len(doc.starts) and doc.para[j] == doc.para[si]:
                near |= named[j]
        self.near = near
        self.memo: dict[tuple[tuple[str, ...], ...], tuple[float, str]] = {}
        # the entities whose weight here may be above 0 (in a stable order): only
        # their facts are scored
        alias_keys = doc.refs.alias_keys
        keys = set(self.named).union(*(alias_keys[a] for a in self.fuzzy))
        if not self.named:
            keys |= near
            keys |= doc.title_named
            # named in the EARLIER_REACH sentences before (see _weight's "earlier")
            keys.update(*named[max(0, si - EARLIER_REACH):si])
        self.keys = tuple(sorted(keys))

    def weight(self, f: Fact) -> tuple[float, str]:
        w = self.memo.get(f.entity_terms)
        if w is None:
            w = self.memo[f.entity_terms] = self._weight(f)
        return w

    def _weight(self, f: Fact) -> tuple[float, str]:
        key = f.entity_key
        if key in self.named:
            return 1.0, "sentence"
        if self.fuzzy and any(a in self.fuzzy for a in f.entity_terms):
            return 0.95, "sentence"
        if self.named:
            # the sentence names another entity of the tables: it speaks of that one
            return 0.0, ""
        if key in self.near:
            return 0.9, "neighbour"
        if key in self.title_named:
            return 0.85, "title"
        seen = self.mentions.get(key)
        if seen:
            k = bisect_left(seen, self.si)
            if k and self.si - seen[k - 1] <= EARLIER_REACH:
                return 0.8, "earlier"
        return 0.0, ""


def _find(phrase: tuple[str, ...], ts: Sequence[str | None]) -> list[int]:
    """Where ``phrase`` occurs as consecutive terms of ``ts`` (mostly None: the words
    that are no table term)."""
    first = phrase[0]
    if first not in ts:
        return []
    k = len(phrase)
    last = len(ts) - k
    out = []
    i = -1
    index = ts.index
    for _ in range(ts.count(first)):
        i = index(first, i + 1)
        if i > last:
            break
        if k == 1 or tuple(ts[i:i + k]) == phrase:
            out.append(i)
    return out


def _distance(phrase: tuple[str, ...], before: Sequence[str], inside: Sequence[str],
              after: Sequence[str], claim_before: bool = False,
              claim_after: bool = False) -> int | None:
    """Terms between the claim and the nearest occurrence of ``phrase`` in its stretch.

    A word between two claims belongs to the nearer one; at equal distance to the
    claim it follows (``10 سنوات من تشكيل التحالف، ونحو 9 أشهر``: تشكيل is the
    10 years' complement, not the 9 months').
    """
    if _find(phrase, inside):
        return 0
    best = None
    for i in _find(phrase, before):
        d = len(before) - (i + len(phrase))
        if claim_before and i <= d:
            continue  # nearer to (or as near as) the claim before it
        best = d if best is None else min(best, d)
    for i in _find(phrase, after):
        if claim_after and len(after) - (i + len(phrase)) < i:
            continue  # nearer to the claim after it
        best = i if best is None else min(best, i)
    return best


#: The most a metric scores when the stretch names only part of its words
#: (two thirds of its metric words, see :func:`_metric_strength`): above it, only
#: the metrics of ``References.strong_candidates`` can match.
STRONG_FLOOR = 0.7


def _metric_strength(c: Claim, mid: int, refs: References, before: list[str],
                     inside: list[str], after: list[str], win_set: set[str],
                     subj: set[str]) -> float:
    """How clearly the claim's own stretch of text names metric ``mid`` (0…1).

    A keyword right next to the claim counts fully; farther away it counts less
    (0.04 per term after the second, down to 0.8), so that two facts named in one
    sentence go to the claims they stand next to.
    """
    f = refs.metric_facts[mid]
    own_terms, single, keywords = refs.metric_words[mid]
    if subj:
        # the counted noun must be one of the fact's words on its own (شريكًا for
        # شريك), not one word of a longer keyword (دولة of «دولة شريكة»)
        if not subj.isdisjoint(single):
            return 1.0
        whole = any(not subj.isdisjoint(kws) and kws <= win_set
                    for kws in keywords)
        if f.klass == COUNT and not whole:
            return 0.0  # the claim counts something else
    dists = [d for kw, kws in zip(f.keyword_terms, keywords)
             if kws <= win_set
             for d in (_distance(kw, before, inside, after),) if d is not None]
    if dists:
        d = min(dists)
        # the fact whose words the text names more of is the more specific match
        # (البطالة بين الشباب beats البطالة): up to 0.06 off for naming only one
        named = len((own_terms - refs.metric_overlaps[mid]) & win_set)
        return max(0.8, 1.0 - 0.04 * max(0, d - 2)) - 0.02 * (4 - min(4, named))
    overlap = refs.metric_overlaps[mid]
    mt = [t for t in f.metric_terms if t not in overlap]
    if mt:
        cov = sum(1 for t in mt if t in win_set) / len(mt)
        if cov >= 0.999:
            return 0.8
        if cov >= 0.66:
            return 0.7
    return 0.0


@lru_cache(maxsize=4096)
def subject_terms(subject: str) -> frozenset[str]:
    """The terms of a claim's counted noun (a few hundred nouns recur across an archive)."""
    return frozenset(stem(t) for t in terms(subject))


@dataclass(slots=True)
class _Window:
    """A claim's stretch of text: the tables' terms before, inside and after the
    claim (None for any other word), and their set."""

    before: list[str | None]
    inside: list[str | None]
    after: list[str | None]
    terms: set[str | None]
    subject: frozenset[str]
    edges: tuple[bool, bool]


def _between(doc: _DocumentContext, x: int, y: int) -> list[str]:
    """The words of the folded text between two claims: read once, for both (the
    first one to read them leaves them for the other)."""
    words = doc.between.pop((x, y), None)
    if words is None:
        words = doc.between[x, y] = _ALNUM_RUN.findall(doc.folded, x, y)
    return words


def _window(c: Claim, doc: _DocumentContext, si: int) -> _Window | None:
    """The terms of the claim's own stretch of text, split around the claim; None
    when no metric or keyword term of the tables stands there (nor is the claim's
    counted noun one): then no fact of any class can match it."""
    lo, hi, claim_before, claim_after = doc.window(c, si)
    # the words before, inside and after the claim, read on the folded text
    # (each edge mapped to the folded text once)
    norm, folded, findall = doc.norm, doc.folded, _ALNUM_RUN.findall
    if doc.off:
        off = doc.off
        lo, hi, s0, e0 = lo - off, hi - off, c.start - off, c.end - off
    else:
        s0, e0 = c.start, c.end
    if doc.gaps:
        to_text = norm.to_text
        a, s0, e0, b = to_text(lo), to_text(s0), to_text(e0), to_text(hi)
    else:
        a, b = lo, hi
    before = _between(doc, a, s0) if claim_before else findall(folded, a, s0) if s0 > a else []
    inside = findall(folded, s0, e0) if e0 > s0 else []
    after = _between(doc, e0, b) if claim_after else findall(folded, e0, b) if b > e0 else []
    # words between two claims belong to the nearer one (a word midway, to both)
    if claim_before:
        before = before[len(before) // 2:]
    if claim_after:
        after = after[:(len(after) + 1) // 2]
    subj = subject_terms(c.subject) if c.subject else _NO_TERMS
    forms = doc.forms
    keys = forms.keys()
    if keys.isdisjoint(inside) and keys.isdisjoint(before) and keys.isdisjoint(after) \
            and doc.index_terms.isdisjoint(subj):
        return None
    # only the tables' own terms matter in a window (every comparison is with
    # them): any other word is None, and still counts for distances
    before, inside, after = (list(map(forms.get, ws)) for ws in (before, inside, after))
    win_set = set(before) | set(inside) | set(after)
    return _Window(before, inside, after, win_set, subj, (claim_before, claim_after))


def _matches(c: Claim, klass: str, doc: _DocumentContext, si: int, refs: References,
             opts: Options, win: _Window | None = None,
             minimum: float | None = None, mids: list[int] | None = None) -> list[tuple[float, int, str]]:
    """Groups of facts (see ``References.groups``) of ``klass`` that match the claim
    with a score of at least ``minimum`` (default: the options' threshold), best
    first, as ``(-score, group, where the entity was named)``. A group's rows (one
    per year) all score the same: they are only looked at for the best groups.
    ``mids``: the candidate metrics, when the caller has them already."""
    minimum = opts.threshold if minimum is None else minimum
    win = win or _window(c, doc, si)
    if win is None:
        return []
    before, inside, after, win_set, subj = win.before, win.inside, win.after, win.terms, win.subject
    out = []
    entities: _EntityContext | None = None
    facts, groups = refs.facts, refs.groups
    heads = refs.group_heads
    # above STRONG_FLOOR only metrics whose words the stretch holds whole can score
    if mids is None:
        mids = refs.strong_candidates(klass, win_set, subj) if minimum > STRONG_FLOOR \
            else refs.candidates(klass, win_set | subj)
    for mid in mids:
        m = _metric_strength(c, mid, refs, before, inside, after, win_set, subj)
        if m < minimum:
            continue  # an entity weighs at most 1: no fact of this metric reaches the minimum
        if entities is None:
            entities = doc.entity_context(si)
        by_key = refs.metric_groups_by_key[mid]
        for key in entities.keys:
            for g in by_key.get(key, ()):
                group = groups[g]
                w, where = entities.weight(facts[group[0]])
                score = w * m
                if score >= minimum:
                    out.append((-score, heads[g], g, where))
    out.sort()
    return [(neg, g, where) for neg, _, g, where in out]


def _best(groups: list[tuple[float, int, str]], refs: References) -> _Match:
    """The best match of :func:`_matches`' groups: the best score, then the first fact id."""
    neg, g, where = groups[0]
    return _Match(refs.facts[refs.group_heads[g][1]], -neg, where)


def _top(groups: list[tuple[float, int, str]], refs: References, cp: Period | None,
         tie: float) -> list[tuple[float, str, int, Fact, str]]:
    """The facts whose period fits the claim's, scored within ``tie`` of the best of
    them, as ``(-score, fact id, fact index, fact, where)`` in order (best score,
    then fact id)."""
    facts = refs.facts
    top: list[tuple[float, str, int, Fact, str]] = []
    floor = None
    parts = 0
    for neg, g, where in groups:
        if floor is not None and neg > floor:
            break
        group = refs.groups[g]
        # a claim without a period fits every row
        rows = group if cp is None else [i for i in group if period_compatible(cp, facts[i].period)]
        if rows:
            if floor is None:
                floor = neg + tie  # scores within ``tie`` of the best are equally good
            top.extend((neg, facts[i].id, i, facts[i], where) for i in rows)
            parts += 1
    if parts > 1:
        top.sort()  # (one group's rows are in order already: by id, then row)
    return top


def _prefer_own_unit(c: Claim, top: list[tuple[float, str, int, Fact, str]]
                     ) -> list[tuple[float, str, int, Fact, str]]:
    """Of equally good facts, those in the claim's own unit when there are some:
    a GDP imported both in dollars and in pounds is checked in the currency the
    text names, not converted (and not called ambiguous for lack of a rate)."""
    if len(top) < 2 or not c.unit or c.currency_assumed:
        return top
    own = [t for t in top if t[3].unit == c.unit]
    return own if own and len(own) < len(top) else top


def _match_of(t: tuple[float, str, int, Fact, str]) -> _Match:
    return _Match(t[3], -t[0], t[4])


# --------------------------------------------------------------------------- intervals

Interval = tuple[Decimal | None, bool, Decimal | None, bool]  # lo, lo_open, hi, hi_open


def _iv(lo: Decimal | None, hi: Decimal | None, lo_open: bool = False, hi_open: bool = False) -> Interval:
    return (lo, lo_open, hi, hi_open)


def _subset(a: Interval, b: Interval) -> bool:
    """a ⊆ b"""
    alo, alo_o, ahi, ahi_o = a
    blo, blo_o, bhi, bhi_o = b
    if blo is not None:
        if alo is None or alo < blo or (alo == blo and blo_o and not alo_o):
            return False
    if bhi is not None:
        if ahi is None or ahi > bhi or (ahi == bhi and bhi_o and not ahi_o):
            return False
    return True


def _disjoint(a: Interval, b: Interval) -> bool:
    alo, alo_o, ahi, ahi_o = a
    blo, blo_o, bhi, bhi_o = b
    if ahi is not None and blo is not None and (ahi < blo or (ahi == blo and (ahi_o or blo_o))):
        return True
    if bhi is not None and alo is not None and (bhi < alo or (bhi == alo and (bhi_o or alo_o))):
        return True
    return False


def _bound_iv(v: Decimal, q: Qualifier) -> Interval:
    if q is Qualifier.MORE_THAN:
        return _iv(v, None, lo_open=True)
    if q is Qualifier.AT_LEAST:
        return _iv(v, None)
    if q is Qualifier.LESS_THAN:
        return _iv(None, v, hi_open=True)
    return _iv(None, v)  # at_most


BOUNDS = (Qualifier.MORE_THAN, Qualifier.AT_LEAST, Qualifier.LESS_THAN, Qualifier.AT_MOST)


def _ref_iv(r: Decimal, q: Qualifier, approx: Decimal) -> Interval:
    if q in BOUNDS:
        return _bound_iv(r, q)
    if q is Qualifier.APPROXIMATE:
        h = abs(r) * approx
        return _iv(r - h, r + h)
    return _iv(r, r)


# --------------------------------------------------------------------------- verdict rules


@dataclass(slots=True)
class Judgement:
    reason: Reason
    delta: Decimal | None = None
    note: str = ""
    claim_amount: str = ""       # the claim as compared (after conversion), for explanations


def _delta(v: Decimal | None, r: Decimal) -> Decimal | None:
    if v is None or r == 0:
        return None
    d = ((v - r) / abs(r)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_EVEN)
    return d.normalize() if d != 0 else Decimal(0)


def _thousands_apart(v: Decimal, r: Decimal) -> bool:
    """Are ``v`` and ``r`` roughly a power of 1000 apart (a scale-word slip is possible)?"""
    ratio = abs(r / v)
    if ratio < 1:
        ratio = 1 / ratio
    return any(Decimal("0.5") * k <= ratio <= 2 * k for k in _POWERS)


_POWERS = (Decimal(10) ** 3, Decimal(10) ** 6, Decimal(10) ** 9)


def _near(r: Decimal) -> Interval:
    """The table's own number ±10 %: a scale slip lands near it, not merely inside a bound
    (``300 عنصر`` × 1000 is "more than 120,000" but no slip of «120 ألف»)."""
    a, b = r * Decimal("0.9"), r * Decimal("1.1")
    return _iv(min(a, b), max(a, b))


def _scaled_hits(v: Decimal, lo_hi: Interval, r_iv: Interval, bound: bool) -> bool:
    """Would the claim agree if its scale word were off by 1000^k (k ≠ 0)?"""
    for k in (1, -1, 2, -2, 3, -3):
        f = Decimal(1000) ** k
        if bound:
            c = _iv(v * f * Decimal("0.9"), v * f * Decimal("1.1")) if v >= 0 else _iv(v * f * Decimal("1.1"), v * f * Decimal("0.9"))
        else:
            lo, _, hi, _ = lo_hi
            if lo is None or hi is None:
                continue
            c = _iv(lo * f, hi * f)
        if not _disjoint(c, r_iv):
            return True
    return False


def judge_numbers(c: Claim, v: Decimal | None, low: Decimal | None, high: Decimal | None,
                  resolution: Decimal | None, f: Fact, r: Decimal, opts: Options,
                  extra_tol: Decimal = Decimal(0), coarse: bool = False) -> Judgement:
    """The verdict rules of SPEC §3 for a numeric claim already in the fact's unit.

    ``coarse``: only the verdict is wanted (no delta; a scale slip is not told
    from another wrong figure when both contradict).
    """
    r_iv = _ref_iv(r, f.qualifier, opts.approx)
    tol = f.tolerance
    q = c.qualifier
    if v is None:
        if low is None and high is None:
            return Judgement(Reason.NO_REFERENCE, note="vague amount")
        c_iv = _iv(low, high)
        bound = True
        base = None
    elif q in BOUNDS:
        c_iv = _bound_iv(v, q)
        bound = True
        base = v
    else:
        bound = False
        base = v
        if tol is not None:
            h = tol * abs(r)
        else:
            h = (resolution or Decimal(0)) / 2
            if q is Qualifier.APPROXIMATE:
                h = max(h, opts.approx * abs(v))
        strict = _iv(v - h, v + h)
        h += extra_tol * abs(v)
        c_iv = _iv(v - h, v + h)
    delta = None if coarse else _delta(base, r)
    if bound and base is not None and v and r:
        ratio = abs(r / v)
        if (ratio >= 500 or ratio <= Decimal("0.002")) and _scaled_hits(v, c_iv, _near(r), True):
            return Judgement(Reason.SCALE_MISMATCH, delta)
    if _subset(r_iv, c_iv):
        if bound:
            return Judgement(Reason.BOUND_SATISFIED, delta)
        if v == r and f.qualifier is Qualifier.EXACT:
            return Judgement(Reason.EXACT, delta)
        if tol is not None or (extra_tol and not _subset(r_iv, strict)):
            return Judgement(Reason.WITHIN_TOLERANCE, delta)
        if q is Qualifier.APPROXIMATE:
            return Judgement(Reason.WITHIN_APPROXIMATION, delta)
        return Judgement(Reason.WITHIN_ROUNDING, delta)
    if _disjoint(r_iv, c_iv):
        if coarse and not (bound and tol is not None):
            return Judgement(Reason.VALUE_MISMATCH)
        if base is not None and base and r and _thousands_apart(base, r) \
                and _scaled_hits(base, c_iv, _near(r), bound):
            return Judgement(Reason.SCALE_MISMATCH, delta)
        if bound and tol is not None:
            lo, lo_o, hi, hi_o = c_iv
            slack = tol * abs(r)
            wide = _iv(None if lo is None else lo - slack, None if hi is None else hi + slack, lo_o, hi_o)
            if _subset(r_iv, wide):
                return Judgement(Reason.WITHIN_TOLERANCE, delta)
        return Judgement(Reason.BOUND_VIOLATED if bound else Reason.VALUE_MISMATCH, delta)
    return Judgement(Reason.AMBIGUOUS_REFERENCE, delta,
                     note="reference_bound")


def judge_date(c: Claim, f: Fact) -> Judgement:
    try:
        rp = parse_iso_date(str(f.value))
    except ValueError:
        return Judgement(Reason.INCOMPARABLE_UNITS)
    cp = None
    if isinstance(c.value, str):
        try:
            cp = parse_iso_date(c.value)
        except ValueError:
            cp = None
    elif isinstance(c.low, str) and isinstance(c.high, str):
        try:
            a, b = parse_iso_date(c.low), parse_iso_date(c.high)
            cp = Period("", a.start, b.end)
        except ValueError:
            cp = None
    if cp is None:
        return Judgement(Reason.INCOMPARABLE_UNITS)
    lo, hi = Decimal(cp.start.toordinal()), Decimal(cp.end.toordinal())
    q = c.qualifier
    if q is Qualifier.MORE_THAN:
        c_iv = _iv(hi, None, lo_open=True)
    elif q is Qualifier.AT_LEAST:
        c_iv = _iv(lo, None)
    elif q is Qualifier.LESS_THAN:
        c_iv = _iv(None, lo, hi_open=True)
    elif q is Qualifier.AT_MOST:
        c_iv = _iv(None, hi)
    elif q is Qualifier.APPROXIMATE:
        c_iv = _iv(lo - 366, hi + 366)
    else:
        c_iv = _iv(lo, hi)
    r_lo, r_hi = Decimal(rp.start.toordinal()), Decimal(rp.end.toordinal())
    r_iv = _ref_iv(r_lo, f.qualifier, Decimal(0)) if f.qualifier in BOUNDS else _iv(r_lo, r_hi)
    if _subset(r_iv, c_iv):
        if q in BOUNDS:
            return Judgement(Reason.BOUND_SATISFIED)
        if q is Qualifier.APPROXIMATE:
            return Judgement(Reason.WITHIN_APPROXIMATION)
        return Judgement(Reason.EXACT)
    if _disjoint(r_iv, c_iv):
        return Judgement(Reason.DATE_MISMATCH)
    return Judgement(Reason.AMBIGUOUS_REFERENCE, note="date_precision")


def judge(c: Claim, f: Fact, refs: References, opts: Options,
          cp: Period | None, coarse: bool = False) -> Judgement:
    """Compare one claim with one fact of the same comparison class (``coarse``:
    only the verdict of the judgement is wanted, see :func:`judge_numbers`)."""
    if f.klass == DATE:
        return judge_date(c, f)
    r = f.value
    assert isinstance(r, Decimal)
    vals = [c.value if isinstance(c.value, Decimal) else None,
            c.low if isinstance(c.low, Decimal) else None,
            c.high if isinstance(c.high, Decimal) else None]
    res = c.resolution
    extra = Decimal(0)
    note = ""
    if f.klass == MONEY and c.unit and f.unit and c.unit != f.unit:
        if c.currency_assumed:
            return Judgement(Reason.INCOMPARABLE_UNITS, note="currency_assumed")
        rc = refs.rate(c.unit, f.period, cp)
        rf = refs.rate(f.unit, f.period, cp)
        if rc is None or rf is None:
            return Judgement(Reason.NO_EXCHANGE_RATE,
                             note=f"missing:{c.unit if rc is None else f.unit}")
        factor = rc.usd_per_unit / rf.usd_per_unit
        vals = [None if x is None else _round(x * factor) for x in vals]
        res = None if res is None else res * factor
        extra = opts.fx_tolerance
        rate_date = max(d for d in (rc.date, rf.date) if d.year > 1970) if (rc.date.year > 1970 or rf.date.year > 1970) else None
        note = f"fx:{c.unit}->{f.unit}@{_fmt_factor(factor)}" + (f" ({rate_date.isoformat()})" if rate_date else "")
    elif f.klass not in (COUNT, PERCENT, MONEY) and c.unit and f.unit and c.unit != f.unit:
        try:
            vals = [None if x is None else convert(x, c.unit, f.unit) for x in vals]
            res = None if res is None else res * scale_factor(c.unit, f.unit)
        except Exception:
            return Judgement(Reason.INCOMPARABLE_UNITS)
        note = f"unit:{c.unit}->{f.unit}"
    v, lo, hi = vals
    j = judge_numbers(c, v, lo, hi, res, f, r, opts, extra, coarse)
    if coarse:
        return j
    if note and not j.note:
        j.note = note
    j.claim_amount = fmt_amount(v, f.unit, c.qualifier, opts.lang, lo, hi) if note else ""
    return j


def _plain_rows_interval(c: Claim, opts: Options) -> tuple[Decimal | None, Decimal | None] | Verdict | None:
    """The verdict of ``c`` against any *plain row* (an exact value of its class, no
    tolerance, in the claim's own unit: no conversion), as :func:`judge` with
    ``coarse`` gives it, ready for many rows at once (one per year, all tied):

    - the claim's closed interval ``(low, high)`` (None: unbounded): a row's value
      inside it supports the claim, outside it contradicts it;
    - a Verdict when it is the same whatever the row says;
    - None when other rules may apply (a bound, which a scale slip may also explain).
    """
    q = c.qualifier
    if q in BOUNDS or c.kind is Kind.DATE:
        return None
    if isinstance(c.value, Decimal):
        v, h = _figure_rows_rule(c, opts)  # type: ignore[misc]
        return v - h, v + h
    low = c.low if isinstance(c.low, Decimal) else None
    high = c.high if isinstance(c.high, Decimal) else None
    if low is None and high is None:
        return Verdict.UNVERIFIABLE  # a vague amount ("vague amount")
    return low, high


def _is_plain_row(c: Claim, f: Fact) -> bool:
    """See :func:`_plain_rows_interval`."""
    return (f.qualifier is Qualifier.EXACT and f.tolerance is None and f.klass != DATE
            and not (c.unit and f.unit and c.unit != f.unit))


def _plain_row_verdict(rule: tuple[Decimal | None, Decimal | None] | Verdict, r: Decimal) -> Verdict:
    if isinstance(rule, Verdict):
        return rule
    lo, hi = rule
    inside = (lo is None or lo <= r) and (hi is None or r <= hi)
    return Verdict.SUPPORTED if inside else Verdict.CONTRADICTED


def _figure_rows_rule(c: Claim, opts: Options) -> tuple[Decimal, Decimal] | None:
    """For a figure (a value that is not a bound, not a date): the value and the
    half-width it is read with when a row has no tolerance of its own — what
    :func:`_figure_row_verdict` needs to judge any row in the claim's unit."""
    if c.qualifier in BOUNDS or c.kind is Kind.DATE or not isinstance(c.value, Decimal):
        return None
    v = c.value
    h = (c.resolution or Decimal(0)) / 2
    if c.qualifier is Qualifier.APPROXIMATE:
        h = max(h, opts.approx * abs(v))
    return v, h


def _is_row_in_claim_unit(c: Claim, f: Fact) -> bool:
    """A numeric row compared without a conversion (see :func:`judge`)."""
    return f.klass != DATE and not (c.unit and f.unit and c.unit != f.unit)


def _figure_row_verdict(rule: tuple[Decimal, Decimal], f: Fact, opts: Options) -> Verdict:
    """The verdict of :func:`judge` (``coarse``) for a figure and a row in its unit,
    whatever the row's qualifier and tolerance: the claim is ``v ± h`` (a row's
    tolerance sets ``h``), the row a point, an interval (``approximate``) or a
    half-line (a bound); inside → supported, apart → contradicted, overlapping
    → unverifiable (``ambiguous_reference``)."""
    v, h = rule
    r = f.value
    assert isinstance(r, Decimal)
    if f.tolerance is not None:
        h = f.tolerance * abs(r)
    lo, hi = v - h, v + h
    q = f.qualifier
    if q is Qualifier.EXACT:
        return Verdict.SUPPORTED if lo <= r <= hi else Verdict.CONTRADICTED
    if q is Qualifier.APPROXIMATE:
        a = abs(r) * opts.approx
        rlo, rhi = r - a, r + a
        if lo <= rlo and rhi <= hi:
            return Verdict.SUPPORTED
        if hi < rlo or rhi < lo:
            return Verdict.CONTRADICTED
        return Verdict.UNVERIFIABLE
    # a bound: (r, ∞), [r, ∞), (-∞, r), (-∞, r] never inside a finite claim
    if q is Qualifier.MORE_THAN:
        apart = hi <= r
    elif q is Qualifier.AT_LEAST:
        apart = hi < r
    elif q is Qualifier.LESS_THAN:
        apart = r <= lo
    else:
        apart = r < lo
    return Verdict.CONTRADICTED if apart else Verdict.UNVERIFIABLE


def _round(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01")) if abs(x) >= 1 else x


def _fmt_factor(x: Decimal) -> str:
    return f"{x.quantize(Decimal('0.000001')).normalize()}"


# --------------------------------------------------------------------------- the check


def _evidence(c: Claim, m: _Match | None, reason: Reason, opts: Options, j: Judgement | None = None,
              cp: Period | None = None, note: str = "") -> CheckedClaim:
    if m is None and j is None and cp is None and not note:
        return _nothing_found(c, reason, opts)
    f = m.fact if m else None
    claim_amt = fmt_amount(c.value if not isinstance(c.value, str) else c.value,
                           c.unit if c.kind is not Kind.DATE else None, c.qualifier, opts.lang,
                           c.low, c.high)
    if c.kind is Kind.DATE and c.value is None:
        claim_amt = fmt_amount(None, None, c.qualifier, opts.lang, c.low, c.high)
    ref_amt = fmt_amount(f.value, f.unit, f.qualifier, opts.lang) if f else ""
    notes = []
    if j and j.claim_amount:
        notes.append(_note_text("converted", opts.lang, j.claim_amount))
    for n in (j.note if j else "", note):
        if n:
            notes.append(_note_text(n, opts.lang))
    text = explain(Facts(
        reason=reason, claim=f"«{c.text}» ({claim_amt})", reference=ref_amt,
        reference_id=f.id if f else "", period=f.period.text if f and f.period else "",
        claim_period=cp.text if cp else "", source=f.source if f else "",
        delta=j.delta if j else None,
        points=point_difference(c.value, c.unit, f.value, f.unit) if f and j and j.delta is not None
        else None,
        note=" ".join(n for n in notes if n)), opts.lang)
    return CheckedClaim(
        claim=c, verdict=REASON_VERDICT[reason], reason=reason,
        reference_id=f.id if f else None,
        reference_value=f.value if f else None,
        reference_unit=f.unit if f else None,
        reference_period=f.period.text if f and f.period else None,
        reference_source=f.source if f else None,
        delta=j.delta if j and reason is not Reason.PERIOD_NOT_COVERED else None,
        match_score=round(m.score, 4) if m else None,
        explanation=text,
    )


def _claim_amount(c: Claim, lang: str) -> str:
    if c.kind is Kind.DATE and c.value is None:
        return fmt_amount(None, None, c.qualifier, lang, c.low, c.high)
    return fmt_amount(c.value, c.unit if c.kind is not Kind.DATE else None, c.qualifier, lang,
                      c.low, c.high)


#: a claim's amount as explanations write it, by what it says (the same figures
#: recur across an archive: years, small counts); started afresh when full (kept
#: small, like reference._STEMS)
_AMOUNTS: dict[tuple[Any, ...], str] = {}
_AMOUNTS_MAX = 1 << 12


def _nothing_found(c: Claim, reason: Reason, opts: Options) -> CheckedClaim:
    """:func:`_evidence` without a match, judgement, period or note (most claims)."""
    lang = opts.lang
    key = (lang, c.kind is Kind.DATE, c.value, c.unit, c.qualifier, c.low, c.high)
    amount = _AMOUNTS.get(key)
    if amount is None:
        if len(_AMOUNTS) >= _AMOUNTS_MAX:
            _AMOUNTS.clear()
        amount = _AMOUNTS[key] = _claim_amount(c, lang)
    text = explain_claim_only(reason, f"«{c.text}» ({amount})", lang)
    return _unmatched(c, REASON_VERDICT[reason], reason, text)


# CheckedClaim's slots, set as its frozen __init__ sets them (object.__setattr__)
# but without its per-field lookups: the result of most claims of an archive is
# built here, in half the time
_SET = {f.name: getattr(CheckedClaim, f.name).__set__ for f in fields(CheckedClaim)}
_set_claim, _set_verdict, _set_reason, _set_explanation = (
    _SET[n] for n in ("claim", "verdict", "reason", "explanation"))
_SET_DEFAULTS = tuple((_SET[f.name], f.default) for f in fields(CheckedClaim)
                      if f.name not in ("claim", "verdict", "reason", "explanation"))


def _unmatched(c: Claim, verdict: Verdict, reason: Reason, explanation: str) -> CheckedClaim:
    """``CheckedClaim(c, verdict, reason, explanation=explanation)``."""
    r = object.__new__(CheckedClaim)
    _set_claim(r, c)
    _set_verdict(r, verdict)
    _set_reason(r, reason)
    for set_default, default in _SET_DEFAULTS:
        set_default(r, default)
    _set_explanation(r, explanation)
    return r


_NOTES = {
    "ar": {
        "converted": "بعد التحويل: {0}.",
        "reference_bound": "المرجع نفسه حدّ (أكثر من/أقل من) لا يؤكد الرقم ولا ينفيه.",
        "date_precision": "المرجع أقل دقة من التاريخ المذكور.",
        "currency_assumed": "عملة النص مفترضة افتراضًا (لم تُذكر جنسيتها)؛ لم تُحوَّل.",
        "weak_match": "التطابق مع المرجع ضعيف فلم يُحكم بالمخالفة.",
        "vague amount": "الكمية مبهمة.",
    },
    "en": {
        "converted": "After conversion: {0}.",
        "reference_bound": "The reference itself is a bound that neither confirms nor refutes the figure.",
        "date_precision": "The reference is less precise than the date in the text.",
        "currency_assumed": "The text's currency was assumed by default (no nationality given); not converted.",
        "weak_match": "The match with the reference is weak, so it is not called a contradiction.",
        "vague amount": "The amount is vague.",
    },
}


def _rate_note(spec: str, lang: str) -> str:
    """``GBP->USD@1.27 (2024-06-30)`` as words: 1 British pound = 1.27 US dollars."""
    pair, _, rest = spec.partition("@")
    src, _, dst = pair.partition("->")
    factor, _, when = rest.partition(" ")
    try:
        rate = display.amount(Decimal(factor), dst, None, lang)
    except ArithmeticError:
        rate = f"{factor} {dst}"
    one = display.amount(Decimal(1), src, None, lang)
    return (f"سعر الصرف المستخدم: {one} = {rate}{' ' + when if when else ''}." if lang == "ar"
            else f"Exchange rate used: {one} = {rate}{' ' + when if when else ''}.")


def _note_text(key: str, lang: str, *args: Any) -> str:
    table = _NOTES.get(lang, _NOTES["en"])
    if key in table:
        return table[key].format(*args)
    if key.startswith("fx:"):
        return _rate_note(key[3:], lang)
    if key.startswith("unit:"):
        src, _, dst = key[5:].partition("->")
        src, dst = display.unit_label(src, lang), display.unit_label(dst, lang)
        return (f"حُوّلت الوحدة من {src} إلى {dst}." if lang == "ar"
                else f"Converted from {src} to {dst}.")
    if key.startswith("missing:"):
        cur = key[8:]
        return (f"لا سعر لـ {cur}." if lang == "ar" else f"No rate for {cur}.")
    if key.startswith("also:"):
        ids = key[5:]
        return (f"مراجع أخرى بالقدر نفسه من التطابق: {ids}." if lang == "ar"
                else f"Other equally good references: {ids}.")
    return ""


def check_one(c: Claim, doc: _DocumentContext, refs: References, opts: Options, si: int | None = None) -> CheckedClaim:
    if si is None:
        si = doc.sentence_of(c.start)
    # a date is only compared with dates (never "in another unit"): without date
    # facts there is nothing to look at
    win = None if c.kind is Kind.DATE and DATE not in refs.class_set else _window(c, doc, si)
    if win is None:
        # no fact can match: the claim's period is only wanted if the explanation names it
        if mentions_claim_period(Reason.NO_REFERENCE, opts.lang):
            return _evidence(c, None, Reason.NO_REFERENCE, opts, cp=claim_period(c, doc, si))
        return _nothing_found(c, Reason.NO_REFERENCE, opts)
    klass = claim_class(c)
    matches = _matches(c, klass, doc, si, refs, opts, win)
    if not matches:
        # a fact of the same metric in another unit: say so rather than "no reference"
        other = _other_class_match(c, klass, doc, si, refs, opts, win)
        reason = Reason.NO_REFERENCE if other is None else Reason.INCOMPARABLE_UNITS
        cp = claim_period(c, doc, si) if mentions_claim_period(reason, opts.lang) else None
        return _evidence(c, other, reason, opts, cp=cp)
    cp = claim_period(c, doc, si)
    top = _prefer_own_unit(c, _top(matches, refs, cp, opts.tie))
    if not top:
        return _evidence(c, _best(matches, refs), Reason.PERIOD_NOT_COVERED, opts, cp=cp)
    m0 = _match_of(top[0])
    j0 = judge(c, m0.fact, refs, opts, cp)
    v0 = REASON_VERDICT[j0.reason]
    rule = figure = None
    if len(top) > 2:
        # many tied rows: a figure is judged against any row in its unit, a range
        # against plain rows, through what the claim says (computed once)
        figure = _figure_rows_rule(c, opts)
        if figure is None:
            rule = _plain_rows_interval(c, opts)
    for m in top[1:]:
        f = m[3]
        if figure is not None and _is_row_in_claim_unit(c, f):
            v = _figure_row_verdict(figure, f, opts)
        elif rule is not None and _is_plain_row(c, f):
            v = _plain_row_verdict(rule, f.value)
        else:
            v = REASON_VERDICT[judge(c, f, refs, opts, cp, coarse=True).reason]
        if v is not v0:
            # equally good facts disagree (one row per year and no year in the text):
            # stop judging at the first disagreement, name every other candidate
            others = ", ".join(x[1] for x in top[1:])
            return _evidence(c, m0, Reason.AMBIGUOUS_REFERENCE, opts, j0, cp, note=f"also:{others}")
    if REASON_VERDICT[j0.reason] is Verdict.CONTRADICTED and m0.score < opts.contradict_threshold:
        return _evidence(c, m0, Reason.NO_REFERENCE, opts, j0, cp, note="weak_match")
    if REASON_VERDICT[j0.reason] is Verdict.CONTRADICTED and c.value is None and c.kind is not Kind.DATE:
        # ``بضعة أفراد``، ``عدة دول``: a vague amount says too little to be wrong
        return _evidence(c, m0, Reason.NO_REFERENCE, opts, j0, cp, note="vague_amount")
    if j0.reason in (Reason.VALUE_MISMATCH, Reason.BOUND_VIOLATED) and j0.delta is not None \
            and not opts.plausible_low <= 1 + j0.delta <= opts.plausible_high:
        # A wrong figure is a slip of a digit, a word or a scale: 78 for 87, 4.3
        # million for 4.3 billion (scale_mismatch). Six people against 120,000
        # trained is another quantity that happens to share the words.
        return _evidence(c, m0, Reason.NO_REFERENCE, opts, j0, cp, note="other_magnitude")
    return _evidence(c, m0, j0.reason, opts, j0, cp)


def _other_class_match(c: Claim, klass: str, doc: _DocumentContext, si: int, refs: References,
                       opts: Options, win: _Window) -> _Match | None:
    if klass == DATE:
        return None
    terms = win.terms | win.subject
    strong = opts.contradict_threshold > STRONG_FLOOR
    if strong:
        # the classes with strong candidates here, from one look at the stretch's
        # terms (most stretches have none in any other class)
        hit: set[str] = set()
        by_term = refs.strong_classes_by_term
        for t in win.terms:
            ks = by_term.get(t)  # type: ignore[arg-type]
            if ks:
                hit.update(ks)
        if win.subject and COUNT not in hit and refs.strong_candidates(COUNT, (), win.subject):
            hit.add(COUNT)
        hit.discard(klass)
        if not hit:
            return None
    for other in refs.classes:
        if other in (klass, DATE):
            continue
        mids = None
        if strong:
            if other not in hit:
                continue
            mids = refs.strong_candidates(other, win.terms, win.subject if other == COUNT else ())
        elif not refs.has_candidates(other, terms):
            continue
        w = win if other == COUNT else _Window(win.before, win.inside, win.after, win.terms,
                                                  frozenset(), win.edges)
        ms = _matches(c, other, doc, si, refs, opts, w, minimum=opts.contradict_threshold, mids=mids)
        if ms:
            return _best(ms, refs)
    return None


def check_claims(text: str, claims: Sequence[Claim], reference: Any = None, *,
                 lang: str = "ar", approx_tolerance: Any = None,
                 options: Options | None = None,
                 normalized: Normalized | None = None, offset: int = 0) -> list[CheckedClaim]:
    """Check already-extracted ``claims`` of ``text`` against the reference tables.

    ``normalized`` is ``text``'s :class:`Normalized` view when the caller has it
    (extraction built one), to save building it again. ``offset``: ``text`` is a
    piece of a document that starts there, and the claims' offsets are the
    document's (as extraction with ``base_offset`` gives them).
    """
    refs = as_references(reference)
    opts = options or Options()
    if lang != opts.lang or approx_tolerance is not None:
        opts = replace(opts, lang=lang,
                       approx=opts.approx if approx_tolerance is None else _as_tol(approx_tolerance))
    if not claims:
        return []
    doc = _DocumentContext(text, claims, refs, normalized, offset)
    # the sentence of each claim, in one walk (claims and sentences both in order)
    starts, last = doc.starts, len(doc.starts) - 1
    sis: list[int] = []
    si = 0
    for c in doc.claims:
        while si < last and starts[si + 1] <= c.start:
            si += 1
        sis.append(si)
    done: dict[int, CheckedClaim] = {}
    for c, si in zip(doc.claims, sis):
        if c.kind is Kind.DATE:  # dates first: an event date is not a period marker
            r = done[id(c)] = check_one(c, doc, refs, opts, si)
            if r.reference_id is not None:
                doc.event_dates.add(c.start)
    return [done.get(id(c)) or check_one(c, doc, refs, opts, si) for c, si in zip(doc.claims, sis)]


def _as_tol(x: Any) -> Decimal:
    s = str(x).strip()
    if s.endswith("%"):
        return Decimal(s[:-1]) / 100
    return Decimal(s)


def check(text: str, reference: Any = None, *, file: str = "-", lang: str = "ar",
          approx_tolerance: Any = None, options: Options | None = None,
          **extract_options: Any) -> list[CheckedClaim]:
    """Extract the claims of ``text`` and check each against the reference tables.

    ``reference`` is a path, a list of paths, a loaded :class:`References`, or None for
    the bundled ``reference_data/``.

    >>> [r.verdict.value for r in check("شارك 87 شريكًا في التحالف الدولي.")]  # doctest: +SKIP
    ['supported']
    """
    from claimcheck.extraction.engine import extract_normalized

    refs = as_references(reference)
    claims, norm = extract_normalized(text, file=file, watch=refs.alias_first_forms,
                                      **extract_options)
    return check_claims(text, claims, refs, lang=lang, approx_tolerance=approx_tolerance,
                        options=options, normalized=norm)


def fails(results: Iterable[CheckedClaim], fail_on: str) -> bool:
    """Whether any result is at or above ``fail_on`` (contradicted|unverifiable|never)."""
    if fail_on == "never":
        return False
    levels = {Verdict.CONTRADICTED} if fail_on == "contradicted" else {
        Verdict.CONTRADICTED, Verdict.UNVERIFIABLE}
    return any(r.verdict in levels for r in results)
