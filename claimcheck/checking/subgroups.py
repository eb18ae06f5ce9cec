"""A part of a metric, or another measure of the same thing.

* «البطالة النسائية تفوق 30%» is women's unemployment, not the unemployment
  rate of a table; «بطالة الشباب 40%» the young's; «الصادرات غير النفطية» the
  non-oil exports. A figure whose own clause (before it, or in the few words
  right after it: «تفوق 30% بين النساء») holds a part word of
  ``lang/data/subgroups.toml`` matches only a fact whose metric or keywords
  hold it too.
* «ثلاثة من هؤلاء الحجاج»، «20 مليوناً منهم سعوديون»: so many *of* a group
  (``partitive``), a part of it, never its total or rate.
* «قطاع البناء يسجل نمواً قارب 7%»: one sector's figure (``sector_named``),
  never the economy's, unless the fact names that sector; «من جنوب العراق»،
  «في العاصمة»: one region's (``region_named``), unless the fact names it.
* «نسبة البطالة قد انخفضت بواقع 2.5%»، «زاد عدد السكان عشرة ملايين»: how much a
  figure moved (``change_size``), never its level.
* «الإيرادات خلال النصف الأول 45 مليار دولار»: a part of a year's sum of money
  (``year_part``), never the year's.
* «عدد المدخنين … 6 ملايين نسمة»: a count of what «عدد» names
  (``counted_head``), never a fact of another noun.
* «لا يستطيع تصدير أكثر من 600 ألف برميل يومياً» measures exports, not output:
  the measure word nearest before the figure in its own clause (else one right
  after it) says what the figure measures, and a fact whose words name another
  measure, and not that one, is not its fact.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from claimcheck.checking.clauses import boundaries, clause, entities_in
from claimcheck.checking.scope import places
from claimcheck.lang.lexicon import forms, load, trie_pattern
from claimcheck.lang.stemming import terms
from claimcheck.model import Kind, Qualifier
from claimcheck.text.normalize import fold
from claimcheck.lang import recache

if TYPE_CHECKING:
    from claimcheck.checking.context import Document
    from claimcheck.model import Claim
    from claimcheck.reference.index import Fact

#: words right after a figure where a part still narrows it («30% بين النساء»)
AFTER_REACH = 3
_WORD = recache.compile(r"[^\W_]+")


def _own_clause(doc: Document, c: Claim, si: int) -> tuple[str, int, int, int, int]:
    """Claim ``c``'s own clause in the folded text, ``(folded, a, s0, e0, end)``:
    the clause starts at ``a``, the claim runs ``s0``–``e0``, and ``end`` is where
    the few words right after it stop (:data:`AFTER_REACH`, within the clause)."""
    a, b = clause(doc, c, si)
    to_text, off, folded = doc.norm.to_text, doc.off, doc.folded
    s0, e0 = to_text(c.start - off), to_text(c.end - off)
    end = e0
    for k, m in enumerate(_WORD.finditer(folded, e0, b)):
        if k == AFTER_REACH:
            break
        end = m.end()
    return folded, a, s0, e0, end


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    words = forms(load("subgroups")["words"], where="subgroups.toml words")
    return recache.compile(r"(?<!\w)[وف]?[بلك]?(" + trie_pattern(words) + r")(?!\w)")


def parts_named(doc: Document, c: Claim, si: int) -> frozenset[tuple[str, ...]]:
    """The parts (as terms) that claim ``c``'s own clause narrows it to."""
    folded, a, s0, e0, end = _own_clause(doc, c, si)
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
    folded, a, s0, e0, end = _own_clause(doc, c, si)
    pattern, of = _measures()
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


@lru_cache(maxsize=1)
def _partitive() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load("subgroups")["partitive"]
    pronouns = forms(data["pronouns"], where="subgroups.toml partitive pronouns")
    after = forms(data["after_min"], where="subgroups.toml partitive after_min")
    before = forms(data["before"], where="subgroups.toml partitive before")
    return (recache.compile(r"[\s،,]*(?:(?:" + trie_pattern(pronouns) + r")|من\s+(?:" + trie_pattern(after)
                            + r"))(?!\w)"),
            # (a qualifier may stand between: «منهم نحو 1.7 مليون» is in the claim)
            recache.compile(r"(?<!\w)(?:" + trie_pattern(before) + r")[\s:،,]*\Z"))


