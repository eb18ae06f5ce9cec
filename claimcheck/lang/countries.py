"""The world's countries in Arabic: CLDR's names and codes, plus the newsroom forms.

Two users:

* importers turn the ISO code a statistics file carries (``EGY``, ``EG``,
  ``818``, World Bank aggregates such as ``ARB``) into the aliases of a fact
  table's ``entity`` column::

      >>> entity("EGY").aliases
      ('مصر', 'جمهورية مصر العربية')

* currency resolution turns the text of a sentence into the countries it names
  and those into currencies::

      >>> [m.countries for m in mentions("قال وزير المالية الأردني في عمّان")]
      [('JO',), ('JO', 'OM')]
      >>> resolve_currency({"KWD", "IQD", "JOD"}, mentions("وزارة المالية الأردنية"))
      'JOD'

Nothing Arabic is typed here. The names of every territory come from CLDR
through babel (all ``ar_*`` locales), alpha-3 and UN M49 numeric codes from
CLDR's territory aliases, the currencies a country uses from CLDR's
territory → currency table. ``lang/data/countries.toml`` adds what CLDR lacks
(short and long forms, capitals, institutions, groupings); the nationality
adjectives (nisba) come from ``lang/data/currencies.toml`` — one source — and
are inflected here by rule.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from claimcheck.errors import LexiconError, UnknownEntityError
from claimcheck.lang import recache
from claimcheck.lang.clitics import ARTICLE
from claimcheck.lang.lexicon import data_file, forms, load
from claimcheck.lang.phrases import Hit, PhraseFinder
from claimcheck.text.normalize import Normalized, fold

#: CLDR codes that name no country: the EU and the euro zone (groupings here),
#: the UN, outlying Oceania, unknown
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ"})

#: kinds of a mention, strongest first
KINDS = ("name", "short", "long", "demonym", "capital", "city", "institution", "grouping")


@dataclass(frozen=True, slots=True)
class Country:
    """One country or territory (ISO 3166), with every Arabic form we know of it."""

    code: str                      # ISO alpha-2: "EG"
    iso3: str | None               # "EGY"
    numeric: str | None            # UN M49: "818"
    name: str                      # CLDR's Arabic name: "مصر"
    names: tuple[str, ...]         # CLDR names across the ar_* locales, then short and long forms
    nisba: tuple[str, ...]         # masculine singular nationality adjectives: ("مصري",)
    demonyms: tuple[str, ...]      # every inflection of them (مصرية، المصريون، المصريين …)
    capitals: tuple[str, ...]
    cities: tuple[str, ...]
    institutions: tuple[str, ...]
    currencies: tuple[str, ...]    # ISO 4217 legal tender today (CLDR), main one first
    aliases: tuple[str, ...]       # for a fact table's entity column: the names no other country shares

    @property
    def currency(self) -> str | None:
        """The country's main currency (``PS`` → ``ILS``), or None."""
        return self.currencies[0] if self.currencies else None


