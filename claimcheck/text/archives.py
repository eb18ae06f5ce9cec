"""Archives as data: one document per row of a CSV, JSON Lines or Parquet file.

Newsrooms keep their copy in tables — an export of the CMS, a data-lake table —
not in one text file per article. :func:`iter_rows` streams ``(doc_id, text)``
pairs from such a file without loading it whole:

* CSV (``.csv``, ``.tsv``): UTF-8 with or without BOM, a header row; read with the
  standard library in a streaming way (quoted fields may hold line breaks);
* JSON Lines (``.jsonl``, ``.ndjson``, ``.json`` with one object per line);
* Parquet (``.parquet``, ``.pq``): read batch by batch with pyarrow
  (``claimcheck[parquet]``), only the two columns needed.

Each row is its own document: claims found in it have offsets, lines and
columns into that row's text, ``file`` is the archive's path and ``doc_id``
the value of ``--id-column`` (default: the 1-based row number). A row whose text
is empty or null has no claims.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from claimcheck.errors import InputError

CSV_SUFFIXES = (".csv", ".tsv")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
PARQUET_SUFFIXES = (".parquet", ".pq")

#: Rows per Parquet batch.
PARQUET_BATCH = 2048


@dataclass(frozen=True, slots=True)
class Columns:
    """Which columns hold the text and the id of each document."""

    text: str
    id: str | None = None


def archive_format(path: str) -> str | None:
    """``csv``, ``jsonl`` or ``parquet`` by file suffix; None for anything else.

    >>> archive_format("news/2015.parquet"), archive_format("a.txt")
    ('parquet', None)
    """
    suffix = Path(path).suffix.lower()
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in PARQUET_SUFFIXES:
        return "parquet"
    return None


def is_archive(path: str) -> bool:
    return archive_format(path) is not None


def _missing(path: str, column: str, available: list[str], what: str) -> InputError:
    have = ", ".join(repr(c) for c in available[:20]) or "none"
    return InputError(f"no {what} column {column!r} (columns: {have})", path=path)


def _doc_id(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN
        return ""
    return value if isinstance(value, str) else str(value)


#: The longest CSV cell (an article) an archive may hold, in characters: sixteen
#: million, a few hundred times the longest news story; a quote that is never
#: closed, which would swallow the rest of the file into one cell, stops there.
MAX_CELL_CHARS = 16 << 20


def _csv_rows(path: str, cols: Columns) -> Iterator[tuple[str, str]]:
    """Rows as a spreadsheet reads them: quoted cells may span lines; a row with
    more or fewer cells than the header, or a quote never closed, is an error
    naming the row (the header is row 1)."""
    delimiter = "\t" if path.lower().endswith(".tsv") else ","
    try:
        fh = open(path, encoding="utf-8-sig", newline="")
    except OSError as e:
        raise InputError(e.strerror or str(e), path=path) from None
    before = csv.field_size_limit(MAX_CELL_CHARS)
    row = 1
    try:
        with fh:
            reader = csv.reader(fh, delimiter=delimiter, strict=True)
            header = next(reader, None)
            if header is None:
                return
            header = [h.strip() for h in header]
            if cols.text not in header:
                raise _missing(path, cols.text, header, "text")
            ti = header.index(cols.text)
            ii = None
            if cols.id is not None:
                if cols.id not in header:
                    raise _missing(path, cols.id, header, "id")
                ii = header.index(cols.id)
            n = 0
            for cells in reader:
                row += 1
                if not cells:
                    continue  # a blank line
                if len(cells) != len(header):
                    raise InputError(f"row {row}: {len(cells)} cells where the header has "
                                     f"{len(header)}", path=path)
                n += 1
                yield (cells[ii] if ii is not None else str(n)), cells[ti]
    except UnicodeDecodeError as e:
        raise InputError(f"cannot decode as UTF-8 (byte {e.start} of a block)", path=path) from None
    except csv.Error as e:
        if "field larger than field limit" in str(e):
            why = f"a cell longer than {MAX_CELL_CHARS:,} characters, or a quote never closed"
        elif "unexpected end of data" in str(e):
            why = "a quote that is never closed"
        else:
            why = f"malformed CSV ({e})"
        raise InputError(f"row {row + 1}: {why}", path=path) from None
    finally:
        csv.field_size_limit(before)


def _jsonl_rows(path: str, cols: Columns) -> Iterator[tuple[str, str]]:
    try:
        fh = open(path, encoding="utf-8-sig")
    except OSError as e:
        raise InputError(e.strerror or str(e), path=path) from None
    with fh:
        n = 0
        try:
            for lineno, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                n += 1
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as e:
                    raise InputError(f"line {lineno}: not a JSON object ({e.msg})", path=path) from None
                if not isinstance(obj, dict):
                    raise InputError(f"line {lineno}: not a JSON object", path=path)
                if cols.text not in obj:
                    raise InputError(f"line {lineno}: no text column {cols.text!r} "
                                     f"(keys: {', '.join(map(repr, list(obj)[:20]))})", path=path)
                if cols.id is not None:
                    if cols.id not in obj:
                        raise InputError(f"line {lineno}: no id column {cols.id!r}", path=path)
                    doc = _doc_id(obj[cols.id]) or ""
                else:
                    doc = str(n)
                yield doc, _text(obj[cols.text])
        except UnicodeDecodeError as e:
            raise InputError(f"cannot decode as UTF-8 (byte {e.start} of a block)", path=path) from None


def _parquet_rows(path: str, cols: Columns) -> Iterator[tuple[str, str]]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError("reading Parquet needs pyarrow: pip install 'claimcheck[parquet]'",
                         path=path) from None
    import pyarrow as pa

    broken = (OSError, ValueError, pa.ArrowException)  # ArrowInvalid: not Parquet, or damaged
    try:
        pf = pq.ParquetFile(path)
        names = pf.schema_arrow.names
    except broken as e:
        raise InputError(f"not a readable Parquet file ({_one_line(e)})", path=path) from None
    if cols.text not in names:
        raise _missing(path, cols.text, names, "text")
    wanted = [cols.text]
    if cols.id is not None:
        if cols.id not in names:
            raise _missing(path, cols.id, names, "id")
        if cols.id != cols.text:
            wanted.append(cols.id)
    n = 0
    batches = pf.iter_batches(batch_size=PARQUET_BATCH, columns=wanted)
    while True:
        try:
            batch = next(batches, None)
            if batch is None:
                return
            texts = batch.column(cols.text).to_pylist()
            ids = batch.column(cols.id).to_pylist() if cols.id is not None else None
        except broken as e:
            raise InputError(f"damaged Parquet file after row {n} ({_one_line(e)})",
                             path=path) from None
        for i, text in enumerate(texts):
            n += 1
            doc = (_doc_id(ids[i]) or "") if ids is not None else str(n)
            yield doc, _text(text)


def _one_line(e: BaseException) -> str:
    return " ".join(str(e).split())[:300]


def iter_rows(path: str, text_column: str, id_column: str | None = None) -> Iterator[tuple[str, str]]:
    """``(doc_id, text)`` for every row of the archive at ``path``, in file order.

    Raises :class:`InputError` naming the file when it cannot be read or lacks a column.
    """
    fmt = archive_format(path)
    cols = Columns(text_column, id_column)
    if fmt == "csv":
        return _csv_rows(path, cols)
    if fmt == "jsonl":
        return _jsonl_rows(path, cols)
    if fmt == "parquet":
        return _parquet_rows(path, cols)
    raise InputError("not an archive (.csv, .tsv, .jsonl, .ndjson, .parquet)", path=path)


def iter_batches(path: str, text_column: str, id_column: str | None = None,
                 batch_chars: int = 1 << 20) -> Iterator[list[tuple[str, str]]]:
    """Rows grouped into batches of about ``batch_chars`` characters of text."""
    batch: list[tuple[str, str]] = []
    size = 0
    for row in iter_rows(path, text_column, id_column):
        batch.append(row)
        size += len(row[1])
        if size >= batch_chars:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


__all__ = ["iter_rows", "iter_batches", "archive_format", "is_archive", "Columns"]
