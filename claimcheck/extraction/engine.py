"""The extraction engine: Arabic text → claims (SPEC §1).

One pass of a compiled anchor pattern finds every place a quantity can start
(a digit literal, a number word, a dual noun like ``سنتين``, a decade phrase).
Per-claim work happens only there: the number core is parsed (digits with
separators, scale words, ``و``-compounds, the Egyptian ``8 ر8``), then the words
around it decide the claim — to the right a percent sign, a currency, a unit,
a time unit or a month; to the left a qualifier (``أكثر من``), a currency
symbol, a range opener (``بين``), a year head (``منذ عام``) or an identifier
head (``القرار 2254`` is a name, not a quantity).

All matching runs on the normalised text of :mod:`claimcheck.text.normalize`; every
span is mapped back, so ``document[claim.start:claim.end] == claim.text``.
"""
from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from claimcheck.lang import relite as rx

from claimcheck.lang import clitics
from claimcheck.lang.lexicon import forms, load, trie_pattern
from claimcheck.model import Calendar, Claim, Kind, Qualifier
from claimcheck.text.normalize import Normalized, fold
from claimcheck.text.segment import CLAIM_MARKS, sentence_ends
from claimcheck.lang.digits import DIGIT_LITERAL, parse_literal

# Boundaries. ``\b`` is useless here: clitics and tatweel are word characters
# (ARABIC_NOTES), so words are delimited by explicit look-arounds.
NB = r"(?<![\p{L}\p{N}])"   # no letter or digit before
NA = r"(?![\p{L}\p{N}])"    # no letter or digit after
#: The proclitics (lang/clitics.py): the regex of every form, and the strings it
#: and the shorter slots ``[وف]?`` (a conjunction) and ``[وف]?[بلك]?`` (a
#: conjunction, then a preposition) match.
CLITICS = clitics.PATTERN
CLITIC_FORMS = clitics.ALL
CONJ_FORMS = clitics.CONJ
CONJ_PREP_FORMS = clitics.CONJ_PREP
MAX_INT_DIGITS = 18
#: At most this many characters of a sentence are kept on each side of a claim.
SENTENCE_REACH = 240  # longer digit runs are codes or noise, not quantities

_SPACE = rx.compile(r"\s+")


def _key(s: str) -> str:
    return _SPACE.sub(" ", s.strip())


@dataclass(frozen=True)
class Lexicon:
    """Every compiled pattern and lookup table the engine needs, built once."""

    scales: dict[str, Decimal]
    scale_re: rx.Pattern[str]
    percent_re: rx.Pattern[str]
    cur_nouns: dict[str, str]          # form → noun key
    cur_noun_default: dict[str, str]   # noun key → ISO code
    cur_by_noun_nat: dict[tuple[str, str], str]  # (noun, nationality form) → ISO
    cur_by_country: dict[tuple[str, str], str]   # (noun, country) → ISO
    cur_symbols: dict[str, str]
    cur_after_re: rx.Pattern[str]
    sym_after_re: rx.Pattern[str]
    sym_before_re: LeftContext
    units: dict[str, str]
    unit_re: rx.Pattern[str]
    rates: dict[str, str]
    rate_re: rx.Pattern[str]
    durations: dict[str, tuple[str, Decimal]]
    dur_re: rx.Pattern[str]
    dur_duals: dict[str, tuple[str, Decimal]]
    greg_months: dict[str, int]
    hijri_months: dict[str, int]
    month_after_re: rx.Pattern[str]
    month_before_re: LeftContext
    qual_before: dict[str, Qualifier]
    qual_before_re: LeftContext
    qual_after: dict[str, Qualifier]
    qual_after_re: rx.Pattern[str]
    ident_re: LeftContext
    time_re: LeftContext
    year_head_re: LeftContext
    span_date_re: LeftContext
    span_dur_re: LeftContext
    not_subjects: frozenset[str]
    ordinal_head_re: LeftContext
    hijri_marker_re: rx.Pattern[str]
    greg_marker_re: rx.Pattern[str]
    neg_before_re: LeftContext
    neg_after_re: rx.Pattern[str]
    range_between_re: LeftContext
    range_from_re: LeftContext
    change_re: LeftContext
    decades: dict[str, Decimal]
    anchor_kinds: dict[str, str]
    prefixes: frozenset[str]
    unit_duals: dict[str, str]
    cur_factor: dict[str, Decimal]
    anchor_forms: dict[str, tuple[int, str]]
    decade_re: "re.Pattern[str]"
    anchor_form_set: frozenset[str]
    qual_verbs: tuple[LeftContext, dict[str, Qualifier]]
    words: Any  # claimcheck.extraction.numberwords module when available
    #: Any of the words that may follow a number and give it its kind (percent,
    #: currency noun or symbol, unit, ``تحت الصفر``, time unit): most numbers are
    #: followed by none, and one failed match then stands for six.
    after_re: "re.Pattern[str]"


