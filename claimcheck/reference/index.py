"""The loaded reference facts and the lookups that matching reads (SPEC §2–3).

A :class:`Fact` is one row of a fact table, a :class:`Rate` one row of an
exchange-rate table (read by :mod:`claimcheck.reference.tables`). A
:class:`References` holds them, frozen, with the indexes built from them once:
facts bucketed by comparison class and, inside a bucket, by the terms of their
metric and keywords (:mod:`claimcheck.lang.stemming`), so that a claim is only
scored against the facts whose wording occurs near it.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Iterable, Sequence

from claimcheck.lang import clitics, countries, recache
from claimcheck.lang.stemming import forms_index, forms_key, stem, surface_forms
from claimcheck.model import Qualifier
from claimcheck.reference.periods import Period
from claimcheck.text.normalize import fold


@dataclass(frozen=True, slots=True)
class Fact:
    """One row of a fact table."""

    id: str
    entity: tuple[str, ...]
    metric: str
    value: Decimal | str
    unit: str | None
    period: Period | None
    qualifier: Qualifier
    tolerance: Decimal | None
    keywords: tuple[str, ...]
    source: str
    file: str
    row: int
    #: comparison class of the unit (see :mod:`claimcheck.units`)
    klass: str = ""
    #: matching data: terms of each entity alias, of the metric, of each keyword
    entity_terms: tuple[tuple[str, ...], ...] = ()
    metric_terms: tuple[str, ...] = ()
    keyword_terms: tuple[tuple[str, ...], ...] = ()

    @property
    def entity_key(self) -> str:
        return self.entity[0]


@dataclass(frozen=True, slots=True)
class Rate:
    date: date
    currency: str
    usd_per_unit: Decimal
    source: str
    file: str
    row: int


def _group_facts(facts: Sequence[Fact]) -> list[list[int]]:
    """The facts of each group, in file order: facts that share class, metric,
    keywords and entity (one row per year or per source) score the same against
    a claim."""
    group_of: dict[tuple[Any, ...], int] = {}
    groups: list[list[int]] = []
    for i, f in enumerate(facts):
        key = (f.klass, f.metric_terms, f.keyword_terms, f.entity_terms)
        g = group_of.get(key)
        if g is None:
            group_of[key] = len(groups)
            groups.append([i])
        else:
            groups[g].append(i)
    return groups


_TermIndex = dict[str, dict[str, set[int]]]  # class → term → metrics


def _index_metric(f: Fact, m: int, ts: set[str], overlap: frozenset[str],
                  by: _TermIndex, strong: _TermIndex, single: _TermIndex) -> None:
    """Enter metric ``m`` (whose first fact is ``f``, whose terms are ``ts``) in the
    term indexes of its class."""
    idx = by[f.klass]
    for t in ts:
        idx[t].add(m)
    # what a claim's stretch must hold for the metric to score above
    # STRONG_FLOOR (see checking.matching.metric_strength): a whole keyword (so
    # its first term), every metric word not shared with the entity (so the
    # last), or a counted noun that is one of its words on its own
    s_idx = strong[f.klass]
    for kw in f.keyword_terms:
        if kw:
            s_idx[kw[0]].add(m)
    mt = [t for t in f.metric_terms if t not in overlap]
    if mt:
        s_idx[mt[-1]].add(m)
    for t in {kw[0] for kw in f.keyword_terms if len(kw) == 1} | set(f.metric_terms):
        single[f.klass][t].add(m)


def _frozen(index: _TermIndex) -> dict[str, dict[str, tuple[int, ...]]]:
    return {k: {t: tuple(sorted(ms)) for t, ms in v.items()} for k, v in index.items()}


class _Metrics:
    """The metrics of a set of facts (see ``References.metric_groups``) and their
    term indexes, built in one walk over the groups."""

    def __init__(self, facts: Sequence[Fact], groups: list[list[int]]) -> None:
        by: _TermIndex = defaultdict(lambda: defaultdict(set))
        strong: _TermIndex = defaultdict(lambda: defaultdict(set))
        single: _TermIndex = defaultdict(lambda: defaultdict(set))
        metric_of: dict[tuple[Any, ...], int] = {}
        self.groups: list[list[int]] = []
        self.facts: list[Fact] = []
        self.overlaps: list[frozenset[str]] = []
        for g, rows in enumerate(groups):
            f = facts[rows[0]]
            ts = set(f.metric_terms)
            for kw in f.keyword_terms:
                ts.update(kw)
            # a metric scores the same for every entity that shares none of its words
            overlap = frozenset(ts & {t for a in f.entity_terms for t in a})
            mkey = (f.klass, f.metric_terms, f.keyword_terms, overlap)
            m = metric_of.get(mkey)
            if m is None:
                m = metric_of[mkey] = len(self.groups)
                self.groups.append([])
                self.facts.append(f)
                self.overlaps.append(overlap)
                _index_metric(f, m, ts, overlap, by, strong, single)
            self.groups[m].append(g)
        self.by_class_term = _frozen(by)
        self.strong_by_class_term = _frozen(strong)
        self.single_by_class_term = _frozen(single)


def _alias_first(facts: Sequence[Fact], groups: list[list[int]],
                 nisba: dict[str, frozenset[str]]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Each entity alias (terms, entity key) by its first term, in file order; a
    country's name also by the terms of its nationality adjective (``nisba``)."""
    alias_first: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    seen: set[tuple[tuple[str, ...], str]] = set()
    for rows in groups:
        f = facts[rows[0]]
        for raw, al in zip(f.entity, f.entity_terms):
            if not al:
                continue
            adjective = nisba_terms(raw) if len(al) == 1 else frozenset()
            for first in [al[0], *sorted(adjective - {al[0]})]:
                a = (first,) + al[1:]
                if (a, f.entity_key) not in seen:
                    seen.add((a, f.entity_key))
                    alias_first[first].append((a, f.entity_key))
                if first in adjective:
                    nisba[first] = nisba.get(first, frozenset()) | _nisba_forms(raw)
    return dict(alias_first)


