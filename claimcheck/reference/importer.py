"""Statistics files → a fact table (SPEC §2), streamed row by row.

``import_tables(["API_SP.POP.TOTL….csv"], "population.csv")`` recognises each
file's layout (:mod:`claimcheck.reference.layouts`), reads its observations one at
a time and writes one fact per observation:

* ``entity`` — the aliases of the country the file's code names (ISO alpha-2/3,
  UN M49, World Bank aggregates), from :mod:`claimcheck.lang.countries`;
* ``metric``, ``keywords``, ``unit`` and the scale — from the indicator catalogue
  (:mod:`claimcheck.reference.catalogue`) or the mapping file; ``LCU`` becomes the
  country's own currency, an SDMX ``UNIT_MULT`` scales the value;
* ``period`` in ISO 8601, ``source`` naming the publisher, indicator and file;
* ``id`` built from the source, the series and the period, so that it is the same
  on every import and unique when the file's series are.

Observations of indicators nobody mapped, and of entities that are no country or
known grouping (the World Bank's income groups), are skipped and counted. A value
or period that cannot be read stops the import with the file, row and column; the
output then keeps its previous content.
"""
from __future__ import annotations

import contextlib
import csv
import io
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation, localcontext
from functools import lru_cache
from pathlib import Path

from claimcheck.errors import ReferenceTableError
from claimcheck.lang import countries
from claimcheck.reference.catalogue import LOCAL_CURRENCY, Catalogue, catalogue
from claimcheck.reference.layouts import (
    Observation,
    fail,
    read_sdmx,
    zip_members,
    read_world_bank,
    sniff,
)
from claimcheck.reference.mapping import Mapping, MetricSpec, read_mapped

COLUMNS = ("id", "entity", "metric", "value", "unit", "period", "qualifier", "tolerance",
           "keywords", "source", "entity_code", "indicator")
_SLUG = re.compile(r"[^\w.-]+")


@dataclass
class Summary:
    """What an import did: rows written, and what it skipped and why."""

    written: int = 0
    rates: int = 0
    layouts: dict[str, str] = field(default_factory=dict)
    unknown_entities: Counter[str] = field(default_factory=Counter)
    unknown_indicators: Counter[str] = field(default_factory=Counter)
    no_currency: Counter[str] = field(default_factory=Counter)

    def notes(self) -> list[str]:
        out = []
        if self.unknown_indicators:
            top = _top(self.unknown_indicators, 5)
            out.append(f"skipped {_n(sum(self.unknown_indicators.values()), 'value')} of "
                       f"{_n(len(self.unknown_indicators), 'indicator')} not in the catalogue "
                       f"({top}); map them with --mapping")
        if self.unknown_entities:
            top = _top(self.unknown_entities, 8)
            out.append(f"skipped {_n(sum(self.unknown_entities.values()), 'value')} whose code "
                       f"names no country or known grouping ({top})")
        if self.no_currency:
            out.append(f"skipped {_n(sum(self.no_currency.values()), 'value')} in local currency "
                       f"of entities with no single currency ({', '.join(sorted(self.no_currency))})")
        return out


def _n(k: int, noun: str) -> str:
    return f"{k:,} {noun}{'' if k == 1 else 's'}"


def _top(counts: Counter[str], k: int) -> str:
    names = ", ".join(name for name, _ in counts.most_common(k))
    return names + (", …" if len(counts) > k else "")


@dataclass(frozen=True, slots=True)
class _Metric:
    key: str
    metric: str
    keywords: str
    unit: str
    scale: Decimal
    negate: bool


