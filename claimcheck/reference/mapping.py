"""Mapping files: any long or wide CSV/xlsx read as observations, without code.

A national statistics office's sheet has its own columns. A small TOML file says
which column is what, and what the values measure::

    source = "Department of Statistics, Jordan: population estimates 2024 (dos.gov.jo)"

    [table]
    layout = "wide"                 # "long": one value per row; "wide": one column per period
    entity = "JO"                   # the whole file is about one country …
    # entity_column = "Country"     # … or a column of ISO codes or Arabic/English names
    # period_column = "Year"        # long layout
    # value_column = "Value"        # long layout
    # period_columns = ["2022", "2023"]   # wide layout [default: every header that is a period]
    # indicator_column = "Series"   # when rows hold several indicators
    # sheet = "Data"                # xlsx [default: the first sheet]
    # header_row = 3                # [default: 1]
    # encoding = "windows-1256"     # CSV [default: UTF-8, with or without BOM]

    [indicator]                     # what every value measures: a catalogue key …
    key = "population"
    scale = 1000                    # the sheet counts in thousands

    # [indicators.POP_TOTAL]        # … or, with indicator_column, one table per code
    # metric = "عدد السكان"          #   written out when the catalogue lacks it
    # keywords = ["السكان", "نسمة"]
    # unit = ""

    # [entities]                    # names in the file that are not countries
    # "Amman Governorate" = "محافظة العاصمة|العاصمة عمان"

Every problem names the mapping file and the key.
"""
from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from claimcheck.errors import ConfigError
from claimcheck.reference.layouts import (
    MISSING,
    Observation,
    csv_rows,
    fail,
    iso_period,
)


@dataclass(frozen=True)
class MetricSpec:
    """What a value measures: a catalogue indicator, or one written out."""

    key: str | None = None
    metric: str | None = None
    keywords: tuple[str, ...] = ()
    unit: str | None = None
    scale: Decimal = Decimal(1)
    negate: bool | None = None


@dataclass(frozen=True)
class Mapping:
    path: str
    source: str
    layout: str = "long"
    entity: str | None = None
    entity_column: str | None = None
    period_column: str | None = None
    value_column: str | None = None
    period_columns: tuple[str, ...] | None = None
    indicator_column: str | None = None
    sheet: str | None = None
    header_row: int = 1
    encoding: str = "utf-8-sig"
    indicator: MetricSpec | None = None
    indicators: dict[str, MetricSpec] = field(default_factory=dict)
    entities: dict[str, str] = field(default_factory=dict)
    has_table: bool = False

    def check_table(self) -> None:
        """Refuse a mapping that cannot read a file of its own layout."""
        p = self.path
        if not self.source:
            raise _bad(p, "source", "required: the citation every imported row carries")
        if not self.has_table:
            raise _bad(p, "table", "required for a file that is not World Bank or SDMX-CSV")
        if not self.entity and not self.entity_column:
            raise _bad(p, "table", "give `entity` (one country for the file) or `entity_column`")
        if self.layout == "long" and not (self.period_column and self.value_column):
            raise _bad(p, "table", "a long table needs `period_column` and `value_column`")
        if self.indicators and not self.indicator_column:
            raise _bad(p, "table.indicator_column", "needed by [indicators.*]")


def _bad(path: str, key: str, message: str) -> ConfigError:
    return ConfigError(f"{path}: {key}: {message}")


def _spec(path: str, where: str, raw: Any) -> MetricSpec:
    if isinstance(raw, str):
        raw = {"key": raw}
    if not isinstance(raw, dict):
        raise _bad(path, where, "a catalogue key or a table (metric, keywords, unit, scale)")
    unknown = set(raw) - {"key", "metric", "keywords", "unit", "scale", "negate"}
    if unknown:
        raise _bad(path, where, f"unknown key {min(unknown)!r}")
    if not raw.get("key") and not raw.get("metric"):
        raise _bad(path, where, "give a catalogue `key`, or a `metric` in Arabic")
    try:
        scale = Decimal(str(raw.get("scale", 1)))
    except InvalidOperation:
        raise _bad(path, f"{where}.scale", f"not a number: {raw['scale']!r}") from None
    kw = raw.get("keywords", [])
    if not isinstance(kw, list) or not all(isinstance(k, str) for k in kw):
        raise _bad(path, f"{where}.keywords", "a list of words")
    neg = raw.get("negate")
    return MetricSpec(raw.get("key"), raw.get("metric"), tuple(kw), raw.get("unit"), scale,
                      None if neg is None else bool(neg))


