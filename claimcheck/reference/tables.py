"""Reference tables (SPEC §2): finding, reading and validating the CSV files.

A reference folder holds CSV files of two types, told apart by their header:

* **fact tables** — ``id, entity, metric, value`` required; ``unit, period,
  qualifier, tolerance, keywords, source`` optional; other columns ignored;
* **exchange-rate tables** — ``date, currency, usd_per_unit``.

Loading is all or nothing. Every problem is collected — with file, row and
column — and raised together as one :class:`~claimcheck.errors.ReferenceTableError`
whose ``problems`` list ``claimcheck reference validate`` prints in full. A table
with one bad row loads nothing.

Rows are numbered as a spreadsheet shows them: the header is row 1, and each
record is one row, however many lines its quoted cells span. Values lie within
the bounds of :mod:`claimcheck.reference.bounds`.
"""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Iterator

from claimcheck.errors import NumberSyntaxError, ReferenceTableError
from claimcheck.lang.stemming import phrase_terms
from claimcheck.model import Qualifier
from claimcheck.reference.bounds import rate_problem, value_problem
from claimcheck.reference.index import Fact, Rate, References
from claimcheck.reference.numstyle import CellNumber, ColumnStyle, read_cell, resolve
from claimcheck.reference.periods import parse_iso_date, parse_period
from claimcheck.units import DATE, ISO_4217, unit_class, validate_unit

FACT_REQUIRED = ("id", "entity", "metric", "value")
FACT_OPTIONAL = ("unit", "period", "qualifier", "tolerance", "keywords", "source")
RATE_REQUIRED = ("date", "currency", "usd_per_unit")

def _bundled() -> Path:
    """The bundled tables: ``reference_data/`` of the source tree, or the copy that
    ``pip install .`` ships inside the package as ``claimcheck/reference_data``."""
    package = Path(__file__).resolve().parents[1]
    tree = package.parent / "reference_data"
    if tree.is_dir():
        return tree
    return package / "reference_data"


BUNDLED = _bundled()


class _Problems:
    def __init__(self) -> None:
        self.items: list[ReferenceTableError] = []

    def add(self, file: str, row: int | None, column: str | None, message: str) -> None:
        self.items.append(ReferenceTableError(message, file=file, row=row, column=column))


def reference_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders to their ``*.csv`` files (recursively, sorted); keep files as given."""
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(sorted(f for f in path.rglob("*.csv") if f.is_file()))
        elif path.is_file():
            out.append(path)
        else:
            raise ReferenceTableError("no such reference file or folder", file=str(p))
    return out


def _decode(data: bytes, name: str, probs: _Problems) -> str | None:
    if b"\x00" in data[:8192]:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            probs.add(name, None, None, "file is UTF-16; save reference tables as UTF-8")
        else:
            probs.add(name, None, None, "binary file, not a CSV table")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        row = data[: e.start].count(b"\n") + 1
        hint = ""
        try:
            data.decode("cp1256")
            hint = " (looks like windows-1256: save it as UTF-8)"
        except UnicodeDecodeError:
            pass
        probs.add(name, row, None, f"not valid UTF-8 at byte {e.start}{hint}")
        return None


#: The longest cell a reference table may hold, in characters (a long source
#: citation fits many times over; a runaway quote that swallows the rest of the
#: file does not).
MAX_CELL_CHARS = 1 << 20


@contextmanager
def _cell_limit(chars: int) -> Iterator[None]:
    """csv's field size limit is one setting for the whole process: set it for one read."""
    before = csv.field_size_limit(chars)
    try:
        yield
    finally:
        csv.field_size_limit(before)