# --- a country's nationality adjective --------------------------------------
#
# A fact about a country is named by its adjective as much as by its name:
# «الصادرات السورية» speaks of سوريا. Most names share their stem with the
# adjective (مصر / المصرية, تونس / التونسية: lang/stemming strips the nisba
# ending). Names ending in ا do not: the adjective drops the alif —
# سوريا/سوري، تركيا/تركي، ليبيا/ليبي، إسبانيا/إسباني، روسيا/روسي، كندا/كندي،
# فرنسا/فرنسي — and the stemmer reads some of them as clitic + stem (ليبيا as
# ل + يبي, كندا as ك + ندا). For a one-word alias that CLDR (lang/countries)
# knows as a country's name and that ends in ا, the adjective's forms are
# its own first terms, each form matched whole (السورية, not السور "the wall").


def _country_nisba(raw: str) -> tuple[str, ...]:
    """The masculine adjectives (folded) of a one-word country name ending in ا:
    the lexicon's (lang/countries, from currencies.toml) and the regular one
    (the name without its alif, ending in ي)."""
    w = fold(raw).strip()
    if " " in w or not w.endswith("ا") or len(w) < 4:
        return ()
    c = countries.by_name(raw)
    if not isinstance(c, countries.Country):
        return ()
    bare = w[2:] if w.startswith("ال") and len(w) > 5 else w
    base = bare[:-1]
    derived = base if base.endswith("ي") else base + "ي"
    return tuple(dict.fromkeys([derived, *(fold(n) for n in c.nisba if " " not in n)]))


def _nisba_forms(raw: str) -> frozenset[str]:
    """The name's adjectives in the singular, folded, without the article: the
    masculine, the feminine (-ية) and the indefinite accusative (-يًا). Plurals
    (السوريين، التونسيات) are people, as for every other name (see _names_alias)."""
    return frozenset(fold(m + e) for m in _country_nisba(raw) for e in ("", "ة", "ا"))


#: the clitics a word may carry before it (lang/clitics), as the stemmer reads them
_PREFIXES = tuple({c + p + a for c in ("", *clitics.CONJUNCTIONS) for p in ("", *clitics.PREPOSITIONS)
                   for a in ("", clitics.ARTICLE)} | {clitics.L_ARTICLE})


def nisba_terms(raw: str) -> frozenset[str]:
    """The stems of the adjectives of a one-word country name ending in ا, with
    any clitics (empty for any other alias): ``سوريا`` → {سور، سوري، …}."""
    return frozenset(stem(p + w) for w in _nisba_forms(raw) for p in sorted(_PREFIXES))


#: the sound plural and dual endings a name written with one may take in the
#: other case (المغتربون / المغتربين، الطرفان / الطرفين)
_CASE_PAIRS = (("ين", "ون"), ("ون", "ين"), ("ان", "ين"), ("ين", "ان"))


#: the endings of a nationality adjective (nisba) after a name, folded: مصري،
#: المصرية، المصريين، المصريون، المصريات
_NISBA = ("ي", "يه", "يين", "يون", "يات")


