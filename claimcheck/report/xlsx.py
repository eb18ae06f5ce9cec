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

One writer makes every workbook, in memory that does not grow with the
records (issue 17): openpyxl's write-only mode, which writes each row to a
temporary file as it is appended, from what every formatter reads — the
running totals (:meth:`~claimcheck.report.base.Report.tally`) and the findings
in report order (``entries()``), read twice: once for the column widths (a
write-only sheet needs them before its first row), once for the rows. A whole
:class:`~claimcheck.report.base.Report` and a
:class:`~claimcheck.report.spill.BoundedReport` (records kept on disk) give the
same bytes.
"""
from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from contextlib import contextmanager
from typing import IO, Any, Iterator

from claimcheck.lang import display, recache
from claimcheck.model import REASON_VERDICT, Verdict
from claimcheck.report.base import (
    FINDING_VERDICT,
    STATUS_COLUMN,
    Report,
    Tally,
    finding_of,
    flat,
    is_web_link,
    marked_record,
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
#: Links a sheet holds: Excel's own limit (65,530 URLs in a worksheet). Past it a
#: source stays as text; it also bounds what openpyxl keeps until the sheet
#: ends (each link and its relationship, some 1.3 KB).
MAX_LINKS = 65_530


def sheet_columns(cols: tuple[str, ...]) -> tuple[str, ...]:
    """The report's columns (:meth:`~claimcheck.report.base.Tally.columns`), the
    ones an editor reads first moved to the front."""
    front = tuple(c for c in FRONT if c in cols)
    back = tuple(c for c in BACK if c in cols)
    return front + tuple(c for c in cols if c not in front and c not in back) + back


def _text(value: str) -> str:
    # Control characters (a pasted NUL, an escape) are illegal in the XML of a
    # sheet: shown as U+FFFD so the cell still says something was there.
    return value if _ILLEGAL.search(value) is None else _ILLEGAL.sub("\ufffd", value)


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


def _display_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return max(str(value).split("\n"), key=len)



#: Columns whose cells :func:`_shown` words (or, for ``related``, joins) from the record.
_WORDED = frozenset({*WORDS, STATUS_COLUMN, "unit", "reference_unit", "calendar", "related"})


def _value(name: str, item: Any, rec: dict[str, Any], lang: str) -> Any:
    if name not in _WORDED:  # (most cells: text as it is, a number; :func:`_shown` in short)
        value = rec.get(name)
        if type(value) is str:
            return _text(value) if value else None
        return None if value is None else _shown(name, value, lang)
    # the verdict as people read it: «تناقض داخلي» when no table is involved
    return _shown(name, finding_of(item) if name == "verdict" else flat(rec, name), lang)


def _widths(report: Any, cols: tuple[str, ...], headers: list[str]) -> list[float]:
    """Each column as wide as its widest cell or header (its widest line), up to
    its cap: a first pass over the findings, which stops reading a column once
    it reaches its cap (and the findings once every column has)."""
    caps = [WRAP.get(c, MAX_WIDTH) for c in cols]
    longest = [len(h) for h in headers]
    growing = [i for i, cap in enumerate(caps) if longest[i] + 2 < cap]
    lang = report.lang
    for item, status in report.entries():
        if not growing:
            break
        rec = marked_record(item, status)
        grown = False
        for i in growing:
            n = len(_display_text(_value(cols[i], item, rec, lang)))
            if n > longest[i]:
                longest[i], grown = n, True
        if grown:
            growing = [i for i in growing if longest[i] + 2 < caps[i]]
    return [float(min(n + 2, cap)) for n, cap in zip(longest, caps, strict=True)]


def _claims_sheet(wb: Any, report: Any, tally: Tally) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    lang = report.lang
    ws = wb.create_sheet(display.text("claims_sheet", lang))
    ws.sheet_view.rightToLeft = lang == "ar"
    cols = sheet_columns(tally.columns(report.checked))
    headers = [display.label("column", c, lang) for c in cols]
    # a write-only sheet writes its widths, panes and views before its first row
    for i, width in enumerate(_widths(report, cols, headers), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    rows = tally.reported + tally.suppressed + tally.known
    ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{max(1, rows + 1)}"
    _stream(ws, ws.auto_filter.ref)
    bold, wrap = Font(bold=True), Alignment(vertical="top", wrap_text=True)
    ws.append([_cell(WriteOnlyCell(ws), h, font=bold, alignment=wrap) for h in headers])
    cells = _Cells(ws, cols)
    link_font = Font(color="0563C1", underline="single")
    links = cols.index("reference_source") if "reference_source" in cols else None
    linked = 0
    for item, status in report.entries():
        rec = marked_record(item, status)
        verdict = verdict_of(item)
        row = [cells.get(i, _value(name, item, rec, lang), verdict) for i, name in enumerate(cols)]
        source = rec.get("reference_source")
        if links is not None and is_web_link(source) and linked < MAX_LINKS:
            # a cell of its own: openpyxl keeps its link until the sheet ends
            row[links] = _cell(WriteOnlyCell(ws), row[links].value, alignment=wrap,
                               hyperlink=source, font=link_font)
            linked += 1
        ws.append(row)


class _Cells:
    """One write-only cell per column and style, given a new value row after
    row (openpyxl writes a row's cells as it is appended): looking a style up
    in the workbook is most of what a new cell costs."""

    def __init__(self, ws: Any, cols: tuple[str, ...]) -> None:
        from openpyxl.styles import Alignment, PatternFill

        self.ws, self.cols = ws, cols
        wrap, top = Alignment(vertical="top", wrap_text=True), Alignment(vertical="top")
        self.align = [wrap if name in WRAP else top for name in cols]
        self.fills = {v: PatternFill("solid", fgColor=c) for v, c in FILL.items()}
        self.verdict_at = cols.index("verdict") if "verdict" in cols else None
        self.cells: dict[tuple[int, str | None, Verdict | None], Any] = {}

    def get(self, i: int, value: Any, verdict: Verdict | None) -> Any:
        fmt = _number_format(self.cols[i], value)
        key = (i, fmt, verdict if i == self.verdict_at else None)
        cell = self.cells.get(key)
        if cell is None:
            from openpyxl.cell import WriteOnlyCell

            fill = self.fills[verdict] if key[2] is not None else None
            cell = self.cells[key] = _cell(WriteOnlyCell(self.ws), None, number_format=fmt,
                                           alignment=self.align[i], fill=fill)
        return _put(cell, value)


#: The longest text a cell holds (openpyxl cuts a longer one there).
CELL_CHARS = 32_767


def _put(cell: Any, value: Any) -> Any:
    """:func:`_cell` of a cell already styled, for the values a row holds: what
    openpyxl's value setter would leave (a type looked up, text cut at
    :data:`CELL_CHARS`) without its checks' calls; any other value through it."""
    kind = type(value)
    if kind is str:
        if _ILLEGAL.search(value) is None:  # (openpyxl refuses it: its own error)
            cell._value, cell.data_type = value[:CELL_CHARS], "s"
            return cell
    elif kind is int or kind is float or value is None:
        cell._value, cell.data_type = value, "n"
        return cell
    return _cell(cell, value)


