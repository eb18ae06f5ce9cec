"""The workbook as claimcheck wrote it before issue 17 — a normal openpyxl
workbook built cell by cell in memory, then rezipped with fixed dates — kept
as the oracle of tests/test_xlsx_report.py: the write-only writer that replaced
it must give the same sheets, cell for cell (values, types, number formats,
fills, fonts, links, wrap, widths, panes, filters, direction).

Its value helpers are the package's (unchanged by the new writer); only the
way the sheets are built and saved is the old one.
"""
from __future__ import annotations

import io
import zipfile
from typing import Any

from claimcheck.lang import display
from claimcheck.model import REASON_VERDICT, Verdict
from claimcheck.report.base import FINDING_VERDICT, Report, finding_of, flat, is_web_link, verdict_of
from claimcheck.report.xlsx import (
    EPOCH,
    FILL,
    INTEGER_FORMAT,
    MAX_WIDTH,
    WRAP,
    ZIP_DATE,
    _display_text,
    _number_format,
    _shown,
    sheet_columns,
)


def _width(values: list[Any], header: str, name: str) -> float:
    longest = max([len(header)] + [len(_display_text(v)) for v in values])
    return float(min(longest + 2, WRAP.get(name, MAX_WIDTH)))


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
    cols = sheet_columns(report.columns)
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


def whole_xlsx(report: Report) -> bytes:
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
