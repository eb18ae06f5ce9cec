"""Build :class:`Claim` objects by hand for comparator tests (no extractor needed)."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from claimcheck.model import Claim, Kind, Qualifier


def claim_in(doc: str, span: str, kind: str, value: Any = None, *, unit: str | None = None,
             qualifier: str = "exact", subject: str | None = None, low: Any = None,
             high: Any = None, resolution: Any = None, nth: int = 0,
             currency_assumed: bool = False) -> Claim:
    """The claim whose text is the ``nth`` occurrence of ``span`` in ``doc``."""
    start = -1
    for _ in range(nth + 1):
        start = doc.index(span, start + 1)
    end = start + len(span)
    line = doc.count("\n", 0, start) + 1
    col = start - (doc.rfind("\n", 0, start) + 1) + 1

    def num(x: Any) -> Any:
        if x is None or isinstance(x, str) and kind == "date":
            return x
        return Decimal(str(x))

    return Claim(
        file="-", line=line, column=col, start=start, end=end, text=span, kind=Kind(kind),
        value=num(value), low=num(low), high=num(high), unit=unit,
        qualifier=Qualifier(qualifier), subject=subject, sentence="",
        resolution=None if resolution is None else Decimal(str(resolution)),
        currency_assumed=currency_assumed,
    )
