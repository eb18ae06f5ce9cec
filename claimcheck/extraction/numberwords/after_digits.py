"""Number words after digits: a scale word (``4.3 مليار``، ``3 ملايين``), a
و-fraction after a unit (``أربع سنوات ونصف``، ``لتر ونصف``) and after a scale
word (``٤ مليون ونص`` = 4,500,000)."""
from __future__ import annotations

from decimal import Decimal

from claimcheck.extraction.numberwords.lexicon import AMB, DUAL, DUALC, LEX, SCALE, SG
from claimcheck.extraction.numberwords.tokens import SPACE, TOKEN
from claimcheck.lang import relite as rx
from claimcheck.lang.lexicon import trie_pattern
from claimcheck.text.normalize import fold

_TAIL_RE: rx.Pattern[str] | None = None


def _tail_re() -> rx.Pattern[str]:
    """و and a fraction word (compiled on first use)."""
    global _TAIL_RE
    if _TAIL_RE is None:
        _TAIL_RE = rx.compile(r"[^\S\n]*و[^\S\n]*(" + trie_pattern(LEX.tail) + r")(?![\p{L}\p{N}])")
    return _TAIL_RE


def match_fraction_tail(text: str, pos: int, unit: str | None = None) -> tuple[int, Decimal] | None:
    """``ونصف``/``وربع``/``وثلث`` right after a unit → (end, fraction), or None.

    ``أربع سنوات ونصف`` = 4 + 0.5 years: call at the end of ``سنوات``. When
    ``unit`` (the unit word as written, e.g. ``العام`` or ``عام``) is given, a
    repeated definite unit is included: ``عام ونصف العام`` ends after العام.

    >>> match_fraction_tail("لتر ونصف", 3)
    (8, Decimal('0.5'))
    """
    m = _tail_re().match(text, pos)
    if m is None:
        return None
    end = m.end()
    if unit:
        u = fold(unit)
        if u.startswith("ال"):
            u = u[2:]
        m2 = rx.compile(r"[^\S\n]+ال" + rx.escape(u) + r"(?![\p{L}\p{N}])").match(text, end)
        if m2 is not None:
            end = m2.end()
    return end, LEX.tail[m.group(1)]


def match_scale_fraction(text: str, pos: int, scale: Decimal) -> tuple[int, Decimal] | None:
    """``ونصف``/``ونص``/``وربع``/``وثلث`` right after a scale word → (end, amount added),
    or None: ``٤ مليون ونص`` = 4 + ½ million, ``3 ملايين ونصف المليون`` = 3.5 million
    (the scale repeated with the article is part of it).

    Not when the word after the fraction is another definite noun: ``ونص`` is
    also the verb "and stipulated" (``ونص القرار على``), ``ونصف السكان`` "and half
    of the population" starts a new phrase.

    >>> match_scale_fraction("4 مليون ونص نسمة", 7, Decimal(10) ** 6)
    (14, Decimal('500000.0'))
    """
    m = _tail_re().match(text, pos)
    if m is None:
        return None
    end = m.end()
    nxt = TOKEN.match(text, SPACE.match(text, end).end())
    w = nxt.group("w") if nxt is not None else None
    if w is not None:
        if w.startswith("ال") and any(r.kind == SCALE and r.value == scale and r.number in (SG, AMB)
                                       for r in LEX.readings.get(w[2:], ())):
            end = nxt.end()
        elif w.startswith("ال") or w in LEX.blockers["tail_not_before"]:
            return None
    return end, LEX.tail[m.group(1)] * scale


def match_scale(text: str, pos: int) -> tuple[int, Decimal, bool] | None:
    """A single scale word at ``pos`` → (end, multiplier of one scale unit, dual).

    Used after digits: ``4.3 مليار`` → ×10⁹, ``3 ملايين`` → ×10⁶. ``dual`` is
    True for the dual forms (ملياران، ملياري): standing alone they mean two of
    the scale, but after digits (``2 ملياري``) the digits already count, so the
    caller multiplies by the multiplier only. Leading spaces are skipped.

    >>> match_scale("120 ألف فرد", 3)
    (7, Decimal('1000'), False)
    """
    p = SPACE.match(text, pos).end()
    m = TOKEN.match(text, p)
    if m is None or m.group("w") is None:
        return None
    for r in LEX.readings.get(m.group("w"), ()):
        if r.kind == SCALE:
            return m.end(), r.value, r.number in (DUAL, DUALC)
    return None
