"""What a person reads: labels, numbers, units and counts in Arabic or English.

Machine formats keep the SPEC's codes (``value_mismatch``, ``kilometer ** 2``);
everything a person reads — the terminal table, Markdown, HTML, xlsx and the
explanations — goes through here, so a code is worded once, in
``lang/data/labels.toml``, and numbers and units follow CLDR through babel:

>>> amount(12, "month", lang="ar")
'12 شهرًا'
>>> amount(450, "kilometer", lang="en")
'450 kilometers'
>>> count("claims", 11, "ar"), count("claims", 2, "ar"), count("claims", 1, "en")
('11 ادعاءً', 'ادعاءان', '1 claim')

Mixed scripts: inside Arabic, every Latin or number run is isolated (FSI…PDI in
plain text, ``<bdi>`` in HTML) so that a full stop after an English citation
stays at its end and a figure stays beside its unit; inside English, the Arabic
runs are isolated the same way (:func:`runs`, :func:`isolate`).

babel is imported on first use, not at start-up, and its locale data is read
once per babel version: the few CLDR strings the pages use are kept in the
start-up cache (see :func:`_kept`).
"""
from __future__ import annotations

import sys
from decimal import Decimal, InvalidOperation, localcontext
from functools import cache, lru_cache
from typing import Any, Iterator

from claimcheck.errors import LexiconError
from claimcheck.lang import recache
from claimcheck.lang.lexicon import data_file, parse_toml

LANGS = ("ar", "en")
#: First-strong isolate and pop-directional isolate (Unicode bidi, UAX #9).
FSI, PDI = "\u2068", "\u2069"

#: Keys every language must define (a test also checks the codes of the model).
SECTIONS = ("verdict", "reason", "kind", "qualifier", "column", "count", "text", "unit")


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    raw = data_file("labels.toml").decode("utf-8")
    data = recache.memo("toml", recache.digest("labels", raw, sys.version),
                        lambda: parse_toml(raw, "labels.toml"))
    for lang in LANGS:
        missing = [s for s in SECTIONS if s not in data.get(lang, {})]
        if missing:
            raise LexiconError(f"labels.toml [{lang}]: no section {', '.join(missing)}")
    return data


def _lang(lang: str | None) -> str:
    return lang if lang in LANGS else "ar"


def label(section: str, code: Any, lang: str | None = "ar") -> str:
    """The word for a code: ``label("verdict", "contradicted")`` → ``مخالف للمرجع``.

    An unknown code is shown as itself (a new reason never hides a finding).
    """
    if code is None:
        return ""
    return _data()[_lang(lang)][section].get(str(code), str(code))


def text(key: str, lang: str | None = "ar", **fields: Any) -> str:
    """A phrase of the pages, with its ``{fields}`` filled in."""
    template = _data()[_lang(lang)]["text"][key]
    return template.format(**fields) if fields else template


# ----------------------------------------------------------------- numbers


@lru_cache(maxsize=2)
def _locale(lang: str) -> Any:
    from babel import Locale

    return Locale.parse(lang)


def number(value: Any, lang: str | None = "ar") -> str:
    """A number as people read it: ``198900000000000`` → ``198,900,000,000,000``.

    Every written digit is kept (no rounding to three decimals); strings (ISO
    dates) pass through.
    """
    if value is None:
        return "?"
    if isinstance(value, str) or isinstance(value, bool):
        return str(value)
    return _number(value if isinstance(value, Decimal) else _decimal(value), _lang(lang))


def _decimal(value: Any) -> Decimal:
    try:
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return Decimal(0)


@lru_cache(maxsize=4096)
def _number(value: Decimal, lang: str) -> str:
    if not value.is_finite():
        return str(value)
    if len(value.as_tuple().digits) > 28 or abs(value.adjusted()) > 28:
        # beyond decimal's default precision: plain grouping
        return f"{value:,f}" if value != value.to_integral_value() else f"{int(value):,}"
    try:
        with localcontext() as ctx:
            ctx.prec = 60
            value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
            if _python_groups(lang):
                return f"{value:,f}"
            from babel.numbers import format_decimal

            return format_decimal(value, locale=_locale(lang), decimal_quantization=False)
    except (ArithmeticError, ValueError):
        return f"{value:,f}"


