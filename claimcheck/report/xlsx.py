"""The spreadsheet for editors: right-to-left, frozen header, filters, colours, links.

The file is byte-identical across runs: the workbook's created/modified stamps
are fixed and the zip entries are written with a fixed date.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

from claimcheck.model import REASON_VERDICT, Verdict
from claimcheck.report.base import Report, is_web_link, verdict_of
from claimcheck.report.data import inert

#: Fixed stamp for the workbook properties and zip entries (reproducible output).
EPOCH = dt.datetime(2024, 1, 1, 0, 0, 0)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

FILL = {Verdict.CONTRADICTED: "F8D7DA", Verdict.UNVERIFIABLE: "FFF3CD", Verdict.SUPPORTED: "D1E7DD"}
WIDTH = {"file": 24, "text": 30, "sentence": 60, "explanation": 60, "reference_source": 30}


#: A spreadsheet keeps 15 significant digits; longer integers are written as
#: text so that every digit survives.
EXACT_DIGITS = 15
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _cell_value(value: Any) -> Any:
    """Numbers stay numbers; text cannot become a formula."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10 ** EXACT_DIGITS:
        return str(value)
    if value is None or isinstance(value, (bool, int, float)):
        return value
    # Control characters (a pasted NUL, an escape) are illegal in the XML of a
    # sheet: shown as U+FFFD so the cell still says something was there.
    return _ILLEGAL.sub("\ufffd", inert(str(value)))


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


def xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook()
    ws = wb.active
    ws.title = "claims"
    ws.sheet_view.rightToLeft = True
    cols = report.columns
    ws.append(list(cols))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    fills = {v: PatternFill("solid", fgColor=c) for v, c in FILL.items()}
    source_col = cols.index("reference_source") + 1 if "reference_source" in cols else None
    verdict_col = cols.index("verdict") + 1 if "verdict" in cols else None
    link_font = Font(color="0563C1", underline="single")
    for row, (item, rec) in enumerate(zip(report.items, report.records()), start=2):
        ws.append([_cell_value(rec.get(c)) for c in cols])
        verdict = verdict_of(item)
        if verdict_col and verdict is not None:
            ws.cell(row, verdict_col).fill = fills[verdict]
        source = rec.get("reference_source")
        if source_col and is_web_link(source):
            cell = ws.cell(row, source_col)
            cell.hyperlink = source
            cell.font = link_font
    for i, name in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(i)].width = WIDTH.get(name, 14)
    ws.freeze_panes = "A2"
    last = get_column_letter(len(cols))
    ws.auto_filter.ref = f"A1:{last}{max(1, len(report.items) + 1)}"

    summary = wb.create_sheet("summary")
    summary.sheet_view.rightToLeft = True
    summary.append(["count", "value", "claims"])
    for cell in summary[1]:
        cell.font = Font(bold=True)
    summary.append(["claims", "all", len(report.items)])
    if report.checked:
        for verdict, n in report.verdict_counts().items():
            summary.append(["verdict", str(verdict), n])
            summary.cell(summary.max_row, 2).fill = fills[verdict]
        for reason, n in report.reason_counts().items():
            summary.append(["reason", str(reason), n])
            summary.cell(summary.max_row, 2).fill = fills[REASON_VERDICT[reason]]
    summary.append(["suppressed", "by comment", len(report.suppressed)])
    summary.append(["baseline", "known", report.baselined])
    summary.column_dimensions["A"].width = 14
    summary.column_dimensions["B"].width = 24
    summary.freeze_panes = "A2"

    wb.properties.creator = "claimcheck"
    wb.properties.created = EPOCH
    wb.properties.modified = EPOCH
    buf = io.BytesIO()
    archive = zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED)
    ExcelWriter(wb, archive).save()  # not save_workbook(): that stamps "modified" with now
    return _reproducible(buf.getvalue())
