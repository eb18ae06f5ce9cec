"""The spreadsheet for editors: a sheet to work in and a summary sheet.

Headers and coded values (verdict, reason, kind, qualifier, unit) are words of
the report's language; the explanation is wrapped beside the claim; numbers
are numbers with thousands separators (``#,##0``), ``delta`` a percentage
(``0.0%``); widths fit the content. The sheet is right-to-left in Arabic,
with a frozen header, filters, verdict colours and source links.

No cell can become a formula: text is written as a string cell (never parsed
as a formula), so ``-`` (standard input) or ``=1+1`` in an article show as
written, with no apostrophe. The file is byte-identical across runs: the
workbook's created/modified stamps are fixed and the zip entries are written
with a fixed date.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from claimcheck.lang import display, recache
from claimcheck.model import REASON_VERDICT, Verdict
from claimcheck.report.base import (
    FINDING_VERDICT,
    STATUS_COLUMN,
    Report,
    finding_of,
    flat,
    is_web_link,
    verdict_of,
)

#: Fixed stamp for the workbook properties and zip entries (reproducible output).
EPOCH = dt.datetime(2024, 1, 1, 0, 0, 0)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

FILL = {Verdict.CONTRADICTED: "F8D7DA", Verdict.UNVERIFIABLE: "FFF3CD", Verdict.SUPPORTED: "D1E7DD"}
#: Columns an editor reads first, in this order, right after the position.
FRONT = ("file", "doc_id", "line", "column", "text", "explanation", "verdict", "reason")
#: Columns kept for reference at the end (offsets are for programs).
BACK = ("sentence", "subject", "calendar", "currency_assumed", "match_score", "start", "end")
#: Columns whose text wraps, and the widest they get (characters).
WRAP = {"text": 30, "explanation": 60, "sentence": 60, "reference_source": 40}
MAX_WIDTH = 40
#: Coded values shown as words, and the label table of each.
WORDS = {"verdict": "verdict", "reason": "reason", "kind": "kind", "qualifier": "qualifier"}
#: A spreadsheet keeps 15 significant digits; longer integers are written as
#: text so that every digit survives.
EXACT_DIGITS = 15
_ILLEGAL = recache.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
INTEGER_FORMAT, DECIMAL_FORMAT, PERCENT_FORMAT = "#,##0", "#,##0.0##########", "0.0%"


def sheet_columns(report: Report) -> tuple[str, ...]:
    """The report's columns, the ones an editor reads first moved to the front."""
    cols = report.columns
    front = tuple(c for c in FRONT if c in cols)
    back = tuple(c for c in BACK if c in cols)
    return front + tuple(c for c in cols if c not in front and c not in back) + back


def _text(value: str) -> str:
    # Control characters (a pasted NUL, an escape) are illegal in the XML of a
    # sheet: shown as U+FFFD so the cell still says something was there.
    return _ILLEGAL.sub("\ufffd", value)


def _shown(name: str, value: Any, lang: str) -> Any:
    """The cell's value as a person reads it (numbers stay numbers)."""
    if value is None or value == "":
        return None
    if name in WORDS:
        return display.label(WORDS[name], value, lang)
    if name == STATUS_COLUMN:
        return display.text(f"{value}_status", lang)
    if name in ("unit", "reference_unit"):
        return "%" if value == "percent" else display.unit_label(value, lang) or value
    if name == "calendar":
        return display.text(str(value), lang)
    if isinstance(value, bool):
        return display.text("yes" if value else "no", lang)
    if isinstance(value, int) and abs(value) >= 10 ** EXACT_DIGITS:
        return display.number(value, lang)
    if isinstance(value, (int, float)):
        return value
    return _text(str(value))


def _number_format(name: str, value: Any) -> str | None:
    if name == "delta":
        return PERCENT_FORMAT
    if name == "match_score":
        return "0.00"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if name in ("line", "column", "start", "end"):
        return "0"
    return INTEGER_FORMAT if isinstance(value, int) or float(value).is_integer() else DECIMAL_FORMAT


def _width(values: list[Any], header: str, name: str) -> float:
    longest = max([len(header)] + [len(_display_text(v)) for v in values])
    return float(min(longest + 2, WRAP.get(name, MAX_WIDTH)))


def _display_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return max(str(value).split("\n"), key=len)