@dataclass(frozen=True, slots=True)
class Grouping:
    """A group of countries newsrooms name as one (دول الخليج)."""

    key: str                       # "gcc"
    names: tuple[str, ...]
    members: tuple[str, ...]       # ISO alpha-2
    codes: tuple[str, ...]         # aggregate codes in statistics files ("ARB")
    demonyms: tuple[str, ...]
    aliases: tuple[str, ...]

    @property
    def code(self) -> str:
        return self.key


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a text that names a country (or a grouping).

    ``countries`` has more than one code when the spelling is shared (عمان is
    Oman and, folded, Jordan's capital عمّان; طرابلس is in Libya and Lebanon);
    ``kinds`` says, for each, what the span is of it. A grouping's mention lists
    its members and names it in ``grouping``. Offsets are into the original text.
    """

    start: int
    end: int
    text: str
    countries: tuple[str, ...]
    kinds: tuple[str, ...]
    grouping: str | None = None

    @property
    def ambiguous(self) -> bool:
        return self.grouping is None and len(self.countries) > 1


# --------------------------------------------------------------------------- nisba


def inflect_nisba(masculine: str) -> tuple[str, ...]:
    """Every form of a nationality adjective from its masculine singular.

    The nisba (-ي) is a regular adjective: feminine -ية, duals -يان/-يين and
    -يتان/-يتين, plurals -يون/-يين and -يات, the indefinite accusative -يًا
    (written -يا once the tanween is folded away), each with the article.
    Broken plurals (مغاربة) are not derived: they are listed in the data.

    >>> inflect_nisba("مصري")[:4]
    ('مصري', 'مصرية', 'مصريا', 'مصريان')
    """
    m = masculine.strip()
    if not m.endswith("ي"):
        raise LexiconError(f"nisba {m!r} does not end in ي")
    endings = ("", "ة", "ا", "ان", "ين", "تان", "تين", "ون", "ات")
    out = [m + e for e in endings]
    if " " not in m:  # a compound (جنوب سوداني) takes no article on its own
        out += [ARTICLE + m + e for e in endings if e != "ا"]
    return tuple(out)


# --------------------------------------------------------------------------- CLDR


def _arabic_locales() -> list[str]:
    from babel import localedata  # (babel only to build what the start-up cache lacks)

    return sorted(x for x in localedata.locale_identifiers() if x == "ar" or x.startswith("ar_"))


@lru_cache(maxsize=1)
def _cldr_names() -> dict[str, tuple[str, ...]]:
    """Territory code → its Arabic names over every ``ar_*`` locale, ``ar``'s first
    (kept across runs for this babel: reading 29 locales costs more than a short check)."""
    return recache.memo("cldr", recache.digest(_read_cldr_names, _arabic_locales, _babel()),
                        _read_cldr_names)


def _babel() -> str:
    """babel's version (and so CLDR's), for the keys of what is kept from it."""
    stamp = recache.package_stamp("babel")
    if stamp is None:  # not a file to read (a zipped install): the package says
        import babel

        stamp = babel.__version__
    return stamp


def _read_cldr_names() -> dict[str, tuple[str, ...]]:
    from babel import localedata

    names: dict[str, list[str]] = defaultdict(list)
    for loc in _arabic_locales():
        for code, name in localedata.load(loc)["territories"].items():
            if name not in names[code]:
                names[code].append(name)
    return {k: tuple(v) for k, v in names.items()}


@lru_cache(maxsize=1)
def _cldr_codes() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(alias → alpha-2 for alpha-3 and numeric codes, alpha-2 → alpha-3, alpha-2 → M49)."""
    from babel.core import get_global

    to2: dict[str, str] = {}
    iso3: dict[str, list[str]] = defaultdict(list)
    num: dict[str, list[str]] = defaultdict(list)
    for alias, repl in get_global("territory_aliases").items():
        if len(repl) != 1:
            continue
        if len(alias) == 2 and alias.isalpha():
            to2[alias] = repl[0]  # UK → GB
        elif len(alias) == 3 and alias.isalpha():
            iso3[repl[0]].append(alias)
            to2[alias] = repl[0]
        elif alias.isdigit():
            num[repl[0]].append(alias)
            to2[alias] = repl[0]

    def canonical(a2: str, cands: list[str]) -> str:
        # DEU not DDR, MMR not BUR, YEM not YMD: today's code shares the
        # alpha-2's first letter and holds its second
        return min(cands, key=lambda c: (c[0] != a2[0], a2[1] not in c[1:], c))

    return (to2, {k: canonical(k, v) for k, v in iso3.items()},
            {k: max(v) for k, v in num.items()})


def _currencies(code: str) -> tuple[str, ...]:
    from babel.numbers import get_territory_currencies

    return tuple(get_territory_currencies(code))


# --------------------------------------------------------------------------- the table


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    countries: dict[str, Country]
    groupings: dict[str, Grouping]
    by_code: dict[str, Country | Grouping]          # alpha-2/3, numeric, aggregate codes
    readings: dict[str, tuple[tuple[str, str], ...]]  # folded form → ((code or grouping key, kind), …)
    finder: PhraseFinder[tuple[str, str]]


def _nisbas_from_currencies() -> dict[str, list[str]]:
    """Country → masculine nisba, read from currencies.toml's `nationality` lists.

    A currency's adjectives are its country's nisba in both genders, plus at
    times a name of the currency itself (إسترليني): those are also the currency
    noun's forms, and are left out."""
    cur = load("currencies")
    noun_forms = {f for n in cur["noun"].values() for f in forms(n["forms"], where="currency noun")}
    out: dict[str, list[str]] = defaultdict(list)
    for c in cur["currency"]:
        for adj in c.get("nationality", []):
            f = " ".join(fold(adj).split())
            if f.endswith("ه") or f in noun_forms or adj in out[c["country"]]:
                continue  # the feminine is derived; إسترليني is the currency
            out[c["country"]].append(adj)
    return out


