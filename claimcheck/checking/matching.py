"""Matching a claim to reference facts (SPEC §3): its stretch of text, how clearly
that stretch names a fact's metric, and the scored candidates.

For one claim::

    comparison class (count, percent, money, date, pint dimension)
      ──► candidate metrics from the index (class bucket ∩ terms of the stretch)
      ──► score = entity evidence × metric evidence        (match_score, 0…1)
      ──► period filter (claim's own or nearby date)
      ──► the best facts, and those tied with them

The *metric* (a keyword of the fact, its metric words, or the claim's counted
noun ``subject``) must be named in the claim's own sentence — best in the
claim's own stretch of it, between the neighbouring claims. The *entity* is
weighed by :mod:`claimcheck.checking.aliases`. For counts, a claim whose counted
noun is not a word of the fact counts something else and never matches.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from claimcheck.checking.aliases import ClaimEntities, EntityContext, entity_context
from claimcheck.checking.context import WORD, Document
from claimcheck.checking.options import Options
from claimcheck.checking.subgroups import (change_size, counted_head, fact_counts, fact_has_parts,
                                          fact_has_sector, fact_measures, measure_named, year_part,
                                          partitive, parts_named, region_named, sector_named)
from claimcheck.lang.stemming import stem, terms
from claimcheck.model import Claim, Kind
from claimcheck.reference.index import Fact, References
from claimcheck.reference.periods import Period
from claimcheck.units import COUNT, DATE, MONEY, PERCENT, unit_class

_NO_TERMS: frozenset[str] = frozenset()


def claim_class(c: Claim) -> str:
    """The comparison class of a claim (see :mod:`claimcheck.units`)."""
    if c.kind in (Kind.NUMBER, Kind.ORDINAL):
        return COUNT
    if c.kind is Kind.PERCENT:
        return PERCENT
    if c.kind is Kind.MONEY:
        return MONEY
    if c.kind is Kind.DATE:
        return DATE
    return unit_class(c.unit)


def _yearly(p: Period | None) -> bool:
    """Is ``p`` one calendar year or more (a fact summed over whole years)?"""
    return p is not None and (p.start.month, p.start.day, p.end.month, p.end.day) == (1, 1, 12, 31)


#: the longest claim period (days) that is a part of a year's sum of money: a
#: month, a quarter (a half is said in words: subgroups.year_part)
_PART_OF_YEAR = 100


def part_of_sum(cp: Period | None, f: Fact) -> bool:
    """Is claim period ``cp`` a month or a quarter inside money fact ``f``'s
    year (or years)? A year's revenue or GDP is the sum of its months: a
    month's figure is a part of it, not the year's («إيرادات القناة في يناير
    2012»)."""
    return (cp is not None and f.klass == MONEY and _yearly(f.period) and f.period is not None
            and f.period.contains(cp) and (cp.end - cp.start).days < _PART_OF_YEAR)


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


@dataclass(slots=True)
class Match:
    """A fact matched to a claim, its score, and where its entity was named."""

    fact: Fact
    score: float
    entity_where: str


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
#: (two thirds of its metric words, see :func:`metric_strength`): above it, only
#: the metrics of ``References.strong_candidates`` can match.
STRONG_FLOOR = 0.7


def metric_strength(c: Claim, mid: int, refs: References, before: list[str],
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
class Window:
    """A claim's stretch of text: the tables' terms before, inside and after the
    claim (None for any other word), and their set."""

    before: list[str | None]
    inside: list[str | None]
    after: list[str | None]
    terms: set[str | None]
    subject: frozenset[str]
    edges: tuple[bool, bool]


def window(c: Claim, doc: Document, si: int) -> Window | None:
    """The terms of the claim's own stretch of text, split around the claim; None
    when no metric or keyword term of the tables stands there (nor is the claim's
    counted noun one): then no fact of any class can match it."""
    lo, hi, claim_before, claim_after = doc.window(c, si)
    # the words before, inside and after the claim, read on the folded text
    # (each edge mapped to the folded text once)
    norm, folded, findall = doc.norm, doc.folded, WORD.findall
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
    before = doc.words_between(a, s0) if claim_before else findall(folded, a, s0) if s0 > a else []
    inside = findall(folded, s0, e0) if e0 > s0 else []
    after = doc.words_between(e0, b) if claim_after else findall(folded, e0, b) if b > e0 else []
    # words between two claims belong to the clause they stand in (see
    # checking.clauses); with no clause boundary between them, to the nearer
    # claim (a word midway, to both)
    # (a gap with no table term leaves nothing to share: no clause is read there)
    keys = doc.forms.keys()
    if claim_before:
        cut = None if keys.isdisjoint(before) else doc.clause_cut(a, s0)
        before = before[cut[1]:] if cut else before[len(before) // 2:]
    if claim_after:
        cut = None if keys.isdisjoint(after) else doc.clause_cut(e0, b)
        after = after[:cut[0]] if cut else after[:(len(after) + 1) // 2]
    subj = subject_terms(c.subject) if c.subject else _NO_TERMS
    forms = doc.forms
    if keys.isdisjoint(inside) and keys.isdisjoint(before) and keys.isdisjoint(after) \
            and doc.index_terms.isdisjoint(subj):
        return None
    # only the tables' own terms matter in a window (every comparison is with
    # them): any other word is None, and still counts for distances
    before, inside, after = (list(map(forms.get, ws)) for ws in (before, inside, after))
    win_set = set(before) | set(inside) | set(after)
    return Window(before, inside, after, win_set, subj, (claim_before, claim_after))


def match_groups(c: Claim, klass: str, doc: Document, si: int, refs: References,
             opts: Options, win: Window | None = None,
             minimum: float | None = None, mids: list[int] | None = None) -> list[tuple[float, int, str]]:
    """Groups of facts (see ``References.groups``) of ``klass`` that match the claim
    with a score of at least ``minimum`` (default: the options' threshold), best
    first, as ``(-score, group, where the entity was named)``. A group's rows (one
    per year) all score the same: they are only looked at for the best groups.
    ``mids``: the candidate metrics, when the caller has them already."""
    minimum = opts.threshold if minimum is None else minimum
    win = win or window(c, doc, si)
    if win is None:
        return []
    before, inside, after, win_set, subj = win.before, win.inside, win.after, win.terms, win.subject
    out = []
    entities: EntityContext | None = None
    facts, groups = refs.facts, refs.groups
    heads = refs.group_heads
    # above STRONG_FLOOR only metrics whose words the stretch holds whole can score
    if mids is None:
        mids = refs.strong_candidates(klass, win_set, subj) if minimum > STRONG_FLOOR \
            else refs.candidates(klass, win_set | subj)
    own: ClaimEntities | None = None
    parts: frozenset[tuple[str, ...]] | None = None
    sector: frozenset[str] = frozenset()
    region: frozenset[str] = frozenset()
    head: frozenset[str] = frozenset()
    in_year = False
    measure = ""
    for mid in mids:
        m = metric_strength(c, mid, refs, before, inside, after, win_set, subj)
        if m < minimum:
            continue  # an entity weighs at most 1: no fact of this metric reaches the minimum
        if parts is None:
            if partitive(doc, c):
                return []  # «ثلاثة من هؤلاء الحجاج»: a part of a group, never its total
            if change_size(doc, c, si):
                return []  # «نسبة البطالة انخفضت بواقع 2.5%»: how much a figure moved
            parts, measure = parts_named(doc, c, si), measure_named(doc, c, si)
            sector, region = sector_named(doc, c, si), region_named(doc, c, si)
            head = counted_head(doc, c, si)
            in_year = year_part(doc, c, si)
        f = refs.metric_facts[mid]
        if parts and not fact_has_parts(f, parts):
            continue  # «البطالة النسائية»: a part of the metric the fact is not about
        if sector and not fact_has_sector(f, sector) or region and not fact_has_sector(f, region):
            continue  # «قطاع البناء يسجل نمواً 7%»، «من جنوب العراق»: a sector's or a region's figure
        if head and f.klass == COUNT and not fact_counts(f, head):
            continue  # «عدد المدخنين … 6 ملايين نسمة»: a count of another noun
        if in_year and f.klass == MONEY and _yearly(f.period):
            continue  # «خلال النصف الأول 45 مليار دولار»: a part of the year's sum
        if measure and not fact_measures(f, measure):
            continue  # «تصدير 600 ألف برميل»: exports, not the fact's output
        if entities is None:
            entities = entity_context(doc, si)
            own = ClaimEntities(c, doc, si, entities)
        assert own is not None
        by_key = refs.metric_groups_by_key[mid]
        for key in entities.keys:
            for g in by_key.get(key, ()):
                group = groups[g]
                f = facts[group[0]]
                w, where = entities.weight(f)
                w = own.weight(f, w, where)
                score = w * m
                if score >= minimum:
                    out.append((-score, heads[g], g, where))
    out.sort()
    return [(neg, g, where) for neg, _, g, where in out]


def best_match(groups: list[tuple[float, int, str]], refs: References) -> Match:
    """The best match of :func:`match_groups`' groups: the best score, then the first fact id."""
    neg, g, where = groups[0]
    return Match(refs.facts[refs.group_heads[g][1]], -neg, where)


