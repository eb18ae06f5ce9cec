"""The compiled patterns and look-up tables of extraction, built once from the
language data (:mod:`claimcheck.lang.lexicon`).

One small frozen table per data file (``scales.toml`` → :class:`Scales`,
``currencies.toml`` → :class:`Currencies`, …), each built by its own
function and assembled by keyword into the :class:`Lexicon`. Each pattern runs
on the normalised text at one offset (a ``_re`` that is ``match``-ed: the
words after a number) or in a short window that ends at the number (a
:class:`~claimcheck.extraction.scan.LeftContext`: the words before it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from claimcheck.extraction.scan import LeftContext
from claimcheck.lang import clitics, recache
from claimcheck.lang import relite as rx
from claimcheck.lang.lexicon import forms, load, trie_pattern
from claimcheck.model import Qualifier
from claimcheck.text.normalize import fold, unmarked

# Boundaries. ``\b`` is useless here: clitics and tatweel are word characters
# (ARABIC_NOTES), so words are delimited by explicit look-arounds.
NB = r"(?<![\p{L}\p{N}])"   # no letter or digit before
NA = r"(?![\p{L}\p{N}])"    # no letter or digit after
CLITICS = clitics.PATTERN
CLITIC_FORMS = clitics.ALL
CONJ_FORMS = clitics.CONJ
CONJ_PREP_FORMS = clitics.CONJ_PREP

_SPACE = rx.compile(r"\s+")


def key(s: str) -> str:
    """A matched phrase as the tables list it (one space between its words)."""
    s = s.strip()
    if s.isalnum():  # one word (most matches): no blank to collapse
        return s
    return _SPACE.sub(" ", s)


@dataclass(frozen=True, slots=True)
class Scales:
    """``scales.toml``: ألف، مليون، مليار… in every number, and the pattern of one after digits."""

    values: dict[str, Decimal]      # form → multiplier
    after_re: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Currencies:
    """``currencies.toml``: currency nouns, nationality adjectives, symbols."""

    nouns: dict[str, str]                          # form → noun key
    default: dict[str, str]                        # noun key → ISO code
    minor: dict[tuple[str, str], Decimal]          # (sub-unit noun, ISO) → its part (قرش, EGP: 0.01)
    by_nationality: dict[tuple[str, str], str]     # (noun, nationality form) → ISO
    by_country: dict[tuple[str, str], str]         # (noun, country) → ISO
    symbols: dict[str, str]                        # symbol → ISO
    #: symbols that folding merges (د.أ JOD، د.إ AED → د.ا): folded form → the
    #: spellings with their hamza (harakat and bidi marks dropped) → ISO
    spelled: dict[str, dict[str, str]]
    #: symbols some copy writes for another currency (Lebanese «د.أ.» = USD):
    #: spelling (as ``spelled`` keeps it) → the currency of the text's country →
    #: the one it stands for
    reads: dict[str, dict[str, str]]
    noun_re: re.Pattern[str]                     # a noun (and adjective) after the number
    symbol_re: re.Pattern[str]                   # a symbol after the number
    symbol_before: LeftContext                     # a symbol before it


@dataclass(frozen=True, slots=True)
class Contextual:
    """A unit word that names a unit only where its context says which (كيلو: the
    kilogram or the kilometre; قدم: the foot or the verb «قدّم»)."""

    after: dict[str, str]       # word (or two) right after it → pint unit
    before: dict[str, str]      # word a few words before the number → pint unit
    words_before: int
    scaled: str | None          # the unit after a scale word or decimals, if any


@dataclass(frozen=True, slots=True)
class Units:
    """``units.toml``: measurement units, rates and time units (with their duals)."""

    units: dict[str, str]                          # form → pint unit
    unit_duals: dict[str, str]
    unit_re: re.Pattern[str]
    rates: dict[str, str]                          # يومياً → day
    rate_re: re.Pattern[str]
    durations: dict[str, tuple[str, Decimal]]      # form → (pint unit, factor)
    dur_duals: dict[str, tuple[str, Decimal]]
    dur_re: re.Pattern[str]
    point_re: re.Pattern[str]                      # bare نقطة/نقاط after a number
    point_duals: frozenset[str]                    # نقطتين: two points, no numeral
    point_cue_re: re.Pattern[str]                  # a market index named near the points
    percent_any_re: re.Pattern[str]                # a percentage anywhere (the points' context)
    point_window: int
    udual_re: re.Pattern[str]                      # a dual unit noun, one word or two (طنان متريان)
    temp_cue_re: re.Pattern[str]                   # the weather named near a bare درجة
    temp_window: int
    rate_far_re: re.Pattern[str]                   # a rate adverb a few words after the unit
    rate_far_before_re: re.Pattern[str]            # … or a few words before the number
    lone: frozenset[str]                           # عام، شهر: one of it with no numeral
    lone_head_re: LeftContext                      # قبل، لمدة before a lone time noun
    whole_re: re.Pattern[str]                      # كاملاً after it
    contextual: dict[str, Contextual]              # كيلو، قدم → how context reads them
    contextual_re: re.Pattern[str]                 # one of them after the number
    rank_after_re: re.Pattern[str]                 # وظيفية after a bare درجة: a grade
    scale_cue_re: re.Pattern[str]                  # ريختر in its sentence: a magnitude


@dataclass(frozen=True, slots=True)
class Months:
    """``months.toml``: Gregorian (all regional names) and Hijri months."""

    gregorian: dict[str, int]
    hijri: dict[str, int]
    after_re: re.Pattern[str]                    # day → month [year]
    dashed_re: re.Pattern[str]                   # day - month - year (``16-سبتمبر-2012``)
    before: LeftContext                            # month [year head] → year


@dataclass(frozen=True, slots=True)
class Qualifiers:
    """``qualifiers.toml``: the phrases (and verbs) that bound a number."""

    before: dict[str, Qualifier]
    before_re: LeftContext
    after: dict[str, Qualifier]
    after_re: re.Pattern[str]
    verbs: dict[str, Qualifier]                    # يزيد → more_than
    verb_re: LeftContext                           # [negation] verb subject [preposition]
    mark_re: LeftContext                           # حاجز right before the number
    passing_re: re.Pattern[str]                    # [negation] تجاوز … before the mark (searched)


@dataclass(frozen=True, slots=True)
class Context:
    """``context.toml``: the words around a number that are not its unit."""

    percent_re: re.Pattern[str]
    ident_re: LeftContext          # القرار، المادة: a name, not a quantity
    value_head_re: LeftContext     # مستوى، فئة: a name, unless a value follows (مستوى 0.280 دينار)
    level_value_re: re.Pattern[str]  # نقطة after ``مستوى 7120``: an index's value
    ident_and_re: LeftContext      # القرار 5 … و: a second name joined to the first
    part_re: LeftContext           # المواد من 10 إلى 15، الآيات 1-5: parts of a text
    letter_re: LeftContext         # إس 400، تي 72: a Latin letter spelt in Arabic, then a model's number
    time_re: LeftContext           # الساعة: a clock time
    clock_minutes_re: re.Pattern[str]  # الساعة الثالثة و: the minutes of a clock time follow
    time_after_re: re.Pattern[str]  # ظهراً، بتوقيت، تغ after a clock time
    score_after_re: re.Pattern[str]  # ``3-صفر``: a score
    score_before_re: re.Pattern[str]  # ``صفر-1``
    plural_re: re.Pattern[str]   # المحافظات، الدول: a count follows, not an ordinal
    first_of_plural_re: re.Pattern[str]  # الأيام (القليلة) الأولى: "the first ones", no rank
    year_head_re: LeftContext      # منذ عام
    day_month_re: LeftContext      # الخميس، بتاريخ before ``15/3`` (a day and a month)
    span_date_re: LeftContext      # من / حتى before a date
    span_dur_re: LeftContext       # على مدى، خلال before a duration
    not_subjects: frozenset[str]
    ordinal_head_re: LeftContext   # الذكرى، الدورة before an ordinal
    ranked_head_re: LeftContext    # المرحلة، الأسبوع before an ordinal in words
    bare_rank_re: LeftContext      # المرتبة، الذكرى before digits with no article
    centre_head_re: re.Pattern[str]  # المركز (a bracket) right before digits
    centre_rank_re: LeftContext    # احتل المركز: a verb of place, then المركز, before digits
    rank_after_re: re.Pattern[str]  # عالمياً، في تصنيف after a rank's number
    occupy_verbs: frozenset[str]   # احتل: a place whatever follows the number
    glued_heads: frozenset[str]    # من، نحو glued to digits (أكثر من200): a number all the same
    former_re: re.Pattern[str]     # الأول standing for a person named before
    latter_re: re.Pattern[str]     # والثاني، والأخير: its partner
    hijri_marker_re: re.Pattern[str]
    greg_marker_re: re.Pattern[str]
    neg_before_re: LeftContext     # سالب
    neg_after_re: re.Pattern[str]  # تحت الصفر
    range_between_re: LeftContext
    range_from_re: LeftContext
    change_re: LeftContext         # ارتفع من … إلى: a change, not a range
    range_amount_heads: frozenset[str]  # تراجعت بنسبة من 20 إلى 30: a range after all
    decades: dict[str, Decimal]    # عقدين → 20 (years)
    first_day: frozenset[str]      # غرة: the first day of the month after it
    named_date_re: LeftContext     # ثورة 25 يناير: a day and month that name an event
    age_group_re: re.Pattern[str]  # منتخب … تحت: an age group's name follows
    age_group_unit_re: re.Pattern[str]
    score_goals_re: re.Pattern[str]     # أهداف at the end of a count's span
    score_against_re: re.Pattern[str]   # مقابل، لهدف، نظيفة after it (not «مقابل 19 مباراة»)
    score_result_re: re.Pattern[str]    # فاز، تغلب، بنتيجة: a match's result is told
    decade_re: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Every compiled pattern and lookup table the engine needs, built once."""

    scales: Scales
    currencies: Currencies
    units: Units
    months: Months
    qualifiers: Qualifiers
    context: Context
    #: The number-word grammar (:mod:`claimcheck.extraction.numberwords`).
    words: Any
    #: The fractions written after و (``ونصف``، ``وربع``، ``وثلث``), from number_words.toml.
    fractions: dict[str, Decimal]
    #: ``ونصف`` after a duration (``أربع سنوات ونصف``); the colloquial نص is left
    #: out there: after a duration ``ونص`` is as often "and the text of" (ونص القرار).
    half_tail_re: re.Pattern[str]
    #: Every word that starts a claim without a digit, in every clitic form →
    #: (clitic length, anchor kind); see :func:`claimcheck.extraction.anchors.anchors`.
    anchor_forms: dict[str, tuple[int, str]]
    anchor_form_set: frozenset[str]
    #: A currency noun's dual form → the noun (``جنيهان`` → pound): two of it.
    currency_duals: dict[str, str]
    #: Any of the words that may follow a number and give it its kind (percent,
    #: currency noun or symbol, unit, ``تحت الصفر``, time unit): most numbers are
    #: followed by none, and one failed match then stands for six.
    after_re: re.Pattern[str]


