"""Duckling's Arabic corpus (../shared/peers/duckling_ar.jsonl) run through claimcheck.

Each case is a whole input that Duckling reads as one entity. We run it through
``claimcheck.extract`` and count it passed when there is exactly ONE claim whose
value (and unit, converted with pint where the units differ only in scale)
equals Duckling's. Pass rates are asserted per dimension against floors set at
what the engine achieves, so a regression fails the build.

The number and ordinal cases written in words are also run straight through
the number-word grammar (``claimcheck.extraction.numberwords.match_words``), case by case.

Where SPEC deliberately differs from Duckling, the case is checked against
*our* expectation instead; see DEVIATIONS. Print the report with::

    python tests/test_duckling.py
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

import pytest
import regex

ROOT = Path(__file__).resolve().parents[1]
PEERS = ROOT / ".." / "shared" / "peers" / "duckling_ar.jsonl"

if __name__ != "__main__" and not PEERS.exists():
    pytest.skip("../shared/peers/duckling_ar.jsonl is not available", allow_module_level=True)

sys.path.insert(0, str(ROOT))

# The dimensions issue 3 targets, together ≥ 97 % and each ≥ 90 % (standard Arabic).
TARGET = ("number", "ordinal", "money", "quantity", "volume", "temperature", "duration")

#: Issue 3's goal: each target dimension ≥ 90 %, all together ≥ 97 % (locale AR).
GOAL_EACH = 0.90
GOAL_TOTAL = 0.97

#: Regression floors per dimension (pass rate on locale AR), set at what the
#: engine achieved when last measured (see the report); raise them as it improves.
FLOORS: dict[str, float] = {
    "number": 0.99,
    "ordinal": 1.00,
    "money": 0.95,
    "quantity": 0.97,
    "volume": 0.97,
    "temperature": 0.97,
    "duration": 0.97,
}
TOTAL_FLOOR = 0.98


@dataclass(frozen=True)
class Deviation:
    """A case where SPEC and Duckling disagree on purpose: we check OUR answer."""
    reason: str
    check: Callable[[list[Any]], bool]


def _one(pred: Callable[[Any], bool]) -> Callable[[list[Any]], bool]:
    return lambda claims: len(claims) == 1 and pred(claims[0])


def _no_claim(claims: list[Any]) -> bool:
    return claims == []


_EGP_ASSUMED = ("SPEC §1: a bare جنيه is resolved by nationality/country, else a documented "
                "default (EGP) with currency_assumed; Duckling says a generic pound")

_BARE_UNIT = ("a unit noun without a numeral is not read as one unit (شهر رمضان، "
              "الأسبوع الماضي): SPEC claims are quantities written with a number")

DEVIATIONS: dict[str, Deviation] = {
    "10 جنيه": Deviation(_EGP_ASSUMED, _one(lambda c: c.unit == "EGP" and c.value == 10
                                           and getattr(c, "currency_assumed", False))),
    "10 جنيهات": Deviation(_EGP_ASSUMED, _one(lambda c: c.unit == "EGP" and c.value == 10
                                              and getattr(c, "currency_assumed", False))),
    "45 درجه مئوية": Deviation(
        "مئوية names the Celsius scale: degree_Celsius for us, a bare 'degree' for Duckling",
        _one(lambda c: c.unit == "degree_Celsius" and c.value == 45)),
    "متين": Deviation(
        "Egyptian متين (200) is also the adjective 'solid' (علاقات متينة): alone it is "
        "not read as a number, only when more number words follow (متين وعشرة)",
        _no_claim),
    "١١/١٠": Deviation(
        "a slash between two small numbers is a day/month date in news copy (11/10), "
        "not the fraction 1.1; only an unambiguous fraction (77/100) is a fraction",
        lambda claims: not any(c.kind.value == "number" and c.value == Decimal("1.1")
                               for c in claims)),
    # A unit noun with no numeral is a word, not a quantity claim: news text says
    # «شهر رمضان», «الأسبوع الماضي», «كيلو الطماطم» all the time. Precision first.
    **{w: Deviation(_BARE_UNIT, _no_claim) for w in ("ثانية", "لحظة", "اسبوع", "شهر", "كغ",
                                                       "كيلوغرام", "كيلوجرام")},
    # واحد alone is a pronoun or "one of" in running text; it counts only after its
    # noun (يوم واحد، دولار واحد), where Arabic puts it.
    "واحد": Deviation("bare واحد is 'someone'/'one of' in news text; a count only after its "
                      "noun (يوم واحد)", _no_claim),
    # (نص لتر is read as Duckling reads it, 0.5 litre: the dialects' «half» counts
    # before a unit, a currency or a countable noun, and «text» is left alone.)
    # «$20 43» has no written link between the two numbers.
    "$20 43": Deviation("two figures with nothing joining them are two claims",
                        lambda claims: len(claims) == 2 and claims[0].value == 20),
    "-١٢/١٠": Deviation(
        "as ١١/١٠: a dd/mm-looking pair is not read as the fraction -1.2",
        lambda claims: not any(c.kind.value == "number" and c.value == Decimal("-1.2")
                               for c in claims)),
}

# Duckling's unit names → ours (ISO 4217 codes and pint unit expressions).
MONEY_UNITS: dict[str, tuple[str, Decimal]] = {
    "$": ("USD", Decimal(1)), "cent": ("USD", Decimal("0.01")), "EUR": ("EUR", Decimal(1)),
    "GBP": ("GBP", Decimal(1)), "KWD": ("KWD", Decimal(1)), "LBP": ("LBP", Decimal(1)),
    "EGP": ("EGP", Decimal(1)), "QAR": ("QAR", Decimal(1)), "SAR": ("SAR", Decimal(1)),
    "JOD": ("JOD", Decimal(1)), "ILS": ("ILS", Decimal(1)),
}
MEASURE_UNITS: dict[str, tuple[str, ...]] = {
    "gram": ("gram",), "ounce": ("ounce",), "cup": ("cup",),
    "millilitre": ("milliliter",), "litre": ("liter",), "gallon": ("gallon",),
    "hectolitre": ("hectoliter",),
    "celsius": ("degree_Celsius",), "fahrenheit": ("degree_Fahrenheit",),
    # Duckling's bare "degree" (45°, 45 درجة): a temperature in an unnamed scale;
    # we read it as Celsius, the scale of Arabic news.
    "degree": ("degree_Celsius", "degree"),
    "second": ("second",), "minute": ("minute",), "hour": ("hour",), "day": ("day",),
    "week": ("week",), "month": ("month",), "year": ("year",),
}


def load_cases() -> list[dict[str, Any]]:
    with PEERS.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _eq(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return False
    a, b = Decimal(str(a)), Decimal(str(b))
    return a == b or abs(a - b) <= abs(b) * Decimal("1e-9")


def _in_unit(claim: Any, unit: str) -> Decimal | None:
    """The claim's value expressed in one of our names for Duckling's ``unit``."""
    from claimcheck.units import convert

    for ours in MEASURE_UNITS.get(unit, (unit,)):
        if claim.unit == ours:
            return claim.value
        try:
            return convert(claim.value, claim.unit, ours)
        except Exception:  # incompatible units
            continue
    return None


def _money_ok(claim: Any, exp: dict[str, Any]) -> bool:
    code, factor = MONEY_UNITS.get(exp["unit"], (exp["unit"], Decimal(1)))
    return claim.kind.value == "money" and claim.unit == code and _eq(claim.value,
                                                                      Decimal(str(exp["value"])) * factor)


def _interval_ok(claim: Any, exp: dict[str, Any], dim: str) -> bool:
    lo, hi = exp.get("from"), exp.get("to")
    q = claim.qualifier.value

    def val(x: Any, d: dict[str, Any]) -> bool:
        return _money_ok(_Shim(claim, x), d) if dim == "money" else _eq(x, d["value"])

    if lo and hi:
        return val(claim.low, lo) and val(claim.high, hi)
    if lo:
        return q in ("more_than", "at_least") and val(claim.value, lo)
    return q in ("less_than", "at_most") and val(claim.value, hi)


@dataclass
class _Shim:
    base: Any
    value: Any

    def __getattr__(self, name: str) -> Any:
        return getattr(self.base, name)


def evaluate(case: dict[str, Any], extract: Callable[[str], list[Any]]) -> tuple[bool, str]:
    """(passed, what we produced) for one Duckling case."""
    text, dim, exp = case["text"], case["dimension"], case["expected"]
    claims = extract(text)
    shown = "; ".join(f"{c.kind.value} {c.value} {c.unit or ''} [{c.low},{c.high}] "
                      f"{c.qualifier.value} «{c.text}»" for c in claims) or "no claim"
    dev = DEVIATIONS.get(text)
    if dev is not None:
        return dev.check(claims), shown
    if exp is None:  # Duckling finds nothing here
        return (dim == "phone_number" or not claims), shown
    if dim == "phone_number":
        # SPEC §1: phone numbers are identifiers, never claims.
        return not claims, shown
    if len(claims) != 1:
        return False, shown
    c = claims[0]
    if dim == "time":
        return _time_ok(c, exp), shown
    if exp.get("type") == "interval":
        return _interval_ok(c, exp, dim), shown
    if dim == "number":
        return c.kind.value == "number" and _eq(c.value, exp["value"]), shown
    if dim == "ordinal":
        return c.kind.value == "ordinal" and _eq(c.value, exp["value"]), shown
    if dim == "money":
        return _money_ok(c, exp), shown
    v = _in_unit(c, exp["unit"]) if c.unit else None
    return v is not None and _eq(v, exp["value"]), shown


def _time_ok(c: Any, exp: dict[str, Any]) -> bool:
    """Duckling times are relative to 2013-02-12; only absolute dates can agree."""
    grain = exp.get("grain")
    if c.kind.value != "date" or not isinstance(c.value, str):
        return False
    n = {"year": 4, "month": 7, "day": 10}.get(grain or "")
    return n is not None and c.value[:n] == exp["value"][:n]


def _extract() -> Callable[[str], list[Any]]:
    import claimcheck

    return claimcheck.extract


def run(cases: list[dict[str, Any]] | None = None) -> dict[tuple[str, str], list[tuple[bool, dict, str]]]:
    cases = load_cases() if cases is None else cases
    ex = _extract()
    out: dict[tuple[str, str], list[tuple[bool, dict, str]]] = defaultdict(list)
    for case in cases:
        ok, shown = evaluate(case, ex)
        out[(case["dimension"], case["locale"])].append((ok, case, shown))
    return out


def rates(results: dict[tuple[str, str], list]) -> dict[tuple[str, str], tuple[int, int]]:
    return {k: (sum(ok for ok, _, _ in v), len(v)) for k, v in results.items()}


def report(results: dict[tuple[str, str], list] | None = None, *, failures: bool = True) -> str:
    results = run() if results is None else results
    lines = ["Duckling Arabic corpus through claimcheck.extract", ""]
    r = rates(results)
    for (dim, loc), (ok, n) in sorted(r.items()):
        tag = " (issue-3 target)" if loc == "AR" and dim in TARGET else ""
        lines.append(f"  {dim:<13} {loc:<30} {ok:>4}/{n:<4} {ok / n:7.1%}{tag}")
    tok = sum(r[(d, "AR")][0] for d in TARGET if (d, "AR") in r)
    tn = sum(r[(d, "AR")][1] for d in TARGET if (d, "AR") in r)
    lines.append(f"\n  target dimensions together (AR): {tok}/{tn} = {tok / tn:.1%}")
    if ("number", "AR_EG") in r:
        ok, n = r[("number", "AR_EG")]
        lines.append(f"  Egyptian (AR_EG) number cases: {ok}/{n} = {ok / n:.1%}")
    w = words_direct()
    for k, (ok, n) in sorted(w.items()):
        lines.append(f"  words via match_words {k[0]:<8} {k[1]:<6} {ok}/{n} = {ok / n:.1%}")
    lines.append("\n  deliberate deviations from Duckling (checked against SPEC instead):")
    for text, d in DEVIATIONS.items():
        lines.append(f"    {text}: {d.reason}")
    if failures:
        lines.append("\n  failures:")
        for (dim, loc), v in sorted(results.items()):
            for ok, case, shown in v:
                if not ok:
                    lines.append(f"    [{dim}/{loc}] {case['text']!r} expected "
                                 f"{json.dumps(case['expected'], ensure_ascii=False)} got {shown}")
    return "\n".join(lines)


# --- the number-word grammar on its own --------------------------------------------

_LETTER = regex.compile(r"\p{L}")


#: Deviations that concern the word grammar itself (the others are about the
#: engine around it: bare واحد is read by match_words, then left out by extract;
#: so is bare متين, which the grammar reads as 200 flagged ``context_only``).
WORD_DEVIATIONS: set[str] = set()


def word_cases() -> list[dict[str, Any]]:
    return [c for c in load_cases() if c["dimension"] in ("number", "ordinal")
            and _LETTER.search(c["text"]) and not regex.search(r"[0-9٠-٩]", c["text"])]


def words_ok(case: dict[str, Any]) -> bool:
    from claimcheck.extraction.numberwords import match_words
    from claimcheck.text.normalize import Normalized

    doc = Normalized.of(case["text"])
    wn = match_words(doc.text, 0, doc)
    if case["text"] in WORD_DEVIATIONS:
        return wn is None
    return (wn is not None and wn.end == len(doc.text.rstrip())
            and wn.value == Decimal(str(case["expected"]["value"]))
            and wn.ordinal == (case["dimension"] == "ordinal"))


def words_direct() -> dict[tuple[str, str], tuple[int, int]]:
    out: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for c in word_cases():
        a = out[(c["dimension"], c["locale"])]
        a[0] += words_ok(c)
        a[1] += 1
    return {k: (v[0], v[1]) for k, v in out.items()}


# --- tests ---------------------------------------------------------------------------

WORD_CASES = word_cases() if PEERS.exists() else []


@pytest.mark.parametrize("case", WORD_CASES,
                         ids=[f"{c['dimension']}-{c['locale']}-{c['text']}" for c in WORD_CASES])
def test_number_words_direct(case: dict[str, Any]) -> None:
    assert words_ok(case)


@pytest.fixture(scope="module")
def results() -> dict[tuple[str, str], list]:
    return run()


@pytest.mark.parametrize("dim", TARGET)
def test_dimension_floor(results: dict, dim: str) -> None:
    ok, n = rates(results)[(dim, "AR")]
    failed = [f"{case['text']!r}: {shown}" for good, case, shown in results[(dim, "AR")] if not good]
    assert ok / n >= FLOORS[dim], f"{dim}: {ok}/{n} below {FLOORS[dim]:.0%}\n" + "\n".join(failed)


def test_target_total(results: dict) -> None:
    r = rates(results)
    ok = sum(r[(d, "AR")][0] for d in TARGET)
    n = sum(r[(d, "AR")][1] for d in TARGET)
    assert ok / n >= TOTAL_FLOOR, f"{ok}/{n}"


def test_issue3_goal(results: dict) -> None:
    r = rates(results)
    ok = sum(r[(d, "AR")][0] for d in TARGET)
    n = sum(r[(d, "AR")][1] for d in TARGET)
    assert ok / n >= GOAL_TOTAL
    assert all(r[(d, "AR")][0] / r[(d, "AR")][1] >= GOAL_EACH for d in TARGET)


def test_deviations_are_in_the_corpus() -> None:
    texts = {c["text"] for c in load_cases()}
    assert set(DEVIATIONS) <= texts


# --- phone numbers are never claims (SPEC §1) -----------------------------------------

PHONE_CASES = ([c for c in load_cases() if c["dimension"] == "phone_number" and c["expected"]]
               if PEERS.exists() else [])


@pytest.mark.parametrize("case", [pytest.param(c, id=f"phone-{i}") for i, c in enumerate(PHONE_CASES)])
def test_no_phone_number_claim(case: dict[str, Any]) -> None:
    claims = _extract()(case["text"])
    assert claims == [], [(c.kind.value, c.value, c.text) for c in claims]


if __name__ == "__main__":
    if not PEERS.exists():
        sys.exit(f"{PEERS} not found")
    print(report())
