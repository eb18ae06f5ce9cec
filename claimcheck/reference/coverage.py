"""Which tables to import next: what the claims no table covers are about.

``survey(paths, references)`` checks every document (as ``claimcheck check``
does, on as many cores), keeps the claims that come out ``unverifiable`` because
no fact covers them (``no_reference``, ``period_not_covered``), and reads three
things from each one's sentence:

* the **entity** — the country or grouping the sentence names nearest the claim
  (:func:`claimcheck.lang.countries.mentions`), else the last one named earlier in
  the same article line;
* the **metric** — the catalogue indicator whose keywords the sentence uses
  nearest the claim, among those whose unit fits the claim (a percentage is not a
  population; dollars go to the indicators published in dollars);
* the **period** — the year of the date claim nearest in the same sentence.

The report ranks (entity, indicator) pairs by the number of claims, with their
most frequent years and the World Bank / IMF codes that would cover them.
"""
from __future__ import annotations

import csv
import io
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from claimcheck.lang import countries
from claimcheck.lang.phrases import PhraseFinder
from claimcheck.model import CheckedClaim, Kind, Reason, Verdict
from claimcheck.reference.catalogue import LOCAL_CURRENCY, Indicator, catalogue
from claimcheck.text.normalize import Normalized
from claimcheck.units import COUNT, MONEY, PERCENT, unit_class

#: why a claim is unverifiable when a table would cover it
MISSING_TABLE = frozenset({Reason.NO_REFERENCE, Reason.PERIOD_NOT_COVERED})
#: the kinds a catalogue indicator measures (dates and ordinals are periods and ranks)
MEASURED = frozenset({Kind.NUMBER, Kind.PERCENT, Kind.MONEY, Kind.QUANTITY})


@dataclass(frozen=True, slots=True)
class Topic:
    """One uncovered claim, reduced to what it is about."""

    file: str
    line: int
    text: str
    entity: str | None       # ISO alpha-2, a grouping key, or "JO+OM" for a shared spelling
    indicator: str | None    # catalogue key
    period: str | None       # a year
    doc_id: str | None = None


# --------------------------------------------------------------------------- reading a claim


def _klass(unit: str) -> str:
    if unit == LOCAL_CURRENCY:
        return MONEY
    return unit_class(unit or None)


@dataclass(frozen=True)
class _Vocabulary:
    """One phrase finder for country names and indicator keywords together (one
    pass over a text finds both)."""

    finder: PhraseFinder[tuple[str, Any]]
    indicators: dict[str, Indicator]

    @classmethod
    def build(cls) -> _Vocabulary:
        table: dict[str, list[tuple[str, Any]]] = defaultdict(list)
        cat = catalogue()
        keywords = [kw for ind in cat.indicators for kw in (*ind.keywords, ind.metric)
                    if " " not in kw]
        for ind in cat.indicators:
            for kw in (*ind.keywords, ind.metric):
                table[kw].append(("metric", ind.key))
        # keywords take a pronoun (سكانها "its population"); names do not, and a
        # name's own spelling wins over a keyword + pronoun reading
        names = {form: [("place", readings)] for form, readings in countries.name_table().items()}
        for form, readings in names.items():
            table[form] = readings + [v for v in table.get(form, []) if v[0] != "place"]
        return cls(PhraseFinder(table, possessives=keywords), {i.key: i for i in cat.indicators})


@lru_cache(maxsize=1)
def vocabulary() -> _Vocabulary:
    """Country names and indicator keywords, compiled once."""
    return _Vocabulary.build()


def _entity_of(readings: tuple[tuple[str, str], ...]) -> str:
    grouping = next((w for w, k in readings if k == "grouping"), None)
    if grouping is not None:
        return grouping
    return "+".join(sorted({w for w, _ in readings}))


def _fits(ind: Indicator, c: Any) -> bool:
    klass = unit_class(c.unit) if c.unit else COUNT
    if c.kind is Kind.PERCENT:
        klass = PERCENT
    return _klass(ind.unit) == klass


def _prefer(inds: list[Indicator], c: Any) -> Indicator:
    """Of the indicators a keyword names, the one in the claim's unit: dollars
    to the dollar series, another currency to the local-currency one."""
    if c.kind is Kind.MONEY:
        own = [i for i in inds if i.unit == c.unit] or \
              [i for i in inds if i.unit == LOCAL_CURRENCY and c.unit != "USD"]
        if own:
            return own[0]
    return inds[0]