def _last_words(heads: Any, clitics: Any) -> frozenset[str]:
    """The letter runs that ``clitic + head`` ends with in the text.

    A one-word head ends with itself and the clitics glued to it (``ولأكثر``); a
    phrase or a head with a dot ends with the letters after its last space or
    dot (``صندوق بريد`` → ``بريد``، ``ص.ب`` → ``ب``); a head that ends with a
    sign (``$``) ends with no letters and is never right after a word.
    """
    out: set[str] = set()
    for h in heads:
        k = len(h)
        while k and h[k - 1].isalpha():
            k -= 1
        if k == len(h):
            continue
        if k:
            out.add(h[k:])
        else:
            out.update(c + h for c in clitics)
    return frozenset(out)


def _tail(clitics: str, clitic_forms: Any, heads: list[str], group: str = "") -> LeftContext:
    """Clitics, then one of ``heads`` (captured as ``group`` when named), right
    before the number; ``clitic_forms`` are the strings ``clitics`` matches."""
    head = "(?P<" + group + ">" if group else "(?:"
    return LeftContext(rx.compile(NB + clitics + head + trie_pattern(heads) + r")\s*$"),
                       _last_words(heads, clitic_forms))



def _scales() -> Scales:
    values: dict[str, Decimal] = {}
    for entry in load("scales")["scale"]:
        v = Decimal(entry["value"])
        for grp in ("singular", "dual", "plural"):
            for f in forms(entry[grp], where=f"scales {v} {grp}"):
                values[f] = v
    return Scales(values=values, after_re=rx.compile(r"\s*(?:ال)?(" + trie_pattern(values) + ")" + NA))


