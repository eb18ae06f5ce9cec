"""The compiled patterns and look-up tables of extraction, built once from the
language data (:mod:`claimcheck.lang.lexicon`).

Each pattern runs on the normalised text at one offset (``match``: the words
after a number) or in a short window that ends at the number (a
:class:`~claimcheck.extraction.scan.LeftContext`: the words before it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from claimcheck.extraction.scan import LeftContext
from claimcheck.lang import clitics
from claimcheck.lang import relite as rx
from claimcheck.lang.lexicon import forms, load, trie_pattern
from claimcheck.model import Qualifier
from claimcheck.text.normalize import fold

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
    words: Any  # the number-word grammar, claimcheck.extraction.numberwords
    #: Any of the words that may follow a number and give it its kind (percent,
    #: currency noun or symbol, unit, ``تحت الصفر``, time unit): most numbers are
    #: followed by none, and one failed match then stands for six.
    after_re: "re.Pattern[str]"
    #: The fractions written after و (``ونصف``، ``وربع``، ``وثلث``), from number_words.toml.
    fractions: dict[str, Decimal]
    #: ``ونصف`` after a duration (``أربع سنوات ونصف``); the colloquial نص is left
    #: out there: after a duration ``ونص`` is as often "and the text of" (ونص القرار).
    half_tail_re: "re.Pattern[str]"


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
    from claimcheck.extraction import numberwords  # its tables load on import: not at start-up
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
    for name, noun in cur["noun"].items():
        cur_noun_default[name] = noun["default"]
        cur_factor[name] = Decimal(noun.get("factor", "1"))
        for f in forms(noun["forms"], where=f"currency noun {name}"):
            cur_nouns[f] = name
            if not f.startswith("ال"):
                cur_nouns.setdefault("ال" + f, name)
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
            qual_after[key(fold(f))] = q
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

    # The words that can start a claim without a digit (number words, dual
    # nouns, decade phrases, و-fractions), by kind; see ``anchors`` for how they
    # are found without scanning the text with an alternation of all of them.
    anchor_kinds: dict[str, str] = {}
    for f in decades:
        anchor_kinds[f] = "dec"
    for f in dur_duals:
        anchor_kinds[f] = "dual"
    for f in unit_duals:
        anchor_kinds[f] = "udual"
    prefixes = set(clitics.GLUED)  # the number-word grammar reads the same ones
    for f in numberwords.STARTERS:
        anchor_kinds.setdefault(f, "w")
    # ``لتر ونصف``، ``ساعة وربع``: a unit alone, then و and a fraction (1.5 litres):
    # the fraction word is the anchor and the unit is looked up behind it.
    fractions = numberwords.LEX.tail
    for f in fractions:
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
    half_tail_re = rx.compile(r"\s*و(" + trie_pattern(f for f in fractions if f != "نص") + ")" + NA)
    after_re = _any_of(percent_re, cur_after_re, sym_after_re, unit_re, neg_after_re, dur_re)

    return Lexicon(
        scales, scale_re, percent_re, cur_nouns, cur_noun_default, cur_by_noun_nat,
        cur_by_country, cur_symbols, cur_after_re, sym_after_re, sym_before_re, units,
        unit_re, rates, rate_re, durations, dur_re, dur_duals, greg, hij, month_after_re,
        month_before_re, qual_before, qual_before_re, qual_after, qual_after_re, ident_re,
        time_re, year_head_re, span_date_re, span_dur_re, not_subjects, ordinal_head_re,
        hijri_marker_re, greg_marker_re, neg_before_re, neg_after_re, range_between_re,
        range_from_re, change_re, decades, anchor_kinds, frozenset(prefixes), unit_duals,
        cur_factor, anchor_forms, decade_re, frozenset(anchor_forms), qual_verbs, numberwords,
        after_re, fractions, half_tail_re,
    )


def _any_of(*patterns: "re.Pattern[str]") -> "re.Pattern[str]":
    """One pattern that matches where any of ``patterns`` matches (their group
    names dropped, so that the same name may appear in two of them)."""
    sources = [re.sub(r"\(\?P<\w+>", "(?:", p.pattern) for p in patterns]
    if any("(?P=" in src for src in sources):
        raise ValueError("a pattern with a named back-reference cannot be joined")
    return re.compile("|".join(f"(?:{src})" for src in sources))

