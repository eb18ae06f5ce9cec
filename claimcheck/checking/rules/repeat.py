"""``inconsistent_repeat``: the same fact twice in one document with different values.

«87 شريكاً في التحالف الدولي» in one paragraph and «78 شريكاً في التحالف الدولي»
in another: both cannot be right. Two statements are the same fact when they
count the same noun with the same words after it (the entity and the metric:
«شريكاً في التحالف الدولي») and name no different year; a sentence that says the
figure changed (ارتفع، أصبح، إلى، بعد…) or gives it as part of another (من أصل)
states another fact. Only exact figures are compared, and only values no
rounding of the written figures joins are flagged; the second statement is the
flagged one.
"""
from __future__ import annotations

from collections.abc import Iterator

from claimcheck.checking.rules.base import Finding, Rule
from claimcheck.checking.rules.cues import Cue, cues
from claimcheck.checking.rules.document import Document, folded_words, year_of
from claimcheck.lang.stemming import STOPWORDS
from claimcheck.model import Kind, Qualifier, Reason

#: Words after the counted noun that name what is counted (entity and metric).
KEY_WORDS = 3


def _key(doc: Document, i: int, generic: Cue) -> tuple | None:
    x = doc.claims[i]
    if x.kind not in (Kind.NUMBER, Kind.MONEY, Kind.QUANTITY) or x.qualifier is not Qualifier.EXACT \
            or x.value is None or not (x.subject or x.unit):
        return None
    after = []
    for w in doc.after(i, KEY_WORDS):
        if not w.isalnum() or w.isdigit():
            break
        after.append(w)
    # what is counted must be named: two words of it at least that are neither
    # function words nor the time of the figure («في البلديات», «خلال النصف
    # الأول» name no fact: every figure of a list of parallel items has them)
    if sum(1 for w in after if w not in STOPWORDS and w not in generic.words) < 2:
        return None
    return (x.kind, x.unit, tuple(folded_words(x.subject or "")), tuple(after))


def _years(doc: Document, i: int) -> set[int]:
    return {y for j in doc.sentences[doc.sentence[i]]
            if (y := year_of(doc.claims[j])) is not None}


def find(doc: Document) -> Iterator[Finding]:
    c = cues("repeat")
    changed, generic = c["changed"], c["generic"]
    same: dict[tuple, list[int]] = {}
    moved: dict[int, bool] = {}  # per sentence: does it say a figure changed?
    for i in range(len(doc.claims)):
        key = _key(doc, i, generic)
        if key is None:
            continue
        si = doc.sentence[i]
        if si not in moved:
            moved[si] = changed.find(doc.words(*doc.spans[si])) >= 0
        if moved[si]:
            continue
        same.setdefault((doc.scope(i), *key), []).append(i)
    for found in same.values():
        # the same words with three values or more: a list of parallel items
        # (contracts, plots sold, sectors, categories), each its own figure
        if len(found) < 2 or len({doc.claims[i].value for i in found}) > 2:
            continue
        yield from _repeats(doc, found)


def _repeats(doc: Document, found: list[int]) -> Iterator[Finding]:
    first = found[0]
    for i in found[1:]:
        if doc.sentence[first] == doc.sentence[i]:
            continue
        y1, y2 = _years(doc, first), _years(doc, i)
        if y1 != y2 and y1 and y2:
            continue
        doc.note("repeat", doc.claims[first], doc.claims[i])
        a, b = doc.figure(first), doc.figure(i, stated=True)
        if a is None or b is None or a.meets(b):
            continue
        x, f = doc.claims[i], doc.claims[first]
        yield Finding(x, Reason.INCONSISTENT_REPEAT, (f,), f.value,
                      doc.explain("repeat", first=f.text, stated=x.text))


RULE = Rule(
    name="repeat",
    reason=Reason.INCONSISTENT_REPEAT,
    summary="the same count of the same thing stated twice with values no rounding joins",
    find=find,
    # off by default: on real news the same noun and words after it count different
    # things too often (lists of sectors, footnotes, per-region counts); see README
    default=False,
)
