"""The number-word lexicon: every form of ``number_words.toml`` with its readings.

A form may have several readings (عشر is ten and a tenth; ثلث a third;
ألفا the construct dual "two thousand" or the accusative "a thousand"), each a
:class:`Reading` of one kind. The grammar (:mod:`.parser`) picks among them.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from claimcheck.errors import LexiconError
from claimcheck.lang import clitics
from claimcheck.lang.lexicon import forms, load, trie_pattern

# Reading kinds
ZERO, UNIT, TEEN_UNIT, TEN, TEEN, TENS, HUND, SCALE, GPL, FRAC, ORD, VCOEF, POINT, AND = range(14)
# Scale numbers
SG, DUAL, DUALC, AMB, PL = range(5)


class Reading(NamedTuple):
    kind: int
    value: Decimal = Decimal(0)
    #: SCALE: grammatical number; FRAC: 0 singular, 1 dual, 2 plural.
    number: int = 0
    #: FRAC: resolution; VCOEF: high bound.
    extra: Decimal | None = None
    #: False for forms that never stand alone: an ordinal only in a compound
    #: (حادي); a cardinal or fraction only in number context (متين، نص).
    alone: bool = True


class Lex(NamedTuple):
    readings: dict[str, tuple[Reading, ...]]
    prefixes: tuple[str, ...]
    article: frozenset[str]
    not_numbers: frozenset[str]
    not_numbers_always: frozenset[str]
    ambiguous: frozenset[str]
    ord_not_alone: frozenset[str]
    tail: dict[str, Decimal]
    #: form → the dialects it belongs to (``number_words.toml`` ``dialect``);
    #: Modern Standard Arabic forms are not listed.
    dialects: dict[str, frozenset[str]]
    #: عام، سنة: a number in words right after one of them is a year (``[years]``).
    year_nouns: frozenset[str]
    blockers: dict[str, frozenset[str]]
    function_words: frozenset[str]
    plural_low: Decimal
    plural_high: Decimal
    anchor: str


def _fs(values: list[str], where: str) -> frozenset[str]:
    return frozenset(forms(values, where=where))


def _dialects(entry: dict, known: frozenset[str], where: str) -> frozenset[str]:
    """The ``dialect`` tags of an entry, each one of the ``[dialects]`` table."""
    tags = entry.get("dialect", [])
    if isinstance(tags, str) or not isinstance(tags, list):
        raise LexiconError(f"number_words.toml {where}: `dialect` is a list of names")
    unknown = set(tags) - known
    if unknown:
        raise LexiconError(f"number_words.toml {where}: unknown dialect {sorted(unknown)}; "
                           f"known: {sorted(known)}")
    return frozenset(tags)


def _readings(data: dict) -> tuple[dict[str, list[Reading]], dict[str, frozenset[str]]]:
    """Every form of the data file → its readings, and the dialect forms → their dialects."""
    table: dict[str, list[Reading]] = {}
    known = frozenset(data["dialects"])
    dialects: dict[str, frozenset[str]] = {}

    def add(values: list[str], reading: Reading, where: str, entry: dict | None = None) -> None:
        tags = _dialects(entry, known, where) if entry is not None else frozenset()
        for f in forms(values, where=where):
            if " " in f:
                raise LexiconError(f"number_words.toml {where}: one word per form: {f!r}")
            lst = table.setdefault(f, [])
            if reading not in lst:
                lst.append(reading)
            if tags:
                dialects[f] = dialects.get(f, frozenset()) | tags

    def ctx(e: dict) -> bool:
        """Does the entry stand alone (not only in number context)?"""
        return not e.get("number_context", False)

    for e in data["zero"]:
        add(e["forms"], Reading(ZERO, Decimal(e["value"])), "zero")
    for e in data["unit"]:
        v = Decimal(e["value"])
        add(e["forms"], Reading(UNIT, v, alone=ctx(e)), f"unit {v}", e)
        if "teen" in e:
            add(e["teen"], Reading(TEEN_UNIT, v), f"unit {v} teen", e)
    add(data["ten"]["forms"], Reading(TEN, Decimal(data["ten"]["value"])), "ten")
    for e in data["teen_word"]:
        add(e["forms"], Reading(TEEN, Decimal(e["value"]), alone=ctx(e)), "teen_word", e)
    for e in data["tens"]:
        add(e["forms"], Reading(TENS, Decimal(e["value"]), alone=ctx(e)), "tens", e)
    for e in data["hundreds"]:
        add(e["forms"], Reading(HUND, Decimal(e["value"]), alone=ctx(e)), "hundreds", e)
    for e in data["scale"]:
        v = Decimal(e["value"])
        for key, num in (("singular", SG), ("dual", DUAL), ("dual_construct", DUALC),
                         ("tanween_ambiguous", AMB), ("plural", PL)):
            add(e[key], Reading(SCALE, v, num), f"scale {v} {key}")
    for e in data["group_plural"]:
        add(e["forms"], Reading(GPL, Decimal(e["value"])), "group_plural")
    for e in data["fraction"]:
        num, den = Decimal(e["numerator"]), Decimal(e["denominator"])
        f = num / den
        res = Decimal(e["resolution"])
        if "forms" in e:
            add(e["forms"], Reading(FRAC, f, 0, res, ctx(e)), "fraction", e)
        if "dual" in e:
            add(e["dual"], Reading(FRAC, 2 * num / den, 1, res, ctx(e)), "fraction dual", e)
        if "plural" in e:
            add(e["plural"], Reading(FRAC, f, 2, res), "fraction plural", e)
    for e in data["ordinal"]:
        add(e["forms"], Reading(ORD, Decimal(e["value"]), alone=not e.get("compound_only", False)),
            "ordinal")
    for e in data["vague"]["coefficient"]:
        add(e["forms"], Reading(VCOEF, Decimal(e["low"]), 0, Decimal(e["high"])), "vague")
    add(data["decimal"]["forms"], Reading(POINT), "decimal")
    table["و"] = [Reading(AND)]
    return table, dialects


@lru_cache(maxsize=1)
def build() -> Lex:
    data = load("number_words")
    table, dialects = _readings(data)

    tail: dict[str, Decimal] = {}
    for key, frac in (("half", "0.5"), ("quarter", "0.25"), ("third", None)):
        for f in forms(data["tail_fraction"][key], where=f"tail_fraction {key}"):
            tail[f] = Decimal(frac) if frac else Decimal(1) / Decimal(3)

    cl = data["clitics"]
    prefixes = tuple(sorted(clitics.GLUED, key=len, reverse=True))
    b = data["blockers"]
    blockers = {k: _fs(v, f"blockers {k}") for k, v in b.items()}

    starters = [f for f, rs in table.items() if any(r.kind not in (POINT, AND) for r in rs)]
    anchor = (r"(?<![\p{L}\p{N}])(?:" + trie_pattern(prefixes) + r")?(?:"
              + trie_pattern(starters) + r")(?![\p{L}\p{N}])")
    return Lex(
        readings={k: tuple(v) for k, v in table.items()},
        prefixes=prefixes,
        article=clitics.DEFINITE - {""},
        not_numbers=_fs(cl["not_numbers"], "clitics not_numbers"),
        not_numbers_always=_fs(cl["not_numbers_any_ending"], "clitics not_numbers_any_ending"),
        ambiguous=_fs(data["ambiguous"]["forms"], "ambiguous"),
        ord_not_alone=_fs(data["ordinal_not_alone_indefinite"]["forms"], "ordinal_not_alone"),
        tail=tail,
        dialects=dialects,
        year_nouns=_fs(data["years"]["nouns"], "years nouns"),
        blockers=blockers,
        function_words=_fs(data["function_words"]["forms"], "function_words"),
        plural_low=Decimal(data["vague"]["plural_low"]),
        plural_high=Decimal(data["vague"]["plural_high"]),
        anchor=anchor,
    )


LEX = build()

#: Regex source (for the ``regex`` module, on normalised text) matching the first
#: word of any number-word expression, clitics included. No ``\b``: explicit
#: look-arounds, because clitics are word characters.
WORD_ANCHOR: str = LEX.anchor

#: The bare (clitic-free) words that can begin an expression, and the clitic
#: prefixes that may be glued to them, for engines that build their own scanner.
STARTERS: frozenset[str] = frozenset(
    f for f, rs in LEX.readings.items() if any(r.kind not in (POINT, AND) for r in rs))
PREFIXES: tuple[str, ...] = LEX.prefixes
#: The prefixes by their first letter, longest first as in PREFIXES: a word is
#: only tried with those it can start with (most words start with none).
PREFIXES_AT: dict[str, tuple[str, ...]] = {
    c: tuple(p for p in PREFIXES if p[0] == c) for c in {p[0] for p in PREFIXES}}
