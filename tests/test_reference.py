"""Reference tables typed by hand (SPEC §2, issue 6 item 7).

Every malformed-table case is reported with file, row and column — by
``claimcheck reference validate`` (all problems) and by ``claimcheck check``
(exit 2 before checking anything, one ``error:`` line, no traceback).
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from claimcheck.errors import ReferenceTableError
from claimcheck.reference.periods import parse_period
from claimcheck.reference.tables import BUNDLED, load, validate

from helpers import invoke

HEADER = "id,entity,metric,value,unit,period,qualifier,tolerance,keywords,source\n"
GOOD = "a,الأردن,عدد السكان,11000000,,2023,,,سكان,src\n"


def run(*args: str):
    return invoke(args)


def table(tmp_path: Path, name: str, content: str | bytes) -> Path:
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


# name, file content, expected (row, column) of the first problem, fragment of the message
BAD = [
    ("missing-column", "id,entity,value\na,الأردن,5\n", (1, "metric"), "missing column"),
    ("duplicate-column", "id,entity,metric,value,value\na,الأردن,س,5,6\n", (1, "value"), "duplicate column"),
    ("bad-number", HEADER + GOOD + "b,الأردن,عدد,خمسة,,,,,,src\n", (3, "value"), "not a number"),
    ("unknown-unit", HEADER + "b,الأردن,المساحة,89,furlongz,,,,,src\n", (2, "unit"), "unknown unit"),
    ("unknown-currency", HEADER + "b,الأردن,الناتج,50,XYZ,,,,,src\n", (2, "unit"), "ISO 4217"),
    ("ton-trap", HEADER + "b,مصر,القمح,5,ton,,,,,src\n", (2, "unit"), "metric_ton"),
    ("bad-period", HEADER + "b,الأردن,عدد,5,,2023-13,,,,src\n", (2, "period"), "no such date"),
    ("bad-interval", HEADER + "b,الأردن,عدد,5,,2024/2011,,,,src\n", (2, "period"), "ends before"),
    ("bad-qualifier", HEADER + "b,الأردن,عدد,5,,,roughly,,,src\n", (2, "qualifier"), "unknown qualifier"),
    ("bad-tolerance", HEADER + "b,الأردن,عدد,5,,,,150%,,src\n", (2, "tolerance"), "tolerance"),
    ("bad-date-value", HEADER + "b,التحالف,التأسيس,سبتمبر,date,,,,,src\n", (2, "value"), "ISO 8601"),
    ("empty-id", HEADER + ",الأردن,عدد,5,,,,,,src\n", (2, "id"), "empty id"),
    ("wrong-cell-count", HEADER + "b,الأردن,عدد,5\n", (2, None), "cells"),
    ("stray-quote", HEADER + 'b,الأردن,عدد "السكان,5,,,,,,src\n', (2, None), "stray quote"),
    ("unclosed-quote", HEADER + 'b,"الأردن,عدد,5,,,,,,src\n', (2, None), "malformed CSV"),
    ("empty-file", "", (None, None), "empty file"),
    ("header-only", HEADER, (1, None), "no rows"),
    ("windows-1256", (HEADER + GOOD).encode("cp1256"), (2, None), "windows-1256"),
    ("utf-16", (HEADER + GOOD).encode("utf-16"), (None, None), "UTF-16"),
    ("bad-rate", "date,currency,usd_per_unit\n2024-07-25,GBP,abc\n", (2, "usd_per_unit"), "not a number"),
    ("rate-currency", "date,currency,usd_per_unit\n2024-07-25,gbp,1.28\n", (2, "currency"), "ISO 4217"),
    ("rate-date", "date,currency,usd_per_unit\n2024-07,GBP,1.28\n", (2, "date"), "full date"),
]


@pytest.mark.parametrize("name, content, where, fragment", BAD, ids=[b[0] for b in BAD])
def test_malformed_table_is_reported_with_location(tmp_path, name, content, where, fragment):
    p = table(tmp_path, "facts.csv", content)
    problems, refs = validate([p])
    assert refs is None and problems
    first = problems[0]
    assert (first.row, first.column) == where, str(first)
    assert fragment in first.message
    assert first.file == str(p)
    # the CLI: exit 2, every problem on stderr, a one-line error: naming the file
    res = run("reference", "validate", str(p))
    assert res.exit_code == 2
    assert "Traceback" not in res.output
    err_lines = [line for line in res.output.splitlines() if line.startswith("error:")]
    assert len(err_lines) == 1 and str(p) in err_lines[0]
    if where[0] is not None:
        assert f"row {where[0]}" in err_lines[0]
    if where[1] is not None:
        assert f"column '{where[1]}'" in err_lines[0]


def test_every_problem_is_reported_not_only_the_first(tmp_path):
    p = table(tmp_path, "facts.csv", HEADER + GOOD
              + "b,الأردن,عدد,خمسة,,,,,,src\n"
              + "c,الأردن,عدد,5,XYZ,2023-13,,,,src\n")
    problems, _ = validate([p])
    assert [(x.row, x.column) for x in problems] == [(3, "value"), (4, "unit"), (4, "period")]
    res = run("reference", "validate", str(p))
    assert res.exit_code == 2
    assert "(and 2 more problems)" in res.output


def test_duplicate_id_across_the_folder(tmp_path):
    table(tmp_path, "a.csv", HEADER + GOOD)
    table(tmp_path, "b.csv", HEADER + "x,مصر,عدد السكان,105000000,,,,,,src\n" + GOOD)
    problems, refs = validate([tmp_path])
    assert refs is None
    (p,) = problems
    assert (Path(p.file).name, p.row, p.column) == ("b.csv", 3, "id")
    assert "a.csv" in p.message


def test_one_bad_row_loads_nothing(tmp_path):
    p = table(tmp_path, "facts.csv", HEADER + GOOD + "b,الأردن,عدد,خمسة,,,,,,src\n")
    with pytest.raises(ReferenceTableError) as e:
        load(p)
    assert len(e.value.problems) == 1


def test_check_exits_2_on_a_bad_table_without_checking(tmp_path):
    bad = table(tmp_path, "facts.csv", HEADER + "b,الأردن,عدد,خمسة,,,,,,src\n")
    doc = table(tmp_path, "draft.txt", "بلغ عدد سكان الأردن 11 مليون نسمة.\n")
    res = run("check", str(doc), "--reference", str(bad))
    assert res.exit_code == 2
    assert [line for line in res.output.splitlines() if line.startswith("error:")]
    assert "row 2" in res.output and "'value'" in res.output
    assert "supported" not in res.output and "contradicted" not in res.output


def test_missing_reference_path(tmp_path):
    res = run("reference", "validate", str(tmp_path / "nope"))
    assert res.exit_code == 2 and "no such reference file or folder" in res.output


def test_bom_and_eastern_digits_load(tmp_path):
    p = table(tmp_path, "facts.csv", "\ufeff" + HEADER
              + "a,الأردن,معدل البطالة,٢١٫٩,percent,٢٠٢٣,,٢٪,البطالة,src\n"
              + "b,مصر,عدد السكان,۱۰۵٬۰۰۰٬۰۰۰,,2023-06-30,at_least,,,src\n"
              + 'c,"التحالف|التحالف الدولي","عدد ""الشركاء""",87,,2011/2024,,,,"src, with comma"\n')
    refs = load(p)
    a, b, c = refs.facts
    assert a.value == Decimal("21.9") and a.tolerance == Decimal("0.02") and a.period.text == "2023"
    assert b.value == Decimal("105000000") and b.qualifier.value == "at_least"
    assert c.entity == ("التحالف", "التحالف الدولي") and c.metric == 'عدد "الشركاء"'
    assert c.period.text == "2011/2024" and c.source == "src, with comma"
    res = run("reference", "validate", str(p))
    assert res.exit_code == 0 and "ok: 3 facts" in res.output


