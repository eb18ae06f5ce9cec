"""The document a claim is read in: its sentences, paragraphs and title, the
table entities each sentence names, the claims around a claim, and the period
the claim speaks of.

A :class:`Document` is built once per checked text and read by matching
(:mod:`claimcheck.checking.matching`, :mod:`claimcheck.checking.aliases`):
it knows the text and the reference tables' vocabulary, not how claims score.
"""
from __future__ import annotations

import copy
from bisect import bisect_left, bisect_right
from datetime import date
from operator import itemgetter
from typing import Any, Sequence

from claimcheck.checking.clauses import boundaries
from claimcheck.lang.stemming import STOPWORDS, stem
from claimcheck.model import Claim, Kind, Qualifier
from claimcheck.reference.index import References
from claimcheck.reference.periods import Period, parse_iso_date
from claimcheck.text.normalize import Normalized, fold
from claimcheck.text.segment import sentence_breaks
from claimcheck.lang import recache

#: A word of the folded text: its matching term is its stem.
WORD = recache.compile(r"[^\W_]+")


#: "Named earlier in the document" reaches this many sentences back: an article's
#: subject carries through it, not into the next article of a long file.
EARLIER_REACH = 40

#: A line this long is a whole article: a text with two or more such lines (an
#: archive exported one article per line) is read as articles side by side, and
#: what one names (its title, the entities it names) is never the context of the
#: next one.
ARTICLE_LINE = 1000

_SAME_YEAR = recache.compile(fold(r"(?:العام|السنه|عام|سنه)\s+(?:نفسه|ذاته|ذاتها|نفسها)|(?:نفس|ذات)\s+(?:العام|السنه)"))
_SINCE = fold("منذ")
_SAME, _SELF = fold("نفس"), fold("ذات")
_NONE: set[str] = set()  # shared "no entity named here" (never mutated)


def _articles(text: str, para: list[int]) -> tuple[list[int], list[int]]:
    """Sentence → article, and each article's first sentence (one article
    unless the text's lines are whole articles, see ARTICLE_LINE)."""
    n = len(para)
    if text.count("\n") < 1 or len(text) < 2 * ARTICLE_LINE:
        return [0] * n, [0]
    long_lines = 0
    pos = 0
    find = text.find
    while pos < len(text) and long_lines < 2:
        e = find("\n", pos)
        if e < 0:
            e = len(text)
        if e - pos > ARTICLE_LINE:
            long_lines += 1
        pos = e + 1
    if long_lines < 2:
        return [0] * n, [0]
    # every line is a paragraph: the paragraph number is the article
    firsts = [0]
    for i in range(1, n):
        if para[i] != para[i - 1]:
            firsts.append(i)
    return list(para), firsts


#: claims that frame the figures around them rather than compete with them for
#: their words (see :meth:`Document.window`)
_FRAMES = frozenset({Kind.DATE, Kind.ORDINAL})


