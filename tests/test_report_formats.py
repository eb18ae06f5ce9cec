"""Properties of each format beyond the golden files: escaping, types, structure."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import re

import pytest

from claimcheck.model import Verdict
from claimcheck.report import FORMATS, make_report, render
from claimcheck.report.ci import escape_data, escape_property
from claimcheck.report.data import inert

from golden.sample import DOCUMENTS, checked, claims


@pytest.mark.parametrize("cell, expected", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("٥ ملايين", "٥ ملايين"), ("a=b", "a=b"),
])
def test_inert(cell, expected):
    assert inert(cell) == expected


def test_csv_types_and_injection():
    raw = render(checked(), "csv")
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[:6] == ["file", "line", "column", "start", "end", "text"]
    rec = dict(zip(header, body[-2], strict=True))  # the -5 billion claim
    assert rec["value"] == "-5000000000"            # a negative number stays a number
    assert rec["reference_value"] == "-5000000"
    assert rec["text"] == "'-5 مليارات جنيه"       # text that starts with - is made inert
    assert rec["reference_source"].startswith("'=HYPERLINK")
    assert rec["explanation"].startswith("'=1+1")
    for row in body:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")) or cell == ""


def test_csv_header_of_an_empty_check_run_keeps_the_evidence_columns():
    raw = render([], "csv", checked=True).decode("utf-8-sig")
    assert raw.splitlines()[0].endswith("delta,match_score,explanation,related,expected")


@pytest.mark.parametrize("text, expected", [
    ("a%b", "a%25b"), ("a\nb", "a%0Ab"), ("a\r\nb", "a%0D%0Ab"), ("a::b", "a::b"), ("%0A", "%250A"),
])
def test_github_escape_data(text, expected):
    assert escape_data(text) == expected


def test_github_escape_property():
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_crafted_text_cannot_break_out():
    items = checked()
    evil = dataclasses.replace(items[0], explanation="line1\n::error file=x::injected %0A 100%")
    out = render([evil], "github").decode()
    assert out.count("\n") == 1                     # one annotation, one line
    assert "\n::error file=x" not in out
    assert "%0A::error file=x::injected %250A 100%25" in out
    props = out.split("::")[1]
    assert "file=drafts/budget%2C v2%3Afinal.md" in props
    assert "title=claimcheck%3A contradicted (value_mismatch)" in props


def test_github_most_important_first_and_no_supported():
    lines = render(checked(), "github").decode().splitlines()
    levels = [line.split(" ", 1)[0] for line in lines]
    assert levels == ["::error", "::error", "::error", "::warning"]


def test_html_escapes_everything():
    items = checked()
    evil_claim = dataclasses.replace(items[0].claim, sentence="<img src=x onerror=alert(1)>")
    evil = dataclasses.replace(items[0], claim=evil_claim, explanation="<script>alert(2)</script>",
                               reference_source="javascript:alert(3)")
    page = render([evil, *items[1:]], "html", documents=DOCUMENTS,
                  suppressed=[], baselined=0).decode()
    # the one script is the report's own filter script, allowed by its hash
    from claimcheck.report.html import SCRIPT, SCRIPT_HASH
    assert page.count("<script>") == 1 and f"<script>{SCRIPT}</script>" in page
    assert "<script>alert" not in page and "&lt;script&gt;alert(2)" in page
    assert f"script-src 'sha256-{SCRIPT_HASH}'" in page and "unsafe-inline'; img" in page
    assert "<img" not in page
    assert 'href="javascript' not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert page.count('<mark class="claim') == len(items)
    assert re.search(r'<html lang="ar" dir="rtl">', page)


def test_html_without_documents_still_marks_every_claim():
    page = render(checked(), "html").decode()
    assert page.count('<mark class="claim') == len(checked())


def test_html_extract_only_has_no_verdict_colours():
    page = render(claims(), "html", documents=DOCUMENTS).decode()
    assert page.count('<mark class="claim v-claim"') == len(claims())
    assert "v-contradicted\"" not in page.split("<main>")[1]


def test_sarif_structure():
    doc = json.loads(render(checked(), "sarif", suppressed=checked()[-1:]))
    assert doc["version"] == "2.1.0"
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len(rules) == 21 and rules[0]["id"] == "exact"
    first = run["results"][0]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"]
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (3, 41)
    assert region["endColumn"] - region["startColumn"] == len("4.3 مليار دولار")
    assert "deficit-2023" in first["message"]["text"]
    levels = {r["ruleId"]: (r["level"], r["kind"]) for r in run["results"]}
    assert levels["value_mismatch"] == ("error", "fail")
    assert levels["period_not_covered"] == ("warning", "fail")
    assert levels["inconsistent_elapsed"] == ("error", "fail")
    flagged = next(r for r in run["results"] if r["ruleId"] == "inconsistent_elapsed")
    assert [loc["physicalLocation"]["region"]["snippet"]["text"] for loc in flagged["relatedLocations"]] \
        == ["عام 2023", "15 في المائة"]
    assert not any("relatedLocations" in r for r in run["results"] if r is not flagged)
    assert levels["exact"] == ("none", "pass")
    assert sum(1 for r in run["results"] if r.get("suppressions")) == 1


def test_xlsx_reads_back():
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(render(checked(), "xlsx", suppressed=checked()[-1:])))
    ws = wb["الادعاءات"]
    assert ws.sheet_view.rightToLeft is True
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref.startswith("A1:")
    header = [c.value for c in ws[1]]
    # Arabic headers; the explanation right beside the claim, then verdict and reason
    assert header[:8] == ["الملف", "السطر", "العمود", "الادعاء", "الشرح", "الحكم", "السبب", "النوع"]
    rows = [dict(zip(header, [c.value for c in r], strict=True)) for r in ws.iter_rows(min_row=2)]
    assert len(rows) == len(checked()) + 1                   # the suppressed one, marked
    assert rows[0]["القيمة"] == 4300000000 and isinstance(rows[0]["القيمة"], int)
    assert ws.cell(2, header.index("القيمة") + 1).number_format == "#,##0"
    assert ws.cell(2, header.index("الفرق") + 1).number_format == "0.0%"
    assert rows[0]["الحكم"] == "مخالف للمرجع" and rows[0]["السبب"] == "قيمة مخالفة"
    assert rows[0]["النوع"] == "مبلغ"
    assert rows[5]["القيمة"] == -5000000000              # negative number stays a number
    assert rows[3]["قيمة المرجع"] == 17.5
    formula = ws.cell(7, header.index("الشرح") + 1)
    assert formula.value.startswith("=") and formula.data_type == "s"   # text, never a formula
    assert ws.cell(2, header.index("الشرح") + 1).alignment.wrap_text is True
    assert 30 < ws.column_dimensions["E"].width <= 60         # the explanation, fitted and wrapped
    assert ws.column_dimensions["B"].width < 10               # a line number is narrow
    assert [r["الحالة"] for r in rows].count("مكتوم بتعليق") == 1
    src = ws.cell(2, header.index("المصدر") + 1)
    assert src.hyperlink is not None and src.hyperlink.target.startswith("https://example.org/")
    bad = ws.cell(7, header.index("المصدر") + 1)
    assert bad.hyperlink is None
    verdict_cell = ws.cell(2, header.index("الحكم") + 1)
    assert verdict_cell.fill.fgColor.rgb.endswith("F8D7DA")
    sheet = wb["الملخص"]
    assert [c.value for c in sheet[1]] == ["البند", "القيمة", "العدد"]
    summary = {(r[0].value, r[1].value): r[2].value for r in sheet.iter_rows(min_row=2)}
    assert summary[("الادعاءات", "كل الادعاءات")] == len(checked())
    assert summary[("الحكم", "مخالف للمرجع")] == 2
    assert summary[("الحكم", "تناقض داخلي")] == 1               # the document's own figures disagree
    assert summary[("السبب", "خطأ في المرتبة (ألف/مليون/مليار)")] == 1
    assert summary[("الحالة", "مكتوم بتعليق")] == 1
    assert sheet.sheet_view.rightToLeft is True


def test_xlsx_in_english_and_stdin_named_plainly():
    from openpyxl import load_workbook

    items = [dataclasses.replace(i, claim=dataclasses.replace(i.claim, file="-")) for i in checked()]
    wb = load_workbook(io.BytesIO(render(items, "xlsx", lang="en")))
    ws = wb["Claims"]
    assert ws.sheet_view.rightToLeft is False
    assert [c.value for c in ws[1]][:3] == ["File", "Line", "Column"]
    assert {c.value for c in ws["A"][1:]} == {"-"}           # not '-
    assert render(items, "csv").decode("utf-8-sig").splitlines()[1].startswith("-,")


def test_table_colours_only_when_asked():
    plain = render(checked(), "table").decode()
    assert "\x1b[" not in plain
    coloured = render(checked(), "table", color=True).decode()
    assert "\x1b[31" in coloured and "\x1b[32" in coloured
    assert "\u2067«4.3 مليار دولار»\u2069" in plain  # Arabic isolated right-to-left


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_handles_no_claims(fmt):
    assert isinstance(render([], fmt), bytes)
    assert isinstance(render([], fmt, checked=True), bytes)


def test_records_are_the_same_in_json_and_jsonl():
    as_json = json.loads(render(checked(), "json"))
    as_jsonl = [json.loads(x) for x in render(checked(), "jsonl").decode().splitlines()]
    assert as_json == as_jsonl == make_report(checked()).records()
    assert [r["file"] for r in as_json] == sorted(r["file"] for r in as_json)


def test_unknown_format():
    with pytest.raises(ValueError):
        render([], "pdf")


def test_verdict_counts():
    counts = make_report(checked()).verdict_counts()
    assert counts == {Verdict.CONTRADICTED: 3, Verdict.UNVERIFIABLE: 1, Verdict.SUPPORTED: 3}