def test_extra_columns_are_kept_and_ignored(tmp_path):
    p = table(tmp_path, "facts.csv", "id,entity,metric,value,notes\na,الأردن,عدد السكان,5,anything\n")
    assert load(p).facts[0].value == Decimal(5)


@pytest.mark.parametrize("text, start, end", [
    ("2023", "2023-01-01", "2023-12-31"), ("2024-02", "2024-02-01", "2024-02-29"),
    ("2023-06-30", "2023-06-30", "2023-06-30"), ("2011/2024", "2011-01-01", "2024-12-31"),
    ("2014-09/2024-07", "2014-09-01", "2024-07-31"),
])
def test_periods(text, start, end):
    p = parse_period(text)
    assert (p.start.isoformat(), p.end.isoformat()) == (start, end)


def test_bundled_tables_are_valid_and_sourced():
    refs = load(BUNDLED)
    assert len(refs.facts) >= 6
    for f in refs.facts:
        assert f.source.strip(), f.id
    for lst in refs.rates.values():
        for r in lst:
            assert r.source.strip() and r.date


@pytest.mark.parametrize("word, expected", [
    ("وبالمساعدات", "مساعد"),   # conjunction + preposition + article, and -ات
    ("للمجتمعات", "مجتمع"),     # ل + ال
    ("شركات", "شرك"),
    ("دولها", "دول"),           # two-letter ending
    ("دولي", "دول"),            # one-letter ending
    ("ادها", "اده"),            # too short for -ها: the one-letter ending is tried
    ("مصر", "مصر"),             # nothing to strip from a three-letter word
    ("السعوديه", "سعود"),      # the feminine nisba ية, as سعودي → سعود
])
def test_stem_strips_clitics_and_one_ending(word, expected):
    from claimcheck.lang.stemming import _STEMS, stem, stems

    _STEMS.pop(word, None)  # computed, not remembered
    assert stem(word) == expected
    assert stems([word, word]) == [expected, expected]  # and now remembered


def test_loaded_tables_are_frozen(tmp_path):
    # facts and their indexes are built once; nothing (checking included) writes
    # into a loaded References
    import dataclasses

    table(tmp_path, "facts.csv", HEADER + GOOD)
    refs = load(tmp_path)
    assert [f.id for f in refs.facts] == ["a"] and refs.groups == ((0,),)
    for name, value in (("facts", ()), ("groups", ()), ("alias_keys", {})):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(refs, name, value)
    assert refs.alias_first_forms  # a lookup built when first read


def test_bundled_exchange_rates_agree_with_each_other():
    """A currency's rates move by per cents over the years, never by a factor: a
    rate written «1.105» read as 1,105 (three digits after the point are a
    thousands group in running text) would turn every conversion through it into
    a false scale-word slip. (The bundled EUR rate of 2023-12-29 was read so.)"""
    refs = load(BUNDLED)
    assert refs.rates
    for currency, rates in refs.rates.items():
        values = [r.usd_per_unit for r in rates]
        assert max(values) < 2 * min(values), (currency, values)
