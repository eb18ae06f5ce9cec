"""The number style of a table column: which mark is its decimal point.

A cell typed by a person or exported by a spreadsheet writes its number in the
style of its locale: ``1,234.5`` (English, and Arabic with Western digits in the
Arab East), ``1.234,5`` (Arabic in the Maghreb — ar-DZ, ar-MA, ar-TN — and most
of Europe), ``١٬٢٣٤٫٥`` (Arabic-Indic digits with the Arabic separators: ٫ is
always the decimal mark and ٬ always a group, so they are never in doubt; the
Arabic comma ، is read as a Latin comma, which it stands for on many keyboards).

Most cells show their style by themselves:

* ``1.5``, ``2.25``, ``1.1050`` — a group has exactly three digits, so a mark
  followed by any other number of digits is the decimal mark;
* ``0.105``, ``1234.567`` — no group starts with 0 or has more than three digits
  before its mark, so this one is decimal too;
* ``1,234,567`` — a decimal mark is written once: a repeated mark groups;
* ``1,234.5`` / ``1.234,5`` — two marks: the last is the decimal one.

One shape does not: a single ``.`` or ``,`` with exactly three digits after it
and one to three before — ``1.105`` is 1.105 in one style and 1105 in the other.
Running text settles that by context (a scale word after it: :mod:`claimcheck.lang.digits`);
a table settles it by its column: an ambiguous cell is read in the style that
the column's other cells show, else in the style of the table's other number
columns, and is refused — with file, row and column — when they show none or
show both. It is never silently read a thousand times too big or too small.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

from claimcheck.errors import NumberSyntaxError
from claimcheck.lang import recache
from claimcheck.lang.digits import signed_body
from claimcheck.text.normalize import fold

# The Arabic separators are unambiguous; fold() would turn them into . and , so
# they are set aside first, as characters fold leaves alone (private use).
_AR_DECIMAL, _AR_GROUP = "\ue000", "\ue001"
_PROTECT = str.maketrans({"٫": _AR_DECIMAL, "٬": _AR_GROUP, "،": ","})
_MARKS = f".,{_AR_DECIMAL}{_AR_GROUP}"
_BODY = recache.compile(rf"[0-9]+(?:[{_MARKS}][0-9]+)*")
_SPLIT = recache.compile(rf"([{_MARKS}])")
_SCIENTIFIC = recache.compile(r"[0-9]+(?:\.[0-9]+)?[eE][+-]?[0-9]+")
#: The other Latin mark: a column whose decimal mark is one groups with the other.
_OTHER = {".": ",", ",": "."}


@dataclass(frozen=True, slots=True)
class CellNumber:
    """What one cell says: its value, or the mark that leaves it in doubt."""

    #: The number, or None when the cell is ambiguous (``1.105``).
    value: Decimal | None
    #: The Latin decimal mark this cell shows (``"."`` for ``1.5`` or ``1,234``),
    #: or None when it shows none (``87``, ``١٫٥``, or an ambiguous cell).
    decimal: str | None = None
    #: For an ambiguous cell, its one mark (``"."`` in ``1.105``).
    ambiguous: str | None = None
    negative: bool = False
    percent: bool = False
    #: The cell's digits and marks (for messages: ``1.105``).
    body: str = ""

    def read_as(self, decimal: str) -> Decimal:
        """The ambiguous cell read with ``decimal`` as its decimal mark."""
        assert self.ambiguous is not None
        head, tail = self.body.split(self.ambiguous)
        v = Decimal(f"{head}.{tail}") if self.ambiguous == decimal else Decimal(head + tail)
        return v.copy_negate() if self.negative else v


def read_cell(raw: str) -> CellNumber:
    """What a table cell holds as a number: any digit script, sign, percent sign,
    spaces or no-break spaces between groups. Raises NumberSyntaxError.

    >>> read_cell("١٬٢٠٠٫٥").value, read_cell("1,234.5").decimal, read_cell("1.105").ambiguous
    (Decimal('1200.5'), '.', '.')
    """
    negative, percent, t = signed_body(fold(raw.translate(_PROTECT)).strip().replace(" ", ""))
    if _SCIENTIFIC.fullmatch(t):
        v = Decimal(t)
        return CellNumber(v.copy_negate() if negative else v, None, None, negative, percent, t)
    if not _BODY.fullmatch(t) or len(t) > 40:
        raise NumberSyntaxError(f"not a number: {raw[:80]!r}")
    parts = _SPLIT.split(t)
    digits, marks = parts[0::2], parts[1::2]
    decimal, group = _marks_of(marks, digits, raw)
    if decimal is None and group is None and marks:  # one mark, three digits after it
        return CellNumber(None, None, marks[0], negative, percent, t)
    head = digits[0]
    if group is not None:
        groups = digits[1:len(marks) - (decimal is not None) + 1]
        if len(head) > 3 or head.startswith("0") or any(len(g) != 3 for g in groups):
            raise NumberSyntaxError(f"not a number: {raw[:80]!r} "
                                    "(thousands groups have three digits)")
    frac = digits[-1] if decimal is not None else ""
    whole = "".join(digits[:-1] if decimal is not None else digits)
    v = Decimal(f"{whole}.{frac}") if frac else Decimal(whole)
    # the Latin decimal mark the cell shows (none when a mark both groups and
    # ends the decimals, as in 874.347.21)
    shown = None if decimal == "tail" else decimal if decimal in _OTHER else _OTHER.get(group or "")
    return CellNumber(v.copy_negate() if negative else v, shown, None, negative, percent, t)


def _marks_of(marks: list[str], digits: list[str], raw: str) -> tuple[str | None, str | None]:
    """(decimal mark, group mark) of a cell's marks; both None when it is ambiguous."""
    kinds = set(marks)
    if not marks:
        return None, None
    bad = NumberSyntaxError(f"not a number: {raw[:80]!r}")
    if len(kinds) > 2:
        raise bad
    last = marks[-1]
    if len(kinds) == 2:
        (group,) = kinds - {last}
        if marks.count(last) != 1 or last == _AR_GROUP or group == _AR_DECIMAL:
            raise bad  # 1.2,3,4 or ٫ used as a group
        return last, group
    if last == _AR_DECIMAL:
        if len(marks) != 1:
            raise bad
        return last, None
    if last == _AR_GROUP or len(marks) > 1:
        # a repeated mark groups; a tail that is not three digits after it is
        # decimals written with the same mark (874.347.21, as some papers do)
        if len(digits[-1]) != 3 and last != _AR_GROUP:
            return "tail", last
        return None, last
    head, tail = digits
    if len(tail) != 3 or head.startswith("0") or len(head) > 3:
        return last, None
    return None, None


