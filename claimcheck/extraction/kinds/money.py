"""Money: a currency symbol before the number (``$5``، ``USD 500``), a currency
noun after it (``500 مليون جنيه إسترليني``) or a symbol after it (``20$``).

A bare ambiguous noun (دينار، ريال، جنيه، ليرة، درهم) is resolved by the
nationality adjective after it, else by the document's country, else by the
noun's default (then ``currency_assumed``). A sub-unit after و adds on
(``20 دولاراً و43 سنتاً`` = 20.43 USD), and a sub-unit alone is scaled
(``36 سنتاً`` = 0.36 USD).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from claimcheck.extraction.anchors import AND_DIGITS
from claimcheck.extraction.patterns import key
from claimcheck.extraction.scan import Core, Draft, Scan
from claimcheck.lang.digits import parse_literal
from claimcheck.model import Kind


def attach(x: Scan, core: Core, left: int, after: bool) -> Draft | None:
    t, lex = x.t, x.lex
    e, v, res = core.end, core.value, core.resolution
    sm = x.left(lex.currencies.symbol_before, left, 8)
    if sm:
        code = lex.currencies.symbols[key(sm.group("sym"))]
        return Draft(sm.start(), e, Kind.MONEY, v, unit=code, resolution=res,
                     low=core.low, high=core.high)
    if not after:
        return None
    m = lex.currencies.noun_re.match(t, e)
    if m:
        noun = lex.currencies.nouns[key(m.group("noun"))]
        code, assumed = currency(x, m.group("noun"), m.group("nat"), m.start("noun"), m.end("noun"))
        end = m.end()
        factor = lex.currencies.factor[noun]
        if factor != 1 and v is not None:  # ``36 سنتاً`` = 0.36 USD
            v, res = v * factor, (res or Decimal(1)) * factor
        elif factor == 1:
            v, res, end = _and_subunit(x, end, v, res)
        return Draft(left, end, Kind.MONEY, v, unit=code, resolution=res,
                     currency_assumed=assumed, low=core.low, high=core.high, cur_noun=noun)
    m = lex.currencies.symbol_re.match(t, e)
    if m:
        v, res, end = _and_subunit(x, m.end(), v, res)  # ``20$ و43c``
        return Draft(left, end, Kind.MONEY, v, unit=lex.currencies.symbols[key(m.group("sym"))],
                     resolution=res, low=core.low, high=core.high)
    return None


def _and_subunit(x: Scan, end: int, v: Any, res: Any) -> tuple[Any, Any, int]:
    """``و43 سنتاً`` after an amount: value, resolution and end with the sub-unit added."""
    lex = x.lex
    c = AND_DIGITS.match(x.t, end)
    if c is None or v is None:
        return v, res, end
    sub = lex.currencies.noun_re.match(x.t, c.end())
    lit = parse_literal(c.group(1)) if sub else None
    if lit is None:
        return v, res, end
    sub_factor = lex.currencies.factor[lex.currencies.nouns[key(sub.group("noun"))]]
    if sub_factor == 1:
        return v, res, end
    return v + lit.value * sub_factor, sub_factor, sub.end()


def currency(x: Scan, noun_form: str, nat: str | None, at: int, noun_end: int) -> tuple[str, bool]:
    """The ISO code of a currency noun at ``[at, noun_end)`` (and nationality
    adjective), and whether it was assumed: a bare ambiguous noun that neither the
    text (:mod:`claimcheck.extraction.country`) nor ``--country`` settles."""
    lex = x.lex
    noun = lex.currencies.nouns[key(noun_form)]
    if nat:
        code = lex.currencies.by_nationality.get((noun, key(nat)))
        if code:
            return code, False
    candidates = [c for (n, _), c in lex.currencies.by_country.items() if n == noun]
    if len(set(candidates)) <= 1:
        return lex.currencies.default[noun], False
    if noun not in ("dollar", "euro", "sterling"):
        code = x.doc.countries(lex.currencies.nouns).resolve(set(candidates), at, noun_end)
        if code:
            return code, False
    if x.doc.country:
        code = lex.currencies.by_country.get((noun, x.doc.country.upper()))
        if code:
            return code, False
    if noun in ("dollar", "euro", "sterling"):
        return lex.currencies.default[noun], False
    return lex.currencies.default[noun], True