@dataclass(frozen=True, slots=True)
class LeftContext:
    """Words that must end right before the number (``أكثر من``، ``القرار رقم``).

    ``pattern`` is searched in a window that ends at the number. Searching costs
    a match attempt at every character of the window, so the word right before
    the number is looked at first: ``words`` are the only words a match can end
    with (a head with its clitics, ``وأكثر``، or a phrase's last word, ``رقم``)
    and ``endings`` what else such a word may end with. ``words`` None: no
    look-up (the pattern may end with any word).
    """

    pattern: "re.Pattern[str]"
    words: frozenset[str] | None = None
    endings: tuple[str, ...] = ()


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


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load, validate and compile the language data (once per process)."""
    sc = load("scales")
    scales: dict[str, Decimal] = {}
    for entry in sc["scale"]:
        v = Decimal(entry["value"])
        for grp in ("singular", "dual", "plural"):
            for f in forms(entry[grp], where=f"scales {v} {grp}"):
                scales[f] = v
    scale_re = rx.compile(r"\s*(?:ال)?(" + trie_pattern(scales) + ")" + NA)

    ctx = load("context")
    pct = forms(ctx["percent_forms"], where="percent_forms")
    percent_re = rx.compile(r"\s*(?:" + trie_pattern(pct) + r")(?![\p{L}\p{N}])")

    cur = load("currencies")
    cur_nouns: dict[str, str] = {}
    cur_noun_default: dict[str, str] = {}
    cur_factor: dict[str, Decimal] = {}
    for key, noun in cur["noun"].items():
        cur_noun_default[key] = noun["default"]
        cur_factor[key] = Decimal(noun.get("factor", "1"))
        for f in forms(noun["forms"], where=f"currency noun {key}"):
            cur_nouns[f] = key
            if not f.startswith("ال"):
                cur_nouns.setdefault("ال" + f, key)
    cur_by_noun_nat: dict[tuple[str, str], str] = {}
    cur_by_country: dict[tuple[str, str], str] = {}
    cur_symbols: dict[str, str] = {}
    nat_forms: set[str] = set()
    for c in cur["currency"]:
        code = c["code"]
        cur_by_country[(c["noun"], c["country"])] = code
        for n in c.get("nationality", []):
            for f in forms([n], where=f"currency {code} nationality"):
                # مصري، المصري، مصرياً (the accusative after جنيهاً)
                for g in (f, "ال" + f, f + "ا"):
                    cur_by_noun_nat[(c["noun"], g)] = code
                    nat_forms.add(g)
        for s in forms(c.get("symbols", []) or [code], where=f"currency {code} symbols"):
            cur_symbols[s] = code
    nat_pat = trie_pattern(nat_forms)
    cur_after_re = rx.compile(
        r"\s*(?:من\s+)?(?P<noun>" + trie_pattern(cur_nouns) + ")" + NA
        + r"(?:\s+(?P<nat>" + nat_pat + ")" + NA + ")?"
    )
    sym_pat = trie_pattern(cur_symbols)
    sym_after_re = rx.compile(r"\s*(?P<sym>" + sym_pat + r")(?![\p{L}\p{N}])")
    # a symbol is only kept apart from Latin letters: ``بـUSD`` glues it to an
    # Arabic clitic, so the word before the number may end with it
    sym_before_re = LeftContext(rx.compile(r"(?<![A-Za-z])(?P<sym>" + sym_pat + r")\s*$"),
                                _last_words(cur_symbols, [""]),
                                tuple(sorted(f for f in cur_symbols if f.isalpha())))

    un = load("units")
    units: dict[str, str] = {}
    unit_duals: dict[str, str] = {}
    for u in un["unit"]:
        for f in forms(u["forms"], where=f"unit {u['pint']}"):
            units[f] = u["pint"]
        for f in forms(u.get("dual", []) or ["-"], where=f"unit {u['pint']} dual"):
            if f != "-":
                unit_duals[f] = u["pint"]
                units.setdefault(f, u["pint"])
    unit_re = rx.compile(r"\s*(?:من\s+)?(?:ال)?(?P<u>" + trie_pattern(units) + r")(?![\p{L}\p{N}])")
    rates: dict[str, str] = {}
    for r in un["rate"]:
        for f in forms(r["forms"], where=f"rate {r['pint']}"):
            rates[f] = r["pint"]
    rate_re = rx.compile(r"\s*(?P<r>" + trie_pattern(rates) + ")" + NA)
    durations: dict[str, tuple[str, Decimal]] = {}
    dur_duals: dict[str, tuple[str, Decimal]] = {}
    for d in un["duration"]:
        factor = Decimal(d.get("factor", "1"))
        for f in forms(d["forms"], where=f"duration {d['pint']}"):
            durations[f] = (d["pint"], factor)
        for f in forms(d["dual"], where=f"duration {d['pint']} dual"):
            dur_duals[f] = (d["pint"], factor)
            durations.setdefault(f, (d["pint"], factor))
    dur_re = rx.compile(r"\s*(?P<d>" + trie_pattern(durations) + ")" + NA)

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
    month_after_re = rx.compile(
        r"\s*(?:من\s+)?(?:شهر\s+)?(?P<m>" + months_pat + ")" + NA + pair
        + r"(?:\s*(?:،\s*)?(?:من\s+)?(?:(?:عام|العام|سنة)\s+)?(?P<y>[0-9]{3,4})" + NA + ")?"
    )
    # ``\s*`` may be empty: ``مارسمن``، ``مارسعام`` end with من or عام glued to the month
    month_before_re = LeftContext(rx.compile(
        NB + r"(?:شهر\s+)?[وفبل]?(?P<m>" + months_pat + ")" + pair
        + r"\s*(?:،\s*)?(?:من\s+)?(?:(?:عام|العام|سنة)\s+)?$"
    ), _last_words({**greg, **hij}, ["", "و", "ف", "ب", "ل"]), ("من", "عام", "العام", "سنة"))

    qu = load("qualifiers")
    qual_before: dict[str, Qualifier] = {}
    qual_after: dict[str, Qualifier] = {}
    verbs = qu.pop("verbs")
    verb_q: dict[str, Qualifier] = {}
    for name in ("more_than", "less_than"):
        for f in forms(verbs[name], where=f"qualifier verbs {name}"):
            verb_q[f] = Qualifier(name)
    verb_re = rx.compile(
        NB + r"(?:(?P<neg>" + trie_pattern(forms(verbs["negations"], where="negations")) + r")\s+)?"
        r"(?P<v>" + trie_pattern(verb_q) + r")\s+(?P<w>\p{L}+(?:\s+\p{L}+)?)\s+"
        r"(?:(?P<p>" + trie_pattern(forms(verbs["prepositions"], where="prepositions")) + r")\s*)?$")
    for name, spec in qu.items():
        q = Qualifier(name)
        for f in forms(spec["before"], where=f"qualifier {name}"):
            qual_before[f] = q
        for f in spec.get("after", []):
            qual_after[_key(fold(f))] = q
    qual_verbs = (LeftContext(verb_re), verb_q)  # the verb's subject may be any word
    qual_before_re = LeftContext(rx.compile(
        NB + r"(?P<cl>[وف]?[بلك]?)(?P<q>" + trie_pattern(qual_before) + r")\s*$"),
        _last_words(qual_before, CONJ_PREP_FORMS))
    qual_after_re = rx.compile(r"\s*(?P<q>" + trie_pattern(qual_after) + ")" + NA)

    ident = forms(ctx["identifier_heads"], where="identifier_heads")
    ident_re = LeftContext(rx.compile(NB + CLITICS + "(?:" + trie_pattern(ident) + r")[\s:.#/(\"«-]*$"),
                           _last_words(ident, CLITIC_FORMS))
    time_re = _tail("", [""], forms(ctx["time_heads"], where="time_heads"))
    year_head_re = _tail(CLITICS, CLITIC_FORMS, forms(ctx["year_heads"], where="year_heads"))
    span_date_re = _tail(r"(?P<cl>[وف]?)", CONJ_FORMS, forms(ctx["span_heads_date"], where="span_heads_date"), "h")
    span_dur_re = _tail(r"(?P<cl>[وف]?)", CONJ_FORMS, forms(ctx["span_heads_duration"], where="span_heads_duration"), "h")
    not_subjects = frozenset(forms(ctx["not_subjects"], where="not_subjects"))
    ordinal_heads = forms(ctx["ordinal_heads"], where="ordinal_heads")
    # ``الذكرى الـ10``: the article of the number may stand alone before its digits
    ordinal_head_re = LeftContext(rx.compile(
        NB + CLITICS + "(?:" + trie_pattern(ordinal_heads) + r")\s+(?P<al>ال)?$"),
        _last_words(ordinal_heads, CLITIC_FORMS) | {"ال"})
    hijri_marker_re = rx.compile(r"\s*(?:" + trie_pattern(forms(ctx["hijri_markers"], where="hijri_markers")) + r")(?![\p{L}\p{N}])")
    greg_marker_re = rx.compile(r"\s*(?:" + trie_pattern(forms(ctx["gregorian_markers"], where="gregorian_markers")) + r")(?![\p{L}\p{N}])")
    neg_before_re = _tail(CLITICS, CLITIC_FORMS, forms(ctx["negative_before"], where="negative_before"))
    neg_after_re = rx.compile(r"\s*(?:" + trie_pattern(forms(ctx["negative_after"], where="negative_after")) + ")" + NA)
    range_between_re = _tail(r"[وف]?", CONJ_FORMS, forms(ctx["range_between"], where="range_between"))
    range_from_re = _tail(r"[وف]?", CONJ_FORMS, ["من"])
    change_re = LeftContext(rx.compile(
        NB + CLITICS + r"(?:" + trie_pattern(forms(ctx["change_verbs"], where="change_verbs"))
        + r")(?:\s+\p{L}+){0,3}\s+[وف]?من\s*$"), _last_words(["من"], CONJ_FORMS))
    decades: dict[str, Decimal] = {}
    for f in forms(ctx["decade_phrases"], where="decade_phrases"):
        first = f.split()[0]
        n = Decimal(100) if "قرن" in first else Decimal(10)
        if first.endswith("ين"):
            n *= 2
        decades[f] = n

    try:
        from claimcheck.extraction import numberwords as _words  # the number-word grammar (issue 3)
    except ImportError:  # pragma: no cover - only while the grammar is absent
        _words = None
    # The words that can start a claim without a digit (number words, dual
    # nouns, decade phrases, و-fractions), by kind; see ``_anchors`` for how they
    # are found without scanning the text with an alternation of all of them.
    anchor_kinds: dict[str, str] = {}
    for f in decades:
        anchor_kinds[f] = "dec"
    for f in dur_duals:
        anchor_kinds[f] = "dual"
    for f in unit_duals:
        anchor_kinds[f] = "udual"
    prefixes = set(_CLITIC_SET)
    if _words is not None:
        for f in _word_starters(_words):
            anchor_kinds.setdefault(f, "w")
        prefixes |= set(getattr(_words, "PREFIXES", ()) or getattr(getattr(_words, "LEX", None), "prefixes", ()))
    # ``لتر ونصف``، ``ساعة وربع``: a unit alone, then و and a fraction (1.5 litres):
    # the fraction word is the anchor and the unit is looked up behind it.
    for f in _FRACTIONS:
        anchor_kinds.setdefault(f, "frac")
    # Every anchor word with every clitic form it may carry → (clitic length, kind);
    # the shortest clitic wins (``والف`` is و + الف "thousand", not وال + ف).
    anchor_forms: dict[str, tuple[int, str]] = {}
    for p in sorted(prefixes | {""}, key=len):
        for w, kind in anchor_kinds.items():
            form = p + w.split()[0]
            if form not in anchor_forms:
                anchor_forms[form] = (len(p), kind)
    decade_re = rx.compile(r"[وف]?[بل]?(?:" + trie_pattern(decades) + ")" + NA)
    after_re = _any_of(percent_re, cur_after_re, sym_after_re, unit_re, neg_after_re, dur_re)

    return Lexicon(
        scales, scale_re, percent_re, cur_nouns, cur_noun_default, cur_by_noun_nat,
        cur_by_country, cur_symbols, cur_after_re, sym_after_re, sym_before_re, units,
        unit_re, rates, rate_re, durations, dur_re, dur_duals, greg, hij, month_after_re,
        month_before_re, qual_before, qual_before_re, qual_after, qual_after_re, ident_re,
        time_re, year_head_re, span_date_re, span_dur_re, not_subjects, ordinal_head_re,
        hijri_marker_re, greg_marker_re, neg_before_re, neg_after_re, range_between_re,
        range_from_re, change_re, decades, anchor_kinds, frozenset(prefixes), unit_duals,
        cur_factor, anchor_forms, decade_re, frozenset(anchor_forms), qual_verbs, _words,
        after_re,
    )


def _any_of(*patterns: "re.Pattern[str]") -> "re.Pattern[str]":
    """One pattern that matches where any of ``patterns`` matches (their group
    names dropped, so that the same name may appear in two of them)."""
    sources = [re.sub(r"\(\?P<\w+>", "(?:", p.pattern) for p in patterns]
    if any("(?P=" in src for src in sources):
        raise ValueError("a pattern with a named back-reference cannot be joined")
    return re.compile("|".join(f"(?:{src})" for src in sources))


def _word_starters(words: Any) -> frozenset[str]:
    """The bare first words of number-word expressions, from the grammar's lexicon."""
    starters = getattr(words, "STARTERS", None)
    if starters is not None:
        return frozenset(starters)
    lex = words.LEX
    skip = {getattr(words, "POINT", None), getattr(words, "AND", None)}
    return frozenset(f for f, rs in lex.readings.items() if any(r.kind not in skip for r in rs))


# ---------------------------------------------------------------------------
# The number core


@dataclass(slots=True)
class Core:
    """A number as written: digits and/or words, before its unit is known."""

    start: int
    end: int
    value: Decimal | None
    resolution: Decimal | None = None
    scaled: bool = False
    plain_int: bool = False      # digits only, no separators, no scale
    ndigits: int = 0
    ordinal: bool = False
    low: Decimal | None = None
    high: Decimal | None = None
    vague: bool = False
    scale: Decimal = Decimal(1)  # the scale word's multiplier (``5 ملايين`` → 10⁶)
    definite: bool = False       # written with the article (``الثلاثين``)


