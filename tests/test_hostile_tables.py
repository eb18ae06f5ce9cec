"""Reference tables as people and scripts write them (issue 17).

Values within documented bounds (claimcheck/reference/bounds.py), refused with
file, row and column by ``reference validate`` and ``check`` alike, in well under
a second; rows numbered as a spreadsheet shows them; cells that hold form feeds
or Unicode line separators kept whole; long cells allowed up to a documented limit.
"""
from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest

from claimcheck.reference.bounds import MAX_DIGITS, rate_problem, value_problem
from claimcheck.reference.tables import MAX_CELL_CHARS, validate

from helpers import cli_process

HEADER = "id,entity,metric,value,unit,period,qualifier,tolerance,keywords,source\n"
ROW = ("uk,المملكة المتحدة|بريطانيا,عدد أفراد قوات الأمن الذين دربتهم,{value},,2014/2024,more_than,,"
       "دربت|فرد,src\n")
RATES = "date,currency,usd_per_unit\n2024-01-01,EUR,{rate}\n"
DRAFT = "دربت المملكة المتحدة أكثر من 120 ألف فرد منذ عام 2014.\n"


def run(args: list[str], cwd: Path) -> tuple[int, str, str, float]:
    """The real process, and how long it took."""
    t0 = time.perf_counter()
    code, out, err = cli_process(args, cwd, timeout=60, errors="strict")
    return code, out.decode(), err, time.perf_counter() - t0


def one_error(code: int, err: str, *parts: str) -> str:
    assert "Traceback" not in err, err
    assert code == 2, err
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, err
    for part in parts:
        assert part in lines[0], lines[0]
    return lines[0]


# ------------------------------------------------------------------ value bounds

OUT_OF_BOUNDS = ["1e-30", "1e4400", "1e999999", "1e999999999", "-1e999999999", "7" * 5000,
                 "0.0000000000001", "1" + "0" * 24]


@pytest.mark.parametrize("value", OUT_OF_BOUNDS, ids=lambda v: v[:16])
@pytest.mark.parametrize("command", ["validate", "check"])
def test_fact_values_out_of_bounds(tmp_path: Path, value: str, command: str) -> None:
    ref = tmp_path / "ref"
    ref.mkdir()
    (ref / "facts.csv").write_text(HEADER + ROW.format(value=value), encoding="utf-8")
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    args = ["reference", "validate", "ref"] if command == "validate" else \
        ["check", "draft.txt", "--reference", "ref"]
    code, out, err, seconds = run(args, tmp_path)
    line = one_error(code, err, "facts.csv", "row 2", "column 'value'")
    assert "too large" in line or "too small" in line or "not a number" in line, line
    assert len(line) < 300 and seconds < 20


@pytest.mark.parametrize("value", ["0", "87", "-3.5", "1e-9", "9.99e23", "١٢٠٠٠٠", "1" + "0" * 23])
def test_fact_values_within_bounds(tmp_path: Path, value: str) -> None:
    p = tmp_path / "facts.csv"
    p.write_text(HEADER + ROW.format(value=value), encoding="utf-8")
    problems, refs = validate([p])
    assert problems == [] and refs is not None


@pytest.mark.parametrize("rate", ["1e30", "1e5000", "1e-30", "0", "-1", "1e999999999"])
@pytest.mark.parametrize("command", ["validate", "check"])
def test_exchange_rates_out_of_bounds(tmp_path: Path, rate: str, command: str) -> None:
    ref = tmp_path / "ref"
    ref.mkdir()
    (ref / "rates.csv").write_text(RATES.format(rate=rate), encoding="utf-8")
    (ref / "facts.csv").write_text(HEADER + ROW.format(value="120000"), encoding="utf-8")
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    args = ["reference", "validate", "ref"] if command == "validate" else \
        ["check", "draft.txt", "--reference", "ref"]
    code, out, err, seconds = run(args, tmp_path)
    one_error(code, err, "rates.csv", "row 2", "column 'usd_per_unit'")
    assert seconds < 20


@pytest.mark.parametrize("tolerance", ["1e999999999", "1e999999999%", "NaN", "-0.1", "150%"])
def test_tolerance_out_of_bounds(tmp_path: Path, tolerance: str) -> None:
    p = tmp_path / "facts.csv"
    p.write_text(HEADER + ROW.format(value="120000").replace(",more_than,,", f",more_than,{tolerance},"),
                 encoding="utf-8")
    problems, refs = validate([p])
    assert refs is None and [(x.row, x.column) for x in problems] == [(2, "tolerance")]


