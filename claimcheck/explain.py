"""Plain-language explanations of verdicts, in Arabic (default) or English.

An explanation says what the text claims, what the reference says (value, period,
source) and what the editor should do. Numbers are written with Western digits and
thousands separators so that both languages show them the same way.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .model import Qualifier, Reason

QUAL = {
    "ar": {Qualifier.EXACT: "", Qualifier.APPROXIMATE: "نحو ", Qualifier.MORE_THAN: "أكثر من ",
           Qualifier.AT_LEAST: "لا يقل عن ", Qualifier.LESS_THAN: "أقل من ",
           Qualifier.AT_MOST: "لا يزيد على "},
    "en": {Qualifier.EXACT: "", Qualifier.APPROXIMATE: "about ", Qualifier.MORE_THAN: "more than ",
           Qualifier.AT_LEAST: "at least ", Qualifier.LESS_THAN: "less than ",
           Qualifier.AT_MOST: "at most "},
}


def fmt_num(v: Any) -> str:
    """``Decimal('4300000000')`` → ``4,300,000,000``; ISO dates pass through."""
    if v is None:
        return "?"
    if isinstance(v, str):
        return v
    d = Decimal(v)
    if d == d.to_integral_value():
        return f"{int(d):,}"
    s = f"{d.normalize():,f}"
    return s


def fmt_unit(unit: str | None) -> str:
    if not unit:
        return ""
    if unit == "percent":
        return "%"
    if unit == "date":
        return ""
    return f" {unit}"


def fmt_amount(value: Any, unit: str | None, qualifier: Qualifier = Qualifier.EXACT,
               lang: str = "ar", low: Any = None, high: Any = None) -> str:
    q = QUAL.get(lang, QUAL["en"])[qualifier]
    u = fmt_unit(unit)
    if value is None and (low is not None or high is not None):
        sep = " و" if lang == "ar" else " and "
        lead = "بين " if lang == "ar" else "between "
        return f"{lead}{fmt_num(low)}{sep}{fmt_num(high)}{u}"
    if u == "%":
        return f"{q}{fmt_num(value)}%"
    return f"{q}{fmt_num(value)}{u}"


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
    note: str = ""             # conversion, precision interval, other candidates…


def _pct(delta: Decimal | None) -> str:
    if delta is None:
        return ""
    p = (delta * 100).quantize(Decimal("0.1"))
    sign = "+" if p > 0 else ""
    return f"{sign}{p}%"


def explain(f: Facts, lang: str = "ar") -> str:
    """One or two sentences an editor can act on."""
    return (_ar if lang == "ar" else _en)(f)


def _ar(f: Facts) -> str:
    per = f" ({f.period})" if f.period else ""
    src = f" المصدر: {f.source}." if f.source else ""
    ref = f"{f.reference}{per}"
    note = f" {f.note}" if f.note else ""
    d = f" (الفرق {_pct(f.delta)})" if f.delta is not None else ""
    r = f.reason
    if r is Reason.EXACT:
        return f"يطابق المرجع: {ref} [{f.reference_id}].{note}{src}"
    if r is Reason.WITHIN_ROUNDING:
        return f"يتفق مع المرجع ضمن دقة الرقم كما كُتب: النص {f.claim}، والمرجع {ref} [{f.reference_id}].{note}{src}"
    if r is Reason.WITHIN_APPROXIMATION:
        return f"يتفق مع المرجع ضمن هامش التقريب: النص {f.claim}، والمرجع {ref}{d} [{f.reference_id}].{note}{src}"
    if r is Reason.BOUND_SATISFIED:
        return f"الحد المذكور صحيح: النص {f.claim}، والمرجع {ref} [{f.reference_id}].{note}{src}"
    if r is Reason.WITHIN_TOLERANCE:
        return f"يتفق مع المرجع ضمن الهامش المسموح: النص {f.claim}، والمرجع {ref}{d} [{f.reference_id}].{note}{src}"
    if r is Reason.VALUE_MISMATCH:
        return f"يخالف المرجع: النص يقول {f.claim}، والمرجع يذكر {ref}{d} [{f.reference_id}]. راجِع الرقم.{note}{src}"
    if r is Reason.SCALE_MISMATCH:
        return (f"خطأ محتمل في المرتبة (ألف/مليون/مليار): النص يقول {f.claim}، والمرجع يذكر {ref} "
                f"[{f.reference_id}]. راجِع كلمة المرتبة.{note}{src}")
    if r is Reason.BOUND_VIOLATED:
        return f"الحد المذكور لا يتفق مع المرجع: النص يقول {f.claim}، والمرجع يذكر {ref}{d} [{f.reference_id}].{note}{src}"
    if r is Reason.DATE_MISMATCH:
        return f"التاريخ يخالف المرجع: النص يقول {f.claim}، والمرجع يذكر {ref} [{f.reference_id}]. راجِع التاريخ.{note}{src}"
    if r is Reason.PERIOD_NOT_COVERED:
        cp = f" عن {f.claim_period}" if f.claim_period else ""
        return (f"لا مرجع للفترة المقصودة: النص يتحدث{cp}، والمرجع الأقرب [{f.reference_id}] "
                f"يخص {f.period or 'فترة أخرى'} ({f.reference}). لم يُحكم عليه.{note}{src}")
    if r is Reason.INCOMPARABLE_UNITS:
        return f"وحدة النص لا تقارن بوحدة المرجع: النص {f.claim}، والمرجع {ref} [{f.reference_id}].{note}{src}"
    if r is Reason.NO_EXCHANGE_RATE:
        return f"لا سعر صرف في الجداول للتحويل: النص {f.claim}، والمرجع {ref} [{f.reference_id}]. أضف سعر الصرف.{note}{src}"
    if r is Reason.AMBIGUOUS_REFERENCE:
        return f"المرجع لا يحسم: النص {f.claim}، والمرجع {ref} [{f.reference_id}].{note}{src}"
    return f"لا يوجد في الجداول المرجعية ما يطابق هذا الادعاء ({f.claim}).{note}"


def _en(f: Facts) -> str:
    per = f" ({f.period})" if f.period else ""
    src = f" Source: {f.source}." if f.source else ""
    ref = f"{f.reference}{per}"
    note = f" {f.note}" if f.note else ""
    d = f" (difference {_pct(f.delta)})" if f.delta is not None else ""
    r = f.reason
    if r is Reason.EXACT:
        return f"Matches the reference: {ref} [{f.reference_id}].{note}{src}"
    if r is Reason.WITHIN_ROUNDING:
        return (f"Agrees with the reference at the precision it is written with: the text says "
                f"{f.claim}, the reference {ref} [{f.reference_id}].{note}{src}")
    if r is Reason.WITHIN_APPROXIMATION:
        return (f"Agrees within the approximation: the text says {f.claim}, the reference "
                f"{ref}{d} [{f.reference_id}].{note}{src}")
    if r is Reason.BOUND_SATISFIED:
        return f"The bound holds: the text says {f.claim}, the reference {ref} [{f.reference_id}].{note}{src}"
    if r is Reason.WITHIN_TOLERANCE:
        return (f"Agrees within the allowed tolerance: the text says {f.claim}, the reference "
                f"{ref}{d} [{f.reference_id}].{note}{src}")
    if r is Reason.VALUE_MISMATCH:
        return (f"Contradicts the reference: the text says {f.claim}, the reference says {ref}{d} "
                f"[{f.reference_id}]. Check the figure.{note}{src}")
    if r is Reason.SCALE_MISMATCH:
        return (f"Probably a scale-word slip (thousand/million/billion): the text says {f.claim}, "
                f"the reference says {ref} [{f.reference_id}]. Check the scale word.{note}{src}")
    if r is Reason.BOUND_VIOLATED:
        return (f"The bound does not hold: the text says {f.claim}, the reference says {ref}{d} "
                f"[{f.reference_id}].{note}{src}")
    if r is Reason.DATE_MISMATCH:
        return (f"The date contradicts the reference: the text says {f.claim}, the reference says "
                f"{ref} [{f.reference_id}]. Check the date.{note}{src}")
    if r is Reason.PERIOD_NOT_COVERED:
        cp = f" about {f.claim_period}" if f.claim_period else ""
        return (f"No reference for that period: the text speaks{cp}; the closest fact "
                f"[{f.reference_id}] is for {f.period or 'another period'} ({f.reference}). "
                f"Not judged.{note}{src}")
    if r is Reason.INCOMPARABLE_UNITS:
        return (f"The units cannot be compared: the text says {f.claim}, the reference {ref} "
                f"[{f.reference_id}].{note}{src}")
    if r is Reason.NO_EXCHANGE_RATE:
        return (f"No exchange rate in the tables to convert: the text says {f.claim}, the reference "
                f"{ref} [{f.reference_id}]. Add a rate.{note}{src}")
    if r is Reason.AMBIGUOUS_REFERENCE:
        return f"The reference does not decide: the text says {f.claim}, the reference {ref} [{f.reference_id}].{note}{src}"
    return f"No reference table fact matches this claim ({f.claim}).{note}"
