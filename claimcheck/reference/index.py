"""Reference tables (SPEC §2): loading, validation, and the facts index.

A reference folder holds CSV files of two types, told apart by their header:

* **fact tables** — ``id, entity, metric, value`` required; ``unit, period,
  qualifier, tolerance, keywords, source`` optional; other columns ignored;
* **exchange-rate tables** — ``date, currency, usd_per_unit``.

Loading is all or nothing. Every problem is collected — with file, row and
column — and raised together as one :class:`~claimcheck.errors.ReferenceTableError`
whose ``problems`` list ``claimcheck reference validate`` prints in full. A table
with one bad row loads nothing.

Rows are numbered as a spreadsheet shows them: the header is row 1, and a record
is numbered by the line it starts on.

Matching text: entity aliases, metrics and keywords are reduced to *terms* —
folded (hamza, ya, ta marbuta, digits, harakat; see :mod:`claimcheck.text.normalize`)
and lightly stemmed (clitics و ف ب ك ل and the article ال in front; the
accusative tanween alif, sound plural and dual endings, and a final ه behind).
Broken plurals (شريك / شركاء) cannot be stemmed: list both in ``keywords``.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator

import regex

from claimcheck.errors import ReferenceTableError
from claimcheck.lang import clitics
from claimcheck.model import Qualifier
from claimcheck.text.normalize import fold
from claimcheck.lang.digits import parse_number_text
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


# --------------------------------------------------------------------------- periods

_DATE_RE = regex.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


@dataclass(frozen=True, slots=True)
class Period:
    """An inclusive span of days; ``text`` is the ISO 8601 form it was written as."""

    text: str
    start: date
    end: date

    def overlaps(self, other: "Period") -> bool:
        return self.start <= other.end and other.start <= self.end

    def contains(self, other: "Period") -> bool:
        return self.start <= other.start and other.end <= self.end

    @property
    def is_interval(self) -> bool:
        return "/" in self.text

    def distance(self, d: date) -> int:
        """Days from ``d`` to this period (0 when inside)."""
        if d < self.start:
            return (self.start - d).days
        if d > self.end:
            return (d - self.end).days
        return 0


def _month_end(y: int, m: int) -> date:
    first_next = date(y + (m == 12), m % 12 + 1, 1)
    return date.fromordinal(first_next.toordinal() - 1)


#: Periods are immutable and recur (a table's years, a text's dates): one object
#: each, shared (10,000 rows hold a few dozen periods)
@lru_cache(maxsize=1 << 12)
def parse_iso_date(s: str) -> Period:
    """``2024`` / ``2024-03`` / ``2024-03-11`` (any digit script) as a span of days.

    >>> parse_iso_date("2024-02").end
    datetime.date(2024, 2, 29)
    """
    t = fold(s).strip()
    m = _DATE_RE.fullmatch(t)
    if not m:
        raise ValueError(f"not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD): {s!r}")
    y = int(m.group(1))
    try:
        if m.group(3):
            d = date(y, int(m.group(2)), int(m.group(3)))
            return Period(t, d, d)
        if m.group(2):
            mo = int(m.group(2))
            return Period(t, date(y, mo, 1), _month_end(y, mo))
        return Period(t, date(y, 1, 1), date(y, 12, 31))
    except ValueError:
        raise ValueError(f"no such date: {s!r}") from None


@lru_cache(maxsize=1 << 12)
def parse_period(s: str) -> Period:
    """An ISO 8601 date or interval ``start/end`` (each a date of any precision)."""
    t = fold(s).strip()
    if "/" in t:
        a, _, b = t.partition("/")
        pa, pb = parse_iso_date(a), parse_iso_date(b)
        if pb.end < pa.start:
            raise ValueError(f"interval ends before it starts: {s!r}")
        return Period(f"{pa.text}/{pb.text}", pa.start, pb.end)
    return parse_iso_date(t)


# --------------------------------------------------------------------------- terms

_TOKEN_RE = regex.compile(r"[\p{L}\p{N}]+")
_CONJ = frozenset(clitics.CONJUNCTIONS)
_PREP = frozenset(clitics.PREPOSITIONS)
#: Endings stem() strips, one per word: a two-letter one if the word ends so, else one letter.
_SUFFIXES = ("ات", "ون", "ين", "ان", "ها", "هم", "ا", "ه", "ي")
_SUFFIXES_2 = frozenset(x for x in _SUFFIXES if len(x) == 2)
_SUFFIXES_1 = frozenset(x for x in _SUFFIXES if len(x) == 1)
STOPWORDS = frozenset(
    fold(w) for w in """في من على الى إلى عن مع عدد ما التي الذي هذا هذه ذلك تلك كان
    قد او أو ثم منذ حتى بين لدى عند كل بعد قبل خلال نحو اكثر أكثر اقل أقل و ب ل ف ك""".split()
)


#: stems of the words met so far (a text's words recur); started afresh when full
#: (kept small: a large memo evicts the extractor's tables from the CPU caches)
_STEMS: dict[str, str] = {}
_STEMS_MAX = 1 << 15


def stem(token: str) -> str:
    """A folded token without clitics and common endings (for matching only).

    >>> stem(fold("وبالمساعدات"))
    'مساعد'
    """
    s = _STEMS.get(token)
    if s is None:
        if len(_STEMS) >= _STEMS_MAX:
            _STEMS.clear()
        s = _STEMS[token] = _stem(token)
    return s


def stems(tokens: Iterable[str]) -> list[str]:
    """:func:`stem` of each token (a sentence's words at once)."""
    get = _STEMS.get
    return [get(t) or stem(t) for t in tokens]  # a stem is never empty


def _stem(token: str) -> str:
    t = token
    if len(t) >= 5 and t.startswith("لل"):  # ل + ال: للمجتمعات
        t = t[2:]
    else:
        # the clitics in their fixed order: conjunction و/ف, preposition ب/ك/ل,
        # article ال — each optional
        i = 1 if t[:1] in _CONJ else 0
        if t[i:i + 1] in _PREP:
            i += 1
        if t.startswith("ال", i):
            i += 2
        if i and len(t) - i >= 3:
            t = t[i:]
        elif len(t) >= 5 and t.startswith("ال"):
            t = t[2:]
    # one ending, the two-letter ones first (as listed in _SUFFIXES)
    n = len(t)
    if n >= 5 and t[-2:] in _SUFFIXES_2:
        return t[:-2]
    if n >= 4 and t[-1:] in _SUFFIXES_1:
        return t[:-1]
    return t


#: What :func:`stem` may strip in front of a term: ل+ال, conjunction + preposition + article, ال.
_CLITIC_PREFIXES = tuple(sorted({clitics.L_ARTICLE, clitics.ARTICLE} | {
    c + p + a for c in clitics.CONJ for p in ("",) + clitics.PREPOSITIONS for a in ("", clitics.ARTICLE)}))


def surface_forms(term: str) -> frozenset[str]:
    """Every folded word whose :func:`stem` is ``term`` (clitics before, one ending after).

    >>> sorted(surface_forms("سعودي"))[:3]
    ['السعودي', 'السعوديا', 'السعوديات']
    """
    return frozenset(w for pre in _CLITIC_PREFIXES for suf in ("",) + _SUFFIXES
                     for w in (pre + term + suf,) if stem(w) == term)


def terms(text: str) -> list[str]:
    """The stemmed terms of a piece of (unfolded) text, in order."""
    return [stem(tok) for tok in _TOKEN_RE.findall(fold(text))]


@lru_cache(maxsize=1 << 12)
def phrase_terms(text: str) -> tuple[str, ...]:
    """Terms of a table phrase without stop words (falls back to all terms).

    (Remembered: a table's rows repeat a few hundred entity names, metrics and
    keywords, one row per year.)
    """
    ts = terms(text)
    sig = tuple(t for t in ts if t not in STOPWORDS and not t.isdigit())
    return sig or tuple(ts)


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Fact:
    """One row of a fact table."""

    id: str
    entity: tuple[str, ...]
    metric: str
    value: Decimal | str
    unit: str | None
    period: Period | None
    qualifier: Qualifier
    tolerance: Decimal | None
    keywords: tuple[str, ...]
    source: str
    file: str
    row: int
    #: comparison class of the unit (see :mod:`claimcheck.units`)
    klass: str = ""
    #: matching data: terms of each entity alias, of the metric, of each keyword
    entity_terms: tuple[tuple[str, ...], ...] = ()
    metric_terms: tuple[str, ...] = ()
    keyword_terms: tuple[tuple[str, ...], ...] = ()

    @property
    def entity_key(self) -> str:
        return self.entity[0]


@dataclass(frozen=True, slots=True)
class Rate:
    date: date
    currency: str
    usd_per_unit: Decimal
    source: str
    file: str
    row: int


@dataclass(slots=True, eq=False, weakref_slot=True)
class References:
    """Loaded reference tables with the indexes ``check`` needs.

    Facts are bucketed by comparison class (count, percent, money, date, a pint
    dimensionality) and, inside a bucket, indexed by the terms of their metric and
    keywords, so a claim is only scored against facts whose wording occurs near it.
    """

    facts: tuple[Fact, ...] = ()
    rates: dict[str, list[Rate]] = field(default_factory=dict)
    files: tuple[str, ...] = ()
    _by_class_term: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    _strong_by_class_term: dict[str, dict[str, tuple[int, ...]]] = field(default_factory=dict)
    _single_by_class_term: dict[str, dict[str, tuple[int, ...]]] = field(default_factory=dict)
    _alias_first: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    #: Facts that share class, metric, keywords and entity (one row per year or
    #: per source) score the same against a claim: they are indexed as one group.
    groups: tuple[tuple[int, ...], ...] = ()
    #: the first fact of each group by id (then row): ``(id, index)``
    group_heads: tuple[tuple[str, int], ...] = ()
    #: Groups that share class, metric and keywords (and whose entity shares no word
    #: with them) score the same metric evidence: a *metric* is indexed once for them
    #: all; ``metric_facts`` holds one fact of each, ``metric_overlaps`` the entity
    #: words that are also its words.
    metric_groups: tuple[tuple[int, ...], ...] = ()
    metric_facts: tuple[Fact, ...] = ()
    metric_overlaps: tuple[frozenset[str], ...] = ()
    #: the words of each metric: all its terms, those that name it alone (its
    #: metric's terms and one-word keywords), and each keyword's terms as a set
    metric_words: tuple[tuple[frozenset[str], frozenset[str], tuple[frozenset[str], ...]], ...] = ()
    #: the groups of each metric by entity key; the entity keys of each alias
    metric_groups_by_key: tuple[dict[str, list[int]], ...] = ()
    #: the comparison classes that have facts, in a stable order, and as a set
    classes: tuple[str, ...] = ()
    class_set: frozenset[str] = frozenset()
    #: the classes whose :meth:`strong_candidates` a context term is a key of
    strong_classes_by_term: dict[str, frozenset[str]] = field(default_factory=dict)
    alias_keys: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict)
    _first_forms: frozenset[str] | None = None
    _alias_parts: dict[str, Any] | None = None
    _alias_parts_by_form: dict[str, Any] | None = None
    _index_terms: frozenset[str] | None = None
    _index_forms: dict[str, str] | None = None

    def __post_init__(self) -> None:
        by: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        strong: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        single: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        alias_first: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        seen_alias: set[tuple[tuple[str, ...], str]] = set()
        group_of: dict[tuple[Any, ...], int] = {}
        groups: list[list[int]] = []
        metric_of: dict[tuple[Any, ...], int] = {}
        metric_groups: list[list[int]] = []
        metric_facts: list[Fact] = []
        overlaps: list[frozenset[str]] = []
        for i, f in enumerate(self.facts):
            key = (f.klass, f.metric_terms, f.keyword_terms, f.entity_terms)
            g = group_of.get(key)
            if g is not None:
                groups[g].append(i)
                continue
            g = group_of[key] = len(groups)
            groups.append([i])
            ts = set(f.metric_terms)
            for kw in f.keyword_terms:
                ts.update(kw)
            # a metric scores the same for every entity that shares none of its words
            overlap = frozenset(ts & {t for a in f.entity_terms for t in a})
            mkey = (f.klass, f.metric_terms, f.keyword_terms, overlap)
            m = metric_of.get(mkey)
            if m is None:
                m = metric_of[mkey] = len(metric_groups)
                metric_groups.append([])
                metric_facts.append(f)
                overlaps.append(overlap)
                idx = by[f.klass]
                for t in ts:
                    idx[t].add(m)
                # what a claim's stretch must hold for the metric to score above
                # STRONG_FLOOR (see checking.matching.metric_strength): a whole keyword (so
                # its first term), every metric word not shared with the entity (so
                # the last), or a counted noun that is one of its words on its own
                s_idx = strong[f.klass]
                for kw in f.keyword_terms:
                    if kw:
                        s_idx[kw[0]].add(m)
                mt = [t for t in f.metric_terms if t not in overlap]
                if mt:
                    s_idx[mt[-1]].add(m)
                for t in {kw[0] for kw in f.keyword_terms if len(kw) == 1} | set(f.metric_terms):
                    single[f.klass][t].add(m)
            metric_groups[m].append(g)
            for al in f.entity_terms:
                if al and (al, f.entity_key) not in seen_alias:
                    seen_alias.add((al, f.entity_key))
                    alias_first[al[0]].append((al, f.entity_key))
        self._by_class_term = {k: {t: tuple(sorted(ms)) for t, ms in v.items()} for k, v in by.items()}
        self._strong_by_class_term = {k: {t: tuple(sorted(ms)) for t, ms in v.items()} for k, v in strong.items()}
        self._single_by_class_term = {k: {t: tuple(sorted(ms)) for t, ms in v.items()} for k, v in single.items()}
        strong_classes: dict[str, set[str]] = defaultdict(set)
        for k, v in self._strong_by_class_term.items():
            for t in v:
                strong_classes[t].add(k)
        self.strong_classes_by_term = {t: frozenset(ks) for t, ks in strong_classes.items()}
        self.classes = tuple(sorted(self._by_class_term))
        self.class_set = frozenset(self.classes)
        self._alias_first = dict(alias_first)
        # each group's rows in the order results name them: by id, then row
        self.groups = tuple(tuple(sorted(g, key=lambda i: (self.facts[i].id, i))) for g in groups)
        self.group_heads = tuple((self.facts[g[0]].id, g[0]) for g in self.groups)
        self.metric_groups = tuple(tuple(g) for g in metric_groups)
        by_key: list[dict[str, list[int]]] = []
        for gs in metric_groups:
            d: dict[str, list[int]] = defaultdict(list)
            for g in gs:
                d[self.facts[groups[g][0]].entity_key].append(g)
            by_key.append({k: v for k, v in d.items()})
        self.metric_groups_by_key = tuple(by_key)
        keys_of: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for f in self.facts:
            for al in f.entity_terms:
                keys_of[al].add(f.entity_key)
        self.alias_keys = {a: frozenset(k) for a, k in keys_of.items()}
        self.metric_facts = tuple(metric_facts)
        self.metric_words = tuple(
            (frozenset(f.metric_terms).union(*f.keyword_terms),
             frozenset(kw[0] for kw in f.keyword_terms if len(kw) == 1) | frozenset(f.metric_terms),
             tuple(frozenset(kw) for kw in f.keyword_terms))
            for f in metric_facts)
        self.metric_overlaps = tuple(overlaps)
        for lst in self.rates.values():
            lst.sort(key=lambda r: r.date)

    def __len__(self) -> int:
        return len(self.facts)

    @property
    def index_terms(self) -> frozenset[str]:
        """Every metric and keyword term of every class."""
        if self._index_terms is None:
            self._index_terms = frozenset(t for idx in self._by_class_term.values() for t in idx)
        return self._index_terms

    @property
    def index_forms(self) -> dict[str, str]:
        """Every folded word whose term is a metric or keyword term, with that term."""
        if self._index_forms is None:
            self._index_forms = {w: t for t in sorted(self.index_terms) for w in surface_forms(t)}
        return self._index_forms

    @property
    def alias_parts(self) -> dict[str, tuple[frozenset[str], tuple[tuple[tuple[str, ...], str], ...],
                                             frozenset[str], int]]:
        """For each first term of an alias: the entities named by it alone, the longer
        aliases (terms, entity), their second terms, and the most terms that follow."""
        if self._alias_parts is None:
            parts = {}
            for first, group in self._alias_first.items():
                singles = frozenset(key for al, key in group if len(al) == 1)
                longer = tuple((al, key) for al, key in group if len(al) > 1)
                seconds = frozenset(al[1] for al, _ in longer)
                need = max((len(al) for al, _ in longer), default=1) - 1
                parts[first] = (singles, longer, seconds, need)
            self._alias_parts = parts
        return self._alias_parts

    @property
    def alias_parts_by_form(self) -> dict[str, Any]:
        """:attr:`alias_parts` by every surface form of the first terms."""
        if self._alias_parts_by_form is None:
            parts = self.alias_parts
            self._alias_parts_by_form = {w: parts[stem(w)] for w in self.alias_first_forms}
        return self._alias_parts_by_form

    @property
    def alias_first_forms(self) -> frozenset[str]:
        """Every folded word whose term is the first term of an entity alias."""
        if self._first_forms is None:
            self._first_forms = frozenset().union(*map(surface_forms, self._alias_first)) \
                if self.facts else frozenset()
        return self._first_forms

    def has_candidates(self, klass: str, context_terms: Iterable[str]) -> bool:
        """Does any fact of ``klass`` share a metric or keyword term with the context?"""
        idx = self._by_class_term.get(klass)
        return bool(idx) and not idx.keys().isdisjoint(context_terms)

    def strong_candidates(self, klass: str, context_terms: Iterable[str],
                          subject_terms: Iterable[str] = ()) -> list[int]:
        """The :meth:`candidates` that may score above ``STRONG_FLOOR``: a keyword's
        first term or the metric's last own word in the context, or the claim's
        counted noun one of the metric's words on its own."""
        out: set[int] = set()
        for index, ts in ((self._strong_by_class_term.get(klass), context_terms),
                          (self._single_by_class_term.get(klass), subject_terms)):
            if index:
                for t in ts:
                    hit = index.get(t)
                    if hit:
                        out.update(hit)
        return sorted(out)

    def candidates(self, klass: str, context_terms: Iterable[str]) -> list[int]:
        """Indexes of metrics (see ``metric_groups``) of ``klass`` whose metric or
        keyword terms occur in the context."""
        idx = self._by_class_term.get(klass)
        if not idx:
            return []
        out: set[int] = set()
        for t in context_terms:
            hit = idx.get(t)
            if hit:
                out.update(hit)
        return sorted(out)

    def rate(self, currency: str, near: Period | None, fallback: Period | None = None) -> Rate | None:
        """The rate of ``currency`` nearest to ``near`` (or ``fallback``, else the latest)."""
        if currency == "USD":
            return Rate(date(1970, 1, 1), "USD", Decimal(1), "USD is the base", "", 0)
        lst = self.rates.get(currency)
        if not lst:
            return None
        target = near or fallback
        if target is None:
            return lst[-1]
        best = min(lst, key=lambda r: (target.distance(r.date), -r.date.toordinal()))
        return best


