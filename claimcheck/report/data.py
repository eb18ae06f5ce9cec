"""Machine formats: JSON Lines, JSON and CSV (for editors' spreadsheets)."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import fields
from decimal import Decimal
from typing import Any, Iterator

from claimcheck.model import (
    Calendar,
    CheckedClaim,
    Claim,
    Kind,
    Qualifier,
    Reason,
    Verdict,
)
from claimcheck.report.base import STATUS_COLUMN, Report, flat, marked_record

#: A spreadsheet treats a cell starting with one of these as a formula (or DDE).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def jsonl(report: Report) -> bytes:
    if report.silenced:  # findings not reported are carried, marked ("suppressed")
        return "".join([marked_json(i, status) + "\n" for i, status in report.entries()]).encode()
    return jsonl_lines(report.items)


#: ``json.dumps(record, ensure_ascii=False)`` without a new encoder per record:
#: ``dumps`` reuses its default encoder only for ``ensure_ascii=True``, and a JSON
#: Lines report encodes one record per claim (the same settings, the same bytes).
_LINE = json.JSONEncoder(ensure_ascii=False).encode


def jsonl_lines(items: Any) -> bytes:
    """One JSON record per line, in the order given (also what workers render)."""
    return "".join([record_json(i) + "\n" for i in items]).encode()


def record_json(item: Any) -> str:
    """``json.dumps(item.to_record(), ensure_ascii=False)``, byte for byte, written
    straight from a claim's or a checked claim's fields: no record dict, no
    encoder walking one (a report of an archive writes a record per claim).
    Anything the direct path does not know (a value of an unexpected type, a
    float that is not finite) goes through the encoder."""
    if DIRECT:
        t = type(item)
        try:
            if t is Claim:
                return _claim_json(item) + "}"
            if t is CheckedClaim:
                return _claim_json(item.claim) + _checked_json(item)
        except _UNUSUAL:  # the encoder writes it (or fails as it would have)
            pass
    return _LINE(item.to_record())


def marked_json(item: Any, status: str | None) -> str:
    """``json.dumps(marked_record(item, status), ensure_ascii=False)``: the item's
    record, ending with its ``suppressed`` status when it is not reported."""
    line = record_json(item)
    if status is None:
        return line
    return line[:-1] + ", " + _STR(STATUS_COLUMN) + ": " + _LINE(status) + "}"


#: What the direct path raises on a value it leaves to the encoder: a value
#: of another type (ValueError), an enum it does not know (KeyError)…
_UNUSUAL = (ValueError, TypeError, KeyError, ArithmeticError)


#: the encoder's own string function (C when available): quotes and escapes
_STR = json.encoder.encode_basestring  # type: ignore[attr-defined]
_INF = float("inf")


def _number(v: Any) -> str:
    """A value as :func:`~claimcheck.model.json_number` and the encoder write it."""
    if v is None:
        return "null"
    t = type(v)
    if t is Decimal:
        if not v.is_finite():
            raise ValueError("left to the encoder")
        if v == v.to_integral_value():
            return int.__repr__(int(v))
        f = float(v)
        if f in (_INF, -_INF):
            raise ValueError("left to the encoder")
        return float.__repr__(f)
    if t is str:
        return _STR(v)
    if t is int:
        return int.__repr__(v)
    raise ValueError("left to the encoder")


def _text(v: Any) -> str:
    if v is None:
        return "null"
    if type(v) is str:
        return _STR(v)
    raise ValueError("left to the encoder")


def _int(v: Any) -> int:
    if type(v) is not int:
        raise ValueError("left to the encoder")
    return v


def _enum_json(*enums: Any) -> dict[Any, str]:
    return {m: _STR(str(m)) for e in enums for m in e}


_ENUMS = _enum_json(Kind, Qualifier, Verdict, Reason)
#: ``calendar`` is written as its name, or null
_CALENDARS = {None: "null", **_enum_json(Calendar)}


def _claim_json(c: Claim) -> str:
    """A claim's record without its closing brace."""
    head = _STR(c.file) if type(c.file) is str else _LINE(c.file)
    if c.doc_id is not None:
        head += ', "doc_id": ' + _LINE(c.doc_id)
    assumed = c.currency_assumed
    if assumed is not True and assumed is not False:
        raise ValueError("left to the encoder")
    kind, qualifier, calendar = _ENUMS[c.kind], _ENUMS[c.qualifier], _CALENDARS[c.calendar]
    return (f'{{"file": {head}, "line": {_int(c.line)}, "column": {_int(c.column)}, '
            f'"start": {_int(c.start)}, "end": {_int(c.end)}, "text": {_text(c.text)}, '
            f'"kind": {kind}, "value": {_number(c.value)}, "low": {_number(c.low)}, '
            f'"high": {_number(c.high)}, "unit": {_text(c.unit)}, "qualifier": {qualifier}, '
            f'"subject": {_text(c.subject)}, "calendar": {calendar}, '
            f'"currency_assumed": {"true" if assumed else "false"}, "sentence": {_text(c.sentence)}')