def _currencies() -> Currencies:
    cur = load("currencies")
    nouns: dict[str, str] = {}
    default: dict[str, str] = {}
    minor: dict[tuple[str, str], Decimal] = {}
    for name, noun in cur["noun"].items():
        default[name] = noun["default"]
        for code, part in noun.get("minor", {}).items():
            minor[(name, code)] = Decimal(part)
        for f in forms(noun["forms"], where=f"currency noun {name}"):
            nouns[f] = name
            if not f.startswith("ال"):
                nouns.setdefault("ال" + f, name)
    by_nationality: dict[tuple[str, str], str] = {}
    by_country: dict[tuple[str, str], str] = {}
    symbols: dict[str, str] = {}
    spellings: dict[str, dict[str, str]] = {}
    nat_forms: set[str] = set()
    # a sub-unit takes the nationality adjectives and the country of each currency it divides
    nouns_of = {c["code"]: [c["noun"]] + [n for (n, code) in minor if code == c["code"]]
                for c in cur["currency"]}
    for c in cur["currency"]:
        code = c["code"]
        for noun in nouns_of[code]:
            by_country[(noun, c["country"])] = code
        for n in c.get("nationality", []):
            for f in forms([n], where=f"currency {code} nationality"):
                # مصري، المصري، مصرياً (the accusative after جنيهاً)
                for g in (f, "ال" + f, f + "ا"):
                    for noun in nouns_of[code]:
                        by_nationality[(noun, g)] = code
                    nat_forms.add(g)
        for raw in c.get("symbols", []) or [code]:
            s = forms([raw], where=f"currency {code} symbols")[0]
            symbols[s] = code
            spellings.setdefault(s, {})[unmarked(raw)] = code
    # a folded symbol two currencies share is told apart by its spelling in the text
    spelled = {s: sp for s, sp in spellings.items() if len(set(sp.values())) > 1}
    reads: dict[str, dict[str, str]] = {}
    for r in cur.get("symbol_context", []):
        reads.setdefault(unmarked(r["symbol"]), {}).update(r["reads"])
    noun_re = rx.compile(
        r"\s*(?:من\s+)?(?P<noun>" + trie_pattern(nouns) + ")" + NA
        + r"(?:\s+(?P<nat>" + trie_pattern(nat_forms) + ")" + NA + ")?"
    )
    sym_pat = trie_pattern(symbols)
    # a symbol is only kept apart from Latin letters: ``بـUSD`` glues it to an
    # Arabic clitic, so the word before the number may end with it
    # an abbreviation is written with its closing dot too (CLDR's «د.أ.» before «500»)
    symbol_before = LeftContext(rx.compile(r"(?<![A-Za-z])(?P<sym>" + sym_pat + r")(?:(?<=\.\p{L})\.)?\s*$"),
                                _last_words(symbols, [""]),
                                tuple(sorted(f for f in symbols if f.isalpha())))
    return Currencies(nouns=nouns, default=default, minor=minor, by_nationality=by_nationality,
                      by_country=by_country, symbols=symbols, spelled=spelled, reads=reads, noun_re=noun_re,
                      symbol_re=rx.compile(r"\s*(?P<sym>" + sym_pat + r")(?![\p{L}\p{N}])"),
                      symbol_before=symbol_before)