#: Numbers babel is asked to write, and what Python's own ``{:,f}`` writes of them
#: where CLDR's pattern for the language is ``#,##0.###`` with a comma and a point.
_PROBES = ("-1234567.891", "0", "-0", "0.0001", "1000", "12345678901234567890123.5")


@cache
def _groups_like_python(lang: str) -> bool:
    """Does babel write this language's numbers as ``f"{value:,f}"`` does (the same
    grouping, signs and separators)? Then that is used: babel's formatter costs
    some 20 µs a number, and an archive's explanations write one for most claims.
    Asked of babel itself, once, so a CLDR whose Arabic writes ٬ and ٫ is followed."""
    from babel.numbers import format_decimal

    with localcontext() as ctx:
        ctx.prec = 60
        return all(format_decimal(Decimal(p), locale=_locale(lang), decimal_quantization=False)
                   == f"{Decimal(p):,f}" for p in _PROBES)


def percent_change(delta: Any, lang: str | None = "ar") -> str:
    """A relative difference, signed, one decimal: ``-0.157`` → ``-15.7%``.

    The one way every format writes ``delta`` for people.
    """
    if delta is None:
        return ""
    d = _decimal(delta) * 100
    # (a claim billions of times its reference has no tenths to round to in 28 digits)
    p = d.quantize(Decimal("0.1")) if d.adjusted() < 20 else d.to_integral_value()
    sign = "+" if p > 0 else ("-" if p < 0 else "")
    return f"{sign}{number(abs(p), lang)}%"


def points(diff: Any, lang: str | None = "ar") -> str:
    """A difference of two percentages in percentage points, signed:
    ``1.5`` → ``+1.5 نقطة مئوية`` (9 % against 7.5 %)."""
    d = _decimal(diff)
    d = (d.quantize(Decimal("0.01")) if d.adjusted() < 20 else d.to_integral_value()).normalize()
    sign = "+" if d > 0 else ("-" if d < 0 else "")
    return sign + count("points", abs(d), lang)


def difference(delta: Any, point_diff: Any, lang: str | None = "ar") -> str:
    """How far a claim is from its reference, as an editor thinks of it:
    percentage points (and the relative change) for percentages, the relative
    change for amounts."""
    if point_diff is not None:
        if delta is None:
            return points(point_diff, lang)
        return text("points_and_relative", lang, points=points(point_diff, lang),
                    pct=percent_change(delta, lang))
    return percent_change(delta, lang)


def plural_category(n: Any, lang: str | None = "ar") -> str:
    """CLDR plural category of ``n`` (Arabic: zero one two few many other)."""
    try:
        return _plural_rule(_lang(lang))(_decimal(n))
    except (TypeError, ValueError, ArithmeticError):  # (an infinity has no integer part)
        return "other"


def count(noun: str, n: Any, lang: str | None = "ar") -> str:
    """``n`` of a counted noun, agreeing with the number: ``3 ادعاءات``، ``11 ادعاءً``."""
    lang = _lang(lang)
    forms = _data()[lang]["count"][noun]
    form = forms.get(plural_category(n, lang)) or forms["other"]
    return form.format(n=number(n, lang))


# ------------------------------------------------------------------- units


def unit_name(unit: str | None, n: Any = 1, lang: str | None = "ar") -> str:
    """The word for a unit, agreeing with ``n`` (``GBP`` → ``جنيه إسترليني``)."""
    if not unit or unit in ("date",):
        return ""
    if unit == "percent":
        return "%"
    lang = _lang(lang)
    if len(unit) == 3 and unit.isupper():
        kept = _kept(lang)
        if kept is not None:
            try:  # what babel's get_currency_name reads as "other", and what it raises
                form = _plural_rule(lang)(_decimal(n))
            except (OverflowError, ValueError):
                form = "other"
            except Exception:
                return unit
            return _kept_currency_name(kept, unit, form)
        from babel.numbers import get_currency_name

        try:
            return get_currency_name(unit, _decimal(n), locale=_locale(lang))
        except Exception:
            return unit
    return unit