_LETTER_BEFORE = rx.compile(r"\p{L}[^\n]*$")
_LETTER_AFTER = rx.compile(r"[^\n\p{L}]{0,40}\p{L}")
_FASILA = rx.compile(r"\s+فاصل[هة]\s+([0-9]+)" + NA)
_EGYPTIAN = rx.compile(r" ?ر ?([0-9]+)" + NA)
_AND_DIGITS = rx.compile(r"\s*و\s*(" + DIGIT_LITERAL + ")")
_TIME_AFTER = rx.compile(r"\s*[:：][0-9]")
#: Phone numbers: +966 50 123 4567, 0501234567, 00 962 6 555 1234.
_PHONE = rx.compile(r"[0-9]{1,4}(?:[ -]?[0-9]{1,4}){2,}" + NA)
_PHONE_GROUPS = rx.compile(r"[0-9]{3}[ .-][0-9]{3}[ .-][0-9]{4}(?![0-9])")
_PLUS_BEFORE = rx.compile(r"\+ ?\(?[0-9]{0,4}\)? ?$")
_DIGITS_AT = rx.compile(r"(" + DIGIT_LITERAL + r")(?![\p{L}])")
_UNIT_BEFORE = rx.compile(r"(?<![\p{L}\p{N}])(\p{L}+ (\p{L}+)|\p{L}+) ?$")
#: Numeric dates ``25/12/2023``، ``2024/3/7``، ``6 / 4 / 1434هـ`` (spaces and a Hijri mark allowed).
_DATE_NUM = rx.compile(r"([0-9]{1,4}) ?([/.-]) ?([0-9]{1,2}) ?\2 ?([0-9]{1,4})(?![0-9])")
#: Two numbers around a slash that are neither a date nor a percentage fraction: a score or ratio.
_SLASH_PAIR = rx.compile(r"[0-9]+ ?/ ?[0-9]+(?![0-9])")
#: What the three patterns above start with: the digits, then a separator.
_DIGITS_THEN_SEP = rx.compile(r"[0-9]+ ?[/.-]")
#: List markers at the start of a line or after a colon: ``1. ``، ``3) ``، ``2 – ``.
_LIST_AFTER = rx.compile(r"[.)\-–] ")
_LIST_BEFORE = rx.compile(r"(?:^|[\n:：]|[.!؟] )\s*$")
_FRACTION = rx.compile(r"([0-9]{1,4})/(100|1000)" + NA)
# Connectors between the two numbers of a range; the second number (digits or
# words, its clitic و or ل included) starts where they end.
_DASH_RANGE = rx.compile(r"(?:\s*[$€£¥])?\s*[-–]\s*(?:[$€£¥]\s*)?(?=[0-9])")
_TO_RANGE = rx.compile(r"\s*(?:(?:الي|حتي)\s+|(?=ل\p{L})|ل(?=[0-9]))")
_AND_RANGE = rx.compile(r"\s*(?:(?=و\p{L})|و\s*(?=[0-9]))")
_OPENER = rx.compile(r"([\"“«(\[]) ?$")
_CLOSER = rx.compile(r" ?([\"”»)\]])")
_PAIRS = {"“": "”", "«": "»", "(": ")", "[": "]"}
_DEFINITE_BEFORE = rx.compile(r"(?<![\p{L}])[وفبلك]?ال\p{L}{2,} $")
#: One and two written after the counted noun: ``يوم واحد``، ``دولاران اثنان``.
_POSTPOSED = frozenset(["واحد", "واحده", "اثنان", "اثنين", "اثنتان", "اثنتين"])
_PREV_WORD = rx.compile(r"(\p{L}+)\s+$")
_OF_SUBJECT = rx.compile(r"\s+من\s+(?P<w>ال\p{L}{2,})" + NA)
_MEASURE_SUBJECT = rx.compile(r"(?:ها|هم|هما|ه)(?!\w)|(?<!\w)(?:عدد|قيمه|حجم|نسبه|مجموع|اجمالي|مساحه|طول|عمر)(?!\w)")
_YESTERDAY = rx.compile(r"(?<!\w)[وف]?امس\s+\Z")
_LATIN_AFTER = rx.compile(r"[A-Za-z]")
_LATIN_WORD_BEFORE = rx.compile(r"[A-Za-z][A-Za-z0-9]+[\"”»]? ?\Z")
#: What _LATIN_WORD_BEFORE can have right before its final space.
_LATIN_WORD_END = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789\"”»")
_SUBJECT = rx.compile(r"\s+(?P<w>\p{L}{2,})" + NA)
#: What a number glued to the characters before it is part of: a Latin code
#: (A320, F-16), a tag or sign (#12, +966), a clock time (10:30), a name with a
#: dash (كوفيد-19، إف-16، سو-35).
_GLUED_BEFORE = rx.compile(r"(?:[A-Za-z][-_]?|[#@+*=/\\]|[0-9][:：]|\p{L}\s?[-/])$")
_WORD_BEFORE = rx.compile(r"(\p{L}+)$")
_CLITIC_SET = frozenset(clitics.GLUED)
#: A word is tried bare first, then with each proclitic, shortest first.
_CLITICS_FIRST = ("",) + clitics.GLUED


def raw_startswith_zero(t: str, s: int) -> bool:
    return t[s] == "0" and t[s + 1:s + 2].isdigit()


def _scale_tail(t: str, pos: int, lex: Lexicon) -> tuple[int, Decimal] | None:
    m = lex.scale_re.match(t, pos)
    if not m:
        return None
    return m.end(), lex.scales[_key(m.group(1))]


def _word_before(t: str, s: int) -> str | None:
    """The letters right before offset ``s`` (``من 5`` → ``من``، ``بـ5`` → ``ب``): the
    whole run of letters ending at ``s`` or one space before it; "" at the start
    of a line (no left context reaches across a line break).

    None where the run cannot be told as cheaply (a sign such as ``(`` or ``$``
    before the number, two spaces or another blank, a letter-like sign such as
    ``²`` before the run, a run of 40 letters): the caller then searches its
    pattern as if no word were known.
    """
    if s == 0:
        return ""
    c = t[s - 1]
    if c == " ":
        e = s - 1
        if e == 0 or not t[e - 1].isalpha():
            return None
    elif c.isalpha():
        e = s
    elif c == "\n":
        return ""
    else:
        return None
    lo = e - 40 if e > 40 else 0
    b = t.rfind(" ", lo, e) + 1
    if not (b and t[b:e].isalpha()):  # not a word after a space: letter by letter
        b = e - 1
        while b > lo and t[b - 1].isalpha():
            b -= 1
    if b == lo and lo > 0:
        return None  # too long to be a head word
    if b and t[b - 1].isalnum() and not t[b - 1].isdecimal():
        return None  # a letter-like sign glued before it (``\w`` but no digit)
    return t[b:e]


def _digits_core(t: str, s: int, e: int, lex: Lexicon) -> Core | None:
    raw = t[s:e]
    lit = parse_literal(raw)
    if lit is None or lit.int_digits > MAX_INT_DIGITS:
        return None
    value, res = lit.value, lit.resolution
    end = e
    if not lit.grouped and res == 1:
        m = _EGYPTIAN.match(t, e)
        if m:  # Egyptian press decimals: ``8 ر8 مليار`` = 8.8 billion
            value = Decimal(f"{raw}.{m.group(1)}")
            res = Decimal(1).scaleb(-len(m.group(1)))
            end = m.end()
    m = _FASILA.match(t, end)
    if m and res == 1 and not lit.grouped:  # ``1 فاصلة 5`` = 1.5, the decimal point said in words
        value = Decimal(f"{raw}.{m.group(1)}")
        res = Decimal(1).scaleb(-len(m.group(1)))
        end = m.end()
    core = Core(s, end, value, res, plain_int=(end == e and not lit.grouped and res == 1),
                ndigits=lit.int_digits)
    st = _scale_tail(t, end, lex)
    if st:
        core.end, mult = st
        core.value = value * mult
        core.resolution = res * mult
        core.scaled, core.plain_int, core.scale = True, False, mult
        # ``3 ملايين و400 ألف`` = 3,400,000: a smaller scale joined by و adds on.
        while True:
            m = _AND_DIGITS.match(t, core.end)
            if not m:
                break
            lit2 = parse_literal(m.group(1))
            st2 = _scale_tail(t, m.end(), lex) if lit2 else None
            if lit2 and not st2 and lit2.value < mult and lit2.resolution == 1:
                # ``14 ألف و558 سيارة`` = 14,558: the units after the thousands
                core.end = m.end()
                core.value += lit2.value
                core.resolution = Decimal(1)
                break
            if not st2 or st2[1] >= mult:
                break
            core.end, mult = st2
            core.value += lit2.value * mult
            core.resolution = lit2.resolution * mult
    return core


# ---------------------------------------------------------------------------
# Documents


@dataclass
class _ExtractionInput:
    """The text being read (normalised, with its file, country and place in its
    document) and how a claim found in it is placed: line, column, sentence."""

    norm: Normalized
    file: str
    base_offset: int
    base_line: int
    country: str | None
    _lines: list[int] | None = None
    _last_sentence: tuple[int, int, str] | None = None
    _ends: list[int] | None = None
    _last_ends: tuple[int, int] | None = None

    def line_col(self, ostart: int) -> tuple[int, int]:
        if self._lines is None:
            text, ends = self.norm.original, []
            k = text.find("\n")
            while k >= 0:
                ends.append(k + 1)
                k = text.find("\n", k + 1)
            self._lines = ends
        i = bisect_right(self._lines, ostart)
        line_start = self._lines[i - 1] if i else 0
        return self.base_line + i, ostart - line_start + 1

    def sentence(self, ns: int, ne: int) -> str:
        """The sentence around normalised ``[ns, ne)``, as written in the original.

        Sentences end at . ! ? ؟ and line breaks — not at a dot between digits
        (4.3). Text without punctuation would make the whole document one
        "sentence": at most SENTENCE_REACH characters are kept on each side.
        """
        last = self._last_sentence
        if last is not None and last[0] <= ns and ne <= last[1] and last[1] - last[0] < SENTENCE_REACH:
            return last[2]  # claims come in text order: most share the previous one's sentence
        t = self.norm.text
        ends = self._ends
        if ends is None:
            ends = self._ends = sentence_ends(t, CLAIM_MARKS)
        lo = max(0, ns - SENTENCE_REACH)
        hi = min(len(t), ne + SENTENCE_REACH)
        kb = bisect_left(ends, ns) - 1  # the last sentence end before the claim
        kf = bisect_left(ends, ne)  # the first one at or after its end
        whole = kb >= 0 and ends[kb] >= lo and kf < len(ends) and ends[kf] < hi
        if whole and self._last_ends == (kb, kf) and last is not None:
            return last[2]  # the same two sentence ends: the same sentence
        if kb >= 0 and ends[kb] >= lo:
            s0 = ends[kb] + 1
        else:
            k = t.find(" ", lo, ns) if lo > 0 else -1
            s0 = k + 1 if k >= 0 else lo
        if kf < len(ends) and ends[kf] < hi:
            j = ends[kf]
            s1 = j + (0 if t[j] == "\n" else 1)
        else:
            k = t.rfind(" ", ne, hi) if hi < len(t) else -1
            s1 = k if k >= 0 else hi
        while s0 < s1 and t[s0].isspace():
            s0 += 1
        while s1 > s0 and t[s1 - 1].isspace():
            s1 -= 1
        a, b = self.norm.span(s0, s1) if s1 > s0 else (ns, ns)
        sentence = self.norm.original[a:b]
        self._last_sentence = (s0, s1, sentence)
        self._last_ends = (kb, kf) if whole else None
        return sentence


