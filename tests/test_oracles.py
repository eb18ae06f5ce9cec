"""Independent oracles: what CLDR (babel) and num2words say Arabic writes, read back.

Our own test sentences show what we thought of; these cases come from data we
did not write:

* every Arabic display name of a supported currency in CLDR — the name, each
  plural form (babel's ``get_currency_name(..., count=n)``) and each symbol, in
  ``ar`` and every ``ar_*`` locale — read as its ISO 4217 code in a sentence;
* a bare shared currency noun (دينار، ريال، درهم…) in a sentence that names an
  Arab country by its CLDR Arabic name, read as the currency CLDR gives that
  territory, not assumed (``currency_assumed`` false: the text says the country);
* every CLDR Arabic Gregorian month name (wide and abbreviated, format and
  stand-alone) of every Arab locale, read as its month in a full date;
* every CLDR unit name of a unit we map (``babel.units.format_unit`` in long,
  short and narrow length, for counts that take each plural form) read as its
  pint unit with its value;
* ``num2words(n, lang="ar")`` for random n up to 10^12 read back as n.

A case the engine gets wrong and that needs an engine change is listed in
``tests/oracles/known_gaps.toml`` and runs as a strict xfail: when a fix makes it
pass, the test fails until the entry is removed, so the list only shrinks.
Forms left out on purpose (a single letter is no unit in running Arabic text, …)
are in ``EXCLUDED`` below with the reason.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from babel import Locale, localedata
from babel.numbers import get_currency_name, get_currency_symbol
from babel.units import UnknownUnitError, format_unit
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import claimcheck
from claimcheck.lang.lexicon import load

GAPS_FILE = Path(__file__).parent / "oracles" / "known_gaps.toml"
GAPS: dict[str, str] = {g["id"]: f"{g['family']}: {g['reason']}"
                        for g in tomllib.loads(GAPS_FILE.read_text(encoding="utf-8"))["gap"]}

#: ar and every regional Arabic locale babel knows (ar_EG, ar_MA, ar_MR, …).
ARAB_LOCALES = sorted(loc for loc in localedata.locale_identifiers()
                      if loc == "ar" or loc.startswith("ar_"))


@dataclass(frozen=True)
class Case:
    """One oracle sentence and the single claim it must give."""
    id: str
    text: str
    kind: str
    value: Decimal | str
    unit: str | None
    assumed: bool | None = None  # currency_assumed, where the case decides it

    def check(self, claims: list[Any]) -> bool:
        return (len(claims) == 1 and claims[0].kind.value == self.kind
                and claims[0].value == self.value and claims[0].unit == self.unit
                and (self.assumed is None or claims[0].currency_assumed == self.assumed))


def _dedupe(cases: list[Case]) -> list[Case]:
    """One case per sentence (locales share most names), the first id in sorted order."""
    seen: dict[str, Case] = {}
    for c in sorted(cases, key=lambda c: c.id):
        seen.setdefault(c.text, c)
    return sorted(seen.values(), key=lambda c: c.id)


# --- forms CLDR has that we do not read, on purpose ------------------------------------

#: surface form → why it is not read. Checked to exist in CLDR (see the test below).
EXCLUDED: dict[str, str] = {
    # Single-letter abbreviations: in running Arabic text م is the Gregorian era
    # («2015 م»), د. a doctor's title, س/ي/أ/ل/ث/د initials, list letters and clitics.
    "م": "single letter: the Gregorian era marker (2015 م), not meters",
    "د": "single letter: also «د.» (doctor); not minutes",
    "ث": "single letter; not seconds",
    "س": "single letter; not hours",
    "ي": "single letter; not days",
    "أ": "single letter; not weeks",
    "ل": "single letter; not liters",
    # Currency symbols a regional locale uses that mean something else in Arab copy.
    "£": "ar_SS writes £ for the South Sudanese pound; Arab news means sterling by £",
    "S": "ar_SO's Somali shilling symbol: a bare Latin letter",
    "CF": "ar_KM's Comorian franc symbol: two Latin letters that are also an abbreviation (cf.)",
    # A dual that is a name far more often than two of the unit.
    "ميلان": "the dual of ميل alone: in news it is Milan (the city, its clubs); two miles are ميلين",
}


# --- currencies -------------------------------------------------------------------------

#: A sentence for each Arabic plural category, and the value it states: after a
#: scale word the counted noun is singular (٥ ملايين دينار), 3–10 take the plural,
#: 11–99 the accusative singular, 100+ the genitive singular, and the dual alone
#: means two.
PLURAL_FRAMES: dict[str, tuple[str, Decimal]] = {
    "one": ("بلغ الاحتياطي 5 ملايين {}", Decimal(5_000_000)),
    "two": ("الثمن {} فقط", Decimal(2)),
    "few": ("دفع المشتري 5 {}", Decimal(5)),
    "many": ("دفع المشتري 15 {}", Decimal(15)),
    "other": ("دفع المشتري 100 {}", Decimal(100)),
}
_COUNT = {"one": 1, "two": 2, "few": 5, "many": 15, "other": 100}


def supported_currencies() -> list[str]:
    return sorted(c["code"] for c in load("currencies")["currency"])


def currency_cases() -> list[Case]:
    cases = []
    for code in supported_currencies():
        one = get_currency_name(code, count=1, locale="ar")
        for cat, (frame, value) in PLURAL_FRAMES.items():
            name = get_currency_name(code, count=_COUNT[cat], locale="ar")
            if cat == "two" and name == one:
                continue  # CLDR has no dual for it: the singular alone is not "two"
            cases.append(Case(f"currency-{code}-{cat}", frame.format(name), "money", value, code))
        for loc in ARAB_LOCALES:
            name = Locale.parse(loc).currencies.get(code)
            if name:
                cases.append(Case(f"currency-{code}-name-{loc}", PLURAL_FRAMES["one"][0].format(name),
                                  "money", Decimal(5_000_000), code))
            sym = get_currency_symbol(code, loc).strip("\u200f\u200e")
            if sym != code and sym.rstrip(".") not in EXCLUDED and sym not in EXCLUDED:
                cases.append(Case(f"currency-{code}-symbol-{loc}", f"بلغ الاحتياطي 5 ملايين {sym}",
                                  "money", Decimal(5_000_000), code))
    return _dedupe(cases)


# --- a bare currency noun in a sentence that names the country --------------------------

#: The Arab League's states (ISO 3166); CLDR gives each its Arabic name and its currencies.
ARAB_STATES = ("AE", "BH", "DJ", "DZ", "EG", "IQ", "JO", "KM", "KW", "LB", "LY", "MA", "MR",
               "OM", "PS", "QA", "SA", "SD", "SO", "SY", "TN", "YE")


def country_currency_cases() -> list[Case]:
    from babel.core import get_global

    cur = load("currencies")
    noun_of = {c["code"]: c["noun"] for c in cur["currency"]}
    tender = get_global("territory_currencies")
    cases = []
    for territory in ARAB_STATES:
        codes = [c for c, _start, end, legal in tender.get(territory, []) if end is None and legal]
        for loc in ARAB_LOCALES:
            name = Locale.parse(loc).territories[territory]
            for code in codes:
                if code not in noun_of:
                    continue
                noun = cur["noun"][noun_of[code]]["forms"][0]
                cases.append(Case(f"country-{territory}-{code}-{loc}",
                                  f"قال البنك المركزي في {name} إن الاحتياطي بلغ 5 ملايين {noun}",
                                  "money", Decimal(5_000_000), code, assumed=False))
    return _dedupe(cases)


# --- months -----------------------------------------------------------------------------

def month_cases() -> list[Case]:
    cases = []
    for loc in ARAB_LOCALES:
        months = Locale.parse(loc).months
        for ctx in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[ctx][width].items():
                    cases.append(Case(f"month-{number:02d}-{loc}-{ctx}-{width}",
                                      f"وصل الوفد في 15 {name} 2012", "date",
                                      f"2012-{number:02d}-15", None))
    return _dedupe(cases)


# --- units ------------------------------------------------------------------------------

#: Our pint units (lang/data/units.toml) and the CLDR unit that names each.
CLDR_UNITS: dict[str, str] = {
    "kilometer ** 2": "area-square-kilometer", "meter ** 2": "area-square-meter",
    "meter ** 3": "volume-cubic-meter", "kilometer / hour": "speed-kilometer-per-hour",
    "kilometer": "length-kilometer", "meter": "length-meter", "centimeter": "length-centimeter",
    "millimeter": "length-millimeter", "mile": "length-mile", "nautical_mile": "length-nautical-mile",
    "inch": "length-inch", "hectare": "area-hectare", "liter": "volume-liter",
    "milliliter": "volume-milliliter", "hectoliter": "volume-hectoliter", "gallon": "volume-gallon",
    "cup": "volume-cup", "metric_ton": "mass-tonne", "kilogram": "mass-kilogram", "gram": "mass-gram",
    "milligram": "mass-milligram", "ounce": "mass-ounce", "gigawatt": "power-gigawatt",
    "megawatt": "power-megawatt", "kilowatt": "power-kilowatt",
    "kilowatt_hour": "energy-kilowatt-hour", "degree_Celsius": "temperature-celsius",
    "degree_Fahrenheit": "temperature-fahrenheit", "gigabyte": "digital-gigabyte",
    "megabyte": "digital-megabyte", "terabyte": "digital-terabyte",
    "year": "duration-year", "month": "duration-month", "week": "duration-week",
    "day": "duration-day", "hour": "duration-hour", "minute": "duration-minute",
    "second": "duration-second",
}
_DIGIT = re.compile(r"[0-9٠-٩]")
_DURATIONS = {"year", "month", "week", "day", "hour", "minute", "second"}


def _format(n: int, cldr: str, length: str, loc: str) -> str | None:
    """CLDR's Arabic for n of a unit, or None where the locale lacks the unit."""
    try:
        return format_unit(n, cldr, length=length, locale=loc)
    except UnknownUnitError:
        return None


