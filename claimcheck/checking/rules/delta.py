"""A change stated by its size, its percentage and where it ended (for ``change``).

Market copy rarely writes the start value of a move; it writes how much the
figure moved, by what percentage, and where it ended:

* «وانخفض مؤشر داو جونز 102.56 نقطة بنسبة 0.58% ليصل إلى 17512.61 نقطة»
* «وهبط خام برنت 71 سنتا أو 1.1 في المائة إلى 62.77 دولار للبرميل»
* «تراجع سبعة سنتات بما يعادل 0.13% ليصل إلى 53.31 دولار» (the percentage first
  is read too: «بنسبة 0.6% أو 30 نقطة إلى …»)

The start value is the end value plus the size after a fall, minus it after a
rise, and the percentage is the size over the start value. A change word must
stand before the figures (ارتفع، هبط، «وشملت الانخفاضات»); since copy often uses
a verb of one direction for a move of the other (تراجع … مرتفعاً), the stated
percentage is flagged only when neither reading gives it.
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from claimcheck.checking.rules.base import HUNDRED, Finding
from claimcheck.checking.rules.cues import cues
from claimcheck.checking.rules.document import Document, folded_words
from claimcheck.checking.rules.fromto import comparable, plausible, rounded
from claimcheck.model import Claim, Kind, Reason

#: Words at most between the size and the percentage («أو»، «بما يعادل»، «أي ما نسبته»).
LINK_WORDS = 3
#: Words at most between them and the end value («ليصل إلى مستوى»).
END_WORDS = 4
#: How far (in words) the change word may stand before the figures.
VERB_WORDS = 14
_PUNCT = ("،", ",", "(", ")")
#: A percentage this factor away from the computed one is left alone (another
#: quantity, or misread figures). The shape is tight enough to read a percentage
#: ten times off — a dropped or moved decimal mark — as a slip.
SLIP = 12


def _is_percent(x: Claim) -> bool:
    return x.kind is Kind.PERCENT and x.unit == "percent" and isinstance(x.value, Decimal)


def _same_amount(doc: Document, d: Claim, e: Claim) -> bool:
    """The size and the end value are amounts of one thing (money, a unit, or a count
    of one noun: «102.56 نقطة» and «17512.61 نقطة», «10.49 نقاط» and «2093.69 نقطة»)."""
    if not comparable(d, e) or not isinstance(d.value, Decimal) or not isinstance(e.value, Decimal):
        return False
    if d.value <= 0 or e.value <= 0 or d.kind is Kind.PERCENT:
        return False
    if d.kind is not Kind.NUMBER:
        return True
    a, b = folded_words(d.subject or "")[:1], folded_words(e.subject or "")[:1]
    points = cues("points")["point_nouns"]
    return bool(a) and bool(b) and (a == b or a[0] in points and b[0] in points)


def _words(doc: Document, i: int, j: int) -> list[str]:
    return [w for w in doc.between(i, j) if w not in _PUNCT]


def _direction(doc: Document, i: int) -> bool | None:
    """The nearest change word before claim ``i``: True a rise, False a fall, None none."""
    c = cues("change")
    words = [w for w in doc.before(i, 3 * VERB_WORDS) if w.isalpha()][-VERB_WORDS:]
    for w in reversed(words):
        if w in c["falls"]:
            return False
        if w in c["verbs"]:
            return True
    return None


def _triples(doc: Document) -> Iterator[tuple[int, int, int]]:
    """Each run of three consecutive figures (dates aside) of a long sentence."""
    for sent in doc.long_sentences[0]:
        amounts = [i for i in sent if doc.claims[i].kind is not Kind.DATE]
        for k in range(len(amounts) - 2):
            yield amounts[k], amounts[k + 1], amounts[k + 2]


def _percent_and_amount(doc: Document, i: int, j: int) -> tuple[int, int] | None:
    """``(p, d)`` when one of claims ``i`` and ``j`` is a percentage ``p`` and the
    other an amount ``d``, in either order («بنسبة P وبنحو D»، «D أو P%»); else None."""
    x, y = _is_percent(doc.claims[i]), _is_percent(doc.claims[j])
    if x == y:
        return None
    return (i, j) if x else (j, i)


def changes(doc: Document) -> Iterator[Finding]:
    """Every «D أو P إلى E» of the document whose percentage D and E do not give."""
    c = cues("change")
    for i, j, e in _triples(doc):
        if (pd := _percent_and_amount(doc, i, j)) is None:
            continue
        p, d = pd
        if not _same_amount(doc, doc.claims[d], doc.claims[e]):
            continue
        link = _words(doc, i, j)
        if not link or len(link) > LINK_WORDS or not all(w in c["delta_link"] for w in link):
            continue
        end = _words(doc, j, e)
        if not end or len(end) > END_WORDS or not all(w in c["end_at"] for w in end) \
                or not any(w in c["end_anchor"] for w in end):
            continue
        up = _direction(doc, i)
        if up is None:
            continue
        f = _judge(doc, d, p, e, up)
        if f is not None:
            yield f


#: Words at most between the figure and the change noun after it (its period:
#: «34.2 مليار دينار في أيار (مايو) بارتفاع نسبته 1%»).
LEVEL_PERIOD = 5
#: Words at most of the change noun and its links («، بزيادة قدرها»).
LEVEL_WORDS = 3


def levels(doc: Document) -> Iterator[Finding]:
    """«بلغ X بزيادة قدرها D (زائد P)»، «X بارتفاع نسبته P وبنحو D»: where the figure
    stands, then the change that brought it there, as an amount and a percentage.

    The start is X − D after a rise (X + D after a fall); P is D over it."""
    c = cues("change")
    for e, i, j in _triples(doc):
        if (pd := _percent_and_amount(doc, i, j)) is None:
            continue
        p, d = pd
        if _is_percent(doc.claims[e]) or not _same_amount(doc, doc.claims[d], doc.claims[e]):
            continue
        up = _level_noun(doc, e, i, c)
        if up is None:
            continue
        link = [w for w in _words(doc, i, j) if w not in ("(", ")", "و")]  # «و» + «بنحو 2 مليار»
        if not link or len(link) > LINK_WORDS or not all(w in c["delta_link"] for w in link):
            continue
        after = doc.after(j, 2)
        if after[:1] == ["من"] or after[:1] == [")"] and after[1:2] == ["من"]:
            continue  # «… (4.5% من الناتج)»: a share of another whole
        f = _judge(doc, d, p, e, up)
        if f is not None:
            yield f


#: Words at most of a period between the size and «مقارنة بـ Y».
BASED_PERIOD = 6


def based(doc: Document) -> Iterator[Finding]:
    """«نموها الشهري بنسبة P وبنحو D مقارنة بـ Y»: the change as a percentage and an
    amount, then the figure it is measured from; P is D over Y."""
    c = cues("change")
    for i, j, b in _triples(doc):
        if (pd := _percent_and_amount(doc, i, j)) is None:
            continue
        p, d = pd
        if not _same_amount(doc, doc.claims[d], doc.claims[b]):
            continue
        link = [w for w in _words(doc, i, j) if w not in ("(", ")", "و")]
        if not link or len(link) > LINK_WORDS or not all(w in c["delta_link"] for w in link):
            continue
        if not _sized(doc, i, c) or not _measured_from(doc, j, b, c):
            continue
        f = _judge_based(doc, d, p, b)
        if f is not None:
            yield f


def _sized(doc: Document, i: int, c: dict) -> bool:
    """The first figure is named a change's size: «بنسبة»، «نسبته»، «بارتفاع» right before
    it, or «إلى» after a change word («ووصل النمو السنوي … إلى 6%»)."""
    before = [w for w in doc.before(i, 3) if w not in _PUNCT]
    if any(w in c["rate"] for w in before):
        return True
    return bool(before) and before[-1] in c["to"] and \
        any(w in c["verbs"] for w in doc.before(i, LEVEL_PERIOD + 3))


def _measured_from(doc: Document, j: int, b: int, c: dict) -> bool:
    """Between the size and the base: its period at most, then «مقارنة بـ / مقابل»."""
    words = [w for w in doc.between(j, b) if w not in _PUNCT]
    k = 0
    while k < len(words) and k < BASED_PERIOD and not c["versus"].match_at(words, k) \
            and (words[k] in c["period_phrase"] or words[k].isdigit()):
        k += 1
    rest = words[k:]
    return bool(rest) and c["versus"].starts(rest) == len(rest)


def _judge_based(doc: Document, d: int, p: int, b: int) -> Finding | None:
    size, base, stated = doc.figure(d), doc.figure(b), doc.figure(p, stated=True)
    cd, cp, cb = doc.claims[d], doc.claims[p], doc.claims[b]
    if size is None or base is None or stated is None:
        return None
    doc.note("change", cd, cp, cb)
    if size.over(base).scaled(HUNDRED).meets(stated):
        return None
    assert isinstance(cd.value, Decimal) and isinstance(cb.value, Decimal) and isinstance(cp.value, Decimal)
    computed = rounded(cd.value / cb.value * 100, 2)
    if not plausible(computed, cp.value, SLIP):
        return None
    return Finding(cp, Reason.INCONSISTENT_CHANGE, (cd, cb), computed,
                   doc.explain("change_based", d=cd.text, a=cb.text, computed=computed, stated=cp.text))


def _level_noun(doc: Document, e: int, i: int, c: dict) -> bool | None:
    """The words between the figure ``e`` and the first size ``i``: its period at most,
    then a change noun and its links («بزيادة قدرها»، «بارتفاع نسبته»). True a rise,
    False a fall, None not this shape."""
    words = [w for w in doc.between(e, i) if w not in _PUNCT]
    k = 0
    while k < len(words) and k < LEVEL_PERIOD and (words[k] in c["period_phrase"] or words[k].isdigit()):
        k += 1
    rest = words[k:]
    if not rest or len(rest) > LEVEL_WORDS or rest[0] not in c["difference"] or rest[0] not in c["rate"]:
        return None
    if not all(w in c["link"] or w in c["rate"] for w in rest[1:]):
        return None
    return rest[0] not in c["falls"]


def _judge(doc: Document, d: int, p: int, e: int, up: bool) -> Finding | None:
    size, end, stated = doc.figure(d), doc.figure(e), doc.figure(p, stated=True)
    cd, cp, ce = doc.claims[d], doc.claims[p], doc.claims[e]
    if size is None or end is None or stated is None:
        return None
    doc.note("change", cd, cp, ce)
    after_fall = size.over(end + size).scaled(HUNDRED)
    if after_fall.meets(stated):
        return None
    if ce.value > cd.value and size.over(end.minus(size)).scaled(HUNDRED).meets(stated):
        return None
    assert isinstance(cd.value, Decimal) and isinstance(ce.value, Decimal) and isinstance(cp.value, Decimal)
    if up and ce.value <= cd.value:
        return None  # a rise larger than where it ended: figures misread («2,217» as 2.217)
    if not up:
        start = ce.value + cd.value
    else:
        start = ce.value - cd.value
    computed = rounded(cd.value / start * 100, 2)
    if not plausible(computed, cp.value, SLIP):
        return None  # far off: another quantity, or figures misread
    return Finding(cp, Reason.INCONSISTENT_CHANGE, (cd, ce), computed,
                   doc.explain("change_delta", d=cd.text, b=ce.text, a=doc.amount_of(start, ce),
                               computed=computed, stated=cp.text, direction=doc.direction(up)))