@dataclass(slots=True)
class _Draft:
    """A claim being assembled on the normalised text."""

    start: int
    end: int
    kind: Kind
    value: Any
    low: Any = None
    high: Any = None
    unit: str | None = None
    qualifier: Qualifier = Qualifier.EXACT
    subject: tuple[int, int] | None = None
    calendar: Calendar | None = None
    currency_assumed: bool = False
    resolution: Decimal | None = None
    cur_noun: str | None = None  # the currency noun (دينار…), to settle bare ones per document


class _Extractor:
    def __init__(self, doc: _ExtractionInput, lex: Lexicon) -> None:
        self.doc = doc
        self.t = doc.norm.text
        self.lex = lex
        self.floor = 0  # no claim may start before the end of the previous one
        self._word_at = -1  # the last offset _word_before was read at, and its word
        self._word: str | None = None

    # -- left context -------------------------------------------------------
    def _left(self, ctx: LeftContext, s: int, width: int = 48) -> rx.Match[str] | None:
        words = ctx.words
        if words is not None:
            if s != self._word_at:  # several contexts are looked up at the same offset
                self._word_at, self._word = s, _word_before(self.t, s)
            w = self._word
            if w is not None and w not in words and not (ctx.endings and w.endswith(ctx.endings)):
                return None  # the word before the number ends none of its matches
        w0 = s - width
        if w0 < self.floor:
            w0 = self.floor
        if w0 >= s:
            return None
        return ctx.pattern.search(self.t, w0, s)

    def _attached_prefix_ok(self, s: int) -> bool:
        """Digits glued to letters are only a number after a clitic (بـ5، و10، الـ87)."""
        if not (s and self.t[s - 1].isalnum()):
            return True  # not glued to a letter (a space, a sign, the start)
        m = _WORD_BEFORE.search(self.t, max(0, s - 6), s)
        return m is None or m.group(1) in _CLITIC_SET

    def _excluded(self, s: int, e: int | None = None) -> bool:
        t = self.t
        if e is not None and _LATIN_AFTER.match(t, e):
            return True  # 5G, 1080P, «Mirror 5s»: a name, not a quantity
        # After a space with no Latin letter, digit or quote before it (most
        # numbers follow an Arabic word so) none of the next three can match.
        if not (s > 1 and t[s - 1] == " " and t[s - 2] not in _LATIN_WORD_END):
            if _LATIN_WORD_BEFORE.search(t, max(0, s - 24), s) and not self._left(self.lex.sym_before_re, s, 8):
                return True  # «Snapdragon 410», «Windows 10»; but «USD 500» is money
            if _GLUED_BEFORE.search(t[max(0, s - 3):s]):
                return True  # A320, F-16, #12, +966, كوفيد-19
            if not self._attached_prefix_ok(s):
                return True
        if self._left(self.lex.ident_re, s, 40) or self._left(self.lex.time_re, s, 24):
            return True
        return False

    # -- the main loop ------------------------------------------------------
    def run(self) -> list[_Draft]:
        out = self._scan()
        # The paragraph's own currency: a bare دينار in a paragraph that also writes
        # «دينار عراقي» is the Iraqi dinar, not the default. (Per paragraph, so that
        # a file read in line-aligned chunks gives the same claims as read whole.)
        if not any(d.currency_assumed for d in out):
            return out
        breaks = [m.start() for m in _NEWLINE.finditer(self.t)]
        named: dict[tuple[int, str], set[str]] = {}
        for d in out:
            if d.kind is Kind.MONEY and d.cur_noun and not d.currency_assumed and d.unit:
                named.setdefault((bisect_right(breaks, d.start), d.cur_noun), set()).add(d.unit)
        if named:
            for d in out:
                if d.currency_assumed and d.cur_noun:
                    codes = named.get((bisect_right(breaks, d.start), d.cur_noun), ())
                    if len(codes) == 1:
                        d.unit = next(iter(codes))
                        d.currency_assumed = False
        return out

    def _scan(self) -> list[_Draft]:
        out: list[_Draft] = []
        t = self.t
        pos = 0
        for a, b, kind, s in _anchors(self.doc.norm, self.lex):
            if a < pos:
                continue
            if kind == "d":
                d, nxt = self._from_digits(s, b, t[a:s])
            else:
                d, nxt = self._from_word(a, s, b, kind)
            if d is not None:
                if d.start < self.floor:
                    d.start = self.floor
                out.append(d)
                self.floor = d.end
                pos = max(d.end, b)
            else:
                pos = max(nxt, b, a + 1)
        return out

    def _from_word(self, ws: int, s: int, e: int, kind: str) -> tuple[_Draft | None, int]:
        """A word anchor: ``ws`` starts its clitics, ``s`` the word itself."""
        t = self.t
        word = t[s:e]
        if word in _FRACTIONS:
            if t[ws:s] == "و":
                d, nxt = self._unit_and_fraction(ws, e, word)
                if d is not None:
                    return d, nxt
            elif ws == s and t[max(0, s - 2):s] == "و ":
                d, nxt = self._unit_and_fraction(s - 2, e, word)  # ``لتر و نصف``
                if d is not None:
                    return d, nxt
        if kind == "frac":
            return None, e
        if kind == "dual":
            return self._from_dual(ws, e)
        if kind == "udual":
            return self._from_unit_dual(ws, e)
        if kind == "dec":
            m = self.lex.decade_re.match(t, ws)
            return self._from_decade(ws, m.end()) if m else (None, e)
        d, nxt = self._from_words(ws, e)
        if d is not None and d.start == ws and t[ws:s][:1] in ("و", "ف"):
            d.start += 1  # ``وثلاثة ملايين``: the conjunction stays outside the claim
        return d, nxt

    # -- anchors ------------------------------------------------------------
    def _from_dual(self, s: int, e: int) -> tuple[_Draft | None, int]:
        word = self.t[s:e]
        for cl in _CLITICS_FIRST:
            if word.startswith(cl) and word[len(cl):] in self.lex.dur_duals:
                pint_unit, factor = self.lex.dur_duals[word[len(cl):]]
                core = Core(s, e, Decimal(2) * factor, Decimal(1) * factor)
                st = s + len(cl) if cl in ("و", "ف") else s
                d = _Draft(st, e, Kind.DURATION, core.value, unit=pint_unit, resolution=core.resolution)
                self._duration_tail(d, pint_unit)
                hm = self._left(self.lex.span_dur_re, st, 16)
                if hm:
                    d.start = max(self.floor, hm.start("h"))
                self._qualify(d, d.start)
                return d, d.end
        return None, e

    def _from_decade(self, s: int, e: int) -> tuple[_Draft | None, int]:
        text = self.t[s:e]
        for k, years in self.lex.decades.items():
            if text.endswith(k) or _key(text).endswith(k):
                d = _Draft(s, e, Kind.DURATION, years, unit="year", resolution=years)
                self._qualify(d, s)
                return d, e
        return None, e

    def _from_words(self, s: int, e: int) -> tuple[_Draft | None, int]:
        words = self.lex.words
        wn = words.match_words(self.t, s, self.doc.norm)
        if wn is None:
            return None, e
        scale = _scale_of_words(self.t, wn.start, wn.end, self.lex)
        core = Core(wn.start, wn.end, wn.value, wn.resolution, scaled=scale > 1, scale=scale,
                    ordinal=wn.ordinal, low=wn.low, high=wn.high, vague=wn.vague,
                    definite=getattr(wn, "definite", False))
        if self.t[wn.start:wn.end] in _POSTPOSED:
            return self._postposed(core), wn.end
        if core.definite and not core.ordinal and core.value is not None:
            d = self._after_time_noun(core)
            if d is not None:
                return d, d.end
        return self._classify(core)

    def _after_time_noun(self, core: Core) -> _Draft | None:
        """``الأشهر الستة الماضية``، ``السنوات العشر``: a definite time noun, then its number."""
        t, lex = self.t, self.lex
        m = _PREV_WORD.search(t, max(self.floor, core.start - 20), core.start)
        if not m:
            return None
        word, start = m.group(1), m.start(1)
        if word[:1] in "وفبك" and word[1:3] == "ال":
            word, start = word[1:], start + (1 if word[0] in "وف" else 0)
        elif word.startswith("لل"):
            word = "ا" + word[1:]
        if not word.startswith("ال") or word[2:] not in lex.durations or word[2:] in lex.dur_duals:
            return None
        pint_unit, factor = lex.durations[word[2:]]
        return _Draft(start, core.end, Kind.DURATION, core.value * factor, unit=pint_unit,
                      resolution=(core.resolution or Decimal(1)) * factor)

    def _postposed(self, core: Core) -> _Draft | None:
        """``يوم واحد``، ``دولار واحد``: one and two follow their noun as adjectives.

        Alone (``قال واحد منهم``) they are pronouns, not quantities.
        """
        t, lex = self.t, self.lex
        m = _PREV_WORD.search(t, max(self.floor, core.start - 30), core.start)
        if not m:
            return None
        w = m.group(1)
        if w in lex.durations:
            pint_unit, factor = lex.durations[w]
            return _Draft(m.start(1), core.end, Kind.DURATION, core.value * factor, unit=pint_unit,
                          resolution=factor)
        if w in lex.cur_nouns:
            code, assumed = self._currency(w, None)
            return _Draft(m.start(1), core.end, Kind.MONEY, core.value, unit=code, resolution=Decimal(1),
                          currency_assumed=assumed)
        if w in lex.units:
            return _Draft(m.start(1), core.end, Kind.QUANTITY, core.value, unit=lex.units[w],
                          resolution=Decimal(1))
        return None

    def _from_digits(self, s: int, e: int, lead: str = "") -> tuple[_Draft | None, int]:
        t = self.t
        if "." in lead:  # ``.77``، ``٫٧٧``: a decimal written without its leading zero
            lit = parse_literal("0." + t[s:e]) if t[s:e].isdigit() else None
            if lit is None:
                return None, e
            core = Core(s - 1, e, lit.value, lit.resolution)
            return self._classify(core)
        raw = t[s:e]
        phone = self._phone_end(s, e, raw)
        if phone:
            return None, phone
        if self._excluded(s, e):
            return None, self._skip_token(e)
        if e - s <= 2 and _TIME_AFTER.match(t, e):
            return None, self._skip_token(e)  # 10:30 is a clock time
        # dates, fractions and scores have a / . or - after the first digits
        slashed = _DIGITS_THEN_SEP.match(t, s) is not None
        dm = _DATE_NUM.match(t, s) if slashed else None
        if dm:
            d = self._numeric_date(dm)
            if d is not None:
                return d, d.end
            return None, dm.end()
        fm = _FRACTION.match(t, s) if slashed else None
        if fm:
            v = Decimal(fm.group(1)) / Decimal(fm.group(2))
            core = Core(s, fm.end(), v, Decimal(1) / Decimal(fm.group(2)))
            return self._classify(core)
        sp = _SLASH_PAIR.match(t, s) if slashed else None
        if sp:
            a, b = (int(x) for x in rx.split(r" ?/ ?", t[s:sp.end()]))
            if 0 < a < b <= 16 and self._has_unit(sp.end()):  # ``3/4 كوب``: a fraction of a unit
                core = Core(s, sp.end(), Decimal(a) / Decimal(b), Decimal(1) / Decimal(b))
                return self._classify(core)
            return None, sp.end()  # 2/1 after extra time, 11/8: scores and file numbers
        if self._list_marker(s, e):
            return None, e
        if self._glued_tatweel(e):
            return None, e  # ``3ـ قلة الربح``: a list item numbered with a tatweel dash
        core = _digits_core(t, s, e, self.lex)
        if core is None:
            return None, self._skip_token(e)
        self._visual_decimal(core, s, e)
        if "-" in lead or "\u2212" in lead:  # ``-1.2``، ``- 2 درجة``
            core.value = -core.value if core.value is not None else None
            core.start = s - len(lead)
        self._unwrap(core)
        return self._classify(core)

    def _visual_decimal(self, core: Core, s: int, e: int) -> None:
        """``45.‏1`` with a right-to-left mark after the point is typed to *show* 1.45.

        Some papers type a decimal in display order inside Arabic text: the
        integer part after the mark, the fraction before the point. The reading
        is the one an editor sees on the page (1.45 euros for a litre of diesel).
        """
        raw = self.t[s:e]
        dot = raw.find(".")
        if dot <= 0 or raw.count(".") != 1 or core.value is None:
            return
        norm = self.doc.norm
        o = norm.to_original(s + dot)
        if norm.original[o + 1:o + 2] != "\u200f":
            return
        frac, whole = raw[:dot], raw[dot + 1:]
        swapped = Decimal(f"{whole}.{frac}")
        step = Decimal(1).scaleb(-len(frac))
        scale = core.scale if core.scaled else Decimal(1)
        core.value, core.resolution = swapped * scale, step * scale

    def _phone_end(self, s: int, e: int, raw: str) -> int:
        """End of a phone number starting at ``s`` (0 when it is not one).

        Phone numbers are identifiers (SPEC §1): ``+966 50 123 4567``، ``(+1)650…``،
        ``050 123 4567``، ``650-701-8887``، ``0501234567``، or ten and more digits in a row.
        """
        t = self.t
        after_plus = _PLUS_BEFORE.search(t, max(0, s - 8), s) is not None
        zero = raw[0] == "0" and raw[1:2].isdigit()
        if after_plus or zero:
            pm = _PHONE.match(t, s)
            if pm:
                return pm.end()
            if after_plus or (raw.isdigit() and len(raw) >= 6):
                return e
        pm = _PHONE_GROUPS.match(t, s)
        if pm:
            return pm.end()
        if raw.isdigit() and len(raw) >= 10:
            return e
        return 0

    def _number_at(self, pos: int) -> Core | None:
        """The number (digits or words) that starts at ``pos``, for the second half of a range."""
        t = self.t
        m = _DIGITS_AT.match(t, pos)
        if m:
            return _digits_core(t, m.start(1), m.end(1), self.lex)
        words = self.lex.words
        if words is None:
            return None
        wn = words.match_words(t, pos, self.doc.norm)
        if wn is None or wn.value is None or wn.ordinal:
            return None
        scale = _scale_of_words(t, wn.start, wn.end, self.lex)
        return Core(wn.start, wn.end, wn.value, wn.resolution, scaled=scale > 1, scale=scale)

    def _unit_and_fraction(self, ws: int, e: int, frac_word: str) -> tuple[_Draft | None, int]:
        """``لتر ونصف`` = 1.5 litres, ``ساعة وربع`` = 1.25 hours (anchor: the و-fraction at ws)."""
        t, lex = self.t, self.lex
        m = _UNIT_BEFORE.search(t, max(self.floor, ws - 30), ws)
        if not m:
            return None, e
        s = m.start(1)
        word, frac = _key(m.group(1)), _FRACTIONS[frac_word]
        if word not in lex.durations and word not in lex.units and " " in word:
            s, word = m.start(2), _key(m.group(2))
        if word in lex.durations:
            pint_unit, factor = lex.durations[word]
            d = _Draft(s, e, Kind.DURATION, (1 + frac) * factor, unit=pint_unit, resolution=frac * factor)
        elif word in lex.units:
            d = _Draft(s, e, Kind.QUANTITY, 1 + frac, unit=lex.units[word], resolution=frac)
        else:
            return None, e
        self._qualify(d, s)
        return d, d.end

    def _from_unit_dual(self, s: int, e: int) -> tuple[_Draft | None, int]:
        """``لتران``، ``أونصتين``، ``درجتين تحت الصفر``: the dual noun is the number two."""
        t, lex = self.t, self.lex
        word = t[s:e]
        for cl in _CLITICS_FIRST:
            if word.startswith(cl) and word[len(cl):] in lex.unit_duals:
                unit = lex.unit_duals[word[len(cl):]]
                st = s + len(cl) if cl in ("و", "ف") else s
                d = _Draft(st, e, Kind.QUANTITY, Decimal(2), unit=unit, resolution=Decimal(1))
                neg = lex.neg_after_re.match(t, e)
                if neg and unit.startswith("degree"):
                    d.value, d.unit, d.end = Decimal(-2), "degree_Celsius", neg.end()
                self._qualify(d, st)
                return d, d.end
        return None, e

    def _unwrap(self, core: Core) -> None:
        """``"750" ريالاً``، ``(8) سنوات``: a number in quotes or brackets keeps its unit."""
        t = self.t
        m = _OPENER.search(t, max(self.floor, core.start - 2), core.start)
        if not m:
            return
        c = _CLOSER.match(t, core.end)
        if not c or _PAIRS.get(m.group(1)) != c.group(1) and m.group(1) != c.group(1):
            return
        after = c.end()
        lex = self.lex
        if core.value is not None and not core.scaled:
            st = _scale_tail(t, after, lex)
            if st:
                core.end, mult = st
                core.value *= mult
                core.resolution = (core.resolution or Decimal(1)) * mult
                core.scaled, core.plain_int, core.scale = True, False, mult
                core.start = m.start(1)
                return
        if (lex.cur_after_re.match(t, after) or lex.unit_re.match(t, after) or lex.dur_re.match(t, after)
                or lex.percent_re.match(t, after)):
            core.start, core.end = m.start(1), after

    def _list_marker(self, s: int, e: int) -> bool:
        return bool(_LIST_AFTER.match(self.t, e)) and bool(_LIST_BEFORE.search(self.t, max(0, s - 4), s))

    def _glued_tatweel(self, e: int) -> bool:
        norm = self.doc.norm
        o = norm.to_original(e - 1) + 1
        return norm.original[o:o + 1] == "\u0640"

    def _skip_token(self, e: int) -> int:
        m = rx.compile(r"[0-9.,،/:-]*").match(self.t, e)
        return m.end() if m else e

    # -- classification -----------------------------------------------------
    def _classify(self, core: Core) -> tuple[_Draft | None, int]:
        t, lex = self.t, self.lex
        s = core.start
        # Ordinals written with digits after an ordinal-taking noun: ``الذكرى الـ10``.
        if core.plain_int and not core.ordinal:
            om = self._left(lex.ordinal_head_re, s, 30)
            if om is not None and (om.group("al") or self._glued_article(s)):
                core.ordinal = True
            elif self._glued_article(s) and _DEFINITE_BEFORE.search(t, max(0, s - 24), s - 2):
                core.ordinal = True  # ``الاجتماع الـ22``: a definite noun, then the number with ال
        if core.ordinal and core.definite and core.value is not None and core.value >= 20 \
                and core.value % 10 == 0 and core.value < 100:
            # ``فوق الثلاثين``: with the article, the tens are the same word as
            # ordinals and cardinals; after a comparative they are an open bound.
            qm = self._left(lex.qual_before_re, s, 40)
            q = lex.qual_before[_key(qm.group("q"))] if qm else None
            if q in (Qualifier.MORE_THAN, Qualifier.AT_LEAST, Qualifier.LESS_THAN, Qualifier.AT_MOST):
                d = _Draft(s, core.end, Kind.NUMBER, core.value, resolution=Decimal(1))
                if q in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
                    d.low = core.value
                else:
                    d.high = core.value
                self._qualify(d, s)
                return d, d.end
        if core.ordinal and (self._left(lex.ident_re, s, 40) or _YESTERDAY.search(t, max(0, s - 8), s)):
            # ``الفصل السابع``، ``المادة الخامسة``: the ordinal names a chapter or an
            # article; ``أمس الأول``: the day before yesterday
            return None, core.end
        if core.ordinal:
            d = self._ordinal_date(core)
            if d is _SKIP:
                return None, core.end
            if d is not None:
                return d, d.end
            start = self._glued_start(s)
            hm = self._left(lex.ordinal_head_re, start, 30) if lex.words is not None else None
            if hm is not None and t[hm.end():start].strip() == "":
                start = hm.start()
                if t[start] in "وف" and t[start + 1:start + 3] == "ال":
                    start += 1  # ``والذكرى``: the conjunction stays outside
            d = _Draft(max(self.floor, start), core.end, Kind.ORDINAL, core.value, resolution=Decimal(1))
            return d, d.end
        # Ranges: ``بين 3 و5 ملايين``، ``من 10 إلى 15``، ``10-20 دولار``.
        rng = self._range(core)
        if isinstance(rng, int):
            return None, rng  # ``3-1``: a score, not two quantities
        if rng is not None:
            low_core, high_core = rng
            d = self._attach_unit(high_core, low_core.start)
            if d is None:
                return None, high_core.end
            years = (low_core.plain_int and high_core.plain_int and low_core.ndigits == 4
                     and high_core.ndigits == 4 and 1800 <= low_core.value < high_core.value <= 2100)
            if years and d.kind != Kind.DATE and not self._has_unit(high_core.end):
                # ``2010- 2011 بعنوان``: two years joined by a dash are a span of years
                d = _Draft(high_core.start, high_core.end, Kind.DATE, f"{int(high_core.value):04d}",
                           calendar=Calendar.GREGORIAN)
            if d.kind == Kind.DATE:
                # ``بين 2010 و2015``، ``2010-2015``: a span of years
                if not (low_core.plain_int and low_core.ndigits == 4 and isinstance(d.value, str)
                        and len(d.value) == 4):
                    return None, d.end
                d.low, d.high, d.value = f"{int(low_core.value):04d}", d.value, None
                d.start = self._range_start(low_core.start)
                return d, d.end
            lo, hi = low_core.value, high_core.value
            if not low_core.scaled and high_core.scaled and lo is not None:
                lo = lo * high_core.scale
            factor = d.value / high_core.value if d.value is not None and high_core.value else Decimal(1)
            d.low, d.high, d.value = lo * factor if lo is not None else None, hi * factor if hi is not None else None, None
            d.start = self._range_start(low_core.start)
            self._qualify(d, d.start, allow_qualifier=False)
            return d, d.end
        d = self._attach_unit(core, s)
        if d is None:
            return None, core.end
        if d.kind not in (Kind.DATE,):
            self._qualify(d, d.start)
        return d, d.end

    def _glued_article(self, s: int) -> bool:
        return self.t[max(0, s - 2):s] == "ال"

    def _glued_start(self, s: int) -> int:
        m = _WORD_BEFORE.search(self.t, max(self.floor, s - 6), s)
        return m.start() if m else s

    def _range(self, core: Core) -> tuple[Core, Core] | int | None:
        t, lex = self.t, self.lex
        if core.value is None:
            return None
        between = self._left(lex.range_between_re, core.start, 24)
        from_ = None if between else self._left(lex.range_from_re, core.start, 8)
        if from_ and self._left(lex.change_re, core.start, 60):
            return None  # ``ارتفع العدد من 10 إلى 15``: the old figure and the new one
        if between:    # ``بين 3 و5``، ``ما بين عشرة وعشرين``
            m = _AND_RANGE.match(t, core.end)
        elif from_:    # ``من 10 إلى 15``، ``من عشرة لعشرين``
            m = _TO_RANGE.match(t, core.end)
        else:          # ``10-20 دولار``، ``10$-20$``
            m = _DASH_RANGE.match(t, core.end)
        if not m:
            return None
        second = self._number_at(m.end())
        if second is None or second.value is None:
            return None
        pat = _DASH_RANGE if not (between or from_) else None
        lo = core.value
        if not core.scaled and second.scaled:
            lo = core.value * second.scale
        if not lo < second.value:
            # ``3-1`` is a score; ``من 15 إلى 10`` is a fall, two separate figures
            return second.end if pat is _DASH_RANGE else None
        if pat is _DASH_RANGE and not (core.plain_int or core.scaled):
            return None
        if pat is _DASH_RANGE and not self._has_unit(second.end) and not (
                core.ndigits == 4 and second.ndigits == 4):
            return second.end  # ``6-4 و6-3``: set scores, not ranges
        return core, second

    def _has_unit(self, e: int) -> bool:
        t, lex = self.t, self.lex
        if not lex.after_re.match(t, e):
            return False
        return bool(lex.percent_re.match(t, e) or lex.cur_after_re.match(t, e) or lex.sym_after_re.match(t, e)
                    or lex.unit_re.match(t, e) or lex.dur_re.match(t, e))

    def _range_start(self, s: int) -> int:
        m = self._left(self.lex.range_between_re, s, 24) or self._left(self.lex.range_from_re, s, 8)
        if m:
            st = m.start()
            if self.t[st] in "وف" and self.t[st:st + 2] not in ("من",):
                st += 1
            return max(st, self.floor)
        return s

    def _attach_unit(self, core: Core, left: int) -> _Draft | None:
        """Decide the kind from the words after the number (and a symbol before it)."""
        t, lex = self.t, self.lex
        e = core.end
        v = core.value
        res = core.resolution
        # no word after the number that could give it a kind: the checks below
        # for a percent, a currency, a unit or a time unit after it all fail
        after = lex.after_re.match(t, e) is not None
        # percent
        m = lex.percent_re.match(t, e) if after else None
        if m or t[max(0, left - 1):left] == "%":
            end = m.end() if m else e
            start = left - 1 if not m else left
            return _Draft(start, end, Kind.PERCENT, v, unit="percent", resolution=res,
                          low=core.low, high=core.high)
        # money: symbol before, noun or symbol after
        sm = self._left(lex.sym_before_re, left, 8)
        if sm:
            code = lex.cur_symbols[_key(sm.group("sym"))]
            return _Draft(sm.start(), e, Kind.MONEY, v, unit=code, resolution=res,
                          low=core.low, high=core.high)
        m = lex.cur_after_re.match(t, e) if after else None
        if m:
            code, assumed = self._currency(m.group("noun"), m.group("nat"))
            end = m.end()
            factor = lex.cur_factor[lex.cur_nouns[_key(m.group("noun"))]]
            if factor != 1 and v is not None:  # ``36 سنتاً`` = 0.36 USD
                v, res = v * factor, (res or Decimal(1)) * factor
            c = _AND_DIGITS.match(t, end)
            if c and v is not None and factor == 1:
                sub = lex.cur_after_re.match(t, c.end())
                lit = parse_literal(c.group(1))
                if sub and lit and lex.cur_factor[lex.cur_nouns[_key(sub.group("noun"))]] != 1:
                    # ``20 دولاراً و43 سنتاً`` = 20.43 USD
                    sub_factor = lex.cur_factor[lex.cur_nouns[_key(sub.group("noun"))]]
                    v, res, end = v + lit.value * sub_factor, sub_factor, sub.end()
            return _Draft(left, end, Kind.MONEY, v, unit=code, resolution=res,
                          currency_assumed=assumed, low=core.low, high=core.high,
                          cur_noun=lex.cur_nouns[_key(m.group("noun"))])
        m = lex.sym_after_re.match(t, e) if after else None
        if m:
            end = m.end()
            c = _AND_DIGITS.match(t, end)
            sub = lex.cur_after_re.match(t, c.end()) if c and v is not None else None
            lit = parse_literal(c.group(1)) if sub else None
            if sub and lit and lex.cur_factor[lex.cur_nouns[_key(sub.group("noun"))]] != 1:
                sub_factor = lex.cur_factor[lex.cur_nouns[_key(sub.group("noun"))]]
                v, res, end = v + lit.value * sub_factor, sub_factor, sub.end()  # ``20$ و43c``
            return _Draft(left, end, Kind.MONEY, v, unit=lex.cur_symbols[_key(m.group("sym"))],
                          resolution=res, low=core.low, high=core.high)
        # measured quantities, with an optional rate (``برميل يومياً``)
        m = lex.unit_re.match(t, e) if after else None
        if m:
            unit = lex.units[_key(m.group("u"))]
            end = m.end()
            r = lex.rate_re.match(t, end)
            if r:
                unit = f"{unit} / {lex.rates[_key(r.group('r'))]}"
                end = r.end()
            neg = lex.neg_after_re.match(t, end)
            if neg and v is not None and unit.startswith("degree"):
                # below zero is a temperature, and Arab weather reports use Celsius
                v, end = -v, neg.end()
                unit = "degree_Celsius" if unit == "degree" else unit
            return _Draft(left, end, Kind.QUANTITY, v, unit=unit, resolution=res,
                          low=core.low, high=core.high)
        # ``2 تحت الصفر``: a temperature with its unit left out
        m = lex.neg_after_re.match(t, e) if after else None
        if m and v is not None and not core.ordinal:
            return _Draft(left, m.end(), Kind.QUANTITY, -v, unit="degree_Celsius", resolution=res)
        # durations (``10 سنوات``، ``ساعتين و5 دقائق``)
        m = lex.dur_re.match(t, e) if after else None
        if m and lex.durations[_key(m.group("d"))][1] > 1 and (v is None or v > 10):
            m = None  # ``387 عقداً`` are contracts: decades and centuries come a few at a time
        if m and not core.ordinal:
            pint_unit, factor = lex.durations[_key(m.group("d"))]
            d = _Draft(left, m.end(), Kind.DURATION, v * factor if v is not None else None,
                       unit=pint_unit, resolution=res * factor if res is not None else None,
                       low=core.low * factor if core.low is not None else None,
                       high=core.high * factor if core.high is not None else None)
            self._duration_tail(d, pint_unit)
            sm = _OF_SUBJECT.match(t, d.end)
            if sm:  # ``9 أشهر من المفاوضات``: what lasted (not part of the claim's span)
                d.subject = (sm.start("w"), sm.end("w"))
            hm = self._left(lex.span_dur_re, left, 16)
            if hm:
                d.start = max(self.floor, hm.start("h"))
            return d
        # dates
        if core.plain_int and v is not None:
            d = self._date(core, left)
            if d is _SKIP:
                return None
            if d is not None:
                return d
        if core.vague or v is None:
            d = _Draft(left, e, Kind.NUMBER, None, low=core.low, high=core.high, resolution=res)
            sub = _SUBJECT.match(t, e)
            # ``ملايين الأشخاص``، ``عشرات الآلاف من اللاجئين``: the counted noun is definite here
            if sub and sub.group("w") not in lex.not_subjects and not sub.group("w").startswith("و"):
                d.subject = (sub.start("w"), sub.end("w"))
                d.end = sub.end("w")
            else:
                sm = _OF_SUBJECT.match(t, e)
                if sm:
                    d.subject = (sm.start("w"), sm.end("w"))
                    d.end = sm.end("w")
            return d
        d = _Draft(left, e, Kind.NUMBER, v, resolution=res)
        # negative numbers: ``سالب 5``
        nm = self._left(lex.neg_before_re, left, 12)
        if nm:
            d.value = -v
            d.start = nm.start() + (1 if t[nm.start()] in "وف" and t[nm.start() + 1:nm.start() + 2] in "سن" else 0)
        sub = _SUBJECT.match(t, e)
        if sub:
            w = sub.group("w")
            if _is_subject(w, lex):
                d.subject = (sub.start("w"), sub.end("w"))
                d.end = sub.end("w")
        return d

    def _currency(self, noun_form: str, nat: str | None) -> tuple[str, bool]:
        lex = self.lex
        noun = lex.cur_nouns[_key(noun_form)]
        if nat:
            code = lex.cur_by_noun_nat.get((noun, _key(nat)))
            if code:
                return code, False
        candidates = [c for (n, _), c in lex.cur_by_country.items() if n == noun]
        if len(set(candidates)) <= 1:
            return lex.cur_noun_default[noun], False
        if self.doc.country:
            code = lex.cur_by_country.get((noun, self.doc.country.upper()))
            if code:
                return code, False
        if noun in ("dollar", "euro", "sterling"):
            return lex.cur_noun_default[noun], False
        return lex.cur_noun_default[noun], True

    def _duration_tail(self, d: _Draft, unit: str) -> None:
        """``ساعتين و5 دقائق`` → 125 minutes; ``أربع سنوات ونصف`` → 4.5 years."""
        t, lex = self.t, self.lex
        m = _AND_DIGITS.match(t, d.end)
        if m and d.value is not None:
            lit = parse_literal(m.group(1))
            dm = lex.dur_re.match(t, m.end()) if lit else None
            if dm:
                u2, f2 = lex.durations[_key(dm.group("d"))]
                q = _UNIT_RATIO.get((unit, u2))
                if q is not None:
                    d.value = d.value * q + lit.value * f2
                    d.unit = u2
                    d.resolution = lit.resolution * f2
                    d.end = dm.end()
                    return
        fm = _HALF_TAIL.match(t, d.end)
        if fm and d.value is not None:
            d.value += _FRACTIONS[fm.group(1)]
            d.end = fm.end()

    def _qualify(self, d: _Draft, s: int, allow_qualifier: bool = True) -> None:
        t, lex = self.t, self.lex
        if allow_qualifier:
            qm = self._left(lex.qual_before_re, s, 40)
            if qm:
                q = lex.qual_before[_key(qm.group("q"))]
                d.qualifier = q
                st = qm.start()
                if qm.group("cl").startswith(("و", "ف")):
                    st += 1  # the conjunction stays outside the claim
                d.start = max(self.floor, st)
            else:
                verb_re, verb_q = lex.qual_verbs
                vm = self._left(verb_re, s, 48)
                # without على/عن the words between must be the verb's subject
                # (عددهم، قيمتها، عدد سكانها), not a name (قال يزيد الخالدي 5 مرات)
                if vm and (vm.group("p") or _MEASURE_SUBJECT.search(vm.group("w"))):
                    # ``تزيد قيمتها على 4.3 مليار``: the verb's subject sits between verb
                    # and number, so the claim's span stays the number's own
                    q = verb_q[vm.group("v")]
                    if vm.group("neg"):
                        q = Qualifier.AT_MOST if q is Qualifier.MORE_THAN else Qualifier.AT_LEAST
                    d.qualifier = q
        am = lex.qual_after_re.match(t, d.end)
        if am:
            q = lex.qual_after[_key(am.group("q"))]
            if d.qualifier == Qualifier.EXACT:
                d.qualifier = q
            d.end = am.end()

    # -- dates --------------------------------------------------------------
    def _date(self, core: Core, left: int) -> _Draft | None:
        t, lex = self.t, self.lex
        n = int(core.value)
        e = core.end
        # day month [year]: ``15 ديسمبر 2023``، ``7 رمضان 1445 هـ``
        mm = lex.month_after_re.match(t, e)
        if mm and 1 <= n <= 31 and core.ndigits <= 2:
            return self._day_month_year(left, n, mm)
        # month year: ``ديسمبر 2023``، ``كانون الثاني/يناير 2024``
        if 3 <= core.ndigits <= 4:
            bm = self._left(lex.month_before_re, left, 40)
            if bm:
                return self._month_year(bm, n, core)
        hm = lex.hijri_marker_re.match(t, e)
        if hm:
            lo, hi = _hijri_bounds(n, None)
            if lo is None:  # before 1343 AH hijridate cannot convert; never read it as Gregorian
                return _Draft(self._date_start(left), hm.end(), Kind.DATE, None, calendar=Calendar.HIJRI)
            st = self._date_start(left)
            return _Draft(st, hm.end(), Kind.DATE, None, low=lo, high=hi, calendar=Calendar.HIJRI)
        if core.ndigits == 4 and 1800 <= n <= 2100 and self._words_on_line(left, e) or (
                core.ndigits <= 4 and 1 <= n <= 2100 and self._left(lex.year_head_re, left, 24)):
            if core.ndigits < 4 and not self._left(lex.span_date_re, left, 24):
                return None
            gm = lex.greg_marker_re.match(t, e)
            end = gm.end() if gm else e
            sub = _SUBJECT.match(t, e)
            if sub and core.ndigits == 4 and not self._left(lex.year_head_re, left, 24):
                if _is_subject(sub.group("w"), lex):
                    return None  # ``2000 شخص`` is a count, not a year
            return _Draft(self._date_start(left), end, Kind.DATE, f"{n:04d}", calendar=Calendar.GREGORIAN)
        return None

    def _words_on_line(self, s: int, e: int) -> bool:
        """A year needs a sentence around it; a lone ``2000`` (a table cell) is a number."""
        t = self.t
        return bool(_LETTER_BEFORE.search(t, max(0, s - 80), s) or _LETTER_AFTER.match(t, e))

    def _date_start(self, s: int) -> int:
        hm = self._left(self.lex.span_date_re, s, 24)
        return max(self.floor, hm.start("h")) if hm else s

    def _day_month_year(self, left: int, day: int, mm: rx.Match[str]) -> _Draft | None:
        lex, t = self.lex, self.t
        name = _key(mm.group("m"))
        end = mm.end()
        year = int(mm.group("y")) if mm.group("y") else None
        if name in lex.hijri_months and name not in lex.greg_months:
            month = lex.hijri_months[name]
            hm = lex.hijri_marker_re.match(t, end)
            if hm:
                end = hm.end()
            if year is None:
                # ``الخميس 7 رمضان``: a Hijri day without its year cannot be placed in
                # the Gregorian calendar — no claim, and not a count of "رمضان"
                return _SKIP
            try:
                from hijridate import Hijri
                g = Hijri(year, month, day).to_gregorian()
            except (ValueError, OverflowError):
                return None
            return _Draft(left, end, Kind.DATE, g.isoformat(), calendar=Calendar.HIJRI)
        month = lex.greg_months.get(name)
        if month is None:
            return None
        if mm.group("m2") and lex.greg_months.get(_key(mm.group("m2"))) not in (None, month):
            return None
        if year is None:
            try:
                _dt.date(2000, month, day)
            except ValueError:
                return None
            return _Draft(left, end, Kind.DATE, f"--{month:02d}-{day:02d}", calendar=Calendar.GREGORIAN)
        gm = lex.greg_marker_re.match(t, end)
        if gm:
            end = gm.end()
        try:
            iso = _dt.date(year, month, day).isoformat()
        except ValueError:
            return None
        return _Draft(left, end, Kind.DATE, iso, calendar=Calendar.GREGORIAN)

    def _month_year(self, bm: rx.Match[str], year: int, core: Core) -> _Draft | None:
        lex, t = self.lex, self.t
        name = _key(bm.group("m"))
        end = core.end
        st = bm.start("m")
        if name in lex.hijri_months and name not in lex.greg_months:
            hm = lex.hijri_marker_re.match(t, end)
            if hm:
                end = hm.end()
            lo, hi = _hijri_bounds(year, lex.hijri_months[name])
            if lo is None:
                return None
            return _Draft(st, end, Kind.DATE, None, low=lo, high=hi, calendar=Calendar.HIJRI)
        month = lex.greg_months.get(name)
        if month is None or not 1000 <= year <= 2200:
            return None
        gm = lex.greg_marker_re.match(t, end)
        if gm:
            end = gm.end()
        return _Draft(st, end, Kind.DATE, f"{year:04d}-{month:02d}", calendar=Calendar.GREGORIAN)

    def _numeric_date(self, dm: rx.Match[str]) -> _Draft | None:
        a, sep, b, c = dm.group(1), dm.group(2), dm.group(3), dm.group(4)
        hm = self.lex.hijri_marker_re.match(self.t, dm.end())
        if hm:  # ``17-5-1433هـ``: a Hijri date, converted to its Gregorian day
            y, mo, da = (int(a), int(b), int(c)) if len(a) == 4 else (int(c), int(b), int(a))
            try:
                from hijridate import Hijri
                g = Hijri(y, mo, da).to_gregorian()
            except (ValueError, OverflowError):
                return None
            return _Draft(dm.start(), hm.end(), Kind.DATE, g.isoformat(), calendar=Calendar.HIJRI)
        if dm.end() < len(self.t) and self.t[dm.end()].isalpha() and not self.lex.greg_marker_re.match(self.t, dm.end()):
            return None
        try:
            if len(a) == 4:      # 2024/3/7
                date = _dt.date(int(a), int(b), int(c))
            elif len(c) == 4:    # 25/12/2023 (day first, as Arabic papers write it)
                date = _dt.date(int(c), int(b), int(a))
            else:
                return None
        except ValueError:
            return None
        if not 1800 <= date.year <= 2200:
            return None
        return _Draft(dm.start(), dm.end(), Kind.DATE, date.isoformat(), calendar=Calendar.GREGORIAN)

    def _ordinal_date(self, core: Core) -> _Draft | None:
        """``الثالث من أكتوبر 2023`` → 2023-10-03."""
        if core.value is None or not 1 <= core.value <= 31:
            return None
        mm = self.lex.month_after_re.match(self.t, core.end)
        if not mm or not self.t[core.end:mm.start("m")].strip().startswith("من"):
            return None
        return self._day_month_year(core.start, int(core.value), mm)


