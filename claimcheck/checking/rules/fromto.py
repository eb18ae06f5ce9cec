"""Change sentences: a start value, an end value, and what the text says the change was.

Shared by the ``change`` and ``points`` rules. The text states a change over
time as «ارتفع/تراجع … من A إلى B» (two claims, or one range claim «من A إلى B»)
with a change verb before it or a change noun after it, and states its size
right before «من A» («بنسبة 20% من 100 إلى 150») or right after B
(«…، بزيادة بلغت 51%», «أي بنسبة 5%»). A size followed by «عن/مقارنة/خلال…» is
measured against another base, and one followed by «من» is a share: neither is
this change's.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from claimcheck.checking.rules.base import Interval, resolution
from claimcheck.checking.rules.cues import cues
from claimcheck.checking.rules.document import Document, folded_words, year_of
from claimcheck.model import Claim, Kind

#: How far (in words) the change verb may stand before the start value.
VERB_REACH = 10
#: ... counted in words proper (a period such as «من يناير إلى مارس الماضيين» may
#: stand between the verb and the figures)
VERB_WORDS = 16
#: How many words may separate the end value and the size of the change.
LINK_REACH = 6


@dataclass(frozen=True, slots=True)
class FromTo:
    """«من A إلى B»: the start and end amounts, and the claims that state them."""

    a: Interval
    b: Interval
    a_value: Decimal
    b_value: Decimal
    a_text: str
    b_text: str
    claims: tuple[Claim, ...]   # one range claim, or the start and end claims
    first: int                  # index of the first claim, and of the last
    last: int
    verb: bool                  # a change verb stands before it
    words: tuple[str, ...]      # the words around it: before A and after B
    #: «X مقابل Y»: the end value first, the start after «مقابل» (a period may follow)
    versus: bool = False
    #: the text does not say which of the two figures is the base
    either_base: bool = False


def comparable(x: Claim, y: Claim) -> bool:
    """Same kind and unit: two amounts one can be a change of the other."""
    if x.kind is not y.kind or x.kind in (Kind.DATE, Kind.ORDINAL):
        return False
    return x.unit == y.unit


#: A bare number written with a scale word («28,7 مليونا») is at least this coarse.
SCALED = Decimal(1000)


def elided(x: Claim, y: Claim) -> Claim | None:
    """``y`` in ``x``'s currency when copy leaves it out after the first figure
    («27,3 مليون دولار، مقابل 28,7 مليونا»: a bare number with a scale word, no noun)."""
    if x.kind is not Kind.MONEY or y.kind is not Kind.NUMBER or y.subject:
        return None
    r = y.resolution
    if r is None or Decimal(str(r)) < SCALED:
        return None
    return replace(y, kind=x.kind, unit=x.unit)


def _point(v: Decimal, res: Decimal) -> Interval:
    half = res / 2
    return Interval(max(Decimal(0), v - half), v + half)


def from_tos(doc: Document) -> Iterator[FromTo]:
    """Every «من A إلى B» of the document that a change verb or noun governs."""
    c = cues("change")
    frm, to, verbs = c["from"], c["to"], c["verbs"]
    text, off = doc.text, doc.offset
    for sent in doc.long_sentences[0]:
        if len(sent) < 2 and not (sent and doc.claims[sent[0]].value is None):
            continue
        for k, i in enumerate(sent):
            x = doc.claims[i]
            a = x.start - off
            # «من» right before the figure, or opening a range claim (cheap look first)
            if not (text[max(0, a - 6):a].rstrip().endswith("من") or x.text.startswith("من")):
                v = _versus(doc, sent, k, c) or _dated_pair(doc, sent, k)
                if v is not None:
                    yield v
                continue
            before = doc.before(i, VERB_REACH)
            if not before or not frm.ends(before[-1:]):
                continue
            verb = _verb_before(doc, i, verbs)
            if x.value is None and isinstance(x.low, Decimal) and isinstance(x.high, Decimal):
                if not plausible(x.low, x.high) or _year_start(x.low, before, c) or not verb \
                        or any(w in c["about"] or w in c["to"] for w in before[-4:-1]):
                    continue  # «وصل إلى ما يقرب من 7 إلى 8 مليارات»: an estimate, not a change
                if to.find(folded_words(x.text)) < 0:
                    continue
                res = resolution(x)
                after = doc.after(i, LINK_REACH)
                yield FromTo(_point(x.low, res), _point(x.high, res), x.low, x.high,
                             doc.amount_of(x.low, x), doc.amount_of(x.high, x), (x,), i, i, verb,
                             tuple(before + after))
                continue
            j = _next_amount(doc, sent, k)
            if j is None or not isinstance(x.value, Decimal):
                continue
            y = doc.claims[j]
            if not comparable(x, y) or not isinstance(y.value, Decimal):
                continue
            gap = doc.gap(i, j)
            if not gap or len(gap) > 6 or not to.ends(gap) or any(not w.isalnum() for w in gap):
                continue
            a, b = doc.figure(i), doc.figure(j)
            if a is None or b is None or not plausible(x.value, y.value):
                continue
            verb = verb or any(w in verbs for w in gap)
            yield FromTo(a, b, x.value, y.value, x.text, y.text, (x, y), i, j, verb,
                         tuple(before + doc.after(j, LINK_REACH)))


def _versus(doc: Document, sent: list[int], k: int, c: dict) -> FromTo | None:
    """«بلغ الربح X مقابل Y للفترة نفسها من العام الماضي»: X now, Y before."""
    i = sent[k]
    j = _next_amount(doc, sent, k)
    if j is None:
        return None
    x, y = doc.claims[i], doc.claims[j]
    raw = doc.text[x.end - doc.offset:y.start - doc.offset]
    if len(raw) > VERSUS_CHARS or ("مقابل" not in raw and "مقارن" not in raw and "قياس" not in raw):
        return None
    gap = [w for w in doc.gap(i, j) if w not in ("،", ",")]
    if not gap or any(not w.isalnum() for w in gap) or not _versus_words(gap, c):
        return None
    y = y if comparable(x, y) else elided(x, y) or y
    if not (comparable(x, y) and isinstance(x.value, Decimal) and isinstance(y.value, Decimal)):
        return None
    a, b = doc.figure(j), doc.figure(i)
    if a is None or b is None or not plausible(x.value, y.value):
        return None
    before = doc.before(i, VERB_REACH)
    verb = _verb_before(doc, i, c["verbs"])
    # «لتبلغ X مقابل Y»: X is where the change ended, Y its base; a bare «X مقابل Y»
    # («14 مشروعاً في 2011 مقابل 19 في 2012») does not say which came first
    ends_at_x = c["to"].ends(before[-3:]) or bool(before) and before[-1] in c["end_anchor"]
    return FromTo(a, b, y.value, x.value, y.text, x.text, (x, y), i, j, verb,
                  tuple(before + doc.after(j, LINK_REACH)), versus=True, either_base=not ends_at_x)


#: Characters at most between a figure of the same thing and a dated pair that
#: continues its list.
LIST_REACH = 80


def _dated_pair(doc: Document, sent: list[int], k: int) -> FromTo | None:
    """«142 مشروعاً في نيسان 2011، و120 في نيسان 2012 بتراجع 22 مشروعاً»: two figures of
    one thing, each with its year, joined by «و»; the earlier year's is the base."""
    i = sent[k]
    if k + 3 >= len(sent):
        return None
    dx, j, dy = sent[k + 1:k + 4]
    x, y = doc.claims[i], doc.claims[j]
    ya, yb = year_of(doc.claims[dx]), year_of(doc.claims[dy])
    if ya is None or yb is None or ya == yb or doc.claims[j].kind is Kind.DATE:
        return None
    if any(w not in cues("change")["period_phrase"] for w in doc.gap(i, dx) + doc.gap(j, dy)):
        return None  # «X في 2011»: only the period between a figure and its year
    raw = doc.text[doc.claims[dx].end - doc.offset:y.start - doc.offset].strip(" ،,")
    if not (raw == "و" or not raw and y.text.startswith("و")):
        return None
    if not (comparable(x, y) and isinstance(x.value, Decimal) and isinstance(y.value, Decimal)) \
            or y.subject and folded_words(y.subject)[:1] != folded_words(x.subject or "")[:1]:
        return None  # «142 مشروعاً في 2011، و120 موظفاً في 2012»: two things counted
    a, b = doc.figure(i), doc.figure(j)
    if a is None or b is None or not plausible(x.value, y.value):
        return None
    prev = next((m for m in reversed(sent[:k]) if doc.claims[m].kind is not Kind.DATE), None)
    if prev is not None and comparable(doc.claims[prev], x) and x.start - doc.claims[prev].end <= LIST_REACH:
        return None  # «X في 2012، في مقابل A في 2011 و B في 2010»: the tail of a longer list
    if ya > yb:  # written the later year first: the second figure is the base
        a, b = b, a
        x, y = y, x
    verb = _verb_before(doc, i, cues("change")["verbs"])
    return FromTo(a, b, x.value, y.value, x.text, y.text, (doc.claims[i], doc.claims[j]), i, j, verb,
                  tuple(doc.before(i, VERB_REACH) + doc.after(j, LINK_REACH)), versus=True)


