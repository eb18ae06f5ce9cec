"""``inconsistent_share``: a whole, a share of it, and the part that share amounts to.

«نحو 40% من السكان البالغ عددهم 33 مليوناً، أي 20 مليون شخص» — 40 % of 33 million
is 13.2 million (about 40 %: 11.7–14.7 million), not 20 million. Three shapes:

* «S من [الـ… البالغ عددهم] W، أي P» — the share, its whole, then the part;
* «W …، [يمثل …] S منهم، أي P» — the whole first, the share «of them»;
* «P، أي S من W» — the part first, then the share it is of the whole (the
  share is the derived figure, and the one flagged);
* «W، منها P بنسبة S» — the whole, a part «of which», and the share that part is
  («3.62 مليون خط منها 2.53 مليون خط سكني تمثل 70%»; the share is flagged).

The share's base must be the stated whole: «من» followed at once by the whole,
or by a noun and «البالغ عددهم» before it. A share «من الناخبين» next to the
number of inhabitants is of another base and is left alone. Fractions (ثلث، ربع)
are read as written, with their own looseness.
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from claimcheck.checking.rules.base import HUNDRED, Finding, Interval, Rule
from claimcheck.checking.rules.cues import cues
from claimcheck.checking.rules.document import Document, folded_words
from claimcheck.checking.rules.fromto import comparable, rounded
from claimcheck.model import Claim, Kind, Reason

#: Words that may qualify a part before «أي» («6 ملايين شخص في الزراعة، أي 40%…»).
PART_WORDS = 3
#: Words allowed between «من» and the whole besides «البالغ عددهم» (the base's noun).
BASE_NOUN_WORDS = 3


def share_of(doc: Document, i: int) -> Interval | None:
    """A share as a fraction of 1: a percentage, or a fraction word (ثلث، ربع)."""
    x = doc.claims[i]
    iv = doc.figure(i)
    if iv is None or not isinstance(x.value, Decimal):
        return None
    if x.kind is Kind.PERCENT and x.unit == "percent":
        return iv.scaled(Decimal("0.01"))
    if x.kind is Kind.NUMBER and x.value < 1 and _is_fraction(x):
        return iv
    return None


def _is_fraction(x: Claim) -> bool:
    w = folded_words(x.text)
    fr = cues("share")["fractions"]
    return any(fr.match_at(w, k) for k in range(len(w)))


def is_amount(x: Claim) -> bool:
    return x.kind in (Kind.NUMBER, Kind.MONEY, Kind.QUANTITY) and isinstance(x.value, Decimal) \
        and x.value >= 1


def of_base(doc: Document, s: int, w: int) -> bool:
    """The words between share ``s`` and whole ``w`` make ``w`` the share's base."""
    gap = doc.gap(s, w)
    if gap[:1] == ["من"]:
        rest = gap[1:]
    elif gap and _is_fraction(doc.claims[s]):
        rest = gap  # «ثلث السكان البالغ عددهم …»: the fraction's noun is its base
    else:
        return False
    if not rest:
        return True
    amounting = cues("share")["amounting"]
    for k in range(len(rest)):
        n = amounting.match_at(rest, k)
        if n and k + n == len(rest) and k <= BASE_NOUN_WORDS and all(t.isalnum() for t in rest):
            return True
    return False


def that_is(doc: Document, i: int, j: int, words: int = 0) -> bool:
    """Claims ``i`` and ``j`` are joined by «أي / ما يعادل» (after at most ``words``
    words that qualify ``i``: «6 ملايين شخص في الزراعة، أي …»)."""
    gap = [w for w in doc.gap(i, j) if w not in ("،", ",")]
    c = cues("share")
    gap = gap[c["of_them"].starts(gap):]
    for k in range(min(words, len(gap) - 1) + 1):
        rest = gap[k:]
        if all(w.isalnum() for w in gap[:k]) and rest and c["that_is"].starts(rest) == len(rest):
            return True
    return False


def find(doc: Document) -> Iterator[Finding]:
    for sent in doc.long_sentences[0]:
        if len(sent) < 3:
            continue
        amounts = [i for i in sent if doc.claims[i].kind is not Kind.DATE]
        if len(amounts) < 3:
            continue
        for k, s in enumerate(amounts):
            sh = share_of(doc, s)
            if sh is None:
                continue
            nxt = amounts[k + 1:k + 3]
            f = None
            if len(nxt) == 2 and is_amount(doc.claims[nxt[0]]) and of_base(doc, s, nxt[0]) \
                    and comparable(doc.claims[nxt[0]], doc.claims[nxt[1]]) and that_is(doc, nxt[0], nxt[1]):
                f = _part(doc, s, sh, nxt[0], nxt[1])
            elif nxt and _of_them(doc, s) and that_is(doc, s, nxt[0]) and k > 0:
                p = nxt[0]
                w = next((j for j in reversed(amounts[:k]) if comparable(doc.claims[j], doc.claims[p])), None)
                if w is not None and is_amount(doc.claims[w]):
                    f = _part(doc, s, sh, w, p)
            elif k > 0 and nxt and is_amount(doc.claims[nxt[0]]) and of_base(doc, s, nxt[0]) \
                    and comparable(doc.claims[amounts[k - 1]], doc.claims[nxt[0]]) \
                    and (that_is(doc, amounts[k - 1], s, words=PART_WORDS) or _represents(doc, amounts[k - 1], s)):
                f = _share(doc, amounts[k - 1], s, nxt[0])
            if f is None and k >= 2 and _whole_of_them(doc, amounts[k - 2], amounts[k - 1], s):
                f = _share(doc, amounts[k - 1], s, amounts[k - 2])
            if f is not None:
                yield f


