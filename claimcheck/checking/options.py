"""The tunable thresholds of a check (SPEC §3), read by every stage of it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any


@dataclass(frozen=True, slots=True)
class Options:
    """Tunable thresholds of :func:`check` (all have documented defaults)."""

    approx: Decimal = Decimal("0.10")          # ± for approximate claims (نحو، حوالي)
    fx_tolerance: Decimal = Decimal("0.05")    # extra ± after a currency conversion
    threshold: float = 0.6                     # minimum match_score of a match
    contradict_threshold: float = 0.8          # minimum match_score to contradict
    #: a contradicted figure lies within these ratios of the reference (else it is
    #: another quantity that shares the words); scale slips are judged on their own
    plausible_low: Decimal = Decimal("0.1")
    plausible_high: Decimal = Decimal(10)
    tie: float = 0.03                          # scores this close are "equally good"
    lang: str = "ar"
    #: consistency rules to run (SPEC §6): None = the default ones, () = none
    rules: tuple[str, ...] | None = None
    #: the document's date for rules that need "now" (else its latest full date)
    as_of: date | None = None


def as_tolerance(x: Any) -> Decimal:
    """``"5%"`` or ``0.05`` as a relative tolerance (``Decimal('0.05')``)."""
    s = str(x).strip()
    if s.endswith("%"):
        return Decimal(s[:-1]) / 100
    return Decimal(s)