#: Words at most in «مقابل»، «في مقابل»، «مقارنة بـ».
VERSUS_WORDS = 3
#: Characters at most between X and Y in «X مقابل Y» («، مقارنة بمستواها السابق »).
VERSUS_CHARS = 32
#: Words naming the base after «مقارنة بـ» («مقارنة بمستواها السابق Y»).
BASE_WORDS = 2


def _versus_words(gap: list[str], c: dict) -> bool:
    """«مقابل»، «في مقابل»، «مقارنة بـ», or «مقارنة بمستواها السابق»: a versus cue (after
    the words of X's period), then at most BASE_WORDS words that name the earlier level."""
    if len(gap) <= VERSUS_WORDS and c["versus"].ends(gap):
        return True
    for k in range(min(PERIOD_BEFORE + 1, len(gap))):
        n = c["versus"].match_at(gap, k)
        if n and all(w in c["period_phrase"] or w.isdigit() for w in gap[:k]):
            # «14 مشروعاً في نيسان 2011 في مقابل 19»: X's period, then the cue
            rest = gap[k + n:]
            return len(rest) <= BASE_WORDS and all(w in c["base_words"] for w in rest)
    return False


#: Words of X's period at most before «مقابل» («في نيسان 2011 في مقابل»).
PERIOD_BEFORE = 4
#: Words of a period that may follow the start value of «X مقابل Y» before the size
#: of the change («… مقابل Y للفترة المماثلة من العام الماضي، بارتفاع نسبته 25%»).
PERIOD_WORDS = 8