# --------------------------------------------------------------------------- loading


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


def _records(text: str, name: str, probs: _Problems) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of every non-blank record; quote errors become problems."""
    lines = text.splitlines(keepends=True)
    reader = csv.reader(iter(lines), strict=True)
    row_start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            probs.add(name, row_start, None, f"malformed CSV ({e}); check for a stray quote")
            return
        start, row_start = row_start, reader.line_num + 1
        if not cells or all(not c.strip() for c in cells):
            continue
        raw = "".join(lines[start - 1:reader.line_num])
        for c in cells:
            # A literal quote is fine only inside a quoted cell, written "" there.
            if '"' in c and '"' + c.replace('"', '""') + '"' not in raw:
                probs.add(name, start, None,
                          f"stray quote in the cell {c!r}: quote the whole cell and double the quote")
                break
        yield start, cells


def _norm_header(h: str) -> str:
    return h.strip().strip("\ufeff").lower()


def _load_file(path: Path, probs: _Problems) -> tuple[list[Fact], list[Rate]]:
    name = str(path)
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
    any_row = False
    for row, cells in recs:
        any_row = True
        if len(cells) != len(cols):
            probs.add(name, row, None,
                      f"{len(cells)} cells where the header has {len(cols)} columns")
            continue
        cell = {c: cells[i].strip() for c, i in seen.items()}
        if kind == "fact":
            f = _fact(cell, name, row, probs)
            if f is not None:
                facts.append(f)
        else:
            r = _rate(cell, name, row, probs)
            if r is not None:
                rates.append(r)
    if not any_row:
        probs.add(name, hrow, None, "the table has a header but no rows")
    return facts, rates


def _tolerance(s: str) -> Decimal:
    t = fold(s).strip()
    pct = t.endswith("%")
    v = parse_number_text(t[:-1] if pct else t)
    if pct:
        v = v / 100
    if v < 0 or v >= 1:
        raise ValueError("a relative tolerance between 0 and 1 (0.02) or a percentage (2%)")
    return v


def _fact(cell: dict[str, str], name: str, row: int, probs: _Problems) -> Fact | None:
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
            value = parse_number_text(raw)
        except (ValueError, InvalidOperation):
            bad("value", f"not a number: {raw!r}")
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
            tol = _tolerance(cell["tolerance"])
        except (ValueError, InvalidOperation) as e:
            bad("tolerance", f"bad tolerance {cell['tolerance']!r}: {e}")
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


def _rate(cell: dict[str, str], name: str, row: int, probs: _Problems) -> Rate | None:
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
    try:
        v = parse_number_text(cell["usd_per_unit"])
        if v <= 0:
            probs.add(name, row, "usd_per_unit", "a rate must be positive")
    except (ValueError, InvalidOperation):
        probs.add(name, row, "usd_per_unit", f"not a number: {cell['usd_per_unit']!r}")
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
    """Accept a References object, a path, a list of paths, or None (bundled tables)."""
    if isinstance(reference, References):
        return reference
    return load(reference)


__all__ = [
    "Fact", "Rate", "Period", "References", "load", "validate", "as_references",
    "parse_period", "parse_iso_date", "terms", "phrase_terms", "stem", "BUNDLED",
]