class Importer:
    """Turns observations into fact rows; remembers its lookups (a file repeats a
    few hundred entities and indicators over thousands of rows)."""

    def __init__(self, mapping: Mapping | None = None, cat: Catalogue | None = None) -> None:
        self.mapping = mapping
        self.cat = cat or catalogue()
        self.summary = Summary()
        self._entities: dict[str, tuple[str, str, str | None] | None] = {}
        self._metrics: dict[tuple[str, str, tuple[str, ...]], _Metric | None] = {}

    # ----------------------------------------------------------------- reading

    def observations(self, path: str) -> Iterator[Observation]:
        layout = sniff(path)
        if self.mapping is not None and layout is None:
            layout = "mapped"
        if layout is None:
            raise fail(path, None, None, "not a World Bank CSV or an SDMX-CSV file; "
                       "describe its columns in a mapping file (--mapping MAP.toml)")
        self.summary.layouts[path] = layout
        if layout in ("worldbank", "databank"):
            return read_world_bank(path)
        if layout == "sdmx":
            return read_sdmx(path)
        assert self.mapping is not None
        self.mapping.check_table()
        return read_mapped(self.mapping, path)

    # ----------------------------------------------------------------- resolving

    def entity(self, obs: Observation) -> tuple[str, str, str | None] | None:
        """(aliases, code, currency) of an observation's entity, or None."""
        raw = obs.entity
        if raw in self._entities:
            return self._entities[raw]
        got = None
        named = self.mapping.entities.get(raw) if self.mapping is not None else None
        target = countries.entity(named or raw) if (named or raw) else None
        if target is None and obs.kind == "mapped":
            target = countries.by_name(named or raw) or countries.by_foreign_name(named or raw)
        if isinstance(target, countries.Country):
            got = ("|".join(target.aliases), target.iso3 or target.code, target.currency)
        elif isinstance(target, countries.Grouping):
            got = ("|".join(target.aliases), target.codes[0] if target.codes else target.key, None)
        elif named:
            got = (named, _slug(raw), None)  # the mapping names it: a region, a city …
        self._entities[raw] = got
        return got

    def metric(self, obs: Observation) -> _Metric | None:
        k = (obs.kind, obs.indicator, obs.dims)
        if k not in self._metrics:
            self._metrics[k] = self._resolve_metric(obs)
        return self._metrics[k]

    def _resolve_metric(self, obs: Observation) -> _Metric | None:
        m = self.mapping
        codes = obs.dims or ((obs.indicator,) if obs.indicator else ())
        if m is not None:
            for c in codes:
                if c in m.indicators:
                    return self._from_spec(obs, m.indicators[c])
            if m.indicator is not None and (obs.kind == "mapped" or not m.indicators):
                return self._from_spec(obs, m.indicator)
        found = {}
        for c in codes:
            hit = self.cat.find(c)
            if hit is not None:
                found[hit[0].key] = hit
        if len(found) > 1:
            raise fail(obs.file, obs.row, None, f"the series {obs.series} is both "
                       f"{' and '.join(sorted(found))} in the catalogue; say which in a mapping file")
        if not found:
            return None
        ind, code = next(iter(found.values()))
        return _Metric(ind.key, ind.metric, "|".join(ind.keywords), code.unit or ind.unit,
                       code.scale, ind.negate)

    def _from_spec(self, obs: Observation, spec: MetricSpec) -> _Metric:
        base = self.cat.indicator(spec.key) if spec.key else None
        metric = spec.metric or (base.metric if base else "")
        keywords = spec.keywords or (base.keywords if base else ())
        unit = spec.unit if spec.unit is not None else (base.unit if base else "")
        negate = spec.negate if spec.negate is not None else (base.negate if base else False)
        return _Metric(spec.key or _slug(obs.indicator or metric), metric, "|".join(keywords),
                       unit, spec.scale, negate)

    # ----------------------------------------------------------------- rows

    def fact(self, obs: Observation) -> list[str] | None:
        """The fact-table row of an observation, or None when it is skipped."""
        metric = self.metric(obs)
        if metric is None:
            self.summary.unknown_indicators[obs.indicator or obs.series] += 1
            return None
        ent = self.entity(obs)
        if ent is None:
            if obs.kind == "mapped":
                raise fail(obs.file, obs.row, None, f"{obs.entity!r} names no country; add it to "
                           "the mapping's [entities] table")
            self.summary.unknown_entities[obs.entity] += 1
            return None
        aliases, code, currency = ent
        # the file's own unit and multiplier win over the catalogue's
        unit, scale = metric.unit, metric.scale
        stated = self.cat.sdmx_unit(obs.unit) if obs.unit else None
        if stated is not None:
            unit = stated.unit
        if obs.unit_mult is not None:
            scale = Decimal(10) ** obs.unit_mult * (stated.scale if stated else 1)
        elif stated is not None and stated.scale != 1:
            scale = stated.scale  # Eurostat's THS_PER: thousands of persons
        if unit == LOCAL_CURRENCY:
            if currency is None:
                self.summary.no_currency[code] += 1
                return None
            unit = currency
        value = _value(obs) * scale
        if metric.negate:
            value = -value
        fact_id = f"{obs.kind}_{_slug(obs.series)}_{_slug(obs.period)}"
        return [fact_id, aliases, metric.metric, _plain(value), unit, obs.period, "exact", "",
                metric.keywords, obs.source, code, metric.key]


def _value(obs: Observation) -> Decimal:
    text = obs.value.strip()
    try:
        d = Decimal(text)
    except InvalidOperation:
        d = None
    if d is None and obs.kind == "mapped":
        from claimcheck.lang.digits import parse_number_text

        try:
            d = parse_number_text(text)
        except (ValueError, ArithmeticError):
            d = None
    if d is None or not d.is_finite():
        raise fail(obs.file, obs.row, None, f"unreadable value {obs.value!r}")
    return d


