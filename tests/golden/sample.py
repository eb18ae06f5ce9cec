"""Hand-built claims and verdicts for the report golden files.

Built by hand (not by the engine) so the golden files change only when a
format changes. The text holds the traps every format must survive: markup
(``<script>``), spreadsheet formulas, workflow-command separators (``::``, ``%``,
``,``), newlines in messages and a negative number.
"""
from __future__ import annotations

import re
from decimal import Decimal

from claimcheck.model import Calendar, CheckedClaim, Claim, Kind, Qualifier, Reason, Related, Verdict

FILE = "drafts/budget, v2:final.md"
NOTES = "notes.txt"

TEXT = (
    "# الموازنة\n"
    "\n"
    "أعلنت وزارة المالية أن عجز الموازنة بلغ 4.3 مليار دولار في عام 2023، "
    "وقال الوزير إن عدد الموظفين تجاوز 120 ألف موظف.\n"
    "وتراجعت البطالة إلى 15 في المائة خلال نحو 9 أشهر.\n"
    "<script>alert('x')</script> =SUM(A1) :: بلغ الفائض -5 مليارات جنيه 100%\n"
)
NOTES_TEXT = "زار الوفد 3 مدن.\n"
DOCUMENTS = {FILE: TEXT, NOTES: NOTES_TEXT}


def _claim(text: str, file: str, span: str, kind: Kind, value, **kw) -> Claim:
    """A claim at the first occurrence of ``span``, with its position and sentence."""
    start = text.index(span)
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    # Sentences end at a full stop before a space or newline (not the one in "4.3").
    bounds = [m.end() for m in re.finditer(r"\.(?=\s)\s*|\n\s*|$", text)]
    sentence_start = max([0] + [b for b in bounds if b <= start])
    sentence_end = min(b for b in bounds if b > start)
    sentence = text[sentence_start:sentence_end].strip()
    return Claim(file, line, column, start, start + len(span), span, kind, value,
                 sentence=sentence, **kw)


def claims() -> list[Claim]:
    t = TEXT
    return [
        _claim(t, FILE, "4.3 مليار دولار", Kind.MONEY, Decimal("4300000000"), unit="USD"),
        _claim(t, FILE, "عام 2023", Kind.DATE, "2023", calendar=Calendar.GREGORIAN),
        _claim(t, FILE, "تجاوز 120 ألف موظف", Kind.NUMBER, Decimal(120000),
               qualifier=Qualifier.MORE_THAN, subject="موظف"),
        _claim(t, FILE, "15 في المائة", Kind.PERCENT, Decimal(15), unit="percent"),
        _claim(t, FILE, "نحو 9 أشهر", Kind.DURATION, Decimal(9), unit="month",
               qualifier=Qualifier.APPROXIMATE),
        _claim(t, FILE, "-5 مليارات جنيه", Kind.MONEY, Decimal("-5000000000"), unit="EGP",
               currency_assumed=True),
        _claim(NOTES_TEXT, NOTES, "3 مدن", Kind.NUMBER, Decimal(3), subject="مدن"),
    ]


def checked() -> list[CheckedClaim]:
    deficit, year, staff, jobless, months, surplus, towns = claims()
    return [
        CheckedClaim(deficit, Verdict.CONTRADICTED, Reason.VALUE_MISMATCH,
                     reference_id="deficit-2023", reference_value=Decimal("5100000000"),
                     reference_unit="USD", reference_period="2023",
                     reference_source="https://example.org/budget?year=2023&lang=<ar>",
                     delta=Decimal("-0.1569"), match_score=0.91234,
                     explanation="The reference gives 5.1 billion USD for 2023;\n"
                                 "the claim says 4.3 billion (−15.7 %)."),
        CheckedClaim(year, Verdict.SUPPORTED, Reason.EXACT, reference_id="deficit-2023",
                     reference_value="2023", reference_unit="date", reference_period="2023",
                     match_score=0.8, explanation="The year matches the reference."),
        CheckedClaim(staff, Verdict.SUPPORTED, Reason.BOUND_SATISFIED,
                     reference_id="civil-servants", reference_value=Decimal(125000),
                     reference_period="2023", reference_source="Statistics yearbook, p. 12",
                     delta=Decimal("-0.04"), match_score=0.75,
                     explanation="125,000 is more than 120,000."),
        CheckedClaim(jobless, Verdict.UNVERIFIABLE, Reason.PERIOD_NOT_COVERED,
                     reference_id="unemployment-2021", reference_value=Decimal("17.5"),
                     reference_unit="percent", reference_period="2021",
                     explanation="The only unemployment figure is for 2021."),
        CheckedClaim(months, Verdict.CONTRADICTED, Reason.INCONSISTENT_ELAPSED,
                     explanation="من كانون الثاني إلى كانون الأول 2023 مرّ 12 شهراً، لا نحو 9 أشهر.",
                     related=(Related(year.start, year.end, year.text),
                              Related(jobless.start, jobless.end, jobless.text)),
                     expected=Decimal(12)),
        CheckedClaim(surplus, Verdict.CONTRADICTED, Reason.SCALE_MISMATCH,
                     reference_id="surplus", reference_value=Decimal("-5000000"),
                     reference_unit="EGP", reference_source='=HYPERLINK("http://evil.example")',
                     delta=Decimal("999"), match_score=0.66,
                     explanation="=1+1 :: off by 1000, 100% sure, a million, not a billion"),
        CheckedClaim(towns, Verdict.SUPPORTED, Reason.WITHIN_ROUNDING, reference_id="towns",
                     reference_value=Decimal(3), explanation="Three towns, as listed."),
    ]
