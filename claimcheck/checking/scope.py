"""Whom a figure is about when its sentence names a place or a body the tables
lack (issue 19).

«يبلغ عدد سكان العراق 45 مليون نسمة. ويبلغ عدد سكان إقليم كردستان نحو 6 ملايين
نسمة»: the second figure is Kurdistan's, and the tables have no row for it. The
entity of the previous sentence (Iraq) must not make it Iraq's population —
where a contradiction would follow. So:

* a fact whose entity the claim's sentence does not name (it comes from the
  neighbouring sentence, the title or earlier) is no evidence when the sentence
  names another place or body before the claim or right after it;
* a fact whose entity the sentence names, but not the claim's own clause, is no
  evidence when that clause names another place or body before the claim or
  right after it («… العراق 45 مليون نسمة، ويقطن محافظة البصرة نحو 3 ملايين»،
  «… مقابل 2.6 مليون للكويت»).

A fact whose entity was named only in an earlier sentence (or the one
before) is no evidence either when a sentence between that mention and the
claim names another country that the article, up to there, names in more
sentences than the fact's — «اقتصاد الصين … انتخابات في مصر واليمن. … مؤشر
أسعار المستهلك الصيني … . فتراجع التضخم دون 4%»: the figure is China's, the
country the article is about, not Egypt's of a list three sentences back. A
country named in passing (a comparison with Turkey in an article about
Jordan) does not take the article's own figures.

A place further on in the clause («دعم المجتمعات المتضررة والنازحين في العراق
وسوريا») is where the thing happened, not whose figure it is; and dates are
events of the tables' entities, whatever place leads them («تأسس عام 2015
بقيادة الولايات المتحدة»): neither is scoped away.

Places and bodies are the countries, capitals, cities, regions and institutions
of :mod:`claimcheck.lang.countries`, the cities, regions and fields of
:mod:`claimcheck.checking.gazetteer`, and any name after a head noun of
``lang/data/scope.toml`` (محافظة …، إقليم …، وزارة …، شركة …). A body named as
the source of the figure (بحسب وزارة المالية) is not what it is about.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from claimcheck.checking import gazetteer
from claimcheck.lang import countries, recache
from claimcheck.lang.clitics import ARTICLE, CONJ_PREP_PATTERN, GLUED, L_ARTICLE
from claimcheck.lang.lexicon import forms, load, trie_pattern
from claimcheck.text.normalize import fold

if TYPE_CHECKING:
    from claimcheck.checking.context import Document
    from claimcheck.reference.index import Fact

#: words before a body's head noun searched for a source word
SOURCE_REACH = 2
#: words after a claim where a place still names whose figure it is («2.6 مليون للكويت»)
AFTER_REACH = 3
_WORD = recache.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Place:
    """A place or body named in a sentence: its span in the folded text, the
    codes of the countries (or grouping) it belongs to, how it names them
    (``name``, ``city``, ``institution``…, ``head`` for a head noun and a name),
    and its folded text without clitics."""

    start: int
    end: int
    codes: tuple[str, ...]
    kinds: tuple[str, ...]
    phrase: str


@dataclass(frozen=True, slots=True)
class _Heads:
    pattern: re.Pattern[str]
    bodies: frozenset[str]
    sources: frozenset[str]


@lru_cache(maxsize=1)
def _heads() -> _Heads:
    data = load("scope")
    places = forms(data["place_heads"], where="scope.toml place_heads")
    bodies = forms(data["body_heads"], where="scope.toml body_heads")
    # the head with its clitics and article, then the name: one word (or the
    # head alone with the article: a place said before)
    pattern = recache.compile(r"(?<!\w)" + CONJ_PREP_PATTERN + r"(ال|ل)?(" + trie_pattern([*places, *bodies])
                         + r")(?!\w)(?:\s+([^\W\d_]{2,}))?")
    return _Heads(pattern, frozenset(bodies),
                  frozenset(forms(data["source_words"], where="scope.toml source_words")))


def _is_source(folded: str, a: int, k: int) -> bool:
    """Is the body named at ``k`` (sentence from ``a``) the figure's source: a
    source word among the few words before it (بحسب، أعلنت، بيانات)?"""
    sources = _heads().sources
    before = _WORD.findall(folded, max(a, k - 40), k)[-SOURCE_REACH:]
    return any(w in sources or (w[:1] in "وف" and w[1:] in sources) for w in before)


def _after_head(folded: str, a: int, k: int) -> int:
    """Where a name at ``k`` starts with its head noun, when the word before it
    is one (بحسب معلومات منظمة «أوبك»: the head is not one of the words that
    may make it a source)."""
    words = list(_WORD.finditer(folded, max(a, k - 40), k))
    if words and words[-1].group() in _heads().bodies:
        return words[-1].start()
    return k


def _by_heads(folded: str, a: int, b: int) -> list[Place]:
    h = _heads()
    out = []
    for m in h.pattern.finditer(folded, a, b):
        head, name = m.group(2), m.group(3)
        definite = bool(m.group(1))
        if name is None and not definite:
            continue  # «محافظة» alone names no place
        if name is None and head in h.bodies:
            continue  # «الوزارة»، «الشركة» alone: the body of the sentence before, often the source
        if head in h.bodies and _is_source(folded, a, m.start()):
            continue
        end = m.end() if name is not None else m.end(2)
        out.append(Place(m.start(), end, (), ("head",), folded[m.start(2):end]))
    return out


def places(doc: Document, si: int) -> list[Place]:
    """The places and bodies sentence ``si`` of ``doc`` names (found once)."""
    got = doc.places.get(si)
    if got is None:
        to_text, off = doc.norm.to_text, doc.off
        a, b = to_text(doc.starts[si] - off), to_text(doc.ends[si] - off)
        got = [Place(to_text(m.start), to_text(m.end), m.countries if m.grouping is None else (m.grouping,),
                     m.kinds, " ".join(fold(m.text).split()))
               for m in countries.mentions_normalized(doc.norm, a, b)]
        # a head noun and its name (شركة أرامكو) is a body, whatever else the
        # name is; an institution of a country is a body too, unless it is
        # the source of the figure (أعلنت وزارة المالية السعودية)
        heads = _by_heads(doc.folded, a, b)
        taken = [(p.start, p.end) for p in heads]
        got = [p for p in got if not any(s <= p.start < e or p.start <= s < p.end for s, e in taken)
               and not ("institution" in p.kinds and _is_source(doc.folded, a, p.start))]
        got += heads
        # the cities, regions and fields of the gazetteer, where nothing above is
        taken = [(p.start, p.end) for p in got]
        got += [Place(s, e, (cc,), ("city",), name) for s, e, name, cc in gazetteer.find(doc.folded, a, b)
                if not any(ts <= s < te or s <= ts < e for ts, te in taken)]
        taken = [(p.start, p.end) for p in got]
        got += [Place(m.start(), m.end(), (), ("region",), m.group(0))
                for m in _world_regions().finditer(doc.folded, a, b)
                if not any(ts <= m.start() < te or m.start() <= ts < m.end() for ts, te in taken)
                and not _is_source(doc.folded, a, _after_head(doc.folded, a, m.start()))]
        got = [p for p in got if not _dateline(doc.folded, p)]
        got.sort(key=lambda p: p.start)
        doc.places[si] = got
    return got


def _cldr_regions() -> list[str]:
    """CLDR's Arabic names of the continents and world regions (M49 codes; not
    001, «العالم», which a figure of a country is often the largest in)."""
    from babel import Locale

    return sorted(n for k, n in Locale("ar").territories.items() if k.isdigit() and k != "001")


@lru_cache(maxsize=1)
def _world_regions() -> re.Pattern[str]:
    """One pattern for the world regions (CLDR, scope.toml ``world_regions``),
    with clitics, ل + ال written لل (للعالم الإسلامي)."""
    stamp = recache.package_stamp("babel")  # (no import of babel when its names are kept)
    if stamp is None:
        import babel

        stamp = babel.__version__
    cldr = recache.memo("cldr_regions", recache.digest(_cldr_regions, stamp), _cldr_regions)
    names = forms([*cldr, *load("scope")["world_regions"]], where="scope.toml world_regions")
    l_forms = [L_ARTICLE + n[2:] for n in names if n.startswith(ARTICLE) and len(n) > 4]
    return recache.compile(r"(?<!\w)[وف]?(?:[بلك]?(" + trie_pattern(names) + r")|("
                           + trie_pattern(l_forms) + r"))(?!\w)")


#: the most characters before a dateline's place on its line
DATELINE_REACH = 3
_DATELINE_END = recache.compile(r"\s*(?:[-–—(]|،\s*\d)")


def _dateline(folded: str, p: Place) -> bool:
    """Is ``p`` the place of a dateline («الرباط - …»، «بغداد، 5 يناير 2015 -»،
    «الرياض (واس)»): at the start of its line, then a dash, a bracket, or a
    comma and a date? It says where the article was filed, not whose figures
    it gives."""
    line = folded.rfind("\n", 0, p.start) + 1
    return p.start - line <= DATELINE_REACH and _DATELINE_END.match(folded, p.end) is not None


#: the kinds of mention that name a country itself (or a body of it), not a part of it
_WHOLE = frozenset({"name", "short", "long", "demonym", "grouping"})


@lru_cache(maxsize=4096)
def _fact_entity(aliases: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The country codes (or grouping keys) a fact's entity aliases name, and
    the aliases folded."""
    codes = set()
    for a in aliases:
        e = countries.by_name(a)
        if e is not None:
            codes.add(e.code)
    return frozenset(codes), frozenset(" ".join(fold(a).split()) for a in aliases)