def _plain(d: Decimal) -> str:
    """A Decimal without exponent or trailing zeros: 1.2E+8 → 120000000."""
    d = d.normalize()
    s = format(d, "f")
    return "0" if s in ("-0", "0") else s


@lru_cache(maxsize=1 << 14)
def _slug(s: str) -> str:
    return _SLUG.sub("_", s).strip("_")


# --------------------------------------------------------------------------- driver


class _DuplicateIds:
    """Fact ids seen, as 64-bit hashes with their rows (12 bytes a row, not a
    set of strings): duplicates are found by sorting at the end."""

    def __init__(self) -> None:
        self.hashes = array("q")
        self._files: list[str] = []
        self._rows = array("l")
        self._file_ix = array("h")

    def add(self, fact_id: str, file: str, row: int) -> None:
        if not self._files or self._files[-1] != file:
            self._files.append(file)
        self.hashes.append(hash(fact_id))
        self._rows.append(row)
        self._file_ix.append(len(self._files) - 1)

    def first_duplicate(self) -> tuple[str, int] | None:
        import numpy as np

        h = np.frombuffer(self.hashes, dtype=np.int64)
        if len(h) < 2:
            return None
        order = np.argsort(h, kind="stable")
        same = np.nonzero(h[order][1:] == h[order][:-1])[0]
        if not len(same):
            return None
        later = order[same + 1]
        i = int(later[np.argmin(later)])
        return self._files[self._file_ix[i]], self._rows[i]


def _expand(paths: Iterable[str]) -> Iterator[str]:
    """Each file, and the data CSVs of each zip download."""
    for path in paths:
        if not Path(path).is_file():
            raise ReferenceTableError("no such file", file=path)
        members = zip_members(path)
        if members == []:
            raise ReferenceTableError("no CSV file in this zip", file=path)
        yield from members or [path]


#: the catalogue indicator whose values are also an exchange rate (LCU per US$)
EXCHANGE_RATE = "exchange_rate"
RATE_COLUMNS = ("date", "currency", "usd_per_unit", "source")


def rate_row(fact: list[str]) -> list[str] | None:
    """An exchange-rate table row (SPEC §2) from a fact of the exchange-rate indicator:
    a period's average of local currency per dollar, dated at the middle of the
    period, as dollars per unit."""
    from claimcheck.reference.periods import parse_period

    value, currency, period = Decimal(fact[3]), fact[4], fact[5]
    if value <= 0 or len(currency) != 3 or not period:
        return None
    p = parse_period(period)
    middle = p.start + (p.end - p.start) / 2
    with localcontext() as ctx:
        ctx.prec = 12
        per_unit = +(Decimal(1) / value)
    return [middle.isoformat(), currency, _plain(per_unit), fact[9]]


def import_tables(paths: Iterable[str], output: str, mapping: str | None = None,
                  rates: str | None = None) -> Summary:
    """Import statistics files into one fact table at ``output`` (whole or not at all).

    With ``rates``, the exchange rates among them (the catalogue's ``exchange_rate``,
    World Bank PA.NUS.FCRF) are also written there as an exchange-rate table, so
    that ``check`` converts between a country's currency and the dollar."""
    from claimcheck.reference.mapping import load_mapping
    from claimcheck.text.sources import atomic_writer

    imp = Importer(load_mapping(mapping) if mapping else None)
    seen = _DuplicateIds()
    with contextlib.ExitStack() as stack:
        text = io.TextIOWrapper(stack.enter_context(atomic_writer(output)), encoding="utf-8-sig",
                                newline="")
        out = csv.writer(text, lineterminator="\n")
        out.writerow(COLUMNS)
        rate_text = rate_out = None
        if rates is not None:  # (an empty name is refused by atomic_writer, not ignored)
            rate_text = io.TextIOWrapper(stack.enter_context(atomic_writer(rates)),
                                         encoding="utf-8-sig", newline="")
            rate_out = csv.writer(rate_text, lineterminator="\n")
            rate_out.writerow(RATE_COLUMNS)
        for path in _expand(paths):
            for obs in imp.observations(path):
                row = imp.fact(obs)
                if row is None:
                    continue
                seen.add(row[0], obs.file, obs.row)
                out.writerow(row)
                imp.summary.written += 1
                if rate_out is not None and row[11] == EXCHANGE_RATE and (r := rate_row(row)):
                    rate_out.writerow(r)
                    imp.summary.rates += 1
        dup = seen.first_duplicate()
        if dup is not None:
            raise fail(dup[0], dup[1], None, "an observation given twice (same series and period)")
        if imp.summary.written == 0:
            raise ReferenceTableError("nothing to import: " + "; ".join(imp.summary.notes() or
                                      ["no values"]), file=", ".join(paths))
        for t in (text, rate_text):
            if t is not None:
                t.flush()
                t.detach()
    return imp.summary