def _units() -> Units:
    un = load("units")
    pts = un["points"]
    gap = str(int(un["clause_rate"]["words_between"]))
    units: dict[str, str] = {}
    unit_duals: dict[str, str] = {}
    for u in un["unit"]:
        for f in forms(u["forms"], where=f"unit {u['pint']}"):
            units[f] = u["pint"]
        for f in forms(u.get("dual", []) or ["-"], where=f"unit {u['pint']} dual"):
            if f != "-":
                unit_duals[f] = u["pint"]
                units.setdefault(f, u["pint"])
    rates: dict[str, str] = {}
    for r in un["rate"]:
        for f in forms(r["forms"], where=f"rate {r['pint']}"):
            rates[f] = r["pint"]
    adverbs = "(?:" + trie_pattern(f for f in rates if " " not in f) + ")"
    durations: dict[str, tuple[str, Decimal]] = {}
    dur_duals: dict[str, tuple[str, Decimal]] = {}
    for d in un["duration"]:
        factor = Decimal(d.get("factor", "1"))
        for f in forms(d["forms"], where=f"duration {d['pint']}"):
            durations[f] = (d["pint"], factor)
        for f in forms(d["dual"], where=f"duration {d['pint']} dual"):
            dur_duals[f] = (d["pint"], factor)
            durations.setdefault(f, (d["pint"], factor))
    lone = un["lone"]
    contextual: dict[str, Contextual] = {}
    for c in un["contextual"]:
        spec = Contextual(
            after={w: unit for unit, ws in c["after"].items() for w in forms(ws, where=f"contextual {unit}")},
            before={w: unit for unit, ws in c["before"].items() for w in forms(ws, where=f"contextual {unit}")},
            words_before=int(c["words_before"]), scaled=c["scaled"] or None)
        for f in forms(c["forms"], where="contextual forms"):
            contextual[f] = spec
    rank = un["degree_not_a_measure"]
    return Units(
        contextual=contextual,
        contextual_re=rx.compile(r"\s*(?P<c>" + trie_pattern(contextual) + ")" + NA),
        rank_after_re=rx.compile(r"\s+(?:ال)?(?:" + trie_pattern(forms(rank["after"], where="rank after")) + ")" + NA),
        scale_cue_re=rx.compile("(?:" + trie_pattern(forms(rank["cues"], where="rank cues")) + ")" + NA),
        lone=frozenset(forms(lone["forms"], where="lone")),
        lone_head_re=_tail(r"[وف]?", CONJ_FORMS, forms(lone["heads"], where="lone heads")),
        whole_re=rx.compile(r"\s+(?:" + trie_pattern(forms(lone["whole"], where="lone whole")) + ")" + NA),
        units=units, unit_duals=unit_duals,
        unit_re=rx.compile(r"\s*(?:من\s+)?(?:ال)?(?P<u>" + trie_pattern(units) + r")(?![\p{L}\p{N}])"),
        rates=rates, rate_re=rx.compile(r"\s*(?P<r>" + trie_pattern(rates) + ")" + NA + r"(?![^\S\n]+(?:"
                                        + trie_pattern(forms(un["rate_not_before"]["words"], where="rate_not_before"))
                                        + ")" + NA + ")"),
        durations=durations, dur_duals=dur_duals,
        dur_re=rx.compile(r"\s*(?P<d>" + trie_pattern(durations) + ")" + NA),
        point_re=rx.compile(r"\s*(?P<p>" + trie_pattern(forms(pts["forms"], where="points")) + ")" + NA),
        point_duals=frozenset(forms(pts["dual"], where="points dual")),
        point_cue_re=rx.compile(r"(?:" + trie_pattern(forms(pts["index_cues"], where="points index_cues"))
                                + ")" + NA),
        percent_any_re=rx.compile("(?:%|٪|(?<![\\p{L}])(?:" + trie_pattern(
            f for f in forms(load("context")["percent_forms"] + pts["percent_cues"], where="percent_forms")
            if f != "%") + ")" + NA + ")"),
        point_window=int(pts["window"]),
        udual_re=rx.compile("(?:" + trie_pattern(list(unit_duals) + forms(pts["dual"], where="points dual")) + ")" + NA),
        temp_cue_re=rx.compile("(?:" + trie_pattern(forms(un["temperature"]["cues"], where="temperature cues")) + ")" + NA),
        temp_window=int(un["temperature"]["window"]),
        rate_far_re=rx.compile(r"(?:[^\S\n]+(?!" + adverbs + r")\p{L}+){1," + gap + r"}[^\S\n]+(?P<r>" + adverbs + ")" + NA),
        rate_far_before_re=rx.compile(r"(?<![\p{L}])(?P<r>" + adverbs + ")" + NA + r"(?:[^\S\n]+(?!و)\p{L}+){0,"
                                      + str(int(un["clause_rate"]["words_before"])) + r"}[^\S\n]*$"),
    )


