"""Reading statistics files as a stream of observations, whatever their layout.

Three layouts, recognised from the file itself:

* **World Bank** — the bulk CSV of the indicator pages and of WDI (metadata lines
  such as ``"Data Source","World Development Indicators"`` above a wide table:
  ``Country Name, Country Code, Indicator Name, Indicator Code, 1960 … 2023``),
  and the DataBank export (``Series Code``, year columns written ``2023 [YR2023]``,
  ``..`` for a missing value, a footer below a blank line);
* **SDMX-CSV** — the export of IMF, OECD, Eurostat and UN portals, versions 1 and 2:
  one observation per row, structure columns (``DATAFLOW`` or ``STRUCTURE…``),
  the dimension columns, ``TIME_PERIOD``, ``OBS_VALUE``, then attributes
  (``UNIT_MULT``, ``UNIT_MEASURE``…); headers and codes may carry labels
  (``REF_AREA: Reference area``, ``EGY: Egypt``);
* anything else, long or wide, CSV or xlsx, through a mapping file
  (:mod:`claimcheck.reference.mapping`).

Rows are read one at a time and yielded as :class:`Observation`; nothing is held.
A problem is a :class:`~claimcheck.errors.ReferenceTableError` naming the file,
the row (as a spreadsheet numbers it) and the column.
"""
from __future__ import annotations

import contextlib
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from typing import IO
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from claimcheck.errors import ReferenceTableError

#: values that statistics files write for "no observation"
MISSING = frozenset({"", "..", "NaN", "nan", "NA", "N/A", "n/a", "-", "—", ":", "x"})


@dataclass(frozen=True, slots=True)
class Observation:
    """One value of one indicator for one entity and period, as a file gives it."""

    file: str
    row: int
    entity: str               # a code (EGY, EG, 818, ARB) or a name, as in the file
    indicator: str            # the file's indicator code ("" when a mapping gives it)
    indicator_label: str      # the file's own name for it
    period: str               # ISO 8601 (2023, 2023-06, 2023-01/2023-03)
    value: str                # as written
    unit: str | None = None   # the file's unit attribute
    unit_mult: int | None = None  # SDMX UNIT_MULT: a power of ten
    series: str = ""          # the series key, for the fact id
    source: str = ""          # the citation every fact carries
    kind: str = "sdmx"        # wb, sdmx, mapped
    dims: tuple[str, ...] = ()  # SDMX: the values of the other dimensions


def fail(file: str, row: int | None, column: str | None, message: str) -> ReferenceTableError:
    return ReferenceTableError(message, file=file, row=row, column=column)


# --------------------------------------------------------------------------- periods