def unit_cases() -> list[Case]:
    cases = []
    for pint, cldr in CLDR_UNITS.items():
        kind = "duration" if pint in _DURATIONS else "quantity"
        for loc in ARAB_LOCALES:
            for length in ("long", "short", "narrow"):
                for n in (1, 2, 5, 15, 100):
                    shown = _format(n, cldr, length, loc)
                    if shown is None:
                        continue
                    word = _DIGIT.sub("", shown).strip()
                    if word in EXCLUDED:
                        continue
                    if not _DIGIT.search(shown) and n != 2:
                        continue  # a bare unit noun (ساعة) is not a quantity claim
                    cases.append(Case(f"unit-{cldr}-{length}-{n}-{loc}", f"سجلت المحطة {shown} أمس",
                                      kind, Decimal(n), pint))
    return _dedupe(cases)


# --- the tests --------------------------------------------------------------------------

def _params(cases: list[Case]) -> list[Any]:
    return [pytest.param(c, id=c.id, marks=pytest.mark.xfail(strict=True, reason=GAPS[c.id]))
            if c.id in GAPS else pytest.param(c, id=c.id) for c in cases]


CURRENCY = currency_cases()
COUNTRY = country_currency_cases()
MONTHS = month_cases()
UNITS = unit_cases()


def _shown(claims: list[Any]) -> str:
    return "; ".join(f"{c.kind.value} {c.value} {c.unit} «{c.text}»" for c in claims) or "nothing"


