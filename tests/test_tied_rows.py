"""Tied rows (one per year, and no year in the text): :func:`tied_rows_disagree`
judged through its three paths, each against :func:`judge` (issue 17, mutation
testing: 26 of its 57 mutants survived the suite — its fast paths were never
taken with agreeing rows, nor its :func:`judge` path with a conversion).

* a figure against rows in its unit: through the figure's value and half-width;
* a range against plain rows (exact, no tolerance): through the range's interval;
* anything else (another currency, a date): :func:`judge` row by row.

Each case is asserted against what :func:`judge` says of every row, and the two
fast paths must not call :func:`judge` at all (they exist to save its 60,000
calls on the corpus).
"""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from claimcheck.checking import verdicts
from claimcheck.checking.options import Options
from claimcheck.checking.verdicts import judge, tied_rows_disagree
from claimcheck.model import REASON_VERDICT, Qualifier, Verdict
from claimcheck.reference.index import Fact
from claimcheck.reference.periods import parse_period
from claimcheck.reference.tables import load

from claimfactory import claim_in

DOC = "بلغ المبلغ 87 وبين 80 و90 في عام 2014."


@pytest.fixture(scope="module")
def refs():  # the bundled tables: their GBP and EUR rates
    return load(None)


def _fact(value: str, *, unit: str | None = None, klass: str = "count", q: str = "exact",
          tol: str | None = None, period: str | None = None) -> Fact:
    return Fact(id=f"r{value}", entity=("e",), metric="m",
                value=value if klass == "date" else D(value), unit=unit,
                period=parse_period(period) if period else None, qualifier=Qualifier(q),
                tolerance=None if tol is None else D(tol), keywords=(), source="s", file="f",
                row=1, klass=klass)


def _rows(*facts: Fact) -> list[tuple[float, str, int, Fact, str]]:
    return [(1.0, f.id, 0, f, "") for f in facts]


FIGURE = claim_in(DOC, "87", "number", 87, resolution=1)
ABOUT = claim_in(DOC, "87", "number", 87, qualifier="approximate", resolution=1)
RANGE = claim_in(DOC, "80 و90", "number", None, low=80, high=90, resolution=1)
POUNDS = claim_in(DOC, "87", "money", 87, unit="GBP", resolution=1)
YEAR = claim_in(DOC, "عام 2014", "date", "2014")

CASES = {
    # a figure, rows in its unit: equal, apart, an approximate row, a row's own tolerance
    "figure, equal rows": (FIGURE, [_fact("87"), _fact("87.2"), _fact("86.6")], True),
    "figure, one row apart": (FIGURE, [_fact("87"), _fact("87"), _fact("95")], True),
    "figure, approximate rows": (ABOUT, [_fact("87", q="approximate"), _fact("88", q="approximate"),
                                         _fact("150", q="approximate")], True),
    "figure, rows with tolerance": (FIGURE, [_fact("90", tol="0.05"), _fact("91", tol="0.05")], True),
    "figure, bound rows": (FIGURE, [_fact("80", q="more_than"), _fact("87", q="at_least")], True),
    # a range, plain rows: inside, one outside
    "range, rows inside": (RANGE, [_fact("80"), _fact("85"), _fact("90")], True),
    "range, one row outside": (RANGE, [_fact("85"), _fact("95")], True),
    # another currency: judge() with the rate of the claim's period
    "pounds against dollars": (POUNDS, [_fact("110", unit="USD", klass="money"),
                                        _fact("140", unit="USD", klass="money")], False),
    "pounds against euros": (POUNDS, [_fact("104", unit="EUR", klass="money"),
                                      _fact("104", unit="EUR", klass="money")], False),
    # a date against date rows
    "year against dates": (YEAR, [_fact("2014", klass="date"), _fact("2014-09", klass="date")], False),
}


def _oracle(c, rows, first, refs, opts, cp) -> bool:
    return any(REASON_VERDICT[judge(c, m[3], refs, opts, cp, coarse=True).reason] is not first
               for m in rows)


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("first", list(Verdict))
@pytest.mark.parametrize("period", [None, "2014", "2024"])
def test_tied_rows_disagree_as_judge_does(name: str, first: Verdict, period: str | None, refs,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    c, facts, fast = CASES[name]
    rows, opts = _rows(*facts), Options()
    cp = parse_period(period) if period else None
    want = _oracle(c, rows, first, refs, opts, cp)
    calls: list[Fact] = []

    def counted(c_, f, *args, **kw):
        calls.append(f)
        return judge(c_, f, *args, **kw)

    monkeypatch.setattr(verdicts, "judge", counted)
    assert tied_rows_disagree(c, rows, first, refs, opts, cp) is want
    if fast:  # through the claim's interval: judge() is never called
        assert calls == []
    else:
        assert calls and calls == [m[3] for m in rows][:len(calls)]


def test_the_cases_reach_both_answers(refs) -> None:
    """The fast paths and judge()'s both agree and disagree in the table (it tests something)."""
    opts = Options()
    seen = {(fast, _oracle(c, _rows(*facts), first, refs, opts, None))
            for c, facts, fast in CASES.values() for first in Verdict}
    assert seen == {(True, True), (True, False), (False, True), (False, False)}


@pytest.mark.parametrize("period, verdict", [
    # £87 against $140: at 2014's rate (1.61 USD per GBP) $140.4, within the
    # conversion's tolerance; at the latest rate (1.34) $116.5, apart
    ("2014", Verdict.SUPPORTED), ("2024-09", Verdict.CONTRADICTED),
])
def test_a_conversion_takes_the_rate_of_the_claims_period(period: str, verdict: Verdict, refs) -> None:
    rows = _rows(_fact("140", unit="USD", klass="money"), _fact("140", unit="USD", klass="money"))
    cp = parse_period(period)
    first = REASON_VERDICT[judge(POUNDS, rows[0][3], refs, Options(), cp, coarse=True).reason]
    assert first is verdict
    assert tied_rows_disagree(POUNDS, rows, verdict, refs, Options(), cp) is False
    other = Verdict.CONTRADICTED if verdict is Verdict.SUPPORTED else Verdict.SUPPORTED
    assert tied_rows_disagree(POUNDS, rows, other, refs, Options(), cp) is True


def test_two_tied_rows_take_the_fast_path(refs, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two rows are already many: no judge() call for a figure or a range."""
    def refused(*args, **kw):
        raise AssertionError("judge() called")

    monkeypatch.setattr(verdicts, "judge", refused)
    assert tied_rows_disagree(FIGURE, _rows(_fact("87"), _fact("87")), Verdict.SUPPORTED,
                              refs, Options(), None) is False
    assert tied_rows_disagree(RANGE, _rows(_fact("85"), _fact("86")), Verdict.SUPPORTED,
                              refs, Options(), None) is False