class Document:
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
        #: the article of each sentence (see ARTICLE_LINE), and the first sentence
        #: of each article
        self.article, self.article_start = _articles(text, para)
        self.refs = refs
        self._named: list[set[str]] | None = None
        #: where each sentence names table entities: (folded offset, entity keys)
        self.named_at: dict[int, list[tuple[int, set[str] | frozenset[str]]]] = {}
        #: places and bodies each sentence names (see checking.scope), found when asked
        self.places: dict[int, Any] = {}
        self._mentions: dict[str, list[int]] = {}
        self.title_sents = self._title()
        #: what each sentence knows of the table entities (built by
        #: :func:`claimcheck.checking.aliases.entity_context`, once per sentence)
        self.entity_contexts: dict[int, Any] = {}
        # what every claim's stretch is read against (see :func:`claimcheck.checking.matching.window`)
        self.forms = refs.index_forms
        self.index_terms = refs.index_terms
        self.gaps = self.norm.has_gaps
        self._title_named: set[str] | None = None
        self._same_year: dict[int, bool] = {}
        self._claims(claims)

    def _claims(self, claims: Sequence[Claim]) -> None:
        """What the document knows of its claims (see :meth:`for_claims`)."""
        # claims per sentence (non-date claims delimit each claim's own stretch)
        self.claims = sorted(claims, key=lambda c: c.start)
        self._claim_index = {id(c): i for i, c in enumerate(self.claims)}
        self.dates = [c for c in self.claims if c.kind is Kind.DATE]
        self.date_starts = [c.start for c in self.dates]
        #: date claims that are claims about an event of the tables (تأسس عام 2015),
        #: not the time frame of the figures around them
        self.event_dates: set[int] = set()
        #: words of the text between two claims, read for the first and kept for
        #: the second (see :meth:`words_between`)
        self.between: dict[tuple[int, int], list[str]] = {}
        self.cuts: dict[tuple[int, int], tuple[int, int, int, int] | None] = {}
        #: the window of each non-date claim checked so far that has table terms
        #: near it, by id: a figure that restates or continues it reads it
        self.windows: dict[int, Any] = {}
        #: the sentences where some claim has table terms near it (only there
        #: may a figure lean on another one)
        self.window_sentences: set[int] = set()
        #: the latest full date of each article, and whether the target dates
        #: («بحلول 2030») are among ``event_dates`` yet (both filled by
        #: :mod:`claimcheck.checking.timeframe` when first needed)
        self.article_dates: dict[int, date] | None = None
        self.targets_marked = False

    def for_claims(self, claims: Sequence[Claim]) -> Document:
        """The same text read with other ``claims`` of it (the next stretch of a text
        too dense in claims to hold them all, see :func:`.checker.iter_check`): what
        the text says (sentences, title, entities named) is kept; what was found
        about the previous claims goes, and so do the sentences' caches."""
        doc = copy.copy(self)
        doc.entity_contexts = {}
        doc.places = {}
        doc._same_year = {}
        doc._claims(claims)
        return doc

    def article_first(self, si: int) -> int:
        """The first sentence of sentence ``si``'s article."""
        starts = self.article_start
        return starts[bisect_right(starts, si) - 1] if len(starts) > 1 else 0

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
        return WORD.findall(self.folded, to_text(self.starts[i] - off), to_text(self.ends[i] - off))

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
            forms = self.refs.alias_first_forms
            for a, b, hits in self.norm.segment_hits(forms) if forms else ():
                self._name_in_segment(a, b, hits, named)
            for i, ents in enumerate(named):
                for e in ents:
                    self._mentions.setdefault(e, []).append(i)
            self._named = named
        return self._named

    def _name_in_segment(self, a: int, b: int, hits: set[str], named: list[set[str]]) -> None:
        """Add to ``named`` the entities whose aliases start with one of the words
        ``hits`` in the segment ``[a, b)`` of the folded text."""
        norm, off = self.norm, self.off
        folded = norm.text
        n = len(folded)
        parts_of = self.refs.alias_parts_by_form
        to_original, starts = norm.to_original, self.starts
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
                    m = WORD.search(folded, e)
                    if m is not None and stem(m.group()) in seconds:
                        si = max(0, bisect_right(starts, to_original(k) + off, s_lo, s_hi) - 1)
                        found = self._longer_aliases(e, si, longer, need)
                        if found:
                            ents = found | singles
                if ents:
                    if si < 0:
                        found_at.append((k, ents))
                    else:
                        if not named[si]:
                            named[si] = set()
                        named[si].update(ents)
                        self.named_at.setdefault(si, []).append((k, ents))
                k = folded.find(w, e, b)
        if found_at:
            found_at.sort(key=itemgetter(0))
            si = s_lo
            for o, (k, ents) in zip(norm.to_original_sorted([k for k, _ in found_at]), found_at):
                o += off
                while si + 1 < s_hi and starts[si + 1] <= o:
                    si += 1
                if not named[si]:
                    named[si] = set()
                named[si].update(ents)
                self.named_at.setdefault(si, []).append((k, ents))

    def _longer_aliases(self, e: int, si: int, longer: Any, need: int) -> set[str]:
        """The entities of the ``longer`` aliases (terms, entity) whose first term
        ends at ``e`` of the folded text and whose other terms follow it in
        sentence ``si`` (``need``: the most terms that may follow)."""
        folded = self.folded
        end = self.norm.to_text(self.ends[si] - self.off)
        following: list[str] = []
        for m in WORD.finditer(folded, e, max(e, end)):
            t = stem(m.group())
            if t in STOPWORDS:
                # the tables' aliases are read without their stop words (see
                # lang.stemming.phrase_terms): «العاملين الأردنيين في الخارج»
                # is (عامل، اردني، خارج) in the text too
                continue
            following.append(t)
            if len(following) == need:
                break
        return {key for alias, key in longer if tuple(following[:len(alias) - 1]) == alias[1:]}

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

    def words_between(self, x: int, y: int) -> list[str]:
        """The words of the folded text between two claims: read once, for both (the
        first one to read them leaves them for the other)."""
        words = self.between.pop((x, y), None)
        if words is None:
            words = self.between[x, y] = WORD.findall(self.folded, x, y)
        return words

    def index_of(self, c: Claim) -> int | None:
        """The claim's place among the document's claims (None: not one of them)."""
        return self._claim_index.get(id(c))

    def clause_cut(self, x: int, y: int) -> tuple[int, int] | None:
        """Where the words between two claims (``[x, y)`` of the folded text) split
        into the first one's clause and the second one's (see
        :func:`claimcheck.checking.clauses.boundaries`): read once, for both."""
        key = (x, y)
        if key in self.cuts:
            return self.cuts[key]
        cut = self.cuts[key] = boundaries(self.folded, x, y)
        return cut

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
        # the nearest claims on each side, in the sentence; dates and ranks frame
        # other figures («وتأتي روسيا في المركز الثالث بمقدار 271 ألف»: Russia's),
        # so they do not cut a figure's stretch; but a date's own stretch ends at
        # the next date (تأسس عام 2014، لا عام 2016), a rank's at the next rank
        before = range(k - 1, -1, -1) if k is not None else range(len(claims) - 1, -1, -1)
        for i in before:
            o = claims[i]
            if o.end <= s:
                break
            if o is c or o.start >= e or (o.kind in _FRAMES and c.kind is not o.kind):
                continue
            if o.end <= c.start:
                lo = max(lo, o.end)
                break
        after = range(k + 1, len(claims)) if k is not None else range(len(claims))
        for i in after:
            o = claims[i]
            if o.start >= e:
                break
            if o is c or o.end <= s or (o.kind in _FRAMES and c.kind is not o.kind):
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


def claim_period(c: Claim, doc: Document, si: int) -> Period | None:
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