def _bare_readings(word: str) -> set[tuple[str, bool]]:
    """A folded word without each reading of its clitics (و/ف، ب/ل/ك، the article;
    ل + ال written لل), with whether the article was there."""
    out = {(word, False)}
    for conj in ("", "و", "ف"):
        if not word.startswith(conj):
            continue
        rest = word[len(conj):]
        if rest.startswith("لل") and len(rest) > 4:
            out.add((rest[2:], True))
        for prep in ("", "ب", "ل", "ك"):
            if not rest.startswith(prep):
                continue
            r = rest[len(prep):]
            if (conj or prep) and len(r) >= 2:
                out.add((r, False))
            if r.startswith("ال") and len(r) >= 4:
                out.add((r[2:], True))
    return out


def _written_firsts(facts: Sequence[Fact], groups: list[list[int]]) -> dict[str, set[tuple[str, bool]]]:
    """The first word of each entity alias as the table writes it, by its term:
    the word without its article, and whether the alias has the article."""
    out: dict[str, set[tuple[str, bool]]] = defaultdict(set)
    for rows in groups:
        f = facts[rows[0]]
        for raw, al in zip(f.entity, f.entity_terms):
            if not al:
                continue
            for w in fold(raw).split():
                if stem(w) != al[0]:
                    continue
                definite = w.startswith("ال") and len(w) >= 4
                bare = w[2:] if definite else w
                out[al[0]].add((bare, definite))
                for a, b in _CASE_PAIRS:
                    if bare.endswith(a) and len(bare) > 4:
                        out[al[0]].add((bare[:-2] + b, definite))
                break
    return out


def _names_alias(w: str, written: set[tuple[str, bool]]) -> bool:
    """Does the folded word ``w`` write the first word of an alias as the table
    does: the same word under its clitics, with the article when the alias has
    it? «التحالفات» (a plural) and «تحالف جديد» (indefinite) are not «التحالف»,
    «مملكة البحرين» is not «المملكة»."""
    for bare, art in _bare_readings(w):
        if (bare, False) in written or (art and (bare, True) in written):
            return True
        # the nationality adjective names its country (الصادرات المصرية، جنيه مصري)
        for end in _NISBA:
            if bare.endswith(end) and len(bare) > len(end) + 1 and \
                    ((bare[:-len(end)], False) in written or (bare[:-len(end)], True) in written):
                return True
    return False


def _first_forms(firsts: Iterable[str], written: dict[str, set[tuple[str, bool]]],
                 nisba: dict[str, frozenset[str]] | None = None) -> frozenset[str]:
    """The folded words that name the first term of an alias (see :func:`_names_alias`),
    kept across runs under the terms, the table's spellings of them, the
    adjectives of the countries (see :func:`_alias_first`) and the code."""
    nisba = nisba or {}
    ts = sorted(set(firsts))
    spelled = sorted((t, sorted(ws)) for t, ws in written.items())
    adjectives = sorted((t, sorted(ws)) for t, ws in nisba.items())
    key = recache.digest(forms_key(), _build_first_forms, _names_alias, _bare_readings, _NISBA,
                         "\n".join(ts), repr(spelled), repr(adjectives))
    return recache.memo("alias_first_forms", key, lambda: _build_first_forms(ts, written, nisba))


def _build_first_forms(firsts: list[str], written: dict[str, set[tuple[str, bool]]],
                       nisba: dict[str, frozenset[str]] | None = None) -> frozenset[str]:
    nisba = nisba or {}

    def names(t: str, w: str) -> bool:
        adj = nisba.get(t)
        if adj and any(b in adj for b, _ in _bare_readings(w)):
            return True  # an adjective of the country, whole (السورية; not السور)
        if t in written:
            return _names_alias(w, written[t])
        return adj is None

    return frozenset(w for t in firsts for w in surface_forms(t) if names(t, w))