def _months() -> Months:
    mo = load("months")
    greg: dict[str, int] = {}
    for m in mo["gregorian"]:
        for f in forms(m["names"], where=f"month {m['number']}"):
            greg[f] = m["number"]
    hij: dict[str, int] = {}
    for m in mo["hijri"]:
        for f in forms(m["names"], where=f"hijri month {m['number']}"):
            hij[f] = m["number"]
    months_pat = trie_pattern({**greg, **hij})
    # ``15 ديسمبر (كانون الأول) 1991``، ``3 كانون الثاني/يناير 2024``، ``7 رمضان 1445 هـ``
    pair = r"(?:\s*(?:/|\(|-|،)\s*(?P<m2>" + months_pat + r")(?:\s*\))?)?"
    # The year after the month: four digits may be glued to what follows
    # (``2015م``، ``1436هـ``، a dateline run into the next word: ``2012الجزائر``);
    # after a comma (``30 يناير, 2012``، ``5 مارس، 2014``) only four digits are a year.
    head = r"(?:من\s+)?(?:(?:عام|العام|سنه)\s+)?"
    after_re = rx.compile(
        r"\s*(?:من\s+)?(?:شهر\s+)?(?P<m>" + months_pat + ")" + NA + pair
        + r"(?:\s*[،,]\s*" + head + r"(?P<yc>[0-9]{4})(?![0-9])"
        + r"|\s*" + head + r"(?P<y>[0-9]{4}(?![0-9])|[0-9]{3}" + NA + "))?"
    )
    # ``08 - يناير - 2011``، ``16-سبتمبر-2012``: dashes around the month, the year
    # required (a dash before a month alone is as often a list's or a title's)
    dashed_re = rx.compile(r"\s*-\s*(?P<m>" + months_pat + r")\s*-\s*(?P<y>[0-9]{4})(?![0-9])")
    # ``\s*`` may be empty: ``مارسمن``، ``مارسعام`` end with من or عام glued to the month
    before = LeftContext(rx.compile(
        NB + r"(?:شهر\s+)?[وفبل]?(?P<m>" + months_pat + ")" + pair
        + r"\s*(?:،\s*)?(?:من\s+)?(?:(?:عام|العام|سنه)\s+)?$"
    ), _last_words({**greg, **hij}, ["", "و", "ف", "ب", "ل"]), ("من", "عام", "العام", "سنه"))
    return Months(gregorian=greg, hijri=hij, after_re=after_re, dashed_re=dashed_re, before=before)


