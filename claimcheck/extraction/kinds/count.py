"""Counts: a number no kind word follows (``87 شريكاً``، ``سالب 5``), and vague
amounts (``عشرات الآلاف من اللاجئين``), with the noun they count as ``subject``.
"""
from __future__ import annotations

from claimcheck.extraction.context import OF_SUBJECT, SUBJECT, is_subject
from claimcheck.extraction.scan import Core, Draft, Scan
from claimcheck.model import Kind


def attach(x: Scan, core: Core, left: int) -> Draft:
    t, lex = x.t, x.lex
    e, v = core.end, core.value
    if core.vague or v is None:
        d = Draft(left, e, Kind.NUMBER, None, low=core.low, high=core.high, resolution=core.resolution)
        sub = SUBJECT.match(t, e)
        # ``ملايين الأشخاص``، ``عشرات الآلاف من اللاجئين``: the counted noun is definite here
        if sub and sub.group("w") not in lex.context.not_subjects and not sub.group("w").startswith("و"):
            d.subject = (sub.start("w"), sub.end("w"))
            d.end = sub.end("w")
        else:
            sm = OF_SUBJECT.match(t, e)
            if sm:
                d.subject = (sm.start("w"), sm.end("w"))
                d.end = sm.end("w")
        return d
    d = Draft(left, e, Kind.NUMBER, v, resolution=core.resolution)
    # negative numbers: ``سالب 5``
    nm = x.left(lex.context.neg_before_re, left, 12)
    if nm:
        d.value = -v
        st = nm.start()
        d.start = st + (1 if t[st] in "وف" and t[st + 1:st + 2] in "سن" else 0)
    sub = SUBJECT.match(t, e)
    if sub and is_subject(sub.group("w"), lex):
        d.subject = (sub.start("w"), sub.end("w"))
        d.end = sub.end("w")
    return d