#: Words at most of the part's period between it and «ممثلة» («عام 2014 مقارنة بعام 2013»).
PERIOD_WORDS = 8


def _represents(doc: Document, p: int, s: int) -> bool:
    """«لتبلغ P عام 2014 [مقارنة بعام 2013] ممثلة ما نسبته S من الإجمالي العالمي البالغ W»:
    the part, its period at most, then «ممثلة / لتمثل / ومثلت» and the share."""
    gap = [w for w in doc.gap(p, s) if w not in ("،", ",")] + doc.lead(s)
    c = cues("share")
    period = cues("change")["period_phrase"]
    versus = cues("change")["versus"]
    at = next((m for m, w in enumerate(gap) if w in c["represents"]), None)
    if at is None or at > PERIOD_WORDS:
        return False
    if not all(w in period or w.isdigit() or w in versus for w in gap[:at]):
        return False
    return all(w in c["represents_link"] for w in gap[at + 1:])


def _whole_of_them(doc: Document, w: int, p: int, s: int) -> bool:
    """«W، منها P [سكني] بنسبة / تمثل S%»: a whole, a part of it «of which», and the
    share that part is of it (a share «من» another figure is not of this whole)."""
    x, y = doc.claims[w], doc.claims[p]
    if not (is_amount(x) and is_amount(y) and comparable(x, y)) or doc.claims[s].kind is not Kind.PERCENT:
        return False
    c = cues("share")
    if [t for t in doc.gap(w, p) if t not in ("،", ",")] not in ([t] for t in c["of_them"].words):
        return False
    gap = [t for t in doc.gap(p, s) if t not in ("،", ",")]
    link = cues("ratio")["rate"]
    at = next((m for m in range(min(PART_WORDS, len(gap)) + 1) if gap[m:] and all(t in link for t in gap[m:])),
              None)
    if at is None or not all(t.isalpha() for t in gap[:at]):
        return False
    return not (doc.after(s, 1) == ["من"] and _amount_follows(doc, s))


def _amount_follows(doc: Document, s: int) -> bool:
    """A figure right after «S% من»: the share is of it, not of the whole before."""
    nxt = next((j for j in range(s + 1, len(doc.claims)) if doc.claims[j].kind is not Kind.DATE), None)
    return nxt is not None and len(doc.gap(s, nxt)) <= BASE_NOUN_WORDS + 2


def _of_them(doc: Document, s: int) -> bool:
    return cues("share")["of_them"].starts(doc.after(s, 2)) > 0


def _part(doc: Document, s: int, sh: Interval, w: int, p: int) -> Finding | None:
    """The part ``p`` stated for share ``s`` of whole ``w``."""
    doc.note("share", doc.claims[w], doc.claims[s], doc.claims[p])
    whole, part = doc.figure(w), doc.figure(p, stated=True)
    if whole is None or part is None or sh.times(whole).meets(part):
        return None
    x, ws = doc.claims[s], doc.claims[w]
    exact = _value(x) * ws.value
    expected = rounded(exact, 0) if exact >= 100 else rounded(exact, 2)
    return Finding(doc.claims[p], Reason.INCONSISTENT_SHARE, (ws, x), expected,
                   doc.explain("share", share=x.text, whole=ws.text, computed=expected,
                               stated=doc.claims[p].text))


def _share(doc: Document, p: int, s: int, w: int) -> Finding | None:
    """The share ``s`` stated for part ``p`` of whole ``w`` («P، أي S من W»)."""
    doc.note("share", doc.claims[p], doc.claims[s], doc.claims[w])
    part, whole = doc.figure(p), doc.figure(w)
    x = doc.claims[s]
    stated = doc.figure(s, stated=True)
    if part is None or whole is None or stated is None or x.kind is not Kind.PERCENT:
        return None
    if part.over(whole).scaled(HUNDRED).meets(stated):
        return None
    ps, ws = doc.claims[p], doc.claims[w]
    expected = rounded(ps.value / ws.value * 100)
    return Finding(x, Reason.INCONSISTENT_SHARE, (ps, ws), expected,
                   doc.explain("share_of_part", part=ps.text, whole=ws.text, computed=expected,
                               stated=x.text))


def _value(x: Claim) -> Decimal:
    assert isinstance(x.value, Decimal)
    return x.value / 100 if x.kind is Kind.PERCENT else x.value


RULE = Rule(
    name="share",
    reason=Reason.INCONSISTENT_SHARE,
    summary="a share of a stated whole that does not give the part the text states",
    find=find,
)