def _qualifiers() -> Qualifiers:
    qu = dict(load("qualifiers"))
    verbs = qu.pop("verbs")
    marks = qu.pop("marks")
    verb_q: dict[str, Qualifier] = {}
    for name in ("more_than", "less_than", "at_most", "at_least", "approximate"):
        for f in forms(verbs.get(name, ["-"]), where=f"qualifier verbs {name}"):
            verb_q[f] = Qualifier(name)
    verb_re = rx.compile(  # (a conjunction may be glued to the verb: ``وناهزت``)
        NB + r"[وف]?(?:(?P<neg>" + trie_pattern(forms(verbs["negations"], where="negations")) + r")\s+)?"
        r"(?P<v>" + trie_pattern(verb_q) + r")\s+(?P<w>\p{L}+(?:\s+\p{L}+){0,3}?)\s+"
        r"(?:(?P<p>" + trie_pattern(forms(verbs["prepositions"], where="prepositions")) + r")\s*)?"
        r"(?P<al>ال\s*)?$")  # ``تجاوزت الإيرادات الـ63 مليون``: the article marks the verb's object
    before: dict[str, Qualifier] = {}
    after: dict[str, Qualifier] = {}
    for name, spec in qu.items():
        q = Qualifier(name)
        for f in forms(spec["before"], where=f"qualifier {name}"):
            before[f] = q
        for f in spec.get("after", []):
            after[key(fold(f))] = q
    return Qualifiers(
        before=before,
        before_re=LeftContext(rx.compile(
            # ``تجاوزت الـ 63 مليون``، ``أكثر من (2,500,000)``: the article of the
            # number, a bracket or a quote (either way round: ”30) may stand between the phrase and the digits
            NB + r"(?P<cl>[وف]?[بلك]?)(?P<q>" + trie_pattern(before) + r")(?:\s+ال)?[\s(\[«\"“”]*$"),
            _last_words(before, CONJ_PREP_FORMS) | {"ال"}),
        after=after, after_re=rx.compile(r"\s*(?P<q>" + trie_pattern(after) + ")" + NA),
        verbs=verb_q, verb_re=LeftContext(verb_re),  # the verb's subject may be any word
        mark_re=_tail(CLITICS, CLITIC_FORMS, forms(marks["nouns"], where="mark nouns")),
        # the passing verb, then at most five words (the subject, a phrase) up to the mark
        passing_re=rx.compile(
            NB + r"[وف]?(?:(?P<neg>" + trie_pattern(forms(verbs["negations"], where="negations")) + r")\s+)?"
            r"(?:" + trie_pattern(forms(marks["passing"], where="passing verbs")) + r")"
            r"(?:\s+\p{L}+){0,5}\s*$"),
    )


