"""``inconsistent_elapsed``: a date and the time since it, against the document's date.

«تأسس التحالف عام 2014، ويحتفل هذا العام بذكراه العاشرة» in a document dated
2026 — from 2014 to 2026 is twelve years: the twelfth anniversary, not the
tenth. Three shapes, each inside one sentence that names exactly one start
event (تأسس، إنشاء، اندلاع، منذ، ولد…) with its year:

* an anniversary: «الذكرى / العيد + ordinal»;
* a time since: «مرور 25 عاما على تأسيسها عام 1990»، «منذ عام 2011، أي منذ 5 سنوات»
  (the duration and the year at most a few words apart);
* an age: «ولد عام 1950 … يبلغ من العمر 70 عاما» (not an age at death or «آنذاك»).

"Now" is the document's date (``--as-of``, else its latest full date); without
one the rule is silent. A year leaves the month open, so one year either way is
allowed.
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from claimcheck.checking.rules.base import Finding, Interval, Rule
from claimcheck.checking.rules.cues import cues
from claimcheck.checking.rules.document import Document, year_of
from claimcheck.model import Kind, Reason

#: Words at most between a duration and the year it counts from.
LINK_WORDS = 5


def _years_unit(unit: str | None) -> bool:
    return unit == "year"


def _counts_years(x) -> bool:
    """An ordinal (an anniversary) or a number of years."""
    return x.kind is Kind.ORDINAL or x.kind is Kind.DURATION and x.unit == "year"


def find(doc: Document) -> Iterator[Finding]:
    c = cues("elapsed")
    for sent in doc.sentences:
        if len(sent) < 2 or not any(_counts_years(doc.claims[i]) for i in sent):
            continue
        starts = [i for k, i in enumerate(sent) if year_of(doc.claims[i]) is not None
                  and any(w in c["start_event"] or w in c["born"] for w in _cue_words(doc, sent, k))]
        if len(starts) != 1:
            continue
        y = starts[0]
        now = doc.now(y)
        year = year_of(doc.claims[y])
        if now is None or year is None or now.year < year:
            continue
        elapsed = now.year - year
        born = any(w in c["born"] for w in _cue_words(doc, sent, sent.index(y)))
        for i in sent:
            if i == y:
                continue
            f = _anniversary(doc, i, y, elapsed, now.year, c) if not born else None
            if f is None:
                f = _since(doc, i, y, elapsed, now.year, c, born)
            if f is not None:
                yield f


def _cue_words(doc: Document, sent: list[int], k: int, n: int = 4) -> list[str]:
    """Up to ``n`` words before the ``k``-th claim of a sentence, not reaching past
    the claim before it: the words that may make its year a start. In «احتفلت
    الشركة بذكرى التأسيس الـ65 في عام 2010» the founding word governs the
    anniversary, and 2010 is the year of the celebration, not of the founding."""
    i = sent[k]
    if k == 0:
        return doc.before(i, n)
    return doc.between(sent[k - 1], i)[-n:]


def _anniversary(doc: Document, i: int, y: int, elapsed: int, now: int, c: dict) -> Finding | None:
    x = doc.claims[i]
    if x.kind is not Kind.ORDINAL or not isinstance(x.value, Decimal):
        return None
    if not any(w in c["anniversary"] for w in doc.before(i, 3)):
        return None
    doc.note("elapsed", doc.claims[y], x)
    if abs(x.value - elapsed) <= 1:
        return None
    start = doc.claims[y]
    return Finding(x, Reason.INCONSISTENT_ELAPSED, (start,), Decimal(elapsed),
                   doc.explain("elapsed_anniversary", start=year_of(start), now=now,
                               computed=elapsed, stated=x.value))


def _since(doc: Document, i: int, y: int, elapsed: int, now: int, c: dict, born: bool) -> Finding | None:
    x = doc.claims[i]
    if x.kind is not Kind.DURATION or not _years_unit(x.unit):
        return None
    before = doc.before(i, 4)
    if born:
        if not any(w in c["age"] for w in before):
            return None
        sent_words = doc.words(*doc.spans[doc.sentence[i]])
        if c["age_then"].find(sent_words) >= 0:
            return None
        truth = Interval(Decimal(max(elapsed - 1, 0)), Decimal(elapsed))
    else:
        if c["since"].find(before) < 0 and c["since"].find(doc.lead(i)) < 0:
            return None
        lo, hi = (i, y) if i < y else (y, i)
        gap = [w for w in doc.gap(lo, hi) if w not in ("،", ",")]
        if len(gap) > LINK_WORDS or any(not w.isalnum() for w in gap):
            return None
        if not gap and i < y:
            # the time noun is the year's own head, cut off by a stray comma:
            # «منذ عام ،2006» is «since the year 2006», not «for a year» — a
            # duration is linked to its year by a word (على، منذ، من)
            return None
        truth = Interval(Decimal(max(elapsed - 1, 0)), Decimal(elapsed + 1))
    stated = doc.figure(i, stated=True)
    doc.note("elapsed", doc.claims[y], x)
    if stated is None or stated.meets(truth):
        return None
    start = doc.claims[y]
    return Finding(x, Reason.INCONSISTENT_ELAPSED, (start,), Decimal(elapsed),
                   doc.explain("elapsed_age" if born else "elapsed_since", start=year_of(start),
                               now=now, computed=elapsed, stated=x.text))


RULE = Rule(
    name="elapsed",
    reason=Reason.INCONSISTENT_ELAPSED,
    summary="an anniversary, a time since a dated event, or an age that the event's year "
            "and the document's date do not give",
    find=find,
    needs_now=True,
)