@pytest.mark.parametrize("case", _params(CURRENCY))
def test_cldr_currency_name_reads_as_its_code(case: Case) -> None:
    claims = claimcheck.extract(case.text)
    assert case.check(claims), f"{case.text}: {_shown(claims)}"


@pytest.mark.parametrize("case", _params(COUNTRY))
def test_bare_currency_takes_the_named_country(case: Case) -> None:
    claims = claimcheck.extract(case.text)
    shown = "; ".join(f"{c.unit} assumed={c.currency_assumed}" for c in claims)
    assert case.check(claims), f"{case.text}: {shown or 'nothing'}"


@pytest.mark.parametrize("case", _params(MONTHS))
def test_cldr_month_name_reads_as_its_month(case: Case) -> None:
    claims = claimcheck.extract(case.text)
    assert case.check(claims), f"{case.text}: {_shown(claims)}"


@pytest.mark.parametrize("case", _params(UNITS))
def test_cldr_unit_name_reads_as_its_pint_unit(case: Case) -> None:
    claims = claimcheck.extract(case.text)
    assert case.check(claims), f"{case.text}: {_shown(claims)}"


def test_oracles_cover_what_they_claim() -> None:
    """Every supported currency, all twelve months in every locale, every mapped unit."""
    assert {c.unit for c in CURRENCY} == set(supported_currencies())
    assert {c.id.split("-")[1] for c in COUNTRY} == set(ARAB_STATES)
    assert {c.value[5:7] for c in MONTHS} == {f"{m:02d}" for m in range(1, 13)}
    assert len(ARAB_LOCALES) >= 20
    assert {c.unit for c in UNITS} == set(CLDR_UNITS)