#: A change beyond this factor either way is a misread pair (a year read as the start
#: of a range: «من 2012 إلى 475011 سيارة»), not a change copy states.
PLAUSIBLE_FACTOR = 6


def plausible(a: Decimal, b: Decimal, factor: int = PLAUSIBLE_FACTOR) -> bool:
    return a > 0 and b > 0 and a * factor >= b and b * factor >= a


#: A stated size more than this factor away from the computed one is another
#: quantity, or figures the extraction misread («4,393 مليار … بزيادة 8,43 مليار»),
#: not a writer's slip: it is left alone.
SLIP_FACTOR = 5


def slip(computed: Decimal, stated: Decimal, factor: int = SLIP_FACTOR) -> bool:
    """Whether a stated size is close enough to the computed one to be its slip."""
    return plausible(abs(computed), abs(stated), factor)


#: A percentage ten times off is a slip too (a dropped or moved decimal mark: 8 %
#: written 80 %), when the figures it is computed from are read whole.
PERCENT_SLIP = 12


def _verb_before(doc: Document, i: int, verbs) -> bool:
    """A change verb among the last VERB_REACH words before claim ``i`` (figures and
    signs such as «81.5%» do not count as words)."""
    words = [w for w in doc.before(i, 3 * VERB_REACH) if w.isalpha()]
    return any(w in verbs for w in words[-VERB_WORDS:])


def _rises_to(gap: list[str], c: dict) -> bool:
    """«بنسبة 13% لتبلغ X مقابل Y»، «بنسبة 47% بارتفاعها إلى X»، «بنسبة 65% خلال تموز
    الماضي إلى X»، «، لتستقر قيمتها عند X»، «بنسبة 20.5% في حجم العمليات البالغة X»: the
    size, then where the figure ended (a period and one noun, the thing that moved —
    after a word of measure, حجم، عدد — may stand between)."""
    gap = [w for w in gap if w not in ("،", ",")]
    if not 0 < len(gap) <= RISES_WORDS or not (c["to"].ends(gap) or gap[-1] in c["end_anchor"]):
        return False
    free = [w for w in gap if not (w in c["rate"] or w in c["link"] or w in c["to"] or w in c["verbs"]
                                   or w in c["end_at"] or w in c["period_phrase"] or w.isdigit()
                                   or w in c["measures"] or w.startswith(("ب", "و")))]
    return len(free) <= 1 and all(w.isalpha() for w in free)


#: Words at most between the size of a change and «إلى X» / «لتبلغ X».
RISES_WORDS = 6


def _year_start(low: Decimal, before: list[str], c: dict) -> bool:
    """«في الربع الأول من 2015 إلى 4000 سيارة»: the range starts with a year."""
    return 1900 <= low <= 2100 and low == low.to_integral_value() \
        and any(w in c["period_words"] for w in before[-4:-1])


def _next_amount(doc: Document, sent: list[int], k: int) -> int | None:
    """The next claim of the sentence after position ``k``, skipping dates («في 2020»)."""
    for j in sent[k + 1:]:
        if doc.claims[j].kind is not Kind.DATE:
            return j
    return None


