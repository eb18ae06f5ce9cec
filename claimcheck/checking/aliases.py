"""Which entities of the tables a sentence speaks of, and how surely (SPEC §3).

An entity may be named in the claim's sentence (weight 1), spelt closely there
(0.95: ``التحاالف الدولي`` for ``التحالف الدولي``), named in the previous or next
sentence of the paragraph (0.9), in the title (0.85) or up to
:data:`~claimcheck.checking.context.EARLIER_REACH` sentences earlier (0.8) —
unless the sentence itself names another entity of the tables, which then wins.

The close spellings a text's words may be of are learnt once per word and
remembered per set of reference tables (:class:`Spellings`): the tables
themselves are never written to.
"""
from __future__ import annotations

import sys
import weakref
from collections import defaultdict
from functools import lru_cache
from typing import Any, Iterator, Sequence

from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from claimcheck.checking.clauses import clause, entities_in
from claimcheck.checking.context import EARLIER_REACH, WORD, Document
from claimcheck.checking.scope import AFTER_REACH, _fact_entity, about_other, places, turned_away
from claimcheck.lang import countries
from claimcheck.lang.stemming import STOPWORDS, stem, stems, surface_forms
from claimcheck.model import Kind
from claimcheck.reference.index import Fact, References
from claimcheck.text.normalize import fold