def _records(text: str, name: str, probs: _Problems) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of every non-blank record; quote errors become problems.

    Rows are numbered as a spreadsheet shows them: one row per record, however
    many lines its quoted cells span, and a blank line is a (blank) row. Only
    CR and LF end a record: a form feed, U+0085 or U+2028 inside a cell is
    text, as it is to a spreadsheet.
    """
    lines = io.StringIO(text, newline="").readlines()  # (splits at CR/LF only)
    reader = csv.reader(iter(lines), strict=True)
    row, line_start = 0, 1
    while True:
        try:
            with _cell_limit(MAX_CELL_CHARS):
                cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            if "field larger than field limit" in str(e):
                why = (f"a cell longer than {MAX_CELL_CHARS:,} characters (the limit), "
                       "or a quote that is never closed")
            elif "unexpected end of data" in str(e):
                why = "malformed CSV: a quote that is never closed"
            else:
                why = f"malformed CSV ({e}); check for a stray quote"
            probs.add(name, row + 1, None, why)
            return
        row += 1
        start, line_start = line_start, reader.line_num + 1
        if not cells or all(not c.strip() for c in cells):
            continue
        raw = "".join(lines[start - 1:reader.line_num])
        for c in cells:
            # A literal quote is fine only inside a quoted cell, written "" there.
            if '"' in c and '"' + c.replace('"', '""') + '"' not in raw:
                probs.add(name, row, None,
                          f"stray quote in the cell {c[:80]!r}: quote the whole cell and double the quote")
                break
        yield row, cells


def _norm_header(h: str) -> str:
    return h.strip().strip("\ufeff").lower()


def _load_file(path: Path, probs: _Problems) -> tuple[list[Fact], list[Rate]]:
    name = str(path)
    n0 = len(probs.items)
    try:
        data = path.read_bytes()
    except OSError as e:
        probs.add(name, None, None, e.strerror or str(e))
        return [], []
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        probs.add(name, None, None, "empty file: a reference table needs a header row")
        return [], []
    text = _decode(data, name, probs)
    if text is None:
        return [], []
    recs = _records(text, name, probs)
    first = next(recs, None)
    if first is None:
        probs.add(name, 1, None, "no header row")
        return [], []
    hrow, header = first
    cols = [_norm_header(h) for h in header]
    bad_header = False
    seen: dict[str, int] = {}
    for i, c in enumerate(cols):
        if not c:
            probs.add(name, hrow, f"#{i + 1}", "empty column name in the header")
            bad_header = True
        elif c in seen:
            probs.add(name, hrow, c, f"duplicate column (columns {seen[c] + 1} and {i + 1})")
            bad_header = True
        else:
            seen[c] = i
    if all(c in seen for c in RATE_REQUIRED) and "id" not in seen:
        kind, required = "rate", RATE_REQUIRED
    else:
        kind, required = "fact", FACT_REQUIRED
    missing = [c for c in required if c not in seen]
    if missing:
        what = "fact table" if kind == "fact" else "exchange-rate table"
        probs.add(name, hrow, missing[0],
                  f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                  f"(a {what} needs {', '.join(required)}; an exchange-rate table needs "
                  f"{', '.join(RATE_REQUIRED)})")
        bad_header = True
    if bad_header:
        for _ in recs:  # still report quote problems further down
            pass
        return [], []
    facts: list[Fact] = []
    rates: list[Rate] = []
    rows: list[tuple[int, dict[str, str]]] = []
    for row, cells in recs:
        if len(cells) != len(cols):
            probs.add(name, row, None,
                      f"{len(cells)} cells where the header has {len(cols)} columns")
            continue
        rows.append((row, {c: cells[i].strip() for c, i in seen.items()}))
    numbers = _numbers(rows, kind)
    for row, cell in rows:
        if kind == "fact":
            f = _fact(cell, numbers, name, row, probs)
            if f is not None:
                facts.append(f)
        else:
            r = _rate(cell, numbers, name, row, probs)
            if r is not None:
                rates.append(r)
    if not rows and len(probs.items) == n0:
        probs.add(name, hrow, None, "the table has a header but no rows")
    return facts, rates


#: The number columns of each table type, read in the number style of the column
#: (:mod:`claimcheck.reference.numstyle`): a cell «1.105» is 1.105 in a column of
#: decimal dots, 1105 in a column of grouping dots, and an error in a column that
#: shows neither.
_NUMBER_COLUMNS = {"fact": ("value", "tolerance"), "rate": ("usd_per_unit",)}

#: A number cell read: the number, or why it is not one.
_Numbers = dict[tuple[str, int], "CellNumber | str"]


def _numbers(rows: list[tuple[int, dict[str, str]]], kind: str) -> _Numbers:
    """Every number cell of a table, each ambiguous one read in its column's style."""
    out: _Numbers = {}
    read: dict[str, list[tuple[int, CellNumber]]] = {}
    for col in _NUMBER_COLUMNS[kind]:
        got = read[col] = []
        for row, cell in rows:
            raw = cell.get(col, "")
            if not raw or (col == "value" and cell.get("unit") == DATE):
                continue
            try:
                got.append((row, read_cell(raw)))
            except NumberSyntaxError as e:
                out[col, row] = str(e)
    styles = {col: ColumnStyle.of(cells) for col, cells in read.items()}
    table = ColumnStyle.of((r, c) for cells in read.values() for r, c in cells)
    for col, cells in read.items():
        for row, c in cells:
            if c.value is None:
                try:
                    c = replace(c, value=resolve(c, styles[col], table), ambiguous=None)
                except NumberSyntaxError as e:
                    out[col, row] = str(e)
                    continue
            out[col, row] = c
    return out