def is_fact_entity(p: Place, f: Fact) -> bool:
    """Does ``p`` name the fact's entity (the country, its demonym, or one of
    the fact's aliases word for word)? A body of the country (its central
    bank, its oil company) is a body of its own: its figures are not the
    country's."""
    codes, aliases = _fact_entity(f.entity)
    # (a head noun's phrase is read without its article: المدينة is «مدينه»)
    if any(f" {b} " in f" {al} " for b in _bare(p.phrase) | {ARTICLE + p.phrase} for al in aliases):
        return True
    return any(c in codes and k in _WHOLE for c, k in zip(p.codes, p.kinds))


def _bare(phrase: str) -> set[str]:
    """``phrase`` and its readings without the clitics written on its front
    (للكويت → الكويت، وبمصر → مصر)."""
    out = {phrase}
    for pre in GLUED:
        if phrase.startswith(pre) and len(phrase) - len(pre) >= 2:
            rest = phrase[len(pre):]
            out.add(ARTICLE + rest if pre.endswith(L_ARTICLE) else rest)
    return out


def about_other(doc: Document, si: int, span: tuple[int, int, int], f: Fact, where: str,
                named_in_clause: bool, near: tuple[int, int, int] | None = None) -> bool:
    """Is the claim about another place or body than fact ``f``'s entity (see
    the module doc)? ``span``: the folded offsets of the claim's sentence start,
    its clause start, and the end of the few words right after it (a place
    named after those, «… في العراق وسوريا» at the end of a long clause, is
    where the thing happened, not whose figure it is); ``where``: where the
    fact's entity was named; ``named_in_clause``: the claim's clause names it;
    ``near``: the claim's own start and end, and its clause's end."""
    found = places(doc, si)
    if not found:
        return False
    sentence_start, clause_start, end = span
    if named_in_clause:
        return near is not None and _nearer_place(doc, si, found, f, clause_start, near)
    lo = clause_start if where == "sentence" else sentence_start
    return any(lo <= p.start < end and not is_fact_entity(p, f) and not _in_metric(p, f) for p in found)