def _context() -> Context:
    ctx = load("context")

    def words(name: str) -> list[str]:
        return forms(ctx[name], where=name)

    def after(name: str) -> re.Pattern[str]:
        return rx.compile(r"\s*(?:" + trie_pattern(words(name)) + ")" + NA)

    ident = words("identifier_heads")
    ordinal_heads = words("ordinal_heads")
    decades: dict[str, Decimal] = {}
    for f in words("decade_phrases"):
        first = f.split()[0]
        n = Decimal(100) if "قرن" in first else Decimal(10)
        if first.endswith("ين"):
            n *= 2
        decades[f] = n
    return Context(
        # the sign may be glued to the next word (``56-70%وفي``، ``15%من``), a digit never
        percent_re=rx.compile(r"\s*(?:%(?![0-9])|(?:" + trie_pattern(words("percent_forms")) + ")" + NA + ")"),
        ident_re=LeftContext(rx.compile(NB + CLITICS + "(?:" + trie_pattern(ident) + r")[\s:.#/(\"«-]*$"),
                             _last_words(ident, CLITIC_FORMS)),
        value_head_re=_tail(CLITICS, CLITIC_FORMS, words("value_heads")),
        level_value_re=after("value_after_level"),
        # ``الدقيقة «65»``: quotes or a bracket may stand between the head and the minute
        time_re=LeftContext(rx.compile(NB + "(?:" + trie_pattern(words("time_heads")) + r")[\s«\"“(]*$"),
                            _last_words(words("time_heads"), [""])),
        # ``الرحلة 1534 من تبوك و1692 من أبها``: a second identifier joined by و to the first
        ident_and_re=LeftContext(rx.compile(
            NB + CLITICS + "(?:" + trie_pattern(ident) + r")[\s:.#/(\"«-]*[0-9]+(?:\s+\p{L}+){0,3}\s+و\s*$"),
            frozenset({"و"})),
        # ``06ر33 بتوقيت غرينتش``: agency copy writes the minutes with ر
        plural_re=rx.compile(r"(?:(?:" + trie_pattern(words("plural_endings")) + r")|(?<![\p{L}])[وفبلك]?(?:"
                             + trie_pattern(words("broken_plurals")) + r"))\s*$"),
        time_after_re=rx.compile(r"(?:\s?ر\s?[0-9]{2}(?![0-9]))?\s*(?:" + trie_pattern(words("time_after"))
                                 + ")" + NA),
        score_after_re=rx.compile(r"\s*[-–]\s*(?:" + trie_pattern(words("score_zero")) + ")" + NA),
        score_before_re=rx.compile(NB + "(?:" + trie_pattern(words("score_zero")) + r")\s*[-–]\s*$"),
        year_head_re=_tail(CLITICS, CLITIC_FORMS, words("year_heads")),
        day_month_re=_tail(r"[وف]?", CONJ_FORMS, words("day_month_heads")),
        span_date_re=_tail(r"(?P<cl>[وف]?)", CONJ_FORMS, words("span_heads_date"), "h"),
        span_dur_re=_tail(r"(?P<cl>[وف]?)", CONJ_FORMS, words("span_heads_duration"), "h"),
        not_subjects=frozenset(words("not_subjects")),
        # ``الذكرى الـ10``: the article of the number may stand alone before its digits
        ordinal_head_re=LeftContext(rx.compile(
            NB + CLITICS + "(?:" + trie_pattern(ordinal_heads) + r")\s+(?P<al>ال)?$"),
            _last_words(ordinal_heads, CLITIC_FORMS) | {"ال"}),
        ranked_head_re=_tail(CLITICS, CLITIC_FORMS, words("ranked_heads")),
        bare_rank_re=_tail(CLITICS, CLITIC_FORMS, words("ordinal_bare_heads")),
        centre_head_re=rx.compile(NB + CLITICS + r"(?:" + trie_pattern(words("centre_heads")) + r")\s*\(?\s*$"),
        centre_rank_re=LeftContext(rx.compile(
            NB + r"[وف]?(?P<v>" + trie_pattern(words("rank_verbs")) + r")(?:\s+\p{L}+){0,3}?\s+"
            + CLITICS + r"(?P<h>" + trie_pattern(words("centre_heads")) + r")\s*\(?\s*$"), None),
        occupy_verbs=frozenset(words("occupy_verbs")),
        glued_heads=frozenset(c + w for w in words("glued_number_heads") for c in ("", "و", "ف")),
        rank_after_re=rx.compile(r"\s*\)?\s*(?:" + trie_pattern(words("rank_after")) + ")" + NA),
        hijri_marker_re=after("hijri_markers"),
        greg_marker_re=after("gregorian_markers"),
        neg_before_re=_tail(CLITICS, CLITIC_FORMS, words("negative_before")),
        neg_after_re=after("negative_after"),
        range_between_re=_tail(r"[وف]?", CONJ_FORMS, words("range_between")),
        range_from_re=_tail(r"[وف]?", CONJ_FORMS, ["من"]),
        change_re=LeftContext(rx.compile(
            NB + CLITICS + r"(?:" + trie_pattern(words("change_verbs"))
            + r")(?:\s+\p{L}+){0,4}\s+[وف]?من\s*$"), _last_words(["من"], CONJ_FORMS)),
        range_amount_heads=frozenset(words("range_amount_heads")),
        decades=decades,
        first_day=frozenset(words("first_day_words")),
        decade_re=rx.compile(r"[وف]?[بل]?(?:" + trie_pattern(decades) + ")" + NA),
        **_non_claims(words, after),
    )


def _non_claims(words: Any, after: Any) -> dict[str, Any]:  # a name or a score: see context.toml
    def tail(name: str, end: str) -> re.Pattern[str]:
        return rx.compile(NB + CLITICS + "(?:" + trie_pattern(words(name)) + ")" + end)
    link = r"(?:[0-9]+\s*(?:[-–،,]\s*|و\s*|(?:الي|حتي)\s+))*$"  # ``المواد 5 و6``، ``من 1 إلى 5``
    return {
        "named_date_re": _tail(CLITICS, CLITIC_FORMS, words("named_date_heads")),
        "age_group_re": tail("age_group_heads", r"(?:\s+\p{L}+){0,4}\s+تحت\s*$"),
        "age_group_unit_re": after("age_group_units"),
        "score_goals_re": tail("score_goal_words", "$"),
        "score_against_re": rx.compile(r"\s+(?:" + trie_pattern(words("score_against_after")) + ")" + NA
                                       + r"|\s+مقابل(?!(?:\s+\S+){0,2}\s+\S*(?:"
                                       + trie_pattern(words("score_per_match")) + "))"),
        "score_result_re": tail("score_result_words", NA),
        "part_re": LeftContext(tail("part_heads", r"[\s:.#/(\"«-]*(?:(?<=\s)من\s+)?" + link),
                               _last_words(words("part_heads"), CLITIC_FORMS) | {"من", "و", "الي", "حتي"}),
        "clock_minutes_re": tail("clock_hour_heads", r"\s+(?:ال\p{L}{3,}(?:\s+عشر[هة]?)?|[0-9]{1,2})\s+و\s*$"),
        "former_re": rx.compile(NB + r"[وف]?(?:" + trie_pattern(words("former_words")) + ")" + NA),
        "latter_re": rx.compile(NB + r"[وف]?(?:" + trie_pattern(words("latter_words")) + ")" + NA),
        "letter_re": _tail("", [""], words("letter_heads")),  # no clitic: «لدى» is not ل + دي
        "first_of_plural_re": rx.compile(NB + r"[وفبلك]?(?:ال\p{L}+ات|(?:" + trie_pattern(words("broken_plurals"))
                                         + r"))(?:\s+ال\p{L}+)?\s+$"),
    }


