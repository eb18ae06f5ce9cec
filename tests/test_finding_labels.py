"""One vocabulary for a consistency finding (SPEC §6: the document's own figures
disagree, no table involved): every human format calls it «تناقض داخلي» /
"inconsistent", never «مخالف للمرجع» / "contradicted"; a table's contradiction
keeps «مخالف للمرجع»; machine formats keep the verdict code."""
from __future__ import annotations

import dataclasses
import io
import json
import re

import pytest

from claimcheck.lang import display
from claimcheck.model import CONSISTENCY_REASONS, Reason, Verdict
from claimcheck.report import render
from claimcheck.report.base import finding_of

from golden.sample import DOCUMENTS, checked

WORDS = {"ar": ("تناقض داخلي", "مخالف للمرجع"), "en": ("inconsistent", "contradicted")}


def read(page: str) -> str:
    """What a person reads of a page: no style, script, tags or attributes."""
    page = re.sub(r"<(style|script)>.*?</\1>", "", page, flags=re.S)
    return re.sub(r"<[^>]+>", "", page)


def own_and_table() -> list:
    """The sample's inconsistency, and its contradiction by a table."""
    items = checked()
    own = [i for i in items if i.reason in CONSISTENCY_REASONS]
    table = [i for i in items if i.verdict is Verdict.CONTRADICTED and i.reason not in CONSISTENCY_REASONS]
    assert own and table
    return own[:1] + table[:1]


def test_every_consistency_reason_is_a_contradiction_read_as_inconsistent() -> None:
    from claimcheck.model import REASON_VERDICT

    assert {r for r in Reason if r.value.startswith("inconsistent_")} <= CONSISTENCY_REASONS
    assert all(REASON_VERDICT[r] is Verdict.CONTRADICTED for r in CONSISTENCY_REASONS)
    own, table = own_and_table()
    assert (finding_of(own), finding_of(table)) == ("inconsistent", "contradicted")


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_text_formats_name_it_inconsistent(fmt: str, lang: str) -> None:
    own, table = own_and_table()
    inconsistent, contradicted = WORDS[lang]
    alone = read(render([own], fmt, lang=lang, documents=DOCUMENTS).decode())
    # beyond the counts of zero, no word of a table's contradiction
    assert inconsistent in alone
    assert contradicted not in re.sub(rf"{contradicted}[\s\u2068\u2069|:]*0(?!\d)", "", alone)
    both = read(render([own, table], fmt, lang=lang, documents=DOCUMENTS).decode())
    assert inconsistent in both and contradicted in both


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_spreadsheet_names_it_inconsistent(lang: str) -> None:
    from openpyxl import load_workbook

    own, table = own_and_table()
    wb = load_workbook(io.BytesIO(render([own, table], "xlsx", lang=lang)))
    claims, summary = wb.worksheets[0], wb.worksheets[1]
    header = [c.value for c in claims[1]]
    verdicts = [row[header.index(display.label("column", "verdict", lang))].value
                for row in claims.iter_rows(min_row=2)]
    assert sorted(verdicts) == sorted(WORDS[lang])
    counted = {r[1].value: r[2].value for r in summary.iter_rows(min_row=2)}
    assert counted[WORDS[lang][0]] == 1 and counted[WORDS[lang][1]] == 1


def test_the_summary_line_counts_it_apart_and_only_when_there_is_one() -> None:
    own, table = own_and_table()
    both = render([own, table], "table", lang="en").decode().splitlines()[-1]
    assert "contradicted 1" in both and "inconsistent 1" in both
    none = render([table], "table", lang="en").decode().splitlines()[-1]
    assert "inconsistent" not in none


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "sarif"])
def test_machine_formats_keep_the_verdict_code(fmt: str) -> None:
    own, _ = own_and_table()
    out = render([own], fmt).decode("utf-8-sig")
    assert "contradicted" in out or "error" in out
    assert "inconsistent\"" not in out and "تناقض داخلي" not in out
    if fmt == "jsonl":
        assert json.loads(out.splitlines()[0])["verdict"] == "contradicted"


def test_a_new_reason_is_never_hidden() -> None:
    own, _ = own_and_table()
    odd = dataclasses.replace(own, reason=Reason.VALUE_MISMATCH)
    assert finding_of(odd) == "contradicted"