@dataclass(frozen=True, slots=True)
class ColumnStyle:
    """The decimal marks a column's cells show, each with the first row showing it."""

    rows: tuple[tuple[str, int], ...] = ()

    @classmethod
    def of(cls, cells: Iterable[tuple[int, CellNumber]]) -> ColumnStyle:
        first: dict[str, int] = {}
        for row, c in cells:
            if c.decimal is not None and c.decimal not in first:
                first[c.decimal] = row
                if len(first) == 2:
                    break
        return cls(tuple(sorted(first.items())))

    @property
    def decimal(self) -> str | None:
        """The column's one decimal mark, or None when it shows none or two."""
        return self.rows[0][0] if len(self.rows) == 1 else None


def resolve(cell: CellNumber, column: ColumnStyle, table: ColumnStyle) -> Decimal:
    """The value of an ambiguous cell, read in its column's style, else its table's.

    Raises NumberSyntaxError saying why when neither settles it.
    """
    mark = cell.ambiguous
    assert mark is not None
    for style, where in ((column, "column"), (table, "table")):
        if style.decimal is not None:
            return cell.read_as(style.decimal)
        if len(style.rows) == 2:
            (a, ra), (b, rb) = style.rows
            raise NumberSyntaxError(
                f"{cell.body!r} is ambiguous ({_readings(cell)}) and the {where} mixes "
                f"number styles: {a!r} is the decimal mark at row {ra}, {b!r} at row {rb}; "
                f"write this cell without the doubt ({_fixes(cell)})")
    raise NumberSyntaxError(
        f"{cell.body!r} is ambiguous ({_readings(cell)}): three digits after {mark!r} "
        f"may be a thousands group or decimals, and no other cell of the table shows "
        f"which; write {_fixes(cell)}")


def _readings(cell: CellNumber) -> str:
    return f"{cell.read_as(cell.ambiguous or '.')} or {cell.read_as(_OTHER[cell.ambiguous or '.'])}"


def _fixes(cell: CellNumber) -> str:
    as_decimal = cell.read_as(cell.ambiguous or ".")
    as_group = cell.read_as(_OTHER[cell.ambiguous or "."])
    return f"{as_decimal}0 for the decimal, {as_group} for the whole number"
