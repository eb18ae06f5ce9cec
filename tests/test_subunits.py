"""Currency symbols and sub-units against CLDR (babel), data we did not write.

* every regional Arabic locale's symbol for its own currency, exactly as CLDR
  writes it (the closing dot and the right-to-left mark kept), after an amount
  and before one, is read as that currency's ISO code — «د.أ.‏» (JOD) and
  «د.إ.‏» (AED) included, which fold to the same letters;
* no two currencies share a spelling of a symbol (folding may merge two
  spellings: the original text then tells them apart);
* each sub-unit's part (``minor`` in currencies.toml) fits the currency's minor
  unit: the smallest sub-unit of a currency is 10^-digits, with CLDR's digits
  except where ISO 4217 keeps more than the digits CLDR quotes prices with
  (ISO_DIGITS, each checked to differ from CLDR so the list cannot rot).
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from babel import Locale, localedata
from babel.numbers import get_currency_precision, get_currency_symbol, get_territory_currencies

import claimcheck
from claimcheck.lang.lexicon import load
from claimcheck.text.normalize import fold, unmarked

#: Regional symbols that mean something else in Arab copy (as in test_oracles).
NOT_READ = {
    "£": "ar_SS writes £ for the South Sudanese pound; Arab news means sterling by £",
    "S": "ar_SO's Somali shilling symbol: a bare Latin letter",
    "CF": "ar_KM's Comorian franc symbol: two Latin letters, also an abbreviation (cf.)",
}

#: ISO 4217 minor-unit digits where CLDR quotes prices with fewer (its fils and
#: piastres went out of use, the statute keeps them): the Iraqi fils is 1/1000
#: of the dinar, the Lebanese and Syrian piastre 1/100 of the pound, the Yemeni
#: fils 1/100 of the riyal.
ISO_DIGITS = {"IQD": 3, "LBP": 2, "SYP": 2, "YER": 2}
#: Sub-units older than the minor unit ISO 4217 keeps: still written in copy
#: (prices, old sums), below the statute's digits.
HISTORIC = {("millime", "EGP"): "the Egyptian millieme, 1/1000 of the pound; ISO 4217 keeps 2 digits",
            ("qirsh", "SAR"): "the Saudi ghirsh, 1/20 of the riyal since 1960; ISO 4217 counts halala"}

_CURRENCIES = load("currencies")
_SUPPORTED = {c["code"] for c in _CURRENCIES["currency"]}
_CONTEXT = {unmarked(r["symbol"]) for r in _CURRENCIES.get("symbol_context", [])}


def _own_symbols() -> list[tuple[str, str, str]]:
    out = []
    for loc in sorted(localedata.locale_identifiers()):
        if not loc.startswith("ar_"):
            continue
        territory = Locale.parse(loc).territory
        for code in get_territory_currencies(territory)[:1]:
            sym = get_currency_symbol(code, loc)
            if code in _SUPPORTED and sym.strip("\u200f.") not in NOT_READ:
                out.append((loc, code, sym))
    return out


OWN = _own_symbols()


def test_the_locales_cover_the_arab_currencies() -> None:
    codes = {code for _, code, _ in OWN}
    assert {"AED", "BHD", "DZD", "EGP", "IQD", "JOD", "KWD", "LBP", "LYD", "MAD", "MRU",
            "OMR", "QAR", "SAR", "SDG", "SYP", "TND", "YER"} <= codes


@pytest.mark.parametrize(("loc", "code", "sym"), OWN, ids=[f"{loc}-{code}" for loc, code, _ in OWN])
def test_regional_symbol_as_cldr_writes_it_reads_as_its_code(loc: str, code: str, sym: str) -> None:
    after = claimcheck.extract(f"بلغ الاحتياطي 5 ملايين {sym} في نهاية العام.")
    assert [(c.kind.value, c.value, c.unit) for c in after] == [("money", Decimal(5_000_000), code)], sym
    # CLDR's reading, assumed only where other copy writes the symbol for another currency
    assert after[0].currency_assumed == (unmarked(sym).strip(".") in _CONTEXT), sym
    before = claimcheck.extract(f"بلغ سعر الطن {sym} 500 في السوق.")
    assert [(c.kind.value, c.value, c.unit) for c in before] == [("money", Decimal(500), code)], sym


def test_no_two_currencies_share_a_symbol_spelling() -> None:
    seen: dict[str, str] = {}
    for c in _CURRENCIES["currency"]:
        for s in c["symbols"]:
            assert seen.setdefault(unmarked(s), c["code"]) == c["code"], s


def test_symbols_that_fold_alike_are_still_told_apart() -> None:
    """The one pair folding merges today, each spelling read as its own currency."""
    folded: dict[str, set[str]] = {}
    for c in _CURRENCIES["currency"]:
        for s in c["symbols"]:
            folded.setdefault(fold(s), set()).add(c["code"])
    merged = {f: codes for f, codes in folded.items() if len(codes) > 1}
    assert merged == {"د.ا": {"JOD", "AED"}}
    for sym, code in (("د.أ", "JOD"), ("د.إ", "AED")):
        claims = claimcheck.extract(f"دفع 3 ملايين {sym} ثمنا للأرض.")
        assert [c.unit for c in claims] == [code]
        claims = claimcheck.extract(f"دفع 3 ملايين {sym.replace('أ', 'ا').replace('إ', 'ا')} ثمنا للأرض.")
        assert [(c.unit, c.currency_assumed) for c in claims] == [("AED", True)]  # either: assumed


def _subunits() -> list[tuple[str, str, Decimal]]:
    return [(name, code, Decimal(part)) for name, noun in _CURRENCIES["noun"].items()
            for code, part in noun.get("minor", {}).items()]


def _digits(code: str) -> int:
    return ISO_DIGITS.get(code, get_currency_precision(code))


def test_iso_digits_differ_from_cldr() -> None:
    for code, digits in ISO_DIGITS.items():
        assert get_currency_precision(code) < digits, code
    for noun, code in HISTORIC:  # each really is outside the digits
        part = Decimal(_CURRENCIES["noun"][noun]["minor"][code])
        minor = Decimal(1).scaleb(-_digits(code))
        assert part < minor or part not in (Decimal("0.01"), Decimal("0.001")), (noun, code)


@pytest.mark.parametrize(("noun", "code", "part"), _subunits(), ids=lambda v: str(v))
def test_a_subunit_is_no_smaller_than_the_minor_unit(noun: str, code: str, part: Decimal) -> None:
    assert code in _SUPPORTED
    if (noun, code) not in HISTORIC:
        assert part >= Decimal(1).scaleb(-_digits(code)), (noun, code)
        assert part in (Decimal("0.01"), Decimal("0.001")), (noun, code)


def test_the_smallest_subunit_is_the_minor_unit() -> None:
    smallest: dict[str, Decimal] = {}
    for noun, code, part in _subunits():
        if (noun, code) not in HISTORIC:
            smallest[code] = min(part, smallest.get(code, part))
    assert len(smallest) >= 15
    for code, part in smallest.items():
        assert part == Decimal(1).scaleb(-_digits(code)), code


@pytest.mark.parametrize(("noun", "code", "part"), _subunits(), ids=lambda v: str(v))
def test_each_subunit_reads_as_its_part_where_the_currency_is_named(noun: str, code: str,
                                                                  part: Decimal) -> None:
    """«250 فلسا» in a sentence that names the currency's country is 250 × its part."""
    entry = next(c for c in _CURRENCIES["currency"] if c["code"] == code)
    country = Locale("ar").territories[entry["country"]]
    word = _CURRENCIES["noun"][noun]["forms"][0]
    claims = claimcheck.extract(f"قال تاجر في {country} إن السعر ارتفع 250 {word} هذا الأسبوع.")
    money = [c for c in claims if c.kind.value == "money"]
    assert [(c.value, c.unit, c.currency_assumed) for c in money] == [(250 * part, code, False)], country