#: the kinds of mention that say whose figure it is when nearest to it (a
#: demonym after the counted noun qualifies the noun: «600 ألف لاجئ سوري» in
#: Jordan are Jordan's refugees)
_OWNERS = frozenset({"name", "short", "long", "grouping", "capital", "city", "institution", "head"})


def _nearer_place(doc: Document, si: int, found: list[Place], f: Fact, clause_start: int,
                  near: tuple[int, int, int]) -> bool:
    """Does the claim's clause name another place nearer to the claim than the
    fact's entity («ما يقرب من 8 ملايين بين إيران والعراق»، «إنتاج الولايات
    المتحدة … 9.5 ملايين برميل … والعراق»)? The nearest name is whose figure it is."""
    s0, e0, b = near

    def dist(x: int, y: int) -> int:
        return s0 - y if y <= s0 else max(0, x - e0)

    # a mention of the fact's alias inside another country's longer name is
    # no mention of the fact's entity («المملكة» of «المملكة المتحدة»)
    # (a head noun takes the word after it as a name: «المدينة بين 3 و5 ملايين»
    # is still the alias المدينة, not a longer name)
    longer = [p for p in found if "head" not in p.kinds and not (is_fact_entity(p, f) or _in_metric(p, f))]
    own: int | None = None
    mentions = set()
    for k, ents in doc.named_at.get(si, ()):
        if f.entity_key in ents and clause_start <= k < b \
                and not any(p.start <= k < p.end for p in longer):
            mentions.add(k)
            d = dist(k, k)
            own = d if own is None else min(own, d)
    other: int | None = None
    for p in found:
        if not clause_start <= p.start < b or ("head" in p.kinds and p.start in mentions):
            continue
        d = dist(p.start, p.end)
        if is_fact_entity(p, f) or _in_metric(p, f):
            own = d if own is None else min(own, d)
        elif _OWNERS.intersection(p.kinds):
            other = d if other is None else min(other, d)
    return other is not None and (own is None or other < own)