def _number(numbers: _Numbers, col: str, row: int) -> CellNumber:
    got = numbers[col, row]
    if isinstance(got, str):
        raise NumberSyntaxError(got)
    return got


def _tolerance(c: CellNumber) -> Decimal:
    v, pct = c.value, c.percent
    assert v is not None
    if not v.is_finite() or v.adjusted() > 3:  # (before any arithmetic: 1e999999999%)
        raise ValueError("a relative tolerance between 0 and 1 (0.02) or a percentage (2%)")
    if pct:
        v = v / 100
    if v < 0 or v >= 1:
        raise ValueError("a relative tolerance between 0 and 1 (0.02) or a percentage (2%)")
    return v


def _fact(cell: dict[str, str], numbers: _Numbers, name: str, row: int,
          probs: _Problems) -> Fact | None:
    n0 = len(probs.items)

    def bad(col: str, msg: str) -> None:
        probs.add(name, row, col, msg)

    fid = cell["id"]
    if not fid:
        bad("id", "empty id")
    aliases = tuple(a.strip() for a in cell["entity"].split("|") if a.strip())
    if not aliases:
        bad("entity", "empty entity")
    metric = cell["metric"]
    if not metric:
        bad("metric", "empty metric")
    unit = cell.get("unit", "") or None
    if unit is not None:
        problem = validate_unit(unit)
        if problem:
            bad("unit", problem)
    raw = cell["value"]
    value: Decimal | str | None = None
    if not raw:
        bad("value", "empty value")
    elif unit == DATE:
        try:
            value = parse_iso_date(raw).text
        except ValueError as e:
            bad("value", str(e))
    else:
        try:
            value = _number(numbers, "value", row).value
        except NumberSyntaxError as e:
            bad("value", str(e))
        else:
            assert value is not None
            problem = value_problem(value)
            if problem:
                bad("value", problem)
                value = None
    period = None
    if cell.get("period"):
        try:
            period = parse_period(cell["period"])
        except ValueError as e:
            bad("period", str(e))
    qual = Qualifier.EXACT
    if cell.get("qualifier"):
        try:
            qual = Qualifier(cell["qualifier"].strip().lower())
        except ValueError:
            bad("qualifier", f"unknown qualifier {cell['qualifier']!r} "
                             f"(one of {', '.join(q.value for q in Qualifier)})")
    tol = None
    if cell.get("tolerance"):
        try:
            tol = _tolerance(_number(numbers, "tolerance", row))
        except (ValueError, ArithmeticError) as e:
            bad("tolerance", f"bad tolerance {cell['tolerance'][:80]!r}: {e}")
    keywords = tuple(k.strip() for k in cell.get("keywords", "").split("|") if k.strip())
    if len(probs.items) > n0:
        return None
    ents = tuple(t for t in (phrase_terms(a) for a in aliases) if t)
    return Fact(
        id=fid, entity=aliases, metric=metric, value=value,  # type: ignore[arg-type]
        unit=unit, period=period, qualifier=qual, tolerance=tol, keywords=keywords,
        source=cell.get("source", ""), file=name, row=row,
        klass=unit_class(unit),
        entity_terms=ents,
        metric_terms=phrase_terms(metric),
        keyword_terms=tuple(t for t in (phrase_terms(k) for k in keywords) if t),
    )


