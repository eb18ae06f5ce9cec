"""Duals that state the number two with no numeral word: a countable noun
(``اشترى سيارتين`` = 2 cars) and a currency (``جنيهان مصريان`` = 2 EGP).

Arabic has a grammatical dual: سيارة "a car", سيارتان/سيارتين "two cars". A
suffix rule alone (-تين، -تان، -ين، -ان) is wrong far more often than right
(plurals مهندسين، verbs, names), so the nouns are a list
(``counted_nouns.toml``) whose duals are derived here by the grammar: ة → تان/تين,
a noun with a broken plural + ان/ين, a noun whose plural is -ين + ان only.
Currency duals are derived from the currency nouns themselves (دولار +
ان/ين = دولاران، دولارين; ليرة → ليرتان): a form of a currency noun that is
another of its forms plus the dual ending.
"""
from __future__ import annotations

from collections.abc import Collection, Mapping
from functools import lru_cache

from claimcheck.errors import LexiconError
from claimcheck.lang.lexicon import forms, load

_TAA = "ه"  # ة after folding


class Counted:
    """The countable nouns: their singulars and their duals (form → singular)."""

    __slots__ = ("singulars", "duals")

    def __init__(self, singulars: frozenset[str], duals: dict[str, str]) -> None:
        self.singulars = singulars
        self.duals = duals


@lru_cache(maxsize=1)
def counted() -> Counted:
    """``counted_nouns.toml`` read, its duals derived (all forms folded)."""
    data = load("counted_nouns")
    duals: dict[str, str] = {}
    singulars: set[str] = set()
    for f in forms(data["feminine"]["nouns"], where="counted_nouns feminine"):
        if not f.endswith(_TAA):
            raise LexiconError(f"counted_nouns.toml [feminine]: {f!r} does not end in ة")
        singulars.add(f)
        for end in ("تان", "تين"):
            duals[f[:-1] + end] = f
    for f in forms(data["masculine"]["nouns"], where="counted_nouns masculine"):
        singulars.add(f)
        for end in ("ان", "ين"):
            duals[f + end] = f
    for f in forms(data["sound_plural"]["nouns"], where="counted_nouns sound_plural"):
        singulars.add(f)
        duals[f + "ان"] = f
    for dual, single in data["irregular"].items():
        where = f"counted_nouns irregular {dual}"
        single = forms([single], where=where)[0]
        singulars.add(single)
        duals[forms([dual], where=where)[0]] = single
    clash = sorted(d for d in duals if d in singulars)
    if clash:
        raise LexiconError(f"counted_nouns.toml: a derived dual is also a singular: {clash}")
    return Counted(frozenset(singulars), duals)


def currency_duals(nouns: Mapping[str, str], minor: Collection[str]) -> dict[str, str]:
    """The dual forms among a currency table's noun forms → the currency noun's name.

    A one-word form is a dual when it is another form of the same noun plus the
    dual ending (دولاران = دولار + ان; ليرتين = ليرة − ة + تين). Sub-units
    (``minor``: cents, piastres) are left out: سنتين is far more often "two years".
    """
    out: dict[str, str] = {}
    for form, noun in nouns.items():
        if " " in form or form.startswith("ال") or noun in minor:
            continue
        for end, stem_end in (("ان", ""), ("ين", ""), ("تان", _TAA), ("تين", _TAA)):
            if form.endswith(end) and len(form) > len(end) + 1:
                single = form[:-len(end)] + stem_end
                if nouns.get(single) == noun:
                    out[form] = noun
                    break
    return out