#: A date that exists but cannot be given a value (a Hijri day without its year):
#: neither a claim nor a number to report.
_SKIP = _Draft(0, 0, Kind.DATE, None)
_HALF_TAIL = rx.compile(r"\s*و(نصف|ربع|ثلث)" + NA)
_FRACTIONS = {"نصف": Decimal("0.5"), "نص": Decimal("0.5"), "ربع": Decimal("0.25"),
              "ثلث": Decimal(1) / Decimal(3)}


def _scale_of_words(t: str, s: int, e: int, lex: Lexicon) -> Decimal:
    """The scale word that ends a number written in words (``خمسة ملايين`` → 10⁶)."""
    words = t[s:e].split()
    last = words[-1] if words else ""
    for cl in ("", "و", "ال"):
        if last.startswith(cl) and last[len(cl):] in lex.scales:
            return lex.scales[last[len(cl):]]
    return Decimal(1)
_UNIT_RATIO: dict[tuple[str, str], Decimal] = {
    ("hour", "minute"): Decimal(60), ("minute", "second"): Decimal(60),
    ("day", "hour"): Decimal(24), ("year", "month"): Decimal(12), ("week", "day"): Decimal(7),
    ("hour", "second"): Decimal(3600),
}


def _hijri_bounds(year: int, month: int | None) -> tuple[str | None, str | None]:
    try:
        from hijridate import Hijri
        if month is None:
            lo = Hijri(year, 1, 1).to_gregorian()
            nxt = Hijri(year + 1, 1, 1).to_gregorian()
        else:
            lo = Hijri(year, month, 1).to_gregorian()
            nxt = Hijri(year + (month == 12), month % 12 + 1, 1).to_gregorian()
    except (ValueError, OverflowError):
        return None, None
    return lo.isoformat(), (nxt - _dt.timedelta(days=1)).isoformat()