@lru_cache(maxsize=4096)
def _metric_words(metric: str, keywords: tuple[str, ...]) -> str:
    return " " + " ".join(fold(x) for x in (metric, *keywords)) + " "


def _in_metric(p: Place, f: Fact) -> bool:
    """Is the place a word of the fact's own metric (السويس of «إيرادات قناة
    السويس»)? Then it names what is measured, not whose figure it is."""
    words = _metric_words(f.metric, f.keywords)
    return any(f" {b} " in words for b in _bare(p.phrase))


#: the kinds of mention that name a country, its people or its towns: a turn
#: of the copy to another country (an institution or a head noun's body is not)
_COUNTRY_KINDS = frozenset({"name", "short", "long", "demonym", "capital", "city"})


def turned_away(doc: Document, si: int, f: Fact, first: int, reach: int) -> bool:
    """Does a sentence between the last mention of fact ``f``'s entity (within
    ``reach`` sentences before ``si``, not before the article's ``first``) and
    sentence ``si`` name another country than the fact's, one the article names
    in more sentences up to ``si`` than the fact's? Only for facts about
    countries (a fact of a canal or a season has no country to turn from)."""
    codes, _ = _fact_entity(f.entity)
    if not codes:
        return False
    key = f.entity_key
    last = None
    for j in range(si - 1, max(first, si - reach) - 1, -1):
        if key in doc.named[j]:
            last = j
            break
    if last is None:
        return False
    others = {c for j in range(last + 1, si) for p in places(doc, j)
              if p.codes and codes.isdisjoint(p.codes) and _COUNTRY_KINDS.intersection(p.kinds)
              for c in p.codes}
    if not others:
        return False
    # the article's own country is the one it names in more sentences
    own = sum(1 for j in range(first, si) if key in doc.named[j])
    for other in others:
        said = sum(1 for j in range(first, si)
                   if any(other in p.codes and _COUNTRY_KINDS.intersection(p.kinds) for p in places(doc, j)))
        if said > own:
            return True
    return False
