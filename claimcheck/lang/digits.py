"""Numbers written with digits: separators, implied precision, Egyptian decimals.

The normalised text (see :mod:`claimcheck.text.normalize`) already has Western digits,
``٫`` as ``.`` and ``٬`` as ``,``. What remains is the separator grammar of
Arabic news:

* a group of exactly three digits after a separator (``,`` ``.`` ``،``) is a
  thousands group, anything else is a decimal point: ``1,500`` = 1500,
  ``4.3`` = 4.3, ``874.347.21`` = 874347.21 (dots as thousands separators with a
  decimal tail, common in Gulf and Egyptian papers);
* at most one decimal point; a literal that breaks this (``3.1.2``) is not a
  number (version strings, dotted dates);
* the Egyptian press writes decimals with the letter ر: ``8 ر8`` = 8.8.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from claimcheck.errors import NumberSyntaxError
from claimcheck.lang import recache
from claimcheck.text.normalize import fold

#: A digit literal in normalised text: digit groups joined by one separator each.
#: Possessive quantifiers keep the scan linear on hostile input (1,1,1,1,…).
#: The first digit is a class of its own (``[0-9][0-9]*+`` is ``[0-9]++``): a
#: pattern that starts with a class lets ``re`` skip to the next digit in a
#: tight loop instead of trying a match at every character (2× faster scan).
DIGIT_LITERAL = r"[0-9][0-9]*+(?:[.,،][0-9]++)*+"
SEPARATORS = ".,،"
#: Longest digit literal read as a number (10^15 with separators is 21 characters).
MAX_LITERAL = 40
_SEP_SPLIT = recache.compile(r"[.,،]")
_LITERAL_FULL = recache.compile(DIGIT_LITERAL)
_SCIENTIFIC = recache.compile(r"[0-9]+(?:\.[0-9]+)?[eE][+-]?[0-9]+")
_ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class Literal:
    value: Decimal
    #: One step of the last written digit: ``4.3`` → 0.1, ``1,500`` → 1.
    resolution: Decimal
    #: Digits written before any separator (for years, phone numbers, codes).
    int_digits: int
    grouped: bool


def parse_literal(s: str) -> Literal | None:
    """Parse a normalised digit literal, or return None when it is not a number.

    >>> parse_literal("874.347.21").value
    Decimal('874347.21')
    >>> parse_literal("3.1.2") is None
    True
    """
    if len(s) > MAX_LITERAL:
        return None  # 1,1,1,… or a 100,000-digit run: noise, not a quantity
    return _parsed(s)


@lru_cache(maxsize=4096)
def _parsed(s: str) -> Literal | None:
    """:func:`parse_literal` of a literal of at most MAX_LITERAL characters,
    remembered: the same few (years, small counts) come back claim after claim,
    and a :class:`Literal` is immutable. (Only short ones: a hostile run of
    digits is never kept.)"""
    if s.isdigit():  # most literals: no separator at all
        return Literal(Decimal(s), _ONE, len(s), False)
    groups = _SEP_SPLIT.split(s)
    head = groups[0]
    if not head.isdigit():
        return None
    parts = [head]
    frac = ""
    grouped = False
    for g in groups[1:]:
        if not g.isdigit():
            return None
        if frac:
            return None  # a second group after a decimal tail
        if len(g) == 3 and len(head) <= 3 and head != "0":
            parts.append(g)
            grouped = True
        else:
            frac = g
    int_part = "".join(parts)
    value = Decimal(f"{int_part}.{frac}") if frac else Decimal(int_part)
    resolution = Decimal(1).scaleb(-len(frac)) if frac else Decimal(1)
    return Literal(value, resolution, len(head), grouped)


def parse_number_text(s: str) -> Decimal:
    """Parse a number as typed in a table cell: any digit script and separator.

    Raises ValueError when the cell is not a number.

    >>> parse_number_text("٣٫٥")
    Decimal('3.5')
    >>> parse_number_text("-1,200")
    Decimal('-1200')
    """
    negative, _, t = signed_body(fold(s).strip().replace(" ", "").replace("\u066c", ""))
    if _SCIENTIFIC.fullmatch(t):
        v = Decimal(t)
    else:
        lit = parse_literal(t) if _LITERAL_FULL.fullmatch(t) else None
        if lit is None:
            raise NumberSyntaxError(f"not a number: {s!r}")
        v = lit.value
    return v.copy_negate() if negative else v  # exact: no context, no overflow


def signed_body(t: str) -> tuple[bool, bool, str]:
    """A written number's sign and trailing percent sign taken off:
    ``(negative, percent, the digits and marks between)``.

    >>> signed_body("-12.5%"), signed_body("+3"), signed_body("")
    ((True, True, '12.5'), (False, False, '3'), (False, False, ''))
    """
    negative = t[:1] == "-"
    if t[:1] in ("+", "-"):  # (not `in "+-"`: the empty string is in every string)
        t = t[1:]
    percent = t.endswith("%")
    return negative, percent, t[:-1] if percent else t