def _stream(ws: Any, size: str) -> None:
    """Start a write-only sheet whose widths, panes and views are set (openpyxl
    writes them before the first row), of ``size`` (its ``dimension``, which
    readers in read-only mode go by; a write-only sheet has none of its own),
    with three changes to openpyxl's own way:
    its rows go to an unnamed temporary file (openpyxl's is a named one, which a
    killed run would leave behind, as large as the sheet); a row's cells —
    always :func:`_cell` s here — are taken as they are (openpyxl first tries
    each as a value, a caught exception per cell: a quarter of the time); and
    a row is written as the text openpyxl's serializer gives it
    (:func:`_row_xml`), not built as elements and serialized a node at a time
    (three quarters of what a row cost)."""
    import tempfile

    from openpyxl import LXML
    from openpyxl.worksheet._writer import WorksheetWriter

    class SheetWriter(WorksheetWriter):
        def __init__(self, ws: Any, out: IO[bytes]) -> None:
            super().__init__(ws, out=out)
            #: id of a cell's style → (the style, whether it has one, its index):
            #: a style array is never changed once its cell is written
            self.styles: dict[int, tuple[Any, bool, int | None]] = {}

        def cleanup(self) -> None:  # (openpyxl removes its named file)
            self.out.close()

        def write_row(self, xf: Any, row: Any, row_idx: int) -> None:
            # the standard library's writer puts text through ``_file`` (lxml's has none)
            put = None if LXML else getattr(xf, "_file", None)
            text = None if put is None else _row_xml(self.ws, row, row_idx, self.styles)
            if text is None:  # (another writer, or a cell of another kind: openpyxl's way)
                super().write_row(xf, _placed(row, row_idx), row_idx)
            else:
                put(text)

    ws.calculate_dimension = lambda: size
    ws._writer = SheetWriter(ws, out=tempfile.TemporaryFile(prefix="claimcheck-"))
    ws._writer.write_top()
    ws._values_to_row = lambda cells, row: cells


