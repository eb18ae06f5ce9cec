"""The evidence of a verdict: the checked claim with its fact, and a plain-language
explanation, in Arabic (default) or English.

An explanation says what the text claims, what the reference says (value, period,
source) and what the editor should do. Numbers are written with Western digits and
thousands separators so that both languages show them the same way.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal
from functools import lru_cache
from typing import Any

from claimcheck.checking.matching import Match
from claimcheck.checking.options import Options
from claimcheck.checking.verdicts import Judgement
from claimcheck.errors import LexiconError
from claimcheck.lang import display
from claimcheck.lang.lexicon import load
from claimcheck.model import REASON_VERDICT, CheckedClaim, Claim, Kind, Qualifier, Reason, Verdict
from claimcheck.reference.periods import Period


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
        "cp": t["claim_period"].format(period=f.claim_period) if f.claim_period
        else t["claim_period_unknown"] if f.reason is Reason.PERIOD_NOT_COVERED else "",
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


# --------------------------------------------------------------------------- checked claims


def evidence(c: Claim, m: Match | None, reason: Reason, opts: Options, j: Judgement | None = None,
              cp: Period | None = None, note: str = "") -> CheckedClaim:
    """The checked claim: ``c``'s verdict for ``reason``, the matched fact ``m`` as
    its evidence, and the explanation (the judgement ``j``'s difference and note,
    the claim's period ``cp``, and a further ``note``)."""
    if m is None and j is None and cp is None and not note:
        return nothing_found(c, reason, opts)
    f = m.fact if m else None
    claim_amt = fmt_amount(c.value if not isinstance(c.value, str) else c.value,
                           c.unit if c.kind is not Kind.DATE else None, c.qualifier, opts.lang,
                           c.low, c.high)
    if c.kind is Kind.DATE and c.value is None:
        claim_amt = fmt_amount(None, None, c.qualifier, opts.lang, c.low, c.high)
    ref_amt = fmt_amount(f.value, f.unit, f.qualifier, opts.lang) if f else ""
    notes = []
    if j and j.converted is not None:
        v, lo, hi = j.converted
        notes.append(_note_text("converted", opts.lang,
                                fmt_amount(v, f.unit if f else None, c.qualifier, opts.lang, lo, hi)))
    for n in (j.note if j else "", note):
        if n:
            notes.append(_note_text(n, opts.lang))
    text = explain(Facts(
        reason=reason, claim=f"«{c.text}» ({claim_amt})", reference=ref_amt,
        reference_id=f.id if f else "", period=f.period.text if f and f.period else "",
        claim_period=cp.text if cp else "", source=f.source if f else "",
        delta=j.delta if j else None,
        points=point_difference(c.value, c.unit, f.value, f.unit) if f and j and j.delta is not None
        else None,
        note=" ".join(n for n in notes if n)), opts.lang)
    return CheckedClaim(
        claim=c, verdict=REASON_VERDICT[reason], reason=reason,
        reference_id=f.id if f else None,
        reference_value=f.value if f else None,
        reference_unit=f.unit if f else None,
        reference_period=f.period.text if f and f.period else None,
        reference_source=f.source if f else None,
        delta=j.delta if j and reason is not Reason.PERIOD_NOT_COVERED else None,
        match_score=round(m.score, 4) if m else None,
        explanation=text,
    )


def _claim_amount(c: Claim, lang: str) -> str:
    if c.kind is Kind.DATE and c.value is None:
        return fmt_amount(None, None, c.qualifier, lang, c.low, c.high)
    return fmt_amount(c.value, c.unit if c.kind is not Kind.DATE else None, c.qualifier, lang,
                      c.low, c.high)


#: a claim's amount as explanations write it, by what it says (the same figures
#: recur across an archive: years, small counts); started afresh when full (kept
#: small, like lang.stemming's memo)
_AMOUNTS: dict[tuple[Any, ...], str] = {}
_AMOUNTS_MAX = 1 << 12


def nothing_found(c: Claim, reason: Reason, opts: Options) -> CheckedClaim:
    """:func:`evidence` without a match, judgement, period or note (most claims)."""
    lang = opts.lang
    key = (lang, c.kind is Kind.DATE, c.value, c.unit, c.qualifier, c.low, c.high)
    amount = _AMOUNTS.get(key)
    if amount is None:
        if len(_AMOUNTS) >= _AMOUNTS_MAX:
            _AMOUNTS.clear()
        amount = _AMOUNTS[key] = _claim_amount(c, lang)
    text = explain_claim_only(reason, f"«{c.text}» ({amount})", lang)
    return _unmatched(c, REASON_VERDICT[reason], reason, text)


# CheckedClaim's slots, set as its frozen __init__ sets them (object.__setattr__)
# but without its per-field lookups: the result of most claims of an archive is
# built here, in half the time
_SET = {f.name: getattr(CheckedClaim, f.name).__set__ for f in fields(CheckedClaim)}
_set_claim, _set_verdict, _set_reason, _set_explanation = (
    _SET[n] for n in ("claim", "verdict", "reason", "explanation"))
_SET_DEFAULTS = tuple((_SET[f.name], f.default) for f in fields(CheckedClaim)
                      if f.name not in ("claim", "verdict", "reason", "explanation"))


def _unmatched(c: Claim, verdict: Verdict, reason: Reason, explanation: str) -> CheckedClaim:
    """``CheckedClaim(c, verdict, reason, explanation=explanation)``."""
    r = object.__new__(CheckedClaim)
    _set_claim(r, c)
    _set_verdict(r, verdict)
    _set_reason(r, reason)
    for set_default, default in _SET_DEFAULTS:
        set_default(r, default)
    _set_explanation(r, explanation)
    return r


_NOTES = {
    "ar": {
        "converted": "بعد التحويل: {0}.",
        "reference_bound": "المرجع نفسه حدّ (أكثر من/أقل من) لا يؤكد الرقم ولا ينفيه.",
        "date_precision": "المرجع أقل دقة من التاريخ المذكور.",
        "currency_assumed": "عملة النص مفترضة افتراضًا (لم تُذكر جنسيتها)؛ لم تُحوَّل.",
        "weak_match": "التطابق مع المرجع ضعيف فلم يُحكم بالمخالفة.",
        "vague amount": "الكمية مبهمة.",
        "forecast": "الرقم توقع أو هدف، لا الرقم الفعلي لفترته.",
        "undated": "لم يُذكر عام الرقم ولا يُعرف تاريخ النص، فلا يقارن برقم عام بعينه.",
    },
    "en": {
        "converted": "After conversion: {0}.",
        "reference_bound": "The reference itself is a bound that neither confirms nor refutes the figure.",
        "date_precision": "The reference is less precise than the date in the text.",
        "currency_assumed": "The text's currency was assumed by default (no nationality given); not converted.",
        "weak_match": "The match with the reference is weak, so it is not called a contradiction.",
        "vague amount": "The amount is vague.",
        "forecast": "The figure is a forecast or a target, not the actual figure of its period.",
        "undated": "The figure's year is not written and the text's date is unknown, so it is compared with no dated figure.",
    },
}


def _rate_note(spec: str, lang: str) -> str:
    """``GBP->USD@1.27 (2024-06-30)`` as words: 1 British pound = 1.27 US dollars."""
    pair, _, rest = spec.partition("@")
    src, _, dst = pair.partition("->")
    factor, _, when = rest.partition(" ")
    try:
        rate = display.amount(Decimal(factor), dst, None, lang)
    except ArithmeticError:
        rate = f"{factor} {dst}"
    one = display.amount(Decimal(1), src, None, lang)
    return (f"سعر الصرف المستخدم: {one} = {rate}{' ' + when if when else ''}." if lang == "ar"
            else f"Exchange rate used: {one} = {rate}{' ' + when if when else ''}.")


def _note_text(key: str, lang: str, *args: Any) -> str:
    table = _NOTES.get(lang, _NOTES["en"])
    if key in table:
        return table[key].format(*args)
    if key.startswith("fx:"):
        return _rate_note(key[3:], lang)
    if key.startswith("unit:"):
        src, _, dst = key[5:].partition("->")
        src, dst = display.unit_label(src, lang), display.unit_label(dst, lang)
        return (f"حُوّلت الوحدة من {src} إلى {dst}." if lang == "ar"
                else f"Converted from {src} to {dst}.")
    if key.startswith("missing:"):
        cur = key[8:]
        return (f"لا سعر لـ {cur}." if lang == "ar" else f"No rate for {cur}.")
    if key.startswith("also:"):
        ids = key[5:]
        return (f"مراجع أخرى بالقدر نفسه من التطابق: {ids}." if lang == "ar"
                else f"Other equally good references: {ids}.")
    return ""
