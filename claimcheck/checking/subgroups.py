"""A part of a metric, or another measure of the same thing.

* «البطالة النسائية تفوق 30%» is women's unemployment, not the unemployment
  rate of a table; «بطالة الشباب 40%» the young's; «الصادرات غير النفطية» the
  non-oil exports. A figure whose own clause (before it, or in the few words
  right after it: «تفوق 30% بين النساء») holds a part word of
  ``lang/data/subgroups.toml`` matches only a fact whose metric or keywords
  hold it too.
* «لا يستطيع تصدير أكثر من 600 ألف برميل يومياً» measures exports, not output:
  the measure word nearest before the figure in its own clause (else one right
  after it) says what the figure measures, and a fact whose words name another
  measure, and not that one, is not its fact.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from claimcheck.checking.clauses import clause
from claimcheck.lang.lexicon import forms, load, trie_pattern
from claimcheck.lang.stemming import terms
from claimcheck.model import Kind
from claimcheck.text.normalize import fold
from claimcheck.lang import recache

if TYPE_CHECKING:
    from claimcheck.checking.context import Document
    from claimcheck.model import Claim
    from claimcheck.reference.index import Fact

#: words right after a figure where a part still narrows it («30% بين النساء»)
AFTER_REACH = 3
_WORD = recache.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    words = forms(load("subgroups")["words"], where="subgroups.toml words")
    return recache.compile(r"(?<!\w)[وف]?[بلك]?(" + trie_pattern(words) + r")(?!\w)")


def parts_named(doc: Document, c: Claim, si: int) -> frozenset[tuple[str, ...]]:
    """The parts (as terms) that claim ``c``'s own clause narrows it to."""
    a, b = clause(doc, c, si)
    to_text, off, folded = doc.norm.to_text, doc.off, doc.folded
    s0, e0 = to_text(c.start - off), to_text(c.end - off)
    end = e0
    for k, m in enumerate(_WORD.finditer(folded, e0, b)):
        if k == AFTER_REACH:
            break
        end = m.end()
    pattern = _pattern()
    found = [m.group(1) for m in pattern.finditer(folded, a, s0)]
    found += [m.group(1) for m in pattern.finditer(folded, e0, end)]
    found += [m.group(1) for m in pattern.finditer(folded, s0, e0)]
    if _nationals().search(folded, a, end):
        found.append(_CITIZENS)
    return frozenset(tuple(terms(w)) for w in found)


_CITIZENS = "المواطنين"


@lru_cache(maxsize=1)
def _nationals() -> re.Pattern[str]:
    """«السكان السعوديين»، «سكان الكويت من المواطنين»: the inhabitants of one
    nationality, citizens or foreigners (subgroups.toml ``population_parts``)."""
    words = forms(load("subgroups")["population_parts"], where="subgroups.toml population_parts")
    return recache.compile(r"(?<!\w)[وف]?[بلك]?(?:ال)?سكان(?:ها|ه)?(?:\s+[^\W\d_]+)?(?:\s+من)?\s+(?:"
                           + trie_pattern(words) + r"|ال[^\W\d_]{2,}(?:يين|يون))(?!\w)")


@lru_cache(maxsize=1)
def _measures() -> tuple[re.Pattern[str], dict[str, str]]:
    data = load("subgroups")["measures"]
    of = {w: name for name, ws in data.items() for w in forms(ws, where=f"subgroups.toml {name}")}
    return recache.compile(r"(?<!\w)[وف]?[بلك]?(" + trie_pattern(sorted(of)) + r")(?!\w)"), of


def measure_named(doc: Document, c: Claim, si: int, reach: int = 2) -> str:
    """What claim ``c`` measures by its own clause (``""``: nothing said); a
    figure whose clause says nothing measures what the figure before it in
    its sentence, in the same unit, measures: «صادرات السعودية … إلى 6.9 مليون
    برميل يوميا من 7.7 مليون برميل يوميا في أبريل», «شحنات قدرها 6.9 مليون برميل
    مقارنة مع 7.7 مليون» — both are exports (``reach``: how many figures back)."""
    own = _own_measure(doc, c, si)
    if own or reach == 0:
        return own
    k = doc.index_of(c)
    start = doc.starts[si]
    for j in range((k or 0) - 1, -1, -1):
        p = doc.claims[j]
        if p.end <= start or k is None:
            return ""
        if p.kind is Kind.DATE:
            continue
        if p.kind is not c.kind or (p.unit or "").split(" ")[0] != (c.unit or "").split(" ")[0]:
            return ""  # (barrels and barrels a day are one thing counted)
        return measure_named(doc, p, si, reach - 1)
    return ""


def _own_measure(doc: Document, c: Claim, si: int) -> str:
    a, b = clause(doc, c, si)
    to_text, off, folded = doc.norm.to_text, doc.off, doc.folded
    s0, e0 = to_text(c.start - off), to_text(c.end - off)
    pattern, of = _measures()
    end = e0
    for k, m in enumerate(_WORD.finditer(folded, e0, b)):
        if k == AFTER_REACH:
            break
        end = m.end()
    after = pattern.search(folded, e0, end)
    if after and of[after.group(1)] == UNIT_MEASURE:
        return UNIT_MEASURE  # «زاد الإنتاج إلى 307 آلاف برميل يوميا من المكافئ النفطي»
    before = [m.group(1) for m in pattern.finditer(folded, a, s0)]
    if before:
        return of[before[-1]]
    return of[after.group(1)] if after else ""


#: the measure that qualifies the unit itself (barrels of oil equivalent): said
#: after the figure, it wins over the verb before it
UNIT_MEASURE = "equivalent"


@lru_cache(maxsize=4096)
def _fact_measures(metric: str, keywords: tuple[str, ...]) -> frozenset[str]:
    pattern, of = _measures()
    return frozenset(of[m.group(1)] for x in (metric, *keywords) for m in pattern.finditer(fold(x)))


def fact_measures(f: Fact, measure: str) -> bool:
    """Is ``measure`` (of :func:`measure_named`) what fact ``f`` measures, or
    does the fact name no measure at all?"""
    named = _fact_measures(f.metric, f.keywords)
    return not named or measure in named


@lru_cache(maxsize=4096)
def _fact_terms(metric: str, keywords: tuple[str, ...]) -> frozenset[str]:
    return frozenset(t for x in (metric, *keywords) for t in terms(x))


def fact_has_parts(f: Fact, parts: frozenset[tuple[str, ...]]) -> bool:
    """Does the fact's metric or keywords name every part (``parts`` of
    :func:`parts_named`)?"""
    terms = _fact_terms(f.metric, f.keywords)
    return all(set(p) <= terms for p in parts)