_YEAR = re.compile(r"(\d{4})(?:-?A1?)?")
_SUB = re.compile(r"(\d{4})-?([QSHMW])(\d{1,2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTHS_IN = {"Q": 3, "S": 6, "H": 6}


@lru_cache(maxsize=1 << 14)
def iso_period(text: str) -> str | None:
    """An SDMX or spreadsheet period as SPEC §2 writes it, or None.

    >>> [iso_period(t) for t in ("2023", "2023-Q2", "2023M07", "2023-S2", "2023-01-31", "FY")]
    ['2023', '2023-04/2023-06', '2023-07', '2023-07/2023-12', '2023-01-31', None]
    """
    t = text.strip()
    if m := _YEAR.fullmatch(t):
        return m.group(1)
    if m := _DAY.fullmatch(t):
        try:
            date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
        return t
    if m := _MONTH.fullmatch(t):
        return t if 1 <= int(m.group(2)) <= 12 else None
    if m := _SUB.fullmatch(t):
        year, kind, n = int(m.group(1)), m.group(2), int(m.group(3))
        if kind == "M":
            return f"{year}-{n:02d}" if 1 <= n <= 12 else None
        if kind == "W":
            try:
                first = date.fromisocalendar(year, n, 1)
            except ValueError:
                return None
            return f"{first.isoformat()}/{(first + timedelta(days=6)).isoformat()}"
        span = _MONTHS_IN[kind]
        if not 1 <= n <= 12 // span:
            return None
        a = (n - 1) * span + 1
        return f"{year}-{a:02d}/{year}-{a + span - 1:02d}"
    return None


# --------------------------------------------------------------------------- CSV


#: SDMX writes a scale as a power of ten, and some portals as a word
_MULT_WORDS = {"UNITS": 0, "UNIT": 0, "THOUSANDS": 3, "MILLIONS": 6, "BILLIONS": 9, "TRILLIONS": 12}


def parse_mult(text: str) -> int | None:
    """An SDMX UNIT_MULT: a power of ten (``6``) or a word (``Millions``)."""
    t = text.strip()
    if re.fullmatch(r"-?\d{1,2}", t):
        return int(t)
    return _MULT_WORDS.get(t.upper())


#: ``archive.zip::member.csv`` names a CSV inside a zip (the World Bank's downloads)
MEMBER = "::"


def zip_members(path: str) -> list[str] | None:
    """The data CSVs of a zip download as ``archive.zip::member.csv`` (the World
    Bank's ``Metadata_*.csv`` beside the data left out); None for any other file."""
    if not path.lower().endswith(".zip") or not zipfile.is_zipfile(path):
        return None
    with zipfile.ZipFile(path) as zf:
        names = [n for n in zf.namelist() if n.lower().endswith(".csv")
                 and not Path(n).name.startswith("Metadata_")]
    return [f"{path}{MEMBER}{n}" for n in names]


def _open_text(path: str, encoding: str, stack: contextlib.ExitStack) -> IO[str]:
    if MEMBER in path:
        archive, member = path.split(MEMBER, 1)
        zf = stack.enter_context(zipfile.ZipFile(archive))
        raw = stack.enter_context(zf.open(member))
        return stack.enter_context(io.TextIOWrapper(raw, encoding=encoding, newline=""))
    return stack.enter_context(open(path, encoding=encoding, newline=""))  # noqa: SIM115


def csv_rows(path: str, encoding: str = "utf-8-sig") -> Iterator[tuple[int, list[str]]]:
    """``(row number, cells)`` of a CSV file (or a CSV inside a zip, see
    :data:`MEMBER`), numbered as a spreadsheet shows them."""
    with contextlib.ExitStack() as stack:
        try:
            fh = _open_text(path, encoding, stack)
        except (OSError, KeyError, zipfile.BadZipFile) as e:
            raise fail(path, None, None, f"cannot read: {getattr(e, 'strerror', None) or e}") from None
        reader = csv.reader(fh)
        row = 0
        try:
            for cells in reader:
                row = reader.line_num
                yield row, cells
        except UnicodeDecodeError:
            raise fail(path, row + 1, None, f"not {encoding.replace('-sig', '')} text; re-save it "
                       "as UTF-8, or give `encoding` in a mapping file") from None
        except csv.Error as e:
            raise fail(path, reader.line_num, None, f"malformed CSV: {e}") from None


def sniff(path: str) -> str | None:
    """``worldbank``, ``databank``, ``sdmx`` — or None (a mapping file is needed)."""
    if Path(path).suffix.lower() not in (".csv", ".txt", ".tsv"):
        return None
    try:
        for _, cells in _head(path, 12):
            heads = {_code(c).upper() for c in cells}
            if {"COUNTRY CODE", "INDICATOR CODE"} <= heads:
                return "worldbank"
            if {"COUNTRY CODE", "SERIES CODE"} <= heads:
                return "databank"
            if {"OBS_VALUE", "TIME_PERIOD"} <= heads or {"OBS_VALUE", "TIME"} <= heads:
                return "sdmx"
    except ReferenceTableError:
        return None
    return None


def _head(path: str, n: int) -> list[tuple[int, list[str]]]:
    out = []
    for item in csv_rows(path):
        out.append(item)
        if len(out) >= n:
            break
    return out


def _code(cell: str) -> str:
    """``EGY: Egypt`` → ``EGY``; ``REF_AREA: Reference area`` → ``REF_AREA``."""
    head, sep, _ = cell.partition(": ")
    return head.strip() if sep else cell.strip()


# --------------------------------------------------------------------------- World Bank

_YEAR_HEAD = re.compile(r"(\d{4})(?: \[YR\d{4}\])?")


def read_world_bank(path: str) -> Iterator[Observation]:
    """Observations of a World Bank bulk CSV or DataBank export (see module doc)."""
    name = Path(path).name
    meta: dict[str, str] = {}
    header: list[str] | None = None
    cols: dict[str, int] = {}
    years: list[tuple[int, str]] = []
    databank = False
    for row, cells in csv_rows(path):
        if header is None:
            heads = [c.strip() for c in cells]
            if "Country Code" in heads and ("Indicator Code" in heads or "Series Code" in heads):
                header, databank = heads, "Series Code" in heads
                cols = {h: i for i, h in enumerate(heads)}
                years = [(i, m.group(1)) for i, h in enumerate(heads)
                         if (m := _YEAR_HEAD.fullmatch(h))]
                if not years:
                    raise fail(path, row, None, "no year columns (1960, 2023 [YR2023] …) in the header")
            elif len(cells) >= 2 and cells[0].strip():
                meta[cells[0].strip()] = cells[1].strip()  # "Data Source", "Last Updated Date"
            continue
        code = _cell(cells, cols["Country Code"])
        ind = _cell(cells, cols["Series Code" if databank else "Indicator Code"])
        if not code and not ind:
            if databank:
                break  # the footer: "Data from database: …", "Last Updated: …"
            continue
        if not code or not ind:
            raise fail(path, row, "Country Code" if not code else "Indicator Code", "empty code")
        label = _cell(cells, cols.get("Series Name" if databank else "Indicator Name", -1))
        database = meta.get("Data Source", "World Development Indicators")
        updated = meta.get("Last Updated Date")
        source = (f"World Bank, {database}: {label or ind} ({ind}); file {name}"
                  + (f", last updated {updated}" if updated else ""))
        for i, year in years:
            value = _cell(cells, i)
            if value in MISSING:
                continue
            yield Observation(path, row, code, ind, label, year, value, None, None,
                              f"{ind}_{code}", source, "wb")
    if header is None:
        raise fail(path, None, None, "no World Bank header (Country Code, Indicator Code, years)")


def _cell(cells: list[str], i: int) -> str:
    return cells[i].strip() if 0 <= i < len(cells) else ""


# --------------------------------------------------------------------------- SDMX-CSV

_STRUCTURE = frozenset({"DATAFLOW", "STRUCTURE", "STRUCTURE_ID", "STRUCTURE_NAME", "ACTION",
                        "LAST UPDATE", "LAST_UPDATE"})
_ENTITY_DIMS = ("REF_AREA", "GEO", "COUNTRY", "LOCATION", "AREA", "COU", "REPORTING_COUNTRY",
                "JURISDICTION", "REF_AREA_CODE")
_TIME = ("TIME_PERIOD", "TIME")
_UNIT = ("UNIT_MEASURE", "UNIT", "UNIT_OF_MEASURE", "UNIT_MEAS", "CURRENCY")
_MULT = ("UNIT_MULT", "UNIT_MULTIPLIER", "SCALE")
_NOT_INDICATOR = frozenset({"FREQ", "FREQUENCY", *_UNIT, *_MULT})


@dataclass(frozen=True)
class SdmxColumns:
    """Where an SDMX-CSV header keeps what an import needs (indices into a row)."""

    names: tuple[str, ...]
    flow: int | None
    entity: int
    time: int
    value: int
    unit: int | None
    mult: int | None
    dims: tuple[int, ...]          # dimensions other than the entity and time
    labels: bool                   # codes written "EGY: Egypt"

    @classmethod
    def of(cls, path: str, row: int, header: list[str]) -> SdmxColumns:
        names = tuple(_code(h) for h in header)
        upper = [n.upper() for n in names]
        labels = any(": " in h for h in header)

        def find(cands: tuple[str, ...]) -> int | None:
            return next((upper.index(c) for c in cands if c in upper), None)

        value = find(("OBS_VALUE",))
        time = find(_TIME)
        entity = find(_ENTITY_DIMS)
        if value is None or time is None:
            raise fail(path, row, None, "an SDMX-CSV header needs OBS_VALUE and TIME_PERIOD")
        if entity is None:
            raise fail(path, row, None, "no reference-area column (REF_AREA, GEO, COUNTRY, "
                       "LOCATION); map this file with --mapping")
        flow = find(("DATAFLOW", "STRUCTURE_ID"))
        # dimensions stand before OBS_VALUE; attributes after it
        dims = tuple(i for i in range(value) if upper[i] not in _STRUCTURE
                     and i not in (entity, time))
        unit = find(_UNIT)
        mult = find(_MULT)
        return cls(names, flow, entity, time, value, unit, mult, dims, labels)


def _series(cols: SdmxColumns, key: tuple[str, ...], name: str
            ) -> tuple[str, tuple[str, ...], str]:
    """(series key, indicator candidates, citation) of one series."""
    flow, entity, *dims = key
    series = ".".join([entity, *dims])
    candidates = tuple(d for i, d in zip(cols.dims, dims)
                       if cols.names[i].upper() not in _NOT_INDICATOR and d)
    if flow:
        # Eurostat's tables have no indicator dimension: the dataflow is it
        # (ESTAT:MIGR_ASYAPPCTZA(1.0) → MIGR_ASYAPPCTZA)
        candidates += (flow.rpartition(":")[2].partition("(")[0],)
    return series, candidates, f"{flow or 'SDMX'} series {series}; file {name}"


def read_sdmx(path: str) -> Iterator[Observation]:
    """Observations of an SDMX-CSV file (see module doc)."""
    name = Path(path).name
    cols: SdmxColumns | None = None
    # a series' key, candidates and citation, built once per series (a file holds
    # a few hundred series over many periods)
    series_of: dict[tuple[str, ...], tuple[str, tuple[str, ...], str]] = {}
    width = 0
    for row, cells in csv_rows(path):
        if cols is None:
            cols = SdmxColumns.of(path, row, cells)
            width = len(cols.names)
            continue
        if len(cells) < width:
            if not any(c.strip() for c in cells):
                continue
            cells = cells + [""] * (width - len(cells))
        value = cells[cols.value].strip()
        if value in MISSING:
            continue
        vals = [_code(c) for c in cells] if cols.labels else [c.strip() for c in cells]
        raw_time = vals[cols.time]
        period = iso_period(raw_time)
        if period is None:
            raise fail(path, row, cols.names[cols.time], f"unreadable period {raw_time!r}")
        mult = None
        if cols.mult is not None and (m := vals[cols.mult]):
            mult = parse_mult(m)
            if mult is None:
                raise fail(path, row, cols.names[cols.mult],
                           f"{m!r} is not a power of ten (UNIT_MULT 6 = millions)")
        flow = vals[cols.flow] if cols.flow is not None else ""
        key = (flow, vals[cols.entity], *(vals[i] for i in cols.dims))
        known = series_of.get(key)
        if known is None:
            known = series_of[key] = _series(cols, key, name)
        series, candidates, source = known
        yield Observation(path, row, key[1], candidates[0] if candidates else "", "", period,
                          value, vals[cols.unit] if cols.unit is not None else None, mult,
                          series, source, "sdmx", candidates)
    if cols is None:
        raise fail(path, None, None, "empty file")