def partitive(doc: Document, c: Claim) -> bool:
    """Is ``c`` so many *of* a group: right after a pronoun that opens a part
    of the figure before («3.1 ملايين حاج، منهم 1.7 مليون من الخارج»), or with
    words right after it that point back to a group («ثلاثة منهم»، «ثلاثة من
    هؤلاء الحجاج») when it names no counted noun or unit of its own (then it
    is the whole: «30 مليون نسمة منهم …»)?"""
    if c.kind is Kind.DATE:
        return False
    to_text, off, folded = doc.norm.to_text, doc.off, doc.folded
    after, before = _partitive()
    s0 = to_text(c.start - off)
    if before.search(folded[max(0, s0 - 30):s0]) is not None:
        return True
    if c.subject or c.unit and c.kind is not Kind.PERCENT:
        return False
    m = after.match(folded, to_text(c.end - off))
    if m is None:
        return False
    # «400 ألف منهم 100 ألف شاب»: a figure right after «منهم» is the part, and
    # the one before it the whole
    k = doc.index_of(c)
    if k is not None and k + 1 < len(doc.claims):
        n = doc.claims[k + 1]
        gap = doc.folded[m.end():to_text(n.start - off)]
        if len(gap.split()) <= 1 and len(gap) < 12:
            return False
    return True


@lru_cache(maxsize=1)
def _sectors() -> re.Pattern[str]:
    data = load("subgroups")["sectors"]
    heads = forms(data["heads"], where="subgroups.toml sectors")
    definite = forms(data["definite_heads"], where="subgroups.toml sectors definite_heads")
    adjectives = forms(data["adjectives"], where="subgroups.toml sectors adjectives")
    # «قطاع البناء»; «القطاع الزراعي» (a nisba adjective: ال…ي) or «القطاع الخاص»
    return recache.compile(r"(?<!\w)[وف]?[بلك]?(?:(?:" + trie_pattern(heads) + r")\s+([^\W\d_]{2,})|(?:"
                           + trie_pattern(definite) + r"|لل" + r"قطاع)\s+(" + trie_pattern(adjectives)
                           + r"|ال[^\W\d_]{2,}ي(?:ه)?)(?!\w))")


_IN_SECTOR = recache.compile(r"\s*في\s+(?:ال)?قطاع")


def sector_named(doc: Document, c: Claim, si: int) -> frozenset[str]:
    """The terms of the sector that claim ``c``'s own clause names before it
    («قطاع البناء … 7%»; or right after it: «20% في قطاع السياحة»), if any."""
    a, _ = clause(doc, c, si)
    to_text, off, folded = doc.norm.to_text, doc.off, doc.folded
    s0, e0 = to_text(c.start - off), to_text(c.end - off)
    pattern = _sectors()
    found = None
    for m in pattern.finditer(folded, a, s0):
        found = m
    if found is not None and _topic(doc, si, a, found, s0):
        found = None
    if found is None and _IN_SECTOR.match(folded, e0):
        found = pattern.search(folded, e0, e0 + 60)
    if found is None:
        return frozenset()
    return frozenset(terms(found.group(1) or found.group(2)))


def _topic(doc: Document, si: int, a: int, m: re.Match[str], s0: int) -> bool:
    """Is the sector of ``m`` the topic the clause opens with, whose figures are
    a country's («وفي قطاع الطاقة ينتج العراق 4.3 ملايين برميل»): «في» first in
    the clause, and a country of the tables or of the world named between the
    sector and the figure?"""
    if doc.folded[a:m.start()].split() not in (["في"], ["وفي"]):
        return False
    return bool(entities_in(doc, si, m.end(), s0)) or any(
        m.end() <= p.start < s0 and p.codes for p in places(doc, si))


@lru_cache(maxsize=4096)
def _fact_all_terms(metric: str, keywords: tuple[str, ...], entity: tuple[str, ...]) -> frozenset[str]:
    return frozenset(t for x in (metric, *keywords, *entity) for t in terms(x))