def stated_sizes(doc: Document, ft: FromTo, sent: list[int]) -> Iterator[tuple[int, str]]:
    """The claims that state the size of the change ``ft``, with where they stand
    (``before`` «من A», ``after`` B, or ``and``: a second size joined to the one after B)."""
    c = cues("change")
    rate, link, other, period = c["rate"], c["link"], c["other_base"], c["period_phrase"]
    k = sent.index(ft.first)
    if k > 0:
        p = sent[k - 1]
        gap = doc.between(p, ft.first)
        before = doc.before(p, 3)
        if _introduced(before, c, ft.verb) and doc.claims[p].kind is not Kind.DATE and (
                gap == ["من"] or ft.versus and _rises_to(gap, c)):
            yield p, "before"
    k = sent.index(ft.last)
    nxt = _next_amount(doc, sent, k)
    if nxt is not None:
        p = nxt
        gap = [w for w in doc.between(ft.last, p) if w not in ("،", ",", "%", "٪")]  # «بلغ %7.02»
        if ft.versus:  # a period may come first: «للفترة المماثلة من العام الماضي»
            at = next((m for m, w in enumerate(gap) if w in rate or w in link and w not in period),
                      len(gap))
            if at <= PERIOD_WORDS and all(w.isdigit() or w in period for w in gap[:at]):
                gap = gap[at:]
        # only the words of a size: «، بزيادة بلغت»، «أي بنسبة»، «بارتفاع نسبته»
        if 0 < len(gap) <= LINK_REACH and any(w in rate for w in gap) \
                and all(w in rate or w in link for w in gap):
            after = doc.after(p, 3)
            if not after or (after[0] != "من" and other.match_at(after, 0) == 0):
                yield p, "after"
                q = _and_size(doc, sent, p, c)
                if q is not None:
                    yield q, "and"


def _and_size(doc: Document, sent: list[int], p: int, c: dict) -> int | None:
    """«أي بانخفاض قدره 1,4 مليون ونسبته 4,8%»، «بارتفاع 5 مشاريع وما نسبته 35%»: the
    same change stated a second time, joined to the first size by «و»."""
    k = sent.index(p)
    q = _next_amount(doc, sent, k)
    if q is None:
        return None
    gap = [w for w in doc.between(p, q) if w not in ("،", ",", "%", "٪")]
    if not 0 < len(gap) <= 3 or not gap[0].startswith("و"):
        return None
    if not all(w in c["rate"] or w in c["link"] for w in gap):
        return None
    after = doc.after(q, 3)
    if after and (after[0] == "من" or c["other_base"].match_at(after, 0)):
        return None
    return q


def _introduced(before: list[str], c: dict, verb: bool) -> bool:
    """The words before a size name it one: «بنسبة 20%»، «بلغت نسبته 42.7%»، «ارتفاعاً
    بنحو 30%»، «بنحو 30%» after a change verb."""
    if not before:
        return False
    if before[-1] in c["rate"]:
        return True
    if before[-1] in c["to"]:
        return False  # «زادت إلى 9.05 ريالات من 8.10»: where it ended, not a size
    if before[-1] in c["link"] or before[-1] in c["about"]:
        return verb or any(w in c["rate"] or w in c["verbs"] for w in before[:-1])
    return False


def is_points(doc: Document, i: int) -> bool:
    """Whether claim ``i`` is a number of percentage points («2.5 نقطة مئوية»)."""
    x = doc.claims[i]
    if x.unit == "percentage_point":
        return True
    if x.kind is not Kind.NUMBER or not x.subject:
        return False
    p = cues("points")
    if folded_words(x.subject)[-1:] and folded_words(x.subject)[-1] in p["point_nouns"]:
        return doc.after(i, 1)[:1] != [] and doc.after(i, 1)[0] in p["point_adjectives"]
    return False


def relative(ft: FromTo) -> Interval:
    """|B − A| / A × 100 over every reading of A and B."""
    return ft.b.minus(ft.a).over(ft.a).scaled(Decimal(100))


def relative_fits(ft: FromTo, stated: Interval) -> bool:
    """Whether the stated percentage is the relative change. «X مقابل Y» does not say
    which came first («14 مشروعاً في 2011 مقابل 19 في 2012»): either may be the base."""
    if relative(ft).meets(stated):
        return True
    return ft.either_base and ft.b.minus(ft.a).over(ft.b).scaled(Decimal(100)).meets(stated)


def rounded(x: Decimal, places: int = 1) -> Decimal:
    q = Decimal(1).scaleb(-places)
    r = x.quantize(q)
    return r.to_integral_value() if r == r.to_integral_value() else r.normalize()
