"""The records claimcheck produces: claims (SPEC §1) and checked claims (SPEC §3).

Numbers are kept exact as :class:`decimal.Decimal`; dates are ISO 8601 strings.
Every output format serialises :meth:`Claim.to_record` /
:meth:`CheckedClaim.to_record`, so all formats carry the same fields.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal
from enum import StrEnum
from typing import Any


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
    # unverifiable
    NO_REFERENCE = "no_reference"
    PERIOD_NOT_COVERED = "period_not_covered"
    INCOMPARABLE_UNITS = "incomparable_units"
    NO_EXCHANGE_RATE = "no_exchange_rate"
    AMBIGUOUS_REFERENCE = "ambiguous_reference"


REASON_VERDICT: dict[Reason, Verdict] = {
    **{r: Verdict.SUPPORTED for r in (Reason.EXACT, Reason.WITHIN_ROUNDING,
                                      Reason.WITHIN_APPROXIMATION, Reason.BOUND_SATISFIED,
                                      Reason.WITHIN_TOLERANCE)},
    **{r: Verdict.CONTRADICTED for r in (Reason.VALUE_MISMATCH, Reason.SCALE_MISMATCH,
                                         Reason.BOUND_VIOLATED, Reason.DATE_MISMATCH)},
    **{r: Verdict.UNVERIFIABLE for r in (Reason.NO_REFERENCE, Reason.PERIOD_NOT_COVERED,
                                         Reason.INCOMPARABLE_UNITS, Reason.NO_EXCHANGE_RATE,
                                         Reason.AMBIGUOUS_REFERENCE)},
}

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


@dataclass(frozen=True, slots=True)
class Claim:
    """One quantity expression found in a document (SPEC §1)."""

    file: str
    line: int
    column: int
    start: int
    end: int
    text: str
    kind: Kind
    value: Value
    low: Value = None
    high: Value = None
    unit: str | None = None
    qualifier: Qualifier = Qualifier.EXACT
    subject: str | None = None
    calendar: Calendar | None = None
    sentence: str = ""
    #: True when a bare ambiguous currency (دينار، ريال…) was resolved by the default.
    currency_assumed: bool = False
    #: Implied precision: one step of the last written digit (``4.3 مليار`` → 1e8).
    resolution: Decimal | None = None
    #: Document id for claims read from an archive (CSV/JSONL/Parquet row id).
    doc_id: str | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad claim span {self.start}:{self.end}")
        if len(self.text) != self.end - self.start:
            raise ValueError("claim text length does not match its span")

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Positional re-construction: ~2× faster to unpickle than the slotted
        # dataclass default (one setattr per field), which matters when worker
        # processes send every claim of an archive back to the main one.
        return (Claim, tuple(getattr(self, f) for f in _CLAIM_SLOTS))

    def to_record(self) -> dict[str, Any]:
        """The claim as a flat, JSON-ready dict in SPEC field order."""
        return {
            "file": self.file,
            **({"doc_id": self.doc_id} if self.doc_id is not None else {}),
            "line": self.line,
            "column": self.column,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": str(self.kind),
            "value": json_number(self.value),
            "low": json_number(self.low),
            "high": json_number(self.high),
            "unit": self.unit,
            "qualifier": str(self.qualifier),
            "subject": self.subject,
            "calendar": str(self.calendar) if self.calendar else None,
            "currency_assumed": self.currency_assumed,
            "sentence": self.sentence,
        }


_CLAIM_SLOTS: tuple[str, ...] = tuple(f.name for f in fields(Claim))


@dataclass(frozen=True, slots=True)
class CheckedClaim:
    """A claim with its verdict and the evidence behind it (SPEC §3)."""

    claim: Claim
    verdict: Verdict
    reason: Reason
    reference_id: str | None = None
    reference_value: Value = None
    reference_unit: str | None = None
    reference_period: str | None = None
    reference_source: str | None = None
    delta: Decimal | None = None
    match_score: float | None = None
    explanation: str = ""

    def to_record(self) -> dict[str, Any]:
        rec = self.claim.to_record()
        rec.update(
            verdict=str(self.verdict),
            reason=str(self.reason),
            reference_id=self.reference_id,
            reference_value=json_number(self.reference_value),
            reference_unit=self.reference_unit,
            reference_period=self.reference_period,
            reference_source=self.reference_source,
            delta=json_number(self.delta),
            match_score=None if self.match_score is None else round(self.match_score, 4),
            explanation=self.explanation,
        )
        return rec


CLAIM_FIELDS: tuple[str, ...] = tuple(
    f.name for f in fields(Claim) if f.name not in ("resolution", "doc_id")
)