def _reproducible(data: bytes) -> bytes:
    """Rewrite the zip with fixed entry dates and order, so equal input gives equal bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def _claims_sheet(ws: Any, report: Report) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    lang = report.lang
    ws.sheet_view.rightToLeft = lang == "ar"
    cols = sheet_columns(report)
    headers = [display.label("column", c, lang) for c in cols]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    fills = {v: PatternFill("solid", fgColor=c) for v, c in FILL.items()}
    link_font = Font(color="0563C1", underline="single")
    wrap = Alignment(vertical="top", wrap_text=True)
    top = Alignment(vertical="top")
    shown: dict[str, list[Any]] = {c: [] for c in cols}
    entries = report.entries()
    records = report.all_records()
    for row, ((item, _), rec) in enumerate(zip(entries, records, strict=True), start=2):
        for col_n, name in enumerate(cols, start=1):
            # the verdict as people read it: «تناقض داخلي» when no table is involved
            value = _shown(name, finding_of(item) if name == "verdict" else flat(rec, name), lang)
            shown[name].append(value)
            cell = ws.cell(row, col_n)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula
            fmt = _number_format(name, value)
            if fmt:
                cell.number_format = fmt
            cell.alignment = wrap if name in WRAP else top
        verdict = verdict_of(item)
        if verdict is not None and "verdict" in cols:
            ws.cell(row, cols.index("verdict") + 1).fill = fills[verdict]
        source = rec.get("reference_source")
        if "reference_source" in cols and is_web_link(source):
            cell = ws.cell(row, cols.index("reference_source") + 1)
            cell.hyperlink = source
            cell.font = link_font
    for i, (name, header) in enumerate(zip(cols, headers, strict=True), start=1):
        ws.column_dimensions[get_column_letter(i)].width = _width(shown[name], header, name)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{max(1, len(records) + 1)}"


def _summary_rows(report: Report) -> list[tuple[str, str, int, Verdict | None]]:
    """(group, item, count, colour) rows of the summary sheet."""
    lang = report.lang
    word = lambda name: display.label("column", name, lang)  # noqa: E731
    rows: list[tuple[str, str, int, Verdict | None]] = [
        (display.text("claims_label", lang), display.text("all_claims", lang), len(report.items), None),
        (display.text("files_label", lang), display.text("all", lang), len(report.files()), None),
    ]
    if report.checked:
        rows += [(word("verdict"), display.label("verdict", f, lang), n, FINDING_VERDICT[f])
                 for f, n in report.finding_counts().items()]
        rows += [(word("reason"), display.label("reason", r, lang), n, REASON_VERDICT.get(r))
                 for r, n in report.reason_counts().items()]
    rows += [(word("kind"), display.label("kind", k, lang), n, None) for k, n in report.kind_counts().items()]
    rows.append((word("status"), display.text("comment_status", lang), len(report.suppressed), None))
    rows.append((word("status"), display.text("baseline_status", lang), report.baselined, None))
    return rows


def _summary_sheet(ws: Any, report: Report) -> None:
    from openpyxl.styles import Font, PatternFill

    lang = report.lang
    ws.sheet_view.rightToLeft = lang == "ar"
    headers = [display.text("group", lang), display.text("item", lang), display.text("count", lang)]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    rows = _summary_rows(report)
    for group, item, n, verdict in rows:
        ws.append([group, item, n])
        ws.cell(ws.max_row, 3).number_format = INTEGER_FORMAT
        if verdict is not None:
            ws.cell(ws.max_row, 2).fill = PatternFill("solid", fgColor=FILL[verdict])
    for letter, i in (("A", 0), ("B", 1)):
        ws.column_dimensions[letter].width = max(len(headers[i]), *(len(r[i]) for r in rows)) + 2
    ws.column_dimensions["C"].width = max(len(headers[2]), 8) + 2
    ws.freeze_panes = "A2"


def xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook()
    ws = wb.active
    ws.title = display.text("claims_sheet", report.lang)
    _claims_sheet(ws, report)
    _summary_sheet(wb.create_sheet(display.text("summary_sheet", report.lang)), report)
    wb.properties.creator = "claimcheck"
    wb.properties.created = EPOCH
    wb.properties.modified = EPOCH
    buf = io.BytesIO()
    archive = zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED)
    ExcelWriter(wb, archive).save()  # not save_workbook(): that stamps "modified" with now
    return _reproducible(buf.getvalue())


__all__ = ["xlsx", "sheet_columns", "FRONT", "FILL"]