_NEWLINE = re.compile("\n")
_DIGIT_ANCHOR = re.compile(DIGIT_LITERAL)


def _anchors(norm: Normalized, lex: Lexicon) -> list[tuple[int, int, str, int]]:
    """Every place a claim can start, in text order: (start, end, kind, core start).

    Digits come from one pass of a digit pattern. Words are found without
    scanning the text with a large alternation (that costs ~10× the digit
    pass): the document's vocabulary is intersected with every anchor word in
    every clitic form (a C-speed set operation), and only the few forms that
    occur are located. The vocabulary is listed once per document
    (:meth:`Normalized.segment_hits`), and ``check``'s table names are found in
    the same pass.
    """
    t = norm.text
    out = []
    for m in _DIGIT_ANCHOR.finditer(t):
        s = m.start()
        a = s
        # ``.77`` (no leading zero) and a minus sign (``-1.2``، ``- 2``) that stand
        # after a space: read here, not in the pattern, so the scan keeps the
        # engine's fast first-character search.
        if a and t[a - 1] == "." and (a == 1 or t[a - 2].isspace()):
            a -= 1
        if a and t[a - 1] in "-\u2212" and (a == 1 or t[a - 2].isspace()):
            a -= 1
        elif a > 1 and t[a - 2:a] in ("- ", "\u2212 ") and (a == 2 or t[a - 3].isspace()):
            a -= 2
        out.append((a, m.end(), "d", s))
    # Word anchors segment by segment (paragraphs, long ones cut at a space):
    # each located form is searched only in the segment that holds it, so the
    # cost stays linear however many distinct number words a long text has.
    for a, b, present in norm.segment_hits(lex.anchor_form_set):
        _word_anchors(t, a, b, present, lex, out)
    out.sort()
    return out