def _rate(cell: dict[str, str], numbers: _Numbers, name: str, row: int,
          probs: _Problems) -> Rate | None:
    n0 = len(probs.items)
    d = None
    try:
        p = parse_iso_date(cell["date"])
        if p.start != p.end:
            raise ValueError(f"an exchange rate needs a full date YYYY-MM-DD: {cell['date']!r}")
        d = p.start
    except ValueError as e:
        probs.add(name, row, "date", str(e))
    cur = cell["currency"].strip()
    if cur not in ISO_4217:
        probs.add(name, row, "currency", f"{cur!r} is not an ISO 4217 currency code")
    v = None
    if not cell["usd_per_unit"]:
        probs.add(name, row, "usd_per_unit", "empty exchange rate")
    else:
        try:
            v = _number(numbers, "usd_per_unit", row).value
        except NumberSyntaxError as e:
            probs.add(name, row, "usd_per_unit", str(e))
        else:
            assert v is not None
            problem = rate_problem(v)
            if problem:
                probs.add(name, row, "usd_per_unit", problem)
    if len(probs.items) > n0:
        return None
    return Rate(d, cur, v, cell.get("source", ""), name, row)  # type: ignore[arg-type]


def validate(paths: Iterable[str | Path]) -> tuple[list[ReferenceTableError], References | None]:
    """Every problem of the tables at ``paths``, and the loaded tables when there is none."""
    probs = _Problems()
    try:
        files = reference_files(paths)
    except ReferenceTableError as e:
        return [e], None
    if not files:
        probs.add(", ".join(str(p) for p in paths) or "<reference>", None, None,
                  "no *.csv reference tables found")
    facts: list[Fact] = []
    rates: dict[str, list[Rate]] = defaultdict(list)
    first_id: dict[str, Fact] = {}
    seen_rate: dict[tuple[str, date], Rate] = {}
    for f in files:
        fs, rs = _load_file(f, probs)
        for fact in fs:
            prev = first_id.get(fact.id)
            if prev is not None:
                probs.add(fact.file, fact.row, "id",
                          f"duplicate id {fact.id!r} (first at {prev.file}, row {prev.row})")
            else:
                first_id[fact.id] = fact
                facts.append(fact)
        for r in rs:
            key = (r.currency, r.date)
            prev_r = seen_rate.get(key)
            if prev_r is not None and prev_r.usd_per_unit != r.usd_per_unit:
                probs.add(r.file, r.row, "usd_per_unit",
                          f"two rates for {r.currency} on {r.date} "
                          f"(the other at {prev_r.file}, row {prev_r.row})")
            seen_rate[key] = r
            rates[r.currency].append(r)
    if probs.items:
        return probs.items, None
    return [], References(tuple(facts), dict(rates), tuple(str(f) for f in files))


def load(paths: str | Path | Iterable[str | Path] | None = None) -> References:
    """Load reference tables (files or folders); default: the bundled ``reference_data/``.

    Raises :class:`ReferenceTableError` carrying every problem when any table is malformed.
    """
    if paths is None:
        if not BUNDLED.is_dir():
            raise ReferenceTableError(
                "no bundled reference_data/ next to the claimcheck package (installed "
                "without the source tree?): pass --reference PATH", file=str(BUNDLED))
        paths = [BUNDLED]
    elif isinstance(paths, (str, Path)):
        paths = [paths]
    return _load_cached(tuple(str(p) for p in paths))


def _load_cached(paths: tuple[str, ...]) -> References:
    problems, refs = validate(paths)
    if problems:
        raise ReferenceTableError(problems[0].message, file=problems[0].file,
                                  row=problems[0].row, column=problems[0].column,
                                  problems=problems)
    assert refs is not None
    return refs


def as_references(reference: Any) -> References:
    """Accept a References object, a path, a list of paths, None (bundled tables) or
    ``"none"`` (no tables at all)."""
    if isinstance(reference, References):
        return reference
    if isinstance(reference, str) and reference == "none":
        return References()  # consistency only (SPEC §6: ``--reference none``)
    return load(reference)
