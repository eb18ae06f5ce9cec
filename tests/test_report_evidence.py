"""CI messages carry the evidence once: the source is not repeated when the explanation cites it."""
from __future__ import annotations

from decimal import Decimal

from claimcheck.model import CheckedClaim, Claim, Kind, Qualifier, Reason, Verdict
from claimcheck.report import render

TEXT = "دربت الوزارة 78 شريكًا"
SOURCE = "بيان وزارة الخارجية، تموز 2024"


def _checked(explanation: str) -> CheckedClaim:
    claim = Claim("a.txt", 1, 14, 13, 22, TEXT[13:22], Kind.NUMBER, Decimal(78),
                  qualifier=Qualifier.EXACT, sentence=TEXT)
    return CheckedClaim(claim, Verdict.CONTRADICTED, Reason.VALUE_MISMATCH, reference_id="p1",
                        reference_value=Decimal(87), reference_period="2024", reference_source=SOURCE,
                        delta=Decimal("-0.103"), match_score=0.9, explanation=explanation)


def test_source_once_when_the_explanation_cites_it() -> None:
    out = render([_checked(f"النص يقول 78 والمرجع 87 (المصدر: {SOURCE})")], "github").decode()
    assert out.count(SOURCE) == 1
    assert "reference p1 = 87" in out


def test_source_added_when_the_explanation_does_not_cite_it() -> None:
    out = render([_checked("النص يقول 78 والمرجع 87")], "github").decode()
    assert out.count(SOURCE) == 1
