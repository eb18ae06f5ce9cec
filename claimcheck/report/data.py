"""Machine formats: JSON Lines, JSON and CSV (for editors' spreadsheets)."""
from __future__ import annotations

import csv
import io
import json
from typing import Any

from claimcheck.report.base import Report, flat

#: A spreadsheet treats a cell starting with one of these as a formula (or DDE).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def jsonl(report: Report) -> bytes:
    if report.silenced:  # findings not reported are carried, marked ("suppressed")
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in report.all_records()).encode()
    return jsonl_lines(report.items)


#: ``json.dumps(record, ensure_ascii=False)`` without a new encoder per record:
#: ``dumps`` reuses its default encoder only for ``ensure_ascii=True``, and a JSON
#: Lines report encodes one record per claim (the same settings, the same bytes).
_LINE = json.JSONEncoder(ensure_ascii=False).encode


def jsonl_lines(items: Any) -> bytes:
    """One JSON record per line, in the order given (also what workers render)."""
    line = _LINE
    return "".join([line(i.to_record()) + "\n" for i in items]).encode()


def json_(report: Report) -> bytes:
    return (json.dumps(report.all_records(), ensure_ascii=False, indent=2) + "\n").encode()


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
    cols = report.columns
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(cols)
    for rec in report.all_records():
        writer.writerow([csv_cell(flat(rec, c)) for c in cols])
    return ("\ufeff" + buf.getvalue()).encode()
