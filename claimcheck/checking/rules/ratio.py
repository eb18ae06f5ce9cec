"""``inconsistent_ratio``: a part «من أصل» a whole, and the percentage it makes.

«فاز الحزب بـ45 مقعداً من أصل 120، أي 47%» — 45 of 120 is 37.5 %, not 47 %.
The part and the whole are joined by «من أصل / من بين / من مجموع / من إجمالي»
and the percentage follows at once («أي»، «بنسبة»، «ما نسبته»), stands right
before the part («47% (45 من أصل 120)») or in brackets right after it («45 مقعداً
(47%) من أصل 120»). The percentage is the derived figure.
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from claimcheck.checking.rules.base import HUNDRED, Finding, Rule
from claimcheck.checking.rules.cues import cues
from claimcheck.checking.rules.document import Document
from claimcheck.checking.rules.fromto import rounded
from claimcheck.checking.rules.share import is_amount
from claimcheck.model import Kind, Reason


def _is_percent(doc: Document, i: int) -> bool:
    x = doc.claims[i]
    return x.kind is Kind.PERCENT and x.unit == "percent" and isinstance(x.value, Decimal)


def _joined(doc: Document, i: int, j: int, cue: str) -> bool:
    """«من أصل» between part and whole; only «أي / ما نسبته / وهي تمثل نسبة» words
    (after at most ``WHOLE_WORDS`` words naming the whole) before the percentage."""
    gap = [w for w in doc.gap(i, j) if w not in ("،", ",", "(", ")")]
    c = cues("ratio")[cue]
    if cue == "out_of":
        return bool(gap) and c.starts(gap) == len(gap)
    for k in range(min(WHOLE_WORDS, len(gap) - 1) + 1):
        rest = gap[k:]
        if rest and all(w in c for w in rest) and all(w.isalnum() for w in gap[:k]):
            return True
    return False


#: Words that may name the whole after its figure («21 مليون مواطن مسجل، أي …»),
#: or the part before «من أصل» («47270 منتسباً (43%) إلى النادي من أصل …»).
WHOLE_WORDS = 2


def _bracketed(doc: Document, amounts: list[int], k: int) -> Finding | None:
    """«شارك 47270 منتسباً (43.12%) … من أصل 110000»: the percentage in brackets right
    after the part, the whole after «من أصل» (at most WHOLE_WORDS words before it)."""
    a, p, w = amounts[k:k + 3]
    x, y = doc.claims[a], doc.claims[w]
    if not (_is_percent(doc, p) and is_amount(x) and is_amount(y) and x.kind is y.kind and x.unit == y.unit):
        return None
    if [t for t in doc.gap(a, p) if t != "،"] != ["("]:
        return None
    gap = [t for t in doc.gap(p, w) if t not in ("،", ",")]
    if gap[:1] != [")"]:
        return None
    c = cues("ratio")["out_of"]
    rest = gap[1:]
    at = next((m for m in range(min(WHOLE_WORDS + 1, len(rest))) if c.match_at(rest, m) + m == len(rest)), None)
    if at is None or not all(t.isalnum() for t in rest[:at]):
        return None
    return _judge(doc, a, w, p)


def _judge(doc: Document, a: int, w: int, p: int) -> Finding | None:
    x, y, z = doc.claims[a], doc.claims[w], doc.claims[p]
    part, whole, stated = doc.figure(a), doc.figure(w), doc.figure(p, stated=True)
    if part is None or whole is None or stated is None:
        return None
    doc.note("ratio", x, y, z)
    if part.over(whole).scaled(HUNDRED).meets(stated):
        return None
    expected = rounded(x.value / y.value * 100)
    return Finding(z, Reason.INCONSISTENT_RATIO, (x, y), expected,
                   doc.explain("ratio", part=x.text, whole=y.text, computed=expected, stated=z.text))


def find(doc: Document) -> Iterator[Finding]:
    for sent in doc.sentences:
        if len(sent) < 3:
            continue
        amounts = [i for i in sent if doc.claims[i].kind is not Kind.DATE]
        for k in range(len(amounts) - 2):
            f = _bracketed(doc, amounts, k)
            if f is not None:
                yield f
        for k in range(len(amounts) - 1):
            a, w = amounts[k], amounts[k + 1]
            x, y = doc.claims[a], doc.claims[w]
            if "من" not in doc.text[x.end - doc.offset:y.start - doc.offset]:
                continue
            if not (is_amount(x) and is_amount(y) and x.kind is y.kind and x.unit == y.unit):
                continue
            if not _joined(doc, a, w, "out_of"):
                continue
            p = None
            if k + 2 < len(amounts) and _is_percent(doc, amounts[k + 2]) \
                    and _joined(doc, w, amounts[k + 2], "rate"):
                p = amounts[k + 2]
            elif k > 0 and _is_percent(doc, amounts[k - 1]) \
                    and [t for t in doc.gap(amounts[k - 1], a) if t not in ("،", ",")] in ([], ["("]):
                p = amounts[k - 1]
            if p is None:
                continue
            f = _judge(doc, a, w, p)
            if f is not None:
                yield f


RULE = Rule(
    name="ratio",
    reason=Reason.INCONSISTENT_RATIO,
    summary="a part «من أصل» a whole stated with a percentage the two do not give",
    find=find,
)