def unit_label(unit: str | None, lang: str | None = "ar") -> str:
    """A unit's name on its own (``mile`` → ``ميل``), for notes such as conversions."""
    lang = _lang(lang)
    if not unit:
        return ""
    if len(unit) == 3 and unit.isupper():
        return _currency_label(unit, lang)
    own = _data()[lang]["unit"].get(unit)
    if own is not None:
        return own["other"].replace("{n}", "").strip()
    cldr = _data()["cldr_unit"].get(unit)
    kept = _kept(lang)
    if cldr is not None and kept is not None and cldr in kept["unit_names"]:
        return kept["unit_names"][cldr] or unit
    if cldr is not None:
        from babel.units import get_unit_name

        return get_unit_name(cldr, locale=_locale(lang)) or unit
    return unit


def _currency_label(code: str, lang: str) -> str:
    kept = _kept(lang)
    if kept is not None:
        return kept["currency"].get(code, code)
    from babel.numbers import get_currency_name

    try:
        return get_currency_name(code, locale=_locale(lang))
    except Exception:
        return code


def amount(value: Any, unit: str | None, qualifier: Any = None, lang: str | None = "ar",
           low: Any = None, high: Any = None) -> str:
    """A claim or reference amount in words: ``أكثر من 500,000,000 جنيه إسترليني``."""
    lang = _lang(lang)
    q = label("qualifier", qualifier, lang) + " " if qualifier and str(qualifier) != "exact" else ""
    if value is None and (low is not None or high is not None):
        lo = "…" if low is None else _with_unit(low, unit, lang)
        hi = "…" if high is None else _with_unit(high, unit, lang)
        if unit and low is not None and high is not None:
            lo = number(low, lang)  # the unit once, after the upper bound
        return q + text("between", lang, low=lo, high=hi)
    return q + _with_unit(value, unit, lang)


def _with_unit(value: Any, unit: str | None, lang: str) -> str:
    if isinstance(value, str) or not unit or unit == "date":
        return number(value, lang)
    if unit == "percent":
        return number(value, lang) + "%"
    if unit == "percentage_point":
        return count("points", value, lang)
    if len(unit) == 3 and unit.isupper():
        return f"{number(value, lang)} {unit_name(unit, value, lang)}"
    return _measured(value, unit, lang)


def _measured(value: Any, unit: str, lang: str) -> str:
    own = _data()[lang]["unit"].get(unit)
    if own is not None:
        form = own.get(plural_category(value, lang)) or own["other"]
        return form.format(n=number(value, lang))
    cldr = _data()["cldr_unit"]
    if unit in cldr:
        return _cldr(value, cldr[unit], None, lang)
    per = _PER.fullmatch(unit)
    if per and per.group(1) in cldr and per.group(2) in cldr:
        return _cldr(value, cldr[per.group(1)], cldr[per.group(2)], lang)
    return f"{number(value, lang)} {unit}"  # an expression CLDR cannot word: the code itself


def _cldr(value: Any, unit: str, per: str | None, lang: str) -> str:
    v = _decimal(value)
    kept = _kept(lang)
    if per is None and kept is not None and _plain(v):
        patterns = kept["units"].get(unit, {})
        pattern = patterns.get(plural_category(v, lang)) or patterns.get("other")
        if pattern:
            return pattern.format(_grouped(v))  # (not number's memo: it holds -0 and 0 as one)
    from babel.units import format_compound_unit, format_unit

    try:
        with localcontext() as ctx:  # babel re-quantizes: room for every written digit
            ctx.prec = max(60, len(v.as_tuple().digits) + 20)
            if per is None:
                return format_unit(v, unit, locale=_locale(lang), format=_ALL_DIGITS)
            return format_compound_unit(v, unit, denominator_unit=per, locale=_locale(lang),
                                        format=_ALL_DIGITS)
    except (ArithmeticError, ValueError):
        return f"{number(v, lang)} {unit}"


#: babel's number pattern that keeps every written decimal (its default rounds to three)
_ALL_DIGITS = "#,##0.###############"


# ------------------------------------------------------------ CLDR, kept
# What the pages ask of CLDR — a language's plural rules, currency names and
# unit patterns — is a handful of strings, but babel loads the whole locale to
# answer (two pickles, and babel.dates to read them: some 30 ms, more than a
# short check spends formatting). Those strings are read once per babel
# version through babel and kept in the start-up cache; babel's own formatters
# are asked instead whenever the kept strings did not write what they write.

