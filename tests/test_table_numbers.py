"""Numbers in reference tables read in the table's own style (reference/numstyle).

A cell «1.105» is 1.105 in a column whose other cells use a decimal dot, 1105 in
a column that groups thousands with dots, and an error — naming file, row and
column — where nothing in the table says which. A rate or a fact is never read a
thousand times too big or too small without a word.
"""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from claimcheck.errors import NumberSyntaxError, ReferenceTableError
from claimcheck.reference.numstyle import read_cell
from claimcheck.reference.tables import load, validate

from helpers import invoke

FACTS = "id,entity,metric,value,unit,period,qualifier,tolerance,keywords,source\n"
RATES = "date,currency,usd_per_unit,source\n"


def _facts(values: list[str], tolerances: list[str] | None = None) -> str:
    tol = tolerances or [""] * len(values)
    rows = [f'f{i},مصر,عدد السكان {i},"{v}",,2023,,"{t}",,src\n'
            for i, (v, t) in enumerate(zip(values, tol, strict=True))]
    return FACTS + "".join(rows)


def _rates(values: list[str]) -> str:
    return RATES + "".join(f'2024-01-{i + 1:02d},EUR,"{v}",src\n' for i, v in enumerate(values))


def _write(tmp_path: Path, text: str, name: str = "t.csv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# ---------------------------------------------------------------- one cell alone

@pytest.mark.parametrize("cell, value, decimal", [
    ("87", "87", None),
    ("1.5", "1.5", "."),            # a group has three digits: this dot is decimal
    ("1.1050", "1.1050", "."),
    ("0.105", "0.105", "."),        # no group starts with 0
    ("1234.567", "1234.567", "."),  # nor has four digits before its mark
    ("1,234,567", "1234567", "."),  # a repeated mark groups
    ("1,234.5", "1234.5", "."),     # two marks: the last is the decimal one
    ("1.234,5", "1234.5", ","),
    ("1.234.567,89", "1234567.89", ","),
    ("2,75", "2.75", ","),
    ("٢٫٧٥", "2.75", None),          # Arabic decimal separator: never in doubt
    ("١٬١٠٥", "1105", None),         # Arabic thousands separator: never in doubt
    ("١٫١٠٥", "1.105", None),
    ("١٬٢٣٤٫٥", "1234.5", None),
    ("٣،٥", "3.5", ","),             # the Arabic comma typed as a decimal comma
    ("-2.5", "-2.5", "."),
    ("12%", "12", None),
    ("1 200 000", "1200000", None),
    ("1e3", "1E+3", None),
])
def test_a_cell_that_shows_its_style(cell: str, value: str, decimal: str | None) -> None:
    got = read_cell(cell)
    assert got.ambiguous is None and got.value == D(value), got
    assert got.decimal == decimal


@pytest.mark.parametrize("cell, mark", [
    ("1.105", "."), ("1,105", ","), ("12.500", "."), ("999,999", ","), ("-1.250", "."),
    ("١،١٠٥", ","),
])
def test_one_mark_before_three_digits_is_in_doubt(cell: str, mark: str) -> None:
    got = read_cell(cell)
    assert got.value is None and got.ambiguous == mark


@pytest.mark.parametrize("cell", ["1.2.3", "1,23,456", "12..5", "1.5,3,4", "1٫5٫3", "abc",
                                  "1٬2", "1,2.3.4", ""])
def test_not_numbers(cell: str) -> None:
    with pytest.raises(NumberSyntaxError):
        read_cell(cell)


# ---------------------------------------------------------------- a column settles it

@pytest.mark.parametrize("style, values, expected", [
    # an exchange-rate column of decimal dots: 1.105 is a rate of 1.105
    ("decimal dot", ["1.2929", "1.105", "1.0851"], ["1.2929", "1.105", "1.0851"]),
    # a column grouping with commas (English style): the dot is decimal
    ("comma groups", ["1,250,000", "1.105"], ["1250000", "1.105"]),
    # and its ambiguous commas are groups
    ("comma groups 2", ["1,250,000", "1,105"], ["1250000", "1105"]),
    # a column of decimal commas (the Maghreb, Europe): a dot groups thousands
    ("decimal comma", ["2,75", "1.105"], ["2.75", "1105"]),
    ("decimal comma 2", ["2,75", "1,105"], ["2.75", "1.105"]),
    # a column grouping with dots
    ("dot groups", ["1.250.000", "1.105"], ["1250000", "1105"]),
])
def test_a_fact_column_reads_its_ambiguous_cells_in_its_style(tmp_path, style, values, expected):
    refs = load(_write(tmp_path, _facts(values)))
    assert [f.value for f in refs.facts] == [D(v) for v in expected], style


def test_a_rate_table_of_decimal_dots_reads_1_105_as_a_rate(tmp_path):
    refs = load(_write(tmp_path, _rates(["1.0851", "1.105"])))
    assert [r.usd_per_unit for r in refs.rates["EUR"]] == [D("1.0851"), D("1.105")]


def test_the_table_decides_when_its_column_cannot(tmp_path):
    # the value column is all in doubt; the tolerance column writes decimal commas
    refs = load(_write(tmp_path, _facts(["1.105", "2.500"], ["2,5%", ""])))
    assert [f.value for f in refs.facts] == [D(1105), D(2500)]
    assert refs.facts[0].tolerance == D("0.025")


def test_arabic_separators_are_never_in_doubt_and_say_nothing_of_latin_marks(tmp_path):
    refs = load(_write(tmp_path, _facts(["١٬١٠٥", "٢٫٥"])))
    assert [f.value for f in refs.facts] == [D(1105), D("2.5")]
    problems, _ = validate([_write(tmp_path, _facts(["١٬١٠٥", "1.105"]), "b.csv")])
    assert [(p.row, p.column) for p in problems] == [(3, "value")]


@pytest.mark.parametrize("values, row, fragment", [
    # nothing in the table shows a style: refused, with both readings and the fix
    (["1.105"], 2, "1.105 or 1105"),
    (["87", "-1,250"], 3, "-1.250 or -1250"),
    # the column uses the dot both ways
    (["1.5", "1.234.567", "1.105"], 4, "mixes number styles"),
])
def test_an_unsettled_cell_is_an_error_with_file_row_and_column(tmp_path, values, row, fragment):
    path = _write(tmp_path, _facts(values))
    problems, refs = validate([path])
    assert refs is None
    assert [(p.file, p.row, p.column) for p in problems] == [(str(path), row, "value")]
    assert fragment in problems[0].message
    with pytest.raises(ReferenceTableError):
        load(path)


def test_an_unsettled_rate_fails_check_with_one_error_line(tmp_path):
    rates = _write(tmp_path, _rates(["1.105"]), "rates.csv")
    draft = _write(tmp_path, "بلغت الصادرات 5 ملايين يورو عام 2024.", "d.txt")
    r = invoke(["check", str(draft), "--reference", str(rates)])
    assert r.exit_code == 2, r.output
    lines = [ln for ln in r.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), r.output
    assert "rates.csv" in lines[0] and "row 2" in lines[0] and "usd_per_unit" in lines[0]
    assert "Traceback" not in r.output


def test_dates_in_the_value_column_are_not_numbers(tmp_path):
    text = FACTS + "d,التحالف,تاريخ التأسيس,2014-09,date,,,,,src\n" + '"n",مصر,عدد,"1.105",,,,,,src\n'
    problems, _ = validate([_write(tmp_path, text)])
    # the date gives no evidence either way: the 1.105 is still refused
    assert [(p.row, p.column) for p in problems] == [(3, "value")]
