"""Arab places the reference tables rarely name, found in a sentence: cities
(from GeoNames, ``lang/data/gazetteer.toml``), regions, oil fields, free zones,
districts and camps (``lang/data/places.toml``).

:mod:`claimcheck.checking.scope` reads them beside the countries, capitals and
institutions of :mod:`claimcheck.lang.countries`: «مشروع لتوطين 7 ملايين نسمة
في سيناء» is Sinai's figure, «كانت الخفجي تنتج 300 ألف برميل» the field's —
never evidence for or against Egypt's population or Kuwait's output.

A name that is also a country's name (تونس، الكويت، جيبوتي) is left to
:mod:`claimcheck.lang.countries`, which knows it names the country itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claimcheck.lang import countries, recache
from claimcheck.lang.lexicon import forms, load, trie_pattern


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """The names, folded, with their country; the لل forms of those with the
    article (للبصرة), with their name; one pattern that finds them all."""

    pattern: re.Pattern[str]
    code: dict[str, str]
    l_forms: dict[str, str]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    by_code: dict[str, list[str]] = {}
    for cc, names in load("gazetteer")["cities"].items():
        by_code.setdefault(cc, []).extend(names)
    for cc, names in load("places")["regions"].items():
        by_code.setdefault(cc, []).extend(names)
    code: dict[str, str] = {}
    for cc, names in sorted(by_code.items()):
        for n in forms(names, where=f"gazetteer {cc}"):
            if countries.by_name(n) is None:
                code.setdefault(n, cc)
    # ل + ال is written لل (للبصرة)
    l_forms = {"لل" + n[2:]: n for n in code if n.startswith("ال") and len(n) > 4}
    l_forms = {w: n for w, n in l_forms.items() if w not in code}
    pattern = recache.compile(r"(?<!\w)[وف]?[بلك]?(" + trie_pattern(sorted({*code, *l_forms})) + r")(?!\w)")
    return Gazetteer(pattern, code, l_forms)


def find(folded: str, a: int, b: int) -> list[tuple[int, int, str, str]]:
    """The places of the gazetteer in ``[a, b)`` of the folded text: (start,
    end, name as listed, country code)."""
    g = gazetteer()
    out = []
    for m in g.pattern.finditer(folded, a, b):
        name = g.l_forms.get(m.group(1), m.group(1))
        out.append((m.start(), m.end(), name, g.code[name]))
    return out