@dataclass(frozen=True, slots=True, eq=False, weakref_slot=True)
class References:
    """Loaded reference tables with the indexes ``check`` needs (built once, when
    the tables are loaded; a few lookups of surface forms when first read).

    Facts are bucketed by comparison class (count, percent, money, date, a pint
    dimensionality) and, inside a bucket, indexed by the terms of their metric and
    keywords, so a claim is only scored against facts whose wording occurs near it.

    Compared by identity (``eq=False``) and weakly referable: checking keeps
    what it learns from texts about a set of tables beside it
    (:func:`claimcheck.checking.aliases.spellings_of`), never in it.
    """

    facts: tuple[Fact, ...] = ()
    rates: dict[str, list[Rate]] = field(default_factory=dict)
    files: tuple[str, ...] = ()
    #: Facts that share class, metric, keywords and entity (one row per year or
    #: per source) score the same against a claim: they are indexed as one group,
    #: its rows in the order results name them (by id, then row).
    groups: tuple[tuple[int, ...], ...] = field(init=False, default=())
    #: the first fact of each group by id (then row): ``(id, index)``
    group_heads: tuple[tuple[str, int], ...] = field(init=False, default=())
    #: Groups that share class, metric and keywords (and whose entity shares no word
    #: with them) score the same metric evidence: a *metric* is indexed once for them
    #: all; ``metric_facts`` holds one fact of each, ``metric_overlaps`` the entity
    #: words that are also its words.
    metric_groups: tuple[tuple[int, ...], ...] = field(init=False, default=())
    metric_facts: tuple[Fact, ...] = field(init=False, default=())
    metric_overlaps: tuple[frozenset[str], ...] = field(init=False, default=())
    #: the words of each metric: all its terms, those that name it alone (its
    #: metric's terms and one-word keywords), and each keyword's terms as a set
    metric_words: tuple[tuple[frozenset[str], frozenset[str], tuple[frozenset[str], ...]], ...] = \
        field(init=False, default=())
    #: the groups of each metric by entity key
    metric_groups_by_key: tuple[dict[str, list[int]], ...] = field(init=False, default=())
    #: the comparison classes that have facts, in a stable order, and as a set
    classes: tuple[str, ...] = field(init=False, default=())
    class_set: frozenset[str] = field(init=False, default=frozenset())
    #: the classes whose :meth:`strong_candidates` a context term is a key of
    strong_classes_by_term: dict[str, frozenset[str]] = field(init=False, default_factory=dict)
    #: the entity keys of each alias (its terms)
    alias_keys: dict[tuple[str, ...], frozenset[str]] = field(init=False, default_factory=dict)
    _by_class_term: dict[str, dict[str, tuple[int, ...]]] = field(init=False, default_factory=dict)
    _strong_by_class_term: dict[str, dict[str, tuple[int, ...]]] = field(init=False, default_factory=dict)
    _single_by_class_term: dict[str, dict[str, tuple[int, ...]]] = field(init=False, default_factory=dict)
    _alias_first: dict[str, list[tuple[tuple[str, ...], str]]] = field(init=False, default_factory=dict)
    #: the first terms that a country's adjective writes, with its forms (see _alias_first)
    _nisba: dict[str, frozenset[str]] = field(init=False, default_factory=dict)
    # surface-form lookups, built when first read (see the properties)
    _first_forms: frozenset[str] | None = field(init=False, default=None)
    _alias_parts: dict[str, Any] | None = field(init=False, default=None)
    _alias_parts_by_form: dict[str, Any] | None = field(init=False, default=None)
    _index_terms: frozenset[str] | None = field(init=False, default=None)
    _index_forms: dict[str, str] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        facts = self.facts
        groups = _group_facts(facts)
        metrics = _Metrics(facts, groups)
        strong_classes: dict[str, set[str]] = defaultdict(set)
        for k, v in metrics.strong_by_class_term.items():
            for t in v:
                strong_classes[t].add(k)
        # each group's rows in the order results name them: by id, then row
        ordered = tuple(tuple(sorted(g, key=lambda i: (facts[i].id, i))) for g in groups)
        by_key: list[dict[str, list[int]]] = []
        for gs in metrics.groups:
            d: dict[str, list[int]] = defaultdict(list)
            for g in gs:
                d[facts[groups[g][0]].entity_key].append(g)
            by_key.append(dict(d))
        keys_of: dict[tuple[str, ...], set[str]] = defaultdict(set)
        nisba: dict[str, frozenset[str]] = {}  # filled by _alias_first
        for f in facts:
            for al in f.entity_terms:
                keys_of[al].add(f.entity_key)
        self._set(
            _by_class_term=metrics.by_class_term,
            _strong_by_class_term=metrics.strong_by_class_term,
            _single_by_class_term=metrics.single_by_class_term,
            strong_classes_by_term={t: frozenset(ks) for t, ks in strong_classes.items()},
            classes=tuple(sorted(metrics.by_class_term)),
            class_set=frozenset(metrics.by_class_term),
            _alias_first=_alias_first(facts, groups, nisba),
            _nisba=nisba,
            groups=ordered,
            group_heads=tuple((facts[g[0]].id, g[0]) for g in ordered),
            metric_groups=tuple(tuple(g) for g in metrics.groups),
            metric_groups_by_key=tuple(by_key),
            alias_keys={a: frozenset(k) for a, k in keys_of.items()},
            metric_facts=tuple(metrics.facts),
            metric_words=tuple(
                (frozenset(f.metric_terms).union(*f.keyword_terms),
                 frozenset(kw[0] for kw in f.keyword_terms if len(kw) == 1) | frozenset(f.metric_terms),
                 tuple(frozenset(kw) for kw in f.keyword_terms))
                for f in metrics.facts),
            metric_overlaps=tuple(metrics.overlaps),
        )
        for lst in self.rates.values():
            lst.sort(key=lambda r: r.date)

    def _set(self, **values: Any) -> None:
        """Set derived fields (once each: when built, or when a lookup is first read)."""
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __len__(self) -> int:
        return len(self.facts)

    @property
    def index_terms(self) -> frozenset[str]:
        """Every metric and keyword term of every class."""
        if self._index_terms is None:
            self._set(_index_terms=frozenset(t for idx in self._by_class_term.values() for t in idx))
        return self._index_terms

    @property
    def index_forms(self) -> dict[str, str]:
        """Every folded word whose term is a metric or keyword term, with that term."""
        if self._index_forms is None:
            self._set(_index_forms=forms_index(self.index_terms))
        return self._index_forms

    @property
    def alias_parts(self) -> dict[str, tuple[frozenset[str], tuple[tuple[tuple[str, ...], str], ...],
                                             frozenset[str], int]]:
        """For each first term of an alias: the entities named by it alone, the longer
        aliases (terms, entity), their second terms, and the most terms that follow."""
        if self._alias_parts is None:
            parts = {}
            for first, group in self._alias_first.items():
                singles = frozenset(key for al, key in group if len(al) == 1)
                longer = tuple((al, key) for al, key in group if len(al) > 1)
                seconds = frozenset(al[1] for al, _ in longer)
                need = max((len(al) for al, _ in longer), default=1) - 1
                parts[first] = (singles, longer, seconds, need)
            self._set(_alias_parts=parts)
        return self._alias_parts

    @property
    def alias_parts_by_form(self) -> dict[str, Any]:
        """:attr:`alias_parts` by every surface form of the first terms."""
        if self._alias_parts_by_form is None:
            parts = self.alias_parts
            self._set(_alias_parts_by_form={w: parts[stem(w)] for w in self.alias_first_forms})
        return self._alias_parts_by_form

    @property
    def alias_first_forms(self) -> frozenset[str]:
        """Every folded word whose term is the first term of an entity alias."""
        if self._first_forms is None:
            written = _written_firsts(self.facts, self.groups) if self.facts else {}
            self._set(_first_forms=_first_forms(self._alias_first, written, self._nisba))
        return self._first_forms

    def has_candidates(self, klass: str, context_terms: Iterable[str]) -> bool:
        """Does any fact of ``klass`` share a metric or keyword term with the context?"""
        idx = self._by_class_term.get(klass)
        return bool(idx) and not idx.keys().isdisjoint(context_terms)

    def strong_candidates(self, klass: str, context_terms: Iterable[str],
                          subject_terms: Iterable[str] = ()) -> list[int]:
        """The :meth:`candidates` that may score above ``STRONG_FLOOR``: a keyword's
        first term or the metric's last own word in the context, or the claim's
        counted noun one of the metric's words on its own."""
        out: set[int] = set()
        for index, ts in ((self._strong_by_class_term.get(klass), context_terms),
                          (self._single_by_class_term.get(klass), subject_terms)):
            if index:
                for t in ts:
                    hit = index.get(t)
                    if hit:
                        out.update(hit)
        return sorted(out)

    def candidates(self, klass: str, context_terms: Iterable[str]) -> list[int]:
        """Indexes of metrics (see ``metric_groups``) of ``klass`` whose metric or
        keyword terms occur in the context."""
        idx = self._by_class_term.get(klass)
        if not idx:
            return []
        out: set[int] = set()
        for t in context_terms:
            hit = idx.get(t)
            if hit:
                out.update(hit)
        return sorted(out)

    def rate(self, currency: str, near: Period | None, fallback: Period | None = None) -> Rate | None:
        """The rate of ``currency`` nearest to ``near`` (or ``fallback``, else the latest)."""
        if currency == "USD":
            return Rate(date(1970, 1, 1), "USD", Decimal(1), "USD is the base", "", 0)
        lst = self.rates.get(currency)
        if not lst:
            return None
        target = near or fallback
        if target is None:
            return lst[-1]
        best = min(lst, key=lambda r: (target.distance(r.date), -r.date.toordinal()))
        return best