def load_mapping(path: str) -> Mapping:
    """Read and check a mapping file (see the module docstring for its keys).

    For a World Bank or SDMX file only ``[indicator]``/``[indicators.*]`` and
    ``[entities]`` are read; any other file needs ``source`` and ``[table]``
    (checked by :meth:`Mapping.check_table` when such a file is imported).
    """
    try:
        data = tomllib.loads(Path(path).read_text("utf-8"))
    except OSError as e:
        raise ConfigError(f"{path}: cannot read: {e.strerror or e}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: not a TOML file: {e}") from None
    if unknown := set(data) - {"source", "table", "indicator", "indicators", "entities"}:
        raise _bad(path, min(unknown), "unknown key")
    source = data.get("source", "")
    if not isinstance(source, str):
        raise _bad(path, "source", "a citation (text)")
    table = data.get("table", {})
    allowed = {"layout", "entity", "entity_column", "period_column", "value_column",
               "period_columns", "indicator_column", "sheet", "header_row", "encoding"}
    if unknown := set(table) - allowed:
        raise _bad(path, f"table.{min(unknown)}", "unknown key")
    layout = table.get("layout", "long")
    if layout not in ("long", "wide"):
        raise _bad(path, "table.layout", "either 'long' or 'wide'")
    indicator = _spec(path, "indicator", data["indicator"]) if "indicator" in data else None
    indicators = {str(k): _spec(path, f"indicators.{k}", v)
                  for k, v in data.get("indicators", {}).items()}
    if indicator is None and not indicators:
        raise _bad(path, "indicator", "say what the values measure ([indicator] or [indicators.CODE])")
    header_row = table.get("header_row", 1)
    if not isinstance(header_row, int) or header_row < 1:
        raise _bad(path, "table.header_row", "a row number from 1")
    pcs = table.get("period_columns")
    return Mapping(path, source.strip(), layout, table.get("entity"), table.get("entity_column"),
                   table.get("period_column"), table.get("value_column"),
                   tuple(str(p) for p in pcs) if pcs else None, table.get("indicator_column"),
                   table.get("sheet"), header_row, table.get("encoding", "utf-8-sig"),
                   indicator, indicators, {str(k): str(v) for k, v in data.get("entities", {}).items()},
                   bool(table))


# --------------------------------------------------------------------------- reading


def _xlsx_rows(path: str, sheet: str | None) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many types for a file that is not a workbook
        raise fail(path, None, None, f"not a readable xlsx workbook ({type(e).__name__})") from None
    try:
        if sheet is not None and sheet not in wb.sheetnames:
            raise fail(path, None, None, f"no sheet {sheet!r} (sheets: {', '.join(wb.sheetnames)})")
        ws = wb[sheet] if sheet is not None else wb.worksheets[0]
        for i, values in enumerate(ws.iter_rows(values_only=True), start=1):
            yield i, ["" if v is None else _text(v) for v in values]
    finally:
        wb.close()


def _text(v: Any) -> str:
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    if hasattr(v, "year") and hasattr(v, "isoformat"):
        return v.isoformat()[:10]
    return str(v).strip()


def mapped_rows(m: Mapping, path: str) -> Iterator[tuple[int, list[str]]]:
    if Path(path).suffix.lower() in (".xlsx", ".xlsm"):
        return _xlsx_rows(path, m.sheet)
    return csv_rows(path, m.encoding)


def read_mapped(m: Mapping, path: str) -> Iterator[Observation]:
    """Observations of a long or wide table read through mapping ``m``."""
    header: list[str] | None = None
    name = Path(path).name
    source = f"{m.source}; file {name}"
    for row, cells in mapped_rows(m, path):
        if row < m.header_row:
            continue
        if header is None:
            header = [c.strip() for c in cells]
            cols = _columns(m, path, row, header)
            continue
        if not any(c.strip() for c in cells):
            continue
        entity = m.entity or _get(cells, cols["entity"])
        indicator = _get(cells, cols["indicator"]) if cols["indicator"] is not None else ""
        if not entity:
            raise fail(path, row, m.entity_column, "empty entity")
        pairs = ([(cols["period"], cols["value"])] if m.layout == "long"
                 else [(None, i) for i in cols["periods"]])
        for pcol, vcol in pairs:
            raw = _get(cells, pcol) if pcol is not None else header[vcol]
            value = _get(cells, vcol)
            if value in MISSING:
                continue
            period = iso_period(raw)
            if period is None:
                raise fail(path, row, header[pcol] if pcol is not None else header[vcol],
                           f"unreadable period {raw!r}")
            yield Observation(path, row, entity, indicator, indicator, period, value,
                              None, None, f"{indicator}_{entity}" if indicator else entity,
                              source, "mapped")


def _get(cells: list[str], i: int | None) -> str:
    return cells[i].strip() if i is not None and i < len(cells) else ""


def _columns(m: Mapping, path: str, row: int, header: list[str]) -> dict[str, Any]:
    def col(name: str | None, key: str) -> int | None:
        if name is None:
            return None
        if name not in header:
            raise fail(path, row, name, f"no column {name!r} (the mapping's {key}); "
                       f"the header has: {', '.join(h for h in header if h)}")
        return header.index(name)

    out: dict[str, Any] = {
        "entity": col(m.entity_column, "entity_column"),
        "indicator": col(m.indicator_column, "indicator_column"),
        "period": col(m.period_column, "period_column"),
        "value": col(m.value_column, "value_column"),
    }
    if m.layout == "wide":
        if m.period_columns is not None:
            out["periods"] = [col(p, "period_columns") for p in m.period_columns]
        else:
            out["periods"] = [i for i, h in enumerate(header) if h and iso_period(h) is not None]
        if not out["periods"]:
            raise fail(path, row, None, "no period columns (years such as 2023) in the header")
    return out