def _placed(cells: list[Any], row: int) -> Iterator[Any]:
    for column, cell in enumerate(cells, start=1):
        cell.column, cell.row = column, row
        if cell.hyperlink is not None:
            cell.hyperlink.ref = cell.coordinate
        yield cell


#: Column letters by index (A, B, … AA …), as far as a sheet here goes.
_LETTERS: list[str] = []


def _escaped(text: str) -> str:
    """Character data as ElementTree writes it (``&``, ``<``, ``>``)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _row_xml(ws: Any, cells: list[Any], row: int, styles: dict[int, Any]) -> str | None:
    """The ``<row>`` element of ``cells`` as openpyxl writes it with the standard
    library's serializer (``cell._writer.etree_write_cell`` in a ``row``
    element): a cell with neither value nor style left out, ``s`` its style's
    index (registered as it is first written), text inline (``xml:space`` kept
    when it starts or ends with a space), a number in ``<v>``; a link's cell
    gets its reference and joins the sheet's links. None when a cell is of
    another kind (a formula, a date, a comment: none is written here).
    ``styles`` keeps the index of each style written (a link's cell, made for
    its row, is looked up each time)."""
    from openpyxl.compat import safe_string

    if not _LETTERS or len(_LETTERS) < len(cells):
        from openpyxl.utils import get_column_letter

        _LETTERS[:] = [get_column_letter(i) for i in range(1, max(len(cells), 64) + 1)]
    for cell in cells:  # (before a link or a style is taken: openpyxl would take them again)
        if cell.data_type not in ("s", "n") or cell._comment is not None:
            return None
    r = str(row)
    parts = ['<row r="', r, '">']
    for k, cell in enumerate(cells):
        value, kind = cell._value, cell.data_type
        known = styles.get(id(cell._style))
        if known is None:
            styled = cell.has_style
            known = (cell._style, styled, cell.style_id if styled else None)
            if cell.hyperlink is None:
                styles[id(cell._style)] = known
        _, styled, sid = known
        if value is None and not styled:
            continue
        ref = _LETTERS[k] + r
        if cell.hyperlink is not None:
            cell.hyperlink.ref = ref
            ws._hyperlinks.append(cell.hyperlink)
        head = f'<c r="{ref}" s="{sid}"' if styled else f'<c r="{ref}"'
        if value is None or value == "":
            parts.append(f'{head} t="{"inlineStr" if kind == "s" else kind}" />')
        elif kind == "s":
            stripped = value.strip()
            space = ' xml:space="preserve"' if stripped and stripped != value else ""
            parts.append(f'{head} t="inlineStr"><is><t{space}>{_escaped(value)}</t></is></c>')
        else:
            number = safe_string(value)
            parts.append(f'{head} t="n"><v>{number}</v></c>' if number else f'{head} t="n"><v /></c>')
    parts.append("</row>")
    return "".join(parts)


def _cell(cell: Any, value: Any, **style: Any) -> Any:
    """A write-only cell holding ``value`` (text as text, never a formula) with
    the styles given (those that are not None)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    for name, v in style.items():
        if v is not None:
            setattr(cell, name, v)
    return cell


def _summary_rows(report: Any, tally: Tally) -> list[tuple[str, str, int, Verdict | None]]:
    """(group, item, count, colour) rows of the summary sheet."""
    lang = report.lang
    word = lambda name: display.label("column", name, lang)  # noqa: E731
    rows: list[tuple[str, str, int, Verdict | None]] = [
        (display.text("claims_label", lang), display.text("all_claims", lang), tally.reported, None),
        (display.text("files_label", lang), display.text("all", lang), len(report.files()), None),
    ]
    if report.checked:
        rows += [(word("verdict"), display.label("verdict", f, lang), n, FINDING_VERDICT[f])
                 for f, n in tally.finding_counts().items()]
        rows += [(word("reason"), display.label("reason", r, lang), n, REASON_VERDICT.get(r))
                 for r, n in tally.reason_counts().items()]
    rows += [(word("kind"), display.label("kind", k, lang), n, None) for k, n in tally.kind_counts().items()]
    rows.append((word("status"), display.text("comment_status", lang), tally.suppressed, None))
    rows.append((word("status"), display.text("baseline_status", lang), report.baselined, None))
    return rows