def test_the_bounds_themselves() -> None:
    assert value_problem(Decimal("1e24")) and value_problem(Decimal("-1e24"))
    assert value_problem(Decimal("9.99e23")) is None
    assert value_problem(Decimal("1e-10")) and value_problem(Decimal("1e-9")) is None
    assert value_problem(Decimal("1." + "1" * MAX_DIGITS))  # too many digits to compute with
    assert value_problem(Decimal("NaN")) and value_problem(Decimal("Infinity"))
    assert rate_problem(Decimal("3.25")) is None and rate_problem(Decimal("0.000024")) is None
    assert rate_problem(Decimal("1e6")) and rate_problem(Decimal("1e-13"))


def test_a_claim_far_from_a_tiny_fact_is_judged_not_crashed(tmp_path: Path) -> None:
    """The relative difference of 5000 trillion and 1e-9 has no four decimal places
    to round to within 28 digits: it is kept whole, not an arithmetic error."""
    import claimcheck

    (tmp_path / "facts.csv").write_text(HEADER + ROW.format(value="1e-9"), encoding="utf-8")
    results = claimcheck.check("دربت المملكة المتحدة أكثر من 5000 تريليون فرد.",
                               reference=str(tmp_path))
    assert [r.claim.value for r in results] == [Decimal("5e15")]
    assert results[0].reference_id == "uk" and results[0].delta > Decimal("1e24")


# ------------------------------------------------------------------ rows as a spreadsheet shows them


def test_rows_after_a_multi_line_cell_are_spreadsheet_rows(tmp_path: Path) -> None:
    good = ROW.format(value="120000")
    multi = good.replace(",src\n", ',"a source\nover\nthree lines"\n').replace("uk,", "a,", 1)
    bad = good.replace("120000", "lots").replace("uk,", "b,", 1)
    p = tmp_path / "facts.csv"
    # row 1 header, row 2 the multi-line record (4 physical lines), row 3 blank, row 4 bad
    p.write_text(HEADER + multi + "\n" + bad, encoding="utf-8")
    problems, _ = validate([p])
    assert [(x.row, x.column) for x in problems] == [(4, "value")]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085", "\x0c", "\x0b", "\x1c"],
                         ids=["LS", "PS", "NEL", "FF", "VT", "FS"])
def test_unicode_line_separators_inside_a_cell_are_text(tmp_path: Path, separator: str) -> None:
    row = ROW.format(value="120000").replace(",src\n", f",first part{separator}second part\n")
    p = tmp_path / "facts.csv"
    p.write_text(HEADER + row + ROW.format(value="5").replace("uk,", "b,", 1), encoding="utf-8")
    problems, refs = validate([p])
    assert problems == [] and refs is not None
    assert [f.source for f in refs.facts][0] == f"first part{separator}second part"
    assert [f.row for f in refs.facts] == [2, 3]


def test_a_long_cell_up_to_the_limit(tmp_path: Path) -> None:
    long_source = "م" * (MAX_CELL_CHARS - 10)
    p = tmp_path / "facts.csv"
    p.write_text(HEADER + ROW.format(value="1").replace(",src\n", f',"{long_source}"\n'),
                 encoding="utf-8")
    problems, refs = validate([p])
    assert problems == [] and refs is not None and len(refs.facts[0].source) == len(long_source)


def test_a_cell_over_the_limit_is_named_so(tmp_path: Path) -> None:
    p = tmp_path / "facts.csv"
    p.write_text(HEADER + ROW.format(value="1").replace(",src\n", f',"{"م" * (MAX_CELL_CHARS + 1)}"\n'),
                 encoding="utf-8")
    problems, _ = validate([p])
    assert len(problems) == 1 and problems[0].row == 2
    assert f"{MAX_CELL_CHARS:,} characters" in problems[0].message
    assert "stray quote" not in problems[0].message


def test_an_unterminated_quote_is_named_so(tmp_path: Path) -> None:
    p = tmp_path / "facts.csv"
    p.write_text(HEADER + ROW.format(value="1") + ROW.format(value="2").replace(",src\n", ',"src\n')
                 .replace("uk,", "b,", 1), encoding="utf-8")
    problems, _ = validate([p])
    assert [x.row for x in problems] == [3] and "a quote that is never closed" in problems[0].message


def test_the_cell_limit_is_not_left_changed_for_others(tmp_path: Path) -> None:
    import csv

    before = csv.field_size_limit()
    p = tmp_path / "facts.csv"
    p.write_text(HEADER + ROW.format(value="1"), encoding="utf-8")
    validate([p])
    assert csv.field_size_limit() == before


@pytest.mark.parametrize("rate", ["", " ", "+", "-"])
def test_an_empty_rate_cell_is_a_problem_not_a_crash(tmp_path: Path, rate: str) -> None:
    """Found by the fuzzer: an empty usd_per_unit raised IndexError in the number parser."""
    p = tmp_path / "rates.csv"
    p.write_text(RATES.format(rate=rate), encoding="utf-8")
    problems, refs = validate([p])
    assert refs is None and [(x.row, x.column) for x in problems] == [(2, "usd_per_unit")]