def _anchor_forms(units: Units, context: Context, starters: Any, fractions: dict[str, Decimal],
                  duals: tuple[Any, Any]) -> dict[str, tuple[int, str]]:
    """Every word that can start a claim without a digit, in every clitic form it
    may carry → (clitic length, kind): decade phrases (dec), غرة (day1), dual time nouns
    (dual), dual unit nouns (udual), number words (w), duals of countable nouns
    (ndual) and of currencies (cdual), and و-fractions (frac)."""
    anchor_kinds: dict[str, str] = {}
    for f in context.decades:
        anchor_kinds[f] = "dec"
    for f in context.first_day:
        anchor_kinds[f] = "day1"
    for f in units.lone:
        anchor_kinds.setdefault(f, "lone")
    for f in units.dur_duals:
        anchor_kinds[f] = "dual"
    # a two-word dual (``كيلومتران مربعان``) is anchored on its first word
    for f in (*units.unit_duals, *units.point_duals):
        anchor_kinds.setdefault(f.split()[0], "udual")
    for f in starters:
        anchor_kinds.setdefault(f, "w")
    noun_duals, currency_duals = duals
    for f in noun_duals:
        anchor_kinds.setdefault(f, "ndual")
    for f in currency_duals:
        anchor_kinds.setdefault(f, "cdual")
    # ``لتر ونصف``، ``ساعة وربع``: a unit alone, then و and a fraction (1.5 litres):
    # the fraction word is the anchor and the unit is looked up behind it.
    for f in fractions:
        anchor_kinds.setdefault(f, "frac")
    # the shortest clitic wins (``والف`` is و + الف "thousand", not وال + ف), then
    # the kind set first above: written in reverse, so that the winner is written last
    firsts = [(w.split()[0], kind) for w, kind in reversed(anchor_kinds.items())]
    anchor_forms: dict[str, tuple[int, str]] = {}
    for p in reversed(("",) + clitics.GLUED):
        n = len(p)
        anchor_forms.update({p + f: (n, kind) for f, kind in firsts})
    return anchor_forms


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load, validate and compile the language data (once per process)."""
    from claimcheck.extraction import numberwords  # its tables load on import: not at start-up

    scales, currencies, units = _scales(), _currencies(), _units()
    months, qualifiers, context = _months(), _qualifiers(), _context()
    fractions = numberwords.LEX.tail
    cur_duals = numberwords.currency_duals(currencies.nouns, {n for n, _ in currencies.minor})
    anchor_forms = _anchor_forms(units, context, numberwords.STARTERS, fractions,
                                 (numberwords.counted().duals, cur_duals))
    return Lexicon(
        scales=scales, currencies=currencies, units=units, months=months,
        qualifiers=qualifiers, context=context, words=numberwords, fractions=fractions,
        half_tail_re=rx.compile(r"\s*و(" + trie_pattern(f for f in fractions if f != "نص") + ")" + NA),
        anchor_forms=anchor_forms, anchor_form_set=frozenset(anchor_forms), currency_duals=cur_duals,
        after_re=_any_of(context.percent_re, currencies.noun_re, currencies.symbol_re, units.unit_re,
                         context.neg_after_re, units.dur_re, units.point_re, units.contextual_re),
    )


_GROUP_NAME = recache.compile(r"\(\?P<\w+>")


def _any_of(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    """One pattern that matches where any of ``patterns`` matches (their group
    names dropped, so that the same name may appear in two of them)."""
    sources = [_GROUP_NAME.sub("(?:", p.pattern) for p in patterns]
    if any("(?P=" in src for src in sources):
        raise ValueError("a pattern with a named back-reference cannot be joined")
    return recache.compile("|".join(f"(?:{src})" for src in sources))