class _Readings:
    """Folded form → the (code or grouping key, kind) readings it has."""

    def __init__(self) -> None:
        self.table: dict[str, list[tuple[str, str]]] = defaultdict(list)

    def add(self, form: str, who: str, kind: str) -> None:
        f = _key(form)
        if f and not any(r[0] == who for r in self.table[f]):
            self.table[f].append((who, kind))

    def unambiguous(self, forms_: Iterable[str]) -> tuple[str, ...]:
        """The forms that name one entity only (each spelling once)."""
        out: list[str] = []
        seen: set[str] = set()
        for f in forms_:
            k = _key(f)
            if len(self.table.get(k, ())) == 1 and k not in seen:
                seen.add(k)
                out.append(f)
        return tuple(out)


def _key(form: str) -> str:
    return " ".join(fold(form).split())


def _draft(code: str, spec: dict, cldr: tuple[str, ...], nisbas: list[str],
           templates: list[str]) -> dict[str, tuple[str, ...]]:
    """Every form of one country, by kind, before ambiguity is known."""
    nis = tuple(dict.fromkeys([*nisbas, *spec.get("nisba", [])]))
    demonyms = tuple(dict.fromkeys(f for n in nis for f in inflect_nisba(n)))
    demonyms += tuple(x for p in spec.get("plural", []) for x in (p, ARTICLE + p))
    insts = list(spec.get("institutions", []))
    for n in nis[:1]:
        insts += [t.format(m=ARTICLE + n, f=ARTICLE + n + "ة") for t in templates]
    return {
        "names": tuple(dict.fromkeys([*cldr, *spec.get("short", []), *spec.get("long", [])])),
        "nisba": nis, "demonyms": demonyms,
        "capitals": tuple(spec.get("capital", [])), "cities": tuple(spec.get("cities", [])),
        "institutions": tuple(dict.fromkeys(insts)),
    }


def _homographs(spec: dict) -> set[str]:
    """Folded forms of a country that are also ordinary words (a nisba with all its forms)."""
    return {_key(f) for h in spec.get("homographs", [])
            for f in (inflect_nisba(h) if h.endswith("ي") else (h,))}


def _groupings(data: dict, cldr: dict[str, tuple[str, ...]], known: set[str],
               readings: _Readings) -> dict[str, Grouping]:
    out: dict[str, Grouping] = {}
    for key, g in data.get("grouping", {}).items():
        names = [*(cldr[g["cldr"]] if g.get("cldr") else ()), *g.get("names", [])]
        for m in g.get("members", []):
            if m not in known:
                raise LexiconError(f"countries.toml: grouping {key} member {m} is no country")
        dem = tuple(f for n in g.get("nisba", []) for f in inflect_nisba(n))
        names_t = tuple(dict.fromkeys(names))
        for f in (*names_t, *dem):
            readings.add(f, key, "grouping")
        out[key] = Grouping(key, names_t, tuple(g.get("members", [])), tuple(g.get("codes", [])),
                            dem, ())
    return out


def _build() -> _Gazetteer:
    """The table, from its plain data (kept across runs: see :func:`_built_key`)."""
    data = recache.memo("countries", _built_key(), _build_data)
    countries = {code: Country(*values) for code, values in data["countries"].items()}
    groupings = {key: Grouping(*values) for key, values in data["groupings"].items()}
    by_code: dict[str, Country | Grouping] = {
        alias: countries[who] if kind == "country" else groupings[who]
        for alias, (kind, who) in data["by_code"].items()}
    readings = data["readings"]
    return _Gazetteer(countries, groupings, by_code, readings, PhraseFinder(readings))


def _built_key() -> str:
    """What the table is a function of: the data files, CLDR (babel's version) and
    the code that reads them: this module and those whose functions it calls
    (folding, clitics, the lexicon loader), by their source."""
    import sys

    from claimcheck.lang import clitics, lexicon
    from claimcheck.text import normalize

    here = sys.modules[__name__]
    sources = [Path(m.__file__).read_bytes() for m in (here, clitics, lexicon, normalize)]
    raw = [data_file(f"{n}.toml") for n in ("countries", "currencies")]
    return recache.digest(_babel(), *sources, *raw)


