"""The records claimcheck produces: claims (SPEC §1) and checked claims (SPEC §3).

Numbers are kept exact as :class:`decimal.Decimal`; dates are ISO 8601 strings.
Every output format serialises :meth:`Claim.to_record` /
:meth:`CheckedClaim.to_record`, so all formats carry the same fields.
"""
from __future__ import annotations

from dataclasses import Field, dataclass, field, fields
from decimal import Decimal
from enum import StrEnum
from operator import attrgetter
from typing import Any, Callable

from claimcheck.errors import ClaimSpanError


class Kind(StrEnum):
    NUMBER = "number"
    PERCENT = "percent"
    MONEY = "money"
    QUANTITY = "quantity"
    DATE = "date"
    DURATION = "duration"
    ORDINAL = "ordinal"


class Qualifier(StrEnum):
    EXACT = "exact"
    APPROXIMATE = "approximate"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"


class Calendar(StrEnum):
    GREGORIAN = "gregorian"
    HIJRI = "hijri"


class Verdict(StrEnum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    UNVERIFIABLE = "unverifiable"


class Reason(StrEnum):
    # supported
    EXACT = "exact"
    WITHIN_ROUNDING = "within_rounding"
    WITHIN_APPROXIMATION = "within_approximation"
    BOUND_SATISFIED = "bound_satisfied"
    WITHIN_TOLERANCE = "within_tolerance"
    # contradicted
    VALUE_MISMATCH = "value_mismatch"
    SCALE_MISMATCH = "scale_mismatch"
    BOUND_VIOLATED = "bound_violated"
    DATE_MISMATCH = "date_mismatch"
    # contradicted by the document's own arithmetic (SPEC §6)
    INCONSISTENT_CHANGE = "inconsistent_change"
    INCONSISTENT_SHARE = "inconsistent_share"
    INCONSISTENT_RATIO = "inconsistent_ratio"
    INCONSISTENT_TOTAL = "inconsistent_total"
    INCONSISTENT_ELAPSED = "inconsistent_elapsed"
    POINTS_NOT_PERCENT = "points_not_percent"
    INCONSISTENT_REPEAT = "inconsistent_repeat"
    # unverifiable
    NO_REFERENCE = "no_reference"
    PERIOD_NOT_COVERED = "period_not_covered"
    INCOMPARABLE_UNITS = "incomparable_units"
    NO_EXCHANGE_RATE = "no_exchange_rate"
    AMBIGUOUS_REFERENCE = "ambiguous_reference"


REASON_VERDICT: dict[Reason, Verdict] = {
    **dict.fromkeys((Reason.EXACT, Reason.WITHIN_ROUNDING, Reason.WITHIN_APPROXIMATION,
                     Reason.BOUND_SATISFIED, Reason.WITHIN_TOLERANCE), Verdict.SUPPORTED),
    **dict.fromkeys((Reason.VALUE_MISMATCH, Reason.SCALE_MISMATCH, Reason.BOUND_VIOLATED,
                     Reason.DATE_MISMATCH, Reason.INCONSISTENT_CHANGE, Reason.INCONSISTENT_SHARE,
                     Reason.INCONSISTENT_RATIO, Reason.INCONSISTENT_TOTAL,
                     Reason.INCONSISTENT_ELAPSED, Reason.POINTS_NOT_PERCENT,
                     Reason.INCONSISTENT_REPEAT), Verdict.CONTRADICTED),
    **dict.fromkeys((Reason.NO_REFERENCE, Reason.PERIOD_NOT_COVERED, Reason.INCOMPARABLE_UNITS,
                     Reason.NO_EXCHANGE_RATE, Reason.AMBIGUOUS_REFERENCE), Verdict.UNVERIFIABLE),
}

#: Reasons of a finding no table takes part in: the document's own figures
#: disagree (SPEC §6). People read these as "inconsistent" («تناقض داخلي»), not
#: as contradicting a reference (see :func:`claimcheck.report.base.finding_of`).
CONSISTENCY_REASONS: frozenset[Reason] = frozenset({
    Reason.INCONSISTENT_CHANGE, Reason.INCONSISTENT_SHARE, Reason.INCONSISTENT_RATIO,
    Reason.INCONSISTENT_TOTAL, Reason.INCONSISTENT_ELAPSED, Reason.POINTS_NOT_PERCENT,
    Reason.INCONSISTENT_REPEAT})

Value = Decimal | str | None


def json_number(value: Value) -> int | float | str | None:
    """An exact Decimal as the JSON number that prints the same digits.

    Integral values become ``int`` (exact at any size); others become the
    shortest ``float`` that round-trips, which is exact for the 15 significant
    digits claims are written with. Strings (ISO dates) pass through.
    """
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return float(value)
    return value


def _enum_or_none(value: StrEnum | None) -> str | None:
    return str(value) if value else None


def _score(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _json(encode: Callable[[Any], Any]) -> dict[str, Any]:
    """Field metadata: how the field's value is written in a record (else: as is)."""
    return {"json": encode}


#: Field metadata: a field the records leave out (or place themselves).
_NOT_IN_RECORD = {"record": False}


# The field order of a record is declared once, by the dataclasses below (SPEC §1 and
# §3 order); everything else derives from it: pickling, the tuples that carry claims
# between processes (claimcheck.run.pool), the records (to_record), CSV/xlsx columns
# (claimcheck.report.base) and frame columns (claimcheck.frame). A new field goes last
# (positional construction by older callers keeps working) and, if its value is not
# JSON-ready, says how it is written with ``metadata=_json(...)``.


@dataclass(frozen=True, slots=True)
class Claim:
    """One quantity expression found in a document (SPEC §1)."""

    file: str
    line: int
    column: int
    start: int
    end: int
    text: str
    kind: Kind = field(metadata=_json(str))
    value: Value = field(metadata=_json(json_number))
    low: Value = field(default=None, metadata=_json(json_number))
    high: Value = field(default=None, metadata=_json(json_number))
    unit: str | None = None
    qualifier: Qualifier = field(default=Qualifier.EXACT, metadata=_json(str))
    subject: str | None = None
    calendar: Calendar | None = field(default=None, metadata=_json(_enum_or_none))
    #: True when a bare ambiguous currency (دينار، ريال…) was resolved by the default.
    currency_assumed: bool = False
    sentence: str = ""
    #: Implied precision: one step of the last written digit (``4.3 مليار`` → 1e8).
    resolution: Decimal | None = field(default=None, metadata=_NOT_IN_RECORD)
    #: Document id for claims read from an archive (CSV/JSONL/Parquet row id); when
    #: set, records carry it right after ``file``.
    doc_id: str | None = field(default=None, metadata=_NOT_IN_RECORD)

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ClaimSpanError(f"bad claim span {self.start}:{self.end}")
        if len(self.text) != self.end - self.start:
            raise ClaimSpanError("claim text length does not match its span")

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Positional re-construction: ~2× faster to unpickle than the slotted
        # dataclass default (one setattr per field), which matters when worker
        # processes send every claim of an archive back to the main one.
        return (Claim, claim_values(self))

    def to_record(self) -> dict[str, Any]:
        """The claim as a flat, JSON-ready dict in SPEC field order."""
        rec = dict(zip(CLAIM_RECORD, _claim_record_values(self), strict=True))
        for name, encode in _CLAIM_ENCODE:
            rec[name] = encode(rec[name])
        if self.doc_id is not None:
            return {"file": rec.pop("file"), "doc_id": self.doc_id, **rec}
        return rec


@dataclass(frozen=True, slots=True)
class Related:
    """Another claim of the document that a consistency relation used (SPEC §6)."""

    start: int
    end: int
    text: str

    def to_record(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


def _related(related: tuple[Related, ...]) -> list[dict[str, Any]]:
    return [r.to_record() for r in related]


@dataclass(frozen=True, slots=True)
class CheckedClaim:
    """A claim with its verdict and the evidence behind it (SPEC §3)."""

    claim: Claim = field(metadata=_NOT_IN_RECORD)
    verdict: Verdict = field(metadata=_json(str))
    reason: Reason = field(metadata=_json(str))
    reference_id: str | None = None
    reference_value: Value = field(default=None, metadata=_json(json_number))
    reference_unit: str | None = None
    reference_period: str | None = None
    reference_source: str | None = None
    delta: Decimal | None = field(default=None, metadata=_json(json_number))
    match_score: float | None = field(default=None, metadata=_json(_score))
    explanation: str = ""
    #: The other claims a consistency relation used (SPEC §6); empty otherwise.
    related: tuple[Related, ...] = field(default=(), metadata=_json(_related))
    #: The value that relation implies, in this claim's unit.
    expected: Value = field(default=None, metadata=_json(json_number))

    def to_record(self) -> dict[str, Any]:
        """The claim's record (:meth:`Claim.to_record`) followed by the check's fields."""
        rec = self.claim.to_record()
        rec.update(zip(CHECK_RECORD, _check_record_values(self), strict=True))
        for name, encode in _CHECK_ENCODE:
            rec[name] = encode(rec[name])
        return rec


def _in_record(cls: type) -> tuple[Field[Any], ...]:
    return tuple(f for f in fields(cls) if f.metadata.get("record", True))


#: Claim's fields in order: its positional constructor, pickling, worker tuples.
CLAIM_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Claim))
#: A claim's values in :data:`CLAIM_FIELDS` order (``Claim(*claim_values(c)) == c``).
claim_values: Callable[[Claim], tuple[Any, ...]] = attrgetter(*CLAIM_FIELDS)
#: Claim's slot setters in :data:`CLAIM_FIELDS` order (see :func:`new_claim`).
_CLAIM_SETTERS = tuple(getattr(Claim, name).__set__ for name in CLAIM_FIELDS)


def _slot_filler(setters: tuple[Callable[[Any, Any], None], ...]) -> Callable[..., None]:
    """``fill(obj, v0, v1, …)``: each slot set by its own setter, the calls written
    out one per field (generated once, as :mod:`dataclasses` generates ``__init__``):
    a loop over the setters costs ~40 % more per claim."""
    names = [f"v{i}" for i in range(len(setters))]
    scope: dict[str, Any] = {f"set{i}": put for i, put in enumerate(setters)}
    body = "".join(f"    set{i}(obj, {v})\n" for i, v in enumerate(names))
    exec(f"def fill(obj, {', '.join(names)}):\n{body}", scope)
    return scope["fill"]


_fill_claim = _slot_filler(_CLAIM_SETTERS)


def new_claim(*values: Any) -> Claim:
    """``Claim(*values)`` for code that makes claims by the thousand (the engine):
    the values in :data:`CLAIM_FIELDS` order, all of them or all but ``doc_id``.

    The slots are filled directly, about twice as fast as the frozen dataclass's
    ``__init__`` (a generic ``object.__setattr__`` per field); the span is
    checked as ``__post_init__`` checks it.
    """
    if len(values) != len(_CLAIM_SETTERS):
        if len(values) != len(_CLAIM_SETTERS) - 1:
            raise TypeError(f"new_claim takes {len(_CLAIM_SETTERS) - 1} or {len(_CLAIM_SETTERS)} values")
        values = (*values, None)
    c = object.__new__(Claim)
    _fill_claim(c, *values)
    c.__post_init__()
    return c


#: CheckedClaim's fields in order (``CheckedClaim(*checked_values(r)) == r``).
CHECKED_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(CheckedClaim))
checked_values: Callable[[CheckedClaim], tuple[Any, ...]] = attrgetter(*CHECKED_FIELDS)

#: The fields of a claim's record, in order (SPEC §1; ``doc_id`` follows ``file`` when set).
CLAIM_RECORD: tuple[str, ...] = tuple(f.name for f in _in_record(Claim))
#: The fields a checked claim's record adds after the claim's, in order (SPEC §3).
CHECK_RECORD: tuple[str, ...] = tuple(f.name for f in _in_record(CheckedClaim))
_claim_record_values = attrgetter(*CLAIM_RECORD)
_check_record_values = attrgetter(*CHECK_RECORD)
_CLAIM_ENCODE = tuple((f.name, f.metadata["json"]) for f in _in_record(Claim) if "json" in f.metadata)
_CHECK_ENCODE = tuple((f.name, f.metadata["json"])
                      for f in _in_record(CheckedClaim) if "json" in f.metadata)