def _checked_json(r: CheckedClaim) -> str:
    """What a checked claim's record adds after its claim's, closing brace included."""
    verdict, reason = _ENUMS[r.verdict], _ENUMS[r.reason]
    score = r.match_score
    if score is not None:
        if type(score) is not float or score in (_INF, -_INF) or score != score:
            raise ValueError("left to the encoder")
        score = float.__repr__(round(score, 4))
    related = _LINE([x.to_record() for x in r.related]) if r.related else "[]"
    return (f', "verdict": {verdict}, "reason": {reason}, "reference_id": {_text(r.reference_id)}, '
            f'"reference_value": {_number(r.reference_value)}, '
            f'"reference_unit": {_text(r.reference_unit)}, '
            f'"reference_period": {_text(r.reference_period)}, '
            f'"reference_source": {_text(r.reference_source)}, "delta": {_number(r.delta)}, '
            f'"match_score": {"null" if score is None else score}, '
            f'"explanation": {_text(r.explanation)}, "related": {related}, '
            f'"expected": {_number(r.expected)}}}')


def _layout() -> tuple[tuple[str, str | None], ...]:
    """The records' fields and how each is encoded (the names of the functions)."""
    return tuple((f.name, getattr(f.metadata.get("json"), "__name__", None))
                 for cls in (Claim, CheckedClaim) for f in fields(cls) if f.metadata.get("record", True))


#: The layout :func:`record_json` writes: a field added to or changed in
#: :class:`~claimcheck.model.Claim` or :class:`~claimcheck.model.CheckedClaim`
#: turns the direct path off until it is taught the field (a test says so).
LAYOUT = (("file", None), ("line", None), ("column", None), ("start", None), ("end", None),
          ("text", None), ("kind", "str"), ("value", "json_number"), ("low", "json_number"),
          ("high", "json_number"), ("unit", None), ("qualifier", "str"), ("subject", None),
          ("calendar", "_enum_or_none"), ("currency_assumed", None), ("sentence", None),
          ("verdict", "str"), ("reason", "str"), ("reference_id", None),
          ("reference_value", "json_number"), ("reference_unit", None), ("reference_period", None),
          ("reference_source", None), ("delta", "json_number"), ("match_score", "_score"),
          ("explanation", None), ("related", "_related"), ("expected", "json_number"))
DIRECT = _layout() == LAYOUT


def json_(report: Report) -> bytes:
    return "".join(json_pieces(report)).encode()


def json_pieces(report: Any) -> Iterator[str]:
    """:func:`json_` a record at a time, as ``json.dumps(records, indent=2)`` lays
    them out (a :class:`Report` or a :class:`~claimcheck.report.spill.BoundedReport`):
    each record indented as it is inside the array, a silenced one marked."""
    sep = "[\n  "
    for it, status in report.entries():
        yield sep + json.dumps(marked_record(it, status), ensure_ascii=False, indent=2).replace("\n", "\n  ")
        sep = ",\n  "
    yield "[]\n" if sep.startswith("[") else "\n]\n"


def inert(value: str) -> str:
    """Make a text cell that a spreadsheet would evaluate show as plain text.

    A leading apostrophe is the spreadsheet convention for "this is text":
    Excel and LibreOffice hide it and never run the cell.

    >>> inert("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> inert("-5 درجات")
    "'-5 درجات"
    >>> inert("-")  # standard input's name: a lone sign is never a formula
    '-'
    """
    if value in ("-", "+"):
        return value
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def csv_cell(value: Any) -> str:
    """One CSV cell: numbers as numbers (``-0.25`` stays a number), text made inert."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    return inert(str(value))


def csv_(report: Report) -> bytes:
    """UTF-8 with BOM (Excel then reads Arabic correctly), CRLF rows, fixed column order."""
    return "".join(csv_pieces(report)).encode()


def csv_pieces(report: Any) -> Iterator[str]:
    """:func:`csv_` some rows at a time, from a :class:`Report` or a
    :class:`~claimcheck.report.spill.BoundedReport`: every finding in report
    order, a silenced one with its status."""
    cols = report.columns
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    yield "\ufeff"
    writer.writerow(cols)
    for n, (item, status) in enumerate(report.entries(), start=1):
        rec = marked_record(item, status)
        writer.writerow([csv_cell(flat(rec, c)) for c in cols])
        if n % 512 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()