def _build_data() -> dict[str, dict]:
    """Every country and grouping as plain data (tuples of their fields), the codes
    statistics files use for them, and every folded form with its readings."""
    data = load("countries")
    cldr = _cldr_names()
    to2, iso3, num = _cldr_codes()
    nisbas = _nisbas_from_currencies()
    templates = data.get("templates", {}).get("institutions", [])
    spec: dict[str, dict] = data.get("country", {})
    for code, entry in spec.items():
        if code not in cldr:
            raise LexiconError(f"countries.toml: {code} is not a CLDR territory")
        if entry.get("nisba") and nisbas.get(code):
            raise LexiconError(f"countries.toml: {code}'s nisba is already in currencies.toml")

    codes = sorted(c for c in cldr if len(c) == 2 and c.isalpha() and c not in _NOT_COUNTRIES
                   and (c in iso3 or c in spec))
    readings = _Readings()
    excluded: set[str] = set()
    drafts = {}
    for code in codes:
        d = drafts[code] = _draft(code, spec.get(code, {}), cldr[code], nisbas.get(code, []),
                                  templates)
        excluded |= _homographs(spec.get(code, {}))
        for kind, key in (("name", "names"), ("demonym", "demonyms"), ("capital", "capitals"),
                          ("city", "cities"), ("institution", "institutions")):
            for f in d[key]:
                readings.add(f, code, kind)
    groupings = _groupings(data, cldr, set(drafts), readings)
    for f in excluded:
        readings.table.pop(f, None)

    countries: dict[str, Country] = {}
    for code in codes:
        d = drafts[code]
        # a fact's entity is the country's names only, never a spelling another
        # country shares: a demonym or a capital names a part of it as often as the
        # whole («سكان العاصمة الأردنية», «سكان القاهرة» are no population of the
        # country), and a figure about the part must not contradict the whole
        aliases = readings.unambiguous(d["names"])
        countries[code] = Country(code, iso3.get(code), num.get(code), cldr[code][0], d["names"],
                                  d["nisba"], d["demonyms"], d["capitals"], d["cities"],
                                  d["institutions"], _currencies(code), aliases)
    for key, g in list(groupings.items()):
        groupings[key] = Grouping(g.key, g.names, g.members, g.codes, g.demonyms,
                                  readings.unambiguous(g.names))

    by_code: dict[str, tuple[str, str]] = {}
    for alias, a2 in [*to2.items(), *data.get("code_aliases", {}).items()]:
        if a2 in countries:
            by_code[alias] = ("country", a2)
    by_code.update((code, ("country", code)) for code in countries)
    for g in groupings.values():
        by_code.update((c.upper(), ("grouping", g.key)) for c in g.codes)

    return {
        "countries": {code: _fields(c) for code, c in countries.items()},
        "groupings": {key: _fields(g) for key, g in groupings.items()},
        "by_code": by_code,
        "readings": {f: tuple(r) for f, r in readings.table.items()},
    }


def _fields(record: Country | Grouping) -> tuple:
    return tuple(getattr(record, f.name) for f in fields(record))


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    return _build()


# --------------------------------------------------------------------------- API


def countries() -> tuple[Country, ...]:
    """Every country and territory CLDR names, by ISO alpha-2 code."""
    return tuple(_gazetteer().countries[k] for k in sorted(_gazetteer().countries))


def groupings() -> tuple[Grouping, ...]:
    return tuple(_gazetteer().groupings.values())


def grouping(key: str) -> Grouping:
    try:
        return _gazetteer().groupings[key]
    except KeyError:
        raise UnknownEntityError(f"no grouping {key!r}") from None


def arab_league() -> tuple[Country, ...]:
    """The 22 member states of the Arab League."""
    return tuple(country(c) for c in grouping("arab_league").members)


def entity(code: str) -> Country | Grouping | None:
    """The country or grouping a statistics file's code stands for, or None.

    Accepts ISO alpha-2 (``EG``), alpha-3 (``EGY``), UN M49 numeric (``818``,
    ``048``) in any case, and the aggregate codes the groupings list (``ARB``).

    >>> entity("egy").code, entity("400").code, entity("ARB").key
    ('EG', 'JO', 'arab_league')
    """
    c = code.strip().upper()
    got = _gazetteer().by_code.get(c)
    if got is None and c.isdigit():
        got = _gazetteer().by_code.get(c.zfill(3))
    return got


def country(code: str) -> Country:
    """:func:`entity` for a country; raises UnknownEntityError (a LookupError) else."""
    got = entity(code)
    if not isinstance(got, Country):
        raise UnknownEntityError(f"no country with code {code!r}")
    return got


def by_name(name: str) -> Country | Grouping | None:
    """The country or grouping an Arabic name, short form, demonym or capital
    names unambiguously (``"الإمارات"`` → AE; ``"عمان"`` → None: Oman or Amman)."""
    g = _gazetteer()
    readings = g.readings.get(" ".join(fold(name).split()))
    if not readings or len(readings) != 1:
        return None
    who = readings[0][0]
    return g.countries.get(who) or g.groupings.get(who)


