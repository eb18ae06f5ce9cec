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
from claimcheck.text.normalize import unmarked


def attach(x: Scan, core: Core, left: int, after: bool) -> Draft | None:
    t, lex = x.t, x.lex
    e, v, res = core.end, core.value, core.resolution
    sm = x.left(lex.currencies.symbol_before, left, 8)
    if sm:
        code, assumed = symbol(x, sm.start("sym"), sm.end("sym"))
        return Draft(sm.start(), e, Kind.MONEY, v, unit=code, resolution=res,
                     currency_assumed=assumed, low=core.low, high=core.high)
    if not after:
        return None
    m = lex.currencies.noun_re.match(t, e)
    if m:
        noun = lex.currencies.nouns[key(m.group("noun"))]
        code, assumed = currency(x, m.group("noun"), m.group("nat"), m.start("noun"), m.end("noun"))
        end = m.end()
        part = lex.currencies.minor.get((noun, code))
        if part is not None:  # ``36 سنتاً`` = 0.36 USD, ``175 قرشاً`` = 1.75 EGP
            if v is not None:
                v, res = v * part, (res or Decimal(1)) * part
            low = core.low * part if core.low is not None else None
            high = core.high * part if core.high is not None else None
            return Draft(left, end, Kind.MONEY, v, unit=code, resolution=res, currency_assumed=assumed,
                         low=low, high=high, cur_noun=noun if _settles(x, noun) else None)
        if assumed:  # ``12 ريالاً و50 هللة``: a sub-unit of one of them settles it
            code, assumed = _settled_by_subunit(x, noun, code, end)
        v, res, end = _and_subunit(x, code, end, v, res)
        return Draft(left, end, Kind.MONEY, v, unit=code, resolution=res,
                     currency_assumed=assumed, low=core.low, high=core.high, cur_noun=noun)
    m = lex.currencies.symbol_re.match(t, e)
    if m:
        code, assumed = symbol(x, m.start("sym"), m.end("sym"))
        v, res, end = _and_subunit(x, code, m.end(), v, res)  # ``20$ و43c``
        return Draft(left, end, Kind.MONEY, v, unit=code, resolution=res, currency_assumed=assumed,
                     low=core.low, high=core.high)
    return None


def before_one(x: Scan, noun_form: str, s: int, e: int, core: Core) -> Draft | None:
    """``دولار واحد``: the currency noun at ``[s, e)`` before its numeral. A sub-unit
    so (``لم يدفع قرشاً واحداً``، ``لم تحصل على سنت واحد``) is the idiom "not a single
    penny", no amount."""
    noun = x.lex.currencies.nouns[key(noun_form)]
    if any(n == noun for n, _ in x.lex.currencies.minor):
        return None
    code, assumed = currency(x, noun_form, None, s, e)
    return Draft(s, core.end, Kind.MONEY, core.value, unit=code, resolution=Decimal(1),
                 currency_assumed=assumed)


def _settles(x: Scan, noun: str) -> bool:
    """May the paragraph settle an assumed sub-unit (:mod:`~claimcheck.extraction.engine`
    changes its code, not its value)? Only where every currency it divides takes the
    same part: a fils is a thousandth of a dinar but a hundredth of a dirham."""
    parts = {p for (n, _), p in x.lex.currencies.minor.items() if n == noun}
    return len(parts) == 1