def _summary_sheet(wb: Any, report: Any, tally: Tally) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    lang = report.lang
    ws = wb.create_sheet(display.text("summary_sheet", lang))
    ws.sheet_view.rightToLeft = lang == "ar"
    headers = [display.text("group", lang), display.text("item", lang), display.text("count", lang)]
    rows = _summary_rows(report, tally)
    for letter, i in (("A", 0), ("B", 1)):
        ws.column_dimensions[letter].width = max(len(headers[i]), *(len(r[i]) for r in rows)) + 2
    ws.column_dimensions["C"].width = max(len(headers[2]), 8) + 2
    ws.freeze_panes = "A2"
    _stream(ws, f"A1:C{len(rows) + 1}")
    bold = Font(bold=True)
    ws.append([_cell(WriteOnlyCell(ws), h, font=bold) for h in headers])
    for group, item, n, verdict in rows:
        fill = PatternFill("solid", fgColor=FILL[verdict]) if verdict is not None else None
        ws.append([_cell(WriteOnlyCell(ws), group), _cell(WriteOnlyCell(ws), item, fill=fill),
                   _cell(WriteOnlyCell(ws), n, number_format=INTEGER_FORMAT)])


ZIP_MODE = 0o600 << 16


def _entry(name: str | zipfile.ZipInfo) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name.filename if isinstance(name, zipfile.ZipInfo) else name,
                           date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = ZIP_MODE
    return info


class _Reproducible(zipfile.ZipFile):
    """A zip whose entries all carry :data:`ZIP_DATE` and one mode, so equal
    input gives equal bytes; a worksheet openpyxl wrote to a temporary file is
    copied in a block at a time."""

    def writestr(self, zinfo_or_arcname: Any, data: Any, compress_type: Any = None,
                 compresslevel: Any = None) -> None:
        super().writestr(_entry(zinfo_or_arcname), data)

    def write(self, filename: Any, arcname: Any = None, compress_type: Any = None,
              compresslevel: Any = None) -> None:
        import os

        if isinstance(filename, (str, os.PathLike)):
            with open(filename, "rb") as src:
                self._copy(src, _entry(arcname if arcname is not None else str(filename)))
        else:  # a sheet's unnamed temporary file (see _stream)
            self._copy(filename, _entry(arcname))

    def _copy(self, src: IO[bytes], info: zipfile.ZipInfo) -> None:
        info.file_size = src.seek(0, 2)  # (a sheet over 2 GB gets zip64 fields)
        src.seek(0)
        with self.open(info, "w") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)


def write_xlsx(report: Any, out: IO[bytes]) -> None:
    """The workbook of ``report`` (a whole :class:`~claimcheck.report.base.Report`
    or a bounded one) on ``out``, in memory that does not grow with the records."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook(write_only=True)
    tally = report.tally()
    _claims_sheet(wb, report, tally)
    _summary_sheet(wb, report, tally)
    wb.properties.creator = "claimcheck"
    wb.properties.created = EPOCH
    wb.properties.modified = EPOCH
    with _seekable(out) as target, _Reproducible(target, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()  # not save_workbook(): that stamps "modified" with now


@contextmanager
def _seekable(out: IO[bytes]) -> Iterator[IO[bytes]]:
    """``out`` itself when a zip can be written into it from its start; else (a
    pipe: a zip written to a stream has other bytes, data descriptors) an
    unnamed temporary file, copied to ``out`` once the zip is whole."""
    try:
        direct = out.seekable() and out.tell() == 0
    except (OSError, ValueError):
        direct = False
    if direct:
        yield out
        return
    import tempfile

    with tempfile.TemporaryFile(prefix="claimcheck-") as spool:
        yield spool
        spool.seek(0)
        shutil.copyfileobj(spool, out, 1 << 20)


def xlsx(report: Report) -> bytes:
    buf = io.BytesIO()
    write_xlsx(report, buf)
    return buf.getvalue()


__all__ = ["xlsx", "write_xlsx", "sheet_columns", "FRONT", "FILL"]