class Spellings:
    """What the search for closely spelt aliases knows of one set of tables: its
    aliases of up to four terms by their first term, those first terms' surface
    forms, the long ones (≥ 4 letters, which may be misspelt) — and, learnt from
    the texts checked so far, which words may be a spelling of which first terms.
    """

    __slots__ = ("by_first", "long_firsts", "long_needs", "first_by_form", "seen", "memo", "screened")

    def __init__(self, refs: References) -> None:
        # aliases of up to four terms, by the first two letters of their first
        # term, then by their first term (the candidates for a misspelt mention)
        by_head: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for al in dict.fromkeys(a for f in refs.facts for a in f.entity_terms if a and len(a) <= 4):
            by_head[al[0][:2]].append(al)
        by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for group in by_head.values():
            for al in group:
                by_first[al[0]].append(al)
        self.by_first: dict[str, tuple[tuple[str, ...], ...]] = {a: tuple(v) for a, v in by_first.items()}
        #: the first terms of four letters or more (those that may be matched by a
        #: close spelling) and, for each, the fewest of its letters a word must
        #: hold in order to hold a close spelling of it (⌈11/14 of them⌉; a numpy row)
        self.long_firsts = [a for a in self.by_first if len(a) >= 4]
        self.long_needs: Any = None
        #: every surface form of the first terms, with its term
        # (only the forms that write an alias as the table does: see
        # References.alias_first_forms — «التحالفات» is no «التحالف»)
        named = refs.alias_first_forms
        self.first_by_form = {w: a for a in sorted(self.by_first) for w in surface_forms(a) if w in named}
        #: the words of the texts met so far and, for those whose stem may be the
        #: spelling of a first term, those first terms
        self.seen: set[str] = set()
        self.memo: dict[str, tuple[str, ...]] = {}
        #: word × term pairs screened so far (see :func:`_screened`)
        self.screened = 0

    def needs(self) -> Any:
        """:attr:`long_needs`, computed on first use."""
        if self.long_needs is None:
            import numpy as np

            self.long_needs = np.array([-(-11 * len(a) // 14) for a in self.long_firsts], dtype=np.int32)
        return self.long_needs


_SPELLINGS: "weakref.WeakKeyDictionary[References, Spellings]" = weakref.WeakKeyDictionary()


def spellings_of(refs: References) -> Spellings:
    """The :class:`Spellings` of ``refs`` (one per loaded set of tables, freed with it)."""
    s = _SPELLINGS.get(refs)
    if s is None:
        s = _SPELLINGS[refs] = Spellings(refs)
    return s


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


#: Until this many word × term pairs the screen runs pair by pair: a short
#: article (a pre-commit hook) then never imports numpy for one C call.
_PAIRWISE_MAX = 20_000


def _screened(ws: list[str], longs: Sequence[str], sp: Spellings) -> Iterator[tuple[str, str]]:
    """(word, long first term) pairs sharing a subsequence of ≥ 11/14 of the term,
    in the same order either way (word by word, terms in order).

    Pair by pair costs a Python call per pair: once a run has screened
    :data:`_PAIRWISE_MAX` pairs (an archive meets new words in every sentence),
    or numpy is loaded anyway, every screen is one C call."""
    pairs = len(ws) * len(longs)
    sp.screened += pairs
    if sp.screened <= _PAIRWISE_MAX and "numpy" not in sys.modules:
        needs = [-(-11 * len(a) // 14) for a in longs]
        for w in ws:
            for a, need in zip(longs, needs):
                if LCSseq.similarity(w, a, processor=None, score_cutoff=need):
                    yield w, a
        return
    import numpy as np

    lcs = process.cdist(ws, longs, scorer=LCSseq.similarity, processor=None, dtype=np.int32)
    for i, j in zip(*np.nonzero(lcs >= sp.needs())):
        yield ws[i], longs[j]


def _learn_words(words: set[str], sp: Spellings) -> None:
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
    seen, memo = sp.seen, sp.memo
    if len(seen) >= _CLOSE_MEMO_MAX:
        seen.clear()
        memo.clear()
    seen.update(words)
    ws = list(words)
    exact = sp.first_by_form
    found: dict[str, set[str]] = {w: {exact[w]} for w in exact.keys() & ws}
    longs = sp.long_firsts
    if longs:
        for w, a in _screened(ws, longs, sp):
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
    sp = spellings_of(refs)
    unseen = wset - sp.seen
    if unseen:
        _learn_words(unseen, sp)
    memo = sp.memo
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
    by_first = sp.by_first
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


# --- a title several countries bear ------------------------------------------
#
# A table may give a country a one-word alias that is no name but its title:
# «المملكة» for Jordan, «السلطنة» for Oman. In copy about Jordan it is Jordan;
# in Saudi copy («السعوديين في المملكة») or beside «المملكة المتحدة» it is
# another kingdom. Such an alias names its fact's entity only in an article
# that, up to its sentence, names no other country bearing that title.


@lru_cache(maxsize=1)
def _titles() -> dict[str, frozenset[str]]:
    """The first word of each country's names of two words or more, folded and
    without the article (مملكه of المملكة العربية السعودية، مملكة البحرين), with
    the countries whose names begin with it."""
    out: dict[str, set[str]] = defaultdict(set)
    for c in countries.countries():
        for name in c.names:
            words = fold(name).split()
            if len(words) >= 2:
                w = words[0]
                out[w[2:] if w.startswith("ال") and len(w) > 4 else w].add(c.code)
    return {w: frozenset(v) for w, v in out.items()}


def _entity_titles(f: Fact) -> tuple[frozenset[str], frozenset[str]]:
    """The terms of the fact's one-word aliases that are a title, and the other
    countries that bear those titles (both empty for most entities)."""
    codes = _fact_entity(f.entity)[0]
    if not codes:
        return frozenset(), frozenset()
    titles = _titles()
    terms: set[str] = set()
    others: set[str] = set()
    for raw, al in zip(f.entity, f.entity_terms):
        words = fold(raw).split()
        if len(words) != 1 or len(al) != 1 or countries.by_name(raw) is not None:
            continue
        w = words[0]
        bearers = titles.get(w[2:] if w.startswith("ال") and len(w) > 4 else w, frozenset()) - codes
        if bearers:
            terms.add(al[0])
            others |= bearers
    return frozenset(terms), frozenset(others)


class _Titled:
    """Per set of tables, the entities with a title alias (:func:`_entity_titles`
    by entity key); per document, the countries each article names up to each
    sentence (filled as asked)."""

    __slots__ = ("by_key", "named_before")

    def __init__(self, refs: References) -> None:
        by_key = {}
        for f in refs.facts:
            if f.entity_key not in by_key:
                by_key[f.entity_key] = _entity_titles(f)
        self.by_key = {k: v for k, v in by_key.items() if v[0]}
        self.named_before: weakref.WeakKeyDictionary[Document, dict[int, frozenset[str]]] = \
            weakref.WeakKeyDictionary()


_TITLED: "weakref.WeakKeyDictionary[References, _Titled]" = weakref.WeakKeyDictionary()


def _titled(refs: References) -> _Titled:
    t = _TITLED.get(refs)
    if t is None:
        t = _TITLED[refs] = _Titled(refs)
    return t


def _countries_up_to(doc: Document, si: int, memo: dict[int, frozenset[str]]) -> frozenset[str]:
    """The countries that sentence ``si``'s article names in its sentences up to ``si``."""
    got = memo.get(si)
    if got is None:
        first = doc.article_first(si)
        before = _countries_up_to(doc, si - 1, memo) if si > first else frozenset()
        got = memo[si] = before.union(*(p.codes for p in places(doc, si)))
    return got


def title_only(doc: Document, si: int, key: str) -> bool:
    """Is entity ``key`` named in sentence ``si`` only by a title alias (المملكة)
    while its article, up to there, names another country bearing that title?
    Then the sentence does not name it."""
    t = _titled(doc.refs)
    if not t.by_key:
        return False
    got = t.by_key.get(key)
    if got is None:
        return False
    terms, others = got
    for k, ents in doc.named_at.get(si, ()):
        if key in ents:
            m = WORD.match(doc.folded, k)
            if m is None or stem(m.group()) not in terms:
                return False  # named by its name too
    memo = t.named_before.get(doc)
    if memo is None:
        memo = t.named_before[doc] = {}
    return not others.isdisjoint(_countries_up_to(doc, si, memo))


def _named_here(doc: Document, si: int, named: set[str] | frozenset[str]) -> set[str] | frozenset[str]:
    """``named`` (the entities sentence ``si`` names) without those named only by
    a title another country of the article bears (:func:`title_only`)."""
    if not named or not _titled(doc.refs).by_key:
        return named
    kept = {e for e in named if not title_only(doc, si, e)}
    return named if len(kept) == len(named) else kept


class EntityContext:
    """What sentence ``si`` knows about the table entities (built once per sentence)."""

    # (holds what it reads of the document, not the document: no reference cycle,
    # so a document's words are freed as soon as it is checked)
    __slots__ = ("named", "fuzzy", "near", "si", "first", "title_named", "earlier", "memo", "keys")

    def __init__(self, doc: Document, si: int) -> None:
        named = doc.named
        self.si = si
        self.earlier: set[str] = set()
        # what other articles of the text name is no context of this one (an
        # archive with one article per line): the title is the first article's
        self.first = doc.article_first(si)
        self.title_named = doc.title_named if self.first == 0 else frozenset()
        if self.title_named:
            self.title_named = set().union(*(_named_here(doc, j, named[j]) for j in doc.title_sents))
        self.named = _named_here(doc, si, named[si])
        # aliases of up to four words spelt closely in the sentence (a misspelt
        # alias still starts like the word written: only those are compared)
        # (an alias written exactly is no close spelling of itself: those named
        # only by a title another country bears are not looked for either)
        self.fuzzy = _fuzzy_aliases(doc.words(si), doc.refs, named[si])
        near: set[str] = set()
        for j in (si - 1, si + 1):
            if self.first <= j < len(doc.starts) and doc.para[j] == doc.para[si]:
                near |= _named_here(doc, j, named[j])
        self.near = near
        self.memo: dict[tuple[tuple[str, ...], ...], tuple[float, str]] = {}
        # the entities whose weight here may be above 0 (in a stable order): only
        # their facts are scored
        alias_keys = doc.refs.alias_keys
        keys = set(self.named).union(*(alias_keys[a] for a in self.fuzzy))
        if not self.named:
            keys |= near
            keys |= self.title_named
            # named in the EARLIER_REACH sentences before (see _weight's "earlier")
            self.earlier = set().union(*(_named_here(doc, j, named[j])
                                         for j in range(max(self.first, si - EARLIER_REACH), si)))
            keys |= self.earlier
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
        if key in self.earlier:
            return 0.8, "earlier"
        return 0.0, ""




class ClaimEntities:
    """What one claim's own clause says of the entities (built when the claim
    has candidate facts): the entity nearest the claim in its clause wins when
    the sentence names several (``ينتج العراق 4.3 ملايين برميل، والكويت 2.6
    مليون``, ``2.6 مليون للكويت``), and a claim about a place or body the
    tables lack is no one's (:mod:`claimcheck.checking.scope`)."""

    __slots__ = ("doc", "si", "span", "near", "in_clause", "focus", "scoped")

    def __init__(self, c: Any, doc: Document, si: int, ctx: EntityContext) -> None:
        self.doc, self.si = doc, si
        a, b = clause(doc, c, si)
        to_text, off = doc.norm.to_text, doc.off
        s0, e0 = to_text(c.start - off), to_text(c.end - off)
        # the claim's own clause ends at the first boundary after it even when
        # no figure follows («… عند 9.5 ملايين برميل، إلا أن … العراق»)
        if b > e0:
            cut = doc.clause_cut(e0, b)
            if cut:
                b = cut[2]
        self.near = (s0, e0, b)
        # the places that say whose figure it is: before it, or right after it
        # (the few words counted without the prepositions between them: «مليوني
        # برميل يومياً من النفط من إيران» is Iran's)
        end = e0
        k = 0
        for m in WORD.finditer(doc.folded, e0, b):
            if m.group() in STOPWORDS:
                continue
            if k == AFTER_REACH:
                break
            k += 1
            end = m.end()
        self.span = (to_text(doc.starts[si] - off), a, end)
        # a date is an event of the tables' entities whatever place leads it
        self.scoped = c.kind is not Kind.DATE
        self.in_clause = entities_in(doc, si, a, b)
        self.focus: dict[str, float] | None = None
        if len(ctx.named) > 1 and self.in_clause:
            # the nearest entity of the clause weighs 1, the others named in it
            # a little less (never tied with it), the rest of the sentence nothing
            dist: dict[str, int] = {}
            for k, ents in doc.named_at.get(si, ()):
                if a <= k < b:
                    d = s0 - k if k < s0 else max(0, k - e0)
                    for e in ents:
                        dist[e] = min(d, dist.get(e, d))
            best = min(dist.values())
            self.focus = {e: 1.0 if d == best else 0.9 for e, d in dist.items()}

    def weight(self, f: Fact, w: float, where: str) -> float:
        """The entity weight ``w`` of fact ``f`` (named ``where``) for this claim."""
        if not w:
            return w
        key = f.entity_key
        if self.focus is not None and where == "sentence":
            w = self.focus.get(key, 0.0) * w
            if not w:
                return w
        if self.scoped and about_other(self.doc, self.si, self.span, f, where, key in self.in_clause,
                                       self.near):
            return 0.0
        if where in ("neighbour", "earlier") and turned_away(self.doc, self.si, f, self.doc.article_first(self.si),
                                                            EARLIER_REACH):
            return 0.0  # the copy turned to another country since it named the fact's
        return w


def entity_context(doc: Document, si: int) -> EntityContext:
    """What sentence ``si`` of ``doc`` knows about the table entities (built once)."""
    ctx = doc.entity_contexts.get(si)
    if ctx is None:
        ctx = doc.entity_contexts[si] = EntityContext(doc, si)
    return ctx
