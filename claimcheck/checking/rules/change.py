"""``inconsistent_change``: a start value, an end value and the change between them.

«ارتفعت الصادرات بنسبة 20% من 100 مليون دولار إلى 150 مليون دولار» — from 100 to
150 is a rise of 50 %, not 20 %. The size of a change may be stated as a
percentage (بنسبة، بزيادة، بانخفاض), a number of percentage points between two
percentages (نقطة مئوية), a multiple (ثلاثة أضعاف، ثلاث مرات، مرتين، إلى الضعف),
a halving (إلى النصف) or a difference in the same unit (بزيادة 50 مليون دولار).

Multiples are read loosely: «زاد ثلاثة أضعاف» is read as ×3 or ×4 (Arabic uses
it for both), and تضاعف alone only says that the amount grew by a good deal
(it is flagged only when the end value is not even a quarter above the start).
A percentage change between two percentages is the ``points`` rule's. Market
copy's «هبط D أو P% إلى E» (a size, its percentage, the end value) is read by
:mod:`.delta`.
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from claimcheck.checking.rules import delta
from claimcheck.checking.rules.base import ONE, Finding, Interval, Rule
from claimcheck.checking.rules.cues import cues
from claimcheck.checking.rules.document import Document, folded_words
from claimcheck.checking.rules.fromto import (
    PERCENT_SLIP,
    FromTo,
    comparable,
    elided,
    from_tos,
    is_points,
    relative_fits,
    rounded,
    slip,
    stated_sizes,
)
from claimcheck.model import Kind, Reason

#: Slack of the loose multiples (ضعف، مرات، النصف): a writer rounds the factor.
LOOSE = Decimal("0.10")
#: تضاعف read loosely: the end value is at least this multiple of the start.
DOUBLED_AT_LEAST = Decimal("1.25")


def find(doc: Document) -> Iterator[Finding]:
    c = cues("change")
    for ft in from_tos(doc):
        sent = doc.long_sentences[0][doc.long_sentences[1][ft.first]]
        stated = False
        for p, where in stated_sizes(doc, ft, sent):
            if stated and where != "and":
                break
            stated = True  # the first size stated is this change's, right or wrong
            f = _check_stated(doc, ft, p)
            if f is not None:
                yield f
                break
            if where != "after":
                break  # only a size after B may be followed by a second one («ونسبته»)
        if stated:
            continue
        f = _check_words(doc, ft, c)
        if f is not None:
            yield f
    yield from delta.changes(doc)
    yield from delta.levels(doc)
    yield from delta.based(doc)


def _check_stated(doc: Document, ft: FromTo, p: int) -> Finding | None:
    x = doc.claims[p]
    s = doc.figure(p, stated=True)
    if s is None:
        return None
    doc.note("change", *ft.claims, x)
    a0 = ft.claims[0]
    percents = a0.kind is Kind.PERCENT and a0.unit == "percent"
    if is_points(doc, p) and percents:
        diff = ft.b.minus(ft.a)
        if diff.meets(s):
            return None
        computed = rounded(abs(ft.b_value - ft.a_value), 2)
        return _finding(doc, ft, p, computed, "change_points", computed=computed)
    if x.kind is Kind.PERCENT and x.unit == "percent":
        if percents or not ft.verb and not _noun_link(doc, ft, p):
            return None  # two percentages: the points rule's; no change named: not a change
        if ft.a_value == 0 or relative_fits(ft, s):
            return None
        computed = rounded(abs(ft.b_value - ft.a_value) / ft.a_value * 100)
        if not slip(computed, x.value, PERCENT_SLIP):
            return None
        return _finding(doc, ft, p, computed, "change_percent", computed=computed,
                        direction=doc.direction(ft.b_value > ft.a_value))
    if x.kind is Kind.NUMBER and x.subject and _times(x.subject):
        if ft.a_value == 0 or not isinstance(x.value, Decimal):
            return None
        # «ثلاثة أضعاف» is ×3 or ×4; «ثلاث مرات» ×3
        n = x.value
        allowed = Interval(n, n + ONE).widened(LOOSE)
        if ft.b.over(ft.a).meets(allowed) or ft.either_base and ft.a.over(ft.b).meets(allowed):
            return None
        computed = rounded(ft.b_value / ft.a_value, 2)
        return _finding(doc, ft, p, computed, "change_multiple", computed=computed)
    x = x if comparable(x, ft.claims[0]) else elided(ft.claims[0], x) or x
    if comparable(x, ft.claims[0]) and x.kind is not Kind.PERCENT and _difference_cue(doc, ft, p) \
            and _same_noun(x, ft.claims[0]):
        if ft.b.minus(ft.a).meets(s):
            return None
        computed = abs(ft.b_value - ft.a_value)
        if not slip(computed, x.value):
            return None
        return _finding(doc, ft, p, computed, "change_difference",
                        computed=computed)
    return None


def _same_noun(x, a) -> bool:
    """A count is a difference of counts of the same noun (money and units say theirs)."""
    if x.kind is not Kind.NUMBER:
        return True
    return bool(x.subject) and bool(a.subject) and folded_words(x.subject)[:1] == folded_words(a.subject)[:1]


def _difference_cue(doc: Document, ft: FromTo, p: int) -> bool:
    """An amount in the figures' unit is their difference after «بزيادة / بفارق…», not
    after «بمعدل» (a rate per period)."""
    diff = cues("change")["difference"]
    lo, hi = (p, ft.first) if p < ft.first else (ft.last, p)
    return any(w in diff for w in doc.between(lo, hi) + doc.before(p, 2))


def _noun_link(doc: Document, ft: FromTo, p: int) -> bool:
    """The size is introduced by a change noun (بزيادة، بارتفاع، انخفاض…)."""
    verbs = cues("change")["verbs"]
    lo, hi = (p, ft.first) if p < ft.first else (ft.last, p)
    return any(w in verbs for w in doc.between(lo, hi) + doc.before(p, 2))


def _times(subject: str) -> bool:
    w = folded_words(subject)
    return bool(w) and w[0] in cues("change")["times_nouns"]


def _check_words(doc: Document, ft: FromTo, c: dict) -> Finding | None:
    """Multiples stated in words only: إلى النصف، إلى الضعف / مرتين، تضاعف."""
    if ft.a_value == 0 or not ft.verb:
        return None
    words = list(ft.words)
    ratio = ft.b.over(ft.a)
    if c["half"].find(words) >= 0:
        want, key = Interval(Decimal("0.5"), Decimal("0.5")).widened(LOOSE), "النصف"
        expected = ft.a_value / 2
    elif c["double"].find(words) >= 0:
        want, key = Interval(Decimal(2), Decimal(3)).widened(LOOSE), "الضعف"
        expected = ft.a_value * 2
    elif any(w in c["doubled_loose"] for w in words):
        want, key = Interval(DOUBLED_AT_LEAST, None), "تضاعف"
        expected = ft.a_value * 2
    else:
        return None
    doc.note("change", *ft.claims)
    if ratio.meets(want):
        return None
    computed = rounded(ft.b_value / ft.a_value, 2)
    last = ft.claims[-1]
    return Finding(last, Reason.INCONSISTENT_CHANGE, ft.claims[:-1] if len(ft.claims) > 1 else (),
                   expected, doc.explain("change_multiple", a=ft.a_text, b=ft.b_text,
                                         computed=computed, stated=f"«{key}»"))


def _finding(doc: Document, ft: FromTo, p: int, expected: Decimal, key: str, **fields: object) -> Finding:
    x = doc.claims[p]
    return Finding(x, Reason.INCONSISTENT_CHANGE, ft.claims, expected,
                   doc.explain(key, a=ft.a_text, b=ft.b_text, stated=x.text, **fields))


RULE = Rule(
    name="change",
    reason=Reason.INCONSISTENT_CHANGE,
    summary="a change from A to B stated as a percentage, multiple or difference that A and B do not give",
    find=find,
)