def test_every_mapped_cldr_unit_is_a_unit_we_map() -> None:
    units = load("units")
    ours = {u["pint"] for u in units["unit"]} | {u["pint"] for u in units["duration"]}
    assert set(CLDR_UNITS) <= ours, set(CLDR_UNITS) - ours


def test_known_gaps_name_real_cases() -> None:
    """A gap that no longer names a generated case is stale: remove it."""
    ids = {c.id for c in CURRENCY + COUNTRY + MONTHS + UNITS} | set(NUMBER_GAPS)
    assert set(GAPS) <= ids, sorted(set(GAPS) - ids)


def test_exclusions_are_cldr_forms() -> None:
    """Each excluded form really is something CLDR writes (so the list cannot rot)."""
    written = set()
    for loc in ARAB_LOCALES:
        for code in supported_currencies():
            written.add(get_currency_symbol(code, loc).strip("\u200f\u200e"))
        for cldr in CLDR_UNITS.values():
            for length in ("short", "narrow"):
                shown = _format(5, cldr, length, loc)
                if shown is not None:
                    written.add(_DIGIT.sub("", shown).strip())
            shown = _format(2, cldr, "long", loc)  # the dual, written without a digit
            if shown is not None:
                written.add(shown)
    assert set(EXCLUDED) <= written, set(EXCLUDED) - written


# --- num2words ----------------------------------------------------------------------------

def num2words(n: int) -> str:
    """num2words's Arabic for n (a test dependency; the tests skip without it)."""
    return pytest.importorskip("num2words").num2words(n, lang="ar")


#: Numbers whose num2words text is no number claim in isolation, on purpose.
#: «واحد» alone is "someone"/"one of" in news copy (a count only after its noun);
#: «ألفا/مليونا/مليارا» (2000, 2e6, 2e9) are also the accusative singular once the
#: tanween is gone (number_words.toml `tanween_ambiguous`): without the noun that
#: follows a construct they are not read as two thousand/million/billion.
NOT_CLAIMS_ALONE = {1, 2_000, 2_000_000, 2_000_000_000}

#: num2words bugs, not ours: a group of 101–901 before a scale word comes out with
#: the scale doubled (101,000 → «مائة و ألف ألف»), which is not Arabic for it.
_DOUBLED_SCALE = re.compile(r"(ألف|مليون|مليار) \1")

#: Specific numbers the engine misreads today (strict xfail, see known_gaps.toml).
NUMBER_GAPS = {g: r for g, r in GAPS.items() if g.startswith("num2words-")}


def _reads_back(n: int) -> tuple[bool, str]:
    text = num2words(n)
    claims = claimcheck.extract(text)
    ok = len(claims) == 1 and claims[0].kind.value == "number" and claims[0].value == n
    return ok, f"{n}: «{text}» → {_shown(claims)}"


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
@example(0)
@example(11)
@example(100)
@example(1_001)
@example(10**12)
def test_num2words_reads_back(n: int) -> None:
    assume(n not in NOT_CLAIMS_ALONE and f"num2words-{n}" not in NUMBER_GAPS)
    assume(not _DOUBLED_SCALE.search(num2words(n)))
    ok, why = _reads_back(n)
    assert ok, why


@pytest.mark.parametrize("gap", [pytest.param(g, id=g, marks=pytest.mark.xfail(strict=True, reason=r))
                                 for g, r in NUMBER_GAPS.items()])
def test_num2words_known_gaps(gap: str) -> None:
    ok, why = _reads_back(int(gap.removeprefix("num2words-")))
    assert ok, why


def test_num2words_defect_filter_is_narrow() -> None:
    """The doubled-scale filter drops num2words's bug only, not well-formed numbers."""
    assert _DOUBLED_SCALE.search(num2words(101_000))
    assert not _DOUBLED_SCALE.search(num2words(100_000))
    assert not _DOUBLED_SCALE.search(num2words(2_345_678))