def topics_of(text: str, results: Sequence[CheckedClaim], offset: int = 0) -> list[Topic]:
    """The topics of the uncovered claims among ``results`` (claims of ``text``,
    whose offsets start at ``offset``)."""
    wanted = [r for r in results if r.verdict is Verdict.UNVERIFIABLE and r.reason in MISSING_TABLE
              and r.claim.kind in MEASURED]
    if not wanted:
        return []
    vocab = vocabulary()
    norm = Normalized.of(text)
    places: list[tuple[int, str]] = []            # (normalised start, entity)
    metrics: list[tuple[int, str]] = []           # (normalised start, indicator key)
    for a, _, _, values in vocab.finder.iter_folded(norm.text):
        for what, v in values:
            if what == "place":
                places.append((a, _entity_of(v)))
            else:
                metrics.append((a, v))
    years = sorted((r.claim.start - offset, r.claim.value[:4]) for r in results
                   if r.claim.kind is Kind.DATE and isinstance(r.claim.value, str)
                   and r.claim.value[:4].isdigit())  # not a day without its year (--03-15)
    place_at = [p for p, _ in places]
    metric_at = [p for p, _ in metrics]
    year_at = [p for p, _ in years]
    out = []
    for r in wanted:
        c = r.claim
        start = c.start - offset
        s_start = max(0, start - max(c.sentence.find(c.text), 0))
        s_end = s_start + len(c.sentence)
        line_start = text.rfind("\n", 0, start) + 1
        n_start, n_end, n_line = norm.to_text(s_start), norm.to_text(s_end), norm.to_text(line_start)
        n_claim = norm.to_text(start)
        i, j = bisect_left(place_at, n_start), bisect_left(place_at, n_end)
        entity = _nearest(places[i:j], n_claim)
        if entity is None and i > 0 and places[i - 1][0] >= n_line:
            entity = places[i - 1][1]  # named earlier in the same article line
        i, j = bisect_left(metric_at, n_start), bisect_left(metric_at, n_end)
        keys = [(p, k) for p, k in metrics[i:j] if _fits(vocab.indicators[k], c)]
        indicator = None
        if keys:
            best = min(abs(p - n_claim) for p, _ in keys)
            inds = [vocab.indicators[k] for p, k in keys if abs(p - n_claim) == best]
            indicator = _prefer(inds, c).key
        i, j = bisect_left(year_at, s_start), bisect_left(year_at, s_end)
        year = _nearest(years[i:j], start)
        out.append(Topic(c.file, c.line, c.text, entity, indicator, year, c.doc_id))
    return out


def _nearest(items: list[tuple[int, str]], at: int) -> str | None:
    if not items:
        return None
    return min(items, key=lambda p: abs(p[0] - at))[1]


# --------------------------------------------------------------------------- running


@dataclass(frozen=True)
class _Survey:
    """``check`` on one unit of work, reduced to topics (picklable for --jobs)."""

    checking: Any  # claimcheck.run.pool.Checking

    def warm(self) -> None:
        self.checking.warm()
        vocabulary()

    def __call__(self, unit: Any) -> tuple[int, list[Topic]]:
        from claimcheck.run.pool import Rows

        if isinstance(unit, Rows):
            out: list[Topic] = []
            size = 0
            for doc_id, text in unit.rows:
                size += len(text.encode("utf-8"))
                for t in topics_of(text, self.checking.run(text, unit.file)):
                    out.append(Topic(t.file, t.line, t.text, t.entity, t.indicator, t.period, doc_id))
            return size, out
        results = self.checking.run(unit.text, unit.file, unit.offset, unit.line)
        return len(unit.text.encode("utf-8")), topics_of(unit.text, results, unit.offset)


@dataclass
class Coverage:
    """The tally of a survey."""

    claims: int = 0                    # uncovered claims surveyed
    pairs: Counter[tuple[str | None, str | None]] = field(default_factory=Counter)
    periods: dict[tuple[str | None, str | None], Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter))
    examples: dict[tuple[str | None, str | None], Topic] = field(default_factory=dict)
    entities: Counter[str] = field(default_factory=Counter)
    indicators: Counter[str] = field(default_factory=Counter)
    years: Counter[str] = field(default_factory=Counter)

    def add(self, t: Topic) -> None:
        self.claims += 1
        k = (t.entity, t.indicator)
        self.pairs[k] += 1
        if t.period:
            self.periods[k][t.period] += 1
            self.years[t.period] += 1
        self.examples.setdefault(k, t)
        if t.entity:
            self.entities[t.entity] += 1
        if t.indicator:
            self.indicators[t.indicator] += 1

    def ranked(self, *, complete: bool = False) -> list[tuple[tuple[str | None, str | None], int]]:
        """Pairs by claims (most first, then by name); ``complete``: both known."""
        items = [(k, n) for k, n in self.pairs.items()
                 if not complete or (k[0] is not None and k[1] is not None)]
        return sorted(items, key=lambda kn: (-kn[1], kn[0][0] or "~", kn[0][1] or "~"))


