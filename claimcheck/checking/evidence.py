"""Plain-language explanations of verdicts, in Arabic (default) or English.

An explanation says what the text claims, what the reference says (value, period,
source) and what the editor should do. Numbers are written with Western digits and
thousands separators so that both languages show them the same way.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from claimcheck.errors import LexiconError
from claimcheck.lang import display
from claimcheck.lang.lexicon import load
from claimcheck.model import Qualifier, Reason


def fmt_num(v: Any, lang: str = "ar") -> str:
    """``Decimal('4300000000')`` → ``4,300,000,000`` (CLDR); ISO dates pass through."""
    return display.number(v, lang)


def fmt_amount(value: Any, unit: str | None, qualifier: Qualifier = Qualifier.EXACT,
               lang: str = "ar", low: Any = None, high: Any = None) -> str:
    """An amount in words for people: ``أكثر من 500,000,000 جنيه إسترليني``, ``12 شهرًا``."""
    return display.amount(value, unit, qualifier, lang, low, high)


@dataclass(frozen=True, slots=True)
class Facts:
    """What an explanation is built from."""

    reason: Reason
    claim: str                 # the claim as an amount ("أكثر من 4,300,000 GBP")
    reference: str = ""        # the reference amount
    reference_id: str = ""
    period: str = ""           # the reference period
    claim_period: str = ""
    source: str = ""
    delta: Decimal | None = None
    #: claim minus reference in percentage points, when both are percentages
    points: Decimal | None = None
    note: str = ""             # conversion, precision interval, other candidates…


def point_difference(claim_value: Any, claim_unit: str | None, reference_value: Any,
                     reference_unit: str | None) -> Decimal | None:
    """Claim minus reference in percentage points when both are percentages
    (9 % against 7.5 % is 1.5 points, not +20 %); None otherwise."""
    if claim_unit != "percent" or reference_unit != "percent":
        return None
    if not isinstance(claim_value, Decimal) or not isinstance(reference_value, Decimal):
        return None
    return claim_value - reference_value


def explain(f: Facts, lang: str = "ar") -> str:
    """One or two sentences an editor can act on, from ``data/explanations.toml``."""
    t = _templates()[lang if lang in ("ar", "en") else "en"]
    per = f" ({f.period})" if f.period else ""
    fields = {
        "claim": f.claim,
        "ref": f"{f.reference}{per}",
        "reference": f.reference,
        "id": f.reference_id,
        "period": f.period or t["period_none"],
        "d": t["difference"].format(pct=display.difference(f.delta, f.points, lang))
        if f.delta is not None or f.points is not None else "",
        "cp": t["claim_period"].format(period=f.claim_period) if f.claim_period else "",
        "note": f" {f.note}" if f.note else "",
        "src": t["source"].format(source=f.source) if f.source else "",
    }
    return t[str(f.reason)].format(**fields)


def explain_claim_only(reason: Reason, claim: str, lang: str = "ar") -> str:
    """``explain(Facts(reason, claim), lang)``, with the empty fields prepared once."""
    return _claim_only_template(reason, lang).format(claim=claim)


@lru_cache(maxsize=None)
def _claim_only_template(reason: Reason, lang: str) -> str:
    # every field but the claim filled in for an explanation without a reference
    # (braces in the filled-in text are escaped for the second format)
    marker = "\x00claim\x00"
    text = explain(Facts(reason=reason, claim=marker), lang)
    return text.replace("{", "{{").replace("}", "}}").replace(marker, "{claim}")


@lru_cache(maxsize=None)
def mentions_claim_period(reason: Reason, lang: str = "ar") -> bool:
    """Does the explanation of ``reason`` name the claim's own period?"""
    t = _templates()[lang if lang in ("ar", "en") else "en"]
    return "{cp}" in t[str(reason)]


@lru_cache(maxsize=1)
def _templates() -> dict[str, dict[str, str]]:
    data = load("explanations")
    for lang, table in data.items():
        missing = {str(r) for r in Reason} - set(table)
        if missing:
            raise LexiconError(f"explanations.toml [{lang}]: no template for {sorted(missing)}")
    return data