def top_rows(groups: list[tuple[float, int, str]], refs: References, cp: Period | None,
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
        rows = group if cp is None else [i for i in group if period_compatible(cp, facts[i].period)
                                         and not part_of_sum(cp, facts[i])]
        if rows:
            if floor is None:
                floor = neg + tie  # scores within ``tie`` of the best are equally good
            top.extend((neg, facts[i].id, i, facts[i], where) for i in rows)
            parts += 1
    if parts > 1:
        top.sort()  # (one group's rows are in order already: by id, then row)
    return top


def prefer_own_unit(c: Claim, top: list[tuple[float, str, int, Fact, str]]
                    ) -> list[tuple[float, str, int, Fact, str]]:
    """Of equally good facts, those in the claim's own unit when there are some:
    a GDP imported both in dollars and in pounds is checked in the currency the
    text names, not converted (and not called ambiguous for lack of a rate)."""
    if len(top) < 2 or not c.unit or c.currency_assumed:
        return top
    own = [t for t in top if t[3].unit == c.unit]
    return own if own and len(own) < len(top) else top


def match_of_row(t: tuple[float, str, int, Fact, str]) -> Match:
    return Match(t[3], -t[0], t[4])


def other_class_match(c: Claim, klass: str, doc: Document, si: int, refs: References,
                       opts: Options, win: Window) -> Match | None:
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
        w = win if other == COUNT else Window(win.before, win.inside, win.after, win.terms,
                                                  frozenset(), win.edges)
        ms = match_groups(c, other, doc, si, refs, opts, w, minimum=opts.contradict_threshold, mids=mids)
        if ms:
            return best_match(ms, refs)
    return None