def survey(files: Sequence[str], references: Any, *, country: str | None = None,
           quiet: bool = False, jobs: int | None = None, encoding: str | None = None,
           text_column: str | None = None, id_column: str | None = None) -> Coverage:
    """Check ``files`` against ``references`` and tally what the uncovered claims
    are about (see the module docstring). A progress bar shows on a terminal."""
    import sys

    from tqdm import tqdm

    from claimcheck.run.pool import (
        Checking,
        input_bytes,
        iter_units,
        ordered_map,
        resolve_jobs,
    )

    work = _Survey(Checking(references, country=country))
    work.warm()
    total = input_bytes(files)
    cov = Coverage()
    units = iter_units(files, encoding, None, text_column, id_column)
    bar = tqdm(total=total, unit="B", unit_scale=True, desc="coverage", leave=False,
               disable=quiet or not sys.stderr.isatty() or total < (8 << 20))
    with bar:
        for size, topics in ordered_map(work, units, resolve_jobs(jobs, files)):
            for t in topics:
                cov.add(t)
            bar.update(min(size, max(total - bar.n, 0)))
    return cov


# --------------------------------------------------------------------------- reports


def entity_label(key: str | None) -> str:
    if key is None:
        return "—"
    names = []
    for part in key.split("+"):
        e = countries.entity(part) if len(part) <= 3 and part.isupper() else None
        if isinstance(e, countries.Country):
            names.append(e.name)
        else:
            try:
                names.append(countries.grouping(part).names[0])
            except LookupError:
                names.append(part)
    return "/".join(names)


def _codes(key: str | None, source: str) -> str:
    if key is None:
        return ""
    return " ".join(catalogue().indicator(key).codes_of(source))


def _periods(cov: Coverage, k: tuple[str | None, str | None], n: int = 3) -> str:
    return ", ".join(y for y, _ in cov.periods[k].most_common(n)) if k in cov.periods else ""


CSV_COLUMNS = ("rank", "claims", "share", "entity_code", "entity", "indicator", "metric",
               "periods", "wb_codes", "imf_codes", "example_file", "example_line", "example")


def rows(cov: Coverage) -> Iterable[list[str]]:
    for rank, (k, n) in enumerate(cov.ranked(), start=1):
        ex = cov.examples[k]
        ind = catalogue().indicator(k[1]) if k[1] else None
        yield [str(rank), str(n), f"{n / cov.claims:.4f}", k[0] or "", entity_label(k[0]) if k[0] else "",
               k[1] or "", ind.metric if ind else "", _periods(cov, k, 5), _codes(k[1], "wb"),
               _codes(k[1], "imf"), ex.file, str(ex.line), ex.text]


def render_csv(cov: Coverage) -> bytes:
    """Every (entity, indicator) pair, most claims first: UTF-8 with BOM for Excel,
    cells made inert so a spreadsheet never runs them."""
    from claimcheck.report.data import inert

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for r in rows(cov):
        w.writerow([inert(x) for x in r])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


RLI, PDI = "\u2067", "\u2069"


def render_table(cov: Coverage, top: int = 20) -> str:
    """The top ``top`` pairs whose entity and indicator are both known, then the
    most frequent entities, indicators and years on their own."""
    ranked = cov.ranked(complete=True)[:top]
    both = sum(n for k, n in cov.pairs.items() if k[0] and k[1])
    lines = [f"{cov.claims:,} claims no table covers; {both:,} name a country and a catalogue "
             f"indicator ({both / max(cov.claims, 1):.0%})", ""]
    lines.append(f"{'#':>3} {'claims':>7}  {'entity':<8} {'indicator':<22} {'years':<16} "
                 f"{'codes to import (WB · IMF)':<34} entity — metric")
    for rank, (k, n) in enumerate(ranked, start=1):
        ind = catalogue().indicator(k[1])  # type: ignore[arg-type]
        codes = " · ".join(x for x in (_codes(k[1], "wb"), _codes(k[1], "imf")) if x) or \
            " · ".join(f"{c.source.upper()} {c.code}" for c in ind.codes)  # (EIA for oil)
        lines.append(f"{rank:>3} {n:>7,}  {k[0]:<8} {k[1]:<22} {_periods(cov, k):<16} {codes:<34} "
                     f"{RLI}{entity_label(k[0])} — {ind.metric}{PDI}")
    lines.append("")
    ents = ", ".join(f"{RLI}{entity_label(e)}{PDI} {n:,}" for e, n in cov.entities.most_common(8))
    inds = ", ".join(f"{i} {n:,}" for i, n in cov.indicators.most_common(8))
    years = ", ".join(f"{y} {n:,}" for y, n in cov.years.most_common(8))
    lines += [f"entities:   {ents}", f"indicators: {inds}", f"years:      {years}"]
    return "\n".join(lines) + "\n"
