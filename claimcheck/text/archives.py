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

For ``--engine dask``, :func:`iter_parts` cuts an archive into parts that a
worker reads on its own (:func:`iter_part`): byte ranges that end where a
record does (found by reading the file through once with the same readers, so
a quoted cell's line breaks stay inside its part), or a Parquet file's row
groups; the rows of the parts, in order, are those of :func:`iter_rows`.
"""
from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from claimcheck.errors import InputError

CSV_SUFFIXES = (".csv", ".tsv")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
PARQUET_SUFFIXES = (".parquet", ".pq")

#: Rows per Parquet batch.
PARQUET_BATCH = 2048


@dataclass(frozen=True, slots=True)
class Part:
    """A stretch of an archive that a worker reads on its own (``--engine dask``):
    in a CSV or JSON Lines file, ``records`` records (rows, lines; blank ones
    counted) from byte ``start``, where a record starts, the first numbered
    ``row`` in the file (a CSV's header is row 1); in a Parquet file, the row
    ``groups``. ``first`` is the number of its first document (the ``doc_id``
    when no id column names it); ``size``, the bytes it spans."""

    path: str
    start: int = 0
    records: int = 0
    row: int = 1
    first: int = 1
    groups: tuple[int, ...] = ()
    size: int = 0


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


def _csv_rows(path: str, cols: Columns, part: Part | None = None,
              at: list[int] | None = None) -> Iterator[tuple[str, str]]:
    """Rows as a spreadsheet reads them: quoted cells may span lines; a row with
    more or fewer cells than the header, or a quote never closed, is an error
    naming the row (the header is row 1). ``part``: only its stretch (see
    :func:`iter_part`); ``at``: see :func:`_records`."""
    return (row for row in _records(path, cols, part, at, _csv_cells) if row is not None)


def _csv_cells(path: str, cols: Columns, fh: Any, part: Part | None) -> Iterator[tuple[str, str] | None]:
    delimiter = "\t" if path.lower().endswith(".tsv") else ","
    before = csv.field_size_limit(MAX_CELL_CHARS)
    row = 1
    try:
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
        yield None  # (the header: the records start here)
        n = 0
        if part is not None:  # a worker's stretch: its records from their first byte
            reader = itertools.islice(csv.reader(_from_byte(path, part.start), delimiter=delimiter,
                                                 strict=True), part.records)
            row, n = part.row - 1, part.first - 1
        for cells in reader:
            row += 1
            if not cells:
                yield None  # a blank line
                continue
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


def _jsonl_rows(path: str, cols: Columns, part: Part | None = None,
                at: list[int] | None = None) -> Iterator[tuple[str, str]]:
    return (row for row in _records(path, cols, part, at, _jsonl_objects) if row is not None)


def _jsonl_objects(path: str, cols: Columns, fh: Any, part: Part | None) -> Iterator[tuple[str, str] | None]:
    """Each line an object (``None`` for a blank one); a line ends at \\n, \\r or
    \\r\\n, as Python reads text."""
    n, first = 0, 1
    if part is not None:
        fh = itertools.islice(_from_byte(path, part.start), part.records)
        n, first = part.first - 1, part.row
    try:
        for lineno, line in enumerate(fh, start=first):
            if not line.strip():
                yield None
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


def _records(path: str, cols: Columns, part: Part | None, at: list[int] | None,
             parse: Callable[..., Iterator[tuple[str, str] | None]]) -> Iterator[tuple[str, str] | None]:
    """``parse``'s records of the file (``None`` for the header and blank lines),
    read as text with line ends kept (``newline=""``: a line ends at \\n, \\r
    or \\r\\n); ``at[0]``, when given, follows the bytes of the lines read, so
    that after each record it is where the next one starts."""
    try:
        fh = open(path, encoding="utf-8-sig", newline="")
    except OSError as e:
        raise InputError(e.strerror or str(e), path=path) from None
    with fh:
        lines: Iterator[str] = fh
        if at is not None:
            with open(path, "rb") as raw:
                at[0] = len(codecs.BOM_UTF8) if raw.read(3) == codecs.BOM_UTF8 else 0
            lines = _counted(fh, at)
        yield from parse(path, cols, lines, part)


def _counted(lines: Iterator[str], at: list[int]) -> Iterator[str]:
    for line in lines:
        at[0] += len(line.encode("utf-8"))
        yield line


def _from_byte(path: str, start: int) -> Iterator[str]:
    """The file's lines from byte ``start`` (where a record starts) on."""
    raw = open(path, "rb")  # (closed with the wrapper, when the reading stops)
    raw.seek(start)
    with io.TextIOWrapper(raw, encoding="utf-8", newline="") as fh:
        yield from fh


def _parquet_file(path: str) -> tuple[Any, tuple[type[BaseException], ...]]:
    """The file's :class:`pyarrow.parquet.ParquetFile`, and the errors pyarrow
    raises on a damaged one."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError("reading Parquet needs pyarrow: pip install 'claimcheck[parquet]'",
                         path=path) from None
    import pyarrow as pa

    broken = (OSError, ValueError, pa.ArrowException)  # ArrowInvalid: not Parquet, or damaged
    try:
        return pq.ParquetFile(path), broken
    except broken as e:
        raise InputError(f"not a readable Parquet file ({_one_line(e)})", path=path) from None


def _parquet_columns(path: str, pf: Any, cols: Columns) -> list[str]:
    """The columns to read: the text's, and the id's when named."""
    names = pf.schema_arrow.names
    if cols.text not in names:
        raise _missing(path, cols.text, names, "text")
    wanted = [cols.text]
    if cols.id is not None:
        if cols.id not in names:
            raise _missing(path, cols.id, names, "id")
        if cols.id != cols.text:
            wanted.append(cols.id)
    return wanted


def _parquet_rows(path: str, cols: Columns, part: Part | None = None) -> Iterator[tuple[str, str]]:
    pf, broken = _parquet_file(path)
    wanted = _parquet_columns(path, pf, cols)
    n = 0
    groups = {} if part is None else {"row_groups": list(part.groups)}
    if part is not None:
        n = part.first - 1
    batches = pf.iter_batches(batch_size=PARQUET_BATCH, columns=wanted, **groups)
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


def iter_parts(path: str, text_column: str, id_column: str | None = None,
               part_bytes: int = 256 << 10) -> Iterator[Part]:
    """The archive cut into :class:`Part`\\ s of about ``part_bytes`` each, in file
    order, as it is read through once (a record at a time; a Parquet file's row
    groups from its footer): a part ends where a record does, so a quoted CSV
    cell that holds line breaks stays whole. Each part is read with
    :func:`iter_part`, which gives the rows :func:`iter_rows` gives there.

    Raises :class:`InputError` as :func:`iter_rows` does, when the reading gets there."""
    fmt = archive_format(path)
    cols = Columns(text_column, id_column)
    if fmt == "parquet":
        yield from _parquet_parts(path, cols, part_bytes)
        return
    if fmt not in ("csv", "jsonl"):
        raise InputError("not an archive (.csv, .tsv, .jsonl, .ndjson, .parquet)", path=path)
    at = [0]
    records = _records(path, cols, None, at, _csv_cells if fmt == "csv" else _jsonl_objects)
    begin, row, first, count, docs = at[0], 1, 1, 0, 0
    for k, record in enumerate(records, start=1):
        if fmt == "csv" and k == 1:  # the header
            begin, row = at[0], 2
            continue
        count += 1
        docs += record is not None
        if at[0] - begin >= part_bytes:
            yield Part(path, begin, count, row, first, size=at[0] - begin)
            begin, row, first, count = at[0], k + 1, docs + 1, 0
    if count:
        yield Part(path, begin, count, row, first, size=at[0] - begin)


def _parquet_parts(path: str, cols: Columns, part_bytes: int) -> Iterator[Part]:
    """Consecutive row groups of about ``part_bytes`` of the columns read (a big
    row group is a part of its own)."""
    pf, broken = _parquet_file(path)
    wanted = _parquet_columns(path, pf, cols)
    try:
        meta = pf.metadata
        index = [meta.schema.column(j).path for j in range(meta.num_columns)]
        read = [index.index(c) for c in wanted if c in index]
        groups: list[int] = []
        size, first, rows = 0, 1, 0
        for g in range(meta.num_row_groups):
            group = meta.row_group(g)
            groups.append(g)
            size += sum(group.column(j).total_uncompressed_size for j in read)
            rows += group.num_rows
            if size >= part_bytes:
                yield Part(path, first=first, groups=tuple(groups), size=size)
                groups, size, first = [], 0, rows + 1
    except broken as e:
        raise InputError(f"damaged Parquet file ({_one_line(e)})", path=path) from None
    if groups:
        yield Part(path, first=first, groups=tuple(groups), size=size)


def iter_part(part: Part, text_column: str, id_column: str | None = None) -> Iterator[tuple[str, str]]:
    """``(doc_id, text)`` for the rows of one :class:`Part` (see :func:`iter_parts`)."""
    fmt = archive_format(part.path)
    cols = Columns(text_column, id_column)
    if fmt == "csv":
        return _csv_rows(part.path, cols, part)
    if fmt == "jsonl":
        return _jsonl_rows(part.path, cols, part)
    if fmt == "parquet":
        return _parquet_rows(part.path, cols, part)
    raise InputError("not an archive (.csv, .tsv, .jsonl, .ndjson, .parquet)", path=part.path)


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


__all__ = ["iter_rows", "iter_batches", "iter_parts", "iter_part", "archive_format", "is_archive", "Columns",
           "Part"]
