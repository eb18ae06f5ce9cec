"""Shortcuts taken for speed give what the plain way gives.

* :func:`claimcheck.model.new_claim` fills a claim's slots directly: the same
  claim as the dataclass's constructor, the same span checks.
* :class:`claimcheck.extraction.country.CountryContext` reads a window of a
  paragraph sentence by sentence (each sentence searched once, whatever windows
  hold it): the same country mentions as one search of the window.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from claimcheck.errors import ClaimSpanError
from claimcheck.extraction import country
from claimcheck.extraction.country import CountryContext
from claimcheck.extraction.document import ExtractionInput
from claimcheck.extraction.engine import extract
from claimcheck.lang.countries import names_hold
from claimcheck.model import CLAIM_FIELDS, Calendar, Claim, Kind, Qualifier, new_claim
from claimcheck.text.normalize import Normalized
from claimcheck.text.segment import CLAIM_MARKS

VALUES = ("a.txt", 3, 7, 40, 48, "5 دنانير", Kind.MONEY, Decimal(5), None, None, "JOD",
          Qualifier.MORE_THAN, None, None, True, "أكثر من 5 دنانير", Decimal(1))


def test_new_claim_is_the_constructors_claim() -> None:
    assert len(VALUES) == len(CLAIM_FIELDS) - 1  # all but doc_id
    made = new_claim(*VALUES)
    assert made == Claim(*VALUES)
    assert made.doc_id is None and made.unit == "JOD" and made.currency_assumed is True
    assert new_claim(*VALUES, "row-7") == Claim(*VALUES, "row-7")
    assert new_claim(*VALUES, "row-7").doc_id == "row-7"


def test_new_claim_is_frozen_and_hashable_like_a_claim() -> None:
    made = new_claim(*VALUES)
    with pytest.raises(AttributeError):
        made.value = Decimal(6)  # type: ignore[misc]
    assert hash(made) == hash(Claim(*VALUES))


@pytest.mark.parametrize("start, end, text", [
    (48, 40, "5 دنانير"), (40, 47, "5 دنانير"), (-1, 7, "5 دنانير")])
def test_new_claim_checks_the_span(start: int, end: int, text: str) -> None:
    values = list(VALUES)
    values[3:6] = [start, end, text]
    with pytest.raises(ClaimSpanError):
        Claim(*values)
    with pytest.raises(ClaimSpanError):
        new_claim(*values)


def test_new_claim_wants_every_value() -> None:
    with pytest.raises(TypeError):
        new_claim(*VALUES[:-1])


def test_calendar_and_subject_survive() -> None:
    values = list(VALUES)
    values[6], values[12], values[13] = Kind.DATE, "عام", Calendar.HIJRI
    assert new_claim(*values) == Claim(*values)


# --------------------------------------------------------------------------- countries by sentence

# One paragraph (an article on one line): countries named in many sentences, one
# name right at a sentence's start, one glued to punctuation, one right after a
# currency noun (its adjective), names of several words, a decimal point that
# ends no sentence.
PARAGRAPH = (
    "قال وزير المالية في الأردن إن العجز بلغ 1.2 مليار دينار. وفي العراق ارتفعت الإيرادات! "
    "مصر ستقترض 3 مليارات جنيه؟ المملكة العربية السعودية رفعت الإنفاق إلى 5 مليارات ريال. "
    "«الكويت» خفضت الدعم، والبحرين أيضا. الأسعار بالدينار الكويتي ثابتة في الأردن. "
    "ولبنان يعاني، وللعراق ديون. تونس والجزائر والمغرب في قمة واحدة. 4.5 مليون درهم في الإمارات"
)


def _context(text: str) -> CountryContext:
    doc = ExtractionInput(Normalized.of(text), "t", 0, 1, None)
    return CountryContext(doc, frozenset({"دينار", "جنيه", "ريال", "درهم"}))


def _seen(found) -> list[tuple[int, int, tuple[str, ...]]]:
    return [(m.start, m.end, m.countries) for m in found]


def test_no_country_name_holds_a_sentence_mark() -> None:
    # what reading sentence by sentence rests on (a name crossing no sentence end)
    assert not names_hold(CLAIM_MARKS)
    assert names_hold("-")  # «الكونغو - كينشاسا»: the check does see what names hold


def test_windows_read_by_sentence_find_what_one_search_finds() -> None:
    text = "عنوان الخبر عن الأردن\n" + PARAGRAPH + "\nسطر آخر عن قطر."
    ctx = _context(text)
    t = ctx._doc.norm.text
    p0, p1 = ctx._paragraph(len("عنوان الخبر عن الأردن") + 5)
    ends = ctx._doc.sentence_ends()
    starts = [p0] + [e + 1 for e in ends if p0 <= e < p1 - 1]
    stops = [e + 1 for e in ends if p0 <= e < p1] + [p1]
    cuts = list(range(p0 + 1, p1, 3))  # windows may end anywhere (a name after the noun)
    assert len(starts) > 8
    checked = 0
    for a in starts:
        for b in sorted(set(stops + cuts)):
            if b <= a:
                continue
            direct = _context(text)._mentions(a, b)
            by_sentence = ctx._around(a, b)
            assert _seen(by_sentence.all) == _seen(direct.all), t[a:b]
            assert _seen(by_sentence.kept) == _seen(direct.kept), t[a:b]
            assert by_sentence.all_starts == direct.all_starts
            assert by_sentence.kept_starts == direct.kept_starts
            checked += 1
    assert checked > 500  # about 600


def test_extraction_reads_the_same_currencies_either_way(monkeypatch) -> None:
    # the whole engine, with the sentence-by-sentence reading and without it
    texts = [PARAGRAPH, "عنوان عن تونس\n" + PARAGRAPH, PARAGRAPH.replace(". ", "، ")]
    fast = [extract(t) for t in texts]
    monkeypatch.setattr(country, "_names_hold_marks", lambda: True)  # the plain search
    plain = [extract(t) for t in texts]
    assert fast == plain
    money = [(c.text, c.unit) for c in fast[0] if c.kind is Kind.MONEY]
    # (the first dinar: Jordan, named in its sentence; Iraq, named right after the
    # sentence ends, is the next sentence's country, not this one's)
    assert money == [("1.2 مليار دينار", "JOD"), ("3 مليارات جنيه", "EGP"),
                     ("5 مليارات ريال", "SAR"), ("4.5 مليون درهم", "AED")]


# --------------------------------------------------------------------------- close spellings


def test_close_spelling_screen_is_the_same_pair_by_pair_and_in_one_call(monkeypatch) -> None:
    import types

    from claimcheck.checking import aliases

    words = ["السعودية", "السعوديه", "والسعودي", "الامارات", "الإمارات", "امارة", "مصر", "المصرية",
             "قطرية", "الكويتية", "الكويت", "بالكويت", "العراق", "للعراقيين", "تونس", "تونسية", "نفط"]
    longs = ["السعوديه", "الامارات", "الكويت", "العراق", "تونس", "المغرب"]
    sp = object.__new__(aliases.Spellings)
    sp.long_firsts, sp.long_needs, sp.screened = longs, None, 0
    monkeypatch.setattr(aliases, "sys", types.SimpleNamespace(modules={}))  # numpy "not loaded"
    monkeypatch.setattr(aliases, "_PAIRWISE_MAX", 10 ** 9)
    pairwise = list(aliases._screened(words, longs, sp))
    assert sp.screened == len(words) * len(longs)
    monkeypatch.setattr(aliases, "_PAIRWISE_MAX", 0)  # past it: one C call
    in_one_call = list(aliases._screened(words, longs, sp))
    assert pairwise == in_one_call
    assert ("السعودية", "السعوديه") in pairwise and ("للعراقيين", "العراق") in pairwise
    assert not any(w == "نفط" for w, _ in pairwise)


# --------------------------------------------------------------------------- numbers for people


def _babel_number(value: Decimal, lang: str) -> str:
    from decimal import localcontext

    from babel import Locale
    from babel.numbers import format_decimal

    with localcontext() as ctx:
        ctx.prec = 60
        v = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
        return format_decimal(v, locale=Locale.parse(lang), decimal_quantization=False)


def test_numbers_are_written_as_babel_writes_them() -> None:
    import random

    from claimcheck.lang import display

    rnd = random.Random(20261203)
    values = [Decimal(v) for v in ("0", "-0", "0.000", "-0.5", "1E-7", "1E+20", "100.10", "2.50E+3",
                                    "123456789012345678901234567", "0.1234567890123456789")]
    for _ in range(3000):
        digits = str(rnd.randint(0, 10 ** rnd.randint(0, 24)))
        frac = "".join(rnd.choice("0123456789") for _ in range(rnd.randint(0, 7)))
        values.append(Decimal(rnd.choice(["", "-"]) + digits + ("." + frac if frac else "")))
        values.append(Decimal(rnd.randint(-10 ** 6, 10 ** 6)).scaleb(rnd.randint(-9, 9)))
    for lang in ("ar", "en"):
        assert display._groups_like_python(lang)  # CLDR's Arabic writes , and . here
        for v in values:  # (uncached: the cache holds -0 and 0 as one key)
            if len(v.as_tuple().digits) > 28:
                continue  # past decimal's precision: plain grouping, babel never asked
            assert display._number.__wrapped__(v, lang) == _babel_number(v, lang), v
    assert display.number(Decimal("1234567.5"), "ar") == "1,234,567.5"


def _cleared(display) -> None:
    for f in (display._kept, display._plural_rule, display._number):
        getattr(f, "cache_clear", lambda: None)()


def test_amounts_from_the_kept_cldr_strings_are_written_as_babel_writes_them(monkeypatch) -> None:
    """Plural categories, currency names and unit patterns read from the start-up
    cache (no babel locale loaded) write every amount as babel's own formatters:
    every unit of labels.toml, every currency, in both languages, on values of
    every plural category, fractions, signs and sizes."""
    import random

    from claimcheck.lang import display

    rnd = random.Random(20261204)
    values = [Decimal(v) for v in ("0", "1", "2", "3", "10", "11", "99", "100", "101", "102", "111",
                                   "0.5", "2.5", "1.25", "-1", "-2", "1000000", "1E+3", "12.50",
                                   "0.000000000000001", "0.0000000000000001",
                                   "123456789012345678901234567.5", "1E+30")]
    values += [Decimal(rnd.randint(-10 ** 6, 10 ** 7)).scaleb(rnd.randint(-4, 3)) for _ in range(150)]
    values += [Decimal(rnd.randint(1, 10 ** 6)).scaleb(rnd.randint(-22, 36)) for _ in range(60)]
    values += [Decimal("-0"), Decimal("0.00"), Decimal("Infinity"), Decimal("NaN")]
    units = sorted(display._data()["cldr_unit"]) + ["oil_barrel / day", "USD", "GBP", "EGP", "SAR",
                                                    "IQD", "KWD", "JPY", "XYZ", "date", "percent"]
    units += ["TRY", "CHF", "EUR", "MAD", "DZD", "TND", "LYD", "SDG"]

    def written() -> list[str]:
        out = []
        for lang in ("ar", "en"):
            for u in units:
                out.append(display.unit_label(u, lang))
                out += [display.amount(v, u, None, lang) for v in values]
            out += [display.plural_category(v, lang) + display.count("claims", v, lang) for v in values]
        return out

    _cleared(display)
    assert display._kept("ar") is not None and display._kept("en") is not None
    kept = written()
    monkeypatch.setattr(display, "_kept", lambda lang: None)  # babel asked for everything
    _cleared(display)
    try:
        assert written() == kept
    finally:
        monkeypatch.undo()
        _cleared(display)


def test_kept_cldr_strings_that_babel_contradicts_are_not_used(monkeypatch) -> None:
    """A kept string that does not write what babel writes (another CLDR) is
    dropped as a whole: babel is asked instead."""
    from claimcheck.lang import display

    kept = display._read_cldr("ar", ["duration-month"])
    assert kept is not None and display._agrees(kept, "ar")
    kept["units"]["duration-month"]["few"] = "{0} شهور"
    assert not display._agrees(kept, "ar")
    kept = display._read_cldr("en", ["duration-month"])
    kept["currency_plural"]["GBP"]["other"] = "pounds"
    assert not display._agrees(kept, "en")
    kept = display._read_cldr("en", [])
    kept["plural"] = {"one": "n in 1..2"}
    assert not display._agrees(kept, "en")


def test_with_the_start_up_cache_off_babel_is_asked_directly(monkeypatch) -> None:
    """Reading and probing the kept strings pays only when they are kept."""
    from claimcheck.lang import display, recache

    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", "")
    monkeypatch.setattr(recache, "_entries", None)
    _cleared(display)
    try:
        assert display._kept("ar") is None
        assert display.amount(12, "month", None, "ar") == "12 شهرًا"
        assert display.unit_name("GBP", 2, "en") == "British pounds"
    finally:
        monkeypatch.undo()
        _cleared(display)
