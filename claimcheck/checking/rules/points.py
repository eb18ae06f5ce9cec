"""``points_not_percent``: a change between two percentages called a percent change.

«ارتفعت البطالة من 10% إلى 15%، أي بنسبة 25%»: from 10 % to 15 % is 5
percentage points, or a relative rise of 50 % — 25 % is neither. A stated
percentage that is the relative change is right and left alone; one that is the
difference in points is a change of points called a percent change (SPEC §6:
«أي بنسبة 5%» for 10 % → 15 %, which is 50 %), flagged with the relative change
expected; one that is neither is flagged with the points expected. (A size
written as «نقطة مئوية» that does not fit is an ``inconsistent_change``.)
"""
from __future__ import annotations

from collections.abc import Iterator

from claimcheck.checking.rules.base import Finding, Rule
from claimcheck.checking.rules.document import Document
from claimcheck.checking.rules.fromto import (
    from_tos,
    relative_fits,
    rounded,
    stated_sizes,
)
from claimcheck.model import Kind, Reason


def find(doc: Document) -> Iterator[Finding]:
    for ft in from_tos(doc):
        a0 = ft.claims[0]
        if a0.kind is not Kind.PERCENT or a0.unit != "percent":
            continue
        sent = doc.long_sentences[0][doc.long_sentences[1][ft.first]]
        for p, _ in stated_sizes(doc, ft, sent):
            x = doc.claims[p]
            if x.kind is not Kind.PERCENT or x.unit != "percent":
                break
            s = doc.figure(p, stated=True)
            doc.note("points", *ft.claims, x)
            if s is None or relative_fits(ft, s) or ft.a_value == 0:
                break
            points = rounded(abs(ft.b_value - ft.a_value), 2)
            rel = rounded(abs(ft.b_value - ft.a_value) / ft.a_value * 100)
            # SPEC §6: «من 10% إلى 15%، أي بنسبة 5%» names 5 points a percent
            # change (it is 50 %): flagged with the relative change expected;
            # a size that is neither reading expects the points.
            named = ft.b.minus(ft.a).meets(s)
            yield Finding(x, Reason.POINTS_NOT_PERCENT, ft.claims, rel if named else points,
                          doc.explain("points_named_percent" if named else "points_not_percent",
                                      a=ft.a_text, b=ft.b_text, points=points,
                                      relative=rel, stated=x.text,
                                      direction=doc.direction(ft.b_value > ft.a_value)))
            break


RULE = Rule(
    name="points",
    reason=Reason.POINTS_NOT_PERCENT,
    summary="a change between two percentages stated as a percentage that is neither "
            "the difference in points nor the relative change",
    find=find,
)