def symbol(x: Scan, s: int, e: int) -> tuple[str, bool]:
    """The ISO code of the currency symbol at ``[s, e)``, and whether it was assumed.

    Folding hamza merges two symbols: «د.أ» (the Jordanian dinar) and «د.إ» (the
    UAE dirham) are both «د.ا» in the normalised text. Their spelling in the
    original text tells them apart; a bare alif, written by a keyboard without
    hamza, is either, and the text around it settles which (as for a bare noun).
    A symbol that some copy writes for another currency (Lebanese statistics
    write «د.أ.» for the US dollar) is read by the country the text is about,
    and is assumed where no country settles it.
    """
    cur = x.lex.currencies
    folded = key(x.t[s:e])
    spellings = cur.spelled.get(folded)
    if spellings is None and not cur.reads:
        return cur.symbols[folded], False
    norm = x.doc.norm
    a, b = norm.span(s, e)
    written = unmarked(norm.original[a:b])
    code: str | None = cur.symbols[folded]
    reads = cur.reads.get(written, {})
    if spellings is not None:
        code = spellings.get(written)
        if code is None:  # a bare alif: any of the spellings, and what each may stand for
            reads = {k: v for sp in spellings for k, v in cur.reads.get(sp, {}).items()}
    candidates = {code} if code else set(spellings.values()) if spellings else set()
    if len(candidates) == 1 and not reads:
        return candidates.pop(), False
    found = x.doc.countries(cur.nouns).resolve(candidates | set(reads), s, e)
    if found is None and x.doc.country:
        here = {c for (_, country), c in cur.by_country.items() if country == x.doc.country.upper()}
        found = next((c for c in sorted(here) if c in reads or c in candidates), None)
    if found in reads:
        return reads[found], False
    if found in candidates:
        return found, False
    return code or cur.symbols[folded], True


def _settled_by_subunit(x: Scan, noun: str, code: str, end: int) -> tuple[str, bool]:
    """The currency a bare noun is when a sub-unit follows it with و that only one
    of its currencies has (``ريالاً و50 هللة`` is Saudi, ``ديناراً و500 مليم``
    Tunisian), not assumed; else ``code``, assumed."""
    cur = x.lex.currencies
    c = AND_DIGITS.match(x.t, end)
    sub = cur.noun_re.match(x.t, c.end()) if c else None
    if sub is None:
        return code, True
    sub_noun = cur.nouns[key(sub.group("noun"))]
    mine = {cc for (n, _), cc in cur.by_country.items() if n == noun}
    both = {cc for (n, cc) in cur.minor if n == sub_noun} & mine
    return (both.pop(), False) if len(both) == 1 else (code, True)


def _and_subunit(x: Scan, code: str, end: int, v: Any, res: Any) -> tuple[Any, Any, int]:
    """``و43 سنتاً`` after an amount in ``code``: value, resolution and end with the
    sub-unit added (``3 دنانير و250 فلساً`` = 3.25 JOD); a sub-unit of another
    currency is no part of it."""
    lex = x.lex
    c = AND_DIGITS.match(x.t, end)
    if c is None or v is None:
        return v, res, end
    sub = lex.currencies.noun_re.match(x.t, c.end())
    lit = parse_literal(c.group(1)) if sub else None
    if lit is None:
        return v, res, end
    part = lex.currencies.minor.get((lex.currencies.nouns[key(sub.group("noun"))], code))
    if part is None:
        return v, res, end
    return v + lit.value * part, part, sub.end()


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
    candidates = _codes(lex.currencies.by_country, noun)
    if len(candidates) <= 1:
        return lex.currencies.default[noun], False
    if noun not in ("dollar", "euro", "sterling"):
        code = x.doc.countries(lex.currencies.nouns).resolve(candidates, at, noun_end)
        if code:
            return code, False
    if x.doc.country:
        code = lex.currencies.by_country.get((noun, x.doc.country.upper()))
        if code:
            return code, False
    if noun in ("dollar", "euro", "sterling"):
        return lex.currencies.default[noun], False
    return lex.currencies.default[noun], True


#: The currencies each noun names (:func:`_codes`), for the lexicon's table.
_CODES: dict[str, frozenset[str]] = {}
_CODES_OF: list[Any] = [None]


def _codes(by_country: dict[tuple[str, str], str], noun: str) -> frozenset[str]:
    """The currencies ``noun`` names in some country (دينار: IQD, JOD, KWD…):
    listed once per noun, not for every claim."""
    if _CODES_OF[0] is not by_country:  # another lexicon (tests build their own)
        _CODES.clear()
        _CODES_OF[0] = by_country
    got = _CODES.get(noun)
    if got is None:
        got = _CODES[noun] = frozenset(c for (n, _), c in by_country.items() if n == noun)
    return got