#: values whose amounts and names the kept strings must write as babel does
#: (every Arabic and English plural category, signs, fractions, groups)
_KEPT_PROBES = ("0", "1", "2", "3", "10", "11", "12", "99", "100", "101", "102", "103", "111",
                "1000", "1000000", "2.5", "0.25", "1.5", "1234567.891", "-1", "-12")


def _plain(v: Decimal) -> bool:
    """Is ``v`` written the same by :func:`number` and babel's :data:`_ALL_DIGITS`
    (finite, at most 15 decimals, within decimal's precision)?"""
    if not v.is_finite():
        return False
    t = v.as_tuple()
    return t.exponent >= -15 and len(t.digits) <= 28 and v.adjusted() < 28


def _grouped(value: Decimal) -> str:
    """What :func:`number` writes where babel groups as Python does."""
    with localcontext() as ctx:
        ctx.prec = 60
        value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
        return f"{value:,f}"


@lru_cache(maxsize=2)
def _kept(lang: str) -> dict[str, Any] | None:
    """The CLDR strings of ``lang`` the pages use (None: babel writes something
    differently from them, babel cannot be found or the start-up cache is off —
    reading and probing them costs more than one run's formatting: ask babel)."""
    stamp = recache.package_stamp("babel")
    if stamp is None or recache.cache_file() is None:
        return None
    units = sorted(set(_data()["cldr_unit"].values()))
    key = recache.digest(_read_cldr, _agrees, _kept_currency_name, _plain, _grouped, _cldr,
                         _number.__wrapped__, plural_category, stamp, lang, *units, *_KEPT_PROBES)
    return recache.memo("cldr_display", key, lambda: _read_cldr(lang, units))


@lru_cache(maxsize=2)
def _plural_rule(lang: str) -> Any:
    kept = _kept(lang)
    if kept is None:
        return _locale(lang).plural_form
    from babel.plural import PluralRule  # (its rules: no locale to load)

    return PluralRule(kept["plural"])


def _python_groups(lang: str) -> bool:
    kept = _kept(lang)
    return kept["python_groups"] if kept is not None else _groups_like_python(lang)


def _kept_currency_name(kept: dict[str, Any], code: str, form: str) -> str:
    """babel's ``get_currency_name(code, n)`` from the kept names, ``form`` the
    plural category of ``n``."""
    names = kept["currency_plural"].get(code)
    if names is not None:
        if form in names:
            return names[form]
        if "other" in names:
            return names["other"]
    return kept["currency"].get(code, code)


def _read_cldr(lang: str, units: list[str]) -> dict[str, Any] | None:
    """The strings, read through babel (its locale's data, as its formatters read it)."""
    locale = _locale(lang)
    try:
        patterns = locale._data["unit_patterns"]
        kept = {
            "plural": dict(locale.plural_form.rules),
            "python_groups": _groups_like_python(lang),
            "currency": {k: v for k, v in locale.currencies.items() if isinstance(v, str)},
            "currency_plural": {c: {f: n for f, n in names.items() if isinstance(n, str)}
                                for c, names in locale._data["currency_names_plural"].items()},
            "units": {u: {f: p for f, p in patterns[u].get("long", {}).items() if isinstance(p, str)}
                      for u in units if u in patterns},
            "unit_names": {u: locale.unit_display_names.get(u, {}).get("long")
                           for u in units if u in patterns},
        }
    except Exception:  # another babel: its formatters are asked
        return None
    return kept if kept["python_groups"] and _agrees(kept, lang) else None


def _agrees(kept: dict[str, Any], lang: str) -> bool:
    """Do the kept strings write every probe as babel does?"""
    from babel.numbers import get_currency_name
    from babel.plural import PluralRule
    from babel.units import format_unit, get_unit_name

    locale = _locale(lang)
    rule = PluralRule(kept["plural"])
    try:
        for p in map(Decimal, _KEPT_PROBES):
            form = locale.plural_form(p)
            if rule(p) != form:
                return False
            for code in kept["currency"]:
                if _kept_currency_name(kept, code, form) != get_currency_name(code, p, locale=locale):
                    return False
            for unit, forms in kept["units"].items():
                with localcontext() as ctx:
                    ctx.prec = 60
                    if (forms.get(form) or forms.get("other") or "").format(_grouped(p)) != \
                            format_unit(p, unit, locale=locale, format=_ALL_DIGITS):
                        return False
        return all(kept["unit_names"][u] == get_unit_name(u, locale=locale) for u in kept["unit_names"])
    except Exception:
        return False


