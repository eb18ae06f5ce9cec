"""Percentages: ``30%``، ``%30``، ``30 في المئة``، ``30 بالمائة``."""
from __future__ import annotations

from claimcheck.extraction.scan import Core, Draft, Scan
from claimcheck.lang import relite as rx
from claimcheck.model import Kind

#: A percent sign lost in conversion to a question mark (``بدقة 80?،``، ``46.5 ? حصتها``):
#: a lone ``?`` right after the digits, no ``?`` around them (a garbled line writes
#: one for every letter it lost, ``?? 5 ????``) and no digit after it (``21?75 %``).
_LOST_SIGN = rx.compile(r" ?\?(?![?\w])")


def attach(x: Scan, core: Core, left: int, after: bool) -> Draft | None:
    """A percent sign or phrase after the number, or ``%`` right before it."""
    m = x.lex.context.percent_re.match(x.t, core.end) if after else None
    if m is None and "?" in x.t[core.end:core.end + 2] and "?" not in x.t[max(0, core.start - 2):core.start]:
        m = _LOST_SIGN.match(x.t, core.end)
    if m is None and x.t[max(0, left - 1):left] != "%":
        return None
    end = m.end() if m else core.end
    start = left - 1 if not m else left
    return Draft(start, end, Kind.PERCENT, core.value, unit="percent", resolution=core.resolution,
                 low=core.low, high=core.high)