def _word_anchors(t: str, a: int, b: int, present: set[str], lex: Lexicon,
                  out: list[tuple[int, int, str, int]]) -> None:
    for form in present:
        plen, kind = lex.anchor_forms[form]
        n = len(form)
        s = t.find(form, a, b)
        while s >= 0:
            e = s + n
            # a whole word: not the tail of a longer word, not the head of one
            if not (s and t[s - 1].isalnum()) and not (e < len(t) and (t[e].isalnum() or t[e] == "_")):
                out.append((s, e, kind, s + plen))
            s = t.find(form, s + 1, b)


#: Counted nouns do not carry a preposition, but a few common nouns start with ل.
_L_NOUNS = ("لاجي", "لاجئ", "لاعب", "لجن", "لوح", "لغ", "ليل", "لقاح", "لقاء", "لص", "لتر", "ليتر", "ليره", "ليرات", "لوا", "لبنان")


def _is_subject(w: str, lex: Lexicon) -> bool:
    """Could ``w`` be the counted noun after a number (``87 شريكاً``، ``120 ألف فرد``)?"""
    if w in lex.not_subjects or w in lex.greg_months or w in lex.scales:
        return False
    if w.startswith(("ال", "و", "لل", "فال", "بال", "كال")):
        return False  # definite nouns and conjunctions start a new phrase
    if w.startswith("ل") and not w.startswith(_L_NOUNS):
        return False  # لإعادة، لدعم: purpose, not the counted thing
    return True