@lru_cache(maxsize=1)
def _foreign_names() -> dict[str, str]:
    from babel import localedata

    names: dict[str, str] = {}
    for loc in ("en", "fr"):
        for code, name in localedata.load(loc)["territories"].items():
            names.setdefault(name.casefold(), code)
    return names


def by_foreign_name(name: str) -> Country | None:
    """The country CLDR names so in English or French (``Jordan``, ``Égypte``), or None."""
    code = _foreign_names().get(name.strip().casefold())
    return _gazetteer().countries.get(code) if code else None


def name_table() -> dict[str, tuple[tuple[str, str], ...]]:
    """Every folded form → its readings ``((ISO code or grouping key, kind), …)``:
    for building a finder of one's own (``reference coverage`` looks for names and
    indicator keywords in one pass)."""
    return dict(_gazetteer().readings)


def ambiguous_forms() -> dict[str, tuple[str, ...]]:
    """Folded spellings that name more than one country or grouping, with them."""
    return {f: tuple(w for w, _ in r) for f, r in _gazetteer().readings.items() if len(r) > 1}


def _mention(hit: Hit[tuple[str, str]]) -> Mention:
    readings = hit.values
    grouping_key = next((w for w, k in readings if k == "grouping"), None)
    if grouping_key is not None:
        codes = _gazetteer().groupings[grouping_key].members
        kinds = ("grouping",) * len(codes)
    else:
        codes = tuple(w for w, _ in readings)
        kinds = tuple(k for _, k in readings)
    return Mention(hit.start, hit.end, hit.text, codes, kinds, grouping_key)


def mentions_normalized(norm: Normalized, start: int = 0, end: int | None = None) -> list[Mention]:
    """:func:`mentions` in the normalised span ``[start, end)`` of a document that is
    normalised already (the extractor's :class:`~claimcheck.text.normalize.Normalized`),
    with offsets into the original text."""
    return [_mention(h) for h in _gazetteer().finder.find_normalized(norm, start, end)]


def names_hold(chars: str) -> bool:
    """Does the name of some country or grouping, as found in text, hold one of
    ``chars``? (``«الكونغو - كينشاسا»`` holds a dash; none holds a full stop.)"""
    return _gazetteer().finder.holds(chars)


def mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """The countries and groupings ``text[start:end]`` names, in order, with
    offsets into ``text``. Clitics (و ف ب ك ل, ل swallowing ال's alif) are read.

    >>> [(m.text, m.countries) for m in mentions("صادرات للسعودية وبمصر")]
    [('للسعودية', ('SA',)), ('وبمصر', ('EG',))]
    """
    return [_mention(h) for h in _gazetteer().finder.find(text, start, end)]


def currency_countries(currency: str) -> tuple[str, ...]:
    """The countries whose legal tender ``currency`` is today (``JOD`` → JO, PS)."""
    return tuple(c.code for c in countries() if currency in c.currencies)


def resolve_currency(candidates: Iterable[str], found: Iterable[Mention],
                     near: int | None = None) -> str | None:
    """The one currency among ``candidates`` (the codes a bare noun such as دينار
    may stand for) that a country named in ``found`` uses, or None.

    A mention of several countries (عمان) counts for each; groupings count for
    nothing. When named countries lead to different candidates, the mention
    nearest to offset ``near`` decides; without ``near`` the answer is None.

    >>> resolve_currency({"OMR", "SAR", "QAR"}, mentions("في عمان"))
    'OMR'
    """
    cands = set(candidates)
    hits: list[tuple[Mention, str]] = []
    for m in found:
        if m.grouping is not None:
            continue
        for code in m.countries:
            c = _gazetteer().countries.get(code)
            for cur in (c.currencies if c else ()):
                if cur in cands:
                    hits.append((m, cur))
    distinct = {cur for _, cur in hits}
    if len(distinct) == 1:
        return distinct.pop()
    if not distinct or near is None:
        return None

    def distance(m: Mention) -> int:
        return 0 if m.start <= near < m.end else min(abs(near - m.start), abs(near - m.end))

    ranked = sorted(hits, key=lambda h: distance(h[0]))
    best = distance(ranked[0][0])
    tied = {cur for m, cur in ranked if distance(m) == best}
    return tied.pop() if len(tied) == 1 else None