def fact_has_sector(f: Fact, sector: frozenset[str]) -> bool:
    """Does the fact's metric, keywords or entity name the sector (terms of
    :func:`sector_named`)?"""
    return not sector.isdisjoint(_fact_all_terms(f.metric, f.keywords, f.entity))


@lru_cache(maxsize=1)
def _regions() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load("subgroups")["regions"]
    directions = forms(data["directions"], where="subgroups.toml regions directions")
    capital = forms(data["capital"], where="subgroups.toml regions capital")
    return (recache.compile(r"(?<!\w)[وف]?[بلك]?(" + trie_pattern(directions) + r")\s+([^\W\d_]{2,})"),
            recache.compile(r"(?<!\w)[وف]?(?:" + trie_pattern(capital) + r")(?!\w)"))


@lru_cache(maxsize=1)
def _own_country_words() -> frozenset[str]:
    return frozenset(forms(load("subgroups")["regions"]["countries"], where="subgroups.toml regions countries"))


def _names_country(word: str) -> bool:
    """Is ``word`` (folded) a country's name («العراق»، «التونسي») or the
    sentence's country said without it («البلاد»)?"""
    from claimcheck.lang import countries

    return word in _own_country_words() or countries.by_name(word) is not None


def region_named(doc: Document, c: Claim, si: int) -> frozenset[str]:
    """The terms of the region of a country that claim ``c``'s own clause
    names before it or in the few words right after it («من جنوب العراق»،
    «في العاصمة»), if any."""
    folded, a, s0, e0, end = _own_clause(doc, c, si)
    direction, capital = _regions()
    for lo, hi in ((a, s0), (e0, end)):
        for m in direction.finditer(folded, lo, hi):
            if _names_country(m.group(2)):
                return frozenset(terms(m.group(1)))
        m = capital.search(folded, lo, hi)
        if m is not None:
            return frozenset(terms("العاصمة"))
    return frozenset()


@lru_cache(maxsize=1)
def _change_of_rate() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load("subgroups")["change_of_rate"]
    rates = forms(data["rates"], where="subgroups.toml change_of_rate rates")
    verbs = forms(data["verbs"], where="subgroups.toml change_of_rate verbs")
    sizes = forms(data["sizes"], where="subgroups.toml change_of_rate sizes")
    verb = r"(?<!\w)(?:[وف]?قد\s+)?[وف]?(?:" + trie_pattern(verbs) + r")(?!\w)"
    # a percentage: a rate word, a few words (its noun), «قد»، the verb, at most
    # two words («خلال العام»), then the size word right before the figure
    # (brackets and spaces between)
    # (or the verb first: «ارتفع معدل التضخم في مصر بنسبة 2%»)
    rate_word = r"(?<!\w)[وف]?[بلك]?(?:ال)?(?:" + trie_pattern(rates) + r")(?!\w)(?:\s+[^\W\d_]+){0,3}?"
    size = r"\s+(?:" + trie_pattern(sizes) + r")[\s(\[]*\Z"
    rate = recache.compile(r"(?:" + rate_word + r"\s+" + verb + r"(?:\s+[^\W\d_]+){0,2}?|" + verb + r"\s+"
                           + rate_word + r")" + size)
    # an amount: the verb and at most ten words (a duration's digits too),
    # then a size word or nothing right before the figure (what lies between is
    # read by change_size)
    amount = recache.compile(verb + r"((?:\s+[^\s(\[]+){0,10}?)\s*(?:(?<!\w)(?:"
                             + trie_pattern(sizes) + r"))?[\s(\[]*\Z")
    return rate, amount