def _finish(doc: _ExtractionInput, d: _Draft) -> Claim:
    norm = doc.norm
    a, b = norm.span(d.start, d.end)
    line, col = doc.line_col(a)
    subject = None
    if d.subject:
        sa, sb = norm.span(*d.subject)
        subject = norm.original[sa:sb]
    low, high = d.low, d.high  # most claims have no bounds
    return Claim(
        file=doc.file, line=line, column=col,
        start=doc.base_offset + a, end=doc.base_offset + b, text=norm.original[a:b],
        kind=d.kind, value=_clean(d.value),
        low=None if low is None else _clean(low), high=None if high is None else _clean(high),
        unit=d.unit, qualifier=d.qualifier, subject=subject, calendar=d.calendar,
        sentence=doc.sentence(d.start, d.end), currency_assumed=d.currency_assumed,
        resolution=d.resolution,
    )


def _clean(v: Any) -> Any:
    """Exact Decimals without exponent noise (4.3 × 10⁹ → 4300000000)."""
    if isinstance(v, Decimal):
        if v == v.to_integral_value():
            return Decimal(int(v))  # exact at any size (quantize fails past 28 digits)
        return v.normalize()
    return v


def extract(
    text: str,
    *,
    file: str = "-",
    country: str | None = None,
    base_offset: int = 0,
    base_line: int = 1,
) -> list[Claim]:
    """Every quantitative claim in ``text``, in document order.

    ``country`` (ISO 3166 alpha-2) resolves bare ambiguous currencies (دينار،
    ريال…); ``base_offset``/``base_line`` shift offsets and lines when ``text``
    is one chunk of a larger document.

    >>> [(c.kind.value, c.value, c.unit) for c in extract("بأكثر من 500 مليون جنيه إسترليني")]
    [('money', Decimal('500000000'), 'GBP')]
    """
    return extract_normalized(text, file=file, country=country, base_offset=base_offset,
                              base_line=base_line)[0]


def extract_normalized(
    text: str,
    *,
    file: str = "-",
    country: str | None = None,
    base_offset: int = 0,
    base_line: int = 1,
    watch: frozenset[str] | None = None,
) -> tuple[list[Claim], Normalized | None]:
    """:func:`extract`, and the normalised view of ``text`` it read (for ``check``).

    ``watch``: a vocabulary the caller will look for in the normalised text
    (:meth:`Normalized.segment_hits`): its words are found in the same pass as
    the number words.
    """
    if not text:
        return [], None
    lex = lexicon()
    norm = Normalized.of(text)
    if watch:
        norm.watch(watch)
    doc = _ExtractionInput(norm, file, base_offset, base_line, country)
    drafts = _Extractor(doc, lex).run()
    return [_finish(doc, d) for d in drafts], doc.norm
