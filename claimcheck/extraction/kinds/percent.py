"""Percentages: ``30%``، ``%30``، ``30 في المئة``، ``30 بالمائة``."""
from __future__ import annotations

from claimcheck.extraction.scan import Core, Draft, Scan
from claimcheck.model import Kind


def attach(x: Scan, core: Core, left: int, after: bool) -> Draft | None:
    """A percent sign or phrase after the number, or ``%`` right before it."""
    m = x.lex.context.percent_re.match(x.t, core.end) if after else None
    if m is None and x.t[max(0, left - 1):left] != "%":
        return None
    end = m.end() if m else core.end
    start = left - 1 if not m else left
    return Draft(start, end, Kind.PERCENT, core.value, unit="percent", resolution=core.resolution,
                 low=core.low, high=core.high)