def change_size(doc: Document, c: Claim, si: int) -> bool:
    """Is ``c`` how much a figure moved, not its level: a percentage sized
    after a verb of change of a rate its clause names («نسبة البطالة قد
    انخفضت بواقع 2.5%»), or an amount right after a verb of change and its
    subject («زاد عدد السكان عشرة ملايين نسمة»)?"""
    if c.kind is Kind.DATE or c.qualifier in _BOUNDS:
        return False
    to_text, off, folded = doc.norm.to_text, doc.off, doc.folded
    s0, e0 = to_text(c.start - off), to_text(c.end - off)
    # the figure's clause read back past other figures (a duration between the
    # verb and the amount: «زاد … خلال عشر سنوات 400 ألف»), to the last boundary
    a = to_text(doc.starts[si] - off)
    cut = boundaries(folded, max(a, s0 - 200), s0)
    if cut:
        a = cut[3]
    # the size word may open the claim's own text («بنسبة 2%» read with its qualifier)
    m = _WORD.search(folded, s0, e0)
    head = m.end() if m is not None and not m.group().isdigit() and m.start() == s0 else s0
    rate, amount = _change_of_rate()
    stretch = folded[max(a, s0 - 200):head]
    if c.kind is Kind.PERCENT:
        return rate.search(stretch) is not None
    m = amount.search(stretch)
    if m is None:
        return False
    # «إلى» or «عند» right before the figure (with a qualifier between: «إلى
    # نحو») says the level; a verb of reaching anywhere between («حتى بلغ»،
    # «ليصل») too. («الوافدين إلى مصر» further back is the subject's.)
    between = m.group(1).split()
    levels, reach = _levels()
    if set(between[-2:]) & levels or set(between) & reach:
        return False
    # a figure between the verb and the amount is the verb's own («ترتفع نسبة
    # الإصابة لتطال 25% من السكان البالغ عددهم 23 مليوناً»); a duration or a
    # date between («زاد … خلال عشر سنوات 400 ألف») is not
    verb_at = max(a, s0 - 200) + m.start()
    k = doc.index_of(c)
    for j in range((k or 0) - 1, -1, -1):
        p = doc.claims[j]
        if k is None or to_text(p.start - off) < verb_at:
            break
        if p.kind not in (Kind.DURATION, Kind.DATE):
            return False
    return True


@lru_cache(maxsize=1)
def _levels() -> tuple[frozenset[str], frozenset[str]]:
    data = load("subgroups")["change_of_rate"]
    return (frozenset(forms(data["levels"], where="subgroups.toml change_of_rate levels")),
            frozenset(forms(data["reach"], where="subgroups.toml change_of_rate reach")))


_BOUNDS = frozenset({Qualifier.MORE_THAN, Qualifier.AT_LEAST, Qualifier.LESS_THAN, Qualifier.AT_MOST})


@lru_cache(maxsize=1)
def _counted_head() -> re.Pattern[str]:
    heads = forms(load("subgroups")["counted_head"]["heads"], where="subgroups.toml counted_head")
    return recache.compile(r"(?<!\w)[وف]?[بل]?(?:" + trie_pattern(heads) + r")\s+(ال[^\W\d_]{2,})(?!\w)")


def counted_head(doc: Document, c: Claim, si: int) -> frozenset[str]:
    """The terms of the definite noun after the last «عدد» before count ``c``
    in its clause («عدد المدخنين … 6 ملايين»), if any."""
    if c.kind is not Kind.NUMBER:
        return frozenset()
    a, _ = clause(doc, c, si)
    to_text, off, folded = doc.norm.to_text, doc.off, doc.folded
    found = None
    for m in _counted_head().finditer(folded, a, to_text(c.start - off)):
        found = m
    return frozenset() if found is None else frozenset(terms(found.group(1)))


def fact_counts(f: Fact, head: frozenset[str]) -> bool:
    """Does the fact's metric or keywords name what the count counts (terms of
    :func:`counted_head`)?"""
    return not head.isdisjoint(_fact_terms(f.metric, f.keywords))


@lru_cache(maxsize=1)
def _year_parts() -> re.Pattern[str]:
    words = forms(load("subgroups")["year_parts"]["words"], where="subgroups.toml year_parts")
    return recache.compile(r"(?<!\w)[وف]?[بلك]?(?:" + trie_pattern(words) + r")(?!\w)")


def year_part(doc: Document, c: Claim, si: int) -> bool:
    """Does money claim ``c``'s own clause (before it, or the few words right
    after it) name a part of a year («خلال النصف الأول»، «في الربع الثالث»)?"""
    if c.kind is not Kind.MONEY:
        return False
    folded, a, s0, e0, end = _own_clause(doc, c, si)
    pattern = _year_parts()
    return pattern.search(folded, a, s0) is not None or pattern.search(folded, e0, end) is not None