# --------------------------------------------------------------- bidi runs

_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
#: Where a Latin run stops: an Arabic letter or Arabic punctuation, or a line end.
#: a rate's unit: ``kilometer / hour``
_PER = recache.compile(r"\s*(\w+)\s*/\s*(\w+)\s*")
_STOP = recache.compile(rf"[{_ARABIC}«»\n]")
#: Where a Latin run may start: a Latin letter or digit, a sign or currency
#: symbol before a digit, or a quotation mark before a letter.
_START = recache.compile(r"[0-9A-Za-z\u00c0-\u024f]|[+\-−£$€][0-9]|[\"'“‘][A-Za-z0-9]")
_GOOD_END = recache.compile(r"[0-9A-Za-z\u00c0-\u024f%²³]")
_OPEN, _CLOSE = "([{", ")]}"
#: An Arabic run inside English: Arabic letters with the spaces, digits and
#: punctuation between them.
_ARABIC_RUN = recache.compile(
    rf"(?:[0-9\u0660-\u0669][0-9\u0660-\u0669.,٫٬]*\s?)?[{_ARABIC}]"
    rf"(?:[{_ARABIC}0-9\u0660-\u0669 .,:()%\-]*[{_ARABIC})])?")
_HAS_ARABIC = recache.compile(rf"[{_ARABIC}]")
_HAS_LATIN = recache.compile(r"[0-9A-Za-z]")


def _latin_end(value: str, start: int) -> int:
    """End of the Latin run starting at ``start``: it runs to the next Arabic
    letter, never past a bracket it did not open, and ends at the last letter,
    digit, %, closed bracket or closing quote (a full stop or comma after it
    belongs to the Arabic sentence)."""
    stop = _STOP.search(value, start)
    limit = stop.start() if stop else len(value)
    depth, quotes, end = 0, 0, start
    for j in range(start, limit):
        ch = value[j]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            if depth == 0:
                break  # opened on the Arabic side: stays there
            depth -= 1
            if depth == 0:
                end = j + 1
            continue
        elif ch in "\"“”":
            quotes += 1
            if quotes % 2 == 0 and depth == 0:
                end = j + 1
            continue
        if depth == 0 and quotes % 2 == 0 and _GOOD_END.match(ch):
            end = j + 1
    return end


def _latin_spans(value: str) -> Iterator[tuple[int, int]]:
    pos = 0
    while True:
        m = _START.search(value, pos)
        if m is None:
            return
        end = _latin_end(value, m.start())
        if end > m.start():
            yield m.start(), end
            pos = end
        else:
            pos = m.start() + 1


def runs(value: str, lang: str | None = "ar") -> Iterator[tuple[str, bool]]:
    """Split text into ``(piece, isolate)`` pieces: the runs of the other script
    (Latin and numbers inside Arabic, Arabic inside English) to isolate."""
    if _lang(lang) == "ar":
        spans = _latin_spans(value) if _HAS_ARABIC.search(value) else iter(())
    else:
        spans = (m.span() for m in _ARABIC_RUN.finditer(value)) if _HAS_LATIN.search(value) else iter(())
    pos = 0
    for start, end in spans:
        if start > pos:
            yield value[pos:start], False
        yield value[start:end], True
        pos = end
    if pos < len(value):
        yield value[pos:], False


def isolate(value: str | None, lang: str | None = "ar") -> str:
    """Plain text with every run of the other script between FSI and PDI.

    >>> isolate("المصدر: UK Government, September 2014.") == \\
    ...     "المصدر: \\u2068UK Government, September 2014\\u2069."
    True
    """
    if not value:
        return ""
    return "".join(f"{FSI}{p}{PDI}" if iso else p for p, iso in runs(value, lang))


__all__ = ["label", "text", "number", "percent_change", "points", "difference", "count",
           "plural_category", "unit_name", "unit_label", "amount", "runs", "isolate", "FSI", "PDI", "LANGS"]
